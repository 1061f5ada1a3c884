"""Build-time plug-in for MyST-NB: the alt text written with each figure reaches the website.

:func:`rut_edu.plotting.show` stores the alt text in the image output's metadata
(``{"image/png": {"alt": ...}}``). MyST-NB 1.x passes only width and height from
there to the HTML, so without this renderer every ``<img>`` would carry its file
path as alt text. Selected in ``_config.yml`` with ``nb_render_plugin: rut_edu``
(registered as a ``myst_nb.renderers`` entry point in ``pyproject.toml``).
"""

from __future__ import annotations

from myst_nb.core.render import MimeData, NbElementRenderer


class AltTextRenderer(NbElementRenderer):
    """MyST-NB's default renderer, plus the ``alt`` stored in an image output's metadata."""

    def render_image(self, data: MimeData):
        nodes = super().render_image(data)
        alt = data.output_metadata.get(data.mime_type, {}).get("alt")
        if alt and nodes:
            nodes[0]["alt"] = " ".join(str(alt).split())
        return nodes
