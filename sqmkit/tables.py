"""One table file: its headers mapped, its values converted to types, checked against the contract.

:func:`read_table` reads one file (or one sheet of an XLSX) found by :mod:`sqmkit.files`, maps its headers to
the canonical names of :mod:`sqmkit.schemas` (English or Chinese aliases, full-width or not), converts the
types — dates by :mod:`sqmkit.dates`, never guessing the day/month order or the clock — and validates
lazily with pandera: every problem of the file is collected, each naming the file, the column, the first
offending rows (as numbered in the file: the header is row 1), the values and the fix. What was decided
on the way (a column read day-first, offsets converted, control characters removed) is kept in
``attrs["notes"]``. :mod:`sqmkit.io` reads a whole workbook with it; :mod:`sqmkit.writeback` uses it to
check a save before it replaces the client's file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sqmkit import dates, files, schemas
from sqmkit._checks import combine_problems
from sqmkit.exceptions import DataValidationError
from sqmkit.files import DATA_SUFFIXES, Source
from sqmkit.glossary import Message, message
from sqmkit.pii import mask_pii

if TYPE_CHECKING:  # pandera is imported where tables are checked: a notebook of a run reads them checked
    import pandera.pandas as pa

__all__ = ["read_table", "read_source", "table_for", "table_file", "signature", "file_rows", "describe_problem",
           "EmptyTableError", "BLANK_TOKENS"]

_MAX_ROWS_SHOWN = 5
#: Cell values read as blank (compared stripped and in lower case).
BLANK_TOKENS = frozenset({"", "nan", "nat", "none", "null", "na", "n/a", "n.a.", "#n/a", "#null!", "-", "--", "—", "–",
                          "?", "无", "空", "(blank)", "(空白)"})
_FLAG_VALUES = {
    "1": True, "0": False, "1.0": True, "0.0": False, "true": True, "false": False, "yes": True, "no": False,
    "y": True, "n": False, "t": True, "f": False, "是": True, "否": False, "对": True, "错": False,
    "√": True, "×": False, "x": True,
}
# glossary keys of the fixes: a day/month order not settled (False) or contradicted (True), mixed UTC offsets
_DATE_FIX = {False: "date_order_fix", True: "date_one_format_fix"}
_OFFSET_FIX = "date_timezone_fix"
#: The column kinds whose values are parsed (the glossary has ``check_parse_KIND`` and ``check_parse_KIND_fix``).
_PARSED_KINDS = ("datetime", "date", "number", "flag")


class EmptyTableError(DataValidationError):
    """A table file with a header and no rows: a template not filled in yet; treated as missing."""


# --------------------------------------------------------------------------------------------
# Converting one table's columns
# --------------------------------------------------------------------------------------------
def table_file(workbook: str | Path, name: str) -> Path | None:
    """The file named after table ``name`` in the workbook (``data/NAME.csv`` …), or None."""
    for suffix in DATA_SUFFIXES:
        path = Path(workbook) / "data" / f"{name}{suffix}"
        if path.is_file():
            return path
    return None


def _blank(series: pd.Series) -> pd.Series:
    if isinstance(series.dtype, pd.CategoricalDtype):  # each category looked at once; a missing code is blank
        blank_categories = _blank(pd.Series(series.cat.categories)).to_numpy(dtype=bool)
        return pd.Series(np.append(blank_categories, True)[series.cat.codes.to_numpy()], index=series.index)
    if series.dtype == object or pd.api.types.is_string_dtype(series):
        return series.isna() | series.astype(str).str.strip().str.lower().isin(BLANK_TOKENS)
    return series.isna()


def _is_text(series: pd.Series) -> bool:
    """Every non-missing value is a string (a CSV column; not an XLSX column of typed cells)."""
    return pd.api.types.is_string_dtype(series) or pd.api.types.infer_dtype(series, skipna=True) in ("string", "empty")


def _text_cells(series: pd.Series) -> pd.Series:
    """The cells of ``series`` that hold text, the others missing: a day/month order shows only in text.

    A typed column (Parquet timestamps, XLSX dates) holds no text, so no cell is looked at one by one
    (that took 10 s on a 1M-ticket Parquet log).
    """
    if _is_text(series):
        return series
    if series.dtype != object:
        return series.where(pd.Series(False, index=series.index))
    return series.where(series.map(lambda v: isinstance(v, str), na_action="ignore").fillna(False).astype(bool))


def _spelled(series: pd.Series, spellings: dict[str, Any]) -> pd.Series:
    """What each value means in ``spellings`` (keyed by stripped lower-case text); missing when unknown."""
    if _is_text(series):
        return series.astype("string").str.strip().str.lower().map(spellings)
    if series.dtype != object:  # numbers, booleans: one type, so each distinct value is spelled once
        return series.map({v: spellings.get(str(v).strip().lower()) for v in series.dropna().unique()})
    return series.map(lambda v: spellings.get(str(v).strip().lower()), na_action="ignore")


@dataclass
class _Reading:
    """What converting one file's columns needs and finds besides the values."""

    label: str
    delimiter: str | None
    date_order: str | None
    timezone: str | None
    problems: list[DataValidationError] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    date_orders: dict[str, str] = field(default_factory=dict)  # column -> DMY | MDY: how its a/b/yyyy dates read

    def problem(self, column: str, problem: Message, fix: Message, rows: list[int] | None = None,
                values: list[Any] | None = None) -> None:
        values = list(values or [])
        rows = list(rows or [None] * len(values))
        failure = pd.DataFrame({"row": rows, "column": column, "value": values})
        text = message("column_problem_fix", label=self.label, column=column, problem=problem, fix=fix)
        self.problems.append(DataValidationError(text, table=self.label, column=column, failure_cases=failure))


