"""Every chart of sqmkit. Each function takes ready tables, ``ax=None``, and returns the Axes.

Charts never compute statistics: they draw what the analysis modules return. One submodule per
topic (health, needs, kpis, rootcause, spc, pdca, satisfaction); all public chart functions are
re-exported here, so ``sqmkit.plots.pareto_chart`` works. The re-exports are lazy: importing
``sqmkit.plots`` loads neither matplotlib nor a topic module until a chart is first used.
A new public chart goes into its submodule's ``__all__`` **and** into ``_EXPORTS`` below
(tests/test_packages.py checks the two agree).
"""
from sqmkit._lazy import lazy_exports

_EXPORTS = {
    "_base": ["cjk_font_name", "label", "new_axes", "save_figure", "set_theme"],
    "health": ["completeness_chart", "date_coverage_chart"],
    "needs": ["kano_chart", "ipa_quadrant_chart", "priority_chart"],
    "kpis": ["kpi_trend_chart", "rag_heatmap", "cascade_chart", "composite_chart"],
    "rootcause": ["pareto_chart", "pareto_compare_chart", "fishbone_chart", "why_chain_chart"],
    "spc": ["control_chart_plot", "run_chart_plot"],
    "pdca": ["gantt_chart", "progress_chart", "effect_chart"],
    "satisfaction": ["satisfaction_bars", "trend_chart", "servqual_chart", "driver_chart", "ipa_chart",
                     "before_after_chart", "theme_chart", "dimension_label"],
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
