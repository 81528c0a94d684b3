"""Charts of the service-KPI step: KPI trend against its target band, red/amber/green table,
cascade of a KPI across teams, composite service-quality score.

Each chart draws a table made by :mod:`sqmkit.kpis` (``ticket_kpis``, ``kpi_status``,
``kpi_cascade``, ``composite_score``); none computes a statistic.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sqmkit.glossary import column_label, text, value_label
from sqmkit.plots import new_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["kpi_trend_chart", "rag_heatmap", "cascade_chart", "composite_chart", "resolution_capability_plot"]

STATUS_COLOURS = {"green": "#4caf50", "amber": "#ffb300", "red": "#e53935"}
_MISSING = "#e0e0e0"


def _kpi_label(kpi: str, lang: str) -> str:
    from sqmkit.kpis import kpi_label

    return kpi_label(kpi, lang)


def _group_label(value, lang: str) -> str:
    """A group value as text: the blank group in ``lang``, numbers and others via ``str`` (never NaN)."""
    from sqmkit.glossary import BLANK

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        value = BLANK
    return str(value_label(value if isinstance(value, str) else str(value), lang))


def _no_data(ax: Axes, lang: str) -> Axes:
    ax.text(0.5, 0.5, text("kpis_plot_no_data", lang), transform=ax.transAxes, ha="center", va="center",
            fontsize=12, color="0.45")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _finite(values) -> np.ndarray:
    v = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype="float64")
    return v[np.isfinite(v)]


def _mark_partial(ax: Axes, part: pd.DataFrame, x: pd.Series, y: pd.Series, colour) -> bool:
    """Hollow markers on the partial periods of one line (scatter, so ``ax.lines`` stays the data)."""
    if "partial" not in part.columns or not part["partial"].fillna(False).astype(bool).any():
        return False
    flag = part["partial"].fillna(False).astype(bool).to_numpy()
    ax.scatter(x[flag], y[flag], s=70, facecolors="white", edgecolors=colour, linewidths=1.8, zorder=4)
    return True


def _partial_handle(lang: str):
    from matplotlib.lines import Line2D

    return Line2D([], [], marker="o", linestyle="none", markerfacecolor="white", markeredgecolor="0.3",
                  markeredgewidth=1.5, label=text("kpis_plot_partial", lang))


def _period_text(values: pd.Series) -> list[str]:
    stamps = pd.to_datetime(pd.Series(values), errors="coerce")
    if stamps.isna().any():
        return [str(v) for v in values]
    if (stamps.dt.day == 1).all() and (stamps.dt.hour == 0).all():
        return stamps.dt.strftime("%Y-%m").tolist()
    return stamps.dt.strftime("%Y-%m-%d").tolist()


def _wrap(text: str, width: int = 14) -> str:
    """Break a KPI label before its unit and at spaces so that grid columns do not overlap."""
    import textwrap

    text = text.replace("（", "\n（").replace(" (", "\n(")
    return "\n".join(textwrap.fill(part, width) if " " in part else part for part in text.split("\n"))


def kpi_trend_chart(table: pd.DataFrame, *, kpi: str, target: float | None = None, direction: str | None = None,
                    amber_pct: float = 5.0, hue: str | None = None, period: str = "period", lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Line chart of one KPI over periods (one line per ``hue`` group) against its target band.

    The side of the target that meets it is shaded green, the amber band (``amber_pct`` % of the
    target on the wrong side, as in :func:`sqmkit.kpis.kpi_status`) amber; the target is dashed.
    Periods flagged ``partial`` (the log covers only part of them) get a hollow marker and a legend
    entry, so that a short first or last period is not read as a drop. Blank groups are labelled
    as the glossary's blank; a table without any value draws "no data".
    """
    from sqmkit.kpis import KPI_DIRECTIONS

    ax = new_axes(ax, figsize=(9, 4.5))
    data = table.sort_values(period)
    values = _finite(data[kpi]) if kpi in data.columns else np.array([])
    if not len(values):
        ax.set_title(text("kpis_plot_trend_title", lang, kpi=_kpi_label(kpi, lang)))
        return _no_data(ax, lang)
    groups = [(None, data)] if hue is None else list(data.groupby(hue, sort=True, dropna=False))
    partial = False
    for name, part in groups:
        x = pd.to_datetime(part[period])
        (line,) = ax.plot(x, part[kpi], marker="o", lw=2, ms=4,
                          label=_group_label(name, lang) if hue is not None else _kpi_label(kpi, lang))
        partial = _mark_partial(ax, part, x, part[kpi], line.get_color()) or partial
    direction = direction or KPI_DIRECTIONS.get(kpi, "lower")
    if target is not None and not pd.isna(target):
        band = abs(target) * amber_pct / 100.0
        low, high = float(values.min()), float(values.max())
        low, high = min(low, target - 2 * band), max(high, target + 2 * band)
        pad = 0.05 * (high - low) or max(abs(target) * 0.1, 1.0)
        low, high = low - pad, high + pad
        if direction == "lower":
            ax.axhspan(low, target, color=STATUS_COLOURS["green"], alpha=0.10, lw=0, label=text("kpis_plot_ok", lang))
            ax.axhspan(target, target + band, color=STATUS_COLOURS["amber"], alpha=0.25, lw=0,
                       label=text("kpis_plot_amber", lang))
        else:
            ax.axhspan(target, high, color=STATUS_COLOURS["green"], alpha=0.10, lw=0, label=text("kpis_plot_ok", lang))
            ax.axhspan(target - band, target, color=STATUS_COLOURS["amber"], alpha=0.25, lw=0,
                       label=text("kpis_plot_amber", lang))
        ax.axhline(target, color="#424242", ls="--", lw=1.2, label=text("kpis_plot_target", lang, target=target))
        ax.set_ylim(low, high)
    name = _kpi_label(kpi, lang)
    ax.set_title(text("kpis_plot_trend_title", lang, kpi=name))
    ax.set_xlabel(column_label("period", lang))
    ax.set_ylabel(name)
    handles, names = ax.get_legend_handles_labels()
    if partial:
        handles.append(_partial_handle(lang))
        names.append(text("kpis_plot_partial", lang))
    ax.legend(handles, names, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False,
              title=hue and column_label(hue, lang))
    ax.figure.autofmt_xdate()
    return ax


