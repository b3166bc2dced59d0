"""The store partitioned by period, so that a run rewrites only the periods it touches.

Inside a version, each large table is a folder with one file per period:
``values.parquet/2020-FY.parquet`` (a folder of parquet files is read as one table by
pandas, pyarrow and DuckDB), the same for ``values_superseded.parquet`` and
``cdcs_values.parquet``; the CSV tables for Excel (``values.csv``, ``findings.csv``) are
built by concatenating one part per period kept under ``parts/``. A run writes the
partitions of the periods it touched and hard-links every other partition from the previous
version, so a correction sent for one period costs one period's worth of writing.

Findings without a period (a quarantined file, a missing file) live in the part named
:data:`NO_PERIOD`, which every run rebuilds.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from unionstats.atomic import link_or_copy, write_file
from unionstats.spreadsheet_text import safe_frame
from unionstats.store.text_csv import read_text_csv

PARTS = "parts"
NO_PERIOD = "_"


def partition_key(period: str) -> str:
    return period or NO_PERIOD


def carry_partitions(previous: Path, staging: Path, names: Iterable[str], touched: set[str]) -> None:
    """Hard-link, from the previous version, every partition of ``names`` not ``touched``."""
    for name in names:
        folder = previous / name
        if not folder.is_dir():
            continue
        for source in folder.iterdir():
            if source.is_file() and source.stem not in touched:
                link_or_copy(source, staging / name / source.name)


def _chosen(folder: Path, pattern: str, keys: set[str] | None) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(f for f in folder.glob(pattern) if keys is None or f.stem in keys)


def write_parquet_partitions(frame: pd.DataFrame, folder: Path, keys: set[str]) -> None:
    """One parquet file per period of ``keys`` (a period with no rows gets no file)."""
    folder.mkdir(parents=True, exist_ok=True)
    for period, rows in frame.groupby("period", sort=True):
        if period in keys:
            rows = rows.reset_index(drop=True)
            write_file(folder / f"{period}.parquet", lambda path, r=rows: r.to_parquet(path, index=False))


def read_parquet_partitions(
    folder: Path, normalise: Callable[[pd.DataFrame], pd.DataFrame], keys: set[str] | None = None
) -> pd.DataFrame:
    """The table kept in ``folder`` (a partition folder, or one file of the older layout)."""
    if folder.is_file():
        frame = normalise(pd.read_parquet(folder))
        return frame if keys is None else frame[frame["period"].isin(keys)].reset_index(drop=True)
    files = (
        sorted(f for f in folder.glob("*.parquet") if keys is None or f.stem in keys)
        if folder.is_dir()
        else []
    )
    if not files:
        return normalise(pd.DataFrame())
    return normalise(pd.concat([pd.read_parquet(f) for f in files], ignore_index=True))


def write_csv_parts(frame: pd.DataFrame, folder: Path, keys: set[str], key_column: str = "period") -> None:
    """One CSV part (with its header) per key of ``keys``, text made formula-safe."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    folder.mkdir(parents=True, exist_ok=True)
    frame = safe_frame(frame)
    grouped = dict(tuple(frame.groupby(frame[key_column].map(partition_key), sort=True)))
    for key in keys:
        rows = grouped.get(key)
        if rows is None or rows.empty:
            continue
        table = pa.Table.from_pandas(rows, preserve_index=False)

        def write(path: Path, t=table) -> None:
            with open(path, "wb") as handle:
                pa_csv.write_csv(t, handle)

        write_file(folder / f"{key}.csv", write)


def join_csv_parts(folder: Path, target: Path, header: list[str]) -> None:
    """``target`` = a byte-order mark, the header, then every part's rows (parts in order)."""
    parts = sorted(folder.glob("*.csv")) if folder.is_dir() else []

    def write(path: Path) -> None:
        with open(path, "wb") as handle:
            handle.write("\ufeff".encode())  # Excel then reads UTF-8
            handle.write((",".join(f'"{h}"' for h in header) + "\n").encode("utf-8"))
            for part in parts:
                with open(part, "rb") as source:
                    source.readline()  # the part's own header
                    shutil.copyfileobj(source, handle, 1 << 20)

    write_file(target, write)


def read_csv_parts(folder: Path, columns: tuple[str, ...], keys: set[str] | None = None) -> pd.DataFrame:
    """The rows of the parts named in ``keys`` (every part without ``keys``), as text."""
    files = (
        sorted(f for f in folder.glob("*.csv") if keys is None or f.stem in keys) if folder.is_dir() else []
    )
    return read_text_csv(files, columns)
