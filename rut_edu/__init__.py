"""rut_edu: the teaching library behind the rut-edu course on the Russell 2000.

Submodules, one concept each (pure computation first, then drawing, then widgets):

* ``rut_edu.data``      - loaders for the shipped real data, checksummed
* ``rut_edu.index``     - index math: weights, level and divisor, contributions
* ``rut_edu.universe``  - a seeded synthetic universe shaped like the Russell 3000E
* ``rut_edu.risk``      - returns, volatility, beta, drawdowns
* ``rut_edu.reconstitution`` - eligibility, ranking, banding, the calendar, a simulator
* ``rut_edu.rates``     - r-star, real rates, the Taylor rule, rates against small caps
* ``rut_edu.technicals`` - ATR, ADX, CHOP, momentum, support and resistance, pivot points
* ``rut_edu.backtest``  - a one-instrument backtest with stated fill rules, and the range strategy
* ``rut_edu.forecasting`` - forecast targets, baselines, walk-forward tests, the classic leaks
* ``rut_edu.comparison`` - two indexes side by side over chosen windows, with the caveats that apply
* ``rut_edu.periods``   - frequencies, weeks and months, and the rule for a partial period
* ``rut_edu.family``    - published facts about the Russell index family
* ``rut_edu.quiz``      - the chapters' quizzes
* ``rut_edu.instruments`` - ETFs, futures, options and CFDs: their terms and calculators
* ``rut_edu.glossary``  - the course glossary: lookup and search
* ``rut_edu.claims``    - the claims the course corrects, with their sources and where each is explained
* ``rut_edu.validation`` - the input checks every pure module shares
* ``rut_edu.reporting`` - glue numbers into the prose, rounded so outputs are portable
* ``rut_edu.palette``   - the colour-blind-safe colours and what each stands for
* ``rut_edu.plotting``  - the house plotting style and captioned figures
* ``rut_edu.widgets``   - interactive widgets (their logic lives in pure functions)

Importing ``rut_edu`` itself is cheap: submodules load on first use, so
``import rut_edu`` pulls in neither matplotlib nor ipywidgets.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# The layers, declared once. Pure computation imports neither matplotlib nor ipywidgets (the import-linter contract
# in pyproject.toml names the same modules, and a test compares the two); plotting draws what they compute;
# widgets put controls on both.
PURE_MODULES = ("backtest", "claims", "comparison", "data", "family", "forecasting", "glossary", "index", "instruments",
                "palette", "periods", "quiz", "rates", "reconstitution", "reporting", "risk", "technicals", "universe",
                "validation")
DRAWING_MODULES = ("plotting",)
WIDGET_MODULES = ("widgets",)
_SUBMODULES = {*PURE_MODULES, *DRAWING_MODULES, *WIDGET_MODULES}

__all__ = sorted(_SUBMODULES) + ["__version__"]


def __getattr__(name: str):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
