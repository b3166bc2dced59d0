"""Report periods: canonical codes and how to read them from folders, titles and filenames.

Canonical codes (``docs/methodology.md``): ``2022-H1`` (6 tháng đầu năm, to 31/5), ``2022-FY``
(cả năm, to 30/11), ``2022-9M``, ``2022-Q1`` … ``2022-Q4``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from unionstats.text import fold

PERIOD_TYPES = ("Q1", "H1", "Q2", "Q3", "9M", "Q4", "FY")
_CODE = re.compile(r"^(?P<year>(?:19|20)\d\d)-(?P<type>H1|FY|9M|Q[1-4])$")
_YEAR = r"((?:19|20)\d\d)"
# A date line such as "Đăk Tô, ngày 05 tháng 12 năm 2020" is not a period.
_DATE_LINE = re.compile(r"ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}")
_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# (pattern over folded text, period type); the first that matches wins, so the specific
# forms ("6 tháng đầu năm 2020") come before the general one ("năm 2020").
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (rf"\b{_YEAR}\s*[-_ ]\s*(h1|fy|9m|q[1-4])\b", "code"),
        (rf"\b(h1|fy|9m|q[1-4])\s*[-_ ]?\s*{_YEAR}\b", "code_reversed"),
        (rf"(?:tinh )?den (?:ngay )?31\s*[/.-]\s*0?5\s*[/.-]\s*{_YEAR}", "H1"),
        (rf"(?:tinh )?den (?:ngay )?30\s*[/.-]\s*11\s*[/.-]\s*{_YEAR}", "FY"),
        (rf"\b(?:so ket )?6\s*(?:thang|t)\s*(?:dau\s*)?(?:nam\s*)?[-_ ]?\s*{_YEAR}", "H1"),
        (rf"\b9\s*(?:thang|t)\s*(?:dau\s*)?(?:nam\s*)?[-_ ]?\s*{_YEAR}", "9M"),
        (rf"\bquy\s+(i{{1,3}}|iv|[1-4])\s*(?:nam\s*)?[-_ ]?\s*{_YEAR}", "quarter"),
        (rf"\b(?:tong ket |ca )?nam\s*[-_ ]?\s*{_YEAR}\b", "FY"),
    )
)


@dataclass(frozen=True, order=True)
class Period:
    """A report period: a year and a type (``H1``, ``FY``, ``9M``, ``Q1``…)."""

    year: int
    period_type: str

    @property
    def code(self) -> str:
        return f"{self.year}-{self.period_type}"

    def __str__(self) -> str:
        return self.code

    def sort_key(self) -> tuple[int, int]:
        return (self.year, PERIOD_TYPES.index(self.period_type))

    def same_period_last_year(self) -> Period:
        return Period(self.year - 1, self.period_type)

    @property
    def short_label(self) -> str:
        """The period as a chart's axis says it: "2024" (a year), "6T/2024", "9T/2024", "Q1/2024"."""
        shorts = {"FY": str(self.year), "H1": f"6T/{self.year}", "9M": f"9T/{self.year}"}
        return shorts.get(self.period_type, f"{self.period_type}/{self.year}")

    @property
    def label_vi(self) -> str:
        """Vietnamese name of the period, as a brief's title would say it."""
        names = {
            "H1": f"6 tháng đầu năm {self.year}",
            "FY": f"năm {self.year}",
            "9M": f"9 tháng năm {self.year}",
        }
        if self.period_type in names:
            return names[self.period_type]
        return f"quý {self.period_type[1]} năm {self.year}"


def spoken(code: str) -> str:
    """A period code as official text says it: "năm 2024", "6 tháng đầu năm 2024"; also the
    half-year an analysis derives ("2021-H2" = FY − H1 for flows: "6 tháng cuối năm 2021")."""
    if code.endswith("-H2") and code[:4].isdigit():
        return f"6 tháng cuối năm {code[:4]}"
    return parse_code(code).label_vi


def parse_code(code: str) -> Period:
    """Parse a canonical code such as ``2020-FY``; raise ValueError otherwise."""
    match = _CODE.match(str(code).strip().upper())
    if not match:
        raise ValueError(f"not a period code: {code!r}")
    return Period(int(match["year"]), match["type"])


def period_order(code: str) -> tuple[int, int]:
    """Sort key for period codes: ``sorted(codes, key=period_order)`` is chronological."""
    return parse_code(code).sort_key()


@lru_cache(maxsize=65536)
def find_periods(text: str) -> frozenset[Period]:
    """Return every period that ``text`` names (usually zero or one).

    Works on folder names ("2020-FY", "Nam 2020"), filenames ("DakTo_6T2020.xlsx") and
    titles ("Sơ kết 6 tháng đầu năm 2022", "(Tính đến 30/11/2020)").
    """
    folded = _DATE_LINE.sub(" ", fold(text))
    folded = re.sub(r"[_]+", " ", folded)
    found: set[Period] = set()
    for pattern, kind in _PATTERNS:
        for match in pattern.finditer(folded):
            if kind == "code":
                found.add(Period(int(match[1]), match[2].upper()))
            elif kind == "code_reversed":
                found.add(Period(int(match[2]), match[1].upper()))
            elif kind == "quarter":
                found.add(Period(int(match[2]), f"Q{_ROMAN_QUARTERS[match[1]]}"))
            else:
                found.add(Period(int(match[1]), kind))
        if found:
            # The specific forms win: "6 tháng đầu năm 2020" also contains "năm 2020".
            return frozenset(found)
    return frozenset(found)
