"""Text that a spreadsheet must show as text, never run as a formula.

A submission's sheet name, a cell's raw content or a unit's name may start with ``=``,
``+``, ``-`` or ``@``; written as-is into a CSV or a workbook that Excel opens, it would run
as a formula ("=HYPERLINK(…)", "=cmd|…"). Every writer of the project passes text through
:func:`safe_text`; readers of the project's own CSV files undo it with :func:`restore_text`.
"""

from __future__ import annotations

import pandas as pd

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
    """A copy of ``frame`` whose every text column is passed through :func:`safe_text`.

    The risky cells are found with one vectorised match per column (a store's text columns
    hold tens of thousands of values, almost none risky) and only those are rewritten.
    """
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        try:
            risky = values.str.match(_RISKY, na=False).astype(bool)
        except AttributeError:  # a column of objects none of which is text
            continue
        if risky.any():
            frame[column] = values.where(~risky, values[risky].map(safe_text))
    return frame


_RISKY = r"[=+\-@\t\r][\s\S]"  # what safe_text rewrites: a formula prefix and more
