"""Tests of sqmkit.spc.capability and capability_plot against the values R's qcc prints.

Sources (luca-scr/qcc on GitHub, read at commit af35099):
- qcc's own tests, tests/testthat/test-capability.R (commit 257b9fb, 2026-04-03): a 3 x 4 subgrouped
  data set, two-sided on and off target, upper limit only, lower limit only; 6 decimals.
- the vignette "A quick tour of qcc" (qcc 3.0, docs/articles/qcc.html, built at commit 31afaf6) and
  the help page ?processCapability: pistonrings diameter[1:25, ] (qcc data/pistonrings.txt), four
  specification variants; printed to 3 significant digits, the shares to 2.
- the percentile method: no published example with sample quantiles was found (Clements 1989 uses
  Pearson-curve quantiles), so its quantile definition is tested against R's documented
  ``quantile(type = 7)`` (Hyndman & Fan 1996, definition 7: x[j] + g (x[j+1] - x[j]), j + g =
  1 + (n - 1) p) worked by hand on 1..10 and against scipy's independent implementation of that
  definition (``mstats.mquantiles(alphap=1, betap=1)``); the indices then follow from their formulas.
"""
import numpy as np
import pandas as pd
import pytest
from scipy.stats import mstats

from sqmkit import glossary, spc
from sqmkit.exceptions import DataValidationError

from test_spc import PISTONRINGS   # qcc data(pistonrings): 40 samples of 5 rings

# the vignette's diameter[1:25, ]: samples 1-25
PISTONRINGS_25 = " ".join(PISTONRINGS.split()[:125])
# qcc tests/testthat/test-capability.R: make_grouped_xbar_data(), 3 subgroups of 4 (rows of the matrix)
QCC_TEST_DATA = [[10.00, 10.02, 9.98, 10.01], [10.03, 9.99, 10.01, 10.00], [9.97, 10.04, 10.02, 9.99]]


@pytest.fixture
def pistonrings():
    d = np.array(PISTONRINGS_25.split(), dtype=float)
    assert len(d) == 125
    return pd.DataFrame({"diameter": d, "sample": np.repeat(np.arange(1, 26), 5)})


@pytest.fixture
def qcc_test_data():
    x = np.array(QCC_TEST_DATA)
    return pd.DataFrame({"x": x.ravel(), "group": np.repeat([1, 2, 3], 4)})


@pytest.fixture
def resolution_hours():
    """Seeded lognormal resolution times (hours; median 8 h, right-skewed) as a ticket log gives them."""
    rng = np.random.default_rng(20250106)
    return pd.DataFrame({"resolution_h": rng.lognormal(np.log(8), 0.8, 2000)})


def row(data, **kwargs):
    return spc.capability(data, **kwargs).iloc[0]


# ---- normal method: qcc's own tests (6 decimals) ---------------------------------------------------------
QCC_MID = {"cp": (1.372667, 0.808460, 1.937713), "cpl": 1.441300, "cpu": 1.304033,
           "cpk": (1.304033, 0.727408, 1.880659), "cpm": (1.344463, 0.804207, 1.885321)}


def check(r, expected, tol):
    for column, value in expected.items():
        if isinstance(value, tuple):
            got = (r[column], r[f"{column}_ci_low"], r[f"{column}_ci_high"])
            assert got == pytest.approx(value, abs=tol), column
        else:
            assert r[column] == pytest.approx(value, abs=tol), column


def test_qcc_testthat_two_sided_on_target(qcc_test_data):
    r = row(qcc_test_data, value="x", subgroup="group", lsl=9.9, usl=10.1, target=10.0)
    check(r, QCC_MID, 1e-6)
    # target defaults to the midpoint (qcc: "using midpoint of specification limits")
    default = row(qcc_test_data, value="x", subgroup="group", lsl=9.9, usl=10.1)
    assert default["target"] == 10.0 and default["cpm"] == pytest.approx(1.344463, abs=1e-6)
    assert (r["n"], r["method"], r["lsl"], r["usl"]) == (12, "normal", 9.9, 10.1)


def test_qcc_testthat_two_sided_off_target(qcc_test_data):
    r = row(qcc_test_data, value="x", subgroup="group", lsl=9.9, usl=10.1, target=10.02)
    check(r, {**QCC_MID, "cpm": (1.167834, 0.650542, 1.686689)}, 1e-6)


