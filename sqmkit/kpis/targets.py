"""KPIs against targets: red/amber/green status, the composite service-quality score, the
centre → team → agent cascade, period-over-period change and KPI control charts.

Re-exported by :mod:`sqmkit.kpis` (use ``sqmkit.kpis.kpi_status`` etc.).
"""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from sqmkit._checks import argument_error, as_list, check_choice, require_columns, require_names
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import BLANK, message
from sqmkit.kpis.engine import COUNT_COLUMNS, KPI_COLUMNS

__all__ = ["kpi_status", "composite_score", "kpi_cascade", "period_change", "kpi_control_chart", "proportion_chart",
           "team_funnel"]

_META = set(KPI_COLUMNS) | set(COUNT_COLUMNS) | {"score"}
_DIRECTIONS = ["higher", "lower"]


def _targets(targets: pd.DataFrame, *, need_weight: bool = False) -> pd.DataFrame:
    """Validate a ``kpi_targets`` table: kpi, target, direction (and weight), one row per KPI."""
    need = ["kpi", "target", "direction"] + (["weight"] if need_weight else [])
    require_columns(targets, need, table="kpi_targets", fix=message("tg_add_columns_fix"))
    t = targets.copy()
    t["kpi"] = t["kpi"].astype("string").str.strip()
    t["direction"] = t["direction"].astype("string").str.strip().str.lower()
    dup = t["kpi"][t["kpi"].duplicated()]
    if len(dup):
        raise DataValidationError(message("tg_duplicate_kpi", kpis=sorted(set(dup))), table="kpi_targets", column="kpi",
                                  failure_cases=t[t["kpi"].isin(dup)])
    bad = t[~t["direction"].isin(_DIRECTIONS)]
    if len(bad):
        raise DataValidationError(
            message("tg_bad_direction", kpis=bad["kpi"].tolist(), values=bad["direction"].tolist()), table="kpi_targets", column="direction",
            failure_cases=bad)
    t["target"] = pd.to_numeric(t["target"], errors="coerce")
    bad = t[t["target"].isna()]
    if len(bad):
        raise DataValidationError(message("tg_no_target", kpis=bad["kpi"].tolist()), table="kpi_targets", column="target",
                                  failure_cases=bad)
    return t.set_index("kpi")


def _long(values: pd.DataFrame, kpis: list[str]) -> tuple[pd.DataFrame, list[str]]:
    """KPI values as a long table (ids..., kpi, value) from a wide ticket_kpis-like or a long kpi_values table."""
    if {"kpi", "value"} <= set(values.columns):
        ids = [c for c in values.columns if c not in ("kpi", "value", "unit")]
        long = values[ids + ["kpi", "value"]].copy()
        long = long[long["kpi"].isin(kpis)]
    else:
        present = [k for k in kpis if k in values.columns]
        ids = [c for c in values.columns if c not in _META and c not in kpis and not str(c).startswith("q_")]
        long = values.melt(id_vars=ids, value_vars=present, var_name="kpi", value_name="value")
    long["value"] = pd.to_numeric(long["value"], errors="coerce").astype("float64")
    return long, ids


