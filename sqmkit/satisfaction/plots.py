"""Charts of the satisfaction step: CSAT/NPS by group, trends, SERVQUAL gaps, key drivers,
derived importance-performance, before/after, comment themes.

Every function draws a table returned by :mod:`sqmkit.satisfaction` or :mod:`sqmkit.satisfaction.comments`, takes
``lang`` and ``ax=None``, returns the Axes and computes no statistics.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from sqmkit._checks import check_choice, check_lang, require_columns
from sqmkit.glossary import column_label, message, text, value_label
from sqmkit.plots import new_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["satisfaction_bars", "trend_chart", "servqual_chart", "driver_chart", "ipa_chart",
           "before_after_chart", "theme_chart", "dimension_label"]

_STATISTICS = ("mean", "top_box_pct", "nps", "score")   # their labels: the glossary's sat_plot_<statistic>
_GROUPS = ("channel", "segment", "team")
_RED, _BLUE, _GREY, _GREEN = "#c0392b", "#2c6fbb", "#95a5a6", "#27ae60"


def dimension_label(name: str, lang: str = "zh") -> str:
    """The display name of a SERVQUAL dimension (others are returned unchanged, as text)."""
    return str(value_label(name, lang, column="dimension"))


def _statistic_label(name: str, lang: str) -> str:
    return text(f"sat_plot_{name}", lang) if name in _STATISTICS else column_label(name, lang)


def _group_label(group: str, lang: str) -> str:
    if group == "period":
        return text("sat_plot_month", lang)
    return str(value_label(group, lang, column="level")) if group in _GROUPS else group


def _check(table: pd.DataFrame, columns: Sequence[str], what: str, source: str, lang: str) -> None:
    check_lang(lang)
    name = source.split("(")[0].rsplit(".", 1)[-1]
    require_columns(table, columns, table=name, fix=message("sat_plot_wrong_table", source=source, what=what))


def _p_text(p: float) -> str:
    if pd.isna(p):
        return "n/a"
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"


def satisfaction_bars(table: pd.DataFrame, *, group: str, value: str = "top_box_pct",
                      title: str | None = None, lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Horizontal bars of a satisfaction statistic per group, with 95 % CIs for mean and NPS.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`sqmkit.satisfaction.csat`, :func:`~sqmkit.satisfaction.nps` or
        :func:`~sqmkit.satisfaction.weighted_index` with ``by=group``.
    group : str
        The group column.
    value : str
        The column to draw (``top_box_pct``, ``mean``, ``nps``, ``score``...). Error bars are
        drawn from ``ci_low``/``ci_high`` when ``value`` is ``mean`` or ``nps``.
    """
    _check(table, [group, value], "satisfaction_bars", "sqmkit.satisfaction.csat/nps(by=...)", lang)
    table = table[np.isfinite(pd.to_numeric(table[value], errors="coerce").to_numpy(float))]  # groups without answers
    ax = new_axes(ax, figsize=(8, 0.5 * len(table) + 1.8))
    y = np.arange(len(table))
    vals = table[value].to_numpy(dtype=float)
    colors = [_RED if v < 0 else _BLUE for v in vals]
    xerr = None
    if value in ("mean", "nps") and {"ci_low", "ci_high"} <= set(table.columns):
        xerr = np.nan_to_num(np.vstack([vals - table["ci_low"].to_numpy(float), table["ci_high"].to_numpy(float) - vals]))
    ax.barh(y, vals, color=colors, xerr=xerr, capsize=4, error_kw={"ecolor": "#555555", "lw": 1})
    ax.set_yticks(y, [str(value_label(v, lang, column=group)) for v in table[group]])
    ax.invert_yaxis()
    ends = vals if xerr is None else np.where(vals >= 0, vals + xerr[1], vals - xerr[0])
    span = float(np.max(np.abs(np.concatenate([vals, ends])), initial=0.0)) or 1.0
    for yi, v, e in zip(y, vals, ends):
        ax.text(e + (0.02 * span if v >= 0 else -0.02 * span), yi, f"{v:.1f}" if abs(v) >= 10 else f"{v:.2f}",
                va="center", ha="left" if v >= 0 else "right", fontsize=9)
    if (vals < 0).any():
        ax.axvline(0, color="#333333", lw=0.8)
    vname = _statistic_label(value, lang)
    ax.set_xlabel(vname + (f" · {text('sat_plot_ci', lang)}" if xerr is not None else ""))
    gname = _group_label(group, lang)
    ax.set_ylabel(gname)
    ax.set_title(title or text("sat_plot_by_group", lang, v=vname, g=gname))
    lo, hi = ax.get_xlim()
    ax.set_xlim(lo - (0.08 * span if lo < 0 else 0), hi + 0.08 * span)
    return ax


