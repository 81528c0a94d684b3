"""Executing the workbook notebooks with papermill: parallel jobs, pinned kernel, failure isolation.

:func:`run_workbook` validates the workbook, executes every selected notebook of
``notebooks/`` on a kernel of *the running interpreter* (a stale user kernelspec called
``python3`` cannot hijack the run), isolates failures (a failing notebook is kept with its error
and the others carry on), builds the report (:mod:`sqmkit.report`) and only then swaps the new
output folder into place, so an interrupted or failed run never destroys the last good report.
"""
from __future__ import annotations

import datetime as _dt
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
           "parse_overrides"]

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

    nb = nbformat.read(str(path), as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])]
    if not cells:
        raise ParameterError(f"Notebook {Path(path).name} has no cell tagged `parameters`. "
                             "Fix: tag the cell holding its parameters with `parameters`.")
    source = cells[0].source
    try:
        tree = ast.parse(source)
    except SyntaxError as err:
        raise ParameterError(f"The parameters cell of {Path(path).name} is not valid Python (line {err.lineno}): "
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
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            raise fail() from None
    raise fail()


def parse_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """Parse ``KEY=VALUE`` strings of ``-p`` options (values stay strings, typed later)."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"-p expects KEY=VALUE, but {pair!r} was passed. Fix: write e.g. -p freq=MS.")
        out[key.strip()] = value
    return out


def resolve_parameters(notebooks: list[Path], *, builtins: Mapping[str, Any],
                       config_parameters: Mapping[str, Any] | None = None,
                       overrides: Mapping[str, Any] | None = None,
                       all_notebooks: list[Path] | None = None) -> dict[str, dict[str, Any]]:
    """Per notebook, the parameters to pass, checked against its parameters cell.

    Built-ins go to every notebook that declares them; sqmkit.yaml ``parameters:`` (checked
    against all notebooks) and ``overrides`` (``-p``, checked against the selected ones) go to
    every notebook declaring the name. An undeclared name or a value of the wrong type raises
    :class:`ParameterError`.
    """
    config_parameters = dict(config_parameters or {})
    overrides = dict(overrides or {})
    declared = {p.stem: notebook_parameters(p) for p in notebooks}
    every = dict(declared)
    for p in all_notebooks or []:
        if p.stem not in every:
            every[p.stem] = notebook_parameters(p)

    def check_names(values: Mapping[str, Any], pool: Mapping[str, dict], source: str) -> None:
        valid = sorted({n for params in pool.values() for n in params} - set(BUILTIN_PARAMETERS) | {"lang"})
        for name in values:
            if name in ("workbook", "output_dir", "interactive"):
                raise ParameterError(
                    f"Parameter `{name}` (from {source}) is set by the runner. Fix: "
                    + ("give the workbook folder as the WORKBOOK argument." if name == "workbook"
                       else "use --out DIR." if name == "output_dir" else "remove it (batch runs are never interactive).")
                )
            if not any(name in params for params in pool.values()):
                raise ParameterError(
                    f"Unknown parameter `{name}` (from {source}): no selected notebook declares it. "
                    f"Valid names: {valid}. Fix: correct the spelling or remove it."
                )

    check_names(config_parameters, every, "sqmkit.yaml parameters")
    check_names(overrides, declared, "-p")
    plan: dict[str, dict[str, Any]] = {}
    for stem, params in declared.items():
        values: dict[str, Any] = {}
        for source, pool in (("the runner", builtins), ("sqmkit.yaml parameters", config_parameters), ("-p", overrides)):
            for name, value in pool.items():
                if name in params:
                    values[name] = _convert(name, value, _type_name(params[name]), notebook=stem, source=source)
        plan[stem] = values
    return plan


def _validate(workbook: Path) -> dict[str, Any]:
    """Load the config and validate every table before any notebook runs; returns the config."""
    from sqmkit import io

    if not workbook.is_dir():
        raise ConfigError(
            f"Workbook folder {str(workbook)!r} does not exist. Fix: pass the folder holding sqmkit.yaml and data/ "
            "(create one with `sqmkit new DIR`), or leave WORKBOOK out to run the bundled sample."
        )
    config = io.load_config(workbook)
    problems = io.validate_workbook(workbook)
    if problems:
        raise combine_problems(problems, f"{len(problems)} problems in workbook {workbook}")
    return config


def _execute_one(path: Path, params: dict[str, Any], tmp: Path, lang: str) -> NotebookResult:
    """Execute one notebook with papermill and render its report page; never raises on notebook errors."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from sqmkit import report

    result = NotebookResult(name=path.stem, notebook=f"notebooks/{path.name}", html=f"{path.stem}.html",
                            parameters=params)
    target = tmp / "notebooks" / path.name
    start = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(path), str(target), parameters=params, kernel_name="python3", language="python",
            progress_bar=False, log_output=False, cwd=str(tmp),
            kernel_manager_class=_kernel_manager_class(tmp / "logs" / f"{path.stem}.kernel.log"),
        )
        result.status = "ok"
    except PapermillExecutionError as err:
        result.status, result.cell_index = "failed", err.cell_index
        result.ename, result.evalue = err.ename, str(err.evalue)
    except Exception as err:  # kernel died, unreadable notebook...: keep going with the others
        result.status, result.ename, result.evalue = "failed", type(err).__name__, str(err)
    result.duration_s = round(time.perf_counter() - start, 3)
    if target.exists():
        try:
            report.notebook_html(target, tmp / result.html, lang=lang)
        except Exception as err:  # a report page that cannot be rendered is a failure too
            result.status = "failed"
            result.ename = result.ename or type(err).__name__
            result.evalue = result.evalue or f"report page could not be rendered: {err}"
            result.html = ""
    else:
        result.html = ""
    return result


