"""Checks: each a function from the store's figures to findings located at their cells.

* :func:`check_rules`: the rules of ``rules.csv`` (see :mod:`unionstats.check.rules`);
* :func:`check_h1_above_fy`: a half-year flow larger than the same year's full-year flow;
* :func:`check_stock_jumps`: a stock that jumps against the unit's own history (modified
  z-score of the period-over-period change, with floors so that 2 -> 5 is no alarm);
* :func:`check_peer_ratios`: members/workers and female shares far from the other units;
* :func:`check_details`: CĐCS lists whose sums differ from the form's totals.

Thresholds are reference data (``thresholds.csv``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from unionstats.check.rules import Rule, violations
from unionstats.errors import ReferenceDataError
from unionstats.findings import Finding, finding
from unionstats.formatting import fmt_number, fmt_percent
from unionstats.periods import period_order
from unionstats.reference import Registry, read_reference_csv

KEY = ["unit_code", "period"]
# the ratios compared with peers: the finding's name -> the ratio of derived.csv (its parts, its label)
PEER_RATIOS = {"unionisation": "unionisation", "female_members": "female_share"}
REQUIREMENT_VI = {"<=": "không lớn hơn", "<": "nhỏ hơn", "==": "bằng", ">=": "không nhỏ hơn", ">": "lớn hơn"}
DETAIL_CHECKED = (
    "cdcs",
    "workers",
    "members",
    "members_female",
    "workers_female",
    "rating_excellent",
    "rating_good",
    "rating_completed",
    "rating_failed",
)


@dataclass
class Thresholds:
    outlier_z: float = 3.5
    outlier_min_abs_change: float = 20
    outlier_min_rel_change: float = 0.05
    outlier_min_history: int = 4
    peer_ratio_z: float = 3.5
    approximate_tolerance: float = 0.1

    @classmethod
    def load(cls, path: Path) -> Thresholds:
        frame = read_reference_csv(path, ("name", "value"))
        values = dict(zip(frame["name"], frame["value"], strict=True))
        defaults = cls()
        kwargs = {}
        for name in cls.__dataclass_fields__:
            if name in values:
                kind = type(getattr(defaults, name))
                try:
                    number = float(values[name].replace(",", "."))
                    if not math.isfinite(number):
                        raise ValueError
                except ValueError:
                    line = list(frame["name"]).index(name) + 2
                    raise ReferenceDataError(
                        f"thresholds.csv dòng {line}: {name} = '{values[name]}' không phải số (ví dụ 3.5).",
                        file=str(path),
                        cell=f"dòng {line}",
                    ) from None
                kwargs[name] = kind(number)
        return cls(**kwargs)


def _finding(
    code: str,
    location: tuple[str, str, str],
    key: tuple[str, str],
    indicator: str,
    *,
    severity: str | None = None,
    rule_id: str = "",
    **fields: object,
) -> Finding:
    """A validation finding at ``location`` (file, sheet, cell) for ``key`` (unit, period)."""
    file, sheet, cell = location
    unit, period = key
    return finding(
        code,
        severity=severity,
        file=file,
        sheet=sheet,
        cell=cell,
        unit=unit,
        period=period,
        indicator=indicator,
        rule_id=rule_id,
        stage="validate",
        **fields,
    )


def wide_table(values: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pivot values to one row per unit and period: the numbers, and their provenance.

    Returns ``(numbers, where)``; ``where`` holds "file|sheet|cell" per indicator.
    """
    numbers = values.pivot_table(index=KEY, columns="indicator", values="value", aggfunc="first")
    located = values.assign(where=values["source_file"] + "|" + values["sheet"] + "|" + values["cell"])
    where = located.pivot_table(index=KEY, columns="indicator", values="where", aggfunc="first")
    return numbers, where.reindex(index=numbers.index)


def _locate(where: pd.DataFrame, key: tuple[str, str], indicator: str) -> tuple[str, str, str]:
    if indicator in where.columns:
        text = where.at[key, indicator]
        if isinstance(text, str) and text:
            file, sheet, cell = text.split("|")
            return file, sheet, cell
    return "", "", ""


def _cell_of(where: pd.DataFrame, key: tuple[str, str], indicator: str) -> str:
    return _locate(where, key, indicator)[2]