def trend_chart(table: pd.DataFrame, *, split: str | pd.Timestamp | None = None, target: float | None = None, title: str | None = None,
                lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Line of a statistic per period with its 95 % CI band and the intervention date.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`sqmkit.satisfaction.monthly_trend`.
    split : date-like, optional
        The intervention date, drawn as a dashed vertical line.
    target : float, optional
        A target level, drawn as a horizontal line.
    """
    _check(table, ["period", "value", "ci_low", "ci_high", "statistic"], "trend_chart",
           "sqmkit.satisfaction.monthly_trend", lang)
    ax = new_axes(ax, figsize=(9, 4.5))
    x = pd.to_datetime(table["period"])
    ax.fill_between(x, table["ci_low"], table["ci_high"], color=_BLUE, alpha=0.18, label=text("sat_plot_ci", lang))
    stat = str(table["statistic"].iloc[0]) if len(table) else "value"
    vname = _statistic_label(stat, lang)
    ax.plot(x, table["value"], marker="o", color=_BLUE, label=vname)
    if split is not None:
        d = pd.Timestamp(split)
        ax.axvline(d, color=_RED, ls="--", lw=1.2, label=text("sat_plot_split", lang, d=d.date()))
    if target is not None:
        ax.axhline(target, color=_GREEN, ls=":", lw=1.2, label=text("sat_plot_target", lang, t=target))
    ax.set_title(title or text("sat_plot_trend", lang, v=vname))
    ax.set_xlabel(text("sat_plot_month", lang))
    ax.set_ylabel(vname)
    ax.xaxis.set_major_formatter(__import__("matplotlib.dates", fromlist=["DateFormatter"]).DateFormatter("%Y-%m"))
    for tick in ax.get_xticklabels():
        tick.set_rotation(45)
        tick.set_ha("right")
    ax.legend(loc="best", fontsize=9)
    return ax


def servqual_chart(table: pd.DataFrame, *, show_items: bool = True, title: str | None = None,
                   lang: str = "zh", ax: Axes | None = None) -> Axes:
    """SERVQUAL gap (or SERVPERF score) per dimension as bars, item gaps as dots.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`sqmkit.satisfaction.servqual_gaps` without ``by``.
    show_items : bool, default True
        Draw each item's gap as a dot on its dimension's row.
    """
    _check(table, ["level", "dimension", "item", "score", "method"], "servqual_chart",
           "sqmkit.satisfaction.servqual_gaps", lang)
    dims = table[table["level"] == "dimension"].reset_index(drop=True)
    items = table[table["level"] == "item"]
    ax = new_axes(ax, figsize=(8.5, 0.65 * len(dims) + 1.8))
    y = np.arange(len(dims))
    scores = dims["score"].to_numpy(float)
    servqual = table["method"].iloc[0] == "servqual"
    worst = int(np.nanargmin(scores)) if servqual and np.isfinite(scores).any() else -1
    colors = [_RED if i == worst else (_BLUE if not servqual or s >= 0 else "#e59866") for i, s in enumerate(scores)]
    ax.barh(y, scores, color=colors, height=0.6, label=text("sat_plot_dimension_gap" if servqual else "sat_plot_dimension_score", lang),
            zorder=2)
    if show_items and len(items):
        pos = {d: i for i, d in enumerate(dims["dimension"])}
        iy = items["dimension"].map(pos).to_numpy(float)
        ax.scatter(items["score"], iy, color="#333333", s=18, zorder=3,
                   label=text("sat_plot_item_gap" if servqual else "sat_plot_item_score", lang))
    every = np.abs(np.concatenate([scores, items["score"].to_numpy(float) if len(items) else scores]))
    span = float(np.max(every[np.isfinite(every)], initial=0.0)) or 1.0  # no NaN axis limits
    for yi, s in zip(y, scores):
        if not np.isfinite(s):
            continue
        ax.text(s + (-0.03 * span if s < 0 else 0.03 * span), yi - 0.36, f"{s:+.2f}" if servqual else f"{s:.2f}",
                ha="right" if s < 0 else "left", va="center", fontsize=9, zorder=4)
    ax.set_yticks(y, [dimension_label(d, lang) for d in dims["dimension"]])
    ax.invert_yaxis()
    if servqual:
        ax.axvline(0, color="#333333", lw=0.8)
    lo, hi = ax.get_xlim()
    ax.set_xlim(lo - 0.1 * span, hi + (0.1 * span if not servqual or hi > 0 else 0.05 * span))
    ax.set_xlabel(text("sat_plot_gap" if servqual else "sat_plot_perception", lang))
    ax.set_title(title or text("sat_plot_servqual" if servqual else "sat_plot_servperf", lang))
    if servqual:
        ax.legend(loc="lower left", fontsize=9)
    else:  # perception bars run from 0 to the right: the legend goes beside the plot, not over a bar
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, frameon=False)
    return ax


def driver_chart(table: pd.DataFrame, *, labels: Mapping[str, str] | None = None, title: str | None = None,
                 lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Bars of each driver's share of the explained variance (relative weights), largest on top.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`sqmkit.satisfaction.key_drivers`.
    labels : dict, optional
        Display names of the drivers (SERVQUAL dimensions are translated by default).
    """
    _check(table, ["driver", "importance_pct", "r"], "driver_chart", "sqmkit.satisfaction.key_drivers", lang)
    t = table.sort_values("importance_pct", ascending=False, kind="stable").reset_index(drop=True)
    ax = new_axes(ax, figsize=(8, 0.5 * len(t) + 1.8))
    names = [(labels or {}).get(d) or dimension_label(d, lang) for d in t["driver"]]
    y = np.arange(len(t))
    ax.barh(y, t["importance_pct"], color=[_RED if i == 0 else _BLUE for i in y])
    for yi, v, r in zip(y, t["importance_pct"], t["r"]):
        if not np.isfinite(v):
            continue
        ax.text(v + 0.5, yi, f"{v:.1f}%  (r = {r:.2f})", va="center", fontsize=9)
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    top = float(np.nan_to_num(t["importance_pct"].max()))  # NaN when R² = 0: no NaN axis limit
    ax.set_xlim(0, top * 1.35 + 1)
    ax.set_xlabel(text("sat_plot_importance_pct", lang))
    heading = title or text("sat_plot_drivers", lang)
    if "r2" in t.columns and len(t):
        heading += "  " + text("sat_plot_r2", lang, r=float(t["r2"].iloc[0]))
    ax.set_title(heading)
    return ax


def ipa_chart(table: pd.DataFrame, *, labels: Mapping[str, str] | None = None, title: str | None = None,
              lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Derived importance-performance chart: performance (x) against importance (y), quadrants.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`sqmkit.satisfaction.derived_ipa`.
    """
    _check(table, ["driver", "importance_pct", "mean", "importance_cut", "performance_cut", "quadrant"],
           "ipa_chart", "sqmkit.satisfaction.derived_ipa", lang)
    ax = new_axes(ax, figsize=(8, 6))
    colors = {"concentrate": _RED, "keep_up": _GREEN, "low_priority": _GREY, "overkill": "#e0a800"}
    ax.scatter(table["mean"], table["importance_pct"], c=[colors[q] for q in table["quadrant"]], s=70, zorder=3)
    icut, pcut = float(table["importance_cut"].iloc[0]), float(table["performance_cut"].iloc[0])
    ax.axhline(icut, color="#555555", lw=0.8, ls="--")
    ax.axvline(pcut, color="#555555", lw=0.8, ls="--")
    xr = table["mean"].max() - table["mean"].min() or 1
    yr = table["importance_pct"].max() - table["importance_pct"].min() or 1
    placed: list[tuple[float, float]] = []
    for r in table.sort_values("mean", kind="stable").itertuples():
        name = (labels or {}).get(r.driver) or dimension_label(r.driver, lang)
        # layout only: a label whose point is close to an earlier one goes below its point
        near = any(abs(r.mean - px) < 0.12 * xr and abs(r.importance_pct - py) < 0.08 * yr for px, py in placed)
        placed.append((r.mean, r.importance_pct))
        ax.annotate(name, (r.mean, r.importance_pct), xytext=(6, -14 if near else 4), textcoords="offset points",
                    fontsize=9)
    ax.set_xlim(table["mean"].min() - 0.25 * xr, table["mean"].max() + 0.35 * xr)
    ax.set_ylim(table["importance_pct"].min() - 0.25 * yr, table["importance_pct"].max() + 0.25 * yr)
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    corners = {"concentrate": (x0, y1, "left", "top"), "keep_up": (x1, y1, "right", "top"),
               "low_priority": (x0, y0, "left", "bottom"), "overkill": (x1, y0, "right", "bottom")}
    for q, (x, y, ha, va) in corners.items():
        ax.text(x, y, " " + str(value_label(q, lang, column="quadrant")) + " ", ha=ha, va=va, color=colors[q], fontsize=10, alpha=0.9)
    ax.set_xlabel(text("sat_plot_performance", lang))
    ax.set_ylabel(text("sat_plot_importance_pct", lang))
    ax.set_title(title or text("sat_plot_ipa", lang))
    return ax


def before_after_chart(table: pd.DataFrame, *, measure: str = "mean", title: str | None = None,
                       lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Before and after bars of one measure, annotated with the change, its CI and p-value.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`sqmkit.satisfaction.before_after`.
    measure : {"mean", "top_box_pct"}
    """
    _check(table, ["measure", "before", "after", "difference", "ci_low", "ci_high", "p_value"],
           "before_after_chart", "sqmkit.satisfaction.before_after", lang)
    check_choice("measure", measure, table["measure"].tolist())
    row = table.set_index("measure").loc[measure]
    ax = new_axes(ax, figsize=(6, 4.5))
    vals = [float(row["before"]), float(row["after"])]
    ax.bar([0, 1], vals, color=[_GREY, _BLUE], width=0.55)
    for x, v in zip([0, 1], vals):
        ax.text(x, v, f"{v:.2f}" if measure == "mean" else f"{v:.1f}%", ha="center", va="bottom", fontsize=10)
    names = [column_label("before", lang), column_label("after", lang)]
    if {"n_before", "n_after"} <= set(table.columns):
        names = [f"{names[0]}\nn = {int(row['n_before'])}", f"{names[1]}\nn = {int(row['n_after'])}"]
    ax.set_xticks([0, 1], names)
    ax.set_ylim(0, max(vals) * 1.25)
    vname = _statistic_label(measure, lang)
    ax.set_ylabel(vname)
    ax.set_title(title or text("sat_plot_before_after", lang, v=vname))
    note = text("sat_plot_diff", lang, d=float(row["difference"]), lo=float(row["ci_low"]),
                hi=float(row["ci_high"]), p=_p_text(row["p_value"]))
    ax.text(0.5, 0.97, note, transform=ax.transAxes, ha="center", va="top", fontsize=9,
            bbox={"boxstyle": "round", "fc": "white", "ec": "#cccccc"})
    return ax


def theme_chart(table: pd.DataFrame, *, title: str | None = None, lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Horizontal bars of the share of comments per theme, annotated with count and mean rating.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`sqmkit.satisfaction.comments.themes` without ``by``.
    """
    _check(table, ["label", "comments", "pct", "mean_score"], "theme_chart", "sqmkit.satisfaction.comments.themes", lang)
    ax = new_axes(ax, figsize=(8, 0.5 * len(table) + 1.8))
    y = np.arange(len(table))
    other = table["theme"].eq("other").to_numpy() if "theme" in table.columns else np.zeros(len(table), bool)
    ax.barh(y, table["pct"], color=[_GREY if o else _BLUE for o in other])
    for yi, r in zip(y, table.itertuples()):
        m = "—" if pd.isna(r.mean_score) else f"{r.mean_score:.2f}"
        ax.text(r.pct + 0.5, yi, text("sat_plot_theme_note", lang, n=int(r.comments), m=m), va="center", fontsize=9)
    ax.set_yticks(y, table["label"].astype(str))
    ax.invert_yaxis()
    ax.set_xlim(0, (float(np.nan_to_num(table["pct"].max())) or 1.0) * 1.45)
    ax.set_xlabel(text("sat_plot_pct_comments", lang))
    ax.set_title(title or text("sat_plot_themes", lang))
    return ax
