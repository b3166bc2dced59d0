"""Chart axes in Vietnamese formats: one precision per axis, money in one unit named on the axis.

A money axis is read in one unit, the largest its ticks reach ("tỷ đồng" or "triệu đồng"),
written once as the axis's label; its ticks are plain numbers in that unit ("1,35", "1,40"),
never "1,4 tỷ" beside "950 tr".
"""

from __future__ import annotations

from matplotlib.ticker import Formatter

from unionstats.formatting import fmt_fixed, fmt_number

MONEY_UNITS = ((1e9, "tỷ đồng"), (1e6, "triệu đồng"), (1, "đồng"))


def money_unit(largest: float) -> tuple[float, str]:
    """(divisor, name) of the unit an amount of ``largest`` đồng is read in."""
    for divisor, name in MONEY_UNITS:
        if abs(largest) >= divisor:
            return divisor, name
    return 1, "đồng"


class AxisValues(Formatter):
    """Tick labels in Vietnamese formats with one precision for the whole axis: as many
    decimals as it takes for no two ticks to read the same, the same number on every tick.
    On a money axis the ticks are numbers in one unit, which labels the axis."""

    def __init__(self, money: bool) -> None:
        self.money = money
        self.decimals = 0
        self.divisor = 1.0

    def set_locs(self, locs) -> None:
        super().set_locs(locs)
        if self.money and len(locs):
            self.divisor, unit = money_unit(max(abs(x) for x in locs))
            if self.axis is not None:
                self.axis.set_label_text(unit)
        for decimals in range(4):
            labels = [self._label(x, decimals) for x in locs]
            if len(set(labels)) == len(labels):
                self.decimals = decimals
                return
        self.decimals = 3

    def _label(self, value: float, decimals: int) -> str:
        value = value / self.divisor
        return fmt_fixed(value, decimals) if decimals else fmt_number(value)

    def __call__(self, value: float, position: int | None = None) -> str:
        return self._label(value, self.decimals)


def value_formatter(money: bool) -> AxisValues:
    return AxisValues(money)
