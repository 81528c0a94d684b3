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
from sqmkit.glossary import message

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
            kind = "config_yaml_alias" if isinstance(event, yaml.events.AliasEvent) else "config_yaml_anchor"
            raise yaml.composer.ComposerError(None, None, message(kind), event.start_mark)
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
        raise ConfigError(message("config_not_date", path=path, setting=key, value=value)) from None
    return pd.Timestamp(stamp.replace(tzinfo=None)).normalize()


def _scale(value: Any, key: str, path: Path, default: tuple[float, float]) -> dict[str, Any]:
    if value is None:
        return {"min": default[0], "max": default[1]}
    if not isinstance(value, dict) or not {"min", "max"} <= set(value):
        raise ConfigError(message("config_scale_mapping", path=path, setting=key, value=value))
    low, high = value["min"], value["max"]
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (low, high)):
        raise ConfigError(message("config_scale_numbers", path=path, setting=key, value=value))
    if not low < high:
        raise ConfigError(message("config_scale_order", path=path, setting=key, low=low, high=high))
    return {"min": float(low), "max": float(high), **{k: v for k, v in value.items() if k not in ("min", "max")}}


def _read(path: Path) -> dict[str, Any]:
    if path.stat().st_size > MAX_CONFIG_BYTES:
        raise ConfigError(message("config_too_big", path=path, size=path.stat().st_size, limit=MAX_CONFIG_BYTES))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(message("config_not_utf8", path=path)) from None
    return _parse(text, path)


def _parse(text: str, path: Path) -> dict[str, Any]:
    try:
        raw = yaml.load(text, Loader=_Loader) or {}  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = message("config_yaml_where", line=mark.line + 1, column=mark.column + 1) if mark else ""
        raise ConfigError(message("config_bad_yaml", path=path, where=where,
                                  problem=getattr(error, "problem", None) or str(error))) from None
    if not isinstance(raw, dict):
        raise ConfigError(message("config_not_mapping", path=path, kind=type(raw).__name__))
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
        raise ConfigError(message("config_no_folder", folder=folder, name=CONFIG_NAME))
    if not path.is_file():
        raise ConfigError(message("config_missing", path=path, name=CONFIG_NAME))
    return _settings(_read(path), folder, path)


def _settings(raw: dict[str, Any], folder: Path, path: Path) -> dict[str, Any]:
    """The checked settings with defaults, from the parsed YAML of ``path``."""
    unknown = sorted(set(raw) - CONFIG_KEYS)
    if unknown:
        raise ConfigError(message("config_unknown_keys", path=path, unknown=unknown, known=sorted(CONFIG_KEYS)))

    for key in ("client", "title"):
        if raw.get(key) is not None and not isinstance(raw[key], (str, int, float)):
            raise ConfigError(message("config_not_text", path=path, setting=key, kind=type(raw[key]).__name__))
    config: dict[str, Any] = {"path": folder, "client": str(raw.get("client") or folder.name),
                              "title": str(raw.get("title") or "")}
    lang = raw.get("lang", "zh")
    if lang not in ("zh", "en"):
        raise ConfigError(message("config_bad_lang", path=path, lang=lang))
    config["lang"] = lang
    period = raw.get("period") or {}
    if not isinstance(period, dict) or not set(period) <= {"start", "end"}:
        raise ConfigError(message("config_bad_period", path=path, period=period))
    config["period"] = {k: _date(v, f"period.{k}", path) for k, v in period.items()}
    if len(config["period"]) == 2 and config["period"]["end"] < config["period"]["start"]:
        raise ConfigError(message("config_period_reversed", path=path))
    config["as_of"] = _date(raw["as_of"], "as_of", path) if raw.get("as_of") else pd.Timestamp(dt.date.today())
    config["intervention_date"] = (_date(raw["intervention_date"], "intervention_date", path)
                                   if raw.get("intervention_date") else None)

    sla = raw.get("sla_hours")
    if sla is not None:
        values = sla.values() if isinstance(sla, dict) else [sla]
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in values):
            raise ConfigError(message("config_bad_sla", path=path, sla=sla))
        sla = {str(k): float(v) for k, v in sla.items()} if isinstance(sla, dict) else float(sla)
    config["sla_hours"] = sla
    window = raw.get("repeat_window_days", 7)
    if not isinstance(window, (int, float)) or isinstance(window, bool) or window < 0:
        raise ConfigError(message("config_bad_window", path=path, window=window))
    config["repeat_window_days"] = window
    config["needs_scale"] = _scale(raw.get("needs_scale"), "needs_scale", path, (1, 7))
    config["survey"] = _survey_config(raw.get("survey") or {}, path)
    order = raw.get("date_order")
    if order is not None and str(order).upper() not in ORDERS:
        raise ConfigError(message("config_bad_date_order", path=path, orders=list(ORDERS), order=order))
    config["date_order"] = str(order).upper() if order is not None else None
    zone = raw.get("timezone")
    if zone is not None:
        try:
            check_timezone(zone)
        except ValueError:
            raise ConfigError(message("config_bad_timezone", path=path, zone=zone)) from None
    config["timezone"] = str(zone) if zone is not None else None
    parameters = raw.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise ConfigError(message("config_bad_parameters", path=path, parameters=parameters))
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
    example = message("config_pii_example")
    if isinstance(value, (str, list)):
        spec: dict[str, Any] = {"*": value}
    elif isinstance(value, dict):
        unknown = sorted(str(k) for k in value if k not in schemas.TABLES)
        if unknown:
            raise ConfigError(message("config_pii_unknown_tables", path=path, unknown=unknown,
                                      tables=schemas.table_names(), example=example))
        spec = dict(value)
    else:
        raise ConfigError(message("config_pii_bad_type", path=path, value=value, example=example))
    out: dict[str, list[str]] = {}
    for table, names in spec.items():
        key = "pii_columns" if table == "*" else f"pii_columns.{table}"
        names = [names] if isinstance(names, str) else names
        if not isinstance(names, list) or not all(isinstance(n, (str, int)) and str(n).strip() for n in names):
            raise ConfigError(message("config_pii_bad_list", path=path, setting=key, names=names, example=example))
        names = [str(n).strip() for n in names]
        for name in names:
            refused = _pii_refusal(name, None if table == "*" else table, survey)
            if refused:
                ids = sorted({c for _, c in schemas.PSEUDONYMISABLE_IDS})
                raise ConfigError(message("config_pii_refused", path=path, setting=key, name=name, refused=refused,
                                          ids=ids))
        out[str(table)] = names
    return out


