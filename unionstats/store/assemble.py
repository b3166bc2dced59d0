"""Outcomes -> the store's tables: supersession, the manifest, values and findings.

Pure bookkeeping over what :mod:`unionstats.read` returned and what the previous store
holds: which submission is current for each unit and period, which rows of the previous
store are kept for unchanged files, and the manifest row of every raw file.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from unionstats.errors import StoreError
from unionstats.findings import Finding, finding, findings_frame
from unionstats.periods import find_periods
from unionstats.read.inventory import is_document
from unionstats.read.submission import FileOutcome, Part
from unionstats.reference import Registry
from unionstats.store.earlier import REUSABLE
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
from unionstats.store.partitions import Layout


def reused_outcome(earlier: list) -> FileOutcome:
    """A file unchanged since the last run (its manifest rows, one per submission): its
    rows are taken from the store in bulk."""
    parts = [
        Part(row.unit, row.period, row.sheet, int(row.n_values or 0), form_version=row.form_version)
        for row in earlier
    ]
    return FileOutcome(earlier[0].path, earlier[0].sha256, "ingested", parts=parts, reused=True)


def rows_by_path(previous: pd.DataFrame) -> dict[str, list]:
    """The previous manifest's rows of each path (a file of several submissions has several)."""
    grouped: dict[str, list] = {}
    for row in previous.itertuples(index=False):
        grouped.setdefault(row.path, []).append(row)
    return grouped


def part_status(outcomes: dict[str, FileOutcome]) -> dict[object, str]:
    """The status (ingested | superseded) of the rows of every submission: keyed by the file
    for a file of one submission, by (file, unit, period) for a file of several."""
    status: dict[object, str] = {}
    for path, outcome in outcomes.items():
        if outcome.status not in REUSABLE:
            continue
        if len(outcome.parts) == 1:
            status[path] = outcome.parts[0].status
        for part in outcome.parts:
            status[(path, part.unit, part.period)] = part.status
    return status


def status_of_rows(frame: pd.DataFrame, status: dict[object, str]) -> pd.Series:
    """The status of the submission each row of ``frame`` (values or details) belongs to."""
    found = frame["source_file"].map(status)
    several = found.isna()
    if several.any():
        subset = frame[several]
        keys = zip(subset["source_file"], subset["unit_code"], subset["period"], strict=True)
        found[several] = [status.get(key) for key in keys]
    return found


@dataclass
class PreviousStore:
    """The rows an earlier run stored for the files reused now (selected in bulk, not per file)."""

    values: pd.DataFrame
    details: pd.DataFrame
    findings: pd.DataFrame

    @classmethod
    def load(cls, out: Path, reused: dict[str, str], keys: set[str] | None) -> PreviousStore:
        """The previous store's rows, in the partitions ``keys`` (all: None), of the files
        ``reused`` (path -> the content hash they were read at)."""
        if not reused:
            return cls(empty_values(), normalise_details(pd.DataFrame()), findings_frame([]))
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
            codes, files = pd.factorize(frame["source_file"])
            expected = np.array([reused.get(path) for path in files] + [None], dtype=object)[codes]
            return frame[expected == frame["file_sha256"].to_numpy(dtype=object)]

        kept = findings[
            findings["file"].map(reused.__contains__).astype(bool)  # not isin: the set is the whole store
            & (findings["stage"] != "validate")
            & ~findings["code"].isin(["superseded", "file_missing"])
        ]
        return cls(own(values), own(details), kept)


def reuse_stored(
    stored: pd.DataFrame, reused: set[str], rows: dict[str, dict], outcomes: dict[str, FileOutcome]
) -> None:
    """Add to ``rows`` and ``outcomes`` the files ``reused`` (unchanged, or no longer in the
    raw folder) that have rows in ``stored``, the previous manifest's rows of the partitions
    this run rewrites; a row already in ``rows`` (a touched file's new dates) is kept."""
    wanted = stored[stored["path"].map(reused.__contains__).astype(bool)]
    for path, earlier in rows_by_path(wanted).items():
        kept = [row for row in earlier if row.status in REUSABLE]
        if not kept:
            continue
        rows.setdefault(path, {c: getattr(kept[0], c) for c in MANIFEST_COLUMNS})
        outcomes[path] = reused_outcome(kept)


