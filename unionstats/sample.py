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
import re
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from unionstats.cells import a1
from unionstats.errors import UsageError
from unionstats.periods import Period
from unionstats.reference import Registry
from unionstats.writers import SUFFIX, Formula, SheetSpec, write_workbook

YEARS = range(2019, 2025)
PERIODS = [Period(year, kind) for year in YEARS for kind in ("H1", "FY")]

# Cluster totals published in shared/seeds (003 and 002). Money in đồng.
SEED_ANCHORS: dict[tuple[str, str], dict[str, int]] = {
    ("cum-2", "2020-FY"): {
        "cdcs": 288,
        "workers": 7842,
        "members": 7676,
        "visits": 341,
        "visits_amount": 295_350_000,
        "funds_raised": 390_777_000,
        "cultural_events": 117,
        "cultural_participants": 1141,
        "rating_excellent": 48,
        "rating_good": 224,
        "rating_completed": 16,
        "rating_failed": 0,
    },
    ("cum-3", "2022-H1"): {
        "members_new": 1946,
        "cdcs_new": 16,
        "party_referrals": 225,
        "party_admitted": 116,
        "initiatives": 644,
        "houses": 16,
        "trainings": 5,
        "funds_raised": 3_512_600_000,
        "gifts": 5236,
        "gifts_children": 6843,
        "cultural_events": 5127,
    },
}
PLACEHOLDERS = {"README.md", ".gitkeep"}  # documentation files that do not make a folder "full"
MISSING_SUBMISSION = ("kon-plong", "2023-H1")
RESUBMITTED = ("sa-thay", "2022-FY")
MEMBERS_OVER_WORKERS = ("dak-ha", "2021-H1")
# Two sector unions merge from 2023-H1 (data/reference/lineage.csv); their successor reports
# what the two would have reported together.
MERGE = ("cd-vien-chuc-y-te", ("cd-vien-chuc", "cd-y-te"))
# Units that attach a CĐCS list from the 2021 template on; one list disagrees with its form.
DETAIL_UNITS = ("dak-to", "ngoc-hoi", "kon-ray", "cd-y-te")
DETAIL_FROM_YEAR = 2021
INCONSISTENT_DETAIL = ("ngoc-hoi", "2022-FY")
INCONSISTENT_DETAIL_EXTRA_FEMALE = 12

# Size of each unit at 2019-H1: (cdcs, workers, share of workers who are members).
BASE_SIZE: dict[str, tuple[int, int, float]] = {
    "tp-kon-tum": (118, 4300, 0.965),
    "dak-ha": (64, 1900, 0.955),
    "sa-thay": (52, 1500, 0.96),
    "kon-ray": (38, 1050, 0.97),
    "kon-plong": (41, 1100, 0.955),
    "dak-to": (66, 1800, 0.98),
    "ngoc-hoi": (70, 2050, 0.975),
    "dak-glei": (58, 1450, 0.985),
    "ia-hdrai": (31, 950, 0.97),
    "tu-mo-rong": (55, 1300, 0.985),
    "cd-vien-chuc": (96, 3600, 0.99),
    "cd-giao-duc": (205, 8800, 0.995),
    "cd-y-te": (38, 3900, 0.985),
    "cd-khu-kinh-te": (29, 2700, 0.86),
}
# Flows per member per year (or per CĐCS where noted), before noise.
FLOW_RATES: dict[str, float] = {
    "members_new": 0.07,
    "cdcs_new": 0.05,
    "cdcs_dissolved": 0.02,
    "visits": 0.044,
    "gifts": 0.25,
    "gifts_children": 0.3,
    "houses": 0.0009,
    "funds_raised": 51_000,
    "labour_conferences": 0.9,
    "work_stoppages": 0.0,
    "cultural_events": 0.015,
    "cultural_participants": 0.15,
    "initiatives": 0.035,
    "trainings": 0.0011,
    "trainees": 0.045,
    "party_referrals": 0.012,
    "party_admitted": 0.006,
    "kpcd_collected": 1_150_000,
    "dues_collected": 540_000,
}
PER_CDCS = {"cdcs_new", "cdcs_dissolved", "labour_conferences"}
MONEY_PER_ITEM = {"visits_amount": ("visits", 866_000), "houses_amount": ("houses", 60_000_000)}

