"""The tidy store in ``data/processed``: its columns, reading and writing its files.

The store's file contract (see ``docs/architecture.md``): ``values.parquet`` (current
figures), ``values_superseded.parquet`` (figures of replaced submissions),
``cdcs_values.parquet`` (attached CĐCS lists), ``values.csv`` (the values for Excel),
``manifest.csv`` (one row per raw file) and ``findings.csv``. Every file is written
atomically (:mod:`unionstats.atomic`); the manifest is written last, so a run stopped
half-way is recognised and redone by the next one. Where the files live and how a run
commits them: :mod:`unionstats.store.versions`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from unionstats.atomic import write_file
from unionstats.errors import StoreError
from unionstats.findings import FINDING_COLUMNS
from unionstats.spreadsheet_text import restore_text, safe_frame
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
    "n_values",
    "message",
    "size",
    "modified",
    "first_seen",
    "superseded_by",
    "reference_sha256",
)
STATUSES = ("ingested", "quarantined", "superseded", "skipped")
VALUES_FILE = "values.parquet"
VALUES_CSV = "values.csv"
HISTORY_FILE = "values_superseded.parquet"
DETAILS_FILE = "cdcs_values.parquet"
MANIFEST_FILE = "manifest.csv"
FINDINGS_FILE = "findings.csv"
COMPLETENESS_FILE = "completeness.csv"
SUMMARY_FILE = "summary.json"


def empty_values() -> pd.DataFrame:
    """A values table with the store's columns and dtypes and no rows."""
    return normalise_values(pd.DataFrame(columns=list(VALUE_COLUMNS)))


def _normalise(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """``frame`` with exactly ``columns`` in order: text columns as str, year int, value float."""
    frame = frame.reindex(columns=list(columns))
    text_columns = [c for c in columns if c not in ("year", "value")]
    frame[text_columns] = frame[text_columns].fillna("").astype(str)
    frame["year"] = pd.to_numeric(frame["year"]).astype("int64")
    frame["value"] = pd.to_numeric(frame["value"]).astype("float64")
    return frame.reset_index(drop=True)


def normalise_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with exactly :data:`VALUE_COLUMNS` in order and stable dtypes."""
    return _normalise(frame, VALUE_COLUMNS)


def normalise_details(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with exactly :data:`DETAIL_COLUMNS` and stable dtypes."""
    return _normalise(frame, DETAIL_COLUMNS)


def write_parquet(frame: pd.DataFrame, target: Path) -> None:
    write_file(target, lambda path: frame.to_parquet(path, index=False))


def write_csv(frame: pd.DataFrame, target: Path) -> None:
    """CSV for Excel users: a byte-order mark (Vietnamese text opens correctly) and text
    that could run as a formula neutralised (see :mod:`unionstats.spreadsheet_text`)."""
    frame = safe_frame(frame)
    write_file(target, lambda path: frame.to_csv(path, index=False, encoding="utf-8-sig"))


def write_values_csv(frame: pd.DataFrame, target: Path) -> None:
    """The values as CSV for Excel users, written by pyarrow (the store's largest table)."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    frame = safe_frame(frame)

    def write(path: Path) -> None:
        with open(path, "wb") as handle:
            handle.write("\ufeff".encode())  # byte-order mark: Excel then reads UTF-8
            pa_csv.write_csv(pa.Table.from_pandas(frame, preserve_index=False), handle)

    write_file(target, write)


def write_store(
    out: Path,
    values: pd.DataFrame,
    history: pd.DataFrame,
    details: pd.DataFrame,
    manifest: pd.DataFrame,
    findings: pd.DataFrame,
) -> None:
    """Write every table of the store into the folder ``out`` (a version being staged)."""
    out = Path(out)
    write_parquet(normalise_values(values), out / VALUES_FILE)
    write_values_csv(normalise_values(values), out / VALUES_CSV)
    write_parquet(normalise_values(history), out / HISTORY_FILE)
    write_parquet(normalise_details(details), out / DETAILS_FILE)
    write_csv(findings.reindex(columns=list(FINDING_COLUMNS)).fillna(""), out / FINDINGS_FILE)
    write_csv(manifest.reindex(columns=list(MANIFEST_COLUMNS)), out / MANIFEST_FILE)


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
        f"Chưa có kho dữ liệu ở {processed}: chạy 'unionstats ingest' trước.",
        file=str(processed),
        code="store_missing",
    )


def read_values(processed: Path) -> pd.DataFrame:
    """Read the current values (superseded submissions excluded)."""
    path = read_folder(processed) / VALUES_FILE
    if not path.is_file():
        raise _missing_store(Path(processed))
    return normalise_values(pd.read_parquet(path))


def read_history(processed: Path) -> pd.DataFrame:
    """Read the values of superseded submissions (empty if none)."""
    path = read_folder(processed) / HISTORY_FILE
    return normalise_values(pd.read_parquet(path)) if path.is_file() else empty_values()


def _read_text_csv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """A CSV this package wrote, as text columns (empty with ``columns`` if absent)."""
    if not path.is_file():
        return pd.DataFrame(columns=list(columns))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return frame.reindex(columns=list(columns)).fillna("").map(restore_text)


def read_manifest(processed: Path) -> pd.DataFrame:
    """Read the manifest, or an empty one if the store has never been written."""
    return _read_text_csv(read_folder(processed) / MANIFEST_FILE, MANIFEST_COLUMNS)


def read_findings(processed: Path) -> pd.DataFrame:
    """Read the findings table (empty if none)."""
    return _read_text_csv(read_folder(processed) / FINDINGS_FILE, FINDING_COLUMNS)


def read_details(processed: Path) -> pd.DataFrame:
    """Read the CĐCS detail values (empty if no unit attached a CĐCS list)."""
    path = read_folder(processed) / DETAILS_FILE
    if not path.is_file():
        return normalise_details(pd.DataFrame(columns=list(DETAIL_COLUMNS)))
    return normalise_details(pd.read_parquet(path))
