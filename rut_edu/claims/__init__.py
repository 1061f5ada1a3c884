"""Claims the course corrects: one data file (``claims.yml``), read here.

The website's "Claims we correct" page is generated from the same file by the
Sphinx directive in :mod:`rut_book.claims_directive`.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

CLAIMS_FILE = Path(__file__).resolve().parent / "claims.yml"
VERDICTS = ("wrong", "outdated", "partly right", "unsupported")


@dataclasses.dataclass(frozen=True)
class Claim:
    claim: str
    verdict: str
    fact: str
    sources: tuple[str, ...]
    section: str | None = None  # a MyST label in a chapter
    term: str | None = None  # a glossary term, while the chapter is not written


@functools.cache
def claims() -> tuple[Claim, ...]:
    """Every claim in ``claims.yml``, in file order, checked for the fields the page needs.

    Returns
    -------
    tuple of Claim

    Raises
    ------
    ValueError
        If an entry lacks a field, has an unknown verdict, no source, or not exactly one link.

    Examples
    --------
    >>> {c.verdict for c in claims()} <= set(VERDICTS)
    True
    """
    import yaml

    raw = yaml.safe_load(CLAIMS_FILE.read_text(encoding="utf-8"))
    result = []
    for number, entry in enumerate(raw, 1):
        missing = [f for f in ("claim", "verdict", "fact", "sources") if not entry.get(f)]
        if missing:
            raise ValueError(f"claim {number} lacks {missing}")
        if entry["verdict"] not in VERDICTS:
            raise ValueError(f"claim {number}: verdict must be one of {VERDICTS}, got {entry['verdict']!r}")
        if bool(entry.get("section")) == bool(entry.get("term")):
            raise ValueError(f"claim {number}: give exactly one of section (a chapter label) or term")
        unknown = set(entry) - {f.name for f in dataclasses.fields(Claim)}
        if unknown:
            raise ValueError(f"claim {number}: unknown fields {sorted(unknown)}")
        result.append(Claim(**{**entry, "sources": tuple(entry["sources"]),
                               "fact": " ".join(entry["fact"].split())}))
    return tuple(result)
