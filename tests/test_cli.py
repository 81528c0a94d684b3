"""The command line, run as a user runs it (``python -m sqmkit`` in a subprocess).

Bad input: every case exits 2 with a message naming the file, column, rows and the fix, shows no
traceback, and leaves the previous report untouched.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from conftest import FIXTURES, process_alive

NOTEBOOKS = FIXTURES / "notebooks"
# the English texts are checked here (the small workbook is a zh one); tests/test_cli_lang.py checks the choice
ENV = {**os.environ, "CI": "true", "SQMKIT_LANG": "en"}


def sqmkit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sqmkit", *map(str, args)], capture_output=True, text=True,
                          env=ENV, cwd=cwd, stdin=subprocess.DEVNULL, timeout=600)


def read(wb: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(wb / "data" / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def put(wb: Path, name: str, frame: pd.DataFrame) -> None:
    frame.to_csv(wb / "data" / f"{name}.csv", index=False, encoding="utf-8-sig")


def edit(wb: Path, name: str, rows: list[int], column: str, values: list[str]) -> None:
    frame = read(wb, name)
    frame.loc[rows, column] = values
    put(wb, name, frame)


def append_config(wb: Path, text: str) -> None:
    path = wb / "sqmkit.yaml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def xlsx_without_header(wb: Path) -> None:
    frame = read(wb, "tickets").rename(columns={"ticket_id": "id_of_ticket"})
    (wb / "data" / "tickets.csv").unlink()
    frame.to_excel(wb / "data" / "tickets.xlsx", index=False)


# (case id, how to break the small workbook, extra `run` arguments, what stderr must say)
BAD_INPUTS = [
    ("missing_column", lambda wb: put(wb, "tickets", read(wb, "tickets").drop(columns=["created_at"])), [],
     r"data/tickets.csv: required column 'created_at' is missing.*Fix: add the column 'created_at'"),
    ("wrong_type", lambda wb: edit(wb, "tickets", [3, 7], "contacts", ["two", "三"]), [],
     r"tickets.csv: column 'contacts': value that cannot be read as a number in 2 rows — rows 5, 9 \(values 'two', '三'\)\. Fix:"),
    ("likert_out_of_range", lambda wb: edit(wb, "survey", [4], "overall", ["9"]), [],
     r"survey.csv: column 'overall': value outside the allowed range 1–5 in 1 row — rows 6 .*Fix: use values in the range 1–5"),
    ("nps_out_of_range", lambda wb: edit(wb, "survey", [5], "nps", ["11"]), [],
     r"survey.csv: column 'nps': value outside the allowed range 0–10 .*rows 7.*Fix"),
    ("unparsable_date", lambda wb: edit(wb, "tickets", [2], "created_at", ["2025-13-45 10:00"]), [],
     r"tickets.csv: column 'created_at': value that cannot be read as a datetime .*rows 4 \(values '2025-13-45 10:00'\)\. Fix: write dates as YYYY-MM-DD"),
    ("resolved_before_created", lambda wb: edit(wb, "tickets", [6], "resolved_at", ["2024-01-01 00:00:00"]), [],
     r"tickets.csv: column 'resolved_at': resolution earlier than creation in 1 row — rows 8 .*Fix: correct the timestamps"),
    ("duplicate_ids", lambda wb: edit(wb, "tickets", [9], "ticket_id", [read(wb, "tickets").loc[8, "ticket_id"]]), [],
     r"tickets.csv: column 'ticket_id': repeated value \(must be unique\) in 2 rows — rows 10, 11.*Fix: give each row its own id"),
    ("empty_file", lambda wb: (wb / "data" / "survey.csv").write_bytes(b""), [],
     r"data/survey.csv: the file is empty \(no header row\)\. Fix:"),
    ("undecodable_file", lambda wb: (wb / "data" / "tickets.csv").write_bytes(bytes(range(128, 256)) * 20), [],
     r"data/tickets.csv: the file is neither UTF-8 nor GBK/GB18030 text\. Fix:"),
    ("unknown_table", lambda wb: shutil.copy(wb / "data" / "tickets.csv", wb / "data" / "tickts.csv"), [],
     r"data/tickts.csv: 'tickts' is not a table sqmkit knows\. Fix: rename the file"),
    ("two_files_for_one_table", lambda wb: read(wb, "survey").to_excel(wb / "data" / "survey.xlsx", index=False), [],
     r"survey.*also in.*Fix: keep only one file per table"),
    ("unknown_config_key", lambda wb: append_config(wb, "\nsla_hour: 4\n"), [],
     r"sqmkit.yaml: unknown key\(s\) \['sla_hour'\]\. Fix: use only"),
    ("unknown_survey_item_option", lambda wb: (wb / "sqmkit.yaml").write_text(
        (wb / "sqmkit.yaml").read_text(encoding="utf-8").replace("p01: {dimension:", "p01: {dimensoin:"), encoding="utf-8"), [],
     r"sqmkit.yaml: `survey.items.p01` may only hold \['dimension', 'expectation', 'label', 'weight'\]"),
    ("survey_item_column_missing", lambda wb: put(wb, "survey", read(wb, "survey").drop(columns=["p03"])), [],
     r"survey.csv: required column 'p03' is missing.*Fix: add the column 'p03'"),
    ("bad_yaml_syntax", lambda wb: (wb / "sqmkit.yaml").write_text("client: x\nperiod: {start: 2025-01-01\n  lang zh\n",
                                                                    encoding="utf-8"), [],
     r"sqmkit.yaml is not valid YAML at line \d+, column \d+.*Fix: check indentation"),
    ("bad_config_value", lambda wb: (wb / "sqmkit.yaml").write_text(
        (wb / "sqmkit.yaml").read_text(encoding="utf-8").replace("lang: zh", "lang: fr"), encoding="utf-8"), [],
     r"sqmkit.yaml: The value for `lang` must be one of \['zh', 'en'\], but 'fr' was passed"),
    ("missing_config", lambda wb: (wb / "sqmkit.yaml").unlink(), [],
     r"sqmkit.yaml is missing\. Fix: every workbook needs a sqmkit.yaml; `sqmkit new DIR` writes a template"),
    ("xlsx_missing_header", xlsx_without_header, [],
     r"data/tickets.xlsx: required column 'ticket_id' is missing.*Found columns: \['id_of_ticket'"),
    ("mistyped_parameter", lambda wb: None, ["-p", "n=three"],
     r"Parameter `n` of notebook 30_typed is declared as int, but 'three' \(from -p\) cannot be converted to int\. Fix:"),
    ("unknown_parameter", lambda wb: None, ["-p", "ratoi=0.3"],
     r"Unknown parameter `ratoi` \(from -p\).*Valid names: \[.*'ratio'.*\]"),
    ("parameter_without_value", lambda wb: None, ["-p", "ratio"],
     r"-p expects KEY=VALUE, but 'ratio' was passed"),
    ("unknown_config_parameter", lambda wb: append_config(wb, "\nparameters: {freqq: MS}\n"), [],
     r"Unknown parameter `freqq` \(from sqmkit.yaml parameters\)"),
    ("unsupported_lang_parameter", lambda wb: None, ["-p", "lang=fr"],
     r"-p lang=fr: 'fr' is not a valid `lang` for notebook 30_typed\. It must be one of \['zh', 'en'\].*Fix: pass e\.g\. "
     r"-p lang=zh"),
    ("unknown_notebook", lambda wb: None, ["--only", "99_nope"],
     r"The value for `--only` must be one of \['10_ok', '20_broken', '30_typed'\], but '99_nope' was passed"),
]


@pytest.fixture(scope="module")
def previous_report(small_workbook_source, tmp_path_factory):
    """A good report in OUT, made by a real run; bad runs must leave it exactly as it is."""
    out = tmp_path_factory.mktemp("previous") / "out"
    proc = sqmkit("run", small_workbook_source, "--out", out, "--notebooks", NOTEBOOKS, "--only", "30_typed")
    assert proc.returncode == 0, proc.stderr
    index = out / "index.html"
    return out, index.read_bytes(), index.stat().st_mtime_ns, sorted(p.name for p in out.iterdir())


def test_there_are_at_least_fifteen_distinct_bad_inputs():
    assert len({case[0] for case in BAD_INPUTS}) == len(BAD_INPUTS) >= 15


@pytest.mark.parametrize("case, breaker, args, expected", BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_exits_2_with_a_useful_message_and_keeps_the_previous_report(
        case, breaker, args, expected, small_workbook, previous_report):
    out, content, mtime, listing = previous_report
    breaker(small_workbook)
    only = [] if "--only" in args else ["--only", "30_typed"]
    proc = sqmkit("run", small_workbook, "--out", out, "--notebooks", NOTEBOOKS, *only, *args)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    assert proc.stderr.startswith("sqmkit run: error: ")
    import re

    assert re.search(expected, proc.stderr, re.DOTALL), proc.stderr
    assert (out / "index.html").read_bytes() == content
    assert (out / "index.html").stat().st_mtime_ns == mtime
    assert sorted(p.name for p in out.iterdir()) == listing
    assert not list(out.parent.glob(".out.tmp-*"))


def test_missing_workbook_folder(tmp_path, previous_report):
    out, content, mtime, _ = previous_report
    proc = sqmkit("run", tmp_path / "no_such_workbook", "--out", out)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "no_such_workbook' does not exist. Fix:" in proc.stderr
    assert (out / "index.html").stat().st_mtime_ns == mtime


@pytest.mark.parametrize("case", ["wrong_type", "duplicate_ids", "unknown_config_key"])
def test_validate_reports_the_same_problems(case, small_workbook):
    _, breaker, _, expected = next(c for c in BAD_INPUTS if c[0] == case)
    breaker(small_workbook)
    proc = sqmkit("validate", small_workbook)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    import re

    assert re.search(expected, proc.stderr, re.DOTALL), proc.stderr


def test_validate_lists_every_problem_at_once(small_workbook):
    edit(small_workbook, "tickets", [3], "contacts", ["two"])
    edit(small_workbook, "survey", [4], "overall", ["9"])
    proc = sqmkit("validate", small_workbook)
    assert proc.returncode == 2
    assert "2 problem(s) in workbook" in proc.stderr
    assert "column 'contacts'" in proc.stderr and "column 'overall'" in proc.stderr


def test_validate_clean_workbook_prints_a_summary(small_workbook):
    proc = sqmkit("validate", small_workbook)
    assert proc.returncode == 0, proc.stderr
    assert "is valid: 3 tables" in proc.stdout and "tickets 300" in proc.stdout


def _zh_headers(name: str) -> dict[str, str]:
    from sqmkit.schemas import TABLES

    return {c.name: c.zh[0] for c in TABLES[name].columns if c.zh}


def test_gbk_csv_with_chinese_headers_validates_and_runs(small_workbook, tmp_path):
    tickets = read(small_workbook, "tickets").rename(columns=_zh_headers("tickets"))
    assert "工单编号" in tickets.columns
    tickets.to_csv(small_workbook / "data" / "tickets.csv", index=False, encoding="gbk")
    raw = (small_workbook / "data" / "tickets.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert sqmkit("validate", small_workbook).returncode == 0
    proc = sqmkit("run", small_workbook, "--out", tmp_path / "out", "--only", "00", "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("index.html")
    import json

    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    complaints = len(pd.read_csv(small_workbook / "data" / "complaints.csv", encoding="gbk"))
    assert results["00_data_health"]["rows"]["value"] == 300 + 60 + complaints
    assert "00_data_health" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_xlsx_workbook_validates_and_runs(small_workbook, tmp_path):
    for path in sorted((small_workbook / "data").glob("*.csv")):
        from sqmkit.io import read_table

        frame = read_table(path, path.stem)  # canonical columns and types, whatever the file's encoding
        frame.to_excel(path.with_suffix(".xlsx"), index=False, sheet_name=path.stem)
        path.unlink()
    assert sorted(p.name for p in (small_workbook / "data").iterdir()) == [
        "complaints.xlsx", "survey.xlsx", "tickets.xlsx"]
    assert sqmkit("validate", small_workbook).returncode == 0
    proc = sqmkit("run", small_workbook, "--out", tmp_path / "out", "--only", "00_data_health", "--no-progress")
    assert proc.returncode == 0, proc.stderr
    import json

    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert results["00_data_health"]["tables_present"]["value"] == 3


def test_new_scaffolds_a_workbook_that_validates(tmp_path):
    proc = sqmkit("new", tmp_path / "acme", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "acme" / "sqmkit.yaml").is_file() and (tmp_path / "acme" / "README.md").is_file()
    book = openpyxl.load_workbook(tmp_path / "acme" / "templates" / "workbook_template.xlsx")
    assert book.sheetnames[0] == "README"
    assert sqmkit("validate", tmp_path / "acme").returncode == 0
    again = sqmkit("new", tmp_path / "acme")
    assert again.returncode == 2 and "not empty" in again.stderr and "Traceback" not in again.stderr


def test_sample_writes_a_workbook_of_the_requested_size(tmp_path):
    proc = sqmkit("sample", tmp_path / "s", "--tickets", "400", "--seed", "7")
    assert proc.returncode == 0, proc.stderr
    assert len(pd.read_csv(tmp_path / "s" / "data" / "tickets.csv", encoding="utf-8-sig")) == 400
    bad = sqmkit("sample", tmp_path / "t", "--tickets", "0")
    assert bad.returncode == 2 and "at least 1" in bad.stderr


def test_doctor_and_version():
    proc = sqmkit("doctor")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "kernel" in proc.stdout and sys.executable in proc.stdout and "CJK font" in proc.stdout
    assert "WARNING" not in proc.stderr
    assert sqmkit("--version").stdout.startswith("sqmkit ")


def test_argument_errors_exit_2_without_traceback():
    proc = sqmkit("run", "--jobs", "many")
    assert proc.returncode == 2 and "invalid int value" in proc.stderr and "Traceback" not in proc.stderr


# --------------------------------------------------------------------------------------------
# No traceback reaches the user: output folders, notebooks, OS errors, parameters, bugs
# --------------------------------------------------------------------------------------------

def no_traceback(proc: subprocess.CompletedProcess, code: int = 2) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    return proc.stderr


@pytest.fixture
def read_only(tmp_path):
    """Make a folder read-only for sqmkit: mode 555, or (as root, who ignores modes) the immutable flag."""
    made = []

    def make(path: Path) -> Path:
        path.mkdir(parents=True, exist_ok=True)
        if os.geteuid() != 0:
            path.chmod(0o555)
        elif subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("running as root on a file system without chattr +i: cannot make a folder read-only")
        made.append(path)
        return path

    yield make
    for path in made:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True)
        else:
            path.chmod(0o755)


def with_patch(patch: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -c``: apply ``patch`` (to simulate an OS failure or a bug), then run the sqmkit command."""
    code = f"{patch}\nfrom sqmkit.cli import main\nraise SystemExit(main({list(map(str, args))!r}))"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**ENV, **(env or {})},
                          stdin=subprocess.DEVNULL, timeout=600)


