"""One run at a time: an exclusive lock on the store folder.

The lock is an advisory ``flock`` on ``<store>/.lock``, so the operating system releases it
when its holder, and the reader processes it forked, have died: the next run then takes it,
waiting the moment those readers need to die with their parent. While it is held the file
names the holder (command, process, start time), which the message to a second run repeats.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from unionstats.errors import StoreError

LOCK_FILE = ".lock"
STALE_WAIT_SECONDS = 15.0


class StoreBusyError(StoreError):
    """Another run holds the store's lock."""

    default_code = "store_busy"


def _holder(descriptor: int) -> dict:
    os.lseek(descriptor, 0, os.SEEK_SET)
    try:
        return json.loads(os.read(descriptor, 4096).decode("utf-8") or "{}")
    except ValueError:
        return {}


def _alive(pid: object) -> bool:
    try:
        os.kill(int(pid), 0)
    except (OSError, ValueError, TypeError):
        return False
    return True


@contextmanager
def store_lock(out: Path, command: str, *, wait_seconds: float = 0.0) -> Iterator[dict]:
    """Hold the store's lock for the block; yield what the previous holder left, if it died.

    Raises
    ------
    StoreBusyError
        When another run holds the lock for longer than ``wait_seconds``.
    """
    import fcntl

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + wait_seconds
        extended = False
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(descriptor)
                if not extended and holder.get("pid") and not _alive(holder["pid"]):
                    # the holder was killed; its reader processes, which share the lock, die
                    # with it within moments: wait for them rather than call the store busy
                    deadline, extended = max(deadline, time.monotonic() + STALE_WAIT_SECONDS), True
                if time.monotonic() >= deadline:
                    raise StoreBusyError(
                        f"Kho dữ liệu đang được cập nhật bởi lệnh 'unionstats {holder.get('command', '?')}' "
                        f"(tiến trình {holder.get('pid', '?')}, bắt đầu {holder.get('started', '?')}): "
                        "chờ lệnh đó xong rồi chạy lại.",
                        file=str(out),
                    ) from None
                time.sleep(0.2)
        previous = _holder(descriptor)
        stale = previous if previous.get("pid") and not _alive(previous["pid"]) else {}
        me = {"command": command, "pid": os.getpid(), "started": time.strftime("%d/%m/%Y %H:%M:%S")}
        os.ftruncate(descriptor, 0)
        os.lseek(descriptor, 0, os.SEEK_SET)
        os.write(descriptor, json.dumps(me).encode("utf-8"))
        try:
            yield stale
        finally:
            os.ftruncate(descriptor, 0)
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)
