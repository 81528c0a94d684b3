"""The bundled notebooks narrate and call (STYLE: notebooks hold narrative and calls, no logic).

- Every markdown cell is written in both languages: a ``lang-zh`` cell followed by its ``lang-en`` twin
  (sqmkit.narrative keeps one of them per run).
- Code cells hold calls: at most 15 lines (the parameters cell aside), no sentence in a string literal
  (sentences come from the glossary or a ``findings`` table), no comparison with a number (thresholds are
  named parameters of the library).
"""
import ast
import io
import re
import tokenize

import nbformat
import pytest

from sqmkit import narrative
from sqmkit.resources import notebooks_folder

NOTEBOOKS = sorted(notebooks_folder().glob("*.ipynb"))
PROSE = re.compile(r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}|[\u4e00-\u9fff]")


def _code_cells(path):
    nb = nbformat.read(str(path), as_version=4)
    return [(i, c) for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_markdown_comes_in_chinese_and_english_pairs(path):
    nb = nbformat.read(str(path), as_version=4)
    markdown = [(i, narrative.cell_language(c)) for i, c in enumerate(nb.cells) if c.cell_type == "markdown"]
    untagged = [i for i, lang in markdown if lang is None]
    assert untagged == [], f"markdown cells without lang-zh / lang-en: {untagged}"
    for (i, first), (j, second) in zip(markdown[::2], markdown[1::2]):
        assert (first, second, j) == ("zh", "en", i + 1), f"cells {i}, {j}: a zh cell, then its en twin"
    assert len(markdown) % 2 == 0


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_cells_are_short_calls(path):
    long = [i for i, c in _code_cells(path) if len(c.source.strip().splitlines()) > 15]
    assert long == [], f"cells over 15 lines: {long}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_cells_hold_no_sentences(path):
    found = []
    for i, cell in _code_cells(path):
        for token in tokenize.generate_tokens(io.StringIO(cell.source).readline):
            if token.type == tokenize.STRING and PROSE.search(token.string):
                found.append((i, token.string[:60]))
    assert found == [], f"sentences in code (put them in the glossary or a findings table): {found}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_cells_decide_nothing_against_a_number(path):
    found = []
    for i, cell in _code_cells(path):
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Compare) and any(
                    isinstance(n, ast.Constant) and isinstance(n.value, (int, float)) and not isinstance(n.value, bool)
                    for n in [node.left, *node.comparators]):
                found.append((i, ast.unparse(node)))
    assert found == [], f"thresholds in notebook code (make them findings parameters): {found}"
