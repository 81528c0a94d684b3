"""Personal data masked in every common spelling and every free-text field (sqmkit.pii, io.load_workbook; issue 18).

Published formats the rules follow (named in sqmkit/pii.py and docs/DEVELOPING.md):
- resident identity numbers: GB 11643-1999 《公民身份号码》, check digit by ISO 7064:2003 MOD 11-2; its worked
  example is 11010519491231002X;
- card numbers: ISO/IEC 7812-1, Luhn check (annex B); 4111 1111 1111 1111 is the test card number every
  payment network publishes;
- phone numbers: the MIIT numbering plan (电信网编号计划): mobile 1[3-9] + 9 digits, landline 0 + area code +
  7-8 digits, 400/800 service numbers; country code +86 (ITU-T E.164).
"""
from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from sqmkit import io, pii
from sqmkit.exceptions import ConfigError, DataValidationError
from conftest import make_workbook


#: The spellings issue 18 found in clear in page 05 and the executed notebook, and what masks them.
ISSUE_PAYLOADS = {
    "138.1234.5678": "phone",
    "１３８１２３４５６７８": "phone",            # full-width digits
    "0755-8888 8888": "phone",
    "110105 19491231 002X": "id",
    "6222 0212 3456 7890 123": "card",        # UnionPay 62, 19 digits (fails Luhn: masked as a UnionPay number)
    "6222021234567890123": "card",
}

VARIANTS = {
    # mobile
    "13812345678": "phone", "138 1234 5678": "phone", "138-1234-5678": "phone", "138 - 1234 - 5678": "phone",
    "+86 138 1234 5678": "phone", "+86-138-1234-5678": "phone", "0086 13812345678": "phone",
    "(+86) 138 1234 5678": "phone", "（＋８６）１３８ １２３４ ５６７８": "phone", "１３８－１２３４－５６７８": "phone",
    "138\u30001234\u30005678": "phone", "1 3 8 1 2 3 4 5 6 7 8": "phone", "138\u200b1234\u200b5678": "phone",
    "138—1234—5678": "phone", "138．1234．5678": "phone",
    # landline and service numbers
    "0755-88888888": "phone", "(0755) 8888 8888": "phone", "（０７５５）８８８８８８８８": "phone",
    "010-1234 5678": "phone", "021.8765.4321": "phone", "0755 8888.8888": "phone", "+86 755 8888 8888": "phone",
    "+86 (0)755 8888 8888": "phone", "+86-10-12345678": "phone", "0755-8888 8888-123": "phone",
    "0755-88888888转801": "phone", "400-820-8820": "phone", "400 820 8820": "phone", "8008208820": "phone",
    # ID numbers (GB 11643-1999)
    "11010519491231002X": "id", "11010519491231002x": "id", "110105 1949 1231 002X": "id",
    "110105-19491231-002X": "id", "１１０１０５１９４９１２３１００２Ｘ": "id", "110101199003071233": "id",
    "110105491231002": "id",                  # the old 15-digit form (YYMMDD)
    # bank cards (ISO/IEC 7812, Luhn)
    "4111111111111111": "card", "4111 1111 1111 1111": "card", "4111-1111-1111-1111": "card",
    "６２２２ ０２１２ ３４５６ ７８９０ １２３": "card", "5500 0000 0000 0004": "card", "378282246310005": "card",
    # e-mail
    "zhang.san+cs@example.com.cn": "email", "li@example.com": "email", "ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ": "email",
}

#: Look-alikes that must stay as written.
LOOK_ALIKES = [
    "2025063012345678",        # order number, 16 digits, fails Luhn (not a UnionPay 62 number)
    "订单号 202501011234567890123",  # 21 digits: no card, no ID
    "2025-06-30", "2025.06.30", "2025/06/30 14:05", "20250630",
    "INC0012345", "RITM0012345", "ORD13812345678",   # ticket ids: digits glued to letters
    "1,234,567.89", "￥1,234,567.89", "金额 12345.67 元", "工单 12345",
    "110105199913450013",      # month 13: no birth date (and not Luhn-valid either)
    "0000 0000 0000 0000",     # Luhn-valid but one digit repeated
    "10086", "95588",          # short service numbers of the carriers and banks
    "1380013800",              # 10 digits: not a mobile number
    "P1 P2 P3", "v1.2.3", "3.14159",
]


