"""Every corpus workbook: the accepted ones first, then the refused ones."""
from __future__ import annotations

from . import accepted, refused
from ._base import Case

CASES: list[Case] = accepted.CASES + refused.CASES

__all__ = ["CASES", "Case"]
