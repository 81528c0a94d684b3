"""Terms shared by several steps: generic output columns, coded values, headline labels and notebook texts."""
from __future__ import annotations

from typing import Any


__all__ = ["BLANK", "COLUMNS", "VALUES", "THEMES", "TEXTS"]

#: The code of a blank value in an optional grouping column (team, channel, priority …): blanks are
#: their own group in tables and charts, shown as "(未填写)" / "(blank)".
BLANK = "(blank)"

#: Output column name → {"zh": ..., "en": ...}. KPI columns come from :data:`sqmkit.glossary.kpis.KPI_LABELS`.
COLUMNS: dict[str, dict[str, str]] = {
    # counts, shares, generic statistics
    "n": {"zh": "样本数", "en": "n"},
    "k": {"zh": "题项数 k", "en": "Items (k)"},
    "rows": {"zh": "行数", "en": "Rows"},
    "mean": {"zh": "均值", "en": "Mean"},
    "sd": {"zh": "标准差", "en": "SD"},
    "se": {"zh": "标准误", "en": "SE"},
    "min": {"zh": "最小值", "en": "Min"},
    "max": {"zh": "最大值", "en": "Max"},
    "value": {"zh": "数值", "en": "Value"},
    "total": {"zh": "合计", "en": "Total"},
    "pct": {"zh": "占比（%）", "en": "Share (%)"},
    "cum_pct": {"zh": "累计占比（%）", "en": "Cumulative share (%)"},
    "cum_value": {"zh": "累计数值", "en": "Cumulative value"},
    "ci_low": {"zh": "95% 置信下限", "en": "95% CI low"},
    "ci_high": {"zh": "95% 置信上限", "en": "95% CI high"},
    "ci_low_pct": {"zh": "95% 置信下限（%）", "en": "95% CI low (%)"},
    "ci_high_pct": {"zh": "95% 置信上限（%）", "en": "95% CI high (%)"},
    "ci_low_nps": {"zh": "NPS 置信下限", "en": "NPS CI low"},
    "ci_high_nps": {"zh": "NPS 置信上限", "en": "NPS CI high"},
    "n_nps": {"zh": "NPS 样本数", "en": "NPS n"},
    "statistic": {"zh": "统计量", "en": "Statistic"},
    "stat": {"zh": "统计量", "en": "Statistic"},
    "t": {"zh": "t 值", "en": "t"},
    "df": {"zh": "自由度", "en": "df"},
    "p_value": {"zh": "p 值", "en": "p value"},
    "p_welch": {"zh": "Welch t 检验 p 值", "en": "Welch t-test p"},
    "p_mannwhitney": {"zh": "Mann–Whitney p 值", "en": "Mann–Whitney p"},
    "test": {"zh": "检验", "en": "Test"},
    "method": {"zh": "方法", "en": "Method"},
    "measure": {"zh": "指标", "en": "Measure"},
    "rank": {"zh": "排名", "en": "Rank"},
    "score": {"zh": "得分", "en": "Score"},
    "weight": {"zh": "权重", "en": "Weight"},
    "weighted_score": {"zh": "加权得分", "en": "Weighted score"},
    "before": {"zh": "改进前", "en": "Before"},
    "after": {"zh": "改进后", "en": "After"},
    "difference": {"zh": "差值", "en": "Difference"},
    "diff": {"zh": "差值", "en": "Difference"},
    "change": {"zh": "变化", "en": "Change"},
    "change_pct": {"zh": "变化（%）", "en": "Change (%)"},
    "previous": {"zh": "上期", "en": "Previous"},
    "mean_before": {"zh": "改进前均值", "en": "Mean before"},
    "mean_after": {"zh": "改进后均值", "en": "Mean after"},
    "n_before": {"zh": "改进前样本数", "en": "n before"},
    "n_after": {"zh": "改进后样本数", "en": "n after"},
    "improved": {"zh": "已改善", "en": "Improved"},
    # periods and grouping
    "period": {"zh": "期间", "en": "Period"},
    "part": {"zh": "阶段", "en": "Part"},
    "phase": {"zh": "阶段", "en": "Phase"},
    "start": {"zh": "开始", "en": "Start"},
    "end": {"zh": "结束", "en": "End"},
    "date": {"zh": "日期", "en": "Date"},
    "at": {"zh": "时点", "en": "At"},
    "as_of": {"zh": "截至", "en": "As of"},
    "days": {"zh": "天数", "en": "Days"},
    "latest_date": {"zh": "最新日期", "en": "Latest date"},
    "split_date": {"zh": "分界日期", "en": "Split date"},
    "channel": {"zh": "渠道", "en": "Channel"},
    "segment": {"zh": "客户细分", "en": "Segment"},
    "team": {"zh": "班组", "en": "Team"},
    "agent_id": {"zh": "坐席", "en": "Agent"},
    "priority": {"zh": "优先级", "en": "Priority"},
    "tier": {"zh": "客户层级", "en": "Tier"},
    "level": {"zh": "层级", "en": "Level"},
    "unit": {"zh": "单位", "en": "Unit"},
    "parent": {"zh": "上级", "en": "Parent"},
    "parent_value": {"zh": "上级数值", "en": "Parent value"},
    "centre": {"zh": "中心整体", "en": "Centre"},
    "deviation": {"zh": "偏差", "en": "Deviation"},
    "worse_than_centre": {"zh": "差于中心整体", "en": "Worse than centre"},
    "contacts": {"zh": "联系次数", "en": "Contacts"},
    "tenure_days": {"zh": "客户时长（天）", "en": "Tenure (days)"},
    "overall": {"zh": "总体评分", "en": "Overall rating"},
    "source": {"zh": "来源", "en": "Source"},
    "used": {"zh": "计入", "en": "Used"},
    "root": {"zh": "根因", "en": "Root"},
    # data health
    "table": {"zh": "表", "en": "Table"},
    "file": {"zh": "文件", "en": "File"},
    "required": {"zh": "必需", "en": "Required"},
    "columns": {"zh": "列数", "en": "Columns"},
    "column": {"zh": "列", "en": "Column"},
    "n_missing": {"zh": "缺失", "en": "Missing"},
    "rule": {"zh": "规则", "en": "Rule"},
    "reason": {"zh": "原因", "en": "Reason"},
    "examples": {"zh": "示例", "en": "Examples"},
    "fix": {"zh": "修正方法", "en": "Fix"},
    "key": {"zh": "键", "en": "Key"},
    "label": {"zh": "名称", "en": "Label"},
    # KPIs
    "kpi": {"zh": "指标", "en": "KPI"},
    "target": {"zh": "目标", "en": "Target"},
    "direction": {"zh": "方向", "en": "Direction"},
    "status": {"zh": "状态", "en": "Status"},
    "attainment_pct": {"zh": "达成度（%）", "en": "Attainment (%)"},
    "excluded": {"zh": "剔除数", "en": "Excluded"},
    "excluded_pct": {"zh": "剔除（%）", "en": "Excluded (%)"},
    "open_tickets": {"zh": "未结工单", "en": "Open tickets"},
    "open_at_period_end": {"zh": "期末未结", "en": "Open at period end"},
    "over_sla": {"zh": "超 SLA", "en": "Over SLA"},
    "over_sla_pct": {"zh": "超 SLA（%）", "en": "Over SLA (%)"},
    "age_mean_h": {"zh": "平均账龄（小时）", "en": "Mean age (h)"},
    "age_median_h": {"zh": "账龄中位数（小时）", "en": "Median age (h)"},
    "age_p90_h": {"zh": "账龄 P90（小时）", "en": "P90 age (h)"},
    "age_max_h": {"zh": "最大账龄（小时）", "en": "Max age (h)"},
    "resolved": {"zh": "已解决", "en": "Resolved"},
    "open": {"zh": "未开始", "en": "Open"},  # actions not started (the status columns of pdca.action_progress)
    # control charts
    "center": {"zh": "中心线", "en": "Centre line"},
    "lcl": {"zh": "控制下限", "en": "LCL"},
    "ucl": {"zh": "控制上限", "en": "UCL"},
    "sigma": {"zh": "σ", "en": "Sigma"},
    "point": {"zh": "点", "en": "Point"},
    # needs analysis
    "need_id": {"zh": "需求编号", "en": "Need ID"},
    "need": {"zh": "需求", "en": "Need"},
    "item": {"zh": "题项", "en": "Item"},
    "description": {"zh": "说明", "en": "Description"},
    "importance": {"zh": "重要性", "en": "Importance"},
    "performance": {"zh": "表现", "en": "Performance"},
    "importance_line": {"zh": "重要性分界", "en": "Importance line"},
    "performance_line": {"zh": "表现分界", "en": "Performance line"},
    "gap": {"zh": "差距", "en": "Gap"},
    "gap_norm": {"zh": "差距（标准化）", "en": "Gap (normalised)"},
    "gap_rank": {"zh": "差距排名", "en": "Gap rank"},
    "quadrant": {"zh": "象限", "en": "Quadrant"},
    "attribute": {"zh": "属性", "en": "Attribute"},
    "category": {"zh": "类别", "en": "Category"},
    "kano_category": {"zh": "Kano 类别", "en": "Kano category"},
    "kano_score": {"zh": "Kano 得分", "en": "Kano score"},
    "better": {"zh": "满意提升 Better", "en": "Better"},
    "worse": {"zh": "不满意影响 Worse", "en": "Worse"},
    "mentions": {"zh": "提及次数", "en": "Mentions"},
    "mentions_norm": {"zh": "提及（标准化）", "en": "Mentions (normalised)"},
    "weight_gap": {"zh": "差距权重", "en": "Gap weight"},
    "weight_kano": {"zh": "Kano 权重", "en": "Kano weight"},
    "weight_mentions": {"zh": "提及权重", "en": "Mentions weight"},
    "smart": {"zh": "符合 SMART", "en": "SMART"},
    "missing": {"zh": "缺失", "en": "Missing"},
    "has_owner": {"zh": "有负责人", "en": "Has owner"},
    "has_metric": {"zh": "有指标", "en": "Has metric"},
    "has_baseline": {"zh": "有基线", "en": "Has baseline"},
    "has_target": {"zh": "有目标", "en": "Has target"},
    "has_deadline": {"zh": "有期限", "en": "Has deadline"},
    "silhouette": {"zh": "轮廓系数", "en": "Silhouette"},
    "chosen": {"zh": "选用", "en": "Chosen"},
    "cluster": {"zh": "群组", "en": "Cluster"},
    "inertia": {"zh": "组内平方和", "en": "Inertia"},
    "overall_mean": {"zh": "总体均值", "en": "Overall mean"},
    # root cause
    "vital_few": {"zh": "关键少数", "en": "Vital few"},
    "problem_id": {"zh": "问题编号", "en": "Problem ID"},
    "cause_id": {"zh": "原因编号", "en": "Cause ID"},
    "cause": {"zh": "原因", "en": "Cause"},
    "parent_id": {"zh": "上级原因", "en": "Parent cause"},
    "bone": {"zh": "鱼骨", "en": "Bone"},
    "bone_order": {"zh": "鱼骨顺序", "en": "Bone order"},
    "in_preset": {"zh": "属于预设类别", "en": "In preset"},
    "votes": {"zh": "票数", "en": "Votes"},
    "top_voted": {"zh": "高票", "en": "Top voted"},
    "verified": {"zh": "已验证", "en": "Verified"},
    "evidence": {"zh": "证据", "en": "Evidence"},
    "evidence_level": {"zh": "证据等级", "en": "Evidence level"},
    "evidence_weight": {"zh": "证据权重", "en": "Evidence weight"},
    "chain_id": {"zh": "链编号", "en": "Chain id"},
    "chain_ids": {"zh": "链编号", "en": "Chains"},
    "step": {"zh": "步骤", "en": "Step"},
    "why": {"zh": "为什么", "en": "Why"},
    "because": {"zh": "因为", "en": "Because"},
    "is_root": {"zh": "根因", "en": "Root"},
    "root_cause": {"zh": "根因", "en": "Root cause"},
    "n_steps": {"zh": "步数", "en": "Steps"},
    "steps_without_evidence": {"zh": "无证据步骤", "en": "Steps without evidence"},
    "few_steps": {"zh": "步骤过少", "en": "Too few steps"},
    "no_evidence": {"zh": "缺证据", "en": "No evidence"},
    "no_root": {"zh": "无根因", "en": "No root"},
    "not_linked": {"zh": "未关联原因", "en": "Not linked"},
    "not_verified": {"zh": "未验证", "en": "Not verified"},
    "flagged": {"zh": "需复核", "en": "Flagged"},
    "flag": {"zh": "标记", "en": "Flag"},
    "note": {"zh": "备注", "en": "Note"},
    "covered": {"zh": "已有对策", "en": "Covered"},
    "action_ids": {"zh": "对策编号", "en": "Action ids"},
    "n_actions": {"zh": "对策数", "en": "Actions"},
    "baseline": {"zh": "基线", "en": "Baseline"},
    "problem": {"zh": "问题", "en": "Problem"},
    "statement": {"zh": "问题陈述", "en": "Statement"},
    # PDCA
    "action_id": {"zh": "对策编号", "en": "Action ID"},
    "action": {"zh": "对策", "en": "Action"},
    "actions": {"zh": "对策数", "en": "Actions"},
    "owner": {"zh": "负责人", "en": "Owner"},
    "due": {"zh": "截止日期", "en": "Due"},
    "done_date": {"zh": "完成日期", "en": "Done date"},
    "actual_end": {"zh": "实际完成", "en": "Actual end"},
    "overdue": {"zh": "已逾期", "en": "Overdue"},
    "due_soon": {"zh": "即将到期", "en": "Due soon"},
    "days_late": {"zh": "逾期天数", "en": "Days late"},
    "done": {"zh": "已完成", "en": "Done"},
    "done_pct": {"zh": "完成率（%）", "en": "Done (%)"},
    "active": {"zh": "进行中", "en": "Active"},
    "blocked": {"zh": "受阻", "en": "Blocked"},
    "cancelled": {"zh": "已取消", "en": "Cancelled"},
    "in_progress": {"zh": "进行中", "en": "In progress"},
    "cycle": {"zh": "PDCA 轮次", "en": "Cycle"},
    "next_cycle": {"zh": "下一轮", "en": "Next cycle"},
    "decision": {"zh": "决定", "en": "Decision"},
    "standardization": {"zh": "标准化记录", "en": "Standardisation"},
    "standardized": {"zh": "已标准化", "en": "Standardised"},
    "effectiveness": {"zh": "有效性", "en": "Effectiveness"},
    "recorded": {"zh": "记录的有效性", "en": "Recorded"},
    "suggested": {"zh": "数据建议的有效性", "en": "Suggested by data"},
    "agrees": {"zh": "一致", "en": "Agrees"},
    "actual": {"zh": "实际值", "en": "Actual"},
    "actual_used": {"zh": "采用的实际值", "en": "Actual used"},
    "target_met": {"zh": "达成目标", "en": "Target met"},
    # satisfaction
    "top_box_pct": {"zh": "满意率 Top-box（%）", "en": "Top box (%)"},
    "promoters_pct": {"zh": "推荐者（%）", "en": "Promoters (%)"},
    "passives_pct": {"zh": "被动者（%）", "en": "Passives (%)"},
    "detractors_pct": {"zh": "贬损者（%）", "en": "Detractors (%)"},
    "dimension": {"zh": "维度", "en": "Dimension"},
    "perception": {"zh": "感知 P", "en": "Perception"},
    "expectation": {"zh": "期望 E", "en": "Expectation"},
    "scale": {"zh": "量表", "en": "Scale"},
    "alpha": {"zh": "Cronbach α", "en": "Cronbach α"},
    "alpha_if_deleted": {"zh": "删除后 α", "en": "α if deleted"},
    "item_rest_r": {"zh": "题项–其余相关", "en": "Item–rest r"},
    "driver": {"zh": "驱动因素", "en": "Driver"},
    "r": {"zh": "相关系数 r", "en": "r"},
    "r2": {"zh": "R²", "en": "R²"},
    "importance_pct": {"zh": "解释占比（%）", "en": "Share of R² (%)"},
    "mean_score": {"zh": "平均评分", "en": "Mean rating"},
    "theme": {"zh": "主题", "en": "Theme"},
    "comments": {"zh": "评论数", "en": "Comments"},
    "comment": {"zh": "评论", "en": "Comment"},
    "term": {"zh": "词语", "en": "Term"},
    "count": {"zh": "次数", "en": "Count"},
    "effect_size": {"zh": "效应量", "en": "Effect size"},
    "effect_size_name": {"zh": "效应量类型", "en": "Effect size measure"},
    # KPIs that workbooks commonly report directly in kpi_values (not computed from tickets)
    "complaint_rate_per_10k": {"zh": "投诉率（件/万单）", "en": "Complaints per 10k"},
    "agent_attrition_pct": {"zh": "坐席流失率（%）", "en": "Agent attrition (%)"},
    # --- widgets (issue 11) ---
    "rated_by": {"zh": "评分来源", "en": "Rated by"},
}

