"""Tests of sqmkit.spc.funnel (Spiegelhalter 2005 funnel plots) and sqmkit.spc.funnel_plot.

Published values used:

- funnelR 0.1.0 (M. Kumar, CRAN 2018), vignette "Funnel Plots for Proportion Data", Example 3 (cran/funnelR,
  inst/doc/introduction.html at commit f346743): ``funscore(my_data, benchmark=0.50, alpha=0.80, alpha2=0.95,
  method='approximate')`` prints each physician's r = n/d and z = |r - 0.5| / sqrt(0.5 (1 - 0.5) / d), the normal
  approximation of Spiegelhalter (2005), and score2 (beyond the 95 % limits: "Extreme").
- R qcc's quick tour (Scrucca, qcc 3.0; the values tests/test_spc.py pins for the control charts): the orangejuice
  p chart of trial samples 1-30 (n = 50): center 0.2313333, LCL 0.05242755, UCL 0.4102391, samples 15 and 23
  above; the pcmanufact u chart (20 samples of size 5): center 1.93, LCL 0.06613305, UCL 3.793867, none out.
  A funnel of units of equal size is that chart with the units as points.
"""
import itertools
import math
import re

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from sqmkit import glossary, spc
from sqmkit.exceptions import DataValidationError

matplotlib.use("Agg")

CJK = re.compile(r"[\u4e00-\u9fff]")

# funnelR vignette: physicians 1-10, n = patients satisfied, d = patients
FUNNELR = pd.DataFrame({"id": list(range(1, 11)), "n": [130, 65, 155, 125, 19, 185, 82, 77, 50, 80],
                        "d": [150, 200, 300, 250, 50, 220, 100, 90, 400, 425]})
FUNNELR_R = [0.8666667, 0.3250000, 0.5166667, 0.5000000, 0.3800000, 0.8409091, 0.8200000, 0.8555556, 0.1250000,
             0.1882353]
FUNNELR_Z = [8.9814624, 4.9497475, 0.5773503, 0.0000000, 1.6970563, 10.1129979, 6.4000000, 6.7461923, 15.0000000,
             12.8543881]
FUNNELR_SCORE2_IN_CONTROL = {"3", "4", "5"}

# qcc data(orangejuice): D (defectives out of 50), trial samples 1-30
ORANGEJUICE_D = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13,
                 9, 6]
# qcc data(pcmanufact): nonconformities x in samples of size 5
PCMANUFACT_X = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def teams(seed=7):
    """15 teams of 30 to 3,000 tickets missing the SLA 8 % of the time, but billing 13 % and the north-east 1.5 %."""
    rng = np.random.default_rng(seed)
    sizes = [30, 45, 60, 80, 120, 150, 200, 300, 400, 600, 800, 1200, 1600, 2200, 3000]
    rate = np.full(len(sizes), 0.08)
    rate[11], rate[6] = 0.13, 0.015
    names = [f"T{i:02d}" for i in range(len(sizes))]
    names[11], names[6] = "billing", "north-east"
    return pd.DataFrame({"team": names, "missed": rng.binomial(sizes, rate), "tickets": sizes})


# ---- known values -------------------------------------------------------------------------------------------
def test_p_funnel_matches_funnelr_vignette_z_scores():
    f = spc.funnel(FUNNELR, unit="id", value="n", size="d", chart="p", target=0.5).set_index("unit")
    ids = [str(i) for i in range(1, 11)]  # units are text, as any grouping column
    assert f.loc[ids, "stat"].tolist() == pytest.approx(FUNNELR_R, abs=5e-8)
    assert f.loc[ids, "z"].abs().tolist() == pytest.approx(FUNNELR_Z, abs=5e-8)
    assert f.loc[ids, "sigma"].tolist() == pytest.approx([math.sqrt(0.25 / d) for d in FUNNELR["d"]])
    # score2 (95 % limits, z 1.96): "In Control" for 3, 4, 5 only; no |z| lies between 1.96 and 2,
    # so the 2σ warning limits single out the same physicians
    beyond_2sigma = f["outside"] | f["warning"]
    assert set(f.index[~beyond_2sigma]) == FUNNELR_SCORE2_IN_CONTROL
    assert set(f.index[f["outside"]]) == set(ids) - FUNNELR_SCORE2_IN_CONTROL  # |z| > 3 for all the others
    assert f.loc["1", "side"] == "above" and f.loc["9", "side"] == "below" and f.loc["4", "side"] == ""
    assert f.attrs == {"chart": "p", "center": 0.5, "multiply": 1.0, "target": 0.5}


