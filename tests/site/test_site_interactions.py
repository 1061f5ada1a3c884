"""What a reader does on the built website, in headless Chromium: search, move the widgets, answer the quizzes,
open the phone menus, switch themes. Every page read or visited is test_site_pages.py."""

from __future__ import annotations

import functools
import json
import random
import re
from pathlib import Path

import pytest
from browsing import (
    ALLOWED_PAGE_ERRORS,
    AXE_VIOLATIONS_ONLY,
    LOAD_FIGURES,
    Tab,
    fetched_sources,
    new_context,
    settle,
    visit,
    wait_until,
)
from rut_book.editions import build as editions

from rut_edu.widgets import SITE_WIDGETS

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


@pytest.fixture(scope="module")
def tabs(browser):
    """``tabs(**screen)``: this file's tab for a kind of screen (context options; none for the default 1280 x 720),
    opened once and shared by its tests (browsing.Tab: each test's page is a new document in it, the site's storage
    cleared). Tests that measure a first visit (bytes fetched, the drawings a screen asks for) open their own."""
    opened: dict[str, Tab] = {}

    def tab(**screen) -> Tab:
        key = json.dumps(screen, sort_keys=True)
        if key not in opened:
            opened[key] = Tab(browser, **screen)
        return opened[key]

    yield tab
    for each in opened.values():
        each.close()


def _open(tabs, url: str, **screen):
    """``url`` in the shared tab for ``screen``: the page and what it logged and requested (browsing.Tab)."""
    tab = tabs(**screen)
    record = tab.visit(url)
    return tab.page, record


def test_a_wide_screen_fetches_only_the_full_width_drawings(browser, site_url):
    tab = Tab(browser, viewport={"width": 1280, "height": 800})  # a tab of its own: what a first visit fetches
    fetched, page = tab.visit(f"{site_url}/notebooks/03_small_caps_volatility.html")["fetched_images"], tab.page
    wide = page.evaluate(LOAD_FIGURES, ".rut-figure-wide img")
    settle(page)  # the lazy images' fetches are decided by the frames drawn once they are in view
    phone = page.eval_on_selector_all(".rut-figure-phone img",
                                      "els => els.map(img => [img.getAttribute('src'), !!img.offsetParent])")
    tab.close()
    assert len(wide) == len(phone) >= 5
    assert all(visible and drawn > 800 for _src, drawn, _shown, visible in wide)
    assert not any(visible for _src, visible in phone)
    assert not fetched_sources(phone, fetched)


def test_search_finds_reconstitution(tabs, site_url):
    page, record = _open(tabs, f"{site_url}/search.html?q=reconstitution")
    # the snippet repairs hook into Sphinx's own Search.htmlToText; a Sphinx that renames it fails here, by name
    assert page.evaluate("() => typeof Search !== 'undefined' && Search.htmlToText && Search.htmlToText.rutSnippets"), (
        "Sphinx's Search.htmlToText is gone or unpatched: _static/search-snippets.js needs updating")
    page.wait_for_selector("#search-results li, .search li")
    hits = page.eval_on_selector_all("#search-results li a, .search li a", "els => els.map(e => e.href)")
    wait_until(page, "() => document.body.innerText.includes('Search finished')", "the search has finished")
    snippets = page.eval_on_selector_all("#search-results li p.context", "els => els.map(e => e.textContent)")
    assert any("01_meet_the_russell_2000" in h for h in hits), hits
    # a snippet is the page's text around the word, never the buttons or the page outline before it
    assert snippets and not [text for text in snippets if "Contents" in text or ".ipynb" in text or ".pdf" in text]


def _search(tabs, site_url, query):
    page, record = _open(tabs, f"{site_url}/search.html?q={query}")
    wait_until(page, "() => document.body.innerText.includes('Search finished')", "the search has finished")
    hits = page.eval_on_selector_all("#search-results li > a", "els => els.map(e => e.href)")
    snippets = page.eval_on_selector_all("#search-results li p.context", "els => els.map(e => e.textContent)")
    return hits, snippets


def test_search_finds_rstar_spelled_without_a_hyphen(tabs, site_url):
    hits, snippets = _search(tabs, site_url, "rstar")
    # the glossary's term first, then the chapter that teaches it (an index entry), before pages that mention it
    assert "glossary" in hits[0] and "06_rstar_and_rates" in hits[1], hits[:4]
    # a term and its aliases read as a list, not one word
    assert any("R-star; r*; rstar; r star;" in text for text in snippets), snippets


