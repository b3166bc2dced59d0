"""Where things are: the project a command works in, and its standard folders.

A project is a folder holding the marker file ``unionstats.toml`` (written by ``unionstats
init``; this repository is the sample province's project). It is found, in order: from an
explicit folder (the command line's ``--project``), from the ``UNIONSTATS_ROOT`` environment
variable, or by walking up from the current folder to the nearest marker. Outside any
project there is no default: a command refuses in one line rather than read or write some
other folder. Nothing happens on import.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from unionstats.errors import UsageError

ROOT_ENV_VAR = "UNIONSTATS_ROOT"
MARKER = "unionstats.toml"


class NoProjectError(UsageError):
    """No project where the command was asked to work."""

    default_code = "no_project"


def find_project(start: Path | None = None) -> Path | None:
    """The nearest folder at or above ``start`` (default: the current folder) holding the
    marker, or None."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER).is_file():
            return folder
    return None


def project_root(explicit: Path | str | None = None) -> Path:
    """The project's folder: ``explicit``, else ``UNIONSTATS_ROOT``, else the nearest marker
    at or above the current folder.

    Raises
    ------
    NoProjectError
        When the folder named is no project, or there is none to find.
    """
    named = explicit or os.environ.get(ROOT_ENV_VAR)
    if named:
        folder = Path(named).expanduser().resolve()
        if not (folder / MARKER).is_file():
            how = "--project" if explicit else ROOT_ENV_VAR
            raise NoProjectError(
                f"{folder} (chỉ bởi {how}) không phải thư mục dự án unionstats (không có tệp {MARKER}): "
                "chỉ tới thư mục dự án, hoặc tạo dự án bằng 'unionstats init THƯ_MỤC --province TÊN'.",
                file=str(folder),
            )
        return folder
    found = find_project()
    if found is None:
        raise NoProjectError(
            f"Không ở trong dự án unionstats nào ({Path.cwd()} và các thư mục cha không có tệp {MARKER}): "
            "chuyển vào thư mục dự án (cd), hoặc thêm --project THƯ_MỤC, hoặc đặt biến UNIONSTATS_ROOT; "
            "dự án mới: 'unionstats init THƯ_MỤC --province TÊN'."
        )
    return found


@dataclass(frozen=True)
class Paths:
    """The standard folders of a project (``docs/architecture.md``)."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def reference(self) -> Path:
        return self.root / "data" / "reference"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def marker(self) -> Path:
        return self.root / MARKER


def paths(root: Path | str | None = None) -> Paths:
    """The standard folders of the project at ``root`` (default: :func:`project_root`)."""
    return Paths(Path(root) if root is not None else project_root())


def province_name(root: Path) -> str:
    """The province named in the project's marker (``province = "Kon Tum"``), or ''."""
    try:
        return str(tomllib.loads((Path(root) / MARKER).read_text(encoding="utf-8")).get("province", ""))
    except (OSError, tomllib.TOMLDecodeError):
        return ""
