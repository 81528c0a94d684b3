"""``sqmkit.yaml``: reading and checking a workbook's settings, with defaults filled in.

Every key but ``client`` is optional (docs/DEVELOPING.md lists them). A bad value is a
:class:`~sqmkit.exceptions.ConfigError` naming the file, the key, the value and the fix. The file is read
with a YAML loader that takes dates as text (so ``as_of: 2025-06-31`` is reported as "not a date"
instead of failing inside the YAML library) and refuses anchors and aliases (``&a`` / ``*a``), which a
settings file does not need and which can expand a few lines into gigabytes.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from sqmkit.dates import ORDERS, check_timezone
from sqmkit.exceptions import ConfigError

__all__ = ["CONFIG_NAME", "CONFIG_KEYS", "MAX_CONFIG_BYTES", "load_config", "save_settings"]

CONFIG_NAME = "sqmkit.yaml"
#: Largest sqmkit.yaml read; a settings file is a few kB.
MAX_CONFIG_BYTES = 1 << 20
CONFIG_KEYS = {
    "client", "title", "lang", "period", "as_of", "intervention_date", "sla_hours", "repeat_window_days",
    "survey", "needs_scale", "parameters", "date_order", "timezone", "pii_columns",
}
_SURVEY_KEYS = {"overall", "nps", "scale", "items", "dimension_weights"}
_ITEM_KEYS = {"dimension", "expectation", "label", "weight"}


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps (dates stay text, checked here) and without aliases."""

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        event = self.peek_event()
        if isinstance(event, yaml.events.AliasEvent) or getattr(event, "anchor", None):
            kind = "alias (*name)" if isinstance(event, yaml.events.AliasEvent) else "anchor (&name)"
            raise yaml.composer.ComposerError(None, None, f"uses a YAML {kind}, which sqmkit.yaml does not accept",
                                              event.start_mark)
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _date(value: Any, key: str, path: Path) -> pd.Timestamp:
    text = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value).strip()
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{path}: `{key}` is {value!r}, which is not a date. Fix: write a real date as "
                          "YYYY-MM-DD, e.g. 2025-12-20.") from None
    return pd.Timestamp(stamp.replace(tzinfo=None)).normalize()


def _scale(value: Any, key: str, path: Path, default: tuple[float, float]) -> dict[str, Any]:
    if value is None:
        return {"min": default[0], "max": default[1]}
    if not isinstance(value, dict) or not {"min", "max"} <= set(value):
        raise ConfigError(f"{path}: `{key}` must be a mapping with min and max, e.g. {{min: 1, max: 5}}; got {value!r}.")
    low, high = value["min"], value["max"]
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (low, high)):
        raise ConfigError(f"{path}: `{key}` min and max must be numbers; got {value!r}.")
    if not low < high:
        raise ConfigError(f"{path}: `{key}` min ({low:g}) must be below max ({high:g}).")
    return {"min": float(low), "max": float(high), **{k: v for k, v in value.items() if k not in ("min", "max")}}


def _read(path: Path) -> dict[str, Any]:
    if path.stat().st_size > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path} is {path.stat().st_size:,} bytes; a sqmkit.yaml holds a few settings. "
                          f"Fix: keep only the settings (at most {MAX_CONFIG_BYTES:,} bytes); data belongs in data/.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text. Fix: save it as UTF-8.") from None
    return _parse(text, path)


def _parse(text: str, path: Path) -> dict[str, Any]:
    try:
        raw = yaml.load(text, Loader=_Loader) or {}  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ConfigError(f"{path} is not valid YAML{where}: {getattr(error, 'problem', error)}. "
                          "Fix: check indentation and the colon after each key; write each value out "
                          "(no &anchors or *aliases).") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path} must hold keys such as client, lang, period; it holds {type(raw).__name__}.")
    return raw


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
    return _settings(_read(path), folder, path)


