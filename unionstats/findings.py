"""Findings: one row per problem seen in the data, and the table of every finding code.

A finding is how unionstats says "I did not guess": an unreadable number, an unknown label,
a file that could not be placed, a rule broken. :data:`CODES` (kept in
:mod:`unionstats.finding_codes`) is the one list of what can be found: each code has its
usual severity, a short Vietnamese title (for summaries and filters) and the Vietnamese
template of its message, which says what to fix. Code that
reports a problem calls :func:`message` (or :func:`finding`) with the template's fields;
a message is never written anywhere else.

``stage`` says which step found it (``ingest`` or ``validate``), so that re-running
validation replaces its own findings and keeps ingest's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from unionstats.finding_codes import CODES

if TYPE_CHECKING:
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


def message(code: str, **fields: object) -> str:
    """The Vietnamese message of ``code`` with its template's ``fields`` filled in.

    A figure read from a Word report's sentence has a paragraph ("đoạn 5") where a workbook's
    has a cell: a template's "ô {cell}" then says "đoạn 5", not "ô đoạn 5".
    """
    text = CODES[code].template_vi.format(**fields)
    return text.replace("ô đoạn ", "đoạn ") if "ô đoạn " in text else text


def message_fields(code: str, text: str) -> dict[str, str] | None:
    """The fields a message of ``code`` was filled with (the template read backwards), or
    None when ``text`` is not such a message: lets a later step recover, say, the label of
    a ``label_unknown`` finding from ``findings.csv`` without a column of its own."""
    import re
    from string import Formatter

    pattern, seen = "", set()
    for literal, name, _, _ in Formatter().parse(CODES[code].template_vi):
        pattern += re.escape(literal)
        if name is not None:
            pattern += f"(?P={name})" if name in seen else f"(?P<{name}>.*?)"
            seen.add(name)
    match = re.fullmatch(pattern, text, flags=re.DOTALL)
    return match.groupdict() if match else None


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


def finding(
    code: str,
    *,
    severity: str | None = None,
    file: str = "",
    sheet: str = "",
    cell: str = "",
    unit: str = "",
    period: str = "",
    indicator: str = "",
    rule_id: str = "",
    stage: str = "ingest",
    **fields: object,
) -> Finding:
    """A :class:`Finding` of ``code`` whose message is the code's template filled with ``fields``.

    ``file``, ``sheet``, ``cell`` and ``period`` are also passed to the template, which may name them.
    """
    text = message(code, cell=cell, period=period, file=file, sheet=sheet, **fields)
    return Finding(
        severity or CODES[code].severity,
        code,
        text,
        file,
        sheet,
        cell,
        unit,
        period,
        indicator,
        rule_id,
        stage,
    )


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """Return findings as a DataFrame with exactly :data:`FINDING_COLUMNS`, all text."""
    import pandas as pd

    rows = [[getattr(f, column) for column in FINDING_COLUMNS] for f in findings]  # asdict deep-copies
    frame = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    return frame.fillna("").astype(str)