def _text_values(series: pd.Series) -> pd.Series:
    if pd.api.types.infer_dtype(series, skipna=True) in ("string", "empty"):
        return series.str.strip()
    if pd.api.types.is_float_dtype(series) or series.map(lambda v: isinstance(v, float), na_action="ignore").any():
        def text(v: Any) -> str:  # 1001.0 from Excel -> "1001"
            return f"{v:.0f}" if isinstance(v, float) and v.is_integer() else str(v).strip()
        return series.map(text, na_action="ignore")
    return series.map(lambda v: str(v).strip(), na_action="ignore")


_COMMA_DECIMAL = r"[+-]?\d+,\d{1,2}|[+-]?\d+,\d{4,}|[+-]?\d{1,3}(?:\.\d{3})+,\d+"
_POINT_DECIMAL = r"[+-]?\d+\.\d{1,2}|[+-]?\d+\.\d{4,}|[+-]?\d{1,3}(?:,\d{3})+\.\d+"
_GROUPED = r"[+-]?\d{1,3}(?:[,.]\d{3})+"


def _numbers(series: pd.Series, blank: pd.Series, name: str, reading: _Reading) -> pd.Series:
    """Numbers as written: decimal comma or point decided per column, never guessed (see DEVELOPING.md)."""
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return series.astype(float)
    cells = series.mask(blank)
    if _is_text(series):
        typed = pd.Series(False, index=series.index)
    else:
        typed = cells.map(lambda v: isinstance(v, (int, float, np.number)) and not isinstance(v, bool), na_action="ignore")
        typed = typed.fillna(False).astype(bool)
    out = pd.to_numeric(cells.where(typed), errors="coerce").astype(float)
    text = cells.where(~typed).dropna().astype("string").str.strip()
    if not all(map(str.isascii, text)):
        text = text.str.normalize("NFKC")  # full-width digits
    if text.str.contains(r"\d[\s\u00a0\u202f']\d", regex=True).any():
        text = text.str.replace(r"(?<=\d)[\s\u00a0\u202f'](?=\d{3})", "", regex=True)  # 1 234 567 / 1'234
    if text.str.contains(",", regex=False).any():
        comma, point = text.str.fullmatch(_COMMA_DECIMAL), text.str.fullmatch(_POINT_DECIMAL)
        if comma.any() and point.any():
            rows = [int(comma.idxmax()) + 2, int(point.idxmax()) + 2]
            reading.problem(name, message("number_mixed_decimals", comma=text[comma].iloc[0], comma_row=rows[0],
                                          point=text[point].iloc[0], point_row=rows[1]),
                            message("number_mixed_decimals_fix"), rows, [text[comma].iloc[0], text[point].iloc[0]])
            return out
        grouped = text.str.fullmatch(_GROUPED)
        if not comma.any() and not point.any() and grouped.any() and reading.delimiter == ";":
            example = text[grouped].iloc[0]
            reading.problem(name, message("number_ambiguous_grouping", example=example),
                            message("number_ambiguous_grouping_fix"), [int(grouped.idxmax()) + 2], [example])
            return out
        if comma.any():  # 1.234,50 -> 1234.50; 52,88 -> 52.88
            text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
            reading.notes.append(message("note_decimal_comma", label=reading.label, column=name,
                                         example=cells[comma[comma].index[0]]))
        else:  # 1,234.50 -> 1234.50
            text = text.str.replace(",", "", regex=False)
    out.loc[text.index] = pd.to_numeric(text, errors="coerce").astype("float64")
    return out


