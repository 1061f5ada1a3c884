"""Sphinx extension: every chapter page and the credits page say how far the data run, from the data.

It also gives the credits page its coverage table, ``{rut-data-coverage}``: each file's range and rows, read
from the files themselves, so a refresh changes the table with nothing typed.

A course read next year must not leave the reader guessing whether "the last year" means 2025 or 2027. The
line sits under each chapter's title and reads the shipped prices' last date (or the vintage that
``RUT_EDU_DATA_DIR`` names), so a refresh changes it with nothing typed.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from rut_book.generated_myst import GeneratedMyST

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


def coverage_lines() -> list[str]:
    """The MyST table of every data file: its first and last dates and its rows, read from the files."""
    from rut_edu import data

    folder = data.data_dir()
    lines = ["| file | from | to | rows |", "|---|---|---|---:|"]
    for name in sorted(data.CHECKSUMS):
        rows = data.read_verified_bytes(name, directory=folder).decode("utf-8").splitlines()
        lines.append(f"| `{name}` | {rows[1].split(',', 1)[0]} | {rows[-1].split(',', 1)[0]} | {len(rows) - 1:,} |")
    # the estimates' release is not a date in their rows: the refresh writes it to SOURCES.md from the workbook
    return [*lines, "", f"The r-star estimates are the New York Fed's release of {data.rstar_release():%-d %B %Y}."]


class DataCoverage(GeneratedMyST):
    css_class = "rut-data-coverage"

    def data_file(self) -> Path:
        from rut_edu import data

        return data.data_dir() / data.CHECKSUMS_FILE

    def myst_lines(self):
        return coverage_lines()


def setup(app):
    app.add_post_transform(DataDateLine)
    app.add_directive("rut-data-coverage", DataCoverage)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