def _settings(raw: dict[str, Any], folder: Path, path: Path) -> dict[str, Any]:
    """The checked settings with defaults, from the parsed YAML of ``path``."""
    unknown = sorted(set(raw) - CONFIG_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {unknown}. Fix: use only {sorted(CONFIG_KEYS)} (check the spelling).")

    for key in ("client", "title"):
        if raw.get(key) is not None and not isinstance(raw[key], (str, int, float)):
            raise ConfigError(f"{path}: `{key}` must be text; got {type(raw[key]).__name__}. Fix: write it on one line, "
                              f"e.g. {key}: 星海电信客服中心.")
    config: dict[str, Any] = {"path": folder, "client": str(raw.get("client") or folder.name),
                              "title": str(raw.get("title") or "")}
    lang = raw.get("lang", "zh")
    if lang not in ("zh", "en"):
        raise ConfigError(f"{path}: The value for `lang` must be one of ['zh', 'en'], but {lang!r} was passed.")
    config["lang"] = lang
    period = raw.get("period") or {}
    if not isinstance(period, dict) or not set(period) <= {"start", "end"}:
        raise ConfigError(f"{path}: `period` must be a mapping {{start: YYYY-MM-DD, end: YYYY-MM-DD}}; got {period!r}.")
    config["period"] = {k: _date(v, f"period.{k}", path) for k, v in period.items()}
    if len(config["period"]) == 2 and config["period"]["end"] < config["period"]["start"]:
        raise ConfigError(f"{path}: `period.end` is before `period.start`. Fix: swap them.")
    config["as_of"] = _date(raw["as_of"], "as_of", path) if raw.get("as_of") else pd.Timestamp(dt.date.today())
    config["intervention_date"] = (_date(raw["intervention_date"], "intervention_date", path)
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
    order = raw.get("date_order")
    if order is not None and str(order).upper() not in ORDERS:
        raise ConfigError(f"{path}: The value for `date_order` must be one of {list(ORDERS)}, but {order!r} was passed. "
                          "Fix: DMY for 29/02/2016 (day first), MDY for 02/29/2016 (month first).")
    config["date_order"] = str(order).upper() if order is not None else None
    zone = raw.get("timezone")
    if zone is not None:
        try:
            check_timezone(zone)
        except ValueError:
            raise ConfigError(f"{path}: `timezone` is {zone!r}, which is not an IANA time-zone name. "
                              "Fix: write the zone as Region/City, e.g. Asia/Shanghai or Europe/Berlin.") from None
    config["timezone"] = str(zone) if zone is not None else None
    parameters = raw.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise ConfigError(f"{path}: `parameters` must be a mapping {{name: value}}; got {parameters!r}.")
    config["parameters"] = parameters
    config["pii_columns"] = _pii_columns(raw.get("pii_columns"), config["survey"], path)
    return config


def _pii_columns(value: Any, survey: dict[str, Any], path: Path) -> dict[str, list[str]]:
    """``pii_columns``: a list of column names (every table) or ``{table: [columns]}``, as ``{table or "*": [names]}``.

    A column may be free text, a column of the client's own, or an id that links no tables
    (:data:`sqmkit.schemas.PSEUDONYMISABLE_IDS`); typed columns and linking ids are refused (their values are
    counted, dated or joined, so replacing them would break the analysis).
    """
    from sqmkit import schemas

    if value is None:
        return {}
    example = "e.g. `pii_columns: [客户姓名, customer_id]` or `pii_columns: {tickets: [customer_id], actions: [owner]}`"
    if isinstance(value, (str, list)):
        spec: dict[str, Any] = {"*": value}
    elif isinstance(value, dict):
        unknown = sorted(str(k) for k in value if k not in schemas.TABLES)
        if unknown:
            raise ConfigError(f"{path}: `pii_columns` names the table(s) {unknown}, which a workbook does not have. "
                              f"Fix: use only {schemas.table_names()}, or a plain list of columns ({example}).")
        spec = dict(value)
    else:
        raise ConfigError(f"{path}: `pii_columns` must be a list of column names or a mapping {{table: [columns]}}; "
                          f"got {value!r}. Fix: {example}.")
    out: dict[str, list[str]] = {}
    for table, names in spec.items():
        key = "pii_columns" if table == "*" else f"pii_columns.{table}"
        names = [names] if isinstance(names, str) else names
        if not isinstance(names, list) or not all(isinstance(n, (str, int)) and str(n).strip() for n in names):
            raise ConfigError(f"{path}: `{key}` must be a list of column names; got {names!r}. Fix: {example}.")
        names = [str(n).strip() for n in names]
        for name in names:
            refused = _pii_refusal(name, None if table == "*" else table, survey)
            if refused:
                raise ConfigError(f"{path}: `{key}` names '{name}', {refused}. Fix: leave it out of pii_columns "
                                  f"(only free text, your own columns and {sorted({c for _, c in schemas.PSEUDONYMISABLE_IDS})} "
                                  "can be replaced), or name the table the column is text in: {table: [column]}.")
        out[str(table)] = names
    return out


def _pii_refusal(name: str, table: str | None, survey: dict[str, Any]) -> str | None:
    """Why the column ``name`` (in ``table``, or in any table) cannot be a pii column, or None."""
    from sqmkit import schemas

    tables = [table] if table else schemas.table_names()
    survey_numbers = {survey["overall"]["column"], survey["nps"]["column"], *survey["items"],
                      *(spec["expectation"] for spec in survey["items"].values() if spec["expectation"])}
    for one in tables:
        spec = schemas.TABLES[one]
        canonical = schemas.canonical_columns(spec, [name])[name]
        column = spec.column(canonical)
        if one == "survey" and canonical in survey_numbers:
            return "which is a survey rating column (numbers)"
        if column is None or column.kind == "text" or (one, column.name) in schemas.PSEUDONYMISABLE_IDS:
            continue
        what = "an id that links tables" if column.kind == "id" else f"a {column.kind} column"
        return f"which is {what} in the {one} table"
    return None


def _column_setting(survey: dict, key: str, default: str, path: Path) -> dict[str, Any]:
    """``survey.overall`` / ``survey.nps``: the column and whether sqmkit.yaml named one of its own."""
    spec = survey.get(key) or {}
    if not isinstance(spec, dict):
        raise ConfigError(f"{path}: `survey.{key}` must be a mapping such as {{column: {default}}}; got {spec!r}. "
                          f"Fix: write `{key}: {{column: YOUR_COLUMN}}`.")
    column = spec.get("column", default)
    if not isinstance(column, str) or not column.strip():
        raise ConfigError(f"{path}: `survey.{key}.column` must be a column name; got {column!r}.")
    return {**spec, "column": column.strip(), "named": column.strip() != default}


def _survey_config(survey: dict, path: Path) -> dict[str, Any]:
    if not isinstance(survey, dict):
        raise ConfigError(f"{path}: `survey` must be a mapping; got {survey!r}.")
    unknown = sorted(set(survey) - _SURVEY_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) under `survey`: {unknown}. Fix: use only {sorted(_SURVEY_KEYS)}.")
    overall = _column_setting(survey, "overall", "overall", path)
    out: dict[str, Any] = {
        "overall": {**_scale(overall if {"min", "max"} & set(overall) else None, "survey.overall", path, (1, 5)),
                    "column": overall["column"], "named": overall["named"]},
        "scale": _scale(survey.get("scale"), "survey.scale", path, (1, 5)),
        "nps": _column_setting(survey, "nps", "nps", path),
    }
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


def save_settings(workbook: str | Path, updates: dict[str, Any]) -> Path:
    """Merge ``updates`` into the workbook's sqmkit.yaml, keeping its comments, key order and every other setting.

    ``updates`` is nested like the file, e.g. ``{"parameters": {"weight_gap": 0.5}}`` or
    ``{"survey": {"dimension_weights": {"reliability": 0.3}}}``: mappings are merged key by key, other
    values replace what is there. The file is re-read at save time (a setting edited by hand meanwhile is
    kept), checked with :func:`load_config` before it replaces the old one, its mode is kept and the old
    file goes to ``WORKBOOK/.backup/``. Returns the file.

    Raises
    ------
    ReadOnlyWorkbookError
        When ``workbook`` is the bundled sample.
    ConfigError
        When the result would not be a valid sqmkit.yaml (nothing is written).
    """
    import io as _io
    import os
    import stat
    import tempfile

    from ruamel.yaml import YAML

    from sqmkit.backups import backup, check_writable

    folder = check_writable(workbook)
    path = folder / CONFIG_NAME
    _read(path)  # the same bounds and checks as loading (no aliases, size)
    round_trip = YAML()  # keeps comments, order, quoting and flow style of what it does not change
    round_trip.preserve_quotes = True
    document = round_trip.load(path.read_text(encoding="utf-8-sig")) or {}

    def merge(target: Any, changes: dict[str, Any]) -> None:
        for key, value in changes.items():
            if isinstance(value, dict) and isinstance(target.get(key), dict):
                merge(target[key], value)
            else:
                target[key] = value

    merge(document, updates)
    buffer = _io.StringIO()
    round_trip.dump(document, buffer)
    handle, temp_name = tempfile.mkstemp(prefix=".sqmkit.", suffix=".yaml", dir=folder)
    os.close(handle)
    temp = Path(temp_name)
    try:
        _settings(_parse(buffer.getvalue(), path), folder, path)  # nothing is written that would not load
        temp.write_text(buffer.getvalue(), encoding="utf-8")
        os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
        backup(path, folder / ".backup")
        os.replace(temp, path)
    finally:
        if temp.exists():
            temp.unlink()
    return path