def rag_heatmap(status: pd.DataFrame, *, row: str = "period", lang: str = "zh", ax: Axes | None = None, fmt: str = "{:.1f}") -> Axes:
    """Red/amber/green grid of :func:`sqmkit.kpis.kpi_status`: one row per ``row`` value, one column per KPI,
    each cell coloured by status and labelled with the value (grey: no value)."""
    from matplotlib.colors import to_rgb

    if status.empty:
        ax = new_axes(ax, figsize=(6, 2.5))
        ax.set_title(text("kpis_plot_rag_title", lang), pad=12)
        return _no_data(ax, lang)
    kpis = list(dict.fromkeys(status["kpi"]))
    rows = list(dict.fromkeys(status[row]))
    grid = np.ones((len(rows), len(kpis), 3))
    values = np.full((len(rows), len(kpis)), np.nan)
    r_index, k_index = {r: i for i, r in enumerate(rows)}, {k: j for j, k in enumerate(kpis)}
    for r, k, s, v in zip(status[row], status["kpi"], status["status"], status["value"]):
        i, j = r_index[r], k_index[k]
        grid[i, j] = to_rgb(STATUS_COLOURS.get(s, _MISSING) if not pd.isna(s) else _MISSING)
        values[i, j] = v
    ax = new_axes(ax, figsize=(1.2 * len(kpis) + 2.5, 0.42 * len(rows) + 1.8))
    ax.imshow(grid, aspect="auto", interpolation="nearest")
    for i in range(len(rows)):
        for j in range(len(kpis)):
            if not np.isnan(values[i, j]):
                ax.text(j, i, fmt.format(values[i, j]), ha="center", va="center", fontsize=8.5, color="#212121")
    ax.set_xticks(range(len(kpis)), [_wrap(_kpi_label(k, lang)) for k in kpis], fontsize=8.5)
    if row == "period":
        names = _period_text(pd.Series(rows))
        if "partial" in status.columns:   # a partial period is named as such (not read as a drop)
            partial = set(status.loc[status["partial"].fillna(False).astype(bool), row])
            names = [n + (text("partial_mark", lang) if r in partial else "") for n, r in zip(names, rows)]
    else:
        names = [_group_label(r, lang) for r in rows]
    ax.set_yticks(range(len(rows)), names)
    ax.tick_params(axis="x", top=True, bottom=False, labeltop=True, labelbottom=False)
    ax.grid(False)
    ax.set_ylabel(column_label(row, lang))
    ax.set_title(text("kpis_plot_rag_title", lang), pad=12)
    return ax


