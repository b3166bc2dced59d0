"""A Word report -> its submission: unit, period, the figures of its tables and sentences.

The document is opened by :mod:`unionstats.read.documents`. Its unit and period come from
its header and title as a workbook's do from its title lines ("LĐLĐ HUYỆN ĐĂK TÔ", "BÁO CÁO
Sơ kết … 6 tháng đầu năm 2024"), then from the file name and folder, through the same
:mod:`unionstats.read.identify` (a conflict refuses the file, naming each source). The part
of a title about the next period ("…, phương hướng nhiệm vụ năm 2025") is not its period.

Its tables are read by the table reader of sheets (:mod:`unionstats.read.forms`,
:mod:`unionstats.read.unit_tables`), with the same findings; its sentences by
:mod:`unionstats.read.sentences`. A figure a table gives is the one taken; a sentence stating
the same indicator differently is a finding. A report whose tables and sentences give no
figure of the catalogue is refused (the unit is then not counted as having reported).
"""

from __future__ import annotations

import re
from pathlib import Path

from unionstats.errors import InputFileError
from unionstats.findings import Finding, finding
from unionstats.formatting import fmt_number
from unionstats.read.cells import SheetGrid
from unionstats.read.documents import WordDocument, read_document
from unionstats.read.forms import Table
from unionstats.read.identify import identify_period, identify_unit
from unionstats.read.sentences import TEXT_SHEET, read_sentences
from unionstats.reference import Registry

_NEXT_PERIOD = re.compile(
    r"[,;]?\s*(?:và\s+)?(?:phương hướng|nhiệm vụ|kế hoạch|triển khai|mục tiêu)\b.*$", re.I
)


def own_lines(document: WordDocument) -> list[tuple[str, str]]:
    """The header lines whose unit and period are the report's own: a title's tail about
    the next period ("…, phương hướng nhiệm vụ năm 2025") cut off."""
    lines = []
    for where, text in document.header:
        mine = _NEXT_PERIOD.sub("", text).strip()
        if mine:
            lines.append((where, mine))
    return lines


def _text_table(document: WordDocument) -> Table:
    """The report's text as a table without rows, whose lines above are the header: what
    :mod:`unionstats.read.identify` reads a unit and a period from."""
    return Table(
        SheetGrid(TEXT_SHEET, []), 0, 0, 0, 0, None, None, lines_above=own_lines(document)
    )  # fmt: skip


def read_word_report(path: Path, relative: str, registry: Registry):
    """The submission of one Word report and its file-level findings.

    Returns ``(unit, period, records, findings)``.

    Raises
    ------
    InputFileError
        When the document cannot be opened, its unit or period cannot be established, or it
        states no figure of the catalogue.
    """
    document = read_document(path, display_name=relative)
    text = _text_table(document)
    unit = identify_unit(text, relative, registry)
    period, notes = identify_period(text, relative)
    records, findings = _table_figures(document, relative, registry, unit, period)
    stated = read_sentences(document.body(), relative, registry)
    records, extra = _merge(records, stated.records, relative, registry)
    taken = {(r["sheet"], r["cell"], r["indicator"]) for r in records}
    findings += notes + extra
    kept = ("text_figure_ambiguous", "text_figure_conflict", "text_number_unclear")
    findings += [f for f in stated.findings if f.code in kept or (f.sheet, f.cell, f.indicator) in taken]
    if not records:
        raise InputFileError.of("document_without_figures", file=relative)
    return unit, period, records, findings


def _table_figures(document: WordDocument, relative: str, registry: Registry, unit: str, period):
    """The figures of the report's tables that are its own unit's and period's (a table of
    another period, a plan beside the result, is reported, not read)."""
    from unionstats.read.submission import read_table, report_tables

    if not document.tables:
        return [], []
    try:
        tables = report_tables(document.tables, relative, registry)
    except InputFileError:
        return [], []  # no table of figures: the sentences say what the report states
    records: list[dict[str, object]] = []
    findings: list[Finding] = []
    for table in tables:
        table.lines_above = own_lines(document)
        try:
            submissions, notes = read_table(table, relative, registry, own_first=len(tables) > 1)
        except InputFileError as error:
            reason = error.message_vi if error.message_vi.endswith(".") else error.message_vi + "."
            findings.append(finding("sheet_not_read", file=relative, sheet=table.sheet.name, reason=reason))
            continue
        findings += notes
        for submission in submissions:
            if (submission.unit_code, submission.period) != (unit, period):
                reason = (
                    f"bảng là của {registry.unit_names.get(submission.unit_code, submission.unit_code)}, "
                    f"kỳ {submission.period.code}, không phải của báo cáo."
                )
                findings.append(
                    finding("sheet_not_read", file=relative, sheet=table.sheet.name, reason=reason)
                )
                continue
            seen = {r["indicator"] for r in records}
            records += [r for r in submission.records if r["indicator"] not in seen]
            findings += submission.findings
    return records, findings


def _merge(
    tables: list[dict[str, object]], sentences: list[dict[str, object]], relative: str, registry: Registry
) -> tuple[list[dict[str, object]], list[Finding]]:
    """A table's figure before a sentence's; a sentence saying otherwise is a finding."""
    by_indicator = {str(r["indicator"]): r for r in tables}
    records, findings = list(tables), []
    for record in sentences:
        code = str(record["indicator"])
        table = by_indicator.get(code)
        if table is None:
            records.append(record)
        elif table["value"] != record["value"]:
            findings.append(
                finding(
                    "text_differs_from_table",
                    file=relative,
                    sheet=TEXT_SHEET,
                    cell=str(record["cell"]),
                    indicator=code,
                    label=registry.catalogue.label(code),
                    text_value=fmt_number(float(record["value"])),
                    table_value=fmt_number(float(table["value"])),
                    table_place=f"{table['sheet']}, ô {table['cell']}",
                )
            )
    return records, findings
