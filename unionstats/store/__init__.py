"""Stage 2, the store: the tidy tables in ``data/processed`` and the run that writes them.

``files`` (columns, reading, writing) · ``partitions`` (by period and bucket of units) ·
``earlier`` (the previous manifest) · ``assemble`` (supersession, manifest, kept rows) ·
``ingest`` (one run: raw folder -> store) · ``versions`` (the commit point). Readers of the
store import the functions below.
"""

from unionstats.store.files import (
    read_details,
    read_findings,
    read_history,
    read_manifest,
    read_values,
)

__all__ = ["read_details", "read_findings", "read_history", "read_manifest", "read_values"]
