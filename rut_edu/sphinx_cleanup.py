"""Sphinx extension: drop the live-code (Thebe) scripts Jupyter Book adds to every page although the course
does not use live code (``launch_buttons.thebe: false``).

sphinx-thebe registers its configuration script once per read of the environment, so pages carried
``const THEBE_JS_URL`` twice (a console error) and pointed at a CDN. Removing the scripts removes both.
"""

from __future__ import annotations


def _is_thebe(script) -> bool:
    filename = str(getattr(script, "filename", "") or "")
    body = str((getattr(script, "attributes", None) or {}).get("body", ""))
    return "thebe" in filename or "THEBE_JS_URL" in body


def drop_thebe_scripts(app, pagename, templatename, context, doctree):
    if "script_files" in context:
        context["script_files"] = [script for script in context["script_files"] if not _is_thebe(script)]


def setup(app):
    app.connect("html-page-context", drop_thebe_scripts, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
