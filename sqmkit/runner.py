"""Executing the workbook notebooks with papermill: parallel jobs, pinned kernel, failure isolation.

:func:`run_workbook` validates the workbook, executes every selected notebook of
``notebooks/`` on a kernel of *the running interpreter* (a stale user kernelspec called
``python3`` cannot hijack the run), isolates failures (a failing notebook is kept with its error
and the others carry on), builds the report (:mod:`sqmkit.report`) and only then swaps the new
output folder into place, so an interrupted or failed run never destroys the last good report.

The report merges (:mod:`sqmkit.report_merge`): ``only`` replaces only the pages it runs, and a
notebook that fails keeps its last good page, marked stale. What a run may replace, and how the
new report is moved in, is :mod:`sqmkit.report_folder`'s: a folder is a report only when sqmkit's
marker says so, and nothing sqmkit did not make is deleted or overwritten.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import math
import os
import platform
import shutil
import sys
import threading
import time
import weakref
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager

from sqmkit import report_folder, report_merge, resources, table_cache
from sqmkit._checks import combine_problems
from sqmkit.exceptions import ConfigError, ParameterError
from sqmkit.glossary import message, render

if TYPE_CHECKING:
    from sqmkit import io
    from sqmkit.kernels import KernelPool

__all__ = ["run_workbook", "RunSummary", "NotebookResult", "InterpreterKernelManager",
           "list_notebooks", "notebook_parameters", "resolve_parameters", "default_jobs", "doctor_checks",
           "parse_overrides", "workbook_parameter_problems"]

#: Parameters the runner sets itself; every notebook declares them (docs/DEVELOPING.md).
BUILTIN_PARAMETERS = ("workbook", "lang", "interactive", "output_dir")
_TRUE = {"true", "1", "yes", "y", "on"}
_FALSE = {"false", "0", "no", "n", "off"}
#: kernels started by this process and still running: stopped at once when a run is interrupted
_KERNELS: "weakref.WeakSet[InterpreterKernelManager]" = weakref.WeakSet()
#: where in the run folder the validated tables are kept for the notebooks (removed with .work)
TABLE_CACHE = Path(".work") / "tables"


class InterpreterKernelManager(AsyncKernelManager):
    """A kernel manager that always starts ipykernel with ``sys.executable``.

    The kernel spec is built here instead of being looked up by name, so whatever kernelspecs the
    user has (for example a stale ``python3`` pointing to a deleted virtual environment) the
    notebooks run on the interpreter that runs sqmkit, with the same sqmkit installed.
    ``log_path`` (set on a subclass, see :func:`_kernel_manager_class`) receives the kernel
    process's own stdout/stderr (start-up warnings, crashes) instead of the terminal; ``lang``
    becomes the kernel's ``SQMKIT_LANG``, so an error raised inside a notebook reads in the
    report's language (:meth:`sqmkit.exceptions.SqmkitError.text`).
    """

    log_path: str | None = None
    lang: str | None = None
    table_cache: str | None = None
    threads: int | None = None

    def client(self, **kwargs: Any) -> Any:
        """A client of this kernel; kept, so the pool that started the kernel can close it with the kernel."""
        made = super().client(**kwargs)
        self.__dict__.setdefault("clients", []).append(made)
        return made

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        if self.log_path:
            handle = open(self.log_path, "ab")  # noqa: SIM115 - the kernel process owns it
            kw.setdefault("stdout", handle)
            kw.setdefault("stderr", handle)
        await super()._async_launch_kernel(kernel_cmd, **kw)
        _KERNELS.add(self)

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
                env={"MPLBACKEND": "module://matplotlib_inline.backend_inline",
                     **({"SQMKIT_LANG": self.lang} if self.lang else {}),
                     **({table_cache.CACHE_ENV: self.table_cache} if self.table_cache else {}),
                     **_thread_limits(self.threads)},
            )
        return self._kernel_spec


def _stop_kernels(stop: threading.Event) -> None:
    """Kill the kernels of this process's notebooks (an interrupted run: no notebook may write on)."""
    import signal

    stop.set()
    for manager in list(_KERNELS):
        provisioner = getattr(manager, "provisioner", None)
        process = getattr(provisioner, "process", None)
        if process is None or process.poll() is not None:
            continue
        try:  # the kernel runs in its own session: its process group holds what it started too
            pgid = getattr(provisioner, "pgid", None)
            if pgid and hasattr(os, "killpg"):
                os.killpg(pgid, signal.SIGKILL)
            else:
                process.kill()
            process.wait(timeout=10)
        except Exception:  # already gone
            pass


