"""The one seaborn theme, CJK fonts, and label translation shared by every chart module."""
from __future__ import annotations

from typing import TYPE_CHECKING

import functools
import logging
from pathlib import Path

import matplotlib
from matplotlib import font_manager

from sqmkit.glossary import translate

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["set_theme", "cjk_font_name", "label", "new_axes", "save_figure"]

# System fonts that render Simplified Chinese, in order of preference. A system font wins over
# the packaged one (users' machines often have a nicer, hinted font); the packaged Noto Sans CJK
# (OFL, from the `noto-cjk-sans-otc` package) guarantees Chinese on a fresh machine.
_SYSTEM_CJK_FONTS = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Hiragino Sans GB", "Heiti SC",
)
_PACKAGED_CJK_FONT = "Noto Sans CJK SC"


@functools.cache
def cjk_font_name() -> str:
    """Return the name of the font used for Chinese text, registering the packaged one if needed."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in _SYSTEM_CJK_FONTS:
        if name in installed:
            return name
    import noto_cjk_sans_otc

    font_manager.fontManager.addfont(str(Path(str(noto_cjk_sans_otc.FONT_PATH))))
    return _PACKAGED_CJK_FONT


def set_theme(context: str = "notebook") -> None:
    """Apply sqmkit's seaborn theme with a font that renders Chinese and Latin text."""
    import seaborn as sns

    cjk = cjk_font_name()
    sns.set_theme(context=context, style="whitegrid", palette="deep", rc={
        "font.family": "sans-serif",
        "font.sans-serif": [cjk, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "savefig.bbox": "tight",
        "axes.titleweight": "normal",  # the packaged CJK font has no bold face
        "axes.titlesize": "large",
        # labels come from the client's data: "$" in a category name is text, not matplotlib mathtext
        "text.parse_math": False,
    })
    # Bold text (fontweight="bold") falls back to the regular CJK face; matplotlib's
    # "findfont: ... bold" notice for that fallback is noise in every notebook.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


def label(texts: dict[str, dict[str, str]], key: str, lang: str = "zh") -> str:
    """Translate ``key`` with a module's table ``{key: {"zh": ..., "en": ...}}``; fall back to English, then key."""
    return translate(texts, key, lang)


def new_axes(ax: Axes | None = None, figsize: tuple[float, float] = (8, 4.5)) -> Axes:
    """Return ``ax`` or a fresh Axes on a new figure of ``figsize``."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    set_theme()
    _, ax = plt.subplots(figsize=figsize)
    return ax


def save_figure(ax_or_fig: Axes | matplotlib.figure.Figure, path: str | Path) -> Path:
    """Save a chart as PNG or SVG (by suffix); returns the path."""
    fig = ax_or_fig if isinstance(ax_or_fig, matplotlib.figure.Figure) else ax_or_fig.figure
    path = Path(path)
    fig.savefig(path)
    return path
