"""What every output format receives (the brief's content and the executed notebook), and
how a table's cell is shown in every format (Vietnamese number formats, money in triệu/tỷ)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from unionstats.formatting import fmt_money, fmt_number, fmt_percent
from unionstats.publish.content import Brief


@dataclass(frozen=True)
class Rendered:
    """A brief ready to be written: its content, the notebook that displayed it, a title."""

    content: Brief
    notebook: Path
    title: str


def format_cell(column: str, value: object, money: bool) -> str:
    """A table cell as the brief shows it: "7.842", "+2,1%", "1,2 tỷ đồng", "–" for none."""
    if isinstance(value, bool):
        return "Có" if value else "Chưa"
    if isinstance(value, str):
        return value
    if value is None or pd.isna(value):
        return "–"
    if column in ("Tỷ lệ thay đổi",) or column.startswith(("Tỷ lệ", "Tỷ trọng")):
        return ("+" if column == "Tỷ lệ thay đổi" and value > 0 else "") + fmt_percent(value)
    if column == "Điểm":
        return fmt_number(value, 2)
    if column in ("Kết nạp mới trên 1.000 đoàn viên",):
        return fmt_number(value, 1)
    sign = ("+" if value > 0 else "-" if value < 0 else "") if column == "Thay đổi" else ""
    if money:
        return sign + fmt_money(abs(value) if sign else value)
    if column == "Thay đổi":
        return sign + fmt_number(abs(value))
    return fmt_number(value)


def money_row_flags(table: pd.DataFrame) -> list[bool]:
    """Which rows are money (their "Đơn vị tính" is đồng)."""
    return table["Đơn vị tính"].eq("đồng").tolist() if "Đơn vị tính" in table else [False] * len(table)


def shown_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The table without the columns a reader does not need (indicator codes)."""
    return table.drop(columns=[c for c in ("Mã",) if c in table])
