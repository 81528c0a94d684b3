"""The corpus of messy, real-shaped workbooks (tests/corpus/): each one either validates and runs, or is refused.

For every case, as a user runs it (``python -m sqmkit`` in a subprocess, no stdin):

* outcome "runs": ``sqmkit validate WB`` exits 0, then ``sqmkit run WB --jobs 2 --no-progress --only ...``
  exits 0 with every notebook ok (00 and each notebook that reads a table the workbook holds — what the
  others do without their tables is tested once, in test_health_shapes.py's fresh workbook), no traceback on stderr nor on any report page, and (for the
  cases that have a check) the run's figures equal those computed here from the generated data
  with plain pandas;
* outcome "refused": ``sqmkit validate WB`` (or ``sqmkit run WB -p ...``) exits 2 with a message
  naming the file, the column or key and the fix (the case's regex), no traceback, and no notebook
  was started.

The workbooks are small (a few hundred to 2,000 rows) so that the whole corpus stays a few minutes
of CI; ``-k refused`` selects the quick part.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from corpus.cases import CASES, Case
from corpus._base import sqmkit
from sqmkit import files
from sqmkit.health import NOTEBOOK_TABLES

TRACEBACK = "Traceback (most recent call last)"


def _ids(case: Case) -> str:
    return f"{case.outcome}-{case.name}"


def _build(case: Case, tmp_path: Path):
    if case.needs_fifo and not hasattr(os, "mkfifo"):
        pytest.skip("this platform has no named pipes (os.mkfifo)")
    folder = tmp_path / "wb"
    return folder, case.build(folder)


def _notebooks_for(folder: Path) -> list[str]:
    """00, and every notebook that reads a table found in the workbook."""
    tables, _, _ = files.discover(folder)
    return ["00_data_health", *sorted({nb for table in tables for nb in NOTEBOOK_TABLES.get(table, ())})]


def _assert_refused(proc, case: Case, command: str) -> None:
    assert proc.returncode == 2, (f"{command} exited {proc.returncode}, not 2\n{proc.stdout[-2000:]}\n"
                                  f"{proc.stderr[-3000:]}")
    assert TRACEBACK not in proc.stderr, proc.stderr[-3000:]
    assert re.search(case.message, proc.stderr), f"{case.message!r} not in:\n{proc.stderr[-3000:]}"


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_corpus(case: Case, tmp_path: Path) -> None:
    folder, truth = _build(case, tmp_path)
    timeout = 60 if case.outcome == "refused" else 300
    validate = sqmkit("validate", folder, timeout=timeout,
                      memory_limit=case.memory_limit if case.command == "validate" else None)
    if case.outcome == "refused" and case.command == "validate":
        _assert_refused(validate, case, "sqmkit validate")
        return
    assert validate.returncode == 0, f"validate exited {validate.returncode}\n{validate.stderr[-3000:]}"
    assert TRACEBACK not in validate.stderr
    out = tmp_path / "out"
    params = [arg for p in case.params for arg in ("-p", p)]
    only = ["--only", *_notebooks_for(folder)] if case.outcome == "runs" else []
    run = sqmkit("run", folder, "--out", out, "--jobs", "2", "--no-progress", *only, *params, timeout=900)
    if case.outcome == "refused":
        _assert_refused(run, case, "sqmkit run")
        assert not list(out.glob("notebooks/*.ipynb")), "a notebook was started before the parameters were checked"
        return
    summary = json.loads((out / "run.json").read_text(encoding="utf-8")) if (out / "run.json").exists() else {}
    failed = [f"{nb['name']} cell {nb.get('cell_index')}: {nb.get('ename')}: {str(nb.get('evalue'))[:300]}"
              for nb in summary.get("notebooks", []) if nb.get("status") != "ok"]
    assert run.returncode == 0 and not failed, f"run exited {run.returncode}; failed: {failed}\n{run.stderr[-2000:]}"
    assert TRACEBACK not in run.stderr
    pages = [p.name for p in out.glob("*.html") if TRACEBACK in p.read_text(encoding="utf-8", errors="replace")]
    assert not pages, f"a traceback reached the report pages {pages}"
    if case.check is not None:
        case.check(out, truth)


def test_corpus_is_large_and_varied() -> None:
    names = [c.name for c in CASES]
    assert len(names) >= 30 and len(set(names)) == len(names)
    assert sum(c.outcome == "runs" for c in CASES) >= 15 and sum(c.outcome == "refused" for c in CASES) >= 15
    assert sum(c.check is not None for c in CASES) >= 5
    assert all(c.outcome == "runs" or c.message for c in CASES)