def test_a_read_only_out_parent_exits_2_before_anything_runs(small_workbook, read_only):
    parent = read_only(small_workbook.parent / "ro")
    err = no_traceback(sqmkit("run", small_workbook, "--out", parent / "out", "--notebooks", NOTEBOOKS, "--only", "30"))
    assert re.search(r"^sqmkit run: error: --out '.*ro/out': sqmkit cannot write in the folder '.*ro' \(.+\)\. "
                     r"Fix: choose a folder you may write", err), err
    assert not (parent / "out").exists()


def test_an_out_that_is_unwritable_or_under_a_file_exits_2(small_workbook, tmp_path, read_only, previous_report):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    err = no_traceback(sqmkit("run", small_workbook, "--out", tmp_path / "afile" / "out", "--only", "00"))
    assert "afile' is a file, not a folder. Fix: choose an output folder whose parents are folders" in err
    err = no_traceback(sqmkit("run", small_workbook, "--out", "/dev/null/out", "--only", "00"))
    assert "'/dev/null' is a file, not a folder" in err
    # an earlier report that cannot be replaced (read-only): refused before the run, report untouched
    out, content, mtime, _ = previous_report
    locked = tmp_path / "locked"
    shutil.copytree(out, locked)
    read_only(locked)
    err = no_traceback(sqmkit("run", small_workbook, "--out", locked, "--notebooks", NOTEBOOKS, "--only", "30"))
    assert "sqmkit cannot write in the output folder" in err and "Fix: choose a folder you may write" in err
    assert (locked / "index.html").read_bytes() == content


