"""Reading back the CSV files the store writes (manifest, findings, their parts).

Every column is text. The writers made text that a spreadsheet would run as a formula safe
with a leading apostrophe (:mod:`unionstats.spreadsheet_text`); reading undoes it. pyarrow
parses the files (a byte-order mark, quoted line breaks), so that a 20 000-row manifest is
read in hundredths of a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from unionstats.spreadsheet_text import restore_column

if TYPE_CHECKING:
    import pyarrow as pa


def read_text_csv(paths: Sequence[Path], columns: tuple[str, ...]) -> pd.DataFrame:
    """The rows of ``paths`` (one table, files in order) with exactly ``columns``, as text.

    A column a file lacks is empty text; no file gives an empty table with ``columns``.
    """
    table = read_text_table(paths, columns)
    if table is None:
        return pd.DataFrame(columns=list(columns), dtype=object)
    return table.to_pandas().reindex(columns=list(columns)).astype(object).fillna("")


def read_text_columns(paths: Sequence[Path], columns: tuple[str, ...]) -> dict[str, list[str]]:
    """The same text as :func:`read_text_csv`, as one Python list per column (no DataFrame:
    what the inventory of a large store compares file by file)."""
    table = read_text_table(paths, columns)
    size = 0 if table is None else table.num_rows
    present = set() if table is None else set(table.column_names)
    return {name: table.column(name).to_pylist() if name in present else [""] * size for name in columns}


def read_text_table(paths: Sequence[Path], columns: tuple[str, ...]) -> pa.Table | None:
    """The files' ``columns`` (those they have) as one pyarrow table of text (None: no file)."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    tables = []
    for path in paths:
        if not Path(path).stat().st_size:
            continue
        table = pa_csv.read_csv(
            path,
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(columns, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        tables.append(table.select([c for c in table.column_names if c in columns]))
    if not tables:
        return None
    table = pa.concat_tables(tables, promote_options="default")
    return pa.table([restore_column(table.column(n)) for n in table.column_names], names=table.column_names)
