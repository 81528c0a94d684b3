"""Reading dates and timestamps as real exports write them, without guessing.

Service tools write dates in many ways: ISO (``2025-01-05 13:05``, ``2025-01-05T13:05:22+01:00``),
``2025/1/5``, ``2025年1月5日``, ``5.1.2025``, ``29/2/2016 13:05`` (ServiceNow and most European and
Chinese-localised tools), ``1/5/2025 1:05 PM`` (US tools), ``05/Jan/25 9:12 AM`` (Jira), Excel serial
numbers (``45662.5``), and cells that Excel already holds as dates. :func:`parse_column` reads them all
into naive wall-clock timestamps.

Two things cannot be read from a single value and are never guessed:

* **Day or month first.** ``03/04/2025`` is 3 April or 4 March. The order is decided per column from its
  values (:func:`order_evidence`: a first field above 12 proves day-first, a second field above 12 proves
  month-first); a column whose values are all ambiguous takes the order the caller passes (from the other
  date columns of the same file, or ``date_order`` in sqmkit.yaml), else it is refused
  (:class:`DateOrderProblem`).
* **Which clock.** A value with a UTC offset (``+01:00``, ``Z``) keeps its wall time when the column has one
  offset only. Offsets that change within a column (daylight saving: ``+01:00`` and ``+02:00``) mean the
  same wall time is not the same instant, so they need a ``timezone`` (an IANA name): every value is
  converted to that zone's wall time; without it the column is refused (:class:`DateOffsetProblem`).

Examples
--------
>>> parsed = parse_column(pd.Series(["29/2/2016 13:05", "1/3/2016 9:00"]), order=None)
>>> parsed.order, [str(v) for v in parsed.values]
('DMY', ['2016-02-29 13:05:00', '2016-03-01 09:00:00'])
>>> order_evidence(pd.Series(["03/04/2025", "05/06/2025"]))
Evidence(dmy=0, mdy=0, ambiguous=2)
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from sqmkit.glossary import message

__all__ = ["ORDERS", "Evidence", "ParsedDates", "DateOrderProblem", "DateOffsetProblem", "order_evidence",
           "parse_column", "check_timezone"]

#: The values of ``date_order`` in sqmkit.yaml: day/month/year, month/day/year, year/month/day.
ORDERS = ("DMY", "MDY", "YMD")

_TIME = (r"(?:[ T]+(?P<ampm1>上午|下午|AM|PM|am|pm)?\s*(?P<H>\d{1,2})[:时](?P<M>\d{2})分?"
         r"(?:[:分](?P<S>\d{2})秒?(?:[.,](?P<f>\d{1,9}))?)?\s*(?P<ampm2>[AaPp]\.?[Mm]\.?)?)?")
# a UTC offset only counts after a time of day (the "-05" of "2025-01-05" is the day)
_OFFSET = (r"^(?P<rest>.*\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?)\s*"
           r"(?:(?P<z>Z|UTC|GMT)|(?:UTC|GMT)?(?P<sign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2})?)$")
_OFFSET_END = r"(?:\d\s*(?:Z|UTC|GMT)|[+-]\d{2}:?\d{2}|[+-]\d{2})$"
_ISO = r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
_YMD = r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?" + _TIME + r"$"
_NUMERIC = r"^(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4}|\d{2})" + _TIME + r"$"
_COMPACT = r"^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$"
_SERIAL = r"^\d{5}(?:\.\d+)?$"
_LETTERS = r"[A-Za-z]{3}"
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


@dataclass(frozen=True)
class Evidence:
    """How many values of a column prove day-first, prove month-first, or fit both."""

    dmy: int = 0
    mdy: int = 0
    ambiguous: int = 0

    @property
    def order(self) -> str | None:
        """``"DMY"`` or ``"MDY"`` when the values prove one order and not the other, else None."""
        if self.dmy and not self.mdy:
            return "DMY"
        if self.mdy and not self.dmy:
            return "MDY"
        return None

    @property
    def conflicting(self) -> bool:
        return bool(self.dmy and self.mdy)


@dataclass
class ParsedDates:
    """The result of :func:`parse_column`: naive wall-clock timestamps and what was found on the way."""

    values: pd.Series                      # datetime64[ns]; NaT for blanks and values that could not be read
    unreadable: pd.Series                  # bool: a value was given but could not be read
    order: str | None = None               # the day/month order used for numeric dates (None: none needed)
    offsets: list[str] = field(default_factory=list)   # the distinct UTC offsets found, e.g. ["+01:00", "+02:00"]
    converted_to: str | None = None        # the IANA zone the values were converted to


class DateOrderProblem(ValueError):
    """A column's numeric dates cannot be read without knowing whether the day or the month comes first.

    The message is ``column 'NAME' DETAIL`` (a glossary message); ``detail`` is the part after the column name.
    """

    def __init__(self, column: str, detail: str, *, example: str, conflicting: bool):
        super().__init__(message("date_column_problem", column=column, detail=detail))
        self.detail = detail
        self.example = example
        self.conflicting = conflicting


class DateOffsetProblem(ValueError):
    """A column holds timestamps with different UTC offsets and no time zone was given (message as above)."""

    def __init__(self, column: str, detail: str, *, offsets: list[str], examples: list[str]):
        super().__init__(message("date_column_problem", column=column, detail=detail))
        self.detail = detail
        self.offsets = offsets
        self.examples = examples


def check_timezone(name: str) -> str:
    """``name`` itself when it is an IANA time-zone name (``Europe/Berlin``, ``Asia/Shanghai``), else ValueError."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValueError(message("timezone_not_iana", name=name)) from None
    return str(name)


