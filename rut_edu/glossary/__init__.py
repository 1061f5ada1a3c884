"""The course glossary: one data file (``terms.yml``), read here.

The website's glossary page is generated from the same file by the Sphinx
directive in :mod:`rut_book.glossary_directive`, so there is exactly one
copy of every definition.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from pathlib import Path

from rut_edu import validation

TERMS_FILE = Path(__file__).resolve().parent / "terms.yml"

REQUIRED_FIELDS = ("term", "definition", "related")
OPTIONAL_FIELDS = ("aliases", "chapter", "planned_chapter", "formula", "function", "correction")


class UnknownTermError(LookupError):
    """A term that is not in the glossary; the message lists the closest terms."""


@dataclasses.dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    related: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    chapter: str | None = None
    planned_chapter: str | None = None
    formula: str | None = None
    function: str | None = None
    correction: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)

    def details(self) -> list[tuple[str, object]]:
        """The optional parts of the entry that are present, as (label, value), in display order.

        One list for every rendering (the website and the plain-text card), so both
        show the same parts under the same labels.
        """
        parts = [
            ("Formula", self.formula),
            ("Computed by", self.function),
            ("Common mistake", self.correction),
            ("Taught in", self.chapter or (self.planned_chapter and f"{self.planned_chapter} (in preparation)")),
            ("Related", self.related),
        ]
        return [(label, value) for label, value in parts if value]

    def __str__(self) -> str:
        """A plain-text card, so ``print(lookup("divisor"))`` reads like the glossary page."""
        lines = [self.term, self.definition]
        for label, value in self.details():
            lines.append(f"{label}: {', '.join(value) if isinstance(value, tuple) else value}")
        return "\n".join(lines)


def _text(text, name: str = "text") -> str:
    if not isinstance(text, str):
        raise validation.WrongKindError(f"{name} must be a non-empty string, got {text!r}")
    if not text.strip():
        raise ValueError(f"{name} must be a non-empty string, got {text!r}")
    return text


def normalise(text: str) -> str:
    """Fold case, hyphens, underscores, possessives and plurals to one key.

    Parameters
    ----------
    text : str
        A term as someone might type it.

    Returns
    -------
    str
        The lookup key: lower case, single spaces, each word singular.

    Raises
    ------
    ValueError
        For text that is not a non-empty string.

    Examples
    --------
    >>> normalise("Float-Adjusted Market Caps")
    'float adjusted market cap'
    """
    text = _text(text)
    words = re.sub(r"[-_/]+", " ", str(text).casefold()).replace("'s", "").split()
    return " ".join(_singular(word) for word in words)


def _singular(word: str) -> str:
    if word in ("indices", "indexes"):  # the two plurals of index
        return "index"
    if word == "bases":  # the plural of basis (not of base, which the glossary does not define)
        return "basis"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _validate(raw: object) -> list[GlossaryEntry]:
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{TERMS_FILE.name} must hold a non-empty list of entries")
    entries = []
    for position, item in enumerate(raw):
        if not isinstance(item, dict):
            raise ValueError(f"entry {position} of {TERMS_FILE.name} is not a mapping")
        unknown = set(item) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS)
        missing = [f for f in REQUIRED_FIELDS if not item.get(f) and f != "related"]
        if "related" not in item:
            missing.append("related")
        if unknown or missing:
            raise ValueError(
                f"glossary entry {item.get('term', position)!r}: missing {missing}, unknown {sorted(unknown)}"
            )
        entries.append(
            GlossaryEntry(
                term=str(item["term"]),
                definition=" ".join(str(item["definition"]).split()),
                related=tuple(item.get("related") or ()),
                aliases=tuple(item.get("aliases") or ()),
                chapter=item.get("chapter"),
                planned_chapter=item.get("planned_chapter"),
                formula=item.get("formula"),
                function=item.get("function"),
                correction=" ".join(str(item["correction"]).split()) if item.get("correction") else None,
            )
        )
    return entries


@functools.lru_cache(maxsize=1)
def entries() -> tuple[GlossaryEntry, ...]:
    """Every glossary entry, in the file's (alphabetical) order."""
    import yaml  # deferred: only glossary users pay for it

    return tuple(_validate(yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8"))))


@functools.lru_cache(maxsize=1)
def _by_key() -> dict[str, GlossaryEntry]:
    table: dict[str, GlossaryEntry] = {}
    for entry in entries():
        for name in entry.names:
            key = normalise(name)
            if key in table and table[key] is not entry:
                raise ValueError(f"glossary name {name!r} is used by two entries")
            table[key] = entry
    return table


def terms() -> list[str]:
    """The headword of every entry.

    Returns
    -------
    list of str
        In the order of ``terms.yml`` (alphabetical).

    Examples
    --------
    >>> terms()[:2]
    ['ADX', 'annualised volatility']
    """
    return [entry.term for entry in entries()]


def closest_terms(text: str, *, n: int = 3) -> list[str]:
    """The glossary names that look most like ``text``.

    Parameters
    ----------
    text : str
        A term, perhaps misspelt.
    n : int, default 3
        How many names at most, 1 or more.

    Returns
    -------
    list of str
        Headwords, the closest first; empty when nothing is close.

    Raises
    ------
    ValueError
        For text that is not a non-empty string, or an ``n`` below 1.

    Examples
    --------
    >>> closest_terms("divsor", n=1)
    ['divisor']
    """
    n = validation.whole_number(n, "n", minimum=1)
    table = _by_key()
    keys = difflib.get_close_matches(normalise(text), list(table), n=n * 2, cutoff=0.5)
    names: list[str] = []
    for key in keys:
        headword = table[key].term
        if headword not in names:
            names.append(headword)
    return names[:n]


def lookup(term: str) -> GlossaryEntry:
    """The entry for ``term``, ignoring case, hyphens and plurals.

    Parameters
    ----------
    term : str
        A headword or an alias, in any case, singular or plural.

    Returns
    -------
    GlossaryEntry
        The entry: its definition, aliases, related terms and where the course uses it.

    Raises
    ------
    UnknownTermError
        For a term the glossary does not define (the message suggests the closest).
    ValueError
        For a term that is not a non-empty string.

    Examples
    --------
    >>> lookup("float-adjusted market caps").term
    'float-adjusted market capitalization'
    """
    entry = _by_key().get(normalise(term))
    if entry is None:
        suggestions = closest_terms(term)
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        raise UnknownTermError(f"{term!r} is not in the rut-edu glossary.{hint}")
    return entry


def search(text: str) -> list[GlossaryEntry]:
    """Entries whose name or definition contains ``text`` (names first; none may match).

    Parameters
    ----------
    text : str
        Words to look for, in any case.

    Returns
    -------
    list of GlossaryEntry
        Entries whose name holds ``text``, then those whose definition does; empty if none.

    Raises
    ------
    ValueError
        For text that is not a non-empty string.

    Examples
    --------
    >>> [entry.term for entry in search("float")][:2]
    ['float factor', 'float-adjusted market capitalization']
    """
    needle = _text(text).strip().casefold()
    in_name = [e for e in entries() if any(needle in n.casefold() for n in e.names)]
    in_text = [e for e in entries() if e not in in_name and needle in e.definition.casefold()]
    return in_name + in_text
