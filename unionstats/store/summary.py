"""The summary of an ingest run: what the command line prints, kept in ``summary.json``.

Counted from the new manifest's columns, read once as lists: a run need not load the
periods it did not touch, nor build the whole manifest as a DataFrame.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from unionstats.store.files import MANIFEST_FILE, STATUSES, manifest_by_file
from unionstats.store.text_csv import read_text_columns

_COLUMNS = ("path", "status", "unit", "period", "n_values", "message")


def summarise(version: Path, severity: dict[str, int], missing: list[str]) -> dict[str, object]:
    """The summary of the store version in ``version`` (a folder with its ``manifest.csv``).

    Files are counted once by status (a file with one current submission counts as
    ingested); units and values per period count the current submissions. ``missing``
    (files the store keeps though they left the raw folder) lets the next run tell that
    nothing changed.
    """
    columns = read_text_columns([Path(version) / MANIFEST_FILE], _COLUMNS)
    by_file = manifest_by_file(pd.DataFrame({"path": columns["path"], "status": columns["status"]}))
    files = by_file["status"].value_counts()
    status = {name: int(files.get(name, 0)) for name in STATUSES}
    units: dict[str, set[str]] = {}
    values: dict[str, int] = {}
    quarantined = []
    rows = zip(*(columns[c] for c in ("status", "unit", "period", "n_values", "message")), strict=True)
    for row_status, unit, period, n_values, message in rows:
        if row_status == "ingested":
            units.setdefault(period, set()).add(unit)
            values[period] = values.get(period, 0) + int(n_values or 0)
        elif row_status == "quarantined":
            quarantined.append(message)
    return {
        "status": status,
        "n_values": sum(values.values()),
        "severity": severity,
        "periods": [[period, len(units[period]), values[period]] for period in sorted(values)],
        "quarantined": quarantined,
        "missing": missing,
        "exit_code": 3 if status["quarantined"] else 0,
    }
