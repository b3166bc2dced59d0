"""Cell grids -> values with provenance: reading the federation's report form.

A submission is one workbook. Somewhere in it (any sheet, any depth) is the report table:
a header row with "Nội dung" (the row labels), "Đơn vị tính" (the measure) and the figures
column ("Số lượng", or a merged "Số liệu" over "Kỳ báo cáo" | "Cùng kỳ năm trước"). Above
it are the organisation and title lines, from which the reporting unit and period are
read; below it a signature block.

:func:`read_submission` returns a :class:`Submission`: the unit, the period, one record per
figure (indicator, value, sheet, cell, raw text) and the findings. A file that cannot be
placed (no table, unknown or conflicting unit or period) raises :class:`InputFileError`,
which the ingest step turns into a quarantine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from unionstats.cells import SheetGrid, a1, cell_text, header_texts, raw_text, row_is_blank
from unionstats.errors import InputFileError
from unionstats.findings import Finding
from unionstats.numbers import parse_value
from unionstats.periods import Period, find_periods
from unionstats.reference import Registry
from unionstats.text import fold, label_key, unit_key

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
_UNIT_LINE = re.compile(r"^(?:don vi(?: bao cao)?|ten don vi)\s*:")
_FEMALE_KEYS = {"nu", "so nu", "trong do nu", "trong do so nu", "nu trong do"}


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


@dataclass
class Submission:
    """What one file reports: unit, period, figures with provenance, and findings."""

    unit_code: str
    period: Period
    records: list[dict[str, object]]
    findings: list[Finding]
    sheet: str


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
        current, prior = [], []
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
            elif _PRIOR_HEADER.search(combined):
                prior.append(col)
            elif _OTHER_HEADER.search(combined):
                continue
            elif _CURRENT_HEADER.search(combined):
                current.append(col)
        if sub_header:
            # A sub-header cell under an empty top cell ("Kỳ báo cáo" beside a merged range
            # whose origin calamine did not report).
            for col, text in below.items():
                if col in top or col == label_col:
                    continue
                if _PRIOR_HEADER.search(text):
                    prior.append(col)
                elif _CURRENT_HEADER.search(text) and not _OTHER_HEADER.search(text):
                    current.append(col)
        if not current:
            continue
        if len(current) > 1:
            names = ", ".join(a1(row, col) for col in current)
            raise InputFileError(
                f"Bảng có nhiều cột số liệu kỳ này ({names}): không rõ cột nào là kỳ báo cáo; "
                "ghi rõ tiêu đề 'Kỳ báo cáo' và 'Cùng kỳ năm trước'.",
                sheet=grid.name,
                cell=a1(row, current[0]),
                code="table_ambiguous",
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


@dataclass
class _Context:
    file: str
    registry: Registry
    findings: list[Finding]

    def add(
        self, severity: str, code: str, message: str, sheet: str = "", cell: str = "", indicator: str = ""
    ) -> None:
        self.findings.append(Finding(severity, code, message, self.file, sheet, cell, indicator=indicator))


def read_records(table: Table, ctx: _Context) -> list[dict[str, object]]:
    """Read one record per figure of ``table``, adding findings for what cannot be read."""
    grid, registry = table.sheet, ctx.registry
    info = registry.indicator_info
    records: list[dict[str, object]] = []
    seen: dict[str, dict[str, object]] = {}
    previous_indicator: str | None = None
    blank_run = 0
    for row in range(table.first_data_row, grid.n_rows):
        if row_is_blank(grid, row):
            blank_run += 1
            if blank_run >= 2 and records:
                break
            continue
        blank_run = 0
        label = cell_text(grid.value(row, table.label_col))
        indicator = registry.match_indicator(label) if label else None
        if indicator is None and _is_signature(grid, row):
            break
        tt = fold(cell_text(grid.value(row, table.tt_col))) if table.tt_col is not None else ""
        raw = grid.value(row, table.value_col)
        if not label:
            if raw is not None:
                ctx.add(
                    "warning",
                    "label_missing",
                    f"Ô {a1(row, table.value_col)} có số liệu nhưng dòng không có nội dung.",
                    grid.name,
                    a1(row, table.value_col),
                )
            continue
        key = label_key(label)
        if indicator is None and key.startswith("trong do "):
            indicator = registry.match_indicator(key.removeprefix("trong do "))
        if indicator is None and key in _FEMALE_KEYS:
            parent = previous_indicator and info[previous_indicator]["female_code"]
            if parent:
                indicator = str(parent)
            else:
                ctx.add(
                    "warning",
                    "label_female_orphan",
                    f"Dòng '{label}' (ô {a1(row, table.label_col)}) không nằm ngay dưới dòng tổng số "
                    "đoàn viên hoặc CNVCLĐ: không rõ 'nữ' của chỉ tiêu nào.",
                    grid.name,
                    a1(row, table.label_col),
                )
                continue
        if indicator is None:
            if _ROMAN.match(tt) and raw is None:
                continue  # section heading: "I | TỔ CHỨC CÔNG ĐOÀN"
            if raw is None and label.isupper():
                continue  # heading without numbering
            ctx.add(
                "info",
                "label_unknown",
                f"Nội dung '{label}' (ô {a1(row, table.label_col)}) không khớp chỉ tiêu nào trong danh mục; "
                "nếu là chỉ tiêu cần theo dõi, thêm tên gọi này vào indicators.csv.",
                grid.name,
                a1(row, table.label_col),
            )
            previous_indicator = None
            continue
        previous_indicator = indicator
        value_cell = a1(row, table.value_col)
        measure = cell_text(grid.value(row, table.measure_col)) if table.measure_col is not None else ""
        spec = info[indicator]
        parsed = parse_value(
            raw, measure=measure or None, whole=bool(spec["whole"]), money=bool(spec["money"])
        )
        if parsed.value is None:
            severity = "info" if parsed.problem == "value_blank" else "warning"
            ctx.add(
                severity,
                parsed.problem or "value_invalid",
                f"{spec['label_vi']}: {parsed.message_vi}",
                grid.name,
                value_cell,
                indicator,
            )
            continue
        record = {
            "indicator": indicator,
            "value": parsed.value,
            "sheet": grid.name,
            "cell": value_cell,
            "raw": raw_text(raw),
        }
        if indicator in seen:
            first = seen[indicator]
            if first.get("value") != parsed.value:
                ctx.add(
                    "warning",
                    "indicator_repeated",
                    f"{spec['label_vi']} có hai số khác nhau ({first['cell']}: {first['raw']}, "
                    f"{value_cell}: {record['raw']}): không lấy số nào, đề nghị đơn vị xác nhận.",
                    grid.name,
                    value_cell,
                    indicator,
                )
                first["value"] = None
            continue
        seen[indicator] = record
        records.append(record)
    return [record for record in records if record["value"] is not None]


def _choose_table(grids: list[SheetGrid], ctx: _Context) -> Table:
    tables: list[tuple[int, Table]] = []
    for grid in grids:
        try:
            table = find_table(grid)
        except InputFileError as error:
            error.file = ctx.file
            raise
        if table is None:
            continue
        matched = sum(
            1
            for row in range(table.first_data_row, min(grid.n_rows, table.first_data_row + 200))
            if ctx.registry.match_indicator(cell_text(grid.value(row, table.label_col)))
        )
        tables.append((matched, table))
    if not tables:
        raise InputFileError(
            "Không tìm thấy bảng số liệu (dòng tiêu đề có 'Nội dung' và 'Số lượng' hoặc "
            "'Số liệu'): dùng đúng mẫu báo cáo của LĐLĐ tỉnh.",
            file=ctx.file,
            code="table_not_found",
        )
    tables.sort(key=lambda item: -item[0])
    best = tables[0][1]
    if tables[0][0] == 0:
        raise InputFileError(
            f"Bảng ở sheet '{best.sheet.name}' không có dòng nào khớp chỉ tiêu trong danh mục: "
            "kiểm tra lại mẫu báo cáo.",
            file=ctx.file,
            sheet=best.sheet.name,
            code="table_no_indicator",
        )
    return best


def _header_lines(table: Table) -> list[tuple[str, str]]:
    """(cell, text) of every non-empty cell above the table header."""
    lines = []
    for row in range(table.header_row):
        for col, value in enumerate(table.sheet.rows[row]):
            text = cell_text(value)
            if text:
                for part in text.splitlines():
                    if part.strip():
                        lines.append((a1(row, col), part.strip()))
    return lines


def identify_unit(table: Table, source_file: str, registry: Registry) -> str:
    """Return the reporting unit, read from the header lines and the filename.

    Raises
    ------
    InputFileError
        When the sources name different units, or none that is registered.
    """
    named: dict[str, list[str]] = {}
    unmatched: list[str] = []
    for cell, text in _header_lines(table):
        candidate = re.sub(r"^[^:]*:\s*", "", text) if _UNIT_LINE.match(fold(text)) else text
        unit = registry.match_unit(candidate)
        if unit:
            named.setdefault(unit, []).append(f"ô {cell} '{text}'")
        elif (
            _UNIT_LINE.match(fold(text)) or re.match(r"^(?:ldld|lien doan lao dong|cong doan) ", fold(text))
        ) and not unit_key(candidate).startswith("tinh "):  # the provincial federation itself
            unmatched.append(candidate)
    stem = PurePath(source_file).stem
    for unit in registry.units_in_text(stem):
        named.setdefault(unit, []).append(f"tên tệp '{PurePath(source_file).name}'")
    if len(named) == 1:
        return next(iter(named))
    names = registry.unit_names
    if len(named) > 1:
        detail = "; ".join(f"{names[u]} ({', '.join(where)})" for u, where in named.items())
        raise InputFileError(
            f"Không xác định được đơn vị báo cáo vì các nguồn ghi khác nhau: {detail}. "
            "Sửa cho thống nhất rồi gửi lại.",
            file=source_file,
            sheet=table.sheet.name,
            code="unit_conflict",
        )
    seen = unmatched[0] if unmatched else stem
    suggestions = registry.closest_units(seen)
    hint = f" Tên gần nhất trong danh mục: {', '.join(suggestions)}." if suggestions else ""
    raise InputFileError(
        f"Không nhận ra đơn vị báo cáo ('{seen}' không có trong units.csv).{hint} Nếu là đơn vị "
        "mới, thêm vào data/reference/units.csv; nếu viết sai tên, đề nghị đơn vị sửa.",
        file=source_file,
        sheet=table.sheet.name,
        code="unit_unknown",
    )


def identify_period(table: Table, source_file: str) -> Period:
    """Return the report period from the folder, the title lines and the filename.

    Raises
    ------
    InputFileError
        When the sources disagree, or none names a period.
    """
    path = PurePath(source_file)
    sources: dict[str, set[Period]] = {}
    for folder in path.parts[:-1]:
        found = find_periods(folder)
        if found:
            sources[f"thư mục '{folder}'"] = found
    for cell, text in _header_lines(table):
        found = find_periods(text)
        if found:
            sources[f"ô {cell} '{text}'"] = found
    found = find_periods(path.stem)
    if found:
        sources[f"tên tệp '{path.name}'"] = found
    every = set().union(*sources.values()) if sources else set()
    if len(every) == 1:
        return next(iter(every))
    if not every:
        raise InputFileError(
            "Không xác định được kỳ báo cáo: ghi rõ kỳ trong tiêu đề (ví dụ '6 tháng đầu năm "
            "2022', 'năm 2022') hoặc đặt tệp vào thư mục của kỳ (ví dụ 2022-H1).",
            file=source_file,
            sheet=table.sheet.name,
            code="period_unknown",
        )
    detail = "; ".join(f"{where}: {', '.join(sorted(p.code for p in ps))}" for where, ps in sources.items())
    raise InputFileError(
        f"Kỳ báo cáo không thống nhất ({detail}): sửa tiêu đề hoặc chuyển tệp vào đúng thư mục.",
        file=source_file,
        sheet=table.sheet.name,
        code="period_conflict",
    )


def read_submission(grids: list[SheetGrid], source_file: str, registry: Registry) -> Submission:
    """Read one workbook's grids into a :class:`Submission`.

    ``source_file`` is the path relative to the raw folder: its folders and name are
    sources for the period and unit, and it is written into every record.
    """
    ctx = _Context(source_file, registry, [])
    table = _choose_table(grids, ctx)
    unit = identify_unit(table, source_file, registry)
    period = identify_period(table, source_file)
    records = read_records(table, ctx)
    if period.period_type != "FY":
        for record in list(records):
            if registry.indicator_info[str(record["indicator"])]["fy_only"]:
                ctx.add(
                    "warning",
                    "indicator_fy_only",
                    f"Chỉ tiêu xếp loại CĐCS chỉ báo cáo cuối năm nhưng có trong kỳ {period.code}.",
                    table.sheet.name,
                    str(record["cell"]),
                    str(record["indicator"]),
                )
    for finding in ctx.findings:
        finding.unit, finding.period = unit, period.code
    return Submission(unit, period, records, ctx.findings, table.sheet.name)
