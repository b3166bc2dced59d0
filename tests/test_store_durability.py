"""The store keeps its promises the way it fails: kills, two runs at once, hostile readers.

Each test runs the real command in a child process, on Linux and under Windows Python alike
(the Windows check runs this file). A kill is made exact by a child that kills itself
(SIGKILL; TerminateProcess on Windows) at its Nth ``os.replace``/``os.rename`` (every step
where the store changes on disk, the pointer's replacement included), for every N until a run
completes; after each kill the store must be the old one or the complete new one, and one
more plain run must give exactly what an uninterrupted run gives, history and the exports for
Excel included. Reader processes are tested with each start method the OS has (``fork`` and
``spawn`` on Linux, ``spawn`` on Windows).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import psutil
import pytest
from conftest import FIXTURES, REFERENCE, ROOT

from unionstats.reference import load_registry
from unionstats.store.partitions import Layout
from unionstats.store.versions import current_version

LAYOUT = Layout.for_units(len(load_registry(REFERENCE).units))
GOOD = "table_far_down_after_notes.xlsx"  # Đăk Tô 2020-FY
TWO_PERIODS = {
    "2020-FY/DakTo nam 2020.xlsx": GOOD,
    "2021-H1/NgocHoi 6T2021.xlsx": "prior_year_column_first.xlsx",
}
CORRECTION = "counts_us_commas_spaces_float_noise.xlsx"  # Đăk Tô 2020-FY, other figures
START_METHODS = [m for m in ("fork", "spawn") if m in multiprocessing.get_all_start_methods()]
KILLED = (-9, 9)  # SIGKILL on POSIX; TerminateProcess(…, 9) on Windows

KILL_AT_NTH_REPLACE = """
import os, signal, sys
limit, calls = int(sys.argv[1]), [0]
def counting(real):
    def step(*args, **kwargs):
        calls[0] += 1
        if calls[0] == limit:  # killed outright: no cleanup, no flush, as a power cut
            os.kill(os.getpid(), getattr(signal, "SIGKILL", 9))
        return real(*args, **kwargs)
    return step
os.replace, os.rename = counting(os.replace), counting(os.rename)
from unionstats.cli import main
sys.exit(main(sys.argv[2:]))
"""

CLI = "import sys; from unionstats.cli import main; sys.exit(main(sys.argv[1:]))"

# Installed as sitecustomize, so that spawned reader processes (which import everything
# afresh) read slowly, hang or crash as well as forked ones.
SLOW_READER_SITE = """
import os, time
import unionstats.read.submission as submission
real = submission.read_file
def slow(path, *args):
    name = os.path.basename(str(path))
    if name.startswith("hang"):
        time.sleep(3600)
    if name.startswith("crash") and os.name == "nt":
        os.kill(os.getpid(), 15)  # TerminateProcess: gone at once, as after an access violation
    if name.startswith("crash"):
        import ctypes
        ctypes.string_at(0)  # a crash in native code: SIGSEGV
    if name.startswith("bug"):
        raise RuntimeError("a reader bug")
    if os.environ.get("READING_MARKS"):  # say "this worker is reading" to a test that waits for it
        open(os.path.join(os.environ["READING_MARKS"], f"{os.getpid()} {name}"), "w").close()
    time.sleep(float(os.environ.get("SLOW_SECONDS", "0")))
    return real(path, *args)
submission.read_file = slow
"""

# On POSIX a file open elsewhere can be replaced; this stands in for Windows refusing to
# replace a file that Excel holds open (the Windows check holds it open for real).
HELD_OPEN_SITE = """
import os
held = {os.path.abspath(path) for path in os.environ["HELD_OPEN"].split(os.pathsep)}
real = os.replace
def refusing(source, target, *args, **kwargs):
    if os.path.abspath(os.fspath(target)) in held:
        raise PermissionError(13, "The process cannot access the file (held open)", os.fspath(target))
    return real(source, target, *args, **kwargs)
