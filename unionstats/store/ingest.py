"""Raw folder -> store: one ingest run.

A run lists every file under the raw folder (:mod:`unionstats.read.inventory`), reads the
new or changed ones by content hash (:mod:`unionstats.read.batch`), keeps what earlier runs
read from unchanged ones, decides which submission is current for each unit and period
(:mod:`unionstats.store.assemble`), and writes the store once
(:mod:`unionstats.store.files`). A file that cannot be read is quarantined with a one-line
Vietnamese reason; the other files are still ingested.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

import pandas as pd

from unionstats.errors import UsageError
from unionstats.read.batch import Supervisor, Task, read_many
from unionstats.read.inventory import (
    Entry,
    file_sha256,
    list_entries,
    listing_sha256,
    modified_iso,
    reference_sha256,
    skip_reason,
    unreadable_reason,
)
from unionstats.read.labels import label_index
from unionstats.read.submission import FileOutcome
from unionstats.reference import Registry, load_registry
from unionstats.store.assemble import (
    PreviousStore,
    findings_table,
    manifest_table,
    new_rows,
    part_status,
    resolve_supersession,
    reuse_stored,
    status_of_rows,
    value_orders,
)
from unionstats.store.earlier import Earlier, EarlierFiles, read_earlier
from unionstats.store.exports import EXPORT_HELD_EXIT, ExportOutcome, write_exports
from unionstats.store.files import (
    COMPLETENESS_FILE,
    DETAIL_COLUMNS,
    VALUE_COLUMNS,
    count_severity,
    is_partitioned,
    normalise_details,
    normalise_values,
    read_findings,
    read_manifest,
    read_manifest_parts,
    read_values,
    write_store,
    write_summary,
)
from unionstats.store.lock import store_lock
from unionstats.store.partitions import NO_PERIOD, Layout, Partitioned
from unionstats.store.summary import summarise
from unionstats.store.versions import clean_up, new_version, read_folder


@dataclass
class IngestResult:
    """The outcome of one run, for the command line's summary.

    ``manifest``, ``values`` and ``findings`` are read from the committed store when first
    asked for: a run itself only holds the partitions it touched.
    """

    summary: dict
    out: Path
    parsed: int = 0
    reused: int = 0
    exports: ExportOutcome = field(default_factory=ExportOutcome)

    @cached_property
    def manifest(self) -> pd.DataFrame:
        return read_manifest(self.out)

    @cached_property
    def values(self) -> pd.DataFrame:
        return read_values(self.out)

    @cached_property
    def findings(self) -> pd.DataFrame:
        return read_findings(self.out)

    def count(self, status: str) -> int:
        """How many files have ``status`` (a file with one current submission is ingested)."""
        return int(self.summary["status"].get(status, 0))

    @property
    def exit_code(self) -> int:
        """0 when nothing is quarantined, 3 otherwise, 4 when an export for Excel could not be
        written (see the README's exit codes)."""
        return EXPORT_HELD_EXIT if self.exports.held else int(self.summary["exit_code"])


@dataclass
class Inventory:
    """The raw folder against the previous manifest.

    ``kept`` are the files unchanged since the last run (their rows stay in the store);
    ``rows`` the manifest rows of the others (skipped, to read) and of kept files whose
    modification time changed without their content; ``tasks`` the files to read.
    """

    earlier: EarlierFiles
    rows: dict[str, dict[str, object]] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)
    tasks: list[Task] = field(default_factory=list)

    @property
    def layout(self) -> Layout:
        """The layout the new version is written in."""
        return self.earlier.layout

    def missing(self) -> list[str]:
        """Files read in earlier runs and no longer in the raw folder (their rows are kept)."""
        listed = self.kept | self.rows.keys()
        return sorted(path for path in self.earlier if path not in listed and self.earlier.reusable(path))


