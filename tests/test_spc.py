"""Tests of sqmkit.spc against the values R's qcc prints for its documented examples.

Data sets are R qcc's (luca-scr/qcc, data/*.txt; CRAN qcc 2.7 manual); printed values from the
qcc vignette "A quick tour of qcc" (Scrucca, qcc 3.0, docs/articles/qcc_a_quick_tour.html).
Flagged points are the out-of-control samples named in the data sets' documentation (Montgomery,
Introduction to Statistical Quality Control).
"""
import numpy as np
import pandas as pd
import pytest

from sqmkit import spc
from sqmkit.exceptions import DataValidationError

# qcc data(viscosity) in the quick tour's xbar.one example (Montgomery, p. 242)
VISCOSITY = [33.75, 33.05, 34, 33.81, 33.46, 34.02, 33.68, 33.27, 33.49, 33.20,
             33.62, 33.00, 33.54, 33.12, 33.84]
# qcc data(orangejuice): D (defectives out of 50), samples 1-54, trial = 1-30
ORANGEJUICE_D = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18,
                 24, 15, 9, 12, 7, 13, 9, 6, 9, 6, 12, 5, 6, 4, 6, 3, 7, 6, 2, 4, 3, 6, 5, 4, 8,
                 5, 6, 7, 5, 6, 3, 5]
# qcc data(circuit): nonconformities per 100 boards, samples 1-46, trial = 1-26
CIRCUIT_X = [21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18, 39, 30,
             24, 16, 19, 17, 15, 16, 18, 12, 15, 24, 21, 28, 20, 25, 19, 18, 21, 16, 22, 19, 12,
             14, 9, 16, 21]
# qcc data(pcmanufact): nonconformities x in samples of size 5
PCMANUFACT_X = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5]
# qcc data(pistonrings): diameter, 40 samples of 5 (trial = 1-25)
PISTONRINGS = """
74.030 74.002 74.019 73.992 74.008 73.995 73.992 74.001 74.011 74.004 73.988 74.024 74.021 74.005
74.002 74.002 73.996 73.993 74.015 74.009 73.992 74.007 74.015 73.989 74.014 74.009 73.994 73.997
73.985 73.993 73.995 74.006 73.994 74.000 74.005 73.985 74.003 73.993 74.015 73.988 74.008 73.995
74.009 74.005 74.004 73.998 74.000 73.990 74.007 73.995 73.994 73.998 73.994 73.995 73.990 74.004
74.000 74.007 74.000 73.996 73.983 74.002 73.998 73.997 74.012 74.006 73.967 73.994 74.000 73.984
74.012 74.014 73.998 73.999 74.007 74.000 73.984 74.005 73.998 73.996 73.994 74.012 73.986 74.005
74.007 74.006 74.010 74.018 74.003 74.000 73.984 74.002 74.003 74.005 73.997 74.000 74.010 74.013
74.020 74.003 73.988 74.001 74.009 74.005 73.996 74.004 73.999 73.990 74.006 74.009 74.010 73.989
73.990 74.009 74.014 74.015 74.008 73.993 74.000 74.010 73.982 73.984 73.995 74.017 74.013 74.012
74.015 74.030 73.986 74.000 73.995 74.010 73.990 74.015 74.001 73.987 73.999 73.985 74.000 73.990
74.008 74.010 74.003 73.991 74.006 74.003 74.000 74.001 73.986 73.997 73.994 74.003 74.015 74.020
74.004 74.008 74.002 74.018 73.995 74.005 74.001 74.004 73.990 73.996 73.998 74.015 74.000 74.016
74.025 74.000 74.030 74.005 74.000 74.016 74.012 74.001 73.990 73.995 74.010 74.024 74.015 74.020
74.024 74.005 74.019 74.035 74.010 74.012 74.015 74.026 74.017 74.013 74.036 74.025 74.026 74.010
74.005 74.029 74.000 74.020
"""


@pytest.fixture
def pistonrings():
    d = np.array(PISTONRINGS.split(), dtype=float)
    assert len(d) == 200
    return pd.DataFrame({"diameter": d, "sample": np.repeat(np.arange(1, 41), 5)})


