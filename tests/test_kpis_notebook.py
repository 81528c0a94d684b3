"""Notebook 02_service_kpis: the sample run tells the story of docs/SAMPLE.md; a thin workbook does not break it."""
from __future__ import annotations

import re

import pytest
from conftest import check_notebook_source, executed_notebook, headlines, markdown_outputs, recorded_table, run_notebook

NOTEBOOK = "02_service_kpis"


def _plain(markdown: str) -> str:
    """The Markdown outputs as read: findings sentences are shown as text, their punctuation backslash-escaped."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|~:$])", r"\1", markdown)


def test_notebook_source_has_one_parameters_cell_and_no_outputs():
    check_notebook_source(NOTEBOOK, parameters={"freq", "kpi", "split", "amber_pct"})


@pytest.fixture(scope="module")
def kpi_results(sample_run) -> dict:
    return headlines(sample_run, NOTEBOOK)


def test_sample_frt_misses_target_in_h1_and_meets_it_after_the_actions(kpi_results):
    # docs/SAMPLE.md: first-response median ~45 min Jan-Jun, ~20 min from mid-July; target 30 (lower)
    assert kpi_results["frt_median_min_target"] == 30
    assert kpi_results["frt_median_min_before"] > 30 and kpi_results["frt_median_min_before_status"] == "red"
    assert kpi_results["frt_median_min_after"] <= 30 and kpi_results["frt_median_min_after_status"] == "green"
    assert 40 <= kpi_results["frt_median_min_before"] <= 50 and 15 <= kpi_results["frt_median_min_after"] <= 25
    assert kpi_results["sqs_after"] > kpi_results["sqs_before"]
    assert kpi_results["frt_median_min_weekly_signals_after"] > 0   # the shift is outside the phase-I limits


def test_sample_names_the_lagging_team(sample_run, kpi_results):
    # docs/SAMPLE.md: 华南组 lags most (slowest first response all year, ~1.4x the others)
    assert kpi_results["lagging_team"] == "华南组"
    cascade = recorded_table(sample_run, NOTEBOOK, "cascade")
    teams = cascade[cascade["level"] == "team"]
    assert teams.iloc[0]["unit"] == "华南组" and bool(teams.iloc[0]["worse_than_centre"])
    assert "华南组在首次响应时间中位数（分钟）上最落后" in _plain(markdown_outputs(executed_notebook(sample_run, NOTEBOOK)))


def test_sample_tables_are_recorded(sample_run):
    monthly = recorded_table(sample_run, NOTEBOOK, "kpis_by_period")
    assert len(monthly) == 12 and monthly["tickets"].sum() == 50_000
    backlog = recorded_table(sample_run, NOTEBOOK, "backlog")
    assert backlog["open_tickets"].iloc[-1] > 0


def test_notebook_runs_on_a_thin_workbook(small_workbook, tmp_path):
    # 300 tickets from the first days of January, no kpi_targets: sections say what is missing
    out = tmp_path / "out"
    run = run_notebook(small_workbook, out, NOTEBOOK)
    assert "`kpi_targets`" in _plain(run.markdown)
    results = headlines(out, NOTEBOOK, missing_ok=True)
    assert "lagging_team" in results and "sqs_before" not in results


# ---- workbooks shaped like real exports (issue 10): validate accepts them, so 02 runs to the end ----
@pytest.fixture(scope="module")
def case_run(tmp_path_factory):
    """Build and run one case of tests/kpis_workbooks.py once per module: (output folder, NotebookRun)."""
    from kpis_workbooks import case_runner

    return case_runner(tmp_path_factory.mktemp("kpis_cases"), NOTEBOOK)


def _images(executed) -> int:
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    return sum("image/png" in o.get("data", {}) for o in outputs)


def test_blank_team_priority_and_channel_are_groups_not_crashes(case_run):
    # real log: 2,157 unassigned incidents crashed the cascade chart ('value' must be an instance of str);
    # blank priority passed validate, then failed with "add (blank) to sla_hours"
    out, run = case_run("blanks")
    cascade = recorded_table(out, NOTEBOOK, "cascade", keep_default_na=False)
    assert "(blank)" in cascade.loc[cascade["level"] == "team", "unit"].tolist()
    channels = recorded_table(out, NOTEBOOK, "kpis_by_channel_period", keep_default_na=False)
    assert "(blank)" in set(channels["channel"])
    cover = recorded_table(out, NOTEBOOK, "kpi_coverage").set_index("statistic")
    assert "优先级为空" in cover.loc["sla", "reason"]                      # the workbook's language
    assert _images(run.executed) >= 6
    results = headlines(out, NOTEBOOK)
    assert results["lagging_team"] == "华南组" and "sqs_after" in results


def test_a_bare_log_follows_a_kpi_it_supports_and_says_so(case_run):
    # no first_response_at ('Axis limits cannot be NaN'), no channel (failed 02), sla_hours: 168 (failed 02),
    # no agent, contacts, customer, category or flags; no kpi_targets, no actions; lang en
    out, run = case_run("thin_log")
    assert "SLA: 168 h for every ticket" in _plain(run.markdown)
    assert ("Median first response (min) cannot be computed from this ticket log (it needs the column "
            "first_response_at); the sections that follow one KPI use Median resolution time (h) "
            "instead.") in _plain(run.markdown)
    assert "The ticket log has no `channel` column: the trend by channel is skipped." in _plain(run.markdown)
    assert "Table `kpi_targets` is missing" in _plain(run.markdown)
    results = headlines(out, NOTEBOOK, missing_ok=True)
    assert "resolution_median_h_before" in results and not any(k.startswith("frt_") for k in results)
    assert "Traceback" not in _plain(run.markdown)


def test_a_two_week_sample_copy_says_what_it_cannot_compare(case_run):
    # `sqmkit sample`, first 2,000 tickets: failed at the control chart with "Encountered all NA values"
    out, run = case_run("first2000")
    assert "2025-07-01 起没有首次响应时间中位数（分钟）的数据（分界日后 0 张工单）" in _plain(run.markdown)
    assert "不完整期间" in _plain(run.markdown) and "2025-01" in _plain(run.markdown)
    assert "控制图需要分界日 2025-07-01 之前至少 8 周" in _plain(run.markdown)
    assert "分界日的一侧没有综合得分" in _plain(run.markdown)
    results = headlines(out, NOTEBOOK)
    assert "frt_median_min_before" in results and "frt_median_min_after" not in results and "sqs_after" not in results
    monthly = recorded_table(out, NOTEBOOK, "kpis_by_period")
    assert monthly["partial"].tolist() == [True]


def test_one_team_and_three_weeks(case_run):
    out, run = case_run("one_team_three_weeks")
    assert "工单记录中只有一个班组：无从比较，不指出落后的班组。" in _plain(run.markdown)
    assert "未设置 SLA" in _plain(run.markdown)
    assert "lagging_team" not in headlines(out, NOTEBOOK, missing_ok=True)
    monthly = recorded_table(out, NOTEBOOK, "kpis_by_period")   # 17 March - 6 April: both months partial
    assert monthly["period"].str[:7].tolist() == ["2025-03", "2025-04"] and monthly["partial"].all()


def test_a_one_ticket_team_is_not_lagging_and_due_at_sets_the_sla(case_run):
    out, run = case_run("lone_team_due_at")
    cascade = recorded_table(out, NOTEBOOK, "cascade")
    lone = cascade[cascade["unit"] == "孤单组"].iloc[0]
    assert lone["tickets"] == 1 and not lone["ranked"] and lone["value"] > 1000   # the slowest unit of all
    assert headlines(out, NOTEBOOK)["lagging_team"] == "华南组"
    assert "1 个工单少于 30 张的班组仅展示、不参与排名" in _plain(run.markdown)
    # the log runs 17 January - 15 December: first and last month partial
    monthly = recorded_table(out, NOTEBOOK, "kpis_by_period")
    assert monthly["partial"].tolist() == [True] + [False] * 10 + [True]
    # SLA attainment = resolved_at <= due_at, recomputed independently with pandas from the workbook file
    import pandas as pd
    log = pd.read_csv(out.parent / "lone_team_due_at" / "data" / "tickets.csv",
                      parse_dates=["created_at", "resolved_at", "due_at"])
    done = log[log["resolved_at"].notna()]
    by_month = (done["resolved_at"] <= done["due_at"]).groupby(done["created_at"].dt.to_period("M")).mean() * 100
    assert monthly["sla_met_pct"].tolist() == pytest.approx(by_month.tolist())
    assert "SLA：按每张工单的截止时间 due_at" in _plain(run.markdown)


def test_all_tickets_open_leaves_the_resolution_kpis_out_of_the_score(case_run):
    out, run = case_run("registers")
    assert "未计入综合得分（本工单记录中无数据）：解决时长中位数（小时）, 一次解决率（%）, SLA达成率（%）。" in _plain(run.markdown)
    coverage = recorded_table(out, NOTEBOOK, "kpi_coverage").set_index("statistic")
    assert coverage.loc["resolution", "used"] == 0


def test_no_ticket_log(case_run):
    out, run = case_run("kpi_values_only")
    assert "缺少数据表 `tickets`" in _plain(run.markdown)
