"""Notebook 05_satisfaction on the sample workbook (the session's `sample_run`), on a small workbook
(60 answers, all before the intervention date, a <script> comment) and without the survey table."""
from __future__ import annotations

import json
import shutil

import nbformat
import pytest

from sqmkit.resources import notebooks_folder

NOTEBOOK = "05_satisfaction"


def _headlines(out):
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return {k: v["value"] for k, v in results[NOTEBOOK].items()}


def test_notebook_source_is_clean():
    import papermill

    path = notebooks_folder() / f"{NOTEBOOK}.ipynb"
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")
    assert all(len(c.source.splitlines()) <= 20 for c in nb.cells if c.cell_type == "code")
    params = papermill.inspect_notebook(str(path))
    assert {"workbook", "lang", "interactive", "output_dir", "intervention_date", "freq", "low_score_max"} == set(params)
    assert all(p["help"] for p in params.values())  # every line parsed, with its help text


def test_sample_story(sample_run):
    h = _headlines(sample_run)
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
    import pandas as pd

    gaps = pd.read_csv(sample_run / "tables" / f"{NOTEBOOK}__servqual_by_phase.csv", encoding="utf-8-sig")
    dims = gaps[gaps["level"] == "dimension"]
    assert set(dims.loc[dims.groupby("phase")["score"].idxmin(), "dimension"]) == {"responsiveness"}  # all year
    # the sample has comments with phone numbers / e-mail addresses: counted, and never shown raw
    assert _headlines(sample_run)["comments_masked"] > 0
    executed = next(sample_run.rglob(f"{NOTEBOOK}.ipynb")).read_text(encoding="utf-8")
    import re

    assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", executed)


def test_notebook_on_small_workbook_and_without_survey(small_workbook, tmp_path):
    from sqmkit.runner import run_workbook

    out = tmp_path / "out"
    summary = run_workbook(small_workbook, out=out, only=[NOTEBOOK], jobs=1, progress=False)
    assert summary.exit_code == 0
    h = _headlines(out)
    assert "csat_top_box_pct" in h and "weakest_dimension" in h
    executed = next(out.rglob(f"{NOTEBOOK}.ipynb")).read_text(encoding="utf-8")
    nb = nbformat.reads(executed, as_version=4)
    rich = [o["data"].get(kind, "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if "data" in o for kind in ("text/html", "text/markdown")]
    assert rich and not any("<script>alert(1)</script>" in r for r in rich)  # comments are shown escaped
    if "overall_after" not in h:  # the first 60 answers may all fall before the intervention date
        assert "No before/after comparison" in executed

    (small_workbook / "data" / "survey.csv").unlink()
    out2 = tmp_path / "out2"
    summary = run_workbook(small_workbook, out=out2, only=[NOTEBOOK], jobs=1, progress=False)
    assert summary.exit_code == 0
    executed = next(out2.rglob(f"{NOTEBOOK}.ipynb")).read_text(encoding="utf-8")
    assert "缺少数据表 `survey`" in executed
