"""Column headers -> column roles: which column of a report table holds what.

A header (folded, top and sub-header joined) says what its column is: the row labels, the
measure ("ĐVT"), the numbering ("TT"), this period's figures ("Số lượng", "Kỳ báo cáo",
"Thực hiện"), last year's ("Cùng kỳ năm trước"), a period by name ("6 tháng đầu năm
2022", "Năm 2021"), figures that are never a period's count (plans, comparisons,
percentages, notes), a total over units ("Tổng cộng", "Toàn cụm") or a registered unit
("Đăk Hà", "LĐLĐ TP Kon Tum"). Only the column of the report period is read as its figure:
a period-named column is resolved once the period is known
(:func:`unionstats.read.forms.resolve_value_column`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from unionstats.periods import Period, find_periods

PRIOR = re.compile(r"cung ky|nam truoc|ky truoc|nam \d{4} truoc")
CURRENT = re.compile(r"so luong|so lieu|ky bao cao|thuc hien|ket qua|nam nay|ky nay")
OTHER = re.compile(r"ke hoach|chi tieu giao|ty le|so sanh|%|ghi chu|tang giam|chenh lech|dat duoc")
MEASURE = re.compile(r"^(?:don vi tinh|dvt|don vi)$")
NUMBERING = re.compile(r"^(?:tt|stt|so tt|so thu tu)$")
TOTAL = re.compile(r"^(?:tong cong|cong|toan cum|tong|tong so|toan tinh|cong toan cum|tong toan cum)$")


@dataclass(frozen=True)
class ColumnRole:
    """What a column holds: ``role`` is one of measure, numbering, current, prior, other,
    period (with ``period``), total, unit (with ``unit``) or unknown."""

    role: str
    period: Period | None = None
    unit: str = ""


def column_role(text: str, match_unit: Callable[[str], str | None] | None = None) -> ColumnRole:
    """The role of a column from its folded header ``text`` (see the module docstring).

    ``match_unit`` (the registry's unit matcher) lets a header name a unit; without it a
    unit's name is ``unknown``.
    """
    if MEASURE.match(text):
        return ColumnRole("measure")
    if NUMBERING.match(text):
        return ColumnRole("numbering")
    if OTHER.search(text):
        return ColumnRole("other")
    if TOTAL.match(text):
        return ColumnRole("total")
    if PRIOR.search(text):
        return ColumnRole("prior")
    periods = find_periods(text)
    if len(periods) == 1:
        return ColumnRole("period", period=next(iter(periods)))
    if periods:
        return ColumnRole("other")
    if CURRENT.search(text):
        return ColumnRole("current")
    unit = match_unit(text) if match_unit is not None else None
    return ColumnRole("unit", unit=unit) if unit else ColumnRole("unknown")


def is_header_word(text: str) -> bool:
    """True for a sub-header cell that says what its column holds (a period's or this
    period's figures, last year's)."""
    return bool(CURRENT.search(text) or PRIOR.search(text) or len(find_periods(text)) == 1)
