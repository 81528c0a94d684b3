"""Mining open survey comments (Chinese and English): PII masking, terms, themes, examples.

Chinese text is cut with jieba (a private ``jieba.Tokenizer`` created on first use, with a small
telecom-service dictionary, so jieba's global state is never touched); English with a regular
expression. Stop words are removed but negators are kept and attached to the word they negate
(不 + 满意 -> 不满意, "not helpful" stays one term), so a complaint never turns into praise.
Phone numbers, e-mail addresses, ID and bank card numbers are masked before anything is counted or shown
(:mod:`sqmkit.pii`; a workbook loaded with :func:`sqmkit.io.load_workbook` is masked already).
"""
from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sqmkit._checks import as_list, check_choice, check_lang, require_columns
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import THEMES, message, theme_label
from sqmkit.pii import mask_pii, masked_cells

__all__ = ["DOMAIN_WORDS", "STOP_WORDS_ZH", "STOP_WORDS_EN", "NEGATORS_ZH", "THEME_RULES",
           "mask_pii", "masked_cells", "tokenize", "top_terms", "tag_themes", "themes", "theme_examples"]

TABLE = "survey"

# --------------------------------------------------------------------------- dictionaries
#: Telecom service terms jieba must keep whole (added to the private tokenizer, high frequency).
DOMAIN_WORDS: tuple[str, ...] = (
    "客服", "人工客服", "在线客服", "客服热线", "转人工", "等待时间", "排队", "打不通", "打不进", "没人接", "占线",
    "响应", "回复", "响应速度", "首次响应", "处理速度", "解决问题", "没解决", "未解决", "没有解决", "重复投诉",
    "服务态度", "态度差", "不耐烦", "耐心", "专业", "敷衍", "推诿", "工单", "投诉", "升级处理",
    "宽带", "宽带安装", "装机", "网络", "网速", "断网", "掉线", "信号", "信号差", "5G", "4G", "基站",
    "套餐", "套餐变更", "话费", "流量", "账单", "扣费", "乱扣费", "收费", "资费", "退款", "营业厅",
    "号卡", "携号转网", "销户", "APP", "短信", "验证码", "满意", "不满意",
    "不错", "不好", "太慢", "太长", "及时", "快速", "上门", "师傅", "回访", "知识库",
)

#: Negators kept by stop-word removal and attached to the next word.
NEGATORS_ZH: tuple[str, ...] = ("不", "没", "没有", "未", "无", "别", "不是", "不太", "不够", "非", "毫无", "从未")
NEGATORS_EN: tuple[str, ...] = ("not", "no", "never", "nobody", "nothing", "don't", "didn't", "doesn't",
                                "can't", "cannot", "won't", "isn't", "wasn't", "aren't", "weren't", "couldn't")

#: Chinese stop words (function words, pronouns, fillers). Negators are deliberately absent.
STOP_WORDS_ZH: frozenset[str] = frozenset("""
的 了 是 我 你 他 她 它 我们 你们 他们 在 也 很 都 就 还 和 与 及 或 吗 呢 吧 啊 呀 哦 嗯 哈 这 那 这个
那个 这样 那样 个 一个 一些 有 被 把 让 给 对 说 要 会 能 可以 可能 自己 什么 怎么 为什么 一下 一直 已经
还是 但是 但 而且 然后 因为 所以 如果 就是 真的 非常 比较 有点 太 特别 挺 又 再 才 等 上 下 中 里 后 前
时 时候 次 天 请 谢谢 感谢 希望 觉得 感觉 之 其 得 地 着 过 来 去 到 从 于 为 以 并 等等 以及 还有 这次
每次 今天 昨天 问题 情况 方面 一次 几次 多次 一 二 两 三 我的 您 您好 你好 好的 哪 哪里 怎样 而 即 则
就要 根本 有人 这样 到现在 总是 一样 之后 之前 现在 以后 以前 那么 这么 还有 一点 有些
""".split())

#: English stop words (a short classic list). Negators are deliberately absent.
STOP_WORDS_EN: frozenset[str] = frozenset("""
a an the and or but if then so of to in on at by for with from as is are was were be been being am
i me my we our you your he she it its they them their this that these those there here what which who
whom how when where why all any both each few more most other some such only own same than too very
can will just should would could did do does doing have has had having up down out over under again
about into through during before after above below off once also get got really much many lot
""".split())

