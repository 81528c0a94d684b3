"""Tests of sqmkit.kpis.engine: the DuckDB connection's memory and temp-space limits, where it spills, and the
message when a log needs more than allowed. The KPI values themselves are tested in tests/test_kpis.py."""
from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sqmkit import kpis
from sqmkit.exceptions import ResourceLimitError
from sqmkit.kpis.engine import DuckSource, resource_limits


def big_log(n: int = 2_000_000) -> pd.DataFrame:
    """A plain ticket log of ``n`` rows (numpy only: a few seconds for 2 million)."""
    rng = np.random.default_rng(1)
    created = pd.Timestamp("2025-01-01") + pd.to_timedelta(np.sort(rng.integers(0, 365 * 86400, n)), unit="s")
    return pd.DataFrame({
        "ticket_id": pd.Series(np.arange(n)).map("T{:08d}".format), "created_at": created,
        "first_response_at": created + pd.to_timedelta(rng.integers(60, 7200, n), unit="s"),
        "channel": rng.choice(["电话", "在线客服", "APP"], n), "category": rng.choice(list("ABCDEF"), n),
        "customer_id": pd.Series(rng.integers(0, n // 2, n)).map("C{:07d}".format)})


def test_limits_default_to_shares_and_follow_the_environment(monkeypatch):
    monkeypatch.delenv("SQMKIT_DUCKDB_MEMORY", raising=False)
    monkeypatch.delenv("SQMKIT_DUCKDB_TEMP_SIZE", raising=False)
    assert resource_limits()["memory"].endswith("MiB") and resource_limits()["temp"].endswith("MiB")
    monkeypatch.setenv("SQMKIT_DUCKDB_MEMORY", "3GB")
    monkeypatch.setenv("SQMKIT_DUCKDB_TEMP_SIZE", "7GB")
    assert resource_limits() == {"memory": "3GB", "temp": "7GB"}
    with DuckSource(pd.DataFrame({"created_at": [pd.Timestamp("2025-01-01")]})) as src:
        settings = dict(src.execute("SELECT name, value FROM duckdb_settings() WHERE name IN "
                                    "('memory_limit', 'max_temp_directory_size', 'temp_directory')").fetchall())
    assert settings["memory_limit"].replace(" ", "") in ("2.7GiB", "2.8GiB", "3.0GB")   # DuckDB shows GiB
    assert settings["max_temp_directory_size"].replace(" ", "") in ("6.5GiB", "7.0GB")
    assert Path(settings["temp_directory"]).parent == Path(tempfile.gettempdir())


def _own_temp_folder(tmp_path, monkeypatch) -> Path:
    """The current folder is tmp_path/cwd; the system's temp folder is tmp_path/tmp, seen by this test alone
    (tests running beside it make their own sqmkit-duckdb-* folders in the shared one)."""
    (tmp_path / "cwd").mkdir()
    (tmp_path / "tmp").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    return tmp_path / "cwd"


def test_temp_folder_under_the_system_temp_never_the_current_folder(tmp_path, monkeypatch):
    # issue 13: a 100M-ticket query filled the user's folder with .tmp/duckdb_temp_* until the disk was full
    cwd = _own_temp_folder(tmp_path, monkeypatch)
    monkeypatch.setenv("SQMKIT_DUCKDB_MEMORY", "60MB")             # small enough to spill, big enough to finish
    log = big_log(600_000)
    src = DuckSource(log)
    folder = Path(src.temp_folder)
    assert folder.is_dir() and folder.parent == Path(tempfile.gettempdir()) and folder.name.startswith("sqmkit-duckdb-")
    src.close()
    assert not folder.exists()                                      # removed with the connection
    before = set(Path(tempfile.gettempdir()).glob("sqmkit-duckdb-*"))
    table = kpis.ticket_kpis(log, by="channel", freq="MS")
    assert table["tickets"].sum() == len(log)
    assert list(cwd.iterdir()) == []                                # no .tmp in the current folder
    assert set(Path(tempfile.gettempdir()).glob("sqmkit-duckdb-*")) <= before   # each query's folder removed


def test_a_log_bigger_than_the_limits_says_how_much_was_allowed_and_the_fix(tmp_path, monkeypatch):
    cwd = _own_temp_folder(tmp_path, monkeypatch)
    monkeypatch.setenv("SQMKIT_DUCKDB_MEMORY", "20MB")
    monkeypatch.setenv("SQMKIT_DUCKDB_TEMP_SIZE", "1MB")
    before = set(Path(tempfile.gettempdir()).glob("sqmkit-duckdb-*"))
    with pytest.raises(ResourceLimitError, match=r"needs more memory or temporary disk space than allowed: memory limit 20MB, "
                                          r"temporary files up to 1MB in .+\. Fix: raise the environment variable "
                                          r"SQMKIT_DUCKDB_MEMORY .* SQMKIT_DUCKDB_TEMP_SIZE .*start/end") as info:
        kpis.ticket_kpis(big_log(), by="channel", freq="MS")
    assert "内存上限 20MB" in info.value.text("zh") and "SQMKIT_DUCKDB_TEMP_SIZE" in info.value.text("zh")
    assert set(Path(tempfile.gettempdir()).glob("sqmkit-duckdb-*")) <= before   # cleaned up after the error
    assert list(cwd.iterdir()) == []
