"""Workshop widget for the PDCA step: an action board whose status, phase, due date, done date and
actual value can be edited live, with each action's overdue state, days late and the overdue list
updated at every edit, new actions added (a first action on an empty register) and the register
saved back to the workbook (:func:`sqmkit.io.write_table`: faithful, previous file kept as a backup).

The logic is plain functions (:func:`board_table`, :func:`apply_edits`, :func:`add_action`) tested
without a front-end; :func:`action_board` wires them to ipywidgets when live and returns the static
board in batch runs. Overdue, days late and due soon are :func:`sqmkit.pdca.action_status` at ``as_of``.

CSS classes: ``sqmkit-board-{note,row,row-<action_id>,status,phase,due,done,actual,late,overdue-list,
new-id,new-action,new-owner,new-due,add,save,reload,status-line}``. The save message is
``sqmkit-board-status-line`` (``sqmkit-board-status`` is each row's status dropdown).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from sqmkit import pdca as _pdca
from sqmkit._checks import choice_error
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import column_label, text
from sqmkit.glossary import message as message_of
from sqmkit.ui import SaveBar, Snapshot, TableEditor, append_row, css, empty_table, is_live, message

__all__ = ["EDITABLE", "board_table", "apply_edits", "add_action", "action_board"]

EDITABLE = ("status", "phase", "actual", "done_date", "due")
_COLUMNS = ("action_id", "action", "owner", "phase", "status", "due", "done_date", "actual",
            "overdue", "days_late", "due_soon")
_WIDTHS = {"action_id": "60px", "action": "220px", "owner": "90px", "status": "125px", "phase": "85px",
           "due": "150px", "done_date": "150px", "actual": "70px", "late": "120px"}


def _t(key: str, lang: str) -> str:
    """The header of a board column: the glossary's column label (the id and the lateness note: short headers)."""
    short = {"action_id": "board_id", "late": "board_late"}
    return text(short[key], lang) if key in short else column_label(key, lang)


def board_table(data: pd.DataFrame, *, as_of: Any, lang: str = "zh", soon_days: int = 7) -> pd.DataFrame:
    """The static action board: one row per action with status at ``as_of``, labelled in ``lang``.

    Overdue actions come first (most days late first), then due soon, then the rest by due date.
    """
    st = _pdca.action_status(data, as_of=as_of, soon_days=soon_days)
    st = st.sort_values(["overdue", "days_late", "due_soon", "due"], ascending=[False, False, False, True],
                        na_position="last")
    cols = [c for c in _COLUMNS if c in st.columns]
    out = st[cols].copy()
    for c in ("due", "done_date"):
        if c in out.columns:
            out[c] = out[c].dt.strftime("%Y-%m-%d").fillna("")
    return out.rename(columns={c: _t(c, lang) for c in cols}).reset_index(drop=True)


def _validate(data: pd.DataFrame) -> None:
    _pdca.action_status(data, as_of=pd.Timestamp("2000-01-01"))  # raises on a broken register, naming the action


def apply_edits(data: pd.DataFrame, edits: dict[str, dict[str, Any]]) -> pd.DataFrame:
    """Apply board edits ``{action_id: {column: value}}`` and validate the result.

    Only status, phase, actual, done_date and due may be edited. The returned register keeps the
    columns, column types, row index and ``attrs`` of ``data`` (dates stay dates: the writer spells
    them as the file does).

    Raises
    ------
    DataValidationError
        Unknown action or column, or an edit that breaks the register's rules (unknown status,
        done_date without status done, due before start ...).
    """
    out = data.copy()
    out.attrs = dict(data.attrs)
    ids = out["action_id"].astype("string")
    for action_id, changes in edits.items():
        match = ids == str(action_id)
        if not match.any():
            raise DataValidationError(message_of("board_no_such_action", action_id=repr(action_id)), table="actions",
                                      column="action_id")
        for column, value in changes.items():
            if column not in EDITABLE:
                raise choice_error("column", column, list(EDITABLE))
            if column in ("done_date", "due"):
                value = pd.NaT if value in (None, "") or pd.isna(value) else pd.Timestamp(value).normalize()
                if column not in out.columns or not pd.api.types.is_datetime64_any_dtype(out[column]):
                    out[column] = pd.to_datetime(out[column], errors="coerce") if column in out.columns \
                        else pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
            elif column == "actual":
                value = float("nan") if value in (None, "") else float(value)
                out[column] = pd.to_numeric(out[column], errors="coerce").astype(float) if column in out.columns \
                    else float("nan")
            elif column not in out.columns:
                out[column] = pd.Series(pd.NA, index=out.index, dtype="string")
            out.loc[match, column] = value
    _validate(out)
    return out


def _next_action_id(ids: pd.Series) -> str:
    parsed = [m.groups() for v in ids.dropna().astype(str) for m in [re.fullmatch(r"([A-Za-z_\-]*)(\d+)", v.strip())] if m]
    if not parsed:
        return "A01"
    prefix = max({p for p, _ in parsed}, key=[p for p, _ in parsed].count)
    nums = [n for p, n in parsed if p == prefix]
    return f"{prefix}{max(int(n) for n in nums) + 1:0{max(len(n) for n in nums)}d}"


