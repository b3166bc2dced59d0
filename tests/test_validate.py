"""Validation over the store: across periods, outliers, peers, CĐCS lists, completeness."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES, REFERENCE, run_cli

from unionstats.check.checks import (
    Thresholds,
    check_h1_above_fy,
    check_peer_ratios,
    check_stock_jumps,
    modified_z,
    wide_table,
)
from unionstats.check.validate import completeness_rates, validate
from unionstats.store.ingest import ingest
from unionstats.store.versions import current_version


def store_rows(rows: list[tuple[str, str, str, float]]) -> pd.DataFrame:
    """Values rows (unit, period, indicator, value) with made-up provenance."""
    records = []
    for index, (unit, period, indicator, value) in enumerate(rows):
        records.append(
            {
                "unit_code": unit,
                "period": period,
                "indicator": indicator,
                "value": value,
                "source_file": f"{period}/{unit}.xlsx",
                "sheet": "BC",
                "cell": f"D{10 + index}",
            }
        )
    return pd.DataFrame(records)


def test_h1_flow_above_fy_is_an_error_naming_both_cells(registry) -> None:
    values = store_rows(
        [
            ("dak-to", "2020-H1", "members_new", 90),
            ("dak-to", "2020-FY", "members_new", 80),
            ("dak-to", "2020-H1", "cdcs", 70),
            ("dak-to", "2020-FY", "cdcs", 60),
        ]
    )
    [finding] = check_h1_above_fy(*wide_table(values), registry)  # cdcs is a stock: not compared
    assert (finding.severity, finding.code, finding.indicator) == ("error", "h1_above_fy", "members_new")
    assert finding.cell == "D11" and "2020-H1/dak-to.xlsx ô D10" in finding.message


def history(values: list[float], indicator: str = "members") -> pd.DataFrame:
    periods = [f"{2019 + i // 2}-{'H1' if i % 2 == 0 else 'FY'}" for i in range(len(values))]
    return store_rows([("dak-to", p, indicator, v) for p, v in zip(periods, values, strict=True)])


def test_stock_jump_against_own_history_is_a_warning(registry) -> None:
    values = history([1000, 1010, 1021, 1030, 1042, 1300, 1310, 1322])
    findings = check_stock_jumps(*wide_table(values), registry, Thresholds())
    assert [(f.period, f.code, f.severity) for f in findings] == [("2021-FY", "stock_jump", "warning")]
    assert "tăng" in findings[0].message and "1.042 → 1.300" in findings[0].message


def test_small_counts_do_not_raise_alarms(registry) -> None:
    values = history([2, 2, 2, 2, 5, 5, 5], indicator="cdcs")  # 2 -> 5 is +150% but tiny
    assert check_stock_jumps(*wide_table(values), registry, Thresholds()) == []


def test_steady_history_raises_nothing(registry) -> None:
    values = history([1000, 1012, 1019, 1033, 1040, 1051, 1060, 1072])
    assert check_stock_jumps(*wide_table(values), registry, Thresholds()) == []


def test_ratio_far_from_peers_is_noted(registry) -> None:
    rows = []
    for unit, members in [("a", 97), ("b", 96), ("c", 98), ("d", 97), ("e", 96), ("f", 60)]:
        rows += [(unit, "2020-FY", "members", members), (unit, "2020-FY", "workers", 100)]
    findings = check_peer_ratios(*wide_table(store_rows(rows)), Thresholds(), registry)
    assert [(f.unit, f.code) for f in findings] == [("f", "ratio_far_from_peers_unionisation")]


def test_modified_z_is_robust_to_the_outlier() -> None:
    scores = modified_z(pd.Series([1.0, 1.1, 0.9, 1.0, 10.0]))
    assert scores.iloc[-1] > 3.5 and (scores.iloc[:-1].abs() < 3.5).all()
    # MAD is 0 here: the mean absolute deviation takes its place (scaled by 1.253314)
    assert modified_z(pd.Series([2.0, 2.0, 2.0, 3.0])).iloc[-1] == pytest.approx(1 / (1.253314 * 0.25))
    assert modified_z(pd.Series([4.0, 4.0, 4.0])).tolist() == [0.0, 0.0, 0.0]


@pytest.mark.parametrize("suffix", ["xlsx", "ods"])
def test_cdcs_list_that_differs_from_the_form_is_an_error_naming_both_cells(
    tmp_path, registry, suffix
) -> None:
    raw = tmp_path / "raw" / "2021-FY"
    raw.mkdir(parents=True)
    shutil.copy(FIXTURES / f"cdcs_list_members_differ_from_form.{suffix}", raw / f"DakTo nam 2021.{suffix}")
    ingest(tmp_path / "raw", tmp_path / "out", REFERENCE, workers=1)
    details = pd.read_parquet(current_version(tmp_path / "out") / "cdcs_values.parquet")
    assert details[details["indicator"] == "cdcs"]["value"].sum() == 3
    assert details[details["indicator"] == "rating_good"]["value"].sum() == 2
    result = validate(tmp_path / "out", REFERENCE, registry)
    mismatches = result.findings[result.findings["code"] == "detail_mismatch"]
    assert list(mismatches["indicator"]) == ["members"]
    [message] = mismatches["message"]
    assert "ô D10" in message and "ô D8 (dòng Tổng cộng)" in message  # form cell, list total cell
    assert "60" in message and "57" in message
    assert mismatches["cell"].iloc[0] == "D10"


def validated_sample(sample_store: Path, tmp_path: Path, registry) -> pd.DataFrame:
    store = tmp_path / "processed"
    shutil.copytree(sample_store, store)
    return validate(store, REFERENCE, registry).findings


def test_sample_errors_are_exactly_the_deliberate_problems(sample_store, tmp_path, registry) -> None:
    findings = validated_sample(sample_store, tmp_path, registry)
    errors = findings[findings["severity"] == "error"]
    found = sorted(
        zip(
            errors["code"], errors["unit"], errors["period"], errors["indicator"], errors["cell"], strict=True
        )
    )
    assert [f[:4] for f in found] == [
        ("detail_mismatch", "ngoc-hoi", "2022-FY", "members_female"),
        ("missing_submission", "kon-plong", "2023-H1", ""),
        ("rule_broken", "dak-ha", "2021-H1", "members"),
    ]
    by_code = {f[0]: f for f in found}
    assert by_code["rule_broken"][4] and by_code["detail_mismatch"][4]  # located at a cell
    superseded = findings[findings["code"] == "superseded"]
    assert list(superseded["file"]) == ["2022-FY/SaThay_2022_FY.xlsx"]


def test_a_clean_sample_period_has_no_error(sample_store, tmp_path, registry) -> None:
    findings = validated_sample(sample_store, tmp_path, registry)
    assert findings[(findings["period"] == "2020-FY") & (findings["severity"] == "error")].empty
    assert findings[(findings["period"] == "2022-H1") & (findings["severity"] != "info")].empty


def test_validate_is_idempotent_and_keeps_ingest_findings(sample_store, tmp_path, registry) -> None:
    store = tmp_path / "processed"
    shutil.copytree(sample_store, store)
    ingest_findings = pd.read_csv(store / "findings.csv", encoding="utf-8-sig")
    first = validate(store, REFERENCE, registry).findings
    second = validate(store, REFERENCE, registry).findings
    pd.testing.assert_frame_equal(first, second)
    assert (first["stage"] == "ingest").sum() == len(ingest_findings)


def test_completeness_counts_who_submitted(sample_store, tmp_path, registry) -> None:
    store = tmp_path / "processed"
    shutil.copytree(sample_store, store)
    table = validate(store, REFERENCE, registry).completeness
    assert len(table) == 8 * 14 + 4 * 13  # the merge of 2023-H1 leaves 13 units
    missing = table[~table["submitted"]]
    assert list(zip(missing["unit_code"], missing["period"], strict=True)) == [("kon-plong", "2023-H1")]
    submitted = table[table["submitted"]]
    assert (submitted["first_seen"].str.len() == 10).all()
    assert (submitted["n_values"] > 0).all()
    rates = completeness_rates(table).set_index(["period", "scope"])["label"]
    assert rates[("2023-H1", "tỉnh")] == "12/13 đơn vị"
    assert rates[("2023-H1", "cum-1")] == "4/5 đơn vị"
    assert rates[("2020-FY", "tỉnh")] == "14/14 đơn vị"
    blanks = table[table["blank_indicators"] != ""]
    assert len(blanks) and blanks["blank_indicators"].str.contains("work_stoppages|cdcs_dissolved").all()


def test_validate_command_prints_a_vietnamese_summary(sample_store, tmp_path) -> None:
    store = tmp_path / "processed"
    shutil.copytree(sample_store, store)
    result = run_cli("validate", "--processed", str(store))
    assert result.returncode == 0, result.stderr
    assert "3 lỗi" in result.stdout
    assert "Chưa nộp: Kon Plông (2023-H1)" in result.stdout
    assert run_cli("validate", "--processed", str(store), "--strict").returncode == 1
