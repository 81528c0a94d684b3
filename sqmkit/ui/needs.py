"""Workshop widgets for the needs step: add or re-rate a need, move the priority weights, save.

The logic lives in plain functions (:func:`working_table`, :func:`apply_need_edit`,
:func:`recompute`) so it is tested without a front-end; :func:`needs_workbench` wires them to
ipywidgets. In batch runs (``interactive=False``) :func:`show_needs_workbench` draws the static
result instead.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sqmkit import needs as _needs
from sqmkit._checks import choice_error
from sqmkit.exceptions import DataValidationError
from sqmkit.labels import translate
from sqmkit.ui._base import is_live, save_table

__all__ = ["working_table", "apply_need_edit", "recompute", "needs_workbench", "show_needs_workbench"]

_TEXTS = {
    "need_id": {"zh": "需求编号", "en": "Need id"},
    "need": {"zh": "需求描述", "en": "Need"},
    "importance": {"zh": "重要性", "en": "Importance"},
    "performance": {"zh": "表现", "en": "Performance"},
    "apply": {"zh": "添加 / 更新需求", "en": "Add / update need"},
    "save": {"zh": "保存到工作簿", "en": "Save to workbook"},
    "gap": {"zh": "权重：IPA 差距", "en": "Weight: IPA gap"},
    "kano": {"zh": "权重：Kano", "en": "Weight: Kano"},
    "mentions": {"zh": "权重：提及频次", "en": "Weight: mentions"},
    "saved": {"zh": "已保存：{path}（旧文件已备份）", "en": "Saved: {path} (previous file backed up)"},
    "no_workbook": {"zh": "未指定工作簿，无法保存。", "en": "No workbook given; nothing saved."},
}


def _t(key: str, lang: str) -> str:
    return translate(_TEXTS, key, lang)


def working_table(needs: pd.DataFrame, ipa: pd.DataFrame | None) -> pd.DataFrame:
    """The needs catalogue with aggregated ``importance``/``performance`` for live editing.

    A need's own aggregated values in the catalogue win (an earlier workshop re-rating); else the
    means from the ratings (``ipa`` from :func:`sqmkit.needs.importance_performance`), rounded to
    2 decimals. Needs with neither stay blank.
    """
    work = needs.copy()
    work.attrs = dict(needs.attrs)
    for col in ("importance", "performance"):
        own = pd.to_numeric(work[col], errors="coerce") if col in work.columns else pd.Series(np.nan, index=work.index)
        if ipa is not None:
            means = work["need_id"].map(ipa.drop_duplicates("item").set_index("item")[col]).round(2)
            own = own.fillna(means)
        work[col] = own.astype(float)
    return work


def apply_need_edit(table: pd.DataFrame, *, need_id: str, need: str | None = None,
                    importance: float | None = None, performance: float | None = None,
                    scale: tuple[float, float] = (1, 7), **fields: Any) -> pd.DataFrame:
    """Return a copy of the needs table with one need added or re-rated.

    An existing ``need_id`` is updated (only the values passed change); a new one is appended and
    needs its description ``need``. Ratings outside ``scale`` raise :class:`DataValidationError`.
    Other columns (``category``, ``source``, ``segment``, ``mentions``) can be passed by name.
    """
    need_id = str(need_id).strip()
    if not need_id:
        raise DataValidationError("Table `needs`, column 'need_id': the need id is empty. Fix: type an id such as N16.",
                                  table="needs", column="need_id")
    lo, hi = scale
    for name, value in (("importance", importance), ("performance", performance)):
        if value is not None and not (lo <= float(value) <= hi):
            raise DataValidationError(
                f"Table `needs`, column {name!r}: need {need_id} would get {value!r}, outside the scale "
                f"{lo:g}–{hi:g}. Fix: pick a value on the scale.", table="needs", column=name)
    unknown = [k for k in fields if k not in ("category", "source", "segment", "mentions")]
    if unknown:
        raise choice_error("fields", unknown[0], ["category", "source", "segment", "mentions"])
    out = table.copy()
    out.attrs = dict(table.attrs)
    values = {"need": need, "importance": importance, "performance": performance, **fields}
    values = {k: v for k, v in values.items() if v is not None}
    for col in values:
        if col not in out.columns:
            out[col] = np.nan if col in ("importance", "performance", "mentions") else None
    hit = out["need_id"].astype(str) == need_id
    if hit.any():
        for col, value in values.items():
            if col in ("importance", "performance", "mentions"):
                out[col] = out[col].astype(float)
            else:
                out[col] = out[col].astype(object)
            out.loc[hit, col] = value
        return out
    if not need or not str(need).strip():
        raise DataValidationError(
            f"Table `needs`, column 'need': new need {need_id} has no description. Fix: type what the customer needs.",
            table="needs", column="need")
    row = {c: None for c in out.columns}
    row.update({"need_id": need_id, **values})
    out = pd.concat([out, pd.DataFrame([row]).astype({c: out[c].dtype for c in ("importance", "performance")
                                                       if c in out.columns})], ignore_index=True)
    out.attrs = dict(table.attrs)
    return out


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


def needs_workbench(needs: pd.DataFrame, ipa: pd.DataFrame | None, kano: pd.DataFrame | None, *,
                    workbook: str | Path | None = None, weights: Mapping[str, float] | None = None,
                    scale: tuple[float, float] = (1, 7), lang: str = "zh"):
    """A live panel: edit a need, move the weight sliders; the IPA and priority charts redraw.

    Returns an ``ipywidgets.VBox``. "Save" writes the needs table (with the aggregated ratings) back
    to the workbook through :func:`sqmkit.ui.save_table` (atomic, previous file backed up).
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt
    from IPython.display import display

    from sqmkit import plots

    # "work" is what the charts show (ratings filled in); "saved" is the catalogue plus the edits only,
    # so saving stores a workshop re-rating without freezing every other need's ratings.
    state = {"work": working_table(needs, ipa), "saved": needs.copy()}
    start = dict(_needs.DEFAULT_WEIGHTS if weights is None else weights)
    lo, hi = scale
    need_id = w.Text(description=_t("need_id", lang), placeholder="N16")
    need = w.Text(description=_t("need", lang))
    imp = w.FloatSlider(value=(lo + hi) / 2, min=lo, max=hi, step=0.1, description=_t("importance", lang))
    perf = w.FloatSlider(value=(lo + hi) / 2, min=lo, max=hi, step=0.1, description=_t("performance", lang))
    apply_btn = w.Button(description=_t("apply", lang), button_style="primary")
    save_btn = w.Button(description=_t("save", lang), disabled=workbook is None)
    sliders = {k: w.FloatSlider(value=float(start.get(k, 0.0)), min=0, max=1, step=0.05,
                                description=_t(k, lang), style={"description_width": "initial"})
               for k in _needs.DEFAULT_WEIGHTS}
    out, msg = w.Output(), w.HTML()

    def redraw(*_):
        weights_now = {k: s.value for k, s in sliders.items()}
        if sum(weights_now.values()) <= 0:
            weights_now = {"gap": 1.0}
        with out:
            out.clear_output(wait=True)
            try:
                ipa_now, prio = recompute(state["work"], kano, weights=weights_now, scale=scale)
            except (ValueError, DataValidationError) as err:
                msg.value = f"<span style='color:#C44E52'>{err}</span>"
                return
            plots.set_theme()
            fig, axes = plt.subplots(1, 2, figsize=(16, 6.5))
            plots.ipa_quadrant_chart(ipa_now, names=state["work"].set_index("need_id")["need"], lang=lang, ax=axes[0])
            plots.priority_chart(prio, top=12, lang=lang, ax=axes[1])
            fig.tight_layout()
            display(fig)
            plt.close(fig)

    def on_pick(change):
        hit = state["work"][state["work"]["need_id"].astype(str) == change["new"].strip()]
        if len(hit):
            row = hit.iloc[0]
            need.value = str(row["need"])
            if pd.notna(row["importance"]):
                imp.value = float(row["importance"])
            if pd.notna(row["performance"]):
                perf.value = float(row["performance"])

    def on_apply(_):
        try:
            edit = {"need_id": need_id.value, "need": need.value or None, "importance": imp.value,
                    "performance": perf.value, "scale": scale}
            state["work"] = apply_need_edit(state["work"], **edit)
            state["saved"] = apply_need_edit(state["saved"], **edit)
            msg.value = ""
        except (ValueError, DataValidationError) as err:
            msg.value = f"<span style='color:#C44E52'>{err}</span>"
        redraw()

    def on_save(_):
        if workbook is None:
            msg.value = _t("no_workbook", lang)
            return
        path = save_table(workbook, "needs", state["saved"])
        msg.value = _t("saved", lang).format(path=path)

    need_id.observe(on_pick, names="value")
    apply_btn.on_click(on_apply)
    save_btn.on_click(on_save)
    for s in sliders.values():
        s.observe(redraw, names="value")
    redraw()
    return w.VBox([w.HBox([need_id, need]), w.HBox([imp, perf]), w.HBox([apply_btn, save_btn]),
                   w.HBox(list(sliders.values())), msg, out])


def show_needs_workbench(needs: pd.DataFrame, ipa: pd.DataFrame | None, kano: pd.DataFrame | None, *,
                         interactive: bool, workbook: str | Path | None = None,
                         weights: Mapping[str, float] | None = None, scale: tuple[float, float] = (1, 7),
                         lang: str = "zh"):
    """The live workbench when a front-end is there, else the static priority chart (batch runs)."""
    if is_live(interactive):
        return needs_workbench(needs, ipa, kano, workbook=workbook, weights=weights, scale=scale, lang=lang)
    from sqmkit import plots

    _, prio = recompute(working_table(needs, ipa), kano,
                        weights=_needs.DEFAULT_WEIGHTS if weights is None else weights, scale=scale)
    return plots.priority_chart(prio, top=12, lang=lang)
