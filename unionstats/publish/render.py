"""Rendering briefs: build the content, run the brief notebook under papermill, write formats.

For a period (and optionally one cluster) :func:`render_brief` builds the brief's content
once, executes ``notebooks/10_ban_tin_ky.ipynb`` on this environment's own kernel to
display it, then writes every output format of the registry
(:mod:`unionstats.publish.formats`) into ``reports/<period>[/<cluster>]/``: by default
``ban-tin.html`` (no code) and ``bang-so-lieu.xlsx``, beside the executed notebook
``ban-tin.ipynb`` and the figures. Everything is produced in a staging folder beside the
target and swapped into place only when complete (:mod:`unionstats.atomic`): a failing
notebook never leaves a half-written report where a complete one was.

Parameters go through papermill's Python API, which keeps their types ("0012" stays a
string; the ``-p`` command line option would make it 12).
"""

from __future__ import annotations

import json
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from unionstats.atomic import staged_folder, write_text
from unionstats.errors import UnionstatsError
from unionstats.file_names import safe_name
from unionstats.publish.formats import DEFAULT_FORMATS, format_module, write_formats
from unionstats.publish.formats.base import Rendered

KERNEL_NAME = "unionstats"
BRIEF_NOTEBOOK = "10_ban_tin_ky.ipynb"


class BriefError(UnionstatsError):
    """The brief notebook failed; the message names the cell."""

    default_code = "brief_failed"


def ensure_kernel() -> str:
    """Install (once) a Jupyter kernel spec for this very interpreter; return its name.

    The spec goes into ``sys.prefix`` (the virtual environment), so briefs never run on
    some other Python that happens to be registered as ``python3``.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
        if spec.argv and Path(spec.argv[0]).resolve() == Path(sys.executable).resolve():
            return KERNEL_NAME
    except NoSuchKernel:
        pass
    folder = Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    spec = {
        # The kernel's own warning about its loopback TCP transport is noise for an analyst;
        # real errors are still logged.
        "argv": [
            sys.executable,
            "-m",
            "ipykernel_launcher",
            "-f",
            "{connection_file}",
            "--IPKernelApp.log_level=ERROR",
        ],
        "display_name": "unionstats (.venv)",
        "language": "python",
        "metadata": {"debugger": True},
    }
    write_text(folder / "kernel.json", json.dumps(spec, indent=1))
    return KERNEL_NAME


def report_folder(out: Path, period: str, cluster: str | None) -> Path:
    return Path(out) / period / safe_name(cluster) if cluster else Path(out) / period


def render_brief(
    period: str,
    *,
    cluster: str | None = None,
    out: Path,
    processed: Path,
    reference: Path,
    notebooks: Path,
    notebook: str = BRIEF_NOTEBOOK,
    pdf: bool = False,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
) -> list[Path]:
    """Render one brief; return the path of every format written (the HTML first).

    The content is built once (:func:`~unionstats.publish.content.build_brief`), the
    notebook displays it under papermill, and every format of ``formats`` (plus ``pdf``)
    is written from it into a staging folder swapped into place when complete.

    Raises
    ------
    UsageError
        For an unknown period or cluster (the message lists the valid ones).
    BriefError
        When a notebook cell fails (the message names the cell); nothing is replaced.
    """
    from unionstats.publish.content import build_brief, save_brief

    formats = (*formats, "pdf") if pdf and "pdf" not in formats else formats
    for name in formats:
        format_module(name)
    target = report_folder(Path(out).resolve(), period, cluster)
    with tempfile.TemporaryDirectory(prefix="unionstats-brief-") as work, staged_folder(target) as staging:
        content = build_brief(Path(processed), Path(reference), period, cluster, staging / "figures")
        content_file = save_brief(content, Path(work) / "brief.pickle")
        executed = staging / "ban-tin.ipynb"
        parameters = {"period": period, "cluster": cluster, "content_file": str(content_file)}
        _execute(notebooks, notebook, executed, parameters)
        rendered = Rendered(content, executed, content.title)
        written = write_formats(rendered, staging, formats)
    return [target / path.relative_to(staging) for path in written]


def _execute(notebooks: Path, notebook: str, executed: Path, parameters: dict) -> None:
    """Run the notebook under papermill on this environment's kernel; name a failing cell."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    try:
        papermill.execute_notebook(
            str(Path(notebooks) / notebook),
            str(executed),
            parameters=parameters,
            kernel_name=ensure_kernel(),
            cwd=str(notebooks),
            progress_bar=False,
            log_output=False,
        )
    except PapermillExecutionError as error:
        number = _source_cell_number(executed, error.cell_index)
        first_line = (error.source or "").strip().splitlines()[:1]
        raise BriefError(
            f"Notebook {notebook} lỗi ở ô số {number}"
            f"{' (' + first_line[0] + ')' if first_line else ''}: {error.ename}: {error.evalue}. "
            "Bản tin cũ (nếu có) được giữ nguyên.",
            file=notebook,
            cell=f"ô {number}",
        ) from None


def _source_cell_number(executed: Path, index: int) -> int:
    """The 1-based number of a cell in the notebook as written (without papermill's
    injected parameters cell), from its index in the executed copy."""
    import nbformat

    try:
        cells = nbformat.read(executed, as_version=4).cells
    except Exception:  # the executed copy could not be written: count as executed
        return index + 1
    injected = [i for i, c in enumerate(cells) if "injected-parameters" in c.metadata.get("tags", [])]
    return index + (0 if injected and index > injected[0] else 1)


def _render_job(job: tuple[str, str | None, dict]) -> tuple[str, str | None, str]:
    period, cluster, options = job
    try:
        written = render_brief(period, cluster=cluster, **options)
        return period, cluster, ", ".join(str(path) for path in written)
    except UnionstatsError as error:
        return period, cluster, f"LỖI: {error}"


def render_many(
    jobs: list[tuple[str, str | None]], *, workers: int, **options
) -> list[tuple[str, str | None, str]]:
    """Render several briefs in parallel processes; returns (period, cluster, the files
    written or the error)."""
    ensure_kernel()
    tasks = [(period, cluster, options) for period, cluster in jobs]
    # Period folders first, so that a cluster's report lands inside a complete period folder.
    tasks.sort(key=lambda task: task[1] is not None)
    plain = [t for t in tasks if t[1] is None]
    clustered = [t for t in tasks if t[1] is not None]
    results = []
    with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
        results += list(pool.map(_render_job, plain))
        results += list(pool.map(_render_job, clustered))
    return results