def test_multiply_scales_the_statistic_not_the_verdicts():
    plain = spc.funnel(FUNNELR, unit="id", value="n", size="d", chart="p", target=0.5)
    pct = spc.funnel(FUNNELR, unit="id", value="n", size="d", chart="p", multiply=100, target=50)
    for column in ("stat", "center", "sigma", "lcl", "ucl", "lcl2", "ucl2"):
        assert pct[column].tolist() == pytest.approx((plain[column] * 100).tolist())
    assert pct["z"].tolist() == pytest.approx(plain["z"].tolist())
    assert pct[["outside", "side", "warning"]].equals(plain[["outside", "side", "warning"]])
    assert pct["ucl"].max() <= 100 and pct["lcl"].min() >= 0  # clamped at 1 x multiply and 0


def test_p_funnel_matches_qcc_orangejuice():
    # with(orangejuice, qcc(D[trial], sizes=size[trial], type="p")): center 0.2313333, LCL 0.05242755,
    # UCL 0.4102391; samples 15 (new cardboard) and 23 (new operator) beyond the upper limit
    oj = pd.DataFrame({"sample": range(1, 31), "D": ORANGEJUICE_D, "n": 50})
    f = spc.funnel(oj, unit="sample", value="D", size="n", chart="p")
    assert f["center"].iloc[0] == pytest.approx(0.2313333, abs=5e-8)
    assert f["lcl"].tolist() == pytest.approx([0.05242755] * 30, abs=5e-9)
    assert f["ucl"].tolist() == pytest.approx([0.4102391] * 30, abs=5e-8)
    assert f.loc[f["outside"], "unit"].tolist() == ["15", "23"] and set(f.loc[f["outside"], "side"]) == {"above"}
    assert f["unit"].tolist() == [str(i) for i in range(1, 31)]  # equal sizes keep the input order


def test_u_funnel_matches_qcc_pcmanufact():
    # with(pcmanufact, qcc(x, sizes=size, type="u")): center 1.93, LCL 0.06613305, UCL 3.793867, no violations
    pc = pd.DataFrame({"sample": range(1, 21), "x": PCMANUFACT_X, "size": 5})
    f = spc.funnel(pc, unit="sample", value="x", size="size")  # chart="u" is the default
    assert f["center"].iloc[0] == pytest.approx(1.93)
    assert f[["lcl", "ucl"]].iloc[0].tolist() == pytest.approx([0.06613305, 3.793867], abs=5e-7)
    assert f["sigma"].iloc[0] == pytest.approx(math.sqrt(1.93 / 5))
    assert not f["outside"].any()


def test_funnel_limits_are_the_p_and_u_formulas():
    lim = spc.funnel_limits([25, 100, 400], chart="p", center=20, multiply=100)
    assert lim["sigma"].tolist() == pytest.approx([100 * math.sqrt(0.2 * 0.8 / n) for n in (25, 100, 400)])
    assert lim["ucl"].tolist() == pytest.approx([44, 32, 26]) and lim["lcl2"].tolist() == pytest.approx([4, 12, 16])
    assert lim["lcl"].iloc[0] == 0  # 20 - 24 clamped at 0
    assert spc.funnel_limits(1, chart="p", center=0.9)["ucl"].iloc[0] == 1.0  # clamped at 1 x multiply
    u = spc.funnel_limits([4, 16], chart="u", center=2.0)
    assert u["ucl"].tolist() == pytest.approx([2 + 3 * math.sqrt(0.5), 2 + 3 * math.sqrt(0.125)])
    with pytest.raises(DataValidationError, match=r"The value for `center` must be from 0 to 100"):
        spc.funnel_limits([10], chart="p", center=120, multiply=100)
    with pytest.raises(DataValidationError, match=r"The value for `size` must be a finite number greater than 0"):
        spc.funnel_limits([10, 0], chart="u", center=1.0)


