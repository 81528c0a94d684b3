"""Generators of real-shaped event logs, with the tickets each one should collapse to.

Shapes (column names, value spellings, timestamp formats) follow public logs; no data of theirs
is copied, every value is generated:

* ServiceNow incident event log (UCI "Incident management process enriched event log",
  Amaral et al. 2018): one row per update of an incident, ``number``, ``incident_state``,
  ``sys_updated_at`` day-first without zero padding (``29/2/2016 13:05``), ``?`` for blanks,
  ``2 - High`` priorities, ``Group 56`` assignment groups, ``Updated by 21`` resources.
* 4TU "Helpdesk" process-mining log (Polato 2017): ``Case ID``, ``Activity``, ``Resource``,
  ``Complete Timestamp`` as ``2012/10/09 14:50:17.000``, attributes spelled ``Value 7``.
* Jira issue history (status changes): ``Issue key``, ``Created`` as ``09/Oct/25 1:42 PM``,
  ``Author``, ``Field``, ``From``, ``To``.
* Zendesk ticket events: ``ticket_id``, ``created_at`` ISO with the offset of Europe/Berlin
  (``+01:00`` in winter, ``+02:00`` in summer), ``status`` values new/open/pending/solved/closed.

Each generator returns ``(log, truth)``: the log as strings, and the tickets its events mean under
the definitions of :mod:`sqmkit.events`, worked out from the process that generated them.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._base import rng

UCI_COLUMNS = [
    "number", "incident_state", "active", "reassignment_count", "reopen_count", "sys_mod_count", "made_sla",
    "caller_id", "opened_by", "opened_at", "sys_created_by", "sys_created_at", "sys_updated_by", "sys_updated_at",
    "contact_type", "location", "category", "subcategory", "u_symptom", "cmdb_ci", "impact", "urgency", "priority",
    "assignment_group", "assigned_to", "knowledge", "u_priority_confirmation", "notify", "problem_id", "rfc",
    "vendor", "caused_by", "closed_code", "resolved_by", "resolved_at", "closed_at",
]
UCI_PRIORITIES = ["1 - Critical", "2 - High", "3 - Moderate", "4 - Low"]
UCI_CHANNELS = ["Phone", "Email", "Self service", "IVR", "Direct opening"]


def dmy(t: pd.Timestamp) -> str:
    """ServiceNow's spelling in the UCI log: day/month/year without zero padding, 24-hour time."""
    return f"{t.day}/{t.month}/{t.year} {t:%H:%M}"


