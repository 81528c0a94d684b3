"""Saving edited tables back as the client made them (sqmkit.writeback via io.write_table, issue 11)."""
from __future__ import annotations

import os
import stat

import openpyxl
import pandas as pd
import pytest

from sqmkit import io
from sqmkit.exceptions import DataValidationError
from conftest import make_workbook


CAUSES_ZH = ("问题编号,原因编号,类别,原因,上级原因,票数,已验证,证据\r\n"
             "P01,F01,人,新员工多,,5,是,排班表\r\n"
             "P01,F02,人,培训不足,F01,3,否,\r\n"
             "P01,F03,法,流程复杂,,2,否,\"流程图, 第3版\"\r\n")


def add_row(frame: pd.DataFrame, **values) -> pd.DataFrame:
    row = pd.DataFrame([values], index=[frame.index.max() + 1])
    out = pd.concat([frame, row])
    out.attrs = frame.attrs
    return out


def test_a_gbk_file_with_chinese_headers_stays_as_the_client_made_it(tmp_path):
    folder = make_workbook(tmp_path, {"causes.csv": CAUSES_ZH.encode("gbk")})
    path = folder / "data" / "causes.csv"
    os.chmod(path, 0o640)
    causes = io.load_workbook(folder).get("causes")
    edited = add_row(causes, problem_id="P01", cause_id="F04", category="机", cause="系统卡顿", parent_id=None,
                     votes=4.0, verified=True, evidence=None)
    io.write_table(folder, "causes", edited)
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")                       # no BOM was added
    text = raw.decode("gbk")                                          # still GBK
    lines = text.split("\r\n")                                        # still CRLF
    assert lines[:4] == CAUSES_ZH.split("\r\n")[:4]                   # header and untouched rows: same text
    assert lines[4] == "P01,F04,机,系统卡顿,,4,是,"                    # 4 not 4.0, 是 as the column writes it
    assert stat.S_IMODE(path.stat().st_mode) == 0o640                 # file mode kept
    backups = list((folder / "data" / ".backup").iterdir())
    assert len(backups) == 1 and backups[0].read_bytes() == CAUSES_ZH.encode("gbk")
    assert io.load_workbook(folder).get("causes")["cause"].tolist() == ["新员工多", "培训不足", "流程复杂", "系统卡顿"]


def test_two_saves_in_a_row_keep_both_and_a_stale_frame_is_refused(tmp_path):
    folder = make_workbook(tmp_path, {"causes.csv": CAUSES_ZH.encode("gbk")})
    causes = io.load_workbook(folder).get("causes")
    first = add_row(causes, problem_id="P01", cause_id="F04", category="机", cause="系统卡顿")
    io.write_table(folder, "causes", first)
    second = add_row(first, problem_id="P01", cause_id="F05", category="环", cause="噪音大")  # the same editor's frame
    io.write_table(folder, "causes", second)
    assert io.reload_table(folder, "causes")["cause_id"].tolist() == ["F01", "F02", "F03", "F04", "F05"]
    before = (folder / "data" / "causes.csv").read_bytes()
    stale = add_row(causes, problem_id="P01", cause_id="F04", category="人", cause="另一个原因")  # read before both saves
    with pytest.raises(io.StaleTableError, match=r"causes.csv changed on disk after this table was read.*Fix: reload "
                                                 r"the table .* nothing was written"):
        io.write_table(folder, "causes", stale)
    assert (folder / "data" / "causes.csv").read_bytes() == before


def test_the_bundled_sample_is_never_written():
    from sqmkit.resources import sample_workbook

    causes = io.load_workbook("").get("causes")
    with pytest.raises(io.ReadOnlyWorkbookError, match=r"bundled sample workbook, which is read-only.*"
                                                       r"Fix: make an editable copy with `sqmkit sample DIR`"):
        io.write_table(sample_workbook(), "causes", causes)


