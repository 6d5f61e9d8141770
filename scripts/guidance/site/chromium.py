"""Debian's Chromium driven by Playwright, for the tools that print or measure pages (PDFs, benchmark).

Playwright cannot download its own browsers here; `apt-get install chromium` provides this one.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
#: Headless, quiet: no sandbox (containers, root), no GPU, no background traffic of its own.
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def launch(playwright):
    """A headless Chromium browser from a running `sync_playwright()`."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
