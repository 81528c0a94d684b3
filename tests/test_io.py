"""Reading, validating and writing workbooks (sqmkit.io, sqmkit.schemas)."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from sqmkit import io, schemas
from sqmkit.exceptions import ConfigError, DataValidationError
from conftest import make_workbook


TICKETS_EN = """ticket_id,created_at,first_response_at,resolved_at,channel,category,team,priority,contacts,escalated,reopened,customer_id
T1,2025-01-01 09:00,2025-01-01 09:10,2025-01-01 12:00,电话,账单查询,华东一组,P1,1,0,0,C1
T2,2025-01-02 10:00,2025-01-02 10:30,,APP,网络故障,华南组,P2,2,1,0,C2
T3,2025/1/3 8:05,,2025-01-04 08:05,邮件,账单查询,华南组,P3,1,否,是,C1
"""


def only_problem(folder: Path) -> str:
    problems = io.validate_workbook(folder)
    assert len(problems) == 1, [str(p) for p in problems]
    return str(problems[0])


def test_reads_utf8_csv_with_types(tmp_path):
    wb = io.load_workbook(make_workbook(tmp_path, {"tickets.csv": TICKETS_EN}))
    tickets = wb.get("tickets")
    assert list(tickets["ticket_id"]) == ["T1", "T2", "T3"]
    assert tickets["created_at"].dtype == "datetime64[ns]"
    assert tickets.loc[2, "created_at"] == pd.Timestamp("2025-01-03 08:05")
    assert pd.isna(tickets.loc[1, "resolved_at"])
    assert list(tickets["reopened"]) == [False, False, True]
    assert tickets["contacts"].tolist() == [1.0, 2.0, 1.0]
    assert wb.config["client"] == "测试客户" and not wb.has("survey")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig"])
def test_reads_chinese_headers_in_excel_encodings(tmp_path, encoding):
    chinese = TICKETS_EN.replace(
        "ticket_id,created_at,first_response_at,resolved_at,channel,category,team,priority,contacts,escalated,reopened,customer_id",
        "工单编号,创建时间,首次响应时间,解决时间,渠道,类别,班组,优先级,接触次数,升级,重开,客户编号")
    folder = make_workbook(tmp_path, {"tickets.csv": chinese.encode(encoding)})
    tickets = io.load_workbook(folder).get("tickets")
    assert tickets.loc[0, "channel"] == "电话" and tickets.loc[1, "team"] == "华南组"
    assert tickets.attrs["headers"]["ticket_id"] == "工单编号"


def test_reads_xlsx_and_skips_readme_sheet(tmp_path):
    folder = make_workbook(tmp_path, {})
    frame = pd.read_csv(pd.io.common.StringIO(TICKETS_EN))
    with pd.ExcelWriter(folder / "data" / "tickets.xlsx") as writer:
        pd.DataFrame({"列": ["说明"]}).to_excel(writer, sheet_name="README", index=False)
        frame.to_excel(writer, sheet_name="tickets", index=False)
    tickets = io.load_workbook(folder).get("tickets")
    assert len(tickets) == 3 and tickets["created_at"].notna().all()


def test_every_problem_is_collected_with_file_column_rows_and_fix(tmp_path):
    bad = TICKETS_EN + "T3,not a date,,,电话,账单查询,华南组,P1,-2,maybe,0,C9\n"
    folder = make_workbook(tmp_path, {"tickets.csv": bad})
    with pytest.raises(DataValidationError) as caught:
        io.load_workbook(folder)
    error = caught.value
    text = str(error)
    assert len(error.problems) == 4
    assert "tickets.csv: column 'created_at': value that cannot be read as a datetime in 1 row — rows 5 (values 'not a date')" in text
    assert "column 'ticket_id': repeated value (must be unique) in 2 rows — rows 4, 5" in text
    assert "column 'contacts': value outside the allowed range ≥ 0" in text
    assert "column 'escalated': value that cannot be read as a flag" in text
    assert text.count("Fix:") == 4
    assert "blank cell" not in text  # an unreadable date is not reported twice


def test_reversed_timestamps_are_rejected(tmp_path):
    bad = TICKETS_EN.replace("T1,2025-01-01 09:00,2025-01-01 09:10,2025-01-01 12:00", "T1,2025-01-01 09:00,2025-01-01 08:10,2024-12-31 12:00")
    problems = [str(p) for p in io.validate_workbook(make_workbook(tmp_path, {"tickets.csv": bad}))]
    assert any("first response earlier than creation in 1 row — rows 2" in p for p in problems)
    assert any("column 'resolved_at': resolution earlier than creation in 1 row — rows 2" in p for p in problems)


def test_missing_required_column_names_aliases(tmp_path):
    text = only_problem(make_workbook(tmp_path, {"complaints.csv": "record_id,category\nR1,等待时间长\n"}))
    assert "required column 'date' is missing (or a Chinese header: 日期, 投诉日期)" in text and "Fix: add the column 'date'" in text


def test_empty_file_and_header_only_file(tmp_path):
    text = only_problem(make_workbook(tmp_path, {"tickets.csv": ""}))
    assert "the file is empty (no header row)" in text
    folder = make_workbook(tmp_path / "b", {"tickets.csv": "ticket_id,created_at\n"})
    wb = io.load_workbook(folder)
    assert not wb.has("tickets")
    assert "treated as missing" in wb.config["notes"][0]


def test_undecodable_file(tmp_path):
    text = only_problem(make_workbook(tmp_path, {"tickets.csv": b"ticket_id,created_at\n\xff\xfe\xff\xfe,2025-01-01\n"}))
    assert "neither UTF-8 nor GBK" in text and "CSV UTF-8" in text


def test_unknown_and_duplicate_table_files(tmp_path):
    folder = make_workbook(tmp_path, {"ticket.csv": TICKETS_EN, "tickets.csv": TICKETS_EN, "notes.md": "x", "_old.csv": "x"})
    pd.read_csv(folder / "data" / "tickets.csv").to_excel(folder / "data" / "tickets.xlsx", index=False)
    problems = [str(p) for p in io.validate_workbook(folder)]
    assert len(problems) == 2
    assert any("'ticket' is not a table sqmkit knows. Fix: rename the file" in p for p in problems)
    assert any(re.search(r"the table 'tickets' is also in \S*tickets.csv", p) for p in problems)


def test_choice_aliases_and_bad_choice(tmp_path):
    actions = ("action_id,action,phase,status,start,due,done_date\n"
               "A1,智能路由,执行,已完成,2025-06-01,2025-06-30,2025-06-28\n"
               "A2,排班,Check,in progress,2025-06-01,2025-05-01,\n"
               "A3,知识库,Do,finished,2025-06-01,2025-07-01,2025-07-02\n")
    problems = [str(p) for p in io.validate_workbook(make_workbook(tmp_path, {"actions.csv": actions}))]
    assert any("column 'status': value that is not allowed in 1 row — rows 4 (values 'finished')" in p for p in problems)
    assert any("due date earlier than the start date in 1 row — rows 3" in p for p in problems)
    assert any("done_date filled in but status not done" in p for p in problems)
    good = actions.replace("finished", "done").replace("2025-05-01", "2025-07-01")
    frame = io.load_workbook(make_workbook(tmp_path / "g", {"actions.csv": good})).get("actions")
    assert frame["phase"].tolist() == ["Do", "Check", "Do"] and frame["status"].tolist() == ["done", "in_progress", "done"]


def test_survey_items_from_config_and_likert_range(tmp_path):
    config = ("client: x\nsurvey:\n  overall: {column: overall, min: 1, max: 5}\n  scale: {min: 1, max: 7}\n"
              "  items:\n    p01: {dimension: tangibles, expectation: e01}\n")
    survey = "respondent_id,overall,nps,p01,e01\nR1,5,10,7,6\nR2,6,11,8,7\nR3,3,5,2,\n"
    problems = [str(p) for p in io.validate_workbook(make_workbook(tmp_path, {"survey.csv": survey}, config))]
    assert len(problems) == 3
    assert any("column 'overall': value outside the allowed range 1–5 in 1 row — rows 3 (values 6.0)" in p for p in problems)
    assert any("column 'nps': value outside the allowed range 0–10" in p for p in problems)
    assert any("column 'p01': value outside the allowed range 1–7" in p for p in problems)
    missing = only_problem(make_workbook(tmp_path / "m", {"survey.csv": "respondent_id,overall,p01\nR1,5,7\n"}, config))
    assert "required column 'e01' is missing" in missing


def test_cross_table_reference(tmp_path):
    needs = "need_id,need\nN01,响应速度快\n"
    ratings = "respondent_id,need_id,importance,performance\nR1,N01,7,3\nR1,N99,5,5\n"
    text = only_problem(make_workbook(tmp_path, {"needs.csv": needs, "needs_ratings.csv": ratings}))
    assert "needs_ratings.csv: column 'need_id': reference to a need_id that is not in needs.csv in 1 row — rows 3 (values 'N99')" in text


@pytest.mark.parametrize("config, message", [
    ("client: [unclosed", "is not valid YAML at line 1"),
    ("client: x\nlanguage: zh\n", r"unknown key\(s\) \['language'\]"),
    ("client: x\nlang: fr\n", r"The value for `lang` must be one of \['zh', 'en'\], but 'fr' was passed"),
    ("client: x\nas_of: someday\n", "`as_of` is 'someday', which is not a date"),
    ("client: x\nsla_hours: {P1: -4}\n", "`sla_hours` must be a positive number"),
    ("client: x\nperiod: {start: 2025-12-31, end: 2025-01-01}\n", "`period.end` is before `period.start`"),
    ("client: x\nsurvey:\n  items: {p01: {dimension: a}}\n  dimension_weights: {b: 1}\n", r"names \['b'\], which no item"),
])
def test_bad_config(tmp_path, config, message):
    with pytest.raises(ConfigError, match=message):
        io.load_config(make_workbook(tmp_path, {}, config))


def test_missing_folder_and_config(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        io.load_config(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError, match="sqmkit.yaml is missing. Fix: .*sqmkit new DIR"):
        io.load_config(tmp_path / "empty")


def test_write_table_is_atomic_keeps_backup_and_headers(tmp_path):
    chinese = "需求编号,需求\nN01,响应速度快\n"
    folder = make_workbook(tmp_path, {"needs.csv": chinese.encode("gbk")})
    needs = io.load_workbook(folder).get("needs")
    edited = pd.concat([needs, pd.DataFrame({"need_id": ["N02"], "need": ["一次解决"]})], ignore_index=True)
    edited.attrs = needs.attrs
    path = io.write_table(folder, "needs", edited)
    assert path == (folder / "data" / "needs.csv").resolve()
    assert path.read_bytes().decode("gbk").splitlines() == ["需求编号,需求", "N01,响应速度快", "N02,一次解决"]
    backups = list((folder / "data" / ".backup").iterdir())
    assert len(backups) == 1 and backups[0].read_bytes() == chinese.encode("gbk")
    assert io.load_workbook(folder).get("needs")["need"].tolist() == ["响应速度快", "一次解决"]
    assert not [p for p in (folder / "data").iterdir() if p.name.startswith(".needs.")]  # no temp file left


def test_write_table_rejects_unknown_name(tmp_path):
    with pytest.raises(DataValidationError, match=r"The value for `name` must be one of \['tickets'"):
        io.write_table(tmp_path, "ticket", pd.DataFrame())


def test_every_table_has_help_in_both_languages():
    for table in schemas.TABLES.values():
        for column in table.columns:
            assert column.help_en and column.help_zh, (table.name, column.name)


def test_missing_table_note_says_how_to_add():
    assert "data/" in io.missing_table_note("kano", "en").data and "kano.csv" in io.missing_table_note("kano", "zh").data


# --------------------------------------------------------------------------------------------
# Files as they come out of real tools (issue 10)
# --------------------------------------------------------------------------------------------
SERVICENOW = """number,opened_at,resolved_at,assignment_group,priority,category
INC0000045,29/2/2016 13:05,1/3/2016 9:00,Service Desk,2 - High,Software
INC0000046,1/3/2016 10:14,,,3 - Moderate,Network
INC0000047,3/1/2016 08:00,3/1/2016 09:30,Service Desk,3 - Moderate,Software
"""


def servicenow_tickets() -> str:
    """The incident export shape (day-first timestamps), with sqmkit's column names."""
    return (SERVICENOW.replace("number,opened_at,resolved_at,assignment_group", "ticket_id,created_at,resolved_at,team"))


