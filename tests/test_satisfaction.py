"""Tests of sqmkit.satisfaction (CSAT, NPS, index, SERVQUAL, reliability, drivers, comparisons).

Known values come from published sources named at each test.
"""
import math

import numpy as np
import pandas as pd
import pytest

from sqmkit import satisfaction as sat
from sqmkit.exceptions import DataValidationError
from sqmkit.satisfaction.servqual import feldt_ci

# R datasets::mtcars (Henderson & Velleman 1981), columns mpg, cyl, disp, hp, wt.
MTCARS = pd.DataFrame({
    "mpg": [21.0, 21.0, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4,
            14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26.0, 30.4, 15.8, 19.7, 15.0, 21.4],
    "cyl": [6, 6, 4, 6, 8, 6, 8, 4, 4, 6, 6, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 4, 8, 6, 8, 4],
    "disp": [160, 160, 108, 258, 360, 225, 360, 146.7, 140.8, 167.6, 167.6, 275.8, 275.8, 275.8, 472, 460,
             440, 78.7, 75.7, 71.1, 120.1, 318, 304, 350, 400, 79, 120.3, 95.1, 351, 145, 301, 121],
    "hp": [110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215, 230, 66, 52, 65, 97,
           150, 150, 245, 175, 66, 91, 113, 264, 175, 335, 109],
    "wt": [2.62, 2.875, 2.32, 3.215, 3.44, 3.46, 3.57, 3.19, 3.15, 3.44, 3.44, 4.07, 3.73, 3.78, 5.25, 5.424,
           5.345, 2.2, 1.615, 1.835, 2.465, 3.52, 3.435, 3.84, 3.845, 1.935, 2.14, 1.513, 3.17, 2.77, 3.57, 2.78],
})

# Real Statistics Using Excel (Zaiontz), "Cronbach's Alpha" example: 15 subjects x 10 questions
# (also pingouin's bundled 'cronbach_alpha' dataset, whose source is real-statistics.com).
REAL_STATISTICS = pd.DataFrame(
    [[3, 2, 4, 1, 4, 5, 1, 4, 3, 2], [5, 4, 6, 3, 5, 1, 2, 5, 5, 5], [7, 3, 5, 5, 6, 4, 3, 3, 6, 5],
     [2, 4, 3, 3, 2, 2, 2, 6, 6, 3], [6, 5, 6, 5, 4, 4, 4, 6, 7, 5], [1, 2, 3, 4, 2, 5, 2, 3, 5, 2],
     [4, 3, 5, 3, 5, 2, 1, 2, 4, 3], [2, 4, 4, 3, 7, 2, 2, 4, 6, 5], [6, 5, 5, 5, 1, 6, 5, 2, 3, 2],
     [5, 4, 6, 4, 3, 5, 3, 1, 7, 2], [4, 3, 5, 2, 5, 3, 2, 3, 4, 1], [4, 2, 3, 2, 5, 3, 4, 2, 3, 4],
     [5, 5, 6, 2, 3, 3, 2, 4, 4, 5], [6, 5, 5, 4, 2, 2, 1, 4, 6, 5], [4, 3, 5, 5, 3, 1, 3, 2, 3, 4]],
    columns=[f"Q{i}" for i in range(1, 11)])


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


# --------------------------------------------------------------------------- CSAT / NPS
def test_csat_values_and_groups():
    df = pd.DataFrame({"overall": [5, 4, 3, 2, 5, np.nan], "channel": list("aabbbb")})
    out = sat.csat(df, score="overall")
    assert list(out.columns) == ["n", "mean", "sd", "ci_low", "ci_high", "top_box_pct"]
    row = out.iloc[0]
    assert row["n"] == 5 and row["mean"] == pytest.approx(3.8) and row["top_box_pct"] == pytest.approx(60)
    # t interval: 3.8 +/- t(.975, 4) * sd / sqrt(5); t(.975, 4) = 2.776445 (any t table)
    assert row["ci_high"] - row["mean"] == pytest.approx(2.776445 * row["sd"] / math.sqrt(5), rel=1e-6)
    by = sat.csat(df, score="overall", by="channel")
    assert by["channel"].tolist() == ["a", "b"] and by["top_box_pct"].tolist() == pytest.approx([100, 100 / 3])


