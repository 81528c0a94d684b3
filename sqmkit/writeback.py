"""Saving an edited table back into the client's file, as they made it.

A workshop edits a few rows of a table the client filled in by hand (a GBK CSV with Chinese headers,
an XLSX with other sheets beside it). :func:`write_table` changes only what was edited:

* the file keeps its **format** (CSV, XLSX, Parquet), **encoding** (GBK stays GBK; a BOM only where there
  was one), **line endings**, **delimiter**, **header language and column order**, its other XLSX sheets
  and the cells' styles, and its **file mode**;
* a row that was not changed keeps its **exact text** (CSV: the record's bytes; XLSX: its cells);
* a new or changed value is written in **the file's own spelling** of that column: ``5`` not ``5.0`` where
  the column holds whole numbers, a decimal comma where it has them, ``1``/``0``, ``是``/``否`` or ``TRUE``
  as found, the status spelled as the column spells it (``已完成``), dates in the column's format
  (``29/2/2016 13:05`` stays day-first);
* the previous file is kept in ``data/.backup/``; the new file is written beside it and read back with
  the same validation before it replaces the old one (a save never leaves a file ``sqmkit validate``
  refuses);
* a new or changed text cell that a spreadsheet could run as a formula (``=…``, ``+…``, ``-…``, ``@…``, a
  leading tab or CR; not a plain number such as ``-5``) is written with a leading apostrophe
  (:func:`sqmkit.formulas.neutralise`), and XLSX cells sqmkit writes are string cells, never formulas;
  cells nobody edited keep the client's text, even in an edited row;
* a frame read before the file changed on disk (another save, or an edit in Excel) is refused
  (:class:`StaleTableError`), so no save silently undoes another; the bundled sample is never written
  (:class:`ReadOnlyWorkbookError`).

Every frame :mod:`sqmkit.io` loads carries ``attrs["signature"]`` (size and BLAKE2 digest of its file) for
the stale check; a successful write refreshes it, so the same frame can be saved again.
"""
from __future__ import annotations

import csv
import datetime as dt
import io as _io
import os
import re
import stat
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from sqmkit import files, schemas
from sqmkit.backups import backup, check_writable
from sqmkit.config import load_config
from sqmkit.exceptions import SqmkitError
from sqmkit.formulas import neutralise, text_cell
from sqmkit.glossary import message
from sqmkit.tables import BLANK_TOKENS, EmptyTableError, read_table, signature, table_file, table_for

__all__ = ["StaleTableError", "write_table"]


class StaleTableError(SqmkitError):
    """The table's file changed on disk after the frame being saved was read: saving would undo that change."""


# --------------------------------------------------------------------------------------------
# How a column spells its values
# --------------------------------------------------------------------------------------------
_TRUE_FALSE = {True: "1", False: "0"}
_DATE_EXAMPLE = re.compile(
    r"^(?:(?P<y>\d{4})(?P<s1>[-/.年])(?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})(?P<ri>日?)"
    r"|(?P<a>\d{1,2})(?P<s2>[-/.])(?P<b>\d{1,2})[-/.](?P<y2>\d{4}))"
    r"(?:(?P<t>[ T]+)(?P<H>\d{1,2}):(?P<M>\d{2})(?P<sec>:\d{2})?)?$")


def _most_common(values: list[str]) -> str | None:
    return Counter(values).most_common(1)[0][0] if values else None


