"""Event logs -> tickets (sqmkit.events, ``sqmkit import-events``).

Known values: real-shaped logs generated in tests/corpus/eventlogs.py (ServiceNow UCI incident
event log, 4TU Helpdesk, Jira history, Zendesk events across a DST change) collapse to the tickets
their generator knows; small hand-made logs pin each definition of the module docstring.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from corpus._base import sqmkit, write_csv


@pytest.fixture(autouse=True)
def english_messages(monkeypatch):
    """The English texts are checked here (a scaffolded workbook is zh); tests/test_cli_lang.py checks the choice."""
    monkeypatch.setenv("SQMKIT_LANG", "en")
from corpus.eventlogs import helpdesk_log, jira_history, servicenow_log, zendesk_events
from sqmkit import events, io
from sqmkit.events import EventMapping, import_events, load_mapping, mapping_from_options, tickets_from_events
from sqmkit.exceptions import ConfigError, DataValidationError

DOCS = Path(__file__).resolve().parents[1] / "docs" / "EVENTS.md"
UCI = EventMapping(case="number", activity="incident_state", timestamp="sys_updated_at", resource="sys_updated_by",
                   first_response=("Active",), resolution=("Resolved", "Closed"), reopen=("Active",),
                   attributes={"team": "assignment_group", "priority": "priority", "channel": "contact_type",
                               "category": "category", "customer_id": "caller_id"})
SIMPLE = EventMapping(case="case", activity="activity", timestamp="time", resource="who",
                      first_response=("respond",), resolution=("resolve", "close"), reopen=("reopen",),
                      reassignment=("escalate",), attributes={"team": "team", "priority": "priority"})


def log(*rows: tuple, columns=("case", "activity", "time", "who", "team", "priority")) -> pd.DataFrame:
    return pd.DataFrame([list(r) + [""] * (len(columns) - len(r)) for r in rows], columns=list(columns))


def assert_same(got: pd.DataFrame, truth: pd.DataFrame) -> None:
    want = truth.sort_values(["created_at", "ticket_id"], kind="mergesort").reset_index(drop=True)
    for column in want.columns:
        left, right = got[column], want[column]
        if pd.api.types.is_datetime64_any_dtype(right):
            pd.testing.assert_series_equal(left.astype("datetime64[ns]"), right.astype("datetime64[ns]"),
                                           check_names=False, obj=column)
        else:
            assert left.astype(str).tolist() == right.astype(str).tolist(), column


# --------------------------------------------------------------------------------------------
# Real-shaped logs against their generators
# --------------------------------------------------------------------------------------------
def test_servicenow_event_log_collapses_to_its_incidents():
    log_frame, truth = servicenow_log(seed=21, incidents=300)
    notes: list[str] = []
    got = tickets_from_events(log_frame, UCI, notes=notes)
    assert_same(got, truth)
    assert got["reopened"].sum() > 0 and got["escalated"].sum() > 0 and got["resolved_at"].isna().sum() > 0
    assert any("open at the end of the log" in n for n in notes)


def test_servicenow_log_in_any_row_order_gives_the_same_tickets():
    log_frame, truth = servicenow_log(seed=22, incidents=150)
    # incidents interleaved; the updates of one incident stay in sys_mod_count order (same-minute ties)
    shuffled = log_frame.sample(frac=1.0, random_state=3).sort_values(
        "sys_mod_count", key=lambda s: s.astype(int), kind="mergesort")
    assert shuffled["number"].iloc[0] != shuffled["number"].iloc[1]
    assert_same(tickets_from_events(shuffled, UCI), truth)


def test_helpdesk_process_mining_log():
    log_frame, truth = helpdesk_log(seed=23, cases=200)
    mapping = EventMapping(case="Case ID", activity="Activity", timestamp="Complete Timestamp", resource="Resource",
                           first_response=("Take in charge ticket",), resolution=("Resolve ticket", "Closed"),
                           reassignment=("Require upgrade",),
                           attributes={"team": "responsible_section", "priority": "seriousness_2",
                                       "customer_id": "customer"})
    got = tickets_from_events(log_frame, mapping)
    assert_same(got, truth)
    assert got["created_at"].iloc[0] == truth["created_at"].min()  # 2012/01/02 ... .000 read as year-month-day


def test_jira_history_with_reopened_issues():
    log_frame, truth = jira_history(seed=24, issues=80)
    mapping = EventMapping(case="Issue key", activity="To", timestamp="Created", resource="Author",
                           first_response=("In Progress",), resolution=("Resolved", "Closed"), reopen=("Reopened",))
    got = tickets_from_events(log_frame, mapping)
    assert_same(got, truth)
    assert got["reopened"].sum() == truth["reopened"].sum() > 0
    assert (got.loc[got["reopened"] == 1, "contacts"] == 2).all()


def test_zendesk_offsets_across_dst_need_a_timezone():
    log_frame, truth = zendesk_events(seed=25, tickets=100)
    mapping = EventMapping(case="ticket_id", activity="value", timestamp="created_at", resource="updater_id",
                           first_response=("open",), resolution=("solved", "closed"))
    with pytest.raises(DataValidationError, match=r"events.csv: column 'created_at' has timestamps with different "
                                                  r"UTC offsets \(\+01:00, \+02:00\).*Fix: pass --timezone"):
        tickets_from_events(log_frame, mapping, label="events.csv")
    got = tickets_from_events(log_frame, replace(mapping, timezone="Europe/Berlin"))
    assert_same(got, truth)


def test_a_utc_log_converted_to_local_wall_time():
    frame = log(("1", "respond", "2025-03-29T23:30:00Z", "a"), ("1", "resolve", "2025-03-30T01:30:00Z", "a"))
    got = tickets_from_events(frame, replace(SIMPLE, timezone="Asia/Shanghai"))
    assert got.loc[0, "created_at"] == pd.Timestamp("2025-03-30 07:30")
    assert got.loc[0, "resolved_at"] == pd.Timestamp("2025-03-30 09:30")
    kept = tickets_from_events(frame, SIMPLE)  # one offset, no timezone: the wall time as written
    assert kept.loc[0, "created_at"] == pd.Timestamp("2025-03-29 23:30")


# --------------------------------------------------------------------------------------------
# The definitions, one by one
# --------------------------------------------------------------------------------------------
def test_resolution_reopen_and_open_cases():
    frame = log(
        ("A", "new", "2025-01-01 08:00", ""), ("A", "respond", "2025-01-01 08:30", "ann"),
        ("A", "resolve", "2025-01-01 10:00", "ann"), ("A", "close", "2025-01-06 10:00", "bot"),  # start of resolution
        ("B", "new", "2025-01-02 08:00", ""), ("B", "resolve", "2025-01-02 09:00", "bob"),
        ("B", "reopen", "2025-01-03 09:00", "cust"), ("B", "resolve", "2025-01-03 12:00", "bob"),
        ("C", "new", "2025-01-03 08:00", ""), ("C", "resolve", "2025-01-03 09:00", "bob"),
        ("C", "reopen", "2025-01-04 09:00", "cust"),  # ends open
        ("D", "reopen", "2025-01-04 08:00", "cust"), ("D", "resolve", "2025-01-04 09:00", "bob"),  # no reopen yet
    )
    got = tickets_from_events(frame, SIMPLE).set_index("ticket_id")
    assert got.loc["A", "resolved_at"] == pd.Timestamp("2025-01-01 10:00")
    assert got.loc["B", "resolved_at"] == pd.Timestamp("2025-01-03 12:00")
    assert pd.isna(got.loc["C", "resolved_at"])
    assert got.loc["D", "resolved_at"] == pd.Timestamp("2025-01-04 09:00")
    assert got["reopened"].to_dict() == {"A": 0, "B": 1, "C": 1, "D": 0}
    assert got["contacts"].to_dict() == {"A": 1, "B": 2, "C": 2, "D": 1}
    assert got.loc["A", "agent_id"] == "ann" and got.loc["B", "agent_id"] == "bob" and pd.isna(got.loc["C", "agent_id"])


def test_first_response_needs_a_resource_and_ties_keep_file_order():
    frame = log(("A", "respond", "2025-01-01 08:00", ""), ("A", "respond", "2025-01-01 08:05", "ann"),
                ("B", "new", "2025-01-01 09:00", "x"), ("B", "respond", "2025-01-01 09:00", "bob"),
                ("B", "resolve", "2025-01-01 09:00", "bob"), ("B", "reopen", "2025-01-01 09:00", "cust"))
    got = tickets_from_events(frame, SIMPLE).set_index("ticket_id")
    assert got.loc["A", "first_response_at"] == pd.Timestamp("2025-01-01 08:05")
    assert got.loc["A", "created_at"] == pd.Timestamp("2025-01-01 08:00")
    assert pd.isna(got.loc["B", "resolved_at"])  # the reopen is written after the resolution in the same minute


def test_attributes_last_non_blank_and_escalation():
    frame = log(("A", "new", "2025-01-01 08:00", "x", "?", "P3"), ("A", "respond", "2025-01-01 08:10", "x", "L1", ""),
                ("A", "resolve", "2025-01-01 09:00", "x", "L1", "P2"),  # first assignment: no reassignment
                ("B", "new", "2025-01-01 08:00", "x", "L1", "P3"),
                ("B", "respond", "2025-01-01 08:10", "x", "L2", "N/A"),
                ("C", "new", "2025-01-01 08:00", "x", "L1", "P1"), ("C", "escalate", "2025-01-01 08:20", "x", "L1"))
    got = tickets_from_events(frame, SIMPLE).set_index("ticket_id")
    assert got["team"].to_dict() == {"A": "L1", "B": "L2", "C": "L1"}
    assert got["priority"].to_dict() == {"A": "P2", "B": "P3", "C": "P1"}
    assert got["escalated"].to_dict() == {"A": 0, "B": 1, "C": 1}


def test_no_first_response_activity_leaves_the_column_out():
    frame = log(("A", "new", "2025-01-01 08:00"), ("A", "resolve", "2025-01-02 08:00"))
    got = tickets_from_events(frame, replace(SIMPLE, first_response=()))
    assert "first_response_at" not in got and got.loc[0, "resolved_at"] == pd.Timestamp("2025-01-02 08:00")


def test_activities_match_without_case_and_spaces():
    frame = log(("A", " New ", "2025-01-01 08:00", "x"), ("A", "RESOLVE", "2025-01-02 08:00", "x"))
    assert tickets_from_events(frame, SIMPLE).loc[0, "resolved_at"] == pd.Timestamp("2025-01-02 08:00")


def test_xes_defaults():
    frame = pd.DataFrame({"case:concept:name": ["1", "1"], "concept:name": ["start", "end"],
                          "time:timestamp": ["2025-01-01T08:00:00.000+01:00", "2025-01-01T09:00:00.000+01:00"],
                          "org:resource": ["u1", "u2"]})
    got = tickets_from_events(frame, EventMapping(resolution=("end",)))
    assert got.loc[0, "resolved_at"] == pd.Timestamp("2025-01-01 09:00") and got.loc[0, "agent_id"] == "u2"


# --------------------------------------------------------------------------------------------
# Timestamps as they come
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("values, expected", [
    (["29/2/2016 13:05", "1/3/2016 09:00"], ["2016-02-29 13:05", "2016-03-01 09:00"]),     # day first, settled
    (["2/29/2016 1:05 PM", "3/1/2016 9:00 AM"], ["2016-02-29 13:05", "2016-03-01 09:00"]),  # month first, settled
    (["09/Oct/25 1:42 PM", "10/Oct/25 9:05 AM"], ["2025-10-09 13:42", "2025-10-10 09:05"]),  # Jira
    (["2012/10/09 14:50:17.000", "2012/10/10 08:00:00.000"], ["2012-10-09 14:50:17", "2012-10-10 08:00"]),
    (["2025年1月5日 9:05", "2025年1月15日 18:30"], ["2025-01-05 09:05", "2025-01-15 18:30"]),
    (["5.1.2025 09:05", "15.1.2025 18:30"], ["2025-01-05 09:05", "2025-01-15 18:30"]),
    (["01/06/2025 10:00", "20/06/2025 10:00"], ["2025-06-01 10:00", "2025-06-20 10:00"]),     # 01/06 beside 20/06
])
def test_timestamp_spellings(values, expected):
    frame = log(("A", "new", values[0], "x"), ("A", "resolve", values[1], "x"))
    got = tickets_from_events(frame, SIMPLE)
    assert [got.loc[0, "created_at"], got.loc[0, "resolved_at"]] == [pd.Timestamp(e) for e in expected]


def test_xlsx_date_cells(tmp_path):
    frame = log(("A", "new", "", "x"), ("A", "resolve", "", "x"))
    frame["time"] = [dt.datetime(2025, 2, 3, 8, 0), dt.datetime(2025, 2, 4, 9, 30)]
    path = tmp_path / "log.xlsx"
    frame.to_excel(path, index=False)
    got = tickets_from_events(events.read_event_log(path), SIMPLE)
    assert got.loc[0, "resolved_at"] == pd.Timestamp("2025-02-04 09:30")


def test_ambiguous_dates_need_date_order():
    frame = log(("A", "new", "03/04/2025 10:00", "x"), ("A", "resolve", "04/04/2025 10:00", "x"))
    with pytest.raises(DataValidationError, match=r"log.csv: column 'time' has dates such as '03/04/2025 10:00' that "
                                                  r"read as day-first or month-first.*Fix: pass --date-order DMY"):
        tickets_from_events(frame, SIMPLE, label="log.csv")
    got = tickets_from_events(frame, replace(SIMPLE, date_order="DMY"))
    assert got.loc[0, "created_at"] == pd.Timestamp("2025-04-03 10:00")
    assert tickets_from_events(frame, replace(SIMPLE, date_order="MDY")).loc[0, "created_at"].month == 3
    with pytest.raises(DataValidationError, match=r"read as day-first or month-first"):
        tickets_from_events(frame, replace(SIMPLE, date_order="YMD"))  # YMD: no a/b/yyyy date expected


def test_day_first_and_month_first_in_one_column_refused():
    frame = log(("A", "new", "20/06/2025 10:00", "x"), ("A", "resolve", "06/21/2025 10:00", "x"))
    with pytest.raises(DataValidationError, match=r"mixes day-first dates \(e.g. '20/06/2025 10:00'\) and month-first"
                                                  r".*Fix: export the log again with one date format"):
        tickets_from_events(frame, SIMPLE)
    proven = log(("A", "new", "20/06/2025 10:00", "x"), ("A", "resolve", "21/06/2025 10:00", "x"))
    with pytest.raises(DataValidationError, match=r"has day-first dates .* but date_order says MDY.*Fix: pass the "
                                                  r"other --date-order"):
        tickets_from_events(proven, replace(SIMPLE, date_order="MDY"))


def test_unreadable_timestamps_named_with_rows():
    frame = log(("A", "new", "2025-01-01 08:00", "x"), ("A", "resolve", "soon", "x"))
    with pytest.raises(DataValidationError, match=r"column 'time' has values that are not timestamps at rows \[3\]: "
                                                  r"\['soon'\]"):
        tickets_from_events(frame, SIMPLE)


def test_events_without_time_left_out_but_a_case_needs_one():
    frame = log(("A", "new", "2025-01-01 08:00", "x"), ("A", "respond", "?", "x"), ("A", "resolve", "2025-01-02", "x"))
    notes: list[str] = []
    tickets_from_events(frame, SIMPLE, notes=notes)
    assert any("1 event(s) without a timestamp in 'time' were left out (rows [3])" in n for n in notes)
    frame = log(("A", "new", "2025-01-01 08:00", "x"), ("B", "new", "", "x"), ("B", "resolve", "-", "x"))
    with pytest.raises(DataValidationError, match=r"case\(s\) \['B'\] have no timestamp in column 'time' \(rows "
                                                  r"\[3, 4\]\)"):
        tickets_from_events(frame, SIMPLE)


# --------------------------------------------------------------------------------------------
# Refusals: mapping, columns, rows
# --------------------------------------------------------------------------------------------
def test_missing_mapped_columns_all_named():
    frame = log(("A", "new", "2025-01-01 08:00"))
    mapping = replace(SIMPLE, case="number", attributes={"team": "assignment_group"})
    with pytest.raises(DataValidationError, match=r"events.csv: the log has no column 'number' \(case\), "
                                                  r"'assignment_group' \(attribute team\)\. It has \['case', "):
        tickets_from_events(frame, mapping, label="events.csv")


def test_mapped_column_twice_refused():
    frame = pd.DataFrame([["A", "new", "2025-01-01", "x", "y"]], columns=["case", "activity", "time", "who", "who"])
    with pytest.raises(DataValidationError, match=r"column\(s\) \['who'\] appear more than once"):
        tickets_from_events(frame, replace(SIMPLE, attributes={}))


def test_no_events_and_blank_case_ids_refused():
    with pytest.raises(DataValidationError, match=r"has no events"):
        tickets_from_events(log(("", "", "", "")), SIMPLE)
    with pytest.raises(DataValidationError, match=r"column 'case' \(the case id\) is blank at rows \[3\]"):
        tickets_from_events(log(("A", "new", "2025-01-01", "x"), ("?", "resolve", "2025-01-02", "x")), SIMPLE)


def test_resolution_activity_spelled_wrong_refused():
    frame = log(("A", "new", "2025-01-01 08:00", "x"))
    with pytest.raises(DataValidationError, match=r"none of the resolution activities \['Resolvd'\] occurs in column "
                                                  r"'activity'; the log's activities are \['new'\]"):
        tickets_from_events(frame, replace(SIMPLE, resolution=("Resolvd",)))
    notes: list[str] = []
    tickets_from_events(log(("A", "resolve", "2025-01-01", "x")), SIMPLE, notes=notes)
    assert any("reopen activities ['reopen']" in n for n in notes)


@pytest.mark.parametrize("change, message", [
    ({"resolution": ()}, r"no resolution activity is given"),
    ({"reopen": ("Close",)}, r"\['close'\] is given both as a resolution and as a reopen activity"),
    ({"attributes": {"group": "assignment_group"}}, r"attribute\(s\) \['group'\] are not ticket columns"),
    ({"date_order": "DDMM"}, r"The value for `date_order` must be one of \['DMY', 'MDY', 'YMD'\], but 'DDMM'"),
    ({"timezone": "CEST"}, r"`timezone` is 'CEST', which is not an IANA time zone"),
])
def test_bad_mapping_refused(change, message):
    with pytest.raises(ConfigError, match=message):
        replace(SIMPLE, **change).check()


def test_mapping_file_and_options(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text("case: number\nactivity: incident_state\ntimestamp: sys_updated_at\nresolution: Resolved\n"
                    "attributes: {team: assignment_group}\n", encoding="utf-8")
    mapping = mapping_from_options(path, attributes=["priority=priority"], resolution=["Resolved", "Closed"],
                                   first_response=None)
    assert mapping.case == "number" and mapping.resolution == ("Resolved", "Closed")
    assert mapping.attributes == {"team": "assignment_group", "priority": "priority"}
    path.write_text("case: number\nstates: [a]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"map.yaml: unknown key\(s\) \['states'\]"):
        load_mapping(path)
    path.write_text("resolution: [[Resolved]]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"`resolution` must be an activity name or a list of names"):
        load_mapping(path)
    with pytest.raises(ConfigError, match=r"--attribute 'team' is not NAME=COLUMN"):
        mapping_from_options(None, attributes=["team"])


def test_alias_bomb_in_a_mapping_file_is_refused_quickly(tmp_path):
    levels = ['&a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    levels += [f"&a{k} [" + ", ".join([f"*a{k - 1}"] * 9) + "]" for k in range(1, 9)]
    path = tmp_path / "map.yaml"
    path.write_text(f"resolution: [{', '.join(levels)}]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"`resolution` must be an activity name or a list of names"):
        load_mapping(path)


# --------------------------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding, sep", [("utf-8-sig", ","), ("utf-8", ";"), ("utf-16", "\t"), ("gb18030", ",")])
def test_read_event_log_encodings_and_delimiters(tmp_path, encoding, sep):
    frame = log(("工单1", "new", "2025-01-01 08:00", "张三"), ("工单1", "resolve", "2025-01-01 09:00", "张三"))
    path = tmp_path / "log.csv"
    write_csv(path, frame, encoding=encoding, sep=sep)
    got = tickets_from_events(events.read_event_log(path), SIMPLE)
    assert got.loc[0, "ticket_id"] == "工单1" and got.loc[0, "agent_id"] == "张三"


def test_read_event_log_refuses_what_it_cannot_read(tmp_path):
    from corpus._base import compound_file

    (tmp_path / "log.xls").write_bytes(compound_file({"Workbook": b"\x09\x08" + b"\0" * 100}))
    with pytest.raises(DataValidationError, match=r"log.xls: this is a legacy .xls or a password-protected Office "
                                                  r"file.*save it as .xlsx or CSV UTF-8"):
        events.read_event_log(tmp_path / "log.xls")
    with pytest.raises(DataValidationError, match=r"the event log is a folder"):
        events.read_event_log(tmp_path)
    with pytest.raises(DataValidationError, match=r"the event log is missing"):
        events.read_event_log(tmp_path / "nothing.csv")
    write_csv(tmp_path / "big5.csv", log(("帳單錯誤", "new", "2025-01-01", "張三")), encoding="big5")
    with pytest.raises(DataValidationError, match=r"big5.csv: the file looks like Big5 \(Traditional Chinese\) text"):
        events.read_event_log(tmp_path / "big5.csv")
    (tmp_path / "latin.csv").write_bytes("case,activity\nA,r\xe9solu\xff\xfe\xfd\n".encode("latin-1"))
    with pytest.raises(DataValidationError, match=r"latin.csv.*neither UTF-8 nor GBK/GB18030 text"):
        events.read_event_log(tmp_path / "latin.csv")


# --------------------------------------------------------------------------------------------
# Into a workbook
# --------------------------------------------------------------------------------------------
def _uci_file(tmp_path: Path, incidents: int = 60) -> tuple[Path, pd.DataFrame]:
    frame, truth = servicenow_log(seed=26, incidents=incidents)
    path = tmp_path / "incident_event_log.csv"
    write_csv(path, frame)
    return path, truth


def test_import_into_a_new_folder_scaffolds_a_workbook(tmp_path):
    path, truth = _uci_file(tmp_path)
    result = import_events(path, tmp_path / "wb", UCI, lang="en")
    assert result.scaffolded and result.path == tmp_path / "wb" / "data" / "tickets.csv"
    assert (tmp_path / "wb" / "sqmkit.yaml").is_file() and (tmp_path / "wb" / "data" / "survey.csv").is_file()
    read = io.read_table(result.path, "tickets")
    assert len(read) == len(truth) and read["created_at"].min() == truth["created_at"].min()
    assert any("sla_hours names ['P1', 'P2', 'P3'], but the log's priorities are ['1 - Critical'" in n
               or "but the log's priorities are" in n for n in result.notes)
    assert "Wrote 60 tickets from" in result.summary


def test_import_refuses_a_folder_that_is_not_a_workbook_and_existing_tickets(tmp_path):
    path, _ = _uci_file(tmp_path)
    other = tmp_path / "photos"
    other.mkdir()
    (other / "a.jpg").write_bytes(b"x")
    with pytest.raises(ConfigError, match=r"photos is a folder that is not empty and holds no sqmkit.yaml"):
        import_events(path, other, UCI)
    wb = tmp_path / "wb"
    import_events(path, wb, UCI)
    before = (wb / "data" / "tickets.csv").read_bytes()
    with pytest.raises(ConfigError, match=r"tickets.csv already holds tickets. Fix: pass --force"):
        import_events(path, wb, UCI)
    assert (wb / "data" / "tickets.csv").read_bytes() == before
    import_events(path, wb, replace(UCI, first_response=()), force=True)
    assert any(p.read_bytes() == before for p in (wb / "data" / ".backup").iterdir())
    assert "first_response_at" not in io.read_table(wb / "data" / "tickets.csv", "tickets")


def test_a_bad_log_leaves_the_workbook_untouched(tmp_path):
    path = tmp_path / "log.csv"
    write_csv(path, log(("A", "new", "03/04/2025", "x"), ("A", "resolve", "04/04/2025", "x")))
    with pytest.raises(DataValidationError, match=r"read as day-first or month-first"):
        import_events(path, tmp_path / "wb", SIMPLE)
    assert not (tmp_path / "wb").exists()


# --------------------------------------------------------------------------------------------
# The command line, as a user runs it
# --------------------------------------------------------------------------------------------
def test_cli_import_events_then_validate(tmp_path):
    path, truth = _uci_file(tmp_path, incidents=80)
    wb = tmp_path / "wb"
    proc = sqmkit("import-events", path, "--out", wb, "--case", "number", "--activity", "incident_state",
                  "--timestamp", "sys_updated_at", "--resource", "sys_updated_by", "--first-response", "Active",
                  "--resolution", "Resolved", "Closed", "--reopen", "Active", "--attribute", "team=assignment_group",
                  "--lang", "en", timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"Wrote 80 tickets from \d[\d,]* events to .*tickets.csv", proc.stdout)
    assert "note:" in proc.stderr and "Traceback" not in proc.stderr
    tickets = io.read_table(wb / "data" / "tickets.csv", "tickets")
    assert tickets["reopened"].sum() == truth["reopened"].sum()
    text = (wb / "sqmkit.yaml").read_text(encoding="utf-8").replace(
        "sla_hours: {P1: 4, P2: 24, P3: 72}", "sla_hours: 72")
    (wb / "sqmkit.yaml").write_text(text, encoding="utf-8")
    check = sqmkit("validate", wb, timeout=300)
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("args, message", [
    (["--case", "nmber", "--resolution", "Resolved"], r"the log has no column 'nmber' \(case\).*Fix: name the log's "
                                                      r"columns with --case"),
    (["--case", "number", "--activity", "incident_state", "--timestamp", "sys_updated_at"],
     r"no resolution activity is given.*--resolution"),
    (["--case", "number", "--activity", "incident_state", "--timestamp", "sys_updated_at", "--resolution", "Resolved",
      "--attribute", "team"], r"--attribute 'team' is not NAME=COLUMN"),
    (["--case", "number", "--activity", "incident_state", "--timestamp", "sys_updated_at", "--resolution", "Resolved",
      "--timezone", "Mars/Olympus"], r"not an IANA time zone"),
])
def test_cli_refusals_exit_2_without_traceback(tmp_path, args, message):
    path, _ = _uci_file(tmp_path, incidents=10)
    proc = sqmkit("import-events", path, "--out", tmp_path / "wb", *args, timeout=300)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert re.search(message, proc.stderr), proc.stderr
    assert not (tmp_path / "wb").exists()


def test_cli_refuses_an_empty_log_and_an_existing_tickets_table(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("number,incident_state,sys_updated_at\n", encoding="utf-8")
    args = ["--case", "number", "--activity", "incident_state", "--timestamp", "sys_updated_at", "--resolution",
            "Resolved"]
    proc = sqmkit("import-events", empty, "--out", tmp_path / "wb", *args, timeout=300)
    assert proc.returncode == 2 and re.search(r"empty.csv: the log has no events", proc.stderr), proc.stderr
    path, _ = _uci_file(tmp_path, incidents=10)
    assert sqmkit("import-events", path, "--out", tmp_path / "wb", *args, timeout=300).returncode == 0
    again = sqmkit("import-events", path, "--out", tmp_path / "wb", *args, timeout=300)
    assert again.returncode == 2 and "already holds tickets" in again.stderr and "Traceback" not in again.stderr


def test_docs_example_mapping_runs_on_a_servicenow_log(tmp_path):
    """docs/EVENTS.md's mapping file is the one this test uses (docs and code in step)."""
    text = DOCS.read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(# servicenow-mapping.yaml.*?)```", text, re.S)
    assert block, "docs/EVENTS.md lost its ServiceNow mapping example"
    (tmp_path / "servicenow-mapping.yaml").write_text(block.group(1), encoding="utf-8")
    frame, truth = servicenow_log(seed=27, incidents=120)
    got = tickets_from_events(frame, load_mapping(tmp_path / "servicenow-mapping.yaml"))
    assert_same(got, truth)


def test_docs_example_rows_give_the_ticket_the_docs_describe(tmp_path):
    text = DOCS.read_text(encoding="utf-8")
    rows = re.search(r"## Example.*?```\n(number,incident_state.*?)```", text, re.S).group(1)
    mapping_text = re.search(r"```yaml\n(# servicenow-mapping.yaml.*?)```", text, re.S).group(1)
    (tmp_path / "log.csv").write_text(rows, encoding="utf-8")
    (tmp_path / "map.yaml").write_text(mapping_text, encoding="utf-8")
    got = tickets_from_events(events.read_event_log(tmp_path / "log.csv"), load_mapping(tmp_path / "map.yaml"))
    assert got.iloc[0].to_dict() == {
        "ticket_id": "INC0000045", "created_at": pd.Timestamp("2016-02-29 01:23"),
        "first_response_at": pd.Timestamp("2016-02-29 08:53"), "resolved_at": pd.Timestamp("2016-02-29 11:29"),
        "team": "Group 56", "priority": "3 - Moderate", "channel": "Phone", "category": "Category 55",
        "customer_id": "Caller 2403", "agent_id": "Updated by 804", "contacts": 1, "escalated": 0, "reopened": 0}
