"""Input checks shared by the modules of :mod:`sqmkit.spc` (a floor below them, so no module borrows a sibling's
private names).

:func:`numeric_column` words its errors as :mod:`sqmkit.spc.charts` does (table, column, the rows, the fix), from the
glossary, so a chart and a capability analysis of the same bad column say the same thing.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from sqmkit._checks import require_names
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import message

__all__ = ["rows_text", "numeric_column"]


def rows_text(index: Sequence[Any], limit: int = 5) -> str:
    """The first ``limit`` row labels of ``index`` for a message, and how many there are in all.

    Examples
    --------
    >>> rows_text([3, 8]), rows_text(range(1, 10))
    ('3, 8', '1, 2, 3, 4, 5 … (9 in all)')
    """
    items = list(index)
    shown = ", ".join(str(i) for i in items[:limit])
    return shown + (f" … ({len(items)} in all)" if len(items) > limit else "")


def numeric_column(data: pd.DataFrame, column: str, *, table: str, allow_na: bool = False) -> pd.Series:
    """Column ``column`` of ``data`` as floats, or an error naming the rows that are not numbers (or are empty).

    Parameters
    ----------
    data : DataFrame
        The input table.
    column : str
        The column to read.
    table : str
        Table name for the messages.
    allow_na : bool
        Let empty cells through as NaN (else they are an error too).

    Returns
    -------
    Series
        Floats, same index as ``data``.

    Raises
    ------
    DataValidationError
        When the column is missing, holds text that is not a number, or (``allow_na=False``) has empty
        cells; ``failure_cases`` lists the rows (the index labels of ``data``) and values.

    Examples
    --------
    >>> numeric_column(pd.DataFrame({"h": ["4.5", 6]}), "h", table="tickets").tolist()
    [4.5, 6.0]
    >>> numeric_column(pd.DataFrame({"h": [4.5, "n/a"]}), "h", table="tickets")
    Traceback (most recent call last):
    ...
    sqmkit.exceptions.DataValidationError: tickets: column 'h' holds non-numeric values in rows 1 (e.g. 'n/a'); ...
    """
    require_names(data.columns, [column], table=table, fix=message("spc_column_fix"))
    raw = data[column]
    values = pd.to_numeric(raw, errors="coerce").astype(float)
    bad = raw.notna() & values.isna()
    if bad.any():
        cases = pd.DataFrame({"row": raw.index[bad], column: raw[bad].to_numpy()})
        raise DataValidationError(message("spc_column_non_numeric", table=table, column=column,
                                          rows=rows_text(raw.index[bad]), example=raw[bad].iloc[0]),
                                  table=table, column=column, failure_cases=cases)
    if not allow_na and values.isna().any():
        rows = values.index[values.isna()]
        raise DataValidationError(message("spc_column_empty", table=table, column=column, rows=rows_text(rows)),
                                  table=table, column=column, failure_cases=pd.DataFrame({"row": rows}))
    return values