# ---- the table ----------------------------------------------------------------------------------------------
def test_rows_of_a_unit_are_summed_and_listed_by_size():
    df = pd.DataFrame({"site": ["B", "A", "B", "C", None, "D", " "],
                       "complaints": [3, 4, 5, 1, 2, 0, 1], "tickets": [100, 200, 150, 200, 40, 60, 20]})
    f = spc.funnel(df, unit="site", value="complaints", size="tickets", chart="u", multiply=1000)
    assert f.columns.tolist() == ["unit", "value", "size", "stat", "center", "sigma", "lcl", "ucl", "lcl2", "ucl2",
                                  "z", "outside", "side", "warning"]
    # B 250, then A and C tie at 200 (first appearance); D and the two blank rows (one unit) tie at 60: blank last
    assert f["unit"].tolist() == ["B", "A", "C", "D", glossary.BLANK]
    assert f.set_index("unit").loc["B", ["value", "size"]].tolist() == [8, 250]
    assert f.set_index("unit").loc[glossary.BLANK, ["value", "size"]].tolist() == [3, 60]
    assert f["center"].iloc[0] == pytest.approx(16 / 770 * 1000)
    assert f["stat"].tolist() == pytest.approx((f["value"] / f["size"] * 1000).tolist())
    lim = spc.funnel_limits(f["size"], chart="u", center=f.attrs["center"], multiply=1000)
    assert f["ucl"].tolist() == pytest.approx(lim["ucl"].tolist())


def test_verdicts_follow_the_limits():
    f = spc.funnel(teams(), unit="team", value="missed", size="tickets", chart="p", multiply=100)
    assert set(f.loc[f["outside"], "unit"]) == {"billing", "north-east"}
    assert f.set_index("unit").loc[["billing", "north-east"], "side"].tolist() == ["above", "below"]
    above, below = f["stat"] > f["ucl"], f["stat"] < f["lcl"]
    assert (f["outside"] == (above | below)).all()
    in_warning = ~f["outside"] & ((f["stat"] > f["ucl2"]) | (f["stat"] < f["lcl2"]))
    assert (f["warning"] == in_warning).all() and not (f["warning"] & f["outside"]).any()
    assert (f["z"].abs()[f["outside"]] > 3).all()
    assert f["size"].is_monotonic_decreasing and (np.diff(f["sigma"]) > 0).all()  # the funnel widens


def test_no_events_anywhere_gives_flat_limits_and_zero_z():
    df = pd.DataFrame({"team": ["a", "b"], "errors": [0, 0], "calls": [10, 40]})
    f = spc.funnel(df, unit="team", value="errors", size="calls", chart="u")
    assert f["sigma"].tolist() == [0, 0] and f["z"].tolist() == [0, 0] and not f["outside"].any()


# ---- bad input: one sentence each, all problems of a table at once --------------------------------------------
def frame(**columns):
    base = {"team": ["a", "b", "c"], "missed": [1, 2, 3], "tickets": [10, 20, 30]}
    base.update(columns)
    return pd.DataFrame(base)


MULTIPLY = r"The value for `multiply` must be a finite number greater than 0"