@pytest.mark.parametrize("payload, kind", ISSUE_PAYLOADS.items())
def test_each_payload_of_the_issue_is_masked_alone_and_inside_a_comment(payload, kind):
    assert pii.mask_pii(payload) == pii.placeholder(kind)
    comment = f"客服态度差，请回电{payload}，谢谢。"
    assert pii.mask_pii(comment) == f"客服态度差，请回电{pii.placeholder(kind)}，谢谢。"   # the rest kept as written
    assert pii.mask_pii(f"Please call {payload} today", lang="en") == f"Please call {pii.placeholder(kind, 'en')} today"
    assert pii.find_pii(comment)["kind"].tolist() == [kind]


@pytest.mark.parametrize("payload, kind", VARIANTS.items())
def test_every_common_spelling_is_masked(payload, kind):
    found = pii.find_pii(f"联系方式：{payload}。")
    assert found["kind"].tolist() == [kind] and found["text"].iloc[0] == payload


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_are_not_masked(text):
    assert pii.mask_pii(text) == text
    assert pii.mask_pii(f"备注：{text}，已处理") == f"备注：{text}，已处理"


def test_the_published_check_digits():
    # GB 11643-1999 worked example; ISO 7064 MOD 11-2 weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
    assert pii.id_check_digit("11010519491231002") == "X"
    assert pii.id_check_digit("11010119900307123") == "3"
    assert pii.is_id_number("11010519491231002X") and not pii.is_id_number("11010519491231002Y")
    assert not pii.is_id_number("110105194912310021")           # the check digit must be X
    assert not pii.is_id_number("110105194902300021", checked=False)   # 30 February
    # a wrong check digit is a mistyped ID number: still masked (the sample's synthetic ones fail the check too)
    assert pii.mask_pii("身份证号110105194912310021") == "身份证号[身份证号]"
    # ISO/IEC 7812-1 Luhn: the networks' published test numbers pass, one changed digit fails
    for card in ("4111111111111111", "5500000000000004", "378282246310005", "6011111111111117"):
        assert pii.luhn_valid(card) and pii.is_card_number(card)
    assert not pii.luhn_valid("4111111111111112") and not pii.is_card_number("2025063012345678")
    assert not pii.luhn_valid("6222021234567890123") and pii.is_card_number("6222021234567890123")  # UnionPay


def test_several_pieces_in_one_text_and_a_run_of_numbers():
    text = "张三 138 1234 5678，卡 6222021234567890123，日期 2025-06-30，邮件 z@x.cn，工单 INC0012345"
    assert pii.mask_pii(text) == "张三 [电话]，卡 [银行卡号]，日期 2025-06-30，邮件 [邮箱]，工单 INC0012345"
    assert pii.mask_pii("13812345678 2025-06-30") == "[电话] 2025-06-30"
    assert pii.mask_pii("卡号 2025 06 30 4111 1111 1111 1111") == "卡号 2025 06 30 [银行卡号]"
    assert pii.mask_pii("13812345678@139.com") == "[邮箱]"                  # e-mail first: one placeholder


def test_types_pass_through_and_the_text_module_keeps_its_api():
    from sqmkit.satisfaction import comments as text

    s = pd.Series(["call 13912345678", None, float("nan"), 13912345678])
    out = text.mask_pii(s, lang="en")
    assert out.iloc[0] == "call [phone]" and out.iloc[1:3].isna().all() and out.iloc[3] == 13912345678
    assert text.mask_pii(("a@b.cn",)) == ("[邮箱]",)
    assert text.masked_cells(out) == 1
    with pytest.raises(DataValidationError, match=r"The value for `lang` must be one of \['zh', 'en'\], but 'fr'"):
        pii.mask_pii("x", lang="fr")


# --------------------------------------------------------------------------- a workbook loaded for analysis
CAUSES = ("problem_id,cause_id,category,cause,parent_id,votes,verified,evidence\r\n"
          "P01,F01,人,坐席反映：主管电话 138.1234.5678 常占线,,5,是,见邮件 wang.wu@example.org\r\n"
          "P01,F02,人,培训不足,F01,3,否,\"回访 (021) 8765 4321, 第3版\"\r\n"
          "P01,F03,法,流程复杂,,2,否,\r\n")
ACTIONS = ("措施编号,问题编号,措施,负责人,状态,截止日期,备注\n"
           "A01,P01,排班优化,赵六 186-0000-1111,进行中,2025-07-31,客户卡号 6222021234567890123\n"
           "A02,P01,培训,李四,未开始,2025-08-31,订单 2025063012345678\n")
