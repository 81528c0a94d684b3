"""Tests of the SPC side of sqmkit.kpis: kpi_counts, resolution_hours / resolution_capability, proportion_chart,
team_funnel, the findings sentences they feed and resolution_capability_plot.

Every expected number is counted by hand from the small logs below (the working is written next to them), or is
a published value (qicharts2's NHS A&E example, Case 5 of its vignette).
"""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from sqmkit import kpis, spc  # noqa: E402
from sqmkit.exceptions import DataValidationError  # noqa: E402

SLA = {"P1": 4, "P2": 24}
W1, W2 = pd.Timestamp("2025-01-06"), pd.Timestamp("2025-01-13")   # two Mondays


def week_log() -> pd.DataFrame:
    """Eight tickets over two weeks and two teams (resolution h / SLA of the priority / contacts / esc / reo):

    week 1  A1 A P1  3 h ≤ 4 met     contacts 1   -   -
            A2 A P1  5 h > 4 missed  contacts 2   esc -
            A3 A P2  open            contacts —   -   reo
            B1 B P2 24 h ≤ 24 met    contacts 1   -   -
            B2 B P2 30 h > 24 missed contacts —   esc reo
    week 2  A4 A P2 10 h ≤ 24 met    contacts 1   -   -
            B3 B P1 4.5 h > 4 missed contacts 3   -   -
            B4 B P1  open            contacts 1   esc -
    """
    rows = [("A1", "2025-01-06 09:00", 3.0, "A", "P1", 1, False, False),
            ("A2", "2025-01-07 09:00", 5.0, "A", "P1", 2, True, False),
            ("A3", "2025-01-08 09:00", None, "A", "P2", None, False, True),
            ("B1", "2025-01-06 10:00", 24.0, "B", "P2", 1, False, False),
            ("B2", "2025-01-09 10:00", 30.0, "B", "P2", None, True, True),
            ("A4", "2025-01-13 09:00", 10.0, "A", "P2", 1, False, False),
            ("B3", "2025-01-14 09:00", 4.5, "B", "P1", 3, False, False),
            ("B4", "2025-01-15 09:00", None, "B", "P1", 1, True, False)]
    df = pd.DataFrame(rows, columns=["ticket_id", "created_at", "hours", "team", "priority", "contacts",
                                     "escalated", "reopened"])
    df["created_at"] = pd.to_datetime(df["created_at"])
    df["resolved_at"] = df["created_at"] + pd.to_timedelta(df.pop("hours"), unit="h")
    df["contacts"] = df["contacts"].astype("float64")
    return df


# (events, size) counted by hand from week_log, with sla=SLA (open tickets are in neither SLA nor FCR size)
BY_WEEK = {"sla_met_pct": {W1: (2, 4), W2: (1, 2)},       # W1 A1 B1 of A1 A2 B1 B2; W2 A4 of A4 B3
           "fcr_pct": {W1: (2, 3), W2: (1, 2)},           # W1 A1 B1 of A1 A2 B1 (B2 contacts blank); W2 A4 of A4 B3
           "escalated_pct": {W1: (2, 5), W2: (1, 3)},     # W1 A2 B2; W2 B4
           "reopened_pct": {W1: (2, 5), W2: (0, 3)}}      # W1 A3 B2
BY_TEAM = {"sla_met_pct": {"A": (2, 3), "B": (1, 3)},     # A1 A4 of A1 A2 A4; B1 of B1 B2 B3
           "fcr_pct": {"A": (2, 3), "B": (1, 2)},         # A1 A4 of A1 A2 A4; B1 of B1 B3
           "escalated_pct": {"A": (1, 4), "B": (2, 4)},
           "reopened_pct": {"A": (1, 4), "B": (1, 4)}}


def as_counts(table: pd.DataFrame, key: str) -> dict:
    return {k: (e, s) for k, e, s in zip(table[key], table["events"], table["size"])}


