"""Tests of sqmkit.pdca: overdue logic at boundaries, validation, effect checks, cycles, charts."""
import matplotlib
import numpy as np
import pandas as pd
import pytest

from sqmkit import pdca, spc
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import BLANK

matplotlib.use("Agg")
AS_OF = "2025-12-20"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def register(**extra):
    base = pd.DataFrame({
        "action_id": ["T0", "T1", "T2", "T3", "T4", "T5", "T6", "T7"],
        "action": ["due today", "due yesterday", "done late", "cancelled", "no due date",
                   "due in 7 days", "due in 8 days", "done on time"],
        "owner": ["甲", "甲", "乙", "乙", "丙", "丙", "丙", "甲"],
        "phase": ["Do", "Do", "Check", "Plan", "Plan", "Do", "Do", "Act"],
        "status": ["in_progress", "open", "done", "cancelled", "open", "blocked", "open", "done"],
        "start": ["2025-12-01"] * 8,
        "due": ["2025-12-20", "2025-12-19", "2025-12-10", "2025-12-01", None, "2025-12-27",
                "2025-12-28", "2025-12-15"],
        "done_date": [None, None, "2025-12-14", None, None, None, None, "2025-12-15"],
    })
    for k, v in extra.items():
        base[k] = v
    return base


# ---- overdue logic (DESIGN §6, whole days) ------------------------------------------------
def test_overdue_boundaries():
    st = pdca.action_status(register(), as_of=AS_OF).set_index("action_id")
    assert not st.loc["T0", "overdue"] and st.loc["T0", "days_late"] == 0 and st.loc["T0", "due_soon"]
    assert st.loc["T1", "overdue"] and st.loc["T1", "days_late"] == 1 and not st.loc["T1", "due_soon"]
    assert not st.loc["T2", "overdue"] and st.loc["T2", "days_late"] == 4
    assert not st.loc["T3", "overdue"] and st.loc["T3", "days_late"] == 0 and not st.loc["T3", "due_soon"]
    assert not st.loc["T4", "overdue"] and st.loc["T4", "days_late"] == 0 and not st.loc["T4", "due_soon"]
    assert st.loc["T5", "due_soon"] and not st.loc["T6", "due_soon"]
    assert st.loc["T7", "days_late"] == 0
    assert st["days_late"].dtype == "int64"


def test_timestamps_count_whole_days_and_soon_days_option():
    reg = register(due=["2025-12-19 23:59"] + [None] * 7)
    st = pdca.action_status(reg, as_of="2025-12-20 08:00")
    assert st.loc[0, "overdue"] and st.loc[0, "days_late"] == 1
    st = pdca.action_status(register(), as_of=AS_OF, soon_days=8).set_index("action_id")
    assert st.loc["T6", "due_soon"]


def test_actual_end_for_gantt():
    st = pdca.action_status(register(), as_of=AS_OF).set_index("action_id")
    assert st.loc["T2", "actual_end"] == pd.Timestamp("2025-12-14")
    assert st.loc["T1", "actual_end"] == pd.Timestamp(AS_OF)
    assert pd.isna(st.loc["T3", "actual_end"])


def test_progress_by_phase_and_status():
    prog = pdca.action_progress(register()).set_index("phase")
    assert list(prog.index) == ["Plan", "Do", "Check", "Act"]
    assert prog.loc["Do", ["open", "in_progress", "blocked", "total"]].tolist() == [2, 1, 1, 4]
    assert prog.loc["Plan", "cancelled"] == 1 and prog.loc["Plan", "done_pct"] == 0.0   # cancelled not counted
    assert prog.loc["Check", "done_pct"] == 100.0
    assert prog["total"].sum() == 8


@pytest.mark.parametrize("lang, headers", [("zh", ["阶段", "未开始", "进行中", "受阻", "已完成", "已取消"]),
                                           ("en", ["Open", "In progress", "Blocked", "Done", "Cancelled"])])
def test_progress_table_headers_name_the_statuses(lang, headers):
    """The status columns read as statuses (未开始, not the open-tickets term 未结工单)."""
    from sqmkit.report import show_table

    page = show_table(pdca.action_progress(register()), lang=lang).to_html()
    assert all(f">{h}<" in page for h in headers), page
    assert "未结工单" not in page and "Open tickets" not in page


