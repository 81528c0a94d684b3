"""Tests of sqmkit.kpis: every KPI on a hand-built ticket log, as a DataFrame and as a file, targets, bad inputs.

Known values: the KPI definitions are those of DESIGN.md §6 (ART/FRT, AST/TAT, FCR, SLA attainment,
repeat rate); every expected number below was computed by hand from the eight tickets of
``hand_log`` and the working is written next to it. Percentiles: pandas/NumPy 'linear' =
Hyndman & Fan (1996) type 7 = R's ``quantile(type = 7)``, checked against R's documented example.
"""
from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kpi_oracle
from sqmkit import kpis
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import BLANK

SLA = {"P1": 4, "P2": 24, "P3": 72}


@pytest.fixture(params=["frame", "parquet", "held"])
def given(request, tmp_path):
    """The ticket log as the test builds it (a DataFrame), the same log written to a Parquet file, or held by
    the engine for many queries (kpis.TicketLog)."""
    def source(log: pd.DataFrame):
        if request.param == "frame":
            return log
        if request.param == "held":
            return kpis.TicketLog(log)
        path = tmp_path / "tickets.parquet"
        log.to_parquet(path)
        return path
    return source


def hand_log() -> pd.DataFrame:
    """Eight tickets; per ticket (FRT min / resolution h / FCR / SLA / esc / reo / repeat):

    T1 10 / 3 / 1 (contacts 1) / 3<=4 met / 0 / 0 / 0 (first C1 账单查询)
    T2 30 / 24 / 0 (contacts 2) / 24<=24 met (boundary) / 1 / 0 / 0
    T3 —(no first response) / 6 / 1 / 6>4 missed / 0 / 1 / 1: C1 账单查询 exactly 7 d after T1 (boundary inclusive)
    T4 5 / 48 / —(contacts blank) / 48<=72 met / 0 / 0 / 0: C1 but other category 网络故障
    T5 20 / —(open) / — / — / 0 / 0 / 0: C2 网络故障 7 d + 1 min after T2 (just outside the window)
    T6 60 / 72 (resolved 2 Feb: open at the end of January) / 0 / 72<=72 met / 1 / 1 / 0
    T7 40 / 5 / 1 / 5>4 missed / 0 / 0 / 1: C3 套餐变更 3 d 13 h after T6 (in the previous month)
    T8 15 / —(open) / — / — / blank escalated = not set / 0 / 0 (no customer_id)
    """
    rows = [
        ("T1", "2025-01-06 09:00", "2025-01-06 09:10", "2025-01-06 12:00", "电话", "账单查询", "华东组", "a1", "P1", 1, False, False, "C1"),
        ("T2", "2025-01-08 10:00", "2025-01-08 10:30", "2025-01-09 10:00", "电话", "网络故障", "华东组", "a1", "P2", 2, True, False, "C2"),
        ("T3", "2025-01-13 09:00", None, "2025-01-13 15:00", "在线客服", "账单查询", "华南组", "b1", "P1", 1, False, True, "C1"),
        ("T4", "2025-01-10 08:00", "2025-01-10 08:05", "2025-01-12 08:00", "在线客服", "网络故障", "华南组", "b2", "P3", None, False, False, "C1"),
        ("T5", "2025-01-15 10:01", "2025-01-15 10:21", None, "电话", "网络故障", "华东组", "a2", "P2", None, False, False, "C2"),
        ("T6", "2025-01-30 20:00", "2025-01-30 21:00", "2025-02-02 20:00", "电话", "套餐变更", "华东组", "a1", "P3", 3, True, True, "C3"),
        ("T7", "2025-02-03 09:00", "2025-02-03 09:40", "2025-02-03 14:00", "在线客服", "套餐变更", "华南组", "b1", "P1", 1, False, False, "C3"),
        ("T8", "2025-02-05 11:00", "2025-02-05 11:15", None, "电话", "账单查询", "华东组", "a2", "P2", None, None, False, None),
    ]
    df = pd.DataFrame(rows, columns=["ticket_id", "created_at", "first_response_at", "resolved_at", "channel",
                                     "category", "team", "agent_id", "priority", "contacts", "escalated",
                                     "reopened", "customer_id"])
    for col in ("created_at", "first_response_at", "resolved_at"):
        df[col] = pd.to_datetime(df[col])
    df["contacts"] = df["contacts"].astype("float64")
    for col in ("escalated", "reopened"):
        df[col] = df[col].astype("boolean")
    return df


def row(table: pd.DataFrame, **where) -> pd.Series:
    mask = np.ones(len(table), dtype=bool)
    for col, value in where.items():
        mask &= (table[col] == value).to_numpy()
    assert mask.sum() == 1, where
    return table[mask].iloc[0]


def check(actual: pd.Series, expected: dict) -> None:
    for key, value in expected.items():
        if isinstance(value, float) and np.isnan(value):
            assert np.isnan(actual[key]), key
        else:
            assert actual[key] == pytest.approx(value, abs=1e-9), key


# ------------------------------------------------------------------------------ hand-computed KPIs
WHOLE = {
    "tickets": 8, "resolved": 6, "open_at_period_end": 2,
    "frt_mean_min": 180 / 7,            # (10+30+5+20+60+40+15)/7, T3 has no first response
    "frt_median_min": 20.0,             # sorted 5 10 15 [20] 30 40 60
    "frt_p90_min": 48.0,                # h = 6*0.9 = 5.4 -> x6 + 0.4*(x7-x6) = 40 + 0.4*20
    "resolution_mean_h": 158 / 6,       # (3+24+6+48+72+5)/6; T5, T8 open
    "resolution_median_h": 15.0,        # sorted 3 5 [6 24] 48 72 -> (6+24)/2
    "fcr_pct": 60.0,                    # resolved with known contacts: T1 T2 T3 T6 T7 -> 1,0,1,0,1
    "sla_met_pct": 400 / 6,             # resolved T1 T2 T3 T4 T6 T7 -> 1,1,0,1,1,0
    "escalated_pct": 25.0,              # T2, T6 of 8 (T8 blank = not set)
    "reopened_pct": 25.0,               # T3, T6 of 8
    "repeat_pct": 25.0,                 # T3 (boundary), T7 (across months) of 8
}


def test_whole_log_by_hand(given):
    table = kpis.ticket_kpis(given(hand_log()), sla=SLA)
    assert len(table) == 1
    assert list(table.columns) == ["tickets"] + kpis.KPI_COLUMNS + ["resolved", "open_at_period_end"]
    check(table.iloc[0], WHOLE)


