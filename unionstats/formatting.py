"""Vietnamese number formatting for everything a person reads (7.842 · 3,50 tỷ đồng · 12,5%).

Babel does the locale work; this module chooses precision and magnitude words, with one
rule everywhere: counts have no decimals; percentages one decimal, always shown ("97,0%"
next to "97,6%", "+0,4%" never "+0%"); money in tỷ two decimals and in triệu one, always
shown. Babel writes the minus sign as "-", and so does every table.
"""

from __future__ import annotations

import math

from babel.numbers import format_decimal, format_percent

LOCALE = "vi_VN"


def fmt_number(value: float | None, decimals: int = 0) -> str:
    """``7842 -> "7.842"``, ``3.5 -> "3,5"`` (with ``decimals=1``); None/NaN -> "–"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def fmt_fixed(value: float | None, decimals: int = 1) -> str:
    """Always ``decimals`` digits after the comma, so that a column of rates lines up:
    ``97.0 -> "97,0"`` next to ``97.6 -> "97,6"``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return format_decimal(value, format="#,##0." + "0" * decimals, locale=LOCALE)


def fmt_percent(ratio: float | None, decimals: int = 1) -> str:
    """``0.125 -> "12,5%"``; None/NaN -> "–"."""
    if ratio is None or (isinstance(ratio, float) and math.isnan(ratio)):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(ratio, format=pattern, locale=LOCALE)


def fmt_money(dong: float | None) -> str:
    """An amount in đồng the way reports say it: "295,4 triệu đồng", "3,5 tỷ đồng"."""
    if dong is None or (isinstance(dong, float) and math.isnan(dong)):
        return "–"
    if abs(dong) >= 1_000_000_000:
        return f"{fmt_fixed(dong / 1_000_000_000, 2)} tỷ đồng"
    if abs(dong) >= 1_000_000:
        return f"{fmt_fixed(dong / 1_000_000, 1)} triệu đồng"
    return f"{fmt_number(dong)} đồng"
