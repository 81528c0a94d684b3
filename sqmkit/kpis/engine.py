"""The two engines behind :mod:`sqmkit.kpis`: vectorised pandas and DuckDB SQL.

Both turn a ticket log into the same *prepared* columns (one row per ticket) and aggregate them
with the same definitions (DESIGN.md section 6), so a DataFrame and a file give identical KPIs:

========================  ====================================================================
prepared column           meaning
========================  ====================================================================
``frt``                   first_response_at - created_at in minutes (NaN without first response)
``res``                   resolved_at - created_at in hours (NaN while open)
``fcr_v``                 1/0 for resolved tickets with known contacts (``contacts == 1``) or
                          ``fcr`` flag; NaN otherwise (left out of the FCR share)
``sla_v``                 1/0 for resolved tickets with an SLA (``res <= SLA hours``; with a
                          ``due_at``: ``resolved_at <= due_at``); NaN when open or without an SLA
                          (blank priority under a priority map, no ``sla_hours`` and no ``due_at``)
``esc``, ``reo``          1/0 flag (missing = not set), over all tickets
``rep``                   1/0: same customer and category had a ticket created at most
                          ``repeat_window_days`` x 24 h earlier (whole log, before any filter)
``open_end``              1/0: not resolved by the end of the ticket's period
========================  ====================================================================

Blank values of a grouping column (NaN, or text that is only spaces) are one group, coded
:data:`sqmkit.glossary.BLANK` in the result (``"(blank)"``), never dropped.

pandas is used for DataFrames (no copy into another engine); DuckDB for files, where it scans
only the needed columns of a Parquet/CSV file and aggregates out of core. ``benchmarks/bench_kpis.py``
measures both against a straightforward pandas groupby.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd

from sqmkit.exceptions import DataValidationError, ResourceLimitError
from sqmkit.glossary import message

__all__ = ["KPI_COLUMNS", "COUNT_COLUMNS", "FREQ_UNITS", "TICKET_COLUMNS", "TIMESTAMP_COLUMNS", "prepare_pandas",
           "aggregate_pandas", "backlog_pandas", "period_end", "blank_keys", "quote_name", "DuckSource"]

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
def _period_bounds_np(created: pd.Series, unit: str) -> tuple[np.ndarray, np.ndarray]:
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
    return _period_bounds_np(pd.Series(start), unit)[1]


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


def _blank_text(series: pd.Series) -> pd.Series:
    """Text that is empty or only spaces becomes NA (a blank group value, as io reads it)."""
    if not (pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)):
        return series
    text = series.astype("string")
    return series.where(~(text.str.strip() == "").fillna(False).to_numpy(), pd.NA)


# --------------------------------------------------------------------------------------- pandas
def _flag(series: pd.Series, *, missing: float) -> np.ndarray:
    """A 0/1 float array from bool/boolean, numeric or text flags; missing values become ``missing``."""
    if pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
        numeric = pd.to_numeric(series, errors="coerce").astype("float64")
        out = (numeric != 0).astype("float64").to_numpy().copy()
        out[numeric.isna().to_numpy()] = missing
        return out
    text = series.astype("string").str.strip().str.lower()
    out = text.isin(TRUE_STRINGS).astype("float64").to_numpy().copy()
    out[text.isna().to_numpy()] = missing
    return out


def prepare_pandas(df: pd.DataFrame, *, keys: list[str], unit: str | None, sla_hours: np.ndarray | None,
                   window_days: float, start: pd.Timestamp | None, end: pd.Timestamp | None) -> pd.DataFrame:
    """The prepared per-ticket columns (see module docstring) for an already validated DataFrame."""
    created = df["created_at"]
    out = pd.DataFrame({k: _blank_text(df[k]) for k in keys}, index=df.index)
    out["created_at"] = created
    if "first_response_at" in df:
        out["frt"] = (df["first_response_at"] - created).dt.total_seconds() / 60.0
    else:
        out["frt"] = np.nan
    resolved_at = df["resolved_at"] if "resolved_at" in df else pd.Series(pd.NaT, index=df.index, dtype=created.dtype)
    out["res"] = (resolved_at - created).dt.total_seconds() / 3600.0
    resolved = resolved_at.notna().to_numpy()
    if "contacts" in df:
        contacts = pd.to_numeric(df["contacts"], errors="coerce")
        fcr = (contacts == 1).astype("float64").to_numpy().copy()
        fcr[contacts.isna().to_numpy()] = np.nan
    elif "fcr" in df:
        fcr = _flag(df["fcr"], missing=np.nan)
    else:
        fcr = np.full(len(df), np.nan)
    fcr[~resolved] = np.nan
    out["fcr_v"] = fcr
    if sla_hours is None:
        out["sla_v"] = np.nan
    else:
        hours = np.asarray(sla_hours, dtype="float64")
        sla = (out["res"].to_numpy() <= hours).astype("float64").copy()
        sla[~resolved | np.isnan(hours)] = np.nan          # open, or no SLA for this ticket
        out["sla_v"] = sla
    for flag, col in (("esc", "escalated"), ("reo", "reopened")):
        out[flag] = _flag(df[col], missing=0.0) if col in df else np.nan
    out["rep"] = _repeat_pandas(df, window_days)
    if unit is None:
        out["open_end"] = (~resolved).astype("float64")
    else:
        period, period_end = _period_bounds_np(created, unit)
        out["period"] = period
        out["open_end"] = (~resolved | (resolved_at.to_numpy(dtype="datetime64[ns]") >= period_end)).astype("float64")
    out["resolved_n"] = resolved.astype("float64")
    if start is not None:
        out = out[out["created_at"] >= start]
    if end is not None:
        out = out[out["created_at"] < end]
    return out


def _repeat_pandas(df: pd.DataFrame, window_days: float) -> np.ndarray | float:
    """1.0 where the same customer+category had a ticket created at most the window earlier.

    Customers and categories are factorised to integer codes and sorted with ``np.lexsort``
    (stable: equal timestamps keep row order); if any customer+category has two tickets at the
    same instant and ticket ids exist, the order of those is settled by ``ticket_id`` as in SQL.
    """
    if "customer_id" not in df or "category" not in df:
        return np.nan
    cust, _ = pd.factorize(df["customer_id"], use_na_sentinel=True)
    cat, _ = pd.factorize(df["category"], use_na_sentinel=True)
    created = df["created_at"].to_numpy(dtype="datetime64[ns]").view("int64")
    order = np.lexsort((created, cat, cust))
    c_cust, c_cat, c_created = cust[order], cat[order], created[order]
    same = np.zeros(len(order), dtype=bool)
    same[1:] = (c_cust[1:] == c_cust[:-1]) & (c_cat[1:] == c_cat[:-1])
    gap = np.zeros(len(order), dtype="int64")
    gap[1:] = c_created[1:] - c_created[:-1]
    if "ticket_id" in df and bool((same & (gap == 0)).any()):
        ids = df["ticket_id"].astype("string").to_numpy(dtype=object, na_value="")
        rank = pd.Series(ids).rank(method="first").to_numpy()
        order = np.lexsort((rank, created, cat, cust))
        c_cust, c_cat, c_created = cust[order], cat[order], created[order]
        gap[1:] = c_created[1:] - c_created[:-1]
    flags = same & (gap <= int(round(window_days * 86400e9))) & (c_cust >= 0) & (c_cat >= 0)
    out = np.empty(len(order), dtype="float64")
    out[order] = flags
    return out


def aggregate_pandas(prepared: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """KPIs per group of ``keys`` (no keys: one row for the whole log)."""
    named = dict(tickets=("created_at", "size"), resolved=("resolved_n", "sum"),
                 open_at_period_end=("open_end", "sum"),
                 frt_mean_min=("frt", "mean"), resolution_mean_h=("res", "mean"),
                 fcr_pct=("fcr_v", "mean"), sla_met_pct=("sla_v", "mean"), escalated_pct=("esc", "mean"),
                 reopened_pct=("reo", "mean"), repeat_pct=("rep", "mean"))
    if keys:
        grouped = prepared.groupby(keys, dropna=False, sort=True, observed=True)
        table = grouped.agg(**named)
        table["frt_median_min"] = grouped["frt"].median()
        table["frt_p90_min"] = grouped["frt"].quantile(0.9)
        table["resolution_median_h"] = grouped["res"].median()
        table = table.reset_index()
    else:
        row = {name: getattr(prepared[col], "count" if how == "size" else how)() for name, (col, how) in named.items()}
        row["tickets"] = len(prepared)
        row["frt_median_min"] = prepared["frt"].quantile(0.5)
        row["frt_p90_min"] = prepared["frt"].quantile(0.9)
        row["resolution_median_h"] = prepared["res"].median()
        table = pd.DataFrame([row])
    for col in ("fcr_pct", "sla_met_pct", "escalated_pct", "reopened_pct", "repeat_pct"):
        table[col] = table[col] * 100.0
    return table


def backlog_pandas(df: pd.DataFrame, *, at: list[pd.Timestamp], keys: list[str],
                   sla_hours: np.ndarray | None) -> pd.DataFrame:
    """Tickets open at each instant of ``at`` (created at or before it, not resolved by then)."""
    created = df["created_at"]
    resolved_at = df["resolved_at"] if "resolved_at" in df else pd.Series(pd.NaT, index=df.index, dtype=created.dtype)
    parts = []
    for instant in at:
        mask = (created <= instant) & (resolved_at.isna() | (resolved_at > instant))
        part = pd.DataFrame({k: _blank_text(df.loc[mask, k]) for k in keys}, index=df.index[mask])
        part["at"] = instant
        part["age"] = (instant - created[mask]).dt.total_seconds() / 3600.0
        if sla_hours is not None:
            hours = np.asarray(sla_hours, dtype="float64")[mask.to_numpy()]
            over = (part["age"].to_numpy() > hours).astype("float64")
            over[np.isnan(hours)] = np.nan                 # no SLA for this ticket: neither over nor within
            part["over"] = over
        else:
            part["over"] = np.nan
        parts.append(part)
    data = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=keys + ["at", "age", "over"])
    group = ["at"] + keys
    grouped = data.groupby(group, dropna=False, sort=True, observed=True)
    table = grouped.agg(open_tickets=("age", "size"), age_mean_h=("age", "mean"), age_median_h=("age", "median"),
                        age_max_h=("age", "max"), over_sla=("over", "sum"), over_sla_pct=("over", "mean"))
    table["age_p90_h"] = grouped["age"].quantile(0.9)
    table = table.reset_index()
    if not keys:  # instants with no open ticket still get a row
        table = pd.DataFrame({"at": at}).merge(table, on="at", how="left")
        table["open_tickets"] = table["open_tickets"].fillna(0).astype("int64")
    if sla_hours is None:
        table["over_sla"] = np.nan
        table["over_sla_pct"] = np.nan
    table["over_sla_pct"] = table["over_sla_pct"] * 100.0
    return table[group + BACKLOG_COLUMNS]


# --------------------------------------------------------------------------------------- DuckDB
#: environment variables setting what one query may use: memory (``8GB``, ``60%`` of RAM) and temporary disk
MEMORY_ENV, TEMP_SIZE_ENV = "SQMKIT_DUCKDB_MEMORY", "SQMKIT_DUCKDB_TEMP_SIZE"
#: defaults: a quarter of the RAM (two notebooks may query at once), half of the temp folder's free disk
DEFAULT_MEMORY, DEFAULT_TEMP_SHARE = "25%", 0.5


@dataclass(frozen=True)
class QueryLimits:
    """What a DuckDB connection may use: ``memory`` and ``temp_size`` in DuckDB's notation, its own temp folder."""

    memory: str
    temp_folder: Path
    temp_size: str


