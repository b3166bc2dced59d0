"""How a re-ingest after one added file grows with the store: two corpus sizes, same minutes.

    python benchmarks/bench_scaling.py [--small 2000] [--large 20000] [--rounds 5] [--seed 0]

The corpora are written by make_corpus.py (reused if already there) and ingested once. Then,
for each round and alternating between the two sizes, one file (a copy of an existing
submission, as a correction would be) is added and ``unionstats ingest`` is timed as a whole
command in its own process; the copy is then removed and the store brought back by one more
untimed run. Alternating makes both sizes meet the same load on a shared machine.

Prints every time, the medians and the ratio large/small (1.0 would mean the run does not
grow with the store); writes ``results-scaling.json`` beside the corpora (``benchmarks/out/``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_ingest import OUT, ingest_command, measure, write_corpus  # noqa: E402


def corpus_of(files: int, seed: int, folder: Path | None = None) -> Path:
    """The corpus of ``files`` submissions (written once), ingested once."""
    corpus = folder or OUT / f"corpus-{files}-{seed}"
    write_corpus(corpus, files, seed)
    measure(ingest_command(corpus))
    return corpus


def one_added_file(corpus: Path, round_number: int) -> float:
    """Seconds of an ingest after one file is added; the corpus and store are then restored."""
    first = sorted((corpus / "raw").rglob("*.xlsx"))[0]
    extra = first.with_name(f"{first.stem} (bo sung {round_number}).xlsx")
    extra.write_bytes(first.read_bytes())
    try:
        return measure(ingest_command(corpus))["seconds"]
    finally:
        extra.unlink()
        measure(ingest_command(corpus))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--large", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folder", type=Path, default=None, help="corpora and results here (default: out/)")
    args = parser.parse_args(argv)
    sizes = (args.small, args.large)
    corpora = {
        n: corpus_of(n, args.seed, args.folder / f"corpus-{n}" if args.folder else None) for n in sizes
    }
    times: dict[int, list[float]] = {n: [] for n in sizes}
    for round_number in range(args.rounds):
        for n in sizes:
            times[n].append(one_added_file(corpora[n], round_number))
    medians = {n: statistics.median(times[n]) for n in sizes}
    ratio = medians[args.large] / medians[args.small]
    for n in sizes:
        shown = " ".join(f"{t:.2f}" for t in times[n])
        print(f"warm + 1 file, {n:>6} files: {shown}  (median {medians[n]:.2f} s)")
    print(f"ratio {args.large}/{args.small}: {ratio:.2f}")
    results = args.folder or OUT
    results.mkdir(parents=True, exist_ok=True)
    record = {"times": {str(n): times[n] for n in sizes}, "ratio": ratio, "date": time.strftime("%Y-%m-%d")}
    (results / "results-scaling.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
