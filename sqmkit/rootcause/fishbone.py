"""The fishbone (Ishikawa, cause-and-effect) model built from the workbook's ``causes`` table.

A cause belongs to a problem and a category (a *bone*); ``parent_id`` nests it up to three levels
(cause, sub-cause, sub-sub-cause). Categories come from a preset (6M: 人 机 料 法 环 测, or the
service preset) or are free: a category outside the preset is kept and drawn as its own bone.
The public names are re-exported by :mod:`sqmkit.rootcause`.
"""
from __future__ import annotations

import unicodedata
from typing import Any

import pandas as pd

from sqmkit._checks import argument_error, check_lang, choice_error, require_columns
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import message, pick
from sqmkit.rootcause._common import Problems, clean_ids, clean_texts, flag_values, number_values, optional_ids, row_list

__all__ = ["PRESETS", "preset_categories", "fishbone_table", "text_width", "wrap_text"]

#: Category presets: key -> list of (zh, en, aliases). Aliases are matched case-insensitively.
PRESETS: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    "6m": [
        ("人", "Man", ("人员", "people", "manpower", "personnel")),
        ("机", "Machine", ("机器", "设备", "系统", "machines", "equipment")),
        ("料", "Material", ("材料", "物料", "materials")),
        ("法", "Method", ("方法", "流程", "methods")),
        ("环", "Environment", ("环境", "mother nature")),
        ("测", "Measurement", ("测量", "计量", "measurements")),
    ],
    "service": [
        ("人员", "People", ("人", "staff")),
        ("流程", "Process", ("过程", "processes")),
        ("政策", "Policy", ("制度", "policies")),
        ("场所", "Place", ("环境", "地点")),
        ("产品", "Product", ("服务产品", "products")),
        ("技术", "Technology", ("系统", "工具", "tools")),
        ("客户", "Customers", ("顾客", "customer")),
        ("测量", "Measurement", ("测", "度量", "measurements")),
    ],
}

def text_width(text: str) -> int:
    """Display width of ``text``: East Asian wide/full-width characters count 2, others 1.

    >>> text_width("路由abc")
    7
    """
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in str(text))


_NO_LINE_START = set("，。、；：？！）》」』】,.;:?!)%")


def wrap_text(text: str, width: int = 18) -> str:
    """Wrap ``text`` to lines of at most ``width`` display columns (see :func:`text_width`).

    Latin words are kept whole where they fit; CJK text breaks between any two characters,
    except that closing punctuation (，。） …) never starts a line.

    >>> print(wrap_text("排班与来电高峰不匹配，晚间等待长", 12))
    排班与来电高
    峰不匹配，晚
    间等待长
    """
    text = " ".join(str(text).split())
    if width < 2:
        raise argument_error("width", width, "must_at_least", low=2)
    tokens: list[str] = []  # words of Latin text, single CJK characters, spaces
    word = ""
    for ch in text:
        wide = unicodedata.east_asian_width(ch) in ("W", "F")
        if ch == " " or wide:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    lines: list[str] = []
    line = ""
    for tok in tokens:
        if tok == " ":
            if line:
                line += " "
            continue
        if text_width(line.rstrip() + tok) <= width or not line.strip():
            if text_width(tok) > width and not line.strip():
                # a single over-long Latin word: hard-break it
                while text_width(tok) > width:
                    lines.append(tok[:width])
                    tok = tok[width:]
            line += tok
            continue
        if tok[0] in _NO_LINE_START and text_width(line.rstrip() + tok) <= width + 2:
            line += tok  # keep punctuation on the previous line (may overhang by one glyph)
            continue
        lines.append(line.rstrip())
        line = tok
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# presets

def _resolve_preset(preset: str | None) -> list[tuple[str, str, tuple[str, ...]]]:
    if preset is None:
        return []
    key = str(preset).lower()
    if key not in PRESETS:
        raise choice_error("preset", preset, list(PRESETS) + [None])
    return PRESETS[key]


def preset_categories(preset: str = "6m", lang: str = "zh") -> list[str]:
    """The bone names of a preset in ``lang``.

    >>> preset_categories("6m", "zh")
    ['人', '机', '料', '法', '环', '测']
    >>> preset_categories("service", "en")[:3]
    ['People', 'Process', 'Policy']
    """
    check_lang(lang)
    return [pick(zh, en, lang) for zh, en, _ in _resolve_preset(preset)]


def _match_preset(category: str, entries: list[tuple[str, str, tuple[str, ...]]]) -> int | None:
    key = str(category).strip().lower()
    for i, (zh, en, aliases) in enumerate(entries):
        if key in {zh.lower(), en.lower(), *(a.lower() for a in aliases)}:
            return i
    return None


# ---------------------------------------------------------------------------------------------
# the model

_FISHBONE_COLUMNS = ["problem_id", "cause_id", "category", "bone", "bone_order", "in_preset",
                     "cause", "parent_id", "level", "order", "votes", "verified", "evidence",
                     "top_voted"]


