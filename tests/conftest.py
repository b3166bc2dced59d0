"""Shared fixtures: the registry, the fixture workbooks, and the sample province's store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from unionstats.reference import Registry, load_registry
from unionstats.store.versions import current_version

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "reference"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry(REFERENCE)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m unionstats`` as a user would, capturing its output."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "unionstats", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",  # the child writes UTF-8 (above); Windows would decode in its code page
        cwd=cwd or ROOT,
        env=env,
        timeout=600,
    )


@pytest.fixture(scope="session")
def sample_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample province's raw files, written once per test session."""
    raw = tmp_path_factory.mktemp("sample") / "raw"
    result = run_cli("sample", str(raw))
    assert result.returncode == 0, result.stderr
    return raw


@pytest.fixture(scope="session")
def sample_store(sample_raw: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store ingested from the sample, through the real command line."""
    out = tmp_path_factory.mktemp("processed")
    result = run_cli("ingest", str(sample_raw), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def sample_values(sample_store: Path) -> pd.DataFrame:
    return pd.read_parquet(current_version(sample_store) / "values.parquet")
