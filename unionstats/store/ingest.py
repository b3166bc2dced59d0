"""Raw folder -> store: one ingest run.

A run lists every file under the raw folder (:mod:`unionstats.read.inventory`), reads the
new or changed ones by content hash (:mod:`unionstats.read.batch`), keeps what earlier runs
read from unchanged ones, decides which submission is current for each unit and period
(:mod:`unionstats.store.assemble`), and writes the store once
(:mod:`unionstats.store.files`). A file that cannot be read is quarantined with a one-line
Vietnamese reason; the other files are still ingested.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

import pandas as pd

from unionstats.read.batch import Task, read_many
from unionstats.read.inventory import (
    file_sha256,
    list_entries,
    modified_iso,
    reference_sha256,
    skip_reason,
)
from unionstats.read.labels import label_index
from unionstats.read.submission import FileOutcome
from unionstats.reference import Registry, load_registry
from unionstats.store.assemble import (
    REUSABLE,
    PreviousStore,
    carry_missing,
    findings_table,
    first_seen,
    manifest_table,
    new_rows,
    part_status,
    resolve_supersession,
    reused_outcome,
    rows_by_path,
    sort_values,
    status_of_rows,
    touched_periods,
)
from unionstats.store.files import (
    COMPLETENESS_FILE,
    DETAIL_COLUMNS,
    STATUSES,
    VALUE_COLUMNS,
    is_partitioned,
    manifest_by_file,
    normalise_details,
    read_findings,
    read_manifest,
    read_values,
    write_store,
    write_summary,
)
from unionstats.store.lock import store_lock
from unionstats.store.partitions import NO_PERIOD, PARTS, partition_key, read_csv_parts
from unionstats.store.versions import clean_up, new_version, read_folder


@dataclass
class IngestResult:
    """The outcome of one run, for the command line's summary.

    ``values`` and ``findings`` are read from the committed store when first asked for: a run
    itself only holds the periods it touched.
    """

    manifest: pd.DataFrame
    out: Path
    parsed: int = 0
    reused: int = 0

    @cached_property
    def values(self) -> pd.DataFrame:
        return read_values(self.out)

    @cached_property
    def findings(self) -> pd.DataFrame:
        return read_findings(self.out)

    @cached_property
    def _file_statuses(self) -> pd.Series:
        """Each file's status once (a file with one current submission counts as ingested)."""
        return manifest_by_file(self.manifest)["status"].value_counts()

    def count(self, status: str) -> int:
        """How many files have ``status``."""
        return int(self._file_statuses.get(status, 0))

    @property
    def exit_code(self) -> int:
        """0 when nothing is quarantined, 3 otherwise (see the README's exit codes)."""
        return 3 if self.count("quarantined") else 0


@dataclass
class Inventory:
    """The raw folder against the previous manifest: a manifest row per file, what to read."""

    previous_rows: dict[str, list] = field(default_factory=dict)  # the previous manifest's rows by path
    rows: dict[str, dict[str, object]] = field(default_factory=dict)
    outcomes: dict[str, FileOutcome] = field(default_factory=dict)
    tasks: list[Task] = field(default_factory=list)