def test_csat_one_respondent_and_errors():
    one = sat.csat(pd.DataFrame({"o": [4]}), score="o")
    assert one["n"].iloc[0] == 1 and math.isnan(one["sd"].iloc[0]) and math.isnan(one["ci_low"].iloc[0])
    with pytest.raises(DataValidationError, match=r"Column 'o' of the survey table must hold values of at most 5; rows \[1\] hold \[7.0\]"):
        sat.csat(pd.DataFrame({"o": [4, 7]}), score="o")
    with pytest.raises(DataValidationError, match=r"has no values \(all 2 rows are blank\)"):
        sat.csat(pd.DataFrame({"o": [np.nan, np.nan]}), score="o")
    with pytest.raises(DataValidationError, match=r"Table 'survey' has no column \['x'\] passed as `score`"):
        sat.csat(pd.DataFrame({"o": [4]}), score="x")
    with pytest.raises(DataValidationError, match=r"must hold numbers; rows \[1\] hold \['good'\]"):
        sat.csat(pd.DataFrame({"o": ["4", "good"]}), score="o")


def test_nps_published_examples():
    # talkstats.com thread "Net Promoter Score - calculating confidence intervals": 1162 answers,
    # 291 promoters, 476 passives, 395 detractors -> NPS -9 (25 % promoters, 34 % detractors).
    df = pd.DataFrame({"nps": [10] * 291 + [8] * 476 + [2] * 395})
    row = sat.nps(df, score="nps").iloc[0]
    assert round(row["nps"]) == -9 and round(row["promoters_pct"]) == 25 and round(row["detractors_pct"]) == 34
    # Cross Validated "How can I calculate margin of error in a NPS result?" (whuber): shares
    # 1/2, 1/3, 1/6 -> NPS 1/3 and per-respondent variance 5/9, so se = 100 sqrt(5/9 / n).
    df = pd.DataFrame({"nps": [9, 10, 10, 7, 8, 0]})
    row = sat.nps(df, score="nps").iloc[0]
    assert row["nps"] == pytest.approx(100 / 3)
    assert row["se"] == pytest.approx(100 * math.sqrt(5 / 9 / 6))
    # Engelhardt (CYBAEA 2016), "NPS confidence intervals 2": with p = d = 1/3 the 95 % interval
    # is about 320 / sqrt(n) wide.
    n = 900
    df = pd.DataFrame({"nps": [10] * 300 + [7] * 300 + [5] * 300})
    row = sat.nps(df, score="nps").iloc[0]
    assert row["ci_high"] - row["ci_low"] == pytest.approx(320 / math.sqrt(n), rel=0.01)


def test_nps_groups_and_errors():
    df = pd.DataFrame({"nps": [10, 9, 0, 7], "seg": ["x", "x", "y", "y"]})
    out = sat.nps(df, score="nps", by="seg")
    assert out["nps"].tolist() == [100.0, -50.0]
    assert out.loc[0, "ci_high"] == 100  # clipped
    with pytest.raises(DataValidationError, match=r"whole numbers between 0 and 10; rows \[0\] hold \[8.5\]"):
        sat.nps(pd.DataFrame({"nps": [8.5, 9]}), score="nps")
    with pytest.raises(DataValidationError, match=r"\['nope'\] passed as `by`"):
        sat.nps(df, score="nps", by="nope")


# --------------------------------------------------------------------------- weighted index
def test_weighted_index_formula_and_rescaling():
    df = pd.DataFrame({"a": [5, 5, 3], "b": [1, 3, np.nan], "g": ["x", "y", "y"]})
    out = sat.weighted_index(df, weights={"a": 0.25, "b": 0.75})
    # rows 0-1 used: a mean 5 -> 100, b mean 2 -> 25; 0.25*100 + 0.75*25 = 43.75
    assert out["n"].iloc[0] == 2 and out["score"].iloc[0] == pytest.approx(43.75)
    with pytest.warns(UserWarning, match=r"`weights` sum to 4, not 1; rescaled"):
        again = sat.weighted_index(df, weights={"a": 1, "b": 3})
    assert again["score"].iloc[0] == pytest.approx(43.75)
    by = sat.weighted_index(df, weights={"a": 0.5, "b": 0.5}, by="g")
    assert by["score"].tolist() == pytest.approx([50.0, 75.0])


