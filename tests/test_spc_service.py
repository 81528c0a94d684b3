"""Tests of the service charts of sqmkit.spc: Laney p′/u′, EWMA, CUSUM and the overdispersion check.

Sources of the expected values, named at each test:
- qicharts2 (Anhøj, github.com/anhoej/qicharts2), vignette "qicharts2", Case 5 "Prime charts for count
  data with very large sample sizes": its data set nhs_accidents (Mohammed et al., BMJ Qual Saf 2013;
  22:362–368) on a P and a P′ chart, the limits printed at the right edge of the figures
  (docs/articles/qicharts2_files/figure-html/unnamed-chunk-49-1.png and -51-1.png, 3 decimals in %).
- qcc 3.0 (Scrucca, github.com/luca-scr/qcc): the printed summaries of the ewma help page
  (docs/reference/ewma.html) and the exact cases of tests/testthat/test-ewma.R and test-cusum.R;
  the printed qccOverdispersionTest examples (Wetherill & Brown 1991, pp. 212–218).
- Montgomery, D. C., Introduction to Statistical Quality Control, 6th ed., Example 9.1 (tabular CUSUM,
  Table 9.1 data, Table 9.2 C+ values) and Example 9.2 (EWMA, lambda 0.1, L 2.7).
"""
import numpy as np
import pandas as pd
import pytest

from sqmkit import spc
from sqmkit.exceptions import DataValidationError

# qicharts2 data(nhs_accidents): r = attendances seen within 4 hours, n = all attendances, 20 weeks
NHS_R = [266501, 264225, 276532, 281461, 269071, 261215, 270409, 279778, 270483, 270320, 267923, 271478,
         255353, 256820, 261835, 259144, 255910, 260863, 264465, 260989]
NHS_N = [280443, 276823, 291681, 296155, 282343, 275888, 283867, 295251, 284468, 282529, 279618, 283932,
         266629, 268091, 276803, 271578, 266005, 273520, 278574, 273772]
NHS = pd.DataFrame({"week": range(1, 21), "r": NHS_R, "n": NHS_N})
# qcc data(viscosity): 35 batches, trial = the first 20
VISCOSITY = [34.05, 34.40, 33.59, 35.96, 34.70, 33.51, 33.79, 34.04, 34.52, 33.75, 33.27, 33.71, 34.03,
             34.58, 34.02, 33.97, 34.05, 34.04, 33.73, 34.05, 34.39, 33.75, 33.40, 33.27, 34.65, 34.80,
             34.55, 35.40, 34.75, 34.50, 34.70, 34.29, 34.61, 34.49, 35.03]
# Montgomery, Table 9.1: 30 observations, mu0 = 10, sigma = 1; a shift of 1 sigma after period 20
MONTGOMERY_9_1 = [9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.20, 10.34, 9.03, 11.47, 10.51, 9.40,
                  10.08, 9.37, 10.62, 10.31, 8.52, 10.84, 10.90, 9.33, 12.29, 11.50, 10.60, 11.08, 10.38,
                  11.62, 11.31, 10.52]
# Wetherill & Brown (1991), via qcc's qccOverdispersionTest examples
WETHERILL_BINOMIAL = [12, 11, 18, 11, 10, 16, 9, 11, 14, 15, 11, 9, 10, 13, 12, 8, 12, 13, 10, 12, 13, 16,
                      12, 18, 16, 10, 16, 10, 12, 14]
WETHERILL_POISSON = [11, 8, 13, 11, 13, 17, 25, 23, 11, 16, 9, 15, 10, 16, 12, 8, 9, 15, 4, 12, 12, 12, 15,
                     17, 14, 17, 12, 12, 7, 16]


def frame(values, name="x"):
    return pd.DataFrame({name: values})


# ---- Laney p′ ------------------------------------------------------------------------------------

def test_p_chart_of_the_nhs_data_matches_qicharts2_and_signals_in_16_of_20_weeks():
    chart = spc.control_chart(NHS, value="r", size="n", chart="p", label="week")
    last = chart.iloc[-1]
    # qicharts2 vignette, P chart: CL 95.290, UCL 95.411, LCL 95.169 (week 20, in %)
    assert [round(100 * last[c], 3) for c in ("center", "ucl", "lcl")] == [95.290, 95.411, 95.169]
    beyond = (chart["stat"] > chart["ucl"]) | (chart["stat"] < chart["lcl"])
    assert beyond.sum() == 16


