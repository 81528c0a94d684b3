"""PDCA charts: Gantt of planned vs actual, progress by phase, effect of actions."""
from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from sqmkit.glossary import column_label, text, value_label
from sqmkit.plots import new_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["gantt_chart", "progress_chart", "effect_chart"]

_STATUS_COLORS = {"open": "#9e9e9e", "in_progress": "#1f77b4", "blocked": "#ff7f0e",
                  "done": "#2ca02c", "cancelled": "#d3d3d3"}


def gantt_chart(table: pd.DataFrame, *, name: str = "action", lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Gantt chart of planned (start → due) vs actual (start → done_date or as-of) bars.

    Parameters
    ----------
    table : DataFrame
        :func:`sqmkit.pdca.action_status` output (start, due, actual_end, status, overdue, as_of).
    name : str
        Column used for the bar labels (with action_id in front).
    lang : {"zh", "en"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    t = table.reset_index(drop=True)
    ax = new_axes(ax, figsize=(10, max(3.0, 0.38 * len(t) + 1.2)))
    y = np.arange(len(t))[::-1]
    for yi, (_, row) in zip(y, t.iterrows()):
        if pd.notna(row.get("start")) and pd.notna(row.get("due")):
            ax.barh(yi, (row["due"] - row["start"]).days or 1, left=row["start"], height=0.7,
                    color="none", edgecolor="0.45", linestyle="--", linewidth=1.0)
        if pd.notna(row.get("start")) and pd.notna(row.get("actual_end")):
            width = max((row["actual_end"] - row["start"]).days, 1)
            ax.barh(yi, width, left=row["start"], height=0.4,
                    color=_STATUS_COLORS.get(row["status"], "0.5"))
        if bool(row.get("overdue", False)):
            ax.plot(row["due"], yi, marker="X", color="tab:red", markersize=9, zorder=4)
    labels = [f"{r['action_id']} {str(r.get(name, ''))[:14]}" for _, r in t.iterrows()]
    ax.set_yticks(y, labels, fontsize=8)
    if "as_of" in t.columns and len(t):
        ax.axvline(t["as_of"].iloc[0], color="tab:red", linewidth=1.2, linestyle=":")
        ax.annotate(f"{column_label('as_of', lang)} {pd.Timestamp(t['as_of'].iloc[0]).date()}",
                    (t["as_of"].iloc[0], 1.0), xycoords=("data", "axes fraction"),
                    ha="right", va="bottom", fontsize=8, color="tab:red")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Patch(facecolor="none", edgecolor="0.45", linestyle="--", label=text("plan_chart_planned", lang))]
    handles += [Patch(color=c, label=f"{text('plan_chart_actual', lang)}: {value_label(s, lang, column='status')}")
                for s, c in _STATUS_COLORS.items() if s in set(t["status"]) and s != "cancelled"]
    handles.append(Line2D([], [], marker="X", color="tab:red", linestyle="none", label=column_label("overdue", lang)))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.set_title(text("plan_chart_gantt_title", lang), pad=14)
    ax.grid(axis="y", visible=False)
    return ax


def progress_chart(table: pd.DataFrame, *, lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Stacked bars: number of actions per PDCA phase, split by status.

    Parameters
    ----------
    table : DataFrame
        :func:`sqmkit.pdca.action_progress` output (phase and one column per status).
    lang : {"zh", "en"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    ax = new_axes(ax, figsize=(7, 3.8))
    t = table.reset_index(drop=True)
    x = np.arange(len(t))
    bottom = np.zeros(len(t))
    for status, color in _STATUS_COLORS.items():
        if status not in t.columns:
            continue
        vals = t[status].to_numpy(float)
        ax.bar(x, vals, bottom=bottom, color=color, label=value_label(status, lang, column="status"), width=0.6)
        for xi, b, v in zip(x, bottom, vals):
            if v > 0:
                ax.text(xi, b + v / 2, str(int(v)), ha="center", va="center", fontsize=8)
        bottom += vals

    names = [str(value_label(str(p), lang, column="phase")) for p in t["phase"]]   # the blank phase: (未填写) / (blank)
    ax.set_xticks(x, names)
    ax.set_ylabel(column_label("actions", lang))
    ax.set_title(text("plan_chart_progress_title", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return ax


def effect_chart(table: pd.DataFrame, *, lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Change of each action's KPI (after − before) with its confidence interval.

    One panel row per action with data; green when the change is a significant improvement.
    Rows are labelled "action_id · KPI name", the KPI named in ``lang`` (codes without a label stay as they are).

    Parameters
    ----------
    table : DataFrame
        :func:`sqmkit.pdca.effect_check` output.
    lang : {"zh", "en"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    t = table[table["diff"].notna()].reset_index(drop=True)
    ax = new_axes(ax, figsize=(8, max(2.5, 0.45 * len(t) + 1.2)))
    y = np.arange(len(t))[::-1]
    # each KPI has its own unit: the change is shown relative to the before mean (%)
    rel, lo, hi = t["change_pct"], t["ci_low_pct"], t["ci_high_pct"]
    good = t["improved"].fillna(False).to_numpy(bool)
    for yi, r, a, b, g in zip(y, rel, lo, hi, good):
        color = "tab:green" if g else "0.5"
        ax.plot([a, b], [yi, yi], color=color, linewidth=2)
        ax.plot(r, yi, "o", color=color, markersize=7)
    ax.axvline(0, color="0.2", linewidth=1)

    ax.set_yticks(y, [f"{a} · {column_label(k, lang)}" for a, k in zip(t["action_id"], t["kpi"])], fontsize=8)
    ax.set_xlabel(text("plan_chart_change", lang))
    ax.set_title(text("plan_chart_effect_title", lang))
    from matplotlib.lines import Line2D

    ax.legend(handles=[Line2D([], [], marker="o", color="tab:green", label=text("plan_chart_improved", lang)),
                       Line2D([], [], marker="o", color="0.5", label=text("plan_chart_not_improved", lang))],
              loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return ax
