"""Executing the workbook notebooks with papermill: parallel jobs, pinned kernel, failure isolation.

:func:`run_workbook` validates the workbook, executes every selected notebook of
``notebooks/`` on a kernel of *the running interpreter* (a stale user kernelspec called
``python3`` cannot hijack the run), isolates failures (a failing notebook is kept with its error
and the others carry on), builds the report (:mod:`sqmkit.report`) and only then swaps the new
output folder into place, so an interrupted or failed run never destroys the last good report.
"""
from __future__ import annotations

import datetime as _dt
import math
import os
import platform
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager

from sqmkit import resources
from sqmkit._checks import combine_problems
from sqmkit.exceptions import ConfigError, ParameterError

__all__ = ["run_workbook", "RunSummary", "NotebookResult", "InterpreterKernelManager",
           "list_notebooks", "notebook_parameters", "resolve_parameters", "default_jobs", "doctor_checks",
           "parse_overrides", "workbook_parameter_problems"]

#: Parameters the runner sets itself; every notebook declares them (docs/DEVELOPING.md).
BUILTIN_PARAMETERS = ("workbook", "lang", "interactive", "output_dir")
_TRUE = {"true", "1", "yes", "y", "on"}
_FALSE = {"false", "0", "no", "n", "off"}


class InterpreterKernelManager(AsyncKernelManager):
    """A kernel manager that always starts ipykernel with ``sys.executable``.

    The kernel spec is built here instead of being looked up by name, so whatever kernelspecs the
    user has (for example a stale ``python3`` pointing to a deleted virtual environment) the
    notebooks run on the interpreter that runs sqmkit, with the same sqmkit installed.
    ``log_path`` (set on a subclass, see :func:`_kernel_manager_class`) receives the kernel
    process's own stdout/stderr (start-up warnings, crashes) instead of the terminal.
    """

    log_path: str | None = None

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        if self.log_path:
            handle = open(self.log_path, "ab")  # noqa: SIM115 - the kernel process owns it
            kw.setdefault("stdout", handle)
            kw.setdefault("stderr", handle)
        await super()._async_launch_kernel(kernel_cmd, **kw)

    @property
    def kernel_spec(self) -> KernelSpec:  # type: ignore[override]
        if self._kernel_spec is None:
            self._kernel_spec = KernelSpec(
                argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                display_name=f"Python {platform.python_version()} (sqmkit)",
                language="python",
                interrupt_mode="signal",
                metadata={"debugger": False},
                # charts go inline into the notebook and report even when the caller's environment
                # sets MPLBACKEND (e.g. Agg on a headless server or CI), which would swallow them
                env={"MPLBACKEND": "module://matplotlib_inline.backend_inline"},
            )
        return self._kernel_spec


def _kernel_manager_class(log_path: Path) -> type[InterpreterKernelManager]:
    return type("InterpreterKernelManagerWithLog", (InterpreterKernelManager,), {"log_path": str(log_path)})


@dataclass
class NotebookResult:
    """What happened to one notebook of a run."""

    name: str
    status: str = "pending"            # ok | failed
    duration_s: float = 0.0
    notebook: str = ""                 # executed notebook, relative to the output folder
    html: str = ""                     # report page, relative to the output folder
    cell_index: int | None = None
    ename: str = ""
    evalue: str = ""
    parameters: dict[str, Any] = field(default_factory=dict)
    section: str = ""                  # failed: heading of the section of the first failing cell
    reason: str = ""                   # failed: why, in the report's language (no traceback)
    failures: list[dict[str, Any]] = field(default_factory=list)  # every failing cell


