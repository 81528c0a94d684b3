"""Comparisons of satisfaction: between groups, before vs after a date, and monthly trends.

Re-exported by :mod:`sqmkit.satisfaction`.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from sqmkit._checks import check_choice, require_columns, require_frame
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import BLANK, message
from sqmkit.satisfaction._common import TABLE, Z95, check_not_empty, check_range, numeric
from sqmkit.stats import mann_whitney

__all__ = ["compare_groups", "group_test", "join_by_group", "lowest_group", "before_after", "monthly_trend"]


def compare_groups(data: pd.DataFrame, *, score: str, group: str) -> pd.DataFrame:
    """Do ratings differ between groups (channels, segments...)? A rank test with an effect size.

    Parameters
    ----------
    data : DataFrame
        The survey table; rows with a blank score or group are left out.
    score : str
        The rating column.
    group : str
        The group column; 2 groups give a Mann-Whitney test, 3 or more a Kruskal-Wallis test.

    Returns
    -------
    DataFrame
        One row: ``test, statistic, df, p_value, effect_size, effect_size_name, n, groups``.

    Notes
    -----
    Kruskal-Wallis H (tie-corrected, as R's ``kruskal.test``), df = groups - 1; effect size
    epsilon^2 = H / ((n^2 - 1) / (n + 1)) (0 = no difference, 1 = groups fully separated).
    Mann-Whitney U of the first group (groups in sorted order), two-sided, by
    :func:`sqmkit.stats.mann_whitney`: exact p when both groups have fewer than 50 ratings and no
    ties, else the normal approximation with continuity and tie correction (as R's ``wilcox.test``). Effect size: rank-biserial r = 2U / (n1 n2) - 1,
    positive when the first group tends to rate higher.

    References
    ----------
    Hollander, M. & Wolfe, D. A. (1973). *Nonparametric Statistical Methods*. Wiley.
    Tomczak, M. & Tomczak, E. (2014). The need to report effect size estimates revisited.
    *Trends in Sport Sciences* 1(21), 19-25 (epsilon^2).
    Kerby, D. S. (2014). The simple difference formula: an approach to teaching nonparametric
    correlation. *Comprehensive Psychology* 3, 11.IT.3.1 (rank-biserial r).
    """
    from scipy import stats

    require_frame(data, table=TABLE)
    require_columns(data, [score], table=TABLE, argument="score")
    require_columns(data, [group], table=TABLE, argument="group")
    values = numeric(data, score)
    frame = pd.DataFrame({"v": values, "g": data[group]}).dropna()
    samples = {k: g["v"].to_numpy() for k, g in frame.groupby("g", sort=True, observed=True)}
    if len(samples) < 2:
        raise DataValidationError(
            message("survey_too_few_groups", group=group, table=TABLE, n=len(samples), score=score, groups=list(samples)), table=TABLE, column=group)
    small = [k for k, v in samples.items() if len(v) < 2]
    if small:
        raise DataValidationError(
            message("survey_small_groups", groups=small, group=group, score=score), table=TABLE, column=group)
    allv = frame["v"].to_numpy()
    n = len(allv)
    if np.ptp(allv) == 0:
        raise DataValidationError(
            message("survey_all_same", score=score, value=allv[0]), table=TABLE, column=score)
    names = list(samples)
    if len(samples) == 2:
        res = mann_whitney(samples[names[0]], samples[names[1]])
        return pd.DataFrame([{"test": "mann_whitney", "statistic": res["u"], "df": np.nan,
                              "p_value": res["p_value"], "effect_size": res["rank_biserial"],
                              "effect_size_name": "rank_biserial", "n": n, "groups": len(samples)}])
    h, p = stats.kruskal(*samples.values())
    return pd.DataFrame([{"test": "kruskal_wallis", "statistic": float(h), "df": float(len(samples) - 1),
                          "p_value": float(p), "effect_size": float(h) / ((n ** 2 - 1) / (n + 1)),
                          "effect_size_name": "epsilon_squared", "n": n, "groups": len(samples)}])


_TEST_COLUMNS = ["test", "statistic", "df", "p_value", "effect_size", "effect_size_name", "n", "groups"]


def group_test(data: pd.DataFrame, *, score: str, group: str, min_n: int = 2) -> pd.DataFrame:
    """:func:`compare_groups` over the groups with at least ``min_n`` answers, or no row when it cannot run.

    The rank test needs two groups of ``min_n``+ answers and answers that are not all equal; a
    group column with one usable group (or one rating value) gives an empty table with the same
    columns, so a notebook can say "no test" instead of failing.

    Examples
    --------
    >>> df = pd.DataFrame({"overall": [4, 5, 3, 2], "channel": ["a", "a", "b", "c"]})
    >>> len(group_test(df, score="overall", group="channel"))
    0
    """
    require_frame(data, table=TABLE)
    require_columns(data, [score, group], table=TABLE, argument="score/group")
    values = numeric(data, score)
    answered = values.notna() & data[group].notna()
    counts = data.loc[answered, group].value_counts()
    usable = data[group].isin(counts.index[counts >= min_n]) & answered
    if (counts >= min_n).sum() < 2 or values[usable].nunique() < 2:
        return pd.DataFrame(columns=_TEST_COLUMNS)
    return compare_groups(data[usable], score=score, group=group)


def join_by_group(csat_table: pd.DataFrame | None, nps_table: pd.DataFrame | None, *, group: str) -> pd.DataFrame:
    """One table per group from :func:`csat` and :func:`nps` ``by=group`` (either may be None).

    NPS columns that CSAT also has get the suffix ``_nps`` (``n_nps``, ``ci_low_nps`` …).
    """
    tables = [t for t in (csat_table, nps_table) if t is not None]
    if not tables:
        return pd.DataFrame(columns=[group])
    if len(tables) == 1:
        return tables[0].copy()
    return csat_table.merge(nps_table, on=group, how="left", suffixes=("", "_nps"))  # keeps the order of csat_table


def lowest_group(table: pd.DataFrame, *, group: str, value: str = "top_box_pct", min_n: int = 2) -> pd.DataFrame:
    """The group with the lowest ``value`` among the groups with at least ``min_n`` answers.

    No row when fewer than two groups qualify: with one group there is no "lowest". The blank group
    (:data:`sqmkit.glossary.BLANK`, no channel given) is never named.

    Examples
    --------
    >>> t = pd.DataFrame({"channel": ["a", "b", "c"], "n": [10, 1, 8], "top_box_pct": [50.0, 0.0, 70.0]})
    >>> lowest_group(t, group="channel")["channel"].tolist()
    ['a']
    """
    require_columns(table, [group, value, "n"], table="csat", argument="table")
    usable = table[(table["n"] >= min_n) & table[value].notna() & table[group].ne(BLANK).fillna(True)]
    if len(usable) < 2:
        return table.iloc[:0]
    return usable.sort_values(value, kind="stable").head(1)


def _split(data: pd.DataFrame, date: str, split) -> tuple[pd.Series, pd.Timestamp]:
    require_columns(data, [date], table=TABLE, argument="date")
    dates = pd.to_datetime(data[date], errors="coerce")
    bad = dates.isna() & data[date].notna()
    if bad.any():
        raise DataValidationError(
            message("survey_not_dates", column=date, table=TABLE, rows=data.index[bad].tolist()[:10], values=data.loc[bad, date].tolist()[:10]),
            table=TABLE, column=date)
    try:
        cut = pd.Timestamp(split).normalize()
    except (TypeError, ValueError):
        raise DataValidationError(message("survey_bad_split", value=split)) from None
    return dates.dt.normalize(), cut


def before_after(data: pd.DataFrame, *, score: str, date: str, split: str | pd.Timestamp, scale_max: float = 5,
                 top_box: int = 2, level: float = 0.95) -> pd.DataFrame:
    """Did satisfaction change after a date (an improvement action)? Means and top-box shares.

    Parameters
    ----------
    data : DataFrame
        The survey table.
    score : str
        The rating column.
    date : str
        The date column; ratings dated before ``split`` form "before", on/after it "after"
        (whole days).
    split : date-like
        The intervention date (sqmkit.yaml ``intervention_date``).
    scale_max, top_box : as :func:`sqmkit.satisfaction.csat`
        Top box = ratings > scale_max - top_box (for NPS answers use scale_max=10, top_box=2:
        promoters).
    level : float, default 0.95
        Confidence level of the intervals.

    Returns
    -------
    DataFrame
        Two rows, ``measure`` "mean" and "top_box_pct": ``measure, n_before, n_after, before,
        after, difference, ci_low, ci_high, statistic, df, p_value, test, effect_size,
        effect_size_name``; difference = after - before (percentage points for top box). The effect
        size is Cohen's d of the means (``cohens_d``, the difference over the pooled standard
        deviation) and Cohen's h of the shares (``cohens_h``, 2 asin sqrt(p2) - 2 asin sqrt(p1)); both
        are positive when "after" is higher.

    Notes
    -----
    Means: Welch's t test, t = (m2 - m1) / sqrt(s1^2/n1 + s2^2/n2), Welch-Satterthwaite df, CI
    difference +/- t(df) x SE. Top box: two-proportion z test with pooled p,
    z = (p2 - p1) / sqrt(p(1-p)(1/n1 + 1/n2)); CI (Wald, unpooled)
    (p2 - p1) +/- z x sqrt(p1(1-p1)/n1 + p2(1-p2)/n2). Cohen's d = (m2 - m1) / s_pooled,
    s_pooled^2 = ((n1-1) s1^2 + (n2-1) s2^2) / (n1 + n2 - 2); NaN when both sides are constant.

    References
    ----------
    Welch, B. L. (1947). The generalization of "Student's" problem when several different
    population variances are involved. *Biometrika* 34, 28-35.
    Agresti, A. (2013). *Categorical Data Analysis*, 3rd ed., section 3.1 (two proportions).
    Cohen, J. (1988). *Statistical Power Analysis for the Behavioral Sciences*, 2nd ed., ch. 2 (d)
    and ch. 6 (h).
    """
    from scipy import stats

    require_frame(data, table=TABLE)
    require_columns(data, [score], table=TABLE, argument="score")
    values = numeric(data, score)
    check_range(values, score, low=-np.inf, high=scale_max)
    check_not_empty(values, score)
    dates, cut = _split(data, date, split)
    ok = values.notna() & dates.notna()
    before, after = values[ok & (dates < cut)].to_numpy(), values[ok & (dates >= cut)].to_numpy()
    for name, part in (("before", before), ("after", after)):
        if len(part) < 2:
            raise DataValidationError(
                message("survey_split_side_too_few", n=len(part), score=score, side=message(f'survey_side_{name}'), date=cut.date(), column=date),
                table=TABLE, column=date)
    n1, n2 = len(before), len(after)
    m1, m2 = before.mean(), after.mean()
    v1, v2 = before.var(ddof=1) / n1, after.var(ddof=1) / n2
    se = math.sqrt(v1 + v2)
    if se > 0:
        df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1))
        t = (m2 - m1) / se
        half = stats.t.ppf(0.5 + level / 2, df) * se
        p = 2 * stats.t.sf(abs(t), df)
    else:
        df = t = half = p = math.nan
    pooled_var = ((n1 - 1) * before.var(ddof=1) + (n2 - 1) * after.var(ddof=1)) / (n1 + n2 - 2)
    d = (m2 - m1) / math.sqrt(pooled_var) if pooled_var > 0 else math.nan
    mean_row = {"measure": "mean", "n_before": n1, "n_after": n2, "before": m1, "after": m2,
                "difference": m2 - m1, "ci_low": m2 - m1 - half, "ci_high": m2 - m1 + half,
                "statistic": t, "df": df, "p_value": p, "test": "welch_t",
                "effect_size": d, "effect_size_name": "cohens_d"}
    threshold = scale_max - top_box
    x1, x2 = float((before > threshold).sum()), float((after > threshold).sum())
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    se0 = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = (p2 - p1) / se0 if se0 > 0 else math.nan
    pz = 2 * stats.norm.sf(abs(z)) if se0 > 0 else math.nan
    se1 = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    zq = stats.norm.ppf(0.5 + level / 2) if level != 0.95 else Z95
    prop_row = {"measure": "top_box_pct", "n_before": n1, "n_after": n2, "before": p1 * 100,
                "after": p2 * 100, "difference": (p2 - p1) * 100, "ci_low": (p2 - p1 - zq * se1) * 100,
                "ci_high": (p2 - p1 + zq * se1) * 100, "statistic": z, "df": np.nan, "p_value": pz,
                "test": "two_proportion_z", "effect_size": 2 * math.asin(math.sqrt(p2)) - 2 * math.asin(math.sqrt(p1)),
                "effect_size_name": "cohens_h"}
    return pd.DataFrame([mean_row, prop_row])


def monthly_trend(data: pd.DataFrame, *, score: str, date: str, statistic: str = "mean",
                  freq: str = "MS", scale_max: float = 5, top_box: int = 2) -> pd.DataFrame:
    """A satisfaction statistic per period (month by default) with its 95 % confidence interval.

    Parameters
    ----------
    data : DataFrame
        The survey table.
    score, date : str
        The rating and date columns.
    statistic : {"mean", "top_box_pct", "nps"}
        What to follow: the mean rating, the top-box share (as :func:`csat`) or the NPS (score
        0-10, as :func:`nps`).
    freq : str, default "MS"
        A pandas offset alias ("MS" months, "W" weeks, "QS" quarters); periods are labelled by
        their start.

    Returns
    -------
    DataFrame
        ``period, n, value, se, ci_low, ci_high, statistic``; periods without answers are left out.

    Notes
    -----
    mean: t interval; top_box_pct: Wald interval 100(p +/- 1.96 sqrt(p(1-p)/n)); nps: as
    :func:`nps`. Intervals are clipped to the statistic's range for proportions.
    """
    from scipy import stats

    require_frame(data, table=TABLE)
    check_choice("statistic", statistic, ["mean", "top_box_pct", "nps"])
    require_columns(data, [score], table=TABLE, argument="score")
    values = numeric(data, score)
    if statistic == "nps":
        check_range(values, score, low=0, high=10, integer=True)
    else:
        check_range(values, score, low=-np.inf, high=scale_max)
    check_not_empty(values, score)
    dates, _ = _split(data, date, "2000-01-01")
    frame = pd.DataFrame({"d": dates, "v": values}).dropna()
    if statistic == "nps":
        frame["x"] = (frame["v"] >= 9).astype(float) - (frame["v"] <= 6).astype(float)
    elif statistic == "top_box_pct":
        frame["x"] = (frame["v"] > scale_max - top_box).astype(float)
    else:
        frame["x"] = frame["v"]
    try:
        grouped = frame.groupby(pd.Grouper(key="d", freq=freq))
    except ValueError:
        raise DataValidationError(
            message("survey_bad_freq", value=freq)) from None
    out = grouped["x"].agg(["count", "mean", "var"]).reset_index()
    out = out[out["count"] > 0].rename(columns={"d": "period", "count": "n", "mean": "value"})
    n = out["n"].astype(int)
    if statistic == "mean":
        out["se"] = np.sqrt(out["var"] / n)
        half = stats.t.ppf(0.975, (n - 1).clip(lower=1)) * out["se"]
        lo, hi = out["value"] - half, out["value"] + half
        lo, hi = lo.where(n >= 2), hi.where(n >= 2)
    else:
        # variance of the +1/0/-1 (or 1/0) indicator with divisor n: p(1-p) for a share,
        # p + d - (p - d)^2 for NPS (the multinomial formula of sqmkit.satisfaction.nps)
        var_n = out["var"].fillna(0) * (n - 1) / n
        out["value"] *= 100
        out["se"] = 100 * np.sqrt(var_n / n)
        lo = out["value"] - Z95 * out["se"]
        hi = out["value"] + Z95 * out["se"]
        lo = lo.clip(lower=-100 if statistic == "nps" else 0)
        hi = hi.clip(upper=100)
    out["n"] = n
    out["ci_low"], out["ci_high"] = lo, hi
    out["statistic"] = statistic
    return out[["period", "n", "value", "se", "ci_low", "ci_high", "statistic"]].reset_index(drop=True)
