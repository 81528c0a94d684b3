"""The messages of `sqmkit validate` in the workbook's language (sqmkit.glossary.messages).

Every template renders in Chinese and English with its fields; a Chinese workbook's problems, the notes of
what was decided while reading it and the refusals of sqmkit.yaml read in Chinese through ``err.text("zh")``
(and ``glossary.render(note, "zh")``), and in the English the ``match=`` tests elsewhere expect.
"""
from __future__ import annotations

import pickle
import re
import string

import pytest

from sqmkit import glossary, io
from sqmkit.backups import ReadOnlyWorkbookError, check_writable
from sqmkit.exceptions import ConfigError, DataValidationError
from sqmkit.glossary import messages, render
from sqmkit.resources import sample_workbook
from conftest import make_workbook

CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")
# Chinese a Chinese reader's message may quote in English text: a header alias, an example client, flag spellings
EN_MAY_HOLD = ("星海电信客服中心", "客户姓名", "是/否")
HEADERS_ZH = "工单编号,创建时间,首次响应时间,解决时间,渠道,类别,班组,优先级,接触次数,升级,重开,客户编号"
TICKETS_ZH = f"""{HEADERS_ZH}
T1,2025-01-01 09:00,2025-01-01 09:10,2025-01-01 12:00,电话,账单查询,华东一组,P1,1,0,0,C1
T2,2025-01-02 10:00,2025-01-02 10:30,,APP,网络故障,华南组,P2,2,1,0,C2
T3,2025/1/3 8:05,,2025-01-04 08:05,邮件,账单查询,华南组,P3,1,否,是,C1
"""


@pytest.fixture(autouse=True)
def _no_language_override(monkeypatch):
    monkeypatch.delenv("SQMKIT_LANG", raising=False)


def _fields(template: str) -> dict[str, str]:
    """Field name → format spec of a template (``{size:,.0f}`` → ``{"size": ",.0f"}``)."""
    return {name: spec or "" for _, name, spec, _ in string.Formatter().parse(template) if name}


def _values(template: str) -> dict[str, object]:
    return {name: 1234.5 if spec else f"<{name}>" for name, spec in _fields(template).items()}


def test_every_template_has_the_same_fields_in_both_languages():
    differ = {key: (sorted(_fields(entry["zh"])), sorted(_fields(entry["en"])))
              for key, entry in messages.TEXTS.items()
              if key != "lang_pair" and set(_fields(entry["zh"])) != set(_fields(entry["en"]))}
    assert differ == {}


@pytest.mark.parametrize("key", sorted(set(messages.TEXTS) - {"lang_pair"}))
def test_every_template_renders_in_both_languages(key):
    entry = messages.TEXTS[key]
    said = glossary.message(key, **_values(entry["en"]))
    zh, en = render(said, "zh"), render(said, "en")
    assert str(said) == en
    for name in _fields(entry["en"]):
        if not _fields(entry["en"])[name]:
            assert f"<{name}>" in zh and f"<{name}>" in en
    assert not re.search(r"\{[a-z_]+\}", zh + en), (zh, en)  # every field filled in
    english = en
    for allowed in EN_MAY_HOLD:
        english = english.replace(allowed, "")
    assert not CJK.search(english), en
    if key not in ("lang_pair", "file_prefixed", "count_row", "count_rows", "config_yaml_where") and not key.startswith(
            ("format_", "encoding_")) and entry["zh"] != entry["en"]:
        assert CJK.search(zh), zh


def test_a_lang_pair_is_a_value_written_in_each_language():
    pair = glossary.message("lang_pair", zh="2、3", en="2, 3")
    assert (render(pair, "zh"), render(pair, "en"), str(pair)) == ("2、3", "2, 3", "2, 3")


