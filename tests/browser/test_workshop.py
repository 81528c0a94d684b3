"""A live workshop in a real JupyterLab (``sqmkit lab``) and Chromium: what a consultant does, end to end.

Each test starts ``sqmkit lab`` on its own copy of the GBK browser workbook (see conftest), opens a
notebook of the working copy, runs all cells with JupyterLab's own command, works the widgets as a
user does (typing, clicking, choosing) — found by their ``sqmkit-<editor>-<control>`` classes — and
checks the page and the files. Screenshots go to the test's folder (and ``$SQMKIT_SCREENSHOTS`` when
set); they were looked at.
"""
from __future__ import annotations

import json

import nbformat
from nbformat.sign import NotebookNotary
from playwright.sync_api import expect

from browser.conftest import CAUSES_HEADER
from browser.harness import Lab, Notebook

MODEL_NOT_FOUND = "model not found"


def _cell(nb: Notebook, code: str):
    """The code cell whose source contains ``code`` (e.g. the call of an editor)."""
    return nb.page.locator(".jp-CodeCell", has_text=code).first


def _notebook_text(nb: Notebook) -> str:
    """Everything the notebook shows, including cells scrolled out of view (``textContent``)."""
    return nb.page.evaluate("() => document.querySelector('.jp-Notebook').textContent")


def _type(cell, name: str, value: str) -> None:
    """Type ``value`` into the text box with class ``name`` (as a user does: the widget sees each key)."""
    box = cell.locator(f".{name} input").first
    box.fill("")
    box.press_sequentially(value)
    box.press("Tab")


def _add_cause(cell, category: str, cause: str) -> None:
    chart = cell.locator(".sqmkit-fishbone-chart img").first
    chart.wait_for()
    before = chart.get_attribute("src")
    _type(cell, "sqmkit-fishbone-category", category)
    _type(cell, "sqmkit-fishbone-cause", cause)
    cell.locator("button.sqmkit-fishbone-add").click()
    expect(chart).not_to_have_attribute("src", before)   # the cause is drawn


def _save(cell, editor: str):
    status = cell.locator(f".sqmkit-{editor}-status{'-line' if editor == 'board' else ''}")
    cell.locator(f"button.sqmkit-{editor}-save").click()
    expect(status).to_contain_text("已保存")
    return status


def test_chinese_causes_saved_twice_into_a_gbk_file(open_notebook, browser_workbook):
    """03 live on a client's GBK causes.csv (Chinese headers, CRLF): a Chinese cause is drawn and saved; the
    fishbone cell is re-run and a second cause saved: both are in the file, with their own ids, and the file is
    still the client's (encoding, headers, line endings, every earlier row byte for byte)."""
    from sqmkit import io

    path = browser_workbook / "data" / "causes.csv"
    original = path.read_bytes()
    nb = open_notebook("03_root_cause.ipynb")
    assert nb.kernel == "python3"
    assert nb.run_all() == []
    cell = _cell(nb, "fishbone_editor(")
    _add_cause(cell, "测", "系统切换时工单数据丢失")
    nb.screenshot("03_fishbone_added", cell)
    _save(cell, "fishbone")
    nb.screenshot("03_fishbone_saved", cell)

    # re-run only the editor's cell (what lost the first save before): it starts from the file as saved
    nb.run_cell(cell)
    _add_cause(cell, "人", "夜班坐席未培训新系统")
    _save(cell, "fishbone")

    raw = path.read_bytes()
    assert raw.startswith(original)                       # the client's rows untouched, byte for byte
    text = raw.decode("gbk")                              # still GBK, no BOM
    assert text.split("\r\n")[0] == CAUSES_HEADER and "\n" not in text.replace("\r\n", "")
    causes = io.load_workbook(browser_workbook).get("causes")
    added = causes[causes["cause"].isin(["系统切换时工单数据丢失", "夜班坐席未培训新系统"])]
    assert added["category"].tolist() == ["测", "人"]
    assert added["cause_id"].nunique() == 2 and not added["cause_id"].isin(causes["cause_id"].iloc[:-2]).any()


