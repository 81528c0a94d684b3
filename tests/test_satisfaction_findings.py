"""sqmkit.satisfaction.findings on the sample and on counterfactual variants of it, built in-process from the
sample's survey: the actions did nothing, satisfaction got worse, a tie between groups, a tiny group, a blank
group, a negligible but significant difference. Both languages; Chinese sentences hold no English words
except method names."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from sqmkit import io, satisfaction as sat
from sqmkit.glossary import BLANK
from sqmkit.satisfaction import comments as text

# method names and symbols a Chinese sentence may hold
METHOD_WORDS = {"CSAT", "NPS", "SERVQUAL", "SERVPERF", "top", "Top", "box", "CI", "Kruskal", "Wallis", "Mann", "Whitney",
                "Welch", "Cronbach", "Cohen", "s", "d", "h", "p", "r", "t", "z", "n", "R", "P", "E"}
LATIN = re.compile(r"[A-Za-z]+")


def english_in(sentence: str) -> set[str]:
    return set(LATIN.findall(sentence)) - METHOD_WORDS


@pytest.fixture(scope="module")
def sample():
    wb = io.load_workbook("")
    cfg = wb.config["survey"]
    survey = sat.survey_frame(wb.get("survey"), config=cfg)
    return {"survey": survey, "cfg": cfg, "split": pd.Timestamp(wb.config["intervention_date"]),
            "targets": wb.get("kpi_targets")}


def tables(survey: pd.DataFrame, cfg, split, lang="zh") -> dict:
    items, weights = sat.survey_items(cfg), sat.dimension_weights(cfg)
    scores = sat.dimension_scores(survey, items=items)
    phased = survey.assign(phase=(survey["date"] >= split).map({False: "before", True: "after"}))
    measurable = sat.measurable_items(survey, items=items)
    drivers = sat.key_drivers(scores, outcome="overall", drivers=list(weights))
    cut = sat.low_score_cut(cfg)
    return {"overall": sat.csat(survey, score="overall"), "loyalty": sat.nps(survey, score="nps"),
            "by_group": {g: sat.csat(survey, score="overall", by=g) for g in ("channel", "segment")},
            "group_tests": {g: sat.group_test(survey, score="overall", group=g) for g in ("channel", "segment")},
            "trend": sat.monthly_trend(survey, score="overall", date="date", statistic="top_box_pct"),
            "index": sat.weighted_index(scores, weights=weights, scale_min=1, scale_max=7),
            "gaps": sat.servqual_gaps(survey, items=items, dimension_weights=weights),
            "gaps_phase": sat.servqual_gaps(phased, items=items, by="phase"),
            "alpha": sat.cronbach_alpha(survey, items=measurable),
            "item_analysis": sat.item_analysis(survey, items=measurable),
            "drivers": drivers, "ipa": sat.derived_ipa(drivers),
            "before_after": sat.before_after(survey, score="overall", date="date", split=split),
            "before_after_nps": sat.before_after(survey, score="nps", date="date", split=split, scale_max=10),
            "split": split, "themes_all": text.themes(survey, text="comment", score="overall", lang=lang),
            "themes_low": text.themes(survey[survey["overall"] <= cut], text="comment", score="overall", lang=lang),
            "masked": text.masked_cells(survey["comment"]), "low_cut": cut}


def rows(f: pd.DataFrame) -> dict:
    return {r.key: r for r in f.itertuples(index=False)}


def no_change(survey: pd.DataFrame, split) -> pd.DataFrame:
    """The actions did nothing: the answers after the split are a copy of the answers before it, re-dated."""
    before = survey[survey["date"] < split]
    after = before.assign(date=before["date"] + (split - before["date"].min()))
    return pd.concat([before, after], ignore_index=True)


def worse(survey: pd.DataFrame, split) -> pd.DataFrame:
    """Satisfaction got worse: every rating after the split is lowered by two points (floored at 1)."""
    late = survey["date"] >= split
    out = survey.copy()
    out.loc[late, "overall"] = (out.loc[late, "overall"] - 2).clip(lower=1)
    out.loc[late, "nps"] = (out.loc[late, "nps"] - 4).clip(lower=0)
    return out


# --------------------------------------------------------------------------- the sample
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sample_findings_say_direction_size_and_uncertainty(sample, lang):
    t = tables(sample["survey"], sample["cfg"], sample["split"], lang)
    f = sat.findings(**t, kpi_targets=sample["targets"], lang=lang)
    r = rows(f)
    assert r["change_verdict"].value == "better" and r["change_significant"].value is True
    mean = r["before_after_mean"].sentence
    assert ("升至" if lang == "zh" else "rose") in mean and "Cohen's d = +0.58" in mean and "95% CI" in mean.replace(
        "95 % CI", "95% CI")
    # segment: p = 0.040 with epsilon^2 = 0.002 is said to be negligible, never "the groups differ"
    seg = r["segment_test_p"].sentence
    assert "p = 0.040" in seg and "ε² = 0.002" in seg
    assert ("可以忽略" if lang == "zh" else "negligible") in seg
    assert ("存在差异" if lang == "zh" else "groups differ") not in seg
    # channel: a real but weak difference
    assert ("效应弱" if lang == "zh" else "the effect is weak") in r["channel_test_p"].sentence
    # theme label, never the code; the value stays the code (results.json)
    assert r["top_theme_low_scores"].value == "waiting" and "waiting" not in r["top_theme_low_scores"].sentence
    assert ("等待/响应" if lang == "zh" else "Waiting / response") in r["top_theme_low_scores"].sentence
    assert r["weakest_dimension"].value == "responsiveness" and r["top_driver"].value == "responsiveness"
    assert ("未达到目标 70 %" if lang == "zh" else "falls short of its target of 70 %") in r["csat_top_box_pct"].sentence
    if lang == "zh":
        for s in f["sentence"]:
            # data values (channel names are Chinese; item labels too) aside, no English words
            assert not english_in(s), (s, english_in(s))


def test_sample_keys_match_the_documented_headlines(sample):
    t = tables(sample["survey"], sample["cfg"], sample["split"])
    f = sat.findings(**t, lang="en")
    recorded = set(f.loc[f["value"].notna(), "key"])
    documented = {"csat_mean", "csat_top_box_pct", "nps", "lowest_channel", "lowest_segment", "satisfaction_index",
                  "weakest_dimension", "weakest_gap", "alpha_min", "top_driver", "top_driver_pct", "overall_before",
                  "overall_after", "overall_change", "overall_change_p", "top_box_before", "top_box_after",
                  "top_box_change_p", "nps_promoters_change", "change_significant", "comments_masked",
                  "top_theme_low_scores"}
    assert documented <= recorded
    assert "up" in f.set_index("key").loc["overall_change_p", "label"]  # the p value's label carries the direction


# --------------------------------------------------------------------------- counterfactuals
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_actions_did_nothing_gives_no_evidence_of_change(sample, lang):
    survey = no_change(sample["survey"], sample["split"])
    ba = sat.before_after(survey, score="overall", date="date", split=sample["split"])
    r = rows(sat.findings(before_after=ba, split=sample["split"], lang=lang))
    assert r["change_verdict"].value == "no_evidence" and r["change_significant"].value is False
    s = r["before_after_mean"].sentence
    assert s.startswith("没有证据表明" if lang == "zh" else "No evidence that")
    assert "+0.00" in s and "p = 1.000" in s and "Cohen's d = +0.00" in s
    assert ("没有显示" if lang == "zh" else "no evidence") in r["change_verdict"].sentence


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_satisfaction_got_worse_is_said_as_worse(sample, lang):
    survey = worse(sample["survey"], sample["split"])
    ba = sat.before_after(survey, score="overall", date="date", split=sample["split"])
    ba_nps = sat.before_after(survey, score="nps", date="date", split=sample["split"], scale_max=10)
    r = rows(sat.findings(before_after=ba, before_after_nps=ba_nps, split=sample["split"], lang=lang))
    assert r["change_verdict"].value == "worse"
    assert r["change_significant"].value is True  # significant, in the wrong direction: the verdict says which
    assert ("降至" if lang == "zh" else "fell") in r["before_after_mean"].sentence
    assert ("降至" if lang == "zh" else "fell") in r["before_after_promoters"].sentence
    assert ("变差" if lang == "zh" else "worse") in r["change_verdict"].sentence
    assert ("下降" if lang == "zh" else "down") in r["overall_change_p"].label
    assert r["overall_change"].value < 0 and r["overall_change_d"].value < 0


def test_significant_but_negligible_change_is_called_negligible():
    rng = np.random.default_rng(7)
    n = 20000
    dates = pd.to_datetime("2025-01-01") + pd.to_timedelta(rng.integers(0, 360, n), unit="D")
    late = dates >= pd.Timestamp("2025-07-01")
    scores = np.clip(np.round(rng.normal(3.5, 1.0, n) + 0.06 * late), 1, 5)   # a tiny shift, large n
    ba = sat.before_after(pd.DataFrame({"overall": scores, "date": dates}), score="overall", date="date",
                          split="2025-07-01")
    assert ba.loc[0, "p_value"] < 0.05 and abs(ba.loc[0, "effect_size"]) < 0.2
    r = rows(sat.findings(before_after=ba, split="2025-07-01", lang="en"))
    assert "negligible in size" in r["before_after_mean"].sentence and "rose" not in r["before_after_mean"].sentence


def test_tie_between_groups_names_no_difference(sample):
    survey = sample["survey"].copy()
    survey["channel"] = np.where(np.arange(len(survey)) % 2, "A", "B")
    survey.loc[survey["channel"] == "B", "overall"] = survey.loc[survey["channel"] == "A", "overall"].to_numpy()[
        :int((survey["channel"] == "B").sum())]
    test = sat.group_test(survey, score="overall", group="channel")
    assert test["test"].iloc[0] == "mann_whitney" and test["p_value"].iloc[0] > 0.5
    by = sat.csat(survey, score="overall", by="channel")
    for lang, words in (("zh", "没有证据表明各组评分存在差异"), ("en", "no evidence that the groups differ")):
        s = rows(sat.findings(by_group={"channel": by}, group_tests={"channel": test}, lang=lang))
        assert words in s["channel_test_p"].sentence and "r = " in s["channel_test_p"].sentence
        assert ("不能认为" if lang == "zh" else "not shown to be meaningfully weaker") in s["channel_test_p"].sentence


def test_tiny_and_blank_groups_are_never_named_lowest(sample):
    survey = sample["survey"].copy()
    survey.loc[survey.index[:3], "channel"] = "tiny"      # three answers, all the lowest rating
    survey.loc[survey.index[:3], "overall"] = 1
    survey.loc[survey.index[3:400], "channel"] = BLANK    # a large blank group, lowest rated
    survey.loc[survey.index[3:400], "overall"] = 1
    by = sat.csat(survey, score="overall", by="channel")
    for lang in ("zh", "en"):
        r = rows(sat.findings(by_group={"channel": by}, lang=lang, min_group_n=5))
        assert r["lowest_channel"].value not in ("tiny", BLANK)
        assert "tiny" not in r["lowest_channel"].sentence and "未填写" not in r["lowest_channel"].sentence
        assert "blank" not in r["lowest_channel"].sentence


def test_one_usable_group_names_none(sample):
    by = pd.DataFrame({"channel": ["A", "B"], "n": [40, 2], "top_box_pct": [50.0, 0.0]})
    for lang, words in (("zh", "不指出最低组"), ("en", "none is named the lowest")):
        r = rows(sat.findings(by_group={"channel": by}, group_tests={"channel": sat.group_test(
            pd.DataFrame({"overall": [4, 5], "channel": ["A", "A"]}), score="overall", group="channel")}, lang=lang))
        assert "lowest_channel" not in r and words in r["lowest_channel_none"].sentence
        assert r["channel_test"].value is None


def test_reliability_below_the_bar_says_so():
    alpha = pd.DataFrame({"scale": ["tangibles", "empathy"], "alpha": [0.62, 0.85], "ci_low": [0.55, 0.8],
                          "ci_high": [0.68, 0.88], "n": [100, 100], "k": [4, 5]})
    analysis = pd.DataFrame({"scale": ["tangibles"], "item": ["p01"], "flag": ["reverse"]})
    for lang, words in (("zh", "有形性低于 0.7"), ("en", "Tangibles stay below 0.7")):
        r = rows(sat.findings(alpha=alpha, item_analysis=analysis, lang=lang))
        assert words in r["alpha_min"].sentence and r["alpha_min"].value == 0.62
        assert r["items_flagged"].value == 1


def test_servqual_with_no_gap_below_expectations():
    gaps = pd.DataFrame({"level": ["dimension", "dimension", "item", "overall"],
                         "dimension": ["tangibles", "empathy", "tangibles", None], "label": [None, None, "设备", None],
                         "score": [0.3, 0.1, 0.05, 0.2], "weighted_score": [np.nan, np.nan, np.nan, 0.2],
                         "method": ["servqual"] * 4})
    r = rows(sat.findings(gaps=gaps, lang="en"))
    assert r["weakest_dimension"].sentence.startswith("No dimension falls below") and "Empathy" in r[
        "weakest_dimension"].sentence
    assert "没有维度低于客户期望" in rows(sat.findings(gaps=gaps, lang="zh"))["weakest_dimension"].sentence


def test_trend_within_noise_says_no_clear_change():
    trend = pd.DataFrame({"period": pd.to_datetime(["2025-01-01", "2025-02-01"]), "n": [30, 30],
                          "value": [50.0, 56.0], "ci_low": [32.0, 38.0], "ci_high": [68.0, 74.0]})
    assert "no clear evidence of change" in rows(sat.findings(trend=trend, lang="en"))["trend_top_box"].sentence
    assert "没有明确的变化证据" in rows(sat.findings(trend=trend, lang="zh"))["trend_top_box"].sentence
    assert not sat.has_trend(trend.iloc[:1]) and sat.has_trend(trend)


def test_no_low_comments_and_nothing_masked():
    themes_low = pd.DataFrame(columns=["theme", "label", "comments", "pct", "mean_score"])
    r = rows(sat.findings(themes_low=themes_low, low_cut=2, masked=0, lang="zh"))
    assert "不高于 2 分" in r["top_theme_low_scores_none"].sentence and r["comments_masked"].value == 0
    assert "没有评论含有" in r["comments_masked"].sentence


# --------------------------------------------------------------------------- known values
def test_effect_bands_follow_the_named_sources():
    # Rea & Parker (1992) bands of r (0.1, 0.2, 0.4, 0.6, 0.8), squared for epsilon^2
    assert [sat.effect_band(v, sat.EPSILON_BANDS) for v in (0.002, 0.01, 0.05, 0.2, 0.5, 0.7)] == [
        "negligible", "weak", "moderate", "relatively_strong", "strong", "very_strong"]
    assert [sat.effect_band(v, sat.R_BANDS) for v in (-0.05, 0.15, -0.3)] == ["negligible", "weak", "moderate"]
    # Cohen (1988): d 0.2 small, 0.5 medium, 0.8 large
    assert [sat.effect_band(v, sat.COHEN_BANDS) for v in (0.1, 0.2, -0.5, 0.8)] == [
        "negligible", "small", "medium", "large"]


def test_before_after_effect_sizes_known_values():
    # Cohen's d by hand: means 2 and 4, both SDs 1 -> d = 2. Cohen's h (1988, table 6.2.1: phi(0.50) = 1.5708,
    # phi(0.25) = 1.0472): h for 0.25 -> 0.50 = 0.5236
    df = pd.DataFrame({"s": [1, 2, 3, 3, 4, 5], "d": ["2025-01-01"] * 3 + ["2025-08-01"] * 3})
    out = sat.before_after(df, score="s", date="d", split="2025-07-01").set_index("measure")
    assert out.loc["mean", "effect_size"] == pytest.approx(2.0) and out.loc["mean", "effect_size_name"] == "cohens_d"
    df = pd.DataFrame({"s": [5, 1, 1, 1, 5, 5, 1, 1], "d": ["2025-01-01"] * 4 + ["2025-08-01"] * 4})
    out = sat.before_after(df, score="s", date="d", split="2025-07-01").set_index("measure")
    assert out.loc["top_box_pct", "effect_size"] == pytest.approx(1.5708 - 1.0472, abs=1e-4)


def test_two_group_test_uses_the_exact_mann_whitney():
    # R: wilcox.test(x, y) on ?wilcox.test's example gives W = 35, p-value = 0.2544 (exact)
    x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
    y = [1.15, 0.88, 0.90, 0.74, 1.21]
    out = sat.compare_groups(pd.DataFrame({"v": x + y, "g": ["a"] * 10 + ["b"] * 5}), score="v", group="g").iloc[0]
    assert out["statistic"] == 35 and out["p_value"] == pytest.approx(0.2544, abs=1e-4)


def test_headline_view_shows_labels_not_codes():
    view = sat.headline_view({"top_theme_low_scores": {"value": "waiting", "label": "主题", "unit": None},
                              "weakest_dimension": {"value": "responsiveness", "label": "维度", "unit": None}},
                             lang="zh")
    assert view["value"].tolist() == ["等待/响应", "响应性"]


def test_findings_rejects_an_unknown_language():
    with pytest.raises(ValueError, match="lang"):
        sat.findings(lang="fr")
