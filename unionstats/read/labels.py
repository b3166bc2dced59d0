"""Row labels -> indicators: every rule of how a label in a form becomes an indicator.

This is the one place to change when offices word a row differently. A label is first
normalised to a *key* (:func:`label_key`: folded, numbering and footnote marks removed,
the field's abbreviations expanded), then matched by :func:`match_row_label`:

1. the key of the catalogue's label or one of its aliases (``indicators.csv``);
2. "Trong đó: <label>" as that label;
3. a bare "Nữ" / "Trong đó nữ" row as the female partner (``female_code``) of the
   indicator on the row just above it; without such a row it is a finding, not a guess;
4. a bulleted child row ("- Tổng số", "+ Kết nạp mới") under a heading that matched
   nothing by itself ("3. Đoàn viên công đoàn"), read as child and parent together, and
   taken only when the combination is exactly a label or alias of the catalogue;
5. by likeness (:mod:`unionstats.read.likeness`): the key terms of the label against
   those of every label and alias, with the row's unit of measure as evidence; only one
   clear winner is taken (and reported as an info finding), otherwise no value.

The column headers of the attached CĐCS lists and their rating words are matched here too
(:func:`detail_column_indicator`, :func:`rating_of`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from unionstats.catalogue import Catalogue
from unionstats.errors import ReferenceDataError
from unionstats.read.likeness import LabelMatch, LikenessIndex, rewording, terms
from unionstats.text import PUNCTUATION, SPACES, fold

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
    (r"ldtt", "lao dong tap the"),
    (r"ldld", "lien doan lao dong"),
    (r"tp", "thanh pho"),
    (r"sl", "so luong"),
)
_ABBREVIATION_PATTERNS = tuple(
    (re.compile(rf"\b(?:{pattern})\b"), expansion) for pattern, expansion in ABBREVIATIONS
)
_NUMBERING = re.compile(r"^\s*(?:(?:[ivxlc]+|\d+(?:\.\d+)*|[a-z])\s*[.)/:-]\s+|[-+*•–]\s*)", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^)]*\)")


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
    text = PUNCTUATION.sub(" ", text.replace("-", " "))
    text = expand_abbreviations(SPACES.sub(" ", text).strip())
    return SPACES.sub(" ", text).strip()


class LabelIndex:
    """Label keys of every catalogue label and alias -> indicator code.

    Raises
    ------
    ReferenceDataError
        When one wording is given to two indicators in ``indicators.csv``.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.by_key: dict[str, str] = {}
        self._matched: dict[str, str | None] = {}  # label -> match_label's answer, memoised
        for indicator in catalogue.values():
            for text in (indicator.label, *indicator.aliases):
                for key in {label_key(text), label_key(text, drop_parentheses=True)}:
                    owner = self.by_key.setdefault(key, indicator.code)
                    if owner != indicator.code:
                        raise ReferenceDataError(
                            f"Nhãn '{text}' dùng cho cả {owner} và {indicator.code} trong "
                            "indicators.csv: mỗi nhãn chỉ thuộc một chỉ tiêu.",
                            file="indicators.csv",
                            code="reference_duplicate",
                        )

    def get(self, label: str) -> str | None:
        return self.by_key.get(label_key(label)) or self.by_key.get(label_key(label, drop_parentheses=True))

    def match(self, label: str) -> str | None:
        """Rules 1 and 2 (an alias; "Trong đó: <alias>"), memoised per label text."""
        if label in self._matched:
            return self._matched[label]
        found = self.get(label)
        if found is None:
            key = label_key(label)
            if key.startswith("trong do "):
                found = self.get(key.removeprefix("trong do "))
        if len(self._matched) < 100_000:
            self._matched[label] = found
        return found


_INDEXES: dict[int, tuple[Catalogue, LabelIndex]] = {}


def label_index(catalogue: Catalogue) -> LabelIndex:
    """The :class:`LabelIndex` of ``catalogue``, built once per catalogue object."""
    cached = _INDEXES.get(id(catalogue))
    if cached is None or cached[0] is not catalogue:
        cached = (catalogue, LabelIndex(catalogue))
        _INDEXES[id(catalogue)] = cached
    return cached[1]


def match_label(label: str, catalogue: Catalogue) -> str | None:
    """The indicator ``label`` names on its own (rules 1 and 2), or None."""
    return label_index(catalogue).match(label) if label else None


_LIKENESS: dict[int, tuple[Catalogue, LikenessIndex]] = {}


def likeness_index(catalogue: Catalogue) -> LikenessIndex:
    """The :class:`~unionstats.read.likeness.LikenessIndex` of ``catalogue``, built once."""
    cached = _LIKENESS.get(id(catalogue))
    if cached is None or cached[0] is not catalogue:
        reword = rewording([(label_key(phrase), label_key(means)) for phrase, means in catalogue.wording])
        entries = {
            code: [
                terms(reword(label_key(text, drop_parentheses=True))) for text in (spec.label, *spec.aliases)
            ]
            for code, spec in catalogue.items()
        }
        measures = {code: (spec.measure, spec.money) for code, spec in catalogue.items()}
        partners = {code: spec.amount_code for code, spec in catalogue.items() if spec.amount_code}
        cached = (catalogue, LikenessIndex(entries, measures, partners, reword))
        _LIKENESS[id(catalogue)] = cached
    return cached[1]


_FEMALE_KEYS = {"nu", "so nu", "trong do nu", "trong do so nu", "nu trong do"}


