"""Workbooks of the issue's shapes, generated at random with parameters the reader was not
built around, in all four real formats: the share of figures read, and that none is wrong
or filed under another unit or period.

The generator (seeded, so a failure reproduces) varies what offices vary: how a unit is
named (any alias, "Huyện …", in a sheet name, a column or a row), how far down the table
starts, which extra columns sit beside the figures (last year's, plan, "So sánh (%)",
"Ghi chú"), whether a total column or row is there, the order of the rows, and the writer
(openpyxl, xlsxwriter, xlwt .xls, odfpy .ods). Wordings are the catalogue's own labels and
aliases here: unfamiliar wordings are measured in ``test_label_likeness.py``.
"""

from __future__ import annotations

import random
from pathlib import Path

from conftest import REFERENCE

from unionstats.read.submission import read_file
from unionstats.reference import load_registry
from unionstats.sample.writers import SheetSpec, write_workbook

REGISTRY = load_registry(REFERENCE)
FORMATS = {"openpyxl": ".xlsx", "xlsxwriter": ".xlsx", "xls": ".xls", "ods": ".ods"}
DISTRICTS = [
    "tp-kon-tum",
    "dak-ha",
    "sa-thay",
    "kon-ray",
    "kon-plong",
    "dak-to",
    "ngoc-hoi",
    "dak-glei",
    "tu-mo-rong",
]
COUNTS = ["cdcs", "members", "members_new", "visits", "gifts", "trainings", "initiatives", "party_referrals"]
Expected = dict[tuple[str, str, str], float]


def unit_name(rng: random.Random, unit: str) -> str:
    aliases = [a for a in REGISTRY.units.set_index("unit_code").at[unit, "aliases"].split("|") if len(a) > 6]
    name = REGISTRY.unit_names[unit]
    return rng.choice([name, *aliases, f"Huyện {name}" if not name.startswith("Thành") else name])


def org_line(rng: random.Random, unit: str) -> str:
    """The organisation line at the top of a form, as offices write it."""
    name = REGISTRY.unit_names[unit]
    where = name if name.startswith("Thành phố") else f"huyện {name}"
    return rng.choice([f"LIÊN ĐOÀN LAO ĐỘNG {where}".upper(), f"LĐLĐ {where}".upper(), f"LĐLĐ {where}"])


def wording(rng: random.Random, code: str) -> str:
    spec = REGISTRY.catalogue[code]
    return rng.choice([spec.label, *spec.aliases])


def period_title(year: int, half: bool) -> str:
    return f"6 tháng đầu năm {year}" if half else f"năm {year}"


def one_unit_sheet(
    rng, spec: SheetSpec, unit: str, year: int, half: bool, expected: Expected, top: int = 0
) -> None:
    """A one-unit form, sometimes with period-named value columns and bulleted children."""
    period = f"{year}-{'H1' if half else 'FY'}"
    spec.put(top, 0, org_line(rng, unit))
    spec.put(top + 1, 0, f"BÁO CÁO SỐ LIỆU {period_title(year, half).upper()}")
    row = top + 2 + rng.randint(0, 4)
    named = rng.random() < 0.5
    extra = rng.sample(["Cùng kỳ năm trước", "Kế hoạch năm", "So sánh (%)", "Ghi chú"], rng.randint(0, 3))
    value_header = (
        period_title(year, half).capitalize()
        if named
        else rng.choice(["Số lượng", "Kỳ báo cáo", "Thực hiện"])
    )
    if named:
        extra.append(period_title(year - 1, half).capitalize())
    headers = ["TT", "Nội dung", "ĐVT", value_header, *extra]
    rng.shuffle(headers[3:])
    for col, text in enumerate(headers):
        spec.put(row, col, text)
    value_col = headers.index(value_header)
    codes = rng.sample(COUNTS, 5)
    number = 0
    for code in codes:
        row += 1
        number += 1
        value = rng.randint(1, 5000)
        if code == "members" and rng.random() < 0.5:  # a heading with bulleted children
            spec.put(row, 0, str(number))
            spec.put(row, 1, "Đoàn viên công đoàn")
            for child, child_code in (
                ("- Tổng số", "members"),
                ("- Nữ", "members_female"),
                ("- Kết nạp mới", "members_new"),
            ):
                if child_code in expected_codes(expected, unit, period) or (
                    child_code == "members_new" and "members_new" in codes
                ):
                    continue
                row += 1
                child_value = rng.randint(1, 5000)
                spec.put(row, 1, child)
                spec.put(row, 2, "người")
                spec.put(row, value_col, child_value)
                expected[(unit, period, child_code)] = child_value
            continue
        spec.put(row, 0, str(number))
        spec.put(row, 1, wording(rng, code))
        spec.put(row, 2, REGISTRY.catalogue[code].measure)
        spec.put(row, value_col, value)
        for col, header in enumerate(headers):
            if col > 3 and col != value_col and header != "Ghi chú":
                spec.put(row, col, rng.randint(1, 5000))
        expected[(unit, period, code)] = value


