"""Texts of a notebook's report page itself (the template ``templates/report/sqmkit``), each {"zh": …, "en": …}.

:func:`sqmkit.report.notebook_html` passes them to the template as resources: ``page_back_to_index`` is the link
back to the index (``sqmkit_back_label``), ``page_chart_alt`` the alternative text of a chart (``sqmkit_image_alt``;
without it nbconvert writes an English sentence into every ``<img>``).
"""
from __future__ import annotations

COLUMNS: dict[str, dict[str, str]] = {}
VALUES: dict[str, dict] = {}
TEXTS: dict[str, dict[str, str]] = {
    "page_back_to_index": {"zh": "← 返回索引页", "en": "← Back to the index"},
    "page_chart_alt": {"zh": "图表（数据见本节表格及导出的 tables.xlsx）",
                       "en": "Chart (its data: the tables of this section and the exported tables.xlsx)"},
}
