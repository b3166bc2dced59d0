"""One vocabulary across commands, tables that add up, and where a figure comes from.

Each test is a friction a new analyst met (issue 21), tried the way the analyst tried it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import REFERENCE, run_cli

from unionstats import vocabulary


@pytest.fixture(scope="module")
def validated(sample_store: Path, tmp_path_factory) -> Path:
    """The sample store after 'unionstats validate' (units that did not report, rules…)."""
    import shutil

    store = tmp_path_factory.mktemp("validated") / "store"
    shutil.copytree(sample_store, store)
    assert run_cli("validate", "--processed", str(store)).returncode == 0
    return store


def ask(sample_store: Path, *args: str, code: int = 0) -> str:
    result = run_cli(*args, "--processed", str(sample_store))
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout if code == 0 else result.stderr


@pytest.mark.parametrize(
    "typed",
    ["2024-FY", "2024-fy", "2024-fY", "2024 FY", "2024_fy", "năm 2024", "nam 2024", "cả năm 2024", "2024fy"],
)
def test_every_way_of_writing_a_full_year_is_the_same_period(typed: str) -> None:
    assert vocabulary.period(typed, ["2023-FY", "2024-H1", "2024-FY"]) == "2024-FY"


@pytest.mark.parametrize(
    "typed", ["2024-H1", "2024-h1", "6T/2024", "6t2024", "6 tháng 2024", "6 tháng đầu năm 2024"]
)
def test_every_way_of_writing_a_half_year_is_the_same_period(typed: str) -> None:
    assert vocabulary.period(typed, ["2024-H1", "2024-FY"]) == "2024-H1"


def test_charts_and_brief_take_the_period_in_any_case(sample_store: Path, tmp_path: Path) -> None:
    charts = ask(sample_store, "charts", "--period", "2024-fY", "--out", str(tmp_path))
    assert "Đã vẽ" in charts and list(tmp_path.glob("2024-FY_*.png"))
    brief_error = ask(sample_store, "brief", "--period", "2099-fy", "--out", str(tmp_path), code=2)
    assert "Kho dữ liệu không có kỳ 2099-FY" in brief_error  # read as a period, then looked for


@pytest.mark.parametrize(
    "command", [["table", "members"], ["brief"], ["charts"], ["trend", "members", "--to"]]
)
def test_a_bare_year_asks_half_or_full_year_in_the_same_words_everywhere(
    sample_store: Path, command: list[str]
) -> None:
    args = [*command, "2024"] if command[-1] == "--to" else [*command, "--period", "2024"]
    said = ask(sample_store, *args, code=2).strip()
    assert said.startswith("Lỗi: Kỳ '2024' chưa rõ: 2024-H1 hoặc 2024-FY? (H1: 6 tháng đầu năm, FY: cả năm).")
    assert len(said.splitlines()) == 1


def test_template_asks_the_same_question_for_a_bare_year(tmp_path: Path) -> None:
    result = run_cli("template", "--period", "2024", "--out", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi: Kỳ '2024' chưa rõ: 2024-H1 hoặc 2024-FY?")


def test_a_cluster_typo_gets_a_suggestion(sample_store: Path) -> None:
    said = ask(sample_store, "table", "members", "--cluster", "cum-22", code=2)
    assert "Không có cụm 'cum-22' năm 2024. Có phải: cum-2" in said


def test_findings_without_a_period_are_the_latest_period_in_vietnamese_and_aligned(
    sample_store: Path,
) -> None:
    shown = ask(sample_store, "findings").splitlines()
    assert shown[-1].endswith("(2024-FY, kỳ mới nhất; '--period all' cho mọi kỳ).")
    rows = [line for line in shown[1:-1] if line]
    assert rows and all(re.match(r"(lỗi|cảnh báo|thông tin) +(2024-FY|–) ", line) for line in rows), rows[:3]
    code_column = shown[0].index("Mã")
    codes = [line[code_column:].split()[0] for line in rows]
    assert all(re.fullmatch(r"[a-z_0-9]+", code) for code in codes), codes[:5]  # the column stays in line
    every = ask(sample_store, "findings", "--period", "all").splitlines()[-1]
    assert int(every.split()[0]) > int(shown[-1].split()[0])


def test_findings_take_severities_in_vietnamese(validated: Path) -> None:
    errors = ask(validated, "findings", "--period", "all", "--severity", "lỗi").splitlines()
    assert errors[1:-1] and all(line.startswith("lỗi") for line in errors[1:-1])


def test_list_indicators_shows_the_ratios_with_their_definitions(sample_store: Path) -> None:
    listed = ask(sample_store, "list", "indicators", "--reference", str(REFERENCE))
    assert "female_share" in listed and "= members_female / members × 100 (%)" in listed


def test_ingest_of_a_folder_without_reports_says_so(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    result = run_cli("ingest", str(tmp_path / "raw"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0
    assert result.stdout.startswith(f"Thư mục {tmp_path / 'raw'} không có tệp báo cáo nào")


def test_a_comparison_table_adds_up_when_a_unit_is_missing(sample_store: Path, tmp_path: Path) -> None:
    """Kon Plông did not report 2023-H1: the change is over the other units, and the table shows
    those units' figures in both periods beside every unit's totals, so the columns add up."""
    workbook = tmp_path / "so-sanh.xlsx"
    ask(sample_store, "table", "members", "--period", "2023-H1", "2024-H1", "--xlsx", str(workbook))
    table = pd.read_excel(workbook, engine="openpyxl").set_index("Mã").loc["members"]
    base, later = table["2023-H1 (cùng đơn vị)"], table["2024-H1 (cùng đơn vị)"]
    assert base + table["Thay đổi 2023-H1→2024-H1"] == later
    assert table["2023-H1 (toàn bộ)"] == base  # Kon Plông is missing from 2023-H1 only
    assert table["2024-H1 (toàn bộ)"] > later  # every unit's 2024-H1 total, Kon Plông's included
    raw = ask(sample_store, "table", "members", "--period", "2023-H1", "2024-H1", "--raw").splitlines()[0]
    assert "2023-H1 (tổng thô)" in raw and "Thay đổi 2023-H1→2024-H1 (tổng thô)" in raw
    plain = ask(sample_store, "table", "members", "--period", "2021-FY", "2022-FY").splitlines()[0]
    assert "(cùng đơn vị)" not in plain and "(toàn bộ)" not in plain  # nobody missing: no doubled columns


@pytest.mark.parametrize(
    ("sort", "header", "column"),
    [
        ("level", "Hạng (theo 2024-H1)", "2024-H1"),
        ("change", "Hạng (theo mức tăng 2023-H1→2024-H1)", "Thay đổi 2023-H1→2024-H1"),
        ("pct", "Hạng (theo % tăng 2023-H1→2024-H1)", "% 2023-H1→2024-H1"),
    ],
)
def test_sort_ranks_by_the_level_the_change_or_the_percentage(
    sample_store: Path, tmp_path: Path, sort: str, header: str, column: str
) -> None:
    workbook = tmp_path / f"{sort}.xlsx"
    args = ["table", "members", "--period", "2023-H1", "2024-H1", "--by", "unit", "--sort", sort]
    ask(sample_store, *args, "--xlsx", str(workbook))
    table = pd.read_excel(workbook, engine="openpyxl")
    ranked = table[table[header].notna()].sort_values(header)
    figures = ranked[column if column in ranked else f"{column} (toàn bộ)"].tolist()
    assert figures == sorted(figures, reverse=True) and len(figures) >= 10


def test_source_names_the_file_sheet_cell_and_raw_text_of_a_figure(sample_store: Path) -> None:
    said = ask(sample_store, "source", "members", "--unit", "Đăk Tô", "--period", "2024-fy")
    values = pd.read_parquet(sorted((sample_store / ".versions").glob("v*"))[-1] / "values.parquet").query(
        "unit_code == 'dak-to' and period == '2024-FY' and indicator == 'members'"
    )
    row = values.iloc[0]
    assert said.splitlines()[0] == "Tổng số đoàn viên công đoàn — Đăk Tô — năm 2024 (2024-FY)"
    assert f"{row.source_file}, sheet '{row.sheet}', ô {row.cell}, ô ghi \"{row.raw}\"" in said


def test_source_of_a_correction_names_the_submission_it_replaced(sample_store: Path) -> None:
    history = pd.read_parquet(
        sorted((sample_store / ".versions").glob("v*"))[-1] / "values_superseded.parquet"
    )
    replaced = history.iloc[0]
    said = ask(
        sample_store, "source", replaced.indicator, "--unit", replaced.unit_code, "--period", replaced.period
    )
    assert "Thay cho bản gửi trước:" in said and f"{replaced.source_file}, sheet '{replaced.sheet}'" in said


def test_source_of_a_missing_figure_says_the_unit_did_not_report(validated: Path) -> None:
    said = ask(validated, "source", "members", "--unit", "kon-plong", "--period", "2023-H1")
    assert "Không có số liệu này trong kho" in said and "chưa nộp báo cáo" in said


def test_table_for_one_unit_says_how_to_ask_where_its_figure_comes_from(sample_store: Path) -> None:
    said = ask(sample_store, "table", "members", "--unit", "Đăk Tô", "--by", "unit")
    assert "unionstats source members --unit dak-to --period 2024-FY" in said
