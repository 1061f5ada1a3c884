"""Sphinx extension: each chapter's "launch" menu, built from the one ``rut_editions`` block in ``_config.yml``.

The theme's own launch buttons open the *source* notebook, whose MyST markup Colab and plain JupyterLab show
raw. These open the learner edition instead (Binder builds it in ``binder/postBuild``; Colab reads it from the
learner repository) and, for a class, the student edition through nbgitpuller on the class's JupyterHub.
Its first entry, running the chapter on your own machine, works before anything is published; the others
appear once their addresses exist, so no entry is a dead end.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from rut_book import opening_cell
from rut_book.editions.build import SITES, EditionsConfig, chapters

LOCAL_ROUTE = "On your machine (JupyterLab)"
LOCAL_SECTION = "#in-jupyterlab"  # How to run it's section on running the notebooks


def launch_menu(config: EditionsConfig, chapter: str, site: str = "teacher",
                how_to_run_url: str = "../book/how-to-run.html") -> dict:
    """The theme's header-button group for one chapter, on the teacher's or the student website.

    The first route works on any machine today: How to run it's steps for JupyterLab (``make lab`` and the
    learner edition; the student edition on the student site). Binder, Colab and the class hub appear only once
    they exist (the course published, a hub address set), so no entry is a dead end.
    """
    links = config.launch_links(chapter, site)
    edition = "student edition" if site == "student" else "learner edition"
    buttons = [{"type": "link", "text": LOCAL_ROUTE, "icon": "fas fa-laptop",
                "tooltip": f"Run the {edition} in JupyterLab on your own machine: How to run it",
                "url": how_to_run_url + LOCAL_SECTION}]
    for route, tooltip, icon in (("Binder", f"Run the {edition} on Binder", "_static/images/logo_binder.svg"),
                                 ("Colab", f"Open the {edition} in Google Colab", "_static/images/logo_colab.png")):
        if links[route.lower()]:
            buttons.append({"type": "link", "text": route, "tooltip": tooltip, "icon": icon,
                            "url": links[route.lower()]})
    if links["jupyterhub"]:
        buttons.append({"type": "link", "text": "JupyterHub", "tooltip": "Open the student edition on the class hub",
                        "icon": "_static/images/logo_jupyterhub.svg", "url": links["jupyterhub"]})
    return {"type": "group", "tooltip": "Run this chapter", "icon": "fas fa-rocket",
            "buttons": buttons, "label": "launch-buttons"}


def add_launch_menu(app, pagename, templatename, context, doctree):
    if not pagename.startswith("notebooks/") or "header_buttons" not in context:
        return
    config = EditionsConfig.load(Path(app.confdir))
    how_to_run_url = app.builder.get_relative_uri(pagename, "book/how-to-run")
    buttons = [button for button in context["header_buttons"] if button.get("label") != "launch-buttons"]
    buttons.insert(0, launch_menu(config, pagename.removeprefix("notebooks/"), app.config.rut_site, how_to_run_url))
    context["header_buttons"] = buttons


def chapter_plan(root: Path) -> list[dict[str, str]]:
    """Each chapter's title, objectives, prerequisites and time, read from its opening box, in book order."""
    plan = []
    for chapter in chapters(root):
        opening = opening_cell(nbformat.read(root / "notebooks" / f"{chapter}.ipynb", as_version=4)).source
        fields = {"chapter": chapter, "title": re.search(r"^# (.+)$", opening, re.M)[1].strip()}
        for key, label in (("learn", "By the end you can"), ("prerequisites", "Prerequisites:"), ("time", "Time:")):
            found = re.search(rf"\*\*{re.escape(label)}\*\*\s*(.+?)(?:\n\n|\n:::|$)", opening, re.S)
            if not found:
                raise ValueError(f"{chapter}: the opening box has no **{label}** line")
            # the objectives are a bullet list of outcomes: one line here, separated by semicolons
            items = [" ".join(item.split()) for item in re.split(r"^\* ", found[1], flags=re.M) if item.strip()]
            fields[key] = "; ".join(item.rstrip(";.") for item in items) + ("." if key == "learn" else "")
        plan.append(fields)
    return plan


class ChapterPlan(SphinxDirective):
    """``{rut-chapter-plan}``: the course sequence with each chapter's time and objectives, from the chapters."""

    has_content = False

    def run(self):
        root = Path(self.env.app.confdir)
        self.env.note_dependency(__file__)
        lines = []
        for number, item in enumerate(chapter_plan(root), 1):
            self.env.note_dependency(str(root / "notebooks" / f"{item['chapter']}.ipynb"))
            # the chapters' own links point at sibling notebooks; from this page they live in /notebooks
            prerequisites = re.sub(r"\{doc\}`(?!/)([^`]+)`", r"{doc}`/notebooks/\1`", item["prerequisites"])
            lines += [f"{number}. {{doc}}`/notebooks/{item['chapter']}`. **Time:** {item['time']}",
                      f"   **Prerequisites:** {prerequisites} **Objectives:** {item['learn']}", ""]
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source="rut-chapter-plan"), self.content_offset, container)
        return container.children


def tag_the_site(app, config) -> None:
    """``teacher_site`` or ``student_site``, for the pages' ``{only}`` blocks: the student site describes itself
    (the student edition, no solutions), never the teacher's editions."""
    if config.rut_site not in SITES:
        raise ValueError(f"rut_site must be one of {SITES}, got {config.rut_site!r}")
    app.tags.add(f"{config.rut_site}_site")


def setup(app):
    app.add_directive("rut-chapter-plan", ChapterPlan)
    # Read from _config.yml by rut_book.editions; registered so Sphinx accepts the key.
    app.add_config_value("rut_editions", {}, "html")
    # Which website is being built: "teacher" (the course site) or "student" (set by the student site's build).
    app.add_config_value("rut_site", "teacher", "html")
    app.connect("config-inited", tag_the_site)
    app.connect("html-page-context", add_launch_menu, priority=502)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
