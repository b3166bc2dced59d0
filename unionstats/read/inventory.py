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


def skip_reason(relative: Path, path: Path | None = None) -> str | None:
    """Why a file is not a submission to read (None if it is one).

    With ``path``, what the entry is counts too: a broken link, a FIFO or a device is listed
    (and skipped), never opened.
    """
    if path is not None:
        kind = _not_a_file(path)
        if kind:
            return kind
    if relative.name.startswith("~$"):
        return "Tệp khoá tạm của Office (~$…), không phải báo cáo: bỏ qua."
    if any(part.startswith(".") for part in relative.parts):
        return "Tệp ẩn: bỏ qua."
    if relative.suffix.lower() not in SPREADSHEET_SUFFIXES:
        return f"Không phải bảng tính ({relative.suffix or 'không có đuôi'}): bỏ qua."
    return None


def _not_a_file(path: Path) -> str | None:
    try:
        mode = path.stat().st_mode
    except OSError:
        return "Liên kết hỏng (trỏ tới tệp không còn): bỏ qua."
    if stat.S_ISDIR(mode):
        return "Liên kết tới một thư mục: bỏ qua (chép tệp vào thư mục của kỳ)."
    if not stat.S_ISREG(mode):
        return "Không phải tệp thường (FIFO, thiết bị…): bỏ qua, không mở."
    return None


def entry_stat(path: Path) -> os.stat_result:
    """The entry's own stat: its target's for a working link, the link's own for a broken one."""
    try:
        return path.stat()
    except OSError:
        return path.lstat()


def list_files(raw: Path) -> list[Path]:
    """Every entry under ``raw`` that is not a folder (links and special files included, so
    that each is listed in the manifest), sorted by relative path. Linked folders are not
    followed."""
    raw = Path(raw)
    entries = []
    for folder, folders, names in os.walk(raw):
        entries += [Path(folder) / name for name in names]
        entries += [Path(folder) / name for name in folders if (Path(folder) / name).is_symlink()]
    return sorted(entries, key=lambda p: p.relative_to(raw).as_posix())


def modified_iso(mtime: float) -> str:
    """A file's modification time as the manifest writes it (UTC, microseconds)."""
    return datetime.fromtimestamp(mtime, UTC).isoformat(timespec="microseconds")


def current_summary(raw: Path, out: Path, reference: Path) -> dict | None:
    """The stored run summary if the store is current for ``raw``, else None.

    Current means: the manifest lists exactly the files under ``raw``, each with the same
    size and modification time (the content is then taken as unchanged, as ``make`` and
    ``git`` do), read against the same reference data.
    """
    manifest, summary = Path(out) / MANIFEST_FILE, Path(out) / SUMMARY_FILE
    if not manifest.is_file() or not summary.is_file():
        return None
    with open(manifest, encoding="utf-8-sig", newline="") as handle:
        seen = {row["path"]: row for row in csv.DictReader(handle)}
    ref_hash = reference_sha256(reference)
    files = list_files(raw)
    if len(files) != len(seen):
        return None
    for path in files:
        relative = path.relative_to(raw).as_posix()
        row = seen.get(relative)
        if row is None or row["reference_sha256"] != ref_hash:
            return None
        status = entry_stat(path)
        if row["modified"] != modified_iso(status.st_mtime) or row["size"] != str(status.st_size):
            return None
    try:
        stored = json.loads(summary.read_text(encoding="utf-8"))
    except ValueError:
        return None
    # The summary is written after the manifest; it must describe this very manifest.
    if stored.get("manifest_sha256") != file_sha256(manifest):
        return None
    return stored
