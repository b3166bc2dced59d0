"""Workbooks laid out the way district and cluster offices send them (issue: reader layouts).

Each test builds its workbook with openpyxl, with the expected figures written beside it,
and checks that every figure is read exactly, under the right unit and period, and that
nothing is dropped without a finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REFERENCE
from openpyxl import Workbook

from unionstats.read.submission import read_file
from unionstats.reference import load_registry

REGISTRY = load_registry(REFERENCE)


def read(path: Path, folder: str = "2021-H1"):
    return read_file(path, f"{folder}/{path.name}", "sha", REGISTRY)


def figures(outcome) -> dict[tuple[str, str, str], float]:
    return {(r["unit_code"], r["period"], r["indicator"]): r["value"] for r in outcome.placed()}


def codes(outcome) -> list[str]:
    return [f.code for f in outcome.findings]


def save(workbook: Workbook, path: Path) -> Path:
    workbook.save(path)
    return path


UNITS_AS_COLUMNS = [
    ["LIÊN ĐOÀN LAO ĐỘNG TỈNH KON TUM"],
    ["CỤM THI ĐUA SỐ 1"],
    ["TỔNG HỢP SỐ LIỆU 6 THÁNG ĐẦU NĂM 2021"],
    [],
    ["TT", "Chỉ tiêu", "ĐVT", "TP Kon Tum", "Đăk Hà", "Sa Thầy", "Kon Rẫy", "Tổng cộng"],
    ["1", "Tổng số CĐCS", "đơn vị", 241, 66, 41, 38, 386],
    ["2", "Tổng số đoàn viên", "người", 9120, 2320, 1503, 1210, 14153],
    ["3", "Kết nạp đoàn viên mới", "người", 215, 48, 30, 19, 312],
    ["4", "Thăm hỏi, trợ cấp đoàn viên, NLĐ khó khăn", "lượt", 512, 120, 77, 60, 769],
    ["5", "Số tiền thăm hỏi", "triệu đồng", 310.5, 51.55, 40, 35, 437.05],
]


def test_units_as_columns_give_one_submission_per_unit(tmp_path) -> None:
    workbook = Workbook()
    for row in UNITS_AS_COLUMNS:
        workbook.active.append(row)
    outcome = read(save(workbook, tmp_path / "Cum 1 tong hop.xlsx"))
    got = figures(outcome)
    assert got[("tp-kon-tum", "2021-H1", "cdcs")] == 241
    assert got[("dak-ha", "2021-H1", "members")] == 2320
    assert got[("sa-thay", "2021-H1", "members_new")] == 30
    assert got[("kon-ray", "2021-H1", "visits")] == 60
    assert got[("dak-ha", "2021-H1", "visits_amount")] == 51_550_000
    assert len(got) == 4 * 5  # every figure, and the total column is no unit
    assert {p.unit for p in outcome.parts} == {"tp-kon-tum", "dak-ha", "sa-thay", "kon-ray"}
    assert "total_mismatch" not in codes(outcome)


def test_a_total_column_that_does_not_add_up_is_a_warning_naming_its_cell(tmp_path) -> None:
    workbook = Workbook()
    for row in UNITS_AS_COLUMNS:
        workbook.active.append(row)
    workbook.active["H7"] = 14000  # the members total, 153 short
    outcome = read(save(workbook, tmp_path / "Cum 1 tong hop.xlsx"))
    [warning] = [f for f in outcome.findings if f.code == "total_mismatch"]
    assert warning.cell == "H7" and "14.153" in warning.message and warning.indicator == "members"
    assert figures(outcome)[("dak-ha", "2021-H1", "members")] == 2320  # the units' own figures stand


def test_a_unit_column_not_in_the_registry_is_reported_not_guessed(tmp_path) -> None:
    workbook = Workbook()
    for row in UNITS_AS_COLUMNS:
        workbook.active.append(row[:7] + (["Ia Grai", *row[7:]] if len(row) > 7 else []))
    sheet = workbook.active
    for row, value in zip(range(6, 11), (10, 200, 5, 9, 3), strict=True):
        sheet.cell(row=row, column=8, value=value)
    outcome = read(save(workbook, tmp_path / "Cum 1 tong hop.xlsx"))
    [unknown] = [f for f in outcome.findings if f.code == "unit_name_unknown"]
    assert unknown.cell == "H5" and "Ia Grai" in unknown.message
    assert {p.unit for p in outcome.parts} == {"tp-kon-tum", "dak-ha", "sa-thay", "kon-ray"}


def test_units_as_rows_under_a_two_row_merged_header(tmp_path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["LĐLĐ TỈNH KON TUM - CỤM THI ĐUA SỐ 2"])
    sheet.append(["Số liệu công tác tổ chức năm 2021"])
    sheet.append([])
    sheet.append(
        ["TT", "Đơn vị", "Tổng số CĐCS", "Đoàn viên công đoàn", None, None, "Số tiền thăm hỏi (triệu đồng)"]
    )
    sheet.append([None, None, None, "Tổng số", "Nữ", "Kết nạp mới", None])
    sheet.merge_cells("D4:F4")
    for cell in ("A4:A5", "B4:B5", "C4:C5", "G4:G5"):
        sheet.merge_cells(cell)
    sheet.append(["1", "LĐLĐ huyện Đăk Tô", 66, 1787, 912, 96, 120.5])
    sheet.append(["2", "LĐLĐ huyện Ngọc Hồi", 70, 2142, 1004, 88, 98])
    sheet.append(["3", "LĐLĐ huyện Tu Mơ Rông", 41, 1310, 655, "-", 40])
    sheet.append([None, "Tổng cộng", 177, 5239, 2571, 184, 258.5])
    outcome = read(save(workbook, tmp_path / "Cum 2 nam 2021.xlsx"), folder="2021-FY")
    got = figures(outcome)
    assert got[("dak-to", "2021-FY", "members")] == 1787
    assert got[("dak-to", "2021-FY", "members_female")] == 912
    assert got[("ngoc-hoi", "2021-FY", "members_new")] == 88
    assert got[("ngoc-hoi", "2021-FY", "visits_amount")] == 98_000_000
    assert ("tu-mo-rong", "2021-FY", "members_new") not in got  # "-" is no figure
    assert len(got) == 3 * 5 - 1
    assert "total_mismatch" not in codes(outcome)
    assert {r["cell"] for r in outcome.placed() if r["unit_code"] == "ngoc-hoi"} == {
        "C7",
        "D7",
        "E7",
        "F7",
        "G7",
    }


def test_one_sheet_per_unit_reads_every_sheet_under_its_own_unit(tmp_path) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    expected = {
        "Đăk Tô": ("dak-to", 66, 1787),
        "Ngọc Hồi": ("ngoc-hoi", 70, 2142),
        "Tu Mơ Rông": ("tu-mo-rong", 41, 1310),
    }
    for name, (_, cdcs, members) in expected.items():
        sheet = workbook.create_sheet(name)
        sheet.append(["BÁO CÁO 6 THÁNG ĐẦU NĂM 2021"])
        sheet.append(["TT", "Nội dung", "ĐVT", "Số lượng"])
        sheet.append(["1", "Tổng số CĐCS", "đơn vị", cdcs])
        sheet.append(["2", "Tổng số đoàn viên", "người", members])
    outcome = read(save(workbook, tmp_path / "Cum 2 - bao cao cac don vi.xlsx"))
    assert figures(outcome) == {
        (unit, "2021-H1", code): value
        for unit, cdcs, members in expected.values()
        for code, value in (("cdcs", cdcs), ("members", members))
    }
    assert [p.sheet for p in outcome.parts] == list(expected)


def test_a_half_year_sheet_beside_the_full_year_goes_to_its_own_period(tmp_path) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, name, members in (("6 tháng đầu năm 2021", "6 thang", 1750), ("năm 2021", "Ca nam", 1787)):
        sheet = workbook.create_sheet(name)
        sheet.append(["LĐLĐ HUYỆN ĐĂK TÔ"])
        sheet.append([f"Báo cáo số liệu {title}"])
        sheet.append(["TT", "Nội dung", "ĐVT", "Số lượng"])
        sheet.append(["1", "Tổng số đoàn viên", "người", members])
    outcome = read(save(workbook, tmp_path / "DakTo.xlsx"), folder="2021-FY")
    assert figures(outcome) == {
        ("dak-to", "2021-H1", "members"): 1750,
        ("dak-to", "2021-FY", "members"): 1787,
    }
    [moved] = [f for f in outcome.findings if f.code == "period_from_sheet"]
    assert moved.sheet == "6 thang" and "2021-H1" in moved.message


@pytest.mark.parametrize(
    ("headers", "folder", "expected"),
    [
        (["6 tháng đầu năm 2020", "6 tháng đầu năm 2021", "So sánh (%)"], "2021-H1", 1787),
        (["Năm 2021", "Năm 2020", "Tỷ lệ (%)"], "2021-FY", 1787),
        (["Kế hoạch năm 2021", "Thực hiện 6 tháng 2021", "Đạt (%)"], "2021-H1", 1787),
        (["Cùng kỳ năm trước", "Kỳ báo cáo", "Ghi chú"], "2021-H1", 1787),
    ],
)
def test_only_the_report_period_column_is_read(tmp_path, headers, folder, expected) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["LĐLĐ HUYỆN ĐĂK TÔ"])
    sheet.append(["TT", "Nội dung", "ĐVT", *headers])
    values = {
        "6 tháng đầu năm 2020": 1700,
        "Năm 2020": 1700,
        "Kế hoạch năm 2021": 1800,
        "Cùng kỳ năm trước": 1700,
    }
    row = [values.get(h, 101.5 if "%" in h else 1787) if "Ghi" not in h else "tăng" for h in headers]
    sheet.append(["1", "Tổng số đoàn viên", "người", *row])
    outcome = read(save(workbook, tmp_path / "DakTo.xlsx"), folder=folder)
    assert figures(outcome) == {("dak-to", folder, "members"): expected}


def test_no_column_of_the_report_period_is_a_quarantine_not_a_guess(tmp_path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["LĐLĐ HUYỆN ĐĂK TÔ"])
    sheet.append(["TT", "Nội dung", "ĐVT", "6 tháng đầu năm 2019", "6 tháng đầu năm 2020"])
    sheet.append(["1", "Tổng số đoàn viên", "người", 1700, 1750])
    outcome = read(save(workbook, tmp_path / "DakTo.xlsx"), folder="2021-H1")
    assert outcome.status == "quarantined" and "2021-H1" in outcome.message and "D2" in outcome.message


@pytest.mark.parametrize("merged", [True, False])
def test_units_as_columns_with_this_period_and_last_year_under_each_unit(tmp_path, merged) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["SỐ LIỆU CỤM 1 - 6 THÁNG ĐẦU NĂM 2021"])
    sheet.append(["TT", "Nội dung", "ĐVT", "Đăk Hà", None, "Sa Thầy", None, "Kon Rẫy", None])
    sheet.append([None, None, None, "Cùng kỳ", "Kỳ báo cáo", "Kỳ báo cáo", "Cùng kỳ", "Cùng kỳ", "Kỳ này"])
    if merged:  # the .ods writers of some offices drop merges: both must read the same
        for cells in ("D2:E2", "F2:G2", "H2:I2"):
            sheet.merge_cells(cells)
    sheet.append(["1", "Tổng số CĐCS", "đơn vị", 60, 66, 41, 40, 37, 38])
    sheet.append(["2", "Tổng số đoàn viên", "người", 2300, 2320, 1503, 1490, 1200, 1210])
    outcome = read(save(workbook, tmp_path / "Cum 1.xlsx"))
    assert figures(outcome) == {
        ("dak-ha", "2021-H1", "cdcs"): 66,
        ("dak-ha", "2021-H1", "members"): 2320,
        ("sa-thay", "2021-H1", "cdcs"): 41,
        ("sa-thay", "2021-H1", "members"): 1503,
        ("kon-ray", "2021-H1", "cdcs"): 38,
        ("kon-ray", "2021-H1", "members"): 1210,
    }


def test_a_unit_whose_columns_do_not_say_which_is_this_period_is_not_read(tmp_path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["SỐ LIỆU CỤM 1 - 6 THÁNG ĐẦU NĂM 2021"])
    sheet.append(["TT", "Nội dung", "ĐVT", "Đăk Hà", None, "Sa Thầy", None, "Kon Rẫy", None])
    sheet.append([None, None, None, "Cùng kỳ", "Kỳ báo cáo", "Kỳ báo cáo", "Cùng kỳ", "Cột 1", "Cột 2"])
    for cells in ("D2:E2", "F2:G2", "H2:I2"):
        sheet.merge_cells(cells)
    sheet.append(["1", "Tổng số CĐCS", "đơn vị", 60, 66, 41, 40, 37, 38])
    outcome = read(save(workbook, tmp_path / "Cum 1.xlsx"))
    assert set(figures(outcome)) == {("dak-ha", "2021-H1", "cdcs"), ("sa-thay", "2021-H1", "cdcs")}
    [note] = [f for f in outcome.findings if f.code == "unit_columns_ambiguous"]
    assert note.cell == "H2" and "Kon Rẫy" in note.message


def test_a_copied_sheet_and_a_sheet_that_cannot_be_placed_are_findings_not_drops(tmp_path) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets = (
        ("Đăk Tô", "LĐLĐ HUYỆN ĐĂK TÔ", 1787),
        ("Đăk Tô (2)", "LĐLĐ HUYỆN ĐĂK TÔ", 1790),
        ("Sheet3", "LĐLĐ HUYỆN IA GRAI", 500),
    )
    for name, org, members in sheets:
        sheet = workbook.create_sheet(name)
        sheet.append([org])
        sheet.append(["Báo cáo 6 tháng đầu năm 2021"])
        sheet.append(["TT", "Nội dung", "ĐVT", "Số lượng"])
        sheet.append(["1", "Tổng số đoàn viên", "người", members])
    outcome = read(save(workbook, tmp_path / "Cum 2.xlsx"))
    assert figures(outcome) == {("dak-to", "2021-H1", "members"): 1787}
    repeated = [f for f in outcome.findings if f.code == "sheet_repeats_submission"]
    assert [f.sheet for f in repeated] == ["Đăk Tô (2)"] and "Đăk Tô" in repeated[0].message
    [unplaced] = [f for f in outcome.findings if f.code == "sheet_not_read"]
    assert unplaced.sheet == "Sheet3" and "IA GRAI" in unplaced.message


def test_every_sheet_is_accounted_for(tmp_path) -> None:
    workbook = Workbook()
    report = workbook.active
    report.title = "Báo cáo"
    for row in (["LĐLĐ HUYỆN ĐĂK TÔ"], ["Báo cáo năm 2021"], ["TT", "Nội dung", "ĐVT", "Số lượng"]):
        report.append(row)
    report.append(["1", "Tổng số đoàn viên", "người", 1787])
    workbook.create_sheet("Bìa").append(["Báo cáo tổng kết công tác công đoàn năm 2021"])
    loose = workbook.create_sheet("Số liệu thêm")
    for row in (["Đoàn viên", 1787, 1790], ["CĐCS", 66, 67]):
        loose.append(row)
    outcome = read(save(workbook, tmp_path / "DakTo.xlsx"), folder="2021-FY")
    said = {f.sheet: f.code for f in outcome.findings}
    assert said["Bìa"] == "sheet_without_figures"
    assert said["Số liệu thêm"] == "sheet_unrecognised"
    assert [f.severity for f in outcome.findings if f.sheet == "Số liệu thêm"] == ["warning"]


def test_a_hidden_report_sheet_is_reported_not_read(tmp_path) -> None:
    workbook = Workbook()
    for title, name, members in (("năm 2021", "Báo cáo", 1787), ("năm 2019", "Cũ", 1500)):
        sheet = workbook.active if name == "Báo cáo" else workbook.create_sheet(name)
        sheet.title = name
        for row in (["LĐLĐ HUYỆN ĐĂK TÔ"], [f"Báo cáo {title}"], ["TT", "Nội dung", "ĐVT", "Số lượng"]):
            sheet.append(row)
        sheet.append(["1", "Tổng số đoàn viên", "người", members])
    workbook["Cũ"].sheet_state = "hidden"
    outcome = read(save(workbook, tmp_path / "DakTo.xlsx"), folder="2021-FY")
    assert figures(outcome) == {("dak-to", "2021-FY", "members"): 1787}
    [hidden] = [f for f in outcome.findings if f.code == "sheet_hidden"]
    assert hidden.sheet == "Cũ" and hidden.severity == "warning"


def test_units_named_under_a_merged_unit_header(tmp_path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["SỐ LIỆU CỤM 1 NĂM 2021"])
    sheet.append(["TT", "Chỉ tiêu", "ĐVT", "Đơn vị", None, None, "Tổng cộng"])
    sheet.append([None, None, None, "TP Kon Tum", "Đăk Hà", "Sa Thầy", None])
    sheet.merge_cells("D2:F2")
    sheet.append(["1", "Tổng số CĐCS", "đơn vị", 241, 66, 41, 348])
    outcome = read(save(workbook, tmp_path / "Cum 1.xlsx"), folder="2021-FY")
    assert figures(outcome) == {
        ("tp-kon-tum", "2021-FY", "cdcs"): 241,
        ("dak-ha", "2021-FY", "cdcs"): 66,
        ("sa-thay", "2021-FY", "cdcs"): 41,
    }
    assert "total_mismatch" not in codes(outcome)


@pytest.mark.parametrize(
    ("under", "expected", "code"),
    [
        (["Cùng kỳ", "Kỳ báo cáo", "Năm 2020", "Năm 2021"], {"members": 1787, "cdcs": 66}, None),
        (["Cột A", "Cột B", "Năm 2020", "Năm 2021"], {"cdcs": 66}, "column_not_read"),
        (["Kỳ này", "Kỳ báo cáo", "Năm 2021", "Năm 2021"], {}, "unit_table_unread"),
    ],
)
def test_units_as_rows_with_this_period_and_last_year_under_each_indicator(
    tmp_path, under, expected, code
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["SỐ LIỆU CỤM 2 NĂM 2021"])
    sheet.append(["TT", "Đơn vị", "Tổng số đoàn viên", None, "Tổng số CĐCS", None])
    sheet.append([None, None, *under])
    sheet.merge_cells("C2:D2")
    sheet.merge_cells("E2:F2")
    sheet.append(["1", "Đăk Tô", 1700, 1787, 60, 66])
    sheet.append(["2", "Ngọc Hồi", 2000, 2142, 68, 70])
    outcome = read(save(workbook, tmp_path / "Cum 2.xlsx"), folder="2021-FY")
    assert {k[2]: v for k, v in figures(outcome).items() if k[0] == "dak-to"} == expected
    if code:
        assert code in codes(outcome)


def test_a_workbook_whose_only_report_is_hidden_says_so(tmp_path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    for row in (["LĐLĐ HUYỆN ĐĂK TÔ"], ["Báo cáo năm 2021"], ["TT", "Nội dung", "ĐVT", "Số lượng"]):
        sheet.append(row)
    sheet.append(["1", "Tổng số đoàn viên", "người", 1787])
    workbook.create_sheet("Bìa").append(["Báo cáo"])
    sheet.sheet_state = "hidden"
    outcome = read(save(workbook, tmp_path / "DakTo.xlsx"), folder="2021-FY")
    assert outcome.status == "quarantined" and outcome.findings[0].code == "sheet_hidden"
