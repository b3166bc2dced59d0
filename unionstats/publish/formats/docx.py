"""The brief as a Word document in the administrative format (``ban-tin.docx``).

Laid out as Nghị định 30/2020/NĐ-CP (Phụ lục I) sets out an administrative document: A4,
margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman; the header block as
a two-column table without borders (the parent body and the issuing federation, then the
number and symbol, on the left; the national motto and the place and date on the right);
the document type and title centred and bold; body text at 14 pt, justified, first line
indented; tables with their header row repeated on every page; charts as pictures with a
numbered caption; the "Nơi nhận" block and the signature at the end. The federation's and
province's names, the symbol, the signer and the recipients come from
``data/reference/organisation.csv`` (:func:`unionstats.reference.load_organisation`).
Figures are formatted as in the other formats (:func:`~unionstats.publish.formats.base.format_cell`).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from unionstats.atomic import write_file
from unionstats.errors import ReferenceDataError
from unionstats.publish.content import Brief
from unionstats.publish.formats.base import Rendered, format_cell, money_row_flags, shown_columns

FILENAME = "ban-tin.docx"
FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 11
CAPTIONS = {
    "cluster_members": "Đoàn viên công đoàn theo cụm thi đua",
    "yoy_members": "Đoàn viên công đoàn so với cùng kỳ năm trước",
    "yoy_members_new": "Kết nạp đoàn viên mới so với cùng kỳ năm trước",
    "ratings": "Xếp loại công đoàn cơ sở",
    "trend": "Xu hướng qua các kỳ",
    "heatmap": "Thay đổi so với cùng kỳ theo đơn vị và chỉ tiêu",
}


def write(rendered: Rendered, folder: Path) -> Path:
    """``ban-tin.docx``: the brief's text, tables and charts as an administrative document."""
    document = build_document(rendered.content)
    return write_file(Path(folder) / FILENAME, document.save)


def build_document(content: Brief):
    """The Word document of ``content`` (a python-docx ``Document``, not yet saved)."""
    organisation = content.organisation
    if not organisation:
        raise ReferenceDataError(
            "Thiếu data/reference/organisation.csv (tên cơ quan, địa danh, nơi nhận) để lập bản Word.",
            file="organisation.csv",
            code="reference_missing",
        )
    document = Document()
    _page_and_fonts(document)
    _header_block(document, content, organisation)
    _centred(document, "BÁO CÁO", bold=True, space_before=12)
    _centred(document, content.title, bold=True, space_after=12)
    points = [f"- {point}" for point in content.key_points]
    if content.completeness_text not in content.key_points:
        points.append(content.completeness_text)
    for text in (*points, content.narrative):
        _body(document, text)
    figures = iter(_figure_order(content))
    number = 0
    for index, (name, table) in enumerate(content.tables.items(), start=1):
        _body(document, f"{index}. {name}", bold=True, indent=False)
        _table(document, table, content.money_labels)
        kind = next(figures, None)
        if kind is not None:
            number += 1
            _figure(document, content.figures[kind], f"Biểu đồ {number}. {CAPTIONS.get(kind, kind)}")
    for kind in figures:
        number += 1
        _figure(document, content.figures[kind], f"Biểu đồ {number}. {CAPTIONS.get(kind, kind)}")
    if content.ranking_method:
        _body(document, content.ranking_method)
    _recipients_and_signature(document, organisation)
    return document


def _figure_order(content: Brief) -> list[str]:
    return [kind for kind in CAPTIONS if kind in content.figures] + [
        kind for kind in content.figures if kind not in CAPTIONS
    ]


def _page_and_fonts(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(BODY_PT)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)  # Word uses it for Vietnamese text too
    style.paragraph_format.space_after = Pt(6)


def _run(paragraph, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None):
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.name = FONT
    if size:
        run.font.size = Pt(size)
    return run


