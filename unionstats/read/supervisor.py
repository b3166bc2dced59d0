"""Reader processes, supervised: started once per run, replaced when one fails.

A file that crashes the reader, hangs, or exhausts memory must cost only itself. So files
are read in worker processes that the supervisor keeps busy: each worker reads one file at
a time under a memory limit, the supervisor knows which file each worker holds and since
when, and a worker that dies or runs past the time limit is killed and replaced; its file
is quarantined with the reason. Workers ignore Ctrl-C (the command prints one line) and die
with their parent, even when it is killed. How each OS keeps these promises, and what it
cannot (no memory cap on macOS): :mod:`unionstats.read.isolation`.

This module imports no table library: with ``spawn`` (Windows, macOS) the command starts
its workers before it loads pandas, so that the workers' own start-up (each imports the
readers and loads the registry once) runs while the command loads its libraries.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import time
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING

from unionstats.findings import finding
from unionstats.read.isolation import WorkerJob, ctrl_c_blocked, settle_worker, start_method

if TYPE_CHECKING:
    from unionstats.read.submission import FileOutcome
    from unionstats.reference import Registry

Task = tuple[str, str, str, str]
FILE_SECONDS = float(os.environ.get("UNIONSTATS_FILE_SECONDS", "120"))
FILE_MEMORY_MB = int(os.environ.get("UNIONSTATS_FILE_MEMORY_MB", "2048"))


INHERITED: dict[str, Registry] = {}  # the parent's registry, inherited by forked workers


@lru_cache(maxsize=4)
def _registry_for(folder: str) -> Registry:
    from unionstats.reference import load_registry

    return INHERITED.get(folder) or load_registry(Path(folder))


def _worker(connection: Connection, reference: str, memory_mb: int) -> None:
    settle_worker(memory_mb)  # deaf to Ctrl-C, dies with the parent, memory capped
    from unionstats.read import submission  # here, not at the top: see the module docstring

    try:
        registry = _registry_for(reference)  # once per worker: inherited (fork) or read (spawn)
    except Exception:  # broken reference data: the command says so in its one line, not here
        registry = None
    gc.freeze()  # the modules and the registry live as long as the worker: the collector skips them
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        path, relative, sha256, _ = task
        if registry is None:
            connection.send(_failed(task, "bộ đọc không nạp được danh mục (data/reference)"))
            continue
        try:
            outcome = submission.read_file(Path(path), relative, sha256, registry)
        except MemoryError:
            outcome = _failed(task, "hết bộ nhớ khi đọc")
        except Exception as error:  # a reader bug: this file is quarantined, no traceback printed
            outcome = _failed(task, f"lỗi của bộ đọc ({type(error).__name__}), báo cho nhóm phát triển")
        connection.send(outcome)


def _failed(task: Task, reason: str) -> FileOutcome:
    """The outcome of a file whose reader crashed, hung or ran out of memory."""
    from unionstats.read.submission import FileOutcome

    _, relative, sha256, _ = task
    item = finding("reader_failed", file=relative, detail=reason)
    message = f"{relative}: {item.message}"
    return FileOutcome(relative, sha256, "quarantined", findings=[item], message=message)


def _has_outcome(connection: Connection) -> bool:
    """True when the worker sent an outcome; False too when its end of the pipe is gone (on
    Windows, polling a dead worker's pipe raises)."""
    try:
        return connection.poll()
    except (EOFError, OSError):
        return False


PREFETCH = 4  # tasks queued per worker, so that it never waits for the supervisor


@dataclass
class _Slot:
    """One worker process, the files sent to it (the first is being read) and since when."""

    process: multiprocessing.process.BaseProcess
    connection: Connection
    tasks: deque = field(default_factory=deque)
    started: float = 0.0


class Supervisor:
    """Keeps ``workers`` reader processes busy with tasks; replaces any that fail."""

    def __init__(self, reference: str, workers: int, seconds: float, memory_mb: int) -> None:
        self.context = multiprocessing.get_context(start_method())
        self.reference, self.seconds, self.memory_mb = reference, seconds, memory_mb
        self.job = WorkerJob(memory_mb)  # Windows: workers die with this process, memory capped
        self.closed = False
        self.slots = [self._start() for _ in range(workers)]

    def _start(self) -> _Slot:
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=_worker, args=(child, self.reference, self.memory_mb), daemon=True
        )
        with ctrl_c_blocked():  # the worker is born deaf to Ctrl-C (see settle_worker)
            process.start()
        self.job.add(process.pid)
        child.close()
        return _Slot(process, parent)

    def _replace(self, slot: _Slot) -> None:
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(timeout=5)
        slot.connection.close()
        index = self.slots.index(slot)
        self.slots[index] = self._start()

    def run(self, tasks: list[Task], on_outcome) -> None:
        pending = deque(tasks)
        while pending or any(slot.tasks for slot in self.slots):
            for slot in list(self.slots):
                if not slot.tasks and not slot.process.is_alive():
                    self._replace(slot)  # died between files
            for _ in range(PREFETCH):  # round by round, so that every worker gets work
                for slot in self.slots:
                    if pending and len(slot.tasks) < PREFETCH and slot.process.is_alive():
                        if not slot.tasks:
                            slot.started = time.monotonic()
                        slot.tasks.append(pending.popleft())
                        with contextlib.suppress(OSError):  # died meanwhile: _collect replaces it
                            slot.connection.send(slot.tasks[-1])
            busy = [slot for slot in self.slots if slot.tasks]
            ready = wait([s.connection for s in busy] + [s.process.sentinel for s in busy], timeout=1.0)
            for slot in busy:
                self._collect(slot, ready, on_outcome, pending)

    def _collect(self, slot: _Slot, ready: list, on_outcome, pending: deque) -> None:
        while slot.tasks and _has_outcome(slot.connection):
            try:
                outcome = slot.connection.recv()
            except (EOFError, OSError):
                break
            slot.tasks.popleft()
            slot.started = time.monotonic()
            on_outcome(outcome)
        if not slot.tasks:
            return
        died = not slot.process.is_alive()
        late = time.monotonic() - slot.started > self.seconds
        if died or late:
            reason = (
                f"đọc quá {self.seconds:.0f} giây"
                if late and not died
                else f"bộ đọc dừng bất thường (mã {slot.process.exitcode}; có thể do tệp làm hết bộ nhớ)"
            )
            on_outcome(_failed(slot.tasks.popleft(), reason))  # the file it was reading
            pending.extendleft(reversed(slot.tasks))  # the others are read again elsewhere
            slot.tasks.clear()
            self._replace(slot)

    def close(self) -> None:
        """Stop every worker (a second call does nothing)."""
        if self.closed:
            return
        self.closed = True
        for slot in self.slots:
            with contextlib.suppress(OSError, ValueError):
                slot.connection.send(None)
        for slot in self.slots:
            slot.process.join(timeout=2)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join(timeout=2)
            slot.connection.close()
        self.job.close()
