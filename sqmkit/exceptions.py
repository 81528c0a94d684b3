"""The exception hierarchy: one base class, a data error that carries its failure cases."""
from __future__ import annotations

from typing import Any

__all__ = ["SqmkitError", "DataValidationError", "ConfigError", "ParameterError", "NotebookRunError"]


class SqmkitError(Exception):
    """Base class of every error sqmkit raises on purpose (the CLI turns these into exit code 2)."""


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
    """

    def __init__(self, message: str, *, table: str | None = None, column: str | None = None,
                 failure_cases: Any = None, problems: list["DataValidationError"] | None = None):
        super().__init__(message)
        self.table = table
        self.column = column
        self.failure_cases = failure_cases
        self.problems = list(problems or [])


class ConfigError(SqmkitError, ValueError):
    """sqmkit.yaml is missing, unparsable or holds a bad value."""


class ParameterError(SqmkitError, ValueError):
    """A notebook parameter is unknown or of the wrong type."""


class NotebookRunError(SqmkitError):
    """A notebook failed while executing.

    Keeps the notebook, the index of the failing cell, the error name and value.
    """

    def __init__(self, notebook: str, *, cell_index: int | None = None,
                 ename: str = "", evalue: str = ""):
        where = f" in cell {cell_index}" if cell_index is not None else ""
        super().__init__(f"{notebook} failed{where}: {ename}: {evalue}")
        self.notebook = notebook
        self.cell_index = cell_index
        self.ename = ename
        self.evalue = evalue
