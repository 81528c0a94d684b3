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

What a command prints (errors, progress and summary lines) is in the workbook's language
(:func:`message_lang`): ``SQMKIT_LANG`` when set to zh or en, else the ``lang`` of the workbook's
sqmkit.yaml (of the run's ``-p lang=`` for ``run``; read on its own, so that a sqmkit.yaml broken
elsewhere still names its problems in its language), else English. The texts are the ``cmd_`` and
``param_`` messages of :mod:`sqmkit.glossary.commands`.
"""
from __future__ import annotations

import argparse
import errno
import os
import re
import sys
from pathlib import Path
from typing import Sequence

from sqmkit.exceptions import SqmkitError
from sqmkit.glossary import message, message_lang, render

__all__ = ["main", "build_parser", "command_lang"]

#: a top-level ``lang: zh`` line of sqmkit.yaml (quotes and a comment allowed)
_LANG_LINE = re.compile(r"""^lang[ \t]*:[ \t]*["']?(zh|en)["']?[ \t]*(?:#.*)?$""", re.MULTILINE | re.IGNORECASE)
_LANG_LIMIT = 1 << 20   # bytes of sqmkit.yaml read for its lang: a sqmkit.yaml is a few kB


def _help(key: str) -> str:
    """A help text of the commands in ``SQMKIT_LANG`` (the parser is built before any workbook is known)."""
    return str(render(message(key), message_lang()))


def build_parser() -> argparse.ArgumentParser:
    import sqmkit

    parser = argparse.ArgumentParser(
        prog="sqmkit",
        description=_help("cmd_help_sqmkit"),
    )
    parser.add_argument("--version", action="version", version=f"sqmkit {sqmkit.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    run = sub.add_parser("run", help=_help("cmd_help_run"))
    run.add_argument("workbook", nargs="?", default="", metavar="WORKBOOK",
                     help=_help("cmd_help_run_workbook"))
    run.add_argument("--out", default="sqmkit-out", metavar="DIR", help=_help("cmd_help_run_out"))
    run.add_argument("--only", nargs="+", metavar="NAME", help=_help("cmd_help_run_only"))
    run.add_argument("-p", "--parameter", action="append", default=[], metavar="KEY=VALUE",
                     help=_help("cmd_help_run_parameter"))
    run.add_argument("--jobs", type=int, default=None, metavar="N", help=_help("cmd_help_run_jobs"))
    run.add_argument("--no-progress", action="store_true", help=_help("cmd_help_run_no_progress"))
    run.add_argument("--notebooks", default=None, metavar="DIR",
                     help=_help("cmd_help_run_notebooks"))

    new = sub.add_parser("new", help=_help("cmd_help_new"))
    new.add_argument("folder", metavar="DIR")
    new.add_argument("--lang", choices=["zh", "en"], default="zh", help=_help("cmd_help_new_lang"))

    val = sub.add_parser("validate", help=_help("cmd_help_validate"))
    val.add_argument("workbook", metavar="WORKBOOK")
    val.add_argument("--notebooks", default=None, metavar="DIR",
                     help=_help("cmd_help_validate_notebooks"))

    sample = sub.add_parser("sample", help=_help("cmd_help_sample"))
    sample.add_argument("folder", metavar="DIR")
    sample.add_argument("--tickets", type=int, default=50_000, metavar="N")
    sample.add_argument("--seed", type=int, default=2025, metavar="S")
    sample.add_argument("--format", choices=["csv", "parquet"], default="csv", dest="ticket_format",
                        help=_help("cmd_help_sample_format"))

    sub.add_parser("doctor", help=_help("cmd_help_doctor"))
    _add_import_events(sub)
    _add_lab(sub)
    return parser


def _yaml_lang(folder: str | Path) -> str | None:
    """The ``lang`` of a workbook's sqmkit.yaml, read from its text alone; None when absent or unreadable.

    Not :func:`sqmkit.io.load_config`: a sqmkit.yaml with a bad value elsewhere (or one that is not YAML at
    all) still says which language its problems are to be named in.

    >>> _yaml_lang("/no/such/folder") is None
    True
    """
    try:
        with open(Path(folder).expanduser() / "sqmkit.yaml", "rb") as handle:
            raw = handle.read(_LANG_LIMIT)
    except (OSError, ValueError):  # absent, unreadable, a path holding a NUL byte
        return None
    found = _LANG_LINE.search(raw.decode("utf-8-sig", errors="replace"))  # GBK or Latin-1: the line is ASCII
    return found.group(1).lower() if found else None


def _parameter_lang(pairs: Sequence[str] | None) -> str | None:
    """The ``lang`` a run's ``-p lang=...`` asks for (the last one wins, as in the runner)."""
    chosen = None
    for pair in pairs or []:
        key, _, value = str(pair).partition("=")
        if key.strip() == "lang" and value.strip().lower() in ("zh", "en"):
            chosen = value.strip().lower()
    return chosen


def command_lang(args: argparse.Namespace) -> str:
    """The language of what a command prints (:func:`sqmkit.glossary.message_lang` of its workbook's lang).

    ``run``: ``-p lang=``, else the workbook's (or the sample's) sqmkit.yaml; ``validate`` and ``lab``: the
    workbook's sqmkit.yaml (``lab`` without one: the sample's, which it copies); ``import-events``: the
    sqmkit.yaml of ``--out``, else ``--lang`` (the workbook it scaffolds); ``new``: ``--lang``; ``sample``
    and ``doctor`` have no workbook: ``SQMKIT_LANG`` or English.
    """
    from sqmkit import glossary, resources

    command, workbook_lang = getattr(args, "command", None), None
    try:
        if command == "run":
            workbook_lang = _parameter_lang(args.parameter) or _yaml_lang(args.workbook or resources.sample_workbook())
        elif command in ("validate", "lab"):
            workbook_lang = _yaml_lang(args.workbook or resources.sample_workbook())
        elif command == "import-events":
            workbook_lang = _yaml_lang(args.out) or args.lang
        elif command == "new":
            workbook_lang = args.lang
    except Exception:  # noqa: BLE001 - the language of a message must never be why it cannot be shown
        workbook_lang = None
    return glossary.message_lang(workbook_lang)


def _say(text: object, lang: str, *, err: bool = False, **kw: object) -> None:
    """Print a message (or a plain string) in ``lang``: stdout, or stderr when ``err``."""
    print(render(text, lang), file=sys.stderr if err else sys.stdout, **kw)


def _cmd_run(args: argparse.Namespace, lang: str) -> int:
    from sqmkit.runner import run_workbook

    summary = run_workbook(args.workbook or None, out=args.out, only=args.only, params=args.parameter,
                           jobs=args.jobs, progress=not args.no_progress, notebooks_folder=args.notebooks)
    pages = {page["name"]: page for page in summary.pages}
    for nb in summary.notebooks:
        status = render(message("cmd_status_ok" if nb.status == "ok" else "cmd_status_failed"), lang)
        line = render(message("cmd_run_line", status=status, name=nb.name, seconds=f"{nb.duration_s:.1f}"), lang)
        if nb.status != "ok":
            where = message("cmd_run_cell", n=nb.cell_index) if nb.cell_index is not None else ""
            line += render(message("cmd_run_failure", where=where, ename=nb.ename,
                                   evalue=nb.evalue.splitlines()[0] if nb.evalue else ""), lang)
        if pages.get(nb.name, {}).get("status") == "stale":
            when = str(pages[nb.name].get("run", {}).get("started", "?"))[:16].replace("T", " ")
            line += "\n" + render(message("cmd_run_stale", when=when, page=summary.out / nb.html), lang)
        _say(line, lang, err=True)
    for note in summary.notes:
        _say(message("cmd_note", note=note), lang, err=True)
    if summary.failed:
        where = "failed" if summary.stale else "notebooks"
        _say(message("cmd_run_failed", n=len(summary.failed), errors=summary.out / where, logs=summary.out / "logs"),
             lang, err=True)
    print(summary.index)
    return summary.exit_code


def _cmd_new(args: argparse.Namespace, lang: str) -> int:
    from sqmkit.report import scaffold_workbook

    folder = scaffold_workbook(args.folder, lang=args.lang)
    _say(message("cmd_new_done", folder=folder, data=folder / "data"), lang)
    return 0


def _cmd_validate(args: argparse.Namespace, lang: str) -> int:
    from sqmkit import io
    from sqmkit.exceptions import ConfigError
    from sqmkit.runner import workbook_parameter_problems

    folder = Path(args.workbook)
    if folder.exists() and not folder.is_dir():
        raise ConfigError(message("cmd_workbook_is_file", path=repr(str(folder))))
    if not folder.is_dir():
        raise ConfigError(message("cmd_workbook_missing", path=repr(str(folder))))
    config = io.load_config(folder)
    wb, found = io.read_workbook(folder)
    problems = [p.text(lang) if isinstance(p, SqmkitError) else render(p, lang) for p in found]
    # the same parameter checks as `sqmkit run`: after validate passes, no run fails on a parameter
    problems += [render(p, lang) for p in workbook_parameter_problems(folder, config, notebooks_folder=args.notebooks)]
    if problems:
        _say(message("cmd_validate_problems", n=len(problems), folder=folder), lang, err=True)
        for problem in problems:
            print(f"- {problem}", file=sys.stderr)
        return 2
    rows = ", ".join(f"{name} {len(frame):,}" for name, frame in wb.tables.items())
    if rows:
        _say(message("cmd_validate_valid", folder=folder, n=len(wb.tables), rows=rows), lang)
    else:
        _say(message("cmd_validate_valid_empty", folder=folder), lang)
    for note in wb.config.get("notes", []):
        _say(message("cmd_note", note=note), lang)
    return 0


def _cmd_sample(args: argparse.Namespace, lang: str) -> int:
    from sqmkit.exceptions import ParameterError
    from sqmkit.sample import write_sample

    if args.tickets < 1:
        raise ParameterError(message("cmd_tickets_at_least_one", n=args.tickets))
    path = write_sample(args.folder, tickets=args.tickets, seed=args.seed, ticket_format=args.ticket_format)
    print(path)
    return 0


def _cmd_doctor(args: argparse.Namespace, lang: str) -> int:
    from sqmkit.runner import doctor_checks

    checks = doctor_checks()
    names = [render(c["check"], lang) for c in checks]
    width = max(len(n) for n in names)
    for c, name in zip(checks, names):
        status = render(message("cmd_status_ok" if c["ok"] else "cmd_doctor_fail"), lang)
        print(f"{status:<4}  {name:<{width}}  {render(c['detail'], lang)}")
    return 0 if all(c["ok"] for c in checks) else 1


# --- import-events (corpus): event log -> tickets table; the mapping is documented in docs/EVENTS.md ---
def _add_import_events(sub: argparse._SubParsersAction) -> None:
    imp = sub.add_parser("import-events", help=_help("cmd_help_events"),
                         description=_help("cmd_help_events_description"))
    imp.add_argument("log", metavar="LOG", help=_help("cmd_help_events_log"))
    imp.add_argument("--out", required=True, metavar="WORKBOOK",
                     help=_help("cmd_help_events_out"))
    imp.add_argument("--mapping", metavar="FILE", help=_help("cmd_help_events_mapping"))
    imp.add_argument("--case", metavar="COLUMN", help=_help("cmd_help_events_case"))
    imp.add_argument("--activity", metavar="COLUMN", help=_help("cmd_help_events_activity"))
    imp.add_argument("--timestamp", metavar="COLUMN", help=_help("cmd_help_events_timestamp"))
    imp.add_argument("--resource", metavar="COLUMN", help=_help("cmd_help_events_resource"))
    for role in ("first-response", "resolution", "reopen", "reassignment"):
        imp.add_argument(f"--{role}", nargs="+", metavar="ACTIVITY", help=_help(f"cmd_help_events_{role.replace('-', '_')}"))
    imp.add_argument("--attribute", action="append", default=[], metavar="NAME=COLUMN",
                     help=_help("cmd_help_events_attribute"))
    imp.add_argument("--date-order", choices=["DMY", "MDY", "YMD"], help=_help("cmd_help_events_date_order"))
    imp.add_argument("--timezone", metavar="ZONE",
                     help=_help("cmd_help_events_timezone"))
    imp.add_argument("--sheet", metavar="NAME", help=_help("cmd_help_events_sheet"))
    imp.add_argument("--force", action="store_true", help=_help("cmd_help_events_force"))
    imp.add_argument("--lang", choices=["zh", "en"], default="zh", help=_help("cmd_help_events_lang"))


def _cmd_import_events(args: argparse.Namespace, lang: str) -> int:
    from sqmkit.events import import_events, mapping_from_options

    mapping = mapping_from_options(
        args.mapping, attributes=args.attribute, case=args.case, activity=args.activity, timestamp=args.timestamp,
        resource=args.resource, first_response=args.first_response, resolution=args.resolution,
        reopen=args.reopen, reassignment=args.reassignment, date_order=args.date_order, timezone=args.timezone)
    result = import_events(args.log, args.out, mapping, force=args.force, lang=args.lang, sheet=args.sheet)
    for note in result.notes:
        _say(message("cmd_note", note=note), lang, err=True)
    _say(result.summary, lang)
    return 0
# --- end import-events ---


# --- lab (issue 11): JupyterLab on a working copy of the notebooks bound to a workbook; see sqmkit/lab.py ---
def _add_lab(sub: argparse._SubParsersAction) -> None:
    lab = sub.add_parser(
        "lab", help=_help("cmd_help_lab"),
        description=_help("cmd_help_lab_description"))
    lab.add_argument("workbook", nargs="?", default="", metavar="WORKBOOK",
                     help=_help("cmd_help_lab_workbook"))
    lab.add_argument("--port", type=int, default=8888, metavar="N",
                     help=_help("cmd_help_lab_port"))
    lab.add_argument("--no-browser", action="store_true", help=_help("cmd_help_lab_no_browser"))
    lab.add_argument("--notebooks", default=None, metavar="DIR",
                     help=_help("cmd_help_lab_notebooks"))


def _cmd_lab(args: argparse.Namespace, lang: str) -> int:
    from sqmkit import lab

    workshop = lab.prepare_workshop(args.workbook or None, notebooks_folder=args.notebooks)
    lab.lab_command(workshop, port=args.port)  # checks the port and that JupyterLab is there before printing
    _say(lab.describe(workshop, port=args.port), lang, flush=True)
    return lab.run_lab(workshop, port=args.port, open_browser=not args.no_browser)
# --- end lab ---


_COMMANDS = {"run": _cmd_run, "new": _cmd_new, "validate": _cmd_validate, "sample": _cmd_sample,
             "doctor": _cmd_doctor, "import-events": _cmd_import_events, "lab": _cmd_lab}


def _os_error_message(err: OSError) -> str:
    """An operating-system error as the user's problem: what, which path, the fix (a message)."""
    names = [str(n) for n in (err.filename, err.filename2) if n not in (None, "")]
    path = " → ".join(repr(n) for n in names) if names else message("cmd_os_a_path")
    reason = err.strerror or str(err) or type(err).__name__   # the operating system's words, as it gives them
    if isinstance(err, PermissionError) or err.errno in (errno.EACCES, errno.EPERM):
        fix = "cmd_os_fix_permission"
    elif isinstance(err, FileNotFoundError):
        fix = "cmd_os_fix_not_found"
    elif isinstance(err, (NotADirectoryError, FileExistsError)):
        fix = "cmd_os_fix_file_or_folder"
    elif err.errno == errno.ENOSPC:
        fix = "cmd_os_fix_disk_full"
    elif err.errno == errno.EROFS:
        fix = "cmd_os_fix_read_only"
    elif err.errno == errno.EBUSY:
        fix = "cmd_os_fix_busy"
    else:
        fix = "cmd_os_fix_other"
    return message("cmd_os_error", path=path, reason=reason, fix=message(fix))


def _log_folders() -> list[Path]:
    import tempfile

    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folders = [os.environ.get("SQMKIT_LOG_DIR"), os.path.join(cache, "sqmkit", "logs"),
               os.path.join(tempfile.gettempdir(), "sqmkit-logs")]
    return [Path(f) for f in folders if f]


def _internal_error(command: str, err: BaseException, argv: Sequence[str] | None, lang: str = "en") -> int:
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
    where = message("cmd_internal_log", log=log) if log else message("cmd_internal_no_log")
    untouched = message("cmd_internal_untouched") if command == "run" else ""
    _say(message("cmd_internal_error", command=command, summary=summary, where=where, untouched=untouched), lang,
         err=True)
    return 1


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that a run cleans up the same way."""

    signum = 15


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def _interrupted(command: str, err: KeyboardInterrupt, lang: str = "en") -> int:
    """The message and exit code of an interrupted command: 130 for Ctrl-C, 143 for SIGTERM."""
    how = "SIGTERM" if isinstance(err, Terminated) else "Ctrl-C"
    if command != "run":
        key = "cmd_interrupted"
    elif getattr(err, "report_finished", False):
        key = "cmd_interrupted_report_complete"
    else:
        key = "cmd_interrupted_report_untouched"
    _say(message(key, command=command, how=how), lang, err=True)
    return 128 + (Terminated.signum if isinstance(err, Terminated) else 2)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``sqmkit`` console script and ``python -m sqmkit``."""
    import signal
    import threading

    parser = build_parser()
    args = parser.parse_args(argv)
    lang = command_lang(args)
    handler = None
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGTERM"):
        handler = signal.signal(signal.SIGTERM, _terminate)  # SIGTERM cleans up like Ctrl-C
    try:
        return _COMMANDS[args.command](args, lang)
    except SqmkitError as err:
        _say(message("cmd_error", command=args.command, text=err.text(lang)), lang, err=True)
        return 2
    except OSError as err:
        _say(message("cmd_error", command=args.command, text=_os_error_message(err)), lang, err=True)
        return 2
    except KeyboardInterrupt as err:
        return _interrupted(args.command, err, lang)
    except Exception as err:  # a bug: never a traceback on the user's screen
        return _internal_error(args.command, err, argv, lang)
    finally:
        if handler is not None:
            signal.signal(signal.SIGTERM, handler)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
