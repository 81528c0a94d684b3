"""The hand-written pandas implementation of the ticket KPIs: an oracle for the tests, never used by sqmkit.

sqmkit computes every KPI with one engine (DuckDB, :mod:`sqmkit.kpis.engine`). This module is a second,
independent implementation of the same definitions (DESIGN.md section 6) in vectorised pandas/numpy,
kept only so that tests can compare the engine on DataFrames and files against it
(tests/test_kpis.py, ``test_engine_matches_the_pandas_oracle``). Validation and the output format
(``_check_frame``, ``_finish``) are shared with sqmkit: they are not KPI definitions.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pandas as pd

from sqmkit._checks import as_list
from sqmkit.kpis import tickets
from sqmkit.kpis.engine import BACKLOG_COLUMNS, FREQ_UNITS, TRUE_STRINGS, blank_keys, period_bounds

__all__ = ["ticket_kpis", "backlog"]


def _blank_text(series: pd.Series) -> pd.Series:
    """Text that is empty or only spaces becomes NA (a blank group value, as io reads it)."""
    if not (pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)):
        return series
    text = series.astype("string")
    return series.where(~(text.str.strip() == "").fillna(False).to_numpy(), pd.NA)


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


def prepare(df: pd.DataFrame, *, keys: list[str], unit: str | None, sla_hours: np.ndarray | None,
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
    out["rep"] = _repeat(df, window_days)
    if unit is None:
        out["open_end"] = (~resolved).astype("float64")
    else:
        period, period_end = period_bounds(created, unit)
        out["period"] = period
        out["open_end"] = (~resolved | (resolved_at.to_numpy(dtype="datetime64[ns]") >= period_end)).astype("float64")
    out["resolved_n"] = resolved.astype("float64")
    if start is not None:
        out = out[out["created_at"] >= start]
    if end is not None:
        out = out[out["created_at"] < end]
    return out


def _repeat(df: pd.DataFrame, window_days: float) -> np.ndarray | float:
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


def aggregate(prepared: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
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


def backlog_table(df: pd.DataFrame, *, at: list[pd.Timestamp], keys: list[str],
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


def _priority(df: pd.DataFrame) -> pd.Series:
    """The priority as stripped text, blank (or an absent column) as NA."""
    if "priority" not in df:
        return pd.Series(pd.NA, index=df.index, dtype="string")
    text = df["priority"].astype("string").str.strip()
    return text.where(text != "", pd.NA)


def sla_hours(df: pd.DataFrame, sla: float | dict[str, float] | None) -> np.ndarray | None:
    """Each ticket's SLA hours (NaN = no SLA for it); None when the log has no SLA at all.

    ``due_at`` wins: a ticket with a deadline gets due_at − created_at; the others get ``sla`` (one
    number, or the hours of their priority; a blank priority has none).
    """
    due = df["due_at"] if "due_at" in df else None
    if sla is None and due is None:
        return None
    hours = np.full(len(df), np.nan)
    if isinstance(sla, dict):
        prio = _priority(df)
        need = due.isna() if due is not None else pd.Series(True, index=df.index)
        counts = prio[need.to_numpy()].value_counts(dropna=True)
        tickets._unknown_priorities(pd.DataFrame({"priority": counts.index.astype("string"), "n": counts.to_numpy()}), sla)
        hours = prio.map(sla).astype("float64").to_numpy(na_value=np.nan)
    elif sla is not None:
        hours[:] = float(sla)
    if due is not None:
        own = ((due - df["created_at"]).dt.total_seconds() / 3600.0).to_numpy()
        hours = np.where(due.notna().to_numpy(), own, hours)
    return hours


def ticket_kpis(data: pd.DataFrame, *, by: str | Sequence[str] | None = None, freq: str | None = None,
                sla: float | dict[str, float] | None = None, repeat_window_days: float = 7,
                start: Any = None, end: Any = None) -> pd.DataFrame:
    """:func:`sqmkit.kpis.ticket_kpis` of a DataFrame, computed in pandas."""
    keys = as_list(by)
    unit = FREQ_UNITS[freq] if freq is not None else None
    lo, hi = tickets._bounds(start, end)
    sla_v = tickets._sla_map(sla)
    df = tickets._check_frame(data)
    hours = sla_hours(df, sla_v)
    prepared = prepare(df, keys=keys, unit=unit, sla_hours=hours, window_days=float(repeat_window_days),
                       start=lo, end=hi)
    group = keys + (["period"] if unit else [])
    table = aggregate(prepared, group)
    window = (prepared["created_at"].min(), prepared["created_at"].max()) if unit else None
    return tickets._finish(table, group, unit=unit, window=window)


def backlog(data: pd.DataFrame, *, at: Any, by: str | Sequence[str] | None = None,
            sla: float | dict[str, float] | None = None) -> pd.DataFrame:
    """:func:`sqmkit.kpis.backlog` of a DataFrame, computed in pandas."""
    ats = [pd.Timestamp(a) for a in ([at] if isinstance(at, (str, pd.Timestamp)) else list(at))]
    keys = as_list(by)
    df = tickets._check_frame(data)
    hours = sla_hours(df, tickets._sla_map(sla))
    table = backlog_table(df, at=ats, keys=keys, sla_hours=hours)
    table["at"] = pd.to_datetime(table["at"]).astype("datetime64[ns]")
    if hours is not None:
        table["over_sla"] = table["over_sla"].fillna(0.0)
    table["open_tickets"] = table["open_tickets"].astype("int64")
    table = table.sort_values(["at"] + keys, kind="mergesort", na_position="last").reset_index(drop=True)
    return blank_keys(table, keys)
