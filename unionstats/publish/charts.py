"""Tables -> charts: one consistent look, Vietnamese text, Vietnamese number formats.

Every chart is drawn inside a style context (no global matplotlib state is changed):
seaborn's white grid, DejaVu Sans (it has every Vietnamese letter; monospace fonts do
not), Babel-formatted ticks (7.842 · 3,5 tỷ · 12,5%), a Vietnamese title and axis labels,
and a source line under it ("Nguồn: báo cáo của 14/14 đơn vị, kỳ 2020-FY"). :func:`save`
writes PNG and SVG under ``figures/`` with stable names.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from unionstats.analyse import analysis, comparison
from unionstats.atomic import write_file
from unionstats.errors import UsageError
from unionstats.file_names import safe_name
from unionstats.formatting import fmt_money, fmt_number, fmt_percent
from unionstats.periods import parse_code, period_order, spoken
from unionstats.publish.axes import value_formatter
from unionstats.reference import Registry

FONT = "DejaVu Sans"
PALETTE = ["#1f5f8b", "#e07b39", "#3a9a5b", "#b03a48", "#7d5ba6", "#8c8c8c"]
RATING_COLOURS = ("#1f5f8b", "#3a9a5b", "#e0b339", "#b03a48")  # the catalogue's ratings, best first


def style() -> dict[str, object]:
    """The rc parameters of every chart (used in a context, never set globally)."""
    return {
        **sns.axes_style("whitegrid"),
        "font.family": FONT,
        "font.sans-serif": [FONT],
        "axes.titlesize": 13,
        "axes.titleweight": "bold",
        "axes.labelsize": 10,
        "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "svg.fonttype": "none",
    }


PERCENT_FORMATTER = FuncFormatter(lambda x, _: fmt_percent(x, 0))


def source_line(figure: Figure, submitted: int, expected: int, period: str, right: float = 1) -> None:
    """Write the source under the chart ("Nguồn: báo cáo của 13/14 đơn vị…") and lay it out."""
    figure.text(
        0.01,
        0.005,
        f"Nguồn: báo cáo của {submitted}/{expected} đơn vị, {spoken(period)}.",
        fontsize=8,
        color="#555555",
        ha="left",
        va="bottom",
    )
    figure.tight_layout(rect=(0, 0.04, right, 0.95 if figure.get_suptitle() else 1))


def save(figure: Figure, folder: Path, name: str) -> list[Path]:
    """Write ``name``.png and ``name``.svg under ``folder``; close the figure."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    with plt.rc_context(style()):
        for suffix in ("png", "svg"):
            path = folder / f"{safe_name(name)}.{suffix}"
            write_file(
                path, lambda target, kind=suffix: figure.savefig(target, format=kind, bbox_inches="tight")
            )
            paths.append(path)
    plt.close(figure)
    return paths


def _wrap(text: str, width: int = 16) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _label(registry: Registry, indicator: str) -> str:
    return (
        registry.describe(indicator)[0]
        if indicator in registry.derived
        else registry.catalogue.label(indicator)
    )


def _money(registry: Registry, indicator: str) -> bool:
    return registry.catalogue.is_money(indicator)


def cluster_bars(
    table: pd.DataFrame, indicator: str, period: str, registry: Registry, coverage: tuple[int, int]
) -> Figure:
    """Horizontal bars: each cluster's total of ``indicator`` (a cluster_comparison table)."""
    with plt.rc_context(style()):
        figure, axis = plt.subplots(figsize=(8, 0.7 * len(table) + 1.8))
        ordered = table.sort_values(indicator)
        bars = axis.barh(ordered["cluster_name"], ordered[indicator], color=PALETTE[0])
        axis.bar_label(
            bars,
            labels=[
                fmt_money(v) if _money(registry, indicator) else fmt_number(v) for v in ordered[indicator]
            ],
            padding=3,
            fontsize=9,
        )
        axis.xaxis.set_major_formatter(value_formatter(_money(registry, indicator)))
        axis.set_title(f"{_label(registry, indicator)} theo cụm thi đua, {spoken(period)}", loc="left")
        axis.set_xlabel(registry.catalogue[indicator].measure)  # a money axis names its unit itself
        axis.set_ylabel("")
        axis.margins(x=0.15)
        source_line(figure, *coverage, period)
    return figure


