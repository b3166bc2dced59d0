"""The numbers of a sentence, the words around each, and which of them are not levels.

A report's sentence ("… thăm hỏi được 341 lượt đoàn viên với tổng số tiền trên 295 triệu
đồng") is cut into tokens; each number gets its unit of measure ("341 lượt", "295 triệu
đồng"), the words before it (back to the previous figure, a link word or a clause break)
and after it (its unit and the noun phrase that follows). Then what is not a level is set
aside, with the reason: a change, a share, a target or plan, a cumulative count, an amount
per item, a date, a year, a duration, an ordinal, a document or decree number, a name in
quotation marks, the second number of "12/15" unless the words say the first is a result.
The words of each role come from ``sentence_words.csv``. Which indicator a figure is, is
:mod:`unionstats.read.sentences`' concern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unionstats.read.labels import label_key, likeness_index
from unionstats.read.likeness import LikenessIndex, terms
from unionstats.read.numbers import money_factor
from unionstats.reference import Registry
from unionstats.text import nfc

LEFT_WORDS, RIGHT_WORDS = 12, 12  # how many content words before and after a number are looked at
WIDER_WORDS = 8  # how many words before the previous figure may still name a number
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]\w*(?:-\w+)*|\S")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ\"“(-])")
_OPENING, _CLOSING = {"“", "«"}, {"”", "»"}
_BREAKS = {";", ":", "(", ")", ".", "!", "?", "/", "…", "[", "]"}
_LINKS = frozenset("với tại và cùng gồm thu hút trong để nhằm đạt tăng giảm bằng theo từ đến qua".split())  # noqa: SIM905
_LEFT_STOPS = frozenset({"và", "với"})  # "… 240 suất quà và 130 suất …": a new figure's words begin
_RESULT = ("được", "đã", "đạt", "có", "thực hiện", "tổ chức", "tại")
_MAGNITUDES = {"triệu": 1_000_000, "tỷ": 1_000_000_000, "tỉ": 1_000_000_000}
_DURATIONS = {"năm", "tháng", "ngày", "tuổi", "giờ", "phút", "tuần"}
_TRANSPARENT = ("duration", "year")  # numbers inside a figure's words, not figures of their own
FUNCTION_WORDS = frozenset(
    "trên của cho các những được đã có là ở tại về và với trong bị để do theo thuộc này đó mới lên".split()  # noqa: SIM905
)


@dataclass
@dataclass
class Token:
    text: str
    lower: str  # NFC lower case: the words of sentence_words.csv are compared with this
    number: bool

    @property
    def word(self) -> bool:
        return self.text[0].isalpha()


@dataclass
class Figure:
    """One number of a sentence and what is known about it."""

    index: int  # its token
    text: str  # the number as written ("7.842", "86,5")
    measure: str = ""  # the catalogue measure its unit word names ("lượt", "đồng")
    money: int | None = None  # the đồng in one unit of it when it is money (1, 1_000_000…)
    unit_words: int = 0  # how many words after it are its unit of measure
    left: list[str] = field(default_factory=list)  # lower-case words before it, nearest last
    clause: list[str] = field(default_factory=list)  # every word before it back to ";" (plans)
    before_previous: list[str] = field(default_factory=list)  # the previous figure's words too
    right: list[str] = field(default_factory=list)  # lower-case words after it, nearest first
    approximate: str = ""  # the word before it that makes it approximate ("hơn", "khoảng")
    skip: str = ""  # why it is not a level ("" when it may be one)
    indicator: str = ""
    ambiguous: tuple[str, ...] = ()
    pair: bool = False  # "94/96 CĐCS": its unit is the whole it is part of, not what it counts
    end: int = 0  # the token its words end before
    labelled: bool = False  # "Số CĐCS: 31": the words before the colon are its whole label
    joined: list[str] = field(default_factory=list)  # "… đoàn viên được thăm hỏi và tham gia …"


def tokens(text: str) -> list[Token]:
    return [Token(m.group(0), m.group(0).lower(), m.group(0)[0].isdigit()) for m in _TOKEN.finditer(text)]


def sentences(text: str) -> list[str]:
    """A paragraph cut into sentences (a figure's provenance is its own sentence)."""
    return [part.strip() for part in _SENTENCE_END.split(nfc(text)) if part.strip()]


def ends_with(words: list[str], phrases: tuple[str, ...] | frozenset[str]) -> str:
    """The phrase of ``phrases`` that ``words`` end with, if any (whole words)."""
    text = " ".join(words)
    return next((p for p in phrases if text == p or text.endswith(" " + p)), "")


def contains(words: list[str], phrases: tuple[str, ...] | frozenset[str]) -> str:
    text = f" {' '.join(words)} "
    return next((p for p in phrases if f" {p} " in text), "")


class FigureFinder:
    """Finds the figures of sentences and their words, against one registry's vocabulary."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.catalogue = registry.catalogue
        self.index: LikenessIndex = likeness_index(self.catalogue)
        words = registry.sentence_words
        self.measures: dict[str, str] = words.get("measure", {})
        self.roles = {role: tuple(sorted(found, key=len, reverse=True)) for role, found in words.items()}
        self.longest_measure = max((len(w.split()) for w in self.measures), default=1)
        self.counts_of = {spec.amount_code: code for code, spec in self.catalogue.items() if spec.amount_code}
        reword = self.index.reword or (lambda key: key)
        self.alias_terms = {code: self.index.entries[code] for code in self.catalogue.codes()}
        self.words_of = {code: frozenset().union(*sets) for code, sets in self.alias_terms.items()}
        self.action_terms = {
            phrase: terms(reword(label_key(phrase))) for phrase in self.roles.get("action", ())
        }
        self._reword = reword
        self.generic = frozenset().union(
            *(terms(reword(label_key(phrase))) for phrase in self.roles.get("generic", ()))
        )
        self.unit_starts = frozenset(phrase.split()[0] for phrase in self.measures)
        self.label_terms = frozenset().union(*self.words_of.values()) - self.generic

    def role(self, name: str) -> tuple[str, ...]:
        return self.roles.get(name, ())

    def find(self, sentence: str) -> list[Figure]:
        """Every number of ``sentence`` with its measure and words, and what it is (or why not)."""
        toks = tokens(sentence)
        figures = [self._figure(toks, i) for i, tok in enumerate(toks) if tok.number]
        start, passed = 0, set()
        for figure in figures:
            self._words(toks, figure, start, passed)
            figure.skip = self._not_a_level(toks, figure)
            if figure.skip in _TRANSPARENT:
                passed.add(figure.index)  # "Thu kinh phí 6 tháng đạt 415 triệu": still its words
            # a figure's words after it are its own: the next figure's begin after them
            if figure.skip not in _TRANSPARENT:
                start = figure.end if not figure.skip else figure.index + 1
        return figures

    def _figure(self, toks: list[Token], i: int) -> Figure:
        figure = Figure(i, toks[i].text)
        after = []
        for tok in toks[i + 1 : i + 2 + self.longest_measure]:
            if not tok.word:
                break
            after.append(tok.lower)
        money, size = self._money(after)
        if money is not None and " ".join(after[:2]) in self.measures:
            money = None  # "7 đồng chí" counts people: "đồng" is not money here
        if money is not None:
            figure.money, figure.measure, figure.unit_words = money, "đồng", size
            return figure
        for size in range(min(self.longest_measure, len(after)), 0, -1):
            found = self.measures.get(" ".join(after[:size]))
            if found:
                figure.measure, figure.unit_words = found, size
                break
        return figure

    @staticmethod
    def _money(after: list[str]) -> tuple[int | None, int]:
        """(đồng per unit, words) of a number followed by ``after`` ("triệu đồng", "đ", "tỷ")."""
        if len(after) >= 2:
            factor = money_factor(" ".join(after[:2]))
            if factor is not None and after[0] in _MAGNITUDES | {"nghìn": 0, "ngàn": 0}:
                return factor, 2
        if after and after[0] in ("đồng", "đ", "vnđ", "vnd"):
            return 1, 1
        if after[:1] and after[0] in _MAGNITUDES and (len(after) == 1 or after[1] in ("đồng", "đ")):
            return _MAGNITUDES[after[0]], 1
        return None, 0

    def _words(self, toks: list[Token], figure: Figure, start: int, passed: set[int]) -> None:
        """The words before a number (back to the previous figure's unit, a link word or a
        clause break) and after it (its unit and the noun phrase that follows)."""
        before = toks[start : figure.index]
        rough = self._approximate_tail(before)  # "Tổng số CNVCLĐ: hơn 1.000 người"
        label = before[: len(before) - rough]
        if label and label[-1].text in (":", "("):
            before = label[:-1] + before[len(label) :]  # "Số CĐCS: 31", "(nữ 941 người)": the words
            figure.labelled = True  # before are its label
        elif self._after_comma(before):
            before = []  # "…, 6800 suất quà trẻ em": an item of a list, its words after it
        left: list[str] = []
        for offset, tok in enumerate(reversed(before)):
            if tok.number and figure.index - 1 - offset in passed:
                continue
            if tok.text in _BREAKS or tok.number or tok.lower in _LEFT_STOPS:
                break
            if tok.word:
                left.insert(0, tok.lower)
        figure.left = left if figure.labelled else self._last_content(left)  # a label is read whole
        clause: list[str] = []
        for tok in reversed(toks[: figure.index]):
            if tok.text in (";", "."):
                break
            if tok.word:
                clause.insert(0, tok.lower)
        figure.clause = clause
        previous: list[str] = []
        for tok in reversed(toks[: figure.index]):
            if tok.text in _BREAKS - {":", "("} or (tok.number and previous):
                break
            if tok.word:
                previous.insert(0, tok.lower)
        figure.before_previous = previous[-WIDER_WORDS:]
        figure.right, figure.end = self._right_after(toks, figure.index)
        if figure.end < len(toks) and toks[figure.end].lower == "và":
            for tok in toks[figure.end + 1 :]:
                if tok.text in _BREAKS or tok.number:
                    figure.joined = [] if tok.number else figure.joined
                    break
                if tok.word:
                    figure.joined.append(tok.lower)

    def _approximate_tail(self, before: list[Token]) -> int:
        """How many of the last tokens of ``before`` are an "approximately" ("hơn", "trên dưới")."""
        phrase = ends_with([t.lower for t in before[-2:]], self.role("approximate"))
        return len(phrase.split()) if phrase else 0

    def _after_comma(self, before: list[Token]) -> bool:
        """True when the number follows a comma, with at most an "approximately" between."""
        rest = before[: len(before) - self._approximate_tail(before)]
        return bool(rest) and rest[-1].text == ","

    def _right_after(self, toks: list[Token], i: int, limit: int = RIGHT_WORDS) -> tuple[list[str], int]:
        """The words after the number at ``i`` (its unit and the noun phrase after it, to a
        link word, a clause break, or a comma followed by another figure's words) and the
        token they end before."""
        words: list[str] = []
        end = i + 1
        while end < len(toks):
            tok = toks[end]
            if tok.text in _BREAKS or tok.number or len(self._content(words)) >= limit:
                break
            if tok.text == "," and (
                self._figure_follows(toks[end + 1 :])
                or not (self._unit_at(toks, end + 1) or self._label_goes_on(toks, end + 1))
            ):
                break  # "1.950 công nhân, viên chức, lao động" goes on; "…, không có CĐCS" does not
            if tok.lower in _LINKS and words:
                break
            if tok.word:
                words.append(tok.lower)
            end += 1
        return words, end

    @staticmethod
    def _last_content(words: list[str]) -> list[str]:
        """The end of ``words`` holding :data:`LEFT_WORDS` content words (function words ride along)."""
        seen = 0
        for start in range(len(words) - 1, -1, -1):
            seen += words[start] not in FUNCTION_WORDS
            if seen == LEFT_WORDS:
                return words[start:]
        return words

    @staticmethod
    def _content(words: list[str]) -> list[str]:
        return [word for word in words if word not in FUNCTION_WORDS]

    def _label_goes_on(self, toks: list[Token], i: int) -> bool:
        """True when the words from token ``i`` begin with words of the catalogue's labels
        ("14 hoạt động văn hóa, thể thao thu hút …", "…, thể dục thể thao chào mừng …")."""
        words = []
        for tok in toks[i:]:
            if tok.text == "," or tok.text in _BREAKS or tok.number or tok.lower in _LINKS:
                break
            if not tok.word:
                continue
            if tok.lower == "không" or tok.lower in self.unit_starts:
                return False  # "…, không có CĐCS không hoàn thành nhiệm vụ" is a clause of its own
            if not self._terms([tok.lower]) <= self.label_terms:
                break
            words.append(tok.lower)
        return bool(self._terms(words))

    def _unit_at(self, toks: list[Token], i: int) -> bool:
        """True when a unit word ("viên chức", "người lao động") begins at token ``i``."""
        return self.begins_with_unit([t.lower for t in toks[i : i + self.longest_measure]])

    def begins_with_unit(self, words: list[str]) -> bool:
        """True when ``words`` begin with a unit of measure ("lượt đoàn viên", not "học bổng")."""
        return any(" ".join(words[:size]) in self.measures for size in range(1, len(words) + 1))

    @staticmethod
    def _figure_follows(toks: list[Token]) -> bool:
        """True when a number comes before the next comma, link word or clause break."""
        for tok in toks:
            if tok.number:
                return True
            if tok.text == "," or tok.text in _BREAKS or tok.lower in _LINKS:
                return False  # "…, thể thao thu hút 1.260 lượt": that figure has words of its own
        return False

    # --- what is not a level ---------------------------------------------------------
    def _not_a_level(self, toks: list[Token], figure: Figure) -> str:
        i, text = figure.index, figure.text
        before = toks[i - 1].text if i else ""
        after = toks[i + 1].text if i + 1 < len(toks) else ""
        if self._quoted(toks, i):
            return "quoted"
        if after == "%" or figure.right[:2] == ["phần", "trăm"]:
            return "share"
        if after in ("/", "-") and i + 2 < len(toks) and not toks[i + 2].number:
            return "document_number"  # 45/BC-LĐLĐ, 02-NQ/TW
        joined = before in ("/", "-", ".") and i >= 2 and toks[i - 2].number  # not "đoàn viên/1.071"
        if joined or (after in ("/", "-", ".") and i + 2 < len(toks) and toks[i + 2].number):
            return self._pair(toks, figure)
        if i == 0 and after in (".", ")"):
            return "numbering"
        near = [t.lower for t in toks[max(0, i - 3) : i] if t.word]
        if re.fullmatch(r"(?:19|20)\d\d", text) and not figure.measure and figure.money is None:
            return "year"
        if ends_with(near, self.role("reference")) and not ends_with(near, ("tổng số", "số tiền")):
            return "date_or_reference"
        if figure.right[:1] and figure.right[0] in _DURATIONS:
            return "duration"
        return self._not_a_level_by_words(figure)

    @staticmethod
    def _quoted(toks: list[Token], i: int) -> bool:
        """True inside a quotation ("“01 triệu sáng kiến”"): an opening quotation mark within
        the 12 tokens before, not closed since, and no ";" between (quotes left open in a long
        sentence do not reach past it)."""
        straight = False
        for tok in reversed(toks[max(0, i - 12) : i]):
            if tok.text in _CLOSING or tok.text == ";":
                return False
            if tok.text in _OPENING:
                return True
            straight ^= tok.text == '"'
        return straight

    def _not_a_level_by_words(self, figure: Figure) -> str:
        left = figure.left
        if ends_with(left[-3:], self.role("change")) or contains(figure.right, ("so với",)):
            return "change"
        plan = contains(figure.clause, self.role("plan"))
        if plan and not self._results_heading(figure.clause, plan):
            return "target_or_plan"
        if contains(figure.clause, self.role("scope")):
            return "another_scope"  # "Toàn tỉnh hiện có 68.000 đoàn viên": not the unit's own
        if contains(figure.clause, self.role("cumulative")):
            return "cumulative"
        if ends_with(left[-2:], self.role("per_item")):
            return "per_item"
        figure.approximate = ends_with(left[-2:], self.role("approximate"))
        if figure.money is None and not figure.measure and not left and not figure.right:
            return "bare_number"
        return ""

    @staticmethod
    def _results_heading(clause: list[str], plan: str) -> bool:
        """True for "Kết quả thực hiện các chỉ tiêu …: 30 CĐCS": the plan word names what the
        results are of."""
        text = " ".join(clause)
        return "kết quả" in text and text.index("kết quả") < text.index(plan)

    def _pair(self, toks: list[Token], figure: Figure) -> str:
        """A number written with another by "/", "-" or ".": a date, a range, or "96/100"."""
        i = figure.index
        before = toks[i - 1].text if i else ""
        if before in ("/", "-", "."):
            return "second_of_pair" if before == "/" else "date_or_range"
        if toks[i + 1].text != "/" or (i + 3 < len(toks) and toks[i + 3].text in ("/", "-")):
            return "date_or_range"
        if contains(figure.left, ("ngày",)) or not self._result_of_pair(toks, i):
            return "fraction"
        figure.right, figure.end = self._right_after(toks, i + 2, limit=2 * RIGHT_WORDS)  # "96/100 đoàn viên"
        for size in range(self.longest_measure, 0, -1):
            found = self.measures.get(" ".join(figure.right[:size]))
            if found:
                figure.measure, figure.unit_words = found, size
                break
        figure.pair = figure.measure == "đơn vị"  # "36/38 cơ quan": what it counts is said after
        return ""

    def _result_of_pair(self, toks: list[Token], i: int) -> bool:
        """True when "X/Y" says X was done out of Y: a result word before it, and after it a
        target ("chỉ tiêu") or the whole it is part of ("36/38 cơ quan, đơn vị")."""
        before = [t.lower for t in toks[max(0, i - 8) : i] if t.word]
        after = [t.lower for t in toks[i + 3 : i + 12] if t.word]
        whole = self.measures.get(" ".join(after[:2])) or self.measures.get(after[0] if after else "")
        target = contains(after, ("chỉ tiêu", "kế hoạch", "được giao")) or whole == "đơn vị"
        return bool(contains(before, _RESULT) and target)

    def _terms(self, words: list[str]) -> frozenset[str]:
        return terms(self._reword(label_key(" ".join(words)))) if words else frozenset()
