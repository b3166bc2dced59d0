"""The indicator catalogue (``data/reference/indicators.csv``) as typed, frozen objects.

Every fact about an indicator (its label, unit of measure, stock or flow, money, rating,
annual only, female partner, the wordings forms use for it) is read from the CSV here and
nowhere else: code that needs "is this money?" asks the :class:`Indicator`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pandas as pd

MONEY_MEASURE = "đồng"
RATING_SECTION = "xep_loai"
KINDS = ("stock", "flow")


@dataclass(frozen=True)
class Indicator:
    """One indicator of the catalogue.

    ``kind`` is ``stock`` (a level at the cut-off date, never summed across periods) or
    ``flow`` (a count over the period, never compared across period types).
    """

    code: str
    label: str
    measure: str
    kind: str
    fy_only: bool = False
    section: str = ""
    female_code: str = ""
    amount_code: str = ""  # the money partner of a count ("visits" -> "visits_amount")
    short_label: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def money(self) -> bool:
        """True for amounts in đồng (read with magnitude words, shown as triệu/tỷ đồng)."""
        return self.measure == MONEY_MEASURE

    @property
    def whole(self) -> bool:
        """True for counts, which must be whole numbers."""
        return not self.money

    @property
    def rating(self) -> bool:
        """True for the four year-end ratings of CĐCS (xếp loại)."""
        return self.section == RATING_SECTION

    @property
    def is_flow(self) -> bool:
        return self.kind == "flow"

    @property
    def display_label(self) -> str:
        """The short label where the catalogue gives one (table headers, legends)."""
        return self.short_label or self.label


class Catalogue(Mapping[str, Indicator]):
    """The indicators in the CSV's order, by code.

    ``wording`` is the word list of ``wording.csv``: (phrase, what it means) pairs that label
    matching by likeness reads as the same ("hỗ trợ" as "trợ cấp"), or ignores when the
    meaning is empty ("hiện có").
    """

    def __init__(self, indicators: list[Indicator], wording: tuple[tuple[str, str], ...] = ()) -> None:
        self._by_code = {indicator.code: indicator for indicator in indicators}
        self.wording = wording

    def __getitem__(self, code: str) -> Indicator:
        return self._by_code[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_code)

    def __len__(self) -> int:
        return len(self._by_code)

    def label(self, code: str) -> str:
        """The Vietnamese label of ``code`` (the code itself if it is not in the catalogue)."""
        indicator = self._by_code.get(code)
        return indicator.label if indicator else code

    def labels(self) -> dict[str, str]:
        return {code: indicator.label for code, indicator in self._by_code.items()}

    def codes(self, *, kind: str | None = None, money: bool | None = None) -> list[str]:
        """Codes filtered by ``kind`` and/or ``money``, in catalogue order."""
        return [
            code
            for code, indicator in self._by_code.items()
            if (kind is None or indicator.kind == kind) and (money is None or indicator.money == money)
        ]

    @property
    def ratings(self) -> list[Indicator]:
        """The rating indicators, best first (catalogue order)."""
        return [indicator for indicator in self._by_code.values() if indicator.rating]

    def is_money(self, code: str) -> bool:
        indicator = self._by_code.get(code)
        return bool(indicator and indicator.money)


def catalogue_from_frame(frame: pd.DataFrame, wording: tuple[tuple[str, str], ...] = ()) -> Catalogue:
    """Build the catalogue from the text columns of ``indicators.csv`` (and ``wording.csv``)."""
    indicators = []
    for row in frame.to_dict("records"):
        aliases = tuple(a.strip() for a in str(row.get("aliases", "")).split("|") if a.strip())
        indicators.append(
            Indicator(
                code=row["code"],
                label=row["label_vi"],
                measure=row["measure"],
                kind=row["kind"],
                fy_only=row.get("fy_only", "") == "1",
                section=row.get("section", ""),
                female_code=row.get("female_code", ""),
                amount_code=row.get("amount_code", ""),
                short_label=row.get("short_label", ""),
                aliases=aliases,
            )
        )
    return Catalogue(indicators, wording)


@dataclass(frozen=True)
class Derived:
    """A ratio defined in ``derived.csv``: numerator / denominator × multiplier.

    It is computed at every level as a ratio of sums (never a sum or mean of ratios).
    """

    code: str
    label: str
    numerator: str
    denominator: str
    multiplier: float
    measure: str


def derived_from_frame(frame: pd.DataFrame, catalogue: Catalogue) -> dict[str, Derived]:
    """The derived indicators of ``derived.csv``; components must be catalogue codes."""
    from unionstats.errors import ReferenceDataError

    derived: dict[str, Derived] = {}
    for index, row in enumerate(frame.to_dict("records")):
        line = index + 2
        unknown = [row[c] for c in ("numerator", "denominator") if row[c] not in catalogue]
        problem = ""
        if unknown:
            problem = f"'{unknown[0]}' không phải mã chỉ tiêu trong indicators.csv"
        elif row["code"] in catalogue or row["code"] in derived:
            problem = f"mã '{row['code']}' đã có"
        try:
            multiplier = float(row["multiplier"] or 1)
        except ValueError:
            problem = problem or f"multiplier = '{row['multiplier']}' không phải số"
        if problem:
            raise ReferenceDataError(
                f"derived.csv dòng {line}: {problem}.", file="derived.csv", cell=f"dòng {line}"
            )
        derived[row["code"]] = Derived(
            row["code"], row["label_vi"], row["numerator"], row["denominator"], multiplier, row["measure"]
        )
    return derived
