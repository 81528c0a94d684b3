"""What a ticket log can support, and the verdicts notebook 02 states: which KPI to follow, which
unit lags, whether a before/after comparison, a control chart or a composite score is possible.

Real logs lack columns (no first response, no channel), have blank groups, tiny teams or a few
weeks of data. Each function here takes the analysis tables of :mod:`sqmkit.kpis` and returns a
one-row (or per-KPI) table whose columns are the verdict, with a ``note`` in the report's language
(:mod:`sqmkit.glossary`, empty when there is nothing to say) that the notebook shows where the data
cannot support a section. Re-exported by :mod:`sqmkit.kpis`.

Examples
--------
>>> import pandas as pd
>>> from sqmkit import kpis
>>> log = pd.DataFrame({"ticket_id": ["T1", "T2"], "created_at": pd.to_datetime(["2025-01-06", "2025-01-07"]),
...                     "resolved_at": pd.to_datetime(["2025-01-06 12:00", "2025-01-08 00:00"])})
>>> pick = kpis.follow_kpi(kpis.kpi_support(log), "frt_median_min", lang="en").iloc[0]
>>> pick["kpi"], bool(pick["fallback"])
('resolution_median_h', True)
"""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import pandas as pd

from sqmkit._checks import check_lang
from sqmkit.kpis.engine import KPI_COLUMNS
from sqmkit.glossary import BLANK, column_label, text, value_label

__all__ = ["KPI_NEEDS", "FALLBACK_ORDER", "kpi_support", "follow_kpi", "sla_text", "settings_line",
           "level_summary", "level_headlines", "partial_note", "rank_groups", "lagging_unit", "weakest_units",
           "score_plan", "score_note", "score_summary", "chart_readiness", "backlog_note", "findings"]

#: The columns each KPI needs ("a|b": either; "sla": sla_hours in sqmkit.yaml or a due_at column).
KPI_NEEDS: dict[str, tuple[str, ...]] = {
    "frt_mean_min": ("first_response_at",), "frt_median_min": ("first_response_at",),
    "frt_p90_min": ("first_response_at",), "resolution_mean_h": ("resolved_at",),
    "resolution_median_h": ("resolved_at",), "fcr_pct": ("resolved_at", "contacts|fcr"),
    "sla_met_pct": ("resolved_at", "sla"), "escalated_pct": ("escalated",), "reopened_pct": ("reopened",),
    "repeat_pct": ("customer_id", "category"),
}
#: The KPI followed instead when the requested one has no data: medians and shares first.
FALLBACK_ORDER = ("resolution_median_h", "sla_met_pct", "fcr_pct", "frt_median_min", "reopened_pct",
                  "escalated_pct", "repeat_pct", "resolution_mean_h", "frt_mean_min", "frt_p90_min")


def _name(kpi: Any, lang: str) -> str:
    from sqmkit.kpis import kpi_label

    return kpi_label(str(kpi), lang)


def _row(**values: Any) -> pd.DataFrame:
    return pd.DataFrame([values])


# ------------------------------------------------------------------------------ which KPI
def kpi_support(data: pd.DataFrame, *, sla: float | dict | None = None, repeat_window_days: float = 7
                ) -> pd.DataFrame:
    """Which KPIs of :func:`sqmkit.kpis.ticket_kpis` this ticket log can give.

    Returns
    -------
    DataFrame
        One row per KPI: ``kpi``, ``value`` (over the whole log), ``supported`` (the value exists),
        ``missing`` (the needed columns the log lacks, comma separated; ``sla`` when no SLA is set).
    """
    from sqmkit.kpis import ticket_kpis

    whole = ticket_kpis(data, sla=sla, repeat_window_days=repeat_window_days).iloc[0]
    columns = set(getattr(data, "columns", []))   # a DataFrame or a TicketLog; a file: none known
    has_sla = sla is not None or "due_at" in columns
    rows = []
    for kpi in KPI_COLUMNS:
        gone = [need for need in KPI_NEEDS[kpi]
                if (need == "sla" and not has_sla) or (need != "sla" and not set(need.split("|")) & columns)]
        value = float(whole[kpi])
        rows.append({"kpi": kpi, "value": value, "supported": not np.isnan(value),
                     "missing": ", ".join(g.replace("|", " / ") for g in gone)})
    return pd.DataFrame(rows)


def _why(row: pd.Series | None, lang: str) -> str:
    if row is None:
        return text("kpi_why_unknown", lang)
    if row["missing"] == "sla":
        return text("kpi_why_sla", lang)
    if row["missing"]:
        return text("kpi_why_columns", lang, columns=row["missing"].replace(", sla", ""))
    return text("kpi_why_values", lang)


def follow_kpi(support: pd.DataFrame, kpi: str, *, lang: str = "en") -> pd.DataFrame:
    """The KPI a notebook follows: ``kpi`` when the log supports it, else the first supported KPI of
    :data:`FALLBACK_ORDER`, else none.

    Parameters
    ----------
    support : DataFrame
        :func:`kpi_support` output.
    kpi : str
        The notebook's ``kpi`` parameter.

    Returns
    -------
    DataFrame
        One row: ``requested``, ``kpi`` (the KPI followed, None when the log supports none),
        ``fallback`` (True when it is not the requested one), ``note`` (why, in ``lang``; "" when
        the requested KPI is followed).
    """
    check_lang(lang)
    table = support.set_index("kpi")
    if kpi in table.index and bool(table.loc[kpi, "supported"]):
        return _row(requested=kpi, kpi=kpi, fallback=False, note="")
    why = _why(table.loc[kpi] if kpi in table.index else None, lang)
    chosen = next((k for k in FALLBACK_ORDER if k in table.index and bool(table.loc[k, "supported"])), None)
    if chosen is None:
        return _row(requested=kpi, kpi=None, fallback=False,
                    note=text("kpi_none", lang, requested=_name(kpi, lang), why=why))
    return _row(requested=kpi, kpi=chosen, fallback=True,
                note=text("kpi_fallback", lang, requested=_name(kpi, lang), why=why, kpi=_name(chosen, lang)))


