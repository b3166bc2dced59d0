"""Raw files -> an inventory: which files there are, their content hashes, what to skip.

Kept free of pandas and of the readers, so that ``unionstats ingest`` can tell in a
fraction of a second that nothing has changed since the last run (same files, same
contents, same dates, same reference data) and print the stored summary without
loading anything else.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
MANIFEST_FILE = "manifest.csv"
SUMMARY_FILE = "summary.json"


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
    broken one; ``broken`` says which.
    """

    relative: str
    path: str
    status: os.stat_result
    broken: bool = False


def skip_reason(entry: Entry) -> str | None:
    """Why an entry is not a submission to read (None if it is one).

    A broken link, a linked folder, a FIFO or a device is listed (and skipped), never opened.
    """
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
    if suffix.lower() not in SPREADSHEET_SUFFIXES:
        return f"Không phải bảng tính ({suffix or 'không có đuôi'}): bỏ qua."
    return None


def list_entries(raw: Path) -> list[Entry]:
    """Every entry under ``raw`` that is not a folder (links and special files included, so
    that each is listed in the manifest), sorted by relative path. Linked folders are listed,
    not followed."""
    entries: list[Entry] = []
    pending = [(str(raw), "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as listing:
            for item in listing:
                relative = prefix + item.name
                if item.is_dir(follow_symlinks=False):
                    pending.append((item.path, relative + "/"))
                    continue
                try:
                    entries.append(Entry(relative, item.path, item.stat()))
                except OSError:
                    entries.append(Entry(relative, item.path, os.lstat(item.path), True))
    entries.sort()
    return entries


def modified_iso(mtime: float) -> str:
    """A file's modification time as the manifest writes it (UTC, microseconds)."""
    return datetime.fromtimestamp(mtime, UTC).isoformat(timespec="microseconds")


def current_summary(raw: Path, out: Path, reference: Path) -> dict | None:
    """The stored run summary if the store is current for ``raw``, else None.

    Current means: the manifest lists exactly the files under ``raw`` (and the files it keeps
    though they left the folder, which the summary names), each with the same size and
    modification time (the content is then taken as unchanged, as ``make`` and ``git`` do),
    read against the same reference data.
    """
    manifest, summary = Path(out) / MANIFEST_FILE, Path(out) / SUMMARY_FILE
    if not manifest.is_file() or not summary.is_file():
        return None
    try:
        stored = json.loads(summary.read_text(encoding="utf-8"))
    except ValueError:
        return None
    with open(manifest, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        try:
            columns = [header.index(c) for c in ("path", "reference_sha256", "modified", "size")]
        except ValueError:
            return None
        seen = {row[columns[0]]: [row[i] for i in columns[1:]] for row in reader}
    ref_hash = reference_sha256(reference)
    entries = list_entries(raw)
    if len(entries) + len(stored.get("missing", ())) != len(seen):
        return None
    for entry in entries:
        row = seen.get(entry.relative)
        if row is None or row != [ref_hash, modified_iso(entry.status.st_mtime), str(entry.status.st_size)]:
            return None
    if not all(path in seen for path in stored.get("missing", ())):
        return None
    # The summary is written after the manifest; it must describe this very manifest.
    if stored.get("manifest_sha256") != file_sha256(manifest):
        return None
    return stored
