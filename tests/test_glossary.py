"""One glossary for every zh/en text: each step's terms in their own module, no key twice, one translation per term."""
import ast
from collections import defaultdict
from pathlib import Path

import pytest

from sqmkit import glossary
from sqmkit.glossary import terms

PARTS = glossary._PARTS
SOURCE = Path(glossary.__file__).parent


def _entries():
    """(part, table, key, entry) for every term entry of every part."""
    for part in PARTS:
        for table in ("COLUMNS", "TEXTS"):
            for key, entry in getattr(part, table).items():
                yield part.__name__, table, key, entry
        for column, scope in part.VALUES.items():
            for key, entry in scope.items():
                yield part.__name__, f"VALUES[{column!r}]", key, entry
    for key, entry in glossary.KPI_LABELS.items():
        yield "sqmkit.glossary.kpis", "KPI_LABELS", key, entry


def test_every_entry_has_both_languages():
    missing = [(p, t, k) for p, t, k, e in _entries() if not (isinstance(e, dict) and e.get("zh") and e.get("en"))]
    assert missing == []


@pytest.mark.parametrize("table", ["COLUMNS", "TEXTS"])
def test_no_key_is_defined_in_two_parts(table):
    where = defaultdict(list)
    for part in PARTS:
        for key in getattr(part, table):
            where[key].append(part.__name__)
    assert {k: v for k, v in where.items() if len(v) > 1} == {}


def _short(text: str) -> bool:
    return "{" not in text and len(text.split()) <= 4


def test_each_term_has_one_translation():
    """A short English label (a column header, a coded value, a KPI name) reads the same in Chinese everywhere."""
    chinese = defaultdict(set)
    for _, _, _, entry in _entries():
        if _short(entry["en"]):
            chinese[entry["en"].strip().lower()].add(entry["zh"].strip())
    assert {en: sorted(zh) for en, zh in chinese.items() if len(zh) > 1} == {}


def test_the_glossary_imports_nothing_else_from_sqmkit():
    for path in SOURCE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sqmkit"):
                assert node.module.startswith("sqmkit.glossary"), (path.name, node.module)
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("sqmkit") and not a.name.startswith("sqmkit.glossary")
                               for a in node.names), path.name


def test_lookups():
    assert glossary.text("i_chart", "zh") == terms.TEXTS["i_chart"]["zh"]
    assert glossary.column_label("frt_median_min", "en") == "Median first response (min)"
    assert glossary.value_label(glossary.BLANK, "zh") == "(未填写)"