def kpi_status(values: pd.DataFrame, targets: pd.DataFrame, *, amber_pct: float = 5.0) -> pd.DataFrame:
    """Each KPI value against its target: gap and red/amber/green status.

    Parameters
    ----------
    values : DataFrame
        Wide KPI columns as :func:`sqmkit.kpis.ticket_kpis` returns them (the other columns are
        kept as identifiers, e.g. ``period``, ``team``), or a long ``kpi_values`` table with
        ``kpi`` and ``value`` columns. KPIs without a target are left out.
    targets : DataFrame
        The ``kpi_targets`` table: ``kpi``, ``target``, ``direction`` (``higher``/``lower``).
    amber_pct : float
        Width of the amber band in percent of the target, on the wrong side of it.

    Returns
    -------
    DataFrame
        The identifier columns, ``kpi``, ``value``, ``target``, ``direction``, ``gap``
        (value − target; its sign is bad when it points against the direction),
        ``attainment_pct`` and ``status`` (``green``, ``amber``, ``red``; NA without a value).

    Notes
    -----
    For *higher is better*: green when value ≥ target; amber when target·(1 − a) ≤ value < target;
    red below. For *lower is better*: green when value ≤ target; amber when target < value ≤
    target·(1 + a); red above (a = ``amber_pct`` / 100; the band is measured from |target|).
    attainment_pct = 100 × value/target (higher) or 100 × target/value (lower).

    Examples
    --------
    >>> import pandas as pd
    >>> from sqmkit import kpis
    >>> targets = pd.DataFrame({"kpi": ["frt_median_min"], "target": [30], "direction": ["lower"]})
    >>> values = pd.DataFrame({"period": ["H1", "H2"], "frt_median_min": [45.0, 31.0]})
    >>> kpis.kpi_status(values, targets)[["period", "value", "status"]]
      period  value status
    0     H1   45.0    red
    1     H2   31.0  amber
    """
    if not (0 <= float(amber_pct) < 100):
        raise argument_error("amber_pct", amber_pct, "must_between", low=0, high=100)
    t = _targets(targets)
    long, ids = _long(values, list(t.index))
    long["target"] = long["kpi"].map(t["target"]).astype("float64")
    long["direction"] = long["kpi"].map(t["direction"]).astype("string")
    v, tg = long["value"].to_numpy(), long["target"].to_numpy()
    higher = (long["direction"] == "higher").to_numpy()
    band = np.abs(tg) * float(amber_pct) / 100.0
    long["gap"] = v - tg
    with np.errstate(divide="ignore", invalid="ignore"):
        long["attainment_pct"] = np.where(higher, 100.0 * v / tg, 100.0 * tg / v)
    green = np.where(higher, v >= tg, v <= tg)
    amber = np.where(higher, v >= tg - band, v <= tg + band)
    status = np.where(green, "green", np.where(amber, "amber", "red")).astype(object)
    status[np.isnan(v)] = pd.NA
    long["status"] = pd.array(status, dtype="string")
    return long[ids + ["kpi", "value", "target", "direction", "gap", "attainment_pct", "status"]].reset_index(drop=True)