def test_fields_may_be_messages_in_their_own_language():
    inner = glossary.message("check_not_null")
    said = glossary.message("data_problem", label="data/tickets.csv",
                            where=glossary.message("where_column", column="x"),
                            problem=inner, count=glossary.message("count_rows", n=2),
                            rows=glossary.message("lang_pair", zh="2、3", en="2, 3"), values="",
                            fix=glossary.message("check_not_null_fix"))
    assert render(said, "zh") == "data/tickets.csv：列 'x'：2 行为空——第 2、3 行。解决办法：这一列的每一行都要填写。"
    assert str(said) == ("data/tickets.csv: column 'x': blank cell in 2 rows — rows 2, 3. "
                         "Fix: fill in every row of this column.")


def _zh_problems(folder) -> dict[str, str]:
    """The workbook's problems as Chinese text, by column."""
    return {p.column: p.text("zh") for p in io.validate_workbook(folder)}


def test_a_chinese_workbook_reads_its_problems_in_chinese(tmp_path):
    bad = (TICKETS_ZH.replace("T2,2025-01-02 10:00", "T1,2025-01-02 10:00").replace("2025/1/3 8:05", "明天")
           .replace("电话,账单查询,华东一组,P1,1,", "电话,账单查询,华东一组,P1,三次,"))
    folder = make_workbook(tmp_path, {"tickets.csv": bad, "problems.csv": "问题编号,指标\nP1,frt\n"})
    found = _zh_problems(folder)
    assert "列 'ticket_id'（表头 '工单编号'）：2 行的值重复（必须唯一）——第 2、3 行" in found["ticket_id"]
    assert "解决办法：每行使用自己的编号，或删除重复的行。" in found["ticket_id"]
    assert "列 'created_at'（表头 '创建时间'）：1 行的值无法读作日期时间——第 4 行（值：'明天'）" in found["created_at"]
    assert "1 行的值无法读作数字——第 2 行（值：'三次'）。解决办法：只写数字（不带单位或文字），或留空。" in found["contacts"]
    assert ("缺少必需的列 'statement'（也可用中文表头：问题描述、问题）。现有的列：['问题编号', '指标']。"
            "解决办法：添加列 'statement'——问题描述（鱼骨图鱼头）。") in found["statement"]
    assert not any("Fix:" in text or " rows " in text for text in found.values())


def test_a_combined_error_lists_every_problem_in_chinese(tmp_path):
    bad = TICKETS_ZH.replace("T2,", ",").replace("2025/1/3 8:05", "someday")
    folder = make_workbook(tmp_path, {"tickets.csv": bad})
    with pytest.raises(DataValidationError, match=r"has 2 data problem\(s\)") as caught:
        io.load_workbook(folder)
    zh = caught.value.text("zh")
    lines = zh.splitlines()
    assert lines[0] == f"工作簿 {folder} 有 2 个数据问题："
    assert lines[1].startswith("  1. ") and "1 行的值无法读作日期时间" in zh and "1 行为空——第 3 行" in zh
    assert str(caught.value).splitlines()[0] == f"The workbook {folder} has 2 data problem(s):"
    assert "blank cell in 1 row — rows 3" in str(caught.value)


def test_sqmkit_lang_chooses_the_language_of_str(tmp_path, monkeypatch):
    folder = make_workbook(tmp_path, {"tickets.csv": TICKETS_ZH.replace("2025/1/3 8:05", "someday")})
    problem = io.validate_workbook(folder)[0]
    assert "cannot be read as a datetime" in str(problem)
    monkeypatch.setenv("SQMKIT_LANG", "zh")
    assert "无法读作日期时间" in str(problem)


def test_a_message_survives_pickling(tmp_path):
    folder = make_workbook(tmp_path, {"tickets.csv": TICKETS_ZH.replace("2025/1/3 8:05", "someday")})
    problem = io.validate_workbook(folder)[0]
    again = pickle.loads(pickle.dumps(problem))
    assert again.text("zh") == problem.text("zh") and str(again) == str(problem)


