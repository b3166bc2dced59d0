"""Raw files -> cell grids: every sheet of a workbook as rows of values, with merged ranges.

Reading goes through python-calamine (xlsx, xlsm, xlsb, xls, ods). Before a file is
parsed, its container is checked (:mod:`unionstats.read.archive`): a zip bomb, a sheet
reaching absurdly far, or a password-encrypted file is refused without being parsed. Any
failure becomes an :class:`InputFileError` with a Vietnamese message; nothing here lets a
library traceback escape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from unionstats.errors import InputFileError
from unionstats.read.archive import SUFFIX_KINDS, check_container
from unionstats.read.inventory import SPREADSHEET_SUFFIXES
from unionstats.text import fold


def cell_text(value: object) -> str:
    """A cell as stripped text ('' for an empty cell)."""
    return "" if value is None else str(value).strip()


def raw_text(value: object) -> str:
    """The cell's original content as text, for provenance (no spurious '.0')."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return cell_text(value)


@dataclass
class SheetGrid:
    """One sheet: ``rows[r][c]`` is the value at zero-based row r, column c.

    Empty cells are ``""`` in ``rows`` (as calamine gives them) and ``None`` from
    :meth:`value`. ``merged`` holds inclusive ranges
    ``(first_row, first_col, last_row, last_col)``.
    """

    name: str
    rows: list[list[object]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    visible: bool = True

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    def value(self, row: int, col: int) -> object:
        if row < 0 or col < 0:
            return None
        try:
            value = self.rows[row][col]
        except IndexError:  # past the sheet's last row, or a short row
            return None
        return None if value.__class__ is str and not value else value

    def text(self, row: int, col: int) -> str:
        """The cell as stripped text ('' for empty)."""
        value = self.value(row, col)
        return "" if value is None else str(value).strip()

    def row_has_text_starting(self, row: int, prefixes: tuple[str, ...]) -> bool:
        """True if a text cell of ``row``, folded, starts with one of ``prefixes``."""
        return any(isinstance(v, str) and fold(v).startswith(prefixes) for v in self.rows[row])

    def merged_origin(self, row: int, col: int) -> tuple[int, int]:
        """The top-left cell of the merged range covering (row, col), or itself."""
        for first_row, first_col, last_row, last_col in self.merged:
            if first_row <= row <= last_row and first_col <= col <= last_col:
                return first_row, first_col
        return row, col


def _open(path: Path, kind: str) -> python_calamine.CalamineWorkbook:
    """Open by the suffix when the content agrees with it, else by the content (a renamed
    file), as Excel does after its warning."""
    if SUFFIX_KINDS.get(path.suffix.lower()) == kind:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    with open(path, "rb") as handle:
        return python_calamine.CalamineWorkbook.from_filelike(handle)


def read_workbook(path: Path, *, display_name: str | None = None) -> list[SheetGrid]:
    """Read every worksheet of ``path`` into :class:`SheetGrid` objects.

    Raises
    ------
    InputFileError
        If the file is corrupt, encrypted, suspicious or not a spreadsheet.
    """
    path = Path(path)
    name = display_name or path.name
    suffix = path.suffix.lower()
    if suffix not in SPREADSHEET_SUFFIXES:
        raise InputFileError.of("file_not_spreadsheet", file=name, suffix=path.suffix)
    kind = check_container(path, name)
    try:
        workbook = _open(path, kind)
    except python_calamine.PasswordError:
        raise InputFileError.of("file_encrypted", file=name) from None
    except Exception as error:  # calamine raises several unrelated types for bad files
        raise InputFileError.of("file_corrupt", file=name, detail=f" ({type(error).__name__})") from None
    grids: list[SheetGrid] = []
    try:
        for meta in workbook.sheets_metadata:
            if str(meta.typ) != "SheetTypeEnum.WorkSheet":
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = [(start[0], start[1], end[0], end[1]) for start, end in (sheet.merged_cell_ranges or [])]
            visible = str(meta.visible) == "SheetVisibleEnum.Visible"
            grids.append(SheetGrid(meta.name, rows, merged, visible))
    except Exception as error:  # a sheet that calamine cannot decode
        raise InputFileError.of("file_corrupt", file=name, detail=f" ({type(error).__name__})") from None
    finally:
        workbook.close()
    return grids


def header_texts(grid: SheetGrid, row: int) -> dict[int, str]:
    """Folded text per column of a header row, merged ranges filled from their origin cell."""
    width = max((len(r) for r in grid.rows[row : row + 2]), default=0)
    texts: dict[int, str] = {}
    for col in range(width):
        text = clean_header(cell_text(grid.value(*grid.merged_origin(row, col))))
        if text:
            texts[col] = text
    return texts


def clean_header(text: str) -> str:
    """A header's text as the column rules read it: folded, punctuation as spaces."""
    return re.sub(r"[^\w% ]+", " ", fold(text)).strip()


def row_is_blank(grid: SheetGrid, row: int) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in grid.rows[row])