def test_laney_p_chart_of_the_nhs_data_matches_qicharts2_and_no_week_signals():
    chart = spc.control_chart(NHS, value="r", size="n", chart="laney_p", label="week")
    last = chart.iloc[-1]
    # qicharts2 vignette, P′ chart: CL 95.290, UCL 96.582, LCL 93.997 (week 20, in %)
    assert [round(100 * last[c], 3) for c in ("center", "ucl", "lcl")] == [95.290, 96.582, 93.997]
    assert chart["rule"].isna().all()
    assert chart["sigma_z"].nunique() == 1 and chart["sigma_z"].iloc[0] > 10
    p_chart = spc.control_chart(NHS, value="r", size="n", chart="p")
    np.testing.assert_allclose(chart["sigma"], p_chart["sigma"] * chart["sigma_z"], rtol=1e-12)


def test_laney_u_is_the_u_chart_widened_by_sigma_z_from_the_moving_ranges_of_the_z_scores():
    # Laney (2002): z_i = (u_i - u-bar) / sqrt(u-bar / n_i), sigma_z = MR-bar(z) / 1.128
    data = pd.DataFrame({"c": [30, 55, 21, 60, 44], "n": [100, 120, 80, 150, 110]})
    chart = spc.control_chart(data, value="c", size="n", chart="laney_u")
    ubar = data["c"].sum() / data["n"].sum()
    z = (data["c"] / data["n"] - ubar) / np.sqrt(ubar / data["n"])
    sigma_z = np.abs(np.diff(z)).mean() / 1.128
    assert chart["sigma_z"].iloc[0] == pytest.approx(sigma_z, rel=1e-12)
    np.testing.assert_allclose(chart["ucl"], ubar + 3 * np.sqrt(ubar / data["n"]) * sigma_z, rtol=1e-12)


def test_laney_p_with_a_given_centre_and_phase1_takes_sigma_z_from_the_leading_points():
    given = spc.control_chart(NHS, value="r", size="n", chart="laney_p", center=0.95)
    assert (given["center"] == 0.95).all()
    frozen = spc.control_chart(NHS, value="r", size="n", chart="laney_p", phase1=10)
    first = spc.control_chart(NHS.iloc[:10], value="r", size="n", chart="laney_p")
    assert frozen["sigma_z"].iloc[0] == pytest.approx(first["sigma_z"].iloc[0], rel=1e-12)
    assert list(frozen["phase"].unique()) == ["I", "II"]


# ---- EWMA ----------------------------------------------------------------------------------------

def test_ewma_of_viscosity_matches_qcc_help_page():
    # qcc ewma help: ewma(viscosity[trial], lambda = 0.2, nsigmas = 2.7, newdata = viscosity[!trial]):
    # center 34.088, std.dev 0.5076521, limits [1] 33.81387 34.36213, [2] 33.73694 34.43906,
    # [35] 33.63111 34.54489
    chart = spc.control_chart(frame(VISCOSITY), value="x", chart="ewma", lam=0.2, nsigmas=2.7, phase1=20)
    assert chart["center"].iloc[0] == pytest.approx(34.088, abs=5e-4)
    limits = chart[["lcl", "ucl"]].to_numpy()
    np.testing.assert_allclose(limits[[0, 1, 34]], [[33.81387, 34.36213], [33.73694, 34.43906],
                                                    [33.63111, 34.54489]], atol=5e-6)
    assert chart["x"].tolist() == VISCOSITY


