"""Data health of a workbook: what it holds and what to fix before the workshop.

Validation (:mod:`sqmkit.io`) stops data that cannot be analysed. This module describes data that
*can* be analysed but deserves a look: tables present or missing, rows, date coverage,
completeness per column, soft rule violations (tickets without a first response, open tickets,
dates after ``as_of``...), duplicate rows and ids, and the most recent date per table. Each function
takes the tables of a loaded workbook (``Workbook.tables``: ``{name: DataFrame}``) and returns a tidy
DataFrame; :func:`health_narrative` turns them into advice.
"""
from __future__ import annotations

import html
from typing import Any, Mapping

import pandas as pd

from sqmkit import schemas
from sqmkit._checks import check_lang
from sqmkit.exceptions import DataValidationError

__all__ = ["tables_overview", "date_coverage", "completeness", "rule_violations", "duplicates",
           "health_narrative", "headline_figures", "NOTEBOOK_TABLES", "EXPECTED_BLANKS"]

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
            f"`tables` must be a mapping {{table name: DataFrame}} such as Workbook.tables, but {type(tables).__name__} "
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


_RULES = {
    "no_first_response": {
        "zh": ("工单没有首次响应时间", "首次响应时间统计会排除这些工单；补录响应时间或确认确实未响应"),
        "en": ("tickets without a first response", "first-response statistics leave them out; fill in the time or confirm there was none")},
    "open_ticket": {
        "zh": ("工单尚未解决（无解决时间）", "解决时长和 SLA 只统计已解决工单；确认是否仍在处理"),
        "en": ("tickets still open (no resolved_at)", "resolution time and SLA count resolved tickets only; check they are really open")},
    "response_after_resolution": {
        "zh": ("首次响应晚于解决时间", "核对两个时间戳（时区、录入顺序）"),
        "en": ("first response after resolution", "check both timestamps (time zone, order of entry)")},
    "no_contacts_or_fcr": {
        "zh": ("已解决工单缺少接触次数/一次解决标记", "一次解决率（FCR）会排除这些工单；补录 contacts 或 fcr"),
        "en": ("resolved tickets without contacts or fcr", "FCR leaves them out; fill in contacts or fcr")},
    "after_as_of": {
        "zh": ("日期晚于状态日期 as_of", "确认 sqmkit.yaml 的 as_of，或更正日期"),
        "en": ("dates after the status date as_of", "check as_of in sqmkit.yaml, or correct the dates")},
    "outside_period": {
        "zh": ("日期在分析期间之外", "确认 sqmkit.yaml 的 period，或删除期间外的记录"),
        "en": ("dates outside the analysis period", "check period in sqmkit.yaml, or drop the rows outside it")},
    "survey_blank": {
        "zh": ("问卷总体满意度/NPS/题项未作答", "这些答卷在相应统计中被排除；确认问卷导出是否完整"),
        "en": ("survey answers left blank (overall, NPS or items)", "they are left out of those statistics; check the survey export")},
    "action_no_owner": {
        "zh": ("措施没有负责人", "为每条措施指定负责人"),
        "en": ("actions without an owner", "give every action an owner")},
    "action_no_due": {
        "zh": ("未完成措施没有截止日期", "补充截止日期，否则无法判断是否逾期"),
        "en": ("unfinished actions without a due date", "add a due date, otherwise overdue cannot be judged")},
    "done_without_date": {
        "zh": ("已完成措施没有完成日期", "补录完成日期，否则无法判断是否按期完成"),
        "en": ("finished actions without a done_date", "fill in done_date, otherwise lateness cannot be judged")},
}


