"""The built website page by page: every page visited in headless Chromium on a wide screen, or read as HTML for
what a reader must find there. The visits on a phone are test_site_phone.py (a file of their own, so a second
worker makes them while this one makes the wide ones); what a reader does on a page is test_site_interactions.py."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from browsing import ALLOWED_CONSOLE_ERRORS, ALLOWED_PAGE_ERRORS, Tab, axe_in_both_themes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def page_visits(browser, site_url, content_pages) -> dict[str, dict]:
    """One visit to every content page: what it logged and requested, its images' alt text, and every violation
    axe finds there, of any impact, in both themes."""
    from axe_playwright_python.sync_playwright import Axe

    axe, visits = Axe(), {}
    tab = Tab(browser)  # one tab, page after page: a new one costs Chromium a renderer process each time
    for path in content_pages:
        record = tab.visit(f"{site_url}/{path}")
        page = tab.page
        record["images"] = page.eval_on_selector_all(
            "main img, article img", "els => els.map(e => [e.getAttribute('src'), e.getAttribute('alt')])")
        # what the page itself logged and requested, kept before axe runs: axe re-reads the stylesheets for its
        # own rules and resolves their @import against the page, asking for files that are not there
        record = {key: list(value) for key, value in record.items()}
        record["axe"] = axe_in_both_themes(axe, page, path)
        # every icon drawn (a Font Awesome glyph before or after an element), and the icon faces fetched
        record["icons"] = page.evaluate("""() => [...document.querySelectorAll("*")].flatMap(element =>
            ["::before", "::after"].map(pseudo => getComputedStyle(element, pseudo))
              .filter(style => style.fontFamily.includes("Font Awesome") && /^"[\ue000-\uf8ff]"$/.test(style.content))
              .map(style => [style.fontFamily, style.content.codePointAt(1)]))""")
        record["icon_faces"] = page.evaluate("""() => performance.getEntriesByType("resource")
            .map(entry => entry.name).filter(name => name.includes("/webfonts/"))""")
        # the code a reader sees, folded cells opened: a block wider than its column scrolls sideways
        record["wide_code"] = page.evaluate("""() => {
            document.querySelectorAll("details").forEach(d => { d.open = true; });
            return [...document.querySelectorAll(".cell_input pre")]
                .filter(pre => pre.scrollWidth > pre.clientWidth + 1)
                .map(pre => [pre.scrollWidth, pre.clientWidth, pre.textContent.slice(0, 60)]); }""")
        visits[path] = record
    tab.close()
    return visits


def test_every_page_loads_cleanly(page_visits):
    problems = []
    for path, record in page_visits.items():
        console = [m for m in record["console"] if m not in ALLOWED_CONSOLE_ERRORS]
        errors = [m for m in record["page_errors"] if m not in ALLOWED_PAGE_ERRORS]
        for kind, items in (("console error", console), ("page error", errors), ("failed request", record["failed"]),
                            ("HTTP error", record["http_errors"]), ("request leaving the site", record["outside"])):
            problems += [f"{path}: {kind}: {item}" for item in items]
    assert not problems, "\n".join(problems)


def test_a_request_leaving_the_site_is_noted_and_fails(browser, tmp_path):
    # what test_every_page_loads_cleanly relies on: a page asking for a style sheet, an image or a script from
    # another host, or from another server on this machine, has each request noted as leaving the site, and each
    # fails (in the project's browser no host name but this machine's resolves: rut_book.browsers)
    from rut_book.servers import free_port, served_site

    outside = ["https://fonts.example.com/face.css", "http://images.example.net/chart.png",
               f"http://127.0.0.1:{free_port()}/script.js"]
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="en"><head><title>A page</title><link rel="stylesheet" href="{outside[0]}">'
        f'<script src="{outside[2]}"></script></head><body><img src="{outside[1]}" alt="a chart"></body></html>')
    tab = Tab(browser)
    try:
        with served_site(tmp_path) as address:
            record = tab.visit(f"{address}/index.html")
    finally:
        tab.close()
    assert sorted(record["outside"]) == sorted(outside)
    assert sorted(failed.split(" (")[0] for failed in record["failed"]) == sorted(outside)
    assert record["http_errors"] == []


def test_the_front_door_is_a_page_that_sends_the_reader_on(built_site):
    # index.html, where the site's address lands: a whole small document (language, title, an icon of its own
    # written into the page, so a browser asks for no /favicon.ico and fetches nothing it would cut off as it
    # leaves), sending the reader on to the first page (rut_book.sphinx_cleanup)
    door = (built_site / "index.html").read_text(encoding="utf-8")
    first_page = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', door).group(1)
    assert door.startswith("<!DOCTYPE html>") and '<html lang="en">' in door
    assert re.search(r"<title>rut-edu: [^<]+</title>", door)
    assert re.findall(r'<link rel="icon" href="([^"]+)">', door) == ["data:,"]
    assert (built_site / first_page).is_file() and f'<a href="{first_page}">' in door


def test_every_icon_drawn_is_in_the_cut_icon_face_and_the_whole_face_is_never_fetched(page_visits, built_site):
    # rut_book.icon_font cuts Font Awesome's solid face (157 KB) to the icons the site names; a page that drew an
    # icon the cut face lacks would show an empty box
    from fontTools.ttLib import TTFont
    from rut_book.icon_font import USED_FACE

    faces = {"Brands": built_site / USED_FACE.parent / "fa-brands-400-used.woff", "Free": built_site / USED_FACE}
    cut = {family: set(TTFont(path).getBestCmap()) for family, path in faces.items()}
    drawn = {(family, point) for record in page_visits.values() for family, point in record["icons"]}
    assert len(drawn) >= 5, drawn  # the theme switch, search, menu, ...
    missing = [(family, hex(point)) for family, point in sorted(drawn)
               if point not in cut["Brands" if "Brands" in family else "Free"]]
    assert missing == []
    assert all(len(points) < 60 and path.stat().st_size < 20_000 for points, path in zip(cut.values(), faces.values()))
    fetched = {name.rsplit("/", 1)[-1] for record in page_visits.values() for name in record["icon_faces"]}
    assert fetched <= {"fa-solid-900-used.woff", "fa-brands-400-used.woff"} and "fa-solid-900-used.woff" in fetched


def test_code_fits_the_column_at_1280(page_visits):
    # Chapter code is formatted to the column (make format): at 1280 px no code block scrolls sideways, folded
    # ones included (52 did, chapter 5's 13 of them, at 107-136 characters a line).
    found = [f"{path}: {wide} px in {column}: {text!r}" for path, record in page_visits.items()
             for wide, column, text in record["wide_code"]]
    assert sum(1 for path in page_visits if path.startswith("notebooks/")) >= 8
    assert not found, "\n".join(found)


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def _parse(path: Path) -> _LinkParser:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_internal_links_and_anchors_resolve(built_site, content_pages):
    parsed: dict[Path, _LinkParser] = {}
    broken, checked = [], 0
    for page in content_pages:
        source = built_site / page
        if source not in parsed:  # (setdefault would parse the page again on every call)
            parsed[source] = _parse(source)
        for href in parsed[source].links:
            target_url = urlparse(href)
            if target_url.scheme or target_url.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            checked += 1
            path_part, fragment = urldefrag(href)
            target = (source.parent / path_part).resolve() if path_part else source
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page}: {href} -> missing file")
                continue
            if fragment and target.suffix == ".html":
                if target not in parsed:
                    parsed[target] = _parse(target)
                if fragment not in parsed[target].ids:
                    broken.append(f"{page}: {href} -> no element with id {fragment!r}")
    assert checked > 20, "suspiciously few internal links"
    assert not broken, "\n".join(broken)


def test_no_currency_is_typeset_as_maths(built_site, content_pages):
    # A "$5 ... $50" pair in prose must stay text, not become an inline formula.
    import re

    suspicious = []
    for page in content_pages:
        for formula in re.findall(r'<span class="math notranslate nohighlight">(.*?)</span>', (built_site / page).read_text()):
            # words of prose inside a formula; a LaTeX command such as \times is not one
            if re.search(r"(?<!\\)\b(million|billion|trillion|times|dollars?)\b", formula):
                suspicious.append(f"{page}: {formula[:60]}")
    assert not suspicious, "\n".join(suspicious)


def test_content_images_have_alt_text(page_visits):
    missing = [f"{path}: {src}" for path, record in page_visits.items() for src, alt in record["images"]
               if not (alt or "").strip()]
    assert sum(len(record["images"]) for record in page_visits.values()) > 20, "suspiciously few images"
    assert not missing, "images without alt text:\n" + "\n".join(missing)


def test_no_accessibility_violations(page_visits):
    found = [problem for record in page_visits.values() for problem in record["axe"]]
    assert not found, "\n".join(found)


def test_theme_macro_override_matches_the_installed_theme():
    # The override drops one script line; if the theme changes, the copy must be redone.
    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "webpack-macros.html"
    ours = Path(__file__).resolve().parents[2] / "book" / "_templates" / "static" / "webpack-macros.html"
    strip = lambda text: [line for line in text.split("-->", 1)[1].splitlines()]  # noqa: E731 (after the header comment)
    dropped = ("fontawesome/6.5.2/js/all.min.js", "fa-brands-400.woff2", "fa-regular-400.woff2")
    expected = [line for line in strip(theme.read_text()) if not any(name in line for name in dropped)]
    # the solid face preloaded is the one cut to the site's icons (rut_book.icon_font)
    expected = [line.replace('type="font/woff2"', 'type="font/woff"').replace("fa-solid-900.woff2", "fa-solid-900-used.woff")
                .replace("css/all.min.css", "css/all-used.min.css") for line in expected]
    assert strip(ours.read_text()) == expected


def test_only_the_icon_face_the_pages_use_is_preloaded(built_site):
    """Font Awesome's brands and regular faces were preloaded on every page; no page draws one of their icons."""
    for page in [*built_site.glob("*.html"), *built_site.glob("book/*.html"), *built_site.glob("notebooks/*.html")]:
        text = page.read_text(encoding="utf-8")
        assert "fa-brands-400.woff2" not in text and "fa-regular-400.woff2" not in text, page.name
        assert not re.search(r'class="[^"]*\b(fa-brands|fab|fa-regular|far)\b', text), page.name


