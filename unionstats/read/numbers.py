"""Reading the numbers Vietnamese offices type into report cells.

A cell may hold a real number, or text such as "7.842", "7 842", "1.234.567,5", "3,5 tỷ",
"295 triệu", "295.400.000đ", "12 VNĐ", "-" or "x". :func:`parse_value` turns one cell into
a value in the indicator's catalogue measure (money in đồng) or into a *problem*: a code
and a Vietnamese explanation. Nothing ambiguous becomes a plausible number: "7,842"
is 7842 only for a head count, which cannot be fractional.

Babel does the strict parsing of each convention (``vi``: "." groups, "," is decimal;
``en``: the reverse); this module decides between them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel.numbers import NumberFormatError, parse_decimal

from unionstats.text import fold, nfc

# Money magnitudes as written in cells or in the "Đơn vị tính" column (folded text).
_MAGNITUDE_WORDS: tuple[tuple[str, int], ...] = (
    (r"ty|ti", 1_000_000_000),
    (r"trieu|tr", 1_000_000),
    (r"nghin|ngan", 1_000),
)
_CURRENCY = r"(?:dong|vnd|d)"
_MONEY_MEASURE = re.compile(rf"^(?:1\.?000 ?)?(?P<magnitude>ty|ti|trieu|tr|nghin|ngan)?\.? ?{_CURRENCY}?\.?$")
_NUMBER_BODY = re.compile(r"^[+-]?\d[\d., ]*$")
_QUALIFIERS = re.compile(r"^(?:tren|khoang|gan|hon|duoi|uoc|~|>|<|>=|<=)\b")
_COUNT_WORDS = re.compile(
    r"\s*\b(?:nguoi|luot|luot nguoi|cuoc|suat|can|ban|lop|don vi|sang kien|cdcs|dv|hoi nghi)\.?$"
)
_NOTHING = {"", "-", "--", "–", "—", "x", "k", "kh", "0 -", "/", "…", "..."}


@dataclass(frozen=True)
class Parsed:
    """The outcome of reading one cell.

    ``value`` is set when the cell holds a number in the catalogue measure; otherwise
    ``problem`` is a finding code and ``message_vi`` says, in Vietnamese, what to fix.
    """

    value: float | None
    problem: str | None = None
    message_vi: str = ""


@lru_cache(maxsize=4096)
def money_factor(measure: str | None) -> int | None:
    """Return how many đồng one unit of a money ``measure`` is, or None if not money.

    >>> money_factor("triệu đồng")
    1000000
    """
    if measure is None:
        return None
    text = fold(measure).replace(" ", "").replace("(", "").replace(")", "")
    if not text:
        return None
    match = _MONEY_MEASURE.match(text)
    if not match or text in {"", "."}:
        return None
    magnitude = match.group("magnitude")
    if magnitude is None and re.match(r"1\.?000", text):
        return 1_000
    if magnitude is None:
        # Plain "đồng", "đ", "VNĐ"; but a bare "d" without currency is not money.
        return 1 if re.fullmatch(_CURRENCY + r"\.?", text) else None
    for pattern, factor in _MAGNITUDE_WORDS:
        if re.fullmatch(pattern, magnitude):
            return factor
    return None


@lru_cache(maxsize=65536)
def _split_words(folded: str) -> tuple[str, int | None, bool]:
    """Split trailing magnitude/currency words off a folded cell text.

    Returns the numeric body, the magnitude factor written in the cell (or None) and
    whether a currency word was present.
    """
    body = folded
    currency = False
    factor: int | None = None
    match = re.search(rf"\s*{_CURRENCY}\.?$", body)
    if match and re.search(r"\d", body[: match.start()] or ""):
        currency = True
        body = body[: match.start()]
    for pattern, magnitude in _MAGNITUDE_WORDS:
        match = re.search(rf"\s*\b(?:{pattern})\.?$", body)
        if match and re.search(r"\d", body[: match.start()]):
            factor = magnitude
            body = body[: match.start()]
            break
    return body.strip(), factor, currency


_VI_GROUPED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")


@lru_cache(maxsize=65536)
def _readings(body: str) -> tuple[Decimal | None, Decimal | None]:
    """Return the strict Vietnamese and the strict US reading of a numeric text.

    The two shapes most cells have are read directly, as Babel reads them (a test holds the
    two to the same answers): plain digits, and digits grouped by dots ("6.855.000": a whole
    number in Vietnamese; in US use a decimal when there is one dot, nothing when more).
    """
    if body.isascii() and body.isdigit():
        return Decimal(body), Decimal(body)
    if _VI_GROUPED.fullmatch(body):
        return Decimal(body.replace(".", "")), Decimal(body) if body.count(".") == 1 else None
    return _babel_readings(body)


def _babel_readings(body: str) -> tuple[Decimal | None, Decimal | None]:
    readings: list[Decimal | None] = []
    for locale in ("vi", "en"):
        try:
            readings.append(parse_decimal(body, locale=locale, strict=True))
        except (NumberFormatError, ValueError, ArithmeticError):
            readings.append(None)
    return readings[0], readings[1]


def _is_whole(number: float) -> bool:
    return abs(number - round(number)) < 1e-6


def _denoise(number: float) -> float:
    """Remove binary float noise (1567.9999999 is 1568) without hiding real decimals."""
    rounded = round(number, 6)
    return float(round(rounded)) if _is_whole(rounded) else rounded


def parse_value(raw: object, *, measure: str | None, whole: bool, money: bool) -> Parsed:
    """Read one cell into a value in the catalogue measure.

    Parameters
    ----------
    raw
        The cell content as read (float, int, str, bool, date or None).
    measure
        The text of the row's "Đơn vị tính" column, if any.
    whole
        True when the indicator counts things (people, units, events): fractions are
        impossible, which settles "7,842" as 7842.
    money
        True when the indicator is an amount of money, stored in đồng.
    """
    column_factor = money_factor(measure) if money else None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return _parse_number_cell(float(raw), column_factor, whole, money)
    if not isinstance(raw, str):
        return _not_text(raw)
    text = nfc(raw)
    folded = fold(text).replace("(", "").replace(")", "")
    if folded in _NOTHING:
        return Parsed(None, "value_blank", f"Ô ghi '{text}': không có số liệu.")
    if _QUALIFIERS.match(folded):
        return Parsed(
            None,
            "value_approximate",
            f"Ô ghi '{text}': số ước lượng, cần ghi số chính xác.",
        )
    if folded.endswith("%"):
        return Parsed(None, "value_percent", f"Ô ghi '{text}': tỷ lệ %, không phải số lượng.")
    body, cell_factor, currency = _split_words(_COUNT_WORDS.sub("", folded))
    if currency and cell_factor is None:
        cell_factor = 1
    body = re.sub(r"(?<=\d) (?=\d{3}\b)", "", body)
    if not _NUMBER_BODY.match(body):
        return Parsed(None, "value_not_number", f"Ô ghi '{text}': không đọc được số.")
    if cell_factor is not None and not money:
        return Parsed(
            None, "value_unit_mismatch", f"Ô ghi '{text}': có đơn vị tiền nhưng chỉ tiêu không phải tiền."
        )
    vi, en = _readings(body)
    unit_factor = cell_factor or column_factor
    number = _choose(vi, en, body, whole=(whole and not money) or (money and unit_factor == 1))
    if number is None:
        return Parsed(
            None,
            "value_ambiguous",
            f"Ô ghi '{text}': không rõ dấu chấm/phẩy là phân cách hàng nghìn hay thập phân; "
            "ghi lại theo kiểu Việt Nam (7.842; 3,5).",
        )
    if cell_factor not in (None, 1) and column_factor not in (None, 1) and cell_factor != column_factor:
        return Parsed(
            None,
            "value_unit_conflict",
            f"Ô ghi '{text}' nhưng cột đơn vị tính ghi '{measure}': đơn vị không thống nhất.",
        )
    return _finish(number, cell_factor, column_factor, whole, money, text)


def _not_text(raw: object) -> Parsed:
    """A cell that is neither a number nor text: blank, true/false, a date…"""
    if raw is None:
        return Parsed(None, "value_blank", "Ô để trống: không có số liệu.")
    if isinstance(raw, bool):
        return Parsed(None, "value_not_number", "Ô chứa giá trị đúng/sai, không phải số.")
    return Parsed(None, "value_not_number", f"Ô chứa '{raw}', không phải số.")


def _parse_number_cell(number: float, column_factor: int | None, whole: bool, money: bool) -> Parsed:
    """A cell that already holds a number (the common case): no text to interpret."""
    if not math.isfinite(number):
        return Parsed(None, "value_not_number", "Ô chứa giá trị không hữu hạn.")
    if money:
        if column_factor is None:
            return _finish(Decimal(str(_denoise(number))), None, None, whole, money)
        return Parsed(float(round(number * column_factor)))
    value = _denoise(number)
    if whole and not _is_whole(value):
        return _finish(Decimal(str(value)), None, column_factor, whole, money)
    return Parsed(value)


def _choose(vi: Decimal | None, en: Decimal | None, body: str, *, whole: bool) -> Decimal | None:
    """Pick the reading of a numeric text, or None when it stays ambiguous."""
    if vi is not None and en is not None:
        if vi == en:
            return vi
        whole_readings = [r for r in (vi, en) if r == r.to_integral_value()]
        if whole and len(whole_readings) == 1:
            return whole_readings[0]
        if len(whole_readings) == 2:
            # "12.000": a US writer would not add ".000" to a whole number, so only the
            # Vietnamese grouping reading is one somebody would type.
            return vi
        return None
    if vi is not None:
        return vi
    if en is not None and "," in body:
        # Commas in group positions (and a dot after them) cannot be Vietnamese.
        return en
    return None


def _finish(
    number: Decimal,
    cell_factor: int | None,
    column_factor: int | None,
    whole: bool,
    money: bool,
    text: str | None = None,
) -> Parsed:
    shown = text if text is not None else format(number.normalize(), "f")
    if money:
        factor = cell_factor or column_factor
        if factor is None:
            return Parsed(
                None,
                "value_unit_unknown",
                f"Ô ghi '{shown}' nhưng không rõ đơn vị tiền (đồng, triệu đồng, tỷ đồng): "
                "ghi đơn vị vào cột Đơn vị tính.",
            )
        return Parsed(float(round(number * factor)))
    value = float(number)
    if whole and not _is_whole(value):
        return Parsed(None, "value_not_whole", f"Ô ghi '{shown}': số lượng phải là số nguyên.")
    return Parsed(_denoise(value))


_COUNT_AND_AMOUNT = re.compile(
    r"^\s*(?P<count>[\d.,\s]+?\s*[^\d,;]*?)\s*[,;]\s*(?:(?:tổng\s+)?số\s+tiền|kinh\s+phí|trị\s+giá)?\s*:?\s*"
    r"(?P<amount>[\d.,\s]+\s*(?:tỷ|tỉ|triệu|tr|nghìn|ngàn)?\.?\s*(?:đồng|đ|vnđ|vnd)\.?)\s*$",
    re.IGNORECASE,
)


def split_count_and_amount(text: str) -> tuple[str, str] | None:
    """("61 lượt", "51,55 triệu đồng") from "61 lượt, số tiền 51,55 triệu đồng", else None.

    Only a count followed by an amount of money written with its unit is split; anything
    else stays one cell that is read (or refused) as it is.
    """
    match = _COUNT_AND_AMOUNT.match(nfc(text))
    if match is None:
        return None
    return match.group("count").strip(), match.group("amount").strip()


_MEASURE_WORDS = re.compile(
    r"^(?:người|lượt|lượt người|suất|căn|cuộc|bản|lớp|đơn vị|cđcs|sáng kiến|vụ|hội nghị|%|"
    r"(?:tỷ|tỉ|triệu|tr|nghìn|ngàn|1\.?000)?\s*(?:đồng|đ|vnđ|vnd))$",
    re.IGNORECASE,
)
_TRAILING_MEASURE = re.compile(
    r"^(?P<label>.*?)\s*(?:\((?:đvt:\s*)?(?P<measure>[^()]+)\)|[,:]\s*đvt:\s*(?P<after>.+))\s*$",
    re.IGNORECASE,
)


def split_measure(header: str) -> tuple[str, str]:
    """("Số tiền thăm hỏi", "triệu đồng") from "Số tiền thăm hỏi (triệu đồng)": a column
    header's trailing unit of measure, when it is one; ("header", "") otherwise."""
    text = nfc(header).strip()
    match = _TRAILING_MEASURE.match(text)
    if match is None:
        return text, ""
    measure = (match.group("measure") or match.group("after") or "").strip()
    if not _MEASURE_WORDS.match(measure):
        return text, ""
    return match.group("label").strip(), measure