# ------------------------------------------------------------------------------ settings
def sla_text(sla: float | Mapping[str, float] | None, tickets: pd.DataFrame | None = None, *, lang: str = "en") -> str:
    """The SLA rule in words: one number, hours by priority, each ticket's ``due_at``, or none."""
    if isinstance(sla, Mapping):
        rule = text("sla_map", lang, hours=", ".join(f"{p} {float(h):g} h" for p, h in sla.items()))
    elif sla is not None:
        rule = text("sla_one", lang, hours=float(sla))
    else:
        rule = None
    if tickets is not None and "due_at" in tickets.columns:
        return text("sla_due", lang, rest=rule or text("sla_none_short", lang))
    return rule or text("sla_none", lang)


def settings_line(config: Mapping[str, Any], tickets: pd.DataFrame | None, *, freq: str, lang: str = "en") -> str:
    """The first line of notebook 02: client, title, SLA rule, repeat window, trend period."""
    from sqmkit.safehtml import md_text

    return text("kpi_settings", lang, client=md_text(config.get("client", "")), title=md_text(config.get("title", "")),
                sla=sla_text(config.get("sla_hours"), tickets, lang=lang),
                window=f"{config.get('repeat_window_days', 7):g}", freq=freq)


# ------------------------------------------------------------------------------ levels
def level_summary(halves: pd.DataFrame, status: pd.DataFrame | None = None, *, kpi: str | None,
                  lang: str = "en") -> pd.DataFrame:
    """The followed KPI before and after the split, against its target.

    Parameters
    ----------
    halves : DataFrame
        :func:`sqmkit.kpis.before_after` output (parts ``before``, ``after``).
    status : DataFrame, optional
        :func:`sqmkit.kpis.kpi_status` of ``halves`` (without targets: no status).
    kpi : str or None
        The KPI followed (None: the log supports none).

    Returns
    -------
    DataFrame
        One row: ``kpi``, ``before``, ``after``, ``tickets_before``, ``tickets_after``, ``span_before``,
        ``span_after`` (YYYY-MM-DD – YYYY-MM-DD), ``target``, ``direction``, ``status_before``,
        ``status_after``, ``red_after`` (the KPIs red after the split, comma separated), ``comparable``
        (a value on both sides), ``note`` (why not, or that the KPI has no target; "" otherwise).
    """
    parts = halves.set_index("part")
    spans = {p: f"{r['start']:%Y-%m-%d} – {r['end']:%Y-%m-%d}" if pd.notna(r["start"]) and pd.notna(r["end"]) else ""
             for p, r in parts.iterrows()}
    values = {p: (float(parts.loc[p, kpi]) if kpi is not None else np.nan) for p in ("before", "after")}
    row: dict[str, Any] = {"kpi": kpi, "before": values["before"], "after": values["after"],
                           "tickets_before": int(parts.loc["before", "tickets"]),
                           "tickets_after": int(parts.loc["after", "tickets"]),
                           "span_before": spans["before"], "span_after": spans["after"], "target": np.nan,
                           "direction": None, "status_before": None, "status_after": None, "red_after": "",
                           "comparable": False, "note": ""}
    if kpi is None:
        row["note"] = text("section_no_kpi", lang)
        return _row(**row)
    cut = parts.loc["after", "start"]
    date = f"{cut:%Y-%m-%d}" if pd.notna(cut) else ""
    for part, key in (("before", "level_no_before"), ("after", "level_no_after")):
        if np.isnan(values[part]):
            row["note"] = text(key, lang, kpi=_name(kpi, lang), date=date, tickets=row[f"tickets_{part}"])
            break
    row["comparable"] = not row["note"]
    if status is not None:
        mine = status[status["kpi"] == kpi].set_index("part")
        if mine.empty:
            row["note"] = row["note"] or text("level_no_target", lang, kpi=_name(kpi, lang))
        else:
            row.update(target=float(mine["target"].iloc[0]), direction=str(mine["direction"].iloc[0]))
            for part in ("before", "after"):
                value = mine.loc[part, "status"] if part in mine.index else pd.NA
                row[f"status_{part}"] = None if pd.isna(value) else str(value)
        red = status[(status["part"] == "after") & (status["status"] == "red")]["kpi"]
        row["red_after"] = ", ".join(red.astype(str))
    return _row(**row)


def level_headlines(summary: pd.DataFrame, *, lang: str = "en") -> pd.DataFrame:
    """The headline figures of :func:`level_summary` that exist: ``key``, ``value``, ``label``.

    Keys as docs/DEVELOPING.md lists them (``{kpi}_before``, ``{kpi}_after``, ``{kpi}_target``,
    ``{kpi}_before_status``, ``{kpi}_after_status``); a figure without a value is left out.
    """
    s = summary.iloc[0]
    if s["kpi"] is None:
        return pd.DataFrame(columns=["key", "value", "label"])
    kpi, name = s["kpi"], _name(s["kpi"], lang)
    rows = [(f"{kpi}_before", s["before"], text("kpi_period", lang, kpi=name, span=s["span_before"])),
            (f"{kpi}_after", s["after"], text("kpi_period", lang, kpi=name, span=s["span_after"])),
            (f"{kpi}_target", s["target"], text("kpi_target", lang, kpi=name)),
            (f"{kpi}_before_status", s["status_before"],
             text("kpi_status_period", lang, kpi=name, span=s["span_before"])),
            (f"{kpi}_after_status", s["status_after"], text("kpi_status_period", lang, kpi=name, span=s["span_after"]))]
    rows = [(k, round(v, 1) if isinstance(v, float) else v, label) for k, v, label in rows
            if v is not None and not (isinstance(v, float) and np.isnan(v))]
    return pd.DataFrame(rows, columns=["key", "value", "label"])


def partial_note(table: pd.DataFrame, *, lang: str = "en") -> str:
    """A note naming the partial periods of a ``ticket_kpis(..., freq=...)`` table ("" when none)."""
    if "partial" not in table.columns or not table["partial"].any():
        return ""
    periods = pd.to_datetime(pd.Series(table.loc[table["partial"], "period"].unique()))
    monthly = bool((periods.dt.day == 1).all() and (periods.dt.hour == 0).all())
    shown = periods.dt.strftime("%Y-%m" if monthly else "%Y-%m-%d")
    return text("partial_periods", lang, periods=", ".join(shown))


