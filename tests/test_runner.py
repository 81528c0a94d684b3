"""The runner: parameters checked against parameters cells, pinned kernel, failure isolation, atomic output."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sqmkit import runner
from sqmkit.exceptions import ConfigError, DataValidationError, ParameterError

from conftest import FIXTURES, XSS

NOTEBOOKS = FIXTURES / "notebooks"
TYPED = NOTEBOOKS / "30_typed.ipynb"
BUILTINS = {"workbook": "wb", "lang": "zh", "interactive": False, "output_dir": "/tmp/x"}


def test_notebook_parameters_reads_names_types_defaults_and_help():
    params = runner.notebook_parameters(TYPED)
    assert list(params) == ["workbook", "lang", "interactive", "output_dir", "n", "ratio", "flag", "label"]
    assert {k: v["inferred_type_name"] for k, v in params.items() if k in ("n", "ratio", "flag", "label")} == {
        "n": "int", "ratio": "float", "flag": "bool", "label": "str"}
    assert params["n"]["default"] == 3 and params["n"]["help"] == "a whole number"
    # papermill's own inspector drops lines whose comment holds quotes; ours keeps them
    assert params["workbook"]["inferred_type_name"] == "str"


def test_bundled_notebooks_declare_the_four_shared_parameters():
    for path in runner.list_notebooks():
        assert {"workbook", "lang", "interactive", "output_dir"} <= set(runner.notebook_parameters(path)), path.name


def test_resolve_parameters_converts_to_the_declared_types():
    plan = runner.resolve_parameters([TYPED], builtins=BUILTINS, config_parameters={"ratio": 1},
                                     overrides={"n": "12", "flag": "yes", "label": "7"})
    values = plan["30_typed"]
    assert values["n"] == 12 and type(values["n"]) is int
    assert values["ratio"] == 1.0 and type(values["ratio"]) is float
    assert values["flag"] is True
    assert values["label"] == "7"
    assert values["interactive"] is False


@pytest.mark.parametrize("name, value, match", [
    ("n", "twelve", r"Parameter `n` of notebook 30_typed is declared as int, but 'twelve' \(from -p\)"),
    ("n", "1.5", r"declared as int, but '1.5'"),
    ("ratio", "half", r"declared as float, but 'half'.*Fix"),
    ("flag", "maybe", r"declared as bool, but 'maybe'.*true or false"),
])
def test_resolve_parameters_rejects_values_of_the_wrong_type(name, value, match):
    with pytest.raises(ParameterError, match=match):
        runner.resolve_parameters([TYPED], builtins=BUILTINS, overrides={name: value})


def test_resolve_parameters_rejects_unknown_names_and_lists_the_valid_ones():
    with pytest.raises(ParameterError, match=r"Unknown parameter `ratoi` \(from -p\).*Valid names: \['flag', 'label', 'lang', 'n', 'ratio'\]"):
        runner.resolve_parameters([TYPED], builtins=BUILTINS, overrides={"ratoi": "1"})
    with pytest.raises(ParameterError, match=r"Unknown parameter `freq` \(from sqmkit.yaml parameters\)"):
        runner.resolve_parameters([TYPED], builtins=BUILTINS, config_parameters={"freq": "MS"})
    with pytest.raises(ParameterError, match=r"`output_dir` \(from -p\) is set by the runner.*--out"):
        runner.resolve_parameters([TYPED], builtins=BUILTINS, overrides={"output_dir": "x"})


def test_parse_overrides_needs_key_equals_value():
    assert runner.parse_overrides(["a=1", "b=x=y", "c="]) == {"a": "1", "b": "x=y", "c": ""}
    with pytest.raises(ParameterError, match=r"-p expects KEY=VALUE, but 'freq' was passed"):
        runner.parse_overrides(["freq"])


def test_list_notebooks_only_by_stem_prefix_or_name():
    names = [p.stem for p in runner.list_notebooks(["30", "10_ok", "broken"], folder=NOTEBOOKS)]
    assert names == ["10_ok", "20_broken", "30_typed"]
    with pytest.raises(ParameterError, match=r"The value for `--only` must be one of \['10_ok', '20_broken', '30_typed'\], but 'nope' was passed"):
        runner.list_notebooks(["nope"], folder=NOTEBOOKS)


def test_validation_runs_before_any_notebook(small_workbook, tmp_path):
    (small_workbook / "data" / "tickets.csv").write_text("ticket_id,created_at\nT1,not a date\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(DataValidationError, match=r"tickets.csv.*created_at"):
        runner.run_workbook(small_workbook, out=out, notebooks_folder=NOTEBOOKS, progress=False)
    assert not out.exists()
    assert not list(tmp_path.glob(".out.tmp-*"))


def test_a_folder_that_is_not_an_earlier_output_is_never_replaced(small_workbook, tmp_path):
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "thesis.docx").write_text("years of work", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"exists and is not an sqmkit report \(it has no \.sqmkit-report marker\); "
                                          r"sqmkit never replaces a folder it did not make\. Fix: choose a new or empty"):
        runner.run_workbook(small_workbook, out=precious, notebooks_folder=NOTEBOOKS)
    assert (precious / "thesis.docx").read_text(encoding="utf-8") == "years of work"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"is a file"):
        runner.run_workbook(small_workbook, out=tmp_path / "file", notebooks_folder=NOTEBOOKS)


def test_missing_workbook_folder_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match=r"does not exist.*sqmkit new"):
        runner.run_workbook(tmp_path / "nowhere", out=tmp_path / "out", notebooks_folder=NOTEBOOKS)


@pytest.fixture(scope="module")
def mixed_run(small_workbook_source, tmp_path_factory):
    """The three fixture notebooks (one broken) run through the CLI with a stale python3 kernelspec."""
    base = tmp_path_factory.mktemp("mixed")
    stale = base / "jupyter" / "kernels" / "python3"
    stale.mkdir(parents=True)
    (stale / "kernel.json").write_text(json.dumps({
        "argv": ["/nonexistent/venv/bin/python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (stale)", "language": "python"}))
    # MPLBACKEND=Agg (headless servers, CI) must not swallow the notebooks' inline charts
    # SQMKIT_LANG: the English lines are checked here (a zh workbook); tests/test_cli_lang.py checks the choice
    env = {**os.environ, "JUPYTER_PATH": str(base / "jupyter"), "CI": "true", "MPLBACKEND": "Agg", "SQMKIT_LANG": "en"}
    out = base / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "sqmkit", "run", str(small_workbook_source), "--out", str(out),
         "--notebooks", str(NOTEBOOKS), "--jobs", "2", "-p", "n=5", "-p", "flag=true"],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=600)
    seen = subprocess.run([sys.executable, "-c", "from jupyter_client.kernelspec import KernelSpecManager as K;"
                           "print(K().get_kernel_spec('python3').argv[0])"],
                          capture_output=True, text=True, env=env).stdout.strip()
    return proc, out, seen


def test_a_stale_python3_kernelspec_does_not_hijack_the_run(mixed_run):
    proc, out, seen = mixed_run
    assert seen == "/nonexistent/venv/bin/python"  # the stale spec is what jupyter would pick
    log = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert {nb["name"]: nb["status"] for nb in log["notebooks"]} == {
        "10_ok": "ok", "20_broken": "failed", "30_typed": "ok"}


def test_charts_are_inline_even_when_the_environment_sets_a_backend(mixed_run):
    _, out, _ = mixed_run
    import nbformat

    last_cell = nbformat.read(str(out / "notebooks" / "10_ok.ipynb"), as_version=4).cells[-1]
    assert any("image/png" in output.get("data", {}) for output in last_cell.outputs)


def test_a_broken_notebook_does_not_stop_the_others(mixed_run):
    proc, out, _ = mixed_run
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == str(out / "index.html")
    assert "failed 20_broken" in proc.stderr and "ValueError: deliberately broken fixture" in proc.stderr
    log = json.loads((out / "run.json").read_text(encoding="utf-8"))
    broken = next(nb for nb in log["notebooks"] if nb["name"] == "20_broken")
    assert broken["ename"] == "ValueError" and isinstance(broken["cell_index"], int)
    assert broken["evalue"] == "deliberately broken fixture"
    assert log["status"] == "failed" and log["versions"]["python"]
    # the failed notebook is kept, with its error visible in the notebook and its report page
    executed = (out / "notebooks" / "20_broken.ipynb").read_text(encoding="utf-8")
    assert "deliberately broken fixture" in executed
    assert "deliberately broken fixture" in (out / "20_broken.html").read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "badge failed" in index and "deliberately broken fixture" in index
    assert index.count("badge ok") == 2


def test_typed_parameters_reach_the_notebook_with_their_types(mixed_run):
    _, out, _ = mixed_run
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    values = {k: v["value"] for k, v in results["30_typed"].items()}
    assert values == {"n": 5, "ratio": 0.5, "flag": True, "label": "x"}
    assert results["10_ok"]["n_tickets"]["value"] == 300


def test_data_text_is_escaped_in_every_html_output(mixed_run):
    _, out, _ = mixed_run
    pages = sorted(out.glob("*.html"))
    assert {p.name for p in pages} == {"index.html", "10_ok.html", "20_broken.html", "30_typed.html"}
    for page in pages:
        assert XSS not in page.read_text(encoding="utf-8"), page.name
    ok = (out / "10_ok.html").read_text(encoding="utf-8")
    assert ok.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3  # table cell, Markdown, print()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (out / "index.html").read_text(encoding="utf-8")


def test_a_parallel_run_leaves_the_working_directory_alone(small_workbook, tmp_path):
    # papermill's cwd= changes the directory of the whole process; two notebooks at once (threads) raced on
    # it and left the process in a run's temporary folder, deleted after the swap (later tests: getcwd failed)
    before = os.getcwd()
    summary = runner.run_workbook(small_workbook, out=tmp_path / "out", notebooks_folder=NOTEBOOKS, jobs=2,
                                  progress=False)
    assert os.getcwd() == before
    assert {nb.name for nb in summary.notebooks} >= {"10_ok", "30_typed"}


def test_output_folder_is_swapped_in_only_after_the_run(small_workbook, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = runner.run_workbook(small_workbook, out=out, only=["30"], notebooks_folder=NOTEBOOKS, progress=False)
    index = (out / "index.html").read_bytes()
    from sqmkit import report

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "build_report", interrupted)
    with pytest.raises(KeyboardInterrupt):
        runner.run_workbook(small_workbook, out=out, only=["30"], notebooks_folder=NOTEBOOKS, progress=False)
    assert (out / "index.html").read_bytes() == index
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "wb"]  # temporary folder removed
    monkeypatch.undo()
    summary = runner.run_workbook(small_workbook, out=out, only=["30"], notebooks_folder=NOTEBOOKS, progress=False)
    assert summary.exit_code == 0 and summary.index == out / "index.html"
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["run_id"] == summary.run_id != first.run_id
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "wb"]  # the previous report removed, nothing else


def test_doctor_checks_kernel_font_versions_and_output(tmp_path):
    checks = {c["check"]: c for c in runner.doctor_checks(tmp_path)}
    assert checks["kernel"]["ok"], checks["kernel"]["detail"]
    assert sys.executable in checks["kernel"]["detail"]
    assert checks["CJK font"]["ok"] and checks["output folder"]["ok"]
    assert "pandas" in checks["versions"]["detail"]


# --------------------------------------------------------------------------------------------
# Parameter values: sqmkit.parameters, checked before any kernel starts
# --------------------------------------------------------------------------------------------

def _bundled():
    return {p.stem: p for p in runner.list_notebooks()}


def _sample_context():
    from sqmkit import io
    from sqmkit.parameters import Context
    from sqmkit.resources import sample_workbook

    return Context(config=io.load_config(sample_workbook()), workbook=sample_workbook())


def test_every_bundled_parameter_has_a_check_that_its_default_passes():
    from sqmkit import parameters

    context = _sample_context()
    missing = []
    for stem, path in _bundled().items():
        for name, spec in runner.notebook_parameters(path).items():
            if name in ("workbook", "interactive", "output_dir"):
                continue
            check = parameters.check_for(stem, name)
            if check is None:
                missing.append(f"{stem}.{name}")
                continue
            assert check.why(spec["default"], context) is None, (stem, name, spec["default"])
    # a new notebook parameter needs one line in sqmkit/parameters.py CHECKS (anything() = type only)
    assert missing == [], f"add a check to sqmkit.parameters.CHECKS for {missing}"


def _resolve(stems, overrides=None, config_parameters=None, context=None):
    paths = [_bundled()[s] for s in stems]
    return runner.resolve_parameters(paths, builtins=BUILTINS, overrides=overrides or {},
                                     config_parameters=config_parameters or {}, all_notebooks=paths,
                                     context=context or _sample_context(), config_file="wb/sqmkit.yaml")


@pytest.mark.parametrize("stems, name, value, match", [
    (["02_service_kpis"], "lang", "fr", r"^-p lang=fr: 'fr' is not a valid `lang` for notebook 02_service_kpis\. "
                                        r"It must be one of \['zh', 'en'\].*or empty\. Fix: pass e\.g\. -p lang=zh"),
    (["02_service_kpis"], "freq", "X", r"-p freq=X: 'X' is not a valid `freq` .*one of \['D', 'W', 'MS', 'QS'\].*"
                                       r"Fix: pass e\.g\. -p freq=MS,"),
    (["05_satisfaction"], "freq", "M", r"'M' is not a valid `freq` for notebook 05_satisfaction.*'MS', 'ME', 'QS'"),
    (["04_pdca_tracking"], "freq", "h", r"'h' is not a valid `freq` for notebook 04_pdca_tracking"),
    (["02_service_kpis", "04_pdca_tracking", "05_satisfaction"], "freq", "M",  # what all of them accept
     r"'M' is not a valid `freq` for notebooks 02_service_kpis, 05_satisfaction\. It must be one of \['D', 'W', 'MS', 'QS'\]"),
    (["02_service_kpis"], "kpi", "frt_meadian_min", r"'frt_meadian_min' is not a valid `kpi`.*'frt_median_min'"),
    (["04_pdca_tracking"], "kpi", "complaints", r"'complaints' is not a valid `kpi`.*'complaint_rate_per_10k'"),
    (["02_service_kpis"], "split", "2025-06-31", r"-p split=2025-06-31: '2025-06-31' is not a valid `split` for notebook "
                                                 r"02_service_kpis: June 2025 has no day 31\. It must be a date YYYY-MM-DD"),
    (["04_pdca_tracking"], "as_of", "2025-13-01", r"`as_of` for notebook 04_pdca_tracking: there is no month 13"),
    (["02_service_kpis"], "split", "2030-01-01", r"`split` for notebook 02_service_kpis: it is outside sqmkit.yaml's period "
                                                 r"2025-01-01 – 2025-12-31, and a split needs data on both sides\. It must "
                                                 r"be a date YYYY-MM-DD after 2025-01-01 and no later than 2025-12-31"),
    (["05_satisfaction"], "intervention_date", "2025-01-01", r"`intervention_date`.*outside sqmkit.yaml's period"),
    (["03_root_cause"], "split_date", "1.7.2025", r"`split_date`.*it is not written YYYY-MM-DD"),
    (["05_satisfaction"], "intervention_date", "July", r"`intervention_date`.*not written YYYY-MM-DD"),
    (["02_service_kpis"], "amber_pct", "-1", r"-1\.0 is not a valid `amber_pct`.*a number ≥ 0"),
    (["03_root_cause"], "threshold", "0", r"`threshold`.*a number > 0 and ≤ 100"),
    (["03_root_cause"], "threshold", "101", r"`threshold`.*a number > 0 and ≤ 100"),
    (["03_root_cause"], "preset", "5m", r"'5m' is not a valid `preset`.*one of \['6m', 'service'\]"),
    (["03_root_cause"], "pareto_by", "cost", r"`pareto_by`.*one of \['category', 'subcategory', 'channel', 'severity'\]"),
    (["03_root_cause"], "pareto_weight", "category", r"`pareto_weight`.*one of \['severity', 'cost'\].*or empty"),
    (["03_root_cause"], "problem_id", "PR99", r"'PR99' is not a valid `problem_id`.*one of \['PR01'\]"),
    (["00_data_health"], "low_pct", "120", r"`low_pct`.*a number ≥ 0 and ≤ 100"),
    (["01_needs_analysis"], "crosshair", "middle", r"one of \['data', 'midpoint'\]"),
    (["01_needs_analysis"], "n_segments", "1", r"1 is not a valid `n_segments`.*0, or a whole number ≥ 2"),
    (["01_needs_analysis"], "n_segments", "5000", r"5000 is not a valid `n_segments`.*0, or a whole number ≥ 2 and ≤ 299 "
                                                  r"\(0 means choose k by silhouette\)"),
    (["04_pdca_tracking"], "window", "1", r"`window`.*0, or a whole number ≥ 2 \(periods before and after; 0 means all\)"),
    (["02_service_kpis"], "amber_pct", "1000", r"`amber_pct`.*a number ≥ 0 and ≤ 100"),
    (["04_pdca_tracking"], "soon_days", "-1", r"`soon_days`.*a whole number ≥ 0"),
    (["05_satisfaction"], "low_score_max", "9", r"`low_score_max`.*a number ≥ 1 and ≤ 5.*\(on the survey.overall scale; -1 means below its middle\)"),
])
def test_parameter_values_are_checked_before_any_kernel_starts(stems, name, value, match):
    with pytest.raises(ParameterError, match=match):
        _resolve(stems, overrides={name: value})


@pytest.mark.parametrize("stem, values", [
    ("02_service_kpis", {"freq": "QS", "kpi": "fcr_pct", "split": "2025-7-1", "amber_pct": "0", "lang": ""}),
    ("03_root_cause", {"preset": "SERVICE", "pareto_by": "subcategory", "pareto_weight": "cost", "problem_id": "PR01",
                       "threshold": "100", "split_date": ""}),
    ("04_pdca_tracking", {"kpi": "complaint_rate_per_10k", "freq": "ME", "as_of": "2024-02-29", "window": "0",
                          "split": "2025/12/31"}),
    ("05_satisfaction", {"freq": "YS", "low_score_max": "1", "intervention_date": "2025-01-02"}),
    ("01_needs_analysis", {"n_segments": "0", "weight_gap": "1", "weight_kano": "0", "weight_mentions": "0"}),
])
def test_good_parameter_values_pass(stem, values):
    plan = _resolve([stem], overrides=values)
    assert set(values) <= set(plan[stem])


def test_several_weights_are_checked_together():
    with pytest.raises(ParameterError, match=r"^Notebook 01_needs_analysis: weight_gap, weight_kano and weight_mentions "
                                             r"are all 0.*Fix: give one of them a value above 0"):
        _resolve(["01_needs_analysis"], overrides={"weight_gap": "0", "weight_kano": "0", "weight_mentions": "0"})


def test_every_parameter_problem_is_reported_at_once():
    with pytest.raises(ParameterError, match=r"^4 parameter problems:\n  1\. ") as err:
        _resolve(["02_service_kpis", "03_root_cause"], overrides={"lang": "fr", "threshold": "inf", "freq": "X"},
                 config_parameters={"kpi": "nope"})
    text = str(err.value)
    assert len(err.value.problems) == 4
    assert "is not a finite number" in text and "-p lang=fr" in text and "-p freq=X" in text
    assert "wb/sqmkit.yaml: `parameters.kpi`: 'nope' is not a valid `kpi`" in text
    assert "Fix: write e.g. `kpi: frt_median_min` under `parameters:` in sqmkit.yaml" in text


def test_sqmkit_yaml_parameters_are_checked_for_every_notebook_not_only_the_selected():
    every = list(_bundled().values())
    with pytest.raises(ParameterError, match=r"`parameters.freq`: 'M' is not a valid `freq` for notebooks 02_service_kpis, "
                                             r"05_satisfaction"):
        runner.resolve_parameters([_bundled()["04_pdca_tracking"]], builtins=BUILTINS, config_parameters={"freq": "M"},
                                  all_notebooks=every)


def test_a_parameter_without_a_check_is_checked_by_its_type_only():
    plan = runner.resolve_parameters([TYPED], builtins=BUILTINS, overrides={"label": "anything at all", "n": "-7"})
    assert plan["30_typed"]["label"] == "anything at all" and plan["30_typed"]["n"] == -7
    with pytest.raises(ParameterError, match=r"`ratio` of notebook 30_typed is declared as float, but 'nan' .*not a finite"):
        runner.resolve_parameters([TYPED], builtins=BUILTINS, overrides={"ratio": "nan"})


def test_period_checks_match_what_the_code_accepts():
    """The freq lists of sqmkit.parameters are what the notebooks' calls accept (so the table stays true)."""
    import pandas as pd

    from sqmkit import kpis, parameters, satisfaction
    from sqmkit.kpis.widgets import PERIODS

    ctx = parameters.Context()
    tickets = pd.DataFrame({"ticket_id": ["a", "b"], "created_at": pd.to_datetime(["2025-01-02", "2025-03-04"])})
    survey = pd.DataFrame({"overall": [4.0, 5.0], "date": pd.to_datetime(["2025-01-02", "2025-03-04"])})
    for freq in parameters.check_for("04_pdca_tracking", "freq").options(ctx):
        assert len(kpis.ticket_kpis(tickets, freq=freq)) >= 1, freq
    for freq in parameters.check_for("05_satisfaction", "freq").options(ctx):
        assert len(satisfaction.monthly_trend(survey, score="overall", date="date", freq=freq)) >= 1, freq
    assert set(parameters.check_for("02_service_kpis", "freq").options(ctx)) <= set(PERIODS)
    with pytest.raises(DataValidationError):
        satisfaction.monthly_trend(survey, score="overall", date="date", freq="M")  # why 05 has its own list


