"""``sqmkit lab``: JupyterLab on a working copy of the notebooks, bound to one workbook.

A workshop runs live in JupyterLab on the notebooks that ``sqmkit run`` executes. The bundled
notebooks live inside the installed package (read-only, shared by every workbook, their
``workbook`` parameter empty), so ``sqmkit lab WORKBOOK`` works on a copy that belongs to the
workbook:

=====================================  =================================================================
``WORKBOOK/workshop/NN_name.ipynb``    the working copy: one per bundled notebook, its parameters cell
                                       bound to the workbook (``workbook`` = the absolute path, ``lang`` =
                                       the workbook's, and sqmkit.yaml ``parameters:`` as ``sqmkit run``
                                       applies them, checked the same way). The consultant's: never
                                       overwritten.
``WORKBOOK/workshop/.sqmkit-lab/``     sqmkit's JupyterLab set-up for this workbook, never the user's
                                       ``~/.jupyter``: ``settings/`` (JupyterLab user settings: the widget
                                       manager's ``saveState``, no news or update checks), ``workspaces/``
                                       (the open tabs), ``jupyter/kernels/python3/`` (a kernel of the
                                       interpreter running sqmkit, found first through ``JUPYTER_PATH``)
                                       and the notebook trust database.
=====================================  =================================================================

Rules of the working copy (:func:`prepare_workshop`):

* A notebook already in ``workshop/`` is kept as it is (edits, outputs, saved widget state); only
  the missing ones are added. :func:`describe` says which were added and which kept; delete a
  notebook there to get a fresh copy at the next start.
* A kept notebook whose ``workbook`` line names another folder (the workbook was moved, or copied
  for the next month) has that one line rewritten, so that a save never lands in the other
  workbook; it is listed as bound again.
* Without WORKBOOK the bundled sample, which is read-only (widgets never save into it), is first
  copied to ``./sqmkit-sample`` (reused when that already is a workbook; refused when it is
  something else), and the workshop runs on the copy.

:func:`run_lab` starts JupyterLab (``python -m jupyterlab``) on ``localhost`` with the workshop
folder as its root, in a process group of its own; one Ctrl-C (or SIGTERM) ends it cleanly: the
server shuts its kernels down and the command exits 0. What was not saved in the browser is lost
(JupyterLab saves every two minutes): save with Ctrl-S first.

Why ``saveState``: the widgets' models live in the kernel. A notebook saved without their state
reopens showing "Error displaying widget: model not found" in place of every editor. With the
widget manager's ``saveState`` on, each save stores the state in the notebook, and a reopened
notebook shows the widgets as they were until the cells are run again.
"""
from __future__ import annotations

import ast
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from sqmkit.exceptions import ConfigError, ParameterError, SqmkitError
from sqmkit.glossary import message, message_lang

__all__ = ["Workshop", "prepare_workshop", "bind_parameters", "bound_workbook", "lab_command", "run_lab",
           "describe", "WORKSHOP_FOLDER", "LAB_FOLDER", "SAMPLE_COPY", "LAB_SETTINGS"]

#: The working copy's folder inside the workbook.
WORKSHOP_FOLDER = "workshop"
#: sqmkit's JupyterLab set-up inside the working copy (hidden in JupyterLab's file browser).
LAB_FOLDER = ".sqmkit-lab"
#: Where ``sqmkit lab`` without WORKBOOK puts the editable copy of the bundled sample (in the current folder).
SAMPLE_COPY = "sqmkit-sample"
#: JupyterLab user settings written when missing: ``{plugin id: settings}``.
LAB_SETTINGS: dict[str, dict[str, Any]] = {
    # widget state saved with the notebook: no "model not found" when it is reopened
    "@jupyter-widgets/jupyterlab-manager/plugin": {"saveState": True},
    # no request to the Jupyter news feed or PyPI, and no toast asking for it over the widgets
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}
_KERNEL_ENV = {
    # charts go inline even when the caller's environment sets MPLBACKEND (e.g. Agg on CI); as in runner.py
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
}
_STOP_WAIT_S = 30.0


