"""Store -> the content of a period brief (bản tin kỳ): tables, sentences, figures.

Everything a reader of the brief sees is computed here, once, into a :class:`Brief`, where
tests check it. The brief notebook (``notebooks/10_ban_tin_ky.ipynb``) only displays it,
and every output format (:mod:`unionstats.publish.formats`) writes from the same object,
so that the HTML, the workbook and any later format hold the same figures.
"""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pandas as pd

from unionstats.analyse import analysis, comparison
from unionstats.check.reports import report_only_units
from unionstats.errors import UsageError
from unionstats.formatting import fmt_number
from unionstats.periods import parse_code, period_order
from unionstats.publish import narrative
from unionstats.publish.brief import APPENDIX, Brief
from unionstats.publish.charts import period_charts
from unionstats.reference import Registry, load_organisation, load_registry, load_scoring, load_targets
from unionstats.store import read_findings, read_manifest, read_values

KEY_FIGURES = (  # the indicators of the brief's "Số liệu chính" table, in its order
    "cdcs",
    "workers",
    "members",
    "members_female",
    "members_new",
    "cdcs_new",
    "visits",
    "visits_amount",
    "funds_raised",
    "gifts",
    "gifts_children",
    "houses",
    "cultural_events",
    "cultural_participants",
    "initiatives",
    "trainings",
    "party_referrals",
    "party_admitted",
)


def _scope_title(registry: Registry, period: str, cluster: str | None) -> str:
    label = parse_code(period).label_vi
    if cluster:
        name = analysis.cluster_names(registry, parse_code(period).year).get(cluster, cluster)
        return f"Bản tin {label}: {name}"
    return f"Bản tin {label}: toàn tỉnh"


def check_brief_request(values: pd.DataFrame, registry: Registry, period: str, cluster: str | None) -> None:
    """Raise :class:`UsageError` listing valid periods / clusters for an unknown one."""
    periods = sorted(set(values["period"]), key=period_order)
    if period not in periods:
        raise UsageError(
            f"Không có số liệu kỳ {period}. Các kỳ có số liệu: {', '.join(periods)}.", code="unknown_period"
        )
    if cluster:
        year = parse_code(period).year
        clusters = sorted(
            set(registry.clusters[registry.clusters["year"].astype(int) == year]["cluster_code"])
        )
        if cluster not in clusters:
            raise UsageError(
                f"Không có cụm '{cluster}' trong năm {year}. Các cụm: {', '.join(clusters)}.",
                code="unknown_cluster",
            )


def build_brief(
    processed: Path, reference: Path, period: str, cluster: str | None = None, figures_dir: Path | None = None
) -> Brief:
    """Compute the whole content of the brief for ``period`` (and one ``cluster``)."""
    registry = load_registry(reference)
    values = read_values(processed)
    check_brief_request(values, registry, period, cluster)
    current = parse_code(period)
    names = analysis.scope_names(registry, current.year)
    mine = values if not cluster else analysis.restrict_to_cluster(values, registry, cluster, period)
    scope = cluster or analysis.PROVINCE
    by = "cluster" if not cluster else "unit"

    completeness = _completeness(values, registry, period, cluster)
    yoy = comparison.compare(mine, period, registry, by="province" if not cluster else "cluster")
    yoy = yoy.assign(scope=scope) if not cluster else yoy
    key = _key_figures(yoy, scope, registry)
    compared = _comparison_table(mine, values, period, registry, cluster, names)
    ranking, leaders = _ranking(values, period, registry, reference, cluster, names)
    paragraph = _paragraph(yoy, mine, period, registry, reference, cluster, names)
    tables = {
        "Số liệu chính": key,
        "So sánh" if cluster else "So sánh cụm": compared,
        "Xếp hạng": _ranking_table(ranking, names),
        "Tình hình nộp báo cáo": completeness,
        "Điểm cần lưu ý": _notable(processed, mine, period, registry, by, names),
        APPENDIX: _sources(mine, period, registry),
    }
    if current.period_type == "FY":
        tables["Xếp loại CĐCS"] = _ratings(mine, period, by, names, registry)
    figures: dict[str, Path] = {}
    if figures_dir is not None:
        figures = {
            kind: paths[0]
            for kind, paths in period_charts(values, period, registry, Path(figures_dir), cluster).items()
        }
    completeness_text = _completeness_text(processed, completeness, mine, period, registry)
    leaders = [s for s in leaders if s]
    return Brief(
        period=period,
        cluster=cluster,
        title=_scope_title(registry, period, cluster),
        produced=date.today().strftime("%d/%m/%Y"),
        completeness_text=completeness_text,
        narrative=paragraph,
        leaders=leaders,
        tables=tables,
        key_points=narrative.key_points(key, completeness_text, leaders, tables["Điểm cần lưu ý"]),
        ranking_method=narrative.ranking_method(load_scoring(reference), period),
        figures=figures,
        money_labels=frozenset(i.label for i in registry.catalogue.values() if i.money),
        point_labels=frozenset(r.label for r in registry.derived.values() if r.measure == "%"),
        organisation=load_organisation(reference) if (Path(reference) / "organisation.csv").is_file() else {},
        comparison_note=narrative.nothing_to_compare(yoy, period),
    )


