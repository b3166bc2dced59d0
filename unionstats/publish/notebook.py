"""The notebooks' one start-up call: folders, registry and store, ready to explore.

Every notebook in ``notebooks/`` begins with ``ws = start(...)`` instead of pasting the
same imports and path handling: the folders come from :mod:`unionstats.config` unless a
parameter (papermill) names them.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from unionstats.analyse import analysis
from unionstats.config import paths
from unionstats.errors import UnionstatsError
from unionstats.reference import Registry, load_registry, load_scoring, load_targets
from unionstats.store.files import read_values


@dataclass
class Workspace:
    """What a notebook works with: the folders, the registry and the store's values."""

    processed: Path
    reference: Path
    figures: Path
    registry: Registry
    values: pd.DataFrame

    def names(self, year: int) -> dict[str, str]:
        """Display names of the province, the clusters of ``year`` and the units."""
        return analysis.scope_names(self.registry, year)

    def scoring(self) -> pd.DataFrame:
        return load_scoring(self.reference)

    def targets(self) -> pd.DataFrame:
        return load_targets(self.reference)

    @staticmethod
    def show(figure) -> None:
        """Display a matplotlib figure once, then close it (Jupyter would show it again)."""
        import matplotlib.pyplot as plt
        from IPython.display import display

        display(figure)
        plt.close(figure)


def _errors_as_one_line() -> None:
    """In a notebook, an error a user can act on (a bad parameter) shows as its one
    Vietnamese line, not a traceback."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return

    def show(shell, kind, error, trace, tb_offset=None):
        print(f"Lỗi: {error}", file=sys.stderr)

    shell.set_custom_exc((UnionstatsError,), show)


def as_list(value: object) -> list[str]:
    """A notebook parameter that should be a list of codes: a list, a JSON list given on the
    papermill command line ('["visits_amount"]'), or codes separated by commas or spaces."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            return [str(v) for v in json.loads(text)]
        return [part for part in re.split(r"[,\s]+", text) if part]
    return [str(v) for v in value]


def start(
    processed_dir: str | Path | None = None,
    reference_dir: str | Path | None = None,
    figures_dir: str | Path | None = None,
) -> Workspace:
    """Load the registry and the store for a notebook (folders default to the project's)."""
    _errors_as_one_line()
    defaults = paths()
    processed = Path(processed_dir or defaults.processed)
    reference = Path(reference_dir or defaults.reference)
    registry = load_registry(reference)
    return Workspace(
        processed, reference, Path(figures_dir or defaults.figures), registry, read_values(processed)
    )


def show_table(content, name: str) -> None:
    """Display one table of a brief (:class:`~unionstats.publish.brief.Brief`) as HTML."""
    from IPython.display import HTML, display

    from unionstats.publish.formats.html import table_html

    display(HTML(table_html(content.tables[name], content.money_labels, content.point_labels)))


def show_figure(content, kind: str) -> None:
    """Display one chart of a brief, if the brief has it, with its caption and alternative
    text ("Biểu đồ 2. …"), numbered as in every format."""
    from IPython.display import HTML, display

    from unionstats.publish.formats.html import figure_html

    if content.figure(kind):
        display(HTML(figure_html(content, kind)))


def show_section(content, heading: str) -> None:
    """Display one section of a brief, numbered as in every format ("3. So sánh"): its
    opening sentences, tables, charts and closing sentences, in the order the Word document
    has them. A section the brief does not have (ratings in a half-year) shows nothing."""
    import html

    from IPython.display import HTML, display

    numbered = {section.heading: (number, section) for number, section in content.sections()}
    if heading not in numbered:
        return
    number, section = numbered[heading]
    display(HTML(f"<h2>{number}. {html.escape(heading)}</h2>"))
    for text in content.texts_before(heading):
        show_text(text)
    for name in section.tables:
        if name in content.tables and len(content.tables[name]):
            show_table(content, name)
    for kind in section.figures:
        show_figure(content, kind)
    for text in content.texts_after(heading):
        show_text(text)


def show_text(text: str) -> None:
    """Display a sentence of a brief as escaped text (no Markdown or HTML from the data)."""
    from IPython.display import HTML, display

    from unionstats.publish.formats.html import paragraph_html

    display(HTML(paragraph_html(text)))


def show_points(points: list[str]) -> None:
    """Display the brief's key points as a list (every character escaped)."""
    import html

    from IPython.display import HTML, display

    items = "".join(f"<li>{html.escape(point)}</li>" for point in points)
    display(HTML(f"<ul class='us-points'>{items}</ul>"))


def show_frame(table: pd.DataFrame) -> None:
    """Display a question table (``table``, ``trend``) with Vietnamese number formats."""
    from IPython.display import HTML, display

    from unionstats.publish.formats.html import table_html

    display(HTML(table_html(table)))
