"""health.findings on the sample and on counterfactual variants of it, in both languages (issue 12).

Variants are built in-process from the sample's tables: one ticket breaking two rules, double-entered tickets,
a clean workbook, an empty workbook, a workbook with one table, a log that ends long before as_of, a stricter
completeness threshold. No papermill here.
"""
from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from sqmkit import health, io, schemas
from sqmkit.exceptions import DataValidationError

#: Method names and identifiers a Chinese sentence may hold: table and column names, ids, config keys.
METHOD_NAMES = {"KPI", "SLA", "FCR", "NPS", "CSV", "XLSX", "sqmkit", "validate", "yaml", "as_of", "period", "data",
                "new"}


@pytest.fixture(scope="module")
def sample():
    return io.load_workbook("")


def _tables_findings(tables, config, lang, **options):
    kw = dict(overview=health.tables_overview(tables), coverage=health.date_coverage(tables),
              filled=health.completeness(tables), violations=health.rule_violations(tables, config=config, lang=lang),
              flagged=health.flagged_rows(tables, config=config), dups=health.duplicates(tables), config=config,
              lang=lang)
    kw.update(options)
    figures = health.findings(**kw)
    kw.pop("coverage"), kw.pop("flagged")
    fixes = health.findings(**kw, fixes=True)
    return figures.set_index("key"), fixes


def _english_words(sentence: str, tables) -> list[str]:
    """English words of a Chinese sentence other than method names, table and column names and ids."""
    allowed = set(METHOD_NAMES) | set(schemas.table_names())
    for frame in tables.values():
        allowed |= {str(c) for c in frame.columns}
    sentence = re.sub(r"\b\d\d_[a-z_]+", "", sentence)  # notebook names (00_data_health …)
    words = re.findall(r"[A-Za-z_][A-Za-z_0-9]*(?:\.[A-Za-z_][A-Za-z_0-9]*)?", sentence)
    parts = [p for w in words for p in w.split(".")]
    return [w for w in parts if w not in allowed and not re.fullmatch(r"[A-Z]+\d+", w)]


def _check_zh(frame: pd.DataFrame, tables) -> None:
    for sentence in frame["sentence"]:
        if sentence:
            assert re.search(r"[\u4e00-\u9fff]", sentence), sentence
            assert _english_words(sentence, tables) == [], sentence


def _check_en(frame: pd.DataFrame) -> None:
    for sentence in frame["sentence"]:
        assert not re.search(r"[\u4e00-\u9fff]", sentence), sentence


def test_the_sample_counts_rows_not_flags(sample):
    figures, fixes = _tables_findings(sample.tables, sample.config, "en")
    violations = health.rule_violations(sample.tables, config=sample.config, lang="en")
    flags, rows = int(violations["rows"].sum()), figures.loc["rule_violation_rows", "value"]
    assert figures.loc["rule_flags", "value"] == flags
    assert rows < flags  # some tickets break two rules: 3,900 rows, 4,659 flags on the sample
    tickets = sample.tables["tickets"]
    assert rows >= int((tickets["first_response_at"].isna() | tickets["resolved_at"].isna()).sum())
    sentence = figures.loc["rule_violation_rows", "sentence"]
    assert f"{rows:,} rows" in sentence and f"{flags:,} flags" in sentence
    assert figures.loc["tables_present", "value"] == 12 and figures.loc["tables_missing", "value"] == 0
    assert figures.loc["tables_present", "sentence"].startswith("The workbook holds 12 of 12 tables")
    assert "No id repeats" in figures.loc["duplicate_keys", "sentence"]
    assert fixes.iloc[0]["key"] == "fixes" and fixes.iloc[0]["value"] == len(fixes) - 1
    assert fixes.iloc[1]["sentence"].startswith("1. tickets:") and fixes["value"].iloc[1:].isna().all()
    _check_en(figures.reset_index()), _check_en(fixes)


def test_the_sample_in_chinese(sample):
    figures, fixes = _tables_findings(sample.tables, sample.config, "zh")
    assert figures.loc["tables_present", "sentence"] == "工作簿包含 12 / 12 张表，共 64,104 行。"
    assert "至少违反一条" in figures.loc["rule_violation_rows", "sentence"]
    assert figures.loc["tables_present", "label"] == "数据表"
    assert fixes.iloc[0]["sentence"].startswith("研讨会前要处理的事项")
    _check_zh(figures.reset_index(), sample.tables), _check_zh(fixes, sample.tables)


