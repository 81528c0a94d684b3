"""Findings of step 01 (customer needs): headline figures and conclusion sentences as data.

:func:`findings` reads the analysis tables of notebook 01 — survey segments, customer tiers, k-means
clusters, the needs catalogue, the IPA, the Kano table, the priorities, the SMART checks — and returns a
findings table (:mod:`sqmkit.findings`). Each notebook section calls it with its own tables; the
notebook shows the sentences and results.json records the figures (``report.show_findings``). Every
threshold behind a sentence is a keyword parameter here, never a number in the notebook.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sqmkit._checks import check_lang
from sqmkit.findings import finding, findings_table
from sqmkit.glossary import BLANK, TEXTS, text, value_label
from sqmkit.needs.analysis import KANO_CATEGORIES
from sqmkit.needs.segments import structure_strength

__all__ = ["findings"]

_FULL_WIDTH_STOPS = "。！？；）"


def findings(*, segments: pd.DataFrame | None = None, tiers: pd.DataFrame | None = None,
             clusters: pd.DataFrame | None = None, k_table: pd.DataFrame | None = None,
             catalogue: pd.DataFrame | None = None, ipa: pd.DataFrame | None = None,
             kano: pd.DataFrame | None = None, priorities: pd.DataFrame | None = None,
             handoff: pd.DataFrame | None = None, smart: Mapping[str, pd.DataFrame] | None = None,
             names: Mapping[Any, Any] | None = None, lang: str = "zh", min_group_n: int = 30,
             silhouette_weak: float = 0.25, silhouette_reasonable: float = 0.50,
             silhouette_strong: float = 0.70, min_ratings: int = 3, kano_close_pct: float = 5.0,
             list_limit: int = 10) -> pd.DataFrame:
    """The headline figures and conclusion sentences of notebook 01, from its analysis tables.

    Parameters
    ----------
    segments : DataFrame, optional
        :func:`sqmkit.needs.survey_segments` (``segment, n, overall_rating, overall_ci_low …, nps …``).
    tiers : DataFrame, optional
        :func:`sqmkit.needs.workbook_tiers` / :func:`~sqmkit.needs.customer_tiers` (one row per customer).
    clusters, k_table : DataFrame, optional
        :func:`sqmkit.needs.cluster_segments` and :func:`~sqmkit.needs.choose_k`.
    catalogue : DataFrame, optional
        The ``needs`` table (``need_id``; optional ``mentions``, ``source``).
    ipa : DataFrame, optional
        :func:`sqmkit.needs.importance_performance` (or ``workbook_ipa`` / ``workshop_ipa``).
    kano : DataFrame, optional
        :func:`sqmkit.needs.kano_table` without ``by``.
    priorities, handoff : DataFrame, optional
        :func:`sqmkit.needs.priority_ranking`, and the rows of it carried into step 03.
    smart : mapping of str to DataFrame, optional
        ``{table name: smart_check(table)}``, e.g. ``{"problems": …}``.
    names : mapping, optional
        need id → need text, used wherever a sentence names a need (IPA, Kano); default the ids.
    lang : {"zh", "en"}
        Language of labels and sentences.
    min_group_n : int
        A segment with fewer respondents (or the blank segment) is never named lowest or highest (30).
    silhouette_weak, silhouette_reasonable, silhouette_strong : float
        Kaufman & Rousseeuw's (1990) bands of the mean silhouette width: at most ``silhouette_weak``
        no structure, then weak, reasonable, above ``silhouette_strong`` strong (0.25, 0.50, 0.70).
    min_ratings : int
        A need with fewer respondents' ratings is called thinly rated and not named the largest gap
        while others have enough (3). Workshop and aggregated ratings (one per need) are exempt.
    kano_close_pct : float
        A need whose two most frequent Kano categories lie within this many percentage points of its
        answers is called a close call (5).
    list_limit : int
        Longest list of needs or goals a sentence names; longer ones end "and N more" (10).

    Returns
    -------
    DataFrame
        The columns of :func:`sqmkit.findings.findings_table`. Keys, in the order of the notebook:

        - ``n_survey_segments`` (segments with a name): the segments and their shares; then for the mean
          overall rating and for NPS, among the named segments of at least ``min_group_n`` respondents,
          the lowest and the highest with their 95 % CIs — "clearly below" when the two intervals do not
          overlap, else "the intervals overlap … no segment clearly below"; ``segments_left_out`` (no
          value) names the segments left out (blank or small). ``least_satisfied_segment`` /
          ``lowest_nps_segment`` carry the lowest segment only when it is clearly below (else no value,
          so nothing is recorded). With one comparable segment ``segments_compared`` (no value) says there
          is nothing to compare.
        - ``n_customers``: customers per tier; whether value came from a value column or is missing (then
          VIP and strategic cannot be told apart).
        - ``segments_k``, ``segments_silhouette``: the k-means solution and its reading by the bands
          above; when ``k_table`` prefers another k than the one used, a sentence says the parameter set it.
        - ``n_needs``: the catalogue's size (with mentions and sources when it has them).
        - ``n_concentrate``, ``largest_gap_need``: the needs in "concentrate here" (or that none is), the
          largest gap with importance, performance and gap, a tie when several share it, "no need performs
          below its importance" when the largest gap is ≤ 0, possible overkill, thinly rated, aggregated
          and unrated needs.
        - ``n_must_be``: Kano categories, the must-be needs (or none), close calls, unanswered needs.
        - ``top_priority_need``, ``top_priority_label``, ``top_priority_quadrant``, ``top_priority_kano``:
          the top need with score, quadrant, Kano category and mentions, the next two, a tie on score;
          when every score is 0 the sentence says nothing ranks and the figures carry no value.
        - ``priority_handoff`` (no value): the needs to carry into the root-cause workshop.
        - ``smart_incomplete_<table>``: entries that are not SMART and what each lacks.

    Examples
    --------
    >>> ipa = pd.DataFrame({"item": ["N1", "N2"], "n": [40, 40], "importance": [6.5, 5.0],
    ...                     "performance": [4.0, 5.5], "gap": [2.5, -0.5], "quadrant": ["concentrate", "overkill"]})
    >>> findings(ipa=ipa, names={"N1": "Fast answers"}, lang="en").set_index("key").loc["largest_gap_need", "value"]
    'N1'
    """
    check_lang(lang)
    say = _Say(lang, names or {}, list_limit)
    rows: list[dict[str, Any]] = []
    if segments is not None:
        rows += _segments(segments, say, min_group_n)
    if tiers is not None:
        rows += _tiers(tiers, say)
    if clusters is not None:
        rows += _clusters(clusters, k_table, say, weak=silhouette_weak, reasonable=silhouette_reasonable,
                          strong=silhouette_strong)
    if catalogue is not None:
        rows += _catalogue(catalogue, say)
    if ipa is not None:
        rows += _ipa(ipa, say, min_ratings)
    if kano is not None:
        rows += _kano(kano, say, kano_close_pct)
    if priorities is not None:
        rows += _priorities(priorities, say)
    if handoff is not None and len(handoff):
        needs = say.join(say.need(r.need_id, r.need) for r in handoff.itertuples())
        rows.append(finding("priority_handoff", label="priority_handoff", sentence=say("nd_handoff", needs=needs)))
    for name, table in (smart or {}).items():
        rows += _smart(name, table, say)
    return findings_table(rows)


class _Say:
    """Glossary texts in one language, with the list and need formats of this step."""

    def __init__(self, lang: str, names: Mapping[Any, Any], limit: int):
        self.lang, self.names, self.limit = lang, names, limit

    def __call__(self, key: str, **fields: Any) -> str:
        return text(key, self.lang, **fields)

    def join(self, parts: Sequence[str] | Any) -> str:
        parts = [str(p) for p in parts]
        shown = parts[:self.limit]
        out = self("list_sep").join(shown)
        if len(parts) > len(shown):
            out += self("nd_more", total=len(parts), rest=len(parts) - len(shown))
        return out

    @staticmethod
    def sentences(parts: Sequence[str]) -> str:
        """Sentences as one paragraph: a space after a Latin full stop, none after a Chinese one (。)."""
        out = ""
        for part in (p for p in parts if p):
            out += part if not out or out[-1] in _FULL_WIDTH_STOPS else " " + part
        return out

    def need(self, need_id: Any, name: Any = None) -> str:
        name = self.names.get(need_id, name) if name is None else name
        if name is None or (isinstance(name, float) and np.isnan(name)) or str(name) == str(need_id):
            return str(need_id)
        return self("nd_need", id=need_id, name=name)

    def label(self, value: Any, column: str) -> str:
        return str(value_label(value, self.lang, column=column))


def _num(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


# --------------------------------------------------------------------------------------------
# segments

def _segments(table: pd.DataFrame, say: _Say, min_n: int) -> list[dict[str, Any]]:
    by = table.columns[0]
    named = table[table[by] != BLANK]
    rows = [finding("n_survey_segments", int(len(named)), label=say("n_survey_segments"),
                    sentence=say("nd_segments_sizes", n=len(named), parts=say.join(
                        say("nd_part", name=say.label(r[by], by), value=f"{_num(r['pct']):.0f} %")
                        for _, r in table.iterrows())))]
    comparable = named[named["n"] >= min_n]
    left_out = table[~table.index.isin(comparable.index)]
    if len(comparable) == 1:
        rows.append(finding("segments_compared", label="segments_compared",
                            sentence=say("nd_segments_one", segment=say.label(comparable[by].iloc[0], by))))
    elif len(comparable) > 1:
        for key, column, metric in (("least_satisfied_segment", "overall_rating", "nd_metric_overall"),
                                    ("lowest_nps_segment", "nps", "nd_metric_nps")):
            rows += _segment_gap(comparable, by, key, column, metric, say)
    if len(left_out):
        groups = say.join(say("nd_group_n", name=say.label(r[by], by), n=int(r["n"])) for _, r in left_out.iterrows())
        rows.append(finding("segments_left_out", label="segments_left_out",
                            sentence=say("nd_segments_left_out", groups=groups, min_n=min_n)))
    return rows


def _segment_gap(table: pd.DataFrame, by: str, key: str, column: str, metric: str, say: _Say) -> list[dict[str, Any]]:
    if column not in table.columns:
        return []
    rated = table[pd.to_numeric(table[column], errors="coerce").notna()]
    if len(rated) < 2:
        return []
    order = rated.sort_values(column, kind="stable")
    low, high = order.iloc[0], order.iloc[-1]
    prefix = column.replace("_rating", "")   # overall_rating -> overall_ci_low …, nps -> nps_ci_low …
    low_hi, high_lo = _num(low[f"{prefix}_ci_high"]), _num(high[f"{prefix}_ci_low"])
    clear = bool(np.isfinite(low_hi) and np.isfinite(high_lo) and low_hi < high_lo)

    digits = 1 if column == "nps" else 2   # NPS is a percentage difference, a rating a mean on its scale

    def fmt(value: Any) -> str:
        return f"{_num(value):.{digits}f}"

    def ci(row: pd.Series) -> str:
        return say("nd_ci", low=fmt(row[f"{prefix}_ci_low"]), high=fmt(row[f"{prefix}_ci_high"]))

    sentence = say("nd_segment_clear" if clear else "nd_segment_unclear", metric=say(metric),
                   low=say.label(low[by], by), low_value=fmt(low[column]), low_ci=ci(low),
                   high=say.label(high[by], by), high_value=fmt(high[column]), high_ci=ci(high))
    return [finding(key, low[by] if clear else None, label=say(key), sentence=sentence)]


# --------------------------------------------------------------------------------------------
# tiers, clusters, catalogue

def _tiers(table: pd.DataFrame, say: _Say) -> list[dict[str, Any]]:
    counts = table["tier"].value_counts()
    order = [t for t in ("strategic", "vip", "regular", "new") if t in counts] + \
        [t for t in counts.index if t not in ("strategic", "vip", "regular", "new")]
    parts = say.join(say("nd_part", name=say.label(t, "tier"), value=f"{int(counts[t]):,}") for t in order)
    has_value = "value" in table.columns and pd.to_numeric(table["value"], errors="coerce").notna().any()
    sentence = say.sentences([say("nd_tiers", n=len(table), parts=parts),
                              say("nd_tiers_value" if has_value else "nd_tiers_no_value")])
    return [finding("n_customers", int(len(table)), label=say("n_customers"), sentence=sentence)]


def _clusters(clusters: pd.DataFrame, k_table: pd.DataFrame | None, say: _Say, *, weak: float,
              reasonable: float, strong: float) -> list[dict[str, Any]]:
    k, sil = int(clusters["clusters"].iloc[0]), _num(clusters["silhouette"].iloc[0])
    band = structure_strength(sil, strong=strong, reasonable=reasonable, weak=weak)
    reading = say(f"nd_structure_{band}", weak=weak, reasonable=reasonable, strong=strong)
    sentence = say("nd_clusters", k=k, sil=sil, reading=reading)
    if k_table is not None and k_table["chosen"].any():
        best = k_table[k_table["chosen"]].iloc[0]
        if int(best["clusters"]) != k:
            sentence = say.sentences([sentence, say("nd_clusters_set", k=k, best=int(best["clusters"]),
                                                    best_sil=_num(best["silhouette"]))])
    return [finding("segments_k", k, label=say("segments_k"), sentence=sentence),
            finding("segments_silhouette", round(sil, 3) if np.isfinite(sil) else None,
                    label=say("segments_silhouette"))]


def _catalogue(table: pd.DataFrame, say: _Say) -> list[dict[str, Any]]:
    n = int(len(table))
    mentions = pd.to_numeric(table["mentions"], errors="coerce") if "mentions" in table.columns else None
    if mentions is not None and mentions.notna().any() and "source" in table.columns:
        by_source = mentions.groupby(table["source"].fillna(BLANK)).sum().sort_values(ascending=False, kind="stable")
        parts = say.join(say("nd_part", name=say.label(s, "source"), value=f"{v:,.0f}") for s, v in by_source.items())
        sentence = say("nd_catalogue_mentions", n=n, mentions=float(mentions.sum()), parts=parts)
    else:
        sentence = say("nd_catalogue", n=n)
    return [finding("n_needs", n, label=say("n_needs"), sentence=sentence)]


# --------------------------------------------------------------------------------------------
# IPA and Kano

def _ipa(table: pd.DataFrame, say: _Say, min_ratings: int) -> list[dict[str, Any]]:
    rated = table[(table["n"] > 0) & table["gap"].notna()]
    conc = rated[rated["quadrant"] == "concentrate"]
    sentences = [say("nd_ipa_concentrate", n=len(conc), rated=len(rated),
                     needs=say.join(say.need(i) for i in conc["item"])) if len(conc)
                 else say("nd_ipa_concentrate_none", rated=len(rated))]
    workshop = rated["rated_by"].eq("workshop") if "rated_by" in rated.columns else pd.Series(False, index=rated.index)
    aggregated = bool(len(rated)) and bool((rated["n"] == 1).all()) and not workshop.any()
    thin = rated[(rated["n"] < min_ratings) & ~workshop] if not aggregated else rated.iloc[:0]
    pool = rated.drop(index=thin.index) if len(thin) < len(rated) else rated
    largest = None
    if len(pool):
        top = pool.sort_values("gap", ascending=False, kind="stable")
        first = top.iloc[0]
        largest = first["item"]
        ties = top[np.isclose(top["gap"].astype(float), float(first["gap"]))]
        if float(first["gap"]) <= 0:
            sentences.append(say("nd_ipa_no_shortfall", need=say.need(largest), gap=float(first["gap"])))
        else:
            sentences.append(say("nd_ipa_largest_gap", need=say.need(largest), importance=float(first["importance"]),
                                 performance=float(first["performance"]), gap=float(first["gap"])))
        if len(ties) > 1:
            sentences.append(say("nd_ipa_gap_tie", needs=say.join(say.need(i) for i in ties["item"]),
                                 gap=float(first["gap"])))
    over = rated[rated["quadrant"] == "overkill"]
    sentences.append(say("nd_ipa_overkill", n=len(over), needs=say.join(say.need(i) for i in over["item"]))
                     if len(over) else say("nd_ipa_overkill_none"))
    if len(thin):
        sentences.append(say("nd_ipa_thin", needs=say.join(say.need(i) for i in thin["item"]), min_n=min_ratings))
    if aggregated:
        sentences.append(say("nd_ipa_aggregated"))
    unrated = table[~table.index.isin(rated.index)]
    if len(unrated):
        sentences.append(say("nd_ipa_unrated", n=len(unrated), needs=say.join(say.need(i) for i in unrated["item"])))
    return [finding("n_concentrate", int(len(conc)), label=say("n_concentrate"), sentence=say.sentences(sentences)),
            finding("largest_gap_need", largest, label=say("largest_gap_need"))]


def _kano(table: pd.DataFrame, say: _Say, close_pct: float) -> list[dict[str, Any]]:
    counts = table["category"].value_counts()
    parts = say.join(say("nd_part", name=say.label(c, "category"), value=int(counts[c]))
                     for c in KANO_CATEGORIES if counts.get(c, 0))
    must = table[table["category"] == "M"]
    sentences = [say("nd_kano_counts", parts=parts or say("nd_none_mark")),
                 say("nd_kano_must", needs=say.join(say.need(i) for i in must["attribute"])) if len(must)
                 else say("nd_kano_must_none")]
    answered = table[table["n"] > 0]
    shares = answered[list(KANO_CATEGORIES)].div(answered["n"], axis=0) * 100.0
    top_two = np.sort(shares.to_numpy(dtype=float), axis=1)[:, ::-1][:, :2] if len(shares) else np.empty((0, 2))
    close = answered[(top_two[:, 0] - top_two[:, 1]) < close_pct] if len(shares) else answered
    if len(close):
        sentences.append(say("nd_kano_close", needs=say.join(say.need(i) for i in close["attribute"]),
                             margin=close_pct))
    unanswered = table[table["n"] == 0]
    if len(unanswered):
        sentences.append(say("nd_kano_unanswered", needs=say.join(say.need(i) for i in unanswered["attribute"])))
    return [finding("n_must_be", int(len(must)), label=say("n_must_be"), sentence=say.sentences(sentences))]


# --------------------------------------------------------------------------------------------
# priorities and SMART

def _priorities(table: pd.DataFrame, say: _Say) -> list[dict[str, Any]]:
    keys = ("top_priority_need", "top_priority_label", "top_priority_quadrant", "top_priority_kano")
    if not len(table) or not (table["score"] > 0).any():
        sentence = say("nd_priority_none") if len(table) else ""
        return [finding(k, None, label=say(k), sentence=sentence if k == keys[0] else "") for k in keys]
    top = table.iloc[0]
    quadrant = top.get("quadrant")
    quadrant = quadrant if isinstance(quadrant, str) else None
    kano = top["kano_category"] if isinstance(top["kano_category"], str) else None
    sentences = [say("nd_priority_top", need=say.need(top["need_id"], top["need"]), score=float(top["score"]),
                     quadrant=say.label(quadrant, "quadrant") if quadrant else say("nd_none_mark"),
                     kano=say.label(kano, "kano_category") if kano else say("nd_none_mark"),
                     mentions=float(top["mentions"]))]
    following = table.iloc[1:3]
    if len(following):
        sentences.append(say("nd_priority_next", needs=say.join(say.need(r.need_id, r.need)
                                                                for r in following.itertuples())))
    ties = table[np.isclose(table["score"].astype(float), float(top["score"]))]
    if len(ties) > 1:
        sentences.append(say("nd_priority_tie", needs=say.join(say.need(r.need_id, r.need) for r in ties.itertuples()),
                             score=float(top["score"])))
    values = (top["need_id"], top["need"], quadrant, kano)
    return [finding(k, v, label=say(k), sentence=say.sentences(sentences) if k == keys[0] else "")
            for k, v in zip(keys, values)]


def _smart(name: str, table: pd.DataFrame, say: _Say) -> list[dict[str, Any]]:
    label_key = f"nd_table_{name}"
    shown = say(label_key) if label_key in TEXTS else name
    incomplete = table[~table["smart"].astype(bool)]
    if not len(table):
        sentence = say("nd_smart_empty", table=shown)
    elif not len(incomplete):
        sentence = say("nd_smart_all", table=shown, n=len(table))
    else:
        missing = say.join(
            say("nd_smart_missing", id=row.iloc[0], elements=say.join(
                say(f"nd_element_{e.strip()}") for e in str(row["missing"]).split(",") if e.strip()))
            for _, row in incomplete.iterrows())
        sentence = say("nd_smart", table=shown, n=len(table), complete=len(table) - len(incomplete), missing=missing)
    return [finding(f"smart_incomplete_{name}", int(len(incomplete)), label=say("smart_incomplete", table=name),
                    sentence=sentence)]

