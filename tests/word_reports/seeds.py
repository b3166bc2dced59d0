"""The published articles of ``../shared/seeds`` (copied here, so that the project stands on its
own) as Word reports, with the levels each states. The articles are news items, not reports:
their unit comes from the file name, as it would for a report sent without a header."""

from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parent / "seeds"

EXPECTED = {
    # seed 000: the provincial federation's own office; no figure of the catalogue
    "000": {"file": "2021-H1/LDLD tinh co quan so ket.docx", "expected": {}},
    # seed 001: Quảng Trị's standing committee; no figure of the catalogue
    "001": {"file": "2020-H1/LDLD Quang Tri so ket.docx", "expected": {}},
    # seed 002: Cụm thi đua số 3, 6 tháng đầu năm 2022
    "002": {
        "file": "2022-H1/CD Vien chuc tinh - cum 3.docx",
        "expected": {
            "funds_raised": 3_500_000_000,
            "gifts": 5200,
            "gifts_children": 6800,
            "cultural_events": 5100,
            "initiatives": 644,
            "trainings": 5,
            "members_new": 1946,
            "cdcs_new": 16,
            "party_referrals": 225,
            "party_admitted": 116,
        },
        "approximate": ["funds_raised", "gifts", "cultural_events"],
    },
    # seed 003: Cụm II, năm 2020 (the figures the sample's cum-2 reproduces)
    "003": {
        "file": "2020-FY/Ngoc Hoi - cum II tong ket.docx",
        "expected": {
            "cdcs": 288,
            "workers": 7842,
            "members": 7676,
            "visits": 341,
            "visits_amount": 295_000_000,
            "cultural_events": 117,
            "cultural_participants": 1141,
            "rating_excellent": 48,
            "rating_good": 224,
            "rating_completed": 16,
        },
        "approximate": ["visits_amount"],
        "unclear": ["390.777.00"],  # a malformed amount: a finding, never a value
    },
    # seed 004: LĐLĐ tỉnh An Giang's working sessions; anniversaries and plans, no level
    "004": {"file": "2020-FY/An Giang lam viec khoi thi dua.docx", "expected": {}},
}


def seed_report(number: str) -> dict:
    """A seed as a report dict of ``held_out.REPORTS``'s shape (no header: an article)."""
    text = next(SEEDS.glob(f"{number}_*.txt")).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    return {**EXPECTED[number], "header": [], "title": [], "paragraphs": lines}
