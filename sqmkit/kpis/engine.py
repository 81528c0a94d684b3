"""The KPI engine behind :mod:`sqmkit.kpis`: DuckDB SQL over a DataFrame (Arrow, no copy) or a file.

One set of definitions (DESIGN.md section 6) for every input: a DataFrame is registered with DuckDB
as it is, a Parquet/CSV file is scanned where it lies. Each query names the columns it needs, so
DuckDB reads only those (projection pushdown into Parquet). Per ticket the query derives:

========================  ====================================================================
derived column            meaning
========================  ====================================================================
``frt``                   first_response_at - created_at in minutes (NULL without first response)
``res``                   resolved_at - created_at in hours (NULL while open)
``fcr_v``                 1/0 for resolved tickets with known contacts (``contacts == 1``) or
                          ``fcr`` flag; NULL otherwise (left out of the FCR share)
``sla_v``                 1/0 for resolved tickets with an SLA (``res <= SLA hours``; with a
                          ``due_at``: ``resolved_at <= due_at``); NULL when open or without an SLA
                          (blank priority under a priority map, no ``sla_hours`` and no ``due_at``)
``esc``, ``reo``          1/0 flag (missing = not set), over all tickets
``rep``                   1/0: same customer and category had a ticket created at most
                          ``repeat_window_days`` x 24 h earlier (whole log, before any filter)
``open_end``              1/0: not resolved by the end of the ticket's period
========================  ====================================================================

The KPIs are one streaming aggregation per group and period; the repeat flag needs a window over
the log in (customer, category, created_at, ticket_id) order, which is computed in a second, narrow
branch of the same query (those columns and the grouping columns only) and aggregated per group
before the two meet. No step materialises the log in pandas.

A log held for many queries (:meth:`DuckSource.hold`, behind :class:`sqmkit.kpis.TicketLog`) is
copied into DuckDB's own storage once, and each repeat window's flags are computed once into a copy
of it with ``rep``; its queries aggregate that copy in one pass. On a 1M-ticket frame one query
then takes a fraction of the time of a query over the frame (``benchmarks/bench_kpis.py``).

Blank values of a grouping column (NULL, or text that is only spaces) are one group, coded
:data:`sqmkit.glossary.BLANK` in the result (``"(blank)"``), never dropped.

Bounded resources. Every connection runs with ``SET memory_limit`` (default
:data:`MEMORY_SHARE` = 25 % of the machine's memory, or of the container's limit when lower;
environment variable ``SQMKIT_DUCKDB_MEMORY``, e.g. ``4GB``), spills to a fresh folder
``sqmkit-duckdb-*`` under :func:`tempfile.gettempdir` (never the current folder; removed when the
connection closes) and caps it with ``SET max_temp_directory_size`` (default :data:`TEMP_SHARE` =
50 % of the free disk there; ``SQMKIT_DUCKDB_TEMP_SIZE``, e.g. ``20GB``). A query that needs more
raises :class:`sqmkit.exceptions.ResourceLimitError` saying what was allowed, where, and the fix.
``benchmarks/bench_kpis.py`` measures the engine against a straightforward pandas groupby.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from sqmkit.exceptions import DataValidationError, ResourceLimitError
from sqmkit.glossary import message

__all__ = ["KPI_COLUMNS", "COUNT_COLUMNS", "FREQ_UNITS", "TICKET_COLUMNS", "TIMESTAMP_COLUMNS", "MEMORY_ENV",
           "TEMP_ENV", "MEMORY_SHARE", "TEMP_SHARE", "resource_limits", "period_bounds", "period_end", "blank_keys", "quote_name", "DuckSource"]

KPI_COLUMNS = ["frt_mean_min", "frt_median_min", "frt_p90_min", "resolution_mean_h",
               "resolution_median_h", "fcr_pct", "sla_met_pct", "escalated_pct", "reopened_pct",
               "repeat_pct"]
COUNT_COLUMNS = ["tickets", "resolved", "open_at_period_end"]
BACKLOG_COLUMNS = ["open_tickets", "age_mean_h", "age_median_h", "age_p90_h", "age_max_h",
                   "over_sla", "over_sla_pct"]
TICKET_COLUMNS = ["ticket_id", "created_at", "first_response_at", "resolved_at", "channel", "category",
                  "team", "agent_id", "priority", "due_at", "contacts", "fcr", "escalated", "reopened", "customer_id"]
TIMESTAMP_COLUMNS = ("created_at", "first_response_at", "resolved_at", "due_at")
# pandas offset / period aliases accepted for `freq` -> calendar unit (periods labelled by their start;
# weeks run Monday-Sunday as pandas' "W" = "W-SUN" and DuckDB's ISO week).
FREQ_UNITS = {"h": "hour", "D": "day", "W": "week", "W-SUN": "week", "MS": "month", "ME": "month",
              "M": "month", "QS": "quarter", "QE": "quarter", "Q": "quarter", "YS": "year",
              "YE": "year", "Y": "year"}
TRUE_STRINGS = ("true", "t", "yes", "y", "1", "1.0", "是", "对", "√")
MEMORY_ENV = "SQMKIT_DUCKDB_MEMORY"
TEMP_ENV = "SQMKIT_DUCKDB_TEMP_SIZE"
MEMORY_SHARE = 0.25     # of the machine's (or container's) memory: the frames, pandas and the notebook need
                        # the rest; spilling is cheap (100M tickets: as fast with 5.8 GiB as with 11.7 GiB)
TEMP_SHARE = 0.5        # of the free disk under the temp folder: a spilling query never fills the disk
_TABLE = "tickets"


def _rows_text(index: Sequence[Any], ids: Sequence[Any] | None, total: int) -> str:
    shown = list(index)[:5]
    text = f"rows {shown}" if shown and shown[0] is not None else ""
    if ids is not None:
        id_list = [i for i in list(ids)[:5]]
        text = f"{text} (ticket_id {id_list})" if text else f"ticket_id {id_list}"
    more = f" and {total - len(shown)} more" if total > len(shown) else ""
    return text + more


def row_problem(rule: str, column: str, cases: pd.DataFrame, total: int, fix: str,
                index_label: str = "rows") -> DataValidationError:
    """A DataValidationError naming the table, column, first offending rows and the fix."""
    ids = cases["ticket_id"].tolist() if "ticket_id" in cases else None
    idx = cases["row"].tolist() if "row" in cases else [None]
    where = _rows_text(idx, ids, total).replace("rows", index_label, 1)
    return DataValidationError(
        f"Table '{_TABLE}', column '{column}': {rule} in {total} ticket(s): {where}. Fix: {fix}.",
        table=_TABLE, column=column, failure_cases=cases)


# --------------------------------------------------------------------------------------- periods
def period_bounds(created: pd.Series, unit: str) -> tuple[np.ndarray, np.ndarray]:
    """Start and next start of each ticket's calendar period (vectorised with numpy datetime64)."""
    values = created.to_numpy(dtype="datetime64[ns]")
    if unit == "hour":
        start = values.astype("datetime64[h]")
        return start.astype("datetime64[ns]"), (start + 1).astype("datetime64[ns]")
    if unit == "day":
        start = values.astype("datetime64[D]")
        return start.astype("datetime64[ns]"), (start + 1).astype("datetime64[ns]")
    if unit == "week":
        day = values.astype("datetime64[D]")
        # 1970-01-01 was a Thursday: days since the epoch + 3 is 0 on Mondays.
        weekday = (day.astype("int64") + 3) % 7
        start = day - weekday.astype("timedelta64[D]")
        return start.astype("datetime64[ns]"), (start + 7).astype("datetime64[ns]")
    months = values.astype("datetime64[M]")
    step = {"month": 1, "quarter": 3, "year": 12}[unit]
    m = months.astype("int64")
    start = (m - (m % step)).astype("datetime64[M]")
    return start.astype("datetime64[ns]"), (start + step).astype("datetime64[ns]")


