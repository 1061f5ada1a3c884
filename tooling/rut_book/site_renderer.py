"""Build-time plug-in for MyST-NB: how notebook outputs reach the website.

Two changes to MyST-NB's default renderer, selected in ``_config.yml`` with ``nb_render_plugin: rut_edu``
(registered as a ``myst_nb.renderers`` entry point in ``pyproject.toml``):

* **Alt text.** :func:`rut_edu.plotting.show` stores each figure's written description in the image
  output's metadata (``{"image/png": {"alt": ...}}``). MyST-NB 1.x passes only width and height from there,
  so without this every ``<img>`` would carry its file path as alt text.
  Each figure also links to its full-size image and loads lazily (when it nears the screen). A figure
  drawn a second time for phones (:func:`rut_edu.plotting.phone_png`) is served to narrow screens.
* **Widgets that answer.** No kernel runs behind the website. A widget that declares a site grid
  (:mod:`rut_edu.widgets.site_grid`) is drawn with enabled controls over every state of its grid, rendered
  here by the widget's own Python (:mod:`rut_book.widget_grid`); any other widget is drawn once as static
  HTML from the state the notebook stored (:mod:`rut_book.widget_snapshot`), with disabled controls and a
  note. Neither loads the ipywidgets HTML manager (about 900 kB of JavaScript per page).
* **Scripts after the page.** A notebook's JavaScript output (the quizzes) runs once the page is parsed, so
  after the deferred MathJax script: jupyterquiz reads ``MathJax.version`` half a second after drawing and
  on every answer, and while MathJax was still loading it found only the configuration object
  ("Cannot read properties of undefined (reading '0')" on a slow load).
"""

from __future__ import annotations

import base64
import dataclasses
import json

from docutils import nodes
from myst_nb._compat import get_env_app
from myst_nb.core.render import MimeData, NbElementRenderer, sanitize_script_content
from sphinx.util import logging

from rut_book import package_files
from rut_book.widget_grid import live_html, packed_states, site_widget_of, write_states
from rut_book.widget_snapshot import UnsupportedWidget, snapshot_html

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
LOGGER = logging.getLogger(__name__)


def _png_width(data: MimeData) -> int | None:
    if data.mime_type != "image/png":
        return None
    try:
        header = base64.b64decode(data.string[:64])
    except ValueError:
        return None
    # a PNG starts with its 8-byte signature and the IHDR chunk: width is the big-endian int at bytes 16-20
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        return None
    return int.from_bytes(header[16:20], "big")


class SiteRenderer(NbElementRenderer):
    """MyST-NB's default renderer, plus figures' written alt text and widgets drawn as static snapshots."""

    def render_image(self, data: MimeData):
        metadata = data.output_metadata.get(data.mime_type, {})
        wide = self._image_nodes(data)
        phone = metadata.get("phone")
        if not (phone and wide):
            return wide
        # rut_edu.plotting.show stores a second drawing for phones (rut_edu.plotting.phone_png): both go on the
        # page, and site.css shows one by the screen's width. The hidden one is display:none, so a browser does
        # not fetch it (the images load lazily) and a screen reader does not read it.
        narrow = self._image_nodes(dataclasses.replace(
            data, content=phone, output_metadata={data.mime_type: {"alt": metadata.get("alt")}}))
        return [nodes.container("", *wide, classes=["rut-figure-wide"]),
                nodes.container("", *narrow, classes=["rut-figure-phone"])]

    def _image_nodes(self, data: MimeData):
        nodes_ = super().render_image(data)
        alt = data.output_metadata.get(data.mime_type, {}).get("alt")
        if alt and nodes_:
            nodes_[0]["alt"] = " ".join(str(alt).split())
        width = _png_width(data)
        if width and nodes_ and "width" not in nodes_[0]:
            # A width makes Sphinx link the image to its full-size file (html_scaled_image_link): a tap opens it
            # alone to zoom. CSS still caps the width at the column's.
            nodes_[0]["width"] = f"{width}px"
        if nodes_:
            # A chapter holds up to a dozen charts of 40-160 kB: the browser fetches each when it nears the
            # screen, so a page opens within its byte budget (and a phone on a slow line reads sooner).
            nodes_[0]["loading"] = "lazy"
        return nodes_

    def render_widget_view(self, data: MimeData):
        metadata = self.renderer.nb_client.nb_metadata
        state = (metadata.get("widgets") or {}).get(WIDGET_STATE, {}).get("state")
        if not state:
            raise UnsupportedWidget(f"cell {data.cell_index}: a widget output but no stored widget state "
                                    "(save the notebook with its widget state)")
        view = json.loads(data.string) if isinstance(data.content, (str, bytes)) else data.content
        model_id = str(view["model_id"]).removeprefix("IPY_MODEL_")
        widget = site_widget_of(state, model_id)
        if widget is None or not self.renderer.sphinx_env:
            return [nodes.raw(text=snapshot_html(state, model_id), format="html")]
        packed = packed_states(widget, state, model_id)
        # The states come from the package's code and data, not from the page: a change there must render them
        # again, so an incremental build reads this page again when any of the package's files changes.
        for path in package_files():
            self.renderer.sphinx_env.note_dependency(str(path))
        # myst_nb's own accessor for the app: env.app is deprecated in Sphinx 8 and gone in 9
        write_states(packed, get_env_app(self.renderer.sphinx_env).outdir)
        rendering = "kept from an earlier build of the same code and data" if packed.from_cache else "rendered"
        LOGGER.info(f"website widget {widget.name}: {packed.states} states {rendering} "
                    f"({packed.render_seconds:.1f} s to render), {len(packed.payload) / 1e3:.0f} kB packed")
        return [nodes.raw(text=live_html(widget, state, model_id, packed), format="html")]

    def render_widget_view_inline(self, data: MimeData):
        return self.render_widget_view(data)

    def render_javascript(self, data: MimeData):
        # wrapped in a function, the script's globals become locals: jupyterquiz's code is self-contained
        body = sanitize_script_content(data.string)
        return [nodes.raw(format="html", text=(
            '<script type="application/javascript">(function (run) {\n'
            '  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);\n'
            f'  else run();\n}})(function () {{\n{body}\n}});</script>'))]

    def render_nb_finalise(self, metadata: dict) -> None:
        # The widgets are already drawn: neither the widget state nor the widget JavaScript goes on the page.
        return None
