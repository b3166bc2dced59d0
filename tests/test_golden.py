"""Golden table: every cluster total of the sample, as ingested when this file was committed.

The seed figures (test_end_to_end) are the published ground truth; this table guards all
the other figures against a reader change that silently drops or changes a value. If a
change to the sample or the readers is intended, regenerate it with
``tests/golden/make_golden.py`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from unionstats.analyse import analysis

GOLDEN = Path(__file__).parent / "golden" / "sample_cluster_totals.csv"


def test_sample_cluster_totals_match_the_golden_table(sample_values) -> None:
    expected = pd.read_csv(GOLDEN, dtype={"period": str, "scope": str, "indicator": str})
    actual = analysis.totals(sample_values, by="cluster")[list(expected.columns)]
    merged = expected.merge(
        actual, on=["period", "scope", "indicator"], how="outer", suffixes=("_golden", "_now"), indicator=True
    )
    missing = merged[merged["_merge"] != "both"]
    assert missing.empty, missing.head(10).to_string()
    differ = merged[
        (merged["value_golden"] != merged["value_now"]) | (merged["n_units_golden"] != merged["n_units_now"])
    ]
    assert differ.empty, differ.head(10).to_string()
