"""The commands speak the workbook's language: errors, progress and summaries in sqmkit.yaml's ``lang``.

``SQMKIT_LANG`` (zh or en) overrides it; a command without a workbook (``sample``, ``doctor``) speaks
``SQMKIT_LANG`` or English. In-process (``cli.main([...])`` with capsys): no kernel starts here.
"""
from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from conftest import make_workbook

from sqmkit import cli, glossary
from sqmkit.exceptions import ParameterError
from sqmkit.glossary import commands

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def no_lang_from_outside(monkeypatch):
    monkeypatch.delenv("SQMKIT_LANG", raising=False)


def workbook(tmp_path: Path, lang: str | None, extra: str = "parameters:\n  bogus: 1\n  low_pct: 200\n") -> Path:
    head = f"client: 测试客户\nlang: {lang}\n" if lang else "client: test\n"
    return make_workbook(tmp_path, {}, head + extra)


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_chinese_workbook_is_validated_in_chinese(tmp_path, capsys):
    wb = workbook(tmp_path, "zh")
    code, _, err = run_cli(capsys, "validate", wb)
    assert code == 2
    assert f"工作簿 {wb} 中有 2 个问题：" in err
    assert "未知参数 `bogus`（来自 sqmkit.yaml 的 parameters）" in err and "修正：更正拼写或删除它。" in err
    assert "不是笔记本 00_data_health 的有效 `low_pct`。允许的值：≥ 0 且 ≤ 100 的数值。" in err
    assert "Fix:" not in err and "Unknown parameter" not in err


def test_a_chinese_workbooks_run_stops_in_chinese_before_any_kernel(tmp_path, capsys):
    wb = workbook(tmp_path, "zh")
    code, out, err = run_cli(capsys, "run", wb, "--out", tmp_path / "out", "-p", "freq=X", "--no-progress")
    assert code == 2 and out == ""
    assert err.startswith("sqmkit run 出错：3 个参数问题：\n  1. ")
    assert "-p freq=X：'X' 不是笔记本" in err and "修正：例如传入 -p freq=" in err
    assert not (tmp_path / "out").exists()


