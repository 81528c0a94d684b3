"""Workshop widgets for the satisfaction step: index weight sliders and a driver/segment picker.

:func:`index_weights_widget` and :func:`driver_picker_widget` build ipywidgets controls whose
chart redraws in place; :func:`show_index_weights` and :func:`show_driver_picker` display the
widget in a live session (with a static copy of the last chart for front-ends that cannot draw the
widget, see :func:`sqmkit.ui.show`) and the static chart (with the starting settings) in batch
runs. The computations are :func:`sqmkit.satisfaction.weighted_index` and
:func:`sqmkit.satisfaction.key_drivers`; nothing is computed here.

**Weights are saved only when asked.** Moving a slider says that the weights are not saved; *Save
weights* writes them, rescaled to sum to 1 (two decimals), to ``survey.dimension_weights`` of
sqmkit.yaml (:func:`sqmkit.config.save_settings`); the bundled sample refuses with the command that
makes an editable copy. Without a workbook there is no save button and the widget says so.

CSS classes: ``sqmkit-weights-{<dimension>,save,status,note,chart}``, ``sqmkit-drivers-{segment,method,chart}``.
"""
from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from sqmkit import satisfaction as _sat
from sqmkit._checks import require_columns
from sqmkit.exceptions import DataValidationError
from sqmkit.satisfaction._common import check_weights
from sqmkit.glossary import column_label, text
from sqmkit.ui import Snapshot, css, figure_png, is_live, is_sample, message

__all__ = ["rescaled", "index_weights_widget", "show_index_weights", "driver_picker_widget", "show_driver_picker"]


def _show(fig) -> bytes:
    """Display ``fig`` as a PNG (closed afterwards); returns the PNG for the snapshot."""
    from IPython.display import Image, display

    png = figure_png(fig)
    display(Image(data=png))
    return png


def rescaled(weights: Mapping[str, float], *, digits: int = 2) -> dict[str, float]:
    """``weights`` rescaled to sum to 1, rounded to ``digits`` decimals that still sum to exactly 1.

    The rounding remainder goes to the largest weights first (largest-remainder method).

    Examples
    --------
    >>> rescaled({"a": 1, "b": 1, "c": 1})
    {'a': 0.34, 'b': 0.33, 'c': 0.33}
    """
    total = sum(float(v) for v in weights.values())
    unit = 10 ** digits
    raw = {k: float(v) / total * unit for k, v in weights.items()}
    floors = {k: int(v) for k, v in raw.items()}
    left = unit - sum(floors.values())
    for k in sorted(raw, key=lambda k: (raw[k] - floors[k], raw[k]), reverse=True)[:left]:
        floors[k] += 1
    return {k: round(v / unit, digits) for k, v in floors.items()}


def _index_figure(table: pd.DataFrame, by: str | None, lang: str):
    import matplotlib.pyplot as plt

    from sqmkit.satisfaction import plots as charts
    from sqmkit.plots import set_theme

    set_theme()
    if by:
        ax = charts.satisfaction_bars(table, group=by, value="score", lang=lang)
    else:
        _, ax = plt.subplots(figsize=(6, 1.6))
        ax.axis("off")
        ax.text(0.5, 0.5, text("sat_widget_index", lang, s=float(table["score"].iloc[0]), n=int(table["n"].iloc[0])),
                ha="center", va="center", fontsize=14)
    return ax.figure


def _index(data, weights, scale_min, scale_max, by) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the sliders need not sum to 1
        return _sat.weighted_index(data, weights=weights, scale_min=scale_min, scale_max=scale_max, by=by)


