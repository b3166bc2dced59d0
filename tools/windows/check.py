"""The Windows check: the whole flow under Windows Python (Wine) beside Linux, on the same files.

    python tools/windows/check.py [--flow-only | --tests-only]

1. ``tools/windows/setup.sh`` builds the Windows interpreter; where this machine cannot (no
   root for Wine, no package registry) the check says so in one line and is skipped.
2. The sample province is written once, with two Word reports beside its forms. On Linux and
   under Windows Python the same commands run into separate folders: ingest, validate,
   reports, feedback, table, trend, template, brief with ``--docx``, export. Every command
   must exit as the README says, print no traceback, no escaped text, and say any error in
   one line.
3. The two runs must agree: values, findings, manifest (but the run's own time) and
   completeness; the brief's figures (every table of ``bang-so-lieu.xlsx``, the text and tables
   of ``ban-tin.docx``); the names of the forms and feedback copies written.
4. The Word reports', the store's, the command line's and the hostile-input tests run under
   Windows Python.

Each Windows command's time is printed (indicative: Wine is not a real Windows for speed).
Run by ``make windows-check`` and by ``.ci/run``; the Linux side uses this interpreter.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
WINPY = Path(os.environ.get("UNIONSTATS_WINPY", PROJECT / ".winpy"))
COMMAND_DEADLINE, COMMAND_GRACE = 20 * 60, 30  # seconds: one command of the flow
TESTS_DEADLINE, TESTS_GRACE = 30 * 60, 120  # seconds: the tests take about 9 minutes under Wine
# Wine can leave a spawn child hanging in multiprocessing's start, before the worker's own code
# runs (seen once in four runs: one thread, blocked in a read, its parent gone); on Windows the
# read fails when the parent dies. That a worker at work dies with its killed parent is asserted
# by test_workers_die_with_a_killed_ingest, which kills only once both workers are reading.
WINE_STUCK_WORKER = "from multiprocessing.spawn import spawn_main"
WINDOWS_TESTS = [
    "tests/test_word_reports.py",
    "tests/test_word_report_evaluation.py",
    "tests/test_store_durability.py",
    "tests/test_hostile_inputs.py",
    "tests/test_cli.py",
    "tests/test_console_output.py",
    "tests/test_file_names.py",
]
ESCAPED = re.compile(r"\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}")


def windows_path(path: Path) -> str:
    """A Linux path as Windows Python under Wine sees it (the Linux root is drive Z:)."""
    return "Z:" + str(path).replace("/", "\\")


class Side:
    """One OS's way to run ``python -m unionstats``: its command, its paths, its code page."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.timings: dict[str, float] = {}

    @property
    def windows(self) -> bool:
        return self.name == "windows"

    def path(self, path: Path) -> str:
        return windows_path(path) if self.windows else str(path)

    def command(self, *args: str) -> tuple[list[str], dict[str, str]]:
        if not self.windows:
            return [sys.executable, *args], {**os.environ, "PYTHONIOENCODING": "utf-8"}
        site = f"{windows_path(WINPY / 'site')};{windows_path(PROJECT)}"
        # a venv on Windows has nbconvert's templates under its prefix; here they are in site/
        jupyter = windows_path(WINPY / "site" / "share" / "jupyter")
        env = {**os.environ, "WINEDEBUG": "-all", "PYTHONPATH": site, "JUPYTER_PATH": jupyter}
        env.pop("PYTHONIOENCODING", None)  # as a user's PC: the code page, not UTF-8
        return ["wine", str(WINPY / "cp311" / "python.exe"), *args], env

    def run(self, label: str, *args: str) -> tuple[subprocess.CompletedProcess, list[str]]:
        """``python -m unionstats ARGS``: how it ended, and the Windows Python processes it left."""
        command, env = self.command("-m", "unionstats", *args)
        started = time.monotonic()
        finished = run_to_exit(command, env, deadline=COMMAND_DEADLINE, grace=COMMAND_GRACE)
        self.timings[label] = time.monotonic() - started
        encoding = "cp1252" if self.windows else "utf-8"
        result = subprocess.CompletedProcess(
            command, finished.code, finished.stdout.decode(encoding), finished.stderr.decode(encoding)
        )
        return result, [line for line in finished.held_by if "python.exe" in line.lower()]