def test_date_order_and_offsets_in_chinese(tmp_path):
    complaints = "投诉编号,日期,类别\nR1,03/04/2025,账单\nR2,05/06/2025,网络\n"
    stamps = ("2025-03-29 10:00:00+01:00", "2025-03-31 10:00:00+02:00", "2025-04-01 10:00:00+02:00")
    tickets = "\n".join([HEADERS_ZH] + [f"T{i},{s},,,电话,账单查询,华东一组,P1,1,0,0,C1" for i, s in enumerate(stamps)])
    folder = make_workbook(tmp_path, {"complaints.csv": complaints, "tickets.csv": tickets + "\n"})
    found = _zh_problems(folder)
    assert ("列 'date' 有 '03/04/2025' 这样的日期，既可读作日在前也可读作月在前，列中没有任何值能确定是哪一种。"
            "解决办法：在 sqmkit.yaml 中加上 `date_order: DMY`") in found["date"]
    assert "列 'created_at' 的时间戳带有不同的 UTC 时差（+01:00, +02:00）" in found["created_at"]
    assert "`timezone: Asia/Shanghai`" in found["created_at"]
    english = {p.column: str(p) for p in io.validate_workbook(folder)}
    assert "that read as day-first or month-first, and none of its values settles which" in english["date"]


def test_mixed_day_and_month_first_in_chinese(tmp_path):
    complaints = "投诉编号,日期,类别\nR1,13/04/2025,账单\nR2,04/13/2025,网络\n"
    found = _zh_problems(make_workbook(tmp_path, {"complaints.csv": complaints}))
    assert "混用了日在前的日期（如 '13/04/2025'）和月在前的日期（如 '04/13/2025'）" in found["date"]
    assert "整列使用同一种格式" in found["date"]


def test_file_refusals_in_chinese(tmp_path):
    big5 = "投訴編號,日期,類別\nR1,2025-01-01,帳單錯誤\n".encode("big5")
    folder = make_workbook(tmp_path, {"complaints.csv": big5, "tickets.xls": b"\xd0\xcf\x11\xe0", "needs.csv": b"",
                                      "volumes2.csv": "a,b\n1,2\n"})
    found = sorted(p.text("zh") for p in io.validate_workbook(folder))
    assert any("文件看起来是 Big5（繁体中文）编码的文本" in t and "另存为“CSV UTF-8”" in t for t in found), found
    assert any("tickets.xls：是 Excel 97–2003 工作簿，sqmkit 不读取这种格式" in t for t in found), found
    assert any("needs.csv：文件是空的（没有表头行）" in t for t in found), found
    assert any("'volumes2' 不是 sqmkit 认识的数据表。解决办法：把文件改名为以下之一" in t for t in found), found


def test_notes_of_what_was_decided_read_in_chinese(tmp_path):
    tickets = (f"{HEADERS_ZH}\nT1,13/01/2025 09:00,13/01/2025 09:10,,电话,账单查询,华东一组,P1,1,0,0,C1\n"
               "T2,02/01/2025 10:00,,,APP,网络故障,华南\x00组,P2,2,1,0,C2\n")
    folder = make_workbook(tmp_path, {"tickets.csv": tickets})
    notes = io.load_workbook(folder).config["notes"]
    zh = [render(n, "zh") for n in notes]
    assert any("列 'created_at' 按日/月/年读取（由该列自身的值确定）。" in n for n in zh), zh
    assert any("已从值中删除 1 个控制字符（如 NUL）。" in n for n in zh), zh
    assert any("column 'created_at' read as day/month/year (its own values settle it)." in n for n in notes), notes


def test_decimal_comma_note_and_mixed_decimals_in_chinese(tmp_path):
    complaints = "投诉编号;日期;类别;成本\nR1;2025-01-01;账单;52,88\nR2;2025-01-02;网络;10,5\n"
    folder = make_workbook(tmp_path, {"complaints.csv": complaints})
    zh = [render(n, "zh") for n in io.load_workbook(folder).config["notes"]]
    assert any("列 'cost' 使用小数逗号（如 '52,88'），已按小数逗号读取。" in n for n in zh), zh
    mixed = complaints.replace("10,5", "10.25").replace(";", ",").replace("52,88", '"52,88"')
    found = _zh_problems(make_workbook(tmp_path / "b", {"complaints.csv": mixed}))
    assert "混用了小数逗号（'52,88'，第 2 行）和小数点（'10.25'，第 3 行）" in found["cost"]


