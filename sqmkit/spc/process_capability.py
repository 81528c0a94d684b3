"""Process capability against a specification — for service data, usually an SLA: ``usl`` = the promised hours.

:func:`capability` returns one row. ``method="normal"`` follows R's qcc ``processCapability`` (qcc 3.0,
R/capability.R) index for index, interval for interval; ``method="percentile"`` gives the percentile
(Clements-style) indices for skewed measures such as resolution times, which a normal fit misjudges.

=====================================  ==========================================================================
column                                 meaning
=====================================  ==========================================================================
``n``                                  values used (every row of ``value``)
``mean``                               the sample mean (qcc's ``center``)
``sigma``                              within-subgroup sigma: R-bar/d2 (subgroups of 2–25), S-bar/c4 (a subgroup
                                       larger than 25), MR-bar/1.128 (no ``subgroup``); the same for both methods
``cp``, ``cp_ci_low``, ``cp_ci_high``  potential capability (both limits needed) and its interval
``cpl``, ``cpu``                       one-sided indices of the lower and the upper limit (NaN without that limit)
``cpk``, ``cpk_ci_low/high``           the smaller of ``cpl`` and ``cpu`` that exist, and its interval
``cpm``, ``cpm_ci_low/high``           Taguchi index around ``target`` (both limits needed; normal method only)
``exp_below_pct``, ``exp_above_pct``   expected share beyond each limit, % (normal: the fitted normal; percentile:
                                       the empirical distribution, i.e. the observed share)
``obs_below_pct``, ``obs_above_pct``   observed share of values below ``lsl`` / above ``usl``, % (NaN without it)
``method``                             ``"normal"`` or ``"percentile"``
``lsl``, ``usl``, ``target``           the limits and the target used (NaN where absent)
``q_low``, ``median``, ``q_high``      sample 0.135 %, 50 % and 99.865 % quantiles (R type 7), for both methods
=====================================  ==========================================================================

The columns are the same whichever the method; what a method does not define is NaN.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats as _stats

from sqmkit._checks import argument_error, check_choice, require_frame, require_names
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import message
from sqmkit.spc._common import numeric_column, rows_text
from sqmkit.spc.charts import D2, c4

__all__ = ["capability"]

_METHODS = ("normal", "percentile")
#: The quantiles of the percentile method: the normal's ±3σ and its centre (Clements 1989).
_PROBS = (0.00135, 0.5, 0.99865)
_COLUMNS = ["n", "mean", "sigma", "cp", "cp_ci_low", "cp_ci_high", "cpl", "cpu", "cpk", "cpk_ci_low", "cpk_ci_high",
            "cpm", "cpm_ci_low", "cpm_ci_high", "exp_below_pct", "exp_above_pct", "obs_below_pct", "obs_above_pct",
            "method", "lsl", "usl", "target", "q_low", "median", "q_high"]
_NAN = float("nan")


def _number(name: str, value: Any, requirement: str) -> float | None:
    """``value`` as a float; None (and, as in qcc, a non-finite number) means "not given"."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        raise argument_error(name, value, requirement)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise argument_error(name, value, requirement) from None
    return number if math.isfinite(number) else None


def _within_sigma(data: pd.DataFrame, x: pd.Series, subgroup: str | None, table: str) -> float:
    """qcc's default within sigma: "MR" for single values, "UWAVE-R" for subgroups, "UWAVE-SD" past d2's table."""
    if subgroup is None:
        return float(np.mean(np.abs(np.diff(x.to_numpy())))) / D2[2]
    require_names(data.columns, [subgroup], table=table, argument="subgroup")
    labels = data[subgroup]
    blank = labels.isna()
    if blank.any():
        raise DataValidationError(message("spc_cap_subgroup_blank", table=table, subgroup=subgroup,
                                          rows=rows_text(labels.index[blank])),
                                  table=table, column=subgroup,
                                  failure_cases=pd.DataFrame({"row": labels.index[blank]}))
    grouped = pd.DataFrame({"g": labels.to_numpy(), "x": x.to_numpy()}).groupby("g", sort=True)["x"]
    sizes = grouped.count()
    small = sizes < 2
    if small.any():
        raise DataValidationError(message("spc_cap_subgroup_small", table=table, subgroup=subgroup,
                                          groups=rows_text(sizes.index[small])),
                                  table=table, column=subgroup,
                                  failure_cases=pd.DataFrame({"subgroup": sizes.index[small],
                                                              "n": sizes[small].to_numpy()}))
    n = sizes.to_numpy()
    if n.max() <= max(D2):
        ranges = (grouped.max() - grouped.min()).to_numpy()
        return float(np.mean(ranges / np.array([D2[int(k)] for k in n])))
    return float(np.mean(grouped.std(ddof=1).to_numpy() / c4(n)))