# ------------------------------------------------------------------------------ groups and units
def rank_groups(table: pd.DataFrame, *, kpi: str, by: str, min_tickets: int = 30, lang: str = "en") -> pd.DataFrame:
    """The weakest and the best group of ``by`` on ``kpi`` (groups with at least ``min_tickets`` tickets;
    the blank group :data:`sqmkit.glossary.BLANK` is never ranked: "no channel" is not a channel).

    Returns
    -------
    DataFrame
        One row: ``by``, ``kpi``, ``groups`` (ranked), ``worst``, ``worst_value``, ``best``,
        ``best_value`` (None/NaN with fewer than two ranked groups), ``worst_tied``, ``best_tied`` (ranked
        groups sharing the worst / best value; ``worst`` then names all of them, comma separated), ``note``.
    """
    from sqmkit.kpis import KPI_DIRECTIONS

    ranked = table[(table["tickets"] >= min_tickets) & table[kpi].notna() & table[by].ne(BLANK).fillna(True)]
    ranked = ranked.sort_values(kpi, ascending=KPI_DIRECTIONS.get(kpi, "lower") == "higher", kind="mergesort")
    row: dict[str, Any] = {"by": by, "kpi": kpi, "groups": len(ranked), "worst": None, "worst_value": np.nan,
                           "best": None, "best_value": np.nan, "worst_tied": 0, "best_tied": 0, "note": ""}
    if len(ranked) < 2:
        row["note"] = text("groups_few", lang, min=min_tickets, kpi=_name(kpi, lang), level=column_label(by, lang))
        return _row(**row)
    worst, best = ranked.iloc[0], ranked.iloc[-1]
    row.update(worst=str(worst[by]), worst_value=float(worst[kpi]), best=str(best[by]), best_value=float(best[kpi]),
               worst_tied=int((ranked[kpi] == worst[kpi]).sum()), best_tied=int((ranked[kpi] == best[kpi]).sum()))
    if row["worst_tied"] > 1:
        row["worst"] = ", ".join(ranked.loc[ranked[kpi] == worst[kpi], by].astype(str))
    return _row(**row)


def _ranked(part: pd.DataFrame, min_tickets: int) -> pd.DataFrame:
    """The units of one cascade level that are ranked (``min_tickets`` tickets and a value), worst first."""
    ranked = part[(part["tickets"] >= min_tickets) & part["value"].notna() & part["unit"].ne(BLANK).fillna(True)]
    higher = bool(len(part)) and str(part["direction"].iloc[0]) == "higher"
    return ranked.sort_values("value", ascending=higher, kind="mergesort")


def lagging_unit(cascade: pd.DataFrame, *, level: str | None = None, min_tickets: int = 30,
                 lang: str = "en") -> pd.DataFrame:
    """The unit that lags most at one level of :func:`sqmkit.kpis.kpi_cascade`, if any.

    A lagging unit is the worst *ranked* unit (at least ``min_tickets`` tickets and a value, the
    rule of the cascade's ``ranked``), and only when it is worse than the centre and at least two
    units are ranked: with one team there is nothing to compare, and one slow ticket is not a slow team.

    Parameters
    ----------
    cascade : DataFrame
        :func:`sqmkit.kpis.kpi_cascade` output, computed with the same ``min_tickets``.
    level : str, optional
        The level (default: the first below the centre).
    min_tickets : int
        Smallest unit that is ranked (pass the cascade's ``min_tickets``).

    Returns
    -------
    DataFrame
        One row: ``level``, ``unit`` (None when none lags), ``value``, ``centre``, ``tickets``,
        ``ratio`` (value ÷ median of the other ranked units), ``units``, ``ranked``, ``worse`` (ranked
        units worse than the centre), ``small`` (units not ranked), ``reason`` (``""``, ``one_unit``,
        ``too_small``, ``none_worse``), ``note`` (the reason in ``lang``; else the small units left out).
    """
    levels = [lv for lv in dict.fromkeys(cascade["level"]) if lv != "centre"]
    level = level or levels[0]
    part = cascade[cascade["level"] == level]
    ranked = _ranked(part, min_tickets)
    row: dict[str, Any] = {"level": level, "unit": None, "value": np.nan, "centre": float(cascade["centre"].iloc[0]),
                           "tickets": 0, "ratio": np.nan, "units": len(part), "ranked": len(ranked),
                           "worse": int(ranked["worse_than_centre"].sum()), "small": len(part) - len(ranked),
                           "reason": "", "note": ""}
    words = dict(level=column_label(level, lang), min=min_tickets, kpi=_name(cascade["kpi"].iloc[0], lang))
    if len(part) < 2:
        row["reason"] = "one_unit"
    elif len(ranked) < 2:
        row["reason"] = "too_small"
    elif not bool(ranked["worse_than_centre"].iloc[0]):
        row["reason"] = "none_worse"
    if row["reason"]:
        row["note"] = text(f"lagging_{row['reason']}", lang, **words)
        return _row(**row)
    lag = ranked.iloc[0]
    others = ranked.iloc[1:]["value"].median()
    row.update(unit=str(lag["unit"]), value=float(lag["value"]), tickets=int(lag["tickets"]),
               ratio=float(lag["value"] / others) if others else np.nan)
    if row["small"]:
        row["note"] = text("lagging_small", lang, small=row["small"], **words)
    return _row(**row)


def weakest_units(cascade: pd.DataFrame, *, level: str, top: int = 10, concentrated_pct: float = 60.0,
                  min_tickets: int = 30, lang: str = "en") -> pd.DataFrame:
    """Do the weakest ranked units of ``level`` (e.g. agents) sit in one parent unit (a team)?

    Returns
    -------
    DataFrame
        One row: ``level``, ``top`` (ranked units looked at, at most ``top``), ``parent`` (the parent
        most of them belong to), ``n_parent``, ``share_pct`` (its share of the weakest, %), ``base_pct``
        (its share of all ranked units of ``level``, %: what the share would be by chance), ``parents``
        (distinct parents among the weakest), ``concentrated`` (share ≥ ``concentrated_pct`` and above
        ``base_pct``: the gap sits with the parent, else with individuals), ``note`` (why no verdict:
        fewer than 3 ranked units, or one parent only; else "").
    """
    part = _ranked(cascade[cascade["level"] == level], min_tickets).head(top)
    row: dict[str, Any] = {"level": level, "top": len(part), "parent": None, "n_parent": 0, "share_pct": np.nan,
                           "base_pct": np.nan, "parents": 0, "concentrated": None, "note": ""}
    parents = cascade.loc[cascade["level"] == level, "parent"]
    if len(part) < 3:
        row["note"] = text("weakest_few", lang, min=min_tickets, level=column_label(level, lang))
        return _row(**row)
    if parents.nunique() < 2:
        parent_level = next((lv for lv in dict.fromkeys(cascade["level"]) if lv not in ("centre", level)), "team")
        row["note"] = text("weakest_one_parent", lang, level=column_label(level, lang),
                           parent=column_label(parent_level, lang))
        return _row(**row)
    share = part["parent"].value_counts()
    pct = 100.0 * share.iloc[0] / len(part)
    everyone = _ranked(cascade[cascade["level"] == level], min_tickets)
    base = 100.0 * float((everyone["parent"] == share.index[0]).mean())
    row.update(parent=str(share.index[0]), n_parent=int(share.iloc[0]), share_pct=pct, base_pct=base,
               parents=int(part["parent"].nunique()), concentrated=bool(pct >= concentrated_pct and pct > base))
    return _row(**row)


