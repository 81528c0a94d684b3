"""Finding the tables of a workbook's ``data/`` folder and reading each file as it comes.

What a real export looks like, and what is done with it:

* **Which files.** ``NAME.csv``, ``NAME.txt`` (Excel's "Unicode text"), ``NAME.tsv``, ``NAME.xlsx`` and
  ``NAME.parquet`` hold the table NAME. An XLSX file may hold several tables, one per sheet named after
  the table (the scaffold's ``workbook_template.xlsx`` filled in and saved whole): each filled sheet is
  that table; a file named after a table with no such sheet and one data sheet is that table. Anything
  that is not a regular file (a folder, a named pipe), a link out of ``data/``, ``.xls`` and other formats
  are refused with the fix; hidden files, ``_``-prefixed files, backups and notes (``.md``, ``.txt`` not
  named after a table) are left alone.
* **Text encoding.** UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030. A file that decodes as
  GBK but reads as nonsense in it (Big5 or Shift-JIS text: 帳單錯誤 would show as 眀虫岿粇) is refused:
  nearly every character of real GBK Chinese is in the common GB2312 set, nonsense is not.
* **Delimiter.** ``,`` ``;`` tab or ``|``, whichever splits the header and the first lines into the same
  number of fields.
* **Headers.** Kept as written (duplicates included: :mod:`sqmkit.io` refuses them); control characters
  are removed from every value with a note.
* **Size.** Text files over :data:`MAX_TEXT_BYTES` and XLSX over :data:`MAX_XLSX_BYTES` are refused before
  reading (their fix: save the table as Parquet, which is read column by column).
"""
from __future__ import annotations

import csv
import io as _io
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sqmkit import schemas
from sqmkit.exceptions import DataValidationError
from sqmkit.glossary import Message, message

__all__ = ["Source", "RawTable", "discover", "read_raw", "MAX_TEXT_BYTES", "MAX_XLSX_BYTES", "TEXT_SUFFIXES",
           "DATA_SUFFIXES"]

TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".parquet")
#: Largest CSV/TXT file read (bytes). A text table is held in memory as text, several times its size.
MAX_TEXT_BYTES = 512 * 2**20
#: Largest XLSX file read (bytes): Excel itself stops at 1,048,576 rows.
MAX_XLSX_BYTES = 100 * 2**20
_README_SHEETS = {"readme", "说明", "填写说明"}
_OTHER_FORMATS = {".xls": "format_xls", ".xlsm": "format_xlsm", ".xlsb": "format_xlsb", ".ods": "format_ods",
                  ".numbers": "format_numbers", ".json": "format_json", ".xml": "format_xml"}  # glossary keys
_NOTES = (".md", ".txt", ".bak", ".pdf", ".docx", ".png", ".jpg")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class Source:
    """Where one table comes from: a file, and for a multi-table XLSX the sheet."""

    table: str
    path: Path
    sheet: str | None = None
    own_file: bool = True  # the file is named after the table (else: a sheet of another table's or a template file)
    show_sheet: bool = True  # name the sheet in messages (not for a file's only sheet)

    @property
    def label(self) -> str:
        """The file, and its sheet when it has several (a message: the sheet is named in the reader's language)."""
        if self.sheet and self.show_sheet:
            return message("source_sheet", path=str(self.path), sheet=self.sheet)
        return str(self.path)


@dataclass
class RawTable:
    """A table as read from its file, before header mapping and types: every cell as found."""

    headers: list[str]
    frame: pd.DataFrame          # columns 0..n-1 in header order; text files: strings; XLSX: typed cells
    delimiter: str | None = None
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)  # glossary messages (render them in the reader's lang)
    first_row: int = 2           # the file's row number (1-based) of the first data row (index 0)
    first_column: int = 0        # XLSX: the sheet column (0-based) of the first field


def _problem(label: str, key: str, **fields: Any) -> DataValidationError:
    """The error ``label: problem. Fix: fix`` of the glossary's ``key`` and ``key_fix`` messages (with ``fields``)."""
    return DataValidationError(message("problem_fix", label=label, problem=message(key, **fields),
                                       fix=message(f"{key}_fix", **fields)), table=label)


def _is_table(name: str) -> str | None:
    key = schemas.normalise_header(name)
    return key if key in schemas.TABLES else None


def _check_entry(path: Path, data: Path) -> DataValidationError | None:
    """A problem when ``path`` cannot be read as a table file (a folder, a pipe, a link out of data/)."""
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(data.resolve()):
            return _problem(str(path), "file_link_outside", target=target)
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return _problem(str(path), "file_cannot_open", error=error.strerror)
    if stat.S_ISDIR(mode):
        return _problem(str(path), "file_is_folder")
    if not stat.S_ISREG(mode):
        return _problem(str(path), "file_not_regular")
    if not os.access(path, os.R_OK):
        return _problem(str(path), "file_no_permission")
    return None


