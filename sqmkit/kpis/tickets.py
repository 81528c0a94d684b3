"""Service KPIs from a ticket log: response and resolution times, FCR, SLA attainment, escalation,
reopen and repeat rates, by any grouping and period; backlog; targets and red/amber/green status;
a composite service-quality score; the centre → team → agent cascade; period-over-period change.

Every function accepts the ticket log as a DataFrame (as :func:`sqmkit.io.load_workbook` returns
it, or any frame with the canonical column names) **or** as a path to a Parquet/CSV file too big
to load comfortably. One engine computes them all: DuckDB, over the DataFrame as it is (no copy) or
over the file without loading it into pandas (see :mod:`sqmkit.kpis.engine`).

Examples
--------
>>> import pandas as pd
>>> from sqmkit import kpis
>>> log = pd.DataFrame({"ticket_id": ["T1", "T2"],
...     "created_at": pd.to_datetime(["2025-01-06 09:00", "2025-01-06 10:00"]),
...     "first_response_at": pd.to_datetime(["2025-01-06 09:10", "2025-01-06 10:30"]),
...     "resolved_at": pd.to_datetime(["2025-01-06 12:00", None]), "contacts": [1, 2]})
>>> kpis.ticket_kpis(log)[["tickets", "frt_mean_min", "resolution_mean_h", "fcr_pct"]]
   tickets  frt_mean_min  resolution_mean_h  fcr_pct
0        2          20.0                3.0    100.0
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from sqmkit.kpis import engine as eng
from sqmkit._checks import as_list, check_choice, check_lang, raise_problems, require_names
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import message
from sqmkit.glossary.kpis import KPI_LABELS
from sqmkit.kpis.engine import COUNT_COLUMNS, FREQ_UNITS, KPI_COLUMNS, TIMESTAMP_COLUMNS

__all__ = ["KPI_LABELS", "KPI_DIRECTIONS", "kpi_label", "TicketLog", "ticket_kpis", "before_after", "backlog", "coverage", "log_range",
           "sla_problems", "AMBER_PCT", "SHARE_KPIS", "kpi_counts", "resolution_hours",
           "resolution_capability"]

KPI_DIRECTIONS = {"frt_mean_min": "lower", "frt_median_min": "lower", "frt_p90_min": "lower",
                  "resolution_mean_h": "lower", "resolution_median_h": "lower", "fcr_pct": "higher",
                  "sla_met_pct": "higher", "escalated_pct": "lower", "reopened_pct": "lower",
                  "repeat_pct": "lower", "csat_top_box_pct": "higher", "nps": "higher"}
AMBER_PCT = 5.0
_TABLE = "tickets"


def kpi_label(kpi: str, lang: str = "zh") -> str:
    """The display name of a KPI in ``lang`` (zh/en): a ticket KPI, or one the glossary names (KPIs that
    workbooks supply in ``kpi_values``, e.g. complaint_rate_per_10k); unknown names come back unchanged."""
    from sqmkit.glossary import COLUMNS

    entry = KPI_LABELS.get(kpi) or COLUMNS.get(kpi)
    return (entry.get(lang) or entry["en"]) if entry else kpi


# ------------------------------------------------------------------------------ input handling
def _day(value: Any, name: str) -> pd.Timestamp:
    try:
        return pd.Timestamp(value).normalize()
    except (ValueError, TypeError) as err:
        raise DataValidationError(message("tickets_not_a_date", name=name, value=value)) from err


def _bounds(start: Any, end: Any) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """Whole days, both inclusive: [start 00:00, end + 1 day 00:00)."""
    lo = _day(start, "start") if start is not None else None
    hi = _day(end, "end") + pd.Timedelta(days=1) if end is not None else None
    return lo, hi


def _read_excel(path: Path) -> pd.DataFrame:
    """An Excel ticket log, loaded (DuckDB reads Parquet and CSV where they lie) with canonical headers."""
    from sqmkit.schemas import TABLES, canonical_columns

    df = pd.read_excel(path, engine="openpyxl" if path.suffix.lower() == ".xlsx" else None)
    return df.rename(columns=canonical_columns(TABLES[_TABLE], list(df.columns)))


def _check_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Parse timestamp columns of a raw frame and reject impossible rows, naming them (all problems at once)."""
    require_names(df.columns, ["created_at"], table=_TABLE, purpose=message("tickets_for_every_kpi"))
    problems = []
    out = df.copy(deep=False)
    for col in TIMESTAMP_COLUMNS:
        if col not in out:
            continue
        series = out[col]
        if not pd.api.types.is_datetime64_any_dtype(series):
            parsed = pd.to_datetime(series, errors="coerce", format="mixed")
            bad = parsed.isna() & series.notna() & (series.astype("string").str.strip() != "")
            if bad.any():
                cases = out.loc[bad, [c for c in ("ticket_id", col) if c in out]].assign(row=out.index[bad])
                problems.append(eng.row_problem("values are not dates/times", col, cases, int(bad.sum()),
                                                "write timestamps as YYYY-MM-DD HH:MM"))
            series = parsed
        if getattr(series.dt, "tz", None) is not None:
            series = series.dt.tz_localize(None)
        out[col] = series
    if out["created_at"].isna().any():
        bad = out["created_at"].isna()
        cases = out.loc[bad, [c for c in ("ticket_id",) if c in out]].assign(row=out.index[bad])
        problems.append(eng.row_problem("creation time is missing", "created_at", cases, int(bad.sum()),
                                        "fill created_at, or remove the rows"))
    for col, rule, fix in (
            ("first_response_at", "first response is earlier than creation",
             "correct the timestamps (same time zone), or leave first_response_at blank if unknown"),
            ("resolved_at", "resolution is earlier than creation",
             "correct the timestamps (same time zone), or leave resolved_at blank if unknown")):
        if col in out:
            bad = (out[col] < out["created_at"]).fillna(False).astype(bool)
            if bad.any():
                cases = out.loc[bad, [c for c in ("ticket_id", "created_at", col) if c in out]].assign(row=out.index[bad])
                problems.append(eng.row_problem(rule, col, cases, int(bad.sum()), fix))
    if "contacts" in out:
        contacts = pd.to_numeric(out["contacts"], errors="coerce")
        bad = (contacts < 0).fillna(False).astype(bool)
        if bad.any():
            cases = out.loc[bad, [c for c in ("ticket_id", "contacts") if c in out]].assign(row=out.index[bad])
            problems.append(eng.row_problem("number of contacts is negative", "contacts", cases, int(bad.sum()),
                                            "contacts counts the contacts needed (1 = first-contact resolution); "
                                            "correct it or leave it blank"))
        out["contacts"] = contacts
    raise_problems(problems, table=_TABLE)
    return out


