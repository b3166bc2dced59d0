"""Figures in sentences: "thăm hỏi được 341 lượt đoàn viên với tổng số tiền trên 295 triệu đồng".

Units write their figures into the narrative report in a regular style: a number, its unit of
measure ("341 lượt", "295 triệu đồng", "7.842 người") and the words that say what is counted.
This module reads such a figure as a level of one indicator, with the label catalogue and
wording list (``indicators.csv``, ``wording.csv``) that forms are read with, the terms and
weights of :mod:`unionstats.read.likeness`, and the words reports use around numbers
(``sentence_words.csv``: units of measure, and the words that make a number something else
than a level). It reads nothing it is not sure of:

- what is not a level is never read as one (set aside by
  :mod:`unionstats.read.sentence_figures`): a change ("tăng 12 đoàn viên", "so với cùng
  kỳ"), a share ("đạt 95%"), a target or plan ("chỉ tiêu 300", "phấn đấu", "dự toán"), a
  count over several periods ("từ đầu nhiệm kỳ"), an amount per item ("mỗi căn 50 triệu
  đồng"), a date, a year, a duration ("94 năm"), an ordinal ("lần thứ 5"), a document or
  decree number ("Số 45/BC-LĐLĐ", "Nghị định 30/2020"), a name in quotation marks ("1 triệu
  sáng kiến"), a breakdown the catalogue has no indicator for ("trong đó 21 đoàn viên nữ"
  of the new members), a count of something outside the catalogue;
- "12/15" keeps the 12 only where the words say it is the result: something done out of a
  target ("chỉ tiêu") or out of all units ("tại 36/38 cơ quan, đơn vị");
- an approximate figure ("trên 295 triệu", "gần 300", "khoảng") is read with a finding
  saying so; a figure two indicators could claim gives no value and a finding, and so does
  one indicator given two different figures in one report;
- every figure read carries an info finding "đọc từ văn bản, chờ xác nhận" until an
  analyst confirms it (``unionstats reports --confirm``, kept in ``confirmed_figures.csv``).

Which indicator: the words near the number (back to the previous figure or a clause break,
and its unit of measure and the noun phrase after it) are matched against every label and
alias of the indicators whose measure is the number's. An alias counts when most of its
weighted terms are among those words (:data:`RECALL`); of those, the one explaining the most
(rarer terms weigh more) is taken, unless another explains nearly as much and something
else (:data:`LEAD`). A verb near the number that an indicator's words lack ("hỗ trợ 25 đoàn
viên" is not the number of members) rules that indicator out. An amount written after its
count ("127 lượt … với số tiền 86,5 triệu đồng") is the count's money partner, and the
female figure in "(nữ 941 người)" the partner of the total before it.

Provenance is the paragraph: sheet ``Văn bản``, cell ``đoạn N``, the sentence as ``raw``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from unionstats.findings import Finding, finding
from unionstats.formatting import fmt_number
from unionstats.read.documents import Paragraph
from unionstats.read.numbers import parse_value
from unionstats.read.sentence_figures import FUNCTION_WORDS, Figure, FigureFinder, contains, sentences
from unionstats.reference import Registry

TEXT_SHEET = "Văn bản"
RECALL = 0.75  # the weighted share of an alias's terms that must be near the number
MISSING_COST = 2  # an alias term absent from the words counts against it twice its weight
LEAD = 0.8  # a runner-up explaining this share of the winner's weight makes it ambiguous
_NEUTRAL_ACTIONS = ("thu hút",)  # a verb that says nothing of what is counted
BARE_LEFT = 4  # a number without a unit is named by the words just before it ("Số CĐCS: 31")
_MONEY_WORDS = ("số tiền", "tiền", "kinh phí", "trị giá", "giá trị", "tổng chi", "chi")


@dataclass
class Match:
    """What the words around a figure name: one indicator, or two it could be."""

    code: str | None = None
    weight: float = 0.0
    ambiguous: tuple[str, ...] = ()


@dataclass
class SentenceFigures:
    """What the sentences of one report gave: records, and the findings that go with them."""

    records: list[dict[str, object]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


class SentenceReader(FigureFinder):
    """Reads the figures of a report's sentences against one registry."""

    def figures(self, sentence: str) -> list[Figure]:
        """Every number of ``sentence`` with its words, and what it is (or why it is not a level)."""
        figures = self.find(sentence)
        self._decide(figures)
        return figures

    # --- which indicator -------------------------------------------------------------
    def _decide(self, figures: list[Figure]) -> None:
        taken: Figure | None = None
        for figure in figures:
            if figure.skip:
                continue
            if self._female_breakdown(figure, taken):
                taken = figure if figure.indicator else taken
                continue
            own = self._match(figure, figure.left)
            if figure.pair and own.code is None and not own.ambiguous:
                # "170/170 Hội nghị cán bộ, công chức": the whole's word is what is counted too
                own = self._match(replace(figure, pair=False), figure.left)
            if own.code is None and not own.ambiguous and taken is not None:
                self._partner(figure, taken)
            if not figure.indicator and figure.before_previous != figure.left:
                # "4 lớp tập huấn với 260 lượt cán bộ tham gia": the activity may be named
                # before the previous figure; never that figure's own indicator again, and
                # taken only when it explains more than the figure's own words do
                wider = self._match(figure, figure.before_previous, not_this=taken.indicator if taken else "")
                if wider.code and wider.weight > own.weight:
                    own = wider
            if not figure.indicator:
                figure.indicator, figure.ambiguous = own.code or "", own.ambiguous
            if figure.indicator and figure.joined:
                # "210 lượt đoàn viên được thăm hỏi và tham gia các hoạt động văn hoá": the
                # number counts both; it is a level of neither
                both = self._match(replace(figure, right=figure.right + figure.joined), figure.left)
                other = both.code or next((c for c in both.ambiguous if c != figure.indicator), "")
                if other and other != figure.indicator:
                    figure.indicator, figure.ambiguous = "", (figure.indicator, other)
            if figure.indicator and taken is not None and self._describes(figure, taken):
                figure.indicator, figure.skip = "", "breakdown_outside_catalogue"
            if figure.indicator:
                taken = figure

    def _describes(self, figure: Figure, taken: Figure) -> bool:
        """True when ``figure`` is a part or an attribute of the figure read before it, not a
        level of its own: "29 CĐCS, trong đó 25 CĐCS khu vực hành chính" (a part of the same
        indicator), "thành lập mới 01 CĐCS … với 45 đoàn viên" (the members of the new unit:
        a stock said of a flow's items)."""
        if figure.indicator == taken.indicator and "trong đó" in " ".join(figure.left):
            return True
        spec, before = self.catalogue[figure.indicator], self.catalogue[taken.indicator]
        said_with = not figure.left and figure.before_previous[-1:] == ["với"]
        return spec.kind == "stock" and before.kind == "flow" and said_with

    def _match(self, figure: Figure, left: list[str], not_this: str = "") -> Match:
        """The indicator the words ``left`` of the figure and its words after name, if one
        clearly does (its explained weight, or the two it could be)."""
        money = figure.money is not None
        skip_unit = figure.unit_words if money or figure.pair else 0
        if not figure.measure:  # no unit: only a label just before it ("Số CĐCS: 31")
            content = [word for word in left if word not in FUNCTION_WORDS]
            if not content:
                return Match()
            left = left if figure.labelled else left[-BARE_LEFT:]
            right, nearest = figure.right[:2], self._terms(content[-1:])
        else:
            right, nearest = figure.right[skip_unit:], frozenset()
        context = self._terms(left + right)
        actions = self._actions(figure)
        head = self._head(figure)
        found = []
        for code, spec in self.catalogue.items():
            if code == not_this or spec.money != money:
                continue
            if not money and figure.measure and spec.measure != figure.measure:
                continue
            best = self._explained(code, context, actions, head)
            if best is not None and nearest and not nearest & best[1]:
                continue  # the word just before a bare number is its label: it must be explained
            if best is not None:
                found.append((best[0], code, best[1]))
        if not found:
            return Match()
        found.sort(key=lambda item: -item[0])
        weight, code, matched = found[0]
        for other_weight, other, other_matched in found[1:]:
            if other_weight >= LEAD * weight and not other_matched <= matched:
                return Match(None, weight, (code, other))
        return Match(code, weight)

    def _head(self, figure: Figure) -> frozenset[str]:
        """The noun right after the number's unit ("4000 lượt thí sinh"): what is counted. An
        indicator none of whose words it is does not count it. Empty when the next word is a
        unit itself ("lượt đoàn viên"), a function word, or there is none."""
        after = figure.right[figure.unit_words : figure.unit_words + 2]
        unit = self._terms(figure.right[: figure.unit_words])
        if not unit or not unit <= self.generic or not after or self.begins_with_unit(after):
            return frozenset()  # only a generic counter ("lượt", "người") says nothing of what
        found = self._terms(after[:2]) - self.generic
        return found if after[0] not in FUNCTION_WORDS and found else frozenset()

    def _actions(self, figure: Figure) -> list[frozenset[str]]:
        """The verbs just before the number and in its noun phrase ("hỗ trợ", "tham gia")."""
        near = " ".join(figure.left[-4:] + figure.right)
        found = []
        for phrase, phrase_terms in self.action_terms.items():
            if f" {phrase} " in f" {near} " and not contains(near.split(), _NEUTRAL_ACTIONS):
                found.append(phrase_terms)
        return found

    def _explained(
        self, code: str, context: frozenset[str], actions: list[frozenset[str]], head: frozenset[str]
    ) -> tuple[float, frozenset[str]] | None:
        """(weight explained, terms) of the indicator's alias best found in ``context``, or
        None when no alias is there enough or a verb near the number is foreign to it."""
        if actions and not any(verb & self.words_of[code] for verb in actions):
            return None
        if head and not head & self.words_of[code]:
            return None
        best: tuple[float, frozenset[str]] | None = None
        for alias in self.alias_terms[code]:
            matched = alias & context
            if not matched - self.generic:
                continue  # "lượt người tham gia" alone names nothing
            total = sum(self.index.weight(w) for w in alias)
            explained = sum(self.index.weight(w) for w in matched)
            if not total or explained / total < RECALL:
                continue
            score = explained - MISSING_COST * (total - explained)  # "hoàn thành nhiệm vụ" is not "… tốt …"
            if best is None or score > best[0]:
                best = (score, matched)
        return best

    def _female_breakdown(self, figure: Figure, taken: Figure | None) -> bool:
        """ "(nữ 941 người)", "trong đó nữ 655", "trong đó có 21 đoàn viên nữ": the female
        partner of the total just read, or nothing when that total has none."""
        if "nữ" not in figure.left[-3:] + figure.right[:3]:
            return False
        said = " ".join(figure.left)
        if not ("trong đó" in said or figure.left[-1:] == ["nữ"] or not figure.left):
            return False
        parent = self.catalogue[taken.indicator] if taken is not None else None
        if parent is not None and parent.female_code:
            figure.indicator = parent.female_code
        else:
            figure.skip = "breakdown_outside_catalogue"
        return True

    def _partner(self, figure: Figure, taken: Figure) -> None:
        """An amount said after its count ("127 lượt … với số tiền 86,5 triệu đồng"), or a
        count after its amount ("27.600.000đ (127 lượt)"): the partner of the figure read."""
        spec = self.catalogue[taken.indicator]
        said = figure.left or taken.right[-2:]  # "1 nhà Mái ấm … trị giá 60 triệu đồng"
        if figure.money is not None and spec.amount_code and contains(said, _MONEY_WORDS):
            figure.indicator = spec.amount_code
        elif figure.money is None and not figure.left and taken.indicator in self.counts_of:
            count = self.counts_of[taken.indicator]
            if self.catalogue[count].measure == figure.measure:
                figure.indicator = count

    # --- a whole report ---------------------------------------------------------------
    def read(self, paragraphs: list[Paragraph], file: str) -> SentenceFigures:
        """The levels stated in ``paragraphs``: one record per indicator, with findings."""
        found: dict[str, list[tuple[Figure, Paragraph, str, float]]] = {}
        result = SentenceFigures()
        for paragraph in paragraphs:
            for sentence in sentences(paragraph.text):
                for figure in self.figures(sentence):
                    self._keep(figure, paragraph, sentence, file, found, result)
        for code, readings in found.items():
            self._record(code, readings, file, result)
        return result

    def _keep(self, figure, paragraph, sentence, file, found, result) -> None:
        place = {"file": file, "sheet": TEXT_SHEET, "cell": paragraph.where}
        if figure.ambiguous:
            names = " hoặc ".join(self.catalogue.label(code) for code in figure.ambiguous)
            result.findings.append(
                finding(
                    "text_figure_ambiguous", **place, number=figure.text, candidates=names, sentence=sentence
                )
            )
            return
        if not figure.indicator:
            return
        spec = self.catalogue[figure.indicator]
        measure = {1: "đồng", 1_000: "nghìn đồng", 1_000_000: "triệu đồng", 1_000_000_000: "tỷ đồng"}
        parsed = parse_value(
            figure.text, measure=measure.get(figure.money or 0), whole=spec.whole, money=spec.money
        )
        if parsed.value is None:
            result.findings.append(
                finding(
                    "text_number_unclear", **place, number=figure.text, label=spec.label, sentence=sentence
                )
            )
            return
        found.setdefault(figure.indicator, []).append((figure, paragraph, sentence, parsed.value))

    def _record(self, code: str, readings: list, file: str, result: SentenceFigures) -> None:
        figure, paragraph, sentence, value = readings[0]
        place = {"file": file, "sheet": TEXT_SHEET, "cell": paragraph.where, "indicator": code}
        label = self.catalogue.label(code)
        if len({v for _, _, _, v in readings}) > 1:
            shown = "; ".join(f"{fmt_number(v)} ({p.where})" for _, p, _, v in readings)
            result.findings.append(finding("text_figure_conflict", **place, label=label, values=shown))
            return
        result.records.append({"indicator": code, "value": value, "sheet": TEXT_SHEET,
                               "cell": paragraph.where, "raw": sentence})  # fmt: skip
        shown = fmt_number(value)
        if figure.approximate:
            result.findings.append(
                finding(
                    "text_figure_approximate",
                    **place,
                    label=label,
                    value=shown,
                    qualifier=figure.approximate,
                    sentence=sentence,
                )
            )
        if (file, paragraph.where, code, value) not in self.registry.confirmed_figures:
            result.findings.append(finding("text_figure_unconfirmed", **place, label=label, value=shown))


def read_sentences(paragraphs: list[Paragraph], file: str, registry: Registry) -> SentenceFigures:
    """The figures stated in the sentences of ``paragraphs`` (see the module docstring)."""
    return SentenceReader(registry).read(paragraphs, file)