def test_a_ticket_breaking_two_rules_is_one_row_and_two_flags():
    # Known value by construction: T1 has no first response and is open (2 flags), T2 is clean, T3 open only.
    tickets = pd.DataFrame({"ticket_id": ["T1", "T2", "T3"],
                            "created_at": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03"]),
                            "first_response_at": pd.to_datetime([None, "2025-01-02 01:00", "2025-01-03 01:00"]),
                            "resolved_at": pd.to_datetime([None, "2025-01-02 02:00", None])})
    flagged = health.flagged_rows({"tickets": tickets})
    assert flagged[["rows", "flagged_rows", "flags"]].iloc[0].tolist() == [3, 2, 3]
    assert round(flagged["flagged_pct"].iloc[0], 1) == 66.7
    f = health.findings(violations=health.rule_violations({"tickets": tickets}, lang="en"), flagged=flagged,
                        lang="en").set_index("key")
    assert f.loc["rule_violation_rows", "value"] == 2 and f.loc["rule_flags", "value"] == 3
    assert "2 rows (66.7 %) break at least one, 3 flags in all" in f.loc["rule_violation_rows", "sentence"]
    assert f.loc["tickets_open_pct", "value"] == 66.7


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_double_entered_tickets_come_first_in_the_fixes(sample, lang):
    tickets = sample.tables["tickets"]
    tables = {**sample.tables, "tickets": pd.concat([tickets, tickets.head(3)], ignore_index=True)}
    figures, fixes = _tables_findings(tables, sample.config, lang)
    assert figures.loc["duplicate_keys", "value"] == 3 and figures.loc["duplicate_rows", "value"] == 3
    first = fixes.iloc[1]["sentence"]
    assert first.startswith("1. tickets") and "ticket_id" in first and "3" in first
    assert ("重复" in first) if lang == "zh" else ("repeat an earlier ticket_id" in first)
    assert ("3 行的编号与前面重复" if lang == "zh" else "3 row(s) repeat an earlier id") in \
        figures.loc["duplicate_keys", "sentence"]


@pytest.mark.parametrize("lang, nothing", [("zh", "没有发现需要处理的问题"), ("en", "Nothing to fix")])
def test_a_clean_workbook_has_nothing_to_fix(lang, nothing):
    targets = pd.DataFrame({"kpi": ["fcr_pct", "sla_met_pct"], "target": [75.0, 90.0],
                            "direction": ["higher", "higher"]})
    tables = {"kpi_targets": targets}
    overview = health.tables_overview(tables)
    overview["present"] = True  # pretend every table is there and full
    fixes = health.findings(overview=overview, filled=health.completeness(tables),
                            violations=health.rule_violations(tables, lang=lang), dups=health.duplicates(tables),
                            lang=lang, fixes=True)
    assert len(fixes) == 1 and fixes.iloc[0]["value"] == 0 and fixes.iloc[0]["sentence"].startswith(nothing)
    f = health.findings(filled=health.completeness(tables), violations=health.rule_violations(tables, lang=lang),
                        flagged=health.flagged_rows(tables), dups=health.duplicates(tables), lang=lang).set_index("key")
    assert f.loc["min_completeness_pct", "value"] == 100.0 and f.loc["low_columns", "value"] == 0
    assert ("都不低于 90 %" if lang == "zh" else "at least 90 % filled") in f.loc["min_completeness_pct", "sentence"]
    assert math.isnan(f.loc["rule_violation_rows", "value"])  # no rule applies to kpi_targets: nothing checked
    assert f.loc["duplicate_keys", "value"] == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_empty_workbook_says_there_is_nothing_to_analyse(lang):
    tables: dict = {}
    figures, fixes = _tables_findings(tables, {"as_of": pd.Timestamp("2025-12-31")}, lang)
    assert figures.loc["tables_present", "value"] == 0 and figures.loc["rows", "value"] == 0
    assert ("工作簿还没有数据" if lang == "zh" else "holds no data yet") in figures.loc["tables_present", "sentence"]
    assert figures.loc["tables_missing", "sentence"] == ""  # said once, by the sentence above
    for key in ("rule_violation_rows", "duplicate_keys", "min_completeness_pct"):  # nothing checked is not clean
        assert math.isnan(figures.loc[key, "value"]), key
    assert ("无法显示日期覆盖范围" if lang == "zh" else "no date coverage") in figures.loc["coverage", "sentence"]
    assert len(fixes) == 1 and ("还没有可以检查的数据" if lang == "zh" else "no data to check yet") in fixes.iloc[0]["sentence"]
    if lang == "zh":
        _check_zh(figures.reset_index(), tables), _check_zh(fixes, tables)
    else:
        _check_en(figures.reset_index()), _check_en(fixes)