def yoy_bars(
    comparison: pd.DataFrame,
    indicator: str,
    registry: Registry,
    names: dict[str, str],
    coverage: tuple[int, int],
) -> Figure:
    """Grouped bars: ``indicator`` in the base period and now, per scope, with the % change."""
    rows = comparison[comparison["indicator"] == indicator].sort_values("scope")
    if rows.empty:
        raise UsageError(f"Không có số liệu '{indicator}' để vẽ so sánh cùng kỳ.")
    period, base = rows["period"].iloc[0], rows["base_period"].iloc[0]
    same = " (cùng đơn vị)" if (rows["excluded"] != "").any() else ""  # both bars over the same units
    with plt.rc_context(style()):
        figure, axis = plt.subplots(figsize=(max(6, 1.4 * len(rows) + 2), 4.5))
        x = np.arange(len(rows))
        axis.bar(x - 0.2, rows["base_value"], 0.4, label=f"{spoken(base)}{same}", color=PALETTE[5])
        now = rows["matched_value"]
        bars = axis.bar(x + 0.2, now, 0.4, label=f"{spoken(period)}{same}", color=PALETTE[0])
        axis.bar_label(
            bars,
            labels=[
                ("+" if c > 0 else "") + fmt_percent(c) if pd.notna(c) else "" for c in rows["change_pct"]
            ],
            padding=3,
            fontsize=9,
        )
        axis.set_xticks(x, [_wrap(names.get(s, s)) for s in rows["scope"]], fontsize=9)
        axis.yaxis.set_major_formatter(value_formatter(_money(registry, indicator)))
        axis.set_title(f"{_label(registry, indicator)}: {spoken(period)} so với {spoken(base)}", loc="left")
        axis.set_ylabel(registry.catalogue[indicator].measure)
        axis.legend(frameon=False)
        axis.margins(y=0.15)
        source_line(figure, *coverage, period)
    return figure


def trend_lines(
    series: pd.DataFrame,
    indicators: Sequence[str],
    registry: Registry,
    names: dict[str, str],
    coverage: tuple[int, int],
    incomplete: frozenset[str] | set[str] = frozenset(),
) -> Figure:
    """Small multiples: one panel per indicator, one line per scope, periods in order.

    Periods in ``incomplete`` (some expected unit did not report) are marked "*" in red on
    the axis, with a note under the chart: a dip there may be a missing report.
    """
    indicators = [i for i in indicators if i in set(series["indicator"])]
    if not indicators:
        raise UsageError("Không có số liệu để vẽ xu hướng.")
    periods = sorted(series["period"].unique(), key=period_order)
    last = periods[-1]
    with plt.rc_context(style()):
        columns = min(3, len(indicators))
        rows = int(np.ceil(len(indicators) / columns))
        figure, axes = plt.subplots(rows, columns, figsize=(4.6 * columns, 3.4 * rows + 0.6), squeeze=False)
        for axis, indicator in zip(axes.flat, indicators, strict=False):
            data = series[series["indicator"] == indicator]
            own = sorted(data["period"].unique(), key=period_order)
            for colour, (scope, line) in zip(PALETTE * 3, data.groupby("scope"), strict=False):
                line = line.set_index("period").reindex(own)
                axis.plot(
                    range(len(own)), line["value"], marker="o", color=colour, label=names.get(scope, scope)
                )
            axis.set_title(_label(registry, indicator), loc="left", fontsize=11)
            shown = [parse_code(p).short_label + ("*" if p in incomplete else "") for p in own]
            axis.set_xticks(range(len(own)), shown, rotation=45, ha="right", fontsize=8)
            for tick in axis.get_xticklabels():
                if tick.get_text().endswith("*"):
                    tick.set_color("#b03a48")
            axis.yaxis.set_major_formatter(value_formatter(_money(registry, indicator)))
            if len(data["value"].dropna()) and (data["value"].dropna() >= 0).all():
                # from zero: a 7% range must not look like a collapse (and room above the top point)
                axis.set_ylim(0, float(data["value"].max()) * 1.1 or 1)
        for axis in list(axes.flat)[len(indicators) :]:
            axis.set_visible(False)
        handles, labels = axes.flat[0].get_legend_handles_labels()
        if len(labels) > 1:
            figure.legend(handles, labels, loc="upper right", frameon=False, fontsize=9)
        span = f"{parse_code(periods[0]).short_label} – {parse_code(last).short_label}"
        figure.suptitle(f"Xu hướng {span}", x=0.01, ha="left", fontweight="bold")
        if incomplete & set(periods):
            figure.text(
                0.99, 0.005, "* kỳ thiếu báo cáo của một số đơn vị", fontsize=8, color="#b03a48", ha="right"
            )
        source_line(figure, *coverage, last, right=0.85 if len(labels) > 1 else 1)
    return figure


