"""The command line's parser: every option, in Vietnamese, argparse's own messages included.

A folder a command uses by default (the store, the registry, the reports…) is the
project's: :class:`FromProject` stands in for it until the command line is parsed, and
:func:`resolve_project_folders` fills it in from ``--project``, ``UNIONSTATS_ROOT`` or the
nearest ``unionstats.toml`` above the current folder. A command given every folder it needs
works anywhere; one that needs a default outside any project refuses in one line.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from unionstats.config import paths, project_root


@dataclass(frozen=True)
class FromProject:
    """The project's folder ``folder`` (an attribute of :class:`~unionstats.config.Paths`),
    with ``parts`` below it: a default resolved once the project is known."""

    folder: str
    parts: tuple[str, ...] = ()

    def __str__(self) -> str:  # as argparse's help shows a default
        return "/".join(("<dự án>", self.folder, *self.parts))


def resolve_project_folders(args: argparse.Namespace) -> argparse.Namespace:
    """Fill in every :class:`FromProject` default of ``args`` from the project (looked for
    only when some default is left)."""
    pending = {name: value for name, value in vars(args).items() if isinstance(value, FromProject)}
    if pending:
        folders = paths(project_root(getattr(args, "project", None)))
        args.project_root = folders.root
        for name, value in pending.items():
            setattr(args, name, getattr(folders, value.folder).joinpath(*value.parts))
    return args


def store_options(parser: argparse.ArgumentParser, *, processed: bool, reference: bool) -> None:
    """The --processed and --reference options every command that reads them shares."""
    if processed:
        parser.add_argument(
            "--processed",
            type=Path,
            default=FromProject("processed"),
            help="thư mục kho dữ liệu (mặc định data/processed của dự án)",
        )
    if reference:
        parser.add_argument(
            "--reference",
            type=Path,
            default=FromProject("reference"),
            help="thư mục danh mục (mặc định data/reference của dự án)",
        )


def _add_read_commands(commands) -> None:
    """sample, ingest, validate, feedback: the commands that read files into the store."""
    sample = commands.add_parser("sample", help="ghi bộ báo cáo mẫu của tỉnh mẫu (2019–2024)")
    store_options(sample, processed=False, reference=True)
    sample.add_argument(
        "dir",
        nargs="?",
        type=Path,
        default=FromProject("raw"),
        help="thư mục trống để ghi (mặc định data/raw)",
    )
    ingest = commands.add_parser("ingest", help="nhập các tệp báo cáo vào kho dữ liệu")
    store_options(ingest, processed=False, reference=True)
    ingest.add_argument(
        "raw_dir",
        nargs="?",
        type=Path,
        default=FromProject("raw"),
        help="thư mục báo cáo gốc (mặc định data/raw)",
    )
    ingest.add_argument(
        "--out",
        type=Path,
        default=FromProject("processed"),
        help="thư mục kho dữ liệu (mặc định data/processed)",
    )
    ingest.add_argument(
        "--workers", type=int, default=None, help="số tiến trình đọc song song (mặc định: số lõi CPU)"
    )
    validate = commands.add_parser("validate", help="kiểm tra số liệu trong kho, viết findings.csv")
    store_options(validate, processed=True, reference=True)
    validate.add_argument(
        "--strict", action="store_true", help="trả mã thoát 1 nếu có phát hiện mức lỗi (error)"
    )
    export = commands.add_parser(
        "export", help="ghi lại các tệp cho Excel (values.csv, findings.csv…) từ kho dữ liệu hiện hành"
    )
    store_options(export, processed=True, reference=False)
    feedback = commands.add_parser("feedback", help="bản sao báo cáo có đánh dấu ô lỗi để gửi lại đơn vị")
    store_options(feedback, processed=True, reference=True)
    feedback.add_argument(
        "--out",
        type=Path,
        default=FromProject("reports", ("phan-hoi",)),
        help="thư mục ghi (mặc định reports/phan-hoi)",
    )
    feedback.add_argument(
        "--raw", type=Path, default=FromProject("raw"), help="thư mục báo cáo gốc (mặc định data/raw)"
    )
    feedback.add_argument("--period", nargs="+", default=None, metavar="P", help="chỉ các kỳ này")
    feedback.add_argument(
        "--unit", nargs="+", default=(), metavar="U", help="chỉ các đơn vị này (mã hoặc tên)"
    )
    feedback.add_argument(
        "--include-info",
        action="store_true",
        help="ghi cả phát hiện mức thông tin (mặc định chỉ lỗi và cảnh báo)",
    )


def _add_template_command(commands) -> None:
    """template: blank forms to send out at the start of a period."""
    template = commands.add_parser(
        "template", help="mẫu biểu trống gửi đơn vị đầu kỳ (mỗi đơn vị một tệp .xlsx)"
    )
    store_options(template, processed=False, reference=True)
    template.add_argument("--period", required=True, metavar="P", help="kỳ, ví dụ 2025-H1")
    template.add_argument(
        "--unit", nargs="+", default=(), metavar="U", help="chỉ các đơn vị này (mặc định: mọi đơn vị)"
    )
    template.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help="thư mục ghi (mặc định reports/mau-bieu/<kỳ>)"
    )
    template.set_defaults(reports=FromProject("reports"))


def _add_project_commands(commands) -> None:
    """init, setup: a province's own project."""
    init = commands.add_parser("init", help="tạo thư mục dự án cho tỉnh của bạn")
    init.add_argument("folder", type=Path, metavar="THƯ_MỤC", help="thư mục mới (hoặc trống) của dự án")
    init.add_argument("--province", required=True, metavar="TÊN", help="tên tỉnh, ví dụ 'Kon Tum'")
    setup = commands.add_parser(
        "setup", help="đọc thiet-lap-tinh.xlsx (đơn vị, cụm, Liên đoàn), kiểm tra, ghi vào danh mục"
    )
    store_options(setup, processed=False, reference=True)
    setup.add_argument(
        "--workbook",
        dest="write_workbook",
        action="store_true",
        help="ghi lại thiet-lap-tinh.xlsx từ các tệp CSV của danh mục (để sửa bằng Excel)",
    )
    setup.set_defaults(workbook=FromProject("root", ("thiet-lap-tinh.xlsx",)))


