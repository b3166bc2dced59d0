"""Hostile and broken inputs: each ends in one Vietnamese line and an intact store, never a traceback."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES, REFERENCE, ROOT, run_cli
from openpyxl import Workbook, load_workbook

from unionstats.check.rules import load_rules
from unionstats.file_names import safe_name
from unionstats.publish.formats.html import paragraph_html
from unionstats.store.versions import current_version

GOOD = "table_far_down_after_notes.xlsx"


def one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def raw_with(tmp_path: Path, extra: dict[str, Path | bytes] | None = None) -> Path:
    raw = tmp_path / "raw" / "2020-FY"
    raw.mkdir(parents=True)
    shutil.copy(FIXTURES / GOOD, raw / "DakTo nam 2020.xlsx")
    for name, content in (extra or {}).items():
        if isinstance(content, Path):
            shutil.copy(content, raw / name)
        else:
            (raw / name).write_bytes(content)
    return raw.parent


def far_cell_workbook(path: Path, declared: bool) -> Path:
    """A 10 KB workbook with one figure at XFD1048576 (declared in its dimension, or hidden)."""
    workbook = Workbook()
    workbook.active["A1"] = "Báo cáo"
    workbook.active["XFD1048576"] = 1
    workbook.save(path)
    if not declared:
        rewritten = path.with_suffix(".tmp")
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                data = source.read(item)
                if item.filename.startswith("xl/worksheets/"):
                    data = re.sub(rb"<dimension[^>]*/>", b"", data)
                target.writestr(item, data)
        rewritten.replace(path)
    return path


@pytest.mark.parametrize("declared", [True, False], ids=["declared", "hidden"])
def test_a_cell_at_xfd1048576_is_quarantined_and_the_batch_goes_on(tmp_path, declared: bool) -> None:
    bad = far_cell_workbook(tmp_path / "far.xlsx", declared)
    raw = raw_with(tmp_path, {"KonRay nam 2020.xlsx": bad})
    out = tmp_path / "out"
    result = run_cli("ingest", str(raw), "--out", str(out), "--workers", "2")
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    manifest = pd.read_csv(out / "manifest.csv", dtype=str).set_index("path")
    assert manifest.at["2020-FY/DakTo nam 2020.xlsx", "status"] == "ingested"
    assert manifest.at["2020-FY/KonRay nam 2020.xlsx", "status"] == "quarantined"
    reason = manifest.at["2020-FY/KonRay nam 2020.xlsx", "message"]
    assert ("1048576" in reason) if declared else ("dừng bất thường" in reason), reason


def test_an_encrypted_workbook_is_said_to_have_a_password(tmp_path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = tmp_path / "locked.xlsx"
    with open(FIXTURES / GOOD, "rb") as plain, open(encrypted, "wb") as target:
        OOXMLFile(plain).encrypt("1234", target)
    raw = raw_with(tmp_path, {"KonRay nam 2020.xlsx": encrypted})
    result = run_cli("ingest", str(raw), "--out", str(tmp_path / "out"))
    assert result.returncode == 3
    assert "mật khẩu" in result.stdout and "KonRay nam 2020.xlsx" in result.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_links_and_special_files_in_raw_are_listed_as_skipped(tmp_path) -> None:
    raw = raw_with(tmp_path)
    folder = raw / "2020-FY"
    os.symlink(folder / "gone.xlsx", folder / "dangling.xlsx")
    os.mkfifo(folder / "pipe.xlsx")
    os.symlink("/dev/zero", folder / "device.xlsx")
    out = tmp_path / "out"
    result = run_cli("ingest", str(raw), "--out", str(out))
    assert result.returncode == 0, result.stderr
    manifest = pd.read_csv(out / "manifest.csv", dtype=str, keep_default_na=False).set_index("path")
    for name, words in (
        ("dangling", "Liên kết hỏng"),
        ("pipe", "phải tệp thường"),
        ("device", "phải tệp thường"),
    ):
        row = manifest.loc[f"2020-FY/{name}.xlsx"]
        assert row["status"] == "skipped" and words in row["message"]
    assert run_cli("ingest", str(raw), "--out", str(out)).returncode == 0  # the unchanged check copes too


@pytest.mark.skipif(os.name == "nt", reason="Windows names are Unicode: no name of raw bytes can exist there")
def test_a_file_name_that_is_not_utf8_is_quarantined_by_name_and_the_batch_goes_on(tmp_path) -> None:
    """A zip unpacked from a machine with another code page gives names of raw bytes."""
    raw = raw_with(tmp_path)
    folder = os.fsencode(raw / "2020-FY")
    shutil.copy(FIXTURES / GOOD, folder + b"/KonRay b\xe1o c\xe1o.xlsx")  # "báo cáo" in cp1258
    out = tmp_path / "out"
    result = run_cli("ingest", str(raw), "--out", str(out))
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    shown = "2020-FY/KonRay b\\xe1o c\\xe1o.xlsx"
    assert f"CÁCH LY  {shown}: Tên tệp có ký tự không phải Unicode" in result.stdout
    manifest = pd.read_csv(out / "manifest.csv", dtype=str, keep_default_na=False).set_index("path")
    assert manifest.at[shown, "status"] == "quarantined"
    assert manifest.at["2020-FY/DakTo nam 2020.xlsx", "status"] == "ingested"
    again = run_cli("ingest", str(raw), "--out", str(out))
    assert "(0 đọc mới, 2 giữ nguyên" in again.stdout  # recognised as unchanged by its shown name
    feedback = run_cli("feedback", "--processed", str(out), "--raw", str(raw), "--out", str(tmp_path / "fb"))
    assert feedback.returncode == 0, feedback.stderr
    names = [p.name for p in (tmp_path / "fb").rglob("*.xlsx")]
    shown = "KonRay b\\xe1o c\\xe1o"  # the name as the manifest writes it
    assert safe_name(shown) + " (ket qua kiem tra).xlsx" in names  # no backslash: Windows opens it
    assert not [name for name in names if "\\" in name]


def test_a_file_gone_between_listing_and_hashing_is_skipped_and_the_batch_goes_on(tmp_path) -> None:
    from unionstats.read.inventory import list_entries
    from unionstats.store.ingest import ingest

    raw = raw_with(tmp_path, {"legacy.xls": FIXTURES / "legacy_format.xls"})
    listed = list_entries(raw)
    (raw / "2020-FY" / "legacy.xls").unlink()  # an analyst moves it while the run starts
    result = ingest(raw, tmp_path / "out", REFERENCE, workers=1, entries=listed)
    manifest = pd.read_csv(tmp_path / "out" / "manifest.csv", dtype=str, keep_default_na=False)
    row = manifest.set_index("path").loc["2020-FY/legacy.xls"]
    assert row["status"] == "skipped" and "tệp không còn trong thư mục" in row["message"]
    assert result.count("ingested") == 1


def test_a_file_gone_before_its_reader_opens_it_is_quarantined_with_its_reason(tmp_path, monkeypatch) -> None:
    from unionstats.store import ingest as ingest_module

    raw = raw_with(tmp_path, {"legacy.xls": FIXTURES / "legacy_format.xls"})
    real_hash = ingest_module.file_sha256

    def hash_then_lose(path: str) -> str:
        digest = real_hash(path)
        if path.endswith("legacy.xls"):
            os.unlink(path)
        return digest

    monkeypatch.setattr(ingest_module, "file_sha256", hash_then_lose)
    result = ingest_module.ingest(raw, tmp_path / "out", REFERENCE, workers=1)
    assert result.count("ingested") == 1 and result.count("quarantined") == 1
    findings = pd.read_csv(tmp_path / "out" / "findings.csv", dtype=str, keep_default_na=False)
    reason = findings[findings["file"] == "2020-FY/legacy.xls"]
    assert reason["code"].tolist() == ["file_unreadable"]
    assert "tệp không còn trong thư mục" in reason["message"].iloc[0]


def test_a_sub_folder_that_cannot_be_listed_is_named_in_the_manifest(tmp_path, monkeypatch) -> None:
    from unionstats.read import inventory
    from unionstats.store.ingest import ingest

    raw = raw_with(tmp_path)
    (raw / "2021-FY").mkdir()
    shutil.copy(FIXTURES / GOOD, raw / "2021-FY" / "DakTo nam 2021.xlsx")
    real_scandir = os.scandir

    def no_permission(folder):
        if str(folder).endswith("2021-FY"):
            raise PermissionError(13, "Permission denied", str(folder))
        return real_scandir(folder)

    monkeypatch.setattr(inventory.os, "scandir", no_permission)
    entries = inventory.list_entries(raw)
    assert [e.relative for e in entries] == ["2020-FY/DakTo nam 2020.xlsx", "2021-FY"]
    reason = inventory.skip_reason(entries[1])
    assert reason is not None and reason.startswith("Thư mục không đọc được (không có quyền đọc)")
    assert ingest(raw, tmp_path / "out", REFERENCE, workers=1, entries=entries).count("skipped") == 1
    manifest = pd.read_csv(tmp_path / "out" / "manifest.csv", dtype=str, keep_default_na=False)
    assert manifest.set_index("path").at["2021-FY", "message"] == reason


@pytest.mark.skipif(os.name == "nt", reason="the address-space limit that proves it is POSIX's RLIMIT_AS")
def test_feedback_never_reopens_a_quarantined_file(tmp_path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    raw = raw_with(tmp_path, {"KonRay nam 2020.xlsx": bomb})
    out = tmp_path / "out"
    run_cli("ingest", str(raw), "--out", str(out))
    script = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, resource.RLIM_INFINITY));"
        "from unionstats.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "feedback",
            "--processed",
            str(out),
            "--raw",
            str(raw),
            "--out",
            str(tmp_path / "fb"),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    copy = next((tmp_path / "fb").rglob("KonRay*.xlsx"))
    assert load_workbook(copy).sheetnames == ["Kết quả kiểm tra"]


def test_feedback_copes_with_a_very_long_file_name(tmp_path) -> None:
    raw = raw_with(tmp_path)
    long_name = "DakTo " + "bao cao rat dai " * 14 + ".xlsx"
    shutil.copy(FIXTURES / "ambiguous_and_unreadable_numbers.xlsx", raw / "2020-FY" / long_name)
    (raw / "2020-FY" / "DakTo nam 2020.xlsx").unlink()
    out = tmp_path / "out"
    run_cli("ingest", str(raw), "--out", str(out))
    result = run_cli("feedback", "--processed", str(out), "--raw", str(raw), "--out", str(tmp_path / "fb"))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert list((tmp_path / "fb").rglob("*.xlsx"))


@pytest.mark.parametrize(
    ("left", "reason"),
    [("1" * 400, "lớn quá"), ("+".join(["members"] * 20000), "dài quá"), ("-" * 40 + "members", "lồng nhau")],
    ids=["400-digit number", "20000 terms", "deep nesting"],
)
def test_a_monstrous_rule_becomes_a_finding(tmp_path, registry, left: str, reason: str) -> None:
    path = tmp_path / "rules.csv"
    path.write_text(
        "rule_id,left,operator,right,importance,missing,period_types,message_vi\n"
        f"R99,{left},<=,workers,high,,,x\nR01,members,<=,workers,high,,,y\n",
        encoding="utf-8",
    )
    rules, problems = load_rules(path, registry)
    assert [r.rule_id for r in rules] == ["R01"]
    assert problems[0].code == "rule_invalid" and reason in problems[0].message
    assert len(problems[0].message) < 300


def edit_reference(tmp_path: Path, name: str, edit) -> Path:
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE, folder)
    path = folder / name
    path.write_text(edit(path.read_text(encoding="utf-8-sig")), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "edit", "fragments"),
    [
        ("units.csv", lambda t: t.splitlines()[0] + "\n", ["units.csv", "không có đơn vị"]),
        ("units.csv", lambda t: t + t.splitlines()[1] + "\n", ["units.csv dòng", "đã có"]),
        ("indicators.csv", lambda t: t + t.splitlines()[1] + "\n", ["indicators.csv dòng", "đã có"]),
        ("clusters.csv", lambda t: t.replace("\n2024,", "\nnăm 2024,", 1), ["clusters.csv dòng", "năm 2024"]),
        (
            "thresholds.csv",
            lambda t: re.sub(r"(outlier_z,)[^,\n]+", r"\1ba rưỡi", t),
            ["thresholds.csv dòng", "ba rưỡi"],
        ),
    ],
    ids=["empty units", "duplicate unit", "duplicate indicator", "year in words", "threshold in words"],
)
def test_broken_reference_tables_give_one_line_naming_file_and_row(
    sample_store, tmp_path, name, edit, fragments
) -> None:
    folder = edit_reference(tmp_path, name, edit)
    store = tmp_path / "store"
    shutil.copytree(sample_store, store, symlinks=True)
    one_line_error(run_cli("validate", "--processed", str(store), "--reference", str(folder)), *fragments)


def test_out_that_is_a_file_is_one_line(tmp_path) -> None:
    raw = raw_with(tmp_path)
    (tmp_path / "out").write_text("not a folder")
    one_line_error(run_cli("ingest", str(raw), "--out", str(tmp_path / "out")), "out")


@pytest.mark.parametrize("refused", ["symbolic links", "symbolic and hard links"])
def test_a_disk_without_links_holds_the_same_store(tmp_path, monkeypatch, refused) -> None:
    """A Windows user without Developer Mode can make no symbolic link, a FAT/exFAT stick not
    even a hard link: the store needs neither (carried partitions are then copied)."""
    from unionstats.store.ingest import ingest

    raw = raw_with(tmp_path)
    (raw / "2021-H1").mkdir()
    shutil.copy(FIXTURES / "prior_year_column_first.xlsx", raw / "2021-H1" / "NgocHoi 6T2021.xlsx")
    expected = ingest(raw, tmp_path / "linked", REFERENCE, workers=1)

    def no(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "symlink", no)
    if "hard" in refused:
        monkeypatch.setattr(os, "link", no)
    out = tmp_path / "out"
    for _ in range(2):  # the second run carries every partition of the first
        (raw / "2020-FY" / "DakTo nam 2020.xlsx").touch()
        result = ingest(raw, out, REFERENCE, workers=1)
    pd.testing.assert_frame_equal(result.values, expected.values)
    assert not [p for p in out.rglob("*") if p.is_symlink()]


@pytest.mark.parametrize("where", ["store inside raw", "raw inside store", "the same folder"])
def test_a_store_and_raw_folder_nested_in_each_other_is_refused_in_one_line(tmp_path, where: str) -> None:
    raw = raw_with(tmp_path)
    target = {"store inside raw": raw / "out", "raw inside store": tmp_path, "the same folder": raw}[where]
    before = sorted(raw.rglob("*"))
    one_line_error(run_cli("ingest", str(raw), "--out", str(target)), "lồng vào nhau", "--out")
    assert sorted(raw.rglob("*")) == before


def test_brief_and_table_on_an_empty_store_say_so(tmp_path) -> None:
    (tmp_path / "raw").mkdir()
    out = tmp_path / "out"
    assert run_cli("ingest", str(tmp_path / "raw"), "--out", str(out)).returncode == 0
    one_line_error(run_cli("brief", "--processed", str(out), "--out", str(tmp_path / "r")), "chưa có số liệu")
    one_line_error(run_cli("table", "members", "--processed", str(out)), "chưa có số liệu")


def test_missing_store_is_an_error_for_feedback(tmp_path) -> None:
    one_line_error(
        run_cli("feedback", "--processed", str(tmp_path / "none"), "--out", str(tmp_path / "fb")), "ingest"
    )


OS_FAILURE = """
import errno, os, sys
import pyarrow.parquet as pq
code = getattr(errno, sys.argv[1])
def fail(table, path, *args, **kwargs):
    raise OSError(code, os.strerror(code), str(path))