def _pii_refusal(name: str, table: str | None, survey: dict[str, Any]) -> Any:
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
            return message("pii_refused_survey")
        if column is None or column.kind == "text" or (one, column.name) in schemas.PSEUDONYMISABLE_IDS:
            continue
        if column.kind == "id":
            return message("pii_refused_link_id", table=one)
        return message("pii_refused_kind", kind=column.kind, table=one)
    return None


def _column_setting(survey: dict, key: str, default: str, path: Path) -> dict[str, Any]:
    """``survey.overall`` / ``survey.nps``: the column and whether sqmkit.yaml named one of its own."""
    spec = survey.get(key) or {}
    if not isinstance(spec, dict):
        raise ConfigError(message("config_survey_column_mapping", path=path, setting=key, default=default, spec=spec))
    column = spec.get("column", default)
    if not isinstance(column, str) or not column.strip():
        raise ConfigError(message("config_survey_column_name", path=path, setting=key, column=column))
    return {**spec, "column": column.strip(), "named": column.strip() != default}


def _survey_config(survey: dict, path: Path) -> dict[str, Any]:
    if not isinstance(survey, dict):
        raise ConfigError(message("config_survey_mapping", path=path, survey=survey))
    unknown = sorted(set(survey) - _SURVEY_KEYS)
    if unknown:
        raise ConfigError(message("config_survey_unknown", path=path, unknown=unknown, known=sorted(_SURVEY_KEYS)))
    overall = _column_setting(survey, "overall", "overall", path)
    out: dict[str, Any] = {
        "overall": {**_scale(overall if {"min", "max"} & set(overall) else None, "survey.overall", path, (1, 5)),
                    "column": overall["column"], "named": overall["named"]},
        "scale": _scale(survey.get("scale"), "survey.scale", path, (1, 5)),
        "nps": _column_setting(survey, "nps", "nps", path),
    }
    items = survey.get("items") or {}
    if not isinstance(items, dict):
        raise ConfigError(message("config_items_mapping", path=path))
    checked = {}
    for name, spec in items.items():
        spec = spec or {}
        if not isinstance(spec, dict) or set(spec) - _ITEM_KEYS:
            raise ConfigError(message("config_item_keys", path=path, name=name, keys=sorted(_ITEM_KEYS), spec=spec))
        checked[str(name)] = {"dimension": spec.get("dimension"), "expectation": spec.get("expectation"),
                              "label": spec.get("label") or str(name), "weight": spec.get("weight")}
    out["items"] = checked
    weights = survey.get("dimension_weights") or {}
    if weights and (not isinstance(weights, dict)
                    or not all(isinstance(v, (int, float)) and v >= 0 for v in weights.values())):
        raise ConfigError(message("config_bad_weights", path=path, weights=weights))
    dimensions = {spec["dimension"] for spec in checked.values() if spec["dimension"]}
    missing = sorted(set(weights) - dimensions) if dimensions else []
    if missing:
        raise ConfigError(message("config_weights_unknown", path=path, missing=missing, dimensions=sorted(dimensions)))
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
