"""What each notebook parameter may hold: one table of checks, run before any kernel starts.

The runner (:func:`sqmkit.runner.resolve_parameters`) first converts every value, from
``sqmkit.yaml`` ``parameters:`` or from ``-p KEY=VALUE``, to the type its parameters cell declares;
then :func:`problems` checks the converted value against :data:`CHECKS`. ``sqmkit run`` and
``sqmkit validate`` both stop with exit code 2 on any problem, naming where the value came from
(file and key, or the ``-p`` option), the value, what is allowed and the fix, so a typo such as
``-p lang=fr`` is found at once, not when the notebook fails a minute later.

A key of :data:`CHECKS` is a parameter name (the check applies to every notebook declaring that
name) or ``"<notebook>.<name>"`` for one notebook whose code accepts less (or more) than the
others. A parameter without an entry is checked by its declared type only. Adding a check is one
line, e.g. ``"min_group_size": number(low=1, integer=True),``; the helpers are

===================================  =============================================================
helper                               allows
===================================  =============================================================
``one_of(options, blank=False)``     one of ``options`` (a list, or a function of the
                                     :class:`Context` returning one; None there = anything)
``date(blank=True)``                 a real calendar date ``YYYY-MM-DD`` (``2025-06-31`` is not)
``number(low, high, ...)``           a finite number in the range (open or closed ends), optionally
                                     a whole number, optionally with ``special`` values allowed too
``column_of(table, kinds)``          the name of a column of a table of the workbook (of the
                                     schema when the table is absent)
``anything()``                       any value of the declared type (a deliberate "no check")
===================================  =============================================================

Checks that depend on the workbook (the problems it lists, the KPIs of ``kpi_values``, the
survey scale) read it through :class:`Context`: ``config`` is the loaded ``sqmkit.yaml`` and
:meth:`Context.table` loads one small table on demand. A table that cannot be read (its problems
are reported by validation) makes such a check fall back to its workbook-free part.

Every text of a check (what is allowed, why a value is bad, the problem with its fix) is a
:class:`sqmkit.glossary.Message` (``param_`` keys of :mod:`sqmkit.glossary.commands`): English as
a ``str``, and shown in the workbook's language by the CLI. A ``meaning`` may be a message or a
plain string.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from sqmkit.glossary import Message, message
from sqmkit.kpis.engine import FREQ_UNITS, KPI_COLUMNS
from sqmkit.rootcause.fishbone import PRESETS

__all__ = ["Check", "Context", "CHECKS", "RULES", "one_of", "date", "number", "column_of", "anything",
           "check_for", "problems", "describe"]


# --------------------------------------------------------------------------------------------
# The workbook a value is checked against
# --------------------------------------------------------------------------------------------

@dataclass
class Context:
    """What workbook-dependent checks may look at.

    Parameters
    ----------
    config : dict
        The loaded ``sqmkit.yaml`` (:func:`sqmkit.io.load_config`); empty = no workbook.
    workbook : Path, optional
        The workbook folder; tables are read from it on demand (:meth:`table`).
    """

    config: Mapping[str, Any] = field(default_factory=dict)
    workbook: Path | None = None
    _tables: dict[str, Any] = field(default_factory=dict, repr=False)

    def table(self, name: str):
        """Table ``name`` of the workbook as a DataFrame; None when it is absent or cannot be read."""
        if name not in self._tables:
            self._tables[name] = None
            if self.workbook is not None:
                from sqmkit import io
                from sqmkit.exceptions import SqmkitError

                try:
                    self._tables[name] = io.load_workbook(self.workbook, tables=[name]).get(name)
                except (SqmkitError, OSError):  # reported by validation; the check falls back
                    pass
        return self._tables[name]


# --------------------------------------------------------------------------------------------
# The check helpers
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Check:
    """One parameter check.

    ``allowed(context)`` says in words what is allowed (it ends the sentence "… must be");
    ``why(value, context)`` is None for a good value, else an extra reason ("" for none);
    ``example(context)`` is a good value for the fix.
    """

    allowed: Callable[[Context], str]
    why: Callable[[Any, Context], str | None]
    example: Callable[[Context], Any]
    options: Callable[[Context], list[Any] | None] | None = None   # one_of: the list itself
    meaning: str = ""
    blank: bool = False


def _fixed(value: Any) -> Callable[[Context], Any]:
    return lambda context: value


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _joined(items: Sequence[Any], key: str) -> Any:
    """Messages joined pairwise by the template ``key`` (``{first}``, ``{second}``); one item comes back as is."""
    out = items[0]
    for item in items[1:]:
        out = message(key, first=out, second=item)
    return out


def one_of(options: Sequence[Any] | Callable[[Context], Sequence[Any] | None], *, blank: bool = False,
           ignore_case: bool = False, meaning: str = "") -> Check:
    """A value from a list (``blank``: an empty value too, meaning the notebook's default).

    ``options`` may be a function of the :class:`Context`; when it returns None (e.g. the table
    it reads is absent), any value is accepted.

    >>> c = one_of(["zh", "en"], blank=True)
    >>> c.why("fr", Context()) is None, c.why("", Context()) is None, c.allowed(Context())
    (False, True, "one of ['zh', 'en'], or empty")
    """
    def listed(context: Context) -> list[Any] | None:
        found = options(context) if callable(options) else options
        return None if found is None else list(found)

    def allowed(context: Context) -> str:
        return _choice_text(listed(context), meaning, blank)

    def why(value: Any, context: Context) -> str | None:
        if blank and _blank(value):
            return None
        found = listed(context)
        if found is None:
            return None
        if value in found or (ignore_case and str(value).lower() in {str(o).lower() for o in found}):
            return None
        return ""

    def example(context: Context) -> Any:
        found = listed(context)
        return found[0] if found else ""

    return Check(allowed, why, example, options=listed, meaning=meaning, blank=blank)


def _choice_text(options: list[Any] | None, meaning: Any, blank: bool) -> Message:
    text = message("param_any_text") if options is None else message("param_one_of", options=options)
    if meaning:
        text = message("param_meaning", text=text, meaning=meaning)
    return message("param_or_empty", text=text) if blank else text


_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")


def date(*, blank: bool = True, inside_period: bool = False) -> Check:
    """A real calendar date written ``YYYY-MM-DD`` (``blank``: empty means the notebook's default).

    ``inside_period``: a split date, which needs data on both sides, must also lie after the
    start and no later than the end of sqmkit.yaml's ``period`` (when it gives them).

    >>> date().why("2025-06-31", Context())
    'June 2025 has no day 31'
    >>> date().why("2025-07-01", Context()) is None
    True
    >>> date(inside_period=True).why("2024-12-01", Context({"period": {"start": _dt.date(2025, 1, 1)}}))
    "it is outside sqmkit.yaml's period 2025-01-01 – …, and a split needs data on both sides"
    """
    def why(value: Any, context: Context) -> str | None:
        problem = real(value)
        if problem is not None or not inside_period or _blank(value):
            return problem
        period = context.config.get("period") or {}
        start, end = (_as_date(period.get(k)) for k in ("start", "end"))
        day = _dt.date(*map(int, _DATE.match(str(value).strip()).groups()))
        if (start is not None and day <= start) or (end is not None and day > end):
            span = f"{start or '…'} – {end or '…'}"
            return message("param_date_outside_period", span=span)
        return None

    def real(value: Any) -> str | None:
        if blank and _blank(value):
            return None
        match = _DATE.match(str(value).strip())
        if not match:
            return message("param_date_not_iso")
        year, month, day = map(int, match.groups())
        if not 1 <= month <= 12:
            return message("param_date_no_month", month=month)
        try:
            _dt.date(year, month, day)
        except ValueError:  # the month's name in English (a locale's %B would follow the machine, not the workbook)
            return message("param_date_no_day", year=year, month=month, month_name=calendar.month_name[month],
                           day=day)
        return None

    def allowed(context: Context) -> Message:
        period = (context.config.get("period") or {}) if inside_period else {}
        start, end = (_as_date(period.get(k)) for k in ("start", "end"))
        if start and end:
            text = message("param_date_between", start=start, end=end)
        elif start or end:
            text = message("param_date_after" if start else "param_date_until", day=start or end)
        else:
            text = message("param_date")
        return message("param_or_empty_default", text=text) if blank else text

    def example(context: Context) -> str:
        period = (context.config.get("period") or {}) if inside_period else {}
        start, end = (_as_date(period.get(k)) for k in ("start", "end"))
        if start and end:
            return str(start + (end - start) / 2)
        return "2025-07-01"

    return Check(allowed, why, example)


def _as_date(value: Any) -> _dt.date | None:
    """A config date (pandas Timestamp, datetime, date or text) as a date; None when absent."""
    if value is None or value == "":
        return None
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def number(*, low: float | None = None, high: float | None = None, low_open: bool = False,
           high_open: bool = False, integer: bool = False, special: Iterable[float] = (),
           meaning: str = "") -> Check:
    """A finite number in a range; ``low``/``high`` may be functions of the :class:`Context`.

    ``low_open``/``high_open`` exclude the end itself; ``integer`` asks for a whole number;
    ``special`` values are allowed besides the range (e.g. 0 meaning "choose automatically").

    >>> c = number(low=0, high=1, low_open=True, high_open=True)
    >>> c.allowed(Context()), c.why(1.0, Context()) is None, c.why(0.05, Context()) is None
    ('a number > 0 and < 1', False, True)
    """
    special = tuple(special)

    def bound(end: Any, context: Context) -> float | None:
        return end(context) if callable(end) else end

    def allowed(context: Context) -> Message:
        lo, hi = bound(low, context), bound(high, context)
        kind = message("param_whole_number" if integer else "param_number")
        parts = []
        if lo is not None:
            parts.append(f"{'>' if low_open else '≥'} {lo:g}")
        if hi is not None:
            parts.append(f"{'<' if high_open else '≤'} {hi:g}")
        text = message("param_ranged", kind=kind, bounds=_joined(parts, "param_and")) if parts else kind
        if special:
            text = message("param_special", special=_joined([f"{s:g}" for s in special], "param_or"), text=text)
        return message("param_meaning", text=text, meaning=meaning) if meaning else text

    def why(value: Any, context: Context) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return ""
        if not math.isfinite(value):
            return message("param_not_finite")
        if value in special:
            return None
        if integer and not float(value).is_integer():
            return ""
        lo, hi = bound(low, context), bound(high, context)
        if lo is not None and (value < lo or (low_open and value == lo)):
            return ""
        if hi is not None and (value > hi or (high_open and value == hi)):
            return ""
        return None

    def example(context: Context) -> Any:
        lo, hi = bound(low, context), bound(high, context)
        if lo is not None and hi is not None:
            value = (lo + hi) / 2
        elif lo is not None:
            value = lo + 1 if low_open or integer else lo
        elif hi is not None:
            value = hi - 1 if high_open else hi
        else:
            value = 1
        value = round(value) if integer else value
        return f"{value:g}"

    return Check(allowed, why, example)


def column_of(table: str, *, kinds: Sequence[str] = ("text",), also: Sequence[str] = (), blank: bool = False) -> Check:
    """The name of a column of ``table`` whose schema kind is one of ``kinds`` (:mod:`sqmkit.schemas`).

    ``also`` names further columns allowed whatever their kind. When the workbook holds the
    table, the column must also be in it. ``blank``: an empty value is allowed too (the notebook's
    default).

    >>> column_of("complaints", kinds=("number",), blank=True).allowed(Context())
    "one of ['severity', 'cost'] (columns of the complaints table), or empty"
    """
    def columns(context: Context) -> list[str]:
        from sqmkit.schemas import TABLES

        names = [c.name for c in TABLES[table].columns if c.kind in kinds or c.name in also]
        frame = context.table(table)
        return names if frame is None else [n for n in names if n in frame.columns]

    return one_of(columns, blank=blank, meaning=message("param_columns_of", table=table))


def anything() -> Check:
    """Any value of the declared type: an explicit "the type check is enough"."""
    return Check(_fixed(message("param_any_value")), lambda value, context: None, _fixed(""))


# --------------------------------------------------------------------------------------------
# Values that depend on the workbook or on the code of a notebook
# --------------------------------------------------------------------------------------------

#: Periods a notebook may follow (``freq``); "h" is left out on purpose: a year of tickets by the
#: hour is thousands of periods per chart (and gigabytes of memory), not a readable trend.
_PERIODS = [f for f in FREQ_UNITS if f != "h"]
_PERIOD_NAMES = message("param_meaning_periods")
#: 02 hands `freq` to the KPI explorer (sqmkit.kpis.widgets.PERIODS), which offers these four.
_EXPLORER_PERIODS = ["D", "W", "MS", "QS"]
#: 05 groups survey dates with pandas (pd.Grouper), which no longer reads M, Q and Y (pandas 3).
_GROUPER_PERIODS = [f for f in _PERIODS if f not in ("M", "Q", "Y")]


def _problem_ids(context: Context) -> list[str] | None:
    """pick_problem (03): a problem_id of `problems`, else of `causes`; anything without both."""
    for name in ("problems", "causes"):
        frame = context.table(name)
        if frame is not None and "problem_id" in frame:
            ids = [str(v) for v in frame["problem_id"].dropna().unique()]
            if ids:
                return ids
    return None


def _action_kpis(context: Context) -> list[str]:
    """04 follows a KPI of the ticket log or one supplied in `kpi_values`."""
    from sqmkit.kpis import KPI_DIRECTIONS

    names = list(KPI_COLUMNS) + [k for k in KPI_DIRECTIONS if k not in KPI_COLUMNS]
    values = context.table("kpi_values")
    if values is not None and "kpi" in values:
        names += [str(k) for k in values["kpi"].dropna().unique() if str(k) not in names]
    return names


def _most_segments(context: Context) -> float | None:
    """01's k-means needs fewer segments than respondents (sqmkit.needs.segments.cluster_segments)."""
    ratings = context.table("needs_ratings")
    if ratings is None or "respondent_id" not in ratings:
        return None
    return float(max(2, ratings["respondent_id"].nunique() - 1))


def _overall(end: str) -> Callable[[Context], float]:
    def bound(context: Context) -> float:
        scale = ((context.config.get("survey") or {}).get("overall") or {})
        return float(scale.get(end, 1 if end == "min" else 5))

    return bound


#: name or "notebook.name" -> check. Keep one line per parameter; see the module docstring.
CHECKS: dict[str, Check] = {
    # every notebook
    "lang": one_of(["zh", "en"], blank=True, meaning=message("param_meaning_lang")),
    # 00_data_health
    "low_pct": number(low=0, high=100),
    # 01_needs_analysis
    "crosshair": one_of(["data", "midpoint"]),
    "weight_gap": number(low=0),
    "weight_kano": number(low=0),
    "weight_mentions": number(low=0),
    "n_segments": number(low=2, high=_most_segments, integer=True, special=[0],
                         meaning=message("param_meaning_n_segments")),
    # 02_service_kpis, 04_pdca_tracking, 05_satisfaction
    "freq": one_of(_PERIODS, meaning=_PERIOD_NAMES),
    "02_service_kpis.freq": one_of(_EXPLORER_PERIODS, meaning=message("param_meaning_explorer_periods")),
    "05_satisfaction.freq": one_of(_GROUPER_PERIODS, meaning=_PERIOD_NAMES),
    "kpi": one_of(KPI_COLUMNS, meaning=message("param_meaning_kpi")),
    "04_pdca_tracking.kpi": one_of(_action_kpis, meaning=message("param_meaning_action_kpi")),
    "split": date(inside_period=True),
    "split_date": date(inside_period=True),
    "as_of": date(),
    "intervention_date": date(inside_period=True),
    "amber_pct": number(low=0, high=100, meaning=message("param_meaning_amber_pct")),
    "min_group_tickets": number(low=1, integer=True, meaning=message("param_meaning_min_group_tickets")),
    # 03_root_cause
    "problem_id": one_of(_problem_ids, blank=True, meaning=message("param_meaning_problem_id")),
    "threshold": number(low=0, high=100, low_open=True, meaning=message("param_meaning_threshold")),
    "pareto_by": column_of("complaints", kinds=("text",), also=("severity",)),  # severity: coded levels
    "pareto_weight": column_of("complaints", kinds=("number",), blank=True),
    "preset": one_of(list(PRESETS), ignore_case=True),
    "max_categories": number(low=2, integer=True, special=[0], meaning=message("param_meaning_max_categories")),
    # 04_pdca_tracking
    "soon_days": number(low=0, integer=True, meaning=message("param_meaning_days")),
    "window": number(low=2, integer=True, special=[0], meaning=message("param_meaning_window")),
    # 05_satisfaction
    "low_score_max": number(low=_overall("min"), high=_overall("max"), special=[-1],
                            meaning=message("param_meaning_low_score_max")),
    "min_group_n": number(low=1, integer=True, meaning=message("param_meaning_min_group_n")),
    # names the issue asks for and notebooks may add
    "alpha": number(low=0, high=1, low_open=True, high_open=True, meaning=message("param_meaning_alpha")),
}


def _weights_positive(values: Mapping[str, Any]) -> str | None:
    """not all three 0: the priority score needs one positive weight (sqmkit.needs.priority_ranking)"""
    weights = [values.get(k) for k in ("weight_gap", "weight_kano", "weight_mentions")]
    if all(isinstance(w, (int, float)) for w in weights) and sum(weights) <= 0:
        return message("param_rule_weights_positive")
    return None


#: (notebook or "*", names it reads, rule returning None or the problem with its fix) — checks of
#: several parameters together, run after each one passed :data:`CHECKS`.
RULES: list[tuple[str, tuple[str, ...], Callable[[Mapping[str, Any]], str | None]]] = [
    ("01_needs_analysis", ("weight_gap", "weight_kano", "weight_mentions"), _weights_positive),
]


# --------------------------------------------------------------------------------------------
# Running the checks
# --------------------------------------------------------------------------------------------

def check_for(notebook: str, name: str) -> Check | None:
    """The check of parameter ``name`` in ``notebook`` (its own entry first), or None."""
    return CHECKS.get(f"{notebook}.{name}") or CHECKS.get(name)


def _where(source: str, name: str, raw: Any, config_file: str) -> str:
    if source == "-p":
        return f"-p {name}={raw}"
    return f"{config_file}: `parameters.{name}`"


def _fix(source: str, name: str, example: Any) -> Message:
    return message("param_fix_option" if source == "-p" else "param_fix_config", name=name, example=example)


def _allowed_for_all(checks: list[tuple[str, Check]], context: Context) -> tuple[Any, list[Any] | None]:
    """What is allowed in every one of these notebooks: the common options of one_of checks, else each text."""
    lists = [c.options(context) if c.options else None for _, c in checks]
    if all(isinstance(found, list) for found in lists):
        common = [o for o in lists[0] if all(o in other for other in lists[1:])]
        meaning = next((c.meaning for (_, c), found in zip(checks, lists) if found == common), checks[0][1].meaning)
        return _choice_text(common, meaning, all(c.blank for _, c in checks)), common
    texts: dict[str, tuple[Any, list[str]]] = {}
    for notebook, check in checks:
        text = check.allowed(context)
        texts.setdefault(str(text), (text, []))[1].append(notebook)
    if len(texts) == 1:
        return next(iter(texts.values()))[0], None
    each = [message("param_allowed_in", text=text, notebooks=", ".join(nbs)) for text, nbs in texts.values()]
    return _joined(each, "param_list"), None


def problems(given: Iterable[tuple[str, str, Any, Any, str]], *, final: Mapping[str, Mapping[str, Any]] | None = None,
             defaults: Mapping[str, Mapping[str, Any]] | None = None, context: Context | None = None,
             config_file: str = "sqmkit.yaml") -> list[str]:
    """Every problem of the parameter values, one message each (empty list = all good).

    Parameters
    ----------
    given : iterable of (notebook, name, value, raw, source)
        Each value given for a notebook: converted to its declared type (``value``), as written
        (``raw``), and where from (``"-p"`` or ``"sqmkit.yaml parameters"``). Values the runner
        sets itself are left out by the caller.
    final : dict, optional
        ``{notebook: {name: value}}``, the values each notebook will get, for :data:`RULES`.
    defaults : dict, optional
        ``{notebook: {name: default}}`` from the parameters cells: the example of a fix.
    context : Context, optional
        The workbook, for checks that depend on it.
    config_file : str
        How to name sqmkit.yaml in messages (its path).

    Returns
    -------
    list of Message
        A value that is bad for several notebooks is one message naming them all and what
        every one of them accepts (English as a ``str``; ``glossary.render(m, "zh")`` in Chinese).

    Examples
    --------
    >>> print(problems([("02_service_kpis", "lang", "fr", "fr", "-p")])[0])
    -p lang=fr: 'fr' is not a valid `lang` for notebook 02_service_kpis. It must be one of ['zh', 'en']
    (empty means the workbook's lang), or empty. Fix: pass e.g. -p lang=zh, or leave -p lang out ...
    """
    context = context or Context()
    defaults = defaults or {}
    grouped: dict[tuple, list[tuple[str, Check, str]]] = {}
    for notebook, name, value, raw, source in given:
        check = check_for(notebook, name)
        why = check.why(value, context) if check is not None else None
        if why is not None:
            grouped.setdefault((source, name, repr(value), str(raw)), []).append((notebook, check, why))
    out = []
    for (source, name, value, raw), bad in grouped.items():
        notebooks = [nb for nb, _, _ in bad]
        allowed, common = _allowed_for_all([(nb, c) for nb, c, _ in bad], context)
        why = next((w for _, _, w in bad if w), "")
        example = next((defaults.get(nb, {}).get(name) for nb in notebooks
                        if not _blank(defaults.get(nb, {}).get(name))
                        and all(c.why(defaults.get(nb, {}).get(name), context) is None for _, c, _ in bad)), None)
        if example is None:
            example = common[0] if common else bad[0][1].example(context)
        listed = message("param_for_notebook" if len(notebooks) == 1 else "param_for_notebooks",
                         notebooks=", ".join(notebooks))
        out.append(message("param_bad_value", where=_where(source, name, raw, config_file), value=value, name=name,
                           notebooks=listed, because=message("param_because", why=why) if why else "",
                           allowed=allowed, fix=_fix(source, name, example)))
    if out:
        return out  # rules combine values that must each be good first
    for notebook, values in (final or {}).items():
        for scope, names, rule in RULES:
            if scope in ("*", notebook) and set(names) <= set(values):
                problem = rule({n: values[n] for n in names})
                if problem:
                    out.append(message("param_rule_problem", notebook=notebook, problem=problem))
    return out


def describe(context: Context | None = None) -> list[dict[str, str]]:
    """The table of checks in words: ``[{"parameter", "allowed"}]`` (docs and reports; ``allowed`` a message)."""
    context = context or Context()
    rows = [{"parameter": key, "allowed": check.allowed(context)} for key, check in CHECKS.items()]
    rows += [{"parameter": f"{scope}: {' + '.join(names)}", "allowed": (rule.__doc__ or rule.__name__).strip()}
             for scope, names, rule in RULES]  # a rule's docstring: for developers, English
    return rows
