"""Findings: one row per problem seen in the data, in the columns of ``findings.csv``.

A finding is how unionstats says "I did not guess": an unreadable number, an unknown label,
a file that could not be placed, a rule broken. Its message is Vietnamese and says what to
fix. ``stage`` says which step found it (``ingest`` or ``validate``), so that re-running
validation replaces its own findings and keeps ingest's.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

SEVERITIES = ("error", "warning", "info")
FINDING_COLUMNS = (
    "severity",
    "code",
    "message",
    "file",
    "sheet",
    "cell",
    "unit",
    "period",
    "indicator",
    "rule_id",
    "stage",
)


@dataclass
class Finding:
    """One problem, located as precisely as it can be."""

    severity: str
    code: str
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    unit: str = ""
    period: str = ""
    indicator: str = ""
    rule_id: str = ""
    stage: str = "ingest"

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """Return findings as a DataFrame with exactly :data:`FINDING_COLUMNS`, all text."""
    frame = pd.DataFrame([asdict(f) for f in findings], columns=list(FINDING_COLUMNS))
    return frame.fillna("").astype(str)
