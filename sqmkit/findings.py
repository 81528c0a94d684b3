"""Findings as data: a step's headline figures and conclusion sentences, one row each.

Every step package has a ``findings`` function (``sqmkit.kpis.findings``, ``sqmkit.pdca.findings`` …)
that turns its analysis tables into a table of these columns:

==========  =====================================================================================
column      meaning
==========  =====================================================================================
key         stable snake_case name; the key of the figure in ``results/NAME.json``
value       the figure (number, text or yes/no), or None for a sentence that carries no figure
unit        ``"%"``, ``"min"``, ``"h"`` … or ``""``
label       what the figure is, in the report's language (the index page shows it)
sentence    the conclusion in the report's language, computed from the data; ``""`` for a bare figure
==========  =====================================================================================

Notebooks show them with :func:`sqmkit.report.show_findings`, which also records every row that has a
value to results.json: the index page, the tests (and the PDF and the deck) read the same figures the
page states. Thresholds behind a sentence are keyword parameters of the ``findings`` function, never
numbers in a notebook.

Examples
--------
>>> findings_table([finding("actions_overdue", 2, label="逾期对策数", sentence="2 项对策已逾期。")])
               key value unit  label   sentence
0  actions_overdue     2       逾期对策数  2 项对策已逾期。
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

__all__ = ["FINDINGS_COLUMNS", "finding", "findings_table"]

FINDINGS_COLUMNS = ["key", "value", "unit", "label", "sentence"]


def finding(key: str, value: Any = None, *, label: str = "", unit: str = "", sentence: str = "") -> dict[str, Any]:
    """One row of a findings table (see the module docstring for the columns)."""
    return {"key": key, "value": value, "unit": unit or "", "label": label or key, "sentence": sentence or ""}


def findings_table(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """The rows as a findings table (object columns, in the order given; an empty table keeps the columns)."""
    return pd.DataFrame(list(rows), columns=FINDINGS_COLUMNS, dtype=object)