@dataclass
class RunSummary:
    """The outcome of :func:`run_workbook`."""

    out: Path
    workbook: Path
    notebooks: list[NotebookResult]
    started: str
    ended: str
    duration_s: float

    @property
    def index(self) -> Path:
        """The report's index page."""
        return self.out / "index.html"

    @property
    def failed(self) -> list[NotebookResult]:
        return [nb for nb in self.notebooks if nb.status != "ok"]

    @property
    def exit_code(self) -> int:
        """0 when every notebook ran, 1 when at least one failed."""
        return 1 if self.failed else 0

    def to_dict(self) -> dict[str, Any]:
        return {"out": str(self.out), "workbook": str(self.workbook), "started": self.started,
                "ended": self.ended, "duration_s": round(self.duration_s, 3),
                "notebooks": [asdict(nb) for nb in self.notebooks]}


def default_jobs() -> int:
    """Default number of notebooks run at once: ``min(2, cpu count)``."""
    return max(1, min(2, os.cpu_count() or 1))


def list_notebooks(only: Iterable[str] | None = None, *, folder: str | Path | None = None) -> list[Path]:
    """The workbook notebooks to run, sorted by name.

    ``only`` selects notebooks by full stem (``02_service_kpis``), number prefix (``02``) or the
    name without number (``service_kpis``).
    """
    folder = Path(folder) if folder is not None else resources.notebooks_folder()
    if not folder.is_dir():
        raise ConfigError(f"Notebook folder {str(folder)!r} does not exist. Fix: pass a folder holding .ipynb files.")
    paths = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    if not only:
        return paths
    chosen: list[Path] = []
    for wanted in only:
        key = wanted.removesuffix(".ipynb")
        hits = [p for p in paths if key in (p.stem, p.stem.split("_", 1)[0], p.stem.split("_", 1)[-1])]
        if not hits:
            raise ParameterError(
                f"The value for `--only` must be one of {[p.stem for p in paths]}, but {wanted!r} was passed."
            )
        chosen.extend(h for h in hits if h not in chosen)
    return sorted(chosen)


def notebook_parameters(path: str | Path) -> dict[str, dict[str, Any]]:
    """The parameters a notebook declares: ``{name: {name, inferred_type_name, default, help}}``.

    Reads the cell tagged ``parameters`` with :mod:`ast` (lines ``name: type = default  # help``
    or ``name = default``). papermill's own inspector cannot parse a line whose comment holds
    quotes (``workbook: str = ""  # "" = the sample``) and silently drops it, so it is not used.
    The type is the annotation, or else the type of the literal default.

    Raises
    ------
    ParameterError
        When the notebook has no cell tagged ``parameters`` or it is not valid Python.
    """
    import ast
    import io as _io
    import tokenize

    import nbformat

    path = Path(path)
    try:
        nb = nbformat.read(str(path), as_version=4)
        cells = [c for c in nb.cells if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])]
    except OSError as err:
        raise ParameterError(f"Notebook {path} cannot be read ({err.strerror or err}). "
                             "Fix: check that the file exists and that you may read it.") from None
    except Exception as err:  # nbformat: not JSON, not a notebook, not UTF-8 ...
        reason = str(err).splitlines()[0][:160] if str(err) else type(err).__name__
        raise ParameterError(f"{path} is not a Jupyter notebook sqmkit can read ({reason}). Fix: open and save it "
                             f"again in Jupyter, or move it out of {path.parent}.") from None
    if not cells:
        raise ParameterError(f"Notebook {path} has no cell tagged `parameters`. Fix: tag the cell holding its "
                             "parameters with `parameters` (one `name: type = default  # help` per line).")
    source = cells[0].source
    try:
        tree = ast.parse(source)
    except SyntaxError as err:
        raise ParameterError(f"The parameters cell of {path} is not valid Python (line {err.lineno}): "
                             f"{err.msg}. Fix: write one `name: type = default  # help` per line.") from None
    comments: dict[int, str] = {}
    try:
        for tok in tokenize.generate_tokens(_io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT:
                comments[tok.start[0]] = tok.string.lstrip("#").strip()
    except tokenize.TokenError:  # pragma: no cover - ast.parse accepted it
        pass
    out: dict[str, dict[str, Any]] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            name, annotation, value = node.target.id, ast.unparse(node.annotation), node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name, annotation, value = node.targets[0].id, None, node.value
        else:
            continue
        try:
            default = ast.literal_eval(value) if value is not None else None
        except ValueError:
            default = ast.unparse(value)
        if annotation is None and default is not None:
            annotation = type(default).__name__
        out[name] = {"name": name, "inferred_type_name": annotation or "None", "default": default,
                     "help": comments.get(node.lineno, "")}
    return out


def _type_name(spec: Mapping[str, Any]) -> str:
    name = str(spec.get("inferred_type_name") or "None").strip().lower()
    return name if name in ("bool", "int", "float", "str") else "any"


def _convert(name: str, value: Any, type_name: str, *, notebook: str, source: str) -> Any:
    """Convert ``value`` to the declared type of parameter ``name`` or raise ParameterError."""
    def fail() -> ParameterError:
        example = {"bool": "true or false", "int": "a whole number such as 7",
                   "float": "a number such as 0.5", "str": "text"}[type_name]
        return ParameterError(
            f"Parameter `{name}` of notebook {notebook} is declared as {type_name}, but {value!r} "
            f"(from {source}) cannot be converted to {type_name}. Fix: give {name} {example}, "
            f"e.g. -p {name}={'true' if type_name == 'bool' else '7' if type_name == 'int' else '0.5' if type_name == 'float' else 'text'}."
        )

    if type_name == "any":
        return value.isoformat() if isinstance(value, (_dt.date, _dt.datetime)) else value
    if type_name == "str":
        if isinstance(value, (_dt.date, _dt.datetime)):
            return value.isoformat()
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value)
        raise fail()
    if type_name == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise fail()
    if isinstance(value, bool):
        raise fail()
    if type_name == "int":
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                raise fail() from None
        raise fail()
    # float
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise fail() from None
    else:
        raise fail()
    if not math.isfinite(number):  # "inf", "nan", 1e309: no notebook can use them
        raise ParameterError(f"Parameter `{name}` of notebook {notebook} is declared as float, but {value!r} "
                             f"(from {source}) is not a finite number. Fix: give {name} a number such as 0.5, "
                             f"e.g. -p {name}=0.5.")
    return number