def _lines(cell, lines: list[tuple[str, dict]]) -> None:
    """Fill a header cell with centred lines: (text, run options)."""
    cell.paragraphs[0].text = ""
    for index, (text, options) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, text, **options)


def _widths(table, *widths: Cm) -> None:
    """Fix a table's column widths (Word and LibreOffice read them from every cell)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _borderless(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def vietnamese_date(produced: str, place: str) -> str:
    """ "Kon Tum, ngày 05 tháng 02 năm 2026" from "05/02/2026" (NĐ 30: 0 before days below
    10 and months below 3)."""
    day, month, year = (int(part) for part in produced.split("/"))
    shown_month = f"{month:02d}" if month < 3 else str(month)
    return f"{place}, ngày {day:02d} tháng {shown_month} năm {year}"


def _header_block(document, content: Brief, organisation: dict[str, str]) -> None:
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, Cm(8), Cm(8.5))
    left, right = table.rows[0].cells
    _lines(
        left,
        [
            (organisation["parent_body"].upper(), {"size": 12}),
            (organisation["issuing_body"].upper(), {"size": 13, "bold": True}),
            ("_______", {"size": 13}),
            (f"Số:      /{organisation['symbol']}", {"size": 13}),
        ],
    )
    _lines(
        right,
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"size": 12, "bold": True}),
            ("Độc lập - Tự do - Hạnh phúc", {"size": 14, "bold": True}),
            ("_______________________", {"size": 13}),
            (vietnamese_date(content.produced, organisation["place"]), {"size": 14, "italic": True}),
        ],
    )


def _centred(document, text: str, *, bold: bool, space_before: int = 0, space_after: int = 0) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before, paragraph.paragraph_format.space_after = (
        Pt(space_before),
        Pt(space_after),
    )
    _run(paragraph, text, bold=bold)


def _body(document, text: str, *, bold: bool = False, indent: bool = True) -> None:
    if not text:
        return
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    _run(paragraph, text, bold=bold)


def _repeat_header(row) -> None:
    """Mark a table row as its header, repeated at the top of every page (``w:tblHeader``)."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _table(document, table, money_columns: frozenset[str]) -> None:
    money_rows = money_row_flags(table)
    shown = shown_columns(table)
    grid = document.add_table(rows=1, cols=len(shown.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(grid.rows[0])
    for cell, column in zip(grid.rows[0].cells, shown.columns, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(cell.paragraphs[0], str(column), bold=True, size=TABLE_PT)
    for (_, row), money in zip(shown.iterrows(), money_rows, strict=True):
        cells = grid.add_row().cells
        for cell, (column, value) in zip(cells, row.items(), strict=True):
            text = format_cell(str(column), value, money or column in money_columns)
            paragraph = cell.paragraphs[0]
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.LEFT if isinstance(value, str | bool) else WD_ALIGN_PARAGRAPH.RIGHT
            )
            _run(paragraph, text, size=TABLE_PT)
    document.add_paragraph()


def _figure(document, picture: Path, caption: str) -> None:
    document.add_picture(str(picture), width=Cm(15))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, caption, italic=True, size=12)


def _recipients_and_signature(document, organisation: dict[str, str]) -> None:
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, Cm(8.5), Cm(8))
    left, right = table.rows[0].cells
    recipients = [r.strip() for r in organisation.get("recipients", "").split("|") if r.strip()]
    left.paragraphs[0].text = ""
    _run(left.paragraphs[0], "Nơi nhận:", bold=True, italic=True, size=12)
    for index, recipient in enumerate(recipients):
        end = "." if index == len(recipients) - 1 else ";"
        paragraph = left.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, f"- {recipient.replace(';', ',')}{end}", size=11)
    signer = [
        (organisation["signer_authority"], {"size": 14, "bold": True}),
        (organisation["signer_title"], {"size": 14, "bold": True}),
        ("", {}),
        ("", {}),
        (organisation.get("signer_name", ""), {"size": 14, "bold": True}),
    ]
    _lines(right, signer)