def _arrow_text(series: pd.Series) -> pa.Array:
    """Trimmed text as an Arrow array (regular expressions run in Arrow's compute kernels: fast on 1M rows)."""
    values = pa.array(series.astype("string[pyarrow]"))  # no copy when the column is already Arrow text
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    values = pc.utf8_trim_whitespace(values.cast(pa.string()))
    if not pc.all(pc.fill_null(pc.string_is_ascii(values), True)).as_py():  # full-width digits, ideographic spaces
        values = pc.utf8_normalize(values, form="NFKC")
    return values


class _Groups:
    """The named groups of a regular expression matched against every value (Arrow arrays, lazily as numbers)."""

    def __init__(self, values: pa.Array, pattern: str, index: pd.Index):
        self.found = pc.extract_regex(values, pattern)
        self.index = index
        self.matched = pd.Series(self.found.is_valid().to_numpy(zero_copy_only=False), index=index)
        self.names = [t.name for t in self.found.type]

    def text(self, name: str) -> pa.Array:
        return pc.struct_field(self.found, [self.names.index(name)])

    def number(self, name: str) -> pd.Series:
        column = self.text(name)
        column = pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column)
        return pd.Series(pc.cast(column, pa.float64()).to_numpy(zero_copy_only=False), index=self.index)

    def strings(self, name: str) -> pd.Series:
        return pd.Series(self.text(name).to_numpy(zero_copy_only=False), index=self.index, dtype=object)


def order_evidence(series: pd.Series) -> Evidence:
    """Count the numeric ``a/b/yyyy`` dates of a column that prove day-first, month-first, or fit both.

    Parameters
    ----------
    series : Series
        Raw values (text); blanks and values of other shapes are not counted.

    Returns
    -------
    Evidence
    """
    text = series.dropna()
    if text.empty:
        return Evidence()
    groups = _Groups(_arrow_text(text), _NUMERIC, text.index)
    a, b = groups.number("a")[groups.matched], groups.number("b")[groups.matched]
    return Evidence(dmy=int(((a > 12) & (b <= 12)).sum()), mdy=int(((b > 12) & (a <= 12)).sum()),
                    ambiguous=int(((a <= 12) & (b <= 12) & (a != b)).sum()))


def _hour(groups: _Groups, rows: pd.Series) -> pd.Series:
    hour = groups.number("H")[rows].fillna(0)
    marks = pc.utf8_upper(pc.replace_substring(pc.binary_join_element_wise(
        groups.text("ampm1"), groups.text("ampm2"), ""), ".", ""))
    ampm = pd.Series(pc.fill_null(marks, "").to_numpy(zero_copy_only=False), index=groups.index)[rows]
    pm, am = ampm.isin(["PM", "下午"]), ampm.isin(["AM", "上午"])
    bad = ampm.ne("") & ((hour > 12) | (hour == 0))
    hour = hour.where(~(pm & (hour < 12)), hour + 12).where(~(am & (hour == 12)), 0)
    return hour.where(~bad)