@pytest.mark.parametrize("setting, zh, en", [
    ("as_of: 2025-06-31", "`as_of` 是 '2025-06-31'，不是日期。解决办法：写一个真实的日期 YYYY-MM-DD",
     r"`as_of` is '2025-06-31', which is not a date\. Fix"),
    ("lang: fr", "`lang` 必须是 ['zh', 'en'] 之一，现在是 'fr'。", r"The value for `lang` must be one of \['zh', 'en'\]"),
    ("colour: red", "未知的键 ['colour']。解决办法：只使用", r"unknown key\(s\) \['colour'\]"),
    ("period: {start: 2025-06-30, end: 2025-01-01}", "`period.end` 早于 `period.start`。解决办法：把两者对调。",
     r"`period.end` is before `period.start`"),
    ("sla_hours: {P1: -4}", "`sla_hours` 必须是正的小时数，或映射 {优先级: 小时数}", r"`sla_hours` must be a positive"),
    ("date_order: DDMM", "`date_order` 必须是 ['DMY', 'MDY', 'YMD'] 之一，现在是 'DDMM'。",
     r"The value for `date_order` must be one of"),
    ("timezone: Shanghai", "`timezone` 是 'Shanghai'，不是 IANA 时区名称。", r"`timezone` is 'Shanghai', which is not"),
    ("survey: {scale: {min: 5, max: 1}}", "`survey.scale` 的 min（5）必须小于 max（1）。", r"min \(5\) must be below max"),
    ("pii_columns: [created_at]", "`pii_columns` 写了 'created_at'，它在 tickets 表中是 datetime 类型的列。",
     r"which is a datetime column in the tickets table"),
    ("client: x\n  bad: [", "不是有效的 YAML（第 ", r"is not valid YAML at line"),
    ("base: &b {a: 1}", "使用了 YAML 锚点（&name），sqmkit.yaml 不接受", r"uses a YAML anchor"),
])
def test_bad_settings_read_in_chinese(tmp_path, setting, zh, en):
    folder = make_workbook(tmp_path, {}, f"client: 测试客户\n{setting}\n")
    with pytest.raises(ConfigError, match=en) as caught:
        io.load_config(folder)
    assert zh in caught.value.text("zh")
    assert not CJK.search(caught.value.text("en").replace("测试客户", ""))


def test_missing_config_and_folder_in_chinese(tmp_path):
    with pytest.raises(ConfigError, match="does not exist") as caught:
        io.load_config(tmp_path / "nowhere")
    assert "工作簿文件夹" in caught.value.text("zh") and "不存在。解决办法" in caught.value.text("zh")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError, match="is missing") as caught:
        io.load_config(tmp_path / "empty")
    assert caught.value.text("zh").startswith("缺少 ") and "`sqmkit new 文件夹` 会生成模板" in caught.value.text("zh")


def test_the_sample_refuses_writes_in_chinese():
    with pytest.raises(ReadOnlyWorkbookError, match="bundled sample workbook, which is read-only") as caught:
        check_writable(sample_workbook())
    assert "是 sqmkit 自带的示例工作簿，只读" in caught.value.text("zh")


def test_a_sheet_of_a_workbook_file_is_named_in_chinese(tmp_path):
    import pandas as pd

    folder = make_workbook(tmp_path, {})
    tickets = pd.read_csv(pd.io.common.StringIO(TICKETS_ZH.replace("2025/1/3 8:05", "someday")), dtype=str)
    with pd.ExcelWriter(folder / "data" / "workbook.xlsx") as writer:
        tickets.to_excel(writer, sheet_name="tickets", index=False)
        pd.DataFrame({"投诉编号": ["R1"], "日期": ["2025-01-01"], "类别": ["账单"]}).to_excel(
            writer, sheet_name="complaints", index=False)
    problem = io.validate_workbook(folder)[0]
    assert "workbook.xlsx（工作表 'tickets'）：列 'created_at'" in problem.text("zh")
    assert "workbook.xlsx (sheet 'tickets'): column 'created_at'" in str(problem)