@dataclass
class Workshop:
    """A prepared working copy (:func:`prepare_workshop`)."""

    workbook: Path                 # the workbook the notebooks are bound to (absolute)
    folder: Path                   # WORKBOOK/workshop: JupyterLab's root folder
    lang: str                      # the workbook's language (messages, the notebooks' ``lang``)
    added: list[str] = field(default_factory=list)     # notebooks copied now
    kept: list[str] = field(default_factory=list)      # notebooks already there, left as they were
    rebound: list[str] = field(default_factory=list)   # kept notebooks whose ``workbook`` line was rewritten
    sample: str = ""               # "made" / "reused": the workbook is the editable copy of the sample

    @property
    def lab_dir(self) -> Path:
        return self.folder / LAB_FOLDER


# --- the working copy ---------------------------------------------------------------------------

def _literal(value: Any) -> str:
    """``value`` as Python source for a parameters cell (strings in double quotes, Chinese kept)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid Python literal
    return repr(value)


def _char_col(line: str, byte_col: int) -> int:
    """ast's column offsets count UTF-8 bytes; the line is text."""
    return len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))


def _assignments(source: str) -> list[tuple[str, ast.expr]]:
    tree = ast.parse(source)
    found = []
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            found.append((node.target.id, node.value))
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            found.append((node.targets[0].id, node.value))
    return found


def bind_parameters(source: str, values: Mapping[str, Any]) -> str:
    """The parameters cell ``source`` with the values of ``values`` written in place of its defaults.

    Only the value of each ``name: type = value  # help`` line changes (its type and help stay);
    values equal to the default are left as they are; names the cell does not declare are ignored.

    >>> bind_parameters('workbook: str = ""  # folder\\nlang: str = "zh"  # zh or en', {"workbook": "/w/星海", "lang": "zh"})
    'workbook: str = "/w/星海"  # folder\\nlang: str = "zh"  # zh or en'
    """
    lines = source.splitlines(keepends=True)
    edits = []
    for name, node in _assignments(source):
        if name not in values:
            continue
        try:
            current = ast.literal_eval(node)
        except ValueError:
            current = object()
        wanted = values[name]
        if type(current) is type(wanted) and current == wanted:
            continue
        edits.append((node.lineno - 1, node.col_offset, node.end_lineno - 1, node.end_col_offset, _literal(wanted)))
    for first, start, last, end, text in sorted(edits, reverse=True):
        head = lines[first][:_char_col(lines[first], start)]
        tail = lines[last][_char_col(lines[last], end):]
        lines[first:last + 1] = [head + text + tail]
    return "".join(lines)


def _parameters_cell(nb: Any) -> Any:
    cells = [c for c in nb.cells if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])]
    return cells[0] if cells else None


def bound_workbook(notebook: str | Path) -> str | None:
    """The ``workbook`` value of a notebook's parameters cell (None: no such cell or line, or unreadable)."""
    import nbformat

    try:
        cell = _parameters_cell(nbformat.read(str(notebook), as_version=4))
        if cell is None:
            return None
        for name, node in _assignments(cell.source):
            if name == "workbook":
                value = ast.literal_eval(node)
                return value if isinstance(value, str) else None
    except Exception:  # a notebook the consultant broke is theirs: report it unbound, never fail on it
        return None
    return None


def _same_folder(path: str | None, folder: Path) -> bool:
    if not path:
        return False
    try:
        return Path(path).expanduser().resolve() == folder
    except OSError:
        return False