def _rule_row(name: str, frame: pd.DataFrame, rule: str, bad: pd.Series, lang: str) -> dict[str, Any]:
    key = _id_columns(name)
    bad = bad.fillna(False).astype(bool)
    ids = frame.loc[bad, key[0]] if key and key[0] in frame else pd.Series(frame.index[bad] + 2)
    text, fix = _RULES[rule][lang if lang in ("zh", "en") else "en"]
    return {"table": name, "rule": rule, "description": text, "rows": int(bad.sum()),
            "pct": 100.0 * bad.sum() / len(frame) if len(frame) else 0.0,
            "examples": ", ".join(str(v) for v in ids.head(5)), "fix": fix}


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
    config = config or {}
    out = []
    t = tables.get("tickets")
    if t is not None:
        if "first_response_at" in t:
            out.append(_rule_row("tickets", t, "no_first_response", t["first_response_at"].isna(), lang))
        if "resolved_at" in t:
            out.append(_rule_row("tickets", t, "open_ticket", t["resolved_at"].isna(), lang))
        if {"first_response_at", "resolved_at"} <= set(t.columns):
            out.append(_rule_row("tickets", t, "response_after_resolution",
                                 t["first_response_at"] > t["resolved_at"], lang))
        if "resolved_at" in t and ("contacts" in t or "fcr" in t):
            missing = pd.Series(True, index=t.index)
            for column in ("contacts", "fcr"):
                if column in t:
                    missing &= t[column].isna()
            out.append(_rule_row("tickets", t, "no_contacts_or_fcr", t["resolved_at"].notna() & missing, lang))
    s = tables.get("survey")
    if s is not None:
        survey = config.get("survey") or {}
        rated = [(survey.get(k) or {}).get("column", k) for k in ("overall", "nps")]  # survey.overall/nps.column
        answer_columns = [c for c in dict.fromkeys(rated) if c in s]
        answer_columns += [c for c in (survey.get("items") or {}) if c in s]
        if answer_columns:
            out.append(_rule_row("survey", s, "survey_blank", s[answer_columns].isna().any(axis=1), lang))
    a = tables.get("actions")
    if a is not None:
        finished = a["status"].isin(["done", "cancelled"]) if "status" in a else pd.Series(False, index=a.index)
        if "owner" in a:
            out.append(_rule_row("actions", a, "action_no_owner", _blank(a["owner"]), lang))
        if "due" in a:
            out.append(_rule_row("actions", a, "action_no_due", a["due"].isna() & ~finished, lang))
        if "done_date" in a and "status" in a:
            out.append(_rule_row("actions", a, "done_without_date", a["status"].eq("done") & a["done_date"].isna(), lang))
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
                out.append(_rule_row(name, frame, "after_as_of", day > as_of, lang))
            if start is not None or end is not None:
                outside = pd.Series(False, index=frame.index)
                if start is not None:
                    outside |= day < start
                if end is not None:
                    outside |= day > end
                out.append(_rule_row(name, frame, "outside_period", outside, lang))
    return pd.DataFrame(out, columns=["table", "rule", "description", "rows", "pct", "examples", "fix"])


def _pct(value: float) -> str:
    return f"{value:.1f} %" if value >= 0.1 or value == 0 else "< 0.1 %"


