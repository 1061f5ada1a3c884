"""Driving a real JupyterLab in Chromium, as a learner does: open a notebook, Run All, move a widget.

Shared by the learner-edition test (a plain JupyterLab) and the classroom test (JupyterLab behind JupyterHub).
Every request that leaves 127.0.0.1 is blocked and recorded, so a test can assert the page never tried.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

from playwright.sync_api import TimeoutError as PlaywrightTimeout

# MyST a plain renderer would show raw; a learner edition must show none of it.
RAW_MYST = re.compile(r"\{(term|glue:text|glue|cite|cite:p|doc|ref|exercise|solution|admonition)\}|^:::|\(\w[\w-]*\)=|"
                      r"```\{", re.M)


# How long any one wait in JupyterLab may last: a limit only a broken server reaches, never a speed budget.
WAIT_MS = 120_000


def open_page(browser, **options):
    """A new browser page whose every wait (Playwright's own included) is limited to :data:`WAIT_MS`."""
    page = browser.new_page(**options)
    page.set_default_timeout(WAIT_MS)
    return page


def note_offsite(page) -> list[str]:
    """Note every request to a host other than 127.0.0.1/localhost; return the list they are noted in.

    Noted, not intercepted (JupyterLab asks for hundreds of files; routing each through Playwright costs CPU): the
    project's browser cannot reach outside (rut_book.browsers: no host name but this machine's resolves)."""
    offsite: list[str] = []

    def requested(request):
        host = urlparse(request.url).hostname
        if not request.url.startswith(("data:", "blob:")) and host not in ("127.0.0.1", "localhost"):
            offsite.append(request.url)

    page.on("request", requested)
    return offsite


def wait_for_notebook(page, timeout_s: float = 90) -> None:
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=timeout_s * 1000)
    # The kernel must be up before Run All: with none yet, JupyterLab drops the command without a word.
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.jp-StatusBar-TextItem'))"
        ".some(n => /Python 3.*\\| Idle/.test(n.textContent))", timeout=timeout_s * 1000)
    # JupyterLab's first-run question about its news feed would sit over the notebook
    decline = page.locator(".jp-Notification-Toast-Content button", has_text="No")
    if decline.count():
        decline.first.click()


def run_all(page, timeout_s: float = 240) -> None:
    """Run > Run All Cells from the menu bar, then wait until every code cell has an execution count."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).first.click()
    page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
    try:
        page.wait_for_function(_RUN_FINISHED, timeout=timeout_s * 1000)
    except PlaywrightTimeout:
        prompts = page.eval_on_selector_all(_PROMPTS, "nodes => nodes.map(n => n.textContent.trim())")
        raise AssertionError(f"the notebook did not finish within {timeout_s} s; prompts: {prompts}") from None


_PROMPTS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt"
# Every code cell of the notebook shown has an execution count and the kernel is idle.
_RUN_FINISHED = f"""() => {{
    const prompts = [...document.querySelectorAll({json.dumps(_PROMPTS)})].map(n => n.textContent.trim());
    const indicator = document.querySelector(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator");
    return prompts.length > 0 && indicator && indicator.dataset.status === "idle"
        && prompts.every(text => /^\\[\\d+\\]:$/.test(text));
}}"""


def errors_shown(page) -> list[str]:
    return page.eval_on_selector_all(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
        "nodes => nodes.map(n => n.textContent)") + page.eval_on_selector_all(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']",
        "nodes => nodes.map(n => n.textContent)")


def rendered_markdown(page) -> str:
    return "\n".join(page.eval_on_selector_all(
        # the plain renderer's output, or jupyterlab-myst's where it is enabled (never the hidden editor's source)
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell .jp-RenderedMarkdown, "
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell .myst",
        "nodes => nodes.map(n => n.textContent)"))


def move_first_slider(page, timeout_s: float = 90) -> tuple[str, str]:
    """Press ArrowRight on the first widget slider; return the widget box's text before and after (the same text
    if it has not changed within ``timeout_s`` seconds)."""
    box = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output",
                       has=page.locator(".widget-slider")).first
    handle = box.locator(".widget-slider .noUi-handle").first
    handle.scroll_into_view_if_needed()
    before = box.text_content()
    handle.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    try:
        page.wait_for_function("([box, before]) => box.textContent !== before", arg=[box.element_handle(), before],
                               timeout=timeout_s * 1000)
    except PlaywrightTimeout:
        pass
    return before, box.text_content()