def parse_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """Parse ``KEY=VALUE`` strings of ``-p`` options (values stay strings, typed later)."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"-p expects KEY=VALUE, but {pair!r} was passed. Fix: write e.g. -p freq=MS.")
        out[key.strip()] = value
    return out


def _problem_error(problems: list[str], what: str) -> ParameterError:
    """One ParameterError listing every problem (``.problems`` holds the single messages)."""
    if len(problems) == 1:
        error = ParameterError(problems[0])
    else:
        listed = "\n".join(f"  {i}. {p}" for i, p in enumerate(problems, 1))
        error = ParameterError(f"{len(problems)} {what}:\n{listed}")
    error.problems = list(problems)
    return error


def _declared(paths: Iterable[Path]) -> dict[str, dict[str, dict[str, Any]]]:
    """The parameters cell of each notebook; every unreadable notebook reported at once."""
    declared, broken = {}, []
    for path in paths:
        try:
            declared[path.stem] = notebook_parameters(path)
        except ParameterError as err:
            broken.append(str(err))
    if broken:
        raise _problem_error(broken, "notebooks cannot be run")
    return declared


def resolve_parameters(notebooks: list[Path], *, builtins: Mapping[str, Any],
                       config_parameters: Mapping[str, Any] | None = None,
                       overrides: Mapping[str, Any] | None = None,
                       all_notebooks: list[Path] | None = None,
                       context: Any = None, config_file: str | Path = "sqmkit.yaml") -> dict[str, dict[str, Any]]:
    """Per notebook, the parameters to pass, checked against its parameters cell and :mod:`sqmkit.parameters`.

    Built-ins go to every notebook that declares them; sqmkit.yaml ``parameters:`` (checked
    against all notebooks) and ``overrides`` (``-p``, checked against the selected ones) go to
    every notebook declaring the name. Each value is converted to the declared type, then checked
    against :data:`sqmkit.parameters.CHECKS` (``context``: a :class:`sqmkit.parameters.Context`
    of the workbook, for checks that read it; ``config_file`` names sqmkit.yaml in messages).

    Raises
    ------
    ParameterError
        Listing every unknown name, value of the wrong type and value out of its allowed set at
        once (``.problems``); no notebook has run.
    """
    from sqmkit import parameters as checks

    config_parameters = dict(config_parameters or {})
    overrides = dict(overrides or {})
    declared = _declared(notebooks)
    every = dict(declared)
    every.update(_declared(p for p in all_notebooks or [] if p.stem not in every))
    problems: list[str] = []

    def check_names(values: Mapping[str, Any], pool: Mapping[str, dict], source: str) -> None:
        valid = sorted({n for params in pool.values() for n in params} - set(BUILTIN_PARAMETERS) | {"lang"})
        for name in values:
            if name in ("workbook", "output_dir", "interactive"):
                problems.append(
                    f"Parameter `{name}` (from {source}) is set by the runner. Fix: "
                    + ("give the workbook folder as the WORKBOOK argument." if name == "workbook"
                       else "use --out DIR." if name == "output_dir" else "remove it (batch runs are never interactive).")
                )
            elif not any(name in params for params in pool.values()):
                problems.append(
                    f"Unknown parameter `{name}` (from {source}): no selected notebook declares it. "
                    f"Valid names: {valid}. Fix: correct the spelling or remove it."
                )

    check_names(config_parameters, every, "sqmkit.yaml parameters")
    check_names(overrides, declared, "-p")
    plan: dict[str, dict[str, Any]] = {}
    given: list[tuple[str, str, Any, Any, str]] = []   # (notebook, name, value, raw, source)
    seen: set[tuple[str, str]] = set()
    for stem, params in every.items():
        values: dict[str, Any] = {}
        pools = [("the runner", builtins), ("sqmkit.yaml parameters", config_parameters)]
        if stem in declared:
            pools.append(("-p", overrides))
        for source, pool in pools:
            for name, raw in pool.items():
                if name not in params or (source == "the runner" and stem not in declared):
                    continue
                try:
                    values[name] = _convert(name, raw, _type_name(params[name]), notebook=stem, source=source)
                except ParameterError as err:
                    # one message per wrong value, however many notebooks declare it
                    if (source, name) not in seen:
                        problems.append(str(err))
                        seen.add((source, name))
                    continue
                if source != "the runner":
                    given.append((stem, name, values[name], raw, source))
        if stem in declared:
            plan[stem] = values
    # the values that converted are checked even when others did not: every problem at once
    defaults = {stem: {n: spec["default"] for n, spec in params.items()} for stem, params in every.items()}
    final = {stem: {**defaults[stem], **values} for stem, values in plan.items()}
    problems += checks.problems(given, final=final, defaults=defaults, context=context, config_file=str(config_file))
    if problems:
        raise _problem_error(problems, "parameter problems")
    return plan


def _load_config(workbook: Path) -> dict[str, Any]:
    """sqmkit.yaml of the workbook folder (checked by :func:`sqmkit.io.load_config`)."""
    from sqmkit import io

    if workbook.exists() and not workbook.is_dir():
        raise ConfigError(f"Workbook {str(workbook)!r} is a file, not a folder. Fix: pass the folder holding "
                          "sqmkit.yaml and data/ (create one with `sqmkit new DIR`).")
    if not workbook.is_dir():
        raise ConfigError(
            f"Workbook folder {str(workbook)!r} does not exist. Fix: pass the folder holding sqmkit.yaml and data/ "
            "(create one with `sqmkit new DIR`), or leave WORKBOOK out to run the bundled sample."
        )
    return io.load_config(workbook)


def _validate(workbook: Path) -> None:
    """Validate every table before any notebook runs (all problems at once)."""
    from sqmkit import io

    problems = io.validate_workbook(workbook)
    if problems:
        raise combine_problems(problems, f"{len(problems)} problems in workbook {workbook}")


def _notebooks(folder: str | Path | None) -> list[Path]:
    """Every notebook of the folder; a folder without any is an error naming the fix."""
    found = list_notebooks(folder=folder)
    if not found:
        where = folder or resources.notebooks_folder()
        fix = ("reinstall sqmkit (`pip install --force-reinstall .`)." if folder is None else
               "pass a folder holding .ipynb notebooks (e.g. a copy of sqmkit's notebooks/), or leave --notebooks "
               "out to run the bundled ones.")
        raise ConfigError(f"No notebooks (.ipynb files) found in {where}. Fix: {fix}")
    return found


def workbook_parameter_problems(workbook: str | Path, config: Mapping[str, Any] | None = None, *,
                                notebooks_folder: str | Path | None = None) -> list[str]:
    """The problems of sqmkit.yaml ``parameters:`` for every notebook (what ``sqmkit validate`` reports).

    The same checks as :func:`run_workbook` (names, declared types, :mod:`sqmkit.parameters`);
    an empty list means no run of these notebooks will fail on a parameter from sqmkit.yaml.
    """
    from sqmkit import io
    from sqmkit.parameters import Context

    workbook = Path(workbook)
    config = dict(config) if config is not None else io.load_config(workbook)
    every = _notebooks(notebooks_folder)
    builtins = {"workbook": str(workbook), "lang": str(config.get("lang") or "zh"), "interactive": False,
                "output_dir": ""}
    try:
        resolve_parameters(every, builtins=builtins, config_parameters=config.get("parameters") or {},
                           context=Context(config=config, workbook=workbook), config_file=workbook / "sqmkit.yaml")
    except ParameterError as err:
        return list(getattr(err, "problems", None) or [str(err)])
    return []


def _execute_one(path: Path, params: dict[str, Any], tmp: Path, lang: str) -> NotebookResult:
    """Execute one notebook with papermill and render its report page; never raises on notebook errors.

    Cells run on after a failing cell (``allow_errors``), so one section that cannot be computed
    does not take the rest of the page with it; the notebook still counts as failed, with the
    first failing cell in ``cell_index``/``ename``/``evalue``. The tracebacks (and stderr) go to
    ``logs/NAME.errors.log``; the page shows a short box instead (:func:`sqmkit.report.notebook_html`).
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from sqmkit import report

    result = NotebookResult(name=path.stem, notebook=f"notebooks/{path.name}", html=f"{path.stem}.html",
                            parameters=params)
    target = tmp / "notebooks" / path.name
    start = time.perf_counter()
    stopped = None
    try:
        papermill.execute_notebook(
            str(path), str(target), parameters=params, kernel_name="python3", language="python",
            progress_bar=False, log_output=False, cwd=str(tmp), allow_errors=True,
            kernel_manager_class=_kernel_manager_class(tmp / "logs" / f"{path.stem}.kernel.log"),
        )
        result.status = "ok"
    except PapermillExecutionError as err:
        result.status, result.cell_index = "failed", err.cell_index
        result.ename, result.evalue = err.ename, str(err.evalue)
    except Exception as err:  # kernel died, timeout, unreadable notebook...: keep going with the others
        result.status, result.ename, result.evalue = "failed", type(err).__name__, str(err)
        stopped = (result.ename, result.evalue)
    result.duration_s = round(time.perf_counter() - start, 3)
    if target.exists():
        try:
            report.mark_failed_cells(target)
            failures = report.notebook_failures(target, lang=lang)
            if failures:
                first = failures[0]
                result.status, result.cell_index = "failed", first["cell_index"]
                result.ename, result.evalue = first["ename"], first["evalue"]
            result.failures = [{k: f[k] for k in ("cell_index", "section", "ename", "evalue", "reason")}
                               for f in failures]
            if failures or stopped:
                report.write_error_log(target, tmp / "logs" / f"{path.stem}.errors.log", stopped=stopped)
            report.notebook_html(target, tmp / result.html, lang=lang, stopped=stopped)
        except Exception as err:  # a report page that cannot be rendered is a failure too
            result.status = "failed"
            result.ename = result.ename or type(err).__name__
            result.evalue = result.evalue or f"report page could not be rendered: {err}"
            result.html = ""
    else:
        result.html = ""
    if result.status != "ok" and not result.reason:
        result.reason = (result.failures[0]["reason"] if result.failures
                         else report.failure_reason(result.ename, result.evalue, lang=lang))
        result.section = result.failures[0]["section"] if result.failures else ""
    return result


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def _probe(folder: Path, out: Path, what: str) -> None:
    """Create and remove an empty folder in ``folder``: the run will need to (as root, too)."""
    import tempfile

    try:
        os.rmdir(tempfile.mkdtemp(prefix=".sqmkit-probe-", dir=folder))
    except OSError as err:
        raise ConfigError(f"--out {str(out)!r}: sqmkit cannot write in {what} {str(folder)!r} "
                          f"({err.strerror or err}). Fix: choose a folder you may write, e.g. --out ~/sqmkit-out, "
                          "or ask for write access to that folder.") from None