def test_checks_read_the_workbook_but_fall_back_without_it(tmp_path):
    from sqmkit.parameters import Context, check_for

    bare = Context()
    assert check_for("03_root_cause", "problem_id").why("ANY", bare) is None  # no problems table: any id
    assert check_for("02_service_kpis", "kpi").why("frt_mean_min", bare) is None  # no kpi_targets: every KPI
    assert check_for("04_pdca_tracking", "kpi").why("complaint_rate_per_10k", bare) == ""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "problems.csv").write_text("problem_id,statement\nP7,慢\n", encoding="utf-8")
    (tmp_path / "sqmkit.yaml").write_text("client: x\nsurvey: {overall: {column: overall, min: 0, max: 10}}\n",
                                          encoding="utf-8")
    from sqmkit import io

    ctx = Context(config=io.load_config(tmp_path), workbook=tmp_path)
    assert check_for("03_root_cause", "problem_id").why("P7", ctx) is None
    assert check_for("03_root_cause", "problem_id").why("PR01", ctx) == ""
    assert check_for("05_satisfaction", "low_score_max").why(6.0, ctx) is None  # a 0-10 survey
    assert check_for("05_satisfaction", "low_score_max").why(11.0, ctx) == ""


def test_workbook_parameter_problems_is_what_validate_reports(small_workbook):
    path = small_workbook / "sqmkit.yaml"
    assert runner.workbook_parameter_problems(small_workbook) == []
    path.write_text(path.read_text(encoding="utf-8").replace("parameters: {}", "")
                    + "\nparameters: {freq: W, lang: en, split: 2025-07-01}\n", encoding="utf-8")
    assert runner.workbook_parameter_problems(small_workbook) == []
    path.write_text(path.read_text(encoding="utf-8").replace("freq: W", "freq: weekly"), encoding="utf-8")
    found = runner.workbook_parameter_problems(small_workbook)
    assert len(found) == 1 and "'weekly' is not a valid `freq` for notebooks 02_service_kpis, 04_pdca_tracking, " \
                                "05_satisfaction" in found[0] and str(path) in found[0]


