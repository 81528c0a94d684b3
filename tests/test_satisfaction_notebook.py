"""Notebook 05_satisfaction on the sample workbook (the session's `sample_run`), on a small workbook
(60 answers, all before the intervention date, a <script> comment) and without the survey table."""
from __future__ import annotations

import re

from conftest import (XSS, check_notebook_source, executed_notebook, headlines, output_texts, recorded_table,
                      run_notebook)

from sqmkit.resources import notebooks_folder

NOTEBOOK = "05_satisfaction"


def test_notebook_source_is_clean():
    import papermill

    check_notebook_source(NOTEBOOK, max_cell_lines=20)
    params = papermill.inspect_notebook(str(notebooks_folder() / f"{NOTEBOOK}.ipynb"))
    assert {"workbook", "lang", "interactive", "output_dir", "intervention_date", "freq", "low_score_max",
            "min_group_n"} == set(params)
    assert all(p["help"] for p in params.values())  # every line parsed, with its help text


def test_sample_story(sample_run):
    h = headlines(sample_run, NOTEBOOK)
    # docs/SAMPLE.md: satisfaction lower Jan-Jun, significantly higher Jul-Dec
    assert h["overall_after"] > h["overall_before"] and h["overall_change"] > 0.2
    assert h["overall_change_p"] < 0.05 and h["top_box_change_p"] < 0.05 and h["change_significant"] is True
    assert h["top_box_after"] > h["top_box_before"] and h["nps_promoters_change"] > 0
    # Responsiveness (items 10-13) has the largest negative P-E gap, and drives satisfaction most
    assert h["weakest_dimension"] == "responsiveness" and h["weakest_gap"] < -0.5
    assert h["top_driver"] == "responsiveness"
    # wait-time complaints dominate the comments of low scorers
    assert h["top_theme_low_scores"] == "waiting"
    assert 0 < h["csat_top_box_pct"] < 100 and -100 <= h["nps"] <= 100 and 0 <= h["satisfaction_index"] <= 100
    assert h["alpha_min"] >= 0.7


def test_sample_tables_and_masked_comments(sample_run):
    gaps = recorded_table(sample_run, NOTEBOOK, "servqual_by_phase")
    dims = gaps[gaps["level"] == "dimension"]
    assert set(dims.loc[dims.groupby("phase")["score"].idxmin(), "dimension"]) == {"responsiveness"}  # all year
    # the sample has comments with phone numbers / e-mail addresses: counted, and never shown raw
    assert headlines(sample_run, NOTEBOOK)["comments_masked"] > 0
    executed = executed_notebook(sample_run, NOTEBOOK).read_text(encoding="utf-8")
    assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", executed)


def test_notebook_on_small_workbook_and_without_survey(small_workbook, tmp_path):
    out = tmp_path / "out"
    run = run_notebook(small_workbook, out, NOTEBOOK)
    h = headlines(out, NOTEBOOK)
    assert "csat_top_box_pct" in h and "weakest_dimension" in h
    rich = output_texts(run.executed, kinds=("text/html", "text/markdown"))
    assert rich and not any(XSS in r for r in rich)  # comments are shown escaped
    if "overall_after" not in h:  # the first 60 answers all fall before the intervention date: the section says so
        assert "之后有 0 份有评分的答卷；改进前后检验每侧至少需要 2 份" in run.markdown

    (small_workbook / "data" / "survey.csv").unlink()
    run = run_notebook(small_workbook, tmp_path / "out2", NOTEBOOK)
    assert "缺少数据表 `survey`" in run.executed.read_text(encoding="utf-8")
