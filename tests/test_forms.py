"""Reading the hand-made fixture workbooks, each showing one mess real offices produce."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from unionstats.read.cells import read_workbook
from unionstats.read.submission import read_file


def read(name: str, registry, folder: str = "2020-FY"):
    return read_file(FIXTURES / name, f"{folder}/{name}", "sha", registry)


def values_of(outcome) -> dict[str, float]:
    return {r["indicator"]: r["value"] for r in outcome.records}


def cells_of(outcome) -> dict[str, str]:
    return {r["indicator"]: r["cell"] for r in outcome.records}


@pytest.mark.parametrize(
    "name",
    ["table_far_down_after_notes.xlsx", "report_on_third_sheet.xlsx", "legacy_format.xls"],
)
def test_finds_the_table_wherever_it_is(registry, name: str) -> None:
    outcome = read(name, registry)
    assert outcome.status == "ingested"
    assert (outcome.unit, outcome.period) == ("dak-to", "2020-FY")
    assert values_of(outcome) == {"cdcs": 66, "workers": 1831, "members": 1787}


def test_table_far_down_keeps_true_cell_references(registry) -> None:
    outcome = read("table_far_down_after_notes.xlsx", registry)
    assert cells_of(outcome) == {"cdcs": "D34", "workers": "D35", "members": "D36"}
    grid = read_workbook(FIXTURES / "table_far_down_after_notes.xlsx")[0]
    assert grid.value(33, 3) == 66  # D34 really holds the figure


@pytest.mark.parametrize("name", ["prior_year_column_first.xlsx", "prior_year_column_first.ods"])
def test_takes_the_current_period_column_never_the_prior_year(registry, name: str) -> None:
    outcome = read(name, registry, folder="2021-H1")
    assert outcome.status == "ingested", outcome.message
    assert outcome.unit == "ngoc-hoi"
    assert values_of(outcome) == {"members": 2100, "members_new": 75}
    assert cells_of(outcome)["members"] == "E7"


def test_matches_abbreviated_upper_case_and_decomposed_labels(registry) -> None:
    outcome = read("labels_abbreviated_upper_nfd.xlsx", registry)
    assert values_of(outcome) == {
        "cdcs": 66,
        "workers": 1831,
        "members": 1787,
        "visits": 75,
        "cultural_events": 27,
    }


def test_resolves_trong_do_nu_from_the_row_above(registry) -> None:
    outcome = read("female_rows_under_totals.xlsx", registry)
    values = values_of(outcome)
    assert values["workers_female"] == 850
    assert values["members_female"] == 822
    orphans = [f for f in outcome.findings if f.code == "label_female_orphan"]
    assert [f.cell for f in orphans] == ["B13"]  # "nữ" under visits means nothing known


def test_reads_money_in_words_and_measure_columns(registry) -> None:
    values = values_of(read("money_in_words_and_measure_columns.xlsx", registry))
    assert values == {
        "visits_amount": 295_000_000,
        "funds_raised": 3_500_000_000,
        "kpcd_collected": 295_400_000,
        "dues_collected": 295_400_000,
        "houses_amount": 120_000_000,
    }


def test_reads_us_commas_spaces_and_float_noise_in_counts(registry) -> None:
    outcome = read("counts_us_commas_spaces_float_noise.xlsx", registry)
    assert values_of(outcome) == {"workers": 7842, "members": 7676, "cdcs": 288, "members_new": 1946}
    raw = {r["indicator"]: r["raw"] for r in outcome.records}
    assert raw["workers"] == "7,842" and raw["cdcs"] == "287.9999999"


def test_dash_x_and_blank_give_no_value_and_an_info_finding(registry) -> None:
    outcome = read("dash_x_and_blank_for_nothing.xlsx", registry)
    assert values_of(outcome) == {"cdcs": 66}
    blanks = {(f.indicator, f.cell, f.severity) for f in outcome.findings if f.code == "value_blank"}
    assert blanks == {
        ("cdcs_dissolved", "D9", "info"),
        ("work_stoppages", "D10", "info"),
        ("initiatives", "D11", "info"),
    }


def test_ambiguous_numbers_are_findings_with_their_cell(registry) -> None:
    outcome = read("ambiguous_and_unreadable_numbers.xlsx", registry)
    assert values_of(outcome) == {"cdcs": 66}
    problems = {f.cell: f.code for f in outcome.findings}
    assert problems == {
        "D9": "value_ambiguous",
        "D10": "value_approximate",
        "D11": "value_unit_unknown",
        "D12": "value_not_whole",
    }
    assert all(f.severity == "warning" and f.file.endswith(".xlsx") for f in outcome.findings)


def test_formula_cells_give_their_cached_result(registry) -> None:
    assert values_of(read("formula_with_cached_result.xlsx", registry))["cdcs"] == 66


def test_label_not_in_catalogue_is_an_info_finding_never_dropped_silently(registry) -> None:
    outcome = read("label_not_in_catalogue.xlsx", registry)
    [finding] = [f for f in outcome.findings if f.code == "label_unknown"]
    assert finding.severity == "info"
    assert finding.cell == "B12"
    assert "Số cuộc thi tìm hiểu pháp luật" in finding.message


@pytest.mark.parametrize(
    ("name", "folder", "code", "must_mention"),
    [
        ("unit_not_registered.xlsx", "2020-FY", "unit_unknown", "Đăk Hà"),
        ("unit_conflict_DakTo.xlsx", "2020-FY", "unit_conflict", "Ngọc Hồi"),
        ("period_title_half_year.xlsx", "2020-FY", "period_conflict", "2021-H1"),
        ("no_period_anywhere.xlsx", "nop-muon", "period_unknown", "kỳ báo cáo"),
        ("no_report_table.xlsx", "2020-FY", "table_not_found", "Nội dung"),
        ("two_current_columns.xlsx", "2020-FY", "table_ambiguous", "Kỳ báo cáo"),
        ("not_really_excel.xlsx", "2020-FY", "file_corrupt", "lưu lại"),
    ],
)
def test_files_that_cannot_be_placed_are_quarantined_with_a_reason(
    registry, name: str, folder: str, code: str, must_mention: str
) -> None:
    outcome = read(name, registry, folder=folder)
    assert outcome.status == "quarantined"
    assert outcome.records == []
    [finding] = outcome.findings
    assert (finding.severity, finding.code) == ("error", code)
    assert must_mention in finding.message
    assert name in outcome.message and "\n" not in outcome.message  # one line naming the file