# ------------------------------------------------------------------------------------------- kpi_counts
@pytest.mark.parametrize("kpi", list(BY_WEEK))
def test_kpi_counts_per_week_are_the_hand_counts_and_the_kpi_of_ticket_kpis(kpi):
    log = week_log()
    counts = kpis.kpi_counts(log, kpi=kpi, freq="W", sla=SLA)
    assert as_counts(counts, "period") == BY_WEEK[kpi]
    weekly = kpis.ticket_kpis(log, freq="W", sla=SLA)
    np.testing.assert_allclose(counts[kpi].to_numpy(), weekly[kpi].to_numpy())


@pytest.mark.parametrize("kpi", list(BY_TEAM))
def test_kpi_counts_per_team_from_a_held_log_are_the_hand_counts(kpi):
    with kpis.TicketLog(week_log()) as log:
        counts = kpis.kpi_counts(log, kpi=kpi, by="team", sla=SLA)
        teams = kpis.ticket_kpis(log, by="team", sla=SLA)
    assert as_counts(counts, "team") == BY_TEAM[kpi]
    np.testing.assert_allclose(counts[kpi].to_numpy(), teams[kpi].to_numpy())


def test_kpi_counts_with_one_sla_number():
    # sla 24 h for all: W1 A1 3, A2 5, B1 24 met, B2 30 missed; W2 A4 10, B3 4.5 met
    counts = kpis.kpi_counts(week_log(), kpi="sla_met_pct", freq="W", sla=24)
    assert as_counts(counts, "period") == {W1: (3, 4), W2: (2, 2)}
    assert counts["sla_met_pct"].tolist() == [75.0, 100.0]


def test_kpi_counts_rejects_an_unknown_kpi():
    with pytest.raises(DataValidationError, match="The value for `kpi` must be one of"):
        kpis.kpi_counts(week_log(), kpi="frt_mean_min", sla=SLA)


# ------------------------------------------------------------------------ resolution_hours / capability
P1_HOURS = [1, 2, 2, 3, 3, 3, 4, 5, 8, 12]   # SLA 4 h: 5, 8, 12 beyond it = 30 %
P2_HOURS = [2, 30, 5]                        # SLA 24 h: 30 beyond it


def skewed_log() -> pd.DataFrame:
    """Ten resolved P1 tickets, three resolved P2 tickets and one open P1 ticket (not counted)."""
    hours = P1_HOURS + P2_HOURS + [None]
    created = pd.Timestamp("2025-03-03 08:00") + pd.to_timedelta(np.arange(len(hours)) * 5, unit="h")
    return pd.DataFrame({"created_at": created,
                         "resolved_at": created + pd.to_timedelta(pd.Series(hours, dtype="float64"), unit="h"),
                         "priority": ["P1"] * len(P1_HOURS) + ["P2"] * len(P2_HOURS) + ["P1"]})


def test_resolution_hours_are_the_hand_hours_with_their_sla():
    hours = kpis.resolution_hours(skewed_log(), sla=SLA)
    assert len(hours) == 13                                   # the open ticket is left out
    p1 = hours[hours["priority"] == "P1"]
    assert sorted(p1["res"]) == P1_HOURS
    assert set(p1["sla_hours"]) == {4.0}
    assert "priority" not in kpis.resolution_hours(skewed_log(), sla=24).columns


def test_resolution_capability_per_priority_of_a_dict_sla():
    log = skewed_log()
    cap = kpis.resolution_capability(log, sla=SLA, min_tickets=3).set_index("priority")
    met = kpis.ticket_kpis(log, by="priority", sla=SLA).set_index("priority")["sla_met_pct"]
    assert list(cap.index) == ["P1", "P2"]
    assert cap["measure"].tolist() == ["resolution_h", "resolution_h"]
    assert cap["tickets"].tolist() == [10, 3]
    assert cap["usl"].tolist() == [4.0, 24.0]
    np.testing.assert_allclose(cap["obs_above_pct"], [30.0, 100 / 3])
    np.testing.assert_allclose(cap["obs_above_pct"], 100 - met[["P1", "P2"]])
    for name, hours in (("P1", P1_HOURS), ("P2", P2_HOURS)):
        median, q_high = np.percentile(hours, [50, 99.865])
        assert cap.loc[name, "median"] == pytest.approx(median)
        assert cap.loc[name, "q_high"] == pytest.approx(q_high)


