"""Where a figure comes from: its file, sheet, cell and text, what it replaced, what was found.

The findings shown are those on the figure (its indicator, or its very cell) and those on its
file or unit as a whole (a period in doubt, a unit that did not report), not every finding of
the file.

``unionstats source members --unit dak-to --period 2024-FY`` answers "which file and cell is
Đăk Tô's 2024 figure?" from the store alone: the current value with its provenance, every
earlier submission it superseded (file, cell, value), the findings on it, and what the unit
sent for that period. A ratio (``female_share``) is answered by its two parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from unionstats.formatting import fmt_number
from unionstats.periods import parse_code
from unionstats.read.inventory import is_document
from unionstats.reference import Registry
from unionstats.store.files import read_findings, read_history, read_manifest, read_values
from unionstats.vocabulary import SEVERITY_VI


@dataclass
class FigureSource:
    """One indicator of one unit in one period, as the store keeps it."""

    indicator: str
    unit: str
    period: str
    current: pd.DataFrame  # the store's values rows (one, unless the figure was read twice)
    superseded: pd.DataFrame  # the values of earlier submissions this one replaced
    findings: pd.DataFrame  # the findings on this indicator of this unit and period
    submitted: pd.DataFrame  # the manifest rows of this unit and period
    parts: list[FigureSource] = field(default_factory=list)  # a ratio's numerator and denominator


def figure_source(
    processed: Path, registry: Registry, indicator: str, unit: str, period: str
) -> FigureSource:
    """The provenance of ``indicator`` for ``unit`` in ``period`` (see the module docstring)."""
    values, history = read_values(processed), read_history(processed)
    findings, manifest = read_findings(processed), read_manifest(processed)

    def one(code: str) -> FigureSource:
        def rows(frame: pd.DataFrame, unit_column: str) -> pd.DataFrame:
            return frame[(frame[unit_column] == unit) & (frame["period"] == period)]

        current = rows(values, "unit_code").query("indicator == @code")
        cells = set(zip(current["source_file"], current["cell"], strict=True))
        mine = rows(findings, "unit")
        pairs = zip(mine["file"], mine["cell"], strict=True)
        at_cell = pd.Series([pair in cells for pair in pairs], index=mine.index, dtype=bool)
        about = (mine["indicator"] == code) | at_cell
        whole_file = (mine["cell"] == "") & (mine["indicator"] == "")  # the file's or the unit's own
        return FigureSource(
            code,
            unit,
            period,
            current,
            rows(history, "unit_code").query("indicator == @code"),
            mine[about | whole_file],
            rows(manifest, "unit"),
        )

    if indicator in registry.derived:
        ratio = registry.derived[indicator]
        source = FigureSource(
            indicator,
            unit,
            period,
            values.iloc[0:0],
            history.iloc[0:0],
            findings.iloc[0:0],
            manifest.iloc[0:0],
        )
        source.parts = [one(ratio.numerator), one(ratio.denominator)]
        return source
    return one(indicator)


def _value_line(row, measure: str) -> str:
    if is_document(row.source_file) and str(row.cell).startswith("đoạn"):  # a sentence of a Word report
        return f'{fmt_number(row.value)} {measure} — {row.source_file}, {row.cell}, câu: "{row.raw}"'
    where = f"{row.source_file}, sheet '{row.sheet}', ô {row.cell}"
    return f'{fmt_number(row.value)} {measure} — {where}, ô ghi "{row.raw}"'


def describe_source(source: FigureSource, registry: Registry) -> str:
    """The provenance as lines an analyst reads (Vietnamese)."""
    label, measure = registry.describe(source.indicator)
    name = registry.unit_names.get(source.unit, source.unit)
    lines = [f"{label} — {name} — {parse_code(source.period).label_vi} ({source.period})"]
    if source.parts:
        ratio = registry.derived[source.indicator]
        lines.append(f"Là tỷ lệ {ratio.numerator} / {ratio.denominator}; nguồn của từng phần:")
        for part in source.parts:
            lines += ["", *describe_source(part, registry).splitlines()]
        return "\n".join(lines)
    if source.current.empty:
        sent = ", ".join(sorted(set(source.submitted["path"]))) or "không có tệp nào"
        lines.append(f"Không có số liệu này trong kho. Đơn vị đã gửi: {sent}.")
    waiting = set(source.findings.loc[source.findings["code"] == "text_figure_unconfirmed", "cell"])
    for row in source.current.itertuples(index=False):
        note = " (đọc từ văn bản, chưa xác nhận)" if row.cell in waiting else ""
        lines.append("Số liệu: " + _value_line(row, measure) + note)
    current_form = not source.current["source_file"].map(is_document).astype(bool).all()
    beside = source.superseded["source_file"].map(is_document).astype(bool) & current_form
    for rows, title in (
        (source.superseded[~beside], "Thay cho bản gửi trước:"),
        (source.superseded[beside], "Báo cáo Word cùng kỳ ghi (để đối chiếu; số liệu lấy theo biểu):"),
    ):
        if not rows.empty:
            lines.append(title)
            lines += ["  " + _value_line(row, measure) for row in rows.itertuples(index=False)]
    if not source.findings.empty:
        lines.append("Phát hiện:")
        for row in source.findings.itertuples(index=False):
            where = f" [{row.cell}]" if row.cell else ""
            lines.append(f"  {SEVERITY_VI.get(row.severity, row.severity)}: {row.message}{where}")
    return "\n".join(lines)
