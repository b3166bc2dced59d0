"""The files an analyst opens in Excel: exports of the current version, written after the commit.

``values.csv``, ``findings.csv``, ``manifest.csv`` and ``completeness.csv`` sit at the top of
the store folder. They are written from the committed version (``values.csv`` joined from its
parts, the others copied), each to a temporary file replaced over the export in one step, so
an export is the old file or the new one, never half of one.

On Windows a file open in Excel cannot be replaced. The store is committed before any export
is written, so such a file only stays as it was: it is reported (:attr:`ExportOutcome.held`)
and ``unionstats export``, or the next run of any command that writes the store, writes it.
``.exports.json`` records which version each export was written from, with its size and
modification time, so that a run can tell which exports are stale without reading them.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from unionstats.atomic import write_file, write_text
from unionstats.store.lock import store_lock
from unionstats.store.versions import (
    EXPORT_RECORD,
    EXPORTED_FILES,
    PARTS_FOLDER,
    clean_up,
    current_version,
)

VALUES_CSV = "values.csv"
EXPORTS = EXPORTED_FILES
RECORD = EXPORT_RECORD
EXPORT_HELD_EXIT = 4  # README: the store committed, an export is open in another program


@dataclass(frozen=True)
class ExportOutcome:
    """What :func:`write_exports` wrote, and what it could not replace (open elsewhere)."""

    written: tuple[str, ...] = ()
    held: tuple[str, ...] = ()

    def held_message(self) -> str:
        """One Vietnamese line naming the held files and how to write them again."""
        names = ", ".join(self.held)
        return (
            f"Kho dữ liệu đã cập nhật, nhưng chưa ghi được {names} vì tệp đang mở (Excel hoặc chương "
            "trình khác): đóng tệp rồi chạy 'unionstats export' (lần nhập hoặc kiểm tra sau cũng tự ghi)."
        )


def _read_record(out: Path) -> dict[str, dict]:
    try:
        record = json.loads((out / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _stamp(path: Path) -> list[int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns]


def stale_exports(out: Path | str) -> list[str]:
    """The exports not written from the current version as they are now (none for a store
    not yet committed in versions)."""
    out = Path(out)
    version = current_version(out)
    if version is None:
        return []
    record = _read_record(out)
    stale = []
    for name in EXPORTS:
        entry = record.get(name)
        current = isinstance(entry, dict) and entry.get("version") == version.name
        # an export edited, deleted, or present where the version has no such table is stale
        if not current or entry.get("stamp") != _stamp(out / name):
            stale.append(name)
    return stale


def _write_one(version: Path, name: str, target: Path) -> bool:
    """Write the export ``name`` of ``version`` at ``target``; False when the version has no
    such table (``completeness.csv`` before the first validation)."""
    if name == VALUES_CSV:
        from unionstats.store.files import VALUE_COLUMNS
        from unionstats.store.partitions import join_csv_parts

        join_csv_parts(version / PARTS_FOLDER / "values", target, list(VALUE_COLUMNS))
        return True
    source = version / name
    if not source.is_file():
        return False
    write_file(target, lambda path: shutil.copyfile(source, path))
    return True


def write_exports(out: Path | str, names: list[str] | tuple[str, ...] = EXPORTS) -> ExportOutcome:
    """Write the exports ``names`` from the current version (see the module docstring)."""
    out = Path(out)
    version = current_version(out)
    if version is None or not names:
        return ExportOutcome()
    record = _read_record(out)
    written, held = [], []
    for name in names:
        target = out / name
        try:
            if not _write_one(version, name, target) and target.exists():
                target.unlink()  # an export of a table the current version does not have
        except PermissionError:  # open in Excel on Windows: the store is committed anyway
            held.append(name)
            record.pop(name, None)
            continue
        written.append(name)
        record[name] = {"version": version.name, "stamp": _stamp(target)}
    write_text(out / RECORD, json.dumps(record, indent=1, sort_keys=True))
    return ExportOutcome(tuple(written), tuple(held))


def refresh_exports(out: Path | str, command: str) -> ExportOutcome:
    """Write the stale exports, if any, under the store's lock: for a run that found nothing
    else to do, so that an export left unwritten (open in Excel, a killed run) is written."""
    if not stale_exports(out):
        return ExportOutcome()
    with store_lock(Path(out), command):
        clean_up(out)  # a killed run's temporary files
        return write_exports(out, stale_exports(out))