def test_weighted_index_errors():
    df = pd.DataFrame({"a": [5, 4], "b": [1, 3]})
    with pytest.raises(DataValidationError, match=r"`weights` names unknown column\(s\) \['c'\]"):
        sat.weighted_index(df, weights={"a": 0.5, "c": 0.5})
    with pytest.raises(DataValidationError, match=r"the weight of column 'b' is -0.5; weights must be non-negative"):
        sat.weighted_index(df, weights={"a": 1.5, "b": -0.5})
    with pytest.raises(DataValidationError, match=r"all weights are 0"):
        sat.weighted_index(df, weights={"a": 0, "b": 0})
    with pytest.raises(DataValidationError, match=r"between 1 and 5; rows \[0\] hold \[9.0\]"):
        sat.weighted_index(pd.DataFrame({"a": [9, 4]}), weights={"a": 1})
    with pytest.raises(DataValidationError, match=r"No row of the survey table answers all weighted columns"):
        sat.weighted_index(pd.DataFrame({"a": [np.nan, 4], "b": [2, np.nan]}), weights={"a": .5, "b": .5})


def test_dimension_scores():
    df = pd.DataFrame({"id": [1, 2], "p1": [1, 3], "p2": [3, np.nan], "p3": [7, 7]})
    out = sat.dimension_scores(df, items={"p1": "a", "p2": "a", "p3": {"dimension": "b"}})
    assert list(out.columns) == ["id", "a", "b"] and out["a"].tolist() == [2.0, 3.0]


# --------------------------------------------------------------------------- SERVQUAL
def _servqual_frame(rng, n=300):
    data = {}
    for i in range(1, 23):
        shortfall = 2.0 if 10 <= i <= 13 else 0.5
        data[f"e{i:02d}"] = np.clip(np.round(rng.normal(6, 0.7, n)), 1, 7)
        data[f"p{i:02d}"] = np.clip(np.round(rng.normal(6 - shortfall, 0.9, n)), 1, 7)
    data["channel"] = rng.choice(["电话", "APP"], n)
    return pd.DataFrame(data)


def test_servqual_gaps_hand_computed():
    df = pd.DataFrame({"p1": [4, 5], "e1": [6, 6], "p2": [3, 3], "e2": [5, np.nan], "p3": [7, 6], "e3": [6, 6]})
    items = {"p1": {"dimension": "a", "expectation": "e1", "label": "one"},
             "p2": {"dimension": "a", "expectation": "e2"}, "p3": {"dimension": "b", "expectation": "e3"}}
    with pytest.warns(UserWarning, match="rescaled"):
        out = sat.servqual_gaps(df, items=items, dimension_weights={"a": 3, "b": 1})
    item = out[out["level"] == "item"].set_index("item")
    assert item.loc["p1", "gap"] == -1.5 and item.loc["p2", "gap"] == -2 and item.loc["p2", "n"] == 1
    assert item.loc["p1", "label"] == "one"
    dim = out[out["level"] == "dimension"].set_index("dimension")
    # respondent 1: a = mean(-2, -2) = -2; respondent 2: a = -1 (p2 unpaired) -> -1.5
    assert dim.loc["a", "gap"] == pytest.approx(-1.5) and dim.loc["b", "gap"] == pytest.approx(0.5)
    overall = out[out["level"] == "overall"].iloc[0]
    assert overall["score"] == pytest.approx(-0.5)  # unweighted mean of dimension gaps
    assert overall["weighted_score"] == pytest.approx(0.75 * -1.5 + 0.25 * 0.5)
    assert set(out["method"]) == {"servqual"}


def test_servqual_standard_items_finds_weakest_dimension():
    df = _servqual_frame(np.random.default_rng(1))
    out = sat.servqual_gaps(df, items=sat.servqual_items(), by="channel")
    dims = out[out["level"] == "dimension"]
    weakest = dims.loc[dims.groupby("channel")["gap"].idxmin(), "dimension"]
    assert set(weakest) == {"responsiveness"}
    assert len(out) == 2 * (22 + 5 + 1)


