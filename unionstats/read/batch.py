"""Many files -> outcomes: reading a batch of submissions, in parallel processes when large.

Each task is ``(path, relative path, sha256, reference folder)``; each worker loads the
registry once (cached per process) and calls :func:`unionstats.read.submission.read_file`,
which never raises for a bad file.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

from tqdm import tqdm

from unionstats.read.submission import FileOutcome, read_file
from unionstats.reference import Registry, load_registry

PARALLEL_THRESHOLD = 40
Task = tuple[str, str, str, str]


@lru_cache(maxsize=4)
def _registry_for(folder: str) -> Registry:
    return load_registry(Path(folder))


def _read_in_worker(task: Task) -> FileOutcome:
    path, relative, sha256, reference = task
    return read_file(Path(path), relative, sha256, _registry_for(reference))


def read_many(tasks: list[Task], registry: Registry, workers: int, progress: bool) -> list[FileOutcome]:
    """Read every task's file; in ``workers`` processes when the batch is large."""
    bar = tqdm(total=len(tasks), desc="Đọc báo cáo", unit="tệp", disable=None if progress else True)
    outcomes: list[FileOutcome] = []
    try:
        if workers > 1 and len(tasks) >= PARALLEL_THRESHOLD:
            chunk = max(1, len(tasks) // (workers * 8))
            with ProcessPoolExecutor(max_workers=workers) as pool:
                for outcome in pool.map(_read_in_worker, tasks, chunksize=chunk):
                    outcomes.append(outcome)
                    bar.update()
        else:
            for path, relative, sha256, _ in tasks:
                outcomes.append(read_file(Path(path), relative, sha256, registry))
                bar.update()
    finally:
        bar.close()
    return outcomes