os.replace = refusing
"""


def child(
    script: str, *args: str, env: dict | None = None, output: int = subprocess.PIPE, **popen
) -> subprocess.Popen:
    """A Python child running ``script``. A child that the test kills gets no pipes
    (``output=DEVNULL``): its readers could hold them open after it is gone."""
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        stdout=output,
        stderr=output,
        text=True,
        encoding="utf-8",
        **popen,
    )


def site_env(tmp_path: Path, source: str, **env: str) -> dict[str, str]:
    """Environment for a child whose every process (readers too) runs ``source`` at start."""
    site = tmp_path / f"site-{abs(hash(source))}"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(source, encoding="utf-8")
    path = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH", "")]))
    return {"PYTHONPATH": path, **env}


def ingest_args(raw: Path, out: Path) -> list[str]:
    return ["ingest", str(raw), "--out", str(out), "--reference", str(REFERENCE), "--workers", "2"]


def plain_ingest(raw: Path, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    process = child(CLI, *ingest_args(raw, out), env=env)
    stdout, stderr = process.communicate(timeout=600)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def state(out: Path) -> dict[str, object]:
    """What a run must reproduce: current values, history, manifest and findings, read from
    the current version as every reader finds it."""
    version = current_version(out)

    def table(name: str, columns: list[str]) -> list[tuple]:
        path = version / name
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


def assert_exports_current(out: Path) -> None:
    """The files for Excel are those of the current version, whole, with no temporary left."""
    version = current_version(out)
    for name in ("manifest.csv", "findings.csv", "completeness.csv"):
        if (version / name).exists():
            assert (out / name).read_bytes() == (version / name).read_bytes(), name
        else:
            assert not (out / name).exists(), name
    exported = pd.read_csv(out / "values.csv", dtype=str, encoding="utf-8-sig")
    assert len(exported) == len(pd.read_parquet(version / "values.parquet"))
    assert not [p.name for p in out.iterdir() if p.name.startswith(".") and ".csv." in p.name]


def wait_until(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def lock_held(out: Path) -> bool:
    lock = out / ".lock"
    return lock.exists() and bool(lock.read_text(encoding="utf-8", errors="replace").strip())


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
    shutil.copytree(base, reference)
    assert plain_ingest(raw, reference).returncode == 0
    new = state(reference)
    assert new["history"] and new != old  # the correction moved figures into history

    killed_at = []
    for nth in range(1, 60):
        out = tmp_path / f"kill-{nth}"
        shutil.copytree(base, out)
        process = child(KILL_AT_NTH_REPLACE, str(nth), *ingest_args(raw, out))
        process.communicate(timeout=600)
        if process.returncode == 0:
            break  # the run needs fewer steps than nth: every step has been tried
        assert process.returncode in KILLED, process.returncode
        killed_at.append(nth)
        assert state(out) in (old, new), f"after a kill at step {nth} the store is neither old nor new"
        assert plain_ingest(raw, out).returncode == 0
        assert state(out) == new, f"the run after a kill at step {nth} differs from an uninterrupted one"
        assert not list((out / ".versions").glob(".staging-*")) and not list(out.glob(".*.tmp-*"))
        assert_exports_current(out)
    print(f"killed at steps {killed_at}")
    # the version's files, its rename, the pointer, the exports and their record
    assert len(killed_at) >= 8


def test_a_kill_at_any_step_of_validate_leaves_old_or_new_and_one_more_run_finishes(tmp_path) -> None:
    raw = make_raw(tmp_path, TWO_PERIODS)
    base = tmp_path / "base"
    assert plain_ingest(raw, base).returncode == 0
    old = state(base)
    validate_args = ["validate", "--processed", str(base), "--reference", str(REFERENCE)]
    reference = tmp_path / "reference_run"
    shutil.copytree(base, reference)
    plain = child(KILL_AT_NTH_REPLACE, "0", *validate_args[:2], str(reference), *validate_args[3:])
    plain.communicate(timeout=600)
    new = state(reference)
    assert new != old  # validate adds its findings (units that did not report…)

    killed_at = []
    for nth in range(1, 40):
        out = tmp_path / f"kill-{nth}"
        shutil.copytree(base, out)
        args = [*validate_args[:2], str(out), *validate_args[3:]]
        process = child(KILL_AT_NTH_REPLACE, str(nth), *args)
        process.communicate(timeout=600)
        if process.returncode not in KILLED:
            break  # the run needs fewer steps than nth: every step has been tried
        killed_at.append(nth)
        assert state(out) in (old, new), f"after a kill at step {nth} the store is neither old nor new"
        again = child(KILL_AT_NTH_REPLACE, "0", *args)
        again.communicate(timeout=600)
        assert state(out) == new, f"the run after a kill at step {nth} differs from an uninterrupted one"
        assert not list((out / ".versions").glob(".staging-*")) and not list(out.glob(".*.tmp-*"))
        assert_exports_current(out)
    print(f"killed at steps {killed_at}")
    assert len(killed_at) >= 6  # the two files, the version's rename, the pointer, the exports


def test_a_second_run_waits_for_none_and_names_the_running_one(tmp_path) -> None:
    raw = make_raw(tmp_path, {f"2020-FY/DakTo copy {i}.xlsx": GOOD for i in range(4)})
    out = tmp_path / "out"
    first = child(CLI, *ingest_args(raw, out), env=site_env(tmp_path, SLOW_READER_SITE, SLOW_SECONDS="1.5"))
    wait_until(lambda: lock_held(out))
    second = plain_ingest(raw, out)
    assert second.returncode == 2 and "Traceback" not in second.stderr
    assert "đang được cập nhật" in second.stderr and str(first.pid) in second.stderr
    assert len(second.stderr.strip().splitlines()) == 1
    first.communicate(timeout=300)
    assert first.returncode == 0
    alone = tmp_path / "alone"
    assert plain_ingest(raw, alone).returncode == 0
    assert state(out) == state(alone)


def both_workers_reading(tmp_path: Path) -> tuple[dict[str, str], Callable[[], bool]]:
    """Environment entries for the slow reader to mark each file it starts reading, and the
    condition that both workers (``--workers 2``) are reading: a kill then lands on workers at
    work. (Under Wine, a spawn child whose parent is killed while it starts can hang before it
    runs any Python: a Wine effect, not what these tests are about; docs/windows.md.)"""
    marks = tmp_path / "reading"
    marks.mkdir()
    return {"READING_MARKS": str(marks)}, lambda: len(list(marks.iterdir())) >= 2


def test_a_killed_run_leaves_its_lock_to_the_next_run(tmp_path) -> None:
    raw = make_raw(tmp_path, {"2020-FY/DakTo nam 2020.xlsx": GOOD, "2020-FY/DakTo copy.xlsx": GOOD})
    out = tmp_path / "out"
    marks, reading = both_workers_reading(tmp_path)
    env = site_env(tmp_path, SLOW_READER_SITE, SLOW_SECONDS="60", **marks)
    first = child(CLI, *ingest_args(raw, out), env=env, output=subprocess.DEVNULL)
    wait_until(lambda: lock_held(out) and reading())
    first.kill()  # SIGKILL; TerminateProcess on Windows
    first.wait(timeout=60)
    assert plain_ingest(raw, out).returncode == 0


def reader_processes(parent: int) -> list[psutil.Process]:
    """The reader processes a command started (with spawn, each may have a helper)."""
    try:
        return psutil.Process(parent).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def gone(process: psutil.Process) -> bool:
    try:
        return not process.is_running() or process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.mark.parametrize("method", START_METHODS)
def test_workers_die_with_a_killed_ingest(tmp_path, method) -> None:
    raw = make_raw(tmp_path, {f"2020-FY/DakTo copy {i}.xlsx": GOOD for i in range(6)})
    marks, reading = both_workers_reading(tmp_path)
    env = site_env(tmp_path, SLOW_READER_SITE, SLOW_SECONDS="60", UNIONSTATS_START_METHOD=method, **marks)
    parent = child(CLI, *ingest_args(raw, tmp_path / "out"), env=env, output=subprocess.DEVNULL)
    wait_until(reading)
    workers = reader_processes(parent.pid)
    assert len(workers) >= 2
    parent.kill()  # SIGKILL; TerminateProcess on Windows: no chance to stop its workers itself
    parent.wait(timeout=60)
    deadline = time.monotonic() + 20
    while not all(gone(worker) for worker in workers):
        alive = [worker.pid for worker in workers if not gone(worker)]
        assert time.monotonic() < deadline, f"reader processes {alive} outlived their killed parent"
        time.sleep(0.1)


@pytest.mark.skipif(os.name == "nt", reason="a console's Ctrl-C cannot be sent to a piped child on Windows")
@pytest.mark.parametrize("method", START_METHODS)
def test_ctrl_c_prints_one_line_and_no_worker_traceback(tmp_path, method) -> None:
    raw = make_raw(tmp_path, {f"2020-FY/DakTo copy {i}.xlsx": GOOD for i in range(4)})
    out = tmp_path / "out"
    env = site_env(tmp_path, SLOW_READER_SITE, SLOW_SECONDS="60", UNIONSTATS_START_METHOD=method)
    process = child(CLI, *ingest_args(raw, out), env=env, start_new_session=True)
    wait_until(lambda: len(reader_processes(process.pid)) >= 2)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group, workers too
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert stderr.strip().splitlines() == ["Đã dừng theo yêu cầu; kho dữ liệu trước đó vẫn nguyên vẹn."]


@pytest.mark.parametrize("method", START_METHODS)
def test_a_file_that_hangs_crashes_or_breaks_the_reader_is_quarantined_and_the_rest_ingested(
    tmp_path, method
) -> None:
    raw = make_raw(
        tmp_path,
        {
            "2020-FY/hang.xlsx": GOOD,
            "2020-FY/crash.xlsx": GOOD,
            "2020-FY/bug.xlsx": GOOD,
            "2021-H1/NgocHoi 6T2021.xlsx": "prior_year_column_first.xlsx",
        },
    )
    out = tmp_path / "out"
    env = site_env(tmp_path, SLOW_READER_SITE, UNIONSTATS_FILE_SECONDS="8", UNIONSTATS_START_METHOD=method)
    process = child(CLI, *ingest_args(raw, out), env=env)
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 3, stdout + stderr
    manifest = pd.read_csv(out / "manifest.csv", dtype=str).set_index("path")
    assert manifest.at["2020-FY/hang.xlsx", "status"] == "quarantined"
    assert "quá 8 giây" in manifest.at["2020-FY/hang.xlsx", "message"]
    assert manifest.at["2020-FY/crash.xlsx", "status"] == "quarantined"
    assert "dừng bất thường" in manifest.at["2020-FY/crash.xlsx", "message"]
    assert manifest.at["2020-FY/bug.xlsx", "status"] == "quarantined"
    assert "lỗi của bộ đọc (RuntimeError)" in manifest.at["2020-FY/bug.xlsx", "message"]
    assert manifest.at["2021-H1/NgocHoi 6T2021.xlsx", "status"] == "ingested"
    assert "Traceback" not in stderr


@pytest.mark.parametrize("command", ["ingest", "validate"])
def test_an_export_held_open_is_named_and_written_by_the_next_run(tmp_path, command) -> None:
    """Excel on Windows holds an open CSV: the store commits, the command names the file in
    one line (exit 4), the file is left whole, and the next run writes it."""
    raw = make_raw(tmp_path, TWO_PERIODS)
    out = tmp_path / "out"
    assert plain_ingest(raw, out).returncode == 0
    held = ("values.csv", "findings.csv")
    before = {name: (out / name).read_bytes() for name in held}
    shutil.copy(FIXTURES / CORRECTION, raw / "2020-FY" / "DakTo nam 2020 (bo sung).xlsx")
    args = ingest_args(raw, out) if command == "ingest" else ["validate", "--processed", str(out)]
    version = current_version(out)
    with holding_open([out / name for name in held]) as env:
        process = child(CLI, *args, env=site_env(tmp_path, HELD_OPEN_SITE, **env) if env else None)
        stdout, stderr = process.communicate(timeout=600)
        assert process.returncode == 4, stdout + stderr
        lines = stderr.strip().splitlines()
        assert len(lines) == 1 and all(name in lines[0] for name in held), lines
        assert "unionstats export" in lines[0] and "Traceback" not in stderr
        assert current_version(out) != version  # the store committed all the same
        assert {name: (out / name).read_bytes() for name in held} == before  # untouched, whole
    again = plain_ingest(raw, out)
    assert again.returncode == 0, again.stdout + again.stderr
    assert_exports_current(out)


HOLDER = """
import sys, time
handles = [open(path, "rb") for path in sys.argv[1:]]
print("held", flush=True)
time.sleep(600)
"""


class holding_open:
    """Hold ``paths`` open in another process as Excel would (Windows); on POSIX, where an
    open file can be replaced, yield the environment that makes the command refuse them."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths, self.holder = paths, None

    def __enter__(self) -> dict[str, str]:
        if os.name != "nt":
            return {"HELD_OPEN": os.pathsep.join(map(str, self.paths))}
        self.holder = child(HOLDER, *map(str, self.paths))
        assert self.holder.stdout.readline().strip() == "held"
        return {}

    def __exit__(self, *exc) -> None:
        if self.holder is not None:
            self.holder.kill()
            self.holder.communicate(timeout=60)


