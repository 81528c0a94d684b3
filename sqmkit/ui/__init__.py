"""Workshop widgets (ipywidgets). Live when a notebook runs with ``interactive=True`` in a kernel
with a front-end; in batch runs (the runner sets ``interactive=False``) every control renders its
static result instead. One submodule per topic (needs, kpis, rootcause, pdca, satisfaction); their
public names are re-exported here lazily (``sqmkit.ui.kpi_explorer``), so ``import sqmkit.ui`` loads
no topic module. A new public widget goes into its submodule's ``__all__`` **and** into
``_EXPORTS`` below (tests/test_packages.py checks the two agree).
"""
from sqmkit._lazy import lazy_exports

_EXPORTS = {
    "_base": ["is_live", "save_table", "is_sample", "show", "TableEditor"],
    "needs": ["working_table", "apply_need_edit", "recompute", "workshop_ipa", "needs_workbench",
              "show_needs_workbench"],
    "kpis": ["GROUPINGS", "PERIODS", "explore_table", "kpi_explorer"],
    "rootcause": ["add_problem", "add_cause", "add_why_step", "fishbone_editor", "why_editor"],
    "pdca": ["EDITABLE", "board_table", "apply_edits", "add_action", "action_board"],
    "satisfaction": ["rescaled", "index_weights_widget", "show_index_weights", "driver_picker_widget",
                     "show_driver_picker"],
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
