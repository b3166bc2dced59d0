"""Tables -> what a person reads: the ad-hoc question table, in the terminal or as .xlsx.

:func:`question_table` answers "these indicators, these periods, by province, cluster or
unit" with Vietnamese labels and, for several periods, the change between consecutive
ones. A flow is never compared across period types (six months with a year): its change
is left empty and the note says why. :func:`render_text` aligns it for a terminal;
:func:`unionstats.publish.formats.xlsx.write_xlsx` writes it as a clean workbook.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from unionstats import vocabulary
from unionstats.analyse.analysis import kind_of, restate_units, scope_names, totals
from unionstats.analyse.comparison import pair_change
from unionstats.analyse.derived import derived_change, derived_totals
from unionstats.errors import UsageError
from unionstats.formatting import fmt_fixed, fmt_money, fmt_number, fmt_percent
from unionstats.periods import parse_code, period_order
from unionstats.reference import Registry

SCOPE_HEADER = {"province": "Phạm vi", "cluster": "Cụm thi đua", "unit": "Đơn vị"}
SAME_UNITS = "(cùng đơn vị)"  # a figure over the units that reported in both periods compared
RAW_TOTALS = "(tổng thô)"  # --raw: every unit's total, whether or not it reported in both


def check_request(
    values: pd.DataFrame, indicators: list[str], periods: list[str], registry: Registry
) -> None:
    """Raise :class:`UsageError` for an unknown indicator or period, in the one vocabulary's
    words (:mod:`unionstats.vocabulary`): what exists, and what was probably meant."""
    vocabulary.indicators(indicators, registry)
    vocabulary.periods(periods, set(values["period"]))


def select_units(
    restated: pd.DataFrame, registry: Registry, clusters: list[str], units: list[str], year: int
) -> pd.DataFrame:
    """Only the rows of the named clusters (code or name, as of ``year``) and units (code or name)."""
    if clusters:
        restated = restated[restated["cluster_code"].isin(vocabulary.clusters(clusters, registry, year))]
    if units:
        restated = restated[restated["unit_code"].isin(vocabulary.units(units, registry))]
    return restated


def question_table(
    values: pd.DataFrame,
    indicators: list[str],
    periods: list[str],
    registry: Registry,
    by: str = "province",
    *,
    clusters: list[str] = (),
    units: list[str] = (),
    raw: bool = False,
    sort: str | None = None,
) -> tuple[pd.DataFrame, list[str]]:
    """One row per scope and indicator; a column per period; change columns between periods.

    Returns the table (numbers as numbers) and notes to print under it. Units are restated
    (merged units carry their predecessors' history) and every change is like for like
    (:func:`unionstats.analyse.comparison.pair_change`): a unit that reported in only one of
    the two periods is left out of the change and named in the notes. Where that happens the
    table shows both periods over the same units ("2023-FY (cùng đơn vị)"), so that base +
    change = the later figure, beside every unit's totals ("2024-FY (toàn bộ)"). ``raw``
    compares the plain totals instead, labelled "(tổng thô)". ``clusters``/``units`` restrict
    the units; at cluster and unit level a total row ("Tổng cộng") closes each indicator;
    ``sort`` ranks the scopes by the last period's figure (``level``), by the last change
    (``change``) or by its percentage (``pct``), highest first, in a column saying so.
    """
    if sort in ("change", "pct") and len(set(periods)) < 2:
        raise UsageError(
            f"Xếp theo {'mức' if sort == 'change' else '%'} tăng cần hai kỳ: thêm kỳ so sánh, "
            "ví dụ --period 2023-FY 2024-FY.",
            code="usage",
        )
    check_request(values, indicators, periods, registry)
    periods = sorted(dict.fromkeys(periods), key=period_order)
    last = parse_code(periods[-1])
    restated = restate_units(
        values[values["indicator"].isin(needed_codes(indicators, registry))], registry, last
    )
    restated = select_units(restated, registry, list(clusters), list(units), last.year)
    names = scope_names(registry, last.year)
    notes: list[str] = []
    rows = _scope_rows(restated, indicators, periods, registry, by, names, notes, raw)
    if by != "province" and rows:
        total = _scope_rows(restated, indicators, periods, registry, "province", names, notes, raw)
        for row in total:
            row[SCOPE_HEADER["province"]] = "Tổng cộng"
        rows = _ordered(rows, total, indicators, periods, by, sort)
    else:
        rows = _ordered(rows, [], indicators, periods, by, sort=None)
    table = _labelled(pd.DataFrame(rows), periods, raw).rename(
        columns={SCOPE_HEADER["province"]: SCOPE_HEADER[by]}
    )
    if by == "unit" and not table.empty:
        clusters_of = {u: names.get(registry.cluster_of(u, last.year), "") for u in registry.unit_names}
        by_name = {registry.unit_names[u]: clusters_of[u] for u in registry.unit_names}
        table.insert(1, "Cụm", table[SCOPE_HEADER["unit"]].map(by_name).fillna(""))
    return table, notes + _closing_notes(restated, indicators, periods, registry)


def _closing_notes(restated, indicators, periods, registry) -> list[str]:
    """What every question table ends with: the annual-only indicators asked of a half-year,
    and how many units reported in each period."""
    notes = []
    annual = [i for i in indicators if i in registry.catalogue and registry.catalogue[i].fy_only]
    half_years = [p for p in periods if not p.endswith("-FY")]
    if annual and half_years:
        notes.append(
            f"Xếp loại CĐCS chỉ báo cáo ở kỳ cả năm: {', '.join(half_years)} không có số liệu này; "
            "hỏi kỳ cả năm, ví dụ " + half_years[0][:4] + "-FY."
        )
    counts = restated[restated["period"].isin(periods)].groupby("period")["unit_code"].nunique()
    notes.append("Số đơn vị có số liệu: " + ", ".join(f"{p}: {int(counts.get(p, 0))}" for p in periods) + ".")
    return notes


def needed_codes(indicators: list[str], registry: Registry) -> set[str]:
    """The catalogue codes to load: those asked, and the parts of the derived ones."""
    needed = set(indicators)
    for code in indicators:
        if code in registry.derived:
            needed |= {registry.derived[code].numerator, registry.derived[code].denominator}
    return needed


def _summed(restated, indicators, periods, registry, by) -> pd.DataFrame:
    """Totals of the catalogue indicators and ratios of sums of the derived ones."""
    frames = [totals(restated[restated["indicator"].isin(indicators)], periods, by)]
    frames += [
        derived_totals(restated, registry.derived[c], periods, by)
        for c in indicators
        if c in registry.derived
    ]
    return pd.concat([f for f in frames if not f.empty] or frames[:1], ignore_index=True)


def _scope_rows(restated, indicators, periods, registry, by, names, notes, raw) -> list[dict[str, object]]:
    summed = _summed(restated, indicators, periods, registry, by)
    wide = summed.pivot_table(index=["scope", "indicator"], columns="period", values="value", aggfunc="first")
    wide = wide.reindex(columns=periods)
    changes = {
        (before, after): _pair(restated, indicators, before, after, registry, by, raw)
        for before, after in itertools.pairwise(periods)
    }
    rows = []
    for (scope, indicator), figures in wide.iterrows():
        label, measure = registry.describe(indicator)
        row: dict[str, object] = {
            SCOPE_HEADER["province"]: names.get(scope, scope),
            "Chỉ tiêu": label,
            "Mã": indicator,
            "Đơn vị tính": measure,
        }
        for period in periods:
            row[period] = figures[period]
        for (before, after), change in changes.items():
            row.update(_change_columns(change, scope, indicator, before, after, registry, names, notes))
        rows.append(row)
    return rows


def _pair(restated, indicators, before, after, registry, by, raw) -> pd.DataFrame:
    """Like-for-like change (or, with ``raw``, the difference of the plain totals)."""
    ratios = [
        derived_change(restated, registry.derived[code], before, after, by)
        for code in indicators
        if code in registry.derived
    ]
    if not raw:
        plain = pair_change(restated[restated["indicator"].isin(indicators)], before, after, registry, by)
        return pd.concat([plain, *ratios], ignore_index=True).set_index(["scope", "indicator"])
    summed = totals(restated, [before, after], by).pivot_table(
        index=["scope", "indicator"], columns="period", values="value", aggfunc="first"
    )
    summed = summed.reindex(columns=[before, after])
    change = summed[after] - summed[before]
    return pd.DataFrame(
        {"change": change, "change_pct": change / summed[before].where(summed[before] != 0), "excluded": ""}
    )


def rank_column(sort: str, periods: list[str]) -> tuple[str, str]:
    """(the column ranked on, the rank column's header saying what it ranks)."""
    before, last = (periods[-2] if len(periods) > 1 else ""), periods[-1]
    if sort == "change":
        return f"Thay đổi {before}→{last}", f"Hạng (theo mức tăng {before}→{last})"
    if sort == "pct":
        return f"% {before}→{last}", f"Hạng (theo % tăng {before}→{last})"
    return last, f"Hạng (theo {last})"


def _ordered(rows, total, indicators, periods, by, sort) -> list[dict[str, object]]:
    """Rows grouped by indicator in the order asked, each group closed by its total row."""
    ordered = []
    for indicator in indicators:
        group = [r for r in rows if r["Mã"] == indicator]
        if sort:
            key, header = rank_column(sort, periods)
            group.sort(key=lambda r: -(r[key] if pd.notna(r[key]) else -np.inf))
            for rank, row in enumerate(group, start=1):
                row[header] = rank if pd.notna(row[key]) else np.nan
        ordered += group + [r for r in total if r["Mã"] == indicator]
    return ordered


def _labelled(table: pd.DataFrame, periods: list[str], raw: bool) -> pd.DataFrame:
    """Say what each figure is: plain totals "(tổng thô)" with ``raw``; otherwise, where some
    unit is left out of a change, every unit's totals "(toàn bộ)" beside the same-unit
    figures; where none is, the same-unit columns (equal to the totals) are left out."""
    if table.empty:
        return table
    if raw:
        changes = [c for c in table.columns if str(c).startswith(("Thay đổi", "%"))]
        return table.rename(columns={c: f"{c} {RAW_TOTALS}" for c in [*periods, *changes]})
    same = [c for c in table.columns if str(c).endswith(SAME_UNITS)]
    differs = any(not table[column].equals(table[column[: -len(SAME_UNITS)].strip()]) for column in same)
    if not differs:
        return table.drop(columns=same)
    return table.rename(columns={p: f"{p} (toàn bộ)" for p in periods})


def wide_table(
    values: pd.DataFrame,
    indicators: list[str],
    period: str,
    registry: Registry,
    by: str = "unit",
    *,
    clusters: list[str] = (),
    units: list[str] = (),
) -> pd.DataFrame:
    """Scopes × indicators for one period, indicators in the order asked, with a total row."""
    check_request(values, indicators, [period], registry)
    current = parse_code(period)
    restated = restate_units(
        values[values["indicator"].isin(needed_codes(indicators, registry))], registry, current
    )
    restated = select_units(restated, registry, list(clusters), list(units), current.year)
    names = scope_names(registry, current.year)
    summed = _summed(restated, indicators, [period], registry, by)
    grid = summed.pivot_table(index="scope", columns="indicator", values="value").reindex(columns=indicators)
    if by != "province":
        total = _summed(restated, indicators, [period], registry, "province").set_index("indicator")["value"]
        grid.loc["Tổng cộng"] = total.reindex(indicators)
    grid.index = [names.get(s, s) for s in grid.index]
    grid.columns = [registry.describe(i)[0] for i in indicators]
    return grid.rename_axis(SCOPE_HEADER[by]).reset_index()


def _change_columns(
    change: pd.DataFrame, scope: str, indicator: str, before: str, after: str, registry, names, notes
) -> dict[str, float]:
    """The change columns of one row, like for like; what was left out goes into ``notes``."""
    label = registry.describe(indicator)[0]
    comparable = _comparable(indicator, before, after, registry)
    found = change.loc[(scope, indicator)] if (scope, indicator) in change.index else None
    if not comparable:
        note = f"{label}: không so sánh {before} với {after} (chỉ tiêu phát sinh, khác độ dài kỳ)."
        if note not in notes:
            notes.append(note)
    elif found is not None and found["excluded"]:
        notes.append(f"{names.get(scope, scope)}, {label}, {before}→{after}: {found['excluded']}.")
    usable = comparable and found is not None
    figures = {}
    if "base_value" in change:  # like for like: both periods over the same units
        figures[f"{before} {SAME_UNITS}"] = found["base_value"] if usable else np.nan
        figures[f"{after} {SAME_UNITS}"] = found["matched_value"] if usable else np.nan
    return {
        **figures,
        f"Thay đổi {before}→{after}": found["change"] if usable else np.nan,
        f"% {before}→{after}": found["change_pct"] if usable else np.nan,
    }


def _comparable(code: str, before: str, after: str, registry: Registry) -> bool:
    """A flow is never compared across period types; a ratio of stocks, or of two flows, is."""
    if before[5:] == after[5:]:
        return True
    if code in registry.derived:
        ratio = registry.derived[code]
        kinds = {kind_of(ratio.numerator, registry), kind_of(ratio.denominator, registry)}
        return len(kinds) == 1
    return kind_of(code, registry) == "stock"


def _cell_text(column: str, value: object, money: bool, decimals: int = 0) -> str:
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    if column.startswith("%"):
        return ("+" if value > 0 else "") + fmt_percent(value)
    if column.startswith("Thay đổi"):
        text = fmt_money(abs(value)) if money else _plain(abs(value), decimals)
        return ("+" if value > 0 else "-" if value < 0 else "") + text  # the minus Babel writes too
    return fmt_money(value) if money else _plain(value, decimals)


def _decimals(column: str, measure: str, rate_columns: set[str]) -> int:
    """One decimal for rates (%, per 100, per 1.000), none for counts, ranks and money."""
    if column.startswith("Hạng"):
        return 0
    return 1 if column in rate_columns or measure == "%" or "/1" in measure else 0


def _plain(value: float, decimals: int) -> str:
    return fmt_fixed(value, decimals) if decimals else fmt_number(value)


def render_text(
    table: pd.DataFrame,
    notes: list[str],
    money_columns: set[str] = frozenset(),
    rate_columns: set[str] = frozenset(),
) -> str:
    """An aligned plain-text table (Vietnamese number formats) with its notes.

    A row whose "Đơn vị tính" is đồng, or a column in ``money_columns``, is shown as money.
    """
    if table.empty:
        return "\n".join(["Không có số liệu.", *notes])
    shown = table.drop(columns=[c for c in ("Mã",) if c in table])
    measures = table["Đơn vị tính"].tolist() if "Đơn vị tính" in table else [""] * len(table)
    cells = [
        [
            _cell_text(c, v, m == "đồng" or c in money_columns, _decimals(c, m, rate_columns))
            for c, v in zip(shown.columns, row, strict=True)
        ]
        for row, m in zip(shown.itertuples(index=False), measures, strict=True)
    ]
    headers = [str(h) for h in shown.columns]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    text_columns = {
        i for i, c in enumerate(shown.columns) if shown[c].map(lambda v: isinstance(v, str)).all()
    }

    def line(values: list[str]) -> str:
        return "  ".join(
            v.ljust(w) if i in text_columns else v.rjust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ).rstrip()

    output = [line(headers), "  ".join("-" * w for w in widths)]
    output += [line(r) for r in cells]
    output += ["", *notes] if notes else []
    return "\n".join(output)