def rating_distribution(
    totals_frame: pd.DataFrame,
    period: str,
    names: dict[str, str],
    registry: Registry,
    coverage: tuple[int, int],
) -> Figure:
    """Stacked bars of the CĐCS ratings (shares) per scope; full-year periods only."""
    if not period.endswith("-FY"):
        raise UsageError(f"Xếp loại CĐCS chỉ có ở kỳ cả năm, không có ở {spoken(period)}.")
    ratings = registry.catalogue.ratings
    codes = [rating.code for rating in ratings]
    data = totals_frame[(totals_frame["period"] == period) & totals_frame["indicator"].isin(codes)]
    wide = data.pivot_table(index="scope", columns="indicator", values="value").reindex(columns=codes)
    wide = wide.fillna(0)
    shares = wide.div(wide.sum(axis=1), axis=0)
    with plt.rc_context(style()):
        figure, axis = plt.subplots(figsize=(8, 0.7 * len(wide) + 2))
        left = np.zeros(len(wide))
        labels = [names.get(s, s) for s in wide.index]
        for rating, colour in zip(codes, RATING_COLOURS, strict=False):
            bars = axis.barh(
                labels,
                shares[rating],
                left=left,
                color=colour,
                label=registry.catalogue[rating].display_label,
            )
            counts = [
                fmt_number(v) if s >= 0.06 else "" for v, s in zip(wide[rating], shares[rating], strict=True)
            ]
            axis.bar_label(bars, labels=counts, label_type="center", color="white", fontsize=8)
            left += shares[rating].to_numpy()
        axis.xaxis.set_major_formatter(PERCENT_FORMATTER)
        axis.set_xlim(0, 1)
        axis.set_title(f"Xếp loại công đoàn cơ sở, {spoken(period)}", loc="left")
        axis.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False, fontsize=8)
        source_line(figure, *coverage, period)
    return figure


