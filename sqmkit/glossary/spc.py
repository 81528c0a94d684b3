"""Terms of the control charts and run charts (:mod:`sqmkit.spc.plots`), each {"zh": ..., "en": ...}.

The meaning of each rule number is ``spc_rule_<rule set>_<number>`` (with the default run lengths of
:data:`sqmkit.spc.DEFAULT_RUN_LENGTHS`).
"""
from __future__ import annotations

__all__ = ["COLUMNS", "VALUES", "TEXTS"]

COLUMNS: dict[str, dict[str, str]] = {
    # process capability (sqmkit.spc.capability); n, mean, sigma, method, target are shared terms
    "cp": {"zh": "过程能力指数 Cp", "en": "Cp"},
    "cp_ci_low": {"zh": "Cp 置信下限", "en": "Cp CI low"},
    "cp_ci_high": {"zh": "Cp 置信上限", "en": "Cp CI high"},
    "cpl": {"zh": "下限能力指数 Cpl", "en": "Cpl"},
    "cpu": {"zh": "上限能力指数 Cpu", "en": "Cpu"},
    "cpk": {"zh": "过程能力指数 Cpk", "en": "Cpk"},
    "cpk_ci_low": {"zh": "Cpk 置信下限", "en": "Cpk CI low"},
    "cpk_ci_high": {"zh": "Cpk 置信上限", "en": "Cpk CI high"},
    "cpm": {"zh": "田口能力指数 Cpm", "en": "Cpm"},
    "cpm_ci_low": {"zh": "Cpm 置信下限", "en": "Cpm CI low"},
    "cpm_ci_high": {"zh": "Cpm 置信上限", "en": "Cpm CI high"},
    "exp_below_pct": {"zh": "预期低于规格下限（%）", "en": "Expected below LSL (%)"},
    "exp_above_pct": {"zh": "预期高于规格上限（%）", "en": "Expected above USL (%)"},
    "obs_below_pct": {"zh": "实测低于规格下限（%）", "en": "Observed below LSL (%)"},
    "obs_above_pct": {"zh": "实测高于规格上限（%）", "en": "Observed above USL (%)"},
    "lsl": {"zh": "规格下限 LSL", "en": "LSL"},
    "usl": {"zh": "规格上限 USL", "en": "USL"},
    "q_low": {"zh": "0.135% 分位数", "en": "0.135% quantile"},
    "median": {"zh": "中位数", "en": "Median"},
    "q_high": {"zh": "99.865% 分位数", "en": "99.865% quantile"},
    # funnel plot (sqmkit.spc.funnel); unit, value, stat, center, sigma, lcl, ucl are shared terms
    "size": {"zh": "样本量", "en": "Size"},
    "lcl2": {"zh": "2σ 预警下限", "en": "Lower warning limit (2σ)"},
    "ucl2": {"zh": "2σ 预警上限", "en": "Upper warning limit (2σ)"},
    "z": {"zh": "z 值", "en": "z"},
    "outside": {"zh": "超出 3σ 控制限", "en": "Beyond 3σ control limits"},
    "side": {"zh": "方向", "en": "Side"},
    "warning": {"zh": "预警（超出 2σ，未超 3σ）", "en": "Warning (beyond 2σ, within 3σ)"},
}
VALUES: dict[str, dict[object, dict[str, str]]] = {
    "side": {"above": {"zh": "高于控制上限", "en": "Above"}, "below": {"zh": "低于控制下限", "en": "Below"}},
    "method": {"normal": {"zh": "正态法", "en": "normal"}, "percentile": {"zh": "百分位法", "en": "percentile"}},
}

_BEYOND = {"zh": "超出控制限", "en": "beyond a control limit"}
_TWO_OF_THREE = {"zh": "3 点中 2 点在 2σ 外 (同侧)", "en": "2 of 3 beyond 2σ (same side)"}
_FOUR_OF_FIVE = {"zh": "5 点中 4 点在 1σ 外 (同侧)", "en": "4 of 5 beyond 1σ (same side)"}