def _write_new(path: Path, nb: Any) -> bool:
    """Write a new notebook at ``path`` unless one appeared meanwhile (never overwrites); True if written."""
    import nbformat

    tmp = path.with_name(f".{path.name}.sqmkit-tmp-{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            nbformat.write(nb, fh)
        try:
            os.link(tmp, path)          # atomic and refuses an existing file
        except FileExistsError:
            return False
        except OSError:                 # a file system without hard links (FAT on a USB stick)
            try:
                with open(path, "x", encoding="utf-8") as fh:
                    nbformat.write(nb, fh)
            except FileExistsError:
                return False
        return True
    finally:
        tmp.unlink(missing_ok=True)


def _rebind(path: Path, workbook: Path) -> bool:
    """Rewrite only the ``workbook`` line of a kept notebook's parameters cell; True if it was rewritten."""
    import nbformat

    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception:
        return False
    cell = _parameters_cell(nb)
    if cell is None:
        return False
    source = bind_parameters(cell.source, {"workbook": str(workbook)})
    if source == cell.source:
        return False
    cell.source = source
    tmp = path.with_name(f".{path.name}.sqmkit-tmp-{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            nbformat.write(nb, fh)
        shutil.copymode(path, tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return True


def _sample_copy(target: Path) -> str:
    """Copy the bundled sample into ``target`` (or reuse a workbook there); "made" or "reused"."""
    from sqmkit.resources import sample_workbook

    if (target / "sqmkit.yaml").is_file():
        return "reused"
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ConfigError(message("cmd_lab_sample_target_taken", target=target))
    # copyfile, not copy2: an installed package's files may be read-only, and the copy must be editable
    shutil.copytree(sample_workbook(), target, copy_function=shutil.copyfile, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".backup", WORKSHOP_FOLDER, "__pycache__", "*.bak"))
    return "made"


def _workbook_folder(workbook: str | Path | None, sample_copy: str | Path | None) -> tuple[Path, str]:
    from sqmkit.resources import sample_workbook

    sample = sample_workbook().resolve()
    if workbook in (None, "") or Path(workbook).expanduser().resolve() == sample:
        target = Path(sample_copy if sample_copy is not None else Path.cwd() / SAMPLE_COPY).expanduser().resolve()
        return target, _sample_copy(target)
    folder = Path(workbook).expanduser().resolve()
    if folder.exists() and not folder.is_dir():
        raise ConfigError(message("cmd_workbook_is_file", path=repr(str(folder))))
    if not folder.is_dir():
        raise ConfigError(message("cmd_lab_workbook_missing", path=repr(str(folder))))
    if not (folder / "sqmkit.yaml").is_file():
        owner = next((p for p in folder.parents if (p / "sqmkit.yaml").is_file()
                      and folder.is_relative_to(p / WORKSHOP_FOLDER)), None)
        if owner is not None:
            raise ConfigError(message("cmd_lab_workshop_not_workbook", folder=folder, owner=owner))
    return folder, ""


def prepare_workshop(workbook: str | Path | None = None, *, notebooks_folder: str | Path | None = None,
                     sample_copy: str | Path | None = None) -> Workshop:
    """Make (or complete) the working copy of the notebooks bound to ``workbook``.

    Parameters
    ----------
    workbook : str or Path, optional
        The workbook folder (``sqmkit.yaml`` + ``data/``). None or "" (or the bundled sample's own
        folder): an editable copy of the bundled sample in ``sample_copy``.
    notebooks_folder : str or Path, optional
        Copy the notebooks of this folder instead of the bundled ones (``sqmkit lab --notebooks``).
    sample_copy : str or Path, optional
        Where the sample's copy goes (default ``./sqmkit-sample``).

    Returns
    -------
    Workshop
        The working copy ``WORKBOOK/workshop`` and what was added, kept and bound again.

    Raises
    ------
    ConfigError
        No such workbook folder, a bad sqmkit.yaml, ``workshop`` is a file, or the sample's copy
        would go into a folder that is not a workbook.
    ParameterError
        sqmkit.yaml ``parameters:`` that ``sqmkit run`` would refuse (same checks, same message).
    """
    import nbformat

    from sqmkit import io, narrative
    from sqmkit.parameters import Context
    from sqmkit.runner import list_notebooks, resolve_parameters

    folder, sample = _workbook_folder(workbook, sample_copy)
    config = io.load_config(folder)
    lang = str(config.get("lang") or "zh")
    notebooks = list_notebooks(folder=notebooks_folder)
    if not notebooks:
        raise ConfigError(message("cmd_no_notebooks", folder=notebooks_folder, fix=message("cmd_lab_no_notebooks_fix")))
    builtins = {"workbook": str(folder), "lang": lang, "interactive": True, "output_dir": ""}
    plan = resolve_parameters(notebooks, builtins=builtins, config_parameters=config.get("parameters") or {},
                              all_notebooks=notebooks, context=Context(config=config, workbook=folder),
                              config_file=folder / "sqmkit.yaml")
    workshop = folder / WORKSHOP_FOLDER
    if workshop.exists() and not workshop.is_dir():
        raise ConfigError(message("cmd_lab_workshop_is_file", workshop=workshop))
    workshop.mkdir(exist_ok=True)
    result = Workshop(workbook=folder, folder=workshop, lang=lang, sample=sample)
    for source in notebooks:
        target = workshop / source.name
        if target.exists():
            result.kept.append(source.name)
            if not _same_folder(bound_workbook(target), folder) and _rebind(target, folder):
                result.rebound.append(source.name)
            continue
        nb = narrative.in_language(nbformat.read(str(source), as_version=4), lang)  # the workbook's language
        cell = _parameters_cell(nb)
        if cell is not None:
            cell.source = bind_parameters(cell.source, plan.get(source.stem, {}))
        if _write_new(target, nb):
            result.added.append(source.name)
        else:
            result.kept.append(source.name)
    _write_lab_dir(result.lab_dir)
    return result


# --- JupyterLab ---------------------------------------------------------------------------------

def _write_lab_dir(lab_dir: Path) -> None:
    """sqmkit's JupyterLab set-up: settings written only when missing (a changed one is the user's); the kernel always."""
    for plugin, values in LAB_SETTINGS.items():
        package, name = plugin.rsplit("/", 1)
        path = lab_dir / "settings" / package / f"{name}.jupyterlab-settings"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values, indent=2) + "\n", encoding="utf-8")
    (lab_dir / "workspaces").mkdir(parents=True, exist_ok=True)
    import platform

    kernel = lab_dir / "jupyter" / "kernels" / "python3"
    kernel.mkdir(parents=True, exist_ok=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": f"Python {platform.python_version()} (sqmkit)", "language": "python",
            "interrupt_mode": "signal", "env": _KERNEL_ENV, "metadata": {"debugger": True}}
    (kernel / "kernel.json").write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")


