"""Control charts (Shewhart i, mr, xbar, r, s, p, np, c, u; Laney p′/u′; EWMA; CUSUM), run rules,
run charts and the overdispersion check that tells when p′/u′ should replace p/u.

Every chart comes back as one tidy table, one row per plotted point, so that a KPI series, a
before/after split or a staged chart can be drawn by :mod:`sqmkit.spc.plots` and scored by the
Western Electric or Nelson rules. Limits follow R's qcc package (Scrucca 2004) to the printed digit,
the prime charts R's qicharts2 (Anhøj 2018).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats as _stats

from sqmkit._checks import argument_error, check_choice, choice_error, require_frame
from sqmkit.exceptions import DataValidationError
from sqmkit.spc._common import numeric_column as _numeric, rows_text as _rows

__all__ = ["CHARTS", "RULE_SETS", "DEFAULT_RUN_LENGTHS", "D2", "D3", "c4", "control_chart", "run_chart",
           "phase_summary", "phase_test", "overdispersion"]

CHARTS = ("i", "mr", "xbar", "r", "s", "p", "np", "c", "u", "laney_p", "laney_u", "ewma", "cusum")
RULE_SETS = ("western_electric", "nelson")

# d2(n) = E(range of n standard normals). Published 3-decimal table: ASTM STP 15D (1976), Table 49;
# Montgomery, Introduction to Statistical Quality Control, Appendix VI. R's qcc (<= 3.0) uses
# exactly these values ("exp.R.unscaled"), so sigma = R-bar/d2 matches qcc's printed sigma.
D2: dict[int, float] = {
    2: 1.128, 3: 1.693, 4: 2.059, 5: 2.326, 6: 2.534, 7: 2.704, 8: 2.847, 9: 2.970, 10: 3.078,
    11: 3.173, 12: 3.258, 13: 3.336, 14: 3.407, 15: 3.472, 16: 3.532, 17: 3.588, 18: 3.640,
    19: 3.689, 20: 3.735, 21: 3.778, 22: 3.819, 23: 3.858, 24: 3.895, 25: 3.931,
}
# d3(n) = SD(range of n standard normals), 7 decimals as tabulated in R's qcc (option
# "se.R.unscaled"; they round to Montgomery's Appendix VI values at 3 decimals). Using the same
# table as qcc reproduces its printed R chart limits (pistonrings UCL 0.04812533). Exact values by
# numerical integration differ in the 6th-7th decimal (e.g. d3(2) = sqrt(2 - 4/pi) = 0.8525025).
D3: dict[int, float] = {
    2: 0.8525033, 3: 0.8883697, 4: 0.8798108, 5: 0.8640855, 6: 0.8480442, 7: 0.8332108,
    8: 0.8198378, 9: 0.8078413, 10: 0.7970584, 11: 0.7873230, 12: 0.7784873, 13: 0.7704257,
    14: 0.7630330, 15: 0.7562217, 16: 0.7499188, 17: 0.7440627, 18: 0.7386021, 19: 0.7334929,
    20: 0.7286980, 21: 0.7241851, 22: 0.7199267, 23: 0.7158987, 24: 0.7120802, 25: 0.7084528,
}

# Run lengths of the pattern rules, by rule number within each set. Western Electric rule 4:
# eight in a row on one side (Western Electric Statistical Quality Control Handbook, 1956; also
# qcc's WER4). Nelson (1984): 9 on one side, 6 trending, 14 alternating, 15 within 1 sigma,
# 8 outside 1 sigma on both sides. Override with ``run_lengths={4: 7}`` etc.
DEFAULT_RUN_LENGTHS: dict[str, dict[int, int]] = {
    "western_electric": {4: 8},
    "nelson": {2: 9, 3: 6, 4: 14, 7: 15, 8: 8},
}
_RULE_NUMBERS = {"western_electric": (1, 2, 3, 4), "nelson": (1, 2, 3, 4, 5, 6, 7, 8)}
_DISPERSION = ("mr", "r", "s")
_NONNEG = ("mr", "r", "s", "p", "np", "c", "u", "laney_p", "laney_u")
#: The Shewhart chart whose points a prime chart standardises (Laney 2002).
_LANEY = {"laney_p": "p", "laney_u": "u"}
#: Charts of a running statistic: one rule (beyond the limits or the decision interval), no zones.
_SMOOTHED = ("ewma", "cusum")
#: The columns a chart adds to the common ones of control_chart's table.
_EXTRA_COLUMNS = {"laney_p": ["sigma_z"], "laney_u": ["sigma_z"], "ewma": ["x"], "cusum": ["pos", "neg"]}


def c4(n: int | np.ndarray) -> float | np.ndarray:
    """Bias correction of the sample standard deviation, E(s) = c4(n) sigma.

    Notes
    -----
    c4(n) = sqrt(2 / (n - 1)) * Gamma(n / 2) / Gamma((n - 1) / 2), computed with log-gamma.

    Examples
    --------
    >>> round(c4(5), 4)
    0.94
    """
    n = np.asarray(n, dtype=float)
    from scipy.special import gammaln

    out = np.sqrt(2.0 / (n - 1.0)) * np.exp(gammaln(n / 2.0) - gammaln((n - 1.0) / 2.0))
    return float(out) if out.ndim == 0 else out


def _check_nonnegative(values: pd.Series, column: str, table: str, chart: str) -> None:
    bad = values < 0
    if bad.any():
        raise DataValidationError(
            f"{table}: a {chart} chart needs counts >= 0, but column {column!r} is negative in rows "
            f"{_rows(values.index[bad])} (e.g. {values[bad].iloc[0]:g}); correct the counts.",
            table=table, column=column,
            failure_cases=pd.DataFrame({"row": values.index[bad], column: values[bad].to_numpy()}))


def _sizes(data: pd.DataFrame, size: Any, chart: str, table: str) -> pd.Series:
    if size is None:
        raise DataValidationError(
            f"{table}: a {chart} chart needs `size` (a column of sample sizes or one number).",
            table=table)
    if isinstance(size, str):
        sizes = _numeric(data, size, table=table)
        label = size
    else:
        try:
            number = float(size)
        except (TypeError, ValueError):
            raise DataValidationError(
                f"`size` must be a column name or a number, but {size!r} was passed.", table=table) from None
        sizes = pd.Series(number, index=data.index)
        label = "size"
    bad = sizes <= 0
    if bad.any():
        raise DataValidationError(
            f"{table}: sample sizes must be > 0, but {label!r} is {sizes[bad].iloc[0]:g} in rows "
            f"{_rows(sizes.index[bad])}; correct the sizes.", table=table, column=label)
    return sizes


def _points(data: pd.DataFrame, *, value: str, chart: str, subgroup: str | None, size: Any,
            label: str | None, table: str) -> pd.DataFrame:
    """One row per plotted point: stat, n (size), and what the limits need (count, range, sd)."""
    if chart in ("xbar", "r", "s"):
        if subgroup is None:
            raise DataValidationError(
                f"{table}: a {chart} chart needs `subgroup`, the column that names each subgroup "
                f"(e.g. a sample number or a date).", table=table)
        if subgroup not in data.columns:
            raise DataValidationError(
                f"{table}: column {subgroup!r} (subgroup) not found; pass an existing column.",
                table=table, column=subgroup)
        x = _numeric(data, value, table=table, allow_na=True)
        frame = pd.DataFrame({"g": data[subgroup].to_numpy(), "x": x.to_numpy()}).dropna()
        grouped = frame.groupby("g", sort=True)["x"]
        pts = pd.DataFrame({"label": list(grouped.groups.keys())})
        pts["n"] = grouped.count().to_numpy().astype(float)
        pts["mean"] = grouped.mean().to_numpy()
        pts["range"] = (grouped.max() - grouped.min()).to_numpy()
        pts["sd"] = grouped.std(ddof=1).to_numpy()
        small = pts["n"] < 2
        if small.any():
            raise DataValidationError(
                f"{table}: a {chart} chart needs at least 2 measurements per subgroup, but subgroups "
                f"{_rows(pts.loc[small, 'label'])} of {subgroup!r} have fewer; merge them or use an "
                f"i chart for one-at-a-time data.", table=table, column=subgroup,
                failure_cases=pts.loc[small, ["label", "n"]])
        big = pts["n"] > max(D2)
        if chart in ("xbar", "r") and big.any():
            raise DataValidationError(
                f"{table}: d2/d3 are tabulated for subgroups of 2–25, but subgroups "
                f"{_rows(pts.loc[big, 'label'])} have more; use chart='s' for large subgroups.",
                table=table, column=subgroup)
        pts["stat"] = pts[{"xbar": "mean", "r": "range", "s": "sd"}[chart]]
        return pts
    x = _numeric(data, value, table=table)
    labels = data[label].to_numpy() if label is not None else data.index.to_numpy()
    pts = pd.DataFrame({"label": labels, "x": x.to_numpy()})
    if chart in ("i", "mr"):
        pts["n"] = 1.0
        pts["stat"] = pts["x"] if chart == "i" else pts["x"].diff().abs()
        return pts
    _check_nonnegative(x, value, table, chart)
    if chart == "c":
        pts["n"] = 1.0
        pts["stat"] = pts["x"]
        return pts
    sizes = _sizes(data, size, chart, table)
    pts["n"] = sizes.to_numpy()
    if chart in ("p", "np"):
        over = x.to_numpy() > sizes.to_numpy()
        if over.any():
            rows = data.index[over]
            raise DataValidationError(
                f"{table}: a {chart} chart counts defectives out of a sample, but {value!r} exceeds "
                f"the sample size in rows {_rows(rows)} (e.g. {x[over].iloc[0]:g} > "
                f"{sizes[over].iloc[0]:g}); for defects per unit use chart='u' or 'c'.",
                table=table, column=value,
                failure_cases=pd.DataFrame({"row": rows, value: x[over].to_numpy(),
                                            "size": sizes[over].to_numpy()}))
    pts["stat"] = pts["x"] / pts["n"] if chart in ("p", "u") else pts["x"]
    return pts


def _limits(pts: pd.DataFrame, base: pd.DataFrame, chart: str, nsigmas: float) -> pd.DataFrame:
    """Center, standard error of the statistic, LCL and UCL of every point in ``pts``.

    ``base`` holds the points whose data set the limits (phase I, or the stage).
    """
    n = pts["n"].to_numpy(dtype=float)
    out = pd.DataFrame(index=pts.index)
    if chart in ("i", "mr"):
        x = base["x"].to_numpy(dtype=float)
        mr_bar = float(np.nanmean(np.abs(np.diff(x)))) if len(x) > 1 else float("nan")
        sigma = mr_bar / D2[2]
        if chart == "i":
            center, se = float(np.mean(x)), np.full(len(pts), sigma)
        else:
            center, se = mr_bar, np.full(len(pts), D3[2] * sigma)
        out["center"] = center
        out["sigma"] = se
    elif chart in ("xbar", "r", "s"):
        bn = base["n"].to_numpy(dtype=float)
        if chart == "s":
            sigma = float(np.mean(base["sd"].to_numpy() / c4(bn)))
        else:
            sigma = float(np.mean(base["range"].to_numpy() / np.array([D2[int(k)] for k in bn])))
        center = float(np.sum(bn * base["stat"].to_numpy()) / np.sum(bn))
        out["center"] = center
        if chart == "xbar":
            out["sigma"] = sigma / np.sqrt(n)
        elif chart == "r":
            out["sigma"] = np.array([D3[int(k)] for k in n]) * sigma
        else:
            out["sigma"] = sigma * np.sqrt(1.0 - c4(n) ** 2)
    elif chart in ("p", "np"):
        pbar = float(base["x"].sum() / base["n"].sum())
        if chart == "p":
            out["center"] = pbar
            out["sigma"] = np.sqrt(pbar * (1 - pbar) / n)
        else:
            out["center"] = n * pbar
            out["sigma"] = np.sqrt(n * pbar * (1 - pbar))
    elif chart == "c":
        cbar = float(base["x"].mean())
        out["center"] = cbar
        out["sigma"] = math.sqrt(cbar)
    else:  # u
        ubar = float(base["x"].sum() / base["n"].sum())
        out["center"] = ubar
        out["sigma"] = np.sqrt(ubar / n)
    out["lcl"] = out["center"] - nsigmas * out["sigma"]
    out["ucl"] = out["center"] + nsigmas * out["sigma"]
    if chart in _NONNEG:
        out["lcl"] = out["lcl"].clip(lower=0.0)
    if chart == "p":
        out["ucl"] = out["ucl"].clip(upper=1.0)
    if chart == "np":
        out["ucl"] = np.minimum(out["ucl"].to_numpy(), n)
    return out


def _laney_limits(pts: pd.DataFrame, base: pd.DataFrame, chart: str, nsigmas: float,
                  center: float | None, table: str) -> pd.DataFrame:
    """Laney's p′ or u′ limits: the p (u) chart's standard errors widened by sigma_z, the spread of
    the base points' z-scores from one subgroup to the next (MR-bar of the z-scores / 1.128)."""
    shewhart = _LANEY[chart]
    bar = float(base["x"].sum() / base["n"].sum()) if center is None else float(center)
    spread = bar * (1.0 - bar) if shewhart == "p" else bar
    if not spread > 0:
        raise DataValidationError(
            f"{table}: a {chart} chart standardises each point by the spread around the centre, but the "
            f"centre is {bar:g}, so there is no spread; a KPI that is always {bar:g} needs no chart.",
            table=table)
    z = (base["stat"].to_numpy(float) - bar) / np.sqrt(spread / base["n"].to_numpy(float))
    sigma_z = float(np.mean(np.abs(np.diff(z)))) / D2[2]
    out = pd.DataFrame(index=pts.index)
    out["center"] = bar
    out["sigma"] = np.sqrt(spread / pts["n"].to_numpy(float)) * sigma_z
    out["lcl"] = (out["center"] - nsigmas * out["sigma"]).clip(lower=0.0)
    out["ucl"] = out["center"] + nsigmas * out["sigma"]
    if shewhart == "p":
        out["ucl"] = out["ucl"].clip(upper=1.0)
    out["sigma_z"] = sigma_z
    return out


