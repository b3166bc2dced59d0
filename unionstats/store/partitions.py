"""The store partitioned by period and unit, so that a run rewrites only what it touches.

Inside a version, each large table is a folder of files, one per partition:
``values.parquet/2020-FY.07.parquet`` (a folder of parquet files is read as one table by
pandas, pyarrow and DuckDB), the same for ``values_superseded.parquet`` and
``cdcs_values.parquet``; the CSV tables for Excel (``values.csv``, ``findings.csv``,
``manifest.csv``) are built by concatenating one part per partition kept under ``parts/``.

A partition holds one period's rows of a share of the units: the unit code's CRC-32 modulo
the layout's number of buckets, which grows with the registry (:meth:`Layout.for_units`: one
bucket for a province of a few dozen units, so a small store stays a few files per period).
Supersession works within one unit and period, so it never crosses a partition. A run writes
the partitions it touched and hard-links every other one from the previous version: a
correction sent by one unit costs the writing of one bucket of one period, however many
files the store holds.

Rows without a period (a quarantined file, a skipped or missing file) live in the partition
named :data:`NO_PERIOD`, which every run rebuilds. The layout is written in
``parts/layout.txt``; a store of another layout (an older version, another number of
buckets) is rewritten whole once.
"""

from __future__ import annotations

import os
import shutil
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    import pyarrow as pa

from unionstats.atomic import link_or_copy, write_file
from unionstats.spreadsheet_text import safe_table
from unionstats.store.text_csv import read_text_csv

PARTS = "parts"
NO_PERIOD = "_"
LAYOUT_FILE = "layout.txt"
UNITS_PER_BUCKET = 100


@dataclass(frozen=True)
class Layout:
    """How rows are spread over partitions: by period, then ``buckets`` shares of the units."""

    buckets: int = 1

    @classmethod
    def for_units(cls, n_units: int) -> Layout:
        """One bucket up to :data:`UNITS_PER_BUCKET` units, then 4, then 16 (at most)."""
        buckets = 1
        while buckets < 16 and n_units > buckets * UNITS_PER_BUCKET:
            buckets *= 4
        return cls(buckets)

    @property
    def text(self) -> str:
        """What ``parts/layout.txt`` says of this layout."""
        return f"period.crc32(unit)%{self.buckets}"

    def is_of(self, version: Path) -> bool:
        """True when the store version ``version`` is written in this layout, manifest included."""
        parts = Path(version) / PARTS
        marker = parts / LAYOUT_FILE
        if not marker.is_file() or not (parts / "manifest").is_dir():
            return False
        return marker.read_text(encoding="utf-8") == self.text

    def write_marker(self, version: Path) -> None:
        write_file(
            Path(version) / PARTS / LAYOUT_FILE, lambda path: path.write_text(self.text, encoding="utf-8")
        )

    def key(self, period: str, unit: str) -> str:
        """The partition of ``unit``'s rows in ``period`` (``2020-FY.07``; ``_`` without a period)."""
        if not period:
            return NO_PERIOD
        return f"{period}.{zlib.crc32(unit.encode('utf-8')) % self.buckets:02d}"

    def codes(self, frame: pd.DataFrame, unit_column: str) -> tuple[np.ndarray, list[str]]:
        """The partition of every row of ``frame`` as a code into a list of :meth:`key` names
        (small integers, not a text per row: a cold run partitions millions of rows)."""
        if frame.empty:
            return np.zeros(0, dtype=np.int64), []
        period_codes, periods = pd.factorize(frame["period"].astype(str), sort=True)
        count = self.buckets
        names = [f"{p}.{bucket:02d}" if p else NO_PERIOD for p in periods for bucket in range(count)]
        return period_codes * count + self.buckets_of(frame[unit_column]), names

    def buckets_of(self, units: pd.Series) -> np.ndarray:
        """The bucket of each unit code in ``units``."""
        codes, unique = pd.factorize(units.astype(str))
        buckets = [zlib.crc32(unit.encode("utf-8")) % self.buckets for unit in unique]
        return np.array(buckets, dtype=np.int64)[codes] if len(codes) else np.zeros(0, dtype=np.int64)

    def keys(self, frame: pd.DataFrame, unit_column: str) -> pd.Series:
        """:meth:`key` of every row of ``frame`` (columns ``period`` and ``unit_column``)."""
        codes, names = self.codes(frame, unit_column)
        keys = np.array(names, dtype=object)[codes] if len(codes) else []
        return pd.Series(keys, index=frame.index, dtype=object)


def carry_partitions(previous: Path, staging: Path, names: Iterable[str], touched: set[str]) -> None:
    """Hard-link, from the previous version, every partition of ``names`` not ``touched``."""
    for name in names:
        folder = previous / name
        if not folder.is_dir():
            continue
        (staging / name).mkdir(parents=True, exist_ok=True)
        for source in folder.iterdir():
            if source.stem not in touched and source.is_file():
                link_or_copy(source, staging / name / source.name)


