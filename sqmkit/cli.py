"""The ``sqmkit`` command: thin argument parsing into runner/report/io calls.

No traceback reaches the user. Exit codes:

* 0: done; 1: a run finished but a notebook failed (its page says which sections and why);
* 2: bad input — every :class:`~sqmkit.exceptions.SqmkitError` and every operating-system error
  (a file that cannot be read or written, a full disk) becomes one message naming the thing and
  the fix; argparse's own usage errors are 2 as well;
* 1 with ``internal error``: anything else is a bug in sqmkit: one line on stderr, the traceback
  in a log file whose path the line gives (``SQMKIT_DEBUG=1`` also prints it);
* 130: interrupted (Ctrl-C), 143: terminated (SIGTERM), which cleans up the same way: the run's
  kernels are stopped, its temporary folder is removed and the previous report stays as it was.
"""
from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path
from typing import Sequence

from sqmkit.exceptions import SqmkitError

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    import sqmkit

    parser = argparse.ArgumentParser(
        prog="sqmkit",
        description="Parameterised Jupyter workbooks for service-quality improvement.",
    )
    parser.add_argument("--version", action="version", version=f"sqmkit {sqmkit.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    run = sub.add_parser("run", help="validate a workbook, execute its notebooks and write the report")
    run.add_argument("workbook", nargs="?", default="", metavar="WORKBOOK",
                     help="workbook folder (sqmkit.yaml + data/); default: the bundled sample")
    run.add_argument("--out", default="sqmkit-out", metavar="DIR", help="output folder (default: ./sqmkit-out)")
    run.add_argument("--only", nargs="+", metavar="NAME", help="run only these notebooks (e.g. 00 02_service_kpis)")
    run.add_argument("-p", "--parameter", action="append", default=[], metavar="KEY=VALUE",
                     help="notebook parameter (repeatable), checked against the notebooks' parameters cells")
    run.add_argument("--jobs", type=int, default=None, metavar="N", help="notebooks run at once (default: min(2, CPUs))")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument("--notebooks", default=None, metavar="DIR",
                     help="run the notebooks of DIR instead of the bundled ones (your own or adapted notebooks)")

    new = sub.add_parser("new", help="scaffold a workbook with data-entry templates")
    new.add_argument("folder", metavar="DIR")
    new.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of headers and README (default zh)")

    val = sub.add_parser("validate", help="report every data and parameter problem of a workbook (exit 2 if any)")
    val.add_argument("workbook", metavar="WORKBOOK")
    val.add_argument("--notebooks", default=None, metavar="DIR",
                     help="check sqmkit.yaml parameters against the notebooks of DIR (as `run --notebooks DIR`)")

    sample = sub.add_parser("sample", help="write a synthetic telecom workbook of any size")
    sample.add_argument("folder", metavar="DIR")
    sample.add_argument("--tickets", type=int, default=50_000, metavar="N")
    sample.add_argument("--seed", type=int, default=2025, metavar="S")
    sample.add_argument("--format", choices=["csv", "parquet"], default="csv", dest="ticket_format",
                        help="file format of the tickets table (default csv)")

    sub.add_parser("doctor", help="check kernel, CJK font, versions and a writable output folder")
    _add_import_events(sub)
    _add_lab(sub)
    return parser


def _cmd_run(args: argparse.Namespace) -> int:
    from sqmkit.runner import run_workbook

    summary = run_workbook(args.workbook or None, out=args.out, only=args.only, params=args.parameter,
                           jobs=args.jobs, progress=not args.no_progress, notebooks_folder=args.notebooks)
    pages = {page["name"]: page for page in summary.pages}
    for nb in summary.notebooks:
        line = f"  {nb.status:<6} {nb.name}  ({nb.duration_s:.1f} s)"
        if nb.status != "ok":
            where = f"cell {nb.cell_index}: " if nb.cell_index is not None else ""
            line += f"  {where}{nb.ename}: {nb.evalue.splitlines()[0] if nb.evalue else ''}"
        if pages.get(nb.name, {}).get("status") == "stale":
            when = str(pages[nb.name].get("run", {}).get("started", "?"))[:16].replace("T", " ")
            line += (f"\n         its last good page (run of {when}) is kept, marked stale in the index; this run's "
                     f"page is {summary.out / nb.html}")
        print(line, file=sys.stderr)
    for note in summary.notes:
        print(f"  note: {note}", file=sys.stderr)
    if summary.failed:
        where = "failed" if summary.stale else "notebooks"
        print(f"{len(summary.failed)} notebook(s) failed: their report pages say which sections could not be computed "
              f"and why; the errors are in {summary.out / where} and {summary.out / 'logs'}.", file=sys.stderr)
    print(summary.index)
    return summary.exit_code


def _cmd_new(args: argparse.Namespace) -> int:
    from sqmkit.report import scaffold_workbook

    folder = scaffold_workbook(args.folder, lang=args.lang)
    print(f"New workbook in {folder}: edit sqmkit.yaml, fill in the tables of {folder / 'data'} "
          f"(every column is explained in README.md), then run `sqmkit validate {folder}`.")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from sqmkit import io
    from sqmkit.exceptions import ConfigError
    from sqmkit.runner import workbook_parameter_problems

    folder = Path(args.workbook)
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"Workbook {str(folder)!r} is a file, not a folder. Fix: pass the folder holding "
                          "sqmkit.yaml and data/ (create one with `sqmkit new DIR`).")
    if not folder.is_dir():
        raise ConfigError(f"Workbook folder {str(folder)!r} does not exist. Fix: pass the folder holding "
                          "sqmkit.yaml and data/ (create one with `sqmkit new DIR`).")
    config = io.load_config(folder)
    wb, found = io.read_workbook(folder)
    problems = [str(p) for p in found]
    # the same parameter checks as `sqmkit run`: after validate passes, no run fails on a parameter
    problems += workbook_parameter_problems(folder, config, notebooks_folder=args.notebooks)
    if problems:
        print(f"{len(problems)} problem(s) in workbook {folder}:", file=sys.stderr)
        for problem in problems:
            print(f"- {problem}", file=sys.stderr)
        return 2
    rows = ", ".join(f"{name} {len(frame):,}" for name, frame in wb.tables.items())
    print(f"Workbook {folder} is valid: {len(wb.tables)} tables ({rows or 'none'}).")
    for note in wb.config.get("notes", []):
        print(f"  note: {note}")
    return 0


