"""Control charts and run charts, drawn from the tables of :mod:`sqmkit.spc`."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sqmkit._checks import check_choice
from sqmkit.plots import label, new_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["control_chart_plot", "run_chart_plot"]

_TEXT = {
    "center": {"zh": "中心线", "en": "Center"},
    "limits": {"zh": "控制限 (±3σ)", "en": "Control limits (±3σ)"},
    "zone1": {"zh": "±1σ 区", "en": "±1σ zone"},
    "zone2": {"zh": "±2σ 区", "en": "±2σ zone"},
    "signal": {"zh": "判异点 (数字=规则号)", "en": "Signal (number = rule)"},
    "rule": {"zh": "规则 {n}：{text}", "en": "Rule {n}: {text}"},
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
    "no_data": {"zh": "无数据", "en": "No data"},
}


# What each rule number means, by rule set (default run lengths of sqmkit.spc.DEFAULT_RUN_LENGTHS).
_BEYOND = {"zh": "超出控制限", "en": "beyond a control limit"}
_TWO_OF_THREE = {"zh": "3 点中 2 点在 2σ 外 (同侧)", "en": "2 of 3 beyond 2σ (same side)"}
_FOUR_OF_FIVE = {"zh": "5 点中 4 点在 1σ 外 (同侧)", "en": "4 of 5 beyond 1σ (same side)"}
_RULE_TEXT: dict[str, dict[int, dict[str, str]]] = {
    "western_electric": {1: _BEYOND, 2: _TWO_OF_THREE, 3: _FOUR_OF_FIVE,
                         4: {"zh": "连续 8 点在中心线同侧", "en": "8 in a row on one side"}},
    "nelson": {1: _BEYOND, 2: {"zh": "连续 9 点在中心线同侧", "en": "9 in a row on one side"},
               3: {"zh": "连续 6 点递增或递减", "en": "6 in a row rising or falling"},
               4: {"zh": "连续 14 点交替升降", "en": "14 in a row alternating"},
               5: _TWO_OF_THREE, 6: _FOUR_OF_FIVE,
               7: {"zh": "连续 15 点在 ±1σ 内", "en": "15 in a row within ±1σ"},
               8: {"zh": "连续 8 点在 ±1σ 外 (两侧)", "en": "8 in a row beyond ±1σ (both sides)"}},
}
_RULE_FONTSIZE = 8
_RULE_LEVELS = 2  # heights at which rule numbers are written above their points
_RULE_OFFSET, _RULE_STEP = 7, 11  # points above the marker of level 0, and between levels


def _rule_label_points(x_pt: np.ndarray, y_pt: np.ndarray, rule: pd.Series,
                       group: pd.Series) -> list[tuple[int, int]]:
    """Rule numbers to write, as (row, level): the first point of each run of consecutive points
    flagged by the same rule within one phase or stage. A number whose box would touch one already
    placed goes one level up; one that fits on no level is left out (its point stays red).
    ``x_pt``, ``y_pt``: the points' positions on the axes, in display points."""
    flagged = rule.notna().to_numpy()
    values = rule.to_numpy(dtype=object)
    groups = group.to_numpy(dtype=object)
    chosen: list[tuple[int, int]] = []
    placed: list[tuple[float, float, float, float]] = []  # x0, x1, y0, y1 of the numbers written
    height = 1.25 * _RULE_FONTSIZE + 1.0
    for i in np.flatnonzero(flagged):
        if i > 0 and flagged[i - 1] and values[i - 1] == values[i] and groups[i - 1] == groups[i]:
            continue  # inside a run: its first point carries the number
        half = 0.5 * _RULE_FONTSIZE * (0.62 * len(str(int(values[i]))) + 0.3) + 0.5  # half width + a gap
        for level in range(_RULE_LEVELS):
            y0 = y_pt[i] + _RULE_OFFSET + _RULE_STEP * level
            box = (x_pt[i] - half, x_pt[i] + half, y0, y0 + height)
            if not any(box[0] < b[1] and b[0] < box[1] and box[2] < b[3] and b[2] < box[3] for b in placed):
                chosen.append((int(i), level))
                placed.append(box)
                break
    return chosen