@dataclass(slots=True)
class RowContext:
    """What the matcher may know about the rows around a label (updated row by row).

    ``parent_label`` is the last row without a figure that matched nothing by itself
    ("3. Đoàn viên công đoàn"): the heading its bulleted children ("- Tổng số") belong to.
    """

    previous_indicator: str | None = None
    parent_label: str = ""
    measure: str = ""  # the row's unit of measure ("lượt", "triệu đồng"), evidence for likeness
    figure: bool = True  # the row holds a figure; a heading without one is never read by likeness


def match_row_label(label: str, context: RowContext, catalogue: Catalogue) -> LabelMatch:
    """Return the indicator a report row's ``label`` means, given its ``context``."""
    found = match_label(label, catalogue)
    if found is not None:
        return LabelMatch(found, "alias")
    if label_key(label) in _FEMALE_KEYS:
        parent = context.previous_indicator
        female = catalogue[parent].female_code if parent in catalogue else ""
        if female:
            return LabelMatch(female, "female_child")
        return LabelMatch(None, problem="label_female_orphan")
    if context.parent_label and is_child_label(label):
        index, child, parent = label_index(catalogue), label_key(label), label_key(context.parent_label)
        for combined in (f"{child} {parent}", f"{parent} {child}"):
            found = index.match(combined)
            if found is not None:
                return LabelMatch(found, "parent_child")
    if not context.figure:
        return LabelMatch(None)
    if is_child_label(label) and context.parent_label:
        label = f"{context.parent_label} {label}"
    return likeness_index(catalogue).match(label_key(label), context.measure)


def match_column_header(top: str, sub: str, previous: str | None, catalogue: Catalogue) -> LabelMatch:
    """The indicator a column of a table of units (units as rows) names.

    The header alone ("Tổng số đoàn viên"), or its sub-header read as a child of the merged
    header above it ("Đoàn viên công đoàn" over "Tổng số | Nữ | Kết nạp mới"), by the rules
    of :func:`match_row_label`; ``previous`` is the indicator of the column to the left
    under the same header (the total a "Nữ" column belongs to).
    """
    if not sub or sub == top:
        return match_row_label(top, RowContext(), catalogue)
    found = match_label(f"{top} {sub}", catalogue)
    if found is not None:
        return LabelMatch(found, "alias")
    context = RowContext(previous_indicator=previous, parent_label=top)
    last = LabelMatch(None)
    for label in (sub, f"- {sub}"):
        last = match_row_label(label, context, catalogue)
        if last.indicator is not None:
            return last
    return last


def suggestion_hint(codes: tuple[str, ...], catalogue: Catalogue) -> str:
    """ " Có thể là: <label> (code); …" for a finding's message, or "" without suggestions."""
    if not codes:
        return ""
    return " Có thể là: " + "; ".join(f"{catalogue[c].label} ({c})" for c in codes) + "."


_CHILD_MARK = re.compile(r"^\s*[-+•–*]\s*")


def is_child_label(label: str) -> bool:
    """True for a row written as a child of the heading above it ("- Tổng số", "+ Nữ")."""
    return bool(_CHILD_MARK.match(label))


# CĐCS lists: column headers (folded, abbreviations expanded) -> indicator; first match wins.
_DETAIL_COLUMNS = (
    ("members_female", re.compile(r"doan vien.*\bnu\b|\bnu\b.*doan vien")),
    ("workers_female", re.compile(r"(?:cong nhan vien chuc lao dong|lao dong).*\bnu\b")),
    ("members", re.compile(r"doan vien")),
    ("workers", re.compile(r"cong nhan vien chuc lao dong|lao dong|nguoi lao dong")),
    ("rating", re.compile(r"xep loai")),
)
_DETAIL_NAME_HEADER = re.compile(r"^ten (?:cong doan co so|cdcs|don vi)|^cong doan co so$|^ten cdcs")
_RATING_WORDS = (
    ("rating_failed", re.compile(r"^(?:khong hoan thanh|khong ht)")),
    ("rating_excellent", re.compile(r"^(?:hoan thanh )?xuat sac|^htxs")),
    ("rating_good", re.compile(r"^(?:hoan thanh )?tot|^ht tot|^httt")),
    ("rating_completed", re.compile(r"^hoan thanh(?: nhiem vu)?$|^ht$|^htnv")),
)


def header_key(text: str) -> str:
    """A column header folded with the field's abbreviations expanded."""
    return expand_abbreviations(fold(text))


def is_detail_name_header(text: str) -> bool:
    """True for the header of a CĐCS list's name column ("Tên CĐCS", "Công đoàn cơ sở")."""
    return bool(_DETAIL_NAME_HEADER.match(header_key(text)))


def detail_column_indicator(header: str, taken: set[str] | dict[str, int] = frozenset()) -> str | None:
    """The indicator (or ``rating``) a CĐCS list's column header names, or None.

    Patterns are tried most specific first ("đoàn viên nữ" before "đoàn viên"); one whose
    indicator is already ``taken`` by an earlier column passes to the next.
    """
    key = header_key(header)
    return next(
        (code for code, pattern in _DETAIL_COLUMNS if pattern.search(key) and code not in taken), None
    )


def rating_of(text: str) -> str | None:
    """The rating indicator a CĐCS's rating cell names ("Xuất sắc", "HTNV"…), or None."""
    folded = fold(str(text))
    return next((code for code, pattern in _RATING_WORDS if pattern.match(folded)), None)
