"""Workshop widget for the KPI step: pick a KPI, a grouping and a period; see its trend against target.

The logic is a plain function (:func:`explore_table`) tested without a front-end;
:func:`kpi_explorer` wires it to ipywidgets when live and draws the default selection when not
(batch runs, ``interactive=False``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from sqmkit import kpis as _kpis
from sqmkit._checks import check_choice
from sqmkit.glossary import column_label, text, value_label
from sqmkit.ui import is_live

__all__ = ["GROUPINGS", "PERIODS", "explore_table", "kpi_explorer"]

GROUPINGS = ["channel", "team", "category", "priority", "agent_id"]
#: The periods the explorer offers (their labels: the glossary's values of ``freq``).
PERIODS = ("D", "W", "MS", "QS")


def _target(targets: pd.DataFrame | None, kpi: str) -> tuple[float | None, str | None]:
    if targets is None or "kpi" not in targets.columns:
        return None, None
    rows = targets[targets["kpi"] == kpi]
    if rows.empty:
        return None, None
    return float(rows["target"].iloc[0]), str(rows["direction"].iloc[0])


def explore_table(data: pd.DataFrame | str | Path, *, kpi: str, by: str | None, freq: str,
                  targets: pd.DataFrame | None = None, **kpi_options: Any) -> tuple[pd.DataFrame, float | None, str | None]:
    """The table behind the explorer: ``ticket_kpis(data, by=by, freq=freq, ...)`` plus the KPI's target and direction."""
    check_choice("kpi", kpi, _kpis.KPI_COLUMNS)
    table = _kpis.ticket_kpis(data, by=by, freq=freq, **kpi_options)
    target, direction = _target(targets, kpi)
    return table, target, direction


def _draw(table: pd.DataFrame, kpi: str, by: str | None, target, direction, lang: str):
    from sqmkit.kpis.plots import kpi_trend_chart

    return kpi_trend_chart(table, kpi=kpi, hue=by, target=target, direction=direction, lang=lang)


def kpi_explorer(data: pd.DataFrame | str | Path, *, targets: pd.DataFrame | None = None,
                 kpi: str = "frt_median_min", by: str | None = "channel", freq: str = "MS",
                 interactive: bool = True, lang: str = "zh", **kpi_options: Any):
    """KPI trend explorer: dropdowns for KPI, grouping and period, redrawing the trend against its target.

    Parameters
    ----------
    data : DataFrame or path
        The ``tickets`` table (or a Parquet/CSV file, aggregated by DuckDB on each change).
    targets : DataFrame, optional
        ``kpi_targets``: draws the target band of the chosen KPI.
    kpi, by, freq : str
        The selection shown first (and the only one in batch runs). A grouping the log has no
        column for (e.g. no ``channel``) shows the trend without grouping.
    interactive : bool
        The notebook's ``interactive`` parameter; widgets only when :func:`sqmkit.ui.is_live`.
    **kpi_options
        Passed to :func:`sqmkit.kpis.ticket_kpis` (``sla``, ``repeat_window_days``, ``start``, ``end``).

    Returns
    -------
    ipywidgets.VBox when live; else the Axes of the default selection.
    """
    groupings = [g for g in GROUPINGS if isinstance(data, (str, Path)) or g in data.columns]
    check_choice("by", by, [None] + GROUPINGS)
    if by not in groupings:   # an optional column the log does not have: the trend without grouping
        by = None
    check_choice("freq", freq, list(_kpis.FREQ_UNITS))
    table, target, direction = explore_table(data, kpi=kpi, by=by, freq=freq, targets=targets, **kpi_options)
    if not is_live(interactive):
        return _draw(table, kpi, by, target, direction, lang)

    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    pick_kpi = widgets.Dropdown(options=[(_kpis.kpi_label(k, lang), k) for k in _kpis.KPI_COLUMNS], value=kpi,
                                description=column_label("kpi", lang))
    pick_by = widgets.Dropdown(options=[(text("kpis_widget_no_grouping", lang), None)]
                               + [(column_label(g, lang), g) for g in groupings], value=by,
                               description=text("kpis_widget_by", lang))
    periods = list(PERIODS) + ([freq] if freq not in PERIODS else [])   # e.g. ME or QE from the notebook's freq
    pick_freq = widgets.Dropdown(options=[(value_label(f, lang, column="freq"), f) for f in periods], value=freq,
                                 description=column_label("period", lang))
    out = widgets.Output()
    cache: dict[tuple, pd.DataFrame] = {(by, freq): table}

    def redraw(*_):
        key = (pick_by.value, pick_freq.value)
        if key not in cache:
            cache[key] = _kpis.ticket_kpis(data, by=key[0], freq=key[1], **kpi_options)
        tgt, drc = _target(targets, pick_kpi.value)
        with out:
            out.clear_output(wait=True)
            ax = _draw(cache[key], pick_kpi.value, key[0], tgt, drc, lang)
            display(ax.figure)
            plt.close(ax.figure)

    for control in (pick_kpi, pick_by, pick_freq):
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([pick_kpi, pick_by, pick_freq]), out])
