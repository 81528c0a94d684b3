"""Notebook 04_pdca_tracking: the sample run tells the PDCA story of docs/SAMPLE.md; a workbook
without an action register (or with too little data) does not break it."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest

NOTEBOOK = Path(__file__).parent.parent / "notebooks" / "04_pdca_tracking.ipynb"


def test_notebook_source_has_one_parameters_cell_and_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    names = [line.split(":")[0] for line in tagged[0].source.splitlines()]
    assert names[:4] == ["workbook", "lang", "interactive", "output_dir"]
    assert {"as_of", "soon_days", "kpi", "freq", "split", "window"} <= set(names)
    assert all(len(c.source.splitlines()) <= 16 for c in nb.cells if c.cell_type == "code")


@pytest.fixture(scope="module")
def results(sample_run) -> dict:
    data = json.loads((sample_run / "results.json").read_text(encoding="utf-8"))
    return {key: item["value"] for key, item in data["04_pdca_tracking"].items()}


def _table(sample_run: Path, name: str) -> pd.DataFrame:
    path = next(sample_run.rglob(f"04_pdca_tracking__{name}.csv"))
    return pd.read_csv(path, encoding="utf-8-sig")


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
    cycle = _table(sample_run, "next_cycle")
    assert set(cycle.loc[cycle["decision"] == "next_cycle", "action_id"]) >= carried
    executed = next(sample_run.rglob("04_pdca_tracking.ipynb"))
    nb = nbformat.read(executed, as_version=4)
    text = "\n".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells if c.cell_type == "code"
                     for o in c.get("outputs", []))
    assert "**Worked**" in text and "A01 智能路由" in text and "Carried into cycle 2" in text


def test_notebook_runs_without_actions_and_with_a_short_ticket_log(small_workbook, tmp_path):
    # small_workbook: 300 tickets of January, no actions table
    import papermill as pm

    out = tmp_path / "04.ipynb"
    pm.execute_notebook(str(NOTEBOOK), str(out), parameters={"workbook": str(small_workbook),
                        "interactive": False, "output_dir": str(tmp_path / "o")},
                        kernel_name="python3", progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    text = "\n".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells if c.cell_type == "code"
                     for o in c.get("outputs", []))
    assert "缺少数据表 `actions`" in text or "Table `actions` is missing" in text
    assert "Control chart skipped" in text