def test_owner_workload():
    wl = pdca.owner_workload(register(), as_of=AS_OF).set_index("owner")
    assert wl.loc["甲", ["actions", "active", "overdue", "done", "days_late"]].tolist() == [3, 2, 1, 1, 1]
    assert wl.loc["丙", ["active", "blocked", "due_soon"]].tolist() == [3, 1, 1]
    assert wl.index[0] == "丙"


# ---- validation ---------------------------------------------------------------------------
def test_unknown_status_and_phase():
    with pytest.raises(DataValidationError, match=r"'status' has unknown values for actions T2 .*'finished'"):
        pdca.action_status(register(status=["open", "open", "finished", "open", "open", "open", "open", "open"]), as_of=AS_OF)
    with pytest.raises(DataValidationError, match=r"'phase' has unknown values for actions T0 .*\['Plan', 'Do', 'Check', 'Act'\]") as e:
        pdca.action_status(register(phase=["Study"] + ["Do"] * 7), as_of=AS_OF)
    assert e.value.column == "phase"


def test_status_and_phase_case_is_normalised():
    st = pdca.action_status(register(phase=["do"] * 8, status=["Open"] * 8, done_date=[None] * 8), as_of=AS_OF)
    assert set(st["phase"]) == {"Do"} and set(st["status"]) == {"open"}


def test_due_before_start_and_done_date_without_done():
    reg = register(due=["2025-11-30"] + ["2025-12-31"] * 7)
    with pytest.raises(DataValidationError, match=r"due date earlier than the start date for actions T0; correct start or due"):
        pdca.action_status(reg, as_of=AS_OF)
    reg = register(done_date=["2025-12-05"] + [None] * 7)
    with pytest.raises(DataValidationError, match=r"done_date filled in but status not done for actions T0; set status to done"):
        pdca.action_status(reg, as_of=AS_OF)


def test_bad_dates_and_arguments():
    with pytest.raises(DataValidationError, match=r"column 'due' holds values that are not dates for actions T1"):
        pdca.action_status(register(due=[None, "soon", None, None, None, None, None, None]), as_of=AS_OF)
    with pytest.raises(DataValidationError, match=r"`as_of` must be a date"):
        pdca.action_status(register(), as_of="someday")
    with pytest.raises(DataValidationError, match=r"Table 'actions' has no column \['status'\]"):
        pdca.action_status(register().drop(columns="status"), as_of=AS_OF)


# ---- effect check -------------------------------------------------------------------------
# R's sleep data (Student 1908): extra hours of sleep, group 1 and group 2
SLEEP1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]


def sleep_series():
    periods = pd.date_range("2025-01-06", periods=20, freq="W-MON")
    return pd.DataFrame({"period": periods, "kpi": "sleep", "value": SLEEP1 + SLEEP2})


def one_action(**kw):
    row = {"action_id": "A1", "action": "x", "status": "done", "start": "2025-03-17",
           "due": "2025-04-30", "done_date": "2025-04-30", "kpi": "sleep", "direction": "higher",
           "baseline": 0.75, "target": 2.0, "actual": np.nan, "effectiveness": 100.0, "cycle": 1}
    row.update(kw)
    return pd.DataFrame([row])


def test_welch_and_mann_whitney_match_r_sleep_example():
    # R: t.test(extra ~ group, data = sleep): t = -1.8608, df = 17.776, p-value = 0.07939,
    # 95 % CI of mean(g1) - mean(g2): -3.3654832 0.2054832; means 0.75 and 2.33.
    # R: wilcox.test(extra ~ group, data = sleep): W = 25.5, p-value = 0.06933 (normal approx.)
    ef = pdca.effect_check(one_action(), sleep_series(), window=None).iloc[0]
    assert (ef["n_before"], ef["n_after"]) == (10, 10)
    assert ef["mean_before"] == pytest.approx(0.75) and ef["mean_after"] == pytest.approx(2.33)
    assert ef["diff"] == pytest.approx(1.58)
    assert ef["t"] == pytest.approx(1.8608, abs=5e-5)
    assert ef["df"] == pytest.approx(17.776, abs=5e-4)
    assert ef["p_welch"] == pytest.approx(0.07939, abs=5e-6)
    assert ef["ci_low"] == pytest.approx(-0.2054832, abs=5e-7)
    assert ef["ci_high"] == pytest.approx(3.3654832, abs=5e-7)
    assert min(ef["u"], 100 - ef["u"]) == pytest.approx(25.5)
    assert ef["p_mannwhitney"] == pytest.approx(0.06933, abs=5e-6)
    # not significant at 5 %: suggested 0 although the recorded value is 100
    assert not ef["improved"]
    assert ef["suggested"] == 0 and ef["recorded"] == 100 and not ef["agrees"]


