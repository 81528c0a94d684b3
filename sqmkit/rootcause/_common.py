"""Input coercion shared by the root-cause modules: file row numbers, ids, texts, yes/no flags, numbers, and the
collector of a table's problems (every problem reported at once)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from sqmkit._checks import raise_problems
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import message

__all__ = ["row_list", "clean_ids", "optional_ids", "clean_texts", "flag_values", "number_values", "Problems"]

_TRUE = {"true", "t", "yes", "y", "1", "1.0", "x", "是", "对", "√", "✓", "已验证", "verified"}
_FALSE = {"false", "f", "no", "n", "0", "0.0", "否", "", "未验证", "nan", "<na>", "none"}


def row_list(index: Iterable[Any]) -> str:
    """Data rows as numbered in the file (header = row 1), for messages."""
    rows = [int(i) + 2 if isinstance(i, (int, np.integer)) else i for i in index]
    shown = ", ".join(str(r) for r in rows[:10])
    return message("rc_rows_more", shown=shown, n=len(rows)) if len(rows) > 10 else shown


def clean_ids(series: pd.Series) -> pd.Series:
    """Identifiers as stripped strings; blanks become NA; 3.0 becomes '3'."""
    def one(v: Any) -> Any:
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
            return pd.NA
        if isinstance(v, (float, np.floating)) and float(v).is_integer():
            v = int(v)
        s = str(v).strip()
        return s if s and s.lower() not in {"nan", "<na>", "none"} else pd.NA
    return pd.Series([one(v) for v in series], index=series.index, dtype="object")


def optional_ids(data: pd.DataFrame, column: str) -> pd.Series:
    """:func:`clean_ids` of an optional column; all NA when ``data`` has no such column."""
    if column in data:
        return clean_ids(data[column])
    return pd.Series(pd.NA, index=data.index, dtype="object")


def clean_texts(series: pd.Series) -> pd.Series:
    """Texts stripped of surrounding blanks; blank cells become NA."""
    return series.map(lambda v: pd.NA if pd.isna(v) or not str(v).strip() else str(v).strip())


class Problems:
    """The problems found in one table, collected so that one error reports them all (lazy validation).

    >>> found = Problems(pd.DataFrame({"cause_id": [None]}), table="causes")
    >>> found.add("blank id", "cause_id", [0]); len(found.errors)
    1
    """

    def __init__(self, data: pd.DataFrame, *, table: str) -> None:
        self.data, self.table = data, table
        self.errors: list[DataValidationError] = []

    def add(self, msg: Any, column: str, index: Iterable[Any]) -> None:
        """One problem: its message, the column, and the index of the rows at fault (their rows are the failure cases)."""
        index = list(index)
        self.errors.append(DataValidationError(msg, table=self.table, column=column,
                                               failure_cases=self.data.loc[index] if index else None))

    def raise_all(self) -> None:
        """Raise one error naming every problem collected (nothing when there is none)."""
        raise_problems(self.errors, table=self.table)


def flag_values(series: pd.Series, *, table: str, column: str) -> pd.Series:
    """Yes/no flags from booleans, 0/1 or words (true/yes/是 …); blanks are False."""
    out, bad = [], []
    for idx, v in series.items():
        if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
            out.append(False)
        elif isinstance(v, (bool, np.bool_)):
            out.append(bool(v))
        else:
            s = str(v).strip().lower()
            if s in _TRUE:
                out.append(True)
            elif s in _FALSE:
                out.append(False)
            else:
                out.append(False)
                bad.append((idx, v))
    if bad:
        raise DataValidationError(
            message("rc_err_not_flag", table=table, column=column, rows=row_list([b[0] for b in bad]),
                    values=[b[1] for b in bad][:5]),
            table=table, column=column,
            failure_cases=pd.DataFrame(bad, columns=["index", column]))
    return pd.Series(out, index=series.index, dtype=bool)


def number_values(series: pd.Series, *, table: str, column: str, default: float = 0.0,
                  nonnegative: bool = True) -> pd.Series:
    """Numbers of a column (blank = ``default``); text and, unless allowed, negative values are an error."""
    values = pd.to_numeric(series, errors="coerce")
    bad = series.notna() & values.isna() & (series.astype(str).str.strip() != "")
    if bad.any():
        raise DataValidationError(
            message("rc_err_not_number", table=table, column=column, rows=row_list(series.index[bad]),
                    values=series[bad].tolist()[:5]),
            table=table, column=column, failure_cases=series[bad].to_frame())
    if nonnegative and (values < 0).any():
        neg = values < 0
        raise DataValidationError(
            message("rc_err_negative", table=table, column=column, rows=row_list(series.index[neg]),
                    values=values[neg].tolist()[:5]),
            table=table, column=column, failure_cases=series[neg].to_frame())
    return values.fillna(default).astype(float)


# ---------------------------------------------------------------------------------------------
# text wrapping by display width (Chinese has no spaces; a CJK character is two columns wide)

