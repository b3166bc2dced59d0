"""A file holding several submissions through the store: supersession per submission,
completeness per unit, feedback per file."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
from conftest import REFERENCE
from openpyxl import Workbook

from unionstats.check.feedback import write_feedback
from unionstats.check.validate import validate
from unionstats.store.ingest import ingest
from unionstats.store.versions import current_version

ROWS = [
    ["TỔNG HỢP SỐ LIỆU CỤM 1 NĂM 2021"],
    [],
    ["TT", "Chỉ tiêu", "ĐVT", "TP Kon Tum", "Đăk Hà", "Sa Thầy", "Kon Rẫy", "Tổng cộng"],
    ["1", "Tổng số CĐCS", "đơn vị", 241, 66, 41, 38, 386],
    ["2", "Tổng số đoàn viên", "người", 9120, 2320, 1503, 1210, 14000],  # total 153 short
]


def cluster_table(path: Path) -> None:
    workbook = Workbook()
    for row in ROWS:
        workbook.active.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def correction(path: Path) -> None:
    workbook = Workbook()
    for row in (["LĐLĐ HUYỆN ĐĂK HÀ"], ["Báo cáo năm 2021"], ["TT", "Nội dung", "ĐVT", "Số lượng"]):
        workbook.active.append(row)
    workbook.active.append(["1", "Tổng số CĐCS", "đơn vị", 67])
    workbook.active.append(["2", "Tổng số đoàn viên", "người", 2330])
    workbook.save(path)


def test_a_correction_for_one_unit_supersedes_only_its_part_of_a_cluster_table(tmp_path, registry) -> None:
    raw, store = tmp_path / "raw", tmp_path / "store"
    cluster_table(raw / "2021-FY" / "Cum 1 tong hop.xlsx")
    ingest(raw, store, REFERENCE, workers=1)
    time.sleep(0.01)
    correction(raw / "2021-FY" / "DakHa nam 2021 (sua).xlsx")
    ingest(raw, store, REFERENCE, workers=1)

    values = pd.read_parquet(current_version(store) / "values.parquet").set_index(["unit_code", "indicator"])[
        "value"
    ]
    assert values[("dak-ha", "members")] == 2330 and values[("sa-thay", "members")] == 1503
    assert values[("tp-kon-tum", "cdcs")] == 241 and len(values) == 8
    history = pd.read_parquet(current_version(store) / "values_superseded.parquet")
    assert set(history["unit_code"]) == {"dak-ha"} and set(history["value"]) == {66, 2320}
    manifest = pd.read_csv(store / "manifest.csv", dtype=str, keep_default_na=False)
    table = manifest[manifest["path"] == "2021-FY/Cum 1 tong hop.xlsx"].set_index("unit")
    assert dict(table["status"]) == {
        "tp-kon-tum": "ingested",
        "dak-ha": "superseded",
        "sa-thay": "ingested",
        "kon-ray": "ingested",
    }
    assert table.at["dak-ha", "superseded_by"] == "2021-FY/DakHa nam 2021 (sua).xlsx"

    result = validate(store, REFERENCE, registry)
    completeness = result.completeness.set_index("unit_code")
    assert completeness.loc[["tp-kon-tum", "dak-ha", "sa-thay", "kon-ray"], "submitted"].all()
    assert completeness.at["dak-ha", "source_file"] == "2021-FY/DakHa nam 2021 (sua).xlsx"

    written = write_feedback(store, raw, tmp_path / "feedback")
    [sent] = [f for f in written if f.source == "2021-FY/Cum 1 tong hop.xlsx"]
    assert sent.unit == "dak-ha|kon-ray|sa-thay|tp-kon-tum"  # every unit the file reports
    assert sent.output.is_file()


def half_and_full_year(path: Path, h1_members: int) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, title, members in (
        ("6 thang", "6 tháng đầu năm 2021", h1_members),
        ("Ca nam", "năm 2021", 2400),
    ):
        sheet = workbook.create_sheet(name)
        for row in (["LĐLĐ HUYỆN ĐĂK HÀ"], [f"Báo cáo {title}"], ["TT", "Nội dung", "ĐVT", "Số lượng"]):
            sheet.append(row)
        sheet.append(["1", "Tổng số đoàn viên", "người", members])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def test_a_half_year_sheet_in_a_full_year_file_fills_a_gap_but_never_replaces_the_filed_one(tmp_path) -> None:
    raw, store = tmp_path / "raw", tmp_path / "store"
    h1 = raw / "2021-H1" / "DakHa 6T2021.xlsx"
    h1.parent.mkdir(parents=True)
    workbook = Workbook()
    for row in (
        ["LĐLĐ HUYỆN ĐĂK HÀ"],
        ["Báo cáo 6 tháng đầu năm 2021"],
        ["TT", "Nội dung", "ĐVT", "Số lượng"],
    ):
        workbook.active.append(row)
    workbook.active.append(["1", "Tổng số đoàn viên", "người", 2350])
    workbook.save(h1)
    ingest(raw, store, REFERENCE, workers=1)
    time.sleep(0.01)
    half_and_full_year(raw / "2021-FY" / "DakHa nam 2021.xlsx", h1_members=2349)  # sent later
    ingest(raw, store, REFERENCE, workers=1)
    values = pd.read_parquet(current_version(store) / "values.parquet").set_index(["period", "unit_code"])[
        "value"
    ]
    assert values[("2021-H1", "dak-ha")] == 2350  # the file filed under 2021-H1 stays current
    assert values[("2021-FY", "dak-ha")] == 2400

    h1.unlink()  # a store that never had the half-year file: the half-year sheet fills the gap
    ingest(raw, tmp_path / "other", REFERENCE, workers=1)
    values = pd.read_parquet(current_version(tmp_path / "other") / "values.parquet").set_index(
        ["period", "unit_code"]
    )["value"]
    assert values[("2021-H1", "dak-ha")] == 2349 and values[("2021-FY", "dak-ha")] == 2400