class _Spelling:
    """Turns a typed value of one column into the text (CSV) or cell value (XLSX) the file would hold."""

    def __init__(self, column: schemas.Column | None, raw: pd.Series, typed: pd.Series | None, order: str | None,
                 chinese: bool):
        self.kind = column.kind if column else "text"
        self.column = column
        given = raw.dropna()
        texts = [str(v).strip() for v in given if isinstance(v, str)]
        blanks = [t for t in texts if t.lower() in BLANK_TOKENS]
        self.blank = _most_common(blanks) or ""
        filled = [t for t in texts if t.lower() not in BLANK_TOKENS]
        self.cell_types = Counter(type(v) for v in given if not isinstance(v, str) or v.strip())
        self.words: dict[Any, str] = {}
        if typed is not None and self.kind in ("flag", "choice"):
            pairs = [(t, str(raw.get(i)).strip()) for i, t in typed.dropna().items() if isinstance(raw.get(i), str)]
            for value in {t for t, _ in pairs}:
                self.words[value] = _most_common([w for t, w in pairs if t == value])
        self.chinese = chinese or any(not t.isascii() for t in filled)
        self.whole = bool(filled) and all(re.fullmatch(r"[+-]?\d+", t) for t in filled)
        self.decimal_comma = any(re.fullmatch(r"[+-]?\d+,\d+", t) for t in filled)
        self.date_format = self._date_format(filled, order)

    def _date_format(self, texts: list[str], order: str | None) -> Callable[[pd.Timestamp], str] | None:
        if self.kind not in ("date", "datetime"):
            return None
        matches = [m for m in map(_DATE_EXAMPLE.match, texts[:500]) if m]
        if not matches:  # ISO as sqmkit writes it
            return (lambda t: f"{t:%Y-%m-%d}") if self.kind == "date" else (lambda t: f"{t:%Y-%m-%d %H:%M:%S}")
        g = matches[0].groupdict()
        fields = [f for m in matches for f in (m["m"], m["d"], m["a"], m["b"]) if f and int(f) < 10]
        pad = sum(len(f) == 2 for f in fields) >= sum(len(f) == 1 for f in fields)  # 07 or 7 for a day below 10

        def two(n: int) -> str:
            return f"{n:02d}" if pad else str(n)

        def day_part(t: pd.Timestamp) -> str:
            if g["y"]:
                if g["s1"] == "年":
                    return f"{t.year}年{t.month}月{t.day}日"
                return f"{t.year}{g['s1']}{two(t.month)}{g['s1']}{two(t.day)}"
            first, second = (t.day, t.month) if order == "DMY" else (t.month, t.day)
            return f"{two(first)}{g['s2']}{two(second)}{g['s2']}{t.year}"

        def stamp(t: pd.Timestamp) -> str:
            if self.kind == "date" or (not g["t"] and t == t.normalize()):
                return day_part(t)
            if not g["t"]:
                return f"{day_part(t)} {t:%H:%M}"
            hour = f"{t.hour:02d}" if len(g["H"]) == 2 else str(t.hour)
            return f"{day_part(t)}{g['t']}{hour}:{t.minute:02d}" + (f":{t.second:02d}" if g["sec"] else "")
        return stamp

    def text(self, value: Any) -> str:
        """The value as the CSV would spell it."""
        if value is None or (not isinstance(value, (str, list)) and bool(pd.isna(value))):
            return self.blank
        if self.kind == "flag":
            return self.words.get(bool(value)) or _TRUE_FALSE[bool(value)]
        if self.kind == "choice":
            return self.words.get(value) or self._alias(str(value))
        if self.kind in ("date", "datetime"):
            return self.date_format(pd.Timestamp(value))
        if self.kind == "number":
            number = float(value)
            text = str(int(number)) if number.is_integer() and (self.whole or not self.decimal_comma) else f"{number:.15g}"
            return text.replace(".", ",") if self.decimal_comma else text
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def safe_text(self, value: Any) -> str:
        """:meth:`text` of a new or changed cell: neutralised unless it is the column's own blank spelling."""
        text = self.text(value)
        return text if text == self.blank else neutralise(text)

    def safe_cell(self, value: Any) -> Any:
        """:meth:`cell` of a new or changed cell, text neutralised as in :meth:`safe_text`."""
        cell = self.cell(value)
        return neutralise(cell) if isinstance(cell, str) and cell != self.blank else cell

    def _alias(self, value: str) -> str:
        if self.chinese and self.column is not None:
            aliases = schemas.CHOICE_ALIASES.get(self.column.name, {})
            chinese = [spelled for spelled, canonical in aliases.items() if canonical == value and not spelled.isascii()]
            if chinese:
                return chinese[0]
        return value

    def cell(self, value: Any) -> Any:
        """The value as an XLSX cell would hold it (numbers and dates as such, the rest as the column's text)."""
        if value is None or (not isinstance(value, (str, list)) and bool(pd.isna(value))):
            return None
        if self.kind == "number":
            number = float(value)
            return int(number) if number.is_integer() else number
        if self.kind in ("date", "datetime") and self.cell_types.get(dt.datetime, 0) + self.cell_types.get(dt.date, 0):
            stamp = pd.Timestamp(value).to_pydatetime()
            return stamp.date() if self.kind == "date" else stamp
        if self.kind == "flag" and (self.cell_types.get(bool) or not self.words):
            return bool(value)
        if self.kind == "flag" and (self.cell_types.get(float) or self.cell_types.get(int)):
            return int(bool(value))
        return self.text(value)


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------
def _same(a: Any, b: Any) -> bool:
    a_missing = a is None or (not isinstance(a, (str, list)) and bool(pd.isna(a)))
    b_missing = b is None or (not isinstance(b, (str, list)) and bool(pd.isna(b)))
    if a_missing or b_missing:
        return a_missing and b_missing
    if isinstance(a, (float, int, np.number)) and isinstance(b, (float, int, np.number)):
        return float(a) == float(b)
    return a == b


