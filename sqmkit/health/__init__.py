"""Step 00 · data health: what the workbook holds and what to fix before the workshop.

Every public name of the step's modules is importable from here (``sqmkit.health.<name>``), loaded on
first use: ``import sqmkit.health`` imports none of its modules. A new public name goes into its module's
``__all__`` and into ``_EXPORTS`` below (tests/test_packages.py checks the two agree).
"""
from sqmkit._lazy import lazy_exports

_EXPORTS = {
    "analysis": ["tables_overview", "date_coverage", "completeness", "rule_violations", "flagged_rows", "duplicates",
                 "NOTEBOOK_TABLES", "EXPECTED_BLANKS", "RULES"],
    "conclusions": ["findings", "EVENT_TABLES"],
    "plots": ["completeness_chart", "date_coverage_chart"],
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