def _now() -> str:
    """The run's time, to the microsecond: it orders submissions seen in successive runs."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def take_inventory(
    entries: list[Entry], reference: Path, ref_hash: str, earlier: EarlierFiles, run_time: str
) -> Inventory:
    """Sort the raw folder's ``entries``: skipped files, unchanged files (kept), files to read."""
    inventory = Inventory(earlier)
    for entry, unchanged in zip(entries, earlier.unchanged(entries, ref_hash), strict=True):
        if unchanged:  # same size and time: same content, as make and git assume
            inventory.kept.add(entry.relative)
            continue
        relative, size = entry.relative, str(entry.status.st_size)
        modified = modified_iso(entry.status.st_mtime_ns)
        before = earlier.get(relative)
        reason = skip_reason(entry)
        reusable = reason is None and before is not None and before.reusable
        reusable = reusable and before.reference_sha256 == ref_hash
        row: dict[str, object] = {"path": relative, "size": size, "modified": modified}
        row["reference_sha256"] = ref_hash
        inventory.rows[relative] = row
        if reason:
            _skip(row, reason, before, run_time)
            continue
        same_file = (
            before is not None and before.sha256 and (before.modified, before.size) == (modified, size)
        )
        try:
            sha = before.sha256 if same_file else file_sha256(entry.path)
        except OSError as error:  # gone since it was listed, or not openable
            _skip(row, unreadable_reason(error), before, run_time)
            continue
        row |= {"sha256": sha, "first_seen": _first_seen(before, sha, run_time)}
        if reusable and before.sha256 == sha:  # touched, not changed: its manifest row is renewed
            inventory.kept.add(relative)
        else:
            inventory.tasks.append((entry.path, relative, sha, str(reference)))
    return inventory


def _skip(row: dict[str, object], reason: str, before: Earlier | None, run_time: str) -> None:
    row |= {"sha256": "", "status": "skipped", "message": reason}
    row["first_seen"] = _first_seen(before, "", run_time)


def _first_seen(before: Earlier | None, sha: str, run_time: str) -> str:
    if before is not None and before.sha256 == sha and before.first_seen:
        return before.first_seen
    return run_time


def touched_keys(out: Path, inventory: Inventory, outcomes: dict[str, FileOutcome]) -> set[str] | None:
    """The partitions this run rewrites: those of every file read now (its submissions and
    its findings) and those that the files listed again with a new row (read again, now
    skipped, touched) or dropped from the raw folder leave. None when every partition is
    rewritten (a store of an older layout, or none yet)."""
    if not is_partitioned(out, inventory.layout):
        return None
    keys = {NO_PERIOD}
    for outcome in outcomes.values():
        keys |= {inventory.layout.key(part.period, part.unit) for part in outcome.parts}
        keys |= {inventory.layout.key(f.period, f.unit) for f in outcome.findings}
    listed = inventory.kept | inventory.rows.keys()
    earlier = inventory.earlier
    for path in earlier:
        if path in inventory.rows or (path not in listed and not earlier.reusable(path)):
            keys |= earlier[path].keys
    return keys


def ingest(
    raw: Path,
    out: Path,
    reference: Path,
    *,
    workers: int | None = None,
    progress: bool = False,
    entries: list[Entry] | None = None,
    supervisor: Supervisor | None = None,
) -> IngestResult:
    """Ingest every submission under ``raw`` into the store at ``out``.

    Parameters
    ----------
    raw
        The folder of submissions (one sub-folder per period, by convention). Read only.
    out
        The processed store folder; created if missing.
    reference
        The registry folder (``data/reference``).
    workers
        Processes for parsing large batches (default: the machine's cores).
    progress
        Show a progress bar (only on a terminal).
    entries
        ``raw`` as :func:`~unionstats.read.inventory.list_entries` listed it, if the caller
        already did (the command line lists it once to tell whether anything changed).
    supervisor
        Reader processes the caller started already (with ``spawn``, the command line starts
        them before it loads this module, so that their start-up overlaps its own); they are
        closed when the files are read.
    """
    raw, out, reference = Path(raw), Path(out), Path(reference)
    with contextlib.closing(supervisor) if supervisor is not None else contextlib.nullcontext():
        return _ingest(raw, out, reference, workers, progress, entries, supervisor)


