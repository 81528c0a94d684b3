"""Input checks shared by the satisfaction modules (survey columns as numbers, ranges, weights, groups)."""
from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from sqmkit._checks import as_list, require_columns
from sqmkit.exceptions import DataValidationError

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
            f"Column '{column}' of the {table} table must hold numbers; rows "
            f"{cases['row'].tolist()[:10]} hold {cases['value'].tolist()[:10]}. "
            "Fix: enter numeric scores (blank for no answer).",
            table=table, column=column, failure_cases=cases)
    return converted.astype(float)


def check_range(values: pd.Series, column: str, *, low: float, high: float,
                integer: bool = False, table: str = TABLE) -> None:
    """Scores must lie within [low, high] (and be whole numbers if ``integer``)."""
    bad = values.notna() & ((values < low) | (values > high))
    noun = "whole numbers" if integer else "values"
    what = f"{noun} between {low:g} and {high:g}" if np.isfinite(low) else f"{noun} of at most {high:g}"
    if integer:
        bad |= values.notna() & (values != np.round(values))
    if bad.any():
        cases = pd.DataFrame({"row": values.index[bad], "value": values[bad].to_numpy()})
        raise DataValidationError(
            f"Column '{column}' of the {table} table must hold {what}; rows "
            f"{cases['row'].tolist()[:10]} hold {cases['value'].tolist()[:10]}. Fix: correct these "
            "entries, or pass the right scale (e.g. scale_max=7 for a 1-7 scale).",
            table=table, column=column, failure_cases=cases)


def check_not_empty(values: pd.Series, column: str, *, table: str = TABLE) -> None:
    if values.notna().sum() == 0:
        raise DataValidationError(
            f"Column '{column}' of the {table} table has no values (all {len(values)} rows are "
            "blank). Fix: fill in the scores or choose another column.", table=table, column=column)


def check_weights(weights: Mapping[str, float], allowed: Sequence[str], *, argument: str,
                  what: str = "column", table: str = TABLE) -> dict[str, float]:
    """Validate ``{name: weight}``: known names, finite non-negative, not all zero; rescale to sum 1.

    Weights not summing to 1 are rescaled with a :class:`UserWarning`.
    """
    if not isinstance(weights, Mapping) or not weights:
        raise DataValidationError(
            f"`{argument}` must be a non-empty mapping {{{what}: weight}}, but {weights!r} was passed.",
            table=table)
    unknown = [k for k in weights if k not in allowed]
    if unknown:
        raise DataValidationError(
            f"`{argument}` names unknown {what}(s) {unknown}; known: {list(allowed)}. "
            f"Fix: correct the {what} name(s) in the weights (sqmkit.yaml or the call).",
            table=table, column=str(unknown[0]))
    values = {}
    for key, w in weights.items():
        try:
            w = float(w)
        except (TypeError, ValueError):
            w = math.nan
        if not math.isfinite(w) or w < 0:
            raise DataValidationError(
                f"`{argument}`: the weight of {what} '{key}' is {weights[key]!r}; weights must be "
                "non-negative numbers. Fix: use a weight of 0 or more.", table=table, column=str(key))
        values[key] = w
    total = sum(values.values())
    if total <= 0:
        raise DataValidationError(
            f"`{argument}`: all weights are 0; at least one must be positive.", table=table)
    if not math.isclose(total, 1.0, rel_tol=0, abs_tol=1e-9):
        warnings.warn(f"`{argument}` sum to {total:g}, not 1; rescaled to sum to 1.",
                      UserWarning, stacklevel=3)
        values = {k: v / total for k, v in values.items()}
    return values


def group_keys(data: pd.DataFrame, by: str | Sequence[str] | None) -> list[str]:
    keys = as_list(by)
    require_columns(data, keys, table=TABLE, argument="by")
    return keys