def _cmd_sample(args: argparse.Namespace) -> int:
    from sqmkit.exceptions import ParameterError
    from sqmkit.sample import write_sample

    if args.tickets < 1:
        raise ParameterError(f"The value for `--tickets` must be at least 1, but {args.tickets} was passed.")
    path = write_sample(args.folder, tickets=args.tickets, seed=args.seed, ticket_format=args.ticket_format)
    print(path)
    return 0


def _cmd_doctor(args: argparse.Namespace) -> int:
    from sqmkit.runner import doctor_checks

    checks = doctor_checks()
    width = max(len(c["check"]) for c in checks)
    for c in checks:
        print(f"{'ok  ' if c['ok'] else 'FAIL'}  {c['check']:<{width}}  {c['detail']}")
    return 0 if all(c["ok"] for c in checks) else 1


# --- import-events (corpus): event log -> tickets table; the mapping is documented in docs/EVENTS.md ---
def _add_import_events(sub: argparse._SubParsersAction) -> None:
    imp = sub.add_parser("import-events", help="write the tickets table from an event log (one row per status change)",
                         description="Collapse an event log (ServiceNow, Jira, Zendesk, process-mining CSV/XLSX) into "
                                     "the tickets table of a workbook. Give LOG first: the activity options take "
                                     "one or more names. See docs/EVENTS.md.")
    imp.add_argument("log", metavar="LOG", help="the event log: CSV (, ; tab), XLSX or Parquet")
    imp.add_argument("--out", required=True, metavar="WORKBOOK",
                     help="workbook folder; a new or empty folder is scaffolded first")
    imp.add_argument("--mapping", metavar="FILE", help="YAML mapping file; the options below override it")
    imp.add_argument("--case", metavar="COLUMN", help="case id column (default case:concept:name)")
    imp.add_argument("--activity", metavar="COLUMN", help="activity or status column (default concept:name)")
    imp.add_argument("--timestamp", metavar="COLUMN", help="event time column (default time:timestamp)")
    imp.add_argument("--resource", metavar="COLUMN", help="who did it (default org:resource when present)")
    for role, what in (("first-response", "a first response (with a resource)"), ("resolution", "a resolution"),
                       ("reopen", "a reopen after a resolution"), ("reassignment", "a reassignment or escalation")):
        imp.add_argument(f"--{role}", nargs="+", metavar="ACTIVITY", help=f"activities that count as {what}")
    imp.add_argument("--attribute", action="append", default=[], metavar="NAME=COLUMN",
                     help="carry a column over (last non-blank value): channel, category, team, agent_id, priority "
                          "or customer_id; repeatable")
    imp.add_argument("--date-order", choices=["DMY", "MDY", "YMD"], help="for dates that are all ambiguous")
    imp.add_argument("--timezone", metavar="ZONE",
                     help="IANA zone for timestamps with UTC offsets (e.g. Europe/Berlin)")
    imp.add_argument("--sheet", metavar="NAME", help="sheet of an XLSX log (default the first)")
    imp.add_argument("--force", action="store_true", help="replace an existing tickets table (a backup is kept)")
    imp.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of a scaffolded workbook")