def _check_output_folder(out: Path) -> None:
    """Refuse an ``--out`` the run could not replace, before anything runs.

    Never replace a folder that is not an earlier sqmkit output (``--out ~`` must never delete home);
    the folder that would hold OUT must be writable; OUT must not be a mount point (busy).
    """
    base = _nearest_existing(out.parent)
    if not base.is_dir():
        raise ConfigError(f"--out {str(out)!r}: {str(base)!r} is a file, not a folder. "
                          "Fix: choose an output folder whose parents are folders, e.g. --out sqmkit-out.")
    _probe(base, out, "the folder")
    if not out.exists():
        return
    if not out.is_dir():
        raise ConfigError(f"--out {str(out)!r} is a file. Fix: choose a folder name, e.g. --out sqmkit-out.")
    try:
        entries = any(out.iterdir())
    except OSError as err:
        raise ConfigError(f"--out {str(out)!r} cannot be read ({err.strerror or err}). "
                          "Fix: choose another folder, e.g. --out sqmkit-out.") from None
    if entries and not (out / "run.json").is_file():
        raise ConfigError(
            f"--out {str(out)!r} exists and is not an sqmkit output folder (it has no run.json); a run replaces the whole "
            "folder. Fix: choose a new or empty folder, e.g. --out sqmkit-out."
        )
    if os.path.ismount(out):
        raise ConfigError(f"--out {str(out)!r} is a mount point, which a run cannot replace (it is busy). "
                          f"Fix: write into a folder inside it, e.g. --out {str(out / 'sqmkit-out')!r}.")
    _probe(out, out, "the output folder")


