"""Labels by likeness: the last rule of label matching, for wordings no alias foresaw.

Each label and alias of the catalogue is a set of key terms (the syllables of its key,
:func:`unionstats.read.labels.label_key`, rewritten by the word list of
``data/reference/wording.csv`` — "hỗ trợ" read as "trợ cấp", "hiện có" ignored — and
without filler words such as "số", "tổng", "các"). A row's label is scored against every
indicator: the weighted share of the alias's terms found in the label and of the label's
terms found in the alias (terms that occur in many indicators, such as "đoàn viên", weigh
less), combined as their harmonic mean. The row's unit of measure is evidence: money
("triệu đồng") rules out counts and the reverse, and a measure equal to the indicator's
("lượt") adds a little.

A match is taken only when it is clear: a score of at least :data:`TAKE` and a lead of
:data:`LEAD` over the next indicator, and no qualifier in the label ("không", "chưa",
"trên", a number…) that the alias lacks. A near tie is ``label_ambiguous``, with the
candidates as suggestions and no value. Thresholds were set on the wordings in
``tests/test_label_likeness.py`` and are measured on held-out wordings there: about 86% of
unfamiliar wordings are read (18 of 21, 19 of 22 on two sets written before measuring),
none wrongly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from unionstats.read.numbers import money_factor
from unionstats.text import fold

TAKE = 0.72
LEAD = 0.12
SUGGEST = 0.4
FILLER = frozenset(
    {"so", "tong", "cac", "cua", "va", "cho", "duoc", "da", "trong", "do", "nhung", "luong", "la"}
)
QUALIFIERS = re.compile(r"^(?:khong|chua|tren|duoi|len|ngoai|truoc|sau|\d+)$")


class LabelMatch(NamedTuple):
    """The outcome of matching one label (by any rule of :mod:`unionstats.read.labels`).

    ``indicator`` is None when nothing matched; ``problem`` then names a finding code
    when the label is recognisably a row that needs a context it does not have
    (``label_female_orphan``) or is close to several indicators (``label_ambiguous``), and
    is empty for a label that simply is not in the catalogue. ``rule`` says which rule
    matched (``alias``, ``female_child``, ``parent_child``, ``likeness``); ``suggestions``
    are the likely indicators of a likeness match or an ambiguous label.
    """

    indicator: str | None
    rule: str = ""
    problem: str = ""
    suggestions: tuple[str, ...] = ()


def terms(key: str) -> frozenset[str]:
    """The key terms of a label key (already reworded, :func:`rewording`): its words
    without filler words."""
    return frozenset(word for word in key.split() if word not in FILLER)


def rewording(pairs: list[tuple[str, str]]) -> Callable[[str], str]:
    """A function that rewrites a label key by the word list ``pairs`` (keys of phrase and
    meaning, longest phrase first, whole words only)."""
    ordered = sorted((pair for pair in pairs if pair[0]), key=lambda pair: -len(pair[0]))
    if not ordered:
        return lambda key: key
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(phrase) for phrase, _ in ordered) + r")\b")
    meaning = dict(ordered)
    return lambda key: " ".join(pattern.sub(lambda m: meaning[m.group(0)], key).split())


@dataclass
class LikenessIndex:
    """Key terms of every label and alias, with the weights of the terms.

    ``entries`` maps each indicator code to the term sets of its label and aliases;
    ``measures`` to its catalogue measure and whether it is money.
    """

    entries: dict[str, list[frozenset[str]]]
    measures: dict[str, tuple[str, bool]]
    partners: dict[str, str] = field(default_factory=dict)  # a count -> its money partner
    reword: Callable[[str], str] | None = None  # wording.csv as a key rewriter (:func:`rewording`)
    _weights: dict[str, float] = field(default_factory=dict, repr=False)
    _memo: dict[tuple[str, str], LabelMatch] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        owners: dict[str, set[str]] = {}
        for code, sets in self.entries.items():
            for words in sets:
                for word in words:
                    owners.setdefault(word, set()).add(code)
        n = len(self.entries) or 1
        self._weights = {word: math.log(1 + n / len(codes)) for word, codes in owners.items()}

    def weight(self, word: str) -> float:
        return self._weights.get(word, math.log(1 + len(self.entries)))

    def score(self, label: frozenset[str], alias: frozenset[str]) -> float:
        """The harmonic mean of the weighted shares of each side found in the other."""
        common = sum(self.weight(w) for w in label & alias)
        if not common:
            return 0.0
        recall = common / sum(self.weight(w) for w in alias)
        precision = common / sum(self.weight(w) for w in label)
        return 2 * recall * precision / (recall + precision)

    def match(self, key: str, measure: str = "") -> LabelMatch:
        """The indicator ``key`` (a label key) names by likeness, if one clearly does."""
        memo_key = (key, measure)
        if memo_key not in self._memo:
            key = self.reword(key) if self.reword is not None else key
            self._memo[memo_key] = self._match(terms(key), fold(measure).strip())
        return self._memo[memo_key]

    def _match(self, label: frozenset[str], measure: str) -> LabelMatch:
        if not label:
            return LabelMatch(None)
        money = money_factor(measure) is not None if measure else None
        scored: dict[str, tuple[float, frozenset[str]]] = {}
        for code, sets in self.entries.items():
            best, alias = max(((self.score(label, words), words) for words in sets), key=lambda item: item[0])
            if measure and fold(self.measures[code][0]) == measure:
                best += 0.05
            scored[code] = (best, alias)
        if money:  # money in the measure: a count's wording names its amount partner
            for count, amount in self.partners.items():
                if scored[count][0] > scored[amount][0]:
                    scored[amount] = scored[count]
        ranked = sorted(
            ((score, code, alias) for code, (score, alias) in scored.items()
             if money is None or self.measures[code][1] == money),
            key=lambda item: -item[0],
        )  # fmt: skip
        if not ranked or ranked[0][0] < SUGGEST:
            return LabelMatch(None)
        top, code, alias = ranked[0]
        runner_up = ranked[1] if len(ranked) > 1 else (0.0, "", frozenset())
        lead = top - runner_up[0]
        if runner_up[2] and (label & runner_up[2]) < (label & alias):
            lead = max(lead, LEAD)  # the runner-up explains nothing the top one does not: less specific
        close = tuple(c for s, c, _ in ranked[:3] if s >= SUGGEST and top - s < LEAD)
        qualified = any(QUALIFIERS.match(word) for word in label - alias)
        if top >= TAKE and lead >= LEAD and not qualified:
            return LabelMatch(code, "likeness", suggestions=(code,))
        if top >= TAKE and len(close) > 1:
            return LabelMatch(None, problem="label_ambiguous", suggestions=close)
        return LabelMatch(None, suggestions=tuple(c for s, c, _ in ranked[:2] if s >= SUGGEST))
