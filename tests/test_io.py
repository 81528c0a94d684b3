"""Reading, validating and writing workbooks (sqmkit.io, sqmkit.schemas)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sqmkit import io, schemas
from sqmkit.exceptions import ConfigError, DataValidationError

TICKETS_EN = """ticket_id,created_at,first_response_at,resolved_at,channel,category,team,priority,contacts,escalated,reopened,customer_id
T1,2025-01-01 09:00,2025-01-01 09:10,2025-01-01 12:00,电话,账单查询,华东一组,P1,1,0,0,C1
T2,2025-01-02 10:00,2025-01-02 10:30,,APP,网络故障,华南组,P2,2,1,0,C2
T3,2025/1/3 8:05,,2025-01-04 08:05,邮件,账单查询,华南组,P3,1,否,是,C1
"""


def make_workbook(tmp_path: Path, files: dict[str, str | bytes], config: str = "client: 测试客户\nlang: zh\n") -> Path:
    folder = tmp_path / "wb"
    (folder / "data").mkdir(parents=True)
    (folder / "sqmkit.yaml").write_text(config, encoding="utf-8")
    for name, content in files.items():
        path = folder / "data" / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


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
    problems = [str(p) for p in io.validate_workbook(make_workbook(tmp_path, {
        "ticket.csv": TICKETS_EN, "tickets.csv": TICKETS_EN, "tickets.xlsx": b"", "notes.md": "x", "_old.csv": "x"}))]
    assert len(problems) == 2
    assert any("'ticket' is not a table sqmkit knows. Fix: rename the file" in p for p in problems)
    assert any("the table 'tickets' is also in tickets.csv" in p for p in problems)


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
    assert path == folder / "data" / "needs.csv"
    assert path.read_text(encoding="utf-8-sig").splitlines()[0] == "需求编号,需求"
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