def test_day_first_export_is_read_day_first_and_said(tmp_path):
    wb = io.load_workbook(make_workbook(tmp_path, {"tickets.csv": servicenow_tickets()}))
    tickets = wb.get("tickets")
    assert tickets["created_at"].tolist() == [pd.Timestamp("2016-02-29 13:05"), pd.Timestamp("2016-03-01 10:14"),
                                              pd.Timestamp("2016-01-03 08:00")]
    # resolved_at alone never proves the order (1/3, 3/1): the file's other date column does
    assert tickets["resolved_at"].iloc[0] == pd.Timestamp("2016-03-01 09:00")
    notes = " ".join(wb.config["notes"])
    assert "'created_at' read as day/month/year (its own values settle it)" in notes
    assert "'resolved_at' read as day/month/year (as the file's other date columns)" in notes
    assert pd.isna(tickets["team"].iloc[1])


def test_every_date_ambiguous_needs_date_order(tmp_path):
    log = "ticket_id,created_at\nT1,03/04/2025 10:00\nT2,05/06/2025 11:00\n"
    text = only_problem(make_workbook(tmp_path, {"tickets.csv": log}))
    assert re.search(r"tickets.csv: column 'created_at': has dates such as '03/04/2025 10:00' that read as day-first "
                     r"or month-first.*Fix: add `date_order: DMY`.*or `date_order: MDY`.*to sqmkit.yaml", text)
    for order, month in (("DMY", 4), ("MDY", 3)):
        wb = io.load_workbook(make_workbook(tmp_path / order, {"tickets.csv": log}, f"client: x\ndate_order: {order}\n"))
        assert wb.get("tickets")["created_at"].iloc[0] == pd.Timestamp(2025, month, 3 if month == 4 else 4, 10)