# ------------------------------------------------------------------------------ composite score
def score_plan(targets: pd.DataFrame, support: pd.DataFrame) -> pd.DataFrame:
    """The ticket KPIs of the composite score: one row per KPI with a weight above 0 in ``kpi_targets``.

    Returns
    -------
    DataFrame
        ``kpi``, ``weight``, ``used`` (a ticket KPI this log supports; the others are left out).
        Empty without a ``weight`` column.
    """
    if "weight" not in targets.columns:
        return pd.DataFrame({"kpi": pd.Series(dtype=object), "weight": pd.Series(dtype=float),
                             "used": pd.Series(dtype=bool)})
    weights = pd.to_numeric(targets["weight"], errors="coerce")
    plan = pd.DataFrame({"kpi": targets["kpi"].astype(str), "weight": weights})[weights.fillna(0).to_numpy() > 0]
    supported = dict(zip(support["kpi"], support["supported"]))
    plan["used"] = [bool(supported.get(k, False)) for k in plan["kpi"]]
    return plan.reset_index(drop=True)


def score_note(targets: pd.DataFrame, plan: pd.DataFrame, *, lang: str = "en") -> str:
    """Why the composite score is skipped, or which weighted ticket KPIs it leaves out ("" when none)."""
    if "weight" not in targets.columns:
        return text("score_no_weight", lang)
    if not plan["used"].any():
        return text("score_no_kpis", lang)
    left = [k for k, used in zip(plan["kpi"], plan["used"]) if not used and k in KPI_COLUMNS]
    return text("score_left_out", lang, kpis=", ".join(_name(k, lang) for k in left)) if left else ""


def score_summary(scores: pd.DataFrame, *, lang: str = "en") -> pd.DataFrame:
    """The composite score before and after the split (from ``composite_score(halves)``).

    Returns
    -------
    DataFrame
        One row: ``before``, ``after``, ``weakest_after`` (the KPI with the lowest Qᵢ after; None
        without values), ``weakest_q`` (its Qᵢ), ``n_kpis`` (KPIs in the score), ``comparable``, ``note``.
    """
    parts = scores.set_index("part")
    before, after = (float(parts.loc[p, "score"]) if p in parts.index else np.nan for p in ("before", "after"))
    q_after = parts.loc["after"].filter(like="q_").astype(float) if "after" in parts.index else pd.Series(dtype=float)
    q_after = q_after.dropna()
    comparable = not (np.isnan(before) or np.isnan(after))
    return _row(before=before, after=after, weakest_after=q_after.idxmin().removeprefix("q_") if len(q_after) else None,
                weakest_q=float(q_after.min()) if len(q_after) else np.nan, n_kpis=int(scores.filter(like="q_").shape[1]),
                comparable=comparable, note="" if comparable else text("score_one_side", lang))


# ------------------------------------------------------------------------------ control chart, backlog
def chart_readiness(weekly: pd.DataFrame, *, kpi: str | None, split: Any, min_before: int = 8,
                    lang: str = "en") -> pd.DataFrame:
    """Can a phase I/II control chart of the weekly ``kpi`` be drawn around ``split``?

    Returns
    -------
    DataFrame
        One row: ``n_before``, ``n_after`` (weeks with a value before/from the split), ``ready``
        (at least ``min_before`` before and one after), ``note`` (why not, in ``lang``).
    """
    if kpi is None:
        return _row(n_before=0, n_after=0, ready=False, note=text("section_no_kpi", lang))
    cut = pd.Timestamp(split)
    have = weekly[weekly[kpi].notna()]
    n_before, n_after = int((have["period"] < cut).sum()), int((have["period"] >= cut).sum())
    note = ""
    if n_before < min_before:
        note = text("chart_few_before", lang, min=min_before, kpi=_name(kpi, lang), date=f"{cut:%Y-%m-%d}", n=n_before)
    elif n_after == 0:
        note = text("chart_no_after", lang, kpi=_name(kpi, lang), date=f"{cut:%Y-%m-%d}")
    return _row(n_before=n_before, n_after=n_after, ready=not note, note=note)


def backlog_note(table: pd.DataFrame, *, lang: str = "en") -> str:
    """The backlog sentence of the last instant of :func:`sqmkit.kpis.backlog` (without groups)."""
    last = table.iloc[-1]
    date = f"{pd.Timestamp(last['at']):%Y-%m-%d}"
    if int(last["open_tickets"]) == 0:
        return text("backlog_none", lang, date=date)
    words = dict(date=date, n=int(last["open_tickets"]), days=float(last["age_median_h"]) / 24)
    if pd.isna(last["over_sla"]):
        return text("backlog_open", lang, **words)
    return text("backlog_open_sla", lang, over=int(last["over_sla"]), **words)


# ------------------------------------------------------------------------------ findings of notebook 02
def _f(value: float) -> str:
    return f"{value:,.1f}"


def _signed(value: float) -> str:
    return f"{value:+,.1f}"


def _p(p: float) -> str:
    """A p value as the sentences write it: ``< 0.001`` or ``= 0.043`` (``= —`` when there is none)."""
    if p is None or np.isnan(p):
        return "= —"
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"


def _join(parts: list[str], lang: str) -> str:
    """Sentences one after the other, as the language writes them (Chinese: no space between)."""
    out = parts[0]
    for part in parts[1:]:
        out = text("kpis_then", lang, first=out, next=part)
    return out


