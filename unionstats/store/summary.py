"""The summary of an ingest run: what the command line prints, kept in ``summary.json``.

Counted from the new manifest's columns, read once as lists: a run need not load the
periods it did not touch, nor build the whole manifest as a DataFrame.
"""

from __future__ import annotations

from pathlib import Path

from unionstats.store.files import MANIFEST_FILE, STATUS_RANK
from unionstats.store.text_csv import read_text_table

_COLUMNS = ("path", "status", "unit", "period", "n_values", "message")


def summarise(version: Path, severity: dict[str, int], missing: list[str]) -> dict[str, object]:
    """The summary of the store version in ``version`` (a folder with its ``manifest.csv``).

    Files are counted once by status (a file with one current submission counts as
    ingested); units and values per period count the current submissions. ``missing``
    (files the store keeps though they left the raw folder) lets the next run tell that
    nothing changed.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    table = read_text_table([Path(version) / MANIFEST_FILE], _COLUMNS)
    table = table if table is not None else pa.table({c: pa.array([], pa.string()) for c in _COLUMNS})
    # a file counts once, under its best status (as manifest_by_file chooses it)
    rank = pc.index_in(table["status"], value_set=pa.array(list(STATUS_RANK)))
    best = pa.table({"path": table["path"], "rank": rank}).group_by("path").aggregate([("rank", "min")])
    ranks, sizes = (array.to_pylist() for array in best["rank_min"].value_counts().flatten())
    counts = dict(zip(ranks, sizes, strict=True))
    status = {name: int(counts.get(order, 0)) for name, order in STATUS_RANK.items()}
    ingested = table.filter(pc.equal(table["status"], "ingested"))
    n_values = pc.cast(pc.if_else(pc.equal(ingested["n_values"], ""), "0", ingested["n_values"]), pa.int64())
    per_period = (
        pa.table({"period": ingested["period"], "unit": ingested["unit"], "n": n_values})
        .group_by("period")
        .aggregate([("unit", "count_distinct"), ("n", "sum")])
        .sort_by("period")
    )
    periods = [
        [period, int(units), int(values)]
        for period, units, values in zip(
            *(per_period[c].to_pylist() for c in ("period", "unit_count_distinct", "n_sum")), strict=True
        )
    ]
    quarantined = table.filter(pc.equal(table["status"], "quarantined"))["message"].to_pylist()
    return {
        "status": status,
        "n_values": sum(values for _, _, values in periods),
        "severity": severity,
        "periods": periods,
        "quarantined": quarantined,
        "missing": missing,
        "exit_code": 3 if status["quarantined"] else 0,
    }
