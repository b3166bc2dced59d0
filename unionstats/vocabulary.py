"""What a user types for a period, a unit, a cluster, an indicator or a severity: read the same
way by every command, with the same suggestions for a near miss.

Periods: ``2024-FY`` in any case and with any separator (``2024-fy``, ``2024 FY``,
``2024_h1``), and as people write them (``6T/2024``, ``6 tháng 2024``, ``năm 2024``, ``cả năm
2024``). A bare year asks "H1 or FY?" everywhere. Units and clusters: by code or by any of
their names, spelled with or without diacritics. Every refusal is one Vietnamese line that
says what exists, or what was probably meant.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from unionstats.errors import UsageError
from unionstats.periods import find_periods, parse_code, period_order
from unionstats.text import fold

if TYPE_CHECKING:  # the registry's module loads pandas: a command that needs none stays light
    from unionstats.reference import Registry

SEVERITY_WORDS = {
    "error": "error",
    "loi": "error",
    "warning": "warning",
    "canh bao": "warning",
    "info": "info",
    "thong tin": "info",
}
SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"}
_CODE = re.compile(r"\s*((?:19|20)\d\d)\s*[-_ /.]?\s*(h1|fy|9m|q[1-4])\s*", re.IGNORECASE)
_BARE_YEAR = re.compile(r"\s*((?:19|20)\d\d)\s*")
_HALF_YEAR = re.compile(r"\s*6\s*t(?:hang)?\s*[-/_. ]?\s*((?:19|20)\d\d)\s*")  # "6T/2024", as charts say it


def _hint(text: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(text, list(choices), n=3, cutoff=0.5)
    return f" Có phải: {', '.join(close)}?" if close else ""


def period(text: str, available: Iterable[str] | None = None) -> str:
    """The canonical code of the period ``text`` names (see the module docstring); with
    ``available``, it must be one of them.

    Raises
    ------
    UsageError
        For a bare year (asking H1 or FY), a text that names no period, or a period the store
        does not have; the message names what there is.
    """
    existing = sorted(set(available), key=period_order) if available is not None else None
    listed = f" Các kỳ có số liệu: {', '.join(existing)}." if existing else ""
    match = _CODE.fullmatch(text)
    half = _HALF_YEAR.fullmatch(fold(text))
    if match:
        code = f"{match.group(1)}-{match.group(2).upper()}"
    elif half:
        code = f"{half.group(1)}-H1"
    elif _BARE_YEAR.fullmatch(text):
        year = text.strip()
        options = [p for p in existing if p.startswith(year)] if existing is not None else []
        choices = " hoặc ".join(options or [f"{year}-H1", f"{year}-FY"])
        raise UsageError(
            f"Kỳ '{text}' chưa rõ: {choices}? (H1: 6 tháng đầu năm, FY: cả năm).{listed}",
            code="period_ambiguous",
        )
    else:
        found = find_periods(text)
        if len(found) != 1:
            raise UsageError(
                f"'{text}' không phải một kỳ (ví dụ 2024-FY, 2024-H1, 6T/2024, năm 2024)."
                f"{_hint(text.upper(), existing or [])}{listed}",
                code="unknown_period",
            )
        code = next(iter(found)).code
    if existing is not None and code not in existing:
        raise UsageError(
            f"Kho dữ liệu không có kỳ {code}.{_hint(code, existing)}{listed}", code="unknown_period"
        )
    parse_code(code)  # a code the rest of the package reads
    return code


def periods(texts: Iterable[str], available: Iterable[str] | None = None) -> list[str]:
    """:func:`period` for each of ``texts``."""
    existing = list(available) if available is not None else None
    return [period(text, existing) for text in texts]


def units(texts: Iterable[str], registry: Registry) -> list[str]:
    """The codes of the units ``texts`` name (code or any name), in the order named."""
    codes: list[str] = []
    for text in texts:
        code = text if text in registry.unit_names else registry.match_unit(text)
        if code is None:
            close = registry.closest_units(text)
            hint = f" Có phải: {', '.join(close)}?" if close else ""
            raise UsageError(
                f"Không có đơn vị '{text}'.{hint} Xem 'unionstats list units'.", code="unknown_unit"
            )
        if code not in codes:
            codes.append(code)
    return codes


def clusters(texts: Iterable[str], registry: Registry, year: int | None = None) -> list[str]:
    """The codes of the clusters ``texts`` name (code or name), of ``year`` when given."""
    table = registry.clusters if year is None else registry.clusters[registry.clusters["year"] == str(year)]
    names = dict(zip(table["cluster_code"], table["cluster_name"], strict=False))
    by_key = {fold(name): code for code, name in names.items()} | {fold(code): code for code in names}
    codes: list[str] = []
    for text in texts:
        code = by_key.get(fold(text))
        if code is None:
            when = f" năm {year}" if year is not None else ""
            listed = ", ".join(sorted(names))
            raise UsageError(
                f"Không có cụm '{text}'{when}.{_hint(fold(text), by_key)} Các cụm: {listed}.",
                code="unknown_cluster",
            )
        if code not in codes:
            codes.append(code)
    return codes


def indicators(codes: Iterable[str], registry: Registry) -> list[str]:
    """The indicator and ratio codes ``codes`` name (a ratio of ``derived.csv`` too)."""
    known = [*registry.catalogue.codes(), *registry.derived]
    found: list[str] = []
    for code in codes:
        wanted = code.strip().lower()
        if wanted not in known:
            raise UsageError(
                f"Không có chỉ tiêu '{code}'.{_hint(wanted, known)} Xem 'unionstats list indicators'.",
                code="unknown_indicator",
            )
        found.append(wanted)
    return found


def severities(texts: Iterable[str]) -> list[str]:
    """``error``/``lỗi``, ``warning``/``cảnh báo``, ``info``/``thông tin`` → the codes."""
    found = []
    for text in texts:
        severity = SEVERITY_WORDS.get(fold(text).replace("_", " "))
        if severity is None:
            raise UsageError(
                f"Mức '{text}' không có: chọn lỗi (error), cảnh báo (warning) hoặc thông tin (info).",
                code="usage",
            )
        found.append(severity)
    return found
