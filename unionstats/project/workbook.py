"""The set-up workbook: a province's units, clusters and federation, entered in Excel.

``unionstats init`` writes ``thiet-lap-tinh.xlsx`` beside the project's marker, one sheet per
table with Vietnamese headers and drop-down lists; ``unionstats setup`` reads it back, checks
every row, and only when every row is right writes ``units.csv``, ``clusters.csv`` and
``organisation.csv`` (each former file copied to ``data/reference/sao-luu/`` first). A row that
is wrong is named in one line: the sheet, the row, what is wrong and how to put it right.
``unionstats setup --workbook`` writes the workbook again from the CSV files, so that a
project whose registry was kept as CSV can be edited in Excel too.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from unionstats.atomic import write_file
from unionstats.errors import UsageError
from unionstats.periods import parse_code
from unionstats.reference import REQUIRED_COLUMNS, read_reference_csv, replace_reference_csv
from unionstats.spreadsheet_text import put_text
from unionstats.text import fold, squash, unit_key

WORKBOOK = "thiet-lap-tinh.xlsx"
UNITS, CLUSTERS, FEDERATION, GUIDE = "Đơn vị", "Cụm thi đua", "Liên đoàn", "Hướng dẫn"
UNIT_HEADERS = ("Mã đơn vị", "Tên đơn vị", "Loại", "Tên gọi khác (cách nhau bởi |)", "Từ kỳ", "Đến kỳ")
CLUSTER_HEADERS = ("Năm", "Mã cụm", "Tên cụm", "Đơn vị (mã hoặc tên)", "Vai trò")
FEDERATION_HEADERS = ("Nội dung", "Giá trị", "Mã (không sửa)")
KINDS = {"huyện/thành phố": "district", "công đoàn ngành": "sector"}
KIND_FROM_NAME = (("ldld ", "district"), ("lien doan lao dong ", "district"), ("cong doan ", "sector"))
ROLES = {"trưởng cụm": "truong", "phó cụm": "pho", "": ""}
REQUIRED_FEDERATION = ("issuing_body", "place")
GUIDE_LINES = (
    "Thiết lập tỉnh của bạn",
    "",
    "1. Sheet 'Đơn vị': mỗi LĐLĐ huyện, thành phố và Công đoàn ngành một dòng. Mã đơn vị để trống thì "
    "được tự tạo từ tên (chữ không dấu, ví dụ dak-to). Loại: chọn trong danh sách; để trống thì lấy "
    "theo tên (LĐLĐ… là huyện/thành phố, Công đoàn… là công đoàn ngành). Tên gọi khác: cách "
    "các đơn vị hay viết tên mình trong báo cáo (LĐLĐ huyện Đăk Tô|Dak To), cách nhau bởi |. Từ kỳ / "
    "Đến kỳ: để trống nếu đơn vị có từ trước và vẫn còn (ví dụ 2025-FY nếu giải thể sau kỳ đó).",
    "2. Sheet 'Cụm thi đua': mỗi năm, mỗi đơn vị một dòng: năm, mã cụm (ví dụ cum-1), tên cụm, đơn vị "
    "(mã hoặc tên), vai trò (trưởng cụm, phó cụm hoặc để trống).",
    "3. Sheet 'Liên đoàn': tên cơ quan, địa danh, người ký, nơi nhận… in trên bản tin.",
    "4. Lưu tệp (giữ dạng .xlsx), rồi chạy: unionstats setup",
    "   Dòng nào sai được báo đúng sheet và số dòng; chưa sửa xong thì chưa ghi gì.",
)
HEADER_FILL = PatternFill("solid", start_color="FFDDEBF7")


@dataclass
class Problems:
    """The rows that are wrong, each as one line."""

    lines: list[str] = field(default_factory=list)

    def add(self, sheet: str, row: int, text: str) -> None:
        self.lines.append(f"{WORKBOOK}, sheet '{sheet}', dòng {row}: {text}")


class SetupError(UsageError):
    """The set-up workbook has rows to put right (``lines``: one per row)."""

    default_code = "setup_invalid"

    def __init__(self, lines: list[str]) -> None:
        super().__init__(f"{lines[0]} (và {len(lines) - 1} dòng khác)" if len(lines) > 1 else lines[0])
        self.lines = lines


def code_from_name(name: str) -> str:
    """A cluster's code made from its name: ``"Cụm 1"`` → ``"cum-1"``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def unit_code_from_name(name: str) -> str:
    """A unit's code made from its name, without the prefixes every unit shares, as in the
    sample: ``"LĐLĐ huyện Đăk Tô"`` → ``"dak-to"``, ``"Công đoàn ngành Y tế"`` → ``"cd-y-te"``."""
    sector = re.match(r"(?:cong doan|cd)\s+(?:nganh\s+)?(.+)", fold(name))
    if sector:
        return "cd-" + code_from_name(sector.group(1))
    return code_from_name(unit_key(name)) or code_from_name(name)


def _sheet(workbook: Workbook, title: str, headers: tuple[str, ...], widths: tuple[int, ...]):
    sheet = workbook.create_sheet(title)
    for col, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(row=1, column=col)
        put_text(cell, text)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"
    return sheet


