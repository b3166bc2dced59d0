"""Where things are: the project root and its standard folders.

Nothing happens on import. The root is, in order: the ``UNIONSTATS_ROOT`` environment
variable; the nearest folder above the current directory holding ``data/reference``; the
folder above this package (an editable checkout). It never depends on the current directory
alone, so notebooks run from ``notebooks/`` and the CLI run from anywhere agree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT_ENV_VAR = "UNIONSTATS_ROOT"


def project_root() -> Path:
    """Return the project root folder (see module docstring for the search order)."""
    env = os.environ.get(ROOT_ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "reference").is_dir() and (folder / "pyproject.toml").is_file():
            return folder
    return Path(__file__).resolve().parent.parent


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


def paths(root: Path | None = None) -> Paths:
    """Return the standard folders under ``root`` (default: :func:`project_root`)."""
    return Paths(Path(root) if root is not None else project_root())
