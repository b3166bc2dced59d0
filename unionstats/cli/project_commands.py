"""Commands that make and set up a province's own project: init, setup."""

from __future__ import annotations

import argparse
import sys


def cmd_init(args: argparse.Namespace) -> int:
    from unionstats.project.create import create_project
    from unionstats.project.workbook import WORKBOOK

    made = create_project(args.folder, args.province)
    print(f"Đã tạo dự án của tỉnh {' '.join(args.province.split())} ở {made.root}:")
    print(
        f"  {WORKBOOK:<22} điền các đơn vị, cụm thi đua và thông tin Liên đoàn, rồi chạy 'unionstats setup'"
    )
    print("  data/raw/              báo cáo các đơn vị gửi, mỗi kỳ một thư mục (ví dụ data/raw/2025-H1)")
    print("  data/reference/        danh mục chỉ tiêu, quy tắc kiểm tra (sửa bằng Excel, lưu CSV UTF-8)")
    print("  data/processed/        kho dữ liệu ('unionstats ingest' ghi vào)")
    print("  notebooks/, reports/, figures/   bản tin và biểu đồ")
    print(
        f"Bước tiếp: cd \"{made.root}\", mở {WORKBOOK} bằng Excel, điền và lưu, rồi chạy 'unionstats setup'."
    )
    return 0


def cmd_setup(args: argparse.Namespace) -> int:
    from unionstats.project.workbook import SetupError, apply_workbook, write_workbook

    if args.write_workbook:
        print(
            f"Đã ghi {write_workbook(args.workbook, args.reference)} từ các tệp CSV trong {args.reference}."
        )
        return 0
    try:
        counts = apply_workbook(args.workbook, args.reference)
    except SetupError as error:
        for line in error.lines:
            print(f"Lỗi: {line}", file=sys.stderr)
        print(
            f"Chưa ghi gì: sửa {len(error.lines)} dòng trên trong {args.workbook.name} rồi chạy lại.",
            file=sys.stderr,
        )
        return 2
    from unionstats.reference import load_registry

    load_registry(args.reference)  # the files as every command will read them
    print(
        f"Đã ghi units.csv ({counts['units']} đơn vị), clusters.csv ({counts['clusters']} dòng) và "
        f"organisation.csv vào {args.reference} (bản cũ trong sao-luu/)."
    )
    print("Bước tiếp: 'unionstats template --period 2025-H1' ghi mẫu biểu gửi các đơn vị.")
    return 0
