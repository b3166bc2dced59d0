"""Validation rules as data: expressions, operators, missing values, malformed rows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import REFERENCE

from unionstats.check.rules import load_rules, parse_expression, violations


def wide(rows: dict[tuple[str, str], dict[str, float]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index = pd.MultiIndex.from_tuples(frame.index, names=["unit_code", "period"])
    return frame


def write_rules(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "rules.csv"
    header = "rule_id,left,operator,right,importance,missing,period_types,message_vi"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def one_rule(tmp_path: Path, registry, line: str):
    rules, problems = load_rules(write_rules(tmp_path, line), registry)
    assert problems == []
    return rules


@pytest.mark.parametrize(
    ("operator", "left", "right", "broken"),
    [
        ("<=", 5, 5, False),
        ("<=", 6, 5, True),
        ("<", 5, 5, True),
        ("==", 5, 5, False),
        ("==", 5, 6, True),
        (">=", 4, 5, True),
        (">", 6, 5, False),
        (">", 5, 5, True),
    ],
)
def test_each_operator_compares_as_written(tmp_path, registry, operator, left, right, broken) -> None:
    [rule] = one_rule(tmp_path, registry, f"T1,members,{operator},workers,high,,,m")
    table = wide({("u", "2020-FY"): {"members": left, "workers": right}})
    assert len(violations(rule, table)) == int(broken)


def test_shipped_rules_catch_members_above_workers(registry) -> None:
    rules, problems = load_rules(REFERENCE / "rules.csv", registry)
    assert problems == []
    table = wide(
        {
            ("a", "2020-FY"): {"members": 120, "workers": 100},
            ("b", "2020-FY"): {"members": 90, "workers": 100},
        }
    )
    [r01] = [r for r in rules if r.rule_id == "R01"]
    broken = violations(r01, table)
    assert list(broken.index) == [("a", "2020-FY")]
    assert broken.iloc[0].tolist() == [120, 100]


def test_ratings_must_add_up_to_cdcs_in_fy_only(registry) -> None:
    rules, _ = load_rules(REFERENCE / "rules.csv", registry)
    [r05] = [r for r in rules if r.rule_id == "R05"]
    ratings = {"rating_excellent": 5, "rating_good": 10, "rating_completed": 2, "rating_failed": 0}
    table = wide(
        {
            ("a", "2020-FY"): {**ratings, "cdcs": 18},
            ("b", "2020-FY"): {**ratings, "cdcs": 17},
            ("c", "2020-H1"): {**ratings, "cdcs": 99},
        }
    )
    assert list(violations(r05, table).index) == [("a", "2020-FY")]


def test_compulsory_pair_needs_both_or_neither(tmp_path, registry) -> None:
    [rule] = one_rule(tmp_path, registry, "P1,visits,compulsory_pair,visits_amount,medium,,,m")
    table = wide(
        {
            ("both", "2020-FY"): {"visits": 3, "visits_amount": 1e6},
            ("neither", "2020-FY"): {"visits": np.nan, "visits_amount": np.nan},
            ("only_count", "2020-FY"): {"visits": 3, "visits_amount": np.nan},
            ("only_money", "2020-FY"): {"visits": np.nan, "visits_amount": 1e6},
        }
    )
    assert sorted(u for u, _ in violations(rule, table).index) == ["only_count", "only_money"]


def test_missing_strategy_skips_or_counts_zero(tmp_path, registry) -> None:
    table = wide({("u", "2020-FY"): {"party_admitted": 3, "party_referrals": np.nan}})
    [skip] = one_rule(tmp_path, registry, "S,party_admitted,<=,party_referrals,high,skip_if_any_missing,,m")
    [never] = one_rule(tmp_path, registry, "N,party_admitted,<=,party_referrals,high,never_skip,,m")
    assert violations(skip, table).empty
    assert len(violations(never, table)) == 1


def test_any_count_applies_to_every_count_indicator(registry) -> None:
    rules, _ = load_rules(REFERENCE / "rules.csv", registry)
    whole = [r for r in rules if r.rule_id == "R10"]
    counts = [c for c, spec in registry.catalogue.items() if spec.whole]
    assert len(whole) == len(counts)
    table = wide({("u", "2020-FY"): {"members": 12.5, "workers": 20, "visits_amount": 1234.5}})
    broken = {r.left.indicators[0] for r in whole if len(violations(r, table))}
    assert broken == {"members"}
    negative = [r for r in rules if r.rule_id == "R09"]
    table = wide({("u", "2020-FY"): {"members": -1, "workers": 0}})
    assert {r.left.indicators[0] for r in negative if len(violations(r, table))} == {"members"}


@pytest.mark.parametrize(
    ("line", "mentions"),
    [
        ("B1,members,=>,workers,high,,,m", "phép so sánh"),
        ("B2,membres,<=,workers,high,,,m", "membres"),
        ("B3,members +,<=,workers,high,,,m", "cú pháp"),
        ("B4,members,<=,workers,urgent,,,m", "importance"),
        ("B5,members,<=,workers,high,sometimes,,m", "missing"),
        ("B6,__import__('os'),<=,workers,high,,,m", "round"),
        ("B7,members.real,<=,workers,high,,,m", "không được hỗ trợ"),
        (",members,<=,workers,high,,,m", "rule_id"),
    ],
)
def test_malformed_rows_are_reported_with_their_line_not_raised(tmp_path, registry, line, mentions) -> None:
    good = "G1,members,<=,workers,high,,,m"
    rules, problems = load_rules(write_rules(tmp_path, good, line), registry)
    assert [r.rule_id for r in rules] == ["G1"]  # the other rules still run
    [problem] = problems
    assert problem.cell == "dòng 3"
    assert mentions in problem.message
    assert problem.severity == "error" and problem.code == "rule_invalid"


def test_expressions_allow_arithmetic_and_round(registry) -> None:
    known = set(registry.catalogue)
    expression = parse_expression("round((members - members_female) / 2) + 1", known)
    assert expression.indicators == ("members", "members_female")
    table = wide({("u", "2020-FY"): {"members": 10, "members_female": 5}})
    assert expression.evaluate(table).iloc[0] == 3


def test_the_readme_example_of_adding_a_rule_works(tmp_path, registry) -> None:
    from conftest import ROOT

    row = next(
        line
        for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| R20 |")
    )
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    rules, problems = load_rules(write_rules(tmp_path, ",".join(cells)), registry)
    assert problems == [] and [r.rule_id for r in rules] == ["R20"]
    table = wide({("u", "2020-FY"): {"trainees": 10, "trainings": 12}})
    assert len(violations(rules[0], table)) == 1
