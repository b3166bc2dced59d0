"""Store -> findings and completeness: everything doubtful in the figures, in Vietnamese.

Checks, each a function returning findings (``stage = "validate"``) located at the cell
the figure came from:

* :func:`check_rules`: the rules of ``rules.csv`` (see :mod:`unionstats.rules`);
* :func:`check_h1_above_fy`: a half-year flow larger than the same year's full-year flow;
* :func:`check_stock_jumps`: a stock that jumps against the unit's own history (modified
  z-score of the period-over-period change, with floors so that 2 -> 5 is no alarm);
* :func:`check_peer_ratios`: members/workers and female shares far from the other units;
* :func:`check_details`: CĐCS lists whose sums differ from the form's totals;
* :func:`completeness`: who was expected, who submitted (and when), who left what blank.

Thresholds are reference data (``thresholds.csv``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from unionstats.findings import Finding, findings_frame
from unionstats.formatting import fmt_number, fmt_percent
from unionstats.periods import parse_code, period_order
from unionstats.reference import Registry, read_reference_csv
from unionstats.rules import Rule, load_rules, violations
from unionstats.store import (
    read_details,
    read_findings,
    read_manifest,
    read_values,
    write_csv,
)

KEY = ["unit_code", "period"]
RATIOS = {  # name: (numerator, denominator, Vietnamese label)
    "unionisation": ("members", "workers", "tỷ lệ đoàn viên/CNVCLĐ"),
    "female_members": ("members_female", "members", "tỷ lệ đoàn viên nữ"),
}
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
COMPLETENESS_COLUMNS = (
    "period",
    "unit_code",
    "unit_name",
    "cluster_code",
    "expected",
    "submitted",
    "source_file",
    "first_seen",
    "file_modified",
    "n_values",
    "blank_indicators",
)


@dataclass
class Thresholds:
    outlier_z: float = 3.5
    outlier_min_abs_change: float = 20
    outlier_min_rel_change: float = 0.05
    outlier_min_history: int = 4
    peer_ratio_z: float = 3.5

    @classmethod
    def load(cls, path: Path) -> Thresholds:
        frame = read_reference_csv(path, ("name", "value"))
        values = dict(zip(frame["name"], frame["value"], strict=True))
        defaults = cls()
        kwargs = {}
        for name in cls.__dataclass_fields__:
            if name in values:
                kind = type(getattr(defaults, name))
                kwargs[name] = kind(float(values[name]))
        return cls(**kwargs)


def _finding(
    severity: str,
    code: str,
    message: str,
    location: tuple[str, str, str],
    key: tuple[str, str],
    indicator: str,
    rule_id: str = "",
) -> Finding:
    """A validation finding at ``location`` (file, sheet, cell) for ``key`` (unit, period)."""
    return Finding(severity, code, message, *location, *key, indicator, rule_id, "validate")


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
    labels = {code: spec["label_vi"] for code, spec in registry.indicator_info.items()}
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
                    rule.severity,
                    "rule_broken",
                    f"{rule.message_vi}: {detail}.",
                    (file, sheet, cell),
                    (key[0], key[1]),
                    first,
                    rule_id=rule.rule_id,
                )
            )
    return findings


def check_h1_above_fy(numbers: pd.DataFrame, where: pd.DataFrame, registry: Registry) -> list[Finding]:
    """A flow counted over six months cannot exceed the same flow over the whole year."""
    flows = [c for c, s in registry.indicator_info.items() if s["kind"] == "flow" and c in numbers]
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
            label = registry.indicator_info[indicator]["label_vi"]
            findings.append(
                _finding(
                    "error",
                    "h1_above_fy",
                    f"{label}: 6 tháng đầu năm {year} ({fmt_number(h1.at[(unit, year), indicator])}, "
                    f"{h1_cell[0]} ô {h1_cell[2]}) lớn hơn cả năm "
                    f"({fmt_number(fy.at[(unit, year), indicator])}, ô {cell}); "
                    "số cả năm phải gồm cả 6 tháng đầu.",
                    (file, sheet, cell),
                    (unit, f"{year}-FY"),
                    indicator,
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
    stocks = [
        c
        for c, s in registry.indicator_info.items()
        if s["kind"] == "stock" and not s["fy_only"] and c in numbers
    ]
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
                        "warning",
                        "stock_jump",
                        f"{registry.indicator_info[indicator]['label_vi']} {verb} "
                        f"{fmt_percent(abs(change[period]))} so với kỳ {series.index[position - 1]} "
                        f"({fmt_number(before)} → {fmt_number(series[period])}), khác thường so với lịch sử "
                        f"của đơn vị (điểm z hiệu chỉnh {fmt_number(scores[period], 1)}); đề nghị kiểm tra.",
                        (file, sheet, cell),
                        (unit, period),
                        indicator,
                    )
                )
    return findings


def check_peer_ratios(numbers: pd.DataFrame, where: pd.DataFrame, limits: Thresholds) -> list[Finding]:
    findings = []
    for name, (top, bottom, label) in RATIOS.items():
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
                        "info",
                        f"ratio_far_from_peers_{name}",
                        f"{label.capitalize()} là {fmt_percent(group[key])}, khác xa các đơn vị khác cùng kỳ "
                        f"(trung vị {fmt_percent(median)}); kiểm tra lại nếu không có lý do riêng.",
                        (file, sheet, cell),
                        (key[0], key[1]),
                        top,
                    )
                )
    return findings


def check_details(details: pd.DataFrame, values: pd.DataFrame, registry: Registry) -> list[Finding]:
    """The sums of each CĐCS list against the totals its own form reports."""
    findings = []
    if details.empty:
        return findings
    labels = {code: spec["label_vi"] for code, spec in registry.indicator_info.items()}
    for source, rows in details.groupby("source_file"):
        form = values[values["source_file"] == source].set_index("indicator")
        listed = rows[~rows["indicator"].str.startswith("total_")]
        totals = rows[rows["indicator"].str.startswith("total_")].set_index("indicator")
        sums = listed.groupby("indicator")["value"].sum()
        has_ratings = listed["indicator"].str.startswith("rating_").any()
        unit, period = rows["unit_code"].iloc[0], rows["period"].iloc[0]
        for indicator in DETAIL_CHECKED:
            if indicator not in form.index:
                continue
            if indicator.startswith("rating_") and not has_ratings:
                continue
            if indicator not in sums.index and not indicator.startswith("rating_"):
                continue
            listed_sum = float(sums.get(indicator, 0.0))
            reported = float(form.at[indicator, "value"])
            if np.isclose(listed_sum, reported):
                continue
            column = listed[listed["indicator"] == indicator]
            total_key = f"total_{indicator}"
            if total_key in totals.index:
                detail_place = f"ô {totals.at[total_key, 'cell']} (dòng Tổng cộng)"
            elif len(column):
                detail_place = f"các ô {column['cell'].iloc[0]}:{column['cell'].iloc[-1]}"
            else:
                detail_place = "danh sách"
            sheet = rows["sheet"].iloc[0]
            findings.append(
                _finding(
                    "error",
                    "detail_mismatch",
                    f"{labels[indicator]}: danh sách CĐCS (sheet '{sheet}', {detail_place}) cộng được "
                    f"{fmt_number(listed_sum)} nhưng biểu báo cáo (sheet '{form.at[indicator, 'sheet']}', ô "
                    f"{form.at[indicator, 'cell']}) ghi {fmt_number(reported)}; đề nghị đơn vị đối chiếu.",
                    (source, str(form.at[indicator, "sheet"]), str(form.at[indicator, "cell"])),
                    (unit, period),
                    indicator,
                )
            )
        for total_key, total in totals.iterrows():
            indicator = total_key.removeprefix("total_")
            if indicator in sums.index and not np.isclose(sums[indicator], total["value"]):
                findings.append(
                    _finding(
                        "warning",
                        "detail_total_mismatch",
                        f"{labels.get(indicator, indicator)}: dòng Tổng cộng (ô {total['cell']}) ghi "
                        f"{fmt_number(total['value'])} nhưng cộng các dòng được "
                        f"{fmt_number(sums[indicator])}.",
                        (source, total["sheet"], total["cell"]),
                        (unit, period),
                        indicator,
                    )
                )
    return findings


def completeness(
    manifest: pd.DataFrame, values: pd.DataFrame, ingest_findings: pd.DataFrame, registry: Registry
) -> tuple[pd.DataFrame, list[Finding]]:
    """One row per period and expected unit: submitted or not, when, and what was left blank.

    Periods are those for which at least one unit submitted.
    """
    current = manifest[manifest["status"] == "ingested"]
    seen = manifest[manifest["status"].isin(["ingested", "superseded"])]
    first_seen = seen.groupby(["unit", "period"])["first_seen"].min()
    blanks = ingest_findings[ingest_findings["code"] == "value_blank"]
    blank_lists = blanks.groupby(["file"])["indicator"].apply(lambda s: "|".join(sorted(set(s))))
    periods = sorted(set(current["period"]) - {""}, key=period_order)
    rows, findings = [], []
    for period_code in periods:
        period = parse_code(period_code)
        for unit in registry.expected_units(period):
            mine = current[(current["unit"] == unit) & (current["period"] == period_code)]
            submitted = len(mine) > 0
            source = mine["path"].iloc[0] if submitted else ""
            rows.append(
                {
                    "period": period_code,
                    "unit_code": unit,
                    "unit_name": registry.unit_names[unit],
                    "cluster_code": registry.cluster_of(unit, period.year),
                    "expected": True,
                    "submitted": submitted,
                    "source_file": source,
                    "first_seen": first_seen.get((unit, period_code), "")[:10] if submitted else "",
                    "file_modified": mine["modified"].iloc[0][:10] if submitted else "",
                    "n_values": int(mine["n_values"].iloc[0]) if submitted else 0,
                    "blank_indicators": blank_lists.get(source, "") if submitted else "",
                }
            )
            if not submitted:
                findings.append(
                    Finding(
                        "error",
                        "missing_submission",
                        f"{registry.unit_names[unit]} chưa nộp báo cáo kỳ {period_code} "
                        f"({period.label_vi}); đề nghị đôn đốc đơn vị.",
                        unit=unit,
                        period=period_code,
                        stage="validate",
                    )
                )
    frame = pd.DataFrame(rows, columns=list(COMPLETENESS_COLUMNS))
    return frame, findings


def completeness_rates(table: pd.DataFrame) -> pd.DataFrame:
    """Submitted / expected per period, for each cluster and the province ("13/14 đơn vị")."""
    if table.empty:
        return pd.DataFrame(columns=["period", "scope", "submitted", "expected", "label"])
    by_cluster = table.groupby(["period", "cluster_code"])["submitted"].agg(["sum", "size"]).reset_index()
    by_cluster = by_cluster.rename(columns={"cluster_code": "scope"})
    province = table.groupby("period")["submitted"].agg(["sum", "size"]).reset_index()
    province["scope"] = "tỉnh"
    rates = pd.concat([province, by_cluster], ignore_index=True)
    rates = rates.rename(columns={"sum": "submitted", "size": "expected"})
    rates["label"] = (
        rates["submitted"].astype(int).astype(str) + "/" + rates["expected"].astype(str) + " đơn vị"
    )
    return rates[["period", "scope", "submitted", "expected", "label"]]


@dataclass
class ValidationResult:
    findings: pd.DataFrame
    completeness: pd.DataFrame

    @property
    def has_errors(self) -> bool:
        return bool((self.findings["severity"] == "error").any())


def validate(processed: Path, reference: Path, registry: Registry) -> ValidationResult:
    """Run every check on the store at ``processed``; write findings.csv and completeness.csv."""
    processed, reference = Path(processed), Path(reference)
    values = read_values(processed)
    manifest = read_manifest(processed)
    previous = read_findings(processed)
    ingest_findings = previous[previous["stage"] != "validate"]
    rules, findings = load_rules(reference / "rules.csv", registry)
    limits = Thresholds.load(reference / "thresholds.csv")
    if not values.empty:
        numbers, where = wide_table(values)
        findings += check_rules(rules, numbers, where, registry)
        findings += check_h1_above_fy(numbers, where, registry)
        findings += check_stock_jumps(numbers, where, registry, limits)
        findings += check_peer_ratios(numbers, where, limits)
    findings += check_details(read_details(processed), values, registry)
    table, missing = completeness(manifest, values, ingest_findings, registry)
    findings += missing
    combined = pd.concat([ingest_findings, findings_frame(findings)], ignore_index=True)
    order = {"error": 0, "warning": 1, "info": 2}
    combined = (
        combined.assign(_order=combined["severity"].map(order))
        .sort_values(["_order", "period", "file", "cell"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )
    write_csv(combined, processed / "findings.csv")
    write_csv(table, processed / "completeness.csv")
    return ValidationResult(combined, table)