def check_rules(
    rules: list[Rule], numbers: pd.DataFrame, where: pd.DataFrame, registry: Registry
) -> list[Finding]:
    findings = []
    labels = registry.catalogue.labels()
    for rule in rules:
        broken = violations(rule, numbers)
        for key, row in broken.iterrows():
            first = next(
                (c for c in rule.left.indicators if not pd.isna(numbers.at[key, c])), rule.left.indicators[0]
            )
            file, sheet, cell = _locate(where, key, first)
            if rule.operator == "compulsory_pair":
                reported = rule.left if not pd.isna(row["left"]) else rule.right
                other = rule.right if reported is rule.left else rule.left
                detail = f"có {reported.text} nhưng thiếu {other.text}"
            else:
                sides = []
                for expression, value in ((rule.left, row["left"]), (rule.right, row["right"])):
                    cells = [c for c in (_cell_of(where, key, i) for i in expression.indicators) if c]
                    shown = (
                        expression.text
                        if len(expression.indicators) != 1
                        else labels.get(expression.indicators[0], expression.text)
                    )
                    place = f" (ô {', '.join(cells)})" if cells else ""
                    sides.append(f"{shown}{place} = {fmt_number(value, 2)}")
                detail = f"{sides[0]}, {sides[1]} (yêu cầu vế trái {REQUIREMENT_VI[rule.operator]} vế phải)"
            findings.append(
                _finding(
                    "rule_broken",
                    (file, sheet, cell),
                    (key[0], key[1]),
                    first,
                    severity=rule.severity,
                    rule_id=rule.rule_id,
                    rule_message=rule.message_vi,
                    detail=detail,
                )
            )
    return findings


def check_h1_above_fy(numbers: pd.DataFrame, where: pd.DataFrame, registry: Registry) -> list[Finding]:
    """A flow counted over six months cannot exceed the same flow over the whole year."""
    flows = [c for c in registry.catalogue.codes(kind="flow") if c in numbers]
    findings = []
    frame = numbers[flows].reset_index()
    frame["year"] = frame["period"].str[:4]
    frame["type"] = frame["period"].str[5:]
    h1 = frame[frame["type"] == "H1"].set_index(["unit_code", "year"])
    fy = frame[frame["type"] == "FY"].set_index(["unit_code", "year"])
    common = h1.index.intersection(fy.index)
    for indicator in flows:
        above = h1.loc[common, indicator] > fy.loc[common, indicator]
        for unit, year in above[above].index:
            h1_key, fy_key = (unit, f"{year}-H1"), (unit, f"{year}-FY")
            file, sheet, cell = _locate(where, fy_key, indicator)
            h1_cell = _locate(where, h1_key, indicator)
            findings.append(
                _finding(
                    "h1_above_fy",
                    (file, sheet, cell),
                    (unit, f"{year}-FY"),
                    indicator,
                    label=registry.catalogue.label(indicator),
                    year=year,
                    h1=fmt_number(h1.at[(unit, year), indicator]),
                    h1_file=h1_cell[0],
                    h1_cell=h1_cell[2],
                    fy=fmt_number(fy.at[(unit, year), indicator]),
                )
            )
    return findings


def modified_z(values: pd.Series) -> pd.Series:
    """Iglewicz–Hoaglin modified z-score (robust to the outliers it looks for)."""
    median = values.median()
    mad = (values - median).abs().median()
    if mad > 0:
        return 0.6745 * (values - median) / mad
    mean_ad = (values - median).abs().mean()
    if mean_ad > 0:
        return (values - median) / (1.253314 * mean_ad)
    return pd.Series(np.where(values == median, 0.0, np.inf), index=values.index)


def check_stock_jumps(
    numbers: pd.DataFrame, where: pd.DataFrame, registry: Registry, limits: Thresholds
) -> list[Finding]:
    """A stock that jumps against the unit's own history (modified z of the change)."""
    stocks = [c for c in registry.catalogue.codes(kind="stock") if not registry.catalogue[c].fy_only]
    stocks = [c for c in stocks if c in numbers]
    findings = []
    for unit, history in numbers[stocks].groupby(level="unit_code"):
        history = history.droplevel("unit_code")
        history = history.loc[sorted(history.index, key=period_order)]
        for indicator in stocks:
            series = history[indicator].dropna()
            change = series.pct_change().dropna()
            if len(change) < limits.outlier_min_history:
                continue
            scores = modified_z(change)
            absolute = series.diff().dropna()
            flagged = (
                (scores.abs() >= limits.outlier_z)
                & (change.abs() >= limits.outlier_min_rel_change)
                & (absolute.abs() >= limits.outlier_min_abs_change)
            )
            for period in flagged[flagged].index:
                position = list(series.index).index(period)
                before = series.iloc[position - 1]
                file, sheet, cell = _locate(where, (unit, period), indicator)
                verb = "tăng" if change[period] > 0 else "giảm"
                findings.append(
                    _finding(
                        "stock_jump",
                        (file, sheet, cell),
                        (unit, period),
                        indicator,
                        label=registry.catalogue.label(indicator),
                        verb=verb,
                        change=fmt_percent(abs(change[period])),
                        before_period=series.index[position - 1],
                        before=fmt_number(before),
                        after=fmt_number(series[period]),
                        score=fmt_number(scores[period], 1),
                    )
                )
    return findings