def test_qcc_testthat_upper_limit_only(qcc_test_data):
    r = row(qcc_test_data, value="x", subgroup="group", usl=10.1, target=10.02)
    check(r, {"cpu": 1.304033, "cpk": (1.304033, 0.727408, 1.880659)}, 1e-6)
    for column in ("cp", "cp_ci_low", "cp_ci_high", "cpl", "cpm", "cpm_ci_low", "cpm_ci_high", "lsl",
                   "exp_below_pct", "obs_below_pct"):
        assert np.isnan(r[column]), column


def test_qcc_testthat_lower_limit_only(qcc_test_data):
    r = row(qcc_test_data, value="x", subgroup="group", lsl=9.9, target=10.02)
    check(r, {"cpl": 1.441300, "cpk": (1.441300, 0.810191, 2.072409)}, 1e-6)
    for column in ("cp", "cpu", "cpm", "usl", "exp_above_pct", "obs_above_pct"):
        assert np.isnan(r[column]), column


# ---- normal method: the vignette's pistonrings examples (printed digits) --------------------------------
# (lsl, usl, target, tolerance, printed indices, printed Exp<LSL, Obs<LSL, Exp>USL, Obs>USL in %)
VIGNETTE = [
    (73.95, 74.05, None, 0.005,
     {"cp": (1.70, 1.49, 1.91), "cpl": 1.74, "cpu": 1.66, "cpk": (1.66, 1.45, 1.88), "cpm": (1.69, 1.48, 1.90)},
     (0, 0, 0, 0)),
    (73.95, 74.05, 74.02, 0.0005,
     {"cp": (1.703, 1.491, 1.915), "cpl": 1.743, "cpu": 1.663, "cpk": (1.663, 1.448, 1.878),
      "cpm": (0.786, 0.656, 0.915)},
     (0, 0, 0, 0)),
    (73.99, 74.01, None, 0.0005,
     {"cp": (0.341, 0.298, 0.383), "cpl": 0.381, "cpu": 0.301, "cpk": (0.301, 0.231, 0.370),
      "cpm": (0.338, 0.296, 0.380)},
     (13, 12, 18, 16)),
    (73.99, 74.1, None, 0.0005,
     {"cp": (1.874, 1.641, 2.106), "cpl": 0.381, "cpu": 3.367, "cpk": (0.381, 0.305, 0.456),
      "cpm": (0.408, 0.338, 0.479)},
     (13, 12, 0, 0)),
]


@pytest.mark.parametrize("lsl, usl, target, tol, indices, shares", VIGNETTE)
def test_qcc_vignette_pistonrings(pistonrings, lsl, usl, target, tol, indices, shares):
    r = row(pistonrings, value="diameter", subgroup="sample", lsl=lsl, usl=usl, target=target)
    # printed: Number of obs = 125, Center = 74.00118, StdDev = 0.009785039
    assert r["n"] == 125
    assert r["mean"] == pytest.approx(74.00118, abs=5e-6)
    assert r["sigma"] == pytest.approx(0.009785039, abs=5e-10)
    assert r["target"] == pytest.approx(target if target is not None else (lsl + usl) / 2)
    check(r, indices, tol)
    got = [r["exp_below_pct"], r["obs_below_pct"], r["exp_above_pct"], r["obs_above_pct"]]
    assert [float(f"{v:.2g}") for v in got] == list(shares)   # qcc prints signif(x, 2)


def test_within_sigma_agrees_with_the_control_charts(pistonrings):
    xbar = spc.control_chart(pistonrings, value="diameter", chart="xbar", subgroup="sample")
    assert row(pistonrings, value="diameter", subgroup="sample", usl=74.05)["sigma"] == pytest.approx(
        xbar["sigma"].iloc[0] * np.sqrt(5))
    # no subgroup: MR-bar/1.128, the i chart's sigma (qcc viscosity, quick tour: 0.4261651)
    visc = pd.DataFrame({"x": [33.75, 33.05, 34, 33.81, 33.46, 34.02, 33.68, 33.27, 33.49, 33.20, 33.62, 33.00,
                               33.54, 33.12, 33.84]})
    assert row(visc, value="x", usl=35)["sigma"] == pytest.approx(0.4261651, abs=5e-8)


