"""Notebook 03_root_cause on complaint logs and root-cause tables shaped like real clients' (issue 10).

Seen on real data: a 228-category Pareto drawn as an unreadable strip. Also covered: blank
subcategories and channels, complaints without cost or severity (and `pareto_weight: cost` asked for),
problems without causes, causes of another problem than the first one, a three-level cause tree with
one problem only, a split date after every complaint. Workbooks are small: the small sample copy edited
per case, or a generated complaint log of 800 rows.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import headlines, recorded_table, run_notebook

from sqmkit import rootcause as rc
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import BLANK

NOTEBOOK = "03_root_cause"


def long_tail(n_categories=228, n=800, seed=1):
    """A complaint log with many categories (Zipf-like counts), blank subcategories and channels, no cost."""
    rng = np.random.default_rng(seed)
    p = 1 / np.arange(1, n_categories + 1) ** 0.8
    return pd.DataFrame({
        "record_id": [f"R{i:05d}" for i in range(n)],
        "date": pd.date_range("2025-01-01", periods=n, freq="10h").strftime("%Y-%m-%d"),
        "category": rng.choice([f"类别{i:03d}" for i in range(n_categories)], size=n, p=p / p.sum()),
        "subcategory": rng.choice(["x", "y", ""], size=n),
        "channel": rng.choice(["电话", "APP", ""], size=n)})


def edit_config(wb, change):
    path = wb / "sqmkit.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(config)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write(wb, table, frame):
    frame.to_csv(wb / "data" / f"{table}.csv", index=False, encoding="utf-8-sig")


def vital_count(counts: pd.Series, threshold=80.0) -> int:
    """Juran's vital few by hand: categories, largest first, up to the first whose cumulative share reaches the cut."""
    cum = counts.sort_values(ascending=False, kind="stable").cumsum() / counts.sum() * 100
    return int((cum < threshold - 1e-9).sum()) + 1


# --------------------------------------------------------------------------- the library, fast
def test_pareto_pools_the_tail_past_max_categories_without_changing_the_vital_few():
    data = long_tail()
    full = rc.pareto_table(data, category="category")
    shown = rc.pareto_table(data, category="category", max_categories=12)
    assert len(shown) == 12 and shown["category"].iloc[-1] == rc.OTHER
    assert shown["value"].sum() == full["value"].sum() == len(data)
    pd.testing.assert_frame_equal(shown.iloc[:11], full.iloc[:11])  # the kept rows are untouched
    assert not shown["vital_few"].iloc[-1] and shown["cum_pct"].iloc[-1] == pytest.approx(100)
    assert full["vital_few"].sum() == vital_count(data["category"].value_counts())
    assert len(rc.pareto_table(data.head(30), category="category", max_categories=50)) == data.head(30)["category"].nunique()
    with pytest.raises(DataValidationError, match=r"`max_categories` must be a whole number of at least 2 \(or 0"):
        rc.pareto_table(data, category="category", max_categories=1)


def test_pareto_compare_pools_the_same_categories_in_both_periods():
    data = long_tail()
    before, after = data[data["date"] < "2025-07-01"], data[data["date"] >= "2025-07-01"]
    out = rc.pareto_compare(before, after, category="category", max_categories=8)
    parts = [p for _, p in out.groupby("period", sort=False)]
    assert [len(p) for p in parts] == [8, 8] and all(p["category"].iloc[-1] == rc.OTHER for p in parts)
    assert set(parts[0]["category"]) == set(parts[1]["category"])
    assert parts[0]["value"].sum() == len(before) and parts[1]["value"].sum() == len(after)
    other = out[out["category"] == rc.OTHER]
    assert (other["change"] == other["value"].iloc[1] - other["value"].iloc[0]).all()


def test_blank_categories_and_the_pooled_row_are_labelled_in_the_chart():

    data = pd.DataFrame({"subcategory": ["a", "a", "b", None, " ", "c", "d"]})
    table = rc.pareto_table(data, category="subcategory", max_categories=3)
    assert table["category"].tolist() == ["a", BLANK, rc.OTHER]  # a tie keeps the order of first appearance
    ax = rc.pareto_chart(table, lang="zh")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "(未填写)", "(其他)"]
    ax = rc.pareto_chart(table, lang="en")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "(blank)", "(other)"]


