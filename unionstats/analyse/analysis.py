"""Store -> tables: totals, comparisons, rates, cluster comparison, rankings and trends.

Pure functions over the tidy store (the ``values.parquet`` columns, ``docs/architecture.md``). The
rules of this domain are enforced here, once:

* a **stock** (level at the cut-off date) is never summed across periods: every total is
  per period;
* a **flow** is never compared across period types (H1 with FY): the same period last year
  is compared, or H1 with the previous year's H2, derived as FY − H1 for flows only;
* a unit formed by a **merge** is compared like for like: its base-period figures are the
  sum of its predecessors' (``lineage.csv``), and clusters are taken as of the current year.

Output tables use these columns: ``period``, ``scope`` (``province``, a cluster code or a
unit code), ``indicator``, ``value``; comparisons add ``base_period``, ``base_value``,
``change``, ``change_pct``.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from unionstats.errors import UsageError
from unionstats.periods import Period, parse_code, period_order
from unionstats.reference import Registry

SCOPES = ("province", "cluster", "unit")
PROVINCE = "province"


def kind_of(indicator: str, registry: Registry) -> str:
    """``stock`` or ``flow`` (catalogue)."""
    return registry.catalogue[indicator].kind


def scope_column(by: str) -> str:
    if by not in SCOPES:
        raise UsageError(f"--by phải là một trong {', '.join(SCOPES)} (nhận được '{by}').", code="usage")
    return {"province": "", "cluster": "cluster_code", "unit": "unit_code"}[by]


def totals(values: pd.DataFrame, periods: Iterable[str] | None = None, by: str = "province") -> pd.DataFrame:
    """Sum the units' figures within each period, at province, cluster or unit level.

    Returns ``period, scope, indicator, value, n_units`` (``n_units``: units that reported
    that indicator). Never sums across periods: each row is one period.
    """
    column = scope_column(by)
    frame = values if periods is None else values[values["period"].isin(list(periods))]
    frame = frame.assign(scope=PROVINCE) if not column else frame.assign(scope=frame[column])
    grouped = frame.groupby(["period", "scope", "indicator"], sort=False).agg(
        value=("value", "sum"), n_units=("unit_code", "nunique")
    )
    result = grouped.reset_index()
    return sort_by_period(result)


def sort_by_period(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return frame.reset_index(drop=True)
    order = frame["period"].map(lambda p: period_order(p) if not p.endswith("-H2") else (int(p[:4]), 5))
    return (
        frame.assign(_order=order)
        .sort_values(["_order", "scope", "indicator"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def to_wide(frame: pd.DataFrame, column: str = "value") -> pd.DataFrame:
    """One row per (period, scope), one column per indicator."""
    return frame.pivot_table(index=["period", "scope"], columns="indicator", values=column, aggfunc="first")


def derive_h2(frame: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """H2 = FY − H1 of the same year and scope, for flows only (``period`` = ``YYYY-H2``).

    ``frame`` has ``period, scope, indicator, value`` (a :func:`totals` result or values
    with ``scope``). Stocks are left out: a level at 30/11 minus a level at 31/5 is not a
    half-year's count.
    """
    flows = registry.catalogue.codes(kind="flow")
    frame = frame[frame["indicator"].isin(flows)]
    types = frame["period"].str[5:]
    keyed = frame.assign(year=frame["period"].str[:4]).set_index(["year", "scope", "indicator"])["value"]
    h1 = keyed[(types == "H1").to_numpy()]
    fy = keyed[(types == "FY").to_numpy()]
    both = fy.index.intersection(h1.index)
    h2 = (fy.loc[both] - h1.loc[both]).rename("value").reset_index()
    h2["period"] = h2["year"] + "-H2"
    return sort_by_period(h2.drop(columns="year")[["period", "scope", "indicator", "value"]])


def restate_units(values: pd.DataFrame, registry: Registry, as_of: Period) -> pd.DataFrame:
    """Re-label earlier periods' units as their successors (``lineage.csv``) as of ``as_of``.

    A unit formed by a merge is then compared with the sum of its predecessors; the
    cluster of every row becomes the unit's cluster in ``as_of``'s year, so that a cluster
    is compared like for like with its current membership.
    """
    mapping: dict[str, str] = {}
    for row in registry.lineage.itertuples(index=False):
        if parse_code(row.effective).sort_key() <= as_of.sort_key():
            mapping[row.from_unit] = row.to_unit
    changed = values.copy()
    earlier = changed["period"].map(lambda p: period_order(p) < as_of.sort_key())
    changed.loc[earlier, "unit_code"] = changed.loc[earlier, "unit_code"].map(lambda u: mapping.get(u, u))
    changed["cluster_code"] = changed["unit_code"].map(lambda u: registry.cluster_of(u, as_of.year))
    changed["unit_name"] = changed["unit_code"].map(lambda u: registry.unit_names.get(u, u))
    return changed


def restrict_to_cluster(values: pd.DataFrame, registry: Registry, cluster: str, period: str) -> pd.DataFrame:
    """The values of the units in ``cluster`` as of ``period``'s year, with their whole history.

    A unit's earlier figures are kept even if it was then in another cluster, and so are
    its predecessors' (``lineage.csv``): comparisons stay like for like.
    """
    current = parse_code(period)
    restated = restate_units(values, registry, current)
    return values[(restated["cluster_code"] == cluster).to_numpy()]


def rates(wide: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """Add the ratios of ``derived.csv`` as columns of a wide table (one row per scope)."""
    result = wide.copy()
    for code, ratio in registry.derived.items():
        top, bottom = ratio.numerator, ratio.denominator
        if top in result and bottom in result:
            result[code] = result[top] / result[bottom].where(result[bottom] != 0) * ratio.multiplier
    return result


def scope_rates(values: pd.DataFrame, period: str, by: str, registry: Registry) -> pd.DataFrame:
    """The ratios of ``derived.csv`` per scope, each a ratio of sums over the units that
    reported both parts (a unit without its workers never pulls a cluster's rate down).
    One row per scope; at unit level this equals :func:`rates`."""
    mine = values[values["period"] == period]
    columns = {}
    for code, ratio in registry.derived.items():
        top, bottom = ratio.numerator, ratio.denominator
        parts = mine[mine["indicator"].isin([top, bottom])]
        both = parts.groupby("unit_code")["indicator"].nunique()
        parts = parts[parts["unit_code"].isin(both[both == 2].index)]
        if parts.empty:
            continue
        sums = totals(parts, [period], by).pivot_table(index="scope", columns="indicator", values="value")
        columns[code] = sums[top] / sums[bottom].where(sums[bottom] != 0) * ratio.multiplier
    return pd.DataFrame(columns)


def achievement(values: pd.DataFrame, targets: pd.DataFrame, period: str, by: str = "unit") -> pd.DataFrame:
    """Actual against target (chỉ tiêu giao) for a full-year period.

    Returns ``scope, indicator, actual, target, achievement`` (1.044 reads "đạt 104,4%").
    Units without a target are left out of the sums on both sides.
    """
    current = parse_code(period)
    if current.period_type != "FY":
        raise UsageError(f"Chỉ tiêu giao là chỉ tiêu năm: chỉ so được với kỳ cả năm, không với {period}.")
    year_targets = targets[targets["year"] == current.year]
    mine = values[(values["period"] == period) & values["indicator"].isin(set(year_targets["indicator"]))]
    merged = mine.merge(year_targets, on=["unit_code", "indicator"], how="inner")
    column = scope_column(by)
    merged = merged.assign(scope=merged[column] if column else PROVINCE)
    result = merged.groupby(["scope", "indicator"]).agg(actual=("value", "sum"), target=("target", "sum"))
    result = result.reset_index()
    result["achievement"] = result["actual"] / result["target"].where(result["target"] != 0)
    return result


def coverage(
    values: pd.DataFrame, period: str, registry: Registry, cluster: str | None = None
) -> tuple[int, int]:
    """(units that reported, units expected) for ``period``, optionally within one cluster."""
    current = parse_code(period)
    expected = set(registry.expected_units(current))
    if cluster:
        expected = {u for u in expected if registry.cluster_of(u, current.year) == cluster}
    reported = set(values[values["period"] == period]["unit_code"]) & expected
    return len(reported), len(expected)


def cluster_names(registry: Registry, year: int) -> dict[str, str]:
    clusters = registry.clusters[registry.clusters["year"].astype(int) == year]
    return dict(zip(clusters["cluster_code"], clusters["cluster_name"], strict=False))


def scope_names(registry: Registry, year: int) -> dict[str, str]:
    """Display names of every scope: "Toàn tỉnh", cluster names of ``year``, unit names."""
    return {PROVINCE: "Toàn tỉnh", **cluster_names(registry, year), **registry.unit_names}


def cluster_comparison(
    values: pd.DataFrame,
    period: str,
    registry: Registry,
    indicators: Iterable[str] = ("cdcs", "workers", "members", "members_new"),
) -> pd.DataFrame:
    """Each cluster's totals, its share of the province, and the rates, for ``period``.

    Returns one row per cluster: ``cluster_code, cluster_name, n_units, <indicator>…,
    <indicator>_share…, <rate>…``.
    """
    indicators = list(indicators)
    wide = to_wide(totals(values, [period], "cluster")).droplevel("period")
    province = to_wide(totals(values, [period], "province")).droplevel("period").iloc[0]
    table = wide.join(scope_rates(values, period, "cluster", registry))
    for indicator in indicators:
        if indicator in table:
            table[f"{indicator}_share"] = table[indicator] / province.get(indicator, np.nan)
    year = parse_code(period).year
    counts = values[values["period"] == period].groupby("cluster_code")["unit_code"].nunique()
    table.insert(0, "n_units", counts.reindex(table.index).fillna(0).astype(int))
    table.insert(0, "cluster_name", [cluster_names(registry, year).get(c, c) for c in table.index])
    table.index.name = "cluster_code"
    return table.reset_index()


def unit_criteria(
    values: pd.DataFrame, period: str, targets: pd.DataFrame | None, registry: Registry
) -> pd.DataFrame:
    """Per unit, every criterion the ranking can use (the ratios of ``derived.csv``, and
    target achievement in FY)."""
    wide = rates(to_wide(totals(values, [period], "unit")).droplevel("period"), registry)
    if targets is not None and parse_code(period).period_type == "FY":
        done = achievement(values, targets, period, "unit")
        done = done[done["indicator"] == "members_new"].set_index("scope")["achievement"]
        wide["members_new_achievement"] = done.reindex(wide.index)
    return wide


def ranking(
    values: pd.DataFrame,
    period: str,
    registry: Registry,
    scoring: pd.DataFrame,
    targets: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Rank the units within each cluster by the weighted criteria of ``scoring.csv``.

    Each criterion is turned into a percentile rank within the cluster (0–1, ties share),
    the score is the weighted mean over the criteria available for the period (ratings and
    targets exist only in FY), and rank 1 is the leading unit ("đơn vị dẫn đầu").
    Returns ``cluster_code, unit_code, unit_name, <criterion>…, score, rank, leading``.
    """
    criteria = unit_criteria(values, period, targets, registry)
    year = parse_code(period).year
    criteria["cluster_code"] = [registry.cluster_of(u, year) for u in criteria.index]
    usable = [
        row
        for row in scoring.itertuples(index=False)
        if row.criterion in criteria and criteria[row.criterion].notna().any()
    ]
    if not usable:
        raise UsageError(f"Không có tiêu chí nào của scoring.csv tính được cho kỳ {period}.")
    parts = []
    for _, group in criteria.groupby("cluster_code"):
        scores = pd.Series(0.0, index=group.index)
        weights = pd.Series(0.0, index=group.index)
        for row in usable:
            normalised = group[row.criterion].rank(pct=True, method="average")
            present = normalised.notna()
            scores[present] += row.weight * normalised[present]
            weights[present] += row.weight
        group = group.assign(score=scores / weights.where(weights > 0))
        group["rank"] = group["score"].rank(ascending=False, method="min").astype("Int64")
        parts.append(group)
    table = pd.concat(parts)
    table["leading"] = table["rank"] == 1
    table["unit_name"] = [registry.unit_names.get(u, u) for u in table.index]
    table.index.name = "unit_code"
    columns = ["cluster_code", "unit_name", *[row.criterion for row in usable], "score", "rank", "leading"]
    return (
        table.reset_index()[["unit_code", *columns]]
        .sort_values(["cluster_code", "rank", "unit_code"], kind="stable")
        .reset_index(drop=True)
    )


def trend(
    values: pd.DataFrame,
    indicators: Iterable[str],
    registry: Registry,
    *,
    by: str = "province",
    period_type: str | None = None,
    start: str | None = None,
    end: str | None = None,
    like_for_like: bool = True,
) -> pd.DataFrame:
    """Multi-year series of ``indicators`` (one row per period, scope and indicator).

    ``period_type`` keeps one type of period ("FY", "H1"). Without it, stocks keep every
    period (levels at successive cut-off dates) but flows keep full years only: a line
    through H1 and FY counts would compare six months with twelve.

    With ``like_for_like`` units are restated to their latest successors and clusters taken
    as of the last period, so that a merge or a re-formed cluster does not break the line.
    """
    indicators = list(indicators)
    frame = values[values["indicator"].isin(indicators)]
    if period_type:
        frame = frame[frame["period"].str.endswith(f"-{period_type}")]
    else:
        flows = set(registry.catalogue.codes(kind="flow"))
        frame = frame[~frame["indicator"].isin(flows) | frame["period"].str.endswith("-FY")]
    if start:
        frame = frame[frame["period"].map(period_order) >= period_order(start)]
    if end:
        frame = frame[frame["period"].map(period_order) <= period_order(end)]
    if frame.empty:
        return totals(frame, by=by)
    if like_for_like:
        last = max(frame["period"], key=period_order)
        frame = restate_units(frame, registry, parse_code(last))
    return totals(frame, by=by)
