"""The command line as users meet it: no traceback, Vietnamese messages, contract exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES, run_cli

from unionstats.store.versions import current_version


def test_ingest_reports_quarantine_with_exit_3_and_no_traceback(tmp_path: Path) -> None:
    raw = tmp_path / "raw" / "2020-FY"
    raw.mkdir(parents=True)
    shutil.copy(FIXTURES / "table_far_down_after_notes.xlsx", raw / "DakTo nam 2020.xlsx")
    shutil.copy(FIXTURES / "not_really_excel.xlsx", raw / "hong.xlsx")
    result = run_cli("ingest", str(tmp_path / "raw"), "--out", str(tmp_path / "out"))
    assert result.returncode == 3
    assert "Traceback" not in result.stdout + result.stderr
    assert "CÁCH LY  2020-FY/hong.xlsx:" in result.stdout
    assert "1 đã nhập" in result.stdout and "1 cách ly" in result.stdout
    assert len(pd.read_parquet(current_version(tmp_path / "out") / "values.parquet")) == 3


def test_ingest_of_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("ingest", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "Không có thư mục" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    assert run_cli("ingest", "--no-such-option").returncode == 2
    assert run_cli().returncode == 2


def test_broken_reference_data_is_reported_with_its_line(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    shutil.copytree(FIXTURES.parent.parent / "data" / "reference", reference)
    units = reference / "units.csv"
    lines = units.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",district,", ",huyen,")
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "raw").mkdir()
    result = run_cli(
        "ingest", str(tmp_path / "raw"), "--out", str(tmp_path / "out"), "--reference", str(reference)
    )
    assert result.returncode == 2
    assert "units.csv dòng 4" in result.stderr
    assert "Traceback" not in result.stderr


def test_second_run_with_nothing_changed_reads_nothing_and_writes_nothing(tmp_path: Path) -> None:
    raw = tmp_path / "raw" / "2020-FY"
    raw.mkdir(parents=True)
    shutil.copy(FIXTURES / "table_far_down_after_notes.xlsx", raw / "DakTo nam 2020.xlsx")
    out = tmp_path / "out"
    first = run_cli("ingest", str(tmp_path / "raw"), "--out", str(out))
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    second = run_cli("ingest", str(tmp_path / "raw"), "--out", str(out))
    assert second.returncode == 0
    assert "(0 đọc mới, 1 giữ nguyên từ lần trước)" in second.stdout
    assert second.stdout.split("(")[0] == first.stdout.split("(")[0]  # same counts printed
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps
    shutil.copy(FIXTURES / "counts_us_commas_spaces_float_noise.xlsx", raw / "DakTo nam 2020 (bo sung).xlsx")
    third = run_cli("ingest", str(tmp_path / "raw"), "--out", str(out))
    assert "(1 đọc mới, 1 giữ nguyên từ lần trước)" in third.stdout and "1 bị thay thế" in third.stdout


@pytest.mark.parametrize(("n_values", "warned"), [(1_048_575, False), (1_048_576, True)])
def test_ingest_warns_when_values_csv_outgrows_an_excel_sheet(tmp_path, capsys, n_values, warned) -> None:
    from unionstats.cli.store_commands import _print_ingest_summary

    summary = {
        "quarantined": [],
        "status": {"ingested": 1, "superseded": 0, "quarantined": 0, "skipped": 0},
        "severity": {"error": 0, "warning": 0, "info": 0},
        "n_values": n_values,
        "periods": [["2024-FY", 1, n_values]],
    }
    _print_ingest_summary(summary, 1, 0, tmp_path)
    lines = [line for line in capsys.readouterr().out.splitlines() if "values.csv" in line]
    assert len(lines) == int(warned)
    assert all("1.048.575" in line and "values.parquet" in line for line in lines)


def test_an_unexpected_error_with_line_breaks_is_still_one_line(monkeypatch, capsys) -> None:
    """A library's message can span lines (nbconvert lists its search paths one per line)."""
    from unionstats import cli

    def broken(args):
        raise ValueError("No template found in:\n\tC:\\a\n\tC:\\b")

    monkeypatch.setitem(cli.COMMANDS, "list", broken)
    assert cli.main(["list", "units"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "No template found in: C:\\a C:\\b" in lines[0], lines


NO_OP_IMPORTS = """
import sys
from unionstats.cli import main
code = main(sys.argv[1:])
heavy = sorted(name for name in ("pandas", "pyarrow", "numpy", "openpyxl") if name in sys.modules)
print("loaded:", ",".join(heavy) or "none")
sys.exit(code)
"""


def test_a_run_with_nothing_changed_loads_no_pandas(tmp_path: Path) -> None:
    """The no-op ingest is a fraction of a second because it compares one hash and loads no
    table library (a stale export would be the exception: it is written again)."""
    import os
    import subprocess
    import sys

    raw = tmp_path / "raw" / "2020-FY"
    raw.mkdir(parents=True)
    shutil.copy(FIXTURES / "table_far_down_after_notes.xlsx", raw / "DakTo nam 2020.xlsx")
    out = tmp_path / "out"
    assert run_cli("ingest", str(tmp_path / "raw"), "--out", str(out)).returncode == 0
    again = subprocess.run(
        [sys.executable, "-c", NO_OP_IMPORTS, "ingest", str(tmp_path / "raw"), "--out", str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
    assert "loaded: none" in again.stdout, again.stdout


LONG_OUTPUT = """
import sys
from unionstats import cli
def chatty(args):
    for n in range(200_000):
        print(f"dòng {n}")
    return 0
cli.COMMANDS["list"] = chatty
sys.exit(cli.main(["list", "units"]))
"""


def test_output_piped_into_head_ends_quietly_with_status_0() -> None:
    """`unionstats … | head`: the reader goes away; no error line, no traceback."""
    import os
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-c", LONG_OUTPUT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert process.stdout.readline()
    process.stdout.close()  # as head does after its lines
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""


def test_every_command_prints_its_help() -> None:
    """``unionstats table --help`` once ended in a traceback (a bare "%" in a help text)."""
    import argparse

    from unionstats.cli.parser import build_parser

    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(commands.choices) >= 16
    for name, command in commands.choices.items():
        text = command.format_help()
        assert text.startswith(f"cách dùng: unionstats {name}"), name