TEXTS: dict[str, dict[str, str]] = {
    # control chart (control_chart_plot)
    "spc_center": {"zh": "中心线", "en": "Center"},
    "spc_limits": {"zh": "控制限 (±{k:g}σ)", "en": "Control limits (±{k:g}σ)"},
    "spc_zone1": {"zh": "±1σ 区", "en": "±1σ zone"},
    "spc_zone2": {"zh": "±2σ 区", "en": "±2σ zone"},
    "spc_signal": {"zh": "判异点 (数字=规则号)", "en": "Signal (number = rule)"},
    "spc_rule": {"zh": "规则 {n}：{text}", "en": "Rule {n}: {text}"},
    "spc_phase2": {"zh": "阶段 II (冻结控制限)", "en": "Phase II (frozen limits)"},
    "spc_stage": {"zh": "分阶段", "en": "Stage"},
    "spc_point": {"zh": "序号", "en": "Point number"},
    "spc_data": {"zh": "数据", "en": "Data"},
    "spc_no_data": {"zh": "无数据", "en": "No data"},
    "spc_limits_prime": {"zh": "控制限 (±{k:g}σ·σz，σz = {sigma_z:.2f})", "en": "Control limits (±{k:g}σ·σz, σz = {sigma_z:.2f})"},
    "spc_ewma": {"zh": "EWMA (指数加权移动平均)", "en": "EWMA"},
    "spc_cusum_upper": {"zh": "向上累积和 C+", "en": "Upper CUSUM C+"},
    "spc_cusum_lower": {"zh": "向下累积和 C−", "en": "Lower CUSUM C−"},
    "spc_cusum_interval": {"zh": "决策区间 ±h (h = {h:g})", "en": "Decision interval ±h (h = {h:g})"},
    "spc_cusum_axis": {"zh": "累积和 (标准误)", "en": "Cumulative sum (standard errors)"},
    "spc_cusum_signal": {"zh": "判异点 (超出决策区间)", "en": "Signal (beyond the decision interval)"},
    # run chart (run_chart_plot)
    "spc_median": {"zh": "中位数", "en": "Median"},
    "spc_run_title": {"zh": "运行图 (Anhøj 规则)", "en": "Run chart (Anhøj rules)"},
    "spc_run_note": {"zh": "最长游程 {longest}（上限 {longest_max}），穿越中位数次数 {crossings}（下限 {crossings_min}）：{verdict}",
                     "en": "Longest run {longest} (limit {longest_max}), crossings {crossings} (limit {crossings_min}): "
                           "{verdict}"},
    "spc_signal_yes": {"zh": "存在非随机变异", "en": "non-random variation"},
    "spc_signal_no": {"zh": "未见非随机变异", "en": "random variation only"},
    # process capability (capability, capability_plot)
    "spc_cap_title": {"zh": "过程能力分析", "en": "Process capability analysis"},
    "spc_cap_density": {"zh": "密度", "en": "Density"},
    "spc_cap_normal_fit": {"zh": "正态曲线（组内 σ）", "en": "Normal curve (within σ)"},
    "spc_cap_quantiles": {"zh": "0.135% / 99.865% 分位数", "en": "0.135% / 99.865% quantiles"},
    "spc_cap_method_normal": {"zh": "正态法", "en": "Normal method"},
    "spc_cap_method_percentile": {"zh": "百分位法 (Clements)", "en": "Percentile method (Clements)"},
    "spc_cap_box_n": {"zh": "样本数 {n}", "en": "n = {n}"},
    "spc_cap_box_below": {"zh": "低于 LSL：实测 {obs}，预期 {exp}", "en": "Below LSL: {obs} observed, {exp} expected"},
    "spc_cap_box_above": {"zh": "高于 USL：实测 {obs}，预期 {exp}", "en": "Above USL: {obs} observed, {exp} expected"},
    "spc_cap_box_below_obs": {"zh": "低于 LSL：实测 {obs}", "en": "Below LSL: {obs} observed"},
    "spc_cap_box_above_obs": {"zh": "高于 USL：实测 {obs}", "en": "Above USL: {obs} observed"},
    # process capability: bad input (the English text is what tests match)
    "spc_cap_no_limits": {"zh": "{table}：过程能力分析需要规格限。解决办法：传入 `usl`（如解决时长的 SLA 小时数）、`lsl`，或两者都传。",
                          "en": "{table}: a capability analysis needs a specification limit. Fix: pass `usl` (e.g. the "
                                "SLA hours of a resolution time), `lsl`, or both."},
    "spc_cap_limits_order": {"zh": "{table}：规格下限必须小于规格上限，但传入的是 lsl={lsl!r}、usl={usl!r}。"
                                   "解决办法：交换 `lsl` 与 `usl`，或只传 SLA 规定的那一个规格限。",
                             "en": "{table}: the lower specification limit must be below the upper one, but "
                                   "lsl={lsl!r} and usl={usl!r} were passed. Fix: swap `lsl` and `usl`, or pass only the limit "
                                   "the SLA sets."},
    "spc_cap_must_limit": {"zh": "一个有限的数或 None", "en": "a finite number or None"},
    "spc_cap_must_target": {"zh": "一个有限的数或 None（默认取两规格限的中点）",
                            "en": "a finite number or None (the midpoint of the limits)"},
    "spc_cap_target_outside": {"zh": "{table}：目标值 {target!r} 超出规格范围（lsl={lsl!r}，usl={usl!r}）。"
                                     "解决办法：传入规格限之内的目标值，或不传（取两规格限的中点）。",
                               "en": "{table}: the target {target!r} lies outside the specification limits "
                                     "(lsl={lsl!r}, usl={usl!r}). Fix: pass a target within the limits, or leave it "
                                     "out (the midpoint of the limits is used)."},
    "spc_cap_too_few": {"zh": "{table}：过程能力分析至少需要列 '{column}' 的 2 个数值，现有 {n} 个。解决办法：收集更多数据。",
                        "en": "{table}: a capability analysis needs at least 2 values of column '{column}', {n} "
                              "given. Fix: collect more data."},
    "spc_cap_no_spread": {"zh": "{table}：列 '{column}' 没有{kind}，无法计算过程能力指数。解决办法：检查数据是否被取整或复制。",
                          "en": "{table}: column '{column}' has no {kind}, so the capability indices are undefined. "
                                "Fix: check that the values are not rounded or copied."},
    "spc_cap_spread_within": {"zh": "组内波动（组内 σ = 0）", "en": "within-subgroup variation (sigma = 0)"},
    "spc_cap_spread_quantiles": {"zh": "分位数间的波动（99.865% 与 0.135% 分位数相等）",
                                 "en": "spread between its quantiles (the 0.135 % and 99.865 % quantiles are equal)"},
    "spc_cap_subgroup_small": {"zh": "{table}：组内 σ 要求每个子组至少 2 个数值，但列 '{subgroup}' 的子组 {groups} 不足。"
                                     "解决办法：合并这些子组，或不传 `subgroup`（改用移动极差）。",
                               "en": "{table}: the within-subgroup sigma needs at least 2 values per subgroup, but "
                                     "subgroups {groups} of '{subgroup}' have fewer. Fix: merge them, or leave "
                                     "`subgroup` out to use the moving range."},
    "spc_cap_subgroup_blank": {"zh": "{table}：列 '{subgroup}'（子组）在第 {rows} 行为空。解决办法：填写子组或删除这些行。",
                               "en": "{table}: column '{subgroup}' (subgroup) is empty in rows {rows}. Fix: fill the "
                                     "subgroup or drop those rows."},
    # the numeric columns of sqmkit.spc (sqmkit.spc._common.numeric_column)
    "spc_column_non_numeric": {"zh": "{table}：列 {column!r} 在第 {rows} 行有非数值（如 {example!r}）；请更正或删除。",
                               "en": "{table}: column {column!r} holds non-numeric values in rows {rows} "
                                     "(e.g. {example!r}); correct or remove them."},
    "spc_column_empty": {"zh": "{table}：列 {column!r} 在第 {rows} 行为空；请先填写或删除这些行。",
                         "en": "{table}: column {column!r} is empty in rows {rows}; fill or drop those rows before "
                               "the analysis."},
    "spc_column_fix": {"zh": "传入已有列的名称。", "en": "pass the name of an existing column."},
    # funnel plot (sqmkit.spc.funnel, funnel_plot)
    "spc_funnel_title": {"zh": "漏斗图", "en": "Funnel plot"},
    "spc_funnel_center": {"zh": "合并均值 {center}", "en": "Pooled mean {center}"},
    "spc_funnel_target": {"zh": "目标值 {center}", "en": "Target {center}"},
    "spc_funnel_limits2": {"zh": "2σ 预警限", "en": "2σ warning limits"},
    "spc_funnel_limits3": {"zh": "3σ 控制限", "en": "3σ control limits"},
    "spc_funnel_inside": {"zh": "限内", "en": "Within limits"},
    "spc_funnel_warning": {"zh": "超出 2σ 预警限", "en": "Beyond 2σ warning limits"},
    "spc_funnel_outside": {"zh": "超出 3σ 控制限", "en": "Beyond 3σ control limits"},
    "spc_funnel_xlabel": {"zh": "样本量（分母）", "en": "Size (denominator)"},
    "spc_funnel_ylabel_p": {"zh": "比例", "en": "Proportion"},
    "spc_funnel_ylabel_p_pct": {"zh": "百分比（%）", "en": "Percent (%)"},
    "spc_funnel_ylabel_p_per": {"zh": "每 {multiply} 个中的比例", "en": "Proportion per {multiply}"},
    "spc_funnel_ylabel_u": {"zh": "每单位事件数", "en": "Events per unit"},
    "spc_funnel_ylabel_u_per": {"zh": "每 {multiply} 单位事件数", "en": "Events per {multiply} units"},
    "spc_funnel_labels_note": {"zh": "只标注偏离最远的 {shown} 个（共 {n} 个超出 3σ 控制限）",
                               "en": "Only the {shown} furthest out are named ({n} beyond the 3σ limits)"},
    "spc_funnel_no_attrs": {"zh": "这张表的 .attrs 中没有漏斗图的设置（chart、center、multiply）；请直接画 "
                                  "sqmkit.spc.funnel 返回的表（筛选行会保留这些设置，新建的表则不会）。",
                            "en": "The table has no funnel settings in .attrs (chart, center, multiply); draw the "
                                  "table sqmkit.spc.funnel returned (filtering its rows keeps them, a new frame "
                                  "does not)."},
    "spc_funnel_empty": {"zh": "{table}：表中没有数据行，没有可比较的单位；请先加载有数据的表。",
                         "en": "{table}: the table has no rows, so there are no units to compare; load a table "
                               "with data first."},
    "spc_funnel_not_finite": {"zh": "{table}：列 {column!r} 在第 {rows} 行不是有限的数（如 {example}）；请更正或删除。",
                              "en": "{table}: column {column!r} holds values that are not finite numbers in rows "
                                    "{rows} (e.g. {example}); correct or remove them."},
    "spc_funnel_size_positive": {"zh": "{table}：样本量必须 > 0，但 {column!r} 在第 {rows} 行为 {value:g}；请更正样本量。",
                                 "en": "{table}: sample sizes must be > 0, but {column!r} is {value:g} in rows "
                                       "{rows}; correct the sizes."},
    "spc_funnel_negative": {"zh": "{table}：{chart} 漏斗图需要 >= 0 的计数，但列 {column!r} 在第 {rows} 行为负数"
                                  "（如 {value:g}）；请更正计数。",
                            "en": "{table}: a {chart} funnel needs counts >= 0, but column {column!r} is negative in "
                                  "rows {rows} (e.g. {value:g}); correct the counts."},
    "spc_funnel_over_size": {"zh": "{table}：p 漏斗图统计样本中的不合格数，但 {column!r} 在第 {rows} 行超过样本量 "
                                   "{size!r}（如 {count:g} > {total:g}）；若统计的是每单位缺陷数，请用 chart='u'。",
                             "en": "{table}: a p funnel counts defectives out of a sample, but {column!r} exceeds "
                                   "the sample size {size!r} in rows {rows} (e.g. {count:g} > {total:g}); for "
                                   "defects per unit use chart='u'."},
    "spc_funnel_must_positive": {"zh": "大于 0 的有限数", "en": "a finite number greater than 0"},
    "spc_funnel_must_open": {"zh": "大于 {low} 且小于 {high} 的数", "en": "a number greater than {low} and less than {high}"},
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
