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
    assert "**Worked**" in text and "A01 智能路由" in text and "Carried into cycle 2" in text


def test_notebook_runs_without_actions_and_with_a_short_ticket_log(small_workbook, tmp_path):
    # small_workbook: 300 tickets of January, no actions table
    text = run_notebook(small_workbook, tmp_path / "out", NOTEBOOK).markdown
    assert "缺少数据表 `actions`" in text or "Table `actions` is missing" in text
    assert "Control chart skipped" in text
