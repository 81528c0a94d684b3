"""Workbooks that ``sqmkit validate`` must accept and ``sqmkit run`` must finish, as real exports come.

Each builder writes the workbook a consultant would make from a client's export: the columns
sqmkit needs renamed to its names (or Chinese aliases), everything else left as exported
(extra columns, the export's date spelling, its blanks, encoding and delimiter).
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pandas as pd

from sqmkit.report import scaffold_workbook, template_columns

from ._base import (Case, Figures, Truth, check_coverage, check_monthly, complaint_truth, rng, spell, sqmkit,
                    survey_truth, ticket_truth, write_config, write_csv)
from .eventlogs import UCI_CHANNELS, UCI_PRIORITIES, dmy, helpdesk_log, jira_time, servicenow_log

EN = {"lang": "en", "title": "Service quality review"}


def _flag(values: pd.Series, yes: str = "1", no: str = "0") -> pd.Series:
    return values.map(lambda v: yes if v else no)


# --------------------------------------------------------------------------------------------
# Ticket logs
# --------------------------------------------------------------------------------------------
def servicenow_dmy(folder: Path) -> Truth:
    """ServiceNow incident list export: day-first ``29/2/2016 13:05``, ``?`` blanks, ``2 - High``."""
    truth = ticket_truth(101, 900, "2016-02-29", "2016-07-31", teams=[f"Group {g}" for g in (24, 56, 70, 31)],
                         channels=UCI_CHANNELS, categories=[f"Category {c}" for c in (26, 42, 53, 46, 23)],
                         priorities=UCI_PRIORITIES, id_format="INC{:07d}")
    r = rng(102)
    truth.loc[r.random(len(truth)) < 0.08, "team"] = np.nan  # unassigned incidents
    frame = pd.DataFrame({
        "ticket_id": truth["ticket_id"], "incident_state": np.where(truth["resolved_at"].isna(), "Active", "Closed"),
        "active": np.where(truth["resolved_at"].isna(), "true", "false"),
        "reassignment_count": r.poisson(0.6, len(truth)).astype(str), "reopen_count": truth["reopened"].astype(str),
        "made_sla": np.where(r.random(len(truth)) < 0.9, "true", "false"),
        "customer_id": truth["customer_id"].str.replace("C", "Caller ", regex=False),
        "created_at": spell(truth["created_at"], dmy),
        "first_response_at": spell(truth["first_response_at"], dmy, "?"),
        "channel": truth["channel"], "location": [f"Location {k}" for k in r.integers(1, 200, len(truth))],
        "category": truth["category"], "impact": "2 - Medium", "urgency": "2 - Medium", "priority": truth["priority"],
        "team": truth["team"].fillna("?"), "agent_id": truth["agent_id"].str.replace("A", "Resolver ", regex=False),
        "knowledge": "false", "notify": "Do Not Notify", "problem_id": "?", "closed_code": "code 5",
        "resolved_at": spell(truth["resolved_at"], dmy, "?"),
    })
    write_config(folder, client="Acme IT service desk", **EN, period={"start": "2016-02-29", "end": "2016-07-31"},
                 as_of="2016-08-01", sla_hours={p: h for p, h in zip(UCI_PRIORITIES, (4, 8, 24, 72))})
    write_csv(folder / "data" / "tickets.csv", frame)
    return {"tickets": truth}


def zendesk_export(folder: Path, *, timezone: bool = True) -> Truth:
    """Zendesk ticket export: ISO timestamps with Europe/Berlin's offset (+01:00 winter, +02:00 summer)."""
    truth = ticket_truth(201, 700, "2025-02-01", "2025-05-31", teams=["Support L1", "Billing", "Tech"],
                         channels=["Mail", "Web form", "Chat", "Phone call (inbound)", "API"],
                         categories=["question", "incident", "problem", "task"], priorities=["Low", "Normal", "High",
                                                                                             "Urgent"],
                         id_format="{:d}")
    r = rng(202)
    # tickets in the first hours of a month: a reader that drops or mis-converts the offset puts them
    # in the wrong month
    firsts = truth.index[r.random(len(truth)) < 0.1]
    month_start = truth.loc[firsts, "created_at"].dt.to_period("M").dt.start_time
    shift = truth.loc[firsts, "created_at"] - month_start
    new = month_start + pd.to_timedelta(r.integers(0, 110, len(firsts)), unit="min")
    for column in ("first_response_at", "resolved_at"):
        truth.loc[firsts, column] = truth.loc[firsts, column] - shift + (new - month_start)
    truth.loc[firsts, "created_at"] = new
    truth = truth.sort_values("created_at", kind="mergesort").reset_index(drop=True)
    truth["ticket_id"] = [str(31000 + i) for i in range(len(truth))]
    truth.loc[r.random(len(truth)) < 0.25, "priority"] = np.nan  # Zendesk priority is optional
    truth.loc[r.random(len(truth)) < 0.12, "team"] = np.nan      # no group yet

    def berlin(t: pd.Timestamp) -> str:
        return t.tz_localize("Europe/Berlin", nonexistent="shift_forward", ambiguous=False).isoformat()

    for column in ("created_at", "resolved_at"):  # wall times that exist in Berlin (the spring gap shifts forward)
        truth[column] = truth[column].map(
            lambda t: t if pd.isna(t) else t.tz_localize("Europe/Berlin", nonexistent="shift_forward")
            .tz_localize(None))
    frame = pd.DataFrame({
        "ticket_id": truth["ticket_id"], "Requester id": [str(k) for k in r.integers(10**9, 2 * 10**9, len(truth))],
        "agent_id": truth["agent_id"], "team": truth["team"].fillna(""), "Subject": "Order question, please help",
        "Status": np.where(truth["resolved_at"].isna(), "Open", "Solved"), "priority": truth["priority"].fillna(""),
        "channel": truth["channel"], "category": truth["category"],
        "Created at": spell(truth["created_at"], berlin), "resolved_at": spell(truth["resolved_at"], berlin),
        "Reopens": truth["reopened"].astype(str), "Replies": truth["contacts"].astype(str),
        "Full resolution time in minutes": ((truth["resolved_at"] - truth["created_at"]).dt.total_seconds() // 60)
        .map(lambda v: "" if pd.isna(v) else f"{v:.0f}"),
    })
    truth = truth.drop(columns=["first_response_at"])
    config = dict(client="Shop support (Zendesk)", **EN, period={"start": "2025-02-01", "end": "2025-05-31"},
                  as_of="2025-06-01", sla_hours=168)
    if timezone:
        config["timezone"] = "Europe/Berlin"
    write_config(folder, **config)
    write_csv(folder / "data" / "tickets.csv", frame)
    return {"tickets": truth}


def _check_zendesk(out: Path, truth: Truth) -> None:
    check_monthly(out, truth["tickets"].assign(first_response_at=pd.NaT), columns=("tickets", "resolution_median_h"))


def jira_export(folder: Path) -> Truth:
    """Jira Service Management 'Export Excel CSV': ``09/Oct/25 1:42 PM``, quoted multi-line summaries."""
    truth = ticket_truth(301, 600, "2025-01-06", "2025-06-27", teams=["-"], channels=["portal", "email"],
                         categories=["Get IT help", "Request a new account", "Report a system problem",
                                     "Fix an account problem"],
                         priorities=["Lowest", "Low", "Medium", "High", "Highest"], id_format="ITSD-{:d}")
    frame = pd.DataFrame({
        "Summary": ["VPN drops every 5 min, \"urgent\"\nsince Monday" if i % 7 == 0 else f"Laptop issue {i}"
                    for i in range(len(truth))],
        "ticket_id": truth["ticket_id"], "Issue id": [str(10000 + i) for i in range(len(truth))],
        "Issue Type": "[System] Incident", "Status": np.where(truth["resolved_at"].isna(), "In Progress", "Done"),
        "priority": truth["priority"], "agent_id": truth["agent_id"].str.replace("A", "agent.", regex=False),
        "customer_id": truth["customer_id"], "created_at": spell(truth["created_at"], jira_time),
        "Updated": spell(truth["created_at"] + pd.Timedelta(days=2), jira_time),
        "resolved_at": spell(truth["resolved_at"], jira_time),
        "category": truth["category"], "Custom field (Satisfaction rating)": "",
    })
    write_config(folder, client="Internal IT (Jira)", **EN, period={"start": "2025-01-01", "end": "2025-06-30"},
                 as_of="2025-07-01")
    write_csv(folder / "data" / "tickets.csv", frame, line_end="\r\n")
    return {"tickets": truth.drop(columns=["team"])}


def callcentre_semicolon(folder: Path) -> Truth:
    """German call-centre platform CSV: ``;`` separator, ``05.01.2025 09:12:33``, decimal commas ``1.234,50``."""
    truth = ticket_truth(401, 800, "2025-01-02", "2025-04-30", teams=["Team Nord", "Team Süd", "Team West"],
                         channels=["Telefon", "Rückruf"], categories=["Rechnung", "Vertrag", "Störung", "Umzug"],
                         id_format="{:d}")
    german = "%d.%m.%Y %H:%M:%S"
    tickets = pd.DataFrame({
        "ticket_id": truth["ticket_id"], "created_at": spell(truth["created_at"], lambda t: t.strftime(german)),
        "first_response_at": spell(truth["first_response_at"], lambda t: t.strftime(german)),
        "resolved_at": spell(truth["resolved_at"], lambda t: t.strftime(german)),
        "channel": truth["channel"], "category": truth["category"], "team": truth["team"],
        "agent_id": truth["agent_id"], "priority": truth["priority"], "contacts": truth["contacts"].astype(str),
        "Wartezeit (s)": [f"{v:.1f}".replace(".", ",") for v in rng(402).gamma(2, 20, len(truth))],
    })
    categories = ["Rechnung falsch", "Wartezeit zu lang", "Rückruf nicht erfolgt", "Techniker kam nicht",
                  "Vertrag falsch erfasst", "Unfreundlich"]
    complaints = complaint_truth(403, 500, categories, start="2025-01-02", end="2025-04-30")
    complaints.loc[::97, "cost"] = complaints.loc[::97, "cost"] + 1000  # a few four-digit costs: 1.234,50
    complaints["cost"] = complaints["cost"].round(2)

    def german_number(v: float) -> str:
        whole, cents = f"{v:,.2f}".split(".")
        return f"{whole.replace(',', '.')},{cents}"

    frame = complaints.assign(date=complaints["date"].dt.strftime("%d.%m.%Y"),
                              severity=complaints["severity"].astype(str), cost=complaints["cost"].map(german_number))
    write_config(folder, client="Stadtwerke Kundenservice", **EN, period={"start": "2025-01-01", "end": "2025-04-30"},
                 as_of="2025-05-01", sla_hours={"P1": 4, "P2": 24, "P3": 72})
    write_csv(folder / "data" / "tickets.csv", tickets, sep=";", line_end="\r\n")
    write_csv(folder / "data" / "complaints.csv", frame, sep=";", line_end="\r\n")
    return {"tickets": truth, "complaints": complaints}


def _check_callcentre(out: Path, truth: Truth) -> None:
    check_monthly(out, truth["tickets"])
    pareto = Figures(out).table("03_root_cause", "pareto")
    want = truth["complaints"].groupby("category")["cost"].sum().sort_values(ascending=False)
    assert pareto.iloc[0, 0] == want.index[0], (pareto.head(), want.head())
    np.testing.assert_allclose(pareto["value"].iloc[0], want.iloc[0], rtol=1e-9)
    np.testing.assert_allclose(pareto["value"].sum(), want.sum(), rtol=1e-9)


def gbk_chinese_headers(folder: Path) -> Truth:
    """Chinese-Windows Excel CSV: GBK, Chinese headers, two full-width headers, ``2025/1/5 9:05`` and ``+08:00``."""
    truth = ticket_truth(501, 800, "2025-01-01", "2025-05-31", teams=["华南组", "华北组", "西部组"],
                         channels=["电话", "在线客服", "APP", "微信"], categories=["话费查询", "宽带故障", "套餐变更", "投诉建议"],
                         id_format="GD{:07d}")
    short = lambda t: f"{t.year}/{t.month}/{t.day} {t.hour}:{t:%M}"  # noqa: E731 - Excel zh-CN display format
    iso8 = lambda t: f"{t:%Y-%m-%dT%H:%M:%S}+08:00"  # noqa: E731 - exported by the API, one offset
    frame = pd.DataFrame({
        "工单编号": truth["ticket_id"], "创建时间": spell(truth["created_at"], short),
        "首次响应时间": spell(truth["first_response_at"], iso8), "解决时间": spell(truth["resolved_at"], iso8),
        "渠道": truth["channel"], "业务类别": truth["category"], "班组": truth["team"], "坐席工号": truth["agent_id"],
        "ｐｒｉｏｒｉｔｙ": truth["priority"], "接触次数": truth["contacts"].astype(str),
        "是否升级": _flag(truth["escalated"], "是", "否"), "是否重开": _flag(truth["reopened"], "是", "否"),
        "客户ＩＤ": truth["customer_id"],
    })
    complaints = complaint_truth(502, 400, ["账单错误", "等待时间长", "网络故障", "态度问题", "办理不及时"],
                                 start="2025-01-01", end="2025-05-31")
    cframe = pd.DataFrame({"投诉编号": complaints["record_id"],
                           "投诉日期": complaints["date"].map(lambda t: f"{t.year}/{t.month}/{t.day}"),
                           "投诉类别": complaints["category"], "渠道": complaints["channel"],
                           "严重程度": complaints["severity"].astype(str), "成本": complaints["cost"].astype(str)})
    write_config(folder, client="星海电信（广东）", lang="zh", period={"start": "2025-01-01", "end": "2025-05-31"},
                 as_of="2025-06-01", sla_hours={"P1": 4, "P2": 24, "P3": 72})
    write_csv(folder / "data" / "tickets.csv", frame, encoding="gbk", line_end="\r\n")
    write_csv(folder / "data" / "complaints.csv", cframe, encoding="gbk", line_end="\r\n")
    return {"tickets": truth, "complaints": complaints}


def city311_xlsx(folder: Path) -> Truth:
    """A city 311 request sample saved as XLSX: a pivot sheet first, the data on sheet 'tickets'.

    Created Date as Excel date cells, Closed Date as the open-data text ``01/05/2025 09:12:33 AM``
    (month first: some days are above 12).
    """
    import openpyxl

    truth = ticket_truth(601, 900, "2025-01-01", "2025-03-31", teams=["NYPD", "HPD", "DSNY", "DOT", "DEP"],
                         channels=["PHONE", "ONLINE", "MOBILE", "UNKNOWN"],
                         categories=["Noise - Residential", "HEAT/HOT WATER", "Illegal Parking", "Blocked Driveway",
                                     "Street Condition", "Noise - Street/Sidewalk"], id_format="{:d}",
                         open_share=0.08)
    truth["ticket_id"] = [str(63_500_000 + 3 * i) for i in range(len(truth))]
    truth = truth.drop(columns=["first_response_at"])
    book = openpyxl.Workbook()
    pivot = book.active
    pivot.title = "Summary"
    pivot.append(["Agency", "Requests"])
    for agency, count in truth["team"].value_counts().items():
        pivot.append([agency, int(count)])
    data = book.create_sheet("tickets")
    data.append(["ticket_id", "created_at", "resolved_at", "team", "Agency Name", "category", "Descriptor",
                 "Location Type", "Incident Zip", "Status", "channel", "Borough"])
    r = rng(602)
    for row in truth.itertuples():
        closed = "" if pd.isna(row.resolved_at) else row.resolved_at.strftime("%m/%d/%Y %I:%M:%S %p")
        zip_code = None if r.random() < 0.05 else int(r.choice([10025, 11201, 10453, 11368]))
        data.append([int(row.ticket_id), row.created_at.to_pydatetime(), closed, row.team, f"{row.team} agency",
                     row.category, "Loud Music/Party", "Residential Building/House", zip_code,
                     "Closed" if closed else "In Progress", row.channel, r.choice(["MANHATTAN", "BROOKLYN", "BRONX"])])
    for cell in data["B"][1:]:
        cell.number_format = "mm/dd/yyyy hh:mm:ss AM/PM"
    notes = book.create_sheet("Notes")
    notes.append(["Exported from the 311 open data portal; times are local (America/New_York)."])
    write_config(folder, client="City 311 contact centre", **EN, period={"start": "2025-01-01", "end": "2025-03-31"},
                 as_of="2025-04-01")
    book.save(folder / "data" / "tickets.xlsx")
    return {"tickets": truth}


def _check_311(out: Path, truth: Truth) -> None:
    check_monthly(out, truth["tickets"].assign(first_response_at=pd.NaT), columns=("tickets", "resolution_median_h"))


def blank_groups(folder: Path) -> Truth:
    """Blank team (unassigned), priority and channel; a team of one ticket; blank survey groups."""
    truth = ticket_truth(701, 900, "2025-01-01", "2025-06-30", teams=["Team A", "Team B", "Team C"])
    r = rng(702)
    truth.loc[r.random(len(truth)) < 0.15, "team"] = np.nan
    truth.loc[r.random(len(truth)) < 0.10, "priority"] = np.nan
    truth.loc[r.random(len(truth)) < 0.10, "channel"] = np.nan
    truth.loc[5, "team"] = "Team D"  # one ticket only: must not be named the lagging team
    frame = truth.copy()
    for column in ("created_at", "first_response_at", "resolved_at"):
        frame[column] = spell(frame[column], lambda t: t.strftime("%Y-%m-%d %H:%M"))
    survey = survey_truth(703, 400, items={"q1": "reliability", "q2": "reliability", "q3": "empathy", "q4": "empathy"})
    survey.loc[r.random(len(survey)) < 0.2, "channel"] = np.nan
    survey.loc[r.random(len(survey)) < 0.2, "segment"] = np.nan
    write_config(folder, client="Blank groups", **EN, period={"start": "2025-01-01", "end": "2025-06-30"},
                 as_of="2025-07-01", sla_hours={"P1": 4, "P2": 24, "P3": 72},
                 survey={"scale": {"min": 1, "max": 5},
                         "items": {q: {"dimension": d} for q, d in (("q1", "reliability"), ("q2", "reliability"),
                                                                   ("q3", "empathy"), ("q4", "empathy"))}})
    write_csv(folder / "data" / "tickets.csv", frame.fillna(""))
    write_csv(folder / "data" / "survey.csv", survey.assign(date=survey["date"].dt.strftime("%Y-%m-%d")).fillna(""))
    return {"tickets": truth, "survey": survey}


def missing_optional_columns(folder: Path) -> Truth:
    """Only the required columns: tickets without first response, channel, team, priority, contacts."""
    truth = ticket_truth(801, 500, "2025-01-01", "2025-06-30")
    tickets = truth[["ticket_id", "created_at", "resolved_at"]].copy()
    for column in ("created_at", "resolved_at"):
        tickets[column] = spell(tickets[column], lambda t: t.strftime("%Y-%m-%d %H:%M"))
    survey = survey_truth(802, 300)[["respondent_id", "overall"]]
    complaints = complaint_truth(803, 300, ["billing", "waiting", "network"], cost=False)[["record_id", "date",
                                                                                            "category"]]
    write_config(folder, client="Minimal columns", **EN, period={"start": "2025-01-01", "end": "2025-06-30"},
                 as_of="2025-07-01")
    write_csv(folder / "data" / "tickets.csv", tickets)
    write_csv(folder / "data" / "survey.csv", survey)
    write_csv(folder / "data" / "complaints.csv", complaints.assign(date=complaints["date"].dt.strftime("%Y-%m-%d")))
    return {"tickets": truth}


def partial_months_blanks(folder: Path) -> Truth:
    """Log from 17 January to 9 June (partial first and last months), blanks spelled ``?``, ``N/A``, ``-``, ``无``."""
    truth = ticket_truth(901, 700, "2025-01-17 08:00", "2025-06-09 18:00")
    r = rng(902)
    tokens = np.array(["?", "N/A", "-", "无", "NA", "—", ""])
    frame = truth.copy()
    for column in ("created_at", "first_response_at", "resolved_at"):
        frame[column] = spell(frame[column], lambda t: t.strftime("%Y-%m-%d %H:%M"))
    for column, share in (("first_response_at", 0.08), ("resolved_at", 0.05), ("team", 0.1), ("contacts", 0.1),
                          ("priority", 0.05)):
        hit = r.random(len(frame)) < share
        frame[column] = frame[column].astype(object)
        frame.loc[hit, column] = r.choice(tokens, int(hit.sum()))
        if column in truth and column in ("first_response_at", "resolved_at"):
            truth.loc[hit, column] = pd.NaT
    frame.loc[frame["first_response_at"] == "", "first_response_at"] = "?"
    complaints = complaint_truth(903, 300, ["billing", "waiting", "network", "staff"], start="2025-01-17",
                                 end="2025-06-09")
    # one column where 01/06/2025 is 1 June because 20/06/2025 stands beside it
    cframe = complaints.assign(date=complaints["date"].dt.strftime("%d/%m/%Y"), cost=complaints["cost"].astype(str))
    write_config(folder, client="Partial months", **EN, period={"start": "2025-01-01", "end": "2025-06-30"},
                 as_of="2025-06-30", sla_hours={"P1": 4, "P2": 24, "P3": 72})
    write_csv(folder / "data" / "tickets.csv", frame.astype(str).replace({"nan": ""}))
    write_csv(folder / "data" / "complaints.csv", cframe)
    return {"tickets": truth, "complaints": complaints}


def _check_partial(out: Path, truth: Truth) -> None:
    check_monthly(out, truth["tickets"])
    assert Figures(out).headlines("03_root_cause")["complaints_total"] == len(truth["complaints"])
    check_coverage(out, "complaints", "date", truth["complaints"]["date"])


def date_spellings(folder: Path) -> Truth:
    """Excel serial numbers (tickets), ``2025年1月5日`` (complaints), ``5.1.2025`` (survey dates)."""
    truth = ticket_truth(1001, 600, "2025-01-01", "2025-04-30")
    # Excel shows a serial to 15 significant digits: 45658.0354166667
    serial = lambda t: f"{(t - pd.Timestamp('1899-12-30')) / pd.Timedelta(days=1):.10f}"  # noqa: E731
    frame = truth.copy()
    frame["created_at"] = spell(truth["created_at"], serial)
    frame["first_response_at"] = spell(truth["first_response_at"], lambda t: t.strftime("%Y-%m-%d %H:%M"))
    frame["resolved_at"] = spell(truth["resolved_at"], serial)
    complaints = complaint_truth(1002, 300, ["账单错误", "等待时间长", "网络故障"], start="2025-01-01", end="2025-04-30")
    cframe = complaints.assign(date=complaints["date"].map(lambda t: f"{t.year}年{t.month}月{t.day}日"))
    survey = survey_truth(1003, 300, start="2025-01-01", end="2025-04-30",
                          items={"q1": "reliability", "q2": "reliability", "q3": "assurance", "q4": "assurance"})
    sframe = survey.assign(date=survey["date"].map(lambda t: f"{t.day}.{t.month}.{t.year}"))
    write_config(folder, client="Date spellings", **EN, period={"start": "2025-01-01", "end": "2025-04-30"},
                 as_of="2025-05-01", sla_hours={"P1": 4, "P2": 24, "P3": 72},
                 survey={"items": {q: {"dimension": d} for q, d in (("q1", "reliability"), ("q2", "reliability"),
                                                                   ("q3", "assurance"), ("q4", "assurance"))}})
    write_csv(folder / "data" / "tickets.csv", frame.astype(str).replace({"nan": ""}))
    write_csv(folder / "data" / "complaints.csv", cframe.astype(str))
    write_csv(folder / "data" / "survey.csv", sframe.astype(str))
    return {"tickets": truth, "complaints": complaints, "survey": survey}


def _check_dates(out: Path, truth: Truth) -> None:
    # a 15-digit serial holds the time to about 10 microseconds: compare minutes to a millisecond
    check_monthly(out, truth["tickets"], atol=2e-5)
    assert Figures(out).headlines("03_root_cause")["complaints_total"] == len(truth["complaints"])
    check_coverage(out, "complaints", "date", truth["complaints"]["date"])
    check_coverage(out, "survey", "date", truth["survey"]["date"])


def complaints_228(folder: Path) -> Truth:
    """A complaint log with 228 categories (long tail), some with ``$`` and ``%`` in the name."""
    names = [f"Category {i:03d}" for i in range(1, 229)]
    names[2] = "Charged $4.99 twice, refund $4.99 missing"
    names[7] = "Fee of 2% not disclosed"
    names[40] = "Cash_back $ not paid"
    complaints = complaint_truth(1101, 2000, names, start="2025-01-01", end="2025-06-30", zipf=0.9)
    write_config(folder, client="Card services complaints", **EN, period={"start": "2025-01-01", "end": "2025-06-30"},
                 as_of="2025-07-01")
    write_csv(folder / "data" / "complaints.csv",
              complaints.assign(date=complaints["date"].dt.strftime("%Y-%m-%d")).astype(str))
    return {"complaints": complaints}


def _check_228(out: Path, truth: Truth) -> None:
    complaints = truth["complaints"]
    head = Figures(out).headlines("03_root_cause")
    assert head["complaints_total"] == len(complaints)
    counts = complaints["category"].value_counts()
    pareto = Figures(out).table("03_root_cause", "pareto")
    assert pareto.iloc[0, 0] == counts.index[0]
    np.testing.assert_allclose(pareto["pct"].iloc[0], 100 * counts.iloc[0] / len(complaints), rtol=1e-9)


# --------------------------------------------------------------------------------------------
# Surveys
# --------------------------------------------------------------------------------------------
BANK_ITEMS = {"staff_courtesy": "empathy", "staff_knowledge": "assurance", "wait_time": "responsiveness",
              "app_ease": "reliability", "fees_clear": "reliability", "issue_resolved": "responsiveness",
              "kept_informed": "empathy", "felt_secure": "assurance"}


def bank_survey_0_10(folder: Path) -> Truth:
    """A bank's 0-10 satisfaction survey: overall ``osat`` and ``ltr`` named in sqmkit.yaml, items 0-10."""
    survey = survey_truth(1201, 1200, scale=(0, 10), items=BANK_ITEMS, channels=["Branch", "Mobile app",
                                                                                 "Online banking", "Phone"],
                          segments=["Retail", "Premier", "Business"])
    frame = survey.rename(columns={"overall": "osat", "nps": "ltr"})
    write_config(folder, client="Bank customer survey", **EN, period={"start": "2025-01-01", "end": "2025-06-30"},
                 as_of="2025-07-01", intervention_date="2025-04-01",
                 survey={"overall": {"column": "osat", "min": 0, "max": 10}, "nps": {"column": "ltr"},
                         "scale": {"min": 0, "max": 10},
                         "items": {k: {"dimension": v, "label": k.replace("_", " ")} for k, v in BANK_ITEMS.items()}})
    write_csv(folder / "data" / "survey.csv", frame.assign(date=frame["date"].dt.strftime("%Y-%m-%d")).astype(str))
    return {"survey": survey}


def _check_bank(out: Path, truth: Truth) -> None:
    survey = truth["survey"]
    head = Figures(out).headlines("05_satisfaction")
    np.testing.assert_allclose(head["csat_mean"], survey["overall"].mean(), rtol=1e-9)
    # top box on 0-10 (DESIGN section 6: scores above scale_max - 2, i.e. 9 and 10)
    np.testing.assert_allclose(head["csat_top_box_pct"], 100 * (survey["overall"] >= 9).mean(), rtol=1e-9)
    nps = 100 * ((survey["nps"] >= 9).mean() - (survey["nps"] <= 6).mean())
    np.testing.assert_allclose(head["nps"], nps, rtol=1e-9)


def survey_1_7_no_date(folder: Path) -> Truth:
    """A 1-7 SERVQUAL survey (perceptions and expectations) without a date column."""
    items = {f"p{i:02d}": dim for i, dim in enumerate(["tangibles"] * 2 + ["reliability"] * 3 + ["responsiveness"] * 2
                                                      + ["assurance"] * 2 + ["empathy"] * 2, start=1)}
    survey = survey_truth(1301, 500, scale=(1, 7), items=items, expectations=True).drop(columns=["date"])
    write_config(folder, client="Hotel guest survey", **EN, period={"start": "2025-01-01", "end": "2025-06-30"},
                 as_of="2025-07-01",
                 survey={"overall": {"column": "overall", "min": 1, "max": 7}, "scale": {"min": 1, "max": 7},
                         "items": {k: {"dimension": v, "expectation": "e" + k[1:]} for k, v in items.items()}})
    write_csv(folder / "data" / "survey.csv", survey.astype(str))
    return {"survey": survey}


def _check_1_7(out: Path, truth: Truth) -> None:
    head = Figures(out).headlines("05_satisfaction")
    np.testing.assert_allclose(head["csat_mean"], truth["survey"]["overall"].mean(), rtol=1e-9)


def one_item_per_dimension(folder: Path) -> Truth:
    """Five SERVQUAL dimensions with one item each (no reliability coefficient can be computed)."""
    items = {"q_tan": "tangibles", "q_rel": "reliability", "q_res": "responsiveness", "q_ass": "assurance",
             "q_emp": "empathy"}
    survey = survey_truth(1401, 400, items=items)
    write_config(folder, client="One item per dimension", **EN, period={"start": "2025-01-01", "end": "2025-06-30"},
                 as_of="2025-07-01", survey={"items": {k: {"dimension": v} for k, v in items.items()}})
    write_csv(folder / "data" / "survey.csv", survey.assign(date=survey["date"].dt.strftime("%Y-%m-%d")).astype(str))
    return {"survey": survey}


def utf16_unicode_text(folder: Path) -> Truth:
    """Excel 'Unicode Text' saved as survey.csv: UTF-16 LE with BOM, tab separated, CRLF, Chinese headers."""
    items = {"q1": "可靠性", "q2": "可靠性", "q3": "响应性", "q4": "响应性", "q5": "保证性", "q6": "保证性"}
    survey = survey_truth(1501, 500, items=items, channels=["电话", "营业厅", "APP"], segments=["个人", "家庭", "政企"])
    survey["comment"] = rng(1502).choice(["等了很久才接通", "服务热情，问题一次解决", "APP 办理很方便", ""], len(survey))
    frame = pd.DataFrame({"受访者编号": survey["respondent_id"],
                          "调查日期": survey["date"].map(lambda t: f"{t.year}/{t.month}/{t.day}"),
                          "渠道": survey["channel"], "客户类型": survey["segment"],
                          "总体满意度": survey["overall"].astype(str), "推荐意愿": survey["nps"].astype(str),
                          **{q: survey[q].astype(str) for q in items}, "开放意见": survey["comment"]})
    write_config(folder, client="星海电信满意度调查", lang="zh", period={"start": "2025-01-01", "end": "2025-06-30"},
                 as_of="2025-07-01", survey={"items": {q: {"dimension": d} for q, d in items.items()}})
    write_csv(folder / "data" / "survey.csv", frame, encoding="utf-16", sep="\t", line_end="\r\n")
    return {"survey": survey}


def _check_utf16(out: Path, truth: Truth) -> None:
    head = Figures(out).headlines("05_satisfaction")
    survey = truth["survey"]
    np.testing.assert_allclose(head["csat_mean"], survey["overall"].mean(), rtol=1e-9)
    np.testing.assert_allclose(head["nps"], 100 * ((survey["nps"] >= 9).mean() - (survey["nps"] <= 6).mean()),
                               rtol=1e-9)


# --------------------------------------------------------------------------------------------
# Event logs imported with `sqmkit import-events`; workbooks made with `sqmkit new`
# --------------------------------------------------------------------------------------------
def _must(proc: subprocess.CompletedProcess) -> None:
    if proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}")


