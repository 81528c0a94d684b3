"""Root-cause analysis: Pareto tables, the fishbone model, 5-Why chains, cause priorities, countermeasures.

The method of a root-cause workshop, step by step:

1. locate the problem: :func:`pareto_table` finds the *vital few* complaint categories,
   :func:`pareto_compare` shows whether they shrank after a change;
2. collect causes on a fishbone: :func:`fishbone_table` (from :mod:`sqmkit.rootcause.fishbone`) validates the
   ``causes`` table (6M or service preset, three levels, votes, verified flags);
3. drill to the root: :func:`why_chains` validates the ``whys`` table, :func:`why_checklist` flags
   chains that stop at a symptom;
4. decide: :func:`prioritise_causes` ranks causes, :func:`countermeasures` turns verified root
   causes into rows of the ``actions`` table, :func:`action_coverage` shows which root causes the
   action register already addresses.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from sqmkit._checks import argument_error, check_lang, choice_error, require_columns
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import message, text
from sqmkit.rootcause._common import Problems, clean_ids, clean_texts, flag_values, number_values, optional_ids, row_list
from sqmkit.rootcause.fishbone import fishbone_table

__all__ = ["pick_problem", "problem_header", "why_chains", "why_checklist", "prioritise_causes",
           "countermeasures", "action_coverage", "ACTION_COLUMNS", "EVIDENCE_WEIGHTS", "SECTIONS",
           "section_status"]

#: Columns of the workbook's ``actions`` table (DESIGN §3), in order.
ACTION_COLUMNS = ["action_id", "problem_id", "cause_id", "action", "owner", "phase", "status", "start",
                  "due", "done_date", "kpi", "baseline", "target", "actual", "direction", "effectiveness",
                  "cycle", "standardized"]
#: Default evidence weights of :func:`prioritise_causes`.
EVIDENCE_WEIGHTS = {"verified": 3.0, "evidence": 2.0, "none": 1.0}


def pick_problem(problems: pd.DataFrame | None, causes: pd.DataFrame | None = None, *,
                 problem_id: str | None = "", whys: pd.DataFrame | None = None) -> pd.DataFrame:
    """The problem under study as a one-row table: problem_id, statement, kpi, baseline, target, category, picked.

    ``problem_id`` blank: the first problem of ``problems`` that has causes (or 5-Why chains) — the
    one the workshop worked on —, else the first problem of ``problems``; without a ``problems``
    table the first ``problem_id`` of ``causes``, then of ``whys``, and the statement is the id
    itself. No problem anywhere: ``problem_id`` NA and statement "".

    ``category`` is the complaint category the problem addresses, from an optional ``category`` column
    of ``problems`` (NA without one); :func:`sqmkit.rootcause.findings` compares it with the Pareto's
    largest category. ``picked`` says why this problem: ``"parameter"`` (``problem_id`` given),
    ``"worked"`` (the first problem with causes or chains), ``"first"`` (the first of ``problems``),
    ``"causes"`` (taken from the causes or whys table), ``""`` (no problem).

    Examples
    --------
    >>> pick_problem(pd.DataFrame({"problem_id": ["PR01"], "statement": ["首次响应太慢"]}))["statement"].item()
    '首次响应太慢'
    >>> two = pd.DataFrame({"problem_id": ["PR01", "PR02"], "statement": ["a", "b"]})
    >>> pick_problem(two, pd.DataFrame({"problem_id": ["PR02"]}))["problem_id"].item()
    'PR02'
    """
    cols = ["problem_id", "statement", "kpi", "baseline", "target", "category", "picked"]
    table = problems if problems is not None and len(problems) else None
    worked: list[Any] = []
    for frame in (causes, whys):
        if frame is not None and "problem_id" in frame:
            worked += [v for v in clean_ids(frame["problem_id"]).dropna() if v not in worked]
    if table is not None:
        require_columns(table, ["problem_id", "statement"], table="problems")
        ids = clean_ids(table["problem_id"])
        studied = [v for v in ids.dropna() if v in worked]
        pid = str(problem_id).strip() if problem_id else (studied or ids.dropna().tolist())[0]
        hit = table[ids == pid]
        if hit.empty:
            raise DataValidationError(
                message("rc_err_no_problem", problem_id=repr(pid), known=ids.dropna().tolist()[:10]),
                table="problems", column="problem_id")
        row = {c: hit.iloc[0][c] if c in hit else pd.NA for c in cols}
        row["problem_id"] = pid
        row["category"] = clean_ids(hit["category"]).iloc[0] if "category" in hit else pd.NA
        row["picked"] = "parameter" if problem_id else "worked" if studied else "first"
        return pd.DataFrame([row], columns=cols)
    pid = str(problem_id).strip() if problem_id else (worked[0] if worked else "")
    picked = "parameter" if problem_id else "causes" if pid else ""
    return pd.DataFrame([{"problem_id": pid or pd.NA, "statement": pid, "kpi": pd.NA, "baseline": np.nan,
                          "target": np.nan, "category": pd.NA, "picked": picked}], columns=cols)


def problem_header(problem: Any, *, client: Any = "", title: Any = "", lang: str = "zh") -> str:
    """The line above notebook 03: client · title · the problem under study (Markdown, data shown as text).

    ``problem`` is :func:`pick_problem` (a one-row table or its row); without a problem the line is the
    note that the workbook names none.

    >>> problem_header(pick_problem(pd.DataFrame({"problem_id": ["PR01"], "statement": ["慢"]})), client="A", lang="en")
    '**A** ·  · problem under study: **PR01 慢**'
    """
    from sqmkit.safehtml import md_text

    check_lang(lang)
    row = problem.iloc[0] if isinstance(problem, pd.DataFrame) else problem
    pid = row.get("problem_id") if row is not None else None
    if pid is None or pd.isna(pid) or str(pid) == "":
        return _quote("rc_no_problem", lang)
    shown = {k: "" if v is None or pd.isna(v) else md_text(v) for k, v in
             {"client": client, "title": title, "problem_id": pid, "statement": row.get("statement")}.items()}
    return text("rc_problem_header", lang, **shown)


# ---------------------------------------------------------------------------------------------
# 5-Why

_WHY_COLUMNS = ["problem_id", "chain_id", "step", "why", "because", "evidence", "root_cause", "cause_id",
                "n_steps", "is_root"]


def why_chains(whys: pd.DataFrame, causes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Validate the ``whys`` table and return the 5-Why chains, one row per step in step order.

    Parameters
    ----------
    whys : DataFrame
        The workbook's ``whys`` table: ``chain_id``, ``step`` (1, 2, …), ``why`` (the question) and
        ``because`` (the answer) required; ``problem_id``, ``evidence``, ``root_cause`` (flag) and
        ``cause_id`` (link to the fishbone) optional.
    causes : DataFrame, optional
        The ``causes`` table; when given, every non-blank ``cause_id`` must exist in it.

    Returns
    -------
    DataFrame
        Columns problem_id, chain_id, step, why, because, evidence, root_cause, cause_id, n_steps
        (steps in the chain), is_root (the last step, when it is flagged as root cause or the table
        has no ``root_cause`` column).

    Raises
    ------
    DataValidationError
        Collecting every problem: steps that are not whole numbers ≥ 1; a chain whose steps are not
        1…n (a gap or a repeated step, naming the chain, the steps and the rows); a ``root_cause``
        flag on a step that is not the chain's last (the root cause ends the chain); a ``cause_id``
        that is not in ``causes``; a blank ``because``.

    Notes
    -----
    Rows may come in any order; the chain is read in step order. A chain whose last step is not
    flagged as root cause is an open chain: it is kept (a workshop may be half-way through it) and
    :func:`why_checklist` flags it.

    References
    ----------
    Ohno, T. (1988). *Toyota Production System: Beyond Large-Scale Production*. Productivity Press
    (asking "why" five times).
    """
    table = "whys"
    require_columns(whys, ["chain_id", "step", "why", "because"], table=table)
    df = whys.copy()
    df["chain_id"] = clean_ids(df["chain_id"])
    df["problem_id"] = optional_ids(df, "problem_id")
    df["cause_id"] = optional_ids(df, "cause_id")
    has_flag = "root_cause" in df
    df["root_cause"] = flag_values(df["root_cause"], table=table, column="root_cause") if has_flag else False
    for col in ("why", "because", "evidence"):
        src = df[col] if col in df else pd.Series(pd.NA, index=df.index)
        df[col] = clean_texts(src)
    found = Problems(whys, table=table)

    blank = df.index[df["chain_id"].isna()]
    if len(blank):
        found.add(message("rc_err_chain_blank", rows=row_list(blank)), "chain_id", blank)
    step = pd.to_numeric(df["step"], errors="coerce")
    bad_step = df.index[step.isna() | (step < 1) | (step.fillna(0) % 1 != 0)]
    if len(bad_step):
        found.add(message("rc_err_step", rows=row_list(bad_step), values=df.loc[bad_step, "step"].tolist()[:5]),
                "step", bad_step)
    no_answer = df.index[df["because"].isna()]
    if len(no_answer):
        found.add(message("rc_err_because_blank", rows=row_list(no_answer)), "because", no_answer)
    df["step"] = step
    ok = df["chain_id"].notna() & ~df.index.isin(bad_step)
    for cid, grp in df[ok].groupby("chain_id", sort=False):
        steps = grp["step"].astype(int)
        dups = grp.index[steps.duplicated(keep=False)]
        if len(dups):
            found.add(message("rc_err_step_repeat", chain=repr(cid), steps=sorted(set(steps[steps.duplicated()])),
                            rows=row_list(dups)), "step", dups)
            continue
        expected = list(range(1, len(steps) + 1))
        if sorted(steps) != expected:
            missing = sorted(set(range(1, int(steps.max()) + 1)) - set(steps))
            found.add(message("rc_err_step_gap", chain=repr(cid), steps=sorted(steps), missing=missing,
                            rows=row_list(grp.index), n=len(steps)), "step", grp.index)
            continue
        last = steps.idxmax()
        early_root = [i for i in grp.index[grp["root_cause"].to_numpy(dtype=bool)] if i != last]
        if early_root:
            found.add(message("rc_err_early_root", chain=repr(cid), steps=[int(df.at[i, "step"]) for i in early_root],
                            rows=row_list(early_root), last=int(steps.max())), "root_cause", early_root)
    if causes is not None:
        require_columns(causes, ["cause_id"], table="causes")
        known = set(clean_ids(causes["cause_id"]).dropna())
        unknown = df.index[df["cause_id"].notna() & ~df["cause_id"].isin(known)]
        if len(unknown):
            found.add(message("rc_err_unknown_cause", rows=row_list(unknown),
                            ids=df.loc[unknown, "cause_id"].tolist()[:5]), "cause_id", unknown)
    found.raise_all()
    if len(df) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in _WHY_COLUMNS})
    df["step"] = df["step"].astype(int)
    order = {c: i for i, c in enumerate(pd.unique(df["chain_id"]))}
    df = df.sort_values(["chain_id", "step"], key=lambda s: s.map(order) if s.name == "chain_id" else s,
                        kind="stable")
    df["n_steps"] = df.groupby("chain_id")["step"].transform("max").astype(int)
    last = df["step"] == df["n_steps"]
    df["is_root"] = (last & (df["root_cause"] if has_flag else True)).astype(bool)
    df["root_cause"] = df["root_cause"].astype(bool)
    return df[_WHY_COLUMNS].reset_index(drop=True)


