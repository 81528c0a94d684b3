"""Customer satisfaction: CSAT, NPS, weighted indices and key drivers.

SERVQUAL gaps and reliability (Cronbach's alpha, item analysis) live in :mod:`sqmkit.satisfaction.servqual`,
group and before/after comparisons and monthly trends in :mod:`sqmkit.satisfaction.compare`; both are
re-exported here, so ``from sqmkit import satisfaction`` gives the whole toolkit.

Every function takes the survey table first and keyword-only column names, and returns a tidy
DataFrame (one row even for a single statistic). Percentages are 0-100.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sqmkit._checks import as_list, check_choice, require_columns, require_frame
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import BLANK, message
from sqmkit.satisfaction._common import TABLE, Z95, check_not_empty, check_range, check_weights, group_keys, numeric

__all__ = [
    "csat", "nps", "weighted_index", "dimension_scores", "key_drivers", "derived_ipa",
    "SECTIONS", "GROUP_COLUMNS", "survey_frame", "survey_items", "dimension_weights", "measurable_items",
    "section_status", "scale_text", "low_score_cut",
]




def _aggregate(frame: pd.DataFrame, keys: list[str], spec: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Named aggregation overall (one row) or by ``keys`` (one row per group, sorted)."""
    if keys:
        out = frame.groupby(keys, dropna=True, observed=True, sort=True).agg(**spec).reset_index()
        blank = out[keys].eq(BLANK).any(axis=1)  # the blank group (labels.BLANK) is listed last
        out = pd.concat([out[~blank], out[blank]], ignore_index=True)
    else:
        out = frame.assign(_all=0).groupby("_all").agg(**spec).reset_index(drop=True)
    return out