def test_by_month_by_hand(given):
    table = kpis.ticket_kpis(given(hand_log()), freq="MS", sla=SLA)
    assert table["period"].tolist() == [pd.Timestamp("2025-01-01"), pd.Timestamp("2025-02-01")]
    check(row(table, period=pd.Timestamp("2025-01-01")), {
        "tickets": 6, "resolved": 5,
        "open_at_period_end": 2,                 # T5 never resolved, T6 resolved on 2 Feb
        "frt_mean_min": 25.0,                    # (10+30+5+20+60)/5
        "frt_median_min": 20.0, "frt_p90_min": 48.0,  # 5 10 20 30 60: h = 3.6 -> 30 + 0.6*30
        "resolution_mean_h": 30.6,               # (3+24+6+48+72)/5 - T6 counts in its creation month
        "resolution_median_h": 24.0,
        "fcr_pct": 50.0,                         # T1 1, T2 0, T3 1, T6 0 (T4 contacts blank)
        "sla_met_pct": 80.0,                     # T1 T2 T4 T6 met, T3 missed
        "escalated_pct": 100 / 3, "reopened_pct": 100 / 3, "repeat_pct": 100 / 6})
    check(row(table, period=pd.Timestamp("2025-02-01")), {
        "tickets": 2, "resolved": 1, "open_at_period_end": 1,
        "frt_mean_min": 27.5, "frt_median_min": 27.5,
        "frt_p90_min": 37.5,                     # 15 40: h = 0.9 -> 15 + 0.9*25
        "resolution_mean_h": 5.0, "resolution_median_h": 5.0, "fcr_pct": 100.0, "sla_met_pct": 0.0,
        "escalated_pct": 0.0, "reopened_pct": 0.0,
        "repeat_pct": 50.0})                     # T7 repeats T6 of January: whole log before periods


def test_by_channel_by_hand(given):
    table = kpis.ticket_kpis(given(hand_log()), by="channel", sla=SLA)
    check(row(table, channel="电话"), {           # T1 T2 T5 T6 T8
        "tickets": 5, "frt_mean_min": 27.0, "frt_median_min": 20.0, "frt_p90_min": 48.0,
        "resolution_mean_h": 33.0, "resolution_median_h": 24.0, "fcr_pct": 100 / 3, "sla_met_pct": 100.0,
        "escalated_pct": 40.0, "reopened_pct": 20.0, "repeat_pct": 0.0, "open_at_period_end": 2})
    check(row(table, channel="在线客服"), {         # T3 T4 T7
        "tickets": 3, "frt_mean_min": 22.5, "frt_median_min": 22.5,
        "frt_p90_min": 36.5,                     # 5 40: 5 + 0.9*35
        "resolution_mean_h": 59 / 3, "resolution_median_h": 6.0, "fcr_pct": 100.0, "sla_met_pct": 100 / 3,
        "escalated_pct": 0.0, "reopened_pct": 100 / 3, "repeat_pct": 200 / 3, "open_at_period_end": 0})


def test_repeat_window_and_period_filter(given):
    # window 3 days: T3 (7 d) and T7 (3 d 13 h) are no longer repeats
    assert kpis.ticket_kpis(given(hand_log()), repeat_window_days=3)["repeat_pct"].iloc[0] == 0.0
    # window exactly 7 d + 1 min: T5 becomes a repeat of T2 as well
    wide = kpis.ticket_kpis(given(hand_log()), repeat_window_days=7 + 1 / 1440)
    assert wide["repeat_pct"].iloc[0] == pytest.approx(100 * 3 / 8)
    # February only: T7 is still a repeat of T6 (January), because repeats use the whole log
    feb = kpis.ticket_kpis(given(hand_log()), start="2025-02-01", end="2025-02-28")
    check(feb.iloc[0], {"tickets": 2, "repeat_pct": 50.0, "frt_mean_min": 27.5})
    # whole days, both included: 13 January alone holds T3
    day = kpis.ticket_kpis(given(hand_log()), start="2025-01-13", end="2025-01-13")
    check(day.iloc[0], {"tickets": 1, "repeat_pct": 100.0, "resolution_mean_h": 6.0})


def test_sla_one_number_and_none(given):
    # 24 h for all: T1 3, T2 24, T3 6, T7 5 met; T4 48, T6 72 missed -> 4/6
    assert kpis.ticket_kpis(given(hand_log()), sla=24)["sla_met_pct"].iloc[0] == pytest.approx(400 / 6)
    assert np.isnan(kpis.ticket_kpis(given(hand_log()))["sla_met_pct"].iloc[0])


def test_fcr_flag_column_and_missing_optional_columns(given):
    log = hand_log().drop(columns=["contacts", "customer_id"])
    log["fcr"] = pd.array([True, False, True, None, None, False, True, None], dtype="boolean")
    table = kpis.ticket_kpis(given(log))
    assert table["fcr_pct"].iloc[0] == pytest.approx(60.0)   # same answers as contacts == 1
    assert np.isnan(table["repeat_pct"].iloc[0])            # no customer_id: no repeat rate


def test_percentile_matches_r_type7_example():
    # R: quantile(1:9, probs = seq(0, 1, .1)) -> 90% = 8.2 (type 7, R's default), documented example in
    # the R language reference (TIBCO Enterprise Runtime for R, stats::quantile, Examples section).
    log = pd.DataFrame({"created_at": pd.Timestamp("2025-03-03 08:00"), "ticket_id": [f"T{i}" for i in range(1, 10)]})
    log["first_response_at"] = log["created_at"] + pd.to_timedelta(np.arange(1, 10), unit="min")
    table = kpis.ticket_kpis(log)
    assert table["frt_p90_min"].iloc[0] == pytest.approx(8.2)
    assert table["frt_median_min"].iloc[0] == pytest.approx(5.0)


def test_frames_and_files_match_the_pandas_oracle(tmp_path):
    # tests/kpi_oracle.py: the same definitions written by hand in pandas (the engine sqmkit had before DuckDB)
    log = hand_log()
    parquet, csv, xlsx = tmp_path / "tickets.parquet", tmp_path / "tickets.csv", tmp_path / "tickets.xlsx"
    log.to_parquet(parquet)
    log.to_csv(csv, index=False)
    log.to_excel(xlsx, index=False)
    held = kpis.TicketLog(log)
    for options in ({"by": "channel", "freq": "MS"}, {"by": ["team", "agent_id"]}, {"freq": "W"}, {},
                    {"start": "2025-01-10", "end": "2025-02-03", "freq": "D", "repeat_window_days": 3}):
        expected = kpi_oracle.ticket_kpis(log, sla=SLA, **options)
        for data in (log, parquet, csv, xlsx, held):
            got = kpis.ticket_kpis(data, sla=SLA, **options)
            pd.testing.assert_frame_equal(got, expected, check_dtype=False, rtol=1e-12)
    at = ["2025-01-15", "2025-02-01", "2025-02-10"]
    for data in (log, parquet, held):
        pd.testing.assert_frame_equal(kpis.backlog(data, at=at, by="channel", sla=SLA),
                                      kpi_oracle.backlog(log, at=at, by="channel", sla=SLA), check_dtype=False)


