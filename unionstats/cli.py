"""The ``unionstats`` command line (commands and exit codes: README.md).

Each sub-command is a thin wrapper: parse arguments, call the library, print a short
Vietnamese summary. A :class:`UnionstatsError` is printed as one line (exit 2 for usage
and reference problems); no Python traceback reaches the user for a bad input file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from unionstats.config import paths
from unionstats.errors import UnionstatsError, UsageError, describe_os_error
from unionstats.formatting import fmt_number
from unionstats.periods import period_order


def _store_options(parser: argparse.ArgumentParser, *, processed: bool, reference: bool) -> None:
    """The --processed and --reference options every command that reads them shares."""
    defaults = paths()
    if processed:
        parser.add_argument(
            "--processed",
            type=Path,
            default=defaults.processed,
            help="thư mục kho dữ liệu (mặc định data/processed)",
        )
    if reference:
        parser.add_argument(
            "--reference",
            type=Path,
            default=defaults.reference,
            help="thư mục danh mục (mặc định data/reference)",
        )


def _add_read_commands(commands, defaults) -> None:
    """sample, ingest, validate, feedback: the commands that read files into the store."""
    sample = commands.add_parser("sample", help="ghi bộ báo cáo mẫu của tỉnh mẫu (2019–2024)")
    _store_options(sample, processed=False, reference=True)
    sample.add_argument(
        "dir", nargs="?", type=Path, default=defaults.raw, help="thư mục trống để ghi (mặc định data/raw)"
    )
    ingest = commands.add_parser("ingest", help="nhập các tệp báo cáo vào kho dữ liệu")
    _store_options(ingest, processed=False, reference=True)
    ingest.add_argument(
        "raw_dir", nargs="?", type=Path, default=defaults.raw, help="thư mục báo cáo gốc (mặc định data/raw)"
    )
    ingest.add_argument(
        "--out", type=Path, default=defaults.processed, help="thư mục kho dữ liệu (mặc định data/processed)"
    )
    ingest.add_argument(
        "--workers", type=int, default=None, help="số tiến trình đọc song song (mặc định: số lõi CPU)"
    )
    validate = commands.add_parser("validate", help="kiểm tra số liệu trong kho, viết findings.csv")
    _store_options(validate, processed=True, reference=True)
    validate.add_argument(
        "--strict", action="store_true", help="trả mã thoát 1 nếu có phát hiện mức lỗi (error)"
    )
    feedback = commands.add_parser("feedback", help="bản sao báo cáo có đánh dấu ô lỗi để gửi lại đơn vị")
    _store_options(feedback, processed=True, reference=True)
    feedback.add_argument(
        "--out",
        type=Path,
        default=defaults.reports / "phan-hoi",
        help="thư mục ghi (mặc định reports/phan-hoi)",
    )
    feedback.add_argument(
        "--raw", type=Path, default=defaults.raw, help="thư mục báo cáo gốc (mặc định data/raw)"
    )
    feedback.add_argument(
        "--include-info",
        action="store_true",
        help="ghi cả phát hiện mức thông tin (mặc định chỉ lỗi và cảnh báo)",
    )


def _add_publish_commands(commands, defaults) -> None:
    """table, charts, brief: the commands that answer questions from the store."""
    table = commands.add_parser("table", help="trả lời nhanh: chỉ tiêu theo kỳ, theo tỉnh/cụm/đơn vị")
    _store_options(table, processed=True, reference=True)
    table.add_argument("indicators", nargs="+", metavar="IND", help="mã chỉ tiêu (ví dụ members workers)")
    table.add_argument(
        "--period",
        nargs="+",
        default=None,
        metavar="P",
        help="một hay nhiều kỳ (ví dụ 2019-FY 2020-FY); mặc định kỳ mới nhất",
    )
    table.add_argument(
        "--by",
        choices=["province", "cluster", "unit"],
        default="province",
        help="tổng hợp theo tỉnh, cụm hay đơn vị (mặc định province)",
    )
    table.add_argument("--xlsx", type=Path, default=None, metavar="FILE", help="ghi thêm ra tệp Excel")
    brief = commands.add_parser("brief", help="bản tin kỳ (HTML, notebook, bảng Excel) bằng papermill")
    _store_options(brief, processed=True, reference=True)
    brief.add_argument("--period", metavar="P", help="kỳ, ví dụ 2020-FY (mặc định: kỳ mới nhất)")
    brief.add_argument("--cluster", default=None, metavar="C", help="bản tin của một cụm, ví dụ cum-2")
    brief.add_argument("--out", type=Path, default=defaults.reports, help="thư mục ghi (mặc định reports/)")
    brief.add_argument("--all", action="store_true", help="mọi kỳ và mọi cụm, chạy song song")
    brief.add_argument("--pdf", action="store_true", help="in thêm bản PDF bằng Chromium của hệ thống")
    brief.add_argument("--workers", type=int, default=None, help="số tiến trình khi có --all")
    chart = commands.add_parser("charts", help="vẽ các biểu đồ của một kỳ vào figures/")
    _store_options(chart, processed=True, reference=True)
    chart.add_argument("--period", required=True, metavar="P", help="kỳ, ví dụ 2020-FY")
    chart.add_argument("--cluster", default=None, metavar="C", help="chỉ một cụm, ví dụ cum-2")
    chart.add_argument("--out", type=Path, default=defaults.figures, help="thư mục ghi (mặc định figures/)")


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unionstats",
        description="Đọc, kiểm tra và tổng hợp báo cáo Excel của LĐLĐ tỉnh.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    defaults = paths()
    _add_read_commands(commands, defaults)
    _add_publish_commands(commands, defaults)
    return parser


def _latest_period(values) -> str:
    if values.empty:
        raise UsageError(
            "Kho dữ liệu chưa có số liệu nào: chép báo cáo vào data/raw rồi chạy 'unionstats ingest'.",
            code="store_empty",
        )
    return max(values["period"], key=period_order)


def _cmd_table(args: argparse.Namespace) -> int:
    from unionstats.publish.formats.xlsx import write_xlsx
    from unionstats.publish.tables import question_table, render_text
    from unionstats.reference import load_registry
    from unionstats.store.files import read_values

    values = read_values(args.processed)
    periods = args.period
    if not periods:
        periods = [_latest_period(values)]
    table, notes = question_table(values, args.indicators, periods, load_registry(args.reference), by=args.by)
    print(render_text(table, notes))
    if args.xlsx:
        print(f"\nĐã ghi {write_xlsx(table, args.xlsx)}")
    return 0


def _cmd_brief(args: argparse.Namespace) -> int:
    import os

    from unionstats.publish.render import render_brief, render_many

    options = {
        "out": args.out,
        "processed": args.processed,
        "reference": args.reference,
        "notebooks": paths().notebooks,
        "pdf": args.pdf,
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


def _cmd_charts(args: argparse.Namespace) -> int:
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


def _cmd_feedback(args: argparse.Namespace) -> int:
    from unionstats.check.feedback import write_feedback
    from unionstats.reference import load_registry

    registry = load_registry(args.reference)
    labels = registry.catalogue.labels()
    written = write_feedback(
        args.processed, args.raw, args.out, labels=labels, include_info=args.include_info
    )
    for item in written:
        print(f"{item.unit or '?':<16} {item.period:<8} {item.n_findings:>3} phát hiện  {item.output}")
    print(f"Đã ghi {len(written)} tệp phản hồi vào {args.out} (danh sách: danh-sach-phan-hoi.csv).")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from unionstats.check.validate import completeness_rates, validate
    from unionstats.reference import load_registry

    result = validate(args.processed, args.reference, load_registry(args.reference))
    findings = result.findings
    counts = findings["severity"].value_counts()
    print(
        f"Phát hiện: {fmt_number(counts.get('error', 0))} lỗi, "
        f"{fmt_number(counts.get('warning', 0))} cảnh báo, {fmt_number(counts.get('info', 0))} thông tin "
        f"(chi tiết: {args.processed / 'findings.csv'})."
    )
    serious = findings[findings["severity"].isin(["error", "warning"]) & (findings["unit"] != "")]
    if len(serious):
        worst = serious.groupby("unit")["severity"].agg(
            errors=lambda s: int((s == "error").sum()), warnings=lambda s: int((s == "warning").sum())
        )
        worst = worst.sort_values(["errors", "warnings"], ascending=False).head(5)
        print("Đơn vị có nhiều vấn đề nhất:")
        for unit, row in worst.iterrows():
            print(f"  {unit:<16} {row['errors']} lỗi, {row['warnings']} cảnh báo")
    for row in findings[findings["severity"] == "error"].itertuples():
        where = " ".join(part for part in (row.file, row.sheet, row.cell) if part)
        print(f"  LỖI {row.period} {row.unit}: {row.message}" + (f" [{where}]" if where else ""))
    rates = completeness_rates(result.completeness)
    province = rates[rates["scope"] == "tỉnh"]
    incomplete = province[province["submitted"] < province["expected"]]
    print(f"Đủ báo cáo: {len(province) - len(incomplete)}/{len(province)} kỳ.", end="")
    if len(incomplete):
        missing = result.completeness[~result.completeness["submitted"]]
        names = ", ".join(f"{r.unit_name} ({r.period})" for r in missing.itertuples())
        print(f" Chưa nộp: {names}.")
    else:
        print()
    return 1 if args.strict and result.has_errors else 0


def _cmd_sample(args: argparse.Namespace) -> int:
    from unionstats.reference import load_registry
    from unionstats.sample import write_sample

    written = write_sample(args.dir, load_registry(args.reference))
    spreadsheets = [p for p in written if p.suffix in (".xlsx", ".xls", ".ods")]
    print(
        f"Đã ghi {len(spreadsheets)} tệp báo cáo mẫu (và {len(written) - len(spreadsheets)} "
        f"tệp khác) vào {args.dir}"
    )
    return 0


def _cmd_ingest(args: argparse.Namespace) -> int:
    from unionstats.read.inventory import current_summary

    if not args.raw_dir.is_dir():
        raise UsageError(
            f"Không có thư mục báo cáo {args.raw_dir}: tạo thư mục và chép tệp vào, hoặc chạy "
            "'unionstats sample' để có dữ liệu mẫu.",
            file=str(args.raw_dir),
            code="raw_missing",
        )
    summary = current_summary(args.raw_dir, args.out, args.reference)
    if summary is not None:  # nothing changed since the last run: no need to load anything
        files = sum(summary["status"].values())
        parsed, reused = 0, files - summary["status"]["skipped"]
    else:
        from unionstats.store.files import read_summary
        from unionstats.store.ingest import ingest

        result = ingest(
            args.raw_dir, args.out, args.reference, workers=args.workers, progress=sys.stderr.isatty()
        )
        summary, parsed, reused = read_summary(args.out), result.parsed, result.reused
    _print_ingest_summary(summary, parsed, reused, args.out)
    return int(summary["exit_code"])


def _print_ingest_summary(summary: dict, parsed: int, reused: int, out: Path) -> None:
    for message in summary["quarantined"]:
        print(f"CÁCH LY  {message}")
    status, severity = summary["status"], summary["severity"]
    print(
        f"Tệp: {status['ingested']} đã nhập, {status['superseded']} bị thay thế, "
        f"{status['quarantined']} cách ly, {status['skipped']} bỏ qua "
        f"({parsed} đọc mới, {reused} giữ nguyên từ lần trước)."
    )
    print(
        f"Số liệu: {fmt_number(summary['n_values'])}; phát hiện: {fmt_number(severity['error'])} lỗi, "
        f"{fmt_number(severity['warning'])} cảnh báo, {fmt_number(severity['info'])} thông tin."
    )
    if summary["periods"]:
        print("\nKỳ        Đơn vị  Số liệu")
        for period, units, values in sorted(summary["periods"], key=lambda row: period_order(row[0])):
            print(f"{period:<9} {units:>6}  {fmt_number(values):>7}")
    print(f"\nKho dữ liệu: {out.resolve()}")


COMMANDS = {
    "sample": _cmd_sample,
    "ingest": _cmd_ingest,
    "validate": _cmd_validate,
    "table": _cmd_table,
    "charts": _cmd_charts,
    "brief": _cmd_brief,
    "feedback": _cmd_feedback,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UnionstatsError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # disk full, no permission, a file where a folder should be
        if isinstance(error, BrokenPipeError):  # output piped into `head`: not the user's error
            sys.stderr.close()
            return 0
        print(f"Lỗi: {describe_os_error(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu; kho dữ liệu trước đó vẫn nguyên vẹn.", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: one line, never a traceback, and how to report it
        print(
            f"Lỗi không mong đợi ({type(error).__name__}: {str(error)[:200]}); dữ liệu đã có không bị "
            "thay đổi. Báo cho nhóm phát triển kèm lệnh vừa chạy.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
