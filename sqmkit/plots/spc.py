"""Control charts and run charts, drawn from the tables of :mod:`sqmkit.spc`."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sqmkit.plots._base import label, new_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["control_chart_plot", "run_chart_plot"]

_TEXT = {
    "center": {"zh": "中心线", "en": "Center"},
    "limits": {"zh": "控制限 (±3σ)", "en": "Control limits (±3σ)"},
    "zone1": {"zh": "±1σ 区", "en": "±1σ zone"},
    "zone2": {"zh": "±2σ 区", "en": "±2σ zone"},
    "signal": {"zh": "判异点 (数字=规则号)", "en": "Signal (number = rule)"},
    "phase2": {"zh": "阶段 II (冻结控制限)", "en": "Phase II (frozen limits)"},
    "stage": {"zh": "分阶段", "en": "Stage"},
    "point": {"zh": "序号", "en": "Point"},
    "value": {"zh": "数值", "en": "Value"},
    "median": {"zh": "中位数", "en": "Median"},
    "data": {"zh": "数据", "en": "Data"},
    "run_title": {"zh": "运行图 (Anhøj 规则)", "en": "Run chart (Anhøj rules)"},
    "longest": {"zh": "最长游程", "en": "Longest run"},
    "crossings": {"zh": "穿越中位数次数", "en": "Crossings"},
    "signal_yes": {"zh": "存在非随机变异", "en": "non-random variation"},
    "signal_no": {"zh": "未见非随机变异", "en": "random variation only"},
    "max": {"zh": "上限", "en": "limit"},
    "min": {"zh": "下限", "en": "limit"},
}


def _xticks(ax, x: np.ndarray, labels: pd.Series, max_ticks: int = 12) -> None:
    if len(x) == 0:
        return
    step = max(1, int(np.ceil(len(x) / max_ticks)))
    pos = x[::step]
    lab = labels.iloc[::step]
    if pd.api.types.is_datetime64_any_dtype(labels):
        text = [pd.Timestamp(v).strftime("%Y-%m-%d") for v in lab]
        ax.set_xticks(pos, text, rotation=30, ha="right")
    elif labels.dtype == object or pd.api.types.is_string_dtype(labels):
        ax.set_xticks(pos, [str(v) for v in lab], rotation=30, ha="right")
    else:
        ax.set_xticks(pos)


def control_chart_plot(table: pd.DataFrame, *, title: str | None = None, ylabel: str | None = None,
                       use_labels: bool = True, zones: bool = True, lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Draw a control chart from :func:`sqmkit.spc.control_chart`'s table.

    Center line, stair-step control limits, ±1σ/±2σ zones, a split line between phase I and
    phase II (or between stages, each with its own limits), and violations marked in red with
    the number of the rule they break.

    Parameters
    ----------
    table : DataFrame
        The output of ``spc.control_chart`` (point, label, stat, center, sigma, lcl, ucl, phase,
        rule, optional stage).
    title, ylabel : str, optional
    use_labels : bool
        Label the x axis with the ``label`` column (dates, subgroups) instead of point numbers.
    zones : bool
        Shade the ±1σ and ±2σ zones.
    lang : {"zh", "en"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    ax = new_axes(ax, figsize=(9, 4.5))
    t = table.reset_index(drop=True)
    x = t["point"].to_numpy(dtype=float)
    group = t["stage"] if "stage" in t.columns else pd.Series(0, index=t.index)
    seg_id = (group != group.shift()).cumsum()
    first = True
    for _, seg in t.groupby(seg_id, sort=False):
        xs = seg["point"].to_numpy(dtype=float)
        # stair steps centred on the points: extend half a step either side
        edges = np.r_[xs - 0.5, xs[-1] + 0.5]

        def steps(values):
            v = np.asarray(values, dtype=float)
            return np.r_[v, v[-1]]

        ctr, sig = seg["center"].to_numpy(float), seg["sigma"].to_numpy(float)
        lcl, ucl = seg["lcl"].to_numpy(float), seg["ucl"].to_numpy(float)
        if zones:
            for k, alpha, key in ((2, 0.10, "zone2"), (1, 0.16, "zone1")):
                lo = np.maximum(ctr - k * sig, lcl)
                hi = np.minimum(ctr + k * sig, ucl)
                ax.fill_between(edges, steps(lo), steps(hi), step="post", color="tab:green",
                                alpha=alpha, linewidth=0, label=label(_TEXT, key, lang) if first else None)
        ax.step(edges, steps(ctr), where="post", color="tab:green", linewidth=1.4,
                label=label(_TEXT, "center", lang) if first else None)
        ax.step(edges, steps(ucl), where="post", color="tab:red", linestyle="--", linewidth=1.2,
                label=label(_TEXT, "limits", lang) if first else None)
        ax.step(edges, steps(lcl), where="post", color="tab:red", linestyle="--", linewidth=1.2)
        first = False
    ax.plot(x, t["stat"].to_numpy(float), marker="o", markersize=4, color="tab:blue",
            linewidth=1.1, label=label(_TEXT, "data", lang), zorder=3)
    bad = t["rule"].notna()
    if bad.any():
        ax.scatter(x[bad.to_numpy()], t.loc[bad, "stat"], s=60, color="tab:red", zorder=4,
                   label=label(_TEXT, "signal", lang))
        for xi, yi, r in zip(x[bad.to_numpy()], t.loc[bad, "stat"], t.loc[bad, "rule"]):
            ax.annotate(str(int(r)), (xi, yi), textcoords="offset points", xytext=(0, 7),
                        ha="center", fontsize=8, color="tab:red", fontweight="bold")
    # split lines
    if "stage" in t.columns:
        for pos in t.index[seg_id.diff().fillna(0).to_numpy() > 0]:
            ax.axvline(x[pos] - 0.5, color="0.3", linestyle=":", linewidth=1.3)
            ax.annotate(f"{label(_TEXT, 'stage', lang)}: {t.loc[pos, 'stage']}", (x[pos] - 0.4, 1.0),
                        xycoords=("data", "axes fraction"), va="top", fontsize=8, color="0.3")
    if (t["phase"] == "II").any() and (t["phase"] == "I").any():
        pos = int(np.argmax((t["phase"] == "II").to_numpy()))
        ax.axvline(x[pos] - 0.5, color="0.3", linestyle=":", linewidth=1.3)
        ax.annotate(label(_TEXT, "phase2", lang), (x[pos] - 0.4, 1.0),
                    xycoords=("data", "axes fraction"), va="top", fontsize=8, color="0.3")
    if use_labels and "label" in t.columns:
        _xticks(ax, x, t["label"])
    ax.set_xlabel(label(_TEXT, "point", lang) if not use_labels else "")
    ax.set_ylabel(ylabel or label(_TEXT, "value", lang))
    if title:
        ax.set_title(title)
    ax.margins(x=0.01)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return ax


def run_chart_plot(table: pd.DataFrame, *, title: str | None = None, ylabel: str | None = None,
                   use_labels: bool = True, lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Draw a run chart from :func:`sqmkit.spc.run_chart`'s table: data, median, Anhøj verdict.

    Parameters
    ----------
    table : DataFrame
        The output of ``spc.run_chart``.
    title, ylabel : str, optional
    use_labels : bool
        Label the x axis with the ``label`` column.
    lang : {"zh", "en"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    ax = new_axes(ax, figsize=(9, 4.5))
    t = table.reset_index(drop=True)
    x = t["point"].to_numpy(dtype=float)
    ax.plot(x, t["stat"], marker="o", markersize=4, color="tab:blue", label=label(_TEXT, "data", lang))
    ax.axhline(float(t["center"].iloc[0]), color="tab:green", linewidth=1.4,
               label=label(_TEXT, "median", lang))
    row = t.iloc[0]
    verdict = label(_TEXT, "signal_yes" if bool(row["signal"]) else "signal_no", lang)
    note = (f"{label(_TEXT, 'longest', lang)} {int(row['longest_run'])} ({label(_TEXT, 'max', lang)} "
            f"{int(row['longest_run_max'])}), {label(_TEXT, 'crossings', lang)} {int(row['crossings'])} "
            f"({label(_TEXT, 'min', lang)} {int(row['crossings_min'])}): {verdict}")
    ax.set_title(title or label(_TEXT, "run_title", lang))
    ax.text(0.0, -0.16 if use_labels else -0.12, note, transform=ax.transAxes, fontsize=9,
            color="tab:red" if bool(row["signal"]) else "0.3", va="top")
    if use_labels and "label" in t.columns:
        _xticks(ax, x, t["label"])
    ax.set_ylabel(ylabel or label(_TEXT, "value", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return ax