def servicenow_events(folder: Path) -> Truth:
    """The UCI ServiceNow incident event log, collapsed with ``sqmkit import-events`` into a new workbook."""
    log, truth = servicenow_log(seed=1601, incidents=700)
    path = folder.parent / "incident_event_log.csv"
    write_csv(path, log, encoding="utf-8")
    _must(sqmkit("import-events", path, "--out", folder, "--case", "number", "--activity", "incident_state",
                 "--timestamp", "sys_updated_at", "--resource", "sys_updated_by", "--first-response", "Active",
                 "--resolution", "Resolved", "Closed", "--reopen", "Active", "--attribute", "team=assignment_group",
                 "--attribute", "priority=priority", "--attribute", "channel=contact_type",
                 "--attribute", "category=category", "--attribute", "customer_id=caller_id", "--lang", "en"))
    # the consultant then edits sqmkit.yaml for the client (the import says so)
    text = (folder / "sqmkit.yaml").read_text(encoding="utf-8")
    text = (text.replace("client: Client name", "client: Acme IT (event log)")
            .replace("period: {start: 2025-01-01, end: 2025-12-31}", "period: {start: 2016-02-01, end: 2016-06-30}")
            .replace("as_of: 2025-12-31", "as_of: 2016-07-01")
            .replace("sla_hours: {P1: 4, P2: 24, P3: 72}",
                     "sla_hours: {1 - Critical: 4, 2 - High: 8, 3 - Moderate: 24, 4 - Low: 72}"))
    (folder / "sqmkit.yaml").write_text(text, encoding="utf-8")
    return {"tickets": truth}


