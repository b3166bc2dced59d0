"""Briefs and notebooks: a real kernel under papermill, against the sample province's store."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import papermill
import pytest
from conftest import REFERENCE, ROOT, run_cli
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from unionstats.errors import UsageError
from unionstats.publish import render as briefs
from unionstats.publish.formats import pdf

NOTEBOOKS = ROOT / "notebooks"


@pytest.fixture(scope="module")
def cum2_brief(sample_store, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    result = run_cli(
        "brief",
        "--period",
        "2020-FY",
        "--cluster",
        "cum-2",
        "--processed",
        str(sample_store),
        "--out",
        str(out),
        "--docx",
    )
    assert result.returncode == 0, result.stderr
    folder = (out / "2020-FY" / "cum-2").resolve()
    printed = [Path(line) for line in result.stdout.strip().splitlines()]
    # every format written is printed with its path, the HTML first
    assert printed == [folder / "ban-tin.html", folder / "bang-so-lieu.xlsx", folder / "ban-tin.docx"]
    return folder


def test_cum2_2020_brief_matches_seed_003_and_shows_no_code(cum2_brief) -> None:
    page = (cum2_brief / "ban-tin.html").read_text(encoding="utf-8")
    for figure in ("7.842", "7.676", "288 CĐCS", "48 CĐCS hoàn thành xuất sắc nhiệm vụ", "341 lượt"):
        assert figure in page, figure
    assert "build_brief" not in page and "import " not in page  # no code cells
    assert not re.search(r'class="[^"]*(jp-CodeMirrorEditor|jp-InputArea-editor|highlight)', page)
    assert page.count("data:image/png;base64") >= 5  # the charts are embedded
    assert not re.search(r"<script|<link[^>]+href=\"https?:", page)  # works offline
    assert "<title>Bản tin năm 2020: Cụm thi đua số 2" in page  # the cluster's name, not its code
    assert {p.name for p in cum2_brief.iterdir()} >= {
        "ban-tin.html",
        "ban-tin.ipynb",
        "bang-so-lieu.xlsx",
        "ban-tin.docx",
        "figures",
    }


def test_word_brief_is_an_administrative_document_with_the_published_figures(cum2_brief) -> None:
    document = Document(str(cum2_brief / "ban-tin.docx"))
    header = document.tables[0].rows[0].cells
    assert [p.text for p in header[0].paragraphs][:2] == [
        "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH KON TUM",
    ]
    assert "Số:" in header[0].text and "/BC-LĐLĐ" in header[0].text
    motto = [p.text for p in header[1].paragraphs]
    assert motto[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert re.fullmatch(r"Kon Tum, ngày \d\d tháng \d\d? năm \d{4}", motto[3])
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts and any(t.startswith("Bản tin năm 2020: Cụm thi đua số 2") for t in texts)
    cells = {cell.text for table in document.tables[1:] for row in table.rows for cell in row.cells}
    for figure in ("7.842", "7.676", "288"):
        assert figure in cells, figure
    body = document.tables[1]
    assert body.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeated on each page
    assert len(document.inline_shapes) >= 5 and any(t.startswith("Biểu đồ 1. ") for t in texts)
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 14
    signature = next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    assert "CHỦ TỊCH" in signature.rows[0].cells[1].text
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 30


def body_in_order(document) -> list[str]:
    """Every paragraph's text and every table (as "<table: first header>") in reading order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    found = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            found.append(Paragraph(element, document).text)
        elif element.tag == qn("w:tbl"):
            table = Table(element, document)
            found.append(f"<table: {table.rows[0].cells[0].text}>")
    return found


def test_word_charts_sit_under_their_section_and_the_appendix_comes_last(cum2_brief) -> None:
    body = body_in_order(Document(str(cum2_brief / "ban-tin.docx")))
    heading = {text.split(". ", 1)[1]: i for i, text in enumerate(body) if re.match(r"\d\. [A-ZĐX]", text)}
    captions = {text: i for i, text in enumerate(body) if text.startswith("Biểu đồ ")}
    ratings = next(i for text, i in captions.items() if "Xếp loại công đoàn cơ sở" in text)
    trend = next(i for text, i in captions.items() if "Xu hướng" in text)
    assert heading["Xếp loại công đoàn cơ sở"] < ratings < heading["Xu hướng và biến động"]
    assert heading["Xu hướng và biến động"] < trend < heading["Điểm cần lưu ý"]
    numbers = [int(text.split()[2].rstrip(".")) for text in captions]
    assert numbers == list(range(1, len(numbers) + 1))  # numbered in the order they are read
    signature = next(i for i, text in enumerate(body) if text.startswith("<table: Nơi nhận:"))
    appendix = body.index("PHỤ LỤC")
    assert signature < appendix and "<table: Chỉ tiêu>" in body[appendix:]  # the sources, last


