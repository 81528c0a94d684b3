"""The live action board of notebook 04 (sqmkit.pdca.widgets): edits, overdue and days late at every edit,
a first action on a new workbook, saving."""
from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest

pytest.importorskip("ipywidgets")

from test_pdca import AS_OF, register  # noqa: E402
from test_ui_base import find  # noqa: E402

from sqmkit import io, report  # noqa: E402
from sqmkit.exceptions import DataValidationError  # noqa: E402
from sqmkit.resources import sample_workbook  # noqa: E402
from sqmkit.pdca import widgets as board  # noqa: E402


@pytest.fixture
def live(monkeypatch):
    monkeypatch.setattr(board, "is_live", lambda interactive: True)


@pytest.fixture
def actions_wb(tmp_path):
    wb = tmp_path / "wb"
    (wb / "data").mkdir(parents=True)
    shutil.copy(sample_workbook() / "sqmkit.yaml", wb / "sqmkit.yaml")
    register().to_csv(wb / "data" / "actions.csv", index=False)
    return wb


def test_board_is_static_in_batch_and_sorted_by_urgency():
    out = board.action_board(register(), as_of=AS_OF, interactive=False, lang="en")
    assert isinstance(out, pd.DataFrame)
    assert list(out.columns[:3]) == ["ID", "Action", "Owner"]
    assert out.loc[0, "ID"] == "T1" and out.loc[0, "Overdue"] and out.loc[0, "Days late"] == 1
    assert board.action_board(None, as_of=AS_OF, interactive=False) is None


def test_apply_edits_validates_and_keeps_types():
    reg = io.load_workbook(sample_workbook()).get("actions")
    edited = board.apply_edits(reg, {"A11": {"status": "done", "done_date": "2025-12-19", "actual": "21.5"},
                                     "A13": {"due": dt.date(2026, 1, 31)}})
    a11 = edited.set_index("action_id").loc["A11"]
    assert a11["status"] == "done" and a11["done_date"] == pd.Timestamp("2025-12-19") and a11["actual"] == 21.5
    assert edited.set_index("action_id").loc["A13", "due"] == pd.Timestamp("2026-01-31")
    assert edited.dtypes.equals(reg.dtypes) and edited.index.equals(reg.index)
    reg = register()
    with pytest.raises(DataValidationError, match=r"done_date filled in but status not done for actions T0"):
        board.apply_edits(reg, {"T0": {"done_date": "2025-12-21"}})
    with pytest.raises(DataValidationError, match=r"'status' has unknown values for actions T0"):
        board.apply_edits(reg, {"T0": {"status": "finished"}})
    with pytest.raises(DataValidationError,
                       match=r"The value for `column` must be one of \['status', 'phase', 'actual', 'done_date', 'due'\]"):
        board.apply_edits(reg, {"T0": {"owner": "丁"}})
    with pytest.raises(DataValidationError, match=r"no action 'T9'"):
        board.apply_edits(reg, {"T9": {"status": "done"}})
    with pytest.raises(DataValidationError, match=r"due date earlier than the start date for actions T0"):
        board.apply_edits(reg, {"T0": {"due": "2025-11-01"}})


def test_add_action():
    reg = board.add_action(register(), action="新措施", owner="丁", due="2026-01-15")
    assert reg.iloc[-1][["action_id", "status", "phase", "owner"]].tolist() == ["T8", "open", "Plan", "丁"]
    assert pd.Timestamp(reg.iloc[-1]["due"]) == pd.Timestamp("2026-01-15")
    with pytest.raises(DataValidationError, match=r"already has an action 'T1'"):
        board.add_action(register(), action="x", action_id="T1")
    with pytest.raises(DataValidationError, match="The new action has no text"):
        board.add_action(None, action="")


def test_live_board_shows_overdue_and_follows_each_edit(live, actions_wb):
    # issue 11: the live 04 board had no overdue column; editing an action must update the overdue list
    box = board.action_board(io.load_workbook(actions_wb).get("actions"), as_of=AS_OF, workbook=actions_wb,
                             lang="en")
    overdue = find(box, "sqmkit-board-overdue-list")
    assert "1 overdue at 2025-12-20: T1 due yesterday" in overdue.value and "1 days late" in overdue.value
    t1, t2 = box.rows["T1"], box.rows["T2"]
    assert "1 days late" in t1["late"].value and "done 4 days late" in t2["late"].value
    assert find(box, "sqmkit-board-row-T1").children[3] is t1["status"]
    t1["due"].value = dt.date(2025, 12, 10)                      # ten days late now
    assert "10 days late" in t1["late"].value and "10 days late" in overdue.value
    t1["done_date"].value = dt.date(2025, 12, 21)                # not done yet: refused, shown, nothing applied
    assert "done_date filled in but status not done" in find(box, "sqmkit-board-status-line").value
    t1["status"].value = "done"                                  # now both apply
    assert "No action is overdue at 2025-12-20" in overdue.value and "done 11 days late" in t1["late"].value
    box.rows["T6"]["status"].value = "open"                      # unchanged value: no edit
    find(box, "sqmkit-board-new-action").value = "晚班增加坐席"
    find(box, "sqmkit-board-new-due").value = dt.date(2025, 12, 18)
    find(box, "sqmkit-board-add").click()
    assert "T8 晚班增加坐席" in overdue.value and "T8" in box.rows
    find(box, "sqmkit-board-save").click()
    assert "Saved" in find(box, "sqmkit-board-status-line").value
    saved = io.reload_table(actions_wb, "actions").set_index("action_id")
    assert saved.loc["T1", ["status", "due", "done_date"]].tolist() == ["done", pd.Timestamp("2025-12-10"),
                                                                         pd.Timestamp("2025-12-21")]
    assert saved.loc["T8", "action"] == "晚班增加坐席" and len(saved) == 9


def test_live_board_starts_a_new_register(live, tmp_path):
    folder = report.scaffold_workbook(tmp_path / "new", lang="zh")
    box = board.action_board(None, as_of=AS_OF, workbook=folder)
    assert "还没有措施" in box.children[1].value and box.rows == {}
    find(box, "sqmkit-board-new-action").value = "按技能分配工单"
    find(box, "sqmkit-board-new-owner").value = "系统组"
    find(box, "sqmkit-board-new-due").value = dt.date(2025, 12, 1)
    find(box, "sqmkit-board-add").click()
    assert "逾期 19 天" in box.rows["A01"]["late"].value
    find(box, "sqmkit-board-save").click()
    loaded = io.load_workbook(folder).get("actions")
    assert loaded[["action_id", "action", "owner", "status"]].values.tolist() == [["A01", "按技能分配工单", "系统组", "open"]]


def test_live_board_stale_save_and_reload(live, actions_wb):
    mine = board.action_board(None, as_of=AS_OF, workbook=actions_wb, lang="en")
    other = board.action_board(None, as_of=AS_OF, workbook=actions_wb, lang="en")
    other.rows["T5"]["status"].value = "in_progress"
    find(other, "sqmkit-board-save").click()
    mine.rows["T1"]["status"].value = "blocked"
    find(mine, "sqmkit-board-save").click()
    assert "Reload from file" in find(mine, "sqmkit-board-status-line").value
    find(mine, "sqmkit-board-reload").click()
    assert mine.rows["T5"]["status"].value == "in_progress" and mine.rows["T1"]["status"].value == "blocked"
    find(mine, "sqmkit-board-save").click()
    saved = io.reload_table(actions_wb, "actions").set_index("action_id")["status"]
    assert (saved["T1"], saved["T5"]) == ("blocked", "in_progress")
