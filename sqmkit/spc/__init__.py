"""Statistical process control: control charts (Shewhart, Laney p′/u′, EWMA, CUSUM), run rules, phases, the overdispersion check, capability and funnel plots (steps 02 and 04).

Every public name of the step's modules is importable from here (``sqmkit.spc.<name>``), loaded on
first use: ``import sqmkit.spc`` imports none of its modules. A new public name goes into its module's
``__all__`` and into ``_EXPORTS`` below (tests/test_packages.py checks the two agree).
"""
from sqmkit._lazy import lazy_exports

_EXPORTS = {
    "charts": ["CHARTS", "RULE_SETS", "DEFAULT_RUN_LENGTHS", "D2", "D3", "c4", "control_chart", "run_chart", "phase_summary", "phase_test", "overdispersion"],
    "plots": ["control_chart_plot", "run_chart_plot", "capability_plot", "funnel_plot"],
    "process_capability": ["capability"],
    # not "funnel": importing a submodule binds its name on the package, which would hide the function
    "funnels": ["FUNNEL_CHARTS", "WARNING_SIGMAS", "CONTROL_SIGMAS", "funnel", "funnel_limits"],
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