def _choices(sheet, column: str, options: list[str]) -> None:
    listed = ",".join(options)
    validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
    validation.error = f"Chọn một trong: {', '.join(o for o in options if o)}."
    sheet.add_data_validation(validation)
    validation.add(f"{column}2:{column}1000")


def write_workbook(path: Path, reference: Path) -> Path:
    """Write the set-up workbook at ``path`` from the registry files in ``reference``."""
    units = read_reference_csv(reference / "units.csv", REQUIRED_COLUMNS["units.csv"])
    clusters = read_reference_csv(reference / "clusters.csv", REQUIRED_COLUMNS["clusters.csv"])
    federation = read_reference_csv(reference / "organisation.csv", ("field", "value", "meaning"))
    workbook = Workbook()
    guide = workbook.active
    guide.title = GUIDE
    guide.column_dimensions["A"].width = 120
    for row, text in enumerate(GUIDE_LINES, start=1):
        put_text(guide.cell(row=row, column=1), text)
        guide.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    guide["A1"].font = Font(bold=True, size=14)
    kinds = {code: label for label, code in KINDS.items()}
    sheet = _sheet(workbook, UNITS, UNIT_HEADERS, (18, 34, 18, 60, 10, 10))
    for row in units.itertuples(index=False):
        values = (
            row.unit_code,
            row.name,
            kinds.get(row.kind, row.kind),
            row.aliases,
            row.valid_from,
            row.valid_to,
        )
        sheet.append([None] * len(values))
        for col, value in enumerate(values, start=1):
            put_text(sheet.cell(row=sheet.max_row, column=col), value)
    _choices(sheet, "C", list(KINDS))
    roles = {code: label for label, code in ROLES.items()}
    sheet = _sheet(workbook, CLUSTERS, CLUSTER_HEADERS, (8, 12, 28, 34, 14))
    names = dict(zip(units["unit_code"], units["name"], strict=True))
    for row in clusters.itertuples(index=False):
        values = (int(row.year), row.cluster_code, row.cluster_name, names.get(row.unit_code, row.unit_code))
        sheet.append([*values, roles.get(row.role, row.role)])
    _choices(sheet, "E", list(ROLES))
    sheet = _sheet(workbook, FEDERATION, FEDERATION_HEADERS, (50, 70, 18))
    for row in federation.itertuples(index=False):
        sheet.append([None, None, None])
        for col, value in enumerate((row.meaning, row.value, row.field), start=1):
            put_text(sheet.cell(row=sheet.max_row, column=col), value)
        sheet.cell(row=sheet.max_row, column=3).font = Font(color="FF808080")
    write_file(path, workbook.save)
    return path


def _rows(sheet, width: int) -> list[tuple[int, list[str]]]:
    """(row number, texts) of every row below the header that holds anything."""
    found = []
    for number, values in enumerate(sheet.iter_rows(min_row=2, max_col=width, values_only=True), start=2):
        texts = [
            ""
            if v is None
            else " ".join(str(int(v) if isinstance(v, float) and v.is_integer() else v).split())
            for v in values
        ]
        if any(texts):
            found.append((number, texts))
    return found


def _period(text: str) -> str:
    return parse_code(text.upper()).code if text else ""


def kind_from_name(name: str) -> str:
    """``district`` or ``sector`` when the name says it ("LĐLĐ huyện …", "Công đoàn ngành …"),
    else ``""``: only a name that begins so is taken, never a likeness."""
    folded = fold(name) + " "
    return next((kind for start, kind in KIND_FROM_NAME if folded.startswith(start)), "")


def _read_units(sheet, problems: Problems, named: set[str]) -> list[dict[str, str]]:
    """The unit rows that are right; ``named`` gathers the name of every row, right or not,
    so that a cluster row naming a unit whose own row is wrong is not reported twice."""
    units: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    for number, (code, name, kind, aliases, start, end) in _rows(sheet, len(UNIT_HEADERS)):
        if not name:
            problems.add(UNITS, number, "thiếu tên đơn vị (cột B).")
            continue
        named.update(squash(text) for text in (code, name, *aliases.split("|")) if text)
        code = code.lower() or unit_code_from_name(name)
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", code):
            problems.add(
                UNITS,
                number,
                f"mã '{code}' chỉ dùng chữ không dấu, số và '-' (ví dụ dak-to); để trống để tự tạo.",
            )
            continue
        if code in seen:
            problems.add(UNITS, number, f"mã '{code}' trùng với dòng {seen[code]}: mỗi đơn vị một mã.")
            continue
        seen[code] = number
        unit_kind = KINDS.get(kind.lower(), kind.lower() if kind.lower() in KINDS.values() else "")
        if not kind:
            unit_kind = kind_from_name(name)
        if not unit_kind:
            said = f"loại '{kind}' không có" if kind else "chưa có loại và tên không nói rõ"
            problems.add(UNITS, number, f"{said}: chọn 'huyện/thành phố' hoặc 'công đoàn ngành' ở cột C.")
            continue
        try:
            valid = (_period(start), _period(end))
        except ValueError:
            problems.add(
                UNITS, number, f"kỳ '{start or end}' không đúng dạng (ví dụ 2019-H1, 2025-FY) hoặc để trống."
            )
            continue
        units.append(
            {
                "unit_code": code,
                "name": name,
                "kind": unit_kind,
                "aliases": aliases,
                "valid_from": valid[0],
                "valid_to": valid[1],
            }
        )
    return units