def _convert(series: pd.Series, column: schemas.Column, reading: _Reading, blank: pd.Series) -> pd.Series:
    """Convert a raw column to its type; unreadable values become missing (reported by the schema checks)."""
    kind = column.kind
    if isinstance(series.dtype, pd.CategoricalDtype) and kind != "number":
        # a dictionary column (Parquet, Arrow): each category converted once, then spread to the rows
        categories = pd.Series(series.cat.categories)
        values = _convert(categories, column, reading, _blank(categories))
        return pd.Series(values.array.take(series.cat.codes.to_numpy(), allow_fill=True), index=series.index)
    if kind in ("id", "text"):
        return _text_values(series).astype("string").mask(blank)
    if kind == "number":
        return _numbers(series, blank, column.name, reading)
    if kind == "flag":
        if pd.api.types.is_bool_dtype(series):
            return series.astype("boolean")
        return _spelled(series, _FLAG_VALUES).astype("boolean").mask(blank)
    if kind == "choice":
        aliases = schemas.CHOICE_ALIASES.get(column.name, {})
        canonical = {c.lower(): c for c in column.choices}
        spelled = {**aliases, **canonical}
        return _spelled(series, spelled).astype("string").mask(blank)
    raise ValueError(f"unknown column kind {kind!r}")


def _date_columns(frame: pd.DataFrame, table: schemas.Table, reading: _Reading,
                  blanks: dict[str, pd.Series]) -> dict[str, pd.Series]:
    """Every date column of a file, read with one rule for the day/month order and the clock.

    A column's own values decide its order; a column whose values are all ambiguous takes the order
    that the file's other date columns prove (one tool wrote them all), else ``date_order``; else it is
    a problem. Every decision that is not plain ISO is kept as a note.
    """
    columns = [c for c in table.columns if c.kind in ("datetime", "date") and c.name in frame]
    raw = {c.name: frame[c.name].mask(blanks[c.name]) for c in columns}
    evidence = {name: dates.order_evidence(_text_cells(values)) for name, values in raw.items()}
    proven = {e.order for e in evidence.values() if e.order and not e.conflicting}
    file_order = proven.pop() if len(proven) == 1 else None
    out: dict[str, pd.Series] = {}
    for column in columns:
        own = evidence[column.name]
        order = own.order or file_order or reading.date_order
        try:
            parsed = dates.parse_column(raw[column.name], order=order, timezone=reading.timezone, column=column.name)
        except (dates.DateOrderProblem, dates.DateOffsetProblem) as problem:
            ordering = isinstance(problem, dates.DateOrderProblem)
            reading.problem(column.name, problem.detail,
                            message(_DATE_FIX[problem.conflicting] if ordering else _OFFSET_FIX),
                            values=[problem.example] if ordering else problem.examples)
            out[column.name] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")  # reported as a whole
            continue
        _date_notes(column.name, parsed, own, file_order, reading)
        if parsed.order:
            reading.date_orders[column.name] = parsed.order
        values = parsed.values
        out[column.name] = values.dt.normalize() if column.kind == "date" else values
    return out


