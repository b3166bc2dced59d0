"""The tidy store in ``data/processed``: its columns, reading and writing its files.

The store's file contract (see ``docs/architecture.md``): ``values.parquet`` (current
figures), ``values_superseded.parquet`` (figures of replaced submissions),
``cdcs_values.parquet`` (attached CĐCS lists), ``manifest.csv`` (one row per raw file, and
per submission of a file that holds several) and ``findings.csv``. Every file is written
atomically (:mod:`unionstats.atomic`) into a new version that one pointer file makes
current (:mod:`unionstats.store.versions`); the large tables are kept by partition
(:mod:`unionstats.store.partitions`); the CSV files an analyst opens in Excel are exports
of the current version (:mod:`unionstats.store.exports`).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from unionstats.atomic import write_file
from unionstats.errors import StoreError
from unionstats.findings import FINDING_COLUMNS, SEVERITIES
from unionstats.spreadsheet_text import safe_frame
from unionstats.store.partitions import (
    NO_PERIOD,
    PARTS,
    Layout,
    Partitioned,
    carry_partitions,
    join_csv_parts,
    read_csv_parts,
    read_parquet_partitions,
    write_csv_parts,
    write_parquet_partitions,
)
from unionstats.store.text_csv import read_text_csv
from unionstats.store.versions import read_folder

_WHEN_WHO = ("period", "year", "period_type", "unit_code")
_PROVENANCE = ("source_file", "sheet", "cell", "raw", "file_sha256")
VALUE_COLUMNS = (*_WHEN_WHO, "unit_name", "cluster_code", "indicator", "value", *_PROVENANCE)
DETAIL_COLUMNS = (*_WHEN_WHO, "cluster_code", "cdcs_name", "indicator", "value", *_PROVENANCE)
MANIFEST_COLUMNS = (
    "path",
    "sha256",
    "status",
    "unit",
    "period",
    "sheet",
    "n_values",
    "message",
    "size",
    "modified",
    "first_seen",
    "superseded_by",
    "reference_sha256",
    "form_version",
)
STATUSES = ("ingested", "quarantined", "superseded", "skipped")
# a file of several submissions counts once, under its first status in this order
STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}
VALUES_FILE = "values.parquet"
VALUES_CSV = "values.csv"
HISTORY_FILE = "values_superseded.parquet"
DETAILS_FILE = "cdcs_values.parquet"
MANIFEST_FILE = "manifest.csv"
FINDINGS_FILE = "findings.csv"
COMPLETENESS_FILE = "completeness.csv"
PARTITIONED = (VALUES_FILE, HISTORY_FILE, DETAILS_FILE)
SUMMARY_FILE = "summary.json"
_UNIT_COLUMNS = {"values": "unit_code", "history": "unit_code", "details": "unit_code", "findings": "unit"}
_UNIT_COLUMNS["manifest"] = "unit"


def empty_values() -> pd.DataFrame:
    """A values table with the store's columns and dtypes and no rows."""
    return normalise_values(pd.DataFrame(columns=list(VALUE_COLUMNS)))