PROBLEMS = "problem_id,statement,owner\nP01,首次响应慢,客服中心总监 0755-2345 6789 转 801\n"
TICKETS = ("ticket_id,created_at,resolved_at,channel,priority,customer_id,agent_id\n"
           "INC0012345,2025-06-30 09:00,2025-06-30 10:00,电话,P1,13812345678,A7\n"
           "INC0012346,2025-06-30 09:30,2025-06-30 11:00,电话,P1,13812345678,A8\n"
           "INC0012347,2025-06-30 10:00,2025-06-30 12:00,APP,P2,C0099,A7\n")


def test_every_free_text_column_of_every_table_is_masked_and_the_rest_kept(tmp_path):
    folder = make_workbook(tmp_path, {"causes.csv": CAUSES, "actions.csv": ACTIONS, "problems.csv": PROBLEMS,
                                 "tickets.csv": TICKETS})
    wb = io.load_workbook(folder)
    causes, actions, problems = wb.get("causes"), wb.get("actions"), wb.get("problems")
    assert causes["cause"].tolist() == ["坐席反映：主管电话 [电话] 常占线", "培训不足", "流程复杂"]
    assert causes["evidence"].tolist()[:2] == ["见邮件 [邮箱]", "回访 [电话], 第3版"]
    assert actions["owner"].tolist() == ["赵六 [电话]", "李四"]
    assert actions["备注"].tolist() == ["客户卡号 [银行卡号]", "订单 2025063012345678"]   # the file's own column too
    assert problems["owner"].iloc[0] == "客服中心总监 [电话]"
    tickets = wb.get("tickets")                                     # ids, dates, choices: as written
    assert tickets["ticket_id"].tolist() == ["INC0012345", "INC0012346", "INC0012347"]
    assert tickets["customer_id"].iloc[0] == "13812345678"          # an id: only pii_columns replace it
    assert str(actions["due"].iloc[0].date()) == "2025-07-31" and actions["status"].tolist() == ["in_progress", "open"]
    assert causes.attrs["pii_masked"] == {"cause": 1, "evidence": 2}
    assert any("personal data masked for the analysis in 'cause' (1 cell), 'evidence' (2 cells)" in n
               for n in wb.config["notes"])
    assert "pii_masked" not in wb.get("tickets").attrs
    # the editors read the client's text
    assert io.reload_table(folder, "causes")["cause"].iloc[0] == "坐席反映：主管电话 138.1234.5678 常占线"
    assert "pii_masked" not in io.reload_table(folder, "causes").attrs
    validated, problems_found = io.read_workbook(folder)                # sqmkit validate: masked too
    assert problems_found == [] and validated.get("causes")["cause"].iloc[0].endswith("[电话] 常占线")


def test_a_masked_frame_is_never_saved_and_a_workshop_save_keeps_the_clients_bytes(tmp_path):
    folder = make_workbook(tmp_path, {"causes.csv": CAUSES})
    path = folder / "data" / "causes.csv"
    before = path.read_bytes()
    masked = io.load_workbook(folder).get("causes")
    with pytest.raises(DataValidationError, match=r"The causes table given to write_table was loaded for analysis with "
                                                  r"personal data masked \(columns \['cause', 'evidence'\]\).*nothing was "
                                                  r"written\. Fix: edit the table as io.reload_table"):
        io.write_table(folder, "causes", masked)
    assert path.read_bytes() == before
    editor = io.reload_table(folder, "causes")                          # what TableEditor starts from
    row = pd.DataFrame([{"problem_id": "P01", "cause_id": "F04", "category": "机", "cause": "系统卡顿"}],
                       index=[editor.index.max() + 1])
    edited = pd.concat([editor, row])
    edited.attrs = editor.attrs
    io.write_table(folder, "causes", edited)
    lines = path.read_bytes().split(b"\r\n")
    assert lines[:4] == before.split(b"\r\n")[:4]                        # untouched rows: the same bytes, phones kept
    assert lines[4] == "P01,F04,机,系统卡顿,,,,".encode()
    assert io.load_workbook(folder).get("causes")["cause"].iloc[0].endswith("[电话] 常占线")


def test_the_ui_editor_reads_and_saves_unmasked(tmp_path):
    from sqmkit.ui import TableEditor
    from sqmkit.rootcause.widgets import _apply_cause

    folder = make_workbook(tmp_path, {"causes.csv": CAUSES})
    before = (folder / "data" / "causes.csv").read_bytes()
    editor = TableEditor(folder, "causes", apply=_apply_cause)
    assert "138.1234.5678" in editor.frame["cause"].iloc[0]
    editor.edit(cause="系统卡顿", category="机", problem_id="P01")
    editor.save()
    after = (folder / "data" / "causes.csv").read_bytes()
    assert after.startswith(before)                                      # the three client rows byte for byte