def query_limits() -> QueryLimits:
    """The limits of a new connection, with a fresh temporary folder under the system's temp folder.

    Never the current folder (DuckDB's own default is ``.tmp`` there, which filled a user's disk with 60 GB
    on a 100M-ticket log). :data:`MEMORY_ENV` and :data:`TEMP_SIZE_ENV` override the defaults.
    """
    folder = Path(tempfile.mkdtemp(prefix="sqmkit-duckdb-"))
    temp_size = os.environ.get(TEMP_SIZE_ENV, "").strip()
    if not temp_size:
        free = shutil.disk_usage(folder).free
        temp_size = f"{max(1, int(free * DEFAULT_TEMP_SHARE / 2**20))}MiB"
    return QueryLimits(memory=os.environ.get(MEMORY_ENV, "").strip() or DEFAULT_MEMORY, temp_folder=folder,
                       temp_size=temp_size)


def quote_name(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _sql_str(value: Any) -> str:
    return "'" + str(value).replace("'", "''") + "'"


class DuckSource:
    """A ticket log (a Parquet/CSV file or a DataFrame) seen by DuckDB as the view ``src``.

    Headers are mapped to canonical names with :func:`sqmkit.schemas.canonical_columns`
    (Chinese aliases work); timestamps stored as text are cast with ``TRY_CAST``.
    """

    def __init__(self, data: pd.DataFrame | str | Path, *, threads: int | None = None):
        import duckdb

        self.limits = query_limits()
        self.con = duckdb.connect(config={"memory_limit": self.limits.memory,
                                          "temp_directory": str(self.limits.temp_folder),
                                          "max_temp_directory_size": self.limits.temp_size})
        weakref.finalize(self, shutil.rmtree, self.limits.temp_folder, True)
        if threads:
            self.con.execute(f"SET threads = {int(threads)}").fetchall()
        self.con.execute("SET preserve_insertion_order = false").fetchall()
        if isinstance(data, pd.DataFrame):
            self.con.register("raw_df", data)
            raw = "raw_df"
            self.label = _TABLE
        else:
            path = Path(data)
            suffix = "".join(path.suffixes[-2:]).lower()
            if path.suffix.lower() in (".parquet", ".pq"):
                raw = f"read_parquet({_sql_str(path)})"
            elif path.suffix.lower() in (".csv", ".txt", ".tsv") or suffix.endswith(".csv.gz"):
                raw = f"read_csv_auto({_sql_str(path)}, header = true)"
            else:
                raise DataValidationError(
                    f"Table '{_TABLE}': cannot read '{path.name}' with the file engine; use a .parquet or .csv "
                    "file, or load the table into a DataFrame first.", table=_TABLE)
            if not path.is_file():
                raise DataValidationError(f"Table '{_TABLE}': file '{path}' does not exist. Fix: check the path.",
                                          table=_TABLE)
            self.label = str(path)
        described = self.con.execute(f"DESCRIBE SELECT * FROM {raw}").fetchall()
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
        self.raw = raw
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW src AS SELECT {', '.join(selects)} FROM {raw}").fetchall()
        self.columns = list(self.types)

    def __contains__(self, column: str) -> bool:
        return column in self.types

    def df(self, sql: str) -> pd.DataFrame:
        return self._within_limits(lambda: self.con.execute(sql).df())

    def rows(self, sql: str) -> list[tuple]:
        return self._within_limits(lambda: self.con.execute(sql).fetchall())

    def _within_limits(self, query: Callable[[], Any]) -> Any:
        """Run ``query``; running out of the memory or temporary disk allowed is a ResourceLimitError."""
        import duckdb

        try:
            return query()
        except duckdb.OutOfMemoryException as err:
            raise ResourceLimitError(message("engine_out_of_memory", label=self.label, limit=self.limits.memory,
                                             env=MEMORY_ENV)) from err
        except duckdb.IOException as err:
            if "temp" not in str(err).lower() and "space" not in str(err).lower():
                raise
            raise ResourceLimitError(message("engine_out_of_temp", label=self.label, limit=self.limits.temp_size,
                                             folder=self.limits.temp_folder, env=TEMP_SIZE_ENV)) from err

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

    def prepared_sql(self, *, keys: list[str], unit: str | None, sla: float | dict[str, float] | None,
                     window_days: float, start: pd.Timestamp | None, end: pd.Timestamp | None) -> str:
        """SQL of the prepared per-ticket columns (same definitions as :func:`prepare_pandas`)."""
        has = self.__contains__
        cols = [self.key_sql(k) for k in keys] + ["created_at"]
        frt = "epoch(first_response_at - created_at) / 60.0" if has("first_response_at") else "CAST(NULL AS DOUBLE)"
        resolved_at = "resolved_at" if has("resolved_at") else "CAST(NULL AS TIMESTAMP)"
        res = f"epoch({resolved_at} - created_at) / 3600.0"
        cols += [f"{frt} AS frt", f"{res} AS res", f"{resolved_at} AS resolved_at_"]
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
        if has("customer_id") and has("category"):
            order = "created_at" + (", ticket_id" if has("ticket_id") else "")
            seconds = float(window_days) * 86400.0
            cols.append(
                "CASE WHEN customer_id IS NULL OR category IS NULL THEN 0.0 "
                f"WHEN epoch(created_at - lag(created_at) OVER (PARTITION BY customer_id, category ORDER BY {order})) "
                f"<= {seconds!r} THEN 1.0 ELSE 0.0 END AS rep")
        else:
            cols.append("CAST(NULL AS DOUBLE) AS rep")
        sql = f"SELECT {', '.join(cols)} FROM src"
        outer = ["*"]
        if unit is None:
            outer.append("CASE WHEN resolved_at_ IS NULL THEN 1.0 ELSE 0.0 END AS open_end")
        else:
            outer.append(f"date_trunc('{unit}', created_at) AS period")
            outer.append(f"CASE WHEN resolved_at_ IS NULL OR resolved_at_ >= date_trunc('{unit}', created_at) "
                         f"+ INTERVAL 1 {unit} THEN 1.0 ELSE 0.0 END AS open_end")
        where = []
        if start is not None:
            where.append(f"created_at >= TIMESTAMP {_sql_str(start)}")
        if end is not None:
            where.append(f"created_at < TIMESTAMP {_sql_str(end)}")
        where_sql = f" WHERE {' AND '.join(where)}" if where else ""
        return f"SELECT {', '.join(outer)} FROM ({sql}){where_sql}"

    def aggregate(self, prepared: str, keys: list[str]) -> pd.DataFrame:
        group = ", ".join(quote_name(k) for k in keys)
        sql = (f"SELECT {group + ', ' if keys else ''}count(*) AS tickets, "
               "count(resolved_at_) AS resolved, sum(open_end) AS open_at_period_end, "
               "avg(frt) AS frt_mean_min, quantile_cont(frt, 0.5) AS frt_median_min, "
               "quantile_cont(frt, 0.9) AS frt_p90_min, avg(res) AS resolution_mean_h, "
               "quantile_cont(res, 0.5) AS resolution_median_h, 100 * avg(fcr_v) AS fcr_pct, "
               "100 * avg(sla_v) AS sla_met_pct, 100 * avg(esc) AS escalated_pct, "
               "100 * avg(reo) AS reopened_pct, 100 * avg(rep) AS repeat_pct "
               f"FROM ({prepared}) p{' GROUP BY ' + group if keys else ''}")
        return self.df(sql)

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