def _check_duck(src: eng.DuckSource) -> None:
    """The same row checks as :func:`_check_frame`, run as SQL over the file (one scan for all of them)."""
    problems = []
    ident = "ticket_id, " if "ticket_id" in src else ""
    checks = [("created_at IS NULL", "creation time is missing (or not a date/time)", "created_at",
               "fill created_at with YYYY-MM-DD HH:MM, or remove the rows")]
    if "first_response_at" in src:
        checks.append(("first_response_at < created_at", "first response is earlier than creation", "first_response_at",
                       "correct the timestamps (same time zone), or leave first_response_at blank if unknown"))
    if "resolved_at" in src:
        checks.append(("resolved_at < created_at", "resolution is earlier than creation", "resolved_at",
                       "correct the timestamps (same time zone), or leave resolved_at blank if unknown"))
    if "contacts" in src:
        checks.append(("contacts < 0", "number of contacts is negative", "contacts",
                       "contacts counts the contacts needed (1 = first-contact resolution); correct it or leave it blank"))
    counts = src.execute("SELECT " + ", ".join(f"count(*) FILTER (WHERE {where})" for where, *_ in checks)
                         + " FROM src").fetchall()[0]
    for (where, rule, col, fix), total in zip(checks, counts):
        if total:
            cases = src.df(f"SELECT {ident}{eng.quote_name(col)} FROM src WHERE {where} LIMIT 10")
            problems.append(eng.row_problem(rule, col, cases, int(total), fix))
    raise_problems(problems, table=_TABLE)


def _sla_map(sla: float | dict | None) -> float | dict[str, float] | None:
    if sla is None:
        return None
    if isinstance(sla, dict):
        out = {}
        for key, hours in sla.items():
            if not isinstance(hours, (int, float)) or not math.isfinite(hours) or hours <= 0:
                raise DataValidationError(message("tickets_bad_sla_hours", priority=key, hours=hours))
            out[str(key)] = float(hours)
        return out
    if not isinstance(sla, (int, float)) or not math.isfinite(sla) or sla <= 0:
        raise DataValidationError(message("tickets_bad_sla", sla=sla))
    return float(sla)