@pytest.mark.parametrize("shift, target, actual, expected", [
    (-20, 30.0, 25.0, 100),     # significant improvement, target met
    (-20, 30.0, 35.0, 50),      # significant improvement, target missed
    (0, 30.0, 25.0, 0),         # no significant change
    (20, 30.0, 25.0, 0),        # significant change the wrong way
])
def test_suggested_effectiveness_rule(shift, target, actual, expected):
    rng = np.random.default_rng(7)
    values = np.r_[45 + rng.normal(0, 1, 8), 45 + shift + rng.normal(0, 1, 8)]
    ser = pd.DataFrame({"period": pd.date_range("2025-01-06", periods=16, freq="W-MON"),
                        "kpi": "frt", "value": values})
    act = one_action(kpi="frt", direction="lower", target=target, actual=actual, start="2025-03-03")
    assert pdca.effect_check(act, ser).loc[0, "suggested"] == expected


def test_effect_check_window_and_missing_data_notes():
    ser = sleep_series()
    ef = pdca.effect_check(one_action(), ser, window=3).iloc[0]
    assert (ef["n_before"], ef["n_after"]) == (3, 3)
    assert ef["mean_before"] == pytest.approx(np.mean(SLEEP1[-3:]))
    acts = pd.concat([one_action(action_id="A2", kpi=None), one_action(action_id="A3", kpi="nps")])
    ef = pdca.effect_check(acts, ser).set_index("action_id")
    assert ef.loc["A2", "note"] == "no KPI" and pd.isna(ef.loc["A2", "suggested"])
    assert ef.loc["A3", "note"] == "KPI NPS not in the data"


def test_effect_check_actual_blank_uses_after_mean_and_split_done():
    ef = pdca.effect_check(one_action(), sleep_series(), window=None, split="done").iloc[0]
    assert ef["split_date"] == pd.Timestamp("2025-04-30")
    assert ef["actual_used"] == pytest.approx(ef["mean_after"])


def test_non_numeric_kpi_values_and_bad_split():
    ser = sleep_series().astype({"value": object})
    ser.loc[4, "value"] = "3,5 h"
    with pytest.raises(DataValidationError, match=r"non-numeric KPI values in rows 4 \(e.g. '3,5 h'\)"):
        pdca.effect_check(one_action(), ser)
    with pytest.raises(DataValidationError, match=r"The value for `split` must be one of \['start', 'done'\], but 'end' was passed"):
        pdca.effect_check(one_action(), sleep_series(), split="end")
    with pytest.raises(DataValidationError, match=r"'actual' holds non-numeric values for actions A1"):
        pdca.effect_check(one_action(actual="twenty"), sleep_series())


# ---- cycles -------------------------------------------------------------------------------
def test_next_cycle_decisions():
    acts = pd.DataFrame({
        "action_id": ["E1", "E2", "E3", "E4", "E5", "E6"],
        "action": ["routing", "training", "template", "kb update", "callback", "coaching"],
        "status": ["done", "done", "done", "done", "cancelled", "in_progress"],
        "kpi": ["frt", "fcr", "frt", None, None, "frt"],
        "effectiveness": [100, 50, 0, np.nan, np.nan, np.nan],
        "cycle": [1, 1, 1, 1, 1, 2],
        "standardized": ["路由规范 V2", None, None, "知识管理制度", None, None],
    })
    nc = pdca.next_cycle(acts).set_index("action_id")
    assert nc["decision"].to_dict() == {"E1": "standardise", "E2": "next_cycle", "E3": "next_cycle",
                                        "E4": "standardise", "E5": "next_cycle", "E6": "continue"}
    assert nc.loc["E1", "standardization"] == "路由规范 V2" and pd.isna(nc.loc["E1", "next_cycle"])
    assert nc.loc["E2", "next_cycle"] == 2 and nc.loc["E6", "next_cycle"] == 2
    assert list(pdca.next_cycle(acts, cycle=2)["action_id"]) == ["E6"]