def test_large_subgroups_use_s_bar_over_c4():
    rng = np.random.default_rng(7)
    df = pd.DataFrame({"x": rng.normal(10, 2, 90), "day": np.repeat(["a", "b", "c"], 30)})
    s = df.groupby("day")["x"].std(ddof=1).to_numpy()
    assert row(df, value="x", subgroup="day", usl=20)["sigma"] == pytest.approx(np.mean(s / spc.c4(30)))


def test_cpk_interval_is_ordered_when_the_mean_is_beyond_the_sla():
    df = pd.DataFrame({"h": [50, 55, 52, 58, 51, 54, 57, 53]})
    r = row(df, value="h", usl=48)
    assert r["cpk"] < 0 and r["cpk_ci_low"] < r["cpk"] < r["cpk_ci_high"]
    assert r["obs_above_pct"] == 100.0 and r["exp_above_pct"] > 90


def test_resolution_sla_upper_limit_only(resolution_hours):
    r = row(resolution_hours, value="resolution_h", usl=48)
    assert r["method"] == "normal" and np.isnan(r["target"]) and np.isnan(r["lsl"])
    assert r["cpk"] == r["cpu"] == pytest.approx((48 - r["mean"]) / (3 * r["sigma"]))
    assert r["obs_above_pct"] == pytest.approx(100 * np.mean(resolution_hours["resolution_h"] > 48))
    assert list(spc.capability(resolution_hours, value="resolution_h", usl=48).columns) == list(
        spc.capability(resolution_hours, value="resolution_h", usl=48, method="percentile").columns)


# ---- percentile method ----------------------------------------------------------------------------------
def test_percentile_quantiles_are_r_type_7():
    # R: quantile(1:10, c(0.00135, 0.5, 0.99865)) (type 7): 1 + 9p -> 1.01215, 5.5, 9.98785
    df = pd.DataFrame({"x": np.arange(10, 0, -1, dtype=float)})   # order of rows does not matter
    r = row(df, value="x", lsl=0, usl=12, method="percentile")
    assert (r["q_low"], r["median"], r["q_high"]) == pytest.approx((1.01215, 5.5, 9.98785), abs=1e-12)
    assert r["cp"] == pytest.approx(12 / (9.98785 - 1.01215))
    assert r["cpu"] == pytest.approx((12 - 5.5) / (9.98785 - 5.5))
    assert r["cpl"] == pytest.approx((5.5 - 0) / (5.5 - 1.01215))
    assert r["cpk"] == r["cpl"]
    for column in ("cp_ci_low", "cp_ci_high", "cpk_ci_low", "cpk_ci_high", "cpm", "cpm_ci_low", "cpm_ci_high"):
        assert np.isnan(r[column]), column
    assert r["target"] == 6.0


def test_percentile_quantiles_match_an_independent_type_7(resolution_hours):
    r = row(resolution_hours, value="resolution_h", usl=48, method="percentile")
    ref = mstats.mquantiles(resolution_hours["resolution_h"], [0.00135, 0.5, 0.99865], alphap=1, betap=1)
    assert (r["q_low"], r["median"], r["q_high"]) == pytest.approx(tuple(ref), rel=1e-12)
    assert r["cpu"] == r["cpk"] == pytest.approx((48 - ref[1]) / (ref[2] - ref[1]))
    assert np.isnan(r["cp"]) and np.isnan(r["cpl"])
    # the expected share beyond the SLA is the empirical one
    share = 100 * np.mean(resolution_hours["resolution_h"] > 48)
    assert r["exp_above_pct"] == r["obs_above_pct"] == pytest.approx(share)


def test_skewed_data_the_normal_method_is_too_optimistic(resolution_hours):
    normal = row(resolution_hours, value="resolution_h", usl=48)
    pct = row(resolution_hours, value="resolution_h", usl=48, method="percentile")
    # lognormal(log 8, 0.8): P(X > 48) = 1 - Phi(log(6) / 0.8) = 1.26 %; the fitted normal puts almost nothing there
    assert pct["obs_above_pct"] == pytest.approx(1.26, abs=0.6)
    assert normal["exp_above_pct"] < pct["obs_above_pct"] / 3
    # ... and so rates the SLA as capable where the percentile index does not
    assert pct["cpk"] < 0.7 < 1.0 < normal["cpk"]