def _completeness_text(processed: Path, completeness: pd.DataFrame, mine, period: str, registry) -> str:
    """Who reported, who did not, and who sent only a Word report (its figures read from text)."""
    submitted = int(completeness["Đã nộp"].sum())
    missing = list(completeness[~completeness["Đã nộp"]]["Đơn vị"])
    only = report_only_units(read_manifest(processed))
    mine_units = set(mine["unit_code"])
    text_only = [
        registry.unit_names.get(unit, unit)
        for unit in only[only["period"] == period]["unit"]
        if unit in mine_units
    ]
    return narrative.completeness_sentence(submitted, len(completeness), missing, period, text_only)


def _ranking(values, period, registry, reference, cluster, names) -> tuple[pd.DataFrame, list[str]]:
    """The emulation ranking (of one cluster, or of every cluster) and its leading sentences."""
    targets = load_targets(reference) if parse_code(period).period_type == "FY" else None
    ranking = analysis.ranking(values, period, registry, load_scoring(reference), targets)
    if cluster:
        ranking = ranking[ranking["cluster_code"] == cluster]
    leaders = [
        narrative.leading_sentence(ranking, c, names.get(c, c), period)
        for c in sorted(ranking["cluster_code"].unique())
    ]
    return ranking, leaders


def _paragraph(yoy, mine, period, registry, reference, cluster, names) -> str:
    """The brief's paragraph: figures against last year, and against targets in a year."""
    scope = cluster or analysis.PROVINCE
    subject = "các đơn vị trong cụm" if cluster else "các cấp công đoàn trong tỉnh"
    paragraph = narrative.scope_paragraph(
        yoy, scope, names.get(scope, scope) if cluster else "toàn tỉnh", subject, registry.catalogue
    )
    if parse_code(period).period_type == "FY":
        done = analysis.achievement(
            mine, load_targets(reference), period, "cluster" if cluster else "province"
        )
        paragraph = " ".join(p for p in (paragraph, narrative.achievement_sentence(done, scope)) if p)
    return paragraph


def _completeness(values, registry, period, cluster) -> pd.DataFrame:
    current = parse_code(period)
    expected = registry.expected_units(current)
    if cluster:
        expected = [u for u in expected if registry.cluster_of(u, current.year) == cluster]
    reported = values[values["period"] == period].groupby("unit_code")
    rows = []
    for unit in expected:
        has = unit in reported.groups
        rows.append(
            {
                "Đơn vị": registry.unit_names[unit],
                "Cụm": analysis.cluster_names(registry, current.year).get(
                    registry.cluster_of(unit, current.year), ""
                ),
                "Đã nộp": has,
                "Số chỉ tiêu": len(reported.get_group(unit)) if has else 0,
                "Tệp": reported.get_group(unit)["source_file"].iloc[0] if has else "",
            }
        )
    return pd.DataFrame(rows)