def test_day_first_and_month_first_in_one_column_is_refused(tmp_path):
    log = "ticket_id,created_at\nT1,20/06/2025\nT2,06/21/2025\nT3,01/06/2025\n"
    text = only_problem(make_workbook(tmp_path, {"tickets.csv": log}))
    assert "column 'created_at': mixes day-first dates (e.g. '20/06/2025') and month-first dates (e.g. '06/21/2025')" in text
    assert "Fix: write the whole column in one format" in text


def test_mixed_offsets_need_a_timezone(tmp_path):
    log = ("ticket_id,created_at,first_response_at\nT1,2025-03-29T23:50:00+01:00,2025-03-30T00:10:00+01:00\n"
           "T2,2025-03-30T03:10:00+02:00,2025-03-30T03:20:00+02:00\n")
    problems = [str(p) for p in io.validate_workbook(make_workbook(tmp_path, {"tickets.csv": log}))]
    assert len(problems) == 2
    assert re.search(r"column 'created_at': has timestamps with different UTC offsets \(\+01:00, \+02:00\).*"
                     r"Fix: add `timezone:` .*Europe/Berlin", problems[0])
    wb = io.load_workbook(make_workbook(tmp_path / "tz", {"tickets.csv": log}, "client: x\ntimezone: Europe/Berlin\n"))
    assert wb.get("tickets")["created_at"].tolist() == [pd.Timestamp("2025-03-29 23:50"), pd.Timestamp("2025-03-30 03:10")]
    assert any("converted to Europe/Berlin wall time" in n for n in wb.config["notes"])