@dataclass(frozen=True)
class Partitioned:
    """A table cut into partitions: the rows as one Arrow table, ``order`` (row positions,
    partition by partition) and the ``(key, start, length)`` of each partition in ``order``.

    A frame whose text is Arrow-backed becomes an Arrow table without a copy; each partition's
    rows are taken when it is written, so that a large store's table is never held twice.
    """

    table: pa.Table
    order: np.ndarray
    runs: tuple[tuple[str, int, int], ...]

    @classmethod
    def of(
        cls, frame: pd.DataFrame, layout: Layout, unit_column: str, order: np.ndarray | None = None
    ) -> Partitioned:
        """``frame``'s rows (those in ``order``, in that order; all, by partition, without it)."""
        import pyarrow as pa

        codes, names = layout.codes(frame, unit_column)
        table = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
        table = _one_chunk(table)
        order = np.argsort(codes, kind="stable") if order is None else np.asarray(order, dtype=np.int64)
        ordered = codes[order] if len(order) else codes[:0]
        if (np.diff(ordered) < 0).any():
            raise ValueError("rows are not grouped by partition")
        starts = np.flatnonzero(np.diff(ordered, prepend=-1)).tolist()
        ends = [*starts[1:], len(ordered)] if starts else []
        runs = tuple((names[ordered[s]], s, e - s) for s, e in zip(starts, ends, strict=True))
        return cls(table, order, runs)

    def slices(self, keys: set[str]) -> Iterator[tuple[str, pa.Table]]:
        """``(key, rows)`` for each partition of ``keys`` that has rows."""
        for key, start, length in self.runs:
            if key in keys:
                yield key, self.table.take(self.order[start : start + length])


def _one_chunk(table: pa.Table) -> pa.Table:
    """``table`` with each column in one chunk (a take from many chunks joins them again each
    time); empty chunks are dropped first, so that a column of one real chunk is not copied."""
    import pyarrow as pa

    columns = []
    for column in table.columns:
        chunks = [chunk for chunk in column.chunks if len(chunk)]
        if len(chunks) > 1:
            chunks = [pa.concat_arrays(chunks)]
        columns.append(pa.chunked_array(chunks, type=column.type))
    return pa.table(columns, schema=table.schema)


def write_parquet_partitions(parted: Partitioned, folder: Path, keys: set[str]) -> None:
    """One parquet file per partition of ``keys`` (a partition with no rows gets no file)."""
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    for key, rows in parted.slices(keys):
        write_file(folder / f"{key}.parquet", lambda path, r=rows: pq.write_table(r, path))


def read_parquet_partitions(
    folder: Path, normalise: Callable[[pd.DataFrame], pd.DataFrame], keys: set[str] | None = None
) -> pd.DataFrame:
    """The table kept in ``folder``: its partitions ``keys`` (all: None), or the whole file of
    the older flat layout (a store of that layout is always read and rewritten whole)."""
    if folder.is_file():
        return normalise(pd.read_parquet(folder))
    files = (
        sorted(f for f in folder.glob("*.parquet") if keys is None or f.stem in keys)
        if folder.is_dir()
        else []
    )
    if not files:
        return normalise(pd.DataFrame())
    return normalise(pd.concat([pd.read_parquet(f) for f in files], ignore_index=True))


def write_csv_parts(parted: Partitioned, folder: Path, keys: set[str]) -> None:
    """One CSV part (with its header) per partition of ``keys``, text made formula-safe."""
    import pyarrow.csv as pa_csv

    folder.mkdir(parents=True, exist_ok=True)
    for key, rows in parted.slices(keys):
        rows = safe_table(rows)

        def write(path: Path, t=rows) -> None:
            with open(path, "wb") as handle:
                pa_csv.write_csv(t, handle)

        write_file(folder / f"{key}.csv", write)


def join_csv_parts(folder: Path, target: Path, header: list[str]) -> None:
    """``target`` = a byte-order mark, the header, then every part's rows (parts in order).

    Where the kernel can copy between files (``copy_file_range`` on Linux) the rows are not
    read into Python: the joined ``values.csv`` of a large store is the one file a run
    rewrites whole, from a few hundred parts.
    """
    parts = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    first_line = ("\ufeff" + ",".join(f'"{h}"' for h in header) + "\n").encode("utf-8")

    def write(path: Path) -> None:
        with open(path, "wb") as joined:
            joined.write(first_line)  # the byte-order mark: Excel then reads UTF-8
            for part in parts:
                with open(part, "rb") as rows:
                    rows.readline()  # the part's own header
                    _append(rows, joined)

    write_file(target, write)


def _append(source: BinaryIO, target: BinaryIO) -> None:
    """Append the rest of ``source`` to ``target``: by the kernel where it can, else by blocks."""
    if hasattr(os, "copy_file_range"):
        target.flush()
        offset, end = source.tell(), os.fstat(source.fileno()).st_size
        try:
            while offset < end:
                copied = os.copy_file_range(source.fileno(), target.fileno(), end - offset, offset)
                if not copied:
                    break
                offset += copied
        except OSError:  # a file system without it: the blocks below copy the rest
            pass
        source.seek(offset)
        target.seek(0, os.SEEK_END)  # the kernel moved the descriptor; the file object follows
    shutil.copyfileobj(source, target, 1 << 20)


def read_csv_parts(folder: Path, columns: tuple[str, ...], keys: set[str] | None = None) -> pd.DataFrame:
    """The rows of the parts named in ``keys`` (every part without ``keys``), as text."""
    files = (
        sorted(f for f in folder.glob("*.csv") if keys is None or f.stem in keys) if folder.is_dir() else []
    )
    return read_text_csv(files, columns)
