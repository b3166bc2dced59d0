"""A trend over several periods, as one answer: its table, its chart, and what is missing.

Stocks are shown at every cut-off date in the range; flows over full years only (six
months are never joined to twelve); merged units carry their predecessors' history. A
period in which some expected unit did not report is named in the notes and marked on the
chart, so that a dip is never mistaken for a fall.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from unionstats.analyse import analysis
from unionstats.analyse.derived import derived_totals
from unionstats.periods import parse_code, period_order
from unionstats.publish import charts
from unionstats.publish.tables import SCOPE_HEADER, needed_codes, select_units
from unionstats.reference import Registry


def incomplete_periods(
    values: pd.DataFrame, periods: list[str], registry: Registry, clusters: list[str] = ()
) -> dict[str, list[str]]:
    """Per period, the names of the expected units (of ``clusters``) that did not report."""
    missing: dict[str, list[str]] = {}
    for period in periods:
        current = parse_code(period)
        expected = set(registry.expected_units(current))
        if clusters:
            expected = {u for u in expected if registry.cluster_of(u, current.year) in clusters}
        reported = set(values[values["period"] == period]["unit_code"])
        absent = sorted(registry.unit_names.get(u, u) for u in expected - reported)
        if absent:
            missing[period] = absent
    return missing


def _series(restated, indicators, registry, start, end, by) -> pd.DataFrame:
    """The series of every indicator asked: totals, and ratios of sums for derived ones."""
    plain = [i for i in indicators if i not in registry.derived]
    frames = [analysis.trend(restated, plain, registry, by=by, start=start, end=end, like_for_like=False)]
    span = [
        p for p in sorted(set(restated["period"]), key=period_order) if period_order(start) <= period_order(p)
    ]
    span = [p for p in span if period_order(p) <= period_order(end)]
    for code in indicators:
        if code in registry.derived:
            ratio = registry.derived[code]
            with_flow = any(registry.catalogue[c].is_flow for c in (ratio.numerator, ratio.denominator))
            periods = [p for p in span if p.endswith("-FY")] if with_flow else span
            frames.append(derived_totals(restated, ratio, periods, by))
    return pd.concat([f for f in frames if not f.empty] or frames[:1], ignore_index=True)


def trend_report(
    values: pd.DataFrame,
    indicators: list[str],
    registry: Registry,
    start: str,
    end: str,
    by: str,
    out: Path,
    clusters: list[str] = (),
    units: list[str] = (),
) -> tuple[pd.DataFrame, list[str], list[Path]]:
    """The trend table (rows: scope × indicator; columns: periods in calendar order), its
    notes, and the chart written to ``out`` (PNG and SVG)."""
    from unionstats.publish.tables import check_request

    check_request(values, indicators, [start, end], registry)
    last = parse_code(end)
    restated = analysis.restate_units(
        values[values["indicator"].isin(needed_codes(indicators, registry))], registry, last
    )
    restated = select_units(restated, registry, list(clusters), list(units), last.year)
    series = _series(restated, indicators, registry, start, end, by)
    periods = sorted(series["period"].unique(), key=period_order)
    names = analysis.scope_names(registry, last.year)
    grid = series.pivot_table(index=["scope", "indicator"], columns="period", values="value").reindex(
        columns=periods
    )
    rows = []
    for (scope, indicator), figures in grid.iterrows():
        label, measure = registry.describe(indicator)
        row = {SCOPE_HEADER[by]: names.get(scope, scope), "Chỉ tiêu": label}
        row |= {"Mã": indicator, "Đơn vị tính": measure, **figures.to_dict()}
        rows.append(row)
    table = pd.DataFrame(rows)
    cluster_codes = sorted(set(restated["cluster_code"])) if clusters else []
    missing = incomplete_periods(values, periods, registry, cluster_codes)
    notes = [f"Kỳ {p}: thiếu báo cáo của {', '.join(n)}." for p, n in missing.items()]
    flows = [i for i in indicators if i in registry.catalogue and registry.catalogue[i].is_flow]
    if flows:
        notes.append("Chỉ tiêu phát sinh chỉ so theo năm (không nối số 6 tháng với số cả năm).")
    coverage = analysis.coverage(values, periods[-1], registry)
    figure = charts.trend_lines(series, indicators, registry, names, coverage, frozenset(missing))
    name = f"xu-huong_{'-'.join(indicators)}_{periods[0]}_{periods[-1]}_{by}"
    return table, notes, charts.save(figure, Path(out), name)