def _swap(tmp: Path, out: Path) -> None:
    """Move the finished run into ``out``; the previous output goes to OUT.previous, then away.

    When the new report cannot be moved in, the previous one is put back before the error is raised.
    """
    previous = out.with_name(out.name + ".previous")
    if previous.exists():
        shutil.rmtree(previous)
    moved = False
    if out.exists():
        os.replace(out, previous)
        moved = True
    try:
        os.replace(tmp, out)
    except OSError:
        if moved:
            try:
                os.replace(previous, out)
            except OSError:  # _keep says where the previous report is
                pass
        raise
    if previous.exists():
        shutil.rmtree(previous, ignore_errors=True)


def _keep(tmp: Path, out: Path, stamp: str, err: OSError) -> ConfigError:
    """The finished report could not replace ``out``: keep it under a visible name and say where."""
    kept = out.with_name(f"{out.name}-{stamp}")
    try:
        os.replace(tmp, kept)
    except OSError:
        kept = tmp
    previous = out.with_name(out.name + ".previous")
    moved = (f" The previous report is in {str(previous)!r}." if previous.exists() and not out.exists() else "")
    return ConfigError(
        f"The report is finished but could not replace --out {str(out)!r} ({err.strerror or err}); it is in "
        f"{str(kept)!r}.{moved} Fix: close programs using {str(out)!r} (or check its permissions) and move "
        f"{str(kept)!r} there, or run again with another --out."
    )


