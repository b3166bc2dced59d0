"""The store's one commit point: complete versions beside each other, one link made current.

Every run that changes the store (``ingest``, ``validate``) writes a complete new version in
a staging folder under ``.versions/``, renames it to its final name, and then makes it
current by replacing the ``current`` symbolic link in one atomic step. That replacement is
the commit point: a kill at any instant before it leaves the previous version current and
untouched; after it, the new one. The store's public files (``values.parquet``,
``manifest.csv``…) are links into ``current/``, made once, so every program that opens
``data/processed/values.parquet`` reads the current version.

A run starts by cleaning up what a killed run left (staging folders, temporary links) and
ends by pruning old versions (the last :data:`KEEP` are kept).
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from unionstats.atomic import link_or_copy, remove_leftovers
from unionstats.errors import StoreError

VERSIONS = ".versions"
CURRENT = "current"
STAGING_PREFIX = ".staging-"
KEEP = 3
PARTS_FOLDER = "parts"
PUBLIC_FILES = (
    "values.parquet",
    "values.csv",
    "values_superseded.parquet",
    "cdcs_values.parquet",
    "manifest.csv",
    "findings.csv",
    "completeness.csv",
    "summary.json",
)


def current_version(out: Path) -> Path | None:
    """The folder of the current version, or None for a store never committed this way."""
    link = Path(out) / CURRENT
    return link.resolve() if link.is_dir() else None


def read_folder(out: Path) -> Path:
    """Where to read the store's files: the current version (or a store of the older flat layout)."""
    return current_version(out) or Path(out)


def clean_up(out: Path) -> list[str]:
    """Remove what a killed run left behind: staging folders, temporary links and files.

    Called as a run starts, it first checks that the store's disk can make the symbolic
    links the store is built on, so that a run on a disk that cannot stops at once, not
    after reading every file.
    """
    out = Path(out)
    _require_symlinks(out)
    removed: list[str] = []
    versions = out / VERSIONS
    if versions.is_dir():
        for staging in versions.glob(f"{STAGING_PREFIX}*"):
            shutil.rmtree(staging, ignore_errors=True)
            removed.append(staging.name)
    for leftover in out.glob(".*.tmp-*"):
        leftover.unlink(missing_ok=True)
        removed.append(leftover.name)
    # the older layout's temporary files (".values.parquet.<random>")
    removed += [leftover.name for leftover in remove_leftovers(out, PUBLIC_FILES)]
    if current_version(out) is not None:
        link_public_files(out)
    return removed


_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS}
_WINDOWS_PRIVILEGE_NOT_HELD = 1314


def _require_symlinks(out: Path) -> None:
    probe = out / f".{CURRENT}.tmp-probe-{uuid.uuid4().hex[:8]}"
    try:
        os.symlink(VERSIONS, probe)
    except OSError as error:
        if error.errno not in _NO_LINKS and getattr(error, "winerror", None) != _WINDOWS_PRIVILEGE_NOT_HELD:
            raise
        raise StoreError(
            "Ổ đĩa chứa kho dữ liệu không tạo được liên kết (symlink) mà kho cần (thường gặp: "
            "USB định dạng FAT/exFAT, Windows chưa bật Developer Mode): đặt kho trên ổ NTFS, ext4 hoặc "
            "APFS, hoặc bật Developer Mode, rồi chạy lại.",
            file=str(out),
            code="store_no_links",
        ) from None
    probe.unlink()


@contextmanager
def new_version(out: Path, carry: tuple[str, ...] = ()) -> Iterator[Path]:
    """Yield a staging folder for a complete new version; commit it when the block ends.

    ``carry`` names files of the current version that the new one keeps unchanged: they
    are hard-linked (copied where links are not possible), never rewritten. If the block
    raises, the staging folder is removed and the current version stays current.
    """
    out = Path(out)
    versions = out / VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    staging = versions / f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
    staging.mkdir()
    try:
        previous = read_folder(out)
        for name in carry:
            source = previous / name
            if source.is_file():
                link_or_copy(source, staging / name)
            elif source.is_dir():
                (staging / name).mkdir(parents=True, exist_ok=True)
                for item in source.rglob("*"):
                    if item.is_file():
                        link_or_copy(item, staging / name / item.relative_to(source))
        yield staging
        commit(out, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _fsync_folder(folder: Path) -> None:
    """Flush to disk every file written into ``folder`` and every folder entry.

    A file with other links is a partition carried from a committed version, already on
    disk: it is not flushed again.
    """
    for root, _, names in os.walk(folder, topdown=False):
        for name in names:
            path = os.path.join(root, name)
            status = os.stat(path, follow_symlinks=False)
            if stat.S_ISREG(status.st_mode) and status.st_nlink == 1:
                descriptor = os.open(path, os.O_RDONLY)
                try:
                    os.fsync(descriptor)
                finally:
                    os.close(descriptor)
        _fsync_folder_entry(Path(root))


def commit(out: Path, staging: Path) -> Path:
    """Make ``staging`` the current version (the commit point is one ``os.replace``)."""
    out = Path(out)
    _fsync_folder(staging)
    _adopt_copied_current(out)
    name = f"v{_last_number(out / VERSIONS) + 1:06d}"
    final = out / VERSIONS / name
    os.rename(staging, final)
    temporary = out / f".{CURRENT}.tmp-{uuid.uuid4().hex[:8]}"
    os.symlink(f"{VERSIONS}/{name}", temporary)
    os.replace(temporary, out / CURRENT)  # the commit point
    _fsync_folder_entry(out)
    link_public_files(out)
    prune(out)
    return final


def _adopt_copied_current(out: Path) -> None:
    """A store copied without its links (``cp -r``) has a real ``current`` folder: keep it as
    a numbered version, so that the link can replace it."""
    current = out / CURRENT
    if current.is_dir() and not current.is_symlink():
        os.rename(current, out / VERSIONS / f"v{_last_number(out / VERSIONS) + 1:06d}")


def _numbered(name: str) -> bool:
    return name[:1] == "v" and name[1:].isdigit()


def _last_number(versions: Path) -> int:
    numbers = [int(p.name[1:]) for p in versions.iterdir() if _numbered(p.name)]
    return max(numbers, default=0)


def _fsync_folder_entry(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def link_public_files(out: Path) -> None:
    """Make each public file of the current version a link into ``current/``.

    A flat file of the older layout is replaced by its link; a link to a file the current
    version does not have (``completeness.csv`` before the first validation) is removed.
    """
    out = Path(out)
    for name in PUBLIC_FILES:
        path, target = out / name, f"{CURRENT}/{name}"
        if not (out / CURRENT / name).exists():
            if path.is_symlink():
                path.unlink()
            continue
        if path.is_symlink() and os.readlink(path) == target:
            continue
        if path.is_dir() and not path.is_symlink():  # a store copied without its links
            shutil.rmtree(path)
        temporary = out / f".{name}.tmp-{uuid.uuid4().hex[:8]}"
        os.symlink(target, temporary)
        os.replace(temporary, path)


def prune(out: Path, keep: int = KEEP) -> None:
    """Remove old versions, keeping the current one and the ``keep`` - 1 before it."""
    versions = Path(out) / VERSIONS
    current = current_version(out)
    committed = sorted(
        p for p in versions.iterdir() if p.is_dir() and p.name[:1] == "v" and p.name[1:].isdigit()
    )
    for old in committed[:-keep]:
        if current is None or old.resolve() != current:
            shutil.rmtree(old, ignore_errors=True)