# --------------------------------------------------------------------------------------------
# Broken notebooks and output folders: found before anything runs
# --------------------------------------------------------------------------------------------

def test_unreadable_notebooks_are_named_with_the_fix(tmp_path):
    (tmp_path / "01_bad.ipynb").write_text('{"cells": [', encoding="utf-8")
    (tmp_path / "02_bin.ipynb").write_bytes(bytes(range(256)))
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    nbformat.write(nb, str(tmp_path / "03_noparams.ipynb"))
    paths = runner.list_notebooks(folder=tmp_path)
    with pytest.raises(ParameterError, match=r"^3 notebooks cannot be run:\n  1\. .*01_bad.ipynb is not a Jupyter notebook "
                                             r"sqmkit can read \(Notebook does not appear to be JSON.*Fix: open and save it") as err:
        runner.resolve_parameters(paths, builtins=BUILTINS)
    assert "02_bin.ipynb is not a Jupyter notebook" in str(err.value)
    assert "03_noparams.ipynb has no cell tagged `parameters`. Fix: tag the cell" in str(err.value)


def test_a_notebook_folder_without_notebooks_says_so(small_workbook, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError, match=r"No notebooks \(.ipynb files\) found in .*empty\. Fix: pass a folder holding "
                                          r"\.ipynb notebooks"):
        runner.run_workbook(small_workbook, out=tmp_path / "out", notebooks_folder=tmp_path / "empty")


