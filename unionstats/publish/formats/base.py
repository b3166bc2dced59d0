"""What every output format receives: the brief's content and the executed notebook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from unionstats.publish.content import Brief


@dataclass(frozen=True)
class Rendered:
    """A brief ready to be written: its content, the notebook that displayed it, a title."""

    content: Brief
    notebook: Path
    title: str
