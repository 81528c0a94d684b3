"""The narrative of the notebooks, in Chinese and in English.

Every markdown cell of a bundled notebook is written twice: once tagged ``lang-zh``, once tagged
``lang-en``, the Chinese cell first and its English twin right after it (tests/test_notebook_shape.py
checks the pairs). A run (:mod:`sqmkit.runner`), the workshop's working copy (:mod:`sqmkit.lab`) and
therefore every report page keep the cells of one language: the workbook's ``lang`` or the ``lang``
parameter. Markdown without a language tag is kept in both (a notebook of the client's own).

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[
...     nbformat.v4.new_markdown_cell("# 数据健康", metadata={"tags": ["lang-zh"]}),
...     nbformat.v4.new_markdown_cell("# Data health", metadata={"tags": ["lang-en"]}),
...     nbformat.v4.new_code_cell("x = 1")])
>>> [c.source for c in in_language(nb, "en").cells]
['# Data health', 'x = 1']
"""
from __future__ import annotations

import copy
from typing import Any

__all__ = ["LANG_TAGS", "cell_language", "in_language"]

#: Cell tag → the language of a markdown cell.
LANG_TAGS = {"zh": "lang-zh", "en": "lang-en"}


def cell_language(cell: Any) -> str | None:
    """``"zh"`` or ``"en"`` for a markdown cell tagged with a language, else None."""
    tags = set(cell.get("metadata", {}).get("tags", []))
    found = [lang for lang, tag in LANG_TAGS.items() if tag in tags]
    return found[0] if len(found) == 1 else None


def in_language(nb: Any, lang: str) -> Any:
    """A copy of notebook ``nb`` without the markdown cells written for a language other than ``lang``."""
    out = copy.deepcopy(nb)
    out.cells = [cell for cell in out.cells
                 if cell.get("cell_type") != "markdown" or cell_language(cell) in (None, lang)]
    return out
