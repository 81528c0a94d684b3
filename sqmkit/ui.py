"""What every workshop widget shares: live-or-batch detection, the table an editor works on, saving.

An editor (fishbone, 5-Why, needs workbench, action board) holds its own copy of one workbook table
in a :class:`TableEditor`:

======================  ==========================================================================
step                    what happens
======================  ==========================================================================
start                   the table **as it is on disk now** (:func:`sqmkit.io.reload_table`), not the
                        frame loaded at the top of the notebook: re-running only the editor's cell
                        shows the last save; no file yet is an empty table (a first cause, chain,
                        action or need can be added)
edit                    a pure edit function returns a new, validated frame; the edit is kept in
                        ``pending`` until saved
save                    :func:`sqmkit.io.write_table` (faithful, with a backup); the saved frame stays
                        the editor's current one, so a second save keeps the first
refused save            :class:`sqmkit.io.StaleTableError` (the file changed on disk since it was
                        read) or :class:`sqmkit.io.ReadOnlyWorkbookError` (the bundled sample): the
                        message is shown in the widget, nothing is raised into the cell output
reload                  the table as on disk now, with the unsaved edits applied on top again (ids of
                        new rows renumbered when another save took them)
======================  ==========================================================================

Every control carries a stable CSS class ``sqmkit-<editor>-<control>`` (:func:`css`) for the browser
tests; docs/DEVELOPING.md lists them. :func:`show` displays an editor together with a static copy of
its last chart, which a front-end shows only when it cannot draw the widget (a notebook reopened
without saved widget state says "Error displaying widget: model not found" instead of the widget).
"""
from __future__ import annotations

import base64
import html
import io as _stdio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from sqmkit.exceptions import SqmkitError
from sqmkit.glossary import text

__all__ = ["is_live", "save_table", "is_sample", "empty_table", "append_row", "css", "message", "TableEditor", "SaveBar", "Snapshot", "show"]


def is_live(interactive: bool) -> bool:
    """True when widgets should be shown: the notebook asked for it and an IPython kernel is running.

    Papermill runs pass ``interactive=False``; plain Python (tests, scripts) has no kernel.
    """
    if not interactive:
        return False
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def save_table(workbook: str | Path, name: str, data: pd.DataFrame) -> Path:
    """Save an edited table back to the workbook: :func:`sqmkit.io.write_table` (only ``io`` writes files).

    Raises what ``write_table`` raises (``StaleTableError``, ``ReadOnlyWorkbookError``, ...).
    """
    from sqmkit import io

    return io.write_table(workbook, name, data)


def is_sample(workbook: str | Path | None) -> bool:
    """True for the bundled sample workbook (``""`` or its folder), which is read-only."""
    from sqmkit.resources import sample_workbook

    if workbook in (None, ""):
        return True
    try:
        return Path(workbook).resolve() == sample_workbook().resolve()
    except (OSError, FileNotFoundError):
        return False


_DTYPES = {"id": "string", "text": "string", "choice": "string", "number": "float64", "flag": "boolean",
           "date": "datetime64[ns]"}


def empty_table(name: str) -> pd.DataFrame:
    """An empty workbook table ``name`` with every column of its schema, typed as a loaded table is."""
    from sqmkit import schemas

    return pd.DataFrame({c.name: pd.Series(dtype=_DTYPES.get(c.kind, "object")) for c in schemas.TABLES[name].columns})


def append_row(data: pd.DataFrame, row: dict[str, Any]) -> pd.DataFrame:
    """``data`` with ``row`` appended: column types, index (file row positions) and ``attrs`` kept.

    The new row gets the next index label, so the rows read from the file keep theirs (the faithful
    writer matches them with the file's rows).
    """
    label = int(data.index.max()) + 1 if len(data) and pd.api.types.is_integer_dtype(data.index) else len(data)
    new = pd.DataFrame({c: [row.get(c)] for c in data.columns}, index=[label])
    for column in data.columns:
        try:
            new[column] = new[column].astype(data[column].dtype)
        except (TypeError, ValueError):
            new[column] = new[column].astype(object)
    out = new if data.empty else pd.concat([data, new])
    out.attrs = dict(data.attrs)
    return out


