"""The deterministic synthetic workbook: a fictional telecom service centre (Xinghai Telecom).

The data are generated from a causal model, not labelled: first-response time (FRT) depends on the
date (three improvement actions from June/July 2025 with a transition), the team (华南组 lags), the
channel, the priority, the agent and the hour of day (an evening peak until shift planning);
a survey respondent's satisfaction, NPS and SERVQUAL perceptions depend on the wait, the resolution
and the first-contact resolution of the ticket they were surveyed on. docs/SAMPLE.md lists the
facts that tests and notebooks rely on.

Tickets are generated with vectorised numpy (10 million tickets fit in a few GB of memory) and
written in chunks through pyarrow, as CSV or Parquet. Every other table is small.
"""
from __future__ import annotations

import datetime as _dt
import io as _io
import re
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sqmkit._checks import argument_error, check_choice

__all__ = [
    "write_sample", "build_tables", "build_tickets", "ticket_arrays",
    "CHANNELS", "TEAMS", "CATEGORIES", "PRIORITIES", "SERVQUAL_ITEMS", "COMPLAINT_HEADERS_ZH",
]

YEAR_START = np.datetime64("2025-01-01T00:00:00", "s")
EXTRACT_END = np.datetime64("2026-01-01T00:00:00", "s")  # the log was extracted at year end
DAYS = 365
_EPOCH_2025 = int(YEAR_START.astype(np.int64))  # seconds from 1970-01-01 to 2025-01-01
ROUTING, SHIFT, KBASE = "2025-06-01", "2025-06-15", "2025-07-01"  # A01, A02, A03 start dates

CHANNELS = ["电话", "在线客服", "APP", "邮件"]
TEAMS = ["华东一组", "华东二组", "华南组", "华北组", "西部组"]
CATEGORIES = ["账单查询", "网络故障", "套餐变更", "宽带安装", "号卡业务", "投诉建议"]
PRIORITIES = ["P1", "P2", "P3"]
SEGMENTS = ["个人", "家庭", "政企"]
_TEAM_CODES = ["HD1", "HD2", "HN", "HB", "XB"]
_AGENTS_PER_TEAM = 12

_P_CHANNEL = [0.45, 0.30, 0.15, 0.10]
_P_TEAM = [0.24, 0.22, 0.20, 0.19, 0.15]
_P_CATEGORY = [0.27, 0.22, 0.18, 0.12, 0.13, 0.08]
_F_TEAM = np.log([0.96, 1.0, 1.40, 1.02, 1.04])
_F_CHANNEL = np.log([0.85, 0.80, 1.10, 2.20])
_F_PRIORITY = np.log([0.60, 0.90, 1.10])
# P(P1, P2, P3) by category
_P_PRIORITY = np.array([[.03, .32, .65], [.25, .50, .25], [.03, .37, .60],
                        [.05, .45, .50], [.05, .40, .55], [.15, .55, .30]])
_RES_CATEGORY_H = np.log([0.6, 1.3, 0.8, 2.5, 0.9, 1.4])
_RES_PRIORITY_H = np.log([1.5, 8.0, 20.0])
_HOUR_VOLUME = np.array([.3, .2, .15, .1, .1, .15, .4, 1., 2.5, 4., 4.5, 4.2,
                         3., 3.5, 4.2, 4.3, 4., 3.6, 3.8, 4.6, 4.8, 4., 2.2, 1.])
_HOUR_BEFORE = np.log([1.3] * 7 + [1.0] * 11 + [1.45, 1.75, 1.8, 1.6, 1.3, 1.3])  # no evening shift
_HOUR_AFTER = np.log([1.2] * 7 + [1.0] * 11 + [1.05, 1.05, 1.05, 1.05, 1.1, 1.2])
OUTAGE_DAY = "2025-09-16"  # a regional network outage: a special cause for the control charts

# SERVQUAL (Parasuraman, Zeithaml & Berry 1988), 22 items in the original numbering.
SERVQUAL_ITEMS: list[tuple[str, str]] = [
    ("tangibles", "设备设施现代化"), ("tangibles", "营业厅环境整洁美观"), ("tangibles", "员工着装整洁得体"),
    ("tangibles", "宣传资料清晰美观"),
    ("reliability", "承诺的事按时做到"), ("reliability", "遇到问题真诚帮助解决"), ("reliability", "第一次就把事情做好"),
    ("reliability", "在承诺时间内提供服务"), ("reliability", "业务记录准确无误"),
    ("responsiveness", "明确告知服务办理时间"), ("responsiveness", "提供及时的服务"),
    ("responsiveness", "员工总是乐于帮助"), ("responsiveness", "再忙也能及时回应客户"),
    ("assurance", "员工的行为值得信赖"), ("assurance", "办理业务让人放心"), ("assurance", "员工始终礼貌待客"),
    ("assurance", "员工具备专业知识"),
    ("empathy", "给予客户个别关注"), ("empathy", "服务时间方便客户"), ("empathy", "员工给予个性化关心"),
    ("empathy", "把客户利益放在首位"), ("empathy", "理解客户的具体需求"),
]
DIMENSION_WEIGHTS = {"tangibles": 0.10, "reliability": 0.30, "responsiveness": 0.25,
                     "assurance": 0.20, "empathy": 0.15}
# perception and expectation level per dimension (7-point); responsiveness also falls with the wait
_P_DIM = {"tangibles": 5.45, "reliability": 5.25, "responsiveness": 5.05, "assurance": 5.50, "empathy": 5.30}
_E_DIM = {"tangibles": 5.20, "reliability": 6.20, "responsiveness": 6.30, "assurance": 5.90, "empathy": 5.60}

COMPLAINT_HEADERS_ZH = {"record_id": "投诉编号", "date": "日期", "category": "类别", "subcategory": "子类别",
                        "channel": "渠道", "severity": "严重程度", "cost": "成本"}
TICKET_COLUMNS = ["ticket_id", "created_at", "first_response_at", "resolved_at", "channel", "category",
                  "team", "priority", "contacts", "escalated", "reopened", "customer_id", "agent_id"]


def _rngs(seed: int) -> list[np.random.Generator]:
    return [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(10)]


def _day(date: str) -> float:
    return float((np.datetime64(date, "D") - YEAR_START.astype("datetime64[D]")).astype(int))


def _ramp(day: np.ndarray, start: str, days: float) -> np.ndarray:
    return np.clip((day - _day(start)) / days, 0.0, 1.0)


def _day_weights() -> np.ndarray:
    dates = YEAR_START.astype("datetime64[D]") + np.arange(DAYS)
    weekday = (dates.astype(int) + 3) % 7  # 1970-01-01 was a Thursday; 0 = Monday
    w = np.array([1.15, 1.05, 1.0, 1.0, 1.05, 0.85, 0.8])[weekday]
    month = dates.astype("datetime64[M]").astype(int) % 12
    w = w * np.where((month >= 6) & (month <= 7), 1.06, 1.0)
    d = np.arange(DAYS)
    w[(d >= _day("2025-01-28")) & (d <= _day("2025-02-04"))] *= 0.6   # Spring Festival
    w[(d >= _day("2025-10-01")) & (d <= _day("2025-10-07"))] *= 0.7   # National Day
    w[int(_day(OUTAGE_DAY))] *= 2.5
    return w / w.sum()