# --------------------------------------------------------------------------- CSAT and NPS
def csat(data: pd.DataFrame, *, score: str, scale_max: float = 5, top_box: int = 2,
         by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Customer satisfaction on a rating scale: mean with 95 % CI and top-box share.

    Parameters
    ----------
    data : DataFrame
        The survey table, one row per respondent.
    score : str
        Column of ratings (e.g. ``overall`` on 1-5). Blank answers are left out.
    scale_max : float, default 5
        Highest point of the scale; larger values are an error.
    top_box : int, default 2
        Number of top scale points counted as satisfied (2 on 1-5: ratings 4 and 5).
    by : str or list of str, optional
        Group columns (channel, segment, period...).

    Returns
    -------
    DataFrame
        ``[by...], n, mean, sd, ci_low, ci_high, top_box_pct``; one row overall or per group.

    Notes
    -----
    ``top_box_pct`` = 100 x share of ratings > ``scale_max - top_box``. The CI of the mean is the
    t interval ``mean +/- t(0.975, n-1) sd / sqrt(n)`` (NaN when n < 2).

    References
    ----------
    Hayes, B. E. (2008). *Measuring Customer Satisfaction and Loyalty*, 3rd ed. ASQ Quality Press.

    Examples
    --------
    >>> df = pd.DataFrame({"overall": [5, 4, 3, 2, 5]})
    >>> csat(df, score="overall")[["n", "mean", "top_box_pct"]].to_dict("records")
    [{'n': 5, 'mean': 3.8, 'top_box_pct': 60.0}]
    """
    from scipy import stats

    require_frame(data, table=TABLE)
    keys = group_keys(data, by)
    require_columns(data, [score], table=TABLE, argument="score")
    values = numeric(data, score)
    check_range(values, score, low=-np.inf, high=scale_max)
    check_not_empty(values, score)
    if not (isinstance(top_box, (int, np.integer)) and top_box >= 1):
        raise DataValidationError(message("survey_bad_top_box", value=top_box))
    frame = data[keys].copy()
    frame["_v"] = values
    frame["_top"] = (values > scale_max - top_box).astype(float).where(values.notna())
    out = _aggregate(frame, keys, {"n": ("_v", "count"), "mean": ("_v", "mean"),
                                   "sd": ("_v", "std"), "top_box_pct": ("_top", "mean")})
    out["n"] = out["n"].astype(int)
    half = stats.t.ppf(0.975, (out["n"] - 1).clip(lower=1)) * out["sd"] / np.sqrt(out["n"])
    half = half.where(out["n"] >= 2)
    out["ci_low"] = out["mean"] - half
    out["ci_high"] = out["mean"] + half
    out["top_box_pct"] = out["top_box_pct"] * 100
    return out[keys + ["n", "mean", "sd", "ci_low", "ci_high", "top_box_pct"]]


def nps(data: pd.DataFrame, *, score: str, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Net Promoter Score with its standard error and 95 % confidence interval.

    Parameters
    ----------
    data : DataFrame
        The survey table.
    score : str
        Column of likelihood-to-recommend answers, whole numbers 0-10. Blanks are left out.
    by : str or list of str, optional
        Group columns.

    Returns
    -------
    DataFrame
        ``[by...], n, promoters_pct, passives_pct, detractors_pct, nps, se, ci_low, ci_high``.

    Notes
    -----
    Promoters answer 9-10, passives 7-8, detractors 0-6; ``nps = promoters_pct - detractors_pct``
    (-100 to 100). With p, d the promoter and detractor shares of n answers (multinomial sampling):

    ``se = 100 sqrt((p(1-p) + d(1-d) + 2pd) / n)``, ``ci = nps +/- 1.96 se`` (clipped to +/-100).

    References
    ----------
    Reichheld, F. F. (2003). The one number you need to grow. *Harvard Business Review* 81(12).
    Engelhardt, A. (2016). Net Promoter Score confidence intervals 2: maths and stats. CYBAEA.
    Rocks, B. (2016). Interval estimation for the Net Promoter Score. *The American Statistician*
    70(4), 365-372.

    Examples
    --------
    >>> df = pd.DataFrame({"nps": [10, 9, 8, 7, 6, 3]})
    >>> round(float(nps(df, score="nps")["nps"].iloc[0]), 2)
    0.0
    """
    require_frame(data, table=TABLE)
    keys = group_keys(data, by)
    require_columns(data, [score], table=TABLE, argument="score")
    values = numeric(data, score)
    check_range(values, score, low=0, high=10, integer=True)
    check_not_empty(values, score)
    frame = data[keys].copy()
    answered = values.notna()
    frame["_v"] = values
    frame["_p"] = (values >= 9).astype(float).where(answered)
    frame["_a"] = values.between(7, 8).astype(float).where(answered)
    frame["_d"] = (values <= 6).astype(float).where(answered)
    out = _aggregate(frame, keys, {"n": ("_v", "count"), "p": ("_p", "mean"),
                                   "a": ("_a", "mean"), "d": ("_d", "mean")})
    out["n"] = out["n"].astype(int)
    p, d = out.pop("p"), out.pop("d")
    out["promoters_pct"] = p * 100
    out["passives_pct"] = out.pop("a") * 100
    out["detractors_pct"] = d * 100
    out["nps"] = (p - d) * 100
    out["se"] = 100 * np.sqrt((p * (1 - p) + d * (1 - d) + 2 * p * d) / out["n"])
    out["ci_low"] = (out["nps"] - Z95 * out["se"]).clip(lower=-100)
    out["ci_high"] = (out["nps"] + Z95 * out["se"]).clip(upper=100)
    return out[keys + ["n", "promoters_pct", "passives_pct", "detractors_pct", "nps", "se",
                       "ci_low", "ci_high"]]


# --------------------------------------------------------------------------- weighted index
def weighted_index(data: pd.DataFrame, *, weights: Mapping[str, float], scale_min: float = 1,
                   scale_max: float = 5, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Weighted satisfaction index (CSI) on 0-100 from several rated columns.

    Parameters
    ----------
    data : DataFrame
        The survey table (or :func:`dimension_scores` output for an index of dimensions).
    weights : dict
        ``{column: weight}``, non-negative. If they do not sum to 1 they are rescaled (with a
        warning).
    scale_min, scale_max : float
        The rating scale of the columns.
    by : str or list of str, optional
        Group columns.

    Returns
    -------
    DataFrame
        ``[by...], n, score`` where ``n`` counts the rows with every weighted column answered.

    Notes
    -----
    ``score = sum_i w_i (mean_i - scale_min) / (scale_max - scale_min) x 100``, means over the
    rows used (listwise deletion), so 0 = everyone at the bottom, 100 = everyone at the top.

    References
    ----------
    Fornell, C. et al. (1996). The American Customer Satisfaction Index. *Journal of Marketing*
    60(4), 7-18 (0-100 index scaling).

    Examples
    --------
    >>> df = pd.DataFrame({"a": [5, 5], "b": [1, 3]})
    >>> float(weighted_index(df, weights={"a": 0.5, "b": 0.5})["score"].iloc[0])
    62.5
    """
    require_frame(data, table=TABLE)
    keys = group_keys(data, by)
    if not (scale_max > scale_min):
        raise DataValidationError(
            message("survey_scale_order", low=scale_min, high=scale_max))
    w = check_weights(weights, [str(c) for c in data.columns], argument="weights")
    cols = list(w)
    frame = data[keys].copy()
    for c in cols:
        v = numeric(data, c)
        check_range(v, c, low=scale_min, high=scale_max)
        frame[c] = v
    complete = frame[cols].notna().all(axis=1)
    if not complete.any():
        raise DataValidationError(
            message("survey_no_complete_row", table=TABLE, columns=cols), table=TABLE, column=cols[0])
    frame = frame[complete]
    scaled = sum(w[c] * (frame[c] - scale_min) for c in cols) / (scale_max - scale_min) * 100
    frame = frame[keys].assign(_s=scaled)
    out = _aggregate(frame, keys, {"n": ("_s", "count"), "score": ("_s", "mean")})
    out["n"] = out["n"].astype(int)
    return out[keys + ["n", "score"]]


def _item_dimensions(items: Any) -> dict[str, str]:
    """``{item: dimension}`` from a mapping of item -> dimension name or -> {dimension: ...}."""
    if not isinstance(items, Mapping) or not items:
        raise DataValidationError(
            message("survey_bad_items", items=items))
    out = {}
    for item, spec in items.items():
        dim = spec.get("dimension") if isinstance(spec, Mapping) else spec
        if dim is None or (isinstance(dim, float) and math.isnan(dim)) or str(dim) == "":
            raise DataValidationError(
                message("survey_item_no_dimension", item=item), column=str(item))
        out[str(item)] = str(dim)
    return out


def dimension_scores(data: pd.DataFrame, *, items: Mapping[str, Any]) -> pd.DataFrame:
    """Per-respondent dimension scores: the mean of each dimension's items.

    Parameters
    ----------
    data : DataFrame
        The survey table.
    items : dict
        ``{item: dimension}`` or sqmkit.yaml's ``survey.items``.

    Returns
    -------
    DataFrame
        The survey table's non-item columns plus one column per dimension (in first-appearance
        order) holding the mean of the respondent's answered items of that dimension.

    Examples
    --------
    >>> df = pd.DataFrame({"p1": [1, 3], "p2": [3, None]})
    >>> dimension_scores(df, items={"p1": "a", "p2": "a"})["a"].tolist()
    [2.0, 3.0]
    """
    require_frame(data, table=TABLE)
    mapping = _item_dimensions(items)
    require_columns(data, list(mapping), table=TABLE, argument="items")
    out = data.drop(columns=list(mapping))
    for dim in dict.fromkeys(mapping.values()):
        cols = [i for i, d in mapping.items() if d == dim]
        out[dim] = pd.concat([numeric(data, c) for c in cols], axis=1).mean(axis=1)
    return out


# --------------------------------------------------------------------------- key drivers
def key_drivers(data: pd.DataFrame, *, outcome: str, drivers: Sequence[str],
                method: str = "relative_weights") -> pd.DataFrame:
    """Importance of each driver for an outcome (e.g. overall satisfaction).

    Parameters
    ----------
    data : DataFrame
        The survey table; rows missing the outcome or any driver are left out (listwise).
    outcome : str
        The outcome column.
    drivers : list of str
        Driver columns (items or dimension scores), at least one.
    method : {"relative_weights", "correlation"}
        ``relative_weights`` (default): Johnson's (2000) relative weights; ``correlation``:
        squared correlations.

    Returns
    -------
    DataFrame
        One row per driver, in the given order: ``driver, r, importance, importance_pct, mean,
        n, r2``. ``r`` is the driver's correlation with the outcome, ``mean`` its mean
        performance (for a derived importance-performance chart), ``r2`` the model's R^2.

    Notes
    -----
    Relative weights: with R = Q diag(l) Q' the predictors' correlation matrix,
    Lambda = Q diag(sqrt(l)) Q' and r_xy the predictor-outcome correlations,
    beta = Lambda^-1 r_xy and the raw weight of driver j is eps_j = sum_k Lambda_jk^2 beta_k^2.
    The weights sum to the regression's R^2; ``importance_pct = eps_j / R^2 x 100``.
    Correlation method: ``importance = r^2``, ``importance_pct = r^2 / sum(r^2) x 100``.

    References
    ----------
    Johnson, J. W. (2000). A heuristic method for estimating the relative weight of predictor
    variables in multiple regression. *Multivariate Behavioral Research* 35(1), 1-19.
    Tonidandel, S. & LeBreton, J. M. (2011). Relative importance analysis. *Journal of Business
    and Psychology* 26, 1-9.
    """
    require_frame(data, table=TABLE)
    check_choice("method", method, ["relative_weights", "correlation"])
    drivers = as_list(drivers)
    if not drivers:
        raise DataValidationError(message("survey_no_drivers"))
    if outcome in drivers:
        raise DataValidationError(message("survey_outcome_in_drivers", outcome=outcome),
                                  column=outcome)
    require_columns(data, [outcome], table=TABLE, argument="outcome")
    require_columns(data, drivers, table=TABLE, argument="drivers")
    frame = pd.DataFrame({c: numeric(data, c) for c in [outcome, *drivers]}).dropna()
    n, k = len(frame), len(drivers)
    if n < k + 2:
        raise DataValidationError(
            message("survey_drivers_too_few_rows", n=n, table=TABLE, outcome=outcome, k=k), table=TABLE, column=outcome)
    sd = frame.std()
    constant = [c for c in frame.columns if not sd[c] > 0]
    if constant:
        raise DataValidationError(
            message("survey_drivers_constant", columns=constant, table=TABLE, n=n),
            table=TABLE, column=constant[0])
    corr = np.corrcoef(frame.to_numpy().T)
    rxy = corr[1:, 0]
    rxx = corr[1:, 1:]
    evals, evecs = np.linalg.eigh(rxx)
    if evals.min() <= 1e-10 * max(1.0, evals.max()):
        raise DataValidationError(
            message("survey_drivers_collinear", drivers=drivers),
            table=TABLE, column=drivers[0])
    lam = evecs @ np.diag(np.sqrt(evals)) @ evecs.T
    beta = np.linalg.solve(lam, rxy)
    raw = (lam ** 2) @ (beta ** 2)
    r2 = float(rxy @ np.linalg.solve(rxx, rxy))
    if method == "relative_weights":
        importance = raw
        pct = raw / r2 * 100 if r2 > 0 else np.full(k, np.nan)
    else:
        importance = rxy ** 2
        total = importance.sum()
        pct = importance / total * 100 if total > 0 else np.full(k, np.nan)
    return pd.DataFrame({
        "driver": drivers, "r": rxy, "importance": importance, "importance_pct": pct,
        "mean": frame[drivers].mean().to_numpy(), "n": n, "r2": r2,
    })


def derived_ipa(table: pd.DataFrame, *, crosshair: str = "data") -> pd.DataFrame:
    """Derived importance-performance quadrants from :func:`key_drivers` output.

    Parameters
    ----------
    table : DataFrame
        ``key_drivers`` output (columns ``driver, importance_pct, mean``).
    crosshair : {"data"}
        Cross-hairs at the mean importance and mean performance of the drivers.

    Returns
    -------
    DataFrame
        The table plus ``importance_cut, performance_cut, quadrant`` with quadrant in
        {"concentrate", "keep_up", "low_priority", "overkill"} (as ``sqmkit.needs``).

    Notes
    -----
    concentrate: importance >= cut and performance < cut; keep_up: both >= cut;
    low_priority: both < cut; overkill: importance < cut and performance >= cut.

    References
    ----------
    Martilla, J. A. & James, J. C. (1977). Importance-performance analysis. *Journal of
    Marketing* 41(1), 77-79.
    """
    check_choice("crosshair", crosshair, ["data"])
    require_columns(table, ["driver", "importance_pct", "mean"], table="key_drivers", argument="table")
    out = table.copy()
    icut, pcut = out["importance_pct"].mean(), out["mean"].mean()
    high_i, high_p = out["importance_pct"] >= icut, out["mean"] >= pcut
    out["importance_cut"], out["performance_cut"] = icut, pcut
    out["quadrant"] = np.select([high_i & ~high_p, high_i & high_p, ~high_i & ~high_p],
                                ["concentrate", "keep_up", "low_priority"], "overkill")
    return out


# --------------------------------------------------------------------------- what the survey supports
#: Sections of notebook 05, in order; :func:`section_status` says for each whether the survey supports it.
SECTIONS = ("csat", "nps", "groups", "trend", "index", "servqual", "servqual_phase", "reliability", "drivers",
            "before_after", "before_after_nps", "comments")
#: Optional grouping columns of the survey (a blank value is the group :data:`sqmkit.glossary.BLANK`).
GROUP_COLUMNS = ("channel", "segment")


def _survey_config(config: Mapping[str, Any] | None) -> dict[str, Any]:
    """sqmkit.yaml's ``survey`` section (``io.load_config(...)["survey"]``) with its defaults."""
    config = dict(config or {})
    if "survey" in config and isinstance(config["survey"], Mapping):  # the whole config was passed
        config = dict(config["survey"])
    overall = {"column": "overall", "min": 1.0, "max": 5.0, **(config.get("overall") or {})}
    return {"overall": overall, "nps": {"column": "nps", **(config.get("nps") or {})},
            "scale": {"min": 1.0, "max": 5.0, **(config.get("scale") or {})},
            "items": dict(config.get("items") or {}), "dimension_weights": dict(config.get("dimension_weights") or {})}


def survey_frame(data: pd.DataFrame, *, config: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """The survey table as the satisfaction analyses read it.

    The overall rating (``survey.overall.column`` of sqmkit.yaml), the recommendation score
    (``survey.nps.column``) and the item and expectation columns become numbers (a text that is not
    a number is an error naming the rows); a blank ``channel`` or ``segment`` is the group
    :data:`sqmkit.glossary.BLANK`. Columns the survey does not have stay absent.

    Examples
    --------
    >>> df = pd.DataFrame({"q_sat": ["9", "10"], "channel": ["app", None]})
    >>> out = survey_frame(df, config={"overall": {"column": "q_sat", "min": 0, "max": 10}})
    >>> out["q_sat"].tolist(), out["channel"].tolist()
    ([9.0, 10.0], ['app', '(blank)'])
    """
    from sqmkit._checks import code_blank_groups

    require_frame(data, table=TABLE)
    cfg = _survey_config(config)
    out = code_blank_groups(data, [c for c in GROUP_COLUMNS if c in data.columns])
    numbers = [cfg["overall"]["column"], cfg["nps"]["column"]]
    for item, spec in cfg["items"].items():
        numbers += [item, (spec or {}).get("expectation")]
    for column in dict.fromkeys(c for c in numbers if c and c in out.columns):
        out[column] = numeric(out, column)
    return out


def survey_items(config: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """The items of ``survey.items`` the dimension analyses can use: those with a ``dimension``.

    When only some items name an expectation column, none keeps it (SERVPERF: perceptions only),
    since a gap needs an expectation for every item; :func:`section_status` says so.

    Examples
    --------
    >>> survey_items({"items": {"p1": {"dimension": "a", "expectation": "e1"}, "p2": {"dimension": None}}})
    {'p1': {'dimension': 'a', 'expectation': 'e1'}}
    """
    items = {str(k): dict(v or {}) for k, v in _survey_config(config)["items"].items()}
    items = {k: v for k, v in items.items() if v.get("dimension") not in (None, "")}
    with_e = [k for k, v in items.items() if v.get("expectation")]
    if with_e and len(with_e) < len(items):
        items = {k: {**v, "expectation": None} for k, v in items.items()}
    return items


def dimension_weights(config: Mapping[str, Any] | None) -> dict[str, float]:
    """``survey.dimension_weights`` for the usable dimensions; equal weights (summing to 1) when none is given or all are 0."""
    dims = list(dict.fromkeys(str(v["dimension"]) for v in survey_items(config).values()))
    given = {str(k): float(v) for k, v in _survey_config(config)["dimension_weights"].items() if str(k) in dims}
    if not given or sum(given.values()) <= 0:
        return {d: 1.0 / len(dims) for d in dims}
    return given


def measurable_items(data: pd.DataFrame, *, items: Mapping[str, Any], min_items: int = 2,
                     min_rows: int = 2) -> dict[str, Any]:
    """The items of the dimensions whose reliability can be measured (Cronbach's alpha).

    A dimension qualifies with at least ``min_items`` items that at least ``min_rows`` respondents
    all answered; the others are left out (see :func:`section_status` for the note naming them).

    Examples
    --------
    >>> df = pd.DataFrame({"a1": [1, 2, 3], "a2": [2, 2, 4], "b1": [5, 4, 3]})
    >>> list(measurable_items(df, items={"a1": "a", "a2": "a", "b1": "b"}))
    ['a1', 'a2']
    """
    dims: dict[str, list[str]] = {}
    for item, spec in items.items():
        dim = spec.get("dimension") if isinstance(spec, Mapping) else spec
        dims.setdefault(str(dim), []).append(str(item))
    keep: list[str] = []
    for cols in dims.values():
        present = [c for c in cols if c in data.columns]
        if len(present) >= min_items and int(data[present].notna().all(axis=1).sum()) >= min_rows:
            keep += present
    return {k: v for k, v in items.items() if str(k) in keep}


def _note(key: str, lang: str, **fields: Any) -> str:
    from sqmkit.glossary import text

    return "> " + text(key, lang, **fields)


def _names(values: Sequence[Any]) -> str:
    return ", ".join(f"`{v}`" for v in values)


def section_status(data: pd.DataFrame | None, *, config: Mapping[str, Any] | None = None,
                   split: Any = None, lang: str = "zh") -> pd.DataFrame:
    """Which sections of notebook 05 the survey supports, and what to say where it does not.

    Parameters
    ----------
    data : DataFrame or None
        The survey as :func:`survey_frame` returns it; None when the workbook has no survey (every
        section is off, with no note: the notebook shows the missing-table note once).
    config : mapping
        sqmkit.yaml's ``survey`` section.
    split : date-like, optional
        The before/after split date (``intervention_date``).
    lang : {"zh", "en"}
        Language of the notes.

    Returns
    -------
    DataFrame
        One row per section of :data:`SECTIONS`: ``section``, ``ok`` (the section can be computed),
        ``note`` (a Markdown quote from the glossary: why it is skipped, or what it leaves out; ""
        when there is nothing to say).

    Notes
    -----
    What each section needs: csat the overall rating; nps the 0–10 recommendation column; groups a
    ``channel`` or ``segment`` column and a rating; trend answer dates; index, servqual, reliability
    and drivers item columns with a dimension (reliability two items per dimension, drivers two
    dimensions and more complete answers than dimensions + 1, none constant); servqual_phase and
    before_after dates, a split date and two rated answers on each side; comments a comment.
    """
    check_choice("lang", lang, ["zh", "en"])
    cfg = _survey_config(config)
    rows = {s: (False, "") for s in SECTIONS}
    if data is None:
        return pd.DataFrame([{"section": s, "ok": ok, "note": n} for s, (ok, n) in rows.items()])
    o_col, n_col = cfg["overall"]["column"], cfg["nps"]["column"]
    has_o = o_col in data.columns and data[o_col].notna().any()
    has_n = n_col in data.columns and data[n_col].notna().any()
    needs_o = _note("sat_needs_overall", lang, column=o_col)
    rows["csat"] = (has_o, "" if has_o else _note("sat_no_overall", lang, column=o_col))
    rows["nps"] = (has_n, "" if has_n else _note("sat_no_nps", lang, column=n_col))
    groups = [g for g in GROUP_COLUMNS if g in data.columns]
    absent = [g for g in GROUP_COLUMNS if g not in data.columns]
    if not groups:
        rows["groups"] = (False, _note("sat_no_groups", lang))
    elif not (has_o or has_n):
        rows["groups"] = (False, needs_o)
    else:
        rows["groups"] = (True, _note("sat_no_group_column", lang, columns=_names(absent)) if absent else "")

    dates = pd.to_datetime(data["date"], errors="coerce") if "date" in data.columns else pd.Series(pd.NaT, index=data.index)
    has_d = bool(dates.notna().any())
    no_date = _note("sat_no_date", lang)
    rows["trend"] = ((has_d and (has_o or has_n)), "" if has_d and (has_o or has_n) else (no_date if not has_d else needs_o))
    cut = pd.Timestamp(split).normalize() if split is not None and not pd.isna(split) else None

    def split_reason(score_ok: bool, values: pd.Series | None) -> str:
        if not has_d:
            return no_date
        if cut is None:
            return _note("sat_no_split", lang)
        if not score_ok:
            return needs_o
        answered = dates.notna() & (values.notna() if values is not None else True)
        before, after = int((answered & (dates < cut)).sum()), int((answered & (dates >= cut)).sum())
        if min(before, after) < 2:
            return _note("sat_split_too_few", lang, before=before, after=after, date=f"{cut:%Y-%m-%d}")
        return ""

    ba = split_reason(has_o, data[o_col] if has_o else None)
    rows["before_after"] = (ba == "", ba)
    rows["before_after_nps"] = (ba == "" and has_n and split_reason(True, data[n_col]) == "", "")

    items = survey_items(cfg)
    raw_items = cfg["items"]
    no_items = _note("survey_no_items", lang)
    if not items:
        for s in ("index", "servqual", "servqual_phase", "reliability", "drivers"):
            rows[s] = (False, no_items if s == "index" else _note("sat_needs_items", lang))
    else:
        dims = list(dict.fromkeys(str(v["dimension"]) for v in items.values()))
        notes = []
        undimensioned = [k for k in raw_items if k not in items]
        if undimensioned:
            notes.append(_note("sat_items_no_dimension", lang, items=_names(undimensioned)))
        given = cfg["dimension_weights"]
        if given and sum(float(v) for k, v in given.items() if k in dims) <= 0:
            notes.append(_note("sat_weights_zero", lang))
        scores = dimension_scores(data, items=items)
        complete = int(scores[dims].notna().all(axis=1).sum())
        rows["index"] = (complete > 0, "\n\n".join(notes) if complete else _note("sat_items_blank", lang))
        mixed = any(v.get("expectation") for v in raw_items.values()) and not any(v.get("expectation") for v in items.values())
        rows["servqual"] = (complete > 0, _note("sat_servperf_mixed", lang) if mixed else "")
        phase = split_reason(True, None)
        rows["servqual_phase"] = (complete > 0 and phase == "", phase)
        kept = measurable_items(data, items=items)
        kept_dims = list(dict.fromkeys(str(v["dimension"]) for v in kept.values()))
        lost = [d for d in dims if d not in kept_dims]
        rows["reliability"] = (bool(kept), _note("sat_alpha_not_measurable", lang, dimensions=_names(lost)) if lost else "")
        drivers = list(dimension_weights(cfg))
        if not has_o:
            rows["drivers"] = (False, needs_o)
        elif len(drivers) < 2:
            rows["drivers"] = (False, _note("sat_drivers_one", lang, dimension=_names(drivers)))
        else:
            frame = scores.assign(_o=data[o_col])[["_o", *drivers]].dropna()
            constant = [c for c in drivers if not frame[c].std() > 0] + ([o_col] if not frame["_o"].std() > 0 else [])
            if len(frame) < len(drivers) + 2:
                rows["drivers"] = (False, _note("sat_drivers_too_few", lang, n=len(frame), k=len(drivers)))
            elif constant:
                rows["drivers"] = (False, _note("sat_drivers_constant", lang, columns=_names(constant)))
            else:
                try:
                    key_drivers(scores.assign(**{o_col: data[o_col]}), outcome=o_col, drivers=drivers)
                    rows["drivers"] = (True, "")
                except DataValidationError:
                    rows["drivers"] = (False, _note("sat_drivers_constant", lang, columns=_names(drivers)))
    has_c = "comment" in data.columns and data["comment"].map(lambda v: isinstance(v, str) and bool(v.strip())).any()
    rows["comments"] = (bool(has_c), "" if has_c else _note("sat_no_comments", lang))
    return pd.DataFrame([{"section": s, "ok": bool(ok), "note": n} for s, (ok, n) in rows.items()])


def low_score_cut(config: Mapping[str, Any] | None, low_score_max: float | None = None) -> float:
    """The highest overall rating counted as an unhappy customer's.

    ``low_score_max`` when it lies on the overall scale (``survey.overall`` min–max); otherwise
    (None, or a value below the scale's minimum such as -1) the largest whole rating below the
    middle of the scale: 2 on 1–5, 3 on 1–7, 4 on 0–10.

    Examples
    --------
    >>> low_score_cut({"overall": {"min": 0, "max": 10}}), low_score_cut({}), low_score_cut({}, 3)
    (4.0, 2.0, 3.0)
    """
    overall = _survey_config(config)["overall"]
    low, high = float(overall["min"]), float(overall["max"])
    if low_score_max is not None and not pd.isna(low_score_max) and low <= float(low_score_max) <= high:
        return float(low_score_max)
    return float(math.ceil((low + high) / 2) - 1)


def scale_text(config: Mapping[str, Any] | None, lang: str = "zh", *, top_box: int = 2) -> str:
    """A sentence saying the overall scale and what counts as top box, e.g. "… 9–10 on the 0–10 scale".

    Examples
    --------
    >>> scale_text({"overall": {"column": "q1", "min": 0, "max": 10}}, "en")
    'Overall rating `q1` on a 0–10 scale; top box (satisfied) = ratings of 9 or more (the top 2 points).'
    """
    from sqmkit.glossary import text

    overall = _survey_config(config)["overall"]
    return text("sat_scale", lang, column=overall["column"], low=f"{float(overall['min']):g}",
                high=f"{float(overall['max']):g}", first=f"{float(overall['max']) - top_box + 1:g}", points=top_box)
