"""What the previous run recorded of each raw file, for the inventory to compare against.

The whole manifest is read as columns (no DataFrame, no outcome per file): one small record
per file says whether the file is unchanged and which partitions its rows live in. A run
that reads one new file in a store of 20 000 then loads only the rows of the periods it
touches (:mod:`unionstats.store.ingest`).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from unionstats.store.files import MANIFEST_FILE
from unionstats.store.partitions import partition_keys
from unionstats.store.text_csv import read_text_columns
from unionstats.store.versions import read_folder

REUSABLE = ("ingested", "superseded")
_FACTS = ("sha256", "size", "modified", "first_seen", "reference_sha256", "status")
_COLUMNS = ("path", *_FACTS, "period", "unit")


class Earlier(NamedTuple):
    """A file as the previous manifest lists it: its first row; ``keys``, the partitions of
    all its rows; ``current_keys``, those of its rows then current (ingested)."""

    sha256: str
    size: str
    modified: str
    first_seen: str
    reference_sha256: str
    status: str
    keys: frozenset[str]
    current_keys: frozenset[str]

    @property
    def reusable(self) -> bool:
        """True when what was read from the file is in the store (ingested or superseded)."""
        return self.status in REUSABLE and bool(self.sha256)


def read_earlier(out: Path) -> dict[str, Earlier]:
    """Every file of the store's manifest (empty for a store never written)."""
    import pandas as pd

    manifest = read_folder(out) / MANIFEST_FILE
    columns = read_text_columns([manifest] if manifest.is_file() else [], _COLUMNS)
    where = pd.DataFrame({"period": columns["period"], "unit": columns["unit"]})
    keys = [frozenset((key,)) for key in partition_keys(where, "unit")]
    ingested = [status == "ingested" for status in columns["status"]]
    current = [k if now else frozenset() for k, now in zip(keys, ingested, strict=True)]
    first: dict[str, int] = {}
    for row, path in enumerate(columns["path"]):
        if first.setdefault(path, row) != row:  # a file of several submissions: the union
            keys[first[path]] |= keys[row]
            current[first[path]] |= current[row]
    records = map(Earlier._make, zip(*(columns[c] for c in _FACTS), keys, current, strict=True))
    # reversed, so that each path keeps its first row
    return dict(zip(reversed(columns["path"]), reversed(list(records)), strict=True))