def test_glossary_has_working_letter_links(built_site):
    html = (built_site / "book" / "glossary.html").read_text(encoding="utf-8")
    import re

    letters = re.findall(r'href="#glossary-letter-([a-z])"', html)
    assert len(letters) >= 15
    for letter in letters:
        assert f'id="glossary-letter-{letter}"' in html


def test_every_chapter_widget_is_drawn_at_build_time_without_widget_javascript(built_site):
    from rut_edu.widgets import SITE_WIDGETS

    answering = set()
    for page in sorted((built_site / "notebooks").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert "rut-widget-live" in text or "rut-widget-snapshot" in text, f"{page.name}: no widget"
        answering.update(re.findall(r'class="rut-widget-live" data-widget="([a-z-]+)"', text))
        assert "application/vnd.jupyter.widget-view+json" not in text, f"{page.name}: a live widget view remains"
        assert "application/vnd.jupyter.widget-state+json" not in text, f"{page.name}: widget state shipped"
        assert "embed-amd.js" not in text and "require.js" not in text, f"{page.name}: widget JavaScript loaded"
    assert answering == set(SITE_WIDGETS), "every site widget answers on its chapter's page"


def test_tables_show_no_bibliography_keys_cut_text_or_times_of_day(built_site, content_pages):
    # what a reader reads in a table: a source is cited in the prose, not shown as its BibTeX key; pandas cuts
    # text longer than 50 characters to "..."; a date at midnight is a date
    import html
    import re

    keys = set(re.findall(r"@\w+\{([^,\s]+),", (ROOT / "book" / "references.bib").read_text(encoding="utf-8")))
    assert len(keys) > 20
    problems, cells = [], 0
    for page in content_pages:
        text = (built_site / page).read_text(encoding="utf-8")
        for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", text, flags=re.S):
            shown = html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            cells += 1
            if shown in keys or shown.endswith("...") or "00:00:00" in shown:
                problems.append(f"{page}: {shown[:70]!r}")
    assert cells > 500, cells
    assert not problems, "\n".join(problems)


def test_figure_alt_text_is_the_written_description(built_site, content_pages):
    # The descriptions passed to rut_edu.plotting.show must reach the page, not a file path.
    import re

    written = set()
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        for cell in json.loads(path.read_text())["cells"]:
            for output in cell.get("outputs", []):
                alt = output.get("metadata", {}).get("image/png", {}).get("alt")
                if alt:
                    written.add(" ".join(alt.split()))
    parser = re.compile(r'<img\b[^>]*>')
    problems, figures = [], 0
    for page in content_pages:
        html = (built_site / page).read_text(encoding="utf-8")
        article = html.split('<article', 1)[-1]
        for tag in parser.findall(article):
            alt = re.search(r'alt="([^"]*)"', tag)
            text = alt.group(1) if alt else ""
            if re.search(r"\.(png|jpe?g|svg|gif)$", text) or "/" in text or not text.strip():
                problems.append(f"{page}: alt {text!r}")
            elif page.startswith("notebooks/"):
                figures += 1
                if __import__("html").unescape(text) not in written:
                    problems.append(f"{page}: alt text not written in any notebook: {text[:60]!r}")
    assert figures >= 15, f"only {figures} chapter figures found"
    assert not problems, "\n".join(problems)


def test_an_edited_static_file_rewrites_the_pages(tmp_path):
    # Sphinx copies _static only when a page is written: the extension writes every page when those files change.
    from types import SimpleNamespace

    from rut_book.sphinx_cleanup import rewrite_pages_when_static_files_change

    (tmp_path / "_static").mkdir()
    script = tmp_path / "_static" / "a.js"
    script.write_text("one")
    app = SimpleNamespace(confdir=str(tmp_path), config=SimpleNamespace(html_static_path=["_static"],
                                                                        html_extra_path=["missing"]))
    env = SimpleNamespace(found_docs={"b", "a"})
    assert rewrite_pages_when_static_files_change(app, env) == ["a", "b"]  # first build: unknown digest
    assert rewrite_pages_when_static_files_change(app, env) == []
    script.write_text("two")
    assert rewrite_pages_when_static_files_change(app, env) == ["a", "b"]
    assert rewrite_pages_when_static_files_change(app, env) == []


def test_figures_link_to_their_full_size_image(built_site):
    # on a phone a figure is shrunk to a third: a tap opens the image alone
    html = (built_site / "notebooks" / "03_small_caps_volatility.html").read_text(encoding="utf-8")
    import re

    links = re.findall(r'<a class="reference internal image-reference" href="([^"]+)"><img [^>]*src="([^"]+)"', html)
    images = re.findall(r'<img [^>]*src="\.\./_images/', html)
    assert links and len(links) == len(images)
    assert all(href == src for href, src in links)
    assert all((built_site / "notebooks" / href).resolve().is_file() for href, _ in links)


def test_the_source_note_stays_in_the_source(built_site):
    for page in sorted((built_site / "notebooks").glob("*.html")):
        assert "You are reading the source" not in page.read_text(encoding="utf-8"), page.name


def test_every_chapter_and_the_credits_say_how_far_the_data_run(built_site):
    # the line comes from the data (rut_book.data_date), so it reads the shipped prices' last day
    from rut_book.data_date import data_to_text

    from rut_edu import data

    end = data.load_russell2000_daily().index[-1]
    expected = data_to_text()
    assert f"{end:%-d %B %Y}" in expected
    pages = sorted((built_site / "notebooks").glob("*.html")) + [built_site / "book" / "credits.html"]
    assert len(pages) == 9
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'class="rut-data-to"' in html and expected in html, page.name
    assert expected not in (built_site / "book" / "glossary.html").read_text(encoding="utf-8")


def test_the_credits_coverage_table_is_read_from_the_files(built_site):
    from rut_edu import data

    html = (built_site / "book" / "credits.html").read_text(encoding="utf-8")
    assert 'class="rut-data-coverage' in html or "rut-data-coverage" in html
    for name in data.CHECKSUMS:
        assert name in html, name
    last = f"{data.load_russell2000_daily().index[-1]:%Y-%m-%d}"
    assert last in html


def test_no_quiz_call_shows_above_its_quiz(built_site):
    """The quiz is drawn from a cell the reader has no use for on the website (quiz.show(...)): its input is
    removed there, and kept in the notebooks, where it runs the quiz."""
    import nbformat

    for chapter in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = [c for c in nbformat.read(chapter, as_version=4).cells
                 if c.cell_type == "code" and c.source.strip().startswith("quiz.show(")]
        assert cells and all("remove-input" in c.metadata.get("tags", []) for c in cells), chapter.name
        page = (built_site / "notebooks" / f"{chapter.stem}.html").read_text()
        assert "quiz.show(" not in re.sub(r"<[^>]+>", "", page), chapter.name
