"""Notebook 02_service_kpis: the sample run tells the story of docs/SAMPLE.md; a thin workbook does not break it."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest

NOTEBOOK = Path(__file__).parent.parent / "notebooks" / "02_service_kpis.ipynb"


def test_notebook_source_has_one_parameters_cell_and_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    names = [line.split(":")[0] for line in tagged[0].source.splitlines()]
    assert names[:4] == ["workbook", "lang", "interactive", "output_dir"]
    assert {"freq", "kpi", "split", "amber_pct"} <= set(names)


@pytest.fixture(scope="module")
def kpi_results(sample_run) -> dict:
    results = json.loads((sample_run / "results.json").read_text(encoding="utf-8"))
    return {key: item["value"] for key, item in results["02_service_kpis"].items()}


def _table(sample_run: Path, name: str) -> pd.DataFrame:
    path = next(sample_run.rglob(f"02_service_kpis__{name}.csv"))
    return pd.read_csv(path, encoding="utf-8-sig")


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
    cascade = _table(sample_run, "cascade")
    teams = cascade[cascade["level"] == "team"]
    assert teams.iloc[0]["unit"] == "华南组" and bool(teams.iloc[0]["worse_than_centre"])
    executed = next(sample_run.rglob("02_service_kpis.ipynb"))
    nb = nbformat.read(executed, as_version=4)
    text = "\n".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells if c.cell_type == "code"
                     for o in c.get("outputs", []))
    assert "**华南组** lags most" in text


def test_sample_tables_are_recorded(sample_run):
    monthly = _table(sample_run, "kpis_by_period")
    assert len(monthly) == 12 and monthly["tickets"].sum() == 50_000
    backlog = _table(sample_run, "backlog")
    assert backlog["open_tickets"].iloc[-1] > 0


def test_notebook_runs_on_a_thin_workbook(small_workbook, tmp_path):
    # 300 tickets from the first days of January, no kpi_targets: sections say what is missing
    from sqmkit.runner import run_workbook

    out = tmp_path / "out"
    summary = run_workbook(small_workbook, out=out, only=["02_service_kpis"], jobs=1, progress=False)
    result = summary.notebooks[0]
    assert result.status == "ok", f"{result.ename}: {result.evalue}"
    executed = nbformat.read(out / result.notebook, as_version=4)
    text = "\n".join(o.get("data", {}).get("text/markdown", "") for c in executed.cells if c.cell_type == "code"
                     for o in c.get("outputs", []))
    assert "`kpi_targets`" in text
    results = json.loads((out / "results.json").read_text(encoding="utf-8")).get("02_service_kpis", {})
    assert "lagging_team" in results and "sqs_before" not in results