def _normalise(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """``frame`` with exactly ``columns`` in order: text columns as str, year int, value float.

    A column already of its type is left as it is (not copied: a large store's table is
    normalised several times on its way to disk).
    """
    frame = frame.reindex(columns=list(columns))
    for column in columns:
        values = frame[column]
        if column in ("year", "value"):
            wanted = "int64" if column == "year" else "float64"
            if values.dtype != wanted:
                frame[column] = pd.to_numeric(values).astype(wanted)
        elif not (isinstance(values.dtype, pd.StringDtype) and not values.hasnans):
            frame[column] = values.fillna("").astype(str)
    return frame.reset_index(drop=True)


def normalise_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with exactly :data:`VALUE_COLUMNS` in order and stable dtypes."""
    return _normalise(frame, VALUE_COLUMNS)


def normalise_details(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with exactly :data:`DETAIL_COLUMNS` and stable dtypes."""
    return _normalise(frame, DETAIL_COLUMNS)


def write_csv(frame: pd.DataFrame, target: Path) -> None:
    """CSV for Excel users: a byte-order mark (Vietnamese text opens correctly) and text
    that could run as a formula neutralised (see :mod:`unionstats.spreadsheet_text`)."""
    frame = safe_frame(frame)
    rows = frame.astype(object).where(frame.notna(), "").itertuples(index=False, name=None)

    def write(path: Path) -> None:
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(frame.columns)
            writer.writerows(rows)

    write_file(target, write)


def write_store(
    staging: Path,
    previous: Path,
    touched: set[str] | None,
    tables: dict[str, pd.DataFrame],
    layout: Layout,
) -> None:
    """Write the tables of a new version into ``staging``, partition by partition.

    ``tables`` holds ``values``, ``history``, ``details``, ``findings`` and ``manifest`` for
    the partitions in ``touched`` (plus the rows without a period); ``values``, ``history``
    and ``details`` as frames or as rows already cut (:class:`Partitioned`). The large
    tables are taken out of it as they are written. The other partitions are
    hard-linked from the ``previous`` version; ``touched`` = None rewrites every partition
    from ``tables``. ``findings.csv`` and ``manifest.csv`` are joined from their parts;
    ``values.csv`` is joined only as an export, after the commit (:mod:`.exports`).
    """
    staging = Path(staging)
    if touched is None:
        found = (_keys_of(tables[name], layout, column) for name, column in _UNIT_COLUMNS.items())
        keys = {NO_PERIOD}.union(*found)
    else:
        keys = set(touched) | {NO_PERIOD}
        carry_partitions(previous, staging, PARTITIONED, keys)
        carry_partitions(previous / PARTS, staging / PARTS, ("values", "findings", "manifest"), keys)
    values = _partitioned(tables.pop("values"), layout, normalise_values)
    write_parquet_partitions(values, staging / VALUES_FILE, keys)
    write_csv_parts(values, staging / PARTS / "values", keys)
    history = _partitioned(tables.pop("history"), layout, normalise_values)
    write_parquet_partitions(history, staging / HISTORY_FILE, keys)
    details = _partitioned(tables.pop("details"), layout, normalise_details)
    write_parquet_partitions(details, staging / DETAILS_FILE, keys)
    findings = tables["findings"].reindex(columns=list(FINDING_COLUMNS)).fillna("")
    write_csv_parts(Partitioned.of(findings, layout, "unit"), staging / PARTS / "findings", keys)
    _write_severity(staging, previous, keys, layout.keys(findings, "unit"), findings)
    manifest = tables["manifest"].reindex(columns=list(MANIFEST_COLUMNS)).fillna("")
    manifest = manifest.sort_values(["path", "sheet"], kind="stable")
    write_csv_parts(Partitioned.of(manifest, layout, "unit"), staging / PARTS / "manifest", keys)
    layout.write_marker(staging)
    join_csv_parts(staging / PARTS / "findings", staging / FINDINGS_FILE, list(FINDING_COLUMNS))
    join_csv_parts(staging / PARTS / "manifest", staging / MANIFEST_FILE, list(MANIFEST_COLUMNS))


def _keys_of(table: pd.DataFrame | Partitioned, layout: Layout, unit_column: str) -> set[str]:
    """The partitions ``table`` has rows in."""
    if isinstance(table, Partitioned):
        return {key for key, _, _ in table.runs}
    return set(layout.keys(table, unit_column))


def _partitioned(
    table: pd.DataFrame | Partitioned, layout: Layout, normalise: Callable[[pd.DataFrame], pd.DataFrame]
) -> Partitioned:
    """A table given as rows already cut into partitions, or as a frame to normalise and cut."""
    return table if isinstance(table, Partitioned) else Partitioned.of(normalise(table), layout, "unit_code")


def write_summary(out: Path, summary: dict[str, object]) -> None:
    """Write ``summary.json`` last, stamped with the hash of the manifest it describes."""
    import json

    from unionstats.read.inventory import file_sha256

    stamped = {**summary, "manifest_sha256": file_sha256(Path(out) / MANIFEST_FILE)}
    write_file(
        Path(out) / SUMMARY_FILE,
        lambda path: path.write_text(json.dumps(stamped, ensure_ascii=False, indent=1), encoding="utf-8"),
    )


def _missing_store(processed: Path) -> StoreError:
    return StoreError(
        f"Chưa có kho dữ liệu ở {processed}: chạy 'unionstats ingest' trước.", code="store_missing"
    )


def read_values(processed: Path, keys: set[str] | None = None) -> pd.DataFrame:
    """Read the current values (superseded submissions excluded): all, or those of the
    partitions ``keys`` (:meth:`Layout.key` names such as ``2020-FY.03``, not periods)."""
    path = read_folder(processed) / VALUES_FILE
    if not path.exists():
        raise _missing_store(Path(processed))
    return read_parquet_partitions(path, normalise_values, keys)


def read_history(processed: Path, keys: set[str] | None = None) -> pd.DataFrame:
    """Read the values of superseded submissions (empty if none): all, or the partitions ``keys``."""
    return read_parquet_partitions(read_folder(processed) / HISTORY_FILE, normalise_values, keys)


def _read_text_csv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """A CSV this package wrote, as text columns (empty with ``columns`` if absent)."""
    return read_text_csv([path] if path.is_file() else [], columns)


def read_manifest(processed: Path) -> pd.DataFrame:
    """Read the manifest, or an empty one if the store has never been written."""
    return read_manifest_file(read_folder(processed))


def read_manifest_file(folder: Path) -> pd.DataFrame:
    """The manifest of the version (or staging folder) ``folder``."""
    return _read_text_csv(Path(folder) / MANIFEST_FILE, MANIFEST_COLUMNS)


def read_manifest_parts(processed: Path, keys: set[str]) -> pd.DataFrame:
    """The manifest's rows of the partitions ``keys``."""
    return read_csv_parts(read_folder(processed) / PARTS / "manifest", MANIFEST_COLUMNS, keys)


SEVERITY_FILE = "severity.json"  # in parts/: each findings part's count by severity


def count_severity(folder: Path) -> dict[str, int]:
    """How many findings of each severity the version ``folder``'s findings parts hold."""
    import json

    counts = json.loads((Path(folder) / PARTS / SEVERITY_FILE).read_text(encoding="utf-8"))
    return {s: sum(part[i] for part in counts.values()) for i, s in enumerate(SEVERITIES)}


def _write_severity(
    staging: Path, previous: Path, keys: set[str], partition: pd.Series, findings: pd.DataFrame
) -> None:
    """``parts/severity.json``: the counts of the parts written now, and of those carried
    (from the previous version's file, or counted again where it lacks them)."""
    import json

    earlier_file = previous / PARTS / SEVERITY_FILE
    try:  # the previous version's counts; a part they lack (or an unreadable file) is counted again
        earlier = json.loads(earlier_file.read_text(encoding="utf-8")) if earlier_file.is_file() else {}
    except (OSError, ValueError):
        earlier = {}
    counts: dict[str, list[int]] = {}
    for part in sorted((staging / PARTS / "findings").glob("*.csv")):
        if part.stem not in keys and part.stem in earlier:
            counts[part.stem] = earlier[part.stem]
        elif part.stem not in keys:
            found = read_csv_parts(part.parent, ("severity",), {part.stem})["severity"].value_counts()
            counts[part.stem] = [int(found.get(s, 0)) for s in SEVERITIES]
    written = findings.groupby([partition, findings["severity"]]).size()
    for (key, severity), n in written.items():
        if key in keys:
            counts.setdefault(key, [0, 0, 0])[SEVERITIES.index(severity)] = int(n)
    text = json.dumps(counts, sort_keys=True)
    write_file(staging / PARTS / SEVERITY_FILE, lambda path: path.write_text(text, encoding="utf-8"))


def manifest_by_file(manifest: pd.DataFrame) -> pd.DataFrame:
    """One manifest row per file (a file of several submissions has a row for each): the
    row of its current submission when it has one, so that a file counts as ingested while
    any of its submissions is current."""
    rank = manifest["status"].map(STATUS_RANK)
    ordered = manifest.assign(_rank=rank).sort_values("_rank", kind="stable")
    return ordered.drop_duplicates("path").drop(columns="_rank")


def read_findings(processed: Path) -> pd.DataFrame:
    """Read the findings table (empty if none)."""
    return _read_text_csv(read_folder(processed) / FINDINGS_FILE, FINDING_COLUMNS)


def read_details(processed: Path, keys: set[str] | None = None) -> pd.DataFrame:
    """Read the CĐCS detail values (empty if no unit attached a CĐCS list): all, or the
    partitions ``keys``."""
    return read_parquet_partitions(read_folder(processed) / DETAILS_FILE, normalise_details, keys)


def read_findings_parts(processed: Path, keys: set[str] | None) -> pd.DataFrame:
    """Ingest's own findings of the partitions ``keys`` (the parts validation never touches)."""
    folder = read_folder(processed)
    if not (folder / PARTS).is_dir():  # the older layout: one findings.csv, read and rewritten whole
        return read_findings(processed)
    return read_csv_parts(folder / PARTS / "findings", FINDING_COLUMNS, keys)


def is_partitioned(processed: Path, layout: Layout) -> bool:
    """True when the current version keeps its tables, the manifest included, in ``layout``."""
    return layout.is_of(read_folder(processed))


def read_summary(processed: Path) -> dict:
    """The summary of the last ingest (``summary.json``), as the command line prints it."""
    import json

    return json.loads((read_folder(processed) / SUMMARY_FILE).read_text(encoding="utf-8"))