def test_servperf_without_expectations_and_errors():
    df = pd.DataFrame({"p1": [4, 5], "p2": [3, 3]})
    out = sat.servqual_gaps(df, items={"p1": "a", "p2": "b"})
    assert set(out["method"]) == {"servperf"} and out["expectation"].isna().all()
    assert out.loc[out["level"] == "dimension", "score"].tolist() == [4.5, 3.0]
    with pytest.raises(DataValidationError, match=r"Items \['p2'\] have no expectation column"):
        sat.servqual_gaps(df.assign(e1=5), items={"p1": {"dimension": "a", "expectation": "e1"}, "p2": "b"})
    with pytest.raises(DataValidationError, match=r"`dimension_weights` names unknown dimension\(s\) \['zz'\]"):
        sat.servqual_gaps(df, items={"p1": "a", "p2": "b"}, dimension_weights={"a": 0.5, "zz": 0.5})
    with pytest.raises(DataValidationError, match=r"Item 'p1' in `items` has no dimension"):
        sat.servqual_gaps(df, items={"p1": {"label": "x"}})


# --------------------------------------------------------------------------- reliability
def test_cronbach_alpha_published_small_example():
    # thinkdeeply.cc "Survey reliability": 10 respondents x 4 Likert items; alpha 0.674 (R).
    df = pd.DataFrame({"X1": [3, 3, 3, 5, 2, 4, 3, 3, 4, 3], "X2": [3, 3, 3, 4, 1, 4, 2, 4, 2, 3],
                       "X3": [3, 4, 3, 4, 4, 4, 3, 3, 2, 2], "X4": [3, 3, 1, 5, 4, 5, 3, 3, 3, 3]})
    out = sat.cronbach_alpha(df)
    assert list(out.columns) == ["scale", "alpha", "ci_low", "ci_high", "n", "k"]
    assert round(out["alpha"].iloc[0], 3) == 0.674 and out["n"].iloc[0] == 10 and out["k"].iloc[0] == 4


def test_cronbach_alpha_real_statistics_with_feldt_ci():
    # Real Statistics (Zaiontz), Cronbach's alpha example and "Cronbach's Alpha continued":
    # alpha = 0.591719, Feldt 95 % CI (0.194922, 0.839821) (reproduced in blog.goo.ne.jp/r-de-r 2021-10-13).
    out = sat.cronbach_alpha(REAL_STATISTICS).iloc[0]
    assert out["alpha"] == pytest.approx(0.591719, abs=1e-6)
    assert out["ci_low"] == pytest.approx(0.1949217, abs=1e-6)
    assert out["ci_high"] == pytest.approx(0.8398209, abs=1e-6)
    # additional oracle (test-only dependency): pingouin agrees
    pg = pytest.importorskip("pingouin")
    long = REAL_STATISTICS.reset_index().melt(id_vars="index")
    a, ci = pg.cronbach_alpha(long, items="variable", scores="value", subject="index")
    assert out["alpha"] == pytest.approx(a, abs=1e-6) and out["ci_low"] == pytest.approx(ci[0], abs=1e-3)


def test_feldt_ci_published():
    # Chris Evans' feldt1.return (MRC CBU statswiki "cafun"): alpha .913, n 873, k 20 -> 0.9044024 to 0.9211588
    lo, hi = feldt_ci(0.913, 873, 20)
    assert lo == pytest.approx(0.9044024, abs=1e-7) and hi == pytest.approx(0.9211588, abs=1e-7)


