"""sqmkit: parameterised Jupyter workbooks for service-quality improvement.

Modules (one per concern, see DESIGN.md): io/schemas (reading and validating a workbook),
needs, kpis, spc, rootcause, pdca, satisfaction, text (analyses), plots (charts), ui
(workshop widgets), runner (papermill), report (HTML and tables), cli.
Nothing runs at import time; import the module you need, e.g. ``from sqmkit import kpis``.
"""
__version__ = "0.1.0"
__all__ = ["__version__"]
