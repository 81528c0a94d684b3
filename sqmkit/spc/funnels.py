"""Funnel plots: compare teams, sites or agents of very different sizes without a league table.

A ranking puts a team that handled 30 tickets next to one that handled 3,000 as if both rates were
equally certain; the small team lands at the top or the bottom by chance alone. A funnel plot
(Spiegelhalter 2005) draws each unit's rate against its size, with control limits around the pooled
rate that narrow as the size grows: a unit is singled out only when it lies beyond the limits *for its
own size*. :func:`funnel` computes that table; :func:`sqmkit.spc.funnel_plot` draws it, with the limit
curves from :func:`funnel_limits`.

The table, one row per unit (rows of the same unit summed), largest size first:

========== =================================================================================
column     meaning
========== =================================================================================
unit       the team / site / agent (a blank name is its own unit, coded ``glossary.BLANK``)
value      events counted: defectives for ``chart="p"`` (tickets that missed the SLA), defects
           or events for ``chart="u"`` (complaints, errors, repeat contacts)
size       the denominator: tickets, contacts, hours of exposure
stat       value / size × multiply
center     the pooled rate sum(value) / sum(size) × multiply (or the ``target``), on every row
sigma      the standard error of ``stat`` at this unit's size if it performed at ``center``
lcl, ucl   center ∓ 3 sigma, the control limits (lower clamped at 0, p's upper at multiply)
lcl2, ucl2 center ∓ 2 sigma, the warning limits (clamped alike)
z          (stat − center) / sigma, how many standard errors the unit lies from the centre
outside    True when stat lies beyond the 3σ control limits
side       ``"above"`` / ``"below"`` the control limits, else ``""``
warning    True when stat lies beyond the 2σ warning limits but within the 3σ limits
========== =================================================================================

``table.attrs`` holds ``chart``, ``center``, ``multiply`` and ``target`` (None: pooled), which
:func:`funnel_limits` needs to draw the limits as smooth curves over any sizes.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from sqmkit._checks import (argument_error, check_choice, code_blank_groups, raise_problems, require_frame,
                            require_names)
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import BLANK, message
from sqmkit.spc._common import numeric_column, rows_text

__all__ = ["FUNNEL_CHARTS", "WARNING_SIGMAS", "CONTROL_SIGMAS", "funnel", "funnel_limits"]

#: Funnels sqmkit draws: ``"p"`` a proportion (binomial), ``"u"`` a rate of events per unit of size (Poisson).
FUNNEL_CHARTS = ("p", "u")
#: Widths of the warning and the control limits in standard errors (Spiegelhalter's 95 % and 99.8 %
#: limits are 1.96 and 3.09; 2 and 3 are the Shewhart convention the control charts of sqmkit use).
WARNING_SIGMAS, CONTROL_SIGMAS = 2.0, 3.0

_COLUMNS = ["unit", "value", "size", "stat", "center", "sigma", "lcl", "ucl", "lcl2", "ucl2", "z", "outside", "side",
            "warning"]


def _positive(name: str, value: Any) -> float:
    """``value`` as a float when it is a finite number > 0, else the argument sentence."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise argument_error(name, value, "spc_funnel_must_positive")
    number = float(value)
    if not (math.isfinite(number) and number > 0):
        raise argument_error(name, value, "spc_funnel_must_positive")
    return number


