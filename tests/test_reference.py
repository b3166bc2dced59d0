"""The registry: typed catalogue, checks on load that name the file and line."""

from __future__ import annotations

import shutil

import pytest
from conftest import REFERENCE

from unionstats.errors import ReferenceDataError
from unionstats.read.labels import LabelIndex, RowContext, match_row_label
from unionstats.reference import load_registry


def copy_reference(tmp_path):
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE, folder)
    return folder


def test_catalogue_is_typed_and_knows_its_facts(registry) -> None:
    catalogue = registry.catalogue
    assert catalogue["visits_amount"].money and not catalogue["visits"].money
    assert catalogue["members"].kind == "stock" and catalogue["members_new"].is_flow
    assert [r.code for r in catalogue.ratings] == [
        "rating_excellent",
        "rating_good",
        "rating_completed",
        "rating_failed",
    ]
    assert catalogue["rating_good"].fy_only and catalogue["rating_good"].display_label == "Hoàn thành tốt"
    assert catalogue["members"].female_code == "members_female"
    with pytest.raises(AttributeError):
        catalogue["members"].label = "x"  # frozen


def test_an_alias_given_to_two_units_is_refused(tmp_path) -> None:
    folder = copy_reference(tmp_path)
    units = folder / "units.csv"
    text = units.read_text(encoding="utf-8-sig")
    units.write_text(text.replace("Ngọc Hồi", "Đăk Tô", 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"units\.csv"):
        load_registry(folder)


def test_a_bad_kind_names_the_line(tmp_path) -> None:
    folder = copy_reference(tmp_path)
    path = folder / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",stock,", ",tồn,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="dòng 3"):
        load_registry(folder)


def test_a_wording_given_to_two_indicators_is_refused(tmp_path) -> None:
    folder = copy_reference(tmp_path)
    path = folder / "indicators.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Số lượt thăm hỏi|", "Số CĐCS|", 1), encoding="utf-8"
    )
    with pytest.raises(ReferenceDataError, match=r"indicators\.csv"):
        LabelIndex(load_registry(folder).catalogue)


@pytest.mark.parametrize(
    ("previous", "label", "expected", "problem"),
    [
        ("members", "Trong đó: nữ", "members_female", ""),
        ("workers", "- Nữ", "workers_female", ""),
        (None, "Nữ", None, "label_female_orphan"),
        ("cdcs", "Nữ", None, "label_female_orphan"),
        (None, "Trong đó: Số đoàn viên nữ", "members_female", ""),
        (None, "Số cuộc thi tìm hiểu pháp luật", None, ""),
    ],
)
def test_row_labels_match_with_their_context(registry, previous, label, expected, problem) -> None:
    match = match_row_label(label, RowContext(previous_indicator=previous), registry.catalogue)
    assert (match.indicator, match.problem) == (expected, problem)
