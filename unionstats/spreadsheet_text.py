"""Text that a spreadsheet must show as text, never run as a formula.

A submission's sheet name, a cell's raw content or a unit's name may start with ``=``,
``+``, ``-`` or ``@``; written as-is into a CSV or a workbook that Excel opens, it would run
as a formula ("=HYPERLINK(…)", "=cmd|…"). Every writer of the project passes text through
:func:`safe_text`; readers of the project's own CSV files undo it with :func:`restore_text`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import pyarrow as pa

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: object) -> object:
    """Neutralise text a spreadsheet would run as a formula ("=cmd|…", "+1+1", "@SUM").

    A string starting with ``= + - @`` (longer than that one character) gets a leading
    apostrophe, the convention Excel and LibreOffice show as plain text. Other values are
    returned unchanged.
    """
    if isinstance(value, str) and len(value) > 1 and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def restore_text(value: object) -> object:
    """Undo :func:`safe_text` when reading back a CSV this package wrote."""
    if isinstance(value, str) and len(value) > 2 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def put_text(cell, value: object) -> None:
    """Write ``value`` into an openpyxl cell; text is always stored as text, never a formula."""
    value = safe_text(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose every text column is passed through :func:`safe_text`."""
    frame = frame.copy()
    for column in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[column]) or pd.api.types.is_bool_dtype(frame[column]):
            continue
        # Distinct values first: a store's text columns repeat a few values many times.
        risky = {
            v: safe_text(v) for v in pd.unique(frame[column]) if isinstance(v, str) and safe_text(v) != v
        }
        if risky:
            frame[column] = frame[column].map(lambda v, r=risky: r.get(v, v) if isinstance(v, str) else v)
    return frame


# safe_text's rule as a pattern: a leading FORMULA_PREFIXES character followed by at
# least one more character; restore_text's, the same after the added apostrophe
_RISKY = "^([" + "".join("\\" + c if c in "-]\\^" else c for c in FORMULA_PREFIXES) + "](?s:.))"
_MADE_SAFE = "^'" + _RISKY[1:]


def safe_table(table: pa.Table) -> pa.Table:
    """:func:`safe_frame` for a pyarrow table, column by column in Arrow (no copy of the
    columns that hold no such text)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for index, field in enumerate(table.schema):
        if not (pa.types.is_string(field.type) or pa.types.is_large_string(field.type)):
            continue
        column = table.column(index)
        if pc.any(pc.match_substring_regex(column, _RISKY)).as_py():
            safe = pc.replace_substring_regex(column, pattern=_RISKY, replacement="'\\1", max_replacements=1)
            table = table.set_column(index, field, safe)
    return table


def restore_column(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """:func:`restore_text` over a whole pyarrow column of text."""
    import pyarrow.compute as pc

    if not pc.any(pc.starts_with(column, "'")).as_py():
        return column
    return pc.replace_substring_regex(column, pattern=_MADE_SAFE, replacement="\\1", max_replacements=1)
