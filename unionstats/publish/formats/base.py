"""What every output format receives (the brief's content and the executed notebook), and
how a table is shown in every format (:func:`present`: Vietnamese number formats, money in
one unit per row or column, one decimal rule per column, no column empty in every row)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from unionstats.formatting import fmt_fixed, fmt_number, fmt_percent
from unionstats.publish.axes import money_unit
from unionstats.publish.brief import Brief


@dataclass(frozen=True)
class Rendered:
    """A brief ready to be written: its content, the notebook that displayed it, a title."""

    content: Brief
    notebook: Path
    title: str


@dataclass(frozen=True)
class ShownTable:
    """A table as every format shows it: headers, cell texts, and which columns are numbers
    (right-aligned)."""

    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]


def _is_percent(column: str) -> bool:
    return column.startswith(("Tỷ lệ", "Tỷ trọng", "%"))


def _empty(series: pd.Series) -> bool:
    return all(
        v is None or (isinstance(v, str) and not v.strip()) or (not isinstance(v, str) and pd.isna(v))
        for v in series
    )


def _money_unit(values) -> tuple[float, str, int]:
    """(divisor, unit, decimals) of a row or column of amounts in đồng: one unit for all."""
    largest = max((abs(v) for v in values if isinstance(v, int | float) and not pd.isna(v)), default=0)
    divisor, unit = money_unit(largest)
    return divisor, unit, {1e9: 2, 1e6: 1}.get(divisor, 0)


def present(
    table: pd.DataFrame,
    money_columns: frozenset[str] | set[str] = frozenset(),
    point_columns: frozenset[str] | set[str] = frozenset(),
) -> ShownTable:
    """``table`` ready to show: the indicator codes and every column empty in every row left
    out; money in one unit per row (a row whose "Đơn vị tính" is đồng: the unit column then
    names it, "tỷ đồng") or per column (named in its header); one decimal rule per column
    (as many decimals on every number of a column); changes signed; shares in %, those of
    ``point_columns`` already in percentage points (a ratio of derived.csv: 96,1)."""
    shown = table.drop(columns=[c for c in table.columns if c == "Mã" or _empty(table[c])])
    columns = [str(c) for c in shown.columns]
    cells = [list(row) for row in shown.itertuples(index=False)]
    units = [None] * len(cells)  # a money row's (divisor, unit, decimals)
    if "Đơn vị tính" in columns:
        at = columns.index("Đơn vị tính")
        for r, row in enumerate(cells):
            if row[at] == "đồng":
                units[r] = _money_unit(v for c, v in zip(columns, row, strict=True) if not _is_percent(c))
                row[at] = units[r][1]
    headers, numeric, texts = [], [], [[""] * len(columns) for _ in cells]
    for c, column in enumerate(columns):
        values = [row[c] for row in cells]
        is_text = all(isinstance(v, str | bool) or v is None for v in values)
        header, column_unit = column, None
        if column in money_columns:
            column_unit = _money_unit(values)
            header = f"{column} ({column_unit[1]})"
        plain = [v for v, u in zip(values, units, strict=True) if u is None and isinstance(v, int | float)]
        decimals = 1 if any(not pd.isna(v) and abs(v - round(v)) > 1e-9 for v in plain) else 0
        for r, value in enumerate(values):
            if column in point_columns and isinstance(value, int | float) and not pd.isna(value):
                texts[r][c] = fmt_fixed(value, 1) + "%"
                continue
            unit = column_unit or (units[r] if not _is_percent(column) else None)
            texts[r][c] = _text(column, value, unit, decimals)
        headers.append(header)
        numeric.append(not is_text)
    return ShownTable(headers, texts, numeric)


def _text(column: str, value: object, unit: tuple[float, str, int] | None, decimals: int) -> str:
    if isinstance(value, bool):
        return "Có" if value else "Chưa"
    if isinstance(value, str):
        return value
    if value is None or pd.isna(value):
        return "–"
    change = column.startswith("Thay đổi") or column == "Tỷ lệ thay đổi"
    sign = ("+" if value > 0 else "-" if value < 0 else "") if change else ""
    if _is_percent(column):
        return ("+" if change and value > 0 else "") + fmt_percent(value)
    if column == "Điểm":
        return fmt_fixed(value, 2)
    number = (abs(value) if sign else value) / (unit[0] if unit is not None else 1)
    places = unit[2] if unit is not None else decimals
    return sign + (fmt_fixed(number, places) if places else fmt_number(number))
