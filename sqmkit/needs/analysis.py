"""Customer needs: Kano classification, importance–performance analysis, segmentation, priorities, SMART.

Every function takes a DataFrame first and keyword-only column names, and returns a tidy DataFrame.
The methods follow the service-quality texts the kit is built on:

- :func:`kano_table` — Kano's functional/dysfunctional question pairs scored with the evaluation
  table of Berger et al. (1993), counts per category, the category by mode and the Better/Worse
  (customer satisfaction) coefficients.
- :func:`importance_performance` — the importance–performance grid of Martilla & James (1977).
- :func:`segment_profile`, :func:`cluster_segments`, :func:`choose_k`, :func:`cluster_profile`,
  :func:`customer_tiers` — who the customers are and how their needs differ; these live in
  :mod:`sqmkit.needs.segments` and are re-exported here under the same names.
- :func:`priority_ranking` — one adjustable score from the IPA gap, the Kano category and how often a
  need is mentioned.
- :func:`smart_check` — which SMART elements (metric, baseline, target, deadline, owner) a goal lacks.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sqmkit._checks import argument_error, as_list, check_choice, check_lang, require_columns
from sqmkit.exceptions import DataValidationError

__all__ = [
    "KANO_CATEGORIES", "KANO_EVALUATION", "KANO_SCORES", "QUADRANTS", "DEFAULT_WEIGHTS",
    "kano_category", "kano_classify", "kano_table", "kano_evaluation_table", "importance_performance",
    "priority_ranking", "smart_check", "SECTIONS", "workbook_ipa", "section_status",
]

#: Kano categories in the order of the tie rule (Berger et al. 1993: M > O > A > I), then R, Q.
KANO_CATEGORIES: tuple[str, ...] = ("M", "O", "A", "I", "R", "Q")

# Answers: 1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike.
# Rows: functional answer (feature present); columns: dysfunctional answer (feature absent).
_EVAL_ROWS = (
    ("Q", "A", "A", "A", "O"),
    ("R", "I", "I", "I", "M"),
    ("R", "I", "I", "I", "M"),
    ("R", "I", "I", "I", "M"),
    ("R", "R", "R", "R", "Q"),
)
#: The Kano evaluation table: ``KANO_EVALUATION[(functional, dysfunctional)] -> category``.
KANO_EVALUATION: dict[tuple[int, int], str] = {
    (f + 1, d + 1): _EVAL_ROWS[f][d] for f in range(5) for d in range(5)
}

#: Kano category -> score used by :func:`priority_ranking` (must-be first: fix what dissatisfies).
KANO_SCORES: dict[str, float] = {"M": 1.0, "O": 0.75, "A": 0.5, "I": 0.0, "R": 0.0, "Q": 0.0}

#: IPA quadrant names (Martilla & James 1977), by (importance high?, performance high?).
QUADRANTS: dict[tuple[bool, bool], str] = {
    (True, False): "concentrate", (True, True): "keep_up",
    (False, False): "low_priority", (False, True): "overkill",
}

DEFAULT_WEIGHTS: dict[str, float] = {"gap": 0.5, "kano": 0.3, "mentions": 0.2}


# --------------------------------------------------------------------------------------------
# shared checks

def _rows_text(index: Iterable[Any], limit: int = 10) -> str:
    rows = list(index)
    text = ", ".join(str(r) for r in rows[:limit])
    return text + (f" … ({len(rows)} rows)" if len(rows) > limit else "")


def _numeric(data: pd.DataFrame, column: str, *, table: str, low: float, high: float,
             integer: bool = False, what: str = "") -> pd.Series:
    """Column as float; blanks stay NaN; text, out-of-range (or non-integer) values raise naming rows."""
    raw = data[column]
    values = pd.to_numeric(raw, errors="coerce").astype(float)
    bad = raw.notna() & values.isna()
    bad |= values.notna() & ((values < low) | (values > high))
    if integer:
        bad |= values.notna() & (values != np.round(values))
    if bad.any():
        cases = data.loc[bad, [column]]
        shown = ", ".join(f"{i}: {v!r}" for i, v in zip(cases.index[:10], cases[column].tolist()[:10]))
        kind = "whole numbers " if integer else ""
        raise DataValidationError(
            f"Table `{table}`, column {column!r}: {what}values must be {kind}from {low:g} to {high:g}; "
            f"rows (index) {_rows_text(cases.index)} hold {shown}. "
            f"Fix: correct or blank these answers.",
            table=table, column=column, failure_cases=cases)
    return values


def _check_known(data: pd.DataFrame, column: str, known: Sequence[Any] | None, *, table: str) -> list[Any]:
    """Order of items: ``known`` when given (raising on unknown ids), else first appearance."""
    present = list(pd.unique(data[column].dropna()))
    if known is None:
        return present
    known = list(pd.unique(pd.Series(list(known))))
    unknown = ~data[column].isin(known)
    if unknown.any():
        cases = data.loc[unknown, [column]]
        raise DataValidationError(
            f"Table `{table}`, column {column!r}: rows (index) {_rows_text(cases.index)} refer to "
            f"{sorted(set(map(str, cases[column])))} which are not in the needs catalogue. "
            f"Fix: add these needs to the `needs` table or correct the ids.",
            table=table, column=column, failure_cases=cases)
    return known


# --------------------------------------------------------------------------------------------
# Kano

def kano_category(functional: int, dysfunctional: int) -> str:
    """Return the Kano category of one answer pair (Berger et al. 1993 evaluation table).

    Examples
    --------
    >>> kano_category(2, 5), kano_category(1, 5), kano_category(1, 3), kano_category(3, 3)
    ('M', 'O', 'A', 'I')
    """
    try:
        return KANO_EVALUATION[(int(functional), int(dysfunctional))]
    except (KeyError, TypeError, ValueError):
        raise DataValidationError(
            f"Kano answers must be whole numbers from 1 to 5, but ({functional!r}, {dysfunctional!r}) "
            f"was passed. Fix: code answers 1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike.") from None


def kano_evaluation_table(lang: str = "zh") -> pd.DataFrame:
    """The 5 × 5 Kano evaluation table as a labelled frame (rows functional, columns dysfunctional).

    Examples
    --------
    >>> kano_evaluation_table("en").loc["2 must-be", "5 dislike"]
    'M'
    """
    from sqmkit.glossary import text

    check_lang(lang)
    names = [f"{i} {text(f'nd_answer_{i}', lang)}" for i in range(1, 6)]
    out = pd.DataFrame([list(row) for row in _EVAL_ROWS], index=names, columns=names)
    out.index.name = text("nd_kano_functional", lang)
    out.columns.name = text("nd_kano_dysfunctional", lang)
    return out


def kano_classify(data: pd.DataFrame, *, functional: str, dysfunctional: str,
                  table: str = "kano") -> pd.DataFrame:
    """Classify every answer pair with the Kano evaluation table.

    Returns ``data`` with a column ``kano`` (A, O, M, I, R, Q; missing when either answer is blank).
    Answers outside 1–5 raise :class:`DataValidationError` naming the rows.
    """
    require_columns(data, [functional, dysfunctional], table=table)
    f = _numeric(data, functional, table=table, low=1, high=5, integer=True, what="Kano answers: ")
    d = _numeric(data, dysfunctional, table=table, low=1, high=5, integer=True, what="Kano answers: ")
    out = data.copy()
    ok = f.notna() & d.notna()
    cats = pd.Series(pd.NA, index=data.index, dtype="object")
    cats[ok] = [KANO_EVALUATION[(int(a), int(b))] for a, b in zip(f[ok], d[ok])]
    out["kano"] = cats
    return out


def _mode_category(counts: Mapping[str, int]) -> Any:
    best = max(counts[c] for c in KANO_CATEGORIES)
    if best == 0:
        return pd.NA
    return next(c for c in KANO_CATEGORIES if counts[c] == best)


def kano_table(data: pd.DataFrame, *, attribute: str, functional: str, dysfunctional: str,
               by: str | Sequence[str] | None = None, items: Sequence[Any] | None = None,
               table: str = "kano") -> pd.DataFrame:
    """Count Kano categories per attribute, take the category by mode and the Better/Worse coefficients.

    Parameters
    ----------
    data : DataFrame
        One row per respondent × attribute (the ``kano`` table).
    attribute : str
        Column naming the attribute (need), e.g. ``"need_id"``.
    functional, dysfunctional : str
        Columns with the answers to the functional ("if the service has …") and dysfunctional
        ("if it does not have …") questions, coded 1 like, 2 must-be, 3 neutral, 4 live-with,
        5 dislike. Blank answers leave the pair out; any other value raises naming the rows.
    by : str or list of str, optional
        Segment columns: one row per segment × attribute.
    items : sequence, optional
        The needs catalogue (e.g. ``needs["need_id"]``): sets the row order, adds a row with zero
        counts for a need nobody answered, and raises for answers about an unknown need.
    table : str
        Table name used in error messages.

    Returns
    -------
    DataFrame
        ``[by…], attribute, A, O, M, I, R, Q, n, category, better, worse`` — ``attribute`` holds
        the attribute id; ``n`` counts all answered pairs; ``category`` is the mode (ties broken
        M > O > A > I > R > Q; missing when ``n`` = 0); ``better``/``worse`` are NaN when
        A + O + M + I = 0.

    Notes
    -----
    Each answer pair is scored with the evaluation table (rows functional, columns dysfunctional)::

                   like  must-be  neutral  live-with  dislike
        like         Q      A        A         A         O
        must-be      R      I        I         I         M
        neutral      R      I        I         I         M
        live-with    R      I        I         I         M
        dislike      R      R        R         R         Q

    Better (satisfaction coefficient) = (A + O) / (A + O + M + I);
    Worse (dissatisfaction coefficient) = −(O + M) / (A + O + M + I). Reverse and questionable
    answers are left out of both (Berger et al. 1993, the "customer satisfaction coefficient").

    References
    ----------
    Berger, C. et al. (1993). Kano's methods for understanding customer-defined quality.
    Center for Quality of Management Journal, 2(4), 3–36.
    Sauerwein, E., Bailom, F., Matzler, K., Hinterhuber, H. H. (1996). The Kano model: how to
    delight your customers. IX International Working Seminar on Production Economics, 313–327.

    Examples
    --------
    >>> df = pd.DataFrame({"need_id": ["N1"] * 3, "f": [2, 2, 1], "d": [5, 5, 3]})
    >>> kano_table(df, attribute="need_id", functional="f", dysfunctional="d")[["attribute", "M", "A", "category"]]
      attribute  M  A category
    0        N1  2  1        M
    """
    by_cols = as_list(by)
    require_columns(data, [attribute, *by_cols], table=table)
    order = _check_known(data, attribute, items, table=table)
    scored = kano_classify(data, functional=functional, dysfunctional=dysfunctional, table=table)
    scored = scored[scored[attribute].notna()]
    if by_cols:  # a blank segment is its own group (labels.BLANK)
        from sqmkit._checks import code_blank_groups

        scored = code_blank_groups(scored, by_cols)
    if by_cols:
        groups = scored[by_cols].drop_duplicates().sort_values(by_cols).itertuples(index=False)
        group_keys = [tuple(g) for g in groups]
    else:
        group_keys = [()]
    rows = []
    for key in group_keys:
        part = scored
        for col, val in zip(by_cols, key):
            part = part[part[col] == val]
        counts_by_item = part.groupby(attribute, sort=False)["kano"].value_counts()
        for item in order:
            counts = {c: int(counts_by_item.get((item, c), 0)) for c in KANO_CATEGORIES}
            core = counts["A"] + counts["O"] + counts["M"] + counts["I"]
            rows.append({
                **dict(zip(by_cols, key)), "attribute": item,
                **{c: counts[c] for c in ("A", "O", "M", "I", "R", "Q")},
                "n": sum(counts.values()),
                "category": _mode_category(counts),
                "better": (counts["A"] + counts["O"]) / core if core else np.nan,
                "worse": -(counts["O"] + counts["M"]) / core if core else np.nan,
            })
    cols = [*by_cols, "attribute", "A", "O", "M", "I", "R", "Q", "n", "category", "better", "worse"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("A", "O", "M", "I", "R", "Q", "n"):
        out[c] = out[c].astype("int64")
    out["category"] = out["category"].astype("object").where(out["category"].notna(), None)
    return out


# --------------------------------------------------------------------------------------------
# Importance–performance analysis

def importance_performance(data: pd.DataFrame, *, item: str, importance: str, performance: str,
                           crosshair: str = "data", scale: tuple[float, float] = (1, 7),
                           items: Sequence[Any] | None = None, table: str = "needs_ratings") -> pd.DataFrame:
    """Importance–performance analysis: mean ratings per item, gap, quadrant and gap rank.

    Parameters
    ----------
    data : DataFrame
        Respondent-level ratings (one row per respondent × item; means are taken over rows) or
        already aggregated ratings (one row per item; the "mean" of one row is the row itself).
    item, importance, performance : str
        Columns holding the item id and the two ratings.
    crosshair : {"data", "midpoint"}
        Where the grid lines cross: ``"data"`` at the mean of the item means (each item counts
        once), ``"midpoint"`` at the middle of ``scale``.
    scale : (min, max)
        The rating scale; ratings outside it raise naming the rows.
    items : sequence, optional
        The needs catalogue: sets the order of ties, adds a row (NaN ratings, ``n`` = 0, no
        quadrant, no rank) for a need nobody rated, and raises for ratings of an unknown need.

    Returns
    -------
    DataFrame
        ``item, n, importance, performance, gap, quadrant, gap_rank, importance_line,
        performance_line``, sorted by gap (largest first; unrated needs last).

    Notes
    -----
    Only rows with both ratings count (``n``), so gap = importance − performance is taken over the
    same respondents. Quadrants (Martilla & James 1977), with importance on the vertical axis and
    performance on the horizontal one:

    ========================  ==================  =================
    importance / performance  performance low     performance high
    ========================  ==================  =================
    importance high           ``concentrate``     ``keep_up``
    importance low            ``low_priority``    ``overkill``
    ========================  ==================  =================

    A value exactly on a cross-hair line counts as **high** (``value >= line``), so a point on the
    importance line with low performance is ``concentrate`` and a point on both lines is ``keep_up``.
    ``gap_rank`` 1 is the largest gap (ties share the lower rank).

    References
    ----------
    Martilla, J. A., James, J. C. (1977). Importance-performance analysis. Journal of
    Marketing, 41(1), 77–79.
    """
    check_choice("crosshair", crosshair, ["data", "midpoint"])
    if len(scale) != 2 or not scale[0] < scale[1]:
        raise argument_error("scale", scale, "must_min_max_pair")
    require_columns(data, [item, importance, performance], table=table)
    order = _check_known(data, item, items, table=table)
    lo, hi = float(scale[0]), float(scale[1])
    imp = _numeric(data, importance, table=table, low=lo, high=hi, what="ratings: ")
    perf = _numeric(data, performance, table=table, low=lo, high=hi, what="ratings: ")
    frame = pd.DataFrame({"item": data[item], "importance": imp, "performance": perf}).dropna()
    stats = frame.groupby("item", sort=False).agg(
        n=("importance", "size"), importance=("importance", "mean"), performance=("performance", "mean"))
    out = stats.reindex(order)
    out["n"] = out["n"].fillna(0).astype("int64")
    out = out.rename_axis("item").reset_index()
    rated = out["n"] > 0
    if crosshair == "data":
        imp_line = float(out.loc[rated, "importance"].mean()) if rated.any() else np.nan
        perf_line = float(out.loc[rated, "performance"].mean()) if rated.any() else np.nan
    else:
        imp_line = perf_line = (lo + hi) / 2
    out["gap"] = out["importance"] - out["performance"]
    quadrant = [QUADRANTS[(bool(i >= imp_line), bool(p >= perf_line))] if ok else None
                for i, p, ok in zip(out["importance"], out["performance"], rated)]
    out["quadrant"] = pd.Series(quadrant, dtype="object")
    out["gap_rank"] = out["gap"].rank(ascending=False, method="min").astype("Int64")
    out["importance_line"] = imp_line
    out["performance_line"] = perf_line
    out["_pos"] = range(len(out))
    out = out.sort_values(["gap", "_pos"], ascending=[False, True], na_position="last")
    return out.drop(columns="_pos").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Priorities and SMART goals

def _normalise_weights(weights: Mapping[str, float]) -> dict[str, float]:
    if not isinstance(weights, Mapping):
        raise argument_error("weights", weights, "must_dict_with_keys", keys=list(DEFAULT_WEIGHTS))
    for key in weights:
        check_choice("weights", key, list(DEFAULT_WEIGHTS))
    w = {k: float(weights.get(k, 0.0)) for k in DEFAULT_WEIGHTS}
    if any(not np.isfinite(v) or v < 0 for v in w.values()) or sum(w.values()) <= 0:
        raise argument_error("weights", dict(weights), "must_weights")
    total = sum(w.values())
    return {k: v / total for k, v in w.items()}


def priority_ranking(ipa: pd.DataFrame | None, kano: pd.DataFrame | None, needs: pd.DataFrame, *,
                     weights: Mapping[str, float] | None = None, need_id: str = "need_id",
                     label: str = "need", mentions: str = "mentions") -> pd.DataFrame:
    """Rank needs by one score combining the IPA gap, the Kano category and how often they are mentioned.

    Parameters
    ----------
    ipa : DataFrame or None
        Output of :func:`importance_performance` (``item``, ``gap``); None = no IPA data.
    kano : DataFrame or None
        Output of :func:`kano_table` without ``by`` (``attribute``, ``category``); None = no Kano data.
    needs : DataFrame
        The needs catalogue (``need_id``, ``need``; optional ``mentions``). Without a ``mentions``
        column every row of the catalogue counts as one mention of its need.
    weights : dict, optional
        ``{"gap": w1, "kano": w2, "mentions": w3}``, non-negative; rescaled to sum to 1; a missing
        key counts 0. Default :data:`DEFAULT_WEIGHTS` (0.5, 0.3, 0.2).

    Returns
    -------
    DataFrame
        ``need_id, need, gap, gap_norm, kano_category, kano_score, mentions, mentions_norm,
        weight_gap, weight_kano, weight_mentions, score, rank, quadrant`` sorted by rank (1 = first to
        act on); ``quadrant`` is the need's IPA quadrant (None without IPA data or ratings).

    Notes
    -----
    - gap_norm = (gap − min gap) / (max gap − min gap) over the catalogue (0 when all gaps are equal
      or the need has no ratings);
    - kano_score from :data:`KANO_SCORES`: M 1.0 > O 0.75 > A 0.5 > I = R = Q 0 (must-be needs
      first: failing them dissatisfies; no Kano data 0);
    - mentions_norm = mentions / max mentions (0 when nobody mentioned any need);
    - score = w_gap · gap_norm + w_kano · kano_score + w_mentions · mentions_norm, in 0–1.
    Ties in score are ranked by larger gap, then catalogue order.
    """
    w = _normalise_weights(DEFAULT_WEIGHTS if weights is None else weights)
    require_columns(needs, [need_id], table="needs")
    catalogue = needs[needs[need_id].notna()]
    order = list(pd.unique(catalogue[need_id]))
    out = pd.DataFrame({"need_id": order})
    if label in catalogue.columns:
        out["need"] = out["need_id"].map(catalogue.drop_duplicates(need_id).set_index(need_id)[label])
    else:
        out["need"] = out["need_id"].astype(str)
    if ipa is not None:
        require_columns(ipa, ["item", "gap"], table="ipa")
        out["gap"] = out["need_id"].map(ipa.drop_duplicates("item").set_index("item")["gap"]).astype(float)
    else:
        out["gap"] = np.nan
    quadrants = ipa.drop_duplicates("item").set_index("item")["quadrant"] \
        if ipa is not None and "quadrant" in ipa.columns else pd.Series(dtype="object")
    gaps = out["gap"]
    span = gaps.max() - gaps.min()
    out["gap_norm"] = ((gaps - gaps.min()) / span).fillna(0.0) if span and span > 0 else 0.0
    if kano is not None:
        require_columns(kano, ["attribute", "category"], table="kano_table")
        if kano["attribute"].duplicated().any():
            raise DataValidationError(
                "Table `kano_table` has several rows per attribute (a `by` segmentation). "
                "Fix: pass kano_table(...) computed without `by`.", table="kano_table", column="attribute")
        cats = out["need_id"].map(kano.set_index("attribute")["category"])
        out["kano_category"] = cats.astype("object").where(cats.notna(), None)
    else:
        out["kano_category"] = None
    out["kano_score"] = [KANO_SCORES.get(c, 0.0) if isinstance(c, str) else 0.0 for c in out["kano_category"]]
    if mentions in catalogue.columns:
        counts = pd.to_numeric(catalogue[mentions], errors="coerce").groupby(catalogue[need_id]).sum()
    else:
        counts = catalogue.groupby(need_id).size()
    out["mentions"] = out["need_id"].map(counts).fillna(0).astype(float)
    top = out["mentions"].max()
    out["mentions_norm"] = out["mentions"] / top if top > 0 else 0.0
    for key in DEFAULT_WEIGHTS:
        out[f"weight_{key}"] = w[key]
    out["score"] = (w["gap"] * out["gap_norm"] + w["kano"] * out["kano_score"]
                    + w["mentions"] * out["mentions_norm"])
    out["_pos"] = range(len(out))
    out["_gap"] = out["gap"].fillna(-np.inf)
    out = out.sort_values(["score", "_gap", "_pos"], ascending=[False, False, True])
    out = out.drop(columns=["_pos", "_gap"]).reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1)
    quadrant = out["need_id"].map(quadrants)
    out["quadrant"] = quadrant.astype("object").where(quadrant.notna(), None)
    return out


_SMART_ALIASES: dict[str, tuple[str, ...]] = {
    "metric": ("kpi", "metric"),
    "baseline": ("baseline",),
    "target": ("target",),
    "deadline": ("deadline", "due", "target_date"),
    "owner": ("owner",),
}


def smart_check(data: pd.DataFrame, *, id: str | None = None, columns: Mapping[str, str] | None = None,
                table: str = "problems") -> pd.DataFrame:
    """List, per goal, which SMART elements are missing: metric, baseline, target, deadline, owner.

    Parameters
    ----------
    data : DataFrame
        Goals, e.g. the ``problems`` or ``actions`` table.
    id : str, optional
        Id column; default the first of ``action_id``, ``problem_id``, ``goal_id`` present.
    columns : dict, optional
        Which column holds each element, e.g. ``{"deadline": "due"}``. By default: metric ←
        ``kpi`` or ``metric``; baseline ← ``baseline``; target ← ``target``; deadline ←
        ``deadline``, ``due`` or ``target_date``; owner ← ``owner``.

    Returns
    -------
    DataFrame
        ``id, has_metric, has_baseline, has_target, has_deadline, has_owner, n_missing, missing,
        smart`` — ``missing`` names the missing elements ("" when none); ``smart`` is True when
        nothing is missing. The id column keeps its name.

    Notes
    -----
    An element is missing when its column is absent or the cell is blank; baseline and target must
    also be numbers (measurable), the deadline a date. SMART: specific, measurable, achievable,
    relevant, time-bound (Doran 1981); the five checked elements are the ones a table can show.

    References
    ----------
    Doran, G. T. (1981). There's a S.M.A.R.T. way to write management's goals and objectives.
    Management Review, 70(11), 35–36.
    """
    columns = dict(columns or {})
    for key in columns:
        check_choice("columns", key, list(_SMART_ALIASES))
    if id is None:
        id = next((c for c in ("action_id", "problem_id", "goal_id") if c in data.columns), None)
        if id is None:
            raise DataValidationError(
                f"Table `{table}` has no id column (action_id, problem_id or goal_id). "
                f"Fix: add one or pass id=<column>.", table=table)
    require_columns(data, [id, *columns.values()], table=table)
    out = pd.DataFrame({id: data[id].to_numpy()})
    missing_lists: list[list[str]] = [[] for _ in range(len(data))]
    for element, aliases in _SMART_ALIASES.items():
        col = columns.get(element) or next((c for c in aliases if c in data.columns), None)
        if col is None:
            present = pd.Series(False, index=data.index)
        else:
            cell = data[col]
            present = cell.notna() & (cell.astype(str).str.strip() != "")
            if element in ("baseline", "target"):
                present &= pd.to_numeric(cell, errors="coerce").notna()
            elif element == "deadline":
                present &= pd.to_datetime(cell, errors="coerce").notna()
        out[f"has_{element}"] = present.to_numpy()
        for i, ok in enumerate(present.to_numpy()):
            if not ok:
                missing_lists[i].append(element)
    out["n_missing"] = [len(m) for m in missing_lists]
    out["missing"] = [", ".join(m) for m in missing_lists]
    out["smart"] = out["n_missing"] == 0
    return out


# --------------------------------------------------------------------------------------------
# What the workbook supports (notebook 01)

#: Sections of notebook 01, in order; :func:`section_status` says for each whether the workbook supports it.
SECTIONS: tuple[str, ...] = ("segments", "tiers", "clusters", "catalogue", "ipa", "kano", "priorities")


def _has_values(frame: pd.DataFrame | None, columns: Sequence[str]) -> bool:
    return frame is not None and all(c in frame.columns and pd.to_numeric(frame[c], errors="coerce").notna().any()
                                     for c in columns)


def workbook_ipa(catalogue: pd.DataFrame | None, ratings: pd.DataFrame | None, *, crosshair: str = "data",
                 scale: tuple[float, float] = (1, 7)) -> pd.DataFrame | None:
    """The IPA of a workbook: from ``needs_ratings`` when it has ratings, else from the catalogue's
    aggregated ``importance`` and ``performance`` (one row per need); None when neither is there.

    Needs of the catalogue that nobody rated get a row without quadrant (see :func:`importance_performance`).
    """
    items = catalogue["need_id"] if catalogue is not None and "need_id" in catalogue.columns else None
    if _has_values(ratings, ["importance", "performance"]):
        return importance_performance(ratings, item="need_id", importance="importance", performance="performance",
                                      crosshair=crosshair, scale=scale, items=items)
    if _has_values(catalogue, ["importance", "performance"]):
        return importance_performance(catalogue, item="need_id", importance="importance", performance="performance",
                                      crosshair=crosshair, scale=scale, table="needs")
    return None


def section_status(tables: Mapping[str, pd.DataFrame], *, config: Mapping[str, Any] | None = None,
                   n_segments: int = 0, lang: str = "zh") -> pd.DataFrame:
    """Which sections of notebook 01 the workbook's tables support, and what to say where they do not.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        The loaded tables (``Workbook.tables``).
    config : mapping, optional
        The workbook config (for the survey's rating columns).
    n_segments : int
        The k-means segments asked for (0 = chosen by silhouette); k must be from 2 to respondents − 1.
    lang : {"zh", "en"}
        Language of the notes.

    Returns
    -------
    DataFrame
        One row per section of :data:`SECTIONS`: ``section``, ``ok``, ``note`` (a Markdown quote from
        the glossary; "" when the section runs or when its whole table is missing, which the notebook
        reports with :func:`sqmkit.io.missing_table_note`).

    Notes
    -----
    segments needs a ``segment`` column in the survey; tiers a ticket log with ``customer_id``;
    clusters importance ratings from at least three respondents; ipa importance and performance
    (``needs_ratings``, or the aggregated columns of ``needs``); priorities the needs catalogue.
    """
    from sqmkit.glossary import text

    check_lang(lang)
    survey, tickets = tables.get("survey"), tables.get("tickets")
    catalogue, ratings, kano = tables.get("needs"), tables.get("needs_ratings"), tables.get("kano")

    def note(key: str, **fields: Any) -> str:
        return "> " + text(key, lang, **fields)

    rows = {}
    rows["segments"] = (False, "") if survey is None else (
        (True, "") if "segment" in survey.columns and survey["segment"].notna().any() else (False, note("nd_no_segment")))
    customers = tickets["customer_id"].notna().sum() if tickets is not None and "customer_id" in tickets else 0
    rows["tiers"] = (False, "") if tickets is None else ((True, "") if customers else (False, note("nd_no_customer")))
    if ratings is None:
        rows["clusters"] = (False, "")
    else:
        rated = ratings.loc[pd.to_numeric(ratings["importance"], errors="coerce").notna(), "respondent_id"] \
            if "importance" in ratings.columns else ratings.iloc[:0, 0]
        n = int(rated.nunique())
        if n < 3:
            rows["clusters"] = (False, note("nd_few_respondents", n=n))
        elif n_segments and not 2 <= n_segments < n:
            rows["clusters"] = (False, note("nd_k_too_large", k=n_segments, n=n))
        else:
            rows["clusters"] = (True, "")
    rows["catalogue"] = (catalogue is not None, "")
    has_ipa = _has_values(ratings, ["importance", "performance"]) or _has_values(catalogue, ["importance", "performance"])
    rows["ipa"] = (has_ipa, "" if has_ipa else note("nd_no_ipa"))
    rows["kano"] = (kano is not None, "")
    rows["priorities"] = (catalogue is not None, "")
    return pd.DataFrame([{"section": k, "ok": bool(v[0]), "note": v[1]} for k, v in rows.items()])