TEMPLATE_2019: list[tuple[str, list[str]]] = [
    (
        "TỔ CHỨC CÔNG ĐOÀN VÀ ĐOÀN VIÊN",
        [
            "cdcs",
            "workers",
            "workers_female",
            "members",
            "members_female",
            "members_new",
            "cdcs_new",
            "cdcs_dissolved",
        ],
    ),
    ("CHĂM LO ĐỜI SỐNG ĐOÀN VIÊN, NGƯỜI LAO ĐỘNG", ["visits", "visits_amount", "gifts", "funds_raised"]),
    (
        "PHONG TRÀO THI ĐUA, VĂN HOÁ THỂ THAO",
        ["cultural_events", "cultural_participants", "?Số cuộc thi tìm hiểu pháp luật"],
    ),
    ("ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ", ["trainings", "trainees"]),
]
TEMPLATE_2021: list[tuple[str, list[str]]] = [
    (
        "PHÁT TRIỂN ĐOÀN VIÊN, XÂY DỰNG TỔ CHỨC CÔNG ĐOÀN",
        [
            "members",
            "members_female",
            "workers",
            "workers_female",
            "cdcs",
            "members_new",
            "cdcs_new",
            "cdcs_dissolved",
        ],
    ),
    ("ĐẠI DIỆN, BẢO VỆ QUYỀN LỢI", ["labour_conferences", "collective_agreements", "work_stoppages"]),
    (
        "CHĂM LO ĐỜI SỐNG ĐOÀN VIÊN, NGƯỜI LAO ĐỘNG",
        ["visits", "visits_amount", "gifts", "gifts_children", "houses", "houses_amount", "funds_raised"],
    ),
    (
        "PHONG TRÀO THI ĐUA",
        [
            "cultural_events",
            "cultural_participants",
            "initiatives",
            "?Số lượt thí sinh tham gia cuộc thi tìm hiểu",
        ],
    ),
    (
        "TUYÊN TRUYỀN, ĐÀO TẠO VÀ XÂY DỰNG ĐẢNG",
        ["trainings", "trainees", "party_referrals", "party_admitted"],
    ),
    ("TÀI CHÍNH CÔNG ĐOÀN", ["kpcd_collected", "dues_collected"]),
]
RATINGS = ["rating_excellent", "rating_good", "rating_completed", "rating_failed"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


@dataclass(frozen=True)
class Style:
    """How one unit's office fills in the form (chosen once per unit, deterministic)."""

    writer: str  # openpyxl | xlsxwriter | xls | ods
    layout: str  # single | two_columns | prior_first | with_plan
    top_lines: int  # blank or text lines between the title and the table
    first_col: int  # 0 = table starts in column A, 1 = column B
    extra_sheet: str  # "" or the name of a sheet placed before the report
    sheet_name: str
    counts: str  # numeric | vn_text | space_text | us_text | noise
    money: str  # dong | dong_text | trieu | trieu_text | words | nghin
    label_case: str  # plain | upper | nfd
    numbering: str  # dot | paren | none
    female_rows: str  # trong_do | alias
    dash_for_zero: bool
    filename: str  # a pattern, see _filename


# fmt: off
UNIT_STYLES: dict[str, Style] = {
    #                     writer        layout         top col extra sheet     sheet            counts        money         labels   numbering trong_do/alias dash  filename
    "tp-kon-tum":   Style("openpyxl",   "two_columns", 1, 0, "",           "Báo cáo",       "vn_text",    "trieu",      "plain", "dot",   "trong_do", False, "BC_{period_short}_{ascii}"),
    "dak-ha":       Style("openpyxl",   "single",      0, 0, "Hướng dẫn",  "Biểu 01",       "numeric",    "dong",       "plain", "dot",   "alias",    True,  "{ascii} - bao cao {period_words}"),
    "sa-thay":      Style("xlsxwriter", "with_plan",   2, 1, "",           "BC",            "space_text", "words",      "upper", "none",  "trong_do", False, "SaThay_{period_code}"),
    "kon-ray":      Style("xls",        "single",      1, 0, "",           "Sheet1",        "numeric",    "nghin",      "plain", "paren", "alias",    True,  "KonRay {period_short}"),
    "kon-plong":    Style("openpyxl",   "prior_first", 3, 0, "Sheet1",     "So lieu",       "noise",      "dong_text",  "nfd",   "dot",   "trong_do", False, "Bao cao {period_words} KonPlong"),
    "dak-to":       Style("openpyxl",   "two_columns", 0, 1, "",           "Báo cáo",       "numeric",    "dong",       "plain", "dot",   "trong_do", False, "BC_{period_short}_DakTo"),
    "ngoc-hoi":     Style("openpyxl",   "single",      2, 0, "",           "BC 6T",         "vn_text",    "trieu_text", "plain", "paren", "alias",    True,  "Bao cao {period_words} - Ngoc Hoi"),
    "dak-glei":     Style("xls",        "two_columns", 1, 0, "",           "Biểu số liệu",  "us_text",    "words",      "upper", "dot",   "trong_do", False, "DakGlei_{period_code}"),
    "ia-hdrai":     Style("ods",        "single",      0, 0, "",           "Báo cáo",       "numeric",    "trieu",      "plain", "dot",   "trong_do", True,  "ldld_ia_hdrai_{period_code}"),
    "tu-mo-rong":   Style("xlsxwriter", "prior_first", 1, 1, "Ghi chú",    "BC",            "numeric",    "dong",       "plain", "none",  "alias",    False, "TuMoRong_{period_short}"),
    "cd-vien-chuc": Style("openpyxl",   "two_columns", 2, 0, "",           "Báo cáo",       "vn_text",    "words",      "plain", "dot",   "trong_do", False, "CDVC_{period_code}"),
    "cd-giao-duc":  Style("xlsxwriter", "single",      1, 0, "",           "Bieu 01",       "space_text", "dong_text",  "plain", "dot",   "trong_do", True,  "BC so lieu CD Giao duc {period_words}"),
    "cd-y-te":      Style("ods",        "with_plan",   0, 0, "Hướng dẫn",  "Báo cáo",       "numeric",    "trieu_text", "nfd",   "paren", "alias",    False, "CD Y te {period_short}"),
    "cd-khu-kinh-te": Style("openpyxl", "two_columns", 1, 1, "",           "BC",            "us_text",    "nghin",      "upper", "dot",   "trong_do", False, "Bieu so lieu {period_short}"),
    "cd-vien-chuc-y-te": Style("openpyxl", "two_columns", 1, 0, "",        "Báo cáo",       "vn_text",    "words",      "plain", "dot",   "trong_do", False, "CD VC-YT_{period_code}"),
}
# fmt: on
ORG_LINE: dict[str, str] = {
    "tp-kon-tum": "LĐLĐ THÀNH PHỐ KON TUM",
    "dak-ha": "LIÊN ĐOÀN LAO ĐỘNG HUYỆN ĐĂK HÀ",
    "sa-thay": "LĐLĐ HUYỆN SA THẦY",
    "kon-ray": "LĐLĐ HUYỆN KON RẪY",
    "kon-plong": "LĐLĐ huyện Kon Plông",
    "dak-to": "LĐLĐ HUYỆN ĐẮK TÔ",
    "ngoc-hoi": "LIÊN ĐOÀN LAO ĐỘNG HUYỆN NGỌC HỒI",
    "dak-glei": "LĐLĐ HUYỆN ĐẮC GLEI",
    "ia-hdrai": "Đơn vị: LĐLĐ huyện Ia H’Drai",
    "tu-mo-rong": "LĐLĐ HUYỆN TU MƠ RÔNG",
    "cd-vien-chuc": "CÔNG ĐOÀN VIÊN CHỨC TỈNH",
    "cd-giao-duc": "CÔNG ĐOÀN NGÀNH GIÁO DỤC",
    "cd-y-te": "CÔNG ĐOÀN NGÀNH Y TẾ",
    "cd-khu-kinh-te": "CÔNG ĐOÀN CÁC KHU KINH TẾ TỈNH",
    "cd-vien-chuc-y-te": "CÔNG ĐOÀN VIÊN CHỨC VÀ Y TẾ TỈNH",
}
PLACE: dict[str, str] = {
    "tp-kon-tum": "Kon Tum",
    "dak-ha": "Đăk Hà",
    "sa-thay": "Sa Thầy",
    "kon-ray": "Kon Rẫy",
    "kon-plong": "Kon Plông",
    "dak-to": "Đăk Tô",
    "ngoc-hoi": "Ngọc Hồi",
    "dak-glei": "Đăk Glei",
    "ia-hdrai": "Ia H'Drai",
    "tu-mo-rong": "Tu Mơ Rông",
}


def _rng(*parts: object) -> np.random.Generator:
    """A random generator seeded from ``parts`` (stable across processes and machines)."""
    return np.random.default_rng(zlib.crc32("|".join(map(str, parts)).encode()))


def _allocate(total: int, weights: list[float], step: int = 1) -> list[int]:
    """Split ``total`` (a multiple of ``step``) in proportion to ``weights``, exactly."""
    units = total // step
    raw = np.array(weights, dtype=float) / sum(weights) * units
    whole = np.floor(raw).astype(int)
    for index in np.argsort(-(raw - whole))[: units - whole.sum()]:
        whole[index] += 1
    return [int(w) * step for w in whole]


def _clusters_by_year(registry: Registry) -> dict[tuple[int, str], list[str]]:
    members: dict[tuple[int, str], list[str]] = {}
    for row in registry.clusters.itertuples(index=False):
        members.setdefault((int(row.year), row.cluster_code), []).append(row.unit_code)
    return members


def generate_truth(registry: Registry) -> dict[tuple[str, str], dict[str, float]]:
    """Return the figures every unit reports, ``{(unit, period): {indicator: value}}``.

    Stocks drift a few percent a year; flows follow per-member rates with noise; H1 flows
    are 40–60% of the year's. Seed anchors are then imposed exactly on their cluster.
    """
    units = list(BASE_SIZE)
    truth: dict[tuple[str, str], dict[str, float]] = {}
    for unit in units:
        cdcs0, workers0, member_share = BASE_SIZE[unit]
        rng = _rng("trend", unit)
        growth = rng.uniform(-0.005, 0.025)  # per half-year
        female_share = rng.uniform(0.38, 0.62) if not unit.startswith("cd-") else rng.uniform(0.55, 0.75)
        for step, period in enumerate(PERIODS):
            noise = _rng("stock", unit, period.code)
            factor = (1 + growth) ** step
            cdcs = round(cdcs0 * factor * noise.uniform(0.99, 1.01))
            workers = round(workers0 * factor * noise.uniform(0.99, 1.01))
            members = min(workers, round(workers * member_share * noise.uniform(0.995, 1.005)))
            truth[(unit, period.code)] = {
                "cdcs": cdcs,
                "workers": workers,
                "members": members,
                "workers_female": round(workers * female_share),
                "members_female": round(members * female_share * 0.99),
                "collective_agreements": round(cdcs * 0.35),
            }
    _impose_stock_anchors(truth, registry)
    for unit in units:
        for period in PERIODS:
            if period.period_type == "FY":
                _fill_flows(truth, unit, period)
    _impose_flow_anchors(truth, registry)
    for unit in units:
        for period in PERIODS:
            if period.period_type == "FY":
                _fill_ratings(truth[(unit, period.code)], _rng("rating", unit, period.code))
    _impose_rating_anchor(truth, registry)
    _keep_related_flows_consistent(truth)
    bad = truth[MEMBERS_OVER_WORKERS]
    bad["members"] = bad["workers"] + 37
    _add_merged_unit(truth)
    return truth


def _add_merged_unit(truth: dict[tuple[str, str], dict[str, float]]) -> None:
    """The unit formed by a merge reports the sum of its predecessors (lineage.csv)."""
    successor, predecessors = MERGE
    for period in PERIODS:
        parts = [truth[(unit, period.code)] for unit in predecessors]
        truth[(successor, period.code)] = {
            indicator: sum(part[indicator] for part in parts) for indicator in parts[0]
        }


def _fill_flows(truth: dict, unit: str, fy: Period) -> None:
    """Write a year's flows (FY) and the half-year part of them (H1)."""
    stocks = truth[(unit, fy.code)]
    year_rng = _rng("flow", unit, fy.code)
    full: dict[str, float] = {}
    for indicator, rate in FLOW_RATES.items():
        base = stocks["cdcs"] if indicator in PER_CDCS else stocks["members"]
        value = base * rate * year_rng.uniform(0.75, 1.25)
        full[indicator] = value
    if unit == "cd-khu-kinh-te" and fy.year in (2021, 2023):
        full["work_stoppages"] = 1
    full["party_admitted"] = min(full["party_admitted"], full["party_referrals"])
    full["trainings"] = max(1, full["trainings"])
    full["cultural_participants"] = max(full["cultural_participants"], full["cultural_events"] * 4)
    full["trainees"] = max(full["trainees"], full["trainings"] * 15)
    h1_share = {indicator: year_rng.uniform(0.4, 0.6) for indicator in full}
    h1 = truth[(unit, f"{fy.year}-H1")]
    fy_values = truth[(unit, fy.code)]
    for indicator, value in full.items():
        money = indicator in ("funds_raised", "kpcd_collected", "dues_collected")
        step = 100_000 if money else 1
        fy_values[indicator] = round(value / step) * step
        h1[indicator] = min(fy_values[indicator], round(value * h1_share[indicator] / step) * step)
    for indicator, (items, price) in MONEY_PER_ITEM.items():
        fy_values[indicator] = round(fy_values[items] * price * year_rng.uniform(0.9, 1.1) / 50_000) * 50_000
        share = h1[items] / fy_values[items] if fy_values[items] else 0
        h1[indicator] = round(fy_values[indicator] * share * year_rng.uniform(0.85, 1.0) / 50_000) * 50_000


def _fill_ratings(values: dict[str, float], rng: np.random.Generator) -> None:
    shares = [rng.uniform(0.1, 0.2), rng.uniform(0.7, 0.8), rng.uniform(0.04, 0.08), rng.uniform(0.0, 0.01)]
    for indicator, count in zip(RATINGS, _allocate(int(values["cdcs"]), shares), strict=True):
        values[indicator] = count


def _cluster_units(registry: Registry, cluster: str, period: str) -> list[str]:
    return _clusters_by_year(registry)[(int(period[:4]), cluster)]


def _impose_stock_anchors(truth: dict, registry: Registry) -> None:
    """Scale a cluster's stock series so the anchored period's totals are exact."""
    for (cluster, period), anchor in SEED_ANCHORS.items():
        units = _cluster_units(registry, cluster, period)
        for indicator in ("cdcs", "workers", "members"):
            if indicator not in anchor:
                continue
            current = [truth[(u, period)][indicator] for u in units]
            target = _allocate(anchor[indicator], current)
            for unit, old, new in zip(units, current, target, strict=True):
                for p in PERIODS:
                    values = truth[(unit, p.code)]
                    values[indicator] = new if p.code == period else round(values[indicator] * new / old)
        for unit in units:
            for p in PERIODS:
                values = truth[(unit, p.code)]
                values["members"] = min(values["members"], values["workers"])
                values["members_female"] = min(values["members_female"], values["members"])
                values["collective_agreements"] = round(values["cdcs"] * 0.35)


def _rescale_series(truth: dict, units: list[str], indicator: str, factor: float) -> None:
    """Scale the units' whole series of a flow, so that an anchored period is no spike."""
    money = indicator in ("funds_raised", "kpcd_collected", "dues_collected") or indicator in MONEY_PER_ITEM
    step = 1000 if money else 1
    for unit in units:
        for period in PERIODS:
            values = truth[(unit, period.code)]
            if indicator in values:
                values[indicator] = round(values[indicator] * factor / step) * step


def _impose_flow_anchors(truth: dict, registry: Registry) -> None:
    """Re-split the anchored flows among the cluster's units so the totals are exact."""
    for (cluster, period), anchor in SEED_ANCHORS.items():
        units = _cluster_units(registry, cluster, period)
        fy_code = f"{period[:4]}-FY"
        for indicator, total in anchor.items():
            if indicator in ("cdcs", "workers", "members") or indicator.startswith("rating_"):
                continue
            step = 50_000 if indicator in MONEY_PER_ITEM else (1000 if total >= 10_000_000 else 1)
            _rescale_series(
                truth, units, indicator, total / sum(truth[(u, period)][indicator] for u in units)
            )
            current = [max(1.0, truth[(u, period)][indicator]) for u in units]
            for unit, value in zip(units, _allocate(total, current, step), strict=True):
                truth[(unit, period)][indicator] = value
                h1, fy = truth[(unit, f"{period[:4]}-H1")], truth[(unit, fy_code)]
                if period != fy_code:
                    # Keep the year's figure at least the half-year's.
                    fy[indicator] = max(fy[indicator], round(value * 1.8 / step) * step)
                else:
                    h1[indicator] = min(h1[indicator], value)
        for unit in units:
            for amount, (items, price) in MONEY_PER_ITEM.items():
                if amount in anchor or items not in anchor:
                    continue
                fy, h1 = truth[(unit, fy_code)], truth[(unit, f"{period[:4]}-H1")]
                fy[amount] = round(fy[items] * price / 50_000) * 50_000
                h1[amount] = round(fy[amount] * (h1[items] / fy[items] if fy[items] else 0) / 50_000) * 50_000
            h1 = truth[(unit, f"{period[:4]}-H1")]
            for indicator in anchor:
                if indicator in h1 and indicator not in ("cdcs", "workers", "members"):
                    h1[indicator] = min(h1[indicator], truth[(unit, fy_code)][indicator])
            for values in (truth[(unit, period)], truth[(unit, fy_code)]):
                values["party_admitted"] = min(values["party_admitted"], values["party_referrals"])


def _keep_related_flows_consistent(truth: dict) -> None:
    """Participants outnumber events, trainees outnumber classes (after any rescaling).

    Anchored figures are left exactly as published; H1 stays at most the year's figure.
    """
    anchored = {
        (unit, period, indicator)
        for (cluster, period), anchor in SEED_ANCHORS.items()
        for unit in BASE_SIZE
        for indicator in anchor
    }
    for (unit, period), values in truth.items():
        for count, basis, ratio in (
            ("cultural_participants", "cultural_events", 6),
            ("trainees", "trainings", 15),
        ):
            if count in values and (unit, period, count) not in anchored:
                values[count] = max(values[count], values[basis] * ratio)
    for (unit, period), values in truth.items():
        if period.endswith("-FY") and (unit, period.replace("FY", "H1")) in truth:
            h1 = truth[(unit, period.replace("FY", "H1"))]
            for count in ("cultural_participants", "trainees"):
                if count in h1 and h1[count] > values[count]:
                    values[count] = h1[count]


def _impose_rating_anchor(truth: dict, registry: Registry) -> None:
    """Split the anchored rating counts so each unit's ratings add up to its CĐCS."""
    for (cluster, period), anchor in SEED_ANCHORS.items():
        if "rating_excellent" not in anchor:
            continue
        units = _cluster_units(registry, cluster, period)
        remaining = {indicator: anchor[indicator] for indicator in RATINGS}
        left_cdcs = sum(truth[(u, period)]["cdcs"] for u in units)
        for position, unit in enumerate(units):
            values = truth[(unit, period)]
            if position == len(units) - 1:
                for indicator in RATINGS:
                    values[indicator] = remaining[indicator]
                break
            weights = [remaining[i] / left_cdcs if left_cdcs else 0 for i in RATINGS]
            counts = _allocate(int(values["cdcs"]), [w + 1e-9 for w in weights])
            for indicator, count in zip(RATINGS, counts, strict=True):
                count = min(count, remaining[indicator])
                values[indicator] = count
            shortfall = int(values["cdcs"]) - sum(values[i] for i in RATINGS)
            values["rating_good"] += shortfall
            for indicator in RATINGS:
                remaining[indicator] -= values[indicator]
            left_cdcs -= values["cdcs"]
        assert all(v >= 0 for v in remaining.values()), "rating anchor cannot be split"


# ---------------------------------------------------------------------------------------
# Writing the forms


def _label(registry: Registry, indicator: str, style: Style, rng: np.random.Generator) -> str:
    row = registry.indicators.set_index("code").loc[indicator]
    choices = [row["label_vi"], *[a for a in row["aliases"].split("|") if a]]
    text = str(choices[int(rng.integers(len(choices)))])
    if style.label_case == "upper":
        text = text.upper()
    elif style.label_case == "nfd":
        text = unicodedata.normalize("NFD", text)
    return text


def _count_cell(value: float, style: Style, rng: np.random.Generator) -> object:
    value = int(value)
    if style.counts == "vn_text" and value >= 1000:
        return f"{value:,}".replace(",", ".")
    if style.counts == "space_text" and value >= 1000:
        separator = "\u00a0" if rng.random() < 0.5 else " "
        return f"{value:,}".replace(",", separator)
    if style.counts == "us_text" and value >= 1000:
        return f"{value:,}"
    if style.counts == "noise" and value >= 100:
        return value + (1e-7 if rng.random() < 0.5 else -1e-7)
    return value


def _vn_decimal(number: float) -> str:
    text = f"{number:,.4f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


_AMBIGUOUS = re.compile(r"^\d{1,3}[.,]\d{3}(?: \w+)?$")


def _money_cell(value: float, style: Style) -> tuple[object, str]:
    """Return (cell content, measure column text) for an amount in đồng.

    Where the unit's style would give a text both conventions read differently
    ("117,188 triệu"), the office writes the full amount in đồng instead, as careful
    offices do; the readers' handling of such ambiguity is tested with fixtures.
    """
    cell, measure = _money_in_style(int(value), style)
    if isinstance(cell, str) and _AMBIGUOUS.match(cell):
        return f"{int(value):,}".replace(",", ".") + "đ", "đồng"
    return cell, measure


def _money_in_style(value: int, style: Style) -> tuple[object, str]:
    if style.money == "dong":
        return value, "đồng"
    if style.money == "dong_text":
        return f"{value:,}".replace(",", ".") + "đ", "đồng"
    if style.money == "trieu":
        return value / 1_000_000, "triệu đồng"
    if style.money == "trieu_text":
        return _vn_decimal(value / 1_000_000), "Tr.đ"
    if style.money == "nghin":
        return value // 1000, "nghìn đồng"
    if value >= 1_000_000_000:
        return f"{_vn_decimal(value / 1_000_000_000)} tỷ", "đồng"
    return f"{_vn_decimal(value / 1_000_000)} triệu", "VNĐ"


def _title_lines(unit: str, period: Period, number: int) -> tuple[list[str], str]:
    if period.period_type == "H1":
        title = f"Kết quả hoạt động công đoàn 6 tháng đầu năm {period.year}"
        cut_off = f"(Tính đến 31/5/{period.year})"
    else:
        title = f"Số liệu tổng kết hoạt động công đoàn năm {period.year}"
        cut_off = f"(Tính đến 30/11/{period.year})"
    return ["BÁO CÁO", title, cut_off], f"Số: {number}/BC-LĐLĐ"


def _filename(style: Style, unit: str, period: Period) -> str:
    short = ("6T" if period.period_type == "H1" else "Nam") + str(period.year)
    words = ("6 thang " if period.period_type == "H1" else "nam ") + str(period.year)
    ascii_name = "".join(part.capitalize() for part in unit.split("-"))
    return style.filename.format(
        period_short=short, period_words=words, period_code=period.code.replace("-", "_"), ascii=ascii_name
    )


def build_form(
    registry: Registry,
    unit: str,
    period: Period,
    values: dict[str, float],
    prior: dict[str, float] | None,
    *,
    style: Style | None = None,
    org_line: str | None = None,
) -> list[SheetSpec]:
    """Lay out one unit's report for ``period`` as sheets, in that unit's style.

    ``style`` and ``org_line`` default to the sample unit's own; the benchmark corpus
    passes them for its synthetic units.
    """
    style = style or UNIT_STYLES[unit]
    rng = _rng("form", unit, period.code)
    sheet = SheetSpec(style.sheet_name)
    c0 = style.first_col
    sheet.column_widths = {c0: 6, c0 + 1: 55, c0 + 2: 14, c0 + 3: 14, c0 + 4: 14, c0 + 5: 14}
    row = 0
    sheet.put(row, c0, "LIÊN ĐOÀN LAO ĐỘNG TỈNH KON TUM")
    sheet.put(row, c0 + 3, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    row += 1
    sheet.put(row, c0, org_line or ORG_LINE[unit])
    sheet.put(row, c0 + 3, "Độc lập - Tự do - Hạnh phúc")
    row += 1
    titles, number_line = _title_lines(unit, period, int(rng.integers(10, 120)))
    sheet.put(row, c0, number_line)
    month = 6 if period.period_type == "H1" else 12
    place = PLACE.get(unit, "Kon Tum")
    sheet.put(row, c0 + 3, f"{place}, ngày {int(rng.integers(3, 15)):02d} tháng {month} năm {period.year}")
    row += 2
    for line in titles:
        sheet.put(row, c0 + 1, line)
        row += 1
    row += style.top_lines
    if style.top_lines >= 2:
        sheet.put(row - 1, c0 + 1, "Đơn vị tính theo cột ĐVT; số liệu lấy từ báo cáo của các CĐCS.")
    prior_values = prior or {}
    two_rows = style.layout in ("two_columns", "prior_first")
    headers = ["TT", "Nội dung", "Đơn vị tính"]
    for offset, text in enumerate(headers):
        sheet.put(row, c0 + offset, text)
        if two_rows:
            sheet.merge(row, c0 + offset, row + 1, c0 + offset)
    if style.layout == "single":
        value_col, prior_col, note_col = c0 + 3, None, c0 + 4
        sheet.put(row, value_col, "Số lượng")
    elif style.layout == "with_plan":
        sheet.put(row, c0 + 3, "Kế hoạch năm")
        value_col, prior_col, note_col = c0 + 4, None, c0 + 5
        sheet.put(row, value_col, "Thực hiện")
    else:
        sheet.put(row, c0 + 3, "Số liệu")
        sheet.merge(row, c0 + 3, row, c0 + 4)
        first, second = ("Kỳ báo cáo", "Cùng kỳ năm trước")
        if style.layout == "prior_first":
            first, second = second, first
            value_col, prior_col = c0 + 4, c0 + 3
        else:
            value_col, prior_col = c0 + 3, c0 + 4
        sheet.put(row + 1, c0 + 3, first)
        sheet.put(row + 1, c0 + 4, second)
        note_col = c0 + 5
    sheet.put(row, note_col, "Ghi chú")
    if two_rows:
        sheet.merge(row, note_col, row + 1, note_col)
        row += 1
    row += 1
    if style.numbering == "paren":
        for offset, text in enumerate(["(1)", "(2)", "(3)", "(4)"]):
            sheet.put(row, c0 + offset, text)
        row += 1
    template = TEMPLATE_2019 if period.year < 2021 else TEMPLATE_2021
    sections = list(template)
    if period.period_type == "FY":
        sections.append(("XẾP LOẠI CÔNG ĐOÀN CƠ SỞ", RATINGS))
    rating_cells: list[str] = []
    cdcs_cell: tuple[int, int] | None = None
    for number, (heading, indicators) in enumerate(sections):
        sheet.put(row, c0, ROMAN[number])
        sheet.put(row, c0 + 1, heading)
        row += 1
        item = 0
        previous = ""
        for indicator in indicators:
            if indicator.startswith("?"):
                item += 1
                sheet.put(row, c0, str(item))
                sheet.put(row, c0 + 1, indicator[1:])
                sheet.put(row, c0 + 2, "cuộc")
                sheet.put(row, value_col, int(rng.integers(1, 12)))
                row += 1
                continue
            if indicator not in values:
                continue
            info = registry.indicator_info[indicator]
            female_row = indicator.endswith("_female") and previous == indicator.removesuffix("_female")
            if female_row and style.female_rows == "trong_do":
                label, tt = "Trong đó: nữ", "-"
            else:
                item += 1
                label = _label(registry, indicator, style, rng)
                tt = str(item) if style.numbering != "none" else ""
                if style.numbering == "none":
                    label = f"{item}. {label}"
            sheet.put(row, c0, tt)
            sheet.put(row, c0 + 1, label)
            value = values[indicator]
            if info["money"]:
                cell, measure = _money_cell(value, style)
                prior_cell = (
                    _money_cell(prior_values[indicator], style)[0] if indicator in prior_values else None
                )
            else:
                measure = str(info["measure"])
                if value == 0 and style.dash_for_zero and indicator in ("work_stoppages", "cdcs_dissolved"):
                    cell = "-" if rng.random() < 0.5 else "x"
                else:
                    cell = _count_cell(value, style, rng)
                prior_cell = int(prior_values[indicator]) if indicator in prior_values else None
            sheet.put(row, c0 + 2, measure)
            sheet.put(row, value_col, cell)
            if prior_col is not None and prior_cell is not None:
                sheet.put(row, prior_col, prior_cell)
            if style.layout == "with_plan" and not info["money"] and info["kind"] == "flow":
                sheet.put(row, c0 + 3, round(value * 1.05))
            if indicator == "cdcs":
                cdcs_cell = (row, value_col)
            if indicator in RATINGS:
                rating_cells.append(a1(row, value_col))
            previous = indicator
            row += 1
    if (
        style.writer == "xlsxwriter"
        and cdcs_cell
        and len(rating_cells) == 4
        and isinstance(sheet.cells.get(cdcs_cell), int)
    ):
        # Offices often make the CĐCS total a formula over the rating rows.
        sheet.cells[cdcs_cell] = Formula(f"SUM({rating_cells[0]}:{rating_cells[-1]})", float(values["cdcs"]))
    row += 1
    sheet.put(row, c0 + 1, "Nơi nhận:")
    sheet.put(row, c0 + 3, "TM. BAN THƯỜNG VỤ")
    sheet.put(row + 1, c0 + 1, "- LĐLĐ tỉnh (b/c);")
    sheet.put(row + 1, c0 + 3, "CHỦ TỊCH")
    sheet.put(row + 2, c0 + 1, "- Lưu VT.")
    sheet.put(row + 5, c0 + 3, "(đã ký)")
    sheets = [sheet]
    if unit in DETAIL_UNITS and period.year >= DETAIL_FROM_YEAR:
        sheets.append(build_detail_sheet(unit, period, values))
    if style.extra_sheet:
        extra = SheetSpec(style.extra_sheet)
        extra.put(0, 0, "Hướng dẫn: điền số liệu vào cột Số lượng; không sửa tên chỉ tiêu.")
        sheets.insert(0, extra)
    return sheets


_CDCS_KINDS = (
    "Trường Mầm non",
    "Trường Tiểu học",
    "Trường THCS",
    "UBND xã",
    "Trạm Y tế xã",
    "Công ty TNHH",
    "Hạt Kiểm lâm",
    "Chi nhánh Ngân hàng",
    "Ban Quản lý dự án",
    "Phòng Giáo dục",
)
_RATING_WORDS = {
    "rating_excellent": "Xuất sắc",
    "rating_good": "Tốt",
    "rating_completed": "Hoàn thành",
    "rating_failed": "Không hoàn thành",
}


def _split_capped(total: int, weights: list[float], caps: list[int]) -> list[int]:
    """Split ``total`` by ``weights`` with no share above its cap (sum(caps) >= total)."""
    shares = _allocate(total, weights)
    for _ in range(len(shares) * 2):
        excess = sum(max(0, s - c) for s, c in zip(shares, caps, strict=True))
        if not excess:
            break
        shares = [min(s, c) for s, c in zip(shares, caps, strict=True)]
        room = [c - s for s, c in zip(shares, caps, strict=True)]
        for index, extra in enumerate(_allocate(excess, [r + 1e-9 for r in room])):
            shares[index] += extra
    return shares


def build_detail_sheet(unit: str, period: Period, values: dict[str, float]) -> SheetSpec:
    """The CĐCS list a unit attaches: one row per grassroots union, a "Tổng cộng" row.

    The rows add up exactly to the form's totals, except in the deliberately inconsistent
    submission (:data:`INCONSISTENT_DETAIL`).
    """
    rng = _rng("detail", unit, period.code)
    count = int(values["cdcs"])
    weights = list(rng.lognormal(0, 0.7, count))
    workers = _split_capped(int(values["workers"]), weights, [10**6] * count)
    members = _split_capped(int(values["members"]), weights, workers)
    female = _split_capped(int(values["members_female"]), [m + 1e-9 for m in members], members)
    ratings: list[str] = []
    if period.period_type == "FY":
        for code, word in _RATING_WORDS.items():
            ratings += [word] * int(values.get(code, 0))
        rng.shuffle(ratings)
    if (unit, period.code) == INCONSISTENT_DETAIL:
        roomiest = int(np.argmax(np.array(members) - np.array(female)))
        female[roomiest] += INCONSISTENT_DETAIL_EXTRA_FEMALE
    sheet = SheetSpec("Danh sách CĐCS")
    sheet.column_widths = {0: 5, 1: 40, 2: 12, 3: 12, 4: 12, 5: 16}
    sheet.put(0, 0, "DANH SÁCH CÔNG ĐOÀN CƠ SỞ TRỰC THUỘC")
    sheet.put(1, 0, f"(Kèm theo báo cáo {period.label_vi})")
    for col, text in enumerate(["TT", "Tên công đoàn cơ sở", "Số CNVCLĐ"]):
        sheet.put(3, col, text)
        sheet.merge(3, col, 4, col)
    sheet.put(3, 3, "Đoàn viên")
    sheet.merge(3, 3, 3, 4)
    sheet.put(4, 3, "Tổng số")
    sheet.put(4, 4, "Nữ")
    sheet.put(3, 5, "Xếp loại")
    sheet.merge(3, 5, 4, 5)
    for index in range(count):
        row = 5 + index
        kind = _CDCS_KINDS[int(rng.integers(len(_CDCS_KINDS)))]
        sheet.put(row, 0, index + 1)
        sheet.put(row, 1, f"CĐCS {kind} số {index + 1}")
        sheet.put(row, 2, workers[index])
        sheet.put(row, 3, members[index])
        sheet.put(row, 4, female[index])
        if ratings:
            sheet.put(row, 5, ratings[index])
    total_row = 5 + count
    sheet.put(total_row, 1, "Tổng cộng")
    sheet.put(total_row, 2, sum(workers))
    sheet.put(total_row, 3, sum(members))
    sheet.put(total_row, 4, sum(female))
    return sheet


def _mtime(period: Period, unit: str, days_late: int = 0) -> float:
    rng = _rng("mtime", unit, period.code)
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
            name = _filename(style, unit, period) + SUFFIX[style.writer]
            if (unit, period.code) == RESUBMITTED:
                wrong = dict(values)
                wrong["members_new"] = values["members_new"] * 10 + 3
                path = write_workbook(
                    period_folder / name, build_form(registry, unit, period, wrong, prior), style.writer
                )
                os.utime(path, (_mtime(period, unit), _mtime(period, unit)))
                written.append(path)
                name = _filename(style, unit, period) + " (bo sung, sua so lieu)" + SUFFIX[style.writer]
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
