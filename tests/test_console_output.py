"""Every command's output survives the code page Windows gives redirected output.

Redirected to a file or a pipe (a .bat file, a scheduled task, PowerShell's ``>``), Windows
encodes output in the ANSI code page: cp1258 on Vietnamese Windows, cp1252 on an English one.
Each command is run with its streams in each code page, as strict as Windows makes them, and
compared with its UTF-8 output: under cp1258 no Vietnamese letter may be lost, under cp1252
each letter keeps at least its base; never an encoding error, never an escape.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import REFERENCE, ROOT

from unionstats.cli import main


def letters(text: str) -> str:
    """The letters, digits and spaces of ``text`` in composed form (symbols may be respelled)."""
    return "".join(c for c in unicodedata.normalize("NFC", text) if c.isalnum() or c.isspace())


def bases(text: str) -> str:
    """``letters`` without their diacritics: what a code page without Vietnamese can keep."""
    stripped = unicodedata.normalize("NFD", letters(text).replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in stripped if not unicodedata.combining(c))


def run_in(encoding: str, argv: list[str], monkeypatch) -> tuple[int, str]:
    """Run the command line with stdout and stderr strict in ``encoding``; the exit status
    and the bytes written, decoded."""
    out, err = io.BytesIO(), io.BytesIO()
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding=encoding, errors="strict"))
        patch.setattr(sys, "stderr", io.TextIOWrapper(err, encoding=encoding, errors="strict"))
        try:
            code = main(argv)
        except SystemExit as stop:  # argparse's own exit, after a usage error
            code = stop.code
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            text = (out.getvalue() + err.getvalue()).decode(encoding)
    return code, text


@pytest.fixture(scope="module")
def workspace(sample_raw: Path, sample_store: Path, tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("console")
    store = base / "store"
    shutil.copytree(sample_store, store)
    return {"raw": sample_raw, "store": store, "out": base / "out"}


STORE, REF = ["--processed", "{store}"], ["--reference", "{reference}"]
COMMANDS = {
    "list units": ["list", "units", *STORE, *REF],
    "list indicators": ["list", "indicators", *STORE, *REF],
    "list clusters": ["list", "clusters", *STORE, *REF],
    "table": ["table", "members", "members_new", "--period", "2023-FY", "2024-FY", "--by", "cluster", *STORE],
    "table wide": ["table", "members", "visits_amount", "--period", "2024-H1", "--wide", *STORE],
    "findings": ["findings", "--period", "2023-H1", "--severity", "error", "warning", *STORE],
    "labels": ["labels", *STORE, *REF],
    "validate": ["validate", *STORE, *REF],
    "export": ["export", *STORE],
    "trend": ["trend", "visits_amount", "--from", "2019-FY", "--to", "2024-FY", "--out", "{out}", *STORE],
    "template": ["template", "--period", "2025-H1", "--unit", "dak-to", "--out", "{out}", *REF],
    "feedback": ["feedback", "--out", "{out}", "--raw", "{raw}", *STORE, *REF],
    "ingest": ["ingest", "{raw}", "--out", "{store}", *REF],
    "unknown indicator": ["table", "khong_co", *STORE],
    "year without half": ["table", "members", "--period", "2024", *STORE],
    "usage error": ["table", *STORE],
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_survives_cp1258_and_cp1252(name: str, workspace, monkeypatch) -> None:
    places = {**{key: str(path) for key, path in workspace.items()}, "reference": str(REFERENCE)}
    argv = [part.format(**places) for part in COMMANDS[name]]
    outputs = {}
    for encoding in ("utf-8", "cp1258", "cp1252"):
        code, text = run_in(encoding, argv, monkeypatch)
        assert code != 1, text  # 1 would be an unexpected error (an encoding error among them)
        assert "Traceback" not in text and "Error" not in text, text
        assert not re.search(r"\\u[0-9a-f]{4}|\\x[0-9a-f]{2}", text), text  # no escaped letters
        outputs[encoding] = text
    assert outputs["utf-8"].strip()
    assert letters(outputs["cp1258"]) == letters(outputs["utf-8"])
    assert bases(outputs["cp1252"]) == bases(outputs["utf-8"])


@pytest.mark.parametrize("encoding", ["cp1252", "cp1258"])
def test_sample_redirected_on_windows_writes_readable_text(tmp_path: Path, encoding: str) -> None:
    """The issue's own case: ``unionstats sample`` with its output redirected, in a real
    process whose streams Python set up in the code page (no UTF-8 mode)."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "unionstats", "sample", str(tmp_path / "raw"), "--reference", str(REFERENCE)],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    text = (result.stdout + result.stderr).decode(encoding)
    assert result.returncode == 0, text
    expected = f"Đã ghi 165 tệp báo cáo mẫu (và 2 tệp khác) vào {tmp_path / 'raw'}"
    if encoding == "cp1258":
        assert unicodedata.normalize("NFC", text).strip() == expected
    else:
        assert bases(text.strip()) == bases(expected)
