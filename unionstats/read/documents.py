"""Word reports -> text: a .docx's paragraphs and tables in reading order, and its header.

Units send a narrative report (Báo cáo sơ kết / tổng kết) beside, or instead of, the
statistical form. This module only opens it: the numbered paragraphs of its body, each of
its tables as a :class:`~unionstats.read.cells.SheetGrid` (a Word table is a grid of cells,
read by the same table reader as a sheet), and the lines of its *header*: the issuing body
and title that say whose report it is and for which period ("LĐLĐ HUYỆN ĐĂK TÔ", "BÁO CÁO
Sơ kết … 6 tháng đầu năm 2024").

A .docx is a zip: its container is checked as a workbook's is (a zip bomb, an encrypted
file) before python-docx parses it. A .doc (Word 97–2003) is converted to .docx with
LibreOffice where it is installed; otherwise the file is refused with a reason that says to
save it as .docx. Nothing here lets a library traceback escape.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from unionstats.errors import InputFileError
from unionstats.read.archive import check_archive, container_kind, holds_encrypted_package
from unionstats.read.cells import SheetGrid
from unionstats.text import nfc

HEADER_PARAGRAPHS = 12  # the header and title never run longer than this
BODY_WORDS = 30  # a paragraph this long is body text, not a title line
CONVERT_SECONDS = 120
_DOCUMENT_TYPE = re.compile(r"^(?:BÁO CÁO|BÁO CÁO TÓM TẮT|TỜ TRÌNH|THÔNG BÁO)\b", re.IGNORECASE)
_SECTION_START = re.compile(r"^(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s|^[-+•–]\s")


@dataclass
class Paragraph:
    """One non-empty body paragraph: its number in reading order (from 1) and its text."""

    number: int
    text: str

    @property
    def where(self) -> str:
        return f"đoạn {self.number}"


@dataclass
class WordDocument:
    """What a Word report holds: body paragraphs, tables as grids, and its header lines
    (``(where, text)``, as :func:`unionstats.read.identify.header_lines` gives a sheet's)."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[SheetGrid] = field(default_factory=list)
    header: list[tuple[str, str]] = field(default_factory=list)

    def body(self) -> list[Paragraph]:
        """The paragraphs after the header: the ones whose figures are read."""
        after = {where for where, _ in self.header}
        return [p for p in self.paragraphs if p.where not in after]


def read_document(path: Path, *, display_name: str | None = None) -> WordDocument:
    """Open a .docx (or a .doc through LibreOffice) into a :class:`WordDocument`.

    Raises
    ------
    InputFileError
        If the file is corrupt, encrypted, suspicious, or a .doc that cannot be converted.
    """
    path = Path(path)
    name = display_name or path.name
    kind = container_kind(path)
    if kind == "cfb" and holds_encrypted_package(path):  # a password-protected .docx
        raise InputFileError.of("file_encrypted", file=name)
    if kind == "cfb":
        return _converted(path, name)
    if kind != "ooxml":
        raise InputFileError.of("document_corrupt", file=name, detail="")
    try:
        check_archive(path, name)
    except InputFileError as error:
        if error.code != "file_corrupt":
            raise  # a zip bomb, a huge part: the archive's own reason
        raise InputFileError.of("document_corrupt", file=name, detail="") from None
    return _parse(path, name)


def _parse(path: Path, name: str) -> WordDocument:
    try:
        import docx  # imported here: a batch of workbooks never pays for it

        document = docx.Document(str(path))
        return _blocks(document)
    except InputFileError:
        raise
    except Exception as error:  # python-docx and lxml raise many unrelated types for bad files
        raise InputFileError.of("document_corrupt", file=name, detail=f" ({type(error).__name__})") from None


def _blocks(document) -> WordDocument:
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    read = WordDocument()
    first_block = True
    for element in _body_elements(document.element.body, qn):
        if element.tag == qn("w:p"):
            text = _clean(DocxParagraph(element, document).text)
            if text:
                read.paragraphs.append(Paragraph(len(read.paragraphs) + 1, text))
                first_block = False
        elif element.tag == qn("w:tbl"):
            grid = _grid(Table(element, document), f"Bảng {len(read.tables) + 1}")
            if first_block and grid.n_rows <= 3:  # the issuing body and the motto, side by side
                read.header += [
                    ("đầu văn bản", line)
                    for row in grid.rows
                    for cell in row
                    for line in str(cell).splitlines()
                    if line.strip()
                ]
            else:
                read.tables.append(grid)
            first_block = False
    read.header += _header_paragraphs(read.paragraphs)
    return read


def _body_elements(body, qn):
    """Paragraphs and tables of the body in reading order (content controls opened)."""
    for element in body.iterchildren():
        if element.tag == qn("w:sdt"):
            content = element.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_elements(content, qn)
        elif element.tag in (qn("w:p"), qn("w:tbl")):
            yield element


def _clean(text: str) -> str:
    return " ".join(nfc(text).replace("\u00a0", " ").split())


def _header_paragraphs(paragraphs: list[Paragraph]) -> list[tuple[str, str]]:
    """The leading short paragraphs: issuing body, number, place and date, document type and
    its summary ("BÁO CÁO" / "Sơ kết … 6 tháng đầu năm 2024"). The first sentence of the body
    (long, or ending in "." or ":"), a numbered section, or the third line after the document
    type ends it."""
    header: list[tuple[str, str]] = []
    after_type = None
    for paragraph in paragraphs[:HEADER_PARAGRAPHS]:
        text, words = paragraph.text, len(paragraph.text.split())
        if words > BODY_WORDS or _SECTION_START.match(text) or (text[-1] in ".:" and words > 8):
            break
        if after_type is not None and len(header) - after_type >= 3:
            break
        if after_type is None and _DOCUMENT_TYPE.match(text):
            after_type = len(header)
        header.append((paragraph.where, text))
    return header


def _grid(table, name: str) -> SheetGrid:
    """A Word table as a grid: a merged cell's text at its top-left, its range in ``merged``."""
    # keyed by the cell's XML element itself, not id(): holding the element keeps lxml's proxy
    # alive, so a merged cell met again is the same key and another cell never reuses its id
    places: dict[object, list[tuple[int, int]]] = {}
    texts: dict[object, str] = {}
    rows: list[list[object]] = []
    for r, row in enumerate(table.rows):
        values: list[object] = []
        for c, cell in enumerate(row.cells):
            key = cell._tc
            first = key not in places
            places.setdefault(key, []).append((r, c))
            if first:
                lines = [_clean(line) for p in cell.paragraphs for line in p.text.splitlines()]
                texts[key] = "\n".join(line for line in lines if line)
            values.append(texts[key] if first else "")
        rows.append(values)
    merged = []
    for spots in places.values():
        if len(spots) > 1:
            rows_of, cols_of = [r for r, _ in spots], [c for _, c in spots]
            merged.append((min(rows_of), min(cols_of), max(rows_of), max(cols_of)))
    return SheetGrid(name, rows, merged)


def _soffice() -> str | None:
    """LibreOffice's program, on the PATH or where its Windows installer puts it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found or os.name != "nt":
        return found
    for root in (os.environ.get("PROGRAMFILES", ""), os.environ.get("PROGRAMFILES(X86)", "")):
        candidate = Path(root) / "LibreOffice" / "program" / "soffice.exe"
        if root and candidate.is_file():
            return str(candidate)
    return None


def _converted(path: Path, name: str) -> WordDocument:
    """A .doc read through a .docx copy that LibreOffice writes in a temporary folder."""
    program = _soffice()
    if program is None:
        raise InputFileError.of("document_old_format", file=name)
    with tempfile.TemporaryDirectory(prefix="unionstats-doc-") as folder:
        work = Path(folder)
        source = work / "bao-cao.doc"  # a plain name: the original's may not survive a command line
        shutil.copyfile(path, source)
        command = [
            program,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            "docx",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            subprocess.run(
                command,
                capture_output=True,
                timeout=CONVERT_SECONDS,
                check=False,
                preexec_fn=_lift_memory_cap if sys.platform.startswith("linux") else None,
            )
        except (OSError, subprocess.TimeoutExpired):
            raise InputFileError.of("document_old_format", file=name) from None
        converted = work / "bao-cao.docx"
        if not converted.is_file():
            raise InputFileError.of("document_corrupt", file=name, detail=" (LibreOffice không mở được)")
        return _parse(converted, name)


def _lift_memory_cap() -> None:
    """In LibreOffice's process: the reader's address-space cap (a soft limit) is for the
    reader's own parsing; the office suite maps far more and would not start under it."""
    import resource

    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