def test_an_output_folder_that_cannot_be_written_is_refused_before_the_run(small_workbook, tmp_path, monkeypatch):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"--out .*file/sub/out': '.*file' is a file, not a folder\. Fix:"):
        runner.run_workbook(small_workbook, out=tmp_path / "file" / "sub" / "out", notebooks_folder=NOTEBOOKS)

    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    with pytest.raises(ConfigError, match=r"--out .*: sqmkit cannot write in the folder .* \(Permission denied\)\. "
                                          r"Fix: choose a folder you may write"):
        runner.run_workbook(small_workbook, out=tmp_path / "new" / "out", notebooks_folder=NOTEBOOKS)
    monkeypatch.undo()
    out = tmp_path / "mounted"
    out.mkdir()
    monkeypatch.setattr(os.path, "ismount", lambda p: str(p) == str(out))
    with pytest.raises(ConfigError, match=r"is a mount point, which a run cannot replace \(it is busy\)\. Fix: write into "
                                          r"a folder inside it"):
        runner.run_workbook(small_workbook, out=out, notebooks_folder=NOTEBOOKS)
    assert not (tmp_path / "new").exists()


def test_a_report_that_cannot_replace_out_is_kept_and_named(small_workbook, tmp_path, monkeypatch):
    out = tmp_path / "out"
    runner.run_workbook(small_workbook, out=out, only=["30"], notebooks_folder=NOTEBOOKS, progress=False)
    index = (out / "index.html").read_bytes()
    real = os.replace

    def busy(src, dst):
        if str(dst) == str(out) and Path(src).name.startswith(".out.tmp-"):  # the new report cannot move in
            raise OSError(16, "Device or resource busy")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", busy)
    with pytest.raises(ConfigError, match=r"The report is finished but could not replace --out .*\(Device or resource busy\); "
                                          r"it is in '.*out-\d{8}-\d{6}'\. Fix: close programs using") as err:
        runner.run_workbook(small_workbook, out=out, only=["30"], notebooks_folder=NOTEBOOKS, progress=False)
    kept = Path(str(err.value).split("it is in '")[1].split("'")[0])
    assert (kept / "index.html").is_file() and (kept / "run.json").is_file()
    assert (out / "index.html").read_bytes() == index  # put back
    assert not list(tmp_path.glob(".out.*"))


