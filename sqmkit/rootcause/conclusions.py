"""The findings of notebook 03: headline figures and conclusion sentences of the root-cause step, as data.

:func:`findings` reads the analysis tables of :mod:`sqmkit.rootcause` (the Pareto, the before/after
Pareto, the fishbone, the 5-Why chains, the cause priorities, the action coverage) and returns a
findings table (:mod:`sqmkit.findings`): each figure with its label, and each conclusion as a sentence
in the report's language, from the glossary (:mod:`sqmkit.glossary.rootcause`). The notebook shows them
with :func:`sqmkit.report.show_findings`; it decides nothing itself. Re-exported by :mod:`sqmkit.rootcause`.

Examples
--------
>>> import pandas as pd
>>> from sqmkit import rootcause
>>> pareto = rootcause.pareto_table(pd.DataFrame({"category": list("AAABBC")}), category="category")
>>> table = rootcause.findings(pareto=pareto, lang="en")
>>> table.set_index("key").loc["vital_few_categories", "value"]
'A, B'
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from sqmkit._checks import argument_error, check_lang
from sqmkit.exceptions import DataValidationError
from sqmkit.findings import finding, findings_table
from sqmkit.glossary import BLANK, text, value_label
from sqmkit.rootcause.pareto import OTHER

__all__ = ["findings", "share_test"]

_UNNAMED = (BLANK, OTHER)   # groups that are never named as the largest category
_PICKED = ("parameter", "worked", "first", "causes")   # pick_problem's reasons (glossary rc_reason_…)


def share_test(hits_1: float, total_1: float, hits_2: float, total_2: float, *,
               min_expected: float = 5.0) -> dict[str, Any]:
    """Did a category's share of all records change between two periods? A test on the 2×2 table of counts.

    Parameters
    ----------
    hits_1, total_1, hits_2, total_2 : float
        Records of the category and records in all, in the first and in the second period (whole numbers).
    min_expected : float
        The smallest expected cell count for Pearson's χ² test (default 5, Cochran's rule); below it
        Fisher's exact test is used.

    Returns
    -------
    dict
        ``share_1``, ``share_2`` (percent), ``diff_pts`` (share_2 − share_1, percentage points), ``p``
        (two-sided), ``test`` (``"chi2"`` or ``"fisher"``).

    Notes
    -----
    χ² without continuity correction (R's ``prop.test(..., correct = FALSE)``); Fisher's exact test as
    R's ``fisher.test`` (two-sided, the sum of the probabilities of tables no more likely than the one
    observed).

    References
    ----------
    Agresti, A. (2013). *Categorical Data Analysis*, 3rd ed., Wiley, §3.2 and §3.5.
    Cochran, W. G. (1954). Some methods for strengthening the common χ² tests. *Biometrics* 10, 417–451.

    Examples
    --------
    >>> round(share_test(15, 50, 25, 50)["p"], 4)   # R: prop.test(c(15, 25), c(50, 50), correct = FALSE)
    0.0412
    """
    from scipy import stats

    counts = np.array([[hits_1, total_1 - hits_1], [hits_2, total_2 - hits_2]], dtype=float)
    if (counts < 0).any() or min(total_1, total_2) <= 0:
        raise DataValidationError(
            f"The counts must hold 0 ≤ hits ≤ total and a positive total, but {counts.tolist()} was passed.")
    share_1, share_2 = 100 * hits_1 / total_1, 100 * hits_2 / total_2
    expected = np.outer(counts.sum(axis=1), counts.sum(axis=0)) / counts.sum()
    if (counts.sum(axis=0) == 0).any():   # the category is all or none of the records in both periods
        p, test = 1.0, "fisher"
    elif expected.min() < min_expected:
        p, test = float(stats.fisher_exact(counts.round().astype(int))[1]), "fisher"
    else:
        p, test = float(stats.chi2_contingency(counts, correction=False)[1]), "chi2"
    return {"share_1": share_1, "share_2": share_2, "diff_pts": share_2 - share_1, "p": p, "test": test}


def _p_text(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def _join(items: list[str], lang: str) -> str:
    return text("list_sep", lang).join(items)


def _sentences(parts: list[str], lang: str) -> str:
    """Sentences as one paragraph (Chinese sentences follow each other without a space)."""
    out = parts[0]
    for part in parts[1:]:
        out = text("rc_f_then", lang, first=out, second=part)
    return out


def _named(category: Any, lang: str) -> str:
    return str(value_label(category, lang)) if category in _UNNAMED else str(category)


def _same(a: Any, b: Any) -> bool:
    return pd.notna(a) and pd.notna(b) and str(a).strip().lower() == str(b).strip().lower()


def _one_row(problem: Any) -> pd.Series | None:
    if problem is None:
        return None
    row = problem.iloc[0] if isinstance(problem, pd.DataFrame) else pd.Series(problem)
    pid = row.get("problem_id")
    return None if pid is None or pd.isna(pid) or str(pid) == "" else row


def _what(weight: str | None, lang: str) -> str:
    return text("rc_what_count", lang) if weight is None else text("rc_what_weight", lang, weight=weight)


def _number(value: Any) -> int | float:
    value = float(value)
    return int(value) if value.is_integer() else round(value, 2)


# ------------------------------------------------------------------------------------------ sections
def _pareto_rows(pareto: pd.DataFrame, problem: pd.Series | None, *, weight: str | None, lang: str,
                 min_records: int, max_listed: int) -> list[dict[str, Any]]:
    total = float(pareto["value"].sum())
    what = _what(weight, lang)
    vital = pareto[pareto["vital_few"].astype(bool)]
    share = float(vital["cum_pct"].iloc[-1])
    label_total = text("complaints_total", lang) if weight is None else text("weight_total", lang, weight=weight)
    rows = [finding("complaints_total", _number(total), label=label_total)]
    named = pareto[~pareto["category"].isin(_UNNAMED)]
    if len(pareto) == 1:
        only = _named(pareto["category"].iloc[0], lang)
        sentence = text("rc_f_one_category", lang, total=total, what=what, category=only)
    else:
        listed = vital.iloc[:max_listed]
        items = [text("rc_f_item_pct", lang, category=_named(c, lang), pct=p)
                 for c, p in zip(listed["category"], listed["pct"])]
        if len(vital) > len(listed):
            items.append(text("rc_f_more", lang, k=len(vital) - len(listed)))
        sentence = text("rc_f_vital", lang, n=len(vital), n_total=len(pareto), items=_join(items, lang), share=share,
                        total=total, what=what)
    rows += [finding("vital_few_n", len(vital), label=text("vital_few_n", lang), sentence=sentence),
             finding("vital_few_categories", text("list_sep", lang).join(_named(c, lang) for c in vital["category"].iloc[:max_listed])
                     + ("…" if len(vital) > max_listed else ""),
                     label=text("vital_few_categories", lang)),
             finding("vital_few_share_pct", round(share, 1), label=text("vital_few_share_pct", lang), unit="%")]
    if total < min_records:
        rows.append(finding("pareto_few_records", sentence=text("rc_f_few_records", lang, total=total,
                                                                  min_records=min_records)))
    first = pareto.iloc[0]
    if first["category"] == BLANK:
        rows.append(finding("largest_blank", sentence=text("rc_f_largest_blank", lang, what=what,
                                                           value=first["value"], pct=first["pct"])))
    if named.empty:
        return rows
    top = named[named["value"] == named["value"].iloc[0]]
    if len(top) > 1:
        largest = text("rc_f_largest_tie", lang, items=_join([str(c) for c in top["category"]], lang),
                       value=top["value"].iloc[0], pct=top["pct"].iloc[0])
    else:
        largest = text("rc_f_largest", lang, category=top["category"].iloc[0], value=top["value"].iloc[0],
                       pct=top["pct"].iloc[0])
    rows.append(finding("largest_category", str(top["category"].iloc[0]), label=text("largest_category", lang),
                        sentence=largest if len(pareto) > 1 else ""))
    if problem is not None:
        rows.append(_workshop_row(pareto, top, problem, lang))
    return rows


def _workshop_row(pareto: pd.DataFrame, top: pd.DataFrame, problem: pd.Series, lang: str) -> dict[str, Any]:
    """Does the problem under study address the largest category? Said only when the data say so."""
    linked = problem.get("category", pd.NA)
    statement = "" if pd.isna(problem.get("statement", pd.NA)) else str(problem["statement"])
    picked = problem.get("picked")
    picked = picked if isinstance(picked, str) and picked in _PICKED else "first"
    fields = {"problem_id": problem["problem_id"], "statement": statement,
              "category": _join([str(c) for c in top["category"]], lang),
              "reason": text(f"rc_reason_{picked}", lang)}
    if pd.notna(linked) and str(linked).strip():
        matches = any(_same(linked, c) for c in top["category"])
    else:   # no category column: linked when the statement names a largest category (two characters or more)
        named = [c for c in top["category"] if len(str(c).strip()) >= 2 and str(c).strip().lower() in statement.lower()]
        matches = bool(named)
        if matches:
            linked = named[0]
    label = text("workshop_on_largest", lang)
    if matches:
        sentence = text("rc_f_workshop_matches", lang, **{**fields, "category": str(linked)})
        return finding("workshop_on_largest", True, label=label, sentence=sentence)
    if pd.isna(linked) or not str(linked).strip():
        return finding("workshop_on_largest", None, label=label,
                       sentence=text("rc_f_workshop_unlinked", lang, **fields))
    hit = pareto.reset_index(drop=True)
    hit = hit[[_same(linked, c) for c in hit["category"]]]
    where = (text("rc_f_rank_of", lang, rank=int(hit.index[0]) + 1, n=len(pareto), pct=float(hit["pct"].iloc[0]))
             if len(hit) else text("rc_f_not_ranked", lang))
    return finding("workshop_on_largest", False, label=label,
                   sentence=text("rc_f_workshop_other", lang, linked=str(linked), where=where, **fields))


def _compare_rows(compare: pd.DataFrame, *, weight: str | None, split: Any, lang: str, alpha: float,
                  min_expected: float) -> list[dict[str, Any]]:
    periods = list(pd.unique(compare["period"]))
    first, second = (compare[compare["period"] == p] for p in periods[:2])
    totals = float(first["value"].sum()), float(second["value"].sum())
    what = _what(weight, lang)
    date = f"{pd.Timestamp(split):%Y-%m-%d}" if split is not None and not pd.isna(split) else "—"
    rows = []
    change = 100 * (totals[1] / totals[0] - 1) if totals[0] > 0 else np.nan
    if totals[1] == totals[0]:
        sentence = text("rc_f_total_same", lang, date=date, what=what, before=totals[0])
    else:
        direction = text("rc_dir_fell" if totals[1] < totals[0] else "rc_dir_rose", lang)
        sentence = text("rc_f_total_moved", lang, date=date, what=what, direction=direction, before=totals[0],
                        after=totals[1], change=change)
    rows.append(finding("complaints_change_pct", round(change, 1) if np.isfinite(change) else None, unit="%",
                        label=text("complaints_change_pct", lang, what=what), sentence=sentence))
    named = first[~first["category"].isin(_UNNAMED) & (first["value"] > 0)]
    if named.empty:
        return rows
    top = named.iloc[0]
    category = str(top["category"])
    after = float(second.loc[second["category"] == top["category"], "value"].sum())
    before = float(top["value"])
    if after == before:
        sentence = text("rc_f_top_same", lang, category=category, before=before)
    else:
        direction = text("rc_dir_fell" if after < before else "rc_dir_rose", lang)
        sentence = text("rc_f_top_moved", lang, category=category, direction=direction, before=before, after=after,
                        change=float(top["change_pct"]))
    rows.append(finding("top_category_change_pct", round(float(top["change_pct"]), 1), unit="%",
                        label=text("category_change", lang, category=category), sentence=sentence))
    s1, s2 = 100 * before / totals[0], 100 * after / totals[1] if totals[1] > 0 else np.nan
    pts_label = text("top_category_share_change_pts", lang, category=category)
    if weight is not None or not np.isfinite(s2):
        if np.isfinite(s2):
            rows.append(finding("top_category_share_change_pts", round(s2 - s1, 1), label=pts_label,
                                sentence=text("rc_f_share_untested", lang, what=what, s1=s1, s2=s2, diff=s2 - s1)))
        return rows
    test = share_test(before, totals[0], after, totals[1], min_expected=min_expected)
    test_name = text(f"rc_test_{test['test']}", lang)
    fields = {"what": what, "s1": s1, "s2": s2, "diff": s2 - s1, "test": test_name, "p": _p_text(test["p"])}
    if test["p"] < alpha:
        direction = text("rc_dir_fell" if s2 < s1 else "rc_dir_rose", lang)
        sentence = text("rc_f_share_changed", lang, direction=direction, **fields)
    else:
        sentence = text("rc_f_share_no_evidence", lang, **fields)
    rows += [finding("top_category_share_change_pts", round(s2 - s1, 1), label=pts_label, sentence=sentence),
             finding("top_category_share_p", round(test["p"], 6),
                     label=text("top_category_share_p", lang, category=category, test=test_name))]
    return rows


def _fishbone_rows(fishbone: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    verified = fishbone[fishbone["verified"].astype(bool)]
    rows = [finding("causes_n", len(fishbone), label=text("causes_n", lang)),
            finding("causes_verified_n", len(verified), label=text("causes_verified_n", lang))]
    if fishbone.empty:
        return rows
    sentences = [text("rc_f_fishbone", lang, n=len(fishbone), bones=fishbone["bone"].nunique(),
                      sub=int((fishbone["level"] > 1).sum()), depth=int(fishbone["level"].max()))]
    top = fishbone[fishbone["top_voted"].astype(bool)].sort_values("votes", ascending=False, kind="stable")
    if len(top):
        items = [text("rc_f_item_votes", lang, cause=c, votes=float(v)) for c, v in zip(top["cause"], top["votes"])]
        sentences.append(text("rc_f_top_voted", lang, items=_join(items, lang)))
    else:
        sentences.append(text("rc_f_no_votes", lang))
    if len(verified):
        items = [text("rc_f_item_bone", lang, cause=c, bone=b) for c, b in zip(verified["cause"], verified["bone"])]
        sentences.append(text("rc_f_verified", lang, items=_join(items, lang)))
    else:
        sentences.append(text("rc_f_none_verified", lang))
    rows[0]["sentence"] = _sentences(sentences, lang)
    return rows


def _why_rows(chains: pd.DataFrame | None, checklist: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    roots = chains[chains["is_root"].astype(bool)] if chains is not None else checklist[~checklist["no_root"]]
    n_roots = len(roots)
    flagged = checklist[checklist["flagged"].astype(bool)]
    rows = [finding("why_chains_n", len(checklist), label=text("why_chains_n", lang)),
            finding("root_causes_n", n_roots, label=text("root_causes_n", lang)),
            finding("chains_flagged", len(flagged), label=text("chains_flagged", lang))]
    if checklist.empty:
        return rows
    lo, hi = int(checklist["n_steps"].min()), int(checklist["n_steps"].max())
    if n_roots:
        names = roots["because"] if "because" in roots else roots["root"]
        items = [text("rc_f_item_root", lang, root=r, cause_id=c if pd.notna(c) else "—")
                 for r, c in zip(names, roots["cause_id"])]
        rows[1]["sentence"] = text("rc_f_chains", lang, n=len(checklist), lo=lo, hi=hi, roots=n_roots,
                                   items=_join(items, lang))
    else:
        rows[1]["sentence"] = text("rc_f_chains_no_root", lang, n=len(checklist), lo=lo, hi=hi)
    if len(flagged):
        items = [text("rc_f_item_note", lang, chain=c, note=n) for c, n in zip(flagged["chain_id"], flagged["note"])]
        rows[2]["sentence"] = text("rc_f_flagged", lang, k=len(flagged), items=text("clause_sep", lang).join(items))
    else:
        rows[2]["sentence"] = text("rc_f_none_flagged", lang)
    return rows


def _priority_rows(priorities: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    if priorities.empty:
        return []
    best = priorities[priorities["score"] == priorities["score"].max()]
    score = float(best["score"].iloc[0])
    if len(best) > 1:
        sentence = text("rc_f_top_score_tie", lang, items=_join([str(c) for c in best["cause"]], lang), score=score)
    else:
        sentence = text("rc_f_top_score", lang, cause=best["cause"].iloc[0], score=score)
    unverified = priorities[~priorities["verified"].astype(bool)]
    if len(unverified):
        extra = text("rc_f_next_verify", lang, cause=unverified["cause"].iloc[0],
                     score=float(unverified["score"].iloc[0]))
    else:
        extra = text("rc_f_all_verified", lang)
    sentence = _sentences([sentence, extra], lang)
    top = _join([str(c) for c in best["cause"]], lang)
    return [finding("top_cause", top, label=text("top_cause", lang), sentence=sentence)]


def _coverage_rows(coverage: pd.DataFrame, drafts: pd.DataFrame | None, lang: str) -> list[dict[str, Any]]:
    done = coverage[coverage["covered"].astype(bool)]
    n_new = len(drafts) if drafts is not None else int((~coverage["covered"].astype(bool)).sum())
    rows = [finding("root_causes_covered", len(done), label=text("root_causes_covered", lang)),
            finding("countermeasures_new", n_new, label=text("countermeasures_new", lang))]
    if coverage.empty:
        rows[0]["sentence"] = text("rc_f_no_root_causes", lang)
        return rows
    if len(done):
        items = [text("rc_f_item_actions", lang, cause=c, actions=a) for c, a in zip(done["cause"], done["action_ids"])]
        rows[0]["sentence"] = text("rc_f_covered", lang, done=len(done), n=len(coverage), items=_join(items, lang))
    else:
        rows[0]["sentence"] = text("rc_f_none_covered", lang, n=len(coverage))
    open_ids = (list(drafts["cause_id"]) if drafts is not None
                else list(coverage.loc[~coverage["covered"].astype(bool), "cause_id"]))
    if open_ids:
        rows[1]["sentence"] = text("rc_f_drafts", lang, k=len(open_ids), items=_join([str(c) for c in open_ids], lang))
    else:
        rows[1]["sentence"] = text("rc_f_all_covered", lang)
    return rows


# ------------------------------------------------------------------------------------------ findings
def findings(*, pareto: pd.DataFrame | None = None, problem: Any = None, compare: pd.DataFrame | None = None,
             fishbone: pd.DataFrame | None = None, chains: pd.DataFrame | None = None,
             checklist: pd.DataFrame | None = None, priorities: pd.DataFrame | None = None,
             coverage: pd.DataFrame | None = None, drafts: pd.DataFrame | None = None,
             weight: str | None = None, split: Any = None, lang: str = "zh", alpha: float = 0.05,
             min_expected: float = 5.0, min_records: int = 30, max_listed: int = 10) -> pd.DataFrame:
    """The headline figures and conclusion sentences of the root-cause step, from its analysis tables.

    Each section of notebook 03 calls it with its own tables; only the rows of the tables given come back.

    Parameters
    ----------
    pareto : DataFrame, optional
        :func:`~sqmkit.rootcause.pareto_table` of the complaints, unpooled (``max_categories`` unset).
    problem : Series or one-row DataFrame, optional
        :func:`~sqmkit.rootcause.pick_problem`: the problem the workshop studies. With ``pareto``, says
        whether it addresses the largest category (from its ``category``; without one, from the
        statement naming the category).
    compare : DataFrame, optional
        :func:`~sqmkit.rootcause.pareto_compare` of the two periods (the first period is "before").
    fishbone : DataFrame, optional
        :func:`~sqmkit.rootcause.fishbone_table` of the problem.
    chains, checklist : DataFrame, optional
        :func:`~sqmkit.rootcause.why_chains` and :func:`~sqmkit.rootcause.why_checklist` (the checklist is
        needed for the 5-Why rows; the chains give the root texts).
    priorities : DataFrame, optional
        :func:`~sqmkit.rootcause.prioritise_causes`.
    coverage, drafts : DataFrame, optional
        :func:`~sqmkit.rootcause.action_coverage` and :func:`~sqmkit.rootcause.countermeasures` (the draft rows).
    weight : str, optional
        The Pareto's weight column (None: complaints are counted); names the total and switches off the
        share test, which needs counts.
    split : date-like, optional
        The before/after split date, named in the comparison sentence.
    lang : {"zh", "en"}
        Language of labels and sentences.
    alpha : float
        Significance level of the share test (default 0.05): below it the top category's share "fell" or
        "rose", else "no evidence that the share changed".
    min_expected : float
        Smallest expected count for the χ² test of the share; below it Fisher's exact test (default 5).
    min_records : int
        A Pareto of fewer records than this (default 30) gets a sentence that the ranking is a first look.
    max_listed : int
        At most this many vital categories are named (default 10); the sentence says how many more there
        are, and ``vital_few_categories`` ends with "…".

    Returns
    -------
    DataFrame
        Columns key, value, unit, label, sentence (:func:`sqmkit.findings.findings_table`). Keys:

        - ``complaints_total`` (records, or the sum of ``weight``); ``vital_few_n`` with the sentence
          naming the vital few and their share (or, with one category, that a Pareto cannot rank it);
          ``vital_few_categories`` (the first ``max_listed``, joined with the glossary's ``list_sep``); ``vital_few_share_pct``;
          ``pareto_few_records`` (sentence only, when the total is under ``min_records``);
          ``largest_blank`` (sentence only, when the largest group has no category: it is never named as
          the largest category); ``largest_category`` (the largest named category; ties are all named).
        - ``workshop_on_largest`` (with ``problem``): True when the problem addresses the largest
          category ("studies … which addresses the largest category"); False when its ``category`` is
          another one (the sentence names it, its rank and the largest); None when the problems table does
          not link the problem to a category (the sentence says which problem is studied and why it was
          picked, and that the report does not claim it is the largest category).
        - ``complaints_change_pct`` (total after vs before: "fell", "rose" or "stayed");
          ``top_category_change_pct`` (the former top named category); ``top_category_share_change_pts``
          and ``top_category_share_p`` (its share of all complaints, χ² or Fisher test: below ``alpha``
          the share "fell"/"rose", else "no evidence that the share changed"; weighted totals untested).
        - ``causes_n``, ``causes_verified_n`` (the fishbone: bones, sub-causes, top-voted, verified — or
          "no cause is verified yet", "no cause has votes yet").
        - ``why_chains_n``, ``root_causes_n`` (chains, steps, roots — or "none reaches a root cause yet"),
          ``chains_flagged`` (the flagged chains and why, or "no chain is flagged").
        - ``top_cause`` (highest score; a tie names every cause sharing it; the best unverified candidate
          to check next, or "every cause on the list is verified").
        - ``root_causes_covered``, ``countermeasures_new`` (root causes with actions, those still needing
          one, or "every root cause already has an action"; none at all: "no root cause is identified yet").

    Examples
    --------
    >>> import pandas as pd
    >>> from sqmkit import rootcause
    >>> b = pd.DataFrame({"c": ["A"] * 60 + ["B"] * 40}); a = pd.DataFrame({"c": ["A"] * 20 + ["B"] * 40})
    >>> table = rootcause.findings(compare=rootcause.pareto_compare(b, a, category="c"), split="2025-07-01", lang="en")
    >>> print(table.set_index("key").loc["top_category_share_change_pts", "sentence"])
    Its share of all complaints went from 60.0 % to 33.3 % (-26.7 points, χ² test, p = 0.001): the share fell.
    """
    check_lang(lang)
    if not 0 < float(alpha) < 1:
        raise argument_error("alpha", alpha, "must_between", low=0, high=1)
    rows: list[dict[str, Any]] = []
    if pareto is not None and len(pareto):
        rows += _pareto_rows(pareto, _one_row(problem), weight=weight or None, lang=lang, min_records=min_records,
                             max_listed=max_listed)
    if compare is not None and len(compare):
        rows += _compare_rows(compare, weight=weight or None, split=split, lang=lang, alpha=float(alpha),
                              min_expected=min_expected)
    if fishbone is not None:
        rows += _fishbone_rows(fishbone, lang)
    if checklist is not None:
        rows += _why_rows(chains, checklist, lang)
    if priorities is not None:
        rows += _priority_rows(priorities, lang)
    if coverage is not None:
        rows += _coverage_rows(coverage, drafts, lang)
    return findings_table(rows)
