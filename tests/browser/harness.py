"""A real JupyterLab (started with ``sqmkit lab``) driven in Debian's Chromium by Playwright.

:class:`Lab` starts ``python -m sqmkit lab WORKBOOK --port P --no-browser`` on a free localhost
port with a token, in a temporary folder (its own Jupyter config and runtime folders), and
stops it as a consultant does: SIGINT (Ctrl-C) to the ``sqmkit lab`` process.
:class:`Notebook` drives one notebook in a page: open it, run all cells, wait for the kernel,
list error outputs, save, find a widget by its ``sqmkit-<editor>-<control>`` class, screenshot.

JupyterLab is told to expose its application object (``window.jupyterapp``, as JupyterLab's own
Galata tests do) through a Jupyter config folder of the test's, so that "run all", "save" and
"open" are JupyterLab's own commands; typing and clicking in the widgets is done as a user does.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

#: Chromium flags for this machine (closed network, root, no GPU); Playwright adds a fresh profile.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
START_TIMEOUT_S = 120
RUN_TIMEOUT_MS = 240_000


def find_chromium() -> str | None:
    """The system Chromium: ``$SQMKIT_CHROMIUM``, else the first of :data:`CHROMIUM_CANDIDATES` on PATH."""
    wanted = os.environ.get("SQMKIT_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).is_file() else None
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


def fontconfig_file(folder: Path) -> Path:
    """A fontconfig file: the system's fonts plus the packaged Noto Sans CJK (Chinese in the page, not tofu).

    A consultant's machine has CJK fonts; a CI machine may have none. Chromium draws the widgets'
    labels with system fonts, so the tests hand it the font sqmkit already ships for its charts.
    """
    import noto_cjk_sans_otc

    font_dir = Path(str(noto_cjk_sans_otc.FONT_PATH)).parent
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{font_dir}</dir>\n  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n", encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """``sqmkit lab WORKBOOK`` running in the background; ``with Lab(...) as lab:`` starts and stops it."""

    def __init__(self, workbook: Path, tmp: Path, *, args: tuple[str, ...] = ()):
        self.workbook, self.tmp, self.args = Path(workbook), Path(tmp), args
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.proc: subprocess.Popen | None = None
        self.log = self.tmp / f"lab-{self.port}.log"
        self.returncode: int | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Lab":
        config = self.tmp / "jupyter-config"
        config.mkdir(parents=True, exist_ok=True)
        (config / "jupyter_server_config.json").write_text(
            json.dumps({"LabApp": {"expose_app_in_browser": True}}), encoding="utf-8")
        env = dict(os.environ, JUPYTER_TOKEN=self.token, JUPYTER_CONFIG_DIR=str(config),
                   JUPYTER_RUNTIME_DIR=str(self.tmp / "jupyter-runtime"), PYTHONUNBUFFERED="1")
        handle = open(self.log, "ab")  # noqa: SIM115 - the process writes it until it ends
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sqmkit", "lab", str(self.workbook), "--port", str(self.port), "--no-browser",
             *self.args],
            cwd=self.tmp, env=env, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            # Ctrl-C must reach it even when the test runner ignores SIGINT in its workers
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        handle.close()
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"sqmkit lab ended with {self.proc.returncode} before serving:\n{self.output()}")
            try:
                req = urllib.request.Request(f"{self.url}/api/status", headers={"Authorization": f"token {self.token}"})
                with urllib.request.urlopen(req, timeout=2) as resp:
                    if resp.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer on {self.url} within {START_TIMEOUT_S} s:\n{self.output()}")

    def stop(self, timeout: float = 60) -> int | None:
        """Ctrl-C to ``sqmkit lab`` (it shuts JupyterLab and its kernels down); its exit code."""
        if self.proc is None or self.returncode is not None:
            return self.returncode
        self.proc.send_signal(signal.SIGINT)
        try:
            self.returncode = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.returncode = self.proc.wait()
        return self.returncode

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def lab_url(self, path: str = "") -> str:
        return f"{self.url}/lab{'/tree/' + path if path else ''}?reset&token={self.token}"

    def __enter__(self) -> "Lab":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


_OPEN = """async (path) => {
  const app = window.jupyterapp;
  await app.started; await app.restored;
  const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  await panel.context.ready; await panel.sessionContext.ready;
  app.shell.activateById(panel.id);
  window.__sqmkit = panel;
  return panel.sessionContext.session ? panel.sessionContext.session.kernel.name : null;
}"""
_RUN_ALL = """async () => {
  const panel = window.__sqmkit; const app = window.jupyterapp;
  app.shell.activateById(panel.id);
  await panel.sessionContext.ready;
  const ok = await app.commands.execute('notebook:run-all-cells');
  const kernel = panel.sessionContext.session.kernel;
  for (let i = 0; i < 600 && kernel.status !== 'idle'; i++) { await new Promise(r => setTimeout(r, 100)); }
  return {ok, status: kernel.status};
}"""
_ERRORS = """() => {
  const cells = window.__sqmkit.content.model.cells; const found = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    for (let j = 0; j < cell.outputs.length; j++) {
      const out = cell.outputs.get(j).toJSON();
      if (out.output_type === 'error') found.push({cell: i, ename: out.ename, evalue: out.evalue});
    }
  }
  return found;
}"""
_SAVE = """async () => {
  const panel = window.__sqmkit; const app = window.jupyterapp;
  app.shell.activateById(panel.id);
  await app.commands.execute('docmanager:save');
  for (let i = 0; i < 100 && panel.context.model.dirty; i++) { await new Promise(r => setTimeout(r, 100)); }
  return !panel.context.model.dirty;
}"""
_RUN_CELL = """async (node) => {
  const panel = window.__sqmkit; const app = window.jupyterapp;
  app.shell.activateById(panel.id);
  const index = panel.content.widgets.findIndex(cell => cell.node === node);
  if (index < 0) return {status: 'no such cell'};
  panel.content.activeCellIndex = index;
  await app.commands.execute('notebook:run-cell');
  const kernel = panel.sessionContext.session.kernel;
  await new Promise(r => setTimeout(r, 200));
  for (let i = 0; i < 600 && kernel.status !== 'idle'; i++) { await new Promise(r => setTimeout(r, 100)); }
  return {status: kernel.status};
}"""
_SHUTDOWN = """async () => {
  const panel = window.__sqmkit; await panel.sessionContext.shutdown(); return true;
}"""


class Notebook:
    """One notebook of the working copy in a Playwright page."""

    def __init__(self, page, lab: Lab, name: str, shots: Path):
        self.page, self.lab, self.name, self.shots = page, lab, name, Path(shots)

    def open(self) -> "Notebook":
        self.page.goto(self.lab.lab_url(), wait_until="domcontentloaded")
        self.page.wait_for_function("() => window.jupyterapp !== undefined", timeout=90_000)
        self.kernel = self.page.evaluate(_OPEN, self.name)
        self.page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        return self

    def run_all(self) -> list[dict]:
        """Run all cells (JupyterLab's own command) and wait for the kernel; the error outputs found."""
        result = self.page.evaluate(_RUN_ALL)
        assert result["status"] == "idle", result
        return self.errors()

    def run_cell(self, cell) -> list[dict]:
        """Run the one code cell ``cell`` (a locator of its ``.jp-CodeCell``), as Ctrl-Enter does; the error outputs."""
        result = cell.evaluate(_RUN_CELL)
        assert result["status"] == "idle", result
        return self.errors()

    def errors(self) -> list[dict]:
        return self.page.evaluate(_ERRORS)

    def save(self) -> None:
        assert self.page.evaluate(_SAVE), "the notebook stayed unsaved"

    def shutdown_kernel(self) -> None:
        self.page.evaluate(_SHUTDOWN)

    def control(self, name: str):
        """The widget control with the CSS class ``name`` (e.g. ``sqmkit-fishbone-cause``)."""
        return self.page.locator(f".{name}")

    def screenshot(self, name: str, locator=None) -> Path:
        """A screenshot (of ``locator`` when given, else the page) under the test's folder; copied to
        ``$SQMKIT_SCREENSHOTS`` when that is set."""
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{name}.png"
        if locator is not None:
            locator.scroll_into_view_if_needed()
            locator.screenshot(path=str(path))
        else:
            self.page.screenshot(path=str(path))
        wanted = os.environ.get("SQMKIT_SCREENSHOTS")
        if wanted:
            Path(wanted).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(wanted) / path.name)
        return path
