"""Notebook 03_root_cause on the sample workbook (the session's `sample_run`) and on a workbook without its optional tables."""
from __future__ import annotations

import json

import nbformat

from sqmkit.resources import notebooks_folder

NOTEBOOK = "03_root_cause"


def _headlines(out):
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return {k: v["value"] for k, v in results[NOTEBOOK].items()}


def test_notebook_source_is_clean():
    nb = nbformat.read(notebooks_folder() / f"{NOTEBOOK}.ipynb", as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert all(len(c.source.splitlines()) <= 20 for c in nb.cells if c.cell_type == "code")


def test_sample_story_vital_few_and_root_causes(sample_run):
    h = _headlines(sample_run)
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


def test_sample_coverage_table_links_chains_to_actions(sample_run):
    import pandas as pd

    path = sample_run / "tables" / f"{NOTEBOOK}__root_cause_coverage.csv"
    cov = pd.read_csv(path, encoding="utf-8-sig", dtype=str)
    got = dict(zip(cov["cause_id"], zip(cov["chain_ids"], cov["action_ids"])))
    assert got == {"F08": ("C1", "A01"), "F13": ("C3", "A03"), "F16": ("C2", "A02")}


def test_notebook_runs_without_optional_tables(small_workbook, tmp_path):
    # the small workbook has complaints but no problems/causes/whys/actions: sections explain what is missing
    from sqmkit.runner import run_workbook

    out = tmp_path / "out"
    summary = run_workbook(small_workbook, out=out, only=[NOTEBOOK], jobs=1, progress=False)
    assert summary.exit_code == 0
    h = _headlines(out)
    assert h["vital_few_n"] == 3
    assert "root_causes_n" not in h and "causes_n" not in h
    executed = next(out.rglob(f"{NOTEBOOK}.ipynb"))
    text = executed.read_text(encoding="utf-8")
    assert "缺少数据表 `causes`" in text and "缺少数据表 `whys`" in text