def _key_figures(yoy: pd.DataFrame, scope: str, registry: Registry) -> pd.DataFrame:
    rows = yoy[(yoy["scope"] == scope) & yoy["indicator"].isin(KEY_FIGURES)].set_index("indicator")
    table = []
    for indicator in KEY_FIGURES:
        if indicator not in rows.index:
            continue
        row = rows.loc[indicator]
        spec = registry.catalogue[indicator]
        table.append(
            {
                "Chỉ tiêu": spec.label,
                "Đơn vị tính": spec.measure,
                "Kỳ này": row["value"],
                "Cùng kỳ năm trước (cùng đơn vị)": row["base_value"],
                "Kỳ này (cùng đơn vị)": row["matched_value"],
                "Thay đổi": row["change"],
                "Tỷ lệ thay đổi": row["change_pct"],
                "Ghi chú": _like_for_like_note(row),
                "Mã": indicator,
            }
        )
    frame = pd.DataFrame(table)
    if not frame.empty and frame["Kỳ này (cùng đơn vị)"].equals(frame["Kỳ này"]):
        # every unit reported in both years: the same-unit figures are this period's figures
        frame = frame.drop(columns="Kỳ này (cùng đơn vị)").rename(
            columns={"Cùng kỳ năm trước (cùng đơn vị)": "Cùng kỳ năm trước"}
        )
    return frame


def _like_for_like_note(row: pd.Series) -> str:
    """What a change leaves out, said next to it ("so sánh trên cùng đơn vị; không tính …");
    nothing when there is no change at all (no unit has last year's figure: the section says so)."""
    excluded = str(row.get("excluded", "") or "")
    return f"So sánh trên cùng đơn vị; {excluded}" if excluded and pd.notna(row.get("change")) else ""


def _comparison_table(mine, values, period, registry, cluster, names) -> pd.DataFrame:
    indicators = ["cdcs", "workers", "members", "members_new", "visits_amount", "funds_raised"]
    if cluster:
        totals = analysis.to_wide(analysis.totals(mine, [period], "unit")).droplevel("period")
        wide = analysis.rates(totals, registry)
        wide.insert(0, "Đơn vị", [names.get(u, u) for u in wide.index])
    else:
        wide = analysis.cluster_comparison(values, period, registry, indicators).set_index("cluster_code")
        wide.insert(0, "Cụm", wide.pop("cluster_name"))
    columns = [
        c
        for c in ["Đơn vị", "Cụm", *indicators, "members_share", "unionisation", "members_new_per_1000"]
        if c in wide
    ]
    table = wide[columns].reset_index(drop=True)
    total = analysis.to_wide(analysis.totals(mine, [period], "province")).droplevel("period")
    total = total.join(analysis.scope_rates(mine, period, "province", registry))
    total.insert(0, "Đơn vị" if cluster else "Cụm", "Toàn cụm" if cluster else "Toàn tỉnh")
    if "members_share" in columns:
        total["members_share"] = 1.0
    table = pd.concat([table, total.reindex(columns=columns)], ignore_index=True)
    labels = registry.catalogue.labels()
    labels |= {"members_share": "Tỷ trọng đoàn viên trong tỉnh"}
    labels |= {code: ratio.label for code, ratio in registry.derived.items()}
    return table.rename(columns=labels)


