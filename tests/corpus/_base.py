"""Shared parts of the corpus builders: the case record, seeded truth generators, file writers.

A builder writes one workbook into a folder it is given and returns the *truth*: the frames it
generated before they were spelled the way the real export spells them (true timestamps, blanks
as NaN). Tests compute expected figures from the truth with plain pandas.
"""
from __future__ import annotations

import struct
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd
import yaml

Truth = dict[str, pd.DataFrame]


@dataclass(frozen=True)
class Case:
    """One corpus workbook and the outcome the issue asks for.

    outcome "runs": ``sqmkit validate`` exits 0 and ``sqmkit run`` completes every notebook.
    outcome "refused": ``command`` (validate, or run with ``params``) exits 2, stderr matches
    ``message`` (a regex naming file, column/key and fix) and holds no traceback.
    """

    name: str
    shape: str                       # the real export it reproduces, one line
    build: Callable[[Path], Truth]
    outcome: str = "runs"
    message: str = ""
    command: str = "validate"
    params: tuple[str, ...] = ()
    check: Callable[[Path, Truth], None] | None = None  # figures of the run against the truth
    needs_fifo: bool = False
    memory_limit: int | None = None  # bytes of address space for the refused command (alias bombs)


# --------------------------------------------------------------------------------------------
# Truth generators (seeded)
# --------------------------------------------------------------------------------------------
def rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def minutes(values: np.ndarray) -> pd.TimedeltaIndex:
    return pd.to_timedelta(np.round(values).astype(int), unit="min")


def ticket_truth(seed: int, n: int, start: str, end: str, *, teams=("Team A", "Team B", "Team C"),
                 channels=("phone", "chat", "email"), categories=("billing", "network", "account", "device"),
                 priorities=("P1", "P2", "P3"), open_share: float = 0.05, no_response_share: float = 0.03,
                 frt_mean_min: float = 45.0, res_mean_h: float = 20.0, id_format: str = "T{:06d}",
                 customers: int = 400) -> pd.DataFrame:
    """Tickets with whole-minute timestamps between start and end (inclusive of start's day)."""
    r = rng(seed)
    t0, t1 = pd.Timestamp(start), pd.Timestamp(end)
    span = int((t1 - t0) / pd.Timedelta(minutes=1))
    created = (t0 + minutes(np.sort(r.integers(0, span, n)))).to_series().reset_index(drop=True)
    frt = minutes(1 + r.gamma(1.5, frt_mean_min / 1.5, n))
    res = minutes(60 * (0.2 + r.gamma(1.2, res_mean_h / 1.2, n))) + frt
    first = created + frt
    resolved = created + res
    first[r.random(n) < no_response_share] = pd.NaT
    resolved[r.random(n) < open_share] = pd.NaT
    contacts = 1 + r.poisson(0.5, n)
    return pd.DataFrame({
        "ticket_id": [id_format.format(i + 1) for i in range(n)],
        "created_at": created, "first_response_at": first, "resolved_at": resolved,
        "channel": r.choice(channels, n), "category": r.choice(categories, n), "team": r.choice(teams, n),
        "agent_id": [f"A{k:03d}" for k in r.integers(1, 40, n)],
        "priority": r.choice(priorities, n, p=_weights(len(priorities))),
        "contacts": contacts, "escalated": (r.random(n) < 0.12).astype(int),
        "reopened": (r.random(n) < 0.06).astype(int),
        "customer_id": [f"C{k:05d}" for k in r.integers(1, customers, n)],
    })


def _weights(k: int) -> np.ndarray:
    w = np.arange(1, k + 1, dtype=float)
    return w / w.sum()


