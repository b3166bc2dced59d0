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

from unionstats.analyse.analysis import kind_of, restate_units, scope_names, totals
from unionstats.analyse.comparison import pair_change
from unionstats.errors import UsageError
from unionstats.formatting import fmt_money, fmt_number, fmt_percent
from unionstats.periods import parse_code, period_order
from unionstats.reference import Registry

SCOPE_HEADER = {"province": "Phạm vi", "cluster": "Cụm thi đua", "unit": "Đơn vị"}


def check_request(
    values: pd.DataFrame, indicators: list[str], periods: list[str], registry: Registry
) -> None:
    """Raise :class:`UsageError` listing the valid choices for an unknown indicator or period."""
    unknown = [i for i in indicators if i not in registry.catalogue]
    if unknown:
        valid = "\n".join(f"  {code:<24} {spec.label}" for code, spec in registry.catalogue.items())
        raise UsageError(
            f"Không có chỉ tiêu {', '.join(unknown)}. Các mã chỉ tiêu hợp lệ:\n{valid}",
            code="unknown_indicator",
        )
    available = sorted(set(values["period"]), key=period_order)
    missing = [p for p in periods if p not in available]
    if missing:
        raise UsageError(
            f"Kho dữ liệu không có kỳ {', '.join(missing)}. Các kỳ có số liệu: {', '.join(available)}.",
            code="unknown_period",
        )


def question_table(
    values: pd.DataFrame, indicators: list[str], periods: list[str], registry: Registry, by: str = "province"
) -> tuple[pd.DataFrame, list[str]]:
    """One row per scope and indicator; a column per period; change columns between periods.

    Returns the table (numbers as numbers) and notes to print under it. Units are restated
    like for like (merged units carry their predecessors' history).
    """
    check_request(values, indicators, periods, registry)
    periods = sorted(dict.fromkeys(periods), key=period_order)
    last = parse_code(periods[-1])
    restated = restate_units(values[values["indicator"].isin(indicators)], registry, last)
    summed = totals(restated, periods, by)
    wide = summed.pivot_table(index=["scope", "indicator"], columns="period", values="value", aggfunc="first")
    wide = wide.reindex(columns=periods)
    changes = {
        (before, after): pair_change(restated, before, after, registry, by).set_index(["scope", "indicator"])
        for before, after in itertools.pairwise(periods)
    }
    names = scope_names(registry, last.year)
    notes: list[str] = []
    rows = []
    for (scope, indicator), figures in wide.iterrows():
        row: dict[str, object] = {
            SCOPE_HEADER[by]: names.get(scope, scope),
            "Chỉ tiêu": registry.catalogue.label(indicator),
            "Mã": indicator,
            "Đơn vị tính": registry.catalogue[indicator].measure,
        }
        for period in periods:
            row[period] = figures[period]
        for (before, after), change in changes.items():
            row.update(_change_columns(change, scope, indicator, before, after, registry, names, notes))
        rows.append(row)
    table = pd.DataFrame(rows)
    counts = restated[restated["period"].isin(periods)].groupby("period")["unit_code"].nunique()
    notes.append("Số đơn vị có số liệu: " + ", ".join(f"{p}: {int(counts.get(p, 0))}" for p in periods) + ".")
    return table, notes


def _change_columns(
    change: pd.DataFrame, scope: str, indicator: str, before: str, after: str, registry, names, notes
) -> dict[str, float]:
    """The change columns of one row, like for like; what was left out goes into ``notes``."""
    label = registry.catalogue.label(indicator)
    comparable = kind_of(indicator, registry) == "stock" or before[5:] == after[5:]
    found = change.loc[(scope, indicator)] if (scope, indicator) in change.index else None
    if not comparable:
        note = f"{label}: không so sánh {before} với {after} (chỉ tiêu phát sinh, khác độ dài kỳ)."
        if note not in notes:
            notes.append(note)
    elif found is not None and found["excluded"]:
        notes.append(f"{names.get(scope, scope)}, {label}, {before}→{after}: {found['excluded']}.")
    usable = comparable and found is not None
    return {
        f"Thay đổi {before}→{after}": found["change"] if usable else np.nan,
        f"% {before}→{after}": found["change_pct"] if usable else np.nan,
    }


def _cell_text(column: str, value: object, money: bool) -> str:
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    if column.startswith("%"):
        return ("+" if value > 0 else "") + fmt_percent(value)
    if column.startswith("Thay đổi"):
        text = fmt_money(abs(value)) if money else fmt_number(abs(value))
        return ("+" if value > 0 else "−" if value < 0 else "") + text
    return fmt_money(value) if money else fmt_number(value)


def render_text(table: pd.DataFrame, notes: list[str]) -> str:
    """An aligned plain-text table (Vietnamese number formats) with its notes."""
    if table.empty:
        return "Không có số liệu."
    shown = table.drop(columns=["Mã"])
    money = (table["Đơn vị tính"] == "đồng").tolist()
    cells = [
        [_cell_text(c, v, m) for c, v in zip(shown.columns, row, strict=True)]
        for row, m in zip(shown.itertuples(index=False), money, strict=True)
    ]
    headers = list(shown.columns)
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    text_columns = {0, 1, 2}

    def line(values: list[str]) -> str:
        return "  ".join(
            v.ljust(w) if i in text_columns else v.rjust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ).rstrip()

    output = [line(headers), "  ".join("-" * w for w in widths)]
    output += [line(r) for r in cells]
    output += ["", *notes] if notes else []
    return "\n".join(output)