def test_cronbach_alpha_per_dimension_and_edge_cases():
    df = REAL_STATISTICS
    out = sat.cronbach_alpha(df, items={"Q1": "a", "Q2": "a", "Q3": "a", "Q4": "b", "Q5": "b"})
    assert out["scale"].tolist() == ["a", "b"] and out["k"].tolist() == [3, 2]
    with pytest.raises(DataValidationError, match=r"Scale 'all' has 1 item\(s\) \['Q1'\]; reliability needs at least 2"):
        sat.cronbach_alpha(df, items=["Q1"])
    with pytest.raises(DataValidationError, match=r"has 0 respondent\(s\) answering all items"):
        sat.cronbach_alpha(pd.DataFrame({"a": [np.nan] * 3, "b": [1.0, 2, 3]}))
    with pytest.raises(DataValidationError, match=r"has 1 respondent\(s\)"):
        sat.cronbach_alpha(pd.DataFrame({"a": [1], "b": [2]}))
    with pytest.raises(DataValidationError, match=r"rows \[1\] .* have blank items"):
        sat.cronbach_alpha(pd.DataFrame({"a": [1, np.nan, 3], "b": [1, 2, 3]}), nan_policy="raise")
    with pytest.raises(DataValidationError, match=r"The value for `nan_policy` must be one of \['listwise', 'raise'\], but 'drop' was passed"):
        sat.cronbach_alpha(df, nan_policy="drop")
    constant = sat.cronbach_alpha(pd.DataFrame({"a": [3, 3, 3], "b": [2, 2, 2]}))
    assert math.isnan(constant["alpha"].iloc[0])  # undefined, not an error


def test_item_analysis_flags_and_consistency():
    rng = np.random.default_rng(7)
    trait = rng.normal(size=200)
    df = pd.DataFrame({f"i{j}": trait + rng.normal(scale=0.6, size=200) for j in range(4)})
    df["rev"] = -trait + rng.normal(scale=0.6, size=200)
    df["noise"] = rng.normal(size=200)
    df["const"] = 3.0
    out = sat.item_analysis(df).set_index("item")
    assert out.loc["rev", "flag"] == "reverse" and out.loc["noise", "flag"] == "weak"
    assert out.loc["const", "flag"] == "constant" and out.loc["i0", "flag"] == ""
    # alpha if deleted is the alpha of the other items; item-rest r is the correlation with their sum
    others = [c for c in df.columns if c != "i0"]
    assert out.loc["i0", "alpha_if_deleted"] == pytest.approx(sat.cronbach_alpha(df[others])["alpha"].iloc[0])
    assert out.loc["i0", "item_rest_r"] == pytest.approx(np.corrcoef(df["i0"], df[others].sum(axis=1))[0, 1])


# --------------------------------------------------------------------------- key drivers
def test_relative_weights_mtcars_published():
    # rwa package vignette "regression methods" (Chan): rwa_multiregress(mtcars, "mpg",
    # c("cyl", "disp", "hp", "wt")) -> raw 0.2096904 0.1883043 0.1799590 0.2706812,
    # rescaled 24.70914 22.18908 21.20570 31.89607.
    out = sat.key_drivers(MTCARS, outcome="mpg", drivers=["cyl", "disp", "hp", "wt"])
    assert out["importance"].tolist() == pytest.approx([0.2096904, 0.1883043, 0.1799590, 0.2706812], abs=1e-7)
    assert out["importance_pct"].tolist() == pytest.approx([24.70914, 22.18908, 21.20570, 31.89607], abs=1e-5)
    assert out["importance"].sum() == pytest.approx(out["r2"].iloc[0])
    assert out["mean"].iloc[0] == pytest.approx(6.1875)  # mean cyl


def test_correlation_method_and_ipa():
    out = sat.key_drivers(MTCARS, outcome="mpg", drivers=["wt", "hp"], method="correlation")
    # cor(mpg, wt) = -0.8676594 (R: cor(mtcars$mpg, mtcars$wt))
    assert out["r"].iloc[0] == pytest.approx(-0.8676594, abs=1e-7)
    assert out["importance"].iloc[0] == pytest.approx(0.8676594 ** 2, abs=1e-6)
    assert out["importance_pct"].sum() == pytest.approx(100)
    ipa = sat.derived_ipa(sat.key_drivers(MTCARS, outcome="mpg", drivers=["cyl", "disp", "hp", "wt"]))
    assert ipa.set_index("driver").loc["wt", "quadrant"] == "concentrate"