def test_next_cycle_evidence_overrides_record_unless_asked():
    acts = pd.DataFrame({"action_id": ["E1"], "status": ["done"], "kpi": ["frt"],
                         "effectiveness": [100.0], "cycle": [1], "standardized": [None]})
    effects = pd.DataFrame({"action_id": ["E1"], "suggested": pd.array([0], dtype="Int64")})
    assert pdca.next_cycle(acts, effects).loc[0, "decision"] == "next_cycle"
    assert pdca.next_cycle(acts, effects, basis="recorded").loc[0, "decision"] == "standardise"
    with pytest.raises(DataValidationError, match=r"The value for `basis` must be one of"):
        pdca.next_cycle(acts, basis="gut")


# ---- split chart and phase summary ---------------------------------------------------------
def weekly_frt():
    rng = np.random.default_rng(3)
    periods = pd.date_range("2025-01-06", periods=52, freq="W-MON")
    values = np.where(periods < "2025-07-01", 45, 20) + rng.normal(0, 2, 52)
    return pd.DataFrame({"period": periods, "kpi": "frt_median_min", "value": values})


def test_split_chart_phase_and_staged():
    ser = weekly_frt()
    cc = pdca.split_chart(ser, kpi="frt_median_min", date="2025-07-01")
    assert (cc["phase"] == "I").sum() == 26 and (cc["phase"] == "II").sum() == 26
    summary = spc.phase_summary(cc, direction="lower").iloc[0]
    assert summary["sustained"] and summary["better"] and summary["pct_beyond"] == 100.0
    assert summary["longest_run"] == 26
    staged = pdca.split_chart(ser, kpi="frt_median_min", date="2025-07-01", mode="staged")
    assert staged["stage"].nunique() == 2
    assert staged["center"].iloc[-1] == pytest.approx(ser["value"].iloc[26:].mean())
    with pytest.raises(DataValidationError, match=r"no values for kpi 'nps'"):
        pdca.split_chart(ser, kpi="nps", date="2025-07-01")
    with pytest.raises(DataValidationError, match=r"leaves 0 periods before"):
        pdca.split_chart(ser, kpi="frt_median_min", date="2024-07-01")


def test_phase_summary_of_an_unshifted_process():
    rng = np.random.default_rng(5)
    df = pd.DataFrame({"x": 45 + rng.normal(0, 2, 40)})
    cc = spc.control_chart(df, value="x", chart="i", phase1=20)
    s = spc.phase_summary(cc, direction="lower").iloc[0]
    assert not s["sustained"] and s["longest_run"] < 8


# ---- charts (looked at as PNG during development; here: they draw what the tables hold) ---
def test_charts_draw_the_tables():
    st = pdca.action_status(register(), as_of=AS_OF)
    ax = pdca.gantt_chart(st, lang="en")
    assert len(ax.get_yticklabels()) == 8 and ax.get_title() == "Action Gantt chart"
    ax = pdca.progress_chart(pdca.action_progress(register()), lang="zh")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["计划 Plan", "执行 Do", "检查 Check", "处理 Act"]
    ef = pdca.effect_check(one_action(), sleep_series(), window=None)
    ax = pdca.effect_chart(ef, lang="en")
    assert len(ax.get_yticklabels()) == 1
    cc = pdca.split_chart(weekly_frt(), kpi="frt_median_min", date="2025-07-01")
    ax = spc.control_chart_plot(cc, lang="en")
    red = [c for c in ax.collections if c.get_offsets().shape[0] == cc["rule"].notna().sum()]
    numbers = [t for t in ax.texts if t.get_gid() == "rule_label"]
    assert red and 1 <= len(numbers) <= cc["rule"].notna().sum()  # one number per run of a rule
    rc = spc.run_chart(weekly_frt(), value="value", label="period")
    ax = spc.run_chart_plot(rc, lang="zh")
    assert "非随机" in ax.texts[0].get_text()


