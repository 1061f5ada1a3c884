"""Docstrings in numpydoc form, checked by numpydoc's own validator.

Every public function of every pure module documents its parameters and what it returns, and shows an
example (which ``--doctest-modules`` runs).
"""

from __future__ import annotations

import importlib
import inspect

import pytest
from numpydoc.validate import validate

from rut_edu import PURE_MODULES

# parameters documented and none unknown, a return section, a one-line summary, an example
CHECKS = {"GL08", "SS01", "PR01", "PR02", "PR10", "RT01", "EX01"}
COMPLETE = PURE_MODULES


def _gaps(module_name: str) -> dict[str, list[str]]:
    module = importlib.import_module(f"rut_edu.{module_name}")
    gaps = {}
    for name, function in inspect.getmembers(module, inspect.isfunction):
        if name.startswith("_") or not function.__module__.startswith(module.__name__):
            continue
        codes = sorted({code for code, _ in validate(f"rut_edu.{module_name}.{name}")["errors"]} & CHECKS)
        if codes:
            gaps[name] = codes
    return gaps


@pytest.mark.parametrize("module_name", COMPLETE)
def test_every_public_function_is_documented(module_name):
    gaps = _gaps(module_name)
    assert not gaps, f"rut_edu.{module_name}: sections missing (numpydoc codes): {gaps}"