def discover(folder: str | Path) -> tuple[dict[str, list[Source]], list[DataValidationError], list[str]]:
    """The table sources in ``folder/data``: ``{table: [sources]}``, problems, and notes of what was left alone.

    A table may have several candidate sources (its own file and a sheet of a template workbook); the
    caller keeps those with rows and refuses two filled ones.
    """
    data = Path(folder) / "data"
    found: dict[str, list[Source]] = {}
    problems: list[DataValidationError] = []
    notes: list[str] = []
    if not data.is_dir():
        return found, problems, notes
    known = schemas.table_names()
    for path in sorted(data.iterdir()):
        if path.name.startswith((".", "_", "~$")):
            continue  # hidden files, backups, Excel lock files
        suffix = path.suffix.lower()
        table = _is_table(path.stem)
        if suffix in _NOTES and not (suffix in TEXT_SUFFIXES and table):
            continue  # notes and documents beside the tables
        problem = _check_entry(path, data)
        if problem is not None:
            problems.append(problem)
            continue
        if suffix in _OTHER_FORMATS or (suffix and suffix not in DATA_SUFFIXES):
            kind = (message(_OTHER_FORMATS[suffix]) if suffix in _OTHER_FORMATS
                    else message("format_suffix", suffix=suffix))
            problems.append(_problem(str(path), "file_other_format", kind=kind))
            continue
        if suffix == ".xlsx":
            sources, problem = _xlsx_sources(path, table)
            if problem is not None:
                problems.append(problem)
            for source in sources:
                found.setdefault(source.table, []).append(source)
            continue
        if table is None:
            problems.append(_problem(str(path), "file_unknown_table", stem=path.stem, known=known))
            continue
        found.setdefault(table, []).append(Source(table, path))
    return found, problems, notes


def _xlsx_sources(path: Path, table: str | None) -> tuple[list[Source], DataValidationError | None]:
    names, problem = _sheet_names(path)
    if problem is not None:
        return [], problem
    data_sheets = [n for n in names if n.strip().lower() not in _README_SHEETS]
    by_table = {}
    for name in data_sheets:
        key = _is_table(name)
        if key and key not in by_table:
            by_table[key] = name
    several = len(data_sheets) > 1
    sources = [Source(key, path, sheet, own_file=key == table, show_sheet=several) for key, sheet in by_table.items()]
    if table is not None and table not in by_table:
        if len(data_sheets) == 1:
            sources.append(Source(table, path, data_sheets[0], show_sheet=False))
        elif not data_sheets:
            return [], _problem(str(path), "xlsx_no_data_sheet", table=table)
        else:
            return [], _problem(str(path), "xlsx_no_table_sheet", count=len(data_sheets), sheets=data_sheets,
                                table=table)
    if table is None and not sources:
        return [], _problem(str(path), "xlsx_unknown", stem=path.stem, sheets=data_sheets,
                            examples=schemas.table_names()[:4])
    return sources, None


def _xlsx_problem(path: Path) -> DataValidationError | None:
    """Refuse what is not a readable XLSX file, by its first bytes."""
    size = path.stat().st_size
    if size == 0:
        return _problem(str(path), "xlsx_empty")
    if size > MAX_XLSX_BYTES:
        return _problem(str(path), "xlsx_too_big", size=size / 2**20, limit=MAX_XLSX_BYTES / 2**20)
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        content = path.read_bytes()[:1 << 20]
        if "EncryptedPackage".encode("utf-16-le") in content:
            return _problem(str(path), "xlsx_encrypted")
        return _problem(str(path), "xlsx_is_xls")
    if not head.startswith(b"PK"):
        return _problem(str(path), "xlsx_not_xlsx")
    return None


def _sheet_names(path: Path) -> tuple[list[str], DataValidationError | None]:
    problem = _xlsx_problem(path)
    if problem is not None:
        return [], problem
    import python_calamine

    try:
        return list(python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names), None
    except Exception as error:  # CalamineError, ZipError, XmlError …: a damaged or truncated file
        return [], _problem(str(path), "xlsx_damaged", error=error)


def read_raw(source: Source) -> RawTable:
    """Read one table's cells as they are in the file (see the module notes).

    Raises
    ------
    DataValidationError
        When the file cannot be read: naming it, what is wrong, and the fix.
    """
    suffix = source.path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _read_text(source.path, source.label)
    if suffix == ".parquet":
        try:
            frame = pd.read_parquet(source.path)
        except Exception as error:  # pyarrow raises several kinds for damaged files
            raise _problem(source.label, "parquet_unreadable", error=error) from None
        headers = [str(c) for c in frame.columns]
        frame.columns = range(len(headers))
        return RawTable(headers, frame)
    return _read_sheet(source)