def _unknown_priorities(found: pd.DataFrame, sla: dict[str, float]) -> None:
    """found: columns priority, n (tickets per priority that need the map: no due_at). Blank priorities are
    not an error: such a ticket has no SLA (left out of sla_met_pct, counted by :func:`coverage`)."""
    known = found["priority"].astype("string").str.strip()
    bad = found[known.notna() & (known != "") & ~known.isin(list(sla))]
    if len(bad):
        names = [str(p) for p in bad["priority"]]
        raise DataValidationError(message("tickets_priority_without_sla", table=_TABLE, names=names,
                                          n=int(bad["n"].sum()), sla=sla, example=names[0]),
                                  table=_TABLE, column="priority", failure_cases=bad)


class _Input:
    """A validated ticket log seen by DuckDB (:class:`sqmkit.kpis.engine.DuckSource`); use it in a ``with`` block.

    A DataFrame is checked in pandas (timestamps parsed, impossible rows named by their row) and registered
    as it is; a Parquet/CSV file is checked in SQL where it lies; an Excel file is loaded first. A
    :class:`TicketLog` was checked when it was made: its source is used, and left open.
    """

    def __init__(self, data: "pd.DataFrame | str | Path | TicketLog"):
        self.owned = not isinstance(data, TicketLog)
        if not self.owned:
            self.src, self.columns = data.source, data.columns
            return
        if isinstance(data, (str, Path)):
            path = Path(data)
            if path.suffix.lower() in (".xlsx", ".xls"):
                if not path.is_file():
                    raise DataValidationError(message("tickets_no_file", table=_TABLE, path=path), table=_TABLE)
                data = _read_excel(path)
        elif not isinstance(data, pd.DataFrame):
            raise DataValidationError(message("tickets_bad_data", kind=type(data).__name__))
        checked = isinstance(data, pd.DataFrame)
        if checked:
            data = _check_frame(data)
        self.src = eng.DuckSource(data)
        try:
            require_names(self.src.columns, ["created_at"], table=_TABLE, purpose=message("tickets_for_every_kpi"))
            if not checked:
                _check_duck(self.src)
        except BaseException:
            self.src.close()
            raise
        self.columns = self.src.columns

    def __enter__(self) -> eng.DuckSource:
        return self.src

    def __exit__(self, *exc: Any) -> None:
        if self.owned:
            self.src.close()


class TicketLog:
    """A ticket log checked once and held by the KPI engine, for many KPI queries.

    Every function of :mod:`sqmkit.kpis` takes it wherever it takes the log (``data``), and gives the same
    tables. A DataFrame is checked and copied into DuckDB once — a snapshot: edits made to the frame later are
    not seen (make a new TicketLog) — and the repeat flags of each ``repeat_window_days`` are computed once; a
    Parquet/CSV file is checked once and still scanned where it lies. Notebook 02 makes one and asks it a dozen
    questions: on a 1M-ticket log each then costs a fraction of a query over the frame.

    ``close()`` (or leaving a ``with`` block) frees the copy; otherwise it is freed with the object.

    >>> import pandas as pd
    >>> from sqmkit import kpis
    >>> frame = pd.DataFrame({"created_at": pd.to_datetime(["2025-01-06 09:00", "2025-01-07 10:00"]),
    ...                       "channel": ["phone", "chat"]})
    >>> with kpis.TicketLog(frame) as log:
    ...     kpis.ticket_kpis(log, by="channel")[["channel", "tickets"]].values.tolist()
    [['chat', 1], ['phone', 1]]
    """

    def __init__(self, data: pd.DataFrame | str | Path):
        opened = _Input(data)
        self.source: eng.DuckSource = opened.src
        self.columns: list[str] = list(opened.columns)
        self.source.hold()

    def close(self) -> None:
        """Free the engine's copy of the log (its connection and temp folder)."""
        self.source.close()

    def __enter__(self) -> "TicketLog":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"TicketLog({self.source.label}, columns={self.columns})"


def _check_sla(src: eng.DuckSource, sla: float | dict[str, float] | None) -> None:
    """Every priority of the tickets without ``due_at`` must be in the SLA map (blank ones may be missing)."""
    if isinstance(sla, dict) and "priority" in src:
        where = " WHERE due_at IS NULL" if "due_at" in src else ""
        counts = src.df(f"SELECT trim(CAST(priority AS VARCHAR)) AS priority, count(*) AS n FROM src{where} GROUP BY 1")
        _unknown_priorities(counts, sla)


