"""Sphinx extension: every chapter page and the credits page say how far the data run, from the data.

A course read next year must not leave the reader guessing whether "the last year" means 2025 or 2027. The
line sits under each chapter's title and reads the shipped prices' last date (or the vintage that
``RUT_EDU_DATA_DIR`` names), so a refresh changes it with nothing typed.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

# the pages that carry the line: the chapters and the data credits
PAGES = ("notebooks/", "book/credits")


def data_to_text() -> str:
    """The line itself: the last date of the index prices, and where the other series' ends are listed."""
    from rut_edu import data

    end = data.load_russell2000_daily().index[-1]
    return f"Data to {end:%-d %B %Y} (index prices; the Data credits page gives every series' range)."


class DataDateLine(SphinxPostTransform):
    """Put the data's last date under the first title of a chapter or the credits page."""

    default_priority = 900

    def run(self, **kwargs):
        if not self.env.docname.startswith(PAGES):
            return
        title = self.document.next_node(nodes.title)
        if title is None:
            return
        line = nodes.paragraph("", data_to_text(), classes=["rut-data-to"])
        title.parent.insert(title.parent.index(title) + 1, line)


def setup(app):
    app.add_post_transform(DataDateLine)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