def test_resolution_capability_leaves_out_a_priority_below_min_tickets():
    cap = kpis.resolution_capability(skewed_log(), sla=SLA, min_tickets=5)
    assert cap["priority"].tolist() == ["P1"]                 # P2 has only 3 resolved tickets


def test_resolution_capability_of_one_sla_number_is_all():
    cap = kpis.resolution_capability(skewed_log(), sla=24, min_tickets=5)
    assert cap["priority"].tolist() == ["all"]
    assert cap["tickets"].iloc[0] == 13
    assert cap["usl"].iloc[0] == 24.0
    assert cap["obs_above_pct"].iloc[0] == pytest.approx(100 / 13)   # only the 30 h ticket
    assert cap["median"].iloc[0] == pytest.approx(np.percentile(P1_HOURS + P2_HOURS, 50))


def test_resolution_capability_with_own_deadlines_measures_hours_over_due():
    log = skewed_log().dropna(subset=["resolved_at"]).reset_index(drop=True)
    due_h = np.arange(len(log), dtype=float) + 2.0            # deadlines 2, 3, …, 14 h after creation
    log["due_at"] = log["created_at"] + pd.to_timedelta(due_h, unit="h")
    cap = kpis.resolution_capability(log, sla=24, min_tickets=5)
    over = np.array(P1_HOURS + P2_HOURS, dtype=float) - due_h
    assert cap["measure"].tolist() == ["hours_over_due"]
    assert cap["usl"].iloc[0] == 0.0
    assert cap["median"].iloc[0] == pytest.approx(np.median(over))
    assert cap["obs_above_pct"].iloc[0] == pytest.approx(100 * np.mean(over > 0))


# ------------------------------------------------------------------------------------- proportion_chart
# qicharts2's nhs_accidents (r = patients seen within 4 h, n = all), the data of Case 5 of the qicharts2 vignette
# (Anhøj, "qicharts2: Quality Improvement Charts for R", CRAN vignette, "Case 5: Prime charts").
NHS_R = [266501, 264225, 276532, 281461, 269071, 261215, 270409, 279778, 270483, 270320, 267923, 271478, 255353,
         256820, 261835, 259144, 255910, 260863, 264465, 260989]
NHS_N = [280443, 276823, 291681, 296155, 282343, 275888, 283867, 295251, 284468, 282529, 279618, 283932, 266629,
         268091, 276803, 271578, 266005, 273520, 278574, 273772]
WEEKS = pd.date_range("2024-01-01", periods=20, freq="W-MON")


def nhs_counts() -> pd.DataFrame:
    return pd.DataFrame({"period": WEEKS, "events": NHS_R, "size": NHS_N})


def binomial_counts(seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"period": WEEKS, "events": rng.binomial(500, 0.9, len(WEEKS)), "size": 500})


def test_proportion_chart_chooses_laney_on_the_nhs_data():
    chart, check = kpis.proportion_chart(nhs_counts(), kpi="sla_met_pct")
    assert check["recommended"].iloc[0] == "laney_p"
    assert set(chart["chart"]) == {"laney_p"}
    # the last point's p' limits printed in qicharts2's vignette, Case 5: 93.997 and 96.582 (%)
    assert chart["lcl"].iloc[-1] == pytest.approx(93.997, abs=1e-3)
    assert chart["ucl"].iloc[-1] == pytest.approx(96.582, abs=1e-3)
    assert chart["center"].iloc[-1] == pytest.approx(100 * sum(NHS_R) / sum(NHS_N))


def test_proportion_chart_keeps_the_p_chart_on_binomial_data():
    chart, check = kpis.proportion_chart(binomial_counts(), kpi="fcr_pct")
    assert check["recommended"].iloc[0] == "p"
    assert set(chart["chart"]) == {"p"}


def test_proportion_chart_split_makes_the_weeks_before_phase_one():
    split = WEEKS[9]                                          # 9 weeks before it
    chart, check = kpis.proportion_chart(nhs_counts(), kpi="sla_met_pct", split=split)
    assert (chart["phase"] == "I").sum() == 9
    assert (chart.loc[chart["phase"] == "I", "period"] < split).all()
    assert check["points"].iloc[0] == 9                       # the check is on phase I only
    first9 = 100 * sum(NHS_R[:9]) / sum(NHS_N[:9])
    assert chart["center"].iloc[-1] == pytest.approx(first9)


