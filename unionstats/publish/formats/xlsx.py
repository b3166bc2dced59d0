"""The brief's tables as a clean workbook (``bang-so-lieu.xlsx``), and the writer behind it.

:func:`write_xlsx` is the project's one writer of clean workbooks (the brief's and the
``table`` command's): one sheet per table, one header row, no merged cells, numbers as
numbers (shares formatted as %), text safe against formula injection, written atomically.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from unionstats.atomic import write_file
from unionstats.publish.formats.base import Rendered
from unionstats.spreadsheet_text import put_text

FILENAME = "bang-so-lieu.xlsx"


def _fill_sheet(worksheet, table: pd.DataFrame) -> None:
    for col, header in enumerate(table.columns, start=1):
        put_text(worksheet.cell(row=1, column=col), str(header))
        worksheet.cell(row=1, column=col).font = Font(bold=True)
        texts = [str(header), *(str(v) for v in table.iloc[:, col - 1])]
        worksheet.column_dimensions[get_column_letter(col)].width = min(60, max(len(t) for t in texts) + 2)
    for r, row in enumerate(table.itertuples(index=False), start=2):
        for c, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            cell = worksheet.cell(row=r, column=c)
            if isinstance(value, bool):
                put_text(cell, "Có" if value else "Chưa")
            elif isinstance(value, str):
                put_text(cell, value)
            elif value is not None and not pd.isna(value):
                cell.value = float(value)
                share = str(column).startswith(("%", "Tỷ lệ", "Tỷ trọng"))
                cell.number_format = "0.0%" if share else "#,##0.##"
    worksheet.freeze_panes = "A2"


def write_xlsx(tables: pd.DataFrame | dict[str, pd.DataFrame], path: Path) -> Path:
    """Write one sheet per table (a single DataFrame goes to a sheet named "Số liệu")."""
    sheets = {"Số liệu": tables} if isinstance(tables, pd.DataFrame) else tables
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, table in sheets.items():
        _fill_sheet(workbook.create_sheet(name[:31]), table)
    return write_file(Path(path), workbook.save)


def write(rendered: Rendered, folder: Path) -> Path:
    """``bang-so-lieu.xlsx``: every table of the brief, the same figures as the HTML."""
    return write_xlsx(rendered.content.tables, Path(folder) / FILENAME)
