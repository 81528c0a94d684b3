"""The report: offline notebook pages, escaping, merged results, exported tables, index, scaffold."""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest

from sqmkit import report
from sqmkit.exceptions import ConfigError

from conftest import XSS


def _executed_notebook(path: Path) -> Path:
    """A notebook as papermill leaves it: outputs of every kind, including data with a script tag."""
    nb = nbformat.v4.new_notebook()
    frame_html = pd.DataFrame({"comment": [XSS, "等待时间太长"]}).to_html()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 报告标题 Title\n\nNarrative $x^2$."),
        nbformat.v4.new_code_cell("secret_code = 1", outputs=[
            nbformat.v4.new_output("display_data", data={"text/html": "<style>.x{color:red}</style>" + frame_html,
                                                         "text/plain": "frame"}),
            nbformat.v4.new_output("display_data", data={"text/markdown": f"**comment**: {XSS}"}),
            nbformat.v4.new_output("stream", name="stdout", text=XSS + "\n"),
            nbformat.v4.new_output("stream", name="stderr", text="findfont: some warning\n"),
            nbformat.v4.new_output("display_data", data={
                "application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2, "version_minor": 0},
                "text/plain": "IntSlider(value=3)"}),
            nbformat.v4.new_output("display_data", data={"application/javascript": "alert(2)", "text/plain": "js"}),
            nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}),
        ]),
    ]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"abc": {}}}}
    nbformat.write(nb, str(path))
    return path


def test_notebook_html_is_offline_without_code_and_escapes_data(tmp_path):
    page = report.notebook_html(_executed_notebook(tmp_path / "nb.ipynb"), tmp_path / "nb.html")
    text = page.read_text(encoding="utf-8")
    assert report.offline_problems(text) == []
    assert not re.search(r"<(script|link)\b[^>]*(src|href)=[\"']?(https?:)?//", text)
    assert "cdnjs" not in text and "mathjax" not in text.lower().replace("mathjax_url", "")
    assert "<script" not in text  # no script at all: nothing to run
    assert XSS not in text
    assert text.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3  # table, Markdown, stdout
    assert "secret_code" not in text  # no code
    assert "findfont" not in text  # stderr noise is left to the executed notebook
    assert "widget-state" not in text and "model_id" not in text
    assert "alert(2)" not in text
    assert "<table" in text and "等待时间太长" in text and "data:image/png;base64" in text
    assert "<title>报告标题 Title</title>" in text


def test_offline_problems_flags_remote_scripts_links_and_imports():
    page = ('<script src="https://cdn.example.com/a.js"></script><link rel="stylesheet" href="//fonts.x/y.css">'
            '<style>@import url("https://fonts.googleapis.com/css")</style><script>1</script>')
    assert len(report.offline_problems(page)) == 3
    assert report.offline_problems('<script>var a = 1;</script><a href="tables/a.csv">x</a>') == []
    assert report.offline_problems('<a href="https://example.com">x</a>') != []  # a link out is a problem too


def test_merge_results_and_export_tables(tmp_path):
    rec = report.Recorder(tmp_path, notebook="02_service_kpis_with_a_very_long_name")
    rec.headline("frt_median_min", 21.5, label="首次响应中位数", unit="min")
    rec.table("kpis_by_team_and_month_long_name", pd.DataFrame({"team": ["华南组"], "value": [1.5]}))
    rec.table("kpis_by_team_and_month_long_name2", pd.DataFrame({"a": [1]}))
    other = report.Recorder(tmp_path, notebook="00_data_health")
    other.headline("rows", 12)
    merged = report.merge_results(tmp_path)
    assert json.loads((tmp_path / "results.json").read_text(encoding="utf-8")) == merged
    assert merged["02_service_kpis_with_a_very_long_name"]["frt_median_min"] == {
        "value": 21.5, "label": "首次响应中位数", "unit": "min"}
    assert merged["00_data_health"]["rows"]["value"] == 12
    csv = next((tmp_path / "tables").glob("*long_name.csv"))
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel opens Chinese
    xlsx = report.export_tables(tmp_path)
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames[0] == "contents" and len(set(book.sheetnames)) == 3
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert book[book.sheetnames[1]]["A2"].value == "华南组"
    contents = pd.read_excel(xlsx, sheet_name="contents")
    assert contents["table"].tolist() == ["kpis_by_team_and_month_long_name", "kpis_by_team_and_month_long_name2"]
    assert contents["sheet"].tolist() == book.sheetnames[1:] and contents["rows"].tolist() == [1, 1]


