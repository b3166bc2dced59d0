"""One file -> one submission: the read stage's entry point, :func:`read_file`.

:func:`read_file` opens a workbook (:mod:`~unionstats.read.cells`), finds its report table
(:mod:`~unionstats.read.forms`), establishes its unit and period
(:mod:`~unionstats.read.identify`), reads its figures and any attached CĐCS list
(:mod:`~unionstats.read.details`), and returns a picklable :class:`FileOutcome`. It never
raises for a bad file: the outcome is then ``quarantined`` with a one-line reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from unionstats.errors import InputFileError
from unionstats.findings import Finding, finding
from unionstats.periods import Period
from unionstats.read.cells import SheetGrid, read_workbook
from unionstats.read.details import read_detail_sheets
from unionstats.read.forms import Table, choose_table, read_records
from unionstats.read.identify import identify_period, identify_unit
from unionstats.reference import Registry


@dataclass
class Submission:
    """What one file reports: unit, period, figures with provenance, and findings."""

    unit_code: str
    period: Period
    records: list[dict[str, object]]
    findings: list[Finding]
    sheet: str


@dataclass
class FileOutcome:
    """What reading one file gave: picklable, so that worker processes can return it."""

    path: str
    sha256: str
    status: str  # ingested | quarantined (then superseded, once supersession is decided)
    records: list[dict[str, object]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    details: list[dict[str, object]] = field(default_factory=list)
    unit: str = ""
    period: str = ""
    message: str = ""  # the one-line reason of a quarantine
    n_values: int = 0
    reused: bool = False  # rebuilt from the previous store, not re-read


def read_submission(grids: list[SheetGrid], source_file: str, registry: Registry) -> Submission:
    """Read one workbook's grids into a :class:`Submission`.

    ``source_file`` is the path relative to the raw folder: its folders and name are
    sources for the period and unit, and it is written into every record.
    """
    catalogue = registry.catalogue
    table, others = choose_table(grids, source_file, catalogue)
    unit = identify_unit(table, source_file, registry)
    period = identify_period(table, source_file)
    records, findings = read_records(table, source_file, catalogue)
    findings += [_not_read(other, source_file, registry) for other in others]
    if not records and not any(f.severity != "info" for f in findings):
        raise InputFileError.of("template_blank", file=source_file, sheet=table.sheet.name)
    if records and all(record["value"] == 0 for record in records):
        findings.append(finding("values_all_zero", file=source_file, sheet=table.sheet.name))
    if period.period_type != "FY":
        findings += [
            finding(
                "indicator_fy_only",
                file=source_file,
                sheet=table.sheet.name,
                cell=str(record["cell"]),
                indicator=str(record["indicator"]),
                period=period.code,
            )
            for record in records
            if catalogue[str(record["indicator"])].fy_only
        ]
    for item in findings:
        item.unit, item.period = unit, period.code
    return Submission(unit, period, records, findings, table.sheet.name)


def _not_read(table: Table, source_file: str, registry: Registry) -> Finding:
    """A finding for another sheet's report table: never dropped without a word."""
    try:
        whose = f"đơn vị {registry.unit_names[identify_unit(table, source_file, registry)]}"
    except InputFileError:
        whose = "đơn vị chưa rõ"
    try:
        whose += f", kỳ {identify_period(table, source_file).code}"
    except InputFileError:
        whose += ", kỳ chưa rõ"
    return finding("sheet_not_read", file=source_file, sheet=table.sheet.name, whose=whose)


def read_file(path: Path, relative: str, sha256: str, registry: Registry) -> FileOutcome:
    """Read one submission; never raises for a bad file (it comes back quarantined)."""
    try:
        grids = read_workbook(path, display_name=relative)
        submission = read_submission(grids, relative, registry)
        details, detail_findings = read_detail_sheets(grids, submission.sheet, relative)
    except InputFileError as error:
        error.file = relative
        item = Finding("error", error.code, error.message_vi, relative, error.sheet or "", error.cell or "")
        return FileOutcome(relative, sha256, "quarantined", message=str(error), findings=[item])
    except Exception as error:  # a reader bug must not stop the batch or lose the other files
        item = finding("reader_failed", file=relative, detail=f"{type(error).__name__}: {error}")
        return FileOutcome(
            relative, sha256, "quarantined", message=f"{relative}: {item.message}", findings=[item]
        )
    return FileOutcome(
        relative,
        sha256,
        "ingested",
        unit=submission.unit_code,
        period=submission.period.code,
        records=submission.records,
        findings=submission.findings + detail_findings,
        details=details,
        n_values=len(submission.records),
    )
