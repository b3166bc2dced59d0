"""Commands that answer questions from the store: table, trend, findings, list, charts, brief."""

from __future__ import annotations

import argparse
from pathlib import Path

from unionstats.config import paths
from unionstats.errors import UsageError
from unionstats.periods import period_order


def _latest_period(values) -> str:
    if values.empty:
        raise UsageError(
            "Kho dữ liệu chưa có số liệu nào: chép báo cáo vào data/raw rồi chạy 'unionstats ingest'.",
            code="store_empty",
        )
    return max(values["period"], key=period_order)


def _periods(texts: list[str] | None, values) -> list[str]:
    from unionstats.publish.tables import normalise_period

    available = sorted(set(values["period"]), key=period_order)
    if not texts:
        return [_latest_period(values)]
    return [normalise_period(text, available) for text in texts]


def _xlsx_path(path: Path | None) -> Path | None:
    if path is not None and path.suffix.lower() != ".xlsx":
        raise UsageError(f"Tệp Excel phải có đuôi .xlsx (nhận được '{path.name}').", code="usage")
    return path


def cmd_table(args: argparse.Namespace) -> int:
    from unionstats.publish.formats.xlsx import write_xlsx
    from unionstats.publish.tables import question_table, render_text, wide_table
    from unionstats.reference import load_registry
    from unionstats.store.files import read_values

    xlsx = _xlsx_path(args.xlsx)
    values = read_values(args.processed)
    registry = load_registry(args.reference)
    periods = _periods(args.period, values)
    filters = {"clusters": list(args.cluster), "units": list(args.unit)}
    if args.wide:
        by = "unit" if args.by == "province" else args.by
        table, notes = wide_table(values, args.indicators, periods[-1], registry, by, **filters), []
        money = {registry.catalogue.label(i) for i in args.indicators if registry.catalogue.is_money(i)}
        rates = {registry.derived[i].label for i in args.indicators if i in registry.derived}
        print(f"Kỳ {periods[-1]}\n" + render_text(table, notes, money, rates))
    else:
        table, notes = question_table(
            values, args.indicators, periods, registry, by=args.by, raw=args.raw, sort=args.sort, **filters
        )
        print(render_text(table, notes))
    if xlsx:
        print(f"\nĐã ghi {write_xlsx(table, xlsx)}")
    return 0


def cmd_trend(args: argparse.Namespace) -> int:
    from unionstats.publish.tables import render_text
    from unionstats.publish.trend import trend_report
    from unionstats.reference import load_registry
    from unionstats.store.files import read_values

    values = read_values(args.processed)
    available = sorted(set(values["period"]), key=period_order)
    start = _periods([args.start], values)[0] if args.start else available[0]
    end = _periods([args.end], values)[0] if args.end else available[-1]
    registry = load_registry(args.reference)
    table, notes, files = trend_report(
        values, args.indicators, registry, start, end, args.by, args.out, list(args.cluster), list(args.unit)
    )
    print(render_text(table, notes))
    for path in files:
        print(f"Biểu đồ: {path}")
    return 0


def cmd_findings(args: argparse.Namespace) -> int:
    from unionstats.check.findings_query import select_findings
    from unionstats.publish.formats.xlsx import write_xlsx
    from unionstats.reference import load_registry
    from unionstats.store.files import read_findings, read_values

    xlsx = _xlsx_path(args.xlsx)
    values = read_values(args.processed)
    periods = _periods(args.period, values) if args.period else []
    chosen = select_findings(
        read_findings(args.processed),
        load_registry(args.reference),
        periods,
        args.unit,
        args.severity,
        args.code,
    )
    for row in chosen.itertuples(index=False):
        where = " ".join(part for part in (row.file, row.sheet, row.cell) if part)
        print(
            f"{row.severity:<8} {row.period:<8} {row.unit:<16} {row.code:<22} {row.message}"
            + (f" [{where}]" if where else "")
        )
    print(f"{len(chosen)} phát hiện" + (f" (chi tiết: {write_xlsx(chosen, xlsx)})" if xlsx else "") + ".")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from unionstats.analyse.analysis import cluster_names
    from unionstats.reference import load_registry

    registry = load_registry(args.reference)
    if args.what == "indicators":
        for code, indicator in registry.catalogue.items():
            kind = "tồn" if indicator.kind == "stock" else "phát sinh"
            print(f"{code:<24} {indicator.label} ({indicator.measure}, {kind})")
    elif args.what == "units":
        for row in registry.units.itertuples(index=False):
            print(f"{row.unit_code:<20} {row.name}")
    elif args.what == "clusters":
        for year in sorted({int(y) for y in registry.clusters["year"]}):
            for code, name in sorted(cluster_names(registry, year).items()):
                members = registry.clusters[
                    (registry.clusters["year"] == str(year)) & (registry.clusters["cluster_code"] == code)
                ]
                listed = ", ".join(registry.unit_names[u] for u in members["unit_code"])
                print(f"{year}  {code:<8} {name}: {listed}")
    else:
        from unionstats.store.files import read_values

        values = read_values(args.processed)
        for period, group in sorted(values.groupby("period"), key=lambda item: period_order(item[0])):
            print(f"{period:<8} {group['unit_code'].nunique():>3} đơn vị")
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    import os

    from unionstats.publish.formats import DEFAULT_FORMATS
    from unionstats.publish.render import render_brief, render_many

    options = {
        "out": args.out,
        "processed": args.processed,
        "reference": args.reference,
        "notebooks": paths().notebooks,
        "pdf": args.pdf,
        "formats": (*DEFAULT_FORMATS, "docx") if args.docx else DEFAULT_FORMATS,
    }
    if not args.all:
        period = args.period
        if not period:
            from unionstats.store.files import read_values

            period = _latest_period(read_values(args.processed))
        html_file = render_brief(period, cluster=args.cluster, **options)
        print(html_file.resolve())
        return 0
    from unionstats.reference import load_registry
    from unionstats.store.files import read_values

    registry = load_registry(args.reference)
    periods = sorted(set(read_values(args.processed)["period"]), key=period_order)
    jobs: list[tuple[str, str | None]] = [(p, None) for p in periods]
    for period in periods:
        year_clusters = registry.clusters[registry.clusters["year"].astype(int) == int(period[:4])]
        jobs += [(period, c) for c in sorted(set(year_clusters["cluster_code"]))]
    results = render_many(jobs, workers=args.workers or os.cpu_count() or 1, **options)
    failed = 0
    for period, cluster, outcome in results:
        failed += outcome.startswith("LỖI")
        print(f"{period:<8} {cluster or 'toàn tỉnh':<10} {outcome}")
    print(f"Đã lập {len(results) - failed}/{len(results)} bản tin.")
    return 1 if failed else 0


def cmd_charts(args: argparse.Namespace) -> int:
    from unionstats.publish.charts import period_charts
    from unionstats.publish.tables import check_request
    from unionstats.reference import load_registry
    from unionstats.store.files import read_values

    registry = load_registry(args.reference)
    values = read_values(args.processed)
    check_request(values, [], [args.period], registry)
    if args.cluster and args.cluster not in set(registry.clusters["cluster_code"]):
        raise UsageError(
            f"Không có cụm '{args.cluster}'. Các cụm: "
            f"{', '.join(sorted(set(registry.clusters['cluster_code'])))}.",
            code="unknown_cluster",
        )
    written = period_charts(values, args.period, registry, args.out, args.cluster)
    for files in written.values():
        print(files[0])
    print(f"Đã vẽ {len(written)} biểu đồ (PNG và SVG) vào {args.out}.")
    return 0