# --------------------------------------------------------------------------------------------
# The report folder (issue 11): marker, what a run carries over, leftovers of interrupted runs
# --------------------------------------------------------------------------------------------

def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): (os.readlink(p).encode() if p.is_symlink() else p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_symlink() or p.is_file()}


def run30(workbook: Path, out: Path, *names: str) -> runner.RunSummary:
    return runner.run_workbook(workbook, out=out, only=list(names or ["30"]), notebooks_folder=NOTEBOOKS,
                               progress=False)


def test_the_marker_lists_every_file_sqmkit_wrote(small_workbook, tmp_path):
    from sqmkit import report_folder

    out = tmp_path / "out"
    summary = run30(small_workbook, out)
    marker = report_folder.read_marker(out)
    assert marker["kind"] == "sqmkit-report" and marker["format"] == report_folder.FORMAT
    assert marker["state"] == "complete" and marker["run_id"] == summary.run_id
    assert sorted(marker["files"]) == sorted(set(tree(out)) - {".sqmkit-report"})
    assert marker["owner"]["pid"] == os.getpid()


def test_what_sqmkit_did_not_write_in_a_report_is_carried_over(small_workbook, tmp_path):
    out = tmp_path / "out"
    run30(small_workbook, out)
    (out / "notes.md").write_text("my notes", encoding="utf-8")
    (out / ".DS_Store").write_bytes(b"\0\1")
    (out / "logs" / "mine.xlsx").write_bytes(b"mine")
    (out / "extra").mkdir()
    (out / "link").symlink_to("notes.md")
    (out / "10_ok.html").write_text("a page of my own", encoding="utf-8")  # a name the next run writes
    summary = run30(small_workbook, out, "10", "30")
    files = tree(out)
    assert files["notes.md"] == b"my notes" and files[".DS_Store"] == b"\0\1" and files["logs/mine.xlsx"] == b"mine"
    assert (out / "extra").is_dir() and (out / "link").is_symlink() and os.readlink(out / "link") == "notes.md"
    kept = [name for name in files if name.startswith("10_ok (kept ")]
    assert len(kept) == 1 and files[kept[0]] == b"a page of my own" and b"Fixture 10_ok" in files["10_ok.html"]
    assert any("is not sqmkit's but this run writes that name" in note for note in summary.notes)
    from sqmkit import report_folder

    listed = set(report_folder.read_marker(out)["files"])
    assert not listed & {"notes.md", ".DS_Store", "logs/mine.xlsx", "link", kept[0]}
    run30(small_workbook, out)  # and again: still there
    assert tree(out)["notes.md"] == b"my notes"