def expected_codes(expected: Expected, unit: str, period: str) -> set[str]:
    return {code for (u, p, code) in expected if (u, p) == (unit, period)}


def units_as_columns(rng, spec: SheetSpec, units: list[str], period: str, expected: Expected) -> None:
    """Units as columns; sometimes each unit over "Kỳ báo cáo" and "Cùng kỳ" (either order)."""
    year, half = int(period[:4]), period.endswith("H1")
    top = rng.randint(0, 5)
    spec.put(top, 0, f"TỔNG HỢP SỐ LIỆU CỤM THI ĐUA {period_title(year, half).upper()}")
    row = top + 2
    pairs = rng.random() < 0.4
    total = rng.random() < 0.7 and not pairs
    for col, text in enumerate(["TT", "Chỉ tiêu", "ĐVT"]):
        spec.put(row, col, text)
    value_cols = []
    for offset, unit in enumerate(units):
        col = 3 + offset * (2 if pairs else 1)
        spec.put(row, col, unit_name(rng, unit))
        if pairs:
            spec.merge(row, col, row, col + 1)
            this_first = rng.random() < 0.5
            spec.put(row + 1, col, "Kỳ báo cáo" if this_first else "Cùng kỳ năm trước")
            spec.put(row + 1, col + 1, "Cùng kỳ năm trước" if this_first else "Kỳ báo cáo")
            value_cols.append((col, col + 1) if this_first else (col + 1, col))
        else:
            value_cols.append((col, None))
    end = 3 + len(units) * (2 if pairs else 1)
    if total:
        spec.put(row, end, "Tổng cộng")
    if rng.random() < 0.3:
        spec.put(row, end + total, "Ghi chú")
    row += 1 if pairs else 0
    for number, code in enumerate(rng.sample(COUNTS, 6), start=1):
        row += 1
        spec.put(row, 0, str(number))
        spec.put(row, 1, wording(rng, code))
        spec.put(row, 2, REGISTRY.catalogue[code].measure)
        values = [rng.randint(0, 3000) for _ in units]
        for unit, value, (col, last_year) in zip(units, values, value_cols, strict=True):
            spec.put(row, col, value)
            if last_year is not None:
                spec.put(row, last_year, rng.randint(0, 3000))
            expected[(unit, period, code)] = value
        if total:
            spec.put(row, end, sum(values))


def units_as_rows(rng, spec: SheetSpec, units: list[str], period: str, expected: Expected) -> None:
    year, half = int(period[:4]), period.endswith("H1")
    spec.put(0, 0, f"SỐ LIỆU CÁC ĐƠN VỊ {period_title(year, half).upper()}")
    top = 2 + rng.randint(0, 3)
    spec.put(top, 0, "TT")
    spec.put(top, 1, rng.choice(["Đơn vị", "Tên đơn vị", "Đơn vị báo cáo"]))
    spec.put(top, 2, wording(rng, "cdcs"))
    spec.put(top, 3, "Đoàn viên công đoàn")
    spec.put(top + 1, 3, "Tổng số")
    spec.put(top + 1, 4, "Nữ")
    spec.put(top + 1, 5, "Kết nạp mới")
    spec.put(top, 6, "Số tiền thăm hỏi (triệu đồng)")
    spec.merge(top, 3, top, 5)
    for col in (0, 1, 2, 6):
        spec.merge(top, col, top + 1, col)
    codes = ["cdcs", "members", "members_female", "members_new", "visits_amount"]
    totals = [0.0] * len(codes)
    row = top + 1
    for number, unit in enumerate(units, start=1):
        row += 1
        spec.put(row, 0, str(number))
        spec.put(row, 1, unit_name(rng, unit))
        for offset, code in enumerate(codes):
            value = round(rng.uniform(1, 900), 2) if code == "visits_amount" else rng.randint(0, 3000)
            spec.put(row, 2 + offset, value)
            totals[offset] += value
            expected[(unit, period, code)] = round(value * 1_000_000) if code == "visits_amount" else value
    if rng.random() < 0.7:
        spec.put(row + 1, 1, rng.choice(["Tổng cộng", "Cộng", "Toàn cụm"]))
        for offset, value in enumerate(totals):
            spec.put(row + 1, 2 + offset, round(value, 2))


