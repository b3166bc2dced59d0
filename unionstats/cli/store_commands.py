"""Commands that fill and check the store: sample, ingest, validate, feedback."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from unionstats.errors import UsageError
from unionstats.formatting import fmt_number
from unionstats.periods import period_order

EXCEL_MAX_ROWS = 1_048_576  # rows of one Excel sheet, the header row included


def cmd_feedback(args: argparse.Namespace) -> int:
    from unionstats import vocabulary
    from unionstats.check.feedback import write_feedback
    from unionstats.reference import load_registry
    from unionstats.store.files import read_values

    registry = load_registry(args.reference)
    labels = registry.catalogue.labels()
    periods = (
        vocabulary.periods(args.period, set(read_values(args.processed)["period"])) if args.period else None
    )
    written = write_feedback(
        args.processed,
        args.raw,
        args.out,
        labels=labels,
        include_info=args.include_info,
        periods=periods,
        units=vocabulary.units(args.unit, registry) or None,
    )
    for item in written:
        print(f"{item.unit or '?':<16} {item.period:<8} {item.n_findings:>3} phát hiện  {item.output}")
    print(f"Đã ghi {len(written)} tệp phản hồi vào {args.out} (danh sách: danh-sach-phan-hoi.csv).")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from unionstats import vocabulary
    from unionstats.publish.blank_forms import write_forms
    from unionstats.reference import load_registry

    registry = load_registry(args.reference)
    period = vocabulary.period(args.period)
    out = args.out or args.reports / "mau-bieu" / period
    written = write_forms(registry, period, vocabulary.units(args.unit, registry), out)
    for path in written:
        print(path)
    print(
        f"Đã ghi {len(written)} mẫu biểu vào {out}. Gửi mỗi đơn vị tệp của mình; tệp gửi lại chép vào "
        f"data/raw/{period}/ rồi chạy 'unionstats ingest'."
    )
    return 0


def cmd_labels(args: argparse.Namespace) -> int:
    from unionstats.check.labels import accept_aliases, label_review
    from unionstats.reference import load_registry

    registry = load_registry(args.reference)
    review = label_review(args.processed, registry)
    if args.accept is None:
        titles = {"label_by_likeness": "gần nhất", "label_ambiguous": "mơ hồ", "label_unknown": "chưa khớp"}
        for row in review.itertuples(index=False):
            target = f"{row.indicator} ({row.indicator_label})" if row.indicator else "–"
            print(
                f"{row.n_rows:>4} dòng {row.n_files:>3} tệp  {titles[row.code]:<9} {row.label!r} → {target}"
            )
        print(
            f"{len(review)} nội dung cần xem. Ghi nhận: 'unionstats labels --accept' (mọi nội dung "
            "'gần nhất') hoặc --accept 'nội dung=mã'."
        )
        return 0
    if args.accept:
        pairs = []
        for item in args.accept:
            label, sep, code = item.rpartition("=")
            if not sep or not label.strip() or not code.strip():
                raise UsageError(f"'{item}' không đúng dạng 'nội dung=mã chỉ tiêu'.")
            pairs.append((label.strip(), code.strip()))
    else:
        chosen = review[review["code"] == "label_by_likeness"]
        pairs = list(zip(chosen["label"], chosen["indicator"], strict=True))
    if not pairs:
        print("Không có nội dung nào để ghi nhận.")
        return 0
    backup = accept_aliases(args.reference, pairs, registry)
    for label, code in pairs:
        print(f"Đã ghi nhận {label!r} là tên gọi của {code}.")
    print(f"indicators.csv đã được cập nhật (bản cũ: {backup}); chạy lại 'unionstats ingest' để đọc lại.")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
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
    return report_held_exports(result.exports, 1 if args.strict and result.has_errors else 0)


def cmd_sample(args: argparse.Namespace) -> int:
    from unionstats.reference import load_registry
    from unionstats.sample import write_sample

    written = write_sample(args.dir, load_registry(args.reference))
    spreadsheets = [p for p in written if p.suffix in (".xlsx", ".xls", ".ods")]
    print(
        f"Đã ghi {len(spreadsheets)} tệp báo cáo mẫu (và {len(written) - len(spreadsheets)} "
        f"tệp khác) vào {args.dir}"
    )
    return 0


def report_held_exports(exports, exit_code: int) -> int:
    """Name the exports left unwritten (open in Excel) in one line; the exit code is then 4
    where it would have been 0 or 3 (``--strict``'s 1 says more)."""
    from unionstats.store.exports import EXPORT_HELD_EXIT

    if not exports.held:
        return exit_code
    print(exports.held_message(), file=sys.stderr)
    return EXPORT_HELD_EXIT if exit_code in (0, 3) else exit_code


def cmd_export(args: argparse.Namespace) -> int:
    from unionstats.store.exports import write_exports
    from unionstats.store.files import read_values
    from unionstats.store.lock import store_lock
    from unionstats.store.versions import clean_up

    read_values(args.processed)  # a missing store is an error, not an empty export
    with store_lock(args.processed, "export"):
        clean_up(args.processed)
        exports = write_exports(args.processed)
    for name in exports.written:
        print(f"Đã ghi {args.processed / name}")
    return report_held_exports(exports, 0)


def cmd_ingest(args: argparse.Namespace) -> int:
    from unionstats.read.inventory import list_entries, skip_reason
    from unionstats.store.exports import refresh_exports
    from unionstats.store.unchanged import current_summary

    if not args.raw_dir.is_dir():
        raise UsageError(
            f"Không có thư mục báo cáo {args.raw_dir}: tạo thư mục và chép tệp vào, hoặc chạy "
            "'unionstats sample' để có dữ liệu mẫu.",
            file=str(args.raw_dir),
            code="raw_missing",
        )
    entries = list_entries(args.raw_dir)
    if not any(skip_reason(entry) is None for entry in entries):
        print(
            f"Thư mục {args.raw_dir} không có tệp báo cáo nào (.xlsx, .xls, .ods, .docx, .doc): chép các "
            "tệp đơn vị gửi vào một thư mục kỳ, ví dụ data/raw/2025-H1/, rồi chạy lại."
        )
    summary = current_summary(entries, args.out, args.reference)
    if summary is not None:  # nothing changed since the last run: no need to load anything
        files = sum(summary["status"].values())
        parsed, reused = 0, files - summary["status"]["skipped"]
        exports = refresh_exports(args.out, "ingest")
    else:
        import gc

        supervisor = _early_readers(args)  # spawn: started before the libraries below load
        from unionstats.store.files import read_summary
        from unionstats.store.ingest import ingest

        # what is imported lives as long as the command: the collector need not scan it again
        # and again while the run makes its many small objects (a tenth of a cold run)
        gc.freeze()
        result = ingest(
            args.raw_dir,
            args.out,
            args.reference,
            workers=args.workers,
            progress=sys.stderr.isatty(),
            entries=entries,
            supervisor=supervisor,
        )
        summary, parsed, reused = read_summary(args.out), result.parsed, result.reused
        exports = result.exports
    _print_ingest_summary(summary, parsed, reused, args.out)
    return report_held_exports(exports, int(summary["exit_code"]))


def _early_readers(args: argparse.Namespace):
    """With ``spawn`` (Windows, macOS), the reader processes, started now: each imports the
    readers and loads the registry itself, which then happens while this process loads its
    own libraries. With ``fork`` they are started later, as copies of this process."""
    import os

    from unionstats.read.isolation import start_method

    workers = (os.cpu_count() or 1) if args.workers is None else args.workers
    if start_method() == "fork" or workers <= 0:
        return None
    from unionstats.read.supervisor import FILE_MEMORY_MB, FILE_SECONDS, Supervisor

    return Supervisor(str(args.reference), workers, FILE_SECONDS, FILE_MEMORY_MB)


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
        f"Số liệu: {fmt_number(summary['n_values'])}; "
        f"phát hiện khi đọc tệp: {fmt_number(severity['error'])} lỗi, "
        f"{fmt_number(severity['warning'])} cảnh báo, {fmt_number(severity['info'])} thông tin "
        "(quy tắc, biến động và đơn vị chưa nộp: chạy 'unionstats validate')."
    )
    if summary["periods"]:
        print("\nKỳ        Đơn vị  Số liệu")
        for period, units, values in sorted(summary["periods"], key=lambda row: period_order(row[0])):
            print(f"{period:<9} {units:>6}  {fmt_number(values):>7}")
    if summary["n_values"] >= EXCEL_MAX_ROWS:
        print(
            f"Lưu ý: values.csv có {fmt_number(summary['n_values'])} dòng số liệu, nhiều hơn một trang "
            f"Excel chứa được ({fmt_number(EXCEL_MAX_ROWS - 1)}): Excel sẽ bỏ bớt dòng; mở values.parquet "
            "bằng Power Query hoặc pandas, hoặc lọc theo kỳ."
        )
    print(f"\nKho dữ liệu: {out.resolve()}")
