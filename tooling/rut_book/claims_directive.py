"""Sphinx extension: the ``rut-claims`` directive renders ``claims.yml`` as the "Claims we correct" page.

Each claim links to the chapter section (a ``{ref}``) or glossary entry (a ``{term}``)
that explains it, so a broken link fails a build run with ``-n -W``.
"""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from rut_book.glossary_directive import escape_currency
from rut_edu import claims


def claim_lines(number: int, claim: claims.Claim) -> list[str]:
    """The MyST source of one claim: the claim, the verdict, the fact with its sources, the link."""
    where = f"{{ref}}`{claim.section}`" if claim.section else f"the glossary entry {{term}}`{claim.term}`"
    cite = ",".join(claim.sources)
    return [
        f"**{number}. {escape_currency(claim.claim)}**",
        "",
        f"*Verdict: {claim.verdict}.* {escape_currency(claim.fact)} {{cite}}`{cite}`",
        "",
        f"Explained in {where}.",
        "",
    ]


class RutClaims(SphinxDirective):
    has_content = False

    def run(self):
        # the page is read again when the claims or the code that writes them change
        self.env.note_dependency(str(claims.CLAIMS_FILE))
        self.env.note_dependency(__file__)
        self.env.note_dependency(claims.__file__)
        lines: list[str] = []
        for number, claim in enumerate(claims.claims(), 1):
            lines.extend(claim_lines(number, claim))
        container = nodes.container(classes=["rut-claims"])
        self.state.nested_parse(StringList(lines, source=str(claims.CLAIMS_FILE)), self.content_offset, container)
        return [container]


def setup(app):
    app.add_directive("rut-claims", RutClaims)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