def add_action(data: pd.DataFrame | None, *, action: str, action_id: str | None = None, owner: str | None = None,
               due: Any = None, status: str = "open", phase: str | None = "Plan",
               problem_id: str | None = None) -> pd.DataFrame:
    """Return the register with one new action (a first action when ``data`` is None).

    ``action_id`` defaults to the next id of the register's numbering (A09 → A10).

    Examples
    --------
    >>> reg = add_action(None, action="按技能分配工单", owner="系统组", due="2026-01-31")
    >>> reg[["action_id", "status", "phase"]].values.tolist()
    [['A01', 'open', 'Plan']]
    """
    base = empty_table("actions") if data is None else data
    if action is None or not str(action).strip():
        raise DataValidationError(message_of("board_action_blank"), table="actions", column="action")
    new_id = str(action_id).strip() if action_id and str(action_id).strip() else _next_action_id(base["action_id"])
    if (base["action_id"].astype("string").str.strip() == new_id).any():
        raise DataValidationError(message_of("board_action_exists", action_id=repr(new_id)),
                                  table="actions", column="action_id")
    due_day = None if due in (None, "") or pd.isna(due) else pd.Timestamp(due).normalize()
    out = append_row(base, {"action_id": new_id, "action": str(action).strip(), "status": status, "phase": phase,
                            "owner": None if owner in (None, "") else str(owner).strip(), "due": due_day,
                            "problem_id": problem_id})
    _validate(out)
    return out


def _apply(frame: pd.DataFrame | None, edit: dict, ids: dict) -> tuple[pd.DataFrame, Any]:
    if "edits" in edit:
        return apply_edits(frame, edit["edits"]), None
    values = {k: v for k, v in edit.items() if not k.startswith("_")}
    out = add_action(frame, **values)
    return out, out["action_id"].iloc[-1]


def _late_text(row: pd.Series, lang: str) -> tuple[str, str]:
    if bool(row["overdue"]):
        return text("ui_days_late", lang, n=int(row["days_late"])), "#c0392b"
    if int(row["days_late"]) > 0:
        return text("ui_late_done", lang, n=int(row["days_late"])), "#b26a00"
    if bool(row["due_soon"]):
        return text("ui_due_soon", lang), "#b26a00"
    return "—", "#555555"


def _css_id(action_id: Any) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", str(action_id))