def check_peer_ratios(
    numbers: pd.DataFrame, where: pd.DataFrame, limits: Thresholds, registry: Registry
) -> list[Finding]:
    """Members/workers and female shares far from the other units of the same period."""
    findings = []
    for name, code in PEER_RATIOS.items():
        if code not in registry.derived:
            continue
        ratio_spec = registry.derived[code]
        top, bottom, label = ratio_spec.numerator, ratio_spec.denominator, ratio_spec.label
        if top not in numbers or bottom not in numbers:
            continue
        ratio = (numbers[top] / numbers[bottom].replace(0, np.nan)).dropna()
        for _, group in ratio.groupby(level="period"):
            if len(group) < 5:
                continue
            scores = modified_z(group)
            median = group.median()
            for key in scores[scores.abs() >= limits.peer_ratio_z].index:
                file, sheet, cell = _locate(where, key, top)
                findings.append(
                    _finding(
                        f"ratio_far_from_peers_{name}",
                        (file, sheet, cell),
                        (key[0], key[1]),
                        top,
                        ratio_label=label[:1].upper() + label[1:],
                        ratio=fmt_percent(group[key]),
                        median=fmt_percent(median),
                    )
                )
    return findings


def check_details(details: pd.DataFrame, values: pd.DataFrame, registry: Registry) -> list[Finding]:
    """The sums of each CĐCS list against the totals its own form reports."""
    findings: list[Finding] = []
    for source, rows in details.groupby("source_file"):
        form = values[values["source_file"] == source].set_index("indicator")
        findings += _detail_against_form(source, rows, form, registry)
        findings += _detail_against_own_total(source, rows, registry)
    return findings


def _split_totals(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    listed = rows[~rows["indicator"].str.startswith("total_")]
    totals = rows[rows["indicator"].str.startswith("total_")].set_index("indicator")
    return listed, totals, listed.groupby("indicator")["value"].sum()


def _detail_against_form(
    source: str, rows: pd.DataFrame, form: pd.DataFrame, registry: Registry
) -> list[Finding]:
    listed, totals, sums = _split_totals(rows)
    has_ratings = listed["indicator"].str.startswith("rating_").any()
    key = (rows["unit_code"].iloc[0], rows["period"].iloc[0])
    findings = []
    for indicator in DETAIL_CHECKED:
        rating = indicator.startswith("rating_")
        if indicator not in form.index or (rating and not has_ratings):
            continue
        if indicator not in sums.index and not rating:
            continue
        listed_sum, reported = float(sums.get(indicator, 0.0)), float(form.at[indicator, "value"])
        if np.isclose(listed_sum, reported):
            continue
        column = listed[listed["indicator"] == indicator]
        if f"total_{indicator}" in totals.index:
            detail_place = f"ô {totals.at[f'total_{indicator}', 'cell']} (dòng Tổng cộng)"
        elif len(column):
            detail_place = f"các ô {column['cell'].iloc[0]}:{column['cell'].iloc[-1]}"
        else:
            detail_place = "danh sách"
        form_sheet, form_cell = str(form.at[indicator, "sheet"]), str(form.at[indicator, "cell"])
        findings.append(
            _finding(
                "detail_mismatch",
                (source, form_sheet, form_cell),
                key,
                indicator,
                label=registry.catalogue.label(indicator),
                list_sheet=rows["sheet"].iloc[0],
                detail_place=detail_place,
                listed=fmt_number(listed_sum),
                form_sheet=form_sheet,
                form_cell=form_cell,
                reported=fmt_number(reported),
            )
        )
    return findings


def _detail_against_own_total(source: str, rows: pd.DataFrame, registry: Registry) -> list[Finding]:
    _, totals, sums = _split_totals(rows)
    key = (rows["unit_code"].iloc[0], rows["period"].iloc[0])
    findings = []
    for total_key, total in totals.iterrows():
        indicator = total_key.removeprefix("total_")
        if indicator in sums.index and not np.isclose(sums[indicator], total["value"]):
            findings.append(
                _finding(
                    "detail_total_mismatch",
                    (source, total["sheet"], total["cell"]),
                    key,
                    indicator,
                    label=registry.catalogue.label(indicator),
                    total=fmt_number(total["value"]),
                    summed=fmt_number(sums[indicator]),
                )
            )
    return findings
