"""Layouts real offices send: parent rows with bulleted children, blank templates, all zeros."""

from __future__ import annotations

from pathlib import Path

from conftest import REFERENCE
from openpyxl import Workbook, load_workbook

from unionstats.read.submission import read_file
from unionstats.reference import load_registry


def form(path: Path, rows: list[tuple[str, object]], unit: str = "LĐLĐ HUYỆN ĐĂK TÔ") -> Path:
    """A one-sheet report: organisation and title lines, then "Nội dung | ĐVT | Số lượng"."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Báo cáo"
    sheet.append([unit])
    sheet.append(["BÁO CÁO Số liệu tổng kết hoạt động công đoàn năm 2020"])
    sheet.append([])
    sheet.append(["TT", "Nội dung", "Đơn vị tính", "Số lượng"])
    for number, (label, value) in enumerate(rows, start=1):
        sheet.append([str(number), label, "người", value])
    workbook.save(path)
    return path


def read(path: Path):
    return read_file(path, f"2020-FY/{path.name}", "sha", load_registry(REFERENCE))


def test_bulleted_children_are_read_with_their_heading(tmp_path) -> None:
    path = form(
        tmp_path / "DakTo nam 2020.xlsx",
        [
            ("3. Đoàn viên công đoàn", None),
            ("- Tổng số", 1787),
            ("- Nữ", 912),
            ("- Kết nạp mới", 96),
            ("4. Công nhân viên chức lao động", None),
            ("- Tổng số", 1831),
        ],
    )
    outcome = read(path)
    values = {r["indicator"]: (r["value"], r["cell"]) for r in outcome.placed()}
    assert values == {
        "members": (1787, "D6"),
        "members_female": (912, "D7"),
        "members_new": (96, "D8"),
        "workers": (1831, "D10"),
    }


def test_a_child_without_a_heading_it_belongs_to_is_not_guessed(tmp_path) -> None:
    outcome = read(form(tmp_path / "DakTo nam 2020.xlsx", [("Tổng số CĐCS", 66), ("- Tổng số", 1787)]))
    assert {r["indicator"] for r in outcome.placed()} == {"cdcs"}
    assert "label_unknown" in {f.code for f in outcome.findings}


def test_a_blank_template_is_quarantined_and_does_not_count_as_submitted(tmp_path) -> None:
    outcome = read(
        form(tmp_path / "DakTo nam 2020.xlsx", [("Tổng số CĐCS", None), ("Tổng số đoàn viên", None)])
    )
    assert outcome.status == "quarantined" and "mẫu trống" in outcome.message


def test_a_submission_of_zeros_is_read_with_a_warning(tmp_path) -> None:
    outcome = read(form(tmp_path / "DakTo nam 2020.xlsx", [("Tổng số CĐCS", 0), ("Tổng số đoàn viên", 0)]))
    assert outcome.status == "ingested" and len(outcome.records) == 2
    assert "values_all_zero" in {f.code for f in outcome.findings}


def test_a_count_and_its_money_in_one_cell_go_to_the_pair_the_catalogue_names(tmp_path) -> None:
    rows = [("Tổng số CĐCS", 66), ("Thăm hỏi, trợ cấp đoàn viên, NLĐ", "61 lượt, số tiền 51,55 triệu đồng")]
    outcome = read(form(tmp_path / "DakTo nam 2020.xlsx", rows))
    values = {r["indicator"]: (r["value"], r["cell"]) for r in outcome.placed()}
    assert values["visits"] == (61, "D6") and values["visits_amount"] == (51_550_000, "D6")


def test_a_count_and_something_else_in_one_cell_is_a_finding(tmp_path) -> None:
    rows = [("Tổng số CĐCS", 66), ("Thăm hỏi, trợ cấp đoàn viên, NLĐ", "61 lượt, 5 suất quà")]
    outcome = read(form(tmp_path / "DakTo nam 2020.xlsx", rows))
    assert {r["indicator"] for r in outcome.placed()} == {"cdcs"}
    assert "value_not_number" in {f.code for f in outcome.findings}


def test_a_second_report_sheet_is_read_as_its_own_submission(tmp_path) -> None:
    path = form(tmp_path / "Cum 2 nam 2020.xlsx", [("Tổng số CĐCS", 66), ("Tổng số đoàn viên", 1787)])
    workbook = load_workbook(path)
    other = workbook.create_sheet("Ngọc Hồi")
    for row in (
        ["LIÊN ĐOÀN LAO ĐỘNG HUYỆN NGỌC HỒI"],
        ["Báo cáo năm 2020"],
        [],
        ["TT", "Nội dung", "ĐVT", "Số lượng"],
        ["1", "Tổng số CĐCS", "đơn vị", 70],
        ["2", "Tổng số đoàn viên", "người", 2142],
    ):
        other.append(row)
    workbook.save(path)
    outcome = read(path)
    got = {(r["unit_code"], r["period"], r["sheet"], r["indicator"]): r["value"] for r in outcome.placed()}
    assert got == {
        ("dak-to", "2020-FY", "Báo cáo", "cdcs"): 66,
        ("dak-to", "2020-FY", "Báo cáo", "members"): 1787,
        ("ngoc-hoi", "2020-FY", "Ngọc Hồi", "cdcs"): 70,
        ("ngoc-hoi", "2020-FY", "Ngọc Hồi", "members"): 2142,
    }
    assert [(p.unit, p.sheet, p.n_values) for p in outcome.parts] == [
        ("dak-to", "Báo cáo", 2),
        ("ngoc-hoi", "Ngọc Hồi", 2),
    ]
