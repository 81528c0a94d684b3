"""Notebook 05_satisfaction on surveys shaped like real clients' (issue 10): whatever validation accepts runs to the end.

Seen on real data: a survey whose rating columns are named in sqmkit.yaml (`survey.overall.column`,
`survey.nps.column`) on 0–10, one item per dimension (05 failed with "reliability needs at least 2 items"),
no `date` column, no channel/segment/comment/nps, `survey.items` empty, 1–7 and bank-style 0–10 scales.
Each workbook is the small sample copy (60 answers) edited per case; figures are checked against plain
pandas computations on the same file.
"""
from __future__ import annotations

import pandas as pd
import pytest
import yaml
from conftest import headlines, recorded_table, run_notebook

from sqmkit import satisfaction as sat
from sqmkit.glossary import BLANK

NOTEBOOK = "05_satisfaction"


# --------------------------------------------------------------------------- workbook builders
def read_survey(wb):
    return pd.read_csv(wb / "data" / "survey.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def write_survey(wb, frame):
    frame.to_csv(wb / "data" / "survey.csv", index=False, encoding="utf-8-sig")


def edit_config(wb, change):
    path = wb / "sqmkit.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(config)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def no_errors(run):
    import nbformat

    nb = nbformat.read(run.executed, as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error" or (o.get("name") == "stderr" and "Traceback" in o.get("text", ""))]
    assert not errors


# --------------------------------------------------------------------------- the library, fast
def survey_config(**survey):
    return {"overall": {"column": "overall", "min": 1, "max": 5}, "nps": {"column": "nps"},
            "scale": {"min": 1, "max": 7}, "items": {}, "dimension_weights": {}, **survey}


def test_survey_frame_reads_the_configured_columns_as_numbers_and_codes_blank_groups():
    raw = pd.DataFrame({"respondent_id": ["r1", "r2", "r3"], "q_sat": ["9", "10", None], "recommend": ["3", None, "10"],
                        "channel": ["app", None, " "], "segment": ["a", "b", "c"]})
    cfg = survey_config(overall={"column": "q_sat", "min": 0, "max": 10}, nps={"column": "recommend"})
    out = sat.survey_frame(raw, config=cfg)
    assert out["q_sat"].tolist()[:2] == [9.0, 10.0] and pd.isna(out["q_sat"].iloc[2])
    assert out["recommend"].dtype == float
    assert out["channel"].tolist() == ["app", BLANK, BLANK]
    with pytest.raises(ValueError, match=r"Column 'q_sat' of the survey table must hold numbers"):
        sat.survey_frame(raw.assign(q_sat=["9", "good", "1"]), config=cfg)


def test_top_box_follows_the_scale():
    # 0–10: the top two points are 9 and 10 (share of ratings >= 9); 1–7: 6 and 7
    ratings = pd.DataFrame({"q": [10, 9, 8, 7, 0, 9, 5, 6]})
    assert sat.csat(ratings, score="q", scale_max=10)["top_box_pct"].iloc[0] == pytest.approx(100 * 3 / 8)
    assert sat.csat(ratings.clip(upper=7), score="q", scale_max=7)["top_box_pct"].iloc[0] == pytest.approx(100 * 6 / 8)
    assert sat.low_score_cut({"overall": {"min": 0, "max": 10}}) == 4
    assert sat.low_score_cut({"overall": {"min": 1, "max": 7}}) == 3
    assert sat.low_score_cut({"overall": {"min": 1, "max": 5}}, -1) == 2  # the sample's 2 on 1–5
    assert "0–10" in sat.scale_text({"overall": {"column": "q", "min": 0, "max": 10}}, "zh")
    assert "ratings of 6 or more" in sat.scale_text({"overall": {"column": "q", "min": 1, "max": 7}}, "en")


def test_blank_group_is_listed_last_in_group_tables():
    df = pd.DataFrame({"overall": [5, 4, 3, 2, 1], "channel": [BLANK, "b", "a", BLANK, "b"]})
    out = sat.csat(df, score="overall", by="channel")
    assert out["channel"].tolist() == ["a", "b", BLANK] and out["n"].tolist() == [1, 2, 2]


def test_group_test_and_lowest_group_need_two_usable_groups():
    df = pd.DataFrame({"overall": [4, 5, 3, 2, 4], "channel": ["a", "a", "a", "b", "c"]})
    assert len(sat.group_test(df, score="overall", group="channel")) == 0  # one group with >= 2 answers
    assert len(sat.group_test(df.assign(overall=4), score="overall", group="channel")) == 0  # all equal
    two = pd.DataFrame({"overall": [4, 5, 3, 2, 1, 2], "channel": list("aaabbb")})
    assert sat.group_test(two, score="overall", group="channel")["test"].iloc[0] == "mann_whitney"
    table = sat.csat(df, score="overall", by="channel")
    assert len(sat.lowest_group(table, group="channel", min_n=2)) == 0
    assert sat.lowest_group(table, group="channel", min_n=1)["channel"].iloc[0] == "b"


def _status(data, cfg, split=None, lang="en"):
    out = sat.section_status(data, config=cfg, split=split, lang=lang)
    assert out["section"].tolist() == list(sat.SECTIONS)
    return dict(zip(out["section"], out["ok"])), dict(zip(out["section"], out["note"]))


def test_section_status_names_one_item_dimensions_and_keeps_the_others():
    data = pd.DataFrame({"overall": [1, 2, 3, 4, 5, 3], "p1": [1, 2, 3, 4, 5, 4], "p2": [2, 2, 3, 5, 5, 3],
                         "p3": [5, 4, 3, 2, 2, 3]})
    cfg = survey_config(items={"p1": {"dimension": "reliability"}, "p2": {"dimension": "reliability"},
                               "p3": {"dimension": "tangibles"}})
    ok, notes = _status(data, cfg)
    assert ok["reliability"] and "`tangibles`" in notes["reliability"] and "reliability`" not in notes["reliability"]
    assert list(sat.measurable_items(data, items=cfg["items"])) == ["p1", "p2"]
    alpha = sat.cronbach_alpha(data, items=sat.measurable_items(data, items=cfg["items"]))
    assert alpha["scale"].tolist() == ["reliability"]
    only_one = survey_config(items={"p1": {"dimension": "a"}, "p3": {"dimension": "b"}})
    ok, notes = _status(data, only_one)
    assert not ok["reliability"] and "`a`, `b`" in notes["reliability"]


def test_section_status_without_dates_items_nps_groups_or_comments():
    data = pd.DataFrame({"overall": [1, 2, 3, 4, 5]})
    ok, notes = _status(data, survey_config(), split=pd.Timestamp("2025-07-01"))
    assert ok["csat"] and not ok["nps"] and not ok["groups"] and not ok["trend"] and not ok["before_after"]
    assert not any(ok[s] for s in ("index", "servqual", "servqual_phase", "reliability", "drivers", "comments"))
    assert notes["trend"].startswith("> The survey has no answer dates (`date` column)")
    assert "`nps`" in notes["nps"] and "`channel`" in notes["groups"] and "`survey.items`" in notes["index"]
    assert "comment" in notes["comments"]
    ok, notes = _status(data.assign(date=pd.Timestamp("2025-01-05")), survey_config(), split=pd.Timestamp("2025-07-01"),
                        lang="zh")
    assert ok["trend"] and not ok["before_after"] and "之前有 5 份、之后有 0 份" in notes["before_after"]
    ok, _ = _status(None, survey_config())
    assert not any(ok.values())


def test_section_status_without_an_overall_rating():
    data = pd.DataFrame({"nps": [10, 9, 3, 7], "channel": ["a", "b", "a", "b"],
                         "date": pd.to_datetime(["2025-01-02", "2025-02-03", "2025-08-01", "2025-09-01"])})
    ok, notes = _status(data, survey_config(), split=pd.Timestamp("2025-07-01"))
    assert not ok["csat"] and "`overall`" in notes["csat"] and ok["nps"] and ok["groups"] and ok["trend"]
    assert not ok["before_after"] and "needs the overall rating" in notes["before_after"]


def test_section_status_on_awkward_item_configs():
    data = pd.DataFrame({"overall": [1, 2, 3, 4, 5], "p1": [1, 2, 3, 4, 5], "p2": [1, 3, 2, 5, 4], "e1": [3, 3, 3, 3, 3]})
    mixed = survey_config(items={"p1": {"dimension": "a", "expectation": "e1"}, "p2": {"dimension": "b"}},
                          dimension_weights={"a": 0, "b": 0})
    ok, notes = _status(data, mixed)
    assert ok["servqual"] and "SERVPERF" in notes["servqual"] and "are 0" in notes["index"]
    assert sat.survey_items(mixed)["p1"]["expectation"] is None and sat.dimension_weights(mixed) == {"a": 0.5, "b": 0.5}
    gaps = sat.servqual_gaps(data, items=sat.survey_items(mixed), dimension_weights=sat.dimension_weights(mixed))
    assert gaps["method"].iloc[0] == "servperf"
    one_dim = survey_config(items={"p1": {"dimension": "a"}, "p2": {"dimension": "a"}, "p3": {"label": "no dimension"}})
    ok, notes = _status(data, one_dim)
    assert not ok["drivers"] and "only `a`" in notes["drivers"] and "`p3`" in notes["index"]
    few = survey_config(items={"p1": {"dimension": "a"}, "p2": {"dimension": "b"}})
    ok, notes = _status(data.head(3), few)
    assert not ok["drivers"] and "3 complete answers for 2" in notes["drivers"]


# --------------------------------------------------------------------------- the notebook, end to end
def test_configured_columns_on_0_to_10_with_blank_channels(small_workbook, tmp_path):
    survey = read_survey(small_workbook).rename(columns={"overall": "q_sat", "nps": "recommend"})
    survey["q_sat"] = (survey["q_sat"].astype(int) * 2).astype(str)  # 2..10 on a 0–10 scale
    survey.loc[::4, "channel"] = ""
    write_survey(small_workbook, survey)
    edit_config(small_workbook, lambda c: c["survey"].update(overall={"column": "q_sat", "min": 0, "max": 10},
                                                             nps={"column": "recommend"}))
    out = tmp_path / "out"
    run = run_notebook(small_workbook, out, NOTEBOOK)
    no_errors(run)
    h = headlines(out, NOTEBOOK)
    q, r = survey["q_sat"].astype(float), survey["recommend"].astype(float)
    assert h["csat_top_box_pct"] == pytest.approx(round(100 * (q >= 9).mean(), 2))  # top two points of 0–10
    assert h["csat_mean"] == pytest.approx(round(q.mean(), 3))
    assert h["nps"] == pytest.approx(round(100 * ((r >= 9).mean() - (r <= 6).mean()), 2))
    import json
    label = json.loads((out / "results.json").read_text(encoding="utf-8"))[NOTEBOOK]["csat_mean"]["label"]
    assert "0–10" in label
    assert "`q_sat` 为 0–10 分制；满意（top box）= 9 分及以上" in run.markdown
    by_channel = recorded_table(out, NOTEBOOK, "csat_by_channel", keep_default_na=False)
    assert by_channel["channel"].iloc[-1] == BLANK and by_channel["n"].iloc[-1] == (survey["channel"] == "").sum()


def test_one_item_dimension_and_no_dates(small_workbook, tmp_path):
    write_survey(small_workbook, read_survey(small_workbook).drop(columns=["date"]))
    # tangibles keeps one item (p01): its reliability cannot be measured, the other four can
    edit_config(small_workbook, lambda c: c["survey"].update(
        items={k: v for k, v in c["survey"]["items"].items() if v["dimension"] != "tangibles" or k == "p01"}))
    out = tmp_path / "out"
    run = run_notebook(small_workbook, out, NOTEBOOK)
    no_errors(run)
    alpha = recorded_table(out, NOTEBOOK, "reliability")
    assert alpha["scale"].tolist() == ["reliability", "responsiveness", "assurance", "empathy"]
    assert "`tangibles` 的信度无法测量" in run.markdown
    assert run.markdown.count("问卷没有答卷日期（`date` 列）") >= 2  # the trend and the before/after section say so
    h = headlines(out, NOTEBOOK)
    assert "overall_before" not in h and "alpha_min" in h and "weakest_dimension" in h


def test_minimal_survey_on_1_to_7_in_english(small_workbook, tmp_path):
    survey = read_survey(small_workbook)[["respondent_id", "overall"]]
    survey["overall"] = (survey["overall"].astype(int) + 2).astype(str)  # 3..7 on a 1–7 scale
    write_survey(small_workbook, survey)

    def change(c):
        c["lang"] = "en"
        c["survey"] = {"overall": {"column": "overall", "min": 1, "max": 7}}
    edit_config(small_workbook, change)
    out = tmp_path / "out"
    run = run_notebook(small_workbook, out, NOTEBOOK)
    no_errors(run)
    h = headlines(out, NOTEBOOK)
    assert set(h) == {"csat_mean", "csat_top_box_pct"}
    assert h["csat_top_box_pct"] == pytest.approx(round(100 * (survey["overall"].astype(int) >= 6).mean(), 2))
    for note in ("no likelihood-to-recommend score", "neither a `channel` nor a `segment`", "no answer dates",
                 "lists no item column with a `dimension`", "No comments to mine"):
        assert note in run.markdown


def test_bank_survey_on_0_to_10_only(small_workbook, tmp_path):
    survey = read_survey(small_workbook).drop(columns=["nps"] + [f"e{i:02d}" for i in range(1, 23)])
    items = [f"p{i:02d}" for i in range(1, 23)]
    for column in ["overall"] + items:
        survey[column] = (survey[column].astype(int) * 10 // 7).astype(str) if column != "overall" else \
            (survey[column].astype(int) * 2).astype(str)
    write_survey(small_workbook, survey)

    def change(c):
        c["survey"]["overall"] = {"column": "overall", "min": 0, "max": 10}
        c["survey"]["scale"] = {"min": 0, "max": 10}
        c["survey"].pop("nps", None)
        for spec in c["survey"]["items"].values():
            spec.pop("expectation")
    edit_config(small_workbook, change)
    out = tmp_path / "out"
    run = run_notebook(small_workbook, out, NOTEBOOK)
    no_errors(run)
    h = headlines(out, NOTEBOOK)
    assert "nps" not in h and "weakest_dimension" in h
    gaps = recorded_table(out, NOTEBOOK, "servqual_gaps")
    assert set(gaps["method"]) == {"servperf"}
    # index on 0–10: sum of weight x mean of the dimension score / 10 x 100 (the sample's weights sum to 1)
    config = yaml.safe_load((small_workbook / "sqmkit.yaml").read_text(encoding="utf-8"))["survey"]
    values = survey[items].astype(float)
    dims = {d: values[[k for k, v in config["items"].items() if v["dimension"] == d]].mean(axis=1)
            for d in config["dimension_weights"]}
    expected = sum(w * dims[d].mean() / 10 * 100 for d, w in config["dimension_weights"].items())
    assert h["satisfaction_index"] == pytest.approx(round(expected, 2))
    assert "为 0–10 分制" in run.markdown


def test_the_blank_group_is_never_named_the_lowest():
    from sqmkit.glossary import BLANK

    table = pd.DataFrame({"channel": ["a", "b", BLANK], "n": [10, 10, 10], "top_box_pct": [50.0, 40.0, 10.0]})
    assert sat.lowest_group(table, group="channel", min_n=1)["channel"].tolist() == ["b"]
