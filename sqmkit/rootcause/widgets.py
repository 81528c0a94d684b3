"""Workshop widgets for the root-cause step: add causes to the fishbone and steps to 5-Why chains.

The edit functions (:func:`add_problem`, :func:`add_cause`, :func:`add_why_step`) are pure: they
take a table (or None for a table not started yet) and return a new, validated one, keeping the
column types, row index and ``attrs`` of the table as read (so a save writes back only what changed).
The editors hold their table in a :class:`sqmkit.ui.TableEditor`: they start from the file as
it is on disk now, redraw the chart after each edit and save through :func:`sqmkit.io.write_table`;
a refused save (file changed on disk, bundled sample) is shown in the widget. In batch runs
(``interactive=False``) the editors only draw the static chart.

CSS classes (browser tests): ``sqmkit-fishbone-{note,problem-id,problem-statement,category,parent,cause,
add,save,reload,status,chart}`` and ``sqmkit-why-{note,chain,why,because,evidence,cause-id,root,add,save,
reload,status,chart}``.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pandas as pd

from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import text
from sqmkit.glossary import message as message_of
from sqmkit.rootcause import fishbone_table, preset_categories, why_chains
from sqmkit.ui import SaveBar, Snapshot, TableEditor, append_row, css, empty_table, figure_png, is_live, message

__all__ = ["add_problem", "add_cause", "add_why_step", "fishbone_editor", "why_editor"]

_TRUE = {"true", "1", "1.0", "yes", "y", "是"}


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
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    return not isinstance(value, str) and bool(pd.isna(value))


def _start(table: pd.DataFrame | None, name: str) -> pd.DataFrame:
    """The table to edit: a copy of ``table`` with every schema column (attrs kept), or an empty typed one."""
    if table is None:
        return empty_table(name)
    base = table.copy()
    base.attrs = dict(table.attrs)
    for column, series in empty_table(name).items():
        if column not in base.columns:
            base[column] = pd.Series(pd.NA, index=base.index).astype(series.dtype)
    return base


def add_problem(problems: pd.DataFrame | None, *, problem_id: str, statement: str) -> pd.DataFrame:
    """Return ``problems`` with one problem added (the first problem of a new workbook).

    Raises
    ------
    DataValidationError
        Blank id or statement, or an id the table already has.

    Examples
    --------
    >>> add_problem(None, problem_id="PR01", statement="首次响应太慢")[["problem_id", "statement"]].values.tolist()
    [['PR01', '首次响应太慢']]
    """
    base = _start(problems, "problems")
    if _blank(problem_id) or _blank(statement):
        raise DataValidationError(message_of("rc_widget_problem_incomplete"), table="problems",
                                  column="statement" if not _blank(problem_id) else "problem_id")
    pid = str(problem_id).strip()
    if (base["problem_id"].astype("string").str.strip() == pid).any():
        raise DataValidationError(message_of("rc_widget_problem_exists", pid=repr(pid)),
                                  table="problems", column="problem_id")
    return append_row(base, {"problem_id": pid, "statement": str(statement).strip()})


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
    >>> add_cause(t, cause="培训不足", parent_id="K01")[["cause_id", "category", "parent_id"]].astype(object).values.tolist()
    [['K01', '人', <NA>], ['K02', '人', 'K01']]
    """
    base = _start(causes, "causes")
    if _blank(cause):
        raise DataValidationError(message_of("rc_widget_cause_blank"), table="causes", column="cause")
    parent = None if _blank(parent_id) else str(parent_id).strip()
    if parent is not None:
        match = base[base["cause_id"].astype("string") == parent]
        if match.empty:
            raise DataValidationError(
                message_of("rc_widget_parent_unknown", parent=repr(parent),
                           ids=sorted(map(str, base["cause_id"].dropna()))[:10]),
                table="causes", column="parent_id")
        if _blank(category):  # inherit the parent's (possibly itself inherited) category
            model = fishbone_table(base, preset=None)
            category = model.loc[model["cause_id"] == parent, "category"].iloc[0]
        if _blank(problem_id):
            problem_id = match.iloc[0]["problem_id"]
    if _blank(category):
        raise DataValidationError(message_of("rc_widget_category_blank"), table="causes", column="category")
    if _blank(problem_id):
        known = list(pd.unique(base["problem_id"].dropna()))
        problem_id = known[0] if len(known) == 1 else None
    new_id = str(cause_id).strip() if not _blank(cause_id) else _next_id(base["cause_id"], "K")
    row = {"problem_id": problem_id, "cause_id": new_id, "category": str(category).strip(),
           "cause": str(cause).strip(), "parent_id": parent, "votes": float(votes),
           "verified": bool(verified), "evidence": None if _blank(evidence) else str(evidence).strip()}
    out = append_row(base, row)
    fishbone_table(out, preset=None)  # validates; raises DataValidationError naming rows
    return out