def composite_score(values: pd.DataFrame, targets: pd.DataFrame, *, kpis: Sequence[str] | None = None,
                    cap: float = 1.0) -> pd.DataFrame:
    """The composite service-quality score SQS = Σ wᵢ·Qᵢ (0–100) per row of ``values``.

    Parameters
    ----------
    values : DataFrame
        Wide KPI columns (e.g. :func:`sqmkit.kpis.ticket_kpis` by period), or a long table with
        ``kpi`` and ``value``.
    targets : DataFrame
        ``kpi_targets`` with ``kpi``, ``target``, ``direction`` and ``weight``.
    kpis : list of str, optional
        The KPIs to combine (their weights are rescaled to sum to 1). Default: every KPI of
        ``targets`` with a weight above 0 (then weights not summing to 1 are rescaled with a
        ``UserWarning``; a chosen subset is rescaled without one).
    cap : float
        Upper cap of the normalised attainment (1 = beating a target earns nothing extra, so one
        KPI cannot hide another).

    Returns
    -------
    DataFrame
        The identifier columns, ``score`` (0–100 × cap) and one ``q_<kpi>`` column per KPI (its
        normalised value Qᵢ × 100). ``score`` is NaN in rows where a combined KPI has no value.

    Raises
    ------
    DataValidationError
        No ``weight`` column; a negative or blank weight; weights summing to 0; a KPI in ``kpis``
        that ``targets`` does not know, or that ``values`` does not hold.

    Notes
    -----
    Normalisation (higher is better, comparable across units): Qᵢ = min(valueᵢ / targetᵢ, cap)
    for *higher is better* and Qᵢ = min(targetᵢ / valueᵢ, cap) for *lower is better* (a value of 0
    scores the cap), i.e. the target attainment ratio, capped. The weights wᵢ come from
    ``kpi_targets.weight``; when the selected weights do not sum to 1 they are rescaled to sum to 1. SQS = 100 × Σ wᵢ·Qᵢ.

    Examples
    --------
    >>> import pandas as pd
    >>> from sqmkit import kpis
    >>> targets = pd.DataFrame({"kpi": ["frt_median_min", "fcr_pct"], "target": [30, 75],
    ...                         "direction": ["lower", "higher"], "weight": [0.6, 0.4]})
    >>> values = pd.DataFrame({"period": ["H1"], "frt_median_min": [45.0], "fcr_pct": [70.0]})
    >>> round(float(kpis.composite_score(values, targets)["score"].iloc[0]), 2)  # 100*(0.6*30/45 + 0.4*70/75)
    77.33

    References
    ----------
    Parmenter, D. (2015). *Key Performance Indicators*, 3rd ed., Wiley (weighted KPI scorecards).
    """
    if not (isinstance(cap, (int, float)) and cap >= 1):
        raise argument_error("cap", cap, "must_number_at_least", low=1)
    t = _targets(targets, need_weight=True)
    weights = pd.to_numeric(t["weight"], errors="coerce")
    negative = weights[weights < 0]
    if len(negative):
        raise DataValidationError(message("tg_bad_weight", kpis=list(negative.index), values=negative.tolist()),
                                  table="kpi_targets",
                                  column="weight", failure_cases=negative.reset_index())
    if kpis is None:
        chosen = [k for k in t.index if pd.notna(weights[k]) and weights[k] > 0]
    else:
        chosen = list(kpis)
        unknown = [k for k in chosen if k not in t.index]
        if unknown:
            raise DataValidationError(message("tg_unknown_kpi", kpis=unknown, known=list(t.index)), table="kpi_targets", column="kpi")
    w = weights[chosen]
    if w.isna().any() or (w < 0).any():
        bad = w[w.isna() | (w < 0)]
        raise DataValidationError(message("tg_bad_weight", kpis=list(bad.index), values=bad.tolist()), table="kpi_targets",
                                  column="weight", failure_cases=bad.reset_index())
    if not chosen or w.sum() <= 0:
        raise DataValidationError(message("tg_weights_zero"), table="kpi_targets", column="weight")
    if abs(w.sum() - 1.0) > 1e-9:
        if kpis is None:  # the workbook's own weights are off; a chosen subset is rescaled silently
            warnings.warn(message("tg_weights_rescaled", kpis=chosen, total=f"{w.sum():g}"), UserWarning, stacklevel=2)
        w = w / w.sum()
    if {"kpi", "value"} <= set(values.columns):
        long, ids = _long(values, chosen)
        present = set(long["kpi"])
        wide = long.set_index(ids + ["kpi"])["value"].unstack("kpi") if ids else \
            long.set_index("kpi")["value"].to_frame().T
        wide = wide.reset_index(drop=not ids)
        wide.columns.name = None
    else:
        ids = [c for c in values.columns if c not in _META and c not in chosen and not str(c).startswith("q_")]
        present = set(values.columns)
        wide = values[ids + [k for k in chosen if k in present]].reset_index(drop=True)
    missing = [k for k in chosen if k not in present]
    if missing:
        raise DataValidationError(message("tg_no_values", kpis=missing), table="kpi_targets", column="kpi")
    out = wide[ids].copy()
    score = np.zeros(len(wide))
    for k in chosen:
        v = pd.to_numeric(wide[k], errors="coerce").to_numpy(dtype="float64")
        target = float(t.loc[k, "target"])
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = v / target if t.loc[k, "direction"] == "higher" else target / v
        q = np.where(np.isnan(v), np.nan, np.clip(np.nan_to_num(ratio, nan=cap, posinf=cap), 0.0, cap))
        out[f"q_{k}"] = 100.0 * q
        score = score + float(w[k]) * 100.0 * q
    out.insert(len(ids), "score", score)
    return out