def _add_labels_command(commands) -> None:
    """labels: the wordings read by likeness or not matched, and accepting them."""
    labels = commands.add_parser(
        "labels", help="các nội dung đọc theo nghĩa gần nhất hoặc chưa khớp; --accept để ghi nhận tên gọi"
    )
    store_options(labels, processed=True, reference=True)
    labels.add_argument(
        "--accept",
        nargs="*",
        default=None,
        metavar="NHÃN=MÃ",
        help="ghi nhận vào indicators.csv: không kèm giá trị = mọi nội dung đã đọc theo nghĩa gần nhất; "
        "hoặc từng cặp 'nội dung=mã chỉ tiêu'",
    )


def _periods_or_all_and_units(parser: argparse.ArgumentParser) -> None:
    """--period (or 'all') and --unit, as the commands that list what waits (findings, reports) take them."""
    every = PERIODS_HELP + "; 'all' là mọi kỳ"
    parser.add_argument("--period", nargs="+", default=None, metavar="P", help=every)
    parser.add_argument("--unit", nargs="+", default=None, metavar="U", help="đơn vị (mã hoặc tên)")


def _add_reports_command(commands) -> None:
    """reports: the units that sent only a Word report, the figures read from sentences."""
    reports = commands.add_parser(
        "reports", help="báo cáo Word: đơn vị chỉ gửi báo cáo, số liệu đọc từ văn bản chờ xác nhận"
    )
    store_options(reports, processed=True, reference=True)
    _periods_or_all_and_units(reports)
    reports.add_argument(
        "--confirm",
        action="store_true",
        help="ghi nhận các số liệu đang liệt kê là đã đối chiếu với văn bản (confirmed_figures.csv)",
    )