def add_why_step(whys: pd.DataFrame | None, *, chain_id: str, because: str, why: str | None = None,
                 evidence: str | None = None, root_cause: bool = False, cause_id: str | None = None,
                 problem_id: str | None = None, causes: pd.DataFrame | None = None,
                 lang: str = "zh") -> pd.DataFrame:
    """Return ``whys`` with the next step of chain ``chain_id`` added (a new chain starts at step 1).

    ``why`` defaults to the question on the previous answer in ``lang`` ("为什么<answer>？", "Why <answer>?"). Flag ``root_cause`` on the last step; a chain
    already ended by a root cause cannot grow (remove the flag first).

    Examples
    --------
    >>> w = add_why_step(None, chain_id="C1", why="为什么等待长？", because="排队长", problem_id="PR01")
    >>> add_why_step(w, chain_id="C1", because="人手不足")[["step", "why"]].values.tolist()
    [[1.0, '为什么等待长？'], [2.0, '为什么排队长？']]
    """
    base = _start(whys, "whys")
    if _blank(chain_id) or _blank(because):
        raise DataValidationError(message_of("rc_widget_step_incomplete"), table="whys",
                                  column="because" if not _blank(chain_id) else "chain_id")
    chain = base[base["chain_id"].astype("string") == str(chain_id).strip()]
    steps = pd.to_numeric(chain["step"], errors="coerce")
    if len(chain):
        last = chain.loc[steps.idxmax()]
        if str(last["root_cause"]).strip().lower() in _TRUE:
            raise DataValidationError(message_of("rc_widget_chain_ended", chain=repr(chain_id), step=int(steps.max())),
                                      table="whys", column="root_cause")
        if _blank(why):
            why = text("rc_why_default", lang, because=last["because"])
        if _blank(problem_id):
            problem_id = last["problem_id"]
    if _blank(why):
        raise DataValidationError(message_of("rc_widget_first_why", chain=repr(chain_id)), table="whys", column="why")
    row = {"problem_id": problem_id, "chain_id": str(chain_id).strip(),
           "step": float(steps.max()) + 1 if len(chain) else 1.0, "why": str(why).strip(),
           "because": str(because).strip(), "evidence": None if _blank(evidence) else str(evidence).strip(),
           "root_cause": bool(root_cause), "cause_id": None if _blank(cause_id) else str(cause_id).strip()}
    out = append_row(base, row)
    why_chains(out, causes)  # validates
    return out


# ------------------------------------------------------------------------------------- replaying edits
def _apply_problem(frame: pd.DataFrame | None, edit: dict, ids: dict) -> tuple[pd.DataFrame, Any]:
    return add_problem(frame, problem_id=edit["problem_id"], statement=edit["statement"]), edit["problem_id"]


def _apply_cause(frame: pd.DataFrame | None, edit: dict, ids: dict) -> tuple[pd.DataFrame, Any]:
    """One fishbone edit; on a replay the parent follows the renumbered id of an unsaved parent."""
    parent = edit.get("parent_id")
    out = add_cause(frame, cause=edit["cause"], category=edit.get("category"), parent_id=ids.get(parent, parent),
                    problem_id=edit.get("problem_id"))
    return out, out["cause_id"].iloc[-1]


