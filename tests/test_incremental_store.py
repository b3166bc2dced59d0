"""A run that rewrites only the partitions it touches gives the store a full rewrite gives.

The oracle is the same code with partitioning turned off (every run then reloads and
rewrites every period): after each change to the raw folder, both stores must hold the same
values, history, CĐCS lists, findings and manifest. The changes are those that move rows
between partitions: a correction, a file that holds two periods and then one, a file that
leaves the folder, a touched but unchanged file, a quarantined file that is fixed.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES, REFERENCE
from openpyxl import Workbook

from unionstats.read.inventory import list_entries, reference_sha256
from unionstats.reference import load_registry
from unionstats.store import files as store
from unionstats.store import ingest as ingest_module
from unionstats.store.earlier import read_earlier
from unionstats.store.ingest import ingest
from unionstats.store.partitions import Layout
from unionstats.store.unchanged import current_summary
from unionstats.store.versions import current_version

LAYOUT = Layout.for_units(len(load_registry(REFERENCE).units))


def report(path: Path, sheets: list[tuple[str, str, int]]) -> None:
    """A district report for Đăk Tô with one sheet per (sheet name, title, members)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, title, members in sheets:
        sheet = workbook.create_sheet(name)
        sheet.append(["LĐLĐ HUYỆN ĐĂK TÔ"])
        sheet.append([f"Báo cáo số liệu {title}"])
        sheet.append(["TT", "Nội dung", "ĐVT", "Số lượng"])
        sheet.append(["1", "Tổng số đoàn viên", "người", members])
        sheet.append(["2", "Tổng số CĐCS", "đơn vị", 60])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def copy(raw: Path, fixture: str, target: str) -> None:
    (raw / target).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / fixture, raw / target)


def first_state(raw: Path) -> None:
    copy(raw, "table_far_down_after_notes.xlsx", "2020-FY/DakTo 2020.xlsx")
    copy(raw, "legacy_format.xls", "2020-FY/legacy.xls")
    copy(raw, "prior_year_column_first.xlsx", "2021-H1/NgocHoi 6T2021.xlsx")
    copy(raw, "cdcs_list_members_differ_from_form.xlsx", "2021-FY/cdcs.xlsx")
    copy(raw, "not_really_excel.xlsx", "2020-FY/hong.xlsx")
    (raw / "2020-FY" / "ghi chu.txt").write_text("không phải báo cáo", encoding="utf-8")
    both = [("6 thang", "6 tháng đầu năm 2021", 1750), ("Ca nam", "năm 2021", 1787)]
    report(raw / "2021-FY" / "DakTo nam 2021.xlsx", both)


def cluster_table(path: Path, change: int = 0) -> None:
    """Cụm 1's table of four units (Đăk Hà's row does not add up to the total: a finding)."""
    workbook = Workbook()
    rows = [
        ["TỔNG HỢP SỐ LIỆU CỤM 1 NĂM 2021"],
        ["TT", "Chỉ tiêu", "ĐVT", "TP Kon Tum", "Đăk Hà", "Sa Thầy", "Kon Rẫy", "Tổng cộng"],
        ["1", "Tổng số CĐCS", "đơn vị", 241, 66, 41, 38 + change, 386],
        ["2", "Tổng số đoàn viên", "người", 9120, 2320, 1503, 1210, 14000],
    ]
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)


def correction(path: Path) -> None:
    """Đăk Hà's own report for 2021, sent after the cluster's table."""
    report_rows = [["LĐLĐ HUYỆN ĐĂK HÀ"], ["Báo cáo năm 2021"], ["TT", "Nội dung", "ĐVT", "Số lượng"]]
    workbook = Workbook()
    for row in (*report_rows, ["1", "Tổng số CĐCS", "đơn vị", 67], ["2", "Tổng số đoàn viên", "người", 2330]):
        workbook.active.append(row)
    workbook.save(path)


