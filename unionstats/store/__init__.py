"""Stage 2, the store: the tidy tables in ``data/processed`` and the run that writes them.

``files`` (columns, reading, writing) · ``partitions`` (by period and bucket of units) ·
``earlier`` (the previous manifest) · ``assemble`` (supersession, manifest, kept rows) ·
``ingest`` (one run: raw folder -> store) · ``versions`` (the commit point and
``current_version``, the one way to find the store's files) · ``exports`` (the CSV files for
Excel) · ``lock`` · ``unchanged`` (nothing to do, told without pandas). Readers of the store
import the functions below; they are loaded on first use, so that importing a light module
of this package (``unchanged``, ``versions``) does not load pandas.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_READERS = {
    "read_details": "files",
    "read_findings": "files",
    "read_history": "files",
    "read_manifest": "files",
    "read_values": "files",
    "current_version": "versions",
}
__all__ = sorted(_READERS)


def __getattr__(name: str) -> Any:
    if name in _READERS:
        return getattr(import_module(f"unionstats.store.{_READERS[name]}"), name)
    raise AttributeError(f"module 'unionstats.store' has no attribute {name!r}")
