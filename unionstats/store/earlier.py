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
from unionstats.store.partitions import partition_key
from unionstats.store.text_csv import read_text_columns
from unionstats.store.versions import read_folder

REUSABLE = ("ingested", "superseded")
_COLUMNS = ("path", "sha256", "size", "modified", "first_seen", "reference_sha256", "status", "period")


class Earlier(NamedTuple):
    """A file as the previous manifest lists it (its first row; ``keys``: every row's partition)."""

    sha256: str
    size: str
    modified: str
    first_seen: str
    reference_sha256: str
    status: str
    keys: frozenset[str]

    @property
    def reusable(self) -> bool:
        """True when what was read from the file is in the store (ingested or superseded)."""
        return self.status in REUSABLE and bool(self.sha256)


def read_earlier(out: Path) -> dict[str, Earlier]:
    """Every file of the store's manifest (empty for a store never written)."""
    manifest = read_folder(out) / MANIFEST_FILE
    columns = read_text_columns([manifest] if manifest.is_file() else [], _COLUMNS)
    first: dict[str, tuple[str, ...]] = {}
    keys: dict[str, set[str]] = {}
    for path, *facts, period in zip(*(columns[c] for c in _COLUMNS), strict=True):
        first.setdefault(path, tuple(facts))
        keys.setdefault(path, set()).add(partition_key(period))
    return {path: Earlier(*facts, frozenset(keys[path])) for path, facts in first.items()}
