"""Analysis: figures checked by hand from the sample, and the domain's rules enforced.

"By hand" means recomputed here with plain pandas filters on values.parquet, not through
the function under test.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import REFERENCE

from unionstats.analyse import analysis, comparison
from unionstats.errors import UsageError
from unionstats.reference import load_scoring, load_targets


def hand_sum(
    values: pd.DataFrame,
    period: str,
    indicator: str,
    units: list[str] | None = None,
    cluster: str | None = None,
) -> float:
    rows = values[(values["period"] == period) & (values["indicator"] == indicator)]
    if units is not None:
        rows = rows[rows["unit_code"].isin(units)]
    if cluster is not None:
        rows = rows[rows["cluster_code"] == cluster]
    return float(rows["value"].sum())


def test_totals_are_per_period_and_never_sum_a_stock_across_periods(sample_values) -> None:
    table = analysis.totals(sample_values, ["2019-FY", "2020-FY"], "cluster")
    members = table[(table["indicator"] == "members") & (table["scope"] == "cum-2")]
    assert list(members["period"]) == ["2019-FY", "2020-FY"]
    assert list(members["value"]) == [hand_sum(sample_values, "2019-FY", "members", cluster="cum-2"), 7676]
    assert table.groupby(["period", "scope", "indicator"]).size().max() == 1


def test_seed_totals_through_the_analysis_layer(sample_values, registry) -> None:
    table = analysis.cluster_comparison(sample_values, "2020-FY", registry).set_index("cluster_code")
    assert table.at["cum-2", "members"] == 7676
    assert table.at["cum-2", "workers"] == 7842
    assert table.at["cum-2", "cdcs"] == 288
    assert table.at["cum-2", "unionisation"] == pytest.approx(
        100 * 7676 / 7842
    )  # percent points, as derived.csv says
    province_members = hand_sum(sample_values, "2020-FY", "members")
    assert table.at["cum-2", "members_share"] == pytest.approx(7676 / province_members)
    assert table.at["cum-2", "n_units"] == 5


def test_year_over_year_by_cluster_matches_a_hand_computation(sample_values, registry) -> None:
    table = comparison.compare(sample_values, "2020-FY", registry, by="cluster", indicators=["members"])
    row = table.set_index("scope").loc["cum-2"]
    base = hand_sum(sample_values, "2019-FY", "members", cluster="cum-2")
    assert (row["value"], row["base_period"], row["base_value"]) == (7676, "2019-FY", base)
    assert row["change"] == 7676 - base
    assert row["change_pct"] == pytest.approx((7676 - base) / base)


def test_h2_is_fy_minus_h1_for_flows_only(sample_values, registry) -> None:
    source = analysis.totals(sample_values, ["2021-H1", "2021-FY"], "province")
    h2 = analysis.derive_h2(source, registry).set_index("indicator")
    fy = hand_sum(sample_values, "2021-FY", "members_new")
    h1 = hand_sum(sample_values, "2021-H1", "members_new")
    assert h2.at["members_new", "value"] == fy - h1
    assert h2.at["members_new", "period"] == "2021-H2"
    stocks = set(registry.catalogue.codes(kind="stock"))
    assert not stocks & set(h2.index)  # a level minus a level is not a half-year's count


def test_previous_period_never_compares_a_flow_across_period_types(sample_values, registry) -> None:
    for period in ("2022-H1", "2022-FY"):
        table = comparison.compare(sample_values, period, registry, against="previous")
        for row in table.itertuples():
            kind = registry.catalogue[row.indicator].kind
            if kind == "flow":
                assert row.base_period[5:] in ({"H2"} if period.endswith("H1") else {"FY"}), row
    flows = comparison.compare(
        sample_values, "2022-H1", registry, against="previous", indicators=["members_new"]
    ).iloc[0]
    h2_2021 = hand_sum(sample_values, "2021-FY", "members_new") - hand_sum(
        sample_values, "2021-H1", "members_new"
    )
    assert (flows["base_period"], flows["base_value"]) == ("2021-H2", h2_2021)
    stock = comparison.compare(
        sample_values, "2022-H1", registry, against="previous", indicators=["members"]
    ).iloc[0]
    assert stock["base_period"] == "2021-FY"  # a level compared with the previous cut-off date


def test_year_over_year_across_the_merge_is_like_for_like(sample_values, registry) -> None:
    table = comparison.compare(sample_values, "2023-FY", registry, by="unit", indicators=["members"])
    row = table.set_index("scope").loc["cd-vien-chuc-y-te"]
    predecessors = hand_sum(sample_values, "2022-FY", "members", units=["cd-vien-chuc", "cd-y-te"])
    assert row["base_value"] == predecessors
    assert row["value"] == hand_sum(sample_values, "2023-FY", "members", units=["cd-vien-chuc-y-te"])
    assert abs(row["change_pct"]) < 0.05  # no fake jump from nothing to a whole union
    cluster = comparison.compare(sample_values, "2023-FY", registry, by="cluster", indicators=["members"])
    cum3 = cluster.set_index("scope").loc["cum-3"]
    assert cum3["base_value"] == hand_sum(sample_values, "2022-FY", "members", cluster="cum-3")


def test_a_unit_that_has_not_submitted_is_not_counted_as_a_fall(sample_values, registry) -> None:
    row = comparison.compare(sample_values, "2023-H1", registry, indicators=["members"]).iloc[0]
    reporting = sorted(set(sample_values[sample_values["period"] == "2023-H1"]["unit_code"]))
    assert "kon-plong" not in reporting
    restated = analysis.restate_units(sample_values, registry, analysis.parse_code("2023-H1"))
    assert row["base_value"] == hand_sum(restated, "2022-H1", "members", units=reporting)
    unmatched = comparison.compare(sample_values, "2023-H1", registry, indicators=["members"], matched=False)
    assert unmatched.iloc[0]["base_value"] > row["base_value"]


def test_rates_and_target_achievement(sample_values, registry) -> None:
    targets = load_targets(REFERENCE)
    done = analysis.achievement(sample_values, targets, "2020-FY", "cluster").set_index(
        ["scope", "indicator"]
    )
    target = targets[
        (targets["year"] == 2020)
        & (targets["indicator"] == "members_new")
        & targets["unit_code"].isin(["dak-to", "ngoc-hoi", "dak-glei", "ia-hdrai", "tu-mo-rong"])
    ]
    actual = hand_sum(sample_values, "2020-FY", "members_new", cluster="cum-2")
    assert done.at[("cum-2", "members_new"), "achievement"] == pytest.approx(actual / target["target"].sum())
    with pytest.raises(UsageError):
        analysis.achievement(sample_values, targets, "2020-H1")
    wide = analysis.rates(
        pd.DataFrame({"members": [900.0], "workers": [1000.0], "members_new": [45.0]}), registry
    )
    assert wide.at[0, "unionisation"] == 90 and wide.at[0, "members_new_per_1000"] == 50


def test_ranking_names_the_leading_unit_of_each_cluster(registry) -> None:
    rows = []
    for unit, members, workers, new, visits in [
        ("dak-to", 950, 1000, 90, 60e6),
        ("ngoc-hoi", 900, 1000, 45, 30e6),
        ("dak-glei", 800, 1000, 20, 10e6),
    ]:
        for indicator, value in [
            ("members", members),
            ("workers", workers),
            ("members_new", new),
            ("visits_amount", visits),
        ]:
            rows.append(
                {
                    "period": "2020-H1",
                    "unit_code": unit,
                    "cluster_code": "cum-2",
                    "indicator": indicator,
                    "value": value,
                }
            )
    values = pd.DataFrame(rows)
    table = analysis.ranking(values, "2020-H1", registry, load_scoring(REFERENCE)).set_index("unit_code")
    # dak-to is best on every criterion: percentile 1 everywhere, so a score of exactly 1
    assert table.at["dak-to", "score"] == 1.0 and table.at["dak-to", "rank"] == 1
    assert table.at["dak-glei", "score"] == pytest.approx(1 / 3)
    assert list(table[table["leading"]].index) == ["dak-to"]


def test_ranking_of_the_sample_has_one_leader_per_cluster(sample_values, registry) -> None:
    table = analysis.ranking(
        sample_values, "2020-FY", registry, load_scoring(REFERENCE), load_targets(REFERENCE)
    )
    assert table.groupby("cluster_code")["leading"].sum().to_dict() == {"cum-1": 1, "cum-2": 1, "cum-3": 1}
    assert {"members_new_achievement", "excellent_share"} <= set(table.columns)  # FY criteria


def test_trend_keeps_flows_to_full_years_and_restates_the_merge(sample_values, registry) -> None:
    series = analysis.trend(sample_values, ["members", "members_new"], registry, by="unit")
    flows = series[series["indicator"] == "members_new"]
    assert set(flows["period"].str[5:]) == {"FY"}
    stocks = series[series["indicator"] == "members"]
    assert {"H1", "FY"} <= set(stocks["period"].str[5:])
    merged = stocks[stocks["scope"] == "cd-vien-chuc-y-te"]
    assert len(merged) == 12  # the whole history, through its predecessors
    assert merged.set_index("period").at["2019-FY", "value"] == hand_sum(
        sample_values, "2019-FY", "members", units=["cd-vien-chuc", "cd-y-te"]
    )


def test_a_cluster_keeps_the_history_of_its_current_units(sample_values, registry) -> None:
    cum3 = analysis.restrict_to_cluster(sample_values, registry, "cum-3", "2023-FY")
    assert {"cd-vien-chuc", "cd-y-te", "cd-vien-chuc-y-te"} <= set(cum3["unit_code"])
    assert not set(cum3["unit_code"]) & {"dak-to", "tp-kon-tum"}


def test_table_and_brief_give_the_same_like_for_like_change_for_every_period(sample_values, registry) -> None:
    from unionstats.publish.tables import question_table

    periods = sorted(set(sample_values["period"]), key=analysis.period_order)
    checked = 0
    for period in periods:
        base = comparison.base_period(period, "last_year", "stock")
        if base not in periods:
            continue
        for by in ("province", "cluster"):
            brief = comparison.compare(
                sample_values, period, registry, by=by, indicators=["members", "visits"]
            )
            table, _ = question_table(sample_values, ["members", "visits"], [base, period], registry, by=by)
            names = analysis.scope_names(registry, int(period[:4]))
            for row in brief.itertuples():
                scope_label = {"province": "Phạm vi", "cluster": "Cụm thi đua"}[by]
                line = table[
                    (table[scope_label] == names.get(row.scope, row.scope)) & (table["Mã"] == row.indicator)
                ]
                assert line[f"% {base}→{period}"].iloc[0] == pytest.approx(row.change_pct), (
                    period,
                    by,
                    row.scope,
                )
                checked += 1
    assert checked > 60


def test_a_unit_missing_from_the_base_is_left_out_of_both_sides_and_named(sample_values, registry) -> None:
    row = comparison.compare(sample_values, "2024-H1", registry, by="cluster", indicators=["members"])
    cum1 = row.set_index("scope").loc["cum-1"]
    restated = analysis.restate_units(sample_values, registry, analysis.parse_code("2024-H1"))
    both = [u for u in set(restated[restated["cluster_code"] == "cum-1"]["unit_code"]) if u != "kon-plong"]
    assert cum1["base_value"] == hand_sum(restated, "2023-H1", "members", units=both)
    assert cum1["matched_value"] == hand_sum(restated, "2024-H1", "members", units=both)
    assert cum1["value"] == hand_sum(restated, "2024-H1", "members", cluster="cum-1")  # the whole total
    assert 0 < cum1["change_pct"] < 0.02 and "Kon Plông" in cum1["excluded"]


def test_a_derived_ratio_is_a_ratio_of_sums_at_every_level(sample_values, registry) -> None:
    from unionstats.analyse.derived import derived_totals

    ratio = registry.derived["female_share"]
    restated = analysis.restate_units(sample_values, registry, analysis.parse_code("2024-FY"))
    by_cluster = derived_totals(restated, ratio, ["2024-FY"], "cluster").set_index("scope")["value"]
    female = hand_sum(restated, "2024-FY", "members_female", cluster="cum-1")
    members = hand_sum(restated, "2024-FY", "members", cluster="cum-1")
    assert by_cluster["cum-1"] == pytest.approx(100 * female / members)
    units = derived_totals(restated, ratio, ["2024-FY"], "unit").set_index("scope")["value"]
    cum1 = set(restated[restated["cluster_code"] == "cum-1"]["unit_code"])
    assert by_cluster["cum-1"] != pytest.approx(units[list(cum1)].mean())  # never a mean of ratios


def test_a_cluster_rate_counts_only_units_that_gave_both_parts(sample_values, registry) -> None:
    period = "2020-FY"
    gap = sample_values[
        ~(
            (sample_values["unit_code"] == "ngoc-hoi")
            & (sample_values["indicator"] == "workers")
            & (sample_values["period"] == period)
        )
    ]
    rates = analysis.scope_rates(gap, period, "cluster", registry)
    cum2 = [u for u in set(gap[gap["cluster_code"] == "cum-2"]["unit_code"]) if u != "ngoc-hoi"]
    members = hand_sum(gap, period, "members", units=cum2)
    workers = hand_sum(gap, period, "workers", units=cum2)
    assert rates.at["cum-2", "unionisation"] == pytest.approx(100 * members / workers)
    table = analysis.cluster_comparison(gap, period, registry).set_index("cluster_code")
    assert table.at["cum-2", "unionisation"] == pytest.approx(100 * members / workers)


def test_a_ratio_is_defined_once_in_derived_csv(sample_values, tmp_path) -> None:
    """Ranking, the brief's comparison and ``table`` read one definition: edit derived.csv and
    all three follow (there was a second copy in the analysis code)."""
    import shutil

    from unionstats.analyse.derived import derived_totals
    from unionstats.reference import load_registry

    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE, folder)
    derived = folder / "derived.csv"
    text = derived.read_text(encoding="utf-8")
    derived.write_text(
        text.replace(
            "unionisation,Tỷ lệ đoàn viên/CNVCLĐ,members,workers,100,%",
            "unionisation,Tỷ lệ thử,members,cdcs,1,%",
        )
        + "members_per_cdcs_test,Đoàn viên mỗi CĐCS (thử),members,cdcs,1,người\n",
        encoding="utf-8",
    )
    edited = load_registry(folder)
    table = analysis.cluster_comparison(sample_values, "2020-FY", edited).set_index("cluster_code")
    assert table.at["cum-2", "unionisation"] == pytest.approx(7676 / 288)
    assert table.at["cum-2", "members_per_cdcs_test"] == pytest.approx(7676 / 288)
    answer = derived_totals(sample_values, edited.derived["unionisation"], ["2020-FY"], "cluster")
    assert answer.set_index("scope").at["cum-2", "value"] == pytest.approx(7676 / 288)
    criteria = analysis.unit_criteria(sample_values, "2020-FY", None, edited)
    assert "members_per_cdcs_test" in criteria