def _decode(raw: bytes, label: str) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        try:
            return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            encoding = "gb18030"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        raise DataValidationError(message("problem_fix", label=label, fix=message("text_encoding_fix"), problem=message(
            "text_not_gbk" if encoding == "gb18030" else "text_bad_utf16")), table=label) from None
    if encoding == "gb18030":
        other = _not_gbk(raw, text)
        if other:
            raise _problem(label, "text_other_encoding", encoding=other, sample=_sample(text)) from None
    return text, encoding


def _sample(text: str) -> str:
    line = next((ln for ln in text.splitlines()[1:] if any(ord(c) > 0x2E7F for c in ln)), text[:40])
    return line[:40]


def _not_gbk(raw: bytes, text: str) -> Message | None:
    """The encoding a GBK-decodable file really has, when its GBK reading is nonsense (else None)."""
    cjk = [c for c in text if ord(c) > 0x2E7F]
    if not cjk:
        return None
    common = 0
    for char in cjk:
        try:
            char.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    if common / len(cjk) >= 0.8:
        return None
    for encoding in ("shift_jis", "big5"):
        try:
            raw.decode(encoding)
            return message(f"encoding_{encoding}")
        except UnicodeDecodeError:
            continue
    return message("encoding_other")


def _delimiter(text: str) -> str:
    lines = [ln for ln in text[:200_000].splitlines() if ln.strip()][:50]
    if not lines:
        return ","
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        header = counts[0]
        if header < 2:
            continue
        score = (sum(c == header for c in counts), header)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_text(path: Path, label: str) -> RawTable:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise _problem(label, "text_too_big", size=size / 2**20, limit=MAX_TEXT_BYTES / 2**20)
    raw = path.read_bytes()
    if not raw.strip():
        raise _problem(label, "text_empty")
    text, encoding = _decode(raw, label)
    notes = []
    if _CONTROL.search(text):
        count = len(_CONTROL.findall(text))
        text = _CONTROL.sub("", text)
        notes.append(message("note_control_text", label=label, count=count))
    delimiter = _delimiter(text)
    frame = _parse_delimited(text, delimiter, label)
    headers = [str(h) for h in frame.iloc[0].tolist()] if len(frame) else []
    frame = frame.iloc[1:].reset_index(drop=True)
    return RawTable(headers, frame, delimiter=delimiter, encoding=encoding, notes=notes)


def _parse_delimited(text: str, delimiter: str, label: str) -> pd.DataFrame:
    """Every field as text, blank lines kept (so the index is the file's row − 1), quoted line breaks allowed."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    end = text.find("\n")
    width = len(next(csv.reader([text[: end if end >= 0 else None].lstrip("\ufeff")], delimiter=delimiter)))
    try:
        table = pcsv.read_csv(
            _io.BytesIO(text.encode("utf-8")),
            read_options=pcsv.ReadOptions(autogenerate_column_names=True),
            parse_options=pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pcsv.ConvertOptions(column_types={f"f{i}": pa.string() for i in range(width)},
                                                strings_can_be_null=False, quoted_strings_can_be_null=False))
    except pa.ArrowInvalid as error:
        detail = str(error).strip().splitlines()[0]
        raise _problem(label, "text_bad_delimiter", delimiter=_name(delimiter), detail=detail) from None
    frame = table.to_pandas()
    frame.columns = range(frame.shape[1])
    return frame


def _name(delimiter: str) -> str | Message:
    return message("lang_pair", zh="制表符", en="tab") if delimiter == "\t" else delimiter


def _read_sheet(source: Source) -> RawTable:
    import python_calamine

    problem = _xlsx_problem(source.path)
    if problem is not None:
        raise problem
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(source.path))
        sheet = book.get_sheet_by_name(source.sheet or book.sheet_names[0])
        rows, (top, left) = sheet.to_python(), sheet.start or (0, 0)
    except Exception as error:
        raise _problem(source.label, "sheet_unreadable", error=error) from None
    header = next((i for i, row in enumerate(rows) if any(_filled(v) for v in row)), None)
    if header is None:
        return RawTable([], pd.DataFrame())
    rows = rows[header:]  # blank rows below the header stay (as blank rows), so the index keeps the sheet's rows
    width = max(len(r) for r in rows)
    rows = [list(r) + [""] * (width - len(r)) for r in rows]
    headers = [_header_text(v) for v in rows[0]]
    frame = pd.DataFrame(rows[1:], columns=range(width), dtype=object)
    notes = []
    text = frame.map(lambda v: isinstance(v, str) and bool(_CONTROL.search(v)))
    if text.to_numpy().any():
        frame = frame.map(lambda v: _CONTROL.sub("", v) if isinstance(v, str) else v)
        notes.append(message("note_control_cells", label=source.label, count=int(text.to_numpy().sum())))
    return RawTable(headers, frame.replace({"": None}), notes=notes, first_row=top + header + 2, first_column=left)


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _header_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)
