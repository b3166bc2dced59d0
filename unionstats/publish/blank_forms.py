"""Blank report forms to send out at the start of a period (``unionstats template``).

One .xlsx per unit: the unit and period filled in and locked; the indicator rows in the
catalogue's order (year-end ratings only on full-year forms) with their units of measure;
input cells unlocked and validated (whole numbers ≥ 0 for counts, numbers ≥ 0 for money in
triệu đồng) with a Vietnamese input message; a CĐCS-list sheet; A4 print settings; and the
hidden marker sheet of :mod:`unionstats.form_marker`, so that the returned form is read
with certainty. The writer is openpyxl; files are written atomically.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation

from unionstats import form_marker as marker
from unionstats.atomic import write_file
from unionstats.catalogue import Indicator
from unionstats.errors import UsageError
from unionstats.file_names import safe_name
from unionstats.periods import Period, parse_code
from unionstats.reference import Registry
from unionstats.spreadsheet_text import put_text

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DETAIL_ROWS = 150


def form_rows(registry: Registry, period: Period) -> list[Indicator]:
    """The indicators a form of ``period`` asks for, in the catalogue's order."""
    return [spec for spec in registry.catalogue.values() if period.period_type == "FY" or not spec.fy_only]


def write_forms(registry: Registry, period_code: str, units: list[str], out: Path) -> list[Path]:
    """Write one blank form per unit of ``units`` (all units expected for the period when
    empty) into ``out``; returns the files written.

    Raises
    ------
    UsageError
        For a period code that is not one, or a unit not in ``units.csv`` (with the closest).
    """
    try:
        period = parse_code(period_code.upper())
    except ValueError:
        raise UsageError(f"Kỳ '{period_code}' không đúng dạng (ví dụ 2025-H1, 2025-FY).") from None
    wanted = sorted(registry.unit_codes(units)) if units else registry.expected_units(period)
    return [
        write_file(
            Path(out) / f"{safe_name(f'{unit}_{period.code}')}.xlsx", build_form(registry, period, unit).save
        )
        for unit in wanted
    ]


def build_form(registry: Registry, period: Period, unit: str) -> Workbook:
    """The blank form of one unit and period (an openpyxl workbook, not yet saved)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = marker.REPORT_SHEET
    rows = _report_sheet(sheet, registry, period, unit)
    _detail_sheet(workbook.create_sheet(marker.DETAIL_SHEET), period)
    hidden = workbook.create_sheet(marker.MARKER_SHEET)
    values = {
        "form_version": marker.FORM_VERSION,
        "unit_code": unit,
        "period": period.code,
        "sheet": marker.REPORT_SHEET,
        "label_column": marker.COLUMNS["label"],
        "measure_column": marker.COLUMNS["measure"],
        "value_column": marker.COLUMNS["value"],
    }
    for line, key in enumerate(marker.KEYS, start=1):
        hidden.cell(row=line, column=1, value=key)
        hidden.cell(row=line, column=2, value=values[key])
    for line, (row, code) in enumerate(rows, start=marker.ROWS_START):
        hidden.cell(row=line, column=1, value=row)
        hidden.cell(row=line, column=2, value=code)
    hidden.sheet_state = "hidden"
    hidden.protection.sheet = True
    return workbook


def _report_sheet(sheet, registry: Registry, period: Period, unit: str) -> list[tuple[int, str]]:
    name = registry.unit_names[unit]
    lines = [
        (1, f"ĐƠN VỊ: {name.upper()}", True),
        (2, f"BÁO CÁO SỐ LIỆU {period.label_vi.upper()}", True),
        (3, f"Đơn vị báo cáo: {name}", False),
        (4, f"Kỳ báo cáo: {period.label_vi} ({period.code})", False),
        (5, "Chỉ điền vào các ô màu vàng; không thêm, xoá hay đổi chỗ các dòng.", False),
    ]
    for row, text, bold in lines:
        put_text(sheet.cell(row=row, column=1), text)
        sheet.cell(row=row, column=1).font = Font(name="Times New Roman", size=13, bold=bold)
    header = marker.HEADER_ROW
    for col, text in enumerate(("TT", "Nội dung", "Đơn vị tính", "Số lượng", "Ghi chú"), start=1):
        cell = sheet.cell(row=header, column=col, value=text)
        cell.font, cell.border = Font(name="Times New Roman", bold=True), BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    counts = _validation("whole", "Số đếm: số nguyên từ 0 trở lên; để trống nếu không có số liệu.")
    money = _validation("decimal", "Số tiền, đơn vị triệu đồng (ví dụ 51,55); để trống nếu không có.")
    sheet.add_data_validation(counts)
    sheet.add_data_validation(money)
    rows = []
    for number, spec in enumerate(form_rows(registry, period), start=1):
        row = header + number
        measure = marker.MONEY_MEASURE_ON_FORM if spec.money else spec.measure
        for col, value in ((1, number), (2, spec.label), (3, measure)):
            cell = sheet.cell(row=row, column=col)
            if isinstance(value, str):
                put_text(cell, value)
            else:
                cell.value = value
            cell.border, cell.font = BOX, Font(name="Times New Roman")
        for col in (marker.COLUMNS["value"], marker.COLUMNS["note"]):
            cell = sheet[f"{col}{row}"]
            cell.protection, cell.fill, cell.border = Protection(locked=False), INPUT_FILL, BOX
        (money if spec.money else counts).add(f"{marker.COLUMNS['value']}{row}")
        rows.append((row, spec.code))
    for col, width in zip("ABCDE", (5, 58, 13, 14, 24), strict=True):
        sheet.column_dimensions[col].width = width
    _print_settings(sheet, header)
    sheet.protection.sheet = True
    return rows


def _validation(kind: str, prompt: str) -> DataValidation:
    validation = DataValidation(type=kind, operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    validation.promptTitle, validation.prompt = "Nhập số liệu", prompt
    validation.errorTitle, validation.error = "Số liệu không hợp lệ", prompt
    validation.showInputMessage = validation.showErrorMessage = True
    return validation


def _detail_sheet(sheet, period: Period) -> None:
    headers = ["TT", "Tên CĐCS", "Tổng số CNVCLĐ", "Tổng số đoàn viên", "Đoàn viên nữ"]
    headers += ["Xếp loại"] if period.period_type == "FY" else []
    put_text(sheet.cell(row=1, column=1), f"DANH SÁCH CÔNG ĐOÀN CƠ SỞ - {period.label_vi.upper()}")
    for col, text in enumerate(headers, start=1):
        cell = sheet.cell(row=3, column=col, value=text)
        cell.font, cell.border = Font(bold=True), BOX
    rating = DataValidation(
        type="list", formula1='"Xuất sắc,Tốt,Hoàn thành,Không hoàn thành"', allow_blank=True
    )
    whole = _validation("whole", "Số người: số nguyên từ 0 trở lên.")
    sheet.add_data_validation(rating)
    sheet.add_data_validation(whole)
    for row in range(4, 4 + DETAIL_ROWS):
        for col in range(2, len(headers) + 1):
            cell = sheet.cell(row=row, column=col)
            cell.protection, cell.border = Protection(locked=False), BOX
        whole.add(f"C{row}:E{row}")
        if period.period_type == "FY":
            rating.add(f"F{row}")
    for col, width in zip("ABCDEF", (5, 40, 16, 16, 14, 18), strict=True):
        sheet.column_dimensions[col].width = width
    _print_settings(sheet, 3)
    sheet.protection.sheet = True


def _print_settings(sheet, header_row: int) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_margins.left = sheet.page_margins.right = 0.6
