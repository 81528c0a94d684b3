"""Where the bundled notebooks, templates and sample workbook live.

An installed sqmkit carries them under ``sqmkit/_data`` (copied there by setup.py); a source
checkout or an editable install reads them from the repository's top-level folders.
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["data_folder", "notebooks_folder", "templates_folder", "sample_workbook"]

_PACKAGE = Path(__file__).resolve().parent


def data_folder(name: str) -> Path:
    """Return the folder ``name`` (notebooks, templates or sample_data) of this installation."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"sqmkit's bundled folder '{name}' is missing from {_PACKAGE}; "
        "reinstall with `pip install --force-reinstall sqmkit`."
    )


def notebooks_folder() -> Path:
    return data_folder("notebooks")


def templates_folder() -> Path:
    return data_folder("templates")


def sample_workbook() -> Path:
    """The bundled sample workbook (a fictional telecom service centre)."""
    return data_folder("sample_data") / "telecom"