def test_sample_log_matches_the_pandas_oracle(tmp_path):
    # 20,000 generated tickets: ties, blanks, open tickets and repeats at scale, frame and Parquet file
    from sqmkit.sample import build_tickets

    log = build_tickets(20_000, seed=7)
    log.loc[log.index[::97], "customer_id"] = None
    log.loc[log.index[::89], "channel"] = " "
    log.loc[log.index[::83], "created_at"] = log["created_at"].iloc[0]   # many tickets at the same second
    log["resolved_at"] = log["resolved_at"].where(log["resolved_at"] >= log["created_at"])
    log["first_response_at"] = log["first_response_at"].where(log["first_response_at"] >= log["created_at"])
    path = tmp_path / "tickets.parquet"
    log.to_parquet(path)
    held = kpis.TicketLog(log)
    for options in ({"by": "channel", "freq": "MS"}, {"by": ["team", "priority"], "freq": "W"},
                    {"start": "2025-03-01", "end": "2025-06-30", "by": "category"}):
        expected = kpi_oracle.ticket_kpis(log, sla=SLA, **options)
        for data in (log, path, held):
            pd.testing.assert_frame_equal(kpis.ticket_kpis(data, sla=SLA, **options), expected,
                                          check_dtype=False, rtol=1e-9)


def test_a_held_log_is_a_snapshot_checked_once_with_each_window_flagged_once():
    log = hand_log()
    with kpis.TicketLog(log) as held:
        assert held.columns == list(log.columns)
        first = kpis.ticket_kpis(held, sla=SLA)
        log.loc[0, "channel"] = "邮件"                       # edits after the snapshot are not seen
        assert "邮件" not in set(kpis.ticket_kpis(held, by="channel")["channel"])
        for window in (7, 3, 7):
            pd.testing.assert_frame_equal(kpis.ticket_kpis(held, sla=SLA, repeat_window_days=window),
                                          kpi_oracle.ticket_kpis(hand_log(), sla=SLA, repeat_window_days=window),
                                          check_dtype=False, rtol=1e-12)
        assert sorted(held.source._flagged) == [3.0, 7.0]  # one flagged copy per window, reused
        pd.testing.assert_frame_equal(first, kpis.ticket_kpis(held, sla=SLA))
        folder = Path(held.source.temp_folder)
    assert not folder.exists()                              # freed when the block ends
    bad = hand_log()
    bad.loc[1, "resolved_at"] = pd.Timestamp("2025-01-01")
    with pytest.raises(DataValidationError, match="resolution is earlier than creation"):
        kpis.TicketLog(bad)                                 # checked when it is made, as a frame is


def test_file_with_chinese_headers_and_an_empty_log(tmp_path):
    zh = hand_log().rename(columns={"created_at": "创建时间", "first_response_at": "首次响应时间", "resolved_at": "解决时间",
                                    "channel": "渠道", "contacts": "接触次数", "priority": "优先级"})
    zh.to_csv(tmp_path / "工单.csv", index=False, encoding="utf-8")
    table = kpis.ticket_kpis(tmp_path / "工单.csv", by="channel", sla=SLA)
    assert table["frt_mean_min"].tolist() == [22.5, 27.0] and table["fcr_pct"].iloc[0] == 100.0
    empty = kpis.ticket_kpis(hand_log().iloc[:0])
    assert empty["tickets"].tolist() == [0] and np.isnan(empty["frt_median_min"].iloc[0])
    assert kpis.backlog(hand_log().iloc[:0], at="2025-01-01")["open_tickets"].tolist() == [0]


def test_weekly_periods_start_on_monday():
    table = kpis.ticket_kpis(hand_log(), freq="W")
    # T1 Mon 6 Jan; T2 Wed 8, T4 Fri 10 -> week of 6 Jan; T3 Mon 13, T5 Wed 15 -> 13 Jan; T6 Thu 30 -> 27 Jan
    assert table["period"].dt.strftime("%Y-%m-%d").tolist() == ["2025-01-06", "2025-01-13", "2025-01-27", "2025-02-03"]
    assert table["tickets"].tolist() == [3, 2, 1, 2]


def test_blank_group_values_are_one_group_coded_blank(given):
    # 2,157 unassigned incidents of a real log crashed a chart: blanks are the group labels.BLANK, shown last
    log = hand_log()
    log.loc[7, "channel"] = None
    log.loc[6, "channel"] = "  "               # spaces only: the same blank group
    log["team"] = log["team"].astype("string")
    log.loc[[0, 1], "team"] = pd.NA
    table = kpis.ticket_kpis(given(log), by="channel")
    assert table["channel"].tolist() == ["在线客服", "电话", BLANK] and table["tickets"].tolist() == [2, 4, 2]
    assert table["channel"].notna().all()
    teams = kpis.ticket_kpis(given(log), by=["team", "agent_id"], freq="MS")
    blank = teams[teams["team"] == BLANK]
    assert blank["agent_id"].tolist() == ["a1"] and blank["tickets"].tolist() == [2]   # T1, T2 (January)
    open_now = kpis.backlog(given(log), at="2025-02-10", by="channel")
    assert open_now["channel"].tolist() == ["电话", BLANK]                              # T5 电话, T8 blank


# ------------------------------------------------------------------------------ backlog, coverage
def test_backlog_by_hand(given):
    table = kpis.backlog(given(hand_log()), at=["2025-02-01", "2025-02-10"], sla=SLA)
    feb1, feb10 = table.iloc[0], table.iloc[1]
    # 1 Feb 00:00: T5 (created 15 Jan 10:01 -> 16 d 13 h 59 min = 397.98333 h, P2 24 h: over SLA) and
    # T6 (30 Jan 20:00 -> 28 h, P3 72 h: within). T8 not created yet, T7 not yet.
    age5 = 16 * 24 + 13 + 59 / 60
    check(feb1, {"open_tickets": 2, "age_mean_h": (age5 + 28) / 2, "age_max_h": age5,
                 "age_p90_h": 28 + 0.9 * (age5 - 28), "over_sla": 1, "over_sla_pct": 50.0})
    # 10 Feb: T6 resolved 2 Feb; T5 (age5 + 9 d) and T8 (5 Feb 11:00 -> 4 d 13 h = 109 h), both over 24 h
    check(feb10, {"open_tickets": 2, "age_mean_h": (age5 + 216 + 109) / 2, "over_sla": 2})


