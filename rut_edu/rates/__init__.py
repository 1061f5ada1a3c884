"""Interest rates: r-star, the real policy rate, the Taylor rule, and what rates do to small caps.

Pure computation (no matplotlib, no ipywidgets), one module per topic: :mod:`.inflation`,
:mod:`.taylor`, :mod:`.datasets` (the shipped data), :mod:`.trend` and :mod:`.markets`; every name is
also reachable here, as ``rates.taylor_rate``. statsmodels is imported only by the two functions that fit
a model. Conventions:

* rates and inflation in percent per year (3.5 is 3.5%), as the Federal Reserve publishes them;
* quarterly series are dated on the first day of the quarter (1 January, 1 April, 1 July,
  1 October), as the New York Fed's Laubach-Williams file dates them;
* inflation over the past year is the four-quarter (or twelve-month) percent change of a price
  index, and the measure is always named: core PCE (``pcepilfe``) or CPI (``cpiaucsl``);
* the ex-post real rate is the nominal rate minus inflation over the past year; the stance gap
  is the real rate minus r-star (positive: policy is tighter than neutral).

Two series are combined only on identical calendars; :func:`align` builds one from several
series and refuses gaps, so a missing quarter is an error rather than a silent hole.
"""

from rut_edu.rates.datasets import (  # noqa: F401
    policy_and_inflation,
    quarterly_dataset,
    rstar_estimates,
)
from rut_edu.rates.inflation import (  # noqa: F401
    INFLATION_MEASURES,
    KNOWN_GAPS,
    QUARTER_START_MONTHS,
    align,
    inflation_rate,
    quarterly_average,
    real_rate,
    stance_gap,
)
from rut_edu.rates.markets import (  # noqa: F401
    RateRegression,
    rate_changes,
    rate_regression,
    rolling_rate_beta,
    small_cap_relative_returns,
)
from rut_edu.rates.taylor import (  # noqa: F401
    TAYLOR_RULES,
    TaylorRule,
    taylor_path,
    taylor_rate,
)
from rut_edu.rates.trend import (  # noqa: F401
    LocalLevelFit,
    local_level_trend,
)

__all__ = [
    'INFLATION_MEASURES', 'KNOWN_GAPS', 'LocalLevelFit', 'QUARTER_START_MONTHS', 'RateRegression',
    'TAYLOR_RULES', 'TaylorRule', 'align', 'inflation_rate', 'local_level_trend', 'policy_and_inflation',
    'quarterly_average', 'quarterly_dataset', 'rate_changes', 'rate_regression', 'real_rate',
    'rolling_rate_beta', 'rstar_estimates', 'small_cap_relative_returns', 'stance_gap', 'taylor_path',
    'taylor_rate',
]
