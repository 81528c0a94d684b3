"""Terms of 02 service KPIs (and the KPI names every step uses): output columns, coded values and texts, each {"zh": ..., "en": ...}."""
from __future__ import annotations

#: KPI column → display name (tables, charts, headline labels).
KPI_LABELS: dict[str, dict[str, str]] = {
    "tickets": {"zh": "工单量", "en": "Tickets"},
    "frt_mean_min": {"zh": "平均首次响应时间（分钟）", "en": "Mean first response (min)"},
    "frt_median_min": {"zh": "首次响应时间中位数（分钟）", "en": "Median first response (min)"},
    "frt_p90_min": {"zh": "首次响应时间P90（分钟）", "en": "P90 first response (min)"},
    "resolution_mean_h": {"zh": "平均解决时长（小时）", "en": "Mean resolution time (h)"},
    "resolution_median_h": {"zh": "解决时长中位数（小时）", "en": "Median resolution time (h)"},
    "fcr_pct": {"zh": "一次解决率（%）", "en": "First-contact resolution (%)"},
    "sla_met_pct": {"zh": "SLA达成率（%）", "en": "SLA attainment (%)"},
    "escalated_pct": {"zh": "升级率（%）", "en": "Escalation rate (%)"},
    "reopened_pct": {"zh": "重开率（%）", "en": "Reopen rate (%)"},
    "repeat_pct": {"zh": "重复来电率（%）", "en": "Repeat-contact rate (%)"},
    "csat_top_box_pct": {"zh": "满意度（Top-box %）", "en": "CSAT top-box (%)"},
    "nps": {"zh": "净推荐值 NPS", "en": "NPS"},
    "score": {"zh": "服务质量综合得分", "en": "Service-quality score"},
}