def resolve_supersession(rows: dict[str, dict], outcomes: dict[str, FileOutcome]) -> None:
    """For each unit and period, the latest submission is current; earlier ones superseded.

    "Latest" is the file first seen in the latest run, then the latest modification time,
    then the path: a correction sent later replaces the earlier file, which stays in history.
    A submission filed in its own period's folder always comes before one that a sheet of a
    workbook in another period's folder gave (a half-year sheet inside a full-year file):
    the latter only fills a gap, it never replaces what the analyst filed for that period.
    A workbook always comes before a Word report of the same unit and period, whenever sent:
    the report's figures are then compared with the form's (validate), not taken.
    """
    groups: dict[tuple[str, str], list[tuple[str, Part]]] = {}
    for path, outcome in outcomes.items():
        if outcome.status in REUSABLE:
            outcome.status = "ingested"
            for part in outcome.parts:
                part.status, part.superseded_by = "ingested", ""
                groups.setdefault((part.unit, part.period), []).append((path, part))
    for members in groups.values():
        if len(members) == 1:
            continue
        members.sort(
            key=lambda m: (
                not is_document(m[0]),  # a form's figures before a Word report's, whenever sent
                _filed_for(m[0], m[1].period),
                rows[m[0]]["first_seen"],
                rows[m[0]]["modified"],
                m[0],
            )
        )
        current = members[-1][0]
        for _, part in members[:-1]:
            part.status, part.superseded_by = "superseded", current
    for outcome in outcomes.values():
        if outcome.parts and all(part.status == "superseded" for part in outcome.parts):
            outcome.status = "superseded"


def _filed_for(path: str, period: str) -> bool:
    """True when ``path`` sits in a folder naming ``period`` (or in no period's folder)."""
    named = set().union(*(find_periods(folder) for folder in PurePosixPath(path).parts[:-1]))
    return not named or period in {p.code for p in named}


def manifest_table(rows: dict[str, dict], outcomes: dict[str, FileOutcome]) -> pd.DataFrame:
    """One row per file, and one per submission of a file that holds several."""
    records = []
    for path, row in rows.items():
        outcome = outcomes.get(path)
        record = {column: row.get(column, "") for column in MANIFEST_COLUMNS}
        if outcome is None:
            records.append(record)
        elif outcome.status == "quarantined" or not outcome.parts:
            records.append(record | {"status": outcome.status, "message": outcome.message, "n_values": 0})
        else:
            for part in outcome.parts:
                superseded = part.status == "superseded"
                records.append(
                    record
                    | {
                        "status": part.status,
                        "unit": part.unit,
                        "period": part.period,
                        "sheet": part.sheet,
                        "n_values": part.n_values,
                        "superseded_by": part.superseded_by,
                        "form_version": part.form_version,
                        "message": f"Đã được thay bằng {part.superseded_by}." if superseded else "",
                    }
                )
    frame = pd.DataFrame(records, columns=list(MANIFEST_COLUMNS), dtype=object)
    frame["n_values"] = frame["n_values"].map(lambda v: str(int(v)) if v != "" else "0")
    return frame.astype(str).sort_values(["path", "sheet"], kind="stable").reset_index(drop=True)


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
    own = [c for c in columns if c not in _CONTEXT_COLUMNS and c not in ("source_file", "file_sha256")]
    data: dict[str, list[object]] = {column: [] for column in dict.fromkeys((*own, "unit_code", "period"))}
    paths: list[str] = []
    lengths: list[int] = []
    for path, outcome in outcomes.items():
        if outcome.reused or outcome.status not in REUSABLE:
            continue
        records = getattr(outcome, kind)
        single = outcome.parts[0] if len(outcome.parts) == 1 else None
        for column, values in data.items():
            if single is not None and column in ("unit_code", "period"):
                values.extend([single.unit if column == "unit_code" else single.period] * len(records))
            else:
                values.extend(map(itemgetter(column), records))
        paths.append(path)
        lengths.append(len(records))
        setattr(outcome, kind, [])
    frame = pd.DataFrame(data) if sum(lengths) else pd.DataFrame(data, dtype=object)
    frame["source_file"] = np.repeat(np.array(paths, dtype=object), lengths)
    frame["file_sha256"] = np.repeat(np.array([rows[p]["sha256"] for p in paths], dtype=object), lengths)
    keys = frame[["unit_code", "period"]].drop_duplicates()
    contexts = pd.DataFrame(
        [_context(unit, period, registry) for unit, period in keys.itertuples(index=False)],
        columns=["period", "year", "period_type", "unit_code", "unit_name", "cluster_code"],
    )
    frame = frame.merge(contexts, on=["unit_code", "period"], how="left").reindex(columns=list(columns))
    return normalise_values(frame) if columns == VALUE_COLUMNS else normalise_details(frame)