def _level(name: str, lang: str) -> str:
    """A grouping column as a word inside a sentence (``team``, 班组)."""
    return column_label(name, lang).lower()


def _direction(kpi: str, lang: str) -> str:
    from sqmkit.kpis import KPI_DIRECTIONS

    return str(value_label(KPI_DIRECTIONS.get(kpi, "lower"), lang))


def _sign(kpi: str) -> float:
    """+1 when higher is better for ``kpi``, −1 when lower is better."""
    from sqmkit.kpis import KPI_DIRECTIONS

    return 1.0 if KPI_DIRECTIONS.get(kpi, "lower") == "higher" else -1.0


def _moved_by(change: float, lang: str) -> str:
    if round(change, 1) == 0:
        return text("kpis_no_change", lang)
    return text("kpis_rose_by" if change > 0 else "kpis_fell_by", lang, size=_f(abs(change)))


def _coverage_rows(coverage: pd.DataFrame, lang: str) -> list[dict]:
    from sqmkit.findings import finding

    c = coverage.set_index("statistic")
    n = int(c.loc["frt", "tickets"])
    sentence = text("kpis_coverage", lang, tickets=n, no_frt=int(c.loc["frt", "excluded"]),
                    no_frt_pct=float(c.loc["frt", "excluded_pct"]) if n else 0.0,
                    open=int(c.loc["resolution", "excluded"]))
    return [finding("kpi_coverage", None, label=text("kpis_tickets_label", lang), sentence=sentence)]


def _level_rows(halves: pd.DataFrame, status: pd.DataFrame | None, kpi: str | None, lang: str) -> list[dict]:
    from sqmkit.findings import finding

    s = level_summary(halves, status, kpi=kpi, lang=lang).iloc[0]
    rows = [finding(h.key, h.value, label=h.label) for h in level_headlines(level_summary(
        halves, status, kpi=kpi, lang=lang), lang=lang).itertuples()]
    if s["note"]:
        rows.append(finding("kpi_level_note", None, sentence=s["note"]))
    if not s["comparable"]:
        return rows
    name, change = _name(kpi, lang), float(s["after"] - s["before"])
    words = dict(kpi=name, before=_f(s["before"]), after=_f(s["after"]), span_before=s["span_before"],
                 span_after=s["span_after"])
    if round(change, 1) == 0:
        parts = [text("kpis_level_same", lang, **words)]
    else:
        pct = f"{100 * change / abs(s['before']):+.1f} %" if s["before"] else "—"
        parts = [text("kpis_level_moved", lang, moved=text("kpis_rose" if change > 0 else "kpis_fell", lang),
                      change=_signed(change), pct=pct, **words),
                 text("kpis_level_better" if _sign(kpi) * change > 0 else "kpis_level_worse", lang,
                      direction=_direction(kpi, lang))]
    if s["status_before"] is not None and s["status_after"] is not None:

        parts.append(text("kpis_level_status", lang, target=f"{s['target']:g}",
                          before=value_label(s["status_before"], lang), after=value_label(s["status_after"], lang)))
        red = [_name(k, lang) for k in s["red_after"].split(", ") if k]
        parts.append(text("kpis_red_after", lang, kpis=", ".join(red)) if red else text("kpis_red_after_none", lang))
    parts.append(text("kpis_level_noise", lang))
    rows.append(finding(f"{kpi}_change", round(change, 1), label=text("kpis_change_label", lang, kpi=name),
                        sentence=_join(parts, lang)))
    return rows


def _channel_rows(channels: pd.DataFrame, kpi: str, by: str, min_tickets: int, lang: str) -> list[dict]:
    from sqmkit.findings import finding

    r = rank_groups(channels, kpi=kpi, by=by, min_tickets=min_tickets, lang=lang).iloc[0]
    if r["note"]:
        return [finding(f"weakest_{by}", None, sentence=r["note"])]
    words = dict(level=_level(by, lang), kpi=_name(kpi, lang), min=min_tickets, groups=int(r["groups"]))
    if r["worst_value"] == r["best_value"]:
        return [finding(f"weakest_{by}", None, sentence=text("kpis_rank_all_tied", lang, value=_f(r["worst_value"]),
                                                              **words))]
    sentence = text("kpis_rank", lang, worst=r["worst"], worst_value=_f(r["worst_value"]), best=r["best"],
                    best_value=_f(r["best_value"]), tied=text("kpis_tied", lang) if r["worst_tied"] > 1 else "",
                    **words)
    return [finding(f"weakest_{by}", r["worst"], label=text("lagging_unit", lang, kpi=words["kpi"],
                                                             level=column_label(by, lang)), sentence=sentence)]


def _cascade_rows(cascade: pd.DataFrame, kpi: str, min_tickets: int, top: int, concentrated_pct: float,
                  lang: str) -> list[dict]:
    from sqmkit.findings import finding

    levels = [lv for lv in dict.fromkeys(cascade["level"]) if lv != "centre"]
    name = _name(kpi, lang)
    lag = lagging_unit(cascade, level=levels[0], min_tickets=min_tickets, lang=lang).iloc[0]
    rows = []
    if lag["unit"] is not None:
        rows.append(finding("lagging_team", lag["unit"], label=text("lagging_unit", lang, kpi=name,
                                                                     level=column_label(levels[0], lang)),
                            sentence=text("kpis_lagging", lang, unit=lag["unit"], kpi=name, value=_f(lag["value"]),
                                          centre=_f(lag["centre"]), ratio=lag["ratio"], others=int(lag["ranked"]) - 1,
                                          level=_level(levels[0], lang), worse=int(lag["worse"]),
                                          ranked=int(lag["ranked"]))))
        rows.append(finding(f"lagging_team_{kpi}", round(float(lag["value"]), 1),
                            label=text("kpi_of_unit", lang, kpi=name, unit=lag["unit"])))
    if lag["note"]:
        rows.append(finding("lagging_note", None, sentence=lag["note"]))
    if len(levels) > 1:
        weak = weakest_units(cascade, level=levels[1], top=top, concentrated_pct=concentrated_pct,
                             min_tickets=min_tickets, lang=lang).iloc[0]
        if weak["note"]:
            sentence = weak["note"]
        else:
            sentence = text("kpis_weakest_concentrated" if weak["concentrated"] else "kpis_weakest_spread", lang,
                            top=int(weak["top"]), level=_level(levels[1], lang), n_parent=int(weak["n_parent"]),
                            parent=weak["parent"], share_pct=weak["share_pct"], base_pct=weak["base_pct"],
                            parents=int(weak["parents"]), parent_level=_level(levels[0], lang))
        rows.append(finding("weakest_agents", None, sentence=sentence))
    return rows


