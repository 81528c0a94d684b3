"""A live workshop in a real JupyterLab (``sqmkit lab``) and Chromium: what a consultant does, end to end.

Each test starts ``sqmkit lab`` on its own copy of the GBK browser workbook (see conftest), opens a
notebook of the working copy, runs all cells with JupyterLab's own command, works the widgets as a
user does (typing, clicking) and checks the page and the files. Screenshots go to the test's
folder (and ``$SQMKIT_SCREENSHOTS`` when set).
"""
from __future__ import annotations

import json

import nbformat
from nbformat.sign import NotebookNotary
from playwright.sync_api import expect

from browser.harness import Lab, Notebook

MODEL_NOT_FOUND = "model not found"


def _cell(nb: Notebook, code: str):
    """The code cell whose source contains ``code`` (e.g. the call of an editor)."""
    return nb.page.locator(".jp-CodeCell", has_text=code).first


def _notebook_text(nb: Notebook) -> str:
    """Everything the notebook shows, including cells scrolled out of view (``textContent``)."""
    return nb.page.evaluate("() => document.querySelector('.jp-Notebook').textContent")


def test_fishbone_cause_added_in_the_browser(open_notebook, browser_workbook):
    """03 live: a Chinese cause typed into the fishbone editor is drawn, and Save puts it into the workbook."""
    from sqmkit import io

    nb = open_notebook("03_root_cause.ipynb")
    assert nb.kernel == "python3"
    assert nb.run_all() == []
    cell = _cell(nb, "fishbone_editor(")
    chart = cell.locator(".widget-output img").first
    chart.wait_for()
    before = chart.get_attribute("src")
    cell.locator(".widget-text:has(label:text-is('类别')) input").fill("测")
    cell.locator(".widget-text:has(label:text-is('原因')) input").fill("系统切换时工单数据丢失")
    cell.locator("button:text-is('添加')").click()
    expect(chart).not_to_have_attribute("src", before)
    nb.screenshot("03_fishbone_added", cell)
    cell.locator("button:text-is('保存')").click()
    expect(cell.locator(".widget-html").first).to_contain_text("causes")
    causes = io.load_workbook(browser_workbook).get("causes")
    added = causes[causes["cause"] == "系统切换时工单数据丢失"]
    assert len(added) == 1 and added["category"].iloc[0] == "测"


def test_saved_notebook_reopens_without_model_not_found(page, browser_workbook, tmp_path):
    """Save after live use, end the workshop (Ctrl-C), start it again: the editors show, no "model not found"."""
    with Lab(browser_workbook, tmp_path / "day1") as lab:
        nb = Notebook(page, lab, "03_root_cause.ipynb", tmp_path / "shots").open()
        assert nb.run_all() == []
        _cell(nb, "fishbone_editor(").locator(".widget-vbox").first.wait_for()
        nb.save()
    assert lab.returncode == 0, lab.output()
    assert "JupyterLab" in lab.output()  # its own ending line, in the workbook's language
    saved = json.loads((browser_workbook / "workshop" / "03_root_cause.ipynb").read_text(encoding="utf-8"))
    assert "application/vnd.jupyter.widget-state+json" in saved["metadata"].get("widgets", {})

    with Lab(browser_workbook, tmp_path / "day2") as lab:
        assert "03_root_cause.ipynb" in lab.output()  # listed as kept, not copied again
        nb = Notebook(page, lab, "03_root_cause.ipynb", tmp_path / "shots").open()
        fishbone, whys = _cell(nb, "fishbone_editor("), _cell(nb, "why_editor(")
        for cell in (fishbone, whys):  # each editor shows, or its error does
            cell.scroll_into_view_if_needed()
            cell.locator(f".widget-vbox, :text('{MODEL_NOT_FOUND}')").first.wait_for(state="attached")
        assert MODEL_NOT_FOUND not in _notebook_text(nb)
        expect(fishbone.locator(".widget-vbox").first).to_be_attached()
        expect(whys.locator(".widget-vbox").first).to_be_attached()
        nb.screenshot("03_reopened", fishbone)

        # the check is not vacuous: the same notebook saved without widget state (what JupyterLab writes
        # without saveState) reopens with the error
        bare_nb = nbformat.from_dict(saved)
        bare_nb.metadata.pop("widgets")
        NotebookNotary(data_dir=str(browser_workbook / "workshop" / ".sqmkit-lab")).sign(bare_nb)  # as a save does
        nbformat.write(bare_nb, browser_workbook / "workshop" / "03_no_state.ipynb")
        bare = Notebook(page, lab, "03_no_state.ipynb", tmp_path / "shots").open()
        bare_fishbone = _cell(bare, "fishbone_editor(")
        bare_fishbone.scroll_into_view_if_needed()
        expect(bare_fishbone).to_contain_text(MODEL_NOT_FOUND)
        assert MODEL_NOT_FOUND in _notebook_text(bare)
