"""Failed cells of an executed notebook: a short box for the client, the traceback for the analyst.

Split from :mod:`sqmkit.report` (whose names re-export these). A notebook runs on after a failing
cell (:func:`sqmkit.runner.run_workbook` uses ``allow_errors``); here each failing cell is found with
its section (the Markdown heading above it) and a reason for the client (:func:`failure_reason`):

* :func:`show_failures` turns the error outputs of a notebook node into short boxes in the report's
  language and puts a summary under the title (:func:`sqmkit.report.notebook_html` calls it);
* :func:`mark_failed_cells` rewrites papermill's banners of the executed notebook (papermill marks
  only one cell and says execution stopped there);
* :func:`write_error_log` writes the tracebacks and stderr as plain text to the run's ``logs/``.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

__all__ = ["strip_ansi", "user_error_names", "failure_reason", "one_line", "notebook_title", "notebook_failures",
           "write_error_log", "mark_failed_cells", "show_failures"]

#: papermill's tag on the banner cells it adds to a failed notebook (papermill.execute.ERROR_MARKER_TAG)
_PAPERMILL_MARKER = "papermill-error-cell-tag"
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


def strip_ansi(text: str) -> str:
    """Text without ANSI colour codes (IPython colours its tracebacks).

    >>> strip_ansi("\x1b[31mValueError\x1b[39m: bad")
    'ValueError: bad'
    """
    return _ANSI.sub("", text)


def user_error_names() -> set[str]:
    """Class names of every SqmkitError (their messages are written for users)."""
    import sqmkit.io  # noqa: F401 - defines EmptyTableError
    from sqmkit.exceptions import SqmkitError

    names, todo = set(), [SqmkitError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


def failure_reason(ename: str, evalue: str, *, lang: str = "zh", depends_on: str | None = None) -> str:
    """Why a section could not be computed, for the client: no traceback, no code.

    A :class:`~sqmkit.exceptions.SqmkitError` is written for users: its message is the reason.
    Any other error is named in a plain sentence (its message is for the analyst); a NameError
    after an earlier failure (``depends_on``: that section) says the section needs that one.

    >>> failure_reason("DataValidationError", "Table 'survey' has no column 'date'.", lang="en")
    "Table 'survey' has no column 'date'."
    >>> failure_reason("KeyError", "'x'", lang="en")
    'An unexpected error (KeyError) stopped this part of the analysis.'
    """
    from sqmkit.glossary import text

    if ename in user_error_names() and evalue.strip():
        message = strip_ansi(evalue).strip()
        return message if len(message) <= 1500 else message[:1500].rstrip() + " …"
    if ename == "NameError" and depends_on:
        return text("failed_depends", lang, section=depends_on)
    return text("failed_unexpected", lang, ename=ename or "Error")


def one_line(ename: str, evalue: str, limit: int = 200) -> str:
    line = next((s for s in strip_ansi(evalue).splitlines() if s.strip()), "").strip()
    line = f"{ename}: {line}" if line else ename
    return line if len(line) <= limit else line[:limit].rstrip() + " …"


def notebook_failures(notebook: str | Path | Any, *, lang: str = "zh") -> list[dict[str, Any]]:
    """Every failing code cell of an executed notebook (path or node), in order.

    Each: ``cell_index`` (as papermill counts it: papermill's own banner cells left out),
    ``section`` (the last Markdown heading above the cell, else the notebook's title), ``ename``,
    ``evalue``, ``traceback`` (ANSI codes removed), ``sqmkit`` (a SqmkitError, whose message is
    for users), ``reason`` (:func:`failure_reason` in ``lang``).
    """
    import nbformat

    nb = notebook if isinstance(notebook, nbformat.NotebookNode) else nbformat.read(str(notebook), as_version=4)
    title = notebook_title(nb, "")
    section, index, found = title, -1, []
    sqmkit_names = user_error_names()
    for position, cell in enumerate(nb.cells):
        if _PAPERMILL_MARKER in cell.metadata.get("tags", []):
            continue
        index += 1
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                match = _HEADING.match(line)
                if match:
                    section = match.group(1).strip()
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            ename, evalue = str(output.get("ename") or ""), str(output.get("evalue") or "")
            if ename == "SystemExit" and evalue in ("", "0"):
                continue
            depends = found[0]["section"] if found else None
            found.append({"cell_index": index, "position": position, "section": section or title,
                          "ename": ename, "evalue": evalue,
                          "traceback": strip_ansi("\n".join(output.get("traceback") or [])),
                          "sqmkit": ename in sqmkit_names,
                          "reason": failure_reason(ename, evalue, lang=lang, depends_on=depends)})
            break
    return found


def write_error_log(notebook: str | Path, target: str | Path, *, stopped: tuple[str, str] | None = None,
                    executed_as: str | None = None) -> Path:
    """Write the tracebacks and stderr of an executed notebook to a plain-text log (no ANSI codes).

    ``executed_as``: where the report keeps the executed notebook (default ``notebooks/NAME.ipynb``;
    ``failed/NAME.ipynb`` when the last good page is kept, see :mod:`sqmkit.report_merge`).
    """
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    where = executed_as or f"notebooks/{Path(notebook).name}"
    lines = [f"sqmkit: errors of {where} (the executed notebook of this run)", ""]
    if stopped:
        lines += [f"The run stopped: {stopped[0]}: {stopped[1]}", ""]
    for failure in notebook_failures(nb, lang="en"):
        lines += [f"--- cell {failure['cell_index']} (section: {failure['section']}): "
                  f"{failure['ename']}: {failure['evalue']}", failure["traceback"], ""]
    for index, cell in enumerate(c for c in nb.cells if _PAPERMILL_MARKER not in c.metadata.get("tags", [])):
        err = "".join(o.get("text", "") for o in cell.get("outputs", [])
                      if o.get("output_type") == "stream" and o.get("name") == "stderr")
        if err.strip():
            lines += [f"--- stderr of cell {index}", strip_ansi(err).rstrip(), ""]
    target = Path(target)
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


def mark_failed_cells(notebook: str | Path) -> list[dict[str, Any]]:
    """Rewrite papermill's banners of an executed notebook for a run that went on after errors.

    papermill marks only one failing cell and says execution stopped there; sqmkit runs on
    (``allow_errors``), so the banner at the top lists every failing cell with a link, and a
    marker precedes each. The tracebacks themselves stay. Returns :func:`notebook_failures`.
    """
    import nbformat

    path = Path(notebook)
    nb = nbformat.read(str(path), as_version=4)
    failures = notebook_failures(nb, lang="en")
    if not failures:
        return failures
    style = 'style="color:#a1261b; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; font-size:1.2em;"'
    positions = {f["position"]: i for i, f in enumerate(failures, 1)}
    cells = []
    for position, cell in enumerate(nb.cells):
        if _PAPERMILL_MARKER in cell.metadata.get("tags", []):
            continue
        if position in positions:
            f = failures[positions[position] - 1]
            marker = nbformat.v4.new_markdown_cell(
                f'<span id="sqmkit-error-{positions[position]}" {style}>This cell failed ({html.escape(f["ename"])}); '
                "the cells after it ran on.</span>")
            marker.metadata["tags"] = [_PAPERMILL_MARKER]
            cells.append(marker)
        cells.append(cell)
    links = ", ".join(f'<a href="#sqmkit-error-{i}">cell {f["cell_index"]} ({html.escape(f["section"])})</a>'
                      for i, f in enumerate(failures, 1))
    top = nbformat.v4.new_markdown_cell(f"<span {style}>{len(failures)} cell(s) failed: {links}. The tracebacks are "
                                        "below and in the run's logs/ folder.</span>")
    top.metadata["tags"] = [_PAPERMILL_MARKER]
    nb.cells = [top] + cells
    nbformat.write(nb, str(path))
    return failures


_BOX_STYLE = ("border-left:4px solid #c0392b;background:#fdf1ef;color:#3d1f1a;padding:10px 16px;margin:10px 0;"
              "border-radius:4px;font-size:14px;line-height:1.7")
_BOX_HEAD = "font-weight:600;color:#a1261b;margin-bottom:2px"
_BOX_NOTE = "font-size:12px;color:#7a5a55;margin-top:4px"


def _failure_box(failure: dict[str, Any], *, lang: str, notebook: str, anchor: str) -> str:
    from sqmkit.glossary import text

    esc = html.escape
    reason = esc(failure["reason"]).replace("\n", "<br>")
    detail = "" if failure["sqmkit"] else one_line(failure["ename"], failure["evalue"])
    note = text("failed_detail", lang, detail=esc(detail), notebook=esc(notebook)) if detail else ""
    return (f'<div class="sqmkit-failure" id="{anchor}" role="note" style="{_BOX_STYLE}">'
            f'<div style="{_BOX_HEAD}">{esc(text("failed_section", lang, section=failure["section"]))}</div>'
            f'<div>{text("failed_why", lang, reason=reason)}</div>'
            f'<div>{esc(text("failed_rest_complete", lang))}</div>'
            + (f'<div style="{_BOX_NOTE}">{note}</div>' if note else "") + "</div>")


def _summary_box(failures: list[dict[str, Any]], *, lang: str) -> str:
    from sqmkit.glossary import text

    links = text("clause_sep", lang).join(f'<a href="#sqmkit-failure-{i}">{html.escape(f["section"])}</a>'
                     for i, f in enumerate(failures, 1))
    return (f'<div class="sqmkit-failure-summary" role="note" style="{_BOX_STYLE}">'
            + text("failed_summary", lang, n=len(failures), sections=links) + "</div>")


def show_failures(nb, *, lang: str, notebook: str, stopped: tuple[str, str] | None = None) -> None:
    """Replace every error output by a short box, drop papermill's banners, sum up at the top."""
    import nbformat

    failures = notebook_failures(nb, lang=lang)
    boxes = {f["position"]: _failure_box(f, lang=lang, notebook=notebook, anchor=f"sqmkit-failure-{number}")
             for number, f in enumerate(failures, 1)}
    for position, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                outputs.append(output)
            elif position in boxes:  # the cell's (first) error; a clean SystemExit shows nothing
                outputs.append(nbformat.v4.new_output("display_data", data={"text/html": boxes.pop(position)}))
        cell.outputs = outputs
    nb.cells = [c for c in nb.cells if _PAPERMILL_MARKER not in c.metadata.get("tags", [])]
    top = None
    if failures:
        top = _summary_box(failures, lang=lang)
    elif stopped:
        from sqmkit.glossary import text

        pending = next((c for c in nb.cells if c.cell_type == "code"
                        and c.metadata.get("papermill", {}).get("status") in ("pending", "running")), None)
        section = notebook_title(nb, notebook)
        for cell in nb.cells[: nb.cells.index(pending) if pending is not None else len(nb.cells)]:
            for line in cell.source.splitlines() if cell.cell_type == "markdown" else []:
                match = _HEADING.match(line)
                section = match.group(1).strip() if match else section
        reason = failure_reason(*stopped, lang=lang)
        top = (f'<div class="sqmkit-failure" role="note" style="{_BOX_STYLE}">'
               f'{html.escape(text("failed_stopped", lang, section=section, reason=reason))}</div>')
    if top:
        cell = nbformat.v4.new_code_cell("", outputs=[nbformat.v4.new_output("display_data", data={"text/html": top})])
        first_heading = next((i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"), -1)
        nb.cells.insert(first_heading + 1, cell)


def notebook_title(nb, default: str) -> str:
    """The first level-1 Markdown heading of a notebook node, else ``default``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return default
