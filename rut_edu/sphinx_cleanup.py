"""Sphinx extension: drop scripts pages carried but do not need.

* The live-code (Thebe) scripts Jupyter Book adds to every page although live code is off
  (``launch_buttons.thebe: false``): sphinx-thebe registers its configuration once per read of the
  environment, so pages carried ``const THEBE_JS_URL`` twice (a console error) and pointed at a CDN.
* MathJax (1.2 MB) on pages without a formula: MyST-NB asks for every asset on every page.
"""

from __future__ import annotations

from docutils import nodes


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


def drop_unneeded_scripts(app, pagename, templatename, context, doctree):
    if "script_files" not in context:
        return
    keep_mathjax = _has_maths(doctree)
    context["script_files"] = [script for script in context["script_files"]
                               if not _is_thebe(script) and (keep_mathjax or not _is_mathjax(script))]


def setup(app):
    app.connect("html-page-context", drop_unneeded_scripts, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
