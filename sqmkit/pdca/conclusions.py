"""What notebook 04 concludes: the headline figures and conclusion sentences of the PDCA step, as data.

:func:`findings` turns the analysis tables of :mod:`sqmkit.pdca` (status, progress, phase shift, before/after
test, staged chart, effect of each action, next cycle) into a :func:`sqmkit.findings.findings_table`. The
sentences come from the glossary (:mod:`sqmkit.glossary.pdca`) in the report's language; every threshold is a
keyword parameter. Each section of the notebook calls it with that section's tables only.
"""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import pandas as pd

from sqmkit._checks import check_choice, check_lang
from sqmkit.findings import finding, findings_table
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import message, text
from sqmkit.pdca.actions import overdue_list

__all__ = ["settings_line", "findings"]

_FINISHED = ("done", "cancelled")


def settings_line(config: Mapping[str, Any], *, as_of: Any, split: Any, lang: str = "zh") -> str:
    """The first line of notebook 04: client, title, status date and intervention date (markdown-safe)."""
    from sqmkit.safehtml import md_text

    check_lang(lang)
    return text("pdca_settings", lang, client=md_text(config.get("client", "")), title=md_text(config.get("title", "")),
                as_of=f"{pd.Timestamp(as_of):%Y-%m-%d}", split=f"{pd.Timestamp(split):%Y-%m-%d}")


# ------------------------------------------------------------------------------ formatting
def _join(items: list[str], lang: str) -> str:
    return text("clause_sep", lang).join(items)


def _ids(values: Any, lang: str) -> str:
    return text("list_sep", lang).join(str(v) for v in values)


def _sentences(parts: list[str], lang: str) -> str:
    """Sentences joined as the language writes them (Chinese: no space after 。)."""
    out = ""
    for part in (p for p in parts if p):
        out = text("pdca_then", lang, first=out, second=part) if out else part
    return out


def _num(x: float, digits: int, signed: bool = False) -> str:
    return f"{x:+.{digits}f}" if signed else f"{x:.{digits}f}"


def _pct(x: float, digits: int = 1, signed: bool = True) -> str:
    return "—" if x is None or not np.isfinite(x) else f"{x:+.{digits}f}%" if signed else f"{x:.{digits}f}%"


def _p(p: float) -> str:
    """p as a sentence shows it: three significant digits, ``p < 0.0001`` below that."""
    return "p < 0.0001" if p < 0.0001 else f"p = {p:.3g}"


def _name(row: Any, names: Mapping[Any, Any]) -> str:
    name = getattr(row, "action", None)
    if name is None or (not isinstance(name, str) and pd.isna(name)):
        name = names.get(row.action_id, "")
    return "" if name is None or (not isinstance(name, str) and pd.isna(name)) else str(name)


def _kpi_name(kpi: Any, lang: str) -> str:
    from sqmkit.kpis import kpi_label

    return kpi_label(str(kpi), lang)


# ------------------------------------------------------------------------------ sections
def _status_rows(status: pd.DataFrame, *, soon_days: int, lang: str) -> list[dict]:
    date = f"{pd.Timestamp(status['as_of'].iloc[0]):%Y-%m-%d}" if len(status) and "as_of" in status else ""
    overdue, soon = status[status["overdue"]], status[status["due_soon"]]
    late = overdue.sort_values("days_late", ascending=False, kind="mergesort")
    if len(late):
        said = text("pdca_overdue", lang, date=date, n=len(late), total=len(status), items=overdue_list(status, lang=lang))
    else:
        said = text("pdca_overdue_none", lang, date=date, total=len(status))
    soon_said = (text("pdca_due_soon", lang, n=len(soon), days=soon_days, ids=_ids(soon["action_id"], lang))
                 if len(soon) else text("pdca_due_soon_none", lang, days=soon_days))
    undated = status[~status["status"].isin(_FINISHED) & status["due"].isna()] if "due" in status else status.iloc[:0]
    rows = [finding("actions_total", len(status), label=text("actions_total", lang)),
            finding("actions_overdue", len(late), label=text("actions_overdue", lang, date=date), sentence=said),
            finding("actions_overdue_ids", ", ".join(map(str, late["action_id"])),
                    label=text("actions_overdue_ids", lang)),
            finding("actions_due_soon", len(soon), label=text("actions_due_soon", lang, days=soon_days),
                    sentence=soon_said)]
    if len(undated):
        rows.append(finding("actions_no_due", sentence=text("pdca_no_due", lang, n=len(undated),
                                                           ids=_ids(undated["action_id"], lang))))
    return rows