def _finish(table: pd.DataFrame, keys: list[str], *, unit: str | None = None,
            window: tuple[pd.Timestamp, pd.Timestamp] | None = None) -> pd.DataFrame:
    """Types, order (blank groups last, coded :data:`sqmkit.glossary.BLANK`) and, with periods, ``partial``."""
    if "period" in table:
        table["period"] = pd.to_datetime(table["period"]).astype("datetime64[ns]")
    for col in COUNT_COLUMNS:
        table[col] = table[col].fillna(0).astype("int64")
    table = table.sort_values(keys, kind="mergesort", na_position="last").reset_index(drop=True) if keys else table
    table = eng.blank_keys(table, [k for k in keys if k != "period"])
    columns = keys + COUNT_COLUMNS[:1] + KPI_COLUMNS + COUNT_COLUMNS[1:]
    if unit is not None:
        table["partial"] = _partial(table["period"], unit, window)
        columns.append("partial")
    return table[columns]


def _partial(period: pd.Series, unit: str, window: tuple[pd.Timestamp, pd.Timestamp] | None) -> np.ndarray:
    """True for a period the log does not cover whole: it starts before the day of the first ticket or
    ends after the day of the last one (a log starting on the 17th, an extract taken mid-month)."""
    if window is None or pd.isna(window[0]) or len(period) == 0:
        return np.zeros(len(period), dtype=bool)
    first = pd.Timestamp(window[0]).normalize().to_datetime64()
    last = (pd.Timestamp(window[1]).normalize() + pd.Timedelta(days=1)).to_datetime64()
    start = period.to_numpy(dtype="datetime64[ns]")
    return (start < first) | (eng.period_end(period, unit) > last)


# ------------------------------------------------------------------------------------- KPIs
def ticket_kpis(data: pd.DataFrame | str | Path, *, by: str | Sequence[str] | None = None, freq: str | None = None,
                sla: float | dict[str, float] | None = None, repeat_window_days: float = 7,
                start: Any = None, end: Any = None) -> pd.DataFrame:
    """Service KPIs of a ticket log, per group and period.

    Parameters
    ----------
    data : DataFrame or path
        The ``tickets`` table (canonical column names; Chinese aliases accepted in files), or a
        ``.parquet``/``.csv`` file read by DuckDB without loading it (``.xlsx`` is loaded).
    by : str or list of str, optional
        Grouping column(s), e.g. ``"channel"`` or ``["team", "agent_id"]``. Blank values (missing,
        or text of spaces only) form one group, coded :data:`sqmkit.glossary.BLANK` and listed last
        (never silently dropped).
    freq : str, optional
        Calendar period of ``created_at``: one of ``h, D, W, MS, ME, M, QS, QE, Q, YS, YE, Y``
        (weeks run Monday–Sunday). The column ``period`` holds the start of the period.
    sla : float or dict, optional
        Resolution SLA in hours: one number, or ``{priority: hours}``. A ``due_at`` column (each
        ticket's deadline) wins over it for the tickets that have one. No SLA for any ticket (None
        and no ``due_at``): ``sla_met_pct`` is NaN.
    repeat_window_days : float
        Window of the repeat-contact rate (days × 24 h, boundary included).
    start, end : date-like, optional
        Keep tickets created on ``start`` … ``end`` (whole days, both included). The repeat flag is
        computed on the whole log first, so a repeat of a ticket before ``start`` still counts.

    Returns
    -------
    DataFrame
        One row per group and period: the ``by`` columns, ``period`` (if ``freq``), ``tickets``,
        ``frt_mean_min``, ``frt_median_min``, ``frt_p90_min``, ``resolution_mean_h``,
        ``resolution_median_h``, ``fcr_pct``, ``sla_met_pct``, ``escalated_pct``, ``reopened_pct``,
        ``repeat_pct``, then ``resolved`` (tickets with ``resolved_at``) and
        ``open_at_period_end`` (not resolved by the end of their period; with no ``freq``: not
        resolved at all), and with ``freq`` ``partial`` (the log covers only part of the period:
        it starts before the day of the first ticket or ends after the day of the last one, after
        ``start``/``end``; e.g. a log starting on the 17th, an extract taken mid-month).
        Percentages are 0–100.

    Raises
    ------
    DataValidationError
        Missing columns, unparsable or missing ``created_at``, first response or resolution
        before creation, negative ``contacts`` (naming the rows), a priority missing from the SLA map
        (a blank priority is not an error: see ``sla_met_pct`` below).

    Notes
    -----
    Definitions (DESIGN.md §6; the ART/FRT, AST/TAT, FCR, SLA-attainment and repeat-rate KPIs of
    the service-quality texts):

    - FRT = first_response_at − created_at (minutes); resolution = resolved_at − created_at
      (hours). Tickets without the timestamp are left out of that statistic (see :func:`coverage`).
      Percentiles are linear (Hyndman & Fan type 7, pandas' and NumPy's default).
    - fcr_pct = 100 × (resolved tickets with ``contacts == 1``, or ``fcr`` true) / (resolved
      tickets whose contacts/fcr is known).
    - sla_met_pct = 100 × (resolved tickets with resolution hours ≤ SLA hours) / (resolved tickets
      with an SLA). With a ``due_at``: met when resolved_at ≤ due_at. A ticket without an SLA (blank
      priority under a ``{priority: hours}`` map, or no priority column) is left out and counted
      by :func:`coverage`.
    - escalated_pct, reopened_pct = 100 × (tickets with the flag set) / (all tickets); a blank flag
      counts as not set.
    - repeat_pct = 100 × (tickets whose customer had another ticket of the same category created
      at most ``repeat_window_days`` × 24 h earlier) / (all tickets), over the whole log before
      grouping. Ties in ``created_at`` are ordered by ``ticket_id``. Tickets without customer or
      category are never repeats.
    - Periods are cohorts of ``created_at``: a ticket resolved after its period ends still counts
      in its creation period (``open_at_period_end`` says how many); tickets still open are in
      ``tickets`` but not in resolution, FCR or SLA — see :func:`backlog` for their ages.

    References
    ----------
    Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages. *The American
    Statistician*, 50(4), 361–365.
    """
    keys = as_list(by)
    unit = None
    if freq is not None:
        check_choice("freq", freq, list(FREQ_UNITS))
        unit = FREQ_UNITS[freq]
    if not isinstance(repeat_window_days, (int, float)) or repeat_window_days < 0:
        raise DataValidationError(message("tickets_bad_window", window=repeat_window_days))
    lo, hi = _bounds(start, end)
    sla_v = _sla_map(sla)
    with _Input(data) as src:
        require_names(src.columns, keys, table=_TABLE, purpose=message("tickets_for_the_grouping"))
        if "period" in keys:
            raise DataValidationError(message("tickets_by_period", keys=keys))
        _check_sla(src, sla_v)
        table = src.kpis(keys=keys, unit=unit, sla=sla_v, window_days=float(repeat_window_days), start=lo, end=hi)
    window = (pd.Timestamp(table["first_created"].min()), pd.Timestamp(table["last_created"].max())) if unit else None
    return _finish(table, keys + (["period"] if unit else []), unit=unit, window=window)