@pytest.mark.parametrize("query", ["basis", "divisor", "rstar"])
def test_search_snippets_are_prose_not_code_or_tex(tabs, site_url, query):
    hits, snippets = _search(tabs, site_url, query)
    assert snippets
    for text in snippets:
        assert "\\[" not in text and "\\(" not in text and "import " not in text and "glue_all" not in text, text
        assert "R-starr*" not in text, text


def test_widget_page_renders_widgets(tabs, site_url):
    # Chapter 2's explorer on the website: a company menu, two sliders named by their labels and a menu of float
    # factors, opening on the notebook's state (every company as launched)
    page, record = _open(tabs, f"{site_url}/notebooks/02_cap_weighting.html")
    widget = page.locator(".rut-widget-live").first
    sliders = widget.locator("input[type=range]")
    names = [sliders.nth(i).evaluate("e => e.labels.length ? e.labels[0].textContent : e.getAttribute('aria-label')")
             for i in range(sliders.count())]
    readouts = widget.locator("output.rut-widget-readout").all_inner_texts()
    menus = widget.locator("select").all_inner_texts()
    assert names == ["Price vs launch", "Shares vs launch"]
    assert readouts == ["as launched"] * 2 and menus == ["A\nB\nC\nD\nE", "as launched\n0.20\n0.50\n1.00"]


def test_static_widgets_say_they_are_snapshots_and_do_not_move(tabs, site_url):
    # The glossary search takes any typed word, so it stays a snapshot (the site's search answers typed words):
    # a control that moved would leave its readout wrong.
    page, record = _open(tabs, f"{site_url}/notebooks/01_meet_the_russell_2000.html")
    snapshot = page.locator(".rut-widget-snapshot").first
    note = snapshot.locator(".rut-widget-note").inner_text()
    disabled = snapshot.locator("select, input, button").evaluate_all("els => els.map(e => e.disabled)")
    before = snapshot.locator(".rut-widget-html").inner_text()
    snapshot.locator("input").first.click(force=True)
    page.keyboard.type("beta")
    after = snapshot.locator(".rut-widget-html").inner_text()
    scripts = page.eval_on_selector_all("script[src]", "els => els.map(e => e.src)")
    assert "running notebook" in note and "launch" in note and "search" in note
    assert disabled and all(disabled)
    assert before == after
    assert not [src for src in scripts if "html-manager" in src or "require" in src], scripts


@functools.cache
def _site_inputs(name: str) -> tuple:
    return SITE_WIDGETS[name].inputs()


def _bytes_transferred(page) -> int:
    return page.evaluate("""() => performance.getEntriesByType('navigation').concat(
        performance.getEntriesByType('resource')).reduce((total, e) => total + e.transferSize, 0)""")


def _move_to(widget, axis: int, position: int) -> None:
    """Move one control the way a reader does: drag a slider, pick from a menu, press a switch, tick a box."""
    control = widget.locator(f"[data-axis='{axis}']")
    kind = control.evaluate("e => e.tagName.toLowerCase() + ':' + (e.type || '')")
    if kind == "input:range":
        control.fill(str(position))
    elif kind.startswith("select"):
        control.select_option(str(position))
    elif kind == "input:checkbox":
        control.set_checked(position == 1)
    else:
        control.locator(f"button[data-position='{position}']").click()


def _page_holding(built_site: Path, widget_name: str) -> str:
    """The chapter page whose answering widget is ``widget_name`` (each declared widget lives on one page)."""
    marker = f'class="rut-widget-live" data-widget="{widget_name}"'
    pages = [chapter for chapter in editions.chapters(ROOT)
             if marker in (built_site / "notebooks" / f"{chapter}.html").read_text(encoding="utf-8")]
    assert len(pages) == 1, f"the {widget_name} widget is on {pages or 'no page'}"
    return pages[0]