def health_narrative(overview: pd.DataFrame, *, violations: pd.DataFrame, filled: pd.DataFrame,
                     dups: pd.DataFrame, config: Mapping[str, Any] | None = None, lang: str = "zh",
                     low_pct: float = 90.0) -> str:
    """Markdown advice for the consultant, computed from the tables of this module.

    Lists, in order of urgency: duplicate keys, rule violations by affected share, columns less
    than ``low_pct`` % filled (unless blanks are expected there, see ``EXPECTED_BLANKS``), tables that end before ``as_of``, and missing tables with the
    notebooks they feed. Every value from the data is shown as text (:func:`sqmkit.safehtml.md_text`;
    names inside a code span are HTML-escaped).
    """
    from sqmkit.safehtml import md_text

    zh = lang == "zh"
    esc = html.escape
    config = config or {}
    present = overview[overview["present"]]
    missing = overview[~overview["present"]]
    lines = [(f"工作簿包含 **{len(present)} / {len(overview)}** 张表，共 **{int(present['rows'].sum()):,}** 行。" if zh else
              f"The workbook holds **{len(present)} of {len(overview)}** tables, **{int(present['rows'].sum()):,}** rows in all.")]
    todo: list[str] = []
    for _, row in dups[dups["duplicate_keys"] > 0].iterrows():
        todo.append(f"`{esc(row['table'])}`：{row['duplicate_keys']:,} 行的 {esc(row['key'])} 与前面重复——先去重，否则计数会偏大。" if zh else
                    f"`{esc(row['table'])}`: {row['duplicate_keys']:,} rows repeat an earlier {esc(row['key'])} — remove them first, counts are inflated otherwise.")
    for _, row in dups[(dups["duplicate_rows"] > 0) & (dups["duplicate_keys"] == 0)].iterrows():
        todo.append(f"`{esc(row['table'])}`：{row['duplicate_rows']:,} 行与前面完全相同（{_pct(row['duplicate_rows_pct'])}）——确认是否重复录入。" if zh else
                    f"`{esc(row['table'])}`: {row['duplicate_rows']:,} rows are identical to an earlier row ({_pct(row['duplicate_rows_pct'])}) — check for double entry.")
    for _, row in violations[violations["rows"] > 0].sort_values("pct", ascending=False).iterrows():
        example = f"（例如 {md_text(row['examples'])}）" if zh and row["examples"] else (f" (e.g. {md_text(row['examples'])})" if row["examples"] else "")
        todo.append(f"`{esc(row['table'])}`：{row['rows']:,} 行{esc(row['description'])}（{_pct(row['pct'])}）{example}——{esc(row['fix'])}。" if zh else
                    f"`{esc(row['table'])}`: {row['rows']:,} {esc(row['description'])} ({_pct(row['pct'])}){example} — {esc(row['fix'])}.")
    low = filled[(filled["filled_pct"] < low_pct) & (filled["n"] > 0) & ~filled["blank_expected"]].sort_values("filled_pct")
    if len(low):
        cols = "，".join if zh else ", ".join
        listed = cols(f"`{esc(r.table)}.{esc(r.column)}` {r.filled_pct:.0f} %" for r in low.head(8).itertuples())
        more = (f" 等 {len(low)} 列" if zh else f" and {len(low) - 8} more") if len(low) > 8 else ""
        todo.append(f"填写率低于 {low_pct:.0f} % 的列：{listed}{more}——确认是否应补录，或在分析中说明。" if zh else
                    f"Columns under {low_pct:.0f} % filled: {listed}{more} — fill them in, or say so in the analysis.")
    as_of = config.get("as_of")
    if as_of is not None:
        as_of = pd.Timestamp(as_of).normalize()
        for r in present.dropna(subset=["latest_date"]).itertuples():
            gap = (as_of - pd.Timestamp(r.latest_date).normalize()).days
            if r.table in ("tickets", "survey", "complaints", "kpi_values") and gap > 31:
                todo.append(f"`{r.table}` 的最新日期是 {r.latest_date:%Y-%m-%d}，比 as_of（{as_of:%Y-%m-%d}）早 {gap} 天——请补充最新数据。" if zh else
                            f"`{r.table}` ends on {r.latest_date:%Y-%m-%d}, {gap} days before as_of ({as_of:%Y-%m-%d}) — add the latest data.")
    if len(missing):
        names = "、".join(f"`{m}`" for m in missing["table"]) if zh else ", ".join(f"`{m}`" for m in missing["table"])
        needed = sorted({nb for used in missing["used_by"] for nb in used.split(", ") if nb})
        todo.append(f"缺少的表：{names}；受影响的笔记本：{'、'.join(needed) or '无'}。用 `sqmkit new` 生成模板补充。" if zh else
                    f"Missing tables: {names}; notebooks affected: {', '.join(needed) or 'none'}. `sqmkit new` writes templates to add them.")
    if todo:
        lines.append("**研讨会前要处理的事项（按紧急程度）：**" if zh else "**To fix before the workshop (most urgent first):**")
        lines += [f"{i}. {item}" for i, item in enumerate(todo, 1)]
    else:
        lines.append("没有发现需要处理的问题：数据可以直接用于研讨会。" if zh else
                     "Nothing to fix: the data is ready for the workshop.")
    return "\n".join(lines)


def headline_figures(overview: pd.DataFrame, *, filled: pd.DataFrame, violations: pd.DataFrame,
                     dups: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The data-health figures shown on the report's index page, one row per figure.

    Returns
    -------
    DataFrame
        Columns ``key``, ``value`` (int or float, object dtype), ``label`` (in ``lang``), ``unit``
        ("" when none): tables present, rows,
        lowest completeness of a column where blanks are not expected, rule violations (rows),
        tickets without first response (%), open tickets (%), duplicate keys.
    """
    zh = lang == "zh"
    present = overview[overview["present"]]
    checked = filled[~filled["blank_expected"] & (filled["n"] > 0)]

    def rule_pct(rule: str) -> float:
        hit = violations[(violations["table"] == "tickets") & (violations["rule"] == rule)]
        return float(hit["pct"].iloc[0]) if len(hit) else float("nan")

    rows = [
        ("tables_present", int(len(present)), "数据表" if zh else "tables present", f"/ {len(overview)}"),
        ("rows", int(present["rows"].sum()), "总行数" if zh else "rows", ""),
        ("min_completeness_pct", float(checked["filled_pct"].min()) if len(checked) else float("nan"),
         "最低列填写率" if zh else "lowest column completeness", "%"),
        ("rule_violation_rows", int(violations["rows"].sum()), "规则提示行数" if zh else "rows flagged by rules", ""),
        ("tickets_no_first_response_pct", rule_pct("no_first_response"), "无首次响应工单" if zh else "tickets without first response", "%"),
        ("tickets_open_pct", rule_pct("open_ticket"), "未解决工单" if zh else "open tickets", "%"),
        ("duplicate_keys", int(dups["duplicate_keys"].sum()), "重复编号" if zh else "duplicate ids", ""),
    ]
    return pd.DataFrame(rows, columns=["key", "value", "label", "unit"], dtype=object)