def touch(path: Path) -> None:
    later = time.time() + 5
    os.utime(path, (later, later))


CHANGES = {
    "a correction for one half-year": lambda raw: report(
        raw / "2021-H1" / "DakTo 6T2021 (sua).xlsx", [("BC", "6 tháng đầu năm 2021", 1760)]
    ),
    "a file leaves the folder": lambda raw: (raw / "2020-FY" / "legacy.xls").unlink(),
    "a file is touched, not changed": lambda raw: touch(raw / "2021-H1" / "NgocHoi 6T2021.xlsx"),
    "a file of two periods now holds one": lambda raw: report(
        raw / "2021-FY" / "DakTo nam 2021.xlsx", [("Ca nam", "năm 2021", 1790)]
    ),
    "a quarantined file is fixed": lambda raw: copy(raw, "legacy_format.xls", "2020-FY/hong.xlsx"),
    "the file that left comes back": lambda raw: copy(raw, "legacy_format.xls", "2020-FY/legacy.xls"),
    "a table of four units": lambda raw: cluster_table(raw / "2021-FY" / "Cum 1 tong hop.xlsx"),
    "a correction for one of the four": lambda raw: correction(raw / "2021-FY" / "DakHa nam 2021 (sua).xlsx"),
    "the table of four is corrected": lambda raw: cluster_table(raw / "2021-FY" / "Cum 1 tong hop.xlsx", 1),
}


def tables(out: Path) -> dict[str, pd.DataFrame]:
    """The store's tables in one order, without the run times that differ between stores."""
    found = {
        "values": store.read_values(out),
        "history": store.read_history(out),
        "details": store.read_details(out),
        "findings": store.read_findings(out),
        "manifest": store.read_manifest(out).drop(columns="first_seen"),
    }
    return {
        name: frame.astype(str).sort_values(list(frame.columns)).reset_index(drop=True)
        for name, frame in found.items()
    }


@pytest.mark.parametrize("buckets", [1, 16])
def test_each_change_gives_the_store_a_full_rewrite_gives(tmp_path: Path, monkeypatch, buckets: int) -> None:
    """With one bucket per period (a province's registry) and with sixteen (a large one's,
    where a table of several units spreads over several partitions)."""
    monkeypatch.setattr(ingest_module.Layout, "for_units", classmethod(lambda cls, n: cls(buckets)))
    raw, incremental, full = tmp_path / "raw", tmp_path / "incremental", tmp_path / "full"
    first_state(raw)
    steps = [("first run", lambda raw: None), *CHANGES.items()]
    for step, change in steps:
        change(raw)
        time.sleep(0.01)
        result = ingest(raw, incremental, REFERENCE, workers=1)
        with monkeypatch.context() as patched:
            patched.setattr(ingest_module, "is_partitioned", lambda out, layout: False)
            whole = ingest(raw, full, REFERENCE, workers=1)
        expected = tables(full)
        for name, frame in tables(incremental).items():
            pd.testing.assert_frame_equal(frame, expected[name], obj=f"{name} after '{step}'")
        assert result.summary == whole.summary, step
        by_file = store.manifest_by_file(result.manifest)["status"].value_counts()
        assert result.summary["status"] == {s: int(by_file.get(s, 0)) for s in store.STATUSES}, step
        ingested = result.manifest[result.manifest["status"] == "ingested"].astype({"n_values": int})
        per_period = ingested.groupby("period").agg(n_units=("unit", "nunique"), n_values=("n_values", "sum"))
        assert result.summary["periods"] == [[p, r.n_units, r.n_values] for p, r in per_period.iterrows()], (
            step
        )
        quarantined = result.manifest.loc[result.manifest["status"] == "quarantined", "message"]
        assert sorted(result.summary["quarantined"]) == sorted(quarantined), step
    values = store.read_values(incremental).set_index(["period", "indicator"])
    dak_to = values[values["unit_code"] == "dak-to"]["value"]
    assert dak_to[("2021-H1", "members")] == 1760 and dak_to[("2021-FY", "members")] == 1790


