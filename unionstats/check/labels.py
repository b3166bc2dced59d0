"""Labels read by likeness or not matched, across the store, and accepting them as aliases.

``unionstats labels`` lists every row label that the reader matched only by likeness
(``label_by_likeness``), found close to several indicators (``label_ambiguous``) or did not
match (``label_unknown``), with how often and in how many files it was seen and the
indicator it most likely means. ``--accept`` records a label as an alias of its indicator
in ``data/reference/indicators.csv``, after copying the file to ``sao-luu/``, so that the
next ingest matches it exactly (a changed reference re-reads every file).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from unionstats.errors import ReferenceDataError
from unionstats.findings import message_fields
from unionstats.read.labels import RowContext, label_key, match_row_label
from unionstats.reference import Registry, replace_reference_csv
from unionstats.store.files import read_findings

LABEL_CODES = ("label_by_likeness", "label_ambiguous", "label_unknown")
REVIEW_COLUMNS = ("label", "code", "n_rows", "n_files", "indicator", "indicator_label")


def label_review(processed: Path, registry: Registry) -> pd.DataFrame:
    """One row per distinct label (by its key) with :data:`REVIEW_COLUMNS`, most seen first.

    ``indicator`` is the indicator read (likeness) or suggested (the closest by likeness,
    empty when none is close).
    """
    findings = read_findings(processed)
    findings = findings[findings["code"].isin(LABEL_CODES)]
    rows = []
    for item in findings.itertuples(index=False):
        fields = message_fields(item.code, item.message)
        if not fields:
            continue
        label = fields["label"]
        indicator = item.indicator or _suggestion(label, registry)
        key = label_key(label)
        rows.append(
            {"key": key, "label": label, "code": item.code, "file": item.file, "indicator": indicator}
        )
    if not rows:
        return pd.DataFrame(columns=list(REVIEW_COLUMNS))
    frame = pd.DataFrame(rows)
    grouped = frame.groupby("key", sort=False).agg(
        label=("label", "first"),
        code=("code", "first"),
        n_rows=("label", "size"),
        n_files=("file", "nunique"),
        indicator=("indicator", "first"),
    )
    grouped["indicator_label"] = grouped["indicator"].map(
        lambda code: registry.catalogue[code].label if code in registry.catalogue else ""
    )
    grouped = grouped.sort_values(["n_rows", "label"], ascending=[False, True], kind="stable")
    return grouped.reset_index(drop=True)[list(REVIEW_COLUMNS)]


def _suggestion(label: str, registry: Registry) -> str:
    match = match_row_label(label, RowContext(), registry.catalogue)
    return match.indicator or (match.suggestions[0] if match.suggestions else "")


def accept_aliases(reference: Path, pairs: list[tuple[str, str]], registry: Registry) -> Path:
    """Add each (label, indicator code) of ``pairs`` to that indicator's aliases in
    ``indicators.csv``; returns the backup copy of the file as it was.

    Raises
    ------
    ReferenceDataError
        When a code is not in the catalogue, or a label already belongs to another indicator.
    """
    path = Path(reference) / "indicators.csv"
    raw = path.read_bytes()
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"  # as Excel saved it
    original = raw.decode(encoding)
    table = list(csv.DictReader(io.StringIO(original)))
    by_code = {row["code"]: row for row in table}
    owners = {
        label_key(text): code
        for code, spec in registry.catalogue.items()
        for text in (spec.label, *spec.aliases)
    }
    for label, code in pairs:
        if code not in by_code:
            raise ReferenceDataError(
                f"Mã chỉ tiêu '{code}' không có trong indicators.csv: xem 'unionstats list indicators'.",
                file="indicators.csv",
                code="reference_unknown_code",
            )
        owner = owners.get(label_key(label))
        if owner not in (None, code):
            raise ReferenceDataError(
                f"Nhãn '{label}' đã là tên gọi của {owner}: không thể gán thêm cho {code}.",
                file="indicators.csv",
                code="reference_duplicate",
            )
        if owner is None:
            aliases = [a for a in by_code[code]["aliases"].split("|") if a]
            by_code[code]["aliases"] = "|".join([*aliases, " ".join(label.split())])
            owners[label_key(label)] = code
    header = list(table[0]) if table else list(csv.DictReader(io.StringIO(original)).fieldnames or [])
    return replace_reference_csv(Path(reference), "indicators.csv", header, table)
