"""The store's one commit point: complete versions side by side, one small file names the current.

A store folder (``data/processed``) holds::

    .versions/v000007/     complete versions; the last KEEP are kept
    .versions/.staging-*/  a version being written (a killed run's is removed by the next)
    current.txt            the name of the current version: the commit point
    values.csv …           exports for Excel, written from the current version after the
                           commit (:mod:`unionstats.store.exports`), and their record
    .lock                  the lock a run holds (:mod:`unionstats.store.lock`)

Every run that changes the store (``ingest``, ``validate``) writes a complete new version in
a staging folder, renames it to its final name, then replaces ``current.txt`` with
``os.replace``, which is atomic on NTFS and on POSIX file systems. A kill at any instant
before that replacement leaves the previous version current and untouched; after it, the
new one. No symbolic links: a Windows user can make none without Developer Mode.

Every reader finds the current version through :func:`current_version` (the command line,
the checks, the briefs, the notebooks and the README's pandas recipe alike). A store of an
earlier layout is taken over in place: one whose ``current`` was a symbolic link (or, after
a copy without links, a folder) keeps its versions and history; a flat store of single files
is read as it is and rewritten whole by the next run.
"""

from __future__ import annotations

import os
import shutil
import stat
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from unionstats.atomic import link_or_copy, remove_leftovers, replace, write_file
from unionstats.errors import StoreError

VERSIONS = ".versions"
POINTER = "current.txt"
STAGING_PREFIX = ".staging-"
KEEP = 3
PARTS_FOLDER = "parts"
# files and folders of a version; the earlier layouts kept them (or links to them) at the top
VERSION_FILES = (
    "values.parquet",
    "values_superseded.parquet",
    "cdcs_values.parquet",
    "manifest.csv",
    "findings.csv",
    "completeness.csv",
    "summary.json",
)
# files for Excel at the top of the store, written from the current version by exports.py,
# and the record of which version they were written from
EXPORTED_FILES = ("values.csv", "findings.csv", "manifest.csv", "completeness.csv")
EXPORT_RECORD = ".exports.json"
_OLD_LINK = "current"  # the layout before this one: a symbolic link named the current version
_OLD_TOP_LEVEL = (*VERSION_FILES, "values.csv")


def _numbered(name: str) -> bool:
    return len(name) > 1 and name[0] == "v" and name[1:].isdigit()


def current_version(out: Path | str) -> Path | None:
    """The folder of the store's current version, or None for a store never committed in
    versions (none yet, or the flat layout of single files).

    This is the one way to find the store's files::

        pd.read_parquet(current_version("data/processed") / "values.parquet")

    Raises
    ------
    StoreError
        When ``current.txt`` names no complete version (the store was damaged by hand).
    """
    out = Path(out)
    pointer = out / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return _old_link_target(out)
    folder = out / VERSIONS / name
    if not _numbered(name) or not folder.is_dir():
        raise StoreError(
            f"Tệp {POINTER} của kho dữ liệu trỏ tới phiên bản '{name[:40]}' không có trong {VERSIONS}: "
            "kho đã bị sửa bằng tay; xoá thư mục kho rồi chạy lại 'unionstats ingest' để dựng lại.",
            file=str(pointer),
            code="store_damaged",
        )
    return folder


def _old_link_target(out: Path) -> Path | None:
    """The version a store of the earlier layout names with its ``current`` link or folder."""
    old = out / _OLD_LINK
    return old.resolve() if old.is_dir() else None


def read_folder(out: Path) -> Path:
    """Where to read the store's files: the current version (or a store of the flat layout)."""
    return current_version(out) or Path(out)


def clean_up(out: Path) -> list[str]:
    """Remove what a killed run left behind (staging folders, temporary files) and take over
    a store of the earlier layout. Called as a run starts, under the store's lock."""
    out = Path(out)
    removed: list[str] = []
    versions = out / VERSIONS
    if versions.is_dir():
        for staging in versions.glob(f"{STAGING_PREFIX}*"):
            shutil.rmtree(staging, ignore_errors=True)
            removed.append(staging.name)
    for leftover in out.glob(".*.tmp-*"):
        leftover.unlink(missing_ok=True)
        removed.append(leftover.name)
    top_level = (*_OLD_TOP_LEVEL, POINTER, EXPORT_RECORD)
    removed += [leftover.name for leftover in remove_leftovers(out, top_level)]
    _take_over_old_layout(out)
    return removed


