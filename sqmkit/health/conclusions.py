"""Findings of the data-health step: its headline figures and what to fix before the workshop, as data.

:func:`findings` reads the tables of :mod:`sqmkit.health.analysis` only (no data access, no re-analysis)
and returns a findings table (:mod:`sqmkit.findings`); the sentences are glossary templates
(:mod:`sqmkit.glossary.health`), so the notebook shows them in the report's language.
"""
from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

from sqmkit._checks import check_lang
from sqmkit.exceptions import DataValidationError
from sqmkit.findings import finding, findings_table
from sqmkit.glossary import text

__all__ = ["findings", "EVENT_TABLES"]

#: Tables whose latest date should reach ``as_of`` (event logs); the others (targets, actions …) need not.
EVENT_TABLES = ("tickets", "survey", "complaints", "kpi_values")


def _pct(value: float, lang: str) -> str:
    """A share as the sentences show it: one decimal, ``under 0.1 %`` for a small non-zero share."""
    if 0 < value < 0.05:
        return text("hl_less_than", lang, pct="0.1 %")
    return f"{value:.1f} %"


def _join(items: list[str], lang: str) -> str:
    return text("list_sep", lang).join(items) if items else text("hl_none", lang)


def _check_frame(name: str, value: Any, columns: list[str]) -> None:
    if value is None:
        return
    if not isinstance(value, pd.DataFrame) or not set(columns) <= set(value.columns):
        raise DataValidationError(f"`{name}` must be the table of sqmkit.health with the columns {columns}, but "
                                  f"{type(value).__name__} was passed. Fix: pass the result of the health function "
                                  f"of that name.")


