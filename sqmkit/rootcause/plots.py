"""Charts of the root-cause step: Pareto, before/after Pareto, fishbone (Ishikawa), 5-Why chains.

Every function draws a table returned by :mod:`sqmkit.rootcause` and computes no statistics.
The fishbone and the 5-Why diagram compute their *layout*: every text is measured with the
renderer, wrapped by display width (Chinese has no spaces) and placed so that no two texts overlap;
the figure grows with the content.
"""
from __future__ import annotations

from typing import Any, Sequence, TYPE_CHECKING

import numpy as np
import pandas as pd

from sqmkit._checks import check_lang, require_columns
from sqmkit.exceptions import DataValidationError
from sqmkit.rootcause.fishbone import text_width, wrap_text
from sqmkit.glossary import message, text as gtext
from sqmkit.plots import new_axes, set_theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["pareto_chart", "pareto_compare_chart", "fishbone_chart", "why_chain_chart"]

_RED, _GREY, _BLUE, _GOLD, _INK = "#c0392b", "#7f8c8d", "#2c6fbb", "#e0a800", "#222222"


def _bold() -> str:
    """"bold" when the CJK font has a bold face (the packaged Noto Sans CJK has one weight only)."""
    from matplotlib import font_manager

    from sqmkit.plots import cjk_font_name

    name = cjk_font_name()
    weights = [f.weight for f in font_manager.fontManager.ttflist if f.name == name]
    return "bold" if any((w if isinstance(w, int) else 700 if w == "bold" else 400) >= 600 for w in weights) else "normal"


_SOURCES = {"pareto_chart": "pareto_table", "pareto_compare_chart": "pareto_compare",
            "fishbone_chart": "fishbone_table", "why_chain_chart": "why_chains"}


