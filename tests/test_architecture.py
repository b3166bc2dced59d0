"""The folder listing is the architecture: these tests keep it true.

Stages import only upstream; modules and functions stay small enough to hold in mind;
every finding code used has its Vietnamese template; documents cited by the code exist.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import ROOT

from unionstats.findings import CODES, message

PACKAGE = ROOT / "unionstats"
# Stages in the order data flows; a module may import its own stage, earlier ones, and the
# shared vocabulary at the top of the package. sample/ is outside the flow.
FLOW = ("read", "store", "check", "analyse", "publish")
SHARED = {"config", "errors", "text", "periods", "formatting", "findings", "catalogue", "reference"}
SHARED |= {"atomic", "spreadsheet_text", "finding_codes", "form_marker", "file_names", "console"}
SHARED |= {"vocabulary", "document_finding_codes", "report_words"}


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def stage_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else "top:" + path.stem


def imported_stages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "unionstats" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_upstream(path: Path) -> None:
    stage = stage_of(path)
    imported = imported_stages(path)
    if stage in FLOW:
        allowed = SHARED | set(FLOW[: FLOW.index(stage) + 1])
    elif stage == "sample":
        allowed = SHARED | {"sample", "read"}
    elif stage == "project":
        allowed = SHARED | {"project"}
    elif stage.startswith("top:") and stage[4:] in SHARED:
        allowed = SHARED
    else:  # the command line and the package entry points use every stage
        return
    assert imported <= allowed, f"{path.name} imports {sorted(imported - allowed)} (downstream)"


def test_no_module_over_400_lines_and_no_function_over_60() -> None:
    too_long = []
    for path in modules():
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > 400:
            too_long.append(f"{path.name}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > 60:
                    too_long.append(f"{path.name}:{node.name}: {length} lines")
    assert not too_long


def test_every_finding_code_used_has_a_template() -> None:
    used = set()
    pattern = re.compile(r"""(?:\bfinding|\.of|self\.add|_finding)\(\s*(?:f?"([a-z_]+)")""")
    for path in modules():
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "the pattern finds the calls"
    assert used - set(CODES) == set()


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_template_names_its_fields(code: str) -> None:
    fields = set(re.findall(r"{(\w+)}", CODES[code].template_vi))
    text = message(code, **{name: f"<{name}>" for name in fields})
    assert all(f"<{name}>" in text for name in fields) and "{" not in text


def test_documents_cited_by_the_code_exist() -> None:
    cited = set()
    for path in [*modules(), *(ROOT / "notebooks").glob("*.ipynb")]:
        cited |= set(re.findall(r"([\w/.-]+\.md)\b", path.read_text(encoding="utf-8")))
    assert cited, "the code cites its documents"
    missing = [doc for doc in cited if not any((ROOT / p / doc).is_file() for p in ("", "docs"))]
    assert not missing
