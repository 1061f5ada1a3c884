"""Docstrings in numpydoc form, checked by numpydoc's own validator.

Every public function of every module of the teaching library (pure, drawing and widget layers, with their
submodules) documents each parameter and what it returns
(with a description), keeps numpydoc's section order, has a one-line summary, and shows an example (which
``--doctest-modules`` runs). A "Raises" section is written for its function, not pasted across a module.
"""

from __future__ import annotations

import collections
import importlib
import inspect
import pkgutil

import pytest
from numpydoc.docscrape import FunctionDoc
from numpydoc.validate import validate

from rut_edu import DRAWING_MODULES, PURE_MODULES, WIDGET_MODULES

# parameters documented, described and none unknown; a described return; a one-line summary that starts with a
# capital; sections in numpydoc's order; single blank lines; an example
CHECKS = {"GL03", "GL07", "GL08", "SS01", "SS02", "SS06", "PR01", "PR02", "PR07", "PR10", "RT01", "RT03", "EX01"}


def _modules() -> list[str]:
    names = []
    for layer in (*PURE_MODULES, *DRAWING_MODULES, *WIDGET_MODULES):
        module = importlib.import_module(f"rut_edu.{layer}")
        names.append(module.__name__)
        if hasattr(module, "__path__"):
            names += [info.name for info in pkgutil.walk_packages(module.__path__, f"{module.__name__}.")]
    return names


def _functions(module_name: str):
    module = importlib.import_module(module_name)
    for name, function in inspect.getmembers(module, inspect.isfunction):
        if not name.startswith("_") and function.__module__ == module.__name__:
            yield f"{module_name}.{name}", function


@pytest.mark.parametrize("module_name", _modules())
def test_every_public_function_is_documented(module_name):
    gaps = {}
    for qualified, _ in _functions(module_name):
        codes = sorted({code for code, _ in validate(qualified)["errors"]} & CHECKS)
        if codes:
            gaps[qualified] = codes
    assert not gaps, f"{module_name}: numpydoc codes failing: {gaps}"


def test_the_gate_reaches_the_submodules():
    modules = _modules()
    assert {"rut_edu.rates.taylor", "rut_edu.instruments.options", "rut_edu.risk", "rut_edu.data.refresh",
            "rut_edu.plotting.charts", "rut_edu.widgets.volatility"} <= set(modules)


def test_raises_sections_are_written_for_their_function():
    # one sentence pasted over a module's functions says nothing about any of them; four sister functions (the
    # rate-of-change family) may share one, and "As :func:`...`" points at the function that does the checking
    shared = collections.defaultdict(list)
    for module_name in _modules():
        for qualified, function in _functions(module_name):
            for raised in FunctionDoc(function)["Raises"]:
                text = " ".join(raised.desc)
                if not text.startswith("As :func:"):
                    shared[(raised.type, text)].append(qualified)
    pasted = {text: names for (_, text), names in shared.items() if len(names) > 4}
    assert not pasted, pasted