def survey_truth(seed: int, n: int, *, start: str = "2025-01-01", end: str = "2025-06-30",
                 scale: tuple[int, int] = (1, 5), items: dict[str, str] | None = None,
                 channels=("phone", "chat", "app"), segments=("retail", "business"),
                 expectations: bool = False) -> pd.DataFrame:
    """Survey answers: overall on ``scale``, nps 0-10, item columns (name -> dimension) on ``scale``."""
    r = rng(seed)
    low, high = scale
    latent = r.normal(0, 1, n)
    days = pd.date_range(start, end, freq="D")

    def score(shift: float, lo: int, hi: int) -> np.ndarray:
        mid, spread = (lo + hi) / 2, (hi - lo) / 4
        return np.clip(np.round(mid + shift + spread * (latent + r.normal(0, 0.8, n))), lo, hi).astype(int)

    frame = pd.DataFrame({
        "respondent_id": [f"R{i + 1:05d}" for i in range(n)],
        "date": pd.Series(r.choice(days, n)).sort_values().to_numpy(),
        "channel": r.choice(channels, n), "segment": r.choice(segments, n),
        "overall": score(0.4, low, high), "nps": score(1.0, 0, 10),
    })
    for k, name in enumerate(items or {}):
        frame[name] = score(0.2 * (k % 3 - 1), low, high)
        if expectations:
            frame["e" + name[1:]] = np.clip(frame[name] + r.integers(0, 3, n), low, high)
    comments = ["waited too long", "friendly and quick", "problem solved at once", "had to call twice", ""]
    frame["comment"] = r.choice(comments, n)
    return frame


def complaint_truth(seed: int, n: int, categories: list[str], *, start: str = "2025-01-01", end: str = "2025-06-30",
                    zipf: float = 1.1, cost: bool = True) -> pd.DataFrame:
    r = rng(seed)
    weights = 1 / np.arange(1, len(categories) + 1) ** zipf
    days = pd.date_range(start, end, freq="D")
    frame = pd.DataFrame({
        "record_id": [f"CP{i + 1:05d}" for i in range(n)],
        "date": pd.Series(r.choice(days, n)).sort_values().to_numpy(),
        "category": r.choice(categories, n, p=weights / weights.sum()),
        "channel": r.choice(["phone", "app", "store"], n),
        "severity": r.integers(1, 4, n),
    })
    if cost:
        frame["cost"] = np.round(r.gamma(2.0, 60.0, n) * (1 + 20 * (r.random(n) < 0.02)), 2)
    return frame


# --------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------
def write_config(folder: Path, **config: Any) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, default_flow_style=None)
    (folder / "sqmkit.yaml").write_text(text, encoding="utf-8")


def write_csv(path: Path, frame: pd.DataFrame, *, encoding: str = "utf-8-sig", sep: str = ",",
              line_end: str = "\n") -> None:
    """Write the frame's text as it stands (the caller has spelled every value already)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = frame.to_csv(index=False, sep=sep, lineterminator=line_end)
    path.write_bytes(text.encode(encoding))


def spell(values: pd.Series, fmt: Callable[[pd.Timestamp], str], blank: str = "") -> pd.Series:
    """Timestamps -> the export's spelling; NaT -> ``blank``."""
    return values.map(lambda v: blank if pd.isna(v) else fmt(pd.Timestamp(v)))


