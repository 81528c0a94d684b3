"""The validated tables of a run, kept in the run folder so every notebook reads the workbook once.

``sqmkit run`` validates the workbook (reads and checks every table once), then writes what it read here:
each table as ``tables/NAME.parquet`` (a table Parquet would not give back as it is, e.g. with a column of
mixed Python objects, is pickled with the rest) and what is not a table (the config with its notes, the files and
sheets each table came from, each frame's ``attrs``) as ``workbook.pickle``. The kernels get the folder in
:data:`CACHE_ENV`, and :func:`sqmkit.io.load_workbook` reads the tables from here in milliseconds instead of
parsing and checking the client's files again.

The cache is used only when it is the workbook asked for and its files have not changed since: the
fingerprint is the size and modification time of ``sqmkit.yaml`` and of every entry of ``data/``. Anywhere
else (a notebook opened live in JupyterLab, a test, a script) :data:`CACHE_ENV` is not set and the workbook
is read as always. The folder is written by sqmkit inside its own run folder; nothing else is trusted.
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import pandas as pd

from sqmkit.config import CONFIG_NAME

__all__ = ["CACHE_ENV", "save", "load"]

#: environment variable naming the cache folder of the running report (set by the runner in each kernel)
CACHE_ENV = "SQMKIT_TABLE_CACHE"
_META = "workbook.pickle"


def fingerprint(folder: Path) -> list[tuple[str, int, int]]:
    """Name, size and modification time of ``sqmkit.yaml`` and of each entry of ``data/``."""
    entries = [folder / CONFIG_NAME]
    data = folder / "data"
    if data.is_dir():
        entries += sorted(data.iterdir())
    stamps = []
    for path in entries:
        try:
            stat = path.stat()
        except OSError:
            continue
        stamps.append((str(path.relative_to(folder)), stat.st_size, stat.st_mtime_ns))
    return stamps


def _frame_file(cache: Path, name: str) -> Path:
    return cache / "tables" / f"{name}.parquet"


def _parquet_faithful(frame: pd.DataFrame) -> bool:
    """Parquet gives this frame back as it is: no ``object`` column (it would come back as text) and text names."""
    return (all(isinstance(c, str) for c in frame.columns)
            and not any(pd.api.types.is_object_dtype(dtype) for dtype in frame.dtypes))


def save(workbook: Any, cache: str | Path) -> Path:
    """Write the validated ``workbook`` (a :class:`sqmkit.io.Workbook`) into the folder ``cache`` (created)."""
    cache = Path(cache)
    (cache / "tables").mkdir(parents=True, exist_ok=True)
    pickled: dict[str, pd.DataFrame] = {}
    for name, frame in workbook.tables.items():
        plain = frame.copy(deep=False)
        plain.attrs = {}
        if _parquet_faithful(plain):
            try:
                plain.to_parquet(_frame_file(cache, name))
                continue
            except (TypeError, ValueError, NotImplementedError, OverflowError):  # Arrow cannot hold a column
                _frame_file(cache, name).unlink(missing_ok=True)
        pickled[name] = plain
    meta = {"path": str(workbook.path), "fingerprint": fingerprint(workbook.path), "config": workbook.config,
            "files": workbook.files, "sources": workbook.sources, "pickled": pickled,
            "attrs": {name: frame.attrs for name, frame in workbook.tables.items()},
            "names": list(workbook.tables)}
    with open(cache / _META, "wb") as handle:
        pickle.dump(meta, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return cache


def _read_meta(cache: Path) -> dict[str, Any] | None:
    try:
        with open(cache / _META, "rb") as handle:
            return pickle.load(handle)  # noqa: S301 - written by this run of sqmkit into its own run folder
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None


def load(folder: str | Path, tables: list[str] | None = None) -> dict[str, Any] | None:
    """The cached workbook ``folder`` from the running report's cache, as the fields of a Workbook.

    None when there is no cache, when it is of another workbook or when the workbook changed since it was
    validated. ``tables``: only these (as :func:`sqmkit.io.load_workbook`).
    """
    location = os.environ.get(CACHE_ENV)
    if not location:
        return None
    cache, folder = Path(location), Path(folder)
    meta = _read_meta(cache)
    if meta is None or Path(meta["path"]).resolve() != folder.resolve() or meta["fingerprint"] != fingerprint(folder):
        return None
    names = [n for n in meta["names"] if tables is None or n in tables]
    loaded = {}
    for name in names:
        frame = meta["pickled"][name] if name in meta["pickled"] else pd.read_parquet(_frame_file(cache, name))
        frame.attrs = dict(meta["attrs"][name])
        loaded[name] = frame
    config = dict(meta["config"])
    config["notes"] = list(config.get("notes", []))
    return {"path": folder, "config": config, "tables": loaded,
            "files": {n: p for n, p in meta["files"].items() if n in loaded},
            "sources": {n: s for n, s in meta["sources"].items() if n in loaded}}
