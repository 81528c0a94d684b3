"""Event logs to the tickets table: ``sqmkit import-events LOG --out WORKBOOK``.

Service desks export their history as an *event log*: one row per status change (ServiceNow's
incident audit or event log, Jira's issue history, Zendesk's ticket events, process-mining CSV and
XES-as-CSV exports). A small :class:`EventMapping` names the log's columns and says which
activities mean what; :func:`tickets_from_events` collapses the events of each case into one
ticket row of DESIGN.md section 3:

=====================  ========================================================================
ticket column          built from the events of one case (sorted by time; ties keep file order)
=====================  ========================================================================
``ticket_id``          the case id
``created_at``         the first event's timestamp
``first_response_at``  the first event of a *first-response* activity that has a resource (when
                       a resource column is mapped); blank if there is none. Left out of the
                       table when no first-response activity is mapped
``resolved_at``        the start of the final resolution: the first *resolution* event after
                       the last reopen (``Resolved 10:00, Closed +5 d`` gives 10:00); blank when
                       the case ends open (no resolution, or reopened after its last one)
``reopened``           1 when a *reopen* activity follows a resolution (a reopen activity while
                       the case is not resolved, such as the first ``Active``, is no reopen)
``contacts``           1 + the number of reopens (each reopen is the customer coming back)
``escalated``          1 when the case has a *reassignment* activity, or its team changed from
                       one non-blank value to another (a first assignment is no reassignment)
``agent_id``           the mapped attribute column if given, else the resource of the event
                       that resolved the case (blank while open)
attributes             ``channel``, ``category``, ``team``, ``priority``, ``customer_id`` (and
                       ``agent_id``): the *last non-blank* value of the mapped column in the case
                       (the state the ticket ended in: the final assignment group, priority)
=====================  ========================================================================

Activities match without regard to case and surrounding spaces. The file and its timestamps are
read by the readers of the workbook's own tables (:mod:`sqmkit.files`, :mod:`sqmkit.dates`), so
the same rules hold: ``29/2/2016 13:05``, ``2012/10/09 14:50:17.000``, ``09/Oct/25 1:42 PM``,
``2025-03-30T10:15:00+02:00``, ``2025年1月5日 9:05``, Excel serials and date cells are read and
nothing is guessed: the order of day and month is settled per column by a field above 12, else
by ``date_order``, else the import stops; timestamps with different UTC offsets need ``timezone``
and are converted to that zone's wall time (with ``timezone`` every offset is converted; without
it a single offset keeps its wall time). docs/EVENTS.md is the user's guide with a real-shaped
example.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from sqmkit.exceptions import ConfigError, DataValidationError
from sqmkit.glossary import message

__all__ = ["EventMapping", "ImportResult", "ATTRIBUTES", "DATE_ORDERS", "load_mapping", "mapping_from_options",
           "read_event_log", "tickets_from_events", "import_events"]

#: Ticket columns an attribute column of the log may fill (last non-blank value of the case).
ATTRIBUTES = ("channel", "category", "team", "agent_id", "priority", "customer_id")
#: Accepted values of ``date_order``.
DATE_ORDERS = ("DMY", "MDY", "YMD")
_ROLES = ("first_response", "resolution", "reopen", "reassignment")
_COLUMN_KEYS = ("case", "activity", "timestamp", "resource")
_XES_RESOURCE = "org:resource"
_BLANKS = {"", "nan", "nat", "none", "null", "na", "n/a", "#n/a", "-", "—", "?", "无"}
_MAX_MAPPING_BYTES = 64 * 1024
_SHOWN = 5


@dataclass(frozen=True)
class EventMapping:
    """Which columns of an event log hold what, and which activities mean what.

    Defaults are the XES names process-mining tools export (``case:concept:name``,
    ``concept:name``, ``time:timestamp``; ``org:resource`` is used when the log has it).

    Parameters
    ----------
    case, activity, timestamp : str
        Columns of the case id, the activity (or status) and the event time.
    resource : str or None
        Column of who did it; a first response needs a non-blank resource when it is mapped.
    first_response, resolution, reopen, reassignment : tuple of str
        Activities of each role (``resolution`` is required). An activity may be both a first
        response and a reopen (ServiceNow's ``Active``), never both a resolution and a reopen.
    attributes : dict
        Ticket column -> log column, for the columns of :data:`ATTRIBUTES`.
    date_order : {"DMY", "MDY", "YMD"} or None
        For a timestamp column whose dates are all ambiguous (day and month both 12 or less).
    timezone : str or None
        IANA zone; timestamps with UTC offsets are converted to its wall time.
    """

    case: str = "case:concept:name"
    activity: str = "concept:name"
    timestamp: str = "time:timestamp"
    resource: str | None = None
    first_response: tuple[str, ...] = ()
    resolution: tuple[str, ...] = ()
    reopen: tuple[str, ...] = ()
    reassignment: tuple[str, ...] = ()
    attributes: Mapping[str, str] = field(default_factory=dict)
    date_order: str | None = None
    timezone: str | None = None

    def check(self, source: str = "the mapping") -> "EventMapping":
        """Return self after checking the options; raise :class:`ConfigError` naming the bad one."""
        if not self.resolution:
            raise ConfigError(message("cmd_events_no_resolution", source=_where(source)))
        both = sorted(_keys(self.resolution) & _keys(self.reopen))
        if both:
            raise ConfigError(message("cmd_events_resolution_and_reopen", source=_where(source), both=both))
        unknown = sorted(set(self.attributes) - set(ATTRIBUTES))
        if unknown:
            raise ConfigError(message("cmd_events_unknown_attributes", source=_where(source), unknown=unknown,
                                      names=list(ATTRIBUTES)))
        if self.date_order is not None and self.date_order not in DATE_ORDERS:
            raise ConfigError(message("cmd_events_date_order", source=_where(source), orders=list(DATE_ORDERS),
                                      value=repr(self.date_order)))
        if self.timezone is not None:
            _zone(self.timezone, source)
        return self


def _where(source: str) -> Any:
    """The mapping named in a message: a file's path as it is, "the mapping" in the reader's language."""
    return message("cmd_events_the_mapping") if source == "the mapping" else source


def _keys(activities: Sequence[str]) -> set[str]:
    return {str(a).strip().casefold() for a in activities}


def _zone(name: str, source: str) -> Any:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(message("cmd_events_timezone", source=_where(source), name=repr(name))) from None


# --------------------------------------------------------------------------------------------
# The mapping: a YAML file and/or command-line options
# --------------------------------------------------------------------------------------------
def _as_names(value: Any, key: str, source: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return (str(value),)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        return tuple(str(v) for v in value)
    raise ConfigError(message("cmd_events_names", source=_where(source), option=key, type=type(value).__name__))


def load_mapping(path: str | Path) -> EventMapping:
    """Read a YAML mapping file (keys as the fields of :class:`EventMapping`).

    Raises
    ------
    ConfigError
        When the file is missing, too large, not YAML, or holds an unknown key or a bad value.
    """
    import yaml

    path = Path(path)
    if not path.is_file():
        raise ConfigError(message("cmd_events_mapping_missing", path=path))
    if path.stat().st_size > _MAX_MAPPING_BYTES:
        raise ConfigError(message("cmd_events_mapping_too_large", path=path, kib=_MAX_MAPPING_BYTES // 1024))
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConfigError(message("cmd_events_mapping_not_yaml", path=path, error=error.__class__.__name__)) from None
    if not isinstance(raw, dict):
        raise ConfigError(message("cmd_events_mapping_not_keys", path=path))
    known = [f.name for f in fields(EventMapping)]
    unknown = sorted(str(k) for k in set(raw) - set(known))
    if unknown:
        raise ConfigError(message("cmd_events_mapping_unknown_keys", path=path, unknown=unknown, known=known))
    values: dict[str, Any] = {}
    for key in _COLUMN_KEYS + ("date_order", "timezone"):
        if raw.get(key) is not None:
            if not isinstance(raw[key], (str, int)) or isinstance(raw[key], bool):
                raise ConfigError(message("cmd_events_mapping_single_name", path=path, option=key,
                                          value=repr(raw[key])))
            values[key] = str(raw[key])
    for key in _ROLES:
        values[key] = _as_names(raw.get(key), key, str(path))
    attributes = raw.get("attributes") or {}
    if not isinstance(attributes, dict) or not all(isinstance(v, (str, int)) for v in attributes.values()):
        raise ConfigError(message("cmd_events_mapping_attributes", path=path))
    values["attributes"] = {str(k): str(v) for k, v in attributes.items()}
    return EventMapping(**values)


def mapping_from_options(mapping_file: str | Path | None = None, *, attributes: Sequence[str] = (),
                         **options: Any) -> EventMapping:
    """The mapping of ``sqmkit import-events``: the file's, overridden by the options that are set.

    ``attributes`` are ``NAME=COLUMN`` strings; ``options`` are fields of :class:`EventMapping`
    (None or empty = not given).
    """
    mapping = load_mapping(mapping_file) if mapping_file else EventMapping()
    given = {k: (tuple(v) if k in _ROLES else v) for k, v in options.items() if v not in (None, [], ())}
    unknown = sorted(set(given) - {f.name for f in fields(EventMapping)})
    if unknown:
        raise TypeError(message("cmd_events_unknown_options", unknown=unknown))
    extra = dict(mapping.attributes)
    for item in attributes:
        name, sep, column = str(item).partition("=")
        if not sep or not name.strip() or not column.strip():
            raise ConfigError(message("cmd_events_attribute_option", item=repr(item), names=", ".join(ATTRIBUTES)))
        extra[name.strip()] = column.strip()
    return replace(mapping, **given, attributes=extra)


# --------------------------------------------------------------------------------------------
# Reading the log: the workbook's own readers (sqmkit.files, sqmkit.dates)
# --------------------------------------------------------------------------------------------
_TEXT = (".csv", ".txt", ".tsv")
_SHEETS = (".xlsx", ".xlsm")


def read_event_log(path: str | Path, *, sheet: str | None = None) -> pd.DataFrame:
    """Read an event log file as it comes, with the readers of the workbook's tables (:mod:`sqmkit.files`).

    CSV/TXT/TSV (UTF-8, UTF-16, GBK; ``,`` ``;`` tab or ``|``; Big5 or Shift-JIS refused), XLSX (the
    first sheet, or ``sheet``), Parquet. Returns the cells (text, or typed XLSX cells) under the
    file's headers, in order, duplicates kept; ``attrs["source"]`` is the path, ``attrs["notes"]``
    what the reader noted.

    Raises
    ------
    DataValidationError
        When the path is not a regular file, is a legacy or encrypted Office file, or cannot be read.
    """
    from sqmkit import files

    path = Path(path)
    label = str(path)
    if not path.is_file():
        what = ("cmd_events_log_is_folder" if path.is_dir() else "cmd_events_log_missing" if not path.exists()
                else "cmd_events_log_not_regular")
        raise DataValidationError(message("cmd_events_log_not_file", label=label, what=message(what)), table=label)
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise DataValidationError(message("cmd_events_log_ole", label=label), table=label)
    suffix = path.suffix.lower()
    if suffix not in _TEXT + _SHEETS + (".parquet",):
        raise DataValidationError(message("cmd_events_log_type", label=label, suffix=suffix), table=label)
    raw = files.read_raw(files.Source(table="events", path=path, sheet=sheet))
    frame = raw.frame.astype(object).where(raw.frame.notna(), None)
    frame.columns = [str(h).strip().lstrip("\ufeff") for h in raw.headers]
    frame.attrs["source"] = label
    frame.attrs["notes"] = list(raw.notes)
    return frame


def _parse_times(values: pd.Series, *, label: str, column: str, date_order: str | None,
                 timezone: str | None) -> pd.Series:
    """Parse one timestamp column with :func:`sqmkit.dates.parse_column` (blank -> NaT); never guess."""
    from sqmkit import dates

    cells = values.astype(object)
    try:
        parsed = dates.parse_column(cells.where(~_blank(cells), None), order=date_order, timezone=timezone,
                                    column=column)
    except dates.DateOrderProblem as problem:
        if str(getattr(problem.detail, "key", "")).endswith("_against_order"):  # the data contradict --date-order
            fix = "cmd_events_date_other_order_fix"
        elif problem.conflicting:
            fix = "cmd_events_date_one_format_fix"
        else:
            fix = "cmd_events_date_order_fix"
        raise DataValidationError(message("cmd_events_date_problem", label=label, problem=problem.args[0],
                                          fix=message(fix)), table=label, column=column) from None
    except dates.DateOffsetProblem as problem:
        raise DataValidationError(message("cmd_events_date_offsets", label=label, problem=problem.args[0]),
                                  table=label, column=column) from None
    bad = parsed.unreadable
    if bad.any():
        raise DataValidationError(message("cmd_events_not_timestamps", label=label, column=column,
                                          rows=_rows(bad[bad].index), values=[str(v) for v in cells[bad].head(_SHOWN)]),
                                  table=label, column=column)
    return parsed.values.astype("datetime64[ns]")


def _rows(index: Sequence[int]) -> list[int]:
    return [int(i) + 2 for i in list(index)[:_SHOWN]]  # file rows: the header is row 1


# --------------------------------------------------------------------------------------------
# Events -> tickets
# --------------------------------------------------------------------------------------------
def _find(headers: list[str], name: str) -> str | None:
    if name in headers:
        return name
    folded = [h for h in headers if h.strip().casefold() == str(name).strip().casefold()]
    return folded[0] if folded else None


def _blank(series: pd.Series) -> pd.Series:
    return series.map(lambda v: v is None or (isinstance(v, float) and np.isnan(v))
                      or (isinstance(v, str) and v.strip().casefold() in _BLANKS)).astype(bool)


def _text(series: pd.Series) -> pd.Series:
    def one(v: Any) -> str:
        if isinstance(v, float) and v.is_integer():
            return f"{v:.0f}"  # 1001.0 from an XLSX cell -> "1001"
        return str(v).strip()
    return series.map(one).where(~_blank(series))


def tickets_from_events(events: pd.DataFrame, mapping: EventMapping, *, label: str | None = None,
                        notes: list[str] | None = None) -> pd.DataFrame:
    """Collapse an event log into the tickets table (one row per case; definitions in the module docstring).

    Parameters
    ----------
    events : DataFrame
        The log as read by :func:`read_event_log` (or any frame with the mapped columns).
    mapping : EventMapping
        Columns and activity roles.
    label : str, optional
        Name of the log in messages (default ``events.attrs["source"]``).
    notes : list, optional
        Receives sentences worth telling the user (events left out, roles never seen, open cases).

    Returns
    -------
    DataFrame
        ticket_id, created_at, first_response_at (when mapped), resolved_at, the mapped attributes,
        agent_id (when known), contacts, escalated, reopened (1/0); sorted by created_at.

    Raises
    ------
    DataValidationError
        Naming the file, column, rows and fix: a mapped column missing or twice in the log, no
        events, a blank case id, an unreadable or ambiguous timestamp, a case without any
        timestamp, resolution activities none of which occurs.

    Examples
    --------
    >>> log = pd.DataFrame({"number": ["INC1"] * 4 + ["INC2"] * 2,
    ...     "incident_state": ["New", "Active", "Resolved", "Closed", "New", "Active"],
    ...     "sys_updated_at": ["29/2/2016 01:23", "29/2/2016 01:40", "29/2/2016 11:29", "5/3/2016 12:00",
    ...                        "1/3/2016 09:00", "1/3/2016 09:30"],
    ...     "sys_updated_by": ["Updated by 21"] * 6})
    >>> mapping = EventMapping(case="number", activity="incident_state", timestamp="sys_updated_at",
    ...     resource="sys_updated_by", first_response=("Active",), resolution=("Resolved", "Closed"),
    ...     reopen=("Active",))
    >>> tickets_from_events(log, mapping)[["ticket_id", "created_at", "first_response_at", "resolved_at"]]
      ticket_id          created_at   first_response_at         resolved_at
    0      INC1 2016-02-29 01:23:00 2016-02-29 01:40:00 2016-02-29 11:29:00
    1      INC2 2016-03-01 09:00:00 2016-03-01 09:30:00                 NaT
    """
    mapping.check()
    label = label or events.attrs.get("source") or message("cmd_events_the_log")
    notes = notes if notes is not None else []
    headers = [str(c) for c in events.columns]
    resource_name = mapping.resource or (_XES_RESOURCE if _XES_RESOURCE in headers else None)
    wanted = {"case": mapping.case, "activity": mapping.activity, "timestamp": mapping.timestamp}
    if resource_name:
        wanted["resource"] = resource_name
    wanted.update({f"attribute {k}": v for k, v in mapping.attributes.items()})
    found = {role: _find(headers, name) for role, name in wanted.items()}
    missing = [f"'{wanted[r]}' ({r})" for r, c in found.items() if c is None]
    if missing:
        more = message("cmd_events_more_columns", n=len(headers) - 30) if len(headers) > 30 else ""
        raise DataValidationError(
            message("cmd_events_no_column", label=label, missing=", ".join(missing), headers=headers[:30], more=more),
            table=label, column=str(wanted[next(r for r, c in found.items() if c is None)]))
    twice = sorted({c for c in found.values() if headers.count(c) > 1})
    if twice:
        raise DataValidationError(message("cmd_events_column_twice", label=label, twice=twice), table=label,
                                  column=twice[0])
    frame = events.loc[:, list(dict.fromkeys(found.values()))].copy()
    frame.columns = range(frame.shape[1])
    position = {c: i for i, c in enumerate(dict.fromkeys(found.values()))}
    col = {role: frame[position[name]] for role, name in found.items()}
    filled = ~pd.concat([_blank(s) for s in col.values()], axis=1).all(axis=1)
    if not filled.any():
        raise DataValidationError(message("cmd_events_no_events", label=label), table=label)
    col = {role: s[filled] for role, s in col.items()}
    case = _text(col["case"])
    if case.isna().any():
        rows = case.index[case.isna()]
        shown_rows = (message("rows_more", rows=_rows(rows), more=len(rows) - _SHOWN) if len(rows) > _SHOWN
                      else _rows(rows))
        raise DataValidationError(message("cmd_events_blank_case", label=label, column=found["case"], rows=shown_rows),
                                  table=label, column=found["case"])
    times = _parse_times(col["timestamp"], label=label, column=found["timestamp"],
                         date_order=mapping.date_order, timezone=mapping.timezone)
    no_time = times.isna()
    if no_time.any():
        timed_cases = set(case[~no_time])
        lost = case[no_time & ~case.isin(timed_cases)]
        if len(lost):
            raise DataValidationError(message("cmd_events_case_no_time", label=label,
                                              cases=list(dict.fromkeys(lost))[:_SHOWN], column=found["timestamp"],
                                              rows=_rows(lost.index)), table=label, column=found["timestamp"])
        notes.append(message("cmd_events_note_no_time", n=int(no_time.sum()), column=found["timestamp"],
                             rows=_rows(no_time[no_time].index)))
    keep = ~no_time
    activity = _text(col["activity"])[keep].fillna("").str.casefold()
    seen = set(activity)
    for role in _ROLES:
        wanted_acts = getattr(mapping, role)
        if wanted_acts and not (_keys(wanted_acts) & seen):
            shown = sorted({a for a in _text(col["activity"]).dropna()})[:25]
            if role == "resolution":
                raise DataValidationError(message("cmd_events_resolution_absent", label=label,
                                                  wanted=list(wanted_acts), column=found["activity"], shown=shown),
                                          table=label, column=found["activity"])
            notes.append(message("cmd_events_note_activity_absent", role=role.replace("_", "-"),
                                 wanted=list(wanted_acts), column=found["activity"], shown=shown))
    data = pd.DataFrame({"case": case[keep], "time": times[keep], "activity": activity,
                         "order": np.arange(int(keep.sum()))})
    data["resource"] = _text(col["resource"])[keep] if "resource" in col else pd.NA
    for name in mapping.attributes:
        data[name] = _text(col[f"attribute {name}"])[keep]
    data = data.sort_values(["case", "time", "order"], kind="mergesort").reset_index(drop=True)
    return _collapse(data, mapping, notes)


def _collapse(data: pd.DataFrame, mapping: EventMapping, notes: list[str]) -> pd.DataFrame:
    is_fr = data["activity"].isin(_keys(mapping.first_response))
    if data["resource"].notna().any() or mapping.resource:
        is_fr &= data["resource"].notna()
    is_res = data["activity"].isin(_keys(mapping.resolution)).to_numpy()
    is_reopen = data["activity"].isin(_keys(mapping.reopen)).to_numpy()
    codes, cases = pd.factorize(data["case"], sort=False)
    n = len(cases)
    resolved_row = np.full(n, -1)
    reopens = np.zeros(n, dtype=int)
    state_row = -1
    current = -1
    for i, code in enumerate(codes):  # one pass: the resolution state machine of each case
        if code != current:
            if current >= 0:
                resolved_row[current] = state_row
            current, state_row = code, -1
        if is_res[i]:
            if state_row < 0:
                state_row = i
        elif is_reopen[i] and state_row >= 0:
            state_row = -1
            reopens[code] += 1
    if current >= 0:
        resolved_row[current] = state_row
    grouped = data.groupby(codes, sort=False)
    out = pd.DataFrame({"ticket_id": cases.astype(str),
                        "created_at": grouped["time"].min().reindex(range(n)).to_numpy()})
    if mapping.first_response:
        out["first_response_at"] = data["time"].where(is_fr).groupby(codes, sort=False).min().reindex(
            range(n)).to_numpy()
    rows = np.where(resolved_row >= 0, resolved_row, 0)
    out["resolved_at"] = np.where(resolved_row >= 0, data["time"].to_numpy()[rows], np.datetime64("NaT"))
    out["resolved_at"] = out["resolved_at"].astype("datetime64[ns]")
    for name in mapping.attributes:
        out[name] = data[name].groupby(codes, sort=False).last().reindex(range(n)).to_numpy()
    if "agent_id" not in mapping.attributes and data["resource"].notna().any():
        out["agent_id"] = np.where(resolved_row >= 0, data["resource"].to_numpy()[rows], None)
    out["contacts"] = 1 + reopens
    escalated = data["activity"].isin(_keys(mapping.reassignment)).groupby(codes, sort=False).any()
    escalated = escalated.reindex(range(n), fill_value=False).to_numpy(dtype=bool, copy=True)
    if "team" in mapping.attributes:
        team = data[["team"]].assign(code=codes).dropna(subset=["team"])
        previous = team.groupby("code", sort=False)["team"].shift()
        changed = (previous.notna() & (team["team"] != previous)).groupby(team["code"]).any()
        escalated |= changed.reindex(range(n), fill_value=False).to_numpy()
    out["escalated"] = escalated.astype(int)
    out["reopened"] = (reopens > 0).astype(int)
    still_open = int((resolved_row < 0).sum())
    if still_open:
        notes.append(message("cmd_events_note_open", open=still_open, n=n))
    return out.sort_values(["created_at", "ticket_id"], kind="mergesort").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Into a workbook
# --------------------------------------------------------------------------------------------
@dataclass
class ImportResult:
    """What :func:`import_events` did: the tickets file written, the tickets, counts and notes."""

    path: Path
    tickets: pd.DataFrame
    events: int
    scaffolded: bool
    notes: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """What was written and what to do next (a message: English as a ``str``, shown in the workbook's lang)."""
        t = self.tickets
        return message("cmd_events_summary", tickets=f"{len(t):,}", events=f"{self.events:,}", path=self.path,
                       first=f"{t['created_at'].min():%Y-%m-%d}", last=f"{t['created_at'].max():%Y-%m-%d}",
                       open=f"{int(t['resolved_at'].isna().sum()):,}", reopened=f"{int(t['reopened'].sum()):,}",
                       reassigned=f"{int(t['escalated'].sum()):,}", config=self.path.parent.parent / "sqmkit.yaml",
                       workbook=self.path.parent.parent)


def _existing_rows(path: Path) -> bool:
    from sqmkit import io

    try:
        io.read_table(path, "tickets")
    except io.EmptyTableError:
        return False
    except DataValidationError:
        return True
    return True


def import_events(log: str | Path, workbook: str | Path, mapping: EventMapping, *, force: bool = False,
                  lang: str = "zh", sheet: str | None = None) -> ImportResult:
    """Build the tickets table of ``workbook`` from the event log ``log``.

    Without ``sqmkit.yaml`` in ``workbook`` (a new or empty folder), a workbook is scaffolded first
    (:func:`sqmkit.report.scaffold_workbook`); an existing tickets file with rows is replaced only
    with ``force`` (the old file is kept in ``data/.backup/``). ``date_order`` and ``timezone`` not
    given in the mapping come from the workbook's sqmkit.yaml when it has them. Nothing is written
    when the log cannot be read. The tickets are written through :mod:`sqmkit.writeback`, so a text
    value a spreadsheet could run (``=HYPERLINK(…)`` as a team name) gets a leading apostrophe
    (:func:`sqmkit.formulas.neutralise`); ``ImportResult.tickets`` keeps the values as the log had them.

    Raises
    ------
    DataValidationError, ConfigError
        Naming the file, column, rows and fix (see :func:`tickets_from_events`), or when ``workbook``
        is a non-empty folder that is not a workbook, or already holds tickets and ``force`` is off.
    """
    from sqmkit import io

    folder = Path(workbook)
    config_path = folder / io.CONFIG_NAME
    if folder.exists() and not folder.is_dir():
        raise ConfigError(message("cmd_events_out_is_file", folder=folder))
    is_workbook = config_path.is_file()
    if folder.is_dir() and any(folder.iterdir()) and not is_workbook:
        raise ConfigError(message("cmd_events_out_not_workbook", folder=folder, config=io.CONFIG_NAME))
    if is_workbook:
        config = io.load_config(folder)
        mapping = replace(mapping, date_order=mapping.date_order or config.get("date_order"),
                          timezone=mapping.timezone or config.get("timezone"))
        existing = io.table_file(folder, "tickets")
        if existing is not None and _existing_rows(existing) and not force:
            raise ConfigError(message("cmd_events_tickets_exist", existing=existing))
    mapping.check()
    notes: list[str] = []
    events = read_event_log(log, sheet=sheet)
    tickets = tickets_from_events(events, mapping, notes=notes)
    if not is_workbook:
        from sqmkit.report import scaffold_workbook

        scaffold_workbook(folder, lang=lang)
    path = io.write_table(folder, "tickets", tickets, replace=True)
    priorities = sorted(tickets["priority"].dropna().unique()) if "priority" in tickets else []
    sla = io.load_config(folder).get("sla_hours")
    if isinstance(sla, dict) and priorities and set(priorities) - set(sla):
        notes.append(message("cmd_events_note_sla_priorities", named=sorted(sla), priorities=priorities[:10]))
    return ImportResult(path=path, tickets=tickets, events=len(events), scaffolded=not is_workbook, notes=notes)
