"""Outcomes -> the store's tables: supersession, the manifest, values and findings.

Pure bookkeeping over what :mod:`unionstats.read` returned and what the previous store
holds: which submission is current for each unit and period, which rows of the previous
store are kept for unchanged files, and the manifest row of every raw file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from unionstats.errors import StoreError
from unionstats.findings import Finding, finding, findings_frame
from unionstats.read.submission import FileOutcome
from unionstats.reference import Registry
from unionstats.store.files import (
    MANIFEST_COLUMNS,
    VALUE_COLUMNS,
    empty_values,
    normalise_details,
    normalise_values,
    read_details,
    read_findings_parts,
    read_history,
    read_values,
)

REUSABLE = ("ingested", "superseded")


def first_seen(previous: dict[str, object], relative: str, sha: str, run_time: str) -> str:
    earlier = previous.get(relative)
    if earlier is not None and earlier.sha256 == sha and earlier.first_seen:
        return str(earlier.first_seen)
    return run_time


def reused_outcome(earlier: object) -> FileOutcome:
    """A file unchanged since the last run: its rows are taken from the store in bulk."""
    return FileOutcome(
        earlier.path,
        earlier.sha256,
        "ingested",
        unit=earlier.unit,
        period=earlier.period,
        reused=True,
        n_values=int(earlier.n_values or 0),
    )


@dataclass
class PreviousStore:
    """The rows an earlier run stored for the files reused now (selected in bulk, not per file)."""

    values: pd.DataFrame
    details: pd.DataFrame
    findings: pd.DataFrame

    @classmethod
    def load(
        cls, out: Path, manifest: pd.DataFrame, reused: set[str], rows: dict[str, dict], keys: set[str] | None
    ) -> PreviousStore:
        """The previous store's rows of the ``reused`` files, in the periods ``keys`` (all: None)."""
        empty = cls(empty_values(), normalise_details(pd.DataFrame()), findings_frame([]))
        if not len(manifest) or not reused:
            return empty
        wanted = {path: rows[path]["sha256"] for path in reused}
        try:
            values = pd.concat([read_values(out, keys), read_history(out, keys)], ignore_index=True)
            details = read_details(out, keys)
            findings = read_findings_parts(out, keys)
        except Exception as error:  # never drop the rows of files that are not read again
            raise StoreError(
                f"Không đọc được kho dữ liệu hiện có ({type(error).__name__}); kho được giữ nguyên. Để dựng "
                f"lại từ data/raw, chuyển thư mục {out} sang chỗ khác rồi chạy lại 'unionstats ingest'.",
                code="store_unreadable",
            ) from None

        def own(frame: pd.DataFrame) -> pd.DataFrame:
            """The rows read from a reused file at the very content hashed now."""
            expected = frame["source_file"].astype(object).map(wanted)
            return frame[(expected == frame["file_sha256"].astype(object)).to_numpy()]

        kept = findings[
            findings["file"].isin(reused)
            & (findings["stage"] != "validate")
            & ~findings["code"].isin(["superseded", "file_missing"])
        ]
        return cls(own(values), own(details), kept)


def touched_periods(
    previous: pd.DataFrame, outcomes: dict[str, FileOutcome], partitioned: bool
) -> set[str] | None:
    """The periods this run changes: those of every file read now, and those that files read
    before (changed, removed from the reading, re-read under new reference data) leave.
    None when everything is rewritten (a store of the older layout)."""
    if not partitioned:
        return None
    touched = {o.period for o in outcomes.values() if not o.reused and o.period}
    for earlier in previous.itertuples(index=False):
        outcome = outcomes.get(earlier.path)
        if earlier.status in REUSABLE and (outcome is None or not outcome.reused):
            touched.add(earlier.period)
    return touched


def carry_missing(previous: pd.DataFrame, rows: dict, outcomes: dict[str, FileOutcome]) -> list[str]:
    """Keep what earlier runs read from files no longer in the raw folder (never lose data)."""
    missing = []
    for earlier in previous.itertuples(index=False):
        if earlier.path in rows or earlier.status not in REUSABLE:
            continue
        rows[earlier.path] = {c: getattr(earlier, c) for c in MANIFEST_COLUMNS}
        outcomes[earlier.path] = reused_outcome(earlier)
        missing.append(earlier.path)
    return missing


