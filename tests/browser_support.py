"""Debian's headless Chromium for the browser tests, started as the machine's notes say: no
sandbox (root in CI), no background networking (the machine has no network)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def launched_browser() -> Iterator[Browser]:
    """One Chromium for a module's tests (a fixture's body: `yield from launched_browser()`)."""
    assert CHROMIUM.is_file(), "Debian's chromium is needed (apt-get install chromium; listed in .ci/apt-packages.txt)"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
