"""Benchmark ingest against a floor and a naive baseline measured in the same run.

    python benchmarks/bench_ingest.py [--files 2000] [--seed 0] [--corpus DIR] [--skip-naive]

On one corpus (written by make_corpus.py, reused if already there) it measures, each as a
whole command in its own process (start-up included):

* floor: python-calamine reading every sheet of every file into Python values, nothing else;
* naive: ``pandas.read_excel(sheet_name=None)`` per file with pandas' default engines;
* cold:  ``unionstats ingest`` into an empty store;
* cold_spawn: the same with reader processes started by ``spawn``, as on Windows and macOS
  (``UNIONSTATS_START_METHOD=spawn``): what starting workers afresh costs;
* warm:  ``unionstats ingest`` again with nothing changed, then with one file added;

and prints time, files per second, peak memory (the largest process's maximum resident
set, from wait4) and the ratios cold/floor, naive/cold, warm/cold. Results also go to
``benchmarks/out/results-<N>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"

FLOOR = """
import sys, pathlib, python_calamine
n = 0
for path in sorted(pathlib.Path(sys.argv[1]).rglob('*')):
    if path.suffix.lower() not in ('.xlsx', '.xls', '.ods'):
        continue
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        n += len(book.get_sheet_by_name(name).to_python(skip_empty_area=False))
print(n)
"""

NAIVE = """
import sys, pathlib, warnings
import pandas as pd
warnings.simplefilter('ignore')
n = 0
for path in sorted(pathlib.Path(sys.argv[1]).rglob('*')):
    if path.suffix.lower() not in ('.xlsx', '.xls', '.ods'):
        continue
    for frame in pd.read_excel(path, sheet_name=None, header=None).values():
        n += len(frame)
print(n)
"""


def measure(command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Run ``command``; return wall seconds and the peak RSS (MiB) of its largest process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed ({code}): {process.stderr.read().decode()[-2000:]}")
    return {"seconds": seconds, "peak_mib": usage.ru_maxrss / 1024}


def ingest_command(corpus: Path, store: str = "processed") -> list[str]:
    """``unionstats ingest`` of the corpus's raw folder into its ``store`` folder."""
    command = [sys.executable, "-m", "unionstats", "ingest", str(corpus / "raw")]
    return [*command, "--out", str(corpus / store), "--reference", str(corpus / "reference")]


def write_corpus(corpus: Path, files: int, seed: int) -> None:
    """Write a corpus of ``files`` submissions with make_corpus.py, unless it is there."""
    if (corpus / "raw").is_dir():
        return
    print(f"Writing a corpus of {files} files to {corpus} …", flush=True)
    command = [sys.executable, str(HERE / "make_corpus.py"), str(corpus), "--files", str(files)]
    subprocess.run([*command, "--seed", str(seed)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--skip-naive", action="store_true", help="leave out the (slow) pandas baseline")
    args = parser.parse_args(argv)
    corpus = args.corpus or OUT / f"corpus-{args.files}-{args.seed}"
    raw = corpus / "raw"
    write_corpus(corpus, args.files, args.seed)
    files = sum(1 for p in raw.rglob("*") if p.is_file())
    store, spawned = corpus / "processed", corpus / "processed-spawn"
    shutil.rmtree(store, ignore_errors=True)
    shutil.rmtree(spawned, ignore_errors=True)
    extra = None
    unionstats = ingest_command(corpus)
    results: dict[str, dict[str, float]] = {}
    try:
        results["floor"] = measure([sys.executable, "-c", FLOOR, str(raw)])
        if not args.skip_naive:
            results["naive"] = measure([sys.executable, "-c", NAIVE, str(raw)])
        results["cold"] = measure(unionstats)
        results["cold_spawn"] = measure(
            ingest_command(corpus, spawned.name), {"UNIONSTATS_START_METHOD": "spawn"}
        )
        results["warm"] = measure(unionstats)
        first = sorted(p for p in raw.rglob("*.xlsx"))[0]
        extra = first.with_name(first.stem + " (bo sung).xlsx")
        shutil.copy(first, extra)
        results["warm_plus_one"] = measure(unionstats)
    finally:
        if extra is not None:
            extra.unlink(missing_ok=True)
        shutil.rmtree(spawned, ignore_errors=True)
    for result in results.values():
        result["files_per_second"] = files / result["seconds"]
    ratios = {
        "cold_over_floor": results["cold"]["seconds"] / results["floor"]["seconds"],
        "cold_spawn_over_cold": results["cold_spawn"]["seconds"] / results["cold"]["seconds"],
        "warm_over_cold": results["warm"]["seconds"] / results["cold"]["seconds"],
        "warm_plus_one_over_cold": results["warm_plus_one"]["seconds"] / results["cold"]["seconds"],
    }
    if "naive" in results:
        ratios["naive_over_cold"] = results["naive"]["seconds"] / results["cold"]["seconds"]
    machine = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.machine(),
    }
    print(f"\nCorpus: {files} files ({corpus}); machine: {machine['cpus']} CPUs, {machine['platform']}")
    print(f"{'measure':<15}{'seconds':>10}{'files/s':>10}{'peak MiB':>10}")
    for name, result in results.items():
        print(
            f"{name:<15}{result['seconds']:>10.2f}{result['files_per_second']:>10.0f}{result['peak_mib']:>10.0f}"
        )
    print()
    for name, value in ratios.items():
        print(f"{name:<25}{value:>8.2f}")
    OUT.mkdir(exist_ok=True)
    record = {
        "files": files,
        "seed": args.seed,
        "machine": machine,
        "results": results,
        "ratios": ratios,
        "date": time.strftime("%Y-%m-%d"),
    }
    (OUT / f"results-{files}.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