def _score_rows(scores: pd.DataFrame, lang: str) -> list[dict]:
    from sqmkit.findings import finding

    sqs = score_summary(scores, lang=lang).iloc[0]
    if not sqs["comparable"]:
        return [finding("sqs_note", None, sentence=sqs["note"])]
    change = float(sqs["after"] - sqs["before"])
    if round(change, 1) == 0:
        sentence = text("kpis_score_same", lang, before=_f(sqs["before"]), n=int(sqs["n_kpis"]))
    else:
        sentence = text("kpis_score", lang, before=_f(sqs["before"]), after=_f(sqs["after"]), change=_signed(change),
                        n=int(sqs["n_kpis"]), moved=text("kpis_rose" if change > 0 else "kpis_fell", lang),
                        verdict=text("kpis_improved" if change > 0 else "kpis_worsened", lang))
    if sqs["weakest_after"] is not None:
        sentence = _join([sentence, text("kpis_score_weakest", lang, kpi=_name(sqs["weakest_after"], lang),
                                             q=sqs["weakest_q"])], lang)
    return [finding("sqs_before", round(float(sqs["before"]), 1), label=text("sqs_before", lang)),
            finding("sqs_after", round(float(sqs["after"]), 1), label=text("sqs_after", lang)),
            finding("sqs_change", round(change, 1), label=text("kpis_sqs_change_label", lang), sentence=sentence)]


def _chart_verdict(shift: pd.Series, test: pd.Series, kpi: str, alpha: float, run_length: int, lang: str) -> str:
    direction = _direction(kpi, lang)
    p = float(test["p_welch"])
    if np.isnan(p):
        return text("kpis_chart_untested", lang)
    if p < alpha and bool(shift["better"]):
        key = "kpis_chart_better_sustained" if shift["sustained"] else "kpis_chart_better"
        return text(key, lang, direction=direction, run=run_length)
    if p < alpha and bool(shift["worse"]):
        key = "kpis_chart_worse_sustained" if shift["sustained_worse"] else "kpis_chart_worse"
        return text(key, lang, direction=direction, run=run_length)
    if shift["sustained"] or shift["sustained_worse"]:
        better = int(shift["longest_run"]) >= int(shift["longest_run_worse"])
        return text("kpis_chart_run_only", lang, p=_p(p),
                    run=int(shift["longest_run"] if better else shift["longest_run_worse"]),
                    side=text("kpis_side_better" if better else "kpis_side_worse", lang))
    return text("kpis_chart_none", lang, p=_p(p), alpha=alpha)


def _chart_rows(chart: pd.DataFrame, kpi: str, alpha: float, run_length: int, conf: float, lang: str) -> list[dict]:
    from sqmkit.findings import finding
    from sqmkit.kpis import KPI_DIRECTIONS
    from sqmkit.spc import phase_summary, phase_test

    shift = phase_summary(chart, direction=KPI_DIRECTIONS.get(kpi, "lower"), run_length=run_length).iloc[0]
    test = phase_test(chart, conf=conf).iloc[0]
    after = chart[chart["phase"] == "II"]
    signals = int(after["rule"].notna().sum())
    split = after["period"].iloc[0] if "period" in after.columns else after["point"].iloc[0]
    date = f"{pd.Timestamp(split):%Y-%m-%d}" if "period" in after.columns else str(split)
    name, change = _name(kpi, lang), float(test["diff"])
    first = chart.iloc[0]
    parts = [text("kpis_chart_limits", lang, n_before=int(shift["n_before"]), date=date, center=_f(first["center"]),
                  lcl=_f(first["lcl"]), ucl=_f(first["ucl"])),
             text("kpis_chart_test", lang, n_after=int(shift["n_after"]), mean_after=_f(test["mean_after"]),
                  change=_moved_by(change, lang), conf=100 * conf, ci_low=_signed(test["ci_low"]),
                  ci_high=_signed(test["ci_high"]), p_welch=_p(test["p_welch"]), p_mw=_p(test["p_mannwhitney"]),
                  r=float(test["rank_biserial"]) if not np.isnan(test["rank_biserial"]) else 0.0),
             text("kpis_chart_sides", lang, n_after=int(shift["n_after"]), signals=signals,
                  pct_better=shift["pct_beyond"], pct_worse=shift["pct_beyond_worse"],
                  run_better=int(shift["longest_run"]), run_worse=int(shift["longest_run_worse"])),
             _chart_verdict(shift, test, kpi, alpha, run_length, lang)]
    p_value = float(test["p_welch"])
    return [finding(f"{kpi}_weekly_signals_after", signals, label=text("weekly_signals_after", lang)),
            finding(f"{kpi}_weekly_change", round(change, 2), label=text("kpis_weekly_change_label", lang, kpi=name)),
            finding(f"{kpi}_weekly_p_welch", None if np.isnan(p_value) else p_value,
                    label=text("kpis_p_welch_label", lang, kpi=name, moved=_moved_by(change, lang)),
                    sentence=_join(parts, lang))]


def _proportion_rows(proportion: tuple[pd.DataFrame, pd.DataFrame], lang: str) -> list[dict]:
    from sqmkit.findings import finding

    chart, check = proportion
    kpi, row = str(chart["kpi"].iloc[0]), check.iloc[0]
    base = chart[chart["phase"] == "I"]
    size = float(base["n"].mean())
    half = float(300 * np.sqrt(row["center"] * (1 - row["center"]) / size))
    values = dict(kpi=_name(kpi, lang), size=size, half=half, points=int(row["points"]), beyond=int(row["beyond_limits"]),
                  center=100 * float(row["center"]),
                  ratio=float(row["ratio"]), p=_p(float(row["p_value"])), sigma_z=float(row["sigma_z"]),
                  beyond_prime=int(row["beyond_prime_limits"]))
    parts = [text(f"kpis_prime_{row['reason']}", lang, **values)]
    after = chart[chart["phase"] == "II"]
    if len(after):
        parts.append(text("kpis_prime_signals", lang, date=f"{pd.Timestamp(after['period'].iloc[0]):%Y-%m-%d}",
                          n_after=len(after), signals=int(after["rule"].notna().sum())))
    elif chart.attrs.get("split") is not None:
        parts.append(text("kpis_prime_no_phase2", lang, date=f"{chart.attrs['split']:%Y-%m-%d}", points=len(chart)))
    sigma_z = float(row["sigma_z"])
    return [finding(f"{kpi}_chart_sigma_z", None if np.isnan(sigma_z) else round(sigma_z, 2),
                    label=text("kpis_prime_chart_label", lang, kpi=_name(kpi, lang)), sentence=_join(parts, lang))]


