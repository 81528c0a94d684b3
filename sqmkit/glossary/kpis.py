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

COLUMNS: dict[str, dict[str, str]] = {}
VALUES: dict[str, dict[object, dict[str, str]]] = {}
TEXTS: dict[str, dict[str, str]] = {}
