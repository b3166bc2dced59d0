"""The figures of a table of several units (found by :mod:`unionstats.read.unit_tables`).

Each unit's column (or row) is read as a one-unit form's would be; the table's own checks
are made here: a total that is not the sum of the units (``total_mismatch``), a name not
in ``units.csv`` (``unit_name_unknown``), a column of figures whose header names no
indicator (``column_not_read``), an indicator given by several columns
(``indicator_columns_repeated``), a unit given twice (``unit_repeated``). Nothing is read
under a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from unionstats.findings import Finding, finding
from unionstats.formatting import fmt_fixed
from unionstats.read.cells import SheetGrid, cell_text, raw_text, row_is_blank
from unionstats.read.cells_a1 import a1
from unionstats.read.columns import TOTAL
from unionstats.read.forms import read_records
from unionstats.read.numbers import parse_value
from unionstats.read.unit_tables import UnitTable
from unionstats.reference import Registry
from unionstats.text import fold


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
    figures.notes += [
        finding("column_not_read", file=file, sheet=grid.name, cell=a1(table.header_row, col), name=header)
        for col, header in table.unread.items()
        if _has_figures(table, col)
    ]
    for indicator, cols in table.repeated.items():
        cells = ", ".join(a1(table.header_row, col) for col in cols)
        label = registry.catalogue[indicator].label
        cell = a1(table.header_row, cols[0])
        figures.notes.append(
            finding("indicator_columns_repeated", file=file, sheet=grid.name, cell=cell,
                    indicator=indicator, label=label, cells=cells)
        )  # fmt: skip
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
