"""Notebook 01_needs_analysis: the sample run tells the story of docs/SAMPLE.md; missing tables do not break it."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest

NOTEBOOK = Path(__file__).parent.parent / "notebooks" / "01_needs_analysis.ipynb"


def test_notebook_source_has_one_parameters_cell_and_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    names = [line.split(":")[0] for line in tagged[0].source.splitlines()]
    assert names[:4] == ["workbook", "lang", "interactive", "output_dir"]
    assert {"crosshair", "weight_gap", "weight_kano", "weight_mentions", "n_segments"} <= set(names)


@pytest.fixture(scope="module")
def needs_results(sample_run) -> dict:
    results = json.loads((sample_run / "results.json").read_text(encoding="utf-8"))
    return {key: item["value"] for key, item in results["01_needs_analysis"].items()}


def _table(sample_run: Path, name: str) -> pd.DataFrame:
    path = next(sample_run.rglob(f"01_needs_analysis__{name}.csv"))
    return pd.read_csv(path, encoding="utf-8-sig")


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
    ipa = _table(sample_run, "ipa").set_index("item")
    assert ipa.loc["N01", "quadrant"] == "concentrate"
    assert ipa["importance"].idxmax() == "N01"
    kano = _table(sample_run, "kano").set_index("attribute")
    assert kano.loc["N01", "category"] == "M"
    assert set(kano["category"]) >= {"A", "O", "M", "I"}  # SAMPLE.md: a mix of A, O, M, I across needs
    handoff = _table(sample_run, "priority_needs")
    assert handoff["need_id"].iloc[0] == "N01" and len(handoff) == 3


def test_notebook_runs_on_a_workbook_without_the_needs_tables(small_workbook, tmp_path):
    # the small workbook has tickets, survey and complaints only: every needs section says what is missing
    from sqmkit.runner import run_workbook

    out = tmp_path / "out"
    summary = run_workbook(small_workbook, out=out, only=["01_needs_analysis"], jobs=1, progress=False)
    result = summary.notebooks[0]
    assert result.status == "ok", f"{result.ename}: {result.evalue}"
    executed = nbformat.read(out / result.notebook, as_version=4)
    text = "\n".join(o.get("data", {}).get("text/markdown", "") for c in executed.cells if c.cell_type == "code"
                     for o in c.get("outputs", []))
    for table in ("needs", "needs_ratings", "kano", "problems", "actions"):
        assert f"`{table}`" in text
    results = json.loads((out / "results.json").read_text(encoding="utf-8")).get("01_needs_analysis", {})
    assert "top_priority_need" not in results
