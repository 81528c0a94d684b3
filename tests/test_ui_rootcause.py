"""The root-cause editors (sqmkit.rootcause.widgets): pure edit functions, and the fishbone and 5-Why editors driven
as a browser would (set .value, .click()) on real workbook files."""
from __future__ import annotations

import hashlib
import shutil

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")
pytest.importorskip("ipywidgets")

from test_rootcause import _causes, _whys  # noqa: E402
from test_ui_base import find  # noqa: E402

from sqmkit import io, report  # noqa: E402
from sqmkit import rootcause as rc  # noqa: E402
from sqmkit.exceptions import DataValidationError  # noqa: E402
from sqmkit.resources import sample_workbook  # noqa: E402
from sqmkit.rootcause import widgets as urc  # noqa: E402


@pytest.fixture
def live(monkeypatch):
    monkeypatch.setattr(urc, "is_live", lambda interactive: True)


@pytest.fixture
def wb_copy(small_workbook):
    """The small workbook with the sample's problems, causes (F01-F22) and whys (C1-C3)."""
    for name in ("causes", "whys", "problems"):
        shutil.copy(sample_workbook() / "data" / f"{name}.csv", small_workbook / "data" / f"{name}.csv")
    return small_workbook


# ------------------------------------------------------------------------------------------ edit functions
def test_add_cause_and_why_step():
    t = urc.add_cause(_causes(), cause="坐席不熟悉新套餐", parent_id="K1")
    new = t.iloc[-1]
    assert (new["cause_id"], new["category"], new["problem_id"]) == ("K6", "人", "PR01")
    assert rc.fishbone_table(t).set_index("cause_id").loc["K6", "level"] == 2
    with pytest.raises(DataValidationError, match=r"the parent 'K42' is not a cause_id"):
        urc.add_cause(_causes(), cause="x", parent_id="K42")
    with pytest.raises(DataValidationError, match="nested deeper than three levels"):
        urc.add_cause(_causes(), cause="第四层", parent_id="K3")
    with pytest.raises(DataValidationError, match="has no category"):
        urc.add_cause(_causes(), cause="x")
    with pytest.raises(DataValidationError, match="The new cause has no text"):
        urc.add_cause(_causes(), cause=" ", category="人")
    w = urc.add_why_step(_whys(), chain_id="C2", because="没有分时段预测", evidence="预测表", root_cause=True)
    c2 = rc.why_chains(w)
    c2 = c2[c2["chain_id"] == "C2"]
    assert c2["step"].tolist() == [1, 2, 3] and c2["is_root"].tolist() == [False, False, True]
    assert c2["why"].iloc[-1] == "为什么排班按月平均？"
    w2 = urc.add_why_step(w, chain_id="C9", why="为什么投诉多？", because="等待长")
    english = urc.add_why_step(urc.add_why_step(None, chain_id="E1", why="Why long waits?", because="queues",
                                                problem_id="PR01", lang="en"), chain_id="E1", because="few agents",
                               lang="en")
    assert english["why"].tolist() == ["Why long waits?", "Why queues?"]   # the default question in the workbook's lang
    assert w2.iloc[-1]["step"] == 1
    with pytest.raises(DataValidationError, match=r"chain 'C1' already ends at a root cause \(step 4\)"):
        urc.add_why_step(_whys(), chain_id="C1", because="x")
    with pytest.raises(DataValidationError, match="needs its question"):
        urc.add_why_step(None, chain_id="C1", because="x")
    with pytest.raises(DataValidationError, match=r"needs a chain_id and an answer"):
        urc.add_why_step(None, chain_id="C1", because="")


def test_edits_keep_the_table_as_read():
    # the faithful writer matches rows by index and rewrites only changed rows: edits must not renumber,
    # retype or drop the attrs (source, headers, signature) of the table as read
    table = _causes()
    table.index = [0, 1, 3, 4, 5]                     # a blank line in the file after the second row
    table.attrs = {"source": "causes.csv", "headers": {"cause": "原因"}, "signature": "s1"}
    out = urc.add_cause(table, cause="新原因", category="法")
    assert out.index.tolist() == [0, 1, 3, 4, 5, 6] and out.attrs == table.attrs
    assert out.iloc[:5].astype(str).equals(table.astype(str))
    whys = _whys()
    whys.attrs = {"signature": "s2"}
    assert urc.add_why_step(whys, chain_id="C2", because="x").attrs == {"signature": "s2"}