def _ingest(
    raw: Path,
    out: Path,
    reference: Path,
    workers: int | None,
    progress: bool,
    entries: list[Entry] | None,
    supervisor: Supervisor | None,
) -> IngestResult:
    _require_apart(raw, out)
    registry = load_registry(reference)
    label_index(registry.catalogue)  # a wording given to two indicators stops the run here
    with store_lock(out, "ingest"):
        clean_up(out)
        layout = Layout.for_units(len(registry.units))
        entries = list_entries(raw) if entries is None else entries
        ref_hash = reference_sha256(reference)
        inventory = take_inventory(entries, reference, ref_hash, read_earlier(out, layout), _now())
        outcomes = {
            outcome.path: outcome
            for outcome in read_many(inventory.tasks, registry, _workers(workers), progress, supervisor)
        }
        keys = touched_keys(out, inventory, outcomes)
        missing = inventory.missing()
        rows = inventory.rows
        stored_rows = read_manifest(out) if keys is None else read_manifest_parts(out, keys)
        reuse_stored(stored_rows, inventory.kept | set(missing), rows, outcomes)
        resolve_supersession(rows, outcomes)
        with new_version(out, carry=(COMPLETENESS_FILE,)) as staging:
            severity = _assemble_and_write(out, staging, keys, registry, inventory, outcomes, missing)
            summary = summarise(staging, severity, missing)
            summary["listing_sha256"] = listing_sha256(entries, ref_hash)
            write_summary(staging, summary)
        exports = write_exports(out)
    return IngestResult(summary, out, len(inventory.tasks), len(inventory.kept), exports)


def _workers(asked: int | None) -> int:
    """Reader processes: as asked (0 reads in this process, without isolation), else one per
    core."""
    return (os.cpu_count() or 1) if asked is None else asked


def _require_apart(raw: Path, out: Path) -> None:
    """The store is never written inside the raw folder (which is read only), nor the reverse."""
    raw_real, out_real = raw.resolve(), out.resolve()
    if out_real == raw_real or raw_real in out_real.parents or out_real in raw_real.parents:
        raise UsageError(
            f"Thư mục kho và thư mục báo cáo {raw} lồng vào nhau: kho sẽ bị đọc như báo cáo, báo cáo gốc "
            "bị ghi vào; chọn --out ở ngoài thư mục báo cáo (mặc định data/processed).",
            file=str(out),
            code="out_inside_raw",
        )


def _assemble_and_write(
    out: Path,
    staging: Path,
    keys: set[str] | None,
    registry: Registry,
    inventory: Inventory,
    outcomes: dict[str, FileOutcome],
    missing: list[str],
) -> dict[str, int]:
    """Combine this run's outcomes with the previous store's kept rows of the touched
    partitions (``keys``; every one when None); write the new version. Returns the count of
    findings per severity across every period."""
    loaded = None if keys is None else keys | {NO_PERIOD}
    reused = {path: inventory.earlier.sha256(path) for path in (*inventory.kept, *missing)}
    stored = PreviousStore.load(out, reused, loaded)
    rows = inventory.rows
    status = part_status(outcomes)
    every = pd.concat(
        [stored.values, new_rows(outcomes, rows, registry, "records", VALUE_COLUMNS)], ignore_index=True
    )
    details = pd.concat(
        [stored.details, new_rows(outcomes, rows, registry, "details", DETAIL_COLUMNS)], ignore_index=True
    )
    with_findings = set(stored.findings["file"]) & reused.keys()
    findings = findings_table(
        outcomes, missing, stored.findings, _current_elsewhere(inventory, with_findings, loaded)
    )
    if loaded is not None:
        findings = findings[inventory.layout.keys(findings, "unit").isin(loaded)]
    del stored
    every = normalise_values(every)
    current, superseded = value_orders(every, status, inventory.layout)
    tables = {
        "values": Partitioned.of(every, inventory.layout, "unit_code", current),
        "history": Partitioned.of(every, inventory.layout, "unit_code", superseded),
        "details": normalise_details(details[status_of_rows(details, status) == "ingested"]),
        "findings": findings,
        "manifest": manifest_table(rows, outcomes),
    }
    del every, details  # the rows are held once, by the tables
    write_store(staging, read_folder(out), keys, tables, inventory.layout)
    return count_severity(staging)


def _current_elsewhere(inventory: Inventory, files: set[str], loaded: set[str] | None) -> set[str]:
    """Those of ``files`` (reused files with findings kept now) that have a current submission
    in a partition not loaded now: they stay current whatever this run decides in the
    partitions it loads."""
    if loaded is None:
        return set()
    earlier = inventory.earlier
    return {path for path in files if path in earlier and not earlier.current_keys(path) <= loaded}