def lab_command(workshop: Workshop, *, port: int = 8888, open_browser: bool = True,
                extra: Sequence[str] = ()) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that start JupyterLab on the working copy.

    JupyterLab's root is ``workshop.folder``; its user settings, workspaces and notebook trust
    live in ``.sqmkit-lab`` (the user's own ``~/.jupyter`` is neither read for settings nor
    written); ``JUPYTER_PATH`` starts with ``.sqmkit-lab/jupyter`` so that the ``python3`` kernel is
    the interpreter running sqmkit. A taken ``port`` moves to the next free one (JupyterLab prints
    the address). ``JUPYTER_TOKEN`` in the environment sets the token (otherwise a random one).
    """
    import importlib.util

    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise ParameterError(message("cmd_lab_port_bad", port=repr(port)))
    if importlib.util.find_spec("jupyterlab") is None:
        raise SqmkitError(message("cmd_lab_no_jupyterlab", python=sys.executable))
    lab_dir = workshop.lab_dir
    argv = [sys.executable, "-m", "jupyterlab",
            f"--ServerApp.root_dir={workshop.folder}",
            "--ServerApp.ip=localhost",
            f"--ServerApp.port={port}",
            f"--ServerApp.open_browser={bool(open_browser)}",
            "--log-level=WARN", "--LabApp.log_level=WARN",
            "--LabApp.extension_manager=readonly",   # no PyPI look-ups or installs from a workshop
            f"--LabApp.user_settings_dir={lab_dir / 'settings'}",
            f"--LabApp.workspaces_dir={lab_dir / 'workspaces'}",
            f"--NotebookNotary.data_dir={lab_dir}",
            *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--ServerApp.allow_root=True")  # JupyterLab refuses root otherwise (CI and containers run as root)
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join([str(lab_dir / "jupyter")] + ([env["JUPYTER_PATH"]]
                                                                       if env.get("JUPYTER_PATH") else []))
    env.pop("MPLBACKEND", None)  # the kernel sets its own (see _KERNEL_ENV)
    return argv, env


class _Stop(Exception):
    """SIGTERM to ``sqmkit lab``: stop JupyterLab as Ctrl-C does."""


def _raise_stop(signum: int, frame: Any) -> None:
    raise _Stop()


def _stop(proc: subprocess.Popen) -> None:
    """Ask JupyterLab to shut down (it stops its kernels), then wait; kill it if it does not end."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM if os.name == "posix" else signal.CTRL_BREAK_EVENT)  # type: ignore[attr-defined]
    for _ in range(2):
        try:
            proc.wait(timeout=_STOP_WAIT_S)
            return
        except subprocess.TimeoutExpired:
            break
        except KeyboardInterrupt:  # a second Ctrl-C while it shuts down: do not leave it running
            continue
    proc.kill()
    proc.wait()