def _apply_why(frame: pd.DataFrame | None, edit: dict, ids: dict) -> tuple[pd.DataFrame, Any]:
    """One 5-Why step; on a replay a chain this session started keeps its steps together under a free id."""
    chain = ids.get(edit["chain_id"], edit["chain_id"])
    taken = frame is not None and (frame["chain_id"].astype("string") == chain).any()
    if edit.get("_new_chain") is None:          # first application: remember whether it started the chain
        edit["_new_chain"] = not taken
    elif edit["_new_chain"] and taken and edit["chain_id"] not in ids:
        chain = _next_id(frame["chain_id"], "C")
    out = add_why_step(frame, chain_id=chain, why=edit.get("why"), because=edit["because"],
                       evidence=edit.get("evidence"), root_cause=edit.get("root_cause", False),
                       cause_id=edit.get("cause_id"), problem_id=edit.get("problem_id"), causes=edit.get("causes"),
                       lang=edit.get("lang", "zh"))
    if edit["_new_chain"] and chain != edit["chain_id"]:
        ids[edit["chain_id"]] = chain
    return out, None


# ---------------------------------------------------------------------------------------------- editors
def _problem_statement(wb: Any, problem_id: Any) -> str:
    problems = wb.get("problems")
    if problems is None or _blank(problem_id):
        return "" if _blank(problem_id) else str(problem_id)
    hit = problems[problems["problem_id"].astype("string") == str(problem_id)]
    return str(hit.iloc[0]["statement"]) if len(hit) else str(problem_id)


def _fishbone_axes(causes: pd.DataFrame | None, problem_id: Any, effect: str, preset: str, lang: str):
    from sqmkit.rootcause.plots import fishbone_chart

    mine = causes is not None and not _blank(problem_id) and \
        (causes["problem_id"].astype("string") == str(problem_id)).any()
    if mine:
        model = fishbone_table(causes, problem_id=str(problem_id), preset=preset, lang=lang)
    else:
        model = fishbone_table(pd.DataFrame(columns=["cause_id", "category", "cause"]), preset=preset, lang=lang)
    return fishbone_chart(model, effect=effect, categories=preset_categories(preset, lang), lang=lang)


def _chart(out: Any, snapshot: Snapshot, axes: Any) -> None:
    """Show the chart of ``axes`` in the Output widget and in the snapshot (one PNG for both)."""
    from IPython.display import Image, display

    with out:
        out.clear_output(wait=True)
        if axes is None:
            snapshot.update(png=b"")
            return
        png = figure_png(axes.figure)
        display(Image(data=png))
    snapshot.update(png=png)


def _box(children: list, editor: str, snapshot: Snapshot):
    import ipywidgets as w

    box = w.VBox(children)
    box.add_class("sqmkit-editor")
    box.add_class(f"sqmkit-{editor}")
    box.snapshot = snapshot
    return box


