"""The store keeps its promises the way it fails: kills, two runs at once, hostile readers.

Each test runs the real command in a child process. A kill is made exact by a child that
calls ``os._exit`` at its Nth ``os.replace``/``os.rename`` (every step where the store
changes on disk), for every N until a run completes; after each kill the store must be the
old one or the complete new one, and one more plain run must give exactly what an
uninterrupted run gives, history included.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES, REFERENCE, ROOT

from unionstats.reference import load_registry
from unionstats.store.partitions import Layout

LAYOUT = Layout.for_units(len(load_registry(REFERENCE).units))
GOOD = "table_far_down_after_notes.xlsx"  # Đăk Tô 2020-FY
TWO_PERIODS = {
    "2020-FY/DakTo nam 2020.xlsx": GOOD,
    "2021-H1/NgocHoi 6T2021.xlsx": "prior_year_column_first.xlsx",
}
CORRECTION = "counts_us_commas_spaces_float_noise.xlsx"  # Đăk Tô 2020-FY, other figures

KILL_AT_NTH_REPLACE = """
import os, sys
limit, calls = int(sys.argv[1]), [0]
def counting(real):
    def step(*args, **kwargs):
        calls[0] += 1
        if calls[0] == limit:
            os._exit(9)
        return real(*args, **kwargs)
    return step
os.replace, os.rename = counting(os.replace), counting(os.rename)
from unionstats.cli import main
sys.exit(main(sys.argv[2:]))
"""

SLOW_READER = """
import os, sys, time
import unionstats.read.batch as batch
real = batch.read_file
def slow(path, *args):
    name = os.path.basename(str(path))
    if name.startswith("hang"):
        time.sleep(3600)
    if name.startswith("crash"):
        os.abort()
    time.sleep(float(os.environ.get("SLOW_SECONDS", "0")))
    return real(path, *args)