# ------------------------------------------------------------------------------------------- findings
def sentence(table: pd.DataFrame, key: str) -> str:
    rows = table[table["key"] == key]
    assert len(rows) == 1, table["key"].tolist()
    return rows["sentence"].iloc[0]


def test_proportion_finding_names_laney_when_overdispersed():
    proportion = kpis.proportion_chart(nhs_counts(), kpi="sla_met_pct")
    en = sentence(kpis.findings(proportion=proportion, lang="en"), "sla_met_pct_chart_sigma_z")
    zh = sentence(kpis.findings(proportion=proportion, lang="zh"), "sla_met_pct_chart_sigma_z")
    size = f"{np.mean(NHS_N):,.0f}"
    sigma_z = f"σz = {proportion[1]['sigma_z'].iloc[0]:.2f}"
    assert "The chart below is therefore Laney's p′ chart" in en
    assert "so the chart below is the ordinary p chart" not in en
    assert "下图采用 Laney p′ 图" in zh and "采用普通 p 图" not in zh
    for text in (en, zh):
        assert size in text and sigma_z in text
    assert "16 of 20 weeks" in en                             # weeks beyond the ordinary p limits


def test_proportion_finding_names_the_p_chart_when_consistent():
    proportion = kpis.proportion_chart(binomial_counts(), kpi="fcr_pct")
    en = sentence(kpis.findings(proportion=proportion, lang="en"), "fcr_pct_chart_sigma_z")
    zh = sentence(kpis.findings(proportion=proportion, lang="zh"), "fcr_pct_chart_sigma_z")
    ratio = f"{proportion[1]['ratio'].iloc[0]:.2f}"
    assert "so the chart below is the ordinary p chart" in en
    assert "therefore Laney's p′ chart" not in en
    assert "采用普通 p 图" in zh and "下图采用 Laney p′ 图" not in zh
    assert ratio in en and ratio in zh
    assert "about 500 tickets a week" in en


def test_proportion_finding_counts_the_signals_after_the_split():
    proportion = kpis.proportion_chart(nhs_counts(), kpi="sla_met_pct", split=WEEKS[9])
    after = proportion[0][proportion[0]["phase"] == "II"]
    en = sentence(kpis.findings(proportion=proportion, lang="en"), "sla_met_pct_chart_sigma_z")
    assert f"{int(after['rule'].notna().sum())} of the 11 weeks from {WEEKS[9]:%Y-%m-%d}" in en


def test_capability_finding_says_not_capable_for_a_skewed_log():
    cap = kpis.resolution_capability(skewed_log(), sla=SLA, min_tickets=5)
    median, q_high = np.percentile(P1_HOURS, [50, 99.865])
    cpk = (4 - median) / (q_high - median)                   # percentile method, upper limit only
    assert cpk < 1
    table = kpis.findings(capability=cap, lang="en")
    assert table.loc[table["key"] == "resolution_cpk_P1", "value"].iloc[0] == pytest.approx(round(cpk, 2))
    en = sentence(table, "resolution_cpk_P1")
    zh = sentence(kpis.findings(capability=cap, lang="zh"), "resolution_cpk_P1")
    for text in (en, zh):
        assert f"Cpk = {cpk:.2f}" in text and "Cpk < 1" in text and "Cpk ≥" not in text
    assert "30.0 % were resolved beyond the SLA" in en


def test_capability_finding_says_capable_when_all_resolutions_are_far_inside():
    created = pd.Timestamp("2025-03-03 08:00") + pd.to_timedelta(np.arange(40), unit="h")
    hours = 1 + (np.arange(40) % 5) * 0.5                    # 1 … 3 h against an SLA of 72 h
    log = pd.DataFrame({"created_at": created, "resolved_at": created + pd.to_timedelta(hours, unit="h")})
    cap = kpis.resolution_capability(log, sla=72)
    median, q_high = np.percentile(hours, [50, 99.865])
    cpk = (72 - median) / (q_high - median)
    for lang in ("en", "zh"):
        text = sentence(kpis.findings(capability=cap, lang=lang), "resolution_cpk_all")
        assert f"Cpk = {cpk:.2f}" in text and "Cpk ≥ 1.33" in text and "Cpk < 1" not in text


