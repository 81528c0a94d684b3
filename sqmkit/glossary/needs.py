"""Terms of 01 needs: output columns, coded values and texts, each {"zh": ..., "en": ...}.

The sentences of :func:`sqmkit.needs.findings` are templates here (``nd_…``), with ``{fields}`` filled by
the findings function; a list inside a sentence is joined with ``nd_list_sep``.
"""
from __future__ import annotations

COLUMNS: dict[str, dict[str, str]] = {
    # survey_segments: a mean 0–10 answer is not an NPS; the real NPS sits beside it
    "overall_rating": {"zh": "总体评分均值", "en": "Mean overall rating"},
    "overall_ci_low": {"zh": "总体评分 95% CI 下限", "en": "Overall rating 95 % CI low"},
    "overall_ci_high": {"zh": "总体评分 95% CI 上限", "en": "Overall rating 95 % CI high"},
    "nps_mean": {"zh": "推荐意愿均值（0–10）", "en": "Mean likelihood to recommend (0–10)"},
    "nps_ci_low": {"zh": "NPS 95% CI 下限", "en": "NPS 95 % CI low"},
    "nps_ci_high": {"zh": "NPS 95% CI 上限", "en": "NPS 95 % CI high"},
    # choose_k / cluster_segments: the number of segments, not Cronbach's item count k
    "clusters": {"zh": "聚类数", "en": "Clusters"},
}

VALUES: dict[str, dict[object, dict[str, str]]] = {
    "tier": {
        "new": {"zh": "新客户", "en": "New customer"},
        "regular": {"zh": "普通客户", "en": "Regular customer"},
        "vip": {"zh": "VIP 客户", "en": "VIP customer"},
        "strategic": {"zh": "战略客户", "en": "Strategic customer"},
    },
}