def add_word_reports(raw: Path) -> None:
    """Two units' Word reports beside the sample's forms (held-out set 2: Kon Rẫy 2024-H1,
    Công đoàn ngành Y tế 2023-FY): read, cross-checked against the forms, listed by
    ``reports`` on both sides."""
    sys.path.insert(0, str(PROJECT / "tests"))
    from word_reports.build import write_report
    from word_reports.held_out_2 import REPORTS

    for report in REPORTS[:2]:
        write_report(report, raw / report["file"])


def flow(side: Side, raw: Path, work: Path, problems: list[str]) -> Path:
    """Run every command of an analyst's period on one side; return its output folder."""
    out = work / side.name
    store = out / "processed"
    p = side.path
    steps = [
        ("ingest", {0, 3}, ["ingest", p(raw), "--out", p(store)]),
        ("validate", {0}, ["validate", "--processed", p(store)]),
        ("reports", {0}, ["reports", "--processed", p(store), "--period", "all"]),
        (
            "feedback",
            {0},
            ["feedback", "--processed", p(store), "--raw", p(raw), "--out", p(out / "phan-hoi")],
        ),
        (
            "table",
            {0},
            [
                "table",
                "members",
                "members_new",
                "--period",
                "2024-FY",
                "--by",
                "cluster",
                "--processed",
                p(store),
            ],
        ),
        (
            "trend",
            {0},
            [
                "trend",
                "members",
                "--from",
                "2019-FY",
                "--to",
                "2024-FY",
                "--processed",
                p(store),
                "--out",
                p(out / "figures"),
            ],
        ),
        ("template", {0}, ["template", "--period", "2025-H1", "--out", p(out / "mau-bieu")]),
        (
            "brief --docx",
            {0},
            ["brief", "--period", "2024-FY", "--processed", p(store), "--out", p(out / "reports"), "--docx"],
        ),
        ("export", {0}, ["export", "--processed", p(store)]),
        ("table, unknown indicator", {2}, ["table", "khong_co", "--processed", p(store)]),
    ]
    for label, allowed, args in steps:
        result, left_running = side.run(label, *args)
        said = result.stdout + result.stderr
        where = f"{side.name} {label}"
        if result.returncode not in allowed:
            problems.append(f"{where}: exit {result.returncode} ({said.strip()[-300:]})")
        if "Traceback" in said or ESCAPED.search(said):
            problems.append(f"{where}: a traceback or escaped text: {said.strip()[-300:]}")
        if left_running:
            problems.append(f"{where}: Windows Python processes outlived it: {left_running}")
        if result.returncode == 2 and len(result.stderr.strip().splitlines()) != 1:
            problems.append(f"{where}: the error is not one line: {result.stderr!r}")
        print(
            f"  {side.name:<8} {label:<26} exit {result.returncode}  {side.timings[label]:6.1f} s", flush=True
        )
    return out


