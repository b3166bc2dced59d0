"""A unit's Word report against its form: the same figure stated two ways.

When a unit sends both a form (a workbook) and a Word report for one period, the form's
figures are the ones taken (:func:`unionstats.store.assemble.resolve_supersession`) and the
report's stay in the store's history. Each figure the report states for an indicator the
form also gives is compared here; a difference is a finding naming both places, so the unit
can say which is right. A figure the report states approximately ("hơn 150 triệu đồng") is
compared as its words say, within the tolerance ``approximate_tolerance`` of
``thresholds.csv``: "hơn"/"trên" (``at_least`` in ``sentence_words.csv``) agrees with a form
from 150 to 150 × (1 + tolerance), "gần"/"ngót" (``at_most``) from 150 × (1 − tolerance) to
150, "khoảng" (``about``) within the tolerance either way.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from unionstats.findings import Finding, finding, message_fields
from unionstats.formatting import fmt_number
from unionstats.read.inventory import is_document
from unionstats.reference import Registry

_KEYS = ["unit_code", "period", "indicator"]


def check_reports_against_forms(
    history: pd.DataFrame, values: pd.DataFrame, registry: Registry, tolerance: float = 0.1
) -> list[Finding]:
    """``report_differs_from_form`` for each figure of a replaced Word report that the unit's
    current form gives differently.

    ``history`` and ``values`` have the store's value columns (``unit_code``, ``period``,
    ``indicator``, ``value``, ``source_file``, ``sheet``, ``cell``, ``raw``); ``tolerance`` is
    how far a figure stated approximately reaches (a share of it).
    """
    if history.empty or values.empty:
        return []
    reports = history[history["source_file"].map(is_document).astype(bool)]
    forms = values[~values["source_file"].map(is_document).astype(bool)]
    if reports.empty or forms.empty:
        return []
    both = reports.merge(forms, on=_KEYS, suffixes=("_report", "_form"))
    qualifiers = _qualifiers(both, registry)
    meanings = registry.sentence_words.get("approximate", {})
    findings = []
    for row in both.itertuples(index=False):
        qualifier = qualifiers.get((row.source_file_report, row.cell_report, row.indicator), "")
        meaning = meanings.get(qualifier, "about") if qualifier else ""
        if agrees(row.value_report, row.value_form, meaning, tolerance):
            continue
        findings.append(
            finding(
                "report_differs_from_form",
                file=row.source_file_report,
                sheet=row.sheet_report,
                cell=row.cell_report,
                unit=row.unit_code,
                period=row.period,
                indicator=row.indicator,
                stage="validate",
                label=registry.catalogue.label(row.indicator),
                report_value=f"{qualifier} {fmt_number(row.value_report)}".strip(),
                report_place=_place(row.source_file_report, row.sheet_report, row.cell_report),
                form_value=fmt_number(row.value_form),
                form_place=_place(row.source_file_form, row.sheet_form, row.cell_form),
            )
        )
    return findings


def agrees(report: float, form: float, meaning: str, tolerance: float) -> bool:
    """Whether a form's ``form`` is what a report's ``report`` says, read as ``meaning``:
    "" exactly, ``at_least`` ("hơn 150"), ``at_most`` ("gần 150") or ``about`` ("khoảng 150")
    within ``tolerance`` (a share of the report's figure)."""
    reach = abs(report) * tolerance
    low, high = {
        "": (report - 1e-6, report + 1e-6),
        "at_least": (report, report + reach),
        "at_most": (report - reach, report),
    }.get(meaning, (report - reach, report + reach))
    return low <= form <= high


def _qualifiers(both: pd.DataFrame, registry: Registry) -> dict[tuple[str, str, str], str]:
    """(file, paragraph, indicator) -> the word that made a report's figure approximate.

    The sentence (``raw_report``) is read again as the ingest read it: a replaced report's
    reading findings are not kept, its sentences are.
    """
    from unionstats.read.documents import Paragraph
    from unionstats.read.sentences import read_sentences

    found = {}
    sentences = both[["source_file_report", "cell_report", "raw_report"]].drop_duplicates()
    for file, cell, sentence in sentences.itertuples(index=False):
        number = int("".join(ch for ch in cell if ch.isdigit()) or 0)
        for said in read_sentences([Paragraph(number, sentence)], file, registry).findings:
            if said.code == "text_figure_approximate":
                fields = message_fields(said.code, said.message) or {}
                found[(file, cell, said.indicator)] = fields.get("qualifier", "")
    return found


def _place(file: str, sheet: str, cell: str) -> str:
    """'bao cao.docx, đoạn 5' for a sentence; 'bieu.xlsx, sheet 'BC', ô D7' for a cell."""
    if cell.startswith("đoạn"):
        return f"{file}, {cell}"
    return f"{file}, sheet '{sheet}', ô {cell}"


REVIEW_COLUMNS = (
    "period",
    "unit_code",
    "unit_name",
    "indicator",
    "label",
    "value",
    "source_file",
    "cell",
    "sentence",
    "approximate",
)


def text_figures_to_confirm(values: pd.DataFrame, findings: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """The current figures read from reports' sentences that no analyst has confirmed yet
    (:data:`REVIEW_COLUMNS`; ``sentence`` is the sentence it was read from)."""
    waiting = findings[findings["code"] == "text_figure_unconfirmed"]
    rough = findings[findings["code"] == "text_figure_approximate"]
    keys = set(zip(waiting["file"], waiting["cell"], waiting["indicator"], strict=True))
    approximate = set(zip(rough["file"], rough["cell"], rough["indicator"], strict=True))
    place = list(zip(values["source_file"], values["cell"], values["indicator"], strict=True))
    mine = [key in keys for key in place]
    chosen = values[mine]
    table = chosen[["period", "unit_code", "unit_name", "indicator", "value", "source_file", "cell"]].copy()
    table["label"] = table["indicator"].map(registry.catalogue.label)
    table["sentence"] = chosen["raw"]
    table["approximate"] = [key in approximate for key, kept in zip(place, mine, strict=True) if kept]
    table = table[list(REVIEW_COLUMNS)]
    paragraph = table["cell"].str.extract(r"(\d+)", expand=False).fillna("0").astype(int)
    keys = ["period", "unit_code", "source_file", "_paragraph"]
    order = table.assign(_paragraph=paragraph).sort_values(keys)
    return order.drop(columns="_paragraph").reset_index(drop=True)


def report_only_units(manifest: pd.DataFrame) -> pd.DataFrame:
    """(period, unit, path) of each unit whose current submission for a period is a Word
    report: it has reported, but sent no form."""
    current = manifest[(manifest["status"] == "ingested") & (manifest["unit"] != "")]
    only = current[current["path"].map(is_document).astype(bool)]
    return only[["period", "unit", "path"]].sort_values(["period", "unit"]).reset_index(drop=True)


def confirm_figures(reference: Path, figures: pd.DataFrame, today: str) -> Path | None:
    """Add ``figures`` (rows of :func:`text_figures_to_confirm`) to ``confirmed_figures.csv``
    after backing the file up; returns the backup (None for a new file)."""
    from unionstats.reference import read_reference_csv, replace_reference_csv
    from unionstats.report_words import CONFIRMED_COLUMNS, CONFIRMED_FIGURES

    path = reference / CONFIRMED_FIGURES
    rows = read_reference_csv(path, CONFIRMED_COLUMNS).to_dict("records") if path.is_file() else []
    rows = [{column: str(row[column]) for column in CONFIRMED_COLUMNS} for row in rows]
    for row in figures.itertuples(index=False):
        rows.append(
            {
                "source_file": row.source_file,
                "cell": row.cell,
                "indicator": row.indicator,
                "value": _plain_number(float(row.value)),
                "sentence": row.sentence,
                "confirmed_on": today,
            }
        )
    return replace_reference_csv(reference, CONFIRMED_FIGURES, list(CONFIRMED_COLUMNS), rows)


def _plain_number(value: float) -> str:
    """86500000.0 -> '86500000'; 86.5 -> '86.5' (as a CSV cell Excel reads as a number)."""
    return str(int(value)) if value == int(value) else repr(value)


def unconfirmed_note(
    values: pd.DataFrame,
    findings: pd.DataFrame,
    indicators: list[str],
    periods: list[str],
    registry: Registry,
    units: list[str] | tuple[str, ...] = (),
) -> str:
    """One line naming the units whose figures in a table of ``indicators`` and ``periods``
    were read from a Word report's sentences and not yet confirmed; "" when there are none.

    A ratio's figures are those of its numerator and denominator.
    """
    wanted = set()
    for code in indicators:
        ratio = registry.derived.get(code)
        wanted |= {ratio.numerator, ratio.denominator} if ratio else {code}
    waiting = text_figures_to_confirm(values, findings, registry)
    waiting = waiting[waiting["indicator"].isin(wanted) & waiting["period"].isin(periods)]
    if units:
        waiting = waiting[waiting["unit_code"].isin(units)]
    if waiting.empty:
        return ""
    named = sorted(
        {f"{name} ({period})" for name, period in zip(waiting["unit_name"], waiting["period"], strict=True)}
    )
    return (
        f"Có số liệu đọc từ báo cáo Word, chưa xác nhận: {', '.join(named)}; "
        "xem và xác nhận bằng 'unionstats reports'."
    )
