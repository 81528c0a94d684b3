"""Time every satisfaction and comment-mining function on a large synthetic survey.

    /work/venv/bin/python benchmarks/bench_satisfaction.py [--rows 100000] [--items 30]

100k respondents x 30 SERVQUAL-style items (perception + expectation, 6 items per dimension),
overall (1-5), NPS (0-10), date, channel, segment and a Chinese/English comment (a quarter with a
phone number to mask). Prints one line per call: seconds, rows of the result. No assertions.
"""
from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
import pandas as pd


def make_survey(rows: int, items: int, seed: int = 2025) -> tuple[pd.DataFrame, dict]:
    rng = np.random.default_rng(seed)
    dims = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]
    trait = rng.normal(0, 0.8, rows)
    date = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 365, rows), unit="D")
    after = np.asarray(date >= pd.Timestamp("2025-07-01"))
    data, spec = {}, {}
    for i in range(items):
        dim = dims[i % len(dims)]
        shortfall = 1.5 if dim == "responsiveness" else 0.5
        p, e = f"p{i + 1:02d}", f"e{i + 1:02d}"
        data[p] = np.clip(np.round(5 - shortfall + trait + 0.4 * after + rng.normal(0, 0.8, rows)), 1, 7)
        data[e] = np.clip(np.round(6 + rng.normal(0, 0.7, rows)), 1, 7)
        spec[p] = {"dimension": dim, "expectation": e, "label": f"item {i + 1}"}
    frame = pd.DataFrame(data)
    frame["overall"] = np.clip(np.round(3 + trait + 0.5 * after + rng.normal(0, 0.6, rows)), 1, 5)
    frame["nps"] = np.clip(np.round(6 + 1.5 * trait + after + rng.normal(0, 1.5, rows)), 0, 10)
    frame["date"] = date
    frame["channel"] = rng.choice(["电话", "在线客服", "APP", "邮件"], rows)
    frame["segment"] = rng.choice(["个人", "家庭", "政企"], rows)
    pool = np.array(["等待时间太长，电话打不通，不满意", "客服态度很好，问题很快解决了", "网速太慢，经常掉线",
                     "账单乱扣费，没有人处理", "流程太繁琐，每次都要重新说明情况", "一般吧，没什么特别的",
                     "The agent was not helpful, long wait", "Quick and friendly service, thanks!"])
    comment = pd.Series(rng.choice(pool, rows))
    phone = rng.random(rows) < 0.25
    comment[phone] = comment[phone] + "，请回电1" + pd.Series(rng.integers(3_000_000_000, 9_999_999_999, rows)).astype(str)[phone]
    comment[rng.random(rows) < 0.3] = None
    frame["comment"] = comment
    return frame, spec


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=30)
    args = parser.parse_args()

    from sqmkit import satisfaction as sat
    from sqmkit.satisfaction import comments as text

    t0 = time.perf_counter()
    survey, items = make_survey(args.rows, args.items)
    print(f"synthetic survey: {len(survey):,} rows x {survey.shape[1]} columns in {time.perf_counter() - t0:.2f} s")
    scores = sat.dimension_scores(survey, items=items)
    dims = list(dict.fromkeys(s["dimension"] for s in items.values()))
    weights = {d: 1 / len(dims) for d in dims}
    calls = {
        "csat (overall)": lambda: sat.csat(survey, score="overall"),
        "csat (by channel x segment)": lambda: sat.csat(survey, score="overall", by=["channel", "segment"]),
        "nps (by segment)": lambda: sat.nps(survey, score="nps", by="segment"),
        "dimension_scores": lambda: sat.dimension_scores(survey, items=items),
        "weighted_index (5 dimensions, by channel)": lambda: sat.weighted_index(scores, weights=weights, scale_min=1, scale_max=7, by="channel"),
        "weighted_index (30 items)": lambda: sat.weighted_index(survey, weights={i: 1 / len(items) for i in items}, scale_min=1, scale_max=7),
        "servqual_gaps (overall)": lambda: sat.servqual_gaps(survey, items=items),
        "servqual_gaps (by channel)": lambda: sat.servqual_gaps(survey, items=items, by="channel"),
        "cronbach_alpha (30 items)": lambda: sat.cronbach_alpha(survey, items=list(items)),
        "cronbach_alpha (per dimension)": lambda: sat.cronbach_alpha(survey, items=items),
        "item_analysis (per dimension)": lambda: sat.item_analysis(survey, items=items),
        "key_drivers (30 items, relative weights)": lambda: sat.key_drivers(survey, outcome="overall", drivers=list(items)),
        "key_drivers (5 dimensions) + derived_ipa": lambda: sat.derived_ipa(sat.key_drivers(scores, outcome="overall", drivers=dims)),
        "compare_groups (Kruskal-Wallis, channel)": lambda: sat.compare_groups(survey, score="overall", group="channel"),
        "compare_groups (Mann-Whitney, 2 segments)": lambda: sat.compare_groups(survey[survey["segment"] != "政企"], score="overall", group="segment"),
        "before_after": lambda: sat.before_after(survey, score="overall", date="date", split="2025-07-01"),
        "monthly_trend (nps)": lambda: sat.monthly_trend(survey, score="nps", date="date", statistic="nps"),
        "mask_pii (all comments)": lambda: text.mask_pii(survey["comment"]),
        "themes": lambda: text.themes(survey, text="comment", score="overall"),
        "top_terms (all comments, jieba)": lambda: text.top_terms(survey, text="comment"),
        "top_terms (low scorers, by channel)": lambda: text.top_terms(survey, text="comment", score="overall", max_score=2, by="channel"),
        "theme_examples": lambda: text.theme_examples(survey, text="comment", score="overall"),
    }
    total = 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, call in calls.items():
            start = time.perf_counter()
            result = call()
            elapsed = time.perf_counter() - start
            total += elapsed
            print(f"{elapsed:8.3f} s  {name:<45} -> {len(result):,} rows")
    print(f"{total:8.3f} s  total of {len(calls)} calls")


if __name__ == "__main__":
    main()
