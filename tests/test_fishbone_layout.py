"""Structural layout test of the fishbone drawing: 8 categories x 6 causes x 3 levels, long Chinese text.

No two texts may overlap and every text must lie inside the figure (window extents from the
renderer), so the drawing stays legible however much the workshop writes.
"""
from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.text import Text

from sqmkit import rootcause as rc
from sqmkit.rootcause import plots as prc
from sqmkit.plots import save_figure

LONG = ["坐席新员工比例高且岗前培训周期被压缩，导致处理复杂业务时频繁转接",
        "晚间来电高峰时段排班人数不足，排队时间明显拉长",
        "知识库文章过期且检索关键词不匹配，查找答案平均需要四分钟以上",
        "派单系统只按空闲分配，不考虑坐席技能标签"]
CATEGORIES = ["人", "机", "料", "法", "环", "测", "客户", "政策"]  # 6M plus two bones outside the preset


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _big_causes(n_cat=8, n_cause=6, text=LONG):
    rows, k = [], 0
    for c in CATEGORIES[:n_cat]:
        for i in range(n_cause):
            k += 1
            top = f"K{k:03d}"
            rows.append(("PR01", top, c, f"{c}{i + 1}：{text[i % len(text)]}", None, (k * 7) % 11, k % 9 == 0))
            k += 1
            sub = f"K{k:03d}"
            rows.append(("PR01", sub, c, f"子原因：{text[(i + 1) % len(text)]}", top, 1, False))
            k += 1
            rows.append(("PR01", f"K{k:03d}", c, f"更深一层：{text[(i + 2) % len(text)]}", sub, 0, k % 7 == 0))
    return pd.DataFrame(rows, columns=["problem_id", "cause_id", "category", "cause", "parent_id", "votes", "verified"])


def _texts(fig):
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _check_layout(fig):
    renderer = fig.canvas.get_renderer()
    texts = _texts(fig)
    boxes = [t.get_window_extent(renderer) for t in texts]
    fb = fig.bbox
    outside = [t.get_text()[:12] for t, b in zip(texts, boxes)
               if b.x0 < fb.x0 or b.y0 < fb.y0 or b.x1 > fb.x1 or b.y1 > fb.y1]
    assert not outside, f"texts outside the figure: {outside}"
    overlaps = [(texts[i].get_text()[:12], texts[j].get_text()[:12])
                for i, j in itertools.combinations(range(len(boxes)), 2) if boxes[i].overlaps(boxes[j])]
    assert not overlaps, f"overlapping texts: {overlaps[:5]}"
    return texts


def test_fishbone_8x6x3_long_chinese_never_overlaps(tmp_path):
    model = rc.fishbone_table(_big_causes(), problem_id="PR01")
    assert model["level"].max() == 3 and model["bone"].nunique() == 8 and len(model) == 8 * 6 * 3
    ax = prc.fishbone_chart(model, effect="首次响应时间太长：上半年中位数45分钟，目标30分钟以内", lang="zh")
    fig = ax.figure
    fig.canvas.draw()
    texts = _check_layout(fig)
    # every cause, every bone and the effect are drawn
    assert len(texts) >= 8 * 6 * 3 + 8 + 1
    labels = {t.get_text() for t in texts}
    assert set(CATEGORIES) <= labels
    assert any("目标30分钟" in t for t in labels)
    # the figure grew with the content
    w, h = fig.get_size_inches()
    assert w > 12 and h > 10
    # saved as PNG and SVG
    for suffix in ("png", "svg"):
        path = save_figure(ax, tmp_path / f"fishbone.{suffix}")
        assert path.stat().st_size > 10_000


def test_fishbone_english_and_odd_number_of_bones():
    text = ["Routing ignores agent skills so tickets bounce between teams",
            "Evening shift understaffed against the call peak", "Knowledge base cannot be searched by keyword"]
    model = rc.fishbone_table(_big_causes(n_cat=5, n_cause=4, text=text), lang="en")
    ax = prc.fishbone_chart(model, effect="First response too slow", lang="en", wrap=24)
    ax.figure.canvas.draw()
    _check_layout(ax.figure)


def test_fishbone_small_and_empty_bones_fit():
    small = rc.fishbone_table(_big_causes(n_cat=2, n_cause=1))
    ax = prc.fishbone_chart(small, effect="首次响应太慢", categories=rc.preset_categories("6m", "zh"))
    ax.figure.canvas.draw()
    texts = _check_layout(ax.figure)
    assert {"人", "机", "料", "法", "环", "测"} <= {t.get_text() for t in texts}  # empty bones drawn as prompts
