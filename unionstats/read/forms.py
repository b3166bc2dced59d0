"""Cell grids -> figures: finding the report table of a sheet and reading its rows.

Somewhere in a submission (any sheet, any depth) is the report table: a header row with
"Nội dung" (the row labels), "Đơn vị tính" (the measure) and the figures column ("Số
lượng", or a merged "Số liệu" over "Kỳ báo cáo" | "Cùng kỳ năm trước"). Above it are the
organisation and title lines (read by :mod:`unionstats.read.identify`); below it a
signature block. How a row's label becomes an indicator is :mod:`unionstats.read.labels`'
concern; this module finds the table and turns each row into a record with its cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from unionstats.catalogue import Catalogue
from unionstats.errors import InputFileError
from unionstats.findings import Finding, finding
from unionstats.periods import Period
from unionstats.read.cells import SheetGrid, cell_text, header_texts, raw_text, row_is_blank
from unionstats.read.cells_a1 import a1
from unionstats.read.columns import column_role, is_header_word
from unionstats.read.labels import (
    LabelMatch,
    RowContext,
    is_child_label,
    match_label,
    match_row_label,
    suggestion_hint,
)
from unionstats.read.numbers import parse_value, split_count_and_amount
from unionstats.text import fold

MAX_HEADER_SEARCH_ROWS = 300
_LABEL_HEADER = re.compile(r"^(?:noi dung(?: chi tieu| hoat dong)?|chi tieu|ten chi tieu|danh muc)$")
_LABEL_HEADER_STARTS = ("noi dung", "chi tieu", "ten chi tieu", "danh muc")
_NUMBER_ROW_CELL = re.compile(r"^\(?(?:\d{1,2}|[a-h])\)?$")
_ROMAN = re.compile(r"^(?:[ivx]+)\.?$")
_SIGNATURE = re.compile(
    r"^(?:nguoi lap(?: bieu)?|tm\.? |t/m|chu tich|pho chu tich|noi nhan|thu truong|xac nhan|"
    r"ky ten|ban thuong vu)"
)


@dataclass
class Table:
    """Where the report table sits in a sheet (zero-based indices)."""

    sheet: SheetGrid
    header_row: int
    first_data_row: int
    label_col: int
    value_col: int
    measure_col: int | None
    tt_col: int | None
    value_named: bool = True  # the value column's header names it this period's ("Số lượng")
    period_cols: dict[int, Period] = field(default_factory=dict)  # "6 tháng đầu năm 2022" columns
    lines_above: list[tuple[str, str]] | None = field(default=None, repr=False)  # see identify.py


def is_label_header(text: str) -> bool:
    """True for the folded header of the row labels' column ("Nội dung", "Chỉ tiêu")."""
    return bool(_LABEL_HEADER.match(text))


def find_table(grid: SheetGrid) -> Table | None:
    """Locate the report table in ``grid``; None if the sheet has none.

    Raises
    ------
    InputFileError
        If a header is found but which column holds this period's figures is ambiguous.
    """
    for row in range(min(grid.n_rows, MAX_HEADER_SEARCH_ROWS)):
        if not grid.row_has_text_starting(row, _LABEL_HEADER_STARTS):
            continue  # cheap test first: most rows hold no header at all
        top = header_texts(grid, row)
        label_cols = [col for col, text in top.items() if is_label_header(text)]
        if not label_cols:
            continue
        label_col = label_cols[0]
        below = header_texts(grid, row + 1)
        sub_header = label_col not in below or grid.merged_origin(row + 1, label_col) == (
            row,
            label_col,
        )
        sub_header = sub_header and any(is_header_word(t) for t in below.values())
        current, measure_col, tt_col, periods = _classify_columns(
            grid, row, label_col, top, below, sub_header
        )
        if not current and not periods:
            continue
        if len(current) > 1:
            raise InputFileError.of(
                "table_ambiguous",
                sheet=grid.name,
                cell=a1(row, current[0]),
                cells=", ".join(a1(row, col) for col in current),
            )
        first = row + (2 if sub_header else 1)
        while first < grid.n_rows and _is_numbering_row(grid, first):
            first += 1
        value_col = current[0] if current else min(periods)
        return Table(grid, row, first, label_col, value_col, measure_col, tt_col, bool(current), periods)
    return None


def _is_numbering_row(grid: SheetGrid, row: int) -> bool:
    """True for the "(1) (2) (3)" or "A B 1 2" row some forms put under the header."""
    cells = [fold(cell_text(v)) for v in grid.rows[row] if cell_text(v)]
    return bool(cells) and all(_NUMBER_ROW_CELL.match(c) for c in cells)