def run_workbook(workbook: str | Path | None = None, *, out: str | Path | None = None,
                 only: Iterable[str] | None = None, params: Mapping[str, Any] | Iterable[str] | None = None,
                 jobs: int | None = None, progress: bool = True,
                 notebooks_folder: str | Path | None = None) -> RunSummary:
    """Validate a workbook, execute its notebooks in parallel and write the report.

    Parameters
    ----------
    workbook : str or Path, optional
        The workbook folder (``sqmkit.yaml`` + ``data/``); None or "" = the bundled sample.
    out : str or Path, optional
        Output folder (default ``./sqmkit-out``); replaced only when the run has finished.
    only : list of str, optional
        Notebooks to run (stem, number prefix or name without number); default all.
    params : dict or list of "KEY=VALUE", optional
        Parameter overrides (``-p``); checked against the notebooks' parameters cells and
        :mod:`sqmkit.parameters`, as are sqmkit.yaml ``parameters:``.
    jobs : int, optional
        Notebooks executed at once; default ``min(2, cpu count)``.
    progress : bool
        Show a progress bar on stderr.
    notebooks_folder : str or Path, optional
        Where the notebooks are (default: the bundled ``notebooks/``; tests use fixtures).

    Returns
    -------
    RunSummary
        ``exit_code`` is 1 when a notebook failed (the others still ran and are reported).

    Raises
    ------
    DataValidationError, ConfigError, ParameterError
        Before any notebook runs (output folder, sqmkit.yaml, notebooks, parameters, then the
        data); the previous output is untouched. A ConfigError after the run when the finished
        report cannot replace ``out`` (it is kept next to it, under a name the message gives).
    """
    from sqmkit import report
    from sqmkit.parameters import Context

    wb = Path(workbook).expanduser().resolve() if workbook not in (None, "") else resources.sample_workbook()
    out = Path(out if out not in (None, "") else "sqmkit-out").expanduser().resolve()
    if jobs is not None and (not isinstance(jobs, int) or jobs < 1):
        raise ParameterError(f"The value for `jobs` must be a whole number of at least 1, but {jobs!r} was passed.")
    jobs = jobs or default_jobs()
    if params is None:
        overrides: dict[str, Any] = {}
    elif isinstance(params, Mapping):
        overrides = dict(params)
    else:
        overrides = parse_overrides(params)

    _check_output_folder(out)
    config = _load_config(wb)
    all_nbs = _notebooks(notebooks_folder)
    selected = list_notebooks(only, folder=notebooks_folder)
    config_parameters = config.get("parameters") or {}
    lang = str(overrides.get("lang") or config_parameters.get("lang") or config.get("lang") or "zh")
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    tmp = out.with_name(f".{out.name}.tmp-{stamp}-{os.getpid()}")
    builtins = {"workbook": str(wb), "lang": lang, "interactive": False, "output_dir": str(tmp)}
    plan = resolve_parameters(selected, builtins=builtins, config_parameters=config_parameters,
                              overrides=overrides, all_notebooks=all_nbs,
                              context=Context(config=config, workbook=wb), config_file=wb / "sqmkit.yaml")
    _validate(wb)

    import logging

    # papermill warns about parameters its own inspector cannot parse; they were checked above.
    pm_logger = logging.getLogger("papermill")
    pm_level = pm_logger.level
    pm_logger.setLevel(logging.ERROR)
    started = _dt.datetime.now().astimezone()
    t0 = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp.mkdir(parents=True)
    (tmp / "notebooks").mkdir()
    (tmp / "logs").mkdir()
    results: dict[str, NotebookResult] = {}
    kept: ConfigError | None = None
    try:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(selected), desc="sqmkit run", unit="notebook", file=sys.stderr,
                   disable=not progress, dynamic_ncols=True)
        pool = ThreadPoolExecutor(max_workers=min(jobs, len(selected)), thread_name_prefix="sqmkit-nb")
        try:
            futures = [pool.submit(_execute_one, p, plan[p.stem], tmp, lang) for p in selected]
            for fut in as_completed(futures):
                res = fut.result()
                results[res.name] = res
                bar.set_postfix_str(f"{res.name}: {res.status}")
                bar.update(1)
        finally:
            # on Ctrl-C: queued notebooks never start; running ones end with their kernels
            pool.shutdown(wait=True, cancel_futures=True)
            bar.close()
        ended = _dt.datetime.now().astimezone()
        summary = RunSummary(out=out, workbook=wb, notebooks=[results[p.stem] for p in selected],
                             started=started.isoformat(timespec="seconds"),
                             ended=ended.isoformat(timespec="seconds"),
                             duration_s=time.perf_counter() - t0)
        report.build_report(tmp, summary, config=config, lang=lang)
        try:
            _swap(tmp, out)
        except OSError as err:
            kept = _keep(tmp, out, stamp, err)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        pm_logger.setLevel(pm_level)
    if kept is not None:
        raise kept
    return summary