def _date_notes(name: str, parsed: dates.ParsedDates, own: dates.Evidence, file_order: str | None,
                reading: _Reading) -> None:
    if parsed.order in ("DMY", "MDY") and (own.ambiguous or own.order):
        why = ("why_own_values" if own.order == parsed.order
               else "why_other_columns" if file_order == parsed.order else "why_date_order")
        reading.notes.append(message("note_date_order", label=reading.label, column=name,
                                     order=message(f"order_{parsed.order.lower()}"), why=message(why)))
    if parsed.converted_to:
        reading.notes.append(message("note_date_converted", label=reading.label, column=name, offsets=parsed.offsets,
                                     zone=parsed.converted_to))
    elif parsed.offsets:
        reading.notes.append(message("note_date_one_offset", label=reading.label, column=name,
                                     offset=parsed.offsets[0]))


def _table_schemas(table: schemas.Table, converted: dict[str, pd.Series], blanks: dict[str, pd.Series]
                   ) -> tuple[pa.DataFrameSchema, pa.DataFrameSchema, dict[str, tuple[str, str]]]:
    """The raw (parsing) and typed (rules) pandera schemas, and a message/fix per check name.

    ``converted`` holds each column already converted to its type: the parsing checks compare
    it with the raw text (a non-blank cell that converted to missing could not be read).
    """
    import pandera.pandas as pa

    messages: dict[str, tuple[Message, Message]] = {}
    raw_columns, typed_columns = {}, {}
    for column in table.columns:
        raw_checks, typed_checks = [], []
        if column.kind in _PARSED_KINDS:
            name = f"parse_{column.kind}"
            messages[name] = (message(f"check_{name}"), message(f"check_{name}_fix"))
            raw_checks.append(pa.Check(lambda s, c=column: blanks[c.name] | converted[c.name].notna(), name=name, ignore_na=False))
        if column.kind == "choice":
            name = f"choice_{column.name}"
            messages[name] = (message("check_choice"), message("check_choice_fix", choices=list(column.choices)))
            raw_checks.append(pa.Check(lambda s, c=column: blanks[c.name] | converted[c.name].notna(), name=name, ignore_na=False))
        if column.kind == "number":
            messages["finite"] = (message("check_finite"), message("check_finite_fix"))
            typed_checks.append(pa.Check(lambda s: s.isna() | np.isfinite(s), name="finite", ignore_na=False))
        if column.not_null:
            messages["not_null"] = (message("check_not_null"), message("check_not_null_fix"))
            typed_checks.append(pa.Check(lambda s: s.notna(), name="not_null", ignore_na=False))
        if column.unique:
            messages["unique"] = (message("check_unique"), message("check_unique_fix"))
            typed_checks.append(pa.Check(lambda s: ~(s.duplicated(keep=False) & s.notna()), name="unique", ignore_na=False))
        if column.min is not None or column.max is not None:
            low = -np.inf if column.min is None else column.min
            high = np.inf if column.max is None else column.max
            name = f"range_{low:g}_{high:g}"
            messages[name] = (message("check_range", range=_range_text(column)),
                              message("check_range_fix", range=_range_text(column)))
            typed_checks.append(pa.Check(lambda s, lo=low, hi=high: s.isna() | s.between(lo, hi), name=name, ignore_na=False))
        if column.integer:
            messages["integer"] = (message("check_integer"), message("check_integer_fix"))
            typed_checks.append(pa.Check(lambda s: s.isna() | (s == np.round(s)), name="integer", ignore_na=False))
        raw_columns[column.name] = pa.Column(checks=raw_checks, nullable=True, required=False)
        typed_columns[column.name] = pa.Column(checks=typed_checks, nullable=True, required=column.required)
    wide_checks = []
    if table.unique_together:
        keys = list(table.unique_together)
        name = "unique_together"
        messages[name] = (message("check_unique_together", keys=keys), message("check_unique_together_fix"))

        def duplicated(frame: pd.DataFrame, keys=keys) -> pd.Series:
            if not set(keys) <= set(frame.columns):
                return pd.Series(True, index=frame.index)
            return ~frame.duplicated(subset=keys, keep=False)
        wide_checks.append(pa.Check(duplicated, name=name, ignore_na=False))
    for rule in table.row_rules:
        messages[rule.name] = (rule.message, rule.fix)
        wide_checks.append(pa.Check(lambda frame, r=rule: ~r.bad(frame), name=rule.name, ignore_na=False))
    raw = pa.DataFrameSchema(raw_columns, strict=False)
    typed = pa.DataFrameSchema(typed_columns, checks=wide_checks, strict=False)
    return raw, typed, messages