def fishbone_editor(wb: Any, *, problem_id: Any = None, effect: str | None = None, preset: str = "6m",
                    lang: str = "zh", interactive: bool = True):
    """Live fishbone editor: category, parent and text of a new cause; redraw; save to the workbook.

    Parameters
    ----------
    wb : sqmkit.io.Workbook
        The loaded workbook. Live, the editor reads its ``causes`` (and ``problems``) as they are on
        disk now; no ``causes`` yet starts an empty fishbone.
    problem_id : str, optional
        The problem whose fishbone is edited. Blank (a workbook without problems): the editor asks
        for the first problem (id and statement) and saves it to ``problems`` with the first cause.
    effect : str, optional
        Problem statement at the head (default: the ``problems`` table's statement, else the id).

    Returns
    -------
    ipywidgets.VBox when live (``.table`` the causes' TableEditor, ``.snapshot`` its static copy),
    else the Axes of the static fishbone chart.
    """
    if effect is None or _blank(effect):
        effect = _problem_statement(wb, problem_id)
    if not is_live(interactive):
        return _fishbone_axes(wb.get("causes"), problem_id, effect, preset, lang)
    import ipywidgets as w

    causes = TableEditor(wb.path, "causes", apply=_apply_cause, lang=lang)
    problems = TableEditor(wb.path, "problems", apply=_apply_problem, lang=lang) if _blank(problem_id) else None
    state = {"problem_id": None if _blank(problem_id) else str(problem_id), "effect": effect}
    snapshot = Snapshot(text("ui_snapshot_note", lang))
    out = css(w.Output(), "fishbone", "chart")
    pid = css(w.Text(value="PR01", description=text("ui_problem_id", lang)), "fishbone", "problem-id")
    statement = css(w.Text(description=text("ui_problem_statement", lang), layout=w.Layout(width="420px")),
                    "fishbone", "problem-statement")
    category = css(w.Combobox(options=list(preset_categories(preset, lang)), placeholder="人 / 机 / …",
                              description=text("ui_category", lang), ensure_option=False), "fishbone", "category")
    parent = css(w.Dropdown(description=text("ui_parent", lang)), "fishbone", "parent")
    cause = css(w.Text(description=text("ui_cause", lang), layout=w.Layout(width="420px")), "fishbone", "cause")
    add = css(w.Button(description=text("ui_add", lang), icon="plus"), "fishbone", "add")
    first = w.HTML()

    def parents() -> list[tuple[str, Any]]:
        t, opts = causes.frame, [("—", None)]
        if t is not None and state["problem_id"] is not None:
            opts += [(f"{r.cause_id} {r.cause}", str(r.cause_id)) for r in t.itertuples()
                     if str(r.problem_id) == state["problem_id"]]
        return opts

    def refresh() -> None:
        parent.options = parents()
        empty = causes.frame is None or not (causes.frame["problem_id"].astype("string") == state["problem_id"]).any()
        hints = ([text("ui_first_problem", lang)] if problems is not None and not problems.pending else []) + \
            ([text("ui_first_cause", lang)] if empty else [])
        first.value = "".join(message("info", h) for h in hints)
        _chart(out, snapshot, _fishbone_axes(causes.frame, state["problem_id"], state["effect"], preset, lang))

    bar = SaveBar("fishbone", [t for t in (problems, causes) if t is not None], after_save=text("ui_after_fishbone", lang),
                  refresh=refresh, lang=lang)

    def on_add(_: Any = None) -> None:
        try:
            if problems is not None and not problems.pending:   # the first problem goes in with the first cause
                problems.edit(problem_id=pid.value.strip(), statement=statement.value.strip())
                state["problem_id"], state["effect"] = pid.value.strip(), statement.value.strip()
                pid.disabled = statement.disabled = True
            causes.edit(cause=cause.value, category=category.value or None, parent_id=parent.value,
                        problem_id=state["problem_id"])
        except DataValidationError as err:
            bar.error(err)
            return
        cause.value = ""
        refresh()
        bar.edited()

    add.on_click(on_add)
    refresh()
    rows = [bar.note, first]
    if problems is not None:
        rows.append(w.HBox([pid, statement]))
    rows += [w.HBox([category, parent]), w.HBox([cause, add]), w.HBox([bar.save, bar.reload]), bar.status, out]
    box = _box(rows, "fishbone", snapshot)
    box.table, box.problems, box.bar = causes, problems, bar
    return box


def _why_axes(whys: pd.DataFrame | None, causes: pd.DataFrame | None, problem_id: Any, lang: str):
    from sqmkit.rootcause.plots import why_chain_chart

    if whys is None or whys.empty or _blank(problem_id):
        return None
    mine = whys[whys["problem_id"].astype("string") == str(problem_id)]
    return why_chain_chart(why_chains(mine, causes), lang=lang) if len(mine) else None


