"""Workbooks sqmkit must refuse: exit 2, a message naming the file, the column or key and the fix, no traceback.

Each regex asks for the file (or sqmkit.yaml), the column or key, and a word of the problem; the
wording of the fix is the reader's to choose, so the regexes stay loose about it.
"""
from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pandas as pd

from ._base import Case, Truth, compound_file, complaint_truth, spell, ticket_truth, write_config, write_csv
from .accepted import EN, zendesk_export

ISO = "%Y-%m-%d %H:%M"


def _config(folder: Path, **extra) -> None:
    write_config(folder, client="Refused case", **EN, period={"start": "2025-01-01", "end": "2025-06-30"},
                 as_of="2025-07-01", **extra)


def _tickets(folder: Path, seed: int = 1, n: int = 200, **spelling) -> pd.DataFrame:
    truth = ticket_truth(seed, n, "2025-01-01", "2025-06-30")
    frame = truth.copy()
    for column in ("created_at", "first_response_at", "resolved_at"):
        frame[column] = spell(frame[column], spelling.get(column, lambda t: t.strftime(ISO)))
    return frame


def zendesk_no_timezone(folder: Path) -> Truth:
    return zendesk_export(folder, timezone=False)


def big5(folder: Path) -> Truth:
    """A Taiwanese client's complaints in Big5 (Excel on Traditional-Chinese Windows)."""
    _config(folder)
    complaints = complaint_truth(2, 120, ["帳單錯誤", "等候時間過長", "網路斷線", "服務態度不佳"])
    write_csv(folder / "data" / "complaints.csv",
              complaints.assign(date=complaints["date"].dt.strftime("%Y/%m/%d")).astype(str), encoding="big5")
    return {}


def shift_jis(folder: Path) -> Truth:
    """A Japanese client's complaints in Shift-JIS (Excel on Japanese Windows)."""
    _config(folder)
    complaints = complaint_truth(3, 120, ["請求の誤り", "待ち時間が長い", "回線の切断", "対応が悪い"])
    write_csv(folder / "data" / "complaints.csv",
              complaints.assign(date=complaints["date"].dt.strftime("%Y/%m/%d")).astype(str), encoding="shift_jis")
    return {}


def legacy_xls(folder: Path) -> Truth:
    """An Excel 97-2003 workbook (BIFF8 in a compound file) saved as data/tickets.xls."""
    _config(folder)
    bof = bytes.fromhex("0908100000060500bb0dcc07c1000000060300")  # BOF record of a BIFF8 workbook stream
    (folder / "data" / "tickets.xls").write_bytes(compound_file({"Workbook": bof + b"\0" * 2000}))
    return {}