def _level(pts: pd.DataFrame, base: pd.DataFrame, grouped: bool, center: float | None,
           sigma: float | None, table: str) -> tuple[float, np.ndarray]:
    """Process centre and the standard error of each point for an EWMA or CUSUM chart: given, or
    estimated from the base points as the i chart (MR-bar/1.128) or the xbar chart (R-bar/d2) does."""
    if sigma is None and not grouped and len(base) < 2:
        raise DataValidationError(
            f"{table}: estimating sigma from moving ranges needs at least 2 points; pass `sigma`.", table=table)
    shewhart = _limits(pts, base, "xbar" if grouped else "i", 1.0)
    level = float(shewhart["center"].iloc[0]) if center is None else float(center)
    if sigma is None:
        return level, shewhart["sigma"].to_numpy(float)
    return level, float(sigma) / np.sqrt(pts["n"].to_numpy(float))


def _ewma_limits(pts: pd.DataFrame, level: float, se: np.ndarray, lam: float,
                 nsigmas: float) -> pd.DataFrame:
    """qcc's EWMA: z_i = lam x_i + (1 - lam) z_{i-1} from z_0 = the centre, limits widening to their
    asymptote as se_i sqrt(lam / (2 - lam) (1 - (1 - lam)^(2i)))."""
    smoothed, previous = [], level
    for x in pts["stat"].to_numpy(float):
        previous = lam * x + (1.0 - lam) * previous
        smoothed.append(previous)
    i = np.arange(1, len(pts) + 1)
    out = pd.DataFrame(index=pts.index)
    out["ewma"] = smoothed
    out["center"] = level
    out["sigma"] = se * np.sqrt(lam / (2.0 - lam) * (1.0 - (1.0 - lam) ** (2 * i)))
    out["lcl"] = level - nsigmas * out["sigma"]
    out["ucl"] = level + nsigmas * out["sigma"]
    return out