def cascade_chart(cascade: pd.DataFrame, *, level: str | None = None, lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Bars of each unit's difference from the centre (from :func:`sqmkit.kpis.kpi_cascade`):
    red bars are units worse than the centre (they pull the KPI down), green better; each bar is
    labelled with the unit's value; the dashed line marks the target."""
    from matplotlib.patches import Patch

    levels = [lv for lv in dict.fromkeys(cascade["level"]) if lv != "centre"]
    level = level or levels[0]
    part = cascade[(cascade["level"] == level) & cascade["deviation"].notna()].iloc[::-1]
    centre = float(cascade["centre"].iloc[0])
    kpi = _kpi_label(str(cascade["kpi"].iloc[0]), lang)
    ax = new_axes(ax, figsize=(8, 0.45 * len(part) + 1.8))
    ax.set_title(text("kpis_plot_cascade_title", lang, kpi=kpi, level=value_label(level, lang, column="level")))
    if part.empty or np.isnan(centre):
        return _no_data(ax, lang)
    ranked = part["ranked"].astype(bool) if "ranked" in part.columns else pd.Series(True, index=part.index)
    colours = [("#bdbdbd" if not r else STATUS_COLOURS["red"] if w else STATUS_COLOURS["green"])
               for w, r in zip(part["worse_than_centre"], ranked)]
    units = [_group_label(u, lang) for u in part["unit"]]
    if level != "centre" and part["parent"].nunique() > 1 and level not in ("team",):
        units = [f"{_group_label(p, lang)} / {u}" for p, u in zip(part["parent"], units)]
    # the scale comes from the ranked units: a one-ticket outlier must not flatten every other bar
    # (its bar is cut at the edge; the label still gives its value)
    scale = part.loc[ranked, "deviation"] if ranked.any() else part["deviation"]
    span = float(np.max(np.abs(scale))) or float(np.max(np.abs(part["deviation"]))) or 1.0
    shown = np.clip(part["deviation"].to_numpy(dtype=float), -1.2 * span, 1.2 * span)
    ax.barh(range(len(units)), shown, color=colours, tick_label=units)
    for y, (dev, value) in enumerate(zip(shown, part["value"])):
        ax.text(dev + (0.02 * span if dev >= 0 else -0.02 * span), y, f"{value:.1f}", va="center",
                ha="left" if dev >= 0 else "right", fontsize=9)
    ax.axvline(0, color="#424242", lw=1)
    target = cascade["target"].iloc[0]
    handles = [Patch(color=STATUS_COLOURS["red"], label=text("kpis_plot_worse", lang)),
               Patch(color=STATUS_COLOURS["green"], label=text("kpis_plot_better", lang))]
    if not ranked.all():
        handles.append(Patch(color="#bdbdbd", label=text("kpis_plot_not_ranked", lang)))
    if not pd.isna(target):
        line = ax.axvline(float(target) - centre, color="#424242", ls="--", lw=1.2,
                          label=text("kpis_plot_target", lang, target=float(target)))
        handles.append(line)
    ax.set_xlim(-1.25 * span - 0.1 * span, 1.25 * span + 0.1 * span) if pd.isna(target) else \
        ax.set_xlim(min(-1.3 * span, float(target) - centre - 0.1 * span), max(1.3 * span, float(target) - centre + 0.1 * span))
    ax.set_xlabel(text("kpis_plot_deviation", lang, centre=centre))
    ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    return ax


def composite_chart(scores: pd.DataFrame, *, hue: str | None = None, period: str = "period", lang: str = "zh", ax: Axes | None = None) -> Axes:
    """The composite score (from :func:`sqmkit.kpis.composite_score`) per period, one line per ``hue``."""
    ax = new_axes(ax, figsize=(9, 4.2))
    data = scores.sort_values(period)
    groups = [(None, data)] if hue is None else list(data.groupby(hue, sort=True))
    partial = False
    for name, part in groups:
        x = pd.to_datetime(part[period])
        name = _group_label(name, lang) if hue is not None else "SQS"
        (line,) = ax.plot(x, part["score"], marker="o", lw=2, label=name)
        partial = _mark_partial(ax, part, x, part["score"], line.get_color()) or partial
        if hue is None:
            for xi, yi in zip(x, part["score"]):
                if not pd.isna(yi):
                    ax.annotate(f"{yi:.0f}", (xi, yi), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=8.5)
    ax.axhline(100, color=STATUS_COLOURS["green"], ls="--", lw=1.2, label=text("kpis_plot_all_met", lang))
    low = float(np.nanmin(data["score"])) if data["score"].notna().any() else 0.0
    ax.set_ylim(max(0.0, low - 10), 105)
    ax.set_ylabel(text("kpis_plot_score", lang))
    ax.set_xlabel(column_label("period", lang))
    ax.set_title(text("kpis_plot_score_title", lang))
    handles, names = ax.get_legend_handles_labels()
    if partial:
        handles.append(_partial_handle(lang))
        names.append(text("kpis_plot_partial", lang))
    ax.legend(handles, names, loc="lower right", frameon=False)
    ax.figure.autofmt_xdate()
    return ax


def resolution_capability_plot(hours: pd.DataFrame, capability: pd.DataFrame, *, lang: str = "zh",
                               ax: Axes | None = None) -> Axes | None:
    """The histogram of resolution times against the SLA for the row of :func:`sqmkit.kpis.resolution_capability`
    with the most tickets (:func:`sqmkit.spc.capability_plot`); ``hours`` is :func:`sqmkit.kpis.resolution_hours`.
    None when ``capability`` has no row with a Cpk (every ticket taking the same time has no histogram to show)."""
    from sqmkit import spc

    capability = capability[capability["cpk"].notna()] if "cpk" in capability else capability.iloc[:0]
    if capability.empty:
        return None
    row = capability.loc[capability["tickets"].idxmax()]
    part = hours if row["priority"] == "all" else hours[hours["priority"] == row["priority"]]
    over_due = row["measure"] == "hours_over_due"
    values = part["res"] - part["sla_hours"] if over_due else part["res"]
    priority = text("kpis_all_priorities", lang) if row["priority"] == "all" else str(value_label(row["priority"], lang))
    title = text("capability_due_title" if over_due else "capability_title", lang, priority=priority, n=int(row["tickets"]))
    column = "hours_over_due" if over_due else "resolution_hours"
    return spc.capability_plot(pd.DataFrame({column: values.to_numpy(float)}), value=column,
                               result=row.to_frame().T, title=title, lang=lang, ax=ax)

