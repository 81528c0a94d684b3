"""Every chart of sqmkit. Each function takes ready tables, ``ax=None``, and returns the Axes.

Charts never compute statistics: they draw what the analysis modules return. One submodule per
topic; all public chart functions are re-exported here, so ``sqmkit.plots.pareto_chart`` works.
"""
from sqmkit.plots._base import cjk_font_name, label, new_axes, save_figure, set_theme
from sqmkit.plots.health import *  # noqa: F401,F403
from sqmkit.plots.needs import *  # noqa: F401,F403
from sqmkit.plots.kpis import *  # noqa: F401,F403
from sqmkit.plots.rootcause import *  # noqa: F401,F403
from sqmkit.plots.spc import *  # noqa: F401,F403
from sqmkit.plots.pdca import *  # noqa: F401,F403
from sqmkit.plots.satisfaction import *  # noqa: F401,F403
from sqmkit.plots import health, kpis, needs, pdca, rootcause, satisfaction, spc

__all__ = (["cjk_font_name", "label", "new_axes", "save_figure", "set_theme"]
           + health.__all__ + needs.__all__ + kpis.__all__ + rootcause.__all__
           + spc.__all__ + pdca.__all__ + satisfaction.__all__)