def run_lab(workshop: Workshop, *, port: int = 8888, open_browser: bool = True, extra: Sequence[str] = (),
            log: Any = None) -> int:
    """Start JupyterLab on ``workshop`` and wait until it ends; 0 when ended with Ctrl-C or SIGTERM.

    JupyterLab runs in a process group of its own, so that Ctrl-C in the terminal reaches only
    this process, which then asks JupyterLab to shut down cleanly (kernels included) instead of
    JupyterLab's own "Shut down this Jupyter server (y/[n])?" prompt. Returns 1 when JupyterLab
    stopped by itself with an error (its messages are above).
    """
    from sqmkit.glossary import text

    log = log or sys.stdout
    argv, env = lab_command(workshop, port=port, open_browser=open_browser, extra=extra)
    group = ({"start_new_session": True} if os.name == "posix"
             else {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP})  # type: ignore[attr-defined]
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _raise_stop) if main else None
    try:
        proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, cwd=workshop.folder, **group)
        try:
            code = proc.wait()
        except (KeyboardInterrupt, _Stop):
            _stop(proc)
            print(text("lab_ended", message_lang(workshop.lang), folder=workshop.folder), file=log, flush=True)
            return 0
        finally:
            if proc.poll() is None:  # any other way out of here: never leave JupyterLab running
                _stop(proc)
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
    if code != 0:
        print(text("lab_failed", message_lang(workshop.lang), code=code), file=log, flush=True)
        return 1
    print(text("lab_ended", message_lang(workshop.lang), folder=workshop.folder), file=log, flush=True)
    return 0


def describe(workshop: Workshop, *, port: int | None = None) -> str:
    """What :func:`prepare_workshop` did (the lines ``sqmkit lab`` prints), in the workbook's lang or SQMKIT_LANG."""
    from sqmkit.glossary import text

    lang = message_lang(workshop.lang)
    lines = []
    if workshop.sample:
        lines.append(text(f"lab_sample_{workshop.sample}", lang, path=workshop.workbook))
    lines.append(text("lab_folder", lang, workbook=workshop.workbook, folder=workshop.folder))
    if workshop.added:
        lines.append("  " + text("lab_added", lang, names=", ".join(workshop.added)))
    if workshop.kept:
        lines.append("  " + text("lab_kept", lang, names=", ".join(workshop.kept)))
    if workshop.rebound:
        lines.append("  " + text("lab_rebound", lang, names=", ".join(workshop.rebound), workbook=workshop.workbook))
    if port is not None:
        lines.append(text("lab_start", lang, port=port))
    lines.append(text("lab_stop_hint", lang))
    return "\n".join(lines)
