"""The runner: parameters checked against parameters cells, pinned kernel, failure isolation, atomic output."""
from __future__ import annotations

import json
import os
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
    with pytest.raises(ConfigError, match=r"exists and is not an sqmkit output folder .*Fix: choose a new or empty folder"):
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
    env = {**os.environ, "JUPYTER_PATH": str(base / "jupyter"), "CI": "true", "MPLBACKEND": "Agg"}
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


def test_output_folder_is_swapped_in_only_after_the_run(small_workbook, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("previous report", encoding="utf-8")
    (out / "run.json").write_text("{}", encoding="utf-8")
    from sqmkit import report

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "build_report", interrupted)
    with pytest.raises(KeyboardInterrupt):
        runner.run_workbook(small_workbook, out=out, only=["30"], notebooks_folder=NOTEBOOKS, progress=False)
    assert (out / "index.html").read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "wb"]  # temporary folder removed
    monkeypatch.undo()
    summary = runner.run_workbook(small_workbook, out=out, only=["30"], notebooks_folder=NOTEBOOKS, progress=False)
    assert summary.exit_code == 0 and summary.index == out / "index.html"
    assert "previous report" not in (out / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "wb"]  # OUT.previous removed


def test_doctor_checks_kernel_font_versions_and_output(tmp_path):
    checks = {c["check"]: c for c in runner.doctor_checks(tmp_path)}
    assert checks["kernel"]["ok"], checks["kernel"]["detail"]
    assert sys.executable in checks["kernel"]["detail"]
    assert checks["CJK font"]["ok"] and checks["output folder"]["ok"]
    assert "pandas" in checks["versions"]["detail"]
