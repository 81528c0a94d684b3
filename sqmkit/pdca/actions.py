"""PDCA action register: status at an ``as_of`` date, progress, workload, effect checks, cycles.

The register is the ``actions`` table of a workbook (one row per action). ``action_status`` adds the
honest overdue logic of DESIGN §6; ``effect_check`` asks whether the action's KPI really moved
(before/after its start date, Welch t and Mann–Whitney, against baseline and target); ``next_cycle``
decides what is standardised and what starts the next PDCA cycle.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import stats as _stats

from sqmkit._checks import check_choice, check_lang, require_columns
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import BLANK, Message, message, text
from sqmkit.stats import mann_whitney

__all__ = ["STATUSES", "PHASES", "DIRECTIONS", "REGISTER_COLUMNS", "action_status", "action_progress",
           "owner_workload", "status_view", "overdue_list", "kpi_series", "follow_kpi", "split_readiness",
           "effect_check", "next_cycle", "split_chart", "phase_shift", "kpi_before_after"]

STATUSES = ("open", "in_progress", "blocked", "done", "cancelled")
PHASES = ("Plan", "Do", "Check", "Act")
DIRECTIONS = ("lower", "higher")
_FINISHED = ("done", "cancelled")
_TABLE = "actions"
#: The register columns the status table shows, in this order (those the register has).
REGISTER_COLUMNS = ("action_id", "action", "owner", "phase", "status", "due", "done_date", "overdue", "days_late",
                    "due_soon")


def _rows(labels, limit: int = 5) -> str | Message:
    items = [str(v) for v in labels]
    if len(items) > limit:
        return message("pdca_ids_more", ids=", ".join(items[:limit]), n=len(items))
    return ", ".join(items)


def _ids(df: pd.DataFrame, mask: pd.Series) -> str | Message:
    if "action_id" in df.columns:
        return _rows(df.loc[mask, "action_id"])
    return _rows(df.index[mask])


def _day(value: Any, name: str) -> pd.Timestamp:
    try:
        day = pd.Timestamp(value)
    except (TypeError, ValueError):
        day = pd.NaT
    if pd.isna(day):
        raise DataValidationError(message("pdca_not_a_date", name=name, value=value))
    return day.normalize()


def _dates(df: pd.DataFrame, column: str) -> pd.Series:
    if column not in df.columns:
        return pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
    raw = df[column]
    parsed = pd.to_datetime(raw, errors="coerce")
    blank = raw.isna() | raw.astype("string").str.strip().isin(["", "<NA>", "NaT", "nan"]).fillna(True)
    bad = parsed.isna() & ~blank
    if bad.any():
        raise DataValidationError(
            message("pdca_not_dates", table=_TABLE, column=column, ids=_ids(df, bad), example=raw[bad].iloc[0]),
            table=_TABLE, column=column,
            failure_cases=df.loc[bad, [c for c in ("action_id", column) if c in df.columns]])
    return parsed.dt.normalize().astype("datetime64[ns]")


def _coded(df: pd.DataFrame, column: str, options: tuple[str, ...], *, blank_ok: bool) -> pd.Series:
    """The column spelled as in ``options`` (case and spaces ignored: "In progress" is in_progress)."""
    raw = df[column].astype("string").str.strip()
    value = raw.str.lower().str.replace(" ", "_").map({o.lower(): o for o in options})
    bad = value.isna() & (raw.notna() if blank_ok else True)
    if bad.any():
        raise DataValidationError(
            message("pdca_unknown_values", table=_TABLE, column=column, ids=_ids(df, bad),
                    example=df.loc[bad, column].iloc[0], options=list(options)),
            table=_TABLE, column=column, failure_cases=df.loc[bad, ["action_id", column]])
    return value.astype(object)


def _check_actions(data: pd.DataFrame) -> pd.DataFrame:
    """Validate and normalise the register (status lower case, phase capitalised, dates as days)."""
    require_columns(data, ["action_id", "status"], table=_TABLE, fix=message("pdca_add_columns_fix"))
    df = data.copy()
    df["status"] = _coded(df, "status", STATUSES, blank_ok=False)
    if "phase" in df.columns:
        df["phase"] = _coded(df, "phase", PHASES, blank_ok=True)
    for col in ("start", "due", "done_date"):
        df[col] = _dates(df, col)
    bad = df["due"].notna() & df["start"].notna() & (df["due"] < df["start"])
    if bad.any():
        raise DataValidationError(
            message("pdca_due_before_start", table=_TABLE, ids=_ids(df, bad)), table=_TABLE, column="due",
            failure_cases=df.loc[bad, ["action_id", "start", "due"]])
    bad = df["done_date"].notna() & (df["status"] != "done")
    if bad.any():
        raise DataValidationError(
            message("pdca_done_date_not_done", table=_TABLE, ids=_ids(df, bad)), table=_TABLE, column="done_date",
            failure_cases=df.loc[bad, ["action_id", "status", "done_date"]])
    for col in ("baseline", "target", "actual", "effectiveness", "cycle"):
        if col in df.columns:
            num = pd.to_numeric(df[col], errors="coerce")
            bad = df[col].notna() & num.isna() & (df[col].astype("string").str.strip() != "")
            if bad.any():
                raise DataValidationError(
                    message("pdca_not_numbers", table=_TABLE, column=col, ids=_ids(df, bad),
                            example=df.loc[bad, col].iloc[0]), table=_TABLE, column=col,
                    failure_cases=df.loc[bad, ["action_id", col]])
            df[col] = num.astype(float)
    if "direction" in df.columns:
        d = df["direction"].astype("string").str.strip().str.lower()
        bad = d.notna() & ~d.isin(DIRECTIONS)
        if bad.any():
            raise DataValidationError(message("pdca_bad_direction", table=_TABLE, ids=_ids(df, bad)), table=_TABLE,
                                      column="direction")
        df["direction"] = d.astype(object)
    return df


def action_status(data: pd.DataFrame, *, as_of: Any, soon_days: int = 7) -> pd.DataFrame:
    """The action register with its status at ``as_of``: overdue, days late, due soon.

    Parameters
    ----------
    data : DataFrame
        The ``actions`` table: action_id, status and (optionally) phase, start, due, done_date, ...
    as_of : date-like
        The status date (a notebook parameter, so that reruns are reproducible).
    soon_days : int
        Horizon of ``due_soon`` in days.

    Returns
    -------
    DataFrame
        The register (status normalised to lower case, phase to Plan/Do/Check/Act, dates to days)
        plus ``overdue`` (bool), ``days_late`` (int), ``due_soon`` (bool), ``as_of`` and
        ``actual_end`` (done_date when done; ``as_of`` for started actions still open; else NaT,
        used by the Gantt chart).

    Notes
    -----
    Whole days. ``overdue`` = status not done/cancelled and due < as_of (due today is not
    overdue). ``days_late`` = as_of − due when overdue; done_date − due when finished late; else 0
    (cancelled: 0). ``due_soon`` = status not done/cancelled and as_of ≤ due ≤ as_of + soon_days.
    An action without a due date is never overdue nor due soon (its days_late is 0): give it a
    due date to track it.

    Raises
    ------
    DataValidationError
        Unknown status or phase, due before start, done_date without status done, bad dates.

    Examples
    --------
    >>> reg = pd.DataFrame({"action_id": ["A1"], "status": ["open"], "due": ["2025-12-18"]})
    >>> row = action_status(reg, as_of="2025-12-20").iloc[0]
    >>> bool(row["overdue"]), int(row["days_late"])
    (True, 2)
    """
    day = _day(as_of, "as_of")
    if not isinstance(soon_days, (int, np.integer)) or soon_days < 0:
        raise DataValidationError(message("pdca_bad_soon_days", value=soon_days))
    df = _check_actions(data)
    active = ~df["status"].isin(_FINISHED)
    due = df["due"]
    overdue = active & due.notna() & (due < day)
    late_done = (df["status"] == "done") & df["done_date"].notna() & due.notna() & (df["done_date"] > due)
    days_late = pd.Series(0, index=df.index, dtype="int64")
    days_late[overdue] = (day - due[overdue]).dt.days.astype("int64")
    days_late[late_done] = (df.loc[late_done, "done_date"] - due[late_done]).dt.days.astype("int64")
    df["overdue"] = overdue.astype(bool)
    df["days_late"] = days_late
    df["due_soon"] = (active & due.notna() & (due >= day)
                      & (due <= day + pd.Timedelta(days=int(soon_days)))).astype(bool)
    df["as_of"] = day
    started = active & df["start"].notna() & (df["start"] <= day)
    end = pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
    end[df["status"] == "done"] = df.loc[df["status"] == "done", "done_date"]
    end[started] = day
    df["actual_end"] = end
    return df


def action_progress(data: pd.DataFrame) -> pd.DataFrame:
    """Progress of the register: one row per PDCA phase, counts per status.

    Returns
    -------
    DataFrame
        phase (Plan, Do, Check, Act, then :data:`sqmkit.glossary.BLANK` if some actions have no phase),
        open, in_progress, blocked, done, cancelled, total, done_pct (done / (total − cancelled) × 100).
    """
    df = _check_actions(data)
    phase = df["phase"].fillna(BLANK) if "phase" in df.columns else pd.Series(BLANK, index=df.index)
    table = pd.crosstab(phase, df["status"]).reindex(columns=list(STATUSES), fill_value=0)
    order = [p for p in PHASES] + ([BLANK] if (phase == BLANK).any() else [])
    table = table.reindex(order, fill_value=0)
    table["total"] = table.sum(axis=1)
    base = table["total"] - table["cancelled"]
    table["done_pct"] = np.where(base > 0, table["done"] / base.where(base > 0, 1) * 100, np.nan)
    out = table.reset_index().rename(columns={"index": "phase", "row_0": "phase"})
    out.columns.name = None
    out = out.rename(columns={out.columns[0]: "phase"})
    return out


def owner_workload(data: pd.DataFrame, *, as_of: Any, soon_days: int = 7) -> pd.DataFrame:
    """Actions per owner at ``as_of``.

    Returns
    -------
    DataFrame
        owner (:data:`sqmkit.glossary.BLANK` for actions without one), actions, active (open, in progress
        or blocked), blocked, overdue, due_soon, done, days_late (sum over the owner's overdue
        actions), sorted by active then overdue.
    """
    df = action_status(data, as_of=as_of, soon_days=soon_days)
    owner = df["owner"].fillna(BLANK) if "owner" in df.columns else pd.Series(BLANK, index=df.index)
    df = df.assign(owner=owner, active=~df["status"].isin(_FINISHED),
                   blocked=df["status"] == "blocked", done=df["status"] == "done",
                   late=df["days_late"].where(df["overdue"], 0))
    out = df.groupby("owner", sort=True).agg(
        actions=("action_id", "size"), active=("active", "sum"), blocked=("blocked", "sum"),
        overdue=("overdue", "sum"), due_soon=("due_soon", "sum"), done=("done", "sum"),
        days_late=("late", "sum")).reset_index()
    for col in out.columns[1:]:
        out[col] = out[col].astype(int)
    return out.sort_values(["active", "overdue", "owner"], ascending=[False, False, True],
                           ignore_index=True)


def status_view(status: pd.DataFrame) -> list[str]:
    """The columns of :data:`REGISTER_COLUMNS` an :func:`action_status` table has (owner, phase are optional)."""
    return [c for c in REGISTER_COLUMNS if c in status.columns]


def overdue_list(status: pd.DataFrame, *, lang: str = "en") -> str:
    """The overdue actions of :func:`action_status`, most days late first, as one text ("" when none):
    ``A14 action (owner, 20 days late); ...`` (an action without owner shows the blank label)."""
    from sqmkit.glossary import value_label

    check_lang(lang)
    late = status[status["overdue"]].sort_values("days_late", ascending=False, kind="mergesort")
    owners = late["owner"] if "owner" in late.columns else pd.Series(pd.NA, index=late.index)
    return text("clause_sep", lang).join(text("overdue_item", lang, action_id=r.action_id, action=r.action, days=int(r.days_late),
                          owner=value_label(BLANK if pd.isna(o) else str(o), lang))
                     for r, o in zip(late.itertuples(), owners))


def kpi_series(*, tickets: pd.DataFrame | None = None, kpi_values: pd.DataFrame | None = None,
               freq: str = "W", sla: Any = None, repeat_window_days: float = 7) -> pd.DataFrame:
    """One long table of KPI observations per period: period, kpi, value.

    KPIs from the ticket log (via :func:`sqmkit.kpis.ticket_kpis` at ``freq``) and KPIs supplied
    directly in ``kpi_values`` (period, kpi, value) are stacked, so that :func:`effect_check` can
    find any action's KPI by name.
    """
    parts = []
    if tickets is not None:
        from sqmkit import kpis

        per = kpis.ticket_kpis(tickets, freq=freq, sla=sla, repeat_window_days=repeat_window_days)
        cols = [c for c in kpis.KPI_COLUMNS if c in per.columns and c != "tickets"]
        long = per.melt(id_vars=["period"], value_vars=cols, var_name="kpi", value_name="value")
        parts.append(long)
    if kpi_values is not None:
        require_columns(kpi_values, ["period", "kpi", "value"], table="kpi_values",
                        fix="give the table the columns period, kpi and value (one row per KPI and period).")
        parts.append(_numeric_values(kpi_values[["period", "kpi", "value"]], "kpi_values"))
    if not parts:
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"), "kpi": pd.Series(dtype=object),
                             "value": pd.Series(dtype=float)})
    out = pd.concat(parts, ignore_index=True)
    out["period"] = pd.to_datetime(out["period"]).astype("datetime64[ns]")
    out["kpi"] = out["kpi"].astype(str)
    return out.dropna(subset=["value"]).sort_values(["kpi", "period"], ignore_index=True)


def follow_kpi(series: pd.DataFrame, kpi: str, *, actions: pd.DataFrame | None = None,
               targets: pd.DataFrame | None = None, lang: str = "en") -> pd.DataFrame:
    """The KPI the control chart and the before/after test follow, and which way is better.

    ``kpi`` when :func:`kpi_series` holds values of it; else the KPI most actions name that has
    values; else the first of :data:`sqmkit.kpis.FALLBACK_ORDER` (then any KPI) the series holds;
    else none.

    Returns
    -------
    DataFrame
        One row: ``requested``, ``kpi`` (None when the series is empty), ``fallback``, ``direction``
        (``kpi_targets`` first, then the usual direction of a ticket KPI, then the actions'; None when
        unknown), ``note`` (why another KPI or none, in ``lang``; "" otherwise).
    """
    from sqmkit.kpis import FALLBACK_ORDER, KPI_DIRECTIONS, kpi_label

    check_lang(lang)
    present = list(dict.fromkeys(series.loc[series["value"].notna(), "kpi"].astype(str)))
    chosen, why = (kpi, None) if kpi in present else (None, None)
    if chosen is None and actions is not None and "kpi" in actions.columns:
        named = actions["kpi"].dropna().astype(str).str.strip()
        named = named[named.isin(present)]
        if len(named):
            chosen, why = named.value_counts().index[0], "series_why_actions"
    if chosen is None and present:
        chosen = next((k for k in FALLBACK_ORDER if k in present), present[0])
        why = "series_why_first"
    direction = None
    if chosen is not None:
        if targets is not None and {"kpi", "direction"} <= set(targets.columns):
            rows = targets[targets["kpi"].astype(str) == chosen]["direction"].dropna()
            direction = str(rows.iloc[0]).strip().lower() if len(rows) else None
        direction = direction or KPI_DIRECTIONS.get(chosen)
        if direction is None and actions is not None and {"kpi", "direction"} <= set(actions.columns):
            rows = actions[actions["kpi"].astype(str) == chosen]["direction"].dropna()
            direction = str(rows.mode().iloc[0]).strip().lower() if len(rows) else None
    note = ""
    if chosen is None:
        note = text("series_none", lang, requested=kpi_label(kpi, lang))
    elif chosen != kpi:
        note = text("series_fallback", lang, requested=kpi_label(kpi, lang), kpi=kpi_label(chosen, lang),
                    why=text(why, lang))
    return pd.DataFrame([{"requested": kpi, "kpi": chosen, "fallback": chosen not in (None, kpi),
                          "direction": direction if direction in DIRECTIONS else None, "note": note}])


def split_readiness(series: pd.DataFrame, *, kpi: str | None, date: Any, lang: str = "en") -> pd.DataFrame:
    """What the split at ``date`` allows for one KPI of :func:`kpi_series`.

    Returns
    -------
    DataFrame
        One row: ``n_before``, ``n_after`` (periods with a value before / from ``date``), ``chart``
        (phase-split chart: at least 2 before and 1 after, as :func:`split_chart` needs), ``test``
        (before/after test: 2 on each side), ``staged`` (staged chart: 2 after), and the notes
        ``chart_note``, ``test_note``, ``staged_note`` (why not, in ``lang``; "" when possible).
    """
    from sqmkit.kpis import kpi_label

    day = _day(date, "date")
    have = series[(series["kpi"] == kpi) & series["value"].notna()] if kpi is not None else series.iloc[:0]
    periods = pd.to_datetime(have["period"])
    n_before, n_after = int((periods < day).sum()), int((periods >= day).sum())
    words = dict(before=n_before, after=n_after, date=f"{day:%Y-%m-%d}", kpi=kpi_label(kpi or "", lang))
    chart, test, staged = n_before >= 2 and n_after >= 1, n_before >= 2 and n_after >= 2, n_before >= 2 and n_after >= 2
    return pd.DataFrame([{
        "n_before": n_before, "n_after": n_after, "chart": chart, "test": test, "staged": staged,
        "chart_note": "" if chart or kpi is None else text("split_few", lang, **words),
        "test_note": "" if test or not chart else text("test_few", lang, **words),
        "staged_note": "" if staged or not chart else text("staged_few", lang, **words)}])


def _numeric_values(series: pd.DataFrame, table: str) -> pd.DataFrame:
    raw = series["value"]
    num = pd.to_numeric(raw, errors="coerce")
    bad = raw.notna() & num.isna()
    if bad.any():
        raise DataValidationError(
            message("pdca_kpi_not_numbers", table=table, rows=_rows(series.index[bad]), example=raw[bad].iloc[0]),
            table=table, column="value", failure_cases=series.loc[bad])
    return series.assign(value=num.astype(float))


def _compare(before: np.ndarray, after: np.ndarray, alpha: float) -> dict[str, float]:
    nb, na = len(before), len(after)
    out = {"n_before": nb, "n_after": na, "mean_before": np.nan, "mean_after": np.nan,
           "diff": np.nan, "ci_low": np.nan, "ci_high": np.nan, "t": np.nan, "df": np.nan,
           "p_welch": np.nan, "u": np.nan, "p_mannwhitney": np.nan, "mw_method": "", "rank_biserial": np.nan}
    if nb:
        out["mean_before"] = float(np.mean(before))
    if na:
        out["mean_after"] = float(np.mean(after))
    if nb < 2 or na < 2:
        return out
    vb, va = np.var(before, ddof=1), np.var(after, ddof=1)
    se = np.sqrt(va / na + vb / nb)
    diff = out["mean_after"] - out["mean_before"]
    out["diff"] = diff
    if se > 0:
        dfree = (va / na + vb / nb) ** 2 / ((va / na) ** 2 / (na - 1) + (vb / nb) ** 2 / (nb - 1))
        tq = _stats.t.ppf(1 - alpha / 2, dfree)
        out.update(t=diff / se, df=dfree, ci_low=diff - tq * se, ci_high=diff + tq * se,
                   p_welch=2 * _stats.t.sf(abs(diff / se), dfree))
    mw = mann_whitney(after, before)
    out.update(u=mw["u"], p_mannwhitney=mw["p_value"], mw_method=mw["method"], rank_biserial=mw["rank_biserial"])
    return out


def effect_check(actions: pd.DataFrame, series: pd.DataFrame, *, split: str = "start",
                 window: int | None = 8, alpha: float = 0.05, lang: str = "en") -> pd.DataFrame:
    """Did each action move its KPI? Before vs after the action's start (or done) date.

    Parameters
    ----------
    actions : DataFrame
        The ``actions`` table (action_id, kpi, direction, baseline, target, actual, effectiveness,
        start, done_date, ...).
    series : DataFrame
        KPI observations per period: period, kpi, value (e.g. from :func:`kpi_series`).
    split : {"start", "done"}
        Date that separates before from after: the action's start or its done_date.
    window : int or None
        Number of periods on each side of the split that are compared (8: two months of weeks);
        None compares all periods. A window keeps later actions from being credited to earlier ones.
    alpha : float
        Significance level of the tests and 1 − confidence of the interval.
    lang : {"en", "zh"}
        Language of the ``note`` column (English by default).

    Returns
    -------
    DataFrame
        One row per action: action_id, action, status, kpi, direction, split_date, n_before, n_after,
        mean_before, mean_after, diff (after − before), ci_low, ci_high (Welch), t, df, p_welch,
        u, p_mannwhitney, mw_method ("exact" or "asymptotic", see :func:`sqmkit.stats.mann_whitney`),
        rank_biserial (+1: every later value above every earlier one), improved (significant change
        in the better direction), effect ("better", "worse" or "no_change" at ``alpha``; NA without
        a test or a direction), baseline,
        target, actual, actual_used (actual, or mean_after when actual is blank), target_met,
        suggested (0/50/100), recorded (effectiveness), agrees, note, and change_pct,
        ci_low_pct, ci_high_pct (diff and CI as % of mean_before, to compare KPIs of any unit).

    Notes
    -----
    Welch's t: t = (x̄_a − x̄_b) / sqrt(s_a²/n_a + s_b²/n_b), Welch–Satterthwaite df; the CI is
    diff ± t_{1−α/2, df} × se. Mann–Whitney U of after vs before by :func:`sqmkit.stats.mann_whitney`
    (exact when both sides are under 50 periods without ties, else the normal approximation with
    continuity correction, as R's ``wilcox.test``). ``improved``: p_welch < alpha and
    diff < 0 for ``lower`` (> 0 for ``higher``). ``target_met``: actual_used ≤ target (lower) or
    ≥ target (higher). Suggested effectiveness: 100 = target met and significant improvement;
    50 = significant improvement but target not met; 0 = otherwise; NA when there is no KPI,
    no direction or fewer than 2 periods on a side (see ``note``). An action not yet done gets a
    suggested value as an early reading (its ``note`` says so); :func:`sqmkit.pdca.findings` never
    counts it as having worked.

    References
    ----------
    Welch, B. L. (1947). Biometrika 34, 28–35. Mann, H. B. & Whitney, D. R. (1947). Ann. Math.
    Statist. 18, 50–60.
    """
    from sqmkit.kpis import kpi_label

    check_choice("split", split, ["start", "done"])
    check_lang(lang)
    if window is not None and (not isinstance(window, (int, np.integer)) or window < 2):
        raise DataValidationError(message("pdca_bad_window", value=window))
    df = _check_actions(actions)
    require_columns(series, ["period", "kpi", "value"], table="kpi_series",
                    fix=message("pdca_kpi_series_fix"))
    ser = _numeric_values(series[["period", "kpi", "value"]].copy(), "kpi_series")
    ser["period"] = pd.to_datetime(ser["period"])
    ser = ser.dropna(subset=["value"])
    rows = []
    for _, act in df.iterrows():
        kpi = act.get("kpi")
        kpi = None if kpi is None or pd.isna(kpi) or str(kpi).strip() == "" else str(kpi)
        direction = act.get("direction")
        direction = None if direction is None or pd.isna(direction) else str(direction)
        when = act.get("start") if split == "start" else act.get("done_date")
        row: dict[str, Any] = {"action_id": act["action_id"], "action": act.get("action", pd.NA),
                               "status": act["status"], "kpi": kpi, "direction": direction, "split_date": when}
        note = ""
        stats_ = _compare(np.array([]), np.array([]), alpha)
        if kpi is None:
            note = text("effect_note_no_kpi", lang)
        elif pd.isna(when):
            note = text(f"effect_note_no_{split}", lang)
        else:
            s = ser[ser["kpi"] == kpi].sort_values("period")
            if s.empty:
                note = text("effect_note_no_data", lang, kpi=kpi_label(kpi, lang))
            else:
                before = s[s["period"] < when]["value"].to_numpy(float)
                after = s[s["period"] >= when]["value"].to_numpy(float)
                if window is not None:
                    before, after = before[-window:], after[:window]
                stats_ = _compare(before, after, alpha)
                if stats_["n_before"] < 2 or stats_["n_after"] < 2:
                    note = text("effect_note_few", lang)
        row.update(stats_)
        better, effect = np.nan, pd.NA
        if direction is not None and not np.isnan(stats_["p_welch"]):
            sign = -1 if direction == "lower" else 1
            better = bool(stats_["p_welch"] < alpha and sign * stats_["diff"] > 0)
            worse = bool(stats_["p_welch"] < alpha and sign * stats_["diff"] < 0)
            effect = "better" if better else ("worse" if worse else "no_change")
        actual = act.get("actual", np.nan)
        actual_used = actual if pd.notna(actual) else stats_["mean_after"]
        target = act.get("target", np.nan)
        met = np.nan
        if direction is not None and pd.notna(target) and pd.notna(actual_used):
            met = bool(actual_used <= target) if direction == "lower" else bool(actual_used >= target)
        suggested = pd.NA
        if direction is None and kpi is not None and not note:
            note = text("effect_note_no_direction", lang)
        if not note and not (isinstance(better, float) and np.isnan(better)):
            suggested = 100 if (better and met is True) else (50 if better else 0)
            if act["status"] not in _FINISHED:
                note = text("effect_note_early", lang)
        recorded = act.get("effectiveness", np.nan)
        row.update(improved=better, effect=effect, baseline=act.get("baseline", np.nan), target=target,
                   actual=actual, actual_used=actual_used, target_met=met, suggested=suggested,
                   recorded=recorded,
                   agrees=(pd.NA if pd.isna(suggested) or pd.isna(recorded)
                           else bool(float(recorded) == float(suggested))),
                   note=note)
        rows.append(row)
    out = pd.DataFrame(rows)
    scale = out["mean_before"].abs().where(out["mean_before"].abs() > 0)
    for col, src in (("change_pct", "diff"), ("ci_low_pct", "ci_low"), ("ci_high_pct", "ci_high")):
        out[col] = 100 * out[src] / scale
    out["suggested"] = pd.array(out["suggested"], dtype="Int64")
    out["improved"] = pd.array(out["improved"].where(out["improved"].notna(), None), dtype="boolean")
    out["target_met"] = pd.array(out["target_met"].where(out["target_met"].notna(), None), dtype="boolean")
    out["agrees"] = pd.array(out["agrees"], dtype="boolean")
    return out


def next_cycle(actions: pd.DataFrame, effects: pd.DataFrame | None = None, *,
               cycle: int | None = None, basis: str = "evidence") -> pd.DataFrame:
    """What each action of a cycle leads to: a standard, or a place in the next cycle.

    Parameters
    ----------
    actions : DataFrame
        The ``actions`` table (action_id, action, status, cycle, effectiveness, standardized...).
    effects : DataFrame, optional
        :func:`effect_check` output; its ``suggested`` effectiveness is used where none is recorded.
    cycle : int, optional
        Only the actions of this cycle (default: all).
    basis : {"evidence", "recorded"}
        Which effectiveness decides: ``evidence`` = the suggested value from the data where there
        is one, else the recorded one; ``recorded`` = the recorded value, else the suggested one.

    Returns
    -------
    DataFrame
        action_id, action, cause_id, kpi, cycle, status, recorded, suggested, effectiveness (used:
        per ``basis``), decision in {"standardise", "next_cycle", "continue"},
        next_cycle (cycle + 1 for "next_cycle", the same cycle for "continue", NA when
        standardised), standardization (the procedure, standard or training that changed).

    Notes
    -----
    ``standardise``: done and effectiveness 100, or done without a KPI but with a standardisation
    record. ``continue``: not finished (open, in progress, blocked). ``next_cycle``: everything
    else: done with effectiveness 0 or 50 (target not met) or unknown, and cancelled actions (their
    cause is still open).
    """
    df = _check_actions(actions)
    if "cycle" not in df.columns:
        df["cycle"] = 1.0
    if cycle is not None:
        df = df[df["cycle"] == cycle]
    suggested = pd.Series(pd.NA, index=df.index, dtype="Int64")
    if effects is not None and "suggested" in effects.columns:
        lookup = dict(zip(effects["action_id"], effects["suggested"]))
        suggested = pd.array([lookup.get(a, pd.NA) for a in df["action_id"]], dtype="Int64")
    recorded = df["effectiveness"] if "effectiveness" in df.columns else pd.Series(np.nan, index=df.index)
    check_choice("basis", basis, ["evidence", "recorded"])
    rec = pd.Series(recorded.to_numpy(dtype=float), index=df.index)
    sug = pd.Series(pd.array(suggested, dtype="Int64"), index=df.index).astype("Float64").astype(float)
    first, second = (sug, rec) if basis == "evidence" else (rec, sug)
    used = first.where(first.notna(), second)
    std = df["standardized"] if "standardized" in df.columns else pd.Series(pd.NA, index=df.index)
    std = std.astype("string").str.strip().replace("", pd.NA)
    has_kpi = df["kpi"].notna() if "kpi" in df.columns else pd.Series(False, index=df.index)
    done = df["status"] == "done"
    decision = np.where(~df["status"].isin(_FINISHED), "continue",
                        np.where(done & (used >= 100), "standardise",
                                 np.where(done & used.isna() & ~has_kpi & std.notna(), "standardise",
                                          "next_cycle")))
    cyc = df["cycle"].fillna(1).astype(int)
    nxt = pd.array(np.where(decision == "next_cycle", cyc + 1,
                            np.where(decision == "continue", cyc, -1)), dtype="Int64")
    nxt[decision == "standardise"] = pd.NA
    out = pd.DataFrame({
        "action_id": df["action_id"].to_numpy(),
        "action": df["action"].to_numpy() if "action" in df.columns else pd.NA,
        "cause_id": df["cause_id"].to_numpy() if "cause_id" in df.columns else pd.NA,
        "kpi": df["kpi"].to_numpy() if "kpi" in df.columns else pd.NA,
        "cycle": cyc.to_numpy(), "status": df["status"].to_numpy(),
        "recorded": recorded.to_numpy(dtype=float), "suggested": pd.array(suggested, dtype="Int64"),
        "effectiveness": used.to_numpy(dtype=float), "decision": decision, "next_cycle": nxt,
        "standardization": np.where(decision == "standardise", std.fillna("").to_numpy(), ""),
    })
    return out.reset_index(drop=True)


def split_chart(series: pd.DataFrame, *, kpi: str, date: Any, mode: str = "phase",
                chart: str = "i", rules: str | None = "western_electric", lam: float = 0.2,
                nsigmas: float = 3.0) -> pd.DataFrame:
    """Control chart of one KPI split at an intervention date (phase I/II, staged, or an EWMA).

    Parameters
    ----------
    series : DataFrame
        period, kpi, value (e.g. from :func:`kpi_series`).
    kpi : str
        The KPI to chart, e.g. ``"frt_median_min"``.
    date : date-like
        The intervention date: periods starting before it are "before".
    mode : {"phase", "staged", "ewma"}
        ``phase``: limits from the periods before ``date`` (phase I), later periods scored against
        them (phase II) — a sustained shift shows as points beyond the limits and long runs.
        ``staged``: limits recomputed after ``date`` (the new process level).
        ``ewma``: an EWMA chart (lambda ``lam``, limits ``nsigmas``) with centre and sigma from the
        periods before ``date``: a small lasting shift crosses its limits weeks before an I chart shows it.
    lam, nsigmas
        The EWMA's weight and limit width (0.2 and 3: Lucas & Saccucci 1990 give ARL0 about 560).
    chart, rules
        Passed to :func:`sqmkit.spc.control_chart` (an individuals chart by default).

    Returns
    -------
    DataFrame
        :func:`sqmkit.spc.control_chart`'s table; ``label`` is the period.
    """
    from sqmkit import spc

    check_choice("mode", mode, ["phase", "staged", "ewma"])
    day = _day(date, "date")
    s = series[series["kpi"] == kpi]
    if s.empty:
        raise DataValidationError(message("pdca_no_kpi_values", kpi=kpi, available=sorted(series["kpi"].unique())),
                                  table="kpi_series", column="kpi")
    s = _numeric_values(s[["period", "value"]].copy(), "kpi_series")
    s = s.assign(period=pd.to_datetime(s["period"])).sort_values("period", ignore_index=True)
    n_before = int((s["period"] < day).sum())
    if n_before < 2 or n_before >= len(s):
        raise DataValidationError(message("pdca_split_too_early", kpi=kpi, date=day.date(), before=n_before,
                                          after=len(s) - n_before), table="kpi_series", column="period")
    if mode == "ewma":
        return spc.control_chart(s, value="value", chart="ewma", phase1=n_before, lam=lam, nsigmas=nsigmas,
                                 rules=rules, label="period", table=f"kpi_series[{kpi}]")
    if mode == "phase":
        return spc.control_chart(s, value="value", chart=chart, phase1=n_before, rules=rules,
                                 label="period", table=f"kpi_series[{kpi}]")
    s["stage"] = np.where(s["period"] < day, f"< {day:%Y-%m-%d}", f"≥ {day:%Y-%m-%d}")
    return spc.control_chart(s, value="value", chart=chart, stages="stage", rules=rules,
                             label="period", table=f"kpi_series[{kpi}]")


def phase_shift(chart: pd.DataFrame) -> pd.DataFrame:
    """Where the phase II points of a :func:`split_chart` (mode ``phase``) fall against the phase I limits.

    Both sides are counted — a KPI that got worse shows up above the upper limit of a "lower is better"
    KPI, and a summary of the better side alone would read 0 % there. Which side is better is decided
    by :func:`sqmkit.pdca.findings` from the KPI's direction.

    Parameters
    ----------
    chart : DataFrame
        :func:`split_chart` output in mode ``phase`` (phase I and phase II points).

    Returns
    -------
    DataFrame
        One row: n_before, n_after, center_before (phase I centre line), lcl_before, ucl_before
        (the phase I limits the later points are judged against), mean_after, change (mean_after −
        center_before), change_pct (change as % of center_before), n_above_ucl, n_below_lcl,
        pct_above_ucl, pct_below_lcl (phase II points beyond each limit; % of n_after),
        longest_run_above, longest_run_below (longest run of consecutive phase II points above /
        below the old centre line; a point on the line ends both runs).

    Raises
    ------
    DataValidationError
        The chart has no phase I or no phase II points.

    Examples
    --------
    >>> chart = pd.DataFrame({"stat": [10.0, 11, 10, 20, 21], "center": 10.5, "lcl": 9.0, "ucl": 12.0,
    ...                       "phase": ["I", "I", "I", "II", "II"]})
    >>> row = phase_shift(chart).iloc[0]
    >>> int(row["n_above_ucl"]), int(row["n_below_lcl"]), int(row["longest_run_above"])
    (2, 0, 2)
    """
    require_columns(chart, ["stat", "center", "lcl", "ucl", "phase"], table="chart",
                    fix="pass the output of sqmkit.pdca.split_chart(..., mode='phase').")
    before, after = chart[chart["phase"] == "I"], chart[chart["phase"] == "II"]
    if before.empty or after.empty:
        raise DataValidationError(message("pdca_chart_not_split"), table="chart", column="phase")
    center = float(before["center"].iloc[-1])
    stat = after["stat"].to_numpy(float)
    above, below = stat > after["ucl"].to_numpy(float), stat < after["lcl"].to_numpy(float)

    def longest(flags: np.ndarray) -> int:
        best = cur = 0
        for flag in flags:
            cur = cur + 1 if flag else 0
            best = max(best, cur)
        return best

    n, mean = len(stat), float(np.mean(stat))
    return pd.DataFrame([{
        "n_before": len(before), "n_after": n, "center_before": center,
        "lcl_before": float(after["lcl"].iloc[0]), "ucl_before": float(after["ucl"].iloc[0]),
        "mean_after": mean, "change": mean - center,
        "change_pct": (mean - center) / abs(center) * 100 if center else np.nan,
        "n_above_ucl": int(above.sum()), "n_below_lcl": int(below.sum()),
        "pct_above_ucl": float(above.mean() * 100), "pct_below_lcl": float(below.mean() * 100),
        "longest_run_above": longest(stat > center), "longest_run_below": longest(stat < center)}])


def kpi_before_after(series: pd.DataFrame, *, kpi: str, date: Any, window: int | None = None,
                     alpha: float = 0.05) -> pd.DataFrame:
    """Before/after test of one KPI series split at ``date`` (periods before vs from ``date``).

    Returns
    -------
    DataFrame
        One row: kpi, split_date, n_before, n_after, mean_before, mean_after, diff, ci_low,
        ci_high, t, df, p_welch, u, p_mannwhitney, mw_method, rank_biserial (see :func:`effect_check`
        for the formulas).
    """
    day = _day(date, "date")
    s = series[series["kpi"] == kpi]
    if s.empty:
        raise DataValidationError(message("pdca_no_kpi_values", kpi=kpi, available=sorted(series["kpi"].unique())),
                                  table="kpi_series", column="kpi")
    s = _numeric_values(s[["period", "value"]].copy(), "kpi_series").dropna()
    s = s.assign(period=pd.to_datetime(s["period"])).sort_values("period")
    before = s.loc[s["period"] < day, "value"].to_numpy(float)
    after = s.loc[s["period"] >= day, "value"].to_numpy(float)
    if window is not None:
        before, after = before[-window:], after[:window]
    row = {"kpi": kpi, "split_date": day, **_compare(before, after, alpha)}
    return pd.DataFrame([row])
