"""Data health (00) on every shape of workbook, and a fresh `sqmkit new` workbook through 00, 01, 03 and 05 (issue 10).

A scaffolded workbook has every table as a header-only template (treated as missing): each notebook
must say what is missing and run to the end. 00 must also run on a workbook with one table only.
"""
from __future__ import annotations

import pandas as pd
import pytest
from conftest import headlines, markdown_outputs

from sqmkit import health
from sqmkit.runner import run_workbook

VOICE = ["00_data_health", "01_needs_analysis", "03_root_cause", "05_satisfaction"]


def run_all(workbook, out, notebooks):
    summary = run_workbook(workbook, out=out, only=notebooks, jobs=1, progress=False)
    failed = [(r.notebook, r.ename, r.evalue) for r in summary.notebooks if r.status != "ok"]
    assert summary.exit_code == 0 and not failed, failed
    return {r.notebook: markdown_outputs(out / r.notebook) for r in summary.notebooks}


def test_survey_blank_rule_uses_the_configured_rating_columns():
    survey = pd.DataFrame({"respondent_id": ["r1", "r2", "r3"], "q_sat": [9.0, None, 7.0], "recommend": [1.0, 2.0, 3.0]})
    config = {"survey": {"overall": {"column": "q_sat"}, "nps": {"column": "recommend"}, "items": {}}}
    rules = health.rule_violations({"survey": survey}, config=config, lang="en").set_index("rule")
    assert rules.loc["survey_blank", "rows"] == 1 and rules.loc["survey_blank", "examples"] == "r2"


def test_fresh_workbook_runs_every_notebook_and_says_what_is_missing(tmp_path):
    from sqmkit.report import scaffold_workbook

    workbook = scaffold_workbook(tmp_path / "new", lang="zh")
    out = tmp_path / "out"
    shown = run_all(workbook, out, VOICE)
    assert headlines(out, "00_data_health")["tables_present"] == 0
    assert "工作簿中没有包含日期列的表" in shown["notebooks/00_data_health.ipynb"]
    assert "工作簿没有列出研究的问题" in shown["notebooks/03_root_cause.ipynb"]
    for notebook, table in (("01_needs_analysis", "needs"), ("03_root_cause", "complaints"), ("05_satisfaction", "survey")):
        assert f"缺少数据表 `{table}`" in shown[f"notebooks/{notebook}.ipynb"]


@pytest.mark.parametrize("keep", ["tickets", "survey"])
def test_data_health_with_one_table_only(small_workbook, tmp_path, keep):
    for path in (small_workbook / "data").iterdir():
        if path.stem != keep:
            path.unlink()
    out = tmp_path / "out"
    run_all(small_workbook, out, ["00_data_health"])
    h = headlines(out, "00_data_health")
    assert h["tables_present"] == 1 and h["rows"] == (300 if keep == "tickets" else 60)
    assert (h.get("tickets_open_pct") is None) == (keep == "survey")  # no tickets: no figure recorded
