"""Recording headline figures and key tables from notebooks; the HTML report and index page.

Notebooks call :class:`Recorder`; the runner merges what they recorded into ``results.json``,
``tables/*.csv`` (UTF-8 with BOM, so Excel opens them) and one ``tables.xlsx``.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["Recorder"]


def _jsonable(value: Any) -> Any:
    if isinstance(value, (pd.Timestamp,)):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


class Recorder:
    """Collects a notebook's headline figures and key tables.

    Parameters
    ----------
    output_dir : str or Path
        The run's output folder (the runner passes it as the ``output_dir`` parameter).
        Empty: nothing is written (a live workshop session), figures are only kept in memory.
    notebook : str
        The notebook's name without suffix, e.g. ``"02_service_kpis"``.

    Examples
    --------
    >>> rec = Recorder("", notebook="02_service_kpis")
    >>> rec.headline("frt_median_min", 21.5, label="首次响应中位数", unit="min")
    >>> rec.headlines["frt_median_min"]["value"]
    21.5
    """

    def __init__(self, output_dir: str | Path, *, notebook: str):
        self.output_dir = Path(output_dir) if str(output_dir) else None
        self.notebook = notebook
        self.headlines: dict[str, dict[str, Any]] = {}
        self.tables: dict[str, pd.DataFrame] = {}

    def headline(self, key: str, value: Any, *, label: str | None = None, unit: str | None = None) -> None:
        """Record one headline figure (shown on the index page, read by tests)."""
        self.headlines[key] = {"value": _jsonable(value), "label": label or key, "unit": unit}
        self._write_results()

    def table(self, name: str, data: pd.DataFrame) -> None:
        """Record a key table; exported as CSV and as a sheet of tables.xlsx."""
        self.tables[name] = data
        if self.output_dir is None:
            return
        folder = self.output_dir / "tables"
        folder.mkdir(parents=True, exist_ok=True)
        data.to_csv(folder / f"{self.notebook}__{name}.csv", index=False, encoding="utf-8-sig")

    def _write_results(self) -> None:
        if self.output_dir is None:
            return
        folder = self.output_dir / "results"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.notebook}.json"
        path.write_text(json.dumps(self.headlines, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