_CONTEXT_COLUMNS = ("year", "period_type", "unit_name", "cluster_code")


def _context(unit: str, period: str, registry: Registry) -> dict[str, object]:
    year, period_type = period.split("-")
    return {
        "period": period,
        "year": int(year),
        "period_type": period_type,
        "unit_code": unit,
        "unit_name": registry.unit_names.get(unit, ""),
        "cluster_code": registry.cluster_of(unit, int(year)),
    }


def value_orders(
    frame: pd.DataFrame, status: dict[object, str], layout: Layout
) -> tuple[np.ndarray, np.ndarray]:
    """The positions of ``frame``'s current rows and of its superseded rows, each in the
    order the store keeps them: partition by partition (period, then the unit's bucket),
    then unit, file and cell. Positions, not copies: the rows are taken as they are written."""
    row_status = status_of_rows(frame, status).to_numpy()
    columns = {name: frame[name].array for name in ("period", "unit_code", "source_file", "cell")}
    order_by = pd.DataFrame(
        columns | {"bucket": layout.buckets_of(frame["unit_code"])}
    )  # no copy of the text
    by = ["period", "bucket", "unit_code", "source_file", "cell"]
    order = order_by.sort_values(by, kind="stable").index.to_numpy()
    ordered_status = row_status[order]
    return order[ordered_status == "ingested"], order[ordered_status == "superseded"]


def findings_table(
    outcomes: dict[str, FileOutcome], missing: list[str], kept: pd.DataFrame, current_elsewhere: set[str]
) -> pd.DataFrame:
    """This run's findings and those kept for unchanged files, ordered by file.

    The kept findings of a file all of whose submissions are superseded are dropped (its
    "superseded" findings say why). ``current_elsewhere`` are reused files with a current
    submission in a partition not loaded now: they stay current.
    """
    new: list[Finding] = []
    reused_current = set(current_elsewhere)
    for path in sorted(outcomes):
        outcome = outcomes[path]
        if outcome.reused:
            if outcome.status != "superseded":
                reused_current.add(path)
        else:
            replaced = {(p.unit, p.period) for p in outcome.parts if p.status == "superseded"}
            new.extend(f for f in outcome.findings if (f.unit, f.period) not in replaced)
        for part in outcome.parts:
            if part.status == "superseded":
                by = part.superseded_by
                code = "report_beside_form" if is_document(path) and not is_document(by) else "superseded"
                new.append(finding(code, file=path, unit=part.unit, period=part.period, by=by))
    new += [finding("file_missing", file=path) for path in missing]
    replaced = {
        (path, part.unit, part.period)
        for path, outcome in outcomes.items()
        for part in outcome.parts
        if part.status == "superseded"
    }
    kept = kept[kept["file"].map(reused_current.__contains__).astype(bool)]
    if replaced and len(kept):
        keys = pd.Series(list(zip(kept["file"], kept["unit"], kept["period"], strict=True)), index=kept.index)
        kept = kept[~keys.isin(replaced)]
    combined = pd.concat([kept, findings_frame(new)], ignore_index=True)
    return combined.sort_values("file", kind="stable").reset_index(drop=True)