def test_a_busy_out_keeps_the_finished_report_and_says_where(small_workbook, tmp_path):
    out = tmp_path / "out"
    patch = ("import os, errno\nreal = os.replace\n"
             "def busy(src, dst):\n"
             f"    if str(dst) == {str(out)!r}:\n"
             "        raise OSError(errno.EBUSY, 'Device or resource busy')\n"
             "    return real(src, dst)\n"
             "os.replace = busy")
    err = no_traceback(with_patch(patch, "run", small_workbook, "--out", out, "--notebooks", NOTEBOOKS, "--only", "30",
                                  "--no-progress"))
    assert re.search(r"The report is finished but could not replace --out '.*out' \(Device or resource busy\); it is "
                     r"in '.*out-\d{8}-\d{6}'\. Fix: close programs using", err), err
    kept = next(tmp_path.glob("out-*"))
    assert (kept / "index.html").is_file() and not out.exists()


@pytest.mark.parametrize("content, expected", [
    ('{"cells": [', r"01_bad\.ipynb is not a Jupyter notebook sqmkit can read \(Notebook does not appear to be JSON.*\)\. "
                    r"Fix: open and save it again in Jupyter, or move it out of"),
    ("no parameters cell", r"01_bad\.ipynb has no cell tagged `parameters`\. Fix: tag the cell holding its parameters"),
])
def test_a_broken_notebook_in_notebooks_exits_2(small_workbook, tmp_path, content, expected):
    import nbformat

    folder = tmp_path / "nbs"
    shutil.copytree(NOTEBOOKS, folder)
    if content == "no parameters cell":
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("x = 1")]
        nbformat.write(nb, str(folder / "01_bad.ipynb"))
    else:
        (folder / "01_bad.ipynb").write_text(content, encoding="utf-8")
    err = no_traceback(sqmkit("run", small_workbook, "--out", tmp_path / "out", "--notebooks", folder, "--only", "30"))
    assert re.search(expected, err), err
    assert not (tmp_path / "out").exists()
    assert re.search(expected, no_traceback(sqmkit("validate", small_workbook, "--notebooks", folder)))