def test_semicolons_decimal_commas_and_blank_tokens(tmp_path):
    # a call-centre platform export: ';' between fields, decimal commas, '?' / 'N/A' / '-' / '无' for blanks
    log = ("ticket_id;created_at;contacts;channel;team\n"
           "T1;2025-01-01 09:00;1;电话;A组\nT2;2025-01-02 10:00;?;N/A;-\nT3;2025-01-03 11:00;2;无;B组\n")
    costs = "record_id;date;category;cost\nR1;2025-01-01;账单;52,88\nR2;2025-01-02;网络;1.234,50\nR3;2025-01-03;账单;-\n"
    wb = io.load_workbook(make_workbook(tmp_path, {"tickets.csv": log, "complaints.csv": costs}))
    tickets, complaints = wb.get("tickets"), wb.get("complaints")
    assert tickets["contacts"].tolist()[::2] == [1.0, 2.0] and pd.isna(tickets["contacts"].iloc[1])
    assert tickets["channel"].isna().tolist() == [False, True, True] and pd.isna(tickets["team"].iloc[1])
    assert complaints["cost"].tolist()[:2] == [52.88, 1234.5]
    assert tickets.attrs["delimiter"] == ";"


def test_decimal_comma_or_thousands_is_never_guessed(tmp_path):
    costs = "record_id;date;category;cost\nR1;2025-01-01;账单;1,234\nR2;2025-01-02;网络;2,500\n"
    text = only_problem(make_workbook(tmp_path, {"complaints.csv": costs}))
    assert "column 'cost': has numbers such as '1,234' that read as a decimal comma or as a thousands separator" in text
    mixed = "record_id,date,category,cost\nR1,2025-01-01,账单,\"52,88\"\nR2,2025-01-02,网络,3.75\n"
    text = only_problem(make_workbook(tmp_path / "b", {"complaints.csv": mixed}))
    assert "mixes decimal commas ('52,88', row 2) and decimal points ('3.75', row 3)" in text
    grouped = "record_id,date,category,cost\nR1,2025-01-01,账单,\"1,234.50\"\nR2,2025-01-02,网络,\"12,000\"\n"
    assert io.load_workbook(make_workbook(tmp_path / "c", {"complaints.csv": grouped})).get("complaints")["cost"].tolist() \
        == [1234.5, 12000.0]