#: Cpk at which a process meets its specification with room to spare (Montgomery 2013, Table 8.2).
CAPABLE_CPK = 1.33


def _capability_rows(capability: pd.DataFrame, lang: str) -> list[dict]:
    from sqmkit.findings import finding

    rows = []
    for _, row in capability.iterrows():
        priority = text("kpis_all_priorities", lang) if row["priority"] == "all" else str(value_label(row["priority"], lang))
        key = "kpis_capability" if row["measure"] == "resolution_h" else "kpis_capability_due"
        cpk = float(row["cpk"])
        values = dict(priority=priority, usl=float(row["usl"]), n=int(row["tickets"]), median=float(row["median"]),
                      q_high=float(row["q_high"]), cpk=cpk, above=float(row["obs_above_pct"]))
        if np.isnan(cpk):   # the 99.865 % quantile is the median: no spread above it, no index
            parts = [text("kpis_capability_constant", lang, **values)]
        else:
            verdict = "kpis_capable" if cpk >= CAPABLE_CPK else "kpis_capable_marginal" if cpk >= 1 else "kpis_not_capable"
            parts = [text(key, lang, **values), text(verdict, lang, good=CAPABLE_CPK)]
        rows.append(finding(f"resolution_cpk_{row['priority']}", None if np.isnan(cpk) else round(cpk, 2),
                            label=text("kpis_cpk_label", lang, priority=priority), sentence=_join(parts, lang)))
    return rows


def _funnel_rows(funnel: pd.DataFrame, by: str, lang: str) -> list[dict]:
    from sqmkit.findings import finding
    from sqmkit.kpis import KPI_DIRECTIONS

    kpi = funnel.attrs.get("kpi", "")
    higher = KPI_DIRECTIONS.get(kpi, "higher") == "higher"
    outside = funnel[funnel["outside"]]
    values = dict(kpi=_name(kpi, lang), level=_level(by, lang), center=float(funnel.attrs["center"]), k=len(funnel))
    if outside.empty:
        sentence = text("kpis_funnel_none", lang, low=float(funnel["stat"].min()), high=float(funnel["stat"].max()),
                        small=int(funnel["size"].min()), large=int(funnel["size"].max()), **values)
    else:
        units = [text("kpis_funnel_unit", lang, unit=r["unit"], stat=float(r["stat"]), size=int(r["size"]),
                      side=text("kpis_funnel_better" if (r["side"] == "above") == higher else "kpis_funnel_worse", lang))
                 for _, r in outside.iterrows()]
        sentence = text("kpis_funnel_outside", lang, units=text("list_sep", lang).join(units),
                        rest=len(funnel) - len(outside), **values)
    return [finding(f"{kpi}_{by}_outside_funnel", len(outside), label=text("kpis_funnel_label", lang, **values),
                    sentence=sentence)]


