"""What the website's browser tests share: a page visit that records what went wrong, and which images a page
fetched. (The tests are in test_site_pages.py, every page read or visited, and test_site_interactions.py, what a
reader does on a page; pytest-xdist runs the two files on different workers.)"""

from __future__ import annotations

from urllib.parse import urlparse

# Console messages known to come from markup we do not write, exact text only. Empty: the theme gets an explicit
# mode, and the unused live-code (Thebe) scripts are removed by rut_book.sphinx_cleanup.
ALLOWED_CONSOLE_ERRORS: set[str] = set()
ALLOWED_PAGE_ERRORS: set[str] = set()

# axe gathers every node that passed a rule, too, unless told only the violations are wanted: half its time on a
# chapter page (measured: chapter 7, 5.1 s to 2.2 s; the glossary, 10.8 s to 5.2 s), the violations the same.
AXE_VIOLATIONS_ONLY = {"resultTypes": ["violations"]}


def visit(browser, url: str):
    """Open a page and record errors, failed requests and requests that leave the site."""
    context = browser.new_context()
    page = context.new_page()
    record = {"console": [], "page_errors": [], "failed": [], "outside": []}
    origin = urlparse(url).netloc

    page.on("console", lambda m: record["console"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: record["page_errors"].append(str(e)))
    page.on("requestfailed", lambda r: record["failed"].append(f"{r.url} ({r.failure})"))

    def route(route_):
        target = urlparse(route_.request.url)
        if target.scheme in ("http", "https") and target.netloc != origin:
            record["outside"].append(route_.request.url)
            return route_.abort()
        return route_.continue_()

    page.route("**/*", route)
    response_errors = []
    page.on("response", lambda r: response_errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    record["http_errors"] = response_errors
    return context, page, record


# Scroll each figure of a kind into view, as a reader does (the images load lazily), and wait for each to load.
LOAD_FIGURES = """async (selector) => {
    for (const img of document.querySelectorAll(selector)) {
        img.scrollIntoView();
        await new Promise(done => (img.complete && img.naturalWidth) ? done() : img.addEventListener("load", done));
    }
    return [...document.querySelectorAll(selector)].map(img =>
        [img.getAttribute("src"), img.naturalWidth, img.getBoundingClientRect().width, !!img.offsetParent]);
}"""


def note_image(fetched: list[str], request) -> None:
    if request.resource_type == "image":
        fetched.append(request.url)


def fetched_sources(images, urls: list[str]) -> list[str]:
    """The sources (relative, as the page writes them) among ``images`` that the browser asked for."""
    return [image[0] for image in images if any(url.endswith(image[0].rsplit("/", 1)[-1]) for url in urls)]