def flagged(cc, rule=1):
    return set(cc.loc[cc["rule"] == rule, "point"])


# ---- i and mr -------------------------------------------------------------------------------
def test_i_chart_matches_qcc_xbar_one():
    # qcc(x, type="xbar.one"), quick tour: center 33.52333, sd 0.4261651, LCL 32.24484, UCL 34.80183
    cc = spc.control_chart(pd.DataFrame({"x": VISCOSITY}), value="x", chart="i")
    assert len(cc) == 15 and list(cc["point"]) == list(range(1, 16))
    assert cc["center"].iloc[0] == pytest.approx(33.52333, abs=5e-6)
    assert cc["sigma"].iloc[0] == pytest.approx(0.4261651, abs=5e-8)
    assert cc["lcl"].iloc[0] == pytest.approx(32.24484, abs=5e-6)
    assert cc["ucl"].iloc[0] == pytest.approx(34.80183, abs=5e-6)
    assert cc["rule"].isna().all()            # qcc shows no violations for this series
    assert set(cc["phase"]) == {"I"}


def test_mr_chart_lines_up_with_i_chart_and_uses_d4():
    cc = spc.control_chart(pd.DataFrame({"x": VISCOSITY}), value="x", chart="mr")
    assert list(cc["point"]) == list(range(2, 16))
    mr_bar = np.mean(np.abs(np.diff(VISCOSITY)))
    assert cc["center"].iloc[0] == pytest.approx(mr_bar)
    # Montgomery Appendix VI: D4(2) = 3.267, D3(2) = 0
    assert cc["ucl"].iloc[0] == pytest.approx(3.267 * mr_bar, rel=2e-4)
    assert cc["lcl"].iloc[0] == 0


def test_i_chart_phase1_freezes_limits():
    x = VISCOSITY + [36.5, 33.5]
    cc = spc.control_chart(pd.DataFrame({"x": x}), value="x", chart="i", phase1=15)
    assert list(cc["phase"]) == ["I"] * 15 + ["II"] * 2
    assert cc["ucl"].iloc[-1] == pytest.approx(34.80183, abs=5e-6)
    assert flagged(cc) == {16}


def test_accepts_series_and_label_column():
    s = pd.Series(VISCOSITY, name="v")
    cc = spc.control_chart(s, value="v", chart="i")
    assert cc["center"].iloc[0] == pytest.approx(33.52333, abs=5e-6)
    df = pd.DataFrame({"week": pd.date_range("2025-01-06", periods=15, freq="W-MON"), "v": VISCOSITY})
    cc = spc.control_chart(df, value="v", chart="i", label="week")
    assert cc["label"].iloc[0] == pd.Timestamp("2025-01-06")


# ---- xbar, r, s (pistonrings, trial samples 1-25 set the limits; 26-40 scored against them) ----
def test_xbar_chart_matches_qcc(pistonrings):
    # qcc(diameter[1:25,], type="xbar", newdata=diameter[26:40,]): center 74.00118,
    # sd 0.009785039, LCL 73.98805, UCL 74.0143
    cc = spc.control_chart(pistonrings, value="diameter", chart="xbar", subgroup="sample", phase1=25)
    assert len(cc) == 40 and (cc["n"] == 5).all()
    assert cc["center"].iloc[0] == pytest.approx(74.00118, abs=5e-6)
    assert cc["sigma"].iloc[0] * np.sqrt(5) == pytest.approx(0.009785039, abs=5e-10)
    assert cc["lcl"].iloc[0] == pytest.approx(73.98805, abs=5e-6)
    assert cc["ucl"].iloc[0] == pytest.approx(74.0143, abs=5e-5)
    # Montgomery's piston rings example: samples 37, 38, 39 plot above the UCL in phase II
    assert flagged(cc, 1) == {37, 38, 39}
    assert list(cc["phase"].unique()) == ["I", "II"] and (cc["phase"] == "II").sum() == 15