def _add_question_commands(commands) -> None:
    """table, trend, source: the commands that answer leadership's questions."""
    table = commands.add_parser("table", help="trả lời nhanh: chỉ tiêu theo kỳ, theo tỉnh/cụm/đơn vị")
    store_options(table, processed=True, reference=True)
    table.add_argument("indicators", nargs="+", metavar="IND", help="mã chỉ tiêu (ví dụ members workers)")
    table.add_argument("--period", nargs="+", default=None, metavar="P", help=PERIODS_HELP)
    table.add_argument("--by", choices=SCOPES, default="province", help=BY_HELP)
    _filters(table)
    table.add_argument("--wide", action="store_true", help="bảng đơn vị × chỉ tiêu của kỳ cuối")
    table.add_argument(
        "--sort",
        nargs="?",
        const="level",
        default=None,
        choices=SORTS,
        help="xếp hạng: level = số liệu kỳ cuối (mặc định), change = mức tăng, pct = %% tăng",
    )
    table.add_argument("--raw", action="store_true", help="so sánh tổng thô, không chỉ trên cùng đơn vị")
    table.add_argument(
        "--xlsx", type=Path, default=None, metavar="FILE", help="ghi thêm ra tệp Excel (.xlsx)"
    )
    trend = commands.add_parser("trend", help="xu hướng nhiều kỳ: bảng và biểu đồ")
    store_options(trend, processed=True, reference=True)
    trend.add_argument("indicators", nargs="+", metavar="IND", help="mã chỉ tiêu (ví dụ visits_amount)")
    trend.add_argument("--from", dest="start", default=None, metavar="P", help="từ kỳ (ví dụ 2019-FY)")
    trend.add_argument("--to", dest="end", default=None, metavar="P", help="đến kỳ (ví dụ 2024-FY)")
    trend.add_argument("--by", choices=SCOPES, default="province", help=BY_HELP)
    _filters(trend)
    trend.add_argument(
        "--out", type=Path, default=FromProject("figures"), help="thư mục biểu đồ (mặc định figures/)"
    )
    source = commands.add_parser(
        "source", help="một con số lấy từ đâu: tệp, sheet, ô, bản gửi trước, phát hiện"
    )
    store_options(source, processed=True, reference=True)
    source.add_argument("indicator", metavar="IND", help="mã chỉ tiêu (ví dụ members)")
    source.add_argument("--unit", required=True, metavar="U", help="đơn vị (mã hoặc tên)")
    source.add_argument("--period", required=True, metavar="P", help="kỳ (ví dụ 2024-FY, 2024-fy)")