def test_symmetric_data_both_methods_agree():
    rng = np.random.default_rng(11)
    df = pd.DataFrame({"x": rng.normal(50, 4, 20000)})
    normal, pct = row(df, value="x", lsl=35, usl=65), row(df, value="x", lsl=35, usl=65, method="percentile")
    assert pct["cp"] == pytest.approx(normal["cp"], rel=0.08)
    assert pct["cpk"] == pytest.approx(normal["cpk"], rel=0.08)


# ---- bad input ----------------------------------------------------------------------------------------------
@pytest.fixture
def small():
    return pd.DataFrame({"h": [4.0, 6.5, 3.2, 9.1], "day": ["a", "a", "b", "b"]})


def test_limits_in_the_wrong_order(small):
    with pytest.raises(DataValidationError, match=r"^tickets: the lower specification limit must be below the upper "
                                                  r"one, but lsl=48\.0 and usl=24\.0 were passed\. Fix: swap"):
        spc.capability(small, value="h", lsl=48, usl=24, table="tickets")
    with pytest.raises(DataValidationError, match=r"lsl=5\.0 and usl=5\.0"):
        spc.capability(small, value="h", lsl=5, usl=5)


def test_no_limit(small):
    with pytest.raises(DataValidationError, match=r"data: a capability analysis needs a specification limit\. "
                                                  r"Fix: pass `usl`"):
        spc.capability(small, value="h")
    with pytest.raises(DataValidationError, match=r"needs a specification limit"):
        spc.capability(small, value="h", lsl=float("nan"), usl=None)   # NaN is no limit, as in qcc


def test_limit_and_target_must_be_numbers(small):
    with pytest.raises(DataValidationError, match=r"The value for `usl` must be a finite number or None, but '48h' "
                                                  r"was passed\."):
        spc.capability(small, value="h", usl="48h")
    with pytest.raises(DataValidationError, match=r"The value for `target` must be a finite number or None"):
        spc.capability(small, value="h", lsl=0, usl=48, target=float("nan"))


@pytest.mark.parametrize("conf", [0, 1, 1.5, -0.1, "95%", None])
def test_conf_outside_zero_one(small, conf):
    with pytest.raises(DataValidationError, match=r"The value for `conf` must be between 0 and 1, but .* was passed"):
        spc.capability(small, value="h", usl=48, conf=conf)


def test_unknown_method(small):
    with pytest.raises(DataValidationError, match=r"^The value for `method` must be one of \['normal', 'percentile'\], "
                                                  r"but 'weibull' was passed\.$"):
        spc.capability(small, value="h", usl=48, method="weibull")


def test_target_outside_the_limits(small):
    with pytest.raises(DataValidationError, match=r"the target 60\.0 lies outside the specification limits "
                                                  r"\(lsl=0\.0, usl=48\.0\)\. Fix: pass a target within"):
        spc.capability(small, value="h", lsl=0, usl=48, target=60)
    with pytest.raises(DataValidationError, match=r"the target 50\.0 lies outside .*\(lsl=None, usl=48\.0\)"):
        spc.capability(small, value="h", usl=48, target=50)


def test_non_numeric_and_empty_values(small):
    bad = small.assign(h=["4.0", "abc", 3.2, 9.1])
    with pytest.raises(DataValidationError, match=r"^data: column 'h' holds non-numeric values in rows 1 "
                                                  r"\(e\.g\. 'abc'\); correct or remove them\.$") as err:
        spc.capability(bad, value="h", usl=48)
    assert (err.value.column, err.value.failure_cases["row"].tolist()) == ("h", [1])
    assert "非数值" in err.value.text("zh")
    with pytest.raises(DataValidationError, match=r"column 'h' is empty in rows 0, 2; fill or drop"):
        spc.capability(small.assign(h=[None, 6.5, np.nan, 9.1]), value="h", usl=48)
    with pytest.raises(DataValidationError, match=r"Table 'data' has no column \['hours'\]"):
        spc.capability(small, value="hours", usl=48)


def test_fewer_than_two_values(small):
    with pytest.raises(DataValidationError, match=r"needs at least 2 values of column 'h', 1 given"):
        spc.capability(small.head(1), value="h", usl=48)
    with pytest.raises(DataValidationError, match=r"needs at least 2 values of column 'h', 0 given"):
        spc.capability(small.head(0), value="h", usl=48)


