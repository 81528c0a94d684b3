"""rootcause.findings on counterfactual variants of the sample, built in-process from the sample's tables.

Variants: the problem linked to the largest category, to another one, or to none; the actions did nothing
(same complaints after the split), the complaints got worse (periods swapped), a tie at the top, a tiny
workbook, a blank category as the largest group, one category only, a weighted Pareto; a fishbone without
votes or verified causes, flagged 5-Why chains, a tie of cause scores, root causes without actions.
Every sentence in both languages; Chinese sentences hold no English words except method names.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from sqmkit import io, rootcause
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import BLANK

SPLIT = pd.Timestamp("2025-07-01")
METHOD_NAMES = {"KPI", "Pareto", "PDCA", "Fisher", "Why", "SLA"}
NAMES = {"problems", "category", "problem_id", "pareto_by", "subcategory"}   # tables, columns, parameters


@pytest.fixture(scope="module")
def wb():
    return io.load_workbook("")


def english_words(sentence: str) -> list[str]:
    """English words of a Chinese sentence, leaving out ids (PR01, F08, C1), method names and the names of tables,
    columns and parameters."""
    rest = re.sub(r"\b[A-Z]{1,2}\d+\b", " ", sentence)
    return [w for w in re.findall(r"[A-Za-z_]{2,}", rest) if w not in METHOD_NAMES | NAMES]


def chinese_outside(sentence: str, data_values) -> str:
    """The Chinese characters of an English sentence once the data values (categories, causes …) are removed."""
    for value in sorted({str(v) for v in data_values if isinstance(v, str)}, key=len, reverse=True):
        sentence = sentence.replace(value, " ")
    return "".join(re.findall(r"[\u4e00-\u9fff]", sentence))


def table(result: pd.DataFrame) -> dict[str, dict]:
    return {r["key"]: r for r in result.to_dict("records")}


def sample_tables(wb, lang="zh", problems=None, complaints=None):
    complaints = wb.get("complaints") if complaints is None else complaints
    causes, whys = wb.get("causes"), wb.get("whys")
    problem = rootcause.pick_problem(wb.get("problems") if problems is None else problems, causes, whys=whys)
    chains = rootcause.why_chains(whys, causes)
    return dict(
        pareto=rootcause.pareto_table(complaints, category="category"), problem=problem,
        compare=rootcause.pareto_compare(complaints[complaints["date"] < SPLIT],
                                         complaints[complaints["date"] >= SPLIT], category="category"),
        fishbone=rootcause.fishbone_table(causes, problem_id="PR01", lang=lang),
        chains=chains, checklist=rootcause.why_checklist(chains, causes, lang=lang),
        priorities=rootcause.prioritise_causes(causes, problem_id="PR01"),
        coverage=rootcause.action_coverage(causes, wb.get("actions"), whys=whys, problem_id="PR01"),
        drafts=rootcause.countermeasures(causes, problem_id="PR01", actions=wb.get("actions"), lang=lang))


def data_values(wb, tables):
    values = list(wb.get("complaints")["category"]) + list(wb.get("problems")["statement"])
    values += list(tables["fishbone"]["cause"]) + list(tables["chains"]["because"])
    return values


# ------------------------------------------------------------------------------ the sample, both languages
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sample_findings_keep_the_headline_keys_and_read_in_one_language(wb, lang):
    tables = sample_tables(wb, lang)
    result = rootcause.findings(**tables, split=SPLIT, lang=lang)
    got = table(result)
    assert {"complaints_total", "vital_few_n", "vital_few_categories", "vital_few_share_pct", "top_category_change_pct",
            "causes_n", "causes_verified_n", "why_chains_n", "root_causes_n", "chains_flagged", "root_causes_covered",
            "countermeasures_new"} <= set(got)
    assert got["vital_few_n"]["value"] == 3 and got["complaints_total"]["value"] == 2000
    separator = "、" if lang == "zh" else ", "   # the data's categories, listed in the reader's language
    assert got["vital_few_categories"]["value"] == separator.join(["等待时间长", "问题未解决", "服务态度差"])
    assert got["largest_category"]["value"] == "等待时间长"
    assert got["root_causes_covered"]["value"] == 3 and got["countermeasures_new"]["value"] == 0
    sentences = [s for s in result["sentence"] if s]
    if lang == "zh":
        assert {s: english_words(s) for s in sentences if english_words(s)} == {}
    else:
        values = data_values(wb, tables)
        assert {s: chinese_outside(s, values) for s in sentences if chinese_outside(s, values)} == {}


def test_sample_workshop_problem_is_not_linked_so_no_claim_about_the_largest_category(wb):
    got = table(rootcause.findings(**sample_tables(wb, "en"), split=SPLIT, lang="en"))
    row = got["workshop_on_largest"]
    assert row["value"] is None
    assert "studies problem PR01 “首次响应太慢”" in row["sentence"]
    assert "does not claim it is the largest category, 等待时间长" in row["sentence"]
    assert "the problem the team listed causes or 5-Why chains for" in row["sentence"]
    assert "where the root-cause workshop below starts" not in " ".join(got[k]["sentence"] for k in got)


# ------------------------------------------------------------------------------ the workshop sentence
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_problem_linked_to_the_largest_category(wb, lang):
    problems = wb.get("problems").assign(category="等待时间长")
    row = table(rootcause.findings(**sample_tables(wb, lang, problems=problems), lang=lang))["workshop_on_largest"]
    assert row["value"] is True
    assert ("addresses the largest category, 等待时间长" if lang == "en" else "对应的正是最大的类别“等待时间长”") in row["sentence"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_problem_linked_to_another_category_names_both(wb, lang):
    problems = wb.get("problems").assign(category="问题未解决")
    row = table(rootcause.findings(**sample_tables(wb, lang, problems=problems), lang=lang))["workshop_on_largest"]
    assert row["value"] is False
    if lang == "en":
        assert "addresses complaint category 问题未解决 (ranked 2 of 8, 24 %), not the largest category, 等待时间长" \
            in row["sentence"]
    else:
        assert "“问题未解决”（排名第 2/8，占 24%），而不是最大的类别“等待时间长”" in row["sentence"]
        assert english_words(row["sentence"]) == []


def test_problem_linked_to_a_category_without_complaints(wb):
    problems = wb.get("problems").assign(category="发票错误")
    row = table(rootcause.findings(**sample_tables(wb, "en", problems=problems), lang="en"))["workshop_on_largest"]
    assert row["value"] is False and "not among the complaint categories" in row["sentence"]


def test_statement_naming_the_largest_category_counts_as_linked(wb):
    problems = wb.get("problems").assign(statement="等待时间长的投诉太多")
    row = table(rootcause.findings(**sample_tables(wb, "en", problems=problems), lang="en"))["workshop_on_largest"]
    assert row["value"] is True


def test_problem_chosen_with_the_parameter_says_so(wb):
    problem = rootcause.pick_problem(wb.get("problems"), wb.get("causes"), problem_id="PR01")
    assert problem["picked"].item() == "parameter"
    tables = {**sample_tables(wb, "en"), "problem": problem}
    row = table(rootcause.findings(pareto=tables["pareto"], problem=problem, lang="en"))["workshop_on_largest"]
    assert "chosen with the parameter problem_id" in row["sentence"]


def test_no_problem_gives_no_workshop_sentence(wb):
    tables = sample_tables(wb, "en")
    none = rootcause.pick_problem(None)
    assert "workshop_on_largest" not in table(rootcause.findings(pareto=tables["pareto"], problem=none, lang="en"))


# ------------------------------------------------------------------------------ before / after
def compare_of(before, after, **kw):
    return rootcause.pareto_compare(before, after, category="category", **kw)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sample_after_the_split_fewer_complaints_and_a_smaller_share(wb, lang):
    got = table(rootcause.findings(compare=sample_tables(wb)["compare"], split=SPLIT, lang=lang))
    assert got["complaints_change_pct"]["value"] == pytest.approx(100 * (881 / 1119 - 1), abs=0.05)
    assert got["top_category_change_pct"]["value"] < 0
    assert got["top_category_share_change_pts"]["value"] == pytest.approx(100 * (316 / 881 - 524 / 1119), abs=0.05)
    assert got["top_category_share_p"]["value"] < 0.001
    if lang == "en":
        assert got["complaints_change_pct"]["sentence"] == \
            "Split at 2025-07-01: complaints fell from 1,119 to 881 (-21 %)."
        assert "The former top category, 等待时间长, fell from 524 to 316 (-40 %)." == \
            got["top_category_change_pct"]["sentence"]
        assert "(-11.0 points, χ² test, p < 0.001): the share fell." in got["top_category_share_change_pts"]["sentence"]
    else:
        assert "投诉从 1,119 下降到 881（-21%）" in got["complaints_change_pct"]["sentence"]
        assert "占比确有下降" in got["top_category_share_change_pts"]["sentence"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_actions_did_nothing_same_complaints_after_the_split(wb, lang):
    c = wb.get("complaints")
    before = c[c["date"] < SPLIT]
    got = table(rootcause.findings(compare=compare_of(before, before.copy()), split=SPLIT, lang=lang))
    assert got["complaints_change_pct"]["value"] == 0 and got["top_category_change_pct"]["value"] == 0
    assert got["top_category_share_p"]["value"] == pytest.approx(1.0)
    words = ("stayed at 1,119", "stayed at 524", "no evidence that the share changed") if lang == "en" else \
        ("前后都是 1,119", "前后都是 524", "没有证据表明占比发生了变化")
    text = " ".join(got[k]["sentence"] for k in ("complaints_change_pct", "top_category_change_pct",
                                                 "top_category_share_change_pts"))
    assert all(w in text for w in words)
    assert "fell" not in text and "下降" not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_complaints_got_worse_periods_swapped(wb, lang):
    c = wb.get("complaints")
    got = table(rootcause.findings(compare=compare_of(c[c["date"] >= SPLIT], c[c["date"] < SPLIT]), split=SPLIT,
                                   lang=lang))
    assert got["complaints_change_pct"]["value"] > 0 and got["top_category_share_change_pts"]["value"] > 0
    if lang == "en":
        assert "complaints rose from 881 to 1,119 (+27 %)" in got["complaints_change_pct"]["sentence"]
        assert got["top_category_share_change_pts"]["sentence"].endswith("the share rose.")
    else:
        assert "上升到 1,119（+27%）" in got["complaints_change_pct"]["sentence"]
        assert "占比确有上升" in got["top_category_share_change_pts"]["sentence"]


def test_a_small_share_change_is_no_evidence_and_tiny_counts_use_fishers_test():
    before = pd.DataFrame({"category": ["A"] * 6 + ["B"] * 4})
    after = pd.DataFrame({"category": ["A"] * 4 + ["B"] * 5})
    got = table(rootcause.findings(compare=compare_of(before, after), split="2025-07-01", lang="en"))
    sentence = got["top_category_share_change_pts"]["sentence"]
    assert "Fisher's exact test" in sentence and "no evidence that the share changed" in sentence
    assert got["top_category_share_p"]["label"] == "A: p of the share change (Fisher's exact test)"


def test_weighted_pareto_shares_are_not_tested(wb):
    c = wb.get("complaints")
    compare = compare_of(c[c["date"] < SPLIT], c[c["date"] >= SPLIT], weight="cost")
    got = table(rootcause.findings(compare=compare, weight="cost", split=SPLIT, lang="en"))
    assert "top_category_share_p" not in got
    assert "weighted totals are not tested" in got["top_category_share_change_pts"]["sentence"]
    assert "total cost" in got["complaints_change_pct"]["sentence"]


# ------------------------------------------------------------------------------ Pareto edge cases
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_tie_at_the_top_names_both(lang):
    pareto = rootcause.pareto_table(pd.DataFrame({"category": ["甲"] * 20 + ["乙"] * 20 + ["丙"] * 10}),
                                    category="category")
    got = table(rootcause.findings(pareto=pareto, lang=lang))
    sentence = got["largest_category"]["sentence"]
    assert ("甲, 乙 tie as the largest category (20 each, 40 % each)." if lang == "en" else "甲、乙 并列最大类别") in sentence


def test_a_tie_with_the_studied_problem_counts_as_linked():
    pareto = rootcause.pareto_table(pd.DataFrame({"category": ["甲"] * 20 + ["乙"] * 20}), category="category")
    problem = pd.DataFrame([{"problem_id": "P1", "statement": "s", "category": "乙", "picked": "first"}])
    assert table(rootcause.findings(pareto=pareto, problem=problem, lang="en"))["workshop_on_largest"]["value"] is True


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_tiny_workbook_is_read_as_a_first_look(lang):
    pareto = rootcause.pareto_table(pd.DataFrame({"category": list("AAB")}), category="category")
    got = table(rootcause.findings(pareto=pareto, lang=lang))
    assert ("Only 3 records (fewer than 30)" if lang == "en" else "只有 3 条记录（少于 30 条）") in \
        got["pareto_few_records"]["sentence"]
    assert "pareto_few_records" not in table(rootcause.findings(pareto=pareto, lang=lang, min_records=3))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_blank_category_is_never_named_the_largest(wb, lang):
    c = wb.get("complaints").copy()
    c.loc[c["category"].isin(["问题未解决", "服务态度差", "收费争议"]), "category"] = None
    pareto = rootcause.pareto_table(c, category="category")
    assert pareto["category"].iloc[0] == BLANK
    got = table(rootcause.findings(pareto=pareto, problem=sample_tables(wb)["problem"], lang=lang))
    assert got["largest_category"]["value"] == "等待时间长"
    assert ("The largest group is complaints without a category (900, 45 %)" if lang == "en"
            else "最大的一组是未填写类别的投诉（900，占 45%）") in got["largest_blank"]["sentence"]
    assert all(BLANK not in s for s in got["workshop_on_largest"]["sentence"].split())
    assert (("(blank)" if lang == "en" else "(未填写)") in got["vital_few_n"]["sentence"])   # listed as what it is


def test_one_category_cannot_be_ranked():
    pareto = rootcause.pareto_table(pd.DataFrame({"category": ["A"] * 40}), category="category")
    got = table(rootcause.findings(pareto=pareto, lang="en"))
    assert got["vital_few_n"]["sentence"].startswith("All 40 complaints fall in one category, A")
    assert got["largest_category"]["sentence"] == ""


# ------------------------------------------------------------------------------ fishbone, whys, priorities, actions
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fishbone_without_votes_or_verified_causes(wb, lang):
    causes = wb.get("causes").assign(votes=0, verified=False)
    got = table(rootcause.findings(fishbone=rootcause.fishbone_table(causes, problem_id="PR01", lang=lang), lang=lang))
    assert got["causes_verified_n"]["value"] == 0
    sentence = got["causes_n"]["sentence"]
    words = ("No cause has votes yet", "No cause is verified yet") if lang == "en" else ("还没有原因得到投票", "还没有原因经过验证")
    assert all(w in sentence for w in words)


def test_sample_fishbone_sentence(wb):
    got = table(rootcause.findings(fishbone=sample_tables(wb, "en")["fishbone"], lang="en"))
    assert got["causes_n"]["sentence"].startswith(
        "The team listed 22 causes on 6 bones (10 of them sub-causes, deepest level 3). Top-voted: 路由不按技能分配 (9)")
    assert "Verified by evidence: 路由不按技能分配 (Machine)" in got["causes_n"]["sentence"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_flagged_and_unfinished_chains(wb, lang):
    whys = wb.get("whys").assign(root_cause=False, evidence=None)
    causes = wb.get("causes")
    chains = rootcause.why_chains(whys, causes)
    checklist = rootcause.why_checklist(chains, causes, lang=lang)
    got = table(rootcause.findings(chains=chains, checklist=checklist, lang=lang))
    assert got["root_causes_n"]["value"] == 0 and got["chains_flagged"]["value"] == 3
    if lang == "en":
        assert got["root_causes_n"]["sentence"] == "The 5-Why chains (3, 4–5 steps each) reach no root cause yet."
        assert got["chains_flagged"]["sentence"].startswith("3 chain(s) flagged for the facilitator: C1: no root cause")
    else:
        assert "还没有一条到达根因" in got["root_causes_n"]["sentence"]
        assert "3 条链需要主持人复核" in got["chains_flagged"]["sentence"]


def test_sample_chains_reach_their_roots(wb):
    got = table(rootcause.findings(chains=sample_tables(wb)["chains"], checklist=sample_tables(wb)["checklist"],
                                   lang="zh"))
    assert got["root_causes_n"]["sentence"].startswith("3 条 5-Why 链（每条 4–5 步）到达 3 个根因：路由不按技能分配（F08）")
    assert got["chains_flagged"]["sentence"].startswith("没有需要复核的链")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_tie_of_cause_scores_names_every_cause(wb, lang):
    got = table(rootcause.findings(priorities=sample_tables(wb)["priorities"], lang=lang))
    sentence = got["top_cause"]["sentence"]
    assert ("路由不按技能分配, 排班与来电高峰不匹配 share the highest score (27 each)." if lang == "en"
            else "路由不按技能分配、排班与来电高峰不匹配 并列得分最高（各 27 分）。") in sentence
    assert ("check next: 晚高峰在岗人数不足 (score 12)" if lang == "en" else "晚高峰在岗人数不足（12 分）") in sentence


def test_one_best_cause_and_everything_verified(wb):
    causes = wb.get("causes")
    causes = causes[causes["verified"].fillna(False).astype(bool)].assign(votes=[9, 8, 7], parent_id=None)
    got = table(rootcause.findings(priorities=rootcause.prioritise_causes(causes), lang="en"))
    assert got["top_cause"]["sentence"] == "Highest score: 路由不按技能分配 (27). Every cause on the list is verified."


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_root_causes_without_actions_get_drafts(wb, lang):
    causes, whys = wb.get("causes"), wb.get("whys")
    coverage = rootcause.action_coverage(causes, None, whys=whys, problem_id="PR01")
    drafts = rootcause.countermeasures(causes, problem_id="PR01", lang=lang)
    got = table(rootcause.findings(coverage=coverage, drafts=drafts, lang=lang))
    assert got["root_causes_covered"]["value"] == 0 and got["countermeasures_new"]["value"] == 3
    if lang == "en":
        assert got["root_causes_covered"]["sentence"] == \
            "None of the 3 root causes is addressed by the action register yet."
        assert got["countermeasures_new"]["sentence"] == "3 still need a countermeasure: F08, F13, F16."
    else:
        assert got["countermeasures_new"]["sentence"] == "还有 3 个根因需要制定对策：F08、F13、F16。"
    assert drafts["action"].iloc[0] == ("Remove root cause: 路由不按技能分配" if lang == "en" else "消除根因：路由不按技能分配")


def test_no_root_cause_yet(wb):
    causes = wb.get("causes").assign(verified=False)
    coverage = rootcause.action_coverage(causes, None, problem_id="PR01")
    got = table(rootcause.findings(coverage=coverage, drafts=rootcause.countermeasures(causes), lang="en"))
    assert got["root_causes_covered"]["sentence"].startswith("No root cause is identified yet")


def test_only_the_tables_given_come_back_and_bad_alpha_is_refused(wb):
    assert rootcause.findings(lang="en").empty
    assert set(rootcause.findings(fishbone=sample_tables(wb)["fishbone"])["key"]) == {"causes_n", "causes_verified_n"}
    with pytest.raises(DataValidationError, match="The value for `alpha` must be between 0 and 1"):
        rootcause.findings(alpha=5)


# ------------------------------------------------------------------------------ the share test: known values
def test_share_test_matches_r():
    # R 4.3: prop.test(c(15, 25), c(50, 50), correct = FALSE) → X-squared = 4.1667, p-value = 0.04123
    chi2 = rootcause.share_test(15, 50, 25, 50)
    assert chi2["test"] == "chi2" and chi2["p"] == pytest.approx(0.04123, abs=5e-6)
    assert chi2["diff_pts"] == pytest.approx(20.0)
    # R 4.3: fisher.test(matrix(c(3, 1, 1, 3), 2)) → p-value = 0.4857 (Fisher's tea-tasting table)
    fisher = rootcause.share_test(3, 4, 1, 4)
    assert fisher["test"] == "fisher" and fisher["p"] == pytest.approx(0.4857, abs=5e-5)
    with pytest.raises(DataValidationError, match="The counts must hold 0 ≤ hits ≤ total"):
        rootcause.share_test(5, 4, 1, 4)


# ------------------------------------------------------------------------------ validation errors in both languages
def test_causes_errors_read_in_chinese_and_english(wb):
    causes = wb.get("causes").copy()
    causes.loc[0, "cause"] = None
    causes.loc[1, "parent_id"] = "NOPE"
    with pytest.raises(DataValidationError, match="rows 2 have no cause text") as err:
        rootcause.fishbone_table(causes)
    zh = err.value.text("zh")
    assert "表 'causes' 的 'cause' 列：第 2 行没有原因描述" in zh
    assert "第 3 行的上级原因 ['NOPE'] 不是表中的 cause_id" in zh


def test_whys_errors_read_in_chinese_and_english(wb):
    whys = wb.get("whys").copy()
    whys.loc[1, "step"] = 4
    with pytest.raises(DataValidationError, match="chain 'C1' repeats step") as err:
        rootcause.why_chains(whys, wb.get("causes"))
    assert "表 'whys'：链 'C1' 重复了步骤 [4]" in err.value.text("zh")


def test_flag_errors_and_long_row_lists_read_in_chinese():
    causes = pd.DataFrame({"cause_id": [f"K{i}" for i in range(12)], "category": "人", "cause": "x",
                           "verified": ["maybe"] * 12})
    with pytest.raises(DataValidationError, match=r"rows 2, 3, .* … \(12 in all\) hold") as err:
        rootcause.fishbone_table(causes)
    assert "…（共 12 行）" in err.value.text("zh") and "不是是/否标记" in err.value.text("zh")