def funnel_limits(size: float | Sequence[float] | np.ndarray | pd.Series, *, chart: str, center: float,
                  multiply: float = 1) -> pd.DataFrame:
    """The funnel's limits at any sizes: what :func:`funnel` gives each unit, and the plot draws as curves.

    Parameters
    ----------
    size : number or array of numbers
        Sizes (denominators) > 0.
    chart : {"p", "u"}
    center : float
        The centre line in the units of ``stat`` (already × ``multiply``): ``table.attrs["center"]``.
    multiply : float
        The multiplier of the table (100 for percentages, 1000 for a rate per 1,000).

    Returns
    -------
    DataFrame
        One row per size: size, sigma, lcl, ucl (3 sigma), lcl2, ucl2 (2 sigma); lower limits clamped
        at 0, p's upper limits at ``multiply``.

    Notes
    -----
    With θ0 = center / multiply: p: sigma = sqrt(θ0 (1 − θ0) / n) × multiply; u: sigma = sqrt(θ0 / n) × multiply.

    References
    ----------
    Spiegelhalter, D. J. (2005). Funnel plots for comparing institutional performance. Statistics in
    Medicine 24(8), 1185–1202 (its normal approximation of the binomial and Poisson limits).

    Examples
    --------
    >>> lim = funnel_limits([25, 100], chart="p", center=0.2)
    >>> [round(float(v), 4) for v in lim["ucl"]], [round(float(v), 4) for v in lim["lcl2"]]
    ([0.44, 0.32], [0.04, 0.12])
    """
    check_choice("chart", chart, FUNNEL_CHARTS)
    multiply = _positive("multiply", multiply)
    if isinstance(center, (bool, np.bool_)) or not isinstance(center, (int, float, np.integer, np.floating)) \
            or not math.isfinite(float(center)):
        raise argument_error("center", center, "spc_funnel_must_positive")
    base = float(center) / multiply
    if chart == "p" and not 0.0 <= base <= 1.0:
        raise argument_error("center", center, "must_from_to", low=0, high=multiply)
    if chart == "u" and base < 0.0:
        raise argument_error("center", center, "must_number_at_least", low=0)
    n = np.atleast_1d(np.asarray(size, dtype=float))
    if not (np.isfinite(n) & (n > 0)).all():
        raise argument_error("size", size, "spc_funnel_must_positive")
    spread = base * (1.0 - base) if chart == "p" else base
    sigma = np.sqrt(spread / n) * multiply
    out = pd.DataFrame({"size": n, "sigma": sigma})
    top = multiply if chart == "p" else np.inf
    for k, low, high in ((CONTROL_SIGMAS, "lcl", "ucl"), (WARNING_SIGMAS, "lcl2", "ucl2")):
        out[low] = np.clip(center - k * sigma, 0.0, None)
        out[high] = np.clip(center + k * sigma, None, top)
    return out


def _counts(data: pd.DataFrame, column: str, table: str) -> pd.Series:
    """``column`` as finite floats (blank text counts as an empty cell), or the error naming the rows."""
    raw = data[column]
    blank_text = raw.map(lambda v: isinstance(v, str) and not v.strip())
    cleaned = data[[column]].copy()
    if blank_text.any():
        cleaned[column] = raw.where(~blank_text, None)
    values = numeric_column(cleaned, column, table=table)
    bad = ~np.isfinite(values.to_numpy())
    if bad.any():
        rows = values.index[bad]
        example = raw[bad].iloc[0]
        example = example.item() if isinstance(example, np.generic) else example  # inf, not np.float64(inf)
        raise DataValidationError(
            message("spc_funnel_not_finite", table=table, column=column, rows=rows_text(rows),
                    example=repr(example)),
            table=table, column=column, failure_cases=pd.DataFrame({"row": rows, column: raw[bad].to_numpy()}))
    return values


def _row_problem(key: str, mask: pd.Series, frame: pd.DataFrame, *, table: str, column: str,
                 **fields: Any) -> DataValidationError:
    rows = mask.index[mask.to_numpy()]
    return DataValidationError(message(key, table=table, column=column, rows=rows_text(rows), **fields),
                               table=table, column=column, failure_cases=frame.loc[rows].reset_index(names="row"))


