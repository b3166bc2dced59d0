"""Normalising Vietnamese text so that spellings of the same thing compare equal.

Files mix precomposed (NFC) and decomposed (NFD) text, old and new tone-mark placement
("hoà" / "hòa"), curly and straight apostrophes, upper and lower case, glossary
abbreviations (ĐV, CNVC-LĐ, CĐCS…) and numbering ("1.", "a)", "I."). The functions here
turn a label into a *key* that is the same for all of these variants.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_PUNCTUATION = re.compile(r"[^\w' ]+")

# Glossary abbreviations, matched on folded text as whole words, longest first.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"cnvc ?ld|cnvcld", "cong nhan vien chuc lao dong"),
    (r"cbccvc", "can bo cong chuc vien chuc"),
    (r"cbcc", "can bo cong chuc"),
    (r"cnld", "cong nhan lao dong"),
    (r"nld", "nguoi lao dong"),
    (r"dvcd", "doan vien cong doan"),
    (r"dv", "doan vien"),
    (r"cdcs", "cong doan co so"),
    (r"cdvc", "cong doan vien chuc"),
    (r"cdgd", "cong doan giao duc"),
    (r"cdyt", "cong doan y te"),
    (r"cdkkt", "cong doan khu kinh te"),
    (r"cd", "cong doan"),
    (r"vhtt|vh tt", "van hoa the thao"),
    (r"vh", "van hoa"),
    (r"tt", "the thao"),
    (r"kpcd", "kinh phi cong doan"),
    (r"tuldtt", "thoa uoc lao dong tap the"),
    (r"ldld", "lien doan lao dong"),
    (r"tp", "thanh pho"),
    (r"sl", "so luong"),
)
_ABBREVIATION_PATTERNS = tuple(
    (re.compile(rf"\b(?:{pattern})\b"), expansion) for pattern, expansion in ABBREVIATIONS
)
_NUMBERING = re.compile(r"^\s*(?:(?:[ivxlc]+|\d+(?:\.\d+)*|[a-z])\s*[.)/:-]\s+|[-+*•–]\s*)", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^)]*\)")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with apostrophes and spaces made uniform."""
    text = unicodedata.normalize("NFC", str(text)).translate(_APOSTROPHES)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ``text`` and strip every diacritic (đ becomes d), keeping word breaks.

    >>> fold("Đoàn viên nữ")
    'doan vien nu'
    """
    text = nfc(text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped).strip()


def expand_abbreviations(folded: str) -> str:
    """Expand glossary abbreviations in already folded text."""
    for pattern, expansion in _ABBREVIATION_PATTERNS:
        folded = pattern.sub(expansion, folded)
    return folded


def strip_numbering(text: str) -> str:
    """Remove leading numbering ("1.", "2.3.", "a)", "I.", "-") and trailing colons."""
    previous = None
    while previous != text:
        previous = text
        text = _NUMBERING.sub("", text, count=1)
    return text.strip().rstrip(":").strip()


@lru_cache(maxsize=65536)
def label_key(label: str, *, drop_parentheses: bool = False) -> str:
    """Return the matching key of an indicator label.

    The key is folded, numbering and punctuation are removed and abbreviations expanded,
    so ``"1. Tổng số ĐVCĐ:"`` and ``"tong so doan vien cong doan"`` share one key.
    """
    text = strip_numbering(fold(label))
    if drop_parentheses:
        text = _PARENTHESES.sub(" ", text)
    text = _PUNCTUATION.sub(" ", text.replace("-", " "))
    text = expand_abbreviations(_SPACES.sub(" ", text).strip())
    return _SPACES.sub(" ", text).strip()


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
    text = _SPACES.sub(" ", text).strip()
    text = _UNIT_PREFIXES.sub("", text, count=1)
    text = _DAK.sub("dak", text)
    text = _PUNCTUATION.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def squash(text: str) -> str:
    """Return the unit key with no spaces at all (``"NgocHoi"`` and ``"Ngọc Hồi"`` agree)."""
    return unit_key(text).replace(" ", "")