def test_key_drivers_errors():
    with pytest.raises(DataValidationError, match=r"The value for `method` must be one of \['relative_weights', 'correlation'\], but 'shapley' was passed"):
        sat.key_drivers(MTCARS, outcome="mpg", drivers=["wt"], method="shapley")
    with pytest.raises(DataValidationError, match=r"perfectly collinear"):
        sat.key_drivers(MTCARS.assign(w2=MTCARS["wt"] * 2), outcome="mpg", drivers=["wt", "w2"])
    with pytest.raises(DataValidationError, match=r"Column\(s\) \['k'\] of the survey table are constant"):
        sat.key_drivers(MTCARS.assign(k=1), outcome="mpg", drivers=["wt", "k"])
    with pytest.raises(DataValidationError, match=r"only 2 rows of the survey table answer 'mpg'"):
        sat.key_drivers(MTCARS.head(2), outcome="mpg", drivers=["wt"])
    with pytest.raises(DataValidationError, match=r"also listed in `drivers`"):
        sat.key_drivers(MTCARS, outcome="mpg", drivers=["mpg", "wt"])


# --------------------------------------------------------------------------- comparisons
PLANT_GROWTH = pd.DataFrame({  # R datasets::PlantGrowth (Dobson 1983)
    "weight": [4.17, 5.58, 5.18, 6.11, 4.50, 4.61, 5.17, 4.53, 5.33, 5.14, 4.81, 4.17, 4.41, 3.59, 5.87,
               3.83, 6.03, 4.89, 4.32, 4.69, 6.31, 5.12, 5.54, 5.50, 5.37, 5.29, 4.92, 6.15, 5.80, 5.26],
    "group": ["ctrl"] * 10 + ["trt1"] * 10 + ["trt2"] * 10})


def test_kruskal_wallis_plantgrowth():
    # R: kruskal.test(weight ~ group, data = PlantGrowth) -> chi-squared = 7.9882, df = 2, p-value = 0.01842
    out = sat.compare_groups(PLANT_GROWTH, score="weight", group="group").iloc[0]
    assert out["test"] == "kruskal_wallis" and out["df"] == 2
    assert out["statistic"] == pytest.approx(7.9882, abs=5e-4) and out["p_value"] == pytest.approx(0.01842, abs=5e-6)
    # epsilon^2 = H / ((n^2 - 1) / (n + 1)) (Tomczak & Tomczak 2014)
    assert out["effect_size"] == pytest.approx(out["statistic"] / 29)


def test_mann_whitney_r_example():
    # R ?wilcox.test, two-sample example: x (10) vs y (5): W = 35; two-sided exact p = 0.2544
    # (the help page's one-sided alternative "greater" prints p = 0.1272, half of it).
    x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
    y = [1.15, 0.88, 0.90, 0.74, 1.21]
    out = sat.compare_groups(pd.DataFrame({"v": x + y, "g": ["a"] * 10 + ["b"] * 5}), score="v", group="g").iloc[0]
    assert out["statistic"] == 35 and out["p_value"] == pytest.approx(2 * 0.1272, abs=2e-4)
    assert out["effect_size"] == pytest.approx(0.4)  # rank-biserial 2U/(n1 n2) - 1 (Kerby 2014)


def test_compare_groups_errors():
    with pytest.raises(DataValidationError, match=r"has 1 group\(s\) with 'v' answered"):
        sat.compare_groups(pd.DataFrame({"v": [1, 2], "g": ["a", "a"]}), score="v", group="g")
    with pytest.raises(DataValidationError, match=r"Group\(s\) \['b'\] of column 'g' have fewer than 2 answers"):
        sat.compare_groups(pd.DataFrame({"v": [1, 2, 3], "g": ["a", "a", "b"]}), score="v", group="g")
    with pytest.raises(DataValidationError, match=r"Every answer of 'v' is 4"):
        sat.compare_groups(pd.DataFrame({"v": [4] * 4, "g": list("aabb")}), score="v", group="g")


