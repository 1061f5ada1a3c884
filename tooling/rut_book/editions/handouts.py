"""Printable handouts: each chapter page of a built site printed to PDF by the installed Chromium.

The site's print stylesheet (``_static/print.css``) drops navigation, buttons and widget controls and opens
every collapsed block. Printed from the teacher site, solutions are in the handout; printed from the student
site (``--student``), there are none to print.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

from rut_book.editions import build as editions

CHROMIUM = os.environ.get("RUT_EDU_CHROMIUM", "/usr/bin/chromium")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build(site: Path, out: Path, student: bool = False, root: Path = editions.ROOT, browser=None) -> list[Path]:
    """Print every chapter of the site at ``site`` to ``out/<chapter>.pdf``; return the paths written.

    Parameters
    ----------
    site, out
        The built site's folder and the folder the PDFs go to.
    student
        Name the files ``<chapter>-student.pdf``.
    root
        The project whose ``_toc.yml`` lists the chapters.
    browser
        A Playwright browser to print with (a test's shared one); by default the installed Chromium is
        launched for the run and closed after it.

    Raises
    ------
    FileNotFoundError
        If the site or a chapter page is missing, or Chromium is not installed.
    """
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"no built site at {site}: run make book (or make student) first")
    out.mkdir(parents=True, exist_ok=True)
    if browser is not None:
        return _print_chapters(browser, site, out, student, root)
    if not Path(CHROMIUM).is_file():
        raise FileNotFoundError(f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"])
        try:
            return _print_chapters(launched, site, out, student, root)
        finally:
            launched.close()


def _print_chapters(browser, site: Path, out: Path, student: bool, root: Path) -> list[Path]:
    server = _serve(site)
    page = browser.new_page()
    written = []
    try:
        # A handout is printed from this machine's copy of the site only.
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
            ("http://127.0.0.1", "data:", "blob:")) else route.abort())
        for chapter in editions.chapters(root):
            html = site / "notebooks" / f"{chapter}.html"
            if not html.is_file():
                raise FileNotFoundError(f"{html} is missing from the built site")
            page.goto(f"http://127.0.0.1:{server.server_port}/notebooks/{chapter}.html", wait_until="load")
            page.emulate_media(media="print")
            path = out / f"{chapter}{'-student' if student else ''}.pdf"
            page.pdf(path=str(path), format="A4", print_background=True,
                     margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
            written.append(path)
    finally:
        page.close()
        server.shutdown()
        server.server_close()
    return written
