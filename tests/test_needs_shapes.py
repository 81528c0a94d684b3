"""Notebook 01_needs_analysis on workbooks shaped like real clients' (issue 10).

Seen on real data: 01 ignored `survey.overall.column` / `survey.nps.column`, so a survey that names its
rating columns in sqmkit.yaml failed there. Also covered: needs without ratings, ratings without Kano
answers (and too few respondents to cluster), needs with aggregated importance/performance only, a survey
without `segment`, a ticket log without `customer_id`, blank segments. The workbooks are the small sample
copy plus the sample's needs tables cut to a few respondents.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import yaml
from conftest import headlines, recorded_table, run_notebook

from sqmkit import needs
from sqmkit.glossary import BLANK
from sqmkit.resources import sample_workbook

NOTEBOOK = "01_needs_analysis"
SAMPLE = sample_workbook() / "data"


def read(wb, table):
    return pd.read_csv(wb / "data" / f"{table}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def write(wb, table, frame):
    frame.to_csv(wb / "data" / f"{table}.csv", index=False, encoding="utf-8-sig")


def add_needs(wb, *, ratings=True, kano=True, respondents=30, aggregated=False):
    """The sample's needs catalogue, and its ratings / Kano answers of the first respondents."""
    catalogue = pd.read_excel(SAMPLE / "needs.xlsx", dtype=str, engine="openpyxl")
    all_ratings = pd.read_csv(SAMPLE / "needs_ratings.csv", dtype=str)
    keep = all_ratings["respondent_id"].drop_duplicates().head(respondents)
    if aggregated:
        means = all_ratings.astype({"importance": float, "performance": float}).groupby("need_id")[
            ["importance", "performance"]].mean().round(2)
        catalogue = catalogue.join(means, on="need_id")
    write(wb, "needs", catalogue)
    if ratings:
        write(wb, "needs_ratings", all_ratings[all_ratings["respondent_id"].isin(keep)])
    if kano:
        answers = pd.read_csv(SAMPLE / "kano.csv", dtype=str)
        write(wb, "kano", answers[answers["respondent_id"].isin(keep)])
    return catalogue


# --------------------------------------------------------------------------- the library, fast
def _status(tables, lang="en", n_segments=0):
    out = needs.section_status(tables, config={}, n_segments=n_segments, lang=lang)
    assert out["section"].tolist() == list(needs.SECTIONS)
    return dict(zip(out["section"], out["ok"])), dict(zip(out["section"], out["note"]))


def test_section_status_follows_the_tables():
    catalogue = pd.DataFrame({"need_id": ["N1", "N2"], "need": ["a", "b"]})
    ok, notes = _status({"needs": catalogue, "survey": pd.DataFrame({"respondent_id": ["r1"]}),
                         "tickets": pd.DataFrame({"ticket_id": ["t1"]})})
    assert ok["catalogue"] and ok["priorities"] and not ok["ipa"] and not ok["kano"] and not ok["clusters"]
    assert "`needs_ratings`" in notes["ipa"] and "`segment`" in notes["segments"] and "`customer_id`" in notes["tiers"]
    assert notes["kano"] == "" and notes["clusters"] == ""  # a missing table: the notebook shows missing_table_note
    two = pd.DataFrame({"respondent_id": ["r1", "r1", "r2"], "need_id": ["N1", "N2", "N1"],
                        "importance": [5.0, 6.0, 7.0], "performance": [4.0, 3.0, 5.0]})
    ok, notes = _status({"needs": catalogue, "needs_ratings": two}, lang="zh")
    assert ok["ipa"] and not ok["clusters"] and "只有 2 位" in notes["clusters"]
    three = pd.concat([two, two.assign(respondent_id="r3")])
    ok, notes = _status({"needs_ratings": three}, n_segments=3)
    assert not ok["clusters"] and "`n_segments` is 3 and 3 respondents" in notes["clusters"]
    assert _status({"needs_ratings": three}, n_segments=2)[0]["clusters"]
    aggregated = catalogue.assign(importance=[6.0, 5.0], performance=[4.0, 6.0])
    ok, _ = _status({"needs": aggregated})
    assert ok["ipa"]


def test_workbook_ipa_from_ratings_or_aggregated_catalogue():
    catalogue = pd.DataFrame({"need_id": ["N1", "N2", "N3"], "need": list("abc"),
                              "importance": [6.0, 5.0, np.nan], "performance": [4.0, 6.0, np.nan]})
    ipa = needs.workbook_ipa(catalogue, None, scale=(1, 7)).set_index("item")
    # Martilla & James with data cross-hairs: means of the rated needs, 5.5 and 5.0
    assert ipa.loc["N1", "quadrant"] == "concentrate" and ipa.loc["N2", "quadrant"] == "overkill"
    assert ipa.loc["N1", "importance_line"] == 5.5 and ipa.loc["N1", "performance_line"] == 5.0
    mid = needs.workbook_ipa(catalogue, None, crosshair="midpoint", scale=(0, 10)).set_index("item")
    assert mid.loc["N1", "importance_line"] == 5.0 and mid.loc["N2", "quadrant"] == "keep_up"  # midpoint of 0–10
    assert needs.workbook_ipa(catalogue[["need_id", "need"]], None) is None


