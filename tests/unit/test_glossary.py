"""The glossary: schema, coverage, lookup, and that every {term} in the course resolves."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest
import yaml

from rut_edu import glossary

ROOT = Path(__file__).resolve().parents[2]
TERM_ROLE = re.compile(r"\{term\}`([^`]+)`")
SEED_TERMS = ["R-star", "rally", "range trading", "range-bound market", "rate", "rate of change"]


def course_sources() -> list[tuple[str, str]]:
    sources = [(p.relative_to(ROOT).as_posix(), p.read_text()) for p in (ROOT / "book").glob("*.md")]
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text())["cells"]
        sources.append((nb.name, "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")))
    return sources


def role_target(text: str) -> str:
    match = re.match(r"^(.*?)\s*<(.+)>$", text)
    return match.group(2) if match else text


def test_file_validates_against_the_schema():
    raw = yaml.safe_load(glossary.TERMS_FILE.read_text())
    allowed = set(glossary.REQUIRED_FIELDS) | set(glossary.OPTIONAL_FIELDS)
    for item in raw:
        assert set(item) <= allowed, item["term"]
        assert item["term"].strip() and len(item["definition"].split()) >= 8, item["term"]
        assert isinstance(item["related"], list), item["term"]
        assert item.get("chapter") or item.get("planned_chapter"), f"{item['term']}: which chapter teaches it?"
    assert len(glossary.entries()) == len(raw)


def test_at_least_sixty_sorted_unique_entries():
    names = glossary.terms()
    assert len(names) >= 60
    assert names == sorted(names, key=str.casefold)
    owner: dict[str, str] = {}
    for entry in glossary.entries():
        for name in entry.names:
            key = glossary.normalise(name)
            assert owner.setdefault(key, entry.term) == entry.term, f"{name!r} belongs to two entries"


def test_related_terms_and_chapters_resolve():
    toc = (ROOT / "_toc.yml").read_text()
    for entry in glossary.entries():
        for name in entry.related:
            glossary.lookup(name)
        if entry.chapter:
            assert f"file: {entry.chapter}" in toc, f"{entry.term}: chapter {entry.chapter} is not in the book"


def _resolve(dotted: str):
    """A function or method from its dotted path: the longest importable module, then attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            target = getattr(target, attribute)
        return target
    raise ModuleNotFoundError(dotted)


def test_function_references_import():
    for entry in glossary.entries():
        if entry.function:
            assert callable(_resolve(entry.function)), entry.function


def test_seed_terms_are_present():
    for term in SEED_TERMS:
        assert glossary.lookup(term).term == term


@pytest.mark.parametrize(
    "query, expected",
    [
        ("DIVISOR", "divisor"),
        ("float-adjusted market caps", "float-adjusted market capitalization"),
        ("Range bound markets", "range-bound market"),
        ("ETFs", "exchange-traded fund"),
        ("r*", "R-star"),
        ("ROC", "rate of change"),
        ("stop loss", "stop-loss"),
    ],
)
def test_lookup_is_tolerant(query, expected):
    assert glossary.lookup(query).term == expected


@pytest.mark.parametrize("misspelt, expected", [("divsor", "divisor"), ("reconstitutoin", "reconstitution"),
                                                 ("breakpiont", "breakpoint")])
def test_misspelling_suggests_the_right_term(misspelt, expected):
    with pytest.raises(glossary.UnknownTermError, match=expected):
        glossary.lookup(misspelt)


def test_search_finds_names_then_definitions():
    found = glossary.search("float")
    assert found[0].term in {"float factor", "float-adjusted market capitalization", "free float"}
    assert any(e.term == "cap weighting" for e in found)
    with pytest.raises(ValueError, match="non-empty"):
        glossary.search("   ")


def test_every_term_role_in_the_course_resolves():
    known = {glossary.normalise(n) for e in glossary.entries() for n in e.names}
    # Sphinx matches glossary terms case-insensitively on the exact text.
    exact = {n.casefold() for e in glossary.entries() for n in e.names}
    unresolved = []
    for source, text in course_sources():
        for raw in TERM_ROLE.findall(text):
            target = role_target(raw)
            if target.casefold() not in exact or glossary.normalise(target) not in known:
                unresolved.append(f"{source}: {raw}")
    assert not unresolved, unresolved


