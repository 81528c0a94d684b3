"""What every workshop editor shares (sqmkit.ui): the table an editor works on, saving, reloading,
the read-only sample, the stable CSS classes and the static snapshot shown where a widget cannot be drawn."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

pytest.importorskip("ipywidgets")

from sqmkit import io  # noqa: E402
from sqmkit.resources import sample_workbook  # noqa: E402
from sqmkit import ui as _base  # noqa: E402
from sqmkit.rootcause import widgets as urc  # noqa: E402


def find(widget, cls: str, n: int = 0):
    """The n-th widget under ``widget`` carrying the CSS class ``cls`` (as a browser test finds it)."""
    hits = []

    def walk(w):
        if cls in getattr(w, "_dom_classes", ()):
            hits.append(w)
        for child in getattr(w, "children", ()):
            walk(child)

    walk(widget)
    assert len(hits) > n, f"no widget with class {cls!r}"
    return hits[n]


@pytest.fixture
def causes_wb(tmp_path):
    """A writable workbook with the sample's causes and problems (22 causes F01-F22 of PR01)."""
    wb = tmp_path / "wb"
    (wb / "data").mkdir(parents=True)
    shutil.copy(sample_workbook() / "sqmkit.yaml", wb / "sqmkit.yaml")
    for name in ("causes", "problems"):
        shutil.copy(sample_workbook() / "data" / f"{name}.csv", wb / "data" / f"{name}.csv")
    return wb


def _cause(frame, edit, ids):
    out = urc.add_cause(frame, cause=edit["cause"], category=edit.get("category"),
                        parent_id=ids.get(edit.get("parent_id"), edit.get("parent_id")))
    return out, out["cause_id"].iloc[-1]


def test_is_sample():
    assert _base.is_sample("") and _base.is_sample(None) and _base.is_sample(sample_workbook())
    assert not _base.is_sample("/tmp/some/other/workbook")


def test_empty_table_and_append_row_keep_types_index_and_attrs():
    empty = _base.empty_table("causes")
    assert list(empty.columns) == ["problem_id", "cause_id", "category", "cause", "parent_id", "votes", "verified",
                                   "evidence"]
    assert str(empty["votes"].dtype) == "float64" and str(empty["verified"].dtype) == "boolean"
    table = pd.DataFrame({"cause_id": pd.array(["F01", "F02"], dtype="string"), "votes": [1.0, 2.0]}, index=[0, 2])
    table.attrs = {"source": "x.csv", "signature": "abc"}
    out = _base.append_row(table, {"cause_id": "F03", "votes": 0})
    assert out.index.tolist() == [0, 2, 3]                    # rows read from the file keep their positions
    assert out.attrs == table.attrs and str(out["cause_id"].dtype) == "string" and out["votes"].tolist() == [1, 2, 0]


def test_editor_starts_from_disk_and_two_saves_keep_both(causes_wb):
    stale = io.load_workbook(causes_wb).get("causes")          # what the notebook's first cell loaded
    first = _base.TableEditor(causes_wb, "causes", apply=_cause)
    first.edit(cause="排班未考虑晚高峰", category="法")
    first.save()
    again = _base.TableEditor(causes_wb, "causes", apply=_cause)  # re-running only the editor's cell
    assert len(again.frame) == len(stale) + 1 and again.frame["cause_id"].iloc[-1] == "F23"
    first.edit(cause="知识库检索慢", category="机")               # the same editor saves a second time
    first.save()
    saved = io.reload_table(causes_wb, "causes")
    assert saved["cause_id"].tolist()[-2:] == ["F23", "F24"]
    assert saved["cause"].tolist()[-2:] == ["排班未考虑晚高峰", "知识库检索慢"]


def test_a_stale_save_is_refused_and_reload_applies_the_unsaved_edits_again(causes_wb):
    mine = _base.TableEditor(causes_wb, "causes", apply=_cause)
    other = _base.TableEditor(causes_wb, "causes", apply=_cause)
    other.edit(cause="另一台电脑的原因", category="人")
    other.save()                                               # takes F23
    mine.edit(cause="我的主要原因", category="环")              # F23 here too
    mine.edit(cause="我的子原因", parent_id="F23")              # a sub-cause of my unsaved cause
    with pytest.raises(io.StaleTableError):
        mine.save()
    assert io.reload_table(causes_wb, "causes")["cause_id"].iloc[-1] == "F23"   # nothing written
    assert mine.reload() == []
    assert mine.frame["cause_id"].tolist()[-3:] == ["F23", "F24", "F25"]
    assert mine.frame["parent_id"].iloc[-1] == "F24"           # follows my cause to its new id
    mine.save()
    saved = io.reload_table(causes_wb, "causes")
    assert saved["cause"].tolist()[-3:] == ["另一台电脑的原因", "我的主要原因", "我的子原因"]


def test_the_sample_is_read_only(tmp_path):
    before = (sample_workbook() / "data" / "causes.csv").read_bytes()
    editor = _base.TableEditor(sample_workbook(), "causes", apply=_cause)
    assert editor.read_only
    editor.edit(cause="x", category="人")
    with pytest.raises(io.ReadOnlyWorkbookError, match="sqmkit sample"):
        editor.save()
    assert (sample_workbook() / "data" / "causes.csv").read_bytes() == before


def test_save_bar_shows_refusals_in_the_widget_never_raises(causes_wb):
    table = _base.TableEditor(causes_wb, "causes", apply=_cause)
    refreshed = []
    bar = _base.SaveBar("fishbone", table, after_save="Run ▸ Run All Cells", refresh=lambda: refreshed.append(1),
                        lang="en")
    assert bar.note.value == "" and "sqmkit-fishbone-save" in bar.save._dom_classes
    bar.save.click()
    assert "no unsaved edits" in bar.status.value
    table.edit(cause="a", category="人")
    other = _base.TableEditor(causes_wb, "causes", apply=_cause)
    other.edit(cause="b", category="人")
    other.save()
    bar.save.click()                                           # stale: message and a highlighted Reload
    assert "Reload from file" in bar.status.value and bar.reload.button_style == "warning"
    bar.reload.click()
    assert refreshed and "1 unsaved edit(s) applied again" in bar.status.value
    bar.save.click()
    assert "Saved" in bar.status.value and "Run All Cells" in bar.status.value
    sample = _base.SaveBar("fishbone", _base.TableEditor(sample_workbook(), "causes", apply=_cause),
                           after_save="", refresh=lambda: None, lang="en")
    assert "read-only" in sample.note.value and "sqmkit sample DIR" in sample.note.value


def test_show_displays_the_widget_then_its_snapshot(monkeypatch):
    import ipywidgets as w
    from IPython import display as ipd

    shown = []
    monkeypatch.setattr(ipd, "display", lambda obj, **kw: shown.append((obj, kw)) or "handle")
    box = w.VBox()
    box.snapshot = _base.Snapshot("static copy")
    box.snapshot.update(png=b"\x89PNG fake", table_html="<table></table>")
    _base.show(box)
    assert shown[0][0] is box and shown[1][1] == {"display_id": True}
    html = shown[1][0].data
    assert "sqmkit-snapshot" in html and "data:image/png;base64," in html and "<table></table>" in html
    assert ":has(.sqmkit-editor)" in html                       # hidden next to a drawn widget
    assert box.snapshot.handle == "handle"
