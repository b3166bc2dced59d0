"""Normalising Vietnamese text so that spellings of the same thing compare equal.

Files mix precomposed (NFC) and decomposed (NFD) text, old and new tone-mark placement
("hoà" / "hòa"), curly and straight apostrophes and upper and lower case. :func:`fold`
makes all of these one plain lower-case text; :func:`unit_key` does the same for unit
names. How a *row label* becomes an indicator is the reading stage's concern
(:mod:`unionstats.read.labels`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
PUNCTUATION = re.compile(r"[^\w' ]+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with apostrophes and spaces made uniform."""
    text = unicodedata.normalize("NFC", str(text)).translate(_APOSTROPHES)
    return SPACES.sub(" ", text).strip()


class _NonspacingMarks(dict):
    """A ``str.translate`` table that deletes every nonspacing mark (category Mn), each
    character's category looked up once."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) == "Mn" else code
        self[code] = kept
        return kept


_NONSPACING_MARKS = _NonspacingMarks()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ``text`` and strip every diacritic (đ becomes d), keeping word breaks.

    >>> fold("Đoàn viên nữ")
    'doan vien nu'
    """
    text = nfc(text).lower().replace("đ", "d")
    stripped = unicodedata.normalize("NFD", text).translate(_NONSPACING_MARKS)
    return SPACES.sub(" ", stripped).strip()


_UNIT_PREFIXES = re.compile(
    r"^(?:(?:don vi(?: bao cao)?|ten don vi)\s*:?\s*)?"
    r"(?:(?:lien doan lao dong|ldld)\s+)?(?:(?:huyen|thanh pho|tp|thi xa|tx)\.?\s+)?",
)
_DAK = re.compile(r"\b(?:dak|dac|dak)\b")


@lru_cache(maxsize=65536)
def unit_key(text: str) -> str:
    """Return the matching key of a unit name.

    Spellings of place names are folded (Đăk/Đắk/Đắc/Dak all give ``dak``; ’ and ' are the
    same) and the organisational prefixes that files add or leave out ("Đơn vị:",
    "LĐLĐ", "Liên đoàn Lao động", "huyện", "TP.", "Thành phố") are removed.
    """
    text = fold(text)
    text = text.replace("'", "").replace(".", ". ").replace("_", " ")
    text = SPACES.sub(" ", text).strip()
    text = _UNIT_PREFIXES.sub("", text, count=1)
    text = _DAK.sub("dak", text)
    text = PUNCTUATION.sub(" ", text)
    return SPACES.sub(" ", text).strip()


def squash(text: str) -> str:
    """Return the unit key with no spaces at all (``"NgocHoi"`` and ``"Ngọc Hồi"`` agree)."""
    return unit_key(text).replace(" ", "")