def _chisq_interval(index: float, df: float, alpha: float) -> tuple[float, float]:
    """Cp (Chou, Owen & Borrego 1990) and Cpm (Boyles 1991): index * sqrt(chi2_{a/2, df} / df) … ."""
    if not math.isfinite(index):
        return _NAN, _NAN
    low, high = _stats.chi2.ppf([alpha / 2, 1 - alpha / 2], df)
    return index * math.sqrt(low / df), index * math.sqrt(high / df)


def _bissell_interval(index: float, n: int, alpha: float) -> tuple[float, float]:
    """Cpk (Bissell 1990): index * (1 ± z_{1-a/2} sqrt(1 / (9 n index²) + 1 / (2 (n - 1)))), in ascending order."""
    if not math.isfinite(index) or index == 0:
        return _NAN, _NAN
    half = _stats.norm.ppf(1 - alpha / 2) * math.sqrt(1 / (9 * n * index ** 2) + 1 / (2 * (n - 1)))
    ends = sorted((index * (1 - half), index * (1 + half)))
    return ends[0], ends[1]


def _beyond(x: np.ndarray, lsl: float | None, usl: float | None) -> tuple[float, float]:
    below = float(np.mean(x < lsl) * 100) if lsl is not None else _NAN
    above = float(np.mean(x > usl) * 100) if usl is not None else _NAN
    return below, above


