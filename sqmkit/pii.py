"""Personal data in free text: the masking rules, and the masking of a table loaded for analysis.

Every rule is matched on a view of the text in Unicode NFKC (full-width ``１３８``, ``＠``, ``（０７５５）``
and the ideographic space read as ASCII), with every dash (``‐ – — − －``) read as ``-`` and invisible
characters (zero-width space, soft hyphen, BOM) skipped; what is replaced is the original span, the rest
of the text is kept as written.

=============  ============================================================  ==========================
rule           what is matched (published format)                            placeholder (zh / en)
=============  ============================================================  ==========================
e-mail         ``local@domain.tld`` (ASCII local part and domain)             ``[邮箱]`` / ``[email]``
ID number      resident identity number, GB 11643-1999: 18 digits = 6-digit  ``[身份证号]`` /
               area code (first digit 1-9), birth date YYYYMMDD (a real       ``[ID number]``
               date, 1800-2099), 3-digit sequence, check digit 0-9 or X/x
               (ISO 7064 MOD 11-2; a wrong one is masked too: a mistyped
               ID is still personal data); the old 15-digit form (area
               code, YYMMDD, sequence; no check digit)
bank card      ISO/IEC 7812 card number: 13-19 digits, first digit 1-9,       ``[银行卡号]`` /
               passing the Luhn check (ISO/IEC 7812-1 annex B); a China       ``[bank card]``
               UnionPay number (IIN ``62``, 16-19 digits) also without it,
               as UnionPay cards are not all Luhn-valid
mobile         mainland mobile number of the MIIT numbering plan (电信网编号    ``[电话]`` / ``[phone]``
               计划): ``1[3-9]`` + 9 digits, with an optional country code
               (ITU-T E.164) ``+86``, ``0086``, ``86`` or ``(+86)``
landline       ``0`` + 2-3 digit area code + 7-8 digit subscriber number      ``[电话]`` / ``[phone]``
               (area code in brackets or not; after ``+86`` without its
               ``0``, ``+86 (0)755`` too), an extension (``-123``, ``转123``,
               ``ext 123``), and 400/800 service numbers (10 digits)
=============  ============================================================  ==========================

Digits may be grouped with one space (or two), a dot or a dash between any two of them (``138.1234.5678``,
``0755-8888 8888``, ``110105 19491231 002X``, ``6222 0212 3456 7890 123``). A number glued to ASCII letters
(``INC0012345``, ``ORD6222…``) is part of an identifier and left alone, as are dates (``2025-06-30``),
amounts (``1,234,567.89``) and long numbers that fail the checks (an order number failing Luhn). ID numbers
and cards are found first, in runs of digit groups: a card or ID may be a whole run or a part of it that
starts and ends at group boundaries and uses one separator, groups of at least 3 digits but the last.

:func:`mask_table` applies the rules to the free-text columns of a table and replaces the whole value of
``pii_columns`` (names, account numbers) by a numbered pseudonym (``[个人信息 #3]``): equal values get the
same number, in the order of the file, so counts and groups stay right. :func:`sqmkit.io.load_workbook`
calls it for every table (docs/DEVELOPING.md, "Safe outputs: personal data").
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import pandas as pd

from sqmkit._checks import check_choice
from sqmkit.glossary import text as label_text

__all__ = ["KINDS", "mask_pii", "find_pii", "luhn_valid", "id_check_digit", "is_id_number", "is_card_number",
           "mask_table", "masked_cells", "placeholder"]

#: The kinds of personal data found, in the order they are looked for.
KINDS = ("email", "id", "card", "phone")
_LANGS = ("zh", "en")

# --------------------------------------------------------------------------- checks of the published formats
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # 2**(17-i) mod 11, GB 11643-1999 §8.2


def id_check_digit(first17: str) -> str:
    """The check digit of an 18-digit resident ID number (GB 11643-1999, ISO 7064 MOD 11-2).

    >>> id_check_digit("11010519491231002")   # the example of GB 11643-1999
    'X'
    """
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS))
    return "10X98765432"[total % 11]


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return 1800 <= year <= 2099


def is_id_number(number: str, *, checked: bool = True) -> bool:
    """An 18-digit ID number with a real birth date (and, ``checked``, the right check digit), or a 15-digit one
    with a real date.

    Masking uses ``checked=False``: a number with a wrong check digit is a mistyped ID number, still personal
    data (the area code and the birth date tell it from other 18-digit numbers).

    >>> is_id_number("11010519491231002X"), is_id_number("110105194912310021"), is_id_number("110105491231002")
    (True, False, True)
    >>> is_id_number("110105194912310021", checked=False), is_id_number("110105199913450013", checked=False)
    (True, False)
    """
    if len(number) == 18 and number[:17].isdigit() and number[17] in "0123456789Xx" and number[0] != "0":
        return (_real_date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
                and (not checked or id_check_digit(number[:17]) == number[17].upper()))
    if len(number) == 15 and number.isdigit() and number[0] != "0":
        return _real_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    return False


def luhn_valid(number: str) -> bool:
    """The Luhn check of ISO/IEC 7812-1 (annex B): the digit sum with every second digit doubled ends in 0.

    >>> luhn_valid("4111111111111111"), luhn_valid("4111111111111112")
    (True, False)
    """
    total = 0
    for i, char in enumerate(reversed(number)):
        digit = int(char) * (2 if i % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def is_card_number(number: str) -> bool:
    """13-19 digits, not starting with 0, not one digit repeated, Luhn-valid (or a UnionPay ``62`` number, 16-19 digits).

    >>> is_card_number("6222021234567890123"), is_card_number("5222021234567890123")
    (True, False)
    """
    if not (number.isdigit() and 13 <= len(number) <= 19) or number[0] == "0" or len(set(number)) == 1:
        return False
    return luhn_valid(number) or (number.startswith("62") and len(number) >= 16)


# --------------------------------------------------------------------------- the matching view
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_MAYBE = re.compile(r"[\d@\uff20]")  # \d: every Unicode digit (full-width too); text without one is left alone


def _view(text: str) -> tuple[str, list[int] | None]:
    """The text as matched (NFKC per character, dashes as '-', invisible characters out) and, per character of
    the view, its position in ``text`` (None: the view is the text)."""
    if text.isascii():
        return text, None
    parts: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        seen = char if char.isascii() else unicodedata.normalize("NFKC", char).translate(_DASHES)
        parts.append(seen)
        where.extend([i] * len(seen))
    return "".join(parts), where


# --------------------------------------------------------------------------- the rules (on the view)
_SEP = r"(?:[ ]?[.\-][ ]?|[ ]{1,2})"               # between two digits: a dot or dash (spaces around), or spaces
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
                    r"(?![A-Za-z0-9])")
_RUN = re.compile(rf"(?<![A-Za-z0-9])[0-9]+(?:{_SEP}[0-9]+)*(?:{_SEP}?[Xx])?(?![A-Za-z0-9])")
_GROUP = re.compile(r"[0-9]+")
_CC = r"(?:\([ ]?(?:\+|00)?86[ ]?\)|(?:\+|00)86)"  # +86, 0086, (+86), (86)
_MOBILE = re.compile(rf"(?<![A-Za-z0-9+])(?:(?:{_CC}|86){_SEP}?)?1{_SEP}?[3-9](?:{_SEP}?[0-9]){{9}}(?![0-9])")
_EXTENSION = r"(?:(?:[ ]?-[ ]?|[ ]?(?:转|分机|ext\.?|x|#)[ ]?)[0-9]{1,6}(?![0-9]))?"
_LANDLINE = re.compile(
    rf"(?:(?<![A-Za-z0-9+]){_CC}{_SEP}?(?:\(0\)[ ]?)?[1-9][0-9]{{1,2}}"   # +86 755 / +86 (0)755 / (+86)10
    rf"|\([ ]?0[1-9][0-9]{{1,2}}[ ]?\)"                                  # (0755) (010)
    rf"|(?<![A-Za-z0-9])0[1-9][0-9]{{1,2}})"                              # 0755 010
    rf"{_SEP}?[1-9](?:{_SEP}?[0-9]){{6,7}}(?![0-9]){_EXTENSION}")
_SERVICE = re.compile(rf"(?<![A-Za-z0-9])[48]00{_SEP}?[0-9](?:{_SEP}?[0-9]){{6}}(?![0-9]){_EXTENSION}")


def _run_spans(run: re.Match) -> list[tuple[int, int, str]]:
    """ID numbers and cards inside one run of digit groups: the longest valid window from the left, repeated."""
    groups = [(g.start() + run.start(), g.end() + run.start()) for g in _GROUP.finditer(run.group())]
    text, x_end = run.string, run.end()
    has_x = text[x_end - 1] in "Xx"
    spans, i = [], 0
    while i < len(groups):
        found = None
        top = min(len(groups) - 1, i + 18)                       # at most 19 digits: at most 19 groups,
        short = next((k for k in range(i, top + 1) if groups[k][1] - groups[k][0] < 3), top)
        for j in range(min(top, short), i - 1, -1):               # and a group under 3 digits only last
            window = groups[i:j + 1]
            digits = "".join(text[a:b] for a, b in window)
            last = j == len(groups) - 1
            if len(digits) < 13 and not (last and has_x):
                break
            if len(digits) > 19 or not _one_spelling(text, window):
                continue
            end = window[-1][1]
            if last and has_x and len(digits) == 17 and is_id_number(digits + text[x_end - 1], checked=False):
                found = (window[0][0], x_end, "id", j)
            elif is_id_number(digits, checked=False):
                found = (window[0][0], end, "id", j)
            elif is_card_number(digits):
                found = (window[0][0], end, "card", j)
            if found:
                break
        if found:
            spans.append(found[:3])
            i = found[3] + 1
        else:
            i += 1
    return spans


def _one_spelling(text: str, window: list[tuple[int, int]]) -> bool:
    """One separator throughout, and groups of 3 or more digits but the last (4-4-4-4-3, 6-8-4, 3-4-4)."""
    seps = {text[a[1]:b[0]] for a, b in zip(window, window[1:])}
    return len(seps) <= 1 and all(b - a >= 3 for a, b in window[:-1])


def _blank(work: str, spans: Iterable[tuple[int, int, str]]) -> str:
    chars = list(work)
    for start, end, _ in spans:
        chars[start:end] = "\x00" * (end - start)
    return "".join(chars)


def _spans(view: str) -> list[tuple[int, int, str]]:
    """Every piece of personal data in the view: (start, end, kind), sorted and not overlapping."""
    found: list[tuple[int, int, str]] = []
    work = view

    def take(spans: list[tuple[int, int, str]]) -> None:
        nonlocal work
        found.extend(spans)
        work = _blank(work, spans)

    take([(m.start(), m.end(), "email") for m in _EMAIL.finditer(work)])
    take([span for run in _RUN.finditer(work) for span in _run_spans(run)])
    for rule in (_MOBILE, _SERVICE, _LANDLINE):
        take([(m.start(), m.end(), "phone") for m in rule.finditer(work)])
    return sorted(found)


# --------------------------------------------------------------------------- masking
def placeholder(kind: str, lang: str = "zh") -> str:
    """The text that replaces personal data of ``kind`` (one of :data:`KINDS`).

    >>> placeholder("card", "en")
    '[bank card]'
    """
    check_choice("kind", kind, list(KINDS))
    return label_text(f"pii_{kind}", lang)


def _original_spans(text: str) -> list[tuple[int, int, str]]:
    view, where = _view(text)
    spans = _spans(view)
    if where is None:
        return spans
    return [(where[start], where[end - 1] + 1, kind) for start, end, kind in spans]


def _mask_one(value: Any, masks: dict[str, str]) -> Any:
    if not isinstance(value, str) or not _MAYBE.search(value):
        return value
    spans = _original_spans(value)
    if not spans:
        return value
    out, last = [], 0
    for start, end, kind in spans:
        out += [value[last:start], masks[kind]]
        last = end
    out.append(value[last:])
    return "".join(out)


def _masks(lang: str) -> dict[str, str]:
    check_choice("lang", lang, list(_LANGS))
    return {kind: placeholder(kind, lang) for kind in KINDS}


def mask_pii(text: Any, *, lang: str = "zh") -> Any:
    """Mask phone numbers, e-mail addresses, ID numbers and bank card numbers (the rules of this module).

    Parameters
    ----------
    text : str, Series, list or None
        One text or many; non-strings (NaN, None, numbers) pass through.
    lang : {"zh", "en"}
        Language of the placeholders (``[电话]`` or ``[phone]`` …).

    Returns
    -------
    Same type as ``text`` with the personal data replaced; the rest of each text is kept as written.

    Notes
    -----
    Published formats: GB 11643-1999 (ID numbers, ISO 7064 MOD 11-2 check digit), ISO/IEC 7812-1 (card
    numbers, Luhn), the mainland numbering plan (mobile ``1[3-9]`` + 9 digits; landline ``0`` + area code
    + 7-8 digits; 400/800). See the module docstring for every spelling.

    Examples
    --------
    >>> mask_pii("电话13812345678，邮箱 li@example.com")
    '电话[电话]，邮箱 [邮箱]'
    >>> mask_pii("回电 １３８１２３４５６７８ 或 0755-8888 8888，卡号 6222 0212 3456 7890 123")
    '回电 [电话] 或 [电话]，卡号 [银行卡号]'
    """
    masks = _masks(lang)
    if isinstance(text, pd.Series):
        return _replace(text, _masked_values(text, masks))
    if isinstance(text, (list, tuple)):
        return type(text)(_mask_one(t, masks) for t in text)
    return _mask_one(text, masks)


def _masked_values(values: pd.Series, masks: dict[str, str]) -> dict[str, str]:
    """Each distinct text of ``values`` that holds personal data, with its masked text (each text masked once)."""
    distinct = pd.unique(values.dropna())
    return {v: masked for v in distinct if isinstance(v, str) and (masked := _mask_one(v, masks)) != v}


def _replace(values: pd.Series, replacements: dict[str, str]) -> pd.Series:
    """``values`` with the texts of ``replacements`` replaced; everything else (other types too) as it was."""
    if not replacements:
        return values.copy()
    return values.mask(values.isin(list(replacements)), values.map(replacements))


def find_pii(text: Any) -> pd.DataFrame:
    """Every piece of personal data in one text: ``kind, start, end, text`` (positions in ``text``).

    >>> find_pii("call 138.1234.5678 or li@example.com")[["kind", "text"]].values.tolist()
    [['phone', '138.1234.5678'], ['email', 'li@example.com']]
    """
    spans = _original_spans(text) if isinstance(text, str) else []
    return pd.DataFrame([{"kind": k, "start": s, "end": e, "text": text[s:e]} for s, e, k in spans],
                        columns=["kind", "start", "end", "text"])


@functools.cache
def _placeholder_pattern() -> re.Pattern:
    fixed = [re.escape(placeholder(k, lang)) for k in KINDS for lang in _LANGS]
    numbered = [re.escape(label_text("pii_value", lang, n=0)).replace("0", r"\d+") for lang in _LANGS]
    return re.compile("|".join(fixed + numbered))


def masked_cells(values: pd.Series) -> int:
    """How many values hold a placeholder (masked on loading, or by :func:`mask_pii`).

    >>> masked_cells(pd.Series(["回电 [电话]", "ok", None]))
    1
    """
    return int(values.map(lambda v: isinstance(v, str) and bool(_placeholder_pattern().search(v))).sum())


def mask_table(data: pd.DataFrame, *, text: Iterable[str], pseudonymise: Iterable[str] = (),
               lang: str = "zh") -> pd.DataFrame:
    """A copy of a table with the rules applied to its ``text`` columns and ``pseudonymise`` columns replaced.

    Parameters
    ----------
    data : DataFrame
        A loaded table (its index is the row's position in the file).
    text : list of str
        Free-text columns: personal data inside them is masked, the rest kept.
    pseudonymise : list of str
        Columns whose whole value is personal (``pii_columns`` of sqmkit.yaml): each distinct value
        (stripped) becomes ``[个人信息 #n]`` / ``[personal data #n]``, numbered in the order of the file.
    lang : {"zh", "en"}
        Language of the placeholders.

    Returns
    -------
    DataFrame
        Same index, columns and ``attrs``; when something was masked ``attrs["pii_masked"]`` holds
        ``{column: cells changed}`` (:func:`sqmkit.io.write_table` refuses such a frame).
    """
    masks = _masks(lang)
    out = data.copy()
    out.attrs = dict(data.attrs)
    changed: dict[str, int] = {}
    whole = [c for c in dict.fromkeys(pseudonymise) if c in out.columns]
    for column in dict.fromkeys(text):
        if column not in out.columns or column in whole:
            continue
        replacements = _masked_values(out[column], masks)
        if replacements:
            changed[column] = int(out[column].isin(list(replacements)).sum())
            out[column] = _replace(out[column], replacements)
    for column in whole:
        values = out[column]
        keys = values.map(lambda v: str(v).strip(), na_action="ignore")
        keys = keys.where(keys != "")
        numbers = {key: n for n, key in enumerate(pd.unique(keys.dropna().sort_index()), start=1)}
        out[column] = keys.map(lambda k: label_text("pii_value", lang, n=numbers[k]), na_action="ignore").astype(object)
        if keys.notna().any():
            changed[column] = int(keys.notna().sum())
    if changed:
        out.attrs["pii_masked"] = changed
    return out