def test_a_report_of_a_newer_sqmkit_is_refused(small_workbook, tmp_path):
    out = tmp_path / "out"
    run30(small_workbook, out)
    marker = json.loads((out / ".sqmkit-report").read_text(encoding="utf-8"))
    (out / ".sqmkit-report").write_text(json.dumps({**marker, "format": 99, "sqmkit": "9.0"}), encoding="utf-8")
    before = tree(out)
    with pytest.raises(ConfigError, match=r"is a report of a newer sqmkit \(9\.0, report format 99; this sqmkit .* knows "
                                          r"format 1\)\. Fix: upgrade sqmkit"):
        run30(small_workbook, out)
    assert tree(out) == before


def _dead() -> dict:
    import socket

    return {"pid": 1, "host": socket.gethostname(), "boot": "an earlier boot of this machine", "since": None}


def test_a_run_killed_between_the_two_moves_of_the_swap_gets_its_report_back(small_workbook, tmp_path):
    from sqmkit import report_folder

    out = tmp_path / "out"
    run30(small_workbook, out)
    before = tree(out)
    run_id = "20250101-000000-1-abcdef"
    tmp = report_folder.tmp_name(out, run_id)
    tmp.mkdir()
    report_folder.write_marker(tmp, run_id=run_id, state="complete", who=_dead())
    os.replace(out, report_folder.old_name(out, run_id))  # the first move of the swap; then the power went
    notes = report_folder.settle_leftovers(out)
    assert tree(out) == before and sorted(p.name for p in tmp_path.iterdir()) == ["out", "wb"]
    assert any("put the report back" in note for note in notes)