def test_backlog_by_team_and_empty_instant():
    table = kpis.backlog(hand_log(), at="2025-02-10", by="team")
    assert table["team"].tolist() == ["华东组"] and table["open_tickets"].tolist() == [2]
    assert np.isnan(table["over_sla"].iloc[0])          # no SLA given
    empty = kpis.backlog(hand_log(), at="2024-12-31")
    assert empty["open_tickets"].tolist() == [0]


def test_coverage_counts_exclusions(given):
    table = kpis.coverage(given(hand_log())).set_index("statistic")
    assert table.loc["frt", "excluded"] == 1            # T3
    assert table.loc["resolution", "excluded"] == 2     # T5, T8 open
    assert table.loc["fcr", "excluded"] == 3            # T5, T8 open; T4 contacts blank
    assert table.loc["repeat", "excluded_pct"] == pytest.approx(12.5)  # T8 no customer


# ------------------------------------------------------------------------------ bad inputs
def test_first_response_before_creation(given):
    log = hand_log()
    log.loc[1, "first_response_at"] = pd.Timestamp("2025-01-08 09:00")
    with pytest.raises(DataValidationError, match=r"'first_response_at': first response is earlier than creation "
                                                  r"in 1 ticket.*T2.*Fix"):
        kpis.ticket_kpis(given(log))


def test_resolution_before_creation_and_negative_contacts_together(given):
    log = hand_log()
    log.loc[0, "resolved_at"] = pd.Timestamp("2025-01-05")
    log.loc[2, "contacts"] = -1
    with pytest.raises(DataValidationError, match=r"2 problems") as info:
        kpis.ticket_kpis(given(log))
    text = str(info.value)
    assert "resolution is earlier than creation" in text and "T1" in text
    assert "contacts is negative" in text and "T3" in text
    assert len(info.value.problems) == 2


def test_bad_inputs_in_a_file(tmp_path):
    log = hand_log()
    log.loc[3, "contacts"] = -2
    path = tmp_path / "bad.parquet"
    log.to_parquet(path)
    with pytest.raises(DataValidationError, match=r"'contacts': number of contacts is negative.*T4"):
        kpis.ticket_kpis(path)


def test_priority_missing_from_sla_map(given):
    with pytest.raises(DataValidationError, match=r"priority \['P3'\] \(2 tickets\) is missing from the SLA map"):
        kpis.ticket_kpis(given(hand_log()), sla={"P1": 4, "P2": 24})


def test_argument_errors():
    with pytest.raises(DataValidationError, match=r"The value for `freq` must be one of \['h', 'D', 'W'.*but 'X' was passed"):
        kpis.ticket_kpis(hand_log(), freq="X")
    with pytest.raises(DataValidationError, match=r"The value for `sla` must be a positive number"):
        kpis.ticket_kpis(hand_log(), sla=-1)
    with pytest.raises(DataValidationError, match=r"no column \['shift'\] needed for the grouping"):
        kpis.ticket_kpis(hand_log(), by="shift")
    with pytest.raises(DataValidationError, match=r"no column \['created_at'\]"):
        kpis.ticket_kpis(hand_log().drop(columns="created_at"))
    with pytest.raises(DataValidationError, match=r"'created_at': values are not dates/times.*T2"):
        kpis.ticket_kpis(hand_log().astype({"created_at": "string"}).assign(
            created_at=lambda d: d["created_at"].where(d.index != 1, "next tuesday")))


# ------------------------------------------------------------------------------ targets
TARGETS = pd.DataFrame({"kpi": ["frt_median_min", "fcr_pct", "sla_met_pct", "nps"],
                        "target": [21.0, 75.0, 90.0, 20.0], "direction": ["lower", "higher", "higher", "higher"],
                        "weight": [0.5, 0.25, 0.25, 0.0]})


def test_kpi_status_bands():
    values = pd.DataFrame({"period": [1, 2, 3, 4], "frt_median_min": [21.0, 22.0, 22.05, np.nan],
                           "fcr_pct": [80.0, 71.25, 71.0, 75.0]})
    table = kpis.kpi_status(values, TARGETS).set_index(["kpi", "period"])
    # lower, target 21, amber up to 21*1.05 = 22.05 (inclusive); higher, target 75, amber down to 71.25
    assert table.loc["frt_median_min", "status"].tolist()[:3] == ["green", "amber", "amber"]
    assert pd.isna(table.loc[("frt_median_min", 4), "status"])
    assert table.loc["fcr_pct", "status"].tolist() == ["green", "amber", "red", "green"]
    assert table.loc[("fcr_pct", 1), "gap"] == 5.0
    assert table.loc[("frt_median_min", 2), "attainment_pct"] == pytest.approx(100 * 21 / 22)
    with pytest.raises(DataValidationError, match=r"'direction': KPI \['fcr_pct'\] has direction \['up'\]"):
        kpis.kpi_status(values, TARGETS.assign(direction=["lower", "up", "higher", "higher"]))


def test_kpi_status_long_values():
    long = pd.DataFrame({"period": ["2025-01", "2025-01"], "kpi": ["nps", "other"], "value": [15.0, 3.0]})
    table = kpis.kpi_status(long, TARGETS)
    assert table["kpi"].tolist() == ["nps"] and table["status"].tolist() == ["red"]  # 15 < 20*0.95


def test_composite_score_by_hand():
    months = kpis.ticket_kpis(hand_log(), freq="MS", sla=SLA)
    table = kpis.composite_score(months, TARGETS)
    # Jan: frt 20 <= 21 -> Q 1 (capped); fcr 50/75; sla 80/90 -> 100*(0.5 + 0.25*2/3 + 0.25*8/9)
    # Feb: frt 21/27.5; fcr 100/75 capped 1; sla 0/90 -> 100*(0.5*21/27.5 + 0.25)
    assert table["score"].tolist() == pytest.approx([100 * (0.5 + 0.25 * 2 / 3 + 0.25 * 8 / 9),
                                                     100 * (0.5 * 21 / 27.5 + 0.25)])
    assert list(table.columns) == ["period", "partial", "score", "q_frt_median_min", "q_fcr_pct", "q_sla_met_pct"]