def change_heatmap(
    comparison: pd.DataFrame,
    indicators: Iterable[str],
    registry: Registry,
    names: dict[str, str],
    coverage: tuple[int, int],
) -> Figure:
    """Units × indicators, coloured by % change against the base period (a compare table)."""
    indicators = list(indicators)
    data = comparison[comparison["indicator"].isin(indicators)]
    grid = data.pivot_table(index="scope", columns="indicator", values="change_pct").reindex(
        columns=indicators
    )
    period, base = data["period"].iloc[0], data["base_period"].iloc[0]
    with plt.rc_context(style()):
        figure, axis = plt.subplots(figsize=(1.5 * len(indicators) + 3, 0.42 * len(grid) + 2))
        limit = float(np.nanmax(np.abs(grid.to_numpy()))) if grid.notna().any().any() else 0.1
        annotations = grid.map(lambda v: "" if pd.isna(v) else ("+" if v > 0 else "") + fmt_percent(v))
        sns.heatmap(
            grid,
            ax=axis,
            cmap="RdYlGn",
            center=0,
            vmin=-limit,
            vmax=limit,
            annot=annotations,
            fmt="",
            cbar_kws={"format": PERCENT_FORMATTER, "label": f"Thay đổi so với {spoken(base)}"},
            linewidths=0.5,
            annot_kws={"fontsize": 8},
        )
        axis.set_yticklabels([names.get(s, s) for s in grid.index], rotation=0)
        axis.set_xticklabels([_label(registry, i) for i in grid.columns], rotation=30, ha="right")
        axis.set_xlabel("")
        axis.set_ylabel("")
        axis.set_title(f"Thay đổi {spoken(period)} so với {spoken(base)}, theo đơn vị", loc="left")
        source_line(figure, *coverage, period)
    return figure


TREND_INDICATORS = ("members", "members_new", "visits_amount", "funds_raised")  # the brief's trend panels
HEATMAP_INDICATORS = (
    "members",
    "workers",
    "members_new",
    "visits",
    "visits_amount",
    "funds_raised",
    "cultural_events",
)


def period_charts(
    values: pd.DataFrame, period: str, registry: Registry, folder: Path, cluster: str | None = None
) -> dict[str, list[Path]]:
    """Render every chart of a period brief into ``folder``; return ``{kind: [png, svg]}``.

    With ``cluster``, the comparisons are of the cluster's units; otherwise of clusters.
    Names are stable: ``<period>[_<cluster>]_<kind>.png``.
    """
    current = parse_code(period)
    names = analysis.scope_names(registry, current.year)
    mine = values if cluster is None else analysis.restrict_to_cluster(values, registry, cluster, period)
    coverage = analysis.coverage(values, period, registry, cluster)
    prefix = f"{period}_{cluster}" if cluster else period
    by = "unit" if cluster else "cluster"
    compared = comparison.compare(mine, period, registry, by=by)
    written: dict[str, list[Path]] = {}
    if cluster is None:
        table = analysis.cluster_comparison(values, period, registry)
        written["cluster_members"] = save(
            cluster_bars(table, "members", period, registry, coverage), folder, f"{prefix}_cluster_members"
        )
    compared_with_base = compared[compared["change"].notna()]  # a first period has nothing to compare
    for indicator in ("members", "members_new"):
        if indicator in set(compared_with_base["indicator"]):
            written[f"yoy_{indicator}"] = save(
                yoy_bars(compared, indicator, registry, names, coverage), folder, f"{prefix}_yoy_{indicator}"
            )
    series = analysis.trend(mine, TREND_INDICATORS, registry, by=by, end=period)
    if series["period"].nunique() >= 2:  # one period is not a trend
        coverage_of = {p: analysis.coverage(values, p, registry, cluster) for p in set(series["period"])}
        incomplete = {p for p, (reported, expected) in coverage_of.items() if reported < expected}
        last = max(series["period"], key=period_order)
        chart = trend_lines(series, TREND_INDICATORS, registry, names, coverage_of[last], incomplete)
        written["trend"] = save(chart, folder, f"{prefix}_trend")
    if current.period_type == "FY":
        written["ratings"] = save(
            rating_distribution(analysis.totals(mine, [period], by), period, names, registry, coverage),
            folder,
            f"{prefix}_ratings",
        )
    by_unit = compared if cluster else comparison.compare(values, period, registry, by="unit")
    if by_unit[by_unit["indicator"].isin(HEATMAP_INDICATORS)]["change"].notna().any():
        written["heatmap"] = save(
            change_heatmap(by_unit, HEATMAP_INDICATORS, registry, names, coverage),
            folder,
            f"{prefix}_heatmap",
        )
    return written