def _unchanged(data: pd.DataFrame, old: pd.DataFrame) -> pd.Series:
    """Per row of ``data``: its index is a row of ``old`` and every column ``old`` has is equal."""
    same = pd.Series(data.index.isin(old.index), index=data.index)
    shared = [c for c in old.columns if c in data.columns]
    for i in data.index[same.to_numpy()]:
        same[i] = all(_same(data.at[i, c], old.at[i, c]) for c in shared) and len(shared) == len(old.columns)
    return same


def _edited(data: pd.DataFrame, old: pd.DataFrame | None, i: Any) -> set[str]:
    """The columns of row ``i`` of ``data`` that are new or differ from the file's (every column of a new row)."""
    if old is None or i not in old.index:
        return set(data.columns)
    return {c for c in data.columns if c not in old.columns or not _same(data.at[i, c], old.at[i, c])}


def _records(text: str) -> list[str]:
    """The CSV records of ``text`` with their line endings (quoted line breaks stay inside their record)."""
    found = re.findall(r'(?:[^"\r\n]|"(?:[^"]|"")*")*(?:\r\n|\n|\r|$)', text)
    return [r for r in found if r]


def _headers_for(data: pd.DataFrame, old_headers: list[str], canonical: dict[str, str], table: schemas.Table,
                 chinese: bool) -> tuple[list[str], list[str]]:
    """(file headers, canonical names) of the written file: the file's columns in its order, then new ones."""
    names = [canonical.get(h, h) for h in old_headers]
    headers = list(old_headers)
    for column in data.columns:
        known = table.column(column)
        if column not in names and known is not None:  # columns an analysis added (bone, level …) stay out
            headers.append(known.zh[0] if chinese and known.zh else column)
            names.append(column)
    return headers, names


def write_table(workbook: str | Path, name: str, data: pd.DataFrame, *, config: dict | None = None,
                replace: bool = False) -> Path:
    """Write an edited table into its file faithfully (see the module notes); returns the file.

    Parameters
    ----------
    workbook : the workbook folder (not the bundled sample).
    name : the table.
    data : the edited table, as :mod:`sqmkit.io` loaded it (its ``attrs`` say where it came from) or built
        from scratch for a table without a file (then ``data/NAME.csv`` is created: UTF-8 with BOM, headers
        in the workbook's ``lang``).
    config : the workbook's config (read from sqmkit.yaml when None).
    replace : the frame is the whole new table (an import), not an edit of the rows on disk: no stale check;
        the file keeps its format, encoding, line endings and header language, and gets the frame's columns.

    Raises
    ------
    StaleTableError
        The file changed since ``data`` was read (or has rows ``data`` never saw): nothing written.
    ReadOnlyWorkbookError
        ``workbook`` is the bundled sample.
    DataValidationError
        The edited table would not pass validation: nothing written.
    """
    folder = check_writable(workbook)
    config = config or load_config(folder)
    source = _target(folder, name, data)
    path = source.path
    path.parent.mkdir(parents=True, exist_ok=True)
    old = _current(source, config, data, replace=replace)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        if old is None:
            _write_new(temp, name, data, config)
        elif path.suffix.lower() == ".parquet":
            data.to_parquet(temp, index=False)
        elif path.suffix.lower() == ".xlsx":
            _write_xlsx(temp, source, data, old, config)
        else:
            _write_csv(temp, source, data, old, config)
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
        os.chmod(temp, mode)
        read_table(temp, name, config=config, label=str(path), sheet=source.sheet)  # never save a refused file
        if path.exists():
            backup(path)
        os.replace(temp, path)
    finally:
        if temp.exists():
            temp.unlink()
    data.attrs.update(source=str(path), sheet=source.sheet, signature=signature(path))
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _target(folder: Path, name: str, data: pd.DataFrame) -> files.Source:
    source = data.attrs.get("source")
    if source and Path(source).resolve().parent == (folder / "data").resolve():
        return files.Source(name, Path(source).resolve(), data.attrs.get("sheet"))
    existing = table_file(folder, name)
    if existing is not None:
        sheet = None
        if existing.suffix.lower() == ".xlsx":
            sheets = files.discover(folder)[0].get(name, [])
            sheet = next((s.sheet for s in sheets if s.path == existing), None)
        return files.Source(name, existing.resolve(), sheet)
    return files.Source(name, (folder / "data" / f"{name}.csv").resolve())