def test_r_chart_matches_qcc(pistonrings):
    # qcc(diameter[1:25,], type="R"): center 0.02276, LCL 0, UCL 0.04812533
    cc = spc.control_chart(pistonrings, value="diameter", chart="r", subgroup="sample", phase1=25)
    assert cc["center"].iloc[0] == pytest.approx(0.02276, abs=5e-9)
    assert cc["lcl"].iloc[0] == 0
    assert cc["ucl"].iloc[0] == pytest.approx(0.04812533, abs=5e-9)
    assert cc["rule"].isna().all()


def test_s_chart_matches_qcc(pistonrings):
    # qcc(diameter[1:25,], type="S"): center 0.009240037, sd 0.009829977, LCL 0, UCL 0.01930242
    cc = spc.control_chart(pistonrings, value="diameter", chart="s", subgroup="sample", phase1=25)
    assert cc["center"].iloc[0] == pytest.approx(0.009240037, abs=5e-10)
    assert cc["center"].iloc[0] / spc.c4(5) == pytest.approx(0.009829977, abs=5e-10)
    assert cc["ucl"].iloc[0] == pytest.approx(0.01930242, abs=5e-9)
    assert cc["lcl"].iloc[0] == 0


def test_xbar_and_r_with_unequal_subgroups_match_qcc(pistonrings):
    # quick tour "Variable control limits": out <- c(9,10,30,35,45,64,65,74,75,85,99,100)
    # qcc(diameter2[1:25,], type="xbar"): center 74.00075, sd 0.009856701,
    # limits n=5: 73.98753 74.01398; sample 2 (n=3): 73.98368 74.01782
    # qcc(diameter2[1:25,], type="R"): center 0.02230088, UCL 0.04785198 (n=5), 0.04857007 (n=3)
    out = np.array([9, 10, 30, 35, 45, 64, 65, 74, 75, 85, 99, 100]) - 1
    d2 = pistonrings.drop(index=out)
    d2 = d2[d2["sample"] <= 25]
    xb = spc.control_chart(d2, value="diameter", chart="xbar", subgroup="sample")
    assert xb["center"].iloc[0] == pytest.approx(74.00075, abs=5e-6)
    assert xb["sigma"].iloc[0] * np.sqrt(5) == pytest.approx(0.009856701, abs=5e-10)
    assert xb.loc[0, ["lcl", "ucl"]].tolist() == pytest.approx([73.98753, 74.01398], abs=5e-6)
    assert xb.loc[1, "n"] == 3
    assert xb.loc[1, ["lcl", "ucl"]].tolist() == pytest.approx([73.98368, 74.01782], abs=5e-6)
    r = spc.control_chart(d2, value="diameter", chart="r", subgroup="sample")
    assert r["center"].iloc[0] == pytest.approx(0.02230088, abs=5e-9)
    assert r.loc[0, "ucl"] == pytest.approx(0.04785198, abs=5e-8)
    assert r.loc[1, "ucl"] == pytest.approx(0.04857007, abs=5e-8)


def test_constants_against_published_tables():
    # Montgomery, Introduction to SQC, Appendix VI: d2, d3 and c4 for n = 2..10 (3-4 decimals)
    d2 = [1.128, 1.693, 2.059, 2.326, 2.534, 2.704, 2.847, 2.970, 3.078]
    d3 = [0.853, 0.888, 0.880, 0.864, 0.848, 0.833, 0.820, 0.808, 0.797]
    c4 = [0.7979, 0.8862, 0.9213, 0.9400, 0.9515, 0.9594, 0.9650, 0.9693, 0.9727]
    for n, a, b, c in zip(range(2, 11), d2, d3, c4):
        assert spc.D2[n] == a
        assert round(spc.D3[n], 3) == pytest.approx(b)
        assert round(spc.c4(n), 4) == pytest.approx(c)