_CHECKS = ("no_root", "few_steps", "no_evidence", "not_linked", "not_verified")


def why_checklist(chains: pd.DataFrame, causes: pd.DataFrame | None = None, *, min_steps: int = 3,
                  lang: str = "zh") -> pd.DataFrame:
    """Facilitator's check list: one row per 5-Why chain, flagging chains that may stop at a symptom.

    Parameters
    ----------
    chains : DataFrame
        The output of :func:`why_chains` (or the raw ``whys`` table, validated here).
    causes : DataFrame, optional
        The ``causes`` table, to look up whether the linked cause is verified.
    min_steps : int
        Chains shorter than this are flagged (default 3).
    lang : {"zh", "en"}
        Language of the ``note`` column.

    Returns
    -------
    DataFrame
        problem_id, chain_id, n_steps, root (text of the last answer), cause_id, steps_without_evidence,
        no_root, few_steps, no_evidence, not_linked, not_verified (flags), flagged (any flag), note.

    Notes
    -----
    ``not_verified`` is true when the root's linked cause is not verified in ``causes``, or when
    no ``causes`` table is given and the chain has no link to check. A chain that passes every check
    still deserves the facilitator's question: "if we remove this cause, does the problem stop?"

    References
    ----------
    Card, A. J. (2017). The problem with '5 whys'. *BMJ Quality & Safety* 26, 671–677 (why chains
    stop at symptoms without evidence).
    """
    check_lang(lang)
    if not isinstance(min_steps, (int, np.integer)) or min_steps < 1:
        raise argument_error("min_steps", min_steps, "must_whole_at_least", low=1)
    if "is_root" not in chains.columns:
        chains = why_chains(chains, causes)
    verified: dict[str, bool] = {}
    if causes is not None:
        ids = clean_ids(causes["cause_id"])
        flags = (flag_values(causes["verified"], table="causes", column="verified") if "verified" in causes
                 else pd.Series(False, index=causes.index))
        verified = dict(zip(ids, flags))
    rows = []
    for cid, grp in chains.groupby("chain_id", sort=False):
        last = grp.iloc[-1]
        no_ev = int(grp["evidence"].isna().sum())
        link = last["cause_id"]
        row = {
            "problem_id": last["problem_id"], "chain_id": cid, "n_steps": int(len(grp)),
            "root": last["because"], "cause_id": link, "steps_without_evidence": no_ev,
            "no_root": not bool(last["is_root"]), "few_steps": len(grp) < min_steps,
            "no_evidence": no_ev > 0, "not_linked": bool(pd.isna(link)),
            "not_verified": bool(pd.isna(link) or not verified.get(link, False)),
        }
        row["flagged"] = any(row[k] for k in _CHECKS)
        row["note"] = text("clause_sep", lang).join(
            text(f"rc_check_{k}", lang, min_steps=min_steps) for k in _CHECKS if row[k]) or text("rc_check_ok", lang)
        rows.append(row)
    cols = ["problem_id", "chain_id", "n_steps", "root", "cause_id", "steps_without_evidence", "no_root",
            "few_steps", "no_evidence", "not_linked", "not_verified", "flagged", "note"]
    return pd.DataFrame(rows, columns=cols)


