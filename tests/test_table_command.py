"""The ad-hoc question command: leadership's question answered in one line."""

from __future__ import annotations

import pytest
from conftest import run_cli
from openpyxl import load_workbook


def test_members_and_workers_by_cluster_with_change(sample_store, tmp_path) -> None:
    workbook = tmp_path / "tra-loi.xlsx"
    result = run_cli(
        "table",
        "members",
        "workers",
        "--period",
        "2019-FY",
        "2020-FY",
        "--by",
        "cluster",
        "--processed",
        str(sample_store),
        "--xlsx",
        str(workbook),
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Chỉ tiêu" in lines[0] and "2019-FY" in lines[0] and "Thay đổi 2019-FY→2020-FY" in lines[0]
    cum2_members = next(line for line in lines if line.startswith("Cụm thi đua số 2") and "đoàn viên" in line)
    cum2_workers = next(line for line in lines if line.startswith("Cụm thi đua số 2") and "CNVCLĐ" in line)
    assert "7.676" in cum2_members and "+164" in cum2_members and "+2,2%" in cum2_members
    assert "7.842" in cum2_workers
    book = load_workbook(workbook)
    sheet = book.active
    assert sheet.merged_cells.ranges == set()
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Cụm thi đua", "Chỉ tiêu", "Mã", "Đơn vị tính"]
    rows = [dict(zip(header, [c.value for c in row], strict=True)) for row in sheet.iter_rows(min_row=2)]
    cum2 = next(r for r in rows if r["Cụm thi đua"] == "Cụm thi đua số 2" and r["Mã"] == "members")
    assert cum2["2020-FY"] == 7676 and isinstance(cum2["2020-FY"], int | float)  # a number, not text
    assert cum2["Thay đổi 2019-FY→2020-FY"] == 164


def test_flows_are_not_compared_across_period_types(sample_store) -> None:
    result = run_cli(
        "table", "members_new", "--period", "2022-H1", "2022-FY", "--processed", str(sample_store)
    )
    assert result.returncode == 0
    assert "không so sánh 2022-H1 với 2022-FY" in result.stdout


def test_unknown_indicator_or_period_lists_the_valid_ones(sample_store) -> None:
    result = run_cli("table", "membres", "--processed", str(sample_store))
    assert result.returncode == 2
    assert "Không có chỉ tiêu 'membres'. Có phải: members" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "list indicators" in result.stderr
    result = run_cli("table", "members", "--period", "2030-FY", "--processed", str(sample_store))
    assert result.returncode == 2
    assert "2024-FY" in result.stderr and "Traceback" not in result.stderr


def test_default_period_is_the_latest(sample_store) -> None:
    result = run_cli("table", "members", "--processed", str(sample_store))
    assert "2024-FY" in result.stdout.splitlines()[0]


def test_leadership_questions_are_one_command_each(sample_store, tmp_path) -> None:
    def ask(*args: str) -> str:
        result = run_cli(*args, "--processed", str(sample_store))
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        return result.stdout

    members = ask("table", "members", "--period", "2023-fy", "2024-FY")
    assert "2023-FY" in members and "2024-FY" in members
    ranked = ask("table", "members_new", "--period", "2024-H1", "--by", "cluster", "--sort")
    assert "Hạng" in ranked and "Tổng cộng" in ranked
    cum2 = ask("table", "members", "workers", "--period", "2020-FY", "--by", "unit", "--cluster", "cum-2")
    assert "Ngọc Hồi" in cum2 and "Kon Plông" not in cum2 and "7.842" in cum2
    trend = ask("trend", "visits_amount", "--from", "2019-FY", "--to", "2024-FY", "--out", str(tmp_path))
    assert "tỷ đồng" in trend and list(tmp_path.glob("*.png"))
    wide = tmp_path / "cum1.xlsx"
    ask(
        "table",
        "members",
        "members_female",
        "workers",
        "visits",
        "visits_amount",
        "--period",
        "2024-H1",
        "--cluster",
        "cum-1",
        "--wide",
        "--xlsx",
        str(wide),
    )
    assert wide.is_file()
    assert "Thành phố Kon Tum" in ask("list", "units") and "2023-H1" in ask("list", "periods")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["table", "members", "--period", "2024"], "2024-H1 hoặc 2024-FY"),
        (["table", "members", "--period", "2024-FY", "--xlsx", "out.csv"], ".xlsx"),
        (["table", "members", "--cluster", "cum-9"], "cum-1"),
        (["table", "members", "--bogus"], "tham số không nhận ra"),
        (["findings", "--unit", "Đăk Hòa"], "Đăk Hà"),
    ],
)
def test_mistakes_get_one_vietnamese_line_with_a_suggestion(sample_store, args, fragment) -> None:
    result = run_cli(*args, "--processed", str(sample_store))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and fragment in result.stderr, result.stderr