def _current(source: files.Source, config: dict, data: pd.DataFrame, *, replace: bool = False) -> tuple | None:
    """The file as it is now (raw cells and the typed table), after checking ``data`` was read from it.

    With ``replace``: the raw file without its rows (its style only), and no typed table.
    """
    if not source.path.exists():
        return None
    if replace:
        raw = files.read_raw(source)
        chinese = any(not h.isascii() for h in raw.headers)
        table = table_for(source.table, config)
        raw.headers = [(table.column(c).zh[0] if chinese and table.column(c) and table.column(c).zh else c)
                       for c in data.columns if table.column(c) is not None]
        raw.frame = raw.frame.iloc[:0, : len(raw.headers)].reindex(columns=range(len(raw.headers)))
        return raw, None
    label = source.label
    try:
        typed = read_table(source.path, source.table, config=config, sheet=source.sheet)
    except EmptyTableError:
        typed = None
    expected = data.attrs.get("signature")
    if expected is None and typed is not None:
        raise StaleTableError(message("write_stale_rows", label=label, n=len(typed)))
    if expected is not None and expected != signature(source.path):
        raise StaleTableError(message("write_changed_on_disk", label=label))
    return files.read_raw(source), typed


def _write_new(temp: Path, name: str, data: pd.DataFrame, config: dict) -> None:
    table = schemas.TABLES[name]
    chinese = config.get("lang", "zh") == "zh"
    headers, names = _headers_for(data, [], {}, table, chinese)
    spell = {n: _Spelling(table.column(n), pd.Series(dtype=object), None, config.get("date_order"), chinese) for n in names}
    buffer = _io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for _, row in data.iterrows():
        writer.writerow([spell[n].safe_text(row.get(n)) for n in names])
    temp.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def _styles(raw: files.RawTable, typed: pd.DataFrame | None, names: list[str], table: schemas.Table,
            config: dict, chinese: bool) -> dict[str, _Spelling]:
    frame = raw.frame.copy()
    frame.index = frame.index + (raw.first_row - 2)
    positions = {n: i for i, n in enumerate(names[: len(raw.headers)])}
    orders = typed.attrs.get("date_orders", {}) if typed is not None else {}
    out = {}
    for n in names:
        column_raw = frame[positions[n]] if n in positions and positions[n] in frame else pd.Series(dtype=object)
        column_typed = typed[n] if typed is not None and n in typed else None
        order = orders.get(n) or next(iter(set(orders.values())), None) or config.get("date_order")
        out[n] = _Spelling(table.column(n), column_raw, column_typed, order, chinese)
    return out


def _layout(source: files.Source, data: pd.DataFrame, raw: Any, typed: pd.DataFrame | None,
            config: dict) -> tuple[list[str], list[str], dict]:
    """The headers to write, the canonical column names in that order, and each column's spelling."""
    table = table_for(source.table, config)
    canonical = schemas.canonical_columns(table, raw.headers)
    chinese = any(not h.isascii() for h in raw.headers)
    headers, names = _headers_for(data, raw.headers, canonical, table, chinese)
    return headers, names, _styles(raw, typed, names, table, config, chinese)


