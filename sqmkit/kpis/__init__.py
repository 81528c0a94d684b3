"""Step 02 · service KPIs from a ticket log: one engine for frames and files, targets, composite score, cascade.

Every public name of the step's modules is importable from here (``sqmkit.kpis.<name>``), loaded on
first use: ``import sqmkit.kpis`` imports none of its modules. A new public name goes into its module's
``__all__`` and into ``_EXPORTS`` below (tests/test_packages.py checks the two agree).
"""
from sqmkit._lazy import lazy_exports

_EXPORTS = {
    "tickets": ["KPI_LABELS", "KPI_DIRECTIONS", "kpi_label", "TicketLog", "ticket_kpis", "before_after", "backlog", "coverage", "log_range", "sla_problems", "AMBER_PCT", "SHARE_KPIS", "kpi_counts", "resolution_hours", "resolution_capability"],
    "engine": ["KPI_COLUMNS", "COUNT_COLUMNS", "FREQ_UNITS", "TICKET_COLUMNS", "TIMESTAMP_COLUMNS", "MEMORY_ENV", "TEMP_ENV", "MEMORY_SHARE", "TEMP_SHARE", "resource_limits", "period_bounds", "period_end", "blank_keys", "quote_name", "DuckSource"],
    "targets": ["kpi_status", "composite_score", "kpi_cascade", "period_change", "kpi_control_chart", "proportion_chart", "team_funnel"],
    "conclusions": ["KPI_NEEDS", "FALLBACK_ORDER", "kpi_support", "follow_kpi", "sla_text", "settings_line", "level_summary", "level_headlines", "partial_note", "rank_groups", "lagging_unit", "weakest_units", "score_plan", "score_note", "score_summary", "chart_readiness", "backlog_note", "findings"],
    "plots": ["kpi_trend_chart", "rag_heatmap", "cascade_chart", "composite_chart", "resolution_capability_plot"],
    "widgets": ["GROUPINGS", "PERIODS", "explore_table", "kpi_explorer"],
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
