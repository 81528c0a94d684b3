"""The findings of notebook 05: headline figures and conclusion sentences of the satisfaction step, as data.

:func:`findings` turns the analysis tables of :mod:`sqmkit.satisfaction` into a findings table
(:mod:`sqmkit.findings`): every section of the notebook passes its own tables and shows the rows with
:func:`sqmkit.report.show_findings`, which also records the figures to results.json. Sentences come from the
glossary (:mod:`sqmkit.glossary.satisfaction`) in the report's language; every threshold is a keyword
parameter.

Effect sizes stand beside every p value and are named in words by published bands:

==================  ==============================================  ===========================================
effect size         bands (lower edges)                             source
==================  ==============================================  ===========================================
epsilon² (K–W)      0.01 weak, 0.04 moderate, 0.16 relatively       Rea & Parker (1992) bands of r, squared
                    strong, 0.36 strong, 0.64 very strong           (as Tomczak & Tomczak 2014 suggest)
rank-biserial |r|   0.1 weak, 0.2 moderate, 0.4 relatively strong,  Rea & Parker (1992)
                    0.6 strong, 0.8 very strong
Cohen's d, |h|      0.2 small, 0.5 medium, 0.8 large                Cohen (1988), ch. 2 and 6
==================  ==============================================  ===========================================

Below the first edge an effect is *negligible*: a difference with p under ``p_level`` and a negligible effect
is said to be negligible, never that "the groups differ".

Examples
--------
>>> import pandas as pd
>>> overall = pd.DataFrame({"n": [120], "mean": [3.9], "sd": [0.8], "ci_low": [3.76], "ci_high": [4.04],
...                         "top_box_pct": [61.0]})
>>> findings(overall=overall, lang="en")["key"].tolist()
['csat_mean', 'csat_top_box_pct']
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from sqmkit._checks import check_lang
from sqmkit.findings import finding, findings_table
from sqmkit.glossary import column_label, text, theme_label, value_label
from sqmkit.satisfaction.compare import lowest_group

__all__ = ["EPSILON_BANDS", "R_BANDS", "COHEN_BANDS", "effect_band", "findings", "headline_view", "has_trend", "target_map"]

#: Lower edges of weak, moderate, relatively strong, strong, very strong epsilon² (Rea & Parker's r, squared).
EPSILON_BANDS: tuple[float, ...] = (0.01, 0.04, 0.16, 0.36, 0.64)
#: Lower edges of weak … very strong |r| (rank-biserial), Rea & Parker (1992).
R_BANDS: tuple[float, ...] = (0.1, 0.2, 0.4, 0.6, 0.8)
#: Lower edges of small, medium, large Cohen's d and h (Cohen 1988).
COHEN_BANDS: tuple[float, ...] = (0.2, 0.5, 0.8)
_STRENGTH = ("negligible", "weak", "moderate", "relatively_strong", "strong", "very_strong")
_COHEN = ("negligible", "small", "medium", "large")


def effect_band(value: float, bands: Sequence[float]) -> str:
    """The band of an effect size (by its absolute value): ``negligible`` below ``bands[0]``, then the names
    of :data:`EPSILON_BANDS`/:data:`R_BANDS` (five edges) or :data:`COHEN_BANDS` (three edges).

    >>> effect_band(0.002, EPSILON_BANDS), effect_band(0.027, EPSILON_BANDS), effect_band(-0.55, COHEN_BANDS)
    ('negligible', 'weak', 'medium')
    """
    names = _COHEN if len(bands) == len(COHEN_BANDS) else _STRENGTH
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "unknown"
    position = sum(abs(float(value)) >= edge for edge in bands)
    return names[min(position, len(names) - 1)]


def _p(p: float) -> str:
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "= –"
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"


def _t(key: str, lang: str, **fields: Any) -> str:
    return text(key, lang, **fields)


def _band(name: str, lang: str) -> str:
    return _t(f"sat_band_{name}", lang)


def _es_name(name: str, lang: str) -> str:
    return _t(f"sat_es_{name}", lang)


def _dim(name: Any, lang: str) -> str:
    return str(value_label(name, lang, column="dimension"))


def target_map(kpi_targets: pd.DataFrame | None) -> dict[str, float]:
    """The targets of a ``kpi_targets`` table as ``{kpi: target}`` (blank targets left out; no table: empty).

    >>> target_map(pd.DataFrame({"kpi": ["nps", "fcr_pct"], "target": [20, None]}))
    {'nps': 20.0}
    """
    if kpi_targets is None or not {"kpi", "target"} <= set(kpi_targets.columns):
        return {}
    pairs = zip(kpi_targets["kpi"], pd.to_numeric(kpi_targets["target"], errors="coerce"))
    return {str(k): float(t) for k, t in pairs if not pd.isna(t)}


def _period(value: Any, monthly: bool) -> str:
    return f"{pd.Timestamp(value):%Y-%m}" if monthly else f"{pd.Timestamp(value):%Y-%m-%d}"


# ----------------------------------------------------------------------------------------- sections
def _csat_rows(o: pd.Series, target: float | None, scale_min: float, scale_max: float, lang: str) -> list[dict]:
    n, top = int(o["n"]), float(o["top_box_pct"])
    half = 196 * math.sqrt(top / 100 * (1 - top / 100) / n) if n else math.nan   # Wald, in points
    sentence = _t("sat_csat", lang, n=f"{n:,}", mean=f"{o['mean']:.2f}", lo=f"{o['ci_low']:.2f}",
                  hi=f"{o['ci_high']:.2f}", top=f"{top:.1f}", top_lo=f"{max(top - half, 0):.1f}",
                  top_hi=f"{min(top + half, 100):.1f}")
    if target is not None:
        key = "sat_target_met" if top >= target else "sat_target_missed"
        sentence += _t(key, lang, what=_t("csat_top_box_pct", lang), target=f"{target:g} %",
                       gap=f"{abs(top - target):.1f}", unit=_t("sat_pp", lang))
    return [finding("csat_mean", round(float(o["mean"]), 3),
                    label=_t("csat_mean_scale", lang, low=f"{scale_min:g}", high=f"{scale_max:g}")),
            finding("csat_top_box_pct", round(top, 2), label=_t("csat_top_box_pct", lang), unit="%",
                    sentence=sentence)]


def _nps_rows(l: pd.Series, target: float | None, lang: str) -> list[dict]:
    value = float(l["nps"])
    sentence = _t("sat_nps", lang, nps=f"{value:+.1f}", lo=f"{l['ci_low']:+.1f}", hi=f"{l['ci_high']:+.1f}",
                  pro=f"{l['promoters_pct']:.0f}", det=f"{l['detractors_pct']:.0f}")
    if target is not None:
        key = "sat_target_met" if value >= target else "sat_target_missed"
        sentence += _t(key, lang, what="NPS", target=f"{target:+g}", gap=f"{abs(value - target):.1f}",
                       unit=_t("points", lang))
    return [finding("nps", round(value, 2), label=_t("nps", lang), unit=_t("points", lang), sentence=sentence)]


def _group_rows(g: str, table: pd.DataFrame | None, test: pd.DataFrame | None, *, min_group_n: int, p_level: float,
                lang: str) -> list[dict]:
    rows, group, low_name = [], column_label(g, lang), None
    if table is not None and len(table):
        low = lowest_group(table, group=g, min_n=min_group_n)
        if len(low):
            low = low.iloc[0]
            best = lowest_group(table.assign(_neg=-table["top_box_pct"]), group=g, value="_neg",
                                min_n=min_group_n).iloc[0]
            low_name = str(value_label(low[g], lang, column=g))
            rows.append(finding(f"lowest_{g}", str(low[g]), label=_t("lowest_group", lang, group=group),
                                sentence=_t("sat_lowest", lang, group=group, name=low_name,
                                            pct=f"{low['top_box_pct']:.1f}", n=f"{int(low['n']):,}",
                                            best=str(value_label(best[g], lang, column=g)),
                                            high=f"{best['top_box_pct']:.1f}")))
        else:
            rows.append(finding(f"lowest_{g}_none", sentence=_t("sat_lowest_none", lang, group=group, min_n=min_group_n)))
    if test is None:
        return rows
    if not len(test):
        rows.append(finding(f"{g}_test", sentence=_t("sat_one_group", lang, column=group)))
        return rows
    t = test.iloc[0]
    es_kind = str(t["effect_size_name"])
    bands = EPSILON_BANDS if es_kind == "epsilon_squared" else R_BANDS
    band = effect_band(float(t["effect_size"]), bands)
    fields = {"group": group, "test": str(value_label(t["test"], lang, column="test")), "p": _p(float(t["p_value"])),
              "es_name": _es_name(es_kind, lang), "es": f"{float(t['effect_size']):.3f}", "band": _band(band, lang),
              "cut": f"{bands[0]:g}"}
    if float(t["p_value"]) >= p_level:
        key = "sat_test_no_evidence"
    elif band == "negligible":
        key = "sat_test_negligible"
    else:
        key = "sat_test_differ"
    sentence = _t(key, lang, **fields)
    if low_name is not None and key != "sat_test_differ":
        sentence += _t("sat_test_lowest_chance", lang, name=low_name)
    rows.append(finding(f"{g}_test_p", float(t["p_value"]), label=_t("sat_test_p_label", lang, **fields),
                        sentence=sentence))
    return rows


def _trend_rows(trend: pd.DataFrame, key: str, lang: str) -> list[dict]:
    if trend is None or not len(trend):
        return []
    periods = pd.to_datetime(trend["period"])
    monthly = bool((periods.dt.day == 1).all())
    first, last = trend.iloc[0], trend.iloc[-1]
    unit, fmt = (" %", ".1f") if key == "trend_top_box" else ("", "+.1f")
    if len(trend) == 1:
        return [finding(key, sentence=_t(f"sat_{key}_one", lang, period=_period(first["period"], monthly),
                                         value=f"{first['value']:{fmt}}{unit}"))]
    overlap = not (first["ci_high"] < last["ci_low"] or last["ci_high"] < first["ci_low"])
    word = "sat_trend_overlap" if overlap else ("sat_trend_up" if last["value"] > first["value"] else "sat_trend_down")
    return [finding(key, sentence=_t(f"sat_{key}", lang, first=f"{first['value']:{fmt}}{unit}",
                                     last=f"{last['value']:{fmt}}{unit}",
                                     start=_period(first["period"], monthly), end=_period(last["period"], monthly),
                                     low=f"{trend['value'].min():{fmt}}{unit}", high=f"{trend['value'].max():{fmt}}{unit}")
                    + _t(word, lang))]


def _servqual_rows(gaps: pd.DataFrame, lang: str) -> list[dict]:
    dims = gaps[gaps["level"] == "dimension"].sort_values("score", kind="stable")
    if not len(dims):
        return []
    worst, items = dims.iloc[0], gaps[gaps["level"] == "item"].sort_values("score", kind="stable")
    overall = gaps[gaps["level"] == "overall"]
    servqual = str(gaps["method"].iloc[0]) == "servqual"
    fields = {"dim": _dim(worst["dimension"], lang), "score": f"{worst['score']:+.2f}" if servqual
              else f"{worst['score']:.2f}", "item": str(items.iloc[0]["label"]) if len(items) else "–",
              "item_score": (f"{items.iloc[0]['score']:+.2f}" if servqual else f"{items.iloc[0]['score']:.2f}")
              if len(items) else "–"}
    if not servqual:
        key = "sat_servperf"
    elif float(worst["score"]) < 0:
        key = "sat_servqual_short"
    else:
        key = "sat_servqual_none_short"
    sentence = _t(key, lang, **fields)
    if len(dims) > 1:
        nxt = dims.iloc[1]
        sentence += _t("sat_servqual_next", lang, dim=_dim(nxt["dimension"], lang),
                       score=f"{nxt['score']:+.2f}" if servqual else f"{nxt['score']:.2f}")
    if len(overall):
        o = overall.iloc[0]
        sentence += _t("sat_servqual_overall", lang, method=str(gaps["method"].iloc[0]).upper(),
                       score=f"{o['score']:+.2f}", weighted=f"{o['weighted_score']:+.2f}")
    return [finding("weakest_dimension", str(worst["dimension"]), label=_t("weakest_dimension", lang),
                    sentence=sentence),
            finding("weakest_gap", round(float(worst["score"]), 3), label=_t("weakest_gap", lang),
                    unit=_t("points", lang))]


def _phase_rows(gaps_phase: pd.DataFrame, lang: str) -> list[dict]:
    dims = gaps_phase[gaps_phase["level"] == "dimension"]
    weakest = {ph: _dim(part.sort_values("score", kind="stable").iloc[0]["dimension"], lang)
               for ph, part in dims.groupby("phase") if len(part)}
    if not {"before", "after"} <= set(weakest):
        return []
    key = "sat_phase_same" if weakest["before"] == weakest["after"] else "sat_phase_moved"
    return [finding("weakest_dimension_phases", sentence=_t(key, lang, **weakest))]


def _alpha_rows(alpha: pd.DataFrame, analysis: pd.DataFrame | None, alpha_ok: float, lang: str) -> list[dict]:
    if not len(alpha):
        return []
    ordered = alpha.sort_values("alpha", kind="stable")
    low, high = ordered.iloc[0], ordered.iloc[-1]
    below = [_dim(s, lang) for s in ordered.loc[ordered["alpha"] < alpha_ok, "scale"]]
    sentence = _t("sat_alpha", lang, low=f"{low['alpha']:.2f}", low_dim=_dim(low["scale"], lang),
                  lo=f"{low['ci_low']:.2f}", hi=f"{low['ci_high']:.2f}", high=f"{high['alpha']:.2f}",
                  high_dim=_dim(high["scale"], lang), n=len(alpha))
    sentence += (_t("sat_alpha_below", lang, names=_t("list_sep", lang).join(below),
                    cut=f"{alpha_ok:g}") if below else _t("sat_alpha_all_ok", lang, cut=f"{alpha_ok:g}"))
    rows = [finding("alpha_min", round(float(low["alpha"]), 3), label=_t("alpha_min", lang), sentence=sentence)]
    if analysis is not None:
        flagged = int((analysis["flag"].fillna("") != "").sum())
        rows.append(finding("items_flagged", flagged, label=_t("sat_items_flagged_label", lang),
                            sentence=_t("sat_items_flagged" if flagged else "sat_items_none_flagged", lang, n=flagged)))
    return rows


def _driver_rows(drivers: pd.DataFrame, ipa: pd.DataFrame | None, lang: str) -> list[dict]:
    if not len(drivers):
        return []
    top = drivers.loc[drivers["importance_pct"].idxmax()]
    sentence = _t("sat_drivers", lang, r2=f"{drivers['r2'].iloc[0]:.2f}", driver=_dim(top["driver"], lang),
                  pct=f"{top['importance_pct']:.1f}")
    if ipa is not None:
        focus = [_dim(d, lang) for d in ipa.loc[ipa["quadrant"] == "concentrate", "driver"]]
        sentence += (_t("sat_drivers_focus", lang, names=_t("list_sep", lang).join(focus)) if focus
                     else _t("sat_drivers_focus_none", lang))
    return [finding("top_driver", str(top["driver"]), label=_t("top_driver", lang), sentence=sentence),
            finding("top_driver_pct", round(float(top["importance_pct"]), 2), label=_t("top_driver_pct", lang),
                    unit="%")]


def _direction(row: pd.Series, p_level: float, bands: Sequence[float]) -> str:
    """better / worse / negligible (significant but a negligible effect) / no_evidence."""
    p, diff = float(row["p_value"]), float(row["difference"])
    if math.isnan(p) or p >= p_level or diff == 0:
        return "no_evidence"
    if effect_band(float(row.get("effect_size", math.nan)), bands) == "negligible":
        return "negligible"
    return "better" if diff > 0 else "worse"


def _before_after_rows(ba: pd.DataFrame, ba_nps: pd.DataFrame | None, split: Any, p_level: float,
                       lang: str) -> list[dict]:
    m = ba.set_index("measure").loc["mean"]
    p = ba.set_index("measure").loc["top_box_pct"]
    date = "–" if split is None or pd.isna(pd.Timestamp(split)) else f"{pd.Timestamp(split):%Y-%m-%d}"
    verdicts = {"mean": _direction(m, p_level, COHEN_BANDS), "top_box": _direction(p, p_level, COHEN_BANDS)}
    rows = []
    for name, r, unit, fmt in (("mean", m, "", ".2f"), ("top_box", p, " %", ".1f")):
        step = _t("points" if name == "mean" else "sat_pp", lang)
        es_kind = str(r.get("effect_size_name", "cohens_d" if name == "mean" else "cohens_h"))
        es = float(r.get("effect_size", math.nan))
        fields = {"date": date, "before": f"{r['before']:{fmt}}{unit}", "after": f"{r['after']:{fmt}}{unit}",
                  "diff": f"{r['difference']:+{fmt}} {step}", "lo": f"{r['ci_low']:+{fmt}}", "hi": f"{r['ci_high']:+{fmt}}",
                  "test": str(value_label(r["test"], lang, column="test")), "p": _p(float(r["p_value"])),
                  "es_name": _es_name(es_kind, lang), "es": f"{es:+.2f}", "band": _band(effect_band(es, COHEN_BANDS), lang),
                  "what": _t(f"sat_ba_{name}", lang)}
        rows.append(finding(f"before_after_{name}", sentence=_t(f"sat_ba_{verdicts[name]}", lang, **fields)))
    if ba_nps is not None and len(ba_nps):
        q = ba_nps.set_index("measure").loc["top_box_pct"]
        verdict = _direction(q, p_level, COHEN_BANDS)
        rows.append(finding("before_after_promoters", sentence=_t(
            f"sat_ba_{verdict}", lang, date=date, before=f"{q['before']:.1f} %", after=f"{q['after']:.1f} %",
            diff=f"{q['difference']:+.1f} {_t('sat_pp', lang)}", lo=f"{q['ci_low']:+.1f}", hi=f"{q['ci_high']:+.1f}",
            test=str(value_label(q["test"], lang, column="test")), p=_p(float(q["p_value"])),
            es_name=_es_name("cohens_h", lang), es=f"{float(q.get('effect_size', math.nan)):+.2f}",
            band=_band(effect_band(float(q.get("effect_size", math.nan)), COHEN_BANDS), lang),
            what=_t("sat_ba_promoters", lang))))
    moved = {v for v in verdicts.values() if v in ("better", "worse")}
    if moved:
        overall = moved.pop() if len(moved) == 1 else "mixed"
    else:
        overall = "negligible" if "negligible" in verdicts.values() else "no_evidence"
    rows.append(finding("change_verdict", overall, label=_t("sat_change_verdict_label", lang),
                        sentence=_t(f"sat_ba_verdict_{overall}", lang, date=date)))
    figures = {"overall_before": m["before"], "overall_after": m["after"], "overall_change": m["difference"],
               "top_box_before": p["before"], "top_box_after": p["after"]}
    for key, value in figures.items():
        rows.append(finding(key, round(float(value), 6), label=_t(key, lang), unit="%" if "top_box" in key else ""))
    rows.append(finding("overall_change_d", round(float(m.get("effect_size", math.nan)), 4),
                        label=_t("sat_overall_change_d_label", lang)))
    direction = {"mean": _t("sat_dir_" + ("up" if m["difference"] > 0 else "down"), lang),
                 "top_box": _t("sat_dir_" + ("up" if p["difference"] > 0 else "down"), lang)}
    rows.append(finding("overall_change_p", float(m["p_value"]), label=_t(
        "overall_change_p", lang, direction=direction["mean"], diff=f"{m['difference']:+.2f}")))
    rows.append(finding("top_box_change_p", float(p["p_value"]), label=_t(
        "top_box_change_p", lang, direction=direction["top_box"], diff=f"{p['difference']:+.1f}")))
    if ba_nps is not None and len(ba_nps):
        rows.append(finding("nps_promoters_change", round(float(ba_nps.set_index("measure").loc["top_box_pct",
                                                                                          "difference"]), 6),
                            label=_t("nps_promoters_change", lang), unit="%"))
    significant = bool(m["p_value"] < p_level and p["p_value"] < p_level)
    rows.append(finding("change_significant", significant, label=_t("change_significant", lang)))
    return rows


def _comment_rows(themes_all: pd.DataFrame | None, themes_low: pd.DataFrame | None, masked: int | None,
                  low_cut: float | None, lang: str) -> list[dict]:
    rows = []
    if masked is not None:
        rows.append(finding("comments_masked", int(masked), label=_t("comments_masked", lang),
                            sentence=_t("sat_masked" if masked else "sat_masked_none", lang, n=int(masked))))
    if themes_low is None or low_cut is None:
        return rows
    if not len(themes_low) or not themes_low["comments"].sum():
        rows.append(finding("top_theme_low_scores_none", sentence=_t("sat_no_low_comments", lang, cut=f"{low_cut:g}")))
        return rows
    t = themes_low.sort_values("comments", ascending=False, kind="stable").iloc[0]
    share_all = math.nan
    if themes_all is not None and t["theme"] in set(themes_all["theme"]):
        share_all = float(themes_all.set_index("theme").loc[t["theme"], "pct"])
    rows.append(finding("top_theme_low_scores", str(t["theme"]), label=_t("top_theme_low_scores", lang),
                        sentence=_t("sat_top_theme", lang, cut=f"{low_cut:g}", theme=theme_label(t["theme"], lang),
                                    pct=f"{t['pct']:.0f}", all=f"{share_all:.0f}")))
    return rows


# ----------------------------------------------------------------------------------------- findings
def findings(*, overall: pd.DataFrame | None = None, loyalty: pd.DataFrame | None = None,
             kpi_targets: pd.DataFrame | None = None, by_group: Mapping[str, pd.DataFrame] | None = None,
             group_tests: Mapping[str, pd.DataFrame] | None = None, trend: pd.DataFrame | None = None,
             trend_nps: pd.DataFrame | None = None, index: pd.DataFrame | None = None,
             gaps: pd.DataFrame | None = None, gaps_phase: pd.DataFrame | None = None,
             alpha: pd.DataFrame | None = None, item_analysis: pd.DataFrame | None = None,
             drivers: pd.DataFrame | None = None, ipa: pd.DataFrame | None = None,
             before_after: pd.DataFrame | None = None, before_after_nps: pd.DataFrame | None = None,
             split: Any = None, themes_all: pd.DataFrame | None = None, themes_low: pd.DataFrame | None = None,
             masked: int | None = None, low_cut: float | None = None, lang: str = "zh",
             scale_min: float = 1, scale_max: float = 5, min_group_n: int = 5, p_level: float = 0.05,
             alpha_ok: float = 0.7) -> pd.DataFrame:
    """Headline figures and conclusion sentences of notebook 05 from its analysis tables.

    Each table is optional: the rows of the tables given are returned (in the order below), so each section
    of the notebook calls it with its own tables.

    Parameters
    ----------
    overall, loyalty : DataFrame, optional
        :func:`sqmkit.satisfaction.csat` and :func:`sqmkit.satisfaction.nps` over the whole survey.
    kpi_targets : DataFrame, optional
        The workbook's ``kpi_targets`` table; its ``csat_top_box_pct`` and ``nps`` targets are compared.
    by_group, group_tests : mapping of group column to DataFrame, optional
        :func:`csat` ``by=group`` and :func:`group_test` per group column (``channel``, ``segment`` …).
    trend, trend_nps : DataFrame, optional
        :func:`monthly_trend` of the top-box share and of NPS.
    index : DataFrame, optional
        :func:`weighted_index` over the whole survey.
    gaps, gaps_phase : DataFrame, optional
        :func:`servqual_gaps`, and the same ``by="phase"`` (phases ``before``/``after``).
    alpha, item_analysis : DataFrame, optional
        :func:`cronbach_alpha` and :func:`item_analysis`.
    drivers, ipa : DataFrame, optional
        :func:`key_drivers` and :func:`derived_ipa`.
    before_after, before_after_nps : DataFrame, optional
        :func:`before_after` of the overall rating, and of the 0–10 NPS answer (its top box = promoters).
    split : date-like, optional
        The intervention date the before/after tables were split at (named in the sentences).
    themes_all, themes_low : DataFrame, optional
        :func:`sqmkit.satisfaction.themes` of all comments and of the unhappy customers' comments.
    masked : int, optional
        Number of comments with masked contact details (:func:`masked_cells`).
    low_cut : float, optional
        The overall rating at or below which a customer counts as unhappy (:func:`low_score_cut`).
    lang : {"zh", "en"}
    scale_min, scale_max : float, default 1 and 5
        The overall rating's scale (named in the label of ``csat_mean``).
    min_group_n : int, default 5
        A group with fewer rated answers is never named the lowest or the highest.
    p_level : float, default 0.05
        Significance level of the group tests and the before/after tests.
    alpha_ok : float, default 0.7
        Cronbach α at or above which a dimension score is called reliable enough for group comparisons.

    Returns
    -------
    DataFrame
        A findings table (:mod:`sqmkit.findings`). Keys and what the sentences say:

        - ``csat_mean``, ``csat_top_box_pct``: mean rating with its 95 % CI and the top-box share with its
          (Wald) 95 % CI; against the ``csat_top_box_pct`` target: met, or short by how many points.
        - ``nps``: NPS with its 95 % CI, promoters and detractors; against the ``nps`` target.
        - ``lowest_{group}``: the group with the lowest top-box share among groups with ``min_group_n``+
          answers (never the blank group), and the highest; ``lowest_{group}_none`` when fewer than two qualify.
        - ``{group}_test_p``: the rank test's p with its effect size (ε² for Kruskal–Wallis, rank-biserial r
          for Mann–Whitney) in words; p ≥ ``p_level``: no evidence that the groups differ; p < ``p_level``
          with a negligible effect: statistically detectable but negligible; else the groups differ, with
          the band. When the groups do not differ meaningfully, it adds that the lowest group's lag may be
          chance. ``{group}_test`` (no value): no test possible.
        - ``trend_top_box``, ``trend_nps`` (sentences): first and last period, range, and whether the last
          period lies outside the first period's interval (up / down) or not (no clear change).
        - ``satisfaction_index``: the weighted index and its n.
        - ``weakest_dimension``, ``weakest_gap``: the dimension with the most negative gap (below
          expectations), or the smallest margin when none falls short; SERVPERF: the lowest perception
          score; its worst item, the next dimension, the overall score. ``weakest_dimension_phases``: the
          weakest dimension before and after the split (same or moved).
        - ``alpha_min``: the range of Cronbach α with the lowest one's Feldt CI; which dimensions stay below
          ``alpha_ok``. ``items_flagged``: items flagged reverse-coded, weak or constant.
        - ``top_driver``, ``top_driver_pct``: R², the strongest driver, the dimensions to concentrate on.
        - ``before_after_mean``, ``before_after_top_box``, ``before_after_promoters`` (sentences): rose /
          fell (p < ``p_level`` and a Cohen's d or h of at least small), a change that is significant but
          negligible, or no evidence of change — each with the difference, its 95 % CI, the p value and the
          effect size. ``change_verdict`` (``better`` / ``worse`` / ``mixed`` / ``negligible`` /
          ``no_evidence``) and its sentence; figures ``overall_before``, ``overall_after``,
          ``overall_change``, ``overall_change_d``, ``overall_change_p`` (label with the direction),
          ``top_box_before``, ``top_box_after``, ``top_box_change_p``, ``nps_promoters_change``,
          ``change_significant`` (both p values below ``p_level``, either direction).
        - ``comments_masked``; ``top_theme_low_scores``: the most frequent theme of unhappy customers (its
          label, never the code) against its share of all comments; ``top_theme_low_scores_none``.

    Examples
    --------
    >>> import pandas as pd
    >>> test = pd.DataFrame([{"test": "kruskal_wallis", "statistic": 6.44, "df": 2.0, "p_value": 0.040,
    ...                       "effect_size": 0.0021, "effect_size_name": "epsilon_squared", "n": 3000, "groups": 3}])
    >>> print(findings(group_tests={"segment": test}, lang="en")["sentence"].iloc[0])  # doctest: +ELLIPSIS
    Segment: the difference is statistically detectable (Kruskal–Wallis test, p = 0.040) but negligible ...
    """
    check_lang(lang)
    targets = target_map(kpi_targets)
    rows: list[dict] = []
    if overall is not None and len(overall):
        rows += _csat_rows(overall.iloc[0], targets.get("csat_top_box_pct"), scale_min, scale_max, lang)
    if loyalty is not None and len(loyalty):
        rows += _nps_rows(loyalty.iloc[0], targets.get("nps"), lang)
    for g in dict.fromkeys([*(by_group or {}), *(group_tests or {})]):
        rows += _group_rows(g, (by_group or {}).get(g), None if group_tests is None else group_tests.get(g),
                            min_group_n=min_group_n, p_level=p_level, lang=lang)
    if trend is not None:
        rows += _trend_rows(trend, "trend_top_box", lang)
    if trend_nps is not None:
        rows += _trend_rows(trend_nps, "trend_nps", lang)
    if index is not None and len(index):
        i = index.iloc[0]
        rows.append(finding("satisfaction_index", round(float(i["score"]), 2), label=_t("satisfaction_index", lang),
                            sentence=_t("sat_index", lang, score=f"{i['score']:.1f}", n=f"{int(i['n']):,}")))
    if gaps is not None and len(gaps):
        rows += _servqual_rows(gaps, lang)
    if gaps_phase is not None and len(gaps_phase):
        rows += _phase_rows(gaps_phase, lang)
    if alpha is not None:
        rows += _alpha_rows(alpha, item_analysis, alpha_ok, lang)
    if drivers is not None:
        rows += _driver_rows(drivers, ipa, lang)
    if before_after is not None and len(before_after):
        rows += _before_after_rows(before_after, before_after_nps, split, p_level, lang)
    rows += _comment_rows(themes_all, themes_low, masked, low_cut, lang)
    return findings_table(rows)


def headline_view(headlines: Mapping[str, Mapping[str, Any]], *, lang: str = "zh") -> pd.DataFrame:
    """The recorded headline figures (``Recorder.headlines``) as the client reads them: coded values (a theme,
    a dimension, a verdict) by their labels; columns ``label, value, unit, key``.

    >>> headline_view({"top_theme_low_scores": {"value": "waiting", "label": "Top theme", "unit": None}}, lang="en")
           label               value unit                   key
    0  Top theme  Waiting / response       top_theme_low_scores
    """
    rows = []
    for key, entry in headlines.items():
        value = entry.get("value")
        column = "theme" if key == "top_theme_low_scores" else "dimension" if key in ("weakest_dimension", "top_driver") \
            else key
        rows.append({"label": entry.get("label") or key, "value": value_label(value, lang, column=column),
                     "unit": entry.get("unit") or "", "key": key})
    return pd.DataFrame(rows, columns=["label", "value", "unit", "key"])


def has_trend(table: pd.DataFrame | None) -> bool:
    """Whether a :func:`monthly_trend` table holds a trend to draw: at least two periods.

    >>> has_trend(pd.DataFrame({"period": pd.to_datetime(["2025-01-01"]), "value": [50.0]}))
    False
    """
    return table is not None and table["period"].nunique() >= 2