def test_sheet_names_are_unique_and_valid():
    used: set[str] = set()
    names = [report._sheet_name("x" * 40, used), report._sheet_name("x" * 40, used), report._sheet_name("a/b:c", used)]
    assert names[0] == "x" * 31 and names[1] == "x" * 29 + "~2" and names[2] == "a_b_c"


def test_scaffold_writes_config_templates_and_readme_in_chinese(tmp_path):
    from sqmkit import io
    from sqmkit.schemas import TABLES

    folder = report.scaffold_workbook(tmp_path / "acme", lang="zh")
    assert io.load_config(folder)["lang"] == "zh"
    header = (folder / "data" / "tickets.csv").read_text(encoding="utf-8-sig").strip().split(",")
    assert header[:2] == ["工单编号", "创建时间"]
    assert sorted(p.stem for p in (folder / "data").glob("*.csv")) == sorted(TABLES)
    book = openpyxl.load_workbook(folder / "templates" / "workbook_template.xlsx")
    assert book.sheetnames[0] == "README" and set(book.sheetnames[1:]) == set(TABLES)
    readme = book["README"]
    assert [c.value for c in readme[1]] == ["表", "列", "英文名", "类型", "必填", "含义"]
    assert "| 工单编号 | ticket_id |" in (folder / "README.md").read_text(encoding="utf-8")
    assert io.validate_workbook(folder) == []  # header-only tables count as absent
    # a filled-in Chinese header row is read back with canonical names
    (folder / "data" / "kpi_targets.csv").write_text(
        "指标,目标,方向\nfrt_median_min,30,越低越好\n", encoding="utf-8-sig")
    assert list(io.load_workbook(folder).tables["kpi_targets"]["kpi"]) == ["frt_median_min"]


def test_scaffold_in_english_and_refuses_a_non_empty_folder(tmp_path):
    folder = report.scaffold_workbook(tmp_path / "acme", lang="en")
    assert (folder / "data" / "survey.csv").read_text(encoding="utf-8-sig").startswith("respondent_id,date")
    assert "lang: en" in (folder / "sqmkit.yaml").read_text(encoding="utf-8")
    with pytest.raises(ConfigError, match=r"exists and is not empty\. Fix: choose a new or empty folder"):
        report.scaffold_workbook(folder, lang="en")
    with pytest.raises(ConfigError, match=r"The value for `lang` must be one of \['zh', 'en'\], but 'fr' was passed"):
        report.scaffold_workbook(tmp_path / "other", lang="fr")


def test_sample_report_is_offline_and_complete(sample_run):
    from sqmkit.runner import list_notebooks

    index = (sample_run / "index.html").read_text(encoding="utf-8")
    assert "星海电信客服中心" in index and "服务质量提升工作簿 2025" in index
    for nb in list_notebooks():
        assert f'href="{nb.stem}.html"' in index
        assert (sample_run / "notebooks" / nb.name).is_file()
    for page in sample_run.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert report.offline_problems(text) == [], page.name
        assert "<script" not in text, page.name
    run = json.loads((sample_run / "run.json").read_text(encoding="utf-8"))
    assert {"python", "sqmkit", "pandas", "papermill"} <= set(run["versions"])
    assert all(nb["duration_s"] > 0 for nb in run["notebooks"])
    assert (sample_run / "tables.xlsx").is_file()


# --------------------------------------------------------------------------------------------
# show_table: the tables of the client-facing pages
# --------------------------------------------------------------------------------------------

def _cells(styler) -> tuple[list[str], list[list[str]]]:
    text = styler.to_html()
    heads = re.findall(r"<th [^>]*col_heading[^>]*>(.*?)</th>", text)
    rows = [re.findall(r"<td [^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", text, re.DOTALL)]
    return heads, [r for r in rows if r]


