"""Word reports: the published seeds, the traps a number in a sentence sets, hostile files,
the old .doc format, and a report beside (or instead of) a form in the store."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import REFERENCE, run_cli
from word_reports import held_out, held_out_2
from word_reports.build import write_report
from word_reports.seeds import EXPECTED, seed_report

from unionstats.read.documents import Paragraph, read_document
from unionstats.read.sentences import read_sentences
from unionstats.read.submission import read_file


def sentence_levels(text: str, registry) -> dict[str, float]:
    return {
        r["indicator"]: r["value"] for r in read_sentences([Paragraph(1, text)], "x.docx", registry).records
    }


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_reads_the_published_reports_levels_and_nothing_else(number: str, tmp_path: Path, registry) -> None:
    report = seed_report(number)
    path = write_report(report, tmp_path / report["file"], header_as_table=False)
    stated = read_sentences(read_document(path).body(), report["file"], registry)
    assert {r["indicator"]: r["value"] for r in stated.records} == report["expected"]
    approximate = {f.indicator for f in stated.findings if f.code == "text_figure_approximate"}
    assert approximate == set(report.get("approximate", []))
    unclear = [f.message for f in stated.findings if f.code == "text_number_unclear"]
    assert [text for text in report.get("unclear", []) if not any(text in m for m in unclear)] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Tăng 12 đoàn viên so với cùng kỳ.",
        "Số đoàn viên tăng 35 người so với năm trước.",
        "Tỷ lệ đoàn viên đạt 95%.",
        "Chỉ tiêu kết nạp năm 2024 là 300 đoàn viên.",
        "Phấn đấu thành lập mới 5 CĐCS.",
        "Thực hiện Nghị định 30/2020/NĐ-CP của Chính phủ.",
        "Báo cáo số 45/BC-LĐLĐ ngày 10/6/2024.",
        "Kỷ niệm 94 năm Ngày thành lập Công đoàn Việt Nam.",
        "Chương trình “1 triệu sáng kiến” được triển khai sâu rộng.",
        "Mỗi căn nhà được hỗ trợ 50 triệu đồng.",
        "Từ đầu nhiệm kỳ đến nay đã kết nạp 1.500 đoàn viên.",
        "Có 4000 lượt thí sinh tham gia cuộc thi tìm hiểu pháp luật.",
        "Hỗ trợ 25 đoàn viên bị mất việc làm.",
        "Dự toán thu kinh phí năm 2025 là 2,4 tỷ đồng.",
        "Kết nạp được 12/15 đoàn viên.",
        "Bình quân mỗi lượt thăm hỏi 500.000 đồng.",
        "Kế hoạch năm 2025 phát triển 500 đoàn viên.",
        "Tổ chức khám sức khỏe cho 250 đoàn viên.",
        "Có 210 lượt đoàn viên được thăm hỏi và tham gia các hoạt động văn hoá, thể thao.",
        "Lũy kế từ năm 2019 đến nay đã xây dựng 25 nhà Mái ấm Công đoàn.",
    ],
)
def test_a_number_that_is_not_a_level_is_not_read(sentence: str, registry) -> None:
    assert sentence_levels(sentence, registry) == {}


@pytest.mark.parametrize(
    ("sentence", "levels"),
    [
        ("Kết nạp được 12/15 đoàn viên theo chỉ tiêu được giao.", {"members_new": 12}),
        ("Có 94/96 CĐCS tổ chức hội nghị cán bộ, công chức, viên chức.", {"labour_conferences": 94}),
        ("Tổng số đoàn viên: 1.803 người.", {"members": 1803}),
        ("Thu kinh phí công đoàn 6 tháng đạt 415,5 triệu đồng.", {"kpcd_collected": 415_500_000}),
        (
            "Tính đến 31/5/2024, có 13 CĐCS với 1.034 đoàn viên/1.071 CNVCLĐ.",
            {"cdcs": 13, "members": 1034, "workers": 1071},
        ),
        (
            "Giới thiệu 12 đoàn viên ưu tú cho Đảng, trong đó 7 đồng chí được kết nạp vào Đảng.",
            {"party_referrals": 12, "party_admitted": 7},
        ),
        ("Số công đoàn cơ sở: 29 CĐCS, trong đó 25 CĐCS khu vực hành chính sự nghiệp.", {"cdcs": 29}),
        ("Thành lập mới 01 CĐCS tại công ty cao su với 45 đoàn viên.", {"cdcs_new": 1}),
    ],
)
def test_reads_the_levels_a_sentence_states(sentence: str, levels: dict, registry) -> None:
    assert sentence_levels(sentence, registry) == levels


def hostile(kind: str, path: Path) -> Path:
    if kind == "corrupt":
        path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 2)
    elif kind == "not_word":
        path.write_text("<html><body>Báo cáo</body></html>", encoding="utf-8")
    elif kind == "encrypted":
        path.write_bytes(
            bytes.fromhex("D0CF11E0A1B11AE1") + "EncryptedPackage".encode("utf-16-le") + bytes(500)
        )
    elif kind == "zip_bomb":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr(
                "word/document.xml", b"<w:document>" + b" " * (300 * 1024 * 1024) + b"</w:document>"
            )
    elif kind == "no_figures":
        report = {
            **held_out.REPORTS[0],
            "paragraphs": ["Tình hình chung ổn định, các mặt công tác được duy trì."],
        }
        write_report(report, path)
    return path


@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("corrupt", "Không mở được văn bản Word"),
        ("not_word", "Không mở được văn bản Word"),
        ("encrypted", "mật khẩu"),
        ("zip_bomb", "zip bomb"),
        ("no_figures", "không nêu số liệu nào"),
    ],
)
def test_a_hostile_report_is_quarantined_in_one_line(kind: str, says: str, tmp_path: Path, registry) -> None:
    path = hostile(kind, tmp_path / "DakTo bao cao 6 thang 2024.docx")
    outcome = read_file(path, "2024-H1/" + path.name, "sha", registry)
    assert outcome.status == "quarantined"
    assert says in outcome.message and "\n" not in outcome.message
    assert outcome.message.startswith("2024-H1/DakTo bao cao 6 thang 2024.docx")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by .ci/run")
def test_reads_an_old_doc_report_through_libreoffice(tmp_path: Path, registry) -> None:
    import subprocess

    report = held_out.REPORTS[0]
    docx = write_report(report, tmp_path / "src" / "bao-cao.docx")
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
         "--convert-to", "doc", "--outdir", str(tmp_path / "doc"), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    doc = tmp_path / "2024-H1" / "DakTo bao cao so ket 6 thang.doc"
    doc.parent.mkdir()
    (tmp_path / "doc" / "bao-cao.doc").rename(doc)
    outcome = read_file(doc, "2024-H1/" + doc.name, "sha", registry)
    assert outcome.status == "ingested", outcome.message
    got = {r["indicator"]: r["value"] for r in outcome.records}
    assert got["members"] == 1803 and got["visits_amount"] == 86_500_000


def test_an_old_doc_without_libreoffice_is_refused_saying_to_save_as_docx(
    tmp_path: Path, registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "DakTo 6 thang 2024.doc"
    doc.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    outcome = read_file(doc, "2024-H1/" + doc.name, "sha", registry)
    assert outcome.status == "quarantined"
    assert ".docx" in outcome.message and "\n" not in outcome.message


@pytest.mark.parametrize(
    ("sentence", "form", "differs"),
    [
        ("Hiện có 1.200 đoàn viên.", 1200, ""),
        ("Hiện có 1.200 đoàn viên.", 1201, "1.200"),
        ("Hiện có hơn 1.200 đoàn viên.", 1250, ""),
        ("Hiện có hơn 1.200 đoàn viên.", 1180, "hơn 1.200"),  # "more than", and the form says less
        ("Hiện có hơn 1.200 đoàn viên.", 1500, "hơn 1.200"),  # 25% more: not what "hơn" says
        ("Hiện có gần 1.200 đoàn viên.", 1150, ""),
        ("Hiện có gần 1.200 đoàn viên.", 1210, "gần 1.200"),
        ("Hiện có khoảng 1.200 đoàn viên.", 1290, ""),
        ("Hiện có khoảng 1.200 đoàn viên.", 1100, ""),
        ("Hiện có khoảng 1.200 đoàn viên.", 1000, "khoảng 1.200"),
    ],
)
def test_an_approximate_report_figure_differs_from_the_form_only_against_its_words(
    sentence: str, form: float, differs: str, registry
) -> None:
    """ "hơn 1.200" agrees with a form of 1.250 and not of 1.180; the report's word is named."""
    import pandas as pd

    from unionstats.check.reports import check_reports_against_forms

    stated = read_sentences([Paragraph(3, sentence)], "2024-H1/bao cao.docx", registry)
    key = {"unit_code": "kon-ray", "period": "2024-H1", "indicator": "members"}
    history = pd.DataFrame([{**key, **stated.records[0], "source_file": "2024-H1/bao cao.docx"}])
    values = pd.DataFrame(
        [
            {
                **key,
                "value": form,
                "source_file": "2024-H1/bieu.xlsx",
                "sheet": "BC",
                "cell": "D7",
                "raw": "1200",
            }
        ]
    )
    found = check_reports_against_forms(history, values, registry, tolerance=0.1)
    assert [f.code for f in found] == (["report_differs_from_form"] if differs else [])
    if differs:
        assert f"báo cáo ghi {differs} (2024-H1/bao cao.docx, đoạn 3)" in found[0].message


