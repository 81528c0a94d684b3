"""Workshop widgets for the needs step: add or re-rate a need, move the priority weights, save.

The logic lives in plain functions (:func:`working_table`, :func:`apply_need_edit`,
:func:`recompute`, :func:`workshop_ipa`) so it is tested without a front-end; :func:`needs_workbench`
wires them to ipywidgets. In batch runs (``interactive=False``) :func:`show_needs_workbench` draws the
static result instead.

**One rule for the notebook and the workbench.** A re-rating saved by the workbench is stored as the
need's own aggregated ``importance``/``performance`` in the ``needs`` table. :func:`workshop_ipa`
(section 3 of notebook 01) and :func:`working_table` (the workbench) both let those values win over
the means of ``needs_ratings`` for that need, so after a save and Run All the notebook's IPA,
priorities and text rank the needs as the workbench did (before, the notebook kept the ratings'
means and the workbench the saved values, and they ranked different needs first).

**Weights.** The priority weights are the notebook parameters ``weight_gap``, ``weight_kano``,
``weight_mentions``; *Save weights* writes them under ``parameters:`` of sqmkit.yaml
(:func:`sqmkit.config.save_settings`), which every ``sqmkit run`` applies; the widget says that the
open session's parameters cell still holds the old values.

CSS classes: ``sqmkit-needs-{note,id,need,importance,performance,apply,save,reload,status,chart}`` and
``sqmkit-weights-{gap,kano,mentions,save,status}``.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sqmkit import needs as _needs
from sqmkit._checks import choice_error
from sqmkit.exceptions import DataValidationError, SqmkitError
from sqmkit.glossary import column_label, text
from sqmkit.glossary import message as message_of
from sqmkit.ui import SaveBar, Snapshot, TableEditor, append_row, css, figure_png, is_live, message

__all__ = ["working_table", "apply_need_edit", "recompute", "workshop_ipa", "needs_workbench",
           "show_needs_workbench"]

_PARAMETERS = {"gap": "weight_gap", "kano": "weight_kano", "mentions": "weight_mentions"}


def _own(work: pd.DataFrame) -> pd.Series:
    """Needs whose catalogue row holds its own aggregated importance and performance (a workshop rating)."""
    if not {"importance", "performance"} <= set(work.columns):
        return pd.Series(False, index=work.index)
    return pd.to_numeric(work["importance"], errors="coerce").notna() & \
        pd.to_numeric(work["performance"], errors="coerce").notna()


def working_table(needs: pd.DataFrame, ipa: pd.DataFrame | None) -> pd.DataFrame:
    """The needs catalogue with aggregated ``importance``/``performance`` for live editing.

    A need's own aggregated values in the catalogue win (a workshop re-rating saved earlier); else
    the means from the ratings (``ipa`` from :func:`sqmkit.needs.importance_performance`), at full
    precision (the notebook's IPA uses the same numbers). Needs with neither stay blank.
    """
    work = needs.copy()
    work.attrs = dict(needs.attrs)
    for col in ("importance", "performance"):
        own = pd.to_numeric(work[col], errors="coerce") if col in work.columns else pd.Series(np.nan, index=work.index)
        if ipa is not None:
            lookup = pd.to_numeric(ipa.drop_duplicates("item").set_index("item")[col], errors="coerce")
            means = work["need_id"].astype(object).map(lookup.astype("float64").to_dict())
            own = own.astype("float64").fillna(pd.to_numeric(means, errors="coerce").astype("float64"))
        work[col] = own.astype(float)
    return work


def workshop_ipa(catalogue: pd.DataFrame | None, ratings: pd.DataFrame | None, *, crosshair: str = "data",
                 scale: tuple[float, float] = (1, 7)) -> pd.DataFrame | None:
    """The IPA of notebook 01: :func:`sqmkit.needs.workbook_ipa`, with a need's own aggregated ratings
    in the catalogue (a workshop re-rating) winning over the means of ``needs_ratings``.

    Returns :func:`~sqmkit.needs.workbook_ipa`'s table unchanged when no need carries its own ratings
    beside ``needs_ratings``; else the IPA of the combined per-need ratings (cross-hairs at the mean of
    the need means, as before), with ``n`` the number of ratings behind each need (1 for a workshop
    rating) and ``rated_by`` = ``"ratings"`` or ``"workshop"``.

    Examples
    --------
    >>> cat = pd.DataFrame({"need_id": ["N1", "N2"], "need": ["a", "b"], "importance": [7.0, None],
    ...                     "performance": [1.0, None]})
    >>> rat = pd.DataFrame({"respondent_id": ["r1", "r1"], "need_id": ["N1", "N2"], "importance": [5, 6],
    ...                     "performance": [5, 3]})
    >>> workshop_ipa(cat, rat)[["item", "importance", "performance", "rated_by"]].values.tolist()
    [['N1', 7.0, 1.0, 'workshop'], ['N2', 6.0, 3.0, 'ratings']]
    """
    ipa = _needs.workbook_ipa(catalogue, ratings, crosshair=crosshair, scale=scale)
    if ipa is None or catalogue is None or not _own(catalogue).any() or ratings is None or \
            not {"importance", "performance"} <= set(ratings.columns):
        return ipa
    own = set(catalogue.loc[_own(catalogue), "need_id"].astype(str))
    work = working_table(catalogue, ipa)
    rated = work[work["importance"].notna() & work["performance"].notna()]
    out = _needs.importance_performance(rated, item="need_id", importance="importance", performance="performance",
                                        crosshair=crosshair, scale=scale, items=work["need_id"], table="needs")
    counts = ipa.drop_duplicates("item").set_index("item")["n"]
    workshop = out["item"].astype(str).isin(own)
    out["n"] = np.where(workshop, 1, out["item"].map(counts).fillna(0)).astype("int64")
    out["rated_by"] = np.where(workshop, "workshop", np.where(out["n"] > 0, "ratings", None))
    return out


def apply_need_edit(table: pd.DataFrame | None, *, need_id: str, need: str | None = None,
                    importance: float | None = None, performance: float | None = None,
                    scale: tuple[float, float] = (1, 7), **fields: Any) -> pd.DataFrame:
    """Return a copy of the needs table with one need added or re-rated.

    An existing ``need_id`` is updated (only the values passed change); a new one is appended and
    needs its description ``need``. Ratings outside ``scale`` raise :class:`DataValidationError`.
    Other columns (``category``, ``source``, ``segment``, ``mentions``) can be passed by name. The
    rows read from the file keep their index and the table its ``attrs`` (a save rewrites only them).
    ``table`` None starts the catalogue.
    """
    need_id = str(need_id).strip()
    if not need_id:
        raise DataValidationError(message_of("nd_widget_need_id_blank"), table="needs", column="need_id")
    lo, hi = scale
    for name, value in (("importance", importance), ("performance", performance)):
        if value is not None and not (lo <= float(value) <= hi):
            raise DataValidationError(
                f"Table `needs`, column {name!r}: need {need_id} would get {value!r}, outside the scale "
                f"{lo:g}–{hi:g}. Fix: pick a value on the scale.", table="needs", column=name)
    unknown = [k for k in fields if k not in ("category", "source", "segment", "mentions")]
    if unknown:
        raise choice_error("fields", unknown[0], ["category", "source", "segment", "mentions"])
    if table is None:
        from sqmkit.ui import empty_table

        table = empty_table("needs")
    out = table.copy()
    out.attrs = dict(table.attrs)
    values = {"need": need, "importance": importance, "performance": performance, **fields}
    values = {k: v for k, v in values.items() if v is not None}
    for col in values:
        if col not in out.columns:
            out[col] = np.nan if col in ("importance", "performance", "mentions") else pd.Series(pd.NA, index=out.index,
                                                                                             dtype="string")
    hit = out["need_id"].astype("string").str.strip() == need_id
    if hit.any():
        for col, value in values.items():
            if col in ("importance", "performance", "mentions"):
                out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
                value = float(value)
            out.loc[hit, col] = value
        return out
    if not need or not str(need).strip():
        raise DataValidationError(
            f"Table `needs`, column 'need': new need {need_id} has no description. Fix: type what the customer needs.",
            table="needs", column="need")
    row = {"need_id": need_id, **{k: float(v) if k in ("importance", "performance", "mentions") else v
                                  for k, v in values.items()}}
    return append_row(out, row)


def recompute(work: pd.DataFrame, kano: pd.DataFrame | None, *, weights: Mapping[str, float],
              crosshair: str = "data", scale: tuple[float, float] = (1, 7)) -> tuple[pd.DataFrame, pd.DataFrame]:
    """IPA and priorities of the working table (aggregated ratings, one row per need)."""
    rated = work[work["importance"].notna() & work["performance"].notna()]
    ipa = _needs.importance_performance(rated, item="need_id", importance="importance", performance="performance",
                                        crosshair=crosshair, scale=scale, items=work["need_id"], table="needs")
    kano_known = None
    if kano is not None:
        kano_known = kano[kano["attribute"].isin(work["need_id"])]
    return ipa, _needs.priority_ranking(ipa, kano_known, work, weights=weights)


def _apply(frame: pd.DataFrame | None, edit: dict, ids: dict) -> tuple[pd.DataFrame, Any]:
    values = {k: v for k, v in edit.items() if not k.startswith("_")}
    return apply_need_edit(frame, **values), None


def _weights_text(weights: Mapping[str, float]) -> str:
    return ", ".join(f"{_PARAMETERS[k]} {float(weights.get(k, 0.0)):g}" for k in _PARAMETERS)


def _weights_bar(sliders: dict, start: dict, workbook: Any, lang: str):
    """The Save weights button and its status line; returns (button, status, on_move)."""
    import ipywidgets as w

    saved = {"values": dict(start)}
    save = css(w.Button(description=text("ui_weights_save", lang), icon="save"), "weights", "save")
    status = css(w.HTML(), "weights", "status")

    def current() -> dict[str, float]:
        return {k: round(float(s.value), 3) for k, s in sliders.items()}

    def on_move(_: Any = None) -> None:
        if current() != {k: round(float(saved["values"].get(k, 0.0)), 3) for k in sliders}:
            status.value = message("info", text("ui_weights_unsaved", lang, saved=_weights_text(saved["values"])))
        else:
            status.value = ""

    def on_save(_: Any = None) -> None:
        from sqmkit import config

        values = current()
        if sum(values.values()) <= 0:
            status.value = message("error", text("ui_weights_zero", lang))
            return
        if workbook is None:
            status.value = message("error", text("ui_no_workbook", lang))
            return
        try:
            path = config.save_settings(workbook, {"parameters": {_PARAMETERS[k]: v for k, v in values.items()}})
        except (SqmkitError, OSError) as err:
            status.value = message("error", str(err))
            return
        saved["values"] = values
        status.value = message("ok", text("ui_weights_saved_parameters", lang, path=path, values=_weights_text(values)))

    save.on_click(on_save)
    return save, status, on_move


def needs_workbench(needs: pd.DataFrame | None, ipa: pd.DataFrame | None, kano: pd.DataFrame | None, *,
                    workbook: str | Path | None = None, weights: Mapping[str, float] | None = None,
                    scale: tuple[float, float] = (1, 7), crosshair: str = "data", lang: str = "zh"):
    """A live panel: edit a need, move the weight sliders; the IPA and priority charts redraw.

    Parameters
    ----------
    needs : DataFrame or None
        The catalogue as the notebook loaded it; with a ``workbook`` the panel starts from the table
        as it is on disk now (``io.reload_table``), so re-running its cell shows the last save.
    ipa : DataFrame or None
        The notebook's IPA (:func:`workshop_ipa`): the ratings' means of the needs without their own.
    weights : dict, optional
        The notebook's weights (its parameters): the sliders start there, as the priorities above.
    crosshair, scale
        As the notebook's IPA.

    Returns
    -------
    ipywidgets.VBox (``.table`` the TableEditor of ``needs``, ``.sliders``, ``.result`` the latest
    priorities). *Save* writes the catalogue plus the edits (:func:`sqmkit.io.write_table`);
    *Save weights* writes the sliders to sqmkit.yaml ``parameters:``.
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    from sqmkit import plots

    table = TableEditor(workbook, "needs", apply=_apply, start=needs, lang=lang)
    start = dict(_needs.DEFAULT_WEIGHTS if weights is None else weights)
    lo, hi = scale
    need_id = css(w.Text(description=column_label("need_id", lang), placeholder="N16"), "needs", "id")
    need = css(w.Text(description=column_label("need", lang)), "needs", "need")
    imp = css(w.FloatSlider(value=(lo + hi) / 2, min=lo, max=hi, step=0.1,
                            description=column_label("importance", lang)),
              "needs", "importance")
    perf = css(w.FloatSlider(value=(lo + hi) / 2, min=lo, max=hi, step=0.1,
                             description=column_label("performance", lang)),
               "needs", "performance")
    apply_btn = css(w.Button(description=text("nd_widget_apply", lang), button_style="info"), "needs", "apply")
    sliders = {k: css(w.FloatSlider(value=float(start.get(k, 0.0)), min=0, max=1, step=0.05, continuous_update=False,
                                    description=text(f"nd_widget_weight_{k}", lang), style={"description_width": "initial"}), "weights", k)
               for k in _needs.DEFAULT_WEIGHTS}
    out = css(w.Output(), "needs", "chart")
    snapshot = Snapshot(text("ui_snapshot_note", lang))
    box = w.VBox()

    def redraw(*_: Any) -> None:
        weights_now = {k: s.value for k, s in sliders.items()}
        if sum(weights_now.values()) <= 0:
            weights_now = {"gap": 1.0}
        frame = table.frame
        work = working_table(frame, ipa) if frame is not None else None
        with out:
            out.clear_output(wait=True)
            if work is None or not (work["importance"].notna() & work["performance"].notna()).any():
                print(text("nd_widget_no_needs", lang))
                return
            try:
                ipa_now, prio = recompute(work, kano, weights=weights_now, crosshair=crosshair, scale=scale)
            except DataValidationError as err:
                bar.error(err)
                return
            box.result = prio
            plots.set_theme()
            fig, axes = plt.subplots(1, 2, figsize=(16, 6.5))
            _needs.ipa_quadrant_chart(ipa_now, names=work.set_index("need_id")["need"], lang=lang, ax=axes[0])
            _needs.priority_chart(prio, top=12, lang=lang, ax=axes[1])
            fig.tight_layout()
            png = figure_png(fig)
            display(Image(data=png))
        snapshot.update(png=png)

    bar = SaveBar("needs", table, after_save=text("ui_after_needs", lang), refresh=redraw, lang=lang)
    wsave, wstatus, on_move = _weights_bar(sliders, start, workbook, lang)

    def on_pick(change: dict) -> None:
        frame = table.frame
        work = working_table(frame, ipa) if frame is not None else None
        hit = work[work["need_id"].astype(str) == change["new"].strip()] if work is not None else []
        if len(hit):
            row = hit.iloc[0]
            need.value = str(row["need"])
            if pd.notna(row["importance"]):
                imp.value = float(row["importance"])
            if pd.notna(row["performance"]):
                perf.value = float(row["performance"])

    def on_apply(_: Any = None) -> None:
        try:
            table.edit(need_id=need_id.value, need=need.value or None, importance=imp.value,
                       performance=perf.value, scale=scale)
        except DataValidationError as err:
            bar.error(err)
            return
        bar.edited()
        redraw()

    need_id.observe(on_pick, names="value")
    apply_btn.on_click(on_apply)
    for s in sliders.values():
        s.observe(redraw, names="value")
        s.observe(on_move, names="value")
    box.result = None
    redraw()
    box.children = [bar.note, w.HBox([need_id, need]), w.HBox([imp, perf]), w.HBox([apply_btn, bar.save, bar.reload]),
                    bar.status, w.HBox(list(sliders.values())), w.HBox([wsave]), wstatus, out]
    box.add_class("sqmkit-editor")
    box.add_class("sqmkit-needs")
    box.table, box.sliders, box.snapshot, box.bar = table, sliders, snapshot, bar
    return box


def show_needs_workbench(needs: pd.DataFrame | None, ipa: pd.DataFrame | None, kano: pd.DataFrame | None, *,
                         interactive: bool, workbook: str | Path | None = None,
                         weights: Mapping[str, float] | None = None, scale: tuple[float, float] = (1, 7),
                         crosshair: str = "data", lang: str = "zh"):
    """The live workbench when a front-end is there, else the static priority chart (batch runs; None without needs)."""
    if is_live(interactive):
        return needs_workbench(needs, ipa, kano, workbook=workbook, weights=weights, scale=scale,
                               crosshair=crosshair, lang=lang)
    if needs is None:
        return None

    _, prio = recompute(working_table(needs, ipa), kano,
                        weights=_needs.DEFAULT_WEIGHTS if weights is None else weights, crosshair=crosshair,
                        scale=scale)
    return _needs.priority_chart(prio, top=12, lang=lang)
