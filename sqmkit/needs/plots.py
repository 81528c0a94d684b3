"""Charts for the needs step: Kano Better–Worse diagram, IPA quadrant chart, priority bars.

They draw the tables of :mod:`sqmkit.needs` as they are; nothing is computed here except where
labels go (a small label-repulsion step so crowded points stay readable).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TYPE_CHECKING

import numpy as np
import pandas as pd

from sqmkit.glossary import column_label, text, value_label
from sqmkit.plots import new_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["kano_chart", "ipa_quadrant_chart", "priority_chart"]

_QUADRANT_COLORS = {"concentrate": "#C44E52", "keep_up": "#55A868", "low_priority": "#8C8C8C",
                    "overkill": "#4C72B0"}
_KANO_COLORS = {"M": "#C44E52", "O": "#4C72B0", "A": "#55A868", "I": "#8C8C8C", "R": "#8172B3",
                "Q": "#CCB974"}


def _display_names(table: pd.DataFrame, key: str, names: Mapping[Any, str] | pd.Series | None) -> list[str]:
    ids = table[key].tolist()
    if names is None:
        return [str(i) for i in ids]
    lookup = dict(names.items()) if isinstance(names, pd.Series) else dict(names)
    return [str(lookup.get(i, i)) for i in ids]


def _place_labels(ax, xs, ys, texts, *, fontsize: float = 9, color="0.15",
                  obstacles: list[Any] | None = None, max_steps: int = 40) -> None:
    """Write ``texts`` next to their points so that no label covers another label or a point.

    Greedy placement in display (pixel) space: label by label (in table order, so the first rows
    get the closest spots), try positions around the point — up-right, right, down-right, up,
    down, up-left, left, down-left — at growing distance, and take the first that stays inside the
    axes and overlaps no placed label, no point marker and no obstacle (the quadrant names). A
    label placed away from its point gets a thin leader line.
    """
    renderer = ax.figure.canvas.get_renderer()
    pts = ax.transData.transform(np.column_stack([xs, ys]))
    artists = [ax.text(0, 0, t, fontsize=fontsize, color=color, ha="center", va="center", zorder=5,
                       bbox={"boxstyle": "square,pad=0.08", "fc": "white", "ec": "none", "alpha": 0.75})
               for t in texts]
    frame = ax.get_window_extent(renderer)
    pad, marker = 1.5, 5.0
    taken = [np.array([px - marker, py - marker, px + marker, py + marker]) for px, py in pts]
    for ob in obstacles or []:
        ext = ob.get_window_extent(renderer)
        taken.append(np.array([ext.x0, ext.y0, ext.x1, ext.y1]))
    directions = [(0.7, 0.7), (1, 0), (0.7, -0.7), (0, 1), (0, -1), (-0.7, 0.7), (-1, 0), (-0.7, -0.7)]
    inv = ax.transData.inverted()
    for i, art in enumerate(artists):
        ext = art.get_window_extent(renderer)
        w, h = ext.width, ext.height
        px, py = pts[i]
        chosen, chosen_step = None, 0
        for step in range(max_steps):
            r = 4.0 + step * h * 0.8
            for dx, dy in directions:
                cx = px + dx * r + np.sign(dx) * w / 2
                cy = py + dy * r + np.sign(dy) * h / 2
                b = np.array([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2])
                if b[0] < frame.x0 + 2 or b[2] > frame.x1 - 2 or b[1] < frame.y0 + 2 or b[3] > frame.y1 - 2:
                    continue
                if any(b[0] < t[2] + pad and t[0] < b[2] + pad and b[1] < t[3] + pad and t[1] < b[3] + pad
                       for t in taken):
                    continue
                chosen, chosen_step = b, step
                break
            if chosen is not None:
                break
        if chosen is None:  # no free spot: keep the default spot up-right of the point
            chosen = np.array([px + 4, py + 4, px + 4 + w, py + 4 + h])
        taken.append(chosen)
        centre = inv.transform([((chosen[0] + chosen[2]) / 2, (chosen[1] + chosen[3]) / 2)])[0]
        art.set_position(centre)
        if chosen_step > 0:
            ax.annotate("", xy=(xs[i], ys[i]), xytext=centre,
                        arrowprops={"arrowstyle": "-", "color": "0.55", "lw": 0.6, "shrinkA": 0, "shrinkB": 3},
                        zorder=4)


def _corner_labels(ax, texts_by_corner: dict[str, tuple[str, str]]):
    """Quadrant names in the axes corners; returns the text artists (obstacles for point labels)."""
    spots = {"tl": (0.02, 0.98, "left", "top"), "tr": (0.98, 0.98, "right", "top"),
             "bl": (0.02, 0.02, "left", "bottom"), "br": (0.98, 0.02, "right", "bottom")}
    artists = []
    for corner, (words, color) in texts_by_corner.items():
        x, y, ha, va = spots[corner]
        artists.append(ax.text(x, y, words, transform=ax.transAxes, ha=ha, va=va, fontsize=10,
                               color=color, alpha=0.9, zorder=3,
                               bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": color, "alpha": 0.8}))
    return artists


def ipa_quadrant_chart(table: pd.DataFrame, *, names: Mapping[Any, str] | pd.Series | None = None,
              lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Importance–performance quadrant chart of :func:`sqmkit.needs.importance_performance`.

    Performance on the horizontal axis, importance on the vertical one (Martilla & James 1977);
    the cross-hair lines are the table's ``importance_line``/``performance_line``; points are
    coloured by quadrant and labelled by ``names[item]`` (or the item id), pushed apart when crowded.
    Needs without ratings are left out.
    """
    ax = new_axes(ax, figsize=(9, 6.5))
    data = table[table["importance"].notna() & table["performance"].notna()].reset_index(drop=True)
    for quadrant, color in _QUADRANT_COLORS.items():
        part = data[data["quadrant"] == quadrant]
        ax.scatter(part["performance"], part["importance"], s=46, color=color, zorder=3,
                   edgecolor="white", linewidth=0.6, label=value_label(quadrant, lang, column="quadrant"))
    if len(data):
        ax.axvline(data["performance_line"].iloc[0], color="0.35", lw=1, ls="--", zorder=2)
        ax.axhline(data["importance_line"].iloc[0], color="0.35", lw=1, ls="--", zorder=2)
        xs = np.r_[data["performance"], data["performance_line"].iloc[0]]
        ys = np.r_[data["importance"], data["importance_line"].iloc[0]]
        xpad = max(np.ptp(xs) * 0.18, 0.3)
        ypad = max(np.ptp(ys) * 0.18, 0.3)
        ax.set_xlim(xs.min() - xpad, xs.max() + xpad)
        ax.set_ylim(ys.min() - ypad, ys.max() + ypad)
    ax.set_xlabel(text("nd_plot_performance", lang))
    ax.set_ylabel(text("nd_plot_importance", lang))
    ax.set_title(text("nd_plot_ipa_title", lang))
    corners = _corner_labels(ax, {
        corner: (value_label(q, lang, column="quadrant"), _QUADRANT_COLORS[q])
        for corner, q in (("tl", "concentrate"), ("tr", "keep_up"), ("bl", "low_priority"), ("br", "overkill"))
    })
    if len(data):
        _place_labels(ax, data["performance"].to_numpy(float), data["importance"].to_numpy(float),
                      _display_names(data, "item", names), obstacles=corners)
    return ax