def funnel_log(teams: dict[str, tuple[int, int]]) -> pd.DataFrame:
    """``{team: (tickets, met)}``: ``met`` tickets resolved in 1 h, the rest in 10 h, against an SLA of 4 h."""
    parts = []
    for team, (n, met) in teams.items():
        created = pd.Timestamp("2025-01-06") + pd.to_timedelta(np.arange(n) * 7, unit="min")
        hours = np.where(np.arange(n) < met, 1.0, 10.0)
        parts.append(pd.DataFrame({"created_at": created, "resolved_at": created + pd.to_timedelta(hours, unit="h"),
                                   "team": team}))
    return pd.concat(parts, ignore_index=True)


def test_funnel_finding_names_the_team_that_is_truly_worse():
    # four teams of 500 at 87 % and one of 2000 at 78 %: pooled 82.5 %; 3σ at n = 500 is ±5.1 points (87 inside),
    # at n = 2000 ±2.5 points (78 is 4.5 below: outside)
    log = funnel_log({"north": (500, 435), "south": (500, 435), "east": (500, 435), "west": (500, 435),
                      "central": (2000, 1560)})
    funnel = kpis.team_funnel(log, sla=4)
    assert funnel.loc[funnel["outside"], "unit"].tolist() == ["central"]
    table = kpis.findings(funnel=funnel, by="team", lang="en")
    assert table.loc[table["key"] == "sla_met_pct_team_outside_funnel", "value"].iloc[0] == 1
    en = sentence(table, "sla_met_pct_team_outside_funnel")
    zh = sentence(kpis.findings(funnel=funnel, by="team", lang="zh"), "sla_met_pct_team_outside_funnel")
    assert "central (78.0 %, 2,000 tickets, worse than the pooled rate)" in en
    assert "pooled 82.5 %" in en and "the other 4" in en
    assert "central（78.0 %，2,000 张，差于合并均值）" in zh
    for text in (en, zh):
        assert not any(name in text for name in ("north", "south", "east", "west"))


def test_funnel_finding_says_no_team_is_outside_when_all_are_alike():
    log = funnel_log({name: (500, 450) for name in ("north", "south", "east", "west", "central")})
    funnel = kpis.team_funnel(log, sla=4)
    assert not funnel["outside"].any()
    table = kpis.findings(funnel=funnel, by="team", lang="en")
    assert table.loc[table["key"] == "sla_met_pct_team_outside_funnel", "value"].iloc[0] == 0
    en = sentence(table, "sla_met_pct_team_outside_funnel")
    assert "All 5 teams lie inside the 3σ funnel" in en and "pooled 90.0 %" in en
    assert "worse" not in en


# ------------------------------------------------------------------------------------- empty cases, plot
@pytest.mark.parametrize("kpi", ["sla_met_pct", "fcr_pct"])
def test_team_funnel_without_sla_or_contacts_is_empty(kpi):
    log = funnel_log({"north": (50, 40), "south": (50, 45)})
    funnel = kpis.team_funnel(log, kpi=kpi)
    assert funnel.empty
    assert len(kpis.findings(funnel=funnel, by="team", lang="en")) == 0


def test_resolution_capability_plot_draws_and_returns_none_when_empty():
    log = skewed_log()
    hours = kpis.resolution_hours(log, sla=SLA)
    cap = kpis.resolution_capability(log, sla=SLA, min_tickets=3)
    fig, ax = plt.subplots()
    try:
        assert kpis.resolution_capability_plot(hours, cap, lang="en", ax=ax) is ax
        assert ax.patches                                     # the histogram's bars
        empty = kpis.resolution_capability(log, sla=SLA, min_tickets=100)
        assert empty.empty
        assert kpis.resolution_capability_plot(hours, empty, lang="en") is None
    finally:
        plt.close(fig)