def test_a_notebooks_folder_without_notebooks_exits_2(small_workbook, tmp_path):
    (tmp_path / "empty").mkdir()
    err = no_traceback(sqmkit("run", small_workbook, "--out", tmp_path / "out", "--notebooks", tmp_path / "empty"))
    assert "No notebooks (.ipynb files) found in" in err and "Fix: pass a folder holding .ipynb notebooks" in err
    assert "reinstall" not in err  # the fix for the bundled folder, not for the user's


def test_new_on_an_existing_file_or_an_unwritable_folder_exits_2(tmp_path, read_only):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    err = no_traceback(sqmkit("new", tmp_path / "notes.txt"))
    assert "notes.txt' is a file, not a folder. Fix: choose a new folder name" in err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "x"
    err = no_traceback(sqmkit("new", tmp_path / "notes.txt" / "acme"))
    assert "cannot be created: a part of that path is a file" in err
    locked = read_only(tmp_path / "locked")
    err = no_traceback(sqmkit("new", locked / "acme"))
    assert re.search(r"Folder '.*locked/acme' cannot be created \(.+\)\. Fix: choose a folder you may write", err), err


@pytest.mark.parametrize("command, patch, expected", [
    (["validate", "{wb}"], "import sqmkit.io as m\ndef f(*a, **k): raise PermissionError(13, 'Permission denied', "
                           "'{wb}/data/tickets.csv')\nm.read_workbook = f",
     r"^sqmkit validate: error: cannot use '.*data/tickets\.csv': Permission denied\. Fix: check that you may read it"),
    (["run", "{wb}", "--out", "{tmp}/out", "--only", "00"],
     "import sqmkit.runner as m\ndef f(*a, **k): raise OSError(28, 'No space left on device', '{tmp}/out/x')\n"
     "m._validate = f",
     r"^sqmkit run: error: cannot use '.*out/x': No space left on device\. Fix: free some disk space"),
    (["new", "{tmp}/acme"], "import sqmkit.report as m\ndef f(*a, **k): raise OSError(30, 'Read-only file system', "
                            "'{tmp}/acme')\nm.scaffold_workbook = f",
     r"^sqmkit new: error: cannot use '.*acme': Read-only file system\. Fix: the disk is read-only"),
])
def test_os_errors_anywhere_exit_2_with_the_path_and_the_fix(small_workbook, tmp_path, command, patch, expected):
    fill = {"wb": str(small_workbook), "tmp": str(tmp_path)}
    err = no_traceback(with_patch(patch.format(**fill), *[c.format(**fill) for c in command]))
    assert re.search(expected, err), err


