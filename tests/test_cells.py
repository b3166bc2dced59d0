"""Raw files -> grids: cell references, merged ranges, and files refused before parsing."""

from __future__ import annotations

import zipfile

import pytest

from unionstats.errors import InputFileError
from unionstats.read.archive import check_archive
from unionstats.read.cells import SheetGrid, header_texts, raw_text, read_workbook
from unionstats.read.cells_a1 import a1
from unionstats.sample.writers import SheetSpec, write_workbook


@pytest.mark.parametrize(("row", "col", "ref"), [(0, 0, "A1"), (11, 3, "D12"), (0, 25, "Z1"), (4, 26, "AA5")])
def test_a1_references(row: int, col: int, ref: str) -> None:
    assert a1(row, col) == ref


@pytest.mark.parametrize(("value", "text"), [(12.0, "12"), (1.5, "1.5"), (" 7.842 ", "7.842"), (None, "")])
def test_raw_text_keeps_what_the_cell_showed(value, text) -> None:
    assert raw_text(value) == text


def test_merged_header_cells_read_as_their_origin() -> None:
    grid = SheetGrid("s", [["Nội dung", "Số liệu", ""], ["", "Kỳ báo cáo", "Cùng kỳ"]], [(0, 1, 0, 2)])
    assert grid.merged_origin(0, 2) == (0, 1)
    assert header_texts(grid, 0) == {0: "noi dung", 1: "so lieu", 2: "so lieu"}
    assert grid.value(5, 5) is None and grid.value(1, 0) is None


@pytest.mark.parametrize("writer", ["openpyxl", "xls", "ods"])
def test_every_sheet_is_read_with_its_merged_ranges(tmp_path, writer: str) -> None:
    first, second = SheetSpec("Một"), SheetSpec("Hai")
    first.put(0, 0, "Tiêu đề")
    first.merge(0, 0, 0, 2)
    second.put(1, 1, 42)
    suffix = {"openpyxl": ".xlsx", "xls": ".xls", "ods": ".ods"}[writer]
    grids = read_workbook(write_workbook(tmp_path / f"b{suffix}", [first, second], writer))
    assert [g.name for g in grids] == ["Một", "Hai"]
    assert grids[0].value(0, 0) == "Tiêu đề" and grids[1].value(1, 1) == 42
    if writer != "ods":  # calamine does not report an .ods file's merged ranges; forms.py copes
        assert grids[0].merged_origin(0, 2) == (0, 0)


def zip_bomb(path):
    """A small zip whose one sheet inflates to 300 MB."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    return path


def test_a_zip_bomb_is_refused_without_inflating_it(tmp_path) -> None:
    with pytest.raises(InputFileError) as caught:
        check_archive(zip_bomb(tmp_path / "bomb.xlsx"))
    assert caught.value.code == "file_zip_bomb" and "zip bomb" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [("a.xlsx", b"not a zip", "file_corrupt"), ("a.txt", b"x", "file_not_spreadsheet")],
)
def test_unreadable_files_raise_one_vietnamese_line(tmp_path, name, content, code) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputFileError) as caught:
        read_workbook(path)
    assert caught.value.code == code and "\n" not in str(caught.value) and name in str(caught.value)


@pytest.mark.parametrize(
    ("writer", "renamed_to"),
    [("openpyxl", ".xls"), ("xls", ".xlsx"), ("ods", ".xlsx"), ("openpyxl", ".ods")],
    ids=["xlsx saved as .xls", "xls renamed .xlsx", "ods renamed .xlsx", "xlsx renamed .ods"],
)
def test_a_workbook_under_another_suffix_is_read_by_its_content(tmp_path, writer, renamed_to) -> None:
    sheet = SheetSpec("Báo cáo")
    sheet.put(0, 0, "Tổng số đoàn viên")
    sheet.put(0, 1, 1787)
    suffix = {"openpyxl": ".xlsx", "xls": ".xls", "ods": ".ods"}[writer]
    written = write_workbook(tmp_path / f"b{suffix}", [sheet], writer)
    renamed = written.rename(tmp_path / f"DakTo nam 2020{renamed_to}")
    grids = read_workbook(renamed)
    assert grids[0].value(0, 0) == "Tổng số đoàn viên" and grids[0].value(0, 1) == 1787


HTML_TABLE = "<html><body><table><tr><td>Tổng số đoàn viên</td><td>1787</td></tr></table></body></html>"
XML_2003 = (
    '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
    '<Worksheet ss:Name="Sheet1"/></Workbook>'
)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("\ufeff\n" + HTML_TABLE, "là trang web HTML"),
        ("<!DOCTYPE html>" + HTML_TABLE, "là trang web HTML"),
        (XML_2003, "là tệp XML Spreadsheet 2003"),
    ],
    ids=["html with a byte-order mark", "html with a doctype", "xml spreadsheet 2003"],
)
def test_a_web_page_or_xml_under_an_excel_suffix_is_refused_saying_so(tmp_path, content, reason) -> None:
    path = tmp_path / "BaoCao.xls"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_workbook(path)
    assert caught.value.code == "file_corrupt" and reason in str(caught.value)
    assert "lưu lại bằng Excel" in str(caught.value)


def test_a_zip_bomb_under_an_xls_suffix_is_still_refused(tmp_path) -> None:
    with pytest.raises(InputFileError) as caught:
        read_workbook(zip_bomb(tmp_path / "bomb.xls"))
    assert caught.value.code == "file_zip_bomb"