def corrupt_xlsx(folder: Path) -> Truth:
    """An XLSX cut short (a download or e-mail attachment that did not finish)."""
    _config(folder)
    buffer = io.BytesIO()
    _tickets(folder).to_excel(buffer, index=False, sheet_name="tickets")
    data = buffer.getvalue()
    (folder / "data" / "tickets.xlsx").write_bytes(data[: len(data) // 2])
    return {}


def encrypted_xlsx(folder: Path) -> Truth:
    """A password-protected XLSX: Excel stores it as a compound file with EncryptionInfo and EncryptedPackage."""
    _config(folder)
    info = (b"\x04\x00\x04\x00\x40\x00\x00\x00" + b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
            b'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
            b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
            b'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
            b'</encryption>')
    package = (5000).to_bytes(8, "little") + np.random.default_rng(4).bytes(5008)
    (folder / "data" / "survey.xlsx").write_bytes(compound_file({"EncryptionInfo": info, "EncryptedPackage": package}))
    return {}


def duplicate_headers(folder: Path) -> Truth:
    """Two ``channel`` columns (the export's and one the analyst added)."""
    _config(folder)
    frame = _tickets(folder)
    frame.insert(5, "channel ", frame["channel"].str.upper())
    text = frame.to_csv(index=False).replace("channel ,", "channel,", 1)
    (folder / "data" / "tickets.csv").write_text(text, encoding="utf-8-sig")
    return {}


def parent_cycle(folder: Path) -> Truth:
    """Fishbone causes whose parent_id chain loops: F02 -> F03 -> F04 -> F02."""
    _config(folder)
    problems = pd.DataFrame({"problem_id": ["PR01"], "statement": ["Slow first response"], "kpi": ["frt_median_min"],
                             "baseline": ["45"], "target": ["30"], "owner": ["Ops lead"]})
    causes = pd.DataFrame({
        "problem_id": "PR01", "cause_id": ["F01", "F02", "F03", "F04", "F05"],
        "category": ["people", "method", "method", "method", "machine"],
        "cause": ["Skills uneven", "Routing by queue only", "No skill tags", "Tags not maintained", "Old CRM"],
        "parent_id": ["", "F04", "F02", "F03", ""], "votes": ["3", "5", "2", "1", "4"]})
    write_csv(folder / "data" / "problems.csv", problems)
    write_csv(folder / "data" / "causes.csv", causes)
    return {}


def ambiguous_dates(folder: Path) -> Truth:
    """Every created_at has day and month 12 or less (a log of the first twelve days of each month)."""
    _config(folder)
    frame = _tickets(folder)
    days = pd.to_datetime(frame["created_at"])
    fixed = days.map(lambda t: t.replace(day=1 + t.day % 12))
    frame["created_at"] = fixed.dt.strftime("%d/%m/%Y %H:%M")
    frame["first_response_at"] = ""
    frame["resolved_at"] = ""
    write_csv(folder / "data" / "tickets.csv", frame.astype(str))
    return {}


def mixed_orders(folder: Path) -> Truth:
    """One column with 20/06/2025 (day first) and 06/21/2025 (month first): no order fits both."""
    _config(folder)
    frame = _tickets(folder)
    created = pd.to_datetime(frame["created_at"])
    frame["created_at"] = [t.strftime("%d/%m/%Y %H:%M") if i % 2 else t.strftime("%m/%d/%Y %H:%M")
                           for i, t in enumerate(created)]
    frame["first_response_at"] = ""  # only created_at is in question
    frame["resolved_at"] = ""
    write_csv(folder / "data" / "tickets.csv", frame.astype(str))
    return {}


def non_finite(folder: Path) -> Truth:
    """``inf`` and ``1e309`` in the cost column of complaints."""
    _config(folder)
    complaints = complaint_truth(5, 100, ["billing", "waiting"])
    frame = complaints.assign(date=complaints["date"].dt.strftime("%Y-%m-%d")).astype(str)
    frame.loc[3, "cost"] = "inf"
    frame.loc[8, "cost"] = "1e309"
    write_csv(folder / "data" / "complaints.csv", frame)
    return {}


def folder_as_table(folder: Path) -> Truth:
    """A folder named tickets.csv (an unzipped export) where a file should be."""
    _config(folder)
    inner = folder / "data" / "tickets.csv"
    inner.mkdir()
    write_csv(inner / "part-0001.csv", _tickets(folder).astype(str))
    return {}


def named_pipe(folder: Path) -> Truth:
    """A named pipe as data/survey.csv: reading it would wait forever for a writer."""
    _config(folder)
    os.mkfifo(folder / "data" / "survey.csv")
    return {}


def alias_bomb(folder: Path) -> Truth:
    """A YAML alias bomb in ``client`` (nine levels of nine: 387 million strings once expanded)."""
    (folder / "data").mkdir(parents=True)
    levels = ['&a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"&a{k} [" + ", ".join([f"*a{k - 1}"] * 9) + "]" for k in range(1, 9)]
    (folder / "sqmkit.yaml").write_text(f"lang: en\nclient: [{', '.join(levels)}]\n", encoding="utf-8")
    return {}


def bad_yaml_parameter(folder: Path) -> Truth:
    _config(folder, parameters={"freq": "X"})
    write_csv(folder / "data" / "tickets.csv", _tickets(folder).astype(str))
    return {}


def impossible_as_of(folder: Path) -> Truth:
    (folder / "data").mkdir(parents=True)
    (folder / "sqmkit.yaml").write_text("client: Impossible date\nlang: en\nas_of: 2025-06-31\n", encoding="utf-8")
    write_csv(folder / "data" / "tickets.csv", _tickets(folder).astype(str))
    return {}


def valid_tickets(folder: Path) -> Truth:
    _config(folder)
    write_csv(folder / "data" / "tickets.csv", _tickets(folder).astype(str))
    return {}


ANY = r"[\s\S]*"
CASES = [
    Case("zendesk_mixed_offsets_no_timezone", "Zendesk export with +01:00/+02:00 and no timezone in sqmkit.yaml",
         zendesk_no_timezone, "refused", rf"tickets\.csv{ANY}created_at{ANY}\+0[12]:00{ANY}timezone"),
    Case("big5_complaints", "Big5 (Traditional Chinese Windows) CSV", big5, "refused",
         rf"complaints\.csv{ANY}(?i:big5|encoding|utf-8)"),
    Case("shift_jis_complaints", "Shift-JIS (Japanese Windows) CSV", shift_jis, "refused",
         rf"complaints\.csv{ANY}(?i:shift.?jis|encoding|utf-8)"),
    Case("legacy_xls", "Excel 97-2003 .xls", legacy_xls, "refused", rf"tickets\.xls{ANY}(?i:xlsx|csv)"),
    Case("corrupt_xlsx", "truncated XLSX", corrupt_xlsx, "refused", rf"tickets\.xlsx{ANY}(?i:fix)"),
    Case("password_protected_xlsx", "password-protected XLSX (compound file with EncryptedPackage)",
         encrypted_xlsx, "refused", rf"survey\.xlsx{ANY}(?i:password|encrypt)"),
    Case("duplicate_headers", "two channel columns", duplicate_headers, "refused",
         rf"tickets\.csv{ANY}channel{ANY}(?i:twice|duplicate|more than once|both)"),
    Case("parent_id_cycle", "fishbone causes F02 -> F03 -> F04 -> F02", parent_cycle, "refused",
         rf"causes\.csv{ANY}parent_id{ANY}(?i:cycle|loop|circular)"),
    Case("all_dates_ambiguous", "every created_at like 03/04/2025 10:00, no date_order", ambiguous_dates, "refused",
         rf"tickets\.csv{ANY}created_at{ANY}date_order"),
    Case("day_and_month_first_in_one_column", "20/06/2025 and 06/21/2025 in one column", mixed_orders, "refused",
         rf"tickets\.csv{ANY}created_at{ANY}(?i:day.first|month.first|dmy|mdy|order)"),
    Case("inf_and_1e309", "inf and 1e309 in complaints.cost", non_finite, "refused",
         rf"complaints\.csv{ANY}cost{ANY}(inf|1e309)"),
    Case("folder_named_tickets_csv", "a folder named data/tickets.csv", folder_as_table, "refused",
         rf"tickets\.csv{ANY}(?i:folder|directory|not a (regular )?file)"),
    Case("named_pipe_survey_csv", "a named pipe as data/survey.csv", named_pipe, "refused",
         rf"survey\.csv{ANY}(?i:pipe|fifo|not a (regular )?file)", needs_fifo=True),
    Case("yaml_alias_bomb_client", "billion-laughs aliases in client", alias_bomb, "refused",
         rf"sqmkit\.yaml{ANY}(?i:alias|anchor|too (large|big|deep|many)|nest)", memory_limit=3 << 29),
    Case("bad_parameter_lang", "sqmkit run -p lang=fr", valid_tickets, "refused",
         rf"lang{ANY}'?fr'?", command="run", params=("lang=fr",)),
    Case("bad_parameter_freq", "sqmkit run -p freq=X", valid_tickets, "refused",
         rf"freq{ANY}'?X'?", command="run", params=("freq=X",)),
    Case("bad_parameter_in_yaml", "parameters: {freq: X} in sqmkit.yaml", bad_yaml_parameter, "refused",
         rf"sqmkit\.yaml{ANY}freq{ANY}X"),
    Case("impossible_as_of", "as_of: 2025-06-31 in sqmkit.yaml", impossible_as_of, "refused",
         rf"sqmkit\.yaml{ANY}as_of{ANY}2025-06-31"),
]