def test_official_text_says_periods_as_people_do_and_names_the_federation(cum2_brief) -> None:
    page = (cum2_brief / "ban-tin.html").read_text(encoding="utf-8")
    document = Document(str(cum2_brief / "ban-tin.docx"))
    texts = body_in_order(document) + [c.text for t in document.tables for r in t.rows for c in r.cells]
    appendix = texts.index("PHỤ LỤC")
    official = [t for t in texts[:appendix] if "/" not in t[:12]]  # file names keep their folders
    assert not [t for t in official if re.search(r"\b20\d\d-(FY|H1)\b", t)]
    assert "LIÊN ĐOÀN LAO ĐỘNG TỈNH KON TUM · năm 2020" in page
    visible = re.sub(r"<[^>]+>", " ", page.split("Phụ lục")[0])
    assert not re.search(r"\b20\d\d-(FY|H1)\b(?!/)", visible)  # a file's folder is its own name


def section_headings_html(page: str) -> list[str]:
    return re.findall(r"<h2[^>]*>(\d+\. [^<]+)</h2>", page)


def section_headings_word(path: Path) -> list[str]:
    return [t for t in body_in_order(Document(str(path))) if re.match(r"\d+\. [A-ZĐX]", t)]


def test_html_and_word_number_the_same_sections(cum2_brief) -> None:
    page = (cum2_brief / "ban-tin.html").read_text(encoding="utf-8")
    headings = section_headings_html(page)
    assert headings == section_headings_word(cum2_brief / "ban-tin.docx")
    assert headings[0] == "1. Tình hình nộp báo cáo" and headings[-1].endswith("Điểm cần lưu ý")


