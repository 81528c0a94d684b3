"""Terms of 04 PDCA: output columns, coded values and texts, each {"zh": ..., "en": ...}."""
from __future__ import annotations

COLUMNS: dict[str, dict[str, str]] = {}
VALUES: dict[str, dict[object, dict[str, str]]] = {}
TEXTS: dict[str, dict[str, str]] = {}
