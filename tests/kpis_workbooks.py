"""Workbooks shaped like real ticket logs and action registers, for the notebook tests of 02 and 04.

Each case starts from a small synthetic workbook (``sqmkit.sample.write_sample`` with few tickets, a
whole year) or from the first rows of the bundled sample, and is edited the way real exports differ:
blank groups, missing optional columns, a one-number SLA, a per-ticket ``due_at``, a log of three
weeks, a one-ticket team, registers without KPIs. ``sqmkit validate`` accepts every one of them, so
02 and 04 must run to the end on each (issue 10). Build one with :func:`build`.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd

BASE_TICKETS = 1500
CASES = ("blanks", "thin_log", "first2000", "one_team_three_weeks", "lone_team_due_at", "registers", "kpi_values_only")


def write_base(folder: Path) -> Path:
    """The synthetic workbook every case but ``first2000`` starts from (a year of BASE_TICKETS tickets)."""
    from sqmkit.sample import write_sample

    return write_sample(folder, tickets=BASE_TICKETS)


def _read(wb: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(wb / "data" / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _write(wb: Path, name: str, frame: pd.DataFrame | None) -> None:
    path = wb / "data" / f"{name}.csv"
    if frame is None:
        path.unlink()
    else:
        frame.to_csv(path, index=False, encoding="utf-8")


def _config(wb: Path, **keys: str | None) -> None:
    """Set (or, with None, remove) top-level keys of sqmkit.yaml."""
    path = wb / "sqmkit.yaml"
    text = path.read_text(encoding="utf-8")
    for key, value in keys.items():
        text = re.sub(rf"^{key}:.*\n", "", text, flags=re.M)
        if value is not None:
            text = text.replace("\nsurvey:", f"\n{key}: {value}\nsurvey:", 1)
    path.write_text(text, encoding="utf-8")


def build(case: str, base: Path, target: Path) -> Path:
    """Copy ``base`` (from :func:`write_base`) to ``target`` and edit it into ``case``."""
    if case == "first2000":
        from sqmkit.resources import sample_workbook

        shutil.copytree(sample_workbook(), target)
        _write(target, "tickets", _read(target, "tickets").head(2000))   # the first two weeks of January
        return target
    shutil.copytree(base, target)
    wb = target
    tickets = _read(wb, "tickets")
    if case == "blanks":
        # 1 in 3 tickets unassigned (no team, no agent), 1 in 10 without priority, 1 in 7 without channel
        tickets.loc[tickets.index % 3 == 0, ["team", "agent_id"]] = ""
        tickets.loc[tickets.index % 10 == 1, "priority"] = ""
        tickets.loc[tickets.index % 7 == 2, "channel"] = ""
    elif case == "thin_log":
        # a bare export: no first response, channel, agent, contacts, customer, category or flags; SLA one number
        tickets = tickets.drop(columns=["first_response_at", "channel", "agent_id", "contacts", "customer_id",
                                        "category", "escalated", "reopened"])
        _config(wb, sla_hours="168", lang="en")
        _write(wb, "kpi_targets", None)
        _write(wb, "actions", None)
    elif case == "one_team_three_weeks":
        # one team, three weeks from Monday 17 March; no SLA, period or intervention date; no targets, no actions
        tickets = tickets[(tickets["created_at"] >= "2025-03-17") & (tickets["created_at"] < "2025-04-07")]
        tickets = tickets.assign(team="客服一组")
        _config(wb, sla_hours=None, period=None, intervention_date=None)
        _write(wb, "kpi_targets", None)
        _write(wb, "actions", None)
    elif case == "lone_team_due_at":
        # the log starts on 17 January and was extracted on 15 December; one team has a single, very slow
        # ticket; every ticket carries its own SLA deadline (due_at: 30 h after creation)
        tickets = tickets[(tickets["created_at"] >= "2025-01-17") & (tickets["created_at"] < "2025-12-15 12:00")].copy()
        slow = tickets.index[5]
        tickets.loc[slow, "team"] = "孤单组"
        created = pd.to_datetime(tickets.loc[slow, "created_at"])
        tickets.loc[slow, "first_response_at"] = f"{created + pd.Timedelta(hours=40):%Y-%m-%d %H:%M:%S}"
        due = pd.to_datetime(tickets["created_at"]) + pd.Timedelta(hours=30)
        tickets["due_at"] = due.dt.strftime("%Y-%m-%d %H:%M:%S")
        _config(wb, as_of="2025-12-15")
    elif case == "registers":
        # every ticket still open; a register without KPI, baseline or owner where every action is done
        tickets = tickets.assign(resolved_at="")
        actions = _read(wb, "actions").drop(columns=["kpi", "baseline", "owner"])
        finished = actions["due"].where(actions["due"] <= "2025-12-20", "2025-12-20")      # by as_of at the latest
        actions["done_date"] = actions["done_date"].where(actions["done_date"] != "", finished)
        _write(wb, "actions", actions.assign(status="done", phase="Act"))
    elif case == "kpi_values_only":
        # 04 from KPI values supplied directly: no ticket log at all
        tickets = None
    else:
        raise ValueError(f"unknown case {case!r}; use one of {CASES}")
    _write(wb, "tickets", tickets)
    return wb


def case_runner(root: Path, notebook: str):
    """``run(case)``: build that case of :func:`build` under ``root`` and run ``notebook`` on it, once per case.

    Returns (output folder, conftest.NotebookRun).
    """
    from conftest import run_notebook

    base = write_base(root / "base")
    done: dict = {}

    def run(case: str):
        if case not in done:
            workbook = build(case, base, root / case)
            done[case] = (root / f"{case}-out", run_notebook(workbook, root / f"{case}-out", notebook))
        return done[case]
    return run