def _take_over_old_layout(out: Path) -> None:
    """A store whose ``current`` is a link (or a folder, copied without its links) gets a
    pointer to the same version; then the link and the earlier layout's links at the top go.
    The pointer is written first: a kill in between leaves a store that reads the same."""
    old = out / _OLD_LINK
    if (out / POINTER).exists() or not (old.is_symlink() or old.is_dir()):
        return
    if old.is_symlink():
        target = old.resolve()
        if target.parent == (out / VERSIONS).resolve() and _numbered(target.name):
            _write_pointer(out, target.name)
        old.unlink()
    else:  # a real folder: it becomes a numbered version
        (out / VERSIONS).mkdir(exist_ok=True)
        name = _next_name(out / VERSIONS)
        replace(old, out / VERSIONS / name)
        _write_pointer(out, name)
    for name in _OLD_TOP_LEVEL:
        if (out / name).is_symlink():
            (out / name).unlink()


@contextmanager
def new_version(out: Path, carry: tuple[str, ...] = ()) -> Iterator[Path]:
    """Yield a staging folder for a complete new version; commit it when the block ends.

    ``carry`` names files and folders of the current version that the new one keeps
    unchanged: they are hard-linked (copied where links are not possible), never
    rewritten. If the block raises, the staging folder is removed and the current version
    stays current.
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


def commit(out: Path, staging: Path) -> Path:
    """Make ``staging`` the current version; the commit point is one ``os.replace`` of the
    pointer. What the earlier layouts left at the top (flat files, links) goes after it."""
    out = Path(out)
    _flush_tree(staging)
    name = _next_name(out / VERSIONS)
    final = out / VERSIONS / name
    replace(staging, final)
    _write_pointer(out, name)  # the commit point
    _flush_folder_entry(out)
    _remove_old_top_level(out)
    prune(out)
    return final


def _write_pointer(out: Path, name: str) -> None:
    def write(path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(name + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    write_file(out / POINTER, write)


def _remove_old_top_level(out: Path) -> None:
    """The flat layout's tables and the link layout's links at the top of the store: with a
    committed pointer they are stale copies that someone could read by mistake. The CSV
    files for Excel are left to the exports, which replace them."""
    for name in _OLD_TOP_LEVEL:
        path = out / name
        if path.is_symlink() or (name not in EXPORTED_FILES and path.is_file()):
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)
    old = out / _OLD_LINK
    if old.is_symlink():
        old.unlink()


def _next_name(versions: Path) -> str:
    numbers = [int(p.name[1:]) for p in versions.iterdir() if _numbered(p.name)]
    return f"v{max(numbers, default=0) + 1:06d}"


def _flush_tree(folder: Path) -> None:
    """Flush to disk every file written into ``folder`` (and, on POSIX, every folder entry).

    A file with other links is a partition carried from a committed version, already on
    disk: it is not flushed again.
    """
    for root, _, names in os.walk(folder, topdown=False):
        for name in names:
            path = os.path.join(root, name)
            status = os.stat(path, follow_symlinks=False)
            if stat.S_ISREG(status.st_mode) and status.st_nlink == 1:
                _flush_file(path)
        _flush_folder_entry(Path(root))


def _flush_file(path: str) -> None:
    # Windows flushes only a handle open for writing (FlushFileBuffers); POSIX any
    descriptor = os.open(path, (os.O_RDWR | getattr(os, "O_BINARY", 0)) if os.name == "nt" else os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _flush_folder_entry(folder: Path) -> None:
    """Flush a folder's entries (a rename into it); NTFS journals them itself, and Windows
    cannot open a folder as a file."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def prune(out: Path, keep: int = KEEP) -> None:
    """Remove old versions, keeping the current one and the ``keep`` - 1 before it.

    On Windows a version whose file a reader holds open cannot be removed whole: what is
    left is removed by a later run.
    """
    versions = Path(out) / VERSIONS
    current = current_version(out)
    committed = sorted(p for p in versions.iterdir() if p.is_dir() and _numbered(p.name))
    for old in committed[:-keep]:
        if current is None or old.resolve() != current.resolve():
            shutil.rmtree(old, ignore_errors=True)
