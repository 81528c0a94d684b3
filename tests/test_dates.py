"""Dates and timestamps as real exports write them (sqmkit.dates): nothing guessed."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from sqmkit import dates


def stamps(values, **kw) -> list[str]:
    parsed = dates.parse_column(pd.Series(values, dtype=object), column="x", **kw)
    return [None if pd.isna(v) else str(v) for v in parsed.values]


@pytest.mark.parametrize("value, expected", [
    ("2025-01-05 13:05", "2025-01-05 13:05:00"),
    ("2025-01-05T13:05:22", "2025-01-05 13:05:22"),
    ("2025-01-05", "2025-01-05 00:00:00"),
    ("2025-1-5", "2025-01-05 00:00:00"),
    ("2025/1/5 9:05", "2025-01-05 09:05:00"),
    ("2025.01.05", "2025-01-05 00:00:00"),
    ("2025年1月5日", "2025-01-05 00:00:00"),
    ("2025年1月5日 13时05分", "2025-01-05 13:05:00"),
    ("2025/1/5 下午 01:05", "2025-01-05 13:05:00"),
    ("20250105", "2025-01-05 00:00:00"),
    ("45662", "2025-01-05 00:00:00"),          # Excel serial: 45662 days after 1899-12-30
    ("45662.5", "2025-01-05 12:00:00"),
    ("45662.025347222222", "2025-01-05 00:36:30"),  # a time of day from a serial: to the millisecond, not 43 ms off
    ("05/Jan/25 9:12 AM", "2025-01-05 09:12:00"),  # Jira's export format
    ("Jan 5, 2025", "2025-01-05 00:00:00"),
    ("２０２５－０１－０５ １３：０５", "2025-01-05 13:05:00"),  # full-width digits and colon
])
def test_unambiguous_spellings(value, expected):
    assert stamps([value]) == [expected]


def test_cells_excel_already_holds_as_dates_or_numbers():
    assert stamps([dt.datetime(2025, 1, 5, 13, 5), dt.date(2025, 1, 6), 45662.0, "2025-02-01", None]) == [
        "2025-01-05 13:05:00", "2025-01-06 00:00:00", "2025-01-05 00:00:00", "2025-02-01 00:00:00", None]


def test_day_first_column_is_read_day_first():
    # ServiceNow's incident export writes d/m/yyyy H:MM; 29/2/2016 only reads one way
    parsed = dates.parse_column(pd.Series(["29/2/2016 13:05", "1/3/2016 9:00", "3/1/2016 10:00"]), column="opened_at")
    assert parsed.order == "DMY"
    assert [str(v) for v in parsed.values] == ["2016-02-29 13:05:00", "2016-03-01 09:00:00", "2016-01-03 10:00:00"]


def test_month_first_column_with_am_pm():
    assert stamps(["1/13/2025 1:05 PM", "2/1/2025 12:30 AM", "2/1/2025 12:30 PM"]) == [
        "2025-01-13 13:05:00", "2025-02-01 00:30:00", "2025-02-01 12:30:00"]


def test_the_order_is_never_guessed():
    with pytest.raises(dates.DateOrderProblem, match="such as '03/04/2025' that read as day-first or month-first"):
        dates.parse_column(pd.Series(["03/04/2025", "05/06/2025"]), column="x")
    assert stamps(["03/04/2025"], order="DMY") == ["2025-04-03 00:00:00"]
    assert stamps(["03/04/2025"], order="MDY") == ["2025-03-04 00:00:00"]
    assert stamps(["05/05/2025"]) == ["2025-05-05 00:00:00"]  # reads the same either way


def test_a_column_that_proves_both_orders_or_contradicts_date_order():
    with pytest.raises(dates.DateOrderProblem, match=r"mixes day-first dates \(e.g. '13/04/2025'\) and month-first"):
        dates.parse_column(pd.Series(["13/04/2025", "05/26/2025"]), column="x")
    with pytest.raises(dates.DateOrderProblem, match="day-first dates .* but date_order says MDY"):
        dates.parse_column(pd.Series(["13/04/2025"]), order="MDY", column="x")


def test_order_evidence_counts():
    assert dates.order_evidence(pd.Series(["03/04/2025", "05/06/2025", "13/01/2025", "2025-01-01", None])) == \
        dates.Evidence(dmy=1, mdy=0, ambiguous=2)


def test_one_offset_keeps_wall_time():
    parsed = dates.parse_column(pd.Series(["2025-03-01T09:00:00+08:00", "2025-03-02T10:30:00+08:00"]), column="x")
    assert parsed.offsets == ["+08:00"] and [str(v) for v in parsed.values] == ["2025-03-01 09:00:00",
                                                                                "2025-03-02 10:30:00"]


def test_offsets_that_change_need_a_timezone():
    # Europe/Berlin moved from +01:00 to +02:00 at 2025-03-30 02:00 local time
    values = pd.Series(["2025-03-30T01:30:00+01:00", "2025-03-30T03:30:00+02:00", "2025-03-30 00:30:00Z"])
    with pytest.raises(dates.DateOffsetProblem, match=r"different UTC offsets \(\+00:00, \+01:00, \+02:00\)"):
        dates.parse_column(values, column="x")
    berlin = dates.parse_column(values, column="x", timezone="Europe/Berlin")
    assert [str(v) for v in berlin.values] == ["2025-03-30 01:30:00", "2025-03-30 03:30:00", "2025-03-30 01:30:00"]
    shanghai = dates.parse_column(values, column="x", timezone="Asia/Shanghai")
    assert [str(v) for v in shanghai.values] == ["2025-03-30 08:30:00", "2025-03-30 09:30:00", "2025-03-30 08:30:00"]


def test_a_date_is_not_an_offset():
    parsed = dates.parse_column(pd.Series(["2025-01-05", "2025-01-06 10:00 -05:00"]), column="x")
    assert parsed.offsets == ["-05:00"]
    assert [str(v) for v in parsed.values] == ["2025-01-05 00:00:00", "2025-01-06 10:00:00"]


def test_unreadable_values_are_marked_not_guessed():
    parsed = dates.parse_column(pd.Series(["2025-13-45 10:00", "31/02/2025", "someday", None, "2025-01-01"]),
                                column="x", order="DMY")
    assert parsed.unreadable.tolist() == [True, True, True, False, False]


def test_timezone_names():
    assert dates.check_timezone("Asia/Shanghai") == "Asia/Shanghai"
    with pytest.raises(ValueError, match="not an IANA time-zone name"):
        dates.check_timezone("Mars/Olympus")
