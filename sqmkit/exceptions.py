"""The exception hierarchy: one base class, a data error that carries its failure cases.

A message is raised as a :class:`sqmkit.glossary.Message` (``glossary.message(key, **fields)``) when a
user reads it; :meth:`SqmkitError.text` renders it in Chinese or English. ``str(err)`` is the text in
``SQMKIT_LANG`` when that is set (the runner sets it in each kernel to the run's ``lang``), else English.
"""
from __future__ import annotations

import os
from typing import Any

from sqmkit.glossary import message, render

__all__ = ["SqmkitError", "DataValidationError", "ConfigError", "ParameterError", "NotebookRunError",
           "ResourceLimitError"]


class SqmkitError(Exception):
    """Base class of every error sqmkit raises on purpose (the CLI turns these into exit code 2)."""

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (``"zh"`` or ``"en"``); a message written as a plain string stays as written."""
        problems = getattr(self, "problems", None)
        headline = getattr(self, "headline", None)
        if problems and headline is not None:
            lines = "\n".join(f"  {i}. {_text(p, lang)}" for i, p in enumerate(problems, 1))
            return f"{render(message('cmd_problem_list', headline=headline), lang)}\n{lines}"
        return str(render(self.args[0], lang)) if self.args else ""

    def __str__(self) -> str:
        lang = os.environ.get("SQMKIT_LANG", "").strip().lower()
        return self.text(lang if lang in ("zh", "en") else "en")


def _text(problem: Any, lang: str) -> str:
    """One problem of a combined error (an error, a message or a plain string) in ``lang``."""
    return problem.text(lang) if isinstance(problem, SqmkitError) else str(render(problem, lang))


class DataValidationError(SqmkitError, ValueError):
    """A table (or an argument naming its columns) does not meet the data contract.

    Attributes
    ----------
    table : str or None
        The table or file concerned, e.g. ``"tickets"`` or ``"data/tickets.csv"``.
    column : str or None
        The column concerned, when there is one.
    failure_cases : pandas.DataFrame or None
        The offending rows and values (row numbers as in the file, 1 = header... see message).
    problems : list of DataValidationError
        For a combined error, every single problem found (lazy validation).
    headline : str or None
        For a combined error, its first line (the problems follow, numbered).
    """

    def __init__(self, message: str, *, table: str | None = None, column: str | None = None,
                 failure_cases: Any = None, problems: list["DataValidationError"] | None = None,
                 headline: str | None = None):
        super().__init__(message)
        self.headline = headline
        self.table = table
        self.column = column
        self.failure_cases = failure_cases
        self.problems = list(problems or [])


class ConfigError(SqmkitError, ValueError):
    """sqmkit.yaml is missing, unparsable or holds a bad value."""


class ParameterError(SqmkitError, ValueError):
    """A notebook parameter is unknown or of the wrong type."""


class ResourceLimitError(SqmkitError):
    """A computation needs more memory or temporary disk than sqmkit may use; the message says how much."""


class NotebookRunError(SqmkitError):
    """A notebook failed while executing.

    Keeps the notebook, the index of the failing cell, the error name and value.
    """

    def __init__(self, notebook: str, *, cell_index: int | None = None,
                 ename: str = "", evalue: str = ""):
        if cell_index is None:
            super().__init__(message("cmd_notebook_failed", notebook=notebook, ename=ename, evalue=evalue))
        else:
            super().__init__(message("cmd_notebook_failed_in_cell", notebook=notebook, cell=cell_index, ename=ename,
                                     evalue=evalue))
        self.notebook = notebook
        self.cell_index = cell_index
        self.ename = ename
        self.evalue = evalue
