"""Notebook 01_needs_analysis: the sample run tells the story of docs/SAMPLE.md; missing tables do not break it."""
from __future__ import annotations

import pytest
from conftest import check_notebook_source, headlines, recorded_table, run_notebook

NOTEBOOK = "01_needs_analysis"


def test_notebook_source_has_one_parameters_cell_and_no_outputs():
    check_notebook_source(NOTEBOOK, parameters={"crosshair", "weight_gap", "weight_kano", "weight_mentions",
                                                "n_segments"})


@pytest.fixture(scope="module")
def needs_results(sample_run) -> dict:
    return headlines(sample_run, NOTEBOOK)


def test_sample_response_speed_is_concentrate_and_must_be(sample_run, needs_results):
    # docs/SAMPLE.md: N01 响应速度快 has the highest importance and low performance -> IPA "concentrate";
    # Kano M (must-be); it comes out as the top priority.
    assert needs_results["top_priority_need"] == "N01"
    assert needs_results["top_priority_label"] == "响应速度快"
    assert needs_results["top_priority_quadrant"] == "concentrate"
    assert needs_results["top_priority_kano"] == "M"
    assert needs_results["largest_gap_need"] == "N01"
    assert needs_results["n_needs"] == 15
    assert 1 <= needs_results["n_concentrate"] <= 15
    assert needs_results["n_must_be"] >= 1
    ipa = recorded_table(sample_run, NOTEBOOK, "ipa").set_index("item")
    assert ipa.loc["N01", "quadrant"] == "concentrate"
    assert ipa["importance"].idxmax() == "N01"
    kano = recorded_table(sample_run, NOTEBOOK, "kano").set_index("attribute")
    assert kano.loc["N01", "category"] == "M"
    assert set(kano["category"]) >= {"A", "O", "M", "I"}  # SAMPLE.md: a mix of A, O, M, I across needs
    handoff = recorded_table(sample_run, NOTEBOOK, "priority_needs")
    assert handoff["need_id"].iloc[0] == "N01" and len(handoff) == 3


def test_notebook_runs_on_a_workbook_without_the_needs_tables(small_workbook, tmp_path):
    # the small workbook has tickets, survey and complaints only: every needs section says what is missing
    out = tmp_path / "out"
    run = run_notebook(small_workbook, out, NOTEBOOK)
    for table in ("needs", "needs_ratings", "kano", "problems", "actions"):
        assert f"`{table}`" in run.markdown
    assert "top_priority_need" not in headlines(out, NOTEBOOK, missing_ok=True)