# ---- p, np ----------------------------------------------------------------------------------
def test_p_chart_matches_qcc_orangejuice():
    # with(orangejuice, qcc(D[trial], sizes=size[trial], type="p")): center 0.2313333,
    # LCL 0.05242755, UCL 0.4102391; samples 15 (new cardboard) and 23 (new operator) beyond
    oj = pd.DataFrame({"D": ORANGEJUICE_D[:30], "n": 50})
    cc = spc.control_chart(oj, value="D", chart="p", size="n")
    assert cc["center"].iloc[0] == pytest.approx(0.2313333, abs=5e-8)
    assert cc["lcl"].iloc[0] == pytest.approx(0.05242755, abs=5e-9)
    assert cc["ucl"].iloc[0] == pytest.approx(0.4102391, abs=5e-8)
    assert flagged(cc, 1) == {15, 23}


def test_p_chart_phase2_after_removing_assignable_causes():
    # qcc(D[inc], sizes=size[inc], type="p", newdata=D[!trial], ...): center 0.215,
    # LCL 0.04070284, UCL 0.3892972 (inc = trial samples without 15 and 23)
    D = [d for i, d in enumerate(ORANGEJUICE_D[:30]) if i not in (14, 22)] + ORANGEJUICE_D[30:]
    cc = spc.control_chart(pd.DataFrame({"D": D}), value="D", chart="p", size=50, phase1=28)
    assert cc["center"].iloc[0] == pytest.approx(0.215)
    assert cc["lcl"].iloc[-1] == pytest.approx(0.04070284, abs=5e-9)
    assert cc["ucl"].iloc[-1] == pytest.approx(0.3892972, abs=5e-8)
    assert (cc["phase"] == "II").sum() == 24


def test_np_chart_matches_qcc_orangejuice():
    # with(orangejuice, qcc(D[trial], sizes=size[trial], type="np")): center 11.56667,
    # sd 2.981763, LCL 2.621377, UCL 20.51196
    oj = pd.DataFrame({"D": ORANGEJUICE_D[:30], "n": 50})
    cc = spc.control_chart(oj, value="D", chart="np", size="n")
    assert cc["center"].iloc[0] == pytest.approx(11.56667, abs=5e-6)
    assert cc["sigma"].iloc[0] == pytest.approx(2.981763, abs=5e-7)
    assert cc[["lcl", "ucl"]].iloc[0].tolist() == pytest.approx([2.621377, 20.51196], abs=5e-6)
    assert flagged(cc, 1) == {15, 23}


def test_p_chart_stair_step_limits_for_varying_sizes():
    df = pd.DataFrame({"d": [5, 8, 3], "n": [50, 100, 25]})
    cc = spc.control_chart(df, value="d", chart="p", size="n")
    pbar = 16 / 175
    for i, n in enumerate([50, 100, 25]):
        assert cc.loc[i, "ucl"] == pytest.approx(pbar + 3 * np.sqrt(pbar * (1 - pbar) / n))
    assert cc["ucl"].nunique() == 3


# ---- c, u -----------------------------------------------------------------------------------
def test_c_chart_matches_qcc_circuit():
    # with(circuit, qcc(x[trial], sizes=size[trial], type="c")): center 19.84615,
    # sd 4.454902, LCL 6.481447, UCL 33.21086; samples 6 and 20 out of control (help(circuit))
    cc = spc.control_chart(pd.DataFrame({"x": CIRCUIT_X[:26]}), value="x", chart="c")
    assert cc["center"].iloc[0] == pytest.approx(19.84615, abs=5e-6)
    assert cc["sigma"].iloc[0] == pytest.approx(4.454902, abs=5e-7)
    assert cc[["lcl", "ucl"]].iloc[0].tolist() == pytest.approx([6.481447, 33.21086], abs=5e-6)
    assert flagged(cc, 1) == {6, 20}


