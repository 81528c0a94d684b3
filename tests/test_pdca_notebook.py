"""Notebook 04_pdca_tracking: the sample run tells the PDCA story of docs/SAMPLE.md; a workbook
without an action register (or with too little data) does not break it."""
from __future__ import annotations

import pytest
from conftest import check_notebook_source, executed_notebook, headlines, markdown_outputs, recorded_table, run_notebook

NOTEBOOK = "04_pdca_tracking"


def test_notebook_source_has_one_parameters_cell_and_no_outputs():
    check_notebook_source(NOTEBOOK, parameters={"as_of", "soon_days", "kpi", "freq", "split", "window"},
                          max_cell_lines=16)


@pytest.fixture(scope="module")
def results(sample_run) -> dict:
    return headlines(sample_run, NOTEBOOK)


def test_sample_register_and_overdue_at_as_of(results):
    # docs/SAMPLE.md: ~20 actions, several open/in progress, some overdue at as_of 2025-12-20
    assert results["actions_total"] == 20
    assert results["actions_overdue"] >= 1
    assert results["actions_overdue_ids"]


def test_sample_first_response_shifts_after_the_mid_year_actions(results):
    # docs/SAMPLE.md: first-response median ~45 min Jan-Jun, ~20 min from mid-July
    assert 40 <= results["frt_median_min_center_before"] <= 50
    assert 15 <= results["frt_median_min_mean_after"] <= 25
    assert results["frt_median_min_shift_sustained"] is True
    assert results["frt_median_min_pct_beyond_after"] >= 80
    assert results["frt_median_min_p_welch"] < 0.001


def test_sample_says_which_actions_worked_and_which_go_to_cycle_2(sample_run, results):
    # docs/SAMPLE.md: A01-A03 done and effective on frt_median_min; some not effective -> cycle 2
    worked = set(results["effective_actions"].split(", "))
    assert {"A01", "A02", "A03"} <= worked
    standardised = set(results["standardised_actions"].split(", "))
    assert {"A01", "A02", "A03"} <= standardised
    carried = set(results["next_cycle_actions"].split(", "))
    assert carried and not carried & {"A01", "A02", "A03"}
    cycle = recorded_table(sample_run, NOTEBOOK, "next_cycle")
    assert set(cycle.loc[cycle["decision"] == "next_cycle", "action_id"]) >= carried
    text = markdown_outputs(executed_notebook(sample_run, NOTEBOOK))
    assert "有效（已完成、显著改善且达到目标）：A01 智能路由" in text and "转入第 2 轮：A04" in text
    # issue 12: both sides of the old limits, the direction of the change beside its p value, an exact p
    assert results["frt_median_min_pct_beyond_worse_after"] == 0 and results["frt_median_min_change"] < 0
    assert "低于原控制下限（改善侧）" in text and "高于原控制上限（变差侧）" in text
    assert "首次响应时间中位数（分钟）下降" in text and "（精确分布）" in text
    # unfinished actions are an early reading, never "worked"
    assert "尚未完成，只是早期读数，不计为有效：A11" in text and "A11" not in worked


def test_notebook_runs_without_actions_and_with_a_short_ticket_log(small_workbook, tmp_path):
    # small_workbook: 300 tickets of January, no actions table
    text = run_notebook(small_workbook, tmp_path / "out", NOTEBOOK).markdown
    assert "缺少数据表 `actions`" in text or "Table `actions` is missing" in text
    assert "控制图已跳过：分界日 2025-07-01 之前有" in text


# ---- registers and KPI data shaped like real exports (issue 10): 04 runs to the end on each ----
@pytest.fixture(scope="module")
def case_run(tmp_path_factory):
    """Build and run one case of tests/kpis_workbooks.py once per module: (output folder, NotebookRun)."""
    from kpis_workbooks import case_runner

    return case_runner(tmp_path_factory.mktemp("pdca_cases"), NOTEBOOK)


def test_blank_priority_and_teams_do_not_stop_the_kpi_series(case_run):
    # real log: blank priority failed 04 ("add (blank) to sla_hours")
    out, _ = case_run("blanks")
    chart = recorded_table(out, NOTEBOOK, "kpi_phase_chart")
    assert len(chart) >= 50 and set(chart["phase"]) == {"I", "II"}
    assert headlines(out, NOTEBOOK)["frt_median_min_shift_sustained"] is True


def test_a_log_without_first_response_follows_another_kpi(case_run):
    out, run = case_run("thin_log")      # lang en, no actions
    assert ("Neither the ticket log nor `kpi_values` holds values of Median first response (min): the control chart "
            "and the before/after test follow Median resolution time (h) instead (the first KPI the data "
            "hold).") in run.markdown
    assert "Table `actions` is missing" in run.markdown
    results = headlines(out, NOTEBOOK, missing_ok=True)
    assert "resolution_median_h_center_before" in results and "resolution_median_h_p_welch" in results


def test_a_short_log_skips_the_chart_and_says_why(case_run):
    _, run = case_run("first2000")
    assert "控制图已跳过：分界日 2025-07-01 之前有 3 期首次响应时间中位数（分钟）数据、之后 0 期" in run.markdown
    _, run = case_run("one_team_three_weeks")       # no intervention date: the split is as_of
    assert "控制图已跳过：分界日 2025-12-20" in run.markdown and "缺少数据表 `actions`" in run.markdown


def test_a_register_without_kpis_where_every_action_is_done(case_run):
    out, run = case_run("registers")
    results = headlines(out, NOTEBOOK)
    assert results["actions_overdue"] == 0 and results["effective_actions"] == ""
    effects = recorded_table(out, NOTEBOOK, "effects")
    assert set(effects["note"]) == {"无 KPI"}
    cycle = recorded_table(out, NOTEBOOK, "next_cycle")
    assert set(cycle["decision"]) <= {"standardise", "next_cycle"} and len(cycle) == 20


def test_due_at_and_an_as_of_mid_month(case_run):
    out, _ = case_run("lone_team_due_at")
    results = headlines(out, NOTEBOOK)
    assert results["actions_overdue"] == 3 and "frt_median_min_new_center" in results


def test_only_kpi_values(case_run):
    out, run = case_run("kpi_values_only")
    assert "改用投诉率（件/万单）（对策登记表中最常用的指标）" in run.markdown
    assert "complaint_rate_per_10k_center_before" in headlines(out, NOTEBOOK)
