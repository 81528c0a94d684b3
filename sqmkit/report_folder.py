"""The report folder: what a run may replace, the marker, leftovers of interrupted runs, the swap.

Split from :mod:`sqmkit.runner`. A run never deletes or overwrites what sqmkit did not make:

* **A folder is a report only if sqmkit's marker says so.** ``OUT/.sqmkit-report`` is a JSON
  object: ``kind`` ``"sqmkit-report"``, ``format`` (:data:`FORMAT`; a newer format is refused, not
  replaced), ``state`` (``building`` while a run writes it, ``complete`` once finished), ``run_id``,
  ``owner`` (process id, host, boot id and process start time of that run), ``sqmkit`` (version) and
  ``files`` (every file sqmkit wrote there). Whatever else a marked report holds (notes, a
  ``.DS_Store``) was not written by sqmkit and is carried over into the next report.
* **Reports of sqmkit 0.1** (before the marker) are unmarked: such a folder is taken for a report
  only when it is provably sqmkit's — its ``run.json`` has sqmkit's shape and the folder holds
  nothing but the files 0.1 writes (:func:`foreign_entries_0_1`). Anything else is refused and
  left exactly as it is.
* **Siblings.** A run builds its report in ``.OUT.tmp-<run id>`` (created by this run: ``mkdir``
  fails on an existing name), moves the previous report to ``.OUT.old-<run id>``, moves the new one
  in and removes the old one (:func:`swap`). The run id is unique (time, process id, random part),
  so no folder of the user's is ever taken for one of these; ``OUT.previous`` is never used.
* **Leftovers.** A run killed (SIGKILL, power cut) leaves its ``.OUT.tmp-<run id>`` behind; the next
  run into OUT removes it when the marker names that run id and its process is provably gone
  (same host, and no process with that id and start time), and puts ``.OUT.old-<run id>`` back
  when the kill came between the two moves of the swap (:func:`settle_leftovers`). A live run
  into the same OUT is not disturbed: the second run is refused.

Every function here raises :class:`~sqmkit.exceptions.ConfigError` for a folder it will not use,
with the fix, before anything runs.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import secrets
import shutil
import signal
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from sqmkit.exceptions import ConfigError
from sqmkit.glossary import message

__all__ = ["MARKER", "FORMAT", "Previous", "new_run_id", "owner", "process_state", "read_marker", "write_marker",
           "check_placement", "check_parent", "inspect_out", "settle_leftovers", "make_run_folder", "swap", "keep",
           "deferred_interrupts", "foreign_entries_0_1", "tmp_name", "old_name"]

MARKER = ".sqmkit-report"
FORMAT = 1
_KIND = "sqmkit-report"
_MARKER_MAX_BYTES = 16 * 2**20
#: what sqmkit 0.1 wrote at the top of a report, and in its folders (folder -> file suffix)
_TOP_0_1 = {"index.html", "run.json", "results.json", "tables.xlsx"}
_FOLDERS_0_1 = {"notebooks": ".ipynb", "tables": ".csv", "results": ".json", "logs": ".log"}
_LISTED = 5


def tmp_name(out: Path, run_id: str) -> Path:
    """Where a run builds its report: ``.OUT.tmp-<run id>`` next to OUT."""
    return out.with_name(f".{out.name}.tmp-{run_id}")


def old_name(out: Path, run_id: str) -> Path:
    """Where the previous report waits during the swap: ``.OUT.old-<run id>`` next to OUT."""
    return out.with_name(f".{out.name}.old-{run_id}")


def new_run_id(now: _dt.datetime | None = None) -> str:
    """A unique run id: ``YYYYmmdd-HHMMSS-<pid>-<random>``."""
    now = now or _dt.datetime.now()
    return f"{now:%Y%m%d-%H%M%S}-{os.getpid()}-{secrets.token_hex(3)}"


# --------------------------------------------------------------------------------------------
# Which process wrote a folder, and is it still running?
# --------------------------------------------------------------------------------------------

def _boot_id() -> str | None:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip() or None
    except OSError:
        return None


def _proc_stat(pid: int) -> tuple[str, str] | None:
    """(state, start time in clock ticks since boot) of a process, from /proc (Linux); None elsewhere."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = text.rsplit(")", 1)[-1].split()
    return (fields[0], fields[19]) if len(fields) > 19 else None