def sqmkit(*args: Any, timeout: float = 900, memory_limit: int | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m sqmkit`` as a user would (no stdin, text output)."""
    import os

    def limit() -> None:  # pragma: no cover - runs in the child
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    env = {**os.environ, "CI": "true", "MPLBACKEND": "Agg"}
    return subprocess.run([sys.executable, "-m", "sqmkit", *map(str, args)], capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=timeout,
                          preexec_fn=limit if memory_limit else None)


# --------------------------------------------------------------------------------------------
# A compound file (OLE2/CFB) as Excel writes for .xls and for password-protected .xlsx
# --------------------------------------------------------------------------------------------
def compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal valid Compound File Binary (version 3) holding the given streams.

    Streams are padded to 4,096 bytes so they live in regular sectors (no mini stream); one FAT
    sector and one directory sector are enough for up to four streams of a few KiB.
    """
    sector = 512
    end, free, fat_mark, none = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    names = list(streams)
    blobs = [streams[n] + b"\0" * (-len(streams[n]) % sector) for n in names]
    blobs = [b + b"\0" * max(0, 4096 - len(b)) for b in blobs]
    fat = [fat_mark, end]
    starts = []
    nxt = 2
    for blob in blobs:
        count = len(blob) // sector
        starts.append(nxt)
        fat += [nxt + i + 1 for i in range(count - 1)] + [end]
        nxt += count
    if len(fat) > sector // 4 or len(names) > 3:
        raise ValueError("compound_file holds at most 3 small streams")
    fat += [free] * (sector // 4 - len(fat))
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<I", header, 76, 0)
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, free)

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
        raw = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\0\0"
        raw[0:len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, left, right, child)
        struct.pack_into("<IQ", raw, 116, start, size)
        return bytes(raw)

    # siblings ordered by (name length, upper-case name): a right-leaning chain is a valid tree
    order = sorted(range(len(names)), key=lambda i: (len(names[i]), names[i].upper()))
    directory = [entry("Root Entry", 5, none, none, order[0] + 1 if names else none, end, 0)]
    for i, name in enumerate(names):
        pos = order.index(i)
        right = order[pos + 1] + 1 if pos + 1 < len(order) else none
        directory.append(entry(name, 2, none, right, none, starts[i], len(streams[name])))
    while len(directory) < 4:
        directory.append(bytes(64) + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", none, none, none) + bytes(48))
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)
    return bytes(header) + fat_bytes + b"".join(directory) + b"".join(blobs)


@dataclass
class Figures:
    """Helpers for the figure checks: read what a run recorded."""

    out: Path
    extra: dict = field(default_factory=dict)

    def headlines(self, notebook: str) -> dict:
        import json

        results = json.loads((self.out / "results.json").read_text(encoding="utf-8"))
        return {k: v["value"] for k, v in results.get(notebook, {}).items()}

    def table(self, notebook: str, name: str) -> pd.DataFrame:
        return pd.read_csv(self.out / "tables" / f"{notebook}__{name}.csv", encoding="utf-8-sig")


def monthly(truth: pd.DataFrame) -> pd.DataFrame:
    """Tickets, median first response (min) and median resolution (h) per calendar month of created_at."""
    t = truth.copy()
    t["period"] = t["created_at"].dt.to_period("M").dt.start_time
    t["frt"] = (t["first_response_at"] - t["created_at"]).dt.total_seconds() / 60
    t["res"] = (t["resolved_at"] - t["created_at"]).dt.total_seconds() / 3600
    return t.groupby("period").agg(tickets=("ticket_id", "size"), frt_median_min=("frt", "median"),
                                   resolution_median_h=("res", "median"))


def check_monthly(out: Path, truth: pd.DataFrame, *, columns=("tickets", "frt_median_min"), atol: float = 1e-9) -> None:
    """The run's KPIs by month (02 kpis_by_period) equal those computed from the truth (to ``atol``)."""
    got = Figures(out).table("02_service_kpis", "kpis_by_period")
    got["period"] = pd.to_datetime(got["period"])
    got = got.set_index("period")
    want = monthly(truth)
    assert list(got.index) == list(want.index), (list(got.index), list(want.index))
    for column in columns:
        np.testing.assert_allclose(got[column].astype(float), want[column].astype(float), rtol=1e-9, atol=atol,
                                   err_msg=column)


def check_coverage(out: Path, table: str, column: str, truth: pd.Series) -> None:
    """First and last date of a column (00 date_coverage) equal the truth's: no date read in the wrong order."""
    got = Figures(out).table("00_data_health", "date_coverage").set_index(["table", "column"]).loc[(table, column)]
    assert pd.Timestamp(got["min"]) == truth.min() and pd.Timestamp(got["max"]) == truth.max(), (got, truth.min(),
                                                                                               truth.max())
    assert int(got["n_missing"]) == int(truth.isna().sum())
