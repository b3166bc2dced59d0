"""A province of one's own: init, the set-up workbook, and never another folder unasked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from openpyxl import load_workbook

from unionstats.project.workbook import WORKBOOK


def snapshot(folder: Path) -> dict[str, int]:
    """Every file under ``folder`` with its modification time (what "untouched" compares)."""
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def fill_workbook(project: Path, cluster_unit: str = "CĐ Giáo dục") -> None:
    """What an analyst types into the set-up workbook: three units, two clusters."""
    workbook = load_workbook(project / WORKBOOK)
    units = workbook["Đơn vị"]
    units.append([None, "Thành phố Quảng Ngãi", "huyện/thành phố", "TP Quảng Ngãi", None, None])
    units.append([None, "Bình Sơn", "huyện/thành phố", "LĐLĐ huyện Bình Sơn", None, None])
    units.append(["cd-giao-duc", "Công đoàn Giáo dục tỉnh", "công đoàn ngành", "CĐ Giáo dục", None, None])
    clusters = workbook["Cụm thi đua"]
    clusters.append([2025, "cum-1", "Cụm thi đua số 1", "Thành phố Quảng Ngãi", "trưởng cụm"])
    clusters.append([2025, "cum-1", "Cụm thi đua số 1", "binh-son", None])
    clusters.append([2025, "cum-2", "Cụm thi đua số 2", cluster_unit, "phó cụm"])
    workbook.save(project / WORKBOOK)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    result = run_cli("init", str(tmp_path / "quang-ngai"), "--province", "Quảng Ngãi", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "quang-ngai"


def test_a_new_analyst_goes_from_init_to_a_figure_in_a_table_without_touching_another_folder(
    project: Path,
) -> None:
    sample = {name: snapshot(ROOT / name) for name in ("data", "reports", "figures")}
    assert (project / "unionstats.toml").is_file() and (project / WORKBOOK).is_file()
    assert (project / "data" / "reference" / "units.csv").read_text(encoding="utf-8").count("\n") == 1
    fill_workbook(project)
    setup = run_cli("setup", cwd=project)
    assert setup.returncode == 0, setup.stderr
    assert "3 đơn vị" in setup.stdout
    forms = run_cli("template", "--period", "2025-H1", cwd=project)
    assert forms.returncode == 0, forms.stderr
    form = load_workbook(project / "reports" / "mau-bieu" / "2025-H1" / "binh-son_2025-H1.xlsx")
    sheet = form["Báo cáo"]
    row = next(r for r in range(1, 60) if sheet.cell(row=r, column=2).value == "Tổng số đoàn viên công đoàn")
    sheet.cell(row=row, column=4).value = 1234
    (project / "data" / "raw" / "2025-H1").mkdir(parents=True)
    form.save(project / "data" / "raw" / "2025-H1" / "BinhSon 6T2025.xlsx")
    ingest = run_cli("ingest", cwd=project / "data")  # from a sub-folder: the project is found above
    assert ingest.returncode == 0, ingest.stderr
    table = run_cli("table", "members", "--period", "2025-H1", "--by", "unit", cwd=project / "notebooks")
    assert table.returncode == 0, table.stderr
    assert "Bình Sơn" in table.stdout and "1.234" in table.stdout
    assert {name: snapshot(ROOT / name) for name in ("data", "reports", "figures")} == sample


@pytest.mark.parametrize(
    "command", [["table", "members"], ["ingest"], ["brief"], ["template", "--period", "2025-H1"]]
)
def test_outside_any_project_a_command_refuses_in_one_line(tmp_path: Path, command: list[str]) -> None:
    result = run_cli(*command, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "unionstats init" in lines[0] and "--project" in lines[0], lines
    assert not list(tmp_path.iterdir())  # nothing written here either


def test_a_project_named_explicitly_is_used_from_anywhere(project: Path, tmp_path: Path) -> None:
    fill_workbook(project)
    assert run_cli("setup", "--project", str(project), cwd=tmp_path).returncode == 0
    listed = run_cli("list", "units", "--project", str(project), cwd=tmp_path)
    assert listed.returncode == 0 and "binh-son" in listed.stdout
    wrong = run_cli("list", "units", "--project", str(tmp_path), cwd=ROOT)
    assert wrong.returncode == 2 and "không phải thư mục dự án" in wrong.stderr


def test_setup_names_each_wrong_row_and_writes_nothing(project: Path) -> None:
    fill_workbook(project, cluster_unit="Cong doan Giao duc")  # not a name of any unit
    workbook = load_workbook(project / WORKBOOK)
    workbook["Đơn vị"]["C3"] = "xã"  # not a kind
    workbook["Cụm thi đua"]["A3"] = "năm nay"
    workbook.save(project / WORKBOOK)
    before = snapshot(project / "data" / "reference")
    result = run_cli("setup", cwd=project)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert "sheet 'Đơn vị', dòng 3: loại 'xã'" in lines[0]
    assert "sheet 'Cụm thi đua', dòng 3: năm 'năm nay'" in lines[1]
    assert "sheet 'Cụm thi đua', dòng 4: không có đơn vị 'Cong doan Giao duc'" in lines[2]
    assert "Có phải 'Công đoàn Giáo dục tỉnh'?" in lines[2]
    assert "Chưa ghi gì" in lines[-1] and "Traceback" not in result.stderr
    assert snapshot(project / "data" / "reference") == before


def test_setup_takes_the_kind_and_a_short_code_from_a_name_that_says_them(project: Path) -> None:
    """What an analyst types first: only names, as the federation writes them."""
    workbook = load_workbook(project / WORKBOOK)
    for name in ("LĐLĐ huyện Gio Linh", "Liên đoàn Lao động thành phố Đông Hà", "Công đoàn ngành Y tế"):
        workbook["Đơn vị"].append([None, name, None, None, None, None])
    workbook["Cụm thi đua"].append([2025, "cum-1", "Cụm 1", "LĐLĐ huyện Gio Linh", None])
    workbook.save(project / WORKBOOK)
    assert run_cli("setup", cwd=project).returncode == 0
    units = (project / "data" / "reference" / "units.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert [tuple(line.split(",")[:3]) for line in units] == [
        ("gio-linh", "LĐLĐ huyện Gio Linh", "district"),
        ("dong-ha", "Liên đoàn Lao động thành phố Đông Hà", "district"),
        ("cd-y-te", "Công đoàn ngành Y tế", "sector"),
    ]


def test_a_unit_whose_row_is_wrong_is_reported_once_not_again_in_its_cluster(project: Path) -> None:
    workbook = load_workbook(project / WORKBOOK)
    workbook["Đơn vị"].append([None, "Ban Quản lý dự án", None, None, None, None])  # kind unsaid
    workbook["Cụm thi đua"].append([2025, "cum-1", "Cụm 1", "Ban Quản lý dự án", None])
    workbook.save(project / WORKBOOK)
    result = run_cli("setup", cwd=project)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and "dòng 2: chưa có loại và tên không nói rõ" in lines[0]
    assert "Chưa ghi gì: sửa 1 dòng" in lines[1]


def test_init_refuses_a_folder_with_files_or_inside_another_project(tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("x", encoding="utf-8")
    busy = run_cli("init", str(tmp_path / "busy"), "--province", "Huế", cwd=tmp_path)
    assert busy.returncode == 2 and "đã có tệp" in busy.stderr
    nested = run_cli("init", str(ROOT / "data" / "moi"), "--province", "Huế", cwd=tmp_path)
    assert nested.returncode == 2 and "nằm trong dự án" in nested.stderr
    assert not (ROOT / "data" / "moi").exists()


def test_an_empty_units_file_is_one_line_naming_it(project: Path) -> None:
    (project / "data" / "reference" / "units.csv").write_bytes(b"")
    result = run_cli("list", "units", cwd=project)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "units.csv trống" in lines[0] and "Traceback" not in result.stderr


def test_the_workbook_can_be_written_again_from_the_csv_files(project: Path) -> None:
    fill_workbook(project)
    assert run_cli("setup", cwd=project).returncode == 0
    (project / WORKBOOK).unlink()
    assert run_cli("setup", "--workbook", cwd=project).returncode == 0
    again = load_workbook(project / WORKBOOK)
    names = [row[1] for row in again["Đơn vị"].iter_rows(min_row=2, values_only=True)]
    assert names == ["Thành phố Quảng Ngãi", "Bình Sơn", "Công đoàn Giáo dục tỉnh"]
    shutil.copy(project / WORKBOOK, project / "copy.xlsx")
    assert run_cli("setup", cwd=project).returncode == 0  # the workbook reads back as it was written