def owner() -> dict[str, Any]:
    """This process as a marker records it: pid, host, boot id, start time (the last two where known)."""
    stat = _proc_stat(os.getpid())
    return {"pid": os.getpid(), "host": socket.gethostname(), "boot": _boot_id(), "since": stat[1] if stat else None}


def process_state(who: Any) -> str:
    """``"alive"``, ``"dead"`` (provably gone) or ``"unknown"`` (another host, or no record) for a marker's owner."""
    if not isinstance(who, dict) or not isinstance(who.get("pid"), int) or who.get("host") != socket.gethostname():
        return "unknown"
    pid = who["pid"]
    if who.get("boot") and _boot_id() and who["boot"] != _boot_id():
        return "dead"  # the machine restarted since
    if pid == os.getpid():
        return "alive"
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return "dead"
    except PermissionError:  # a process of another user has that id
        pass
    except OSError:
        return "unknown"
    stat = _proc_stat(pid)
    if stat is not None:
        if stat[0] in ("Z", "X"):  # exited, not yet reaped by its parent
            return "dead"
        if who.get("since") and stat[1] != who["since"]:
            return "dead"  # the id was reused by a later process
    return "alive"


# --------------------------------------------------------------------------------------------
# The marker
# --------------------------------------------------------------------------------------------

def read_marker(folder: Path) -> dict[str, Any] | None:
    """The marker of ``folder`` as a dict, or None when there is none (or it is not sqmkit's)."""
    path = folder / MARKER
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > _MARKER_MAX_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("kind") != _KIND or not isinstance(data.get("format"), int):
        return None
    if isinstance(data.get("format"), bool):
        return None
    return data


def write_marker(folder: Path, *, run_id: str, state: str, files: list[str] | None = None,
                 who: dict[str, Any] | None = None) -> Path:
    """Write ``folder/.sqmkit-report`` (see the module docstring)."""
    import sqmkit

    data = {"kind": _KIND, "format": FORMAT, "state": state, "run_id": run_id, "sqmkit": sqmkit.__version__,
            "written": _dt.datetime.now().astimezone().isoformat(timespec="seconds"), "owner": who or owner(),
            "files": sorted(files or [])}
    path = folder / MARKER
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# Where OUT may be, and what it holds
# --------------------------------------------------------------------------------------------

def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_placement(out: Path, *, workbook: Path, notebooks: Path | None = None) -> None:
    """Refuse an ``--out`` that is, holds or is inside the workbook (or the notebooks folder given).

    A run replaces OUT as a whole, so OUT must not hold the user's workbook or notebooks; and the report
    of a workbook goes beside it, never into it (the workbook stays the client's data only).
    """
    shown = {"out": repr(str(out)), "workbook": repr(str(workbook)),
             "suggest": repr(str(workbook.parent / f"{workbook.name}-report"))}
    if out == workbook:
        raise ConfigError(message("cmd_out_is_workbook", **shown))
    if _inside(workbook, out):
        raise ConfigError(message("cmd_out_holds_workbook", **shown))
    if _inside(out, workbook):
        raise ConfigError(message("cmd_out_inside_workbook", **shown))
    if notebooks is not None and _inside(notebooks, out):
        raise ConfigError(message("cmd_out_holds_notebooks", out=shown["out"], notebooks=repr(str(notebooks)),
                                  suggest=repr(str(notebooks.parent / "sqmkit-out"))))


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def _probe(folder: Path, out: Path, what: str) -> None:
    """Create and remove an empty folder in ``folder``: the run will need to (as root, too).

    ``what``: ``"parent"`` (the folder that will hold OUT) or ``"out"`` (OUT itself).
    """
    import tempfile

    try:
        os.rmdir(tempfile.mkdtemp(prefix=".sqmkit-probe-", dir=folder))
    except OSError as err:
        raise ConfigError(message(f"cmd_out_unwritable_{what}", out=repr(str(out)), folder=repr(str(folder)),
                                  reason=err.strerror or err)) from None


def check_parent(out: Path) -> None:
    """The folder that will hold OUT (its nearest existing parent) must be a writable folder."""
    base = _nearest_existing(out.parent)
    if not base.is_dir():
        raise ConfigError(message("cmd_out_parent_is_file", out=repr(str(out)), base=repr(str(base))))
    _probe(base, out, "parent")


