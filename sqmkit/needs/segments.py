"""Customer segments: profiles by given attributes, k-means clusters of need ratings, customer tiers.

Split from :mod:`sqmkit.needs` (which re-exports every name here, so ``sqmkit.needs.cluster_segments``
keeps working). Every function takes a DataFrame first and keyword-only column names, and returns a
tidy DataFrame:

- :func:`segment_profile` — size, share and mean values of segments given by attributes;
- :func:`rating_matrix`, :func:`choose_k`, :func:`cluster_segments`, :func:`cluster_profile`,
  :func:`structure_strength` — k-means segments of need ratings with a silhouette-chosen k;
- :func:`survey_segments` — the survey's segments with the mean overall rating (95 % CI), the mean
  likelihood to recommend (0–10) and the real NPS (promoters % − detractors %, 95 % CI);
- :func:`customer_tiers`, :func:`workbook_tiers` — new, regular, VIP and strategic customers from value
  and history.

A blank segment is its own group (:data:`sqmkit.glossary.BLANK`), as in every step that groups by
channel, segment, category….
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from sqmkit._checks import argument_error, as_list, code_blank_groups, require_columns
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import BLANK

__all__ = [
    "segment_profile", "survey_segments", "rating_matrix", "choose_k", "cluster_segments", "cluster_profile",
    "structure_strength", "cluster_top_needs", "customer_tiers", "workbook_tiers", "TIER_VALUE_COLUMNS",
]

#: Columns of a ticket log that :func:`workbook_tiers` reads as the customer's value, first found wins.
TIER_VALUE_COLUMNS: tuple[str, ...] = ("revenue", "value", "arpu")




def segment_profile(data: pd.DataFrame, *, by: str | Sequence[str], values: str | Sequence[str],
                    table: str = "survey") -> pd.DataFrame:
    """Profile segments given by attributes: size, share and the mean of each value column.

    Returns ``[by…], n, pct, <value>…`` (one row per segment, largest first; ``pct`` 0–100 of all
    rows; a blank segment is its own group :data:`~sqmkit.glossary.BLANK`; each value's mean skips
    blanks).

    Examples
    --------
    >>> df = pd.DataFrame({"seg": ["a", "a", "b"], "overall": [4, 2, 5]})
    >>> segment_profile(df, by="seg", values="overall").round(1)
      seg  n   pct  overall
    0   a  2  66.7      3.0
    1   b  1  33.3      5.0
    >>> segment_profile(pd.DataFrame({"seg": ["a", None]}), by="seg", values=[])["seg"].tolist()
    ['a', '(blank)']
    """
    by_cols, value_cols = as_list(by), as_list(values)
    require_columns(data, [*by_cols, *value_cols], table=table)
    frame = code_blank_groups(data[by_cols], by_cols)
    for col in value_cols:
        frame[col] = pd.to_numeric(data[col], errors="coerce")
    grouped = frame.groupby(by_cols, sort=True)
    out = grouped.size().rename("n").to_frame()
    out["pct"] = out["n"] / out["n"].sum() * 100.0
    out = out.join(grouped[value_cols].mean()) if value_cols else out
    out = out.reset_index()
    out["_blank"] = out[by_cols].eq(BLANK).any(axis=1)  # among equal sizes the blank group comes last
    out = out.sort_values(["n", "_blank"], ascending=[False, True], kind="stable").drop(columns="_blank")
    out = out.reset_index(drop=True)
    out["n"] = out["n"].astype("int64")
    return out


def _mean_ci(values: pd.Series, groups: pd.Series, conf: float = 0.95) -> pd.DataFrame:
    """Per group: mean and the t-interval mean ± t(1 − α/2, n − 1) · sd / √n (NaN below 2 answers)."""
    from scipy import stats

    grouped = values.groupby(groups, sort=False)
    out = pd.DataFrame({"mean": grouped.mean(), "sd": grouped.std(ddof=1), "n": grouped.count()})
    half = stats.t.ppf(0.5 + conf / 2, out["n"] - 1) * out["sd"] / np.sqrt(out["n"])
    half = half.where(out["n"] >= 2)
    return pd.DataFrame({"mean": out["mean"], "ci_low": out["mean"] - half, "ci_high": out["mean"] + half})


def survey_segments(survey: pd.DataFrame, *, by: str = "segment", overall: str | None = None,
                    recommend: str | None = None, table: str = "survey") -> pd.DataFrame:
    """The survey's segments: size, mean overall rating with its 95 % CI, mean recommend score and NPS.

    Parameters
    ----------
    survey : DataFrame
        The survey table.
    by : str
        The segment column.
    overall : str, optional
        Column of the overall rating (Likert); None or absent: its columns are NaN.
    recommend : str, optional
        Column of the likelihood to recommend (whole numbers 0–10); None or absent: its columns are NaN.

    Returns
    -------
    DataFrame
        ``segment, n, pct, overall_rating, overall_ci_low, overall_ci_high, nps_mean, nps, nps_ci_low,
        nps_ci_high`` — one row per segment, largest first (as :func:`segment_profile`; the first column
        keeps the name passed as ``by``; a blank segment is :data:`~sqmkit.glossary.BLANK`).
        ``overall_rating`` is the mean overall rating, ``nps_mean`` the mean 0–10 answer (not an NPS),
        ``nps`` the Net Promoter Score of the segment (promoters % − detractors %, with the CI of
        :func:`sqmkit.satisfaction.nps`), the same figure page 05 shows.

    Notes
    -----
    The CI of a mean is Student's t-interval, mean ± t(0.975, n − 1) · sd / √n (R's ``t.test``);
    NaN for a segment with fewer than two answers.

    Examples
    --------
    >>> df = pd.DataFrame({"segment": ["a"] * 5, "overall": [1, 2, 3, 4, 5], "nps": [10, 9, 8, 3, 0]})
    >>> survey_segments(df, overall="overall", recommend="nps")[["overall_ci_low", "nps_mean", "nps"]].round(3)
       overall_ci_low  nps_mean  nps
    0           1.037       6.0  0.0
    """
    from sqmkit.satisfaction import nps as net_promoter

    present = [c for c in (overall, recommend) if c and c in survey.columns]
    out = segment_profile(survey, by=by, values=[], table=table)
    groups = code_blank_groups(survey[[by]], [by])[by]
    for name, prefix in ((overall, "overall"), (recommend, "nps")):
        values = pd.to_numeric(survey[name], errors="coerce") if name in present else None
        if values is None:
            ci = pd.DataFrame(np.nan, index=out[by], columns=["mean", "ci_low", "ci_high"])
        else:
            ci = _mean_ci(values, groups).reindex(out[by])
        if prefix == "overall":
            out["overall_rating"] = ci["mean"].to_numpy()
            out["overall_ci_low"], out["overall_ci_high"] = ci["ci_low"].to_numpy(), ci["ci_high"].to_numpy()
        else:
            out["nps_mean"] = ci["mean"].to_numpy()
    out["nps"] = out["nps_ci_low"] = out["nps_ci_high"] = np.nan
    if recommend in present and pd.to_numeric(survey[recommend], errors="coerce").notna().any():
        frame = survey[[recommend]].assign(**{by: groups.to_numpy()})
        scores = net_promoter(frame, score=recommend, by=by).set_index(by).reindex(out[by])
        out["nps"], out["nps_ci_low"], out["nps_ci_high"] = (scores[c].to_numpy() for c in ("nps", "ci_low", "ci_high"))
    return out


def rating_matrix(ratings: pd.DataFrame, *, respondent: str = "respondent_id", item: str = "need_id",
                  value: str = "importance", table: str = "needs_ratings") -> pd.DataFrame:
    """Pivot long ratings into a respondent × item matrix; a blank cell gets the item's mean.

    A respondent who rated an item twice gets the mean of the two ratings.
    """
    require_columns(ratings, [respondent, item, value], table=table)
    frame = pd.DataFrame({"r": ratings[respondent], "i": ratings[item],
                          "v": pd.to_numeric(ratings[value], errors="coerce")}).dropna(subset=["r", "i"])
    wide = frame.pivot_table(index="r", columns="i", values="v", aggfunc="mean", sort=False)
    wide = wide.loc[:, wide.notna().any()]
    wide = wide.fillna(wide.mean())
    wide.index.name, wide.columns.name = respondent, None
    return wide


def choose_k(ratings: pd.DataFrame, *, respondent: str = "respondent_id", item: str = "need_id",
             value: str = "importance", k_values: Sequence[int] = (2, 3, 4, 5, 6),
             random_state: int = 0, table: str = "needs_ratings") -> pd.DataFrame:
    """Mean silhouette width of k-means solutions for each k (higher = better separated segments).

    Returns ``clusters, silhouette, inertia, chosen`` — ``clusters`` is the number of segments k of
    the solution (named apart from Cronbach's item count ``k``); ``chosen`` marks the highest
    silhouette (ties take the smaller k).

    Notes
    -----
    Silhouette s(i) = (b − a) / max(a, b) with a the mean distance to the own cluster and b to the
    nearest other cluster (Rousseeuw 1987); sklearn's ``silhouette_score`` on the rating matrix.
    k-means uses ``n_init=10`` and ``random_state`` so runs repeat exactly.
    """
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    matrix = rating_matrix(ratings, respondent=respondent, item=item, value=value, table=table)
    usable = [k for k in k_values if 2 <= k < len(matrix)]
    if not usable:
        raise DataValidationError(
            f"Table `{table}`: {len(matrix)} respondents are too few for k-means with k in {list(k_values)}. "
            f"Fix: collect ratings from more respondents (at least k + 1).", table=table)
    rows = []
    for k in usable:
        km = KMeans(n_clusters=k, n_init=10, random_state=random_state).fit(matrix.to_numpy())
        if len(set(km.labels_)) < 2:
            sil = np.nan
        else:
            sil = float(silhouette_score(matrix.to_numpy(), km.labels_))
        rows.append({"clusters": k, "silhouette": sil, "inertia": float(km.inertia_)})
    out = pd.DataFrame(rows)
    best = out["silhouette"].idxmax() if out["silhouette"].notna().any() else 0
    out["chosen"] = out.index == best
    return out


def structure_strength(silhouette: float, *, strong: float = 0.70, reasonable: float = 0.50,
                       weak: float = 0.25) -> str:
    """Kaufman & Rousseeuw's (1990) reading of a mean silhouette width.

    ``"strong"`` (> ``strong``, 0.70), ``"reasonable"`` (> ``reasonable``, 0.50), ``"weak"``
    (> ``weak``, 0.25; could be artificial), else ``"none"`` (no substantial structure); NaN gives
    ``"none"``.

    References
    ----------
    Kaufman, L., Rousseeuw, P. J. (1990). Finding Groups in Data. Wiley, ch. 2.

    Examples
    --------
    >>> structure_strength(0.16), structure_strength(0.6)
    ('none', 'reasonable')
    """
    if silhouette is None or not np.isfinite(silhouette):
        return "none"
    if silhouette > strong:
        return "strong"
    if silhouette > reasonable:
        return "reasonable"
    if silhouette > weak:
        return "weak"
    return "none"


def cluster_segments(ratings: pd.DataFrame, *, k: int | None = None, respondent: str = "respondent_id",
                     item: str = "need_id", value: str = "importance",
                     k_values: Sequence[int] = (2, 3, 4, 5, 6), random_state: int = 0,
                     table: str = "needs_ratings") -> pd.DataFrame:
    """Segment respondents by their need ratings with k-means.

    Parameters
    ----------
    ratings : DataFrame
        Long ratings, one row per respondent × need (``needs_ratings``).
    k : int, optional
        Number of segments; ``None`` picks the k in ``k_values`` with the highest mean silhouette
        (:func:`choose_k`).

    Returns
    -------
    DataFrame
        ``respondent, segment, clusters, silhouette`` — one row per respondent (the column keeps the
        name passed as ``respondent``); ``segment`` 1…k numbered by size, largest first; ``clusters``
        is k; ``silhouette`` is the mean silhouette width of the solution.

    References
    ----------
    Rousseeuw, P. J. (1987). Silhouettes: a graphical aid to the interpretation and validation of
    cluster analysis. Journal of Computational and Applied Mathematics, 20, 53–65.
    """
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    matrix = rating_matrix(ratings, respondent=respondent, item=item, value=value, table=table)
    if k is None:
        k = int(choose_k(ratings, respondent=respondent, item=item, value=value, k_values=k_values,
                         random_state=random_state, table=table).query("chosen")["clusters"].iloc[0])
    if not isinstance(k, (int, np.integer)) or not 2 <= k < len(matrix):
        raise DataValidationError(
            f"Table `{table}`: k must be a whole number from 2 to {len(matrix) - 1} (respondents − 1), "
            f"but {k!r} was passed. Fix: pass a smaller k or k=None to choose it by silhouette.",
            table=table)
    km = KMeans(n_clusters=int(k), n_init=10, random_state=random_state).fit(matrix.to_numpy())
    labels = pd.Series(km.labels_, index=matrix.index)
    by_size = labels.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    renumber = {old: new for new, old in enumerate(by_size.index, start=1)}
    sil = float(silhouette_score(matrix.to_numpy(), km.labels_)) if len(set(km.labels_)) > 1 else np.nan
    return pd.DataFrame({respondent: matrix.index, "segment": labels.map(renumber).to_numpy(),
                         "clusters": int(k), "silhouette": sil})


def cluster_profile(ratings: pd.DataFrame, segments: pd.DataFrame, *, respondent: str = "respondent_id",
                    item: str = "need_id", value: str = "importance",
                    table: str = "needs_ratings") -> pd.DataFrame:
    """Profile each segment from :func:`cluster_segments`: mean rating per need against everyone.

    Returns ``segment, n, pct, item, mean, overall_mean, diff, rank`` — one row per segment × need;
    ``diff`` = segment mean − overall mean; ``rank`` 1 = the need the segment rates highest
    relative to everyone (largest ``diff``).
    """
    require_columns(segments, [respondent, "segment"], table="segments")
    matrix = rating_matrix(ratings, respondent=respondent, item=item, value=value, table=table)
    seg = segments.set_index(respondent)["segment"].reindex(matrix.index)
    overall = matrix.mean()
    rows = []
    for s, part in matrix.groupby(seg.to_numpy()):
        means = part.mean()
        diff = means - overall
        ranks = diff.rank(ascending=False, method="first").astype(int)
        for col in matrix.columns:
            rows.append({"segment": int(s), "n": len(part), "pct": len(part) / len(matrix) * 100.0,
                         "item": col, "mean": float(means[col]), "overall_mean": float(overall[col]),
                         "diff": float(diff[col]), "rank": int(ranks[col])})
    return pd.DataFrame(rows).sort_values(["segment", "rank"]).reset_index(drop=True)


def cluster_top_needs(profile: pd.DataFrame, *, top: int = 3, names: dict[Any, Any] | None = None) -> pd.DataFrame:
    """Each segment's ``top`` needs rated highest relative to everyone, from :func:`cluster_profile`.

    Returns the rows of ``profile`` with ``rank`` ≤ ``top`` (by segment, then rank), with a column ``need``
    holding the need's text from ``names`` (need id → text; the id where it has none).

    Examples
    --------
    >>> p = pd.DataFrame({"segment": [1, 1], "item": ["N1", "N2"], "rank": [1, 2], "diff": [0.5, 0.1]})
    >>> cluster_top_needs(p, top=1, names={"N1": "fast"})[["item", "need"]].values.tolist()
    [['N1', 'fast']]
    """
    out = profile[profile["rank"] <= top].sort_values(["segment", "rank"], kind="stable").reset_index(drop=True)
    out["need"] = [(names or {}).get(i, i) for i in out["item"]]
    return out


def customer_tiers(data: pd.DataFrame, *, customer: str = "customer_id", value: str | None = None,
                   date: str | None = None, as_of: Any = None, new_days: int = 90,
                   vip_pct: float = 80.0, strategic_pct: float = 95.0, table: str = "tickets") -> pd.DataFrame:
    """Tier customers as new, regular, VIP or strategic from value and history.

    Parameters
    ----------
    data : DataFrame
        One row per customer or per contact (e.g. ``tickets``); rows are summed per customer.
    value : str, optional
        Column with the customer's value (revenue, ARPU, contract size); summed per customer.
    date : str, optional
        Column with the contact/order date; the first date is when the customer was first seen.
    as_of : date, optional
        Reference date for "new"; default the latest date in ``date``.
    new_days : int
        A customer first seen at most this many whole days before ``as_of`` is new.
    vip_pct, strategic_pct : float
        Percentiles (0–100) of customer value from which a customer is VIP or strategic.

    Returns
    -------
    DataFrame
        ``customer, contacts, value, first_seen, tenure_days, tier`` — one row per customer, the
        first column named as passed.

    Notes
    -----
    The first rule that holds gives the tier: ``strategic`` (value ≥ the ``strategic_pct``
    percentile of customer values), ``vip`` (value ≥ the ``vip_pct`` percentile), ``new``
    (tenure ≤ ``new_days``), else ``regular``. Without a value column only new/regular are
    possible; without a date column only regular/VIP/strategic. Percentiles are pandas' linear ones.
    """
    if value is None and date is None:
        raise DataValidationError(
            f"Table `{table}`: customer tiers need a value column (revenue) or a date column (history); "
            f"neither was passed. Fix: pass value=<column> and/or date=<column>.", table=table)
    for name, pct in (("vip_pct", vip_pct), ("strategic_pct", strategic_pct)):
        if not 0 <= pct <= 100:
            raise argument_error(name, pct, "must_from_to", low=0, high=100)
    require_columns(data, [customer] + [c for c in (value, date) if c], table=table)
    frame = data[data[customer].notna()]
    grouped = frame.groupby(customer, sort=True)
    out = grouped.size().rename("contacts").to_frame()
    out["value"] = np.nan
    if value is not None:
        v = pd.to_numeric(frame[value], errors="coerce")
        out["value"] = v.groupby(frame[customer]).sum(min_count=1)
    out["first_seen"] = pd.NaT
    out["tenure_days"] = np.nan
    if date is not None:
        dates = pd.to_datetime(frame[date], errors="coerce")
        first = dates.groupby(frame[customer]).min()
        ref = pd.Timestamp(as_of) if as_of is not None else dates.max()
        out["first_seen"] = first
        out["tenure_days"] = (ref.normalize() - first.dt.normalize()).dt.days
    tier = pd.Series("regular", index=out.index, dtype="object")
    if date is not None:
        tier[out["tenure_days"] <= new_days] = "new"
    if value is not None and out["value"].notna().any():
        vip_cut = out["value"].quantile(vip_pct / 100.0)
        strat_cut = out["value"].quantile(strategic_pct / 100.0)
        tier[out["value"] >= vip_cut] = "vip"
        tier[out["value"] >= strat_cut] = "strategic"
    out["tier"] = tier
    out["contacts"] = out["contacts"].astype("int64")
    return out.reset_index()


def workbook_tiers(tickets: pd.DataFrame, *, as_of: Any = None, customer: str = "customer_id",
                   date: str = "created_at", table: str = "tickets") -> pd.DataFrame:
    """The customer tiers of a ticket log (:func:`customer_tiers`), value from its first column of
    :data:`TIER_VALUE_COLUMNS` (``revenue``, ``value``, ``arpu``), history from ``created_at``.

    Without a value column the tiers are new and regular only, and the ``value`` column is blank (which
    :func:`sqmkit.needs.findings` says).
    """
    value = next((c for c in TIER_VALUE_COLUMNS if c in tickets.columns), None)
    return customer_tiers(tickets, customer=customer, value=value, date=date, as_of=as_of, table=table)
