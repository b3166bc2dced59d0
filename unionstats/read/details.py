"""Cell grids -> CĐCS detail values: the optional sheet listing a unit's grassroots unions.

From the 2021 template on, a unit may attach a sheet with one row per CĐCS (name, workers,
members, female members, rating) under a two-row merged header, ending in a "Tổng cộng"
row. :func:`read_detail_sheets` returns one record per figure with its cell, in the same
provenance form as the report's own values, so that validation can reconcile the detail
sums with the form's totals and point at both cells.

A rating cell ("Xuất sắc", "Tốt", "Hoàn thành", "Không hoàn thành") gives a record of the
matching ``rating_*`` indicator with value 1, and every listed CĐCS gives ``cdcs`` = 1, so
that summing a column reproduces the form's counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unionstats.findings import Finding, finding
from unionstats.read.cells import SheetGrid, cell_text, header_texts, raw_text, row_is_blank
from unionstats.read.cells_a1 import a1
from unionstats.read.labels import detail_column_indicator, is_detail_name_header, rating_of
from unionstats.read.numbers import parse_value
from unionstats.text import fold

MAX_HEADER_SEARCH_ROWS = 40
_TOTAL_ROW = re.compile(r"^(?:tong cong|cong|tong so|tong)\b")


@dataclass
class DetailTable:
    sheet: SheetGrid
    header_row: int
    first_data_row: int
    name_col: int
    columns: dict[str, int]


def find_detail_table(grid: SheetGrid) -> DetailTable | None:
    """Locate a CĐCS list in ``grid`` (None if the sheet has none)."""
    for row in range(min(grid.n_rows, MAX_HEADER_SEARCH_ROWS)):
        if not grid.row_has_text_starting(row, ("ten ", "cong doan co so", "cdcs")):
            continue
        top = header_texts(grid, row)
        names = [col for col, text in top.items() if is_detail_name_header(text)]
        if not names:
            continue
        below = header_texts(grid, row + 1)
        label_below = names[0] in below and grid.merged_origin(row + 1, names[0]) != (row, names[0])
        sub_header = bool(below) and not label_below
        columns: dict[str, int] = {}
        for col in sorted(set(top) | (set(below) if sub_header else set())):
            if col == names[0]:
                continue
            parts = [top.get(col, "")]
            if sub_header and grid.merged_origin(row + 1, col) != (row, col):
                parts.append(below.get(col, ""))
            if not parts[0] and sub_header:
                # the top cell is part of a merged group calamine did not report (ods)
                left = max((c for c in top if c < col), default=None)
                parts[0] = top.get(left, "") if left is not None else ""
            indicator = detail_column_indicator(" ".join(p for p in parts if p), columns)
            if indicator is not None:
                columns[indicator] = col
        if "members" in columns or "workers" in columns:
            first = row + (2 if sub_header else 1)
            return DetailTable(grid, row, first, names[0], columns)
    return None


def read_detail_sheets(
    grids: list[SheetGrid], report_sheets: set[str], source_file: str
) -> tuple[list[dict[str, object]], list[Finding]]:
    """Read every CĐCS list in the workbook (sheets other than the reports')."""
    records: list[dict[str, object]] = []
    findings: list[Finding] = []
    for grid in grids:
        if grid.name in report_sheets:
            continue
        table = find_detail_table(grid)
        if table is not None:
            _read_rows(table, source_file, records, findings)
    return records, findings


def _read_rows(
    table: DetailTable, source_file: str, records: list[dict[str, object]], findings: list[Finding]
) -> None:
    grid = table.sheet
    for row in range(table.first_data_row, grid.n_rows):
        if row_is_blank(grid, row):
            if any(r["sheet"] == grid.name for r in records):
                break
            continue
        name = cell_text(grid.value(row, table.name_col))
        first_cell = fold(cell_text(grid.value(row, 0)))
        if _TOTAL_ROW.match(fold(name)) or _TOTAL_ROW.match(first_cell):
            for indicator, col in table.columns.items():
                if indicator == "rating":
                    continue
                value = grid.value(row, col)
                parsed = parse_value(value, measure=None, whole=True, money=False)
                if parsed.value is not None:
                    records.append(_record("", "total_" + indicator, parsed.value, grid, row, col, value))
            break
        if not name:
            continue
        records.append(_record(name, "cdcs", 1.0, grid, row, table.name_col, name))
        for indicator, col in table.columns.items():
            value = grid.value(row, col)
            cell = a1(row, col)
            if indicator == "rating":
                if value is None:
                    continue
                code = rating_of(str(value))
                if code is None:
                    findings.append(
                        finding(
                            "detail_rating_unknown",
                            file=source_file,
                            sheet=grid.name,
                            cell=cell,
                            value=value,
                            name=name,
                        )
                    )
                    continue
                records.append(_record(name, code, 1.0, grid, row, col, value))
                continue
            parsed = parse_value(value, measure=None, whole=True, money=False)
            if parsed.value is None:
                if parsed.problem != "value_blank":
                    findings.append(
                        finding(
                            parsed.problem or "value_not_number",
                            file=source_file,
                            sheet=grid.name,
                            cell=cell,
                            indicator=indicator,
                            label=f"Danh sách CĐCS, {name}",
                            detail=parsed.message_vi,
                        )
                    )
                continue
            records.append(_record(name, indicator, parsed.value, grid, row, col, value))


def _record(
    name: str, indicator: str, value: float, grid: SheetGrid, row: int, col: int, raw: object
) -> dict[str, object]:
    return {
        "cdcs_name": name,
        "indicator": indicator,
        "value": value,
        "sheet": grid.name,
        "cell": a1(row, col),
        "raw": raw_text(raw),
    }