def test_c_and_u_chart_phase2_match_qcc_circuit():
    # qcc(x[inc], type="c", newdata=x[!trial]): center 19.66667, LCL 6.362532, UCL 32.9708
    # same with type="u" (size 100): center 0.1966667, LCL 0.06362532, UCL 0.329708
    x = [v for i, v in enumerate(CIRCUIT_X[:26]) if i not in (5, 19)] + CIRCUIT_X[26:]
    df = pd.DataFrame({"x": x, "size": 100})
    c = spc.control_chart(df, value="x", chart="c", phase1=24)
    assert c["center"].iloc[0] == pytest.approx(19.66667, abs=5e-6)
    assert c[["lcl", "ucl"]].iloc[-1].tolist() == pytest.approx([6.362532, 32.9708], abs=5e-6)
    u = spc.control_chart(df, value="x", chart="u", size="size", phase1=24)
    assert u["center"].iloc[0] == pytest.approx(0.1966667, abs=5e-8)
    assert u[["lcl", "ucl"]].iloc[-1].tolist() == pytest.approx([0.06362532, 0.329708], abs=5e-8)
    assert u["rule"].eq(1).sum() == 0


def test_u_chart_matches_qcc_pcmanufact():
    # with(pcmanufact, qcc(x, sizes=size, type="u")): center 1.93, LCL 0.06613305, UCL 3.793867
    cc = spc.control_chart(pd.DataFrame({"x": PCMANUFACT_X}), value="x", chart="u", size=5)
    assert cc["center"].iloc[0] == pytest.approx(1.93)
    assert cc[["lcl", "ucl"]].iloc[0].tolist() == pytest.approx([0.06613305, 3.793867], abs=5e-7)
    assert cc["rule"].isna().all()


def test_u_chart_stair_steps_dyedcloth():
    # qcc data(dyedcloth) = Montgomery's dyed-cloth example, u-bar = 153/107.5 = 1.42 as printed
    # there; the stair-step limits u-bar ± 3 sqrt(u-bar/n) per roll size, computed by hand to 2
    # decimals (qcc prints no table for this example, only "LCL/UCL is variable").
    dy = pd.DataFrame({"x": [14, 12, 20, 11, 7, 10, 21, 16, 19, 23],
                       "size": [10, 8, 13, 10, 9.5, 10, 12, 10.5, 12, 12.5]})
    cc = spc.control_chart(dy, value="x", chart="u", size="size")
    assert cc["center"].iloc[0] == pytest.approx(153 / 107.5)
    expected = {10: (0.29, 2.55), 8: (0.16, 2.69), 13: (0.43, 2.42), 9.5: (0.26, 2.58),
                12: (0.39, 2.46), 10.5: (0.32, 2.53), 12.5: (0.41, 2.44)}
    for _, row in cc.iterrows():
        lo, hi = expected[row["n"]]
        assert row["lcl"] == pytest.approx(lo, abs=0.006) and row["ucl"] == pytest.approx(hi, abs=0.006)
    assert cc["rule"].isna().all()


# ---- run rules: phase I = two points with mean 0 and MR-bar 1.128, so sigma = 1 exactly ------
BASE = [0.564, -0.564]


def rules_of(values, rules, **kw):
    df = pd.DataFrame({"x": BASE + list(values)})
    cc = spc.control_chart(df, value="x", chart="i", phase1=2, rules=rules, **kw)
    assert cc["center"].iloc[0] == pytest.approx(0) and cc["sigma"].iloc[0] == pytest.approx(1)
    return {int(p): int(r) for p, r in zip(cc["point"], cc["rule"]) if not pd.isna(r)}


@pytest.mark.parametrize("rules, values, expected", [
    # Western Electric Handbook (1956) / qcc's WER1-4
    ("western_electric", [0.5, -0.5, 3.5, 0.2], {5: 1}),
    ("western_electric", [0.5, 2.5, -0.3, 2.5, 0.1], {6: 2}),
    ("western_electric", [1.5, 1.5, -0.5, 1.5, 1.5], {7: 3}),
    ("western_electric", [0.3, 0.6, 0.2, 0.9, 0.4, 0.7, 0.1, 0.5], {10: 4}),
    # Nelson (1984) tests 1-8
    ("nelson", [0.5, -0.5, 3.5, 0.2], {5: 1}),
    ("nelson", [0.3, 0.6, 0.2, 0.2, 0.9, 0.4, 0.4, 0.1, 0.5], {11: 2}),
    ("nelson", [-0.9, -0.6, -0.2, 0.1, 0.4, 0.8], {8: 3}),
    ("nelson", [0.5, -1.5] * 7, {14: 4, 15: 4, 16: 4}),
    ("nelson", [2.5, 0.3, 2.5], {5: 5}),
    ("nelson", [1.5, 1.5, 0.3, 1.5, 1.5], {7: 6}),
    ("nelson", [0.2, -0.3, -0.1, 0.4, 0.1, -0.2, -0.4, 0.3, 0.5, -0.1, -0.1, 0.2, -0.3], {15: 7}),
    ("nelson", [1.5, 1.5, -1.5, -1.5, 1.5, 1.5, -1.5, -1.5], {10: 8}),
])
def test_each_rule_on_a_vector_that_triggers_exactly_it(rules, values, expected):
    assert rules_of(values, rules) == expected


