"""Sphinx extension: the ``rut-claims`` directive renders ``claims.yml`` as the "Claims we correct" page.

Each claim links to the chapter section (a ``{ref}``) or glossary entry (a ``{term}``)
that explains it, so a broken link fails a build run with ``-n -W``.
"""

from __future__ import annotations

from rut_book.generated_myst import GeneratedMyST
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


class RutClaims(GeneratedMyST):
    css_class = "rut-claims"

    def data_file(self):
        return claims.CLAIMS_FILE

    def code_files(self):
        return (claims.__file__,)

    def myst_lines(self):
        lines: list[str] = []
        for number, claim in enumerate(claims.claims(), 1):
            lines.extend(claim_lines(number, claim))
        return lines


def setup(app):
    app.add_directive("rut-claims", RutClaims)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
