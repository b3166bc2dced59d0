"""Commands that answer questions from the store: table, trend, source, findings, list, charts,
brief. Periods, units, clusters, indicators and severities are read by one vocabulary
(:mod:`unionstats.vocabulary`): the same forms and the same suggestions in every command."""

from __future__ import annotations

import argparse
from pathlib import Path

from unionstats import vocabulary
from unionstats.errors import UsageError
from unionstats.periods import period_order


def _available(values) -> list[str]:
    if values.empty:
        raise UsageError(
            "Kho dữ liệu chưa có số liệu nào: chép báo cáo vào data/raw rồi chạy 'unionstats ingest'.",
            code="store_empty",
        )
    return sorted(set(values["period"]), key=period_order)


def _periods(texts: list[str] | None, values) -> list[str]:
    """The periods asked (any form the vocabulary reads), or the latest one."""
    available = _available(values)
    return vocabulary.periods(texts, available) if texts else [available[-1]]


def _xlsx_path(path: Path | None) -> Path | None:
    if path is not None and path.suffix.lower() != ".xlsx":
        raise UsageError(f"Tệp Excel phải có đuôi .xlsx (nhận được '{path.name}').", code="usage")
    return path


def cmd_table(args: argparse.Namespace) -> int:
    from unionstats.check.reports import unconfirmed_note
    from unionstats.publish.formats.xlsx import write_xlsx
    from unionstats.publish.tables import question_table, render_text, wide_table
    from unionstats.reference import load_registry
    from unionstats.store.files import read_findings, read_values

    xlsx = _xlsx_path(args.xlsx)
    values = read_values(args.processed)
    registry = load_registry(args.reference)
    indicators = vocabulary.indicators(args.indicators, registry)
    periods = _periods(args.period, values)
    year = int(periods[-1][:4])
    filters = {
        "clusters": vocabulary.clusters(args.cluster, registry, year),
        "units": vocabulary.units(args.unit, registry),
    }
    findings, units = read_findings(args.processed), filters["units"]
    if args.wide:
        by = "unit" if args.by == "province" else args.by
        table, notes = wide_table(values, indicators, periods[-1], registry, by, **filters), []
        money = {registry.catalogue.label(i) for i in indicators if registry.catalogue.is_money(i)}
        rates = {registry.derived[i].label for i in indicators if i in registry.derived}
        notes = [
            note
            for note in [unconfirmed_note(values, findings, indicators, periods[-1:], registry, units)]
            if note
        ]
        print(f"Kỳ {periods[-1]}\n" + render_text(table, notes, money, rates))
    else:
        table, notes = question_table(
            values, indicators, periods, registry, by=args.by, raw=args.raw, sort=args.sort, **filters
        )
        if filters["units"]:
            first = filters["units"][0]
            notes.append(
                f"Số liệu lấy từ tệp, sheet, ô nào: unionstats source {indicators[0]} --unit {first} "
                f"--period {periods[-1]}"
            )
        waiting = unconfirmed_note(values, findings, indicators, periods, registry, units)
        print(render_text(table, [*notes, waiting] if waiting else notes))
    if xlsx:
        print(f"\nĐã ghi {write_xlsx(table, xlsx)}")
    return 0


def cmd_trend(args: argparse.Namespace) -> int:
    from unionstats.publish.tables import render_text
    from unionstats.publish.trend import trend_report
    from unionstats.reference import load_registry
    from unionstats.store.files import read_values

    values = read_values(args.processed)
    available = _available(values)
    start = vocabulary.period(args.start, available) if args.start else available[0]
    end = vocabulary.period(args.end, available) if args.end else available[-1]
    registry = load_registry(args.reference)
    indicators = vocabulary.indicators(args.indicators, registry)
    clusters = vocabulary.clusters(args.cluster, registry, int(end[:4]))
    units = vocabulary.units(args.unit, registry)
    table, notes, files = trend_report(
        values, indicators, registry, start, end, args.by, args.out, clusters, units
    )
    print(render_text(table, notes))
    for path in files:
        print(f"Biểu đồ: {path}")
    return 0


def cmd_source(args: argparse.Namespace) -> int:
    from unionstats.check.provenance import describe_source, figure_source
    from unionstats.reference import load_registry
    from unionstats.store.files import read_values

    registry = load_registry(args.reference)
    [indicator] = vocabulary.indicators([args.indicator], registry)
    [unit] = vocabulary.units([args.unit], registry)
    period = vocabulary.period(args.period, _available(read_values(args.processed)))
    print(describe_source(figure_source(args.processed, registry, indicator, unit, period), registry))
    return 0