@pytest.mark.parametrize("widget_name", sorted(SITE_WIDGETS))
def test_website_widgets_answer_like_the_python_function(browser, site_url, built_site, widget_name):
    """Random grid states set through the page's controls show exactly the readouts the package's function gives
    for the same state; the controls step only through the grid; the page stays within its byte budget."""
    chapter = _page_holding(built_site, widget_name)
    context, page, record = visit(browser, f"{site_url}/notebooks/{chapter}.html")
    before = _bytes_transferred(page)
    loaded_before = page.evaluate("performance.getEntriesByType('resource').filter(e => "
                                  "e.name.includes('widget-states')).length")
    widgets = page.locator(f".rut-widget-live[data-widget='{widget_name}']")
    assert widgets.count() == 1
    rng = random.Random(f"website widgets {chapter}")
    for w in range(widgets.count()):
        widget = widgets.nth(w)
        site = SITE_WIDGETS[widget_name]
        # the controls offer the grid's values and nothing else
        for axis_number, axis in enumerate(site.axes):
            control = widget.locator(f"[data-axis='{axis_number}']")
            offered = control.evaluate("""e => e.type === 'range' ? ['range', e.min, e.max, e.step, JSON.parse(e.dataset.labels)]
                : e.type === 'checkbox' ? ['checkbox'] : e.tagName === 'SELECT' ? ['menu', [...e.options].map(o => o.text)]
                : ['switch', [...e.querySelectorAll('button')].map(b => b.textContent)]""")
            expected = {"range": ["range", "0", str(len(axis.values) - 1), "1", list(axis.labels)],
                        "checkbox": ["checkbox"] if axis.values == (False, True) else None,
                        "menu": ["menu", list(axis.labels)], "switch": ["switch", list(axis.labels)]}[offered[0]]
            assert offered == expected, (site.name, axis.description, offered)
        states = list(site.states())
        for k in rng.sample(range(len(states)), min(6, len(states))):
            positions = [axis.position(value) for axis, value in zip(site.axes, states[k])]
            for axis_number, position in enumerate(positions):
                _move_to(widget, axis_number, position)
            wait_until(page, "([el, k]) => el.dataset.shownState === String(k) && !el.hasAttribute('aria-busy')",
                       f"{site.name} shows state {k}", arg=[widget.element_handle(), k])
            shown = widget.locator("[data-readout]").evaluate_all("els => els.map(e => e.innerHTML)")
            # the same browser parses the function's HTML, so the two compare as the page would show them
            wanted = page.evaluate("""parts => parts.map(html => {
                const box = document.createElement('div'); box.innerHTML = html; return box.innerHTML; })""",
                                   list(site.readouts(*_site_inputs(site.name), *states[k])))
            assert shown == wanted, (site.name, states[k])
        # the readouts are not live regions; the status line announces the values chosen and a first line
        assert widget.locator("[data-readout][aria-live]").count() == 0
        status = widget.locator(".rut-widget-status[role='status']").inner_text()
        assert all(axis.description in status for axis in site.axes), status
        assert len(status) < 400, status
    after = _bytes_transferred(page)
    context.close()
    assert loaded_before == 0, "the states load on the first touch, not with the page"
    assert not record["console"] and not record["page_errors"] and not record["http_errors"], record
    assert before < 1_000_000, f"{chapter}: {before:,} bytes before any interaction"
    assert after < 1_500_000, f"{chapter}: {after:,} bytes after touching its {widget_name} widget"
    # (how fast a move answers is timed by make bench, not here: a shared machine is slow at random)


def test_math_is_typeset(tabs, site_url):
    page, record = _open(tabs, f"{site_url}/notebooks/02_cap_weighting.html")
    page.wait_for_selector("mjx-container")
    count = page.locator("mjx-container").count()
    assert count > 3


# WCAG contrast of every visible text in an element against its nearest opaque background; returns failures.
CONTRAST_JS = (Path(__file__).resolve().parents[1] / "contrast.js").read_text()


# Every chapter has a quiz (the chapter template test insists), so every chapter page is answered.
CHAPTER_PAGES = [f"notebooks/{chapter}.html" for chapter in editions.chapters(ROOT)]


def _right_typed_answer(answers: list[dict]) -> str:
    for answer in answers:
        if answer.get("correct"):
            if answer["type"] == "value":
                return str(answer["value"])
            low, high = answer["range"]
            return str(round((low + high) / 2, 6))
    raise AssertionError(f"a typed question with no correct answer: {answers}")


