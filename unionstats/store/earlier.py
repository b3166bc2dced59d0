"""What the previous run recorded of each raw file, for the inventory to compare against.

The whole manifest is read as columns (no DataFrame, no outcome per file): one small record
per file says whether the file is unchanged and which partitions its rows live in. A run
that reads one new file in a store of 20 000 then loads only the rows of the periods it
touches (:mod:`unionstats.store.ingest`).
"""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from unionstats.read.inventory import Entry
from unionstats.store.files import MANIFEST_FILE
from unionstats.store.partitions import Layout
from unionstats.store.text_csv import read_text_columns
from unionstats.store.versions import read_folder

REUSABLE = ("ingested", "superseded")
_FACTS = ("sha256", "size", "modified", "first_seen", "reference_sha256", "status")
_COLUMNS = ("path", *_FACTS, "period", "unit")


def _reusable(status: str, sha256: str) -> bool:
    """What was read from a file with this manifest status and hash is in the store."""
    return status in REUSABLE and bool(sha256)


class Earlier(NamedTuple):
    """A file as the previous manifest lists it: its first row, and ``keys``, the partitions
    of all its rows."""

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
        return _reusable(self.status, self.sha256)


class EarlierFiles:
    """The previous manifest's files, kept as columns: an :class:`Earlier` is built only for
    a file that is looked at closely (changed, gone); an unchanged file is recognised from
    the columns directly (:meth:`unchanged`)."""

    def __init__(self, columns: dict[str, list[str]], keys: list[str], layout: Layout | None = None) -> None:
        self.layout = layout or Layout()  # the layout the store is written in from now on
        self._columns, self._keys = columns, keys
        self._first: dict[str, int] = {}
        self._more: dict[str, list[int]] = {}  # the other rows of a file of several submissions
        for row, path in enumerate(columns["path"]):
            if self._first.setdefault(path, row) != row:
                self._more.setdefault(path, []).append(row)

    def __contains__(self, path: object) -> bool:
        return path in self._first

    def __iter__(self) -> Iterator[str]:
        return iter(self._first)

    def unchanged(self, entries: list[Entry], reference_sha256: str) -> list[bool]:
        """For each entry: True when it is a regular file read before under the same name, at
        the same size and modification time, against the same reference data.

        Compared in bulk: the times as integer microseconds, the previous manifest's parsed
        from its text, each entry's cut to the microsecond as
        :func:`unionstats.read.inventory.modified_iso` cuts it, so that both sides agree exactly
        when the texts would.
        """
        import numpy as np
        import pandas as pd

        if not entries or not self._first:
            return [False] * len(entries)
        column = self._columns
        rows = np.array([self._first.get(entry.relative, -1) for entry in entries], dtype=np.int64)
        known = rows >= 0
        rows = np.where(known, rows, 0)
        stamps = pd.to_datetime(pd.Series(column["modified"]), format="ISO8601", utc=True, errors="coerce")
        earlier_us = stamps.dt.as_unit("us").to_numpy(dtype="datetime64[us]").astype(np.int64)
        parsed = stamps.notna().to_numpy()
        sizes = pd.to_numeric(pd.Series(column["size"]), errors="coerce").fillna(-1).to_numpy(np.int64)
        reusable = np.array(
            [
                _reusable(status, sha) and reference == reference_sha256
                for status, sha, reference in zip(
                    column["status"], column["sha256"], column["reference_sha256"], strict=True
                )
            ],
            dtype=bool,
        )
        entry_us = np.array([entry.status.st_mtime_ns for entry in entries], dtype=np.int64) // 1000
        entry_size = np.array([e.status.st_size for e in entries], dtype=np.int64)
        regular = np.array([not e.broken and stat.S_ISREG(e.status.st_mode) for e in entries], dtype=bool)
        same = known & regular & reusable[rows] & parsed[rows]
        same &= (earlier_us[rows] == entry_us) & (sizes[rows] == entry_size)
        return same.tolist()

    def sha256(self, path: str) -> str:
        return self._columns["sha256"][self._first[path]]

    def reusable(self, path: str) -> bool:
        row = self._first[path]
        return _reusable(self._columns["status"][row], self._columns["sha256"][row])

    def current_keys(self, path: str) -> set[str]:
        """The partitions of the file's rows that were current (ingested)."""
        status = self._columns["status"]
        return {self._keys[r] for r in self._rows(path) if status[r] == "ingested"}

    def get(self, path: str) -> Earlier | None:
        row = self._first.get(path)
        if row is None:
            return None
        keys = frozenset(self._keys[r] for r in self._rows(path))
        facts = (self._columns[c][row] for c in _FACTS)
        return Earlier(*facts, keys)

    def __getitem__(self, path: str) -> Earlier:
        found = self.get(path)
        if found is None:
            raise KeyError(path)
        return found

    def _rows(self, path: str) -> list[int]:
        return [self._first[path], *self._more.get(path, ())]


def read_earlier(out: Path, layout: Layout) -> EarlierFiles:
    """Every file of the store's manifest (none for a store never written), its partitions
    named in ``layout``."""
    import pandas as pd

    manifest = read_folder(out) / MANIFEST_FILE
    columns = read_text_columns([manifest] if manifest.is_file() else [], _COLUMNS)
    where = pd.DataFrame({"period": columns["period"], "unit": columns["unit"]})
    return EarlierFiles(columns, layout.keys(where, "unit").tolist(), layout)