def findings(*, coverage: pd.DataFrame | None = None, follow: pd.DataFrame | None = None,
             halves: pd.DataFrame | None = None, status: pd.DataFrame | None = None,
             trend: pd.DataFrame | None = None, channels: pd.DataFrame | None = None,
             cascade: pd.DataFrame | None = None, targets: pd.DataFrame | None = None,
             plan: pd.DataFrame | None = None, scores: pd.DataFrame | None = None,
             readiness: pd.DataFrame | None = None, chart: pd.DataFrame | None = None,
             backlog: pd.DataFrame | None = None, proportion: tuple[pd.DataFrame, pd.DataFrame] | None = None,
             capability: pd.DataFrame | None = None, funnel: pd.DataFrame | None = None,
             kpi: str | None = None, by: str = "channel", lang: str = "zh",
             min_tickets: int = 30, top: int = 10, concentrated_pct: float = 60.0, alpha: float = 0.05,
             run_length: int = 8, conf: float = 0.95) -> pd.DataFrame:
    """The headline figures and conclusion sentences of notebook 02, from its analysis tables.

    Each section of the notebook passes its own tables and gets its rows back (a table left out gives
    no rows). Nothing is re-analysed and no data is read: the verdicts come from the functions of this
    module (``level_summary``, ``rank_groups``, ``lagging_unit``, ``weakest_units``, ``score_summary``)
    and from :func:`sqmkit.spc.phase_summary` / :func:`sqmkit.spc.phase_test`, with the thresholds below.

    Parameters
    ----------
    coverage : DataFrame, optional
        :func:`sqmkit.kpis.coverage`. Key ``kpi_coverage`` (no figure): how many tickets have no first
        response and how many are still open, and that they are left out.
    follow : DataFrame, optional
        :func:`follow_kpi`. Key ``kpi_followed`` (no figure), only when another KPI is followed (or none).
    halves, status : DataFrame, optional
        :func:`sqmkit.kpis.before_after` and its :func:`sqmkit.kpis.kpi_status` (``status`` may be None:
        no targets). Keys ``{kpi}_before``, ``{kpi}_after``, ``{kpi}_target``, ``{kpi}_before_status``,
        ``{kpi}_after_status`` (labels only) and ``{kpi}_change`` (after − before, signed), whose sentence
        says which way the KPI moved, by how much (and in %), whether that is better or worse for this
        KPI (its direction), the status against the target on both sides, the KPIs still red after the
        split (or none), and that the noise is judged by the control chart. A change of 0.0 at one decimal
        is "no change". Key ``kpi_level_note`` when one side has no value or the KPI no target.
    trend : DataFrame, optional
        ``ticket_kpis(..., freq=...)``. Key ``partial_periods`` (no figure) naming the partial periods.
    channels : DataFrame, optional
        ``ticket_kpis(..., by=by)``. Key ``weakest_{by}``: the weakest and the best group among those with
        at least ``min_tickets`` tickets (the blank group never ranked), ties named as ties; when all ranked
        groups have the same value, none is named; fewer than two ranked groups: the reason.
    cascade : DataFrame, optional
        :func:`sqmkit.kpis.kpi_cascade` (computed with the same ``min_tickets``). Keys ``lagging_team``
        and ``lagging_team_{kpi}`` (the lagging unit of the first level and its value, with the ratio to
        the other ranked units) or ``lagging_note`` (why none lags, or the small units left out);
        ``weakest_agents`` (no figure; second level only): whether the ``top`` weakest units sit in one
        parent — at least ``concentrated_pct`` % of them *and* more than that parent's share of all ranked
        units — or are spread over several parents.
    targets, plan : DataFrame, optional
        ``kpi_targets`` and :func:`score_plan`. Key ``sqs_plan`` (no figure) when the score is skipped or
        leaves weighted KPIs out.
    scores : DataFrame, optional
        ``composite_score`` of ``halves``. Keys ``sqs_before``, ``sqs_after``, ``sqs_change`` (rose / fell,
        by how many points, over how many KPIs, the weakest KPI after the split) or ``sqs_note``.
    readiness : DataFrame, optional
        :func:`chart_readiness`. Key ``chart_note`` (no figure) when the chart cannot be drawn.
    chart : DataFrame, optional
        :func:`sqmkit.kpis.kpi_control_chart` of the weekly KPI with phases. Keys
        ``{kpi}_weekly_signals_after``, ``{kpi}_weekly_change`` (mean of the later weeks − mean of the
        weeks before) and ``{kpi}_weekly_p_welch`` (its label says which way the weekly KPI moved). The
        sentence gives the limits, the change with its ``conf`` CI, Welch and Mann–Whitney p and the
        rank-biserial r, the share of later weeks beyond the old limit on *each* side and the longest run
        on each side, then the verdict: Welch p < ``alpha`` in the better direction — a sustained shift
        (a run of ``run_length`` weeks on the better side) or a change not yet sustained; p < ``alpha`` in
        the worse direction — the KPI got worse (sustained or not); otherwise "no evidence of a change",
        or, with a run of ``run_length`` weeks on one side, a possible shift not yet established.
    backlog : DataFrame, optional
        :func:`sqmkit.kpis.backlog`. Key ``open_tickets_as_of``: the open tickets at its last instant.
    proportion : (chart, check), optional
        :func:`sqmkit.kpis.proportion_chart`. Key ``{kpi}_chart_sigma_z``: which chart was drawn and why
        (the weekly size, how wide p limits would be and how many weeks would fall outside them, the
        dispersion test and sigma_z), then the signals from the split.
    capability : DataFrame, optional
        :func:`sqmkit.kpis.resolution_capability`. Key ``resolution_cpk_{priority}`` per row: median,
        99.865th percentile, Cpk and the share beyond the SLA, with the verdict at Cpk 1 and
        :data:`CAPABLE_CPK`.
    funnel : DataFrame, optional
        :func:`sqmkit.kpis.team_funnel` (units of the column ``by``). Key ``{kpi}_{by}_outside_funnel``:
        the units outside the 3-sigma funnel, better or worse than the centre, or that none is.
    kpi : str or None
        The KPI followed (:func:`follow_kpi`); None: the log supports none.
    by : str
        The grouping column of ``channels``.
    lang : {"zh", "en"}
    min_tickets : int
        Smallest group or unit that is ranked (default 30; the notebook's ``min_group_tickets``).
    top : int
        Weakest units of the second cascade level looked at (default 10).
    concentrated_pct : float
        Share of the weakest units in one parent that makes the gap the parent's (default 60 %).
    alpha : float
        Level of the Welch test of the weekly values (default 0.05).
    run_length : int
        Consecutive weeks on one side of the old centre that make a sustained shift (default 8, the
        Western Electric run rule).
    conf : float
        Confidence level of the interval of the weekly change (default 0.95).

    Returns
    -------
    DataFrame
        The :mod:`sqmkit.findings` columns key, value, unit, label, sentence.

    Examples
    --------
    >>> import pandas as pd
    >>> backlog = pd.DataFrame({"at": [pd.Timestamp("2025-12-20")], "open_tickets": [0], "age_median_h": [float("nan")],
    ...                         "over_sla": [float("nan")]})
    >>> findings(backlog=backlog, lang="en")[["key", "value", "sentence"]].values.tolist()
    [['open_tickets_as_of', 0, 'At 2025-12-20: no ticket is open.']]
    """
    from sqmkit.findings import finding, findings_table

    check_lang(lang)
    rows: list[dict] = []
    if coverage is not None:
        rows += _coverage_rows(coverage, lang)
    if follow is not None and follow["note"].iloc[0]:
        rows.append(finding("kpi_followed", None, sentence=follow["note"].iloc[0]))
    if halves is not None:
        rows += _level_rows(halves, status, kpi, lang)
    if trend is not None and partial_note(trend, lang=lang):
        rows.append(finding("partial_periods", None, sentence=partial_note(trend, lang=lang)))
    if channels is not None and kpi is not None:
        rows += _channel_rows(channels, kpi, by, min_tickets, lang)
    if cascade is not None and kpi is not None:
        rows += _cascade_rows(cascade, kpi, min_tickets, top, concentrated_pct, lang)
    if targets is not None and plan is not None and score_note(targets, plan, lang=lang):
        rows.append(finding("sqs_plan", None, sentence=score_note(targets, plan, lang=lang)))
    if scores is not None:
        rows += _score_rows(scores, lang)
    if readiness is not None and readiness["note"].iloc[0]:
        rows.append(finding("chart_note", None, sentence=readiness["note"].iloc[0]))
    if chart is not None and kpi is not None:
        rows += _chart_rows(chart, kpi, alpha, run_length, conf, lang)
    if proportion is not None:
        rows += _proportion_rows(proportion, lang)
    if capability is not None:
        rows += _capability_rows(capability, lang)
    if funnel is not None and len(funnel):
        rows += _funnel_rows(funnel, by, lang)
    if backlog is not None and len(backlog):
        at = f"{pd.Timestamp(backlog['at'].iloc[-1]):%Y-%m-%d}"
        rows.append(finding("open_tickets_as_of", int(backlog["open_tickets"].iloc[-1]),
                            label=text("open_tickets_at", lang, date=at), sentence=backlog_note(backlog, lang=lang)))
    return findings_table(rows)