# --------------------------------------------------------------------- edge cases of real exports
def test_a_share_that_is_100_percent_every_week_is_constant_not_an_error():
    # a helpdesk export whose SLA is generous: every resolved ticket met it, week after week
    counts = pd.DataFrame({"period": WEEKS[:6], "events": [15, 20, 22, 14, 15, 6], "size": [15, 20, 22, 14, 15, 6]})
    check = spc.overdispersion(counts, value="events", size="size")
    assert check["reason"].iloc[0] == "constant" and check["recommended"].iloc[0] == "p"
    assert np.isnan(check["p_value"].iloc[0]) and np.isnan(check["sigma_z"].iloc[0])
    chart, check = kpis.proportion_chart(counts, kpi="sla_met_pct", split=WEEKS[3])
    assert set(chart["chart"]) == {"p"} and (chart[["center", "lcl", "ucl"]] == 100.0).all().all()
    table = kpis.findings(proportion=(chart, check), lang="en")
    assert table["value"].isna().all()
    assert "100% in every one of the 3 weeks" in sentence(table, "sla_met_pct_chart_sigma_z")
    assert "100%" in sentence(kpis.findings(proportion=(chart, check), lang="zh"), "sla_met_pct_chart_sigma_z")
    spc.control_chart_plot(chart, title="constant", lang="en")
    plt.close("all")


@pytest.mark.parametrize("split", [WEEKS[2], WEEKS[0], WEEKS[-1] + pd.Timedelta(days=7)])
def test_a_split_leaving_fewer_than_3_weeks_before_it_or_none_after_charts_all_weeks_as_phase_one(split):
    chart, check = kpis.proportion_chart(nhs_counts(), kpi="sla_met_pct", split=split)
    assert (chart["phase"] == "I").all()
    assert check["points"].iloc[0] == len(WEEKS)             # the check and the limits use the same weeks
    en = sentence(kpis.findings(proportion=(chart, check), lang="en"), "sla_met_pct_chart_sigma_z")
    assert f"The before/after date {split:%Y-%m-%d} leaves fewer than 3 weeks before it or none after it" in en


@pytest.mark.parametrize("first_hours", [2.0, 1.0])   # all 40 alike; one quicker, the other 39 alike
def test_resolution_capability_of_identical_times_says_there_is_no_spread(first_hours):
    created = pd.Timestamp("2025-03-03") + pd.to_timedelta(np.arange(40), unit="h")
    hours = pd.to_timedelta([first_hours] + [2.0] * 39, unit="h")
    log = pd.DataFrame({"created_at": created, "resolved_at": created + hours})   # auto-closed after 2 h
    cap = kpis.resolution_capability(log, sla=4)
    assert np.isnan(cap["cpk"].iloc[0]) and cap["median"].iloc[0] == 2.0 and cap["obs_above_pct"].iloc[0] == 0.0
    table = kpis.findings(capability=cap, lang="en")
    assert table["value"].isna().all()
    en = sentence(table, "resolution_cpk_all")
    assert "percentile of resolution time are both 2.0 h" in en and "Cpk is undefined" in en and "nan" not in en
    assert "nan" not in sentence(kpis.findings(capability=cap, lang="zh"), "resolution_cpk_all")
    assert kpis.resolution_capability_plot(kpis.resolution_hours(log, sla=4), cap, lang="en") is None


def test_blank_priority_tickets_with_a_deadline_keep_their_own_row():
    log = skewed_log().dropna(subset=["resolved_at"]).reset_index(drop=True)
    log["priority"] = log["priority"].where(log.index % 2 == 0, "")      # every other priority blank
    log["due_at"] = log["created_at"] + pd.Timedelta(hours=6)
    hours = kpis.resolution_hours(log, sla=SLA)
    assert len(hours) == len(log) and (hours["priority"] == "(blank)").sum() == 6
    cap = kpis.resolution_capability(log, sla=SLA, min_tickets=2)     # P2 keeps 2 tickets
    assert "(blank)" in cap["priority"].tolist() and cap["tickets"].sum() == len(log)
    zh = kpis.findings(capability=cap, lang="zh")
    assert zh["sentence"].str.contains("未填写").any()


@pytest.mark.parametrize("call", [lambda log: kpis.kpi_counts(log, kpi="fcr_pct", by="site"),
                                  lambda log: kpis.team_funnel(log, kpi="fcr_pct", by="site")])
def test_a_grouping_column_the_log_lacks_is_named(call):
    with pytest.raises(DataValidationError, match="site"):
        call(week_log())