def test_pii_columns_replace_whole_values_by_numbered_pseudonyms(tmp_path):
    config = "client: 测试\nlang: zh\npii_columns: [customer_id, 负责人]\n"
    folder = make_workbook(tmp_path, {"actions.csv": ACTIONS, "tickets.csv": TICKETS}, config)
    wb = io.load_workbook(folder)
    tickets, actions = wb.get("tickets"), wb.get("actions")
    assert tickets["customer_id"].tolist() == ["[个人信息 #1]", "[个人信息 #1]", "[个人信息 #2]"]  # equal stays equal
    assert actions["owner"].tolist() == ["[个人信息 #1]", "[个人信息 #2]"]                      # a Chinese header
    assert tickets.attrs["pii_masked"]["customer_id"] == 3
    assert io.reload_table(folder, "tickets")["customer_id"].iloc[0] == "13812345678"
    en = make_workbook(tmp_path / "en", {"tickets.csv": TICKETS},
                  "client: x\nlang: en\npii_columns: {tickets: [agent_id, channel]}\n")
    tickets = io.load_workbook(en).get("tickets")
    assert tickets["agent_id"].tolist() == ["[personal data #1]", "[personal data #2]", "[personal data #1]"]
    assert tickets["channel"].tolist() == ["[personal data #1]", "[personal data #1]", "[personal data #2]"]


def test_a_pii_column_no_table_has_is_a_note(tmp_path):
    folder = make_workbook(tmp_path, {"tickets.csv": TICKETS}, "client: x\npii_columns: [客户姓名]\n")
    notes = io.load_workbook(folder).config["notes"]
    assert any("pii_columns names '客户姓名', which any table of this workbook does not have" in n for n in notes)


@pytest.mark.parametrize("setting, message", [
    ("pii_columns: 5", r"`pii_columns` must be a list of column names or a mapping \{table: \[columns\]\}; got 5"),
    ("pii_columns: {orders: [name]}", r"`pii_columns` names the table\(s\) \['orders'\], which a workbook does not have"),
    ("pii_columns: {tickets: [[a]]}", r"`pii_columns.tickets` must be a list of column names; got \[\['a'\]\]"),
    ("pii_columns: [created_at]", r"`pii_columns` names 'created_at', which is a datetime column in the tickets table"),
    ("pii_columns: {actions: [cause_id]}", r"names 'cause_id', which is an id that links tables in the actions table"),
    ("pii_columns: [状态]", r"names '状态', which is a choice column in the actions table"),
    ("pii_columns: [kpi]", r"names 'kpi', which is an id that links tables in the kpi_targets table.*Fix: leave it "
                           r"out of pii_columns .*name the table the column is text in"),
    ("pii_columns: [overall]", r"names 'overall', which is a survey rating column"),
])
def test_pii_columns_is_checked_like_every_setting(tmp_path, setting, message):
    folder = make_workbook(tmp_path, {}, f"client: x\n{setting}\n")
    with pytest.raises(ConfigError, match=message):
        io.load_config(folder)


def test_pii_columns_accepts_text_own_columns_and_unlinked_ids(tmp_path):
    folder = make_workbook(tmp_path, {}, "client: x\npii_columns: {problems: [kpi], tickets: customer_id}\n")
    assert io.load_config(folder)["pii_columns"] == {"problems": ["kpi"], "tickets": ["customer_id"]}
    folder = make_workbook(tmp_path / "b", {}, "client: x\n")
    assert io.load_config(folder)["pii_columns"] == {}


def test_data_problems_name_rows_but_mask_the_values(tmp_path):
    bad = TICKETS.replace("channel,priority", "contacts,priority").replace(",电话,P1,", ",138-1234-5678,P1,", 1)
    folder = make_workbook(tmp_path, {"tickets.csv": bad})
    problems = io.validate_workbook(folder)
    # the placeholder is in the reader's language: [phone] in English, [电话] in Chinese
    assert len(problems) == 1 and "rows 2, 3, 4 (values '[phone]', '电话', 'APP')" in problems[0].text("en")
    assert "第 2、3、4 行（值：'[电话]'、'电话'、'APP'）" in problems[0].text("zh")
    assert "138-1234-5678" not in problems[0].text("en") + problems[0].text("zh")