TEXTS: dict[str, dict[str, str]] = {
    # charts (sqmkit.needs.plots)
    "nd_plot_kano_title": {"zh": "Kano 分析：Better–Worse 系数", "en": "Kano analysis: Better–Worse coefficients"},
    "nd_plot_worse": {"zh": "不满意影响 |Worse|（缺失时）", "en": "Dissatisfaction when absent |Worse|"},
    "nd_plot_better": {"zh": "满意提升 Better（具备时）", "en": "Satisfaction when present (Better)"},
    "nd_plot_ipa_title": {"zh": "重要性–表现分析（IPA）", "en": "Importance–performance analysis"},
    "nd_plot_importance": {"zh": "重要性（均值）", "en": "Importance (mean)"},
    "nd_plot_performance": {"zh": "表现（均值）", "en": "Performance (mean)"},
    "nd_plot_priority_title": {"zh": "需求优先级（加权得分）", "en": "Need priorities (weighted score)"},
    "nd_plot_score": {"zh": "优先级得分（0–1）", "en": "Priority score (0–1)"},
    "nd_plot_gap": {"zh": "IPA 差距", "en": "IPA gap"},
    "nd_plot_part_weight": {"zh": "{part}（权重 {weight:.2f}）", "en": "{part} (weight {weight:.2f})"},
    # the needs workbench (sqmkit.needs.widgets)
    "nd_widget_need_id_blank": {"zh": "表 `needs` 的 'need_id' 列：需求编号为空。修正：填写编号，如 N16。",
                                "en": "Table `needs`, column 'need_id': the need id is empty. Fix: type an id such as "
                                      "N16."},
    "nd_widget_apply": {"zh": "添加 / 更新需求", "en": "Add / update need"},
    "nd_widget_weight_gap": {"zh": "权重：IPA 差距", "en": "Weight: IPA gap"},
    "nd_widget_weight_kano": {"zh": "权重：Kano", "en": "Weight: Kano"},
    "nd_widget_weight_mentions": {"zh": "权重：提及次数", "en": "Weight: mentions"},
    "nd_widget_no_needs": {"zh": "还没有评分的需求：填写编号、描述和两个评分，点“添加 / 更新需求”。",
                           "en": "No rated need yet: type an id, a description and both ratings, then click Add / "
                                 "update need."},
    # headline labels (results.json, index page)
    "segments_k": {"zh": "需求评分聚类数", "en": "Segments of the need ratings"},
    "segments_silhouette": {"zh": "平均轮廓系数", "en": "Mean silhouette"},
    "n_needs": {"zh": "需求条数", "en": "Needs in the catalogue"},
    "n_concentrate": {"zh": "重点改进象限需求数", "en": "Needs in “concentrate here”"},
    "largest_gap_need": {"zh": "差距最大的需求", "en": "Need with the largest gap"},
    "n_must_be": {"zh": "必备型（M）需求数", "en": "Must-be (M) needs"},
    "top_priority_need": {"zh": "最优先需求", "en": "Top-priority need"},
    "top_priority_label": {"zh": "最优先需求（名称）", "en": "Top-priority need (name)"},
    "top_priority_quadrant": {"zh": "最优先需求的 IPA 象限", "en": "IPA quadrant of the top need"},
    "top_priority_kano": {"zh": "最优先需求的 Kano 类别", "en": "Kano category of the top need"},
    "smart_incomplete": {"zh": "{table} 中不符合 SMART 的条目数", "en": "Entries of {table} that are not SMART"},
    "n_survey_segments": {"zh": "问卷中的客户细分数", "en": "Segments in the survey"},
    "least_satisfied_segment": {"zh": "总体评分明显最低的客户细分", "en": "Segment clearly least satisfied"},
    "lowest_nps_segment": {"zh": "NPS 明显最低的客户细分", "en": "Segment with a clearly lowest NPS"},
    "n_customers": {"zh": "联系过服务中心的客户数", "en": "Customers who contacted the centre"},
    # notes of section_status
    "nd_no_segment": {"zh": "问卷没有填写 `segment`（客户细分）列，无法按给定属性划分客户群；下面的评分聚类不受影响。",
                      "en": "The survey has no filled `segment` column, so customers cannot be profiled by a given "
                            "attribute; the clusters of need ratings below do not need it."},
    "nd_no_customer": {"zh": "工单表没有填写 `customer_id`（客户编号）列，无法按价值和历史划分客户层级。",
                       "en": "The ticket log has no filled `customer_id` column, so customers cannot be tiered by value "
                             "and history."},
    "nd_few_respondents": {"zh": "k-means 聚类至少需要 3 位受访者的重要性评分，`needs_ratings` 中只有 {n} 位，已跳过。",
                           "en": "k-means segments need importance ratings from at least 3 respondents; `needs_ratings` "
                                 "has {n}, so this is skipped."},
    "nd_k_too_large": {"zh": "参数 `n_segments` = {k}，有 {n} 位受访者评分；k 必须在 2 到受访者人数 − 1 之间，已跳过（设为 0 自动选择 k）。",
                       "en": "The parameter `n_segments` is {k} and {n} respondents rated the needs; k must be from 2 to "
                             "the respondents − 1, so this is skipped (0 chooses k)."},
    "nd_no_ipa": {"zh": "重要性–表现分析需要评分：添加 `needs_ratings` 表（每位受访者×需求的 importance、performance），"
                          "或在 `needs` 表中填写汇总的 `importance` 和 `performance` 列。",
                  "en": "Importance–performance analysis needs ratings: add the `needs_ratings` table (importance and "
                        "performance per respondent and need), or fill the aggregated `importance` and `performance` "
                        "columns of `needs`."},
    # Kano evaluation table (kano_evaluation_table)
    "nd_kano_functional": {"zh": "功能型问题（具备时）", "en": "functional (present)"},
    "nd_kano_dysfunctional": {"zh": "反向问题（不具备时）", "en": "dysfunctional (absent)"},
    "nd_answer_1": {"zh": "喜欢", "en": "like"},
    "nd_answer_2": {"zh": "理应如此", "en": "must-be"},
    "nd_answer_3": {"zh": "无所谓", "en": "neutral"},
    "nd_answer_4": {"zh": "能忍受", "en": "live-with"},
    "nd_answer_5": {"zh": "不喜欢", "en": "dislike"},
    # the notebook's first line
    "nd_header": {"zh": "**{client}** · {title} · 需求评分量表 {low}–{high}",
                  "en": "**{client}** · {title} · need ratings on a {low}–{high} scale"},
    # pieces of sentences
    "nd_none_mark": {"zh": "—", "en": "—"},
    "nd_need": {"zh": "{id} {name}", "en": "{id} {name}"},
    "nd_part": {"zh": "{name} {value}", "en": "{name} {value}"},
    "nd_group_n": {"zh": "{name}（{n} 人）", "en": "{name} ({n} respondents)"},
    "nd_ci": {"zh": "{low} 至 {high}", "en": "{low} to {high}"},
    "nd_more": {"zh": "等共 {total} 条", "en": " and {rest} more"},
    "nd_table_problems": {"zh": "问题表（problems）", "en": "The problems table"},
    "nd_table_actions": {"zh": "措施表（actions）", "en": "The actions table"},
    "nd_element_metric": {"zh": "指标", "en": "metric"},
    "nd_element_baseline": {"zh": "基线", "en": "baseline"},
    "nd_element_target": {"zh": "目标", "en": "target"},
    "nd_element_deadline": {"zh": "期限", "en": "deadline"},
    "nd_element_owner": {"zh": "负责人", "en": "owner"},
    "nd_metric_overall": {"zh": "总体评分均值", "en": "The mean overall rating"},
    "nd_metric_nps": {"zh": "净推荐值 NPS", "en": "NPS"},
    # findings: segments
    "nd_segments_sizes": {"zh": "问卷受访者分属 {n} 个客户细分：{parts}。",
                          "en": "The survey's respondents fall into {n} segments: {parts}."},
    "nd_segments_one": {"zh": "可比较的受访者都属于同一个客户细分（{segment}），无从比较各细分。",
                        "en": "The comparable respondents all belong to one segment ({segment}), so segments cannot "
                              "be compared."},
    "nd_segment_clear": {"zh": "{metric}最低的是{low}（{low_value}，95% CI {low_ci}），明显低于最高的{high}"
                               "（{high_value}，95% CI {high_ci}）：两者的置信区间不重叠。",
                         "en": "{metric} is lowest in {low} ({low_value}, 95 % CI {low_ci}), clearly below {high} "
                               "({high_value}, 95 % CI {high_ci}): the two intervals do not overlap."},
    "nd_segment_unclear": {"zh": "{metric} 从{low}的 {low_value}（95% CI {low_ci}）到{high}的 {high_value}"
                                 "（95% CI {high_ci}）；置信区间相互重叠，数据没有显示某个细分明显更低。",
                           "en": "{metric} ranges from {low_value} in {low} (95 % CI {low_ci}) to {high_value} "
                                 "in {high} (95 % CI {high_ci}); the intervals overlap, so the survey shows no segment "
                                 "clearly below the others."},
    "nd_segments_left_out": {"zh": "未参与比较：{groups}（未填写细分，或少于 {min_n} 位受访者，结果不稳定）。",
                             "en": "Left out of the comparison: {groups} (no segment given, or fewer than {min_n} "
                                   "respondents, too few for a stable figure)."},
    # findings: tiers
    "nd_tiers": {"zh": "共有 {n:,} 位客户联系过服务中心：{parts}。",
                 "en": "{n:,} customers contacted the centre: {parts}."},
    "nd_tiers_value": {"zh": "客户价值取自工单记录中的价值列（revenue、value 或 arpu 中最先出现的一列）。",
                       "en": "Customer value comes from the ticket log's value column (the first of revenue, value "
                             "and arpu)."},
    "nd_tiers_no_value": {"zh": "工单记录没有价值列（revenue、value 或 arpu），无法区分 VIP 和战略客户；如需按价值分层，"
                                "请添加 revenue 列（按客户或按工单填写）。",
                          "en": "The ticket log has no value column (revenue, value or arpu), so VIP and strategic "
                                "tiers cannot be told apart: add a revenue column (per customer or per ticket) to "
                                "tier by value."},
    # findings: clusters
    "nd_clusters": {"zh": "k-means 按需求重要性评分把受访者分为 {k} 个细分，平均轮廓系数 {sil:.2f}：{reading}",
                    "en": "k-means splits the respondents into {k} segments by their importance ratings, mean "
                          "silhouette {sil:.2f}: {reading}"},
    "nd_structure_none": {"zh": "不高于 {weak:.2f}，没有实质性的分群结构（Kaufman & Rousseeuw）。客户对各项需求的看法基本"
                                "一致，一份优先级清单即可服务所有客户；下表的细分只作描述，不必区别对待。",
                          "en": "at most {weak:.2f}, so there is no substantial structure (Kaufman & Rousseeuw). The "
                                "customers share one view of the needs and one priority list serves them all; the "
                                "segments in the table describe, they are not groups to treat differently."},
    "nd_structure_weak": {"zh": "介于 {weak:.2f} 和 {reasonable:.2f} 之间，结构较弱，可能是人为划分（Kaufman & "
                                "Rousseeuw），使用这些细分时需谨慎。",
                          "en": "between {weak:.2f} and {reasonable:.2f}, a weak structure that could be artificial "
                                "(Kaufman & Rousseeuw): use the segments with caution."},
    "nd_structure_reasonable": {"zh": "高于 {reasonable:.2f}，分群结构合理（Kaufman & Rousseeuw）：各细分看重的需求确有"
                                      "不同，下表列出每个细分相对最看重的需求。",
                                "en": "above {reasonable:.2f}, a reasonable structure (Kaufman & Rousseeuw): the "
                                      "segments weigh the needs differently, and the table lists what each rates "
                                      "highest relative to everyone."},
    "nd_structure_strong": {"zh": "高于 {strong:.2f}，分群结构很强（Kaufman & Rousseeuw）：可以为各细分分别制定需求优先级。",
                            "en": "above {strong:.2f}, a strong structure (Kaufman & Rousseeuw): each segment can "
                                  "have its own priority list."},
    "nd_clusters_set": {"zh": "细分数 {k} 由参数 n_segments 指定；按轮廓系数，{best} 个细分的分离最好（{best_sil:.2f}）。",
                        "en": "The number of segments, {k}, was set by the parameter n_segments; by the silhouette "
                              "{best} segments separate best ({best_sil:.2f})."},
    # findings: catalogue
    "nd_catalogue": {"zh": "需求清单共有 {n} 条需求。", "en": "The catalogue holds {n} needs."},
    "nd_catalogue_mentions": {"zh": "需求清单共有 {n} 条需求，合计被提及 {mentions:,.0f} 次，来源：{parts}。",
                              "en": "The catalogue holds {n} needs, mentioned {mentions:,.0f} times in all; "
                                    "sources: {parts}."},
    # findings: IPA
    "nd_ipa_concentrate": {"zh": "{rated} 条已评分需求中有 {n} 条落在“重点改进”象限：{needs}。",
                           "en": "{n} of {rated} rated needs fall in “concentrate here”: {needs}."},
    "nd_ipa_concentrate_none": {"zh": "{rated} 条已评分需求中没有一条落在“重点改进”象限。",
                                "en": "None of the {rated} rated needs falls in “concentrate here”."},
    "nd_ipa_largest_gap": {"zh": "差距最大的是 {need}（重要性 {importance:.2f}，表现 {performance:.2f}，差距 {gap:.2f}）。",
                           "en": "The largest gap is {need} (importance {importance:.2f}, performance "
                                 "{performance:.2f}, gap {gap:.2f})."},
    "nd_ipa_gap_tie": {"zh": "{needs} 的差距相同（{gap:.2f}），并列最大。",
                       "en": "{needs} share the largest gap ({gap:.2f})."},
    "nd_ipa_no_shortfall": {"zh": "没有一条需求的表现低于其重要性：差距最大的 {need} 也只有 {gap:.2f}。",
                            "en": "No need performs below its importance: even the largest gap, {need}, is {gap:.2f}."},
    "nd_ipa_overkill": {"zh": "{n} 条需求可能投入过度：{needs}。", "en": "{n} need(s) look like possible overkill: {needs}."},
    "nd_ipa_overkill_none": {"zh": "没有需求落在“可能过度投入”象限。", "en": "No need falls in “possible overkill”."},
    "nd_ipa_thin": {"zh": "{needs} 的评分少于 {min_n} 份，其象限仅供参考，未用于判断差距最大的需求。",
                    "en": "{needs} rest on fewer than {min_n} ratings each: their quadrant is only indicative and "
                          "they are not named as the largest gap."},
    "nd_ipa_aggregated": {"zh": "重要性和表现取自需求清单中的汇总评分（每条需求一个值）。",
                          "en": "Importance and performance are the catalogue's aggregated ratings (one value per "
                                "need)."},
    "nd_ipa_unrated": {"zh": "{n} 条需求还没有评分：{needs}。", "en": "{n} need(s) have no ratings yet: {needs}."},
    # findings: Kano
    "nd_kano_counts": {"zh": "Kano 类别分布：{parts}。", "en": "Kano categories: {parts}."},
    "nd_kano_must": {"zh": "必备型需求（应最先保证，缺失只会带来不满）：{needs}。",
                     "en": "Must-be needs (secure these first: missing them only ever costs satisfaction): {needs}."},
    "nd_kano_must_none": {"zh": "没有需求被归为必备型。", "en": "No need is classed must-be."},
    "nd_kano_close": {"zh": "{needs} 最常见的两个类别相差不到 {margin:.0f} 个百分点，类别归属接近临界，解读时需谨慎。",
                      "en": "For {needs} the two most frequent categories are within {margin:.0f} percentage points: "
                            "a close call, read their category with care."},
    "nd_kano_unanswered": {"zh": "{needs} 还没有有效的 Kano 回答。", "en": "{needs} have no valid Kano answers yet."},
    # findings: priorities and hand-off
    "nd_priority_top": {"zh": "最优先的需求：{need}（得分 {score:.2f}；IPA 象限：{quadrant}；Kano 类别：{kano}；提及 "
                              "{mentions:,.0f} 次）。",
                        "en": "Top priority: {need} (score {score:.2f}; IPA quadrant: {quadrant}; Kano category: "
                              "{kano}; {mentions:,.0f} mentions)."},
    "nd_priority_next": {"zh": "其次是 {needs}。", "en": "Followed by {needs}."},
    "nd_priority_tie": {"zh": "{needs} 得分相同（{score:.2f}），差距较大者排在前面。",
                        "en": "{needs} tie on score ({score:.2f}); the larger gap ranks first."},
    "nd_priority_none": {"zh": "所有需求得分均为 0：没有评分、Kano 回答或提及次数可供排序，清单按需求清单顺序列出，"
                               "尚不能确定最优先的需求。",
                         "en": "Every need scores 0: there are no ratings, Kano answers or mentions to rank them "
                               "by, so "
                               "the list keeps the catalogue's order and no need is yet the top priority."},
    "nd_handoff": {"zh": "把{needs}带入根因分析研讨（03 根因分析），并在问题表（problems）中把每一条写成 SMART 问题。",
                   "en": "Carry {needs} into the root-cause workshop (03 root cause) and state each as a SMART "
                         "problem in the problems table."},
    # findings: SMART
    "nd_smart": {"zh": "{table}：{n} 条中 {complete} 条符合 SMART；缺项：{missing}。",
                 "en": "{table}: {complete} of {n} entries are SMART; missing: {missing}."},
    "nd_smart_all": {"zh": "{table}：全部 {n} 条都符合 SMART。", "en": "{table}: all {n} entries are SMART."},
    "nd_smart_empty": {"zh": "{table}：还没有条目。", "en": "{table}: no entries yet."},
    "nd_smart_missing": {"zh": "{id}（{elements}）", "en": "{id} ({elements})"},
}
