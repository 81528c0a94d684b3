"""The synthetic sample workbook: determinism, sizes, columns, formats and the story of docs/SAMPLE.md.

The story checks use plain pandas/scipy on the written files (not sqmkit's analysis functions), so
they test the data, not the analyses.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from scipy import stats

from sqmkit import sample
from sqmkit.sample import write_sample

N = 3000
TS = ["created_at", "first_response_at", "resolved_at"]
COLUMNS = {
    "tickets": sample.TICKET_COLUMNS,
    "survey": ["respondent_id", "date", "channel", "segment", "overall", "nps"]
              + [f"p{i:02d}" for i in range(1, 23)] + [f"e{i:02d}" for i in range(1, 23)] + ["comment"],
    "needs": ["need_id", "need", "category", "source", "segment", "mentions"],
    "needs_ratings": ["respondent_id", "need_id", "importance", "performance"],
    "kano": ["respondent_id", "need_id", "functional", "dysfunctional", "segment"],
    "complaints": ["record_id", "date", "category", "subcategory", "channel", "severity", "cost"],
    "problems": ["problem_id", "statement", "kpi", "baseline", "target", "owner", "deadline"],
    "causes": ["problem_id", "cause_id", "category", "cause", "parent_id", "votes", "verified", "evidence"],
    "whys": ["problem_id", "chain_id", "step", "why", "because", "evidence", "root_cause", "cause_id"],
    "actions": ["action_id", "problem_id", "cause_id", "action", "owner", "phase", "status", "start", "due",
                "done_date", "kpi", "baseline", "target", "actual", "direction", "effectiveness", "cycle",
                "standardized"],
    "kpi_targets": ["kpi", "target", "direction", "unit", "level", "owner", "frequency", "weight"],
    "kpi_values": ["period", "kpi", "value", "unit"],
}


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    base = tmp_path_factory.mktemp("sample")
    return {key: write_sample(base / key, tickets=N, seed=seed)
            for key, seed in (("a", 2025), ("b", 2025), ("c", 7))}


def read(book: Path, name: str) -> pd.DataFrame:
    data = book / "data"
    if name == "complaints":
        df = pd.read_csv(data / "complaints.csv", encoding="gbk")
        return df.rename(columns={v: k for k, v in sample.COMPLAINT_HEADERS_ZH.items()})
    if name == "needs":
        return pd.read_excel(data / "needs.xlsx")
    df = pd.read_csv(data / f"{name}.csv", keep_default_na=False, na_values=[""])
    if name == "tickets":
        for col in TS:
            df[col] = pd.to_datetime(df[col], format="%Y-%m-%d %H:%M:%S")
    return df


@pytest.fixture(scope="module")
def t(books):
    return {name: read(books["a"], name) for name in COLUMNS}


def test_same_seed_gives_identical_files(books):
    files_a = sorted(p.relative_to(books["a"]) for p in books["a"].rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(books["b"]) for p in books["b"].rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (books["a"] / rel).read_bytes() == (books["b"] / rel).read_bytes(), rel


def test_other_seed_gives_other_data(books):
    a = (books["a"] / "data" / "tickets.csv").read_bytes()
    c = (books["c"] / "data" / "tickets.csv").read_bytes()
    assert a != c


def test_every_table_present_with_its_columns(books, t):
    names = {p.stem for p in (books["a"] / "data").iterdir()}
    assert names == set(COLUMNS)
    for name, cols in COLUMNS.items():
        assert list(t[name].columns) == cols, name


def test_sizes(t):
    assert len(t["tickets"]) == N
    assert len(t["survey"]) == 600
    assert len(t["needs"]) == 15
    assert len(t["needs_ratings"]) == len(t["kano"]) == 300 * 15
    assert len(t["complaints"]) == 120
    assert len(t["actions"]) == 20
    assert len(t["kpi_values"]) == 24
    assert sample.build_tables(tickets=50_000)["survey"].shape[0] == 3000


def test_complaints_are_gbk_with_chinese_headers(books):
    raw = (books["a"] / "data" / "complaints.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert raw.decode("gbk").splitlines()[0] == "投诉编号,日期,类别,子类别,渠道,严重程度,成本"


def test_config(books):
    cfg = yaml.safe_load((books["a"] / "sqmkit.yaml").read_text(encoding="utf-8"))
    assert cfg["client"] == "星海电信客服中心" and cfg["lang"] == "zh"
    assert str(cfg["as_of"]) == "2025-12-20" and str(cfg["intervention_date"]) == "2025-07-01"
    assert cfg["sla_hours"] == {"P1": 4, "P2": 24, "P3": 72}
    assert cfg["parameters"] == {}
    items = cfg["survey"]["items"]
    assert list(items) == [f"p{i:02d}" for i in range(1, 23)]
    dims = [items[f"p{i:02d}"]["dimension"] for i in range(1, 23)]
    # Parasuraman, Zeithaml & Berry (1988): tangibles 1-4, reliability 5-9, responsiveness 10-13,
    # assurance 14-17, empathy 18-22
    assert dims == ["tangibles"] * 4 + ["reliability"] * 5 + ["responsiveness"] * 4 + ["assurance"] * 4 + ["empathy"] * 5
    assert all(items[f"p{i:02d}"]["expectation"] == f"e{i:02d}" for i in range(1, 23))
    assert sum(cfg["survey"]["dimension_weights"].values()) == pytest.approx(1.0)


def test_ticket_rules(t):
    tk = t["tickets"]
    assert tk["ticket_id"].is_unique
    assert set(tk["channel"]) == set(sample.CHANNELS) and set(tk["team"]) == set(sample.TEAMS)
    assert set(tk["category"]) == set(sample.CATEGORIES) and set(tk["priority"]) == {"P1", "P2", "P3"}
    assert tk["created_at"].between("2025-01-01", "2026-01-01").all()
    assert (tk["first_response_at"].dropna() >= tk.loc[tk["first_response_at"].notna(), "created_at"]).all()
    both = tk["first_response_at"].notna() & tk["resolved_at"].notna()
    assert (tk.loc[both, "resolved_at"] >= tk.loc[both, "first_response_at"]).all()
    assert tk["contacts"].between(1, 4).all()
    assert set(tk["escalated"]) <= {0, 1} and set(tk["reopened"]) <= {0, 1}
    assert 0.01 < tk["first_response_at"].isna().mean() < 0.03
    open_ = tk["resolved_at"].isna()
    assert 0.025 < open_.mean() < 0.06
    assert open_[tk["created_at"].dt.month == 12].mean() > 2 * open_[tk["created_at"].dt.month < 12].mean()
    assert 0.06 < tk["escalated"].mean() < 0.10 and 0.035 < tk["reopened"].mean() < 0.065
    srt = tk.sort_values("created_at")
    gap = srt.groupby(["customer_id", "category"])["created_at"].diff()
    assert 0.07 < (gap <= pd.Timedelta(days=7)).mean() < 0.13


def test_story_first_response_falls_after_the_actions(t):
    tk = t["tickets"]
    frt = (tk["first_response_at"] - tk["created_at"]).dt.total_seconds() / 60
    h1 = frt[tk["created_at"] < "2025-07-01"].median()
    h2 = frt[tk["created_at"] >= "2025-07-15"].median()
    assert h1 == pytest.approx(45, abs=3)
    assert h2 == pytest.approx(20, abs=3)
    # the evening peak (19-21 h) is slow before shift planning, not after
    hour = tk["created_at"].dt.hour
    before = tk["created_at"] < "2025-06-01"
    eve, day = hour.between(19, 21), hour.between(9, 17)
    assert frt[before & eve].median() > 1.4 * frt[before & day].median()
    assert frt[(tk["created_at"] >= "2025-08-01") & eve].median() < 1.2 * frt[(tk["created_at"] >= "2025-08-01") & day].median()


def test_story_lagging_team(t):
    tk = t["tickets"]
    frt = (tk["first_response_at"] - tk["created_at"]).dt.total_seconds() / 60
    for half in (tk["created_at"] < "2025-07-01", tk["created_at"] >= "2025-07-01"):
        by_team = frt[half].groupby(tk["team"]).median()
        assert by_team.idxmax() == "华南组"
        assert by_team["华南组"] > 1.2 * by_team.drop("华南组").median()


def test_story_fcr_rises(t):
    tk = t["tickets"][t["tickets"]["resolved_at"].notna()]
    fcr = tk["contacts"] == 1
    assert fcr[tk["created_at"] < "2025-07-01"].mean() == pytest.approx(0.70, abs=0.03)
    assert fcr[tk["created_at"] >= "2025-08-01"].mean() == pytest.approx(0.78, abs=0.03)


def test_story_satisfaction_higher_in_second_half(t):
    sv = t["survey"]
    h1 = pd.to_datetime(sv["date"]) < "2025-07-01"
    assert sv["overall"].between(1, 5).all() and sv["nps"].between(0, 10).all()
    assert stats.mannwhitneyu(sv.loc[~h1, "overall"], sv.loc[h1, "overall"], alternative="greater").pvalue < 0.01
    assert stats.mannwhitneyu(sv.loc[~h1, "nps"], sv.loc[h1, "nps"], alternative="greater").pvalue < 0.01


def test_story_responsiveness_has_the_largest_servqual_gap(t):
    sv = t["survey"]
    items = {"tangibles": range(1, 5), "reliability": range(5, 10), "responsiveness": range(10, 14),
             "assurance": range(14, 18), "empathy": range(18, 23)}
    h1 = pd.to_datetime(sv["date"]) < "2025-07-01"
    for half in (h1, ~h1):
        gap = pd.Series({d: (sv.loc[half, [f"p{i:02d}" for i in r]].to_numpy()
                             - sv.loc[half, [f"e{i:02d}" for i in r]].to_numpy()).mean() for d, r in items.items()})
        assert list(gap.sort_values().index[:2]) == ["responsiveness", "reliability"]
    values = sv[[f"p{i:02d}" for i in range(1, 23)] + [f"e{i:02d}" for i in range(1, 23)]]
    assert values.min().min() >= 1 and values.max().max() <= 7


def test_story_comments(t):
    c = t["survey"]["comment"].fillna("")
    assert (c.str.contains("<script>alert(1)</script>", regex=False)).sum() == 1
    pii = c.str.contains(r"1[358]\d{9}|@|\d{17}[\dX]", regex=True)
    assert 0.02 < pii.mean() < 0.08
    assert c.str.contains(r"^[A-Za-z]", regex=True).sum() >= 3
    low = t["survey"]["overall"] <= 2
    english = c.str.contains(r"^[A-Za-z]", regex=True)
    negative = c.str.contains("不满意|没有解决|没解决|不及时|等待|等了|等得|排队|打不通|打不进|太慢|没人|态度差|冷淡|不耐烦|"
                              "敷衍|不专业|不熟悉|没有回电|没给|没有兑现|不舒服")
    assert negative[low & (c != "") & ~english].mean() > 0.9
    assert negative[(t["survey"]["overall"] == 5) & (c != "")].mean() < 0.1


def test_story_needs_and_kano(t):
    r = t["needs_ratings"].groupby("need_id")[["importance", "performance"]].mean()
    assert r["importance"].idxmax() == "N01"
    assert r.loc["N01", "performance"] < r["performance"].mean()  # IPA: concentrate here
    assert t["needs"].set_index("need_id").loc["N01", "need"] == "响应速度快"
    kano = t["kano"]
    assert kano[["functional", "dysfunctional"]].isin([1, 2, 3, 4, 5]).all().all()
    # Berger et al. (1993) evaluation table: M = functional 2-4 with dysfunctional 5
    n01 = kano[kano["need_id"] == "N01"]
    must_be = n01["functional"].between(2, 4) & (n01["dysfunctional"] == 5)
    assert must_be.mean() > 0.5


def test_story_complaints_pareto(t):
    share = t["complaints"]["category"].value_counts(normalize=True)
    assert list(share.index[:3]) == ["等待时间长", "问题未解决", "服务态度差"]
    assert share.iloc[:3].sum() == pytest.approx(0.80, abs=0.02)
    assert share.iloc[:2].sum() < 0.80 <= share.iloc[:3].sum()
    assert 7 <= share.size <= 9
    assert t["complaints"]["severity"].between(1, 3).all() and (t["complaints"]["cost"] > 0).all()


def test_story_root_causes_and_actions(t):
    causes, whys, actions = t["causes"], t["whys"], t["actions"]
    assert set(causes["category"]) == set("人机料法环测")
    parents = causes.set_index("cause_id")["parent_id"].fillna("")
    depth = {c: 1 + (0 if not p else 1 + (1 if parents.get(p, "") else 0)) for c, p in parents.items()}
    assert max(depth.values()) == 3
    verified = set(causes.loc[causes["verified"] == 1, "cause"])
    assert verified == {"路由不按技能分配", "排班与来电高峰不匹配", "知识库检索困难"}
    roots = whys[whys["root_cause"] == 1]
    assert list(roots["chain_id"]) == ["C1", "C2", "C3"]
    assert set(roots["because"]) == verified
    assert whys.groupby("chain_id")["step"].max().between(4, 5).all()
    linked = causes.set_index("cause_id").loc[roots["cause_id"]]
    assert (linked["verified"] == 1).all()
    a = actions.set_index("action_id")
    assert a.loc[["A01", "A02", "A03"], "start"].tolist() == ["2025-06-01", "2025-06-15", "2025-07-01"]
    assert (a.loc[["A01", "A02", "A03"], "status"] == "done").all()
    assert (a.loc[["A01", "A02", "A03"], "effectiveness"] == 100).all()
    assert a.loc[["A01", "A02", "A03"], "standardized"].notna().all()
    assert (a.loc[["A01", "A02", "A03"], "actual"] < a.loc[["A01", "A02", "A03"], "target"]).all()
    assert (a.loc[["A01", "A02", "A03"], "direction"] == "lower").all()
    assert set(actions["status"]) <= {"open", "in_progress", "blocked", "done", "cancelled"}
    assert set(actions["phase"]) <= {"Plan", "Do", "Check", "Act"}
    assert set(actions["direction"].dropna()) <= {"lower", "higher"}
    assert set(actions["cycle"]) == {1, 2}
    assert set(actions["effectiveness"].dropna()) <= {0, 50, 100}
    assert (actions["effectiveness"] == 0).sum() >= 2  # not effective: cycle 2 takes them up
    assert actions.loc[actions["status"] != "done", "effectiveness"].isna().all()
    open_ = ~actions["status"].isin(["done", "cancelled"])
    overdue = open_ & (pd.to_datetime(actions["due"]) < "2025-12-20")
    assert 3 <= overdue.sum() <= 6


def test_kpi_tables(t):
    kt = t["kpi_targets"].set_index("kpi")
    assert kt["weight"].sum() == pytest.approx(1.0)
    assert kt.loc["frt_median_min", "target"] == 30 and kt.loc["frt_median_min", "direction"] == "lower"
    assert kt.loc["fcr_pct", "target"] == 75 and set(kt["level"]) == {"centre", "team"}
    kv = t["kpi_values"]
    assert set(kv["kpi"]) == {"complaint_rate_per_10k", "agent_attrition_pct"}
    assert kv.groupby("kpi")["period"].apply(list).map(len).eq(12).all()


def test_parquet_tickets_hold_the_same_log(tmp_path, t):
    pytest.importorskip("pyarrow")
    book = write_sample(tmp_path, tickets=N, ticket_format="parquet")
    assert not (book / "data" / "tickets.csv").exists()
    pq = pd.read_parquet(book / "data" / "tickets.parquet")
    assert list(pq.columns) == sample.TICKET_COLUMNS
    for col in TS:
        assert (pd.to_datetime(pq[col]).astype("datetime64[s]").equals(t["tickets"][col].astype("datetime64[s]")))
    assert pq["team"].astype(str).tolist() == t["tickets"]["team"].tolist()


def test_build_tickets_matches_the_file(t):
    df = sample.build_tickets(N, 2025)
    assert df["ticket_id"].tolist() == t["tickets"]["ticket_id"].tolist()
    assert df["created_at"].astype("datetime64[s]").equals(t["tickets"]["created_at"].astype("datetime64[s]"))


@pytest.mark.parametrize("kwargs, match", [
    ({"ticket_format": "xlsx"}, re.escape("The value for `ticket_format` must be one of ['csv', 'parquet'], but 'xlsx' was passed.")),
    ({"tickets": 0}, re.escape("The value for `tickets` must be a positive integer, but 0 was passed.")),
    ({"tickets": 2.5}, re.escape("The value for `tickets` must be a positive integer, but 2.5 was passed.")),
])
def test_bad_arguments(tmp_path, kwargs, match):
    with pytest.raises(ValueError, match=match):
        write_sample(tmp_path, **kwargs)
    assert not (tmp_path / "data").exists()