def test_pareto_options_fall_back_to_what_the_complaints_have():
    data = long_tail().head(20)
    opts = rc.pareto_options(data, by="subcategory", weight="cost", lang="en")
    assert opts["by"] == "subcategory" and opts["weight"] is None and "no `cost` column" in opts["note"]
    opts = rc.pareto_options(data.drop(columns="subcategory"), by="subcategory", lang="zh")
    assert opts["by"] == "category" and "`subcategory`" in opts["note"]
    opts = rc.pareto_options(data.assign(cost=np.nan), by="category", weight="cost", lang="en")
    assert opts["weight"] is None and "no positive numbers" in opts["note"]
    assert rc.pareto_options(data.assign(cost=2.0), weight="cost")["note"] == ""


def test_pick_problem_takes_the_problem_the_workshop_worked_on():
    problems = pd.DataFrame({"problem_id": ["PR01", "PR02"], "statement": ["a", "b"]})
    causes = pd.DataFrame({"problem_id": ["PR02"], "cause_id": ["K1"], "category": ["人"], "cause": ["x"]})
    assert rc.pick_problem(problems, causes)["problem_id"].item() == "PR02"
    assert rc.pick_problem(problems, None)["problem_id"].item() == "PR01"
    assert rc.pick_problem(problems, causes, problem_id="PR01")["problem_id"].item() == "PR01"
    assert rc.pick_problem(None, None, whys=pd.DataFrame({"problem_id": ["PR09"]}))["statement"].item() == "PR09"
    assert pd.isna(rc.pick_problem(None, None)["problem_id"].item())


def _status(tables, **kw):
    out = rc.section_status(tables, lang="en", **kw)
    assert out["section"].tolist() == list(rc.SECTIONS)
    return dict(zip(out["section"], out["ok"])), dict(zip(out["section"], out["note"]))


def test_section_status_for_the_problem_under_study():
    causes = pd.DataFrame({"problem_id": ["PR01", "PR01"], "cause_id": ["K1", "K2"], "category": ["人", "人"],
                           "cause": ["a", "b"], "parent_id": [None, "K1"], "verified": [0, 0]})
    complaints = long_tail().head(50)
    ok, notes = _status({"complaints": complaints, "causes": causes}, problem_id="PR01", split="2026-01-01")
    assert ok["pareto"] and not ok["compare"] and "50 complaint(s) fall before 2026-01-01 and 0" in notes["compare"]
    assert ok["fishbone"] and not ok["whys"] and notes["whys"] == ""
    assert ok["countermeasures"] and "No cause is verified" in notes["countermeasures"]
    ok, notes = _status({"causes": causes, "whys": pd.DataFrame({"problem_id": ["PR01"], "chain_id": ["C1"]})},
                        problem_id="PR02")
    assert not ok["fishbone"] and "no cause for problem PR02" in notes["fishbone"]
    assert not ok["whys"] and "no 5-Why chain for problem PR02" in notes["whys"]
    ok, notes = _status({}, problem_id=pd.NA)
    assert not any(ok.values()) and "names no problem" in notes["problem"]
    ok, notes = _status({"complaints": complaints}, problem_id="PR01", split=None)
    assert "No split date" in notes["compare"]


