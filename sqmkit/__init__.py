"""sqmkit: parameterised Jupyter workbooks for service-quality improvement.

Modules (one per concern; docs/DEVELOPING.md has the full map):

- workbook: ``io`` (read, validate and write a workbook), ``schemas`` (the tables, columns,
  Chinese aliases and rules), ``resources`` (bundled notebooks, templates, sample),
  ``sample`` (the synthetic Xinghai Telecom workbook), ``health`` (data health: what to fix
  before the workshop);
- needs: ``needs`` (Kano, importance–performance, priorities, SMART), ``segments`` (profiles,
  k-means segments, customer tiers);
- KPIs: ``kpis`` (ticket KPIs, backlog, coverage), ``kpis.engine`` (the DuckDB engine),
  ``kpis_targets`` (red/amber/green, composite score, cascade, period change), ``spc`` (control
  charts and run rules);
- root cause and PDCA: ``rootcause`` (Pareto, 5-Why, cause priorities, countermeasures),
  ``fishbone`` (the cause-and-effect model), ``pdca`` (action status, effect checks, cycles);
- satisfaction: ``satisfaction`` (CSAT, NPS, indices, key drivers), ``servqual`` (SERVQUAL gaps,
  Cronbach's alpha, item analysis), ``compare`` (groups, before/after, monthly trends), ``text``
  (comment mining);
- output: ``plots`` (every chart), ``ui`` (workshop widgets), ``runner`` (papermill), ``report``
  (HTML report, results.json, tables), ``webfont`` (CJK font for the offline report), ``labels``
  (zh/en display names), ``cli`` (the ``sqmkit`` command).

Nothing runs at import time; import the module you need, e.g. ``from sqmkit import kpis``.
"""
__version__ = "0.1.0"
__all__ = ["__version__"]
