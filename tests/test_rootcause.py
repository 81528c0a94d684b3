"""Tests of sqmkit.rootcause: Pareto (published examples), fishbone model, 5-Why, priorities, countermeasures."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from sqmkit import rootcause as rc
from sqmkit.exceptions import DataValidationError
from sqmkit.rootcause import plots as prc


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _counts(pairs):
    return pd.DataFrame({"category": [c for c, _ in pairs], "n": [n for _, n in pairs]})


# --------------------------------------------------------------------------------- Pareto: published

def test_pareto_qcc_documented_example():
    # R package qcc, help page of pareto.chart (Scrucca; rdocumentation.org/packages/qcc/topics/pareto.chart),
    # Examples: defect <- c(80, 27, 66, 94, 33); names: price code, schedule date, supplier code,
    # contact num., part num. Printed "Pareto chart analysis for defect":
    #   contact num. 94 cum 94 31.33 % cum 31.33 %; price code 80 174 26.67 58.00; supplier code 66 240 22.00 80.00;
    #   part num. 33 273 11.00 91.00; schedule date 27 300 9.00 100.00
    data = _counts([("price code", 80), ("schedule date", 27), ("supplier code", 66),
                    ("contact num.", 94), ("part num.", 33)])
    t = rc.pareto_table(data, category="category", weight="n")
    assert list(t.columns) == ["category", "value", "pct", "cum_value", "cum_pct", "vital_few"]
    assert t["category"].tolist() == ["contact num.", "price code", "supplier code", "part num.", "schedule date"]
    assert t["cum_value"].tolist() == [94, 174, 240, 273, 300]
    np.testing.assert_allclose(t["pct"], [31.33333, 26.66667, 22.0, 11.0, 9.0], atol=1e-5)
    np.testing.assert_allclose(t["cum_pct"], [31.33333, 58.0, 80.0, 91.0, 100.0], atol=1e-5)
    # exact-threshold case: supplier code brings the cumulative share to exactly 80 % -> included
    assert t["vital_few"].tolist() == [True, True, True, False, False]


def test_pareto_qcc_late_to_work_example_from_raw_rows():
    # Radziwill, N. (2012) "Pareto Charts" (qualityandinnovation.com), qcc::pareto.chart on
    # defect.counts <- c(12, 29, 18, 3, 34, 4), names Weather, Overslept, Alarm Failure, Time Change,
    # Traffic, Other (50 people, 100 answers): Traffic 34 %, Overslept 63 %, Alarm Failure 81 %,
    # Weather 93 %, Other 97 %, Time Change 100 % cumulative.
    counts = {"Weather": 12, "Overslept": 29, "Alarm Failure": 18, "Time Change": 3, "Traffic": 34, "Other": 4}
    raw = pd.DataFrame({"reason": [k for k, v in counts.items() for _ in range(v)]})
    t = rc.pareto_table(raw, category="reason")
    assert t["category"].tolist() == ["Traffic", "Overslept", "Alarm Failure", "Weather", "Other", "Time Change"]
    np.testing.assert_allclose(t["cum_pct"], [34, 63, 81, 93, 97, 100])
    assert t["vital_few"].sum() == 3


def test_pareto_textbook_paint_shop_ties_and_threshold():
    # Textbook exercise on auto paint-shop defects (percent of autos by primary problem; Moore,
    # The Basic Practice of Statistics; text reproduced at perfectprofs.com/solution-8326): the colour
    # coat (orange peel 32, ripples 28, uneven thickness 19) accounts for 79 % -> look there first.
    table = [("Electrocoat uneven", 4), ("Poor adherence of color to primer", 5), ("Lack of clarity in color", 2),
             ("Orange peel texture in color", 32), ("Orange peel texture in gloss", 1), ("Ripples in color coat", 28),
             ("Ripples in gloss coat", 4), ("Uneven color thickness", 19), ("Uneven gloss thickness", 5)]
    t = rc.pareto_table(_counts(table), category="category", weight="n")
    # ties keep first-appearance order: 5 (Poor adherence before Uneven gloss), 4 (Electrocoat before Ripples gloss)
    assert t["category"].tolist() == [
        "Orange peel texture in color", "Ripples in color coat", "Uneven color thickness",
        "Poor adherence of color to primer", "Uneven gloss thickness", "Electrocoat uneven",
        "Ripples in gloss coat", "Lack of clarity in color", "Orange peel texture in gloss"]
    np.testing.assert_allclose(t["cum_pct"], [32, 60, 79, 84, 89, 93, 97, 99, 100])
    assert t["vital_few"].sum() == 4  # 79 < 80: the first row reaching 80 % is the fourth
    t79 = rc.pareto_table(_counts(table), category="category", weight="n", threshold=79)
    assert t79["vital_few"].sum() == 3  # exactly 79 % reaches a 79 % threshold


def test_pareto_sas_raw_records_ties_first_appearance():
    # SAS/QC User's Guide, PARETO procedure, Getting Started "Creating a Pareto chart from raw data"
    # (data set Failure1, sample PARGS1): 31 failure records. Hand count: Contamination 14, Oxide Defect 8,
    # Miscellaneous 3, Corrosion 2, Metallization 2, Silicon Defect 1, Doping 1.
    causes = ("Corrosion,Oxide Defect,Contamination,Oxide Defect,Oxide Defect,Miscellaneous,Oxide Defect,"
              "Contamination,Metallization,Oxide Defect,Contamination,Contamination,Oxide Defect,Contamination,"
              "Contamination,Contamination,Corrosion,Silicon Defect,Miscellaneous,Contamination,Contamination,"
              "Contamination,Miscellaneous,Contamination,Contamination,Doping,Oxide Defect,Oxide Defect,"
              "Metallization,Contamination,Contamination").split(",")
    t = rc.pareto_table(pd.DataFrame({"cause": causes}), category="cause")
    assert t["category"].tolist() == ["Contamination", "Oxide Defect", "Miscellaneous", "Corrosion",
                                      "Metallization", "Silicon Defect", "Doping"]
    assert t["value"].tolist() == [14, 8, 3, 2, 2, 1, 1]
    assert t["pct"].iloc[0] == pytest.approx(45.16129, abs=1e-5)


def test_pareto_other_bucket_blank_category_and_single_row():
    data = _counts([("a", 50), ("b", 30), ("c", 10), ("d", 5), ("e", 5)])
    t = rc.pareto_table(data, category="category", weight="n", other_after=90, other_label="其他")
    assert t["category"].tolist() == ["a", "b", "c", "其他"]
    assert t["value"].tolist() == [50, 30, 10, 10]
    assert t["cum_pct"].iloc[-1] == pytest.approx(100)
    # pooling a single category is pointless: left alone
    assert rc.pareto_table(data, category="category", weight="n", other_after=95)["category"].tolist()[-1] == "e"
    blank = pd.DataFrame({"category": ["x", None, " ", "x"]})
    assert rc.pareto_table(blank, category="category")["category"].tolist() == ["x", "(blank)"]
    one = rc.pareto_table(pd.DataFrame({"category": ["x"]}), category="category")
    assert one[["value", "pct", "cum_pct", "vital_few"]].iloc[0].tolist() == [1, 100.0, 100.0, True]


def test_pareto_compare_before_after():
    before = pd.DataFrame({"c": list("AAAABBC")})
    after = pd.DataFrame({"c": list("ABBD")})
    t = rc.pareto_compare(before, after, category="c", labels=("H1", "H2"))
    h1, h2 = t[t["period"] == "H1"], t[t["period"] == "H2"]
    assert h1["category"].tolist() == ["A", "B", "C", "D"] and h1["value"].tolist() == [4, 2, 1, 0]
    assert h2["category"].tolist() == ["B", "A", "D", "C"] and h2["value"].tolist() == [2, 1, 1, 0]
    a = t[(t["period"] == "H2") & (t["category"] == "A")].iloc[0]
    assert a["change"] == -3 and a["change_pct"] == pytest.approx(-75.0)
    assert np.isnan(t[(t["period"] == "H1") & (t["category"] == "D")]["change_pct"].iloc[0])
    assert h2["rank"].tolist() == [1, 2, 3, 4]


@pytest.mark.parametrize("kwargs, match", [
    ({"category": "nope"}, r"Table 'data' has no column \['nope'\]"),
    ({"category": "category", "threshold": 0}, r"The value for `threshold` must be a percentage in \(0, 100\], but 0 was passed"),
    ({"category": "category", "threshold": 120}, r"The value for `threshold`"),
    ({"category": "category", "other_after": 50}, r"`other_after` \(50.0\) must be at least `threshold`"),
    ({"category": "category", "weight": "bad"}, r"column 'bad': rows \[?2"),
    ({"category": "category", "weight": "neg"}, r"column 'neg': rows 3 hold negative"),
])
def test_pareto_bad_inputs(kwargs, match):
    data = pd.DataFrame({"category": ["a", "b"], "bad": ["x", 1], "neg": [1, -2]})
    with pytest.raises(DataValidationError, match=match):
        rc.pareto_table(data, **kwargs)


def test_pareto_empty_and_zero_weights():
    with pytest.raises(DataValidationError, match="has no rows"):
        rc.pareto_table(pd.DataFrame({"category": []}), category="category")
    with pytest.raises(DataValidationError, match="weights sum to 0"):
        rc.pareto_table(pd.DataFrame({"category": ["a"], "w": [0]}), category="category", weight="w")
    with pytest.raises(DataValidationError, match="two different period names"):
        rc.pareto_compare(pd.DataFrame({"c": ["a"]}), pd.DataFrame({"c": ["a"]}), category="c", labels=("x", "x"))


# --------------------------------------------------------------------------------- fishbone model

def _causes(**over):
    rows = [
        ("PR01", "K1", "人", "新员工多", None, 5, False, None),
        ("PR01", "K2", "人", "培训周期被压缩", "K1", 2, False, "入职记录"),
        ("PR01", "K3", None, "培训预算被削减", "K2", 1, True, "预算表"),
        ("PR01", "K4", "Machine", "路由不按技能分配", None, 9, "是", "抽样600单"),
        ("PR01", "K5", "供应商", "外包坐席流失", None, 3, 0, None),
    ]
    df = pd.DataFrame(rows, columns=["problem_id", "cause_id", "category", "cause", "parent_id", "votes",
                                     "verified", "evidence"])
    for k, v in over.items():
        df[k] = v
    return df


def test_fishbone_levels_presets_and_free_category():
    m = rc.fishbone_table(_causes(), lang="zh", top_n=2)
    assert m["cause_id"].tolist() == ["K1", "K2", "K3", "K4", "K5"]
    assert m["level"].tolist() == [1, 2, 3, 1, 1]
    assert m["category"].tolist()[2] == "人"  # inherited from the parent
    assert m["bone"].tolist() == ["人", "人", "人", "机", "供应商"]  # Machine -> 机 in zh
    assert m["in_preset"].tolist() == [True, True, True, True, False]  # 供应商 is outside 6M: its own bone
    assert m["bone_order"].tolist() == [0, 0, 0, 1, 6]
    assert m["verified"].tolist() == [False, False, True, True, False]
    assert m["top_voted"].tolist() == [True, False, False, True, False]  # votes 9 and 5
    en = rc.fishbone_table(_causes(), lang="en", preset="6m")
    assert en["bone"].tolist()[:4] == ["Man", "Man", "Man", "Machine"]
    svc = rc.fishbone_table(_causes(category=["人员", "人员", None, "技术", "客户"]), preset="service", lang="en")
    assert svc["bone"].tolist() == ["People", "People", "People", "Technology", "Customers"]
    assert rc.preset_categories("6m", "en") == ["Man", "Machine", "Material", "Method", "Environment", "Measurement"]
    assert rc.preset_categories("service", "zh") == ["人员", "流程", "政策", "场所", "产品", "技术", "客户", "测量"]


def test_fishbone_free_category_drawn_as_own_bone():
    m = rc.fishbone_table(_causes())
    ax = prc.fishbone_chart(m, effect="首次响应太慢", lang="zh")
    texts = [t.get_text() for t in ax.texts]
    assert "供应商" in texts and "人" in texts and "机" in texts
    assert any("首次响应太慢" in t for t in texts)
    assert any(t.startswith("外包坐席流失") for t in texts)


@pytest.mark.parametrize("change, match", [
    ({"parent_id": [None, "K9", "K2", None, None]}, r"rows 3 name parents \['K9'\] that are not a cause_id"),
    ({"parent_id": ["K3", "K1", "K2", None, None]}, r"rows 2, 3, 4 .*cycle of parents"),
    ({"parent_id": [None, "K1", "K2", None, "K3"], "category": ["人", "人", "人", "机", "人"]},
     r"rows 6 \(cause_id \['K5'\]\) are nested deeper than three levels"),
    ({"parent_id": [None, "K1", "K2", "K1", None]}, r"rows 5 \(cause_id \['K4'\]\) have a parent in a different problem or category"),
    ({"problem_id": ["PR01", "PR02", "PR01", "PR01", "PR01"]}, r"different problem or category"),
    ({"cause_id": ["K1", "K1", "K3", "K4", "K5"], "parent_id": [None, None, None, None, None]},
     r"rows 2, 3 repeat the ids \['K1'\]"),
    ({"cause": ["a", "", "c", "d", "e"]}, r"rows 3 have no cause text"),
    ({"verified": ["maybe", 0, 0, 0, 0]}, r"column 'verified': rows 2 hold \['maybe'\]"),
])
def test_fishbone_bad_inputs(change, match):
    with pytest.raises(DataValidationError, match=match) as err:
        rc.fishbone_table(_causes(**change))
    assert err.value.table == "causes"


def test_fishbone_collects_all_problems_and_argument_errors():
    bad = _causes(parent_id=[None, "K9", "K2", None, None], cause=["a", "b", "c", "", "e"])
    with pytest.raises(DataValidationError, match=r"has 2 problems") as err:
        rc.fishbone_table(bad)
    assert len(err.value.problems) == 2
    with pytest.raises(DataValidationError, match=r"The value for `preset` must be one of \['6m', 'service', None\], but '7m' was passed"):
        rc.fishbone_table(_causes(), preset="7m")
    with pytest.raises(DataValidationError, match=r"no causes for problem_id 'PR9'"):
        rc.fishbone_table(_causes(), problem_id="PR9")
    with pytest.raises(DataValidationError, match=r"Table 'causes' has no column \['cause'\]"):
        rc.fishbone_table(_causes().drop(columns="cause"))


def test_wrap_text_by_display_width():
    s = "坐席新员工比例高且培训周期短导致处理复杂业务时频繁转接"
    lines = rc.wrap_text(s, 12).split("\n")
    assert all(rc.text_width(line) <= 12 for line in lines) and "".join(lines) == s
    assert rc.wrap_text("routing ignores agent skills", 10).split("\n") == ["routing", "ignores", "agent", "skills"]
    assert rc.text_width("ab中文") == 6


# --------------------------------------------------------------------------------- 5-Why

def _whys(**over):
    df = pd.DataFrame({
        "problem_id": "PR01", "chain_id": ["C1"] * 4 + ["C2"] * 2,
        "step": [1, 2, 3, 4, 2, 1],
        "why": ["为什么慢？", "为什么排队？", "为什么转派？", "为什么不看技能？", "为什么人少？", "为什么晚间慢？"],
        "because": ["排队长", "转派多", "派单不看技能", "路由不按技能分配", "排班按月平均", "晚间人少"],
        "evidence": ["日志", "抽样", "配置", "验收清单", None, "排班表"],
        "root_cause": [0, 0, 0, 1, 0, 0], "cause_id": [None, None, None, "K4", None, None]})
    for k, v in over.items():
        df[k] = v
    return df


def test_why_chains_sorted_and_root():
    ch = rc.why_chains(_whys(), _causes())
    assert ch["chain_id"].tolist() == ["C1"] * 4 + ["C2"] * 2
    assert ch["step"].tolist() == [1, 2, 3, 4, 1, 2]  # C2 given out of order
    assert ch["is_root"].tolist() == [False, False, False, True, False, False]
    assert ch["n_steps"].tolist() == [4, 4, 4, 4, 2, 2]
    no_flag = rc.why_chains(_whys().drop(columns="root_cause"))
    assert no_flag["is_root"].sum() == 2  # without the column the last step is the root


@pytest.mark.parametrize("change, match", [
    ({"step": [1, 2, 4, 5, 2, 1]}, r"chain 'C1' has steps \[1, 2, 4, 5\] with a gap \(missing \[3\]; rows 2, 3, 4, 5\)"),
    ({"step": [1, 2, 2, 3, 2, 1]}, r"chain 'C1' repeats step\(s\) \[2\] \(rows 3, 4\)"),
    ({"step": [1, 2, 3, 1.5, 2, 1]}, r"column 'step': rows 5 hold \[1.5\]"),
    ({"root_cause": [0, 1, 0, 1, 0, 0]}, r"chain 'C1' flags root_cause on step\(s\) \[2\] \(rows 3\)"),
    ({"cause_id": [None, None, None, "K99", None, None]}, r"rows 5 link to \['K99'\], which are not cause_ids"),
    ({"because": ["a", "b", None, "d", "e", "f"]}, r"rows 4 have no answer"),
])
def test_why_chains_bad_inputs(change, match):
    with pytest.raises(DataValidationError, match=match) as err:
        rc.why_chains(_whys(**change), _causes())
    assert err.value.table == "whys"


def test_why_checklist_flags_symptoms():
    cl = rc.why_checklist(rc.why_chains(_whys(), _causes()), _causes(), lang="en")
    c1, c2 = cl.iloc[0], cl.iloc[1]
    assert not c1["flagged"] and c1["note"] == "passed" and c1["root"] == "路由不按技能分配"
    assert c2[["no_root", "few_steps", "no_evidence", "not_linked", "not_verified"]].tolist() == [True] * 5
    assert c2["steps_without_evidence"] == 1
    assert "fewer than 3 steps" in c2["note"]
    # linked but the cause is not verified
    w = _whys(cause_id=[None, None, None, "K1", None, None])
    assert rc.why_checklist(w, _causes())["not_verified"].tolist() == [True, True]
    with pytest.raises(DataValidationError, match=r"The value for `lang` must be one of \['zh', 'en'\], but 'fr' was passed"):
        rc.why_checklist(w, lang="fr")


# --------------------------------------------------------------------------------- priorities, countermeasures

def test_prioritise_votes_times_evidence_and_matrix():
    # hand calculation from the documented rule (score = votes x weight; verified 3, evidence 2, none 1)
    df = _causes(impact=[4, 2, 5, 5, 1], effort=[2, 2, 4, 1, 5])
    p = rc.prioritise_causes(df, impact="impact", effort="effort", scale=(1, 5))
    got = dict(zip(p["cause_id"], p["score"]))
    assert got == {"K4": 27.0, "K1": 5.0, "K2": 4.0, "K3": 3.0, "K5": 3.0}
    assert p["rank"].tolist() == [1, 2, 3, 4, 4]
    quad = dict(zip(p["cause_id"], p["quadrant"]))
    assert quad == {"K1": "quick_win", "K2": "fill_in", "K3": "major_project", "K4": "quick_win", "K5": "thankless"}
    with pytest.raises(DataValidationError, match="Give both `impact` and `effort`"):
        rc.prioritise_causes(df, impact="impact")
    with pytest.raises(DataValidationError, match=r"column 'impact': causes \['K1'\] hold \[9.0\], outside the scale"):
        rc.prioritise_causes(_causes(impact=[9, 2, 5, 5, 1], effort=3), impact="impact", effort="effort")
    with pytest.raises(DataValidationError, match=r"The value for `evidence_weights` must be one of"):
        rc.prioritise_causes(df, evidence_weights={"strong": 5})


def test_countermeasures_rows_of_actions_table():
    actions = pd.DataFrame({"action_id": ["A01", "A07"], "cause_id": ["K3", "K1"]})
    proposals = pd.DataFrame({"cause_id": ["K4"], "action": ["智能路由"], "owner": ["系统支持组"]})
    new = rc.countermeasures(_causes(), actions=actions, proposals=proposals, start="2025-06-01", kpi="frt_median_min",
                             baseline=45, target=30, direction="lower")
    assert list(new.columns) == rc.ACTION_COLUMNS
    assert new["cause_id"].tolist() == ["K4"]  # K3 already addressed by A01
    r = new.iloc[0]
    assert (r["action_id"], r["action"], r["owner"], r["phase"], r["status"]) == ("A08", "智能路由", "系统支持组", "Plan", "open")
    assert r["due"] - r["start"] == pd.Timedelta(days=30) and r["start"] == pd.Timestamp("2025-06-01")
    draft = rc.countermeasures(_causes(), lang="en")
    assert draft["action"].tolist() == ["Remove root cause: 培训预算被削减", "Remove root cause: 路由不按技能分配"]
    assert draft["action_id"].tolist() == ["A01", "A02"] and draft["due"].isna().all()
    with pytest.raises(DataValidationError, match=r"Table 'proposals', column 'cause_id': rows 2 name \['K77'\]"):
        rc.countermeasures(_causes(), proposals=pd.DataFrame({"cause_id": ["K77"], "action": ["x"]}))
    cov = rc.action_coverage(_causes(), actions, whys=_whys())
    assert cov.set_index("cause_id")["covered"].to_dict() == {"K3": True, "K4": False}
    assert cov.set_index("cause_id")["chain_ids"].to_dict() == {"K3": "", "K4": "C1"}


# --------------------------------------------------------------------------------- charts

def test_pareto_charts_draw_the_table():
    t = rc.pareto_table(_counts([("a", 50), ("b", 30), ("c", 20)]), category="category", weight="n")
    ax = prc.pareto_chart(t, lang="en")
    assert len(ax.patches) == 3 and [p.get_height() for p in ax.patches] == [50, 30, 20]
    line = ax.right_ax.lines[0]
    np.testing.assert_allclose(line.get_ydata(), [50, 80, 100])
    assert ax.right_ax.lines[1].get_ydata()[0] == 80  # cut-off
    assert ax.get_title() == "Pareto chart"
    cmp = rc.pareto_compare(pd.DataFrame({"c": list("aab")}), pd.DataFrame({"c": list("ab")}), category="c")
    ax2 = prc.pareto_compare_chart(cmp, lang="zh")
    assert len(ax2.patches) == 4
    with pytest.raises(DataValidationError, match=r"The value for `lang` must be one of \['zh', 'en'\]"):
        prc.pareto_chart(t, lang="de")
    with pytest.raises(DataValidationError, match=r"Table 'pareto_table' has no column \['vital_few'\]"):
        prc.pareto_chart(t.drop(columns="vital_few"))


def test_why_chain_chart_marks_root():
    ax = prc.why_chain_chart(rc.why_chains(_whys()), lang="en")
    texts = [t.get_text() for t in ax.texts]
    assert any("ROOT CAUSE" in t and "路由不按技能分配" in t for t in texts)
    assert any("(no root yet)" in t for t in texts)