#: Keyword rules of the simple themes: {theme: {"zh": label, "en": label, "keywords": [...]}}.
#: The display labels are those of :data:`sqmkit.glossary.THEMES` (one glossary for tables and charts).
#: A comment belongs to every theme one of whose keywords it contains (case-insensitive).
THEME_RULES: dict[str, dict[str, Any]] = {
    "waiting": {**THEMES["waiting"], "keywords": [
        "等待", "等了", "等的时间", "等得", "排队", "排了", "响应", "回复", "及时", "没人回", "没人理",
        "打不通", "打不进", "没人接", "占线", "坐席忙", "稍后再拨", "接通", "回电", "半天", "好久", "太久", "更快", "快多了",
        "wait", "queue", "slow", "on hold", "response", "reply", "busy", "no answer", "took long", "quick"]},
    "resolution": {**THEMES["resolution"], "keywords": [
        "解决", "办好", "反复", "重复", "又坏", "还是不行", "没修好", "转了", "转好几次", "转人工",
        "resolve", "solved", "fix", "again", "still not", "repeat", "transferred"]},
    "attitude": {**THEMES["attitude"], "keywords": [
        "态度", "耐心", "不耐烦", "礼貌", "热情", "冷淡", "敷衍", "推诿", "专业", "不熟悉", "一问三不知",
        "rude", "polite", "friendly", "patient", "attitude", "helpful", "professional"]},
    "process": {**THEMES["process"], "keywords": [
        "流程", "繁琐", "麻烦", "手续", "重新说明", "材料", "confusing", "complicated", "hassle", "paperwork"]},
    "cost": {**THEMES["cost"], "keywords": [
        "费用", "收费", "扣费", "话费", "账单", "资费", "价格", "太贵", "退款", "fee", "charge",
        "bill", "price", "expensive", "refund", "cost"]},
    "network": {**THEMES["network"], "keywords": [
        "网络", "信号", "断网", "网速", "掉线", "宽带", "5g", "4g", "network", "signal", "internet",
        "broadband", "coverage", "outage", "connection"]},
}

# --------------------------------------------------------------------------- PII
# The rules live in sqmkit.pii (also used when a workbook is loaded); mask_pii is re-exported here.

# --------------------------------------------------------------------------- tokenizing
@functools.cache
def _jieba() -> Any:
    """A private jieba tokenizer with the domain dictionary, created quietly on first use."""
    import jieba

    logger = logging.getLogger("jieba")
    loggers = [logger] + ([jieba.default_logger] if getattr(jieba, "default_logger", None) else [])
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        tok = jieba.Tokenizer()
        tok.initialize()
        for word in DOMAIN_WORDS:
            tok.add_word(word, freq=20000)
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)
    return tok


_CJK = re.compile(r"[\u4e00-\u9fff]")
_ZH_WORD = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]+$")
_EN_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_MASK_TOKEN = re.compile(r"\[[^\]]*\]")


def _lang_of(text: str, lang: str) -> str:
    if lang == "auto":
        return "zh" if _CJK.search(text) else "en"
    return lang


def _tokens_zh(text: str) -> list[str]:
    words = [w.strip() for w in _jieba().lcut(_MASK_TOKEN.sub(" ", text), HMM=True)]
    words = [w.lower() if w.isascii() else w for w in words if w and _ZH_WORD.match(w)]
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in NEGATORS_ZH and i + 1 < len(words) and words[i + 1] not in STOP_WORDS_ZH \
                and words[i + 1] not in NEGATORS_ZH:
            out.append(w + words[i + 1])  # 不 + 满意 -> 不满意
            i += 2
            continue
        if w not in STOP_WORDS_ZH and (len(w) > 1 or w in NEGATORS_ZH):
            out.append(w)
        i += 1
    return out


def _tokens_en(text: str) -> list[str]:
    words = _EN_TOKEN.findall(_MASK_TOKEN.sub(" ", text.lower().replace("\u2019", "'")))
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in NEGATORS_EN and i + 1 < len(words) and words[i + 1] not in STOP_WORDS_EN \
                and words[i + 1] not in NEGATORS_EN:
            out.append("not " + words[i + 1])  # "didn't help" -> "not help"
            i += 2
            continue
        if w not in STOP_WORDS_EN and len(w) > 1 and not w.isdigit():
            out.append("not" if w in NEGATORS_EN else w)
        i += 1
    return out