def resolve_supersession(rows: dict[str, dict], outcomes: dict[str, FileOutcome]) -> None:
    """For each unit and period, the latest submission is current; earlier ones superseded.

    "Latest" is the file first seen in the latest run, then the latest modification time,
    then the path: a correction sent later replaces the earlier file, which stays in history.
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for path, outcome in outcomes.items():
        if outcome.status in REUSABLE:
            outcome.status = "ingested"
            groups.setdefault((outcome.unit, outcome.period), []).append(path)
    for paths in groups.values():
        paths.sort(key=lambda p: (rows[p]["first_seen"], rows[p]["modified"], p))
        current = paths[-1]
        for path in paths[:-1]:
            outcomes[path].status = "superseded"
            rows[path]["superseded_by"] = current


def manifest_table(rows: dict[str, dict], outcomes: dict[str, FileOutcome]) -> pd.DataFrame:
    records = []
    for path, row in rows.items():
        outcome = outcomes.get(path)
        record = {column: row.get(column, "") for column in MANIFEST_COLUMNS}
        if outcome is not None:
            record.update(
                status=outcome.status,
                unit=outcome.unit,
                period=outcome.period,
                n_values=outcome.n_values,
            )
            if outcome.status == "quarantined":
                record.update(message=outcome.message, n_values=0)
            elif outcome.status == "superseded":
                record["message"] = f"Đã được thay bằng {row['superseded_by']}."
            else:
                record["message"] = ""
        records.append(record)
    frame = pd.DataFrame(records, columns=list(MANIFEST_COLUMNS), dtype=object)
    frame["n_values"] = frame["n_values"].map(lambda v: str(int(v)) if v != "" else "0")
    return frame.astype(str).sort_values("path", kind="stable").reset_index(drop=True)


def new_rows(
    outcomes: dict[str, FileOutcome],
    rows: dict[str, dict],
    registry: Registry,
    kind: str,
    columns: tuple[str, ...],
) -> pd.DataFrame:
    """One frame of the records (or CĐCS details) read in this run, built column by column.

    The per-file records are released as they are copied, so that a large batch does not
    hold them twice.
    """
    data: dict[str, list[object]] = {column: [] for column in columns}
    for path, outcome in outcomes.items():
        if outcome.reused or outcome.status not in REUSABLE:
            continue
        records = getattr(outcome, kind)
        year, period_type = outcome.period.split("-")
        context = {
            "period": outcome.period,
            "year": int(year),
            "period_type": period_type,
            "unit_code": outcome.unit,
            "unit_name": registry.unit_names.get(outcome.unit, ""),
            "cluster_code": registry.cluster_of(outcome.unit, int(year)),
            "source_file": path,
            "file_sha256": rows[path]["sha256"],
        }
        for column in columns:
            if column in context:
                data[column].extend([context[column]] * len(records))
            else:
                data[column].extend(record[column] for record in records)
        setattr(outcome, kind, [])
    frame = pd.DataFrame(data, columns=list(columns))
    return normalise_values(frame) if columns == VALUE_COLUMNS else normalise_details(frame)


def sort_values(frame: pd.DataFrame) -> pd.DataFrame:
    return (
        normalise_values(frame)
        .sort_values(["period", "unit_code", "source_file", "cell"], kind="stable")
        .reset_index(drop=True)
    )


def findings_table(
    outcomes: dict[str, FileOutcome], rows: dict[str, dict], missing: list[str], kept: pd.DataFrame
) -> pd.DataFrame:
    """This run's findings and those kept for unchanged files, ordered by file."""
    new: list[Finding] = []
    reused_current = set()
    for path in sorted(outcomes):
        outcome = outcomes[path]
        if outcome.status == "superseded":
            by = rows[path]["superseded_by"]
            new.append(finding("superseded", file=path, unit=outcome.unit, period=outcome.period, by=by))
        elif outcome.reused:
            reused_current.add(path)
        else:
            new.extend(outcome.findings)
    new += [finding("file_missing", file=path) for path in missing]
    combined = pd.concat([kept[kept["file"].isin(reused_current)], findings_frame(new)], ignore_index=True)
    return combined.sort_values("file", kind="stable").reset_index(drop=True)
