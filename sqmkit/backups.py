"""Where sqmkit may write in a workbook, and what it keeps: the bundled sample is read-only, and every file a save
replaces is copied to a ``.backup`` folder first (used by :mod:`sqmkit.writeback` and :func:`sqmkit.config.save_settings`)."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from sqmkit.exceptions import SqmkitError
from sqmkit.glossary import message

__all__ = ["ReadOnlyWorkbookError", "check_writable", "backup"]


class ReadOnlyWorkbookError(SqmkitError):
    """The workbook is sqmkit's bundled sample, which is never written."""


def check_writable(workbook: str | Path) -> Path:
    """``workbook`` resolved, unless it is the bundled sample (or inside the installed package)."""
    from sqmkit.resources import sample_workbook

    folder = Path(workbook).expanduser().resolve()
    package = Path(__file__).resolve().parent  # sqmkit/
    if folder == sample_workbook().resolve() or folder.is_relative_to(package):
        raise ReadOnlyWorkbookError(message("write_read_only_sample", folder=folder))
    return folder


def backup(path: Path, folder: Path | None = None) -> Path:
    """Copy ``path`` to ``folder`` (default ``path.parent/.backup``) as ``NAME.YYYYmmdd-HHMMSS-ffffff<suffix>``."""
    folder = folder or path.parent / ".backup"
    folder.mkdir(exist_ok=True)
    target = folder / f"{path.stem}.{dt.datetime.now():%Y%m%d-%H%M%S-%f}{path.suffix}"
    shutil.copy2(path, target)
    return target
