"""Tables of many units: one sheet holding the figures of several units, either way round.

A cluster head or a district often sends one table for all its members:

* **units as columns**: ``TT | Chỉ tiêu | ĐVT | TP Kon Tum | Đăk Hà | … | Tổng cộng``, the
  indicator rows read as in a one-unit form, once per unit column;
* **units as rows**: ``TT | Đơn vị | Tổng số CĐCS | Đoàn viên công đoàn`` with the last one
  merged over ``Tổng số | Nữ | Kết nạp mới``, one row per unit.

Unit names are matched through ``units.csv`` (names and aliases); "Tổng cộng / Cộng / Toàn
cụm / Tổng" is a total, never a unit, and is cross-checked against the sum of the units (a
mismatch is a ``total_mismatch`` warning naming the cell). A column or row with figures
whose unit is not recognised is reported (``unit_name_unknown``), never read under a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from unionstats.findings import Finding, finding
from unionstats.formatting import fmt_fixed
from unionstats.read.cells import SheetGrid, cell_text, header_texts, raw_text, row_is_blank
from unionstats.read.cells_a1 import a1
from unionstats.read.columns import TOTAL, ColumnRole, column_role
from unionstats.read.forms import Table, is_label_header, read_records
from unionstats.read.labels import match_column_header
from unionstats.read.numbers import parse_value, split_measure
from unionstats.reference import Registry
from unionstats.text import fold

MAX_HEADER_SEARCH_ROWS = 60
_NUMBER = re.compile(r"[\d\s.,%]+")
_UNIT_NAME_HEADER = re.compile(r"^(?:ten )?(?:don vi|cong doan|ldld|lien doan lao dong)\b|^dia phuong")


@dataclass
class UnitTable(Table):
    """A report table of several units (see the module docstring)."""

    orientation: str = "columns"  # columns | rows
    units: dict[int, str] = field(default_factory=dict)  # column -> unit (units as columns)
    total_col: int | None = None
    indicators: dict[int, tuple[str, str]] = field(default_factory=dict)  # column -> (indicator, measure)
    unread: dict[int, str] = field(default_factory=dict)  # column -> header naming no known unit
    likeness: dict[int, str] = field(default_factory=dict)  # column -> header read by likeness
    ambiguous: list[list[int]] = field(default_factory=list)  # a unit's columns, none clearly this period's

    @property
    def row_after_header(self) -> int:
        """The first row under a two-row header."""
        return self.header_row + 2


def find_unit_table(grid: SheetGrid, registry: Registry) -> UnitTable | None:
    """Locate a table of several units in ``grid`` (either orientation); None if none."""
    for row in range(min(grid.n_rows, MAX_HEADER_SEARCH_ROWS)):
        if sum(1 for v in grid.rows[row] if isinstance(v, str) and v.strip()) < 3:
            continue
        table = _units_as_columns(grid, row, registry) or _units_as_rows(grid, row, registry)
        if table is not None:
            return table
    return None


def _header_text(grid: SheetGrid, row: int, col: int, top: dict[int, str], below: dict[int, str]) -> str:
    """A column's header: the top cell, with the sub-header cell when it is its own."""
    text = top.get(col, "")
    if col in below and grid.merged_origin(row + 1, col) != (row, col):
        text = f"{text} {below[col]}".strip()
    return text


def _units_as_columns(grid: SheetGrid, row: int, registry: Registry) -> UnitTable | None:
    top = header_texts(grid, row)
    labels = [col for col, text in top.items() if is_label_header(text)]
    if not labels:
        return None
    below = {col: text for col, text in header_texts(grid, row + 1).items() if not _NUMBER.fullmatch(text)}
    groups: list[tuple[ColumnRole, list[int], str]] = []  # a unit's (or the total's) columns
    table = UnitTable(grid, row, row + 1, labels[0], -1, None, None, orientation="columns")
    for col in sorted(set(top) | set(below)):
        if col == labels[0]:
            continue
        text = top.get(col, "")
        last = groups[-1] if groups else None
        if last and last[0].role in ("unit", "total") and (text == last[2] or not text) and col in below:
            last[1].append(col)  # under the same merged unit header (or its unmerged .ods twin)
            continue
        role = column_role(text, registry.match_unit)
        if role.role not in ("unit", "total") and col in below:  # "Đơn vị" merged over the unit names
            sub = column_role(below[col], registry.match_unit)
            if sub.role in ("unit", "total"):
                role, text, table.first_data_row = sub, below[col], row + 2
        if role.role in ("unit", "total"):
            groups.append((role, [col], text))
        elif role.role == "measure":
            table.measure_col = col
        elif role.role == "numbering":
            table.tt_col = col
        elif role.role == "unknown":
            table.unread[col] = cell_text(grid.value(*grid.merged_origin(row + (col not in top), col)))
    for role, cols, _ in groups:
        col = _figures_column(cols, below, registry, table)
        if col is None:
            continue
        if role.role == "total":
            table.total_col = col
        else:
            table.units[col] = role.unit
    if len({unit for unit in table.units.values()}) < 2 and not table.ambiguous:
        return None
    table.value_col = min(table.units, default=-1)
    return table


