"""Raw files -> an inventory: which files there are, their content hashes, what to skip.

Kept free of pandas and of the readers, so that ``unionstats ingest`` can tell in a
fraction of a second that nothing has changed since the last run
(:mod:`unionstats.store.unchanged`) without loading anything else.
"""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePath
from typing import NamedTuple

from unionstats.errors import describe_read_error

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
DOCUMENT_SUFFIXES = frozenset({".docx", ".doc"})  # the narrative reports (Báo cáo sơ kết, tổng kết)
REPORT_SUFFIXES = SPREADSHEET_SUFFIXES | DOCUMENT_SUFFIXES


def is_document(path: str | Path) -> bool:
    """True for a Word report (.docx, .doc): read for its sentences and tables, not as a workbook."""
    return PurePath(str(path)).suffix.lower() in DOCUMENT_SUFFIXES


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def reference_sha256(folder: Path) -> str:
    """One hash over every reference CSV: a changed registry means re-reading everything."""
    digest = hashlib.sha256()
    for path in sorted(Path(folder).glob("*.csv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class Entry(NamedTuple):
    """One entry under the raw folder: its path relative to it (with "/"), and its stat.

    ``status`` is the target's stat for a file or a working link, the link's own for a
    broken one; ``broken`` says which. ``unreadable`` is why a sub-folder could not be
    listed (its files are then not read), empty for everything else.
    """

    relative: str
    path: str
    status: os.stat_result
    broken: bool = False
    unreadable: str = ""


def skip_reason(entry: Entry) -> str | None:
    """Why an entry is not a submission to read (None if it is one).

    A broken link, a linked folder, a FIFO or a device is listed (and skipped), never opened.
    """
    if entry.unreadable:
        return (
            f"Thư mục không đọc được ({entry.unreadable}): các tệp trong đó chưa được nhập; "
            "cấp quyền đọc thư mục rồi chạy lại."
        )
    if entry.broken:
        return "Liên kết hỏng (trỏ tới tệp không còn): bỏ qua."
    if not stat.S_ISREG(entry.status.st_mode):
        if stat.S_ISDIR(entry.status.st_mode):
            return "Liên kết tới một thư mục: bỏ qua (chép tệp vào thư mục của kỳ)."
        return "Không phải tệp thường (FIFO, thiết bị…): bỏ qua, không mở."
    relative = entry.relative
    name = relative.rsplit("/", 1)[-1]
    if name.startswith("~$"):
        return "Tệp khoá tạm của Office (~$…), không phải báo cáo: bỏ qua."
    if relative.startswith(".") or "/." in relative:
        return "Tệp ẩn: bỏ qua."
    suffix = os.path.splitext(name)[1]
    if suffix.lower() not in REPORT_SUFFIXES:
        return f"Không phải bảng tính hay văn bản Word ({suffix or 'không có đuôi'}): bỏ qua."
    return None


def printable_name(name: str) -> str:
    """``name`` as text that can be written anywhere: a name whose bytes are not UTF-8 (a zip
    made on another machine) gets each such byte as ``\\xNN``, which names it unambiguously
    in the manifest and in messages; the reader quarantines such a file
    (:func:`name_is_utf8`)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def name_is_utf8(path: str | Path) -> bool:
    """True when the file system's bytes of ``path`` are UTF-8 text."""
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def list_entries(raw: Path) -> list[Entry]:
    """Every entry under ``raw`` that is not a folder (links and special files included, so
    that each is listed in the manifest), sorted by relative path. Linked folders are listed,
    not followed. ``relative`` is always UTF-8 text (:func:`printable_name`); ``path`` is the
    file system's own."""
    entries: list[Entry] = []
    pending = [(str(raw), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            listing = os.scandir(folder)
        except OSError as error:
            if not prefix:  # the raw folder itself: the run cannot start
                raise
            entries.append(
                Entry(prefix[:-1], folder, os.lstat(folder), unreadable=describe_read_error(error))
            )
            continue
        with listing:
            for item in listing:
                relative = prefix + printable_name(item.name)
                if item.is_dir(follow_symlinks=False):
                    pending.append((item.path, relative + "/"))
                    continue
                try:
                    entries.append(Entry(relative, item.path, item.stat()))
                except OSError:
                    entries.append(Entry(relative, item.path, os.lstat(item.path), True))
    entries.sort()
    return entries


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def modified_iso(mtime_ns: int) -> str:
    """A file's modification time (``st_mtime_ns``) as the manifest writes it: UTC, cut to the
    microsecond in integers. Windows keeps times in 100 ns steps and Linux in 1 ns; cut, not
    rounded through a float, the same file gives the same text on both."""
    return (_EPOCH + timedelta(microseconds=mtime_ns // 1000)).isoformat(timespec="microseconds")


def unreadable_reason(error: OSError) -> str:
    """Why a listed file could not be hashed (it went away, or cannot be opened)."""
    return (
        f"Không đọc được tệp lúc nhập ({describe_read_error(error)}): bỏ qua; "
        "kiểm tra tệp (đã chép xong chưa, còn trong thư mục không) rồi chạy lại."
    )


def listing_sha256(entries: list[Entry], reference_hash: str) -> str:
    """One hash over a listing of the raw folder (every entry's path, size, modification time
    to the nanosecond, kind) and the reference data's hash: the run that wrote it into
    ``summary.json`` read exactly this folder against exactly these references."""
    lines = "\n".join(
        f"{e.relative}\0{e.status.st_size}\0{e.status.st_mtime_ns}\0{e.status.st_mode}\0{e.broken:d}"
        for e in entries
    )
    return hashlib.sha256(f"{reference_hash}\n{lines}".encode()).hexdigest()
