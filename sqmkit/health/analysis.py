"""Data health of a workbook: what it holds and what to fix before the workshop.

Validation (:mod:`sqmkit.io`) stops data that cannot be analysed. This module describes data that
*can* be analysed but deserves a look: tables present or missing, rows, date coverage,
completeness per column, soft rule violations (tickets without a first response, open tickets,
dates after ``as_of``...), duplicate rows and ids, and the most recent date per table. Each function
takes the tables of a loaded workbook (``Workbook.tables``: ``{name: DataFrame}``) and returns a tidy
DataFrame; :func:`sqmkit.health.findings` turns them into figures and advice.

==================  ==========================================================================
function            one row per
==================  ==========================================================================
tables_overview     table of the data contract (present, file, rows, columns, latest date)
date_coverage       date column of a present table (first, last, days, blanks)
completeness        column of a present table (filled share, required, blanks expected)
rule_violations     soft rule that applies (offending rows, share, first ids, fix)
flagged_rows        table with rule checks (distinct rows breaking at least one rule, flags)
duplicates          present table (duplicate rows, duplicate keys)
==================  ==========================================================================
"""
from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

from sqmkit import schemas
from sqmkit._checks import check_lang
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import text

__all__ = ["tables_overview", "date_coverage", "completeness", "rule_violations", "flagged_rows", "duplicates",
           "NOTEBOOK_TABLES", "EXPECTED_BLANKS", "RULES"]

Tables = Mapping[str, pd.DataFrame]

#: Which notebooks read which table (what a missing table costs).
NOTEBOOK_TABLES: dict[str, tuple[str, ...]] = {
    "tickets": ("02_service_kpis", "04_pdca_tracking"),
    "survey": ("05_satisfaction",),
    "needs": ("01_needs_analysis",),
    "needs_ratings": ("01_needs_analysis",),
    "kano": ("01_needs_analysis",),
    "complaints": ("03_root_cause",),
    "problems": ("03_root_cause",),
    "causes": ("03_root_cause",),
    "whys": ("03_root_cause",),
    "actions": ("04_pdca_tracking",),
    "kpi_targets": ("02_service_kpis",),
    "kpi_values": ("02_service_kpis",),
}


#: Columns that are blank by design for some rows (main causes have no parent; only the root-cause
#: step of a 5-Why chain links a fishbone cause; comments are optional; open tickets and unfinished
#: actions have no end date; the soft rules below count those).
EXPECTED_BLANKS = {
    ("causes", "parent_id"), ("whys", "cause_id"), ("whys", "evidence"), ("causes", "evidence"),
    ("survey", "comment"), ("tickets", "first_response_at"), ("tickets", "resolved_at"),
    ("actions", "done_date"), ("actions", "actual"), ("actions", "effectiveness"), ("actions", "standardized"),
    ("tickets", "fcr"), ("tickets", "contacts"), ("causes", "verified"), ("whys", "root_cause"),
}


def _check_tables(tables: Any) -> None:
    if not isinstance(tables, Mapping) or not all(isinstance(v, pd.DataFrame) for v in tables.values()):
        raise DataValidationError(
            f"`tables` must be a mapping {{table name: DataFrame}} such as Workbook.tables, but "
            f"{type(tables).__name__} "
            "was passed. Fix: pass io.load_workbook(path).tables."
        )


def _date_columns(name: str, frame: pd.DataFrame) -> list[str]:
    table = schemas.TABLES.get(name)
    declared = [c.name for c in table.columns if c.kind in ("date", "datetime")] if table else []
    return [c for c in frame.columns if c in declared or pd.api.types.is_datetime64_any_dtype(frame[c])]


def _id_columns(name: str) -> list[str]:
    table = schemas.TABLES.get(name)
    if table is None:
        return []
    if table.unique_together:
        return list(table.unique_together)
    return [c.name for c in table.columns if c.unique][:1]


