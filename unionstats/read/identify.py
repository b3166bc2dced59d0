"""The unit and the period of a submission, from its sheet, title lines, file name and folder.

Every source is read; when they agree the answer is taken, when they disagree or none
names a registered unit (a period), the file is refused with an :class:`InputFileError`
that names each source: a submission is never filed under a guessed unit or period.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from unionstats.errors import InputFileError
from unionstats.findings import Finding, finding
from unionstats.periods import Period, find_periods
from unionstats.read.cells import cell_text
from unionstats.read.cells_a1 import a1
from unionstats.read.forms import Table
from unionstats.reference import Registry
from unionstats.text import fold, unit_key

_UNIT_LINE = re.compile(r"^(?:don vi(?: bao cao)?|ten don vi)\s*:")


def header_lines(table: Table) -> list[tuple[str, str]]:
    """(cell, text) of every non-empty cell above the table header (computed once a table)."""
    if table.lines_above is not None:
        return table.lines_above
    lines: list[tuple[str, str]] = []
    for row in range(table.header_row):
        for col, value in enumerate(table.sheet.rows[row]):
            text = cell_text(value)
            if text:
                for part in text.splitlines():
                    if part.strip():
                        lines.append((a1(row, col), part.strip()))
    table.lines_above = lines
    return lines


def _where(cell: str, text: str) -> str:
    """How a source is named in a message: "ô B3 'LĐLĐ HUYỆN ĐĂK TÔ'" in a sheet, "đoạn 2 '…'"
    or "đầu văn bản '…'" in a Word report."""
    return f"ô {cell} '{text}'" if re.fullmatch(r"[A-Z]{1,3}\d+", cell) else f"{cell} '{text}'"


def _units_named(table: Table, registry: Registry) -> tuple[dict[str, list[str]], list[str]]:
    """Units named by the table's own lines (and its sheet's name), and unit-like lines
    that name no registered unit."""
    named: dict[str, list[str]] = {}
    unmatched: list[str] = []
    for cell, text in header_lines(table):
        candidate = re.sub(r"^[^:]*:\s*", "", text) if _UNIT_LINE.match(fold(text)) else text
        unit = registry.match_unit(candidate)
        if unit:
            named.setdefault(unit, []).append(_where(cell, text))
        elif (
            _UNIT_LINE.match(fold(text)) or re.match(r"^(?:ldld|lien doan lao dong|cong doan) ", fold(text))
        ) and not unit_key(candidate).startswith("tinh "):  # the provincial federation itself
            unmatched.append(candidate)
    unit = registry.match_unit(table.sheet.name)
    if unit:
        named.setdefault(unit, []).append(f"tên sheet '{table.sheet.name}'")
    return named, unmatched


def identify_unit(table: Table, source_file: str, registry: Registry, *, own_first: bool = False) -> str:
    """Return the reporting unit, read from the sheet (name, header lines) and the filename.

    With ``own_first`` (a workbook of several report sheets), a unit named by the sheet
    itself is taken before the file name, which names the workbook, not the sheet.

    Raises
    ------
    InputFileError
        When the sources name different units, or none that is registered.
    """
    named, unmatched = _units_named(table, registry)
    stem = PurePath(source_file).stem
    if not (own_first and len(named) == 1):
        for unit in registry.units_in_text(stem):
            named.setdefault(unit, []).append(f"tên tệp '{PurePath(source_file).name}'")
    if len(named) == 1:
        return next(iter(named))
    names = registry.unit_names
    if len(named) > 1:
        detail = "; ".join(f"{names[u]} ({', '.join(where)})" for u, where in named.items())
        raise InputFileError.of("unit_conflict", file=source_file, sheet=table.sheet.name, detail=detail)
    seen = unmatched[0] if unmatched else stem
    suggestions = registry.closest_units(seen)
    hint = f" Tên gần nhất trong danh mục: {', '.join(suggestions)}." if suggestions else ""
    raise InputFileError.of("unit_unknown", file=source_file, sheet=table.sheet.name, seen=seen, hint=hint)


def identify_period(
    table: Table, source_file: str, *, own_first: bool = False
) -> tuple[Period, list[Finding]]:
    """Return the report period from the title lines, the sheet name, the filename and the
    folder, and the findings that go with it.

    With ``own_first`` (a workbook of several report sheets), a period the sheet names
    itself (title lines, sheet name) is taken before the file name and folder; when it
    differs from the folder's, the sheet goes to its own period with a
    ``period_from_sheet`` warning, never into the folder's period.

    Raises
    ------
    InputFileError
        When the sources disagree, or none names a period.
    """
    path = PurePath(source_file)
    own: dict[str, frozenset[Period]] = {}
    for cell, text in header_lines(table):
        found = find_periods(text)
        if found:
            own[_where(cell, text)] = found
    found = find_periods(table.sheet.name)
    if found:
        own[f"tên sheet '{table.sheet.name}'"] = found
    outside: dict[str, frozenset[Period]] = {}
    for folder in path.parts[:-1]:
        found = find_periods(folder)
        if found:
            outside[f"thư mục '{folder}'"] = found
    found = find_periods(path.stem)
    if found:
        outside[f"tên tệp '{path.name}'"] = found
    mine = set().union(*own.values()) if own else set()
    if own_first and len(mine) == 1:
        period = next(iter(mine))
        theirs = set().union(*outside.values()) if outside else set()
        if theirs and theirs != {period}:
            where = "; ".join(own)
            folder = ", ".join(sorted(p.code for p in theirs))
            note = finding(
                "period_from_sheet",
                file=source_file,
                sheet=table.sheet.name,
                period=period.code,
                where=where,
                folder=folder,
            )
            return period, [note]
        return period, []
    sources = {**own, **outside}
    every = set().union(*sources.values()) if sources else set()
    if len(every) == 1:
        return next(iter(every)), []
    if not every:
        raise InputFileError.of("period_unknown", file=source_file, sheet=table.sheet.name)
    detail = "; ".join(f"{where}: {', '.join(sorted(p.code for p in ps))}" for where, ps in sources.items())
    raise InputFileError.of("period_conflict", file=source_file, sheet=table.sheet.name, detail=detail)