def test_ewma_of_pistonring_subgroups_matches_qcc_help_page():
    from test_spc import PISTONRINGS   # qcc data(pistonrings): 40 samples of 5

    rings = pd.DataFrame({"diameter": np.array(PISTONRINGS.split(), dtype=float),
                          "sample": np.repeat(np.arange(1, 41), 5)})
    # qcc ewma help: ewma(diameter[1:25,], lambda=0.2, nsigmas=3): std.dev 0.009785039,
    # limits 1: 73.99855 74.00380, 2: 73.99781 74.00454, 25: 73.99680 74.00555
    chart = spc.control_chart(rings[rings["sample"] <= 25], value="diameter", subgroup="sample", chart="ewma")
    limits = chart[["lcl", "ucl"]].to_numpy()
    np.testing.assert_allclose(limits[[0, 1, 24]], [[73.99855, 74.00380], [73.99781, 74.00454],
                                                    [73.99680, 74.00555]], atol=5e-6)
    # ... and ewma(diameter[1:25,], lambda=0.2, nsigmas=2.7, newdata=diameter[26:40,]):
    # 1: 73.99881 74.00354, 2: 73.99815 74.00420, 40: 73.99724 74.00511
    chart = spc.control_chart(rings, value="diameter", subgroup="sample", chart="ewma", nsigmas=2.7, phase1=25)
    limits = chart[["lcl", "ucl"]].to_numpy()
    np.testing.assert_allclose(limits[[0, 1, 39]], [[73.99881, 74.00354], [73.99815, 74.00420],
                                                    [73.99724, 74.00511]], atol=5e-6)


def test_ewma_exact_small_case_of_qcc_tests():
    # qcc tests/testthat/test-ewma.R: data 11, 13, 12; center 10, std.dev 2, lambda 0.5, nsigmas 2
    chart = spc.control_chart(frame([11, 13, 12]), value="x", chart="ewma", center=10, sigma=2, lam=0.5, nsigmas=2)
    np.testing.assert_allclose(chart["stat"], [10.5, 11.75, 11.875], rtol=1e-12)
    sigma = np.array([1, np.sqrt(1.25), np.sqrt(1.3125)])
    np.testing.assert_allclose(chart["sigma"], sigma, rtol=1e-12)
    np.testing.assert_allclose(chart["ucl"], 10 + 2 * sigma, rtol=1e-12)
    # lambda = 1 is the data itself; a point beyond 2 sigma signals (test-ewma.R, phase II case)
    flat = spc.control_chart(frame([0, 0, 0, 5]), value="x", chart="ewma", center=0, sigma=1, lam=1, nsigmas=2)
    assert flat["stat"].tolist() == [0, 0, 0, 5] and flat["rule"].tolist()[-1] == 1


def test_ewma_of_montgomery_example_9_2():
    # Montgomery Example 9.2: lambda = 0.1, L = 2.7, mu0 = 10, sigma = 1; z1 = 9.945, z2 = 9.7495;
    # UCL1 = 10.27, LCL1 = 9.73, UCL2 = 10.36, the limits approach 10.62 and 9.38
    chart = spc.control_chart(frame(MONTGOMERY_9_1), value="x", chart="ewma", center=10, sigma=1,
                              lam=0.1, nsigmas=2.7)
    assert chart["stat"].iloc[:2].round(4).tolist() == [9.945, 9.7495]
    assert chart["ucl"].iloc[:2].round(2).tolist() == [10.27, 10.36]
    assert round(chart["lcl"].iloc[0], 2) == 9.73
    assert round(chart["ucl"].iloc[-1], 2) == 10.62 and round(chart["lcl"].iloc[-1], 2) == 9.38
    # the Shewhart individuals chart of the same data (3 sigma = 13 and 7) never signals
    assert not ((np.array(MONTGOMERY_9_1) > 13) | (np.array(MONTGOMERY_9_1) < 7)).any()
    assert chart["rule"].notna().any()


# ---- CUSUM ---------------------------------------------------------------------------------------