def _range_text(column: schemas.Column) -> str:
    if column.min is not None and column.max is not None:
        return f"{column.min:g}–{column.max:g}"
    return f"≥ {column.min:g}" if column.min is not None else f"≤ {column.max:g}"


def file_rows(index_values) -> list[int]:
    """Row numbers as in the file (header = row 1) of a loaded table's index values."""
    return [int(i) + 2 for i in index_values]  # header is row 1 of the file


def _joined(items: list[Any]) -> Message:
    """A list written as each language lists things: 2、3、4 in Chinese, 2, 3, 4 in English."""
    texts = [str(i) for i in items]
    return message("lang_pair", zh="、".join(texts), en=", ".join(texts))


def describe_problem(label: str, column: str | None, problem: str, fix: str, rows: list[int], values: list[Any],
                     header: str | None = None) -> Message:
    """The one sentence of a data problem: file, column (and its header), problem, rows, values (personal data masked:
    the message reaches logs and failed pages; the rows say where to look), fix.

    ``problem`` and ``fix`` are glossary messages (a plain string is shown as written in both languages); the
    result is the message ``data_problem``.
    """
    shown_rows: Any = _joined(rows[:_MAX_ROWS_SHOWN])
    if len(rows) > _MAX_ROWS_SHOWN:
        shown_rows = message("rows_more", rows=shown_rows, more=len(rows) - _MAX_ROWS_SHOWN)
    shown = values[:_MAX_ROWS_SHOWN]  # messages reach logs and pages: personal data masked, in each language
    values_text: Any = ""
    if shown:
        values_text = message("values_shown", values=message(
            "lang_pair", zh="、".join(repr(mask_pii(v, lang="zh")) for v in shown),
            en=", ".join(repr(mask_pii(v, lang="en")) for v in shown)))
    if not column:
        where = message("where_whole_table")
    elif header and header != column:
        where = message("where_column_header", column=column, header=header)
    else:
        where = message("where_column", column=column)
    count = message("count_row" if len(rows) == 1 else "count_rows", n=len(rows))
    return message("data_problem", label=label, where=where, problem=problem, count=count, rows=shown_rows,
                   values=values_text, fix=fix)