@dataclass
class Previous:
    """The report OUT holds now, as the next run finds it."""

    path: Path
    kind: str                              # "report" (marked) or "0.1" (unmarked, provably sqmkit's)
    log: dict[str, Any]                    # its run.json ({} when unreadable)
    marker: dict[str, Any] | None = None
    foreign: list[str] = field(default_factory=list)   # what sqmkit did not write: carried into the next report

    @property
    def workbook(self) -> str:
        return str(self.log.get("workbook") or "")


def _listing(entries: list[str]) -> Any:
    shown = ", ".join(entries[:_LISTED])
    return message("cmd_listing_more", shown=shown, n=len(entries) - _LISTED) if len(entries) > _LISTED else shown


def _files_under(folder: Path, prefix: str = "") -> list[str]:
    """Every file, link and special entry under ``folder`` (relative, links not followed)."""
    out: list[str] = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        rel = f"{prefix}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            inner = _files_under(Path(entry.path), rel + "/")
            out += inner or [rel + "/"]
        else:
            out.append(rel)
    return out


def _sqmkit_run_log(log: Any) -> bool:
    """Whether a parsed run.json has the shape sqmkit writes (0.1 and later)."""
    if not isinstance(log, dict) or not isinstance(log.get("notebooks"), list) or not isinstance(log.get("started"), str):
        return False
    versions = log.get("versions")
    if not isinstance(versions, dict) or "sqmkit" not in versions:
        return False
    return all(isinstance(nb, dict) and isinstance(nb.get("name"), str) and nb.get("status") in ("ok", "failed", "stale")
               for nb in log["notebooks"])


def foreign_entries_0_1(folder: Path, names: set[str] | None = None) -> list[str]:
    """What an unmarked folder holds that sqmkit 0.1 never wrote (relative paths; a folder ends in ``/``).

    0.1 wrote ``index.html``, ``run.json``, ``results.json``, ``tables.xlsx``, one ``NAME.html`` per
    notebook, ``notebooks/NAME.ipynb``, ``tables/*.csv``, ``results/*.json`` and ``logs/*.log`` — plain
    files, never links. ``names``: the notebooks its run.json lists (None: any name).
    """
    foreign: list[str] = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        name = entry.name
        if entry.is_symlink():
            foreign.append(name)
        elif entry.is_dir():
            suffix = _FOLDERS_0_1.get(name)
            if suffix is None:
                foreign += _files_under(Path(entry.path), name + "/") or [name + "/"]
                continue
            for sub in sorted(os.scandir(entry.path), key=lambda e: e.name):
                ok = (not sub.is_symlink() and sub.is_file() and sub.name.endswith(suffix)
                      and not sub.name.startswith("."))
                if ok and name == "notebooks" and names is not None:
                    ok = sub.name[: -len(suffix)] in names
                if not ok:
                    foreign += ([f"{name}/{sub.name}"] if not sub.is_dir() or sub.is_symlink()
                                else _files_under(Path(sub.path), f"{name}/{sub.name}/") or [f"{name}/{sub.name}/"])
        elif entry.is_file():
            page = name.endswith(".html") and (names is None or name[:-5] in names)
            if name not in _TOP_0_1 and not page:
                foreign.append(name)
        else:
            foreign.append(name)
    return foreign


def _foreign_in_report(folder: Path, marker: dict[str, Any]) -> list[str]:
    """Entries of a marked report that its marker does not list as sqmkit's (carried into the next report).

    Raises
    ------
    ConfigError
        For a named pipe, socket or device among them: it cannot be carried over, and is never removed.
    """
    import stat

    listed = {str(f) for f in marker.get("files") or []}
    foreign = [rel for rel in _files_under(folder) if rel != MARKER and rel not in listed]
    special = [rel for rel in foreign if not rel.endswith("/")
               and not (stat.S_ISREG(mode := os.lstat(folder / rel).st_mode) or stat.S_ISLNK(mode))]
    if special:
        raise ConfigError(message("cmd_out_special_file", out=repr(str(folder)), entries=_listing(special)))
    return foreign


