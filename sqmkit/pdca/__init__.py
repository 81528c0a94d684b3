"""Step 04 · PDCA: the action register at ``as_of``, effect checks, standardisation and the next cycle.

Every public name of the step's modules is importable from here (``sqmkit.pdca.<name>``), loaded on
first use: ``import sqmkit.pdca`` imports none of its modules. A new public name goes into its module's
``__all__`` and into ``_EXPORTS`` below (tests/test_packages.py checks the two agree).
"""
from sqmkit._lazy import lazy_exports

_EXPORTS = {
    "actions": ["STATUSES", "PHASES", "DIRECTIONS", "REGISTER_COLUMNS", "action_status", "action_progress", "owner_workload", "status_view", "overdue_list", "kpi_series", "follow_kpi", "split_readiness", "effect_check", "next_cycle", "split_chart", "phase_shift", "kpi_before_after"],
    "conclusions": ["settings_line", "findings"],
    "plots": ["gantt_chart", "progress_chart", "effect_chart"],
    "widgets": ["EDITABLE", "board_table", "apply_edits", "add_action", "action_board"],
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