def funnel(data: pd.DataFrame, *, unit: str, value: str, size: str, chart: str = "u", multiply: float = 1,
           target: float | None = None, table: str = "data") -> pd.DataFrame:
    """Funnel plot table: each unit's rate against limits for its own size (Spiegelhalter 2005).

    Parameters
    ----------
    data : DataFrame
        One row per unit, or several (per month, per queue …): rows of the same unit are summed.
    unit : str
        Column naming the team, site or agent.
    value : str
        Column of counts: defectives for ``chart="p"`` (tickets that missed the SLA, contacts not
        resolved first time), defects or events for ``chart="u"`` (complaints, errors).
    size : str
        Column of denominators (> 0): tickets or contacts for p; tickets, hours or any exposure for u.
    chart : {"u", "p"}
        ``"p"``: a proportion, value ≤ size in every row (binomial); ``"u"``: events per unit of
        size (Poisson), value may exceed size.
    multiply : float
        Scale of ``stat`` and the limits: 100 for a percentage, 1000 for a rate per 1,000 tickets.
    target : float, optional
        A centre line given instead of the pooled rate (e.g. the SLA target), in the units of
        ``stat`` (with ``multiply=100``, 5 means 5 %). p: strictly between 0 and ``multiply``; u: > 0.
    table : str
        Name of the table in messages.

    Returns
    -------
    DataFrame
        One row per unit, largest ``size`` first (ties in first-appearance order, a blank unit last): unit, value, size,
        stat, center, sigma, lcl, ucl, lcl2, ucl2, z, outside, side, warning (see the module's table).
        ``attrs``: chart, center, multiply, target.

    Raises
    ------
    DataValidationError
        An unknown ``chart``; ``multiply`` or ``target`` out of range; ``data`` not a DataFrame, without
        rows or without the columns named; and, all reported at once, counts or sizes that are blank,
        not numbers or not finite, negative counts, sizes ≤ 0, and (p) counts above the size.

    Notes
    -----
    With D_i events out of n_i, the pooled rate θ0 = ΣD / Σn (or ``target / multiply``) and, for
    each unit, y_i = D_i / n_i:

    - p: sigma_i = sqrt(θ0 (1 − θ0) / n_i); u: sigma_i = sqrt(θ0 / n_i) — the standard error of a
      unit of that size *if it performed at the centre*, not of its own rate;
    - limits θ0 ± 2 sigma_i (warning) and θ0 ± 3 sigma_i (control), all × ``multiply``; lower limits
      clamped at 0, p's upper limits at 1 × ``multiply``; z_i = (y_i − θ0) / sigma_i (0 when sigma_i = 0,
      where every unit lies on the centre);
    - the limits are the normal approximation of the binomial / Poisson limits: the p and u charts of
      :func:`sqmkit.spc.control_chart` with the units as points. Spiegelhalter's exact limits
      differ where a unit expects only a handful of events; such a unit rarely leaves the normal limits.
    - When many large units lie outside, the units differ by more than chance (over-dispersion,
      Spiegelhalter 2005, §6): look for the common cause (a case mix, a queue) before blaming units.

    References
    ----------
    Spiegelhalter, D. J. (2005). Funnel plots for comparing institutional performance. Statistics in
    Medicine 24(8), 1185–1202. doi:10.1002/sim.1970.

    Examples
    --------
    >>> df = pd.DataFrame({"team": ["A", "B", "C", "D", "A"], "missed": [6, 60, 9, 45, 4],
    ...                    "tickets": [40, 500, 300, 250, 60]})
    >>> f = funnel(df, unit="team", value="missed", size="tickets", chart="p", multiply=100)
    >>> f[["unit", "size", "stat", "ucl", "outside", "side"]].round(2)
      unit   size  stat    ucl  outside   side
    0    B  500.0  12.0  14.94    False
    1    C  300.0   3.0  16.15     True  below
    2    D  250.0  18.0  16.67     True  above
    3    A  100.0  10.0  20.09    False
    >>> round(f.attrs["center"], 2)   # pooled: 124 missed of 1,150 tickets
    10.78
    """
    check_choice("chart", chart, FUNNEL_CHARTS)
    multiply = _positive("multiply", multiply)
    require_frame(data, table=table)
    problems: list[DataValidationError] = []
    for argument, column in (("unit", unit), ("value", value), ("size", size)):
        try:
            require_names(data.columns, [column], table=table, argument=argument, fix=message("spc_column_fix"))
        except DataValidationError as err:
            problems.append(err)
    raise_problems(problems, table=table)
    if data.empty:
        raise DataValidationError(message("spc_funnel_empty", table=table), table=table)
    parsed: dict[str, pd.Series] = {}
    for column in dict.fromkeys([value, size]):
        try:
            parsed[column] = _counts(data, column, table)
        except DataValidationError as err:
            problems.append(err)
    counts, sizes = parsed.get(value), parsed.get(size)
    if counts is not None and (counts < 0).any():
        neg = counts < 0
        problems.append(_row_problem("spc_funnel_negative", neg, data[[value]], table=table, column=value, chart=chart,
                                     value=float(counts[neg].iloc[0])))
    if sizes is not None and (sizes <= 0).any():
        bad = sizes <= 0
        problems.append(_row_problem("spc_funnel_size_positive", bad, data[[size]], table=table, column=size,
                                     value=float(sizes[bad].iloc[0])))
    if chart == "p" and counts is not None and sizes is not None and (counts > sizes).any():
        over = counts > sizes
        problems.append(_row_problem("spc_funnel_over_size", over, data[list(dict.fromkeys([value, size]))],
                                     table=table, column=value, size=size, count=float(counts[over].iloc[0]),
                                     total=float(sizes[over].iloc[0])))
    raise_problems(problems, table=table)
    counts, sizes = parsed[value], parsed[size]  # both parsed: a column that was not raised above

    units = code_blank_groups(data[[unit]], unit)[unit]
    frame = pd.DataFrame({"unit": units.to_numpy(), "value": counts.to_numpy(), "size": sizes.to_numpy()})
    out = frame.groupby("unit", sort=False)[["value", "size"]].sum().reset_index()
    # largest first; ties in first-appearance order, the blank unit last among them (DEVELOPING: blanks last)
    out = (out.assign(_blank=out["unit"] == BLANK)
           .sort_values(["size", "_blank"], ascending=[False, True], kind="stable")
           .drop(columns="_blank").reset_index(drop=True))
    if target is None:
        center = float(out["value"].sum() / out["size"].sum()) * multiply
    else:
        if chart == "p":
            number = not isinstance(target, (bool, np.bool_)) and isinstance(target, (int, float, np.integer,
                                                                                       np.floating))
            ok = number and 0 < float(target) < multiply
            if not ok:
                raise argument_error("target", target, "spc_funnel_must_open", low=0, high=f"{multiply:g}")
            center = float(target)
        else:
            center = _positive("target", target)
    out["stat"] = out["value"] / out["size"] * multiply
    out["center"] = center
    limits = funnel_limits(out["size"], chart=chart, center=center, multiply=multiply)
    for column in ("sigma", "lcl", "ucl", "lcl2", "ucl2"):
        out[column] = limits[column].to_numpy()
    sigma = out["sigma"].to_numpy()
    deviation = out["stat"].to_numpy() - center
    out["z"] = np.divide(deviation, sigma, out=np.zeros(len(out)), where=sigma > 0)
    above, below = out["stat"] > out["ucl"], out["stat"] < out["lcl"]
    out["outside"] = above | below
    out["side"] = np.where(above, "above", np.where(below, "below", ""))
    out["warning"] = ~out["outside"] & ((out["stat"] > out["ucl2"]) | (out["stat"] < out["lcl2"]))
    out = out[_COLUMNS]
    out.attrs = {"chart": chart, "center": center, "multiply": multiply,
                 "target": None if target is None else float(target)}
    return out
