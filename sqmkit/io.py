"""A workbook: its tables read and checked together, and edited tables saved back.

A workbook is a folder with ``sqmkit.yaml`` (:mod:`sqmkit.config`) and ``data/`` (DESIGN.md §3). Its table
files are found by :mod:`sqmkit.files` and each read by :mod:`sqmkit.tables` (headers, types, the contract);
this module adds the rules across rows and tables (references, cause trees, SLA priorities), collects every
problem of every table at once, and keeps the notes of what was decided on the way for ``sqmkit validate``.
Saving goes through :mod:`sqmkit.writeback` (faithful to the client's file).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from sqmkit import files, pii, schemas, table_cache, writeback
from sqmkit._checks import check_choice, combine_problems
from sqmkit.config import CONFIG_NAME, load_config
from sqmkit.exceptions import DataValidationError
from sqmkit.files import DATA_SUFFIXES, Source
from sqmkit.glossary import Message, message
from sqmkit.resources import sample_workbook
from sqmkit.tables import (BLANK_TOKENS, EmptyTableError, describe_problem, file_rows, read_source, read_table,
                           table_file, table_for)
from sqmkit.backups import ReadOnlyWorkbookError
from sqmkit.writeback import StaleTableError

if TYPE_CHECKING:
    from IPython.display import Markdown

__all__ = [
    "Workbook", "load_workbook", "read_workbook", "validate_workbook", "load_config", "read_table",
    "write_table", "missing_table_note", "table_file", "CONFIG_NAME", "DATA_SUFFIXES", "EmptyTableError",
    "BLANK_TOKENS", "reload_table", "StaleTableError", "ReadOnlyWorkbookError",
]

# --------------------------------------------------------------------------------------------
# A whole workbook
# --------------------------------------------------------------------------------------------
@dataclass
class Workbook:
    """A loaded workbook: config, validated tables and the files (and XLSX sheets) they came from."""

    path: Path
    config: dict[str, Any]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        return name in self.tables

    def get(self, name: str) -> pd.DataFrame | None:
        return self.tables.get(name)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.tables.items())
        return f"Workbook({str(self.path)!r}, {sizes})"


def _cross_table_problems(tables: dict[str, pd.DataFrame], files: dict[str, Path],
                          config: dict[str, Any]) -> list[DataValidationError]:
    """Rules across rows and tables: references between tables, cause trees and why-chains, SLA priorities."""
    problems = _sla_problems(tables, files, config)

    def unknown_reference(child: str, column: str, parent: str, key: str, fix: str) -> None:  # fix: a glossary key
        if child not in tables or parent not in tables or column not in tables[child]:
            return
        values = tables[child][column]
        bad = values.notna() & ~values.isin(set(tables[parent][key].dropna()))
        if bad.any():
            rows = file_rows(values.index[bad])
            problems.append(DataValidationError(
                describe_problem(str(files[child]), column,
                                 message("reference_unknown", id=key, parent=files[parent].name), message(fix),
                                 rows, values[bad].drop_duplicates().tolist()),
                table=child, column=column,
                failure_cases=pd.DataFrame({"row": rows, "column": column, "value": values[bad].tolist()})))

    unknown_reference("needs_ratings", "need_id", "needs", "need_id", "reference_need_fix")
    unknown_reference("kano", "need_id", "needs", "need_id", "reference_need_fix")
    unknown_reference("causes", "parent_id", "causes", "cause_id", "reference_parent_fix")
    unknown_reference("causes", "problem_id", "problems", "problem_id", "reference_problem_fix")
    unknown_reference("whys", "cause_id", "causes", "cause_id", "reference_why_cause_fix")
    unknown_reference("actions", "cause_id", "causes", "cause_id", "reference_action_cause_fix")
    if not problems:  # the cause tree and the why-chains, as notebook 03 reads them
        problems += _library_problems(tables, files)
    return problems


def _sla_problems(tables: dict[str, pd.DataFrame], files: dict[str, Path], config: dict[str, Any]) -> list[DataValidationError]:
    sla, tickets = config.get("sla_hours"), tables.get("tickets")
    if not isinstance(sla, dict) or tickets is None or "priority" not in tickets:
        return []
    priority = tickets["priority"]
    bad = priority.notna() & ~priority.isin(list(sla))
    if "due_at" in tickets:
        bad &= tickets["due_at"].isna()  # a ticket with its own deadline needs no SLA hours
    if not bad.any():
        return []
    rows = file_rows(priority.index[bad])
    unknown = sorted(priority[bad].unique())
    entries = message("lang_pair", zh="、".join(f"{p}: 小时数" for p in unknown[:5]),
                      en=", ".join(f"{p}: HOURS" for p in unknown[:5]))
    text = describe_problem(str(files["tickets"]), "priority", message("sla_unknown_priority", known=list(sla)),
                            message("sla_unknown_priority_fix", entries=entries), rows, unknown,
                            tickets.attrs.get("headers", {}).get("priority"))
    return [DataValidationError(text, table="tickets", column="priority",
                                failure_cases=pd.DataFrame({"row": rows, "column": "priority", "value": priority[bad].tolist()}))]


def _library_problems(tables: dict[str, pd.DataFrame], files: dict[str, Path]) -> list[DataValidationError]:
    """The rules the root-cause functions enforce (a cycle of parents, a why-chain with a gap …), found by validate."""
    from sqmkit.rootcause.fishbone import fishbone_table
    from sqmkit.rootcause import why_chains

    checks = {"causes": lambda: fishbone_table(tables["causes"]),
              "whys": lambda: why_chains(tables["whys"], tables.get("causes"))}
    problems = []
    for name, check in checks.items():
        if name not in tables:
            continue
        try:
            check()
        except DataValidationError as error:
            for one in error.problems or [error]:
                said = one.args[0] if one.args else str(one)  # a glossary message when the step raised one
                problems.append(DataValidationError(message("file_prefixed", label=files[name], problem=said),
                                                    table=name, column=one.column, failure_cases=one.failure_cases))
    return problems




def _mask_tables(loaded: dict[str, pd.DataFrame], config: dict[str, Any], *, whole: bool = True) -> list[Message]:
    """Mask personal data in every table for analysis (:func:`sqmkit.pii.mask_table`); the notes of what was done.

    Rules on the free-text columns (:func:`sqmkit.schemas.free_text_columns`), pseudonyms for ``pii_columns``.
    Runs after every check (references and ids are compared as written). ``whole``: every table was read, so a
    ``pii_columns`` name no table has is worth a note (a typo would leave the column in clear).
    """
    wanted = config.get("pii_columns") or {}
    used: set[tuple[str, str]] = set()
    notes = []
    for name, frame in loaded.items():
        names = [(scope, n) for scope in ("*", name) for n in wanted.get(scope, [])]
        table = table_for(name, config)
        keys = {schemas.normalise_header(c): c for c in frame.columns}
        replaced = []
        for scope, n in names:
            column = keys.get(schemas.normalise_header(schemas.canonical_columns(table, [n])[n]))
            if column is not None:
                replaced.append(column)
                used.add((scope, n))
        masked = pii.mask_table(frame, text=schemas.free_text_columns(table, list(frame.columns)), pseudonymise=replaced,
                                lang=config.get("lang", "zh"))
        loaded[name] = masked
        counts = masked.attrs.get("pii_masked", {})
        if counts:
            label = masked.attrs.get("source", name)
            columns = message("lang_pair", zh="、".join(f"'{c}'（{n} 个单元格）" for c, n in counts.items()),
                              en=", ".join(f"'{c}' ({n} cell{'s' if n != 1 else ''})" for c, n in counts.items()))
            notes.append(message("note_pii_masked", label=label, columns=columns))
    for scope, names in wanted.items():
        for n in names:
            if whole and (scope, n) not in used:
                where = message("where_any_table") if scope == "*" else message("where_the_table", table=scope)
                notes.append(message("note_pii_unused", name=n, where=where))
    return notes


def _resolve(workbook: str | Path | None) -> Path:
    return Path(workbook) if workbook not in (None, "") else sample_workbook()


def _read_all(workbook: str | Path | None, tables: list[str] | None = None, *, masked: bool = True
              ) -> tuple[Path, dict, dict[str, pd.DataFrame], dict[str, Source], list[DataValidationError]]:
    folder = _resolve(workbook)
    config = load_config(folder)
    candidates, problems, notes = files.discover(folder)
    if tables is not None:
        candidates = {k: v for k, v in candidates.items() if k in tables}
    loaded: dict[str, pd.DataFrame] = {}
    sources: dict[str, Source] = {}
    for name, options in candidates.items():
        for source in options:
            try:
                frame = read_source(source, config, source.label)
            except EmptyTableError as empty:
                if source.own_file:
                    notes.append(empty.args[0])  # the message, rendered where it is shown
                continue
            except DataValidationError as error:
                problems += error.problems or [error]
                continue
            if name in sources:
                problems.append(DataValidationError(
                    message("table_in_two_files", label=source.label, name=name, other=sources[name].label),
                    table=name))
                continue
            loaded[name], sources[name] = frame, source
            notes += frame.attrs.get("notes", [])
    problems += _cross_table_problems(loaded, {k: s.path for k, s in sources.items()}, config)
    if masked:
        notes += _mask_tables(loaded, config, whole=tables is None)
    config["notes"] = notes
    return folder, config, loaded, sources, problems


def read_workbook(workbook: str | Path | None) -> tuple[Workbook, list[DataValidationError]]:
    """The workbook with every table that could be read, and every data problem (one pass over the files).

    Personal data is masked as by :func:`load_workbook`.

    Raises
    ------
    ConfigError
        When sqmkit.yaml itself is missing or bad (nothing else can be checked then).
    """
    folder, config, loaded, sources, problems = _read_all(workbook)
    return Workbook(path=folder, config=config, tables=loaded, files={k: s.path for k, s in sources.items()},
                    sources=sources), problems


def validate_workbook(workbook: str | Path | None) -> list[DataValidationError]:
    """Every data problem of the workbook (empty list when it is clean).

    Raises
    ------
    ConfigError
        When sqmkit.yaml itself is missing or bad (nothing else can be checked then).
    """
    return read_workbook(workbook)[1]


def load_workbook(workbook: str | Path | None = "", *, tables: list[str] | None = None,
                  masked: bool = True) -> Workbook:
    """Load a workbook for analysis: ``""`` or None is the bundled sample.

    Personal data is masked in every table (``masked=True``): phone numbers, e-mails, ID and bank card
    numbers in every free-text column, and the whole value of sqmkit.yaml's ``pii_columns``
    (:mod:`sqmkit.pii`), so nothing an analysis shows or records holds them. ``masked=False`` is for
    code that saves a table back (:func:`reload_table`); :func:`write_table` refuses a masked frame.

    In a notebook executed by ``sqmkit run`` the tables come from the run's cache of what its validation
    read (:mod:`sqmkit.table_cache`), unless the workbook's files changed since.

    Raises
    ------
    DataValidationError
        Listing every problem at once (``.problems``) when any table is bad.
    ConfigError
        When sqmkit.yaml is missing or bad.
    """
    if masked:  # in a run: the tables its validation read, unless the workbook changed since (sqmkit.table_cache)
        cached = table_cache.load(_resolve(workbook), tables)
        if cached is not None:
            return Workbook(**cached)
    folder, config, loaded, sources, problems = _read_all(workbook, tables, masked=masked)
    if problems:
        raise combine_problems(problems, message("workbook_problems_headline", folder=folder, n=len(problems)))
    return Workbook(path=folder, config=config, tables=loaded, files={k: s.path for k, s in sources.items()},
                    sources=sources)


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------
def write_table(workbook: str | Path, name: str, data: pd.DataFrame, *, replace: bool = False) -> Path:
    """Save an edited table into its file faithfully, keeping a backup (:func:`sqmkit.writeback.write_table`).

    ``replace``: ``data`` is the whole new table (an import), written in the file's style without the stale check.

    Raises
    ------
    StaleTableError
        The file changed on disk after ``data`` was read: nothing written; reload and edit again.
    ReadOnlyWorkbookError
        ``workbook`` is the bundled sample (make an editable copy with ``sqmkit sample DIR``).
    DataValidationError
        ``data`` was loaded for analysis with personal data masked (``attrs["pii_masked"]``): saving it would
        write the placeholders over the client's text.
    """
    check_choice("name", name, schemas.table_names())
    masked = data.attrs.get("pii_masked") if isinstance(data, pd.DataFrame) else None
    if masked:
        raise DataValidationError(message("write_masked_refused", name=name, columns=sorted(masked)),
                                  table=name, column=sorted(masked)[0])
    return writeback.write_table(workbook, name, data, replace=replace)


def reload_table(workbook: str | Path, name: str) -> pd.DataFrame | None:
    """Table ``name`` as it is on disk now (validated, not masked: the editors save it back), or None when the
    workbook has no such table yet."""
    check_choice("name", name, schemas.table_names())
    return load_workbook(workbook, tables=[name], masked=False).get(name)


def missing_table_note(name: str, lang: str = "zh") -> "Markdown":
    """A Markdown note for a notebook section whose optional table is missing: what it holds, how to add it.

    The text is the glossary's ``missing_table`` (:mod:`sqmkit.glossary.health`): it names the workbook's own
    ``data/`` folder and the template a workbook made by ``sqmkit new`` already holds, nothing else.
    """
    from IPython.display import Markdown

    from sqmkit.glossary import render, text

    table = schemas.TABLES[name]
    required = [c.name for c in table.columns if c.required] or [c.name for c in table.columns[:3]]
    columns = text("list_sep", lang).join(f"`{c}`" for c in required)
    help_text = render(message("lang_pair", zh=table.help_zh, en=table.help_en), lang)
    return Markdown(text("missing_table", lang, name=name, help=help_text, columns=columns))
