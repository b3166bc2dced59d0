"""Every file the product writes has a name and a path Windows accepts."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path, PureWindowsPath

import pytest
from conftest import FIXTURES, REFERENCE

from unionstats.check.feedback import write_feedback
from unionstats.file_names import safe_name
from unionstats.publish.render import report_folder
from unionstats.store.ingest import ingest
from unionstats.store.versions import STAGING_PREFIX

DEVICES = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(10)}
# a long but ordinary home for a project on an office PC
PROJECT = PureWindowsPath(r"C:\Users\nguyen.thi.thanh.huong\Documents\unionstats-ldld-tinh-kon-tum")


def windows_accepts(name: str) -> bool:
    """Windows' rules for one path component, written out independently of the code."""
    stem = name.split(".")[0].rstrip(" ").upper()
    return (
        bool(name)
        and not re.search(r'[<>:"/\\|?*\x00-\x1f]', name)
        and not name.endswith((".", " "))
        and stem not in DEVICES
        and len(name) <= 255
    )


@pytest.mark.parametrize(
    "name", ["Đăk Tô", "cum-2", "2020-FY_cum-2_yoy_members", "BC 6T (bo sung)", "aux_2025"]
)
def test_an_accepted_name_is_kept_as_it_is(name: str) -> None:
    assert safe_name(name) == name


@pytest.mark.parametrize(
    "name",
    [
        "CON",
        "nul",
        "Com1",
        "LPT9",
        "aux.xlsx",
        "CON .txt",
        "bao cao.",
        "bao cao ",
        "a:b",
        'x"y',
        "a/b",
        "a\\b",
        "?",
        "",
        "*" * 3,
        "tab\there",
        "Đ" * 300,
    ],
)
def test_a_refused_name_becomes_an_accepted_one(name: str) -> None:
    made = safe_name(name)
    assert windows_accepts(made) and len(made) <= 100
    assert windows_accepts(made + ".xlsx")


def test_the_mapping_is_stable_and_never_merges_two_names() -> None:
    names = ["a:b", "a?b", "a*b", "a_b", "CON", "con", "CON_", "x.", "x ", "x"]
    made = [safe_name(name) for name in names]
    assert made == [safe_name(name) for name in names]  # the same every time
    assert len(set(made)) == len(names)
    assert safe_name("CON") == "CON-7679a0"  # pinned: a changed rule would rename files already sent


def test_a_cluster_named_like_a_device_gets_a_brief_folder_windows_accepts(tmp_path: Path) -> None:
    folder = report_folder(tmp_path, "2024-FY", "con")
    assert folder.parent == tmp_path / "2024-FY" and windows_accepts(folder.name)


def test_feedback_copies_of_files_with_refused_names_are_written_under_accepted_ones(
    tmp_path, registry
) -> None:
    raw = tmp_path / "raw" / "2020-FY"
    raw.mkdir(parents=True)
    names = ["bao cao. .xlsx", "a" * 150 + ".xlsx"]
    if os.name != "nt":  # a name Windows refuses can still come from a Linux share or a zip
        names += ["CON.xlsx", "x" * 240 + ".xlsx"]
    for name in names:
        shutil.copy(FIXTURES / "not_really_excel.xlsx", raw / name)  # quarantined: each gets its results
    out = tmp_path / "processed"
    ingest(raw.parent, out, REFERENCE, workers=1)
    written = write_feedback(out, raw.parent, tmp_path / "feedback", labels=registry.catalogue.labels())
    assert len(written) == len(names)
    for item in written:
        assert item.output.is_file() and windows_accepts(item.output.name)
        relative = item.output.relative_to(tmp_path / "feedback")
        assert len(str(PROJECT / "reports" / "phan-hoi" / relative)) < 230


def test_paths_inside_the_store_stay_well_under_260_characters(sample_store: Path) -> None:
    longest = max((p.relative_to(sample_store) for p in sample_store.rglob("*")), key=lambda p: len(str(p)))
    staging = len(STAGING_PREFIX) + 12 - len("v000001")  # a version is first written as .staging-…
    temporary = len(".") + 9  # atomic writes go through ".<name>.<random>"
    worst = len(str(PROJECT / "data" / "processed" / PureWindowsPath(*longest.parts))) + staging + temporary
    assert worst < 200, (worst, longest)
