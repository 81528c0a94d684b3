"""Notebook 02_service_kpis: the sample run tells the story of docs/SAMPLE.md; a thin workbook does not break it."""
from __future__ import annotations

import pytest
from conftest import check_notebook_source, executed_notebook, headlines, markdown_outputs, recorded_table, run_notebook

NOTEBOOK = "02_service_kpis"


def test_notebook_source_has_one_parameters_cell_and_no_outputs():
    check_notebook_source(NOTEBOOK, parameters={"freq", "kpi", "split", "amber_pct"})


@pytest.fixture(scope="module")
def kpi_results(sample_run) -> dict:
    return headlines(sample_run, NOTEBOOK)


def test_sample_frt_misses_target_in_h1_and_meets_it_after_the_actions(kpi_results):
    # docs/SAMPLE.md: first-response median ~45 min Jan-Jun, ~20 min from mid-July; target 30 (lower)
    assert kpi_results["frt_median_min_target"] == 30
    assert kpi_results["frt_median_min_before"] > 30 and kpi_results["frt_median_min_before_status"] == "red"
    assert kpi_results["frt_median_min_after"] <= 30 and kpi_results["frt_median_min_after_status"] == "green"
    assert 40 <= kpi_results["frt_median_min_before"] <= 50 and 15 <= kpi_results["frt_median_min_after"] <= 25
    assert kpi_results["sqs_after"] > kpi_results["sqs_before"]
    assert kpi_results["frt_median_min_weekly_signals_after"] > 0   # the shift is outside the phase-I limits


def test_sample_names_the_lagging_team(sample_run, kpi_results):
    # docs/SAMPLE.md: 华南组 lags most (slowest first response all year, ~1.4x the others)
    assert kpi_results["lagging_team"] == "华南组"
    cascade = recorded_table(sample_run, NOTEBOOK, "cascade")
    teams = cascade[cascade["level"] == "team"]
    assert teams.iloc[0]["unit"] == "华南组" and bool(teams.iloc[0]["worse_than_centre"])
    assert "**华南组** lags most" in markdown_outputs(executed_notebook(sample_run, NOTEBOOK))


def test_sample_tables_are_recorded(sample_run):
    monthly = recorded_table(sample_run, NOTEBOOK, "kpis_by_period")
    assert len(monthly) == 12 and monthly["tickets"].sum() == 50_000
    backlog = recorded_table(sample_run, NOTEBOOK, "backlog")
    assert backlog["open_tickets"].iloc[-1] > 0


def test_notebook_runs_on_a_thin_workbook(small_workbook, tmp_path):
    # 300 tickets from the first days of January, no kpi_targets: sections say what is missing
    out = tmp_path / "out"
    run = run_notebook(small_workbook, out, NOTEBOOK)
    assert "`kpi_targets`" in run.markdown
    results = headlines(out, NOTEBOOK, missing_ok=True)
    assert "lagging_team" in results and "sqs_before" not in results