def test_show_table_translates_escapes_and_formats():
    from sqmkit.exceptions import DataValidationError

    data = pd.DataFrame({"category": [XSS, "等待时间长"], "n": [2000, 3], "cum_pct": [42.04, 100.0],
                         "vital_few": [True, False], "quadrant": ["concentrate", "keep_up"], "status": ["red", "green"],
                         "p_value": [0.00001, 0.0412], "mean": [3.4567, None], "complaints": [840.0, 480.0]},
                        index=[5, 9])  # a filtered frame: its index is noise
    heads, rows = _cells(report.show_table(data, lang="zh"))
    assert heads == ["类别", "样本数", "累计占比（%）", "关键少数", "象限", "状态", "p 值", "均值", "complaints"]
    assert rows[0] == ["&lt;script&gt;alert(1)&lt;/script&gt;", "2,000", "42.0", "是", "重点改进", "红", "&lt; 0.001",
                       "3.46", "840"]
    assert rows[1] == ["等待时间长", "3", "100.0", "否", "继续保持", "绿", "0.041", "—", "480"]
    html_en = report.show_table(data, lang="en").to_html()
    assert XSS not in html_en and "<script" not in html_en
    assert ">Cumulative share (%)<" in html_en and ">Concentrate here<" in html_en and ">yes<" in html_en
    assert "row_heading" not in html_en  # no 0, 1, 2 … index
    with pytest.raises(DataValidationError, match=r"The value for `lang` must be one of \['zh', 'en'\], but 'fr' was passed"):
        report.show_table(data, lang="fr")
    with pytest.raises(DataValidationError, match=r"show_table: the table has no column\(s\) \['nope'\]"):
        report.show_table(data, lang="zh", columns=["n", "nope"])


def test_show_table_named_index_columns_truncation_and_transpose():
    pivot = pd.DataFrame({"kpi": ["fcr_pct", "fcr_pct"], "part": ["before", "after"], "status": ["red", "amber"]}).pivot(
        index="kpi", columns="part", values="status")[["before", "after"]]
    heads, rows = _cells(report.show_table(pivot, lang="zh"))
    assert heads == ["指标", "改进前", "改进后"] and rows == [["一次解决率（%）", "红", "黄"]]
    long = pd.DataFrame({"rank": range(1, 51), "need": [f"需求{i}" for i in range(50)]})
    styler = report.show_table(long, lang="en", columns=["need"], max_rows=10)
    heads, rows = _cells(styler)
    assert heads == ["Need"] and len(rows) == 10
    assert "First 10 of 50 rows" in styler.to_html()
    halves = pd.DataFrame({"part": ["before", "after"], "tickets": [24317, 25683], "frt_median_min": [45.04, 20.2]})
    heads, rows = _cells(report.show_table(halves, lang="zh", digits=1, transpose=True))
    assert heads == ["指标", "改进前", "改进后"]
    assert rows == [["工单量", "24,317", "25,683"], ["首次响应时间中位数（分钟）", "45.0", "20.2"]]


def test_labels_glossary_and_index_numbers():
    from sqmkit import glossary as labels

    assert labels.column_label("q_fcr_pct", "en") == "Score: First-contact resolution (%)"
    assert labels.value_label(1, "zh") == 1 and labels.value_label(True, "zh") == "是"  # 1 is not True
    assert labels.value_label("done", "zh", column="status") == "已完成"
    assert labels.text("actions_overdue", "zh", date="2025-12-20") == "2025-12-20 逾期对策数"
    assert report._fmt(2000.0) == "2,000" and report._fmt(5.8e-18) == "< 0.001" and report._fmt(True, "zh") == "是"
    assert report._fmt("concentrate", "en") == "Concentrate here"


# --------------------------------------------------------------------------------------------
# A failed page is not a traceback
# --------------------------------------------------------------------------------------------

ANSI_SPAN = re.compile(r"<span class=\"ansi-")


def _body(page: Path) -> str:
    """The page without its <style> blocks (JupyterLab's CSS names ansi-* classes), entities resolved."""
    import html

    return html.unescape(re.sub(r"<style\b.*?</style>", "", page.read_text(encoding="utf-8"), flags=re.DOTALL))


