"""Write a report of ``held_out.REPORTS`` (or any dict of that shape) as a real .docx.

The layout is the administrative one units use (Nghị định 30/2020/NĐ-CP): the issuing body
and the national motto side by side in a borderless two-column table, the place and date,
the document type and its summary, then the body. ``header_as_table=False`` writes the
header as plain paragraphs instead, as many offices do.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document


def write_report(report: dict, path: Path, *, header_as_table: bool = True) -> Path:
    document = Document()
    motto = ["CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    if header_as_table:
        table = document.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.text = "\n".join(report["header"])
        right.text = "\n".join([*motto, report.get("place_date", "")])
    else:
        for line in [*report["header"], *motto, report.get("place_date", "")]:
            document.add_paragraph(line)
    for line in report["title"]:
        document.add_paragraph(line)
    for text in report["paragraphs"]:
        document.add_paragraph(text)
    for rows in report.get("tables", []):
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    document.add_paragraph("Nơi nhận:")
    document.add_paragraph("- LĐLĐ tỉnh (b/c);")
    document.add_paragraph("- Lưu VT.")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
