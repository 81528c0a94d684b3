"""SERVQUAL gaps and scale reliability (Cronbach's alpha, item analysis).

Re-exported by :mod:`sqmkit.satisfaction`.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sqmkit._checks import as_list, check_choice, require_columns, require_frame
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import message
from sqmkit.satisfaction._common import TABLE, check_weights, group_keys, numeric

__all__ = ["SERVQUAL_DIMENSIONS", "servqual_items", "servqual_gaps", "cronbach_alpha",
           "item_analysis", "feldt_ci"]

#: The five SERVQUAL dimensions and their items (Parasuraman, Zeithaml & Berry 1988 numbering).
SERVQUAL_DIMENSIONS: dict[str, tuple[int, ...]] = {
    "tangibles": (1, 2, 3, 4),
    "reliability": (5, 6, 7, 8, 9),
    "responsiveness": (10, 11, 12, 13),
    "assurance": (14, 15, 16, 17),
    "empathy": (18, 19, 20, 21, 22),
}


def servqual_items(perception: str = "p{:02d}", expectation: str | None = "e{:02d}") -> dict[str, dict]:
    """The standard 22-item SERVQUAL mapping in sqmkit.yaml's ``survey.items`` form.

    Examples
    --------
    >>> servqual_items()["p10"]
    {'dimension': 'responsiveness', 'expectation': 'e10'}
    """
    out = {}
    for dim, numbers in SERVQUAL_DIMENSIONS.items():
        for i in numbers:
            spec: dict[str, Any] = {"dimension": dim}
            if expectation:
                spec["expectation"] = expectation.format(i)
            out[perception.format(i)] = spec
    return out


def _parse_items(items: Any) -> pd.DataFrame:
    """item, dimension, expectation, label from a mapping (item -> dimension or -> dict)."""
    if not isinstance(items, Mapping) or not items:
        raise DataValidationError(
            message("survey_bad_items", items=items))
    rows = []
    for item, spec in items.items():
        spec = spec if isinstance(spec, Mapping) else {"dimension": spec}
        dim = spec.get("dimension")
        if dim is None or str(dim) == "":
            raise DataValidationError(
                message("survey_item_no_dimension", item=item), column=str(item))
        rows.append({"item": str(item), "dimension": str(dim), "expectation": spec.get("expectation"),
                     "label": spec.get("label") or str(item)})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- SERVQUAL
def servqual_gaps(data: pd.DataFrame, *, items: Mapping[str, Any],
                  dimension_weights: Mapping[str, float] | None = None,
                  by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """SERVQUAL gap scores (perception - expectation) by item, dimension and overall.

    Parameters
    ----------
    data : DataFrame
        The survey table with perception item columns (and expectation columns for SERVQUAL).
    items : dict
        sqmkit.yaml's ``survey.items``: ``{item: {dimension, expectation, label}}`` or
        ``{item: dimension}``. Without any expectation column the analysis is SERVPERF
        (perceptions only); with them every item needs its expectation column.
    dimension_weights : dict, optional
        ``{dimension: weight}`` for the weighted overall score (rescaled with a warning if they do
        not sum to 1). Default: equal weights.
    by : str or list of str, optional
        Group columns (channel, segment, period...).

    Returns
    -------
    DataFrame
        ``[by...], level, dimension, item, label, n, perception, expectation, gap, score,
        weight, weighted_score, method``; ``level`` is "item", "dimension" or "overall";
        ``score`` is the gap (SERVQUAL) or the perception (SERVPERF); dimension rows carry the
        dimension weight and ``weighted_score = weight x score``; the overall row's ``score`` is
        the unweighted mean of the dimension scores and its ``weighted_score`` the weighted sum.

    Notes
    -----
    Per respondent, the dimension gap is the mean of (P_i - E_i) over the dimension's answered
    item pairs; the dimension's ``gap`` is the mean of these over respondents, its perception and
    expectation likewise. Item ``gap`` = mean of P_i - E_i over respondents answering both.
    Negative gaps mean service falls short of expectations; the most negative dimension is the
    first to improve.

    References
    ----------
    Parasuraman, A., Zeithaml, V. A. & Berry, L. L. (1988). SERVQUAL: a multiple-item scale for
    measuring consumer perceptions of service quality. *Journal of Retailing* 64(1), 12-40.
    Cronin, J. J. & Taylor, S. A. (1992). Measuring service quality: a reexamination and
    extension. *Journal of Marketing* 56(3), 55-68 (SERVPERF).
    """
    require_frame(data, table=TABLE)
    keys = group_keys(data, by)
    spec = _parse_items(items)
    require_columns(data, spec["item"].tolist(), table=TABLE, argument="items")
    has_e = spec["expectation"].notna() & (spec["expectation"].astype(str) != "")
    if has_e.any() and not has_e.all():
        missing = spec.loc[~has_e, "item"].tolist()
        raise DataValidationError(
            message("survey_some_without_expectation", items=missing),
            table=TABLE, column=missing[0])
    servqual = bool(has_e.all())
    if servqual:
        require_columns(data, spec["expectation"].tolist(), table=TABLE, argument="items (expectation)")
    dims = list(dict.fromkeys(spec["dimension"]))
    weights = check_weights(dimension_weights, dims, argument="dimension_weights", what="dimension") \
        if dimension_weights is not None else {d: 1 / len(dims) for d in dims}
    weights = {d: weights.get(d, 0.0) for d in dims}

    p = pd.DataFrame({r.item: numeric(data, r.item) for r in spec.itertuples()})
    e = pd.DataFrame({r.item: numeric(data, r.expectation) for r in spec.itertuples()}) \
        if servqual else None
    if p.notna().sum().sum() == 0:
        raise DataValidationError(message("survey_perception_blank", items=spec['item'].tolist()[:5], table=TABLE), table=TABLE)
    if servqual:
        both = p.notna() & e.notna()
        p_used, e_used = p.where(both), e.where(both)
        g = p_used - e_used
    else:
        p_used, e_used, g = p, pd.DataFrame(np.nan, index=p.index, columns=p.columns), p * np.nan
    # per-respondent dimension means
    dim_cols = {d: spec.loc[spec["dimension"] == d, "item"].tolist() for d in dims}
    dp = pd.DataFrame({d: p_used[c].mean(axis=1) for d, c in dim_cols.items()})
    de = pd.DataFrame({d: e_used[c].mean(axis=1) for d, c in dim_cols.items()})
    dg = pd.DataFrame({d: g[c].mean(axis=1) for d, c in dim_cols.items()})

    key_frame = data[keys].reset_index(drop=True)
    parts = []
    groups = [((), np.arange(len(data)))] if not keys else \
        list(key_frame.groupby(keys, dropna=True, observed=True, sort=True).indices.items())
    for gkey, idx in groups:
        gkey = gkey if isinstance(gkey, tuple) else (gkey,)
        rows = []
        for r in spec.itertuples():
            pv, ev, gv = p_used[r.item].iloc[idx], e_used[r.item].iloc[idx], g[r.item].iloc[idx]
            rows.append({"level": "item", "dimension": r.dimension, "item": r.item, "label": r.label,
                         "n": int(pv.notna().sum()), "perception": pv.mean(), "expectation": ev.mean(),
                         "gap": gv.mean()})
        for d in dims:
            rows.append({"level": "dimension", "dimension": d, "item": None, "label": d,
                         "n": int(dp[d].iloc[idx].notna().sum()), "perception": dp[d].iloc[idx].mean(),
                         "expectation": de[d].iloc[idx].mean(), "gap": dg[d].iloc[idx].mean()})
        part = pd.DataFrame(rows)
        part["score"] = part["gap"] if servqual else part["perception"]
        dim_rows = part["level"] == "dimension"
        part["weight"] = np.where(dim_rows, part["dimension"].map(weights), np.nan)
        part["weighted_score"] = part["weight"] * part["score"]
        ds = part[dim_rows]
        overall = {"level": "overall", "dimension": None, "item": None, "label": "overall",
                   "n": int(dp.iloc[idx].notna().any(axis=1).sum()),
                   "perception": ds["perception"].mean(), "expectation": ds["expectation"].mean(),
                   "gap": ds["gap"].mean(), "score": ds["score"].mean(), "weight": 1.0,
                   "weighted_score": float((ds["weight"] * ds["score"]).sum())}
        part = pd.concat([part, pd.DataFrame([overall])], ignore_index=True)
        for k, v in zip(keys, gkey):
            part[k] = v
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out["method"] = "servqual" if servqual else "servperf"
    return out[keys + ["level", "dimension", "item", "label", "n", "perception", "expectation", "gap",
                       "score", "weight", "weighted_score", "method"]]


# --------------------------------------------------------------------------- reliability
def feldt_ci(alpha: float, n: int, k: int, level: float = 0.95) -> tuple[float, float]:
    """Feldt's confidence interval for coefficient alpha.

    Notes
    -----
    ``ci_low = 1 - (1 - alpha) F(1 - a/2; n-1, (n-1)(k-1))``,
    ``ci_high = 1 - (1 - alpha) F(a/2; n-1, (n-1)(k-1))`` with a = 1 - level.

    References
    ----------
    Feldt, L. S., Woodruff, D. J. & Salih, F. A. (1987). Statistical inference for coefficient
    alpha. *Applied Psychological Measurement* 11(1), 93-103.

    Examples
    --------
    >>> [round(x, 4) for x in feldt_ci(0.913, 873, 20)]
    [0.9044, 0.9212]
    """
    from scipy import stats

    if n < 2 or k < 2 or math.isnan(alpha):
        return (math.nan, math.nan)
    a = 1 - level
    df1, df2 = n - 1, (n - 1) * (k - 1)
    return (float(1 - (1 - alpha) * stats.f.ppf(1 - a / 2, df1, df2)),
            float(1 - (1 - alpha) * stats.f.ppf(a / 2, df1, df2)))


def _scales(data: pd.DataFrame, items: Any) -> dict[str, list[str]]:
    """{scale: [item columns]} from None (all numeric), a list, or an item->dimension mapping."""
    if items is None:
        cols = [c for c in data.columns if pd.api.types.is_numeric_dtype(data[c])
                and not pd.api.types.is_bool_dtype(data[c])]
        scales = {"all": [str(c) for c in cols]}
    elif isinstance(items, Mapping):
        spec = _parse_items(items)
        scales = {d: spec.loc[spec["dimension"] == d, "item"].tolist()
                  for d in dict.fromkeys(spec["dimension"])}
    else:
        scales = {"all": as_list(items)}
    for name, cols in scales.items():
        require_columns(data, cols, table=TABLE, argument="items")
        if len(cols) < 2:
            raise DataValidationError(
                message("survey_scale_too_few_items", scale=name, n=len(cols), items=cols),
                table=TABLE, column=cols[0] if cols else None)
    return scales


def _matrix(data: pd.DataFrame, cols: list[str], scale: str, nan_policy: str) -> np.ndarray:
    frame = pd.DataFrame({c: numeric(data, c) for c in cols})
    incomplete = frame.isna().any(axis=1)
    if nan_policy == "raise" and incomplete.any():
        rows = frame.index[incomplete].tolist()
        raise DataValidationError(
            message("survey_scale_blank_items", scale=scale, rows=rows[:10], table=TABLE),
            table=TABLE, failure_cases=frame[incomplete].head(10))
    x = frame[~incomplete].to_numpy()
    if len(x) < 2:
        raise DataValidationError(
            message("survey_scale_too_few_respondents", scale=scale, n=len(x), items=cols), table=TABLE, column=cols[0])
    return x


def _alpha(x: np.ndarray) -> float:
    k = x.shape[1]
    total_var = x.sum(axis=1).var(ddof=1)
    if total_var == 0:
        return math.nan
    return k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / total_var)


def cronbach_alpha(data: pd.DataFrame, *, items: Sequence[str] | Mapping[str, Any] | None = None,
                   nan_policy: str = "listwise") -> pd.DataFrame:
    """Cronbach's alpha with Feldt's 95 % confidence interval, for one scale or per dimension.

    Parameters
    ----------
    data : DataFrame
        Respondents x items.
    items : list of str or dict, optional
        Item columns (one scale, named "all"), or ``{item: dimension}`` / sqmkit.yaml's
        ``survey.items`` (one scale per dimension). None: all numeric columns.
    nan_policy : {"listwise", "raise"}
        ``listwise`` leaves out respondents with any blank item of the scale; ``raise`` errors.

    Returns
    -------
    DataFrame
        ``scale, alpha, ci_low, ci_high, n, k``, one row per scale.

    Notes
    -----
    ``alpha = k/(k-1) (1 - sum(var_i) / var_total)`` (sample variances); the interval is
    :func:`feldt_ci`. A scale whose total score is constant has an undefined alpha (NaN).
    Every scale needs 2+ items and 2+ complete respondents (else DataValidationError).

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
    *Psychometrika* 16(3), 297-334.
    Feldt, L. S., Woodruff, D. J. & Salih, F. A. (1987). *Applied Psychological Measurement* 11(1).

    Examples
    --------
    >>> df = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 3, 5], "c": [1, 3, 3, 4]})
    >>> round(float(cronbach_alpha(df)["alpha"].iloc[0]), 3)
    0.947
    """
    require_frame(data, table=TABLE)
    check_choice("nan_policy", nan_policy, ["listwise", "raise"])
    rows = []
    for scale, cols in _scales(data, items).items():
        x = _matrix(data, cols, scale, nan_policy)
        a = _alpha(x)
        lo, hi = feldt_ci(a, len(x), len(cols))
        rows.append({"scale": scale, "alpha": a, "ci_low": lo, "ci_high": hi, "n": len(x), "k": len(cols)})
    return pd.DataFrame(rows)


def item_analysis(data: pd.DataFrame, *, items: Sequence[str] | Mapping[str, Any] | None = None,
                  weak: float = 0.3) -> pd.DataFrame:
    """Item statistics for scale building: item-rest correlation and alpha if the item is deleted.

    Parameters
    ----------
    data : DataFrame
        Respondents x items; respondents with a blank item of a scale are left out of that scale.
    items : list of str or dict, optional
        As :func:`cronbach_alpha` (per dimension for a mapping).
    weak : float, default 0.3
        Item-rest correlations below this flag the item as weak.

    Returns
    -------
    DataFrame
        ``scale, item, mean, sd, item_rest_r, alpha_if_deleted, flag`` with flag one of
        "reverse" (negative item-rest r: probably reverse-coded, recode it as max+min-x),
        "weak" (r below ``weak``), "constant" (no variance), or "" (fine).

    Notes
    -----
    item-rest r = Pearson correlation of the item with the sum of the scale's other items
    (psych's ``r.drop``); alpha if deleted = alpha of the other items (NaN with 2 items).

    References
    ----------
    Revelle, W. psych: Procedures for Psychological, Psychometric, and Personality Research,
    ``alpha`` (r.drop, alpha.drop). Nunnally, J. C. & Bernstein, I. H. (1994). *Psychometric
    Theory*, 3rd ed. (0.3 rule of thumb).
    """
    require_frame(data, table=TABLE)
    rows = []
    for scale, cols in _scales(data, items).items():
        x = _matrix(data, cols, scale, "listwise")
        total = x.sum(axis=1)
        for j, col in enumerate(cols):
            xi, rest = x[:, j], total - x[:, j]
            sd = xi.std(ddof=1)
            r = math.nan
            if sd > 0 and rest.std(ddof=1) > 0:
                r = float(np.corrcoef(xi, rest)[0, 1])
            a_del = _alpha(np.delete(x, j, axis=1)) if len(cols) > 2 else math.nan
            flag = "constant" if not sd > 0 else "reverse" if r < 0 else "weak" if r < weak else ""
            rows.append({"scale": scale, "item": col, "mean": xi.mean(), "sd": sd, "item_rest_r": r,
                         "alpha_if_deleted": a_del, "flag": flag})
    return pd.DataFrame(rows)
