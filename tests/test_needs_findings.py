"""sqmkit.needs.findings on the sample and on counterfactual variants of it, in both languages (issue 12).

The variants are built here from the sample's own tables: one segment clearly less satisfied, a tiny and a
blank segment, one segment only, a ticket log with revenue, ratings where performance meets importance
everywhere, a tie, a thinly rated need, no must-be need, a close Kano call, a tie on priority, nothing to
rank, goals that are all SMART or none at all. In-process only (no papermill).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from sqmkit import io, needs
from sqmkit.glossary import BLANK, value_label

# words a Chinese sentence may hold: method names, and the names of tables, columns and parameters it cites
METHOD_WORDS = {"KPI", "NPS", "CSAT", "SERVQUAL", "PDCA", "Pareto", "SLA", "FCR", "Kano", "IPA", "CI", "SMART",
                "VIP", "k-means", "Kaufman", "Rousseeuw", "Better", "Worse", "problems", "actions", "revenue",
                "value", "arpu", "n_segments", "needs_ratings", "Why"}


def english_words(sentence: str, data_values=()) -> list[str]:
    """English words of a sentence other than method names and data values (need names, segments, ids)."""
    for value in sorted(map(str, data_values), key=len, reverse=True):
        sentence = sentence.replace(value, " ")
    words = re.findall(r"[A-Za-z][A-Za-z_\-]+", sentence)
    return [w for w in words if w not in METHOD_WORDS]


def chinese(sentence: str, data_values=()) -> list[str]:
    for value in sorted(map(str, data_values), key=len, reverse=True):
        sentence = sentence.replace(value, " ")
    return re.findall(r"[\u4e00-\u9fff]", sentence)


@pytest.fixture(scope="module")
def sample():
    wb = io.load_workbook("")
    catalogue, ratings, answers = wb.get("needs"), wb.get("needs_ratings"), wb.get("kano")
    ipa = needs.workshop_ipa(catalogue, ratings, scale=(1, 7))
    kano = needs.kano_table(answers, attribute="need_id", functional="functional", dysfunctional="dysfunctional",
                            items=catalogue["need_id"])
    k_table = needs.choose_k(ratings)
    tables = {
        "survey": wb.get("survey"), "tickets": wb.get("tickets"), "ratings": ratings, "answers": answers,
        "segments": needs.survey_segments(wb.get("survey"), overall="overall", recommend="nps"),
        "tiers": needs.workbook_tiers(wb.get("tickets"), as_of=wb.config["as_of"]),
        "k_table": k_table,
        "clusters": needs.cluster_segments(ratings, k=int(k_table.loc[k_table["chosen"], "clusters"].iloc[0])),
        "catalogue": catalogue, "ipa": ipa, "kano": kano,
        "priorities": needs.priority_ranking(ipa, kano, catalogue),
        "smart": {n: needs.smart_check(wb.get(n), table=n) for n in ("problems", "actions")},
        "names": dict(zip(catalogue["need_id"], catalogue["need"])),
    }
    tables["data_values"] = [*tables["names"].values(), *tables["names"].keys(),
                             *catalogue["source"].unique(), *wb.get("survey")["segment"].dropna().unique(),
                             *tables["smart"]["actions"]["action_id"], "P01"]
    return tables


def run(sample, lang="zh", **tables):
    return needs.findings(names=sample["names"], lang=lang, **tables).set_index("key")


def sentence(table: pd.DataFrame, key: str) -> str:
    return table.loc[key, "sentence"]


# --------------------------------------------------------------------------- the whole sample, both languages
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sample_findings_read_in_one_language(sample, lang):
    out = needs.findings(segments=sample["segments"], tiers=sample["tiers"], clusters=sample["clusters"],
                         k_table=sample["k_table"], catalogue=sample["catalogue"], ipa=sample["ipa"],
                         kano=sample["kano"], priorities=sample["priorities"], handoff=sample["priorities"].head(3),
                         smart=sample["smart"], names=sample["names"], lang=lang)
    assert list(out.columns) == ["key", "value", "unit", "label", "sentence"]
    keys = set(out["key"])
    assert keys >= {"n_survey_segments", "least_satisfied_segment", "lowest_nps_segment", "n_customers", "segments_k",
                    "segments_silhouette", "n_needs", "n_concentrate", "largest_gap_need", "n_must_be",
                    "top_priority_need", "top_priority_label", "top_priority_quadrant", "top_priority_kano",
                    "priority_handoff", "smart_incomplete_problems", "smart_incomplete_actions"}
    assert all(f"``{k}``" in needs.findings.__doc__ or k.startswith("smart_incomplete_") for k in keys)  # documented
    for text in out["sentence"]:
        if lang == "zh":
            assert english_words(text, sample["data_values"]) == [], text
        else:
            assert chinese(text, sample["data_values"]) == [], text
    for label in out["label"]:
        assert (chinese(label) if lang == "en" else english_words(label, ["problems", "actions"])) == [] or \
            label in ("segments_left_out", "segments_compared", "priority_handoff")


def test_sample_headline_figures(sample):
    out = run(sample, segments=sample["segments"], clusters=sample["clusters"], k_table=sample["k_table"],
              catalogue=sample["catalogue"], ipa=sample["ipa"], kano=sample["kano"], priorities=sample["priorities"],
              smart=sample["smart"])
    assert out.loc["n_survey_segments", "value"] == 3
    assert out.loc["segments_k", "value"] == 2
    assert out.loc["segments_silhouette", "value"] == pytest.approx(0.159, abs=1e-3)
    assert out.loc["n_needs", "value"] == 15
    assert out.loc["largest_gap_need", "value"] == "N01" and out.loc["n_concentrate", "value"] == 4
    assert out.loc["n_must_be", "value"] == 4
    assert out.loc["top_priority_need", "value"] == "N01" and out.loc["top_priority_quadrant", "value"] == "concentrate"
    assert out.loc["top_priority_kano", "value"] == "M" and out.loc["top_priority_label", "value"] == "响应速度快"
    assert out.loc["smart_incomplete_problems", "value"] == 0 and out.loc["smart_incomplete_actions", "value"] == 4
    assert "2.62" in sentence(out, "n_concentrate") and "N01 响应速度快" in sentence(out, "n_concentrate")
    assert "没有实质性的分群结构" in sentence(out, "segments_k") and "n_segments" not in sentence(out, "segments_k")


# --------------------------------------------------------------------------- segments: NPS is NPS, and honest gaps
def test_segment_table_labels_a_mean_rating_as_a_mean_and_shows_the_real_nps(sample):
    seg = sample["segments"].set_index("segment")
    # issue 12: page 01 showed the mean 0–10 answer of 个人 (7.13) as "NPS 净推荐值"; page 05 shows its NPS −8.63
    assert seg.loc["个人", "nps_mean"] == pytest.approx(7.129, abs=1e-3)
    assert seg.loc["个人", "nps"] == pytest.approx(-8.628, abs=1e-3)
    from sqmkit.satisfaction import nps

    page05 = nps(sample["survey"], score="nps", by="segment").set_index("segment")
    np.testing.assert_allclose(seg.loc[page05.index, "nps"], page05["nps"])
    from sqmkit.glossary import column_label

    assert column_label("nps_mean", "zh") == "推荐意愿均值（0–10）" and "NPS" not in column_label("nps_mean", "en")


def test_mean_ci_matches_r_t_test():
    # R 4.3: t.test(1:5)$conf.int -> 1.036757 4.963243
    frame = pd.DataFrame({"segment": ["a"] * 5, "overall": [1, 2, 3, 4, 5]})
    out = needs.survey_segments(frame, overall="overall").iloc[0]
    assert out["overall_ci_low"] == pytest.approx(1.036757, abs=1e-6)
    assert out["overall_ci_high"] == pytest.approx(4.963243, abs=1e-6)
    assert np.isnan(out["nps"]) and np.isnan(out["nps_mean"])


def test_sample_segments_overlap_so_no_segment_is_named_least_satisfied(sample):
    for lang, word in (("zh", "置信区间相互重叠"), ("en", "the intervals overlap")):
        out = run(sample, lang=lang, segments=sample["segments"])
        assert out.loc["least_satisfied_segment", "value"] is None and out.loc["lowest_nps_segment", "value"] is None
        assert word in sentence(out, "least_satisfied_segment")
        assert "3.41" in sentence(out, "least_satisfied_segment") and "-19.5" in sentence(out, "lowest_nps_segment")


@pytest.mark.parametrize("lang, word", [("zh", "明显低于"), ("en", "clearly below")])
def test_a_segment_made_unhappier_is_named_clearly_below(sample, lang, word):
    survey = sample["survey"].copy()
    enterprise = survey["segment"] == "政企"
    survey.loc[enterprise, "overall"] = (survey.loc[enterprise, "overall"] - 1).clip(lower=1)
    survey.loc[enterprise, "nps"] = (survey.loc[enterprise, "nps"] - 3).clip(lower=0)
    out = run(sample, lang=lang, segments=needs.survey_segments(survey, overall="overall", recommend="nps"))
    assert out.loc["least_satisfied_segment", "value"] == "政企" and out.loc["lowest_nps_segment", "value"] == "政企"
    assert word in sentence(out, "least_satisfied_segment") and word in sentence(out, "lowest_nps_segment")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_tiny_and_a_blank_segment_are_never_named_lowest(sample, lang):
    survey = sample["survey"].copy()
    survey.loc[survey.index[:5], "segment"] = "微企"          # 5 respondents, all rating 1
    survey.loc[survey.index[5:205], "segment"] = None         # 200 without a segment, all rating 1
    survey.loc[survey.index[:205], "overall"] = 1
    out = run(sample, lang=lang, segments=needs.survey_segments(survey, overall="overall", recommend="nps"))
    compared = sentence(out, "least_satisfied_segment")
    assert "微企" not in compared and value_label(BLANK, lang) not in compared
    left = sentence(out, "segments_left_out")
    assert "微企" in left and value_label(BLANK, lang) in left and "30" in left
    assert out.loc["n_survey_segments", "value"] == 4  # the blank group is not a segment


def test_min_group_n_is_a_parameter(sample):
    out = needs.findings(segments=sample["segments"], min_group_n=500).set_index("key")
    assert "政企" in sentence(out, "segments_left_out")  # 395 respondents < 500


@pytest.mark.parametrize("lang, word", [("zh", "同一个客户细分"), ("en", "one segment")])
def test_one_segment_has_nothing_to_compare(sample, lang, word):
    survey = sample["survey"].assign(segment="个人")
    out = run(sample, lang=lang, segments=needs.survey_segments(survey, overall="overall", recommend="nps"))
    assert word in sentence(out, "segments_compared") and "least_satisfied_segment" not in out.index


# --------------------------------------------------------------------------- tiers
def test_tiers_without_and_with_a_value_column(sample):
    zh = run(sample, tiers=sample["tiers"])
    assert zh.loc["n_customers", "value"] == len(sample["tiers"])
    assert "无法区分 VIP 和战略客户" in sentence(zh, "n_customers") and "普通客户" in sentence(zh, "n_customers")
    tickets = sample["tickets"].assign(revenue=np.arange(len(sample["tickets"])) % 97)
    tiers = needs.workbook_tiers(tickets, as_of=pd.Timestamp("2025-12-20"))
    en = run(sample, lang="en", tiers=tiers)
    assert "Strategic customer" in sentence(en, "n_customers") and "value column" in sentence(en, "n_customers")
    assert "cannot be told apart" not in sentence(en, "n_customers")


# --------------------------------------------------------------------------- clusters
@pytest.mark.parametrize("silhouette, zh, en", [
    (0.16, "没有实质性的分群结构", "no substantial structure"),
    (0.30, "结构较弱", "weak structure"),
    (0.60, "分群结构合理", "reasonable structure"),
    (0.80, "分群结构很强", "strong structure"),
])
def test_silhouette_bands(sample, silhouette, zh, en):
    clusters = sample["clusters"].assign(silhouette=silhouette)
    assert zh in sentence(run(sample, clusters=clusters), "segments_k")
    assert en in sentence(run(sample, lang="en", clusters=clusters), "segments_k")


def test_silhouette_thresholds_are_parameters(sample):
    out = needs.findings(clusters=sample["clusters"], silhouette_weak=0.1, lang="en").set_index("key")
    assert "weak structure" in sentence(out, "segments_k")


def test_a_k_set_by_the_parameter_is_said(sample):
    clusters = needs.cluster_segments(sample["ratings"], k=3)
    out = run(sample, lang="en", clusters=clusters, k_table=sample["k_table"])
    assert out.loc["segments_k", "value"] == 3
    assert "set by the parameter n_segments" in sentence(out, "segments_k")
    assert "2 segments" in sentence(out, "segments_k")


# --------------------------------------------------------------------------- catalogue
def test_catalogue_with_and_without_mentions(sample):
    out = run(sample, catalogue=sample["catalogue"])
    assert f"{int(sample['catalogue']['mentions'].sum()):,}" in sentence(out, "n_needs")
    bare = run(sample, lang="en", catalogue=sample["catalogue"].drop(columns="mentions"))
    assert sentence(bare, "n_needs") == "The catalogue holds 15 needs."


# --------------------------------------------------------------------------- IPA
def ipa_of(ratings, catalogue):
    return needs.workshop_ipa(catalogue, ratings, scale=(1, 7))


@pytest.mark.parametrize("lang, none_word, shortfall", [
    ("zh", "没有一条落在", "没有一条需求的表现低于其重要性"),
    ("en", "None of the 15", "No need performs below its importance"),
])
def test_performance_meeting_importance_everywhere_says_no_shortfall(sample, lang, none_word, shortfall):
    ratings = sample["ratings"].copy()
    ratings["performance"] = ratings["importance"]          # the counterfactual: every need met as well as it matters
    out = run(sample, lang=lang, ipa=ipa_of(ratings, sample["catalogue"]))
    text = sentence(out, "n_concentrate")
    assert shortfall in text and "0.00" in text
    assert out.loc["n_concentrate", "value"] == 0 or none_word not in text


def test_a_tie_on_the_largest_gap_names_both(sample):
    ratings = sample["ratings"].copy()
    n01 = ratings[ratings["need_id"] == "N01"].copy()
    ratings = pd.concat([ratings[ratings["need_id"] != "N02"], n01.assign(need_id="N02")], ignore_index=True)
    out = run(sample, lang="en", ipa=ipa_of(ratings, sample["catalogue"]))
    assert "N01 响应速度快, N02 一次解决问题 share the largest gap (2.62)" in sentence(out, "n_concentrate")
    assert out.loc["largest_gap_need", "value"] in ("N01", "N02")


def test_a_thinly_rated_need_is_not_named_the_largest_gap(sample):
    ratings = sample["ratings"].copy()
    n05 = ratings[ratings["need_id"] == "N05"].head(2).assign(importance=7, performance=1)
    ratings = pd.concat([ratings[ratings["need_id"] != "N05"], n05], ignore_index=True)
    out = run(sample, ipa=ipa_of(ratings, sample["catalogue"]))
    assert out.loc["largest_gap_need", "value"] == "N01"
    assert "N05 员工业务专业 的评分少于 3 份" in sentence(out, "n_concentrate")
    loose = needs.findings(ipa=ipa_of(ratings, sample["catalogue"]), min_ratings=1).set_index("key")
    assert loose.loc["largest_gap_need", "value"] == "N05"


def test_unrated_and_aggregated_needs_are_said(sample):
    catalogue = pd.concat([sample["catalogue"], pd.DataFrame({"need_id": ["N16"], "need": ["夜间服务"]})],
                          ignore_index=True)
    out = run(sample, lang="en", ipa=ipa_of(sample["ratings"], catalogue))
    assert "1 need(s) have no ratings yet: N16" in sentence(out, "n_concentrate")
    means = sample["ratings"].groupby("need_id")[["importance", "performance"]].mean().reset_index()
    aggregated = needs.workbook_ipa(sample["catalogue"].merge(means, on="need_id"), None, scale=(1, 7))
    agg = needs.findings(ipa=aggregated, lang="en").set_index("key")
    assert "aggregated ratings" in sentence(agg, "n_concentrate") and "fewer than" not in sentence(agg, "n_concentrate")
    assert agg.loc["largest_gap_need", "value"] == "N01"


# --------------------------------------------------------------------------- Kano
def kano_of(answers, items=None):
    return needs.kano_table(answers, attribute="need_id", functional="functional", dysfunctional="dysfunctional",
                            items=items)


@pytest.mark.parametrize("lang, word", [("zh", "没有需求被归为必备型"), ("en", "No need is classed must-be")])
def test_no_must_be_need(sample, lang, word):
    answers = sample["answers"].copy()
    answers.loc[answers["dysfunctional"] == 5, "dysfunctional"] = 3     # nobody minds a need being absent
    out = run(sample, lang=lang, kano=kano_of(answers))
    assert out.loc["n_must_be", "value"] == 0 and word in sentence(out, "n_must_be")


def test_a_close_kano_call_and_an_unanswered_need(sample):
    answers = sample["answers"]
    n01 = answers[answers["need_id"] == "N01"].copy()
    half = len(n01) // 2
    n01["functional"], n01["dysfunctional"] = [2] * half + [1] * (len(n01) - half), [5] * half + [3] * (len(n01) - half)
    answers = pd.concat([answers[answers["need_id"] != "N01"], n01], ignore_index=True)
    items = [*sample["catalogue"]["need_id"], "N16"]
    out = run(sample, lang="en", kano=kano_of(answers, items))
    text = sentence(out, "n_must_be")
    assert "For N01 响应速度快" in text and "close call" in text and "N16 have no valid Kano answers" in text
    assert "close call" not in sentence(run(sample, lang="en", kano=sample["kano"]), "n_must_be")  # sample: clear


# --------------------------------------------------------------------------- priorities and hand-off
def test_a_tie_on_priority_is_said(sample):
    catalogue = sample["catalogue"].assign(mentions=100)
    priorities = needs.priority_ranking(None, None, catalogue, weights={"mentions": 1})
    out = run(sample, lang="en", priorities=priorities)
    assert "tie on score (1.00)" in sentence(out, "top_priority_need")


@pytest.mark.parametrize("lang, word", [("zh", "所有需求得分均为 0"), ("en", "Every need scores 0")])
def test_nothing_to_rank_names_no_top_priority(sample, lang, word):
    priorities = needs.priority_ranking(None, None, sample["catalogue"].assign(mentions=0))
    out = run(sample, lang=lang, priorities=priorities)
    assert word in sentence(out, "top_priority_need")
    assert out.loc[["top_priority_need", "top_priority_label", "top_priority_kano"], "value"].isna().all()


def test_top_priority_without_ipa_or_kano_shows_a_dash(sample):
    priorities = needs.priority_ranking(None, None, sample["catalogue"])
    out = run(sample, lang="en", priorities=priorities)
    assert "IPA quadrant: —; Kano category: —" in sentence(out, "top_priority_need")
    assert out.loc["top_priority_quadrant", "value"] is None


def test_handoff_names_the_needs(sample):
    out = run(sample, handoff=sample["priorities"].head(3))
    assert sentence(out, "priority_handoff").startswith("把N01 响应速度快、N02 一次解决问题、N04 网络稳定可靠带入")
    assert out.loc["priority_handoff", "value"] is None


# --------------------------------------------------------------------------- SMART
def test_smart_sentences(sample):
    out = run(sample, smart=sample["smart"])
    assert sentence(out, "smart_incomplete_problems") == "问题表（problems）：全部 1 条都符合 SMART。"
    assert "A07（指标、基线、目标）" in sentence(out, "smart_incomplete_actions")
    empty = needs.findings(smart={"actions": sample["smart"]["actions"].iloc[:0]}, lang="en").set_index("key")
    assert sentence(empty, "smart_incomplete_actions") == "The actions table: no entries yet."
    many = needs.findings(smart={"actions": sample["smart"]["actions"].assign(smart=False, missing="owner")},
                          lang="en", list_limit=2).set_index("key")
    assert many.loc["smart_incomplete_actions", "value"] == 20
    assert "and 18 more" in sentence(many, "smart_incomplete_actions")


def test_findings_rejects_an_unknown_language(sample):
    with pytest.raises(ValueError, match="lang"):
        needs.findings(catalogue=sample["catalogue"], lang="fr")
