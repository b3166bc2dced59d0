"""The registry of the brief's output formats: one module per format, each with ``write``.

A format module has ``FILENAME`` and ``write(rendered, folder) -> Path``, where
``rendered`` is a :class:`~unionstats.publish.formats.base.Rendered` (the brief's content
and the executed notebook). :func:`write_formats` loops over the registry in order (the
PDF is printed from the HTML, so HTML comes first). A new format is one new module here
and one line in :data:`FORMATS`.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from types import ModuleType

from unionstats.errors import UsageError
from unionstats.publish.formats.base import Rendered

FORMATS: dict[str, str] = {  # name -> module, in writing order
    "html": "unionstats.publish.formats.html",
    "xlsx": "unionstats.publish.formats.xlsx",
    "pdf": "unionstats.publish.formats.pdf",
    "docx": "unionstats.publish.formats.docx",
}
DEFAULT_FORMATS = ("html", "xlsx")


def format_module(name: str) -> ModuleType:
    """The module that writes format ``name``."""
    if name not in FORMATS:
        raise UsageError(
            f"Không có định dạng '{name}'. Các định dạng: {', '.join(FORMATS)}.", code="unknown_format"
        )
    return import_module(FORMATS[name])


def write_formats(rendered: Rendered, folder: Path, names: tuple[str, ...] = DEFAULT_FORMATS) -> list[Path]:
    """Write ``rendered`` in every format of ``names`` (registry order) into ``folder``."""
    wanted = [name for name in FORMATS if name in names]
    for name in names:
        format_module(name)  # an unknown name is a usage error before anything is written
    return [format_module(name).write(rendered, Path(folder)) for name in wanted]