def _answer_every_question(page) -> int:
    """Click every multiple-choice answer and type a wrong then the right numeric answer; each time check that
    the quiz marks the answer as the quiz data says (right or wrong) and shows its feedback."""
    clicks, wrong = 0, []
    for button in page.locator(".Quiz .MCButton").all():
        button.scroll_into_view_if_needed()
        button.click()
        expected = "correctButton" if button.get_attribute("data-correct") == "true" else "incorrectButton"
        classes = (button.get_attribute("class") or "").split()
        if expected not in classes:
            wrong.append(f"{button.inner_text()!r}: expected {expected}, got {classes}")
        clicks += 1
    for field in page.locator(".Quiz .Input-text").all():
        answers = json.loads(field.get_attribute("data-answers"))
        for typed, expected in (("123456", "incorrectButton"), (_right_typed_answer(answers), "correctButton")):
            field.fill(typed)
            field.press("Enter")
            classes = (field.get_attribute("class") or "").split()
            if expected not in classes:
                wrong.append(f"typed {typed}: expected {expected}, got {classes}")
            clicks += 1
    assert not wrong, wrong
    return clicks


@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_quiz_feedback_is_readable_after_answering_in_both_themes(tabs, site_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page, record = _open(tabs, f"{site_url}/{path}")
    # (visit waited until every quiz was drawn with its answers attached: on a loaded machine a typed answer
    # once arrived before the numeric question's data, a "reading '0'" page error)
    page.wait_for_selector(".Quiz .MCButton")
    assert _answer_every_question(page) >= 3
    # the answer animations (0.6-0.8 s) fill the chosen buttons: measure once they have
    settle(page)
    feedback = page.eval_on_selector_all(".Quiz .Feedback", "els => els.filter(e => e.offsetParent).map(e => e.innerText)")
    assert feedback and all(text.strip() for text in feedback), feedback
    problems = []
    for theme in ("light", "dark"):
        page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
        settle(page)  # the theme's colour transitions have finished
        # axe reports animated fills as "incomplete", not as violations: measure every text node as well.
        problems += [f"{theme}: {item}" for item in page.evaluate(CONTRAST_JS, ".Quiz")]
        results = Axe().run(page, context=".Quiz", options={"runOnly": ["color-contrast"], **AXE_VIOLATIONS_ONLY})
        for violation in results.response["violations"]:
            problems += [f"{theme}: {node['target']}: {node.get('failureSummary', '')[:160]}" for node in violation["nodes"]]
    errors = [m for m in record["page_errors"] if m not in ALLOWED_PAGE_ERRORS]
    assert not errors, errors
    assert not problems, "\n".join(problems)


def test_the_back_to_top_button_reads_in_both_themes(tabs, site_url):
    """The button appears only once a reader has scrolled down and back up, so the page visits never meet it."""
    from axe_playwright_python.sync_playwright import Axe

    page, _record = _open(tabs, f"{site_url}/notebooks/02_cap_weighting.html", **PHONE)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    page.mouse.wheel(0, -300)  # the theme shows the button when the reader scrolls back up
    page.wait_for_selector("#pst-back-to-top", state="visible")
    problems = []
    for theme in ("light", "dark"):
        page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
        settle(page)
        results = Axe().run(page, context="#pst-back-to-top", options={"runOnly": ["color-contrast"],
                                                                       **AXE_VIOLATIONS_ONLY})
        problems += [f"{theme}: {v['id']}" for v in results.response["violations"]]
    assert not problems, problems


def test_figures_keep_their_white_ground_in_the_dark_theme(browser, site_url):
    context = new_context(browser, viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{site_url}/notebooks/02_cap_weighting.html", wait_until="networkidle")
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    settle(page)
    styles = page.eval_on_selector_all(".cell_output img", "els => els.map(e => [getComputedStyle(e).filter, "
                                                           "getComputedStyle(e).backgroundColor])")
    context.close()
    assert styles and all(style == ["none", "rgb(255, 255, 255)"] for style in styles), styles


def test_a_tap_leaves_no_tooltip_over_the_header(tabs, site_url):
    """On a touch screen a tapped header button's tooltip stayed open over the next button; the next tap, on
    Search, then missed. Tap the theme switch, then Search: the search dialog opens."""
    page, _record = _open(tabs, f"{site_url}/notebooks/02_cap_weighting.html", **PHONE)
    page.locator(".theme-switch-button:visible").first.tap()
    page.wait_for_selector(".tooltip", state="attached")  # the theme's script opens one for the tapped button
    shown = page.eval_on_selector_all(".tooltip", "els => els.filter(e => getComputedStyle(e).display !== 'none'"
                                                  " && e.getBoundingClientRect().width > 0).length")
    page.locator(".search-button:visible, .search-button__button:visible").first.tap()
    page.wait_for_selector("#search-input:visible, .search-button__search-container input:visible")
    assert shown == 0


def test_a_quiz_answers_by_keyboard_only_when_asked(tabs, site_url):
    """Tab reaches an answer and shows a ring around it; the arrow keys move between answers without answering
    (one press once answered the next option, marked wrong); Space answers with the focused option."""
    page, _record = _open(tabs, f"{site_url}/notebooks/02_cap_weighting.html")
    quiz = page.locator(".Quiz").first
    marked = ".MCButton.correctButton, .MCButton.incorrectButton"
    quiz.locator(".MCButton input[type=radio]").first.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # focus arrives from the keyboard, as a reader's does
    ring = page.evaluate("() => getComputedStyle(document.activeElement.closest('.MCButton')).outlineStyle")
    first = page.evaluate("() => document.activeElement.id")
    page.keyboard.press("ArrowDown")
    moved_to = page.evaluate("() => document.activeElement.id")
    answered_by_arrow = quiz.locator(marked).count()
    page.keyboard.press("Space")
    quiz.locator(marked).first.wait_for()
    chosen = quiz.locator(marked).first.locator("input").get_attribute("id")
    assert ring not in ("none", "") and answered_by_arrow == 0
    assert moved_to != first and chosen == moved_to


def test_table_cells_of_words_read_from_the_left_and_numbers_from_the_right(tabs, site_url):
    """On a phone, words right-aligned in a narrow column began at a ragged edge: the instruments table of
    chapter 5 has both kinds of cell."""
    page, _record = _open(tabs, f"{site_url}/notebooks/05_trading_the_index.html", **PHONE)
    # result tables (a widget's readout is the Python function's own HTML, checked against it elsewhere)
    cells = page.eval_on_selector_all(".cell_output table td", """els => els
        .filter(e => !e.closest('.rut-widget-live, .rut-widget-snapshot, .rut-widget-html'))
        .map(e => [e.textContent.trim(), getComputedStyle(e).textAlign])""")
    words = [align for text, align in cells if re.fullmatch(r"[A-Za-z][A-Za-z ,()'/-]{3,}", text)]
    numbers = [align for text, align in cells if re.fullmatch(r"[-\u2212+$]?[\d.,]+%?", text)]
    assert words and numbers
    assert set(words) == {"left"} and set(numbers) == {"right"}, (set(words), set(numbers))


def test_phone_menu_opens_by_tapping_and_reaches_another_chapter(tabs, site_url):
    page, _record = _open(tabs, f"{site_url}/notebooks/02_cap_weighting.html", **PHONE)
    link = page.locator("nav.bd-links a", has_text="Reconstitution").first
    assert not link.is_visible() or link.bounding_box()["x"] < 0, "the menu should start closed on a phone"
    page.locator("button[aria-label='Toggle primary sidebar']").first.tap()
    wait_until(page, "link => { const box = link.getBoundingClientRect(); return box.width > 0 && box.left >= 0; }",
               "the menu opens on a tap", arg=link.element_handle())
    settle(page)
    box = link.bounding_box()
    assert link.is_visible() and box and 0 <= box["x"] < 390, f"menu did not open on tap: {box}"
    with page.expect_navigation():
        link.tap()
    assert page.url.endswith("04_reconstitution.html"), page.url


def test_phone_outline_drawer_closes_after_a_jump_and_on_escape(tabs, site_url):
    page, _record = _open(tabs, f"{site_url}/notebooks/04_reconstitution.html", **PHONE)
    drawer = page.locator(".bd-sidebar-secondary")
    toggle = page.locator("button.secondary-toggle").first
    shown = "e => getComputedStyle(e).visibility === 'visible' && e.getBoundingClientRect().left < 390"
    for close in ("tap a link", "Escape"):
        toggle.tap()
        wait_until(page, shown, "the outline drawer opens on a tap", arg=drawer.element_handle())
        settle(page)
        if close == "Escape":
            page.keyboard.press("Escape")
        else:
            drawer.locator("a.nav-link").nth(1).tap()
        wait_until(page, f"e => !({shown})(e)", f"the outline drawer closes ({close})", arg=drawer.element_handle())


def test_phone_search_field_is_clear_of_its_icon_and_offers_no_shortcut(tabs, site_url):
    page, _record = _open(tabs, f"{site_url}/notebooks/04_reconstitution.html", **PHONE)
    next(button for button in page.locator("button[aria-label='Search']").all() if button.is_visible()).tap()
    form = page.locator(".search-button__search-container form.bd-search")
    form.locator("input").wait_for(state="visible")
    settle(page)
    icon_right, text_left, hint_shown = form.evaluate("""form => {
        const icon = form.querySelector("i").getBoundingClientRect();
        const input = form.querySelector("input");
        const box = input.getBoundingClientRect();
        const hint = form.querySelector(".search-button__kbd-shortcut");
        return [icon.right, box.left + parseFloat(getComputedStyle(input).paddingLeft),
                !!hint && getComputedStyle(hint).display !== "none"]; }""")
    assert text_left >= icon_right + 4 and not hint_shown, (icon_right, text_left, hint_shown)


def test_styled_tables_look_like_the_other_result_tables(tabs, site_url):
    page, record = _open(tabs, f"{site_url}/notebooks/02_cap_weighting.html")
    styled = page.locator('div.cell_output table[id^="T_"]').first
    plain = page.locator("div.cell_output table.dataframe").first
    looks = "t => { const s = getComputedStyle(t), h = getComputedStyle(t.querySelector('thead tr')); " \
            "return [s.borderTopStyle, s.borderTopColor, h.borderBottomStyle, h.borderBottomColor, h.backgroundColor]; }"
    styled_look, plain_look = styled.evaluate(looks), plain.evaluate(looks)
    assert styled_look == plain_look and styled_look[0] != "none"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_header_buttons_show_a_focus_ring_from_the_keyboard(tabs, site_url, theme):
    page, _ = _open(tabs, f"{site_url}/notebooks/02_cap_weighting.html")
    page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
    buttons = page.locator(".bd-header-article button, .bd-header button.sidebar-toggle")
    assert buttons.count() >= 5
    page.keyboard.press("Tab")  # keyboard use first, so programmatic focus counts as keyboard focus
    for k in range(buttons.count()):
        button = buttons.nth(k)
        if not button.is_visible():
            continue
        button.focus()
        ring = button.evaluate("b => { const s = getComputedStyle(b); return [s.outlineStyle, s.outlineWidth, "
                               "s.outlineColor, b.matches(':focus-visible')]; }")
        label = button.get_attribute("aria-label") or button.get_attribute("title")
        assert ring[3] and ring[0] == "solid" and float(ring[1].rstrip("px")) >= 2, (label, ring)


def test_launch_button_says_run_in_words(tabs, site_url):
    # an icon alone does not say what a button does; the visible word is part of the accessible name
    page, record = _open(tabs, f"{site_url}/notebooks/04_reconstitution.html")
    label, display, name = page.eval_on_selector(
        ".dropdown-launch-buttons > button",
        "e => [getComputedStyle(e, '::after').content, getComputedStyle(e, '::after').display, e.getAttribute('aria-label')]")
    assert label == '"Run"' and display != "none" and name.startswith("Run")


def test_a_solution_title_opens_its_solution_and_goes_nowhere(tabs, site_url):
    # "Solution to Exercise N": the number was a link back to the exercise, so a click on it left the page
    # position and the solution closed. The title is the toggle; it holds no link.
    page, record = _open(tabs, f"{site_url}/notebooks/03_small_caps_volatility.html")
    solution = page.locator(".solution").first
    title = solution.locator(".admonition-title")
    assert title.locator("a").count() == 0 and "Exercise" in title.inner_text()
    before = page.url
    # click on the words "Exercise N" themselves
    x, y = title.evaluate("""title => {
        const words = [...title.childNodes].find(node => node.textContent.includes("Exercise"));
        const range = document.createRange(); range.selectNodeContents(words);
        const box = range.getBoundingClientRect(), own = title.getBoundingClientRect();
        const at = words.textContent.indexOf("Exercise");
        range.setStart(words.nodeType === 3 ? words : words.firstChild, at);
        const start = range.getBoundingClientRect();
        return [start.left - own.left + 10, box.top - own.top + box.height / 2]; }""")
    title.click(position={"x": x, "y": y})
    wait_until(page, "button => button.getAttribute('aria-expanded') === 'true'", "the solution opens on a click",
               arg=solution.locator("button.toggle-button").element_handle())
    after = page.url
    assert after == before


def _luminance(rgb: str) -> float:
    channels = [int(v) / 255 for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_widget_chart_legends_are_readable_in_both_themes(tabs, site_url):
    # the charts are white cards in both themes; the theme greyed their legend (a figcaption) to 2.5:1 in dark
    found = []
    for chapter in ("06_rstar_and_rates", "07_range_trading", "08_forecasting"):
        page, _ = _open(tabs, f"{site_url}/notebooks/{chapter}.html")
        for theme in ("light", "dark"):
            page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
            settle(page)
            pairs = page.eval_on_selector_all(".rut-widget-html figure figcaption", """els => els.map(e =>
                [getComputedStyle(e).color, getComputedStyle(e.closest('figure')).backgroundColor])""")
            assert pairs, (chapter, theme)
            for colour, background in pairs:
                lighter, darker = sorted((_luminance(colour), _luminance(background)), reverse=True)
                found.append(((lighter + 0.05) / (darker + 0.05), chapter, theme))
    assert min(found)[0] >= 4.5, min(found)


FITS_ITS_CARD = """el => {
    const box = el.querySelector('.rut-widget-html');
    const card = el.getBoundingClientRect();
    const wider = [...box.querySelectorAll('table, svg, figure, p')].filter(part =>
        part.getBoundingClientRect().right > card.right + 1).map(part => part.tagName);
    return {scrolls: box.scrollWidth > box.clientWidth + 1, wider: wider};
}"""


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)], ids=["1280", "phone"])
@pytest.mark.parametrize("widget_name", sorted(SITE_WIDGETS))
def test_widget_readouts_fit_their_card(tabs, site_url, built_site, widget_name, width, height):
    """Every readout fits inside its widget's card, with each control at its first and last value and in a few
    states between: nothing scrolls sideways and no table, chart or line runs past the card's edge."""
    chapter = _page_holding(built_site, widget_name)
    page, _record = _open(tabs, f"{site_url}/notebooks/{chapter}.html", viewport={"width": width, "height": height})
    widget = page.locator(f".rut-widget-live[data-widget='{widget_name}']")
    site = SITE_WIDGETS[widget_name]
    states = list(site.states())
    chosen = [0, len(states) - 1, *random.Random(f"fit {widget_name}").sample(range(len(states)), min(4, len(states)))]
    for k in chosen:
        for axis_number, (axis, value) in enumerate(zip(site.axes, states[k])):
            _move_to(widget, axis_number, axis.position(value))
        # (a widget still on the state it was drawn with has shown nothing yet: no move was needed)
        wait_until(page, "([el, k]) => !el.hasAttribute('aria-busy') && (el.dataset.shownState === undefined "
                         "|| el.dataset.shownState === String(k))", f"{site.name} shows state {k}",
                   arg=[widget.element_handle(), k])
        fit = widget.evaluate(FITS_ITS_CARD)
        assert fit == {"scrolls": False, "wider": []}, (widget_name, width, states[k], fit)