def _ranking_table(ranking: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    table = ranking[["cluster_code", "unit_name", "score", "rank", "leading"]].copy()
    table["cluster_code"] = table["cluster_code"].map(lambda c: names.get(c, c))
    table["leading"] = table["leading"].map({True: "Dẫn đầu", False: ""})
    table["rank"] = table["rank"].astype(int)
    return table.rename(
        columns={
            "cluster_code": "Cụm",
            "unit_name": "Đơn vị",
            "score": "Điểm",
            "rank": "Hạng",
            "leading": "Ghi chú",
        }
    )


def _ratings(mine, period, by, names, registry: Registry) -> pd.DataFrame:
    ratings = {i.code: i.display_label for i in registry.catalogue.ratings}
    data = analysis.totals(mine, [period], by)
    data = data[data["indicator"].isin(ratings)]
    wide = data.pivot_table(index="scope", columns="indicator", values="value").reindex(columns=list(ratings))
    wide = wide.fillna(0)
    wide.insert(0, "Tổng số CĐCS được xếp loại", wide.sum(axis=1))
    wide = wide.rename(columns=ratings)
    wide.insert(0, "Phạm vi", [names.get(s, s) for s in wide.index])
    return wide.reset_index(drop=True)


def _notable(processed, mine, period, registry, by, names) -> pd.DataFrame:
    findings = read_findings(processed)
    units = set(mine["unit_code"])
    chosen = findings[
        (findings["period"] == period)
        & findings["severity"].isin(["error", "warning"])
        & (findings["unit"].isin(units) | (findings["unit"] == ""))
    ]
    rows = [
        {
            "Loại": {"error": "Lỗi", "warning": "Cảnh báo"}[f.severity],
            "Đơn vị": names.get(f.unit, f.unit),
            "Nội dung": f.message,
            "Nơi": " ".join(p for p in (f.file, f.sheet, f.cell) if p),
        }
        for f in chosen.itertuples()
    ]
    changes = comparison.compare(
        mine, period, registry, by="unit", indicators=["members", "members_new", "visits"]
    )
    big = changes[changes["change_pct"].abs() >= 0.15].copy()
    big = big.reindex(big["change_pct"].abs().sort_values(ascending=False).index).head(6)
    for row in big.itertuples():
        label = registry.catalogue.label(row.indicator)
        rows.append(
            {
                "Loại": "Biến động lớn",
                "Đơn vị": names.get(row.scope, row.scope),
                "Nội dung": f"{label}: {narrative.change_phrase(row.change_pct)} "
                f"({fmt_number(row.base_value)} → {fmt_number(row.value)}).",
                "Nơi": "",
            }
        )
    return pd.DataFrame(rows, columns=["Loại", "Đơn vị", "Nội dung", "Nơi"])


def _sources(mine, period, registry) -> pd.DataFrame:
    rows = mine[(mine["period"] == period) & mine["indicator"].isin(KEY_FIGURES)]
    rows = rows.sort_values(["indicator", "unit_code"])
    labels = registry.catalogue.labels()
    return pd.DataFrame(
        {
            "Chỉ tiêu": rows["indicator"].map(labels),
            "Đơn vị": rows["unit_name"],
            "Giá trị": rows["value"],
            "Tệp": rows["source_file"],
            "Sheet": rows["sheet"],
            "Ô": rows["cell"],
            "Nội dung gốc": rows["raw"],
        }
    ).reset_index(drop=True)


def save_brief(content: Brief, path: Path) -> Path:
    """Keep a built brief for the notebook that displays it (same environment, same run)."""
    Path(path).write_bytes(pickle.dumps(content))
    return Path(path)


def open_brief(
    period: str,
    cluster: str | None = None,
    *,
    processed_dir: str | Path | None = None,
    reference_dir: str | Path | None = None,
    figures_dir: str | Path | None = None,
    content_file: str | Path | None = None,
) -> Brief:
    """The brief notebook's one call: the brief the renderer built, or a new one.

    Run by :mod:`unionstats.publish.render`, the notebook gets ``content_file`` and shows
    exactly the content every output format writes; opened by hand in JupyterLab it builds
    the brief from the project's store.
    """
    if content_file:
        return pickle.loads(Path(content_file).read_bytes())  # written by save_brief in this run
    from unionstats.config import paths

    defaults = paths()
    return build_brief(
        Path(processed_dir or defaults.processed),
        Path(reference_dir or defaults.reference),
        period,
        cluster,
        Path(figures_dir or defaults.figures),
    )
