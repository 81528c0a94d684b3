"""sqmkit.kpis.findings on counterfactual variants of the sample (issue 12): every sentence says the direction,
the size and the uncertainty of what it reports, in both languages, and never names a blank or tiny group.

The variants are built in-process from the sample's own tables: the actions did nothing (the weeks after the
split repeat the weeks before), the KPI got worse (the after weeks mirrored around the old centre), no change,
ties, a tiny and a blank channel, the weakest agents spread over the teams or sitting in a team that has most
agents anyway. No papermill here.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from sqmkit import io, kpis, spc
from sqmkit.glossary import BLANK

KPI = "frt_median_min"
# English a Chinese sentence may hold: method names, units, column names (snake_case) and the data's values
ALLOWED = re.compile(r"KPI|SQS|SLA|FCR|P90|Welch|Mann–Whitney|CI|\b[pr]\b|\b[a-z]+(?:_[a-z0-9]+)+\b|`[^`]*`")


def english_words(sentence: str, data_values=()) -> list[str]:
    """English words left in a Chinese sentence once method names, column names and data values are removed."""
    for value in data_values:
        sentence = sentence.replace(str(value), " ")
    return re.findall(r"[A-Za-z]{2,}", ALLOWED.sub(" ", sentence))


@pytest.fixture(scope="module")
def sample():
    """The tables notebook 02 computes on the bundled sample (loaded once)."""
    wb = io.load_workbook("")
    tickets, targets = wb.get("tickets"), wb.get("kpi_targets")
    o = dict(sla=wb.config.get("sla_hours"), repeat_window_days=wb.config.get("repeat_window_days", 7))
    period = wb.config.get("period") or {}
    halves = kpis.before_after(tickets, split=wb.config.get("intervention_date"), start=period.get("start"),
                               end=period.get("end"), **o)
    weekly = kpis.ticket_kpis(tickets, freq="W", start=period.get("start"), end=period.get("end"), **o)
    cut = halves.loc[halves["part"] == "after", "start"].iloc[0]
    support = kpis.kpi_support(tickets, **o)
    plan = kpis.score_plan(targets, support)
    return {"tickets": tickets, "targets": targets, "halves": halves, "weekly": weekly, "cut": cut, "plan": plan,
            "channels": kpis.ticket_kpis(tickets, by="channel", **o),
            "cascade": kpis.kpi_cascade(tickets, kpi=KPI, levels=["team", "agent_id"], targets=targets,
                                        min_tickets=30, **o),
            "weighted": plan.loc[plan["used"], "kpi"].tolist()}


def _status(halves, targets):
    return kpis.kpi_status(halves.drop(columns=["start", "end"]), targets)


def _row(table: pd.DataFrame, key: str) -> pd.Series:
    rows = table[table["key"] == key]
    assert len(rows) == 1, f"{key}: {table['key'].tolist()}"
    return rows.iloc[0]


def _swapped(halves: pd.DataFrame) -> pd.DataFrame:
    """The before and after values of every KPI exchanged (the spans stay): the KPI got worse."""
    out = halves.copy()
    columns = [c for c in halves.columns if c not in ("part", "start", "end")]
    out.loc[:, columns] = halves[columns].iloc[::-1].to_numpy()
    return out


def _chart(sample, after_values) -> pd.DataFrame:
    weekly = sample["weekly"].copy()
    later = weekly["period"] >= sample["cut"]
    weekly.loc[later, KPI] = after_values(weekly.loc[~later, KPI].dropna().to_numpy(), weekly.loc[later, KPI])
    return kpis.kpi_control_chart(weekly, kpi=KPI, split=sample["cut"])


# ------------------------------------------------------------------------------ levels before/after
def test_sample_level_says_it_fell_and_that_this_is_better(sample):
    status = _status(sample["halves"], sample["targets"])
    for lang, words in (("en", ["fell from 45.0", "to 20.2", "-24.8 (-55.0 %)", "lower is better: an improvement",
                                "red before the split, green after it", "No KPI is red after the split",
                                "tested with the control chart"]),
                        ("zh", ["的 45.0 下降至", "的 20.2（-24.8，-55.0 %）", "越低越好，这是改善", "分界前为红灯，分界后为绿灯",
                                "分界后没有红灯指标", "控制图检验"])):
        table = kpis.findings(halves=sample["halves"], status=status, kpi=KPI, lang=lang)
        change = _row(table, f"{KPI}_change")
        assert change["value"] == -24.8
        assert all(w in change["sentence"] for w in words), change["sentence"]
        assert _row(table, f"{KPI}_before")["value"] == 45.0 and _row(table, f"{KPI}_after_status")["value"] == "green"
    assert english_words(change["sentence"]) == []


def test_a_kpi_that_got_worse_is_called_worse(sample):
    worse = _swapped(sample["halves"])
    status = _status(worse, sample["targets"])
    en = _row(kpis.findings(halves=worse, status=status, kpi=KPI, lang="en"), f"{KPI}_change")
    assert en["value"] == 24.8
    assert "rose from 20.2" in en["sentence"] and "to 45.0" in en["sentence"] and "+24.8 (+122.5 %)" in en["sentence"]
    assert "it got worse" in en["sentence"] and "improvement" not in en["sentence"]
    assert "green before the split, red after it" in en["sentence"]
    assert "KPIs still red after the split: " in en["sentence"] and "Median first response (min)" in en["sentence"]
    zh = _row(kpis.findings(halves=worse, status=status, kpi=KPI, lang="zh"), f"{KPI}_change")["sentence"]
    assert "升至" in zh and "这是变差" in zh and "分界后仍为红灯的指标：" in zh and "改善" not in zh
    assert english_words(zh) == []


def test_no_change_is_said_as_no_change(sample):
    same = sample["halves"].copy()
    same.loc[same["part"] == "after", KPI] = float(same.loc[same["part"] == "before", KPI].iloc[0])
    for lang, word in (("en", "no change at the precision shown"), ("zh", "按显示精度没有变化")):
        row = _row(kpis.findings(halves=same, kpi=KPI, lang=lang), f"{KPI}_change")
        assert row["value"] == 0 and word in row["sentence"]
        assert "improvement" not in row["sentence"] and "改善" not in row["sentence"]


def test_a_side_without_values_gives_the_note_not_a_change(sample):
    empty = sample["halves"].copy()
    empty.loc[empty["part"] == "after", KPI] = np.nan
    table = kpis.findings(halves=empty, kpi=KPI, lang="en")
    assert f"{KPI}_change" not in set(table["key"])
    assert "the before/after comparison needs data on both sides" in _row(table, "kpi_level_note")["sentence"]


# ------------------------------------------------------------------------------ weekly control chart
def test_sample_chart_is_a_sustained_improvement_with_its_size_and_uncertainty(sample):
    chart = _chart(sample, lambda before, after: after)
    en = kpis.findings(chart=chart, kpi=KPI, lang="en")
    p = _row(en, f"{KPI}_weekly_p_welch")
    assert p["value"] < 0.001 and "fell by 24.8" in p["label"]
    assert _row(en, f"{KPI}_weekly_change")["value"] == pytest.approx(-24.82, abs=0.01)
    assert _row(en, f"{KPI}_weekly_signals_after")["value"] == 26
    for words in ("fell by 24.8", "95 % CI of the difference of the means -27.4 to -22.2", "Welch p < 0.001",
                  "Mann–Whitney p < 0.001", "rank-biserial r = -1.00", "100 % lie beyond the old limit on the better "
                  "side and 0 % on the worse side", "a sustained shift in the better direction"):
        assert words in p["sentence"], words
    zh = _row(kpis.findings(chart=chart, kpi=KPI, lang="zh"), f"{KPI}_weekly_p_welch")
    assert "下降 24.8" in zh["label"] and "向改善方向的持续偏移" in zh["sentence"] and "秩二列相关 r = -1.00" in zh["sentence"]
    assert english_words(zh["sentence"]) == [] and english_words(zh["label"]) == []


def test_actions_that_did_nothing_give_no_evidence_of_a_change(sample):
    # the weeks after the split are the weeks before, shuffled (seeded): same level, same noise, no run
    chart = _chart(sample, lambda before, after: np.random.default_rng(4).permutation(before)[:len(after)])
    test = spc.phase_test(chart).iloc[0]
    shift = spc.phase_summary(chart, direction="lower").iloc[0]
    assert test["p_welch"] > 0.05 and not shift["sustained"] and not shift["sustained_worse"]
    for lang, verdict, wrong in (("en", "Verdict: no evidence of a change", "sustained shift"),
                                 ("zh", "没有证据表明发生了变化", "持续偏移")):
        row = _row(kpis.findings(chart=chart, kpi=KPI, lang=lang), f"{KPI}_weekly_p_welch")
        assert verdict in row["sentence"] and wrong not in row["sentence"]
        assert f"{test['p_welch']:.3f}" in row["sentence"]


def test_a_run_without_a_significant_difference_is_a_possible_shift_only(sample):
    # the weeks before in reverse order: the level does not change (Welch p 0.98), but the first 13 later weeks
    # repeat the slow end of the first half — a run on the worse side, named as possible and not established
    chart = _chart(sample, lambda before, after: np.resize(before[::-1], len(after)))
    assert spc.phase_test(chart).iloc[0]["p_welch"] > 0.05
    en = _row(kpis.findings(chart=chart, kpi=KPI, lang="en"), f"{KPI}_weekly_p_welch")["sentence"]
    assert "weeks in a row lie on the worsening side of the old centre: a possible shift, not yet established" in en
    zh = _row(kpis.findings(chart=chart, kpi=KPI, lang="zh"), f"{KPI}_weekly_p_welch")["sentence"]
    assert "可能正在变差，尚不能确认" in zh and english_words(zh) == []


def test_a_kpi_that_got_worse_is_a_shift_in_the_worse_direction_on_both_sides(sample):
    # the after weeks mirrored around the old centre: as far above it as the sample lies below
    chart0 = _chart(sample, lambda before, after: after)
    centre = float(chart0["center"].iloc[0])
    chart = _chart(sample, lambda before, after: 2 * centre - after)
    summary = spc.phase_summary(chart, direction="lower").iloc[0]
    assert summary["pct_beyond"] == 0 and summary["pct_beyond_worse"] == 100 and summary["sustained_worse"]
    en = kpis.findings(chart=chart, kpi=KPI, lang="en")
    p = _row(en, f"{KPI}_weekly_p_welch")
    assert "rose by 24.8" in p["label"] and _row(en, f"{KPI}_weekly_change")["value"] > 0
    assert "0 % lie beyond the old limit on the better side and 100 % on the worse side" in p["sentence"]
    assert "a sustained shift in the worse direction" in p["sentence"] and "better direction" not in p["sentence"]
    zh = _row(kpis.findings(chart=chart, kpi=KPI, lang="zh"), f"{KPI}_weekly_p_welch")["sentence"]
    assert "向变差方向的持续偏移" in zh and "100 % 超出变差一侧" in zh


def test_a_short_improvement_is_not_yet_sustained(sample):
    # only the first 5 later weeks improved, the rest back at the old level: significant? then not yet sustained
    def short(before, after):
        out = np.resize(before, len(after)).astype(float)
        out[:5] = after.to_numpy()[:5]
        return out
    chart = _chart(sample, short)
    shift = spc.phase_summary(chart, direction="lower").iloc[0]
    assert not shift["sustained"]
    sentence = _row(kpis.findings(chart=chart, kpi=KPI, lang="en"), f"{KPI}_weekly_p_welch")["sentence"]
    assert "sustained shift" not in sentence
    assert ("not yet" in sentence) or ("no evidence of a change" in sentence)


# ------------------------------------------------------------------------------ groups and units
def _channels(sample, **edits) -> pd.DataFrame:
    table = sample["channels"].copy()
    for column, values in edits.items():
        table[column] = values
    return table


def test_sample_channels_name_the_weakest_and_the_best(sample):
    en = _row(kpis.findings(channels=sample["channels"], kpi=KPI, lang="en"), "weakest_channel")
    assert en["value"] == "邮件"
    assert "Weakest channel on Median first response (min): 邮件 (69.0); best: 在线客服 (25.3)" in en["sentence"]
    zh = _row(kpis.findings(channels=sample["channels"], kpi=KPI, lang="zh"), "weakest_channel")["sentence"]
    assert "最弱的渠道是邮件（69.0），最好的是在线客服（25.3）" in zh and english_words(zh) == []


def test_a_tiny_or_blank_channel_is_never_named_weakest(sample):
    table = sample["channels"]
    extra = pd.DataFrame([{**table.iloc[0].to_dict(), "channel": BLANK, "tickets": 500, KPI: 999.0},
                          {**table.iloc[0].to_dict(), "channel": "传真", "tickets": 5, KPI: 888.0}])
    row = _row(kpis.findings(channels=pd.concat([table, extra], ignore_index=True), kpi=KPI, lang="en"),
               "weakest_channel")
    assert row["value"] == "邮件" and BLANK not in row["sentence"] and "传真" not in row["sentence"]
    assert "999" not in row["sentence"] and "among the 4 channels with at least 30 tickets" in row["sentence"]


def test_ties_are_said_as_ties(sample):
    tied = _channels(sample, **{KPI: 40.0})
    en = _row(kpis.findings(channels=tied, kpi=KPI, lang="en"), "weakest_channel")
    assert en["value"] is None and "have the same Median first response (min) (40.0): none is weakest" in en["sentence"]
    two = sample["channels"].copy()
    two.loc[two[KPI].idxmin(), KPI] = two[KPI].max()             # the best channel now ties with the worst
    en = _row(kpis.findings(channels=two, kpi=KPI, lang="en"), "weakest_channel")["sentence"]
    assert "(tied) (69.0)" in en
    zh = _row(kpis.findings(channels=two, kpi=KPI, lang="zh"), "weakest_channel")["sentence"]
    assert "（并列）" in zh


def test_sample_cascade_names_the_lagging_team_and_the_concentrated_agents(sample):
    table = kpis.findings(cascade=sample["cascade"], kpi=KPI, lang="en")
    assert _row(table, "lagging_team")["value"] == "华南组"
    assert "1.45× the median of the other 4 ranked teams" in _row(table, "lagging_team")["sentence"]
    weak = _row(table, "weakest_agents")["sentence"]
    assert "8 of the 10 weakest agents (80 %) belong to 华南组, which has 20 % of the ranked agents" in weak
    assert "routing" not in weak and "shifts" not in weak
    zh = kpis.findings(cascade=sample["cascade"], kpi=KPI, lang="zh")
    for key in ("lagging_team", "weakest_agents"):
        assert english_words(_row(zh, key)["sentence"], data_values=["华南组"]) == []


def test_weakest_agents_spread_over_teams_point_at_individuals(sample):
    cascade = sample["cascade"].copy()
    agents = cascade["level"] == "agent_id"
    teams = cascade.loc[cascade["level"] == "team", "unit"].tolist()
    order = cascade.loc[agents].sort_values("value", ascending=False).index
    cascade.loc[order, "parent"] = [teams[i % len(teams)] for i in range(len(order))]   # worst agents dealt round
    en = _row(kpis.findings(cascade=cascade, kpi=KPI, lang="en"), "weakest_agents")["sentence"]
    assert "are spread over 5 teams" in en and "individuals" in en
    zh = _row(kpis.findings(cascade=cascade, kpi=KPI, lang="zh"), "weakest_agents")["sentence"]
    assert "分布在 5 个班组中" in zh


def test_a_team_with_most_agents_holds_most_weakest_by_chance(sample):
    # 华南组 gets every agent but 2: 8 of the 10 weakest in it is what chance gives, not a concentration
    cascade = sample["cascade"].copy()
    agents = cascade.index[cascade["level"] == "agent_id"]
    cascade.loc[agents, "parent"] = "华南组"
    cascade.loc[agents[:2], "parent"] = "华北组"
    weak = kpis.weakest_units(cascade, level="agent_id").iloc[0]
    assert weak["base_pct"] > weak["share_pct"] - 1e-9 or not weak["concentrated"]
    en = _row(kpis.findings(cascade=cascade, kpi=KPI, lang="en"), "weakest_agents")["sentence"]
    assert "concentrates" not in en


# ------------------------------------------------------------------------------ composite score, backlog, notes
def test_sqs_rose_or_fell(sample):
    scores = kpis.composite_score(sample["halves"].drop(columns=["start", "end"]), sample["targets"],
                                  kpis=sample["weighted"])
    en = _row(kpis.findings(scores=scores, lang="en"), "sqs_change")
    assert en["value"] == 15.2 and "SQS rose from 84.3" in en["sentence"] and "(+15.2 points, over 7 KPIs)" in en["sentence"]
    assert "an improvement" in en["sentence"] and "The weakest KPI after the split is SLA attainment (%)" in en["sentence"]
    fell = scores.copy()
    fell["part"] = fell["part"].iloc[::-1].to_numpy()
    en = _row(kpis.findings(scores=fell, lang="en"), "sqs_change")
    assert en["value"] == -15.2 and "SQS fell from 99.5" in en["sentence"] and "a change for the worse" in en["sentence"]
    zh = _row(kpis.findings(scores=fell, lang="zh"), "sqs_change")["sentence"]
    assert "降至" in zh and "变差" in zh and english_words(zh) == []


def test_coverage_backlog_and_notes_in_both_languages(sample):
    cover = kpis.coverage(sample["tickets"], lang="zh")
    zh = _row(kpis.findings(coverage=cover, lang="zh"), "kpi_coverage")
    assert zh["value"] is None and "共 50,000 张工单" in zh["sentence"] and english_words(zh["sentence"]) == []
    at = pd.Timestamp("2025-12-20")
    backlog = kpis.backlog(sample["tickets"], at=[at])
    en = _row(kpis.findings(backlog=backlog, lang="en"), "open_tickets_as_of")
    assert en["value"] == int(backlog["open_tickets"].iloc[-1]) and "**" not in en["sentence"]
    follow = kpis.follow_kpi(kpis.kpi_support(sample["tickets"].drop(columns=["first_response_at"])), KPI, lang="zh")
    note = _row(kpis.findings(follow=follow, lang="zh"), "kpi_followed")["sentence"]
    assert "改用解决时长中位数（小时）" in note
    assert kpis.findings(lang="en").empty


def test_findings_is_exported_and_has_the_findings_columns(sample):
    from sqmkit.findings import FINDINGS_COLUMNS

    assert list(kpis.findings(halves=sample["halves"], kpi=KPI).columns) == FINDINGS_COLUMNS
    with pytest.raises(Exception, match="lang"):
        kpis.findings(lang="fr")


# ------------------------------------------------------------------------------ the statistic, known values
def test_phase_test_matches_r_t_test_and_wilcox_test():
    # R 4.x: t.test(extra ~ group, data = sleep) -> t = -1.8608, df = 17.776, p-value = 0.07939,
    #        95 percent CI -3.3654832 0.2054832 (group 1 - group 2; here after - before, so the signs flip)
    x = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
    y = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
    chart = spc.control_chart(pd.DataFrame({"v": x + y}), value="v", chart="i", phase1=10)
    r = spc.phase_test(chart).iloc[0]
    assert r["t"] == pytest.approx(1.8608, abs=1e-4) and r["df"] == pytest.approx(17.776, abs=1e-3)
    assert r["p_welch"] == pytest.approx(0.07939, abs=1e-5)
    assert (r["ci_low"], r["ci_high"]) == pytest.approx((-0.2054832, 3.3654832), abs=1e-6)
    # wilcox.test(extra ~ group, sleep) has ties: asymptotic with continuity, W = 25.5 (group 1), p-value = 0.06933;
    # U of group 2 (after) = 10 * 10 - 25.5
    assert r["u"] == 74.5 and r["mw_method"] == "asymptotic" and r["p_mannwhitney"] == pytest.approx(0.06933, abs=1e-5)
