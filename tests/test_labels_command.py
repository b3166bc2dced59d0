"""``unionstats labels``: wordings read by likeness are listed and, once accepted, matched
exactly by the next ingest; the reference file is backed up first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
from conftest import REFERENCE, run_cli
from openpyxl import Workbook

from unionstats.store.versions import current_version


def office_form(path: Path) -> Path:
    """A Đăk Tô form with one unfamiliar wording, one ambiguous, one not in the catalogue."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["LĐLĐ HUYỆN ĐĂK TÔ"])
    sheet.append(["Báo cáo số liệu năm 2020"])
    sheet.append(["TT", "Nội dung", "ĐVT", "Số lượng"])
    sheet.append(["1", "Tổng số CĐCS", "đơn vị", 66])
    sheet.append(["2", "Số lượt đoàn viên, NLĐ được thăm hỏi, trợ cấp", "lượt", 61])
    sheet.append(["3", "Số suất quà tặng con đoàn viên, NLĐ (trẻ em)", "suất", 40])
    sheet.append(["4", "Số đoàn viên được cấp thẻ đoàn viên", "người", 300])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def test_labels_lists_then_accepts_a_wording_read_by_likeness(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    raw, out = tmp_path / "raw", tmp_path / "out"
    office_form(raw / "2020-FY" / "DakTo nam 2020.xlsx")
    assert run_cli("ingest", str(raw), "--out", str(out), "--reference", str(reference)).returncode == 0
    values = pd.read_parquet(current_version(out) / "values.parquet").set_index("indicator")["value"]
    assert values["visits"] == 61 and "gifts" not in values and "gifts_children" not in values

    listed = run_cli("labels", "--processed", str(out), "--reference", str(reference))
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    lines = listed.stdout.splitlines()
    assert any(
        "gần nhất" in line and "được thăm hỏi, trợ cấp" in line and "→ visits" in line for line in lines
    )
    assert any("mơ hồ" in line and "trẻ em" in line for line in lines)
    assert any("chưa khớp" in line and "thẻ đoàn viên" in line for line in lines)

    before = (reference / "indicators.csv").read_bytes()
    accepted = run_cli("labels", "--accept", "--processed", str(out), "--reference", str(reference))
    assert accepted.returncode == 0, accepted.stderr
    [backup] = (reference / "sao-luu").glob("indicators-*.csv")
    assert backup.read_bytes() == before
    assert "Số lượt đoàn viên, NLĐ được thăm hỏi, trợ cấp" in (reference / "indicators.csv").read_text(
        "utf-8"
    )

    chosen = run_cli(
        "labels", "--accept", "Số suất quà tặng con đoàn viên, NLĐ (trẻ em)=gifts_children",
        "--processed", str(out), "--reference", str(reference),
    )  # fmt: skip
    assert chosen.returncode == 0, chosen.stderr
    assert run_cli("ingest", str(raw), "--out", str(out), "--reference", str(reference)).returncode == 0
    findings = pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)
    assert not (findings["code"].isin(["label_by_likeness", "label_ambiguous"])).any()
    values = pd.read_parquet(current_version(out) / "values.parquet").set_index("indicator")["value"]
    assert values["visits"] == 61 and values["gifts_children"] == 40


def test_accepting_a_label_for_an_unknown_code_is_one_line(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    raw, out = tmp_path / "raw", tmp_path / "out"
    office_form(raw / "2020-FY" / "DakTo nam 2020.xlsx")
    run_cli("ingest", str(raw), "--out", str(out), "--reference", str(reference))
    result = run_cli(
        "labels",
        "--accept",
        "Thẻ đoàn viên=the_doan_vien",
        "--processed",
        str(out),
        "--reference",
        str(reference),
    )
    assert result.returncode == 2 and "the_doan_vien" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (reference / "sao-luu").exists()