def _headroom(ax, fraction: float = 0.16) -> None:
    """Raise the top of the y axis so labels at the top of the axes keep clear of lines and points."""
    lo, hi = ax.get_ylim()
    ax.set_ylim(lo, hi + fraction * (hi - lo))


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
                       use_labels: bool = True, zones: bool = True, rules: str | None = "western_electric",
                       lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Draw a control chart from :func:`sqmkit.spc.control_chart`'s table.

    Center line, stair-step control limits, ±1σ/±2σ zones, a split line between phase I and
    phase II (or between stages, each with its own limits), and violations marked in red. The
    number of the rule broken is written above the first point of each run of consecutive points
    flagged by the same rule (never two numbers overlapping), and the legend says what each rule
    number present means.

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
    rules : {"western_electric", "nelson"} or None
        The rule set the table was scored with (``spc.control_chart(rules=...)``), for the legend's
        meaning of each rule number; None leaves the meanings out.
    lang : {"zh", "en"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    if rules is not None:
        check_choice("rules", rules, list(_RULE_TEXT) + [None])
    ax = new_axes(ax, figsize=(9, 4.5))
    t = table[pd.to_numeric(table["stat"], errors="coerce").notna()].reset_index(drop=True)
    if t.empty:   # nothing to plot: say so instead of drawing NaN limits
        ax.text(0.5, 0.5, label(_TEXT, "no_data", lang), transform=ax.transAxes, ha="center", va="center",
                fontsize=12, color="0.45")
        if title:
            ax.set_title(title)
        return ax
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
    ax.margins(x=0.01)
    ax.autoscale_view()
    _headroom(ax)
    if bad.any():
        ax.scatter(x[bad.to_numpy()], t.loc[bad, "stat"], s=60, color="tab:red", zorder=4,
                   label=label(_TEXT, "signal", lang))
        # one number per run of consecutive points flagged by the same rule, never two overlapping
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        pos = ax.get_position()
        width_pt, height_pt = pos.width * ax.figure.get_figwidth() * 72, pos.height * ax.figure.get_figheight() * 72
        x_pt = (x - x0) / (x1 - x0) * width_pt
        y_pt = (t["stat"].to_numpy(float) - y0) / (y1 - y0) * height_pt
        parts = t["phase"].astype(str) + "|" + group.astype(str)
        for i, level in _rule_label_points(x_pt, y_pt, t["rule"], parts):
            ax.annotate(str(int(t.loc[i, "rule"])), (x[i], t.loc[i, "stat"]), textcoords="offset points",
                        xytext=(0, _RULE_OFFSET + _RULE_STEP * level), ha="center", fontsize=_RULE_FONTSIZE, color="tab:red",
                        fontweight="bold", gid="rule_label",
                        bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.75})
    # split lines; their labels sit in the head room at the top of the axes, clear of the limits
    box = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
    if "stage" in t.columns:
        for pos in t.index[seg_id.diff().fillna(0).to_numpy() > 0]:
            ax.axvline(x[pos] - 0.5, color="0.3", linestyle=":", linewidth=1.3)
            ax.annotate(f"{label(_TEXT, 'stage', lang)}: {t.loc[pos, 'stage']}", (x[pos] - 0.5, 0.985),
                        xycoords=("data", "axes fraction"), xytext=(3, 0), textcoords="offset points",
                        va="top", fontsize=8, color="0.3", bbox=box, gid="split_label")
    if (t["phase"] == "II").any() and (t["phase"] == "I").any():
        pos = int(np.argmax((t["phase"] == "II").to_numpy()))
        ax.axvline(x[pos] - 0.5, color="0.3", linestyle=":", linewidth=1.3)
        ax.annotate(label(_TEXT, "phase2", lang), (x[pos] - 0.5, 0.985),
                    xycoords=("data", "axes fraction"), xytext=(3, 0), textcoords="offset points",
                    va="top", fontsize=8, color="0.3", bbox=box, gid="split_label")
    if use_labels and "label" in t.columns:
        _xticks(ax, x, t["label"])
    ax.set_xlabel(label(_TEXT, "point", lang) if not use_labels else "")
    ax.set_ylabel(ylabel or label(_TEXT, "value", lang))
    if title:
        ax.set_title(title)
    handles, names = ax.get_legend_handles_labels()
    meaning = _RULE_TEXT.get(rules or "", {})
    if bad.any() and meaning:
        from matplotlib.lines import Line2D

        for n in sorted({int(r) for r in t.loc[bad, "rule"]}):
            if n in meaning:
                handles.append(Line2D([], [], linestyle="none"))
                names.append(label(_TEXT, "rule", lang).format(n=n, text=label(meaning, n, lang)))
    ax.legend(handles, names, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
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
