"""The report merges: each run replaces only the pages it produced well.

Split from :mod:`sqmkit.report`. A run builds its report in a temporary sibling of OUT
(:mod:`sqmkit.report_folder`); before the swap, :func:`merge_pages` brings in what the previous
report had and this run does not replace:

* ``--only``: the pages of the notebooks not run — each page's files (page, executed notebook,
  ``results/``, ``tables/``, ``logs/``, a stale page's ``failed/`` files) are copied byte for byte,
  with their run.json entry;
* a notebook that **fails** while the previous report has a good page of it: that page and its
  files stay, marked **stale** (``status: "stale"``, and ``stale``: this run, its error, and this
  run's files — the executed notebook ``failed/NAME.ipynb``, its page ``failed/NAME.html``, its
  kernel log ``failed/NAME.kernel.log``, the tracebacks ``logs/NAME.errors.log``);
* a notebook that runs well replaces its page (and clears a stale mark);
* whatever the previous report held that sqmkit did not write (:func:`carry_foreign`).

Each run.json entry (one per page) holds the fields of :class:`sqmkit.runner.NotebookResult` of the
run that produced the page, ``status`` (``ok``, ``failed`` — no good page yet —, ``stale``),
``files`` and ``run`` (``id``, ``started``, ``parameters``, ``status`` of that run). Pages of a
report of sqmkit 0.1 are read as produced by its one run (:func:`previous_pages`).
"""
from __future__ import annotations

import os
import shutil
from dataclasses import asdict
from pathlib import Path, PurePosixPath
from typing import Any

from sqmkit.glossary import message

__all__ = ["previous_pages", "good_pages", "merge_pages", "carry_foreign", "page_of"]


def _safe(rel: Any) -> bool:
    """A relative path inside the report (run.json is data: never follow it out of the folder)."""
    if not isinstance(rel, str) or not rel or "\\" in rel:
        return False
    path = PurePosixPath(rel)
    return not path.is_absolute() and ".." not in path.parts and path.parts[0] not in (".work",)


def _upgrade(entry: dict[str, Any], log: dict[str, Any], folder: Path) -> dict[str, Any]:
    """A page entry of a report of sqmkit 0.1: its files found by name, its run the report's one run."""
    name = entry["name"]
    files = [rel for rel in (entry.get("html"), entry.get("notebook"), f"results/{name}.json",
                             f"logs/{name}.kernel.log", f"logs/{name}.errors.log")
             if _safe(rel) and (folder / rel).is_file()]
    tables = folder / "tables"
    if tables.is_dir():
        files += [f"tables/{p.name}" for p in sorted(tables.glob(f"{name}__*.csv")) if p.is_file()]
    return {**entry, "files": sorted(set(files)),
            "run": {"id": f"0.1-{log.get('started', '')}", "started": log.get("started"),
                    "parameters": entry.get("parameters") or {}, "status": entry.get("status")}}


def previous_pages(previous: Any) -> dict[str, dict[str, Any]]:
    """The pages of the previous report (a :class:`sqmkit.report_folder.Previous`, or None): name -> entry."""
    if previous is None:
        return {}
    pages: dict[str, dict[str, Any]] = {}
    listed = None if previous.marker is None else {str(f) for f in previous.marker.get("files") or []}
    for entry in previous.log.get("notebooks") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        if previous.kind == "0.1" or not isinstance(entry.get("run"), dict):
            entry = _upgrade(entry, previous.log, previous.path)
        else:
            entry = dict(entry)

        def own(files: Any) -> list[str]:  # only what sqmkit wrote there (the marker's list)
            return [f for f in files or [] if _safe(f) and (listed is None or f in listed)]

        entry["files"] = own(entry.get("files"))
        if isinstance(entry.get("stale"), dict):
            entry["stale"] = {**entry["stale"], "files": own(entry["stale"].get("files"))}
        pages[entry["name"]] = entry
    return pages