def tokenize(text: str, *, lang: str = "auto") -> list[str]:
    """Split one comment into terms: stop words removed, negators attached, PII masked first.

    Parameters
    ----------
    text : str
        The comment (non-strings give an empty list).
    lang : {"auto", "zh", "en"}
        "auto": Chinese when the comment holds a CJK character, else English.

    Returns
    -------
    list of str

    Examples
    --------
    >>> tokenize("服务态度很好，但是等待时间太长，我不满意")
    ['服务态度', '等待时间', '太长', '不满意']
    >>> tokenize("The agent was not helpful")
    ['agent', 'not helpful']
    """
    check_choice("lang", lang, ["auto", "zh", "en"])
    if not isinstance(text, str) or not text.strip():
        return []
    text = mask_pii(text)
    return _tokens_zh(text) if _lang_of(text, lang) == "zh" else _tokens_en(text)


# --------------------------------------------------------------------------- tables
def _comments(data: pd.DataFrame, text: str, score: str | None, by: str | Sequence[str] | None):
    keys = as_list(by)
    cols = [text] + ([score] if score else []) + keys
    require_columns(data, cols, table=TABLE, fix="pass an existing column name as `text`, `score` or `by`.")
    frame = data[cols].copy()
    frame[text] = frame[text].where(frame[text].map(lambda t: isinstance(t, str) and t.strip() != ""))
    if score:
        frame[score] = pd.to_numeric(frame[score], errors="coerce")
    return frame[frame[text].notna()], keys


def top_terms(data: pd.DataFrame, *, text: str, score: str | None = None, max_score: float | None = None,
              by: str | Sequence[str] | None = None, top: int = 20, lang: str = "auto") -> pd.DataFrame:
    """The most frequent terms of the comments, overall, per group, or for low scorers only.

    Parameters
    ----------
    data : DataFrame
        The survey table.
    text : str
        The comment column; blank comments are left out.
    score, max_score : str and float, optional
        Keep only comments whose ``score`` is at most ``max_score`` (e.g. overall <= 2).
    by : str or list of str, optional
        Group columns; the top terms are listed per group.
    top : int, default 20
        Terms per group.
    lang : {"auto", "zh", "en"}
        Tokenizer language (see :func:`tokenize`).

    Returns
    -------
    DataFrame
        ``[by...], rank, term, count, comments, pct`` where ``count`` is the number of
        occurrences, ``comments`` the number of comments containing the term and ``pct`` their
        share of the (filtered) comments of the group, 0-100. Ties keep first-appearance order.
    """
    if (score is None) != (max_score is None):
        raise DataValidationError(message("survey_score_and_max"))
    frame, keys = _comments(data, text, score, by)
    if score:
        frame = frame[frame[score] <= max_score]
    masked = mask_pii(frame[text])  # mask first: comments differing only in a phone number cut once
    cache = {t: tokenize(t, lang=lang) for t in masked.unique()}
    frame = frame.assign(_tokens=masked.map(cache))
    groups = frame.groupby(keys, sort=True, observed=True) if keys else [((), frame)]
    parts = []
    for gkey, part in groups:
        counts, docs = Counter(), Counter()
        for toks in part["_tokens"]:
            counts.update(toks)
            docs.update(set(toks))
        rows = [{"term": t, "count": c, "comments": docs[t]} for t, c in counts.most_common(top)]
        out = pd.DataFrame(rows, columns=["term", "count", "comments"])
        out.insert(0, "rank", np.arange(1, len(out) + 1))
        out["pct"] = out["comments"] / max(len(part), 1) * 100
        gkey = gkey if isinstance(gkey, tuple) else (gkey,)
        for k, v in zip(keys, gkey):
            out.insert(keys.index(k), k, v)
        parts.append(out)
    if not parts:
        return pd.DataFrame(columns=keys + ["rank", "term", "count", "comments", "pct"])
    return pd.concat(parts, ignore_index=True)


def _rules(rules: Mapping[str, Mapping[str, Any]] | None) -> dict[str, dict[str, Any]]:
    rules = THEME_RULES if rules is None else rules
    if not isinstance(rules, Mapping) or not rules:
        raise DataValidationError(message("survey_bad_rules"))
    for name, rule in rules.items():
        if not isinstance(rule, Mapping) or not list(rule.get("keywords") or []):
            raise DataValidationError(
                message("survey_theme_no_keywords", theme=name))
    return {k: dict(v) for k, v in rules.items()}


