"""Write a benchmark corpus: N realistic submissions and a registry that knows their units.

    python benchmarks/make_corpus.py DIR --files N [--seed S]

The files are the sample province's forms (every layout, writer and kind of mess of
``unionstats sample``) filled in for synthetic grassroots-level units, so that a province
receiving thousands of files a period can be simulated. ``DIR/raw/<period>/`` holds the
files, ``DIR/reference/`` the registry (the project's catalogue and rules, and units and
clusters made for the corpus). Files are written by parallel processes.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from unionstats.config import paths
from unionstats.reference import load_registry
from unionstats.sample.forms import build_form
from unionstats.sample.styles import UNIT_STYLES
from unionstats.sample.truth import PERIODS, generate_truth
from unionstats.sample.writers import SUFFIX, write_workbook

TEMPLATE_UNITS = [u for u in UNIT_STYLES if u != "cd-vien-chuc-y-te"]
CLUSTER_SIZE = 8


def unit_code(index: int) -> str:
    return f"cs-{index:05d}"


def unit_name(index: int) -> str:
    return f"Công đoàn cơ sở thử nghiệm {index:05d}"


def write_reference(folder: Path, n_units: int) -> None:
    """Copy the project's catalogue and rules; write units and clusters for the corpus."""
    folder.mkdir(parents=True, exist_ok=True)
    source = paths().reference
    for name in ("indicators.csv", "rules.csv", "thresholds.csv", "scoring.csv"):
        shutil.copy(source / name, folder / name)
    (folder / "lineage.csv").write_text("from_unit,to_unit,effective,kind\n", encoding="utf-8")
    (folder / "targets.csv").write_text("year,unit_code,indicator,target\n", encoding="utf-8")
    units = ["unit_code,name,kind,aliases,valid_from,valid_to"]
    clusters = ["year,cluster_code,cluster_name,unit_code,role"]
    for index in range(n_units):
        units.append(f"{unit_code(index)},{unit_name(index)},sector,CS{index:05d},2019-H1,")
        cluster = f"khoi-{index // CLUSTER_SIZE:04d}"
        for year in range(2019, 2025):
            role = "truong" if index % CLUSTER_SIZE == 0 else ""
            name = f"Khối thi đua {index // CLUSTER_SIZE + 1}"
            clusters.append(f"{year},{cluster},{name},{unit_code(index)},{role}")
    (folder / "units.csv").write_text("\n".join(units) + "\n", encoding="utf-8")
    (folder / "clusters.csv").write_text("\n".join(clusters) + "\n", encoding="utf-8")


def _write_one(task: tuple[int, int, int, str]) -> str:
    index, period_index, seed, root = task
    registry, truth = _registry_and_truth()
    template = TEMPLATE_UNITS[index % len(TEMPLATE_UNITS)]
    period = PERIODS[period_index]
    rng = np.random.default_rng(seed * 1_000_003 + index)
    scale = rng.uniform(0.05, 0.3)
    money = ("amount", "raised", "collected")
    values = {
        k: round(v * scale, -3) if k.endswith(money) else round(v * scale)
        for k, v in truth[(template, period.code)].items()
    }
    values["members"] = min(values["members"], values["workers"])
    values["members_female"] = min(values["members_female"], values["members"])
    values["cdcs"] = max(values["cdcs"], 1)
    ratings = ("rating_excellent", "rating_good", "rating_completed", "rating_failed")
    if period.period_type == "FY":
        values["rating_good"] += values["cdcs"] - sum(values[r] for r in ratings)
    else:
        for rating in ratings:
            values.pop(rating, None)
    style = UNIT_STYLES[template]
    sheets = build_form(
        registry, template, period, values, None, style=style, org_line=unit_name(index).upper()
    )
    target = (
        Path(root)
        / "raw"
        / period.code
        / (f"CS{index:05d}_{period.code.replace('-', '_')}" + SUFFIX[style.writer])
    )
    write_workbook(target, sheets, style.writer)
    return str(target)


_CACHE: dict[str, object] = {}


def _registry_and_truth():
    """The sample's registry and figures, computed once per worker process."""
    if not _CACHE:
        registry = load_registry(paths().reference)
        _CACHE.update(registry=registry, truth=generate_truth(registry))
    return _CACHE["registry"], _CACHE["truth"]


def make_corpus(folder: Path, files: int, seed: int = 0, workers: int | None = None) -> list[str]:
    """Write ``files`` submissions under ``folder/raw`` and their registry in ``folder/reference``."""
    folder = Path(folder)
    n_units = math.ceil(files / len(PERIODS))
    write_reference(folder / "reference", n_units)
    tasks = [(i % n_units, i // n_units, seed, str(folder)) for i in range(files)]
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
        return list(pool.map(_write_one, tasks, chunksize=16))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--files", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if (args.dir / "raw").exists() and any((args.dir / "raw").iterdir()):
        print(f"{args.dir / 'raw'} không trống: chọn thư mục khác.", file=sys.stderr)
        return 2
    start = time.perf_counter()
    written = make_corpus(args.dir, args.files, args.seed)
    print(f"Đã ghi {len(written)} tệp vào {args.dir / 'raw'} trong {time.perf_counter() - start:.1f} s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
