"""The reference files of Word reports: the words around numbers, and the confirmed figures.

``sentence_words.csv`` (phrase, role, means, note) lists the words reports use around numbers:
role ``measure`` maps a unit word to the catalogue's measure ("trường hợp" -> "lượt"); the
roles ``change``, ``plan``, ``cumulative``, ``per_item``, ``approximate``, ``reference``,
``action`` and ``generic`` list the words that make a number something else than a level, or
say nothing of what it counts (:mod:`unionstats.read.sentence_figures`).

``confirmed_figures.csv`` holds the figures read from sentences that an analyst checked
against the report (``unionstats reports --confirm``): a confirmed figure carries no
"chờ xác nhận" finding. Both are edited in Excel like the other reference files.
"""

from __future__ import annotations

from pathlib import Path

from unionstats.reference import read_reference_csv
from unionstats.text import nfc

SENTENCE_WORDS = "sentence_words.csv"
CONFIRMED_FIGURES = "confirmed_figures.csv"
CONFIRMED_COLUMNS = ("source_file", "cell", "indicator", "value", "sentence", "confirmed_on")


def read_sentence_words(folder: Path) -> dict[str, dict[str, str]]:
    """``{role: {phrase: means}}`` from ``sentence_words.csv`` (lower case, NFC); empty if absent."""
    path = Path(folder) / SENTENCE_WORDS
    if not path.is_file():
        return {}
    frame = read_reference_csv(path, ("phrase", "role", "means"))
    found: dict[str, dict[str, str]] = {}
    for phrase, role, means in zip(frame["phrase"], frame["role"], frame["means"], strict=True):
        if phrase and role:
            found.setdefault(role, {})[nfc(phrase).lower()] = means
    return found


def read_confirmed_figures(folder: Path) -> frozenset[tuple[str, str, str, float]]:
    """(source_file, cell, indicator, value) of every confirmed figure; none if the file is absent."""
    path = Path(folder) / CONFIRMED_FIGURES
    if not path.is_file():
        return frozenset()
    frame = read_reference_csv(path, CONFIRMED_COLUMNS)
    found = set()
    for row in frame.itertuples(index=False):
        try:
            found.add((row.source_file, row.cell, row.indicator, float(row.value)))
        except ValueError:
            continue  # a hand-edited row that is not a number confirms nothing
    return frozenset(found)
