"""Atomic writing: a failed or interrupted write leaves the previous file or folder."""

from __future__ import annotations

import pytest

from unionstats.atomic import remove_leftovers, staged_folder, write_file, write_text


def test_a_failed_write_keeps_the_previous_file_and_no_temporary(tmp_path) -> None:
    target = write_text(tmp_path / "a.csv", "old")

    def fail(path):
        path.write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_file(target, fail)
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_a_failed_folder_keeps_the_previous_folder(tmp_path) -> None:
    target = tmp_path / "2020-FY"
    with staged_folder(target) as staging:
        (staging / "ban-tin.html").write_text("v1")
    with pytest.raises(RuntimeError), staged_folder(target) as staging:
        (staging / "ban-tin.html").write_text("v2")
        raise RuntimeError("notebook failed")
    assert (target / "ban-tin.html").read_text() == "v1"
    assert [p.name for p in tmp_path.iterdir()] == ["2020-FY"]


def test_a_new_period_folder_keeps_its_clusters_folders(tmp_path) -> None:
    target = tmp_path / "2020-FY"
    with staged_folder(target / "cum-2") as staging:
        (staging / "ban-tin.html").write_text("cluster")
    with staged_folder(target) as staging:
        (staging / "ban-tin.html").write_text("province")
    assert (target / "cum-2" / "ban-tin.html").read_text() == "cluster"


def test_leftovers_of_a_killed_writer_are_removed(tmp_path) -> None:
    (tmp_path / ".values.parquet.abc123").write_text("partial")
    (tmp_path / "values.parquet").write_text("complete")
    removed = remove_leftovers(tmp_path, ("values.parquet",))
    assert [p.name for p in removed] == [".values.parquet.abc123"]
    assert [p.name for p in tmp_path.iterdir()] == ["values.parquet"]
