"""The store partitioned by period and unit, so that a run rewrites only what it touches.

Inside a version, each large table is a folder of files, one per partition:
``values.parquet/2020-FY.07.parquet`` (a folder of parquet files is read as one table by
pandas, pyarrow and DuckDB), the same for ``values_superseded.parquet`` and
``cdcs_values.parquet``; the CSV tables for Excel (``values.csv``, ``findings.csv``,
``manifest.csv``) are built by concatenating one part per partition kept under ``parts/``.

A partition holds one period's rows of a fixed share of the units: the unit code's CRC-32
modulo :data:`BUCKETS`. Supersession works within one unit and period, so it never
crosses a partition. A run writes the partitions it touched and hard-links every other one
from the previous version: a correction sent by one unit costs the writing of about
1/:data:`BUCKETS` of one period, however many files the store holds.

Rows without a period (a quarantined file, a skipped or missing file) live in the partition
named :data:`NO_PERIOD`, which every run rebuilds.
"""

from __future__ import annotations

import os
import shutil
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from unionstats.atomic import link_or_copy, write_file
from unionstats.spreadsheet_text import safe_frame
from unionstats.store.text_csv import read_text_csv

PARTS = "parts"
NO_PERIOD = "_"
BUCKETS = 16
LAYOUT_FILE = "layout.txt"
LAYOUT = f"period.crc32(unit)%{BUCKETS}"  # in parts/layout.txt: a store of another layout is rewritten whole


def partition_key(period: str, unit: str) -> str:
    """The partition of the rows of ``unit`` in ``period`` (``2020-FY.07``; ``_`` without a period)."""
    if not period:
        return NO_PERIOD
    return f"{period}.{zlib.crc32(unit.encode('utf-8')) % BUCKETS:02d}"


def partition_keys(frame: pd.DataFrame, unit_column: str) -> pd.Series:
    """:func:`partition_key` of every row of ``frame`` (columns ``period`` and ``unit_column``)."""
    if frame.empty:
        return pd.Series([], index=frame.index, dtype=object)
    codes, units = pd.factorize(frame[unit_column].astype(str))
    buckets = np.array([partition_key("p", unit)[2:] for unit in units], dtype=object)
    periods = frame["period"].astype(str).to_numpy(dtype=object)
    keys = periods + "." + buckets[codes]
    keys[periods == ""] = NO_PERIOD
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


def _groups(frame: pd.DataFrame, unit_column: str, keys: set[str]) -> dict[str, pd.DataFrame]:
    """The rows of ``frame`` by partition, for the partitions of ``keys`` that have rows."""
    by_key = partition_keys(frame, unit_column)
    return {key: rows for key, rows in frame.groupby(by_key, sort=True) if key in keys}


def write_parquet_partitions(frame: pd.DataFrame, folder: Path, keys: set[str]) -> None:
    """One parquet file per partition of ``keys`` (a partition with no rows gets no file)."""
    folder.mkdir(parents=True, exist_ok=True)
    for key, rows in _groups(frame, "unit_code", keys).items():
        rows = rows.reset_index(drop=True)
        write_file(folder / f"{key}.parquet", lambda path, r=rows: r.to_parquet(path, index=False))


def read_parquet_partitions(
    folder: Path, normalise: Callable[[pd.DataFrame], pd.DataFrame], keys: set[str] | None = None
) -> pd.DataFrame:
    """The table kept in ``folder`` (a partition folder, or one file of the older layout)."""
    if folder.is_file():
        frame = normalise(pd.read_parquet(folder))
        return (
            frame
            if keys is None
            else frame[partition_keys(frame, "unit_code").isin(keys)].reset_index(drop=True)
        )
    files = (
        sorted(f for f in folder.glob("*.parquet") if keys is None or f.stem in keys)
        if folder.is_dir()
        else []
    )
    if not files:
        return normalise(pd.DataFrame())
    return normalise(pd.concat([pd.read_parquet(f) for f in files], ignore_index=True))


def write_csv_parts(frame: pd.DataFrame, folder: Path, keys: set[str], unit_column: str) -> None:
    """One CSV part (with its header) per partition of ``keys``, text made formula-safe."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    folder.mkdir(parents=True, exist_ok=True)
    for key, rows in _groups(safe_frame(frame), unit_column, keys).items():
        table = pa.Table.from_pandas(rows, preserve_index=False)

        def write(path: Path, t=table) -> None:
            with open(path, "wb") as handle:
                pa_csv.write_csv(t, handle)

        write_file(folder / f"{key}.csv", write)


def join_csv_parts(folder: Path, target: Path, header: list[str]) -> None:
    """``target`` = a byte-order mark, the header, then every part's rows (parts in order).

    The rows are copied by the kernel (``copy_file_range``) where it can: the joined
    ``values.csv`` of a large store is the one file a run rewrites whole.
    """
    parts = sorted(folder.glob("*.csv")) if folder.is_dir() else []

    def write(path: Path) -> None:
        with open(path, "wb") as handle:
            handle.write("\ufeff".encode())  # Excel then reads UTF-8
            handle.write((",".join(f'"{h}"' for h in header) + "\n").encode("utf-8"))
            for part in parts:
                with open(part, "rb") as source:
                    source.readline()  # the part's own header
                    _copy_rest(source, handle)

    write_file(target, write)


def _copy_rest(source, target) -> None:
    """Append what is left of ``source`` (from its current position) to ``target``."""
    target.flush()
    offset, end = source.tell(), os.fstat(source.fileno()).st_size
    try:
        while offset < end:
            copied = os.copy_file_range(source.fileno(), target.fileno(), end - offset, offset)
            if not copied:
                break
            offset += copied
    except OSError:  # a file system without it: copy through Python
        pass
    source.seek(offset)
    shutil.copyfileobj(source, target, 1 << 20)
    target.flush()


def read_csv_parts(folder: Path, columns: tuple[str, ...], keys: set[str] | None = None) -> pd.DataFrame:
    """The rows of the parts named in ``keys`` (every part without ``keys``), as text."""
    files = (
        sorted(f for f in folder.glob("*.csv") if keys is None or f.stem in keys) if folder.is_dir() else []
    )
    return read_text_csv(files, columns)