@pytest.fixture
def raw_with_reports(sample_raw: Path, tmp_path: Path) -> Path:
    """The sample's 2024-H1 files with Đăk Tô's form replaced by its Word report, and Kon
    Rẫy's Word report beside its form: the report's figures differ from the form's, but for
    its workforce, stated as "hơn 1.000 người", which the form's 1.040 agrees with."""
    raw = tmp_path / "raw"
    shutil.copytree(sample_raw / "2024-H1", raw / "2024-H1")
    (raw / "2024-H1" / "BC_6T2024_DakTo.xlsx").unlink()
    kon_ray = dict(held_out_2.REPORTS[0])
    kon_ray["paragraphs"] = [
        text.replace("1.290 người", "hơn 1.000 người") for text in held_out_2.REPORTS[0]["paragraphs"]
    ]
    for report in (held_out.REPORTS[0], kon_ray):
        assert report["file"].startswith("2024-H1/")
        write_report(report, raw / report["file"])
    return raw


def test_a_report_counts_as_submitted_and_a_form_beats_a_report(
    raw_with_reports: Path, tmp_path: Path
) -> None:
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    out = tmp_path / "processed"
    common = ("--reference", str(reference))
    assert run_cli("ingest", str(raw_with_reports), "--out", str(out), *common).returncode == 0
    assert run_cli("validate", "--processed", str(out), *common).returncode in (0, 1)
    import pandas as pd

    from unionstats.store.files import read_history
    from unionstats.store.versions import current_version

    version = current_version(out)
    values = pd.read_parquet(version / "values.parquet")
    members = values[values["indicator"] == "members"].set_index("unit_code")["value"]
    assert members["dak-to"] == 1803  # from the report: Đăk Tô sent no form
    assert members["kon-ray"] != 1214  # the form's figure, not the report's
    completeness = pd.read_csv(version / "completeness.csv", dtype=str, keep_default_na=False)
    assert completeness.set_index("unit_code").at["dak-to", "submitted"] == "True"
    findings = pd.read_csv(version / "findings.csv", dtype=str, keep_default_na=False)
    differs = findings[findings["code"] == "report_differs_from_form"]
    assert "báo cáo ghi 1.214" in " ".join(differs["message"])
    history = read_history(out)  # the replaced report's figures
    stated = history[history["source_file"].str.endswith(".docx")].set_index("indicator")["value"]
    assert stated["workers"] == 1000  # read from Kon Rẫy's report as "hơn 1.000 người"
    assert "workers" not in set(differs["indicator"])  # which the form's 1.040 agrees with
    assert (findings["code"] == "report_beside_form").sum() == 1
    assert not findings["message"].str.contains("ô đoạn").any()

    listed = run_cli("reports", "--processed", str(out), "--period", "2024-H1", *common)
    assert "chỉ gửi báo cáo Word" in listed.stdout and "Đăk Tô" in listed.stdout
    assert "17 số liệu đọc từ văn bản chờ xác nhận" in listed.stdout
    confirmed = run_cli("reports", "--processed", str(out), "--period", "2024-H1", "--confirm", *common)
    assert confirmed.returncode == 0 and (reference / "confirmed_figures.csv").is_file()
    assert run_cli("ingest", str(raw_with_reports), "--out", str(out), *common).returncode == 0
    again = run_cli("reports", "--processed", str(out), "--period", "2024-H1", *common)
    assert "0 số liệu đọc từ văn bản chờ xác nhận" in again.stdout
    source = run_cli(
        "source", "members", "--unit", "kon-ray", "--period", "2024-H1", "--processed", str(out), *common
    )
    assert "Báo cáo Word cùng kỳ ghi" in source.stdout and "đoạn 5" in source.stdout


def test_reports_refuses_an_unknown_unit_in_one_line(sample_store: Path) -> None:
    result = run_cli("reports", "--processed", str(sample_store), "--unit", "Đăk Tôô Tô")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_sample_store_has_no_report_waiting(sample_store: Path) -> None:
    result = run_cli("reports", "--processed", str(sample_store), "--period", "all")
    assert result.returncode == 0 and "0 số liệu đọc từ văn bản chờ xác nhận (mọi kỳ)" in result.stdout