# ---------------------------------------------------------------------------------------------
# prioritisation and countermeasures

def prioritise_causes(causes: pd.DataFrame, *, problem_id: str | None = None,
                      evidence_weights: Mapping[str, float] | None = None, impact: str | None = None,
                      effort: str | None = None, scale: tuple[float, float] = (1, 5)) -> pd.DataFrame:
    """Rank causes by votes × evidence weight, and place them on an impact/effort matrix if rated.

    Parameters
    ----------
    causes : DataFrame
        The ``causes`` table (validated with :func:`fishbone_table`).
    problem_id : str, optional
        Only this problem's causes.
    evidence_weights : dict, optional
        Weights for ``{"verified": 3, "evidence": 2, "none": 1}`` (the default): a verified cause,
        a cause with evidence written but not verified, a cause with neither.
    impact, effort : str, optional
        Columns rating each cause's impact on the problem and the effort to remove it, on
        ``scale``. Give both or neither.
    scale : (min, max)
        Rating scale of impact and effort; the matrix splits at its midpoint.

    Returns
    -------
    DataFrame
        problem_id, cause_id, category, bone, cause, level, votes, verified, evidence_level
        (verified / evidence / none), evidence_weight, score, rank; plus impact, effort, quadrant
        when rated. Sorted by rank.

    Notes
    -----
    ``score = votes × evidence_weight``. ``rank`` is the competition rank of ``score``
    (1 = highest; equal scores share a rank), ties listed in drawing order.
    Quadrants: impact ≥ midpoint and effort < midpoint → ``quick_win``; impact ≥ midpoint and
    effort ≥ midpoint → ``major_project``; impact < midpoint and effort < midpoint → ``fill_in``;
    else ``thankless``. Blank ratings give quadrant NA.

    References
    ----------
    Tague, N. R. (2005). *The Quality Toolbox*, 2nd ed. ASQ Quality Press (multivoting; the
    effective–achievable / impact–effort chart).
    """
    w = dict(EVIDENCE_WEIGHTS)
    if evidence_weights is not None:
        unknown = set(evidence_weights) - set(w)
        if unknown:
            raise choice_error("evidence_weights", sorted(unknown)[0], list(w))
        w.update({k: float(v) for k, v in evidence_weights.items()})
    if (impact is None) != (effort is None):
        raise DataValidationError(message("rc_err_impact_effort", impact=repr(impact), effort=repr(effort)))
    model = fishbone_table(causes, problem_id=problem_id, preset="6m")
    out = model[["problem_id", "cause_id", "category", "bone", "cause", "level", "votes", "verified"]].copy()
    level = np.where(model["verified"], "verified", np.where(model["evidence"].notna(), "evidence", "none"))
    out["evidence_level"] = level
    out["evidence_weight"] = out["evidence_level"].map(w).astype(float)
    out["score"] = out["votes"] * out["evidence_weight"]
    if impact is not None:
        require_columns(causes, [impact, effort], table="causes")
        src = causes.copy()
        src["cause_id"] = clean_ids(src["cause_id"])
        src = src.set_index("cause_id")
        mid = (float(scale[0]) + float(scale[1])) / 2.0
        for col in (impact, effort):
            vals = number_values(src[col], table="causes", column=col, default=np.nan)
            outside = vals.notna() & ((vals < scale[0]) | (vals > scale[1]))
            if outside.any():
                raise DataValidationError(
                    f"Table 'causes', column '{col}': causes {list(vals.index[outside])[:5]} hold "
                    f"{vals[outside].tolist()[:5]}, outside the scale {tuple(scale)}; rate on that scale "
                    "or pass `scale`.", table="causes", column=col)
            out["impact" if col == impact else "effort"] = out["cause_id"].map(vals).astype(float)
        hi_i, hi_e = out["impact"] >= mid, out["effort"] >= mid
        quad = np.select([hi_i & ~hi_e, hi_i & hi_e, ~hi_i & ~hi_e], ["quick_win", "major_project", "fill_in"],
                         "thankless").astype(object)
        quad[(out["impact"].isna() | out["effort"].isna()).to_numpy()] = pd.NA
        out["quadrant"] = quad
    out = out.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
    out.insert(out.columns.get_loc("score") + 1, "rank", out["score"].rank(method="min", ascending=False).astype(int))
    return out