def cmd_findings(args: argparse.Namespace) -> int:
    from unionstats.check.findings_query import render_findings, select_findings
    from unionstats.publish.formats.xlsx import write_xlsx
    from unionstats.reference import load_registry
    from unionstats.store.files import read_findings, read_values

    xlsx = _xlsx_path(args.xlsx)
    registry = load_registry(args.reference)
    every = [text.lower() for text in args.period or []] == ["all"]
    periods = [] if every else _periods(args.period, read_values(args.processed))
    chosen = select_findings(
        read_findings(args.processed),
        registry,
        periods,
        vocabulary.units(args.unit or [], registry),
        vocabulary.severities(args.severity or []),
        args.code,
        without_period=not args.period,  # the default view keeps what belongs to no period
    )
    print(render_findings(chosen, registry))
    scope = "mọi kỳ" if every else ", ".join(periods) + ("" if args.period else ", kỳ mới nhất")
    hint = "" if every else "; '--period all' cho mọi kỳ"
    saved = f" (chi tiết: {write_xlsx(chosen, xlsx)})" if xlsx else ""
    print(f"{len(chosen)} phát hiện ({scope}{hint}){saved}.")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from unionstats.analyse.analysis import cluster_names
    from unionstats.reference import load_registry

    registry = load_registry(args.reference)
    if args.what == "indicators":
        for code, indicator in registry.catalogue.items():
            kind = "tồn" if indicator.kind == "stock" else "phát sinh"
            print(f"{code:<24} {indicator.label} ({indicator.measure}, {kind})")
        print("\nTỷ lệ (tính bằng tổng tử số chia tổng mẫu số, data/reference/derived.csv):")
        for code, ratio in registry.derived.items():
            times = f" × {ratio.multiplier:g}" if ratio.multiplier != 1 else ""
            print(
                f"{code:<24} {ratio.label} = {ratio.numerator} / {ratio.denominator}{times} ({ratio.measure})"
            )
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


def _brief_cluster(args: argparse.Namespace, period: str) -> str | None:
    if not args.cluster:
        return None
    from unionstats.reference import load_registry

    return vocabulary.clusters([args.cluster], load_registry(args.reference), int(period[:4]))[0]


def cmd_brief(args: argparse.Namespace) -> int:
    import os

    from unionstats.publish.formats import DEFAULT_FORMATS
    from unionstats.publish.render import render_brief, render_many
    from unionstats.store.files import read_values

    options = {
        "out": args.out,
        "processed": args.processed,
        "reference": args.reference,
        "notebooks": args.notebooks,
        "pdf": args.pdf,
        "formats": (*DEFAULT_FORMATS, "docx") if args.docx else DEFAULT_FORMATS,
    }
    available = _available(read_values(args.processed))
    if not args.all:
        period = vocabulary.period(args.period, available) if args.period else available[-1]
        written = render_brief(period, cluster=_brief_cluster(args, period), **options)
        for path in written:
            print(path.resolve())
        return 0
    from unionstats.reference import load_registry

    registry = load_registry(args.reference)
    jobs: list[tuple[str, str | None]] = [(p, None) for p in available]
    for period in available:
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
    from unionstats.reference import load_registry
    from unionstats.store.files import read_values

    registry = load_registry(args.reference)
    values = read_values(args.processed)
    period = vocabulary.period(args.period, _available(values))
    cluster = vocabulary.clusters([args.cluster], registry, int(period[:4]))[0] if args.cluster else None
    written = period_charts(values, period, registry, args.out, cluster)
    for files in written.values():
        print(files[0])
    print(f"Đã vẽ {len(written)} biểu đồ (PNG và SVG) vào {args.out}.")
    return 0


def cmd_reports(args: argparse.Namespace) -> int:
    from datetime import date

    from unionstats.check.reports import confirm_figures, report_only_units, text_figures_to_confirm
    from unionstats.formatting import fmt_number
    from unionstats.reference import load_registry
    from unionstats.store.files import read_findings, read_manifest, read_values

    registry = load_registry(args.reference)
    values = read_values(args.processed)
    every = [text.lower() for text in args.period or []] == ["all"]
    periods = _available(values) if every else _periods(args.period, values)
    units = set(vocabulary.units(args.unit or [], registry))
    every_waiting = text_figures_to_confirm(values, read_findings(args.processed), registry)
    if units:
        every_waiting = every_waiting[every_waiting["unit_code"].isin(units)]
    waiting = every_waiting[every_waiting["period"].isin(periods)]
    elsewhere = len(every_waiting) - len(waiting)
    only = report_only_units(read_manifest(args.processed))
    only = only[only["period"].isin(periods) & (only["unit"].isin(units) if units else True)]
    for period in periods:
        mine = only[only["period"] == period]
        names = [
            f"{registry.unit_names.get(unit, unit)} ({path})"
            for unit, path in zip(mine["unit"], mine["path"], strict=True)
        ]
        if names:
            print(f"Kỳ {period}: chỉ gửi báo cáo Word, chưa gửi biểu số liệu: " + "; ".join(names) + ".")
    said = ""
    for row in waiting.itertuples(index=False):
        if (row.source_file, row.cell) != said:  # a sentence once, then the figures read from it
            said = (row.source_file, row.cell)
            print(f'{row.period}  {row.unit_name} — {row.source_file}, {row.cell}: "{row.sentence}"')
        rough = " (số ước lượng)" if row.approximate else ""
        print(f"      {row.label}: {fmt_number(row.value)}{rough}")
    if args.confirm and len(waiting):
        backup = confirm_figures(args.reference, waiting, date.today().isoformat())
        kept = f"; bản cũ: {backup}" if backup else ""
        print(
            f"Đã xác nhận {len(waiting)} số liệu (confirmed_figures.csv{kept}); chạy lại 'unionstats ingest'."
        )
        return 0
    hint = "; sau khi đối chiếu với văn bản, xác nhận bằng --confirm" if len(waiting) else ""
    hint += f"; {elsewhere} số liệu chờ xác nhận ở kỳ khác: --period all" if elsewhere else ""
    scope = "mọi kỳ" if every else ", ".join(periods)
    print(f"{len(waiting)} số liệu đọc từ văn bản chờ xác nhận ({scope}){hint}.")
    return 0