def test_add_problem_starts_the_problems_table():
    problems = urc.add_problem(None, problem_id="PR01", statement="首次响应太慢")
    assert problems[["problem_id", "statement"]].values.tolist() == [["PR01", "首次响应太慢"]]
    assert list(problems.columns)[:2] == ["problem_id", "statement"]
    with pytest.raises(DataValidationError, match=r"already has the problem_id 'PR01'"):
        urc.add_problem(problems, problem_id="PR01", statement="又一个")
    with pytest.raises(DataValidationError, match=r"needs an id \(such as PR01\) and a statement"):
        urc.add_problem(None, problem_id="PR02", statement=" ")


# ---------------------------------------------------------------------------------------------- editors
def test_editors_are_static_in_batch(tmp_path):
    class WB:
        path = tmp_path
        tables = {"causes": _causes(), "whys": _whys(),
                  "problems": pd.DataFrame({"problem_id": ["PR01"], "statement": ["首次响应太慢"]})}

        def get(self, name):
            return self.tables.get(name)

    ax = urc.fishbone_editor(WB(), problem_id="PR01", interactive=False)
    assert any("首次响应太慢" in t.get_text() for t in ax.texts)
    ax2 = urc.why_editor(WB(), problem_id="PR01", interactive=False)
    assert any("路由不按技能分配" in t.get_text() for t in ax2.texts)


def test_fishbone_two_saves_keep_both_and_a_rerun_starts_from_the_last_save(live, wb_copy):
    # issue 11: after saving F23 and re-running only the fishbone cell, the editor went back to the data
    # as first loaded and the next save gave the new cause F23 again
    wb = io.load_workbook(wb_copy)                       # the notebook's first cell
    box = urc.fishbone_editor(wb, problem_id="PR01", interactive=True)
    find(box, "sqmkit-fishbone-parent").value = "F21"
    find(box, "sqmkit-fishbone-cause").value = "监控大屏无告警阈值"
    find(box, "sqmkit-fishbone-add").click()
    assert "1 处编辑尚未保存" in find(box, "sqmkit-fishbone-status").value
    find(box, "sqmkit-fishbone-save").click()
    assert "已保存" in find(box, "sqmkit-fishbone-status").value
    rerun = urc.fishbone_editor(wb, problem_id="PR01", interactive=True)    # the same wb, the cell re-run
    assert "F23" in dict(find(rerun, "sqmkit-fishbone-parent").options).values()
    find(rerun, "sqmkit-fishbone-category").value = "人"
    find(rerun, "sqmkit-fishbone-cause").value = "夜班人手不足"
    find(rerun, "sqmkit-fishbone-add").click()
    find(rerun, "sqmkit-fishbone-save").click()
    saved = io.load_workbook(wb_copy).get("causes")
    assert saved["cause_id"].tolist()[-2:] == ["F23", "F24"]
    assert saved.set_index("cause_id").loc["F23", "category"] == "测"        # inherited from F21
    assert saved.set_index("cause_id").loc["F24", "cause"] == "夜班人手不足"
    assert list((wb_copy / "data" / ".backup").glob("causes.*"))


def test_fishbone_stale_save_is_shown_and_reload_keeps_the_edit(live, wb_copy):
    wb = io.load_workbook(wb_copy)
    mine = urc.fishbone_editor(wb, problem_id="PR01", lang="en", interactive=True)
    other = urc.fishbone_editor(wb, problem_id="PR01", lang="en", interactive=True)
    for box, cause in ((other, "saved elsewhere"), (mine, "mine")):
        find(box, "sqmkit-fishbone-category").value = "人"
        find(box, "sqmkit-fishbone-cause").value = cause
        find(box, "sqmkit-fishbone-add").click()
    find(other, "sqmkit-fishbone-save").click()
    find(mine, "sqmkit-fishbone-save").click()            # refused: the file changed after mine read it
    status = find(mine, "sqmkit-fishbone-status").value
    assert "Reload from file" in status and "Traceback" not in status
    assert io.reload_table(wb_copy, "causes")["cause"].iloc[-1] == "saved elsewhere"
    find(mine, "sqmkit-fishbone-reload").click()
    assert "1 unsaved edit(s) applied again" in find(mine, "sqmkit-fishbone-status").value
    find(mine, "sqmkit-fishbone-save").click()
    saved = io.reload_table(wb_copy, "causes")
    assert saved[["cause_id", "cause"]].values.tolist()[-2:] == [["F23", "saved elsewhere"], ["F24", "mine"]]