def test_action_board_overdue_follows_the_edits(open_notebook, browser_workbook):
    """04 live: finishing an overdue action takes it off the overdue list, moving a due date into the past puts
    one on it; the save lands in actions.csv."""
    from sqmkit import io

    nb = open_notebook("04_pdca_tracking.ipynb")
    assert nb.run_all() == []
    cell = _cell(nb, "action_board(")
    overdue = cell.locator(".sqmkit-board-overdue-list")
    expect(overdue).to_contain_text("A20")
    expect(overdue).not_to_contain_text("A12")
    nb.screenshot("04_board_before", cell)

    a20, a12 = cell.locator(".sqmkit-board-row-A20"), cell.locator(".sqmkit-board-row-A12")
    a20.locator(".sqmkit-board-status select").select_option("done")
    a20.locator(".sqmkit-board-done input").fill("2025-12-18")
    a12.locator(".sqmkit-board-due input").fill("2025-12-01")
    expect(overdue).not_to_contain_text("A20")
    expect(overdue).to_contain_text("A12")
    expect(a12.locator(".sqmkit-board-late")).to_contain_text("19")   # days late at as_of 2025-12-20
    nb.screenshot("04_board_after", cell)
    _save(cell, "board")

    actions = io.load_workbook(browser_workbook).get("actions").set_index("action_id")
    assert actions.loc["A20", "status"] == "done" and str(actions.loc["A20", "done_date"])[:10] == "2025-12-18"
    assert str(actions.loc["A12", "due"])[:10] == "2025-12-01"


def test_rerated_need_becomes_the_top_priority(open_notebook, browser_workbook):
    """01 live: a need re-rated in the workbench (importance 7, performance 1) and saved is the top priority of
    the notebook after Run All, as the workbench ranked it."""
    nb = open_notebook("01_needs_analysis.ipynb")
    assert nb.run_all() == []
    top = nb.page.locator(".jp-RenderedMarkdown", has_text="最优先的需求：").first
    expect(top).not_to_contain_text("N13")
    cell = _cell(nb, "show_needs_workbench(")
    chart = cell.locator(".sqmkit-needs-chart img").first
    chart.wait_for()
    before = chart.get_attribute("src")
    _type(cell, "sqmkit-needs-id", "N13")
    expect(cell.locator(".sqmkit-needs-need input")).to_have_value("个人信息安全")   # picked from the catalogue
    for control, value in (("importance", "7"), ("performance", "1")):
        readout = cell.locator(f".sqmkit-needs-{control} .widget-readout")
        readout.fill(value)
        readout.press("Enter")
    cell.locator("button.sqmkit-needs-apply").click()
    expect(chart).not_to_have_attribute("src", before)
    nb.screenshot("01_workbench_rerated", cell)
    _save(cell, "needs")

    assert nb.run_all() == []
    expect(top).to_contain_text("N13")
    nb.screenshot("01_top_priority", top)


def test_saved_notebook_reopens_without_model_not_found(page, browser_workbook, tmp_path):
    """Save after live use, end the workshop (Ctrl-C), start it again: the editors show, no "model not found"."""
    with Lab(browser_workbook, tmp_path / "day1") as lab:
        nb = Notebook(page, lab, "03_root_cause.ipynb", tmp_path / "shots").open()
        assert nb.run_all() == []
        _cell(nb, "fishbone_editor(").locator(".sqmkit-fishbone-save").wait_for()
        nb.save()
    assert lab.returncode == 0, lab.output()
    assert "JupyterLab" in lab.output()  # its own ending line, in the workbook's language
    saved = json.loads((browser_workbook / "workshop" / "03_root_cause.ipynb").read_text(encoding="utf-8"))
    assert "application/vnd.jupyter.widget-state+json" in saved["metadata"].get("widgets", {})

    with Lab(browser_workbook, tmp_path / "day2") as lab:
        assert "03_root_cause.ipynb" in lab.output()  # listed as kept, not copied again
        nb = Notebook(page, lab, "03_root_cause.ipynb", tmp_path / "shots").open()
        fishbone, whys = _cell(nb, "fishbone_editor("), _cell(nb, "why_editor(")
        for cell, editor in ((fishbone, "fishbone"), (whys, "why")):  # each editor shows, or its error does
            cell.scroll_into_view_if_needed()
            cell.locator(f".sqmkit-{editor}-save, :text('{MODEL_NOT_FOUND}')").first.wait_for(state="attached")
        assert MODEL_NOT_FOUND not in _notebook_text(nb)
        expect(fishbone.locator(".sqmkit-fishbone-save")).to_be_attached()
        expect(whys.locator(".sqmkit-why-save")).to_be_attached()
        nb.screenshot("03_reopened", fishbone)

        # the check is not vacuous: the same notebook saved without widget state (what JupyterLab writes
        # without saveState) reopens with the error, and its static snapshot below it
        bare_nb = nbformat.from_dict(saved)
        bare_nb.metadata.pop("widgets")
        NotebookNotary(data_dir=str(browser_workbook / "workshop" / ".sqmkit-lab")).sign(bare_nb)  # as a save does
        nbformat.write(bare_nb, browser_workbook / "workshop" / "03_no_state.ipynb")
        bare = Notebook(page, lab, "03_no_state.ipynb", tmp_path / "shots").open()
        bare_fishbone = _cell(bare, "fishbone_editor(")
        bare_fishbone.scroll_into_view_if_needed()
        expect(bare_fishbone).to_contain_text(MODEL_NOT_FOUND)
        assert MODEL_NOT_FOUND in _notebook_text(bare)
