"""Control charts and run charts, drawn from the tables of :mod:`sqmkit.spc`."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sqmkit._checks import check_choice
from sqmkit.glossary import TEXTS, column_label, text
from sqmkit.plots import new_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["control_chart_plot", "run_chart_plot"]

#: The rule sets whose rule numbers the legend explains (texts ``spc_rule_<set>_<n>`` of the glossary).
_RULE_SETS = ("western_electric", "nelson")
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
        check_choice("rules", rules, list(_RULE_SETS) + [None])
    ax = new_axes(ax, figsize=(9, 4.5))
    t = table[pd.to_numeric(table["stat"], errors="coerce").notna()].reset_index(drop=True)
    if t.empty:   # nothing to plot: say so instead of drawing NaN limits
        ax.text(0.5, 0.5, text("spc_no_data", lang), transform=ax.transAxes, ha="center", va="center",
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
                                alpha=alpha, linewidth=0, label=text(f"spc_{key}", lang) if first else None)
        ax.step(edges, steps(ctr), where="post", color="tab:green", linewidth=1.4,
                label=text("spc_center", lang) if first else None)
        ax.step(edges, steps(ucl), where="post", color="tab:red", linestyle="--", linewidth=1.2,
                label=text("spc_limits", lang) if first else None)
        ax.step(edges, steps(lcl), where="post", color="tab:red", linestyle="--", linewidth=1.2)
        first = False
    ax.plot(x, t["stat"].to_numpy(float), marker="o", markersize=4, color="tab:blue",
            linewidth=1.1, label=text("spc_data", lang), zorder=3)
    bad = t["rule"].notna()
    ax.margins(x=0.01)
    ax.autoscale_view()
    _headroom(ax)
    if bad.any():
        ax.scatter(x[bad.to_numpy()], t.loc[bad, "stat"], s=60, color="tab:red", zorder=4,
                   label=text("spc_signal", lang))
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
            ax.annotate(f"{text('spc_stage', lang)}: {t.loc[pos, 'stage']}", (x[pos] - 0.5, 0.985),
                        xycoords=("data", "axes fraction"), xytext=(3, 0), textcoords="offset points",
                        va="top", fontsize=8, color="0.3", bbox=box, gid="split_label")
    if (t["phase"] == "II").any() and (t["phase"] == "I").any():
        pos = int(np.argmax((t["phase"] == "II").to_numpy()))
        ax.axvline(x[pos] - 0.5, color="0.3", linestyle=":", linewidth=1.3)
        ax.annotate(text("spc_phase2", lang), (x[pos] - 0.5, 0.985),
                    xycoords=("data", "axes fraction"), xytext=(3, 0), textcoords="offset points",
                    va="top", fontsize=8, color="0.3", bbox=box, gid="split_label")
    if use_labels and "label" in t.columns:
        _xticks(ax, x, t["label"])
    ax.set_xlabel(text("spc_point", lang) if not use_labels else "")
    ax.set_ylabel(ylabel or column_label("value", lang))
    if title:
        ax.set_title(title)
    handles, names = ax.get_legend_handles_labels()
    if bad.any() and rules is not None:
        from matplotlib.lines import Line2D

        for n in sorted({int(r) for r in t.loc[bad, "rule"]}):
            meaning = f"spc_rule_{rules}_{n}"
            if meaning in TEXTS:
                handles.append(Line2D([], [], linestyle="none"))
                names.append(text("spc_rule", lang, n=n, text=text(meaning, lang)))
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
    ax.plot(x, t["stat"], marker="o", markersize=4, color="tab:blue", label=text("spc_data", lang))
    ax.axhline(float(t["center"].iloc[0]), color="tab:green", linewidth=1.4,
               label=text("spc_median", lang))
    row = t.iloc[0]
    verdict = text("spc_signal_yes" if bool(row["signal"]) else "spc_signal_no", lang)
    note = text("spc_run_note", lang, longest=int(row["longest_run"]), longest_max=int(row["longest_run_max"]),
                crossings=int(row["crossings"]), crossings_min=int(row["crossings_min"]), verdict=verdict)
    ax.set_title(title or text("spc_run_title", lang))
    ax.text(0.0, -0.16 if use_labels else -0.12, note, transform=ax.transAxes, fontsize=9,
            color="tab:red" if bool(row["signal"]) else "0.3", va="top")
    if use_labels and "label" in t.columns:
        _xticks(ax, x, t["label"])
    ax.set_ylabel(ylabel or column_label("value", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return ax