def test_a_workbook_with_one_table_names_what_is_missing(sample):
    tables = {"survey": sample.tables["survey"]}
    figures, fixes = _tables_findings(tables, sample.config, "en")
    assert figures.loc["tables_present", "value"] == 1 and figures.loc["tables_missing", "value"] == 11
    missing = figures.loc["tables_missing", "sentence"]
    assert missing.startswith("Missing tables: tickets, needs") and "02_service_kpis" in missing
    assert "05_satisfaction" not in missing  # the survey is there
    assert fixes.iloc[-1]["sentence"].split(". ", 1)[1].startswith("Missing tables:")  # the least urgent fix
    assert math.isnan(figures.loc["tickets_open_pct", "value"])
    zh, zh_fixes = _tables_findings(tables, sample.config, "zh")
    assert zh.loc["tables_missing", "sentence"].startswith("缺少的表：tickets、needs")
    _check_zh(zh.reset_index(), tables), _check_zh(zh_fixes, tables)


@pytest.mark.parametrize("lang, says", [("zh", "早 {days} 天"), ("en", "{days} days before the status date")])
def test_a_log_that_ends_long_before_as_of_is_listed(sample, lang, says):
    config = {**sample.config, "as_of": pd.Timestamp("2026-06-30")}
    latest = health.tables_overview(sample.tables).set_index("table").loc["tickets", "latest_date"]
    days = (pd.Timestamp("2026-06-30") - latest.normalize()).days
    _, fixes = _tables_findings(sample.tables, config, lang)
    stale = [s for s in fixes["sentence"] if s.split(" ", 1)[1].startswith("tickets") and "2026-06-30" in s]
    assert len(stale) == 1 and says.format(days=days) in stale[0]
    _, fixes = _tables_findings(sample.tables, config, lang, stale_days=days)  # exactly the limit: not stale
    assert not any("2026-06-30" in s and s.split(" ", 1)[1].startswith("tickets") for s in fixes["sentence"])


def test_the_completeness_threshold_is_a_parameter(sample):
    filled = health.completeness(sample.tables)
    strict = health.findings(filled=filled, lang="en", low_pct=99.9).set_index("key")
    loose = health.findings(filled=filled, lang="en", low_pct=50.0).set_index("key")
    assert strict.loc["low_columns", "value"] > loose.loc["low_columns", "value"] == 0
    assert "under 99.9 % filled" in strict.loc["min_completeness_pct", "sentence"]
    assert loose.loc["min_completeness_pct", "sentence"].startswith(
        "Every column that should not be blank is at least 50 %")
    listed = health.findings(overview=health.tables_overview(sample.tables), filled=filled, lang="en", fixes=True,
                             low_pct=99.9, max_listed=2)
    low = next(s for s in listed["sentence"] if "Columns under 99.9 %" in s)
    assert f"and {strict.loc['low_columns', 'value'] - 2} more" in low


def test_bad_arguments():
    with pytest.raises(DataValidationError, match=r"The value for `lang` must be one of \['zh', 'en'\], but 'fr'"):
        health.findings(lang="fr")
    with pytest.raises(DataValidationError, match=r"`dups` must be the table of sqmkit.health with the columns"):
        health.findings(dups=pd.DataFrame({"x": [1]}))
    assert list(health.findings()) == ["key", "value", "unit", "label", "sentence"]