def test_composite_score_weights_validated():
    months = kpis.ticket_kpis(hand_log(), freq="MS", sla=SLA)
    with pytest.warns(UserWarning, match=r"kpi_targets sum to 0.75, not 1; they were rescaled"):
        off = kpis.composite_score(months, TARGETS.assign(weight=[0.5, 0, 0.25, 0]))
    two = kpis.composite_score(months, TARGETS, kpis=["frt_median_min", "sla_met_pct"])  # chosen subset
    # Jan: (0.5*1 + 0.25*8/9)/0.75
    assert two["score"].iloc[0] == pytest.approx(100 * (0.5 + 0.25 * 8 / 9) / 0.75)
    assert off["score"].tolist() == pytest.approx(two["score"].tolist())
    with pytest.raises(DataValidationError, match=r"unknown KPI \['aht'\]"):
        kpis.composite_score(months, TARGETS, kpis=["aht"])
    with pytest.raises(DataValidationError, match=r"'weight': KPI \['fcr_pct'\] has weight \[-0.25\]"):
        kpis.composite_score(months, TARGETS.assign(weight=[0.5, -0.25, 0.25, 0]))
    with pytest.raises(DataValidationError, match=r"KPI \['nps'\] has a weight in kpi_targets but no values"):
        kpis.composite_score(months, TARGETS.assign(weight=[0.4, 0.2, 0.2, 0.2]))
    with pytest.raises(DataValidationError, match=r"no column \['weight'\]"):
        kpis.composite_score(months, TARGETS.drop(columns="weight"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kpis.composite_score(months, TARGETS)   # weights sum to 1: no warning


def test_cascade_by_hand():
    table = kpis.kpi_cascade(hand_log(), kpi="frt_median_min", levels=["team", "agent_id"], targets=TARGETS)
    centre = table[table["level"] == "centre"].iloc[0]
    assert centre["value"] == 20.0 and centre["status"] == "green"
    teams = table[table["level"] == "team"]
    # 华南组: T4 5, T7 40 (T3 none) -> 22.5, worse; 华东组: 10 30 20 60 15 -> 20
    assert teams["unit"].tolist() == ["华南组", "华东组"]          # worst first
    assert teams["deviation"].tolist() == [2.5, 0.0]
    assert teams["worse_than_centre"].tolist() == [True, False]
    b1 = row(table, unit="b1")                                   # T7 40 only
    assert b1["value"] == 40.0 and b1["parent"] == "华南组" and b1["parent_value"] == 22.5


def test_before_after_equals_the_two_months():
    table = kpis.before_after(hand_log(), split="2025-02-01", sla=SLA)
    months = kpis.ticket_kpis(hand_log(), freq="MS", sla=SLA)
    assert table["part"].tolist() == ["before", "after"]
    assert table["end"].iloc[0] == pd.Timestamp("2025-01-31") and table["start"].iloc[1] == pd.Timestamp("2025-02-01")
    pd.testing.assert_frame_equal(table[kpis.KPI_COLUMNS], months[kpis.KPI_COLUMNS])
    halves = kpis.before_after(hand_log(), start="2025-01-01", end="2025-12-31")   # middle 2 Jul -> 1 Jul
    assert halves["start"].tolist() == [pd.Timestamp("2025-01-01"), pd.Timestamp("2025-07-01")]
    # no split and no period: the month start nearest the middle of the log (6 Jan - 5 Feb: 21 Jan -> 1 Feb)
    assert kpis.before_after(hand_log())["start"].tolist() == [pd.Timestamp("2025-01-06"), pd.Timestamp("2025-02-01")]
    with pytest.raises(DataValidationError, match=r"The value for `split` must be a date"):
        kpis.before_after(hand_log().iloc[:0])


def test_repeat_ties_broken_by_ticket_id(given):
    # C9 opens two 账单查询 tickets at the same second; row order is T2, T1 but ids order T1 first,
    # so T2 is the repeat (in 在线客服), not T1 (in 电话) - in a frame and in a file alike.
    log = pd.DataFrame({"ticket_id": ["T2", "T1"], "created_at": pd.Timestamp("2025-03-03 08:00"),
                        "channel": ["在线客服", "电话"], "category": "账单查询", "customer_id": "C9"})
    table = kpis.ticket_kpis(given(log), by="channel").set_index("channel")
    assert table.loc["在线客服", "repeat_pct"] == 100.0 and table.loc["电话", "repeat_pct"] == 0.0


def test_period_change():
    months = kpis.ticket_kpis(hand_log(), freq="MS", by="channel")
    table = kpis.period_change(months, kpis=["tickets"], by="channel")
    phone = table[table["channel"] == "电话"]
    # 电话: January T1 T2 T5 T6 = 4, February T8 = 1 -> change -3, -75 %
    assert phone["value"].tolist() == [4, 1]
    assert phone["change"].iloc[1] == -3 and phone["change_pct"].iloc[1] == pytest.approx(-75.0)
    assert np.isnan(phone["previous"].iloc[0])


# ------------------------------------------------------------------------------ charts and widget
def test_charts_draw_the_tables():
    from matplotlib.colors import to_hex


    months = kpis.ticket_kpis(hand_log(), freq="MS", sla=SLA)
    ax = kpis.kpi_trend_chart(months, kpi="frt_median_min", target=21, lang="en")
    assert ax.lines[0].get_ydata().tolist() == [20.0, 27.5]
    assert any(line.get_label() == "Target 21" for line in ax.lines)
    status = kpis.kpi_status(months, TARGETS)
    ax = kpis.rag_heatmap(status, lang="zh")
    grid = ax.images[0].get_array()
    assert to_hex(grid[0, 0]) == "#4caf50" and to_hex(grid[1, 0]) == "#e53935"   # FRT Jan green, Feb red
    # the log runs 6 Jan - 5 Feb: both months are partial, and named so
    assert [t.get_text() for t in ax.get_yticklabels()] == ["2025-01（不完整）", "2025-02（不完整）"]
    cascade = kpis.kpi_cascade(hand_log(), kpi="frt_median_min", levels=["team"], targets=TARGETS)
    ax = kpis.cascade_chart(cascade, lang="zh")
    widths = sorted(p.get_width() for p in ax.patches)
    assert widths == [0.0, 2.5]                                                   # 华东组 0, 华南组 +2.5
    assert "首次响应时间中位数" in ax.get_title()
    scores = kpis.composite_score(months, TARGETS)
    ax = kpis.composite_chart(scores, lang="en")
    assert ax.lines[0].get_ydata().tolist() == pytest.approx(scores["score"].tolist())


def test_kpi_explorer_batch_and_table():
    from sqmkit.kpis.widgets import explore_table, kpi_explorer

    ax = kpi_explorer(hand_log(), targets=TARGETS, kpi="fcr_pct", by="team", freq="MS", interactive=False, sla=SLA)
    assert sorted(line.get_label() for line in ax.lines if not line.get_label().startswith("目标")) == ["华东组", "华南组"]
    table, target, direction = explore_table(hand_log(), kpi="fcr_pct", by=None, freq="W", targets=TARGETS)
    assert len(table) == 4 and target == 75.0 and direction == "higher"
    with pytest.raises(DataValidationError, match=r"The value for `by` must be one of \[None, 'channel'"):
        kpi_explorer(hand_log(), by="shift", interactive=False)


def test_kpi_explorer_live_builds_widgets(monkeypatch):
    import ipywidgets

    from sqmkit.kpis import widgets as ui_kpis

    monkeypatch.setattr(ui_kpis, "is_live", lambda interactive: True)
    box = ui_kpis.kpi_explorer(hand_log(), targets=TARGETS, by="channel", freq="MS", sla=SLA)
    assert isinstance(box, ipywidgets.VBox)
    pick_kpi, pick_by, pick_freq = box.children[0].children
    assert pick_kpi.value == "frt_median_min" and pick_by.value == "channel" and pick_freq.value == "MS"
    assert ("华南组" not in [o[0] for o in pick_by.options]) and ("班组", "team") in pick_by.options
    pick_by.value, pick_freq.value = "team", "W"      # redraws without error


def test_kpi_control_chart_phase_split():
    # I chart (Montgomery, Introduction to Statistical Quality Control, 6th ed., section 6.4):
    # phase I = first 4 months 10 12 11 13 -> mean 11.5, MR-bar = (2+1+2)/3, sigma = MR-bar/1.128,
    # UCL = 11.5 + 3 * (5/3)/1.128 = 15.933; month 5 (30) lies beyond it -> rule 1.
    table = pd.DataFrame({"period": pd.date_range("2025-01-01", periods=5, freq="MS"),
                          "frt_median_min": [10.0, 12.0, 11.0, 13.0, 30.0]})
    chart = kpis.kpi_control_chart(table, kpi="frt_median_min", phase1=4)
    assert chart["period"].tolist() == table["period"].tolist()
    assert chart["center"].iloc[0] == pytest.approx(11.5)
    assert chart["ucl"].iloc[0] == pytest.approx(11.5 + 3 * (5 / 3) / 1.128)
    assert chart["phase"].tolist() == ["I"] * 4 + ["II"] and chart["rule"].iloc[4] == 1


# ------------------------------------------------------------------------------ real logs (issue 10)
# Each case was seen on a real ticket log that `sqmkit validate` accepted; the expected numbers are
# worked by hand from hand_log as above.
def test_blank_priority_has_no_sla_and_is_counted(given):
    log = hand_log()
    log["priority"] = log["priority"].astype("string")
    log.loc[[0, 4], "priority"] = pd.NA        # T1 (resolved in 3 h) and T5 (open) without priority
    table = kpis.ticket_kpis(given(log), sla=SLA)
    # resolved with an SLA: T2 met, T3 missed, T4 met, T6 met, T7 missed -> 3 of 5 (T1 has no SLA)
    assert table["sla_met_pct"].iloc[0] == pytest.approx(60.0)
    by_priority = kpis.ticket_kpis(given(log), by="priority", sla=SLA).set_index("priority")
    assert by_priority.index.tolist() == ["P1", "P2", "P3", BLANK]
    assert by_priority.loc[BLANK, "tickets"] == 2 and np.isnan(by_priority.loc[BLANK, "sla_met_pct"])
    cover = kpis.coverage(given(log), sla=SLA).set_index("statistic")
    assert cover.loc["sla", "used"] == 5 and cover.loc["sla", "excluded"] == 3
    assert cover.loc["sla", "reason"] == ("no resolved_at: still open (see backlog) (2); "
                                          "priority blank: no SLA hours for it (left out of SLA attainment) (1)")
    # backlog 1 Feb: T5 (no SLA: neither over nor within) and T6 (28 h of 72); 10 Feb: T5 and T8 (109 h of 24)
    open_at = kpis.backlog(given(log), at=["2025-02-01", "2025-02-10"], sla=SLA)
    assert open_at["over_sla"].tolist() == [0.0, 1.0] and open_at["over_sla_pct"].tolist() == [0.0, 100.0]
    assert kpis.sla_problems(given(log), sla=SLA) == []


def test_priority_map_without_a_priority_column(given):
    log = hand_log().drop(columns="priority")
    assert np.isnan(kpis.ticket_kpis(given(log), sla=SLA)["sla_met_pct"].iloc[0])
    cover = kpis.coverage(given(log), sla=SLA).set_index("statistic")
    assert cover.loc["sla", "used"] == 0 and "no priority column" in cover.loc["sla", "reason"]


def test_unknown_priority_is_still_an_error_and_reported_for_validate():
    problems = kpis.sla_problems(hand_log(), sla={"P1": 4, "P2": 24})
    assert len(problems) == 1
    with pytest.raises(DataValidationError, match=r"priority \['P3'\] \(2 tickets\) is missing from the SLA map.*"
                                                  r"a blank priority is allowed"):
        raise problems[0]


def test_sla_as_one_number(given):
    # resolution hours 3, 24, 6, 48, 72, 5: all within 168 h; within 24 h: T1 T2 (boundary) T3 T7 = 4 of 6
    assert kpis.ticket_kpis(given(hand_log()), sla=168)["sla_met_pct"].iloc[0] == 100.0
    assert kpis.ticket_kpis(given(hand_log()), sla=24)["sla_met_pct"].iloc[0] == pytest.approx(400 / 6)
    assert kpis.coverage(given(hand_log()), sla=24).set_index("statistic").loc["sla", "used"] == 6


def due_log() -> pd.DataFrame:
    log = hand_log()
    due = {0: "2025-01-06 11:00", 2: "2025-01-14 00:00", 4: "2025-01-20 00:00", 5: "2025-02-01 00:00",
           7: "2025-03-01 00:00"}
    log["due_at"] = pd.to_datetime(pd.Series(due).reindex(log.index))
    return log


def test_due_at_is_the_deadline_and_wins_over_sla_hours(given):
    log = due_log()
    # sla_met = resolved_at <= due_at where there is one: T1 missed (12:00 > 11:00, although 3 h <= P1 4 h),
    # T3 met (although 6 h > P1 4 h), T6 missed (2 Feb > 1 Feb); the others by priority: T2 met, T4 met,
    # T7 missed (5 h > 4 h) -> 3 of 6
    assert kpis.ticket_kpis(given(log), sla=SLA)["sla_met_pct"].iloc[0] == pytest.approx(50.0)
    # without sla_hours only the tickets with a due_at have an SLA: T1 missed, T3 met, T6 missed -> 1 of 3
    assert kpis.ticket_kpis(given(log))["sla_met_pct"].iloc[0] == pytest.approx(100 / 3)
    cover = kpis.coverage(given(log)).set_index("statistic")
    assert cover.loc["sla", "used"] == 3
    # backlog 10 Feb: T5 past its due_at (20 Jan), T8 not yet (1 Mar)
    open_at = kpis.backlog(given(log), at="2025-02-10")
    assert open_at["over_sla"].tolist() == [1.0] and open_at["over_sla_pct"].tolist() == [50.0]


def test_partial_first_and_last_periods_are_marked(given):
    # the log runs Mon 6 Jan 09:00 - Wed 5 Feb 11:00: January and February are partial; of the weeks
    # only the last (Mon 3 - Sun 9 Feb) is, the first starts on the log's first day
    months = kpis.ticket_kpis(given(hand_log()), freq="MS")
    assert months["partial"].tolist() == [True, True]
    weeks = kpis.ticket_kpis(given(hand_log()), freq="W")
    assert weeks["partial"].tolist() == [False, False, False, True]
    # a log from the 17th: only its first month is partial (the last ticket is on 31 March)
    log = pd.DataFrame({"ticket_id": ["A", "B", "C", "D"],
                        "created_at": pd.to_datetime(["2025-01-17 08:00", "2025-02-10 09:00", "2025-03-14 10:00",
                                                      "2025-03-31 23:00"])})
    assert kpis.ticket_kpis(given(log), freq="MS")["partial"].tolist() == [True, False, False]
    by_id = kpis.ticket_kpis(given(log), freq="MS", by="ticket_id")
    assert by_id["partial"].tolist() == [True, False, False, False]     # the log's window, not each group's
    # cut mid-month by `end` (an extract taken on the 15th): the last ticket is on the 14th, March is partial
    assert kpis.ticket_kpis(given(log), freq="MS", end="2025-03-15")["partial"].tolist() == [True, False, True]
    assert "partial" not in kpis.ticket_kpis(log).columns


def test_kpi_support_and_the_kpi_followed():
    log = hand_log().drop(columns="first_response_at")
    support = kpis.kpi_support(log, sla=SLA).set_index("kpi")
    assert not support.loc["frt_median_min", "supported"]
    assert support.loc["frt_median_min", "missing"] == "first_response_at"
    assert support.loc["resolution_median_h", "supported"] and support.loc["sla_met_pct", "supported"]
    pick = kpis.follow_kpi(support.reset_index(), "frt_median_min", lang="en").iloc[0]
    assert pick["kpi"] == "resolution_median_h" and pick["fallback"]
    assert pick["note"] == ("Median first response (min) cannot be computed from this ticket log (it needs the column "
                            "first_response_at); the sections that follow one KPI use Median resolution time (h) "
                            "instead.")
    zh = kpis.follow_kpi(support.reset_index(), "frt_median_min", lang="zh").iloc[0]["note"]
    assert zh.startswith("本工单记录无法计算首次响应时间中位数（分钟）（需要 first_response_at 列）")
    assert kpis.follow_kpi(support.reset_index(), "fcr_pct").iloc[0]["note"] == ""
    bare = hand_log()[["ticket_id", "created_at"]]
    none = kpis.follow_kpi(kpis.kpi_support(bare), "frt_median_min", lang="en").iloc[0]
    assert none["kpi"] is None and "neither can any other KPI" in none["note"]
    no_sla = kpis.kpi_support(hand_log()).set_index("kpi")
    assert no_sla.loc["sla_met_pct", "missing"] == "sla"


def lone_team_log() -> pd.DataFrame:
    log = hand_log()
    lone = pd.DataFrame({"ticket_id": ["T9"], "created_at": pd.to_datetime(["2025-01-20 09:00"]),
                         "first_response_at": pd.to_datetime(["2025-01-20 14:00"]), "team": ["孤单组"]})
    return pd.concat([log, lone], ignore_index=True)


def test_a_one_ticket_team_is_not_named_lagging():
    # FRT 5 10 15 20 30 40 60 300 -> centre median 25; 华东组 10 30 20 60 15 -> 20; 华南组 5 40 -> 22.5;
    # 孤单组 (1 ticket) 300. With a minimum of 1 ticket the lone team "lags"; with 2 nobody does.
    log = lone_team_log()
    loose = kpis.kpi_cascade(log, kpi="frt_median_min", levels=["team"], min_tickets=1)
    assert kpis.lagging_unit(loose, min_tickets=1).iloc[0]["unit"] == "孤单组"
    cascade = kpis.kpi_cascade(log, kpi="frt_median_min", levels=["team"], min_tickets=2)
    teams = cascade[cascade["level"] == "team"]
    assert teams["unit"].tolist() == ["华南组", "华东组", "孤单组"] and teams["ranked"].tolist() == [True, True, False]
    lag = kpis.lagging_unit(cascade, min_tickets=2, lang="en").iloc[0]
    assert lag["unit"] is None and lag["reason"] == "none_worse" and lag["small"] == 1
    assert lag["note"] == ("No Team with at least 2 tickets is worse than the centre on Median first response (min): "
                           "none lags.")
    # the sample's rule: 华南组 lags when it is the worst ranked team and worse than the centre
    plain = kpis.kpi_cascade(hand_log(), kpi="frt_median_min", levels=["team"], min_tickets=2)
    lag = kpis.lagging_unit(plain, min_tickets=2).iloc[0]
    assert lag["unit"] == "华南组" and lag["value"] == 22.5 and lag["ratio"] == pytest.approx(22.5 / 20)
    assert kpis.lagging_unit(plain, min_tickets=5).iloc[0]["reason"] == "too_small"     # 华南组 has 3 tickets
    one = kpis.kpi_cascade(hand_log().assign(team="A组"), kpi="frt_median_min", levels=["team"])
    assert kpis.lagging_unit(one).iloc[0]["reason"] == "one_unit"
    with pytest.raises(DataValidationError, match=r"The value for `min_tickets` must be a whole number >= 1"):
        kpis.kpi_cascade(log, kpi="frt_median_min", min_tickets=0)


def test_weakest_agents_and_weakest_channel():
    cascade = kpis.kpi_cascade(hand_log(), kpi="frt_median_min", levels=["team", "agent_id"], min_tickets=1)
    # agents worst first: b1 40, a1 30, a2 17.5, b2 5; the weakest 3 hold two of 华东组 -> 66.7 % >= 60 %
    three = kpis.weakest_units(cascade, level="agent_id", top=3, min_tickets=1).iloc[0]
    assert three["parent"] == "华东组" and three["n_parent"] == 2 and bool(three["concentrated"])
    two = kpis.weakest_units(cascade, level="agent_id", top=2, min_tickets=1).iloc[0]
    assert two["note"].startswith("Fewer than three")
    channels = kpis.ticket_kpis(hand_log(), by="channel")
    # 电话 10 30 20 60 15 -> 20 (5 tickets); 在线客服 5 40 -> 22.5 (3 tickets)
    ranked = kpis.rank_groups(channels, kpi="frt_median_min", by="channel", min_tickets=3).iloc[0]
    assert (ranked["worst"], ranked["worst_value"], ranked["best"]) == ("在线客服", 22.5, "电话")
    few = kpis.rank_groups(channels, kpi="frt_median_min", by="channel", min_tickets=4, lang="zh").iloc[0]
    assert few["worst"] is None and few["note"].startswith("有至少 4 张工单")


def test_levels_score_chart_and_backlog_say_what_is_missing():
    halves = kpis.before_after(hand_log(), split="2025-03-01", sla=SLA)        # nothing after 1 March
    status = kpis.kpi_status(halves.drop(columns=["start", "end"]), TARGETS)
    level = kpis.level_summary(halves, status, kpi="frt_median_min", lang="en").iloc[0]
    assert not level["comparable"] and level["before"] == 20.0 and level["status_before"] == "green"
    assert level["note"].startswith("No Median first response (min) from 2025-03-01 on (0 tickets after the split)")
    heads = kpis.level_headlines(kpis.level_summary(halves, status, kpi="frt_median_min"))
    assert heads["key"].tolist() == ["frt_median_min_before", "frt_median_min_target", "frt_median_min_before_status"]
    support = kpis.kpi_support(hand_log().drop(columns="first_response_at"), sla=SLA)
    plan = kpis.score_plan(TARGETS, support)
    assert plan["kpi"].tolist() == ["frt_median_min", "fcr_pct", "sla_met_pct"]
    assert plan["used"].tolist() == [False, True, True]
    assert kpis.score_note(TARGETS, plan, lang="en") == (
        "Left out of the composite score (no values in this ticket log): Median first response (min).")
    assert kpis.score_note(TARGETS.drop(columns="weight"), plan, lang="en").startswith("`kpi_targets` has no `weight`")
    scores = kpis.composite_score(halves.drop(columns=["start", "end"]), TARGETS, kpis=["frt_median_min", "fcr_pct"])
    summary = kpis.score_summary(scores, lang="en").iloc[0]
    assert not summary["comparable"] and summary["weakest_after"] is None and summary["note"]
    weekly = kpis.ticket_kpis(hand_log(), freq="W")
    ready = kpis.chart_readiness(weekly, kpi="frt_median_min", split="2025-01-27", lang="en").iloc[0]
    assert (ready["n_before"], ready["n_after"], bool(ready["ready"])) == (2, 2, False)
    assert ready["note"].startswith("A control chart needs at least 8 weeks")
    assert kpis.chart_readiness(weekly, kpi="frt_median_min", split="2025-01-27", min_before=2).iloc[0]["ready"]
    open_at = kpis.backlog(hand_log(), at=["2024-12-31", "2025-02-10"])
    assert kpis.backlog_note(open_at.iloc[:1], lang="en") == "At 2024-12-31: no ticket is open."
    # median of (16 d 14 h + 9 d) and 4 d 13 h = 361.5 h = 15 days
    assert kpis.backlog_note(open_at, lang="en").startswith("At 2025-02-10: 2 tickets open, median age 15 days —")
    with_sla = kpis.backlog(hand_log(), at="2025-02-10", sla=SLA)     # T5 and T8 (P2, 24 h) both past it
    assert "2 already past their SLA" in kpis.backlog_note(with_sla, lang="en")


def test_sla_text_for_every_rule_the_docs_allow():
    assert kpis.sla_text(168.0, lang="en") == "SLA: 168 h for every ticket"
    assert kpis.sla_text({"P1": 4.0, "P2": 24.0}, lang="en") == "SLA hours: P1 4 h, P2 24 h"
    assert kpis.sla_text(None, lang="zh").startswith("未设置 SLA")
    assert kpis.sla_text(None, due_log(), lang="en") == "SLA: each ticket's due_at; tickets without one: no SLA"


def test_charts_never_get_nan_limits_or_non_text_labels():

    log = hand_log()
    log["team"] = log["team"].astype(object)
    log.loc[[0, 1, 4], "team"] = np.nan
    cascade = kpis.kpi_cascade(log, kpi="frt_median_min", levels=["team"], min_tickets=1)
    ax = kpis.cascade_chart(cascade, lang="zh")                    # crashed: 'value' must be an instance of str
    assert "(未填写)" in [t.get_text() for t in ax.get_yticklabels()]
    cascade.loc[cascade["level"] == "team", "unit"] = np.nan       # even a raw NaN unit is drawn as blank
    kpis.cascade_chart(cascade, lang="en")
    empty = kpis.kpi_cascade(log.drop(columns="first_response_at"), kpi="frt_median_min", levels=["team"])
    ax = kpis.cascade_chart(empty, lang="en")                      # crashed: Axis limits cannot be NaN or Inf
    assert all(np.isfinite(ax.get_xlim()))
    months = kpis.ticket_kpis(log.drop(columns="first_response_at"), freq="MS")
    ax = kpis.kpi_trend_chart(months, kpi="frt_median_min", target=30, lang="en")
    assert all(np.isfinite(ax.get_ylim())) and "No data" in [t.get_text() for t in ax.texts]
    by_team = kpis.ticket_kpis(log, freq="MS", by="team")
    ax = kpis.kpi_trend_chart(by_team, kpi="frt_median_min", hue="team", target=30, lang="zh")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "(未填写)" in legend and "不完整期间（○）" in legend
    assert len(ax.collections) >= 1                                 # hollow markers on the partial months
    ax = kpis.rag_heatmap(kpis.kpi_status(by_team.iloc[:0], TARGETS), lang="en")
    assert "No data" in [t.get_text() for t in ax.texts]


def test_the_blank_group_is_shown_but_never_named_weakest_best_or_lagging():
    # 2,157 unassigned incidents in a real log: "(blank)" is not a team, however slow or fast it is
    log = pd.DataFrame({
        "ticket_id": [f"T{i}" for i in range(9)],
        "created_at": pd.to_datetime(["2025-01-02 09:00"] * 9),
        "first_response_at": pd.to_datetime(["2025-01-02 09:10"] * 3 + ["2025-01-02 09:20"] * 3
                                             + ["2025-01-02 09:01"] * 3),  # the blank group is the fastest
        "team": ["A组"] * 3 + ["B组"] * 3 + [None] * 3, "channel": ["电话"] * 3 + ["APP"] * 3 + [None] * 3})
    cascade = kpis.kpi_cascade(log, kpi="frt_median_min", levels=["team"], min_tickets=1)
    teams = cascade[cascade["level"] == "team"].set_index("unit")
    assert BLANK in teams.index and not teams.loc[BLANK, "ranked"]
    assert kpis.lagging_unit(cascade, min_tickets=1).iloc[0]["unit"] == "B组"
    by_channel = kpis.ticket_kpis(log, by="channel")
    ranks = kpis.rank_groups(by_channel, kpi="frt_median_min", by="channel", min_tickets=1).iloc[0]
    assert (ranks["worst"], ranks["best"], ranks["groups"]) == ("APP", "电话", 2)

