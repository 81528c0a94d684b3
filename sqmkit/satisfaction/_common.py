"""Input checks shared by the satisfaction modules (survey columns as numbers, ranges, weights, groups)."""
from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from sqmkit._checks import as_list, require_columns
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import message, message_lang, render

__all__ = ["TABLE", "Z95", "numeric", "check_range", "check_not_empty", "check_weights", "group_keys"]

TABLE = "survey"
Z95 = 1.959963984540054  # standard normal 97.5 % quantile


def numeric(data: pd.DataFrame, column: str, *, table: str = TABLE) -> pd.Series:
    """The column as float; non-numeric entries are an error naming the rows."""
    s = data[column]
    if pd.api.types.is_bool_dtype(s):
        return s.astype(float)
    if pd.api.types.is_numeric_dtype(s):
        return s.astype(float)
    converted = pd.to_numeric(s, errors="coerce")
    bad = converted.isna() & s.notna()
    if bad.any():
        cases = pd.DataFrame({"row": s.index[bad], "value": s[bad].to_numpy()})
        raise DataValidationError(
            message("survey_not_numbers", column=column, table=table, rows=cases['row'].tolist()[:10], values=cases['value'].tolist()[:10]),
            table=table, column=column, failure_cases=cases)
    return converted.astype(float)


def check_range(values: pd.Series, column: str, *, low: float, high: float,
                integer: bool = False, table: str = TABLE) -> None:
    """Scores must lie within [low, high] (and be whole numbers if ``integer``)."""
    bad = values.notna() & ((values < low) | (values > high))
    noun = message("survey_whole_numbers" if integer else "survey_values")
    what = (message("survey_range_between", noun=noun, low=low, high=high) if np.isfinite(low)
            else message("survey_range_at_most", noun=noun, high=high))
    if integer:
        bad |= values.notna() & (values != np.round(values))
    if bad.any():
        cases = pd.DataFrame({"row": values.index[bad], "value": values[bad].to_numpy()})
        raise DataValidationError(
            message("survey_out_of_range", column=column, table=table, what=what, rows=cases['row'].tolist()[:10], values=cases['value'].tolist()[:10]),
            table=table, column=column, failure_cases=cases)


def check_not_empty(values: pd.Series, column: str, *, table: str = TABLE) -> None:
    if values.notna().sum() == 0:
        raise DataValidationError(
            message("survey_column_empty", column=column, table=table, n=len(values)), table=table, column=column)


def check_weights(weights: Mapping[str, float], allowed: Sequence[str], *, argument: str,
                  what: str = "column", table: str = TABLE) -> dict[str, float]:
    """Validate ``{name: weight}``: known names, finite non-negative, not all zero; rescale to sum 1.

    Weights not summing to 1 are rescaled with a :class:`UserWarning` (in ``SQMKIT_LANG``, the run's language).
    ``what`` names the weighted things in the messages: ``"column"`` or ``"dimension"``.
    """
    noun = message(f"survey_what_{what}")
    if not isinstance(weights, Mapping) or not weights:
        raise DataValidationError(
            message("survey_bad_weights", argument=argument, what=noun, weights=weights),
            table=table)
    unknown = [k for k in weights if k not in allowed]
    if unknown:
        raise DataValidationError(
            message("survey_weights_unknown", argument=argument, what=noun, unknown=unknown, known=list(allowed)),
            table=table, column=str(unknown[0]))
    values = {}
    for key, w in weights.items():
        try:
            w = float(w)
        except (TypeError, ValueError):
            w = math.nan
        if not math.isfinite(w) or w < 0:
            raise DataValidationError(
                message("survey_weight_negative", argument=argument, what=noun, name=key, weight=weights[key]), table=table, column=str(key))
        values[key] = w
    total = sum(values.values())
    if total <= 0:
        raise DataValidationError(
            message("survey_weights_all_zero", argument=argument), table=table)
    if not math.isclose(total, 1.0, rel_tol=0, abs_tol=1e-9):
        warnings.warn(render(message("survey_weights_rescaled", argument=argument, total=total), message_lang()),
                      UserWarning, stacklevel=3)
        values = {k: v / total for k, v in values.items()}
    return values


def group_keys(data: pd.DataFrame, by: str | Sequence[str] | None) -> list[str]:
    keys = as_list(by)
    require_columns(data, keys, table=TABLE, argument="by")
    return keys


