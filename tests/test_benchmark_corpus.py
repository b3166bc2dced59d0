"""The benchmark corpus is made of readable submissions (otherwise the timings mean little)."""

from __future__ import annotations

import importlib.util
import sys

from conftest import ROOT

from unionstats.store.ingest import ingest


def load_make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module  # so that its worker processes can find its functions
    spec.loader.exec_module(module)
    return module


def test_every_corpus_file_is_ingested(tmp_path) -> None:
    make_corpus = load_make_corpus()
    written = make_corpus.make_corpus(tmp_path, files=156, workers=2)  # 13 units: every template
    assert len(written) == 156
    result = ingest(tmp_path / "raw", tmp_path / "processed", tmp_path / "reference", workers=1)
    assert result.count("ingested") == 156 and result.count("quarantined") == 0
    assert result.values["unit_code"].nunique() == 13
    assert {p.suffix for p in tmp_path.joinpath("raw").rglob("*.*")} >= {".xlsx", ".xls", ".ods"}


def test_scaling_benchmark_times_both_sizes_and_restores_the_corpora(tmp_path, capsys, monkeypatch) -> None:
    import json

    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import bench_scaling

    assert (
        bench_scaling.main(["--small", "12", "--large", "24", "--rounds", "1", "--folder", str(tmp_path)])
        == 0
    )
    printed = capsys.readouterr().out
    assert "ratio 24/12:" in printed
    record = json.loads((tmp_path / "results-scaling.json").read_text(encoding="utf-8"))
    assert {size: len(times) for size, times in record["times"].items()} == {"12": 1, "24": 1}
    for size in (12, 24):
        corpus = tmp_path / f"corpus-{size}"
        assert not list((corpus / "raw").rglob("*bo sung*"))  # the added file is gone again
        result = ingest(corpus / "raw", corpus / "processed", corpus / "reference", workers=1)
        assert result.count("ingested") == size and result.parsed == 0  # and the store is current
