"""Sample province -> ingest (real CLI, real files) -> the seed articles' figures.

The expected figures are the published ones in shared/seeds: seed 003 (Cụm II, năm 2020)
and seed 002 (Cụm thi đua số 3, 6 tháng đầu năm 2022). "Just over" figures are checked
as the article states them: above the round number, below the next step.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from unionstats.read.cells import read_workbook
from unionstats.store.versions import current_version

SEED_003_CUM_2_2020_FY = {
    "cdcs": 288,
    "workers": 7842,
    "members": 7676,
    "visits": 341,
    "funds_raised": 390_777_000,
    "cultural_events": 117,
    "cultural_participants": 1141,
    "rating_excellent": 48,
    "rating_good": 224,
    "rating_completed": 16,
    "rating_failed": 0,
}
SEED_002_CUM_3_2022_H1 = {
    "members_new": 1946,
    "cdcs_new": 16,
    "party_referrals": 225,
    "party_admitted": 116,
    "initiatives": 644,
    "houses": 16,
    "trainings": 5,
}
SEED_002_JUST_OVER = {  # "trên 3,5 tỉ đồng", "trên 5200 suất", "6800 suất", "hơn 5100 hoạt động"
    "funds_raised": (3_500_000_000, 3_600_000_000),
    "gifts": (5200, 5300),
    "gifts_children": (6800, 6900),
    "cultural_events": (5100, 5200),
}


def cluster_totals(values: pd.DataFrame, cluster: str, period: str) -> pd.Series:
    chosen = values[(values["cluster_code"] == cluster) & (values["period"] == period)]
    return chosen.groupby("indicator")["value"].sum()


def test_seed_003_cum_2_2020_fy_totals_hold(sample_values: pd.DataFrame) -> None:
    totals = cluster_totals(sample_values, "cum-2", "2020-FY")
    assert {k: totals.get(k, 0) for k in SEED_003_CUM_2_2020_FY} == SEED_003_CUM_2_2020_FY
    assert 295_000_000 < totals["visits_amount"] < 296_000_000  # "trên 295 triệu đồng"
    units = sample_values[
        (sample_values["cluster_code"] == "cum-2") & (sample_values["period"] == "2020-FY")
    ]["unit_code"].unique()
    assert sorted(units) == ["dak-glei", "dak-to", "ia-hdrai", "ngoc-hoi", "tu-mo-rong"]


def test_seed_002_cum_3_2022_h1_totals_hold(sample_values: pd.DataFrame) -> None:
    totals = cluster_totals(sample_values, "cum-3", "2022-H1")
    assert {k: totals[k] for k in SEED_002_CUM_3_2022_H1} == SEED_002_CUM_3_2022_H1
    for indicator, (low, high) in SEED_002_JUST_OVER.items():
        assert low < totals[indicator] < high, indicator


def test_every_value_is_traceable_to_its_cell(sample_values: pd.DataFrame) -> None:
    for column in ("source_file", "sheet", "cell", "raw", "file_sha256", "unit_name", "cluster_code"):
        assert (sample_values[column].str.len() > 0).all(), column


def test_each_cell_reference_opens_to_that_figure(sample_values: pd.DataFrame, sample_raw: Path) -> None:
    from unionstats.read.cells import raw_text

    grids: dict[str, dict] = {}
    for row in sample_values.itertuples(index=False):
        if row.source_file not in grids:
            grids[row.source_file] = {g.name: g for g in read_workbook(sample_raw / row.source_file)}
        grid = grids[row.source_file][row.sheet]
        letters = "".join(ch for ch in row.cell if ch.isalpha())
        number = int(row.cell[len(letters) :])
        col = 0
        for ch in letters:
            col = col * 26 + ord(ch) - 64
        assert raw_text(grid.value(number - 1, col - 1)) == row.raw, (row.source_file, row.cell)


def test_sample_carries_the_deliberate_problems(sample_store: Path, sample_values: pd.DataFrame) -> None:
    manifest = pd.read_csv(
        sample_store / "manifest.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    ingested = manifest[manifest["status"] == "ingested"]
    # kon-plong does not submit for 2023-H1; every other unit and period is there
    per_period = ingested.groupby("period")["unit"].nunique()
    # two sector unions merge from 2023-H1: 14 units before, 13 after; kon-plong misses 2023-H1
    assert per_period.to_dict() == {
        **{f"{y}-{t}": 14 for y in range(2019, 2023) for t in ("H1", "FY")},
        "2023-H1": 12,
        "2023-FY": 13,
        "2024-H1": 13,
        "2024-FY": 13,
    }
    assert "kon-plong" not in set(ingested[ingested["period"] == "2023-H1"]["unit"])
    merged = set(ingested[ingested["period"] >= "2023"]["unit"])
    assert "cd-vien-chuc-y-te" in merged and not merged & {"cd-vien-chuc", "cd-y-te"}
    # sa-thay 2022-FY was resubmitted: the correction is current, the first file history
    superseded = manifest[manifest["status"] == "superseded"]
    assert list(superseded["path"]) == ["2022-FY/SaThay_2022_FY.xlsx"]
    history = pd.read_parquet(current_version(sample_store) / "values_superseded.parquet")
    first = history.set_index("indicator")["value"]
    current = sample_values[
        (sample_values["unit_code"] == "sa-thay") & (sample_values["period"] == "2022-FY")
    ].set_index("indicator")["value"]
    assert first["members_new"] > 5 * current["members_new"]
    # dak-ha 2021-H1 reports more members than workers
    dak_ha = sample_values[
        (sample_values["unit_code"] == "dak-ha") & (sample_values["period"] == "2021-H1")
    ].set_index("indicator")["value"]
    assert dak_ha["members"] > dak_ha["workers"]
    wide = sample_values.pivot_table(index=["unit_code", "period"], columns="indicator", values="value")
    assert int((wide["members"] > wide["workers"]).sum()) == 1


def test_sample_uses_every_writer_and_template(sample_store: Path) -> None:
    manifest = pd.read_csv(sample_store / "manifest.csv", encoding="utf-8-sig", dtype=str)
    suffixes = set(manifest["path"].str.rsplit(".", n=1).str[-1])
    assert {"xlsx", "xls", "ods"} <= suffixes
    assert set(manifest[manifest["status"] == "skipped"]["path"]) == {
        "2020-FY/~$BC_Nam2020_DakTo.xlsx",
        "2020-FY/Cong van gui kem.txt",
        "2022-H1/.DS_Store",
    }


def test_sample_refuses_a_folder_that_is_not_empty(sample_raw: Path) -> None:
    from conftest import run_cli

    result = run_cli("sample", str(sample_raw))
    assert result.returncode == 2
    assert "không trống" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("period", ["2020-H1", "2020-FY", "2021-H1", "2024-FY"])
def test_stocks_drift_only_a_few_percent_a_year(sample_values: pd.DataFrame, period: str) -> None:
    year, kind = period.split("-")
    previous = f"{int(year) - 1}-{kind}"
    now = cluster_totals(sample_values, "cum-1", period)
    before = cluster_totals(sample_values, "cum-1", previous)
    change = abs(now["workers"] / before["workers"] - 1)
    assert change < 0.12
