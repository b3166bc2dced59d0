"""Findings as a question: those of some periods, units, severities or codes."""

from __future__ import annotations

import pandas as pd

from unionstats.errors import UsageError
from unionstats.findings import CODES
from unionstats.reference import Registry

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def select_findings(
    findings: pd.DataFrame,
    registry: Registry,
    periods: list[str] | None = None,
    units: list[str] | None = None,
    severities: list[str] | None = None,
    codes: list[str] | None = None,
) -> pd.DataFrame:
    """The findings matching every filter given, most serious first.

    Units may be given by code or name; an unknown unit or code is a :class:`UsageError`
    that lists the valid ones.
    """
    chosen = findings
    if periods:
        chosen = chosen[chosen["period"].isin(periods)]
    if units:
        chosen = chosen[chosen["unit"].isin(registry.unit_codes(units))]
    if severities:
        chosen = chosen[chosen["severity"].isin(severities)]
    if codes:
        unknown = sorted(set(codes) - set(CODES) - set(findings["code"]))
        if unknown:
            raise UsageError(
                f"Không có mã phát hiện {', '.join(unknown)}. Các mã: {', '.join(sorted(CODES))}.",
                code="unknown_code",
            )
        chosen = chosen[chosen["code"].isin(codes)]
    order = chosen["severity"].map(SEVERITY_ORDER)
    return (
        chosen.assign(_order=order)
        .sort_values(["_order", "period", "unit", "file", "cell"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )
