"""The mutation check finds each mutant's code by function and tokens, so a reformatted line keeps its mutant."""

from __future__ import annotations

from pathlib import Path

import pytest
from mutation_check import MUTANTS, Mutant, _tokens, locate, mutate

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_every_mutant_is_found_once_and_its_module_still_compiles(mutant):
    source = (ROOT / mutant.path).read_text(encoding="utf-8")
    start, end = locate(source, mutant.function, mutant.before)
    assert [t.string for t in _tokens(source[start:end])] == [t.string for t in _tokens(mutant.before)]
    compile(mutate(source, mutant), mutant.path, "exec")


SOURCE = '''"""A module."""


def ratio(a, b):
    # the share of a in b
    return float(a / b)


class Box:
    def area(self, width, height):
        return width * height


def area(width, height):
    return width * height
'''


def test_spacing_line_breaks_and_comments_do_not_hide_the_code():
    mutant = Mutant("ratio upside down", "m.py", "ratio", "return float(a / b)", "return float(b / a)")
    reformatted = SOURCE.replace("return float(a / b)", "return float(a  /  # the share\n                 b)")
    assert "return float(b / a)" in mutate(SOURCE, mutant)
    mutated = mutate(reformatted, mutant)
    compile(mutated, "m.py", "exec")
    assert "return float(b / a)" in mutated and "a  /" not in mutated


def test_the_function_decides_which_copy_is_mutated():
    method = Mutant("area halves", "m.py", "Box.area", "width * height", "width * height / 2")
    function = Mutant("area halves", "m.py", "area", "width * height", "width * height / 2")
    assert mutate(SOURCE, method).count("/ 2") == mutate(SOURCE, function).count("/ 2") == 1
    assert mutate(SOURCE, method).index("/ 2") < mutate(SOURCE, function).index("/ 2")


@pytest.mark.parametrize("function, before, problem", [
    ("", "width * height", "occurs 2 times"),
    ("ratio", "a * b", "occurs 0 times"),
    ("volume", "a / b", "no function or class 'volume'"),
    ("Box.ratio", "a / b", "no function or class 'Box.ratio'"),
    ("ratio", "   ", "empty"),
])
def test_a_fragment_that_is_not_there_exactly_once_is_refused(function, before, problem):
    with pytest.raises(LookupError, match=problem):
        locate(SOURCE, function, before)