def test_cusum_exact_small_case_of_qcc_tests():
    # qcc tests/testthat/test-cusum.R: 1.5, 0.5, 0.6, -1.5, -0.5, -0.8; center 0, std.dev 1, h 1, shift 1
    chart = spc.control_chart(frame([1.5, 0.5, 0.6, -1.5, -0.5, -0.8]), value="x", chart="cusum",
                              center=0, sigma=1, h=1, se_shift=1)
    np.testing.assert_allclose(chart["pos"], [1.0, 1.0, 1.1, 0.0, 0.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(chart["neg"], [0.0, 0.0, 0.0, -1.0, -1.0, -1.3], atol=1e-12)
    assert chart["rule"].fillna(0).tolist() == [0, 0, 1, 0, 0, 1]
    assert (chart["lcl"] == -1).all() and (chart["ucl"] == 1).all()


def test_cusum_of_subgroup_means_uses_the_standard_error_of_each_mean():
    # qcc test-cusum.R: phase I 10,10,10 x 2 (size 3), phase II (14, 14) and (16, 16, 16); center 10,
    # std.dev 2, h 10: pos = 0, 0, 2.32842712474619, 7.02457954745282
    data = pd.DataFrame({"lot": [1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4],
                         "x": [10, 10, 10, 10, 10, 10, 14, 14, 16, 16, 16]})
    chart = spc.control_chart(data, value="x", subgroup="lot", chart="cusum", center=10, sigma=2, h=10)
    np.testing.assert_allclose(chart["pos"], [0, 0, 2.32842712474619, 7.02457954745282], rtol=1e-12)


def test_cusum_of_montgomery_example_9_1_signals_at_period_29():
    # Montgomery Example 9.1, Table 9.2: k = 0.5, H = 5; C+ values, out of control at period 29
    chart = spc.control_chart(frame(MONTGOMERY_9_1), value="x", chart="cusum", center=10, sigma=1, h=5)
    assert chart["pos"].round(2).tolist() == [0, 0, 0, 1.16, 2.82, 2.50, 0.04, 1.00, 0, 0, 0, 0.97, 0.98, 0, 0,
                                              0, 0.12, 0, 0, 0.34, 0.74, 0, 1.79, 2.79, 2.89, 3.47, 3.35, 4.47,
                                              5.28, 5.30]
    # Table 9.2's C- (shown there as positive sums): 0.05, 1.56, 1.77 in the first three periods
    assert (-chart["neg"].iloc[:3]).round(2).tolist() == [0.05, 1.56, 1.77]
    assert int(chart.loc[chart["rule"] == 1, "point"].min()) == 29


def test_cusum_estimates_center_and_sigma_from_phase1_as_the_i_chart_does():
    chart = spc.control_chart(frame(VISCOSITY), value="x", chart="cusum", phase1=20)
    individuals = spc.control_chart(frame(VISCOSITY), value="x", chart="i", phase1=20)
    # qcc cusum help: viscosity[trial]: center 34.088, std.dev 0.5076521
    assert chart["center"].iloc[0] == pytest.approx(34.088, abs=5e-4)
    assert chart["sigma"].iloc[0] == pytest.approx(0.5076521, abs=5e-8)
    np.testing.assert_allclose(chart["sigma"], individuals["sigma"])
    assert chart["rule"].notna().any() and chart.loc[chart["rule"].notna(), "phase"].eq("II").all()


# ---- the overdispersion check ---------------------------------------------------------------------

def test_overdispersion_matches_qcc_for_binomial_and_poisson_data():
    # qcc qccOverdispersionTest help: binomial, size 50: 0.7644566, 22.16924, p 0.81311;
    # poisson: 1.472203, 42.69388, p 0.048579
    binomial = spc.overdispersion(frame(WETHERILL_BINOMIAL), value="x", size=50).iloc[0]
    assert [round(binomial[c], 5) for c in ("ratio", "statistic", "p_value")] == [0.76446, 22.16924, 0.81311]
    assert binomial["recommended"] == "p" and binomial["reason"] == "consistent"
    poisson = spc.overdispersion(frame(WETHERILL_POISSON), value="x", chart="u").iloc[0]
    assert [round(poisson[c], 6) for c in ("ratio", "statistic", "p_value")] == [1.472203, 42.693878, 0.048579]
    assert poisson["recommended"] == "laney_u" and poisson["reason"] == "overdispersed"


def test_overdispersion_recommends_p_prime_for_the_nhs_data_and_says_how_many_points_each_chart_flags():
    check = spc.overdispersion(NHS, value="r", size="n").iloc[0]
    assert check["recommended"] == "laney_p" and check["reason"] == "overdispersed"
    assert check["beyond_limits"] == 16 and check["beyond_prime_limits"] == 0
    assert check["sigma_z"] > 10 and check["p_value"] < 1e-100


def test_overdispersion_calls_a_steady_trend_drift_not_noise():
    # proportions rising step by step: far more spread than binomial, but neighbours agree
    n = [5000] * 12
    x = [int(5000 * (0.80 + 0.005 * i)) for i in range(12)]
    check = spc.overdispersion(pd.DataFrame({"x": x, "n": n}), value="x", size="n").iloc[0]
    assert check["p_value"] < 0.05 and check["sigma_z"] <= 1
    assert check["reason"] == "drift" and check["recommended"] == "p"


# ---- bad input: the usual sentence ------------------------------------------------------------------

@pytest.mark.parametrize("settings, message", [
    ({"chart": "ewma", "lam": 0}, r"`lam` must be greater than 0 and at most 1, but 0 was passed"),
    ({"chart": "ewma", "lam": 1.2}, r"`lam` must be greater than 0 and at most 1, but 1.2 was passed"),
    ({"chart": "cusum", "h": 0}, r"`h` must be a number > 0, but 0 was passed"),
    ({"chart": "cusum", "h": -2}, r"`h` must be a number > 0, but -2 was passed"),
    ({"chart": "cusum", "se_shift": -1}, r"`se_shift` must be a number >= 0"),
    ({"chart": "ewma", "sigma": 0}, r"`sigma` must be a number > 0"),
    ({"chart": "i", "sigma": 1}, r"`sigma` is for the ewma, cusum charts only"),
    ({"chart": "p", "center": 0.5, "size": 10}, r"`center` is for the laney_p, laney_u, ewma, cusum charts"),
    ({"chart": "laney_p", "center": 1.5, "size": 10}, r"`center` must be between 0 and 1"),
    ({"chart": "ewma", "nsigmas": 0}, r"`nsigmas` must be a number > 0"),
])
def test_bad_settings_get_the_usual_sentence(settings, message):
    with pytest.raises(DataValidationError, match=message):
        spc.control_chart(frame([1, 2, 3, 4]), value="x", **settings)


def test_prime_charts_reject_sizes_of_zero_and_a_kpi_without_spread():
    data = pd.DataFrame({"x": [3, 4, 5], "n": [10, 0, 10]})
    with pytest.raises(DataValidationError, match=r"sample sizes must be > 0, but 'n' is 0 in rows 1"):
        spc.control_chart(data, value="x", size="n", chart="laney_p")
    with pytest.raises(DataValidationError, match=r"sample sizes must be > 0"):
        spc.overdispersion(data, value="x", size="n")
    always = pd.DataFrame({"x": [10, 10, 10], "n": [10, 10, 10]})
    with pytest.raises(DataValidationError, match=r"the centre is 1, so there is no spread"):
        spc.control_chart(always, value="x", size="n", chart="laney_p")


def test_overdispersion_needs_three_points_and_a_known_chart():
    with pytest.raises(DataValidationError, match=r"needs at least 3 points, 2 given"):
        spc.overdispersion(frame([3, 4]), value="x", size=10)
    with pytest.raises(DataValidationError, match=r"The value for `chart` must be one of \['p', 'u'\]"):
        spc.overdispersion(frame([3, 4, 5]), value="x", size=10, chart="np")


# ---- charts: what the user sees -------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_plots_say_what_each_chart_is(lang):
    import matplotlib

    matplotlib.use("Agg")
    from sqmkit.glossary import text

    prime = spc.control_chart(NHS, value="r", size="n", chart="laney_p")
    ax = spc.control_chart_plot(prime, lang=lang)
    names = [t.get_text() for t in ax.get_legend().get_texts()]
    assert text("spc_limits_prime", lang, k=3, sigma_z=prime["sigma_z"].iloc[0]) in names
    ewma = spc.control_chart(frame(VISCOSITY), value="x", chart="ewma", nsigmas=2.7, phase1=20)
    ax = spc.control_chart_plot(ewma, lang=lang)
    names = [t.get_text() for t in ax.get_legend().get_texts()]
    assert text("spc_limits", lang, k=2.7) in names and text("spc_ewma", lang) in names
    assert not ax.collections or all(c.get_label() != text("spc_zone1", lang) for c in ax.collections)
    cusum = spc.control_chart(frame(VISCOSITY), value="x", chart="cusum", phase1=20)
    ax = spc.control_chart_plot(cusum, lang=lang)
    names = [t.get_text() for t in ax.get_legend().get_texts()]
    assert text("spc_cusum_upper", lang) in names and text("spc_cusum_interval", lang, h=5) in names
    assert ax.get_ylabel() == text("spc_cusum_axis", lang)
    matplotlib.pyplot.close("all")