def units_as_rows_paired(rng, spec: SheetSpec, units: list[str], period: str, expected: Expected) -> None:
    """Units as rows, each indicator over two columns, this period's and another's (named
    "Kỳ báo cáo | Cùng kỳ" or by period, either order); sometimes a unit's name misspelt."""
    year, half = int(period[:4]), period.endswith("H1")
    spec.put(0, 0, f"SO SÁNH SỐ LIỆU {period_title(year, half).upper()}")
    top = 2
    spec.put(top, 0, "TT")
    spec.put(top, 1, "Đơn vị")
    spec.merge(top, 0, top + 1, 0)
    spec.merge(top, 1, top + 1, 1)
    named = rng.random() < 0.5
    now, before = (
        (period_title(year, half), period_title(year - 1, half)) if named else ("Kỳ báo cáo", "Cùng kỳ")
    )
    layout = []
    for offset, code in enumerate(["cdcs", "members", "members_new"]):
        col = 2 + 2 * offset
        spec.put(top, col, wording(rng, code))
        spec.merge(top, col, top, col + 1)
        this_first = rng.random() < 0.5
        spec.put(top + 1, col, (now if this_first else before).capitalize())
        spec.put(top + 1, col + 1, (before if this_first else now).capitalize())
        layout.append((code, col if this_first else col + 1, col + 1 if this_first else col))
    misspelt = rng.choice(units) if rng.random() < 0.3 and len(units) > 2 else None
    for number, unit in enumerate(units, start=1):
        row = top + 1 + number
        spec.put(row, 0, str(number))
        spec.put(row, 1, unit_name(rng, unit) + ("x" if unit == misspelt else ""))
        for code, this_col, other_col in layout:
            value = rng.randint(0, 3000)
            spec.put(row, this_col, value)
            spec.put(row, other_col, rng.randint(0, 3000))
            if unit != misspelt:
                expected[(unit, period, code)] = value


SHAPES = [
    "sheet_per_unit",
    "units_as_columns",
    "units_as_rows",
    "one_unit",
    "half_and_full",
    "units_as_rows_paired",
]