# ---- registers and KPI data as real tools export them (issue 10) ---------------------------
def weekly_series(kpis_values: dict[str, list[float]]) -> pd.DataFrame:
    periods = pd.date_range("2025-05-05", periods=6, freq="W-MON")
    parts = [pd.DataFrame({"period": periods[: len(v)], "kpi": k, "value": v}) for k, v in kpis_values.items()]
    return pd.concat(parts, ignore_index=True)


def test_the_kpi_followed_falls_back_to_the_one_the_actions_name():
    series = weekly_series({"resolution_median_h": [10, 11, 9, 8, 7, 6], "fcr_pct": [70, 71, 72, 75, 76, 78]})
    actions = register(kpi=["fcr_pct"] * 5 + ["resolution_median_h"] * 3)
    pick = pdca.follow_kpi(series, "frt_median_min", actions=actions, lang="en").iloc[0]
    assert pick["kpi"] == "fcr_pct" and pick["fallback"] and pick["direction"] == "higher"
    assert pick["note"] == ("Neither the ticket log nor `kpi_values` holds values of Median first response (min): the "
                            "control chart and the before/after test follow First-contact resolution (%) instead "
                            "(the KPI most actions name).")
    # no action names a KPI with data: the first of the fallback order
    assert pdca.follow_kpi(series, "frt_median_min").iloc[0]["kpi"] == "resolution_median_h"
    # a KPI supplied in kpi_values: its direction comes from kpi_targets, its name from the glossary
    other = weekly_series({"complaint_rate_per_10k": [400, 410, 390, 300, 280, 290]})
    targets = pd.DataFrame({"kpi": ["complaint_rate_per_10k"], "target": [300], "direction": ["lower"]})
    pick = pdca.follow_kpi(other, "frt_median_min", targets=targets, lang="zh").iloc[0]
    assert pick["direction"] == "lower" and "投诉率（件/万单）" in pick["note"]
    assert pdca.follow_kpi(other, "frt_median_min").iloc[0]["direction"] is None     # nobody says which way is better
    none = pdca.follow_kpi(other.iloc[:0], "frt_median_min", lang="en").iloc[0]
    assert none["kpi"] is None and "or of any other KPI" in none["note"]
    assert pdca.follow_kpi(series, "fcr_pct").iloc[0]["note"] == ""


def test_split_readiness_counts_the_periods_on_each_side():
    series = weekly_series({"fcr_pct": [70, 71, 72, 75, 76, 78]})        # 5 May ... 9 June
    ready = pdca.split_readiness(series, kpi="fcr_pct", date="2025-06-02", lang="en").iloc[0]
    assert (ready["n_before"], ready["n_after"]) == (4, 2) and ready["chart"] and ready["test"] and ready["staged"]
    late = pdca.split_readiness(series, kpi="fcr_pct", date="2025-06-09", lang="en").iloc[0]
    assert late["chart"] and not late["test"] and not late["staged"]
    assert late["test_note"].startswith("Too few periods on one side of the split (5 before, 1 after)")
    after = pdca.split_readiness(series, kpi="fcr_pct", date="2025-07-01", lang="zh").iloc[0]
    assert not after["chart"] and after["chart_note"].startswith("控制图已跳过：分界日 2025-07-01 之前有 6 期")
    assert pdca.split_readiness(series, kpi=None, date="2025-06-02").iloc[0]["chart_note"] == ""


def test_a_register_without_owner_or_phase():
    reg = register().drop(columns=["owner", "phase"])
    st = pdca.action_status(reg, as_of=AS_OF)
    assert pdca.status_view(st) == ["action_id", "action", "status", "due", "done_date", "overdue", "days_late",
                                    "due_soon"]
    assert pdca.overdue_list(st, lang="en") == "T1 due yesterday ((blank), 1 days late)"
    assert pdca.overdue_list(pdca.action_status(register(), as_of=AS_OF), lang="zh") == "T1 due yesterday（甲，逾期 1 天）"
    assert pdca.action_progress(reg)["phase"].tolist() == ["Plan", "Do", "Check", "Act", BLANK]
    assert pdca.owner_workload(reg, as_of=AS_OF)["owner"].tolist() == [BLANK]
    assert pdca.overdue_list(st[~st["overdue"]]) == ""


def test_progress_chart_names_the_blank_phase():
    ax = pdca.progress_chart(pdca.action_progress(register(phase=["Do"] * 4 + [None] * 4)), lang="zh")
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "(未填写)"