def _progress_rows(progress: pd.DataFrame, *, lang: str) -> list[dict]:
    total = progress[["done", "cancelled", "blocked", "total"]].sum()
    base = int(total["total"] - total["cancelled"])
    if base <= 0:
        return []
    pct = float(total["done"]) / base * 100
    said = text("pdca_progress", lang, base=base, cancelled=int(total["cancelled"]), done=int(total["done"]),
                pct=pct, blocked=int(total["blocked"]))
    return [finding("actions_done_pct", round(pct, 1), unit="%", label=text("actions_done_pct", lang), sentence=said)]


def _sides(direction: str | None) -> tuple[str, str]:
    """(better side, worse side) of a chart as ("below" | "above") for a KPI whose lower / higher is better."""
    return ("below", "above") if direction == "lower" else ("above", "below")


def _shift_rows(shift: pd.DataFrame, *, kpi: str, direction: str | None, date: str, run_length: int,
                digits: int, lang: str) -> list[dict]:
    s = shift.iloc[0]
    name = _kpi_name(kpi, lang)
    level = text("pdca_shift_level", lang, date=date, kpi=name, center=_num(s["center_before"], digits),
                 lcl=_num(s["lcl_before"], digits), ucl=_num(s["ucl_before"], digits),
                 mean=_num(s["mean_after"], digits), change=_num(s["change"], digits, signed=True),
                 pct=_pct(s["change_pct"]))
    rows = [finding(f"{kpi}_center_before", round(float(s["center_before"]), digits),
                    label=text("center_before", lang, kpi=name, date=date)),
            finding(f"{kpi}_mean_after", round(float(s["mean_after"]), digits),
                    label=text("mean_after", lang, kpi=name, date=date)),
            finding(f"{kpi}_change", round(float(s["change"]), digits),
                    label=text("pdca_change_label", lang, kpi=name, date=date))]
    n = int(s["n_after"])
    count = {"above": int(s["n_above_ucl"]), "below": int(s["n_below_lcl"])}
    share = {"above": float(s["pct_above_ucl"]), "below": float(s["pct_below_lcl"])}
    run = {"above": int(s["longest_run_above"]), "below": int(s["longest_run_below"])}
    if direction is None:
        sides = text("pdca_shift_sides_unjudged", lang, n=n, n_above=count["above"], n_below=count["below"],
                     pct_above=_pct(share["above"], 0, False), pct_below=_pct(share["below"], 0, False),
                     run_above=run["above"], run_below=run["below"])
        up, down = run["above"] >= run_length, run["below"] >= run_length
        verdict = (text("pdca_shift_mixed", lang, run=run_length) if up and down
                   else text("pdca_shift_up", lang, kpi=name, run=run_length) if up
                   else text("pdca_shift_down", lang, kpi=name, run=run_length) if down
                   else text("pdca_shift_none", lang, run=run_length))
        rows[-1]["sentence"] = _sentences([level, sides, verdict], lang)
        return rows
    good, bad = _sides(direction)
    sides = text("pdca_shift_sides", lang, n=n, n_better=count[good], n_worse=count[bad],
                 pct_better=_pct(share[good], 0, False), pct_worse=_pct(share[bad], 0, False),
                 side_better=text(f"pdca_side_{good}", lang), side_worse=text(f"pdca_side_{bad}", lang),
                 run_better=run[good], run_worse=run[bad])
    better, worse = run[good] >= run_length, run[bad] >= run_length
    verdict = (text("pdca_shift_mixed", lang, run=run_length) if better and worse
               else text("pdca_shift_better", lang, run=run_length) if better
               else text("pdca_shift_worse", lang, kpi=name, date=date) if worse
               else text("pdca_shift_none", lang, run=run_length))
    rows += [finding(f"{kpi}_pct_beyond_after", round(share[good], 1), unit="%", label=text("pct_beyond_after", lang)),
             finding(f"{kpi}_pct_beyond_worse_after", round(share[bad], 1), unit="%",
                     label=text("pct_beyond_worse_after", lang)),
             finding(f"{kpi}_shift_sustained", bool(better and not worse), label=text("shift_sustained", lang),
                     sentence=_sentences([level, sides, verdict], lang))]
    return rows


