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

from unionstats.periods import Period
from unionstats.read.cells import SheetGrid, cell_text, clean_header, header_texts
from unionstats.read.columns import ColumnRole, column_role
from unionstats.read.forms import Table, is_label_header
from unionstats.read.labels import match_column_header
from unionstats.read.numbers import split_measure
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
    unread: dict[int, str] = field(default_factory=dict)  # column -> header naming no unit / no indicator
    likeness: dict[int, str] = field(default_factory=dict)  # column -> header read by likeness
    ambiguous: list[list[int]] = field(default_factory=list)  # a unit's columns, none clearly this period's
    repeated: dict[str, list[int]] = field(default_factory=dict)  # an indicator given by several columns

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
    periods: dict[int, Period] = {}
    unread: dict[int, str] = {}
    previous: dict[str, str | None] = {}
    for col in range(width):
        parent, sub = top.get(col, ""), below.get(col, "") if two_rows else ""
        if not parent and sub and col:  # a merged header calamine did not report (.ods)
            parent = next((top[c] for c in range(col - 1, -1, -1) if top.get(c)), "")
        if not (parent or sub) or (grid.merged_origin(row + 1, col) == (row, col) and sub == parent):
            sub = ""
        role = column_role(clean_header(sub)) if sub else None
        if role is not None and role.role in ("prior", "other"):
            continue  # last year's figures, plans, comparisons under an indicator: never read
        if role is not None and role.role in ("current", "period"):
            sub = ""  # "Kỳ báo cáo" or "Năm 2021" under the indicator's header: the header names it
            if role.period is not None:
                periods[col] = role.period
        head, measure = split_measure(sub or parent)
        if not head or (not sub and column_role(clean_header(head)).role == "numbering"):
            continue  # "TT", "STT": the rows' numbers, never an indicator's figures
        if sub:
            found = match_column_header(parent, head, previous.get(parent), catalogue)
        else:
            found = match_column_header(head, "", None, catalogue)
        if found.indicator is None:
            unread[col] = f"{parent} › {head}" if sub else head
            continue
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
        orientation="rows", indicators=indicators, likeness=likeness, period_cols=periods,
        unread={col: header for col, header in unread.items() if col > name_col},
    )  # fmt: skip


def settle_columns(table: UnitTable, period: Period) -> UnitTable:
    """A units-as-rows table with one column per indicator for the report ``period``: a
    column named for another period is dropped, and an indicator still given by two columns
    is read from neither (noted in ``repeated``), never from a guessed one."""
    if table.orientation != "rows":
        return table
    kept = {
        col: spec for col, spec in table.indicators.items() if table.period_cols.get(col, period) == period
    }
    by_indicator: dict[str, list[int]] = {}
    for col, (indicator, _) in kept.items():
        by_indicator.setdefault(indicator, []).append(col)
    repeated = {indicator: cols for indicator, cols in by_indicator.items() if len(cols) > 1}
    kept = {col: spec for col, spec in kept.items() if spec[0] not in repeated}
    return replace(table, indicators=kept, repeated=repeated)


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