_KANO = {"M": {"zh": "M 必备型", "en": "M must-be"}, "O": {"zh": "O 期望型", "en": "O one-dimensional"},
         "A": {"zh": "A 魅力型", "en": "A attractive"}, "I": {"zh": "I 无差异型", "en": "I indifferent"},
         "R": {"zh": "R 反向型", "en": "R reverse"}, "Q": {"zh": "Q 可疑", "en": "Q questionable"}}
_PHASES = {"before": {"zh": "改进前", "en": "Before"}, "after": {"zh": "改进后", "en": "After"},
           "I": {"zh": "第 I 阶段", "en": "Phase I"}, "II": {"zh": "第 II 阶段", "en": "Phase II"}}

#: Coded values → labels. Keys: a column name (its values only) or ``"*"`` (any column).
VALUES: dict[str, dict[Any, dict[str, str]]] = {
    "*": {
        True: {"zh": "是", "en": "yes"}, False: {"zh": "否", "en": "no"},
        "red": {"zh": "红", "en": "red"}, "amber": {"zh": "黄", "en": "amber"}, "green": {"zh": "绿", "en": "green"},
        "concentrate": {"zh": "重点改进", "en": "Concentrate here"},
        "keep_up": {"zh": "继续保持", "en": "Keep up the good work"},
        "low_priority": {"zh": "低优先级", "en": "Low priority"},
        "overkill": {"zh": "可能过度投入", "en": "Possible overkill"},
        "lower": {"zh": "越低越好", "en": "lower is better"}, "higher": {"zh": "越高越好", "en": "higher is better"},
        "tangibles": {"zh": "有形性", "en": "Tangibles"}, "reliability": {"zh": "可靠性", "en": "Reliability"},
        "responsiveness": {"zh": "响应性", "en": "Responsiveness"}, "assurance": {"zh": "保证性", "en": "Assurance"},
        "empathy": {"zh": "移情性", "en": "Empathy"},
    },
    "status": {"open": {"zh": "未开始", "en": "open"}, "planned": {"zh": "计划中", "en": "planned"},
               "in_progress": {"zh": "进行中", "en": "in progress"}, "done": {"zh": "已完成", "en": "done"},
               "blocked": {"zh": "受阻", "en": "blocked"}, "cancelled": {"zh": "已取消", "en": "cancelled"}},
    "phase": {**_PHASES, "plan": {"zh": "计划 Plan", "en": "Plan"}, "do": {"zh": "执行 Do", "en": "Do"},
              "check": {"zh": "检查 Check", "en": "Check"}, "act": {"zh": "处理 Act", "en": "Act"},
              "Plan": {"zh": "计划 Plan", "en": "Plan"}, "Do": {"zh": "执行 Do", "en": "Do"},
              "Check": {"zh": "检查 Check", "en": "Check"}, "Act": {"zh": "处理 Act", "en": "Act"}},
    "part": _PHASES,
    "evidence_level": {"verified": {"zh": "已验证", "en": "verified"}, "evidence": {"zh": "有证据", "en": "has evidence"},
                       "none": {"zh": "无证据", "en": "none"}},
    "note": {"no KPI": {"zh": "无 KPI", "en": "no KPI"},
             "not finished: early reading": {"zh": "未完成：早期读数", "en": "not finished: early reading"}},
    "test": {"welch_t": {"zh": "Welch t 检验", "en": "Welch t-test"},
             "two_proportion_z": {"zh": "两比例 z 检验", "en": "two-proportion z-test"},
             "kruskal_wallis": {"zh": "Kruskal–Wallis 检验", "en": "Kruskal–Wallis test"},
             "mann_whitney": {"zh": "Mann–Whitney 检验", "en": "Mann–Whitney test"}},
    "decision": {"standardise": {"zh": "标准化", "en": "standardise"},
                 "next_cycle": {"zh": "转入下一轮", "en": "carry to next cycle"},
                 "continue": {"zh": "继续", "en": "continue"}, "drop": {"zh": "放弃", "en": "drop"},
                 "review": {"zh": "复核", "en": "review"}, "wait": {"zh": "等待数据", "en": "wait for data"}},
    "category": _KANO, "kano_category": _KANO,
    "dimension": {"tangibles": {"zh": "有形性", "en": "Tangibles"}, "reliability": {"zh": "可靠性", "en": "Reliability"},
                  "responsiveness": {"zh": "响应性", "en": "Responsiveness"},
                  "assurance": {"zh": "保证性", "en": "Assurance"}, "empathy": {"zh": "移情性", "en": "Empathy"},
                  "overall": {"zh": "总体", "en": "Overall"}},
    "level": {"item": {"zh": "题项", "en": "item"}, "dimension": {"zh": "维度", "en": "dimension"},
              "overall": {"zh": "总体", "en": "overall"}, "team": {"zh": "班组", "en": "team"},
              "agent_id": {"zh": "坐席", "en": "agent"}, "channel": {"zh": "渠道", "en": "channel"},
              "priority": {"zh": "优先级", "en": "priority"}, "category": {"zh": "类别", "en": "category"},
              "segment": {"zh": "客户细分", "en": "segment"}},
}
VALUES["*"][BLANK] = {"zh": "(未填写)", "en": "(blank)"}
VALUES["driver"] = VALUES["scale"] = VALUES["dimension"]
#: Comment themes of :data:`sqmkit.satisfaction.comments.THEME_RULES` (the codes stay in the tables; these are their display labels).
THEMES: dict[str, dict[str, str]] = {
    "waiting": {"zh": "等待/响应", "en": "Waiting / response"},
    "resolution": {"zh": "问题解决", "en": "Resolution"},
    "attitude": {"zh": "态度/专业", "en": "Attitude / competence"},
    "process": {"zh": "流程/手续", "en": "Process / effort"},
    "cost": {"zh": "费用/账单", "en": "Charges / billing"},
    "network": {"zh": "网络/信号", "en": "Network / signal"},
    "other": {"zh": "其他", "en": "Other"},
}
VALUES["theme"] = VALUES["top_theme_low_scores"] = THEMES  # a column, and a headline of 05
VALUES["statistic"] = {"frt": {"zh": "首次响应", "en": "first response"}, "resolution": {"zh": "解决时长", "en": "resolution time"},
                       "fcr": {"zh": "一次解决", "en": "first-contact resolution"}, "sla": {"zh": "SLA", "en": "SLA"},
                       "repeat": {"zh": "重复来电", "en": "repeat contact"}}

