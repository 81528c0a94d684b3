"""Step 03 · root cause: Pareto, fishbone, 5-Why chains, cause priorities, countermeasures.

Every public name of the step's modules is importable from here (``sqmkit.rootcause.<name>``), loaded on
first use: ``import sqmkit.rootcause`` imports none of its modules. A new public name goes into its module's
``__all__`` and into ``_EXPORTS`` below (tests/test_packages.py checks the two agree).
"""
from sqmkit._lazy import lazy_exports

_EXPORTS = {
    "pareto": ["PARETO_COLUMNS", "OTHER", "pareto_table", "pareto_compare", "pareto_options", "pooled_note"],
    "fishbone": ["PRESETS", "preset_categories", "fishbone_table", "text_width", "wrap_text"],
    "causes": ["pick_problem", "problem_header", "why_chains", "why_checklist", "prioritise_causes", "countermeasures",
               "action_coverage", "ACTION_COLUMNS", "EVIDENCE_WEIGHTS", "SECTIONS", "section_status"],
    "plots": ["pareto_chart", "pareto_compare_chart", "fishbone_chart", "why_chain_chart"],
    "conclusions": ["findings", "share_test"],
    "widgets": ["add_problem", "add_cause", "add_why_step", "fishbone_editor", "why_editor"],
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
