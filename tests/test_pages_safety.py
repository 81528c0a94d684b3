"""Self-contained pages (issue 18, item 2): data text shows as text, nothing is loaded from outside the page.

The payloads are those of the issue's bad-input corpus. References: CommonMark 0.31 §2.4 (backslash
escapes), OWASP XSS Prevention Cheat Sheet (encode by output context; allow-list URL schemes), W3C
Content Security Policy Level 3 (``default-src 'none'``).
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from sqmkit import report, safehtml

PAYLOADS = [
    "![x](https://evil.example/x.png)",
    "<img src=https://evil.example/x>",
    "<img src=//evil.example/x>",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
]
PAYLOAD = " ".join(PAYLOADS)


# --------------------------------------------------------------------------------------------
# md_text: a data value read back as written
# --------------------------------------------------------------------------------------------

def _rendered_text(markdown: str) -> str:
    """The visible text of Markdown rendered as nbconvert renders it for the report pages."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return _visible_text(markdown2html_mistune(markdown))


@pytest.mark.parametrize("value", PAYLOADS + [
    PAYLOAD, "**bold** _it_ `code` ~~gone~~ $x^2$", "# heading\n- item\n> quote\n1. one", "a | b | c",
    "[link](javascript:alert(1))", "https://evil.example/auto www.evil.example", "&lt; &amp; \\*", "西部组 <b>",
    "<script>alert(1)</script>", "<!-- c --> <style>x{}</style>", "foo_bar_baz 3.5 -2 +1 #1 !",
])
def test_md_text_renders_as_written(value):
    shown = _rendered_text(f"Team **{report.md_text(value)}** lags most.")
    assert shown == f"Team {' '.join(value.split())} lags most."
    assert "<img" not in safehtml.clean(safehtml.md_text(value))


def test_md_text_shows_missing_values_as_nothing():
    """A blank cell of a nullable column (pd.NA, NaT, NaN, None) is shown as nothing, not an error or 'nan'."""
    import numpy as np
    import pandas as pd

    assert [safehtml.md_text(v) for v in (pd.NA, pd.NaT, np.nan, np.float32("nan"), None)] == [""] * 5
    assert [safehtml.md_text(v) for v in (0, False, "")] == ["0", "False", ""]


def test_md_text_leaves_no_tag_or_link():
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    page = markdown2html_mistune(f"> {report.md_text(PAYLOAD)} and [ok](#top)")
    assert "<img" not in page and "evil.example/x.png\"" not in page
    assert re.findall(r"<a\b[^>]*>", page) == ['<a href="#top">']


# --------------------------------------------------------------------------------------------
# The sanitiser's allow-list
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fragment", [
    '<img src="https://evil.example/x">', "<img src=//evil.example/x>", '<img src="\\\\evil.example\\x">',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a href="https://evil.example/">x</a>',
    '<a href="//evil.example/">x</a>', '<a href="java\tscript:alert(1)">x</a>', '<a href="/etc/passwd">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>', '<img src="data:text/html;base64,PHNjcmlwdD4=">',
    '<img src="file:///etc/passwd">', "<img>",
])
def test_clean_shows_a_link_or_image_pointing_elsewhere_as_text(fragment):
    cleaned = safehtml.clean(fragment)
    assert "<img" not in cleaned and "<a " not in cleaned, cleaned
    assert _visible_text(cleaned).startswith(("<img", "<a"))
    assert safehtml.offline_problems(cleaned) == []


@pytest.mark.parametrize("fragment", [
    '<a href="#sqmkit-error-0">cell 3</a>', '<a href="tables/02_service_kpis__cascade.csv">csv</a>',
    '<a href="failed/03_root_cause.html">page</a>', '<img src="data:image/png;base64,iVBORw0KGgo=" alt="chart">',
    '<img src="data:image/svg+xml;base64,PHN2Zy8+">', "<table><tbody><tr><td>1</td></tr></tbody></table>",
])
def test_clean_keeps_own_links_data_images_and_tables(fragment):
    assert safehtml.clean(fragment) == fragment


def test_clean_drops_attributes_and_blocks_outside_the_list():
    cleaned = safehtml.clean('<p style="background:url(https://e.example/a)" onclick="x()">t</p>'
                             '<style>@import url(https://e.example/c.css);</style><img src="data:image/png;base64,AA" '
                             'srcset="https://e.example/b 2x"><iframe src="https://e.example"></iframe>')
    assert "style=" not in cleaned and "onclick" not in cleaned and "srcset" not in cleaned and "@import" not in cleaned
    assert "<iframe" not in cleaned and "&lt;iframe" in cleaned
    assert safehtml.offline_problems(cleaned) == []