def tables_overview(tables: Tables, *, files: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """One row per table of the data contract: present or not, file, rows, columns, most recent date.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        The loaded tables (``Workbook.tables``).
    files : mapping of str to path, optional
        The file each table came from (``Workbook.files``).

    Returns
    -------
    DataFrame
        Columns ``table``, ``present``, ``file``, ``rows``, ``columns``, ``latest_date`` (the most
        recent value over the table's date columns), ``used_by`` (notebooks reading it).

    Notes
    -----
    Tables are listed in the order of DESIGN.md section 3; a missing table has ``rows`` 0.
    """
    _check_tables(tables)
    files = files or {}
    rows = []
    for name in schemas.table_names():
        frame = tables.get(name)
        latest = pd.NaT
        if frame is not None:
            stamps = [frame[c].max() for c in _date_columns(name, frame) if frame[c].notna().any()]
            latest = max(stamps) if stamps else pd.NaT
        path = files.get(name)
        rows.append({"table": name, "present": frame is not None,
                     "file": getattr(path, "name", str(path)) if path is not None else "",
                     "rows": 0 if frame is None else len(frame),
                     "columns": 0 if frame is None else frame.shape[1],
                     "latest_date": latest, "used_by": ", ".join(NOTEBOOK_TABLES.get(name, ()))})
    out = pd.DataFrame(rows)
    out["latest_date"] = pd.to_datetime(out["latest_date"])
    return out


def date_coverage(tables: Tables) -> pd.DataFrame:
    """Per date column of every table: first and last date, days spanned, blanks.

    Returns
    -------
    DataFrame
        Columns ``table``, ``column``, ``min``, ``max``, ``days`` (max − min in whole days, + 1),
        ``n``, ``n_missing``.
    """
    _check_tables(tables)
    rows = []
    for name, frame in tables.items():
        for column in _date_columns(name, frame):
            values = pd.to_datetime(frame[column], errors="coerce")
            first, last = values.min(), values.max()
            days = (last.normalize() - first.normalize()).days + 1 if pd.notna(first) else 0
            rows.append({"table": name, "column": column, "min": first, "max": last, "days": days,
                         "n": len(values), "n_missing": int(values.isna().sum())})
    return pd.DataFrame(rows, columns=["table", "column", "min", "max", "days", "n", "n_missing"])


def _blank(series: pd.Series) -> pd.Series:
    blank = series.isna()
    if series.dtype == object or pd.api.types.is_string_dtype(series):
        blank = blank | series.astype("string").str.strip().eq("").fillna(False)
    return blank.astype(bool)


def completeness(tables: Tables) -> pd.DataFrame:
    """Share of filled cells per column of every table (blank strings count as missing).

    Returns
    -------
    DataFrame
        Columns ``table``, ``column``, ``n`` (rows), ``n_filled``, ``filled_pct`` (0–100),
        ``required`` (the schema requires the column), ``blank_expected`` (blanks are normal for
        some rows of this column, e.g. ``causes.parent_id`` of main causes).

    Notes
    -----
    filled_pct = 100 × n_filled / n, with n_filled the count of non-missing, non-blank cells
    (pandas ``DataFrame.count`` plus blank-string detection). NaN for a table without rows.
    """
    _check_tables(tables)
    rows = []
    for name, frame in tables.items():
        table = schemas.TABLES.get(name)
        for column in frame.columns:
            n = len(frame)
            filled = int((~_blank(frame[column])).sum())
            spec = table.column(column) if table else None
            rows.append({"table": name, "column": str(column), "n": n, "n_filled": filled,
                         "filled_pct": 100.0 * filled / n if n else float("nan"),
                         "required": bool(spec.required) if spec else False,
                         "blank_expected": (name, str(column)) in EXPECTED_BLANKS})
    return pd.DataFrame(rows, columns=["table", "column", "n", "n_filled", "filled_pct", "required", "blank_expected"])


def duplicates(tables: Tables) -> pd.DataFrame:
    """Duplicate rows and duplicate keys per table.

    Returns
    -------
    DataFrame
        Columns ``table``, ``key`` (the id column(s) from the schema, "" when the table has none),
        ``duplicate_rows`` (rows identical to an earlier row in every column, as pandas
        ``DataFrame.duplicated(keep="first")``), ``duplicate_keys`` (rows whose key repeats an
        earlier row's key), ``duplicate_rows_pct``.
    """
    _check_tables(tables)
    rows = []
    for name, frame in tables.items():
        key = [c for c in _id_columns(name) if c in frame.columns]
        dup_rows = int(frame.duplicated(keep="first").sum()) if len(frame) else 0
        dup_keys = int(frame.duplicated(subset=key, keep="first").sum()) if key and len(frame) else 0
        rows.append({"table": name, "key": "+".join(key), "duplicate_rows": dup_rows, "duplicate_keys": dup_keys,
                     "duplicate_rows_pct": 100.0 * dup_rows / len(frame) if len(frame) else 0.0})
    return pd.DataFrame(rows, columns=["table", "key", "duplicate_rows", "duplicate_keys", "duplicate_rows_pct"])


#: The soft rules, in the order they are checked; their descriptions and fixes are glossary texts
#: ``hl_rule_<code>`` and ``hl_fix_<code>`` (:mod:`sqmkit.glossary.health`).
RULES = ("no_first_response", "open_ticket", "response_after_resolution", "no_contacts_or_fcr", "survey_blank",
         "action_no_owner", "action_no_due", "done_without_date", "after_as_of", "outside_period")


def _rule_masks(tables: Tables, config: Mapping[str, Any]) -> list[tuple[str, pd.DataFrame, str, pd.Series]]:
    """(table, frame, rule, offending rows as a boolean Series) for every rule that applies."""
    out = []
    t = tables.get("tickets")
    if t is not None:
        if "first_response_at" in t:
            out.append(("tickets", t, "no_first_response", t["first_response_at"].isna()))
        if "resolved_at" in t:
            out.append(("tickets", t, "open_ticket", t["resolved_at"].isna()))
        if {"first_response_at", "resolved_at"} <= set(t.columns):
            out.append(("tickets", t, "response_after_resolution", t["first_response_at"] > t["resolved_at"]))
        if "resolved_at" in t and ("contacts" in t or "fcr" in t):
            missing = pd.Series(True, index=t.index)
            for column in ("contacts", "fcr"):
                if column in t:
                    missing &= t[column].isna()
            out.append(("tickets", t, "no_contacts_or_fcr", t["resolved_at"].notna() & missing))
    s = tables.get("survey")
    if s is not None:
        survey = config.get("survey") or {}
        rated = [(survey.get(k) or {}).get("column", k) for k in ("overall", "nps")]  # survey.overall/nps.column
        answer_columns = [c for c in dict.fromkeys(rated) if c in s]
        answer_columns += [c for c in (survey.get("items") or {}) if c in s]
        if answer_columns:
            out.append(("survey", s, "survey_blank", s[answer_columns].isna().any(axis=1)))
    a = tables.get("actions")
    if a is not None:
        finished = a["status"].isin(["done", "cancelled"]) if "status" in a else pd.Series(False, index=a.index)
        if "owner" in a:
            out.append(("actions", a, "action_no_owner", _blank(a["owner"])))
        if "due" in a:
            out.append(("actions", a, "action_no_due", a["due"].isna() & ~finished))
        if "done_date" in a and "status" in a:
            out.append(("actions", a, "done_without_date", a["status"].eq("done") & a["done_date"].isna()))
    as_of = pd.Timestamp(config["as_of"]).normalize() if config.get("as_of") is not None else None
    period = config.get("period") or {}
    start = pd.Timestamp(period["start"]).normalize() if period.get("start") is not None else None
    end = pd.Timestamp(period["end"]).normalize() if period.get("end") is not None else None
    for name, frame in tables.items():
        table = schemas.TABLES.get(name)
        for column in (table.date_columns_for_coverage if table else ()):
            if column not in frame:
                continue
            day = pd.to_datetime(frame[column]).dt.normalize()
            if as_of is not None:
                out.append((name, frame, "after_as_of", day > as_of))
            if start is not None or end is not None:
                outside = pd.Series(False, index=frame.index)
                if start is not None:
                    outside |= day < start
                if end is not None:
                    outside |= day > end
                out.append((name, frame, "outside_period", outside))
    return [(name, frame, rule, bad.fillna(False).astype(bool)) for name, frame, rule, bad in out]


def _rule_row(name: str, frame: pd.DataFrame, rule: str, bad: pd.Series, lang: str) -> dict[str, Any]:
    key = _id_columns(name)
    ids = frame.loc[bad, key[0]] if key and key[0] in frame else pd.Series(frame.index[bad] + 2)
    return {"table": name, "rule": rule, "description": text(f"hl_rule_{rule}", lang), "rows": int(bad.sum()),
            "pct": 100.0 * bad.sum() / len(frame) if len(frame) else 0.0,
            "examples": ", ".join(str(v) for v in ids.head(5)), "fix": text(f"hl_fix_{rule}", lang)}


def rule_violations(tables: Tables, *, config: Mapping[str, Any] | None = None, lang: str = "zh") -> pd.DataFrame:
    """Soft rules that validation lets through but that bias an analysis; one row per rule that applies.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        The loaded tables.
    config : mapping, optional
        The workbook config (``period`` start/end, ``as_of``, ``survey``); rules on dates need it.
    lang : {"zh", "en"}
        Language of ``description`` and ``fix``.

    Returns
    -------
    DataFrame
        Columns ``table``, ``rule``, ``description``, ``rows`` (offending rows), ``pct`` (of the
        table's rows, 0–100), ``examples`` (first five ids), ``fix``. Rules with no offending row
        are listed too (rows 0), so the table shows what was checked.

    Notes
    -----
    Date rules use the table's event dates (tickets.created_at, survey.date, complaints.date,
    kpi_values.period), compared in whole days with ``as_of`` and ``period``.
    """
    _check_tables(tables)
    check_lang(lang)
    out = [_rule_row(name, frame, rule, bad, lang) for name, frame, rule, bad in _rule_masks(tables, config or {})]
    return pd.DataFrame(out, columns=["table", "rule", "description", "rows", "pct", "examples", "fix"])


def flagged_rows(tables: Tables, *, config: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Per table with rule checks: how many distinct rows break at least one rule of :func:`rule_violations`.

    A ticket without a first response that is also still open breaks two rules: it is one flagged row
    and two flags. :func:`rule_violations` counts flags per rule; this table counts rows.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        The loaded tables.
    config : mapping, optional
        The workbook config, as for :func:`rule_violations`.

    Returns
    -------
    DataFrame
        Columns ``table``, ``rows`` (the table's rows), ``flagged_rows`` (rows breaking at least one
        rule), ``flags`` (rule breaks in all, the sum of ``rule_violations``' ``rows``), ``flagged_pct``
        (100 × flagged_rows / rows; 0 for a table without rows). One row per table that has at least
        one rule that applies, in the order the rules are checked.

    Examples
    --------
    >>> t = pd.DataFrame({"ticket_id": ["T1", "T2"], "first_response_at": pd.to_datetime([None, None]),
    ...                   "resolved_at": pd.to_datetime(["2025-01-02", None])})
    >>> flagged_rows({"tickets": t})[["table", "rows", "flagged_rows", "flags"]]
         table  rows  flagged_rows  flags
    0  tickets     2             2      3
    """
    _check_tables(tables)
    masks: dict[str, list[pd.Series]] = {}
    sizes: dict[str, int] = {}
    for name, frame, _, bad in _rule_masks(tables, config or {}):
        masks.setdefault(name, []).append(bad)
        sizes[name] = len(frame)
    rows = []
    for name, bads in masks.items():
        flagged = int(pd.concat(bads, axis=1).any(axis=1).sum()) if sizes[name] else 0
        rows.append({"table": name, "rows": sizes[name], "flagged_rows": flagged,
                     "flags": int(sum(b.sum() for b in bads)),
                     "flagged_pct": 100.0 * flagged / sizes[name] if sizes[name] else 0.0})
    return pd.DataFrame(rows, columns=["table", "rows", "flagged_rows", "flags", "flagged_pct"])