batch.read_file = slow
batch.FILE_SECONDS = float(os.environ.get("FILE_SECONDS", "120"))
from unionstats.cli import main
sys.exit(main(sys.argv[1:]))
"""


def child(script: str, *args: str, env: dict | None = None, **popen) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def ingest_args(raw: Path, out: Path) -> list[str]:
    return ["ingest", str(raw), "--out", str(out), "--reference", str(REFERENCE), "--workers", "2"]


def plain_ingest(raw: Path, out: Path) -> subprocess.CompletedProcess:
    process = child(KILL_AT_NTH_REPLACE, "0", *ingest_args(raw, out))
    stdout, stderr = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def state(out: Path) -> dict[str, object]:
    """What a run must reproduce: current values, history, manifest and findings."""

    def table(name: str, columns: list[str]) -> list[tuple]:
        path = out / name
        if not path.exists():
            return []
        frame = pd.read_parquet(path) if name.endswith(".parquet") else pd.read_csv(path, dtype=str)
        if frame.empty:
            return []
        return sorted(map(tuple, frame[columns].fillna("").astype(str).to_numpy()))

    value_columns = ["period", "unit_code", "indicator", "value", "source_file", "cell"]
    return {
        "values": table("values.parquet", value_columns),
        "history": table("values_superseded.parquet", value_columns),
        "manifest": table("manifest.csv", ["path", "status", "unit", "period", "n_values", "superseded_by"]),
        "findings": table("findings.csv", ["severity", "code", "file", "cell"]),
    }


def wait_until(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def make_raw(tmp_path: Path, files: dict[str, str]) -> Path:
    raw = tmp_path / "raw"
    for relative, fixture in files.items():
        (raw / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / fixture, raw / relative)
    return raw


def test_a_kill_at_any_commit_step_leaves_old_or_new_and_one_more_run_finishes(tmp_path) -> None:
    raw = make_raw(tmp_path, TWO_PERIODS)
    base = tmp_path / "base"
    assert plain_ingest(raw, base).returncode == 0
    old = state(base)
    time.sleep(0.01)
    shutil.copy(FIXTURES / CORRECTION, raw / "2020-FY" / "DakTo nam 2020 (bo sung).xlsx")
    reference = tmp_path / "reference_run"
    shutil.copytree(base, reference, symlinks=True)
    assert plain_ingest(raw, reference).returncode == 0
    new = state(reference)
    assert new["history"] and new != old  # the correction moved figures into history

    killed_at = []
    for nth in range(1, 60):
        out = tmp_path / f"kill-{nth}"
        shutil.copytree(base, out, symlinks=True)
        process = child(KILL_AT_NTH_REPLACE, str(nth), *ingest_args(raw, out))
        process.communicate(timeout=300)
        if process.returncode == 0:
            break  # the run needs fewer steps than nth: every step has been tried
        assert process.returncode == 9
        killed_at.append(nth)
        assert state(out) in (old, new), f"after a kill at step {nth} the store is neither old nor new"
        assert plain_ingest(raw, out).returncode == 0
        assert state(out) == new, f"the run after a kill at step {nth} differs from an uninterrupted one"
        assert not list((out / ".versions").glob(".staging-*")) and not list(out.glob(".*.tmp-*"))
    print(f"killed at steps {killed_at}")
    assert len(killed_at) >= 5  # the temporary files, the version's rename, the link, the public links


def test_a_kill_at_any_step_of_validate_leaves_old_or_new_and_one_more_run_finishes(tmp_path) -> None:
    raw = make_raw(tmp_path, TWO_PERIODS)
    base = tmp_path / "base"
    assert plain_ingest(raw, base).returncode == 0
    old = state(base)
    validate_args = ["validate", "--processed", str(base), "--reference", str(REFERENCE)]
    reference = tmp_path / "reference_run"
    shutil.copytree(base, reference, symlinks=True)
    plain = child(KILL_AT_NTH_REPLACE, "0", *validate_args[:2], str(reference), *validate_args[3:])
    plain.communicate(timeout=300)
    new = state(reference)
    assert new != old  # validate adds its findings (units that did not report…)

    killed_at = []
    for nth in range(1, 40):
        out = tmp_path / f"kill-{nth}"
        shutil.copytree(base, out, symlinks=True)
        args = [*validate_args[:2], str(out), *validate_args[3:]]
        process = child(KILL_AT_NTH_REPLACE, str(nth), *args)
        process.communicate(timeout=300)
        if process.returncode != 9:
            break  # the run needs fewer steps than nth: every step has been tried
        killed_at.append(nth)
        assert state(out) in (old, new), f"after a kill at step {nth} the store is neither old nor new"
        again = child(KILL_AT_NTH_REPLACE, "0", *args)
        again.communicate(timeout=300)
        assert state(out) == new, f"the run after a kill at step {nth} differs from an uninterrupted one"
        assert not list((out / ".versions").glob(".staging-*")) and not list(out.glob(".*.tmp-*"))
    print(f"killed at steps {killed_at}")
    assert len(killed_at) >= 3  # the two files, the version's rename, the link


def test_a_second_run_waits_for_none_and_names_the_running_one(tmp_path) -> None:
    raw = make_raw(tmp_path, {f"2020-FY/DakTo copy {i}.xlsx": GOOD for i in range(4)})
    out = tmp_path / "out"
    first = child(SLOW_READER, *ingest_args(raw, out), env={"SLOW_SECONDS": "1.5"})
    wait_until(lambda: (out / ".lock").exists() and (out / ".lock").read_text())
    second = plain_ingest(raw, out)
    assert second.returncode == 2 and "Traceback" not in second.stderr
    assert "đang được cập nhật" in second.stderr and str(first.pid) in second.stderr
    assert len(second.stderr.strip().splitlines()) == 1
    first.communicate(timeout=120)
    assert first.returncode == 0
    alone = tmp_path / "alone"
    assert plain_ingest(raw, alone).returncode == 0
    assert state(out) == state(alone)


def test_a_killed_run_leaves_its_lock_to_the_next_run(tmp_path) -> None:
    raw = make_raw(tmp_path, {"2020-FY/DakTo nam 2020.xlsx": GOOD, "2020-FY/DakTo copy.xlsx": GOOD})
    out = tmp_path / "out"
    first = child(SLOW_READER, *ingest_args(raw, out), env={"SLOW_SECONDS": "60"})
    wait_until(lambda: (out / ".lock").exists() and (out / ".lock").read_text())
    first.kill()
    first.communicate(timeout=30)
    assert plain_ingest(raw, out).returncode == 0


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the worker processes")
def test_workers_die_with_a_killed_ingest(tmp_path) -> None:
    raw = make_raw(tmp_path, {f"2020-FY/DakTo copy {i}.xlsx": GOOD for i in range(6)})
    parent = child(SLOW_READER, *ingest_args(raw, tmp_path / "out"), env={"SLOW_SECONDS": "60"})
    wait_until(lambda: len(children_of(parent.pid)) >= 2)
    workers = children_of(parent.pid)
    parent.send_signal(signal.SIGKILL)
    parent.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in workers):
        assert time.monotonic() < deadline, "reader processes outlived their killed parent"
        time.sleep(0.1)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_ctrl_c_prints_one_line_and_no_worker_traceback(tmp_path) -> None:
    raw = make_raw(tmp_path, {f"2020-FY/DakTo copy {i}.xlsx": GOOD for i in range(4)})
    out = tmp_path / "out"
    process = child(SLOW_READER, *ingest_args(raw, out), env={"SLOW_SECONDS": "60"}, start_new_session=True)
    wait_until(lambda: len(children_of(process.pid)) >= 2)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert stderr.strip().splitlines() == ["Đã dừng theo yêu cầu; kho dữ liệu trước đó vẫn nguyên vẹn."]


def test_a_file_that_hangs_or_crashes_the_reader_is_quarantined_and_the_rest_ingested(tmp_path) -> None:
    raw = make_raw(
        tmp_path,
        {
            "2020-FY/hang.xlsx": GOOD,
            "2020-FY/crash.xlsx": GOOD,
            "2021-H1/NgocHoi 6T2021.xlsx": "prior_year_column_first.xlsx",
        },
    )
    out = tmp_path / "out"
    process = child(SLOW_READER, *ingest_args(raw, out), env={"FILE_SECONDS": "4"})
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 3, stdout + stderr
    manifest = pd.read_csv(out / "manifest.csv", dtype=str).set_index("path")
    assert manifest.at["2020-FY/hang.xlsx", "status"] == "quarantined"
    assert "quá 4 giây" in manifest.at["2020-FY/hang.xlsx", "message"]
    assert manifest.at["2020-FY/crash.xlsx", "status"] == "quarantined"
    assert "dừng bất thường" in manifest.at["2020-FY/crash.xlsx", "message"]
    assert manifest.at["2021-H1/NgocHoi 6T2021.xlsx", "status"] == "ingested"
    assert "Traceback" not in stderr


def test_a_correction_rewrites_only_its_own_unit_and_period(tmp_path) -> None:
    raw = make_raw(tmp_path, TWO_PERIODS)
    out = tmp_path / "out"
    assert plain_ingest(raw, out).returncode == 0
    before = {p.name: p.stat().st_ino for p in (out / "values.parquet").iterdir()}
    shutil.copy(FIXTURES / CORRECTION, raw / "2020-FY" / "DakTo nam 2020 (bo sung).xlsx")
    assert plain_ingest(raw, out).returncode == 0
    after = {p.name: p.stat().st_ino for p in (out / "values.parquet").iterdir()}
    dak_to = LAYOUT.key("2020-FY", "dak-to")
    assert after[f"{dak_to}.parquet"] != before[f"{dak_to}.parquet"]  # rewritten with the correction
    others = [name for name in before if name != f"{dak_to}.parquet"]
    assert others and all(after[name] == before[name] for name in others)  # the same files, linked
    whole = tmp_path / "whole"
    assert plain_ingest(raw, whole).returncode == 0
    assert state(out) == state(whole)


def test_a_store_of_the_older_flat_layout_is_taken_over_with_its_history(tmp_path) -> None:
    raw = make_raw(tmp_path, TWO_PERIODS)
    shutil.copy(FIXTURES / CORRECTION, raw / "2020-FY" / "DakTo nam 2020 (bo sung).xlsx")
    out = tmp_path / "out"
    assert plain_ingest(raw, out).returncode == 0
    expected = state(out)
    flat = tmp_path / "flat"  # the layout before versions: single files side by side
    flat.mkdir()
    for name in ("manifest.csv", "findings.csv", "summary.json", "values.csv"):
        shutil.copy(out / name, flat / name)
    for name in ("values.parquet", "values_superseded.parquet", "cdcs_values.parquet"):
        pd.read_parquet(out / name).to_parquet(flat / name, index=False)
    (raw / "2020-FY" / "DakTo nam 2020 (bo sung).xlsx").touch()  # re-read, so that supersession is redone
    assert plain_ingest(raw, flat).returncode == 0
    assert state(flat) == expected
    assert (flat / "current").is_symlink() and (flat / "values.parquet").is_symlink()


def test_an_unreadable_store_stops_the_run_instead_of_dropping_rows(tmp_path) -> None:
    raw = make_raw(tmp_path, TWO_PERIODS)
    out = tmp_path / "out"
    assert plain_ingest(raw, out).returncode == 0
    damaged = (out / "values.parquet" / f"{LAYOUT.key('2020-FY', 'dak-to')}.parquet").resolve()
    assert damaged.is_file()
    damaged.write_bytes(b"not parquet")  # a disk error in the current version
    before = (out / "manifest.csv").read_bytes()
    shutil.copy(FIXTURES / CORRECTION, raw / "2020-FY" / "DakTo nam 2020 (bo sung).xlsx")
    result = plain_ingest(raw, out)
    assert result.returncode == 2 and "Không đọc được kho dữ liệu hiện có" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert (out / "manifest.csv").read_bytes() == before  # nothing committed over it


CTRL_C_AT_BIRTH = """
import os, signal, sys, time
from unionstats.read.batch import Supervisor
# every process forked from here on gets Ctrl-C at its very first instant
os.register_at_fork(after_in_child=lambda: os.kill(os.getpid(), signal.SIGINT))
supervisor = Supervisor(sys.argv[1], workers=2, seconds=10, memory_mb=0)
time.sleep(1.0)
alive = [slot.process.is_alive() for slot in supervisor.slots]
for slot in supervisor.slots:
    slot.connection.send(None)
    slot.process.join(timeout=10)
print(alive, [slot.process.exitcode for slot in supervisor.slots])
"""


def test_a_reader_process_ignores_ctrl_c_from_its_first_instant() -> None:
    """Ctrl-C pressed while a reader process starts reaches it before it has run a line of
    its own: it must neither die nor print a traceback (the parent handles Ctrl-C)."""
    result = subprocess.run(
        [sys.executable, "-c", CTRL_C_AT_BIRTH, str(REFERENCE)], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "[True, True] [0, 0]", result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "KeyboardInterrupt" not in result.stderr