def _kernel_manager_class(log_path: Path, lang: str | None = None, cache: Path | None = None,
                          threads: int | None = None) -> type[InterpreterKernelManager]:
    return type("InterpreterKernelManagerWithLog", (InterpreterKernelManager,),
                {"log_path": str(log_path), "lang": lang, "table_cache": str(cache) if cache else None,
                 "threads": threads})


#: the thread pools of the numeric libraries (OpenMP: scikit-learn's k-means; BLAS: numpy, scipy)
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _thread_limits(threads: int | None) -> dict[str, str]:
    """The kernel's share of the cores when several notebooks run at once; a user's own setting wins.

    Without it each kernel's OpenMP and BLAS pools take every core, and kernels running side by side
    spin against each other: measured on the sample with 2 jobs, the k-means cell of 01 took 6.7 s
    against 0.5 s alone.
    """
    if not threads:
        return {}
    return {name: str(threads) for name in THREAD_VARIABLES if name not in os.environ}


def _kernel_pool(notebooks: list[Path], tmp: Path, lang: str, *, threads: int | None, ahead: int) -> "KernelPool":
    """The run's kernels (:mod:`sqmkit.kernels`), started in ``tmp`` ahead of their notebooks in run order.

    Each is warmed up with the modules its notebook imports (and pyplot); its log, language, table cache
    and share of the cores are those :class:`InterpreterKernelManager` gives it.
    """
    import nbformat

    from sqmkit.kernels import SHARED_MODULES, KernelPool, notebook_modules, warm_up_code

    warm_ups = {}
    for path in notebooks:
        try:
            cells = [c.source for c in nbformat.read(str(path), as_version=4).cells if c.cell_type == "code"]
        except Exception:  # an unreadable notebook fails when it runs, with its own message
            cells = []
        warm_ups[path.stem] = warm_up_code([*notebook_modules(cells), *SHARED_MODULES])

    def manager(name: str) -> InterpreterKernelManager:
        return _kernel_manager_class(tmp / "logs" / f"{name}.kernel.log", lang, tmp / TABLE_CACHE, threads)()

    return KernelPool(warm_ups, manager=manager, cwd=tmp, ahead=ahead)


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
    files: list[str] = field(default_factory=list)  # what the run wrote for it, relative to the output folder
    kept: bool = False                 # failed, and its last good page is kept (this run's files in failed/)


@dataclass
class RunSummary:
    """The outcome of :func:`run_workbook`.

    ``notebooks`` are the notebooks this run executed; ``pages`` (set by :func:`sqmkit.report.build_report`)
    every page of the merged report, as run.json lists them.
    """

    out: Path
    workbook: Path
    notebooks: list[NotebookResult]
    started: str
    ended: str
    duration_s: float
    run_id: str = ""
    only: list[str] | None = None      # the notebooks selected with --only (None: all of them)
    pages: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # leftovers removed, files kept aside: said on stderr

    @property
    def stale(self) -> list[dict[str, Any]]:
        """Pages whose notebook failed in this run and that show their last good version."""
        return [page for page in self.pages if page.get("status") == "stale"]

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
        return {"out": str(self.out), "workbook": str(self.workbook), "run_id": self.run_id, "started": self.started,
                "ended": self.ended, "duration_s": round(self.duration_s, 3), "only": self.only,
                "ran": [nb.name for nb in self.notebooks],
                "notebooks": self.pages or [asdict(nb) for nb in self.notebooks]}


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
        raise ConfigError(message("cmd_notebook_folder_missing", folder=repr(str(folder))))
    paths = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    if not only:
        return paths
    chosen: list[Path] = []
    for wanted in only:
        key = wanted.removesuffix(".ipynb")
        hits = [p for p in paths if key in (p.stem, p.stem.split("_", 1)[0], p.stem.split("_", 1)[-1])]
        if not hits:
            raise ParameterError(message("cmd_only_unknown", names=[p.stem for p in paths], wanted=repr(wanted)))
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
        raise ParameterError(message("cmd_notebook_unreadable", path=path, reason=err.strerror or err)) from None
    except Exception as err:  # nbformat: not JSON, not a notebook, not UTF-8 ...
        reason = str(err).splitlines()[0][:160] if str(err) else type(err).__name__
        raise ParameterError(message("cmd_not_a_notebook", path=path, reason=reason, folder=path.parent)) from None
    if not cells:
        raise ParameterError(message("cmd_no_parameters_cell", path=path))
    source = cells[0].source
    try:
        tree = ast.parse(source)
    except SyntaxError as err:
        raise ParameterError(message("cmd_parameters_cell_syntax", path=path, line=err.lineno,
                                     reason=err.msg)) from None
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
        example = {"bool": "true", "int": "7", "float": "0.5", "str": "text"}[type_name]
        return ParameterError(message("cmd_parameter_type", name=name, notebook=notebook, type=type_name,
                                      value=repr(value), source=_source(source),
                                      kind=message(f"cmd_type_{type_name}"), example=example))

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
        raise ParameterError(message("cmd_parameter_not_finite", name=name, notebook=notebook, value=repr(value),
                                     source=_source(source)))
    return number