def _cusum_limits(pts: pd.DataFrame, level: float, se: np.ndarray, h: float,
                  se_shift: float) -> pd.DataFrame:
    """qcc's tabular CUSUM in standard errors: pos_i = max(0, pos_{i-1} + z_i - k), neg_i = min(0,
    neg_{i-1} + z_i + k), k = se_shift / 2, decision interval ±h."""
    k = se_shift / 2.0
    pos, neg, up, down = [], [], 0.0, 0.0
    for z in (pts["stat"].to_numpy(float) - level) / se:
        up, down = max(0.0, up + z - k), min(0.0, down + z + k)
        pos.append(up)
        neg.append(down)
    out = pd.DataFrame(index=pts.index)
    out["center"] = level
    out["sigma"] = se
    out["lcl"], out["ucl"] = -h, h
    out["pos"], out["neg"] = pos, neg
    return out


def _run_flags(condition: np.ndarray, length: int) -> np.ndarray:
    """Flag points from where a run of True reaches ``length`` to the run's end (qcc's convention)."""
    flags = np.zeros(len(condition), dtype=bool)
    count = 0
    for i, c in enumerate(condition):
        count = count + 1 if c else 0
        if count >= length:
            flags[i] = True
    return flags


def _m_of_n(beyond: np.ndarray, m: int, n: int) -> np.ndarray:
    """Flag a point beyond the zone that completes m of the last n points beyond it."""
    flags = np.zeros(len(beyond), dtype=bool)
    for i in range(n - 1, len(beyond)):
        if beyond[i] and beyond[i - n + 1:i + 1].sum() >= m:
            flags[i] = True
    return flags