def helpdesk_events(folder: Path) -> Truth:
    """The 4TU Helpdesk process-mining log, imported with a mapping file into an existing workbook."""
    log, truth = helpdesk_log(seed=1701, cases=450)
    path = folder.parent / "helpdesk.csv"
    write_csv(path, log, encoding="utf-8")
    mapping = folder.parent / "helpdesk-mapping.yaml"
    mapping.write_text(
        "case: Case ID\nactivity: Activity\ntimestamp: Complete Timestamp\nresource: Resource\n"
        "first_response: [Take in charge ticket]\nresolution: [Resolve ticket, Closed]\n"
        "reassignment: [Require upgrade]\n"
        "attributes: {team: responsible_section, priority: seriousness_2, customer_id: customer}\n", encoding="utf-8")
    survey = survey_truth(1702, 300, start="2012-01-02", end="2012-06-29",
                          items={"q1": "reliability", "q2": "reliability", "q3": "empathy", "q4": "empathy"})
    write_config(folder, client="Software helpdesk", **EN, period={"start": "2012-01-01", "end": "2012-06-30"},
                 as_of="2012-07-01", sla_hours=120,
                 survey={"items": {q: {"dimension": d} for q, d in (("q1", "reliability"), ("q2", "reliability"),
                                                                   ("q3", "empathy"), ("q4", "empathy"))}})
    write_csv(folder / "data" / "survey.csv", survey.assign(date=survey["date"].dt.strftime("%Y-%m-%d")).astype(str))
    from sqmkit.events import import_events, mapping_from_options  # the library call behind the CLI (tested there)

    import_events(path, folder, mapping_from_options(mapping))
    return {"tickets": truth}


