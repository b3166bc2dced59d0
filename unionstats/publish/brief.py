"""What a period brief holds and in which order: the :class:`Brief` that
:mod:`unionstats.publish.content` computes, its sections and the captions of its charts.

The notebook and every output format (:mod:`unionstats.publish.formats`) lay the brief out
from here, so that a chart sits under the section it illustrates and a section has the same
number in the HTML and in the Word document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from unionstats.periods import parse_code

# What each chart shows, as its caption says it (its number comes from its place in the brief)
FIGURE_CAPTIONS = {
    "cluster_members": "Đoàn viên công đoàn theo cụm thi đua",
    "yoy_members": "Đoàn viên công đoàn so với cùng kỳ năm trước",
    "yoy_members_new": "Kết nạp đoàn viên mới so với cùng kỳ năm trước",
    "ratings": "Xếp loại công đoàn cơ sở",
    "trend": "Xu hướng các chỉ tiêu chính qua các kỳ",
    "heatmap": "Thay đổi so với cùng kỳ theo đơn vị và chỉ tiêu",
}
APPENDIX = "Nguồn số liệu"  # the appendix, always last: every figure's file, sheet and cell


@dataclass(frozen=True)
class Section:
    """One numbered section of the brief: its heading, the tables and charts it holds."""

    heading: str
    tables: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()


# The brief's sections in order; the notebook and every format follow it, so that a chart
# sits under the section it illustrates in the HTML and in the Word document alike.
SECTIONS = (
    Section("Tình hình nộp báo cáo", ("Tình hình nộp báo cáo",)),
    Section("Kết quả chủ yếu", ("Số liệu chính",)),
    Section("So sánh", ("So sánh cụm", "So sánh"), ("cluster_members", "yoy_members", "yoy_members_new")),
    Section("Xếp hạng thi đua", ("Xếp hạng",)),
    Section("Xếp loại công đoàn cơ sở", ("Xếp loại CĐCS",), ("ratings",)),
    Section("Xu hướng và biến động", (), ("trend", "heatmap")),
    Section("Điểm cần lưu ý", ("Điểm cần lưu ý",)),
)


@dataclass
class Brief:
    """Everything a period brief shows. Tables hold numbers; :func:`to_html` formats them."""

    period: str
    cluster: str | None
    title: str
    produced: str
    completeness_text: str
    narrative: str
    leaders: list[str]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    key_points: list[str] = field(default_factory=list)
    ranking_method: str = ""
    figures: dict[str, Path] = field(default_factory=dict)
    money_labels: frozenset[str] = frozenset()
    point_labels: frozenset[str] = frozenset()  # ratios in percentage points (96,1%), derived.csv
    organisation: dict[str, str] = field(default_factory=dict)  # organisation.csv, for official formats
    comparison_note: str = ""  # why there is no comparison (a first period), said in its section

    def figure(self, kind: str) -> Path | None:
        """The PNG of one chart of the brief, or None if that chart does not apply."""
        return self.figures.get(kind)

    def sections(self) -> list[tuple[int, Section]]:
        """The sections this brief has (a half-year has no ratings), numbered from 1."""
        present = [
            section
            for section in SECTIONS
            if {*section.tables} & self.tables.keys() or {*section.figures} & self.figures.keys()
        ]
        return list(enumerate(present, start=1))

    def texts_before(self, heading: str) -> list[str]:
        """The sentences a section opens with, the same in every format."""
        texts = {
            "Tình hình nộp báo cáo": [self.completeness_text],
            "Kết quả chủ yếu": [self.narrative],
            "So sánh": [self.comparison_note],
            "Xếp hạng thi đua": [" ".join(self.leaders)],
        }.get(heading, [])
        if heading == "Điểm cần lưu ý" and not len(self.tables.get("Điểm cần lưu ý", ())):
            texts = ["Không có lỗi, cảnh báo hay biến động lớn trong kỳ."]
        return [text for text in texts if text]

    def texts_after(self, heading: str) -> list[str]:
        """The sentences after a section's tables and charts (how the ranking is scored)."""
        return [self.ranking_method] if heading == "Xếp hạng thi đua" and self.ranking_method else []

    def figure_caption(self, kind: str) -> str:
        """ "Biểu đồ 3. Xếp loại công đoàn cơ sở": numbered in the order the brief shows them."""
        shown = [f for _, section in self.sections() for f in section.figures if f in self.figures]
        return f"Biểu đồ {shown.index(kind) + 1}. {FIGURE_CAPTIONS.get(kind, kind)}"

    def figure_alt(self, kind: str) -> str:
        """What the chart shows, for a reader who cannot see it (the HTML's alternative text)."""
        scope = self.title.split(": ", 1)[-1]
        return f"{FIGURE_CAPTIONS.get(kind, kind)}, {scope}, {parse_code(self.period).label_vi}."

    @property
    def federation(self) -> str:
        """The issuing federation's name with its province ("LIÊN ĐOÀN LAO ĐỘNG TỈNH KON TUM")."""
        return self.organisation.get("issuing_body", "") or "Liên đoàn Lao động tỉnh"