def _rule_flags(stat: np.ndarray, center: np.ndarray, sigma: np.ndarray, lcl: np.ndarray,
                ucl: np.ndarray, rule_set: str, numbers: Sequence[int],
                lengths: dict[int, int]) -> dict[int, np.ndarray]:
    valid = ~np.isnan(stat)
    s = np.where(valid, stat, center)
    above = [valid & (s > center + k * sigma) for k in (0, 1, 2)]
    below = [valid & (s < center - k * sigma) for k in (0, 1, 2)]
    flags: dict[int, np.ndarray] = {}
    beyond = valid & ((s > ucl) | (s < lcl))

    def side_run(length: int) -> np.ndarray:
        return _run_flags(above[0], length) | _run_flags(below[0], length)

    def m_of_n(m: int, n: int, k: int) -> np.ndarray:
        return _m_of_n(above[k], m, n) | _m_of_n(below[k], m, n)

    if rule_set == "western_electric":
        table = {1: lambda: beyond, 2: lambda: m_of_n(2, 3, 2), 3: lambda: m_of_n(4, 5, 1),
                 4: lambda: side_run(lengths[4])}
    else:
        d = np.diff(s)
        dvalid = valid[1:] & valid[:-1]
        up = np.concatenate([[False], dvalid & (d > 0)])
        down = np.concatenate([[False], dvalid & (d < 0)])
        alt = np.zeros(len(s), dtype=bool)
        if len(s) > 2:
            alt[2:] = (d[1:] * d[:-1] < 0) & dvalid[1:] & dvalid[:-1]
        within = valid & (np.abs(s - center) <= sigma)
        outside = valid & ~within
        n8 = lengths[8]
        mixture = np.zeros(len(s), dtype=bool)
        for i in range(n8 - 1, len(s)):
            w = slice(i - n8 + 1, i + 1)
            mixture[i] = outside[w].all() and above[1][w].any() and below[1][w].any()
        table = {1: lambda: beyond, 2: lambda: side_run(lengths[2]),
                 3: lambda: _run_flags(up, lengths[3] - 1) | _run_flags(down, lengths[3] - 1),
                 4: lambda: _run_flags(alt, lengths[4] - 2), 5: lambda: m_of_n(2, 3, 2),
                 6: lambda: m_of_n(4, 5, 1), 7: lambda: _run_flags(within, lengths[7]),
                 8: lambda: mixture}
    for k in numbers:
        flags[k] = table[k]()
    return flags


#: The charts that take a known centre or sigma instead of estimating it.
_GIVEN = {"center": ("laney_p", "laney_u", "ewma", "cusum"), "sigma": ("ewma", "cusum")}


def _check_settings(chart: str, *, nsigmas: float, lam: float, h: float, se_shift: float,
                    center: float | None, sigma: float | None) -> None:
    from sqmkit.glossary import message

    if not nsigmas > 0:
        raise argument_error("nsigmas", nsigmas, "must_positive_number")
    if not 0 < lam <= 1:
        raise argument_error("lam", lam, "must_above_up_to", low=0, high=1)
    if not h > 0:
        raise argument_error("h", h, "must_positive_number")
    if not se_shift >= 0:
        raise argument_error("se_shift", se_shift, "must_number_at_least", low=0)
    for name, given in (("center", center), ("sigma", sigma)):
        if given is not None and chart not in _GIVEN[name]:
            raise DataValidationError(message("check_argument_not_for_chart", name=name,
                                              charts=", ".join(_GIVEN[name]), chart=chart))
    if sigma is not None and not sigma > 0:
        raise argument_error("sigma", sigma, "must_positive_number")
    if center is not None and chart == "laney_p" and not 0 < center < 1:
        raise argument_error("center", center, "must_between", low=0, high=1)


def _segments(stages: Any, data: pd.DataFrame, pts: pd.DataFrame, chart: str,
              table: str) -> np.ndarray | None:
    if stages is None:
        return None
    if isinstance(stages, str):
        if stages not in data.columns:
            raise DataValidationError(
                f"{table}: column {stages!r} (stages) not found; pass an existing column or a list "
                f"of point numbers where a new stage starts.", table=table, column=stages)
        if chart in ("xbar", "r", "s"):
            raise DataValidationError(
                f"{table}: for a {chart} chart give `stages` as a list of point numbers where a new "
                f"stage starts.", table=table, column=stages)
        return data[stages].to_numpy()
    breaks = sorted(int(b) for b in stages)
    bad = [b for b in breaks if b < 2 or b > len(pts)]
    if bad:
        raise DataValidationError(
            f"{table}: stage break points must be point numbers between 2 and {len(pts)} (the first "
            f"point of each new stage), but {bad} was passed.", table=table)
    out = np.ones(len(pts), dtype=int)
    for b in breaks:
        out[b - 1:] += 1
    return out