def test_bad_subgroups(small):
    with pytest.raises(DataValidationError, match=r"needs at least 2 values per subgroup, but subgroups c of 'day' "
                                                  r"have fewer\. Fix: merge them, or leave `subgroup` out"):
        spc.capability(small.assign(day=["a", "a", "b", "c"]).iloc[[0, 1, 3]], value="h", subgroup="day", usl=48)
    with pytest.raises(DataValidationError, match=r"column 'day' \(subgroup\) is empty in rows 3"):
        spc.capability(small.assign(day=["a", "a", "b", None]), value="h", subgroup="day", usl=48)
    with pytest.raises(DataValidationError, match=r"has no column \['week'\] passed as `subgroup`"):
        spc.capability(small, value="h", subgroup="week", usl=48)


def test_no_spread():
    flat = pd.DataFrame({"h": [5.0] * 6})
    with pytest.raises(DataValidationError, match=r"column 'h' has no within-subgroup variation \(sigma = 0\)"):
        spc.capability(flat, value="h", usl=8)
    with pytest.raises(DataValidationError, match=r"column 'h' has no spread between its quantiles"):
        spc.capability(flat, value="h", usl=8, method="percentile")


# ---- labels and the chart -------------------------------------------------------------------------------------
def test_every_output_column_and_method_has_labels(small):
    for method in ("normal", "percentile"):
        out = spc.capability(small, value="h", lsl=0, usl=48, method=method)
        for column in out.columns:
            assert glossary.column_label(column, "zh") != column or column == "n", column
            assert glossary.column_label(column, "en")
        assert glossary.value_label(method, "zh", column="method") != method


def _text_boxes(ax):
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    return {t.get_gid(): t.get_window_extent(renderer) for t in ax.texts}, renderer


@pytest.mark.parametrize("lang, words", [
    ("zh", ["过程能力分析", "规格下限 LSL", "规格上限 USL", "目标", "正态法"]),
    ("en", ["Process capability analysis", "LSL", "USL", "Target", "Normal method"])])
def test_plot_normal_two_sided(pistonrings, lang, words):
    result = spc.capability(pistonrings, value="diameter", subgroup="sample", lsl=73.95, usl=74.05, target=74.02)
    ax = spc.capability_plot(pistonrings, value="diameter", result=result, lang=lang)
    shown = [ax.get_title()] + [t.get_text() for t in ax.texts]
    assert all(any(w in s for s in shown) for w in words), shown
    (box,) = [t for t in ax.texts if t.get_gid() == "capability_box"]
    assert "Cp = 1.70" in box.get_text() and "Cpk = 1.66" in box.get_text()
    assert len(ax.lines) == 4   # the normal curve, LSL, USL, target
    extents, _ = _text_boxes(ax)
    assert extents["capability_box"].x0 > ax.get_window_extent().x1   # beside the axes, not over the bars


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plot_percentile_one_sided(resolution_hours, lang):
    result = spc.capability(resolution_hours, value="resolution_h", usl=48, method="percentile")
    ax = spc.capability_plot(resolution_hours, value="resolution_h", result=result.iloc[0], lang=lang)
    assert [t.get_text() for t in ax.texts if t.get_gid() == "spec_label"] == [glossary.column_label("usl", lang)]
    box = [t for t in ax.texts if t.get_gid() == "capability_box"][0].get_text()
    assert "Cp =" not in box and "Cpk = " in box and glossary.text("spc_cap_method_percentile", lang) in box
    assert [round(line.get_xdata()[0], 6) for line in ax.lines[:3]] == [round(result[c].iloc[0], 6)
                                                                       for c in ("q_low", "median", "q_high")]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert glossary.text("spc_cap_quantiles", lang) in legend and glossary.column_label("median", lang) in legend


def test_plot_draws_on_a_given_axes(small):
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    assert spc.capability_plot(small, value="h", result=spc.capability(small, value="h", usl=48), ax=ax) is ax
    with pytest.raises(DataValidationError, match=r"has no column \['cpk'\]"):
        spc.capability_plot(small, value="h", result=spc.capability(small, value="h", usl=48).drop(columns="cpk"))
