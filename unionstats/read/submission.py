"""One file -> one submission: the read stage's entry point, :func:`read_file`.

:func:`read_file` opens a workbook (:mod:`~unionstats.read.cells`), finds its report table
(:mod:`~unionstats.read.forms`), establishes its unit and period
(:mod:`~unionstats.read.identify`), reads its figures and any attached CĐCS list
(:mod:`~unionstats.read.details`), and returns a picklable :class:`FileOutcome`. It never
raises for a bad file: the outcome is then ``quarantined`` with a one-line reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from unionstats.errors import InputFileError, describe_read_error
from unionstats.findings import Finding, finding
from unionstats.form_marker import MARKER_SHEET
from unionstats.periods import Period
from unionstats.read.cells import SheetGrid, read_workbook
from unionstats.read.details import read_detail_sheets
from unionstats.read.forms import Table, count_matches, find_table, read_records, resolve_value_column
from unionstats.read.identify import identify_period, identify_unit
from unionstats.read.inventory import DOCUMENT_SUFFIXES, name_is_utf8
from unionstats.read.labels import label_index
from unionstats.read.marked_forms import marker_sheet, read_marked_form
from unionstats.read.sentences import TEXT_SHEET
from unionstats.read.unit_figures import read_unit_table
from unionstats.read.unit_tables import UnitTable, find_unit_table, settle_columns
from unionstats.reference import Registry


@dataclass
class Submission:
    """What one report table (or one unit's column or row of it) says: unit, period,
    figures with provenance, and findings."""

    unit_code: str
    period: Period
    records: list[dict[str, object]]
    findings: list[Finding]
    sheet: str
    form_version: str = ""  # the version of a returned unionstats form (read from its marker)


@dataclass
class Part:
    """One submission inside a file, as the manifest lists it (a file may hold several:
    one sheet per unit, a table of many units, a half-year and a full-year sheet)."""

    unit: str
    period: str
    sheet: str
    n_values: int = 0
    status: str = "ingested"  # ingested | superseded
    superseded_by: str = ""
    form_version: str = ""


@dataclass
class FileOutcome:
    """What reading one file gave: picklable, so that worker processes can return it.

    ``parts`` lists the file's submissions (none when it is quarantined); in a file of
    several, every record carries its own ``unit_code`` and ``period`` (:meth:`placed`).
    """

    path: str
    sha256: str
    status: str  # ingested | quarantined
    records: list[dict[str, object]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    details: list[dict[str, object]] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    message: str = ""  # the one-line reason of a quarantine
    reused: bool = False  # rebuilt from the previous store, not re-read

    def placed(self) -> list[dict[str, object]]:
        """The records, each with its ``unit_code`` and ``period`` (a one-submission file
        keeps them once, in its part, not on every record)."""
        if len(self.parts) != 1:
            return self.records
        part = self.parts[0]
        return [{**record, "unit_code": part.unit, "period": part.period} for record in self.records]

    @property
    def unit(self) -> str:
        """The unit of a one-submission file; the units joined by "|" otherwise."""
        return "|".join(dict.fromkeys(part.unit for part in self.parts))

    @property
    def period(self) -> str:
        return "|".join(dict.fromkeys(part.period for part in self.parts))

    @property
    def n_values(self) -> int:
        return sum(part.n_values for part in self.parts)


def report_tables(grids: list[SheetGrid], file: str, registry: Registry) -> list[Table]:
    """Every sheet's report table whose rows match an indicator, the best matching first:
    a one-unit form (:func:`~unionstats.read.forms.find_table`), or else a table of several
    units (:func:`~unionstats.read.unit_tables.find_unit_table`).

    Raises
    ------
    InputFileError
        When no sheet has a report table, or none matches an indicator.
    """
    catalogue = registry.catalogue
    tables: list[tuple[int, Table]] = []
    index = label_index(catalogue)
    # one sheet to look at (the usual case): whether its table matches at all is enough
    enough = 1 if sum(grid.visible for grid in grids) == 1 else None
    for grid in grids:
        if not grid.visible:
            continue  # a hidden sheet is old or working data; reported, never read (see read_file)
        try:
            table = find_table(grid)
        except InputFileError as error:  # several "this period" columns: one per unit, perhaps
            table = find_unit_table(grid, registry) if error.code == "table_ambiguous" else None
            if table is None:
                error.file = file
                raise
        if table is None:
            units = find_unit_table(grid, registry)
            if units is not None:
                matched = len(units.indicators) or count_matches(units, catalogue, index, enough)
                tables.append((matched, units))
            continue
        tables.append((count_matches(table, catalogue, index, enough), table))
    if not tables:
        hidden = [grid.name for grid in grids if not grid.visible and find_table(grid) is not None]
        if hidden:  # the only report is on a hidden sheet: say so, rather than "no table"
            raise InputFileError.of("sheet_hidden", file=file, sheet=hidden[0])
        raise InputFileError.of("table_not_found", file=file)
    tables.sort(key=lambda item: -item[0])
    if tables[0][0] == 0:
        raise InputFileError.of("table_no_indicator", file=file, sheet=tables[0][1].sheet.name)
    return [table for matched, table in tables if matched]


def read_submissions(
    grids: list[SheetGrid], source_file: str, registry: Registry
) -> tuple[list[Submission], list[Finding]]:
    """Read every report table of a workbook: one :class:`Submission` per unit and period.

    Each report sheet is read as its own submission. When a workbook has several, each
    sheet's unit and period come from its own content (sheet name, title lines) before
    the file name and folder; a sheet that cannot be placed or read becomes a
    ``sheet_not_read`` finding, and the rest of the workbook is still read. Returns the
    submissions and the workbook-level findings.

    Raises
    ------
    InputFileError
        When no sheet gives a submission (the file is then quarantined).
    """
    hidden = marker_sheet(grids)
    if hidden is not None:  # a returned unionstats form: nothing to guess
        unit, period, records, findings, sheet, version = read_marked_form(
            hidden, grids, source_file, registry
        )
        return [
            finish(Submission(unit, period, records, findings, sheet, version), source_file, registry)
        ], []
    tables = report_tables(grids, source_file, registry)
    several = len(tables) > 1
    submissions: list[Submission] = []
    notes: list[Finding] = []
    first_error: InputFileError | None = None
    for table in tables:
        try:
            found, table_notes = read_table(table, source_file, registry, own_first=several)
            notes += table_notes
        except InputFileError as error:
            if not several:
                raise
            first_error = first_error or error
            reason = error.message_vi if error.message_vi.endswith(".") else error.message_vi + "."
            notes.append(finding("sheet_not_read", file=source_file, sheet=table.sheet.name, reason=reason))
            continue
        notes += _add_new(submissions, found, source_file, registry)
    if not submissions:
        raise first_error or InputFileError.of("table_not_found", file=source_file)
    return submissions, notes


def _add_new(
    submissions: list[Submission], found: list[Submission], source_file: str, registry: Registry
) -> list[Finding]:
    """Add ``found`` to ``submissions``; a unit and period already read (a copied sheet) is
    a ``sheet_repeats_submission`` finding instead of a second reading."""
    notes = []
    for submission in found:
        key = (submission.unit_code, submission.period)
        earlier = next((s for s in submissions if (s.unit_code, s.period) == key), None)
        if earlier is None:
            submissions.append(submission)
            continue
        notes.append(
            finding(
                "sheet_repeats_submission",
                file=source_file,
                sheet=submission.sheet,
                unit=submission.unit_code,
                period=submission.period.code,
                whose=f"{registry.unit_names[submission.unit_code]}, kỳ {submission.period.code}",
                first_sheet=earlier.sheet,
            )
        )
    return notes


def read_table(
    table: Table, source_file: str, registry: Registry, own_first: bool = False
) -> tuple[list[Submission], list[Finding]]:
    """The submission(s) of one report table, and the table's own findings.

    Raises
    ------
    InputFileError
        When the table's unit or period cannot be established, or it holds no figure.
    """
    if isinstance(table, UnitTable):
        return _read_unit_table(table, source_file, registry)
    catalogue = registry.catalogue
    unit = identify_unit(table, source_file, registry, own_first=own_first)
    period, period_notes = identify_period(table, source_file, own_first=own_first)
    table = resolve_value_column(table, period)
    records, findings = read_records(table, source_file, catalogue)
    findings += period_notes
    if not records and not any(f.severity != "info" for f in findings):
        raise InputFileError.of("template_blank", file=source_file, sheet=table.sheet.name)
    return [finish(Submission(unit, period, records, findings, table.sheet.name), source_file, registry)], []


def _read_unit_table(
    table: UnitTable, source_file: str, registry: Registry
) -> tuple[list[Submission], list[Finding]]:
    """One submission per unit of a table of several units (its period as for any table)."""
    period, notes = identify_period(table, source_file, own_first=True)
    figures = read_unit_table(settle_columns(table, period), source_file, registry)
    submissions = [
        finish(
            Submission(unit, period, records, figures.findings[unit], table.sheet.name), source_file, registry
        )
        for unit, records in figures.records.items()
        if records
    ]
    if not submissions:
        problems = [f for f in figures.notes if f.severity != "info"]
        if problems:  # the figures are there, but which column is which is not certain
            raise InputFileError.of(
                "unit_table_unread", file=source_file, sheet=table.sheet.name, cell=problems[0].cell,
                reason=problems[0].message,
            )  # fmt: skip
        raise InputFileError.of("template_blank", file=source_file, sheet=table.sheet.name)
    for item in notes + figures.notes:
        item.period = period.code
    return submissions, notes + figures.notes


def finish(submission: Submission, source_file: str, registry: Registry) -> Submission:
    """Stamp unit and period on a submission's findings; add the findings that depend on the
    whole submission (all zero, year-end indicators in a half year)."""
    catalogue, period, sheet = registry.catalogue, submission.period, submission.sheet
    records, findings = submission.records, submission.findings
    if records and all(record["value"] == 0 for record in records):
        findings.append(finding("values_all_zero", file=source_file, sheet=sheet))
    if period.period_type != "FY":
        findings += [
            finding(
                "indicator_fy_only",
                file=source_file,
                sheet=sheet,
                cell=str(record["cell"]),
                indicator=str(record["indicator"]),
                period=period.code,
            )
            for record in records
            if catalogue[str(record["indicator"])].fy_only
        ]
    for item in findings:
        item.unit, item.period = submission.unit_code, period.code
    return submission


def read_file(path: Path, relative: str, sha256: str, registry: Registry) -> FileOutcome:
    """Read one file's submissions; never raises for a bad file (it comes back quarantined)."""
    if not name_is_utf8(path):
        return _quarantined(relative, sha256, finding("file_name_not_utf8", file=relative))
    try:
        if path.suffix.lower() in DOCUMENT_SUFFIXES:
            grids, submissions, notes = [], [_document(path, relative, registry)], []
        else:
            grids = read_workbook(path, display_name=relative)
            submissions, notes = read_submissions(grids, relative, registry)
        details, detail_findings = _details(grids, submissions, relative)
    except InputFileError as error:
        error.file = relative
        item = Finding("error", error.code, error.message_vi, relative, error.sheet or "", error.cell or "")
        return FileOutcome(relative, sha256, "quarantined", message=str(error), findings=[item])
    except OSError as error:  # gone or unreadable since it was hashed
        detail = describe_read_error(error)
        return _quarantined(relative, sha256, finding("file_unreadable", file=relative, detail=detail))
    except Exception as error:  # a reader bug must not stop the batch or lose the other files
        detail = f"{type(error).__name__}: {error}"
        return _quarantined(relative, sha256, finding("reader_failed", file=relative, detail=detail))
    outcome = FileOutcome(relative, sha256, "ingested", details=details)
    for submission in submissions:
        if len(submissions) > 1:  # a one-submission file's records take its part's unit and period
            for record in submission.records:
                record["unit_code"], record["period"] = submission.unit_code, submission.period.code
        outcome.records += submission.records
        outcome.findings += submission.findings
        outcome.parts.append(
            Part(
                submission.unit_code,
                submission.period.code,
                submission.sheet,
                len(submission.records),
                form_version=submission.form_version,
            )
        )
    outcome.findings += notes + detail_findings
    sheets = _other_sheets(grids, outcome, relative)
    if len(outcome.parts) == 1:  # the other sheets of a one-submission file are that unit's
        part = outcome.parts[0]
        sheets = [replace(note, unit=part.unit, period=part.period) for note in sheets]
    outcome.findings += sheets
    return outcome


def _document(path: Path, relative: str, registry: Registry) -> Submission:
    """A Word report's one submission (:mod:`unionstats.read.word_reports`)."""
    from unionstats.read.word_reports import read_word_report  # python-docx only when a report comes

    unit, period, records, findings = read_word_report(path, relative, registry)
    return finish(Submission(unit, period, records, findings, TEXT_SHEET), relative, registry)


def _quarantined(relative: str, sha256: str, reason: Finding) -> FileOutcome:
    return FileOutcome(
        relative, sha256, "quarantined", message=f"{relative}: {reason.message}", findings=[reason]
    )


def _other_sheets(grids: list[SheetGrid], outcome: FileOutcome, relative: str) -> list[Finding]:
    """A finding for every sheet nothing was read from and nothing said about: every sheet
    of a workbook is accounted for. One holding figures in a layout not recognised is a
    warning (figures may be missing); a cover or notes sheet is noted as such."""
    said = {part.sheet for part in outcome.parts} | {str(r["sheet"]) for r in outcome.details}
    said |= {f.sheet for f in outcome.findings if f.sheet}
    notes = []
    for grid in grids:
        if grid.name in said or grid.name == MARKER_SHEET:
            continue
        if not grid.visible:
            notes.append(finding("sheet_hidden", file=relative, sheet=grid.name))
            continue
        numbers = sum(
            1
            for row in grid.rows[:500]
            for value in row
            if isinstance(value, int | float) and not isinstance(value, bool)
        )
        code = "sheet_unrecognised" if numbers >= 3 else "sheet_without_figures"
        notes.append(finding(code, file=relative, sheet=grid.name, n=numbers))
    return notes


def _details(
    grids: list[SheetGrid], submissions: list[Submission], relative: str
) -> tuple[list[dict[str, object]], list[Finding]]:
    """The attached CĐCS list, read for a one-submission workbook (whose list it is is
    then clear); in a workbook of several submissions a list is reported, not guessed."""
    sheets = {submission.sheet for submission in submissions}
    details, findings = read_detail_sheets(grids, sheets, relative)
    if len(submissions) == 1:
        only = submissions[0]
        for item in findings:
            item.unit, item.period = only.unit_code, only.period.code
        return details, findings
    listed = dict.fromkeys(str(record["sheet"]) for record in details)
    reason = "danh sách CĐCS trong tệp có nhiều đơn vị, không rõ thuộc đơn vị nào."
    return [], [finding("sheet_not_read", file=relative, sheet=sheet, reason=reason) for sheet in listed]