def test_a_first_period_brief_says_there_is_nothing_to_compare_instead_of_empty_charts(
    sample_store, tmp_path
) -> None:
    """The sample's first period (6 tháng đầu năm 2019), as a new province's first brief is:
    no year-over-year bars without a base, no one-point trend, no empty heat map, and no
    "không tính" note naming every unit."""
    result = run_cli(
        "brief", "--period", "2019-H1", "--processed", str(sample_store), "--out", str(tmp_path), "--docx"
    )
    assert result.returncode == 0, result.stderr
    assert not result.stderr.strip()  # no warning from an empty chart
    folder = tmp_path / "2019-H1"
    assert sorted(p.name for p in (folder / "figures").glob("*.png")) == ["2019-H1_cluster_members.png"]
    page = (folder / "ban-tin.html").read_text(encoding="utf-8")
    said = "Chưa có số liệu 6 tháng đầu năm 2018 trong kho nên chưa so sánh được với cùng kỳ năm trước."
    assert said in page
    document = Document(str(folder / "ban-tin.docx"))
    assert said in [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert not [c for c in cells if "không tính" in c]
    assert section_headings_html(page) == section_headings_word(folder / "ban-tin.docx")
    assert "Xu hướng và biến động" not in " ".join(section_headings_html(page))


def test_html_brief_is_vietnamese_and_every_chart_has_a_caption_and_alt_text(cum2_brief) -> None:
    page = (cum2_brief / "ban-tin.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in page
    images = re.findall(r"<img [^>]*>", page)
    alts = [re.search(r'alt="([^"]*)"', image) for image in images]
    assert images and all(alt and alt.group(1) and "No description" not in alt.group(1) for alt in alts)
    captions = re.findall(r"<figcaption>(Biểu đồ \d+\. [^<]+)</figcaption>", page)
    assert len(captions) == len(images) >= 5


def word_tables(path: Path) -> list[list[list[str]]]:
    """The brief's tables (not the header block nor the signature) as rows of texts."""
    tables = Document(str(path)).tables[1:]
    rows = [[[c.text for c in row.cells] for row in t.rows] for t in tables]
    return [table for table in rows if not table[0][0].startswith("Nơi nhận:")]


def test_word_tables_keep_one_rule_per_column_and_no_empty_column(cum2_brief) -> None:
    for table in word_tables(cum2_brief / "ban-tin.docx"):
        header, rows = table[0], table[1:]
        for column, name in enumerate(header):
            cells = [row[column] for row in rows]
            assert any(c.strip() and c != "–" for c in cells), f"column {name!r} is empty in every row"
            numbers = [c for c in cells if re.fullmatch(r"[+-]?[\d.]+(,\d+)?%?", c)]
            as_written = name == "Nội dung gốc"  # the cell's own text, as the unit wrote it
            if (
                numbers
                and not as_written
                and not any(c.endswith("%") for c in numbers)
                and "Đơn vị tính" not in header
            ):
                decimals = {len(c.split(",")[1]) if "," in c else 0 for c in numbers}
                assert len(decimals) == 1, (name, cells)
        assert not [
            c for row in rows for c in row if re.search(r"\d (tỷ|triệu) đồng", c)
        ]  # unit in its column


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="needs LibreOffice"
)
def test_word_tables_wrap_at_words_when_rendered(cum2_brief, tmp_path) -> None:
    """Rendered by LibreOffice, no word of a table header is broken across lines (a label
    column too narrow wrapped "CNVCLĐ" letter by letter)."""
    command = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
    subprocess.run(
        [*command, str(cum2_brief / "ban-tin.docx")],
        capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)}, check=True,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "ban-tin.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = {
        w.strip("()")
        for table in word_tables(cum2_brief / "ban-tin.docx")
        for w in " ".join(table[0]).split()
    }
    long_words = {w for w in words if len(w) >= 4 and "/" not in w}
    broken = [w for w in long_words if not re.search(rf"(?<!\w){re.escape(w)}", text)]
    assert not broken, broken


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed here")
def test_word_brief_opens_in_libreoffice(cum2_brief, tmp_path) -> None:
    command = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
    result = subprocess.run(
        [*command, str(cum2_brief / "ban-tin.docx")],
        capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ban-tin.pdf").stat().st_size > 10_000


def test_brief_workbook_holds_the_same_figures_as_the_html(cum2_brief) -> None:
    book = load_workbook(cum2_brief / "bang-so-lieu.xlsx")
    sheet = book["Số liệu chính"]
    header = [c.value for c in sheet[1]]
    rows = {
        r[header.index("Mã")]: dict(zip(header, r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert rows["workers"]["Kỳ này"] == 7842 and rows["members"]["Kỳ này"] == 7676
    assert rows["cdcs"]["Kỳ này"] == 288
    assert all(not m.ranges for m in (s.merged_cells for s in book.worksheets))
    page = (cum2_brief / "ban-tin.html").read_text(encoding="utf-8")
    cells = re.findall(r">([^<>]+)</td>", page)
    for code, row in rows.items():
        if row["Đơn vị tính"] != "đồng":
            shown = f"{int(row['Kỳ này']):,}".replace(",", ".")
            assert shown in cells, (code, shown)


def test_every_notebook_executes_on_a_real_kernel(sample_store, tmp_path) -> None:
    kernel = briefs.ensure_kernel()
    for name in ("00_kham_pha.ipynb", "20_so_sanh_cum.ipynb", "30_xu_huong.ipynb"):
        output = tmp_path / name
        papermill.execute_notebook(
            str(NOTEBOOKS / name),
            str(output),
            kernel_name=kernel,
            cwd=str(NOTEBOOKS),
            parameters={
                "processed_dir": str(sample_store),
                "reference_dir": str(REFERENCE),
                "figures_dir": str(tmp_path / "figures"),
            },
            progress_bar=False,
        )
        executed = nbformat.read(output, as_version=4)
        errors = [
            o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
        ]
        assert errors == [], name


def test_trend_notebook_takes_a_list_from_the_command_line_and_says_what_is_wrong(
    sample_store, tmp_path
) -> None:
    common = {
        "processed_dir": str(sample_store),
        "reference_dir": str(REFERENCE),
        "figures_dir": str(tmp_path),
    }
    good = tmp_path / "good.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS / "30_xu_huong.ipynb"),
        str(good),
        kernel_name=briefs.ensure_kernel(),
        cwd=str(NOTEBOOKS),
        parameters={**common, "indicators": '["visits_amount"]', "start": "2019-FY"},
        progress_bar=False,
    )
    shown = json.dumps(nbformat.read(good, as_version=4).cells[-1].outputs, ensure_ascii=False)
    calendar = [shown.find(p) for p in ("2019-FY", "2020-FY", "2021-FY")]
    assert -1 not in calendar and calendar == sorted(calendar) and "triệu đồng" in shown
    bad = tmp_path / "bad.ipynb"
    with pytest.raises(papermill.PapermillExecutionError):  # the notebook stops there
        papermill.execute_notebook(
            str(NOTEBOOKS / "30_xu_huong.ipynb"),
            str(bad),
            kernel_name=briefs.ensure_kernel(),
            cwd=str(NOTEBOOKS),
            parameters={**common, "indicators": "vists_amount"},
            progress_bar=False,
        )
    outputs = json.dumps(nbformat.read(bad, as_version=4).cells[-1].outputs, ensure_ascii=False)
    assert "Không có chỉ tiêu 'vists_amount'. Có phải: visits_amount" in outputs
    assert "Traceback" not in outputs


def test_committed_notebooks_are_thin_and_without_outputs() -> None:
    for path in NOTEBOOKS.glob("*.ipynb"):
        book = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in book["cells"] if c["cell_type"] == "code"]
        assert code[0]["metadata"].get("tags") == ["parameters"] or any(
            "parameters" in c["metadata"].get("tags", []) for c in code
        ), path.name
        assert all(not c.get("outputs") and not c.get("execution_count") for c in code), path.name
        assert not [
            line
            for c in code
            for line in "".join(c["source"]).splitlines()
            if line.lstrip().startswith("def ")
        ], path.name  # functions live in the package


def broken_notebook(folder: Path) -> Path:
    book = nbformat.read(NOTEBOOKS / briefs.BRIEF_NOTEBOOK, as_version=4)
    book.cells.insert(3, nbformat.v4.new_code_cell("raise ValueError('số liệu hỏng')"))
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(book, folder / briefs.BRIEF_NOTEBOOK)
    return folder


def test_failing_notebook_names_the_cell_and_keeps_the_previous_report(
    sample_store, cum2_brief, tmp_path
) -> None:
    out = tmp_path / "reports"
    shutil.copytree(cum2_brief, out / "2020-FY" / "cum-2")
    before = (out / "2020-FY" / "cum-2" / "ban-tin.html").read_bytes()
    with pytest.raises(briefs.BriefError) as caught:
        briefs.render_brief(
            "2020-FY",
            cluster="cum-2",
            out=out,
            processed=sample_store,
            reference=REFERENCE,
            notebooks=broken_notebook(tmp_path / "nb"),
        )
    message = str(caught.value)
    assert "ô số 4" in message and "ValueError" in message and "số liệu hỏng" in message
    assert (out / "2020-FY" / "cum-2" / "ban-tin.html").read_bytes() == before
    assert [p.name for p in (out / "2020-FY").iterdir()] == ["cum-2"]  # no staging folder left


def test_unknown_period_lists_the_valid_ones(sample_store, tmp_path) -> None:
    result = run_cli("brief", "--period", "2030-FY", "--processed", str(sample_store), "--out", str(tmp_path))
    assert result.returncode == 2
    assert "2024-FY" in result.stderr and "Traceback" not in result.stderr
    result = run_cli(
        "brief",
        "--period",
        "2020-FY",
        "--cluster",
        "cum-9",
        "--processed",
        str(sample_store),
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 2 and "cum-2" in result.stderr


def test_parameters_keep_their_type(tmp_path) -> None:
    book = nbformat.v4.new_notebook()
    book.metadata["language_info"] = {"name": "python"}
    parameters = nbformat.v4.new_code_cell('code = "x"')
    parameters.metadata["tags"] = ["parameters"]
    book.cells = [parameters, nbformat.v4.new_code_cell("assert code == '0012' and isinstance(code, str)")]
    nbformat.write(book, tmp_path / "types.ipynb")
    papermill.execute_notebook(
        str(tmp_path / "types.ipynb"),
        str(tmp_path / "out.ipynb"),
        kernel_name=briefs.ensure_kernel(),
        parameters={"code": "0012"},
        progress_bar=False,
    )


def test_pdf_without_chromium_says_how_to_install_it(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(pdf, "find_chromium", lambda: None)
    with pytest.raises(UsageError, match="apt-get install chromium"):
        pdf.html_to_pdf(tmp_path / "a.html", tmp_path / "a.pdf")


@pytest.mark.skipif(pdf.find_chromium() is None, reason="Chromium is not installed on this machine")
def test_pdf_is_printed_by_headless_chromium(cum2_brief, tmp_path) -> None:
    printed = pdf.html_to_pdf(cum2_brief / "ban-tin.html", tmp_path / "ban-tin.pdf")
    assert printed.read_bytes().startswith(b"%PDF")


def test_many_briefs_render_in_parallel_processes(sample_store, tmp_path) -> None:
    results = briefs.render_many(
        [("2022-H1", None), ("2022-H1", "cum-3")],
        workers=2,
        out=tmp_path,
        processed=sample_store,
        reference=REFERENCE,
        notebooks=NOTEBOOKS,
    )
    assert all(outcome.split(", ")[0].endswith("ban-tin.html") for _, _, outcome in results), results
    assert (tmp_path / "2022-H1" / "ban-tin.html").is_file()
    assert (tmp_path / "2022-H1" / "cum-3" / "ban-tin.html").is_file()
    page = (tmp_path / "2022-H1" / "cum-3" / "ban-tin.html").read_text(encoding="utf-8")
    assert "1.946" in page and "644 sáng kiến" in page  # seed 002