def _next_ids(existing: Iterable[Any], n: int, prefix: str) -> list[str]:
    nums = [int(m.group(1)) for v in existing if isinstance(v, str)
            for m in [re.fullmatch(re.escape(prefix) + r"(\d+)", v.strip())] if m]
    start = max(nums, default=0) + 1
    return [f"{prefix}{i:02d}" for i in range(start, start + n)]


def countermeasures(causes: pd.DataFrame, *, problem_id: str | None = None, proposals: pd.DataFrame | None = None,
                    actions: pd.DataFrame | None = None, owner: str = "", start: Any = None, due_days: int = 30,
                    kpi: str | None = None, baseline: float | None = None, target: float | None = None,
                    direction: str | None = None, cycle: int = 1, id_prefix: str = "A",
                    lang: str = "zh") -> pd.DataFrame:
    """Turn verified root causes into countermeasure rows of the ``actions`` table (phase Plan, status open).

    Parameters
    ----------
    causes : DataFrame
        The ``causes`` table; every verified cause is a root cause to act on.
    problem_id : str, optional
        Only this problem's causes.
    proposals : DataFrame, optional
        The team's proposals: ``cause_id`` and ``action``, optionally ``owner``, ``start``, ``due``.
        A verified cause without a proposal gets a draft action text ("消除根因：…" / "Remove root
        cause: …") for the team to rewrite.
    actions : DataFrame, optional
        The existing action register: verified causes already addressed by an action (same
        ``cause_id``) get no new row, and new ``action_id`` values continue its numbering.
    owner : str
        Owner of actions whose proposal names none (default blank: assign in the workshop).
    start : date-like, optional
        Start date of the new actions; ``due = start + due_days`` unless the proposal gives one.
    kpi, baseline, target, direction : optional
        The KPI the actions should move (e.g. the problem's ``kpi``, ``baseline``, ``target``).
    cycle : int
        PDCA cycle number of the new actions.
    id_prefix : str
        Prefix of new action ids (``A`` → A04, A05 …).
    lang : {"zh", "en"}
        Language of draft action texts.

    Returns
    -------
    DataFrame
        Exactly the ``actions`` columns (:data:`ACTION_COLUMNS`), one row per verified root cause not
        yet addressed, ready to append to the register: ``pd.concat([actions, new])``.

    Notes
    -----
    One countermeasure per root cause is the rule of thumb of the 8D and QC-story methods; add
    more rows in the register when a cause needs several actions.

    References
    ----------
    Tague, N. R. (2005). *The Quality Toolbox*, 2nd ed. ASQ Quality Press (countermeasure matrix).
    """
    check_lang(lang)
    model = fishbone_table(causes, problem_id=problem_id, preset=None)
    roots = model[model["verified"]]
    addressed: set[str] = set()
    existing_ids: list[Any] = []
    if actions is not None:
        require_columns(actions, ["action_id", "cause_id"], table="actions")
        addressed = set(clean_ids(actions["cause_id"]).dropna())
        existing_ids = list(clean_ids(actions["action_id"]).dropna())
    roots = roots[~roots["cause_id"].isin(addressed)]
    prop: dict[str, dict[str, Any]] = {}
    if proposals is not None:
        require_columns(proposals, ["cause_id", "action"], table="proposals")
        pid = clean_ids(proposals["cause_id"])
        unknown = proposals.index[pid.notna() & ~pid.isin(set(model["cause_id"]))]
        if len(unknown):
            raise DataValidationError(
                f"Table 'proposals', column 'cause_id': rows {row_list(unknown)} name {pid[unknown].tolist()[:5]}, "
                "which are not cause_ids of the 'causes' table; fix the ids.", table="proposals", column="cause_id")
        for i, cid in pid.items():
            if pd.notna(cid):
                prop[cid] = proposals.loc[i].to_dict()
    start_ts = pd.Timestamp(start).normalize() if start is not None and not pd.isna(start) else pd.NaT
    ids = _next_ids(existing_ids, len(roots), id_prefix)
    rows = []
    for aid, (_, r) in zip(ids, roots.iterrows()):
        p = prop.get(r["cause_id"], {})
        action = p.get("action")
        if action is None or pd.isna(action) or not str(action).strip():
            action = text("rc_draft_action", lang, cause=r["cause"])
        s = pd.Timestamp(p["start"]).normalize() if pd.notna(p.get("start", np.nan)) else start_ts
        d = (pd.Timestamp(p["due"]).normalize() if pd.notna(p.get("due", np.nan))
             else (s + pd.Timedelta(days=int(due_days)) if pd.notna(s) else pd.NaT))
        who = p.get("owner")
        rows.append({
            "action_id": aid, "problem_id": r["problem_id"], "cause_id": r["cause_id"], "action": str(action),
            "owner": who if who is not None and pd.notna(who) else owner, "phase": "Plan", "status": "open",
            "start": s, "due": d, "done_date": pd.NaT, "kpi": kpi, "baseline": baseline, "target": target,
            "actual": np.nan, "direction": direction, "effectiveness": pd.NA, "cycle": int(cycle),
            "standardized": False,
        })
    out = pd.DataFrame(rows, columns=ACTION_COLUMNS)
    for col in ("start", "due", "done_date"):
        out[col] = pd.to_datetime(out[col])
    for col in ("baseline", "target", "actual"):
        out[col] = pd.to_numeric(out[col]).astype(float)
    return out


