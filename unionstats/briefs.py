"""Briefs: run the brief notebook under papermill and render what the federation publishes.

For a period (and optionally one cluster) :func:`render_brief` executes
``notebooks/10_ban_tin_ky.ipynb`` on this environment's own kernel, then writes into
``reports/<period>[/<cluster>]/``: ``ban-tin.html`` (no code), the executed notebook
``ban-tin.ipynb``, ``bang-so-lieu.xlsx`` and the figures. Everything is produced in a
staging folder beside the target and moved into place only when complete: a failing
notebook never leaves a half-written report where a complete one was.

Parameters go through papermill's Python API, which keeps their types ("0012" stays a
string; the ``-p`` command line option would make it 12).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from unionstats.errors import UnionstatsError, UsageError

KERNEL_NAME = "unionstats"
BRIEF_NOTEBOOK = "10_ban_tin_ky.ipynb"
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


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
    (folder / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return KERNEL_NAME


def report_folder(out: Path, period: str, cluster: str | None) -> Path:
    return Path(out) / period / cluster if cluster else Path(out) / period


def html_without_code(notebook: Path, target: Path, title: str) -> Path:
    """Render an executed notebook to standalone HTML showing outputs and text only."""
    import nbformat
    from nbconvert import HTMLExporter

    book = nbformat.read(notebook, as_version=4)
    book.metadata["title"] = title
    exporter = HTMLExporter(
        template_name="lab", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(book)
    body = body.replace("</head>", f"<style>{BRIEF_CSS}</style></head>", 1)
    target.write_text(body, encoding="utf-8")
    return target


BRIEF_CSS = """
body { font-family: 'DejaVu Sans', 'Noto Sans', Arial, sans-serif; max-width: 1100px; margin: auto; }
.us-title { margin-bottom: 0.2em; } .us-meta { color: #555; margin-top: 0; }
table.us-table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 13px; }
table.us-table th { background: #1f5f8b; color: white; padding: 4px 8px; text-align: left; }
table.us-table td { border-bottom: 1px solid #ddd; padding: 3px 8px; }
.jp-RenderedImage img { max-width: 820px; height: auto; }
"""


def find_chromium() -> str | None:
    for name in CHROMIUM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def html_to_pdf(html_file: Path, pdf_file: Path) -> Path:
    """Print the HTML to PDF with a headless Chromium from the system's packages."""
    browser = find_chromium()
    if browser is None:
        raise UsageError(
            "Không tìm thấy Chromium để in PDF. Cài bằng gói của hệ thống: "
            "'sudo apt-get install chromium' (Debian/Ubuntu), rồi chạy lại với --pdf.",
            code="chromium_missing",
        )
    with tempfile.TemporaryDirectory() as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf_file}",
            html_file.resolve().as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    if result.returncode != 0 or not pdf_file.is_file():
        raise BriefError(
            f"Chromium không in được PDF (mã {result.returncode}): {result.stderr.strip()[:300]}",
            file=str(html_file),
            code="pdf_failed",
        )
    return pdf_file


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
) -> Path:
    """Render one brief; return the path of its HTML.

    Raises
    ------
    UsageError
        For an unknown period or cluster (the message lists the valid ones).
    BriefError
        When a notebook cell fails (the message names the cell); nothing is replaced.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from unionstats.brief import check_brief_request
    from unionstats.reference import load_registry
    from unionstats.store import read_values

    check_brief_request(read_values(processed), load_registry(reference), period, cluster)
    target = report_folder(out, period, cluster)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)
    try:
        executed = staging / "ban-tin.ipynb"
        parameters = {
            "period": period,
            "cluster": cluster,
            "processed_dir": str(Path(processed).resolve()),
            "reference_dir": str(Path(reference).resolve()),
            "figures_dir": str(staging / "figures"),
            "output_dir": str(staging),
        }
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
        title = f"Bản tin {period}" + (f" – {cluster}" if cluster else "")
        html_file = html_without_code(executed, staging / "ban-tin.html", title)
        if pdf:
            html_to_pdf(html_file, staging / "ban-tin.pdf")
        _replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target / "ban-tin.html"


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


def _replace(staging: Path, target: Path) -> None:
    """Move the complete staging folder into place; the old report is removed only after."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    staging.rename(target)
    if old is not None:
        # A cluster brief lives inside the period folder: carry sub-folders across.
        for child in old.iterdir():
            if child.is_dir() and not (target / child.name).exists() and child.name != "figures":
                child.rename(target / child.name)
        shutil.rmtree(old, ignore_errors=True)


def _render_job(job: tuple[str, str | None, dict]) -> tuple[str, str | None, str]:
    period, cluster, options = job
    try:
        return period, cluster, str(render_brief(period, cluster=cluster, **options))
    except UnionstatsError as error:
        return period, cluster, f"LỖI: {error}"


def render_many(
    jobs: list[tuple[str, str | None]], *, workers: int, **options
) -> list[tuple[str, str | None, str]]:
    """Render several briefs in parallel processes; returns (period, cluster, html or error)."""
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