def ticket_arrays(tickets: int = 50_000, seed: int = 2025) -> dict[str, np.ndarray]:
    """Generate the ticket log as compact numpy arrays (codes, not strings).

    Parameters
    ----------
    tickets : int
        Number of tickets (any size: up to :data:`CHUNK_TICKETS` in one piece, more in chunks of
        whole days, so 100 million take about 3 GB of memory).
    seed : int
        Seed of the random streams; the same seed and size give the same log.

    Returns
    -------
    dict of numpy arrays
        ``created`` (seconds since 2025-01-01), ``frt_s`` and ``res_s`` (seconds after creation,
        -1 when missing/open), ``channel``, ``team``, ``category``, ``priority`` (codes into
        :data:`CHANNELS` etc.), ``contacts``, ``escalated``, ``reopened``, ``customer``, ``agent``.

    Notes
    -----
    FRT (minutes) is log-normal: ``log FRT = log b + team + channel + priority + hour(t) + agent
    + log(1 - 0.33 r1(t)) + log(1 - 0.28 r3(t)) + 0.8 z`` where ``r1``/``r3`` ramp from 0 to 1 over
    three weeks after smart routing (A01) and the knowledge base (A03), ``hour(t)`` moves from the
    evening-peak profile to the planned-shift profile after A02, and ``b`` is set so that the
    median before 2025-07-01 is 45 min.

    A log of more than :data:`CHUNK_TICKETS` tickets is generated in chunks of whole days, each from
    its own random streams, with the same distributions: the days' volumes are drawn first
    (multinomial over the day weights), a repeat contact finds its earlier ticket across a chunk
    boundary (the last 6.5 days of the previous chunk are kept), and the few whole-log constants
    (the FRT scale, the mean escalation and reopen propensities) are computed over all chunks before
    they are applied. Timestamps of such a log are stored as ``int32`` seconds (2025 fits).
    Up to :data:`CHUNK_TICKETS` the log is one chunk drawn exactly as always (the default sample
    does not change).
    """
    if int(tickets) < 1:
        raise argument_error("tickets", tickets, "must_positive_integer")
    n = int(tickets)
    if n > CHUNK_TICKETS:
        return _ticket_arrays_in_chunks(n, seed)
    r = _rngs(seed)
    day = np.sort(r[0].choice(DAYS, n, p=_day_weights()).astype(np.int32))
    created, hour, day = _times(r[0], day)
    channel, team, category, customer, priority, agent = _attributes(r[1], created, day, _customer_pool(n))
    frt_min = _frt_minutes(r[2], day, hour, channel, team, priority, agent, seed)
    before = created < int(_day("2025-07-01")) * 86400
    frt_min *= 45.0 / np.median(frt_min[before] if before.any() else frt_min)
    frt_s, contacts, res_s = _outcomes(r[3], frt_min, created, day, hour, category, priority)
    del frt_min
    esc_p, reo_p = _propensities(day, category, priority, contacts)
    escalated, reopened = _flags(r[3], esc_p, reo_p, res_s, esc_p.mean(), reo_p.mean())
    return {"created": created, "frt_s": frt_s, "res_s": res_s, "channel": channel, "team": team,
            "category": category, "priority": priority, "contacts": contacts, "escalated": escalated,
            "reopened": reopened, "customer": customer, "agent": agent}


#: Above this many tickets, :func:`ticket_arrays` generates the log in chunks of whole days (bounded memory).
CHUNK_TICKETS = 5_000_000
_REPEAT_REACH_S = 6.5 * 86400     # the longest gap of a repeat contact to its earlier ticket


def _customer_pool(n: int) -> int:
    return max(1000, int(n * 0.55))


