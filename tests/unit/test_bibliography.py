"""The bibliography: every citation label is distinct and every entry renders without raw LaTeX or doubled years."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from pybtex.database import parse_file

BIB = Path(__file__).resolve().parents[2] / "book" / "references.bib"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _entries():
    return parse_file(str(BIB)).entries


def _author(entry) -> str:
    people = entry.persons.get("author", [])
    return people[0].last_names[0] if people else ""


def test_author_year_labels_are_distinct():
    # two works by one author in one year need a letter (2026a, 2026b), or the citations read the same
    labels = Counter((str(entry.persons.get("author", "")), entry.fields["year"]) for entry in _entries().values())
    repeated = [label for label, count in labels.items() if count > 1]
    assert not repeated, repeated


def test_no_year_is_printed_twice():
    for key, entry in _entries().items():
        year = entry.fields["year"][:4]
        assert year not in entry.fields.get("howpublished", ""), f"{key}: the year is printed after howpublished"


def test_no_raw_latex_and_months_keep_their_capital():
    for key, entry in _entries().items():
        for field in ("title", "howpublished"):
            text = entry.fields.get(field, "")
            assert not re.search(r"\\text[a-z]+", text), f"{key}: raw LaTeX in {field}"
            if field == "title":
                # the plain style lower-cases titles; months must be protected with braces
                for month in MONTHS:
                    assert not re.search(rf"(?<!\{{){month}\b", text), f"{key}: protect {month} in the title"
