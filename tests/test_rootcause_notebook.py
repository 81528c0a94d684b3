"""Notebook 03_root_cause on the sample workbook (the session's `sample_run`) and on a workbook without its optional tables."""
from __future__ import annotations

from conftest import check_notebook_source, executed_notebook, headlines, output_texts, recorded_table, run_notebook

NOTEBOOK = "03_root_cause"


def test_notebook_source_is_clean():
    check_notebook_source(NOTEBOOK, max_cell_lines=20)


def test_sample_story_vital_few_and_root_causes(sample_run):
    h = headlines(sample_run, NOTEBOOK)
    # docs/SAMPLE.md: 3 of ~8 complaint categories (等待时间长, 问题未解决, 服务态度差) make about 80 %
    assert h["vital_few_n"] == 3
    assert set(h["vital_few_categories"].split("、")) == {"等待时间长", "问题未解决", "服务态度差"}
    assert 75 <= h["vital_few_share_pct"] <= 85
    # wait-time complaints fall after the mid-year actions
    assert h["top_category_change_pct"] < 0
    # three 5-Why chains reach the three verified root causes, all addressed by actions A01-A03
    assert h["why_chains_n"] == 3 and h["root_causes_n"] == 3 and h["chains_flagged"] == 0
    assert h["causes_verified_n"] == 3
    assert h["root_causes_covered"] == 3 and h["countermeasures_new"] == 0
    # the largest category is named; the sample's problem is not linked to a category, so no claim is made
    assert h["largest_category"] == "等待时间长" and "workshop_on_largest" not in h
    assert h["top_category_share_p"] < 0.001 and h["top_category_share_change_pts"] < 0


def test_sample_page_states_the_workshop_problem_honestly_in_chinese(sample_run):
    text = "\n".join(output_texts(executed_notebook(sample_run, NOTEBOOK)))
    assert "下面的根因研讨针对问题 PR01“首次响应太慢”" in text and "不断定它就是最大的类别“等待时间长”" in text
    assert "占比确有下降" in text and "is where the root-cause workshop below starts" not in text


def test_sample_coverage_table_links_chains_to_actions(sample_run):
    cov = recorded_table(sample_run, NOTEBOOK, "root_cause_coverage", dtype=str)
    got = dict(zip(cov["cause_id"], zip(cov["chain_ids"], cov["action_ids"])))
    assert got == {"F08": ("C1", "A01"), "F13": ("C3", "A03"), "F16": ("C2", "A02")}


def test_notebook_runs_without_optional_tables(small_workbook, tmp_path):
    # the small workbook has complaints but no problems/causes/whys/actions: sections explain what is missing
    out = tmp_path / "out"
    run = run_notebook(small_workbook, out, NOTEBOOK)
    h = headlines(out, NOTEBOOK)
    assert h["vital_few_n"] == 3
    assert "root_causes_n" not in h and "causes_n" not in h
    text = run.executed.read_text(encoding="utf-8")
    assert "缺少数据表 `causes`" in text and "缺少数据表 `whys`" in text