def _add_report_commands(commands) -> None:
    """findings, list, brief, charts."""
    findings = commands.add_parser("findings", help="các phát hiện, lọc theo kỳ, đơn vị, mức, mã")
    store_options(findings, processed=True, reference=True)
    _periods_or_all_and_units(findings)
    findings.add_argument(
        "--severity",
        nargs="+",
        default=None,
        metavar="MỨC",
        help="lỗi (error), cảnh báo (warning), thông tin (info)",
    )
    findings.add_argument("--code", nargs="+", default=None, metavar="MÃ", help="mã phát hiện")
    findings.add_argument(
        "--xlsx", type=Path, default=None, metavar="FILE", help="ghi thêm ra tệp Excel (.xlsx)"
    )
    listing = commands.add_parser("list", help="liệt kê đơn vị, cụm, kỳ hoặc chỉ tiêu")
    store_options(listing, processed=True, reference=True)
    listing.add_argument(
        "what",
        choices=["units", "clusters", "periods", "indicators"],
        metavar="LOẠI",
        help="units | clusters | periods | indicators",
    )
    brief = commands.add_parser("brief", help="bản tin kỳ (HTML, notebook, bảng Excel) bằng papermill")
    store_options(brief, processed=True, reference=True)
    brief.add_argument("--period", metavar="P", help="kỳ, ví dụ 2020-FY (mặc định: kỳ mới nhất)")
    brief.add_argument("--cluster", default=None, metavar="C", help="bản tin của một cụm, ví dụ cum-2")
    brief.add_argument(
        "--out", type=Path, default=FromProject("reports"), help="thư mục ghi (mặc định reports/)"
    )
    brief.set_defaults(notebooks=FromProject("notebooks"))
    brief.add_argument("--all", action="store_true", help="mọi kỳ và mọi cụm, chạy song song")
    brief.add_argument("--pdf", action="store_true", help="in thêm bản PDF (Chromium, Edge hoặc Chrome)")
    brief.add_argument(
        "--docx", action="store_true", help="thêm bản Word theo thể thức văn bản hành chính (ban-tin.docx)"
    )
    brief.add_argument("--workers", type=int, default=None, help="số tiến trình khi có --all")
    chart = commands.add_parser("charts", help="vẽ các biểu đồ của một kỳ vào figures/")
    store_options(chart, processed=True, reference=True)
    chart.add_argument("--period", required=True, metavar="P", help="kỳ, ví dụ 2020-FY")
    chart.add_argument("--cluster", default=None, metavar="C", help="chỉ một cụm, ví dụ cum-2")
    chart.add_argument(
        "--out", type=Path, default=FromProject("figures"), help="thư mục ghi (mặc định figures/)"
    )


SCOPES = ["province", "cluster", "unit"]
SORTS = ["level", "change", "pct"]
BY_HELP = "tổng hợp theo tỉnh, cụm hay đơn vị (mặc định province)"
PERIODS_HELP = "một hay nhiều kỳ (ví dụ 2019-FY 2020-FY, 2024-fy); mặc định kỳ mới nhất"


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cluster", nargs="+", default=(), metavar="C", help="chỉ các cụm này (mã hoặc tên)")
    parser.add_argument("--unit", nargs="+", default=(), metavar="U", help="chỉ các đơn vị này (mã hoặc tên)")


_VIETNAMESE = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tuỳ chọn",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn %(value)r không hợp lệ (chọn một trong %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tuỳ chọn %(option)s mơ hồ, có thể là %(matches)s"
    ),
}


def _translate(text: str) -> str:
    return _VIETNAMESE.get(text, text)


class VietnameseParser(argparse.ArgumentParser):
    """argparse with its own messages in Vietnamese, and an error as one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"Lỗi: {message}. Xem '{self.prog} --help'.\n")


def _project_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--project",
        type=Path,
        default=default,
        metavar="DIR",
        help="thư mục dự án (mặc định: thư mục có tệp unionstats.toml, từ thư mục hiện tại trở lên)",
    )


class _Commands:
    """``add_parser`` that gives every command the --project option too."""

    def __init__(self, commands) -> None:
        self.commands = commands

    def add_parser(self, *args, **kwargs) -> argparse.ArgumentParser:
        parser = self.commands.add_parser(*args, **kwargs)
        _project_option(parser, argparse.SUPPRESS)  # after the command as well as before it
        return parser


def build_parser() -> argparse.ArgumentParser:
    argparse._ = _translate  # argparse looks its messages up through gettext's ``_``
    parser = VietnameseParser(
        prog="unionstats",
        description="Đọc, kiểm tra và tổng hợp báo cáo Excel của LĐLĐ tỉnh.",
    )
    _project_option(parser, None)
    commands = _Commands(
        parser.add_subparsers(dest="command", required=True, metavar="LỆNH", parser_class=VietnameseParser)
    )
    _add_project_commands(commands)
    _add_read_commands(commands)
    _add_labels_command(commands)
    _add_reports_command(commands)
    _add_template_command(commands)
    _add_question_commands(commands)
    _add_report_commands(commands)
    return parser