@pytest.mark.parametrize("data, kwargs, pattern", [
    (frame(tickets=[10, 0, 30]), {},
     r"^data: sample sizes must be > 0, but 'tickets' is 0 in rows 1; correct the sizes\.$"),
    (frame(tickets=[-5, 0, 30]), {},
     r"^data: sample sizes must be > 0, but 'tickets' is -5 in rows 0, 1; correct the sizes"),
    (frame(missed=[1, -2, 3]), {}, r"^data: a u funnel needs counts >= 0, but column 'missed' is negative in rows 1 "
                                   r"\(e\.g\. -2\); correct the counts\.$"),
    (frame(missed=[1, 25, 3]), {"chart": "p"},
     r"^data: a p funnel counts defectives out of a sample, but 'missed' exceeds the sample size 'tickets' in rows 1 "
     r"\(e\.g\. 25 > 20\); for defects per unit use chart='u'\.$"),
    (frame(missed=[1, None, 3]), {}, r"^data: column 'missed' is empty in rows 1; fill or drop those rows"),
    (frame(missed=[1, "  ", 3]), {}, r"^data: column 'missed' is empty in rows 1; fill or drop those rows"),
    (frame(tickets=[10, 20, np.nan]), {}, r"^data: column 'tickets' is empty in rows 2; fill or drop those rows"),
    (frame(tickets=[10, "twenty", 30]), {},
     r"^data: column 'tickets' holds non-numeric values in rows 1 \(e\.g\. 'twenty'\)"),
    (frame(tickets=[10, np.inf, 30]), {}, r"^data: column 'tickets' holds values that are not finite numbers in rows 1 "
                                          r"\(e\.g\. inf\); correct or remove them\.$"),
    (frame(), {"chart": "c"}, r"^The value for `chart` must be one of \['p', 'u'\], but 'c' was passed\.$"),
    (frame(), {"multiply": 0}, "^" + MULTIPLY + r", but 0 was passed\.$"),
    (frame(), {"multiply": -100}, MULTIPLY + ", but -100 was passed"),
    (frame(), {"multiply": "100"}, MULTIPLY + ", but '100' was passed"),
    (frame(), {"multiply": True}, MULTIPLY + ", but True was passed"),
    (frame(), {"multiply": float("nan")}, MULTIPLY + ", but nan was passed"),
    (frame(), {"chart": "p", "multiply": 100, "target": 100},
     r"The value for `target` must be a number greater than 0 and less than 100, but 100 was passed"),
    (frame(), {"target": 0}, r"The value for `target` must be a finite number greater than 0, but 0 was passed"),
    (frame().iloc[:0], {}, r"^data: the table has no rows, so there are no units to compare"),
    ([1, 2], {}, r"The `data` table must be a pandas DataFrame, but list was passed"),
])
def test_bad_input_says_what_and_where(data, kwargs, pattern):
    with pytest.raises(DataValidationError, match=pattern) as err:
        spc.funnel(data, unit="team", value="missed", size="tickets", **kwargs)
    zh = err.value.text("zh")
    assert CJK.search(zh) and "{" not in zh  # the same message reads in Chinese, every field filled in


def test_missing_column_sentence():
    with pytest.raises(DataValidationError, match=r"^Table 'data' has no column \['calls'\] passed as `size`; it has "
                                                  r"\['team', 'missed', 'tickets'\]\. "
                                                  r"Fix: pass the name of an existing column\.$"):
        spc.funnel(frame(), unit="team", value="missed", size="calls")
    with pytest.raises(DataValidationError, match=r"^Table 'data' has 2 problems:\n  1\. Table 'data' has no column "
                                                  r"\['agent'\] passed as `unit`.*\n  2\. Table 'data' has no column "
                                                  r"\['calls'\] passed as `size`") as err:
        spc.funnel(frame(), unit="agent", value="missed", size="calls")
    assert [p.column for p in err.value.problems] == ["agent", "calls"]


def test_every_row_problem_is_reported_at_once_with_its_rows():
    df = frame(missed=[1, -2, 3], tickets=[10, 20, 0])
    pattern = r"^Table 'data' has 2 problems:\n  1\. .*negative in rows 1 .*\n  2\. .*sample sizes must be > 0, but "
    with pytest.raises(DataValidationError, match=pattern + r"'tickets' is 0 in rows 2") as err:
        spc.funnel(df, unit="team", value="missed", size="tickets")
    negative, zero = err.value.problems
    assert negative.failure_cases.to_dict("list") == {"row": [1], "missed": [-2]}
    assert zero.failure_cases.to_dict("list") == {"row": [2], "tickets": [0]}
    assert "第 2 行" in err.value.text("zh")


# ---- the chart ----------------------------------------------------------------------------------------------
def label_boxes(ax):
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in ax.texts if t.get_gid() == "funnel_label"]