def index_weights_widget(data: pd.DataFrame, *, weights: Mapping[str, float], scale_min: float = 1,
                         scale_max: float = 5, by: str | None = None, labels: Mapping[str, str] | None = None,
                         workbook: Any = None, lang: str = "zh"):
    """Sliders for the weights of :func:`sqmkit.satisfaction.weighted_index`; the chart redraws in place.

    Parameters
    ----------
    data : DataFrame
        Table with the weighted columns (e.g. :func:`sqmkit.satisfaction.dimension_scores`).
    weights : dict
        Starting weights ``{column: weight}`` (sqmkit.yaml ``survey.dimension_weights``).
    by : str, optional
        A group column: the chart shows the index per group.
    labels : dict, optional
        Slider captions per column.
    workbook : str or Path, optional
        Where *Save weights* writes ``survey.dimension_weights``; None: no save button, the widget
        says the weights are not saved.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``sliders`` ({column: FloatSlider}), ``result`` (the latest index table),
        ``save``, ``status``, ``snapshot`` and ``redraw()``.
    """
    import ipywidgets as w

    check_weights(weights, [str(c) for c in data.columns], argument="weights")
    sliders = {c: css(w.FloatSlider(value=float(v), min=0.0, max=1.0, step=0.01, continuous_update=False,
                                    description=str((labels or {}).get(c, c)), style={"description_width": "initial"}),
                      "weights", str(c))
               for c, v in weights.items()}
    out = css(w.Output(), "weights", "chart")
    status = css(w.HTML(), "weights", "status")
    save = css(w.Button(description=text("ui_weights_save", lang), icon="save"), "weights", "save")
    note = css(w.HTML(message("warn", text("ui_read_only", lang)) if workbook is not None and is_sample(workbook)
                      else ""), "weights", "note")
    saved = {"values": {c: float(v) for c, v in weights.items()}}
    snapshot = Snapshot(text("ui_snapshot_note", lang))
    parts = [w.HTML(f"<b>{text('sat_widget_weights', lang)}</b>"), note, *sliders.values()]
    parts += [save, status] if workbook is not None else [status]
    box = w.VBox([*parts, out])
    box.add_class("sqmkit-editor")
    box.add_class("sqmkit-weights")
    box.sliders, box.result, box.save, box.status, box.snapshot = sliders, None, save, status, snapshot

    def current() -> dict[str, float]:
        return {c: float(s.value) for c, s in sliders.items()}

    def say_unsaved() -> None:
        same = sum(current().values()) > 0 and rescaled(current()) == rescaled(saved["values"])
        if workbook is None:
            status.value = message("info", text("ui_weights_not_saved", lang))
        elif not same:
            shown = ", ".join(f"{c} {v:g}" for c, v in saved["values"].items())
            status.value = message("info", text("ui_weights_unsaved", lang, saved=shown))
        else:
            status.value = ""

    def redraw(_change: Any = None) -> None:
        current_weights = current()
        with out:
            out.clear_output(wait=True)
            if sum(current_weights.values()) <= 0:
                print(text("sat_widget_zero", lang))
                return
            box.result = _index(data, current_weights, scale_min, scale_max, by)
            png = _show(_index_figure(box.result, by, lang))
        snapshot.update(png=png)

    def on_move(_change: Any = None) -> None:
        redraw()
        say_unsaved()

    def on_save(_: Any = None) -> None:
        from sqmkit import config
        from sqmkit.exceptions import SqmkitError

        if sum(current().values()) <= 0:
            status.value = message("error", text("ui_weights_zero", lang))
            return
        values = rescaled(current())
        try:
            path = config.save_settings(workbook, {"survey": {"dimension_weights": values}})
        except (SqmkitError, OSError) as err:
            status.value = message("error", str(err))
            return
        saved["values"] = values
        for c, s in sliders.items():   # the sliders show what was saved (same ratios: the index does not move)
            s.unobserve(on_move, names="value")
            s.value = values[c]
            s.observe(on_move, names="value")
        redraw()
        shown = ", ".join(f"{c}: {v:g}" for c, v in values.items())
        status.value = message("ok", text("ui_weights_saved_survey", lang, path=path, values=shown))

    for s in sliders.values():
        s.observe(on_move, names="value")
    save.on_click(on_save)
    box.redraw = redraw
    redraw()
    if workbook is None:
        say_unsaved()
    return box