def _test_rows(test: pd.DataFrame, *, kpi: str, direction: str | None, alpha: float, digits: int,
               lang: str) -> list[dict]:
    t = test.iloc[0]
    name = _kpi_name(kpi, lang)
    nb, na = int(t["n_before"]), int(t["n_after"])
    if nb < 2 or na < 2:
        return [finding(f"{kpi}_test", sentence=text("test_few", lang, before=nb, after=na))]
    if not np.isfinite(t["p_welch"]):
        return [finding(f"{kpi}_test", sentence=text("pdca_test_flat", lang, kpi=name))]
    diff = float(t["diff"])
    moved = text("pdca_moved_up" if diff > 0 else "pdca_moved_down" if diff < 0 else "pdca_moved_none", lang)
    base = abs(float(t["mean_before"]))
    method = text(f"pdca_mw_{t['mw_method'] or 'asymptotic'}", lang)
    said = text("pdca_test", lang, n_before=nb, n_after=na, kpi=name, moved=moved, size=_num(abs(diff), digits),
                pct=_pct(diff / base * 100 if base else np.nan), level=f"{(1 - alpha) * 100:g}",
                low=_num(t["ci_low"], digits), high=_num(t["ci_high"], digits), p=_p(float(t["p_welch"])),
                p_mw=_p(float(t["p_mannwhitney"])), method=method, r=f"{float(t['rank_biserial']):+.2f}")
    significant = float(t["p_welch"]) < alpha and diff != 0
    sign = 0 if direction is None else (-1 if direction == "lower" else 1)
    verdict = (text("pdca_test_none", lang, alpha=f"{alpha:g}") if not significant
               else text("pdca_test_changed", lang) if sign == 0
               else text("pdca_test_better", lang) if sign * diff > 0
               else text("pdca_test_worse", lang, kpi=name))
    return [finding(f"{kpi}_p_welch", float(t["p_welch"]), label=text("p_welch", lang, kpi=name, moved=moved),
                    sentence=_sentences([said, verdict], lang)),
            finding(f"{kpi}_p_mannwhitney", float(t["p_mannwhitney"]),
                    label=text("pdca_p_mannwhitney", lang, method=method))]


def _staged_rows(staged: pd.DataFrame, *, kpi: str, direction: str | None, date: str, digits: int,
                 lang: str) -> list[dict]:
    after = staged[staged["stage"] == staged["stage"].iloc[-1]]
    first = after.iloc[0]
    name = _kpi_name(kpi, lang)
    flagged = after[after["rule"].notna()]
    said = text("pdca_staged", lang, center=_num(first["center"], digits), lcl=_num(first["lcl"], digits),
                ucl=_num(first["ucl"], digits))
    labels = _ids([f"{pd.Timestamp(v):%Y-%m-%d}" if isinstance(v, (pd.Timestamp, np.datetime64)) else v
                   for v in flagged.get("label", flagged["point"])], lang)
    if flagged.empty:
        more = text("pdca_staged_quiet", lang, n=len(after))
    elif direction is None:
        more = text("pdca_staged_signals_unjudged", lang, n=len(after), k=len(flagged), labels=labels)
    else:
        worse = flagged["stat"] > flagged["center"] if direction == "lower" else flagged["stat"] < flagged["center"]
        more = text("pdca_staged_signals", lang, n=len(after), k=len(flagged), worse=int(worse.sum()), labels=labels)
    said = _sentences([said, more], lang)
    return [finding(f"{kpi}_new_center", round(float(first["center"]), digits),
                    label=text("new_center", lang, kpi=name, date=date), sentence=said),
            finding(f"{kpi}_new_signals", len(flagged), label=text("new_signals", lang))]