def test_the_report_moved_aside_by_a_killed_run_is_removed_once_the_new_one_is_in(small_workbook, tmp_path):
    from sqmkit import report_folder

    out = tmp_path / "out"
    run30(small_workbook, out)
    old = report_folder.old_name(out, "20250101-000000-1-abcdef")
    shutil.copytree(out, old)  # the previous report, moved aside by a run killed before removing it
    marker = json.loads((out / ".sqmkit-report").read_text(encoding="utf-8"))
    (out / ".sqmkit-report").write_text(json.dumps({**marker, "run_id": "20250101-000000-1-abcdef", "owner": _dead()}),
                                        encoding="utf-8")
    unrelated = report_folder.old_name(out, "20250101-000000-2-fedcba")
    shutil.copytree(out, unrelated)  # not the run that made OUT: left alone
    report_folder.settle_leftovers(out)
    assert not old.exists() and unrelated.is_dir()


def test_a_live_run_into_the_same_out_is_not_disturbed(small_workbook, tmp_path):
    from sqmkit import report_folder

    out = tmp_path / "out"
    run_id = report_folder.new_run_id()
    tmp = report_folder.make_run_folder(out, run_id)  # this process: alive
    with pytest.raises(ConfigError, match=r"Another sqmkit run \(process \d+, started .*\) is writing the report "
                                          r"'.*out' right now\. Fix: wait for it to finish, or choose another --out\."):
        run30(small_workbook, out)
    assert tmp.is_dir()


