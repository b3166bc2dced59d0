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
Tables are shown as in the other formats (:func:`~unionstats.publish.formats.base.present`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from unionstats.atomic import write_file
from unionstats.errors import ReferenceDataError
from unionstats.publish.brief import APPENDIX, Brief
from unionstats.publish.formats.base import Rendered, present

FILENAME = "ban-tin.docx"
FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 11
TEXT_WIDTH_CM = 16.5  # A4 less the 30 mm and 15 mm margins
LANDSCAPE_WIDTH_CM = 25.2


def write(rendered: Rendered, folder: Path) -> Path:
    """``ban-tin.docx``: the brief's text, tables and charts as an administrative document."""
    document = build_document(rendered.content)
    return write_file(Path(folder) / FILENAME, document.save)


def build_document(content: Brief):
    """The Word document of ``content`` (a python-docx ``Document``, not yet saved).

    The sections follow the brief's (:data:`~unionstats.publish.brief.SECTIONS`): each
    chart under the section it illustrates, numbered and captioned as in the HTML; the
    appendix of sources comes last, after the signature, on a page of its own.
    """
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
    for point in content.key_points:
        _body(document, f"- {point}")
    for number, section in content.sections():
        tables = [content.tables[n] for n in section.tables if n in content.tables and len(content.tables[n])]
        wide = any(too_wide(table, content) for table in tables)
        if wide:  # a table too wide for the page: its section on a landscape page of its own
            _orient(document, landscape=True)
        _body(document, f"{number}. {section.heading}", bold=True, indent=False)
        for text in content.texts_before(section.heading):
            _body(document, text)
        for table in tables:
            _table(document, table, content, LANDSCAPE_WIDTH_CM if wide else TEXT_WIDTH_CM)
        for kind in section.figures:
            if kind in content.figures:
                _figure(document, content.figures[kind], content.figure_caption(kind))
        for text in content.texts_after(section.heading):
            _body(document, text)
        if wide:
            _orient(document, landscape=False)
    _recipients_and_signature(document, organisation)
    _appendix(document, content)
    return document


def _appendix(document, content: Brief) -> None:
    """The sources of every figure, after the signature on a page of its own."""
    table = content.tables.get(APPENDIX)
    if table is None or not len(table):
        return
    document.add_page_break()
    _centred(document, "PHỤ LỤC", bold=True)
    _centred(document, "Nguồn của từng số liệu trong báo cáo", bold=False, space_after=6)
    _body(
        document,
        "Mỗi số liệu được cộng từ các ô dưới đây của báo cáo các đơn vị. Tra nguồn của một số liệu: "
        "unionstats source <mã chỉ tiêu> --unit <đơn vị> --period <kỳ>.",
    )
    _table(document, table, content)


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


CM_PER_CHAR = {11: 0.27, 9: 0.22}  # Times New Roman, bold headers included: an average character
CELL_PADDING_CM = 0.45  # the cell margins Word and LibreOffice leave, both sides
BOLD = 1.15  # how much wider a bold word is than the same word set plain


def breakable(text: str) -> str:
    """``text`` with a zero-width space after each slash, where Word may break a line
    ("đoàn viên/CNVCLĐ", "2024-FY/DakTo.xlsx")."""
    return text.replace("/", "/\u200b")


@dataclass(frozen=True)
class ColumnLayout:
    """A table's font size and column widths (cm); ``fits``: no word has to break."""

    size: int
    widths: list[float]
    fits: bool


def column_layout(
    headers: list[str], rows: list[list[str]], numeric: list[bool], width: float = TEXT_WIDTH_CM
) -> ColumnLayout:
    """Columns sized so that no word has to break: every column at least as wide as its
    longest word (a number, a file name, "CNVCLĐ"), label columns given the room left to
    wrap their text at spaces, numbers kept narrow. A table too wide at 11 pt is set in 9 pt;
    one too wide at 9 pt is squeezed into ``width`` (``fits`` is then False)."""

    def words(text: str) -> list[str]:
        return breakable(text).replace("\u200b", " ").split() or [""]

    def ems(word: str) -> float:  # in average characters: a capital is wider than most letters
        return sum(1.5 if ch.isupper() else 1.0 for ch in word)

    shortest = [  # a header is bold, and a bold letter is wider still
        max(max(ems(w) for w in words(headers[c])) * BOLD, *(ems(w) for row in rows for w in words(row[c])))
        for c in range(len(headers))
    ]
    wanted = [
        shortest[c]
        if numeric[c]
        else max(shortest[c], min(30, max((len(row[c]) for row in rows), default=0)))
        for c in range(len(headers))
    ]
    for size in (TABLE_PT, 9):
        least = [n * CM_PER_CHAR[size] + CELL_PADDING_CM for n in shortest]
        if sum(least) <= width:
            break
    fits = sum(least) <= width
    if not fits:  # every column narrower, within the margins
        least = [cm * width / sum(least) for cm in least]
    room = max(0.0, width - sum(least))
    extra = [max(0, w - n) for w, n in zip(wanted, shortest, strict=True)]
    spread = sum(extra) or 1
    return ColumnLayout(size, [cm + room * e / spread for cm, e in zip(least, extra, strict=True)], fits)


def too_wide(table, content: Brief) -> bool:
    """True for a table whose words would break on a portrait page even at 9 pt."""
    shown = present(table, content.money_labels, content.point_labels)
    return not column_layout(shown.headers, shown.rows, shown.numeric).fits


def _table(document, table, content: Brief, width: float = TEXT_WIDTH_CM) -> None:
    """A table as every format shows it, its header row repeated on each page, its columns
    sized to their content (:func:`column_layout`): words never break inside."""
    shown = present(table, content.money_labels, content.point_labels)
    layout = column_layout(shown.headers, shown.rows, shown.numeric, width)
    size = layout.size
    grid = document.add_table(rows=1, cols=len(shown.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(grid.rows[0])
    for cell, header in zip(grid.rows[0].cells, shown.headers, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(cell.paragraphs[0], breakable(header), bold=True, size=size)
    for row in shown.rows:
        cells = grid.add_row().cells
        for cell, text, numeric in zip(cells, row, shown.numeric, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT
            _run(paragraph, breakable(text), size=size)
    _widths(grid, *(Cm(cm) for cm in layout.widths))
    document.add_paragraph()


def _orient(document, *, landscape: bool) -> None:
    """Start a new page, landscape or back to portrait, with the document's margins."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


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
