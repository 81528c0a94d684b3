"""Data health: overview, coverage, completeness, soft rules, flagged rows, duplicates, fixes, charts."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sqmkit import health, plots
from sqmkit.exceptions import DataValidationError

T = pd.Timestamp


@pytest.fixture
def tickets() -> pd.DataFrame:
    return pd.DataFrame({
        "ticket_id": ["T1", "T2", "T3", "T4", "T5"],
        "created_at": pd.to_datetime(["2025-01-02 08:00", "2025-01-03 09:00", "2025-03-01 10:00",
                                      "2025-12-25 11:00", "2024-12-30 12:00"]),
        "first_response_at": pd.to_datetime(["2025-01-02 08:30", None, "2025-03-02 10:00",
                                             "2025-12-25 11:10", "2024-12-30 12:05"]),
        "resolved_at": pd.to_datetime(["2025-01-02 09:00", "2025-01-04 09:00", "2025-03-01 12:00", None,
                                       "2024-12-31 12:00"]),
        "channel": ["电话", "", "APP", "邮件", None],
        "contacts": [1.0, 2.0, np.nan, 1.0, 1.0],
    })


CONFIG = {"as_of": T("2025-12-20"), "period": {"start": T("2025-01-01"), "end": T("2025-12-31")},
          "survey": {"items": {"p01": {}}}}


def test_completeness_matches_pandas_count_example():
    # Reference: pandas documentation, DataFrame.count, example "Person/Age/Single":
    # df.count() -> Person 5, Age 4, Single 5.
    df = pd.DataFrame({"Person": ["John", "Myla", "Lewis", "John", "Myla"],
                       "Age": [24., np.nan, 21., 33, 26],
                       "Single": [False, True, True, True, False]})
    out = health.completeness({"people": df})
    assert out["n_filled"].tolist() == [5, 4, 5]
    assert out["filled_pct"].tolist() == [100.0, 80.0, 100.0]
    assert list(out.columns) == ["table", "column", "n", "n_filled", "filled_pct", "required", "blank_expected"]


def test_completeness_counts_blank_text_as_missing(tickets):
    out = health.completeness({"tickets": tickets}).set_index("column")
    assert out.loc["channel", "n_filled"] == 3 and out.loc["channel", "filled_pct"] == 60.0
    assert bool(out.loc["ticket_id", "required"]) and not bool(out.loc["channel", "required"])
    assert bool(out.loc["resolved_at", "blank_expected"])


def test_duplicates_match_pandas_duplicated_example():
    # Reference: pandas documentation, DataFrame.duplicated, ramen example:
    # df.duplicated() -> [False, True, False, False, False] (1 duplicate row);
    # df.duplicated(subset=['brand']) -> [False, True, False, True, True] (3 repeated keys).
    df = pd.DataFrame({"brand": ["Yum Yum", "Yum Yum", "Indomie", "Indomie", "Indomie"],
                       "style": ["cup", "cup", "cup", "pack", "pack"],
                       "rating": [4, 4, 3.5, 15, 5]})
    out = health.duplicates({"ramen": df, "needs": df.rename(columns={"brand": "need_id"})}).set_index("table")
    assert out.loc["ramen", "duplicate_rows"] == 1 and out.loc["ramen", "key"] == ""
    assert out.loc["ramen", "duplicate_rows_pct"] == 20.0
    assert out.loc["needs", "key"] == "need_id" and out.loc["needs", "duplicate_keys"] == 3


def test_date_coverage_and_overview(tickets):
    cov = health.date_coverage({"tickets": tickets}).set_index("column")
    assert cov.loc["created_at", "min"] == T("2024-12-30 12:00") and cov.loc["created_at", "max"] == T("2025-12-25 11:00")
    assert cov.loc["created_at", "days"] == 361  # 2024-12-30 .. 2025-12-25 inclusive
    assert cov.loc["first_response_at", "n_missing"] == 1
    ov = health.tables_overview({"tickets": tickets}).set_index("table")
    assert len(ov) == 12 and ov["present"].sum() == 1
    assert ov.loc["tickets", "rows"] == 5 and ov.loc["tickets", "latest_date"] == T("2025-12-25 11:10")
    assert ov.loc["survey", "rows"] == 0 and ov.loc["survey", "used_by"] == "05_satisfaction"


def test_rule_violations_count_soft_problems(tickets):
    survey = pd.DataFrame({"respondent_id": ["S1", "S2", "S3"], "date": pd.to_datetime(["2025-02-01"] * 3),
                           "overall": [5.0, np.nan, 4.0], "nps": [9.0, 8.0, 7.0], "p01": [5.0, 6.0, np.nan]})
    actions = pd.DataFrame({"action_id": ["A1", "A2", "A3"], "owner": ["王", "", None],
                            "status": ["done", "open", "in_progress"], "due": pd.to_datetime(["2025-03-01", None, "2025-04-01"]),
                            "done_date": pd.to_datetime([None, None, None])})
    out = health.rule_violations({"tickets": tickets, "survey": survey, "actions": actions}, config=CONFIG, lang="en")
    got = {(r.table, r.rule): r.rows for r in out.itertuples()}
    assert got[("tickets", "no_first_response")] == 1
    assert got[("tickets", "open_ticket")] == 1
    assert got[("tickets", "response_after_resolution")] == 1  # T3: response a day after resolution
    assert got[("tickets", "no_contacts_or_fcr")] == 1  # T3 resolved, contacts blank
    assert got[("tickets", "after_as_of")] == 1 and got[("tickets", "outside_period")] == 1
    assert got[("survey", "survey_blank")] == 2
    assert got[("actions", "action_no_owner")] == 2 and got[("actions", "action_no_due")] == 1
    assert got[("actions", "done_without_date")] == 1
    row = out[(out["table"] == "tickets") & (out["rule"] == "open_ticket")].iloc[0]
    assert row["pct"] == 20.0 and row["examples"] == "T4"
    zh = health.rule_violations({"tickets": tickets}, config=CONFIG, lang="zh")
    assert zh.iloc[0]["description"] == "工单没有首次响应时间"


def test_argument_errors_use_the_sentence_pattern(tickets):
    with pytest.raises(DataValidationError, match=r"The value for `lang` must be one of \['zh', 'en'\], but 'fr' was passed"):
        health.rule_violations({"tickets": tickets}, lang="fr")
    with pytest.raises(DataValidationError, match=r"`tables` must be a mapping .* but DataFrame was passed. Fix"):
        health.completeness(tickets)


def test_flagged_rows_count_each_row_once(tickets):
    # T3 breaks two rules (response after resolution, no contacts): one row, two flags
    out = health.flagged_rows({"tickets": tickets}, config=CONFIG).set_index("table")
    flags = int(health.rule_violations({"tickets": tickets}, config=CONFIG)["rows"].sum())
    assert out.loc["tickets", "flags"] == flags and out.loc["tickets", "rows"] == 5
    assert out.loc["tickets", "flagged_rows"] < flags
    assert list(out.reset_index().columns) == ["table", "rows", "flagged_rows", "flags", "flagged_pct"]


def test_fixes_are_computed_and_escaped_by_the_page(tickets):
    dup = pd.concat([tickets, tickets.iloc[[0]]], ignore_index=True)
    dup.loc[1, "ticket_id"] = "<script>alert(1)</script>"
    tables = {"tickets": dup}
    fixes = health.findings(overview=health.tables_overview(tables), filled=health.completeness(tables),
                            violations=health.rule_violations(tables, config=CONFIG, lang="en"),
                            dups=health.duplicates(tables), config=CONFIG, lang="en", fixes=True)
    lines = fixes["sentence"].tolist()
    assert lines[0].startswith("To fix before the workshop") and lines[1].startswith("1. tickets: 1 row(s) repeat")
    assert any("tickets.channel 67 %" in line for line in lines)  # 4 of 6 filled
    assert lines[-1].split(". ", 1)[1].startswith("Missing tables:") and "05_satisfaction" in lines[-1]
    from sqmkit.safehtml import md_text  # report.show_findings shows every sentence as text

    assert "&lt;script&gt;" in " ".join(md_text(line) for line in lines)


def test_charts_draw_what_they_are_given(tickets, tmp_path):
    tables = {"tickets": tickets}
    filled = health.completeness(tables)
    ax = health.completeness_chart(filled, threshold=90, lang="zh")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "tickets.channel"  # least complete on top
    assert [round(p.get_width(), 1) for p in ax.patches][-1] == 60.0
    assert ax.get_title() == "填写率最低的列"
    plots.save_figure(ax, tmp_path / "c.png")
    cov = health.date_coverage(tables)
    ax = health.date_coverage_chart(cov, period=CONFIG["period"], as_of=CONFIG["as_of"], lang="en")
    assert ax.get_title() == "Date coverage per table" and len(ax.patches) == 3
    assert {t.get_text() for t in ax.get_legend().get_texts()} == {"Period", "status date as_of"}


def test_notebook_00_on_the_sample_tells_what_to_fix(sample_run):
    # docs/SAMPLE.md: ~2 % of tickets without first_response_at, ~4 % still open, 12 tables.
    from conftest import headlines, recorded_table

    results = headlines(sample_run, "00_data_health")
    assert results["tables_present"] == 12
    assert 1.0 <= results["tickets_no_first_response_pct"] <= 3.0
    assert 3.0 <= results["tickets_open_pct"] <= 5.0
    assert results["duplicate_keys"] == 0
    rules = recorded_table(sample_run, "00_data_health", "rule_checks")
    assert {"no_first_response", "open_ticket", "after_as_of"} <= set(rules.loc[rules["rows"] > 0, "rule"])
    page = (sample_run / "00_data_health.html").read_text(encoding="utf-8")
    assert "研讨会前要处理的事项" in page and "工单尚未解决" in page
    assert results["rule_violation_rows"] < results["rule_flags"]  # rows, not flags (3,900 rows, 4,659 flags)
    assert page.count("data:image/png;base64") >= 2
