"""Printable handouts: each chapter page of a built site printed to PDF by the installed Chromium.

The site's print stylesheet (``_static/print.css``) drops navigation, buttons and widget controls and opens
every collapsed block, wraps long code lines instead of cutting them at the margin, and leaves out the
widget cells (the static figure after each widget prints). Every page carries the course and chapter at the
top and its page number at the foot. Printed from the teacher site, solutions are in the handout, and a
quiz answer key (``quiz-answer-key.pdf``) comes with it; printed from the student site (``--student``),
there are no solutions and no key.
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml

from rut_book import browsers
from rut_book.editions import build as editions
from rut_book.servers import serve_site


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
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = browsers.launch(playwright)
        try:
            return _print_chapters(launched, site, out, student, root)
        finally:
            launched.close()


MARGINS = {"top": "18mm", "bottom": "16mm", "left": "15mm", "right": "15mm"}


def _header(course: str, chapter_title: str) -> str:
    # Chromium draws these outside the page's own styles: the font size must be set here.
    return (f"<div style='font-size:8px;width:100%;margin:0 15mm;color:#333;display:flex;"
            f"justify-content:space-between'><span>{html.escape(course)}</span>"
            f"<span>{html.escape(chapter_title)}</span></div>")


FOOTER = ("<div style='font-size:8px;width:100%;text-align:center;color:#333'>"
          "page <span class='pageNumber'></span> of <span class='totalPages'></span></div>")


def course_title(root: Path) -> str:
    """The course's title, from ``_config.yml``."""
    return str(yaml.safe_load((root / "_config.yml").read_text())["title"])


def quiz_key_html(root: Path) -> str:
    """The teacher's quiz answer key: every chapter's quiz, each question with its right answer(s)."""
    from rut_edu import quiz

    titles = editions._page_titles(root)
    parts = [f"<h1>{html.escape(course_title(root))}: quiz answer key</h1>",
             "<p>For teachers. Each chapter's quiz, in book order, with the answers the quiz accepts.</p>"]
    for chapter in editions.chapters(root):
        name = chapter.split("_", 1)[1]
        parts.append(f"<h2>{html.escape(titles[f'notebooks/{chapter}'])}</h2><ol>")
        for question in quiz.load(name):
            right = []
            for answer in question["answers"]:
                if not answer.get("correct"):
                    continue
                if question["type"] == "multiple_choice":
                    right.append(str(answer["answer"]))
                elif answer.get("type") == "range":
                    low, high = answer["range"]
                    right.append(f"any number from {low:g} to {high:g}")
                else:
                    right.append(f"{answer['value']:g}")
            parts.append(f"<li><p>{html.escape(question['question'])}</p><p><strong>Answer:</strong> "
                         f"{html.escape('; '.join(right))}</p></li>")
        parts.append("</ol>")
    style = ("body{font-family:sans-serif;font-size:11pt;line-height:1.4;color:#111}"
             "h2{font-size:13pt;margin-top:1.2em;break-after:avoid}li{break-inside:avoid;margin-bottom:.5em}")
    return f"<!doctype html><html lang='en'><head><meta charset='utf-8'><style>{style}</style></head>" \
           f"<body>{''.join(parts)}</body></html>"


def _print_chapters(browser, site: Path, out: Path, student: bool, root: Path) -> list[Path]:
    course = course_title(root)
    titles = editions._page_titles(root)
    server = serve_site(site)
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
            # the website loads its figures lazily, as they near the screen: a handout needs every one now (the
            # full-width drawings; the phone drawings stay hidden in print)
            printed = "[...document.images].filter(img => !img.closest('.rut-figure-phone'))"
            page.evaluate(f"{printed}.forEach(img => {{ img.loading = 'eager'; }})")
            page.wait_for_function(f"{printed}.every(img => img.complete)", timeout=60_000)
            path = out / f"{chapter}{'-student' if student else ''}.pdf"
            page.pdf(path=str(path), format="A4", print_background=True, margin=MARGINS,
                     display_header_footer=True, header_template=_header(course, titles[f"notebooks/{chapter}"]),
                     footer_template=FOOTER)
            written.append(path)
        if not student:
            page.set_content(quiz_key_html(root), wait_until="load")
            path = out / "quiz-answer-key.pdf"
            page.pdf(path=str(path), format="A4", margin=MARGINS, display_header_footer=True,
                     header_template=_header(course, "Quiz answer key (teachers)"), footer_template=FOOTER)
            written.append(path)
    finally:
        page.close()
        server.shutdown()
        server.server_close()
    return written
