"""A directive whose MyST source is generated from a data file: the claims page and the hub sizing table.

The page is read again when the data file or the code that writes it changes, and the generated lines are
parsed as if they were written in the page, so their roles ({term}, {ref}, {cite}, {doc}) resolve and a
broken one fails a build run with ``-n -W``.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective


class GeneratedMyST(SphinxDirective):
    """Subclasses name their data file, the modules the lines come from, a CSS class, and the lines."""

    has_content = False
    css_class = ""

    def data_file(self) -> Path:
        raise NotImplementedError

    def code_files(self) -> tuple[str, ...]:
        return ()

    def myst_lines(self) -> list[str]:
        raise NotImplementedError

    def run(self):
        source = self.data_file()
        for path in (source, inspect.getfile(type(self)), *self.code_files()):
            self.env.note_dependency(str(path))
        box = nodes.container(classes=[self.css_class])
        self.state.nested_parse(StringList(self.myst_lines(), source=str(source)), self.content_offset, box)
        return [box]