def servicenow_log(seed: int = 7, incidents: int = 600, start: str = "2016-02-29", end: str = "2016-06-30"
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    r = rng(seed)
    t0, t1 = pd.Timestamp(start), pd.Timestamp(end)
    span = int((t1 - t0) / pd.Timedelta(minutes=1))
    opened = np.sort(r.integers(0, span, incidents))
    groups = [f"Group {g}" for g in r.choice(np.arange(10, 80), 12, replace=False)]
    rows, truth = [], []
    m = pd.Timedelta(minutes=1)
    for i in range(incidents):
        number = f"INC{45 + 7 * i:07d}"
        t_open = t0 + int(opened[i]) * m
        priority = r.choice(UCI_PRIORITIES, p=[0.03, 0.1, 0.8, 0.07])
        channel = r.choice(UCI_CHANNELS, p=[0.9, 0.04, 0.03, 0.01, 0.02])
        caller = f"Caller {r.integers(1, 5000)}"
        category = f"Category {r.choice([26, 42, 53, 46, 23, 9])}"
        group = str(r.choice(groups))
        events = []  # (state, time, resource, group shown, priority, reassignments, reopens)
        t = t_open + int(r.integers(1, 10)) * m
        shown = "?" if r.random() < 0.3 else group
        reassign, reopen = 0, 0
        events.append(["New", t, f"Updated by {r.integers(1, 900)}", shown, priority, reassign, reopen])
        if r.random() < 0.4:
            t += int(r.integers(0, 5)) * m
            events.append(["New", t, f"Updated by {r.integers(1, 900)}", shown, priority, reassign, reopen])
        first = t_open + int(10 + r.gamma(1.5, 40)) * m
        first = max(first, t)
        t = first
        events.append(["Active", t, f"Updated by {r.integers(1, 900)}", group, priority, reassign, reopen])
        escalated = False
        if r.random() < 0.25:  # reassignment to another group
            t += int(r.integers(10, 600)) * m
            group = str(r.choice([g for g in groups if g != group]))
            reassign += 1
            escalated = True
            events.append(["Active", t, f"Updated by {r.integers(1, 900)}", group, priority, reassign, reopen])
        if r.random() < 0.15:  # waiting for the user is no resolution
            t += int(r.integers(10, 300)) * m
            events.append(["Awaiting User Info", t, f"Updated by {r.integers(1, 900)}", group, priority, reassign,
                           reopen])
            t += int(r.integers(60, 1500)) * m
            events.append(["Active", t, f"Updated by {r.integers(1, 900)}", group, priority, reassign, reopen])
        if r.random() < 0.05:
            priority = r.choice(UCI_PRIORITIES)  # priority changed on the way: the last value counts
        resolved = None
        if r.random() > 0.06:
            t += int(30 + r.gamma(1.2, 900)) * m
            resolver = f"Resolved by {r.integers(1, 200)}"
            events.append(["Resolved", t, resolver, group, priority, reassign, reopen])
            resolved = t
            if r.random() < 0.1:  # reopened, then (mostly) resolved again
                t += int(r.integers(60, 3000)) * m
                reopen += 1
                events.append(["Active", t, f"Updated by {r.integers(1, 900)}", group, priority, reassign, reopen])
                resolved = None
                if r.random() < 0.85:
                    t += int(r.integers(30, 2000)) * m
                    events.append(["Resolved", t, resolver, group, priority, reassign, reopen])
                    resolved = t
            if resolved is not None and resolved + pd.Timedelta(days=5) < t1:
                events.append(["Closed", resolved + pd.Timedelta(days=5), "Updated by 908", group, priority, reassign,
                               reopen])
        for k, (state, when, who, shown_group, prio, n_re, n_op) in enumerate(events):
            rows.append({
                "number": number, "incident_state": state, "active": "false" if state == "Closed" else "true",
                "reassignment_count": str(n_re), "reopen_count": str(n_op), "sys_mod_count": str(k),
                "made_sla": "true", "caller_id": caller, "opened_by": f"Opened by  {r.integers(1, 200)}",
                "opened_at": dmy(t_open), "sys_created_by": "?", "sys_created_at": dmy(events[0][1]),
                "sys_updated_by": who, "sys_updated_at": dmy(when), "contact_type": channel,
                "location": f"Location {r.integers(1, 200)}", "category": category,
                "subcategory": f"Subcategory {r.integers(1, 250)}", "u_symptom": f"Symptom {r.integers(1, 500)}",
                "cmdb_ci": "?", "impact": "2 - Medium", "urgency": "2 - Medium", "priority": prio,
                "assignment_group": shown_group, "assigned_to": "?" if shown_group == "?" else f"Resolver {i % 97}",
                "knowledge": "false", "u_priority_confirmation": "false", "notify": "Do Not Notify",
                "problem_id": "?", "rfc": "?", "vendor": "?", "caused_by": "?", "closed_code": "code 5",
                "resolved_by": "?" if resolved is None else "Resolved by 1",
                "resolved_at": "?" if resolved is None else dmy(resolved),
                "closed_at": "?" if resolved is None else dmy(resolved + pd.Timedelta(days=5)),
            })
        truth.append({"ticket_id": number, "created_at": events[0][1], "first_response_at": first,
                      "resolved_at": resolved if resolved is not None else pd.NaT,
                      "team": [e[3] for e in events if e[3] != "?"][-1], "priority": events[-1][4],
                      "channel": channel, "category": category, "customer_id": caller,
                      "escalated": int(escalated), "reopened": int(reopen > 0), "contacts": 1 + reopen})
    log = pd.DataFrame(rows, columns=UCI_COLUMNS)
    return log, pd.DataFrame(truth)


HELPDESK_COLUMNS = ["Case ID", "Activity", "Resource", "Complete Timestamp", "Variant", "Variant index",
                    "seriousness", "customer", "product", "responsible_section", "seriousness_2", "service_level",
                    "service_type", "support_section", "workgroup"]


def helpdesk_log(seed: int = 11, cases: int = 400, start: str = "2012-01-02", end: str = "2012-06-29"
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    r = rng(seed)
    t0, t1 = pd.Timestamp(start), pd.Timestamp(end)
    span = int((t1 - t0) / pd.Timedelta(seconds=1))
    starts = np.sort(r.integers(0, span, cases))
    s = pd.Timedelta(seconds=1)
    rows, truth = [], []
    for i in range(cases):
        case = f"Case {i + 1}"
        attrs = {"seriousness": f"Value {r.integers(1, 4)}", "customer": f"Value {r.integers(1, 300)}",
                 "product": f"Value {r.integers(1, 20)}", "responsible_section": f"Value {r.choice([1, 3, 4, 6, 7])}",
                 "seriousness_2": f"Value {r.integers(1, 4)}", "service_level": f"Value {r.integers(1, 5)}",
                 "service_type": f"Value {r.integers(1, 5)}", "support_section": f"Value {r.integers(1, 9)}",
                 "workgroup": f"Value {r.integers(1, 5)}"}
        t = t0 + int(starts[i]) * s
        created = t
        steps = [("Assign seriousness", t, "Value 1")]
        t += int(r.gamma(1.3, 4000)) * s
        agent = f"Value {r.integers(2, 23)}"
        steps.append(("Take in charge ticket", t, agent))
        first = t
        escalated = False
        if r.random() < 0.2:
            t += int(r.gamma(1.5, 20000)) * s
            steps.append(("Wait", t, agent))
        if r.random() < 0.08:
            t += int(r.gamma(1.5, 30000)) * s
            steps.append(("Require upgrade", t, agent))
            escalated = True
        resolved = pd.NaT
        if r.random() > 0.04:
            t += int(r.gamma(1.2, 60000)) * s
            steps.append(("Resolve ticket", t, agent))
            resolved = t
            t += int(r.gamma(2.0, 200000)) * s
            steps.append(("Closed", t, "Value 3"))
        variant = 1 if len(steps) == 4 else 2 + len(steps)
        for activity, when, who in steps:
            rows.append({"Case ID": case, "Activity": activity, "Resource": who,
                         "Complete Timestamp": f"{when:%Y/%m/%d %H:%M:%S}.000", "Variant": f"Variant {variant}",
                         "Variant index": str(variant), **attrs})
        truth.append({"ticket_id": case, "created_at": created, "first_response_at": first, "resolved_at": resolved,
                      "team": attrs["responsible_section"], "priority": attrs["seriousness_2"],
                      "customer_id": attrs["customer"], "escalated": int(escalated), "reopened": 0, "contacts": 1,
                      "agent_id": agent if not pd.isna(resolved) else None})
    return pd.DataFrame(rows, columns=HELPDESK_COLUMNS), pd.DataFrame(truth)


def jira_time(t: pd.Timestamp) -> str:
    """Jira's default export spelling: ``09/Oct/25 1:42 PM``."""
    hour = t.hour % 12 or 12
    return f"{t:%d/%b/%y} {hour}:{t:%M} {'AM' if t.hour < 12 else 'PM'}"


def jira_history(seed: int = 5, issues: int = 120, start: str = "2025-01-06") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Status changes of a Jira Service Management project (Field = status; To = the new status)."""
    r = rng(seed)
    m = pd.Timedelta(minutes=1)
    rows, truth = [], []
    t = pd.Timestamp(start) + 8 * 60 * m
    for i in range(issues):
        key = f"ITSD-{101 + i}"
        t = t + int(r.integers(5, 240)) * m
        created = t
        steps = [("Open", created, f"customer{r.integers(1, 60)}")]
        first = created + int(5 + r.gamma(1.4, 50)) * m
        agent = f"agent.{r.choice(['li', 'meier', 'garcia', 'okafor'])}"
        steps.append(("In Progress", first, agent))
        resolved, reopens = pd.NaT, 0
        when = first
        if r.random() < 0.2:
            when += int(r.integers(30, 600)) * m
            steps.append(("Waiting for customer", when, agent))
            when += int(r.integers(30, 600)) * m
            steps.append(("In Progress", when, agent))
        if r.random() > 0.08:
            when += int(60 + r.gamma(1.2, 600)) * m
            steps.append(("Resolved", when, agent))
            resolved = when
            if r.random() < 0.15:
                when += int(r.integers(60, 2000)) * m
                steps.append(("Reopened", when, f"customer{r.integers(1, 60)}"))
                reopens += 1
                resolved = pd.NaT
                when += int(r.integers(30, 900)) * m
                steps.append(("Resolved", when, agent))
                resolved = when
            when += pd.Timedelta(days=3)
            steps.append(("Closed", when, "automation"))
        previous = ""
        for status, at, who in steps:
            rows.append({"Issue key": key, "Created": jira_time(at), "Author": who, "Field": "status",
                         "From": previous, "To": status})
            previous = status
        truth.append({"ticket_id": key, "created_at": created, "first_response_at": first, "resolved_at": resolved,
                      "reopened": int(reopens > 0), "contacts": 1 + reopens})
    return pd.DataFrame(rows), pd.DataFrame(truth)


def zendesk_events(seed: int = 3, tickets: int = 150, start: str = "2025-03-20", zone: str = "Europe/Berlin"
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Zendesk status events around the spring DST change; truth in the zone's wall time."""
    r = rng(seed)
    m = pd.Timedelta(minutes=1)
    rows, truth = [], []
    base = pd.Timestamp(start)
    for i in range(tickets):
        created = base + int(r.integers(0, 20 * 24 * 60)) * m
        steps = [("new", created, "")]
        first = created + int(3 + r.gamma(1.5, 90)) * m
        steps.append(("open", first, f"{r.integers(360000, 360020)}"))
        solved = first + int(30 + r.gamma(1.2, 800)) * m
        steps.append(("solved", solved, steps[-1][2]))
        for status, at, who in steps:
            local = at.tz_localize(zone, nonexistent="shift_forward", ambiguous=False)
            rows.append({"ticket_id": str(9000 + i), "created_at": local.isoformat(), "updater_id": who,
                         "via": r.choice(["Mail", "Web form", "Chat"]), "field_name": "status", "value": status})
        truth.append({"ticket_id": str(9000 + i),
                      "created_at": created.tz_localize(zone, nonexistent="shift_forward").tz_localize(None),
                      "first_response_at": first.tz_localize(zone, nonexistent="shift_forward").tz_localize(None),
                      "resolved_at": solved.tz_localize(zone, nonexistent="shift_forward").tz_localize(None)})
    return pd.DataFrame(rows), pd.DataFrame(truth)
