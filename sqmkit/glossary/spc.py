"""Terms of the control charts and run charts (:mod:`sqmkit.spc.plots`), each {"zh": ..., "en": ...}.

The meaning of each rule number is ``spc_rule_<rule set>_<number>`` (with the default run lengths of
:data:`sqmkit.spc.DEFAULT_RUN_LENGTHS`).
"""
from __future__ import annotations

__all__ = ["COLUMNS", "VALUES", "TEXTS"]

COLUMNS: dict[str, dict[str, str]] = {}
VALUES: dict[str, dict[object, dict[str, str]]] = {}

_BEYOND = {"zh": "超出控制限", "en": "beyond a control limit"}
_TWO_OF_THREE = {"zh": "3 点中 2 点在 2σ 外 (同侧)", "en": "2 of 3 beyond 2σ (same side)"}
_FOUR_OF_FIVE = {"zh": "5 点中 4 点在 1σ 外 (同侧)", "en": "4 of 5 beyond 1σ (same side)"}

TEXTS: dict[str, dict[str, str]] = {
    # control chart (control_chart_plot)
    "spc_center": {"zh": "中心线", "en": "Center"},
    "spc_limits": {"zh": "控制限 (±3σ)", "en": "Control limits (±3σ)"},
    "spc_zone1": {"zh": "±1σ 区", "en": "±1σ zone"},
    "spc_zone2": {"zh": "±2σ 区", "en": "±2σ zone"},
    "spc_signal": {"zh": "判异点 (数字=规则号)", "en": "Signal (number = rule)"},
    "spc_rule": {"zh": "规则 {n}：{text}", "en": "Rule {n}: {text}"},
    "spc_phase2": {"zh": "阶段 II (冻结控制限)", "en": "Phase II (frozen limits)"},
    "spc_stage": {"zh": "分阶段", "en": "Stage"},
    "spc_point": {"zh": "序号", "en": "Point number"},
    "spc_data": {"zh": "数据", "en": "Data"},
    "spc_no_data": {"zh": "无数据", "en": "No data"},
    # run chart (run_chart_plot)
    "spc_median": {"zh": "中位数", "en": "Median"},
    "spc_run_title": {"zh": "运行图 (Anhøj 规则)", "en": "Run chart (Anhøj rules)"},
    "spc_run_note": {"zh": "最长游程 {longest}（上限 {longest_max}），穿越中位数次数 {crossings}（下限 {crossings_min}）：{verdict}",
                     "en": "Longest run {longest} (limit {longest_max}), crossings {crossings} (limit {crossings_min}): "
                           "{verdict}"},
    "spc_signal_yes": {"zh": "存在非随机变异", "en": "non-random variation"},
    "spc_signal_no": {"zh": "未见非随机变异", "en": "random variation only"},
    # what each rule number means
    "spc_rule_western_electric_1": _BEYOND,
    "spc_rule_western_electric_2": _TWO_OF_THREE,
    "spc_rule_western_electric_3": _FOUR_OF_FIVE,
    "spc_rule_western_electric_4": {"zh": "连续 8 点在中心线同侧", "en": "8 in a row on one side"},
    "spc_rule_nelson_1": _BEYOND,
    "spc_rule_nelson_2": {"zh": "连续 9 点在中心线同侧", "en": "9 in a row on one side"},
    "spc_rule_nelson_3": {"zh": "连续 6 点递增或递减", "en": "6 in a row rising or falling"},
    "spc_rule_nelson_4": {"zh": "连续 14 点交替升降", "en": "14 in a row alternating"},
    "spc_rule_nelson_5": _TWO_OF_THREE,
    "spc_rule_nelson_6": _FOUR_OF_FIVE,
    "spc_rule_nelson_7": {"zh": "连续 15 点在 ±1σ 内", "en": "15 in a row within ±1σ"},
    "spc_rule_nelson_8": {"zh": "连续 8 点在 ±1σ 外 (两侧)", "en": "8 in a row beyond ±1σ (both sides)"},
}
