"""Command and analysis messages in the reader's language: import-events, doctor, validate and the checks of the
analysis functions (tickets, PDCA, satisfaction, the shared table checks) read Chinese for a Chinese reader.

The CLI cases run ``python -m sqmkit`` as a user does, with ``SQMKIT_LANG=zh``: exit 2, Chinese on stderr, no
traceback, no English fix. The in-process cases render the raised message with ``err.text("zh")``; the English
texts stay those the ``match=`` tests of each module expect.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from sqmkit import glossary, kpis, pdca
from sqmkit._checks import require_columns
from sqmkit.exceptions import DataValidationError
from sqmkit.satisfaction import section_status
from sqmkit.satisfaction._common import check_weights

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def sqmkit_zh(*args: object) -> subprocess.CompletedProcess:
    env = {**os.environ, "CI": "true", "SQMKIT_LANG": "zh"}
    return subprocess.run([sys.executable, "-m", "sqmkit", *map(str, args)], capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=600)


def assert_chinese_error(proc: subprocess.CompletedProcess, *expected: str) -> None:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and "Fix:" not in proc.stderr, proc.stderr
    assert CHINESE.search(proc.stderr), proc.stderr
    for text in expected:
        assert text in proc.stderr, proc.stderr


# --------------------------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------------------------
def test_validate_of_a_broken_copy_reads_chinese(small_workbook):
    tickets = small_workbook / "data" / "tickets.csv"
    frame = pd.read_csv(tickets, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.loc[[0, 1], frame.columns[frame.columns.str.contains("优先级|priority")][0]] = "P9"
    frame.to_csv(tickets, index=False, encoding="utf-8-sig")
    proc = sqmkit_zh("validate", small_workbook)
    assert_chinese_error(proc, "sla_hours", "P9", "解决办法")


def test_import_events_reads_its_log_problems_in_chinese(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("number,state,when\nINC1,New,2025-01-01 09:00\nINC1,Resolved,2025-01-01 10:00\n", encoding="utf-8")
    proc = sqmkit_zh("import-events", log, "--out", tmp_path / "wb", "--case", "case_no", "--activity", "state",
                     "--timestamp", "when", "--resolution", "Resolved")
    assert_chinese_error(proc, "日志中没有列 'case_no' (case)", "修正：")

    log.write_text("number,state,when\nINC1,New,2025-01-01 09:00\n,Resolved,2025-01-01 10:00\n", encoding="utf-8")
    proc = sqmkit_zh("import-events", log, "--out", tmp_path / "wb", "--case", "number", "--activity", "state",
                     "--timestamp", "when", "--resolution", "Resolved")
    assert_chinese_error(proc, "（案例编号）在第 [3] 行为空")

    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert_chinese_error(sqmkit_zh("import-events", folder, "--out", tmp_path / "wb", "--resolution", "Resolved"),
                         "事件日志是一个文件夹")


def test_doctor_names_its_checks_in_chinese():
    proc = subprocess.run([sys.executable, "-m", "sqmkit", "doctor"], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "CI": "true", "SQMKIT_LANG": "zh"}, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for name in ("内核", "中文字体", "版本", "输出文件夹", "笔记本", "ipykernel 运行于"):
        assert name in proc.stdout, proc.stdout
    assert "ok " not in proc.stdout and "is writable" not in proc.stdout


# --------------------------------------------------------------------------------------------
# The checks of the analysis functions (what a notebook cell shows when a table or argument is wrong)
# --------------------------------------------------------------------------------------------
def zh_and_en(call) -> tuple[str, str]:
    with pytest.raises(DataValidationError) as caught:
        call()
    return caught.value.text("zh"), caught.value.text("en")


def test_a_missing_column_reads_chinese():
    zh, en = zh_and_en(lambda: require_columns(pd.DataFrame({"a": [1]}), ["b"], table="survey", argument="score"))
    assert zh == ("表 'survey' 没有列 ['b']（由 `score` 传入）；现有的列：['a']。"
                  "解决办法：添加该列（用 sqmkit.io 加载时也接受中文表头），或传入已有列的名称。")
    assert en.startswith("Table 'survey' has no column ['b'] passed as `score`; it has ['a']. Fix: add the column")


def test_ticket_kpi_errors_read_chinese():
    zh, en = zh_and_en(lambda: kpis.ticket_kpis(pd.DataFrame({"ticket_id": ["T1"]})))
    assert "没有列 ['created_at']（每个 KPI 需要）" in zh and "needed for every KPI" in en
    log = pd.DataFrame({"ticket_id": ["T1", "T2"], "created_at": ["2025-01-01 09:00"] * 2,
                        "resolved_at": ["2025-01-01 10:00"] * 2, "priority": ["P1", "P9"]})
    zh, en = zh_and_en(lambda: kpis.ticket_kpis(log, sla={"P1": 4}))
    assert "优先级 ['P9']（1 张工单）不在 SLA 映射" in zh and "is missing from the SLA map" in en
    zh, _ = zh_and_en(lambda: kpis.ticket_kpis(log, repeat_window_days=-1))
    assert "`repeat_window_days` 的值必须是 ≥ 0 的天数" in zh
    reasons = kpis.coverage(log, lang="zh").set_index("statistic")["reason"]
    assert reasons["frt"].startswith("工单表没有") and "仍未解决" not in reasons["frt"]
    assert kpis.coverage(log.drop(columns="resolved_at").assign(first_response_at=None),
                         lang="zh").set_index("statistic").loc["frt", "reason"] == "无 first_response_at（尚未响应或未记录）"


def test_pdca_register_errors_read_chinese():
    register = pd.DataFrame({"action_id": ["A1", "A2"], "status": ["open", "finished"]})
    zh, en = zh_and_en(lambda: pdca.action_status(register, as_of="2025-12-20"))
    assert zh.startswith("actions：列 'status' 中对策 A2 的值无法识别（如 'finished'）") and "unknown values" in en
    many = pd.DataFrame({"action_id": [f"A{i}" for i in range(7)], "status": ["open"] * 7,
                         "start": ["2025-02-01"] * 7, "due": ["2025-01-01"] * 7})
    zh, en = zh_and_en(lambda: pdca.action_status(many, as_of="2025-12-20"))
    assert "A0, A1, A2, A3, A4 …（共 7 个）" in zh and "A0, A1, A2, A3, A4 … (7 in all)" in en
    zh, _ = zh_and_en(lambda: pdca.action_status(register.iloc[:1], as_of="someday"))
    assert zh == "`as_of` 的值必须是日期，如 '2025-12-20'，但传入的是 'someday'。"


def test_satisfaction_checks_read_chinese(monkeypatch):
    zh, en = zh_and_en(lambda: check_weights({"q9": 1}, ["q1", "q2"], argument="weights"))
    assert zh.startswith("`weights` 写了未知的列 ['q9']") and en.startswith("`weights` names unknown column(s) ['q9']")
    zh, _ = zh_and_en(lambda: check_weights({"x": -1}, ["x"], argument="dimension_weights", what="dimension"))
    assert "维度 'x' 的权重是 -1" in zh
    monkeypatch.setenv("SQMKIT_LANG", "zh")   # what the runner sets in each kernel
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_weights({"q1": 2, "q2": 2}, ["q1", "q2"], argument="weights")
    assert [str(w.message) for w in caught] == ["`weights` 的总和是 4，不是 1；已按比例缩放为总和 1。"]


def test_the_no_items_note_says_what_to_add_to_the_workbooks_yaml():
    survey = pd.DataFrame({"respondent_id": ["R1", "R2"], "overall": [4, 5]})
    for lang in ("zh", "en"):
        note = section_status(survey, config={"survey": {"items": {}}}, lang=lang).set_index("section").loc[
            "index", "note"]
        assert "templates/" not in note and "`items:`" in note and "dimension" in note
        assert bool(CHINESE.search(note.replace("承诺的事按时做到", ""))) == (lang == "zh")
    assert "工作簿的 sqmkit.yaml" in glossary.text("survey_no_items", "zh")


def test_messages_of_the_steps_keep_their_english_for_match_tests():
    assert str(glossary.message("cmd_events_resolution_absent", label="log.csv", wanted=["Resolvd"], column="s",
                                shown=["New"])).startswith("log.csv: none of the resolution activities ['Resolvd']")
    assert Path(glossary.__file__).parent.joinpath("messages.py").read_text(encoding="utf-8").count(
        "templates/sqmkit.yaml") == 0


def test_the_help_of_the_commands_follows_sqmkit_lang():
    proc = sqmkit_zh("import-events", "--help")
    assert proc.returncode == 0 and "案例编号列（默认 case:concept:name）" in proc.stdout, proc.stdout
    assert "算作解决的活动" in proc.stdout and "activities that count" not in proc.stdout
