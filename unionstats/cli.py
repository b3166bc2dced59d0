"""The ``unionstats`` command line (DESIGN.md section 7).

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
from unionstats.errors import UnionstatsError, UsageError
from unionstats.formatting import fmt_number
from unionstats.periods import parse_code


def _build_parser() -> argparse.ArgumentParser:
    defaults = paths()
    parser = argparse.ArgumentParser(
        prog="unionstats",
        description="Đọc, kiểm tra và tổng hợp báo cáo Excel của LĐLĐ tỉnh.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")

    sample = commands.add_parser("sample", help="ghi bộ báo cáo mẫu của tỉnh mẫu (2019–2024)")
    sample.add_argument(
        "dir", nargs="?", type=Path, default=defaults.raw, help="thư mục trống để ghi (mặc định data/raw)"
    )
    sample.add_argument(
        "--reference",
        type=Path,
        default=defaults.reference,
        help="thư mục danh mục (mặc định data/reference)",
    )

    ingest = commands.add_parser("ingest", help="nhập các tệp báo cáo vào kho dữ liệu")
    ingest.add_argument(
        "raw_dir", nargs="?", type=Path, default=defaults.raw, help="thư mục báo cáo gốc (mặc định data/raw)"
    )
    ingest.add_argument(
        "--out", type=Path, default=defaults.processed, help="thư mục kho dữ liệu (mặc định data/processed)"
    )
    ingest.add_argument(
        "--reference",
        type=Path,
        default=defaults.reference,
        help="thư mục danh mục (mặc định data/reference)",
    )
    ingest.add_argument(
        "--workers", type=int, default=None, help="số tiến trình đọc song song (mặc định: số lõi CPU)"
    )
    return parser


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
    from unionstats.ingest import ingest

    if not args.raw_dir.is_dir():
        raise UsageError(
            f"Không có thư mục báo cáo {args.raw_dir}: tạo thư mục và chép tệp vào, hoặc chạy "
            "'unionstats sample' để có dữ liệu mẫu.",
            file=str(args.raw_dir),
            code="raw_missing",
        )
    result = ingest(
        args.raw_dir, args.out, args.reference, workers=args.workers, progress=sys.stderr.isatty()
    )
    for row in result.manifest[result.manifest["status"] == "quarantined"].itertuples():
        print(f"CÁCH LY  {row.message}")
    severities = result.findings["severity"].value_counts()
    print(
        f"Tệp: {result.count('ingested')} đã nhập, {result.count('superseded')} bị thay thế, "
        f"{result.count('quarantined')} cách ly, {result.count('skipped')} bỏ qua "
        f"({result.parsed} đọc mới, {result.reused} giữ nguyên từ lần trước)."
    )
    print(
        f"Số liệu: {fmt_number(len(result.values))}; phát hiện: "
        f"{fmt_number(severities.get('error', 0))} lỗi, "
        f"{fmt_number(severities.get('warning', 0))} cảnh báo, "
        f"{fmt_number(severities.get('info', 0))} thông tin."
    )
    if len(result.values):
        table = (
            result.values.groupby("period")
            .agg(units=("unit_code", "nunique"), values=("value", "size"))
            .reset_index()
        )
        table = table.iloc[table["period"].map(lambda p: parse_code(p).sort_key()).argsort()]
        print("\nKỳ        Đơn vị  Số liệu")
        for row in table.itertuples(index=False):
            print(f"{row.period:<9} {row.units:>6}  {fmt_number(row.values):>7}")
    print(f"\nKho dữ liệu: {args.out.resolve()}")
    return result.exit_code


COMMANDS = {"sample": _cmd_sample, "ingest": _cmd_ingest}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UnionstatsError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`: not an error of the user's
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu; kho dữ liệu trước đó vẫn nguyên vẹn.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