def _now() -> str:
    """The run's time, to the microsecond: it orders submissions seen in successive runs."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def take_inventory(raw: Path, reference: Path, previous: pd.DataFrame, run_time: str) -> Inventory:
    """List ``raw``: skipped files, unchanged files (reused), and files to read."""
    ref_hash = reference_sha256(reference)
    previous_rows = rows_by_path(previous)
    previous_by_path = {path: earlier[0] for path, earlier in previous_rows.items()}
    inventory = Inventory(previous_rows)
    for entry in list_entries(raw):
        relative, path = entry.relative, entry.path
        row: dict[str, object] = {
            "path": relative,
            "size": entry.status.st_size,
            "modified": modified_iso(entry.status.st_mtime),
            "reference_sha256": ref_hash,
        }
        inventory.rows[relative] = row
        reason = skip_reason(entry)
        if reason:
            row |= {"sha256": "", "status": "skipped", "message": reason}
            row["first_seen"] = first_seen(previous_by_path, relative, "", run_time)
            continue
        earlier = previous_by_path.get(relative)
        unchanged = earlier is not None and earlier.sha256 and earlier.modified == row["modified"]
        unchanged = unchanged and str(earlier.size) == str(row["size"])
        sha = earlier.sha256 if unchanged else file_sha256(path)  # same size and time: same content
        row |= {"sha256": sha, "first_seen": first_seen(previous_by_path, relative, sha, run_time)}
        if (
            earlier is not None
            and earlier.sha256 == sha
            and earlier.status in REUSABLE
            and earlier.reference_sha256 == ref_hash
        ):
            inventory.outcomes[relative] = reused_outcome(previous_rows[relative])
        else:
            inventory.tasks.append((str(path), relative, sha, str(reference)))
    return inventory


def ingest(
    raw: Path, out: Path, reference: Path, *, workers: int | None = None, progress: bool = False
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
    """
    raw, out, reference = Path(raw), Path(out), Path(reference)
    registry = load_registry(reference)
    label_index(registry.catalogue)  # a wording given to two indicators stops the run here
    with store_lock(out, "ingest"):
        clean_up(out)
        previous = read_manifest(out)
        inventory = take_inventory(raw, reference, previous, _now())
        rows, outcomes = inventory.rows, inventory.outcomes
        reused = len(outcomes)
        for outcome in read_many(inventory.tasks, registry, workers or os.cpu_count() or 1, progress):
            outcomes[outcome.path] = outcome
        missing = carry_missing(inventory.previous_rows, rows, outcomes)
        resolve_supersession(rows, outcomes)
        keys = touched_periods(previous, outcomes, is_partitioned(out))
        with new_version(out, carry=(COMPLETENESS_FILE,)) as staging:
            manifest, severity = _assemble_and_write(
                out, staging, keys, registry, previous, rows, outcomes, missing
            )
            result = IngestResult(manifest, out, parsed=len(inventory.tasks), reused=reused)
            write_summary(staging, summarise(result, severity))
    return result


def _assemble_and_write(
    out: Path,
    staging: Path,
    keys: set[str] | None,
    registry: Registry,
    previous: pd.DataFrame,
    rows: dict[str, dict],
    outcomes: dict[str, FileOutcome],
    missing: list[str],
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Combine this run's outcomes with the previous store's kept rows of the touched periods
    (``keys``; every period when None); write the new version. Returns the manifest and the
    count of findings per severity across every period."""
    loaded = None if keys is None else keys | {NO_PERIOD}
    stored = PreviousStore.load(out, previous, {p for p, o in outcomes.items() if o.reused}, rows, loaded)
    status = part_status(outcomes)
    every = pd.concat(
        [stored.values, new_rows(outcomes, rows, registry, "records", VALUE_COLUMNS)], ignore_index=True
    )
    every_status = status_of_rows(every, status)
    details = pd.concat(
        [stored.details, new_rows(outcomes, rows, registry, "details", DETAIL_COLUMNS)], ignore_index=True
    )
    findings = findings_table(outcomes, rows, missing, stored.findings)
    if loaded is not None:
        findings = findings[findings["period"].map(partition_key).isin(loaded)]
    tables = {
        "values": sort_values(every[every_status == "ingested"]),
        "history": sort_values(every[every_status == "superseded"]),
        "details": normalise_details(details[status_of_rows(details, status) == "ingested"]),
        "findings": findings,
        "manifest": manifest_table(rows, outcomes),
    }
    write_store(staging, read_folder(out), keys, tables)
    severity = read_csv_parts(staging / PARTS / "findings", ("severity",))["severity"].value_counts()
    return tables["manifest"], {s: int(severity.get(s, 0)) for s in ("error", "warning", "info")}


def summarise(result: IngestResult, severity: dict[str, int]) -> dict[str, object]:
    """What the command line prints after a run, kept in ``summary.json`` for the next one.

    Counts come from the manifest (each ingested file's unit, period and number of values),
    so that a run need not load the periods it did not touch.
    """
    ingested = result.manifest[result.manifest["status"] == "ingested"]
    ingested = ingested.assign(n_values=ingested["n_values"].astype(int))
    per_period = ingested.groupby("period").agg(n_units=("unit", "nunique"), n_values=("n_values", "sum"))
    quarantined = result.manifest[result.manifest["status"] == "quarantined"]
    return {
        "status": {status: result.count(status) for status in STATUSES},
        "n_values": int(ingested["n_values"].sum()),
        "severity": severity,
        "periods": [[period, int(row.n_units), int(row.n_values)] for period, row in per_period.iterrows()],
        "quarantined": list(quarantined["message"]),
        "exit_code": result.exit_code,
    }