def test_tab_separated_utf16_unicode_text(tmp_path):
    # Excel "Unicode Text (*.txt)": UTF-16 LE with BOM, tab between fields
    text = "工单编号\t创建时间\t渠道\nT1\t2025/1/5 9:05\t电话\nT2\t2025年1月6日\t在线\n"
    folder = make_workbook(tmp_path, {"tickets.txt": text.encode("utf-16")})
    tickets = io.load_workbook(folder).get("tickets")
    assert tickets["channel"].tolist() == ["电话", "在线"]
    assert tickets["created_at"].tolist() == [pd.Timestamp("2025-01-05 09:05"), pd.Timestamp("2025-01-06")]
    assert tickets.attrs["encoding"] == "utf-16"


@pytest.mark.parametrize("encoding, name", [("big5", "Big5"), ("shift_jis", "Shift-JIS")])
def test_an_encoding_that_only_looks_like_gbk_is_refused(tmp_path, encoding, name):
    text = ("工單編號,類別,渠道\nT001,帳單錯誤,電話\nT002,網路不穩定,線上客服\n" if encoding == "big5" else
            "ticket_id,created_at,category\nT001,2025-01-01,請求の誤り\nT002,2025-01-02,ネットワーク障害\n")
    problem = only_problem(make_workbook(tmp_path, {"complaints.csv": text.encode(encoding)}))
    assert f"the file looks like {name}" in problem and "not GBK/GB18030" in problem and "CSV UTF-8" in problem


