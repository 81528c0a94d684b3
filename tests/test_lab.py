"""``sqmkit lab``: the working copy of the notebooks and the JupyterLab command (no server started here).

The server itself, the widgets and the saved files are driven in a real browser by tests/browser/.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from sqmkit import lab, narrative
from sqmkit.exceptions import ConfigError, ParameterError
from sqmkit.resources import notebooks_folder, sample_workbook
from sqmkit.runner import notebook_parameters

BUNDLED = sorted(p.name for p in notebooks_folder().glob("*.ipynb"))


def _params(path: Path) -> dict:
    return {name: spec["default"] for name, spec in notebook_parameters(path).items()}


def test_working_copy_is_bound_to_the_workbook(small_workbook):
    shop = lab.prepare_workshop(small_workbook)
    assert shop.folder == small_workbook.resolve() / "workshop"
    assert shop.added == BUNDLED and shop.kept == [] and shop.rebound == [] and shop.sample == ""
    for name in BUNDLED:
        values = _params(shop.folder / name)
        assert values["workbook"] == str(small_workbook.resolve())
        assert values["lang"] == "zh" and values["interactive"] is True and values["output_dir"] == ""
    # everything but the parameters cell is the bundled notebook in the workbook's language
    mine = nbformat.read(shop.folder / "03_root_cause.ipynb", as_version=4)
    bundled = narrative.in_language(nbformat.read(notebooks_folder() / "03_root_cause.ipynb", as_version=4), "zh")
    changed = [i for i, (a, b) in enumerate(zip(mine.cells, bundled.cells)) if a.source != b.source]
    assert len(mine.cells) == len(bundled.cells) and len(changed) == 1
    assert "parameters" in mine.cells[changed[0]].metadata["tags"]
    line = next(x for x in mine.cells[changed[0]].source.splitlines() if x.startswith("workbook"))
    assert line.startswith(f'workbook: str = "{small_workbook.resolve()}"') and "# workbook folder" in line


def test_language_and_parameters_of_sqmkit_yaml_are_filled_in(small_workbook):
    config = small_workbook / "sqmkit.yaml"
    text = config.read_text(encoding="utf-8").replace("lang: zh", "lang: en")
    config.write_text(text + "\nparameters:\n  freq: W\n  threshold: 70\n", encoding="utf-8")
    shop = lab.prepare_workshop(small_workbook)
    assert shop.lang == "en"
    assert _params(shop.folder / "02_service_kpis.ipynb")["freq"] == "W"
    assert _params(shop.folder / "03_root_cause.ipynb")["threshold"] == 70.0
    assert _params(shop.folder / "04_pdca_tracking.ipynb")["lang"] == "en"
    assert "Workshop notebooks of workbook" in lab.describe(shop)


def test_bad_parameters_of_sqmkit_yaml_are_refused_as_by_run(small_workbook):
    config = small_workbook / "sqmkit.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nparameters:\n  freq: fortnight\n", encoding="utf-8")
    with pytest.raises(ParameterError, match=r"freq.*fortnight"):
        lab.prepare_workshop(small_workbook)
    assert not (small_workbook / "workshop").exists()


def test_notebooks_already_there_are_never_overwritten(small_workbook):
    shop = lab.prepare_workshop(small_workbook)
    edited = shop.folder / "03_root_cause.ipynb"
    nb = nbformat.read(edited, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("客户的笔记：先看投诉最多的渠道"))
    nbformat.write(nb, edited)
    before = edited.read_bytes()
    (shop.folder / "05_satisfaction.ipynb").unlink()
    (shop.folder / "my_own.ipynb").write_text("not even a notebook", encoding="utf-8")

    again = lab.prepare_workshop(small_workbook)
    assert again.added == ["05_satisfaction.ipynb"]
    assert again.kept == [n for n in BUNDLED if n != "05_satisfaction.ipynb"] and again.rebound == []
    assert edited.read_bytes() == before
    assert (shop.folder / "my_own.ipynb").read_text(encoding="utf-8") == "not even a notebook"
    said = lab.describe(again)
    assert "05_satisfaction.ipynb" in said and "从不覆盖" in said


def test_a_moved_workbook_gets_only_its_workbook_line_rewritten(small_workbook, tmp_path):
    lab.prepare_workshop(small_workbook)
    old = small_workbook / "workshop" / "04_pdca_tracking.ipynb"
    nb = nbformat.read(old, as_version=4)
    nb.cells[0].source += "\n\n咨询顾问的修改"
    nbformat.write(nb, old)
    moved = tmp_path / "next-month"
    shutil.copytree(small_workbook, moved)  # a copy for next month: its notebooks still name the old folder

    shop = lab.prepare_workshop(moved)
    assert shop.rebound == BUNDLED and shop.added == []
    copied = nbformat.read(moved / "workshop" / "04_pdca_tracking.ipynb", as_version=4)
    assert _params(moved / "workshop" / "04_pdca_tracking.ipynb")["workbook"] == str(moved.resolve())
    assert copied.cells[0].source.endswith("咨询顾问的修改")
    assert lab.bound_workbook(old) == str(small_workbook.resolve())  # the original is untouched
    assert str(moved.resolve()) in lab.describe(shop)


def test_without_workbook_an_editable_copy_of_the_sample_is_made(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shop = lab.prepare_workshop()
    copy = tmp_path / lab.SAMPLE_COPY
    assert shop.workbook == copy and shop.sample == "made"
    assert (copy / "sqmkit.yaml").read_bytes() == (sample_workbook() / "sqmkit.yaml").read_bytes()
    assert all(os.access(p, os.W_OK) for p in (copy / "data").iterdir())
    assert _params(copy / "workshop" / "03_root_cause.ipynb")["workbook"] == str(copy)
    assert not (sample_workbook() / "workshop").exists()   # the bundled sample is never written
    assert "只读" in lab.describe(shop)
    # the next start reuses the copy and whatever was saved into it
    (copy / "data" / "causes.csv").write_text("edited", encoding="utf-8")
    again = lab.prepare_workshop(sample_workbook())
    assert again.sample == "reused" and (copy / "data" / "causes.csv").read_text(encoding="utf-8") == "edited"


def test_the_sample_copy_never_goes_into_a_folder_that_is_not_a_workbook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / lab.SAMPLE_COPY).mkdir()
    (tmp_path / lab.SAMPLE_COPY / "notes.md").write_text("mine", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"sqmkit-sample already exists and is not a workbook.*sqmkit sample DIR"):
        lab.prepare_workshop()
    assert os.listdir(tmp_path / lab.SAMPLE_COPY) == ["notes.md"]


def test_folders_that_are_not_workbooks_are_refused(small_workbook, tmp_path):
    with pytest.raises(ConfigError, match=r"does not exist.*sqmkit new DIR"):
        lab.prepare_workshop(tmp_path / "nowhere")
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"is a file, not a folder"):
        lab.prepare_workshop(tmp_path / "file.txt")
    lab.prepare_workshop(small_workbook)
    with pytest.raises(ConfigError, match=r"is the working copy of the notebooks of workbook .*Fix: start `sqmkit lab"):
        lab.prepare_workshop(small_workbook / "workshop")
    with pytest.raises(ConfigError, match=r"sqmkit.yaml is missing"):
        lab.prepare_workshop(small_workbook / "data")


def test_a_file_called_workshop_is_refused(small_workbook):
    (small_workbook / "workshop").write_text("notes", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"workshop is a file.*rename or move"):
        lab.prepare_workshop(small_workbook)


def test_lab_settings_save_widget_state_and_stay_the_users_once_changed(small_workbook):
    shop = lab.prepare_workshop(small_workbook)
    settings = shop.lab_dir / "settings"
    widgets = settings / "@jupyter-widgets" / "jupyterlab-manager" / "plugin.jupyterlab-settings"
    assert json.loads(widgets.read_text(encoding="utf-8")) == {"saveState": True}
    news = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    assert json.loads(news.read_text(encoding="utf-8"))["fetchNews"] == "false"
    theme = '{"theme": "JupyterLab Dark", "saveState": true}'
    widgets.write_text(theme, encoding="utf-8")
    lab.prepare_workshop(small_workbook)
    assert widgets.read_text(encoding="utf-8") == theme
    kernel = json.loads((shop.lab_dir / "jupyter" / "kernels" / "python3" / "kernel.json").read_text())
    assert kernel["argv"][0] == sys.executable and "inline" in kernel["env"]["MPLBACKEND"]


def test_jupyterlab_command_points_at_the_working_copy_only(small_workbook, monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", "/elsewhere")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    shop = lab.prepare_workshop(small_workbook)
    argv, env = lab.lab_command(shop, port=9999, open_browser=False)
    assert argv[:3] == [sys.executable, "-m", "jupyterlab"]
    options = dict(a.lstrip("-").split("=", 1) for a in argv[3:] if "=" in a)
    assert options["ServerApp.root_dir"] == str(shop.folder)
    assert options["ServerApp.port"] == "9999" and options["ServerApp.open_browser"] == "False"
    assert options["ServerApp.ip"] == "localhost"
    for key in ("LabApp.user_settings_dir", "LabApp.workspaces_dir", "NotebookNotary.data_dir"):
        assert Path(options[key]).is_relative_to(shop.lab_dir)
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(shop.lab_dir / "jupyter"), "/elsewhere"]
    assert "MPLBACKEND" not in env


@pytest.mark.parametrize("port", [0, 70000, -1, True])
def test_a_bad_port_is_refused(small_workbook, port):
    shop = lab.prepare_workshop(small_workbook)
    with pytest.raises(ParameterError, match=r"The value for `--port` must be a whole number from 1 to 65535"):
        lab.lab_command(shop, port=port)


def test_bind_parameters_keeps_types_and_help():
    source = ('workbook: str = ""        # workbook folder\nlang: str = "zh"  # zh or en\n'
              'threshold: float = 80.0   # cumulative share\nkeep = 3\n')
    out = lab.bind_parameters(
        source, {"workbook": 'C:\\客户\\"星海"', "lang": "zh", "threshold": 70.0, "missing": 1})
    lines = out.splitlines()
    assert lines[0] == 'workbook: str = "C:\\\\客户\\\\\\"星海\\""        # workbook folder'
    assert lines[1] == 'lang: str = "zh"  # zh or en' and lines[2] == "threshold: float = 70.0   # cumulative share"
    assert lines[3] == "keep = 3"
    namespace: dict = {}
    exec(out, namespace)  # noqa: S102 - the cell stays valid Python with the values given
    assert namespace["workbook"] == 'C:\\客户\\"星海"' and namespace["threshold"] == 70.0


def test_cli_lab_refuses_a_missing_workbook_without_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "sqmkit", "lab", str(tmp_path / "nowhere"), "--no-browser"],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
    assert proc.returncode == 2
    assert "sqmkit lab: error: Workbook folder" in proc.stderr and "Traceback" not in proc.stderr


_FAKE_LAB = r'''
import signal, sys, time
from pathlib import Path
from sqmkit import lab

marker, mode = Path(sys.argv[1]), sys.argv[2]
server = (
    "import signal, sys, time, pathlib\n"
    "def stop(*_):\n"
    f"    pathlib.Path({str(marker)!r}).write_text('stopped cleanly')\n"
    "    sys.exit(0)\n"
    "signal.signal(signal.SIGTERM, stop)\n"
    f"pathlib.Path({str(marker)!r} + '.ready').write_text('')\n"
    + ("sys.exit(3)\n" if mode == "fails" else "time.sleep(60)\n"))
lab.lab_command = lambda workshop, **kw: ([sys.executable, "-c", server], None)
shop = lab.Workshop(workbook=marker.parent, folder=marker.parent, lang="en")
sys.exit(lab.run_lab(shop, log=sys.stdout))
'''


@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM"])
def test_ctrl_c_or_sigterm_stops_jupyterlab_cleanly(tmp_path, how):
    """One Ctrl-C to ``sqmkit lab`` (or SIGTERM) asks JupyterLab to stop (SIGTERM: its clean shutdown), exit 0."""
    import signal
    import time

    marker = tmp_path / "server.txt"
    proc = subprocess.Popen([sys.executable, "-c", _FAKE_LAB, str(marker), "runs"], stdout=subprocess.PIPE,
                            text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    for _ in range(300):
        if (tmp_path / "server.txt.ready").exists():
            break
        time.sleep(0.1)
    proc.send_signal(getattr(signal, how))
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert marker.read_text() == "stopped cleanly"   # the server got SIGTERM, it was not killed
    assert "Workshop ended: JupyterLab and its kernels are stopped" in out


def test_jupyterlab_failing_by_itself_exits_1(tmp_path):
    marker = tmp_path / "server.txt"
    proc = subprocess.run([sys.executable, "-c", _FAKE_LAB, str(marker), "fails"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1 and "JupyterLab stopped by itself (exit code 3)" in proc.stdout
