"""The ``sqmkit`` command: thin argument parsing into runner/report/io calls.

Every :class:`~sqmkit.exceptions.SqmkitError` becomes a message on stderr and exit code 2,
without a traceback; a run in which a notebook failed exits 1.
"""
from __future__ import annotations

import argparse
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

    val = sub.add_parser("validate", help="report every data problem of a workbook (exit 2 if any)")
    val.add_argument("workbook", metavar="WORKBOOK")

    sample = sub.add_parser("sample", help="write a synthetic telecom workbook of any size")
    sample.add_argument("folder", metavar="DIR")
    sample.add_argument("--tickets", type=int, default=50_000, metavar="N")
    sample.add_argument("--seed", type=int, default=2025, metavar="S")
    sample.add_argument("--format", choices=["csv", "parquet"], default="csv", dest="ticket_format",
                        help="file format of the tickets table (default csv)")

    sub.add_parser("doctor", help="check kernel, CJK font, versions and a writable output folder")
    return parser


def _cmd_run(args: argparse.Namespace) -> int:
    from sqmkit.runner import run_workbook

    summary = run_workbook(args.workbook or None, out=args.out, only=args.only, params=args.parameter,
                           jobs=args.jobs, progress=not args.no_progress, notebooks_folder=args.notebooks)
    for nb in summary.notebooks:
        line = f"  {nb.status:<6} {nb.name}  ({nb.duration_s:.1f} s)"
        if nb.status != "ok":
            where = f"cell {nb.cell_index}: " if nb.cell_index is not None else ""
            line += f"  {where}{nb.ename}: {nb.evalue.splitlines()[0] if nb.evalue else ''}"
        print(line, file=sys.stderr)
    if summary.failed:
        print(f"{len(summary.failed)} notebook(s) failed; their executed notebooks show the error.", file=sys.stderr)
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

    folder = Path(args.workbook)
    if not folder.is_dir():
        from sqmkit.exceptions import ConfigError

        raise ConfigError(f"Workbook folder {str(folder)!r} does not exist. Fix: pass the folder holding "
                          "sqmkit.yaml and data/ (create one with `sqmkit new DIR`).")
    io.load_config(folder)
    problems = io.validate_workbook(folder)
    if problems:
        print(f"{len(problems)} problem(s) in workbook {folder}:", file=sys.stderr)
        for problem in problems:
            print(f"- {problem}", file=sys.stderr)
        return 2
    wb = io.load_workbook(folder)
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


_COMMANDS = {"run": _cmd_run, "new": _cmd_new, "validate": _cmd_validate, "sample": _cmd_sample,
             "doctor": _cmd_doctor}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``sqmkit`` console script and ``python -m sqmkit``."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except SqmkitError as err:
        print(f"sqmkit {args.command}: error: {err}", file=sys.stderr)
        return 2
    except FileNotFoundError as err:
        print(f"sqmkit {args.command}: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"sqmkit {args.command}: interrupted; earlier output left untouched.", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