def test_leftovers_of_sqmkit_0_1_are_removed_only_when_provably_its_own(tmp_path):
    from sqmkit import report_folder

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(gone.stdout)
    out = tmp_path / "out"
    ours = tmp_path / f".out.tmp-20250101-000000-{pid}"
    (ours / "notebooks").mkdir(parents=True)
    (ours / "notebooks" / "02_service_kpis.ipynb").write_text("{}", encoding="utf-8")
    (ours / "logs").mkdir()
    (ours / "logs" / "02_service_kpis.kernel.log").write_text("", encoding="utf-8")
    theirs = tmp_path / f".out.tmp-20250101-000001-{pid}"
    theirs.mkdir()
    (theirs / "draft.docx").write_text("a draft", encoding="utf-8")
    running = tmp_path / f".out.tmp-20250101-000002-{os.getpid()}"
    (running / "logs").mkdir(parents=True)
    report_folder.settle_leftovers(out)
    assert not ours.exists() and (theirs / "draft.docx").is_file() and running.is_dir()


def test_the_report_of_another_workbook_is_never_merged(small_workbook, tmp_path):
    out = tmp_path / "out"
    run30(small_workbook, out, "10", "30")
    other = tmp_path / "other"
    shutil.copytree(small_workbook, other)
    before = tree(out)
    with pytest.raises(ConfigError, match=r"--out '.*out' holds the report of workbook '.*wb'; `--only` would mix its "
                                          r"pages with pages of '.*other'\. Fix: leave out --only"):
        run30(other, out)
    assert tree(out) == before
    summary = runner.run_workbook(other, out=out, notebooks_folder=NOTEBOOKS, progress=False)  # a full run replaces it
    assert any("held the report of workbook" in note for note in summary.notes)
    assert {p["run"]["id"] for p in summary.pages} == {summary.run_id}