def _first_problem(wb: Any) -> str | None:
    from sqmkit import io

    problems = io.reload_table(wb.path, "problems")
    if problems is None or problems.empty:
        return None
    return str(problems["problem_id"].iloc[0])


def why_editor(wb: Any, *, problem_id: Any = None, statement: str | None = None, lang: str = "zh",
               interactive: bool = True):
    """Live 5-Why editor: add a step to a chain (or start one), redraw the chains, save to the workbook.

    Live, the editor reads ``whys`` and ``causes`` as they are on disk now; no ``whys`` yet starts the
    first chain (its first question defaults to "why <problem statement>?"). Blank ``problem_id``:
    the first problem on disk (saved by the fishbone editor), else the editor says to write one first.

    Returns ipywidgets.VBox when live, else the Axes of the static chain chart (None without chains).
    """
    if not is_live(interactive):
        return _why_axes(wb.get("whys"), wb.get("causes"), problem_id, lang)
    import ipywidgets as w

    from sqmkit import io

    if _blank(problem_id):
        problem_id = _first_problem(wb)
    statement = statement if not _blank(statement) else _problem_statement(wb, problem_id)
    whys = TableEditor(wb.path, "whys", apply=_apply_why, lang=lang)
    linked = {"causes": io.reload_table(wb.path, "causes")}
    snapshot = Snapshot(text("ui_snapshot_note", lang))
    out = css(w.Output(), "why", "chart")
    chain = css(w.Combobox(description=text("ui_chain", lang), ensure_option=False), "why", "chain")
    why = css(w.Text(description=text("ui_why", lang), placeholder=text("ui_why_placeholder", lang),
                     layout=w.Layout(width="420px")), "why", "why")
    because = css(w.Text(description=text("ui_because", lang), layout=w.Layout(width="420px")), "why", "because")
    evidence = css(w.Text(description=text("ui_evidence", lang)), "why", "evidence")
    cause_id = css(w.Text(description=text("ui_cause_id", lang)), "why", "cause-id")
    root = css(w.Checkbox(description=text("ui_root", lang)), "why", "root")
    add = css(w.Button(description=text("ui_add", lang), icon="plus", disabled=problem_id is None), "why", "add")
    first = w.HTML()

    def chains() -> list[str]:
        t = whys.frame
        if t is None or problem_id is None:
            return []
        mine = t[t["problem_id"].astype("string") == str(problem_id)]
        return list(dict.fromkeys(mine["chain_id"].dropna().astype(str)))

    def refresh() -> None:
        known = chains()
        chain.options = known
        if not chain.value:
            chain.value = known[-1] if known else "C1"
        if problem_id is None:
            first.value = message("warn", text("ui_why_needs_problem", lang))
        elif not known:
            first.value = message("info", text("ui_first_chain", lang))
            if not why.value:
                why.value = text("ui_why_first", lang, statement=statement)
        else:
            first.value = ""
        _chart(out, snapshot, _why_axes(whys.frame, linked["causes"], problem_id, lang))

    def reload_all() -> None:
        linked["causes"] = io.reload_table(wb.path, "causes")
        refresh()

    bar = SaveBar("why", [whys], after_save=text("ui_after_why", lang), refresh=reload_all, lang=lang)

    def on_add(_: Any = None) -> None:
        try:
            whys.edit(chain_id=chain.value, why=why.value or None, because=because.value, lang=lang,
                      evidence=evidence.value or None, root_cause=root.value, cause_id=cause_id.value or None,
                      problem_id=problem_id, causes=linked["causes"])
        except DataValidationError as err:
            bar.error(err)
            return
        why.value = because.value = evidence.value = cause_id.value = ""
        root.value = False
        refresh()
        bar.edited()

    add.on_click(on_add)
    refresh()
    box = _box([bar.note, first, w.HBox([chain, why]), w.HBox([because, evidence]), w.HBox([cause_id, root, add]),
                w.HBox([bar.save, bar.reload]), bar.status, out], "why", snapshot)
    box.table, box.bar = whys, bar
    return box
