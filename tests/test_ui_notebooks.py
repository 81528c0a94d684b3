"""The widget cells of notebooks 01, 03 and 04 in a live kernel (papermill with interactive=True, as a
JupyterLab session runs them): on a new workbook every editor is shown and starts from an empty table.
(That the bundled sample is read-only is tested in-process in tests/test_ui_*.py: a live run of the sample's 01
here hung in full-suite runs, the client waiting on an idle kernel after every cell had run; see the issue 11
note.) Every editor is followed by its static snapshot (shown by the front-end only where the widget model is
missing)."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("ipywidgets")

from sqmkit import report  # noqa: E402
from sqmkit.resources import notebooks_folder  # noqa: E402

WIDGET = "application/vnd.jupyter.widget-view+json"


def run_live(notebook: str, workbook, tmp_path) -> dict:
    """Run ``notebook`` with interactive=True in a real kernel; returns the executed notebook (JSON)."""
    import papermill as pm

    out = tmp_path / f"{notebook}.ipynb"
    pm.execute_notebook(str(notebooks_folder() / f"{notebook}.ipynb"), str(out), kernel_name="python3",
                        parameters={"workbook": str(workbook), "interactive": True}, progress_bar=False,
                        execution_timeout=300)
    return json.loads(out.read_text(encoding="utf-8"))


def widget_outputs(nb: dict) -> list[tuple[int, list]]:
    """(cell index, outputs) of the cells that display a widget; asserts no cell failed."""
    found = []
    for i, cell in enumerate(nb["cells"]):
        outputs = cell.get("outputs", [])
        errors = [o for o in outputs if o["output_type"] == "error"]
        assert not errors, f"cell {i}: {errors[0]['ename']}: {errors[0]['evalue']}"
        if any(WIDGET in o.get("data", {}) for o in outputs):
            found.append((i, outputs))
    return found


def widget_texts(nb: dict) -> str:
    """Every string the saved widget state holds (labels, notes, status lines)."""
    state = nb["metadata"].get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return json.dumps(state, ensure_ascii=False)


def snapshot_follows(outputs: list) -> bool:
    kinds = [("widget" if WIDGET in o.get("data", {}) else
              "snapshot" if "sqmkit-snapshot" in "".join(o.get("data", {}).get("text/html", "")) else "other")
             for o in outputs]
    return "widget" in kinds and kinds[kinds.index("widget") + 1: kinds.index("widget") + 2] == ["snapshot"]


@pytest.fixture(scope="module")
def new_workbook(tmp_path_factory):
    return report.scaffold_workbook(tmp_path_factory.mktemp("new") / "wb", lang="zh")


@pytest.mark.parametrize("notebook, editors, first", [
    ("01_needs_analysis", 1, "还没有评分的需求"),
    ("03_root_cause", 2, "还没有原因"),
    ("04_pdca_tracking", 1, "还没有措施"),
])
def test_every_editor_is_shown_on_a_new_workbook(notebook, editors, first, new_workbook, tmp_path):
    # issue 11: on a fresh `sqmkit new` workbook the fishbone and 5-Why editors were not shown at all
    nb = run_live(notebook, new_workbook, tmp_path)
    shown = widget_outputs(nb)
    assert len(shown) == editors
    assert all(snapshot_follows(outputs) for _, outputs in shown)
    assert first in widget_texts(nb) or first in json.dumps(nb, ensure_ascii=False)