def test_before_after_welch_sleep():
    # R: t.test(extra ~ group, data = sleep) -> t = -1.8608, df = 17.776, p-value = 0.07939,
    # 95 % CI -3.3654832 0.2054832 (group 1 - group 2; here after - before, so signs flip).
    sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
    sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
    df = pd.DataFrame({"extra": sleep1 + sleep2, "date": ["2025-06-30"] * 10 + ["2025-07-01"] * 10})
    out = sat.before_after(df, score="extra", date="date", split="2025-07-01", scale_max=10)
    mean = out.set_index("measure").loc["mean"]
    assert mean["statistic"] == pytest.approx(1.8608, abs=5e-5) and mean["df"] == pytest.approx(17.776, abs=5e-4)
    assert mean["p_value"] == pytest.approx(0.07939, abs=5e-6)
    assert mean["ci_low"] == pytest.approx(-0.2054832, abs=1e-7) and mean["ci_high"] == pytest.approx(3.3654832, abs=1e-7)
    assert mean["n_before"] == 10 and mean["before"] == pytest.approx(0.75)


def test_before_after_two_proportions():
    # homeworksource.com "Find the test statistic z": 140/200 vs 255/340, pooled z = -1.266015
    # (sign: first minus second; ours is after - before).
    df = pd.DataFrame({"s": [5] * 140 + [1] * 60 + [5] * 255 + [1] * 85,
                       "d": pd.to_datetime(["2025-01-05"] * 200 + ["2025-09-01"] * 340)})
    prop = sat.before_after(df, score="s", date="d", split="2025-07-01").set_index("measure").loc["top_box_pct"]
    assert prop["statistic"] == pytest.approx(1.266015, abs=1e-6)
    assert prop["p_value"] == pytest.approx(math.erfc(1.266015 / math.sqrt(2)), abs=1e-6)
    se = math.sqrt(0.7 * 0.3 / 200 + 0.75 * 0.25 / 340)
    assert prop["difference"] == pytest.approx(5.0) and prop["ci_low"] == pytest.approx((0.05 - 1.959964 * se) * 100, abs=1e-4)


def test_before_after_errors():
    df = pd.DataFrame({"s": [4, 5, 3], "d": ["2025-01-01", "2025-02-01", "2025-08-01"]})
    with pytest.raises(DataValidationError, match=r"Only 1 rating\(s\) of 's' fall after 2025-07-01"):
        sat.before_after(df, score="s", date="d", split="2025-07-01")
    with pytest.raises(DataValidationError, match=r"`split` must be a date"):
        sat.before_after(df, score="s", date="d", split="soon")
    with pytest.raises(DataValidationError, match=r"not dates in rows \[1\]"):
        sat.before_after(df.assign(d=["2025-01-01", "x", "2025-08-01"]), score="s", date="d", split="2025-07-01")


def test_monthly_trend():
    df = pd.DataFrame({"v": [1, 5, 9, 10, 3, 8, np.nan],
                       "d": pd.to_datetime(["2025-01-03", "2025-01-09", "2025-01-20", "2025-03-01",
                                            "2025-03-11", "2025-03-12", "2025-04-01"])})
    out = sat.monthly_trend(df, score="v", date="d", statistic="nps")
    assert out["period"].dt.month.tolist() == [1, 3]  # empty months left out
    # Jan: 1 promoter, 2 detractors of 3 -> -33.3; se as nps(): 100 sqrt((p + d - (p-d)^2)/n)
    assert out["value"].iloc[0] == pytest.approx(-100 / 3)
    assert out["se"].iloc[0] == pytest.approx(sat.nps(df.iloc[:3], score="v")["se"].iloc[0])
    mean = sat.monthly_trend(df.assign(v=df["v"] / 2), score="v", date="d")
    assert mean["value"].iloc[0] == pytest.approx(2.5)
    assert mean["ci_low"].iloc[0] == pytest.approx(sat.csat(df.iloc[:3].assign(v=df["v"] / 2), score="v")["ci_low"].iloc[0])
    with pytest.raises(DataValidationError, match=r"The value for `statistic` must be one of \['mean', 'top_box_pct', 'nps'\]"):
        sat.monthly_trend(df, score="v", date="d", statistic="median")
    with pytest.raises(DataValidationError, match=r"`freq` must be a pandas offset alias"):
        sat.monthly_trend(df, score="v", date="d", freq="fortnightly", scale_max=10)


