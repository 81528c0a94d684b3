"""Two-sample tests shared by the steps that compare before and after (kpis, pdca, satisfaction).

One rule for the Mann–Whitney p value everywhere: the **exact** distribution when both samples are
small (under 50 values each) and hold no ties — cheap there, and the normal approximation is poor
(8 against 8 weekly values: exact 0.000311, approximate 0.00136) — otherwise the normal approximation
with tie correction and continuity correction, as R's ``wilcox.test`` does.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["EXACT_BELOW", "mann_whitney"]

#: Both samples below this size and no ties: the exact Mann–Whitney p value.
EXACT_BELOW = 50


def mann_whitney(first: Sequence[float], second: Sequence[float]) -> dict[str, float | str]:
    """Two-sided Mann–Whitney U test of ``first`` against ``second`` (NaNs dropped).

    Returns
    -------
    dict
        ``u`` (U of ``first``), ``p_value``, ``method`` (``"exact"`` or ``"asymptotic"``) and
        ``rank_biserial`` (2U/(n1·n2) − 1: +1 when every value of ``first`` exceeds every value of ``second``).

    References
    ----------
    R Core Team, ``wilcox.test`` (stats); Kerby (2014), the simple difference formula for the
    rank-biserial correlation.

    Examples
    --------
    >>> x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]   # R's ?wilcox.test example
    >>> y = [1.15, 0.88, 0.90, 0.74, 1.21]
    >>> r = mann_whitney(x, y)
    >>> r["u"], round(r["p_value"], 4), r["method"]
    (35.0, 0.2544, 'exact')
    """
    from scipy import stats

    x = np.asarray(first, dtype=float)
    y = np.asarray(second, dtype=float)
    x, y = x[~np.isnan(x)], y[~np.isnan(y)]
    both = np.concatenate([x, y])
    exact = len(x) < EXACT_BELOW and len(y) < EXACT_BELOW and len(np.unique(both)) == len(both)
    method = "exact" if exact else "asymptotic"
    res = stats.mannwhitneyu(x, y, alternative="two-sided", method=method, use_continuity=True)
    u = float(res.statistic)
    return {"u": u, "p_value": float(res.pvalue), "method": method, "rank_biserial": 2 * u / (len(x) * len(y)) - 1}