def test_run_length_is_configurable():
    run = [0.3, 0.6, 0.2, 0.9, 0.4, 0.7, 0.1, 0.5]
    assert rules_of(run[:7], "western_electric") == {}
    assert rules_of(run[:7], "western_electric", run_lengths={4: 7}) == {9: 4}
    # Nelson's run of 9 on one side: 8 is not enough unless asked for
    assert rules_of(run, "nelson") == {}
    assert rules_of(run, "nelson", run_lengths={2: 8}) == {10: 2}


def test_lowest_rule_number_wins_and_rules_can_be_switched_off():
    assert rules_of([2.5, 3.5], "western_electric") == {4: 1}     # also completes rule 2
    assert rules_of([0.5, -0.5, 3.5], None) == {}


def test_only_rule_1_on_dispersion_charts():
    x = [0, 1, 0, 1, 0, 1.1, 0, 1.05, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 5]
    cc = spc.control_chart(pd.DataFrame({"x": x}), value="x", chart="mr", rules="nelson")
    i = spc.control_chart(pd.DataFrame({"x": x}), value="x", chart="i", rules="nelson")
    assert set(cc["rule"].dropna()) == {1}          # MRs above center for 18 points: not flagged
    assert 4 in set(i["rule"].dropna())             # the same data alternate on the i chart


# ---- staged charts ------------------------------------------------------------------------
def test_staged_chart_recomputes_limits_per_stage():
    before = [45, 47, 44, 46, 45, 48, 43, 46]
    after = [21, 20, 22, 19, 21, 20, 23, 20]
    df = pd.DataFrame({"frt": before + after, "stage": ["before"] * 8 + ["after"] * 8})
    cc = spc.control_chart(df, value="frt", chart="i", stages="stage")
    assert list(cc["stage"].unique()) == ["before", "after"]
    first = spc.control_chart(df.iloc[:8], value="frt", chart="i")
    assert cc["ucl"].iloc[0] == pytest.approx(first["ucl"].iloc[0])
    assert cc["center"].iloc[-1] == pytest.approx(np.mean(after))
    assert cc["rule"].isna().all()
    by_points = spc.control_chart(df, value="frt", chart="i", stages=[9])
    assert by_points["center"].tolist() == pytest.approx(cc["center"].tolist())
    # the same series with limits frozen from the first stage: a sustained shift below the LCL
    frozen = spc.control_chart(df, value="frt", chart="i", phase1=8)
    assert (frozen.loc[frozen["phase"] == "II", "rule"] == 1).all()


# ---- run chart (Anhøj) ----------------------------------------------------------------------
def test_anhoj_limits_match_published_table():
    # Anhøj & Olesen (2014), PLoS ONE 9(11) e113825, Table 1 / qicharts2 vignette: with 24 useful
    # observations a shift is a run > 8 and too few crossings < 8; n=10: 6 and 2; n=20: 7 and 6;
    # n=30: 8 and 10.
    for n, run_max, cross_min in [(10, 6, 2), (20, 7, 6), (24, 8, 8), (30, 8, 10)]:
        rc = spc.run_chart(pd.DataFrame({"y": np.arange(n, dtype=float)}), value="y")
        assert rc["longest_run_max"].iloc[0] == run_max
        assert rc["crossings_min"].iloc[0] == cross_min


