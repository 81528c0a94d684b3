"""The satisfaction widgets of notebook 05 (sqmkit.satisfaction.widgets): weights that redraw and are saved only
when asked, and the driver picker."""
from __future__ import annotations

import shutil

import pytest
import yaml

pytest.importorskip("ipywidgets")

from test_satisfaction import _survey  # noqa: E402

from sqmkit import io  # noqa: E402
from sqmkit import satisfaction as sat  # noqa: E402
from sqmkit.resources import sample_workbook  # noqa: E402
from sqmkit.satisfaction import widgets as ui_sat  # noqa: E402


@pytest.fixture
def scores():
    return sat.dimension_scores(_survey(), items=sat.servqual_items())


def test_rescaled_sums_to_one():
    assert ui_sat.rescaled({"a": 1, "b": 1, "c": 1}) == {"a": 0.34, "b": 0.33, "c": 0.33}
    assert ui_sat.rescaled({"a": 0.5, "b": 0.25, "c": 0.0}) == {"a": 0.67, "b": 0.33, "c": 0.0}
    assert sum(ui_sat.rescaled({k: i + 0.7 for i, k in enumerate("abcdefg")}).values()) == pytest.approx(1)


def test_widgets_redraw_in_place(scores):
    box = ui_sat.index_weights_widget(scores, weights={"tangibles": 0.5, "responsiveness": 0.5},
                                      scale_min=1, scale_max=7, by="channel")
    first = box.result["score"].tolist()
    box.sliders["tangibles"].value = 0.0  # now only responsiveness counts
    expected = sat.weighted_index(scores, weights={"responsiveness": 1}, scale_min=1, scale_max=7, by="channel")
    assert box.result["score"].tolist() == pytest.approx(expected["score"].tolist()) and first != box.result["score"].tolist()
    assert "不会保存" in box.status.value and box.save not in box.children      # no workbook: says so
    assert "sqmkit-weights-tangibles" in box.sliders["tangibles"]._dom_classes
    picker = ui_sat.driver_picker_widget(scores, outcome="overall", drivers=list(sat.SERVQUAL_DIMENSIONS), segment="channel")
    overall_n = picker.result["n"].iloc[0]
    picker.segment.value = "APP"
    assert picker.result["n"].iloc[0] == (scores["channel"] == "APP").sum() < overall_n
    picker.method.value = "correlation"
    assert picker.result["importance_pct"].sum() == pytest.approx(100)
    assert picker.snapshot.png
    table = ui_sat.show_index_weights(scores, weights={"tangibles": 0.5, "empathy": 0.5}, scale_min=1, scale_max=7,
                                      interactive=False)
    assert table["n"].iloc[0] == len(scores)


def test_weights_are_saved_to_survey_dimension_weights(scores, tmp_path):
    # issue 11: weights tuned in 05 were never saved and nothing said so
    wb = tmp_path / "wb"
    wb.mkdir()
    shutil.copy(sample_workbook() / "sqmkit.yaml", wb / "sqmkit.yaml")
    weights = io.load_workbook(wb, tables=[]).config["survey"]["dimension_weights"]
    box = ui_sat.index_weights_widget(scores, weights=weights, scale_min=1, scale_max=7, workbook=wb, lang="en")
    assert box.status.value == ""
    box.sliders["tangibles"].value = 0.4
    assert "not saved" in box.status.value
    before = box.result["score"].iloc[0]
    box.save.click()
    assert "survey.dimension_weights" in box.status.value and "Run All Cells" in box.status.value
    saved = yaml.safe_load((wb / "sqmkit.yaml").read_text(encoding="utf-8"))["survey"]["dimension_weights"]
    assert saved == {"tangibles": 0.31, "reliability": 0.23, "responsiveness": 0.19, "assurance": 0.15, "empathy": 0.12}
    assert box.sliders["reliability"].value == 0.23 and box.result["score"].iloc[0] == pytest.approx(before, abs=0.2)
    assert io.load_workbook(wb, tables=[]).config["survey"]["items"]["p01"]["label"] == "设备设施现代化"
    for s in box.sliders.values():
        s.value = 0
    box.save.click()
    assert "At least one weight must be above 0" in box.status.value


def test_weights_on_the_sample_are_refused(scores):
    before = (sample_workbook() / "sqmkit.yaml").read_bytes()
    box = ui_sat.index_weights_widget(scores, weights={"tangibles": 0.5, "empathy": 0.5}, scale_min=1, scale_max=7,
                                      workbook=sample_workbook(), lang="en")
    assert "read-only" in box.children[1].value
    box.sliders["empathy"].value = 0.9
    box.save.click()
    assert "sqmkit sample" in box.status.value
    assert (sample_workbook() / "sqmkit.yaml").read_bytes() == before