def _read_clusters(
    sheet, units: list[dict[str, str]], named: set[str], problems: Problems
) -> list[dict[str, str]]:
    by_key = {squash(u["unit_code"]): u["unit_code"] for u in units}
    for unit in units:
        for text in (unit["name"], *unit["aliases"].split("|")):
            if text:
                by_key.setdefault(squash(text), unit["unit_code"])
    clusters: list[dict[str, str]] = []
    seen: dict[tuple[str, str], int] = {}
    for number, (year, code, name, unit_text, role) in _rows(sheet, len(CLUSTER_HEADERS)):
        if not re.fullmatch(r"\d{4}", year):
            problems.add(CLUSTERS, number, f"năm '{year}' không phải năm (ví dụ 2025).")
            continue
        code = code.lower() or code_from_name(name)
        if not code or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", code):
            problems.add(CLUSTERS, number, "thiếu mã cụm hoặc mã có chữ có dấu (ví dụ cum-1).")
            continue
        unit = by_key.get(squash(unit_text))
        if unit is None and squash(unit_text) in named:
            continue  # its row in 'Đơn vị' is wrong and already reported
        if unit is None:
            close = difflib.get_close_matches(unit_text, [u["name"] for u in units], n=1)
            hint = f" Có phải '{close[0]}'?" if close else " Thêm đơn vị vào sheet 'Đơn vị' trước."
            problems.add(CLUSTERS, number, f"không có đơn vị '{unit_text}' trong sheet 'Đơn vị'.{hint}")
            continue
        if (year, unit) in seen:
            problems.add(
                CLUSTERS, number, f"đơn vị '{unit_text}' đã có cụm năm {year} ở dòng {seen[year, unit]}."
            )
            continue
        seen[year, unit] = number
        if role.lower() not in ROLES and role.lower() not in ROLES.values():
            problems.add(CLUSTERS, number, f"vai trò '{role}': chọn 'trưởng cụm', 'phó cụm' hoặc để trống.")
            continue
        clusters.append(
            {
                "year": year,
                "cluster_code": code,
                "cluster_name": name or code,
                "unit_code": unit,
                "role": ROLES.get(role.lower(), role.lower()),
            }
        )
    return clusters


def _read_federation(sheet, reference: Path, problems: Problems) -> list[dict[str, str]]:
    current = read_reference_csv(reference / "organisation.csv", ("field", "value", "meaning"))
    values = {code: value for number, (meaning, value, code) in _rows(sheet, len(FEDERATION_HEADERS)) if code}
    rows = []
    for number, row in enumerate(current.itertuples(index=False), start=2):
        value = values.get(row.field, row.value)
        if row.field in REQUIRED_FEDERATION and not value:
            problems.add(FEDERATION, number, f"'{row.meaning}' không được để trống.")
        rows.append({"field": row.field, "value": value, "meaning": row.meaning})
    return rows


def apply_workbook(path: Path, reference: Path) -> dict[str, int]:
    """Check the set-up workbook at ``path`` and, when every row is right, write the
    registry files into ``reference``; returns how many units and cluster rows.

    Raises
    ------
    SetupError
        Listing every row to put right; nothing is written then.
    """
    if not path.is_file():
        raise UsageError(f"Không có tệp {path}: chạy 'unionstats setup --workbook' để tạo lại.", code="usage")
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # not a workbook, or saved in another format under the name
        raise UsageError(
            f"Không mở được {path.name}: lưu lại tệp dạng .xlsx bằng Excel.", code="usage"
        ) from None
    problems = Problems()
    missing = [name for name in (UNITS, CLUSTERS, FEDERATION) if name not in workbook.sheetnames]
    if missing:
        raise UsageError(f"{path.name} thiếu sheet {', '.join(missing)}: chạy 'unionstats setup --workbook'.")
    named: set[str] = set()
    units = _read_units(workbook[UNITS], problems, named)
    if not units and not problems.lines:
        problems.add(UNITS, 2, "chưa có đơn vị nào: mỗi LĐLĐ huyện, thành phố, Công đoàn ngành một dòng.")
    clusters = _read_clusters(workbook[CLUSTERS], units, named, problems)
    federation = _read_federation(workbook[FEDERATION], reference, problems)
    workbook.close()
    if problems.lines:
        raise SetupError(problems.lines)
    replace_reference_csv(reference, "units.csv", list(REQUIRED_COLUMNS["units.csv"]), units)
    replace_reference_csv(reference, "clusters.csv", list(REQUIRED_COLUMNS["clusters.csv"]), clusters)
    replace_reference_csv(reference, "organisation.csv", ["field", "value", "meaning"], federation)
    return {"units": len(units), "clusters": len(clusters)}