# --------------------------------------------------------------------------------------------
# The offline check and the Content-Security-Policy
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("page", [
    '<img src="https://evil.example/x">', "<img src=//evil.example/x>", '<video poster="//e.example/p.png">',
    '<form action="https://e.example/f">', '<button formaction="https://e.example">', '<td background="http://e.x/b">',
    '<svg><image xlink:href="https://e.example/i.png"/></svg>', '<object data="https://e.example/o">',
    '<img srcset="data:image/png;base64,AA 1x, https://e.example/b 2x">', '<a href="https://evil.example/">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>', '<p style="background:url(//e.example/a)">',
    "<style>body{background:url( 'https://e.example/a' )}</style>", "<style>@import 'https://e.example/c.css';</style>",
    "<style>@import url(//e.example/c.css);</style>", '<meta http-equiv="refresh" content="0; url=https://e.example">',
    '<base href="https://e.example/">', '<script src="https://cdn.example.com/a.js"></script>',
    '<link rel="stylesheet" href="//fonts.x/y.css">', '<script>import("https://e.example/m.js")</script>',
    '<img src="  https://evil.example/x">', '<img src="HTTPS://evil.example/x">', '<a href="file:///etc/passwd">',
])
def test_offline_problems_flags_every_url_bearing_attribute_and_css(page):
    assert len(safehtml.offline_problems(page)) == 1, safehtml.offline_problems(page)


def test_offline_problems_passes_own_files_anchors_and_data_uris():
    page = ('<a href="#x">a</a><a href="tables/a.csv">b</a><a href="../index.html">c</a>'
            '<img src="data:image/png;base64,AA">'
            '<style>@font-face{src:url(data:font/woff;base64,AA) format("woff")} .a{background:url("#g")}</style>'
            '<svg xmlns="http://www.w3.org/2000/svg"><use href="#s"/></svg><script>var a = 1;</script>')
    assert safehtml.offline_problems(page) == []


def test_with_csp_puts_the_policy_first_in_head_once():
    page = safehtml.with_csp(safehtml.with_csp('<!DOCTYPE html><html><head><meta charset="utf-8"><link></head></html>'))
    assert page.count("Content-Security-Policy") == 1
    assert page.index("Content-Security-Policy") < page.index("<link>")
    assert "default-src 'none'" in safehtml.CSP and "img-src data:" in safehtml.CSP
    with pytest.raises(ValueError, match="needs a whole HTML page"):
        safehtml.with_csp("<p>fragment</p>")


# --------------------------------------------------------------------------------------------
# A real `sqmkit run` with the payloads in the client, title, problem, categories, teams and needs
# --------------------------------------------------------------------------------------------