@pytest.mark.parametrize("lang, legend", [
    ("zh", ["3σ 控制限", "2σ 预警限", "合并均值 8.62", "限内", "超出 2σ 预警限", "超出 3σ 控制限"]),
    ("en", ["3σ control limits", "2σ warning limits", "Pooled mean 8.62", "Within limits", "Beyond 2σ warning limits",
            "Beyond 3σ control limits"]),
])
def test_funnel_plot_names_the_units_outside_in_lang(lang, legend):
    f = spc.funnel(teams(), unit="team", value="missed", size="tickets", chart="p", multiply=100)
    ax = spc.funnel_plot(f, lang=lang)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == legend
    assert sorted(t.get_text() for t in ax.texts if t.get_gid() == "funnel_label") == ["billing", "north-east"]
    assert ax.get_title() == glossary.text("spc_funnel_title", lang)
    assert ax.get_xlabel() == glossary.text("spc_funnel_xlabel", lang)
    assert ax.get_ylabel() == glossary.text("spc_funnel_ylabel_p_pct", lang)
    assert ax.get_xscale() == "log"  # 30 ... 3,000 tickets: the small teams are not crowded into the left edge
    curves = [line for line in ax.get_lines() if len(line.get_xdata()) > 2]
    assert len(curves) == 4 and all(len(line.get_xdata()) >= 100 for line in curves)  # smooth, not stair steps
    upper = curves[0].get_ydata()
    assert (np.diff(upper) <= 0).all()  # the 3σ upper limit narrows as the size grows
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert "1,000" in ticks and not any("$" in t for t in ticks)  # plain numbers, no raw mathtext


def test_labels_never_overlap_and_at_most_ten():
    rng = np.random.default_rng(3)
    sizes = np.round(np.geomspace(30, 3000, 60))
    df = pd.DataFrame({"agent": [f"Agent {i:02d}" for i in range(60)],
                       "complaints": rng.poisson(sizes * rng.gamma(1.0, 0.03, 60)), "tickets": sizes})
    f = spc.funnel(df, unit="agent", value="complaints", size="tickets", multiply=1000)
    assert f["outside"].sum() > 10
    for lang in ("zh", "en"):
        ax = spc.funnel_plot(f, lang=lang)
        boxes = label_boxes(ax)
        assert 5 <= len(boxes) <= 10
        assert not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))
        frame_box = ax.get_window_extent(ax.figure.canvas.get_renderer())
        assert all(frame_box.x0 <= b.x0 and b.x1 <= frame_box.x1 and frame_box.y0 <= b.y0 and b.y1 <= frame_box.y1
                   for b in boxes)
        named = {t.get_text() for t in ax.texts if t.get_gid() == "funnel_label"}
        furthest = f.loc[f["outside"]].assign(a=f["z"].abs()).nlargest(10, "a")["unit"]
        assert named <= set(furthest)
        (note,) = [t for t in ax.texts if t.get_gid() == "funnel_note"]
        assert note.get_text() == glossary.text("spc_funnel_labels_note", lang, shown=len(boxes),
                                                n=int(f["outside"].sum()))
        plt.close("all")


def test_funnel_plot_options_and_edge_cases():
    f = spc.funnel(teams(), unit="team", value="missed", size="tickets", chart="p", multiply=100)
    _, given = plt.subplots()
    ax = spc.funnel_plot(f, title="SLA", ylabel="missed (%)", label_outside=False, lang="en", ax=given)
    assert ax is given and ax.get_title() == "SLA" and ax.get_ylabel() == "missed (%)"
    assert label_boxes(ax) == []
    target = spc.funnel(teams(), unit="team", value="missed", size="tickets", chart="p", multiply=100, target=5)
    ax = spc.funnel_plot(target, lang="zh")
    assert "目标值 5" in [t.get_text() for t in ax.get_legend().get_texts()]
    blank = pd.DataFrame({"team": [None, "a", "b", "c", "d"], "missed": [30, 5, 6, 4, 5], "tickets": 100})
    ax = spc.funnel_plot(spc.funnel(blank, unit="team", value="missed", size="tickets", chart="p"), lang="zh")
    assert [t.get_text() for t in ax.texts if t.get_gid() == "funnel_label"] == ["(未填写)"]
    assert ax.get_xscale() == "linear"  # equal sizes
    ax = spc.funnel_plot(f[f["outside"]], lang="en")  # filtering keeps the attrs
    assert len(label_boxes(ax)) == 2
    ax = spc.funnel_plot(pd.DataFrame(columns=["unit", "value", "size"]), lang="en")  # kpis.team_funnel without tickets
    assert [t.get_text() for t in ax.texts] == ["No data"]
    with pytest.raises(DataValidationError, match=r"^The table has no funnel settings in \.attrs"):
        spc.funnel_plot(pd.DataFrame(f.to_dict("list")))
    with pytest.raises(DataValidationError, match=r"The value for `lang` must be one of \['zh', 'en'\]"):
        spc.funnel_plot(f, lang="fr")