def _effect_rows(effects: pd.DataFrame, status: pd.DataFrame | None, *, digits: int, lang: str) -> list[dict]:
    names = dict(zip(status["action_id"], status["action"])) if status is not None and "action" in status else {}
    late = (dict(zip(status["action_id"], status["days_late"].where(status["overdue"], 0)))
            if status is not None else {})
    finished = effects["status"] == "done"
    tested = effects["effect"].notna()
    suggested = effects["suggested"]

    def items(rows: pd.DataFrame) -> str:
        return _join([text("pdca_effect_item", lang, action_id=r.action_id, action=_name(r, names),
                           change=_num(r.diff, digits, signed=True), p=_p(r.p_welch)) for r in rows.itertuples()], lang)

    worked = effects[finished & (suggested == 100).fillna(False)]
    short = effects[finished & (suggested == 50).fillna(False)]
    flat = effects[finished & tested & (effects["effect"] == "no_change")]
    worse = effects[finished & tested & (effects["effect"] == "worse")]
    early = effects[~effects["status"].isin(_FINISHED) & tested]
    unchecked = effects[~tested & (effects["status"] != "cancelled")]
    rows = [finding("effective_actions", ", ".join(map(str, worked["action_id"])),
                    label=text("effective_actions", lang),
                    sentence=(text("pdca_worked", lang, items=items(worked)) if len(worked)
                              else text("pdca_worked_none", lang)))]
    for key, part in (("pdca_short", short), ("pdca_no_change", flat), ("pdca_worse", worse)):
        if len(part):
            rows.append(finding(f"actions_{key[5:]}", sentence=text(key, lang, items=items(part))))
    if len(early):
        listed = [text("pdca_early_item", lang, action_id=r.action_id, action=_name(r, names),
                       state=(text("pdca_state_overdue", lang, days=int(late[r.action_id]))
                              if late.get(r.action_id, 0) > 0 else text("pdca_state_running", lang)),
                       effect=text(f"pdca_so_far_{r.effect}", lang)) for r in early.itertuples()]
        rows.append(finding("actions_early", sentence=text("pdca_early", lang, items=_join(listed, lang))))
    if len(unchecked):
        rows.append(finding("actions_unchecked", sentence=text("pdca_unchecked", lang, n=len(unchecked),
                                                              ids=_ids(unchecked["action_id"], lang))))
    disputed = effects[(effects["agrees"] == False).fillna(False)]  # noqa: E712
    said = (text("pdca_disputed", lang, items=_join(
        [text("pdca_disputed_item", lang, action_id=r.action_id, action=_name(r, names),
              recorded=f"{r.recorded:.0f}", suggested=r.suggested) for r in disputed.itertuples()], lang))
        if len(disputed) else text("pdca_disputed_none", lang))
    rows.append(finding("disputed_actions", ", ".join(map(str, disputed["action_id"])),
                        label=text("disputed_actions", lang), sentence=said))
    return rows


def _cycle_rows(cycle: pd.DataFrame, *, lang: str) -> list[dict]:
    if cycle.empty:
        return []
    first = int(cycle["cycle"].min())
    this = cycle[cycle["cycle"] == first]
    std, carry = this[this["decision"] == "standardise"], this[this["decision"] == "next_cycle"]
    running = this[this["decision"] == "continue"]

    def named(r: Any) -> str:
        action = "" if pd.isna(r.action) else str(r.action)
        return f"{r.action_id} {action}".strip()

    said = (text("pdca_cycle_std", lang, cycle=first, items=_join(
        [text("pdca_std_item", lang, action_id=r.action_id, action="" if pd.isna(r.action) else r.action,
              record=r.standardization or text("pdca_std_missing", lang)) for r in std.itertuples()], lang))
        if len(std) else text("pdca_cycle_std_none", lang, cycle=first))
    carried = (text("pdca_cycle_carry", lang, next=first + 1, items=_join([named(r) for r in carry.itertuples()], lang))
               if len(carry) else text("pdca_cycle_carry_none", lang, next=first + 1))
    rows = [finding("standardised_actions", ", ".join(map(str, std["action_id"])),
                    label=text("standardised_actions", lang, cycle=first), sentence=said),
            finding("next_cycle_actions", ", ".join(map(str, carry["action_id"])),
                    label=text("next_cycle_actions", lang, cycle=first, next=first + 1), sentence=carried)]
    if len(running):
        rows.append(finding("actions_running", sentence=text(
            "pdca_cycle_running", lang, cycle=first, items=_join([named(r) for r in running.itertuples()], lang))))
    return rows