def css(widget: Any, editor: str, control: str) -> Any:
    """Give ``widget`` the stable class ``sqmkit-<editor>-<control>`` (browser tests find it by it); returns it."""
    widget.add_class(f"sqmkit-{editor}-{control}")
    return widget


_COLOURS = {"ok": "#2e7d32", "error": "#c0392b", "info": "#555555", "warn": "#b26a00"}


def message(kind: str, body: str) -> str:
    """The HTML of a status line: ``kind`` ok, error, warn or info; ``body`` is plain text (escaped here)."""
    lines = html.escape(str(body)).replace("\n", "<br>")
    return f"<div style='color:{_COLOURS[kind]};white-space:normal;line-height:1.4'>{lines}</div>"


class TableEditor:
    """One editor's own copy of the workbook table ``name`` (see the module docstring).

    Parameters
    ----------
    workbook : str, Path or None
        The workbook folder; None means nowhere to save (``start`` is the table then).
    name : str
        The table (``causes``, ``whys``, ``needs``, ``actions`` ...).
    apply : callable
        ``apply(frame, edit, ids) -> (frame, created)``: the pure edit. ``edit`` is a dict;
        ``ids`` maps ids that unsaved edits created to the ids they get when replayed after a reload
        (``apply`` reads it to follow references and returns the id it created, or None).
    start : DataFrame, optional
        The table without a workbook (tests, a frame handed in).
    lang : {"zh", "en"}
        Language of the messages raised by :meth:`save`.
    """

    def __init__(self, workbook: str | Path | None, name: str, *,
                 apply: Callable[[pd.DataFrame | None, dict, dict], tuple[pd.DataFrame, Any]],
                 start: pd.DataFrame | None = None, lang: str = "zh") -> None:
        self.workbook = workbook
        self.name, self.lang = name, lang
        self.read_only = self.workbook is not None and is_sample(self.workbook)
        self._apply = apply
        self._start = start
        self.pending: list[dict] = []
        self.frame = self._read()

    def _read(self) -> pd.DataFrame | None:
        if self.workbook is None:
            return self._start
        from sqmkit import io

        return io.reload_table(self.workbook, self.name)

    def edit(self, **edit: Any) -> pd.DataFrame:
        """Apply one edit to the current frame (raises the edit function's ``DataValidationError``)."""
        frame, created = self._apply(self.frame, edit, {})
        edit["_created"] = created
        self.frame = frame
        self.pending.append(edit)
        return frame

    def save(self) -> Path:
        """Write the current frame; raises ``SqmkitError`` (stale, read-only, no workbook) for the caller to show."""
        if self.workbook is None:
            raise SqmkitError(text("ui_no_workbook", self.lang))
        if self.frame is None:
            raise SqmkitError(text("ui_nothing_to_save", self.lang))
        path = save_table(self.workbook, self.name, self.frame)
        self.pending = []
        return path

    def reload(self) -> list[tuple[dict, SqmkitError]]:
        """Read the table from disk again and apply the unsaved edits on top; returns the edits that failed."""
        frame, ids, kept, failed = self._read(), {}, [], []
        for edit in self.pending:
            try:
                frame, created = self._apply(frame, edit, ids)
            except SqmkitError as err:
                failed.append((edit, err))
                continue
            if edit.get("_created") is not None and created is not None:
                ids[edit["_created"]] = created
            edit["_created"] = created
            kept.append(edit)
        self.frame, self.pending = frame, kept
        return failed


