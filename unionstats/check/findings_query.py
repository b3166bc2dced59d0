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
    *,
    without_period: bool = False,
) -> pd.DataFrame:
    """The findings matching every filter given, most serious first.

    Units may be given by code or name; an unknown unit or code is a :class:`UsageError`
    that lists the valid ones. ``without_period`` keeps, beside ``periods``, the findings that
    belong to no period (a file quarantined before its period could be read).
    """
    chosen = findings
    if periods:
        keep = chosen["period"].isin(periods)
        chosen = chosen[keep | (chosen["period"] == "")] if without_period else chosen[keep]
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


def render_findings(findings: pd.DataFrame, registry: Registry) -> str:
    """Findings as aligned terminal lines: the severity and the finding's title in
    Vietnamese, the period, the unit's name, the code (to filter on), the message and where."""
    from unionstats.vocabulary import SEVERITY_VI

    rows = [
        (
            SEVERITY_VI.get(row.severity, row.severity),
            row.period or "–",
            registry.unit_names.get(row.unit, row.unit) or "–",
            CODES[row.code].title_vi if row.code in CODES else row.code,
            row.code,
            row.message
            + (f" [{' '.join(p for p in (row.file, row.sheet, row.cell) if p)}]" if row.file else ""),
        )
        for row in findings.itertuples(index=False)
    ]
    if not rows:
        return "Không có phát hiện nào."
    headers = ("Mức", "Kỳ", "Đơn vị", "Loại", "Mã")
    widths = [min(max(len(h), *(len(r[i]) for r in rows)), 34) for i, h in enumerate(headers)]

    def cut(text: str, width: int) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + "  Nội dung"]
    for row in rows:
        lines.append(
            "  ".join(cut(v, w).ljust(w) for v, w in zip(row, widths, strict=False)) + "  " + row[-1]
        )
    return "\n".join(lines)


def _where(row) -> str:
    place = " ".join(part for part in (row.file, row.sheet, row.cell) if part)
    return f" [{place}]" if place else ""
