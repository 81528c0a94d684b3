"""Live-or-batch detection and saving edited tables back to the workbook."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["is_live", "save_table"]


def is_live(interactive: bool) -> bool:
    """True when widgets should be shown: the notebook asked for it and an IPython kernel is running.

    Papermill runs pass ``interactive=False``; plain Python (tests, scripts) has no kernel.
    """
    if not interactive:
        return False
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def save_table(workbook: str | Path, name: str, data: pd.DataFrame) -> Path:
    """Save an edited table back to the workbook atomically, keeping a backup of the previous file.

    Delegates to :func:`sqmkit.io.write_table` (only ``io`` and ``report`` write files).
    """
    from sqmkit.io import write_table

    return write_table(workbook, name, data)
