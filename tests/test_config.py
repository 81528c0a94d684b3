"""sqmkit.yaml (sqmkit.config): every bad value is named with its key and fix, never a traceback."""
from __future__ import annotations

import time

import pytest

from sqmkit import config
from sqmkit.exceptions import ConfigError


def write(tmp_path, text: str):
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "sqmkit.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("text, message", [
    ("client: x\nas_of: 2025-06-31\n", r"`as_of` is '2025-06-31', which is not a date\. Fix: write a real date as YYYY-MM-DD"),
    ("client: x\nperiod: {start: 2025-02-30}\n", r"`period.start` is '2025-02-30', which is not a date"),
    ("client: x\nintervention_date: 07/01/2025\n", r"`intervention_date` is '07/01/2025', which is not a date"),
    ("client: x\ndate_order: DDMMYY\n", r"The value for `date_order` must be one of \['DMY', 'MDY', 'YMD'\], but 'DDMMYY'"),
    ("client: x\ntimezone: CET+1\n", r"`timezone` is 'CET\+1', which is not an IANA time-zone name\. Fix: .*Asia/Shanghai"),
    ("client: [a, b]\n", r"`client` must be text; got list"),
    ("client: x\nsurvey: {nps: nps}\n", r"`survey.nps` must be a mapping such as \{column: nps\}; got 'nps'"),
    ("client: x\nsurvey: {overall: {column: 5}}\n", r"`survey.overall.column` must be a column name; got 5"),
])
def test_bad_values_name_the_key(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        config.load_config(write(tmp_path, text))


def test_dates_and_new_keys(tmp_path):
    loaded = config.load_config(write(tmp_path, "client: x\nas_of: 2025-12-20\nperiod: {start: 2025-01-01, end: "
                                                "2025-12-31}\ndate_order: dmy\ntimezone: Asia/Shanghai\n"))
    assert str(loaded["as_of"].date()) == "2025-12-20" and loaded["period"]["end"].month == 12
    assert loaded["date_order"] == "DMY" and loaded["timezone"] == "Asia/Shanghai"
    assert loaded["survey"]["overall"]["column"] == "overall" and not loaded["survey"]["overall"]["named"]


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    started = time.perf_counter()
    with pytest.raises(ConfigError, match=r"not valid YAML at line 1.*uses a YAML anchor \(&name\)"):
        config.load_config(write(tmp_path, bomb + "client: *i\n"))
    assert time.perf_counter() - started < 5  # refused before anything expands (not a timing benchmark)


def test_an_oversized_config_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="a sqmkit.yaml holds a few settings"):
        config.load_config(write(tmp_path, "client: x\n" + "# filler\n" * 200_000))


SETTINGS = """# 星海电信的工作簿配置
client: 星海电信客服中心     # 显示在报告首页
lang: zh
period: {start: 2025-01-01, end: 2025-12-31}
survey:
  scale: {min: 1, max: 7}
  items:
    p01: {dimension: tangibles}
    p02: {dimension: reliability}
  dimension_weights: {tangibles: 0.5, reliability: 0.5}   # 加权满意度指数
parameters:
  freq: MS            # 月度
"""


def test_save_settings_keeps_comments_order_and_the_rest(tmp_path):
    import os
    import stat

    folder = write(tmp_path, SETTINGS)
    os.chmod(folder / "sqmkit.yaml", 0o640)
    config.save_settings(folder, {"parameters": {"weight_gap": 0.5},
                                  "survey": {"dimension_weights": {"tangibles": 0.2, "reliability": 0.8}}})
    text = (folder / "sqmkit.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 星海电信的工作簿配置\nclient: 星海电信客服中心     # 显示在报告首页\n")
    assert "freq: MS            # 月度" in text and "weight_gap: 0.5" in text
    assert "dimension_weights: {tangibles: 0.2, reliability: 0.8}   # 加权满意度指数" in text
    loaded = config.load_config(folder)
    assert loaded["parameters"] == {"freq": "MS", "weight_gap": 0.5}
    assert loaded["survey"]["dimension_weights"] == {"tangibles": 0.2, "reliability": 0.8}
    assert stat.S_IMODE((folder / "sqmkit.yaml").stat().st_mode) == 0o640
    backups = list((folder / ".backup").iterdir())
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == SETTINGS


def test_save_settings_refuses_what_would_not_load_and_the_sample(tmp_path):
    from sqmkit.resources import sample_workbook
    from sqmkit.backups import ReadOnlyWorkbookError

    folder = write(tmp_path, SETTINGS)
    with pytest.raises(ConfigError, match=r"`survey.dimension_weights` names \['speed'\], which no item"):
        config.save_settings(folder, {"survey": {"dimension_weights": {"speed": 1}}})
    assert (folder / "sqmkit.yaml").read_text(encoding="utf-8") == SETTINGS
    with pytest.raises(ReadOnlyWorkbookError, match="bundled sample workbook, which is read-only"):
        config.save_settings(sample_workbook(), {"parameters": {"freq": "W"}})
