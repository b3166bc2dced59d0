"""The brief as HTML: its tables and heading for the notebook, and the page without code.

The notebook displays :func:`table_html` and :func:`page_header`; :func:`write` turns the
executed notebook into ``ban-tin.html`` showing outputs and text only.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from unionstats.atomic import write_text
from unionstats.periods import parse_code
from unionstats.publish.brief import Brief
from unionstats.publish.formats.base import Rendered, present

FILENAME = "ban-tin.html"
BRIEF_CSS = """
body { font-family: 'DejaVu Sans', 'Noto Sans', Arial, sans-serif; max-width: 1100px; margin: auto; }
.us-title { margin-bottom: 0.2em; } .us-meta { color: #555; margin-top: 0; }
table.us-table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 13px; }
table.us-table th { background: #1f5f8b; color: white; padding: 4px 8px; text-align: left; }
table.us-table td { border-bottom: 1px solid #ddd; padding: 3px 8px; }
.jp-RenderedImage img, .us-figure img { max-width: 820px; height: auto; }
.us-figure { margin: 0.5em 0 1.5em; } .us-figure figcaption { font-style: italic; color: #333; }
"""


def table_html(
    table: pd.DataFrame,
    money_columns: frozenset[str] | set[str] = frozenset(),
    point_columns: frozenset[str] | set[str] = frozenset(),
) -> str:
    """An HTML table as every format shows it (:func:`~unionstats.publish.formats.base.present`:
    Vietnamese number formats, money in one unit per row or column)."""
    shown = present(table, money_columns, point_columns)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in shown.headers)
    body = []
    for row in shown.rows:
        cells = [
            f'<td style="text-align:{"right" if numeric else "left"}">{html.escape(text)}</td>'
            for text, numeric in zip(row, shown.numeric, strict=True)
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="us-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def page_header(content: Brief) -> str:
    """The brief's heading block (HTML): the federation with its province, the period as
    official text says it."""
    period = parse_code(content.period).label_vi
    return (
        f'<h1 class="us-title">{html.escape(content.title)}</h1>'
        f'<p class="us-meta">{html.escape(content.federation)} · {html.escape(period)} · '
        f"lập ngày {html.escape(content.produced)}</p>"
    )


def figure_html(content: Brief, kind: str) -> str:
    """One chart of the brief as a figure with its Vietnamese caption and alternative text."""
    import base64

    picture = content.figure(kind)
    if picture is None:
        return ""
    data = base64.b64encode(Path(picture).read_bytes()).decode("ascii")
    return (
        f'<figure class="us-figure"><img src="data:image/png;base64,{data}" '
        f'alt="{html.escape(content.figure_alt(kind))}">'
        f"<figcaption>{html.escape(content.figure_caption(kind))}</figcaption></figure>"
    )


_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)
_REMOTE_LINK = re.compile(r"<link\b[^>]*href=\"https?://[^>]*>", re.IGNORECASE)


def offline(page: str) -> str:
    """The page without scripts or remote stylesheets: a brief is tables, text and images,
    and office computers are often offline (nbconvert's template loads require.js, MathJax
    and mermaid from the internet)."""
    return _REMOTE_LINK.sub("", _SCRIPT.sub("", page))


def html_without_code(notebook: Path, target: Path, title: str) -> Path:
    """Render an executed notebook to standalone HTML showing outputs and text only."""
    import nbformat
    from nbconvert import HTMLExporter

    book = nbformat.read(notebook, as_version=4)
    book.metadata["title"] = title
    exporter = HTMLExporter(
        template_name="lab",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code="vi",
    )
    body, _ = exporter.from_notebook_node(book)
    body = offline(body).replace("</head>", f"<style>{BRIEF_CSS}</style></head>", 1)
    return write_text(target, body)


def write(rendered: Rendered, folder: Path) -> Path:
    """``ban-tin.html``: the executed notebook without its code."""
    return html_without_code(rendered.notebook, Path(folder) / FILENAME, rendered.title)


def paragraph_html(text: str) -> str:
    """A paragraph of the brief's text as HTML, every character escaped.

    Sentences carry names from reference tables and submissions (a cluster's name, a
    unit's): they are shown as text, never interpreted as Markdown or HTML.
    """
    return f"<p>{html.escape(text)}</p>" if text else ""
