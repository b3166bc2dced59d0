"""Regenerate tests/golden/sample_cluster_totals.csv (only when a change is intended; review the diff).

.venv/bin/python tests/golden/make_golden.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from unionstats.analyse import analysis

HERE = Path(__file__).parent

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        raw, store = Path(folder) / "raw", Path(folder) / "processed"
        subprocess.run([sys.executable, "-m", "unionstats", "sample", str(raw)], check=True)
        subprocess.run(
            [sys.executable, "-m", "unionstats", "ingest", str(raw), "--out", str(store)], check=True
        )
        table = analysis.totals(pd.read_parquet(store / "values.parquet"), by="cluster")
        table[["period", "scope", "indicator", "value", "n_units"]].to_csv(
            HERE / "sample_cluster_totals.csv", index=False
        )