def capability(data: pd.DataFrame | pd.Series, *, value: str, subgroup: str | None = None, lsl: float | None = None,
               usl: float | None = None, target: float | None = None, conf: float = 0.95, method: str = "normal",
               table: str = "data") -> pd.DataFrame:
    """Process capability of ``value`` against its specification limits (an SLA): Cp, Cpk, Cpm and the shares beyond.

    Parameters
    ----------
    data : DataFrame
        One row per measurement (a ticket's resolution hours, a call's wait), in time order when
        ``subgroup`` is None (the moving range is taken between neighbouring rows).
    value : str
        The measurement column; every cell must be a number.
    subgroup : str, optional
        Column naming each rational subgroup (a day, a sample number): the within sigma comes from the
        subgroup ranges (R-bar/d2) instead of the moving range. Every subgroup needs at least 2 values.
    lsl, usl : float, optional
        Lower and upper specification limits; at least one. A resolution-time SLA is ``usl`` alone. A
        non-finite number counts as not given (as in qcc).
    target : float, optional
        Target value for Cpm; default the midpoint of the limits when both are given (else none). It
        must lie within the limits.
    conf : float
        Confidence level of the intervals, strictly between 0 and 1.
    method : {"normal", "percentile"}
        ``"normal"``: qcc's indices from the mean and the within sigma. ``"percentile"``: indices from
        the sample quantiles, for skewed data; no intervals.
    table : str
        Name of the table in error messages.

    Returns
    -------
    DataFrame
        One row, the columns of the module's table: n, mean, sigma, cp, cp_ci_low, cp_ci_high, cpl, cpu,
        cpk, cpk_ci_low, cpk_ci_high, cpm, cpm_ci_low, cpm_ci_high, exp_below_pct, exp_above_pct,
        obs_below_pct, obs_above_pct, method, lsl, usl, target, q_low, median, q_high. Percentages
        are 0–100; what needs a missing limit is NaN.

    Raises
    ------
    DataValidationError
        No limit, ``lsl >= usl``, a limit or target that is not a number, a target outside the limits,
        ``conf`` outside (0, 1), an unknown ``method``, a non-numeric or empty value, fewer than 2
        values, a subgroup with fewer than 2 values or a blank subgroup label, no spread.

    Notes
    -----
    **Normal method** (qcc 3.0 ``processCapability``; ``nsigmas = 3``). With mean :math:`\\bar x`
    and within sigma :math:`\\hat\\sigma` (``UWAVE-R``: the mean of :math:`R_i / d_2(n_i)`;
    ``UWAVE-SD``: the mean of :math:`s_i / c_4(n_i)`, used here when a subgroup has more than 25
    values, past the :data:`~sqmkit.spc.D2` table; ``MR``: :math:`\\overline{MR} / 1.128`):

    - :math:`C_p = (USL - LSL) / 6\\hat\\sigma`, :math:`C_{pu} = (USL - \\bar x) / 3\\hat\\sigma`,
      :math:`C_{pl} = (\\bar x - LSL) / 3\\hat\\sigma`, :math:`C_{pk} = \\min` of those that exist (one
      limit: that side, as qcc since its commit 55560fe; the CRAN 3.0 release returned NA there),
      :math:`C_{pm} = C_p / \\sqrt{1 + ((\\bar x - T)/\\hat\\sigma)^2}`.
    - Intervals at :math:`\\alpha = 1 -` ``conf``, :math:`n` = all values: :math:`C_p` (Chou et al.
      1990) :math:`C_p \\sqrt{\\chi^2_{\\alpha/2, n-1}/(n-1)}` to :math:`C_p \\sqrt{\\chi^2_{1-\\alpha/2,
      n-1}/(n-1)}`; :math:`C_{pk}` (Bissell 1990) :math:`C_{pk}(1 \\pm z_{1-\\alpha/2}\\sqrt{1/(9nC_{pk}^2)
      + 1/(2(n-1))})`; :math:`C_{pm}` (Boyles 1991) as :math:`C_p` with
      :math:`\\nu = n(1 + \\delta^2)/(1 + 2\\delta^2)`, :math:`\\delta = (\\bar x - T)/\\hat\\sigma`. qcc
      prints the Bissell ends as computed; here they are sorted, so ``cpk_ci_low <= cpk_ci_high``
      also when :math:`C_{pk} < 0` (mean beyond the SLA).
    - ``exp_below_pct`` :math:`= 100\\,\\Phi((LSL - \\bar x)/\\hat\\sigma)`, ``exp_above_pct``
      :math:`= 100\\,(1 - \\Phi((USL - \\bar x)/\\hat\\sigma))`, each set to 0 below 0.01 % (qcc's
      rule); ``obs_*``: the share of values strictly below LSL / above USL.

    **Percentile method** (Clements 1989, with sample quantiles instead of Clements' Pearson-curve
    quantiles; the ISO 22514-2 percentile indices): with the 0.135 %, 50 % and 99.865 % sample quantiles
    :math:`q_l, \\tilde x, q_h` — R's ``quantile(type = 7)`` (Hyndman & Fan 1996, definition 7;
    numpy's default ``linear``): :math:`x_{(j)} + \\gamma (x_{(j+1)} - x_{(j)})`,
    :math:`j + \\gamma = 1 + (n - 1)p` —
    :math:`C_p = (USL - LSL)/(q_h - q_l)`, :math:`C_{pu} = (USL - \\tilde x)/(q_h - \\tilde x)`,
    :math:`C_{pl} = (\\tilde x - LSL)/(\\tilde x - q_l)`, :math:`C_{pk}` = the smaller that exists (a side
    whose quantile equals the median is NaN). The expected shares are those of the empirical
    distribution, i.e. the observed ones (no model is fitted to extrapolate a tail). No intervals:
    none is published for these sample-quantile indices (bootstrap them if needed); ``cpm`` is NaN.
    With fewer than about 370 values :math:`q_l` and :math:`q_h` lie between the two smallest
    (largest) values, so the indices rest on the extremes of the sample: read them with care.

    References
    ----------
    Scrucca, L. (2004). qcc: an R package for quality control charting and statistical process
    control. *R News* 4/1, 11–17; qcc 3.0, ``processCapability`` (luca-scr/qcc, R/capability.R).
    Bissell, A. F. (1990). How reliable is your capability index? *Applied Statistics* 39, 331–340.
    Boyles, R. A. (1991). The Taguchi capability index. *Journal of Quality Technology* 23, 107–126.
    Chou, Y., Owen, D. B. & Borrego, S. A. (1990). Lower confidence limits on process capability
    indices. *Journal of Quality Technology* 22, 223–229.
    Clements, J. A. (1989). Process capability calculations for non-normal distributions. *Quality
    Progress* 22(9), 95–100.
    Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages. *The American
    Statistician* 50(4), 361–365.
    Montgomery, D. C. (2013). *Introduction to Statistical Quality Control*, 7th ed., ch. 8. Wiley.

    Examples
    --------
    >>> hours = pd.DataFrame({"h": [33.75, 33.05, 34, 33.81, 33.46, 34.02, 33.68, 33.27, 33.49, 33.2,
    ...                             33.62, 33.0, 33.54, 33.12, 33.84]})   # qcc data(viscosity)
    >>> r = capability(hours, value="h", lsl=32.5, usl=34.5).iloc[0]
    >>> [round(float(r[c]), 3) for c in ("mean", "sigma", "cp", "cpk", "cpk_ci_low", "cpk_ci_high")]
    [33.523, 0.426, 0.782, 0.764, 0.434, 1.093]
    >>> r = capability(hours, value="h", usl=34.5, method="percentile").iloc[0]   # an SLA: upper limit only
    >>> [round(float(r[c]), 3) for c in ("median", "q_high", "cpu", "cpk")], bool(np.isnan(r["cp"]))
    ([33.54, 34.02, 2.002, 2.002], True)
    """
    check_choice("method", method, list(_METHODS))
    try:
        conf_value = float(conf) if not isinstance(conf, (bool, np.bool_)) else _NAN
    except (TypeError, ValueError):
        conf_value = _NAN
    if not 0 < conf_value < 1:   # NaN fails too
        raise argument_error("conf", conf, "must_between", low=0, high=1)
    low, high = _number("lsl", lsl, "spc_cap_must_limit"), _number("usl", usl, "spc_cap_must_limit")
    if low is None and high is None:
        raise DataValidationError(message("spc_cap_no_limits", table=table), table=table)
    if low is not None and high is not None and low >= high:
        raise DataValidationError(message("spc_cap_limits_order", table=table, lsl=low, usl=high), table=table)
    aim = _number("target", target, "spc_cap_must_target")
    if aim is None and target is not None:   # nan or inf passed on purpose: say so rather than ignore it
        raise argument_error("target", target, "spc_cap_must_target")
    if aim is None and low is not None and high is not None:
        aim = (low + high) / 2
    if aim is not None and ((low is not None and aim < low) or (high is not None and aim > high)):
        raise DataValidationError(message("spc_cap_target_outside", table=table, target=aim, lsl=low, usl=high),
                                  table=table)
    if isinstance(data, pd.Series):
        data = data.to_frame(name=value)
    require_frame(data, table=table)
    x = numeric_column(data, value, table=table)
    n = len(x)
    if n < 2:
        raise DataValidationError(message("spc_cap_too_few", table=table, column=value, n=n), table=table, column=value)
    sigma = _within_sigma(data, x, subgroup, table)
    values = x.to_numpy()
    mean = float(np.mean(values))
    q_low, median, q_high = (float(q) for q in np.quantile(values, _PROBS))   # linear = R type 7
    obs_below, obs_above = _beyond(values, low, high)
    alpha = 1 - conf_value
    row: dict[str, Any] = dict.fromkeys(_COLUMNS, _NAN)
    row.update(n=n, mean=mean, sigma=sigma, method=method, lsl=_NAN if low is None else low,
               usl=_NAN if high is None else high, target=_NAN if aim is None else aim,
               q_low=q_low, median=median, q_high=q_high, obs_below_pct=obs_below, obs_above_pct=obs_above)
    if method == "normal":
        if not sigma > 0:
            raise DataValidationError(message("spc_cap_no_spread", table=table, column=value,
                                              kind=message("spc_cap_spread_within")), table=table, column=value)
        cpl = (mean - low) / (3 * sigma) if low is not None else _NAN
        cpu = (high - mean) / (3 * sigma) if high is not None else _NAN
        cp = (high - low) / (6 * sigma) if low is not None and high is not None else _NAN
        cpk = float(np.nanmin([cpl, cpu]))
        delta = (mean - aim) / sigma if aim is not None else _NAN
        cpm = cp / math.sqrt(1 + delta ** 2) if math.isfinite(cp) else _NAN
        cpm_df = n * (1 + delta ** 2) / (1 + 2 * delta ** 2) if math.isfinite(cpm) else _NAN
        exp_below = 100 * float(_stats.norm.cdf((low - mean) / sigma)) if low is not None else _NAN
        exp_above = 100 * float(_stats.norm.sf((high - mean) / sigma)) if high is not None else _NAN
        row.update(cp=cp, cpl=cpl, cpu=cpu, cpk=cpk, cpm=cpm,
                   exp_below_pct=0.0 if exp_below < 0.01 else exp_below,    # qcc: "if(exp.LSL < 0.01) exp.LSL <- 0"
                   exp_above_pct=0.0 if exp_above < 0.01 else exp_above)    # (NaN < 0.01 is False: NaN stays)
        row["cp_ci_low"], row["cp_ci_high"] = _chisq_interval(cp, n - 1, alpha)
        row["cpk_ci_low"], row["cpk_ci_high"] = _bissell_interval(cpk, n, alpha)
        row["cpm_ci_low"], row["cpm_ci_high"] = _chisq_interval(cpm, cpm_df, alpha)
    else:
        if not q_high > q_low:
            raise DataValidationError(message("spc_cap_no_spread", table=table, column=value,
                                              kind=message("spc_cap_spread_quantiles")), table=table, column=value)
        cpl = (median - low) / (median - q_low) if low is not None and median > q_low else _NAN
        cpu = (high - median) / (q_high - median) if high is not None and q_high > median else _NAN
        cp = (high - low) / (q_high - q_low) if low is not None and high is not None else _NAN
        sides = [v for v in (cpl, cpu) if math.isfinite(v)]
        row.update(cp=cp, cpl=cpl, cpu=cpu, cpk=min(sides) if sides else _NAN,
                   exp_below_pct=obs_below, exp_above_pct=obs_above)
    return pd.DataFrame([row], columns=_COLUMNS)