def inspect_out(out: Path) -> Previous | None:
    """What OUT holds: None (absent or empty), the previous report, or a ConfigError (never replaced).

    Raises
    ------
    ConfigError
        OUT is a file, cannot be read, is a mount point, cannot be written, is a report of a newer
        sqmkit, or is not an sqmkit report (no marker, and not provably a report of sqmkit 0.1).
    """
    if not out.exists() and not out.is_symlink():
        return None
    if out.is_symlink() or not out.is_dir():
        raise ConfigError(message("cmd_out_is_link" if out.is_symlink() else "cmd_out_is_file", out=repr(str(out))))
    try:
        entries = sorted(e.name for e in os.scandir(out))
    except OSError as err:
        raise ConfigError(message("cmd_out_unreadable", out=repr(str(out)), reason=err.strerror or err)) from None
    if os.path.ismount(out):
        raise ConfigError(message("cmd_out_mount_point", out=repr(str(out)), inside=repr(str(out / "sqmkit-out"))))
    if not entries:
        _probe(out, out, "out")
        return None
    marker = read_marker(out)
    previous: Previous
    if marker is not None:
        if marker["format"] > FORMAT:
            raise ConfigError(message("cmd_out_newer_report", out=repr(str(out)), version=marker.get("sqmkit", "?"),
                                      format=marker["format"], this=_version(), known=FORMAT))
        previous = Previous(out, "report", _read_log(out), marker, _foreign_in_report(out, marker))
    elif "run.json" in entries:
        log = _read_log(out)
        sqmkits = _sqmkit_run_log(log)
        foreign = foreign_entries_0_1(out, {nb["name"] for nb in log["notebooks"]} if sqmkits else None)
        if foreign or not sqmkits:
            if foreign and sqmkits:
                key, fix = "cmd_out_run_json_foreign", "cmd_out_fix_new_folder_or_0_1"
            else:
                key, fix = ("cmd_out_run_json_foreign_not_sqmkit" if foreign else "cmd_out_run_json_not_sqmkit",
                            "cmd_out_fix_new_folder")
            raise ConfigError(message(key, out=repr(str(out)), marker=MARKER, entries=_listing(foreign),
                                      fix=message(fix)))
        previous = Previous(out, "0.1", log)
    else:
        raise ConfigError(message("cmd_out_not_a_report", out=repr(str(out)), marker=MARKER))
    _probe(out, out, "out")
    return previous


def _read_log(folder: Path) -> dict[str, Any]:
    try:
        log = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return log if isinstance(log, dict) else {}


def _version() -> str:
    import sqmkit

    return sqmkit.__version__


# --------------------------------------------------------------------------------------------
# Leftovers of interrupted runs
# --------------------------------------------------------------------------------------------

_STAMP_0_1 = re.compile(r"^\d{8}-\d{6}-(\d+)$")


def _siblings(out: Path, kind: str) -> list[tuple[Path, str]]:
    prefix = f".{out.name}.{kind}-"
    try:
        entries = list(os.scandir(out.parent))
    except OSError:
        return []
    return [(Path(e.path), e.name[len(prefix):]) for e in entries
            if e.name.startswith(prefix) and e.is_dir(follow_symlinks=False)]


def _remove(folder: Path, notes: list[str], what: str) -> None:
    """Remove a leftover; ``what`` is the message key saying what it was."""
    shutil.rmtree(folder, ignore_errors=True)
    if not folder.exists():
        notes.append(message("cmd_note_removed", folder=folder, what=message(what)))


