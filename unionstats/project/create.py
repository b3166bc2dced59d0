"""``unionstats init``: a project folder for a province of one's own.

A new project starts with what is the same for every provincial federation, taken from the
sample project (this repository): the indicator catalogue and its wordings, the ratios, the
rules, the thresholds, the ranking's criteria, and the notebooks. What is the province's own
starts empty: units, clusters, lineage and targets have their header line only, and the
federation's details name the province. The analyst enters the units, clusters and the
federation's details in the set-up workbook (:mod:`unionstats.project.workbook`).
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from unionstats.atomic import write_text
from unionstats.config import MARKER, Paths, find_project
from unionstats.errors import UsageError
from unionstats.project.workbook import WORKBOOK, write_workbook
from unionstats.reference import REQUIRED_COLUMNS, read_reference_csv

# the same for every federation: copied from the sample project
SHARED_REFERENCE = (
    "indicators.csv",
    "derived.csv",
    "rules.csv",
    "wording.csv",
    "sentence_words.csv",
    "thresholds.csv",
    "scoring.csv",
)
# the province's own: a header line only
OWN_REFERENCE = {**{name: REQUIRED_COLUMNS[name] for name in ("units.csv", "clusters.csv", "lineage.csv")}}
OWN_REFERENCE["targets.csv"] = ("year", "unit_code", "indicator", "target")
FOLDERS = ("data/raw", "data/processed", "data/reference", "notebooks", "reports", "figures")


def sample_project() -> Path:
    """The sample province's project (this repository), the template of a new one."""
    folder = Path(__file__).resolve().parents[2]
    if not (folder / MARKER).is_file() or not (folder / "data" / "reference").is_dir():
        raise UsageError(
            "Không tìm thấy dự án mẫu để lấy danh mục chỉ tiêu và notebook: cài unionstats từ thư mục "
            "mã nguồn ('pip install -e .', như 'py tasks.py demo' làm).",
            code="no_template",
        )
    return folder


def create_project(folder: Path, province: str, *, today: datetime.date | None = None) -> Paths:
    """Write a new project into ``folder`` (missing or empty) for ``province``.

    Raises
    ------
    UsageError
        When ``folder`` already holds files or lies inside another project, or the province
        is not named.
    """
    folder, province = Path(folder), " ".join(province.split())
    if not province:
        raise UsageError("Cần tên tỉnh: --province 'Kon Tum'.", code="usage")
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(
            f"Thư mục {folder} đã có tệp: chọn một thư mục mới (hoặc trống) cho dự án.", code="init_not_empty"
        )
    inside = find_project(folder.parent if not folder.exists() else folder)
    if inside is not None:
        raise UsageError(
            f"{folder} nằm trong dự án {inside}: đặt dự án mới ở ngoài dự án khác (ví dụ trong Documents).",
            code="init_inside_project",
        )
    template = Paths(sample_project())
    made = Paths(folder.resolve())
    for name in FOLDERS:
        (made.root / name).mkdir(parents=True, exist_ok=True)
    for name in SHARED_REFERENCE:
        shutil.copyfile(template.reference / name, made.reference / name)
    for name, columns in OWN_REFERENCE.items():
        write_text(made.reference / name, ",".join(columns) + "\n")
    _write_organisation(template.reference, made.reference, province, today or datetime.date.today())
    for notebook in sorted(template.notebooks.glob("*.ipynb")):
        shutil.copyfile(notebook, made.notebooks / notebook.name)
    write_workbook(made.root / WORKBOOK, made.reference)
    write_text(
        made.marker,
        "# Dự án unionstats: số liệu và danh mục của một LĐLĐ tỉnh. Mọi lệnh tìm tệp này từ thư mục\n"
        "# hiện tại trở lên (hoặc theo --project / UNIONSTATS_ROOT).\n"
        f'province = "{province.replace(chr(34), "")}"\n',
    )
    return made


def _write_organisation(template: Path, reference: Path, province: str, today: datetime.date) -> None:
    """The federation's details: the sample's, with the province's name and this year."""
    frame = read_reference_csv(template / "organisation.csv", ("field", "value", "meaning"))
    values = {
        "issuing_body": f"LIÊN ĐOÀN LAO ĐỘNG TỈNH {province.upper()}",
        "place": province,
        "signer_name": "",
        "form_year": str(today.year),
    }
    frame["value"] = [
        values.get(field, value) for field, value in zip(frame["field"], frame["value"], strict=True)
    ]
    from unionstats.spreadsheet_text import safe_frame

    write_text(reference / "organisation.csv", safe_frame(frame).to_csv(index=False, lineterminator="\n"))
