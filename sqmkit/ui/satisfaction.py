"""Workshop widgets for the satisfaction step: index weight sliders and a driver/segment picker.

:func:`index_weights_widget` and :func:`driver_picker_widget` build ipywidgets controls whose
chart redraws in place; :func:`show_index_weights` and :func:`show_driver_picker` display the
widget in a live session and the static chart (with the starting settings) in batch runs.
The computations are :func:`sqmkit.satisfaction.weighted_index` and
:func:`sqmkit.satisfaction.key_drivers`; nothing is computed here.
"""
from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from sqmkit import satisfaction as _sat
from sqmkit._checks import require_columns
from sqmkit.exceptions import DataValidationError
from sqmkit.labels import translate
from sqmkit.ui._base import is_live

__all__ = ["index_weights_widget", "show_index_weights", "driver_picker_widget", "show_driver_picker"]

_TEXTS = {
    "all": {"zh": "全部", "en": "All"},
    "segment": {"zh": "细分", "en": "Segment"},
    "method": {"zh": "方法", "en": "Method"},
    "relative_weights": {"zh": "相对权重", "en": "Relative weights"},
    "correlation": {"zh": "相关系数²", "en": "Correlation²"},
    "zero": {"zh": "请至少给一个维度设置大于 0 的权重。", "en": "Give at least one weight above 0."},
    "index": {"zh": "加权满意度指数 = {s:.1f}（0-100，n = {n}）", "en": "Weighted satisfaction index = {s:.1f} (0-100, n = {n})"},
    "weights": {"zh": "权重（自动归一化到合计 1）：", "en": "Weights (rescaled to sum to 1):"},
}


def _t(key: str, lang: str) -> str:
    return translate(_TEXTS, key, lang)


def _show(fig) -> None:
    import matplotlib.pyplot as plt
    from IPython.display import display

    display(fig)
    plt.close(fig)


def _index_figure(table: pd.DataFrame, by: str | None, lang: str):
    import matplotlib.pyplot as plt

    from sqmkit.plots import satisfaction as charts
    from sqmkit.plots._base import set_theme

    set_theme()
    if by:
        ax = charts.satisfaction_bars(table, group=by, value="score", lang=lang)
    else:
        _, ax = plt.subplots(figsize=(6, 1.6))
        ax.axis("off")
        ax.text(0.5, 0.5, _t("index", lang).format(s=float(table["score"].iloc[0]), n=int(table["n"].iloc[0])),
                ha="center", va="center", fontsize=14)
    return ax.figure


def _index(data, weights, scale_min, scale_max, by) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the sliders need not sum to 1
        return _sat.weighted_index(data, weights=weights, scale_min=scale_min, scale_max=scale_max, by=by)


def index_weights_widget(data: pd.DataFrame, *, weights: Mapping[str, float], scale_min: float = 1,
                         scale_max: float = 5, by: str | None = None, labels: Mapping[str, str] | None = None,
                         lang: str = "zh"):
    """Sliders for the weights of :func:`sqmkit.satisfaction.weighted_index`; the chart redraws in place.

    Parameters
    ----------
    data : DataFrame
        Table with the weighted columns (e.g. :func:`sqmkit.satisfaction.dimension_scores`).
    weights : dict
        Starting weights ``{column: weight}``.
    by : str, optional
        A group column: the chart shows the index per group.
    labels : dict, optional
        Slider captions per column.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``sliders`` ({column: FloatSlider}), ``result`` (the latest index table)
        and ``redraw()``.
    """
    import ipywidgets as w

    _sat.check_weights(weights, [str(c) for c in data.columns], argument="weights")
    sliders = {c: w.FloatSlider(value=float(v), min=0.0, max=1.0, step=0.05, continuous_update=False,
                                description=str((labels or {}).get(c, c)), style={"description_width": "initial"})
               for c, v in weights.items()}
    out = w.Output()
    box = w.VBox([w.HTML(f"<b>{_t('weights', lang)}</b>"), *sliders.values(), out])
    box.sliders, box.result = sliders, None

    def redraw(_change: Any = None) -> None:
        current = {c: s.value for c, s in sliders.items()}
        with out:
            out.clear_output(wait=True)
            if sum(current.values()) <= 0:
                print(_t("zero", lang))
                return
            box.result = _index(data, current, scale_min, scale_max, by)
            _show(_index_figure(box.result, by, lang))

    for s in sliders.values():
        s.observe(redraw, names="value")
    box.redraw = redraw
    redraw()
    return box


def show_index_weights(data: pd.DataFrame, *, weights: Mapping[str, float], scale_min: float = 1,
                       scale_max: float = 5, by: str | None = None, labels: Mapping[str, str] | None = None,
                       lang: str = "zh", interactive: bool = True) -> pd.DataFrame:
    """Display the weight sliders live, or the static index chart in batch; returns the index table."""
    from IPython.display import display

    if is_live(interactive):
        box = index_weights_widget(data, weights=weights, scale_min=scale_min, scale_max=scale_max, by=by,
                                   labels=labels, lang=lang)
        display(box)
        return box.result
    table = _sat.weighted_index(data, weights=weights, scale_min=scale_min, scale_max=scale_max, by=by)
    _show(_index_figure(table, by, lang))
    return table


def _driver_figure(table: pd.DataFrame, lang: str, labels):
    import matplotlib.pyplot as plt

    from sqmkit.plots import satisfaction as charts
    from sqmkit.plots._base import set_theme

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
    pick = w.Dropdown(options=[(_t("all", lang), None)] + [(str(v), v) for v in values],
                      value=None, description=_t("segment", lang))
    method = w.ToggleButtons(options=[(_t("relative_weights", lang), "relative_weights"),
                                      (_t("correlation", lang), "correlation")],
                             value="relative_weights", description=_t("method", lang))
    out = w.Output()
    box = w.VBox([w.HBox([pick, method]), out])
    box.segment, box.method, box.result = pick, method, None

    def redraw(_change: Any = None) -> None:
        with out:
            out.clear_output(wait=True)
            try:
                box.result = _drivers_for(data, outcome, list(drivers), segment, pick.value, method.value)
            except DataValidationError as err:  # e.g. a segment too small for the model
                print(err)
                return
            _show(_driver_figure(box.result, lang, labels))

    pick.observe(redraw, names="value")
    method.observe(redraw, names="value")
    box.redraw = redraw
    redraw()
    return box


def show_driver_picker(data: pd.DataFrame, *, outcome: str, drivers: Sequence[str], segment: str,
                       labels: Mapping[str, str] | None = None, lang: str = "zh",
                       interactive: bool = True) -> pd.DataFrame:
    """Display the driver picker live, or the static charts for all respondents in batch."""
    from IPython.display import display

    if is_live(interactive):
        box = driver_picker_widget(data, outcome=outcome, drivers=drivers, segment=segment, labels=labels, lang=lang)
        display(box)
        return box.result
    table = _sat.key_drivers(data, outcome=outcome, drivers=list(drivers))
    _show(_driver_figure(table, lang, labels))
    return table
