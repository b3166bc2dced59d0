"""Laying out the sample offices' forms as sheets: the report and the attached CĐCS list."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from unionstats.periods import Period
from unionstats.read.cells_a1 import a1
from unionstats.reference import Registry
from unionstats.sample.styles import ORG_LINE, PLACE, ROMAN, TEMPLATE_2019, TEMPLATE_2021, UNIT_STYLES, Style
from unionstats.sample.truth import (
    DETAIL_FROM_YEAR,
    DETAIL_UNITS,
    INCONSISTENT_DETAIL,
    INCONSISTENT_DETAIL_EXTRA_FEMALE,
    RATINGS,
    allocate,
    seeded_rng,
)
from unionstats.sample.writers import Formula, SheetSpec


def _label(registry: Registry, indicator: str, style: Style, rng: np.random.Generator) -> str:
    spec = registry.catalogue[indicator]
    choices = [spec.label, *spec.aliases]
    text = str(choices[int(rng.integers(len(choices)))])
    if style.label_case == "upper":
        text = text.upper()
    elif style.label_case == "nfd":
        text = unicodedata.normalize("NFD", text)
    return text


def _count_cell(value: float, style: Style, rng: np.random.Generator) -> object:
    value = int(value)
    if style.counts == "vn_text" and value >= 1000:
        return f"{value:,}".replace(",", ".")
    if style.counts == "space_text" and value >= 1000:
        separator = "\u00a0" if rng.random() < 0.5 else " "
        return f"{value:,}".replace(",", separator)
    if style.counts == "us_text" and value >= 1000:
        return f"{value:,}"
    if style.counts == "noise" and value >= 100:
        return value + (1e-7 if rng.random() < 0.5 else -1e-7)
    return value


def _vn_decimal(number: float) -> str:
    text = f"{number:,.4f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


_AMBIGUOUS = re.compile(r"^\d{1,3}[.,]\d{3}(?: \w+)?$")


def _money_cell(value: float, style: Style) -> tuple[object, str]:
    """Return (cell content, measure column text) for an amount in đồng.

    Where the unit's style would give a text both conventions read differently
    ("117,188 triệu"), the office writes the full amount in đồng instead, as careful
    offices do; the readers' handling of such ambiguity is tested with fixtures.
    """
    cell, measure = _money_in_style(int(value), style)
    if isinstance(cell, str) and _AMBIGUOUS.match(cell):
        return f"{int(value):,}".replace(",", ".") + "đ", "đồng"
    return cell, measure


def _money_in_style(value: int, style: Style) -> tuple[object, str]:
    if style.money == "dong":
        return value, "đồng"
    if style.money == "dong_text":
        return f"{value:,}".replace(",", ".") + "đ", "đồng"
    if style.money == "trieu":
        return value / 1_000_000, "triệu đồng"
    if style.money == "trieu_text":
        return _vn_decimal(value / 1_000_000), "Tr.đ"
    if style.money == "nghin":
        return value // 1000, "nghìn đồng"
    if value >= 1_000_000_000:
        return f"{_vn_decimal(value / 1_000_000_000)} tỷ", "đồng"
    return f"{_vn_decimal(value / 1_000_000)} triệu", "VNĐ"


def _title_lines(unit: str, period: Period, number: int) -> tuple[list[str], str]:
    if period.period_type == "H1":
        title = f"Kết quả hoạt động công đoàn 6 tháng đầu năm {period.year}"
        cut_off = f"(Tính đến 31/5/{period.year})"
    else:
        title = f"Số liệu tổng kết hoạt động công đoàn năm {period.year}"
        cut_off = f"(Tính đến 30/11/{period.year})"
    return ["BÁO CÁO", title, cut_off], f"Số: {number}/BC-LĐLĐ"


def file_name(style: Style, unit: str, period: Period) -> str:
    short = ("6T" if period.period_type == "H1" else "Nam") + str(period.year)
    words = ("6 thang " if period.period_type == "H1" else "nam ") + str(period.year)
    ascii_name = "".join(part.capitalize() for part in unit.split("-"))
    return style.filename.format(
        period_short=short, period_words=words, period_code=period.code.replace("-", "_"), ascii=ascii_name
    )


def build_form(
    registry: Registry,
    unit: str,
    period: Period,
    values: dict[str, float],
    prior: dict[str, float] | None,
    *,
    style: Style | None = None,
    org_line: str | None = None,
) -> list[SheetSpec]:
    """Lay out one unit's report for ``period`` as sheets, in that unit's style.

    ``style`` and ``org_line`` default to the sample unit's own; the benchmark corpus
    passes them for its synthetic units.
    """
    style = style or UNIT_STYLES[unit]
    rng = seeded_rng("form", unit, period.code)
    sheet = SheetSpec(style.sheet_name)
    c0 = style.first_col
    sheet.column_widths = {c0: 6, c0 + 1: 55, c0 + 2: 14, c0 + 3: 14, c0 + 4: 14, c0 + 5: 14}
    row = _heading(sheet, style, unit, period, rng, org_line or ORG_LINE[unit])
    row, columns = _table_header(sheet, style, row)
    row = _body(sheet, FormContext(registry, style, rng, columns, prior or {}), period, values, row)
    _signature(sheet, c0, row + 1)
    sheets = [sheet]
    if unit in DETAIL_UNITS and period.year >= DETAIL_FROM_YEAR:
        sheets.append(build_detail_sheet(unit, period, values))
    if style.extra_sheet:
        extra = SheetSpec(style.extra_sheet)
        extra.put(0, 0, "Hướng dẫn: điền số liệu vào cột Số lượng; không sửa tên chỉ tiêu.")
        sheets.insert(0, extra)
    return sheets


@dataclass(frozen=True)
class Columns:
    """Where the table's columns are: this period's value, last year's (if any), plans."""

    c0: int
    value: int
    prior: int | None