def kpi_cascade(data: pd.DataFrame | str | Path, *, kpi: str, levels: Sequence[str] = ("team",),
                targets: pd.DataFrame | None = None, amber_pct: float = 5.0, min_tickets: int = 30,
                **kpi_options: Any) -> pd.DataFrame:
    """One KPI cascaded from the centre down ``levels`` (e.g. team → agent), against the centre and target.

    Parameters
    ----------
    data : DataFrame or path
        The ``tickets`` table (as for :func:`sqmkit.kpis.ticket_kpis`).
    kpi : str
        A column of :func:`sqmkit.kpis.ticket_kpis`, e.g. ``"frt_median_min"``.
    levels : list of str
        Columns from the top down, e.g. ``["team", "agent_id"]``.
    targets : DataFrame, optional
        ``kpi_targets``: adds ``target`` and ``status`` (else the KPI's usual direction is used).
    min_tickets : int
        Smallest unit that is ranked: a team or agent with fewer tickets (or without a value) is
        listed after the ranked ones and never named as lagging — one slow ticket is not a slow team.
    **kpi_options
        Passed to ``ticket_kpis``: ``sla``, ``repeat_window_days``, ``start``, ``end``.

    Returns
    -------
    DataFrame
        One row per unit: ``kpi``, ``level`` (``centre`` or the column name), ``unit``, ``parent``,
        ``tickets``, ``value``, ``centre`` (the centre's value), ``parent_value`` (the value of the
        unit one level up), ``deviation`` (value − centre),
        ``worse_than_centre`` (deviation against the KPI's direction), ``ranked`` (a unit with at
        least ``min_tickets`` tickets and a value; False for the centre), ``direction``, ``target``,
        ``status`` (as :func:`kpi_status`; NA without targets).

    Notes
    -----
    Each level is computed from the tickets with the same definitions as the centre (medians
    and percentiles are not averages of the units'). Within a level, ranked units come first,
    worst first, then the small ones (worst first, no value last). Blank units (no team) are the
    unit :data:`sqmkit.glossary.BLANK`: shown, never ranked.
    """
    from sqmkit.kpis import KPI_DIRECTIONS, ticket_kpis

    check_choice("kpi", kpi, KPI_COLUMNS)
    if isinstance(min_tickets, bool) or not isinstance(min_tickets, (int, np.integer)) or min_tickets < 1:
        raise argument_error("min_tickets", min_tickets, "must_whole_at_least", low=1)
    levels = [levels] if isinstance(levels, str) else list(levels)
    if not levels:
        raise argument_error("levels", [], "must_name_a_column")
    direction = KPI_DIRECTIONS[kpi]
    target = np.nan
    if targets is not None:
        t = _targets(targets)
        if kpi in t.index:
            direction, target = str(t.loc[kpi, "direction"]), float(t.loc[kpi, "target"])
    centre = ticket_kpis(data, **kpi_options)
    centre_value = float(centre[kpi].iloc[0])
    rows = [pd.DataFrame({"level": ["centre"], "unit": ["centre"], "parent": [pd.NA],
                          "tickets": centre["tickets"].to_numpy(), "value": [centre_value], "ranked": [False]})]
    for i, level in enumerate(levels):
        table = ticket_kpis(data, by=levels[: i + 1], **kpi_options)
        part = pd.DataFrame({"level": level, "unit": table[level].astype("string"),
                             "parent": table[levels[i - 1]].astype("string") if i else "centre",
                             "tickets": table["tickets"], "value": table[kpi]})
        # blank units (no team) are shown, never ranked: a pile of unassigned tickets is not a team
        part["ranked"] = (part["tickets"] >= min_tickets) & part["value"].notna() & part["unit"].ne(BLANK).fillna(True)
        part = part.sort_values("value", ascending=(direction == "higher"), kind="mergesort", na_position="last")
        rows.append(part.sort_values("ranked", ascending=False, kind="mergesort"))
    out = pd.concat(rows, ignore_index=True)
    out["centre"] = centre_value
    values = {("centre", "centre"): centre_value}
    for level, part in zip(["centre"] + levels, rows):
        values.update({(level, u): v for u, v in zip(part["unit"], part["value"])})
    parents = ["centre"] + ["centre"] + levels[:-1]
    level_parent = dict(zip(["centre"] + levels, parents))
    out["parent_value"] = [np.nan if lvl == "centre" else values.get((level_parent[lvl], p), np.nan)
                           for lvl, p in zip(out["level"], out["parent"])]
    out["deviation"] = out["value"] - centre_value
    sign = 1.0 if direction == "lower" else -1.0
    out["worse_than_centre"] = (sign * out["deviation"] > 0)
    out["ranked"] = out.pop("ranked").astype(bool)
    out["direction"] = direction
    out["target"] = target
    if targets is not None and not np.isnan(target):
        status = kpi_status(out[["value"]].rename(columns={"value": kpi}).assign(_row=range(len(out))),
                            targets, amber_pct=amber_pct)
        out["status"] = status.sort_values("_row")["status"].to_numpy()
    else:
        out["status"] = pd.array([pd.NA] * len(out), dtype="string")
    out.insert(0, "kpi", kpi)
    return out