def _figures_column(
    cols: list[int], below: dict[int, str], registry: Registry, table: UnitTable
) -> int | None:
    """Of a unit's columns, the one of this period: the only one, or the one whose
    sub-header says so ("Kỳ báo cáo" beside "Cùng kỳ"); None (and noted) when unclear."""
    roles = {col: column_role(below[col], registry.match_unit).role if col in below else "" for col in cols}
    if any(role in ("current", "prior", "other", "period") for role in roles.values()):
        table.first_data_row = table.row_after_header  # a sub-header row under the units
    if len(cols) == 1 and roles[cols[0]] in ("", "unknown", "current", "unit", "total"):
        return cols[0]
    current = [col for col in cols if roles[col] == "current"]
    if len(current) == 1:
        return current[0]
    table.ambiguous.append(cols)
    return None


def _raw_header(grid: SheetGrid, row: int, col: int) -> str:
    return cell_text(grid.value(*grid.merged_origin(row, col)))


def _units_as_rows(grid: SheetGrid, row: int, registry: Registry) -> UnitTable | None:
    catalogue = registry.catalogue
    width = max(len(grid.rows[row]), len(grid.rows[row + 1]) if row + 1 < grid.n_rows else 0)
    top = {col: _raw_header(grid, row, col) for col in range(width)}
    below = {col: grid.text(row + 1, col) for col in range(width)}
    spans = any(r0 == row and r1 == row and c1 > c0 for r0, c0, r1, c1 in grid.merged)
    two_rows = any(below.values()) and (spans or any(below[c] and not grid.text(row, c) for c in below))
    indicators: dict[int, tuple[str, str]] = {}
    likeness: dict[int, str] = {}
    previous: dict[str, str | None] = {}
    for col in range(width):
        parent, sub = top.get(col, ""), below.get(col, "") if two_rows else ""
        if not parent and sub and col:  # a merged header calamine did not report (.ods)
            parent = next((top[c] for c in range(col - 1, -1, -1) if top.get(c)), "")
        if not (parent or sub) or (grid.merged_origin(row + 1, col) == (row, col) and sub == parent):
            sub = ""
        head, measure = split_measure(sub or parent)
        if not head:
            continue
        if sub:
            found = match_column_header(parent, head, previous.get(parent), catalogue)
        else:
            found = match_column_header(head, "", None, catalogue)
        if found.indicator is not None:
            indicators[col] = (found.indicator, measure)
            previous[parent] = found.indicator
            if found.rule == "likeness":
                likeness[col] = f"{parent} › {head}" if sub else head
    if len(indicators) < 2:
        return None
    first = row + (2 if two_rows else 1)
    folded = {col: fold(text) for col, text in top.items()}
    name_col = _name_column(grid, first, min(indicators), registry, folded)
    if name_col is None:
        return None
    return UnitTable(
        grid, row, first, name_col, min(indicators), None, None,
        orientation="rows", indicators=indicators, likeness=likeness,
    )  # fmt: skip


def _name_column(
    grid: SheetGrid, first: int, before: int, registry: Registry, top: dict[int, str]
) -> int | None:
    """The column left of the figures whose cells name units (two at least below the header)."""
    best, best_count = None, 1
    for col in range(before):
        named = sum(
            1
            for r in range(first, min(grid.n_rows, first + 80))
            if registry.match_unit(cell_text(grid.value(r, col)))
        )
        if named > best_count or (
            named == best_count and best is not None and _UNIT_NAME_HEADER.match(top.get(col, ""))
        ):
            best, best_count = col, named
    return best


@dataclass
class UnitFigures:
    """What a table of units gives: each unit's records and the findings of its figures,
    and the table's own findings (labels, totals, names not recognised)."""

    records: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    notes: list[Finding] = field(default_factory=list)


def read_unit_table(table: UnitTable, file: str, registry: Registry) -> UnitFigures:
    """Read every unit of ``table`` (see :class:`UnitFigures`)."""
    if table.orientation == "columns":
        return _read_columns(table, file, registry)
    return _read_rows(table, file, registry)


def _read_columns(table: UnitTable, file: str, registry: Registry) -> UnitFigures:
    figures, seen = UnitFigures(), set()
    for col, unit in table.units.items():
        if unit in figures.records:
            figures.notes.append(_repeated(table, file, a1(table.header_row, col), unit, registry))
            continue
        records, found = read_records(replace(table, value_col=col), file, registry.catalogue)
        figures.records[unit], figures.findings[unit] = records, []
        for item in found:  # a label's finding is the same in every unit column: kept once
            if item.code.startswith("value_") or item.code == "indicator_repeated":
                figures.findings[unit].append(item)
            elif (item.code, item.cell) not in seen:
                seen.add((item.code, item.cell))
                figures.notes.append(item)
    figures.notes += [
        _unknown(table, file, a1(table.header_row, col), header, registry)
        for col, header in table.unread.items()
        if _has_figures(table, col)
    ]
    for cols in table.ambiguous:
        cells = ", ".join(a1(table.header_row + 1, col) for col in cols)
        name = cell_text(table.sheet.value(*table.sheet.merged_origin(table.header_row, cols[0])))
        cell = a1(table.header_row, cols[0])
        figures.notes.append(
            finding(
                "unit_columns_ambiguous", file=file, sheet=table.sheet.name, cell=cell, name=name, cells=cells
            )
        )
    if table.total_col is not None:
        totals, _ = read_records(replace(table, value_col=table.total_col), file, registry.catalogue)
        figures.notes += _cross_check(totals, figures.records, table, file)
    return figures


