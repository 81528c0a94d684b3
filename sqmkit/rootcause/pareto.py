"""Pareto analysis: which few categories make most of the complaints (the vital few).

Split from :mod:`sqmkit.rootcause`, which re-exports every name here (``sqmkit.rootcause.pareto_table``
stays the public name of DESIGN §6). :func:`pareto_table` ranks the categories, pools the tail into
one :data:`OTHER` row past a readable number (``max_categories``), :func:`pareto_compare` sets two
periods side by side, :func:`pareto_options` checks the column and weight a notebook asks for.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from sqmkit._checks import check_lang, code_blank_groups, require_columns
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import message
from sqmkit.rootcause._common import number_values

__all__ = ["PARETO_COLUMNS", "OTHER", "pareto_table", "pareto_compare", "pareto_options", "pooled_note"]

PARETO_COLUMNS = ["category", "value", "pct", "cum_value", "cum_pct", "vital_few"]
#: The category code of the pooled row of a Pareto table cut at ``max_categories`` (shown "(其他)" / "(other)").
OTHER = "(other)"
_EPS = 1e-9  # tolerance for "cum_pct reaches the threshold" (80.0 computed as 79.999999…)


def _quote(key: str, lang: str, **fields: Any) -> str:
    from sqmkit.glossary import text

    return "> " + text(key, lang, **fields)


def _check_threshold(name: str, value: Any) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        v = float("nan")
    if not (0 < v <= 100):
        raise DataValidationError(
            f"The value for `{name}` must be a percentage in (0, 100], but {value!r} was passed.")
    return v


# ---------------------------------------------------------------------------------------------
# Pareto

def pareto_table(data: pd.DataFrame, *, category: str, weight: str | None = None, threshold: float = 80.0,
                 other_after: float | None = None, other_label: str = OTHER, max_categories: int | None = None,
                 table: str = "data") -> pd.DataFrame:
    """Pareto table: categories by descending count (or weight), with cumulative shares and the vital few.

    Parameters
    ----------
    data : DataFrame
        One row per record (a complaint, a defect).
    category : str
        Column holding the category. Blank categories are counted under :data:`sqmkit.glossary.BLANK`
        (``"(blank)"``) so the total stays the number of records.
    weight : str, optional
        Column to sum instead of counting rows (e.g. ``cost``). Blank weights count as 0; negative
        or non-numeric weights are an error.
    threshold : float
        Cumulative percentage that defines the vital few (default 80).
    other_after : float, optional
        Pool the tail into one ``other_label`` row, placed last: every category after the first one
        whose cumulative percentage reaches ``other_after`` (only when that pools two or more
        categories). Must be at least ``threshold``, so pooling never changes the vital few.
    other_label : str
        Label of the pooled row; default :data:`OTHER` (``"(other)"``, shown "(其他)" / "(other)").
    max_categories : int, optional
        At most this many rows: past it, the smallest categories are pooled into one
        ``other_label`` row, placed last (a chart of 228 categories is unreadable). The vital few
        are decided on the full ranking first, so pooling never changes which categories are
        vital; the pooled row itself is never vital. 0 or None: no limit.
    table : str
        Name of the table in error messages.

    Returns
    -------
    DataFrame
        One row per category: category, value, pct, cum_value, cum_pct, vital_few.
        Sorted by value descending; ties keep the order in which the categories first appear in
        ``data``.

    Notes
    -----
    With values :math:`v_1 \\ge v_2 \\ge \\dots \\ge v_k` and total :math:`T`,
    ``pct`` :math:`= 100 v_i / T`, ``cum_value`` :math:`C_i = \\sum_{j \\le i} v_j`,
    ``cum_pct`` :math:`= 100 C_i / T`. ``vital_few`` is true for rows :math:`1 \\dots m`, where
    :math:`m` is the first row with ``cum_pct`` :math:`\\ge` ``threshold`` (compared with a
    tolerance of 1e-9, so a cumulative share of exactly 80 % is in). The first category is always
    vital.

    References
    ----------
    Juran, J. M. (1951). *Quality Control Handbook* (the vital few and the useful many).
    Scrucca, L. (2004). qcc: an R package for quality control charting and statistical process
    control. *R News* 4/1, 11–17 (``pareto.chart``).

    Examples
    --------
    >>> df = pd.DataFrame({"category": list("ABBCCC")})
    >>> pareto_table(df, category="category")[["category", "value", "cum_pct", "vital_few"]].values.tolist()
    [['C', 3, 50.0, True], ['B', 2, 83.33333333333333, True], ['A', 1, 100.0, False]]
    """
    require_columns(data, [category] + ([weight] if weight else []), table=table)
    threshold = _check_threshold("threshold", threshold)
    if max_categories is not None and not (isinstance(max_categories, (int, np.integer))
                                           and not isinstance(max_categories, bool)
                                           and (max_categories == 0 or max_categories >= 2)):
        raise DataValidationError(
            f"The value for `max_categories` must be a whole number of at least 2 (or 0 for no limit), "
            f"but {max_categories!r} was passed.")
    if other_after is not None:
        other_after = _check_threshold("other_after", other_after)
        if other_after < threshold:
            raise DataValidationError(
                f"The value for `other_after` ({other_after}) must be at least `threshold` ({threshold}); "
                "pooling the tail must not cut into the vital few.")
    cats = code_blank_groups(data[[category]], category)[category]
    if weight is None:
        values = pd.Series(1, index=data.index, dtype="int64")
    else:
        values = number_values(data[weight], table=table, column=weight)
    if len(data) == 0:
        raise DataValidationError(message("rc_err_no_rows", table=table), table=table)
    grouped = values.groupby(cats, sort=False).sum()  # keeps first-appearance order
    grouped = grouped.sort_values(ascending=False, kind="stable")
    total = float(grouped.sum())
    if total <= 0:
        raise DataValidationError(
            f"Table '{table}', column '{weight}': the weights sum to 0, so shares are undefined; "
            "check the weight column or count records (weight=None).", table=table, column=weight)
    out = pd.DataFrame({"category": grouped.index.astype(object), "value": grouped.to_numpy()})
    out = _cumulate(out, total, threshold)
    keep = len(out)
    if other_after is not None:
        first = int(np.argmax(out["cum_pct"].to_numpy() >= other_after - _EPS))
        if len(out) - (first + 1) >= 2:
            keep = first + 1
    if max_categories and len(out) > max_categories:
        keep = min(keep, max_categories - 1)
    if keep < len(out):
        out = _pool(out, list(out["category"].iloc[:keep]), other_label, total)
    return out[PARETO_COLUMNS].reset_index(drop=True)


def _cumulate(out: pd.DataFrame, total: float, threshold: float) -> pd.DataFrame:
    """pct, cum_value, cum_pct and vital_few of a table already in Pareto order."""
    out = out.copy()
    out["pct"] = out["value"] * 100.0 / total
    out["cum_value"] = out["value"].cumsum()
    out["cum_pct"] = out["cum_value"] * 100.0 / total
    reached = out["cum_pct"].to_numpy() >= threshold - _EPS
    m = int(np.argmax(reached)) if reached.any() else len(out) - 1
    out["vital_few"] = np.arange(len(out)) <= m
    return out


def _pool(out: pd.DataFrame, keep: list[Any], label: str, total: float) -> pd.DataFrame:
    """Pool the rows whose category is not in ``keep`` into one ``label`` row, placed last.

    Kept rows keep their vital-few flag (decided on the full ranking); the pooled row is never vital.
    """
    kept = out[out["category"].isin(keep)]
    tail = out[~out["category"].isin(keep)]
    if tail.empty:
        return out
    other = pd.DataFrame({"category": [label], "value": [tail["value"].sum()], "vital_few": [False]})
    pooled = pd.concat([kept, other], ignore_index=True)
    pooled["pct"] = pooled["value"] * 100.0 / total
    pooled["cum_value"] = pooled["value"].cumsum()
    pooled["cum_pct"] = pooled["cum_value"] * 100.0 / total
    pooled["vital_few"] = pooled["vital_few"].astype(bool)
    return pooled


def pareto_compare(before: pd.DataFrame, after: pd.DataFrame, *, category: str, weight: str | None = None,
                   threshold: float = 80.0, labels: tuple[str, str] = ("before", "after"),
                   max_categories: int | None = None, other_label: str = OTHER,
                   table: str = "data") -> pd.DataFrame:
    """Pareto tables of two periods side by side, for a before/after check of an improvement.

    Parameters
    ----------
    before, after : DataFrame
        Records of the two periods (e.g. the first and second half-year).
    category, weight, threshold, table
        As in :func:`pareto_table`.
    labels : (str, str)
        Names of the periods in column ``period``.
    max_categories, other_label
        As in :func:`pareto_table`; the categories kept are the largest over both periods together,
        the same in both, so the bars pair up.

    Returns
    -------
    DataFrame
        Long format, one row per period × category (a category absent from one period gets value
        0 there): period, category, value, pct, cum_value, cum_pct, vital_few (each period sorted
        as its own Pareto table), rank (1 = largest in that period), change (after − before value)
        and change_pct (100 × change / before value; NaN when before is 0), the last two repeated
        on both rows of a category.

    Notes
    -----
    Comparing the absolute ``value`` (not only ``pct``) matters: a category can keep its share
    while the total shrinks. Charts draw both periods on the same value scale.

    References
    ----------
    Juran, J. M. & Godfrey, A. B. (1999). *Juran's Quality Handbook*, 5th ed. (before-and-after
    Pareto comparison).

    Examples
    --------
    >>> b = pd.DataFrame({"c": list("AAAB")}); a = pd.DataFrame({"c": list("AB")})
    >>> pareto_compare(b, a, category="c")[["period", "category", "value", "change"]].values.tolist()
    [['before', 'A', 3, -2], ['before', 'B', 1, 0], ['after', 'A', 1, -2], ['after', 'B', 1, 0]]
    """
    if not (isinstance(labels, (tuple, list)) and len(labels) == 2 and labels[0] != labels[1]):
        raise DataValidationError(
            f"The value for `labels` must be two different period names, but {labels!r} was passed.")
    tb = pareto_table(before, category=category, weight=weight, threshold=threshold, table=table)
    ta = pareto_table(after, category=category, weight=weight, threshold=threshold, table=table)
    cats = list(tb["category"]) + [c for c in ta["category"] if c not in set(tb["category"])]

    def full(t: pd.DataFrame) -> pd.DataFrame:
        extra = [c for c in cats if c not in set(t["category"])]
        if extra:
            zero = pd.DataFrame({"category": extra, "value": [t["value"].iloc[0] * 0] * len(extra)})
            t = pd.concat([t[["category", "value"]], zero], ignore_index=True)
            total = t["value"].sum()
            t["pct"] = t["value"] * 100.0 / total
            t["cum_value"] = t["value"].cumsum()
            t["cum_pct"] = t["cum_value"] * 100.0 / total
            reached = t["cum_pct"].to_numpy() >= threshold - _EPS
            t["vital_few"] = np.arange(len(t)) <= int(np.argmax(reached))
        t = t.copy()
        t["rank"] = np.arange(1, len(t) + 1)
        return t

    fb, fa = full(tb), full(ta)
    if max_categories and len(cats) > max_categories:
        both = fb.set_index("category")["value"].add(fa.set_index("category")["value"], fill_value=0)
        top = set(both.reindex(cats).sort_values(ascending=False, kind="stable").index[: max_categories - 1])
        keep = [c for c in cats if c in top]
        fb = _pool(fb, keep, other_label, float(fb["value"].sum())).assign(rank=lambda t: np.arange(1, len(t) + 1))
        fa = _pool(fa, keep, other_label, float(fa["value"].sum())).assign(rank=lambda t: np.arange(1, len(t) + 1))
        cats = keep + [other_label]
    vb = fb.set_index("category")["value"]
    va = fa.set_index("category")["value"]
    change = va.reindex(cats) - vb.reindex(cats)
    change_pct = change * 100.0 / vb.reindex(cats).replace(0, np.nan)
    out = []
    for label, t in ((labels[0], fb), (labels[1], fa)):
        t = t.copy()
        t.insert(0, "period", label)
        t["change"] = t["category"].map(change)
        t["change_pct"] = t["category"].map(change_pct).astype(float)
        out.append(t)
    return pd.concat(out, ignore_index=True)[["period"] + PARETO_COLUMNS + ["rank", "change", "change_pct"]]


def pareto_options(complaints: pd.DataFrame | None, *, by: str = "category", weight: str | None = None,
                   lang: str = "zh") -> dict[str, Any]:
    """The Pareto's grouping column and weight as the complaints table allows them.

    Returns ``{"by", "weight", "note"}``: ``by`` falls back to ``category`` when the column asked
    for is absent; ``weight`` to None (count the complaints) when its column is absent, holds no
    number or sums to 0; ``note`` says so in ``lang`` (a Markdown quote, "" when nothing changed).

    Examples
    --------
    >>> pareto_options(pd.DataFrame({"category": ["a"]}), by="subcategory", weight="cost", lang="en")["by"]
    'category'
    """
    check_lang(lang)
    weight = weight or None
    if complaints is None:
        return {"by": by, "weight": weight, "note": ""}
    notes = []
    if by not in complaints.columns:
        notes.append(_quote("rc_no_pareto_column", lang, column=by))
        by = "category"
    if weight is not None:
        if weight not in complaints.columns:
            notes.append(_quote("rc_no_weight_column", lang, column=weight))
            weight = None
        else:
            try:
                total = float(number_values(complaints[weight], table="complaints", column=weight).sum())
            except DataValidationError:
                total = 0.0
            if not total > 0:
                notes.append(_quote("rc_weight_empty", lang, column=weight))
                weight = None
    return {"by": by, "weight": weight, "note": "\n\n".join(notes)}


def pooled_note(full: pd.DataFrame, shown: pd.DataFrame, *, lang: str = "zh") -> str:
    """The note under a Pareto chart cut at ``max_categories``: how many categories were pooled into "(other)"
    and how many of the vital few are inside it. "" when nothing was pooled.

    Parameters
    ----------
    full, shown : DataFrame
        :func:`pareto_table` without and with ``max_categories``.
    lang : {"zh", "en"}

    Examples
    --------
    >>> df = pd.DataFrame({"category": list("AABCDE")})
    >>> note = pooled_note(pareto_table(df, category="category"), pareto_table(df, category="category",
    ...                                                                         max_categories=3), lang="en")
    >>> note.startswith("> 5 categories; the smallest 3 are pooled"), note.endswith("2 of them inside “(other)”.")
    (True, True)
    """
    from sqmkit.glossary import text

    check_lang(lang)
    if len(shown) >= len(full):
        return ""
    note = text("rc_pooled", lang, total=len(full), n=len(full) - len(shown) + 1)
    vital, listed = int(full["vital_few"].sum()), int(shown["vital_few"].sum())
    if listed < vital:
        note = text("rc_f_then", lang, first=note, second=text("rc_vital_pooled", lang, n=vital, hidden=vital - listed))
    return "> " + note