def test_an_unexpected_error_is_one_line_and_a_log_file(small_workbook, tmp_path):
    patch = "import sqmkit.runner as m\ndef f(*a, **k): raise RuntimeError('boom in the runner')\nm.run_workbook = f"
    logs = tmp_path / "logs"
    proc = with_patch(patch, "run", small_workbook, "--out", tmp_path / "out", env={"SQMKIT_LOG_DIR": str(logs)})
    err = no_traceback(proc, code=1)
    assert len(err.strip().splitlines()) == 1
    assert re.search(r"^sqmkit run: internal error \(RuntimeError: boom in the runner\)\. This is a bug in sqmkit, not a "
                     r"problem of your input: the details are in .*logs/sqmkit-run-\d{8}-\d{6}-\d+\.log; please report "
                     r"it with that file\. Earlier output was left untouched\.$", err), err
    log = next(logs.glob("sqmkit-run-*.log")).read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "RuntimeError: boom in the runner" in log
    assert "command: sqmkit run" in log and "python " in log
    debug = with_patch(patch, "run", small_workbook, env={"SQMKIT_LOG_DIR": str(logs), "SQMKIT_DEBUG": "1"})
    assert debug.returncode == 1 and "Traceback (most recent call last)" in debug.stderr


def test_bad_parameter_values_exit_2_before_any_kernel_starts(small_workbook, tmp_path):
    out = tmp_path / "out"
    err = no_traceback(sqmkit("run", small_workbook, "--out", out, "--only", "02", "05", "-p", "lang=fr", "-p", "freq=X"))
    assert err.startswith("sqmkit run: error: 2 parameter problems:")
    assert "-p lang=fr: 'fr' is not a valid `lang` for notebooks 02_service_kpis, 05_satisfaction" in err
    assert "-p freq=X: 'X' is not a valid `freq` for notebooks 02_service_kpis, 05_satisfaction. It must be one of " \
           "['D', 'W', 'MS', 'QS']" in err
    assert not out.exists() and not list(tmp_path.glob(".out.tmp-*"))


def test_validate_is_the_gate_for_sqmkit_yaml_parameters(small_workbook):
    config = small_workbook / "sqmkit.yaml"
    text = config.read_text(encoding="utf-8").replace("parameters: {}", "")
    # quoted: an unquoted 2025-06-31 is a YAML date that does not exist, which io.load_config has to catch
    config.write_text(text + "\nparameters: {freq: M, split: '2025-06-31', kpi: csat_top_box_pct}\n", encoding="utf-8")
    err = no_traceback(sqmkit("validate", small_workbook))
    assert "3 problem(s) in workbook" in err
    assert "sqmkit.yaml: `parameters.freq`: 'M' is not a valid `freq` for notebooks 02_service_kpis, 05_satisfaction" in err
    assert "`parameters.split`: '2025-06-31' is not a valid `split`" in err and "June 2025 has no day 31" in err
    assert "`parameters.kpi`: 'csat_top_box_pct' is not a valid `kpi` for notebook 02_service_kpis." in err
    run = no_traceback(sqmkit("run", small_workbook, "--out", small_workbook.parent / "out", "--only", "00"))
    assert "`parameters.freq`: 'M'" in run  # run refuses what validate refuses, whichever notebooks it runs
    config.write_text(text + "\nparameters: {freq: QS, split: 2025-06-30, kpi: fcr_pct}\n", encoding="utf-8")
    assert sqmkit("validate", small_workbook).returncode == 0


# --------------------------------------------------------------------------------------------
# Never delete or overwrite what sqmkit did not make (issue 11)
# --------------------------------------------------------------------------------------------

