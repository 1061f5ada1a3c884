"""Sphinx extension: the ``rut-glossary`` directive renders ``terms.yml``.

It feeds the entries to Sphinx's own ``glossary`` directive, so every
``{term}`` role in the book resolves against them and an unknown term fails a
build run with ``-n -W``.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.domains.std import Glossary
from sphinx.util.docutils import SphinxDirective

from rut_edu import glossary


def escape_currency(text: str) -> str:
    """Escape dollar signs before digits, so "$50 ... ($5)" is not read as inline maths."""
    return re.sub(r"(?<!\\)\$(?=\d)", r"\\$", text)


def _taught_in(entry: glossary.GlossaryEntry) -> str:
    if entry.chapter:
        return f"{{doc}}`/{entry.chapter}`"
    return f"the chapter on {entry.planned_chapter} (in preparation)"


# How each part of GlossaryEntry.details() is written in MyST on the website.
RENDER = {
    # display maths on its own line: a long formula scrolls sideways on a phone instead of leaving the page
    "Formula": lambda entry: f"\n\n$$\n{entry.formula}\n$$",
    "Computed by": lambda entry: f"`{entry.function}`",
    "Common mistake": lambda entry: escape_currency(entry.correction),
    "Taught in": _taught_in,
    "Related": lambda entry: ", ".join(f"{{term}}`{name}`" for name in entry.related),
}


def entry_lines(entry: glossary.GlossaryEntry) -> list[str]:
    """The glossary-directive source lines of one entry (names, then an indented body)."""
    body = [escape_currency(entry.definition)]
    body += [f"**{label}:** {RENDER[label](entry)}" for label, _ in entry.details()]
    lines = list(entry.names)
    for paragraph in body:
        lines.extend("   " + line if line else "" for line in paragraph.split("\n"))
        lines.append("")
    return lines


class RutGlossary(SphinxDirective):
    has_content = False

    def run(self):
        # the page is read again when the terms or the code that writes them change
        self.env.note_dependency(str(glossary.TERMS_FILE))
        self.env.note_dependency(__file__)
        self.env.note_dependency(glossary.__file__)
        # One glossary per initial letter, each under a lettered heading, and a line of A-Z links above them,
        # so a reader on a phone can jump instead of scrolling the whole list.
        by_letter: dict[str, list[glossary.GlossaryEntry]] = {}
        for entry in glossary.entries():
            by_letter.setdefault(entry.term[0].upper(), []).append(entry)
        links = nodes.paragraph(classes=["glossary-letters"])
        sections: list[nodes.Node] = []
        for number, (letter, entries) in enumerate(by_letter.items()):
            anchor = f"glossary-letter-{letter.lower()}"
            if number:
                links += nodes.Text(" · ")
            links += nodes.reference(letter, letter, refuri=f"#{anchor}")
            sections.append(nodes.rubric(letter, letter, ids=[anchor]))
            lines: list[str] = []
            for entry in entries:
                lines.extend(entry_lines(entry))
            content = StringList(lines, source=str(glossary.TERMS_FILE))
            sections.extend(Glossary(
                "glossary", [], {"sorted": None}, content, self.lineno, self.content_offset,
                self.block_text, self.state, self.state_machine,
            ).run())
        return [links, *sections]


def setup(app):
    app.add_directive("rut-glossary", RutGlossary)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
