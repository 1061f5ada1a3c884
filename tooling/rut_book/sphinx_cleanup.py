"""Sphinx extension: drop scripts pages carried but do not need, and rewrite pages when the site's own files change.

* The live-code (Thebe) scripts Jupyter Book adds to every page although live code is off
  (``launch_buttons.thebe: false``): sphinx-thebe registers its configuration once per read of the
  environment, so pages carried ``const THEBE_JS_URL`` twice (a console error) and pointed at a CDN.
* MathJax (1.2 MB) on pages without a formula: MyST-NB asks for every asset on every page.
* sphinx-design's style sheet and tab script (11 KB compressed) on pages without a design element.
* The link inside a solution's title: sphinx-exercise titles a solution "Solution to Exercise N" with the
  exercise's name a link back to it, but the title is also the dropdown's toggle, so a click on those words
  jumped up the page and left the solution closed. The exercise sits just above; the words stay, the link goes.
* The site's front door (``index.html``): sphinx-external-toc writes one bare ``<meta>`` refresh there, with no
  document around it, so a browser opening the site's address met a page with no language or title and asked for
  ``/favicon.ico`` (a 404 on a static host). It is written first as a small page: the same refresh, with the
  site's title, a link for a browser that does not follow the refresh, and an empty icon written into the page
  (``data:,``): the page is left at once, so any icon fetched for it would be cut off mid-request.

Sphinx copies static files (``_static/``, ``frontend/dist``) only when some page is written, so an edited
script alone left the last build's copy on the site ("no targets are out of date"). The digest of those
files is kept in the environment; when it changes, every page is written again (pages are not re-read, so
it costs seconds) and the new files are copied with new cache-busting checksums.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from rut_book import folder_digest


def _is_thebe(script) -> bool:
    filename = str(getattr(script, "filename", "") or "")
    body = str((getattr(script, "attributes", None) or {}).get("body", ""))
    return "thebe" in filename or "THEBE_JS_URL" in body


def _is_mathjax(script) -> bool:
    filename = str(getattr(script, "filename", "") or "")
    body = str((getattr(script, "attributes", None) or {}).get("body", ""))
    return "mathjax" in filename.lower() or body.startswith("window.MathJax")


def _has_maths(doctree) -> bool:
    return doctree is None or doctree.next_node(lambda node: isinstance(node, (nodes.math, nodes.math_block))) \
        is not None


def _is_sphinx_design(asset) -> bool:
    filename = str(getattr(asset, "filename", "") or asset)
    return "sphinx-design" in filename or "design-tabs" in filename


def drop_unneeded_scripts(app, pagename, templatename, context, doctree):
    if "script_files" not in context:
        return
    keep_mathjax = _has_maths(doctree)
    # sphinx-design's style sheet and tab script, on a page with no design element (none of the course's has one)
    keep_design = 'class="sd-' in context.get("body", "") or " sd-" in context.get("body", "")
    context["script_files"] = [script for script in context["script_files"]
                               if not _is_thebe(script) and (keep_mathjax or not _is_mathjax(script))
                               and (keep_design or not _is_sphinx_design(script))]
    if "css_files" in context:
        context["css_files"] = [sheet for sheet in context["css_files"] if keep_design or not _is_sphinx_design(sheet)]


def _static_digest(app) -> str:
    folders = [*app.config.html_static_path, *app.config.html_extra_path]
    return folder_digest(*(Path(app.confdir, folder) for folder in folders))


def rewrite_pages_when_static_files_change(app, env):
    digest = _static_digest(app)
    if getattr(env, "rut_static_digest", None) == digest:
        return []
    env.rut_static_digest = digest
    return sorted(env.found_docs)


class PlainSolutionTitles(SphinxPostTransform):
    """Unwrap the link sphinx-exercise puts in each solution's title, keeping its words (module docstring)."""

    default_priority = 22  # just after sphinx-exercise resolves the titles (ResolveTitlesInSolutions, 21)

    def run(self, **kwargs) -> None:
        from sphinx_exercise.nodes import solution_node

        for solution in self.document.findall(solution_node):
            title = solution.children[0] if solution.children else None
            if isinstance(title, nodes.title):
                for link in list(title.findall(nodes.reference)):
                    link.replace_self(link.children)


FRONT_DOOR = """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url={first_page}">
<link rel="canonical" href="{first_page}">
<link rel="icon" href="data:,">
</head>
<body><p><a href="{first_page}">{title}</a></p></body>
</html>
"""


def write_front_door(app, exception) -> None:
    """Write ``index.html`` as a page that sends the reader on to the book's first page (see the module's notes)."""
    from html import escape

    root = app.config.root_doc
    if exception is not None or app.builder.name != "html" or root == "index":
        return
    Path(app.outdir, "index.html").write_text(
        FRONT_DOOR.format(language=escape(app.config.language or "en"), title=escape(app.config.html_title),
                          first_page=escape(f"{root}.html")), encoding="utf-8")


def setup(app):
    app.add_post_transform(PlainSolutionTitles)
    # before sphinx-external-toc (priority 500), which writes its bare refresh only where no index.html exists
    app.connect("build-finished", write_front_door, priority=400)
    app.connect("html-page-context", drop_unneeded_scripts, priority=900)
    app.connect("env-updated", rewrite_pages_when_static_files_change)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