def fresh_new_one_table(folder: Path) -> Truth:
    """A fresh ``sqmkit new DIR`` (Chinese template) with only tickets.csv filled in, under the template's headers."""
    scaffold_workbook(folder, lang="zh")  # what `sqmkit new DIR --lang zh` does
    truth = ticket_truth(1801, 400, "2025-02-01", "2025-05-31", teams=["一组", "二组"], channels=["电话", "在线客服"],
                         categories=["咨询", "投诉", "办理"])
    path = folder / "data" / "tickets.csv"
    headers = path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    names = {c["header"]: c["name"] for c in template_columns("zh")["tickets"]}
    frame = truth.assign(fcr=(truth["contacts"] == 1).astype(int))
    for column in ("created_at", "first_response_at", "resolved_at"):
        frame[column] = spell(frame[column], lambda t: t.strftime("%Y-%m-%d %H:%M"))
    # every template column in the template's order and Chinese header; columns the log lacks stay empty
    filled = pd.DataFrame({h: frame[names[h]].astype(str) if names.get(h) in frame else "" for h in headers})
    write_csv(path, filled)
    return {"tickets": truth}


def template_xlsx_workbook(folder: Path) -> Truth:
    """The scaffold's XLSX template filled as a whole workbook (15 complaints) and saved as data/complaints.xlsx."""
    import openpyxl

    scaffold_workbook(folder, lang="en")  # what `sqmkit new DIR --lang en` does
    book = openpyxl.load_workbook(folder / "templates" / "workbook_template.xlsx")
    sheet = book["complaints"]
    complaints = complaint_truth(1901, 15, ["billing", "waiting", "staff"], start="2025-03-01", end="2025-03-31")
    for row in complaints.itertuples(index=False):
        sheet.append([row.record_id, row.date.to_pydatetime(), row.category, "", row.channel, int(row.severity),
                      float(row.cost)])
    book.save(folder / "data" / "complaints.xlsx")
    (folder / "data" / "complaints.csv").unlink()
    return {"complaints": complaints}