def good_pages(prior: dict[str, dict[str, Any]], folder: Path | None = None) -> set[str]:
    """Notebooks whose previous page is good (``ok``, or ``stale``: a good page kept) and still there."""
    found = set()
    for name, entry in prior.items():
        html = entry.get("html")
        if entry.get("status") in ("ok", "stale") and _safe(html) and html in entry.get("files", []):
            if folder is None or (folder / html).is_file():
                found.add(name)
    return found


def _copy(source: Path, target: Path, files: list[str]) -> list[str]:
    """Copy the files of a page byte for byte (and their times); return those copied."""
    copied = []
    for rel in files:
        src, dst = source / rel, target / rel
        if not _safe(rel) or src.is_symlink() or not src.is_file() or dst.exists() or dst.is_symlink():
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)
        copied.append(rel)
    return copied


def page_of(result: Any, run: dict[str, Any]) -> dict[str, Any]:
    """The run.json entry of a page produced by ``result`` (a NotebookResult) in ``run``."""
    entry = asdict(result) if hasattr(result, "__dataclass_fields__") else dict(result)
    entry.pop("kept", None)
    entry["run"] = {**run, "parameters": entry.get("parameters") or {}, "status": entry.get("status")}
    return entry


def merge_pages(folder: Path, summary: Any, previous: Any, prior: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Bring the previous report's pages this run keeps into ``folder``; return every page's entry, by name.

    ``summary``: the run (``notebooks`` it ran, ``run_id``, ``started``, ``only``); ``prior``:
    :func:`previous_pages` (empty: nothing is kept, e.g. the report of another workbook).
    """
    folder = Path(folder)
    source = previous.path if previous is not None else None
    run = {"id": getattr(summary, "run_id", ""), "started": summary.started}
    pages: dict[str, dict[str, Any]] = {}
    for result in summary.notebooks:
        entry = page_of(result, run)
        old = prior.get(result.name)
        if getattr(result, "kept", False) and old is not None and source is not None:
            stale = {key: entry.get(key) for key in ("section", "reason", "ename", "evalue", "cell_index", "failures",
                                                     "duration_s", "notebook", "html", "files")}
            stale["run"] = entry["run"]
            page = {k: v for k, v in old.items() if k != "stale"}
            page.update(status="stale", files=_copy(source, folder, old.get("files") or []), stale=stale)
            pages[result.name] = page
        else:
            pages[result.name] = entry
    if getattr(summary, "only", None) is not None and source is not None:
        for name, old in prior.items():
            if name in pages:
                continue
            page = dict(old)
            page["files"] = _copy(source, folder, old.get("files") or [])
            if isinstance(old.get("stale"), dict):
                page["stale"] = {**old["stale"], "files": _copy(source, folder, old["stale"].get("files") or [])}
            pages[name] = page
    return [pages[name] for name in sorted(pages)]


def carry_foreign(previous: Any, folder: Path, stamp: str) -> tuple[list[str], list[str]]:
    """Copy into ``folder`` what the previous report held that sqmkit did not write; return (paths, notes).

    Each entry keeps its place; links stay links. One whose place this run writes itself is kept beside
    it as ``NAME (kept STAMP).EXT`` and a note says so. Returns the paths in ``folder`` (for the marker,
    which lists only sqmkit's files).
    """
    if previous is None or not previous.foreign:
        return [], []
    carried, notes = [], []
    stamp = "-".join(stamp.split("-")[:2])
    for rel in previous.foreign:
        src, dst = previous.path / rel.rstrip("/"), folder / rel.rstrip("/")
        if rel.endswith("/"):  # an empty folder of the user's
            if not dst.exists():
                dst.mkdir(parents=True)
            continue
        if dst.exists() or dst.is_symlink():
            moved = dst.with_name(f"{dst.stem} (kept {stamp}){dst.suffix}")
            notes.append(message("cmd_note_foreign_kept", path=previous.path / rel, moved=moved))
            dst = moved
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), dst)
        else:
            shutil.copy2(src, dst)
        carried.append(dst.relative_to(folder).as_posix())
    return carried, notes
