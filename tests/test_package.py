"""Package layering: pure modules stay free of drawing and widget libraries."""

import subprocess
import sys

import pytest

PURE = ["rut_edu", "rut_edu.data", "rut_edu.index", "rut_edu.universe", "rut_edu.risk", "rut_edu.family",
        "rut_edu.glossary", "rut_edu.quiz", "rut_edu.validation", "rut_edu.palette", "rut_edu.reporting",
        "rut_edu.reconstitution", "rut_edu.instruments", "rut_edu.claims", "rut_edu.rates", "rut_edu.technicals",
        "rut_edu.backtest", "rut_edu.forecasting"]


@pytest.mark.parametrize("module", PURE)
def test_pure_module_imports_neither_matplotlib_nor_ipywidgets(module):
    code = (f"import sys, {module}; bad = [m for m in ('matplotlib', 'ipywidgets') if m in sys.modules]; "
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"{module} pulled in {out}"


def test_widget_logic_imports_neither_matplotlib_nor_ipywidgets():
    # The pure functions behind the widgets (and their colours) must load without a plotting or widget library.
    code = ("import sys, rut_edu.widgets; from rut_edu.widgets import explore_change, summarize_window; "
            "print(','.join(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_package_data_is_installed():
    import rut_edu.data
    import rut_edu.glossary
    import rut_edu.plotting
    import rut_edu.quiz

    assert (rut_edu.data.DATA_DIR / "rut_daily.csv").is_file()
    assert rut_edu.glossary.TERMS_FILE.is_file()
    assert rut_edu.plotting.STYLE_FILE.is_file()
    assert sorted(p.stem for p in rut_edu.quiz.QUIZ_DIR.glob("*.json"))


DOCUMENTED = ["rut_edu.index", "rut_edu.risk", "rut_edu.reporting", "rut_edu.glossary", "rut_edu.validation",
              "rut_edu.reconstitution", "rut_edu.instruments", "rut_edu.claims", "rut_edu.rates", "rut_edu.technicals",
        "rut_edu.backtest", "rut_edu.forecasting"]


@pytest.mark.parametrize("module", DOCUMENTED)
def test_docstring_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) in {module} give another answer"