def _cmd_import_events(args: argparse.Namespace) -> int:
    from sqmkit.events import import_events, mapping_from_options

    mapping = mapping_from_options(
        args.mapping, attributes=args.attribute, case=args.case, activity=args.activity, timestamp=args.timestamp,
        resource=args.resource, first_response=args.first_response, resolution=args.resolution,
        reopen=args.reopen, reassignment=args.reassignment, date_order=args.date_order, timezone=args.timezone)
    result = import_events(args.log, args.out, mapping, force=args.force, lang=args.lang, sheet=args.sheet)
    for note in result.notes:
        print(f"  note: {note}", file=sys.stderr)
    print(result.summary)
    return 0
# --- end import-events ---


# --- lab (issue 11): JupyterLab on a working copy of the notebooks bound to a workbook; see sqmkit/lab.py ---
def _add_lab(sub: argparse._SubParsersAction) -> None:
    lab = sub.add_parser(
        "lab", help="start JupyterLab on a working copy of the notebooks bound to a workbook (live workshop)",
        description="Start JupyterLab on WORKBOOK/workshop/: a copy of the notebooks whose parameters cell names "
                    "the workbook, so the widgets save into its data/. Notebooks already there are never "
                    "overwritten; missing ones are added. Without WORKBOOK, an editable copy of the bundled "
                    "sample is made in ./sqmkit-sample first. One Ctrl-C ends it (save the notebooks first).")
    lab.add_argument("workbook", nargs="?", default="", metavar="WORKBOOK",
                     help="workbook folder (sqmkit.yaml + data/); default: an editable copy of the bundled sample "
                          "in ./sqmkit-sample")
    lab.add_argument("--port", type=int, default=8888, metavar="N",
                     help="port on localhost (default 8888; JupyterLab takes the next free one when it is in use)")
    lab.add_argument("--no-browser", action="store_true", help="do not open a browser; open the printed address")
    lab.add_argument("--notebooks", default=None, metavar="DIR",
                     help="copy the notebooks of DIR instead of the bundled ones (your own or adapted notebooks)")


def _cmd_lab(args: argparse.Namespace) -> int:
    from sqmkit import lab

    workshop = lab.prepare_workshop(args.workbook or None, notebooks_folder=args.notebooks)
    lab.lab_command(workshop, port=args.port)  # checks the port and that JupyterLab is there before printing
    print(lab.describe(workshop, port=args.port), flush=True)
    return lab.run_lab(workshop, port=args.port, open_browser=not args.no_browser)
# --- end lab ---


_COMMANDS = {"run": _cmd_run, "new": _cmd_new, "validate": _cmd_validate, "sample": _cmd_sample,
             "doctor": _cmd_doctor, "import-events": _cmd_import_events, "lab": _cmd_lab}