def test_every_chapter_links_terms():
    for source, text in course_sources():
        if source.endswith(".ipynb"):
            assert len(TERM_ROLE.findall(text)) >= 10, source


def test_built_glossary_page_holds_every_term(built_site):
    import html as html_lib

    page = (built_site / "book" / "glossary.html").read_text()
    shown = {
        html_lib.unescape(re.sub(r"<[^>]+>", "", match)).strip()
        for match in re.findall(r"<dt[^>]*>(.*?)<a class=\"headerlink\"", page, flags=re.S)
    }
    expected = {name for entry in glossary.entries() for name in entry.names}
    assert expected <= shown, sorted(expected - shown)


def test_an_entry_prints_as_a_card():
    card = str(glossary.lookup("divisor"))
    assert card.startswith("divisor\n") and "Computed by: rut_edu.index.adjust_divisor" in card


def test_each_entry_is_used_in_the_chapter_it_names():
    # An entry that says "taught in chapter X" must be linked from chapter X at least once.
    import json
    import re

    roles = {}
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        text = "\n".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "markdown")
        roles[f"notebooks/{path.stem}"] = {glossary.normalise(t) for t in re.findall(r"\{term\}`([^`<]+?)(?:\s*<[^>]+>)?`", text)}
    unused = [f"{e.term} -> {e.chapter}" for e in glossary.entries()
              if e.chapter in roles and not roles[e.chapter] & {glossary.normalise(n) for n in e.names}]
    assert not unused, "entries never linked from the chapter they name:\n" + "\n".join(unused)


# Names of organisations and places, and one ticker, which the glossary does not define.
NOT_TERMS = {"CME", "EU", "FTSE", "ICE", "LSEG", "MSCI", "NYSE", "S&P", "US", "RU20INTR"}


def test_every_abbreviation_a_definition_uses_is_defined():
    import re

    missing = set()
    for entry in glossary.entries():
        for word in re.findall(r"(?<![\w&-])[A-Z][A-Z0-9&]+(?![\w&-])", entry.definition + " " + (entry.correction or "")):
            if word in NOT_TERMS:
                continue
            try:
                glossary.lookup(word)
            except glossary.UnknownTermError:
                missing.add(f"{word} (in {entry.term})")
    assert not missing, f"define these or name them in NOT_TERMS: {sorted(missing)}"


@pytest.mark.parametrize("term", ["ADX", "true range", "slippage", "market order", "limit order", "potential output",
                                  "inflation target", "t-statistic", "regression", "Russell Midcap", "Russell Top 200",
                                  "Russell 2500", "style index", "capping", "home-country indicator",
                                  "no-replacement rule", "lock-down period", "closing auction", "HML",
                                  "NYSE breakpoints", "federal funds rate", "technical analysis", "entry point",
                                  "index fund", "option", "diversification", "choppy market", "noisy market"])
def test_terms_the_review_found_missing_are_defined(term):
    glossary.lookup(term)


@pytest.mark.parametrize("plural, term", [("indices", "index"), ("indexes", "index"), ("bases", "basis"),
                                          ("basis", "basis"), ("rallies", "rally"), ("breakpoints", "breakpoint"),
                                          ("futures contracts", "futures contract"), ("CFDs", "CFD"),
                                          ("bonus", None)])
def test_plurals_fold_to_the_headword(plural, term):
    if term is None:  # a word ending in -us is not a plural
        assert glossary.normalise(plural) == "bonus"
    else:
        assert glossary.lookup(plural).term == term


def test_a_correction_says_what_a_common_source_gets_wrong():
    entry = glossary.lookup("rebalancing")
    assert entry.correction.startswith('Saying the Russell 2000 "is rebalanced quarterly" confuses two things')
    assert sum(1 for e in glossary.entries() if e.correction) >= 5


def test_search_folds_case_in_definitions_as_in_names():
    # "Nasdaq" is written so in the closing auction's definition and in no name: found in any case
    lower = glossary.search("nasdaq")
    assert [entry.term for entry in lower][:1] == ["closing auction"]
    assert not any("nasdaq" in name.casefold() for entry in lower for name in entry.names)
    assert [e.term for e in glossary.search("NASDAQ")] == [e.term for e in lower]
    assert [e.term for e in glossary.search("Nasdaq")] == [e.term for e in lower]