def _check_template(out: Path, truth: Truth) -> None:
    total = Figures(out).headlines("03_root_cause").get("complaints_total")
    assert total == len(truth["complaints"]) == 15, f"03 read {total} complaints from data/complaints.xlsx, not 15"


CASES = [
    Case("servicenow_incidents_dmy", "ServiceNow incident export, day-first 29/2/2016 13:05, ? blanks, 2 - High",
         servicenow_dmy, check=lambda out, t: check_monthly(out, t["tickets"])),
    Case("zendesk_dst_offsets_timezone", "Zendesk export, +01:00/+02:00 offsets, timezone: Europe/Berlin, "
         "blank priority and group, no first response, sla_hours: 168", zendesk_export, check=_check_zendesk),
    Case("jira_export", "Jira 'Export Excel CSV', 09/Oct/25 1:42 PM, multi-line quoted summary",
         jira_export,
         check=lambda out, t: check_monthly(out, t["tickets"], columns=("tickets", "resolution_median_h"))),
    Case("callcentre_semicolon_decimal_comma", "German call-centre CSV: ; separator, 05.01.2025 09:12:33, "
         "decimal commas 1.234,50", callcentre_semicolon, params=("pareto_weight=cost",), check=_check_callcentre),
    Case("gbk_chinese_headers", "GBK CSV, Chinese and full-width headers, 2025/1/5 9:05 and +08:00",
         gbk_chinese_headers, check=lambda out, t: check_monthly(out, t["tickets"])),
    Case("city311_xlsx_sheets", "311 request sample as XLSX: pivot sheet first, data on 'tickets', "
         "Excel date cells and 01/05/2025 09:12:33 AM", city311_xlsx, check=_check_311),
    Case("blank_team_priority_channel", "blank team/priority/channel, a one-ticket team, blank survey groups",
         blank_groups, check=lambda out, t: check_monthly(out, t["tickets"])),
    Case("missing_optional_columns", "only required columns in tickets, survey and complaints",
         missing_optional_columns),
    Case("partial_months_blank_tokens", "17 Jan - 9 Jun log; ?, N/A, -, 无, NA, — blanks; 01/06 beside 20/06",
         partial_months_blanks, check=_check_partial),
    Case("date_spellings", "Excel serial numbers, 2025年1月5日, 5.1.2025", date_spellings, check=_check_dates),
    Case("complaints_228_categories", "228-category complaint log, $ and % in names", complaints_228,
         check=_check_228),
    Case("bank_survey_0_10", "bank survey on 0-10 only, overall/nps columns named in sqmkit.yaml",
         bank_survey_0_10, check=_check_bank),
    Case("survey_1_7_no_date", "SERVQUAL 1-7 with expectations, no date column", survey_1_7_no_date,
         check=_check_1_7),
    Case("survey_one_item_per_dimension", "five dimensions, one item each", one_item_per_dimension),
    Case("utf16_unicode_text_survey", "Excel 'Unicode Text' (UTF-16, tab) saved as survey.csv, Chinese headers",
         utf16_unicode_text, check=_check_utf16),
    Case("servicenow_event_log_import", "UCI ServiceNow event log -> sqmkit import-events -> new workbook",
         servicenow_events, check=lambda out, t: check_monthly(out, t["tickets"])),
    Case("helpdesk_event_log_import", "4TU Helpdesk log -> import-events --mapping into an existing workbook",
         helpdesk_events, check=lambda out, t: check_monthly(out, t["tickets"])),
    Case("fresh_new_one_table", "sqmkit new (zh), only tickets.csv filled in the template's headers",
         fresh_new_one_table, check=lambda out, t: check_monthly(out, t["tickets"])),
    Case("template_xlsx_whole_workbook", "scaffold XLSX template filled and saved whole as data/complaints.xlsx",
         template_xlsx_workbook, check=_check_template),
]