def doctor_checks(out: str | Path | None = None) -> list[dict[str, Any]]:
    """Check what a run needs: kernel of this interpreter, CJK font, versions, a writable output folder.

    Returns one dict per check: ``check``, ``ok`` (bool), ``detail``.
    """
    import tempfile

    import nbformat
    from nbclient import NotebookClient

    import sqmkit

    checks: list[dict[str, Any]] = []
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import sys, sqmkit\nprint(sys.executable)")]
    try:
        NotebookClient(nb, kernel_name="python3", kernel_manager_class=_kernel_manager_class(Path(os.devnull)),
                       timeout=120, startup_timeout=120).execute()
        where = "".join(o.get("text", "") for o in nb.cells[0].outputs).strip()
        checks.append({"check": "kernel", "ok": where == sys.executable,
                       "detail": f"ipykernel on {where or '?'}"})
    except Exception as err:
        checks.append({"check": "kernel", "ok": False,
                       "detail": f"{type(err).__name__}: {err}. Fix: pip install --force-reinstall ipykernel"})
    try:
        from sqmkit.plots import cjk_font_name

        checks.append({"check": "CJK font", "ok": True, "detail": cjk_font_name()})
    except Exception as err:
        checks.append({"check": "CJK font", "ok": False,
                       "detail": f"{err}. Fix: pip install noto-cjk-sans-otc"})
    import nbconvert
    import pandas
    import papermill

    checks.append({"check": "versions", "ok": True,
                   "detail": f"python {platform.python_version()}, sqmkit {sqmkit.__version__}, pandas {pandas.__version__}, "
                             f"papermill {papermill.__version__}, nbconvert {nbconvert.__version__}"})
    target = Path(out or ".").resolve()
    try:
        with tempfile.NamedTemporaryFile(dir=target, prefix=".sqmkit-doctor-"):
            pass
        checks.append({"check": "output folder", "ok": True, "detail": f"{target} is writable"})
    except OSError as err:
        checks.append({"check": "output folder", "ok": False,
                       "detail": f"{target} is not writable ({err.strerror}). Fix: run from a folder you can write, or use --out"})
    try:
        checks.append({"check": "notebooks", "ok": bool(list_notebooks()),
                       "detail": f"{len(list_notebooks())} in {resources.notebooks_folder()}"})
    except FileNotFoundError as err:
        checks.append({"check": "notebooks", "ok": False, "detail": str(err)})
    return checks
