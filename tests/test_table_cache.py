"""The run's cache of validated tables (sqmkit.table_cache): the notebooks get exactly what validation read.

Every workbook of the corpus that validates (real export shapes: GBK, semicolons, day-first dates, XLSX
sheets, event logs...) goes through the cache and comes back equal, dtypes, index and attrs included; a
changed workbook or another workbook is never served from it; the kernels of a run are given it.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from corpus.cases import CASES
from sqmkit import io, runner, table_cache, tables
from sqmkit.resources import sample_workbook

ACCEPTED = [c for c in CASES if c.outcome == "runs"]


def _assert_same(direct: io.Workbook, cached: io.Workbook) -> None:
    assert list(cached.tables) == list(direct.tables)
    for name, frame in direct.tables.items():
        pd.testing.assert_frame_equal(cached.tables[name], frame, check_exact=True)
        assert cached.tables[name].attrs == frame.attrs, name
    assert cached.config == direct.config
    assert cached.files == direct.files and cached.sources == direct.sources


def _cached(folder: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, **kw) -> io.Workbook:
    """load_workbook with the cache in place, and proof that no table file was read to answer it."""
    monkeypatch.setenv(table_cache.CACHE_ENV, str(cache))
    read = []
    monkeypatch.setattr(io, "read_source", lambda *a, **k: read.append(a) or tables.read_source(*a, **k))
    book = io.load_workbook(folder, **kw)
    assert not read, "the workbook was read again although the cache holds it"
    return book


@pytest.mark.parametrize("case", ACCEPTED, ids=lambda c: c.name)
def test_every_corpus_workbook_comes_back_from_the_cache_as_validation_read_it(case, tmp_path, monkeypatch):
    folder = tmp_path / "wb"
    case.build(folder)
    validated, problems = io.read_workbook(folder)
    assert not problems
    table_cache.save(validated, tmp_path / "cache")
    _assert_same(io.load_workbook(folder), _cached(folder, tmp_path / "cache", monkeypatch))


def test_the_sample_and_a_subset_of_its_tables(tmp_path, monkeypatch):
    validated, _ = io.read_workbook(sample_workbook())
    table_cache.save(validated, tmp_path / "cache")
    _assert_same(validated, _cached(sample_workbook(), tmp_path / "cache", monkeypatch))
    subset = _cached(sample_workbook(), tmp_path / "cache", monkeypatch, tables=["tickets", "survey"])
    assert list(subset.tables) == ["survey", "tickets"] and set(subset.files) == {"survey", "tickets"}


def test_a_column_arrow_cannot_hold_is_kept_as_it_is(tmp_path, monkeypatch):
    folder = tmp_path / "wb"
    shutil.copytree(sample_workbook(), folder)
    validated, _ = io.read_workbook(folder)
    validated.tables["needs"]["mixed"] = pd.Series([1, "a"] * (len(validated.tables["needs"]) // 2)
                                                   + [1] * (len(validated.tables["needs"]) % 2), dtype=object)
    table_cache.save(validated, tmp_path / "cache")
    assert not (tmp_path / "cache" / "tables" / "needs.parquet").exists()
    back = _cached(folder, tmp_path / "cache", monkeypatch)
    pd.testing.assert_frame_equal(back.tables["needs"], validated.tables["needs"])


def test_a_changed_or_another_workbook_is_read_from_its_files(tmp_path, monkeypatch):
    folder = tmp_path / "wb"
    shutil.copytree(sample_workbook(), folder)
    validated, _ = io.read_workbook(folder)
    table_cache.save(validated, tmp_path / "cache")
    monkeypatch.setenv(table_cache.CACHE_ENV, str(tmp_path / "cache"))
    assert table_cache.load(folder) is not None
    assert table_cache.load(sample_workbook()) is None                      # another workbook
    tickets = folder / "data" / "tickets.csv"
    stat = tickets.stat()
    os.utime(tickets, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # saved again in Excel
    assert table_cache.load(folder) is None
    (folder / "data" / "notes.txt").write_text("a new file", encoding="utf-8")
    assert table_cache.load(folder) is None
    monkeypatch.delenv(table_cache.CACHE_ENV)
    assert table_cache.load(folder) is None                                  # live: no cache at all


def test_a_run_gives_its_kernels_the_cache_and_their_share_of_the_cores(tmp_path, monkeypatch):
    for name in runner.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    manager = runner._kernel_manager_class(tmp_path / "k.log", "zh", tmp_path / "cache", threads=1)()
    env = manager.kernel_spec.env
    assert env[table_cache.CACHE_ENV] == str(tmp_path / "cache")
    assert all(env[name] == "1" for name in runner.THREAD_VARIABLES)
    monkeypatch.setenv("OMP_NUM_THREADS", "4")                               # the user's own setting wins
    env = runner._kernel_manager_class(tmp_path / "k.log", "zh", None, threads=1)().kernel_spec.env
    assert "OMP_NUM_THREADS" not in env and table_cache.CACHE_ENV not in env