def test_fishbone_on_the_bundled_sample_says_read_only_and_refuses(live):
    digest = hashlib.sha256((sample_workbook() / "data" / "causes.csv").read_bytes()).hexdigest()
    box = urc.fishbone_editor(io.load_workbook(""), problem_id="PR01", lang="en", interactive=True)
    assert "read-only" in find(box, "sqmkit-fishbone-note").value      # said before any edit
    find(box, "sqmkit-fishbone-category").value = "人"
    find(box, "sqmkit-fishbone-cause").value = "x"
    find(box, "sqmkit-fishbone-add").click()
    find(box, "sqmkit-fishbone-save").click()
    assert "sqmkit sample" in find(box, "sqmkit-fishbone-status").value
    assert hashlib.sha256((sample_workbook() / "data" / "causes.csv").read_bytes()).hexdigest() == digest


def test_editors_start_a_new_workbook_first_problem_cause_and_chain(live, tmp_path):
    # issue 11: on a fresh `sqmkit new` workbook the fishbone and 5-Why editors were not shown at all
    folder = report.scaffold_workbook(tmp_path / "new", lang="zh")
    wb = io.load_workbook(folder)
    problem = rc.pick_problem(wb.get("problems"), wb.get("causes"), whys=wb.get("whys")).iloc[0]
    box = urc.fishbone_editor(wb, problem_id=problem["problem_id"], effect=problem["statement"], interactive=True)
    assert "还没有原因" in box.children[1].value and "工作簿里还没有问题" in box.children[1].value
    find(box, "sqmkit-fishbone-problem-id").value = "PR01"
    find(box, "sqmkit-fishbone-problem-statement").value = "首次响应太慢"
    find(box, "sqmkit-fishbone-category").value = "人"
    find(box, "sqmkit-fishbone-cause").value = "新员工占比高"
    find(box, "sqmkit-fishbone-add").click()
    find(box, "sqmkit-fishbone-save").click()
    assert find(box, "sqmkit-fishbone-status").value.count("已保存：") == 2   # problems, then causes
    whys_box = urc.why_editor(io.load_workbook(folder), problem_id=None, interactive=True)   # the next cell
    assert find(whys_box, "sqmkit-why-why").value == "为什么首次响应太慢？"
    assert find(whys_box, "sqmkit-why-chain").value == "C1"
    find(whys_box, "sqmkit-why-because").value = "排队长"
    find(whys_box, "sqmkit-why-add").click()
    find(whys_box, "sqmkit-why-because").value = "新员工多"
    find(whys_box, "sqmkit-why-cause-id").value = "K01"
    find(whys_box, "sqmkit-why-root").value = True
    find(whys_box, "sqmkit-why-add").click()
    find(whys_box, "sqmkit-why-save").click()
    loaded = io.load_workbook(folder)                     # validates every table and the links between them
    assert loaded.get("problems")["statement"].tolist() == ["首次响应太慢"]
    assert loaded.get("causes")[["problem_id", "cause_id", "category"]].values.tolist() == [["PR01", "K01", "人"]]
    assert loaded.get("whys")["why"].tolist() == ["为什么首次响应太慢？", "为什么排队长？"]
    assert loaded.get("whys")["root_cause"].tolist() == [False, True]


def test_why_editor_adds_saves_and_renumbers_a_chain_taken_meanwhile(live, wb_copy):
    wb = io.load_workbook(wb_copy)
    mine = urc.why_editor(wb, problem_id="PR01", lang="en", interactive=True)
    other = urc.why_editor(wb, problem_id="PR01", lang="en", interactive=True)
    assert find(mine, "sqmkit-why-chain").options == ("C1", "C2", "C3")
    for box, because in ((other, "theirs"), (mine, "mine")):
        find(box, "sqmkit-why-chain").value = "C4"
        find(box, "sqmkit-why-why").value = "Why is monitoring late?"
        find(box, "sqmkit-why-because").value = because
        find(box, "sqmkit-why-add").click()
    find(mine, "sqmkit-why-because").value = "mine, step 2"
    find(mine, "sqmkit-why-add").click()
    find(other, "sqmkit-why-save").click()
    find(mine, "sqmkit-why-save").click()
    assert "Reload from file" in find(mine, "sqmkit-why-status").value
    find(mine, "sqmkit-why-reload").click()
    find(mine, "sqmkit-why-save").click()
    whys = io.reload_table(wb_copy, "whys")
    chains = {c: g["because"].tolist() for c, g in whys.groupby("chain_id")}
    assert chains["C4"] == ["theirs"] and chains["C5"] == ["mine", "mine, step 2"]