pq.write_table = fail  # the store's parquet writer
from unionstats.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize(("name", "words"), [("ENOSPC", "hết chỗ trống"), ("EACCES", "không có quyền")])
def test_disk_full_or_no_permission_leaves_the_store_as_it_was(tmp_path, name: str, words: str) -> None:
    raw = raw_with(tmp_path)
    out = tmp_path / "out"
    assert run_cli("ingest", str(raw), "--out", str(out)).returncode == 0
    before = pd.read_parquet(current_version(out) / "values.parquet")
    shutil.copy(
        FIXTURES / "counts_us_commas_spaces_float_noise.xlsx", raw / "2020-FY" / "DakTo (bo sung).xlsx"
    )
    result = subprocess.run(
        [sys.executable, "-c", OS_FAILURE, name, "ingest", str(raw), "--out", str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        cwd=ROOT,
        timeout=300,
    )
    one_line_error(result, words)
    pd.testing.assert_frame_equal(pd.read_parquet(current_version(out) / "values.parquet"), before)
    assert not list((out / ".versions").glob(".staging-*"))


def test_reference_text_is_escaped_in_the_brief(registry) -> None:
    html = paragraph_html("Cụm <script>alert(1)</script> **đậm** [liên kết](http://x)")
    assert "<script>" not in html and "&lt;script&gt;" in html
    notebook = (ROOT / "notebooks" / "10_ban_tin_ky.ipynb").read_text(encoding="utf-8")
    assert "Markdown(content." not in notebook  # data-bearing text never goes through Markdown
