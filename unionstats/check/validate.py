"""Store -> findings.csv and completeness.csv: run every check, list who has not submitted.

:func:`validate` runs the checks of :mod:`unionstats.check.checks` on the store, adds the
completeness table (who was expected, who submitted and when, who left what blank), and
writes both beside the store's other files. Ingest's own findings are kept; validation's
are replaced on every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from unionstats.check.checks import (
    Thresholds,
    check_details,
    check_h1_above_fy,
    check_peer_ratios,
    check_rules,
    check_stock_jumps,
    wide_table,
)
from unionstats.check.reports import check_reports_against_forms
from unionstats.check.rules import load_rules
from unionstats.findings import Finding, finding, findings_frame
from unionstats.periods import parse_code, period_order
from unionstats.reference import Registry
from unionstats.store.exports import ExportOutcome, write_exports
from unionstats.store.files import (
    COMPLETENESS_FILE,
    FINDINGS_FILE,
    read_details,
    read_findings,
    read_history,
    read_manifest,
    read_values,
    write_csv,
)
from unionstats.store.lock import store_lock
from unionstats.store.versions import PARTS_FOLDER, VERSION_FILES, clean_up, new_version

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
    blank_lists = blanks.groupby(["file", "unit"])["indicator"].apply(lambda s: "|".join(sorted(set(s))))
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
                    "blank_indicators": blank_lists.get((source, unit), "") if submitted else "",
                }
            )
            if not submitted:
                findings.append(
                    finding(
                        "missing_submission",
                        unit=unit,
                        period=period_code,
                        stage="validate",
                        unit_name=registry.unit_names[unit],
                        period_label=period.label_vi,
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
    exports: ExportOutcome = field(default_factory=ExportOutcome)

    @property
    def has_errors(self) -> bool:
        return bool((self.findings["severity"] == "error").any())


def validate(processed: Path, reference: Path, registry: Registry) -> ValidationResult:
    """Run every check on the store at ``processed``; write findings.csv and completeness.csv.

    The store is locked for the run and the two files are committed as a new version of
    the store (:mod:`unionstats.store.versions`), the other files carried over unchanged.
    """
    processed, reference = Path(processed), Path(reference)
    read_values(processed)  # a missing store is an error before anything is created
    with store_lock(processed, "validate"):
        clean_up(processed)  # what a killed ingest or validate left
        result = _validate(processed, reference, registry)
        result.exports = write_exports(processed)
    return result


def _validate(processed: Path, reference: Path, registry: Registry) -> ValidationResult:
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
        findings += check_peer_ratios(numbers, where, limits, registry)
    findings += check_details(read_details(processed), values, registry)
    findings += check_reports_against_forms(
        read_history(processed), values, registry, limits.approximate_tolerance
    )
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
    kept = (*(n for n in VERSION_FILES if n not in (FINDINGS_FILE, COMPLETENESS_FILE)), PARTS_FOLDER)
    with new_version(processed, carry=kept) as staging:
        write_csv(combined, staging / FINDINGS_FILE)
        write_csv(table, staging / COMPLETENESS_FILE)
    return ValidationResult(combined, table)