def before_after(data: pd.DataFrame | str | Path, *, split: Any = None, start: Any = None, end: Any = None,
                 by: str | Sequence[str] | None = None, **kpi_options: Any) -> pd.DataFrame:
    """KPIs before and after a date (e.g. the intervention date of an improvement cycle).

    Parameters
    ----------
    split : date-like, optional
        First day of the *after* part; *before* ends the day before (whole days). None: the first
        day of the month nearest the middle of ``start`` … ``end``, e.g. 1 July for a calendar
        year: the two half-years (without ``start``/``end``: of the first … last creation day).
    start, end : date-like, optional
        First day of *before* and last day of *after* (default: the whole log).
    by : str or list of str, optional
        Grouping within each part.
    **kpi_options
        Passed to :func:`ticket_kpis` (``sla``, ``repeat_window_days``).

    Returns
    -------
    DataFrame
        ``part`` (``before``/``after``), ``start``, ``end`` (the days covered; without ``start`` or
        ``end``: the log's first or last creation day),
        the ``by`` columns and the columns of :func:`ticket_kpis`. The repeat flag uses the whole log.
    """
    if start is None or end is None:       # the days covered: the log's first and last creation day
        first, last = log_range(data)
        start = start if start is not None or pd.isna(first) else first.normalize()
        end = end if end is not None or pd.isna(last) else last.normalize()
    if split is None:
        if start is None or end is None:
            raise DataValidationError(message("tickets_no_split"))
        middle = _day(start, "start") + (_day(end, "end") + pd.Timedelta(days=1) - _day(start, "start")) / 2
        month = middle.to_period("M").start_time
        split = month if middle.day <= 15 else month + pd.offsets.MonthBegin(1)
    cut = _day(split, "split")
    parts = []
    for name, lo, hi in (("before", start, cut - pd.Timedelta(days=1)), ("after", cut, end)):
        table = ticket_kpis(data, by=by, start=lo, end=hi, **kpi_options)
        table.insert(0, "end", pd.Timestamp(hi) if hi is not None else pd.NaT)
        table.insert(0, "start", pd.Timestamp(lo) if lo is not None else pd.NaT)
        table.insert(0, "part", name)
        parts.append(table)
    return pd.concat(parts, ignore_index=True)