def _errors_from_pandera(error: pa.errors.SchemaErrors, label: str, table: schemas.Table, messages: dict,
                         frame: pd.DataFrame, headers: dict[str, str], skip: set | None = None) -> list[DataValidationError]:
    """Turn pandera's failure cases into one error per column and check; ``skip`` holds (column, index)
    pairs already reported as unreadable, so a bad date is not also reported as blank."""
    problems = []
    cases = error.failure_cases
    missing = cases[cases["check"] == "column_in_dataframe"]
    for name in missing["failure_case"]:
        column = table.column(name)
        aliases = (message("table_missing_column_aliases", names=_joined(list(column.zh)))
                   if column and column.zh else "")
        help_text = message("lang_pair", zh=column.help_zh, en=column.help_en) if column else ""
        problems.append(DataValidationError(
            message("table_missing_column", label=label, name=name, aliases=aliases, found=list(headers.values()),
                    help=help_text), table=label, column=name))
    cases = cases[cases["check"] != "column_in_dataframe"]
    wide_names = {r.name for r in table.row_rules} | {"unique_together"}
    cases = cases.assign(column=cases["column"].where(~cases["check"].isin(wide_names), None))
    cases = cases[~cases.apply(lambda r: (r["column"], r["index"]) in skip, axis=1)] if skip and len(cases) else cases
    for (column, check), group in cases.groupby(["column", "check"], dropna=False, sort=False):
        problem, fix = messages.get(str(check), (message("check_other", check=check), message("check_other_fix")))
        wide = check in wide_names
        index = group["index"].dropna().astype(int).drop_duplicates().sort_values()
        rows = file_rows(index)
        if wide:
            rule = next((r for r in table.row_rules if r.name == check), None)
            shown = list(rule.columns) if rule else list(table.unique_together)
            values = [", ".join(f"{c}={frame.at[i, c]}" for c in shown if c in frame) for i in index[:_MAX_ROWS_SHOWN]]
            col_name = shown[0] if shown else None
            said = describe_problem(label, col_name, problem, fix, rows, values, headers.get(col_name))
            column = col_name
        else:
            values = group.drop_duplicates("index")["failure_case"].tolist()
            said = describe_problem(label, str(column), problem, fix, rows, values, headers.get(str(column)))
        failure = pd.DataFrame({"row": rows, "column": column, "value": [frame[column].get(i) if column in frame else None
                                                                        for i in index]})
        problems.append(DataValidationError(said, table=label, column=str(column), failure_cases=failure))
    return problems


def read_table(path: str | Path, name: str, *, config: dict | None = None, label: str | None = None,
               sheet: str | None = None) -> pd.DataFrame:
    """Read one table file (or one sheet of an XLSX), map headers, convert types and validate.

    Parameters
    ----------
    path : path of the CSV/TXT/XLSX/Parquet file.
    name : the table, one of :func:`sqmkit.schemas.table_names`.
    config : the workbook's config (survey items and scales, ``date_order``, ``timezone``); defaults if None.
    sheet : the XLSX sheet holding the table (default: the file's table sheet or only data sheet).

    Returns
    -------
    DataFrame
        Canonical column names and types; the index is the data row's position in the file (row
        ``index + 2``, the header being row 1). ``.attrs``: ``source``, ``sheet``, ``headers`` (canonical →
        as written), ``encoding``, ``delimiter``, ``notes``.

    Raises
    ------
    DataValidationError
        With every problem of this file (``.problems``), each naming column, rows and fix.
    """
    source = Source(name, Path(path), sheet)
    return read_source(source, config, label or source.label)


def _headers(raw: files.RawTable, table: schemas.Table, label: str, notes: list[Message]
             ) -> tuple[list[str], dict[str, str]]:
    """Canonical names of the file's columns (``""`` = a column without header), and canonical → header as written."""
    mapping = schemas.canonical_columns(table, raw.headers)
    names = [mapping[h] if schemas.normalise_header(h) else "" for h in raw.headers]
    seen: dict[str, int] = {}
    for position, canonical in enumerate(names):
        if not canonical:
            continue
        if canonical in seen:
            first = seen[canonical]
            raise DataValidationError(
                message("table_duplicate_header", label=label, first=first + 1, first_header=raw.headers[first],
                        second=position + 1, second_header=raw.headers[position], canonical=canonical),
                table=label, column=canonical)
        seen[canonical] = position
    unnamed = [i + 1 for i, n in enumerate(names) if not n and raw.frame[i].map(_filled).any()]
    if unnamed:
        notes.append(message("note_unnamed_columns", label=label, columns=unnamed))
    return names, {canonical: raw.headers[i] for canonical, i in seen.items()}


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and np.isnan(value)) and bool(str(value).strip())


