"""Step 01 · customer needs: segments, importance–performance, Kano, priorities, SMART goals.

Every public name of the step's modules is importable from here (``sqmkit.needs.<name>``), loaded on
first use: ``import sqmkit.needs`` imports none of its modules. A new public name goes into its module's
``__all__`` and into ``_EXPORTS`` below (tests/test_packages.py checks the two agree).
"""
from sqmkit._lazy import lazy_exports

_EXPORTS = {
    "analysis": ["KANO_CATEGORIES", "KANO_EVALUATION", "KANO_SCORES", "QUADRANTS", "DEFAULT_WEIGHTS", "kano_category",
                 "kano_classify", "kano_table", "kano_evaluation_table", "importance_performance", "priority_ranking",
                 "smart_check", "SECTIONS", "workbook_ipa", "section_status"],
    "segments": ["segment_profile", "survey_segments", "rating_matrix", "choose_k", "cluster_segments",
                 "cluster_profile", "structure_strength", "cluster_top_needs", "customer_tiers", "workbook_tiers",
                 "TIER_VALUE_COLUMNS"],
    "conclusions": ["findings"],
    "plots": ["kano_chart", "ipa_quadrant_chart", "priority_chart"],
    "widgets": ["working_table", "apply_need_edit", "recompute", "workshop_ipa", "needs_workbench",
                "show_needs_workbench"],
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
