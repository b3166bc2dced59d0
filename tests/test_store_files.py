"""The store's files: columns and dtypes, a round trip, formula safety, a missing store."""

from __future__ import annotations

import pandas as pd
import pytest

from unionstats.errors import StoreError
from unionstats.findings import findings_frame
from unionstats.store import files
from unionstats.store.exports import VALUES_CSV, write_exports
from unionstats.store.partitions import Layout
from unionstats.store.versions import new_version


def one_value(**changes) -> pd.DataFrame:
    row = {
        "period": "2020-FY",
        "year": 2020,
        "period_type": "FY",
        "unit_code": "dak-to",
        "unit_name": "Đăk Tô",
        "cluster_code": "cum-2",
        "indicator": "members",
        "value": 1787.0,
        "source_file": "2020-FY/BC.xlsx",
        "sheet": "Báo cáo",
        "cell": "D12",
        "raw": "1.787",
        "file_sha256": "abc",
    }
    return pd.DataFrame([row | changes])


def manifest_row() -> pd.DataFrame:
    return pd.DataFrame([{c: "" for c in files.MANIFEST_COLUMNS} | {"path": "2020-FY/BC.xlsx"}])


def write(out, values: pd.DataFrame) -> None:
    tables = {
        "values": values,
        "history": files.empty_values(),
        "details": files.normalise_details(pd.DataFrame()),
        "findings": findings_frame([]),
        "manifest": manifest_row(),
    }
    files.write_store(out, out, None, tables, Layout())


def test_values_keep_their_columns_and_dtypes_through_a_round_trip(tmp_path) -> None:
    write(tmp_path, one_value(year="2020", value="1787"))
    values = files.read_values(tmp_path)
    assert list(values.columns) == list(files.VALUE_COLUMNS)
    assert values["year"].dtype == "int64" and values["value"].dtype == "float64"
    assert values.iloc[0]["raw"] == "1.787" and files.read_history(tmp_path).empty


@pytest.mark.parametrize("column", ["sheet", "source_file", "raw", "unit_name"])
def test_every_text_column_of_values_csv_is_formula_safe(tmp_path, column) -> None:
    with new_version(tmp_path) as staging:
        write(staging, one_value(**{column: '=HYPERLINK("http://x","y")'}))
    assert write_exports(tmp_path).written
    text = (tmp_path / VALUES_CSV).read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text and '"=HYPERLINK' not in text
    assert files.read_values(tmp_path).iloc[0][column] == '=HYPERLINK("http://x","y")'


def test_manifest_text_is_restored_when_read_back(tmp_path) -> None:
    write(tmp_path, one_value())
    manifest = manifest_row().assign(message="-5 là số âm")
    files.write_csv(manifest, tmp_path / files.MANIFEST_FILE)
    assert files.read_manifest(tmp_path).iloc[0]["message"] == "-5 là số âm"


def test_a_missing_store_is_a_store_error_saying_to_ingest(tmp_path) -> None:
    with pytest.raises(StoreError, match="unionstats ingest"):
        files.read_values(tmp_path / "nothing")
    assert files.read_manifest(tmp_path / "nothing").empty
    assert files.read_findings(tmp_path / "nothing").empty


def test_writing_leaves_no_temporary_files(tmp_path) -> None:
    write(tmp_path, one_value())
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_the_arrow_formula_safety_agrees_with_the_cell_by_cell_rule() -> None:
    import pyarrow as pa

    from unionstats.spreadsheet_text import safe_frame, safe_table

    texts = ["=a", "+", "'=x", "-1", "@SUM(1)", "\t\n", "\rx", "'x", "plain", "=\nb", "-", "", "a=b", "=="]
    frame = pd.DataFrame({"text": texts, "number": range(len(texts))})
    arrow = safe_table(pa.Table.from_pandas(frame, preserve_index=False)).to_pandas()
    assert list(arrow["text"]) == list(safe_frame(frame)["text"])
    assert arrow["text"][0] == "'=a" and arrow["text"][1] == "+" and arrow["text"][8] == "plain"


def test_joined_csv_has_one_header_then_every_part_s_rows_in_order(tmp_path) -> None:
    from unionstats.store.partitions import join_csv_parts

    parts = tmp_path / "parts"
    parts.mkdir()
    long_header = '"' + "x" * 100_000 + '"\n'  # longer than one read of a part's first line
    (parts / "2020-FY.00.csv").write_bytes('"a","b"\n"1","Đăk Tô"\n"2","y"\n'.encode())
    (parts / "2020-FY.01.csv").write_bytes(b'"a","b"\n')  # a partition without rows
    (parts / "2021-FY.00.csv").write_bytes(long_header.encode() + b'"3","z"\n')
    (parts / "2021-H1.00.csv").write_bytes(b"")
    files_before = sorted(p.name for p in parts.iterdir())
    join_csv_parts(parts, tmp_path / "joined.csv", ["a", "b"])
    joined = (tmp_path / "joined.csv").read_bytes()
    assert joined == '\ufeff"a","b"\n"1","Đăk Tô"\n"2","y"\n"3","z"\n'.encode()
    assert sorted(p.name for p in parts.iterdir()) == files_before