# --------------------------------------------------------------------------- every output of a real run
def _with_pii(small: Path) -> dict[str, str]:
    """Put the issue's payloads and variants into comments, causes, evidence, owners; return {payload: field}."""
    from sqmkit.resources import sample_workbook

    placed: dict[str, str] = {}
    survey = pd.read_csv(small / "data" / "survey.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    comments = [*ISSUE_PAYLOADS, "zhang.san@example.com", "(+86) 139 8765 4321", "4111 1111 1111 1111"]
    themes = ["等待时间太长", "问题没解决", "态度差", "流程繁琐", "乱扣费", "网速慢经常掉线"]  # one theme each:
    for i, payload in enumerate(comments):                        # the lowest-rated examples page 05 shows
        survey.loc[survey.index[i + 1], "comment"] = f"{themes[i % 6]}，联系我{payload}，不满意{i}"
        survey.loc[survey.index[i + 1], "overall"] = "1"
        placed[payload] = "survey.comment"
    survey.to_csv(small / "data" / "survey.csv", index=False, encoding="utf-8-sig")
    sample = sample_workbook() / "data"
    causes = pd.read_csv(sample / "causes.csv", dtype=str, keep_default_na=False)
    causes.loc[0, "cause"] = "坐席技能不均衡（组长 137 0000 2222）"
    causes.loc[1, "evidence"] = "见 li.si@example.org 与 110101199003071233 的记录"
    causes.to_csv(small / "data" / "causes.csv", index=False)
    placed.update({"137 0000 2222": "causes.cause", "li.si@example.org": "causes.evidence",
                   "110101199003071233": "causes.evidence"})
    actions = pd.read_csv(sample / "actions.csv", dtype=str, keep_default_na=False)
    actions.loc[0, "owner"] = "系统支持组 王五 186-0000-1111"
    actions.loc[1, "owner"] = "运营计划组 0755-2345 6789"
    actions.loc[2, "standardized"] = "联系 ops@example.net"
    actions.to_csv(small / "data" / "actions.csv", index=False)
    placed.update({"186-0000-1111": "actions.owner", "0755-2345 6789": "actions.owner",
                   "ops@example.net": "actions.standardized"})
    for name in ("problems", "whys"):
        shutil.copy(sample / f"{name}.csv", small / "data" / f"{name}.csv")
    return placed


def _output_text(path: Path) -> str:
    """A file of the report as text a reader (or Excel) sees: XLSX parts unzipped, JSON parsed, entities decoded."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            raw = "\n".join(book.read(n).decode("utf-8", "replace") for n in book.namelist() if n.endswith(".xml"))
    else:
        raw = path.read_bytes().decode("utf-8", "replace")
        if path.suffix in (".json", ".ipynb"):
            try:
                raw = json.dumps(json.loads(raw), ensure_ascii=False)
            except ValueError:
                pass
    return unicodedata.normalize("NFKC", html.unescape(raw))


def test_no_payload_in_any_output_of_a_real_run(small_workbook, tmp_path):
    placed = _with_pii(small_workbook)
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "sqmkit", "run", str(small_workbook), "--out", str(out),
                          "--no-progress", "--jobs", "2"], capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    files = [p for p in out.rglob("*") if p.is_file()]
    kinds = {p.suffix for p in files}
    assert {".html", ".csv", ".xlsx", ".json", ".ipynb", ".log"} <= kinds, kinds
    assert (out / "tables.xlsx").is_file() and (out / "results.json").is_file()
    needles = {}
    for payload in placed:
        seen = unicodedata.normalize("NFKC", payload)
        needles[payload] = {seen, "".join(c for c in seen if c.isalnum())}
    leaks = [(payload, placed[payload], str(p.relative_to(out))) for p in files for payload, forms in needles.items()
             if any(form in _output_text(p) for form in forms)]
    assert leaks == []
    for stream in (run.stdout, run.stderr):
        assert not [p for p, forms in needles.items() if any(f in unicodedata.normalize("NFKC", stream) for f in forms)]
    # where the payloads went (without masking each of them shows in these files): the placeholders
    page05 = _output_text(out / "05_satisfaction.html")
    assert all(pii.placeholder(k) in page05 for k in ("phone", "id", "card", "email"))
    assert "[电话]" in _output_text(out / "tables" / "04_pdca_tracking__action_status.csv")
    assert "[邮箱]" in _output_text(out / "tables" / "03_root_cause__fishbone.csv")
    # the masks are there to read: page 05 counts the masked comments
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert results["05_satisfaction"]["comments_masked"]["value"] >= len(ISSUE_PAYLOADS)
