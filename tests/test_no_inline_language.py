"""One way to choose zh/en: the glossary. No inline language choice anywhere else in the package.

Outside ``sqmkit/glossary/`` the code must not compare a value with ``"zh"`` or ``"en"`` (``lang == "zh"``,
``"zh" if lang == "zh" else ...``) nor hold a dict literal with both ``"zh"`` and ``"en"`` keys (a private
translation table): texts live in a glossary part and are read with ``glossary.text``, ``column_label``,
``value_label``, ``glossary.message`` or ``glossary.pick``. A check that ``lang`` is one of zh/en is fine
(``lang in ("zh", "en")``, ``check_lang``): it chooses nothing.
"""
from __future__ import annotations

import ast
from pathlib import Path

import sqmkit

PACKAGE = Path(sqmkit.__file__).parent
LANGS = {"zh", "en"}

#: path (relative to the package) -> why an inline choice is right there. Keep it short.
ALLOWED: dict[str, str] = {
    "narrative.py": "LANG_TAGS maps a language to the tag of a notebook cell (lang-zh / lang-en), not to a text",
    "satisfaction/comments.py": "the language of a client's comment picks its tokenizer (jieba or words): data, not a text",
    "writeback.py": "a table sqmkit creates gets headers in the workbook's language, as the data contract spells them",
}


def _is_lang(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value in LANGS


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.Eq, ast.NotEq, ast.Is, ast.IsNot))
                                                 for op in node.ops):
            if any(_is_lang(side) for side in [node.left, *node.comparators]):
                found.append(f"{node.lineno}: compares with zh/en: {ast.unparse(node)}")
        elif isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if LANGS <= keys:
                found.append(f"{node.lineno}: a zh/en dict literal: {ast.unparse(node)[:80]}")
    return sorted(found, key=lambda s: int(s.split(":")[0]))


def test_no_inline_language_choice_outside_the_glossary():
    offences = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("glossary/") or relative in ALLOWED:
            continue
        found = _offences(path)
        if found:
            offences[relative] = found
    assert offences == {}, "inline language choices (move the texts into a glossary part):\n" + "\n".join(
        f"  sqmkit/{p}:{line}" for p, lines in offences.items() for line in lines)


def test_the_check_itself_finds_both_forms(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('T = {"a": {"zh": "甲", "en": "A"}}\ndef f(lang):\n    return 1 if lang == "zh" else 2\n'
                      'def g(lang):\n    return lang in ("zh", "en")\n', encoding="utf-8")
    found = _offences(sample)
    assert len(found) == 2 and found[0].startswith("1:") and found[1].startswith("3:")