def test_a_correction_rewrites_only_its_own_unit_and_period(tmp_path) -> None:
    raw = make_raw(tmp_path, TWO_PERIODS)
    out = tmp_path / "out"
    assert plain_ingest(raw, out).returncode == 0
    before = {p.name: p.stat().st_ino for p in (current_version(out) / "values.parquet").iterdir()}
    shutil.copy(FIXTURES / CORRECTION, raw / "2020-FY" / "DakTo nam 2020 (bo sung).xlsx")
    assert plain_ingest(raw, out).returncode == 0
    after = {p.name: p.stat().st_ino for p in (current_version(out) / "values.parquet").iterdir()}
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
    version = current_version(out)
    flat = tmp_path / "flat"  # the layout before versions: single files side by side
    flat.mkdir()
    for name in ("manifest.csv", "findings.csv", "summary.json"):
        shutil.copy(version / name, flat / name)
    shutil.copy(out / "values.csv", flat / "values.csv")
    for name in ("values.parquet", "values_superseded.parquet", "cdcs_values.parquet"):
        pd.read_parquet(version / name).to_parquet(flat / name, index=False)
    (raw / "2020-FY" / "DakTo nam 2020 (bo sung).xlsx").touch()  # re-read, so that supersession is redone
    assert plain_ingest(raw, flat).returncode == 0
    assert state(flat) == expected
    assert (flat / "current.txt").is_file() and not (flat / "values.parquet").exists()
    assert_exports_current(flat)


