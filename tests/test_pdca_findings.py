"""sqmkit.pdca.findings on the sample and on counterfactual variants of it built here (issue 12).

The variants change the sample's weekly KPI series or its register in-process: the actions did nothing,
the KPI got worse, a tie (no change at all), a tiny group (2 weeks a side, 1 week after), an unfinished
overdue action whose data look effective, a KPI whose better direction is unknown. Every sentence is read
in both languages: direction words, figures, and no English in the Chinese outside method names.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from sqmkit import io, pdca

KPI = "frt_median_min"
SPLIT = pd.Timestamp("2025-07-01")
AS_OF = pd.Timestamp("2025-12-20")
#: Words allowed in Chinese sentences: method names, statistics symbols, and the action ids of the data.
METHOD_WORDS = {"KPI", "PDCA", "Welch", "Mann", "Whitney", "CI", "Western", "Electric", "kpi_targets", "direction",
                "SLA", "FCR", "NPS", "CSAT", "I", "II"}
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z_]+")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def english_words(sentence: str, data_values=()) -> set[str]:
    """English words of a Chinese sentence that are neither method names nor part of a data value."""
    for value in data_values:
        sentence = sentence.replace(str(value), " ")
    return {w for w in ENGLISH_WORD.findall(sentence) if w not in METHOD_WORDS and not re.fullmatch(r"[pr]", w)}


@pytest.fixture(scope="module")
def sample():
    wb = io.load_workbook("")
    series = pdca.kpi_series(tickets=wb.get("tickets"), kpi_values=wb.get("kpi_values"), freq="W",
                             sla=wb.config.get("sla_hours"))
    return wb.get("actions"), series


def run(actions, series, *, lang="en", direction="lower", window=8):
    """Every table of notebook 04 and its findings, as {key: row}."""
    status = pdca.action_status(actions, as_of=AS_OF)
    chart = pdca.split_chart(series, kpi=KPI, date=SPLIT)
    effects = pdca.effect_check(actions, series, window=window, lang=lang)
    table = pdca.findings(status=status, progress=pdca.action_progress(actions), shift=pdca.phase_shift(chart),
                          test=pdca.kpi_before_after(series, kpi=KPI, date=SPLIT),
                          staged=pdca.split_chart(series, kpi=KPI, date=SPLIT, mode="staged"), effects=effects,
                          cycle=pdca.next_cycle(actions, effects), register=status, kpi=KPI, direction=direction,
                          split=SPLIT, lang=lang)
    assert list(table.columns) == ["key", "value", "unit", "label", "sentence"]
    assert table["key"].is_unique
    return {r.key: r for r in table.itertuples()}


def with_kpi(series, change):
    """The series with ``change(period, value) -> value`` applied to the followed KPI."""
    out = series.copy()
    rows = out["kpi"] == KPI
    out.loc[rows, "value"] = [change(p, v) for p, v in zip(pd.to_datetime(out.loc[rows, "period"]), out.loc[rows, "value"])]
    return out


def level(series, shift):
    """The weeks from June (when the first actions started) drawn, seeded, from the stable weeks January to May,
    plus ``shift`` minutes: same noise, and a level that stays (0) or rises (> 0)."""
    june = pd.Timestamp("2025-06-01")
    rows = (series["kpi"] == KPI) & (pd.to_datetime(series["period"]) < june)
    later = iter(np.random.default_rng(7).choice(series.loc[rows, "value"].to_numpy(), size=len(series)))
    return with_kpi(series, lambda p, v: next(later) + shift if p >= june else v)


def nothing_happened(series):
    """The actions did nothing: the first-response median stays at its January–May level."""
    return level(series, 0.0)


def got_worse(series):
    """The KPI got worse: from June the first-response median sits 25 minutes higher."""
    return level(series, 25.0)


# ------------------------------------------------------------------------------ the sample
def test_sample_figures_and_sentences(sample):
    f = run(*sample)
    assert f["actions_total"].value == 20 and f["actions_overdue"].value == 4
    assert f["actions_overdue_ids"].value == "A14, A20, A13, A11"
    assert "4 of 20 actions are overdue" in f["actions_overdue"].sentence
    assert f[f"{KPI}_center_before"].value == pytest.approx(44.9, abs=0.1)
    assert f[f"{KPI}_mean_after"].value == pytest.approx(20.1, abs=0.1)
    assert f[f"{KPI}_change"].value < 0
    assert f[f"{KPI}_pct_beyond_after"].value == 100 and f[f"{KPI}_pct_beyond_worse_after"].value == 0
    assert f[f"{KPI}_shift_sustained"].value is True
    said = f[f"{KPI}_shift_sustained"].sentence
    assert "26 (100%) lie below the old lower control limit (the better side)" in said
    assert "0 (0%) above the old upper control limit (the worse side)" in said
    assert "sustained shift in the better direction" in said
    test = f[f"{KPI}_p_welch"]
    assert test.value < 0.001 and "fell by 24.8" in test.sentence and "95 % CI -27.4 to -22.2" in test.sentence
    assert "(exact)" in test.sentence and "significant improvement" in test.sentence
    assert "fell" in test.label                          # the recorded p value says which way the KPI moved
    assert f["effective_actions"].value == "A01, A02, A03"
    assert f["disputed_actions"].value == "A08"
    assert f["standardised_actions"].value == "A01, A02, A03, A07, A09"
    assert f["next_cycle_actions"].value == "A04, A05, A06, A08, A10"


def test_exact_mann_whitney_for_eight_against_eight_weeks(sample):
    # issue 12: A01, 8 weeks before against 8 from its start, no ties: exact two-sided p = 0.000311
    # (R: wilcox.test(after, before, exact = TRUE) gives 2 * 5 / choose(16, 8) = 0.0003108);
    # the normal approximation printed 0.00136.
    effects = pdca.effect_check(*sample, window=8)
    a01 = effects.set_index("action_id").loc["A01"]
    assert (a01["n_before"], a01["n_after"], a01["mw_method"]) == (8, 8, "exact")
    assert a01["p_mannwhitney"] == pytest.approx(0.000311, abs=5e-7)
    assert a01["effect"] == "better"


# ------------------------------------------------------------------------------ counterfactuals
def test_the_actions_did_nothing(sample):
    actions, series = sample
    f = run(actions, nothing_happened(series))
    assert abs(f[f"{KPI}_change"].value) < 2
    assert f[f"{KPI}_shift_sustained"].value is False
    assert "no evidence of a sustained shift" in f[f"{KPI}_shift_sustained"].sentence
    assert "No evidence of change at the 0.05 level" in f[f"{KPI}_p_welch"].sentence
    assert f["effective_actions"].value == ""
    assert "Worked (finished, significant improvement, target met): none." in f["effective_actions"].sentence
    assert "A01" in f["actions_no_change"].sentence
    assert "A01" not in f["standardised_actions"].value and "A01" in f["next_cycle_actions"].value


def test_the_kpi_got_worse_is_counted_on_the_worse_side(sample):
    # issue 12: on a KPI that got worse the old text said 0 % beyond the limit while every week was above it
    actions, series = sample
    for lang in ("en", "zh"):
        f = run(actions, got_worse(series), lang=lang)
        assert f[f"{KPI}_pct_beyond_after"].value == 0
        assert f[f"{KPI}_pct_beyond_worse_after"].value == 100
        assert f[f"{KPI}_shift_sustained"].value is False
        assert f["effective_actions"].value == ""
    f = run(actions, got_worse(series))
    said = f[f"{KPI}_shift_sustained"].sentence
    assert "26 (100%) above the old upper control limit (the worse side)" in said
    assert "sustained shift in the worse direction" in said and "got worse after 2025-07-01" in said
    assert re.search(r"rose by 2\d\.\d \(\+\d\d\.\d%", f[f"{KPI}_p_welch"].sentence)
    assert "significant deterioration" in f[f"{KPI}_p_welch"].sentence
    assert all(a in f["actions_worse"].sentence for a in ("A01", "A02"))   # A03 starts in July: half its
    assert "A03" in f["actions_no_change"].sentence                          # "before" weeks are already worse
    z = run(actions, got_worse(series), lang="zh")
    assert "26 期（100%）高于原控制上限（变差侧）" in z[f"{KPI}_shift_sustained"].sentence
    assert "变差方向" in z[f"{KPI}_shift_sustained"].sentence and "上升 2" in z[f"{KPI}_p_welch"].sentence


def test_a_tie_is_no_change_and_uses_the_normal_approximation():
    weeks = pd.date_range("2025-01-06", periods=16, freq="W-MON")
    values = [10, 12, 11, 13, 10, 12, 11, 13] * 2        # the same values before and after: a tie, diff 0
    series = pd.DataFrame({"period": weeks, "kpi": KPI, "value": np.array(values, float)})
    test = pdca.kpi_before_after(series, kpi=KPI, date=weeks[8])
    assert test["mw_method"].iloc[0] == "asymptotic"     # ties: no exact p (sqmkit.stats.mann_whitney)
    for lang, moved, none in (("en", "did not change", "No evidence of change"), ("zh", "没有变化", "没有证据表明有变化")):
        row = pdca.findings(test=test, kpi=KPI, direction="lower", lang=lang).iloc[0]
        assert moved in row["sentence"] and none in row["sentence"]
        assert row["value"] == pytest.approx(1.0)
    chart = pdca.split_chart(series, kpi=KPI, date=weeks[8])
    row = pdca.findings(shift=pdca.phase_shift(chart), kpi=KPI, direction="lower", split=weeks[8], lang="en")
    assert "no evidence of a sustained shift" in row.set_index("key").loc[f"{KPI}_shift_sustained", "sentence"]


def test_a_tiny_group_is_never_called_significant():
    weeks = pd.date_range("2025-01-06", periods=4, freq="W-MON")
    series = pd.DataFrame({"period": weeks, "kpi": KPI, "value": [40.0, 42.0, 20.0, 21.0]})
    test = pdca.kpi_before_after(series, kpi=KPI, date=weeks[2])
    assert test["mw_method"].iloc[0] == "exact"
    assert test["p_mannwhitney"].iloc[0] == pytest.approx(1 / 3)   # 2 against 2: the smallest exact p is 2/6
    table = pdca.findings(test=test, kpi=KPI, direction="lower", lang="en").set_index("key")
    said = table.loc[f"{KPI}_p_welch", "sentence"]
    assert "Mann–Whitney p = 0.333 (exact)" in said and "fell by" in said
    # one week after the split: no test, and the sentence says why
    one = pdca.kpi_before_after(series.iloc[:3], kpi=KPI, date=weeks[2])
    for lang, words in (("en", "Too few periods"), ("zh", "期数太少")):
        row = pdca.findings(test=one, kpi=KPI, direction="lower", lang=lang).iloc[0]
        assert row["key"] == f"{KPI}_test" and row["value"] is None and words in row["sentence"]


def test_an_overdue_unfinished_action_is_never_listed_as_worked(sample):
    # issue 12: an overdue, unfinished action was listed as "Worked"; A11 (in progress, overdue 5 days)
    # gets a KPI that falls a further 15 minutes from its start on 2025-09-01
    actions, series = sample
    faster = with_kpi(series, lambda p, v: v - 15 if p >= pd.Timestamp("2025-09-01") else v)
    effects = pdca.effect_check(actions, faster, window=8).set_index("action_id")
    assert effects.loc["A11", "suggested"] == 100 and effects.loc["A11", "status"] == "in_progress"
    f = run(actions, faster)
    assert "A11" not in f["effective_actions"].value.split(", ")
    assert "A11" not in f["effective_actions"].sentence
    assert "A11 华南组专项辅导与跟班 (overdue 5 days; so far: a significant improvement)" in f["actions_early"].sentence
    z = run(actions, faster, lang="zh")
    assert "A11 华南组专项辅导与跟班（逾期 5 天；目前：显著改善）" in z["actions_early"].sentence


def test_an_unknown_direction_describes_the_shift_without_judging_it(sample):
    actions, series = sample
    chart = pdca.split_chart(series, kpi=KPI, date=SPLIT)
    for lang, words in (("en", "which way is better is not known"), ("zh", "不清楚越高越好还是越低越好")):
        table = pdca.findings(shift=pdca.phase_shift(chart), test=pdca.kpi_before_after(series, kpi=KPI, date=SPLIT),
                              kpi=KPI, direction=None, split=SPLIT, lang=lang).set_index("key")
        assert f"{KPI}_shift_sustained" not in table.index and f"{KPI}_pct_beyond_after" not in table.index
        assert words in table.loc[f"{KPI}_change", "sentence"]
        assert table.loc[f"{KPI}_p_welch", "value"] < 0.001


def test_no_overdue_no_due_soon_and_actions_without_a_due_date():
    reg = pd.DataFrame({"action_id": ["A1", "A2", "A3"], "action": ["Routing", "Rota", "Scripts"],
                        "status": ["done", "open", "in_progress"], "due": ["2025-12-01", "2026-03-01", None],
                        "done_date": ["2025-11-30", None, None]})
    status = pdca.action_status(reg, as_of=AS_OF)
    f = pdca.findings(status=status, lang="en").set_index("key")
    assert f.loc["actions_overdue", "sentence"] == "At 2025-12-20, none of the 3 actions is overdue."
    assert f.loc["actions_due_soon", "sentence"] == "None is due within the next 7 days."
    assert "1 unfinished actions have no due date (A3)" in f.loc["actions_no_due", "sentence"]
    z = pdca.findings(status=status, lang="zh").set_index("key")
    assert z.loc["actions_overdue", "sentence"] == "截至 2025-12-20，3 项对策均未逾期。"


def test_findings_returns_only_the_rows_of_the_tables_given(sample):
    actions, _ = sample
    assert list(pdca.findings(progress=pdca.action_progress(actions), lang="en")["key"]) == ["actions_done_pct"]
    assert pdca.findings(lang="en").empty
    with pytest.raises(ValueError, match="Pass `kpi`"):
        pdca.findings(test=pd.DataFrame(), lang="en")
    with pytest.raises(ValueError, match="The value for `run_length` must be a whole number >= 1"):
        pdca.findings(run_length=0)
    with pytest.raises(ValueError, match="The value for `alpha` must be between 0 and 1"):
        pdca.findings(alpha=5)


# ------------------------------------------------------------------------------ both languages
@pytest.mark.parametrize("variant", [lambda s: s, nothing_happened, got_worse], ids=["sample", "nothing", "worse"])
def test_chinese_sentences_hold_no_english_and_english_no_chinese(sample, variant):
    actions, series = sample
    data = [*actions["action_id"], *actions["action"].dropna(), *actions["owner"].dropna(),
            *actions["standardized"].dropna()]
    zh = run(actions, variant(series), lang="zh")
    for key, row in zh.items():
        assert english_words(row.sentence, data) == set(), (key, row.sentence)
        if row.value is not None:              # sentence-only rows carry their key as label and are not recorded
            assert english_words(row.label, data) == set(), (key, row.label)
    en = run(actions, variant(series), lang="en")
    for key, row in en.items():
        rest = row.sentence
        for value in sorted(map(str, data), key=len, reverse=True):
            rest = rest.replace(value, "")
        assert not CHINESE.search(rest), (key, row.sentence)
        assert row.value is None or not CHINESE.search(row.label), (key, row.label)
    assert set(zh) == set(en)


def test_settings_line_in_both_languages():
    config = {"client": "Acme *Ltd*", "title": "Q3"}
    assert pdca.settings_line(config, as_of=AS_OF, split=SPLIT, lang="en") == (
        "**Acme \\*Ltd\\*** · Q3 · status as of **2025-12-20** · intervention date **2025-07-01**")
    assert "状态日期 **2025-12-20**" in pdca.settings_line(config, as_of=AS_OF, split=SPLIT, lang="zh")
