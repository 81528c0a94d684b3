"""Shared fixtures.

``sample_run``: the bundled sample workbook run once per session with every notebook
(``run_workbook(out=tmp, jobs=2)``); notebook tests read ``sample_run / "results.json"``
(notebook name -> headline key -> {value, label, unit}) and the files under it.
``small_workbook``: a small copy of the sample (300 tickets, 60 survey answers, the complaints)
whose first survey comment is ``<script>alert(1)</script>``; tests that break data copy it first.
``english_run``: an English-only copy of the sample (:func:`english_workbook`) run once per session with every
notebook: (output folder, run summary).

Helpers for the notebook tests (``from conftest import ...``): ``check_notebook_source`` (the committed
notebook is clean), ``run_notebook`` (one notebook on a workbook, as ``sqmkit run --only``), ``headlines``
and ``recorded_table`` (what a run recorded), ``executed_notebook`` and ``markdown_outputs`` (what it showed).
"""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
XSS = "<script>alert(1)</script>"
SHARED_PARAMETERS = ["workbook", "lang", "interactive", "output_dir"]  # first in every parameters cell


def check_notebook_source(notebook: str, *, parameters=(), max_cell_lines: int = 20) -> list[str]:
    """Assert the committed ``notebooks/<notebook>.ipynb`` is clean and return its parameter names.

    Exactly one cell tagged ``parameters``, starting with the four shared parameters and holding
    ``parameters``; code cells without outputs or execution counts, none longer than ``max_cell_lines``.
    """
    import nbformat

    from sqmkit.resources import notebooks_folder

    nb = nbformat.read(notebooks_folder() / f"{notebook}.ipynb", as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    assert all(len(c.source.splitlines()) <= max_cell_lines for c in code)
    names = [line.split(":")[0] for line in tagged[0].source.splitlines()]
    assert names[:4] == SHARED_PARAMETERS
    assert set(parameters) <= set(names)
    return names


def make_workbook(tmp_path: Path, files: dict[str, str | bytes], config: str = "client: 测试客户\nlang: zh\n") -> Path:
    """A workbook folder in tmp_path: sqmkit.yaml from ``config`` and data/NAME from ``files`` (text as UTF-8)."""
    folder = tmp_path / "wb"
    (folder / "data").mkdir(parents=True)
    (folder / "sqmkit.yaml").write_text(config, encoding="utf-8")
    for name, content in files.items():
        path = folder / "data" / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def headlines(out: Path, notebook: str, *, missing_ok: bool = False) -> dict:
    """Headline values ``{key: value}`` one notebook recorded in ``out / "results.json"``.

    ``missing_ok``: ``{}`` when the notebook recorded none (otherwise KeyError).
    """
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    recorded = results.get(notebook, {}) if missing_ok else results[notebook]
    return {key: item["value"] for key, item in recorded.items()}


def recorded_table(out: Path, notebook: str, name: str, **read_csv):
    """The table a notebook recorded with ``rec.table(name)``: ``out / "tables" / "<notebook>__<name>.csv"``."""
    import pandas as pd

    return pd.read_csv(out / "tables" / f"{notebook}__{name}.csv", encoding="utf-8-sig", **read_csv)


def executed_notebook(out: Path, notebook: str) -> Path:
    """The executed copy of a notebook in a run's output folder."""
    return out / "notebooks" / f"{notebook}.ipynb"


def output_texts(executed, kinds=("text/markdown",)) -> list[str]:
    """Rich outputs (of the given MIME ``kinds``) of the code cells of an executed notebook (path or node)."""
    import nbformat

    nb = executed if isinstance(executed, nbformat.NotebookNode) else nbformat.read(executed, as_version=4)
    return [o["data"][kind] for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            for kind in kinds if kind in o.get("data", {})]


def markdown_outputs(executed) -> str:
    """The Markdown the code cells of an executed notebook displayed, one text."""
    return "\n".join(output_texts(executed))


class NotebookRun(NamedTuple):
    executed: Path   # the executed notebook
    markdown: str    # its Markdown outputs (see markdown_outputs)


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` is running (a zombie, exited but not reaped, is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except OSError:
        return True


def run_notebook(workbook: Path, out: Path, notebook: str) -> NotebookRun:
    """Run one notebook on ``workbook`` with ``run_workbook`` into ``out``; assert it ran without error."""
    from sqmkit.runner import run_workbook

    summary = run_workbook(workbook, out=out, only=[notebook], jobs=1, progress=False)
    result = summary.notebooks[0]
    assert summary.exit_code == 0 and result.status == "ok", f"{result.ename}: {result.evalue}"
    executed = out / result.notebook
    return NotebookRun(executed, markdown_outputs(executed))


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


#: English labels of the sample's SERVQUAL items (Parasuraman, Zeithaml & Berry 1988, as worded in the sample).
ENGLISH_ITEM_LABELS = {
    "p01": "Modern equipment and facilities", "p02": "Clean and attractive service halls",
    "p03": "Neatly dressed staff", "p04": "Clear and attractive leaflets",
    "p05": "Does what it promises on time", "p06": "Sincere help with problems",
    "p07": "Gets it right the first time", "p08": "Service at the promised time",
    "p09": "Error-free records", "p10": "Says when service will be done",
    "p11": "Prompt service", "p12": "Staff always willing to help",
    "p13": "Responds promptly even when busy", "p14": "Staff behaviour inspires trust",
    "p15": "Customers feel safe", "p16": "Staff always courteous",
    "p17": "Staff have the knowledge to answer", "p18": "Individual attention",
    "p19": "Convenient service hours", "p20": "Personal care from staff",
    "p21": "Customers' interests at heart", "p22": "Understands specific needs",
}
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def english_workbook(target: Path) -> Path:
    """Write an English-only copy of the bundled sample into ``target`` and return it.

    Every table is read with ``load_workbook`` and written as ``data/<table>.csv`` (UTF-8, canonical English
    headers); every text value holding a CJK character becomes a stable ASCII token named after the first column
    it was seen in (``"team-3"``), the same value getting the same token in every table. sqmkit.yaml keeps the
    sample's settings with an English client, title and item labels and ``lang: en``.
    """
    import pandas as pd
    import yaml

    from sqmkit.io import load_workbook
    from sqmkit.resources import sample_workbook

    sample = load_workbook(sample_workbook(), masked=False)
    tokens: dict[str, str] = {}
    counts: dict[str, int] = {}

    def token(value, column: str):
        if not isinstance(value, str) or not _CJK.search(value):
            return value
        if value not in tokens:
            counts[column] = counts.get(column, 0) + 1
            tokens[value] = f"{column}-{counts[column]}"
        return tokens[value]

    (target / "data").mkdir(parents=True)
    for name, frame in sample.tables.items():
        frame = frame.copy()
        for column in frame.columns:
            if not pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_datetime64_any_dtype(frame[column]):
                frame[column] = frame[column].map(lambda value, column=column: token(value, column))
        frame.to_csv(target / "data" / f"{name}.csv", index=False, encoding="utf-8")
    config = yaml.safe_load((sample_workbook() / "sqmkit.yaml").read_text(encoding="utf-8"))
    config.update(client="Northstar Telecom Service Centre", title="Service quality workbook 2025", lang="en")
    for item, settings in config["survey"]["items"].items():
        settings["label"] = ENGLISH_ITEM_LABELS[item]
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    assert not _CJK.search(text), "the English sqmkit.yaml still holds Chinese"
    (target / "sqmkit.yaml").write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def english_run(tmp_path_factory) -> tuple[Path, object]:
    """An English-only copy of the sample (:func:`english_workbook`) run once per session: (output folder, summary)."""
    from sqmkit.runner import run_workbook

    root = tmp_path_factory.mktemp("english_run")
    workbook = english_workbook(root / "wb")
    out = root / "out"
    summary = run_workbook(workbook=workbook, out=out, jobs=2, progress=False)
    return out, summary
