"""Argument and input-table checks shared by every topic module.

One wording for the errors a user meets most often, whichever function raised them:

* a bad option: seaborn's sentence
  ``The value for `chart` must be one of ['i', 'mr'], but 'x' was passed.``;
* a table that is not a DataFrame;
* a table without a column the call needs:
  ``Table 'kano' has no column ['dysf'] passed as `dysfunctional`; it has [...]. Fix: ...``.

All raise :class:`sqmkit.exceptions.DataValidationError` (a ``ValueError``) carrying ``table`` and
``column`` so the notebooks and the data-health report can point at the cell to fix.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import BLANK, Message, message

__all__ = ["argument_error", "LANGS", "code_blank_groups", "as_list", "check_choice", "check_lang", "choice_error", "require_columns",
           "require_frame", "require_names", "combine_problems", "raise_problems"]

#: Display languages every chart, label and report accepts.
LANGS = ["zh", "en"]


def choice_error(name: str, value: Any, options: Iterable[Any]) -> DataValidationError:
    """The error for an argument outside its options (for callers that ``raise`` it themselves).

    Parameters
    ----------
    name : str
        Argument name as the user typed it.
    value : object
        The value passed.
    options : iterable
        The accepted values, in the order to show them.

    Returns
    -------
    DataValidationError

    Examples
    --------
    >>> str(choice_error("chart", "x", ["i", "mr"]))
    "The value for `chart` must be one of ['i', 'mr'], but 'x' was passed."
    """
    return DataValidationError(message("check_argument_choice", name=name, options=list(options), value=value))


def argument_error(name: str, value: Any, requirement: str, **fields: Any) -> DataValidationError:
    """The error for an argument outside its range, ``requirement`` a ``must_*`` key of the glossary.

    Examples
    --------
    >>> str(argument_error("alpha", 2, "must_between", low=0, high=1))
    'The value for `alpha` must be between 0 and 1, but 2 was passed.'
    """
    return DataValidationError(message("check_argument_must", name=name, value=value,
                                       requirement=message(requirement, **fields)))


def check_choice(name: str, value: Any, options: Sequence[Any]) -> None:
    """Raise seaborn's sentence unless ``value`` is one of ``options``.

    Parameters
    ----------
    name, value, options
        As in :func:`choice_error` (``options`` must support ``in``).

    Raises
    ------
    DataValidationError
        When ``value not in options``.

    Examples
    --------
    >>> check_choice("lang", "zh", LANGS)
    >>> check_choice("lang", "fr", LANGS)
    Traceback (most recent call last):
    ...
    sqmkit.exceptions.DataValidationError: The value for `lang` must be one of ['zh', 'en'], but 'fr' was passed.
    """
    if value not in options:
        raise choice_error(name, value, options)


def check_lang(lang: str) -> None:
    """``check_choice("lang", lang, ["zh", "en"])``: the display language of labels and charts."""
    check_choice("lang", lang, LANGS)


def as_list(value: str | Sequence[str] | None) -> list[str]:
    """One column name, several, or none, as a list (``None`` → ``[]``, ``"a"`` → ``["a"]``).

    Examples
    --------
    >>> as_list(None), as_list("channel"), as_list(("channel", "region"))
    ([], ['channel'], ['channel', 'region'])
    """
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def require_frame(data: Any, *, table: str, fix: str | Message | None = None) -> pd.DataFrame:
    """``data`` itself when it is a DataFrame, else an error naming the table and the type passed.

    Parameters
    ----------
    data : object
        What the caller passed as the table.
    table : str
        Table name for the message (``"survey"``, ``"actions"``).
    fix : Message, optional
        How to get a DataFrame (a glossary message); default: load it with :func:`sqmkit.io.load_workbook`.

    Returns
    -------
    DataFrame

    Raises
    ------
    DataValidationError
        When ``data`` is not a :class:`pandas.DataFrame`.
    """
    if not isinstance(data, pd.DataFrame):
        hint = fix or message("check_not_frame_fix", table=table)
        raise DataValidationError(message("check_not_frame", table=table, kind=type(data).__name__, fix=hint),
                                  table=table)
    return data


def require_names(present: Iterable[Any], columns: Iterable[str], *, table: str, argument: str | None = None,
                  purpose: str | Message | None = None, fix: str | Message | None = None) -> None:
    """Every name in ``columns`` must be in ``present`` (the columns of a table in memory or on disk).

    Parameters
    ----------
    present : iterable
        The table's column names (``df.columns``, or a DuckDB source's column list).
    columns : iterable of str
        The names the call needs.
    table : str
        Table name for the message.
    argument : str, optional
        The argument the names came from (``"score"``); shown as "passed as `score`".
    purpose : Message, optional
        What the columns are needed for (``message("check_for_grouping")``); shown as "needed for the grouping `by`".
    fix : Message, optional
        The fix sentence (a glossary message, shown in the reader's language); the default says to add the column
        or pass an existing name.

    Raises
    ------
    DataValidationError
        Naming the missing columns (all of them) and the columns present; ``column`` is the first missing.

    Examples
    --------
    >>> require_names(["a", "b"], ["a"], table="survey")
    >>> require_names(["a", "b"], ["c"], table="survey", argument="score", fix="pass 'a' or 'b'.")
    Traceback (most recent call last):
    ...
    sqmkit.exceptions.DataValidationError: Table 'survey' has no column ['c'] passed as `score`; it has ['a', 'b']. Fix: pass 'a' or 'b'.
    """
    have = list(present)
    missing = [c for c in columns if c not in have]
    if not missing:
        return
    raise DataValidationError(
        message("check_no_column" if len(missing) == 1 else "check_no_columns", table=table, missing=missing,
                argument=message("check_passed_as", argument=argument) if argument else "",
                purpose=message("check_needed_for", purpose=purpose) if purpose else "",
                have=[str(c) for c in have], fix=fix or message("check_no_column_fix")),
        table=table, column=missing[0])


def require_columns(data: Any, columns: Iterable[str], *, table: str, argument: str | None = None,
                    purpose: str | None = None, fix: str | None = None) -> pd.DataFrame:
    """:func:`require_frame` then :func:`require_names` on its columns; returns ``data``.

    Parameters
    ----------
    data : DataFrame
        The table passed by the user.
    columns : iterable of str
        The column names the call needs.
    table, argument, purpose, fix
        As in :func:`require_names`.

    Returns
    -------
    DataFrame
        ``data`` unchanged.

    Raises
    ------
    DataValidationError
        When ``data`` is not a DataFrame or lacks any of ``columns``.

    Examples
    --------
    >>> df = pd.DataFrame({"need_id": ["N01"], "importance": [6]})
    >>> require_columns(df, ["need_id", "importance"], table="needs_ratings").shape
    (1, 2)
    """
    require_frame(data, table=table)
    require_names(data.columns, columns, table=table, argument=argument, purpose=purpose, fix=fix)
    return data


def combine_problems(problems: Sequence[DataValidationError], headline: str | Message) -> DataValidationError:
    """One error that lists every problem found, so a user fixes them all in one pass.

    Parameters
    ----------
    problems : sequence of DataValidationError
        At least one problem, in the order found.
    headline : Message or str
        The first line, e.g. ``message("check_table_problems", table="causes", n=3)``.

    Returns
    -------
    DataValidationError
        The problem itself when there is one; else an error whose message is the headline and a
        numbered list, carrying ``problems`` and the first problem's ``table``, ``column`` and
        ``failure_cases``.

    Examples
    --------
    >>> one, two = DataValidationError("a is blank", table="t"), DataValidationError("b is negative", table="t")
    >>> print(combine_problems([one, two], "Table 't' has 2 problems"))
    Table 't' has 2 problems:
      1. a is blank
      2. b is negative
    """
    if len(problems) == 1:
        return problems[0]
    lines = "\n".join(f"  {i}. {p}" for i, p in enumerate(problems, 1))
    first = problems[0]
    return DataValidationError(f"{headline}:\n{lines}", table=first.table, column=first.column,
                               failure_cases=first.failure_cases, problems=list(problems), headline=headline)


def raise_problems(problems: Sequence[DataValidationError], *, table: str) -> None:
    """Raise :func:`combine_problems` of ``problems`` (headline "Table 'x' has N problems"); nothing when empty.

    Raises
    ------
    DataValidationError
        When ``problems`` is not empty.
    """
    if problems:
        raise combine_problems(problems, message("check_table_problems", table=table, n=len(problems)))


def code_blank_groups(data: pd.DataFrame, columns: str | Sequence[str]) -> pd.DataFrame:
    """A copy of ``data`` whose grouping ``columns`` hold text, a blank cell coded :data:`~sqmkit.glossary.BLANK`.

    A blank value of an optional grouping column (channel, segment, category …) is a group of its
    own, so tables and charts show it (as "(未填写)" / "(blank)") and totals stay the number of
    rows. Columns absent from ``data`` are left alone (what needs them is switched off elsewhere);
    values are stripped text, numbers such as ``3.0`` written ``3``.

    Examples
    --------
    >>> code_blank_groups(pd.DataFrame({"channel": ["电话", None, " "]}), "channel")["channel"].tolist()
    ['电话', '(blank)', '(blank)']
    """
    out = data.copy()
    for column in as_list(columns):
        if column not in out.columns:
            continue
        def one(v: Any) -> str:
            if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
                return BLANK
            if isinstance(v, (float, np.floating)) and float(v).is_integer():
                v = int(v)
            text = str(v).strip()
            return text if text else BLANK
        out[column] = pd.Series([one(v) for v in out[column]], index=out.index, dtype="object")
    return out