@pytest.fixture(scope="module")
def failed_run(small_workbook_source, tmp_path_factory):
    """20_broken (fails in its last section) and 40_sections (three sections fail in three ways) run for real."""
    import shutil

    from conftest import FIXTURES
    from sqmkit.runner import run_workbook

    folder = tmp_path_factory.mktemp("failing_notebooks")
    shutil.copy(FIXTURES / "notebooks" / "20_broken.ipynb", folder)
    shutil.copy(FIXTURES / "failing" / "40_sections.ipynb", folder)
    out = tmp_path_factory.mktemp("failed_run") / "out"
    summary = run_workbook(small_workbook_source, out=out, notebooks_folder=folder, jobs=2, progress=False)
    return out, summary


@pytest.mark.parametrize("lang, head, why", [
    ("zh", "本节未能完成：Fixture 20_broken", "原因：分析过程中出现意外错误（ValueError）。"),
    ("en", "This section could not be computed: Fixture 20_broken",
     "Why: An unexpected error (ValueError) stopped this part of the analysis."),
])
def test_a_failed_page_shows_a_short_box_and_no_traceback(failed_run, tmp_path, lang, head, why):
    out, summary = failed_run
    page = out / "20_broken.html"
    if lang == "en":  # the run was in the workbook's zh; the same notebook rendered for an English report
        page = report.notebook_html(out / "notebooks" / "20_broken.ipynb", tmp_path / "20_broken.html", lang="en")
    text = _body(page)
    assert "Traceback" not in text and "\x1b" not in text and not ANSI_SPAN.search(text)
    assert "An Exception was encountered" not in text and "encountered an exception here" not in text
    assert 'class="sqmkit-failure"' in text and head in text and why in text
    rest = {"zh": "本页其余各节已完成。", "en": "The other sections of this page are complete."}[lang]
    assert rest in text
    assert "ValueError: deliberately broken fixture" in text  # the one line for the analyst, no traceback
    assert report.offline_problems(page.read_text(encoding="utf-8")) == []
    # the traceback stays in the executed notebook and the log
    executed = (out / "notebooks" / "20_broken.ipynb").read_text(encoding="utf-8")
    assert "Traceback" in executed and "\\u001b[" in executed
    log = (out / "logs" / "20_broken.errors.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "\x1b" not in log
    broken = next(nb for nb in summary.notebooks if nb.name == "20_broken")
    assert broken.status == "failed" and broken.ename == "ValueError" and broken.section == "Fixture 20_broken"


def test_a_page_with_failed_sections_keeps_every_other_section(failed_run):
    out, summary = failed_run
    text = _body(out / "40_sections.html")
    assert "Traceback" not in text and "\x1b" not in text and not ANSI_SPAN.search(text)
    assert text.count('class="sqmkit-failure"') == 3
    # a SqmkitError is written for users: its message is the reason, no technical line
    assert "本节未能完成：2. 满意度趋势" in text
    assert "原因：Table 'survey' has no column 'date'. Fix: add the column 'date'." in text
    assert "DataValidationError" not in text
    # an error caused by the failed section points at it; an unexpected one is named plainly
    assert "原因：本节需要前面“2. 满意度趋势”一节的结果，而那一节未能完成。" in text
    assert "原因：分析过程中出现意外错误（KeyError）。" in text
    assert "本页有 3 节未能完成" in text and 'href="#sqmkit-failure-1"' in text
    # the sections before and after ran and kept their outputs; stderr noise is not shown
    assert "section one is complete" in text and "section five is complete" in text
    assert "library noise on stderr" not in text
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert results["40_sections"] == {"one": {"value": 1, "label": "one", "unit": None},
                                      "five": {"value": 5, "label": "five", "unit": None}}
    nb = next(nb for nb in summary.notebooks if nb.name == "40_sections")
    assert nb.ename == "DataValidationError" and nb.cell_index == 7 and nb.section == "2. 满意度趋势"
    assert [f["section"] for f in nb.failures] == ["2. 满意度趋势", "3. Needs section 2", "4. An unexpected error"]
    log = (out / "logs" / "40_sections.errors.log").read_text(encoding="utf-8")
    assert "library noise on stderr" in log and "KeyError: 'missing_key'" in log and "\x1b" not in log
    executed = nbformat.read(out / "notebooks" / "40_sections.ipynb", as_version=4)
    assert "3 cell(s) failed" in executed.cells[0].source  # the banner lists every failing cell, not only the last


def test_the_index_shows_the_short_reason_never_a_traceback(failed_run):
    out, _ = failed_run
    index = _body(out / "index.html")
    assert "Traceback" not in index and "\x1b" not in index
    assert "未能完成：Fixture 20_broken——分析过程中出现意外错误（ValueError）。 (ValueError: deliberately broken fixture)" \
        in index
    assert "未能完成：2. 满意度趋势——Table 'survey' has no column 'date'. Fix: add the column 'date'. · 另有 2 节未能完成" \
        in index
    assert 'href="logs/40_sections.errors.log"' in index


def test_failure_reasons_in_both_languages():
    assert report.failure_reason("ParameterError", "bad freq", lang="zh") == "bad freq"
    assert report.failure_reason("EmptyTableError", "data/x.csv is empty", lang="en") == "data/x.csv is empty"
    assert report.failure_reason("TypeError", "'value' must be an instance of str", lang="zh") == \
        "分析过程中出现意外错误（TypeError）。"
    assert report.failure_reason("NameError", "name 'x' is not defined", lang="en", depends_on="2. Trends") == \
        "This section needs the results of “2. Trends”, which could not be computed."
    assert report.strip_ansi("\x1b[0;31mKeyError\x1b[0m: 'x'\x1b[38;5;28;01m") == "KeyError: 'x'"


def test_a_run_that_stopped_without_an_error_output_says_where_the_page_ends(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 标题"), nbformat.v4.new_markdown_cell("## 1. 第一节"),
                nbformat.v4.new_code_cell("1", outputs=[nbformat.v4.new_output("stream", name="stdout", text="one\n")]),
                nbformat.v4.new_markdown_cell("## 2. 第二节"), nbformat.v4.new_code_cell("2")]
    nb.cells[2].metadata["papermill"] = {"status": "completed"}
    nb.cells[4].metadata["papermill"] = {"status": "pending"}
    nbformat.write(nb, str(tmp_path / "nb.ipynb"))
    page = report.notebook_html(tmp_path / "nb.ipynb", tmp_path / "nb.html", lang="zh",
                                stopped=("DeadKernelError", "Kernel died"))
    text = _body(page)
    assert "本页不完整：分析在“2. 第二节”处中断（分析过程中出现意外错误（DeadKernelError）。），其后各节没有运行。" in text
    assert "one" in text and "Traceback" not in text


# --------------------------------------------------------------------------------------------
# The index of a merged report (issue 11): pages from earlier runs, stale pages
# --------------------------------------------------------------------------------------------

def _merged_summary():
    from types import SimpleNamespace

    good_run = {"id": "20250601-100000-1-aaaaaa", "started": "2025-06-01T10:00:05+08:00", "parameters": {},
                "status": "ok"}
    this_run = {"id": "20250602-110000-2-bbbbbb", "started": "2025-06-02T11:00:09+08:00", "parameters": {},
                "status": "failed"}
    stale = {"name": "10_ok", "status": "stale", "html": "10_ok.html", "notebook": "notebooks/10_ok.ipynb",
             "duration_s": 2.0, "run": good_run, "files": ["10_ok.html"],
             "stale": {"run": this_run, "section": "2. 趋势", "reason": f"Table 'survey' has no column {XSS}.",
                       "ename": "DataValidationError", "evalue": "x", "cell_index": 3, "failures": [{}],
                       "notebook": "failed/10_ok.ipynb", "html": "failed/10_ok.html",
                       "files": ["failed/10_ok.html", "failed/10_ok.ipynb", "logs/10_ok.errors.log"]}}
    fresh = {"name": "30_typed", "status": "ok", "html": "30_typed.html", "notebook": "notebooks/30_typed.ipynb",
             "duration_s": 1.0, "run": {**this_run, "status": "ok"}, "files": ["30_typed.html"]}
    ran = [SimpleNamespace(name="10_ok", status="failed"), SimpleNamespace(name="30_typed", status="ok")]
    return SimpleNamespace(notebooks=ran, failed=ran[:1], pages=[stale, fresh], run_id=this_run["id"],
                           started=this_run["started"], ended="2025-06-02T11:00:30+08:00", duration_s=21.0,
                           workbook="/clients/acme")


@pytest.mark.parametrize("lang, expected", [
    ("zh", ["旧版", "本页来自 2025-06-01 10:00 的运行",
            f"本次运行未能更新本页。未能完成：2. 趋势——Table 'survey' has no column {XSS}.",
            "本次运行的页面（含错误）", "错误日志", "1 / 2 个笔记本失败，其余已完成 · 其中 1 个保留上次成功的页面，标为旧版"]),
    ("en", ["Stale", "This page is from the run of 2025-06-01 10:00",
            f"This run could not update this page. Not computed: 2. 趋势 — Table 'survey' has no column {XSS}.",
            "This run's page, with the errors", "Error log",
            "1 of 2 notebooks failed; the others completed · the last good page of 1 of them is kept, marked stale"]),
])
def test_the_index_marks_a_stale_page_with_its_run_and_this_runs_error(tmp_path, lang, expected):
    page = report.write_index(tmp_path, _merged_summary(), results={}, config={"client": "acme"}, lang=lang)
    raw = page.read_text(encoding="utf-8")
    assert XSS not in raw  # the error text is escaped
    text = _body(page)
    for line in expected:
        assert line in text, line
    assert 'class="badge stale"' in raw and 'href="failed/10_ok.html"' in raw and 'href="logs/10_ok.errors.log"' in raw
    assert text.count("This page is from the run of" if lang == "en" else "本页来自") == 1  # 30_typed: this run


def _plain_summary(names):
    from types import SimpleNamespace

    ran = [SimpleNamespace(name=n, status="ok", ename="", evalue="", cell_index=None, duration_s=1.0,
                           html=f"{n}.html", notebook=f"notebooks/{n}.ipynb") for n in names]
    return SimpleNamespace(notebooks=ran, failed=[], pages=[{"name": n, "status": "ok", "html": f"{n}.html",
                                                              "duration_s": 1.0} for n in names],
                           run_id="r1", started="2025-06-02T11:00:09+08:00", ended="2025-06-02T11:00:30+08:00",
                           duration_s=21.0, workbook="/clients/new")


def _health(rows, missing):
    return {"00_data_health": {"tables_present": {"value": 12 - missing, "label": "x", "unit": "/ 12"},
                               "rows": {"value": rows, "label": "x", "unit": None},
                               "tables_missing": {"value": missing, "label": "x", "unit": None}}}


@pytest.mark.parametrize("lang, rows, missing, says, never", [
    ("zh", 0, 12, "6 个笔记本已运行，但工作簿还没有数据", "均已运行完成"),
    ("en", 0, 12, "6 notebooks ran, but the workbook holds no data yet", "All 6 notebooks ran"),
    ("zh", 500, 3, "6 个笔记本均已运行完成 · 工作簿缺少 3 张表", "还没有数据"),
    ("en", 500, 0, "All 6 notebooks ran", "missing"),
])
def test_the_index_of_an_empty_workbook_does_not_claim_results(tmp_path, lang, rows, missing, says, never):
    names = ["00_data_health", "01_needs_analysis", "02_service_kpis", "03_root_cause", "04_pdca_tracking",
             "05_satisfaction"]
    page = report.write_index(tmp_path, _plain_summary(names), results=_health(rows, missing), config={}, lang=lang)
    text = _body(page)
    assert says in text and never not in text
    assert ('class="banner empty"' in page.read_text(encoding="utf-8")) == (rows == 0)


def test_client_texts_point_at_nothing_a_workbook_lacks():
    from sqmkit import io
    from sqmkit.glossary import health as terms

    for entry in [*terms.TEXTS.values(), *terms.COLUMNS.values()]:
        for lang in ("zh", "en"):
            assert not re.search(r"DESIGN|docs/|templates/sqmkit|DEVELOPING", entry[lang]), entry[lang]
    for lang in ("zh", "en"):
        note = io.missing_table_note("survey", lang).data
        assert "data/" in note and "survey.csv" in note and "templates/" not in note
    assert "本节已跳过" in io.missing_table_note("survey", "zh").data