# --------------------------------------------------------------------------- the notebook, end to end
def test_228_categories_blank_subcategories_and_no_cost(small_workbook, tmp_path):
    # (a `pareto_weight` naming an absent column is refused by sqmkit.parameters before any kernel starts;
    # pareto_options' fallback is tested above)
    data = long_tail()
    (small_workbook / "data" / "complaints.csv").unlink()
    write(small_workbook, "complaints", data)
    out = tmp_path / "out"
    run = run_notebook(small_workbook, out, NOTEBOOK)
    full = recorded_table(out, NOTEBOOK, "pareto")
    assert len(full) == data["category"].nunique()  # the exported table keeps the full ranking
    h = headlines(out, NOTEBOOK)
    counts = data["category"].value_counts()
    assert h["complaints_total"] == len(data) and h["vital_few_n"] == vital_count(counts)
    assert h["vital_few_categories"].split("、")[0] == counts.idxmax() and h["vital_few_categories"].endswith("…")
    assert f"共 {len(full)} 个类别；最小的 {len(full) - 11} 个合并为“(其他)”" in run.markdown
    before = data[data["date"] < "2025-07-01"]["category"].value_counts()
    after = data[data["date"] >= "2025-07-01"]["category"].value_counts()
    top = before.index[0]
    assert h["top_category_change_pct"] == pytest.approx(round(100 * (after.get(top, 0) / before[top] - 1), 1))


def test_problems_without_causes_and_a_split_after_every_complaint(small_workbook, tmp_path):
    write(small_workbook, "problems", pd.DataFrame({"problem_id": ["PR01"], "statement": ["首次响应太慢"]}))
    edit_config(small_workbook, lambda c: c.update(period={"start": "2025-01-01", "end": "2026-12-31"},
                                                   parameters={"split_date": "2026-06-01", "pareto_by": "subcategory"}))
    out = tmp_path / "out"
    run = run_notebook(small_workbook, out, NOTEBOOK)
    assert "PR01 首次响应太慢" in run.markdown
    assert "之后有 0 条投诉；两个时期都要有记录才能比较" in run.markdown
    for table in ("causes", "whys"):
        assert f"缺少数据表 `{table}`" in run.markdown
    h = headlines(out, NOTEBOOK)
    assert "top_category_change_pct" not in h and "causes_n" not in h
    raw = pd.read_csv(small_workbook / "data" / "complaints.csv", encoding="gbk", dtype=str, keep_default_na=False)
    counts = raw["子类别"].replace("", BLANK).value_counts()
    assert h["vital_few_n"] == vital_count(counts)


def test_one_problem_with_a_three_level_tree_after_a_problem_without_causes(small_workbook, tmp_path):
    write(small_workbook, "problems", pd.DataFrame({"problem_id": ["PR01", "PR02"], "statement": ["没人研究", "转派太多"],
                                                    "kpi": ["", "frt_median_min"], "baseline": ["", "45"],
                                                    "target": ["", "30"]}))
    write(small_workbook, "causes", pd.DataFrame({
        "problem_id": ["PR02"] * 4, "cause_id": ["K1", "K2", "K3", "K4"], "category": ["机", "机", "机", "人"],
        "cause": ["派单规则简单", "只看空闲", "技能标签为空", "新员工多"], "parent_id": ["", "K1", "K2", ""],
        "votes": ["3", "5", "8", ""], "verified": ["", "", "1", "0"], "evidence": ["", "", "技能表为空", ""]}))
    write(small_workbook, "whys", pd.DataFrame({
        "problem_id": ["PR02", "PR02"], "chain_id": ["C1", "C1"], "step": ["1", "2"],
        "why": ["为什么转派多？", "为什么派错？"], "because": ["派给了不熟悉的坐席", "技能标签为空"],
        "evidence": ["抽样", ""], "root_cause": ["0", "1"], "cause_id": ["", "K3"]}))
    out = tmp_path / "out"
    run = run_notebook(small_workbook, out, NOTEBOOK)
    assert "PR02 转派太多" in run.markdown and "最深 3 层" in run.markdown
    h = headlines(out, NOTEBOOK)
    assert h["causes_n"] == 4 and h["causes_verified_n"] == 1 and h["why_chains_n"] == 1 and h["root_causes_n"] == 1
    assert h["chains_flagged"] == 1  # two steps, one without evidence
    assert h["root_causes_covered"] == 0 and h["countermeasures_new"] == 1
    drafts = recorded_table(out, NOTEBOOK, "countermeasures_new")
    assert drafts["cause_id"].tolist() == ["K3"] and drafts["kpi"].tolist() == ["frt_median_min"]