# ------------------------------------------------------------------------------ findings
def _ewma_rows(ewma: pd.DataFrame, *, kpi: str, direction: str | None, date: str, digits: int,
               lang: str) -> list[dict]:
    after = ewma[ewma["phase"] == "II"]
    name = _kpi_name(kpi, lang)
    flagged = after[after["rule"].notna()]
    if flagged.empty:
        said = text("pdca_ewma_quiet", lang, n=len(after), center=_num(after["center"].iloc[0], digits))
        first_week = None
    else:
        first = flagged.iloc[0]
        first_week = int(first["point"]) - int(after["point"].iloc[0]) + 1
        above = float(first["stat"]) > float(first["center"])
        if direction is None:
            side = text("pdca_ewma_above" if above else "pdca_ewma_below", lang)
        else:
            side = text("pdca_ewma_better" if above == (direction == "higher") else "pdca_ewma_worse", lang)
        said = text("pdca_ewma_signal", lang, n=len(after), k=len(flagged), week=first_week,
                    label=f"{pd.Timestamp(first['label']):%Y-%m-%d}", ewma=_num(first["stat"], digits),
                    center=_num(first["center"], digits), side=side)
    return [finding(f"{kpi}_ewma_first_signal", first_week, label=text("pdca_ewma_label", lang, kpi=name, date=date),
                    sentence=said)]