def test_sqmkit_lang_en_overrides_the_workbooks_lang(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SQMKIT_LANG", "en")
    wb = workbook(tmp_path, "zh")
    code, _, err = run_cli(capsys, "validate", wb)
    assert code == 2 and f"2 problem(s) in workbook {wb}:" in err
    assert "Unknown parameter `bogus` (from sqmkit.yaml parameters)" in err
    assert not CHINESE.search(err.replace("测试客户", ""))


def test_an_english_workbook_speaks_english(tmp_path, capsys):
    wb = workbook(tmp_path, "en")
    code, _, err = run_cli(capsys, "run", wb, "--out", tmp_path / "out", "--only", "99")
    assert code == 2
    assert err.startswith("sqmkit run: error: The value for `--only` must be one of [")
    assert not CHINESE.search(err)
    code, _, err = run_cli(capsys, "validate", wb)
    assert code == 2 and "It must be a number ≥ 0 and ≤ 100." in err and not CHINESE.search(err)


def test_run_follows_p_lang_and_a_workbook_without_lang_speaks_english(tmp_path, capsys):
    wb = workbook(tmp_path, "zh")
    code, _, err = run_cli(capsys, "run", wb, "--out", tmp_path / "out", "-p", "lang=en", "-p", "bogus=2")
    assert code == 2 and err.startswith("sqmkit run: error: 3 parameter problems:")
    bare = workbook(tmp_path / "bare", None)
    code, _, err = run_cli(capsys, "validate", bare)
    assert code == 2 and "Unknown parameter `bogus`" in err


def test_a_sqmkit_yaml_broken_elsewhere_still_names_its_problem_in_its_language(tmp_path, capsys):
    wb = make_workbook(tmp_path, {}, "client: 测试客户\nlang: zh   # 图表语言\nperiod: [oops\n")
    code, _, err = run_cli(capsys, "validate", wb)
    assert code == 2 and err.startswith("sqmkit validate 出错：")


@pytest.mark.parametrize("text, expected", [
    ("lang: zh\n", "zh"), ("client: x\nlang: 'en'  # labels\n", "en"), ('\ufefflang: "ZH"\n', "zh"),
    ("client: x\nparameters:\n  lang: en\n", None), ("lang: fr\n", None), ("client: [broken\nlang: en\n", "en"),
])
def test_the_workbooks_lang_is_read_from_its_own_line(tmp_path, text, expected):
    (tmp_path / "sqmkit.yaml").write_text(text, encoding="utf-8")
    assert cli._yaml_lang(tmp_path) == expected


def test_the_lang_line_is_found_in_a_gbk_file_and_a_missing_file_is_no_lang(tmp_path):
    (tmp_path / "sqmkit.yaml").write_bytes("client: 测试客户\nlang: zh\n".encode("gbk"))
    assert cli._yaml_lang(tmp_path) == "zh"
    assert cli._yaml_lang(tmp_path / "nothing") is None and cli._yaml_lang("bad\0path") is None


def test_commands_without_a_workbook_speak_sqmkit_lang_or_english(tmp_path, capsys, monkeypatch):
    code, _, err = run_cli(capsys, "sample", tmp_path / "s", "--tickets", "0")
    assert code == 2 and "The value for `--tickets` must be at least 1, but 0 was passed." in err
    monkeypatch.setenv("SQMKIT_LANG", "zh")
    code, _, err = run_cli(capsys, "sample", tmp_path / "s", "--tickets", "0")
    assert code == 2 and err == "sqmkit sample 出错：`--tickets` 的值必须至少为 1，但传入的是 0。\n"


def test_a_missing_workbook_folder_and_an_os_error_follow_sqmkit_lang(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SQMKIT_LANG", "zh")
    code, _, err = run_cli(capsys, "validate", tmp_path / "nowhere")
    assert code == 2 and "工作簿文件夹" in err and "不存在。修正：" in err
    text = glossary.render(cli._os_error_message(PermissionError(13, "Permission denied", "/x")), "zh")
    assert text == "无法使用 '/x'：Permission denied。修正：确认您有权读取它（若是输出位置，还需有权写入），或换一个路径。"


def test_new_speaks_the_language_of_the_workbook_it_makes(tmp_path, capsys):
    code, out, _ = run_cli(capsys, "new", tmp_path / "zh")
    assert code == 0 and out.startswith(f"新工作簿已建在 {tmp_path / 'zh'}：")
    code, out, _ = run_cli(capsys, "new", tmp_path / "en", "--lang", "en")
    assert code == 0 and out.startswith(f"New workbook in {tmp_path / 'en'}: edit sqmkit.yaml")
    code, out, _ = run_cli(capsys, "validate", tmp_path / "zh")
    assert code == 0 and "检查通过" in out


def test_each_kernel_gets_the_runs_lang():
    from sqmkit.runner import _kernel_manager_class

    manager = _kernel_manager_class(Path("/dev/null"), "zh")()
    assert manager.kernel_spec.env["SQMKIT_LANG"] == "zh"
    assert "SQMKIT_LANG" not in _kernel_manager_class(Path("/dev/null"))().kernel_spec.env


def test_a_combined_parameter_error_renders_every_problem_in_either_language(tmp_path):
    from sqmkit.resources import notebooks_folder
    from sqmkit.runner import parse_overrides, resolve_parameters

    notebooks = sorted(notebooks_folder().glob("00_*.ipynb"))
    with pytest.raises(ParameterError, match=r"2 parameter problems:\n  1\. Unknown parameter `nope`") as caught:
        resolve_parameters(notebooks, builtins={"lang": "zh"}, overrides=parse_overrides(["nope=1", "low_pct=x"]))
    zh = caught.value.text("zh")
    assert zh.startswith("2 个参数问题：\n  1. 未知参数 `nope`（来自 -p）") and "无法转换为 float" in zh


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


#: fields only one language's template uses (the other language names the thing differently)
_ONE_LANGUAGE_FIELDS = {"param_date_no_day": {"month", "month_name"}}


@pytest.mark.parametrize("key", sorted(commands.TEXTS))
def test_every_command_message_renders_in_both_languages(key):
    entry = commands.TEXTS[key]
    assert _fields(entry["zh"]) ^ _fields(entry["en"]) <= _ONE_LANGUAGE_FIELDS.get(key, set()), key
    fields = {name: "x" for name in _fields(entry["en"]) | _fields(entry["zh"])}
    message = glossary.message(key, **fields)
    assert str(message) == entry["en"].format(**fields)
    assert glossary.render(message, "zh") == entry["zh"].format(**fields)
    words = re.sub(r"\{[^}]*\}|`[^`]*`|--?[a-z]+|sqmkit|[A-Z_]{2,}|\S+\.(?:yaml|md|ipynb)", "", entry["zh"])
    assert CHINESE.search(entry["zh"]) or not re.search("[a-z]{3,}", words), key  # zh: Chinese, or no words


def test_the_report_folder_refusals_and_notes_read_in_either_language(tmp_path):
    from sqmkit import report_folder
    from sqmkit.exceptions import ConfigError

    (tmp_path / "out").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"--out '.*out' is a file\. Fix: choose a folder name") as caught:
        report_folder.inspect_out(tmp_path / "out")
    assert caught.value.text("zh").endswith("是一个文件。修正：选择一个文件夹名，例如 --out sqmkit-out。")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"exists and is not an sqmkit report") as caught:
        report_folder.inspect_out(tmp_path / "mine")
    assert "不是 sqmkit 的报告" in caught.value.text("zh")


def test_lab_lines_and_the_import_summary_follow_sqmkit_lang(tmp_path, monkeypatch):
    import pandas as pd

    from sqmkit import lab
    from sqmkit.events import ImportResult

    shop = lab.Workshop(workbook=tmp_path, folder=tmp_path / "workshop", lang="zh", added=["00_data_health.ipynb"])
    assert CHINESE.search(lab.describe(shop))
    monkeypatch.setenv("SQMKIT_LANG", "en")
    assert not CHINESE.search(lab.describe(shop))
    tickets = pd.DataFrame({"created_at": pd.to_datetime(["2025-01-02", "2025-03-04"]),
                            "resolved_at": [pd.NaT, pd.Timestamp("2025-03-05")], "reopened": [0, 1],
                            "escalated": [1, 0]})
    result = ImportResult(path=tmp_path / "data" / "tickets.csv", tickets=tickets, events=7, scaffolded=True)
    assert str(result.summary).startswith("Wrote 2 tickets from 7 events to ")
    zh = glossary.render(result.summary, "zh")
    assert "已从 7 个事件写出 2 张工单" in zh and "创建于 2025-01-02 至 2025-03-04；未关闭 1 张，重开 1 张，转派 1 张" in zh