def _times(rng: np.random.Generator, day: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Creation second (since 2025-01-01), hour and day of tickets on the given (sorted) days, in time order."""
    n = len(day)
    hour = rng.choice(24, n, p=_HOUR_VOLUME / _HOUR_VOLUME.sum()).astype(np.int8)
    sec = rng.integers(0, 3600, n, dtype=np.int32)
    created = day.astype(np.int64) * 86400 + hour.astype(np.int64) * 3600 + sec
    order = np.argsort(created, kind="stable")
    return created[order], hour[order], day[order]


def _attributes(rng: np.random.Generator, created: np.ndarray, day: np.ndarray, pool: int,
                earlier: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, ...]:
    """Channel, team, category, customer, priority and agent; repeat contacts copy the customer and category
    of an earlier ticket up to 6.5 days before (``earlier``: created, customer, category of the previous
    chunk's last days, where such a ticket may lie)."""
    n = len(created)
    channel = rng.choice(4, n, p=_P_CHANNEL).astype(np.int8)
    team = rng.choice(5, n, p=_P_TEAM).astype(np.int8)
    category = rng.choice(6, n, p=_P_CATEGORY).astype(np.int8)
    outage = day == int(_day(OUTAGE_DAY))
    category[outage & (rng.random(n) < 0.6)] = 1  # 网络故障
    customer = rng.integers(0, pool, n, dtype=np.int32)
    # repeat contacts: the same customer and category again within 7 days
    half2 = day >= _day("2025-07-01")
    repeat = rng.random(n) < np.where(half2, 0.082, 0.112)
    gap = rng.uniform(600, _REPEAT_REACH_S, n)
    k = 0 if earlier is None else len(earlier[0])
    everyone = np.concatenate([earlier[0], created]) if k else created
    parent = np.searchsorted(everyone, created - gap, side="left").astype(np.int64)
    idx = np.arange(k, k + n, dtype=np.int64)
    parent = np.where(repeat & (parent < idx), parent, idx)
    if k:
        parent = np.concatenate([np.arange(k, dtype=np.int64), parent])
        customer = np.concatenate([earlier[1], customer])
        category = np.concatenate([earlier[2], category])
    del gap, repeat
    while True:  # follow chains of repeats back to the first ticket of the issue
        nxt = parent[parent]
        if np.array_equal(nxt, parent):
            break
        parent = nxt
    customer, category = customer[parent][k:], category[parent][k:]
    del parent, nxt, idx
    cum = _P_PRIORITY.cumsum(axis=1)[category]
    priority = (rng.random(n)[:, None] > cum[:, :2]).sum(axis=1).astype(np.int8)
    del cum
    agent = (team.astype(np.int16) * _AGENTS_PER_TEAM
             + rng.integers(0, _AGENTS_PER_TEAM, n, dtype=np.int16))
    return channel, team, category, customer, priority, agent


def _frt_minutes(rng: np.random.Generator, day: np.ndarray, hour: np.ndarray, channel: np.ndarray, team: np.ndarray,
                 priority: np.ndarray, agent: np.ndarray, seed: int) -> np.ndarray:
    """First-response minutes of the causal model, before the whole-log scale (median 45 min in H1)."""
    agent_eff = np.random.default_rng(seed + 1).normal(0, 0.12, 5 * _AGENTS_PER_TEAM)
    dayf = day + hour / 24.0
    r_route, r_kb = _ramp(dayf, ROUTING, 21), _ramp(dayf, KBASE, 21)
    r_shift = _ramp(dayf, SHIFT, 21)
    outage = day == int(_day(OUTAGE_DAY))
    logf = (_F_TEAM[team] + _F_CHANNEL[channel] + _F_PRIORITY[priority] + agent_eff[agent]
            + _HOUR_BEFORE[hour] * (1 - r_shift) + _HOUR_AFTER[hour] * r_shift
            + np.log1p(-0.33 * r_route) + np.log1p(-0.28 * r_kb) + np.where(outage, np.log(1.8), 0.0)
            + rng.normal(0.0, 0.8, len(day)))
    return np.exp(logf)


def _outcomes(rng: np.random.Generator, frt_min: np.ndarray, created: np.ndarray, day: np.ndarray, hour: np.ndarray,
              category: np.ndarray, priority: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """First-response and resolution seconds (-1 = none / still open) and contacts."""
    n = len(day)
    r_kb = _ramp(day + hour / 24.0, KBASE, 21)
    frt_s = np.maximum(np.rint(frt_min * 60), 5).astype(np.int64)
    p_fcr = 0.70 + 0.08 * r_kb
    fcr = rng.random(n) < p_fcr
    extra = rng.choice(3, n, p=[0.6, 0.3, 0.1]).astype(np.int8)
    contacts = np.where(fcr, 1, 2 + extra).astype(np.int8)
    del extra
    log_h = (_RES_PRIORITY_H[priority] + _RES_CATEGORY_H[category] + np.log1p(-0.15 * r_kb)
             + np.where(fcr, 0.0, np.log(1.8)) + rng.normal(0.0, 0.9, n))
    res_s = frt_s + np.rint(np.exp(log_h) * 3600).astype(np.int64) + 60
    del log_h, r_kb
    # a few old tickets stuck all year; most of the backlog is recent (the log was extracted at year end)
    p_open = 0.012 + 0.6 * np.exp(-(DAYS - day) / 15.0)
    still_open = (rng.random(n) < p_open) | (created + res_s >= DAYS * 86400)
    res_s[still_open] = -1
    no_response = rng.random(n) < 0.02
    frt_s[no_response] = -1
    return frt_s, contacts, res_s


def _propensities(day: np.ndarray, category: np.ndarray, priority: np.ndarray,
                  contacts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Relative chances of escalation and of a reopen per ticket (scaled to 8 % and 5 % over the log)."""
    half2 = day >= _day("2025-07-01")
    p_esc = (np.array([2.0, 1.0, 0.8])[priority] * np.where(category == 5, 2.0, 1.0)
             * np.where(contacts >= 3, 2.0, 1.0) * np.where(half2, 0.9, 1.1))
    p_reo = np.where(contacts == 1, 0.6, 1.9) * np.where(half2, 0.85, 1.15)
    return p_esc, p_reo


def _day_chunks(counts: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Consecutive whole days of about :data:`CHUNK_TICKETS` tickets: (first day, end day, first row, end row)."""
    chunks, first, row, size = [], 0, 0, 0
    for d, c in enumerate(counts):
        if size and size + c > CHUNK_TICKETS:
            chunks.append((first, d, row, row + size))
            first, row, size = d, row + size, 0
        size += int(c)
    chunks.append((first, len(counts), row, row + size))
    return chunks


def _ticket_arrays_in_chunks(n: int, seed: int) -> dict[str, np.ndarray]:
    """:func:`ticket_arrays` of a big log, chunk by chunk (see its Notes), in three passes over the chunks:
    times and attributes (and the first-half FRT median), response and resolution, escalation and reopen."""
    counts = np.random.default_rng(np.random.SeedSequence([seed, n])).multinomial(n, _day_weights())
    chunks = _day_chunks(counts)
    pool = _customer_pool(n)
    a = {"created": np.empty(n, np.int32), "frt_s": np.empty(n, np.int32), "res_s": np.empty(n, np.int32),
         **{key: np.empty(n, np.int8) for key in ("channel", "team", "category", "priority", "contacts",
                                                 "escalated", "reopened")},
         "customer": np.empty(n, np.int32), "agent": np.empty(n, np.int16)}

    def streams(k: int) -> list[np.random.Generator]:        # the same streams each time chunk k is visited
        return [np.random.default_rng(s) for s in np.random.SeedSequence([seed, n, k]).spawn(5)]

    def day_hour(lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        created = a["created"][lo:hi].astype(np.int64)
        return (created // 86400).astype(np.int32), ((created % 86400) // 3600).astype(np.int8)

    keys = ("channel", "team", "category", "customer", "priority", "agent")
    earlier, first_half = None, []
    for k, (d0, d1, lo, hi) in enumerate(chunks):
        r = streams(k)
        day = np.repeat(np.arange(d0, d1, dtype=np.int32), counts[d0:d1])
        created, hour, day = _times(r[0], day)
        values = _attributes(r[1], created, day, pool, earlier)
        a["created"][lo:hi] = created
        for key, v in zip(keys, values):
            a[key][lo:hi] = v
        start = int(np.searchsorted(a["created"][:hi], created[-1] - _REPEAT_REACH_S, side="left"))
        earlier = (a["created"][start:hi].astype(np.int64), a["customer"][start:hi].copy(), a["category"][start:hi].copy())
        before = created < int(_day("2025-07-01")) * 86400
        if before.any():
            frt = _frt_minutes(r[2], day, hour, values[0], values[1], values[4], values[5], seed)
            first_half.append(frt[before].astype(np.float32))
    scale = 45.0 / float(np.median(np.concatenate(first_half)))
    del first_half, earlier
    esc_sum = reo_sum = 0.0
    for k, (_, _, lo, hi) in enumerate(chunks):
        r = streams(k)
        day, hour = day_hour(lo, hi)
        frt = _frt_minutes(r[2], day, hour, a["channel"][lo:hi], a["team"][lo:hi], a["priority"][lo:hi],
                           a["agent"][lo:hi], seed) * scale
        created = a["created"][lo:hi].astype(np.int64)
        a["frt_s"][lo:hi], a["contacts"][lo:hi], a["res_s"][lo:hi] = _outcomes(
            r[3], frt, created, day, hour, a["category"][lo:hi], a["priority"][lo:hi])
        p_esc, p_reo = _propensities(day, a["category"][lo:hi], a["priority"][lo:hi], a["contacts"][lo:hi])
        esc_sum, reo_sum = esc_sum + float(p_esc.sum()), reo_sum + float(p_reo.sum())
    for k, (_, _, lo, hi) in enumerate(chunks):
        day, _ = day_hour(lo, hi)
        p_esc, p_reo = _propensities(day, a["category"][lo:hi], a["priority"][lo:hi], a["contacts"][lo:hi])
        a["escalated"][lo:hi], a["reopened"][lo:hi] = _flags(streams(k)[4], p_esc, p_reo, a["res_s"][lo:hi],
                                                             esc_sum / n, reo_sum / n)
    return a


def _flags(rng: np.random.Generator, p_esc: np.ndarray, p_reo: np.ndarray, res_s: np.ndarray,
           esc_mean: float, reo_mean: float) -> tuple[np.ndarray, np.ndarray]:
    n = len(p_esc)
    escalated = (rng.random(n) < p_esc * (0.08 / esc_mean)).astype(np.int8)
    reopened = ((rng.random(n) < p_reo * (0.05 / reo_mean)) & (res_s >= 0)).astype(np.int8)
    return escalated, reopened


def _agent_names() -> list[str]:
    return [f"{code}-{k + 1:02d}" for code in _TEAM_CODES for k in range(_AGENTS_PER_TEAM)]


def _arrow_chunk(a: dict[str, np.ndarray], lo: int, hi: int, width: int):
    import pyarrow as pa
    import pyarrow.compute as pc

    def ids(prefix: str, values: np.ndarray, w: int):
        padded = pc.utf8_lpad(pc.cast(pa.array(values), pa.string()), width=w, padding="0")
        return pc.binary_join_element_wise(prefix, padded, "")

    def stamp(offset: np.ndarray | None):
        base = a["created"][lo:hi].astype(np.int64) + _EPOCH_2025
        if offset is None:
            return pa.array(base, type=pa.int64()).cast(pa.timestamp("s"))
        off = offset[lo:hi].astype(np.int64)
        return pa.array(base + off, mask=off < 0, type=pa.int64()).cast(pa.timestamp("s"))

    def codes(key: str, labels: list[str]):
        return pa.DictionaryArray.from_arrays(pa.array(a[key][lo:hi].astype(np.int32)), pa.array(labels))

    cols = {
        "ticket_id": ids("T", np.arange(lo + 1, hi + 1), width),
        "created_at": stamp(None), "first_response_at": stamp(a["frt_s"]), "resolved_at": stamp(a["res_s"]),
        "channel": codes("channel", CHANNELS), "category": codes("category", CATEGORIES),
        "team": codes("team", TEAMS), "priority": codes("priority", PRIORITIES),
        "contacts": pa.array(a["contacts"][lo:hi]), "escalated": pa.array(a["escalated"][lo:hi]),
        "reopened": pa.array(a["reopened"][lo:hi]),
        "customer_id": ids("C", a["customer"][lo:hi] + 1, 7),
        "agent_id": codes("agent", _agent_names()),
    }
    return pa.table(cols)


def build_tickets(tickets: int = 50_000, seed: int = 2025, *, arrays: dict | None = None) -> pd.DataFrame:
    """The ticket log as a DataFrame with the canonical columns (for tests and small sizes).

    Timestamps are ``datetime64``, missing ones NaT; channel, category, team and priority are strings.
    """
    a = arrays if arrays is not None else ticket_arrays(tickets, seed)
    n = len(a["created"])
    df = _arrow_chunk(a, 0, n, max(7, len(str(n)))).to_pandas()
    for col in ("channel", "category", "team", "priority", "agent_id"):
        df[col] = df[col].astype(str)
    return df


def _write_tickets(a: dict[str, np.ndarray], path: Path, fmt: str, chunk: int = 1_000_000) -> None:
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    n = len(a["created"])
    width = max(7, len(str(n)))
    writer = sink = None
    try:
        for lo in range(0, n, chunk):
            table = _arrow_chunk(a, lo, min(n, lo + chunk), width)
            if fmt == "csv":  # plain strings: no value holds a comma or a quote
                table = pa.table({c: (table[c].cast(pa.string()) if pa.types.is_dictionary(table[c].type)
                                      else table[c]) for c in table.column_names})
                if writer is None:
                    sink = open(path, "wb")
                    sink.write((",".join(table.column_names) + "\n").encode())
                    writer = pcsv.CSVWriter(sink, table.schema, write_options=pcsv.WriteOptions(
                        include_header=False, quoting_style="none"))
            elif writer is None:
                writer = pq.ParquetWriter(str(path), table.schema, compression="zstd")
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
        if sink is not None:
            sink.close()


# --------------------------------------------------------------------------------------------- survey
_POS = ["服务很好，问题很快就解决了", "客服态度热情，解释得很清楚", "响应及时，非常满意", "一次就办好了，点赞",
        "客服很专业，耐心帮我查了账单", "这次体验不错，比以前快多了", "接通很快，处理效率高", "工作人员很有耐心",
        "整体满意，希望继续保持", "宽带师傅上门准时，服务到位", "回复速度快，很快就有人处理", "客服小姐姐说话很温柔，办事利索",
        "很满意，没想到这么快就解决了", "流程清楚，一次说明白了", "处理结果满意，还主动回访了"]
_MID = ["总体还可以，就是等的时间有点长", "问题解决了，但流程有点繁琐", "一般吧，没什么特别的", "客服态度还行，处理速度一般",
        "还行，希望以后能更快一些", "能解决问题，但要转好几次", "解决是解决了，就是排队久", "说得不太清楚，自己又查了一遍",
        "服务中规中矩", "等了二十分钟才接通，后面处理还算顺利"]
_WAIT = ["等待时间太长，排了半个多小时", "电话打不通，一直占线", "回复不及时，等了很久才有人理", "晚上打客服根本没人接",
         "排队太久了，不满意", "响应太慢了，等得很着急", "等了一个多小时才有人回复", "一直提示坐席忙，根本打不进去",
         "留言两天都没人回复", "处理不及时，耽误了我上班"]
_UNRESOLVED = ["问题没有解决，打了好几次电话", "说好回电结果没有回电", "转了三次人工还是没有解决", "每次都要重新说明情况，问题还是没解决",
               "宽带还是断断续续，没有解决", "账单的问题到现在也没给说法", "答应的事情没有兑现，不满意"]
_ATTITUDE = ["客服态度差，很不耐烦", "服务态度冷淡，不满意", "回答很敷衍，不专业", "客服对业务不熟悉，一问三不知",
             "说话很冲，让人不舒服", "一直推给别的部门，没人负责"]
_END = {"pos": ["", "", "谢谢", "给个好评", "辛苦了"], "mid": ["", "", "希望改进", "还有提升空间"],
        "neg": ["", "", "希望尽快改进", "非常失望", "再这样就要换运营商了", "已经不想再打了"]}
_CONTEXT = {"电话": ["打客服电话", "拨打10000号", "电话咨询"], "在线客服": ["在线客服咨询", "网上客服咨询"],
            "APP": ["在APP上咨询", "用APP提交"], "邮件": ["发邮件反映", "邮件咨询"]}
_EN = ["Waited over an hour for a reply, very disappointed.", "Quick and friendly service, thanks!",
       "The issue is still not resolved after three calls.", "Agent was helpful but the app is confusing.",
       "Nobody answered the hotline in the evening.", "Good service overall."]
_PII = ["联系电话{phone}", "请回电{phone}", "邮箱{mail}，请发邮件给我", "我的身份证号{pid}，查一下办理记录"]


def _pii(rng: np.random.Generator) -> str:
    phone = f"1{rng.choice([3, 5, 8])}{rng.integers(0, 10**9):09d}"
    mail = f"{rng.choice(['zhang', 'li', 'wang', 'chen', 'liu'])}{rng.integers(10, 999)}@{rng.choice(['163.com', 'qq.com', 'example.cn'])}"
    birth = _dt.date(1960, 1, 1) + _dt.timedelta(days=int(rng.integers(0, 16000)))
    pid = f"{rng.choice([110105, 310104, 440305, 510107])}{birth:%Y%m%d}{rng.integers(0, 1000):03d}{rng.choice(list('0123456789X'))}"
    return str(rng.choice(_PII)).format(phone=phone, mail=mail, pid=pid)


def _comment(rng: np.random.Generator, overall: int, frt_min: float, contacts: int, channel: int,
             category: int) -> str:
    """One free-text comment, following the respondent's score and experience (blank for 24 %)."""
    u = rng.random()
    if u < 0.24:
        return ""
    if u < 0.255:
        return str(rng.choice(_EN))
    if overall >= 4:
        text, end = str(rng.choice(_POS)), "pos"
    elif overall == 3:
        text, end = str(rng.choice(_MID)), "mid"
    else:
        pools = [_WAIT] * (2 if frt_min > 30 else 1) + [_UNRESOLVED] * (2 if contacts > 1 else 0) + [_ATTITUDE]
        text, end = str(rng.choice(pools[rng.integers(len(pools))])), "neg"
        if rng.random() < 0.3:
            text += "，" + str(rng.choice(_WAIT + _UNRESOLVED))
    if rng.random() < 0.4:
        text = f"{rng.choice(_CONTEXT[CHANNELS[channel]])}{CATEGORIES[category]}，{text}"
    tail = str(rng.choice(_END[end]))
    text = f"{text}，{tail}" if tail else text
    if rng.random() < 0.07:
        text += "，" + _pii(rng)
    return text + str(rng.choice(["", "。", "！" if end == "neg" else "。"]))


def _survey(a: dict[str, np.ndarray], rng: np.random.Generator) -> pd.DataFrame:
    n_t = len(a["created"])
    n = int(np.clip(round(0.06 * n_t), 600, 6000))
    eligible = np.flatnonzero((a["res_s"] >= 0) & (a["frt_s"] >= 0))
    pick = np.sort(rng.choice(eligible, min(n, len(eligible)), replace=False))
    n = len(pick)
    frt_min = a["frt_s"][pick] / 60.0
    res_h = a["res_s"][pick] / 3600.0
    sla = np.array([4.0, 24.0, 72.0])[a["priority"][pick]]
    wait = np.log(frt_min / 20.0)
    seg = rng.choice(3, n, p=[0.6, 0.28, 0.12])
    s = (-0.65 * wait - 0.55 * (a["contacts"][pick] > 1) - 0.35 * (res_h > sla)
         + np.array([0.0, 0.05, -0.15])[seg]
         + rng.normal(0, 0.75, n))
    overall = np.clip(np.rint(3.9 + 0.85 * s), 1, 5).astype(int)
    nps = np.clip(np.rint(8.0 + 1.7 * s + rng.normal(0, 0.9, n)), 0, 10).astype(int)
    end = int(EXTRACT_END.astype("datetime64[D]").astype(int)) - 1
    done_day = ((a["created"][pick] + a["res_s"][pick]) // 86400
                + int(YEAR_START.astype("datetime64[D]").astype(int)))
    date = np.minimum(done_day + rng.integers(0, 4, n), end)
    by_date = np.argsort(date, kind="stable")  # respondents numbered in the order they answered
    pick, frt_min, wait, s, seg, overall, nps, date = (x[by_date] for x in (pick, frt_min, wait, s, seg, overall, nps, date))
    date = date.astype("datetime64[D]")
    out: dict[str, Any] = {"respondent_id": [f"S{i + 1:05d}" for i in range(n)],
                           "date": pd.to_datetime(date).strftime("%Y-%m-%d"),
                           "channel": np.array(CHANNELS)[a["channel"][pick]],
                           "segment": np.array(SEGMENTS)[seg], "overall": overall, "nps": nps}
    dims = sorted(set(d for d, _ in SERVQUAL_ITEMS), key=list(_P_DIM).index)
    p_dim = {d: _P_DIM[d] + 0.45 * s + rng.normal(0, 0.35, n) for d in dims}
    p_dim["responsiveness"] -= 0.45 * wait
    e_dim = {d: _E_DIM[d] + rng.normal(0, 0.35, n) for d in dims}
    for i, (d, _) in enumerate(SERVQUAL_ITEMS):
        out[f"p{i + 1:02d}"] = np.clip(np.rint(p_dim[d] + rng.normal(0, 0.55, n)), 1, 7).astype(int)
    for i, (d, _) in enumerate(SERVQUAL_ITEMS):
        out[f"e{i + 1:02d}"] = np.clip(np.rint(e_dim[d] + rng.normal(0, 0.45, n)), 1, 7).astype(int)
    contacts, channel, category = a["contacts"][pick], a["channel"][pick], a["category"][pick]
    comments = [_comment(rng, overall[k], frt_min[k], contacts[k], channel[k], category[k]) for k in range(n)]
    # exactly one comment carries markup, for the report's HTML-escaping test
    k = n // 2
    comments[k] = (comments[k] or "测试") + " <script>alert(1)</script>"
    out["comment"] = comments
    return pd.DataFrame(out)


# ---------------------------------------------------------------------------------------------- needs
_NEEDS = [  # need, category, source, segment, importance, performance, kano category
    ("响应速度快", "服务响应", "问卷调查", "全部", 6.6, 3.9, "M"),
    ("一次解决问题", "服务结果", "投诉分析", "全部", 6.3, 4.4, "O"),
    ("收费透明准确", "价格", "问卷调查", "个人", 6.2, 5.5, "M"),
    ("网络稳定可靠", "产品", "一线访谈", "全部", 6.1, 5.3, "M"),
    ("员工业务专业", "服务过程", "焦点小组", "全部", 5.7, 5.4, "O"),
    ("服务态度友好", "服务过程", "问卷调查", "全部", 5.6, 5.6, "O"),
    ("办理流程简便", "服务过程", "焦点小组", "家庭", 5.5, 4.5, "O"),
    ("多渠道随时可联系", "渠道", "问卷调查", "个人", 5.0, 5.3, "A"),
    ("处理进度主动告知", "服务过程", "投诉分析", "政企", 5.3, 4.2, "A"),
    ("个性化套餐推荐", "产品", "焦点小组", "家庭", 4.3, 4.6, "A"),
    ("营业厅环境舒适", "环境", "一线访谈", "个人", 3.9, 5.6, "I"),
    ("APP操作便捷", "渠道", "问卷调查", "个人", 5.1, 4.9, "A"),
    ("个人信息安全", "服务结果", "一线访谈", "政企", 6.0, 5.8, "M"),
    ("上门安装准时", "服务过程", "投诉分析", "家庭", 5.4, 4.8, "O"),
    ("会员积分福利", "价格", "焦点小组", "个人", 3.7, 4.7, "I"),
]
# (functional, dysfunctional) answers (1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike) per category
_KANO_PAIRS = {"A": [(1, 2), (1, 3), (1, 4)], "O": [(1, 5)], "M": [(2, 5), (3, 5), (4, 5)],
               "I": [(3, 3), (2, 3), (3, 4), (4, 4), (3, 2)], "R": [(5, 1), (4, 1)], "Q": [(1, 1), (5, 5)]}


def _needs(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    ids = [f"N{i + 1:02d}" for i in range(len(_NEEDS))]
    needs = pd.DataFrame({"need_id": ids, "need": [x[0] for x in _NEEDS], "category": [x[1] for x in _NEEDS],
                          "source": [x[2] for x in _NEEDS], "segment": [x[3] for x in _NEEDS],
                          "mentions": np.rint(np.array([x[4] for x in _NEEDS]) ** 2.2 * 4
                                              + rng.integers(0, 15, len(_NEEDS))).astype(int)})
    resp = [f"R{i + 1:03d}" for i in range(300)]
    seg = np.array(SEGMENTS)[rng.choice(3, 300, p=[0.55, 0.3, 0.15])]
    bias_i, bias_p = rng.normal(0, 0.4, 300), rng.normal(0, 0.4, 300)
    imp = np.array([x[4] for x in _NEEDS])[None, :] + bias_i[:, None] + rng.normal(0, 0.7, (300, 15))
    perf = np.array([x[5] for x in _NEEDS])[None, :] + bias_p[:, None] + rng.normal(0, 0.8, (300, 15))
    ratings = pd.DataFrame({"respondent_id": np.repeat(resp, 15), "need_id": np.tile(ids, 300),
                            "importance": np.clip(np.rint(imp), 1, 7).astype(int).ravel(),
                            "performance": np.clip(np.rint(perf), 1, 7).astype(int).ravel()})
    cats = list(_KANO_PAIRS)
    f_ans, d_ans = np.empty((300, 15), int), np.empty((300, 15), int)
    for j, x in enumerate(_NEEDS):
        p = np.array([0.10, 0.10, 0.10, 0.12, 0.02, 0.02])
        p[cats.index(x[6])] += 0.54
        drawn = rng.choice(len(cats), 300, p=p / p.sum())
        for c_i, c in enumerate(cats):
            rows = np.flatnonzero(drawn == c_i)
            pairs = np.array(_KANO_PAIRS[c])[rng.integers(0, len(_KANO_PAIRS[c]), len(rows))]
            f_ans[rows, j], d_ans[rows, j] = pairs[:, 0], pairs[:, 1]
    kano = pd.DataFrame({"respondent_id": np.repeat(resp, 15), "need_id": np.tile(ids, 300),
                         "functional": f_ans.ravel(), "dysfunctional": d_ans.ravel(),
                         "segment": np.repeat(seg, 15)})
    return needs, ratings, kano


# ----------------------------------------------------------------------------------------- complaints
_COMPLAINTS = [  # category, share, subcategories, severity probabilities, H1 weight
    ("等待时间长", 0.42, ["电话排队", "在线排队", "回电延迟"], [.6, .3, .1], 1.8),
    ("问题未解决", 0.24, ["重复来电", "转派无结果", "承诺未兑现"], [.4, .4, .2], 1.3),
    ("服务态度差", 0.15, ["不耐烦", "推诿", "用语不当"], [.5, .35, .15], 1.1),
    ("收费争议", 0.06, ["多收费", "套餐扣费不明"], [.3, .4, .3], 1.0),
    ("网络质量差", 0.05, ["信号弱", "宽带掉线"], [.4, .4, .2], 1.0),
    ("信息告知不准确", 0.04, ["资费解释错误", "进度告知错误"], [.5, .4, .1], 1.0),
    ("办理流程繁琐", 0.025, ["材料重复提交", "需多次到厅"], [.7, .25, .05], 1.0),
    ("其他", 0.015, ["其他"], [.8, .15, .05], 1.0),
]


def _complaints(n_tickets: int, rng: np.random.Generator) -> pd.DataFrame:
    n = int(np.clip(round(0.04 * n_tickets), 120, 2000))
    shares = np.array([c[1] for c in _COMPLAINTS])
    counts = np.floor(shares * n).astype(int)  # largest-remainder rounding keeps the shares
    counts[np.argsort(-(shares * n - counts), kind="stable")[: n - counts.sum()]] += 1
    rows = []
    dw = _day_weights()
    days = np.arange(DAYS)
    for (cat, _, subs, sev_p, h1), k in zip(_COMPLAINTS, counts):
        w = dw * np.where(days < _day("2025-07-01"), h1, 1.0)
        d = rng.choice(DAYS, k, p=w / w.sum())
        sev = rng.choice(3, k, p=sev_p) + 1
        cost = np.round(np.exp(np.log(np.array([60.0, 300.0, 1500.0])[sev - 1])
                               + (0.5 if cat == "收费争议" else 0.0) + rng.normal(0, 0.6, k)), 2)
        rows.append(pd.DataFrame({"day": d, "category": cat, "subcategory": np.array(subs)[rng.integers(0, len(subs), k)],
                                  "channel": np.array(CHANNELS)[rng.choice(4, k, p=_P_CHANNEL)],
                                  "severity": sev, "cost": cost}))
    df = pd.concat(rows, ignore_index=True)
    df = df.iloc[np.lexsort((rng.random(len(df)), df["day"].to_numpy()))].reset_index(drop=True)
    df.insert(0, "record_id", [f"TS{i + 1:05d}" for i in range(len(df))])
    df.insert(1, "date", (pd.Timestamp("2025-01-01") + pd.to_timedelta(df.pop("day"), unit="D")).dt.strftime("%Y-%m-%d"))
    return df


# ------------------------------------------------------------------------------ root cause and PDCA
_CAUSES = [  # cause_id, category (6M), cause, parent_id, votes, verified, evidence
    ("F01", "人", "坐席技能不均衡", "", 5, "", ""),
    ("F02", "人", "新员工占比高", "F01", 3, 0, "2025年一季度入职不满3个月的坐席占28%"),
    ("F03", "人", "岗前培训周期被压缩", "F02", 2, "", ""),
    ("F04", "人", "跨技能坐席不足", "F01", 3, "", ""),
    ("F05", "人", "晚高峰在岗人数不足", "", 6, 0, "排班表显示19-21点在岗人数比10点少35%"),
    ("F06", "机", "派单系统不按技能匹配", "", 7, "", ""),
    ("F07", "机", "路由规则只按空闲分配", "F06", 6, 0, "路由配置文档第3.2节"),
    ("F08", "机", "路由不按技能分配", "F07", 9, 1, "4月抽样600单：27%首派坐席不具备该业务技能，转派后平均多等18分钟"),
    ("F09", "机", "系统查询响应慢", "", 2, "", ""),
    ("F10", "料", "知识库内容过时", "", 4, "", ""),
    ("F11", "料", "坐席查找答案耗时长", "", 5, 0, "质检录音：查找资料平均占通话时长22%"),
    ("F12", "料", "知识库没有全文检索", "F11", 5, "", ""),
    ("F13", "料", "知识库检索困难", "F12", 8, 1, "坐席测试：30个常见问题平均4.5分钟才找到答案，11个找不到"),
    ("F14", "法", "排班方法粗放", "", 5, "", ""),
    ("F15", "法", "排班只按月平均话务量", "F14", 5, 0, "排班规则未区分时段"),
    ("F16", "法", "排班与来电高峰不匹配", "F15", 9, 1, "话务数据：19-21点来电占全天27%，首次响应中位数是白天的1.7倍"),
    ("F17", "法", "工单分级标准不清", "", 3, "", ""),
    ("F18", "环", "季节性话务高峰", "", 2, "", ""),
    ("F19", "环", "网络故障引发集中来电", "", 3, 0, "9月16日故障当天来电量为平日2.5倍"),
    ("F20", "测", "首次响应时间口径不统一", "", 2, "", ""),
    ("F21", "测", "缺少实时排队监控", "", 4, "", ""),
    ("F22", "测", "看板只按日汇总", "F21", 2, "", ""),
]
_WHYS = {  # chain -> steps (why, because, evidence); the last step is the verified root cause
    ("C1", "F08"): [
        ("为什么客户等待首次响应的时间长？", "工单在队列中等待分配的时间长", "排队日志：上半年平均排队31分钟"),
        ("为什么工单等待分配的时间长？", "大量工单被派给不熟悉该业务的坐席后再转派", "抽样600单，转派率27%"),
        ("为什么会派给不熟悉该业务的坐席？", "派单系统只看坐席是否空闲", "路由配置文档第3.2节"),
        ("为什么系统只看是否空闲？", "上线时没有维护坐席技能标签", "坐席技能表为空"),
        ("为什么没有维护技能标签？", "路由不按技能分配", "项目验收清单未包含技能路由"),
    ],
    ("C2", "F16"): [
        ("为什么晚上的首次响应特别慢？", "19-21点在岗坐席太少", "排班表与话务量对比"),
        ("为什么晚上在岗坐席少？", "排班按月平均话务量平均分配", "排班规则说明"),
        ("为什么按月平均话务量排班？", "没有分时段的话务预测", "预测表只有月度数据"),
        ("为什么没有分时段预测？", "排班与来电高峰不匹配", "来电高峰19-21点占全天27%"),
    ],
    ("C3", "F13"): [
        ("为什么一次通话处理时间长、回复慢？", "坐席需要花很多时间查找答案", "质检录音：查找资料占通话时长22%"),
        ("为什么查找答案花时间？", "知识库只能按目录逐级点开", "系统演示"),
        ("为什么只能按目录查找？", "知识库没有全文检索功能", "系统功能清单"),
        ("为什么没有全文检索？", "知识库检索困难", "坐席测试：30个问题平均4.5分钟才找到"),
    ],
}
# action_id, cause_id, action, owner, phase, status, start, due, done_date, kpi, target, cycle,
# standardized (the standard that now holds the change), measure (how `actual` is measured)
_ACTIONS = [
    ("A01", "F08", "智能路由：按技能标签分配工单", "系统支持组", "Act", "done", ROUTING, "2025-06-20", "2025-06-18", "frt_median_min", 30, 1, "纳入《工单路由配置规范》V2.0", "frt_h2"),
    ("A02", "F16", "排班优化：按分时段话务预测排班", "运营计划组", "Act", "done", SHIFT, "2025-06-30", "2025-06-27", "frt_median_min", 30, 1, "《分时段排班管理办法》发布执行", "frt_h2"),
    ("A03", "F13", "知识库改版：上线全文检索", "知识管理组", "Act", "done", KBASE, "2025-07-31", "2025-07-25", "frt_median_min", 30, 1, "《知识库维护与检索规范》纳入岗前培训", "frt_h2"),
    ("A04", "F02", "新员工计费业务强化培训", "培训组", "Check", "done", "2025-03-01", "2025-04-15", "2025-04-20", "fcr_pct", 75, 1, "", "fcr_q2"),
    ("A05", "F04", "首问负责制宣导", "华东一组", "Check", "done", "2025-04-01", "2025-05-15", "2025-05-10", "fcr_pct", 75, 1, "", "fcr_q2"),
    ("A06", "F09", "邮件自动回复模板", "系统支持组", "Check", "done", "2025-03-10", "2025-04-10", "2025-04-08", "frt_median_min", 30, 1, "", "frt_q2"),
    ("A07", "F20", "统一首次响应时间统计口径", "质检组", "Act", "done", "2025-02-15", "2025-03-15", "2025-03-12", "", None, 1, "《服务指标统计口径说明》发布", ""),
    ("A08", "F17", "简化工单升级流程", "运营计划组", "Check", "done", "2025-05-01", "2025-06-15", "2025-06-30", "escalated_pct", 8, 1, "", "esc_h2"),
    ("A09", "F21", "上线实时排队监控看板", "系统支持组", "Act", "done", "2025-07-15", "2025-08-31", "2025-08-28", "", None, 1, "排队监控纳入值班长日常巡检", ""),
    ("A10", "F05", "晚高峰回呼功能", "系统支持组", "Plan", "cancelled", "2025-06-10", "2025-07-31", "", "", None, 1, "", ""),
    ("A11", "", "华南组专项辅导与跟班", "华南组", "Do", "in_progress", "2025-09-01", "2025-12-15", "", "frt_median_min", 25, 2, "", ""),
    ("A12", "", "宽带安装预约系统", "系统支持组", "Plan", "open", "2025-11-15", "2026-01-31", "", "resolution_median_h", 12, 2, "", ""),
    ("A13", "F04", "复杂问题专家坐席", "运营计划组", "Do", "in_progress", "2025-09-15", "2025-12-10", "", "fcr_pct", 80, 2, "", ""),
    ("A14", "", "投诉预警看板", "质检组", "Do", "blocked", "2025-10-08", "2025-11-30", "", "complaint_rate_per_10k", 300, 2, "", ""),
    ("A15", "F02", "服务话术标准化", "培训组", "Check", "done", "2025-09-01", "2025-11-15", "2025-11-20", "csat_top_box_pct", 70, 2, "", "csat_q4"),
    ("A16", "F05", "夜间值班优化", "运营计划组", "Do", "in_progress", "2025-11-01", "2025-12-24", "", "frt_median_min", 25, 2, "", ""),
    ("A17", "F10", "知识库内容月度更新机制", "知识管理组", "Act", "done", "2025-08-15", "2025-09-30", "2025-09-26", "", None, 2, "知识库月度更新写入知识管理制度", ""),
    ("A18", "F03", "新员工带教制度", "培训组", "Do", "in_progress", "2025-10-15", "2026-01-15", "", "fcr_pct", 80, 2, "", ""),
    ("A19", "", "客户回访满意度闭环", "客户关系组", "Plan", "open", "2025-12-01", "2025-12-26", "", "nps", 20, 2, "", ""),
    ("A20", "", "重复来电识别规则", "系统支持组", "Plan", "open", "2025-10-20", "2025-12-05", "", "repeat_pct", 8, 2, "", ""),
]
_KPI_TARGETS = [  # kpi, target, direction, unit, level, owner, frequency, weight
    ("frt_median_min", 30, "lower", "min", "centre", "客服中心总监", "每月", 0.20),
    ("resolution_median_h", 24, "lower", "h", "centre", "客服中心总监", "每月", 0.10),
    ("fcr_pct", 75, "higher", "%", "team", "各组组长", "每月", 0.15),
    ("sla_met_pct", 90, "higher", "%", "centre", "运营计划组", "每月", 0.10),
    ("escalated_pct", 8, "lower", "%", "team", "各组组长", "每月", 0.05),
    ("reopened_pct", 5, "lower", "%", "team", "质检组", "每月", 0.05),
    ("repeat_pct", 10, "lower", "%", "team", "各组组长", "每月", 0.05),
    ("csat_top_box_pct", 70, "higher", "%", "centre", "客户关系组", "每季", 0.15),
    ("nps", 20, "higher", "分", "centre", "客户关系组", "每季", 0.15),
]


def _measures(a: dict[str, np.ndarray], survey: pd.DataFrame) -> dict[str, float]:
    """Figures the actions' `actual` column reports, measured on the generated data."""
    created = a["created"]
    day = created // 86400
    ok = a["frt_s"] >= 0
    res = a["res_s"] >= 0

    def frt(lo: str, hi: str) -> float:
        m = ok & (day >= _day(lo)) & (day < _day(hi))
        return round(float(np.median(a["frt_s"][m])) / 60, 1) if m.any() else float("nan")

    def pct(flag: np.ndarray, base: np.ndarray, lo: str, hi: str) -> float:
        m = base & (day >= _day(lo)) & (day < _day(hi))
        return round(float(flag[m].mean()) * 100, 1) if m.any() else float("nan")

    q4 = pd.to_datetime(survey["date"]) >= "2025-10-01"
    return {"frt_h2": frt("2025-07-15", "2025-12-20"), "frt_q2": frt("2025-04-15", "2025-06-01"),
            "fcr_q2": pct(a["contacts"] == 1, res, "2025-04-15", "2025-06-01"),
            "esc_h2": pct(a["escalated"] == 1, np.ones_like(res), "2025-07-01", "2025-12-20"),
            "csat_q4": round(float((survey.loc[q4, "overall"] >= 4).mean()) * 100, 1) if q4.any() else float("nan")}


def _rootcause_tables(a: dict[str, np.ndarray], survey: pd.DataFrame) -> dict[str, pd.DataFrame]:
    frt_h1 = round(float(np.median(a["frt_s"][(a["frt_s"] >= 0) & (a["created"] < _day("2025-07-01") * 86400)])) / 60)
    problems = pd.DataFrame([{"problem_id": "PR01", "statement": "首次响应太慢",
                              "kpi": "frt_median_min", "baseline": frt_h1, "target": 30,
                              "owner": "客服中心总监", "deadline": "2025-09-30"}])
    causes = pd.DataFrame([dict(zip(["cause_id", "category", "cause", "parent_id", "votes", "verified", "evidence"], c))
                           for c in _CAUSES])
    causes.insert(0, "problem_id", "PR01")
    whys = pd.DataFrame([{"problem_id": "PR01", "chain_id": chain, "step": i + 1, "why": w, "because": b,
                          "evidence": e, "root_cause": int(i == len(steps) - 1),
                          "cause_id": cause if i == len(steps) - 1 else ""}
                         for (chain, cause), steps in _WHYS.items() for i, (w, b, e) in enumerate(steps)])
    m = _measures(a, survey)
    base = {"frt_median_min": frt_h1, "fcr_pct": 70, "escalated_pct": 8.5, "csat_top_box_pct": 55,
            "resolution_median_h": 14, "complaint_rate_per_10k": 400, "nps": 5, "repeat_pct": 11}
    rows = []
    for (aid, cid, act, owner, phase, status, start, due, done, kpi, target, cycle, std, meas) in _ACTIONS:
        actual = m.get(meas, float("nan")) if meas else float("nan")
        baseline = base.get(kpi, np.nan) if kpi else np.nan
        eff = np.nan  # recorded effectiveness 0/50/100: share of the planned change reached
        if kpi and status == "done" and not np.isnan(actual):
            progress = (actual - baseline) / (target - baseline)
            eff = 100.0 if progress >= 1 else 50.0 if progress >= 0.5 else 0.0
        rows.append({"action_id": aid, "problem_id": "PR01", "cause_id": cid, "action": act, "owner": owner,
                     "phase": phase, "status": status, "start": start, "due": due, "done_date": done,
                     "kpi": kpi, "baseline": baseline,
                     "target": target if target is not None else np.nan, "actual": actual,
                     "direction": ("lower" if kpi in ("frt_median_min", "escalated_pct", "resolution_median_h",
                                                      "complaint_rate_per_10k", "repeat_pct") else "higher") if kpi else "",
                     "effectiveness": eff, "cycle": cycle, "standardized": std})
    return {"problems": problems, "causes": causes, "whys": whys, "actions": pd.DataFrame(rows)}


def _kpi_tables(a: dict[str, np.ndarray], complaints: pd.DataFrame, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    targets = pd.DataFrame(_KPI_TARGETS, columns=["kpi", "target", "direction", "unit", "level", "owner",
                                                  "frequency", "weight"])
    month = (YEAR_START + a["created"].astype("timedelta64[s]")).astype("datetime64[M]")
    t_counts = pd.Series(month).value_counts().sort_index()
    c_counts = pd.to_datetime(complaints["date"]).dt.to_period("M").dt.to_timestamp().value_counts()
    rows = []
    for i, m in enumerate(pd.date_range("2025-01-01", "2025-12-01", freq="MS")):
        n_t = int(t_counts.get(np.datetime64(m, "M"), 0))
        rate = round(float(c_counts.get(m, 0)) / n_t * 10_000, 1) if n_t else float("nan")
        rows.append({"period": f"{m:%Y-%m-%d}", "kpi": "complaint_rate_per_10k", "value": rate, "unit": "件/万单"})
        attr = (3.4 if i < 6 else 2.1) + rng.normal(0, 0.35)
        rows.append({"period": f"{m:%Y-%m-%d}", "kpi": "agent_attrition_pct", "value": round(attr, 1), "unit": "%"})
    return {"kpi_targets": targets, "kpi_values": pd.DataFrame(rows)}


def build_tables(tickets: int = 50_000, seed: int = 2025, *, arrays: dict | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the sample workbook, in memory, with canonical column names.

    Parameters
    ----------
    tickets : int
        Number of tickets; the survey has 6 % of it (600–6000 respondents), complaints 4 %
        (120–2000); the other tables have fixed sizes.
    seed : int
        Seed; the same seed and size give the same tables.

    Returns
    -------
    dict of DataFrame
        tickets, survey, needs, needs_ratings, kano, complaints, problems, causes, whys, actions,
        kpi_targets, kpi_values. Dates are ISO strings as in the files, except tickets
        (``datetime64``, built by :func:`build_tickets`).
    """
    a = arrays if arrays is not None else ticket_arrays(tickets, seed)
    tables = _other_tables(a, seed)
    tables = {"tickets": build_tickets(arrays=a), **tables}
    return tables


def _other_tables(a: dict[str, np.ndarray], seed: int) -> dict[str, pd.DataFrame]:
    r = _rngs(seed)
    survey = _survey(a, r[4])
    needs, ratings, kano = _needs(r[5])
    complaints = _complaints(len(a["created"]), r[6])
    return {"survey": survey, "needs": needs, "needs_ratings": ratings, "kano": kano, "complaints": complaints,
            **_rootcause_tables(a, survey), **_kpi_tables(a, complaints, r[7])}


# ---------------------------------------------------------------------------------------------- files
def config_yaml() -> str:
    """The sample workbook's sqmkit.yaml (text, with comments)."""
    lines = ["# Sample workbook: a fictional telecom service centre (written by sqmkit.sample.write_sample)",
             "client: 星海电信客服中心", "title: 服务质量提升工作簿 2025", "lang: zh",
             "period: {start: 2025-01-01, end: 2025-12-31}", "as_of: 2025-12-20",
             "intervention_date: 2025-07-01", "sla_hours: {P1: 4, P2: 24, P3: 72}", "repeat_window_days: 7",
             "survey:", "  overall: {column: overall, min: 1, max: 5}", "  nps: {column: nps}",
             "  scale: {min: 1, max: 7}",
             "  items:   # SERVQUAL, Parasuraman, Zeithaml & Berry (1988): p = perception, e = expectation"]
    for i, (dim, label) in enumerate(SERVQUAL_ITEMS):
        lines.append(f"    p{i + 1:02d}: {{dimension: {dim}, expectation: e{i + 1:02d}, label: {label}}}")
    weights = ", ".join(f"{k}: {v}" for k, v in DIMENSION_WEIGHTS.items())
    lines += [f"  dimension_weights: {{{weights}}}", "parameters: {}", ""]
    return "\n".join(lines)


_README = """# 星海电信客服中心 — sample workbook (fictional)

Written by `sqmkit.sample.write_sample(folder, tickets={tickets}, seed={seed})` (`sqmkit sample DIR --tickets N`);
the same seed and size give the same files. All names, people and numbers are invented.

**The story.** In the first half of 2025 customers wait too long for a first response (median about
45 min, 华南组 slowest all year, worst in the evening peak 19–21 h) and satisfaction and NPS are low.
A root-cause workshop (problem PR01, fishbone in `causes`, 5-Why chains C1–C3 in `whys`) traced it to
skill-blind routing, shift plans that miss the evening peak and a knowledge base agents cannot search.
Three actions — A01 smart routing (2025-06-01), A02 shift planning (2025-06-15), A03 searchable
knowledge base (2025-07-01) — cut the first-response median to about 20 min from mid-July, and
satisfaction, NPS and first-contact resolution rose in the second half. Responsiveness is the
SERVQUAL dimension with the largest gap all year. Cycle 2 of the action register is under way; some
actions are overdue at `as_of` 2025-12-20. A network outage on {outage} is a special cause (volume ×2.5).

**Formats, as clients send them:** `data/complaints.csv` is GBK-encoded with Chinese headers
({zh_headers}); `data/needs.xlsx` is an Excel file; every other table is UTF-8 CSV with canonical
English headers; `tickets` may be Parquet for large logs.
"""


def _stable_xlsx(path: Path) -> None:
    """Rewrite an .xlsx with fixed timestamps so the same data give the same bytes."""
    fixed = "2025-12-20T00:00:00Z"
    with zipfile.ZipFile(path) as z:
        items = [(info.filename, z.read(info.filename)) for info in z.infolist()]
    buf = _io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms)",
                              rb"\g<1>" + fixed.encode() + rb"\g<3>", data)
            z.writestr(zipfile.ZipInfo(name, date_time=(2025, 12, 20, 0, 0, 0)), data,
                       compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buf.getvalue())


def _refuse_non_empty(root: Path) -> None:
    """``sqmkit sample`` never writes over anything: a new or empty folder only."""
    from sqmkit.exceptions import ConfigError
    from sqmkit.glossary import message

    if root.exists() and not root.is_dir():
        raise ConfigError(message("cmd_sample_target_is_file", path=repr(str(root))))
    if root.is_dir() and any(root.iterdir()):
        raise ConfigError(message("cmd_sample_target_not_empty", path=repr(str(root))))


def write_sample(folder: str | Path, *, tickets: int = 50_000, seed: int = 2025,
                 ticket_format: str = "csv") -> Path:
    """Write the synthetic telecom sample workbook (sqmkit.yaml, README.md, data/) into ``folder``.

    Parameters
    ----------
    folder : str or Path
        Target folder: a new or empty folder (created if needed). A folder that holds anything is
        refused, so a workbook edited since (or anything else) is never overwritten.
    tickets : int
        Number of tickets (1 million take seconds; 10 million fit in memory).
    seed : int
        Seed; the same seed, size and format give byte-identical files.
    ticket_format : {"csv", "parquet"}
        ``tickets.csv`` (UTF-8) or ``tickets.parquet`` (zstd, for big logs).

    Returns
    -------
    Path
        The workbook folder.

    Notes
    -----
    ``complaints.csv`` is written GBK-encoded with Chinese headers and ``needs.xlsx`` as Excel, as
    client data often arrive; every other table is UTF-8 CSV with canonical English headers.
    See docs/SAMPLE.md for the story and the facts the data hold.

    Examples
    --------
    >>> from sqmkit.sample import write_sample
    >>> import tempfile
    >>> path = write_sample(tempfile.mkdtemp(), tickets=2000)
    >>> sorted(p.name for p in (path / "data").iterdir())[:3]
    ['actions.csv', 'causes.csv', 'complaints.csv']

    Raises
    ------
    ConfigError
        When ``folder`` is a file, or a folder that is not empty.
    """
    check_choice("ticket_format", ticket_format, ["csv", "parquet"])
    if isinstance(tickets, bool) or not isinstance(tickets, (int, np.integer)) or tickets < 1:
        raise argument_error("tickets", tickets, "must_positive_integer")
    root = Path(folder)
    _refuse_non_empty(root)
    data = root / "data"
    data.mkdir(parents=True, exist_ok=True)
    a = ticket_arrays(int(tickets), seed)
    for stale in ("tickets.csv", "tickets.parquet"):
        (data / stale).unlink(missing_ok=True)
    _write_tickets(a, data / f"tickets.{ticket_format}", ticket_format)
    tables = _other_tables(a, seed)
    del a
    for name, df in tables.items():
        if name == "complaints":
            df.rename(columns=COMPLAINT_HEADERS_ZH).to_csv(data / "complaints.csv", index=False, encoding="gbk",
                                                           lineterminator="\n")
        elif name == "needs":
            (data / "needs.csv").unlink(missing_ok=True)
            df.to_excel(data / "needs.xlsx", index=False, sheet_name="needs")
            _stable_xlsx(data / "needs.xlsx")
        else:
            df.to_csv(data / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
    (root / "sqmkit.yaml").write_text(config_yaml(), encoding="utf-8")
    (root / "README.md").write_text(_README.format(
        tickets=f"{int(tickets):_}", seed=seed, outage=OUTAGE_DAY,
        zh_headers=", ".join(COMPLAINT_HEADERS_ZH.values())), encoding="utf-8")
    return root