def findings(*, overview: pd.DataFrame | None = None, coverage: pd.DataFrame | None = None,
             filled: pd.DataFrame | None = None,
             violations: pd.DataFrame | None = None, flagged: pd.DataFrame | None = None,
             dups: pd.DataFrame | None = None, config: Mapping[str, Any] | None = None, lang: str = "zh",
             fixes: bool = False, low_pct: float = 90.0, stale_days: int = 31, max_listed: int = 8) -> pd.DataFrame:
    """Headline figures and sentences of the data-health step, or its list of fixes (``fixes=True``).

    Parameters
    ----------
    overview : DataFrame, optional
        :func:`sqmkit.health.tables_overview`.
    coverage : DataFrame, optional
        :func:`sqmkit.health.date_coverage`.
    filled : DataFrame, optional
        :func:`sqmkit.health.completeness`.
    violations : DataFrame, optional
        :func:`sqmkit.health.rule_violations` (its ``description`` and ``fix`` in ``lang``).
    flagged : DataFrame, optional
        :func:`sqmkit.health.flagged_rows` (distinct rows breaking a rule).
    dups : DataFrame, optional
        :func:`sqmkit.health.duplicates`.
    config : mapping, optional
        The workbook config: its ``as_of`` dates the check for tables that stop early (with ``overview``),
        its ``period`` and ``as_of`` are named beside the date coverage.
    lang : {"zh", "en"}
        Language of labels and sentences.
    fixes : bool
        False (default): the figures of the tables given, each with the sentence that states it.
        True: the list of what to fix before the workshop, most urgent first, computed from the tables
        given (rows without a value, so nothing is recorded twice).
    low_pct : float
        A column that should not be blank (not in ``EXPECTED_BLANKS``) filled below this share (%) is
        listed. Default 90.
    stale_days : int
        An event table (:data:`EVENT_TABLES`) whose latest date lies more than this many whole days
        before ``as_of`` is listed as ending early. Default 31 (about a month: a monthly export that
        missed its last run).
    max_listed : int
        At most this many incomplete columns are named in one sentence (the rest are counted). Default 8.

    Returns
    -------
    DataFrame
        A findings table (``key``, ``value``, ``unit``, ``label``, ``sentence``).

        With ``fixes=False``, for the tables given:

        ============================== ===================================================================
        key                            value; sentence
        ============================== ===================================================================
        tables_present                 tables with data (unit ``/ N``); "holds k of N tables, r rows", or,
                                       with no data at all, that every table is empty or missing and the
                                       other notebooks have nothing to analyse
        rows                           rows over all tables (no sentence)
        coverage                       no value; the first and last date over the date columns, the period
                                       and ``as_of`` beside them, or that no table has a date to show
        tables_missing                 missing tables; names them and the notebooks that skip sections
                                       (no sentence when none is missing or none is present)
        min_completeness_pct           the lowest filled share (%) of a column that should not be blank;
                                       says whether every such column reaches ``low_pct`` and names the
                                       lowest (NaN and "no completeness to show" without columns)
        low_columns                    columns under ``low_pct`` that should not be blank (no sentence)
        rule_violation_rows            distinct rows breaking at least one rule (needs ``flagged``); says
                                       how many of how many rows (%) and the flags in all, or that no row
                                       breaks a rule; NaN and "nothing to check" when no checked table has
                                       rows (an empty workbook is not a clean one)
        rule_flags                     rule breaks in all (a row may count several times; no sentence)
        tickets_no_first_response_pct  % of tickets without a first response (NaN without tickets)
        tickets_open_pct               % of tickets still open (NaN without tickets)
        duplicate_keys                 rows repeating an earlier id; says whether any id or row repeats
                                       (NaN and "nothing to check" without a present table)
        duplicate_rows                 rows identical to an earlier row (no sentence)
        ============================== ===================================================================

        With ``fixes=True``: ``fixes`` (the number of fixes; "to fix before the workshop, most urgent
        first", "nothing to fix", or, when no table holds data, what to fill in first) and then one row
        per fix ``fix_1``, ``fix_2`` … without a value, in this order: repeated ids, rows entered twice,
        rule breaks by the share of rows affected, incomplete columns, event tables that end more than
        ``stale_days`` before ``as_of``, missing tables with the notebooks they feed. A part whose table
        was not given is not checked.

    Examples
    --------
    >>> from sqmkit import health
    >>> tables = {"kpi_targets": pd.DataFrame({"kpi": ["fcr_pct"], "target": [75.0]})}
    >>> f = findings(overview=health.tables_overview(tables), lang="en")
    >>> f.loc[0, "sentence"]
    'The workbook holds 1 of 12 tables, 1 rows in all.'
    """
    check_lang(lang)
    for name, value, columns in (("overview", overview, ["table", "present", "rows", "used_by", "latest_date"]),
                                 ("coverage", coverage, ["table", "column", "min", "max"]),
                                 ("filled", filled, ["table", "column", "n", "filled_pct", "blank_expected"]),
                                 ("violations", violations, ["table", "rule", "rows", "pct", "examples", "fix"]),
                                 ("flagged", flagged, ["table", "rows", "flagged_rows", "flags"]),
                                 ("dups", dups, ["table", "key", "duplicate_rows", "duplicate_keys"])):
        _check_frame(name, value, columns)
    if fixes:
        return _fixes(overview, filled, violations, dups, config or {}, lang=lang, low_pct=low_pct,
                      stale_days=stale_days, max_listed=max_listed)
    rows: list[dict[str, Any]] = []
    if overview is not None:
        rows += _overview_rows(overview, lang)
    if coverage is not None:
        rows.append(_coverage_row(coverage, config or {}, lang))
    if filled is not None:
        rows += _completeness_rows(filled, lang, low_pct)
    if violations is not None or flagged is not None:
        rows += _rule_rows(violations, flagged, lang)
    if dups is not None:
        rows += _duplicate_rows(dups, lang)
    return findings_table(rows)


