"""The report reads in the workbook's language on every page (issue 12, first "Must show").

* The zh report of the bundled sample (``sample_run``) has no run of three or more English words in its
  visible text, apart from the method names and literals of :data:`ALLOWED` and text that is a value of the
  sample's own data (a survey comment written in English).
* The en report of an English-only copy of the sample (``english_run``) has no Chinese character in its
  visible text, and every notebook ran.

Visible text: what a reader sees on a page — the text of every element and the ``alt`` of images, without
``<script>``, ``<style>`` and ``<code>`` (commands, file and column names are literals, not language).
"""
from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from conftest import _CJK

#: Elements whose content is not read as language.
_HIDDEN = {"script", "style", "template", "noscript", "code", "pre", "kbd", "samp"}
_LITERALS = {"code", "pre", "kbd", "samp"}
#: Elements that end a line of text (a run of words never crosses one).
_BLOCKS = {"p", "div", "li", "td", "th", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "ul", "ol",
           "section", "figure", "figcaption", "caption", "blockquote", "summary", "details", "dt", "dd", "title",
           "header", "footer", "nav", "main", "article", "img", "thead", "tbody", "label", "option", "button"}

#: English allowed on a zh page, each with its reason. Matched case-sensitively, as whole words.
ALLOWED = {
    # method and index names, as the literature and the tools write them
    "Mann–Whitney U": "test name", "Mann-Whitney U": "test name", "Welch's t": "test name",
    "Kruskal–Wallis": "test name", "Cronbach's α": "reliability coefficient", "Cronbach's alpha": "coefficient",
    "Parasuraman, Zeithaml & Berry": "SERVQUAL's authors (reference)", "Zeithaml & Berry": "SERVQUAL's authors",
    "Plan/Do/Check/Act": "the PDCA phases as the register writes them", "Plan, Do, Check, Act": "PDCA phases",
    "Plan-Do-Check-Act": "PDCA", "Run All Cells": "JupyterLab's menu item, shown in English by JupyterLab",
}
_WORD = r"(?<![\w./\\@-])[A-Za-z]+(?:['’-][A-Za-z]+)*(?![\w/\\@]|\.\w)"
_RUN = re.compile(rf"{_WORD}(?:[\s,;:!?&“”\"()]*\s[\s,;:!?&“”\"()]*{_WORD}|[,;&]\s*{_WORD}){{2,}}")
_ALLOWED = re.compile("|".join(rf"(?<!\w){re.escape(term)}(?!\w)" for term in sorted(ALLOWED, key=len, reverse=True)))


class _VisibleText(HTMLParser):
    def __init__(self, hidden: set[str]):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0
        self._hidden_tags = hidden

    def handle_starttag(self, tag, attrs):
        if tag in self._hidden_tags:
            self._hidden += 1
            self.parts.append(" · ")   # a literal breaks a run of words
        elif tag in _BLOCKS:
            self.parts.append("\n")
        alt = dict(attrs).get("alt")
        if tag == "img" and alt and not self._hidden:
            self.parts.append(f"{alt}\n")

    def handle_startendtag(self, tag, attrs):
        if tag not in self._hidden_tags:   # <br/>, <img/>: never opens a hidden element
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in self._hidden_tags:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(page: Path, *, literals: bool = False) -> str:
    """The text a reader sees on an HTML page (see the module docstring), one line per block.

    ``literals``: keep the content of ``<code>``/``<pre>`` too (a Chinese name in a literal is Chinese all the same).
    """
    parser = _VisibleText(_HIDDEN - _LITERALS if literals else _HIDDEN)
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return "".join(parser.parts)


def pages(out: Path) -> list[Path]:
    """Every HTML page of a report: the index and one page per notebook."""
    found = sorted(out.glob("*.html"))
    assert out / "index.html" in found and len(found) > 1, f"no report pages in {out}"
    return found


@lru_cache(maxsize=1)
def _sample_values() -> str:
    """Every text value of the bundled sample's tables (as loaded and as masked), one per line."""
    from sqmkit.io import load_workbook

    values = set()
    for masked in (False, True):
        for frame in load_workbook(masked=masked).tables.values():
            for column in frame.columns:
                values.update(v for v in frame[column].dropna().unique() if isinstance(v, str))
    return "\n".join(sorted(values))


def english_runs(text: str, *, data: str = "") -> list[str]:
    """Runs of three or more English words in ``text`` outside :data:`ALLOWED` and outside the values in ``data``.

    >>> english_runs("执行 Run ▸ Run All Cells 后，按 Mann–Whitney U 检验；No description for this image")
    ['No description for this image']
    >>> english_runs("例如 T0000020, T0000060, T0000064——确认 sqmkit.yaml 的 as_of")
    []
    """
    found = []
    for line in text.splitlines():
        for run in _RUN.finditer(_ALLOWED.sub(" · ", line)):
            snippet = " ".join(run.group(0).split())
            if not (data and snippet in data):
                found.append(snippet)
    return found


def test_zh_report_reads_chinese_on_every_page(sample_run):
    data = _sample_values()
    offenders = [f"{page.name}: {run!r}" for page in pages(sample_run)
                 for run in dict.fromkeys(english_runs(visible_text(page), data=data))]
    assert not offenders, "English on the zh report's pages:\n" + "\n".join(offenders)


def test_english_workbook_runs_every_notebook(english_run):
    out, summary = english_run
    failed = [f"{r.notebook}: {r.status} {r.ename}: {r.evalue}" for r in summary.notebooks if r.status != "ok"]
    assert summary.exit_code == 0 and not failed, "\n".join(failed)
    assert len(summary.notebooks) == 6


def test_en_report_has_no_chinese(english_run):
    out, _ = english_run
    offenders = []
    for page in pages(out):
        for line in visible_text(page, literals=True).splitlines():
            if _CJK.search(line):
                offenders.append(f"{page.name}: {' '.join(line.split())[:160]!r}")
    assert not offenders, "Chinese on the en report's pages:\n" + "\n".join(dict.fromkeys(offenders))


def test_page_template_texts_in_the_page_language(sample_run):
    """The template's own texts (the link back to the index, a chart's alt) come from the glossary in zh."""
    from sqmkit.glossary import text

    back, alt = text("page_back_to_index", "zh"), text("page_chart_alt", "zh")
    wrong = []
    for page in pages(sample_run):
        if page.name == "index.html":
            continue
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<div class="sqmkit-nav"><a href="[^"]*">([^<]*)</a>', html)
        alts = set(re.findall(r'<img alt="([^"]*)"', html))
        if links != [back]:
            wrong.append(f"{page.name}: link back to the index {links}")
        if alts - {alt}:
            wrong.append(f"{page.name}: image alt {sorted(alts - {alt})}")
    assert not wrong, "\n".join(wrong)