def _is_signature(grid: SheetGrid, row: int) -> bool:
    return any(isinstance(v, str) and _SIGNATURE.match(fold(v)) for v in grid.rows[row])


def _classify_columns(
    grid: SheetGrid, row: int, label_col: int, top: dict[int, str], below: dict[int, str], sub_header: bool
) -> tuple[list[int], int | None, int | None, dict[int, Period]]:
    """(this period's value columns, the measure column, the numbering column, the
    period-named columns) of a header (:mod:`unionstats.read.columns`)."""
    current: list[int] = []
    periods: dict[int, Period] = {}
    measure_col = tt_col = None
    for col in sorted(set(top) | (set(below) if sub_header else set())):
        if col == label_col:
            continue
        text = top.get(col, "")
        if sub_header and col in below and grid.merged_origin(row + 1, col) != (row, col):
            # a sub-header cell; under an empty top cell it stands alone ("Kỳ báo cáo" beside
            # a merged range whose origin calamine did not report)
            text = f"{text} {below[col]}".strip()
        role = column_role(text)
        if role.role == "measure":
            measure_col = col
        elif role.role == "numbering":
            tt_col = col
        elif role.role == "current":
            current.append(col)
        elif role.role == "period" and role.period is not None:
            periods[col] = role.period
    return current, measure_col, tt_col, periods


def resolve_value_column(table: Table, period: Period) -> Table:
    """The table with its value column settled for the report ``period``.

    A table whose figures sit under period-named headers ("6 tháng đầu năm 2021 | 6 tháng
    đầu năm 2022") reads the column of the report period; the others are never this
    period's figures.

    Raises
    ------
    InputFileError
        When no column, or a column besides "Số lượng"/"Kỳ báo cáo", is of ``period``.
    """
    if not table.period_cols:
        return table
    matching = [col for col, named in table.period_cols.items() if named == period]
    cells = [a1(table.header_row, col) for col in matching]
    if table.value_named and matching:
        cells.insert(0, a1(table.header_row, table.value_col))
        raise InputFileError.of(
            "table_ambiguous", sheet=table.sheet.name, cell=cells[0], cells=", ".join(cells)
        )
    if table.value_named:
        return table
    if len(matching) != 1:
        named = ", ".join(
            f"{a1(table.header_row, col)} {p.code}" for col, p in sorted(table.period_cols.items())
        )
        code = "table_period_missing" if not matching else "table_ambiguous"
        raise InputFileError.of(
            code,
            sheet=table.sheet.name,
            cell=a1(table.header_row, table.value_col),
            period=period.code,
            named=named,
            cells=", ".join(cells),
        )
    return replace(table, value_col=matching[0])


