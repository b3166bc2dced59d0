"""Changes between periods, like for like: the one function every output calls.

A change between two periods is computed on the units that reported the indicator in
both (after restating merged units through ``lineage.csv``); a unit that reported in only
one of them is left out of both sides and named (:attr:`excluded`), so that "Cụm 1 tăng
15,1%" can never come from a unit that simply had not submitted the year before. The
current total is still the total of every unit that reported (``value``); ``change`` and
``change_pct`` are between ``matched_value`` and ``base_value``.

Output columns: ``period, scope, indicator, value, base_period, base_value, matched_value,
change, change_pct, n_units, excluded`` (``excluded``: Vietnamese text naming the units
left out and why, empty when the comparison covers every unit).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from unionstats.analyse.analysis import PROVINCE, derive_h2, kind_of, restate_units, scope_column, totals
from unionstats.errors import UsageError
from unionstats.periods import parse_code, spoken
from unionstats.reference import Registry


def base_period(period: str, against: str, indicator_kind: str) -> str:
    """The period a figure is compared with.

    ``last_year``: the same period a year earlier. ``previous``: for a stock, the
    preceding cut-off date (FY after H1, H1 after the previous FY); for a flow, the previous
    half-year of the same length (H1 after the previous year's H2; FY after the previous FY).
    """
    current = parse_code(period)
    if against == "last_year":
        return current.same_period_last_year().code
    if against != "previous":
        raise UsageError(f"so sánh với '{against}' không hỗ trợ; dùng last_year hoặc previous.")
    if current.period_type not in ("H1", "FY"):
        return current.same_period_last_year().code
    if indicator_kind == "stock":
        return f"{current.year}-H1" if current.period_type == "FY" else f"{current.year - 1}-FY"
    return f"{current.year - 1}-H2" if current.period_type == "H1" else f"{current.year - 1}-FY"


def _scoped(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    column = scope_column(by)
    return frame.assign(scope=PROVINCE if not column else frame[column])


def pair_change(
    restated: pd.DataFrame, before: str, after: str, registry: Registry, by: str = "province"
) -> pd.DataFrame:
    """``after`` against ``before`` on the units that reported each indicator in both.

    ``restated`` are values already restated to one as-of period (:func:`restate_units`).
    Returns ``scope, indicator, base_value, matched_value, change, change_pct, excluded``.
    """
    rows = _scoped(restated[restated["period"].isin([before, after])], by)
    keys = rows[["unit_code", "indicator", "period"]].drop_duplicates()
    count = keys.groupby(["unit_code", "indicator"])["period"].transform("size")
    both = keys[count == 2][["unit_code", "indicator"]].drop_duplicates()
    matched = rows.merge(both, on=["unit_code", "indicator"], how="inner")
    sums = matched.groupby(["scope", "indicator", "period"])["value"].sum().unstack("period")
    sums = sums.reindex(columns=[before, after])
    table = pd.DataFrame(
        {"base_value": sums[before], "matched_value": sums[after]}, index=sums.index
    ).reset_index()
    table["change"] = table["matched_value"] - table["base_value"]
    table["change_pct"] = table["change"] / table["base_value"].where(table["base_value"] != 0)
    excluded = _excluded(rows, both, before, after, registry)
    table["excluded"] = [
        excluded.get((s, i), "") for s, i in zip(table["scope"], table["indicator"], strict=True)
    ]
    missing = excluded.keys() - set(zip(table["scope"], table["indicator"], strict=True))
    if missing:  # a scope whose units all reported in one period only: nothing comparable
        extra = pd.DataFrame(
            [{"scope": s, "indicator": i, "excluded": excluded[(s, i)]} for s, i in sorted(missing)]
        )
        table = pd.concat([table, extra], ignore_index=True)
    return table


def _excluded(
    rows: pd.DataFrame, both: pd.DataFrame, before: str, after: str, registry: Registry
) -> dict[tuple[str, str], str]:
    """Per (scope, indicator), the units in one period only:
    "không tính Kon Plông (chưa có số liệu 6 tháng đầu năm 2023)"."""
    present = rows[["scope", "unit_code", "indicator", "period"]].drop_duplicates()
    marked = present.merge(both.assign(_both=True), on=["unit_code", "indicator"], how="left")
    alone = marked[marked["_both"].isna()]
    texts: dict[tuple[str, str], str] = {}
    for (scope, indicator), group in alone.groupby(["scope", "indicator"]):
        parts = []
        for unit, period in sorted(zip(group["unit_code"], group["period"], strict=True)):
            missing_in = after if period == before else before
            parts.append(f"{registry.unit_names.get(unit, unit)} (chưa có số liệu {spoken(missing_in)})")
        texts[(scope, indicator)] = "không tính " + ", ".join(parts)
    return texts


def compare(
    values: pd.DataFrame,
    period: str,
    registry: Registry,
    *,
    by: str = "province",
    against: str = "last_year",
    indicators: Iterable[str] | None = None,
    matched: bool = True,
) -> pd.DataFrame:
    """Each indicator of ``period`` with its base period's figure and the like-for-like change.

    Units are restated (merged units carry their predecessors' history); with ``matched``
    (the default) the change covers only the units that reported the indicator in both
    periods, and the others are named in ``excluded``. ``matched=False`` gives the raw totals
    of each period, for those who want them. See the module docstring for the columns.
    """
    current = parse_code(period)
    restated = restate_units(values, registry, current)
    if indicators is not None:
        restated = restated[restated["indicator"].isin(set(indicators))]
    now = totals(restated, [period], by)
    now = now[now["indicator"].isin(list(registry.catalogue))]
    bases = {ind: base_period(period, against, kind_of(ind, registry)) for ind in now["indicator"].unique()}
    now["base_period"] = now["indicator"].map(bases)
    parts = []
    for base, group in now.groupby("base_period", sort=False):
        if base.endswith("-H2"):
            parts.append(_against_h2(group, restated, period, base, registry, by))
        elif matched:
            change = pair_change(
                restated[restated["indicator"].isin(group["indicator"])], base, period, registry, by
            )
            parts.append(group.merge(change, on=["scope", "indicator"], how="left"))
        else:
            raw = totals(restated, [base], by)[["scope", "indicator", "value"]].rename(
                columns={"value": "base_value"}
            )
            part = group.merge(raw, on=["scope", "indicator"], how="left")
            parts.append(part.assign(matched_value=part["value"], excluded=""))
    result = pd.concat(parts, ignore_index=True) if parts else now.assign(base_value=np.nan)
    result["matched_value"] = result["matched_value"].fillna(result["value"]) if len(result) else np.nan
    result["change"] = result["matched_value"] - result["base_value"]
    result["change_pct"] = result["change"] / result["base_value"].where(result["base_value"] != 0)
    result["excluded"] = result["excluded"].fillna("") if "excluded" in result else ""
    columns = ["period", "scope", "indicator", "value", "base_period", "base_value", "matched_value"]
    return result[[*columns, "change", "change_pct", "n_units", "excluded"]]


def _against_h2(
    group: pd.DataFrame, restated: pd.DataFrame, period: str, base: str, registry: Registry, by: str
) -> pd.DataFrame:
    """A flow's H1 against the previous year's H2 (= FY − H1), on the units reporting now."""
    year = base[:4]
    reporting = restated[restated["period"] == period][["unit_code", "indicator"]].drop_duplicates()
    mine = restated.merge(reporting, on=["unit_code", "indicator"], how="inner")
    source = totals(mine, [f"{year}-H1", f"{year}-FY"], by)
    h2 = derive_h2(source, registry)[["scope", "indicator", "value"]].rename(columns={"value": "base_value"})
    merged = group.merge(h2, on=["scope", "indicator"], how="left")
    return merged.assign(matched_value=merged["value"], excluded="")