def action_coverage(causes: pd.DataFrame, actions: pd.DataFrame | None = None, *,
                    whys: pd.DataFrame | None = None, problem_id: str | None = None) -> pd.DataFrame:
    """Which root causes does the action register address? One row per root cause.

    Root causes are the verified causes plus the causes that a 5-Why chain's root links to.

    Returns
    -------
    DataFrame
        problem_id, cause_id, cause, verified, chain_ids (the 5-Why chains ending at it, comma
        separated), n_actions, action_ids (comma separated), covered (n_actions > 0).
    """
    model = fishbone_table(causes, problem_id=problem_id, preset=None)
    chain_of: dict[str, list[str]] = {}
    if whys is not None:
        chains = why_chains(whys, causes)
        for _, r in chains[chains["is_root"] & chains["cause_id"].notna()].iterrows():
            chain_of.setdefault(r["cause_id"], []).append(str(r["chain_id"]))
    roots = model[model["verified"] | model["cause_id"].isin(chain_of)]
    acts: dict[str, list[str]] = {}
    if actions is not None:
        require_columns(actions, ["action_id", "cause_id"], table="actions")
        for aid, cid in zip(clean_ids(actions["action_id"]), clean_ids(actions["cause_id"])):
            if pd.notna(cid):
                acts.setdefault(cid, []).append(str(aid))
    out = pd.DataFrame({
        "problem_id": roots["problem_id"].to_numpy(), "cause_id": roots["cause_id"].to_numpy(),
        "cause": roots["cause"].to_numpy(), "verified": roots["verified"].to_numpy(dtype=bool),
        "chain_ids": [", ".join(chain_of.get(c, [])) for c in roots["cause_id"]],
        "n_actions": [len(acts.get(c, [])) for c in roots["cause_id"]],
        "action_ids": [", ".join(acts.get(c, [])) for c in roots["cause_id"]],
    })
    out["covered"] = out["n_actions"] > 0
    return out