@dataclass
class RowReader:
    """Reads the rows of one table into records, collecting the findings of the rows."""

    table: Table
    file: str
    catalogue: Catalogue
    findings: list[Finding] = field(default_factory=list)
    seen: dict[str, dict[str, object]] = field(default_factory=dict)
    context: RowContext = field(default_factory=RowContext)
    pending: list[dict[str, object]] = field(default_factory=list)  # money read from a count's cell

    def _plain(self, row: int, indicator: str, text: str, raw: object) -> dict[str, object]:
        parsed = parse_value(text, measure=None, whole=False, money=True)
        cell = a1(row, self.table.value_col)
        return {
            "indicator": indicator,
            "value": parsed.value,
            "sheet": self.table.sheet.name,
            "cell": cell,
            "raw": raw_text(raw),
        }

    def add(self, code: str, cell: str, indicator: str = "", **fields: object) -> None:
        self.findings.append(
            finding(
                code, file=self.file, sheet=self.table.sheet.name, cell=cell, indicator=indicator, **fields
            )
        )

    def read_row(self, row: int) -> dict[str, object] | bool | None:
        """The row's record; None when it gives none; False at the signature block (stop)."""
        table, grid = self.table, self.table.sheet
        label = cell_text(grid.value(row, table.label_col))
        raw = grid.value(row, table.value_col)
        match = None
        if label:
            found = match_label(label, self.catalogue)  # the usual case, memoised: no context needed
            if found is not None:
                match = LabelMatch(found, "alias")
            else:
                measure = grid.value(row, table.measure_col) if table.measure_col is not None else None
                self.context.measure, self.context.figure = cell_text(measure), raw is not None
                match = match_row_label(label, self.context, self.catalogue)
        if (match is None or match.indicator is None) and _is_signature(grid, row):
            return False
        if match is None:
            if raw is not None:
                self.add("label_missing", a1(row, table.value_col))
            return None
        if match.indicator is None:
            self._unmatched(row, label, raw, match)
            return None
        if match.rule == "likeness":
            spec = self.catalogue[match.indicator]
            self.add(
                "label_by_likeness", a1(row, table.label_col), match.indicator, label=label, meant=spec.label
            )
        self.context.previous_indicator = match.indicator
        if match.rule == "alias" and not is_child_label(label):
            self.context.parent_label = ""  # a row of its own ends the heading's children
        return self._record(row, match.indicator, raw)

    def _unmatched(self, row: int, label: str, raw: object, match: LabelMatch) -> None:
        table, grid = self.table, self.table.sheet
        cell = a1(row, table.label_col)
        hint = suggestion_hint(match.suggestions, self.catalogue)
        if match.problem:
            self.add(match.problem, cell, label=label, hint=hint)
            return
        tt = fold(cell_text(grid.value(row, table.tt_col))) if table.tt_col is not None else ""
        if raw is None:
            self.context.parent_label = label  # a heading: its bulleted children may follow
        if raw is None and (_ROMAN.match(tt) or label.isupper()):
            return  # a section heading: "I | TỔ CHỨC CÔNG ĐOÀN"
        self.add("label_unknown", cell, label=label, hint=hint)
        self.context.previous_indicator = None

    def _record(self, row: int, indicator: str, raw: object) -> dict[str, object] | None:
        table, grid = self.table, self.table.sheet
        spec = self.catalogue[indicator]
        value_cell = a1(row, table.value_col)
        measure = cell_text(grid.value(row, table.measure_col)) if table.measure_col is not None else ""
        parsed = parse_value(raw, measure=measure or None, whole=spec.whole, money=spec.money)
        if parsed.value is None and spec.amount_code and isinstance(raw, str):
            pair = split_count_and_amount(raw)
            if pair is not None:  # "61 lượt, số tiền 51,55 triệu đồng": the count and its money
                self.pending.append({**self._plain(row, spec.amount_code, pair[1], raw)})
                parsed = parse_value(pair[0], measure=None, whole=True, money=False)
        if parsed.value is None:
            code = parsed.problem or "value_not_number"
            self.add(code, value_cell, indicator, label=spec.label, detail=parsed.message_vi)
            return None
        record = {"indicator": indicator, "value": parsed.value, "sheet": grid.name, "cell": value_cell}
        record["raw"] = raw_text(raw)
        first = self.seen.get(indicator)
        if first is None:
            self.seen[indicator] = record
            return record
        if first.get("value") != parsed.value:
            self.add(
                "indicator_repeated",
                value_cell,
                indicator,
                label=spec.label,
                first_cell=first["cell"],
                first_raw=first["raw"],
                raw=record["raw"],
            )
            first["value"] = None
        return None


def read_records(
    table: Table, file: str, catalogue: Catalogue
) -> tuple[list[dict[str, object]], list[Finding]]:
    """One record per figure of ``table`` (indicator, value, sheet, cell, raw) and the findings."""
    reader = RowReader(table, file, catalogue)
    records: list[dict[str, object]] = []
    blank_run = 0
    for row in range(table.first_data_row, table.sheet.n_rows):
        if row_is_blank(table.sheet, row):
            blank_run += 1
            if blank_run >= 2 and records:
                break
            continue
        blank_run = 0
        record = reader.read_row(row)
        if record is False:
            break
        if record:
            records.append(record)
        while reader.pending:
            extra = reader.pending.pop()
            if extra["value"] is not None and extra["indicator"] not in reader.seen:
                reader.seen[str(extra["indicator"])] = extra
                records.append(extra)
    return [record for record in records if record["value"] is not None], reader.findings


def count_matches(table: Table, catalogue: Catalogue, index, enough: int | None = None) -> int:
    """How many of the table's first 200 rows match an indicator (headings' children
    included); counting stops at ``enough`` when that is all the caller needs to know."""
    grid, context, matched = table.sheet, RowContext(), 0
    for row in range(table.first_data_row, min(grid.n_rows, table.first_data_row + 200)):
        if enough is not None and matched >= enough:
            break
        label = cell_text(grid.value(row, table.label_col))
        if not label:
            continue
        found = index.match(label)
        if found is None:
            context.figure = grid.value(row, table.value_col) is not None
            found = match_row_label(label, context, catalogue).indicator
        if found is not None:
            matched += 1
            context.previous_indicator = found
        elif grid.value(row, table.value_col) is None:
            context.parent_label = label
    return matched
