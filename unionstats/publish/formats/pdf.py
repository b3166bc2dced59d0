"""The brief as PDF (``ban-tin.pdf``), printed from its HTML by the system's Chromium (Edge or
Chrome on Windows: both are Chromium and print the same way)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from unionstats.errors import UnionstatsError, UsageError
from unionstats.publish.formats import html
from unionstats.publish.formats.base import Rendered

FILENAME = "ban-tin.pdf"
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "msedge")
# where Windows installs them (they are seldom on PATH there)
WINDOWS_BROWSERS = (
    ("ProgramFiles(x86)", r"Microsoft\Edge\Application\msedge.exe"),
    ("ProgramFiles", r"Microsoft\Edge\Application\msedge.exe"),
    ("ProgramFiles", r"Google\Chrome\Application\chrome.exe"),
    ("ProgramFiles(x86)", r"Google\Chrome\Application\chrome.exe"),
    ("LOCALAPPDATA", r"Google\Chrome\Application\chrome.exe"),
)


class PdfError(UnionstatsError):
    """Chromium could not print the brief."""

    default_code = "pdf_failed"


def find_chromium() -> str | None:
    """A Chromium-based browser: on PATH, or where Windows installs Edge and Chrome."""
    for name in CHROMIUM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    for variable, relative in WINDOWS_BROWSERS if os.name == "nt" else ():
        base = os.environ.get(variable)
        if base and os.path.isfile(os.path.join(base, relative)):
            return os.path.join(base, relative)
    return None


def html_to_pdf(html_file: Path, pdf_file: Path) -> Path:
    """Print the HTML to PDF with a headless Chromium from the system's packages."""
    browser = find_chromium()
    if browser is None:
        how = (
            "cài Microsoft Edge hoặc Google Chrome"
            if os.name == "nt"
            else "cài bằng gói của hệ thống: 'sudo apt-get install chromium' (Debian/Ubuntu)"
        )
        raise UsageError(
            f"Không tìm thấy trình duyệt Chromium, Edge hay Chrome để in PDF: {how}, rồi chạy lại với --pdf.",
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
        result = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=180)
    if result.returncode != 0 or not pdf_file.is_file():
        raise PdfError(
            f"Chromium không in được PDF (mã {result.returncode}): {result.stderr.strip()[:300]}",
            file=str(html_file),
            code="pdf_failed",
        )
    return pdf_file


def write(rendered: Rendered, folder: Path) -> Path:
    """``ban-tin.pdf``, from the ``ban-tin.html`` the html format wrote before it."""
    source = Path(folder) / html.FILENAME
    if not source.is_file():
        html.write(rendered, folder)
    return html_to_pdf(source, Path(folder) / FILENAME)
