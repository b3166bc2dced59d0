"""Labels, unit names and periods compare equal across the spellings offices use."""

from __future__ import annotations

import unicodedata

import pytest

from unionstats.periods import Period, find_periods, parse_code
from unionstats.read.labels import match_label


@pytest.mark.parametrize(
    ("label", "indicator"),
    [
        ("Tổng số đoàn viên công đoàn", "members"),
        ("1. Tổng số ĐVCĐ:", "members"),
        ("a) TỔNG SỐ ĐOÀN VIÊN", "members"),
        (unicodedata.normalize("NFD", "Tổng số đoàn viên"), "members"),
        ("Tổng số CNVC-LĐ", "workers"),
        ("Tổng số CNVCLĐ", "workers"),
        ("2.1. Tổng số CĐCS", "cdcs"),
        ("- Hoạt động văn hoá, thể thao", "cultural_events"),
        ("Hoạt động văn hóa, thể thao", "cultural_events"),  # old and new tone-mark placement
        ("Số tiền thăm hỏi (đồng)", "visits_amount"),
        ("Thu KPCĐ", "kpcd_collected"),
        ("Số bản TƯLĐTT còn hiệu lực", "collective_agreements"),
        ("Giới thiệu ĐV ưu tú cho Đảng", "party_referrals"),
        ("Số cuộc thi tìm hiểu pháp luật", None),
    ],
)
def test_matches_label_variants_to_indicators(registry, label: str, indicator: str | None) -> None:
    assert match_label(label, registry.catalogue) == indicator


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("LĐLĐ huyện Đăk Tô", "dak-to"),
        ("LĐLĐ HUYỆN ĐẮK TÔ", "dak-to"),
        ("Liên đoàn Lao động huyện Đắc Tô", "dak-to"),
        ("Dak To", "dak-to"),
        ("Ia H'Drai", "ia-hdrai"),
        ("IaH’Drai", "ia-hdrai"),
        ("Đơn vị: LĐLĐ huyện Ia H’Drai", None),  # the "Đơn vị:" prefix is stripped by forms
        ("TP. Kon Tum", "tp-kon-tum"),
        ("Thành phố Kon Tum", "tp-kon-tum"),
        ("LĐLĐ TP Kon Tum", "tp-kon-tum"),
        ("LIÊN ĐOÀN LAO ĐỘNG TỈNH KON TUM", None),  # the provincial federation, not a unit
        ("CÔNG ĐOÀN VIÊN CHỨC TỈNH", "cd-vien-chuc"),
        ("NgocHoi", "ngoc-hoi"),
        ("LĐLĐ huyện Đăk Lắk", None),
    ],
)
def test_matches_unit_spellings(registry, text: str, unit: str | None) -> None:
    if text.startswith("Đơn vị:"):
        assert registry.match_unit(text.split(":", 1)[1]) == "ia-hdrai"
    else:
        assert registry.match_unit(text) == unit


def test_suggests_closest_registered_units_for_unknown_names(registry) -> None:
    assert "Đăk Hà" in registry.closest_units("LĐLĐ huyện Đăk Hòa")


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("2022-H1", {"2022-H1"}),
        ("2022_H1", {"2022-H1"}),
        ("6T2022", {"2022-H1"}),
        ("DakTo_6T2020.xlsx", {"2020-H1"}),
        ("6 tháng đầu năm 2022", {"2022-H1"}),
        ("Sơ kết 6 tháng năm 2022", {"2022-H1"}),
        ("SƠ KẾT 6 THÁNG ĐẦU NĂM 2022", {"2022-H1"}),
        ("Năm 2020", {"2020-FY"}),
        ("tổng kết năm 2020", {"2020-FY"}),
        ("(Tính đến 30/11/2020)", {"2020-FY"}),
        ("tính đến ngày 31/5/2021", {"2021-H1"}),
        ("9 tháng năm 2023", {"2023-9M"}),
        ("Quý III năm 2021", {"2021-Q3"}),
        ("Đăk Tô, ngày 05 tháng 12 năm 2020", set()),  # a date line is not a period
        ("Số: 45/BC-LĐLĐ", set()),
        ("Số liệu năm 2020 và năm 2019", {"2020-FY", "2019-FY"}),
    ],
)
def test_reads_periods_from_folders_titles_and_filenames(text: str, codes: set[str]) -> None:
    assert {p.code for p in find_periods(text)} == codes


def test_period_codes_round_trip_and_order() -> None:
    assert parse_code("2020-FY") == Period(2020, "FY")
    assert Period(2020, "H1").sort_key() < Period(2020, "FY").sort_key() < Period(2021, "H1").sort_key()
    assert parse_code("2021-H1").same_period_last_year().code == "2020-H1"
    with pytest.raises(ValueError):
        parse_code("2020-H3")
