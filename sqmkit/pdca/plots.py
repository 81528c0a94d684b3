"""PDCA charts: Gantt of planned vs actual, progress by phase, effect of actions."""
from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from sqmkit.plots import label, new_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["gantt_chart", "progress_chart", "effect_chart"]

_TEXT = {
    "planned": {"zh": "计划 (开始→截止)", "en": "Planned (start → due)"},
    "actual": {"zh": "实际 (开始→完成/状态日)", "en": "Actual (start → done / as-of)"},
    "as_of": {"zh": "状态日", "en": "As of"},
    "overdue": {"zh": "逾期", "en": "Overdue"},
    "gantt_title": {"zh": "改进措施甘特图", "en": "Action Gantt chart"},
    "progress_title": {"zh": "各 PDCA 阶段的措施状态", "en": "Actions by PDCA phase and status"},
    "actions": {"zh": "措施数", "en": "Actions"},
    "effect_title": {"zh": "措施前后 KPI 变化 (95% 置信区间)", "en": "KPI change after each action (95% CI)"},
    "change": {"zh": "变化 (后 − 前)", "en": "Change (after − before)"},
    "improved": {"zh": "显著改善", "en": "Significant improvement"},
    "not_improved": {"zh": "未见显著改善", "en": "No significant improvement"},
    "open": {"zh": "未开始", "en": "open"},
    "in_progress": {"zh": "进行中", "en": "in progress"},
    "blocked": {"zh": "受阻", "en": "blocked"},
    "done": {"zh": "已完成", "en": "done"},
    "cancelled": {"zh": "已取消", "en": "cancelled"},
    "Plan": {"zh": "计划 Plan", "en": "Plan"},
    "Do": {"zh": "执行 Do", "en": "Do"},
    "Check": {"zh": "检查 Check", "en": "Check"},
    "Act": {"zh": "处理 Act", "en": "Act"},
}
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
        ax.annotate(f"{label(_TEXT, 'as_of', lang)} {pd.Timestamp(t['as_of'].iloc[0]).date()}",
                    (t["as_of"].iloc[0], 1.0), xycoords=("data", "axes fraction"),
                    ha="right", va="bottom", fontsize=8, color="tab:red")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Patch(facecolor="none", edgecolor="0.45", linestyle="--", label=label(_TEXT, "planned", lang))]
    handles += [Patch(color=c, label=f"{label(_TEXT, 'actual', lang)}: {label(_TEXT, s, lang)}")
                for s, c in _STATUS_COLORS.items() if s in set(t["status"]) and s != "cancelled"]
    handles.append(Line2D([], [], marker="X", color="tab:red", linestyle="none", label=label(_TEXT, "overdue", lang)))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.set_title(label(_TEXT, "gantt_title", lang), pad=14)
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
        ax.bar(x, vals, bottom=bottom, color=color, label=label(_TEXT, status, lang), width=0.6)
        for xi, b, v in zip(x, bottom, vals):
            if v > 0:
                ax.text(xi, b + v / 2, str(int(v)), ha="center", va="center", fontsize=8)
        bottom += vals
    from sqmkit.glossary import value_label   # the blank phase: (未填写) / (blank)

    names = [label(_TEXT, str(p), lang) if str(p) in _TEXT else str(value_label(str(p), lang)) for p in t["phase"]]
    ax.set_xticks(x, names)
    ax.set_ylabel(label(_TEXT, "actions", lang))
    ax.set_title(label(_TEXT, "progress_title", lang))
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
    from sqmkit.glossary import column_label  # KPI names in lang (sqmkit.kpis.KPI_LABELS, then the glossary)

    ax.set_yticks(y, [f"{a} · {column_label(k, lang)}" for a, k in zip(t["action_id"], t["kpi"])], fontsize=8)
    ax.set_xlabel(label(_TEXT, "change", lang) + " (%)")
    ax.set_title(label(_TEXT, "effect_title", lang))
    from matplotlib.lines import Line2D

    ax.legend(handles=[Line2D([], [], marker="o", color="tab:green", label=label(_TEXT, "improved", lang)),
                       Line2D([], [], marker="o", color="0.5", label=label(_TEXT, "not_improved", lang))],
              loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return ax