def test_run_chart_counts_runs_and_crossings_ignoring_points_on_median():
    y = [1, 3, 2, 5, 4, 6, 0, 3.5, 7, 8, 3.5]    # median 3.5; two points on it are ignored
    rc = spc.run_chart(pd.DataFrame({"y": y}), value="y")
    assert rc["center"].iloc[0] == 3.5
    assert rc["n_useful"].iloc[0] == 9
    # sides: - - - + + + - + +  -> longest run 3, crossings 3
    assert rc["longest_run"].iloc[0] == 3 and rc["crossings"].iloc[0] == 3
    assert not rc["signal"].iloc[0]
    shift = spc.run_chart(pd.DataFrame({"y": [10] * 12 + [1] * 12}), value="y")
    assert shift["shift"].iloc[0] and shift["longest_run"].iloc[0] == 12


# ---- bad inputs -----------------------------------------------------------------------------
def test_unknown_chart_type_uses_seaborn_sentence():
    with pytest.raises(DataValidationError, match=r"The value for `chart` must be one of \['i', 'mr'.*but 'x' was passed"):
        spc.control_chart(pd.DataFrame({"x": [1, 2]}), value="x", chart="x")
    with pytest.raises(DataValidationError, match=r"The value for `rules` must be one of"):
        spc.control_chart(pd.DataFrame({"x": [1, 2]}), value="x", rules="wecorules")


def test_p_chart_with_counts_larger_than_sizes():
    df = pd.DataFrame({"d": [3, 60, 4], "n": [50, 50, 50]})
    with pytest.raises(DataValidationError, match=r"exceeds the sample size in rows 1 .*chart='u'") as e:
        spc.control_chart(df, value="d", chart="p", size="n")
    assert e.value.column == "d" and len(e.value.failure_cases) == 1


def test_negative_counts_for_c_and_u():
    df = pd.DataFrame({"d": [3, -1, 4], "n": [5, 5, 5]})
    for chart in ("c", "u"):
        with pytest.raises(DataValidationError, match=r"needs counts >= 0.*'d' is negative in rows 1"):
            spc.control_chart(df, value="d", chart=chart, size="n")


def test_subgroups_smaller_than_two():
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0, 5.0], "g": [1, 1, 2, 3, 3]})
    for chart in ("xbar", "r", "s"):
        with pytest.raises(DataValidationError, match=r"at least 2 measurements per subgroup.*subgroups 2 of 'g'"):
            spc.control_chart(df, value="x", chart=chart, subgroup="g")
    with pytest.raises(DataValidationError, match=r"needs `subgroup`"):
        spc.control_chart(df, value="x", chart="xbar")


def test_non_numeric_values_and_missing_columns():
    df = pd.DataFrame({"x": ["1.5", "abc", "2"]})
    with pytest.raises(DataValidationError, match=r"non-numeric values in rows 1 \(e.g. 'abc'\)"):
        spc.control_chart(df, value="x", chart="i")
    with pytest.raises(DataValidationError, match=r"has no column \['y'\]"):
        spc.control_chart(df, value="y", chart="i")
    with pytest.raises(DataValidationError, match=r"is empty in rows 1"):
        spc.control_chart(pd.DataFrame({"x": [1.0, None, 2.0]}), value="x", chart="i")


def test_bad_phase1_sizes_and_stage_options():
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0], "n": [10, 0, 10]})
    with pytest.raises(DataValidationError, match=r"`phase1` must be a whole number of points between 2 and 3"):
        spc.control_chart(df, value="x", chart="i", phase1=5)
    with pytest.raises(DataValidationError, match=r"sample sizes must be > 0"):
        spc.control_chart(df, value="x", chart="p", size="n")
    with pytest.raises(DataValidationError, match=r"either `phase1`.*or `stages`"):
        spc.control_chart(df, value="x", chart="i", phase1=2, stages=[2])
    with pytest.raises(DataValidationError, match=r"needs `size`"):
        spc.control_chart(df, value="x", chart="u")
