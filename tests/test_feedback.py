"""Feedback workbooks: annotated copies sent back to units; originals never touched."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
from conftest import FIXTURES, REFERENCE, run_cli
from openpyxl import load_workbook

from unionstats.check.feedback import RESULTS_SHEET, write_feedback
from unionstats.check.validate import validate
from unionstats.store.ingest import ingest
from unionstats.store.versions import current_version


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def prepared_store(tmp_path: Path, registry, files: dict[str, str]) -> tuple[Path, Path]:
    raw = tmp_path / "raw"
    for target, fixture in files.items():
        (raw / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / fixture, raw / target)
    ingest(raw, tmp_path / "processed", REFERENCE, workers=1)
    validate(tmp_path / "processed", REFERENCE, registry)
    return raw, tmp_path / "processed"


def test_feedback_highlights_and_comments_problem_cells(tmp_path, registry) -> None:
    raw, processed = prepared_store(
        tmp_path,
        registry,
        {
            "2021-FY/DakTo nam 2021.xlsx": "cdcs_list_members_differ_from_form.xlsx",
            "2020-FY/NgocHoi nam 2020.xlsx": "ambiguous_and_unreadable_numbers.xlsx",
        },
    )
    original = raw / "2021-FY/DakTo nam 2021.xlsx"
    before = sha(original)
    written = write_feedback(processed, raw, tmp_path / "out")
    assert sha(original) == before  # the original is never modified
    by_source = {item.source: item for item in written}
    # the NgocHoi file is quarantined (its header names Đăk Tô): it is sent back too
    assert sorted(by_source) == ["2020-FY/NgocHoi nam 2020.xlsx", "2021-FY/DakTo nam 2021.xlsx"]
    book = load_workbook(by_source["2021-FY/DakTo nam 2021.xlsx"].output)
    assert book.sheetnames[0] == RESULTS_SHEET
    cell = book["Báo cáo"]["D10"]
    assert cell.comment is not None and "57" in cell.comment.text
    assert cell.fill.start_color.rgb == "FFF4B6B6"  # red for an error
    results = book[RESULTS_SHEET]
    rows = list(results.iter_rows(min_row=5, values_only=True))
    assert rows[0][1:4] == ("Lỗi", "Báo cáo", "D10")
    index = pd.read_csv(tmp_path / "out" / "danh-sach-phan-hoi.csv", encoding="utf-8-sig")
    assert sorted(index["source_file"]) == sorted(by_source)


def test_legacy_xls_is_rebuilt_as_xlsx_with_annotations(tmp_path, registry) -> None:
    raw, processed = prepared_store(tmp_path, registry, {"2020-FY/DakTo nam 2020.xls": "legacy_format.xls"})
    stored = current_version(processed) / "findings.csv"  # a finding put into the store itself
    findings = pd.read_csv(stored, encoding="utf-8-sig", keep_default_na=False)
    findings.loc[len(findings)] = {
        **{c: "" for c in findings.columns},
        "severity": "warning",
        "code": "test",
        "message": '=HYPERLINK("http://x")',
        "file": "2020-FY/DakTo nam 2020.xls",
        "sheet": "Sheet1",
        "cell": "D10",
    }
    findings.to_csv(stored, index=False, encoding="utf-8-sig")
    [item] = write_feedback(processed, raw, tmp_path / "out")
    assert item.rebuilt and item.output.suffix == ".xlsx"
    book = load_workbook(item.output)
    assert book["Sheet1"]["D10"].value == 1831
    assert book["Sheet1"]["D10"].comment is not None
    message = book[RESULTS_SHEET]["F5"]
    assert message.data_type == "s" and message.value.startswith("'=")  # never a live formula


def test_quarantined_file_gets_a_results_sheet_with_the_reason(tmp_path, registry) -> None:
    raw, processed = prepared_store(tmp_path, registry, {"2020-FY/hong.xlsx": "not_really_excel.xlsx"})
    [item] = write_feedback(processed, raw, tmp_path / "out")
    book = load_workbook(item.output)
    assert book.sheetnames == [RESULTS_SHEET]
    assert "hỏng" in book[RESULTS_SHEET]["F5"].value


def test_feedback_command_on_the_sample(sample_store, sample_raw, tmp_path) -> None:
    store = tmp_path / "processed"
    shutil.copytree(sample_store, store)
    assert run_cli("validate", "--processed", str(store)).returncode == 0
    result = run_cli(
        "feedback", "--processed", str(store), "--raw", str(sample_raw), "--out", str(tmp_path / "out")
    )
    assert result.returncode == 0, result.stderr
    outputs = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.xlsx"))
    assert "2022-FY/Bao cao nam 2022 - Ngoc Hoi (ket qua kiem tra).xlsx" in outputs
    assert "2021-H1/DakHa - bao cao 6 thang 2021 (ket qua kiem tra).xlsx" in outputs


def test_openpyxl_uses_defusedxml_against_entity_attacks() -> None:
    import openpyxl

    assert openpyxl.DEFUSEDXML is True  # defusedxml is installed, so openpyxl parses through it
