"""Many files -> outcomes, each file read in a supervised worker process.

Each task is ``(path, relative path, sha256, reference folder)``; a worker loads the registry
once and calls :func:`unionstats.read.submission.read_file`, which never raises for a bad file.
The worker processes and their promises (a file that hangs, crashes or eats memory costs only
itself; workers die with the command): :mod:`unionstats.read.supervisor`.
"""

from __future__ import annotations

from pathlib import Path

from unionstats.read.submission import FileOutcome, read_file
from unionstats.read.supervisor import FILE_MEMORY_MB, FILE_SECONDS, INHERITED, Supervisor, Task
from unionstats.reference import Registry

__all__ = ["FILE_MEMORY_MB", "FILE_SECONDS", "Supervisor", "Task", "read_many"]


def _progress_bar(total: int):
    """A progress bar on a terminal (tqdm is imported only then: it costs a run's start-up)."""
    from tqdm import tqdm

    return tqdm(total=total, desc="Đọc báo cáo", unit="tệp", disable=None)


def read_many(
    tasks: list[Task],
    registry: Registry,
    workers: int,
    progress: bool,
    supervisor: Supervisor | None = None,
) -> list[FileOutcome]:
    """Read every task's file in supervised worker processes (see the module docstring).

    ``workers`` = 0 reads in this process (for debugging a reader; no isolation).
    ``supervisor`` is one the caller started already (its workers are then used and closed
    here, with or without tasks); otherwise ``workers`` processes are started.
    """
    bar = _progress_bar(len(tasks)) if progress else None
    outcomes: list[FileOutcome] = []

    def keep(outcome: FileOutcome) -> None:
        outcomes.append(outcome)
        if bar is not None:
            bar.update()

    try:
        if not tasks:
            return outcomes
        if workers <= 0:
            for path, relative, sha256, _ in tasks:
                keep(read_file(Path(path), relative, sha256, registry))
            return outcomes
        INHERITED[tasks[0][3]] = registry
        if supervisor is None:
            supervisor = Supervisor(tasks[0][3], min(workers, len(tasks)), FILE_SECONDS, FILE_MEMORY_MB)
        supervisor.run(tasks, keep)
    finally:
        if supervisor is not None:
            supervisor.close()
        if bar is not None:
            bar.close()
    order = {task[1]: index for index, task in enumerate(tasks)}
    return sorted(outcomes, key=lambda outcome: order[outcome.path])
