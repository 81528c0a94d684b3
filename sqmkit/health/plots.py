"""Charts of the data-health step: completeness per column and date coverage per table."""
from __future__ import annotations

from typing import Any, TYPE_CHECKING

import pandas as pd

from sqmkit.glossary import column_label, text
from sqmkit.plots import new_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["completeness_chart", "date_coverage_chart"]

#: Chart texts: glossary keys (sqmkit.glossary.health; ``period`` and ``filled_pct`` are column labels).
_TEXTS = {"below": "hl_below_threshold", "ok": "hl_at_threshold", "blank_expected": "blank_expected"}


def _label(key: str, lang: str) -> str:
    return text(key, lang) if key.startswith("hl_") else column_label(key, lang)


def completeness_chart(table: pd.DataFrame, *, lowest: int = 20, threshold: float = 90.0,
                       lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Horizontal bars of ``filled_pct`` for the least complete columns (at most ``lowest``).

    ``table`` is :func:`sqmkit.health.completeness`. Only columns with blanks are drawn (the five
    least complete when every column is full). Bars below ``threshold`` are red, columns whose
    blanks are expected (``blank_expected``) grey; a dashed line marks the threshold.
    """
    import matplotlib.patches as mpatches

    data = table.dropna(subset=["filled_pct"]).sort_values(["filled_pct", "table", "column"])
    data = data[data["filled_pct"] < 100].head(lowest) if (data["filled_pct"] < 100).any() else data.head(5)
    data = data.iloc[::-1]
    ax = new_axes(ax, figsize=(8, max(2.5, 0.32 * len(data) + 1.2)))
    names = [f"{t}.{c}" for t, c in zip(data["table"], data["column"])]
    expected = data.get("blank_expected", pd.Series(False, index=data.index)).astype(bool)
    colors = ["#9aa5b1" if e else ("#c0392b" if v < threshold else "#2e86c1")
              for v, e in zip(data["filled_pct"], expected)]
    ax.barh(names, data["filled_pct"], color=colors)
    for y, value in enumerate(data["filled_pct"]):
        ax.text(min(value + 1, 101), y, f"{value:.1f}", va="center", fontsize=8)
    ax.axvline(threshold, color="#555", ls="--", lw=1)
    ax.set_xlim(0, 110)
    ax.set_xlabel(_label("filled_pct", lang))
    ax.set_title(_label("hl_completeness_title", lang))
    handles = [mpatches.Patch(color=color, label=_label(_TEXTS[key], lang))
               for color, key in (("#c0392b", "below"), ("#2e86c1", "ok"), ("#9aa5b1", "blank_expected"))
               if color in colors]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.tick_params(axis="y", labelsize=9)
    return ax


def date_coverage_chart(table: pd.DataFrame, *, period: dict[str, Any] | None = None, as_of: Any = None,
                        lang: str = "zh", ax: Axes | None = None) -> Axes:
    """One horizontal span per date column from its first to its last date (:func:`sqmkit.health.date_coverage`).

    Dashed lines mark the analysis ``period`` (``{"start", "end"}``) and a red line ``as_of``.
    """
    import matplotlib.dates as mdates

    data = table.dropna(subset=["min", "max"]).iloc[::-1]
    ax = new_axes(ax, figsize=(8, max(2.5, 0.45 * len(data) + 1.4)))
    names = [f"{t}.{c}" for t, c in zip(data["table"], data["column"])]
    starts = pd.to_datetime(data["min"])
    widths = pd.to_datetime(data["max"]) - starts
    ax.barh(names, mdates.date2num(starts + widths) - mdates.date2num(starts), left=mdates.date2num(starts),
            color="#2e86c1", height=0.5)
    ax.plot(mdates.date2num(starts), names, "|", color="#1b4f72", ms=12)
    ax.plot(mdates.date2num(starts + widths), names, "|", color="#1b4f72", ms=12)
    for key in ("start", "end"):
        if period and period.get(key) is not None:
            ax.axvline(mdates.date2num(pd.Timestamp(period[key])), color="#555", ls="--", lw=1,
                       label=_label("period", lang) if key == "start" else None)
    if as_of is not None:
        ax.axvline(mdates.date2num(pd.Timestamp(as_of)), color="#c0392b", lw=1.5, label=_label("hl_status_date", lang))
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.set_title(_label("hl_coverage_title", lang))
    if (period and any(v is not None for v in period.values())) or as_of is not None:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8, frameon=False)
    ax.tick_params(axis="y", labelsize=9)
    ax.figure.autofmt_xdate(rotation=0, ha="center")
    return ax