def control_chart(data: pd.DataFrame | pd.Series, *, value: str, chart: str = "i",
                  subgroup: str | None = None, size: str | float | None = None,
                  phase1: int | None = None, rules: str | None = "western_electric",
                  stages: str | Sequence[int] | None = None, label: str | None = None,
                  run_lengths: dict[int, int] | None = None, nsigmas: float = 3.0,
                  lam: float = 0.2, h: float = 5.0, se_shift: float = 1.0,
                  center: float | None = None, sigma: float | None = None,
                  table: str = "data") -> pd.DataFrame:
    """Control chart (Shewhart, Laney p′/u′, EWMA, CUSUM) with phase I/II or staged limits and run rules.

    Parameters
    ----------
    data : DataFrame
        One row per observation (i, mr, p, np, c, u) or per measurement (xbar, r, s).
    value : str
        The measurement (i, mr, xbar, r, s) or the count of defectives (p, np) / defects (c, u).
    chart : {"i", "mr", "xbar", "r", "s", "p", "np", "c", "u", "laney_p", "laney_u", "ewma", "cusum"}
        laney_p/laney_u take the data of a p/u chart; ewma/cusum those of an i chart, or of an
        xbar chart when ``subgroup`` is given.
    subgroup : str, optional
        xbar/r/s (and ewma/cusum of subgroup means): the column naming each subgroup; points are
        the subgroups in sorted order.
    size : str or float, optional
        p/np/u/laney_p/laney_u: the column of sample sizes (inspection units for u), or one number.
    phase1 : int, optional
        Number of leading points whose data set the limits (phase I); later points (phase II)
        are scored against those frozen limits. None = all points.
    rules : {"western_electric", "nelson"} or None
        Rule set scored over all points (within each stage). Only rule 1 on mr/r/s charts.
    stages : str or list of int, optional
        A staged chart: limits recomputed in each stage. A column whose value changes at each
        stage (consecutive runs of equal values), or the point numbers where a new stage starts.
        Not combined with ``phase1``.
    label : str, optional
        Column carried into the ``label`` output (e.g. the week); default the row index, or the
        subgroup for xbar/r/s.
    run_lengths : dict, optional
        Override the run lengths of pattern rules, by rule number (see ``DEFAULT_RUN_LENGTHS``).
    nsigmas : float
        Width of the control limits in standard errors (3; qcc's ``nsigmas``, the L of an EWMA).
    lam : float
        ewma: the weight of the newest point, 0 < lam <= 1 (0.2; 1 gives the i chart).
    h : float
        cusum: the decision interval in standard errors, > 0 (5).
    se_shift : float
        cusum: the shift to detect in standard errors (1); the reference value k is half of it.
    center, sigma : float, optional
        Known values instead of estimates from phase I: ``center`` for laney_p/laney_u (p-bar,
        u-bar), ewma and cusum; ``sigma`` (of one observation) for ewma and cusum.

    Returns
    -------
    DataFrame
        One row per plotted point: point (1-based; an mr chart starts at point 2 so that it lines
        up with the i chart), label, n, stat, center, sigma (standard error of the statistic;
        zones are center ± 1 and 2 sigma), lcl, ucl, phase ("I"/"II"), rule (lowest rule number
        violated, or NA; a pattern rule flags the point that completes the pattern), and stage
        when staged. laney_p/laney_u add sigma_z (sigma is the widened standard error); ewma has
        the EWMA in stat and the data in x; cusum has the data in stat and adds pos and neg, the
        upper and lower cumulative sums in standard errors, with lcl = -h and ucl = h. ewma and
        cusum score rule 1 only (beyond the limits, or a sum beyond ±h).

    Notes
    -----
    - i: center = mean, sigma = MR-bar / d2(2) = MR-bar / 1.128; mr: center MR-bar,
      sigma_MR = d3(2) sigma (UCL = 3.267 MR-bar).
    - xbar: center = sum(n_i xbar_i) / sum(n_i), sigma = mean(R_i / d2(n_i)) (= R-bar/d2 for
      equal sizes, qcc's "UWAVE-R"), limits center ± 3 sigma / sqrt(n_i);
      r: center = sum(n_i R_i)/sum(n_i), limits center ± 3 d3(n_i) sigma;
      s: sigma = mean(s_i / c4(n_i)), limits center ± 3 sigma sqrt(1 - c4(n_i)^2).
    - p: p-bar = sum(D)/sum(n), limits p-bar ± 3 sqrt(p-bar(1-p-bar)/n_i) (stair steps), within
      [0, 1]; np: n_i p-bar ± 3 sqrt(n_i p-bar (1 - p-bar)); c: c-bar ± 3 sqrt(c-bar);
      u: u-bar = sum(c)/sum(n), u-bar ± 3 sqrt(u-bar/n_i). Lower limits clamped at 0 on all
      charts but i and xbar.
    - laney_p/laney_u (Laney 2002): z_i = (p_i - p-bar) / sigma_pi with sigma_pi the p (u) chart's
      standard error, sigma_z = mean |z_i - z_{i-1}| / 1.128, limits p-bar ± 3 sigma_pi sigma_z
      (qicharts2's "pp"/"up" without screening the moving ranges). sigma_z near 1 gives the p (u)
      chart back; with thousands of contacts per week it is often 5-20 (see :func:`overdispersion`).
    - ewma (qcc): z_i = lam x_i + (1 - lam) z_{i-1}, z_0 = center, limits
      center ± L sigma/sqrt(n_i) sqrt(lam/(2-lam) (1 - (1-lam)^(2i))).
    - cusum (qcc): z_i = (x_i - center) / (sigma/sqrt(n_i)), pos_i = max(0, pos_{i-1} + z_i - k),
      neg_i = min(0, neg_{i-1} + z_i + k), k = se_shift/2; a signal where pos > h or neg < -h.
    - Western Electric: 1 beyond 3 sigma; 2 two of three beyond 2 sigma on one side; 3 four of
      five beyond 1 sigma on one side; 4 eight in a row on one side (qcc: same). Nelson: 1 beyond
      3 sigma; 2 nine on one side; 3 six steadily up or down; 4 fourteen alternating; 5 two of
      three beyond 2 sigma; 6 four of five beyond 1 sigma; 7 fifteen within 1 sigma; 8 eight
      outside 1 sigma on both sides. Run rules flag every point from the one that completes the
      run to the run's end; a point on the center line breaks a one-side run.

    References
    ----------
    Montgomery, D. C. (2013). Introduction to Statistical Quality Control, 7th ed. Wiley.
    Western Electric (1956). Statistical Quality Control Handbook.
    Nelson, L. S. (1984). The Shewhart control chart — tests for special causes. JQT 16(4).
    Scrucca, L. (2004). qcc: an R package for quality control charting. R News 4/1, 11–17.
    Laney, D. B. (2002). Improved control charts for attributes. Quality Engineering 14(4), 531–537.
    Anhøj, J. (2018). qicharts2: Quality Improvement Charts for R. JOSS 3(25), 699.
    Lucas, J. M. & Saccucci, M. S. (1990). Exponentially weighted moving average control schemes.
    Technometrics 32(1), 1–12.

    Examples
    --------
    >>> df = pd.DataFrame({"x": [33.75, 33.05, 34, 33.81, 33.46, 34.02, 33.68, 33.27]})
    >>> cc = control_chart(df, value="x", chart="i")
    >>> float(round(cc["center"].iloc[0], 4))
    33.63
    """
    check_choice("chart", chart, CHARTS)
    if rules is not None and rules not in RULE_SETS:
        raise choice_error("rules", rules, list(RULE_SETS) + [None])
    _check_settings(chart, nsigmas=nsigmas, lam=lam, h=h, se_shift=se_shift, center=center, sigma=sigma)
    if isinstance(data, pd.Series):
        data = data.to_frame(name=value)
    require_frame(data, table=table)
    if phase1 is not None and stages is not None:
        raise DataValidationError(
            "Give either `phase1` (limits frozen from the leading points) or `stages` (limits "
            "recomputed in each stage), not both.", table=table)
    grouped = chart in _SMOOTHED and subgroup is not None
    if chart in _SMOOTHED:
        shewhart = "xbar" if grouped else "i"
    else:
        shewhart = _LANEY.get(chart, chart)
    pts = _points(data, value=value, chart=shewhart, subgroup=subgroup, size=size,
                  label=label, table=table)
    stage_labels = _segments(stages, data, pts, chart, table)
    if chart == "mr":
        keep = np.arange(len(pts)) >= 1
    else:
        keep = np.ones(len(pts), dtype=bool)
    pts["point"] = np.arange(1, len(pts) + 1)
    if len(pts) < 2:
        raise DataValidationError(
            f"{table}: a control chart needs at least 2 points, {len(pts)} given.", table=table)
    if phase1 is not None:
        if not isinstance(phase1, (int, np.integer)) or not 2 <= phase1 <= len(pts):
            raise DataValidationError(
                f"`phase1` must be a whole number of points between 2 and {len(pts)}, but "
                f"{phase1!r} was passed.", table=table)
    lengths = dict(DEFAULT_RUN_LENGTHS.get(rules or "", {}))
    if run_lengths:
        unknown = [k for k in run_lengths if k not in lengths]
        if unknown:
            raise choice_error("run_lengths key", unknown[0], sorted(lengths))
        lengths.update({int(k): int(v) for k, v in run_lengths.items()})

    if stage_labels is None:
        segments = [np.arange(len(pts))]
        seg_names: list[Any] = [None]
    else:
        change = np.r_[True, stage_labels[1:] != stage_labels[:-1]]
        seg_id = np.cumsum(change)
        segments = [np.flatnonzero(seg_id == k) for k in np.unique(seg_id)]
        seg_names = [stage_labels[idx[0]] for idx in segments]

    parts = []
    for idx, name in zip(segments, seg_names):
        seg = pts.iloc[idx]
        base = seg.iloc[:phase1] if phase1 is not None else seg
        if chart == "mr" and len(base) < 2 or chart == "i" and len(base) < 2:
            raise DataValidationError(
                f"{table}: every stage of an {chart} chart needs at least 2 points to estimate the "
                f"moving range; stage {name!r} has {len(base)}.", table=table)
        if chart in _LANEY:
            lim = _laney_limits(seg, base, chart, nsigmas, center, table)
        elif chart in _SMOOTHED:
            level, se = _level(seg, base, grouped, center, sigma, table)
            lim = (_ewma_limits(seg, level, se, lam, nsigmas) if chart == "ewma"
                   else _cusum_limits(seg, level, se, h, se_shift))
        else:
            lim = _limits(seg, base, chart, nsigmas)
        part = pd.concat([seg[["point", "label", "n", "stat"]], lim], axis=1)
        if chart == "ewma":
            part = part.rename(columns={"stat": "x", "ewma": "stat"})
        part["phase"] = np.where(part["point"] <= (phase1 or len(pts)), "I", "II")
        part["stage"] = name
        sel = keep[idx]
        part = part[sel]
        numbers: Sequence[int] = ()
        if rules is not None:
            numbers = (1,) if chart in _DISPERSION + _SMOOTHED else _RULE_NUMBERS[rules]
        if chart == "cusum":
            flags = {1: ((part["pos"] > h) | (part["neg"] < -h)).to_numpy()} if numbers else {}
        else:
            flags = _rule_flags(part["stat"].to_numpy(float), part["center"].to_numpy(float),
                                part["sigma"].to_numpy(float), part["lcl"].to_numpy(float),
                                part["ucl"].to_numpy(float), rules or "western_electric", numbers,
                                lengths) if numbers else {}
        rule = pd.array([pd.NA] * len(part), dtype="Int64")
        for k in sorted(flags, reverse=True):
            rule[flags[k]] = k
        part["rule"] = rule
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    cols = ["point", "label", "n", "stat", "center", "sigma", "lcl", "ucl", "phase", "rule"]
    cols += _EXTRA_COLUMNS.get(chart, [])
    if stage_labels is not None:
        cols.append("stage")
    out = out[cols]
    out["point"] = out["point"].astype(int)
    return out


