"""Ingest: the batch survives bad files, re-runs are incremental, corrections supersede."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES, REFERENCE

from unionstats.store import files as store
from unionstats.store.ingest import ingest
from unionstats.store.versions import current_version

GOOD = ["table_far_down_after_notes.xlsx", "legacy_format.xls"]


def make_raw(tmp_path: Path, files: dict[str, str]) -> Path:
    """Copy fixtures into ``raw/<relative path>``; ``files`` maps target -> fixture name."""
    raw = tmp_path / "raw"
    for target, fixture in files.items():
        destination = raw / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / fixture, destination)
    return raw


def test_one_bad_file_never_stops_the_batch(tmp_path: Path) -> None:
    raw = make_raw(
        tmp_path,
        {
            "2020-FY/DakTo nam 2020.xlsx": "table_far_down_after_notes.xlsx",
            "2020-FY/hong.xlsx": "not_really_excel.xlsx",
            "2020-FY/la.xlsx": "unit_not_registered.xlsx",
            "2021-H1/NgocHoi 6T2021.xlsx": "prior_year_column_first.xlsx",
        },
    )
    result = ingest(raw, tmp_path / "out", REFERENCE, workers=1)
    statuses = dict(zip(result.manifest["path"], result.manifest["status"], strict=True))
    assert statuses == {
        "2020-FY/DakTo nam 2020.xlsx": "ingested",
        "2020-FY/hong.xlsx": "quarantined",
        "2020-FY/la.xlsx": "quarantined",
        "2021-H1/NgocHoi 6T2021.xlsx": "ingested",
    }
    assert result.exit_code == 3
    assert set(result.values["unit_code"]) == {"dak-to", "ngoc-hoi"}
    quarantined = result.manifest[result.manifest["status"] == "quarantined"]
    assert all(m.startswith("2020-FY/") and "\n" not in m for m in quarantined["message"])
    errors = result.findings[result.findings["severity"] == "error"]
    assert set(errors["file"]) == {"2020-FY/hong.xlsx", "2020-FY/la.xlsx"}


def test_store_columns_follow_the_contract(tmp_path: Path) -> None:
    raw = make_raw(tmp_path, {"2020-FY/a.xlsx": "table_far_down_after_notes.xlsx"})
    ingest(raw, tmp_path / "out", REFERENCE, workers=1)
    values = pd.read_parquet(current_version(tmp_path / "out") / "values.parquet")
    assert list(values.columns) == list(store.VALUE_COLUMNS)
    row = values[values["indicator"] == "members"].iloc[0]
    assert (row["period"], row["year"], row["period_type"]) == ("2020-FY", 2020, "FY")
    assert (row["unit_code"], row["unit_name"], row["cluster_code"]) == ("dak-to", "Đăk Tô", "cum-2")
    assert (row["source_file"], row["sheet"], row["cell"], row["raw"]) == (
        "2020-FY/a.xlsx",
        "Báo cáo",
        "D36",
        "1787",
    )
    assert len(row["file_sha256"]) == 64
    csv = pd.read_csv(tmp_path / "out" / "values.csv", encoding="utf-8-sig")
    assert len(csv) == len(values)
    manifest = pd.read_csv(tmp_path / "out" / "manifest.csv", encoding="utf-8-sig")
    assert {"path", "sha256", "status", "unit", "period", "n_values", "message"} <= set(manifest.columns)


def test_rerun_over_unchanged_files_is_incremental_and_idempotent(tmp_path: Path) -> None:
    raw = make_raw(tmp_path, {"2020-FY/a.xlsx": GOOD[0], "2020-FY/b.xls": GOOD[1].replace("x", "x")})
    out = tmp_path / "out"
    first = ingest(raw, out, REFERENCE, workers=1)
    snapshot = {name: (out / name).read_bytes() for name in ("values.csv", "manifest.csv", "findings.csv")}
    second = ingest(raw, out, REFERENCE, workers=1)
    assert (first.parsed, second.parsed, second.reused) == (2, 0, 2)
    for name, content in snapshot.items():
        assert (out / name).read_bytes() == content, name


def test_later_submission_supersedes_and_history_is_kept(tmp_path: Path) -> None:
    raw = make_raw(tmp_path, {"2020-FY/DakTo nam 2020.xlsx": "table_far_down_after_notes.xlsx"})
    out = tmp_path / "out"
    ingest(raw, out, REFERENCE, workers=1)
    correction = raw / "2020-FY" / "DakTo nam 2020 (bo sung).xlsx"
    shutil.copy(FIXTURES / "counts_us_commas_spaces_float_noise.xlsx", correction)
    result = ingest(raw, out, REFERENCE, workers=1)
    statuses = dict(zip(result.manifest["path"], result.manifest["status"], strict=True))
    assert statuses["2020-FY/DakTo nam 2020.xlsx"] == "superseded"
    assert statuses["2020-FY/DakTo nam 2020 (bo sung).xlsx"] == "ingested"
    values = store.read_values(out)
    assert set(values["source_file"]) == {"2020-FY/DakTo nam 2020 (bo sung).xlsx"}
    assert values.set_index("indicator").at["members", "value"] == 7676
    history = store.read_history(out)
    assert set(history["source_file"]) == {"2020-FY/DakTo nam 2020.xlsx"}
    assert history.set_index("indicator").at["members", "value"] == 1787


def test_same_run_orders_submissions_by_modification_time(tmp_path: Path) -> None:
    raw = make_raw(
        tmp_path,
        {
            "2020-FY/DakTo v2.xlsx": "counts_us_commas_spaces_float_noise.xlsx",
            "2020-FY/DakTo v1.xlsx": "table_far_down_after_notes.xlsx",
        },
    )
    os.utime(raw / "2020-FY/DakTo v2.xlsx", (1_600_000_000, 1_600_000_000))  # older
    os.utime(raw / "2020-FY/DakTo v1.xlsx", (1_700_000_000, 1_700_000_000))  # newer
    result = ingest(raw, tmp_path / "out", REFERENCE, workers=1)
    current = result.manifest.set_index("path")["status"]
    assert current["2020-FY/DakTo v1.xlsx"] == "ingested"
    assert current["2020-FY/DakTo v2.xlsx"] == "superseded"


def test_lock_hidden_and_other_files_are_skipped_with_a_manifest_row(tmp_path: Path) -> None:
    raw = make_raw(tmp_path, {"2020-FY/a.xlsx": GOOD[0]})
    (raw / "2020-FY" / "~$a.xlsx").write_bytes(b"lock")
    (raw / "2020-FY" / ".hidden.xlsx").write_bytes(b"x")
    (raw / "2020-FY" / "cong van.pdf").write_bytes(b"%PDF-1.4")
    result = ingest(raw, tmp_path / "out", REFERENCE, workers=1)
    skipped = result.manifest[result.manifest["status"] == "skipped"]
    assert set(skipped["path"]) == {"2020-FY/~$a.xlsx", "2020-FY/.hidden.xlsx", "2020-FY/cong van.pdf"}
    assert all(skipped["message"].str.len() > 0)
    assert result.exit_code == 0


def test_zip_bomb_is_quarantined_before_it_is_parsed(tmp_path: Path) -> None:
    raw = make_raw(tmp_path, {"2020-FY/a.xlsx": GOOD[0]})
    bomb = raw / "2020-FY" / "bomb.xlsx"
    with (
        zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        block = b"\0" * (1 << 20)
        for _ in range(210):
            member.write(block)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    result = ingest(raw, tmp_path / "out", REFERENCE, workers=1)
    row = result.manifest.set_index("path").loc["2020-FY/bomb.xlsx"]
    assert row["status"] == "quarantined"
    assert "zip bomb" in row["message"]


def test_interrupted_write_leaves_the_previous_store_intact(tmp_path: Path, monkeypatch) -> None:
    raw = make_raw(tmp_path, {"2020-FY/a.xlsx": GOOD[0]})
    out = tmp_path / "out"
    ingest(raw, out, REFERENCE, workers=1)
    before = pd.read_parquet(current_version(out) / "values.parquet")
    shutil.copy(FIXTURES / "counts_us_commas_spaces_float_noise.xlsx", raw / "2020-FY" / "b.xlsx")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("pyarrow.parquet.write_table", crash)  # Ctrl-C while a partition is written
    with pytest.raises(KeyboardInterrupt):
        ingest(raw, out, REFERENCE, workers=1)
    pd.testing.assert_frame_equal(pd.read_parquet(current_version(out) / "values.parquet"), before)
    leftovers = [*out.glob(".*.tmp-*"), *(out / ".versions").glob(".staging-*")]
    assert not leftovers  # no temporary left behind


def test_parallel_and_serial_parsing_give_the_same_store(tmp_path: Path) -> None:
    files = {f"2020-FY/DakTo copy {i}.xlsx": GOOD[0] for i in range(3)}
    files["2021-H1/NgocHoi 6T2021.xlsx"] = "prior_year_column_first.xlsx"
    raw = make_raw(tmp_path, files)
    serial = ingest(raw, tmp_path / "serial", REFERENCE, workers=0)  # in this process
    parallel = ingest(raw, tmp_path / "parallel", REFERENCE, workers=2)
    pd.testing.assert_frame_equal(serial.values, parallel.values)
    assert list(serial.manifest["status"]) == list(parallel.manifest["status"])


def test_file_removed_from_raw_keeps_its_values(tmp_path: Path) -> None:
    raw = make_raw(tmp_path, {"2020-FY/a.xlsx": GOOD[0]})
    out = tmp_path / "out"
    ingest(raw, out, REFERENCE, workers=1)
    (raw / "2020-FY" / "a.xlsx").unlink()
    result = ingest(raw, out, REFERENCE, workers=1)
    assert len(result.values) == 3
    assert "file_missing" in set(result.findings["code"])


def test_damaged_copies_of_every_fixture_are_quarantined_never_raised(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    raw = tmp_path / "raw" / "2020-FY"
    raw.mkdir(parents=True)
    sources = [p for p in FIXTURES.iterdir() if p.suffix in (".xlsx", ".xls", ".ods")]
    for index, source in enumerate(sources):
        data = source.read_bytes()
        (raw / f"cut_{index}{source.suffix}").write_bytes(data[: len(data) // 2])
        damaged = bytearray(data)
        for _ in range(30):
            damaged[rng.randrange(len(damaged))] ^= 0xFF
        (raw / f"flip_{index}{source.suffix}").write_bytes(bytes(damaged))
    page = "<html><table><tr><td>Tổng số đoàn viên</td></tr></table></html>"
    (raw / "trang-web.xls").write_text(page, encoding="utf-8")
    (raw / "rong.xlsx").write_bytes(b"")
    result = ingest(tmp_path / "raw", tmp_path / "out", REFERENCE, workers=1)
    assert set(result.manifest["status"]) <= {"ingested", "quarantined"}
    quarantined = result.manifest[result.manifest["status"] == "quarantined"]
    cut = {p for p in result.manifest["path"] if "/cut_" in p}
    assert cut <= set(quarantined["path"])  # a half file is never taken for a whole one
    assert {"2020-FY/trang-web.xls", "2020-FY/rong.xlsx"} <= set(quarantined["path"])
    assert all(m.startswith("2020-FY/") and "\n" not in m for m in quarantined["message"])
