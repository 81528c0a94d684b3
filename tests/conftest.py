"""Shared fixtures.

``sample_run``: the bundled sample workbook run once per session with every notebook
(``run_workbook(out=tmp, jobs=2)``); notebook tests read ``sample_run / "results.json"``
(notebook name -> headline key -> {value, label, unit}) and the files under it.
``small_workbook``: a small copy of the sample (300 tickets, 60 survey answers, the complaints)
whose first survey comment is ``<script>alert(1)</script>``; tests that break data copy it first.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
XSS = "<script>alert(1)</script>"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory) -> Path:
    """Output folder of one full run of the bundled sample (all notebooks, --jobs 2)."""
    from sqmkit.runner import run_workbook

    out = tmp_path_factory.mktemp("sample_run") / "out"
    run_workbook(out=out, jobs=2, progress=False)
    return out


@pytest.fixture(scope="session")
def small_workbook_source(tmp_path_factory) -> Path:
    import pandas as pd

    from sqmkit.resources import sample_workbook

    sample = sample_workbook()
    folder = tmp_path_factory.mktemp("small") / "wb"
    (folder / "data").mkdir(parents=True)
    shutil.copy(sample / "sqmkit.yaml", folder / "sqmkit.yaml")
    shutil.copy(sample / "data" / "complaints.csv", folder / "data" / "complaints.csv")  # GBK, Chinese headers
    for name, rows in (("tickets", 300), ("survey", 60)):
        frame = pd.read_csv(sample / "data" / f"{name}.csv", nrows=rows, dtype=str, keep_default_na=False,
                            encoding="utf-8-sig")
        if name == "survey":
            frame.loc[frame.index[0], "comment"] = XSS
        frame.to_csv(folder / "data" / f"{name}.csv", index=False, encoding="utf-8-sig")
    return folder


@pytest.fixture
def small_workbook(small_workbook_source, tmp_path) -> Path:
    """A fresh, writable copy of the small workbook for one test."""
    target = tmp_path / "wb"
    shutil.copytree(small_workbook_source, target)
    return target