def overdispersion(data: pd.DataFrame, *, value: str, size: str | float | None = None, chart: str = "p",
                   alpha: float = 0.05, table: str = "data") -> pd.DataFrame:
    """Do the points vary more than a p (binomial) or u (Poisson) chart assumes, so that p′/u′ should replace it?

    With thousands of contacts per week, the p chart's limits are so narrow that almost every week
    signals although nothing changed: real processes vary from week to week more than coin tosses.
    The check compares the observed spread with the assumed one and says which chart to draw.

    Parameters
    ----------
    data : DataFrame
        One row per subgroup (week, month), in time order.
    value : str
        Count of defectives (p) or of events (u) in each subgroup.
    size : str or float, optional
        Subgroup sizes, a column or one number; for a u chart the default is one unit per row.
    chart : {"p", "u"}
    alpha : float
        Level of the dispersion test (0.05).

    Returns
    -------
    DataFrame
        One row: chart, points, center (p-bar or u-bar), ratio (observed / assumed variance),
        statistic, df, p_value (the dispersion test), sigma_z (Laney's), beyond_limits (points beyond
        the p/u chart's 3-sigma limits), beyond_prime_limits (beyond the p′/u′ limits), recommended
        ("laney_p"/"laney_u" or "p"/"u") and reason: ``overdispersed`` (the test rejects and the
        z-scores jump from point to point: sigma_z > 1), ``drift`` (the test rejects but neighbouring
        points agree, sigma_z <= 1: a shift or a trend, which the ordinary chart shows),
        ``consistent`` (the spread is what the p/u chart assumes) or ``constant`` (p-bar is 0 or 1, or
        u-bar is 0: every point is the same and nothing varies; the test's figures are NaN and the
        ordinary chart, whose limits sit on the centre line, is recommended).

    Notes
    -----
    z_i = (x_i - n_i c) / sqrt(n_i v) with v = p-bar (1 - p-bar) (p) or u-bar (u); the statistic is
    sum z_i^2 on k - 1 degrees of freedom, its upper tail the p value, ratio = statistic / (k - 1).
    With equal sizes this is qcc's ``qccOverdispersionTest`` (Wetherill & Brown 1991, pp. 216–218);
    with unequal sizes it is the Pearson chi-square test of homogeneity. sigma_z = MR-bar(z) / 1.128
    (Laney 2002). Laney recommends the prime chart whenever in doubt: without overdispersion it
    gives the ordinary chart's limits.

    References
    ----------
    Wetherill, G. B. & Brown, D. W. (1991). Statistical Process Control. Chapman & Hall.
    Laney, D. B. (2002). Improved control charts for attributes. Quality Engineering 14(4), 531–537.

    Examples
    --------
    >>> x = [12, 11, 18, 11, 10, 16, 9, 11, 14, 15, 11, 9, 10, 13, 12, 8, 12, 13, 10, 12, 13, 16, 12,
    ...      18, 16, 10, 16, 10, 12, 14]   # Wetherill & Brown (1991), pp. 212-213, via qcc's help page
    >>> r = overdispersion(pd.DataFrame({"x": x}), value="x", size=50).iloc[0]
    >>> [round(float(r["ratio"]), 7), round(float(r["statistic"]), 5), str(r["recommended"])]
    [0.7644566, 22.16924, 'p']
    """
    check_choice("chart", chart, ["p", "u"])
    if not 0 < alpha < 1:
        raise argument_error("alpha", alpha, "must_between", low=0, high=1)
    require_frame(data, table=table)
    if size is None and chart == "u":
        size = 1.0
    pts = _points(data, value=value, chart=chart, subgroup=None, size=size, label=None, table=table)
    if len(pts) < 3:
        raise DataValidationError(
            f"{table}: the overdispersion check needs at least 3 points, {len(pts)} given.", table=table)
    shewhart = control_chart(data, value=value, chart=chart, size=size, rules=None, table=table)
    center = float(shewhart["center"].iloc[0])
    if not (shewhart["sigma"] > 0).all():   # p-bar 0 or 1, u-bar 0: no spread to test
        return pd.DataFrame([{
            "chart": chart, "points": len(pts), "center": center, "ratio": np.nan, "statistic": np.nan,
            "df": len(pts) - 1, "p_value": np.nan, "sigma_z": np.nan, "beyond_limits": 0,
            "beyond_prime_limits": 0, "recommended": chart, "reason": "constant"}])
    prime = control_chart(data, value=value, chart=f"laney_{chart}", size=size, rules=None, table=table)
    z = (pts["stat"].to_numpy(float) - center) / (shewhart["sigma"].to_numpy(float))
    statistic, df = float(np.sum(z ** 2)), len(pts) - 1
    p_value = float(_stats.chi2.sf(statistic, df))
    sigma_z = float(prime["sigma_z"].iloc[0])
    if p_value >= alpha:
        reason = "consistent"
    else:
        reason = "overdispersed" if sigma_z > 1 else "drift"
    return pd.DataFrame([{
        "chart": chart, "points": len(pts), "center": center, "ratio": statistic / df,
        "statistic": statistic, "df": df, "p_value": p_value, "sigma_z": sigma_z,
        "beyond_limits": int(((shewhart["stat"] > shewhart["ucl"]) | (shewhart["stat"] < shewhart["lcl"])).sum()),
        "beyond_prime_limits": int(((prime["stat"] > prime["ucl"]) | (prime["stat"] < prime["lcl"])).sum()),
        "recommended": f"laney_{chart}" if reason == "overdispersed" else chart, "reason": reason}])