def action_board(data: pd.DataFrame | None, *, as_of: Any, workbook: str | Path | None = None,
                 interactive: bool = True, lang: str = "zh", soon_days: int = 7):
    """Action board: edit status, phase, due, done date and actual per action; add actions; save.

    Parameters
    ----------
    data : DataFrame or None
        The ``actions`` table as the notebook loaded it (None: no register yet). With a ``workbook``
        the live board starts from the table as it is on disk now.
    as_of : date-like
        Status date of the overdue logic.
    workbook : str or Path, optional
        The workbook folder to save into.
    interactive : bool
        The notebook's ``interactive`` parameter; widgets only when :func:`sqmkit.ui.is_live`.
    lang : {"zh", "en"}
    soon_days : int
        Horizon of "due soon".

    Returns
    -------
    ipywidgets.VBox when live (``.table`` its TableEditor, ``.status_table`` the latest
    :func:`sqmkit.pdca.action_status`, ``.rows`` {action_id: {control: widget}}); else the static
    board (:func:`board_table`; None without a register).
    """
    if not is_live(interactive):
        return None if data is None else board_table(data, as_of=as_of, lang=lang, soon_days=soon_days)
    import ipywidgets as w

    day = pd.Timestamp(as_of).normalize()
    table = TableEditor(workbook, "actions", apply=_apply, start=data, lang=lang)
    snapshot = Snapshot(text("ui_snapshot_note", lang))
    box = w.VBox()
    rows_box = w.VBox()
    overdue = css(w.HTML(), "board", "overdue-list")
    first = w.HTML()
    box.rows, box.status_table = {}, None

    def cell(widget, key):
        widget.layout.width = _WIDTHS[key]
        return widget

    def recompute() -> None:
        frame = table.frame
        if frame is None or frame.empty:
            box.status_table = None
            overdue.value = ""
            first.value = message("info", text("ui_first_action", lang))
            snapshot.update(table_html="")
            return
        first.value = ""
        st = _pdca.action_status(frame, as_of=day, soon_days=soon_days)
        box.status_table = st
        for r in st.itertuples():
            label, colour = _late_text(pd.Series(r._asdict()), lang)
            controls = box.rows.get(str(r.action_id))
            if controls is not None:
                controls["late"].value = f"<span style='color:{colour}'>{label}</span>"
        lines = _pdca.overdue_list(st, lang=lang)
        overdue.value = message("error" if lines else "ok", text("ui_overdue_list", lang, date=f"{day:%Y-%m-%d}",
                                                                 n=int(st["overdue"].sum()), items=lines)
                                if lines else text("ui_none_overdue", lang, date=f"{day:%Y-%m-%d}"))
        snapshot.update(table_html=overdue.value + board_table(frame, as_of=day, lang=lang,
                                                               soon_days=soon_days).to_html(index=False))

    def on_change(_: Any = None) -> None:
        changes = {}
        reg = box.status_table   # the register as action_status normalises it (what the controls show)
        for aid, c in box.rows.items():
            row = reg[reg["action_id"].astype("string") == aid].iloc[0]
            now = {"status": c["status"].value, "phase": c["phase"].value, "actual": c["actual"].value.strip(),
                   "due": c["due"].value, "done_date": c["done_date"].value}
            before = {"status": _str(row.get("status")), "phase": _str(row.get("phase")),
                      "actual": _num_text(row.get("actual")), "due": _date(row.get("due")),
                      "done_date": _date(row.get("done_date"))}
            diff = {k: v for k, v in now.items() if v != before[k]}
            if diff:
                changes[aid] = diff
        if not changes:
            return
        try:
            table.edit(edits=changes)
        except (DataValidationError, ValueError) as err:
            bar.error(err)
            return
        bar.edited()
        recompute()

    def build() -> None:
        frame = table.frame
        box.rows = {}
        rows = []
        if frame is not None and not frame.empty:
            reg = _pdca.action_status(frame, as_of=day, soon_days=soon_days)
            for r in reg.itertuples():
                aid = str(r.action_id)
                phase = getattr(r, "phase", None)
                c = {
                    "status": cell(css(w.Dropdown(options=list(_pdca.STATUSES), value=r.status), "board", "status"),
                                   "status"),
                    "phase": cell(css(w.Dropdown(options=[None, *_pdca.PHASES],
                                                 value=phase if isinstance(phase, str) and phase else None),
                                      "board", "phase"), "phase"),
                    "due": cell(css(w.DatePicker(value=_date(r.due)), "board", "due"), "due"),
                    "done_date": cell(css(w.DatePicker(value=_date(r.done_date)), "board", "done"), "done_date"),
                    "actual": cell(css(w.Text(value=_num_text(getattr(r, "actual", None))), "board", "actual"),
                                   "actual"),
                    "late": cell(css(w.HTML(), "board", "late"), "late"),
                }
                box.rows[aid] = c
                owner = getattr(r, "owner", None)
                line = w.HBox([cell(w.Label(aid), "action_id"), cell(w.Label(str(r.action)[:28]), "action"),
                               cell(w.Label("" if owner is None or pd.isna(owner) else str(owner)), "owner"),
                               c["status"], c["phase"], c["due"], c["done_date"], c["actual"], c["late"]])
                css(line, "board", "row")
                css(line, "board", f"row-{_css_id(aid)}")
                rows.append(line)
                for key in ("status", "phase", "due", "done_date"):
                    c[key].observe(on_change, names="value")
                c["actual"].observe(on_change, names="value")
        header = w.HBox([w.HTML(f"<b>{_t(k, lang)}</b>", layout=w.Layout(width=_WIDTHS[k])) for k in
                         ("action_id", "action", "owner", "status", "phase", "due", "done_date", "actual", "late")])
        rows_box.children = [header, *rows] if rows else []
        recompute()

    bar = SaveBar("board", table, after_save=text("ui_after_board", lang), refresh=build, lang=lang)
    bar.status.remove_class("sqmkit-board-status")   # each row's status dropdown is sqmkit-board-status
    css(bar.status, "board", "status-line")
    new_id = css(w.Text(description=_t("action_id", lang), layout=w.Layout(width="170px")), "board", "new-id")
    new_action = css(w.Text(description=_t("action", lang), layout=w.Layout(width="360px")), "board", "new-action")
    new_owner = css(w.Text(description=_t("owner", lang), layout=w.Layout(width="200px")), "board", "new-owner")
    new_due = css(w.DatePicker(description=_t("due", lang)), "board", "new-due")
    add = css(w.Button(description=text("ui_add_action", lang), icon="plus"), "board", "add")

    def on_add(_: Any = None) -> None:
        try:
            table.edit(action=new_action.value, action_id=new_id.value or None, owner=new_owner.value or None,
                       due=new_due.value)
        except (DataValidationError, ValueError) as err:
            bar.error(err)
            return
        new_id.value = new_action.value = new_owner.value = ""
        new_due.value = None
        build()
        bar.edited()

    add.on_click(on_add)
    build()
    box.children = [bar.note, first, rows_box, overdue, w.HBox([new_id, new_action]), w.HBox([new_owner, new_due, add]),
                    w.HBox([bar.save, bar.reload]), bar.status]
    box.add_class("sqmkit-editor")
    box.add_class("sqmkit-board")
    box.table, box.snapshot, box.bar = table, snapshot, bar
    return box


def _str(value: Any) -> Any:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _num_text(value: Any) -> str:
    return "" if value is None or pd.isna(value) else f"{float(value):g}"


def _date(value: Any):
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()