def test_a_glossary_term_is_found_once_as_its_entry(tabs, site_url):
    # Sphinx lists each name of an entry as a hit of its own with the headword as its snippet ("divisor;",
    # "index divisor;"); the site lists the entry once, with its names and then its definition.
    from rut_edu import glossary

    page, record = _open(tabs, f"{site_url}/search.html?q=divisor")
    wait_until(page, """() => document.body.innerText.includes('Search finished') && [...document.querySelectorAll(
        '#search-results li')].every(li => li.querySelector('p.context'))""", "every hit has its snippet")
    hits = page.eval_on_selector_all("#search-results li", """els => els.map(li => [
        li.querySelector('a').getAttribute('href'), li.querySelector('p.context').textContent])""")
    terms = [(href, snippet) for href, snippet in hits if "glossary.html#term-" in href]
    entry = glossary.lookup("divisor")
    assert hits[0][0].endswith("#term-divisor"), hits[:3]
    assert len(terms) == 1, terms
    assert terms[0][1].startswith("divisor; index divisor; " + entry.definition[:40]), terms[0][1]


def test_a_glossary_entry_has_one_heading_and_its_other_names_beneath(tabs, site_url):
    page, record = _open(tabs, f"{site_url}/book/glossary.html")
    first, alias = page.evaluate("""() => ['#term-divisor', '#term-index-divisor'].map(id => {
        const dt = document.querySelector(id), style = getComputedStyle(dt);
        return [Number(style.fontWeight), getComputedStyle(dt, '::before').content]; })""")
    assert first[0] >= 600 and first[1] in ("none", "normal"), first
    assert alias[0] < 600 and "also" in alias[1], alias
