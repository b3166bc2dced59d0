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
from dataclasses import dataclass, field

from unionstats.catalogue import Catalogue
from unionstats.errors import InputFileError
from unionstats.findings import Finding, finding
from unionstats.read.cells import SheetGrid, cell_text, header_texts, raw_text, row_is_blank
from unionstats.read.cells_a1 import a1
from unionstats.read.labels import RowContext, is_child_label, label_index, match_row_label
from unionstats.read.numbers import parse_value, split_count_and_amount
from unionstats.text import fold

MAX_HEADER_SEARCH_ROWS = 300
_LABEL_HEADER = re.compile(r"^(?:noi dung(?: chi tieu| hoat dong)?|chi tieu|ten chi tieu|danh muc)$")
_LABEL_HEADER_STARTS = ("noi dung", "chi tieu", "ten chi tieu", "danh muc")
_PRIOR_HEADER = re.compile(r"cung ky|nam truoc|ky truoc|nam \d{4} truoc")
_CURRENT_HEADER = re.compile(r"so luong|so lieu|ky bao cao|thuc hien|ket qua|nam nay|ky nay")
_OTHER_HEADER = re.compile(r"ke hoach|chi tieu giao|ty le|so sanh|%")
_MEASURE_HEADER = re.compile(r"^(?:don vi tinh|dvt|don vi)$")
_TT_HEADER = re.compile(r"^(?:tt|stt|so tt|so thu tu)$")
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
    lines_above: list[tuple[str, str]] | None = field(default=None, repr=False)  # see identify.py


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
        label_cols = [col for col, text in top.items() if _LABEL_HEADER.match(text)]
        if not label_cols:
            continue
        label_col = label_cols[0]
        below = header_texts(grid, row + 1)
        sub_header = label_col not in below or grid.merged_origin(row + 1, label_col) == (
            row,
            label_col,
        )
        sub_header = sub_header and any(
            _CURRENT_HEADER.search(t) or _PRIOR_HEADER.search(t) for t in below.values()
        )
        current, measure_col, tt_col = _classify_columns(grid, row, label_col, top, below, sub_header)
        if not current:
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
        return Table(grid, row, first, label_col, current[0], measure_col, tt_col)
    return None


def _is_numbering_row(grid: SheetGrid, row: int) -> bool:
    """True for the "(1) (2) (3)" or "A B 1 2" row some forms put under the header."""
    cells = [fold(cell_text(v)) for v in grid.rows[row] if cell_text(v)]
    return bool(cells) and all(_NUMBER_ROW_CELL.match(c) for c in cells)


def _is_signature(grid: SheetGrid, row: int) -> bool:
    return any(isinstance(v, str) and _SIGNATURE.match(fold(v)) for v in grid.rows[row])


def _classify_columns(
    grid: SheetGrid, row: int, label_col: int, top: dict[int, str], below: dict[int, str], sub_header: bool
) -> tuple[list[int], int | None, int | None]:
    """(this period's value columns, the measure column, the numbering column) of a header."""
    current: list[int] = []
    measure_col = tt_col = None
    for col, text in top.items():
        if col == label_col:
            continue
        combined = text
        if sub_header and col in below and grid.merged_origin(row + 1, col) != (row, col):
            combined = f"{text} {below[col]}"
        if _MEASURE_HEADER.match(combined):
            measure_col = col
        elif _TT_HEADER.match(combined):
            tt_col = col
        elif _PRIOR_HEADER.search(combined) or _OTHER_HEADER.search(combined):
            continue  # last year's figures, plans, percentages: never this period's
        elif _CURRENT_HEADER.search(combined):
            current.append(col)
    if sub_header:
        # A sub-header cell under an empty top cell ("Kỳ báo cáo" beside a merged range
        # whose origin calamine did not report).
        for col, text in below.items():
            if col in top or col == label_col:
                continue
            if _PRIOR_HEADER.search(text):
                continue
            if _CURRENT_HEADER.search(text) and not _OTHER_HEADER.search(text):
                current.append(col)
    return current, measure_col, tt_col


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
        match = match_row_label(label, self.context, self.catalogue) if label else None
        if (match is None or match.indicator is None) and _is_signature(grid, row):
            return False
        if match is None:
            if raw is not None:
                self.add("label_missing", a1(row, table.value_col))
            return None
        if match.indicator is None:
            self._unmatched(row, label, raw, match.problem)
            return None
        self.context.previous_indicator = match.indicator
        if match.rule == "alias" and not is_child_label(label):
            self.context.parent_label = ""  # a row of its own ends the heading's children
        return self._record(row, match.indicator, raw)

    def _unmatched(self, row: int, label: str, raw: object, problem: str) -> None:
        table, grid = self.table, self.table.sheet
        cell = a1(row, table.label_col)
        if problem:
            self.add(problem, cell, label=label)
            return
        tt = fold(cell_text(grid.value(row, table.tt_col))) if table.tt_col is not None else ""
        if raw is None:
            self.context.parent_label = label  # a heading: its bulleted children may follow
        if raw is None and (_ROMAN.match(tt) or label.isupper()):
            return  # a section heading: "I | TỔ CHỨC CÔNG ĐOÀN"
        self.add("label_unknown", cell, label=label)
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


def _count_matches(table: Table, catalogue: Catalogue, index) -> int:
    """How many of the table's first 200 rows match an indicator (headings' children included)."""
    grid, context, matched = table.sheet, RowContext(), 0
    for row in range(table.first_data_row, min(grid.n_rows, table.first_data_row + 200)):
        label = cell_text(grid.value(row, table.label_col))
        if not label:
            continue
        found = index.match(label)
        if found is None and context.parent_label and is_child_label(label):
            found = match_row_label(label, context, catalogue).indicator
        if found is not None:
            matched += 1
            context.previous_indicator = found
        elif grid.value(row, table.value_col) is None:
            context.parent_label = label
    return matched


def report_tables(grids: list[SheetGrid], file: str, catalogue: Catalogue) -> list[Table]:
    """Every sheet's report table whose rows match an indicator, the best matching first.

    Raises
    ------
    InputFileError
        When no sheet has a report table, or none matches an indicator.
    """
    tables: list[tuple[int, Table]] = []
    index = label_index(catalogue)
    for grid in grids:
        try:
            table = find_table(grid)
        except InputFileError as error:
            error.file = file
            raise
        if table is None:
            continue
        tables.append((_count_matches(table, catalogue, index), table))
    if not tables:
        raise InputFileError.of("table_not_found", file=file)
    tables.sort(key=lambda item: -item[0])
    if tables[0][0] == 0:
        raise InputFileError.of("table_no_indicator", file=file, sheet=tables[0][1].sheet.name)
    return [table for matched, table in tables if matched]
