"""Charts render every type with every Vietnamese letter; sentences hold only the table's figures."""

from __future__ import annotations

import warnings

import pytest

from unionstats.analyse import analysis, comparison
from unionstats.errors import UsageError
from unionstats.publish import charts, narrative


def render_all(values, registry, folder):
    period = "2020-FY"
    names = analysis.scope_names(registry, 2020)
    coverage = analysis.coverage(values, period, registry)
    figures = {
        "cum_members": charts.cluster_bars(
            analysis.cluster_comparison(values, period, registry), "members", period, registry, coverage
        ),
        "yoy": charts.yoy_bars(
            comparison.compare(values, period, registry, by="cluster"),
            "members_new",
            registry,
            names,
            coverage,
        ),
        "trend": charts.trend_lines(
            analysis.trend(values, ["members", "funds_raised"], registry, by="cluster"),
            ["members", "funds_raised"],
            registry,
            analysis.scope_names(registry, 2024),
            analysis.coverage(values, "2024-FY", registry),
        ),
        "ratings": charts.rating_distribution(
            analysis.totals(values, [period], "cluster"), period, names, registry, coverage
        ),
        "heat": charts.change_heatmap(
            comparison.compare(values, period, registry, by="unit"),
            ["members", "members_new", "visits_amount"],
            registry,
            names,
            coverage,
        ),
    }
    return {name: charts.save(figure, folder, name) for name, figure in figures.items()}


def test_every_chart_type_renders_without_missing_glyphs(sample_values, registry, tmp_path) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        written = render_all(sample_values, registry, tmp_path)
    glyphs = [str(w.message) for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
    assert glyphs == []
    for paths in written.values():
        assert [p.suffix for p in paths] == [".png", ".svg"]
        assert all(p.stat().st_size > 5000 for p in paths)
    svg = (tmp_path / "cum_members.svg").read_text(encoding="utf-8")
    assert "Tổng số đoàn viên công đoàn theo cụm thi đua" in svg  # text kept as text, Vietnamese intact
    assert "7.676" in svg and "Nguồn: báo cáo của 14/14 đơn vị, năm 2020." in svg  # as people say it
    assert "2020-FY" not in svg


def test_rating_chart_refuses_a_half_year(sample_values, registry) -> None:
    with pytest.raises(UsageError):
        charts.rating_distribution(
            analysis.totals(sample_values, ["2020-H1"], "cluster"), "2020-H1", {}, registry, (14, 14)
        )


def test_cluster_paragraph_reproduces_seed_003(sample_values, registry) -> None:
    table = comparison.compare(sample_values, "2020-FY", registry, by="cluster")
    text = narrative.scope_paragraph(table, "cum-2", "Cụm II", "các đơn vị trong cụm", registry.catalogue)
    assert text.startswith(
        "Năm 2020, Cụm II quản lý 288 CĐCS với 7.842 CNVCLĐ và 7.676 đoàn viên công đoàn (tăng "
    )
    for fragment in (
        "thăm hỏi, trợ cấp 341 lượt",
        "với tổng số tiền 295,4 triệu đồng",
        "vận động đóng góp các quỹ được 390,8 triệu đồng",
        "tổ chức 117 hoạt động văn hoá, thể thao với 1.141 lượt người tham gia",
        "48 CĐCS hoàn thành xuất sắc nhiệm vụ, 224 CĐCS hoàn thành tốt nhiệm vụ, "
        "16 CĐCS hoàn thành nhiệm vụ, không có CĐCS không hoàn thành nhiệm vụ",
    ):
        assert fragment in text


def test_sentences_claim_nothing_the_table_does_not_hold(sample_values, registry) -> None:
    table = comparison.compare(sample_values, "2020-FY", registry, by="cluster")
    table = table[table["indicator"].isin(["members", "visits"])]
    text = narrative.scope_paragraph(table, "cum-2", "Cụm 2", "các đơn vị", registry.catalogue)
    assert "CĐCS" not in text and "CNVCLĐ" not in text and "tiền" not in text and "xếp loại" not in text
    assert "7.676 đoàn viên" in text and "341 lượt" in text
    table = table.assign(change_pct=float("nan"))
    assert "so với cùng kỳ" not in narrative.scope_paragraph(
        table, "cum-2", "Cụm 2", "các đơn vị", registry.catalogue
    )


@pytest.mark.parametrize(
    ("change", "phrase"),
    [
        (0.021, "tăng 2,1% so với cùng kỳ"),
        (-0.004, "giảm 0,4% so với cùng kỳ"),
        (0.0, "bằng cùng kỳ"),
        (None, ""),
    ],
)
def test_change_phrases(change, phrase) -> None:
    assert narrative.change_phrase(change) == phrase


def test_period_charts_write_every_chart_with_stable_names(sample_values, registry, tmp_path) -> None:
    written = charts.period_charts(sample_values, "2020-FY", registry, tmp_path)
    assert sorted(written) == [
        "cluster_members",
        "heatmap",
        "ratings",
        "trend",
        "yoy_members",
        "yoy_members_new",
    ]
    assert (tmp_path / "2020-FY_cluster_members.png").is_file()
    half = charts.period_charts(sample_values, "2023-H1", registry, tmp_path, cluster="cum-3")
    assert "ratings" not in half and (tmp_path / "2023-H1_cum-3_heatmap.svg").is_file()


def test_achievement_sentence_says_dat_percent_chi_tieu() -> None:
    import pandas as pd

    table = pd.DataFrame(
        {
            "scope": ["cum-2", "cum-2"],
            "indicator": ["members_new", "funds_raised"],
            "achievement": [1.044, float("nan")],
        }
    )
    assert narrative.achievement_sentence(table, "cum-2") == (
        "Kết quả so với chỉ tiêu giao: kết nạp đoàn viên mới đạt 104,4% chỉ tiêu."
    )
    assert narrative.achievement_sentence(table, "cum-1") == ""


def test_trend_charts_start_counts_at_zero_and_say_periods_as_people_do(sample_values, registry) -> None:
    """A 7% range drawn from 35.000 looks like a collapse: counts start at zero; the axis says
    "2019" and "6T/2020", not "2019-FY"; money is in "tỷ đồng" on the axis."""
    series = analysis.totals(sample_values, ["2019-FY", "2020-H1", "2020-FY"], "province")
    figure = charts.trend_lines(series, ["members", "visits_amount"], registry, {}, (14, 14))
    members, money = figure.axes[:2]
    assert members.get_ylim()[0] == 0 and money.get_ylim()[0] == 0
    assert [t.get_text() for t in members.get_xticklabels()] == ["2019", "6T/2020", "2020"]
    figure.canvas.draw()
    assert money.get_ylabel() == "tỷ đồng" or money.get_ylabel() == "triệu đồng"
    assert all("tỷ" not in t.get_text() for t in money.get_yticklabels())  # the unit is on the axis
