"""Trading the index: the instruments that stand in for it, and the arithmetic of using them.

Pure computation (no matplotlib, no ipywidgets), one module per topic: :mod:`.contracts` (the
terms), :mod:`.futures`, :mod:`.options` and :mod:`.leverage` (funds, CFDs and leverage); every name is
also reachable here, as ``instruments.hedge``. The index itself cannot be bought; funds,
futures, options and CFDs are. Their terms are data here (:data:`INSTRUMENTS`), each with
its source and the date it was read, because exchanges and fund issuers change them.

Conventions, used by every function below:

* index levels and strikes in index points; money in US dollars;
* interest rates, dividend yields, expense ratios and volatilities as decimals per year
  (0.045 is 4.5% a year), continuously compounded where a formula discounts or grows;
* time to expiry in calendar days counted ACT/365 (``years = days / 365``);
* "dollars per point" is what one contract gains when the index rises one point
  (the contract multiplier times the fraction of the index the contract is written on).
"""

from rut_edu.instruments.contracts import (  # noqa: F401
    DAYS_PER_YEAR,
    EXCHANGE_MARGIN_EXAMPLE,
    INSTRUMENTS,
    KINDS,
    REPORTED_VOLUME,
    REPORTED_VOLUME_DAY,
    REPORTED_VOLUME_PERIOD,
    REPORTED_VOLUME_SOURCE,
    ExchangeMargin,
    Instrument,
    instrument,
    notional_value,
    terms_table,
    tick_value,
)
from rut_edu.instruments.futures import (  # noqa: F401
    QUARTER_MONTHS,
    Hedge,
    basis,
    days_to_expiry,
    futures_fair_value,
    hedge,
    quarterly_expiries,
)
from rut_edu.instruments.leverage import (  # noqa: F401
    EU_RETAIL_CLOSE_OUT_LEVEL,
    EU_RETAIL_MAX_LEVERAGE_NON_MAJOR_INDEX,
    SCENARIO_SYMBOLS,
    CfdPosition,
    LeverageScenario,
    PositionSize,
    cfd_position,
    close_out_days,
    fee_cost_by_year,
    leverage_scenario,
    position_size,
)
from rut_edu.instruments.options import (  # noqa: F401
    OPTION_KINDS,
    Leg,
    black_scholes,
    option_payoff,
    put_call_parity_gap,
    strategy_payoff,
    strategy_profit,
)

__all__ = [
    'CfdPosition', 'DAYS_PER_YEAR', 'EU_RETAIL_CLOSE_OUT_LEVEL', 'EU_RETAIL_MAX_LEVERAGE_NON_MAJOR_INDEX',
    'EXCHANGE_MARGIN_EXAMPLE', 'ExchangeMargin',
    'Hedge', 'INSTRUMENTS', 'Instrument', 'KINDS', 'Leg', 'LeverageScenario', 'OPTION_KINDS', 'PositionSize',
    'QUARTER_MONTHS', 'REPORTED_VOLUME', 'REPORTED_VOLUME_DAY', 'REPORTED_VOLUME_PERIOD', 'REPORTED_VOLUME_SOURCE',
    'SCENARIO_SYMBOLS', 'basis', 'black_scholes', 'cfd_position', 'close_out_days', 'days_to_expiry',
    'fee_cost_by_year', 'futures_fair_value', 'hedge', 'instrument', 'leverage_scenario', 'notional_value',
    'option_payoff', 'position_size', 'put_call_parity_gap', 'quarterly_expiries', 'strategy_payoff',
    'strategy_profit', 'terms_table', 'tick_value',
]
