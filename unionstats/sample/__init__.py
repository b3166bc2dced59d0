"""The sample province: a deterministic set of raw submissions, 2019-H1 … 2024-FY.

Fourteen units (ten district federations, four sector unions) in three emulation
clusters report every half-year and year; two sector unions merge from 2023-H1, so the
last four periods have thirteen. Figures are synthetic, drawn from seeded
random trends, except where they are anchored to the published articles in
``shared/seeds`` (the cluster totals of cum-2 in 2020-FY and of cum-3 in 2022-H1 are
reproduced exactly). The files are written the way offices write them: several real
writers (openpyxl, XlsxWriter with cached formulas, legacy xls, ods), two template
versions, every kind of mess the readers handle, and a few deliberate problems for the
validation step:

* ``kon-plong`` does not submit for 2023-H1;
* ``sa-thay`` 2022-FY is resubmitted with a correction (a later file, same unit/period);
* ``dak-ha`` 2021-H1 reports more members than workers;
* ``ngoc-hoi`` 2022-FY attaches a CĐCS list whose female members add up to 12 more than
  its form says.

From 2021 four units attach a CĐCS list (one row per grassroots union) on a second sheet.

Everything here is generated from ``(unit, period)`` seeds, so the same call writes the
same bytes-for-content files on every machine (file modification times are set too).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from unionstats.errors import UsageError
from unionstats.periods import Period
from unionstats.reference import Registry
from unionstats.sample.forms import build_form, file_name
from unionstats.sample.styles import UNIT_STYLES
from unionstats.sample.truth import (
    MISSING_SUBMISSION,
    PERIODS,
    PLACEHOLDERS,
    RATINGS,
    RESUBMITTED,
    generate_truth,
    seeded_rng,
)
from unionstats.sample.writers import SUFFIX, write_workbook


def _mtime(period: Period, unit: str, days_late: int = 0) -> float:
    rng = seeded_rng("mtime", unit, period.code)
    if period.period_type == "H1":
        moment = datetime(period.year, 6, int(rng.integers(2, 15)), 9, int(rng.integers(0, 59)))
    else:
        moment = datetime(period.year, 12, int(rng.integers(2, 12)), 14, int(rng.integers(0, 59)))
    return moment.timestamp() + days_late * 86400


def write_sample(folder: Path, registry: Registry) -> list[Path]:
    """Write the sample province's raw submissions under ``folder`` (which must be empty).

    Returns the paths written, spreadsheets and the non-spreadsheet clutter alike.
    """
    folder = Path(folder)
    if folder.exists() and any(p.name not in PLACEHOLDERS for p in folder.iterdir()):
        raise UsageError(
            f"Thư mục {folder} không trống: dữ liệu gốc không bao giờ bị ghi đè. Chọn một thư mục "
            "trống, ví dụ: unionstats sample /tmp/mau.",
            file=str(folder),
            code="sample_folder_not_empty",
        )
    truth = generate_truth(registry)
    written: list[Path] = []
    for period in PERIODS:
        period_folder = folder / period.code
        expected = set(registry.expected_units(period))
        for unit in (u for u in UNIT_STYLES if u in expected):
            if (unit, period.code) == MISSING_SUBMISSION:
                continue
            style = UNIT_STYLES[unit]
            values = dict(truth[(unit, period.code)])
            if period.period_type != "FY":
                for indicator in RATINGS:
                    values.pop(indicator, None)
            last_year = f"{period.year - 1}-{period.period_type}"
            prior = truth.get((unit, last_year))
            name = file_name(style, unit, period) + SUFFIX[style.writer]
            if (unit, period.code) == RESUBMITTED:
                wrong = dict(values)
                wrong["members_new"] = values["members_new"] * 10 + 3
                path = write_workbook(
                    period_folder / name, build_form(registry, unit, period, wrong, prior), style.writer
                )
                os.utime(path, (_mtime(period, unit), _mtime(period, unit)))
                written.append(path)
                name = file_name(style, unit, period) + " (bo sung, sua so lieu)" + SUFFIX[style.writer]
                path = write_workbook(
                    period_folder / name, build_form(registry, unit, period, values, prior), style.writer
                )
                os.utime(path, (_mtime(period, unit, 6), _mtime(period, unit, 6)))
            else:
                path = write_workbook(
                    period_folder / name, build_form(registry, unit, period, values, prior), style.writer
                )
                os.utime(path, (_mtime(period, unit), _mtime(period, unit)))
            written.append(path)
    clutter = {
        folder / "2020-FY" / "~$BC_Nam2020_DakTo.xlsx": b"\x00lock",
        folder / "2020-FY" / "Cong van gui kem.txt": "Kính gửi LĐLĐ tỉnh báo cáo năm 2020.\n".encode(),
        folder / "2022-H1" / ".DS_Store": b"\x00\x00\x00\x01Bud1",
    }
    for path, content in clutter.items():
        path.write_bytes(content)
        written.append(path)
    return written
