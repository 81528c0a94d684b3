"""Chart texts and table notes under lang=zh/en: KPI and theme labels, legible rule numbers on control charts."""
import itertools

import matplotlib
import numpy as np
import pandas as pd
import pytest

from sqmkit import kpis, glossary as labels, pdca, spc
from sqmkit.satisfaction import comments as T
from sqmkit.exceptions import DataValidationError

matplotlib.use("Agg")


def chart_table(rules, phase2_from=None):
    """A control-chart table (the columns of spc.control_chart) with the given rule per point."""
    n = len(rules)
    stat = 20 + 3 * np.sin(np.arange(n))
    return pd.DataFrame({"point": np.arange(1, n + 1), "label": pd.date_range("2025-01-06", periods=n, freq="W-MON"),
                         "n": 1, "stat": stat, "center": 20.0, "sigma": 1.0, "lcl": 17.0, "ucl": 23.0,
                         "phase": ["II" if phase2_from and i + 1 >= phase2_from else "I" for i in range(n)],
                         "rule": pd.array(rules, dtype="Int64")})


def extents(ax, gid):
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in ax.texts if t.get_gid() == gid]


def assert_no_overlap(boxes):
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("n", [30, 200])
def test_rule_numbers_never_overlap(lang, n):
    # every point flagged, rules alternating: the worst case for crowding
    ax = spc.control_chart_plot(chart_table([1 + i % 2 for i in range(n)], phase2_from=n // 2), lang=lang)
    boxes = extents(ax, "rule_label")
    assert len(boxes) >= (n if n <= 30 else 30)  # 30 points fit one number each; 200 are thinned
    assert_no_overlap(boxes)
    matplotlib.pyplot.close("all")


def test_one_number_per_run_and_phase():
    # 30 consecutive weeks flagged by rule 1 across the phase split: one number in each phase
    ax = spc.control_chart_plot(chart_table([1] * 30, phase2_from=11), lang="zh")
    numbers = [t for t in ax.texts if t.get_gid() == "rule_label"]
    assert [t.get_text() for t in numbers] == ["1", "1"]
    assert [t.xy[0] for t in numbers] == [1.0, 11.0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "规则 1：超出控制限" in legend and not any(t.startswith("规则 2") for t in legend)
    matplotlib.pyplot.close("all")


@pytest.mark.parametrize("lang, text", [("zh", "阶段 II (冻结控制限)"), ("en", "Phase II (frozen limits)")])
def test_phase_label_clear_of_limits_and_points(lang, text):
    table = chart_table([pd.NA] * 5 + [1] * 15, phase2_from=6)
    table.loc[5, "stat"] = 23.5  # a point above the upper limit right after the split
    ax = spc.control_chart_plot(table, lang=lang)
    (box,) = extents(ax, "split_label")
    (label,) = [t for t in ax.texts if t.get_gid() == "split_label"]
    assert label.get_text() == text
    top_data = ax.transData.transform((6, 23.5))[1]
    assert box.y0 > top_data + 10  # display y grows upwards: the label sits above the point's number
    assert_no_overlap(extents(ax, "rule_label") + [box])
    matplotlib.pyplot.close("all")


def test_rule_legend_follows_rule_set_and_bad_rules():
    ax = spc.control_chart_plot(chart_table([3] * 6), rules="nelson", lang="en")
    assert "Rule 3: 6 in a row rising or falling" in [t.get_text() for t in ax.get_legend().get_texts()]
    with pytest.raises(DataValidationError, match=r"The value for `rules` must be one of .*'nelson'.*but 'x' was passed"):
        spc.control_chart_plot(chart_table([1]), rules="x")
    matplotlib.pyplot.close("all")


def test_effect_chart_names_kpis_in_lang():
    series = pd.DataFrame({"period": list(pd.date_range("2025-01-06", periods=8, freq="W-MON")) * 2,
                           "kpi": ["frt_median_min"] * 8 + ["complaint_rate_per_10k"] * 8,
                           "value": [30, 31, 29, 30, 20, 21, 19, 20] * 2})
    actions = pd.DataFrame({"action_id": ["A1", "A2"], "kpi": ["frt_median_min", "complaint_rate_per_10k"],
                            "direction": ["lower", "lower"], "status": ["done", "done"],
                            "start": pd.Timestamp("2025-02-03"), "done_date": pd.Timestamp("2025-02-03")})
    ef = pdca.effect_check(actions, series, window=None)
    ax = pdca.effect_chart(ef, lang="zh")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A1 · 首次响应时间中位数（分钟）", "A2 · 投诉率（件/万单）"]
    ax = pdca.effect_chart(ef, lang="en")
    assert ax.get_yticklabels()[0].get_text() == "A1 · Median first response (min)"
    matplotlib.pyplot.close("all")


def test_effect_check_notes_follow_lang():
    series = pd.DataFrame({"period": pd.date_range("2025-01-06", periods=6, freq="W-MON"), "kpi": "fcr_pct",
                           "value": [70, 71, 70, 75, 76, 75]})
    actions = pd.DataFrame({"action_id": ["A1", "A2", "A3"], "kpi": ["fcr_pct", None, "nps"],
                            "direction": ["higher", None, "higher"], "status": ["in_progress", "open", "open"],
                            "start": pd.Timestamp("2025-01-27")})
    en = pdca.effect_check(actions, series, window=None).set_index("action_id")["note"]
    assert en.tolist() == ["not finished: early reading", "no KPI", "KPI NPS not in the data"]  # the KPI by its label
    zh = pdca.effect_check(actions, series, window=None, lang="zh").set_index("action_id")["note"]
    assert zh.tolist() == ["未完成：早期读数", "无 KPI", "数据中没有 KPI 净推荐值 NPS"]
    with pytest.raises(DataValidationError, match=r"The value for `lang` must be one of \['zh', 'en'\], but 'fr' was passed"):
        pdca.effect_check(actions, series, lang="fr")


def test_coverage_reasons_follow_lang():
    tickets = pd.DataFrame({"ticket_id": ["T1", "T2"], "created_at": pd.to_datetime(["2025-01-06 09:00", "2025-01-06 10:00"]),
                            "first_response_at": pd.to_datetime(["2025-01-06 09:10", None]),
                            "resolved_at": pd.to_datetime(["2025-01-06 12:00", None])})
    en = kpis.coverage(tickets).set_index("statistic")["reason"]
    assert en["resolution"] == "no resolved_at: still open (see backlog)"
    zh = kpis.coverage(tickets, lang="zh").set_index("statistic")
    assert zh.loc["resolution", "reason"] == "无 resolved_at：仍未解决（见积压）"
    assert zh.loc["frt", "excluded"] == 1
    with pytest.raises(DataValidationError, match=r"The value for `lang` must be one of"):
        kpis.coverage(tickets, lang="de")


def test_theme_labels():
    assert labels.theme_label("waiting", "zh") == "等待/响应" and labels.theme_label("other", "en") == "Other"
    assert labels.theme_label("custom_theme", "zh") == "custom_theme"
    assert labels.value_label("waiting", "zh", column="theme") == "等待/响应"
    assert labels.value_label("resolution", "zh", column="statistic") == "解决时长"  # column scope wins
    assert set(T.THEME_RULES) | {"other"} == set(labels.THEMES)  # codes unchanged, every one labelled
    df = pd.DataFrame({"comment": ["等了好久没人接", "网速太慢", "没什么"]})
    th = T.themes(df, text="comment", lang="zh").set_index("theme")["label"]
    assert th["waiting"] == "等待/响应" and th["network"] == "网络/信号" and th["other"] == "其他"
