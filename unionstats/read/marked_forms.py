"""Returned blank forms: read with certainty from their hidden marker sheet.

A form written by ``unionstats template`` carries :data:`~unionstats.form_marker.MARKER_SHEET`
(see :mod:`unionstats.form_marker`): its unit, period, form version and the indicator of
every report row. Nothing is guessed: unit and period come from the marker; each marked
row's visible label is checked against the catalogue label of its code, so that a form
whose locked structure was edited (rows moved, inserted or deleted, codes changed) is
refused with the cell that shows it; a form filed under another period's folder is
refused too. A figure is read as on any form (:func:`~unionstats.read.numbers.parse_value`,
the row's "Đơn vị tính" giving money's magnitude).
"""

from __future__ import annotations

from pathlib import PurePath

from unionstats import form_marker as marker
from unionstats.errors import InputFileError
from unionstats.findings import Finding, finding
from unionstats.periods import Period, find_periods, parse_code
from unionstats.read.cells import SheetGrid, cell_text, raw_text
from unionstats.read.cells_a1 import a1, column_number
from unionstats.read.labels import label_key
from unionstats.read.numbers import parse_value
from unionstats.reference import Registry

EXTRA_ROWS_CHECKED = 40


def marker_sheet(grids: list[SheetGrid]) -> SheetGrid | None:
    """The marker sheet of a returned form, or None for any other workbook."""
    return next((grid for grid in grids if grid.name == marker.MARKER_SHEET), None)


def read_marker(grid: SheetGrid, file: str) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """The marker's keys and its (1-based sheet row, indicator code) lines.

    Raises
    ------
    InputFileError
        When the marker is not one unionstats wrote (``form_structure_changed``).
    """
    keys = {cell_text(grid.value(r, 0)): cell_text(grid.value(r, 1)) for r in range(len(marker.KEYS))}
    rows: list[tuple[int, str]] = []
    for r in range(marker.ROWS_START - 1, grid.n_rows):
        number, code = grid.value(r, 0), cell_text(grid.value(r, 1))
        if number is None and not code:
            break
        try:
            rows.append((int(float(str(number))), code))
        except (ValueError, OverflowError):
            rows = []
            break
    if set(keys) != set(marker.KEYS) or not rows or not _readable(keys):
        raise InputFileError.of("form_structure_changed", file=file, sheet=grid.name, cell="A1", detail="")
    return keys, rows


def _readable(keys: dict[str, str]) -> bool:
    """True when the marker's period and column letters can be read (an edited marker is not)."""
    try:
        parse_code(keys["period"])
        for name in ("label", "measure", "value"):
            column_number(keys[f"{name}_column"])
    except ValueError:
        return False
    return True


def read_marked_form(
    hidden: SheetGrid, grids: list[SheetGrid], file: str, registry: Registry
) -> tuple[str, Period, list[dict[str, object]], list[Finding], str, str]:
    """(unit, period, records, findings, report sheet, form version) of a returned form
    whose marker sheet is ``hidden``.

    Raises
    ------
    InputFileError
        For an unknown form version or unit, a form in another period's folder, an edited
        structure, or a form returned without any figure.
    """
    keys, rows = read_marker(hidden, file)
    if keys["form_version"] != marker.FORM_VERSION:
        raise InputFileError.of("form_version_unknown", file=file, version=keys["form_version"])
    unit = keys["unit_code"]
    if unit not in registry.unit_names:
        raise InputFileError.of("unit_unknown", file=file, seen=unit, hint=" (mã đơn vị ghi trong mẫu biểu)")
    period = parse_code(keys["period"])
    folders = set().union(*(find_periods(part) for part in PurePath(file).parts[:-1]))
    if folders and folders != {period}:
        folder = ", ".join(sorted(p.code for p in folders))
        raise InputFileError.of("form_wrong_period", file=file, period=period.code, folder=folder)
    sheet = next((grid for grid in grids if grid.name == keys["sheet"]), None)
    if sheet is None:
        raise InputFileError.of("form_structure_changed", file=file, sheet=keys["sheet"], cell="", detail="")
    columns = {name: column_number(keys[f"{name}_column"]) - 1 for name in ("label", "measure", "value")}
    records, findings = _figures(sheet, rows, columns, file, registry)
    if not records and not any(f.severity != "info" for f in findings):
        raise InputFileError.of("template_blank", file=file, sheet=sheet.name)
    return unit, period, records, findings, sheet.name, keys["form_version"]


def _figures(
    sheet: SheetGrid, rows: list[tuple[int, str]], columns: dict[str, int], file: str, registry: Registry
) -> tuple[list[dict[str, object]], list[Finding]]:
    catalogue = registry.catalogue
    records: list[dict[str, object]] = []
    findings: list[Finding] = []
    for number, code in rows:
        row = number - 1
        label = cell_text(sheet.value(row, columns["label"]))
        if code not in catalogue or label_key(label) != label_key(catalogue[code].label):
            detail = (
                f": ô {a1(row, columns['label'])} ghi '{label}' thay vì '{catalogue[code].label}'"
                if code in catalogue
                else ""
            )
            raise InputFileError.of(
                "form_structure_changed",
                file=file,
                sheet=sheet.name,
                cell=a1(row, columns["label"]),
                detail=detail,
            )
        spec, raw, cell = catalogue[code], sheet.value(row, columns["value"]), a1(row, columns["value"])
        measure = cell_text(sheet.value(row, columns["measure"])) or None
        parsed = parse_value(raw, measure=measure, whole=spec.whole, money=spec.money)
        if parsed.value is None:
            problem = parsed.problem or "value_not_number"
            findings.append(
                finding(
                    problem,
                    file=file,
                    sheet=sheet.name,
                    cell=cell,
                    indicator=code,
                    label=spec.label,
                    detail=parsed.message_vi,
                )
            )
            continue
        records.append(
            {
                "indicator": code,
                "value": parsed.value,
                "sheet": sheet.name,
                "cell": cell,
                "raw": raw_text(raw),
            }
        )
    last = max(number for number, _ in rows)
    for row in range(last, min(sheet.n_rows, last + EXTRA_ROWS_CHECKED)):
        if sheet.value(row, columns["value"]) is not None:
            findings.append(
                finding("form_row_added", file=file, sheet=sheet.name, cell=a1(row, columns["value"]))
            )
    return records, findings