def _need(table: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    source = _SOURCES[what]
    require_columns(table, columns, table=source, fix=f"pass the output of sqmkit.rootcause.{source}() to {what}.")


# ---------------------------------------------------------------------------------------------
# Pareto

def _category_text(category: Any, lang: str) -> str:
    """A category as drawn: the blank group and the pooled tail in ``lang``, every other name as written."""
    from sqmkit.glossary import BLANK, value_label
    from sqmkit.rootcause.pareto import OTHER

    return str(value_label(category, lang)) if category in (BLANK, OTHER) else str(category)


def pareto_chart(table: pd.DataFrame, *, threshold: float = 80.0, value_label: str | None = None,
                 title: str | None = None, lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Pareto chart: bars by descending value, cumulative percentage on a twin axis, a cut-off line.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`sqmkit.rootcause.pareto_table`.
    threshold : float
        Where the cut-off line is drawn (use the value given to ``pareto_table``).
    value_label, title : str, optional
        Axis label of the bars and chart title (defaults in ``lang``).
    lang : {"zh", "en"}
    ax : Axes, optional

    Returns
    -------
    Axes
        The bar axes; the cumulative line lives on ``ax.right_ax`` (a twin axis).
    """
    check_lang(lang)
    _need(table, ["category", "value", "cum_pct", "vital_few"], "pareto_chart")
    ax = new_axes(ax, figsize=(max(6.0, 0.9 * len(table) + 2.5), 4.8))
    x = np.arange(len(table))
    colors = [_BLUE if v else "#b8c4ce" for v in table["vital_few"]]
    ax.bar(x, table["value"], color=colors, edgecolor="white", zorder=2)
    for xi, (v, p) in enumerate(zip(table["value"], table["pct"] if "pct" in table else [np.nan] * len(table))):
        txt = f"{v:g}" if pd.isna(p) else f"{v:g}\n{p:.1f}%"
        ax.annotate(txt, (xi, v), xytext=(0, 2), textcoords="offset points", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x)
    labels = [wrap_text(_category_text(c, lang), 12) for c in table["category"]]
    ax.set_xticklabels(labels, rotation=0 if len(table) <= 8 else 35, ha="center" if len(table) <= 8 else "right")
    ax.set_ylim(0, float(table["value"].max()) * 1.22)
    ax.set_ylabel(value_label or gtext("rc_chart_count", lang))
    ax.set_xlabel(gtext("rc_chart_category", lang))
    ax.set_title(title or gtext("rc_chart_pareto_title", lang), fontweight=_bold())
    right = ax.twinx()
    right.plot(x, table["cum_pct"], color=_RED, marker="o", zorder=3)
    right.axhline(threshold, color=_RED, linestyle="--", linewidth=1)
    right.annotate(gtext("rc_chart_cutoff", lang, t=threshold), (len(table) - 0.5, threshold),
                   xytext=(0, 3), textcoords="offset points", ha="right", va="bottom", color=_RED, fontsize=8)
    right.set_ylim(0, 105)
    right.set_ylabel(gtext("rc_chart_cum_pct", lang))
    right.grid(False)
    from matplotlib.patches import Patch
    ax.legend(handles=[Patch(color=_BLUE, label=gtext("rc_chart_vital", lang)),
                       Patch(color="#b8c4ce", label=gtext("rc_chart_useful", lang))],
              loc="upper center", fontsize=8, frameon=False, ncol=2)
    ax.right_ax = right
    ax.figure.tight_layout()
    return ax


def pareto_compare_chart(table: pd.DataFrame, *, value_label: str | None = None, title: str | None = None,
                         lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Before/after Pareto: grouped bars per category (in the first period's Pareto order), same scale.

    Bars of a period's vital few are solid, the others light; the change in percent is written
    above each pair.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`sqmkit.rootcause.pareto_compare`.
    """
    check_lang(lang)
    _need(table, ["period", "category", "value", "vital_few", "change_pct"], "pareto_compare_chart")
    periods = list(pd.unique(table["period"]))
    cats = list(table.loc[table["period"] == periods[0], "category"])
    ax = new_axes(ax, figsize=(max(6.5, 1.1 * len(cats) + 2.5), 4.8))
    x = np.arange(len(cats))
    width = 0.38
    palette = [(_GREY, "#d5dbdf"), (_BLUE, "#b9d0ea")]
    top = float(table["value"].max())
    for k, period in enumerate(periods[:2]):
        sub = table[table["period"] == period].set_index("category").reindex(cats)
        colors = [palette[k][0] if bool(v) else palette[k][1] for v in sub["vital_few"]]
        ax.bar(x + (k - 0.5) * width, sub["value"], width=width, color=colors, label=str(period), zorder=2)
    after = table[table["period"] == periods[-1]].set_index("category").reindex(cats)
    for xi, c in enumerate(cats):
        ch = after.at[c, "change_pct"]
        hi = table.loc[table["category"] == c, "value"].max()
        if pd.notna(ch):
            ax.annotate(f"{ch:+.0f}%", (xi, hi), xytext=(0, 3), textcoords="offset points", ha="center",
                        va="bottom", fontsize=8, color=_RED if ch > 0 else "#1e8449")
    ax.set_xticks(x)
    ax.set_xticklabels([wrap_text(_category_text(c, lang), 12) for c in cats], rotation=0 if len(cats) <= 8 else 35,
                       ha="center" if len(cats) <= 8 else "right")
    ax.set_ylim(0, top * 1.18)
    ax.set_ylabel(value_label or gtext("rc_chart_count", lang))
    ax.set_title(title or gtext("rc_chart_compare_title", lang), fontweight=_bold())
    from matplotlib.patches import Patch
    ax.legend(handles=[Patch(color=palette[k][0], label=str(p)) for k, p in enumerate(periods[:2])],
              fontsize=8, frameon=False)
    ax.figure.tight_layout()
    return ax


# ---------------------------------------------------------------------------------------------
# text measuring

class _Measure:
    """Measures texts in points with the current theme's fonts (an off-screen Agg canvas at 72 dpi)."""

    def __init__(self) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.fig = Figure(dpi=72)
        self.canvas = FigureCanvasAgg(self.fig)
        self.renderer = self.canvas.get_renderer()

    def __call__(self, text: str, **kw: Any) -> tuple[float, float]:
        t = self.fig.text(0, 0, text, **kw)
        bb = t.get_window_extent(self.renderer)
        t.remove()
        return float(bb.width), float(bb.height)


# ---------------------------------------------------------------------------------------------
# fishbone

def fishbone_chart(table: pd.DataFrame, *, effect: str, categories: Sequence[str] | None = None,
                   wrap: int = 20, fontsize: float = 9.0, show_votes: bool = True, title: str | None = None,
                   lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Draw a fishbone (Ishikawa) diagram with a layout computed so that no text overlaps.

    The effect (problem statement) sits in a box at the head on the right; the spine runs to the
    left; bones alternate above and below, their category in a box at the outer end. Causes hang
    off the bone as an indented tree (sub-causes and sub-sub-causes indented under their parent).
    Verified causes are red and bold with a red marker; top-voted causes carry a star marker.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`sqmkit.rootcause.fishbone_table` (one problem).
    effect : str
        The problem statement drawn at the head.
    categories : list of str, optional
        Bones to draw, in order (e.g. ``preset_categories("6m", lang)`` to show empty bones as
        prompts); bones of the table that are not listed are added after them.
    wrap : int
        Wrap width of cause texts in display columns (a Chinese character counts 2).
    fontsize : float
        Font size of cause texts in points.
    show_votes : bool
        Append the vote count to causes that have votes.
    lang : {"zh", "en"}
    ax : Axes, optional
        When given, its figure is resized to the computed layout and the axes fills it.

    Returns
    -------
    Axes
    """
    check_lang(lang)
    _need(table, ["bone", "bone_order", "cause", "level", "order", "verified", "top_voted", "votes"],
          "fishbone_chart")
    if table["problem_id"].nunique(dropna=False) > 1 if "problem_id" in table else False:
        raise DataValidationError(
            f"The fishbone table holds several problems {sorted(map(str, table['problem_id'].unique()))}; "
            "draw one problem at a time: fishbone_table(causes, problem_id=...).", table="causes",
            column="problem_id")
    set_theme()
    B = _bold()
    measure = _Measure()
    t = table.sort_values(["bone_order", "order"], kind="stable")
    bones = list(categories or [])
    for b in pd.unique(t["bone"]):
        if b not in bones:
            bones.append(b)
    if not bones:
        raise DataValidationError(message("rc_plot_no_causes"))

    # geometry constants (points)
    slant, gap, indent, vgap = 0.3, 11.0, 16.0, 7.0
    u0, label_fs, effect_fs, margin, col_gap = 16.0, fontsize + 2, fontsize + 4, 18.0, 22.0
    pad_label = 5.0  # bbox padding of the category boxes

    entries: dict[str, list[dict[str, Any]]] = {b: [] for b in bones}
    for _, r in t.iterrows():
        s = wrap_text(str(r["cause"]), wrap)
        if show_votes and r["votes"] > 0:
            suffix = "(" + gtext("rc_chart_votes", lang, v=float(r["votes"])) + ")"
            last = s.split("\n")[-1]
            s += (" " if text_width(last + suffix) + 1 <= wrap + 2 else "\n") + suffix
        weight = B if r["verified"] else "normal"
        w, h = measure(s, fontsize=fontsize, weight=weight)
        entries[r["bone"]].append({"text": s, "level": int(r["level"]), "verified": bool(r["verified"]),
                                   "top": bool(r["top_voted"]), "w": w, "h": h, "weight": weight})
    label_size = {b: measure(wrap_text(str(b), 16), fontsize=label_fs, weight=B) for b in bones}

    def stack(b: str) -> float:
        return sum(e["h"] + vgap for e in entries[b])

    top_bones, bottom_bones = bones[0::2], bones[1::2]
    L_top = max([stack(b) for b in top_bones] + [30.0]) + u0
    L_bot = max([stack(b) for b in bottom_bones] + [30.0]) + u0 if bottom_bones else 0.0

    # place entries relative to the bone's spine point (0, 0); y up = positive
    def place(b: str, sign: int, L: float) -> tuple[float, float]:
        es = entries[b]
        # screen order top -> bottom; top bones start at the outer end, bottom bones at the spine
        y = L if sign > 0 else -u0
        for e in es:
            e["y_top"], e["y_bot"] = y, y - e["h"] - vgap
            e["y"] = y - (e["h"] + vgap) / 2
            y = e["y_bot"]
        # group = a level-1 cause with its descendants; text starts right of the bone's nearest point
        groups: list[list[dict[str, Any]]] = []
        for e in es:
            if e["level"] == 1 or not groups:
                groups.append([e])
            else:
                groups[-1].append(e)
        right = 0.0
        for g in groups:
            u_near = min(abs(e["y_bot"]) if sign > 0 else abs(e["y_top"]) for e in g)
            x_ref = -slant * u_near + gap
            for e in g:
                e["x"] = x_ref + indent * (e["level"] - 1)
                right = max(right, e["x"] + e["w"])
        lw, lh = label_size[b]
        left = min(-slant * L - lw / 2 - pad_label, -slant * L)
        right = max(right, -slant * L + lw / 2 + pad_label)
        return left, right

    n_pairs = max(len(top_bones), len(bottom_bones))
    exts = []
    for j in range(n_pairs):
        lo, hi = 0.0, 0.0
        if j < len(top_bones):
            a, c = place(top_bones[j], +1, L_top)
            lo, hi = min(lo, a), max(hi, c)
        if j < len(bottom_bones):
            a, c = place(bottom_bones[j], -1, L_bot)
            lo, hi = min(lo, a), max(hi, c)
        exts.append((lo, hi))

    # effect box at the head
    eff_text = wrap_text(effect, 16)
    ew, eh = measure(eff_text, fontsize=effect_fs, weight=B)
    eff_pad = 8.0
    # pack pairs right-to-left from the head: last pair nearest the head
    xs = [0.0] * n_pairs
    head_left = 0.0
    x_right_limit = head_left - col_gap
    for j in reversed(range(n_pairs)):
        lo, hi = exts[j]
        xs[j] = x_right_limit - hi
        x_right_limit = xs[j] + lo - col_gap
    tail = x_right_limit + col_gap - 10.0
    top_h = L_top + max([label_size[b][1] for b in top_bones] + [0]) + 2 * pad_label + 4
    bot_h = (L_bot + max([label_size[b][1] for b in bottom_bones] + [0]) + 2 * pad_label + 4) if bottom_bones else 0
    half_eff = eh / 2 + eff_pad
    up, down = max(top_h, half_eff), max(bot_h, half_eff)
    title_txt = title if title is not None else gtext("rc_chart_fishbone_title", lang)
    title_h = measure(title_txt, fontsize=effect_fs, weight=B)[1] + 10 if title_txt else 0
    legend_h = 24.0
    x0 = tail - margin
    width = (head_left + ew + 2 * eff_pad + 20) - x0 + margin
    height = margin + legend_h + down + up + title_h + margin
    spine_y = margin + legend_h + down

    import matplotlib.pyplot as plt
    if ax is None:
        fig, ax = plt.subplots(figsize=(width / 72, height / 72))
    fig = ax.figure
    fig.set_size_inches(width / 72, height / 72)
    ax.set_position([0, 0, 1, 1])
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()

    def X(x: float) -> float:
        return x - x0

    # spine and head
    ax.plot([X(tail), X(head_left + 10)], [spine_y, spine_y], color=_INK, linewidth=2.5, solid_capstyle="round")
    ax.annotate("", xy=(X(head_left + 10), spine_y), xytext=(X(head_left - 10), spine_y),
                arrowprops=dict(arrowstyle="-|>", color=_INK, lw=2.5, mutation_scale=18))
    ax.text(X(head_left + 10 + eff_pad) + 2, spine_y, eff_text, fontsize=effect_fs, weight=B, ha="left",
            va="center", color=_RED, bbox=dict(boxstyle=f"round,pad={eff_pad / effect_fs:.2f}", fc="#fdecea",
                                               ec=_RED, lw=1.5))
    if title_txt:
        ax.text(X(tail), height - margin, title_txt, fontsize=effect_fs, weight=B, ha="left", va="top")

    def draw_bone(b: str, sign: int, L: float, xsj: float) -> None:
        end = (X(xsj - slant * L), spine_y + sign * L)
        ax.plot([X(xsj), end[0]], [spine_y, end[1]], color=_INK, linewidth=1.6)
        lw, lh = label_size[b]
        ly = end[1] + sign * (lh / 2 + pad_label + 2)
        ax.text(end[0], ly, wrap_text(str(b), 16), fontsize=label_fs, weight=B, ha="center", va="center",
                color="white", bbox=dict(boxstyle=f"round,pad={pad_label / label_fs:.2f}", fc=_BLUE, ec=_BLUE))
        parents: dict[int, dict[str, Any]] = {}
        for e in entries[b]:
            ey = spine_y + e["y"]
            ex = X(xsj + e["x"])
            if e["level"] == 1:
                bx = X(xsj - slant * abs(e["y"]))
                ax.plot([bx, ex - 3], [ey, ey], color=_GREY, linewidth=1.0)
            else:
                p = parents.get(e["level"] - 1)
                if p is not None:
                    px = p["px"] + 6
                    ax.plot([px, px, ex - 3], [p["py"] - p["h"] / 2, ey, ey], color=_GREY, linewidth=0.8)
            parents[e["level"]] = {"px": ex, "py": ey, "h": e["h"]}
            color = _RED if e["verified"] else _INK
            marker = "*" if e["top"] else "o"
            mcolor = _RED if e["verified"] else (_GOLD if e["top"] else _GREY)
            ax.plot([ex - 5], [ey], marker=marker, markersize=8 if e["top"] else 4, color=mcolor,
                    markeredgecolor=mcolor, linestyle="none", zorder=3)
            ax.text(ex, ey, e["text"], fontsize=fontsize, weight=e["weight"], color=color, ha="left", va="center",
                    linespacing=1.15)

    for j in range(n_pairs):
        if j < len(top_bones):
            draw_bone(top_bones[j], +1, L_top, xs[j])
        if j < len(bottom_bones):
            draw_bone(bottom_bones[j], -1, L_bot, xs[j])

    # legend strip at the bottom left
    lx, ly = X(tail), margin + legend_h / 2
    items = [("o", _RED, 5, gtext("rc_chart_verified", lang)), ("*", _GOLD, 9, gtext("rc_chart_top_voted", lang)),
             ("o", _GREY, 4, gtext("rc_chart_cause", lang))]
    for marker, colr, size, txt in items:
        ax.plot([lx + 5], [ly], marker=marker, color=colr, markersize=size, linestyle="none")
        ax.text(lx + 13, ly, txt, fontsize=fontsize, ha="left", va="center", color=_INK)
        lx += 13 + measure(txt, fontsize=fontsize)[0] + 18
    return ax


# ---------------------------------------------------------------------------------------------
# 5-Why

def why_chain_chart(chains: pd.DataFrame, *, wrap: int = 22, fontsize: float = 9.0, title: str | None = None,
                    lang: str = "zh", ax: Axes | None = None) -> Axes:
    """5-Why chains as columns of boxes, step 1 at the top, arrows down to the root cause.

    Each box shows "Why n" and the answer (``because``); evidence, when given, is written under the
    answer in grey. The root cause box is red; a chain without a flagged root ends in an open box.

    Parameters
    ----------
    chains : DataFrame
        Output of :func:`sqmkit.rootcause.why_chains`.
    wrap, fontsize : layout of the box texts (display columns, points).
    lang : {"zh", "en"}
    ax : Axes, optional (its figure is resized to the layout)

    Returns
    -------
    Axes
    """
    check_lang(lang)
    _need(chains, ["chain_id", "step", "why", "because", "is_root"], "why_chain_chart")
    if len(chains) == 0:
        raise DataValidationError(message("rc_plot_no_whys"), table="whys")
    set_theme()
    B = _bold()
    measure = _Measure()
    gap_y, gap_x, margin, pad = 26.0, 30.0, 18.0, 6.0
    cols = []
    for cid, grp in chains.groupby("chain_id", sort=False):
        boxes = []
        for _, r in grp.iterrows():
            head = gtext("rc_chart_why", lang) + f" {int(r['step'])}"
            if r["is_root"]:
                head += " · " + gtext("rc_chart_root", lang)
            body = wrap_text(str(r["because"]), wrap)
            ev = r.get("evidence")
            evt = wrap_text(f"[{ev}]", wrap) if ev is not None and pd.notna(ev) else ""
            text = f"{head}\n{body}" + (f"\n{evt}" if evt else "")
            w, h = measure(text, fontsize=fontsize, weight=B if r["is_root"] else "normal")
            boxes.append({"text": text, "w": w, "h": h, "root": bool(r["is_root"])})
        if not boxes[-1]["root"]:
            boxes[-1]["text"] += "\n" + gtext("rc_chart_open", lang)
            boxes[-1]["h"] = measure(boxes[-1]["text"], fontsize=fontsize)[1]
            boxes[-1]["w"] = max(boxes[-1]["w"], measure(boxes[-1]["text"], fontsize=fontsize)[0])
        first_why = wrap_text(gtext("rc_chart_chain", lang) + f" {cid}: {grp.iloc[0]['why']}", wrap)
        hw, hh = measure(first_why, fontsize=fontsize + 1, weight=B)
        cols.append({"id": cid, "boxes": boxes, "head": first_why, "hw": hw, "hh": hh,
                     "w": max([b["w"] for b in boxes] + [hw]) + 2 * pad})
    col_h = [c["hh"] + 14 + sum(b["h"] + 2 * pad + gap_y for b in c["boxes"]) - gap_y for c in cols]
    title_txt = title if title is not None else gtext("rc_chart_why_title", lang)
    th = measure(title_txt, fontsize=fontsize + 3, weight=B)[1] + 12
    width = 2 * margin + sum(c["w"] for c in cols) + gap_x * (len(cols) - 1)
    width = max(width, measure(title_txt, fontsize=fontsize + 3, weight=B)[0] + 2 * margin)
    height = 2 * margin + th + max(col_h)

    import matplotlib.pyplot as plt
    if ax is None:
        _, ax = plt.subplots(figsize=(width / 72, height / 72))
    ax.figure.set_size_inches(width / 72, height / 72)
    ax.set_position([0, 0, 1, 1])
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    ax.text(margin, height - margin, title_txt, fontsize=fontsize + 3, weight=B, ha="left", va="top")
    x = margin
    for c in cols:
        cx = x + c["w"] / 2
        y = height - margin - th
        ax.text(cx, y - c["hh"] / 2, c["head"], fontsize=fontsize + 1, weight=B, ha="center", va="center")
        y -= c["hh"] + 14
        prev_bottom = None
        for b in c["boxes"]:
            bh = b["h"] + 2 * pad
            if prev_bottom is not None:
                ax.annotate("", xy=(cx, y), xytext=(cx, prev_bottom),
                            arrowprops=dict(arrowstyle="-|>", color=_GREY, lw=1.2))
            color, face = (_RED, "#fdecea") if b["root"] else (_INK, "#f4f6f7")
            ax.text(cx, y - bh / 2, b["text"], fontsize=fontsize, ha="center", va="center", color=color,
                    weight=B if b["root"] else "normal", linespacing=1.2,
                    bbox=dict(boxstyle=f"round,pad={pad / fontsize:.2f}", fc=face, ec=color, lw=1.2))
            prev_bottom = y - bh
            y -= bh + gap_y
        x += c["w"] + gap_x
    return ax