def test_utf8_with_bom_lf_and_values_in_the_files_spelling(tmp_path):
    actions = ("\ufeff措施编号,措施,状态,开始日期,截止日期,完成日期,有效性\n"
               "A01,智能路由,已完成,1/6/2025,30/6/2025,28/6/2025,100\n"
               "A02,排班优化,进行中,13/6/2025,31/7/2025,,\n")
    folder = make_workbook(tmp_path, {"actions.csv": actions.encode("utf-8")})
    table = io.load_workbook(folder).get("actions")
    assert table.loc[0, "start"] == pd.Timestamp("2025-06-01")           # day-first, settled by 30/6 and 13/6
    table.loc[1, "status"], table.loc[1, "done_date"] = "done", pd.Timestamp("2025-07-02")
    edited = add_row(table, action_id="A03", action="知识库", status="open", start=pd.Timestamp("2025-08-05"))
    io.write_table(folder, "actions", edited)
    raw = (folder / "data" / "actions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[1] == "A01,智能路由,已完成,1/6/2025,30/6/2025,28/6/2025,100"          # untouched
    assert lines[2] == "A02,排班优化,已完成,13/6/2025,31/7/2025,2/7/2025,"             # 已完成 as the file spells it
    assert lines[3] == "A03,知识库,未开始,5/8/2025,,,"                                 # day-first; Chinese status


def test_decimal_commas_and_semicolons_are_kept(tmp_path):
    costs = "record_id;date;category;cost\r\nR1;2025-01-01;账单;52,88\r\nR2;2025-01-02;网络;3,5\r\n"
    folder = make_workbook(tmp_path, {"complaints.csv": costs.encode("utf-8")})
    table = io.load_workbook(folder).get("complaints")
    io.write_table(folder, "complaints", add_row(table, record_id="R3", date=pd.Timestamp("2025-01-03"),
                                                   category="账单", cost=12.25))
    assert (folder / "data" / "complaints.csv").read_text(encoding="utf-8").splitlines()[3] == "R3;2025-01-03;账单;12,25"


def test_an_xlsx_keeps_its_other_sheets_and_styles(tmp_path):
    folder = make_workbook(tmp_path, {})
    path = folder / "data" / "complaints.xlsx"
    book = openpyxl.Workbook()
    readme = book.active
    readme.title = "README"
    readme["A1"] = "每个工作表一张表"
    sheet = book.create_sheet("complaints")
    sheet.append(["投诉编号", "日期", "类别"])
    sheet.append(["R1", pd.Timestamp("2025-01-05").to_pydatetime(), "账单"])
    sheet["A2"].font = openpyxl.styles.Font(bold=True)
    needs = book.create_sheet("needs")
    needs.append(["需求编号", "需求"])
    needs.append(["N01", "响应快"])
    book.save(path)
    table = io.load_workbook(folder).get("complaints")
    io.write_table(folder, "complaints", add_row(table, record_id="R2", date=pd.Timestamp("2025-01-06"), category="网络"))
    saved = openpyxl.load_workbook(path)
    assert saved.sheetnames == ["README", "complaints", "needs"] and saved["README"]["A1"].value == "每个工作表一张表"
    assert [c.value for c in saved["needs"][2]] == ["N01", "响应快"]
    rows = list(saved["complaints"].iter_rows(values_only=True))
    assert rows[0] == ("投诉编号", "日期", "类别") and rows[2][0] == "R2" and rows[2][1].day == 6
    assert saved["complaints"]["A2"].font.bold
    assert len(io.load_workbook(folder).get("complaints")) == 2 and io.load_workbook(folder).get("needs") is not None


def test_a_header_only_template_or_no_file_at_all(tmp_path):
    from sqmkit.report import scaffold_workbook

    folder = scaffold_workbook(tmp_path / "new", lang="zh")
    template = (folder / "data" / "causes.csv").read_bytes()
    first = pd.DataFrame({"problem_id": ["P01"], "cause_id": ["K01"], "category": ["人"], "cause": ["新员工多"]})
    io.write_table(folder, "causes", first)
    raw = (folder / "data" / "causes.csv").read_bytes()
    assert raw.splitlines()[0] == template.splitlines()[0]            # the template's Chinese headers, BOM kept
    assert io.reload_table(folder, "causes")["cause"].tolist() == ["新员工多"]
    (folder / "data" / "whys.csv").unlink()
    io.write_table(folder, "whys", pd.DataFrame({"problem_id": ["P01"], "chain_id": ["C1"], "step": [1],
                                                 "why": ["为什么慢"], "because": ["人手少"]}))
    created = (folder / "data" / "whys.csv").read_bytes()
    assert created.startswith("\ufeff问题编号,链编号,步骤".encode("utf-8"))


def test_a_frame_built_from_scratch_does_not_overwrite_rows_it_never_saw(tmp_path):
    folder = make_workbook(tmp_path, {"causes.csv": CAUSES_ZH.encode("gbk")})
    fresh = pd.DataFrame({"problem_id": ["P01"], "cause_id": ["K01"], "category": ["人"], "cause": ["新员工多"]})
    with pytest.raises(io.StaleTableError, match=r"causes.csv has 3 row\(s\) that the table being saved was not read"):
        io.write_table(folder, "causes", fresh)


def test_an_edit_that_breaks_the_contract_writes_nothing(tmp_path):
    folder = make_workbook(tmp_path, {"causes.csv": CAUSES_ZH.encode("gbk")})
    causes = io.load_workbook(folder).get("causes")
    twice = add_row(causes, problem_id="P01", cause_id="F01", category="人", cause="重复编号")
    with pytest.raises(DataValidationError, match=r"column 'cause_id' \(header '原因编号'\): repeated value"):
        io.write_table(folder, "causes", twice)
    assert (folder / "data" / "causes.csv").read_bytes() == CAUSES_ZH.encode("gbk")
    assert not list((folder / "data").glob(".causes.*"))              # no temporary file left


def test_columns_an_analysis_added_are_not_written(tmp_path):
    folder = make_workbook(tmp_path, {"causes.csv": CAUSES_ZH.encode("gbk")})
    causes = io.load_workbook(folder).get("causes")
    causes["bone"], causes["level"] = "人", 1
    io.write_table(folder, "causes", causes)
    assert (folder / "data" / "causes.csv").read_bytes().decode("gbk").splitlines()[0] == CAUSES_ZH.splitlines()[0]


def test_replace_writes_a_whole_new_table_in_the_files_style(tmp_path):
    folder = make_workbook(tmp_path, {"tickets.csv": "工单编号,创建时间\r\nT1,2025-01-01 09:00\r\n".encode("gbk")})
    new = pd.DataFrame({"ticket_id": ["X1", "X2"], "created_at": pd.to_datetime(["2025-02-01 10:00", "2025-02-02 11:30"]),
                        "channel": ["电话", "在线"]})
    io.write_table(folder, "tickets", new, replace=True)
    text = (folder / "data" / "tickets.csv").read_bytes().decode("gbk")
    assert text.split("\r\n")[0] == "工单编号,创建时间,渠道"
    assert io.reload_table(folder, "tickets")["ticket_id"].tolist() == ["X1", "X2"]
