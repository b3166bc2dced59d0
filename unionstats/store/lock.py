"""One run at a time: an exclusive lock on the store folder, on Windows and POSIX alike.

The lock is taken on ``<store>/.lock`` with the operating system's own file lock: ``flock``
on POSIX, a byte-range lock (``msvcrt.locking``) on Windows. Both are released by the
operating system when their holder dies, however it dies, so a killed run never leaves the
store locked. While the lock is held the file names the holder (command, process, start
time), which the message to a second run repeats.

On Windows the locked byte lies far beyond the holder's record, because a locked range
cannot be read by another process there. On Linux, reader processes forked by a run share
its lock until they die with it; the next run waits the moment that takes.
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
_RECORD_BYTES = 1024  # the holder's record, padded with spaces, at the start of the file
_WINDOWS_LOCKED_BYTE = 1 << 30


class StoreBusyError(StoreError):
    """Another run holds the store's lock."""

    default_code = "store_busy"


def _try_lock(descriptor: int) -> bool:
    """Take the lock without waiting; False when another process holds it."""
    if os.name == "nt":
        import msvcrt

        os.lseek(descriptor, _WINDOWS_LOCKED_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(descriptor: int) -> None:
    if os.name == "nt":
        import msvcrt

        os.lseek(descriptor, _WINDOWS_LOCKED_BYTE, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(descriptor, fcntl.LOCK_UN)


def _holder(descriptor: int) -> dict:
    os.lseek(descriptor, 0, os.SEEK_SET)
    try:
        found = json.loads(os.read(descriptor, _RECORD_BYTES).decode("utf-8").strip() or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _write_holder(descriptor: int, holder: dict) -> None:
    text = json.dumps(holder).encode("utf-8")[:_RECORD_BYTES] if holder else b""
    os.lseek(descriptor, 0, os.SEEK_SET)
    os.write(descriptor, text.ljust(_RECORD_BYTES))


def _dead(pid: object) -> bool:
    """True when ``pid`` is surely no running process (POSIX only: on Windows the lock is
    never shared with reader processes, so a busy lock always has a live holder)."""
    if os.name == "nt":
        return False
    try:
        os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except (OSError, ValueError, TypeError):
        return False
    return False


@contextmanager
def store_lock(out: Path, command: str, *, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the store's lock for the block.

    Raises
    ------
    StoreBusyError
        When another run holds the lock for longer than ``wait_seconds``.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
    try:
        deadline = time.monotonic() + wait_seconds
        extended = False
        while not _try_lock(descriptor):
            holder = _holder(descriptor)
            if not extended and holder.get("pid") and _dead(holder["pid"]):
                # the holder was killed; its forked readers, which share the lock, die with
                # it within moments: wait for them rather than call the store busy
                deadline, extended = max(deadline, time.monotonic() + STALE_WAIT_SECONDS), True
            if time.monotonic() >= deadline:
                raise StoreBusyError(
                    f"Kho dữ liệu đang được cập nhật bởi lệnh 'unionstats {holder.get('command', '?')}' "
                    f"(tiến trình {holder.get('pid', '?')}, bắt đầu {holder.get('started', '?')}): "
                    "chờ lệnh đó xong rồi chạy lại.",
                    file=str(out),
                ) from None
            time.sleep(0.2)
        started = time.strftime("%d/%m/%Y %H:%M:%S")
        _write_holder(descriptor, {"command": command, "pid": os.getpid(), "started": started})
        try:
            yield
        finally:
            _write_holder(descriptor, {})
            _unlock(descriptor)
    finally:
        os.close(descriptor)