def workbook(rng: random.Random, number: int, folder: Path) -> tuple[Path, str, Expected]:
    """One random workbook of one of the shapes, its folder-relative path and its figures."""
    shape = SHAPES[number % len(SHAPES)]
    fmt = list(FORMATS)[(number // len(SHAPES)) % 4]
    year = rng.randint(2020, 2024)
    half = rng.random() < 0.5
    period = f"{year}-{'H1' if half else 'FY'}"
    units = rng.sample(DISTRICTS, rng.randint(2, 5))
    expected: Expected = {}
    sheets: list[SheetSpec] = []
    if shape == "sheet_per_unit":
        for unit in units:
            sheet = SheetSpec(REGISTRY.unit_names[unit])
            one_unit_sheet(rng, sheet, unit, year, half, expected)
            sheets.append(sheet)
        sheets.append(SheetSpec("Ghi chú", {(0, 0): "Số liệu do các đơn vị trong cụm gửi."}))
    elif shape.startswith("units_as"):
        sheets.append(SheetSpec("Tổng hợp"))
        build = {"units_as_columns": units_as_columns, "units_as_rows": units_as_rows}.get(shape)
        (build or units_as_rows_paired)(rng, sheets[0], units, period, expected)
    elif shape == "one_unit":
        sheets.append(SheetSpec("Báo cáo"))
        one_unit_sheet(rng, sheets[0], units[0], year, half, expected, top=rng.randint(0, 8))
    else:  # the half-year sheet beside the full-year one, filed in the full-year folder
        for sheet_half in (True, False):
            sheets.append(SheetSpec("6 tháng" if sheet_half else "Cả năm"))
            one_unit_sheet(rng, sheets[-1], units[0], year, sheet_half, expected)
        period = f"{year}-FY"
    relative = f"{period}/tep-{number:02d}{FORMATS[fmt]}"
    write_workbook(folder / relative, sheets, fmt)
    return folder / relative, relative, expected


def test_unseen_shapes_are_read_at_95_percent_none_wrong_none_misattributed(tmp_path: Path) -> None:
    """Measured: every figure of the 48 workbooks read (seeds 1–5 and 7 too); a misspelt unit
    is never read under another unit and always comes with a warning."""
    rng = random.Random(20261125)
    expected_total, read_right, wrong, misplaced, silent = 0, 0, [], [], []
    for number in range(48):
        path, relative, expected = workbook(rng, number, tmp_path)
        outcome = read_file(path, relative, "sha", REGISTRY)
        got = {(r["unit_code"], r["period"], r["indicator"]): r["value"] for r in outcome.placed()}
        expected_total += len(expected)
        read_right += sum(got.get(key) == value for key, value in expected.items())
        wrong += [
            (relative, key, got[key], value)
            for key, value in expected.items()
            if key in got and got[key] != value
        ]
        misplaced += [(relative, key) for key in got if key not in expected]
        missed = [key for key in expected if key not in got]
        if missed and not any(f.severity != "info" for f in outcome.findings):
            silent.append((relative, missed, outcome.message))
    assert not wrong
    assert not misplaced
    assert not silent, "figures missed without a warning"
    share = read_right / expected_total
    assert share >= 0.95, f"{read_right} of {expected_total} read ({share:.1%})"


def noisy(rng: random.Random, text: str, number: int) -> str:
    """A catalogue wording as offices type it: numbering, footnote marks, case, breaks, colons."""
    text = rng.choice(
        [f"{number}. {text}", f"{number}.{rng.randint(1, 3)}. {text}", f"- {text}", f"+ {text}", text]
    )
    if rng.random() < 0.3:
        text += rng.choice([" (*)", " (**)", " (1)", ":"])
    if rng.random() < 0.2:
        text = text.upper()
    if rng.random() < 0.2 and " " in text:
        cut = text.index(" ", len(text) // 2) if " " in text[len(text) // 2 :] else text.index(" ")
        text = text[:cut] + "\n" + text[cut + 1 :]
    return text


def test_ordinary_forms_with_unfamiliar_wording_lose_under_5_percent_and_none_wrong(tmp_path: Path) -> None:
    """One row in five worded as no alias foresaw (the share the issue saw on outside files),
    drawn from the held-out wordings of ``test_label_likeness.py``; the others in catalogue
    wordings typed with numbering, footnote marks, capitals and line breaks. Measured: 354 of
    360 figures read (98.3%), none wrong."""
    from test_label_likeness import HELD_OUT_2, HELD_OUT_3

    unfamiliar: dict[str, list[tuple[str, str]]] = {}
    for label, measure, code in HELD_OUT_2 + HELD_OUT_3:
        unfamiliar.setdefault(code, []).append((label, measure))
    rng = random.Random(25112026)
    total = right = 0
    wrong = []
    for number in range(30):
        unit = rng.choice(DISTRICTS)
        spec = SheetSpec("Báo cáo")
        spec.put(0, 0, org_line(rng, unit))
        spec.put(1, 0, "BÁO CÁO SỐ LIỆU NĂM 2023")
        for col, text in enumerate(["TT", "Nội dung", "ĐVT", "Số lượng"]):
            spec.put(3, col, text)
        expected = {}
        codes = rng.sample([c for c in REGISTRY.catalogue if not REGISTRY.catalogue[c].rating], 12)
        for row, code in enumerate(codes, start=4):
            indicator = REGISTRY.catalogue[code]
            if code in unfamiliar and rng.random() < 0.2:
                label, measure = rng.choice(unfamiliar[code])
            else:
                label, measure = noisy(rng, wording(rng, code), row - 3), indicator.measure
            money = indicator.money
            value = round(rng.uniform(1, 500), 1) if money else rng.randint(1, 3000)
            spec.put(row, 1, label)
            spec.put(row, 2, "triệu đồng" if money else measure)
            spec.put(row, 3, value)
            expected[code] = round(value * 1_000_000) if money else value
        path = write_workbook(tmp_path / "2023-FY" / f"form-{number:02d}.xlsx", [spec], "openpyxl")
        outcome = read_file(path, f"2023-FY/{path.name}", "sha", REGISTRY)
        got = {r["indicator"]: r["value"] for r in outcome.placed()}
        total += len(expected)
        right += sum(got.get(code) == value for code, value in expected.items())
        wrong += [(path.name, code) for code in got if expected.get(code) != got[code] and code in expected]
        wrong += [(path.name, code) for code in got if code not in expected]
    assert not wrong
    assert right / total >= 0.95, f"{right} of {total} figures read ({right / total:.1%})"
