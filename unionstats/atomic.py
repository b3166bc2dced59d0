"""Atomic writing: a file or a folder appears complete or not at all.

Every writer of the project goes through here. A file is written to a temporary name in
the target's own folder (same file system, so the final rename is atomic) and renamed over
the target; a folder is built beside its target and swapped in. If writing fails or the
process is killed, the target is what it was before; a killed run may leave a temporary
``.<name>.*`` beside it, which :func:`remove_leftovers` cleans up on the next run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

TEMPORARY_PREFIX = "."
# Windows refuses to replace or rename a file that another process has open, even for an
# instant (an antivirus scanning a new file, a reader opening ``current.txt``): such a
# refusal is retried for up to this long before it is taken as real (a file open in Excel).
WINDOWS_RETRY_SECONDS = 2.0


def replace(source: Path | str, target: Path | str) -> None:
    """``os.replace(source, target)``, retried on Windows while the target (or the source)
    is briefly held open by another process; a lasting refusal raises ``PermissionError``."""
    deadline = time.monotonic() + WINDOWS_RETRY_SECONDS
    while True:
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if os.name != "nt" or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def _current_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def write_file(target: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temporary_path)``, then rename the temporary file over ``target``.

    The file gets the permissions a plain ``open()`` would give it (0666 less the umask),
    not ``mkstemp``'s private 0600.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f"{TEMPORARY_PREFIX}{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        os.chmod(temporary, 0o666 & ~_current_umask())
        write(Path(temporary))
        replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def write_text(target: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``target`` atomically."""
    return write_file(target, lambda path: path.write_text(text, encoding="utf-8"))


@contextmanager
def staged_folder(target: Path) -> Iterator[Path]:
    """Yield an empty staging folder beside ``target``; on success swap it into place.

    On an exception the staging folder is removed and ``target`` is left untouched.
    Sub-folders of the old ``target`` that the new one does not have are carried over
    (a period's report folder holds its clusters' reports).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{TEMPORARY_PREFIX}{target.name}.", dir=target.parent))
    staging.chmod(0o777 & ~_current_umask())
    try:
        yield staging
        swap_folder(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_folder(staging: Path, target: Path, keep_subfolders_except: tuple[str, ...] = ("figures",)) -> None:
    """Move the complete ``staging`` folder to ``target``; the old one is removed only after."""
    old = None
    if target.exists():
        old = target.with_name(f"{TEMPORARY_PREFIX}{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        replace(target, old)
    replace(staging, target)
    if old is not None:
        for child in old.iterdir():
            if (
                child.is_dir()
                and not (target / child.name).exists()
                and child.name not in keep_subfolders_except
            ):
                replace(child, target / child.name)
        shutil.rmtree(old, ignore_errors=True)


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link ``source`` at ``target`` (a copy where links are not possible): an unchanged
    file of the previous version costs nothing to keep in the next one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def remove_leftovers(folder: Path, names: tuple[str, ...]) -> list[Path]:
    """Remove temporary files a killed writer left for the files ``names`` in ``folder``."""
    removed = []
    for name in names:
        for leftover in Path(folder).glob(f"{TEMPORARY_PREFIX}{name}.*"):
            if leftover.is_file():
                leftover.unlink(missing_ok=True)
                removed.append(leftover)
    return removed