@pytest.mark.skipif(os.name == "nt", reason="stores with links were made on POSIX")
def test_a_store_of_the_link_layout_is_taken_over_in_place_with_its_versions(tmp_path) -> None:
    """The layout before the pointer file: ``current`` and the public files were symbolic
    links into ``.versions/``. The next run keeps every version, and links no more."""
    raw = make_raw(tmp_path, TWO_PERIODS)
    out = tmp_path / "out"
    assert plain_ingest(raw, out).returncode == 0
    shutil.copy(FIXTURES / CORRECTION, raw / "2020-FY" / "DakTo nam 2020 (bo sung).xlsx")
    assert plain_ingest(raw, out).returncode == 0
    expected, versions = state(out), sorted(p.name for p in (out / ".versions").iterdir())
    (out / "current.txt").unlink()  # now as the link layout left it
    os.symlink(f".versions/{versions[-1]}", out / "current")
    for name in ("values.parquet", "values_superseded.parquet", "manifest.csv", "summary.json"):
        (out / name).unlink(missing_ok=True)  # manifest.csv is an export now, the others absent
        os.symlink(f"current/{name}", out / name)
    assert state(out) == expected  # readers find the linked version before any run
    result = plain_ingest(raw, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert state(out) == expected
    assert not [p for p in out.rglob("*") if p.is_symlink()]
    assert set(versions) <= {p.name for p in (out / ".versions").iterdir()}  # history kept


def test_an_unreadable_store_stops_the_run_instead_of_dropping_rows(tmp_path) -> None:
    raw = make_raw(tmp_path, TWO_PERIODS)
    out = tmp_path / "out"
    assert plain_ingest(raw, out).returncode == 0
    damaged = current_version(out) / "values.parquet" / f"{LAYOUT.key('2020-FY', 'dak-to')}.parquet"
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
from unionstats.read.supervisor import Supervisor
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


@pytest.mark.skipif("fork" not in START_METHODS, reason="Ctrl-C at the instant of a fork")
def test_a_reader_process_ignores_ctrl_c_from_its_first_instant() -> None:
    """Ctrl-C pressed while a reader process starts reaches it before it has run a line of
    its own: it must neither die nor print a traceback (the parent handles Ctrl-C)."""
    result = subprocess.run(
        [sys.executable, "-c", CTRL_C_AT_BIRTH, str(REFERENCE)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "UNIONSTATS_START_METHOD": "fork"},
    )
    assert result.stdout.strip() == "[True, True] [0, 0]", result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "KeyboardInterrupt" not in result.stderr
