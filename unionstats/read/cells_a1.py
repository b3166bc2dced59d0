"""A1 cell references: ``a1(11, 3) == "D12"`` and back."""

from __future__ import annotations


def a1(row: int, col: int) -> str:
    """Return the A1 reference of a zero-based (row, col): ``a1(0, 0) == "A1"``."""
    letters = ""
    col += 1
    while col:
        col, remainder = divmod(col - 1, 26)
        letters = chr(65 + remainder) + letters
    return f"{letters}{row + 1}"


def column_number(letters: str) -> int:
    """The one-based number of a column: ``column_number("XFD") == 16384``."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number
