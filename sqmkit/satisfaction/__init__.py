"""Step 05 · satisfaction: CSAT, NPS, indices, SERVQUAL, reliability, key drivers, comparisons, comments.

Every public name of the step's modules is importable from here (``sqmkit.satisfaction.<name>``), loaded on
first use: ``import sqmkit.satisfaction`` imports none of its modules. A new public name goes into its module's
``__all__`` and into ``_EXPORTS`` below (tests/test_packages.py checks the two agree).
"""
from sqmkit._lazy import lazy_exports

_EXPORTS = {
    "scores": ["csat", "nps", "weighted_index", "dimension_scores", "key_drivers", "derived_ipa", "SECTIONS", "GROUP_COLUMNS", "survey_frame", "survey_items", "dimension_weights", "measurable_items", "section_status", "scale_text", "low_score_cut"],
    "servqual": ["SERVQUAL_DIMENSIONS", "servqual_items", "servqual_gaps", "cronbach_alpha", "item_analysis", "feldt_ci"],
    "compare": ["compare_groups", "group_test", "join_by_group", "lowest_group", "before_after", "monthly_trend"],
    "comments": ["DOMAIN_WORDS", "STOP_WORDS_ZH", "STOP_WORDS_EN", "NEGATORS_ZH", "THEME_RULES", "mask_pii", "masked_cells", "tokenize", "top_terms", "tag_themes", "themes", "theme_examples"],
    "plots": ["satisfaction_bars", "trend_chart", "servqual_chart", "driver_chart", "ipa_chart", "before_after_chart", "theme_chart", "dimension_label"],
    "conclusions": ["EPSILON_BANDS", "R_BANDS", "COHEN_BANDS", "effect_band", "findings", "headline_view", "has_trend", "target_map"],
    "widgets": ["rescaled", "index_weights_widget", "show_index_weights", "driver_picker_widget", "show_driver_picker"],
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
