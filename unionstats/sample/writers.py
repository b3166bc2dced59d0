"""Writing simple workbooks in the formats offices send: xlsx (openpyxl or XlsxWriter),
legacy xls (xlwt) and ods (odfpy).

A :class:`SheetSpec` is a grid of plain values (str, int, float, :class:`Formula`) with
merged ranges. Each writer is a real library writing a real file, so the readers are
tested against what Excel, LibreOffice and old Office versions produce.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FORMATS = ("openpyxl", "xlsxwriter", "xls", "ods")
SUFFIX = {"openpyxl": ".xlsx", "xlsxwriter": ".xlsx", "xls": ".xls", "ods": ".ods"}


@dataclass(frozen=True)
class Formula:
    """A formula with the result Excel cached when the file was saved."""

    text: str
    cached: float


@dataclass
class SheetSpec:
    """One sheet: ``cells[(row, col)]`` (zero-based) and inclusive merged ranges."""

    name: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    column_widths: dict[int, float] = field(default_factory=dict)

    def put(self, row: int, col: int, value: object) -> None:
        if value is not None and value != "":
            self.cells[(row, col)] = value

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        self.merges.append((first_row, first_col, last_row, last_col))

    def merged_values(self) -> list[tuple[tuple[int, int, int, int], object]]:
        """Each merged range with the value shown in it (a formula's cached result)."""
        shown = []
        for merged in self.merges:
            value = self.cells.get(merged[:2], "")
            shown.append((merged, value.cached if isinstance(value, Formula) else value))
        return shown

    def unmerged_cells(self) -> list[tuple[tuple[int, int], object]]:
        """The cells that are not the origin of a merged range (written one by one)."""
        origins = {merged[:2] for merged in self.merges}
        return [(key, value) for key, value in self.cells.items() if key not in origins]


def write_workbook(path: Path, sheets: list[SheetSpec], fmt: str) -> Path:
    """Write ``sheets`` to ``path`` with the writer ``fmt`` (one of :data:`FORMATS`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    {"openpyxl": _write_openpyxl, "xlsxwriter": _write_xlsxwriter, "xls": _write_xls, "ods": _write_ods}[fmt](
        path, sheets
    )
    return path


def _write_openpyxl(path: Path, sheets: list[SheetSpec]) -> None:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.name)
        for (row, col), value in spec.cells.items():
            cell = sheet.cell(row=row + 1, column=col + 1)
            # openpyxl cannot store a cached result; write the value a user would see.
            cell.value = value.cached if isinstance(value, Formula) else value
            if isinstance(value, str):
                cell.data_type = "s"
        for r1, c1, r2, c2 in spec.merges:
            sheet.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for col, width in spec.column_widths.items():
            sheet.column_dimensions[get_column_letter(col + 1)].width = width
    workbook.save(path)


def _write_xlsxwriter(path: Path, sheets: list[SheetSpec]) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    for spec in sheets:
        sheet = workbook.add_worksheet(spec.name)
        for (r1, c1, r2, c2), shown in spec.merged_values():
            sheet.merge_range(r1, c1, r2, c2, shown)
        for (row, col), value in spec.unmerged_cells():
            if isinstance(value, Formula):
                sheet.write_formula(row, col, value.text, None, value.cached)
            elif isinstance(value, str):
                sheet.write_string(row, col, value)
            else:
                sheet.write_number(row, col, value)
        for col, width in spec.column_widths.items():
            sheet.set_column(col, col, width)
    workbook.close()


def _write_xls(path: Path, sheets: list[SheetSpec]) -> None:
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    for spec in sheets:
        sheet = workbook.add_sheet(spec.name, cell_overwrite_ok=True)
        for (r1, c1, r2, c2), shown in spec.merged_values():
            sheet.write_merge(r1, r2, c1, c2, shown)
        for (row, col), value in spec.unmerged_cells():
            sheet.write(row, col, value.cached if isinstance(value, Formula) else value)
        for col, width in spec.column_widths.items():
            sheet.col(col).width = int(width * 256)
    workbook.save(str(path))


def _write_ods(path: Path, sheets: list[SheetSpec]) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for spec in sheets:
        table = Table(name=spec.name)
        spans = {(r, c): (lr - r + 1, lc - c + 1) for r, c, lr, lc in spec.merges}
        covered = {
            (row, col)
            for r, c, lr, lc in spec.merges
            for row in range(r, lr + 1)
            for col in range(c, lc + 1)
            if (row, col) != (r, c)
        }
        n_rows = max((r for r, _ in spec.cells), default=-1) + 1
        n_rows = max([n_rows, *(lr + 1 for _, _, lr, _ in spec.merges)])
        n_cols = max([0, *(c + 1 for _, c in spec.cells), *(lc + 1 for _, _, _, lc in spec.merges)])
        for row in range(n_rows):
            table_row = TableRow()
            for col in range(n_cols):
                if (row, col) in covered:
                    table_row.addElement(CoveredTableCell())
                    continue
                value = spec.cells.get((row, col))
                attributes: dict[str, object] = {}
                if (row, col) in spans:
                    rows, cols = spans[(row, col)]
                    attributes.update(numberrowsspanned=rows, numbercolumnsspanned=cols)
                if isinstance(value, Formula):
                    cell = TableCell(
                        valuetype="float", value=value.cached, formula="of:" + value.text, **attributes
                    )
                    cell.addElement(P(text=str(value.cached)))
                elif isinstance(value, int | float):
                    cell = TableCell(valuetype="float", value=value, **attributes)
                    cell.addElement(P(text=str(value)))
                elif value is not None:
                    cell = TableCell(valuetype="string", **attributes)
                    cell.addElement(P(text=str(value)))
                else:
                    cell = TableCell(**attributes)
                table_row.addElement(cell)
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    document.save(str(path))
