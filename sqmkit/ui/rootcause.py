"""Workshop widgets for the root-cause step: add causes to the fishbone and steps to 5-Why chains.

The edit functions (:func:`add_cause`, :func:`add_why_step`) are pure: they take a table and
return a new, validated one. The editors wrap them in ipywidgets, redraw the chart after each
edit and save back to the workbook with :func:`sqmkit.ui.save_table` (atomic, with a backup).
In batch runs (``interactive=False``) the editors only draw the static chart.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pandas as pd

from sqmkit.exceptions import DataValidationError
from sqmkit.rootcause import fishbone_table, preset_categories, why_chains
from sqmkit.ui._base import is_live, save_table

__all__ = ["add_cause", "add_why_step", "fishbone_editor", "why_editor"]

_CAUSE_COLUMNS = ["problem_id", "cause_id", "category", "cause", "parent_id", "votes", "verified", "evidence"]
_WHY_COLUMNS = ["problem_id", "chain_id", "step", "why", "because", "evidence", "root_cause", "cause_id"]


def _next_id(existing: pd.Series, default_prefix: str) -> str:
    ids = [str(v) for v in existing.dropna()]
    parsed = [m.groups() for v in ids for m in [re.fullmatch(r"([A-Za-z_\-]*)(\d+)", v.strip())] if m]
    if not parsed:
        return f"{default_prefix}01"
    prefix = Counter(p for p, _ in parsed).most_common(1)[0][0]
    nums = [int(n) for p, n in parsed if p == prefix]
    width = max(len(n) for p, n in parsed if p == prefix)
    return f"{prefix}{max(nums) + 1:0{width}d}"


def _blank(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or (isinstance(value, str) and not value.strip())


def add_cause(causes: pd.DataFrame | None, *, cause: str, category: str | None = None,
              parent_id: str | None = None, problem_id: str | None = None, votes: float = 0,
              verified: bool = False, evidence: str | None = None, cause_id: str | None = None) -> pd.DataFrame:
    """Return ``causes`` with one cause added (validated as the fishbone model).

    Parameters
    ----------
    causes : DataFrame or None
        The current ``causes`` table (None or empty: start a new one).
    cause : str
        The cause text.
    category : str, optional
        The bone; may be blank for a sub-cause (it inherits the parent's category).
    parent_id : str, optional
        The parent cause, for a sub-cause (at most three levels).
    problem_id : str, optional
        Defaults to the parent's problem, else to the table's only problem.
    votes, verified, evidence : the cause's votes, verified flag and evidence.
    cause_id : str, optional
        Defaults to the next id in the table's numbering (F22 → F23).

    Raises
    ------
    DataValidationError
        Blank cause text, a parent that does not exist, a fourth level, a duplicate id (the
        message comes from :func:`sqmkit.rootcause.fishbone_table`).

    Examples
    --------
    >>> t = add_cause(None, cause="新员工多", category="人", problem_id="PR01")
    >>> add_cause(t, cause="培训不足", parent_id="K01")[["cause_id", "category", "parent_id"]].values.tolist()
    [['K01', '人', None], ['K02', '人', 'K01']]
    """
    base = pd.DataFrame(columns=_CAUSE_COLUMNS) if causes is None else causes.copy()
    for col in _CAUSE_COLUMNS:
        if col not in base:
            base[col] = pd.NA
    base = base.astype({c: object for c in base.columns})
    if _blank(cause):
        raise DataValidationError("The new cause has no text; write what the cause is.", table="causes", column="cause")
    parent = None if _blank(parent_id) else str(parent_id).strip()
    if parent is not None:
        match = base[base["cause_id"].astype(str) == parent]
        if match.empty:
            raise DataValidationError(
                f"Table 'causes', column 'parent_id': the parent {parent!r} is not a cause_id of the table "
                f"(it has {sorted(map(str, base['cause_id'].dropna()))[:10]}); pick an existing cause or leave it blank.",
                table="causes", column="parent_id")
        if _blank(category):  # inherit the parent's (possibly itself inherited) category
            model = fishbone_table(base, preset=None)
            category = model.loc[model["cause_id"] == parent, "category"].iloc[0]
        if _blank(problem_id):
            problem_id = match.iloc[0]["problem_id"]
    if _blank(category):
        raise DataValidationError("The new main cause has no category; pick a bone such as 人 机 料 法 环 测.",
                                  table="causes", column="category")
    if _blank(problem_id):
        known = list(pd.unique(base["problem_id"].dropna()))
        problem_id = known[0] if len(known) == 1 else pd.NA
    new_id = str(cause_id).strip() if not _blank(cause_id) else _next_id(base["cause_id"], "K")
    row = {"problem_id": problem_id, "cause_id": new_id, "category": str(category).strip(),
           "cause": str(cause).strip(), "parent_id": parent, "votes": float(votes),
           "verified": bool(verified), "evidence": None if _blank(evidence) else str(evidence).strip()}
    out = pd.concat([base, pd.DataFrame([row], columns=base.columns).astype(object)], ignore_index=True)
    fishbone_table(out, preset=None)  # validates; raises DataValidationError naming rows
    return out


def add_why_step(whys: pd.DataFrame | None, *, chain_id: str, because: str, why: str | None = None,
                 evidence: str | None = None, root_cause: bool = False, cause_id: str | None = None,
                 problem_id: str | None = None, causes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return ``whys`` with the next step of chain ``chain_id`` added (a new chain starts at step 1).

    ``why`` defaults to "为什么<previous answer>？". Flag ``root_cause`` on the last step; a chain
    already ended by a root cause cannot grow (remove the flag first).

    Examples
    --------
    >>> w = add_why_step(None, chain_id="C1", why="为什么等待长？", because="排队长", problem_id="PR01")
    >>> add_why_step(w, chain_id="C1", because="人手不足")[["step", "why"]].values.tolist()
    [[1, '为什么等待长？'], [2, '为什么排队长？']]
    """
    base = pd.DataFrame(columns=_WHY_COLUMNS) if whys is None else whys.copy()
    for col in _WHY_COLUMNS:
        if col not in base:
            base[col] = pd.NA
    base = base.astype({c: object for c in base.columns})
    if _blank(chain_id) or _blank(because):
        raise DataValidationError("A why-step needs a chain_id and an answer (`because`).", table="whys",
                                  column="because" if not _blank(chain_id) else "chain_id")
    chain = base[base["chain_id"].astype(str) == str(chain_id)]
    steps = pd.to_numeric(chain["step"], errors="coerce")
    if len(chain):
        last = chain.loc[steps.idxmax()]
        flag = str(last["root_cause"]).strip().lower() in {"true", "1", "1.0", "yes", "是"}
        if flag:
            raise DataValidationError(
                f"Table 'whys': chain {chain_id!r} already ends at a root cause (step {int(steps.max())}); "
                "clear its root_cause flag before adding a step.", table="whys", column="root_cause")
        if _blank(why):
            why = f"为什么{last['because']}？"
        if _blank(problem_id):
            problem_id = last["problem_id"]
    if _blank(why):
        raise DataValidationError(f"The first step of chain {chain_id!r} needs its question (`why`).",
                                  table="whys", column="why")
    row = {"problem_id": problem_id, "chain_id": str(chain_id), "step": int(steps.max()) + 1 if len(chain) else 1,
           "why": str(why).strip(), "because": str(because).strip(),
           "evidence": None if _blank(evidence) else str(evidence).strip(), "root_cause": bool(root_cause),
           "cause_id": None if _blank(cause_id) else str(cause_id).strip()}
    out = pd.concat([base, pd.DataFrame([row], columns=base.columns).astype(object)], ignore_index=True)
    why_chains(out, causes)  # validates
    return out


def fishbone_editor(wb: Any, *, problem_id: str, effect: str | None = None, preset: str = "6m",
                    lang: str = "zh", interactive: bool = True):
    """Live fishbone editor: category, parent and text of a new cause; redraw; save to the workbook.

    Parameters
    ----------
    wb : sqmkit.io.Workbook
        The loaded workbook (its ``causes`` table may be missing: the editor starts empty).
    problem_id : str
        The problem whose fishbone is edited.
    effect : str, optional
        Problem statement at the head (default: the ``problems`` table's statement, else the id).

    Returns
    -------
    ipywidgets.VBox when live, else the Axes of the static fishbone chart.
    """
    from sqmkit.plots.rootcause import fishbone_chart

    state = {"causes": wb.get("causes")}
    if effect is None:
        problems = wb.get("problems")
        hit = problems[problems["problem_id"] == problem_id] if problems is not None else None
        effect = str(hit.iloc[0]["statement"]) if hit is not None and len(hit) else str(problem_id)

    def draw(ax=None):
        table = state["causes"]
        if table is None or table.empty or not (table["problem_id"].astype(str) == str(problem_id)).any():
            model = fishbone_table(pd.DataFrame(columns=["cause_id", "category", "cause"]), preset=preset, lang=lang)
        else:
            model = fishbone_table(table, problem_id=problem_id, preset=preset, lang=lang)
        return fishbone_chart(model, effect=effect, categories=preset_categories(preset, lang), lang=lang, ax=ax)

    if not is_live(interactive):
        return draw()
    import ipywidgets as w
    import matplotlib.pyplot as plt
    from IPython.display import display

    out, msg = w.Output(), w.HTML()

    def parents() -> list[tuple[str, Any]]:
        t = state["causes"]
        opts: list[tuple[str, Any]] = [("—", None)]
        if t is not None:
            opts += [(f"{r.cause_id} {r.cause}", str(r.cause_id)) for r in t.itertuples()
                     if str(r.problem_id) == str(problem_id)]
        return opts

    category = w.Combobox(options=preset_categories(preset, lang), placeholder="人 / 机 / …", description="类别" if lang == "zh" else "Category")
    parent = w.Dropdown(options=parents(), description="上级" if lang == "zh" else "Parent")
    text = w.Text(description="原因" if lang == "zh" else "Cause")
    add, save = w.Button(description="添加" if lang == "zh" else "Add"), w.Button(description="保存" if lang == "zh" else "Save")

    def redraw() -> None:
        with out:
            out.clear_output(wait=True)
            ax = draw()
            display(ax.figure)
            plt.close(ax.figure)

    def on_add(_):
        try:
            state["causes"] = add_cause(state["causes"], cause=text.value, category=category.value or None,
                                        parent_id=parent.value, problem_id=problem_id)
            text.value, parent.options = "", parents()
            msg.value = ""
            redraw()
        except DataValidationError as err:
            msg.value = f"<span style='color:#c0392b'>{err}</span>"

    def on_save(_):
        path = save_table(wb.path, "causes", state["causes"])
        msg.value = f"saved {path}"

    add.on_click(on_add)
    save.on_click(on_save)
    redraw()
    return w.VBox([w.HBox([category, parent]), w.HBox([text, add, save]), msg, out])


def why_editor(wb: Any, *, problem_id: str, lang: str = "zh", interactive: bool = True):
    """Live 5-Why editor: add a step to a chain (or start one), redraw the chains, save to the workbook.

    Returns ipywidgets.VBox when live, else the Axes of the static chain chart (None without chains).
    """
    from sqmkit.plots.rootcause import why_chain_chart

    state = {"whys": wb.get("whys")}

    def draw():
        t = state["whys"]
        if t is None or t.empty:
            return None
        t = t[t["problem_id"].astype(str) == str(problem_id)] if "problem_id" in t else t
        return why_chain_chart(why_chains(t, wb.get("causes")), lang=lang) if len(t) else None

    if not is_live(interactive):
        return draw()
    import ipywidgets as w
    import matplotlib.pyplot as plt
    from IPython.display import display

    out, msg = w.Output(), w.HTML()
    zh = lang == "zh"
    chain = w.Text(description="链" if zh else "Chain", value="C1")
    why = w.Text(description="为什么" if zh else "Why", placeholder="(blank = why + previous answer)")
    because = w.Text(description="因为" if zh else "Because")
    evidence = w.Text(description="证据" if zh else "Evidence")
    cause_id = w.Text(description="原因ID" if zh else "Cause id")
    root = w.Checkbox(description="根因" if zh else "Root cause")
    add, save = w.Button(description="添加" if zh else "Add"), w.Button(description="保存" if zh else "Save")

    def redraw() -> None:
        with out:
            out.clear_output(wait=True)
            ax = draw()
            if ax is not None:
                display(ax.figure)
                plt.close(ax.figure)

    def on_add(_):
        try:
            state["whys"] = add_why_step(state["whys"], chain_id=chain.value, why=why.value or None,
                                         because=because.value, evidence=evidence.value or None,
                                         root_cause=root.value, cause_id=cause_id.value or None,
                                         problem_id=problem_id, causes=wb.get("causes"))
            why.value = because.value = evidence.value = cause_id.value = ""
            root.value, msg.value = False, ""
            redraw()
        except DataValidationError as err:
            msg.value = f"<span style='color:#c0392b'>{err}</span>"

    def on_save(_):
        msg.value = f"saved {save_table(wb.path, 'whys', state['whys'])}"

    add.on_click(on_add)
    save.on_click(on_save)
    redraw()
    return w.VBox([w.HBox([chain, why]), w.HBox([because, evidence]), w.HBox([cause_id, root, add, save]), msg, out])
