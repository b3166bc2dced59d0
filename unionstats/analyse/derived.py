"""Derived indicators (``derived.csv``): ratios computed as a ratio of sums at every level.

A ratio of a cluster is Σ numerator / Σ denominator over its units, never a sum or a mean of
the units' ratios, and only over units that reported both parts (a unit that gave its
members but not its female members would otherwise pull the share down). Between two
periods, the ratio is compared on the units that reported both parts in both periods.
"""

from __future__ import annotations

import pandas as pd

from unionstats.analyse.analysis import totals
from unionstats.catalogue import Derived


def _with_both_parts(values: pd.DataFrame, ratio: Derived, periods: list[str]) -> pd.DataFrame:
    """Rows of the two parts, for the units that reported both in every period of ``periods``."""
    parts = values[
        values["indicator"].isin([ratio.numerator, ratio.denominator]) & values["period"].isin(periods)
    ]
    counts = parts[["unit_code", "indicator", "period"]].drop_duplicates().groupby("unit_code").size()
    complete = counts[counts == 2 * len(periods)].index
    return parts[parts["unit_code"].isin(complete)]


def _ratio(parts: pd.DataFrame, ratio: Derived, periods: list[str], by: str) -> pd.DataFrame:
    summed = totals(parts, periods, by).pivot_table(
        index=["period", "scope"], columns="indicator", values="value", aggfunc="first"
    )
    summed = summed.reindex(columns=[ratio.numerator, ratio.denominator])
    value = summed[ratio.numerator] / summed[ratio.denominator].where(summed[ratio.denominator] != 0)
    return (value * ratio.multiplier).rename("value").reset_index().assign(indicator=ratio.code)


def derived_totals(values: pd.DataFrame, ratio: Derived, periods: list[str], by: str) -> pd.DataFrame:
    """``period, scope, indicator, value``: the ratio per period, over the units that gave both parts."""
    frames = [_ratio(_with_both_parts(values, ratio, [p]), ratio, [p], by) for p in periods]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=["period", "scope", "value", "indicator"])
    return pd.concat(frames, ignore_index=True)


def derived_change(values: pd.DataFrame, ratio: Derived, before: str, after: str, by: str) -> pd.DataFrame:
    """``scope, indicator, change, change_pct, excluded``: the ratio compared on the same units."""
    both = _with_both_parts(values, ratio, [before, after])
    table = _ratio(both, ratio, [before, after], by).pivot_table(
        index="scope", columns="period", values="value"
    )
    table = table.reindex(columns=[before, after])
    change = table[after] - table[before]
    result = pd.DataFrame(
        {"change": change, "change_pct": change / table[before].where(table[before] != 0), "excluded": ""}
    )
    dropped = sorted(
        set(values[values["period"].isin([before, after])]["unit_code"]) - set(both["unit_code"])
    )
    if dropped:
        result["excluded"] = "chỉ so trên các đơn vị có đủ số liệu cả hai kỳ"
    return result.reset_index().assign(indicator=ratio.code)
