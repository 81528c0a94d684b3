"""The needs workbench (sqmkit.needs.widgets): edits, one IPA rule for notebook 01 and the workbench, saving the
catalogue and the priority weights."""
from __future__ import annotations

import shutil

import matplotlib
import numpy as np
import pandas as pd
import pytest
import yaml

matplotlib.use("Agg")
pytest.importorskip("ipywidgets")

from test_needs import ratings_from_means  # noqa: E402
from test_ui_base import find  # noqa: E402

from sqmkit import io, needs, report  # noqa: E402
from sqmkit.exceptions import DataValidationError  # noqa: E402
from sqmkit.resources import sample_workbook  # noqa: E402
from sqmkit.needs import widgets as ui_needs  # noqa: E402

WEIGHTS = {"gap": 0.5, "kano": 0.3, "mentions": 0.2}


@pytest.fixture
def needs_wb(tmp_path):
    """A writable copy of the sample's needs step: needs.xlsx, needs_ratings, kano."""
    wb = tmp_path / "wb"
    (wb / "data").mkdir(parents=True)
    shutil.copy(sample_workbook() / "sqmkit.yaml", wb / "sqmkit.yaml")
    for name in ("needs.xlsx", "needs_ratings.csv", "kano.csv"):
        shutil.copy(sample_workbook() / "data" / name, wb / "data" / name)
    return wb


def notebook_priorities(folder, weights=WEIGHTS):
    """What notebook 01 computes after Run All: its first cell reloads the workbook (sections 3 and 5)."""
    wb = io.load_workbook(folder)
    catalogue, ratings = wb.get("needs"), wb.get("needs_ratings")
    ipa = ui_needs.workshop_ipa(catalogue, ratings, scale=(1, 7))
    kano = needs.kano_table(wb.get("kano"), attribute="need_id", functional="functional",
                            dysfunctional="dysfunctional", items=catalogue["need_id"])
    return catalogue, ipa, kano, needs.priority_ranking(ipa, kano, catalogue, weights=weights)


# ------------------------------------------------------------------------------------------ edit functions
def test_apply_need_edit_adds_and_rerates():
    catalogue = pd.DataFrame({"need_id": ["N01", "N02"], "need": ["响应速度快", "一次解决问题"], "mentions": [5.0, 3.0]})
    ipa = needs.importance_performance(ratings_from_means({"N01": (6, 3), "N02": (5, 5)}), item="need_id",
                                       importance="importance", performance="performance")
    work = ui_needs.working_table(catalogue, ipa)
    assert work["importance"].tolist() == [6.0, 5.0] and work["performance"].tolist() == [3.0, 5.0]
    added = ui_needs.apply_need_edit(work, need_id="N16", need="夜间也能联系", importance=6.5, performance=2.0)
    assert added["need_id"].tolist() == ["N01", "N02", "N16"] and added["importance"].iloc[2] == 6.5
    rerated = ui_needs.apply_need_edit(added, need_id="N02", performance=2.5)
    assert rerated.loc[1, "performance"] == 2.5 and rerated.loc[1, "need"] == "一次解决问题"
    assert work["need_id"].tolist() == ["N01", "N02"]  # input untouched
    ipa2, prio = ui_needs.recompute(rerated, None, weights={"gap": 1})
    assert prio["need_id"].iloc[0] == "N16"  # largest gap 4.5
    assert ipa2.set_index("item").loc["N16", "quadrant"] == "concentrate"
    with pytest.raises(DataValidationError, match=r"column 'importance': need N01 would get 9, outside the scale 1–7"):
        ui_needs.apply_need_edit(work, need_id="N01", importance=9)
    with pytest.raises(DataValidationError, match=r"new need N17 has no description"):
        ui_needs.apply_need_edit(work, need_id="N17", importance=5)
    with pytest.raises(DataValidationError, match=r"the need id is empty"):
        ui_needs.apply_need_edit(work, need_id=" ", importance=5)
    first = ui_needs.apply_need_edit(None, need_id="N01", need="响应快", importance=6, performance=3)
    assert first[["need_id", "need", "importance", "performance"]].values.tolist() == [["N01", "响应快", 6.0, 3.0]]