def _check_output_folder(out: Path) -> None:
    """Refuse to replace a folder that is not an earlier sqmkit output (``--out ~`` must never delete home)."""
    if not out.exists():
        return
    if not out.is_dir():
        raise ConfigError(f"--out {str(out)!r} is a file. Fix: choose a folder name, e.g. --out sqmkit-out.")
    if any(out.iterdir()) and not (out / "run.json").is_file():
        raise ConfigError(
            f"--out {str(out)!r} exists and is not an sqmkit output folder (it has no run.json); a run replaces the whole "
            "folder. Fix: choose a new or empty folder, e.g. --out sqmkit-out."
        )


def _swap(tmp: Path, out: Path) -> None:
    """Move the finished run into ``out``; the previous output goes to OUT.previous, then away."""
    previous = out.with_name(out.name + ".previous")
    if previous.exists():
        shutil.rmtree(previous)
    if out.exists():
        os.replace(out, previous)
    os.replace(tmp, out)
    if previous.exists():
        shutil.rmtree(previous, ignore_errors=True)


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
        Parameter overrides (``-p``); checked against the notebooks' parameters cells.
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
        Before any notebook runs; the previous output is untouched.
    """
    from sqmkit import report

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
    config = _validate(wb)
    all_nbs = list_notebooks(folder=notebooks_folder)
    if not all_nbs:
        raise ConfigError(f"No notebooks found in {notebooks_folder or resources.notebooks_folder()}. "
                          "Fix: reinstall sqmkit (`pip install --force-reinstall .`).")
    selected = list_notebooks(only, folder=notebooks_folder)
    lang = str(overrides.get("lang") or config.get("lang") or "zh")
    out.parent.mkdir(parents=True, exist_ok=True)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    tmp = out.with_name(f".{out.name}.tmp-{stamp}-{os.getpid()}")
    builtins = {"workbook": str(wb), "lang": lang, "interactive": False, "output_dir": str(tmp)}
    plan = resolve_parameters(selected, builtins=builtins, config_parameters=config.get("parameters") or {},
                              overrides=overrides, all_notebooks=all_nbs)

    import logging

    # papermill warns about parameters its own inspector cannot parse; they were checked above.
    pm_logger = logging.getLogger("papermill")
    pm_level = pm_logger.level
    pm_logger.setLevel(logging.ERROR)
    started = _dt.datetime.now().astimezone()
    t0 = time.perf_counter()
    tmp.mkdir(parents=True)
    (tmp / "notebooks").mkdir()
    (tmp / "logs").mkdir()
    results: dict[str, NotebookResult] = {}
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
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        pm_logger.setLevel(pm_level)
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
