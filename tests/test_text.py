"""Tests of sqmkit.satisfaction.comments: PII masking, tokenizing with negators, top terms, themes, examples."""
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from sqmkit.satisfaction import comments as T
from sqmkit.exceptions import DataValidationError

COMMENTS = pd.DataFrame({
    "comment": ["等待时间太长，电话打不通，不满意", "客服态度很好，问题很快解决了，满意",
                "网速太慢，经常掉线，联系我13812345678", "账单乱扣费，没有人处理，我不满意",
                "等待时间太长，电话打不通，不满意", None, "  ", "The agent was not helpful, long wait",
                "一般"],
    "overall": [1, 5, 2, 1, 2, 3, 4, 2, 3],
    "channel": ["电话", "APP", "电话", "在线客服", "电话", "APP", "APP", "邮件", "APP"],
})


@pytest.mark.parametrize("raw, expected", [
    ("请回电13812345678谢谢", "请回电[电话]谢谢"),
    ("手机 138-1234-5678 或 +86 139 1234 5678", "手机 [电话] 或 [电话]"),
    ("座机 010-12345678，(021)87654321，0755 1234567", "座机 [电话]，[电话]，[电话]"),
    ("热线 400-810-1234", "热线 [电话]"),
    ("邮箱 zhang.san+cs@example.com.cn", "邮箱 [邮箱]"),
    # valid GB 11643-1999 check digits (ISO 7064 MOD 11-2); tests/test_pii.py has the rule and the wrong-digit cases
    ("身份证 11010519491231002X 和 110101199003071233", "身份证 [身份证号] 和 [身份证号]"),
    ("订单号 202501011234567890123，金额 100 元，工单 12345", "订单号 202501011234567890123，金额 100 元，工单 12345"),
])
def test_mask_pii_patterns(raw, expected):
    assert T.mask_pii(raw) == expected


def test_mask_pii_types_and_lang():
    s = pd.Series(["call 13912345678", None, np.nan])
    out = T.mask_pii(s, lang="en")
    assert out.iloc[0] == "call [phone]" and out.iloc[1:].isna().all()
    assert T.mask_pii(["a@b.cn"], lang="en") == ["[email]"]
    with pytest.raises(DataValidationError, match=r"The value for `lang` must be one of \['zh', 'en'\], but 'fr' was passed"):
        T.mask_pii("x", lang="fr")


def test_negators_survive_and_attach():
    # 不满意 must stay one term and never become 满意
    toks = T.tokenize("我对这次服务不满意")
    assert "不满意" in toks and "满意" not in toks
    assert "不满意" in T.tokenize("非常不满意！")
    assert "没解决" in T.tokenize("问题没解决") and "解决" not in T.tokenize("问题没解决")
    assert any(t.startswith("不") for t in T.tokenize("客服不专业"))
    assert "满意" in T.tokenize("很满意")
    for neg in ("不", "没", "未", "无"):
        assert neg not in T.STOP_WORDS_ZH
    assert T.tokenize("The agent was not helpful") == ["agent", "not helpful"]
    assert "helpful" not in T.tokenize("not helpful at all")


def test_tokenize_domain_words_pii_and_errors():
    toks = T.tokenize("等待时间太长，电话打不通，联系13812345678或a@b.com")
    assert {"等待时间", "打不通"} <= set(toks)
    assert not any(ch.isdigit() for t in toks for ch in t) and "com" not in toks
    assert T.tokenize(None) == [] and T.tokenize("   ") == []
    with pytest.raises(DataValidationError, match=r"The value for `lang` must be one of \['auto', 'zh', 'en'\]"):
        T.tokenize("x", lang="de")


def test_jieba_quiet_and_global_state_untouched():
    code = ("import jieba, sqmkit.satisfaction.comments as T; T.tokenize('等待时间太长'); "
            "print(jieba.dt.initialized, jieba.dt.FREQ.get('打不通'))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.split() == ["False", "None"]  # the global tokenizer was never initialised
    assert "Building prefix dict" not in res.stderr and "Loading model" not in res.stderr
    res = subprocess.run([sys.executable, "-c", "import sys, sqmkit.satisfaction.comments; print('jieba' in sys.modules)"],
                         capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "False"  # nothing is loaded at import time


def test_top_terms_overall_low_scores_and_groups():
    out = T.top_terms(COMMENTS, text="comment", top=5)
    assert list(out.columns) == ["rank", "term", "count", "comments", "pct"]
    first = out.iloc[0]
    assert first["term"] == "不满意" and first["count"] == 3 and first["comments"] == 3
    assert first["pct"] == pytest.approx(3 / 7 * 100)  # 7 non-blank comments
    low = T.top_terms(COMMENTS, text="comment", score="overall", max_score=1)
    assert set(low["term"]) >= {"不满意", "打不通"} and "满意" not in set(low["term"])
    by = T.top_terms(COMMENTS, text="comment", by="channel", top=2)
    assert list(by.columns[:2]) == ["channel", "rank"] and by.groupby("channel").size().max() <= 2
    assert not out["term"].str.contains("138").any()
    with pytest.raises(DataValidationError, match=r"Pass both `score` and `max_score`"):
        T.top_terms(COMMENTS, text="comment", score="overall")
    with pytest.raises(DataValidationError, match=r"Table 'survey' has no column \['nope'\]"):
        T.top_terms(COMMENTS, text="nope")


def test_themes_counts_and_other():
    out = T.themes(COMMENTS, text="comment", score="overall")
    t = out.set_index("theme")
    assert t.loc["waiting", "comments"] == 3  # two 等待 comments + "long wait"
    assert t.loc["waiting", "mean_score"] == pytest.approx((1 + 2 + 2) / 3)
    assert t.loc["network", "comments"] == 1 and t.loc["cost", "comments"] == 1
    assert t.loc["other", "comments"] == 1 and t.loc["other", "label"] == "其他"  # 一般
    assert out["theme"].iloc[-1] == "other" and out["theme"].iloc[0] == "waiting"
    assert t.loc["waiting", "pct"] == pytest.approx(3 / 7 * 100)
    en = T.themes(COMMENTS, text="comment", by="channel", lang="en")
    assert en.columns[0] == "channel" and "Waiting / response" in set(en["label"])
    with pytest.raises(DataValidationError, match=r"Theme 'x' in `rules` has no keywords"):
        T.themes(COMMENTS, text="comment", rules={"x": {"zh": "空"}})


def test_theme_examples_masked_lowest_first():
    out = T.theme_examples(COMMENTS, text="comment", score="overall", per_theme=2)
    net = out[out["theme"] == "network"]
    assert net["comment"].iloc[0] == "网速太慢，经常掉线，联系我[电话]"
    wait = out[out["theme"] == "waiting"]
    assert wait["score"].tolist() == [1, 2] and wait["comment"].nunique() == 2  # duplicates dropped
    with pytest.raises(DataValidationError, match=r"`per_theme` must be a whole number >= 1"):
        T.theme_examples(COMMENTS, text="comment", per_theme=0)
