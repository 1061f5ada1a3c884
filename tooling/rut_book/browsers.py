"""The one way the project starts a browser: Debian's Chromium driven by Playwright.

The handouts print with it, the tests read the website with it and ``make bench`` times the widgets with it.
Playwright's own browser download needs a CDN this machine cannot reach, so the Debian package is used
(``RUT_EDU_CHROMIUM`` points elsewhere). The switches keep Chromium from calling home on a closed network, and
every host name but this machine's resolves to nothing: a page that asks for something from outside fails at once,
as a reader offline would see it, instead of waiting on a network that is not there.
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = os.environ.get("RUT_EDU_CHROMIUM", "/usr/bin/chromium")
SWITCHES = ("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost")


def installed() -> bool:
    """Whether the Chromium at :data:`CHROMIUM` exists and can be run."""
    return Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)


def launch(playwright):
    """Start Chromium headless through ``playwright`` (a ``sync_playwright()`` context); the caller closes it.

    Raises
    ------
    FileNotFoundError
        If Chromium is not installed at :data:`CHROMIUM`.
    """
    if not installed():
        raise FileNotFoundError(f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=list(SWITCHES))
