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

__all__ = ["control_chart_plot", "run_chart_plot", "capability_plot", "funnel_plot"]

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


def _limit_width(table: pd.DataFrame) -> float:
    """How many standard errors the upper limit lies above the centre (3 unless the chart said otherwise;
    where a limit is clamped at 1 or at a sample size it is nearer, so the widest point counts)."""
    sigma = table["sigma"].to_numpy(float)
    ratio = (table["ucl"].to_numpy(float) - table["center"].to_numpy(float))[sigma > 0] / sigma[sigma > 0]
    return round(float(np.nanmax(ratio)), 2) if ratio.size and not np.isnan(ratio).all() else 3.0


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
    phase II (or between stages, each with its own limits), and violations marked in red. An EWMA
    table draws the EWMA line over the data as grey dots, without zones; a CUSUM table draws the
    upper and lower sums against the decision interval ±h; a p′/u′ table names sigma_z. The
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
    if "pos" in table.columns:
        return _cusum_plot(table, title=title, use_labels=use_labels, lang=lang, ax=ax)
    ewma = "x" in table.columns
    zones = zones and not ewma
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
        width = _limit_width(seg)
        limits = (text("spc_limits_prime", lang, k=width, sigma_z=float(seg["sigma_z"].iloc[0])) if "sigma_z" in seg
                  else text("spc_limits", lang, k=width))
        ax.step(edges, steps(ucl), where="post", color="tab:red", linestyle="--", linewidth=1.2,
                label=limits if first else None)
        ax.step(edges, steps(lcl), where="post", color="tab:red", linestyle="--", linewidth=1.2)
        first = False
    if ewma:
        ax.plot(x, t["x"].to_numpy(float), linestyle="none", marker="o", markersize=3.5, color="0.6",
                label=text("spc_data", lang), zorder=2)
    ax.plot(x, t["stat"].to_numpy(float), marker="o", markersize=4, color="tab:blue",
            linewidth=1.1, label=text("spc_ewma" if ewma else "spc_data", lang), zorder=3)
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


def _cusum_plot(table: pd.DataFrame, *, title: str | None, use_labels: bool, lang: str,
                ax: Axes | None) -> Axes:
    """The upper and lower cumulative sums of :func:`sqmkit.spc.control_chart` (chart="cusum")
    against the decision interval ±h, the points beyond it in red, phase II after a split line."""
    ax = new_axes(ax, figsize=(9, 4.5))
    x = table["point"].to_numpy(dtype=float)
    h = float(table["ucl"].iloc[0])
    ax.axhline(0, color="tab:green", linewidth=1.2, label=text("spc_center", lang))
    for level in (h, -h):
        ax.axhline(level, color="tab:red", linestyle="--", linewidth=1.2,
                   label=text("spc_cusum_interval", lang, h=h) if level > 0 else None)
    ax.plot(x, table["pos"].to_numpy(float), marker="o", markersize=3.5, color="tab:blue", linewidth=1.1,
            label=text("spc_cusum_upper", lang), zorder=3)
    ax.plot(x, table["neg"].to_numpy(float), marker="s", markersize=3.5, color="tab:purple", linewidth=1.1,
            label=text("spc_cusum_lower", lang), zorder=3)
    up, down = table["pos"] > h, table["neg"] < -h
    if (up | down).any():
        sums = np.where(up, table["pos"], table["neg"])
        ax.scatter(x[(up | down).to_numpy()], sums[(up | down).to_numpy()], s=60, color="tab:red", zorder=4,
                   label=text("spc_cusum_signal", lang))
    ax.margins(x=0.01)
    _headroom(ax)
    if (table["phase"] == "II").any() and (table["phase"] == "I").any():
        pos = int(np.argmax((table["phase"] == "II").to_numpy()))
        ax.axvline(x[pos] - 0.5, color="0.3", linestyle=":", linewidth=1.3)
        ax.annotate(text("spc_phase2", lang), (x[pos] - 0.5, 0.985), xycoords=("data", "axes fraction"),
                    xytext=(3, 0), textcoords="offset points", va="top", fontsize=8, color="0.3",
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
                    gid="split_label")
    if use_labels and "label" in table.columns:
        _xticks(ax, x, table["label"])
    ax.set_xlabel(text("spc_point", lang) if not use_labels else "")
    ax.set_ylabel(text("spc_cusum_axis", lang))
    if title:
        ax.set_title(title)
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