def test_edits_keep_index_and_attrs():
    table = pd.DataFrame({"need_id": ["N01", "N02"], "need": ["a", "b"]}, index=[0, 2])
    table.attrs = {"source": "needs.xlsx", "signature": "s"}
    out = ui_needs.apply_need_edit(table, need_id="N03", need="c", importance=5, performance=4)
    assert out.index.tolist() == [0, 2, 3] and out.attrs == table.attrs
    out = ui_needs.apply_need_edit(out, need_id="N01", importance=6, performance=2)
    assert out.loc[0, "importance"] == 6 and out.attrs == table.attrs


def test_working_table_keeps_a_workshop_rerating_over_the_ratings_at_full_precision():
    catalogue = pd.DataFrame({"need_id": ["N01", "N02"], "need": ["a", "b"], "importance": [7.0, np.nan],
                              "performance": [1.0, np.nan]})
    ipa = pd.DataFrame({"item": ["N01", "N02"], "importance": [6.0, 5.123], "performance": [3.0, 4.0]})
    work = ui_needs.working_table(catalogue, ipa)
    # the notebook's IPA uses the unrounded means: rounding here ranked close needs differently
    assert work["importance"].tolist() == [7.0, 5.123] and work["performance"].tolist() == [1.0, 4.0]


def test_workshop_ipa_is_workbook_ipa_until_a_need_has_its_own_ratings():
    catalogue = pd.DataFrame({"need_id": ["N01", "N02", "N03"], "need": ["a", "b", "c"]})
    ratings = ratings_from_means({"N01": (6, 3), "N02": (5, 5), "N03": (4, 4)})
    plain = ui_needs.workshop_ipa(catalogue, ratings)
    pd.testing.assert_frame_equal(plain, needs.workbook_ipa(catalogue, ratings))
    rerated = ui_needs.apply_need_edit(catalogue, need_id="N03", importance=7, performance=1)
    ipa = ui_needs.workshop_ipa(rerated, ratings).set_index("item")
    assert ipa.loc["N03", ["importance", "performance", "gap"]].tolist() == [7, 1, 6]
    assert ipa["rated_by"].to_dict() == {"N03": "workshop", "N01": "ratings", "N02": "ratings"}
    assert ipa["n"].to_dict() == {"N03": 1, "N01": 2, "N02": 2}
    assert ipa["importance_line"].iloc[0] == pytest.approx((6 + 5 + 7) / 3)   # mean of the need means


# --------------------------------------------------------------------------------------------- workbench
def test_after_a_saved_rerating_notebook_and_workbench_rank_the_same_need_first(needs_wb, monkeypatch):
    # issue 11: after re-rating a need in 01 and saving, Run All kept the old ratings in the IPA chart,
    # priorities and text, while the workbench below ranked another need first
    catalogue, ipa, kano, before = notebook_priorities(needs_wb)
    assert before["need_id"].iloc[0] == "N01"
    box = ui_needs.needs_workbench(catalogue, ipa, kano, workbook=needs_wb, weights=WEIGHTS, scale=(1, 7))
    assert box.result["need_id"].tolist() == before["need_id"].tolist()   # same ranking from the start
    find(box, "sqmkit-needs-id").value = "N13"
    find(box, "sqmkit-needs-importance").value = 7.0
    find(box, "sqmkit-needs-performance").value = 1.5
    find(box, "sqmkit-needs-apply").click()
    find(box, "sqmkit-needs-save").click()
    assert "Run All Cells" in find(box, "sqmkit-needs-status").value
    catalogue, ipa, kano, after = notebook_priorities(needs_wb)            # Run All
    assert after["need_id"].iloc[0] == "N13" == box.result["need_id"].iloc[0]
    assert ipa.set_index("item").loc["N13", "rated_by"] == "workshop"
    rerun = ui_needs.needs_workbench(catalogue, ipa, kano, workbook=needs_wb, weights=WEIGHTS, scale=(1, 7))
    assert rerun.result["need_id"].tolist() == after["need_id"].tolist()
    saved = io.reload_table(needs_wb, "needs")
    assert saved["importance"].notna().sum() == 1                     # only the re-rated need is frozen