def parse_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """Parse ``KEY=VALUE`` strings of ``-p`` options (values stay strings, typed later)."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ParameterError(message("cmd_parameter_pair", pair=repr(pair)))
        out[key.strip()] = value
    return out


def _source(source: str) -> Any:
    """Where a value came from, as messages name it (``-p`` stays as typed)."""
    return {"the runner": message("cmd_source_runner"),
            "sqmkit.yaml parameters": message("cmd_source_config")}.get(source, source)


def _problem_error(problems: list[str], what: str) -> ParameterError:
    """One ParameterError listing every problem (``.problems`` holds the single messages).

    ``what`` is the message key of the headline (``{n}``: the number of problems).
    """
    if len(problems) == 1:
        error = ParameterError(problems[0])
    else:
        headline = message(what, n=len(problems))
        listed = "\n".join(f"  {i}. {p}" for i, p in enumerate(problems, 1))
        error = ParameterError(f"{headline}:\n{listed}")
        error.headline = headline  # SqmkitError.text renders the headline and each problem in a language
    error.problems = list(problems)
    return error


def _declared(paths: Iterable[Path]) -> dict[str, dict[str, dict[str, Any]]]:
    """The parameters cell of each notebook; every unreadable notebook reported at once."""
    declared, broken = {}, []
    for path in paths:
        try:
            declared[path.stem] = notebook_parameters(path)
        except ParameterError as err:
            broken.append(err.args[0])
    if broken:
        raise _problem_error(broken, "cmd_notebooks_cannot_run")
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
                problems.append(message(f"cmd_parameter_set_by_runner_{name}", name=name, source=_source(source)))
            elif not any(name in params for params in pool.values()):
                problems.append(message("cmd_parameter_unknown", name=name, source=_source(source), valid=valid))

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
                        problems.append(err.args[0])
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
        raise _problem_error(problems, "cmd_parameter_problems")
    return plan


def _load_config(workbook: Path) -> dict[str, Any]:
    """sqmkit.yaml of the workbook folder (checked by :func:`sqmkit.io.load_config`)."""
    from sqmkit import io

    if workbook.exists() and not workbook.is_dir():
        raise ConfigError(message("cmd_workbook_is_file", path=repr(str(workbook))))
    if not workbook.is_dir():
        raise ConfigError(message("cmd_workbook_missing_run", path=repr(str(workbook))))
    return io.load_config(workbook)


def _validate(workbook: Path) -> "io.Workbook":
    """Validate every table before any notebook runs (all problems at once); the tables it read."""
    from sqmkit import io

    book, problems = io.read_workbook(workbook)
    if problems:
        raise combine_problems(problems, message("cmd_workbook_problems", n=len(problems), folder=workbook))
    return book


def _notebooks(folder: str | Path | None) -> list[Path]:
    """Every notebook of the folder; a folder without any is an error naming the fix."""
    found = list_notebooks(folder=folder)
    if not found:
        where = folder or resources.notebooks_folder()
        fix = message("cmd_no_notebooks_reinstall" if folder is None else "cmd_no_notebooks_other_folder")
        raise ConfigError(message("cmd_no_notebooks", folder=where, fix=fix))
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


def _collect(staging: Path, tmp: Path) -> list[str]:
    """Move what a notebook recorded (``results/``, ``tables/`` of its own output_dir) into the report."""
    files: list[str] = []
    for sub in ("results", "tables"):
        folder = staging / sub
        if not folder.is_dir():
            continue
        (tmp / sub).mkdir(exist_ok=True)
        for path in sorted(folder.iterdir()):
            if path.is_file() and not path.is_symlink():
                os.replace(path, tmp / sub / path.name)
                files.append(f"{sub}/{path.name}")
    shutil.rmtree(staging, ignore_errors=True)
    return files


def _execute_one(path: Path, params: dict[str, Any], tmp: Path, lang: str, *, kernels: "KernelPool",
                 keep_good: bool = False, out: Path | None = None, stop: threading.Event | None = None
                 ) -> NotebookResult:
    """Execute one notebook with papermill and render its report page; never raises on notebook errors.

    Cells run on after a failing cell (``allow_errors``), so one section that cannot be computed
    does not take the rest of the page with it; the notebook still counts as failed, with the
    first failing cell in ``cell_index``/``ename``/``evalue``. The tracebacks (and stderr) go to
    ``logs/NAME.errors.log``; the page shows a short box instead (:func:`sqmkit.report.notebook_html`).

    The notebook records into its own ``output_dir`` (``.work/NAME`` of the run folder), so what it
    recorded is known exactly (``files``). It runs on the kernel ``kernels`` started for it (in the run
    folder, already holding its imports; shut down as soon as the cells have run). ``keep_good``: the
    previous report has a good page of this notebook; if it fails now, that page stays, and this run's
    executed notebook, page and kernel log go to ``failed/`` (``kept``), what it recorded is dropped.
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from sqmkit import narrative, report

    name = path.stem
    shown = dict(params)
    if "output_dir" in shown and out is not None:
        shown["output_dir"] = str(out)
    result = NotebookResult(name=name, notebook=f"notebooks/{path.name}", html=f"{name}.html", parameters=shown)
    target = tmp / "notebooks" / path.name
    kernel_log = tmp / "logs" / f"{name}.kernel.log"
    staging = Path(params["output_dir"]) if params.get("output_dir") else None
    start = time.perf_counter()
    stopped = None
    manager = None
    try:
        source = narrative.in_language(nbformat.read(str(path), as_version=4), lang)  # one language's narrative
        manager = kernels.kernel(name)
        papermill.execute_notebook(
            source, str(target), parameters=params, kernel_name="python3", language="python",
            progress_bar=False, log_output=False, allow_errors=True, km=manager,
        )
        result.status = "ok"
    except PapermillExecutionError as err:
        result.status, result.cell_index = "failed", err.cell_index
        result.ename, result.evalue = err.ename, str(err.evalue)
    except Exception as err:  # kernel died, timeout, unreadable notebook...: keep going with the others
        result.status, result.ename, result.evalue = "failed", type(err).__name__, str(err)
        stopped = (result.ename, result.evalue)
    finally:
        if manager is not None:  # the next notebook's kernel may start while this page renders
            kernels.release(name, manager, manager.__dict__.get("clients", ()))
    result.duration_s = round(time.perf_counter() - start, 3)
    if stop is not None and stop.is_set():  # the run was interrupted: its folder is removed, render nothing
        result.status = "failed"
        return result
    failures: list[dict[str, Any]] = []
    if target.exists():
        try:
            report.mark_failed_cells(target)
            failures = report.notebook_failures(target, lang=lang)
        except Exception as err:  # an executed notebook that cannot be read back
            result.status, result.ename = "failed", result.ename or type(err).__name__
            result.evalue = result.evalue or render(message("cmd_run_notebook_unreadable", error=err), lang)
        if failures:
            first = failures[0]
            result.status, result.cell_index = "failed", first["cell_index"]
            result.ename, result.evalue = first["ename"], first["evalue"]
        result.failures = [{k: f[k] for k in ("cell_index", "section", "ename", "evalue", "reason")}
                           for f in failures]
    recorded: list[str] = []
    if result.status != "ok" and keep_good:
        result.kept = True
        (tmp / "failed").mkdir(exist_ok=True)
        for source, moved in ((target, f"failed/{path.name}"), (kernel_log, f"failed/{name}.kernel.log")):
            if source.exists():
                os.replace(source, tmp / moved)
        result.notebook, result.html = f"failed/{path.name}", f"failed/{name}.html"
        target = tmp / result.notebook
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    elif staging is not None:
        recorded = _collect(staging, tmp)
    if target.exists():
        try:
            if failures or stopped:
                report.write_error_log(target, tmp / "logs" / f"{name}.errors.log", stopped=stopped,
                                       executed_as=result.notebook)
            report.notebook_html(target, tmp / result.html, lang=lang, stopped=stopped, executed_as=result.notebook,
                                 index_href="../index.html" if result.kept else "index.html")
        except Exception as err:  # a report page that cannot be rendered is a failure too
            result.status = "failed"
            result.ename = result.ename or type(err).__name__
            result.evalue = result.evalue or render(message("cmd_run_page_not_rendered", error=err), lang)
            result.html = ""
    else:
        result.html = ""
    if result.status != "ok" and not result.reason:
        result.reason = (result.failures[0]["reason"] if result.failures
                         else report.failure_reason(result.ename, result.evalue, lang=lang))
        result.section = result.failures[0]["section"] if result.failures else ""
    own = [result.html, result.notebook, f"logs/{name}.errors.log",
           f"failed/{name}.kernel.log" if result.kept else f"logs/{name}.kernel.log"]
    result.files = sorted({f for f in own if f and (tmp / f).is_file()} | set(recorded))
    return result


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
        raise ParameterError(message("cmd_jobs_bad", jobs=repr(jobs)))
    jobs = jobs or default_jobs()
    if params is None:
        overrides: dict[str, Any] = {}
    elif isinstance(params, Mapping):
        overrides = dict(params)
    else:
        overrides = parse_overrides(params)

    nb_folder = Path(notebooks_folder).expanduser().resolve() if notebooks_folder not in (None, "") else None
    report_folder.check_placement(out, workbook=wb, notebooks=nb_folder)
    report_folder.check_parent(out)
    notes = report_folder.settle_leftovers(out)
    previous = report_folder.inspect_out(out)
    config = _load_config(wb)
    all_nbs = _notebooks(notebooks_folder)
    selected = list_notebooks(only, folder=notebooks_folder)
    config_parameters = config.get("parameters") or {}
    lang = str(overrides.get("lang") or config_parameters.get("lang") or config.get("lang") or "zh")
    run_id = report_folder.new_run_id()
    tmp = report_folder.tmp_name(out, run_id)
    builtins = {"workbook": str(wb), "lang": lang, "interactive": False, "output_dir": str(tmp)}
    plan = resolve_parameters(selected, builtins=builtins, config_parameters=config_parameters,
                              overrides=overrides, all_notebooks=all_nbs,
                              context=Context(config=config, workbook=wb), config_file=wb / "sqmkit.yaml")
    for stem, values in plan.items():  # each notebook records into its own folder: what it wrote is known
        if "output_dir" in values:
            values["output_dir"] = str(tmp / ".work" / stem)

    import logging

    # papermill warns about parameters its own inspector cannot parse; they were checked above.
    pm_logger = logging.getLogger("papermill")
    pm_level = pm_logger.level
    pm_logger.setLevel(logging.ERROR)
    started = _dt.datetime.now().astimezone()
    t0 = time.perf_counter()
    created = [folder for folder in (out.parent, *out.parent.parents) if not folder.exists()]
    report_folder.make_run_folder(out, run_id)
    results: dict[str, NotebookResult] = {}
    kept: ConfigError | None = None
    stop = threading.Event()
    workers = min(jobs, len(selected))
    threads = max(1, (os.cpu_count() or 1) // workers) if workers > 1 else None
    try:
        for sub in ("notebooks", "logs", ".work"):
            (tmp / sub).mkdir()
        # the kernels start and import while the workbook is validated, and each one while earlier notebooks run
        kernels = _kernel_pool(selected, tmp, lang, threads=threads, ahead=workers + 1)
        try:
            validated = _validate(wb)
            prior = report_merge.previous_pages(previous)
            if previous is not None and previous.workbook and previous.workbook != str(wb):
                if only:  # the last check before a notebook runs: bad input is named first
                    raise ConfigError(message("cmd_only_other_workbook", out=repr(str(out)),
                                              other=repr(previous.workbook), workbook=repr(str(wb))))
                notes.append(message("cmd_note_other_workbook_replaced", out=out, other=previous.workbook,
                                     workbook=wb))
                prior = {}
            good = report_merge.good_pages(prior, previous.path if previous is not None else None)
            table_cache.save(validated, tmp / TABLE_CACHE)  # the notebooks read the tables validation read
            del validated
            from tqdm.auto import tqdm

            bar = tqdm(total=len(selected), desc="sqmkit run", unit="notebook", file=sys.stderr,
                       disable=not progress, dynamic_ncols=True)
            pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sqmkit-nb")
            try:
                futures = [pool.submit(_execute_one, p, plan[p.stem], tmp, lang, keep_good=p.stem in good, out=out,
                                       stop=stop, kernels=kernels) for p in selected]
                for fut in as_completed(futures):
                    res = fut.result()
                    results[res.name] = res
                    bar.set_postfix_str(f"{res.name}: {res.status}")
                    bar.update(1)
            except BaseException:
                # Ctrl-C, SIGTERM: queued notebooks never start, running kernels are stopped at once
                _stop_kernels(stop)
                raise
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
                bar.close()
        finally:
            kernels.close()  # also the kernels started ahead for notebooks that never ran (bad data, Ctrl-C)
        ended = _dt.datetime.now().astimezone()
        summary = RunSummary(out=out, workbook=wb, notebooks=[results[p.stem] for p in selected],
                             started=started.isoformat(timespec="seconds"),
                             ended=ended.isoformat(timespec="seconds"),
                             duration_s=time.perf_counter() - t0, run_id=run_id,
                             only=[p.stem for p in selected] if only else None, notes=notes)
        report.build_report(tmp, summary, config=config, lang=lang, previous=previous, prior=prior)
        try:
            with report_folder.deferred_interrupts():  # Ctrl-C and SIGTERM wait until the report is in place
                try:
                    report_folder.swap(tmp, out, run_id)
                except OSError as err:
                    kept = report_folder.keep(tmp, out, run_id, err)
        except KeyboardInterrupt as err:
            err.report_finished = kept is None  # type: ignore[attr-defined] - the CLI says where the report is
            raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        for folder in created:  # the folders made for the report, when it never came (they are empty)
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    finally:
        pm_logger.setLevel(pm_level)
    if kept is not None:
        raise kept
    return summary


def doctor_checks(out: str | Path | None = None) -> list[dict[str, Any]]:
    """Check what a run needs: kernel of this interpreter, CJK font, versions, a writable output folder.

    Returns one dict per check: ``check`` (its name), ``ok`` (bool), ``detail``; name and detail are messages
    (English as a ``str``, rendered in the reader's language by the CLI).
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
        checks.append({"check": message("cmd_doctor_kernel"), "ok": where == sys.executable,
                       "detail": message("cmd_doctor_kernel_on", where=where or "?")})
    except Exception as err:
        checks.append({"check": message("cmd_doctor_kernel"), "ok": False,
                       "detail": message("cmd_doctor_kernel_failed", error=f"{type(err).__name__}: {err}")})
    try:
        from sqmkit.plots import cjk_font_name

        checks.append({"check": message("cmd_doctor_font"), "ok": True, "detail": cjk_font_name()})
    except Exception as err:
        checks.append({"check": message("cmd_doctor_font"), "ok": False,
                       "detail": message("cmd_doctor_font_failed", error=err)})
    import nbconvert
    import pandas
    import papermill

    checks.append({"check": message("cmd_doctor_versions"), "ok": True,  # names and numbers: one text in both languages
                   "detail": f"python {platform.python_version()}, sqmkit {sqmkit.__version__}, pandas {pandas.__version__}, "
                             f"papermill {papermill.__version__}, nbconvert {nbconvert.__version__}"})
    target = Path(out or ".").resolve()
    try:
        with tempfile.NamedTemporaryFile(dir=target, prefix=".sqmkit-doctor-"):
            pass
        checks.append({"check": message("cmd_doctor_output_folder"), "ok": True,
                       "detail": message("cmd_doctor_writable", target=target)})
    except OSError as err:
        checks.append({"check": message("cmd_doctor_output_folder"), "ok": False,
                       "detail": message("cmd_doctor_not_writable", target=target, reason=err.strerror)})
    try:
        checks.append({"check": message("cmd_doctor_notebooks"), "ok": bool(list_notebooks()),
                       "detail": message("cmd_doctor_notebooks_found", n=len(list_notebooks()),
                                         folder=resources.notebooks_folder())})
    except FileNotFoundError as err:
        checks.append({"check": message("cmd_doctor_notebooks"), "ok": False, "detail": err.args[0] if err.args else str(err)})
    return checks