COLUMNS: dict[str, dict[str, str]] = {
    "resolution_hours": {"zh": "解决时长（小时）", "en": "Resolution time (h)"},
    "hours_over_due": {"zh": "超出截止时间（小时）", "en": "Hours beyond the deadline"},
    "partial": {"zh": "不完整期间", "en": "Partial period"},
    "ranked": {"zh": "参与排名", "en": "Ranked"},
}
VALUES: dict[str, dict[object, dict[str, str]]] = {
    # the periods of the KPI explorer (sqmkit.kpis.widgets.PERIODS)
    "freq": {"D": {"zh": "按日", "en": "Daily"}, "W": {"zh": "按周", "en": "Weekly"},
             "MS": {"zh": "按月", "en": "Monthly"}, "QS": {"zh": "按季", "en": "Quarterly"}},
}
TEXTS: dict[str, dict[str, str]] = {
    # a KPI's attainment column (q_<kpi>, sqmkit.kpis.composite_score)
    "kpi_attainment_column": {"zh": "得分：{kpi}", "en": "Score: {kpi}"},
    # 02: charts (sqmkit.kpis.plots)
    "kpis_plot_amber": {"zh": "预警区", "en": "Amber band"},
    "kpis_plot_ok": {"zh": "达标区", "en": "On target"},
    "kpis_plot_target": {"zh": "目标 {target:g}", "en": "Target {target:g}"},
    "kpis_plot_deviation": {"zh": "与中心整体的差（中心整体 {centre:.1f}）",
                            "en": "Difference from the centre (centre {centre:.1f})"},
    "kpis_plot_worse": {"zh": "拖后腿", "en": "Pulls the KPI down"},
    "kpis_plot_better": {"zh": "优于整体", "en": "Better than the centre"},
    "kpis_plot_cascade_title": {"zh": "{kpi}：各{level}与中心整体比较", "en": "{kpi}: each {level} against the centre"},
    "kpis_plot_trend_title": {"zh": "{kpi}趋势与目标", "en": "{kpi}: trend against target"},
    "kpis_plot_rag_title": {"zh": "指标红黄绿状态", "en": "KPI status (red / amber / green)"},
    "kpis_plot_score": {"zh": "服务质量综合得分（0–100）", "en": "Service-quality score (0–100)"},
    # plain text: the theme reads no mathtext (labels come from client data)
    "kpis_plot_score_title": {"zh": "服务质量综合得分 SQS = Σ（权重 × 达成度）",
                              "en": "Service-quality score SQS = Σ (weight × attainment)"},
    "kpis_plot_all_met": {"zh": "全部达标 = 100", "en": "All targets met = 100"},
    "kpis_plot_partial": {"zh": "不完整期间（○）", "en": "Partial period (○)"},
    "kpis_plot_not_ranked": {"zh": "工单过少，不排名", "en": "Too few tickets: not ranked"},
    "kpis_plot_no_data": {"zh": "无数据", "en": "No data"},
    # 02: the KPI explorer (sqmkit.kpis.widgets)
    "kpis_widget_by": {"zh": "分组", "en": "Group by"},
    "kpis_widget_no_grouping": {"zh": "（不分组）", "en": "(no grouping)"},
    "kpi_period": {"zh": "{kpi}（{span}）", "en": "{kpi} ({span})"},
    "kpi_target": {"zh": "{kpi}目标", "en": "{kpi}: target"},
    "kpi_status_period": {"zh": "{kpi}状态（{span}）", "en": "{kpi}: status ({span})"},
    "lagging_unit": {"zh": "{kpi}最弱的{level}", "en": "{level} with the weakest {kpi}"},
    "kpi_of_unit": {"zh": "{unit}的{kpi}", "en": "{kpi} of {unit}"},
    "sqs_before": {"zh": "综合得分 SQS（改进前）", "en": "SQS before"},
    "sqs_after": {"zh": "综合得分 SQS（改进后）", "en": "SQS after"},
    "weekly_signals_after": {"zh": "分界日后出现控制图信号的周数", "en": "Weeks after the split with a control-chart signal"},
    "open_tickets_at": {"zh": "{date} 未结工单数", "en": "Open tickets at {date}"},
    # 02: settings line and SLA
    "kpi_settings": {"zh": "**{client}** · {title} · {sla} · 重复来电窗口：{window} 天 · 趋势期间 `{freq}`",
                     "en": "**{client}** · {title} · {sla} · repeat window: {window} days · trend period `{freq}`"},
    "sla_one": {"zh": "SLA：所有工单 {hours:g} 小时", "en": "SLA: {hours:g} h for every ticket"},
    "sla_map": {"zh": "SLA 时限：{hours}", "en": "SLA hours: {hours}"},
    "sla_due": {"zh": "SLA：按每张工单的截止时间 due_at；无 due_at 的工单：{rest}",
                "en": "SLA: each ticket's due_at; tickets without one: {rest}"},
    "sla_none": {"zh": "未设置 SLA（sqmkit.yaml 的 sla_hours，或 due_at 列）",
                 "en": "no SLA set (sla_hours in sqmkit.yaml, or a due_at column)"},
    "sla_none_short": {"zh": "无 SLA", "en": "no SLA"},
    # kpis.coverage reasons
    "coverage_no_column": {"zh": "工单表没有 {columns} 列", "en": "the ticket log has no column {columns}"},
    "coverage_no_sla": {"zh": "未设置 SLA：sqmkit.yaml 的 sla_hours 或 due_at 列",
                        "en": "no SLA set: sla_hours in sqmkit.yaml or a due_at column"},
    "coverage_sla_blank_priority": {"zh": "优先级为空：无对应的 SLA 时限（不计入 SLA 达成率）",
                                    "en": "priority blank: no SLA hours for it (left out of SLA attainment)"},
    "coverage_sla_no_priority": {"zh": "没有 priority 列：按优先级的 SLA 时限无法适用",
                                 "en": "no priority column: the SLA hours by priority do not apply"},
    # the KPI a notebook follows (kpis.follow_kpi, pdca.follow_kpi)
    "kpi_fallback": {"zh": "本工单记录无法计算{requested}（{why}）；以下跟踪单一指标的各节改用{kpi}。",
                     "en": "{requested} cannot be computed from this ticket log ({why}); the sections that follow "
                           "one KPI use {kpi} instead."},
    "kpi_none": {"zh": "本工单记录无法计算{requested}（{why}），也无法计算其他任何指标：跟踪单一指标的各节已跳过。",
                 "en": "{requested} cannot be computed from this ticket log ({why}), and neither can any other KPI: "
                       "the sections that follow one KPI are skipped."},
    "kpi_why_columns": {"zh": "需要 {columns} 列", "en": "it needs the column {columns}"},
    "kpi_why_sla": {"zh": "未设置 SLA：sqmkit.yaml 的 sla_hours 或 due_at 列",
                    "en": "no SLA is set: sla_hours in sqmkit.yaml, or a due_at column"},
    "kpi_why_values": {"zh": "没有工单具备所需的数据", "en": "no ticket has the values it needs"},
    "kpi_why_unknown": {"zh": "它不是工单记录的指标", "en": "it is not a KPI of the ticket log"},
    "section_no_kpi": {"zh": "本节跟踪单一指标，而工单记录无法计算任何指标（见上文）：已跳过。",
                       "en": "This section follows one KPI, and the ticket log supports none (see above): skipped."},
    # 02: levels before/after
    "level_no_before": {"zh": "{date} 之前没有{kpi}的数据（分界日前 {tickets} 张工单）：无法比较改进前后。"
                              "请调整 `split`（或 sqmkit.yaml 的 intervention_date），或补充工单。",
                        "en": "No {kpi} before {date} ({tickets} tickets before the split): the before/after "
                              "comparison needs data on both sides. Move `split` (or intervention_date in "
                              "sqmkit.yaml), or add tickets."},
    "level_no_after": {"zh": "{date} 起没有{kpi}的数据（分界日后 {tickets} 张工单）：无法比较改进前后。"
                             "请调整 `split`（或 sqmkit.yaml 的 intervention_date），或补充工单。",
                       "en": "No {kpi} from {date} on ({tickets} tickets after the split): the before/after "
                             "comparison needs data on both sides. Move `split` (or intervention_date in "
                             "sqmkit.yaml), or add tickets."},
    "level_no_target": {"zh": "`kpi_targets` 中没有{kpi}的目标：未评定其状态。请为它添加一行。",
                        "en": "{kpi} has no target in `kpi_targets`: its status is not rated. Add a row for it."},
    # 02: trends and partial periods
    "partial_periods": {"zh": "不完整期间（图中以空心点 ○ 标出，表中 partial 列）：{periods}。工单记录只覆盖这些期间的一部分，其工单量和时长不能与完整期间直接比较——这不是下降或上升。",
                        "en": "Partial periods (hollow points ○ in the chart, column partial in the table): "
                              "{periods}. The log covers only part of them, so their volumes and times are not "
                              "comparable with full periods — not a drop or a jump."},
    "partial_mark": {"zh": "（不完整）", "en": " (partial)"},
    "section_no_column": {"zh": "工单表没有 `{column}` 列：{section}已跳过。",
                          "en": "The ticket log has no `{column}` column: {section} is skipped."},
    "section_channel_trend": {"zh": "按渠道的趋势", "en": "the trend by channel"},
    "section_cascade": {"zh": "指标分解（班组 → 坐席）", "en": "the cascade (team → agent)"},
    "section_team_status": {"zh": "各班组的指标状态", "en": "the status by team"},
    "section_funnel": {"zh": "班组漏斗图", "en": "the funnel plot of teams"},
    "kpis_no_share_counts": {"zh": "工单记录中没有可计算{kpi}的工单（需要 SLA 或 contacts/fcr 列），本节跳过。",
                             "en": "The log has no tickets to count {kpi} on (it needs an SLA or a contacts/fcr column); "
                                   "this section is skipped."},
    "kpis_no_sla": {"zh": "工作簿没有 SLA（sqmkit.yaml 的 sla_hours）且工单没有 due_at 列：无法对照 SLA 评价解决时长。",
                    "en": "The workbook has no SLA (sla_hours in sqmkit.yaml) and the tickets no due_at: resolution time "
                          "cannot be judged against an SLA."},
    "p_chart": {"zh": "每周 p 图", "en": "weekly p chart"},
    "laney_p_chart": {"zh": "每周 Laney p′ 图", "en": "weekly Laney p′ chart"},
    "funnel_title": {"zh": "{kpi}：各班组漏斗图", "en": "{kpi}: funnel plot of the teams"},
    "capability_title": {"zh": "解决时长对照 SLA（{priority}，{n:,} 张工单）", "en": "Resolution time against the SLA ({priority}, {n:,} tickets)"},
    "capability_due_title": {"zh": "超出截止时间的小时数（{priority}，{n:,} 张工单）",
                             "en": "Hours beyond the deadline ({priority}, {n:,} tickets)"},
    "groups_few": {"zh": "有至少 {min} 张工单且有{kpi}数据的{level}不足两个：不指出最弱或最好的{level}。",
                   "en": "Fewer than two {level}s have at least {min} tickets and a value of {kpi}: none is named "
                         "weakest or best."},
    # 02: cascade, lagging unit (kpis.lagging_unit)
    "lagging_one_unit": {"zh": "工单记录中只有一个{level}：无从比较，不指出落后的{level}。",
                         "en": "The log has only one {level}: there is nothing to compare it with, so none is named "
                               "as lagging."},
    "lagging_too_small": {"zh": "有至少 {min} 张工单（参数 `min_group_tickets`）且有数据的{level}不足两个：不指出落后者。",
                          "en": "Fewer than two {level}s have at least {min} tickets (parameter `min_group_tickets`) "
                                "and a value: none is named as lagging."},
    "lagging_none_worse": {"zh": "没有工单数不少于 {min} 的{level}在{kpi}上差于中心整体：没有落后者。",
                           "en": "No {level} with at least {min} tickets is worse than the centre on {kpi}: none "
                                 "lags."},
    "lagging_small": {"zh": "{small} 个工单少于 {min} 张的{level}仅展示、不参与排名。",
                      "en": "{small} {level}(s) with fewer than {min} tickets are shown but not ranked."},
    "weakest_few": {"zh": "有至少 {min} 张工单且有数据的{level}少于 3 个：不比较最弱的{level}。",
                    "en": "Fewer than three {level}s have at least {min} tickets and a value: the weakest are not "
                          "compared."},
    "weakest_one_parent": {"zh": "所有参与排名的{level}都属于同一个{parent}：无法比较{parent}之间的差异。",
                           "en": "Every ranked {level} belongs to one {parent}: there is no difference between "
                                 "{parent}s to read."},
    # 02: composite score
    # errors in the workbook's kpi_targets table (sqmkit.kpis.targets)
    "tg_add_columns_fix": {"zh": "添加这些列（`sqmkit new` 生成的 data/kpi_targets.csv 带有全部列名）",
                           "en": "add the column (the data/kpi_targets.csv written by `sqmkit new` has every column)"},
    "tg_duplicate_kpi": {"zh": "表 'kpi_targets' 的 'kpi' 列：{kpis} 出现了不止一次。解决办法：每个 KPI 只保留一行。",
                         "en": "Table 'kpi_targets', column 'kpi': {kpis} appear more than once. Fix: keep one row per KPI."},
    "tg_bad_direction": {"zh": "表 'kpi_targets' 的 'direction' 列：KPI {kpis} 的方向为 {values}。解决办法：填写 higher 或 lower。",
                         "en": "Table 'kpi_targets', column 'direction': KPI {kpis} has direction {values}. Fix: write "
                               "higher or lower."},
    "tg_no_target": {"zh": "表 'kpi_targets' 的 'target' 列：KPI {kpis} 没有数值目标。解决办法：填写目标值。",
                     "en": "Table 'kpi_targets', column 'target': KPI {kpis} has no numeric target. Fix: fill the target."},
    "tg_bad_weight": {"zh": "表 'kpi_targets' 的 'weight' 列：KPI {kpis} 的权重为 {values}。解决办法：权重须为 ≥ 0 的数。",
                      "en": "Table 'kpi_targets', column 'weight': KPI {kpis} has weight {values}. Fix: weights must be "
                            "numbers >= 0."},
    "tg_unknown_kpi": {"zh": "表 'kpi_targets' 的 'kpi' 列：未知的 KPI {kpis}；表中已有 {known}。解决办法：为它添加一行"
                             "（目标、方向和权重），或不把它放进 `kpis`。",
                       "en": "Table 'kpi_targets', column 'kpi': unknown KPI {kpis}; known are {known}. Fix: add a row "
                             "with its target, direction and weight, or leave it out of `kpis`."},
    "tg_weights_zero": {"zh": "表 'kpi_targets' 的 'weight' 列：参与综合的 KPI 权重合计为 0。解决办法：至少给一个 KPI 正的权重。",
                        "en": "Table 'kpi_targets', column 'weight': the weights of the combined KPIs sum to 0. Fix: give "
                              "at least one KPI a positive weight."},
    "tg_weights_rescaled": {"zh": "kpi_targets 中 {kpis} 的权重合计为 {total}，不是 1；已按比例换算为合计 1。",
                            "en": "The weights of {kpis} in kpi_targets sum to {total}, not 1; they were rescaled to sum to 1."},
    "tg_no_values": {"zh": "KPI {kpis} 在 kpi_targets 中有权重，但没有数值。解决办法：补上数值（如来自调查或 kpi_values），"
                           "或传入不含它们的 kpis=。",
                     "en": "KPI {kpis} has a weight in kpi_targets but no values. Fix: add the values (e.g. from the "
                           "survey or kpi_values), or pass kpis= without them."},
    "score_no_weight": {"zh": "`kpi_targets` 没有 `weight`（权重）列：综合得分已跳过。请填写权重（会自动换算为合计 1）。",
                        "en": "`kpi_targets` has no `weight` column: the composite score is skipped. Add weights "
                              "(they are rescaled to sum to 1)."},
    "score_no_kpis": {"zh": "`kpi_targets` 中有权重的指标都无法从本工单记录计算：综合得分已跳过。",
                      "en": "No KPI with a weight in `kpi_targets` can be computed from this ticket log: the "
                            "composite score is skipped."},
    "score_left_out": {"zh": "未计入综合得分（本工单记录中无数据）：{kpis}。",
                       "en": "Left out of the composite score (no values in this ticket log): {kpis}."},
    "score_one_side": {"zh": "分界日的一侧没有综合得分（缺少数据）：无法比较改进前后。",
                       "en": "One side of the split has no score (values are missing there): no before/after "
                             "comparison."},
    # 02: control chart of the weekly KPI
    "chart_few_before": {"zh": "控制图需要分界日 {date} 之前至少 {min} 周有{kpi}数据来确定控制限，本工单记录只有 {n} 周。"
                               "请为 `tickets` 补充历史数据（或调整 `split`）。",
                         "en": "A control chart needs at least {min} weeks with a value of {kpi} before the split "
                               "date {date} to set its limits; this log has {n}. Add more history to `tickets` (or "
                               "move `split`)."},
    "chart_no_after": {"zh": "分界日 {date} 起没有一周有{kpi}数据：控制图没有可对照控制限判断的点。请调整 `split` 或补充工单。",
                       "en": "No week from the split date {date} on has a value of {kpi}: the control chart has "
                             "nothing to judge against its limits. Move `split`, or add tickets."},
    # 02: backlog
    "backlog_none": {"zh": "{date}：没有未结工单。", "en": "At {date}: no ticket is open."},
    "backlog_open": {"zh": "{date}：未结工单 {n:,} 张，账龄中位数 {days:.0f} 天——请在它们以重复来电或投诉的形式再次出现之前关闭或重新安排。",
                     "en": "At {date}: {n:,} tickets open, median age {days:.0f} days — close or re-plan the "
                           "stale ones before they reach the customer again as repeats or complaints."},
    "backlog_open_sla": {"zh": "{date}：未结工单 {n:,} 张，账龄中位数 {days:.0f} 天，其中 {over:,} 张已超过 SLA——"
                               "请在它们以重复来电或投诉的形式再次出现之前关闭或重新安排。",
                         "en": "At {date}: {n:,} tickets open, median age {days:.0f} days, {over:,} already past "
                               "their SLA — close or re-plan the stale ones before they reach the customer again as "
                               "repeats or complaints."},
    # 02: findings (sqmkit.kpis.findings) — direction words
    "kpis_then": {"zh": "{first}{next}", "en": "{first} {next}"},
    "kpis_fell": {"zh": "下降", "en": "fell"},
    "kpis_rose": {"zh": "上升", "en": "rose"},
    "kpis_fell_by": {"zh": "下降 {size}", "en": "fell by {size}"},
    "kpis_rose_by": {"zh": "上升 {size}", "en": "rose by {size}"},
    "kpis_no_change": {"zh": "不变", "en": "no change"},
    "kpis_improved": {"zh": "改善", "en": "an improvement"},
    "kpis_worsened": {"zh": "变差", "en": "a change for the worse"},
    "kpis_tied": {"zh": "（并列）", "en": " (tied)"},
    # 02: findings — labels of the recorded figures
    "kpis_change_label": {"zh": "{kpi}：分界后的变化（后 − 前）", "en": "{kpi}: change after the split (after − before)"},
    "kpis_weekly_change_label": {"zh": "每周{kpi}：分界后均值的变化（后 − 前）",
                                 "en": "Weekly {kpi}: change of the mean after the split (after − before)"},
    "kpis_p_welch_label": {"zh": "Welch p：每周{kpi}分界后{moved}", "en": "Welch p: weekly {kpi} {moved} after the split"},
    "kpis_sqs_change_label": {"zh": "综合得分 SQS 变化（后 − 前）", "en": "SQS change (after − before)"},
    "kpis_tickets_label": {"zh": "工单总数", "en": "Tickets in the log"},
    # 02: findings — sentences
    "kpis_coverage": {"zh": "共 {tickets:,} 张工单；其中 {no_frt:,} 张（{no_frt_pct:.1f} %）没有首次响应记录，"
                            "{open:,} 张仍未解决（或没有 resolved_at）：它们不计入响应时间和解决时长。",
                      "en": "{tickets:,} tickets; {no_frt:,} ({no_frt_pct:.1f} %) have no first response and {open:,} "
                            "are still open (or have no resolved_at): they are left out of the response and "
                            "resolution figures."},
    "kpis_level_moved": {"zh": "{kpi}从 {span_before} 的 {before} {moved}至 {span_after} 的 {after}（{change}，{pct}）。",
                         "en": "{kpi} {moved} from {before} ({span_before}) to {after} ({span_after}): {change} "
                               "({pct})."},
    "kpis_level_same": {"zh": "{kpi}在 {span_before} 为 {before}，在 {span_after} 为 {after}：按显示精度没有变化。",
                        "en": "{kpi} was {before} in {span_before} and {after} in {span_after}: no change at the "
                              "precision shown."},
    "kpis_level_better": {"zh": "该指标{direction}，这是改善。", "en": "For this KPI {direction}: an improvement."},
    "kpis_level_worse": {"zh": "该指标{direction}，这是变差。", "en": "For this KPI {direction}: it got worse."},
    "kpis_level_status": {"zh": "对照目标 {target}：分界前为{before}灯，分界后为{after}灯。",
                          "en": "Against the target of {target}: {before} before the split, {after} after it."},
    "kpis_red_after": {"zh": "分界后仍为红灯的指标：{kpis}。", "en": "KPIs still red after the split: {kpis}."},
    "kpis_red_after_none": {"zh": "分界后没有红灯指标。", "en": "No KPI is red after the split."},
    "kpis_level_noise": {"zh": "以上是两个期间的水平；变化是否超出每周的正常波动，由下文的控制图检验。",
                         "en": "These are the levels of the two periods; whether the change exceeds the "
                               "week-to-week noise is tested with the control chart below."},
    "kpis_rank": {"zh": "在{kpi}上，最弱的{level}是{worst}{tied}（{worst_value}），最好的是{best}（{best_value}）"
                        "——比较的是工单数不少于 {min} 张的 {groups} 个{level}。",
                  "en": "Weakest {level} on {kpi}: {worst}{tied} ({worst_value}); best: {best} ({best_value}) — "
                        "among the {groups} {level}s with at least {min} tickets."},
    "kpis_rank_all_tied": {"zh": "工单数不少于 {min} 张的 {groups} 个{level}的{kpi}相同（{value}）：没有最弱或最好的{level}。",
                           "en": "All {groups} {level}s with at least {min} tickets have the same {kpi} ({value}): "
                                 "none is weakest or best."},
    "kpis_lagging": {"zh": "{unit}在{kpi}上最落后：{value}，中心整体为 {centre}（是其余 {others} 个参与排名的{level}"
                           "中位数的 {ratio:.2f} 倍）；{ranked} 个参与排名的{level}中有 {worse} 个差于中心整体。",
                     "en": "{unit} lags most on {kpi}: {value} against the centre's {centre} ({ratio:.2f}× the "
                           "median of the other {others} ranked {level}s); {worse} of {ranked} ranked {level}s are "
                           "worse than the centre."},
    "kpis_weakest_concentrated": {
        "zh": "最弱的 {top} 个{level}中有 {n_parent} 个（{share_pct:.0f} %）属于{parent}，而{parent}只占参与排名的{level}的 "
              "{base_pct:.0f} %：差距集中在这个{parent_level}。根因分析应先问{parent}的做法与其他{parent_level}有何不同，"
              "而不只是看个人。",
        "en": "{n_parent} of the {top} weakest {level}s ({share_pct:.0f} %) belong to {parent}, which has "
              "{base_pct:.0f} % of the ranked {level}s: the gap concentrates in that {parent_level}. The root-cause "
              "work should ask what {parent} does differently from the other {parent_level}s, not only who."},
    "kpis_weakest_spread": {
        "zh": "最弱的 {top} 个{level}分布在 {parents} 个{parent_level}中（最多 {n_parent} 个在{parent}，它占参与排名的"
              "{level}的 {base_pct:.0f} %）：差距不集中在某个{parent_level}，而在个人。请先查看这些{level}的工单。",
        "en": "The {top} weakest {level}s are spread over {parents} {parent_level}s (at most {n_parent} in {parent}, "
              "which has {base_pct:.0f} % of the ranked {level}s): the gap sits with individuals rather than with "
              "one {parent_level}. Look at these {level}s' tickets first."},
    "kpis_score": {"zh": "综合得分 SQS 从分界前的 {before} {moved}至分界后的 {after}（{change} 分，共 {n} 项指标）：{verdict}。",
                   "en": "SQS {moved} from {before} before the split to {after} after it ({change} points, over {n} "
                         "KPIs): {verdict}."},
    "kpis_score_same": {"zh": "综合得分 SQS 分界前后均为 {before}（共 {n} 项指标）：没有变化。",
                        "en": "SQS is {before} both before and after the split (over {n} KPIs): no change."},
    "kpis_score_weakest": {"zh": "分界后达成度最低的指标是 {kpi}（达成度 {q:.0f}，100 为达标）。",
                           "en": "The weakest KPI after the split is {kpi} (attainment {q:.0f}; 100 means on target)."},
    "kpis_chart_limits": {"zh": "控制限取自 {date} 之前的 {n_before} 周：中心线 {center}，控制限 {lcl} 至 {ucl}。",
                          "en": "Limits from the {n_before} weeks before {date}: centre {center}, control limits "
                                "{lcl} to {ucl}."},
    "kpis_chart_test": {"zh": "此后 {n_after} 周的均值为 {mean_after}，与之前各周相比{change}（均值之差的 {conf:.0f} % "
                              "置信区间 {ci_low} 至 {ci_high}；Welch p {p_welch}；Mann–Whitney p {p_mw}，秩二列相关 "
                              "r = {r:+.2f}）。",
                        "en": "The {n_after} weeks from then average {mean_after}: the weekly value {change} against the weeks "
                              "before ({conf:.0f} % CI of the difference of the means {ci_low} to {ci_high}; Welch p "
                              "{p_welch}; Mann–Whitney p {p_mw}, rank-biserial r = {r:+.2f})."},
    "kpis_chart_sides": {"zh": "此后 {n_after} 周中有 {signals} 周出现判异信号；{pct_better:.0f} % 的周超出原控制限的"
                               "改善一侧，{pct_worse:.0f} % 超出变差一侧；在原中心线改善一侧最长连续 {run_better} 周，"
                               "变差一侧最长连续 {run_worse} 周。",
                         "en": "{signals} of the {n_after} later weeks signal a change; {pct_better:.0f} % lie beyond "
                               "the old limit on the better side and {pct_worse:.0f} % on the worse side; the longest "
                               "run on the better side of the old centre is {run_better} weeks, on the worse side "
                               "{run_worse}."},
    "kpis_chart_better_sustained": {"zh": "结论：向改善方向的持续偏移（该指标{direction}），变化超出了每周的正常波动。",
                                    "en": "Verdict: a sustained shift in the better direction ({direction}); the "
                                          "change is larger than the week-to-week noise."},
    "kpis_chart_better": {"zh": "结论：向改善方向的变化（该指标{direction}），超出了检验的随机波动，但控制图上尚无连续 "
                                "{run} 周的游程：确认持续之前请继续观察。",
                          "en": "Verdict: a change in the better direction ({direction}), larger than the noise of "
                                "the test, but the chart has no run of {run} weeks yet: keep watching before calling "
                                "it sustained."},
    "kpis_chart_worse_sustained": {"zh": "结论：向变差方向的持续偏移（该指标{direction}）：指标变差了，且超出了每周的正常波动。",
                                   "en": "Verdict: a sustained shift in the worse direction ({direction}): the KPI got "
                                         "worse, by more than the week-to-week noise."},
    "kpis_chart_worse": {"zh": "结论：指标变差了（该指标{direction}），变化超出了检验的随机波动，控制图上尚无连续 {run} 周的游程。",
                         "en": "Verdict: the KPI got worse ({direction}), by more than the noise of the test; the "
                               "chart has no run of {run} weeks yet."},
    "kpis_chart_run_only": {"zh": "结论：检验未发现超出随机波动的差异（Welch p {p}），但有连续 {run} 周落在原中心线的{side}"
                                  "一侧：可能正在{side}，尚不能确认。",
                            "en": "Verdict: the test finds no difference beyond noise (Welch p {p}), but {run} weeks "
                                  "in a row lie on the {side} side of the old centre: a possible shift, not yet "
                                  "established."},
    "kpis_side_better": {"zh": "改善", "en": "improving"},
    "kpis_side_worse": {"zh": "变差", "en": "worsening"},
    "kpis_chart_none": {"zh": "结论：没有证据表明发生了变化——差异在每周的正常波动之内（Welch p {p}，显著性水平 {alpha:g}）。",
                        "en": "Verdict: no evidence of a change — the difference is within the week-to-week noise "
                              "(Welch p {p}, at the {alpha:g} level)."},
    # section 6: a percentage KPI on a p or p′ chart (sqmkit.kpis.proportion_chart, spc.overdispersion)
    "kpis_prime_overdispersed": {
        "zh": "每周{kpi}：每周平均 {size:,.0f} 张工单，普通 p 图的控制限只有 ±{half:.1f} 个百分点宽，{points} 周中有 "
              "{beyond} 周会超出控制限——但各周之间的波动是二项抽样所能解释的 {ratio:.1f} 倍（离散度检验 p {p}，"
              "σz = {sigma_z:.2f}）：周与周之间本来就存在真实的波动。因此下图采用 Laney p′ 图，其控制限计入了这一波动；"
              "超出 p′ 控制限的有 {beyond_prime} 周。",
        "en": "{kpi} per week: with {size:,.0f} tickets a week on average, an ordinary p chart's limits would be only "
              "±{half:.1f} points wide and {beyond} of {points} weeks would fall outside them — but the weeks vary "
              "{ratio:.1f} times more than binomial sampling explains (dispersion test p {p}, σz = {sigma_z:.2f}): "
              "real week-to-week variation. The chart below is therefore Laney's p′ chart, whose limits include it; "
              "{beyond_prime} weeks fall outside them."},
    "kpis_prime_consistent": {
        "zh": "每周{kpi}：各周之间的波动与每周约 {size:,.0f} 张工单的二项抽样相符（方差比 {ratio:.2f}，离散度检验 "
              "p {p}），因此下图采用普通 p 图；Laney p′ 图会给出几乎相同的控制限（σz = {sigma_z:.2f}）。",
        "en": "{kpi} per week: the week-to-week variation is what binomial sampling of about {size:,.0f} tickets a week "
              "predicts (variance ratio {ratio:.2f}, dispersion test p {p}), so the chart below is the ordinary p "
              "chart; Laney's p′ chart would give nearly the same limits (σz = {sigma_z:.2f})."},
    "kpis_prime_constant": {
        "zh": "每周{kpi}：{points} 周每周都是 {center:.0f}%，周与周之间没有任何波动，因此也没有需要检验的离散度；"
              "下图的控制限与中心线重合，任何一周偏离 {center:.0f}% 都是信号。",
        "en": "{kpi} per week: {center:.0f}% in every one of the {points} weeks, so there is no week-to-week variation "
              "and no dispersion to test; the chart's limits sit on its centre line, and any week off {center:.0f}% "
              "would be a signal."},
    "kpis_prime_drift": {
        "zh": "每周{kpi}：各周之间的波动大于二项抽样（离散度检验 p {p}），但相邻各周相互接近（σz = {sigma_z:.2f} ≤ 1）："
              "这是水平的偏移或趋势，而不是噪声，因此下图保留普通 p 图，它的信号是真实的变化。",
        "en": "{kpi} per week: the weeks vary more than binomial sampling (dispersion test p {p}), but neighbouring weeks "
              "agree (σz = {sigma_z:.2f} ≤ 1): a shift or a trend rather than noise, so the chart below keeps the "
              "ordinary p chart, whose signals are real changes."},
    "kpis_prime_signals": {"zh": "{date} 起的 {n_after} 周中，有 {signals} 周在该图上出现判异信号。",
                           "en": "{signals} of the {n_after} weeks from {date} signal on this chart."},
    "kpis_prime_no_phase2": {"zh": "前后分界日 {date} 之前不足 3 周或之后没有数据，因此全部 {points} 周共同决定控制限。",
                             "en": "The before/after date {date} leaves fewer than 3 weeks before it or none after it, "
                                   "so all {points} weeks set the limits."},
    "kpis_prime_chart_label": {"zh": "{kpi}：所用控制图的 σz", "en": "{kpi}: σz of the chart used"},
    # section 6: resolution time against the SLA (sqmkit.kpis.resolution_capability)
    "kpis_capability": {
        "zh": "{priority}工单的解决时长对照 SLA {usl:g} 小时（{n:,} 张已解决工单）：一半在 {median:.1f} 小时内解决，"
              "但 99.865 % 分位数为 {q_high:.0f} 小时；Cpk = {cpk:.2f}（百分位法），{above:.1f} % 的工单超出 SLA。",
        "en": "Resolution time of {priority} tickets against the SLA of {usl:g} h ({n:,} resolved tickets): half are "
              "resolved within {median:.1f} h, but the 99.865th percentile is {q_high:.0f} h; Cpk = {cpk:.2f} "
              "(percentile method), and {above:.1f} % were resolved beyond the SLA."},
    "kpis_capability_due": {
        "zh": "{priority}工单超出各自截止时间的小时数（{n:,} 张已解决工单；0 即截止时间）：中位数 {median:+.1f} 小时，"
              "99.865 % 分位数 {q_high:+.0f} 小时；Cpk = {cpk:.2f}（百分位法），{above:.1f} % 的工单超出截止时间。",
        "en": "Hours beyond each ticket's own deadline for {priority} tickets ({n:,} resolved; 0 is the deadline): "
              "median {median:+.1f} h, 99.865th percentile {q_high:+.0f} h; Cpk = {cpk:.2f} (percentile method), "
              "and {above:.1f} % were resolved after the deadline."},
    "kpis_capability_constant": {
        "zh": "{priority}工单（{n:,} 张已解决工单，SLA {usl:g} 小时）：解决时长的中位数与 99.865 % 分位数都是 {median:.1f} 小时，"
              "几乎每张工单用时相同，Cpk 无从计算；{above:.1f} % 超出 SLA。请检查解决时间是否为系统自动填写。",
        "en": "{priority} tickets ({n:,} resolved, SLA {usl:g} h): the median and the 99.865th percentile of resolution "
              "time are both {median:.1f} h — nearly every ticket took the same time — so Cpk is undefined; {above:.1f} % "
              "were beyond the SLA. Check whether the resolution times were filled in automatically."},
    "kpis_capable": {"zh": "Cpk ≥ {good:g}：流程有能力稳定满足 SLA。", "en": "Cpk ≥ {good:g}: the process meets the SLA with room to spare."},
    "kpis_capable_marginal": {"zh": "1 ≤ Cpk < {good:g}：流程勉强满足 SLA，没有余量。",
                              "en": "1 ≤ Cpk < {good:g}: the process just meets the SLA, without room to spare."},
    "kpis_not_capable": {"zh": "Cpk < 1：超出 SLA 的长尾是流程本身的一部分，而不是个别例外——应缩短长尾（例如对积压工单升级处理），"
                               "而不是逐张追查。",
                         "en": "Cpk < 1: the tail beyond the SLA is part of the process, not a few exceptions — "
                               "shorten the tail (e.g. escalate ageing tickets) rather than chase single tickets."},
    "kpis_cpk_label": {"zh": "{priority} 解决时长 Cpk", "en": "{priority} resolution-time Cpk"},
    "kpis_all_priorities": {"zh": "全部", "en": "all"},
    # section 4: teams on a funnel plot (sqmkit.kpis.team_funnel)
    "kpis_funnel_none": {
        "zh": "{k} 个{level}的{kpi}都落在 3σ 漏斗之内（合并均值 {center:.1f} %，各{level} {low:.1f}–{high:.1f} %，"
              "工单 {small:,}–{large:,} 张）：它们之间的差异是这样的规模下随机波动所能给出的——据此排名就是给噪声排名。",
        "en": "All {k} {level}s lie inside the 3σ funnel of {kpi} (pooled {center:.1f} %; {level}s {low:.1f}–{high:.1f} %, "
              "{small:,}–{large:,} tickets): their differences are what chance gives at their sizes — a ranking of "
              "them would rank noise."},
    "kpis_funnel_outside": {
        "zh": "{kpi}超出 3σ 漏斗的{level}（合并均值 {center:.1f} %）：{units}。它们与均值的差距超出了其规模所能解释的范围；"
              "其余 {rest} 个{level}在漏斗之内。",
        "en": "Outside the 3σ funnel of {kpi} (pooled {center:.1f} %): {units}. They differ from the centre by more "
              "than their size explains; the other {rest} {level}s lie inside."},
    "kpis_funnel_unit": {"zh": "{unit}（{stat:.1f} %，{size:,} 张，{side}）", "en": "{unit} ({stat:.1f} %, {size:,} tickets, {side})"},
    "kpis_funnel_better": {"zh": "优于合并均值", "en": "better than the pooled rate"},
    "kpis_funnel_worse": {"zh": "差于合并均值", "en": "worse than the pooled rate"},
    "kpis_funnel_label": {"zh": "{kpi}：超出漏斗的{level}数", "en": "{kpi}: {level}s outside the funnel"},
    # the KPI engine (sqmkit.kpis.engine.DuckSource): a query that needs more memory or temp disk than allowed
    "kpis_engine_out_of_room": {
        "zh": "表 'tickets'（{source}）：计算 KPI 所需的内存或临时磁盘空间超出了允许的上限：内存上限 {memory}，"
              "临时文件上限 {temp}（位于 {folder}）。解决办法：调高环境变量 {memory_env}（如 {memory_env}=8GB）或 "
              "{temp_env}（如 {temp_env}=50GB），在 {folder} 所在磁盘上腾出空间，或用 start/end 只计算一段时间的工单。"
              "（DuckDB：{detail}）",
        "en": "Table 'tickets' ({source}): the KPI query needs more memory or temporary disk space than allowed: "
              "memory limit {memory}, temporary files up to {temp} in {folder}. Fix: raise the environment variable "
              "{memory_env} (e.g. {memory_env}=8GB) or {temp_env} (e.g. {temp_env}=50GB), free disk space where "
              "{folder} lies, or compute fewer tickets at a time with start/end. (DuckDB: {detail})"},
    "kpis_chart_untested": {"zh": "结论：周数太少或各周数值没有波动，无法检验；请只看上面的控制图信号。",
                            "en": "Verdict: too few weeks, or no spread in them, for a test; read the chart's signals "
                                  "above only."},
}
