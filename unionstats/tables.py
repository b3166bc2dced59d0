"""Tables -> what a person reads: the ad-hoc question table, in the terminal or as .xlsx.

:func:`question_table` answers "these indicators, these periods, by province, cluster or
unit" with Vietnamese labels and, for several periods, the change between consecutive
ones. A flow is never compared across period types (six months with a year): its change
is left empty and the note says why. :func:`render_text` aligns it for a terminal;
:func:`write_xlsx` writes a clean workbook (one header row, no merged cells, numbers as
numbers, text safe against formula injection).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from unionstats.analysis import kind_of, restate_units, scope_names, totals
from unionstats.errors import UsageError
from unionstats.formatting import fmt_money, fmt_number, fmt_percent
from unionstats.periods import parse_code, period_order
from unionstats.reference import Registry
from unionstats.writers import put_text

SCOPE_HEADER = {"province": "Phạm vi", "cluster": "Cụm thi đua", "unit": "Đơn vị"}


def check_request(
    values: pd.DataFrame, indicators: list[str], periods: list[str], registry: Registry
) -> None:
    """Raise :class:`UsageError` listing the valid choices for an unknown indicator or period."""
    unknown = [i for i in indicators if i not in registry.indicator_info]
    if unknown:
        valid = "\n".join(
            f"  {code:<24} {spec['label_vi']}" for code, spec in registry.indicator_info.items()
        )
        raise UsageError(
            f"Không có chỉ tiêu {', '.join(unknown)}. Các mã chỉ tiêu hợp lệ:\n{valid}",
            code="unknown_indicator",
        )
    available = sorted(set(values["period"]), key=period_order)
    missing = [p for p in periods if p not in available]
    if missing:
        raise UsageError(
            f"Kho dữ liệu không có kỳ {', '.join(missing)}. Các kỳ có số liệu: {', '.join(available)}.",
            code="unknown_period",
        )


def question_table(
    values: pd.DataFrame, indicators: list[str], periods: list[str], registry: Registry, by: str = "province"
) -> tuple[pd.DataFrame, list[str]]:
    """One row per scope and indicator; a column per period; change columns between periods.

    Returns the table (numbers as numbers) and notes to print under it. Units are restated
    like for like (merged units carry their predecessors' history).
    """
    check_request(values, indicators, periods, registry)
    periods = sorted(dict.fromkeys(periods), key=period_order)
    last = parse_code(periods[-1])
    restated = restate_units(values[values["indicator"].isin(indicators)], registry, last)
    summed = totals(restated, periods, by)
    wide = summed.pivot_table(index=["scope", "indicator"], columns="period", values="value", aggfunc="first")
    wide = wide.reindex(columns=periods)
    names = scope_names(registry, last.year)
    notes: list[str] = []
    rows = []
    for (scope, indicator), figures in wide.iterrows():
        row: dict[str, object] = {
            SCOPE_HEADER[by]: names.get(scope, scope),
            "Chỉ tiêu": registry.indicator_info[indicator]["label_vi"],
            "Mã": indicator,
            "Đơn vị tính": registry.indicator_info[indicator]["measure"],
        }
        for period in periods:
            row[period] = figures[period]
        for before, after in itertools.pairwise(periods):
            comparable = kind_of(indicator, registry) == "stock" or before[5:] == after[5:]
            change = figures[after] - figures[before] if comparable else np.nan
            base = figures[before]
            row[f"Thay đổi {before}→{after}"] = change
            row[f"% {before}→{after}"] = change / base if comparable and base else np.nan
            if not comparable:
                note = (
                    f"{registry.indicator_info[indicator]['label_vi']}: không so sánh {before} với {after} "
                    "(chỉ tiêu phát sinh, khác độ dài kỳ)."
                )
                if note not in notes:
                    notes.append(note)
        rows.append(row)
    table = pd.DataFrame(rows)
    counts = restated[restated["period"].isin(periods)].groupby("period")["unit_code"].nunique()
    notes.append("Số đơn vị có số liệu: " + ", ".join(f"{p}: {int(counts.get(p, 0))}" for p in periods) + ".")
    return table, notes


def _cell_text(column: str, value: object, money: bool) -> str:
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    if column.startswith("%"):
        return ("+" if value > 0 else "") + fmt_percent(value)
    if column.startswith("Thay đổi"):
        text = fmt_money(abs(value)) if money else fmt_number(abs(value))
        return ("+" if value > 0 else "−" if value < 0 else "") + text
    return fmt_money(value) if money else fmt_number(value)


def render_text(table: pd.DataFrame, notes: list[str]) -> str:
    """An aligned plain-text table (Vietnamese number formats) with its notes."""
    if table.empty:
        return "Không có số liệu."
    shown = table.drop(columns=["Mã"])
    money = (table["Đơn vị tính"] == "đồng").tolist()
    cells = [
        [_cell_text(c, v, m) for c, v in zip(shown.columns, row, strict=True)]
        for row, m in zip(shown.itertuples(index=False), money, strict=True)
    ]
    headers = list(shown.columns)
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    text_columns = {0, 1, 2}

    def line(values: list[str]) -> str:
        return "  ".join(
            v.ljust(w) if i in text_columns else v.rjust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ).rstrip()

    output = [line(headers), "  ".join("-" * w for w in widths)]
    output += [line(r) for r in cells]
    output += ["", *notes] if notes else []
    return "\n".join(output)


def write_xlsx(tables: pd.DataFrame | dict[str, pd.DataFrame], path: Path) -> Path:
    """A clean workbook, one sheet per table: one header row, no merged cells, numbers as
    numbers (shares formatted as %), text safe against formula injection.

    A single DataFrame goes to a sheet named "Số liệu".
    """
    sheets = {"Số liệu": tables} if isinstance(tables, pd.DataFrame) else tables
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, table in sheets.items():
        worksheet = workbook.create_sheet(name[:31])
        for col, header in enumerate(table.columns, start=1):
            put_text(worksheet.cell(row=1, column=col), str(header))
            worksheet.cell(row=1, column=col).font = Font(bold=True)
            texts = [str(header), *(str(v) for v in table.iloc[:, col - 1])]
            worksheet.column_dimensions[get_column_letter(col)].width = min(
                60, max(len(t) for t in texts) + 2
            )
        for r, row in enumerate(table.itertuples(index=False), start=2):
            for c, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
                cell = worksheet.cell(row=r, column=c)
                if isinstance(value, bool):
                    put_text(cell, "Có" if value else "Chưa")
                elif isinstance(value, str):
                    put_text(cell, value)
                elif value is not None and not pd.isna(value):
                    cell.value = float(value)
                    share = str(column).startswith(("%", "Tỷ lệ", "Tỷ trọng"))
                    cell.number_format = "0.0%" if share else "#,##0.##"
        worksheet.freeze_panes = "A2"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name("." + path.name)
    workbook.save(temporary)
    temporary.replace(path)
    return path
