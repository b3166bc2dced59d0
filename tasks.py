"""The project's tasks on any OS, with nothing but Python: set up, demo, test, lab, bench.

    python tasks.py demo     # Windows: py tasks.py demo
    python tasks.py test

``demo`` creates ``.venv`` (first time), installs unionstats into it, writes the sample
province into ``data/raw`` if that folder is empty, ingests, validates and renders the latest
period's brief. ``test`` runs ruff and the test suite. ``make`` targets call the same tasks;
this file exists so that a Windows PC needs neither ``make`` nor a shell.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
RAW = ROOT / "data" / "raw"
PROCESSED = ROOT / "data" / "processed"
LINTED = ["unionstats", "tests", "benchmarks", "notebooks", "tools", "tasks.py"]
QUIET_EXIT_CODES = {0, 3, 4}  # ingest: done; some files quarantined; a CSV open in Excel


def venv_python() -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    return VENV / folder / ("python.exe" if os.name == "nt" else "python")


def run(*args: object, allowed: set[int] | frozenset[int] = frozenset({0})) -> int:
    """Run a command from the project folder; stop with its status if it is not allowed."""
    code = subprocess.call([str(arg) for arg in args], cwd=ROOT)
    if code not in allowed:
        raise SystemExit(code)
    return code


def setup(extras: str = "test") -> Path:
    """Create ``.venv`` and install unionstats (editable) with ``extras``, when
    ``pyproject.toml`` is newer than the last install."""
    python = venv_python()
    pyproject = ROOT / "pyproject.toml"
    marker = VENV / f".installed-{extras.replace(',', '-')}"
    if python.exists() and marker.exists() and marker.stat().st_mtime >= pyproject.stat().st_mtime:
        return python
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs on whatever Python a user has
        raise SystemExit(f"unionstats cần Python 3.11 trở lên (đang dùng {sys.version.split()[0]}).")
    if not python.exists():
        print("Đang tạo môi trường .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Đang cài unionstats và các thư viện (lần đầu mất vài phút) …", flush=True)
    run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(python, "-m", "pip", "install", "--quiet", "-e", f".[{extras}]")
    marker.touch()
    return python


def raw_is_empty() -> bool:
    return not [p for p in RAW.glob("*") if p.name not in ("README.md", ".gitkeep")] if RAW.is_dir() else True


def setup_task(_: argparse.Namespace) -> None:
    """Create .venv and install unionstats (editable) with its test tools."""
    setup()


def demo(_: argparse.Namespace) -> None:
    """Sample data if data/raw is empty, ingest, validate, brief of the latest period."""
    python = setup()
    unionstats = [python, "-m", "unionstats"]
    if raw_is_empty():
        run(*unionstats, "sample", RAW)
    run(*unionstats, "ingest", RAW, "--out", PROCESSED, allowed=QUIET_EXIT_CODES)
    run(*unionstats, "validate", "--processed", PROCESSED, allowed={0, 4})
    print("Đang lập bản tin kỳ mới nhất (papermill)…", flush=True)
    run(*unionstats, "brief", "--processed", PROCESSED)


def test(args: argparse.Namespace) -> None:
    """Run ruff and the whole test suite (pytest arguments may follow)."""
    python = setup()
    run(python, "-m", "ruff", "check", *LINTED)
    run(python, "-m", "pytest", "-q", *args.pytest)


def lint(_: argparse.Namespace) -> None:
    """Run ruff only."""
    run(setup(), "-m", "ruff", "check", *LINTED)


def format_code(_: argparse.Namespace) -> None:
    """Format the code with ruff."""
    run(setup(), "-m", "ruff", "format", *LINTED)


def lab(args: argparse.Namespace) -> None:
    """Open JupyterLab on the notebooks of this project or of PROJECT (installs the lab extra once)."""
    project = Path(args.project).resolve() if args.project else ROOT
    if not (project / "notebooks").is_dir():
        raise SystemExit(f"Không có thư mục notebooks trong {project}: tạo dự án bằng 'unionstats init'.")
    run(setup("test,lab"), "-m", "jupyter", "lab", project / "notebooks")


def bench(args: argparse.Namespace) -> None:
    """Benchmark ingest on a corpus of --files files (see benchmarks/README.md)."""
    python = setup("test,bench")
    run(python, ROOT / "benchmarks" / "bench_ingest.py", "--files", args.files, *args.more)


def bench_scaling(args: argparse.Namespace) -> None:
    """Re-ingest after one added file at 2000 and 20000 files, alternating (minutes)."""
    run(setup("test,bench"), ROOT / "benchmarks" / "bench_scaling.py", *args.more)


def windows_check(args: argparse.Namespace) -> None:
    """Linux: run the flow and the store's tests under Windows Python (Wine); see docs/windows.md."""
    if os.name == "nt":
        raise SystemExit("Trên Windows, chạy thẳng 'py tasks.py test'.")
    run(setup(), ROOT / "tools" / "windows" / "check.py", *args.more)


def clean_data(_: argparse.Namespace) -> None:
    """Remove generated data (the store, figures, reports); never data/raw."""
    import shutil

    for folder in (PROCESSED / ".versions", *[p for p in (ROOT / "reports").glob("*") if p.is_dir()]):
        shutil.rmtree(folder, ignore_errors=True)
    generated = [*PROCESSED.glob("*.csv"), *PROCESSED.glob("*.parquet"), *(ROOT / "figures").glob("*.*g")]
    for name in ("current.txt", ".exports.json", ".lock", "summary.json"):
        generated.append(PROCESSED / name)
    for path in generated:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.name != "README.md":
            path.unlink(missing_ok=True)


TASKS = {
    "setup": setup_task,
    "demo": demo,
    "test": test,
    "lint": lint,
    "format": format_code,
    "lab": lab,
    "bench": bench,
    "bench-scaling": bench_scaling,
    "windows-check": windows_check,
    "clean-data": clean_data,
}


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from unionstats.console import make_output_safe  # standard library only: usable before setup

    make_output_safe()
    parser = argparse.ArgumentParser(prog="tasks.py", description=__doc__.split("\n\n")[0])
    tasks = parser.add_subparsers(dest="task", required=True, metavar="TASK")
    for name, function in TASKS.items():
        task = tasks.add_parser(name, help=function.__doc__.splitlines()[0])
        if name == "test":
            task.add_argument("pytest", nargs=argparse.REMAINDER, help="arguments for pytest")
        if name == "bench":
            task.add_argument("--files", type=int, default=2000)
        if name == "lab":
            task.add_argument("project", nargs="?", help="a province's project folder (unionstats init)")
        if name in ("bench", "bench-scaling", "windows-check"):
            task.add_argument("more", nargs=argparse.REMAINDER, help="arguments passed on")
    args = parser.parse_args(argv)
    TASKS[args.task](args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