# ---------------------------------------------------------------------------------------------
# what the workbook supports (notebook 03)

#: Sections of notebook 03, in order; :func:`section_status` says for each whether the workbook supports it.
SECTIONS = ("problem", "pareto", "compare", "fishbone", "whys", "priorities", "countermeasures")


def _quote(key: str, lang: str, **fields: Any) -> str:
    return "> " + text(key, lang, **fields)


def section_status(tables: Mapping[str, pd.DataFrame], *, problem_id: Any = None, split: Any = None,
                   weight: str | None = None, lang: str = "zh") -> pd.DataFrame:
    """Which sections of notebook 03 the workbook supports for the problem under study.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        The loaded tables (``Workbook.tables``).
    problem_id : str, optional
        The problem under study (:func:`pick_problem`); NA when the workbook names none.
    split : date-like, optional
        The before/after split of the complaints.
    weight : str, optional
        The Pareto's weight column (:func:`pareto_options`); each period then needs a positive total.
    lang : {"zh", "en"}

    Returns
    -------
    DataFrame
        One row per section of :data:`SECTIONS`: ``section``, ``ok``, ``note`` (a Markdown quote from
        the glossary; "" when the section runs or its table is missing, which the notebook reports
        with :func:`sqmkit.io.missing_table_note`).

    Notes
    -----
    compare needs complaints on both sides of ``split``; fishbone, priorities and countermeasures
    need causes of the problem under study; whys its 5-Why chains; countermeasures says when no
    cause is verified and no chain reaches a root yet.
    """
    from sqmkit.safehtml import md_text  # the problem id is data: shown as text in the note

    check_lang(lang)
    complaints, causes, whys = tables.get("complaints"), tables.get("causes"), tables.get("whys")
    has_problem = problem_id is not None and not pd.isna(problem_id) and str(problem_id) != ""
    rows: dict[str, tuple[bool, str]] = {"problem": (has_problem, "" if has_problem else _quote("rc_no_problem", lang))}
    rows["pareto"] = (complaints is not None, "")
    if complaints is None:
        rows["compare"] = (False, "")
    elif split is None or pd.isna(split) or "date" not in complaints.columns:
        rows["compare"] = (False, _quote("rc_no_split", lang))
    else:
        cut = pd.Timestamp(split).normalize()
        dates = pd.to_datetime(complaints["date"], errors="coerce")
        counted = (number_values(complaints[weight], table="complaints", column=weight) > 0) if weight else True
        before, after = int(((dates < cut) & counted).sum()), int(((dates >= cut) & counted).sum())
        rows["compare"] = (min(before, after) > 0, "" if min(before, after) > 0 else
                           _quote("rc_split_empty", lang, before=before, after=after, date=f"{cut:%Y-%m-%d}"))

    def of_problem(frame: pd.DataFrame | None) -> pd.DataFrame | None:
        if frame is None or not has_problem or "problem_id" not in frame:
            return None
        return frame[clean_ids(frame["problem_id"]) == str(problem_id)]

    mine = of_problem(causes)
    if causes is None:
        cause_row = (False, "")
    elif mine is None or mine.empty:
        cause_row = (False, _quote("rc_no_causes_for", lang, problem=md_text(problem_id) if has_problem else "?"))
    else:
        cause_row = (True, "")
    rows["fishbone"] = rows["priorities"] = cause_row
    chains = of_problem(whys)
    if whys is None:
        rows["whys"] = (False, "")
    elif chains is None or chains.empty:
        rows["whys"] = (False, _quote("rc_no_whys_for", lang, problem=md_text(problem_id) if has_problem else "?"))
    else:
        rows["whys"] = (True, "")
    rows["countermeasures"] = cause_row
    if cause_row[0]:
        verified = flag_values(mine["verified"], table="causes", column="verified").any() if "verified" in mine else False
        rooted = chains is not None and not chains.empty and "cause_id" in chains and clean_ids(chains["cause_id"]).notna().any()
        if not (verified or rooted):
            rows["countermeasures"] = (True, _quote("rc_no_roots", lang))
    return pd.DataFrame([{"section": s, "ok": bool(rows[s][0]), "note": rows[s][1]} for s in SECTIONS])