def read_source(source: Source, config: dict | None, label: str) -> pd.DataFrame:
    import pandera.pandas as pa

    table = table_for(source.table, config)
    raw = files.read_raw(source)
    notes = list(raw.notes)
    if not raw.headers:
        raise EmptyTableError(message("table_empty_sheet", label=label), table=label)
    names, headers = _headers(raw, table, label, notes)
    frame = raw.frame.loc[:, [i for i, n in enumerate(names) if n]]
    frame.index = frame.index + (raw.first_row - 2)  # index + 2 = the row's number in the file or sheet
    frame.columns = [n for n in names if n]
    blanks = {name: _blank(frame[name]) for name in frame.columns}
    filled = ~pd.DataFrame(blanks).all(axis=1)
    frame = frame.loc[filled]  # blank lines Excel leaves behind; the index keeps file rows
    blanks = {name: blank[filled] for name, blank in blanks.items()}
    if frame.empty:
        raise EmptyTableError(message("table_no_rows", label=label), table=label)
    config = config or {}
    reading = _Reading(label, raw.delimiter, config.get("date_order"), config.get("timezone"))
    converted = {c.name: _convert(frame[c.name], c, reading, blanks[c.name]) for c in table.columns
                 if c.name in frame and c.kind not in ("datetime", "date")}
    converted.update(_date_columns(frame, table, reading, blanks))
    typed = frame.copy()
    for name, values in converted.items():
        typed[name] = values
    raw_schema, typed_schema, messages = _table_schemas(table, converted, blanks)
    problems = list(reading.problems)
    unreadable: set = set()
    try:
        raw_schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        problems += _errors_from_pandera(error, label, table, messages, frame, headers)
        cases = error.failure_cases.dropna(subset=["index"])
        unreadable = set(zip(cases["column"], cases["index"].astype(int)))
    try:
        typed_schema.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as error:
        problems += _errors_from_pandera(error, label, table, messages, frame, headers, unreadable)
    told = {p.column for p in reading.problems}  # a column refused as a whole is not also reported cell by cell
    problems = reading.problems + [p for p in problems[len(reading.problems):] if p.column not in told]
    if problems:
        raise combine_problems(problems, message("table_problems_headline", label=label, n=len(problems)))
    typed.attrs.update(source=str(source.path), sheet=source.sheet, headers=headers, encoding=raw.encoding,
                       delimiter=raw.delimiter, notes=notes + reading.notes, signature=signature(source.path),
                       date_orders=reading.date_orders)
    return typed


def table_for(name: str, config: dict | None) -> schemas.Table:
    """The contract of table ``name`` for this workbook: with the survey items and scales of its config."""
    table = schemas.TABLES[name]
    if config is None:
        return table
    if name == "survey":
        survey = config["survey"]
        scale, overall, nps = survey["scale"], survey["overall"], survey["nps"]
        items = []
        if overall.get("named"):
            items.append(schemas.Column(overall["column"], "number", required=True, min=overall["min"], max=overall["max"],
                                        help_en="Overall satisfaction (sqmkit.yaml survey.overall.column).",
                                        help_zh="总体满意度（sqmkit.yaml survey.overall.column）。"))
        if nps.get("named"):
            items.append(schemas.Column(nps["column"], "number", required=True, min=0, max=10, integer=True,
                                        help_en="Likelihood to recommend, 0–10 (sqmkit.yaml survey.nps.column).",
                                        help_zh="推荐意愿 0–10 分（sqmkit.yaml survey.nps.column）。"))
        for item, spec in survey["items"].items():
            items.append(schemas.Column(item, "number", required=True, min=scale["min"], max=scale["max"],
                                        help_en=f"Survey item: {spec['label']}", help_zh=f"题项：{spec['label']}"))
            if spec["expectation"]:
                items.append(schemas.Column(spec["expectation"], "number", required=True, min=scale["min"], max=scale["max"],
                                            help_en=f"Expectation for {item}", help_zh=f"{item} 的期望"))
        return schemas.with_columns(table, items, overrides={"overall": {"min": overall["min"], "max": overall["max"]}})
    if name in ("needs_ratings", "needs"):
        scale = config["needs_scale"]
        return schemas.with_columns(table, [], overrides={
            c: {"min": scale["min"], "max": scale["max"]} for c in ("importance", "performance")})
    return table




def signature(path: str | Path) -> str:
    """Size and BLAKE2b digest of a file: what a frame was read from (equal signatures = same content)."""
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return f"{Path(path).stat().st_size}:{digest.hexdigest()}"