def compare(linux: Path, windows: Path, problems: list[str]) -> None:
    """The two runs on the same files must give the same store, brief and file names."""
    import pandas as pd
    from docx import Document

    def table(folder: Path, name: str, drop: tuple[str, ...] = ()) -> pd.DataFrame:
        frame = pd.read_csv(folder / "processed" / name, dtype=str, keep_default_na=False)
        frame = frame.drop(columns=list(drop))
        return frame.sort_values(list(frame.columns)).reset_index(drop=True)

    checks = {
        "values.csv": (),
        "findings.csv": (),
        "manifest.csv": ("first_seen",),  # the time of each run
        "completeness.csv": (),
    }
    for name, drop in checks.items():
        mine, theirs = table(linux, name, drop), table(windows, name, drop)
        if not mine.equals(theirs):
            merged = mine.merge(theirs, how="outer", indicator=True)
            differing = merged[merged["_merge"] != "both"].head(5).to_dict("records")
            problems.append(f"{name} differs between Linux and Windows: {differing}")
        else:
            print(f"  same on both: {name} ({len(mine)} rows)")
    brief = Path("reports") / "2024-FY"
    missing = [
        str(side / brief / name)
        for side in (linux, windows)
        for name in ("bang-so-lieu.xlsx", "ban-tin.docx")
    ]
    missing = [path for path in missing if not Path(path).is_file()]
    if missing:
        problems.append(f"the brief was not written: {missing}")
        return
    sheets = [
        pd.read_excel(side / brief / "bang-so-lieu.xlsx", sheet_name=None, engine="openpyxl")
        for side in (linux, windows)
    ]
    if sheets[0].keys() != sheets[1].keys() or any(not sheets[0][k].equals(sheets[1][k]) for k in sheets[0]):
        problems.append("the brief's tables (bang-so-lieu.xlsx) differ between Linux and Windows")
    else:
        print(f"  same on both: bang-so-lieu.xlsx ({len(sheets[0])} tables)")

    def docx_text(path: Path) -> list[str]:
        document = Document(str(path))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return [paragraph.text for paragraph in document.paragraphs] + cells

    texts = [docx_text(side / brief / "ban-tin.docx") for side in (linux, windows)]
    if texts[0] != texts[1]:
        differing = [(a, b) for a, b in zip(*texts, strict=False) if a != b][:3]
        problems.append(f"ban-tin.docx differs between Linux and Windows: {differing}")
    else:
        print(f"  same on both: ban-tin.docx ({len(texts[0])} paragraphs and cells)")
    for folder in ("mau-bieu", "phan-hoi"):
        names = [
            sorted(p.relative_to(side / folder).as_posix() for p in (side / folder).rglob("*.xlsx"))
            for side in (linux, windows)
        ]
        if names[0] != names[1]:
            problems.append(f"{folder}: different file names: {set(names[0]) ^ set(names[1])}")
        else:
            print(f"  same on both: the {len(names[0])} file names in {folder}/")


def wine_processes() -> list[str]:
    """The Windows programs Wine runs now, as "pid command" lines (for a message)."""
    listing = subprocess.run(["ps", "-eo", "pid=,args="], capture_output=True, text=True).stdout
    return [
        " ".join(line.split())[:160]
        for line in listing.splitlines()
        if ".exe" in line.lower() and "<defunct>" not in line
    ]


class Finished(NamedTuple):
    """How a command ended: its exit code (None: killed at the deadline), its output, and the
    Windows processes that still held its output after the grace period (Wine was ended)."""

    code: int | None
    stdout: bytes
    stderr: bytes
    held_by: list[str]


def run_to_exit(
    command: list[str], env: dict[str, str], *, deadline: float, grace: float, echo: bool = False
) -> Finished:
    """Run a command and wait for its own exit, then at most ``grace`` seconds for its output.

    Wine's desktop process (``explorer.exe /desktop``), started by whichever Windows program
    first needs it, inherits that program's standard output and lives as long as any Windows
    program does. Reading the pipes to their end (``subprocess.run``) then waits as long as the
    longest-lived Windows process: one CI run waited until it was killed. So this waits for the
    command itself, names what still holds its pipes after the grace, and ends Wine's processes.
    ``echo`` copies the output here as it comes (stderr merged into stdout).
    """
    # through pipes: Wine cannot hand a Linux file or terminal to Windows as a standard handle
    process = subprocess.Popen(
        command,
        cwd=PROJECT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if echo else subprocess.PIPE,
    )
    chunks: dict[str, list[bytes]] = {"stdout": [], "stderr": []}

    def copy(stream, into: list[bytes]) -> None:
        for line in stream:
            into.append(line)
            if echo:
                sys.stdout.write(line.decode("cp1252", "replace"))
                sys.stdout.flush()

    streams = [("stdout", process.stdout)] + ([] if echo else [("stderr", process.stderr)])
    copiers = [threading.Thread(target=copy, args=(s, chunks[n]), daemon=True) for n, s in streams]
    for copier in copiers:
        copier.start()
    try:
        code: int | None = process.wait(timeout=deadline)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        code = None
    held_by: list[str] = []
    ends = time.monotonic() + grace
    for copier in copiers:
        copier.join(timeout=max(0.0, ends - time.monotonic()))
    if code is None or any(copier.is_alive() for copier in copiers):
        held_by = wine_processes()
        subprocess.run(["wineserver", "-k"], check=False)
        for copier in copiers:
            copier.join(timeout=30)
    return Finished(code, b"".join(chunks["stdout"]), b"".join(chunks["stderr"]), held_by)