def findings(*, status: pd.DataFrame | None = None, progress: pd.DataFrame | None = None,
             shift: pd.DataFrame | None = None, test: pd.DataFrame | None = None,
             staged: pd.DataFrame | None = None, ewma: pd.DataFrame | None = None,
             effects: pd.DataFrame | None = None,
             cycle: pd.DataFrame | None = None, register: pd.DataFrame | None = None, kpi: str | None = None, direction: str | None = None,
             split: Any = None, soon_days: int = 7, lang: str = "zh", alpha: float = 0.05,
             run_length: int = 8, digits: int = 1) -> pd.DataFrame:
    """Headline figures and conclusion sentences of notebook 04, from the tables of :mod:`sqmkit.pdca`.

    Each table is optional; the rows of the tables given come back, in the order below. Nothing is
    re-analysed: the verdicts (sustained? significant? which way?) are read off the tables with the
    thresholds below.

    Parameters
    ----------
    status : DataFrame, optional
        :func:`sqmkit.pdca.action_status` output.
    progress : DataFrame, optional
        :func:`sqmkit.pdca.action_progress` output.
    shift : DataFrame, optional
        :func:`sqmkit.pdca.phase_shift` output of the phase-split chart of ``kpi``.
    test : DataFrame, optional
        :func:`sqmkit.pdca.kpi_before_after` output for ``kpi``.
    staged : DataFrame, optional
        :func:`sqmkit.pdca.split_chart` output in mode ``staged``.
    ewma : DataFrame, optional
        :func:`sqmkit.pdca.split_chart` output in mode ``ewma``. Key ``{kpi}_ewma_first_signal``: the
        period after the split (1 = the first) whose EWMA first crosses a limit, on the better or worse
        side, or None and a sentence that no period does.
    effects : DataFrame, optional
        :func:`sqmkit.pdca.effect_check` output.
    cycle : DataFrame, optional
        :func:`sqmkit.pdca.next_cycle` output.
    register : DataFrame, optional
        :func:`sqmkit.pdca.action_status` output used only to name the actions and their days overdue in
        the ``effects`` sentences (gives no rows of its own).
    kpi : str, optional
        The KPI of ``shift``, ``test`` and ``staged`` (its key prefixes their rows); needed with them.
    direction : {"lower", "higher"} or None
        Which way is better for ``kpi``; None: changes are described, never judged better or worse.
    split : date-like, optional
        The intervention date (named in the sentences and labels).
    soon_days : int, default 7
        The horizon of ``due_soon`` used for ``status`` (named in the label).
    lang : {"zh", "en"}, default "zh"
        Language of labels and sentences.
    alpha : float, default 0.05
        Significance level of the before/after test; use the one given to ``kpi_before_after`` (its
        confidence interval is at 1 − ``alpha``).
    run_length : int, default 8
        A run of this many consecutive later periods on one side of the old centre line is a
        sustained shift (the Western Electric run rule of eight).
    digits : int, default 1
        Decimals of the KPI figures in sentences and headline values.

    Returns
    -------
    DataFrame
        :func:`sqmkit.findings.findings_table` rows. Keys and what their sentences say:

        - ``status``: ``actions_total``; ``actions_overdue`` (N of M overdue at as_of, with the list
          most days late first, or none); ``actions_overdue_ids``; ``actions_due_soon`` (how many and
          which are due within ``soon_days``, or none); ``actions_no_due`` (no value: unfinished actions
          without a due date, which can never be overdue — only when there are some).
        - ``progress``: ``actions_done_pct`` (done / (total − cancelled), blocked count).
        - ``shift``: ``{kpi}_center_before``, ``{kpi}_mean_after``, ``{kpi}_change`` (after − before,
          signed); with a direction ``{kpi}_pct_beyond_after`` (later points beyond the old limit on
          the better side, %), ``{kpi}_pct_beyond_worse_after`` (the worse side, %) and
          ``{kpi}_shift_sustained`` (True only for a run of ``run_length`` on the better side and none on
          the worse side). Its sentence gives the old centre line and limits, the mean after with the
          change, both sides' counts and runs, and one verdict: sustained shift in the better direction;
          in the worse direction (the KPI got worse); runs on both sides; no evidence of a sustained
          shift. Without a direction: above/below counts and "shifted upwards/downwards, which way is
          better is not known".
        - ``test``: ``{kpi}_p_welch`` (its label says whether the KPI rose or fell) and
          ``{kpi}_p_mannwhitney`` (exact or normal approximation, named). The sentence gives the size of
          the change (absolute and % of the before mean), the CI, both p values and the rank-biserial r,
          then: significant improvement; significant deterioration; significant change of unknown
          direction; or no evidence of change at ``alpha``. Fewer than 2 periods on a side, or no
          variation at all: ``{kpi}_test`` (no value) says why there is no test.
        - ``staged``: ``{kpi}_new_center`` (new centre line and limits; no signal: the new level holds;
          signals: how many, how many on the worse side, which periods) and ``{kpi}_new_signals``.
        - ``effects``: ``effective_actions`` (finished actions — status done — with a significant
          improvement that met the target; never an unfinished or overdue one); ``actions_short``
          (improved, target missed), ``actions_no_change``, ``actions_worse`` (finished actions whose KPI
          did not move, or moved the wrong way), ``actions_early`` (unfinished actions with data: an
          early reading only, overdue days named), ``actions_unchecked`` (no KPI, no data or too few
          periods), each only when it has actions, each action with its change and p; and
          ``disputed_actions`` (recorded effectiveness the data do not support, or "agrees").
        - ``cycle``: ``standardised_actions`` and ``next_cycle_actions`` of the first cycle in the table
          (with the standardisation record, or a request to write one); ``actions_running`` (no value:
          actions of that cycle still running).

    Examples
    --------
    >>> from sqmkit import pdca
    >>> reg = pd.DataFrame({"action_id": ["A1", "A2"], "action": ["Routing", "Rota"], "status": ["open", "done"],
    ...                     "due": ["2025-12-18", "2025-12-01"], "done_date": [None, "2025-11-30"]})
    >>> status = pdca.action_status(reg, as_of="2025-12-20")
    >>> table = findings(status=status, lang="en")
    >>> table.loc[table["key"] == "actions_overdue", "sentence"].iloc[0]
    'At 2025-12-20, 1 of 2 actions are overdue: A1 Routing ((blank), 2 days late). Overdue actions need a new date or help from their sponsor, not silence.'
    """
    check_lang(lang)
    if direction is not None:
        check_choice("direction", direction, ["lower", "higher"])
    if not (0 < alpha < 1):
        raise DataValidationError(message("pdca_bad_alpha", value=alpha))
    if not isinstance(run_length, (int, np.integer)) or run_length < 1:
        raise DataValidationError(message("pdca_bad_run_length", value=run_length))
    if kpi is None and any(t is not None for t in (shift, test, staged, ewma)):
        raise DataValidationError(message("pdca_kpi_needed"))
    date = "" if split is None or (not isinstance(split, str) and pd.isna(split)) else f"{pd.Timestamp(split):%Y-%m-%d}"
    rows: list[dict] = []
    if status is not None:
        rows += _status_rows(status, soon_days=soon_days, lang=lang)
    if progress is not None:
        rows += _progress_rows(progress, lang=lang)
    if shift is not None:
        rows += _shift_rows(shift, kpi=kpi, direction=direction, date=date, run_length=int(run_length),
                            digits=digits, lang=lang)
    if test is not None:
        rows += _test_rows(test, kpi=kpi, direction=direction, alpha=alpha, digits=digits, lang=lang)
    if staged is not None:
        rows += _staged_rows(staged, kpi=kpi, direction=direction, date=date, digits=digits, lang=lang)
    if ewma is not None:
        rows += _ewma_rows(ewma, kpi=kpi, direction=direction, date=date, digits=digits, lang=lang)
    if effects is not None:
        rows += _effect_rows(effects, register, digits=digits, lang=lang)
    if cycle is not None:
        rows += _cycle_rows(cycle, lang=lang)
    return findings_table(rows)