def period_change(table: pd.DataFrame, *, kpis: Sequence[str] | None = None, by: str | Sequence[str] | None = None,
                  period: str = "period") -> pd.DataFrame:
    """Period-over-period change of each KPI (within each group of ``by``).

    Returns
    -------
    DataFrame
        ``by`` columns, ``period``, ``kpi``, ``value``, ``previous`` (the previous period's value
        in the same group), ``change`` (value − previous), ``change_pct`` (100 × change /
        |previous|; NaN when previous is 0 or missing).
    """
    if period not in table.columns:
        raise DataValidationError(f"The table has no column '{period}'. Fix: compute the KPIs with freq= "
                                  "(e.g. ticket_kpis(..., freq='MS')).", column=period)
    keys = as_list(by)
    chosen = list(kpis) if kpis is not None else [k for k in KPI_COLUMNS if k in table.columns]
    require_names(table.columns, keys + chosen, table="ticket_kpis", fix="pass the output of "
                  "sqmkit.kpis.ticket_kpis(..., freq=...) and names of its columns as `by` and `kpis`.")
    long = table.melt(id_vars=keys + [period], value_vars=chosen, var_name="kpi", value_name="value")
    long = long.sort_values(keys + ["kpi", period], kind="mergesort").reset_index(drop=True)
    long["previous"] = long.groupby(keys + ["kpi"], dropna=False, sort=False)["value"].shift(1)
    long["change"] = long["value"] - long["previous"]
    prev = long["previous"].abs().replace(0, np.nan)
    long["change_pct"] = 100.0 * long["change"] / prev
    return long[keys + [period, "kpi", "value", "previous", "change", "change_pct"]]


def kpi_control_chart(table: pd.DataFrame, *, kpi: str, phase1: int | None = None, split: Any = None,
                      rules: str = "western_electric", period: str = "period") -> pd.DataFrame:
    """An individuals (I) control chart of one KPI over periods, via :func:`sqmkit.spc.control_chart`.

    Returns the control-chart table (point, label, n, stat, center, sigma, lcl, ucl, phase, rule)
    with ``kpi`` and the ``period`` of each point in front. Periods without a value are left out.
    Limits from the first ``phase1`` periods when given, or from the periods that start before
    ``split`` (the periods before an intervention; only those with a value count).
    """
    from sqmkit import spc

    if kpi not in table.columns:
        raise DataValidationError(f"The table has no column '{kpi}'; it has {list(table.columns)}.", column=kpi)
    data = table.sort_values(period).reset_index(drop=True) if period in table.columns else table.reset_index(drop=True)
    data = data[data[kpi].notna()].reset_index(drop=True)
    if split is not None:
        phase1 = int((pd.to_datetime(data[period]) < pd.Timestamp(split)).sum())
    label = period if period in data.columns else None
    chart = spc.control_chart(data, value=kpi, chart="i", phase1=phase1, rules=rules, label=label)
    if label:
        chart.insert(0, period, data[period].to_numpy()[: len(chart)])
    chart.insert(0, "kpi", kpi)
    return chart


