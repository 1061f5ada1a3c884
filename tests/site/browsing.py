"""What the website's browser tests share: a page visit that records what went wrong, the conditions a test waits
on, and which images a page fetched. (The tests are in test_site_pages.py, every page read or visited, and
test_site_interactions.py, what a reader does on a page; pytest-xdist runs the two files on different workers.)

A test never pauses for a fixed time: on a shared machine any pause is too short at random. It waits for the
condition it needs (the page drawn, an animation finished, a drawer open), with a generous limit that only a
broken page reaches.
"""

from __future__ import annotations

from urllib.parse import urlparse

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

# Console messages known to come from markup we do not write, exact text only. Empty: the theme gets an explicit
# mode, and the unused live-code (Thebe) scripts are removed by rut_book.sphinx_cleanup.
ALLOWED_CONSOLE_ERRORS: set[str] = set()
ALLOWED_PAGE_ERRORS: set[str] = set()

# axe gathers every node that passed a rule, too, unless told only the violations are wanted: half its time on a
# chapter page (measured: chapter 7, 5.1 s to 2.2 s; the glossary, 10.8 s to 5.2 s), the violations the same.
AXE_VIOLATIONS_ONLY = {"resultTypes": ["violations"]}

# How long any one wait may last before the test fails: far beyond what a page needs on a loaded machine
# (a limit, not a budget: speed is measured by make bench).
WAIT_MS = 90_000

# The page is drawn: loaded, every quiz drawn into its container with its answers attached, and the site's own
# repairs made (they name the quiz answer boxes). (A waited-on condition is checked on each animation frame and
# must answer at once: Playwright does not await a promise it returns.)
DRAWN = """() => document.readyState === "complete"
    && [...document.querySelectorAll("div[data-shufflequestions]")].every(box => box.querySelector(".Quiz"))
    && [...document.querySelectorAll(".Quiz .Input-text")].every(box => box.dataset.answers)
    && !document.querySelector("input.Input-text:not([aria-label])")"""
# Its fonts are in and MathJax has typeset what was there when it started.
TYPESET = """async () => {
    await document.fonts.ready;
    if (window.MathJax && window.MathJax.startup && window.MathJax.startup.promise) await window.MathJax.startup.promise;
}"""
# No finite CSS animation or transition is still running (a theme switch's colours, a drawer sliding in).
STILL = """() => document.getAnimations().every(a => a.playState !== "running"
    || !a.effect || a.effect.getComputedTiming().endTime === Infinity)"""


def new_context(browser, **options):
    """A browser context whose every wait (Playwright's own included) is limited to :data:`WAIT_MS`."""
    context = browser.new_context(**options)
    context.set_default_timeout(WAIT_MS)
    return context


def wait_until(page, condition: str, what: str, arg=None) -> None:
    """Wait until the JavaScript function ``condition`` (given ``arg``) returns a true value in ``page``; fail
    with ``what`` (the condition in words) if it never does."""
    try:
        page.wait_for_function(condition, arg=arg, timeout=WAIT_MS)
    except PlaywrightTimeout:
        raise AssertionError(f"waited {WAIT_MS / 1000:.0f} s and still not true: {what}") from None


def settle(page) -> None:
    """Wait until the page is drawn (:data:`DRAWN`), typeset (:data:`TYPESET`) and still (:data:`STILL`)."""
    wait_until(page, DRAWN, "the page drawn: its quizzes with their answers, the site's repairs")
    page.evaluate(TYPESET)
    wait_until(page, STILL, "no animation or transition running")


class Tab:
    """One browser tab that visits page after page, keeping a record for each of what went wrong there: console
    errors, page errors, failed requests, HTTP errors, requests that leave the site, and the images it asked for.

    Chromium starts a renderer process for every new context or tab (two: the blank tab's, then the site's), about
    a second of CPU; navigating a tab within the site starts none. Each visit is a new document, so nothing of the
    last page's DOM or scripts is left; the site's storage is cleared and the pointer put back in the corner before
    it, and a tab whose last page cannot be reached any more is replaced by a new one.
    """

    def __init__(self, browser, **options):
        self._browser, self._options = browser, options
        self.record: dict[str, list[str]] = {}
        self._origin = ""
        self._open()

    def _open(self) -> None:
        self.context = new_context(self._browser, **self._options)
        self.page = page = self.context.new_page()
        self._origin = ""
        page.on("console", lambda m: self._note("console", m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self._note("page_errors", str(e)))
        page.on("requestfailed", lambda r: self._note("failed", f"{r.url} ({r.failure})"))
        page.on("response", lambda r: self._note("http_errors", f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("request", self._requested)

    def _note(self, kind: str, item: str) -> None:
        self.record.setdefault(kind, []).append(item)

    def _requested(self, request) -> None:
        # Noted, not intercepted: routing every request through Playwright costs about 0.2 s of CPU a page. The
        # browser cannot reach outside anyway (rut_book.browsers: no host name but this machine's resolves), so
        # such a request fails at once, and is noted here as leaving the site and as failed.
        target = urlparse(request.url)
        if target.scheme in ("http", "https") and target.netloc != self._origin:
            self._note("outside", request.url)
        if request.resource_type == "image":
            self._note("fetched_images", request.url)

    def visit(self, url: str) -> dict[str, list[str]]:
        """Open ``url`` in this tab and wait until it is drawn (:func:`settle`); the new page's record."""
        if self._origin:  # what the site's last page stored goes before the next page reads it
            try:
                self.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
                self.page.mouse.move(0, 0)  # where a new tab's pointer starts: not hovering over the next page
            except PlaywrightError:  # the last page was left mid-navigation: a new tab is clean for certain
                self.close()
                self._open()
        self._origin = urlparse(url).netloc
        self.record = {kind: [] for kind in ("console", "page_errors", "failed", "http_errors", "outside", "fetched_images")}
        self.page.goto(url, wait_until="networkidle")
        settle(self.page)
        return self.record

    def close(self) -> None:
        self.context.close()


def visit(browser, url: str):
    """Open a page in a context of its own and record what went wrong (see :class:`Tab`): the context, the page
    and the record."""
    tab = Tab(browser)
    record = tab.visit(url)
    return tab.context, tab.page, record


# Scroll each figure of a kind into view, as a reader does (the images load lazily), and wait for each to load.
LOAD_FIGURES = """async (selector) => {
    for (const img of document.querySelectorAll(selector)) {
        img.scrollIntoView();
        await new Promise(done => (img.complete && img.naturalWidth) ? done() : img.addEventListener("load", done));
    }
    return [...document.querySelectorAll(selector)].map(img =>
        [img.getAttribute("src"), img.naturalWidth, img.getBoundingClientRect().width, !!img.offsetParent]);
}"""


def fetched_sources(images, urls: list[str]) -> list[str]:
    """The sources (relative, as the page writes them) among ``images`` that the browser asked for."""
    return [image[0] for image in images if any(url.endswith(image[0].rsplit("/", 1)[-1]) for url in urls)]


def axe_in_both_themes(axe, page, path: str) -> list[str]:
    """Every axe violation of any impact on ``page``, in the light theme and then the dark one."""
    found = []
    for theme in ("light", "dark"):
        page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
        settle(page)  # the theme's colour transitions have finished
        found += [f"{path} ({theme}): {violation['id']} ({violation['impact']}): {violation['help']} at "
                  f"{[n['target'] for n in violation['nodes']][:3]}"
                  for violation in axe.run(page, options=AXE_VIOLATIONS_ONLY).response["violations"]]
    return found