def settle_leftovers(out: Path) -> list[str]:
    """Remove what interrupted runs into OUT left behind (only sqmkit's own, provably); return notes.

    * ``.OUT.tmp-<id>`` whose marker names run ``<id>`` and whose process is gone: removed; when OUT is
      missing and ``.OUT.old-<id>`` holds the report moved aside by that run, that report is put back.
    * ``.OUT.old-<id>`` (a marked report) of a run that is gone and whose new report is OUT (OUT's
      marker names run ``<id>``): removed.
    * ``.OUT.tmp-YYYYmmdd-HHMMSS-PID`` of sqmkit 0.1 (no marker): removed when no process PID runs and
      it holds nothing but the files 0.1 writes.

    Anything else is left alone. A live run into the same OUT (on this host) is refused.

    Raises
    ------
    ConfigError
        When another sqmkit run is writing into OUT right now.
    """
    notes: list[str] = []
    current = read_marker(out) if out.is_dir() and not out.is_symlink() else None
    olds = dict((run_id, path) for path, run_id in _siblings(out, "old"))
    for path, run_id in _siblings(out, "tmp"):
        marker = read_marker(path)
        if marker is None:
            match = _STAMP_0_1.match(run_id)
            if match and process_state({"pid": int(match.group(1)), "host": socket.gethostname()}) == "dead":
                try:
                    if not foreign_entries_0_1(path):
                        _remove(path, notes, "cmd_leftover_0_1")
                except OSError:
                    pass
            continue
        if marker.get("run_id") != run_id:
            continue
        state = process_state(marker.get("owner"))
        if state == "alive":
            since = str(marker.get("written") or "?")
            raise ConfigError(message("cmd_out_busy_run", pid=marker["owner"]["pid"], since=since, out=repr(str(out))))
        if state != "dead":
            continue
        old = olds.pop(run_id, None)
        if old is not None and not out.exists() and read_marker(old) is not None:
            try:  # killed between the two moves of the swap: the previous report goes back
                os.replace(old, out)
                notes.append(message("cmd_note_put_back", out=out))
            except OSError:
                pass
        _remove(path, notes, "cmd_leftover_tmp")
    for run_id, old in olds.items():
        if current is None or current.get("run_id") != run_id or read_marker(old) is None:
            continue
        if process_state(current.get("owner")) == "dead":
            _remove(old, notes, "cmd_leftover_old")
    return notes


def make_run_folder(out: Path, run_id: str) -> Path:
    """Create ``.OUT.tmp-<run id>`` (never an existing folder) with a ``building`` marker naming this process."""
    tmp = tmp_name(out, run_id)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp.mkdir()  # FileExistsError rather than taking over a folder sqmkit did not create
    write_marker(tmp, run_id=run_id, state="building")
    return tmp


# --------------------------------------------------------------------------------------------
# The swap
# --------------------------------------------------------------------------------------------

@contextlib.contextmanager
def deferred_interrupts() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while the report is moved into place; deliver them right after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[tuple[int, Any]] = []
    saved = {}
    for sig in (signal.SIGINT, getattr(signal, "SIGTERM", None)):
        if sig is None:
            continue
        saved[sig] = signal.getsignal(sig)
        signal.signal(sig, lambda signum, frame: pending.append((signum, frame)))
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
        if pending:
            signum, frame = pending[0]
            handler = saved.get(signum)
            if callable(handler):
                handler(signum, frame)
            elif handler == signal.SIG_DFL:
                if signum == signal.SIGINT:
                    raise KeyboardInterrupt
                os.kill(os.getpid(), signum)


def swap(tmp: Path, out: Path, run_id: str) -> None:
    """Move the finished report ``tmp`` into ``out``; the previous report goes to ``.OUT.old-<run id>``, then away.

    When the new report cannot be moved in, the previous one is put back before the error is raised.
    Run it inside :func:`deferred_interrupts`: a Ctrl-C between the two moves would leave OUT missing
    (the next run puts the previous report back, see :func:`settle_leftovers`).
    """
    old = old_name(out, run_id)
    if old.exists() or old.is_symlink():  # pragma: no cover - the run id is unique
        raise FileExistsError(17, "File exists", str(old))
    moved = False
    if out.exists():
        os.replace(out, old)
        moved = True
    try:
        os.replace(tmp, out)
    except OSError:
        if moved:
            try:
                os.replace(old, out)
            except OSError:  # keep() says where the previous report is
                pass
        raise
    if moved:
        shutil.rmtree(old, ignore_errors=True)


def keep(tmp: Path, out: Path, run_id: str, err: OSError) -> ConfigError:
    """The finished report could not replace ``out``: keep it under a new visible name and say where."""
    stamp = run_id.split("-")[0] + "-" + run_id.split("-")[1] if run_id.count("-") >= 2 else run_id
    kept, n = out.with_name(f"{out.name}-{stamp}"), 2
    while kept.exists() or kept.is_symlink():  # never a folder that is already there
        kept, n = out.with_name(f"{out.name}-{stamp}-{n}"), n + 1
    try:
        os.replace(tmp, kept)
    except OSError:
        kept = tmp
    old = old_name(out, run_id)
    moved = message("cmd_kept_previous_in", old=repr(str(old))) if old.exists() and not out.exists() else ""
    return ConfigError(message("cmd_kept_report", out=repr(str(out)), reason=err.strerror or err, kept=repr(str(kept)),
                               moved=moved))