def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``: relative path -> bytes (a link: its target)."""
    return {p.relative_to(folder).as_posix(): (os.readlink(p).encode() if p.is_symlink() else p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_symlink() or p.is_file()}


def test_a_user_folder_holding_a_run_json_is_never_wiped(small_workbook, tmp_path):
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    (project / "src" / "main.py").write_text("print('years of work')\n", encoding="utf-8")
    (project / "notes.md").write_text("# notes\n", encoding="utf-8")
    (project / "run.json").write_text('{"jobs": 3, "notebooks": []}\n', encoding="utf-8")
    before = tree(project)
    err = no_traceback(sqmkit("run", small_workbook, "--out", project, "--notebooks", NOTEBOOKS, "--only", "30"))
    assert re.search(r"--out '.*project' has a run\.json but is not an sqmkit report: it has no \.sqmkit-report marker "
                     r"and holds what sqmkit does not write \(notes\.md, src/main\.py\).*Fix: choose a new or empty "
                     r"folder", err), err
    assert tree(project) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "wb"]


def test_folders_next_to_out_are_never_removed(small_workbook, tmp_path):
    mine = tmp_path / "out.previous"
    mine.mkdir()
    (mine / "mine.txt").write_text("kept by the user", encoding="utf-8")
    # named like a run's temporary folder, but not sqmkit's: no marker, and a file sqmkit never writes
    lookalike = tmp_path / ".out.tmp-20250101-000000-999999"
    lookalike.mkdir()
    (lookalike / "draft.docx").write_text("a draft", encoding="utf-8")
    stamped = tmp_path / "out-20250101-000000"
    stamped.mkdir()
    for _ in range(2):  # a first run, then one that replaces the report
        proc = sqmkit("run", small_workbook, "--out", tmp_path / "out", "--notebooks", NOTEBOOKS, "--only", "30",
                      "--no-progress")
        assert proc.returncode == 0, proc.stderr
    assert (mine / "mine.txt").read_text(encoding="utf-8") == "kept by the user"
    assert (lookalike / "draft.docx").read_text(encoding="utf-8") == "a draft" and stamped.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == [lookalike.name, "out", "out-20250101-000000", "out.previous",
                                                          "wb"]


def test_an_out_that_holds_or_is_inside_the_workbook_is_refused(small_workbook_source, tmp_path):
    report = tmp_path / "R"
    proc = sqmkit("run", small_workbook_source, "--out", report, "--notebooks", NOTEBOOKS, "--only", "30")
    assert proc.returncode == 0, proc.stderr
    wb = report / "wb"  # the workbook kept inside the old report folder
    shutil.copytree(small_workbook_source, wb)
    before = tree(report)
    err = no_traceback(sqmkit("run", wb, "--out", report, "--notebooks", NOTEBOOKS, "--only", "30"))
    assert re.search(r"--out '.*R' holds the workbook '.*R/wb'; a run replaces the output folder as a whole\. Fix: "
                     r"choose an --out outside the workbook, e.g\. --out '.*R/wb-report', or move the workbook out of "
                     r"'.*R'\.", err), err
    for inside in (wb, wb / "report", wb / "data"):
        err = no_traceback(sqmkit("run", wb, "--out", inside, "--notebooks", NOTEBOOKS, "--only", "30"))
        assert re.search(r"--out '.*R/wb[^']*' is (the workbook|inside the workbook '.*R/wb'); the report of a workbook "
                         r"goes beside it\. Fix: choose an --out outside the workbook, e.g\. --out '.*R/wb-report'\.",
                         err), err
    # `sqmkit run .` inside the workbook: the default ./sqmkit-out is inside it too
    err = no_traceback(sqmkit("run", ".", "--notebooks", NOTEBOOKS, "--only", "30", cwd=wb))
    assert "is inside the workbook" in err and "--out '" in err
    assert tree(report) == before


def test_sample_and_new_refuse_a_folder_that_is_not_empty(tmp_path):
    wb = tmp_path / "client"
    proc = sqmkit("sample", wb, "--tickets", "50")
    assert proc.returncode == 0, proc.stderr
    config = wb / "sqmkit.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# edited by the consultant\n", encoding="utf-8")
    before = tree(wb)
    for command in (["sample", wb, "--tickets", "60"], ["new", wb]):
        err = no_traceback(sqmkit(*command))
        assert re.search(r"Folder '.*client' exists and is not empty\. Fix: choose a new or empty folder", err), err
        assert tree(wb) == before
    empty = tmp_path / "empty"
    empty.mkdir()
    assert sqmkit("sample", empty, "--tickets", "50").returncode == 0


# --- interrupted runs: a notebook that waits for the test, so the run is killed mid-run without timing ---

def waiting_notebooks(folder: Path) -> Path:
    """30_typed and 50_wait, which writes ``started`` (and its kernel's pid) into ``flags`` and waits for ``release``."""
    import nbformat

    folder.mkdir()
    shutil.copy(NOTEBOOKS / "30_typed.ipynb", folder)
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(
        'workbook: str = ""  # workbook folder\nlang: str = "zh"  # labels\ninteractive: bool = True  # widgets\n'
        'output_dir: str = ""  # headline figures\nflags: str = ""  # folder of the test flags')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Fixture 50_wait"), params, nbformat.v4.new_code_cell(
        "import os, pathlib, time\nflag = pathlib.Path(flags)\n(flag / 'kernel.pid').write_text(str(os.getpid()))\n"
        "(flag / 'started').write_text('x')\nfor _ in range(3000):\n    if (flag / 'release').exists():\n"
        "        break\n    time.sleep(0.1)")]
    nbformat.write(nb, str(folder / "50_wait.ipynb"))
    return folder


def wait_for(path: Path, proc: subprocess.Popen, limit: float = 300) -> None:
    import time

    waited = 0.0
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
        waited += 0.05
        assert waited < limit, f"{path} never appeared"