def _has_figures(table: UnitTable, col: int) -> bool:
    grid, first = table.sheet, table.first_data_row
    return any(
        isinstance(grid.value(row, col), int | float) for row in range(first, min(grid.n_rows, first + 80))
    )


def _is_total_row(grid: SheetGrid, row: int, upto: int) -> bool:
    return any(TOTAL.match(fold(cell_text(grid.value(row, col)))) for col in range(upto + 1))


def _read_rows(table: UnitTable, file: str, registry: Registry) -> UnitFigures:
    grid, figures, totals, blank_run = table.sheet, UnitFigures(), [], 0
    for row in range(table.first_data_row, grid.n_rows):
        if row_is_blank(grid, row):
            blank_run += 1
            if blank_run >= 2 and figures.records:
                break
            continue
        blank_run = 0
        name = cell_text(grid.value(row, table.label_col))
        is_total = _is_total_row(grid, row, table.label_col)
        unit = None if is_total else registry.match_unit(name)
        if not is_total and unit is None:
            if any(isinstance(grid.value(row, col), int | float) for col in table.indicators):
                figures.notes.append(_unknown(table, file, a1(row, table.label_col), name, registry))
            continue
        records, found = _row_figures(table, file, registry, row, name)
        if is_total:
            totals = records
        elif unit in figures.records:
            figures.notes.append(_repeated(table, file, a1(row, table.label_col), unit, registry))
        else:
            figures.records[unit], figures.findings[unit] = records, found
    figures.notes += _cross_check(totals, figures.records, table, file)
    for col, header in table.likeness.items():
        meant = registry.catalogue[table.indicators[col][0]].label
        cell = a1(table.header_row, col)
        figures.notes.append(
            finding("label_by_likeness", file=file, sheet=grid.name, cell=cell, label=header, meant=meant)
        )
    return figures


def _row_figures(
    table: UnitTable, file: str, registry: Registry, row: int, name: str
) -> tuple[list[dict[str, object]], list[Finding]]:
    """One unit's row: a record per indicator column, a finding per unreadable cell."""
    grid, records, found = table.sheet, [], []
    for col, (indicator, measure) in table.indicators.items():
        spec, raw, cell = registry.catalogue[indicator], grid.value(row, col), a1(row, col)
        parsed = parse_value(raw, measure=measure or None, whole=spec.whole, money=spec.money)
        if parsed.value is not None:
            records.append(
                {
                    "indicator": indicator,
                    "value": parsed.value,
                    "sheet": grid.name,
                    "cell": cell,
                    "raw": raw_text(raw),
                }
            )
            continue
        found.append(
            finding(
                parsed.problem or "value_not_number", file=file, sheet=grid.name, cell=cell,
                indicator=indicator, label=f"{spec.label} ({name})", detail=parsed.message_vi,
            )
        )  # fmt: skip
    return records, found


def _cross_check(
    totals: list[dict[str, object]], by_unit: dict[str, list[dict[str, object]]], table: UnitTable, file: str
) -> list[Finding]:
    """A ``total_mismatch`` warning for each total that is not the sum of the units' figures
    (checked only where every unit gave the figure)."""
    notes = []
    for total in totals:
        indicator = total["indicator"]
        parts = [
            next((r["value"] for r in records if r["indicator"] == indicator), None)
            for records in by_unit.values()
        ]
        if not parts or any(value is None for value in parts):
            continue
        added = sum(parts)
        if abs(added - float(total["value"])) > 0.5:
            notes.append(
                finding(
                    "total_mismatch", file=file, sheet=table.sheet.name, cell=str(total["cell"]),
                    indicator=str(indicator), total=total["raw"], added=fmt_fixed(added, 0), n=len(parts),
                )
            )  # fmt: skip
    return notes


def _unknown(table: UnitTable, file: str, cell: str, name: str, registry: Registry) -> Finding:
    """A column or row of figures whose unit name is not in ``units.csv``: not read."""
    suggestions = registry.closest_units(name) if name else []
    hint = f" Tên gần nhất trong danh mục: {', '.join(suggestions)}." if suggestions else ""
    return finding(
        "unit_name_unknown", file=file, sheet=table.sheet.name, cell=cell, name=name or "(trống)", hint=hint
    )


def _repeated(table: UnitTable, file: str, cell: str, unit: str, registry: Registry) -> Finding:
    name = registry.unit_names[unit]
    return finding("unit_repeated", file=file, sheet=table.sheet.name, cell=cell, name=name)
