"""Findings -> annotated copies of submissions, ready to send back to the units.

For each submission with findings, a copy of the workbook is written (the original in
``data/raw`` is never touched) with the problem cells highlighted and a Vietnamese comment
on each, and a first sheet "Kết quả kiểm tra" listing every finding with its cell. An .xls
or .ods file, which openpyxl cannot edit, is rebuilt as .xlsx from its cell values; a file
that could not be opened at all gets the results sheet alone.

Every text written is safe against formula injection (see :mod:`unionstats.spreadsheet_text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from unionstats.atomic import write_file
from unionstats.errors import InputFileError
from unionstats.file_names import safe_name
from unionstats.read.cells import read_workbook
from unionstats.read.inventory import is_document
from unionstats.spreadsheet_text import put_text, safe_text
from unionstats.store.files import manifest_by_file, read_findings, read_manifest, read_values, write_csv

RESULTS_SHEET = "Kết quả kiểm tra"
SEVERITY_VI = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}
FILLS = {
    "error": PatternFill("solid", start_color="FFF4B6B6"),
    "warning": PatternFill("solid", start_color="FFFFE699"),
    "info": PatternFill("solid", start_color="FFDDEBF7"),
}
_A1 = re.compile(r"^[A-Z]{1,3}[1-9]\d*$")


@dataclass
class FeedbackFile:
    source: str
    output: Path
    unit: str
    period: str
    n_findings: int
    rebuilt: bool


def _empty_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def _open_copy(path: Path) -> tuple[Workbook, bool]:
    """The workbook to annotate: the file itself (xlsx) or a rebuild from its values."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            return load_workbook(path), False
        except Exception:  # an xlsx openpyxl cannot load is rebuilt from calamine's values
            pass
    workbook = _empty_workbook()
    try:
        grids = read_workbook(path)
    except InputFileError:
        return workbook, True
    for grid in grids:
        sheet = workbook.create_sheet(grid.name[:31])
        for r, row in enumerate(grid.rows):
            for c, value in enumerate(row):
                if value is not None and value != "":
                    put_text(sheet.cell(row=r + 1, column=c + 1), value)
        for r1, c1, r2, c2 in grid.merged:
            sheet.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    return workbook, True


def _results_sheet(
    workbook: Workbook, findings: pd.DataFrame, source: str, rebuilt: bool, labels: dict[str, str]
) -> Worksheet:
    sheet = workbook.create_sheet(RESULTS_SHEET, 0)
    put_text(sheet["A1"], f"KẾT QUẢ KIỂM TRA SỐ LIỆU: {source}")
    sheet["A1"].font = Font(bold=True, size=13)
    note = (
        "Các ô có vấn đề được tô màu (đỏ: lỗi, vàng: cảnh báo) và có ghi chú. Đề nghị đơn vị "
        "kiểm tra, sửa và gửi lại tệp mới; không sửa trực tiếp trên bản này."
    )
    if is_document(source):
        note = (
            "Các số liệu dưới đây đọc từ báo cáo Word của đơn vị (đoạn N là đoạn thứ N của văn bản). "
            "Đề nghị đơn vị kiểm tra và gửi lại biểu số liệu hoặc báo cáo đã sửa."
        )
    elif not workbook.sheetnames[1:]:
        note += " Tệp gốc không đọc được nên bản này chỉ gồm kết quả kiểm tra."
    elif rebuilt:
        note += " Bản này dựng lại từ tệp gốc .xls/.ods nên chỉ giữ giá trị, không giữ định dạng."
    put_text(sheet["A2"], note)
    headers = ["STT", "Mức độ", "Sheet", "Ô", "Chỉ tiêu", "Nội dung"]
    for col, text in enumerate(headers, start=1):
        put_text(sheet.cell(row=4, column=col), text)
        sheet.cell(row=4, column=col).font = Font(bold=True)
    for index, finding in enumerate(findings.itertuples(index=False), start=1):
        row = 4 + index
        values = [
            index,
            SEVERITY_VI.get(finding.severity, finding.severity),
            finding.sheet,
            finding.cell,
            labels.get(finding.indicator, finding.indicator),
            finding.message,
        ]
        for col, value in enumerate(values, start=1):
            put_text(sheet.cell(row=row, column=col), value)
        sheet.cell(row=row, column=2).fill = FILLS.get(finding.severity, FILLS["info"])
        sheet.cell(row=row, column=6).alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip(range(1, 7), (5, 10, 18, 7, 30, 100), strict=True):
        sheet.column_dimensions[get_column_letter(col)].width = width
    return sheet