def kano_chart(table: pd.DataFrame, *, names: Mapping[Any, str] | pd.Series | None = None,
               line: float = 0.5, lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Better–Worse diagram of :func:`sqmkit.needs.kano_table` (Berger et al. 1993, Timko's plot).

    |Worse| on the horizontal axis, Better on the vertical one, both 0–1, reference lines at
    ``line``: top-right one-dimensional (O), top-left attractive (A), bottom-right must-be (M),
    bottom-left indifferent (I). Points are coloured by the table's ``category`` (mode) and
    labelled by ``names[attribute]`` or the attribute id. Attributes without coefficients are left out.
    """
    ax = new_axes(ax, figsize=(9, 6.5))
    data = table[table["better"].notna() & table["worse"].notna()].reset_index(drop=True)
    xs = data["worse"].abs().to_numpy(float)
    ys = data["better"].to_numpy(float)
    for cat, color in _KANO_COLORS.items():
        mask = (data["category"] == cat).to_numpy()
        if mask.any():
            ax.scatter(xs[mask], ys[mask], s=46, color=color, zorder=3, edgecolor="white", linewidth=0.6,
                       label=value_label(cat, lang, column="kano_category"))
    ax.axvline(line, color="0.35", lw=1, ls="--", zorder=2)
    ax.axhline(line, color="0.35", lw=1, ls="--", zorder=2)
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(text("nd_plot_worse", lang))
    ax.set_ylabel(text("nd_plot_better", lang))
    ax.set_title(text("nd_plot_kano_title", lang))
    corners = _corner_labels(ax, {
        corner: (value_label(cat, lang, column="kano_category"), _KANO_COLORS[cat])
        for corner, cat in (("tl", "A"), ("tr", "O"), ("bl", "I"), ("br", "M"))
    })
    if len(data):
        _place_labels(ax, xs, ys, _display_names(data, "attribute", names), obstacles=corners)
    return ax


def priority_chart(table: pd.DataFrame, *, top: int | None = None, lang: str = "zh", ax: Axes | None = None) -> Axes:
    """Horizontal bars of :func:`sqmkit.needs.priority_ranking`, split into the weighted parts.

    Each bar is weight_gap·gap_norm + weight_kano·kano_score + weight_mentions·mentions_norm = score,
    rank 1 at the top; the weights are shown in the legend.
    """
    data = table.sort_values("rank").head(top) if top else table.sort_values("rank")
    ax = new_axes(ax, figsize=(9, max(3.0, 0.42 * len(data) + 1.3)))
    names = [f"{i} {n}" if str(n) != str(i) else str(i) for i, n in zip(data["need_id"], data["need"])]
    y = np.arange(len(data))[::-1]
    left = np.zeros(len(data))
    parts = [("gap", "gap_norm", "#C44E52"), ("kano", "kano_score", "#4C72B0"),
             ("mentions", "mentions_norm", "#DD8452")]
    names_of = {"gap": text("nd_plot_gap", lang), "kano": column_label("kano_category", lang),
                "mentions": column_label("mentions", lang)}
    for key, col, color in parts:
        w = float(data[f"weight_{key}"].iloc[0]) if len(data) else 0.0
        width = (data[f"weight_{key}"] * data[col]).to_numpy(float)
        ax.barh(y, width, left=left, color=color, height=0.68,
                label=text("nd_plot_part_weight", lang, part=names_of[key], weight=w))
        left += width
    for yi, score in zip(y, data["score"]):
        ax.text(score + 0.01, yi, f"{score:.2f}", va="center", fontsize=9)
    ax.set_yticks(y, names)
    ax.set_xlim(0, max(1.0, float(data["score"].max()) + 0.08) if len(data) else 1.0)
    ax.set_xlabel(text("nd_plot_score", lang))
    ax.set_title(text("nd_plot_priority_title", lang))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1 - 1.2 / max(len(data), 3) / 3), ncol=3,
              fontsize=9, frameon=False)
    ax.grid(axis="y", visible=False)
    return ax