def run_chart(data: pd.DataFrame | pd.Series, *, value: str, label: str | None = None,
              table: str = "data") -> pd.DataFrame:
    """Run chart around the median with Anhøj's rules for non-random variation.

    Parameters
    ----------
    data : DataFrame
        One row per period, in time order.
    value : str
        The measurement.
    label : str, optional
        Column carried into ``label`` (e.g. the week); default the row index.

    Returns
    -------
    DataFrame
        One row per point: point, label, stat, center (the median), useful (not on the median),
        and, repeated on every row: n_useful, longest_run, longest_run_max, crossings,
        crossings_min, shift (longest_run > longest_run_max), few_crossings
        (crossings < crossings_min), signal (either).

    Notes
    -----
    Points on the median are ignored. With n useful points, a shift is signalled when the longest
    run on one side of the median exceeds round(log2(n) + 3); too few crossings when the number of
    median crossings is below the lower 5 % quantile of Binomial(n - 1, 0.5) (R's ``qbinom``).

    References
    ----------
    Anhøj, J. & Olesen, A. V. (2014). Run charts revisited: a simulation study of run chart rules
    for detection of non-random variation in health care processes. PLoS ONE 9(11): e113825.
    """
    if isinstance(data, pd.Series):
        data = data.to_frame(name=value)
    x = _numeric(data, value, table=table)
    labels = data[label].to_numpy() if label is not None else data.index.to_numpy()
    med = float(np.median(x.to_numpy()))
    side = np.sign(x.to_numpy() - med)
    useful = side != 0
    s = side[useful]
    n = int(useful.sum())
    if n < 2:
        raise DataValidationError(
            f"{table}: a run chart needs at least 2 points off the median, {n} given.", table=table)
    crossings = int(np.sum(s[1:] != s[:-1]))
    longest, cur = 1, 1
    for a, b in zip(s[:-1], s[1:]):
        cur = cur + 1 if a == b else 1
        longest = max(longest, cur)
    run_max = int(round(math.log2(n) + 3))
    cross_min = int(_stats.binom.ppf(0.05, n - 1, 0.5))
    out = pd.DataFrame({"point": np.arange(1, len(x) + 1), "label": labels,
                        "stat": x.to_numpy(), "center": med, "useful": useful})
    out["n_useful"] = n
    out["longest_run"] = longest
    out["longest_run_max"] = run_max
    out["crossings"] = crossings
    out["crossings_min"] = cross_min
    out["shift"] = longest > run_max
    out["few_crossings"] = crossings < cross_min
    out["signal"] = out["shift"] | out["few_crossings"]
    return out


def _longest_run(flags: np.ndarray) -> int:
    longest, cur = 0, 0
    for flag in flags:
        cur = cur + 1 if flag else 0
        longest = max(longest, cur)
    return longest


def _phases(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, Any, Any]:
    """The before and after points of a phase I/II (or two-stage) chart, and the limits the after points face."""
    if "stage" in table.columns and table["stage"].nunique() >= 2:
        first = table["stage"].iloc[0]
        before, after = table[table["stage"] == first], table[table["stage"] != first]
        return before, after, before["ucl"].iloc[-1], before["lcl"].iloc[-1]
    before, after = table[table["phase"] == "I"], table[table["phase"] == "II"]
    if before.empty or after.empty:
        raise DataValidationError(
            "The chart has no before/after split: build it with `phase1` or two `stages`.")
    return before, after, after["ucl"].to_numpy(), after["lcl"].to_numpy()