_LIMIT_COLUMNS = ["stat", "center", "sigma", "lcl", "ucl"]


def proportion_chart(counts: pd.DataFrame, *, kpi: str, split: Any = None, alpha: float = 0.05,
                     rules: str = "western_electric") -> tuple[pd.DataFrame, pd.DataFrame]:
    """A percentage KPI per period on a p chart, or on Laney's p′ chart when the periods vary more
    than binomial sampling allows (:func:`sqmkit.spc.overdispersion`).

    Parameters
    ----------
    counts : DataFrame
        :func:`kpi_counts` with ``freq``: period, events, size.
    kpi : str
        The KPI of ``counts``.
    split : date-like, optional
        Periods starting before it are phase I: they set the limits and are the ones checked. With
        fewer than 3 periods before it or none after it, all periods are phase I (``chart.attrs["split"]``
        keeps the date, so the finding can say so).
    alpha : float
        Level of the dispersion test.

    Returns
    -------
    (chart, check)
        chart: :func:`sqmkit.spc.control_chart`'s table in percent (stat, center, sigma, lcl, ucl × 100)
        with ``kpi``, ``period`` and ``chart`` in front; check: the overdispersion row of the phase I
        periods, whose ``recommended`` chart was drawn.
    """
    from sqmkit import spc

    data = counts.sort_values("period").reset_index(drop=True)
    phase1 = int((data["period"] < pd.Timestamp(split)).sum()) if split is not None else None
    phase1 = phase1 if phase1 is not None and 3 <= phase1 < len(data) else None
    base = data.iloc[:phase1] if phase1 is not None else data
    check = spc.overdispersion(base, value="events", size="size", chart="p", alpha=alpha, table=kpi)
    name = str(check["recommended"].iloc[0])
    chart = spc.control_chart(data, value="events", size="size", chart=name, phase1=phase1, rules=rules,
                              label="period", table=kpi)
    chart[_LIMIT_COLUMNS] = chart[_LIMIT_COLUMNS] * 100.0
    chart.insert(0, "chart", name)
    chart.insert(0, "period", data["period"].to_numpy())
    chart.insert(0, "kpi", kpi)
    chart.attrs["split"] = None if split is None else pd.Timestamp(split)
    return chart, check


def team_funnel(data: pd.DataFrame | str | Path, *, kpi: str = "sla_met_pct", by: str = "team",
                sla: float | dict[str, float] | None = None, start: Any = None, end: Any = None) -> pd.DataFrame:
    """Teams (or sites, agents) on a funnel plot of a percentage KPI: :func:`sqmkit.spc.funnel` of
    :func:`kpi_counts` by ``by``, in percent.

    Returns
    -------
    DataFrame
        :func:`sqmkit.spc.funnel`'s table (unit = the team; stat and limits in %), ``attrs`` as there
        plus ``kpi``. The blank team is left out: it is no unit to compare. Without tickets to count
        the KPI on (no SLA, no contacts): an empty table (unit, value, size).
    """
    from sqmkit import spc
    from sqmkit.kpis.tickets import kpi_counts

    counts = kpi_counts(data, kpi=kpi, by=by, sla=sla, start=start, end=end)
    counts = counts[counts[by] != BLANK]
    if counts.empty:
        empty = pd.DataFrame(columns=["unit", "value", "size"])   # nothing to count this KPI on
        empty.attrs["kpi"] = kpi
        return empty
    table = spc.funnel(counts, unit=by, value="events", size="size", chart="p", multiply=100, table=kpi)
    table.attrs["kpi"] = kpi
    return table
