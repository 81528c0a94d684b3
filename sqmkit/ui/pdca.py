"""Workshop widget for the PDCA step: an action board whose status, phase, actual and done date can
be edited live and saved back to the workbook (atomic write, previous file kept as a backup).

The logic is plain functions (:func:`board_table`, :func:`apply_edits`) tested without a front-end;
:func:`action_board` wires them to ipywidgets when live and returns the static board in batch runs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from sqmkit import pdca as _pdca
from sqmkit._checks import choice_error
from sqmkit.exceptions import DataValidationError
from sqmkit.labels import translate
from sqmkit.ui._base import is_live, save_table

__all__ = ["EDITABLE", "board_table", "apply_edits", "action_board"]

EDITABLE = ("status", "phase", "actual", "done_date")
_TEXTS = {
    "action_id": {"zh": "编号", "en": "ID"}, "action": {"zh": "措施", "en": "Action"},
    "owner": {"zh": "负责人", "en": "Owner"}, "phase": {"zh": "阶段", "en": "Phase"},
    "status": {"zh": "状态", "en": "Status"}, "due": {"zh": "截止", "en": "Due"},
    "done_date": {"zh": "完成日期", "en": "Done"}, "actual": {"zh": "实际值", "en": "Actual"},
    "overdue": {"zh": "逾期", "en": "Overdue"}, "days_late": {"zh": "延误天数", "en": "Days late"},
    "due_soon": {"zh": "即将到期", "en": "Due soon"}, "save": {"zh": "保存到工作簿", "en": "Save to workbook"},
    "saved": {"zh": "已保存", "en": "Saved"}, "no_workbook": {"zh": "未指定工作簿，无法保存",
                                                          "en": "No workbook folder given: cannot save"},
}
_COLUMNS = ("action_id", "action", "owner", "phase", "status", "due", "done_date", "actual",
            "overdue", "days_late", "due_soon")


def _t(key: str, lang: str) -> str:
    return translate(_TEXTS, key, lang)


def board_table(data: pd.DataFrame, *, as_of: Any, lang: str = "zh") -> pd.DataFrame:
    """The static action board: one row per action with status at ``as_of``, labelled in ``lang``.

    Overdue actions come first (most days late first), then due soon, then the rest by due date.
    """
    st = _pdca.action_status(data, as_of=as_of)
    st = st.sort_values(["overdue", "days_late", "due_soon", "due"], ascending=[False, False, False, True],
                        na_position="last")
    cols = [c for c in _COLUMNS if c in st.columns]
    out = st[cols].copy()
    for c in ("due", "done_date"):
        if c in out.columns:
            out[c] = out[c].dt.strftime("%Y-%m-%d").fillna("")
    return out.rename(columns={c: _t(c, lang) for c in cols}).reset_index(drop=True)


def apply_edits(data: pd.DataFrame, edits: dict[str, dict[str, Any]]) -> pd.DataFrame:
    """Apply board edits ``{action_id: {column: value}}`` and validate the result.

    Only status, phase, actual and done_date may be edited. The returned register keeps the
    columns (and header attributes) of ``data``; dates are written as YYYY-MM-DD.

    Raises
    ------
    DataValidationError
        Unknown action or column, or an edit that breaks the register's rules (unknown status,
        done_date without status done...).
    """
    out = data.copy()
    out.attrs = dict(data.attrs)
    ids = out["action_id"].astype(str)
    for action_id, changes in edits.items():
        match = ids == str(action_id)
        if not match.any():
            raise DataValidationError(f"actions: no action {action_id!r} to edit.", table="actions",
                                      column="action_id")
        for column, value in changes.items():
            if column not in EDITABLE:
                raise choice_error("column", column, list(EDITABLE))
            if column not in out.columns:
                out[column] = pd.NA
            if column in ("done_date",):
                value = pd.NaT if value in (None, "") else pd.Timestamp(value)
                if not pd.api.types.is_datetime64_any_dtype(out[column]):
                    out[column] = pd.to_datetime(out[column], errors="coerce")
            elif column == "actual":
                value = float("nan") if value in (None, "") else float(value)
            else:
                out[column] = out[column].astype(object)
            out.loc[match, column] = value
    _pdca._check_actions(out)           # raises on a broken register, naming the action
    for column in ("start", "due", "done_date"):
        if column in out.columns and pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d").astype(object).where(out[column].notna(), None)
    return out


def action_board(data: pd.DataFrame, *, as_of: Any, workbook: str | Path | None = None,
                 interactive: bool = True, lang: str = "zh"):
    """Action board: edit status, phase, actual and done date per action; save to the workbook.

    Parameters
    ----------
    data : DataFrame
        The ``actions`` table as loaded from the workbook.
    as_of : date-like
        Status date of the overdue logic.
    workbook : str or Path, optional
        The workbook folder to save into (``sqmkit.ui.save_table``: atomic, previous file backed up).
    interactive : bool
        The notebook's ``interactive`` parameter; widgets only when :func:`sqmkit.ui.is_live`.
    lang : {"zh", "en"}

    Returns
    -------
    ipywidgets.VBox when live; else the static board (:func:`board_table`).
    """
    if not is_live(interactive):
        return board_table(data, as_of=as_of, lang=lang)
    import ipywidgets as w

    reg = _pdca._check_actions(data)
    rows, controls = [], {}
    layout = {"status": "130px", "phase": "90px", "actual": "90px", "done_date": "150px"}
    header = w.HBox([w.HTML(f"<b>{_t(c, lang)}</b>", layout=w.Layout(width=wd)) for c, wd in
                     (("action_id", "60px"), ("action", "240px"), ("status", "130px"), ("phase", "90px"),
                      ("actual", "90px"), ("done_date", "150px"))])
    for _, r in reg.iterrows():
        aid = str(r["action_id"])
        c = {
            "status": w.Dropdown(options=list(_pdca.STATUSES), value=r["status"],
                                 layout=w.Layout(width=layout["status"])),
            "phase": w.Dropdown(options=[None, *_pdca.PHASES],
                                value=r["phase"] if "phase" in reg.columns and pd.notna(r["phase"]) else None,
                                layout=w.Layout(width=layout["phase"])),
            "actual": w.Text(value="" if pd.isna(r.get("actual", float("nan"))) else f"{r['actual']:g}",
                             layout=w.Layout(width=layout["actual"])),
            "done_date": w.DatePicker(value=None if pd.isna(r["done_date"]) else r["done_date"].date(),
                                      layout=w.Layout(width=layout["done_date"])),
        }
        controls[aid] = c
        rows.append(w.HBox([w.Label(aid, layout=w.Layout(width="60px")),
                            w.Label(str(r.get("action", ""))[:24], layout=w.Layout(width="240px")),
                            c["status"], c["phase"], c["actual"], c["done_date"]]))
    message = w.HTML()
    button = w.Button(description=_t("save", lang), button_style="primary")

    def _save(_):
        edits = {aid: {"status": c["status"].value, "phase": c["phase"].value,
                       "actual": c["actual"].value.strip(), "done_date": c["done_date"].value}
                 for aid, c in controls.items()}
        try:
            new = apply_edits(data, edits)
            if workbook is None:
                message.value = f"<span style='color:#b00'>{_t('no_workbook', lang)}</span>"
                return
            path = save_table(workbook, "actions", new)
            message.value = f"{_t('saved', lang)}: {path}"
        except (DataValidationError, ValueError) as err:
            message.value = f"<span style='color:#b00'>{err}</span>"

    button.on_click(_save)
    return w.VBox([header, *rows, w.HBox([button, message])])