def test_full_width_headers_and_duplicate_headers(tmp_path):
    log = "工单编号,创建时间,ｐｒｉｏｒｉｔｙ,客户ＩＤ\nT1,2025-01-01 09:00,P1,C1\n"
    tickets = io.load_workbook(make_workbook(tmp_path, {"tickets.csv": log})).get("tickets")
    assert tickets["priority"].tolist() == ["P1"] and tickets["customer_id"].tolist() == ["C1"]
    twice = "ticket_id,created_at,channel,channel\nT1,2025-01-01 09:00,电话,APP\n"
    assert "columns 3 ('channel') and 4 ('channel') are both read as 'channel'. Fix: keep one" in only_problem(
        make_workbook(tmp_path / "b", {"tickets.csv": twice}))
    both = "ticket_id,created_at,channel,渠道\nT1,2025-01-01 09:00,电话,APP\n"
    assert "columns 3 ('channel') and 4 ('渠道') are both read as 'channel'" in only_problem(
        make_workbook(tmp_path / "c", {"tickets.csv": both}))


def test_non_finite_numbers_are_refused(tmp_path):
    log = "ticket_id,created_at,contacts\nT1,2025-01-01 09:00,inf\nT2,2025-01-01 10:00,1e309\nT3,2025-01-01 11:00,1\n"
    text = only_problem(make_workbook(tmp_path, {"tickets.csv": log}))
    assert "column 'contacts': value that is not a finite number in 2 rows — rows 2, 3" in text


def template_workbook(path: Path, filled: dict[str, pd.DataFrame]) -> None:
    """The scaffold's XLSX template saved whole: a README sheet and one sheet per table (most header only)."""
    from sqmkit.report import template_columns

    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"说明": ["每个工作表一张表"]}).to_excel(writer, sheet_name="README", index=False)
        for name, columns in template_columns("zh").items():
            frame = filled.get(name, pd.DataFrame(columns=[c["header"] for c in columns]))
            frame.to_excel(writer, sheet_name=name, index=False)


def test_a_whole_template_workbook_yields_every_filled_table(tmp_path):
    complaints = pd.DataFrame({"投诉编号": [f"R{i}" for i in range(15)], "日期": ["2025-01-05"] * 15,
                               "类别": ["账单"] * 10 + ["网络"] * 5})
    needs = pd.DataFrame({"需求编号": ["N01"], "需求": ["响应快"]})
    folder = make_workbook(tmp_path, {})
    template_workbook(folder / "data" / "complaints.xlsx", {"complaints": complaints, "needs": needs})
    wb = io.load_workbook(folder)
    assert len(wb.get("complaints")) == 15 and wb.get("needs")["need"].tolist() == ["响应快"]
    assert not wb.has("tickets")  # the header-only sheet is a table not filled in yet
    assert wb.sources["needs"].sheet == "needs"
    # the same filled table also in a file of its own: refused, never one of them silently
    (folder / "data" / "needs.csv").write_text("need_id,need\nN02,便宜\n", encoding="utf-8")
    assert re.search(r"the table 'needs' is also in .*complaints.xlsx \(sheet 'needs'\)", only_problem(folder))


def test_an_xlsx_named_after_a_table_with_several_unnamed_sheets_is_refused(tmp_path):
    folder = make_workbook(tmp_path, {})
    with pd.ExcelWriter(folder / "data" / "complaints.xlsx") as writer:
        pd.DataFrame({"a": [1]}).to_excel(writer, sheet_name="Sheet1", index=False)
        pd.DataFrame({"b": [2]}).to_excel(writer, sheet_name="Sheet2", index=False)
    assert "has 2 sheets ['Sheet1', 'Sheet2'] and none is named 'complaints'" in only_problem(folder)