def show_index_weights(data: pd.DataFrame, *, weights: Mapping[str, float], scale_min: float = 1,
                       scale_max: float = 5, by: str | None = None, labels: Mapping[str, str] | None = None,
                       lang: str = "zh", interactive: bool = True, workbook: Any = None) -> pd.DataFrame:
    """Display the weight sliders live (savable to ``workbook``), or the static index chart in batch;
    returns the index table."""
    from sqmkit.ui import show

    if is_live(interactive):
        box = index_weights_widget(data, weights=weights, scale_min=scale_min, scale_max=scale_max, by=by,
                                   labels=labels, workbook=workbook, lang=lang)
        show(box)
        return box.result
    table = _sat.weighted_index(data, weights=weights, scale_min=scale_min, scale_max=scale_max, by=by)
    _show(_index_figure(table, by, lang))
    return table


def _driver_figure(table: pd.DataFrame, lang: str, labels):
    import matplotlib.pyplot as plt

    from sqmkit.satisfaction import plots as charts
    from sqmkit.plots import set_theme

    set_theme()
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(14, 4.8))
    charts.driver_chart(table, labels=labels, lang=lang, ax=a1)
    charts.ipa_chart(_sat.derived_ipa(table), labels=labels, lang=lang, ax=a2)
    fig.tight_layout()
    return fig


def _drivers_for(data, outcome, drivers, segment, value, method) -> pd.DataFrame:
    part = data if value is None else data[data[segment] == value]
    return _sat.key_drivers(part, outcome=outcome, drivers=drivers, method=method)


def driver_picker_widget(data: pd.DataFrame, *, outcome: str, drivers: Sequence[str], segment: str,
                         labels: Mapping[str, str] | None = None, lang: str = "zh"):
    """A segment picker and method toggle for the key-driver and derived IPA charts, redrawn in place.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``segment``, ``method`` (the controls), ``result`` (latest drivers table)
        and ``redraw()``.
    """
    import ipywidgets as w

    require_columns(data, [segment], table="survey", argument="segment")
    values = sorted(data[segment].dropna().unique().tolist(), key=str)
    pick = css(w.Dropdown(options=[(text("sat_widget_all", lang), None)] + [(str(v), v) for v in values],
                          value=None, description=column_label("segment", lang)), "drivers", "segment")
    method = css(w.ToggleButtons(options=[(text("sat_widget_relative_weights", lang), "relative_weights"),
                                          (text("sat_widget_correlation", lang), "correlation")],
                                 value="relative_weights", description=column_label("method", lang)), "drivers", "method")
    out = css(w.Output(), "drivers", "chart")
    snapshot = Snapshot(text("ui_snapshot_note", lang))
    box = w.VBox([w.HBox([pick, method]), out])
    box.add_class("sqmkit-editor")
    box.add_class("sqmkit-drivers")
    box.segment, box.method, box.result, box.snapshot = pick, method, None, snapshot

    def redraw(_change: Any = None) -> None:
        with out:
            out.clear_output(wait=True)
            try:
                box.result = _drivers_for(data, outcome, list(drivers), segment, pick.value, method.value)
            except DataValidationError as err:  # e.g. a segment too small for the model
                print(err)
                return
            png = _show(_driver_figure(box.result, lang, labels))
        snapshot.update(png=png)

    pick.observe(redraw, names="value")
    method.observe(redraw, names="value")
    box.redraw = redraw
    redraw()
    return box


def show_driver_picker(data: pd.DataFrame, *, outcome: str, drivers: Sequence[str], segment: str,
                       labels: Mapping[str, str] | None = None, lang: str = "zh",
                       interactive: bool = True) -> pd.DataFrame:
    """Display the driver picker live, or the static charts for all respondents in batch."""
    from sqmkit.ui import show

    if is_live(interactive):
        box = driver_picker_widget(data, outcome=outcome, drivers=drivers, segment=segment, labels=labels, lang=lang)
        show(box)
        return box.result
    table = _sat.key_drivers(data, outcome=outcome, drivers=list(drivers))
    _show(_driver_figure(table, lang, labels))
    return table