def _visible_text(page: str) -> str:
    """The text a reader sees: tags removed, entities decoded, white space collapsed (style/script dropped)."""
    page = re.sub(r"<(style|script|title)\b.*?</\1\s*>", " ", page, flags=re.DOTALL | re.IGNORECASE)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def payload_workbook(small: Path, target: Path) -> Path:
    """The small test workbook plus problems, needs and ratings, with the payloads in every field the issue names."""
    from sqmkit.resources import sample_workbook

    shutil.copytree(small, target)
    sample, data = sample_workbook() / "data", target / "data"
    config = (target / "sqmkit.yaml").read_text(encoding="utf-8")
    quoted = PAYLOAD.replace("'", "''")
    config = re.sub(r"^client: .*$", f"client: 'ACME {quoted}'", config, count=1, flags=re.MULTILINE)
    config = re.sub(r"^title: .*$", f"title: 'Report {quoted}'", config, count=1, flags=re.MULTILINE)
    (target / "sqmkit.yaml").write_text(config, encoding="utf-8")
    problems = pd.read_csv(sample / "problems.csv", dtype=str)
    problems["statement"] = PAYLOAD + " " + problems["statement"]
    problems.to_csv(data / "problems.csv", index=False, encoding="utf-8-sig")
    needs = pd.read_excel(sample / "needs.xlsx", dtype=str, engine="openpyxl")
    needs["need"] = PAYLOAD + " " + needs["need"]
    needs.to_csv(data / "needs.csv", index=False, encoding="utf-8-sig")
    ratings = pd.read_csv(sample / "needs_ratings.csv", dtype=str)
    ratings[ratings["respondent_id"].isin(ratings["respondent_id"].unique()[:40])].to_csv(
        data / "needs_ratings.csv", index=False, encoding="utf-8-sig")
    tickets = pd.read_csv(data / "tickets.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    tickets["team"] = PAYLOAD + " " + tickets["team"]
    tickets.to_csv(data / "tickets.csv", index=False, encoding="utf-8-sig")
    complaints = pd.read_csv(data / "complaints.csv", dtype=str, keep_default_na=False, encoding="gbk")
    complaints[complaints.columns[2]] = PAYLOAD + " " + complaints[complaints.columns[2]]  # 类别 (category)
    complaints.to_csv(data / "complaints.csv", index=False, encoding="utf-8-sig")
    return target


@pytest.fixture(scope="module")
def payload_report(small_workbook_source, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("payloads")
    workbook = payload_workbook(small_workbook_source, root / "wb")
    proc = subprocess.run([sys.executable, "-m", "sqmkit", "run", str(workbook), "--out", str(root / "report"),
                           "--jobs", "2"], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=900)
    assert (root / "report" / "index.html").is_file(), proc.stdout + proc.stderr
    return root / "report"


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def test_run_pages_load_nothing_from_outside(payload_report):
    pages = _pages(payload_report)
    assert {p.name for p in pages} >= {"index.html", "00_data_health.html", "03_root_cause.html"}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert report.offline_problems(text) == [], page.name
        scan = _Tags()
        scan.feed(text)
        assert not [t for t, a in scan.tags if t == "img" and not (a.get("src") or "").startswith("data:image/")]
        links = [a.get("href") or "" for t, a in scan.tags if t == "a"]
        assert all(safehtml.allowed_url("a", href) for href in links), (page.name, links)
        assert "evil.example" not in " ".join(str(v) for _, a in scan.tags for v in a.values()), page.name
        head = text[:text.index("</head>")]
        assert head.count("Content-Security-Policy") == 1 and safehtml.CSP in head, page.name
        assert "<script" not in text, page.name


def test_run_pages_show_every_payload_as_text(payload_report):
    shown = {p.name: _visible_text(p.read_text(encoding="utf-8")) for p in _pages(payload_report)}
    for name in ("index.html", "00_data_health.html", "01_needs_analysis.html", "03_root_cause.html",
                 "04_pdca_tracking.html"):
        assert f"ACME {PAYLOAD}" in shown[name], name  # the client name as written (header / first line)
    for name in ("index.html", "00_data_health.html", "03_root_cause.html"):
        assert f"Report {PAYLOAD}" in shown[name], name
    assert f"{PAYLOAD} 首次响应太慢" in shown["03_root_cause.html"]  # the problem statement
    assert re.search(re.escape(PAYLOAD) + r" \w+", shown["03_root_cause.html"])  # complaint categories
    assert f"{PAYLOAD} " in shown["01_needs_analysis.html"].split("Top priority")[-1]  # need names
    assert re.search(re.escape(f"{PAYLOAD} ") + r"\w+组", shown["02_service_kpis.html"])  # team names
    for name, text in shown.items():
        for payload in PAYLOADS:
            assert payload in text or "evil.example" not in text, (name, payload)


def test_a_failed_page_carries_the_policy_and_shows_the_payload_as_text(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 03 · Root cause\n\n## 1. Pareto"), nbformat.v4.new_code_cell(
        "x", outputs=[nbformat.v4.new_output("display_data", data={"text/markdown": f"**{report.md_text(PAYLOAD)}**"}),
                      nbformat.v4.new_output("error", ename="KeyError", evalue=PAYLOAD, traceback=["Traceback"])])]
    nbformat.write(nb, str(tmp_path / "03_root_cause.ipynb"))
    (tmp_path / "failed").mkdir()
    page = report.notebook_html(tmp_path / "03_root_cause.ipynb", tmp_path / "failed" / "03_root_cause.html",
                                lang="en", index_href="../index.html")
    text = page.read_text(encoding="utf-8")
    assert safehtml.CSP in text[:text.index("</head>")] and report.offline_problems(text) == []
    assert PAYLOAD in _visible_text(text) and 'class="sqmkit-failure"' in text and "evil.example" not in "".join(
        str(v) for _, a in _tags(text) for v in a.values())


def _tags(page: str) -> list[tuple[str, dict]]:
    scan = _Tags()
    scan.feed(page)
    return scan.tags
