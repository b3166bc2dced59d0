"""Nothing changed since the last run: telling it in a fraction of a second.

Kept free of pandas, so that ``unionstats ingest`` with nothing new prints the stored summary
without loading anything else: it lists the raw folder once and compares one hash.
"""

from __future__ import annotations

import json
from pathlib import Path

from unionstats.read.inventory import Entry, file_sha256, listing_sha256, reference_sha256
from unionstats.store.versions import current_version

MANIFEST_FILE = "manifest.csv"
SUMMARY_FILE = "summary.json"


def current_summary(entries: list[Entry], out: Path, reference: Path) -> dict | None:
    """The stored run summary if the store is current for the raw folder listed in
    ``entries``, else None.

    Current means: the run that wrote the store's current version listed the same files,
    each with the same size and modification time (the content is then taken as unchanged,
    as ``make`` and ``git`` do), and read them against the same reference data; the summary
    names the listing's hash. Files the store keeps though they left the folder need no
    check: a file leaving changes the listing.
    """
    version = current_version(out)
    if version is None:
        return None
    manifest, summary = version / MANIFEST_FILE, version / SUMMARY_FILE
    if not manifest.is_file() or not summary.is_file():
        return None
    try:
        stored = json.loads(summary.read_text(encoding="utf-8"))
    except ValueError:
        return None
    if stored.get("listing_sha256") != listing_sha256(entries, reference_sha256(reference)):
        return None
    # The summary is written after the manifest; it must describe this very manifest.
    if stored.get("manifest_sha256") != file_sha256(manifest):
        return None
    return stored
