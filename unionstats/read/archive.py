"""Checks on a workbook's container before any parser sees it.

A spreadsheet is refused, with its reason, when opening it would be dangerous or
pointless: a zip bomb (absurd inflated size or ratio), an archive of thousands of members,
a sheet whose cells reach far beyond any report (a single cell at XFD1048576 makes a
reader allocate a grid of 17 billion cells), or an Office file encrypted with a password
(an OLE/CFB container holding an ``EncryptedPackage`` instead of a zip).
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
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]{1,3}[0-9]{1,7}:([A-Z]{1,3})([0-9]{1,7})"')
_SHEET_MEMBER = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def check_container(path: Path, name: str) -> None:
    """Refuse ``path`` (shown as ``name``) if it is encrypted, a zip bomb, or a sheet is huge."""
    if path.suffix.lower() in ZIP_SUFFIXES:
        check_archive(path, name)
    elif _holds_encrypted_package(path):  # an .xls that is really an encrypted .xlsx
        raise InputFileError.of("file_encrypted", file=name)


def _holds_encrypted_package(path: Path) -> bool:
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
        if _holds_encrypted_package(path):
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