def tag_themes(data: pd.DataFrame, *, text: str,
               rules: Mapping[str, Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """One boolean column per theme: does the comment contain one of the theme's keywords?

    Returns
    -------
    DataFrame
        Indexed like ``data``, one column per theme (blank comments are False everywhere).
    """
    frame, _ = _comments(data, text, None, None)
    rules = _rules(rules)
    lowered = data[text].where(data.index.isin(frame.index)).fillna("").astype(str).str.lower()
    out = pd.DataFrame(index=data.index)
    for name, rule in rules.items():
        pattern = "|".join(re.escape(str(k).lower()) for k in rule["keywords"])
        out[name] = lowered.str.contains(pattern, regex=True)
    return out


def themes(data: pd.DataFrame, *, text: str, score: str | None = None,
           by: str | Sequence[str] | None = None,
           rules: Mapping[str, Mapping[str, Any]] | None = None, lang: str = "zh") -> pd.DataFrame:
    """How many comments fall into each keyword theme (waiting, resolution, attitude, process, cost, network).

    Parameters
    ----------
    data : DataFrame
        The survey table.
    text : str
        The comment column.
    score : str, optional
        A rating column: adds the mean rating of the comments of each theme.
    by : str or list of str, optional
        Group columns.
    rules : dict, optional
        ``{theme: {"zh": label, "en": label, "keywords": [...]}}``; default :data:`THEME_RULES`.
    lang : {"zh", "en"}
        Language of the ``label`` column.

    Returns
    -------
    DataFrame
        ``[by...], theme, label, comments, pct, mean_score``; ``pct`` = share of the group's
        non-blank comments, 0-100 (themes overlap, so shares may sum past 100); a last row
        ``other`` counts comments matching no theme. Sorted by ``comments``, descending.

    Notes
    -----
    Keyword rules are transparent and stable for a workshop; they are not a sentiment model.
    A theme says *what* the comment is about (a waiting complaint or praise of a quick answer
    both land in "waiting"); read it together with ``mean_score`` and the examples.
    """
    check_lang(lang)
    frame, keys = _comments(data, text, score, by)
    rules = _rules(rules)
    tags = tag_themes(data, text=text, rules=rules).loc[frame.index]
    tags["other"] = ~tags.any(axis=1)
    labels = {k: v.get(lang) or v.get("en") or k for k, v in rules.items()}
    labels["other"] = theme_label("other", lang)
    groups = frame.groupby(keys, sort=True, observed=True) if keys else [((), frame)]
    parts = []
    for gkey, part in groups:
        t = tags.loc[part.index]
        rows = []
        for name in tags.columns:
            hit = t[name]
            rows.append({"theme": name, "label": labels[name], "comments": int(hit.sum()),
                         "pct": hit.mean() * 100 if len(part) else np.nan,
                         "mean_score": part.loc[hit, score].mean() if score else np.nan})
        out = pd.DataFrame(rows)
        body = out[out["theme"] != "other"].sort_values("comments", ascending=False, kind="stable")
        out = pd.concat([body, out[out["theme"] == "other"]], ignore_index=True)
        gkey = gkey if isinstance(gkey, tuple) else (gkey,)
        for i, (k, v) in enumerate(zip(keys, gkey)):
            out.insert(i, k, v)
        parts.append(out)
    if not parts:
        return pd.DataFrame(columns=keys + ["theme", "label", "comments", "pct", "mean_score"])
    return pd.concat(parts, ignore_index=True)


def theme_examples(data: pd.DataFrame, *, text: str, score: str | None = None, per_theme: int = 3,
                   rules: Mapping[str, Mapping[str, Any]] | None = None, lang: str = "zh") -> pd.DataFrame:
    """Example comments for each theme, PII masked, lowest ratings first.

    Returns
    -------
    DataFrame
        ``theme, label, comment, score`` with up to ``per_theme`` distinct comments per theme;
        with ``score`` the lowest-rated comments come first (the ones to act on), otherwise the
        most frequent ones.
    """
    check_lang(lang)
    if not (isinstance(per_theme, (int, np.integer)) and per_theme >= 1):
        raise DataValidationError(message("survey_bad_per_theme", value=per_theme))
    frame, _ = _comments(data, text, score, None)
    rules = _rules(rules)
    tags = tag_themes(data, text=text, rules=rules).loc[frame.index]
    rows = []
    for name, rule in rules.items():
        part = frame[tags[name]]
        if part.empty:
            continue
        freq = part[text].map(part[text].value_counts())
        order = part.assign(_f=-freq, _len=part[text].str.len())
        order = order.sort_values(([score] if score else []) + ["_f", "_len"], kind="stable")
        order = order.drop_duplicates(subset=[text]).head(per_theme)
        for r in order.itertuples(index=False):
            row = dict(zip(order.columns, r))
            rows.append({"theme": name, "label": rule.get(lang) or rule.get("en") or name,
                         "comment": mask_pii(row[text], lang=lang),
                         "score": row[score] if score else np.nan})
    return pd.DataFrame(rows, columns=["theme", "label", "comment", "score"])
