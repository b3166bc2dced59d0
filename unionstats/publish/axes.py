"""Chart axes in Vietnamese formats: one precision per axis, money in tỷ and triệu."""

from __future__ import annotations

from matplotlib.ticker import Formatter

from unionstats.formatting import fmt_fixed, fmt_number


def short_money(dong: float, decimals: int = 1) -> str:
    """Axis label for an amount in đồng: "3,5 tỷ", "295 tr", "850.000"."""
    if abs(dong) >= 1e9:
        return f"{fmt_fixed(dong / 1e9, decimals) if decimals else fmt_number(dong / 1e9)} tỷ"
    if abs(dong) >= 1e6:
        return f"{fmt_fixed(dong / 1e6, decimals) if decimals else fmt_number(dong / 1e6)} tr"
    return fmt_number(dong)


class AxisValues(Formatter):
    """Tick labels in Vietnamese formats with one precision for the whole axis: as many
    decimals as it takes for no two ticks to read the same ("1,35 tỷ", "1,40 tỷ", never
    "1,4 tỷ" twice), and the same number of decimals on every tick."""

    def __init__(self, money: bool) -> None:
        self.money = money
        self.decimals = 0

    def set_locs(self, locs) -> None:
        super().set_locs(locs)
        for decimals in range(4):
            labels = [self._label(x, decimals) for x in locs]
            if len(set(labels)) == len(labels):
                self.decimals = decimals
                return
        self.decimals = 3

    def _label(self, value: float, decimals: int) -> str:
        if self.money:
            return short_money(value, decimals)
        return fmt_fixed(value, decimals) if decimals else fmt_number(value)

    def __call__(self, value: float, position: int | None = None) -> str:
        return self._label(value, self.decimals)


def value_formatter(money: bool) -> AxisValues:
    return AxisValues(money)