def test_workbench_starts_from_disk_and_saves_a_new_need_twice(needs_wb):
    catalogue, ipa, kano, _ = notebook_priorities(needs_wb)
    box = ui_needs.needs_workbench(catalogue, ipa, kano, workbook=needs_wb, scale=(1, 7), lang="en")
    for need_id, need in (("N16", "夜间也能联系"), ("N17", "账单看得懂")):
        find(box, "sqmkit-needs-id").value = need_id
        find(box, "sqmkit-needs-need").value = need
        find(box, "sqmkit-needs-apply").click()
        find(box, "sqmkit-needs-save").click()
        assert "Saved" in find(box, "sqmkit-needs-status").value
    saved = io.load_workbook(needs_wb).get("needs")
    assert saved["need_id"].tolist()[-2:] == ["N16", "N17"]
    again = ui_needs.needs_workbench(catalogue, ipa, kano, workbook=needs_wb, scale=(1, 7))   # stale catalogue
    assert "N17" in again.table.frame["need_id"].tolist()


def test_workbench_on_a_new_workbook_starts_the_catalogue(tmp_path):
    folder = report.scaffold_workbook(tmp_path / "new", lang="zh")
    box = ui_needs.needs_workbench(None, None, None, workbook=folder, scale=(1, 5))
    assert box.result is None
    find(box, "sqmkit-needs-id").value = "N01"
    find(box, "sqmkit-needs-need").value = "响应速度快"
    find(box, "sqmkit-needs-importance").value = 5
    find(box, "sqmkit-needs-performance").value = 2
    find(box, "sqmkit-needs-apply").click()
    assert box.result["need_id"].tolist() == ["N01"]
    find(box, "sqmkit-needs-save").click()
    loaded = io.load_workbook(folder).get("needs")
    assert loaded[["need_id", "need", "importance", "performance"]].values.tolist() == [["N01", "响应速度快", 5, 2]]


def test_weights_are_saved_to_the_parameters_and_say_so(needs_wb):
    catalogue, ipa, kano, _ = notebook_priorities(needs_wb)
    box = ui_needs.needs_workbench(catalogue, ipa, kano, workbook=needs_wb, weights=WEIGHTS, scale=(1, 7), lang="en")
    status = find(box, "sqmkit-weights-status")
    assert status.value == ""
    find(box, "sqmkit-weights-gap").value = 0.8
    assert "not saved" in status.value and "weight_gap 0.5" in status.value
    find(box, "sqmkit-weights-save").click()
    assert "weight_gap 0.8" in status.value and "parameters cell" in status.value
    config = yaml.safe_load((needs_wb / "sqmkit.yaml").read_text(encoding="utf-8"))
    assert config["parameters"] == {"weight_gap": 0.8, "weight_kano": 0.3, "weight_mentions": 0.2}
    assert io.load_workbook(needs_wb).config["survey"]["dimension_weights"]["reliability"] == 0.3   # rest kept
    for key in ("gap", "kano", "mentions"):
        find(box, f"sqmkit-weights-{key}").value = 0
    find(box, "sqmkit-weights-save").click()
    assert "At least one weight must be above 0" in status.value


def test_weights_on_the_sample_are_refused_in_the_widget():
    wb = io.load_workbook("")
    box = ui_needs.needs_workbench(wb.get("needs"), None, None, workbook=wb.path, scale=(1, 7), lang="en")
    assert "read-only" in find(box, "sqmkit-needs-note").value
    before = (sample_workbook() / "sqmkit.yaml").read_bytes()
    find(box, "sqmkit-weights-gap").value = 0.9
    find(box, "sqmkit-weights-save").click()
    assert "sqmkit sample" in find(box, "sqmkit-weights-status").value
    assert (sample_workbook() / "sqmkit.yaml").read_bytes() == before


def test_batch_mode_shows_the_static_priority_chart():
    catalogue = pd.DataFrame({"need_id": ["N01", "N02"], "need": ["a", "b"]})
    ipa = needs.importance_performance(ratings_from_means({"N01": (6, 3), "N02": (5, 5)}), item="need_id",
                                       importance="importance", performance="performance")
    ax = ui_needs.show_needs_workbench(catalogue, ipa, None, interactive=True)  # no kernel here -> static
    assert ax.get_title() == "需求优先级（加权得分）"
    assert ui_needs.show_needs_workbench(None, None, None, interactive=False) is None