# ---- process capability (sqmkit.spc.capability) --------------------------------------------------------
_CAP_NEEDS = ["method", "mean", "sigma", "lsl", "usl", "target", "cp", "cpk", "q_low", "median", "q_high",
              "exp_below_pct", "exp_above_pct", "obs_below_pct", "obs_above_pct", "n"]


def _cap_index(value: float) -> str:
    return "—" if not np.isfinite(value) else f"{value:.2f}"


def _cap_pct(value: float) -> str:
    return "—" if not np.isfinite(value) else ("0%" if value == 0 else f"{value:.2g}%")


def capability_plot(data: pd.DataFrame | pd.Series, *, value: str, result: pd.DataFrame | pd.Series,
                    title: str | None = None, lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Draw a capability analysis: the histogram of ``value`` against the specification limits.

    The fitted normal curve (mean, within sigma) for ``method="normal"``, or the 0.135 %, 50 % and
    99.865 % quantile markers for ``method="percentile"``; dashed lines at LSL and USL, a dotted line
    at the target, and a box beside the axes with n, Cp, Cpk and the shares beyond each limit.

    Parameters
    ----------
    data : DataFrame
        The table passed to :func:`sqmkit.spc.capability`.
    value : str
        The measurement column.
    result : DataFrame or Series
        :func:`sqmkit.spc.capability`'s row (the one-row table or its ``iloc[0]``).
    title : str, optional
        Default "过程能力分析" / "Process capability analysis".
    lang : {"zh", "en"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> from sqmkit.spc import capability
    >>> df = pd.DataFrame({"h": [3.1, 4.0, 2.2, 5.9, 3.3, 2.8, 7.5, 3.9, 4.4, 2.6]})
    >>> ax = capability_plot(df, value="h", result=capability(df, value="h", usl=8), lang="en")
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "spec_label"]
    ['USL']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    from sqmkit._checks import check_lang, require_names
    from sqmkit.spc._common import numeric_column

    check_lang(lang)
    row = result.iloc[0] if isinstance(result, pd.DataFrame) else result
    require_names(row.index, _CAP_NEEDS, table="result", argument="result")
    if isinstance(data, pd.Series):
        data = data.to_frame(name=value)
    x = numeric_column(data, value, table="data").to_numpy()
    ax = new_axes(ax, figsize=(9, 4.5))
    lsl, usl, target = (float(row[k]) for k in ("lsl", "usl", "target"))
    marks = [v for v in (lsl, usl, target) if np.isfinite(v)]
    lo, hi = min(np.min(x), *marks), max(np.max(x), *marks)
    if row["method"] == "percentile":   # a long tail would squeeze the histogram: show up to the quantiles and limits
        lo, hi = min(float(row["q_low"]), *marks), max(float(row["q_high"]), *marks)
    ax.hist(x[(x >= lo) & (x <= hi)], bins="auto", density=True, color="tab:blue", alpha=0.35, edgecolor="white",
            label=text("spc_data", lang))
    pad = 0.06 * (hi - lo or 1.0)
    ax.set_xlim(lo - pad, hi + pad)
    if row["method"] == "normal":
        grid = np.linspace(lo - pad, hi + pad, 400)
        mean, sigma = float(row["mean"]), float(row["sigma"])
        ax.plot(grid, np.exp(-0.5 * ((grid - mean) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi)), color="tab:blue",
                linewidth=1.6, label=text("spc_cap_normal_fit", lang))
    else:
        for k, label in (("q_low", text("spc_cap_quantiles", lang)), ("median", column_label("median", lang)),
                         ("q_high", None)):
            ax.axvline(float(row[k]), color="tab:purple", linestyle="-" if k == "median" else "-.", linewidth=1.2,
                       label=label)
    _headroom(ax, 0.18)
    box = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
    for key, level, style, color in (("lsl", 0.985, "--", "tab:red"), ("usl", 0.985, "--", "tab:red"),
                                     ("target", 0.90, ":", "tab:green")):
        where = float(row[key])
        if not np.isfinite(where):
            continue
        ax.axvline(where, color=color, linestyle=style, linewidth=1.5)
        # a label near an edge of the axes leans inwards, so it is never cut at the frame
        share = (where - lo + pad) / (hi - lo + 2 * pad)
        ax.annotate(column_label(key, lang), (where, level), xycoords=("data", "axes fraction"),
                    ha="left" if share < 0.12 else "right" if share > 0.88 else "center", va="top", fontsize=8,
                    color=color, bbox=box, gid="spec_label")
    ax.set_xlabel(column_label(value, lang))
    ax.set_ylabel(text("spc_cap_density", lang))
    ax.set_title(title or text("spc_cap_title", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    method = row["method"]
    indices = [f"{name} = {_cap_index(float(row[key]))}" for name, key in (("Cp", "cp"), ("Cpk", "cpk"))
               if np.isfinite(float(row[key])) or key == "cpk"]   # one limit: no Cp
    lines = [text(f"spc_cap_method_{method}", lang), text("spc_cap_box_n", lang, n=int(row["n"])), "    ".join(indices)]
    for side, limit in (("below", lsl), ("above", usl)):
        if not np.isfinite(limit):
            continue
        observed, expected = _cap_pct(float(row[f"obs_{side}_pct"])), _cap_pct(float(row[f"exp_{side}_pct"]))
        key = f"spc_cap_box_{side}" if method == "normal" else f"spc_cap_box_{side}_obs"
        lines.append(text(key, lang, obs=observed, exp=expected))
    ax.text(1.02, 0.0, "\n".join(lines), transform=ax.transAxes, ha="left", va="bottom", fontsize=8.5,
            linespacing=1.5, bbox={"boxstyle": "round,pad=0.5", "facecolor": "0.96", "edgecolor": "0.8"},
            gid="capability_box")
    return ax


_FUNNEL_MAX_LABELS = 10  # units named on a funnel plot: the furthest out beyond the 3σ limits
_FUNNEL_FONTSIZE = 8
# where a unit's name may sit, in display points from its marker: (dx, dy, ha, va), tried in this order
_FUNNEL_SPOTS = ((6, 5, "left", "bottom"), (6, -5, "left", "top"), (-6, 5, "right", "bottom"),
                 (-6, -5, "right", "top"), (0, 9, "center", "bottom"), (0, -9, "center", "top"),
                 (12, 15, "left", "bottom"), (12, -15, "left", "top"), (-12, 15, "right", "bottom"),
                 (-12, -15, "right", "top"), (0, 22, "center", "bottom"), (0, -22, "center", "top"))


def _funnel_ylabel(chart: str, multiply: float, lang: str) -> str:
    per = f"{multiply:,.0f}" if float(multiply).is_integer() else f"{multiply:g}"
    if chart == "p":
        if multiply == 1:
            return text("spc_funnel_ylabel_p", lang)
        return text("spc_funnel_ylabel_p_pct", lang) if multiply == 100 else text("spc_funnel_ylabel_p_per", lang,
                                                                                   multiply=per)
    return text("spc_funnel_ylabel_u", lang) if multiply == 1 else text("spc_funnel_ylabel_u_per", lang, multiply=per)


def _place_funnel_labels(ax, t: pd.DataFrame, rows: list[int], names: list[str]) -> list:
    """Write ``names`` beside the points ``rows`` of ``t``: each at the first spot of ``_FUNNEL_SPOTS`` whose box
    stays inside the axes and touches neither a name already written nor another point; a name that fits
    nowhere is left out (its point stays red)."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    points = ax.transData.transform(np.column_stack([t["size"].to_numpy(float), t["stat"].to_numpy(float)]))
    scale = fig.dpi / 72.0
    radius = 4.0 * scale  # a marker's half width, in pixels
    placed, written = [], []
    box_style = {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8}
    for row, name in zip(rows, names):
        for dx, dy, ha, va in _FUNNEL_SPOTS:
            leader = {"arrowstyle": "-", "color": "tab:red", "linewidth": 0.6, "shrinkA": 0, "shrinkB": 3}
            label = ax.annotate(name, (t.loc[row, "size"], t.loc[row, "stat"]), textcoords="offset points",
                                xytext=(dx, dy), ha=ha, va=va, fontsize=_FUNNEL_FONTSIZE, color="tab:red",
                                bbox=box_style, gid="funnel_label", zorder=5,
                                arrowprops=leader if abs(dy) > 10 else None)  # a far name points at its unit
            box = label.get_window_extent(renderer)
            inside = (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1)
            clear = not any(box.overlaps(b) for b in placed)
            covers = any(box.x0 - radius < px < box.x1 + radius and box.y0 - radius < py < box.y1 + radius
                         for i, (px, py) in enumerate(points) if i != row)
            if inside and clear and not covers:
                placed.append(box)
                written.append(label)
                break
            label.remove()
    return written


def funnel_plot(table: pd.DataFrame, *, title: str | None = None, ylabel: str | None = None,
                label_outside: bool = True, lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Draw a funnel plot from :func:`sqmkit.spc.funnel`'s table.

    Each unit's ``stat`` against its ``size``, the centre line (the pooled mean or the target), and the
    2σ warning and 3σ control limits as smooth curves over the range of sizes (from the table's
    ``attrs``, by :func:`sqmkit.spc.funnel_limits`). Units beyond the 3σ limits are red and named (the
    ten furthest out, by |z|; never two names overlapping, nor a name over a point), units between the
    2σ and 3σ limits orange. Sizes spanning a factor of 50 or more go on a log axis, so that
    the small units are not crowded into the left edge.

    Parameters
    ----------
    table : DataFrame
        The output of ``spc.funnel`` (its ``attrs`` carry chart, center and multiply).
    title, ylabel : str, optional
        Default: "Funnel plot" and the statistic (proportion, percent, events per unit …) in ``lang``.
    label_outside : bool
        Name the units beyond the 3σ limits.
    lang : {"zh", "en"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Raises
    ------
    DataValidationError
        When ``table`` has rows but lost the funnel settings of its ``attrs`` (a new frame built from it).
        A table without rows draws "no data".

    Notes
    -----
    Layout: the x axis spans the sizes from a little below the smallest to a little above the largest,
    on a log scale when largest / smallest >= 50; the limit curves are evaluated at 300 sizes spaced evenly
    on that log scale. A name is tried at twelve spots around its point (nearest first) and written at the
    first whose box lies inside the axes and clear of the names already written and of the other points;
    when fewer names are written than units lie outside, a note under the chart says so.

    References
    ----------
    Spiegelhalter, D. J. (2005). Funnel plots for comparing institutional performance. Statistics in
    Medicine 24(8), 1185–1202.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from sqmkit.spc import funnel
    >>> df = pd.DataFrame({"team": list("ABCDEF"), "missed": [40, 9, 45, 30, 4, 7],
    ...                    "tickets": [500, 300, 250, 400, 40, 80]})
    >>> ax = funnel_plot(funnel(df, unit="team", value="missed", size="tickets", chart="p", multiply=100), lang="en")
    >>> sorted(t.get_text() for t in ax.texts if t.get_gid() == "funnel_label")   # beyond the 3σ limits
    ['B', 'C']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    from sqmkit._checks import check_lang
    from sqmkit.exceptions import DataValidationError
    from sqmkit.glossary import message, value_label
    from sqmkit.spc.funnels import funnel_limits

    check_lang(lang)
    settings = getattr(table, "attrs", {}) or {}
    if len(table) and not {"chart", "center", "multiply"} <= set(settings):
        raise DataValidationError(message("spc_funnel_no_attrs"))
    ax = new_axes(ax, figsize=(9, 5))
    ax.set_title(title or text("spc_funnel_title", lang))
    ax.set_xlabel(text("spc_funnel_xlabel", lang))
    t = pd.DataFrame()
    if len(table):
        stat, size = pd.to_numeric(table["stat"], errors="coerce"), pd.to_numeric(table["size"], errors="coerce")
        t = table[np.isfinite(stat) & (size > 0)].reset_index(drop=True)
    if t.empty:  # no units (e.g. no tickets to count the KPI on): say so instead of drawing empty limits
        ax.text(0.5, 0.5, text("spc_no_data", lang), transform=ax.transAxes, ha="center", va="center",
                fontsize=12, color="0.45")
        return ax
    chart, center, multiply = settings["chart"], float(settings["center"]), float(settings["multiply"])
    ax.set_ylabel(ylabel or _funnel_ylabel(chart, multiply, lang))
    # layout as data: the range of sizes, the limit curves over it, the kind of each point
    low, high = float(t["size"].min()), float(t["size"].max())
    log_x = high / low >= 50
    grid = np.geomspace(low / 1.3, high * 1.08, 300) if high > low else np.geomspace(low / 2, low * 2, 300)
    curves = funnel_limits(grid, chart=chart, center=center, multiply=multiply)
    outside = t["outside"].to_numpy(bool)
    warning = t["warning"].to_numpy(bool) if "warning" in t else np.zeros(len(t), dtype=bool)
    inside = ~outside & ~warning
    key = "spc_funnel_center" if settings.get("target") is None else "spc_funnel_target"

    ax.plot(grid, curves["ucl"], color="tab:red", linewidth=1.3, label=text("spc_funnel_limits3", lang), zorder=2)
    ax.plot(grid, curves["lcl"], color="tab:red", linewidth=1.3, zorder=2)
    ax.plot(grid, curves["ucl2"], color="tab:orange", linestyle="--", linewidth=1.2,
            label=text("spc_funnel_limits2", lang), zorder=2)
    ax.plot(grid, curves["lcl2"], color="tab:orange", linestyle="--", linewidth=1.2, zorder=2)
    ax.axhline(center, color="tab:green", linewidth=1.4, label=text(key, lang, center=f"{center:.3g}"), zorder=2)
    x, y = t["size"].to_numpy(float), t["stat"].to_numpy(float)
    for mask, color, size, label in ((inside, "tab:blue", 28, "spc_funnel_inside"),
                                     (warning, "tab:orange", 34, "spc_funnel_warning"),
                                     (outside, "tab:red", 42, "spc_funnel_outside")):
        if mask.any():
            ax.scatter(x[mask], y[mask], s=size, color=color, edgecolor="white", linewidth=0.6, zorder=4,
                       label=text(label, lang))
    if log_x:  # plain numbers at 1-2-5 steps: the theme reads "$" as text, so no mathtext 10^k ticks
        from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

        ax.set_xscale("log")
        ax.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlim(grid[0], grid[-1])
    visible = np.r_[y, curves["ucl"].to_numpy(), curves["lcl"].to_numpy(), center]
    y0, y1 = float(np.nanmin(visible)), float(np.nanmax(visible))
    pad = 0.08 * (y1 - y0 or abs(center) or 1.0)
    bottom = max(y0 - pad, -0.4 * pad) if y0 >= 0 else y0 - pad  # a point at 0 shows whole, little below 0
    top = y1 + pad if chart != "p" else min(y1 + pad, multiply * 1.02)
    ax.set_ylim(bottom, top)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    if label_outside and outside.any():
        order = t.index[outside][np.argsort(-np.abs(t.loc[outside, "z"].to_numpy(float)), kind="stable")]
        rows = [int(i) for i in order[:_FUNNEL_MAX_LABELS]]
        names = [str(value_label(t.loc[i, "unit"], lang)) for i in rows]
        written = _place_funnel_labels(ax, t, rows, names)
        if len(written) < int(outside.sum()):
            ax.text(0.0, -0.16, text("spc_funnel_labels_note", lang, shown=len(written), n=int(outside.sum())),
                    transform=ax.transAxes, fontsize=8, color="0.35", va="top", gid="funnel_note")
    return ax