def windows_tests(problems: list[str]) -> None:
    """Run the tests under Windows Python; a Windows Python process left behind is a problem,
    but for a reader worker stuck at its start (see :data:`WINE_STUCK_WORKER`)."""
    command, env = Side("windows").command("-m", "pytest", "-q", "-p", "no:cacheprovider", *WINDOWS_TESTS)
    started = time.monotonic()
    finished = run_to_exit(command, env, deadline=TESTS_DEADLINE, grace=TESTS_GRACE, echo=True)
    print(f"  Windows tests: exit {finished.code} in {time.monotonic() - started:.0f} s", flush=True)
    if finished.held_by:
        print(f"  after the tests, these Windows processes still ran (Wine ended): {finished.held_by}")
    left = [line for line in finished.held_by if "python.exe" in line.lower()]
    stuck = [line for line in left if WINE_STUCK_WORKER in line]
    if stuck:
        print(
            f"  NOTE: {len(stuck)} reader worker(s) never got past multiprocessing's start (docs/windows.md)"
        )
    left = [line for line in left if line not in stuck]
    if finished.code is None:
        problems.append(f"the tests under Windows Python did not end in {TESTS_DEADLINE // 60} min: {left}")
    elif left:
        problems.append(f"Windows Python processes outlived the tests by {TESTS_GRACE} s: {left}")
    if finished.code != 0:
        problems.append(f"the tests under Windows Python failed (exit {finished.code})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--flow-only", action="store_true", help="the flow and its comparison, no tests")
    only.add_argument("--tests-only", action="store_true", help="the tests under Windows Python only")
    args = parser.parse_args(argv)
    setup = subprocess.run(["bash", str(HERE / "setup.sh")], capture_output=True, text=True)
    if setup.returncode == 2:  # this machine cannot: said in one line, skipped, never silently
        print(setup.stderr.strip().splitlines()[-1])
        return 0
    if setup.returncode != 0:
        print(f"Kiểm tra Windows: không dựng được Python của Windows: {setup.stderr.strip()[-500:]}")
        return 1
    print(setup.stdout.strip())
    problems: list[str] = []
    if not args.tests_only:
        with tempfile.TemporaryDirectory(prefix="unionstats-windows-check-") as folder:
            work = Path(folder)
            raw = work / "raw"
            Side("linux").run("sample", "sample", str(raw))
            add_word_reports(raw)
            print("The flow, on Linux and under Windows Python, on the same files:")
            outputs = [flow(Side(name), raw, work, problems) for name in ("linux", "windows")]
            compare(*outputs, problems)
    if not args.flow_only:
        print("The store's, command line's and hostile-input tests under Windows Python:")
        windows_tests(problems)
    subprocess.run(["wineserver", "-k"], check=False)  # Wine's server would idle on, using a core
    for problem in problems:
        print(f"KHÁC BIỆT / LỖI: {problem}")
    print("Kiểm tra Windows: " + ("đạt." if not problems else f"{len(problems)} vấn đề."))
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
