"""Checks on a workbook's container before any parser sees it.

A spreadsheet is refused, with its reason, when opening it would be dangerous or
pointless: a zip bomb (absurd inflated size or ratio), an archive of thousands of members,
a sheet whose cells reach far beyond any report (a single cell at XFD1048576 makes a
reader allocate a grid of 17 billion cells), or an Office file encrypted with a password
(an OLE/CFB container holding an ``EncryptedPackage`` instead of a zip).

The container is told by its first bytes, not by the file's suffix: offices rename files (an
.xlsx saved as ".xls", an old .xls renamed ".xlsx"), and web systems export HTML tables
under an Excel suffix. A workbook under the wrong suffix is read by its content
(:func:`container_kind`); an HTML page or an XML Spreadsheet 2003 is refused with that reason.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from unionstats.errors import InputFileError
from unionstats.read.cells_a1 import column_number

ZIP_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".ods"})
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_MEMBERS = 10_000
MAX_CELLS = 5_000_000  # rows × columns of one sheet; a report form has a few thousand
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
SUFFIX_KINDS = {".xlsx": "ooxml", ".xlsm": "ooxml", ".xlsb": "ooxml", ".ods": "ods", ".xls": "cfb"}
_NOT_A_WORKBOOK = {
    "html": " (là trang web HTML mang đuôi bảng tính, thường do xuất từ phần mềm trên web)",
    "xml2003": " (là tệp XML Spreadsheet 2003)",
}
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]{1,3}[0-9]{1,7}:([A-Z]{1,3})([0-9]{1,7})"')
_SHEET_MEMBER = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def container_kind(path: Path) -> str:
    """What the file's first bytes say it is: ``ooxml`` (a zip: .xlsx, .xlsm, .xlsb), ``ods``
    (a zip whose first member names the OpenDocument type), ``cfb`` (.xls, or an encrypted
    Office file), ``html``, ``xml2003`` or ``other``."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if head.startswith(ZIP_MAGICS):
        return "ods" if head[30:38] == b"mimetype" and b"opendocument.spreadsheet" in head else "ooxml"
    if head.startswith(CFB_MAGIC):
        return "cfb"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in text:
            return "xml2003"
        if b"<html" in text or b"<table" in text or b"<!doctype html" in text:
            return "html"
    return "other"


def check_container(path: Path, name: str) -> str:
    """Refuse ``path`` (shown as ``name``) if it is encrypted, a zip bomb, a huge sheet, or a
    web page or XML file under a spreadsheet's suffix. Returns its :func:`container_kind`."""
    kind = container_kind(path)
    if kind in ("ooxml", "ods") or (kind == "other" and path.suffix.lower() in ZIP_SUFFIXES):
        check_archive(path, name)
    elif kind == "cfb" and holds_encrypted_package(path):  # e.g. an encrypted .xlsx
        raise InputFileError.of("file_encrypted", file=name)
    elif kind in _NOT_A_WORKBOOK:
        raise InputFileError.of("file_corrupt", file=name, detail=_NOT_A_WORKBOOK[kind])
    return kind


def holds_encrypted_package(path: Path) -> bool:
    """True for an OLE/CFB container holding an encrypted Office Open XML package."""
    with open(path, "rb") as handle:
        if handle.read(8) != CFB_MAGIC:
            return False
        data = handle.read(4 * 1024 * 1024)
    return "EncryptedPackage".encode("utf-16-le") in data


def check_archive(path: Path, name: str | None = None) -> None:
    """Refuse a zip-based workbook whose inflated size or ratio is absurd, or a huge sheet."""
    name = name or path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_sizes(members, name)
            for member in members:
                if _SHEET_MEMBER.match(member.filename):
                    _check_sheet_extent(archive, member, name)
    except zipfile.BadZipFile:
        if holds_encrypted_package(path):
            raise InputFileError.of("file_encrypted", file=name) from None
        raise InputFileError.of("file_corrupt", file=name, detail="") from None


def _check_sizes(members: list[zipfile.ZipInfo], name: str) -> None:
    if len(members) > MAX_ZIP_MEMBERS:
        raise InputFileError.of("file_suspicious", file=name, members=len(members))
    inflated = sum(member.file_size for member in members)
    compressed = max(1, sum(member.compress_size for member in members))
    if inflated > MAX_UNCOMPRESSED_BYTES or (
        inflated > 10 * 1024 * 1024 and inflated / compressed > MAX_COMPRESSION_RATIO
    ):
        raise InputFileError.of(
            "file_zip_bomb",
            file=name,
            megabytes=f"{inflated / 1024 / 1024:.0f}",
            ratio=f"{inflated / compressed:.0f}",
        )


def _check_sheet_extent(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> None:
    """Refuse a sheet whose declared dimension (``<dimension ref="A1:XFD1048576"/>``, at the
    top of its XML) is absurd. A sheet that hides such a cell without declaring it is caught
    by the reader's memory limit instead (:mod:`unionstats.read.batch`)."""
    with archive.open(member) as handle:
        head = handle.read(4096)
    declared = _DIMENSION.search(head)
    if declared is None:
        return
    cols, rows = column_number(declared.group(1).decode()), int(declared.group(2))
    if rows * cols > MAX_CELLS:
        raise InputFileError.of(
            "file_too_large", file=name, sheet=member.filename.rsplit("/", 1)[-1], rows=rows, cols=cols
        )
