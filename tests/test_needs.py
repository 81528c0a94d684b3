"""Tests of sqmkit.needs and sqmkit.needs.segments: Kano, IPA, segmentation, priorities, SMART (known values name their source)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sqmkit import needs
from sqmkit.needs import segments
from sqmkit.exceptions import DataValidationError

# One representative answer pair (functional, dysfunctional) per category, read off the evaluation table.
PAIR = {"A": (1, 3), "O": (1, 5), "M": (2, 5), "I": (3, 3), "R": (5, 1), "Q": (1, 1)}


def answers(counts_by_attribute: dict[str, dict[str, int]], **extra) -> pd.DataFrame:
    rows = []
    for attr, counts in counts_by_attribute.items():
        for cat, count in counts.items():
            f, d = PAIR[cat]
            rows += [{"need_id": attr, "functional": f, "dysfunctional": d, **extra}] * count
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------- Kano evaluation table

# Berger et al. (1993), CQM Journal 2(4), "Kano evaluation table"; the same table is Table 1 of
# Sauerwein, Bailom, Matzler & Hinterhuber (1996), "The Kano model: how to delight your customers".
# Rows: functional answer 1 like … 5 dislike; columns: dysfunctional answer 1 like … 5 dislike.
PUBLISHED_EVALUATION_TABLE = [
    "QAAAO",
    "RIIIM",
    "RIIIM",
    "RIIIM",
    "RRRRQ",
]


@pytest.mark.parametrize("functional", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("dysfunctional", [1, 2, 3, 4, 5])
def test_every_cell_of_the_evaluation_table(functional, dysfunctional):
    expected = PUBLISHED_EVALUATION_TABLE[functional - 1][dysfunctional - 1]
    assert needs.kano_category(functional, dysfunctional) == expected
    df = pd.DataFrame({"need_id": ["X"], "functional": [functional], "dysfunctional": [dysfunctional]})
    row = needs.kano_table(df, attribute="need_id", functional="functional", dysfunctional="dysfunctional").iloc[0]
    assert row[expected] == 1 and row["n"] == 1 and row["category"] == expected
    assert sum(row[c] for c in "AOMIRQ") == 1


def test_kano_evaluation_table_frame_is_labelled():
    zh = needs.kano_evaluation_table("zh")
    assert zh.shape == (5, 5) and zh.iloc[1, 4] == "M" and zh.index[0] == "1 喜欢"
    assert "".join(needs.kano_evaluation_table("en").to_numpy().ravel()) == "".join(PUBLISHED_EVALUATION_TABLE)


def test_evaluation_table_has_25_cells_and_the_published_category_counts():
    cells = list(needs.KANO_EVALUATION.values())
    assert len(cells) == 25
    # tallied from the published table above: 9 I, 7 R, 3 A, 3 M, 2 Q, 1 O
    assert {c: cells.count(c) for c in "AOMIRQ"} == {"A": 3, "O": 1, "M": 3, "I": 9, "R": 7, "Q": 2}


# ---------------------------------------------------------------------------- Kano worked example

# Published classification table: agilesoftwaredevelopment.com, "Kano questionnaire survey analysis"
# (Feature Categorization and Customer Satisfaction series), web-based word processor survey, in per
# cent of respondents with columns M (mandatory), L (linear = one-dimensional O), E (exciting =
# attractive A), R, Q, I and the category by mode:
#   Spellchecker          M 52.7  L 22.6  E  8.3  R 2.5  Q 1.5  I 12.4  -> Mandatory (M)
#   Can post to blogs     M 38.2  L  8.2  E 33.4  R 1.1  Q 0.8  I 18.3  -> Mandatory (M)
#   Supports many fonts   M 22.3  L 44.6  E 13.6  R 0.5  Q 1.2  I 17.8  -> Linear (O)
# Taken as counts of 1000 respondents. The source lists no coefficients; Better/Worse below are worked
# by hand from those counts with Berger et al.'s (1993) formulas (R and Q left out):
#   spellchecker: A+O+M+I = 83+226+527+124 = 960, better = 309/960 = 0.321875, worse = -753/960 = -0.784375
#   blogs:        A+O+M+I = 334+82+382+183 = 981, better = 416/981 = 0.424057, worse = -464/981 = -0.472987
#   fonts:        A+O+M+I = 136+446+223+178 = 983, better = 582/983 = 0.592065, worse = -669/983 = -0.680570
WORD_PROCESSOR = {
    "spellchecker": {"M": 527, "O": 226, "A": 83, "R": 25, "Q": 15, "I": 124},
    "blogs": {"M": 382, "O": 82, "A": 334, "R": 11, "Q": 8, "I": 183},
    "fonts": {"M": 223, "O": 446, "A": 136, "R": 5, "Q": 12, "I": 178},
}


def test_kano_table_matches_published_word_processor_example():
    df = answers(WORD_PROCESSOR).sample(frac=1.0, random_state=3).reset_index(drop=True)
    out = needs.kano_table(df, attribute="need_id", functional="functional", dysfunctional="dysfunctional")
    assert list(out.columns) == ["attribute", "A", "O", "M", "I", "R", "Q", "n", "category", "better", "worse"]
    out = out.set_index("attribute")
    for attr, counts in WORD_PROCESSOR.items():
        for cat, count in counts.items():
            assert out.loc[attr, cat] == count
        assert out.loc[attr, "n"] == 1000
    assert out["category"].to_dict() == {"spellchecker": "M", "blogs": "M", "fonts": "O"}
    np.testing.assert_allclose(out.loc[["spellchecker", "blogs", "fonts"], "better"],
                               [0.321875, 0.424057, 0.592065], atol=5e-7)
    np.testing.assert_allclose(out.loc[["spellchecker", "blogs", "fonts"], "worse"],
                               [-0.784375, -0.472987, -0.680570], atol=5e-7)


# Published table with counts AND Better/Worse: README of the R package stp25kano (Wolfgang Peter,
# github.com/stp4/stp25kano, README.md at commit 13ebf743b5a5d952694f3d238f3f5c1d8c9e10e3, dated
# 2024-05-11), section "Evaluation": five attributes of a cleaning-appliance maker's survey (the README
# says the answers are simulated), n = 296 each, printed as "pct% (count)" per category, the category by
# mode ("max Category"), "CS plus" (Better) and "CS minus" (Worse) to three decimals, computed by that
# package with Berger et al.'s (1993) formulas. Counts below are the printed ones (M, O, A, I, R, Q).
# Its separate "M>O>A>I" column applies a 5-point tolerance rule that kano_table does not implement.
STP25KANO_README = {
    #                      M    O    A    I   R  Q   max category  CS plus  CS minus
    "Service app":         (95, 123, 45, 33, 0, 0, "O", 0.568, -0.736),
    "Excellent service":   (101, 54, 54, 81, 3, 3, "M", 0.372, -0.534),
    "Hotline":             (15, 24, 121, 124, 6, 6, "I", 0.511, -0.137),
    "Loan machine":        (65, 87, 93, 51, 0, 0, "A", 0.608, -0.514),
    "Ready-to-use return": (9, 18, 83, 177, 6, 3, "I", 0.352, -0.094),
}


def test_kano_table_matches_published_stp25kano_counts_categories_and_coefficients():
    counts = {attr: dict(zip("MOAIRQ", row[:6])) for attr, row in STP25KANO_README.items()}
    df = answers(counts).sample(frac=1.0, random_state=7).reset_index(drop=True)
    out = needs.kano_table(df, attribute="need_id", functional="functional", dysfunctional="dysfunctional",
                           items=list(STP25KANO_README))
    assert out["attribute"].tolist() == list(STP25KANO_README)
    for row, (attr, published) in zip(out.itertuples(index=False), STP25KANO_README.items()):
        assert [row.M, row.O, row.A, row.I, row.R, row.Q] == list(published[:6]), attr
        assert row.n == 296, attr
        assert row.category == published[6], attr
        assert round(row.better, 3) == published[7], (attr, row.better)
        assert round(row.worse, 3) == published[8], (attr, row.worse)


@pytest.mark.parametrize("counts, expected", [
    ({"M": 2, "O": 2}, "M"), ({"O": 2, "A": 2}, "O"), ({"A": 2, "I": 2}, "A"),
    ({"I": 2, "R": 2}, "I"), ({"R": 2, "Q": 2}, "R"), ({"Q": 3, "M": 1}, "Q"),
])
def test_kano_mode_ties_follow_m_o_a_i_r_q(counts, expected):
    out = needs.kano_table(answers({"X": counts}), attribute="need_id",
                           functional="functional", dysfunctional="dysfunctional")
    assert out["category"].iloc[0] == expected


def test_kano_coefficients_nan_when_only_reverse_or_questionable():
    out = needs.kano_table(answers({"X": {"R": 2, "Q": 1}}), attribute="need_id",
                           functional="functional", dysfunctional="dysfunctional")
    assert out["n"].iloc[0] == 3 and out["category"].iloc[0] == "R"
    assert np.isnan(out["better"].iloc[0]) and np.isnan(out["worse"].iloc[0])


def test_kano_blank_answers_are_left_out_and_unanswered_need_gives_zero_row():
    df = answers({"N01": {"M": 3}})
    df.loc[len(df)] = {"need_id": "N01", "functional": np.nan, "dysfunctional": 5}
    out = needs.kano_table(df, attribute="need_id", functional="functional", dysfunctional="dysfunctional",
                           items=["N01", "N02"]).set_index("attribute")
    assert out.loc["N01", "n"] == 3 and out.loc["N01", "M"] == 3
    assert out.loc["N02", "n"] == 0 and out.loc["N02", "category"] is None
    assert np.isnan(out.loc["N02", "better"]) and np.isnan(out.loc["N02", "worse"])


def test_kano_by_segment():
    df = pd.concat([answers({"X": {"M": 3, "A": 1}}, segment="个人"), answers({"X": {"A": 3}}, segment="政企")])
    out = needs.kano_table(df, attribute="need_id", functional="functional", dysfunctional="dysfunctional",
                           by="segment")
    assert list(out["segment"]) == ["个人", "政企"]
    assert list(out["category"]) == ["M", "A"]
    assert out["better"].tolist() == [0.25, 1.0]
    assert out["worse"].tolist() == [-0.75, 0.0]


@pytest.mark.parametrize("bad", [0, 6, 2.5, "like"])
def test_kano_answers_outside_1_to_5_name_rows(bad):
    df = answers({"X": {"M": 3}})
    df["functional"] = df["functional"].astype(object)
    df.loc[1, "functional"] = bad
    with pytest.raises(DataValidationError, match=r"Table `kano`, column 'functional'.*1 to 5.*rows \(index\) 1") as err:
        needs.kano_table(df, attribute="need_id", functional="functional", dysfunctional="dysfunctional")
    assert err.value.column == "functional" and list(err.value.failure_cases.index) == [1]


def test_kano_unknown_need_and_missing_column():
    df = answers({"N99": {"M": 1}})
    with pytest.raises(DataValidationError, match=r"rows \(index\) 0 refer to \['N99'\].*not in the needs catalogue"):
        needs.kano_table(df, attribute="need_id", functional="functional", dysfunctional="dysfunctional",
                         items=["N01"])
    with pytest.raises(DataValidationError, match=r"Table 'kano' has no column \['dysf'\]"):
        needs.kano_table(df, attribute="need_id", functional="functional", dysfunctional="dysf")
    with pytest.raises(DataValidationError, match=r"whole numbers from 1 to 5"):
        needs.kano_category(0, 3)


# ---------------------------------------------------------------------------- IPA

def ratings_from_means(means: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """Two respondents per item, ±1 around the wanted means (so means over rows are exact)."""
    rows = []
    for item, (imp, perf) in means.items():
        rows.append({"need_id": item, "importance": imp - 1, "performance": perf + 1})
        rows.append({"need_id": item, "importance": imp + 1, "performance": perf - 1})
    return pd.DataFrame(rows)


# Grid of Martilla & James (1977), Journal of Marketing 41(1): importance vertical, performance
# horizontal; A concentrate here (high imp, low perf), B keep up the good work, C low priority,
# D possible overkill. Our rule for points exactly on a line: the line counts as "high".
# Item means below: importance and performance both average 36/9 = 4.0 over the items.
DATA_MEANS = {
    "hi_lo": (6, 2), "hi_hi": (6, 6), "lo_lo": (2, 2), "lo_hi": (2, 6),
    "on_both": (4, 4), "on_imp_high_perf": (4, 5), "on_imp_low_perf": (4, 3),
    "low_imp_on_perf": (3, 4), "high_imp_on_perf": (5, 4),
}
EXPECTED_QUADRANTS = {
    "hi_lo": "concentrate", "hi_hi": "keep_up", "lo_lo": "low_priority", "lo_hi": "overkill",
    "on_both": "keep_up", "on_imp_high_perf": "keep_up", "on_imp_low_perf": "concentrate",
    "low_imp_on_perf": "overkill", "high_imp_on_perf": "keep_up",
}


@pytest.mark.parametrize("aggregated", [False, True])
def test_ipa_data_crosshair_quadrants_including_points_on_lines(aggregated):
    if aggregated:
        data = pd.DataFrame([{"need_id": k, "importance": v[0], "performance": v[1]} for k, v in DATA_MEANS.items()])
    else:
        data = ratings_from_means(DATA_MEANS)
    out = needs.importance_performance(data, item="need_id", importance="importance", performance="performance")
    assert out["importance_line"].iloc[0] == 4.0 and out["performance_line"].iloc[0] == 4.0
    assert out.set_index("item")["quadrant"].to_dict() == EXPECTED_QUADRANTS
    assert set(out["n"]) == {1 if aggregated else 2}


def test_ipa_midpoint_crosshair_with_points_on_lines():
    # Midpoint of the 1–7 scale is 4; the data means (here 28/6 and 26.5/6) must not be used.
    means = {"on_both": (4, 4), "on_imp": (4, 3.5), "on_perf": (3, 4), "a": (6, 6), "b": (6, 5), "c": (5, 4)}
    out = needs.importance_performance(ratings_from_means(means), item="need_id", importance="importance",
                                       performance="performance", crosshair="midpoint", scale=(1, 7))
    got = out.set_index("item")["quadrant"].to_dict()
    assert got == {"on_both": "keep_up", "on_imp": "concentrate", "on_perf": "overkill",
                   "a": "keep_up", "b": "keep_up", "c": "keep_up"}
    assert out["importance_line"].iloc[0] == 4.0
    data = needs.importance_performance(ratings_from_means(means), item="need_id", importance="importance",
                                        performance="performance", crosshair="data", scale=(1, 7))
    assert data["importance_line"].iloc[0] == pytest.approx(28 / 6)  # (4+4+3+6+6+5)/6
    assert data["performance_line"].iloc[0] == pytest.approx(26.5 / 6)
    assert data.set_index("item").loc["on_both", "quadrant"] == "low_priority"


def test_ipa_gap_and_rank_hand_computed():
    means = {"A": (6.0, 2.5), "B": (5.0, 5.5), "C": (5.5, 2.0), "D": (4.0, 3.0)}
    out = needs.importance_performance(ratings_from_means(means), item="need_id",
                                       importance="importance", performance="performance")
    # gaps: A 3.5, C 3.5, D 1.0, B -0.5 -> ranks 1, 1, 3, 4 (ties share the lower rank, input order kept)
    assert out["item"].tolist() == ["A", "C", "D", "B"]
    assert out["gap"].tolist() == [3.5, 3.5, 1.0, -0.5]
    assert out["gap_rank"].tolist() == [1, 1, 3, 4]


def test_ipa_unknown_need_is_an_error_and_unrated_need_a_defined_row():
    data = ratings_from_means({"N01": (6, 3), "N02": (4, 4)})
    with pytest.raises(DataValidationError, match=r"Table `needs_ratings`, column 'need_id': rows \(index\) 2, 3 refer to \['N02'\]"):
        needs.importance_performance(data, item="need_id", importance="importance", performance="performance",
                                     items=["N01", "N03"])
    out = needs.importance_performance(data, item="need_id", importance="importance", performance="performance",
                                       items=["N01", "N02", "N03"]).set_index("item")
    assert out.loc["N03", "n"] == 0
    assert np.isnan(out.loc["N03", "importance"]) and np.isnan(out.loc["N03", "gap"])
    assert out.loc["N03", "quadrant"] is None and pd.isna(out.loc["N03", "gap_rank"])
    assert out.index[-1] == "N03"
    assert out.loc["N01", "importance_line"] == 5.0  # the unrated need does not move the cross-hair


def test_ipa_bad_arguments_and_ratings():
    data = ratings_from_means({"N01": (6, 3)})
    with pytest.raises(ValueError, match=r"The value for `crosshair` must be one of \['data', 'midpoint'\], but 'mean' was passed."):
        needs.importance_performance(data, item="need_id", importance="importance", performance="performance",
                                     crosshair="mean")
    data.loc[1, "performance"] = 9
    with pytest.raises(DataValidationError, match=r"column 'performance'.*from 1 to 7; rows \(index\) 1 hold 1: 9"):
        needs.importance_performance(data, item="need_id", importance="importance", performance="performance")


# ---------------------------------------------------------------------------- segmentation

def test_segmentation_lives_in_segments_and_is_re_exported_by_needs():
    for name in segments.__all__:
        assert getattr(needs, name) is getattr(segments, name)
        assert name in needs.__all__ and name in dir(needs)
    with pytest.raises(AttributeError, match="has no attribute 'no_such_function'"):
        needs.no_such_function


def test_segment_profile_hand_computed():
    df = pd.DataFrame({"segment": ["个人", "个人", "家庭", "政企", "个人"], "overall": [4, 2, 5, np.nan, 3]})
    out = segments.segment_profile(df, by="segment", values="overall")
    assert out["segment"].tolist() == ["个人", "家庭", "政企"]
    assert out["n"].tolist() == [3, 1, 1]
    np.testing.assert_allclose(out["pct"], [60.0, 20.0, 20.0])
    assert out["overall"].iloc[0] == 3.0 and np.isnan(out["overall"].iloc[2])


def test_silhouette_matches_rousseeuw_definition_by_hand():
    # Rousseeuw (1987): s(i) = (b - a) / max(a, b). Points 0, 1, 10, 11 in two clusters:
    # s = 9.5/10.5, 8.5/9.5, 8.5/9.5, 9.5/10.5 -> mean 0.8997494
    ratings = pd.DataFrame({"respondent_id": ["r1", "r2", "r3", "r4"], "need_id": "N01",
                            "importance": [0.0, 1.0, 10.0, 11.0]})
    out = segments.choose_k(ratings, k_values=[2])
    assert out["silhouette"].iloc[0] == pytest.approx((9.5 / 10.5 + 8.5 / 9.5) / 2, abs=1e-9)


def three_groups(seed=1):
    rng = np.random.default_rng(seed)
    centres = {1: [7, 7, 2, 2], 2: [2, 2, 7, 7], 3: [5, 2, 2, 6]}
    sizes = {1: 30, 2: 20, 3: 10}
    rows = []
    rid = 0
    for g, centre in centres.items():
        for _ in range(sizes[g]):
            rid += 1
            for j, c in enumerate(centre):
                rows.append({"respondent_id": f"R{rid:03d}", "need_id": f"N{j + 1:02d}",
                             "importance": float(np.clip(c + rng.normal(0, 0.4), 1, 7)), "group": g})
    return pd.DataFrame(rows)


def test_cluster_segments_finds_the_three_planted_groups_with_silhouette_k():
    ratings = three_groups()
    ks = segments.choose_k(ratings, k_values=(2, 3, 4))
    assert ks.loc[ks["chosen"], "clusters"].tolist() == [3]  # named apart from Cronbach's item count k
    seg = segments.cluster_segments(ratings, k_values=(2, 3, 4))
    assert list(seg.columns) == ["respondent_id", "segment", "clusters", "silhouette"]
    assert seg["clusters"].iloc[0] == 3 and seg["segment"].value_counts().sort_index().tolist() == [30, 20, 10]
    truth = ratings.drop_duplicates("respondent_id").set_index("respondent_id")["group"]
    assert (seg.set_index("respondent_id")["segment"] == truth).all()  # numbered by size = planted order
    again = segments.cluster_segments(ratings, k=3)
    pd.testing.assert_frame_equal(seg, again)
    prof = segments.cluster_profile(ratings, seg)
    top = prof[prof["rank"] == 1].set_index("segment")["item"].to_dict()
    assert top[1] in {"N01", "N02"} and top[2] in {"N03", "N04"}
    seg_1 = prof[(prof["segment"] == 1) & (prof["item"] == "N01")].iloc[0]
    assert seg_1["n"] == 30 and seg_1["pct"] == 50.0
    assert seg_1["diff"] == pytest.approx(seg_1["mean"] - seg_1["overall_mean"])


@pytest.mark.parametrize("value, expected", [(0.71, "strong"), (0.7, "reasonable"), (0.51, "reasonable"),
                                             (0.5, "weak"), (0.26, "weak"), (0.25, "none"), (float("nan"), "none")])
def test_structure_strength_follows_kaufman_rousseeuw(value, expected):
    # Kaufman & Rousseeuw (1990), Finding Groups in Data, ch. 2: 0.71-1.00 strong, 0.51-0.70 reasonable,
    # 0.26-0.50 weak, <= 0.25 no substantial structure
    assert segments.structure_strength(value) == expected


def test_cluster_segments_bad_k():
    with pytest.raises(DataValidationError, match=r"k must be a whole number from 2 to 59"):
        segments.cluster_segments(three_groups(), k=60)


def test_customer_tiers_rule_by_hand():
    df = pd.DataFrame({
        "customer_id": ["c1", "c1", "c2", "c3", "c4", "c5"],
        "revenue": [10, 10, 50, 5, 100, 1],
        "date": pd.to_datetime(["2025-01-05", "2025-06-01", "2025-01-10", "2025-11-01", "2025-02-01", "2025-12-01"]),
    })
    out = segments.customer_tiers(df, value="revenue", date="date", as_of="2025-12-20", new_days=90).set_index("customer_id")
    # customer values 20, 50, 5, 100, 1: 80th percentile (linear) = 60, 95th = 90
    assert out["value"].tolist() == [20, 50, 5, 100, 1]
    assert out.loc["c1", "contacts"] == 2 and out.loc["c3", "tenure_days"] == 49
    assert out["tier"].to_dict() == {"c1": "regular", "c2": "regular", "c3": "new", "c4": "strategic", "c5": "new"}
    out = segments.customer_tiers(df, value="revenue", vip_pct=60, strategic_pct=95).set_index("customer_id")
    assert out["tier"].to_dict() == {"c1": "regular", "c2": "vip", "c3": "regular", "c4": "strategic", "c5": "regular"}
    with pytest.raises(DataValidationError, match=r"need a value column .* or a date column"):
        segments.customer_tiers(df)


# ---------------------------------------------------------------------------- priorities

def test_priority_ranking_hand_computed_and_weights_returned():
    ipa = pd.DataFrame({"item": ["N01", "N02", "N03"], "gap": [3.0, 1.0, -1.0]})
    kano = pd.DataFrame({"attribute": ["N01", "N02", "N03"], "category": ["M", "A", "O"]})
    catalogue = pd.DataFrame({"need_id": ["N01", "N02", "N03", "N04"], "need": ["快", "准", "暖", "新"],
                              "mentions": [10, 40, 20, 0]})
    out = needs.priority_ranking(ipa, kano, catalogue, weights={"gap": 2, "kano": 1, "mentions": 1})
    # weights rescaled: 0.5, 0.25, 0.25; gap_norm = (gap + 1) / 4 -> 1, 0.5, 0, (N04 no gap) 0
    # N01: .5*1 + .25*1.0 + .25*.25 = 0.8125; N02: .5*.5 + .25*.5 + .25*1 = 0.625
    # N03: 0 + .25*.75 + .25*.5 = 0.3125; N04: 0
    assert out["need_id"].tolist() == ["N01", "N02", "N03", "N04"]
    np.testing.assert_allclose(out["score"], [0.8125, 0.625, 0.3125, 0.0])
    assert out["rank"].tolist() == [1, 2, 3, 4]
    assert out[["weight_gap", "weight_kano", "weight_mentions"]].iloc[0].tolist() == [0.5, 0.25, 0.25]
    assert out["kano_score"].tolist() == [1.0, 0.5, 0.75, 0.0]
    # weights change the order: mentions only
    out = needs.priority_ranking(ipa, kano, catalogue, weights={"mentions": 1})
    assert out["need_id"].tolist() == ["N02", "N03", "N01", "N04"]


def test_priority_ranking_counts_catalogue_rows_as_mentions_and_checks_weights():
    catalogue = pd.DataFrame({"need_id": ["N01", "N02", "N02"], "need": ["a", "b", "b"]})
    out = needs.priority_ranking(None, None, catalogue, weights={"mentions": 1})
    assert out.set_index("need_id")["mentions"].to_dict() == {"N01": 1.0, "N02": 2.0}
    with pytest.raises(ValueError, match=r"The value for `weights` must be one of \['gap', 'kano', 'mentions'\], but 'cost' was passed."):
        needs.priority_ranking(None, None, catalogue, weights={"cost": 1})
    with pytest.raises(ValueError, match=r"non-negative numbers with a positive sum"):
        needs.priority_ranking(None, None, catalogue, weights={"gap": -1, "kano": 2})


def test_kano_score_mapping_orders_m_o_a_i():
    s = needs.KANO_SCORES
    assert s["M"] > s["O"] > s["A"] > s["I"] == s["R"] == s["Q"] == 0


# ---------------------------------------------------------------------------- SMART

def test_smart_check_lists_missing_elements():
    problems = pd.DataFrame({"problem_id": ["PR01", "PR02"], "statement": ["首次响应太慢", "x"],
                             "kpi": ["frt_median_min", ""], "baseline": [45, np.nan], "target": [30, 20],
                             "owner": ["王经理", None]})
    out = needs.smart_check(problems)
    assert out["problem_id"].tolist() == ["PR01", "PR02"]
    assert out["missing"].tolist() == ["deadline", "metric, baseline, deadline, owner"]
    assert out["n_missing"].tolist() == [1, 4] and not out["smart"].any()
    actions = pd.DataFrame({"action_id": ["A01"], "problem_id": ["PR01"], "kpi": ["frt_median_min"], "baseline": [45], "target": [30],
                            "due": ["2025-07-31"], "owner": ["李"]})
    checked = needs.smart_check(actions, table="actions")
    assert checked.columns[0] == "action_id" and checked["smart"].tolist() == [True]
    late = needs.smart_check(actions.assign(due=["not a date"]), table="actions")
    assert late["missing"].tolist() == ["deadline"]
    with pytest.raises(ValueError, match=r"The value for `columns` must be one of \['metric', 'baseline', 'target', 'deadline', 'owner'\], but 'kpi' was passed."):
        needs.smart_check(actions, columns={"kpi": "kpi"})
    with pytest.raises(DataValidationError, match=r"Table `goals` has no id column"):
        needs.smart_check(actions.drop(columns=["action_id", "problem_id"]), table="goals")


# ---------------------------------------------------------------------------- charts

@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def _label_boxes(ax):
    renderer = ax.figure.canvas.get_renderer()
    corner = {t for t in ax.texts if t.get_transform() == ax.transAxes}
    return [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts
            if t not in corner and t.get_text()]


def test_ipa_chart_labels_do_not_overlap_when_points_crowd():
    import matplotlib
    matplotlib.use("Agg")

    rng = np.random.default_rng(0)
    means = {f"N{i:02d}": (5.0 + rng.normal(0, 0.05), 5.0 + rng.normal(0, 0.05)) for i in range(1, 13)}
    means["far"] = (2.0, 6.0)
    ipa = needs.importance_performance(ratings_from_means(means), item="need_id", importance="importance",
                                       performance="performance")
    ax = needs.ipa_quadrant_chart(ipa, names={k: f"需求{k}" for k in means}, lang="zh")
    boxes = _label_boxes(ax)
    assert len(boxes) == 13 and {t for t, _ in boxes} == {f"需求{k}" for k in means}
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i][1].overlaps(boxes[j][1]), (boxes[i][0], boxes[j][0])
    assert ax.get_xlabel() == "表现（均值）" and ax.get_ylabel() == "重要性（均值）"
    ax_en = needs.ipa_quadrant_chart(ipa, lang="en")
    assert ax_en.get_title() == "Importance–performance analysis"


def test_kano_and_priority_charts_draw_the_tables():
    import matplotlib
    matplotlib.use("Agg")

    kt = needs.kano_table(answers(WORD_PROCESSOR), attribute="need_id", functional="functional",
                          dysfunctional="dysfunctional")
    ax = needs.kano_chart(kt, lang="en")
    xy = np.vstack([c.get_offsets() for c in ax.collections])
    np.testing.assert_allclose(sorted(xy[:, 0]), sorted(kt["worse"].abs()))
    np.testing.assert_allclose(sorted(xy[:, 1]), sorted(kt["better"]))
    catalogue = pd.DataFrame({"need_id": ["spellchecker", "blogs", "fonts"], "need": ["拼写", "博客", "字体"]})
    ipa = pd.DataFrame({"item": ["spellchecker", "blogs", "fonts"], "gap": [1.0, 0.0, 2.0]})
    pr = needs.priority_ranking(ipa, kt, catalogue)
    ax = needs.priority_chart(pr, lang="zh")
    widths = np.array([p.get_width() for p in ax.patches]).reshape(3, -1).sum(axis=0)
    np.testing.assert_allclose(sorted(widths), sorted(pr["score"]))
    ticks = {t.get_position()[1]: t.get_text() for t in ax.get_yticklabels()}
    assert ticks[max(ticks)] == f"{pr['need_id'].iloc[0]} {pr['need'].iloc[0]}"  # rank 1 at the top
