"""Reading Vietnamese numbers: every convention offices type, and what must stay a finding."""

from __future__ import annotations

import pytest

from unionstats.read.numbers import money_factor, parse_value

COUNT = {"whole": True, "money": False}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7.842", 7842),
        ("7 842", 7842),
        ("7\u00a0842", 7842),
        ("7\u202f842", 7842),
        ("7,842", 7842),  # a head count cannot be fractional, so the comma groups
        ("1,234,567", 1234567),
        (7842.0, 7842),
        (1567.9999999, 1568),
        (1568.0000001, 1568),
        ("0", 0),
        ("341 lượt", 341),
        ("12", 12),
    ],
)
def test_reads_head_counts_in_every_convention(raw: object, expected: float) -> None:
    assert parse_value(raw, measure="người", **COUNT).value == expected


@pytest.mark.parametrize(
    ("raw", "measure", "expected"),
    [
        ("295 triệu", "đồng", 295_000_000),
        ("295 triệu đồng", None, 295_000_000),
        ("3,5 tỷ", "đồng", 3_500_000_000),
        ("3,5 tỉ đồng", "đồng", 3_500_000_000),
        ("295.400.000đ", "đồng", 295_400_000),
        ("295.400.000 VNĐ", None, 295_400_000),
        ("1.234.567,5", "đồng", 1_234_568),
        ("295,4", "triệu đồng", 295_400_000),
        (295.4, "triệu đồng", 295_400_000),
        (295.4, "Tr.đ", 295_400_000),
        (120_000, "nghìn đồng", 120_000_000),
        (1.25, "tỷ đồng", 1_250_000_000),
        ("7,842", "đồng", 7842),  # no fractions of a đồng either
    ],
)
def test_reads_money_into_dong(raw: object, measure: str | None, expected: float) -> None:
    assert parse_value(raw, measure=measure, whole=False, money=True).value == expected


@pytest.mark.parametrize(
    ("raw", "measure", "money", "problem"),
    [
        ("-", "người", False, "value_blank"),
        ("x", "người", False, "value_blank"),
        ("X", "người", False, "value_blank"),
        (None, "người", False, "value_blank"),
        ("1.500", "triệu đồng", True, "value_ambiguous"),  # 1500 triệu or 1,5 triệu?
        ("7,842", "triệu đồng", True, "value_ambiguous"),
        ("12.5", "người", False, "value_ambiguous"),
        ("12,5", "người", False, "value_not_whole"),
        ("khoảng 300", "người", False, "value_approximate"),
        ("trên 295 triệu", "đồng", True, "value_approximate"),
        ("12,5%", "người", False, "value_percent"),
        ("chưa báo cáo", "người", False, "value_not_number"),
        (295, None, True, "value_unit_unknown"),
        ("0,3 tỷ", "triệu đồng", True, "value_unit_conflict"),
        ("5 triệu", "người", False, "value_unit_mismatch"),
        (True, "người", False, "value_not_number"),
    ],
)
def test_doubtful_cells_become_findings_not_numbers(
    raw: object, measure: str | None, money: bool, problem: str
) -> None:
    parsed = parse_value(raw, measure=measure, whole=not money, money=money)
    assert parsed.value is None
    assert parsed.problem == problem
    assert parsed.message_vi  # says in Vietnamese what is wrong


@pytest.mark.parametrize(
    ("measure", "factor"),
    [
        ("đồng", 1),
        ("VNĐ", 1),
        ("đ", 1),
        ("nghìn đồng", 1000),
        ("1000đ", 1000),
        ("triệu đồng", 1_000_000),
        ("Tr.đ", 1_000_000),
        ("tỷ đồng", 1_000_000_000),
        ("tỉ đồng", 1_000_000_000),
        ("người", None),
        ("lượt", None),
        ("", None),
        (None, None),
    ],
)
def test_money_measures_convert_to_dong(measure: str | None, factor: int | None) -> None:
    assert money_factor(measure) == factor


def test_the_direct_readings_of_plain_and_dot_grouped_numbers_agree_with_babel() -> None:
    """The two shapes most cells have are read without Babel, for speed: the readings must be
    Babel's strict ones, digit for digit, leading zeros and every grouping included."""
    import random

    from unionstats.read.numbers import _babel_readings, _readings

    rng = random.Random(1)
    texts = {"0", "000", "0.500", "01.234", "1.050", "1.0500", "10.545.000", "12.34", "1.234,5"}
    for length in range(1, 13):
        for _ in range(100):
            digits = "".join(rng.choice("0123456789") for _ in range(length))
            groups = [digits[max(0, end - 3) : end] for end in range(len(digits), 0, -3)][::-1]
            texts |= {digits, ".".join(groups), ",".join(groups)}
    differing = [text for text in texts if _readings.__wrapped__(text) != _babel_readings(text)]
    assert not differing