def test_kano_by_segment_keeps_blank_segments():
    answers = pd.DataFrame({"need_id": ["N1"] * 3, "functional": [2, 2, 1], "dysfunctional": [5, 5, 3],
                            "segment": ["a", None, None]})
    out = needs.kano_table(answers, attribute="need_id", functional="functional", dysfunctional="dysfunctional",
                           by="segment")
    assert out.set_index("segment")["n"].to_dict() == {BLANK: 2, "a": 1}


# --------------------------------------------------------------------------- the notebook, end to end
def test_configured_rating_columns_and_blank_segments(small_workbook, tmp_path):
    survey = read(small_workbook, "survey").rename(columns={"overall": "q_sat", "nps": "recommend"})
    survey["q_sat"] = (survey["q_sat"].astype(int) * 2).astype(str)
    survey.loc[::5, "segment"] = ""
    write(small_workbook, "survey", survey)
    path = small_workbook / "sqmkit.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["survey"].update(overall={"column": "q_sat", "min": 0, "max": 10}, nps={"column": "recommend"})
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    add_needs(small_workbook)
    out = tmp_path / "out"
    run = run_notebook(small_workbook, out, NOTEBOOK)
    profile = recorded_table(out, NOTEBOOK, "segments", keep_default_na=False).set_index("segment")
    expected = survey.assign(segment=survey["segment"].replace("", BLANK)).astype({"q_sat": float}).groupby("segment")
    assert profile["n"].to_dict() == expected.size().to_dict()
    np.testing.assert_allclose(profile.loc[expected.size().index, "overall_rating"], expected["q_sat"].mean())
    # issue 12: the mean 0–10 answer is `nps_mean`, never labelled NPS; the real NPS stands beside it
    assert {"nps_mean", "nps"} <= set(profile.columns) and "未参与比较" in run.markdown  # the blank segment is not ranked
    assert headlines(out, NOTEBOOK)["top_priority_need"] == "N01"


def test_needs_only_without_segment_or_customers(small_workbook, tmp_path):
    for name in ("needs_ratings", "kano"):
        (small_workbook / "data" / f"{name}.csv").unlink(missing_ok=True)
    write(small_workbook, "survey", read(small_workbook, "survey").drop(columns=["segment"]))
    write(small_workbook, "tickets", read(small_workbook, "tickets").drop(columns=["customer_id"]))
    add_needs(small_workbook, ratings=False, kano=False)
    out = tmp_path / "out"
    run = run_notebook(small_workbook, out, NOTEBOOK)
    for note in ("问卷没有填写 `segment`", "工单表没有填写 `customer_id`", "重要性–表现分析需要评分", "缺少数据表 `kano`"):
        assert note in run.markdown
    h = headlines(out, NOTEBOOK)
    assert h["n_needs"] == 15 and "n_concentrate" not in h and "segments_k" not in h
    # without ratings and Kano the ranking rests on the mentions alone: the most mentioned need leads
    catalogue = pd.read_excel(SAMPLE / "needs.xlsx", engine="openpyxl")
    assert h["top_priority_need"] == catalogue.loc[catalogue["mentions"].idxmax(), "need_id"]


def test_two_respondents_rated_and_no_kano(small_workbook, tmp_path):
    add_needs(small_workbook, kano=False, respondents=2)
    out = tmp_path / "out"
    run = run_notebook(small_workbook, out, NOTEBOOK)
    assert "只有 2 位" in run.markdown and "缺少数据表 `kano`" in run.markdown
    h = headlines(out, NOTEBOOK)
    assert "segments_k" not in h and "n_must_be" not in h and "top_priority_kano" not in h  # no value, no record
    ratings = read(small_workbook, "needs_ratings").astype({"importance": float, "performance": float})
    gaps = (ratings.groupby("need_id")["importance"].mean() - ratings.groupby("need_id")["performance"].mean())
    assert h["largest_gap_need"] == gaps.idxmax()


def test_aggregated_importance_and_performance_only(small_workbook, tmp_path):
    (small_workbook / "data" / "needs_ratings.csv").unlink(missing_ok=True)
    catalogue = add_needs(small_workbook, ratings=False, kano=False, aggregated=True)
    out = tmp_path / "out"
    run_notebook(small_workbook, out, NOTEBOOK)
    ipa = recorded_table(out, NOTEBOOK, "ipa").set_index("item")
    imp, perf = catalogue.set_index("need_id")["importance"], catalogue.set_index("need_id")["performance"]
    concentrate = set(imp.index[(imp >= imp.mean()) & (perf < perf.mean())])  # Martilla & James, data cross-hairs
    assert set(ipa.index[ipa["quadrant"] == "concentrate"]) == concentrate
    h = headlines(out, NOTEBOOK)
    assert h["n_concentrate"] == len(concentrate) and h["largest_gap_need"] == (imp - perf).idxmax()
