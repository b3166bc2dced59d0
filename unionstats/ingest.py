"""Values -> store: ingest a folder of submissions into the tidy store.

One run lists every file under the raw folder, reads the new or changed ones (by content
hash), keeps what earlier runs read from unchanged ones, decides which submission is
current for each unit and period, and writes the store once. A file that cannot be
read is quarantined with a one-line Vietnamese reason; the other files are still ingested.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from unionstats.cells import read_workbook
from unionstats.details import read_detail_sheets
from unionstats.errors import InputFileError
from unionstats.findings import Finding, findings_frame
from unionstats.forms import read_submission
from unionstats.inventory import file_sha256, list_files, modified_iso, reference_sha256, skip_reason
from unionstats.reference import Registry, load_registry
from unionstats.store import (
    DETAIL_COLUMNS,
    MANIFEST_COLUMNS,
    STATUSES,
    VALUE_COLUMNS,
    empty_values,
    normalise_details,
    normalise_values,
    read_details,
    read_findings,
    read_history,
    read_manifest,
    read_values,
    write_store,
    write_summary,
)

PARALLEL_THRESHOLD = 40
REUSABLE = ("ingested", "superseded")


@dataclass
class FileOutcome:
    """What reading one file gave: picklable, so that worker processes can return it."""

    path: str
    sha256: str
    status: str
    unit: str = ""
    period: str = ""
    message: str = ""
    records: list[dict[str, object]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    details: list[dict[str, object]] = field(default_factory=list)
    reused: bool = False  # rebuilt from the previous store, not re-read
    n_values: int = 0


@dataclass
class IngestResult:
    """The outcome of one run, for the command line's summary."""

    manifest: pd.DataFrame
    values: pd.DataFrame
    findings: pd.DataFrame
    parsed: int
    reused: int

    def count(self, status: str) -> int:
        return int((self.manifest["status"] == status).sum())

    @property
    def exit_code(self) -> int:
        """0 when nothing is quarantined, 3 otherwise (DESIGN.md section 7)."""
        return 3 if self.count("quarantined") else 0


@lru_cache(maxsize=4)
def _registry_for(folder: str) -> Registry:
    return load_registry(Path(folder))


def read_file(path: Path, relative: str, sha256: str, registry: Registry) -> FileOutcome:
    """Read one submission; never raises for a bad file (it comes back quarantined)."""
    try:
        grids = read_workbook(path, display_name=relative)
        submission = read_submission(grids, relative, registry)
        details, detail_findings = read_detail_sheets(grids, submission.sheet, relative)
    except InputFileError as error:
        error.file = relative
        finding = Finding(
            "error", error.code, error.message_vi, relative, error.sheet or "", error.cell or ""
        )
        return FileOutcome(relative, sha256, "quarantined", message=str(error), findings=[finding])
    except Exception as error:  # a reader bug must not stop the batch or lose the other files
        message = (
            f"Lỗi không mong đợi khi đọc tệp ({type(error).__name__}: {error}); tệp được "
            "cách ly, báo cho nhóm phát triển kèm tệp này."
        )
        finding = Finding("error", "reader_failed", message, relative)
        return FileOutcome(
            relative, sha256, "quarantined", message=f"{relative}: {message}", findings=[finding]
        )
    return FileOutcome(
        relative,
        sha256,
        "ingested",
        submission.unit_code,
        submission.period.code,
        records=submission.records,
        findings=submission.findings + detail_findings,
        details=details,
        n_values=len(submission.records),
    )


def _read_in_worker(task: tuple[str, str, str, str]) -> FileOutcome:
    path, relative, sha256, reference = task
    return read_file(Path(path), relative, sha256, _registry_for(reference))


