"""Reading and writing a workbook: sqmkit.yaml and the data tables (CSV, XLSX, Parquet).

A workbook is a folder with ``sqmkit.yaml`` and ``data/NAME.csv|xlsx|parquet`` (DESIGN.md §3).
CSV files may be UTF-8, UTF-8 with BOM, or GBK/GB18030 as Excel on Chinese Windows saves them.
Headers may be canonical English names or Chinese aliases (:mod:`sqmkit.schemas`).
Validation is lazy: every problem of every table is collected and reported at once, each naming
the file, the column, the first offending rows (as numbered in the file: the header is row 1)
and values, and the fix.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
import yaml

from sqmkit import schemas
from sqmkit._checks import check_choice, combine_problems
from sqmkit.exceptions import ConfigError, DataValidationError, SqmkitError
from sqmkit.resources import sample_workbook

if TYPE_CHECKING:
    from IPython.display import Markdown

__all__ = [
    "Workbook", "load_workbook", "validate_workbook", "load_config", "read_table",
    "write_table", "missing_table_note", "table_file", "CONFIG_NAME", "DATA_SUFFIXES", "EmptyTableError",
]

CONFIG_NAME = "sqmkit.yaml"
DATA_SUFFIXES = (".csv", ".xlsx", ".parquet")
_ENCODINGS = ("utf-8-sig", "gb18030")
_MAX_ROWS_SHOWN = 5
_BLANKS = {"", "nan", "nat", "none", "null", "na", "n/a", "#n/a", "-", "—"}
_FLAG_VALUES = {
    "1": True, "0": False, "1.0": True, "0.0": False, "true": True, "false": False, "yes": True, "no": False,
    "y": True, "n": False, "t": True, "f": False, "是": True, "否": False, "对": True, "错": False,
    "√": True, "×": False, "x": True,
}

# --------------------------------------------------------------------------------------------
# sqmkit.yaml
# --------------------------------------------------------------------------------------------
_CONFIG_KEYS = {
    "client", "title", "lang", "period", "as_of", "intervention_date", "sla_hours",
    "repeat_window_days", "survey", "needs_scale", "parameters",
}
_SURVEY_KEYS = {"overall", "nps", "scale", "items", "dimension_weights"}
_ITEM_KEYS = {"dimension", "expectation", "label", "weight"}


def _config_date(value: Any, key: str, path: Path) -> pd.Timestamp:
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        stamp = pd.NaT
    if pd.isna(stamp):
        raise ConfigError(f"{path}: `{key}` is {value!r}, which is not a date. Fix: write it as YYYY-MM-DD, e.g. 2025-12-20.")
    return stamp.normalize()


def _scale(value: Any, key: str, path: Path, default: tuple[float, float]) -> dict[str, float]:
    if value is None:
        return {"min": default[0], "max": default[1]}
    if not isinstance(value, dict) or not {"min", "max"} <= set(value):
        raise ConfigError(f"{path}: `{key}` must be a mapping with min and max, e.g. {{min: 1, max: 5}}; got {value!r}.")
    try:
        low, high = float(value["min"]), float(value["max"])
    except (TypeError, ValueError):
        raise ConfigError(f"{path}: `{key}` min and max must be numbers; got {value!r}.") from None
    if not low < high:
        raise ConfigError(f"{path}: `{key}` min ({low:g}) must be below max ({high:g}).")
    return {"min": low, "max": high, **{k: v for k, v in value.items() if k not in ("min", "max")}}


def load_config(workbook: str | Path) -> dict[str, Any]:
    """Read and check ``sqmkit.yaml`` of a workbook; fill defaults.

    Raises
    ------
    ConfigError
        When the file is missing or unparsable, or a key is unknown or holds a bad value.
    """
    folder = Path(workbook)
    path = folder / CONFIG_NAME
    if not folder.is_dir():
        raise ConfigError(f"Workbook folder {folder} does not exist. Fix: pass the folder that holds {CONFIG_NAME} and data/, "
                          "or create one with `sqmkit new DIR`.")
    if not path.is_file():
        raise ConfigError(f"{path} is missing. Fix: every workbook needs a {CONFIG_NAME}; `sqmkit new DIR` writes a template.")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text. Fix: save it as UTF-8.") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ConfigError(f"{path} is not valid YAML{where}: {getattr(error, 'problem', error)}. "
                          "Fix: check indentation and the colon after each key.") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path} must hold keys such as client, lang, period; it holds {type(raw).__name__}.")
    unknown = sorted(set(raw) - _CONFIG_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {unknown}. Fix: use only {sorted(_CONFIG_KEYS)} (check the spelling).")

    config: dict[str, Any] = {"path": folder, "client": str(raw.get("client") or folder.name),
                              "title": str(raw.get("title") or "")}
    lang = raw.get("lang", "zh")
    if lang not in ("zh", "en"):
        raise ConfigError(f"{path}: The value for `lang` must be one of ['zh', 'en'], but {lang!r} was passed.")
    config["lang"] = lang
    period = raw.get("period") or {}
    if not isinstance(period, dict) or not set(period) <= {"start", "end"}:
        raise ConfigError(f"{path}: `period` must be a mapping {{start: YYYY-MM-DD, end: YYYY-MM-DD}}; got {period!r}.")
    config["period"] = {k: _config_date(v, f"period.{k}", path) for k, v in period.items()}
    if len(config["period"]) == 2 and config["period"]["end"] < config["period"]["start"]:
        raise ConfigError(f"{path}: `period.end` is before `period.start`. Fix: swap them.")
    config["as_of"] = _config_date(raw["as_of"], "as_of", path) if raw.get("as_of") else pd.Timestamp(dt.date.today())
    config["intervention_date"] = (_config_date(raw["intervention_date"], "intervention_date", path)
                                   if raw.get("intervention_date") else None)

    sla = raw.get("sla_hours")
    if sla is not None:
        values = sla.values() if isinstance(sla, dict) else [sla]
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in values):
            raise ConfigError(f"{path}: `sla_hours` must be a positive number of hours or a mapping "
                              f"{{priority: hours}}, e.g. {{P1: 4, P2: 24}}; got {sla!r}.")
        sla = {str(k): float(v) for k, v in sla.items()} if isinstance(sla, dict) else float(sla)
    config["sla_hours"] = sla
    window = raw.get("repeat_window_days", 7)
    if not isinstance(window, (int, float)) or isinstance(window, bool) or window < 0:
        raise ConfigError(f"{path}: `repeat_window_days` must be a number of days ≥ 0; got {window!r}.")
    config["repeat_window_days"] = window
    config["needs_scale"] = _scale(raw.get("needs_scale"), "needs_scale", path, (1, 7))
    config["survey"] = _survey_config(raw.get("survey") or {}, path)
    parameters = raw.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise ConfigError(f"{path}: `parameters` must be a mapping {{name: value}}; got {parameters!r}.")
    config["parameters"] = parameters
    return config


def _survey_config(survey: dict, path: Path) -> dict[str, Any]:
    if not isinstance(survey, dict):
        raise ConfigError(f"{path}: `survey` must be a mapping; got {survey!r}.")
    unknown = sorted(set(survey) - _SURVEY_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) under `survey`: {unknown}. Fix: use only {sorted(_SURVEY_KEYS)}.")
    out: dict[str, Any] = {
        "overall": _scale(survey.get("overall"), "survey.overall", path, (1, 5)),
        "scale": _scale(survey.get("scale"), "survey.scale", path, (1, 5)),
        "nps": {"column": (survey.get("nps") or {}).get("column", "nps")},
    }
    out["overall"].setdefault("column", "overall")
    items = survey.get("items") or {}
    if not isinstance(items, dict):
        raise ConfigError(f"{path}: `survey.items` must map item columns to {{dimension, expectation, label, weight}}.")
    checked = {}
    for name, spec in items.items():
        spec = spec or {}
        if not isinstance(spec, dict) or set(spec) - _ITEM_KEYS:
            raise ConfigError(f"{path}: `survey.items.{name}` may only hold {sorted(_ITEM_KEYS)}; got {spec!r}.")
        checked[str(name)] = {"dimension": spec.get("dimension"), "expectation": spec.get("expectation"),
                              "label": spec.get("label") or str(name), "weight": spec.get("weight")}
    out["items"] = checked
    weights = survey.get("dimension_weights") or {}
    if weights and (not isinstance(weights, dict)
                    or not all(isinstance(v, (int, float)) and v >= 0 for v in weights.values())):
        raise ConfigError(f"{path}: `survey.dimension_weights` must map dimensions to non-negative numbers; got {weights!r}.")
    dimensions = {spec["dimension"] for spec in checked.values() if spec["dimension"]}
    missing = sorted(set(weights) - dimensions) if dimensions else []
    if missing:
        raise ConfigError(f"{path}: `survey.dimension_weights` names {missing}, which no item in survey.items has. "
                          f"Fix: use the dimensions {sorted(dimensions)}.")
    out["dimension_weights"] = {str(k): float(v) for k, v in weights.items()}
    return out


# --------------------------------------------------------------------------------------------
# Reading one table
# --------------------------------------------------------------------------------------------
def table_file(workbook: str | Path, name: str) -> Path | None:
    """The file that holds table ``name`` in the workbook, or None."""
    for suffix in DATA_SUFFIXES:
        path = Path(workbook) / "data" / f"{name}{suffix}"
        if path.is_file():
            return path
    return None


def _read_csv(path: Path, label: str) -> pd.DataFrame:
    raw = path.read_bytes()
    if not raw.strip():
        raise DataValidationError(f"{label}: the file is empty (no header row). Fix: fill it from the template "
                                  "(`sqmkit new DIR` writes one) or delete the file if you have no such data.",
                                  table=label)
    for encoding in _ENCODINGS:
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        import io as _io

        return pd.read_csv(_io.BytesIO(raw), encoding=encoding, dtype=str, keep_default_na=False,
                           skipinitialspace=True)
    raise DataValidationError(f"{label}: the file is neither UTF-8 nor GBK/GB18030 text. Fix: in Excel use "
                              "File > Save As > 'CSV UTF-8 (comma delimited)'.", table=label)


def _read_raw(path: Path, label: str) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return _read_csv(path, label)
        if suffix == ".parquet":
            return pd.read_parquet(path)
        if path.stat().st_size == 0:
            raise DataValidationError(f"{label}: the file is empty. Fix: fill it from the template or delete it.", table=label)
        sheets = pd.read_excel(path, sheet_name=None, dtype=object, engine="openpyxl")
    except SqmkitError:
        raise
    except (pd.errors.ParserError, ValueError, OSError, KeyError) as error:
        raise DataValidationError(f"{label}: cannot be read as {suffix[1:].upper()} ({error}). "
                                  "Fix: re-save it from Excel in that format.", table=label) from None
    data_sheets = [name for name in sheets if str(name).strip().lower() not in ("readme", "说明", "填写说明")]
    if not data_sheets:
        raise DataValidationError(f"{label}: the workbook has no data sheet (only README). Fix: put the table "
                                  "on the first sheet.", table=label)
    return sheets[data_sheets[0]]


def _blank(series: pd.Series) -> pd.Series:
    if series.dtype == object or pd.api.types.is_string_dtype(series):
        return series.isna() | series.astype(str).str.strip().str.lower().isin(_BLANKS)
    return series.isna()


def _convert(series: pd.Series, column: schemas.Column) -> pd.Series:
    """Convert a raw column to its type; unparsable values become missing (reported separately)."""
    blank = _blank(series)
    kind = column.kind
    if kind in ("id", "text"):
        if pd.api.types.is_float_dtype(series):  # 1001.0 from Excel -> "1001"
            as_text = series.map(lambda v: f"{v:.0f}" if float(v).is_integer() else f"{v}", na_action="ignore")
        else:
            as_text = series.map(lambda v: str(v).strip(), na_action="ignore")
        return as_text.astype("string").mask(blank)
    if kind in ("datetime", "date"):
        if pd.api.types.is_datetime64_any_dtype(series):
            out = series
        else:
            text = series.astype("string").str.strip().mask(blank)
            out = pd.to_datetime(text, errors="coerce", format="ISO8601")  # fast path
            other = out.isna() & ~blank
            if other.any():  # 2025/1/3 9:05, 03.01.2025 ... parsed one by one
                out = out.copy()
                out[other] = pd.to_datetime(text[other], errors="coerce", format="mixed")
        if getattr(out.dt, "tz", None) is not None:
            out = out.dt.tz_localize(None)
        out = out.astype("datetime64[ns]")
        return out.dt.normalize() if kind == "date" else out
    if kind == "number":
        if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            return series.astype(float)
        text = series.astype("string").str.strip().str.replace(",", "", regex=False).mask(blank)
        return pd.to_numeric(text, errors="coerce").astype(float)
    if kind == "flag":
        if pd.api.types.is_bool_dtype(series):
            return series.astype("boolean")
        key = series.map(lambda v: str(v).strip().lower(), na_action="ignore")
        return key.map(_FLAG_VALUES).astype("boolean").mask(blank)
    if kind == "choice":
        aliases = schemas.CHOICE_ALIASES.get(column.name, {})
        canonical = {c.lower(): c for c in column.choices}
        key = series.map(lambda v: str(v).strip().lower(), na_action="ignore")
        return key.map(lambda v: canonical.get(v) or aliases.get(v), na_action="ignore").astype("string").mask(blank)
    raise ValueError(f"unknown column kind {kind!r}")


_KIND_FIX = {
    "datetime": "write dates as YYYY-MM-DD HH:MM (e.g. 2025-03-31 14:05) or leave the cell blank",
    "date": "write dates as YYYY-MM-DD (e.g. 2025-03-31) or leave the cell blank",
    "number": "write a plain number (no units or text) or leave the cell blank",
    "flag": "write 1 or 0 (also yes/no, true/false, 是/否), or leave the cell blank",
}


def _table_schemas(table: schemas.Table, converted: dict[str, pd.Series]
                   ) -> tuple[pa.DataFrameSchema, pa.DataFrameSchema, dict[str, tuple[str, str]]]:
    """The raw (parsing) and typed (rules) pandera schemas, and a message/fix per check name.

    ``converted`` holds each column already converted to its type: the parsing checks compare
    it with the raw text (a non-blank cell that converted to missing could not be read).
    """
    messages: dict[str, tuple[str, str]] = {}
    raw_columns, typed_columns = {}, {}
    for column in table.columns:
        raw_checks, typed_checks = [], []
        if column.kind in _KIND_FIX:
            name = f"parse_{column.kind}"
            messages[name] = (f"value that cannot be read as a {column.kind}", _KIND_FIX[column.kind])
            raw_checks.append(pa.Check(lambda s, c=column: _blank(s) | converted[c.name].notna(), name=name, ignore_na=False))
        if column.kind == "choice":
            name = f"choice_{column.name}"
            messages[name] = ("value that is not allowed", f"use one of {list(column.choices)}")
            raw_checks.append(pa.Check(lambda s, c=column: _blank(s) | converted[c.name].notna(), name=name, ignore_na=False))
        if column.not_null:
            messages["not_null"] = ("blank cell", "fill in every row of this column")
            typed_checks.append(pa.Check(lambda s: s.notna(), name="not_null", ignore_na=False))
        if column.unique:
            messages["unique"] = ("repeated value (must be unique)", "give each row its own id, or delete the duplicate rows")
            typed_checks.append(pa.Check(lambda s: ~(s.duplicated(keep=False) & s.notna()), name="unique", ignore_na=False))
        if column.min is not None or column.max is not None:
            low = -np.inf if column.min is None else column.min
            high = np.inf if column.max is None else column.max
            name = f"range_{low:g}_{high:g}"
            messages[name] = (f"value outside the allowed range {_range_text(column)}",
                              f"use values in the range {_range_text(column)}, or leave the cell blank")
            typed_checks.append(pa.Check(lambda s, lo=low, hi=high: s.isna() | s.between(lo, hi), name=name, ignore_na=False))
        if column.integer:
            messages["integer"] = ("value that is not a whole number", "use whole numbers")
            typed_checks.append(pa.Check(lambda s: s.isna() | (s == np.round(s)), name="integer", ignore_na=False))
        raw_columns[column.name] = pa.Column(checks=raw_checks, nullable=True, required=False)
        typed_columns[column.name] = pa.Column(checks=typed_checks, nullable=True, required=column.required)
    wide_checks = []
    if table.unique_together:
        keys = list(table.unique_together)
        name = "unique_together"
        messages[name] = (f"repeated combination of {keys} (must be unique)", "keep one row per combination")

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


def _file_rows(index_values) -> list[int]:
    return [int(i) + 2 for i in index_values]  # header is row 1 of the file


def _describe(label: str, column: str | None, problem: str, fix: str, rows: list[int], values: list[Any],
              header: str | None = None) -> str:
    shown_rows = ", ".join(str(r) for r in rows[:_MAX_ROWS_SHOWN]) + (f" and {len(rows) - _MAX_ROWS_SHOWN} more"
                                                                     if len(rows) > _MAX_ROWS_SHOWN else "")
    shown_values = ", ".join(repr(v) for v in values[:_MAX_ROWS_SHOWN])
    where = f"column '{column}'" + (f" (header '{header}')" if header and header != column else "") if column else "table"
    count = f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
    values_text = f" (values {shown_values})" if shown_values else ""
    return f"{label}: {where}: {problem} in {count} — rows {shown_rows}{values_text}. Fix: {fix}."


def _errors_from_pandera(error: pa.errors.SchemaErrors, label: str, table: schemas.Table, messages: dict,
                         frame: pd.DataFrame, headers: dict[str, str], skip: set | None = None) -> list[DataValidationError]:
    """Turn pandera's failure cases into one error per column and check; ``skip`` holds (column, index)
    pairs already reported as unreadable, so a bad date is not also reported as blank."""
    problems = []
    cases = error.failure_cases
    missing = cases[cases["check"] == "column_in_dataframe"]
    for name in missing["failure_case"]:
        column = table.column(name)
        aliases = f" (or a Chinese header: {', '.join(column.zh)})" if column and column.zh else ""
        problems.append(DataValidationError(
            f"{label}: required column '{name}' is missing{aliases}. Found columns: {list(headers.values())}. "
            f"Fix: add the column '{name}' — {column.help_en if column else ''}",
            table=label, column=name))
    cases = cases[cases["check"] != "column_in_dataframe"]
    wide_names = {r.name for r in table.row_rules} | {"unique_together"}
    cases = cases.assign(column=cases["column"].where(~cases["check"].isin(wide_names), None))
    cases = cases[~cases.apply(lambda r: (r["column"], r["index"]) in skip, axis=1)] if skip and len(cases) else cases
    for (column, check), group in cases.groupby(["column", "check"], dropna=False, sort=False):
        problem, fix = messages.get(str(check), (f"fails the check {check}", "correct the values"))
        wide = check in wide_names
        index = group["index"].dropna().astype(int).drop_duplicates().sort_values()
        rows = _file_rows(index)
        if wide:
            rule = next((r for r in table.row_rules if r.name == check), None)
            shown = list(rule.columns) if rule else list(table.unique_together)
            values = [", ".join(f"{c}={frame.at[i, c]}" for c in shown if c in frame) for i in index[:_MAX_ROWS_SHOWN]]
            col_name = shown[0] if shown else None
            message = _describe(label, col_name, problem, fix, rows, values, headers.get(col_name))
            column = col_name
        else:
            values = group.drop_duplicates("index")["failure_case"].tolist()
            message = _describe(label, str(column), problem, fix, rows, values, headers.get(str(column)))
        failure = pd.DataFrame({"row": rows, "column": column, "value": [frame[column].get(i) if column in frame else None
                                                                        for i in index]})
        problems.append(DataValidationError(message, table=label, column=str(column), failure_cases=failure))
    return problems


def read_table(path: str | Path, name: str, *, config: dict | None = None, label: str | None = None) -> pd.DataFrame:
    """Read one table file, map headers, convert types and validate.

    Parameters
    ----------
    path : path of the CSV/XLSX/Parquet file.
    name : the table, one of :func:`sqmkit.schemas.table_names`.
    config : the workbook's config (for the survey items and scales); defaults if None.

    Raises
    ------
    DataValidationError
        With every problem of this file (``.problems``), each naming column, rows and fix.
    """
    path = Path(path)
    label = label or str(path)
    table = _table_for(name, config)
    raw = _read_raw(path, label)
    raw.columns = [str(c) for c in raw.columns]
    mapping = schemas.canonical_columns(table, list(raw.columns))
    headers = {canonical: original for original, canonical in mapping.items()}
    raw = raw.rename(columns=mapping)
    duplicated = raw.columns[raw.columns.duplicated()].unique().tolist()
    if duplicated:
        raise DataValidationError(f"{label}: column(s) {duplicated} appear twice (perhaps once in English and once in Chinese). "
                                  "Fix: keep one of each.", table=label, column=duplicated[0])
    raw = raw.loc[:, [c for c in raw.columns if not c.lower().startswith("unnamed:")]]
    raw = raw.loc[~raw.apply(_blank).all(axis=1)].reset_index(drop=True)  # fully blank lines Excel leaves behind
    if raw.empty:
        raise EmptyTableError(f"{label}: the table has a header but no data rows yet, so it is treated as missing. "
                              "Fix: fill in the rows (or delete the file).", table=label)
    frame = raw.copy()
    for column in table.columns:
        if column.name in frame:
            frame[column.name] = _convert(raw[column.name], column)
    raw_schema, typed_schema, messages = _table_schemas(table, frame)
    problems: list[DataValidationError] = []
    unreadable: set = set()
    try:
        raw_schema.validate(raw, lazy=True)
    except pa.errors.SchemaErrors as error:
        problems += _errors_from_pandera(error, label, table, messages, raw, headers)
        cases = error.failure_cases.dropna(subset=["index"])
        unreadable = set(zip(cases["column"], cases["index"].astype(int)))
    try:
        typed_schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        problems += _errors_from_pandera(error, label, table, messages, raw, headers, unreadable)
    if problems:
        raise combine_problems(problems, f"{label} has {len(problems)} problem(s)")
    frame.attrs["source"] = str(path)
    frame.attrs["headers"] = headers
    return frame


class EmptyTableError(DataValidationError):
    """A table file with a header and no rows: a template not filled in yet; treated as missing."""


def _table_for(name: str, config: dict | None) -> schemas.Table:
    table = schemas.TABLES[name]
    if config is None:
        return table
    if name == "survey":
        survey = config["survey"]
        scale, overall = survey["scale"], survey["overall"]
        items = []
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


# --------------------------------------------------------------------------------------------
# A whole workbook
# --------------------------------------------------------------------------------------------
@dataclass
class Workbook:
    """A loaded workbook: config, validated tables and the files they came from."""

    path: Path
    config: dict[str, Any]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        return name in self.tables

    def get(self, name: str) -> pd.DataFrame | None:
        return self.tables.get(name)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.tables.items())
        return f"Workbook({str(self.path)!r}, {sizes})"


def _data_files(folder: Path) -> tuple[dict[str, Path], list[DataValidationError]]:
    data = folder / "data"
    found: dict[str, Path] = {}
    problems = []
    if not data.is_dir():
        return found, problems
    known = schemas.table_names()
    for path in sorted(data.iterdir()):
        if path.name.startswith((".", "_", "~$")) or path.is_dir():
            continue  # hidden files, backups, Excel lock files
        if path.suffix.lower() in (".md", ".txt", ".bak"):
            continue
        if path.suffix.lower() not in DATA_SUFFIXES:
            problems.append(DataValidationError(
                f"{path}: files of type '{path.suffix}' are not read. Fix: save the table as .csv or .xlsx "
                "(or move the file out of data/, or start its name with '_').", table=str(path)))
            continue
        if path.stem not in known:
            problems.append(DataValidationError(
                f"{path}: '{path.stem}' is not a table sqmkit knows. Fix: rename the file to one of {known} "
                "(or start its name with '_' to keep it out of the analysis).", table=str(path)))
            continue
        if path.stem in found:
            problems.append(DataValidationError(
                f"{path}: the table '{path.stem}' is also in {found[path.stem].name}. Fix: keep only one file per table.",
                table=str(path)))
            continue
        found[path.stem] = path
    return found, problems


def _cross_table_problems(tables: dict[str, pd.DataFrame], files: dict[str, Path]) -> list[DataValidationError]:
    problems = []

    def unknown_reference(child: str, column: str, parent: str, key: str, fix: str) -> None:
        if child not in tables or parent not in tables or column not in tables[child]:
            return
        values = tables[child][column]
        bad = values.notna() & ~values.isin(set(tables[parent][key].dropna()))
        if bad.any():
            rows = _file_rows(values.index[bad])
            problems.append(DataValidationError(
                _describe(str(files[child]), column, f"reference to a {key} that is not in {files[parent].name}", fix,
                          rows, values[bad].drop_duplicates().tolist()),
                table=child, column=column,
                failure_cases=pd.DataFrame({"row": rows, "column": column, "value": values[bad].tolist()})))

    unknown_reference("needs_ratings", "need_id", "needs", "need_id", "add the need to the needs table or correct the id")
    unknown_reference("kano", "need_id", "needs", "need_id", "add the need to the needs table or correct the id")
    unknown_reference("causes", "parent_id", "causes", "cause_id", "point parent_id at an existing cause_id, or leave it blank")
    unknown_reference("causes", "problem_id", "problems", "problem_id", "add the problem to problems or correct the id")
    unknown_reference("whys", "cause_id", "causes", "cause_id", "point cause_id at an existing fishbone cause, or leave it blank")
    unknown_reference("actions", "cause_id", "causes", "cause_id", "point cause_id at an existing cause, or leave it blank")
    return problems


def _resolve(workbook: str | Path | None) -> Path:
    return Path(workbook) if workbook not in (None, "") else sample_workbook()


def _read_all(workbook: str | Path | None, tables: list[str] | None = None
              ) -> tuple[Path, dict, dict[str, pd.DataFrame], dict[str, Path], list[DataValidationError]]:
    folder = _resolve(workbook)
    config = load_config(folder)
    files, problems = _data_files(folder)
    if tables is not None:
        files = {k: v for k, v in files.items() if k in tables}
    loaded: dict[str, pd.DataFrame] = {}
    notes: list[str] = []
    for name, path in list(files.items()):
        try:
            loaded[name] = read_table(path, name, config=config, label=str(path))
        except EmptyTableError as empty:
            notes.append(str(empty))
            del files[name]
        except DataValidationError as error:
            problems += error.problems or [error]
    problems += _cross_table_problems(loaded, files)
    config["notes"] = notes
    return folder, config, loaded, files, problems


def validate_workbook(workbook: str | Path | None) -> list[DataValidationError]:
    """Every data problem of the workbook (empty list when it is clean).

    Raises
    ------
    ConfigError
        When sqmkit.yaml itself is missing or bad (nothing else can be checked then).
    """
    return _read_all(workbook)[4]


def load_workbook(workbook: str | Path | None = "", *, tables: list[str] | None = None) -> Workbook:
    """Load a workbook: ``""`` or None is the bundled sample.

    Raises
    ------
    DataValidationError
        Listing every problem at once (``.problems``) when any table is bad.
    ConfigError
        When sqmkit.yaml is missing or bad.
    """
    folder, config, loaded, files, problems = _read_all(workbook, tables)
    if problems:
        raise combine_problems(problems, f"The workbook {folder} has {len(problems)} data problem(s)")
    return Workbook(path=folder, config=config, tables=loaded, files=files)


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------
def write_table(workbook: str | Path, name: str, data: pd.DataFrame) -> Path:
    """Write an edited table back to the workbook atomically, keeping a backup of the old file.

    The table keeps its file format and header language (the headers it was read with, if the
    frame came from :func:`read_table`). CSV is written as UTF-8 with BOM, which Excel opens
    correctly. The previous file is kept as ``data/.backup/NAME.YYYYmmdd-HHMMSS<suffix>``.
    """
    check_choice("name", name, schemas.table_names())
    folder = Path(workbook)
    existing = table_file(folder, name)
    path = existing or folder / "data" / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    headers = data.attrs.get("headers") or {}
    out = data.rename(columns={c: headers.get(c, c) for c in data.columns})
    handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    try:
        if path.suffix == ".xlsx":
            out.to_excel(temp, index=False, sheet_name=name[:31])
        elif path.suffix == ".parquet":
            out.to_parquet(temp, index=False)
        else:
            out.to_csv(temp, index=False, encoding="utf-8-sig", date_format="%Y-%m-%d %H:%M:%S")
        if existing:
            backup = path.parent / ".backup" / f"{name}.{dt.datetime.now():%Y%m%d-%H%M%S}{path.suffix}"
            backup.parent.mkdir(exist_ok=True)
            shutil.copy2(existing, backup)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.remove(temp)
    return path


def missing_table_note(name: str, lang: str = "zh") -> "Markdown":
    """A Markdown note for a notebook section whose optional table is missing: what it holds, how to add it."""
    from IPython.display import Markdown

    table = schemas.TABLES[name]
    columns = ", ".join(f"`{c.name}`" for c in table.columns if c.required) or ", ".join(f"`{c.name}`" for c in table.columns[:3])
    if lang == "zh":
        text = (f"> **缺少数据表 `{name}`**：{table.help_zh} 本节已跳过。"
                f"添加方法：在工作簿的 `data/` 文件夹中放入 `{name}.csv` 或 `{name}.xlsx`（至少包含 {columns} 列；"
                f"`sqmkit new 文件夹` 会生成带说明的模板），然后重新运行 `sqmkit run`。")
    else:
        text = (f"> **Table `{name}` is missing**: {table.help_en} This section is skipped. "
                f"To add it, put `{name}.csv` or `{name}.xlsx` in the workbook's `data/` folder (with at least the columns "
                f"{columns}; `sqmkit new DIR` writes a template with a README), then run `sqmkit run` again.")
    return Markdown(text)