def period_end(start: pd.Series, unit: str) -> np.ndarray:
    """The (exclusive) end of each period, given the periods' start (``datetime64[ns]``)."""
    return period_bounds(pd.Series(start), unit)[1]


def blank_keys(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Code the blank values of the grouping columns ``keys`` as :data:`sqmkit.glossary.BLANK`.

    Text columns keep their dtype; a non-text column with blanks becomes ``object`` (its values
    and the code side by side), so charts and tables always get a label.
    """
    from sqmkit.glossary import BLANK

    for key in keys:
        column = table[key]
        missing = column.isna()
        if not missing.any():
            continue
        if pd.api.types.is_string_dtype(column) or isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype("string") if not pd.api.types.is_object_dtype(column) else column
        else:
            column = column.astype(object)
        table[key] = column.where(~missing, BLANK)
    return table


# --------------------------------------------------------------------------------------- limits
def quote_name(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _sql_str(value: Any) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _memory_bytes() -> int:
    """The machine's memory, or the container's (cgroup) limit when that is lower."""
    total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    for limit_file in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            text = Path(limit_file).read_text().strip()
        except OSError:
            continue
        if text.isdigit():
            total = min(total, int(text))
    return total


def _mib(size: float) -> str:
    return f"{max(1, int(size / 2**20))}MiB"


def resource_limits() -> dict[str, str]:
    """The memory limit and temp-space limit of a new connection (DuckDB size strings such as ``"4GB"``).

    From ``SQMKIT_DUCKDB_MEMORY`` / ``SQMKIT_DUCKDB_TEMP_SIZE`` when set, else :data:`MEMORY_SHARE` of the
    memory and :data:`TEMP_SHARE` of the free disk under :func:`tempfile.gettempdir`.
    """
    memory = os.environ.get(MEMORY_ENV, "").strip() or _mib(MEMORY_SHARE * _memory_bytes())
    temp = os.environ.get(TEMP_ENV, "").strip() or _mib(TEMP_SHARE * shutil.disk_usage(tempfile.gettempdir()).free)
    return {"memory": memory, "temp": temp}


def _out_of_room(err: Exception) -> bool:
    """DuckDB ran out of memory or of temporary disk space (the limits set on the connection, or the disk)."""
    import duckdb

    text = str(err).lower()
    if isinstance(err, duckdb.OutOfMemoryException):
        return True
    return isinstance(err, duckdb.IOException) and any(
        word in text for word in ("no space left", "max_temp_directory_size", "temporary file", "temp_directory"))


# --------------------------------------------------------------------------------------- source
class DuckSource:
    """A ticket log (a Parquet/CSV file or a DataFrame) seen by DuckDB as the view ``src``.

    Headers are mapped to canonical names with :func:`sqmkit.schemas.canonical_columns`
    (Chinese aliases work); timestamps stored as text are cast with ``TRY_CAST``. The connection
    runs within :func:`resource_limits` (``memory``/``temp`` override them, for tests) and spills
    into its own folder under the system's temp folder; :meth:`close` (or leaving a ``with``
    block) closes it and removes the folder.
    """

    def __init__(self, data: pd.DataFrame | str | Path, *, threads: int | None = None,
                 memory: str | None = None, temp: str | None = None):
        import duckdb

        limits = resource_limits()
        self.limits = {"memory": memory or limits["memory"], "temp": temp or limits["temp"]}
        self.temp_folder = tempfile.mkdtemp(prefix="sqmkit-duckdb-")
        self.con = duckdb.connect(config={"memory_limit": self.limits["memory"],
                                          "temp_directory": self.temp_folder,
                                          "max_temp_directory_size": self.limits["temp"]})
        self._closer = weakref.finalize(self, _close, self.con, self.temp_folder)
        self.held = False                        # the log is in DuckDB's own storage (see hold)
        self._flagged: dict[float, str] = {}     # repeat window (days) -> table of the held log with `rep`
        if threads:
            self.execute(f"SET threads = {int(threads)}")
        self.execute("SET preserve_insertion_order = false")
        if isinstance(data, pd.DataFrame):
            self.con.register("raw_df", data)
            raw = "raw_df"
            self.label = "DataFrame"
        else:
            path = Path(data)
            suffix = "".join(path.suffixes[-2:]).lower()
            if path.suffix.lower() in (".parquet", ".pq"):
                raw = f"read_parquet({_sql_str(path)})"
            elif path.suffix.lower() in (".csv", ".txt", ".tsv") or suffix.endswith(".csv.gz"):
                raw = f"read_csv_auto({_sql_str(path)}, header = true)"
            else:
                self.close()
                raise DataValidationError(
                    f"Table '{_TABLE}': cannot read '{path.name}' with the file engine; use a .parquet or .csv "
                    "file, or load the table into a DataFrame first.", table=_TABLE)
            if not path.is_file():
                self.close()
                raise DataValidationError(f"Table '{_TABLE}': file '{path}' does not exist. Fix: check the path.",
                                          table=_TABLE)
            self.label = str(path)
        described = self.execute(f"DESCRIBE SELECT * FROM {raw}").fetchall()
        from sqmkit.schemas import TABLES, canonical_columns

        mapping = canonical_columns(TABLES[_TABLE], [row[0] for row in described])
        types = {row[0]: row[1] for row in described}
        selects, self.types = [], {}
        for header, canon in mapping.items():
            if canon in self.types:
                continue
            kind = types[header].upper()
            expr = quote_name(header)
            if canon in TIMESTAMP_COLUMNS and not kind.startswith("TIMESTAMP"):
                expr = f"TRY_CAST({expr} AS TIMESTAMP)"
                kind = "TIMESTAMP"
            selects.append(f"{expr} AS {quote_name(canon)}")
            self.types[canon] = kind
        self.execute(f"CREATE OR REPLACE TEMP VIEW src AS SELECT {', '.join(selects)} FROM {raw}")
        self.columns = list(self.types)

    def hold(self) -> None:
        """Keep the log for many queries: a DataFrame is copied into DuckDB's own storage (a snapshot; the frame
        is let go) and each repeat window's flags are computed once (:meth:`kpis`); a file stays where it lies."""
        if self.label == "DataFrame" and not self.held:
            self.execute("CREATE TEMP TABLE src_held AS SELECT * FROM src")
            self.execute("CREATE OR REPLACE TEMP VIEW src AS SELECT * FROM src_held")
            self.con.unregister("raw_df")
            self.held = True

    def close(self) -> None:
        """Close the connection and remove its temp folder."""
        self._closer()

    def __enter__(self) -> "DuckSource":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __contains__(self, column: str) -> bool:
        return column in self.types

    def execute(self, sql: str):
        """Run ``sql``; running out of memory or temp space is a :class:`ResourceLimitError` naming the limits and the fix."""
        try:
            return self.con.execute(sql)
        except Exception as err:
            if not _out_of_room(err):
                raise
            raise ResourceLimitError(message("kpis_engine_out_of_room", source=self.label, memory=self.limits["memory"],
                                      temp=self.limits["temp"], folder=tempfile.gettempdir(),
                                      memory_env=MEMORY_ENV, temp_env=TEMP_ENV,
                                      detail=str(err).splitlines()[0][:300])) from err

    def df(self, sql: str) -> pd.DataFrame:
        return self.execute(sql).df()

    def flag_sql(self, column: str, *, missing: str) -> str:
        kind, col = self.types[column], quote_name(column)
        if kind == "BOOLEAN":
            return f"COALESCE(CAST({col} AS DOUBLE), {missing})"
        if any(kind.startswith(t) for t in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "DOUBLE",
                                              "FLOAT", "DECIMAL", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT")):
            return f"CASE WHEN {col} IS NULL THEN {missing} WHEN {col} <> 0 THEN 1.0 ELSE 0.0 END"
        truths = ", ".join(_sql_str(t) for t in TRUE_STRINGS)
        return (f"CASE WHEN {col} IS NULL THEN {missing} WHEN lower(trim(CAST({col} AS VARCHAR))) IN ({truths}) "
                "THEN 1.0 ELSE 0.0 END")

    def key_sql(self, key: str) -> str:
        """A grouping column; blank text (empty or spaces) is NULL, i.e. the blank group."""
        if self.types[key].startswith("VARCHAR"):
            return f"NULLIF(trim({quote_name(key)}), '') AS {quote_name(key)}"
        return quote_name(key)

    def hours_sql(self, sla: float | dict[str, float] | None) -> str | None:
        """SQL of each ticket's SLA hours: from ``due_at`` when it has one, else ``sla``; NULL = no SLA.

        None when the log has no SLA at all (no ``sla`` and no ``due_at`` column).
        """
        base = None
        if isinstance(sla, dict):
            if "priority" in self:
                base = "(CASE " + " ".join(f"WHEN trim(CAST(priority AS VARCHAR)) = {_sql_str(k)} THEN {float(v)!r}"
                                           for k, v in sla.items()) + " END)"
            else:
                base = "CAST(NULL AS DOUBLE)"
        elif sla is not None:
            base = repr(float(sla))
        if "due_at" in self:
            due = "epoch(due_at - created_at) / 3600.0"
            return f"COALESCE({due}, {base})" if base else due
        return base

    def _period_sql(self, unit: str | None) -> list[str]:
        return [f"date_trunc('{unit}', created_at) AS period"] if unit else []

    @staticmethod
    def _where(start: pd.Timestamp | None, end: pd.Timestamp | None) -> str:
        where = []
        if start is not None:
            where.append(f"created_at >= TIMESTAMP {_sql_str(start)}")
        if end is not None:
            where.append(f"created_at < TIMESTAMP {_sql_str(end)}")
        return f" WHERE {' AND '.join(where)}" if where else ""

    def _prepared_sql(self, *, keys: list[str], unit: str | None, sla: float | dict[str, float] | None,
                      start: pd.Timestamp | None, end: pd.Timestamp | None, flagged: str | None = None) -> str:
        """SQL of the derived per-ticket columns (module docstring), for the tickets in [start, end); ``rep`` only
        from a ``flagged`` table of the held log (:meth:`_flagged_table`)."""
        has = self.__contains__
        cols = [self.key_sql(k) for k in keys] + ["created_at"] + self._period_sql(unit) + (["rep"] if flagged else [])
        frt = "epoch(first_response_at - created_at) / 60.0" if has("first_response_at") else "CAST(NULL AS DOUBLE)"
        resolved_at = "resolved_at" if has("resolved_at") else "CAST(NULL AS TIMESTAMP)"
        res = f"epoch({resolved_at} - created_at) / 3600.0"
        cols += [f"{frt} AS frt", f"{res} AS res", f"{resolved_at} IS NOT NULL AS is_resolved"]
        if has("contacts"):
            fcr = "CASE WHEN contacts IS NULL THEN NULL WHEN contacts = 1 THEN 1.0 ELSE 0.0 END"
        elif has("fcr"):
            fcr = self.flag_sql("fcr", missing="NULL")
        else:
            fcr = "NULL"
        cols.append(f"CASE WHEN {resolved_at} IS NULL THEN NULL ELSE CAST({fcr} AS DOUBLE) END AS fcr_v")
        hours = self.hours_sql(sla)
        if hours is None:
            cols.append("CAST(NULL AS DOUBLE) AS sla_v")
        else:
            cols.append(f"CASE WHEN {resolved_at} IS NULL OR {hours} IS NULL THEN NULL "
                        f"WHEN {res} <= {hours} THEN 1.0 ELSE 0.0 END AS sla_v")
        for flag, col in (("esc", "escalated"), ("reo", "reopened")):
            cols.append(f"{self.flag_sql(col, missing='0.0')} AS {flag}" if has(col) else f"CAST(NULL AS DOUBLE) AS {flag}")
        if unit is None:
            cols.append(f"CASE WHEN {resolved_at} IS NULL THEN 1.0 ELSE 0.0 END AS open_end")
        else:
            cols.append(f"CASE WHEN {resolved_at} IS NULL OR {resolved_at} >= date_trunc('{unit}', created_at) "
                        f"+ INTERVAL 1 {unit} THEN 1.0 ELSE 0.0 END AS open_end")
        return f"SELECT {', '.join(cols)} FROM {flagged or 'src'}{self._where(start, end)}"

    def _repeat_sql(self, window_days: float) -> str:
        """1 when the ticket's customer had a ticket of the same category at most ``window_days`` earlier, else 0
        (over the tickets with both; ties in created_at ordered by ticket_id)."""
        order = "created_at" + (", ticket_id" if "ticket_id" in self else "")
        seconds = float(window_days) * 86400.0
        return (f"CASE WHEN epoch(created_at - lag(created_at) OVER (PARTITION BY customer_id, category "
                f"ORDER BY {order})) <= {seconds!r} THEN 1 ELSE 0 END")

    def _flagged_table(self, window_days: float) -> str:
        """The held log with each ticket's repeat flag ``rep`` for this window, computed once per window."""
        if window_days not in self._flagged:
            name = f"src_rep_{len(self._flagged)}"
            self.execute(f"CREATE TEMP TABLE {name} AS SELECT *, CASE WHEN customer_id IS NULL OR category IS NULL "
                         f"THEN 0 ELSE {self._repeat_sql(window_days)} END AS rep FROM src")
            self._flagged[window_days] = name
        return self._flagged[window_days]

    def _repeats_sql(self, *, keys: list[str], unit: str | None, window_days: float,
                     start: pd.Timestamp | None, end: pd.Timestamp | None) -> str:
        """SQL of the repeat tickets per group: the window runs over the whole log (before ``start``/``end``)
        and sees only customer, category, created_at, ticket_id and the grouping columns."""
        cols = [self.key_sql(k) for k in keys] + ["created_at"]
        flagged = (f"SELECT {', '.join(cols)}, {self._repeat_sql(window_days)} AS rep FROM src "
                   "WHERE customer_id IS NOT NULL AND category IS NOT NULL")
        group = [quote_name(k) for k in keys] + (["period"] if unit else [])
        select = [quote_name(k) for k in keys] + self._period_sql(unit)
        return (f"SELECT {', '.join(select + ['sum(rep) AS repeats'])} FROM ({flagged}) r{self._where(start, end)}"
                + (f" GROUP BY {', '.join(group)}" if group else ""))

    def kpis(self, *, keys: list[str], unit: str | None, sla: float | dict[str, float] | None,
             window_days: float, start: pd.Timestamp | None, end: pd.Timestamp | None) -> pd.DataFrame:
        """KPIs per group of ``keys`` (and period of ``unit``); no keys: one row for the whole log.

        Columns: the group, the counts, the KPIs, and ``first_created``/``last_created`` of each group.
        """
        group = [quote_name(k) for k in keys] + (["period"] if unit else [])
        repeats_known = "customer_id" in self and "category" in self
        flagged = self._flagged_table(window_days) if self.held and repeats_known else None
        prepared = self._prepared_sql(keys=keys, unit=unit, sla=sla, start=start, end=end, flagged=flagged)
        kpi = (f"SELECT {''.join(g + ', ' for g in group)}count(*) AS tickets, "
               "count(CASE WHEN is_resolved THEN 1 END) AS resolved, sum(open_end) AS open_at_period_end, "
               "avg(frt) AS frt_mean_min, quantile_cont(frt, [0.5, 0.9]) AS frt_q, avg(res) AS resolution_mean_h, "
               "quantile_cont(res, 0.5) AS resolution_median_h, 100 * avg(fcr_v) AS fcr_pct, "
               "100 * avg(sla_v) AS sla_met_pct, 100 * avg(esc) AS escalated_pct, "
               "100 * avg(reo) AS reopened_pct, min(created_at) AS first_created, max(created_at) AS last_created"
               + (", sum(rep) AS repeats" if flagged else "")
               + f" FROM ({prepared}) p" + (f" GROUP BY {', '.join(group)}" if group else ""))
        kpi = f"SELECT * EXCLUDE (frt_q), frt_q[1] AS frt_median_min, frt_q[2] AS frt_p90_min FROM ({kpi})"  # one sort
        if flagged:
            return self.df(f"SELECT * EXCLUDE (repeats), CASE WHEN tickets > 0 THEN 100.0 * repeats / tickets END "
                           f"AS repeat_pct FROM ({kpi})")
        if not repeats_known:
            return self.df(f"SELECT *, CAST(NULL AS DOUBLE) AS repeat_pct FROM ({kpi})")
        repeats = self._repeats_sql(keys=keys, unit=unit, window_days=window_days, start=start, end=end)
        join = " AND ".join(f"k.{g} IS NOT DISTINCT FROM r.{g}" for g in group) or "TRUE"
        return self.df(f"SELECT k.*, CASE WHEN k.tickets > 0 THEN 100.0 * COALESCE(r.repeats, 0) / k.tickets END "
                       f"AS repeat_pct FROM ({kpi}) k LEFT JOIN ({repeats}) r ON {join}")

    def shares(self, *, flag: str, keys: list[str], unit: str | None, sla: float | dict[str, float] | None,
               start: pd.Timestamp | None, end: pd.Timestamp | None) -> pd.DataFrame:
        """Events (sum) and size (count of known values) of one 0/1 derived column (``fcr_v``, ``sla_v``,
        ``esc``, ``reo``) per group of ``keys`` and period of ``unit``: the counts behind a percentage KPI."""
        group = [quote_name(k) for k in keys] + (["period"] if unit else [])
        prepared = self._prepared_sql(keys=keys, unit=unit, sla=sla, start=start, end=end)
        return self.df(f"SELECT {''.join(g + ', ' for g in group)}sum({flag}) AS events, count({flag}) AS size "
                       f"FROM ({prepared}) p" + (f" GROUP BY {', '.join(group)}" if group else ""))

    def resolution_hours(self, *, keys: list[str], sla: float | dict[str, float] | None,
                         start: pd.Timestamp | None, end: pd.Timestamp | None) -> pd.DataFrame:
        """One row per resolved ticket: the ``keys`` columns, ``res`` (hours) and ``sla_hours`` (its SLA, or NULL)."""
        if "resolved_at" not in self:
            return pd.DataFrame({**{k: [] for k in keys}, "res": [], "sla_hours": []})
        hours = self.hours_sql(sla) or "CAST(NULL AS DOUBLE)"
        cols = [self.key_sql(k) for k in keys] + ["epoch(resolved_at - created_at) / 3600.0 AS res",
                                                   f"CAST({hours} AS DOUBLE) AS sla_hours"]
        where = self._where(start, end)
        where = f"{where} AND resolved_at IS NOT NULL" if where else " WHERE resolved_at IS NOT NULL"
        return self.df(f"SELECT {', '.join(cols)} FROM src{where}")

    def backlog(self, *, at: list[pd.Timestamp], keys: list[str], sla: float | dict[str, float] | None) -> pd.DataFrame:
        ats = pd.DataFrame({"at": pd.to_datetime(at).astype("datetime64[us]")})
        self.con.register("ats", ats)
        resolved_at = "resolved_at" if "resolved_at" in self else "CAST(NULL AS TIMESTAMP)"
        hours = self.hours_sql(sla) or "CAST(NULL AS DOUBLE)"   # `ats` has only "at": names resolve to src
        key_sql = "".join(f", {self.key_sql(k)}" for k in keys)
        inner = (f"SELECT a.\"at\" AS \"at\"{key_sql}, epoch(a.\"at\" - s.created_at) / 3600.0 AS age, {hours} AS hours "
                 f"FROM ats a JOIN src s ON s.created_at <= a.\"at\" AND ({resolved_at} IS NULL OR {resolved_at} > a.\"at\")")
        group = ", ".join(['"at"'] + [quote_name(k) for k in keys])
        sql = (f"SELECT {group}, count(*) AS open_tickets, avg(age) AS age_mean_h, "
               "quantile_cont(age, 0.5) AS age_median_h, quantile_cont(age, 0.9) AS age_p90_h, max(age) AS age_max_h, "
               "sum(CASE WHEN age > hours THEN 1.0 WHEN hours IS NULL THEN NULL ELSE 0.0 END) AS over_sla, "
               "100 * avg(CASE WHEN age > hours THEN 1.0 WHEN hours IS NULL THEN NULL ELSE 0.0 END) AS over_sla_pct "
               f"FROM ({inner}) GROUP BY {group}")
        table = self.df(sql)
        if not keys:
            table = ats.merge(table, on="at", how="left")
            table["open_tickets"] = table["open_tickets"].fillna(0).astype("int64")
        return table[["at"] + keys + BACKLOG_COLUMNS]


def _close(con: Any, folder: str) -> None:
    try:
        con.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