class SaveBar:
    """The save / reload buttons, the read-only note and the status line of one editor.

    Parameters
    ----------
    editor : str
        The editor's CSS name (``fishbone``, ``why``, ``needs``, ``board``).
    tables : TableEditor or list of TableEditor
        What is saved (in this order, each table that has unsaved edits) and reloaded.
    after_save : str
        The sentence added to a successful save: which sections below use the table and how to update them.
    refresh : callable
        Redraws the editor from the tables' frames (after a reload).
    """

    def __init__(self, editor: str, tables: TableEditor | list[TableEditor], *, after_save: str,
                 refresh: Callable[[], None], lang: str = "zh") -> None:
        import ipywidgets as w

        self.tables = [tables] if isinstance(tables, TableEditor) else list(tables)
        self.lang, self.after_save, self.refresh = lang, after_save, refresh
        read_only = any(t.read_only for t in self.tables)
        self.note = css(w.HTML(message("warn", text("ui_read_only", lang)) if read_only else ""), editor, "note")
        self.save = css(w.Button(description=text("ui_save", lang), button_style="primary", icon="save"), editor, "save")
        self.reload = css(w.Button(description=text("ui_reload", lang), icon="refresh"), editor, "reload")
        self.status = css(w.HTML(), editor, "status")
        self.save.on_click(self._on_save)
        self.reload.on_click(self._on_reload)

    @property
    def pending(self) -> int:
        return sum(len(t.pending) for t in self.tables)

    def edited(self) -> None:
        """Say that the edits are not saved yet (after each edit)."""
        names = ", ".join(t.name for t in self.tables if t.pending)
        self.status.value = message("info", text("ui_unsaved", self.lang, n=self.pending, table=names))

    def error(self, err: BaseException) -> None:
        self.status.value = message("error", str(err))

    def _on_save(self, _: Any = None) -> None:
        from sqmkit import io

        todo = [t for t in self.tables if t.pending]
        if not todo:
            self.status.value = message("info", text("ui_no_edits", self.lang))
            return
        done = []
        for table in todo:
            try:
                done.append(text("ui_saved", self.lang, path=table.save()))
            except io.StaleTableError as err:
                self.reload.button_style = "warning"
                self.status.value = message("error", "\n".join([*done, str(err), text("ui_stale_hint", self.lang)]))
                return
            except (SqmkitError, OSError) as err:
                self.status.value = message("error", "\n".join([*done, str(err)]))
                return
        self.reload.button_style = ""
        self.status.value = message("ok", "\n".join([*done, self.after_save]))

    def _on_reload(self, _: Any = None) -> None:
        failed, lines = [], []
        try:
            for table in self.tables:
                failed += table.reload()
                lines.append(text("ui_reloaded", self.lang, table=table.name, n=len(table.pending),
                                  rows=0 if table.frame is None else len(table.frame)))
        except (SqmkitError, OSError) as err:
            self.status.value = message("error", str(err))
            return
        self.reload.button_style = ""
        self.refresh()
        lines += [text("ui_replay_failed", self.lang, error=str(err)) for _, err in failed]
        self.status.value = message("warn" if failed else "info", "\n".join(lines))


def figure_png(fig: Any) -> bytes:
    """The PNG bytes of a matplotlib figure (closed afterwards), as the widget and its snapshot show it."""
    import matplotlib.pyplot as plt

    buf = _stdio.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


# The snapshot is hidden while a live (or restored) widget view stands in the output area just before it;
# a front-end that cannot draw the widget ("model not found") leaves the view empty, so the snapshot shows.
_SNAPSHOT_CSS = (".jp-OutputArea-child:has(.sqmkit-editor) + .jp-OutputArea-child .sqmkit-snapshot,"
                 ".output_area:has(.sqmkit-editor) + .output_area .sqmkit-snapshot{display:none}")


class Snapshot:
    """A static copy of an editor's last chart (and a line of text) for front-ends without the widget model."""

    def __init__(self, note: str = "") -> None:
        self.note = note
        self.png: bytes | None = None
        self.table_html = ""
        self.handle: Any = None

    def html(self) -> str:
        parts = [f"<style>{_SNAPSHOT_CSS}</style><div class='sqmkit-snapshot'>"]
        if self.note:
            parts.append(f"<p style='color:#555'>{html.escape(self.note)}</p>")
        if self.png:
            parts.append(f"<img src='data:image/png;base64,{base64.b64encode(self.png).decode()}' "
                         "style='max-width:100%'>")
        parts.append(self.table_html + "</div>")
        return "".join(parts)

    def update(self, png: bytes | None = None, table_html: str | None = None) -> None:
        if png is not None:
            self.png = png
        if table_html is not None:
            self.table_html = table_html
        if self.handle is not None:
            from IPython.display import HTML

            self.handle.update(HTML(self.html()))


def show(box: Any) -> None:
    """Display an editor and, right after it, its static snapshot (shown only where the widget cannot be drawn)."""
    from IPython.display import HTML, display

    display(box)
    snapshot = getattr(box, "snapshot", None)
    if snapshot is not None:
        snapshot.handle = display(HTML(snapshot.html()), display_id=True)
