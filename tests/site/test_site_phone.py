"""The built website on a phone: every content page visited in headless Chromium at 390 px, with touch.

Its own file so that pytest-xdist's loadfile mode gives the phone visits to another worker than the wide-screen
visits of test_site_pages.py.
"""

from __future__ import annotations

import pytest
from browsing import LOAD_FIGURES, Tab, axe_in_both_themes, fetched_sources


@pytest.fixture(scope="module")
def phone_visits(browser, site_url, content_pages) -> dict[str, dict]:
    """One visit to every content page on a 390 px phone: how wide the page is, its scrolling boxes, its tables,
    its figures after scrolling through them (source, drawn pixels, shown CSS pixels, visible) and the images it
    fetched; what went wrong as it loaded (browsing.Tab); and every violation axe finds, of any impact, in both
    themes."""
    from axe_playwright_python.sync_playwright import Axe

    axe, visits = Axe(), {}
    # one tab, page after page: a new one costs Chromium a renderer process each time
    tab = Tab(browser, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    for path in content_pages:
        visited = tab.visit(f"{site_url}/{path}")
        page, fetched = tab.page, visited["fetched_images"]
        record = {"problems": [f"{kind}: {item}" for kind in ("console", "page_errors", "failed", "http_errors", "outside")
                               for item in visited[kind]]}
        record["page_width"] = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        record["boxes"] = page.evaluate("""() => [...document.querySelectorAll(
            ".cell_output .output, .rut-widget-html, .rut-widget-snapshot, mjx-container[display='true']")]
            .filter(box => box.scrollWidth > box.clientWidth + 1)
            .map(box => [box.getAttribute("tabindex"),
                         box.getAttribute("aria-label") || (box.matches("mjx-container") ? "named by MathJax" : "")])""")
        record["axe"] = axe_in_both_themes(axe, page, f"{path} on a phone")
        record["wide_formulas"] = page.eval_on_selector_all("mjx-container[display='true']", """els => els
            .filter(m => m.scrollWidth > m.clientWidth + 1)
            .map(m => [m.scrollWidth, m.clientWidth, (m.getAttribute("aria-label") || m.textContent).slice(0, 50)])""")
        record["tables"] = page.evaluate("""() => [...document.querySelectorAll("article table")].map(table => {
            const box = table.closest(".output, .rut-widget-html") || table.parentElement;
            return [box.scrollWidth, box.clientWidth, table.innerText.slice(0, 60)]; })""")
        record["phone_figures"] = page.evaluate(LOAD_FIGURES, ".rut-figure-phone img")
        # a widget chart's text as drawn: its font size in the SVG's units times the SVG's scale on the page
        record["widget_chart_text"] = page.eval_on_selector_all(".rut-widget-html svg[role=img] text", """els =>
            els.map(t => { const svg = t.closest("svg");
                           return parseFloat(getComputedStyle(t).fontSize) * svg.getBoundingClientRect().width
                                  / svg.viewBox.baseVal.width; })""")
        record["wide_figures"] = page.eval_on_selector_all(
            ".rut-figure-wide img", "els => els.map(img => [img.getAttribute('src'), !!img.offsetParent])")
        record["fetched"] = list(fetched)
        visits[path] = record
    tab.close()
    return visits


def test_chapters_on_a_phone_keep_wide_boxes_reachable_and_pass_axe(phone_visits):
    # At 390 px a wide table or formula scrolls inside its own box; such a box takes keyboard focus and has a
    # name (axe: scrollable-region-focusable), and no violation of any impact appears at this width either.
    found, scrolling = [], 0
    for path, record in phone_visits.items():
        scrolling += len(record["boxes"])
        found += [f"{path}: a scrolling box without focus or name {box}" for box in record["boxes"]
                  if box[0] != "0" or not box[1]]
        found += record["axe"]
    assert scrolling and not found, "\n".join(found)


def test_every_page_loads_cleanly_on_a_phone(phone_visits):
    # what the wide visits check (test_site_pages.py), at 390 px with touch: no console or page error, no failed
    # or refused request, nothing fetched from outside the site
    problems = [f"{path}: {problem}" for path, record in phone_visits.items() for problem in record["problems"]]
    assert not problems, "\n".join(problems)


def test_display_formulas_fit_a_phone(phone_visits):
    # A formula too long for 390 px is written over several aligned lines: a reader scrolls code sideways, never
    # a formula (the glossary's pivot formulas were 1,032 px wide, chapter 6's HAC variance 615 px).
    found = [f"{path}: {formula}" for path, record in phone_visits.items() for formula in record["wide_formulas"]]
    assert not found, "\n".join(found)


def test_tables_on_a_phone_wrap_their_text(phone_visits):
    # Text cells wrap between words on a phone (site.css); a table with many numeric columns may still scroll
    # inside its box, but by less than half the column again. Pandas' Styler tables were kept on one line and
    # reached 1,380 px (chapter 5's instruments) before.
    tables = [(path, *table) for path, record in phone_visits.items() for table in record["tables"]]
    assert len(tables) > 40
    too_wide = [f"{path}: {wide} px in a {column} px column: {text!r}" for path, wide, column, text in tables
                if wide > 1.5 * column]
    assert not too_wide, "\n".join(too_wide)


def test_figures_on_a_phone_are_the_drawings_made_for_its_width(phone_visits):
    # Each chart is drawn twice (rut_edu.plotting.phone_png): a phone shows, and fetches, only the phone drawing,
    # in which the house's smallest type (9.5 pt tick labels) keeps at least 10 CSS px. The full-width drawing
    # shrank it to about 5 px.
    import matplotlib

    from rut_edu import plotting

    style = matplotlib.rc_params_from_file(str(plotting.STYLE_FILE), use_default_template=False)
    smallest_points = min(float(style[key]) for key in ("xtick.labelsize", "ytick.labelsize", "legend.fontsize",
                                                        "axes.labelsize"))
    assert smallest_points == 9.5
    problems, figures = [], 0
    for path, record in phone_visits.items():
        phone, wide = record["phone_figures"], record["wide_figures"]
        if len(phone) != len(wide):
            problems.append(f"{path}: {len(wide)} figures but {len(phone)} phone drawings")
        if any(visible for _src, visible in wide):
            problems.append(f"{path}: a full-width drawing is shown on a phone")
        if fetched_sources(wide, record["fetched"]):
            problems.append(f"{path}: fetched full-width drawings {fetched_sources(wide, record['fetched'])}")
        for src, drawn, shown, visible in phone:
            figures += 1
            inches = drawn / plotting.PHONE_DPI
            pixels = smallest_points / 72 * shown / inches
            if not visible or pixels < 10:
                problems.append(f"{path}: {src} visible={visible}, smallest type {pixels:.1f} px")
    assert figures >= 30, figures
    assert not problems, "\n".join(problems)


def test_widget_charts_on_a_phone_keep_readable_axis_text(phone_visits):
    # the widgets' SVG line charts (chapters 6 to 8) are scaled to the column; their axis text was 5.5 px
    sizes = {path: min(record["widget_chart_text"]) for path, record in phone_visits.items()
             if record["widget_chart_text"]}
    assert len(sizes) >= 3 and min(sizes.values()) >= 9.5, sizes


def test_no_page_is_wider_than_a_phone(phone_visits):
    # At 390 px a reader scrolls down, never sideways: wide tables, formulas and code scroll inside their box.
    assert len(phone_visits) > 10
    wide = [f"{path}: {scroll} px for a {client} px screen" for path, record in phone_visits.items()
            for scroll, client in [record["page_width"]] if scroll > client + 1]
    assert not wide, wide
