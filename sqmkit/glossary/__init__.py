"""The glossary: every Chinese and English text of sqmkit — output columns, coded values, headline labels, sentences and messages.

The analysis modules return tidy tables with canonical snake_case column names (exported as
CSV for analysts); the report shows the same tables with the headers and coded values of this
glossary, in the workbook's ``lang`` (see :func:`sqmkit.report.show_table`).

Examples
--------
>>> column_label("cum_pct", "zh")
'累计占比（%）'
>>> value_label("concentrate", "en", column="quadrant")
'Concentrate here'
>>> column_label("something_new", "zh")
'something_new'
"""
from __future__ import annotations

import os
from typing import Any

import numpy as np

from sqmkit.glossary import commands, health, kpis, messages, needs, pdca, report, rootcause, satisfaction, spc, terms
from sqmkit.glossary.kpis import KPI_LABELS
from sqmkit.glossary.terms import BLANK, THEMES

__all__ = ["BLANK", "COLUMNS", "VALUES", "THEMES", "TEXTS", "KPI_LABELS", "column_label", "value_label", "theme_label",
           "text", "translate", "pick", "Message", "message", "render", "message_lang"]

# The glossary is a leaf: it imports nothing else from sqmkit. Each step keeps its terms in its own module;
# tests/test_glossary.py checks that no key is defined twice and that each term has one translation.
_PARTS = (terms, health, needs, kpis, spc, rootcause, pdca, satisfaction, messages, commands, report)


def _merged(attribute: str) -> dict:
    out: dict = {}
    for part in _PARTS:
        for key, entry in getattr(part, attribute).items():
            if isinstance(entry, dict) and isinstance(out.get(key), dict) and "zh" not in entry:
                out[key] = {**out[key], **entry}   # coded values of one column, spread over several parts
            else:
                out[key] = entry
    return out


#: Output column name → {"zh": ..., "en": ...}. KPI columns come from :data:`KPI_LABELS`.
COLUMNS: dict[str, dict[str, str]] = _merged("COLUMNS")
#: Coded values → labels. Keys: a column name (its values only) or ``"*"`` (any column).
VALUES: dict[str, dict[Any, dict[str, str]]] = _merged("VALUES")
#: Headline labels, notebook sentences and messages → {"zh": ..., "en": ...}, with ``{fields}``.
TEXTS: dict[str, dict[str, str]] = _merged("TEXTS")
_NAME_COLUMNS = ("kpi", "statistic", "measure")


def _pick(entry: dict[str, str], lang: str) -> str:
    return entry.get(lang) or entry["en"]


def translate(texts: dict[str, dict[str, str]], key: str, lang: str = "zh") -> str:
    """Look ``key`` up in a module's table ``{key: {"zh": ..., "en": ...}}``: ``lang``, else English, else the key.

    >>> translate({"save": {"zh": "保存", "en": "Save"}}, "save", "zh")
    '保存'
    >>> translate({}, "unknown", "en")
    'unknown'
    """
    entry = texts.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry.get("en") or key


def pick(zh: Any, en: Any, lang: str = "zh") -> Any:
    """The one of a pair of texts that lives outside the glossary (a data-contract help text, a preset's bone name)
    in ``lang``: ``zh`` for Chinese when it is given, else ``en``.

    Use it only for pairs kept beside their data (:mod:`sqmkit.schemas`, the fishbone presets); a text of sqmkit's
    own belongs in a glossary part and is read with :func:`text`.

    >>> pick("人", "Man", "zh"), pick("人", "Man", "en"), pick("", "Type of request.", "zh")
    ('人', 'Man', 'Type of request.')
    """
    return zh if lang == "zh" and zh else en


def column_label(name: Any, lang: str = "zh") -> str:
    """The display header of an output column in ``lang``; unknown names come back unchanged.

    KPI columns (``frt_median_min``, ``q_fcr_pct`` …) use :data:`KPI_LABELS`.
    """
    key = str(name)
    if key in COLUMNS:
        return _pick(COLUMNS[key], lang)
    if key in KPI_LABELS:
        return _pick(KPI_LABELS[key], lang)
    if key.startswith("q_") and key[2:] in KPI_LABELS:
        return text("kpi_attainment_column", lang, kpi=_pick(KPI_LABELS[key[2:]], lang))
    return key


def value_label(value: Any, lang: str = "zh", *, column: str | None = None) -> Any:
    """The display label of a coded value (quadrant, RAG status, True/False …); others come back unchanged."""
    if isinstance(value, (bool, np.bool_)):
        return _pick(VALUES["*"][bool(value)], lang)
    if not isinstance(value, str):  # numbers, dates, missing values: unchanged (1 must not read as True)
        return value
    for scope in (VALUES.get(str(column), {}), VALUES["*"]):
        if value in scope:
            return _pick(scope[value], lang)
    if column in _NAME_COLUMNS:  # a column whose values name KPIs or output columns
        label = column_label(value, lang)
        return label
    return value


def theme_label(theme: Any, lang: str = "zh") -> str:
    """The display label of a comment-theme code (``"waiting"`` → ``"等待/响应"``); unknown codes come back unchanged.

    >>> theme_label("waiting", "en")
    'Waiting / response'
    """
    entry = THEMES.get(str(theme))
    return _pick(entry, lang) if entry else str(theme)


def text(key: str, lang: str = "zh", **fields: Any) -> str:
    """A short notebook text (a headline label) in ``lang``, its ``{fields}`` filled in; unknown keys come back unchanged.

    >>> text("open_tickets_at", "en", date="2025-12-20")
    'Open tickets at 2025-12-20'
    """
    entry = TEXTS.get(key)
    return _pick(entry, lang).format(**fields) if entry else key


class Message(str):
    """A message in both languages: the English text (so it reads as a plain ``str``), its glossary key and fields.

    Errors and notes are raised or collected as messages and rendered where they are shown, in the language
    of the reader (:func:`render`): the CLI in the workbook's ``lang`` (or ``SQMKIT_LANG``), a notebook in
    the run's ``lang``.

    >>> m = message("cli_no_workbook", path="acme")
    >>> isinstance(m, str), render(m, "zh") != str(m)
    (True, True)
    """

    key: str
    fields: dict[str, Any]

    def __new__(cls, key: str, fields: dict[str, Any]) -> "Message":
        entry = TEXTS.get(key)
        english = _format(entry["en"], fields, "en") if entry else key
        obj = super().__new__(cls, english)
        obj.key, obj.fields = key, fields
        return obj

    def __reduce__(self):  # pickles as a message (errors cross process boundaries in batch runs)
        return (Message, (self.key, self.fields))


def _format(template: str, fields: dict[str, Any], lang: str) -> str:
    return template.format(**{k: render(v, lang) for k, v in fields.items()})


def message(key: str, **fields: Any) -> Message:
    """The message ``key`` of the glossary (``TEXTS``) with its ``{fields}``; fields may be messages themselves."""
    return Message(key, fields)


def render(value: Any, lang: str = "en") -> Any:
    """A :class:`Message` in ``lang``; anything else unchanged (a plain string stays as written)."""
    if isinstance(value, Message):
        entry = TEXTS.get(value.key)
        return _format(_pick(entry, lang), value.fields, lang) if entry else value.key
    return value


def message_lang(workbook_lang: Any = None) -> str:
    """The language messages are shown in: ``SQMKIT_LANG`` when set to zh or en, else the workbook's ``lang``,
    else English."""
    chosen = os.environ.get("SQMKIT_LANG", "").strip().lower()
    if chosen in ("zh", "en"):
        return chosen
    return workbook_lang if workbook_lang in ("zh", "en") else "en"