@pytest.mark.parametrize("name, content, message", [
    ("tickets.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "is an Excel 97–2003 workbook, which sqmkit does not read"),
    ("tickets.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64,
     "is password-protected \\(encrypted\\). Fix: open it in Excel, remove the password"),
    ("tickets.xlsx", b"PK\x03\x04" + b"\x14\0" * 40, "is damaged or truncated and cannot be read"),
    ("tickets.xlsx", b"ticket_id,created_at\nT1,2025-01-01\n", "is not an Excel workbook"),
])
def test_files_that_are_not_readable_workbooks(tmp_path, name, content, message):
    assert re.search(message, only_problem(make_workbook(tmp_path, {name: content})))


def test_not_a_regular_file_or_a_link_out_of_the_workbook(tmp_path):
    folder = make_workbook(tmp_path, {})
    (folder / "data" / "tickets.csv").mkdir()
    assert "tickets.csv: is a folder, not a file" in only_problem(folder)
    (folder / "data" / "tickets.csv").rmdir()
    (folder / "data" / "tickets.csv").symlink_to("/etc/passwd")
    assert "is a link to /etc/passwd, outside the workbook's data/ folder" in only_problem(folder)
    (folder / "data" / "tickets.csv").unlink()
    import os

    os.mkfifo(folder / "data" / "survey.csv")  # would block a reader forever
    assert "is not a regular file (a named pipe" in only_problem(folder)


def test_an_oversized_text_file_is_refused_before_reading(tmp_path, monkeypatch):
    from sqmkit import files

    monkeypatch.setattr(files, "MAX_TEXT_BYTES", 100)
    text = only_problem(make_workbook(tmp_path, {"tickets.csv": TICKETS_EN}))
    assert "more than sqmkit reads from text files" in text and "Parquet" in text


def test_control_characters_are_removed_with_a_note(tmp_path):
    wb = io.load_workbook(make_workbook(tmp_path, {"tickets.csv": TICKETS_EN.replace("华南组,P2", "华南\x00组,P2")}))
    assert wb.get("tickets")["team"].iloc[1] == "华南组"
    assert any("1 control character(s) (such as NUL) removed" in n for n in wb.config["notes"])


def test_survey_columns_named_in_the_config(tmp_path):
    config = "client: x\nsurvey:\n  overall: {column: q_sat, min: 0, max: 10}\n  nps: {column: recommend}\n"
    survey = "respondent_id,q_sat,recommend\nR1,9,10\nR2,4,3\n"
    wb = io.load_workbook(make_workbook(tmp_path, {"survey.csv": survey}, config))
    assert wb.get("survey")["q_sat"].tolist() == [9.0, 4.0] and wb.get("survey")["recommend"].dtype == float
    bad = "respondent_id,q_sat,recommend\nR1,11,10\n"
    assert "column 'q_sat': value outside the allowed range 0–10" in only_problem(
        make_workbook(tmp_path / "b", {"survey.csv": bad}, config))
    missing = "respondent_id,overall\nR1,4\n"
    text = " ".join(str(p) for p in io.validate_workbook(make_workbook(tmp_path / "c", {"survey.csv": missing}, config)))
    assert "required column 'q_sat' is missing" in text and "required column 'recommend' is missing" in text


def test_priorities_without_sla_hours_are_found_by_validate(tmp_path):
    config = "client: x\nsla_hours: {P1: 4, P2: 24}\n"
    text = only_problem(make_workbook(tmp_path, {"tickets.csv": TICKETS_EN}, config))
    assert "column 'priority': priority without SLA hours in sqmkit.yaml (sla_hours has ['P1', 'P2']) in 1 row — rows 4" in text
    assert "Fix: add P3: HOURS to sla_hours" in text
    blank = TICKETS_EN.replace(",P3,", ",,")
    assert io.validate_workbook(make_workbook(tmp_path / "b", {"tickets.csv": blank}, config)) == []


def test_cause_cycles_and_why_gaps_are_found_by_validate(tmp_path):
    causes = "problem_id,cause_id,category,cause,parent_id\nP1,K1,人,新员工多,K2\nP1,K2,人,培训不足,K1\n"
    whys = "problem_id,chain_id,step,why,because\nP1,C1,1,为什么慢,人手少\nP1,C1,3,为什么,排班\n"
    problems = "problem_id,statement\nP1,等待时间长\n"
    text = " ".join(str(p) for p in io.validate_workbook(make_workbook(tmp_path, {
        "causes.csv": causes, "whys.csv": whys, "problems.csv": problems})))
    assert "causes.csv: Table 'causes', column 'parent_id': rows 2, 3" in text and "cycle of parents" in text
    assert "whys.csv: Table 'whys': chain 'C1' has steps [1, 3] with a gap" in text
