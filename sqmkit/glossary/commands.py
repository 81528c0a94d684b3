"""Terms of the commands (``sqmkit run``, ``new``, ``sample``, ``lab``, ``import-events``, ``doctor``): what they print.

Each entry is {"zh": ..., "en": ...} with ``{fields}``; errors are raised with ``glossary.message(key, ...)``.
"""
from __future__ import annotations

COLUMNS: dict[str, dict[str, str]] = {}
VALUES: dict[str, dict[object, dict[str, str]]] = {}
TEXTS: dict[str, dict[str, str]] = {}