def _assemble(groups: _Groups, rows: pd.Series, year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    frame = pd.DataFrame({"year": year[rows], "month": month[rows], "day": day[rows], "hour": _hour(groups, rows),
                          "minute": groups.number("M")[rows].fillna(0), "second": groups.number("S")[rows].fillna(0)})
    stamps = pd.to_datetime(frame, errors="coerce")
    fraction = pc.utf8_rpad(pc.fill_null(groups.text("f"), ""), 9, "0")
    nanos = pd.Series(pc.cast(pc.utf8_slice_codeunits(fraction, 0, 9), pa.int64()).to_numpy(), index=groups.index)
    return stamps + pd.to_timedelta(nanos[rows], unit="ns")


def _two_digit_year(year: pd.Series) -> pd.Series:
    return year.where(year >= 100, 2000 + year.where(year < 70, year - 100))  # 00-69 → 2000s, 70-99 → 1900s


def _parse_textual(text: pd.Series, order: str | None) -> pd.Series:
    """Dates with month names (``05/Jan/25 9:12 AM``, ``Jan 5, 2025``), one by one with dateutil."""
    from dateutil import parser

    def one(value: str):
        try:
            return parser.parse(value, dayfirst=order == "DMY", ignoretz=True)
        except (ValueError, OverflowError):
            return pd.NaT

    return pd.to_datetime(text.map(one), errors="coerce")


def _offset_name(minutes: float) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(int(minutes)), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def _cells(series: pd.Series, out: pd.Series) -> pd.Series:
    """XLSX cells that are already dates or numbers (Excel serials): fill ``out``; return the mask of text cells."""
    kind = series.map(lambda v: "stamp" if isinstance(v, (pd.Timestamp, np.datetime64)) or hasattr(v, "isoformat")
                      else "number" if isinstance(v, (int, float, np.number)) and not isinstance(v, bool)
                      else "text", na_action="ignore")
    stamps = kind == "stamp"
    if stamps.any():
        out[stamps] = [pd.Timestamp(v).tz_localize(None) if pd.Timestamp(v).tzinfo else pd.Timestamp(v)
                       for v in series[stamps]]
    numbers = kind == "number"
    if numbers.any():
        out[numbers] = _serial(pd.to_numeric(series[numbers], errors="coerce"))
    return kind == "text"


def _serial(days: pd.Series) -> pd.Series:
    """Excel serial day numbers (1900 date system) as timestamps; out of Excel's range → NaT."""
    days = days.where((days >= 1) & (days < 2958466))
    return _EXCEL_EPOCH + pd.to_timedelta((days * 86_400_000).round(), unit="ms")  # Excel keeps milliseconds


def parse_column(series: pd.Series, *, order: str | None = None, timezone: str | None = None,
                 column: str = "") -> ParsedDates:
    """Read one column of dates or timestamps into naive wall-clock timestamps.

    Parameters
    ----------
    series : Series
        Raw values: text, numbers (Excel serials), or datetimes (cells Excel holds as dates). Blanks
        must already be missing (NA).
    order : {"DMY", "MDY", "YMD"}, optional
        The order for numeric ``a/b/yyyy`` dates whose values do not prove it themselves (from the other
        date columns of the same file, or ``date_order`` in sqmkit.yaml). ``YMD`` only says that no
        ``a/b/yyyy`` date is expected. The column's own evidence wins when it proves one order.
    timezone : str, optional
        IANA zone to convert values with UTC offsets to (required when offsets differ within the column).
    column : str
        Column name for the messages.

    Returns
    -------
    ParsedDates

    Raises
    ------
    DateOrderProblem
        When numeric dates prove both orders, contradict ``order``, or are all ambiguous and no order is given.
    DateOffsetProblem
        When values carry different UTC offsets and ``timezone`` is None.
    """
    index = series.index
    if pd.api.types.is_datetime64_any_dtype(series):
        values = series.dt.tz_localize(None) if getattr(series.dt, "tz", None) is not None else series
        return ParsedDates(values.astype("datetime64[ns]"), pd.Series(False, index=index))
    given = series.notna()
    out = pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    text_cells = given if pd.api.types.infer_dtype(series, skipna=True) in ("string", "empty") else _cells(series, out)
    values = _arrow_text(series.where(text_cells))
    offsets = pd.Series(np.nan, index=index)
    with_offset = _Groups(values, _OFFSET, index) if pc.any(pc.match_substring_regex(values, _OFFSET_END)).as_py() else None
    if with_offset is not None and with_offset.matched.any():
        minutes = with_offset.number("oh").fillna(0) * 60 + with_offset.number("om").fillna(0)
        negative = with_offset.strings("sign") == "-"
        offsets = minutes.where(~negative, -minutes).where(with_offset.matched)
        values = pc.if_else(with_offset.found.is_valid(), with_offset.text("rest"), values)
    pending = text_cells & pd.Series(values.is_valid().to_numpy(zero_copy_only=False), index=index)

    def matches(pattern: str) -> pd.Series:
        if not pending.any():
            return pending.copy()
        hit = pc.fill_null(pc.match_substring_regex(values, pattern), False)
        return pd.Series(hit.to_numpy(zero_copy_only=False), index=index) & pending

    def strings(rows: pd.Series) -> pd.Series:
        return pd.Series(values.filter(pa.array(rows.to_numpy())).to_numpy(zero_copy_only=False), index=index[rows])

    serial = matches(_SERIAL)
    if serial.any():
        out[serial] = _serial(pd.to_numeric(strings(serial)))
        pending &= ~serial
    iso = matches(_ISO)
    if iso.any():
        out[iso] = pd.to_datetime(strings(iso), format="ISO8601", errors="coerce")
        pending &= ~iso
    if matches(_YMD).any():
        groups = _Groups(values, _YMD, index)
        ymd = groups.matched & pending
        out[ymd] = _assemble(groups, ymd, groups.number("y"), groups.number("m"), groups.number("d"))
        pending &= ~ymd
    compact = matches(_COMPACT)
    if compact.any():
        out[compact] = pd.to_datetime(strings(compact), format="%Y%m%d", errors="coerce")
        pending &= ~compact
    used_order = None
    if matches(_NUMERIC).any():
        groups = _Groups(values, _NUMERIC, index)
        numeric = groups.matched & pending
        a, b = groups.number("a"), groups.number("b")
        used_order = _numeric_order(strings(numeric), a[numeric], b[numeric], order, column)
        day, month = (a, b) if used_order == "DMY" else (b, a)
        if used_order is None:  # every value reads the same either way (05/05/2025)
            day = day.where(a == b)
        out[numeric] = _assemble(groups, numeric, _two_digit_year(groups.number("y")), month, day)
        pending &= ~numeric
    textual = matches(_LETTERS)
    if textual.any():
        out[textual] = _parse_textual(strings(textual), order)

    found = sorted({_offset_name(m) for m in offsets.dropna().unique()})
    converted_to = None
    if timezone and found:
        has = offsets.notna() & out.notna()
        utc = out[has] - pd.to_timedelta(offsets[has], unit="min")
        out[has] = utc.dt.tz_localize("UTC").dt.tz_convert(timezone).dt.tz_localize(None)
        converted_to = timezone
    elif len(found) > 1:
        firsts = offsets.dropna().drop_duplicates()
        examples = [str(series[i]) for i in firsts.index[:2]]
        detail = message("date_offsets", offsets=", ".join(found), first=examples[0], second=examples[1])
        raise DateOffsetProblem(column, detail, offsets=found, examples=examples)
    return ParsedDates(out.astype("datetime64[ns]"), given & out.isna(), order=used_order, offsets=found,
                       converted_to=converted_to)


def _numeric_order(text: pd.Series, a: pd.Series, b: pd.Series, order: str | None, column: str) -> str | None:
    """The day/month order of a column's numeric dates: its own evidence, else ``order``; else a problem."""
    proves = {"DMY": (a > 12) & (b <= 12), "MDY": (b > 12) & (a <= 12)}
    ambiguous = (a <= 12) & (b <= 12) & (a != b)
    example = str(text[ambiguous].iloc[0] if ambiguous.any() else text.iloc[0])
    own = [o for o, mask in proves.items() if mask.any()]
    if len(own) == 2:
        detail = message("date_mixed_orders", dmy=text[proves["DMY"]].iloc[0], mdy=text[proves["MDY"]].iloc[0])
        raise DateOrderProblem(column, detail, example=example, conflicting=True)
    if own and order in ("DMY", "MDY") and own[0] != order:
        key = "date_day_first_against_order" if own[0] == "DMY" else "date_month_first_against_order"
        detail = message(key, example=text[proves[own[0]]].iloc[0], order=order)
        raise DateOrderProblem(column, detail, example=example, conflicting=True)
    chosen = own[0] if own else order if order in ("DMY", "MDY") else None
    if chosen is None and ambiguous.any():
        raise DateOrderProblem(column, message("date_ambiguous", example=example), example=example, conflicting=False)
    return chosen
