"""The data contract: every workbook table, its columns, their Chinese aliases, types and rules.

One :class:`Table` per table of DESIGN.md section 3. :mod:`sqmkit.io` reads a file, maps its
headers to the canonical names with :func:`canonical_columns`, converts the types, and validates
with the pandera schemas built here (lazily, so every problem is collected at once).

Types
-----
``id`` and ``text`` are strings; ``datetime`` is a timestamp, ``date`` a timestamp at midnight;
``number`` is float (blank = NaN); ``flag`` is pandas ``boolean`` (1/0, true/false, yes/no, 是/否);
``choice`` is a string from a fixed set (Chinese and English spellings map to the canonical value).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable

import pandas as pd

from sqmkit.glossary import Message, message

__all__ = [
    "Column", "Table", "TABLES", "ACTION_STATUSES", "ACTION_PHASES", "DIRECTIONS",
    "canonical_columns", "table_names",
]

ACTION_STATUSES = ("open", "in_progress", "blocked", "done", "cancelled")
ACTION_PHASES = ("Plan", "Do", "Check", "Act")
DIRECTIONS = ("lower", "higher")

# Spellings a client may type for the choice columns, mapped to the canonical value.
CHOICE_ALIASES: dict[str, dict[str, str]] = {
    "status": {
        "open": "open", "not started": "open", "todo": "open", "未开始": "open", "待办": "open", "打开": "open",
        "in_progress": "in_progress", "in progress": "in_progress", "doing": "in_progress", "进行中": "in_progress",
        "blocked": "blocked", "on hold": "blocked", "受阻": "blocked", "阻塞": "blocked", "暂停": "blocked",
        "done": "done", "completed": "done", "complete": "done", "closed": "done", "已完成": "done", "完成": "done",
        "cancelled": "cancelled", "canceled": "cancelled", "已取消": "cancelled", "取消": "cancelled",
    },
    "phase": {
        "plan": "Plan", "p": "Plan", "计划": "Plan", "do": "Do", "d": "Do", "执行": "Do", "实施": "Do",
        "check": "Check", "c": "Check", "检查": "Check", "act": "Act", "a": "Act", "处理": "Act", "改进": "Act",
    },
    "direction": {
        "lower": "lower", "lower is better": "lower", "低": "lower", "越低越好": "lower", "越小越好": "lower",
        "higher": "higher", "higher is better": "higher", "高": "higher", "越高越好": "higher", "越大越好": "higher",
    },
}


@dataclass(frozen=True)
class Column:
    """One column of a table: canonical name, type, rules and what it means."""

    name: str
    kind: str  # id | text | datetime | date | number | flag | choice
    zh: tuple[str, ...] = ()
    required: bool = False      # the column must be present
    not_null: bool = False      # every row must have a value
    unique: bool = False
    min: float | None = None
    max: float | None = None
    integer: bool = False
    choices: tuple[str, ...] = ()
    help_en: str = ""
    help_zh: str = ""


@dataclass(frozen=True)
class RowRule:
    """A rule across columns: ``bad(frame)`` returns a boolean Series of offending rows."""

    name: str
    columns: tuple[str, ...]
    bad: Callable[[pd.DataFrame], pd.Series]
    message: Message  # the problem, as counted rows read it: "first response earlier than creation in 3 rows"
    fix: Message


@dataclass(frozen=True)
class Table:
    name: str
    help_en: str
    help_zh: str
    columns: tuple[Column, ...]
    unique_together: tuple[str, ...] = ()
    row_rules: tuple[RowRule, ...] = ()
    date_columns_for_coverage: tuple[str, ...] = ()

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


def _before(later: str, earlier: str) -> Callable[[pd.DataFrame], pd.Series]:
    def bad(frame: pd.DataFrame) -> pd.Series:
        if later not in frame or earlier not in frame:
            return pd.Series(False, index=frame.index)
        return (frame[later] < frame[earlier]).fillna(False).astype(bool)
    return bad


def _done_date_without_done(frame: pd.DataFrame) -> pd.Series:
    if "done_date" not in frame or "status" not in frame:
        return pd.Series(False, index=frame.index)
    return (frame["done_date"].notna() & ~frame["status"].isin(["done", "cancelled"])).astype(bool)


C = Column
TABLES: dict[str, Table] = {t.name: t for t in (
    Table("tickets", "One row per service contact / ticket.", "每行一张工单（一次服务接触）。", (
        C("ticket_id", "id", ("工单编号", "工单号", "工单id"), required=True, not_null=True, unique=True,
          help_en="Unique ticket number.", help_zh="唯一的工单编号。"),
        C("created_at", "datetime", ("创建时间", "受理时间", "建单时间"), required=True, not_null=True,
          help_en="When the customer contacted us (YYYY-MM-DD HH:MM).", help_zh="客户来访/建单时间（年-月-日 时:分）。"),
        C("first_response_at", "datetime", ("首次响应时间", "首响时间"),
          help_en="First reply by an agent; blank if none yet.", help_zh="坐席首次回复时间；未回复留空。"),
        C("resolved_at", "datetime", ("解决时间", "结案时间", "关闭时间"),
          help_en="When the ticket was resolved; blank while open.", help_zh="解决/结案时间；未解决留空。"),
        C("channel", "text", ("渠道", "接入渠道"), help_en="Contact channel (phone, chat, app, e-mail...).", help_zh="接入渠道（电话、在线、APP、邮件等）。"),
        C("category", "text", ("类别", "业务类别", "问题类别"), help_en="Type of request.", help_zh="业务/问题类别。"),
        C("team", "text", ("班组", "团队", "小组"), help_en="Team that handled it.", help_zh="处理班组。"),
        C("agent_id", "id", ("坐席", "坐席编号", "客服工号", "工号"), help_en="Agent who handled it.", help_zh="处理坐席工号。"),
        C("priority", "text", ("优先级",), help_en="Priority, as used in the SLA (e.g. P1, P2, P3).", help_zh="优先级，与 SLA 对应（如 P1、P2、P3）。"),
        C("due_at", "datetime", ("截止时间", "SLA截止时间"), help_en="Per-ticket SLA deadline.", help_zh="本工单的 SLA 截止时间。"),
        C("contacts", "number", ("接触次数", "联系次数"), min=0, integer=True,
          help_en="Number of contacts needed (1 = first-contact resolution).", help_zh="解决所需接触次数（1 = 一次解决）。"),
        C("fcr", "flag", ("一次解决", "首次解决"), help_en="Resolved at first contact (1/0), if contacts is not given.", help_zh="是否一次解决（1/0），无接触次数时使用。"),
        C("escalated", "flag", ("升级", "是否升级"), help_en="Escalated (1/0).", help_zh="是否升级（1/0）。"),
        C("reopened", "flag", ("重开", "是否重开"), help_en="Reopened after resolution (1/0).", help_zh="解决后是否重开（1/0）。"),
        C("customer_id", "id", ("客户编号", "客户号", "客户id"), help_en="Customer, for repeat-contact rates.", help_zh="客户编号，用于重复来电率。"),
    ), unique_together=(), row_rules=(
        RowRule("response_before_creation", ("first_response_at", "created_at"), _before("first_response_at", "created_at"),
                message("rule_response_before_creation"), message("rule_response_before_creation_fix")),
        RowRule("resolution_before_creation", ("resolved_at", "created_at"), _before("resolved_at", "created_at"),
                message("rule_resolution_before_creation"), message("rule_resolution_before_creation_fix")),
    ), date_columns_for_coverage=("created_at",)),
    Table("survey", "One row per survey respondent; item columns are listed in sqmkit.yaml (survey.items).",
          "每行一位调查受访者；题项列在 sqmkit.yaml 的 survey.items 中列出。", (
        C("respondent_id", "id", ("受访者编号", "答卷编号", "问卷编号"), required=True, not_null=True, unique=True,
          help_en="Unique respondent number.", help_zh="唯一的受访者编号。"),
        C("date", "date", ("日期", "调查日期", "答卷日期"), help_en="Date of the answer.", help_zh="答卷日期。"),
        C("channel", "text", ("渠道",), help_en="Channel the respondent used.", help_zh="受访者使用的渠道。"),
        C("segment", "text", ("客户类型", "细分", "客户群"), help_en="Customer segment.", help_zh="客户细分。"),
        C("overall", "number", ("总体满意度", "满意度"), help_en="Overall satisfaction (Likert, scale in sqmkit.yaml survey.overall).",
          help_zh="总体满意度（李克特量表，量程见 sqmkit.yaml survey.overall）。"),
        C("nps", "number", ("推荐意愿", "净推荐值打分", "推荐度"), min=0, max=10, integer=True,
          help_en="Likelihood to recommend, 0–10.", help_zh="推荐意愿 0–10 分。"),
        C("comment", "text", ("评论", "意见", "开放意见", "留言"), help_en="Free-text comment.", help_zh="开放式意见。"),
    ), date_columns_for_coverage=("date",)),
    Table("needs", "One row per customer need.", "每行一条客户需求。", (
        C("need_id", "id", ("需求编号",), required=True, not_null=True, unique=True, help_en="Unique need number.", help_zh="唯一的需求编号。"),
        C("need", "text", ("需求", "需求描述"), required=True, not_null=True, help_en="The need in the customer's words.", help_zh="需求描述（客户的话）。"),
        C("category", "text", ("类别", "需求类别"), help_en="Group of needs.", help_zh="需求类别。"),
        C("source", "text", ("来源", "需求来源"), help_en="Where it came from (survey, interview, observation...).", help_zh="来源（问卷、访谈、观察等）。"),
        C("segment", "text", ("客户类型", "细分", "客户群"), help_en="Segment that voiced it.", help_zh="提出需求的客户细分。"),
        C("mentions", "number", ("提及次数", "提及频次"), min=0, help_en="How often it was mentioned.", help_zh="被提及次数。"),
        C("importance", "number", ("重要性", "重要度"), help_en="Aggregated importance, if no ratings table.", help_zh="汇总重要性（无评分表时）。"),
        C("performance", "number", ("表现", "满意度表现", "绩效"), help_en="Aggregated performance, if no ratings table.", help_zh="汇总表现（无评分表时）。"),
    )),
    Table("needs_ratings", "One row per respondent and need.", "每行一位受访者对一条需求的评分。", (
        C("respondent_id", "id", ("受访者编号",), required=True, not_null=True, help_en="Respondent.", help_zh="受访者。"),
        C("need_id", "id", ("需求编号",), required=True, not_null=True, help_en="Need (from the needs table).", help_zh="需求编号（须在需求表中）。"),
        C("importance", "number", ("重要性", "重要度"), help_en="How important (scale in sqmkit.yaml needs_scale).", help_zh="重要性评分。"),
        C("performance", "number", ("表现", "满意度表现", "绩效"), help_en="How well we do it (same scale).", help_zh="表现评分。"),
    ), unique_together=("respondent_id", "need_id")),
    Table("kano", "One row per respondent and need: the Kano question pair.", "每行一位受访者对一条需求的 Kano 成对问题。", (
        C("respondent_id", "id", ("受访者编号",), required=True, not_null=True, help_en="Respondent.", help_zh="受访者。"),
        C("need_id", "id", ("需求编号",), required=True, not_null=True, help_en="Need (from the needs table).", help_zh="需求编号。"),
        C("functional", "number", ("正向问题", "具备时", "功能性"), required=True, min=1, max=5, integer=True,
          help_en="If the service has it: 1 like, 2 must-be, 3 neutral, 4 live with, 5 dislike.", help_zh="具备时：1 喜欢 2 理所当然 3 无所谓 4 能忍受 5 不喜欢。"),
        C("dysfunctional", "number", ("反向问题", "不具备时", "功能缺失"), required=True, min=1, max=5, integer=True,
          help_en="If the service lacks it: same 1–5 answers.", help_zh="不具备时：同样的 1–5 答案。"),
        C("segment", "text", ("客户类型", "细分"), help_en="Segment (optional).", help_zh="客户细分（可选）。"),
    ), unique_together=("respondent_id", "need_id")),
    Table("complaints", "One row per complaint or defect record.", "每行一条投诉/缺陷记录。", (
        C("record_id", "id", ("投诉编号", "记录编号"), required=True, not_null=True, unique=True, help_en="Unique record number.", help_zh="唯一的记录编号。"),
        C("date", "date", ("日期", "投诉日期"), required=True, not_null=True, help_en="Date received.", help_zh="受理日期。"),
        C("category", "text", ("类别", "投诉类别"), required=True, help_en="Complaint category (Pareto); a blank one is its own bar.", help_zh="投诉类别（用于帕累托）；空白自成一类。"),
        C("subcategory", "text", ("子类别", "细类"), help_en="Finer category.", help_zh="子类别。"),
        C("channel", "text", ("渠道",), help_en="Channel.", help_zh="渠道。"),
        C("severity", "number", ("严重程度", "严重度"), min=0, help_en="Severity (e.g. 1 low – 3 high).", help_zh="严重程度（如 1 低 – 3 高）。"),
        C("cost", "number", ("成本", "损失金额", "费用"), min=0, help_en="Cost of the defect (currency).", help_zh="损失成本（元）。"),
    ), date_columns_for_coverage=("date",)),
    Table("problems", "One row per problem under study.", "每行一个研究中的问题。", (
        C("problem_id", "id", ("问题编号",), required=True, not_null=True, unique=True, help_en="Unique problem number.", help_zh="唯一的问题编号。"),
        C("statement", "text", ("问题描述", "问题"), required=True, not_null=True, help_en="Problem statement (the fishbone's head).", help_zh="问题描述（鱼骨图鱼头）。"),
        C("kpi", "text", ("指标", "KPI"), help_en="KPI that measures it.", help_zh="衡量的指标。"),
        C("baseline", "number", ("基线", "现状值"), help_en="Value now.", help_zh="现状值。"),
        C("target", "number", ("目标", "目标值"), help_en="Value to reach.", help_zh="目标值。"),
        C("owner", "text", ("负责人",), help_en="Who owns it.", help_zh="负责人。"),
        C("deadline", "date", ("截止日期", "期限"), help_en="When the target must be met.", help_zh="目标期限。"),
    )),
    Table("causes", "One row per fishbone cause; parent_id makes sub-causes (three levels).", "每行一条鱼骨图原因；parent_id 构成子原因（三层）。", (
        C("problem_id", "id", ("问题编号",), required=True, not_null=True, help_en="Problem (from problems).", help_zh="问题编号。"),
        C("cause_id", "id", ("原因编号",), required=True, not_null=True, unique=True, help_en="Unique cause number.", help_zh="唯一的原因编号。"),
        C("category", "text", ("类别", "大类", "要因类别"), required=True, not_null=True, help_en="Bone: 人 机 料 法 环 测 / people, process...", help_zh="大骨：人 机 料 法 环 测 等。"),
        C("cause", "text", ("原因", "原因描述"), required=True, not_null=True, help_en="The cause.", help_zh="原因描述。"),
        C("parent_id", "id", ("上级原因", "父原因编号"), help_en="cause_id of the cause this one explains; blank for a main cause.", help_zh="上级原因编号；主要原因留空。"),
        C("votes", "number", ("票数", "投票数"), min=0, help_en="Workshop votes.", help_zh="研讨会投票数。"),
        C("verified", "flag", ("已验证", "是否验证"), help_en="Verified with data (1/0).", help_zh="是否已用数据验证（1/0）。"),
        C("evidence", "text", ("证据", "验证证据"), help_en="The evidence.", help_zh="验证证据。"),
    )),
    Table("whys", "One row per step of a 5-Why chain.", "每行一条 5-Why 链中的一步。", (
        C("problem_id", "id", ("问题编号",), required=True, not_null=True, help_en="Problem.", help_zh="问题编号。"),
        C("chain_id", "id", ("链编号",), required=True, not_null=True, help_en="Chain.", help_zh="链编号。"),
        C("step", "number", ("步骤", "第几问"), required=True, not_null=True, min=1, integer=True, help_en="1, 2, 3... in order.", help_zh="步骤序号 1、2、3…"),
        C("why", "text", ("为什么", "问题"), required=True, help_en="The question.", help_zh="为什么？"),
        C("because", "text", ("因为", "回答"), required=True, help_en="The answer.", help_zh="因为……"),
        C("evidence", "text", ("证据",), help_en="Evidence for the answer.", help_zh="回答的证据。"),
        C("root_cause", "flag", ("根本原因", "是否根因"), help_en="1 on the step that is the root cause.", help_zh="根因所在步骤填 1。"),
        C("cause_id", "id", ("原因编号",), help_en="Matching fishbone cause.", help_zh="对应鱼骨图原因编号。"),
    ), unique_together=("problem_id", "chain_id", "step")),
    Table("actions", "One row per PDCA action.", "每行一条 PDCA 改进措施。", (
        C("action_id", "id", ("措施编号", "行动编号"), required=True, not_null=True, unique=True, help_en="Unique action number.", help_zh="唯一的措施编号。"),
        C("problem_id", "id", ("问题编号",), help_en="Problem it addresses.", help_zh="针对的问题。"),
        C("cause_id", "id", ("原因编号",), help_en="Root cause it addresses.", help_zh="针对的根因。"),
        C("action", "text", ("措施", "措施内容", "行动"), required=True, not_null=True, help_en="What will be done.", help_zh="措施内容。"),
        C("owner", "text", ("负责人",), help_en="Who.", help_zh="负责人。"),
        C("phase", "choice", ("阶段", "PDCA阶段"), choices=ACTION_PHASES, help_en="Plan, Do, Check or Act.", help_zh="计划、执行、检查或处理（Plan/Do/Check/Act）。"),
        C("status", "choice", ("状态",), choices=ACTION_STATUSES,
          help_en="open, in_progress, blocked, done or cancelled.", help_zh="未开始、进行中、受阻、已完成或已取消。"),
        C("start", "date", ("开始日期",), help_en="Planned start.", help_zh="计划开始日期。"),
        C("due", "date", ("截止日期", "计划完成日期"), help_en="Planned finish.", help_zh="计划完成日期。"),
        C("done_date", "date", ("完成日期", "实际完成日期"), help_en="Actual finish (only when done).", help_zh="实际完成日期（完成后填写）。"),
        C("kpi", "text", ("指标", "KPI"), help_en="KPI the action should move.", help_zh="措施要改善的指标。"),
        C("baseline", "number", ("基线", "现状值"), help_en="KPI before.", help_zh="改善前的值。"),
        C("target", "number", ("目标", "目标值"), help_en="KPI to reach.", help_zh="目标值。"),
        C("actual", "number", ("实际", "实际值"), help_en="KPI reached.", help_zh="实际达成值。"),
        C("direction", "choice", ("方向", "改善方向"), choices=DIRECTIONS, help_en="lower or higher is better.", help_zh="越低越好（lower）或越高越好（higher）。"),
        C("effectiveness", "number", ("有效性", "效果"), min=0, max=100, help_en="Recorded effectiveness 0/50/100.", help_zh="记录的有效性 0/50/100。"),
        C("cycle", "number", ("循环", "轮次"), min=1, integer=True, help_en="PDCA cycle 1, 2...", help_zh="PDCA 轮次。"),
        C("standardized", "text", ("标准化", "标准化内容"), help_en="Procedure/standard/training changed, once effective.", help_zh="有效后固化的流程/标准/培训。"),
    ), row_rules=(
        RowRule("due_before_start", ("due", "start"), _before("due", "start"), message("rule_due_before_start"),
                message("rule_due_before_start_fix")),
        RowRule("done_date_without_done", ("done_date", "status"), _done_date_without_done,
                message("rule_done_date_without_done"), message("rule_done_date_without_done_fix")),
    )),
    Table("kpi_targets", "One row per KPI with its target.", "每行一个指标及其目标。", (
        C("kpi", "id", ("指标", "KPI"), required=True, not_null=True, unique=True, help_en="KPI name (e.g. frt_median_min).", help_zh="指标名（如 frt_median_min）。"),
        C("target", "number", ("目标", "目标值"), required=True, not_null=True, help_en="Target value.", help_zh="目标值。"),
        C("direction", "choice", ("方向", "改善方向"), required=True, not_null=True, choices=DIRECTIONS, help_en="lower or higher is better.", help_zh="越低越好（lower）或越高越好（higher）。"),
        C("unit", "text", ("单位",), help_en="Unit.", help_zh="单位。"),
        C("level", "text", ("层级",), help_en="centre, team or agent.", help_zh="层级（中心、班组、坐席）。"),
        C("owner", "text", ("负责人",), help_en="Owner.", help_zh="负责人。"),
        C("frequency", "text", ("频率", "统计频率"), help_en="daily, weekly, monthly.", help_zh="统计频率。"),
        C("weight", "number", ("权重",), min=0, help_en="Weight in the composite score.", help_zh="综合得分中的权重。"),
    )),
    Table("kpi_values", "One row per KPI observation supplied directly.", "每行一个直接提供的指标观测值。", (
        C("period", "date", ("期间", "月份", "日期"), required=True, not_null=True, help_en="Start of the period.", help_zh="期间开始日期。"),
        C("kpi", "id", ("指标", "KPI"), required=True, not_null=True, help_en="KPI name.", help_zh="指标名。"),
        C("value", "number", ("数值", "值"), required=True, help_en="Observed value.", help_zh="观测值。"),
        C("unit", "text", ("单位",), help_en="Unit.", help_zh="单位。"),
    ), unique_together=("period", "kpi"), date_columns_for_coverage=("period",)),
)}
del C


#: Id columns that link no tables: ``pii_columns`` may replace them by pseudonyms (equal ids stay equal).
PSEUDONYMISABLE_IDS: frozenset[tuple[str, str]] = frozenset({("tickets", "agent_id"), ("tickets", "customer_id")})


def free_text_columns(table: Table, columns: list[str]) -> list[str]:
    """The columns of a loaded table that hold free text: the contract's ``text`` columns and the file's own
    columns the contract does not know (``columns``: the frame's columns). Ids, dates, numbers, flags and
    choices are not free text.

    >>> free_text_columns(TABLES["actions"], ["action_id", "action", "owner", "status", "备注"])
    ['action', 'owner', '备注']
    """
    return [c for c in columns if (table.column(c) is None) or table.column(c).kind == "text"]


def table_names() -> list[str]:
    """The table names of a workbook, in DESIGN.md order."""
    return list(TABLES)


def normalise_header(name: Any) -> str:
    """A header as compared with the canonical names and aliases: Unicode NFKC (full-width ``ｐｒｉｏｒｉｔｙ`` →
    ``priority``, ``客户ＩＤ`` → ``客户id``), no BOM or zero-width characters, spaces and dashes as ``_``, lower case.

    >>> normalise_header(" Ｃｒｅａｔｅｄ  At ")
    'created_at'
    """
    text = unicodedata.normalize("NFKC", str(name)).replace("\ufeff", "").replace("\u200b", "").strip()
    return re.sub(r"[\s\-]+", "_", text).lower()


def canonical_columns(table: Table, headers: list[Any]) -> dict[Any, str]:
    """Map a file's headers to canonical names (English, case/space-insensitive, or a Chinese alias).

    Headers that match nothing keep their own (normalised) name, so survey item columns and any
    extra columns pass through.
    """
    lookup: dict[str, str] = {}
    for column in table.columns:
        lookup[normalise_header(column.name)] = column.name
        for alias in column.zh:
            lookup[normalise_header(alias)] = column.name
    mapping = {}
    for header in headers:
        key = normalise_header(header)
        mapping[header] = lookup.get(key, unicodedata.normalize("NFKC", str(header)).replace("\ufeff", "").strip())
    return mapping


def item_column(name: str, *, low: float, high: float, zh_label: str = "") -> Column:
    """A Likert item column of the survey with its scale."""
    return Column(name, "number", (zh_label,) if zh_label else (), min=low, max=high,
                  help_en=f"Survey item, scale {low:g}–{high:g}.", help_zh=f"调查题项，量程 {low:g}–{high:g}。")


def with_columns(table: Table, extra: list[Column], *, overrides: dict[str, dict] | None = None) -> Table:
    """A copy of ``table`` with ``extra`` columns added and some columns' rules changed."""
    columns = []
    for column in table.columns:
        change = (overrides or {}).get(column.name)
        columns.append(Column(**{**column.__dict__, **change}) if change else column)
    known = {c.name for c in columns}
    columns += [c for c in extra if c.name not in known]
    return Table(**{**table.__dict__, "columns": tuple(columns)})


__all__ += ["item_column", "with_columns", "RowRule", "CHOICE_ALIASES", "normalise_header", "free_text_columns",
            "PSEUDONYMISABLE_IDS"]