def _os_error_message(err: OSError) -> str:
    """An operating-system error as the user's problem: what, which path, the fix."""
    names = [str(n) for n in (err.filename, err.filename2) if n not in (None, "")]
    path = " → ".join(repr(n) for n in names) if names else "a file or folder"
    reason = err.strerror or str(err) or type(err).__name__
    if isinstance(err, PermissionError) or err.errno in (errno.EACCES, errno.EPERM):
        fix = "check that you may read it (and, for output, write it), or choose another path."
    elif isinstance(err, FileNotFoundError):
        fix = "check the path (a folder or file may have been moved or deleted)."
    elif isinstance(err, (NotADirectoryError, FileExistsError)):
        fix = "a part of the path is a file where a folder is needed (or the other way round); choose another path."
    elif err.errno == errno.ENOSPC:
        fix = "free some disk space, or write the output to another disk with --out."
    elif err.errno == errno.EROFS:
        fix = "the disk is read-only; choose a folder on a writable disk."
    elif err.errno == errno.EBUSY:
        fix = "close the programs using it, or choose another path."
    else:
        fix = "check the path, its permissions and the free disk space."
    return f"cannot use {path}: {reason}. Fix: {fix}"


def _log_folders() -> list[Path]:
    import tempfile

    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folders = [os.environ.get("SQMKIT_LOG_DIR"), os.path.join(cache, "sqmkit", "logs"),
               os.path.join(tempfile.gettempdir(), "sqmkit-logs")]
    return [Path(f) for f in folders if f]


def _internal_error(command: str, err: BaseException, argv: Sequence[str] | None) -> int:
    """An unexpected exception: one line for the user, the traceback in a log file; exit 1."""
    import datetime as dt
    import platform
    import traceback

    import sqmkit

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    details = "".join(traceback.format_exception(type(err), err, err.__traceback__))
    text = (f"sqmkit {sqmkit.__version__} internal error, {stamp}\n"
            f"command: sqmkit {' '.join(map(str, argv if argv is not None else sys.argv[1:]))}\n"
            f"python {platform.python_version()} on {platform.platform()} ({sys.executable})\n"
            f"cwd: {os.getcwd()}\n\n{details}")
    log = None
    for folder in _log_folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            log = folder / f"sqmkit-{command}-{stamp}-{os.getpid()}.log"
            log.write_text(text, encoding="utf-8")
            break
        except OSError:
            log = None
    if os.environ.get("SQMKIT_DEBUG"):
        print(details, file=sys.stderr)
    summary = f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}".rstrip(": ")[:200]
    where = (f"the details are in {log}; please report it with that file" if log else
             "the details could not be written to a log file; run again with SQMKIT_DEBUG=1 to see them, and please "
             "report it")
    untouched = " Earlier output was left untouched." if command == "run" else ""
    print(f"sqmkit {command}: internal error ({summary}). This is a bug in sqmkit, not a problem of your input: "
          f"{where}.{untouched}", file=sys.stderr)
    return 1


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that a run cleans up the same way."""

    signum = 15


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def _interrupted(command: str, err: KeyboardInterrupt) -> int:
    """The message and exit code of an interrupted command: 130 for Ctrl-C, 143 for SIGTERM."""
    how = "SIGTERM" if isinstance(err, Terminated) else "Ctrl-C"
    if command != "run":
        what = "."
    elif getattr(err, "report_finished", False):
        what = " after the new report was moved into place; it is complete."
    else:
        what = "; the previous report is untouched."
    print(f"sqmkit {command}: interrupted ({how}){what}", file=sys.stderr)
    return 128 + (Terminated.signum if isinstance(err, Terminated) else 2)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``sqmkit`` console script and ``python -m sqmkit``."""
    import signal
    import threading

    parser = build_parser()
    args = parser.parse_args(argv)
    handler = None
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGTERM"):
        handler = signal.signal(signal.SIGTERM, _terminate)  # SIGTERM cleans up like Ctrl-C
    try:
        return _COMMANDS[args.command](args)
    except SqmkitError as err:
        print(f"sqmkit {args.command}: error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"sqmkit {args.command}: error: {_os_error_message(err)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as err:
        return _interrupted(args.command, err)
    except Exception as err:  # a bug: never a traceback on the user's screen
        return _internal_error(args.command, err, argv)
    finally:
        if handler is not None:
            signal.signal(signal.SIGTERM, handler)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