def _annotate(workbook: Workbook, findings: pd.DataFrame) -> None:
    for (sheet_name, cell), group in findings.groupby(["sheet", "cell"]):
        if sheet_name not in workbook.sheetnames or not _A1.match(str(cell)):
            continue
        target = workbook[sheet_name][cell]
        worst = min(group["severity"], key=lambda s: list(SEVERITY_VI).index(s))
        text = "\n".join(
            f"[{SEVERITY_VI.get(s, s)}] {m}" for s, m in zip(group["severity"], group["message"], strict=True)
        )
        if type(target).__name__ == "MergedCell":
            continue
        target.fill = FILLS.get(worst, FILLS["info"])
        comment = Comment(str(safe_text(text)), "unionstats")
        comment.width, comment.height = 420, 60 + 40 * len(group)
        target.comment = comment


def _to_send(
    findings: pd.DataFrame,
    manifest: pd.DataFrame,
    include_info: bool,
    periods: list[str] | None,
    units: list[str] | None,
) -> pd.DataFrame:
    """The findings a unit is sent: on one of its files, serious enough, of the periods and
    units asked."""
    severities = ["error", "warning", "info"] if include_info else ["error", "warning"]
    wanted = findings[findings["severity"].isin(severities) & (findings["file"] != "")]
    if periods:
        wanted = wanted[wanted["period"].isin(periods)]
    if units:
        wanted = wanted[wanted["unit"].isin(units)]
    return wanted[wanted["file"].isin(manifest.index)]


def write_feedback(
    processed: Path,
    raw: Path,
    out: Path,
    *,
    labels: dict[str, str] | None = None,
    include_info: bool = False,
    periods: list[str] | None = None,
    units: list[str] | None = None,
) -> list[FeedbackFile]:
    """Write one annotated copy per submission with findings under ``out/<period>/``.

    ``labels`` maps indicator codes to the Vietnamese labels shown to the unit; ``periods``
    and ``units`` (codes) keep only their submissions. Returns what was written;
    ``out/danh-sach-phan-hoi.csv`` lists it too.
    """
    processed, raw, out = Path(processed), Path(raw), Path(out)
    read_values(processed)  # a missing store is an error, not an empty feedback
    findings = read_findings(processed)
    full = read_manifest(processed)
    units_of = full.groupby("path")["unit"].agg(lambda s: "|".join(sorted(set(s) - {""})))
    manifest = manifest_by_file(full).set_index("path")
    wanted = _to_send(findings, manifest, include_info, periods, units)
    written: list[FeedbackFile] = []
    for source, group in wanted.groupby("file", sort=True):
        status, document = manifest.at[source, "status"], is_document(source)
        if status not in ("ingested", "quarantined") and not document:  # a report beside a form: sent
            continue
        if status == "ingested" and not document and not (raw / source).is_file():
            continue  # a quarantined file or a Word report is not reopened
        order = group["severity"].map({"error": 0, "warning": 1, "info": 2})
        group = group.assign(_order=order).sort_values(["_order", "sheet", "cell"]).drop(columns="_order")
        if status == "quarantined" or document:  # never reopened: the findings are all the unit needs
            workbook, rebuilt = _empty_workbook(), True
        else:
            workbook, rebuilt = _open_copy(raw / source)
        _annotate(workbook, group)
        _results_sheet(workbook, group, source, rebuilt, labels or {})
        workbook.active = 0
        period = group["period"].iloc[0] or manifest.at[source, "period"] or "khong-ro-ky"
        target = out / period / f"{safe_name(PurePosixPath(source).stem)} (ket qua kiem tra).xlsx"
        write_file(target, workbook.save)
        unit = units_of.get(source) or group["unit"].iloc[0]  # a file of several units names them all
        written.append(FeedbackFile(source, target, unit, period, len(group), rebuilt))
    index = pd.DataFrame(
        [
            {
                "source_file": f.source,
                "output": f.output.relative_to(out).as_posix(),
                "unit": f.unit,
                "period": f.period,
                "n_findings": f.n_findings,
                "rebuilt": f.rebuilt,
            }
            for f in written
        ],
        columns=["source_file", "output", "unit", "period", "n_findings", "rebuilt"],
    )
    write_csv(index, out / "danh-sach-phan-hoi.csv")
    return written
