"""Terms of 05 satisfaction: output columns, coded values and texts, each {"zh": ..., "en": ...}.

Sentences are templates with ``{fields}``, filled by :func:`sqmkit.satisfaction.findings`.
"""
from __future__ import annotations

from sqmkit.glossary.terms import VALUES as _SHARED

COLUMNS: dict[str, dict[str, str]] = {}
VALUES: dict[str, dict[object, dict[str, str]]] = {
    # headline figures whose value is a dimension code (the index page and the headline table show the label)
    "weakest_dimension": _SHARED["dimension"],
    "top_driver": _SHARED["dimension"],
    "change_verdict": {"better": {"zh": "评价更好", "en": "Rated better"},
                       "worse": {"zh": "评价变差", "en": "Rated worse"},
                       "mixed": {"zh": "方向不一", "en": "Mixed"},
                       "negligible": {"zh": "变化可忽略", "en": "Negligible change"},
                       "no_evidence": {"zh": "无证据表明有变化", "en": "No evidence of change"}},
}
TEXTS: dict[str, dict[str, str]] = {
    # charts (sqmkit.satisfaction.plots): the statistics drawn
    "sat_plot_mean": {"zh": "平均评分", "en": "Mean rating"},
    "sat_plot_top_box_pct": {"zh": "满意率（top-box，%）", "en": "Top-box share (%)"},
    "sat_plot_nps": {"zh": "净推荐值 NPS", "en": "Net Promoter Score"},
    "sat_plot_score": {"zh": "加权满意度指数（0-100）", "en": "Weighted index (0-100)"},
    # charts: titles, axes, legends
    "sat_plot_by_group": {"zh": "{v}（按{g}）", "en": "{v} by {g}"},
    "sat_plot_trend": {"zh": "{v}月度趋势（95% 置信区间）", "en": "{v}: monthly trend (95% CI)"},
    "sat_plot_ci": {"zh": "95% 置信区间", "en": "95% CI"},
    "sat_plot_split": {"zh": "改进措施 {d}", "en": "Actions from {d}"},
    "sat_plot_target": {"zh": "目标 {t:g}", "en": "Target {t:g}"},
    "sat_plot_month": {"zh": "月份", "en": "Month"},
    "sat_plot_servqual": {"zh": "SERVQUAL 差距（感知 − 期望）", "en": "SERVQUAL gaps (perception − expectation)"},
    "sat_plot_servperf": {"zh": "SERVPERF 感知得分", "en": "SERVPERF perception scores"},
    "sat_plot_gap": {"zh": "差距（分）", "en": "Gap (points)"},
    "sat_plot_perception": {"zh": "感知得分", "en": "Perception score"},
    "sat_plot_dimension_gap": {"zh": "维度差距", "en": "Dimension gap"},
    "sat_plot_item_gap": {"zh": "题项差距", "en": "Item gap"},
    "sat_plot_dimension_score": {"zh": "维度得分", "en": "Dimension score"},
    "sat_plot_item_score": {"zh": "题项得分", "en": "Item score"},
    "sat_plot_drivers": {"zh": "满意度关键驱动因素（相对权重）", "en": "Key drivers of satisfaction (relative weights)"},
    "sat_plot_importance_pct": {"zh": "重要性（占 R² 的 %）", "en": "Importance (% of R²)"},
    "sat_plot_r2": {"zh": "R² = {r:.2f}", "en": "R² = {r:.2f}"},
    "sat_plot_ipa": {"zh": "衍生重要性–表现分析", "en": "Derived importance–performance analysis"},
    "sat_plot_performance": {"zh": "表现（平均评分）", "en": "Performance (mean rating)"},
    "sat_plot_before_after": {"zh": "改进前后对比：{v}", "en": "Before vs after: {v}"},
    "sat_plot_diff": {"zh": "变化 {d:+.2f}（95% CI {lo:+.2f} ~ {hi:+.2f}），p {p}",
                      "en": "Change {d:+.2f} (95% CI {lo:+.2f} to {hi:+.2f}), p {p}"},
    "sat_plot_themes": {"zh": "评论主题", "en": "Comment themes"},
    "sat_plot_pct_comments": {"zh": "提及该主题的评论占比（%）", "en": "Share of comments (%)"},
    "sat_plot_theme_note": {"zh": "{n} 条，均分 {m}", "en": "{n} comments, mean {m}"},
    # widgets (sqmkit.satisfaction.widgets)
    "sat_widget_all": {"zh": "全部", "en": "All"},
    "sat_widget_relative_weights": {"zh": "相对权重", "en": "Relative weights"},
    "sat_widget_correlation": {"zh": "相关系数²", "en": "Correlation²"},
    "sat_widget_zero": {"zh": "请至少给一个维度设置大于 0 的权重。", "en": "Give at least one weight above 0."},
    "sat_widget_index": {"zh": "加权满意度指数 = {s:.1f}（0-100，n = {n}）",
                         "en": "Weighted satisfaction index = {s:.1f} (0-100, n = {n})"},
    "sat_widget_weights": {"zh": "权重（自动归一化到合计 1）：", "en": "Weights (rescaled to sum to 1):"},
    "sat_plot_wrong_table": {"zh": "请把 {source} 的结果传给 {what}。", "en": "pass the output of {source} to {what}."},
    # 05_satisfaction
    "csat_mean": {"zh": "CSAT 平均分（1–{top}）", "en": "CSAT mean (1–{top})"},
    "csat_top_box_pct": {"zh": "CSAT 满意率（Top-box）", "en": "CSAT top-box share"},
    "nps": {"zh": "净推荐值 NPS", "en": "NPS"},
    "lowest_group": {"zh": "满意率最低的{group}", "en": "{group} with the lowest top-box share"},
    "satisfaction_index": {"zh": "加权满意度指数（0–100）", "en": "Weighted satisfaction index (0–100)"},
    "weakest_dimension": {"zh": "差距最大的 SERVQUAL 维度", "en": "Weakest SERVQUAL dimension"},
    "weakest_gap": {"zh": "其差距（P−E）", "en": "Its gap (P−E)"},
    "alpha_min": {"zh": "最低 Cronbach α", "en": "Lowest Cronbach α"},
    "top_driver": {"zh": "最重要驱动因素", "en": "Top driver"},
    "top_driver_pct": {"zh": "其解释占比（R²）", "en": "Its share of R²"},
    "overall_before": {"zh": "总体评分均值（改进前）", "en": "Mean overall rating before"},
    "overall_after": {"zh": "总体评分均值（改进后）", "en": "Mean overall rating after"},
    "overall_change": {"zh": "总体评分变化", "en": "Change of the mean overall rating"},
    "overall_change_p": {"zh": "总体评分变化（{direction} {diff}）p 值", "en": "Change of the overall rating ({direction} {diff}), p"},
    "top_box_before": {"zh": "满意率（改进前）", "en": "Top-box share before"},
    "top_box_after": {"zh": "满意率（改进后）", "en": "Top-box share after"},
    "top_box_change_p": {"zh": "满意率变化（{direction} {diff} 个百分点）p 值",
                         "en": "Change of the top-box share ({direction} {diff} percentage points), p"},
    "nps_promoters_change": {"zh": "推荐者占比变化", "en": "Change of the promoters' share"},
    "change_significant": {"zh": "改进前后差异显著", "en": "Change significant"},
    "comments_masked": {"zh": "已隐藏联系方式的评论", "en": "Comments with masked contact details"},
    "top_theme_low_scores": {"zh": "低分客户最多提及的主题", "en": "Top theme of unhappy customers"},
    # 05_satisfaction: the configured scale, and what a section needs when the survey cannot support it
    "csat_mean_scale": {"zh": "CSAT 平均分（{low}–{high}）", "en": "CSAT mean ({low}–{high})"},
    "sat_scale": {"zh": "总体评分 `{column}` 为 {low}–{high} 分制；满意（top box）= {first} 分及以上（最高 {points} 档）。",
                  "en": "Overall rating `{column}` on a {low}–{high} scale; top box (satisfied) = ratings of {first} or more "
                        "(the top {points} points)."},
    "sat_no_overall": {"zh": "问卷没有总体评分（`{column}` 列，由 sqmkit.yaml 的 `survey.overall.column` 指定），因此不计算 CSAT。"
                                "请添加该列，或把 `survey.overall.column` 指向评分所在的列。",
                       "en": "The survey has no overall rating (column `{column}`, named by `survey.overall.column` in "
                             "sqmkit.yaml), so CSAT is not computed. Add the column, or point `survey.overall.column` at "
                             "the rating column."},
    "sat_needs_overall": {"zh": "本节需要总体评分（`{column}` 列），问卷中没有，已跳过。",
                          "en": "This section needs the overall rating (column `{column}`), which the survey lacks; skipped."},
    "sat_no_nps": {"zh": "问卷没有推荐意愿打分（`{column}` 列，0–10 分，由 `survey.nps.column` 指定），因此不计算 NPS。",
                   "en": "The survey has no likelihood-to-recommend score (column `{column}`, 0–10, named by "
                         "`survey.nps.column`), so NPS is not computed."},
    "sat_no_groups": {"zh": "问卷既没有 `channel`（渠道）列也没有 `segment`（客户细分）列，无法比较各组满意度。添加任一列即可比较。",
                      "en": "The survey has neither a `channel` nor a `segment` column, so groups cannot be compared. "
                            "Add either column to compare them."},
    "sat_no_group_column": {"zh": "问卷没有 {columns} 列，该维度的比较已跳过。",
                            "en": "The survey has no {columns} column; that comparison is skipped."},
    "sat_one_group": {"zh": "{column}：至少有 2 份答卷的组不足两个，无法做组间检验。",
                      "en": "{column}: fewer than two groups have at least 2 answers, so there is no test between groups."},
    "sat_no_date": {"zh": "问卷没有答卷日期（`date` 列），因此不显示随时间的趋势和改进前后对比。添加 `date` 列（年-月-日）即可显示。",
                    "en": "The survey has no answer dates (`date` column), so the trend over time and the before/after "
                          "comparison are not shown. Add a `date` column (YYYY-MM-DD) to show them."},
    "sat_no_split": {"zh": "没有改进前后对比：请在 sqmkit.yaml 中设置 `intervention_date: YYYY-MM-DD`（或笔记本参数 `intervention_date`）。",
                     "en": "No before/after comparison: set `intervention_date: YYYY-MM-DD` in sqmkit.yaml (or the notebook "
                           "parameter `intervention_date`)."},
    "sat_split_too_few": {"zh": "{date} 之前有 {before} 份、之后有 {after} 份有评分的答卷；改进前后检验每侧至少需要 2 份，已跳过。",
                          "en": "{before} rated answer(s) fall before {date} and {after} on or after it; a before/after test "
                                "needs at least 2 on each side, so it is skipped."},
    "sat_needs_items": {"zh": "本节需要 `survey.items` 中带维度的题项，已跳过（见第 4 节）。",
                        "en": "This section needs item columns with a dimension in `survey.items`; skipped (see section 4)."},
    "sat_items_no_dimension": {"zh": "题项 {items} 在 sqmkit.yaml 中没有 `dimension`，未计入维度得分。",
                               "en": "Items {items} have no `dimension` in sqmkit.yaml and are left out of the dimension scores."},
    "sat_items_blank": {"zh": "没有一份答卷回答了所有维度的题项，无法计算维度得分。",
                        "en": "No answer covers every dimension's items, so no dimension score can be computed."},
    "sat_weights_zero": {"zh": "`survey.dimension_weights` 全部为 0，各维度按相同权重计算。",
                         "en": "All `survey.dimension_weights` are 0, so the dimensions are weighted equally."},
    "sat_servperf_mixed": {"zh": "只有部分题项设置了期望列（`expectation`），差距需要每个题项都有期望，因此只显示感知得分（SERVPERF）。",
                           "en": "Only some items name an `expectation` column; a gap needs one for every item, so "
                                 "perception scores are shown (SERVPERF)."},
    "sat_alpha_not_measurable": {"zh": "{dimensions} 的信度无法测量：Cronbach α 要求每个维度至少 2 个题项，且至少 2 位受访者全部作答。",
                                 "en": "Reliability cannot be measured for {dimensions}: Cronbach's alpha needs at least 2 items per "
                                       "dimension, all answered by at least 2 respondents."},
    "sat_drivers_one": {"zh": "关键驱动因素要比较至少两个维度，`survey.items` 只有 {dimension}，已跳过。",
                        "en": "Key drivers compare at least two dimensions; `survey.items` has only {dimension}, so this is skipped."},
    "sat_drivers_too_few": {"zh": "关键驱动因素需要的完整答卷数要多于维度数 + 1：现有 {n} 份完整答卷、{k} 个维度，已跳过。",
                            "en": "Key drivers need more complete answers than dimensions + 1: {n} complete answers for {k} "
                                  "dimensions, so this is skipped."},
    "sat_drivers_constant": {"zh": "关键驱动因素无法估计：{columns} 在完整答卷中没有变化（或彼此共线），已跳过。",
                             "en": "Key drivers cannot be estimated: {columns} do not vary over the complete answers (or are "
                                   "collinear), so this is skipped."},
    "sat_no_comments": {"zh": "没有可分析的评论：在问卷表中添加 `comment` 列（自由文本，任何语言）。",
                        "en": "No comments to mine: add a `comment` column to the survey table (free text, any language)."},
    "sat_no_low_comments": {"zh": "评分不高于 {cut} 分的客户没有写评论，图中显示全部评论的主题。",
                            "en": "No customer rating {cut} or less wrote a comment; the chart shows the themes of all comments."},
    "sat_themes_low_title": {"zh": "低分客户评论主题", "en": "Comment themes of unhappy customers"},

    # 05_satisfaction: conclusions (sqmkit.satisfaction.findings)
    "sat_pp": {"zh": "个百分点", "en": "percentage points"},
    "sat_dir_up": {"zh": "上升", "en": "up"},
    "sat_dir_down": {"zh": "下降", "en": "down"},
    "sat_csat": {"zh": "{n} 份答卷的平均评分为 {mean}（95% CI {lo}–{hi}），{top}% 的客户表示满意（top box，95% CI "
                       "{top_lo}%–{top_hi}%）。",
                 "en": "Over {n} answers the mean rating is {mean} (95 % CI {lo}–{hi}), and {top} % of customers are "
                       "satisfied (top box; 95 % CI {top_lo}–{top_hi} %)."},
    "sat_target_met": {"zh": "{what}达到目标 {target}（高出 {gap} {unit}）。",
                       "en": " The {what} meets its target of {target} ({gap} {unit} above)."},
    "sat_target_missed": {"zh": "{what}未达到目标 {target}，差 {gap} {unit}。",
                          "en": " The {what} falls short of its target of {target} by {gap} {unit}."},
    "sat_nps": {"zh": "NPS 为 {nps}（95% CI {lo} 至 {hi}）：推荐者 {pro}%，贬损者 {det}%。",
                "en": "NPS is {nps} (95 % CI {lo} to {hi}): {pro} % promoters, {det} % detractors."},
    "sat_lowest": {"zh": "{group}：满意率最低的是{name}（{pct}%，n = {n}），最高的是{best}（{high}%）。",
                   "en": "{group}: the lowest top-box share is in {name} ({pct} %, n = {n}), the highest in {best} "
                         "({high} %)."},
    "sat_lowest_none": {"zh": "{group}：有至少 {min_n} 份评分答卷的组（不含未填写）不足两个，因此不指出最低组。",
                        "en": "{group}: fewer than two groups have at least {min_n} rated answers (blank answers "
                              "aside), so none is named the lowest."},
    "sat_test_p_label": {"zh": "{group}间差异检验 p 值（{es_name} = {es}，效应{band}）",
                         "en": "{group} difference test, p ({es_name} = {es}, {band})"},
    "sat_test_no_evidence": {"zh": "{group}：没有证据表明各组评分存在差异（{test}，p {p}；{es_name} = {es}，效应{band}）。",
                             "en": "{group}: no evidence that the groups differ ({test}, p {p}; {es_name} = {es}, "
                                   "{band})."},
    "sat_test_negligible": {"zh": "{group}：差异在统计上可检出（{test}，p {p}），但可以忽略（{es_name} = {es}，低于 "
                                  "{cut}）：实际上各组评分相当。",
                            "en": "{group}: the difference is statistically detectable ({test}, p {p}) but negligible "
                                  "({es_name} = {es}, below {cut}): in practice the groups rate alike."},
    "sat_test_differ": {"zh": "{group}：各组评分存在差异（{test}，p {p}），效应{band}（{es_name} = {es}）。",
                        "en": "{group}: the groups differ ({test}, p {p}); the effect is {band} ({es_name} = {es})."},
    "sat_test_lowest_chance": {"zh": "因此不能认为{name}明显更差。",
                               "en": " So {name} is not shown to be meaningfully weaker."},
    "sat_es_epsilon_squared": {"zh": "ε²", "en": "ε²"},
    "sat_es_rank_biserial": {"zh": "秩双列相关 r", "en": "rank-biserial r"},
    "sat_es_cohens_d": {"zh": "Cohen's d", "en": "Cohen's d"},
    "sat_es_cohens_h": {"zh": "Cohen's h", "en": "Cohen's h"},
    "sat_band_negligible": {"zh": "可忽略", "en": "negligible"},
    "sat_band_weak": {"zh": "弱", "en": "weak"},
    "sat_band_moderate": {"zh": "中等", "en": "moderate"},
    "sat_band_relatively_strong": {"zh": "较强", "en": "relatively strong"},
    "sat_band_strong": {"zh": "强", "en": "strong"},
    "sat_band_very_strong": {"zh": "很强", "en": "very strong"},
    "sat_band_small": {"zh": "小", "en": "small"},
    "sat_band_medium": {"zh": "中", "en": "medium"},
    "sat_band_large": {"zh": "大", "en": "large"},
    "sat_band_unknown": {"zh": "无法计算", "en": "not computable"},
    "sat_trend_top_box": {"zh": "满意率从 {start} 的 {first} 变为 {end} 的 {last}（最低 {low}，最高 {high}）。",
                          "en": "The top-box share went from {first} in {start} to {last} in {end} (lowest {low}, "
                                "highest {high})."},
    "sat_trend_nps": {"zh": "NPS 从 {start} 的 {first} 变为 {end} 的 {last}（最低 {low}，最高 {high}）。",
                      "en": "NPS went from {first} in {start} to {last} in {end} (lowest {low}, highest {high})."},
    "sat_trend_up": {"zh": "第一期与最后一期的 95% 置信区间不重叠：上升超出了随机波动。",
                     "en": " The 95 % intervals of the first and the last period do not overlap: a rise beyond noise."},
    "sat_trend_down": {"zh": "第一期与最后一期的 95% 置信区间不重叠：下降超出了随机波动。",
                       "en": " The 95 % intervals of the first and the last period do not overlap: a fall beyond noise."},
    "sat_trend_overlap": {"zh": "第一期与最后一期的 95% 置信区间重叠：两者之间没有明确的变化证据。",
                          "en": " The 95 % intervals of the first and the last period overlap: no clear evidence of "
                                "change between them."},
    "sat_trend_top_box_one": {"zh": "所有带日期的答卷都在同一期（{period}）：满意率 {value}，尚无趋势。",
                              "en": "All dated answers fall in one period ({period}): top-box share {value}; no trend yet."},
    "sat_trend_nps_one": {"zh": "所有带日期的答卷都在同一期（{period}）：NPS {value}，尚无趋势。",
                          "en": "All dated answers fall in one period ({period}): NPS {value}; no trend yet."},
    "sat_index": {"zh": "按约定的权重，加权满意度指数为 {score} / 100（n = {n}）。",
                  "en": "With the agreed weights the satisfaction index is {score} / 100 (n = {n})."},
    "sat_servqual_short": {"zh": "差距最大的维度是{dim}（P − E = {score} 分，低于客户期望）；其中差距最大的题项是“{item}”"
                                 "（{item_score}）。",
                           "en": "The weakest dimension is {dim} (P − E = {score} points, below customers' "
                                 "expectations); its weakest item is “{item}” ({item_score})."},
    "sat_servqual_none_short": {"zh": "没有维度低于客户期望；余量最小的是{dim}（P − E = {score} 分）；最低的题项是“{item}”"
                                      "（{item_score}）。",
                                "en": "No dimension falls below customers' expectations; the smallest margin is {dim} "
                                      "(P − E = {score} points); its lowest item is “{item}” ({item_score})."},
    "sat_servperf": {"zh": "没有期望列，无法测量差距；感知得分最低的维度是{dim}（平均 {score} 分）；最低的题项是“{item}”"
                           "（{item_score}）。",
                     "en": "Without expectation columns the gaps cannot be measured; the lowest-rated dimension is "
                           "{dim} (mean perception {score}); its lowest item is “{item}” ({item_score})."},
    "sat_servqual_next": {"zh": "其次是{dim}（{score}）。", "en": " Next comes {dim} ({score})."},
    "sat_servqual_overall": {"zh": "{method} 总分：不加权 {score}，加权 {weighted}。",
                             "en": " Overall {method} score: {score} unweighted, {weighted} weighted."},
    "sat_phase_same": {"zh": "改进前后差距最大的维度相同，都是{before}。",
                       "en": "The weakest dimension is the same before and after the actions: {before}."},
    "sat_phase_moved": {"zh": "差距最大的维度改进前是{before}，改进后是{after}。",
                        "en": "The weakest dimension was {before} before the actions and is {after} after them."},
    "sat_alpha": {"zh": "{n} 个维度的 Cronbach α 介于 {low}（{low_dim}，95% CI {lo}–{hi}）与 {high}（{high_dim}）之间。",
                  "en": "Cronbach α ranges from {low} ({low_dim}, 95 % CI {lo}–{hi}) to {high} ({high_dim}) over {n} "
                        "dimension(s)."},
    "sat_alpha_all_ok": {"zh": "全部达到 {cut}：维度得分可用于组间比较。",
                         "en": " All reach {cut}: the dimension scores can be compared between groups."},
    "sat_alpha_below": {"zh": "{names}低于 {cut}：解读这些维度得分时需谨慎。",
                        "en": " {names} stay below {cut}: interpret those scores with care."},
    "sat_items_flagged_label": {"zh": "被标记的题项（反向、弱或无变化）", "en": "Items flagged (reverse-coded, weak or constant)"},
    "sat_items_flagged": {"zh": "{n} 个题项被标记为反向计分、区分度弱或无变化（见上表）。",
                          "en": "{n} item(s) are flagged as reverse-coded, weak or constant (table above)."},
    "sat_items_none_flagged": {"zh": "没有题项被标记为反向计分、区分度弱或无变化。",
                               "en": "No item is flagged as reverse-coded, weak or constant."},
    "sat_drivers": {"zh": "各维度共解释总体评分的 R² = {r2}；最重要的驱动因素是{driver}（占 R² 的 {pct}%）。",
                    "en": "The dimensions explain R² = {r2} of the overall rating; the strongest driver is {driver} "
                          "({pct} % of R²)."},
    "sat_drivers_focus": {"zh": "重点改进（重要且表现低于平均）：{names}。",
                          "en": " Concentrate here (important, performing below average): {names}."},
    "sat_drivers_focus_none": {"zh": "没有既重要又表现低于平均的维度。",
                               "en": " No dimension is both important and performing below average."},
    "sat_ba_mean": {"zh": "总体评分均值", "en": "the mean overall rating"},
    "sat_ba_top_box": {"zh": "满意率（top box）", "en": "the top-box share"},
    "sat_ba_promoters": {"zh": "推荐者占比（NPS 9–10 分）", "en": "the promoters' share (NPS 9–10)"},
    "sat_ba_better": {"zh": "{date} 之后，{what}从 {before} 升至 {after}：变化 {diff}（95% CI {lo} 至 {hi}；{test}，p {p}；"
                            "{es_name} = {es}，效应{band}）。",
                      "en": "After {date}, {what} rose from {before} to {after}: {diff} (95 % CI {lo} to {hi}; {test}, "
                            "p {p}; {es_name} = {es}, a {band} effect)."},
    "sat_ba_worse": {"zh": "{date} 之后，{what}从 {before} 降至 {after}：变化 {diff}（95% CI {lo} 至 {hi}；{test}，p {p}；"
                           "{es_name} = {es}，效应{band}）。",
                     "en": "After {date}, {what} fell from {before} to {after}: {diff} (95 % CI {lo} to {hi}; {test}, "
                           "p {p}; {es_name} = {es}, a {band} effect)."},
    "sat_ba_negligible": {"zh": "{date} 之后，{what}从 {before} 变为 {after}：变化 {diff}（95% CI {lo} 至 {hi}；{test}，"
                                "p {p}），统计上可检出，但幅度可以忽略（{es_name} = {es}）。",
                          "en": "After {date}, {what} moved from {before} to {after}: {diff} (95 % CI {lo} to {hi}; "
                                "{test}, p {p}), statistically detectable but negligible in size ({es_name} = {es})."},
    "sat_ba_no_evidence": {"zh": "没有证据表明 {date} 之后{what}发生了变化：改进前 {before}，改进后 {after}（变化 {diff}；"
                                 "95% CI {lo} 至 {hi}；{test}，p {p}；{es_name} = {es}）。",
                           "en": "No evidence that {what} changed after {date}: {before} before, {after} after ({diff}; "
                                 "95 % CI {lo} to {hi}; {test}, p {p}; {es_name} = {es})."},
    "sat_ba_verdict_better": {"zh": "结论：{date} 之后客户对服务的评价更好。",
                              "en": "Overall: customers rate the service better after {date}."},
    "sat_ba_verdict_worse": {"zh": "结论：{date} 之后客户对服务的评价变差，请在下一轮改进前查明原因。",
                             "en": "Overall: customers rate the service worse after {date}; find out why before the "
                                   "next cycle."},
    "sat_ba_verdict_mixed": {"zh": "结论：{date} 之后平均分与满意率的变化方向相反，无法得出单一结论。",
                             "en": "Overall: the mean rating and the top-box share moved in opposite directions after "
                                   "{date}; there is no single verdict."},
    "sat_ba_verdict_negligible": {"zh": "结论：{date} 之后的变化在统计上可检出，但幅度可以忽略。",
                                  "en": "Overall: the change after {date} is statistically detectable but negligible "
                                        "in size."},
    "sat_ba_verdict_no_evidence": {"zh": "结论：问卷没有显示 {date} 之后满意度发生变化的证据。",
                                   "en": "Overall: the survey shows no evidence that satisfaction changed after {date}."},
    "sat_change_verdict_label": {"zh": "改进前后的结论", "en": "Before/after verdict"},
    "sat_overall_change_d_label": {"zh": "总体评分变化的效应量（Cohen's d）",
                                   "en": "Change of the mean overall rating, effect size (Cohen's d)"},
    "sat_masked": {"zh": "{n} 条评论含有电话号码、电子邮箱、身份证号或银行卡号，本报告中已隐藏这些信息。",
                   "en": "{n} comment(s) contained a phone number, e-mail address, ID or bank card number; they are "
                         "masked in this report."},
    "sat_masked_none": {"zh": "没有评论含有电话号码、电子邮箱、身份证号或银行卡号。",
                        "en": "No comment contained a phone number, e-mail address, ID or bank card number."},
    "sat_top_theme": {"zh": "在写了评论的低分客户（总体评分不高于 {cut} 分）中，最常提及的主题是“{theme}”（占其评论的 "
                            "{pct}%，全部评论中为 {all}%）。",
                      "en": "Among unhappy customers (overall rating {cut} or less) who wrote a comment, the most "
                            "frequent theme is “{theme}” ({pct} % of their comments, against {all} % of all comments)."},
}