def test_not_a_dataframe():
    with pytest.raises(DataValidationError, match=r"must be a pandas DataFrame, but list was passed"):
        sat.csat([1, 2], score="x")


# --------------------------------------------------------------------------- charts and widgets
def _survey(n=240, seed=3):
    rng = np.random.default_rng(seed)
    df = _servqual_frame(rng, n)
    df["overall"] = np.clip(np.round(df[[f"p{i:02d}" for i in range(1, 23)]].mean(axis=1) - 1 + rng.normal(0, .5, n)), 1, 5)
    df["nps"] = np.clip(np.round(df["overall"] * 2 + rng.normal(0, 1, n)), 0, 10)
    df["date"] = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 365, n), unit="D")
    df["comment"] = rng.choice(["等待时间太长，不满意", "态度很好", "网络掉线", None], n)
    return df


@pytest.mark.filterwarnings("ignore:findfont")
def test_charts_draw_the_tables():
    from matplotlib.collections import PolyCollection
    from sqmkit.satisfaction import plots as charts

    df = _survey()
    bars = sat.nps(df, score="nps", by="channel")
    ax = charts.satisfaction_bars(bars, group="channel", value="nps", lang="en")
    assert [p.get_width() for p in ax.patches] == pytest.approx(bars["nps"].tolist())
    from matplotlib.container import ErrorbarContainer
    assert ax.get_ylabel() == "channel" and any(isinstance(c, ErrorbarContainer) for c in ax.containers)
    gaps = sat.servqual_gaps(df, items=sat.servqual_items())
    ax = charts.servqual_chart(gaps)
    dims = gaps[gaps["level"] == "dimension"]
    assert [p.get_width() for p in ax.patches] == pytest.approx(dims["score"].tolist())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["有形性", "可靠性", "响应性", "保证性", "移情性"]
    trend = sat.monthly_trend(df, score="overall", date="date")
    ax = charts.trend_chart(trend, split="2025-07-01", target=4)
    assert ax.lines[0].get_ydata().tolist() == pytest.approx(trend["value"].tolist())
    assert any(isinstance(c, PolyCollection) for c in ax.collections)
    kd = sat.key_drivers(sat.dimension_scores(df, items=sat.servqual_items()), outcome="overall",
                         drivers=list(sat.SERVQUAL_DIMENSIONS))
    ax = charts.driver_chart(kd, lang="en")
    assert sorted(p.get_width() for p in ax.patches) == pytest.approx(sorted(kd["importance_pct"]))
    ax = charts.ipa_chart(sat.derived_ipa(kd))
    assert ax.collections[0].get_offsets()[:, 0].tolist() == pytest.approx(kd["mean"].tolist())
    ba = sat.before_after(df, score="overall", date="date", split="2025-07-01")
    ax = charts.before_after_chart(ba, measure="top_box_pct")
    assert [p.get_height() for p in ax.patches] == pytest.approx(ba.loc[1, ["before", "after"]].tolist())
    from sqmkit.satisfaction import comments as text

    th = text.themes(df, text="comment", score="overall")
    ax = charts.theme_chart(th)
    assert [p.get_width() for p in ax.patches] == pytest.approx(th["pct"].tolist())


def test_chart_errors():
    from sqmkit.satisfaction import plots as charts

    with pytest.raises(DataValidationError, match=r"Table 'derived_ipa' has no column \['quadrant'\]"):
        charts.ipa_chart(pd.DataFrame({"driver": ["a"], "importance_pct": [1], "mean": [2], "importance_cut": [1],
                                       "performance_cut": [2]}))
    with pytest.raises(DataValidationError, match=r"The value for `lang` must be one of \['zh', 'en'\], but 'de' was passed"):
        charts.satisfaction_bars(pd.DataFrame({"g": ["a"], "nps": [1.0]}), group="g", value="nps", lang="de")
    ba = sat.before_after(_survey(), score="overall", date="date", split="2025-07-01")
    with pytest.raises(DataValidationError, match=r"The value for `measure` must be one of \['mean', 'top_box_pct'\], but 'nps' was passed"):
        charts.before_after_chart(ba, measure="nps")