def fishbone_table(causes: pd.DataFrame, *, problem_id: str | None = None, preset: str | None = "6m",
                   lang: str = "zh", top_n: int = 3) -> pd.DataFrame:
    """Validate the ``causes`` table and return the fishbone model: one row per cause, in drawing order.

    Parameters
    ----------
    causes : DataFrame
        The workbook's ``causes`` table. Required columns ``cause_id``, ``category``, ``cause``;
        optional ``problem_id``, ``parent_id``, ``votes`` (blank = 0), ``verified`` (blank = no),
        ``evidence``.
    problem_id : str, optional
        Keep only this problem's causes (validation still covers the whole table).
    preset : {"6m", "service", None}
        Category preset. Categories matching a preset entry (Chinese, English or an alias such as
        人员 for 人) are named and ordered as in the preset; any other category is kept as its own
        bone after the preset ones, in order of first appearance (``in_preset`` False).
    lang : {"zh", "en"}
        Language of the preset bone names in column ``bone``.
    top_n : int
        ``top_voted`` marks the causes whose votes rank among the ``top_n`` highest of their
        problem (ties included; causes with 0 votes are never top-voted).

    Returns
    -------
    DataFrame
        Columns problem_id, cause_id, category, bone, bone_order, in_preset, cause, parent_id,
        level (1 cause, 2 sub-cause, 3 sub-sub-cause), order (depth-first drawing order within a
        bone), votes, verified, evidence, top_voted.

    Raises
    ------
    DataValidationError
        Collecting every problem at once: duplicate or blank ``cause_id``, blank ``cause`` or
        ``category``, a ``parent_id`` that does not exist, a parent in a different problem or
        category, a cycle in parents, a chain deeper than three levels. The message names the rows
        (as numbered in the file, header = row 1) and the fix.

    Notes
    -----
    A sub-cause with a blank category inherits its parent's category.

    References
    ----------
    Ishikawa, K. (1976). *Guide to Quality Control*. Asian Productivity Organization (the
    cause-and-effect diagram and the 4M/6M categories).

    Examples
    --------
    >>> causes = pd.DataFrame({"cause_id": ["K1", "K2"], "category": ["人", "人"],
    ...                        "cause": ["新员工多", "培训不足"], "parent_id": [None, "K1"]})
    >>> fishbone_table(causes)[["cause_id", "level", "bone"]].values.tolist()
    [['K1', 1, '人'], ['K2', 2, '人']]
    """
    table = "causes"
    require_columns(causes, ["cause_id", "category", "cause"], table=table)
    check_lang(lang)
    entries = _resolve_preset(preset)
    df = causes.copy()
    df["cause_id"] = clean_ids(df["cause_id"])
    df["problem_id"] = optional_ids(df, "problem_id")
    df["parent_id"] = optional_ids(df, "parent_id")
    df["category"] = clean_ids(df["category"])
    df["cause"] = clean_texts(df["cause"])
    df["votes"] = number_values(df["votes"], table=table, column="votes") if "votes" in df else 0.0
    df["verified"] = flag_values(df["verified"], table=table, column="verified") if "verified" in df else False
    if "evidence" in df:
        df["evidence"] = clean_texts(df["evidence"])
    else:
        df["evidence"] = pd.NA

    found = Problems(causes, table=table)

    blank_id = df.index[df["cause_id"].isna()]
    if len(blank_id):
        found.add(message("rc_err_cause_id_blank", rows=row_list(blank_id)), "cause_id", blank_id)
    dup = df["cause_id"].notna() & df["cause_id"].duplicated(keep=False)
    if dup.any():
        found.add(message("rc_err_cause_id_dup", rows=row_list(df.index[dup]), ids=sorted(set(df.loc[dup, "cause_id"]))),
                "cause_id", df.index[dup])
    blank_text = df.index[df["cause"].isna()]
    if len(blank_text):
        found.add(message("rc_err_cause_blank", rows=row_list(blank_text)), "cause", blank_text)

    by_id = {cid: idx for idx, cid in df["cause_id"].items() if pd.notna(cid)}
    missing_parent = [idx for idx, p in df["parent_id"].items() if pd.notna(p) and p not in by_id]
    if missing_parent:
        found.add(message("rc_err_parent_missing", rows=row_list(missing_parent),
                        parents=[df.at[i, "parent_id"] for i in missing_parent][:5]), "parent_id", missing_parent)

    # cycles and depth: follow parents
    level: dict[Any, int] = {}
    cyclic: list[Any] = []
    for idx in df.index:
        seen = [idx]
        cur = idx
        while True:
            p = df.at[cur, "parent_id"]
            if pd.isna(p) or p not in by_id:
                break
            cur = by_id[p]
            if cur in seen:
                cyclic.append(idx)
                break
            seen.append(cur)
        if idx not in cyclic:
            level[idx] = len(seen)
    if cyclic:
        found.add(message("rc_err_parent_cycle", rows=row_list(cyclic), ids=[df.at[i, "cause_id"] for i in cyclic][:6]),
                "parent_id", cyclic)
    deep = [i for i, lv in level.items() if lv > 3]
    if deep:
        found.add(message("rc_err_too_deep", rows=row_list(deep), ids=[df.at[i, "cause_id"] for i in deep][:6]),
                "parent_id", deep)

    # inherit category from the parent; parent must share problem and category
    if not cyclic:
        for idx in sorted(level, key=level.get):
            p = df.at[idx, "parent_id"]
            if pd.notna(p) and p in by_id and pd.isna(df.at[idx, "category"]):
                df.at[idx, "category"] = df.at[by_id[p], "category"]
    blank_cat = df.index[df["category"].isna()]
    if len(blank_cat):
        found.add(message("rc_err_category_blank", rows=row_list(blank_cat)), "category", blank_cat)
    wrong = []
    for idx, p in df["parent_id"].items():
        if pd.isna(p) or p not in by_id:
            continue
        par = by_id[p]
        same_problem = (df.at[idx, "problem_id"] is pd.NA and df.at[par, "problem_id"] is pd.NA) or (
            pd.notna(df.at[idx, "problem_id"]) and pd.notna(df.at[par, "problem_id"])
            and df.at[idx, "problem_id"] == df.at[par, "problem_id"])
        same_cat = (pd.notna(df.at[idx, "category"]) and pd.notna(df.at[par, "category"])
                    and _canon(df.at[idx, "category"], entries) == _canon(df.at[par, "category"], entries))
        if not (same_problem and same_cat):
            wrong.append(idx)
    if wrong:
        found.add(message("rc_err_parent_other_bone", rows=row_list(wrong),
                        ids=[df.at[i, "cause_id"] for i in wrong][:6]), "parent_id", wrong)

    found.raise_all()

    if problem_id is not None:
        keep = df["problem_id"] == str(problem_id)
        if not keep.any():
            known = sorted(set(df["problem_id"].dropna()))
            raise DataValidationError(message("rc_err_no_causes_for", problem_id=repr(problem_id), known=known),
                                      table=table, column="problem_id")
        df = df[keep.fillna(False).astype(bool)]
    df["level"] = [level[i] for i in df.index]

    # bones: preset order first, then free categories by first appearance
    bone_of: dict[str, tuple[int, str, bool]] = {}
    free: list[str] = []
    for cat in df["category"]:
        if cat in bone_of:
            continue
        i = _match_preset(cat, entries)
        if i is not None:
            zh, en, _ = entries[i]
            bone_of[cat] = (i, pick(zh, en, lang), True)
        else:
            free.append(cat)
            bone_of[cat] = (len(entries) + len(free) - 1, str(cat), False)
    df["bone"] = df["category"].map(lambda c: bone_of[c][1])
    df["bone_order"] = df["category"].map(lambda c: bone_of[c][0]).astype(int)
    df["in_preset"] = df["category"].map(lambda c: bone_of[c][2]).astype(bool)

    # top voted per problem
    top = pd.Series(False, index=df.index)
    for _, grp in df.groupby(df["problem_id"].fillna(""), sort=False):
        positive = grp["votes"][grp["votes"] > 0]
        if len(positive):
            cutoff = positive.sort_values(ascending=False).iloc[min(top_n, len(positive)) - 1]
            top[positive.index[positive >= cutoff]] = True
    df["top_voted"] = top.astype(bool)

    # depth-first order within each bone (children follow their parent, file order among siblings)
    children: dict[Any, list[Any]] = {}
    for idx, p in df["parent_id"].items():
        children.setdefault(p if pd.notna(p) else None, []).append(idx)
    ids_in = set(df["cause_id"])
    roots = [i for i in df.index if pd.isna(df.at[i, "parent_id"]) or df.at[i, "parent_id"] not in ids_in]
    order: dict[Any, int] = {}

    def visit(i: Any) -> None:
        order[i] = len(order)
        for c in children.get(df.at[i, "cause_id"], []):
            visit(c)
    for r in sorted(roots, key=lambda i: (df.at[i, "bone_order"], list(df.index).index(i))):
        visit(r)
    df["order"] = [order[i] for i in df.index]
    df = df.sort_values(["bone_order", "order"], kind="stable")
    df["order"] = df.groupby("bone_order").cumcount() + 1
    df["votes"] = df["votes"].astype(float)
    df["verified"] = df["verified"].astype(bool)
    return df[_FISHBONE_COLUMNS].reset_index(drop=True)


def _canon(category: Any, entries: list[tuple[str, str, tuple[str, ...]]]) -> Any:
    i = _match_preset(category, entries)
    return ("preset", i) if i is not None else ("free", str(category).strip())