def _overview_rows(overview: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    present = overview[overview["present"].astype(bool)]
    missing = overview[~overview["present"].astype(bool)]
    total, n_rows = len(overview), int(present["rows"].sum())
    if len(present) and n_rows:
        holds = text("hl_holds", lang, present=len(present), total=total, rows=n_rows)
    else:
        holds = text("hl_holds_nothing", lang, total=total)
    out = [finding("tables_present", int(len(present)), label=text("hl_tables_present", lang), unit=f"/ {total}",
                   sentence=holds),
           finding("rows", n_rows, label=text("hl_rows", lang))]
    sentence = ""
    if len(missing) and len(present):
        notebooks = _notebooks(missing)
        tables = _join(list(missing["table"]), lang)
        sentence = (text("hl_missing", lang, tables=tables, notebooks=_join(notebooks, lang))
                    if notebooks else text("hl_missing_unused", lang, tables=tables))
    out.append(finding("tables_missing", int(len(missing)), label=text("hl_tables_missing", lang), sentence=sentence))
    return out


def _day(value: Any) -> str:
    return f"{pd.Timestamp(value):%Y-%m-%d}" if value is not None and pd.notna(value) else "—"


def _coverage_row(coverage: pd.DataFrame, config: Mapping[str, Any], lang: str) -> dict[str, Any]:
    first, last = pd.to_datetime(coverage["min"]).min(), pd.to_datetime(coverage["max"]).max()
    label = text("hl_coverage_title", lang)
    if pd.isna(first):
        return finding("coverage", label=label, sentence=text("hl_no_dates", lang))
    period = config.get("period") or {}
    return finding("coverage", label=label, sentence=text(
        "hl_coverage", lang, first=_day(first), last=_day(last), start=_day(period.get("start")),
        end=_day(period.get("end")), as_of=_day(config.get("as_of"))))


def _notebooks(missing: pd.DataFrame) -> list[str]:
    return sorted({nb for used in missing["used_by"] for nb in str(used).split(", ") if nb})


def _checked_columns(filled: pd.DataFrame) -> pd.DataFrame:
    """Columns of tables with rows whose blanks are not expected: the ones completeness is judged on."""
    return filled[~filled["blank_expected"].astype(bool) & (filled["n"] > 0)].dropna(subset=["filled_pct"])


def _low_columns(filled: pd.DataFrame, low_pct: float) -> pd.DataFrame:
    checked = _checked_columns(filled)
    return checked[checked["filled_pct"] < low_pct].sort_values(["filled_pct", "table", "column"], kind="mergesort")


def _completeness_rows(filled: pd.DataFrame, lang: str, low_pct: float) -> list[dict[str, Any]]:
    checked = _checked_columns(filled).sort_values(["filled_pct", "table", "column"], kind="mergesort")
    low = _low_columns(filled, low_pct)
    label = text("hl_min_completeness", lang)
    if filled[filled["n"] > 0].empty:
        return [finding("min_completeness_pct", float("nan"), label=label, unit="%",
                        sentence=text("hl_no_columns", lang))]
    if checked.empty:
        return [finding("min_completeness_pct", float("nan"), label=label, unit="%",
                        sentence=text("hl_only_expected_blanks", lang))]
    lowest = checked.iloc[0]
    fields = dict(low=f"{low_pct:g} %", column=f"{lowest['table']}.{lowest['column']}",
                  pct=_pct(float(lowest["filled_pct"]), lang))
    sentence = (text("hl_incomplete", lang, n=len(low), **fields) if len(low)
                else text("hl_complete", lang, **fields))
    return [finding("min_completeness_pct", round(float(lowest["filled_pct"]), 1), label=label, unit="%",
                    sentence=sentence),
            finding("low_columns", int(len(low)), label=text("hl_low_columns", lang))]


def _rule_rows(violations: pd.DataFrame | None, flagged: pd.DataFrame | None, lang: str) -> list[dict[str, Any]]:
    out = []
    if flagged is not None:
        n_flags = int(flagged["flags"].sum())
        n_rules = len(violations) if violations is not None else 0
        if flagged.empty or int(flagged["rows"].sum()) == 0:  # nothing checked: no figure, not a clean "0"
            return [finding("rule_violation_rows", float("nan"), label=text("hl_rule_violation_rows", lang),
                            sentence=text("hl_rules_nothing", lang))]
        else:
            total, count = int(flagged["rows"].sum()), int(flagged["flagged_rows"].sum())
            fields = dict(rules=n_rules, total=total)
            sentence = (text("hl_rules_rows", lang, flagged=count, flags=n_flags, pct=_pct(100.0 * count / total, lang),
                             **fields) if count else text("hl_rules_none", lang, **fields))
        out += [finding("rule_violation_rows", int(flagged["flagged_rows"].sum()),
                        label=text("hl_rule_violation_rows", lang), sentence=sentence),
                finding("rule_flags", n_flags, label=text("hl_rule_flags", lang))]
    elif violations is not None:
        out.append(finding("rule_flags", int(violations["rows"].sum()), label=text("hl_rule_flags", lang)))
    if violations is not None:
        for key, rule, label in (("tickets_no_first_response_pct", "no_first_response", "hl_no_first_response_pct"),
                                 ("tickets_open_pct", "open_ticket", "hl_open_pct")):
            hit = violations[(violations["table"] == "tickets") & (violations["rule"] == rule)]
            value = round(float(hit["pct"].iloc[0]), 1) if len(hit) else float("nan")
            out.append(finding(key, value, label=text(label, lang), unit="%"))
    return out


def _duplicate_rows(dups: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    if dups.empty:
        return [finding("duplicate_keys", float("nan"), label=text("hl_duplicate_keys", lang),
                        sentence=text("hl_dups_nothing", lang))]
    keys, rows = int(dups["duplicate_keys"].sum()), int(dups["duplicate_rows"].sum())
    sentence = text("hl_dups_some", lang, keys=keys, rows=rows) if keys or rows else text("hl_dups_none", lang)
    return [finding("duplicate_keys", keys, label=text("hl_duplicate_keys", lang), sentence=sentence),
            finding("duplicate_rows", rows, label=text("hl_duplicate_rows", lang))]


def _fixes(overview, filled, violations, dups, config, *, lang, low_pct, stale_days, max_listed) -> pd.DataFrame:
    todo: list[str] = []
    if dups is not None:
        for r in dups[dups["duplicate_keys"] > 0].itertuples():
            todo.append(text("hl_fix_dup_keys", lang, table=r.table, n=int(r.duplicate_keys), id=r.key))
        for r in dups[(dups["duplicate_rows"] > 0) & (dups["duplicate_keys"] == 0)].itertuples():
            todo.append(text("hl_fix_dup_rows", lang, table=r.table, n=int(r.duplicate_rows),
                             pct=_pct(float(r.duplicate_rows_pct), lang)))
    if violations is not None:
        hit = violations[violations["rows"] > 0].sort_values("pct", ascending=False, kind="mergesort")
        for r in hit.itertuples():
            examples = text("hl_examples", lang, ids=r.examples) if r.examples else ""
            todo.append(text("hl_fix_rule", lang, table=r.table, n=int(r.rows), description=r.description,
                             pct=_pct(float(r.pct), lang), examples=examples, fix=r.fix))
    if filled is not None:
        low = _low_columns(filled, low_pct)
        if len(low):
            listed = [f"{r.table}.{r.column} {r.filled_pct:.0f} %" for r in low.head(max_listed).itertuples()]
            more = text("hl_more_columns", lang, n=len(low) - max_listed) if len(low) > max_listed else ""
            todo.append(text("hl_fix_low", lang, low=f"{low_pct:g} %", columns=_join(listed, lang), more=more))
    nothing = False
    if overview is not None:
        present = overview[overview["present"].astype(bool)]
        nothing = present.empty or int(present["rows"].sum()) == 0
        as_of = config.get("as_of")
        if as_of is not None:
            as_of = pd.Timestamp(as_of).normalize()
            for r in present.dropna(subset=["latest_date"]).itertuples():
                gap = (as_of - pd.Timestamp(r.latest_date).normalize()).days
                if r.table in EVENT_TABLES and gap > stale_days:
                    todo.append(text("hl_fix_stale", lang, table=r.table, latest=f"{r.latest_date:%Y-%m-%d}",
                                     days=gap, as_of=f"{as_of:%Y-%m-%d}"))
        missing = overview[~overview["present"].astype(bool)]
        if len(missing) and not nothing:
            todo.append(text("hl_fix_missing", lang, tables=_join(list(missing["table"]), lang),
                             notebooks=_join(_notebooks(missing), lang)))
    label = text("hl_fixes", lang)
    if nothing:
        return findings_table([finding("fixes", 1, label=label, sentence=text("hl_fixes_empty", lang))])
    head = text("hl_fixes_head", lang, n=len(todo)) if todo else text("hl_fixes_none", lang)
    rows = [finding("fixes", len(todo), label=label, sentence=head)]
    rows += [finding(f"fix_{i}", label=label, sentence=text("hl_fix_item", lang, i=i, text=item))
             for i, item in enumerate(todo, 1)]
    return findings_table(rows)
