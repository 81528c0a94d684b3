"""Terms of reading and validating a workbook (files, dates, tables, sqmkit.yaml) — the messages of `sqmkit validate`: output columns, coded values and texts, each {"zh": ..., "en": ...}."""
from __future__ import annotations

COLUMNS: dict[str, dict[str, str]] = {}
VALUES: dict[str, dict[object, dict[str, str]]] = {}
TEXTS: dict[str, dict[str, str]] = {
    "cli_no_workbook": {"zh": "找不到工作簿文件夹 {path}。", "en": "There is no workbook folder {path}."},
}