@dataclass
class FormContext:
    registry: Registry
    style: Style
    rng: np.random.Generator
    columns: Columns
    prior: dict[str, float]


def _heading(sheet: SheetSpec, style: Style, unit: str, period: Period, rng, org_line: str) -> int:
    """The organisation, motto, number, date and title lines; returns the table's row."""
    c0 = style.first_col
    sheet.put(0, c0, "LIÊN ĐOÀN LAO ĐỘNG TỈNH KON TUM")
    sheet.put(0, c0 + 3, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    sheet.put(1, c0, org_line)
    sheet.put(1, c0 + 3, "Độc lập - Tự do - Hạnh phúc")
    titles, number_line = _title_lines(unit, period, int(rng.integers(10, 120)))
    sheet.put(2, c0, number_line)
    month = 6 if period.period_type == "H1" else 12
    place = PLACE.get(unit, "Kon Tum")
    sheet.put(2, c0 + 3, f"{place}, ngày {int(rng.integers(3, 15)):02d} tháng {month} năm {period.year}")
    row = 4
    for line in titles:
        sheet.put(row, c0 + 1, line)
        row += 1
    row += style.top_lines
    if style.top_lines >= 2:
        sheet.put(row - 1, c0 + 1, "Đơn vị tính theo cột ĐVT; số liệu lấy từ báo cáo của các CĐCS.")
    return row


def _table_header(sheet: SheetSpec, style: Style, row: int) -> tuple[int, Columns]:
    """The header row(s) in the style's layout; returns the first body row and the columns."""
    c0 = style.first_col
    two_rows = style.layout in ("two_columns", "prior_first")
    for offset, text in enumerate(["TT", "Nội dung", "Đơn vị tính"]):
        sheet.put(row, c0 + offset, text)
        if two_rows:
            sheet.merge(row, c0 + offset, row + 1, c0 + offset)
    if style.layout == "single":
        value_col, prior_col, note_col = c0 + 3, None, c0 + 4
        sheet.put(row, value_col, "Số lượng")
    elif style.layout == "with_plan":
        sheet.put(row, c0 + 3, "Kế hoạch năm")
        value_col, prior_col, note_col = c0 + 4, None, c0 + 5
        sheet.put(row, value_col, "Thực hiện")
    else:
        sheet.put(row, c0 + 3, "Số liệu")
        sheet.merge(row, c0 + 3, row, c0 + 4)
        first, second = ("Kỳ báo cáo", "Cùng kỳ năm trước")
        value_col, prior_col = c0 + 3, c0 + 4
        if style.layout == "prior_first":
            first, second = second, first
            value_col, prior_col = c0 + 4, c0 + 3
        sheet.put(row + 1, c0 + 3, first)
        sheet.put(row + 1, c0 + 4, second)
        note_col = c0 + 5
    sheet.put(row, note_col, "Ghi chú")
    if two_rows:
        sheet.merge(row, note_col, row + 1, note_col)
        row += 1
    row += 1
    if style.numbering == "paren":
        for offset, text in enumerate(["(1)", "(2)", "(3)", "(4)"]):
            sheet.put(row, c0 + offset, text)
        row += 1
    return row, Columns(c0, value_col, prior_col)


def _body(sheet: SheetSpec, ctx: FormContext, period: Period, values: dict[str, float], row: int) -> int:
    """The sections and indicator rows of the period's template; returns the next row."""
    sections = list(TEMPLATE_2019 if period.year < 2021 else TEMPLATE_2021)
    if period.period_type == "FY":
        sections.append(("XẾP LOẠI CÔNG ĐOÀN CƠ SỞ", RATINGS))
    c0, value_col = ctx.columns.c0, ctx.columns.value
    placed: dict[str, tuple[int, int]] = {}
    for number, (heading, indicators) in enumerate(sections):
        sheet.put(row, c0, ROMAN[number])
        sheet.put(row, c0 + 1, heading)
        row += 1
        item, previous = 0, ""
        for indicator in indicators:
            if indicator.startswith("?"):  # a row the catalogue does not track
                item += 1
                for offset, text in ((0, str(item)), (1, indicator[1:]), (2, "cuộc")):
                    sheet.put(row, c0 + offset, text)
                sheet.put(row, value_col, int(ctx.rng.integers(1, 12)))
                row += 1
            elif indicator in values:
                item = _indicator_row(sheet, ctx, indicator, values[indicator], row, item, previous)
                placed[indicator] = (row, value_col)
                previous = indicator
                row += 1
    _cdcs_as_formula(sheet, ctx.style, placed, values)
    return row


def _indicator_row(
    sheet: SheetSpec, ctx: FormContext, indicator: str, value: float, row: int, item: int, previous: str
) -> int:
    """One indicator's row (label, measure, value, last year's, plan); returns the item number."""
    style, rng, c0 = ctx.style, ctx.rng, ctx.columns.c0
    spec = ctx.registry.catalogue[indicator]
    female_row = indicator.endswith("_female") and previous == indicator.removesuffix("_female")
    if female_row and style.female_rows == "trong_do":
        label, tt = "Trong đó: nữ", "-"
    else:
        item += 1
        label = _label(ctx.registry, indicator, style, rng)
        tt = str(item) if style.numbering != "none" else ""
        if style.numbering == "none":
            label = f"{item}. {label}"
    sheet.put(row, c0, tt)
    sheet.put(row, c0 + 1, label)
    earlier = ctx.prior.get(indicator)
    if spec.money:
        cell, measure = _money_cell(value, style)
        prior_cell = _money_cell(earlier, style)[0] if earlier is not None else None
    else:
        measure = spec.measure
        if value == 0 and style.dash_for_zero and indicator in ("work_stoppages", "cdcs_dissolved"):
            cell = "-" if rng.random() < 0.5 else "x"
        else:
            cell = _count_cell(value, style, rng)
        prior_cell = int(earlier) if earlier is not None else None
    sheet.put(row, c0 + 2, measure)
    sheet.put(row, ctx.columns.value, cell)
    if ctx.columns.prior is not None and prior_cell is not None:
        sheet.put(row, ctx.columns.prior, prior_cell)
    if style.layout == "with_plan" and not spec.money and spec.is_flow:
        sheet.put(row, c0 + 3, round(value * 1.05))
    return item


def _cdcs_as_formula(
    sheet: SheetSpec, style: Style, placed: dict[str, tuple[int, int]], values: dict[str, float]
) -> None:
    """Offices using Excel often make the CĐCS total a formula over the rating rows."""
    rating_cells = [a1(*placed[r]) for r in RATINGS if r in placed]
    cdcs_cell = placed.get("cdcs")
    if (
        style.writer == "xlsxwriter"
        and cdcs_cell
        and len(rating_cells) == 4
        and isinstance(sheet.cells.get(cdcs_cell), int)
    ):
        sheet.cells[cdcs_cell] = Formula(f"SUM({rating_cells[0]}:{rating_cells[-1]})", float(values["cdcs"]))


def _signature(sheet: SheetSpec, c0: int, row: int) -> None:
    sheet.put(row, c0 + 1, "Nơi nhận:")
    sheet.put(row, c0 + 3, "TM. BAN THƯỜNG VỤ")
    sheet.put(row + 1, c0 + 1, "- LĐLĐ tỉnh (b/c);")
    sheet.put(row + 1, c0 + 3, "CHỦ TỊCH")
    sheet.put(row + 2, c0 + 1, "- Lưu VT.")
    sheet.put(row + 5, c0 + 3, "(đã ký)")


_CDCS_KINDS = (
    "Trường Mầm non",
    "Trường Tiểu học",
    "Trường THCS",
    "UBND xã",
    "Trạm Y tế xã",
    "Công ty TNHH",
    "Hạt Kiểm lâm",
    "Chi nhánh Ngân hàng",
    "Ban Quản lý dự án",
    "Phòng Giáo dục",
)
_RATING_WORDS = {
    "rating_excellent": "Xuất sắc",
    "rating_good": "Tốt",
    "rating_completed": "Hoàn thành",
    "rating_failed": "Không hoàn thành",
}


def split_capped(total: int, weights: list[float], caps: list[int]) -> list[int]:
    """Split ``total`` by ``weights`` with no share above its cap (sum(caps) >= total)."""
    shares = allocate(total, weights)
    for _ in range(len(shares) * 2):
        excess = sum(max(0, s - c) for s, c in zip(shares, caps, strict=True))
        if not excess:
            break
        shares = [min(s, c) for s, c in zip(shares, caps, strict=True)]
        room = [c - s for s, c in zip(shares, caps, strict=True)]
        for index, extra in enumerate(allocate(excess, [r + 1e-9 for r in room])):
            shares[index] += extra
    return shares


def build_detail_sheet(unit: str, period: Period, values: dict[str, float]) -> SheetSpec:
    """The CĐCS list a unit attaches: one row per grassroots union, a "Tổng cộng" row.

    The rows add up exactly to the form's totals, except in the deliberately inconsistent
    submission (:data:`INCONSISTENT_DETAIL`).
    """
    rng = seeded_rng("detail", unit, period.code)
    count = int(values["cdcs"])
    weights = list(rng.lognormal(0, 0.7, count))
    workers = split_capped(int(values["workers"]), weights, [10**6] * count)
    members = split_capped(int(values["members"]), weights, workers)
    female = split_capped(int(values["members_female"]), [m + 1e-9 for m in members], members)
    ratings: list[str] = []
    if period.period_type == "FY":
        for code, word in _RATING_WORDS.items():
            ratings += [word] * int(values.get(code, 0))
        rng.shuffle(ratings)
    if (unit, period.code) == INCONSISTENT_DETAIL:
        roomiest = int(np.argmax(np.array(members) - np.array(female)))
        female[roomiest] += INCONSISTENT_DETAIL_EXTRA_FEMALE
    sheet = SheetSpec("Danh sách CĐCS")
    sheet.column_widths = {0: 5, 1: 40, 2: 12, 3: 12, 4: 12, 5: 16}
    sheet.put(0, 0, "DANH SÁCH CÔNG ĐOÀN CƠ SỞ TRỰC THUỘC")
    sheet.put(1, 0, f"(Kèm theo báo cáo {period.label_vi})")
    for col, text in enumerate(["TT", "Tên công đoàn cơ sở", "Số CNVCLĐ"]):
        sheet.put(3, col, text)
        sheet.merge(3, col, 4, col)
    sheet.put(3, 3, "Đoàn viên")
    sheet.merge(3, 3, 3, 4)
    sheet.put(4, 3, "Tổng số")
    sheet.put(4, 4, "Nữ")
    sheet.put(3, 5, "Xếp loại")
    sheet.merge(3, 5, 4, 5)
    for index in range(count):
        row = 5 + index
        kind = _CDCS_KINDS[int(rng.integers(len(_CDCS_KINDS)))]
        sheet.put(row, 0, index + 1)
        sheet.put(row, 1, f"CĐCS {kind} số {index + 1}")
        sheet.put(row, 2, workers[index])
        sheet.put(row, 3, members[index])
        sheet.put(row, 4, female[index])
        if ratings:
            sheet.put(row, 5, ratings[index])
    total_row = 5 + count
    sheet.put(total_row, 1, "Tổng cộng")
    sheet.put(total_row, 2, sum(workers))
    sheet.put(total_row, 3, sum(members))
    sheet.put(total_row, 4, sum(female))
    return sheet
