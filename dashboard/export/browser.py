"""Finding the system's Chromium and printing an HTML file to PDF with it.

Static images (kaleido) and the report PDF both need a Chromium. Nothing is ever downloaded: we use the
browser choreographer (kaleido's launcher) would find — $BROWSER_PATH, then chromium/chrome on $PATH,
then the usual install paths such as Debian's /usr/bin/chromium — and fail with an install hint.
"""
from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from choreographer.browsers.chromium import Chromium

from dashboard.export.errors import ExportError

INSTALL_HINT = ("install it with 'apt-get install chromium' (Debian/Ubuntu), "
                "or set BROWSER_PATH to a Chrome/Chromium executable")

# Flags for a one-shot headless print: no sandbox (containers), and nothing that reaches the network.
PRINT_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
    "--no-pdf-header-footer",
)
PRINT_TIMEOUT_S = 120


def find_chromium() -> str:
    """The path of a usable Chrome/Chromium executable, or ExportError saying how to install one."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        if not _is_executable(explicit):
            raise ExportError(f"BROWSER_PATH={explicit!r} is not an executable browser; {INSTALL_HINT}")
        return explicit
    # skip_local=False: a Chrome the user already fetched with kaleido_get_chrome is fine to use;
    # find_browser only looks, it never downloads.
    path = Chromium.find_browser(skip_local=False)
    if not path or not _is_executable(path):
        raise ExportError(f"Chromium is needed for PNG, SVG and PDF exports and was not found; {INSTALL_HINT}")
    return path


def print_to_pdf(html_file: Path, out: Path) -> Path:
    """Print a local HTML file to `out` (A4 per the page's @page CSS) with headless Chromium."""
    chromium = find_chromium()
    out = Path(out).resolve()
    with tempfile.TemporaryDirectory(prefix="timeline-print-") as profile:
        cmd = [chromium, *PRINT_FLAGS, f"--user-data-dir={profile}",
               f"--print-to-pdf={out}", Path(html_file).resolve().as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=PRINT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise ExportError(f"Chromium did not finish printing the PDF within {PRINT_TIMEOUT_S} s") from None
        except OSError as exc:
            raise ExportError(f"cannot start Chromium at {chromium}: {exc}; {INSTALL_HINT}") from None
    if done.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise ExportError(f"Chromium could not print the PDF (exit {done.returncode}): {tail}")
    return out


def _is_executable(path: str) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)