# --- voice ---
VALUES["*"]["(other)"] = {"zh": "(其他)", "en": "(other)"}  # sqmkit.rootcause.pareto.OTHER: the pooled tail of a Pareto table
# --- widgets (issue 11) ---
VALUES["rated_by"] = {"ratings": {"zh": "问卷评分", "en": "ratings"}, "workshop": {"zh": "研讨会评分", "en": "workshop"}}


#: Short texts of the notebooks (headline labels and the like) → {"zh": ..., "en": ...}.
TEXTS: dict[str, dict[str, str]] = {
    # a list inside a sentence or a headline value: 等待时间、系统故障 / waiting, system faults
    "list_sep": {"zh": "、", "en": ", "},
    # a list of clauses or links: 逾期；受阻 / overdue; blocked
    "clause_sep": {"zh": "；", "en": "; "},
    # chart titles shared by 02 and 04
    "i_chart": {"zh": "单值控制图（I）", "en": "individuals chart (I)"},
    "staged_chart": {"zh": "分阶段控制图", "en": "staged control chart"},
    # 01_needs_analysis
    # 02_service_kpis
    # 04_pdca_tracking
    # 03_root_cause
    # 05_satisfaction
    # units
    "points": {"zh": "分", "en": "points"},
    # --- kpis ---
    # 02: settings line and SLA
    # kpis.coverage reasons
    # the KPI a notebook follows (kpis.follow_kpi, pdca.follow_kpi)
    # 02: levels before/after
    # 02: trends and partial periods
    # 02: cascade, lagging unit (kpis.lagging_unit)
    # 02: composite score
    # 02: control chart of the weekly KPI
    # 02: backlog
    # --- gate ---
    # a report page whose notebook failed (sqmkit.report.notebook_html) and the index page
    # 04: the KPI of the control chart, split checks
    # --- voice ---
    # 01_needs_analysis
    # 00_data_health
    # 03_root_cause
    # --- safety (issue 11) ---
    # the index of a merged report (sqmkit.report.write_index): pages kept from earlier runs, stale pages
    # --- widgets (issue 11) ---
    # what every editor says (sqmkit.ui: SaveBar, TableEditor, Snapshot)
    "ui_save": {"zh": "保存", "en": "Save"},
    # the action board (sqmkit.pdca.widgets): the headers of the id and lateness columns
    "board_id": {"zh": "编号", "en": "ID"},
    "board_late": {"zh": "逾期情况", "en": "Overdue?"},
    "board_no_such_action": {"zh": "actions：没有可编辑的对策 {action_id}。", "en": "actions: no action {action_id} to edit."},
    "board_action_blank": {"zh": "新对策没有内容；请写明要做什么。", "en": "The new action has no text; write what will be done."},
    "board_action_exists": {"zh": "actions：登记表中已有对策 {action_id}；请另选一个编号。",
                            "en": "actions: the register already has an action {action_id}; pick another id."},
    # the charts of 04 (sqmkit.pdca.plots; kept here, beside the board, not in the pdca part of the notebook texts)
    "plan_chart_planned": {"zh": "计划 (开始→截止)", "en": "Planned (start → due)"},
    "plan_chart_actual": {"zh": "实际 (开始→完成/状态日)", "en": "Actual (start → done / as-of)"},
    "plan_chart_gantt_title": {"zh": "改进措施甘特图", "en": "Action Gantt chart"},
    "plan_chart_progress_title": {"zh": "各 PDCA 阶段的措施状态", "en": "Actions by PDCA phase and status"},
    "plan_chart_effect_title": {"zh": "措施前后 KPI 变化 (95% 置信区间)", "en": "KPI change after each action (95% CI)"},
    "plan_chart_change": {"zh": "变化 (后 − 前) (%)", "en": "Change (after − before) (%)"},
    "plan_chart_improved": {"zh": "显著改善", "en": "Significant improvement"},
    "plan_chart_not_improved": {"zh": "未见显著改善", "en": "No significant improvement"},
    "ui_reload": {"zh": "从文件重新载入", "en": "Reload from file"},
    "ui_add": {"zh": "添加", "en": "Add"},
    "ui_read_only": {"zh": "这是内置的示例工作簿，只读：可以试着编辑，但“保存”会被拒绝。要保存编辑，先复制一份可编辑的工作簿："
                           "在终端运行 `sqmkit sample 文件夹`，再用 `sqmkit lab 文件夹` 打开（或把参数 workbook 设为该文件夹）。",
                     "en": "This is the bundled sample workbook, which is read-only: you can try edits, but Save is refused. "
                           "To keep edits, make an editable copy: run `sqmkit sample DIR` in a terminal, then open it with "
                           "`sqmkit lab DIR` (or set the parameter workbook to that folder)."},
    "ui_unsaved": {"zh": "{n} 处编辑尚未保存（{table} 表）：点“保存”写入工作簿。",
                   "en": "{n} unsaved edit(s) to the {table} table: click Save to write them to the workbook."},
    "ui_saved": {"zh": "已保存：{path}（原文件备份在 data/.backup/）。",
                 "en": "Saved {path} (the previous file is kept in data/.backup/)."},
    "ui_stale_hint": {"zh": "点“从文件重新载入”：读入文件的当前内容，并把你尚未保存的编辑重新加上；检查后再保存。",
                      "en": "Click Reload from file: it reads the file as it is now and applies your unsaved edits on top "
                            "again; check them, then save."},
    "ui_reloaded": {"zh": "已从文件重新载入 {table} 表（{rows} 行）；{n} 处未保存的编辑已重新加上。",
                    "en": "Reloaded the {table} table from the file ({rows} rows); {n} unsaved edit(s) applied again."},
    "ui_replay_failed": {"zh": "有一处编辑无法重新加上，已丢弃：{error}",
                         "en": "One edit could not be applied again and was dropped: {error}"},
    "ui_no_workbook": {"zh": "未指定工作簿文件夹，无法保存。", "en": "No workbook folder given: there is nowhere to save."},
    "ui_no_edits": {"zh": "没有未保存的编辑。", "en": "There are no unsaved edits."},
    "ui_nothing_to_save": {"zh": "还没有可保存的内容。", "en": "Nothing to save yet."},
    "ui_snapshot_note": {"zh": "（静态副本：此处的交互控件需要运行中的内核，重新运行本单元格即可继续编辑。）",
                         "en": "(Static copy: the interactive controls here need a running kernel; re-run this cell to "
                               "edit again.)"},
    # after a save: which sections below still show the table as loaded
    "ui_after_fishbone": {"zh": "下面各节（原因统计、5-Why 链、原因排序、对策）仍按载入时的原因表计算：选择菜单 运行 ▸ 运行所有单元格"
                                "（Run ▸ Run All Cells）更新它们；本编辑器随后从已保存的表开始。",
                          "en": "The sections below (cause counts, 5-Why chains, cause priorities, countermeasures) still "
                                "show the causes as loaded: choose Run ▸ Run All Cells to update them; this editor then "
                                "starts from the saved table."},
    "ui_after_why": {"zh": "下面的 5-Why 检查表和对策一节仍按载入时的 5-Why 表计算：选择菜单 运行 ▸ 运行所有单元格（Run ▸ Run All "
                           "Cells）更新它们。",
                     "en": "The 5-Why checklist and the countermeasures section below still show the chains as loaded: "
                           "choose Run ▸ Run All Cells to update them."},
    "ui_after_needs": {"zh": "本笔记本第 2 节（需求清单）、第 3 节（IPA）、第 5 节（优先级）和第 7 节仍按载入时的需求表计算："
                             "选择菜单 运行 ▸ 运行所有单元格（Run ▸ Run All Cells）更新它们。",
                       "en": "Sections 2 (needs catalogue), 3 (IPA), 5 (priorities) and 7 (next steps) of this notebook "
                             "still show the needs as loaded: choose Run ▸ Run All Cells to update them."},
    "ui_after_board": {"zh": "下面的逾期说明、负责人工作量、甘特图和效果检验仍按载入时的措施表计算：选择菜单 运行 ▸ 运行所有单元格"
                             "（Run ▸ Run All Cells）更新它们。",
                       "en": "The overdue sentence, owner workload, Gantt chart and effect checks below still show the "
                             "register as loaded: choose Run ▸ Run All Cells to update them."},
    # fishbone and 5-Why editors
    "ui_category": {"zh": "类别", "en": "Category"},
    "ui_parent": {"zh": "上级原因", "en": "Parent cause"},
    "ui_cause": {"zh": "原因", "en": "Cause"},
    "ui_problem_id": {"zh": "问题编号", "en": "Problem id"},
    "ui_problem_statement": {"zh": "问题描述", "en": "Problem statement"},
    "ui_first_problem": {"zh": "工作簿里还没有问题：先写下要研究的问题（编号和描述），它会和第一个原因一起保存到 problems 表。",
                         "en": "The workbook has no problem yet: write the problem under study (id and statement); it is "
                               "saved to the problems table together with the first cause."},
    "ui_first_cause": {"zh": "还没有原因：选择类别，写下第一个原因，点“添加”，再点“保存”。",
                       "en": "No cause yet: pick a category, write the first cause, click Add, then Save."},
    "ui_chain": {"zh": "链", "en": "Chain"},
    "ui_why": {"zh": "为什么", "en": "Why"},
    "ui_because": {"zh": "因为", "en": "Because"},
    "ui_evidence": {"zh": "证据", "en": "Evidence"},
    "ui_cause_id": {"zh": "原因编号", "en": "Cause id"},
    "ui_root": {"zh": "根因", "en": "Root cause"},
    "ui_why_placeholder": {"zh": "（留空 = 为什么 + 上一步的回答）", "en": "(blank = why + the previous answer)"},
    "ui_first_chain": {"zh": "还没有 5-Why 链：写下第一个问题（为什么……？）和回答（因为……），点“添加”，再点“保存”。",
                       "en": "No 5-Why chain yet: write the first question (why …?) and its answer (because …), click "
                             "Add, then Save."},
    "ui_why_first": {"zh": "为什么{statement}？", "en": "Why {statement}?"},
    "ui_why_needs_problem": {"zh": "工作簿里还没有问题：先在上面的鱼骨图编辑器里写下问题并保存，再重新运行本单元格。",
                             "en": "The workbook has no problem yet: write it in the fishbone editor above and save, "
                                   "then re-run this cell."},
    # action board (04)
    "ui_add_action": {"zh": "添加措施", "en": "Add action"},
    "ui_first_action": {"zh": "还没有措施：填写编号、措施、负责人和截止日期，点“添加措施”，再点“保存”。",
                        "en": "No action yet: fill in id, action, owner and due date, click Add action, then Save."},
    "ui_overdue_list": {"zh": "截至 {date} 逾期 {n} 项：{items}", "en": "{n} overdue at {date}: {items}"},
    "ui_none_overdue": {"zh": "截至 {date} 没有逾期的措施。", "en": "No action is overdue at {date}."},
    "ui_days_late": {"zh": "逾期 {n} 天", "en": "{n} days late"},
    "ui_late_done": {"zh": "晚完成 {n} 天", "en": "done {n} days late"},
    "ui_due_soon": {"zh": "即将到期", "en": "due soon"},
    # weights (01 priority weights, 05 dimension weights)
    "ui_weights_save": {"zh": "保存权重", "en": "Save weights"},
    "ui_weights_unsaved": {"zh": "权重已调整，尚未保存（笔记本当前使用 {saved}）：点“保存权重”把它们写入 sqmkit.yaml。",
                           "en": "Weights moved, not saved (the notebook uses {saved}): click Save weights to keep them in "
                                 "sqmkit.yaml."},
    "ui_weights_not_saved": {"zh": "这些权重只在本次会话中有效，不会保存（没有指定工作簿）。",
                             "en": "These weights apply in this session only and are not saved (no workbook given)."},
    "ui_weights_zero": {"zh": "至少一个权重要大于 0 才能保存。", "en": "At least one weight must be above 0 to save."},
    "ui_weights_saved_parameters": {
        "zh": "已把权重保存到 {path}（parameters: {values}）：以后对这个工作簿运行 `sqmkit run` 都使用它们。本次会话的参数单元格"
              "仍是原来的值：要让第 5、7 节使用新权重，把它们填入参数单元格，再选择菜单 运行 ▸ 运行所有单元格。",
        "en": "Saved the weights to {path} (parameters: {values}): every `sqmkit run` of this workbook uses them from now "
              "on. This session's parameters cell still holds the old values: to see the new weights in sections 5 and 7, "
              "type them into the parameters cell and choose Run ▸ Run All Cells."},
    "ui_weights_saved_survey": {
        "zh": "已把维度权重保存到 {path}（survey.dimension_weights: {values}）。下面的指数说明和 SERVQUAL 加权得分仍按原权重计算："
              "选择菜单 运行 ▸ 运行所有单元格（Run ▸ Run All Cells）更新它们。",
        "en": "Saved the dimension weights to {path} (survey.dimension_weights: {values}). The index sentence and the "
              "weighted SERVQUAL score below still use the old weights: choose Run ▸ Run All Cells to update them."},
    # --- lab (issue 11) ---
    # what `sqmkit lab` prints (sqmkit.lab.describe, run_lab)
    "lab_sample_made": {"zh": "内置示例工作簿是只读的（组件不会保存到其中）：已在 {path} 创建可编辑的副本，研讨会使用这个副本。",
                        "en": "The bundled sample workbook is read-only (widgets never save into it): an editable copy "
                              "was made in {path}, and the workshop uses it."},
    "lab_sample_reused": {"zh": "内置示例工作簿是只读的：研讨会使用之前在 {path} 创建的可编辑副本。",
                          "en": "The bundled sample workbook is read-only: the workshop uses the editable copy made "
                                "earlier in {path}."},
    "lab_folder": {"zh": "工作簿 {workbook} 的研讨会笔记本：{folder}",
                   "en": "Workshop notebooks of workbook {workbook}: {folder}"},
    "lab_added": {"zh": "已添加：{names}", "en": "added: {names}"},
    "lab_kept": {"zh": "已存在，保持不变（从不覆盖）：{names}；删除其中一个，下次启动时会得到新的副本。",
                 "en": "already there, kept as they are (never overwritten): {names}; delete one to get a fresh "
                       "copy at the next start."},
    "lab_rebound": {"zh": "原来指向另一个文件夹，已重新绑定到 {workbook}（只改了 `workbook` 一行）：{names}",
                    "en": "bound to another folder before, now to {workbook} (only their `workbook` line changed): "
                          "{names}"},
    "lab_start": {"zh": "正在启动 JupyterLab（端口 {port}），带令牌的地址见下文。",
                  "en": "Starting JupyterLab (port {port}); the address with its token follows."},
    "lab_stop_hint": {"zh": "结束研讨会：在这里按 Ctrl-C（先在 JupyterLab 中按 Ctrl-S 保存笔记本）。",
                      "en": "To end the workshop press Ctrl-C here (save the notebooks first: Ctrl-S in JupyterLab)."},
    "lab_ended": {"zh": "研讨会已结束：JupyterLab 及其内核已停止。笔记本保留在 {folder}。",
                  "en": "Workshop ended: JupyterLab and its kernels are stopped. The notebooks stay in {folder}."},
    "lab_failed": {"zh": "JupyterLab 意外停止（退出码 {code}），原因见上面的信息。",
                   "en": "JupyterLab stopped by itself (exit code {code}); its messages above say why."},
    # --- pii (issue 18) ---
    # what replaces personal data in every output (sqmkit.pii; masked when a workbook is loaded for analysis)
    "pii_email": {"zh": "[邮箱]", "en": "[email]"},
    "pii_id": {"zh": "[身份证号]", "en": "[ID number]"},
    "pii_card": {"zh": "[银行卡号]", "en": "[bank card]"},
    "pii_phone": {"zh": "[电话]", "en": "[phone]"},
    "pii_value": {"zh": "[个人信息 #{n}]", "en": "[personal data #{n}]"},
}