def _write_csv(temp: Path, source: files.Source, data: pd.DataFrame, old: tuple, config: dict) -> None:
    raw, typed = old
    headers, names, spell = _layout(source, data, raw, typed, config)
    content = source.path.read_bytes()
    text = content.decode(raw.encoding or "utf-8")
    records = _records(text)
    ending = "\r\n" if "\r\n" in text[:100_000] else "\r" if "\r" in text[:100_000] and "\n" not in text[:100_000] else "\n"
    same = _unchanged(data, typed) if typed is not None else pd.Series(False, index=data.index)
    exact = len(records) == len(raw.frame) + 1  # one record per row: untouched rows keep their bytes
    buffer = _io.StringIO()
    writer = csv.writer(buffer, delimiter=raw.delimiter or ",", lineterminator=ending)
    if headers == raw.headers and records and typed is not None:
        buffer.write(records[0] if records[0].endswith(("\n", "\r")) else records[0] + ending)
    else:
        writer.writerow(headers)
    for i, row in data.iterrows():
        if bool(same[i]) and exact and headers == raw.headers:
            record = records[int(i) + 1]
            buffer.write(record if record.endswith(("\n", "\r")) else record + ending)
        elif bool(same[i]):  # untouched, but the file gains a column: its fields as they were, then the new ones
            fields = ["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
                      for v in raw.frame.loc[int(i)].tolist()]
            writer.writerow(fields + [spell[n].safe_text(row.get(n)) for n in names[len(raw.headers):]])
        else:  # an edited or new row: the cells typed or changed are neutralised, the others spelled as they were
            edited = _edited(data, typed, i)
            writer.writerow([("" if n not in data.columns else spell[n].safe_text(row.get(n)) if n in edited
                              else spell[n].text(row.get(n))) for n in names])
    encoding = raw.encoding or "utf-8"
    if encoding == "utf-16":
        body = buffer.getvalue().encode("utf-16-be" if content.startswith(b"\xfe\xff") else "utf-16-le")
        temp.write_bytes(content[:2] + body)
    else:
        temp.write_bytes(buffer.getvalue().encode(encoding))


def _write_xlsx(temp: Path, source: files.Source, data: pd.DataFrame, old: tuple, config: dict) -> None:
    import copy

    import openpyxl

    raw, typed = old
    headers, names, spell = _layout(source, data, raw, typed, config)
    book = openpyxl.load_workbook(source.path)
    sheet = book[source.sheet] if source.sheet else book.worksheets[0]
    top, left = raw.first_row - 1, raw.first_column + 1  # header row, first column (1-based)
    old_rows = {}
    for offset, cells in enumerate(sheet.iter_rows(min_row=top + 1, max_row=sheet.max_row,
                                                   min_col=left, max_col=left + len(raw.headers) - 1)):
        old_rows[top + 1 + offset - 2] = [(c.value, copy.copy(c._style), c.number_format) for c in cells]
    first_style = next(iter(old_rows.values()), None)
    same = _unchanged(data, typed) if typed is not None else pd.Series(False, index=data.index)
    if sheet.max_row > top:
        sheet.delete_rows(top + 1, sheet.max_row - top)
    width = max(len(headers), sheet.max_column - left + 1)
    for j in range(width):  # the header row: the file's headers, then new columns (cells keep their styles)
        sheet.cell(row=top, column=left + j).value = headers[j] if j < len(headers) else None
    for r, (i, row) in enumerate(data.iterrows(), start=top + 1):
        kept = old_rows.get(int(i)) if bool(same[i]) else None
        edited = _edited(data, typed, i) if kept is None else set()
        for j, n in enumerate(names):
            target = sheet.cell(row=r, column=left + j)
            if kept is not None and j < len(kept):
                target.value, target._style, target.number_format = kept[j]
                continue
            if kept is not None or n in edited:  # a new cell (a new row or column), or one that was changed
                value = spell[n].safe_cell(row.get(n)) if n in data.columns else None
            else:
                value = spell[n].cell(row.get(n)) if n in data.columns else None
            text_cell(target, value)  # a string cell, never a formula
            if first_style is not None and j < len(first_style):
                target._style = copy.copy(first_style[j][1])
                target.number_format = first_style[j][2]
    book.save(temp)