def phase_summary(table: pd.DataFrame, *, direction: str = "lower", run_length: int = 8) -> pd.DataFrame:
    """Summarise a phase I/II (or two-stage) chart: did the process shift, which way, and does it last?

    Both sides are counted: a KPI that got worse has its later points beyond the limit on the worse
    side, and a summary of the better side alone would read 0 % there.

    Parameters
    ----------
    table : DataFrame
        :func:`control_chart` output with phase I and phase II points, or two stages.
    direction : {"lower", "higher"}
        Which way is better for this measure.
    run_length : int
        Consecutive after points on one side of the before centre that make a sustained shift
        (8: the Western Electric run rule).

    Returns
    -------
    DataFrame
        One row: n_before, n_after, center_before, mean_after, change (mean_after −
        center_before), pct_beyond (share of after points beyond the control limit on the better
        side, %), pct_beyond_worse (the same on the worse side), longest_run (longest run of
        consecutive after points on the better side of the before center), longest_run_worse (on
        the worse side), sustained (longest_run >= run_length), sustained_worse (longest_run_worse
        >= run_length), better (the change goes the better way), worse (it goes the worse way;
        neither when the change is 0).
    """
    check_choice("direction", direction, ["lower", "higher"])
    before, after, before_ucl, before_lcl = _phases(table)
    center = float(before["center"].iloc[-1])
    stat = after["stat"].to_numpy(float)
    below, above = stat < center, stat > center
    under, over = stat < before_lcl, stat > before_ucl
    better_side, worse_side = (below, above) if direction == "lower" else (above, below)
    beyond, beyond_worse = (under, over) if direction == "lower" else (over, under)
    longest, longest_worse = _longest_run(better_side), _longest_run(worse_side)
    change = float(np.mean(stat) - center)
    sign = -1.0 if direction == "lower" else 1.0
    return pd.DataFrame([{
        "n_before": len(before), "n_after": len(after), "center_before": center,
        "mean_after": float(np.mean(stat)), "change": change,
        "pct_beyond": float(np.mean(beyond) * 100), "pct_beyond_worse": float(np.mean(beyond_worse) * 100),
        "longest_run": int(longest), "longest_run_worse": int(longest_worse),
        "sustained": bool(longest >= run_length), "sustained_worse": bool(longest_worse >= run_length),
        "better": bool(sign * change > 0), "worse": bool(sign * change < 0)}])


def phase_test(table: pd.DataFrame, *, conf: float = 0.95) -> pd.DataFrame:
    """Welch's t test and the Mann–Whitney test of the after points against the before points of a chart.

    The size and the uncertainty of a shift beside the chart's signals: the difference of the means
    with its confidence interval, both p values and the rank-biserial correlation as effect size.

    Parameters
    ----------
    table : DataFrame
        :func:`control_chart` output with phase I and phase II points, or two stages.
    conf : float
        Confidence level of the interval of the difference.

    Returns
    -------
    DataFrame
        One row: n_before, n_after, mean_before, mean_after, diff (mean_after − mean_before), ci_low,
        ci_high, t, df, p_welch, u, p_mannwhitney, mw_method (``exact`` or ``asymptotic``, see
        :func:`sqmkit.stats.mann_whitney`), rank_biserial (+1: every after point above every before
        point). NaN where a side has fewer than two points or no spread.

    Notes
    -----
    Welch: t = (x̄_a − x̄_b) / sqrt(s_a²/n_a + s_b²/n_b), Welch–Satterthwaite df; the CI is
    diff ± t_{(1+conf)/2, df} · se. Both tests take the points as independent; weekly KPI values
    are often autocorrelated, which makes the p values too small — read them beside the chart.

    References
    ----------
    Welch, B. L. (1947). Biometrika 34, 28–35. R Core Team, ``t.test`` and ``wilcox.test`` (stats).

    Examples
    --------
    >>> x = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]   # R's sleep data, group 1
    >>> y = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]      # group 2
    >>> chart = control_chart(pd.DataFrame({"v": x + y}), value="v", chart="i", phase1=10)
    >>> r = phase_test(chart).iloc[0]
    >>> [round(float(r[c]), 5) for c in ("diff", "p_welch", "ci_low", "ci_high")]   # R: t.test(extra ~ group, sleep)
    [1.58, 0.07939, -0.20548, 3.36548]
    """
    from sqmkit.stats import mann_whitney

    before, after, _, _ = _phases(table)
    x = before["stat"].to_numpy(float)
    y = after["stat"].to_numpy(float)
    x, y = x[~np.isnan(x)], y[~np.isnan(y)]
    row: dict[str, Any] = {"n_before": len(x), "n_after": len(y),
                           "mean_before": float(np.mean(x)) if len(x) else np.nan,
                           "mean_after": float(np.mean(y)) if len(y) else np.nan}
    row.update(diff=row["mean_after"] - row["mean_before"], ci_low=np.nan, ci_high=np.nan, t=np.nan, df=np.nan,
               p_welch=np.nan, u=np.nan, p_mannwhitney=np.nan, mw_method="", rank_biserial=np.nan)
    if len(x) < 2 or len(y) < 2:
        return pd.DataFrame([row])
    va, vb = np.var(y, ddof=1) / len(y), np.var(x, ddof=1) / len(x)
    se = math.sqrt(va + vb)
    if se > 0:
        dfree = (va + vb) ** 2 / (va ** 2 / (len(y) - 1) + vb ** 2 / (len(x) - 1))
        half = _stats.t.ppf((1 + conf) / 2, dfree) * se
        t = row["diff"] / se
        row.update(t=t, df=dfree, ci_low=row["diff"] - half, ci_high=row["diff"] + half,
                   p_welch=float(2 * _stats.t.sf(abs(t), dfree)))
    mw = mann_whitney(y, x)
    row.update(u=mw["u"], p_mannwhitney=mw["p_value"], mw_method=mw["method"], rank_biserial=mw["rank_biserial"])
    return pd.DataFrame([row])