def log_range(data: pd.DataFrame | str | Path) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last ``created_at`` of a ticket log (NaT, NaT when it has no tickets)."""
    with _Input(data) as src:
        lo, hi = src.execute("SELECT min(created_at), max(created_at) FROM src").fetchall()[0]
    return pd.Timestamp(lo) if lo is not None else pd.NaT, pd.Timestamp(hi) if hi is not None else pd.NaT


def coverage(data: pd.DataFrame | str | Path, *, sla: float | dict[str, float] | None = None,
             lang: str = "en") -> pd.DataFrame:
    """How many tickets each KPI uses and leaves out, and why (the data-health note of the KPIs).

    Parameters
    ----------
    data : DataFrame or path
        The ``tickets`` table.
    sla : float or dict, optional
        The SLA of :func:`ticket_kpis` (one number or ``{priority: hours}``); a ``due_at`` column
        counts too. Without either, no ticket has an SLA and the ``sla`` row says so.
    lang : {"en", "zh"}
        Language of the ``reason`` column (English by default).

    Returns
    -------
    DataFrame
        One row per statistic: ``statistic`` (frt, resolution, fcr, sla, repeat), ``tickets`` (all),
        ``used``, ``excluded``, ``excluded_pct``, ``reason``. When tickets are left out for more than
        one reason (the SLA: still open, or no SLA for their priority), ``reason`` names each with
        its count; a column the log does not have is named as the reason.
    """
    from sqmkit.glossary import text

    check_lang(lang)
    sla_v = _sla_map(sla)
    with _Input(data) as s:
        cols = set(s.columns)
        known = "contacts" if "contacts" in cols else ("fcr" if "fcr" in cols else None)
        _check_sla(s, sla_v)
        hours = s.hours_sql(sla_v)
        resolved = "resolved_at IS NOT NULL" if "resolved_at" in s else "FALSE"
        parts = ["count(*)", "count(first_response_at)" if "first_response_at" in s else "0",
                 f"count(CASE WHEN {resolved} THEN 1 END)",
                 f"count(CASE WHEN {resolved} AND {known} IS NOT NULL THEN 1 END)" if known else "0",
                 "count(CASE WHEN customer_id IS NOT NULL AND category IS NOT NULL THEN 1 END)"
                 if {"customer_id", "category"} <= cols else "0",
                 f"count(CASE WHEN {resolved} AND {hours} IS NOT NULL THEN 1 END)" if hours else "0"]
        counts = s.execute(f"SELECT {', '.join(parts)} FROM src").fetchall()[0]
    n, fr, res, fcr, rep, with_sla = (int(v) for v in counts)
    reasons = {name: text(f"coverage_reason_{name}", lang) for name in ("frt", "resolution", "fcr", "sla", "repeat")}
    absent = [("frt", ["first_response_at"]), ("resolution", ["resolved_at"]), ("sla", ["resolved_at"]),
              ("fcr", ["resolved_at", "contacts"] if not known else ["resolved_at"]),
              ("repeat", ["customer_id", "category"])]
    for name, needed in absent:
        gone = [c for c in needed if c not in cols]
        if gone:
            names = ", ".join(gone) + (" / fcr" if "contacts" in gone else "")
            reasons[name] = text("coverage_no_column", lang, columns=names)
    if "resolved_at" in cols:
        causes = [(reasons["sla"], n - res)]
        if hours is None:
            causes.append((text("coverage_no_sla", lang), res - with_sla))
        elif isinstance(sla_v, dict):
            key = "coverage_sla_blank_priority" if "priority" in cols else "coverage_sla_no_priority"
            causes.append((text(key, lang), res - with_sla))
        shown = [(t, k) for t, k in causes if k > 0]
        reasons["sla"] = "; ".join(f"{t} ({k:,})" for t, k in shown) if len(shown) > 1 else (shown or causes)[0][0]
    rows = [(name, used, reasons[name]) for name, used in
            (("frt", fr), ("resolution", res), ("fcr", fcr), ("sla", with_sla), ("repeat", rep))]
    table = pd.DataFrame(rows, columns=["statistic", "used", "reason"])
    table.insert(1, "tickets", n)
    table["excluded"] = n - table["used"]
    table["excluded_pct"] = 100.0 * table["excluded"] / n if n else np.nan
    return table[["statistic", "tickets", "used", "excluded", "excluded_pct", "reason"]]


def backlog(data: pd.DataFrame | str | Path, *, at: Any, by: str | Sequence[str] | None = None,
            sla: float | dict[str, float] | None = None) -> pd.DataFrame:
    """Tickets open at one or more instants, with their ages (the backlog the period KPIs leave out).

    Parameters
    ----------
    data : DataFrame or path
        The ``tickets`` table, as for :func:`ticket_kpis`.
    at : timestamp-like or sequence of them
        Instants of the snapshot. A date means its midnight (the *start* of that day); for the end
        of a month pass the first day of the next month.
    by : str or list of str, optional
        Grouping column(s).
    sla : float or dict, optional
        SLA hours (as in :func:`ticket_kpis`): counts open tickets already older than their SLA
        (past their ``due_at`` when the log has one; a ticket without an SLA is in neither count).

    Returns
    -------
    DataFrame
        One row per instant (and group): ``at``, the ``by`` columns, ``open_tickets``,
        ``age_mean_h``, ``age_median_h``, ``age_p90_h``, ``age_max_h``, ``over_sla``,
        ``over_sla_pct`` (NaN without ``sla``).

    Notes
    -----
    A ticket is open at instant *t* when ``created_at <= t`` and it has no ``resolved_at`` or
    ``resolved_at > t``; its age is ``t − created_at`` in hours. Percentiles are linear (type 7).
    """
    instants = [at] if isinstance(at, (str, pd.Timestamp)) or not isinstance(at, Iterable) else list(at)
    try:
        ats = [pd.Timestamp(a) for a in instants]
    except (ValueError, TypeError) as err:
        raise DataValidationError(message("tickets_bad_at", at=at)) from err
    keys = as_list(by)
    sla_v = _sla_map(sla)
    with _Input(data) as src:
        require_names(src.columns, keys, table=_TABLE, purpose=message("tickets_for_the_grouping"))
        _check_sla(src, sla_v)
        table = src.backlog(at=ats, keys=keys, sla=sla_v)
        has_sla = src.hours_sql(sla_v) is not None
    table["at"] = pd.to_datetime(table["at"]).astype("datetime64[ns]")
    if has_sla:
        table["over_sla"] = table["over_sla"].fillna(0.0)
    table["open_tickets"] = table["open_tickets"].astype("int64")
    table = table.sort_values(["at"] + keys, kind="mergesort", na_position="last").reset_index(drop=True)
    return eng.blank_keys(table, keys)


def sla_problems(data: pd.DataFrame | str | Path, *, sla: float | dict[str, float] | None
                 ) -> list[DataValidationError]:
    """What stops :func:`ticket_kpis` from applying ``sla`` to this log, for ``sqmkit validate``.

    Today one rule: a priority that is neither blank nor in the ``{priority: hours}`` map (for tickets
    without a ``due_at``). A blank priority is not a problem: such a ticket has no SLA and is counted
    by :func:`coverage`. Returns the errors (empty when the SLA applies).
    """
    try:
        with _Input(data) as src:
            _check_sla(src, _sla_map(sla))
    except DataValidationError as err:
        return [err]
    return []


# ------------------------------------------------------------------- counts for SPC
#: The percentage KPIs that count events out of a size, and the engine's 0/1 column behind each.
SHARE_KPIS = {"fcr_pct": "fcr_v", "sla_met_pct": "sla_v", "escalated_pct": "esc", "reopened_pct": "reo"}


def kpi_counts(data: pd.DataFrame | str | Path, *, kpi: str, by: str | Sequence[str] | None = None,
               freq: str | None = None, sla: float | dict[str, float] | None = None, start: Any = None,
               end: Any = None) -> pd.DataFrame:
    """The events and the size behind a percentage KPI, per group and period.

    Parameters
    ----------
    data : TicketLog, DataFrame or path
        The ticket log, as for :func:`sqmkit.kpis.ticket_kpis`.
    kpi : {"fcr_pct", "sla_met_pct", "escalated_pct", "reopened_pct"}
    by, freq, sla, start, end
        As for :func:`sqmkit.kpis.ticket_kpis`.

    Returns
    -------
    DataFrame
        The ``by`` columns, ``period`` (with ``freq``), ``events`` (tickets counted by the KPI: met the
        SLA, resolved first time, escalated, reopened), ``size`` (the KPI's denominator: resolved
        tickets with an SLA for sla_met_pct, resolved tickets with known contacts for fcr_pct, all
        tickets for the flags) and the KPI itself (100 × events / size, equal to ``ticket_kpis``).
        Groups or periods of size 0 are left out.
    """
    check_choice("kpi", kpi, list(SHARE_KPIS))
    keys = as_list(by)
    unit = None
    if freq is not None:
        check_choice("freq", freq, list(FREQ_UNITS))
        unit = FREQ_UNITS[freq]
    lo, hi = _bounds(start, end)
    with _Input(data) as src:
        require_names(src.columns, keys, table=_TABLE, purpose=message("tickets_for_the_grouping"))
        sla_v = _sla_map(sla)
        _check_sla(src, sla_v)
        table = src.shares(flag=SHARE_KPIS[kpi], keys=keys, unit=unit, sla=sla_v, start=lo, end=hi)
    order = keys + (["period"] if unit else [])
    table = table[table["size"] > 0]
    table = table.sort_values(order, kind="mergesort", na_position="last") if order else table
    table = eng.blank_keys(table.reset_index(drop=True), keys)
    if unit:
        table["period"] = pd.to_datetime(table["period"]).astype("datetime64[ns]")
    table["events"] = table["events"].astype("int64")
    table["size"] = table["size"].astype("int64")
    table[kpi] = 100.0 * table["events"] / table["size"]
    return table[order + ["events", "size", kpi]]


def resolution_hours(data: pd.DataFrame | str | Path, *, sla: float | dict[str, float] | None,
                     start: Any = None, end: Any = None) -> pd.DataFrame:
    """The resolution time and the SLA of every resolved ticket that has an SLA.

    Returns
    -------
    DataFrame
        ``priority`` (only when ``sla`` is a ``{priority: hours}`` map), ``res`` (hours from creation to
        resolution) and ``sla_hours`` (the ticket's SLA: its ``due_at`` when it has one, else ``sla``).
    """
    lo, hi = _bounds(start, end)
    with _Input(data) as src:
        sla_v = _sla_map(sla)
        _check_sla(src, sla_v)
        keys = ["priority"] if isinstance(sla, dict) and "priority" in src.columns else []
        hours = src.resolution_hours(keys=keys, sla=sla_v, start=lo, end=hi)
    hours = hours[hours["sla_hours"].notna() & hours["res"].notna()].reset_index(drop=True)
    return eng.blank_keys(hours, keys)


def resolution_capability(data: pd.DataFrame | str | Path, *, sla: float | dict[str, float] | None,
                          min_tickets: int = 30, start: Any = None, end: Any = None) -> pd.DataFrame:
    """How far resolution times sit inside the SLA: :func:`sqmkit.spc.capability` with the SLA as the upper
    limit, by the percentile method (0.135 %, 50 %, 99.865 % quantiles), as resolution times are skewed.

    Parameters
    ----------
    data : TicketLog, DataFrame or path
        The ticket log; only resolved tickets count.
    sla : float or dict
        The resolution SLA in hours, or ``{priority: hours}`` (one row per priority). With a ``due_at``
        column the tickets' own deadlines vary: the measure is then hours beyond the deadline
        (resolution − deadline) against 0.
    min_tickets : int
        Smallest number of resolved tickets for a row (a priority with fewer is left out).

    Returns
    -------
    DataFrame
        One row per SLA (``priority``: the priority, or "all" for one SLA), ``measure``
        ("resolution_h" or "hours_over_due"), ``tickets``, then the columns of
        :func:`sqmkit.spc.capability` (``usl`` is the SLA, ``obs_above_pct`` the share resolved beyond it).
        Empty without resolved tickets or SLA. When nearly every ticket of a row took the same time
        (the 99.865 % quantile equals the median) there is no spread above the median: ``cpk`` is NaN.
    """
    from sqmkit import spc

    hours = resolution_hours(data, sla=sla, start=start, end=end)
    keys = ["priority"] if "priority" in hours.columns else []
    groups = hours.groupby(keys, sort=True) if keys else [("all", hours)]
    rows = []
    for name, part in groups:
        name = name[0] if isinstance(name, tuple) else name
        if len(part) < max(int(min_tickets), 2):
            continue
        limits = part["sla_hours"].unique()
        if len(limits) == 1:
            measure, values, usl = "resolution_h", part["res"], float(limits[0])
        else:
            measure, values, usl = "hours_over_due", part["res"] - part["sla_hours"], 0.0
        if values.nunique() == 1:
            row = pd.DataFrame([{"method": "percentile", "n": len(values), "usl": usl, "median": values.iloc[0],
                                 "q_high": values.iloc[0], "cpk": np.nan,
                                 "obs_above_pct": 100.0 * float((values > usl).mean())}])
        else:
            row = spc.capability(pd.DataFrame({"hours": values.to_numpy(float)}), value="hours", usl=usl,
                                 method="percentile", table="tickets")
        row.insert(0, "tickets", len(part))
        row.insert(0, "measure", measure)
        row.insert(0, "priority", name)
        rows.append(row)
    if not rows:
        return pd.DataFrame(columns=["priority", "measure", "tickets"])
    return pd.concat(rows, ignore_index=True)