@pytest.fixture
def waiting_report(small_workbook, tmp_path):
    """A good report of 30_typed and 50_wait; then a run of 50_wait started and waiting for the test."""
    folder = waiting_notebooks(tmp_path / "nbs")
    flags = tmp_path / "flags"
    flags.mkdir()
    (flags / "release").write_text("x", encoding="utf-8")
    out = tmp_path / "out"
    first = sqmkit("run", small_workbook, "--out", out, "--notebooks", folder, "-p", f"flags={flags}", "--no-progress")
    assert first.returncode == 0, first.stderr
    before = tree(out)
    for name in ("release", "started"):
        (flags / name).unlink()
    proc = subprocess.Popen([sys.executable, "-m", "sqmkit", "run", str(small_workbook), "--out", str(out), "--notebooks",
                             str(folder), "--only", "50", "-p", f"flags={flags}", "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV, stdin=subprocess.DEVNULL)
    wait_for(flags / "started", proc)
    yield out, before, proc, flags, folder
    (flags / "release").write_text("x", encoding="utf-8")
    if proc.poll() is None:
        proc.kill()
    proc.communicate()


def test_a_killed_run_leaves_the_report_and_the_next_run_removes_its_leftover(waiting_report, small_workbook):
    import signal

    out, before, proc, flags, folder = waiting_report
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert tree(out) == before
    leftovers = list(out.parent.glob(".out.tmp-*"))
    assert len(leftovers) == 1
    (flags / "release").write_text("x", encoding="utf-8")
    proc = sqmkit("run", small_workbook, "--out", out, "--notebooks", folder, "--only", "30", "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert not leftovers[0].exists() and not list(out.parent.glob(".out.*"))
    assert tree(out)["50_wait.html"] == before["50_wait.html"]


def test_sigterm_cleans_up_like_ctrl_c(waiting_report):
    import signal
    import time

    out, before, proc, flags, _ = waiting_report
    kernel = int((flags / "kernel.pid").read_text())
    proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 143, stderr
    assert "Traceback" not in stderr and "sqmkit run: interrupted (SIGTERM); the previous report is untouched" in stderr
    assert tree(out) == before and not list(out.parent.glob(".out.*"))
    for _ in range(100):  # the notebook's kernel was stopped with the run (bounded wait, no timing asserted)
        if not process_alive(kernel):
            break
        time.sleep(0.1)
    assert not process_alive(kernel)


#: the keys of run.json and of its notebooks as sqmkit 0.1 wrote them (before the report marker)
RUN_JSON_0_1 = ("out", "workbook", "started", "ended", "duration_s", "notebooks", "client", "title", "lang", "status",
                "versions")
NOTEBOOK_0_1 = ("name", "status", "duration_s", "notebook", "html", "cell_index", "ename", "evalue", "parameters",
                "section", "reason", "failures")


def as_0_1_report(out: Path) -> None:
    """Turn a report into one as sqmkit 0.1 left it: no marker, run.json with the 0.1 keys only."""
    import json

    (out / ".sqmkit-report").unlink(missing_ok=True)
    log = json.loads((out / "run.json").read_text(encoding="utf-8"))
    old = {k: log[k] for k in RUN_JSON_0_1 if k in log}
    old["notebooks"] = [{k: nb.get(k) for k in NOTEBOOK_0_1} for nb in log["notebooks"]]
    (out / "run.json").write_text(json.dumps(old, ensure_ascii=False, indent=1), encoding="utf-8")


def test_a_report_of_sqmkit_0_1_is_replaced_only_when_it_holds_nothing_else(small_workbook, tmp_path):
    out = tmp_path / "out"
    proc = sqmkit("run", small_workbook, "--out", out, "--notebooks", NOTEBOOKS, "--only", "10", "30", "--no-progress")
    assert proc.returncode == 0, proc.stderr
    as_0_1_report(out)
    (out / "notes.md").write_text("my notes on the report", encoding="utf-8")
    before = tree(out)
    err = no_traceback(sqmkit("run", small_workbook, "--out", out, "--notebooks", NOTEBOOKS, "--only", "30"))
    assert re.search(r"has a run\.json but is not an sqmkit report: it has no \.sqmkit-report marker and holds what "
                     r"sqmkit does not write \(notes\.md\).*if it is a report of sqmkit 0\.1, move those out of it", err)
    assert tree(out) == before
    (out / "notes.md").unlink()
    proc = sqmkit("run", small_workbook, "--out", out, "--notebooks", NOTEBOOKS, "--only", "30", "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert (out / ".sqmkit-report").is_file()  # upgraded: now marked, and the 0.1 page of 10_ok carried over
    assert tree(out)["10_ok.html"] == before["10_ok.html"]


# --------------------------------------------------------------------------------------------
# The report merges (issue 11): --only replaces only its pages, a failed notebook keeps its last good page
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def merged_runs(small_workbook_source, tmp_path_factory):
    """Four runs into one report; each run's output folder, exit code, stderr and run.json, in order.

    1. 10_ok and 30_typed; 2. ``--only 30 -p n=7``; 3. survey.csv removed: 10_ok fails; 4. survey.csv back.
    """
    import json

    base = tmp_path_factory.mktemp("merged")
    wb = base / "wb"
    shutil.copytree(small_workbook_source, wb)
    folder = base / "nbs"
    folder.mkdir()
    for name in ("10_ok", "30_typed"):
        shutil.copy(NOTEBOOKS / f"{name}.ipynb", folder)
    out = base / "out"
    survey = (wb / "data" / "survey.csv").read_bytes()
    runs = []
    for step, extra in enumerate([[], ["--only", "30", "-p", "n=7"], [], []], 1):
        if step == 3:
            (wb / "data" / "survey.csv").unlink()
        if step == 4:
            (wb / "data" / "survey.csv").write_bytes(survey)
        proc = sqmkit("run", wb, "--out", out, "--notebooks", folder, "--no-progress", *extra)
        runs.append({"code": proc.returncode, "stderr": proc.stderr, "files": tree(out),
                     "log": json.loads((out / "run.json").read_text(encoding="utf-8"))})
    return out, runs


def pages(log: dict) -> dict:
    return {page["name"]: page for page in log["notebooks"]}


def page_files(files: dict, name: str) -> dict:
    return {path: data for path, data in files.items() if Path(path).name.startswith(f"{name}.")
            or Path(path).name.startswith(f"{name}__")}


def test_only_replaces_only_the_pages_it_runs(merged_runs):
    _, (first, second, *_) = merged_runs
    assert first["code"] == 0 and second["code"] == 0, second["stderr"]
    kept = page_files(first["files"], "10_ok")
    assert {"10_ok.html", "notebooks/10_ok.ipynb", "results/10_ok.json", "tables/10_ok__comments.csv"} <= set(kept)
    assert page_files(second["files"], "10_ok") == kept  # byte-identical
    assert second["files"]["30_typed.html"] != first["files"]["30_typed.html"]
    import json

    results = json.loads(second["files"]["results.json"])
    assert results["10_ok"]["n_tickets"]["value"] == 300 and results["30_typed"]["n"]["value"] == 7
    book = openpyxl.load_workbook(__import__("io").BytesIO(second["files"]["tables.xlsx"]))
    assert "10_ok_comments" in book.sheetnames
    # run.json: per page, the run that produced it
    one, two = pages(first["log"]), pages(second["log"])
    assert two["10_ok"]["run"] == one["10_ok"]["run"] and two["10_ok"]["status"] == "ok"
    assert two["30_typed"]["run"]["id"] == second["log"]["run_id"] != first["log"]["run_id"]
    assert two["30_typed"]["run"]["parameters"]["n"] == 7 and two["30_typed"]["run"]["status"] == "ok"
    assert set(two["30_typed"]["run"]) == {"id", "started", "parameters", "status"}
    assert second["log"]["ran"] == ["30_typed"]
    index = second["files"]["index.html"].decode("utf-8")
    assert 'href="10_ok.html"' in index and 'href="30_typed.html"' in index
    when = one["10_ok"]["run"]["started"][:16].replace("T", " ")
    assert f"本页来自 {when} 的运行" in index  # a page carried over says from which run


def test_a_failed_notebook_keeps_its_last_good_page_marked_stale(merged_runs):
    out, (first, second, third, _) = merged_runs
    assert third["code"] == 1
    assert "failed 10_ok" in third["stderr"] and "its last good page (run of " in third["stderr"]
    good = page_files(second["files"], "10_ok")
    page = pages(third["log"])["10_ok"]
    this_run = set(page["stale"]["files"])
    assert this_run == {"failed/10_ok.ipynb", "failed/10_ok.html", "failed/10_ok.kernel.log", "logs/10_ok.errors.log"}
    assert {k: v for k, v in page_files(third["files"], "10_ok").items() if k not in this_run} == good
    import json

    assert json.loads(third["files"]["results.json"])["10_ok"]["n_tickets"]["value"] == 300
    assert page["status"] == "stale" and page["run"] == pages(first["log"])["10_ok"]["run"]
    assert page["stale"]["run"]["id"] == third["log"]["run_id"] and page["stale"]["run"]["status"] == "failed"
    assert page["stale"]["ename"] == "TypeError"
    # the failed executed notebook, its page and its errors are kept for the analyst
    assert b"TypeError" in third["files"]["failed/10_ok.ipynb"]
    assert b"errors of failed/10_ok.ipynb" in third["files"]["logs/10_ok.errors.log"]
    failed_page = third["files"]["failed/10_ok.html"].decode("utf-8")
    assert "完整的错误信息在 failed/10_ok.ipynb 和 logs/ 文件夹中" in failed_page
    assert '<a href="../index.html">' in failed_page
    assert pages(third["log"])["30_typed"]["run"]["id"] == third["log"]["run_id"]  # the others are updated
    index = third["files"]["index.html"].decode("utf-8")
    when = page["run"]["started"][:16].replace("T", " ")
    assert 'class="badge stale"' in index and f"本页来自 {when} 的运行" in index
    assert "本次运行未能更新本页。未能完成：Fixture 10_ok——分析过程中出现意外错误（TypeError）。" in index
    assert 'href="failed/10_ok.html"' in index and 'href="logs/10_ok.errors.log"' in index


def test_a_good_run_clears_the_stale_mark(merged_runs):
    out, (*_, third, fourth) = merged_runs
    assert fourth["code"] == 0, fourth["stderr"]
    page = pages(fourth["log"])["10_ok"]
    assert page["status"] == "ok" and page["run"]["id"] == fourth["log"]["run_id"] and not page.get("stale")
    assert not [path for path in fourth["files"] if path.startswith("failed/")]
    index = fourth["files"]["index.html"].decode("utf-8")
    assert "badge stale" not in index and "本次运行未能更新本页" not in index
