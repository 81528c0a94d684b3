"""Fixtures of the browser tests: Debian's Chromium under Playwright, ``sqmkit lab`` and a GBK workbook.

The tests skip (with the reason) only where no Chromium exists; ``.ci/run`` installs Debian's
``chromium`` when it is missing. Playwright never downloads a browser here: it drives the system
one through ``executable_path``.

``browser_workbook``: the small workbook of ``tests/conftest.py`` (its complaints.csv is GBK with
Chinese headers) plus the sample's problems, whys, actions, needs, needs_ratings, kano and
kpi_targets, and a ``causes.csv`` written as a client's Excel export would be: GBK, Chinese headers,
CRLF line endings, 0/1 flags, whole-number votes. ``CAUSES_HEADER`` is its header line.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser.harness import CHROMIUM_ARGS, Lab, Notebook, find_chromium, fontconfig_file

CAUSES_HEADER = "问题编号,原因编号,类别,原因,上级原因,票数,已验证,证据"
SAMPLE_TABLES = ("problems.csv", "whys.csv", "actions.csv", "kpi_targets.csv", "needs.xlsx", "needs_ratings.csv",
                 "kano.csv")


def pytest_collection_modifyitems(config, items):
    if find_chromium() is None:
        skip = pytest.mark.skip(reason="no Chromium on this machine (apt-get install chromium, or set "
                                       "SQMKIT_CHROMIUM to a Chromium binary); .ci/run installs it")
        for item in items:
            if "browser" in Path(str(item.fspath)).parts:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Chromium of the system, headless, with the packaged CJK font visible to it."""
    from playwright.sync_api import sync_playwright

    import os

    fonts = fontconfig_file(tmp_path_factory.mktemp("fonts"))
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS,
                                     env={**os.environ, "FONTCONFIG_FILE": str(fonts)})
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    context.set_default_timeout(60_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def browser_workbook_source(small_workbook_source, tmp_path_factory) -> Path:
    from sqmkit.resources import sample_workbook

    folder = tmp_path_factory.mktemp("browser") / "星海"   # a Chinese folder name on the way, as clients have
    shutil.copytree(small_workbook_source, folder)
    data = sample_workbook() / "data"
    for name in SAMPLE_TABLES:
        shutil.copyfile(data / name, folder / "data" / name)
    lines = (data / "causes.csv").read_text(encoding="utf-8-sig").splitlines()
    (folder / "data" / "causes.csv").write_bytes("\r\n".join([CAUSES_HEADER, *lines[1:]]).encode("gbk") + b"\r\n")
    return folder


@pytest.fixture
def browser_workbook(browser_workbook_source, tmp_path) -> Path:
    """A fresh copy of the browser workbook for one test."""
    target = tmp_path / "wb" / browser_workbook_source.name
    shutil.copytree(browser_workbook_source, target)
    return target


@pytest.fixture
def lab(browser_workbook, tmp_path):
    """``sqmkit lab`` on the test's browser workbook, stopped with Ctrl-C at the end."""
    with Lab(browser_workbook, tmp_path) as running:
        yield running


@pytest.fixture
def open_notebook(page, lab, tmp_path):
    """``open_notebook("03_root_cause.ipynb")``: the notebook opened in the page (not run yet)."""
    def _open(name: str) -> Notebook:
        return Notebook(page, lab, name, tmp_path / "screenshots").open()
    return _open