def _parse_all(
    tasks: list[tuple[str, str, str, str]], registry: Registry, workers: int, progress: bool
) -> list[FileOutcome]:
    bar = tqdm(total=len(tasks), desc="Đọc báo cáo", unit="tệp", disable=None if progress else True)
    outcomes: list[FileOutcome] = []
    try:
        if workers > 1 and len(tasks) >= PARALLEL_THRESHOLD:
            chunk = max(1, len(tasks) // (workers * 8))
            with ProcessPoolExecutor(max_workers=workers) as pool:
                for outcome in pool.map(_read_in_worker, tasks, chunksize=chunk):
                    outcomes.append(outcome)
                    bar.update()
        else:
            for path, relative, sha256, _ in tasks:
                outcomes.append(read_file(Path(path), relative, sha256, registry))
                bar.update()
    finally:
        bar.close()
    return outcomes


def _now() -> str:
    """The run's time, to the microsecond: it orders submissions seen in successive runs."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


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
    ref_hash = reference_sha256(reference)
    run_time = _now()
    previous = read_manifest(out)
    previous_by_path = {row.path: row for row in previous.itertuples(index=False)}

    rows: dict[str, dict[str, object]] = {}
    outcomes: dict[str, FileOutcome] = {}
    tasks: list[tuple[str, str, str, str]] = []
    for path in list_files(raw):
        relative = path.relative_to(raw).as_posix()
        stat = path.stat()
        base = {
            "path": relative,
            "size": stat.st_size,
            "modified": modified_iso(stat.st_mtime),
            "reference_sha256": ref_hash,
        }
        reason = skip_reason(Path(relative))
        if reason:
            rows[relative] = {
                **base,
                "sha256": "",
                "status": "skipped",
                "message": reason,
                "first_seen": _first_seen(previous_by_path, relative, "", run_time),
            }
            continue
        sha = file_sha256(path)
        rows[relative] = {
            **base,
            "sha256": sha,
            "first_seen": _first_seen(previous_by_path, relative, sha, run_time),
        }
        earlier = previous_by_path.get(relative)
        if (
            earlier is not None
            and earlier.sha256 == sha
            and earlier.status in REUSABLE
            and earlier.reference_sha256 == ref_hash
        ):
            outcomes[relative] = _reused(earlier)
        else:
            tasks.append((str(path), relative, sha, str(reference)))
    reused = len(outcomes)
    for outcome in _parse_all(tasks, registry, workers or os.cpu_count() or 1, progress):
        outcomes[outcome.path] = outcome
    missing = _carry_missing(previous, rows, outcomes)

    _resolve_supersession(rows, outcomes)
    stored = _PreviousStore.load(out, previous, {p for p, o in outcomes.items() if o.reused}, rows)
    status = {path: outcome.status for path, outcome in outcomes.items()}
    every = pd.concat(
        [stored.values, _new_rows(outcomes, rows, registry, "records", VALUE_COLUMNS)], ignore_index=True
    )
    every_status = every["source_file"].map(status)
    values = _sorted(every[every_status == "ingested"])
    history = _sorted(every[every_status == "superseded"])
    details = pd.concat(
        [stored.details, _new_rows(outcomes, rows, registry, "details", DETAIL_COLUMNS)], ignore_index=True
    )
    details = normalise_details(details[details["source_file"].map(status) == "ingested"])
    manifest = _manifest(rows, outcomes)
    findings = _findings(outcomes, rows, missing, stored.findings)
    write_store(out, values, history, details, manifest, findings)
    result = IngestResult(manifest, values, findings, parsed=len(tasks), reused=reused)
    write_summary(out, summarise(result))
    return result


def summarise(result: IngestResult) -> dict[str, object]:
    """What the command line prints after a run, kept in ``summary.json`` for the next one."""
    per_period = result.values.groupby("period").agg(
        n_units=("unit_code", "nunique"), n_values=("value", "size")
    )
    quarantined = result.manifest[result.manifest["status"] == "quarantined"]
    return {
        "status": {status: result.count(status) for status in STATUSES},
        "n_values": len(result.values),
        "severity": {s: int((result.findings["severity"] == s).sum()) for s in ("error", "warning", "info")},
        "periods": [[period, int(row.n_units), int(row.n_values)] for period, row in per_period.iterrows()],
        "quarantined": list(quarantined["message"]),
        "exit_code": result.exit_code,
    }


def _first_seen(previous: dict[str, object], relative: str, sha: str, run_time: str) -> str:
    earlier = previous.get(relative)
    if earlier is not None and earlier.sha256 == sha and earlier.first_seen:
        return str(earlier.first_seen)
    return run_time


def _reused(earlier: object) -> FileOutcome:
    """A file unchanged since the last run: its rows are taken from the store in bulk."""
    return FileOutcome(
        earlier.path,
        earlier.sha256,
        "ingested",
        earlier.unit,
        earlier.period,
        reused=True,
        n_values=int(earlier.n_values or 0),
    )


@dataclass
class _PreviousStore:
    """The rows an earlier run stored for the files reused now (selected in bulk, not per file)."""

    values: pd.DataFrame
    details: pd.DataFrame
    findings: pd.DataFrame

    @classmethod
    def load(
        cls, out: Path, manifest: pd.DataFrame, reused: set[str], rows: dict[str, dict]
    ) -> _PreviousStore:
        empty = cls(empty_values(), normalise_details(pd.DataFrame()), findings_frame([]))
        if not len(manifest) or not reused:
            return empty
        keys = {f"{path}|{rows[path]['sha256']}" for path in reused}
        try:
            values = pd.concat([read_values(out), read_history(out)], ignore_index=True)
            details = read_details(out)
            findings = read_findings(out)
        except Exception:  # an unreadable old store is rebuilt from the raw files
            return empty

        def own(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[(frame["source_file"] + "|" + frame["file_sha256"]).isin(keys)]

        kept = findings[
            findings["file"].isin(reused)
            & (findings["stage"] != "validate")
            & ~findings["code"].isin(["superseded", "file_missing"])
        ]
        return cls(
            own(values),
            own(details),
            kept,
        )


def _carry_missing(previous: pd.DataFrame, rows: dict, outcomes: dict[str, FileOutcome]) -> list[str]:
    """Keep what earlier runs read from files no longer in the raw folder (never lose data)."""
    missing = []
    for earlier in previous.itertuples(index=False):
        if earlier.path in rows or earlier.status not in REUSABLE:
            continue
        rows[earlier.path] = {c: getattr(earlier, c) for c in MANIFEST_COLUMNS}
        outcomes[earlier.path] = _reused(earlier)
        missing.append(earlier.path)
    return missing


def _resolve_supersession(rows: dict[str, dict], outcomes: dict[str, FileOutcome]) -> None:
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


def _manifest(rows: dict[str, dict], outcomes: dict[str, FileOutcome]) -> pd.DataFrame:
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


def _new_rows(
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


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return (
        normalise_values(frame)
        .sort_values(["period", "unit_code", "source_file", "cell"], kind="stable")
        .reset_index(drop=True)
    )


def _findings(
    outcomes: dict[str, FileOutcome], rows: dict[str, dict], missing: list[str], kept: pd.DataFrame
) -> pd.DataFrame:
    """This run's findings and those kept for unchanged files, ordered by file."""
    new: list[Finding] = []
    reused_current = set()
    for path in sorted(outcomes):
        outcome = outcomes[path]
        if outcome.status == "superseded":
            new.append(
                Finding(
                    "info",
                    "superseded",
                    f"Tệp {path} đã được thay bằng bản gửi sau {rows[path]['superseded_by']}; "
                    "số liệu cũ vẫn lưu trong values_superseded.parquet.",
                    path,
                    unit=outcome.unit,
                    period=outcome.period,
                )
            )
        elif outcome.reused:
            reused_current.add(path)
        else:
            new.extend(outcome.findings)
    for path in missing:
        new.append(
            Finding(
                "warning",
                "file_missing",
                f"Tệp {path} đã nhập ở lần trước nhưng không còn trong thư mục gốc; số liệu vẫn được "
                "giữ. Nếu cố ý rút báo cáo, ghi chú lại và gửi tệp thay thế.",
                path,
            )
        )
    combined = pd.concat([kept[kept["file"].isin(reused_current)], findings_frame(new)], ignore_index=True)
    return combined.sort_values("file", kind="stable").reset_index(drop=True)