def test_a_run_reads_only_the_partitions_it_touches(tmp_path: Path, monkeypatch) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    first_state(raw)
    ingest(raw, out, REFERENCE, workers=1)
    loaded: list[set[str] | None] = []
    real = store.read_values

    def spy(processed, keys=None):
        loaded.append(keys)
        return real(processed, keys)

    monkeypatch.setattr("unionstats.store.assemble.read_values", spy)
    CHANGES["a correction for one half-year"](raw)
    ingest(raw, out, REFERENCE, workers=1)
    assert loaded == [{LAYOUT.key("2021-H1", "dak-to"), "_"}]


def test_a_store_that_keeps_a_file_no_longer_in_the_folder_is_still_current(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    first_state(raw)
    ingest(raw, out, REFERENCE, workers=1)
    CHANGES["a file leaves the folder"](raw)
    assert current_summary(list_entries(raw), out, REFERENCE) is None
    ingest(raw, out, REFERENCE, workers=1)
    summary = current_summary(list_entries(raw), out, REFERENCE)
    assert summary is not None and summary["missing"] == ["2020-FY/legacy.xls"]
    CHANGES["the file that left comes back"](raw)
    assert current_summary(list_entries(raw), out, REFERENCE) is None


@pytest.mark.parametrize("change", [*CHANGES, "the reference data changes"])
def test_the_stored_summary_is_current_only_for_the_folder_it_was_written_for(tmp_path: Path, change) -> None:
    raw, out, reference = tmp_path / "raw", tmp_path / "out", tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    first_state(raw)
    ingest(raw, out, reference, workers=1)
    assert current_summary(list_entries(raw), out, reference) == store.read_summary(out)
    if change == "the reference data changes":
        with open(reference / "units.csv", "a", encoding="utf-8") as units:
            units.write("\n")
    else:
        CHANGES[change](raw)
    assert current_summary(list_entries(raw), out, reference) is None
    ingest(raw, out, reference, workers=1)
    assert current_summary(list_entries(raw), out, reference) is not None


def test_the_command_line_lists_the_folder_once_per_run(tmp_path: Path, monkeypatch, capsys) -> None:
    from unionstats.cli import main
    from unionstats.read import inventory

    raw, out = tmp_path / "raw", tmp_path / "out"
    first_state(raw)
    calls: list[Path] = []
    real = inventory.list_entries

    def counted(folder: Path):
        calls.append(folder)
        return real(folder)

    monkeypatch.setattr(inventory, "list_entries", counted)
    monkeypatch.setattr(ingest_module, "list_entries", counted)
    printed = []
    for _ in range(2):  # a run that writes the store, then one that finds it current
        main(["ingest", str(raw), "--out", str(out), "--reference", str(REFERENCE), "--workers", "1"])
        printed.append(capsys.readouterr().out)
    assert calls == [raw, raw]
    assert "(0 đọc mới" not in printed[0] and "(0 đọc mới" in printed[1]


@pytest.mark.parametrize(
    "layout", ["manifest parts missing", "older partitions", "another number of buckets", "flat files"]
)
def test_a_store_of_an_older_layout_is_rewritten_whole_once(tmp_path: Path, layout: str) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    first_state(raw)
    before = ingest(raw, out, REFERENCE, workers=1).values
    history_before = store.read_history(out)
    current = current_version(out)
    if layout == "manifest parts missing":
        shutil.rmtree(current / "parts" / "manifest")
    elif layout == "older partitions":
        (current / "parts" / "layout.txt").unlink()
    elif layout == "another number of buckets":
        (current / "parts" / "layout.txt").write_text(Layout(4).text, encoding="utf-8")
    else:
        for name in ("values.parquet", "values_superseded.parquet", "cdcs_values.parquet"):
            frame = pd.read_parquet(current / name)
            shutil.rmtree(current / name)
            frame.to_parquet(current / name, index=False)
        shutil.rmtree(current / "parts")
    CHANGES["a correction for one half-year"](raw)
    after = ingest(raw, out, REFERENCE, workers=1)
    assert (current_version(out) / "parts" / "manifest").is_dir()
    assert (current_version(out) / "values.parquet").is_dir()
    assert len(after.values) == len(before)
    added = store.read_history(out).merge(history_before, how="left", indicator=True)
    added = added[added["_merge"] == "left_only"]
    assert sorted(added["value"]) == [60, 1750] and set(added["period"]) == {"2021-H1"}
    manifest = store.read_manifest(out)
    assert "2021-H1/DakTo 6T2021 (sua).xlsx" in set(manifest["path"])
    assert set(manifest["path"]) >= {"2020-FY/ghi chu.txt", "2020-FY/hong.xlsx", "2021-FY/cdcs.xlsx"}


def test_a_finding_of_another_period_than_the_file_s_submissions_touches_that_period(tmp_path) -> None:
    from unionstats.findings import finding
    from unionstats.read.submission import FileOutcome

    raw, out = tmp_path / "raw", tmp_path / "out"
    first_state(raw)
    ingest(raw, out, REFERENCE, workers=1)
    reason = finding("table_period_missing", file="2022-FY/x.xlsx", period="2022-FY", named="2021-FY")
    quarantined = FileOutcome("2022-FY/x.xlsx", "sha", "quarantined", findings=[reason])
    earlier = read_earlier(tmp_path / "none", LAYOUT)
    entries = list_entries(raw)
    inventory = ingest_module.take_inventory(entries, REFERENCE, reference_sha256(REFERENCE), earlier, "now")
    touched = ingest_module.touched_keys(out, inventory, {quarantined.path: quarantined})
    assert LAYOUT.key("2022-FY", "") in touched


@pytest.mark.parametrize(("current_elsewhere", "kept"), [(set(), False), ({"cum1.xlsx"}, True)])
def test_a_file_current_in_a_partition_not_loaded_keeps_its_findings(current_elsewhere, kept) -> None:
    """A table of several units whose loaded submission is superseded, while another of its
    submissions (in a partition this run does not load) is still current."""
    from unionstats.findings import finding, findings_frame
    from unionstats.read.submission import FileOutcome, Part
    from unionstats.store.assemble import findings_table

    table = FileOutcome("cum1.xlsx", "sha", "ingested", parts=[Part("dak-ha", "2021-FY", "", 2)], reused=True)
    table.status, table.parts[0].status, table.parts[0].superseded_by = "superseded", "superseded", "sua.xlsx"
    mismatch = finding("total_mismatch", file="cum1.xlsx", period="2021-FY", cell="H3", total=1, n=4, added=2)
    stored = findings_frame([mismatch])
    result = findings_table({"cum1.xlsx": table}, [], stored, current_elsewhere)
    assert ("total_mismatch" in set(result["code"])) is kept
    assert "superseded" in set(result["code"])


@pytest.mark.parametrize(
    "linux_ns",
    [1_796_500_009_291_234_567, 1_796_500_009_291_234_500, 1_796_500_009_291_234_999, -1_500_000_567, 0],
)
def test_a_file_time_is_written_the_same_from_windows_and_linux(linux_ns: int) -> None:
    """Windows keeps a file's time in 100 ns steps: the same file must give the same manifest
    text (a Windows check once saw .291234 on Linux and .291235 under Windows, from floats)."""
    from unionstats.read.inventory import modified_iso

    windows_ns = linux_ns // 100 * 100
    assert modified_iso(windows_ns) == modified_iso(linux_ns)
    assert modified_iso(linux_ns).endswith(f"{linux_ns // 1000 % 1_000_000:06d}+00:00")


def test_unchanged_files_are_recognised_exactly_as_their_manifest_text_says(tmp_path: Path) -> None:
    """The bulk comparison of times agrees with the manifest's text for awkward times: half
    microseconds, before 1970, whole seconds."""
    import random

    from unionstats.read.inventory import list_entries, modified_iso
    from unionstats.store.earlier import EarlierFiles

    rng = random.Random(3)
    times = [0, 1_500, 2_500, -1_500_000_000, 1_795_615_554_669_723_500, 1_795_615_554_669_724_500]
    times += [rng.randrange(-(10**18), 2 * 10**18) for _ in range(200)]
    raw = tmp_path / "raw"
    raw.mkdir()
    for index, nanoseconds in enumerate(times):
        path = raw / f"{index:03d}.xlsx"
        path.write_bytes(b"x" * (index % 3))
        os.utime(path, ns=(nanoseconds, nanoseconds))
    entries = list_entries(raw)
    texts = [modified_iso(entry.status.st_mtime_ns) for entry in entries]
    shifted = [modified_iso(entry.status.st_mtime_ns + 1000) for entry in entries]
    columns = {
        "path": [entry.relative for entry in entries] * 2,
        "sha256": ["abc"] * len(entries) * 2,
        "size": [str(entry.status.st_size) for entry in entries] * 2,
        "modified": texts + shifted,
        "first_seen": [""] * len(entries) * 2,
        "reference_sha256": ["ref"] * len(entries) * 2,
        "status": ["ingested"] * len(entries) + ["superseded"] * len(entries),
    }
    same_text = EarlierFiles(columns, ["k"] * len(entries) * 2)
    assert same_text.unchanged(entries, "ref") == [True] * len(entries)
    assert same_text.unchanged(entries, "another reference") == [False] * len(entries)
    columns |= {"modified": shifted + texts}
    other_text = EarlierFiles(columns, ["k"] * len(entries) * 2)
    assert other_text.unchanged(entries, "ref") == [a == b for a, b in zip(shifted, texts, strict=True)]


def test_lost_severity_counts_are_counted_again_from_the_findings(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    first_state(raw)
    first = ingest(raw, out, REFERENCE, workers=1).summary["severity"]
    (current_version(out) / "parts" / "severity.json").write_text("{not json", encoding="utf-8")
    CHANGES["a correction for one half-year"](raw)
    result = ingest(raw, out, REFERENCE, workers=1)
    counted = result.findings[result.findings["stage"] == "ingest"]["severity"].value_counts()
    assert result.summary["severity"] == {s: int(counted.get(s, 0)) for s in ("error", "warning", "info")}
    assert result.summary["severity"]["info"] >= first["info"]


def test_a_commit_flushes_every_file_it_wrote_and_no_partition_it_carried(tmp_path, monkeypatch) -> None:
    from unionstats.store import versions

    raw, out = tmp_path / "raw", tmp_path / "out"
    first_state(raw)
    ingest(raw, out, REFERENCE, workers=1)
    flushed: set[int] = set()  # inodes: files are flushed in the staging folder, then it is renamed
    real_fsync = os.fsync

    def recorded(descriptor: int) -> None:
        flushed.add(os.fstat(descriptor).st_ino)
        real_fsync(descriptor)

    monkeypatch.setattr(versions.os, "fsync", recorded)
    CHANGES["a correction for one half-year"](raw)
    ingest(raw, out, REFERENCE, workers=1)
    version = current_version(out)
    files = [p for p in version.rglob("*") if p.is_file()]
    written = {p.stat().st_ino for p in files if p.stat().st_nlink == 1}
    carried = {p.stat().st_ino for p in files if p.stat().st_nlink > 1}
    folders = {p.stat().st_ino for p in (version, *version.rglob("*")) if p.is_dir()}
    assert carried and {(version / n).stat().st_ino for n in ("findings.csv", "manifest.csv")} <= written
    assert written | folders <= flushed
    assert not carried & flushed
