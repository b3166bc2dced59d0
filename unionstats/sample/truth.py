"""The sample province's true figures: seeded trends, anchored to the published articles.

Fourteen units (ten district federations, four sector unions) in three emulation clusters,
2019-H1 … 2024-FY; two sector unions merge from 2023-H1. Figures are synthetic, drawn
from seeded random trends, except where they are anchored to the published articles
(:data:`SEED_ANCHORS`: the cluster totals of cum-2 in 2020-FY and of cum-3 in 2022-H1 are
reproduced exactly). Everything is generated from ``(unit, period)`` seeds, so the same
call gives the same figures on every machine.
"""

from __future__ import annotations

import zlib

import numpy as np

from unionstats.periods import Period
from unionstats.reference import Registry

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
RATINGS = ["rating_excellent", "rating_good", "rating_completed", "rating_failed"]
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


def seeded_rng(*parts: object) -> np.random.Generator:
    """A random generator seeded from ``parts`` (stable across processes and machines)."""
    return np.random.default_rng(zlib.crc32("|".join(map(str, parts)).encode()))


def allocate(total: int, weights: list[float], step: int = 1) -> list[int]:
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
        rng = seeded_rng("trend", unit)
        growth = rng.uniform(-0.005, 0.025)  # per half-year
        female_share = rng.uniform(0.38, 0.62) if not unit.startswith("cd-") else rng.uniform(0.55, 0.75)
        for step, period in enumerate(PERIODS):
            noise = seeded_rng("stock", unit, period.code)
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
                _fill_ratings(truth[(unit, period.code)], seeded_rng("rating", unit, period.code))
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
    year_rng = seeded_rng("flow", unit, fy.code)
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
    for indicator, count in zip(RATINGS, allocate(int(values["cdcs"]), shares), strict=True):
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
            target = allocate(anchor[indicator], current)
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
            for unit, value in zip(units, allocate(total, current, step), strict=True):
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
            counts = allocate(int(values["cdcs"]), [w + 1e-9 for w in weights])
            for indicator, count in zip(RATINGS, counts, strict=True):
                count = min(count, remaining[indicator])
                values[indicator] = count
            shortfall = int(values["cdcs"]) - sum(values[i] for i in RATINGS)
            values["rating_good"] += shortfall
            for indicator in RATINGS:
                remaining[indicator] -= values[indicator]
            left_cdcs -= values["cdcs"]
        assert all(v >= 0 for v in remaining.values()), "rating anchor cannot be split"
