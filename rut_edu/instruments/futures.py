"""Futures: hedging a portfolio, fair value and basis, and the quarterly expiry calendar.

Pure computation; the conventions of :mod:`rut_edu.instruments` hold (points, dollars,
decimals per year, ACT/365).
"""

from __future__ import annotations

import dataclasses
import math

import pandas as pd

from rut_edu import validation
from rut_edu.instruments.contracts import DAYS_PER_YEAR, _contract, _level, instrument


# ---------------------------------------------------------------------------------------------- hedging
@dataclasses.dataclass(frozen=True)
class Hedge:
    """A short futures hedge of a stock portfolio: the exact ratio, the whole contracts, what is left."""

    symbol: str
    portfolio_value: float
    beta: float
    futures_price: float
    exact_contracts: float  # beta * portfolio value / (futures price * dollars per point)
    contracts: int  # the exact number rounded to the nearest whole contract, sold
    hedged_notional: float
    remaining_beta: float  # the portfolio's beta to the index after the hedge

    def to_series(self) -> pd.Series:
        return pd.Series({"portfolio_value": self.portfolio_value, "beta": self.beta,
                          "futures_price": self.futures_price, "exact_contracts": self.exact_contracts,
                          "contracts_to_sell": float(self.contracts), "hedged_notional": self.hedged_notional,
                          "remaining_beta": self.remaining_beta}, name=f"{self.symbol} hedge")


def hedge(portfolio_value: float, *, beta: float, futures_price: float, symbol: str = "RTY") -> Hedge:
    """How many futures contracts to sell so a portfolio's beta to the index falls to about zero.

    The minimum-variance rule with beta: ``N = beta * V / (F * dollars per point)``,
    rounded to whole contracts; what rounding leaves is reported as the remaining beta.

    Parameters
    ----------
    portfolio_value : float
        Dollars, above zero.
    beta : float
        The portfolio's beta to the index, above zero.
    futures_price : float
        Points, above zero.
    symbol : str, default "RTY"
        The futures contract used.

    Returns
    -------
    Hedge
        The contracts to sell (exact and rounded), the notional they cover and the beta left over.

    Raises
    ------
    ValueError
        On a value, beta or price at or below zero, or a portfolio too small for one contract.

    Examples
    --------
    >>> h = hedge(1_000_000.0, beta=1.2, futures_price=2000.0)
    >>> h.exact_contracts, h.contracts
    (12.0, 12)
    """
    chosen = _contract(symbol)
    value = validation.real_number(portfolio_value, "portfolio_value", low=0.0, low_open=True)
    beta = validation.real_number(beta, "beta", low=0.0, low_open=True, high=5.0,
                                  hint="a beta of 1.1 is written 1.1, not 110")
    price = _level(futures_price, "futures_price")
    per_contract = price * chosen.dollars_per_point
    exact = beta * value / per_contract
    contracts = int(math.floor(exact + 0.5))
    if contracts < 1:
        raise ValueError(f"the beta-weighted exposure, ${beta * value:,.0f}, is less than half of one {symbol} "
                         f"contract (${per_contract:,.0f}): use a smaller contract or do not hedge with futures")
    return Hedge(chosen.symbol, value, beta, price, exact, contracts, contracts * per_contract,
                 beta - contracts * per_contract / value)


# ---------------------------------------------------------------------------------------------- futures pricing
def futures_fair_value(spot: float, *, rate: float, dividend_yield: float, days: int) -> float:
    """The futures price at which buying the index and selling the future earns the risk-free rate.

    Cost of carry with continuous compounding: ``F = S * exp((r - q) * days / 365)``.
    Exchanges and banks often quote it with simple interest and the dividends in points;
    for a quarter the two differ by a small fraction of a point.

    Parameters
    ----------
    spot : float
        Index level, points, above zero.
    rate : float
        Risk-free rate per year (decimal), between -0.2 and 1.
    dividend_yield : float
        The index's dividend yield per year (decimal), between 0 and 1.
    days : int
        Calendar days to expiry, 0 to 36,500 (a hundred years).

    Returns
    -------
    float
        Points.

    Raises
    ------
    ValueError
        On a non-positive spot, a rate or yield out of range, or negative days.

    Examples
    --------
    >>> round(futures_fair_value(2000.0, rate=0.05, dividend_yield=0.0, days=365), 4)  # 2000 * e**0.05
    2102.5422
    """
    spot = _level(spot, "spot")
    rate = validation.real_number(rate, "rate", low=-0.2, high=1.0, hint="a decimal: 0.045 is 4.5%")
    q = validation.real_number(dividend_yield, "dividend_yield", low=0.0, high=0.2,
                               hint="a yield as a decimal, 0.012 for 1.2%, not dollars of dividends")
    days = validation.whole_number(days, "days", minimum=0, maximum=100 * DAYS_PER_YEAR)
    return spot * math.exp((rate - q) * days / DAYS_PER_YEAR)


def basis(futures_price: float, spot: float) -> float:
    """The futures price minus the spot index level, in points (positive when the future is above spot).

    Some texts define basis the other way round (spot minus futures); this course uses
    futures minus spot, the way equity-index traders quote it.

    Parameters
    ----------
    futures_price, spot : float
        Points, above zero.

    Returns
    -------
    float
        Index points; negative when the future trades below the index.

    Raises
    ------
    ValueError
        On a price at or below zero.

    Examples
    --------
    >>> round(basis(2010.5, 2000.0), 10)
    10.5
    """
    return _level(futures_price, "futures_price") - _level(spot, "spot")


# ---------------------------------------------------------------------------------------------- expiry calendar
QUARTER_MONTHS = {3: "H", 6: "M", 9: "U", 12: "Z"}  # the futures month codes


def quarterly_expiries(first_year: int, last_year: int, *, root: str = "RTY") -> pd.DataFrame:
    """The quarterly futures expiries (March, June, September, December) of ``first_year``..``last_year``.

    Trading ends on the third Friday of the contract month. When that Friday is not an NYSE
    trading day (Good Friday, say), trading ends on the session before; the table says so.
    Sessions come from the maintained ``exchange_calendars`` library.

    Parameters
    ----------
    first_year, last_year : int
        Whole years within the calendar the course loads (1990-2034), first <= last.
    root : str, default "RTY"
        The futures symbol used to spell each contract's code (``RTYZ26``).

    Returns
    -------
    pandas.DataFrame
        One row per contract: ``contract``, ``third Friday``, ``last trading day``, ``moved``.

    Raises
    ------
    ValueError
        On years out of range or in the wrong order, or a symbol that is not a future.

    Examples
    --------
    >>> quarterly_expiries(2026, 2026)["last_trading_day"].dt.strftime("%d %b").tolist()
    ['20 Mar', '18 Jun', '18 Sep', '18 Dec']
    """
    from rut_edu.periods import CALENDAR_YEARS, nyse_sessions

    if instrument(root).kind != "future":
        raise ValueError(f"root must be a futures symbol, got {root!r} ({instrument(root).kind})")
    first = validation.whole_number(first_year, "first_year", minimum=CALENDAR_YEARS[0],
                                    maximum=CALENDAR_YEARS[1] - 1)
    last = validation.whole_number(last_year, "last_year", minimum=first, maximum=CALENDAR_YEARS[1] - 1)
    sessions = nyse_sessions()
    rows = []
    for year in range(first, last + 1):
        for month, code in QUARTER_MONTHS.items():
            fridays = pd.date_range(f"{year}-{month:02d}-01", periods=3, freq="W-FRI")
            third = fridays[2]
            last_day = third if third in sessions else sessions[sessions.searchsorted(third) - 1]
            rows.append({"contract": f"{root}{code}{year % 100:02d}", "third_friday": third,
                         "last_trading_day": last_day, "moved": bool(last_day != third)})
    return pd.DataFrame(rows).set_index("contract")


def days_to_expiry(valuation_date, expiry) -> int:
    """Calendar days from ``valuation_date`` to ``expiry`` (0 on the expiry day itself).

    Parameters
    ----------
    valuation_date, expiry : str or date
        Dates such as ``"2026-11-23"``.

    Returns
    -------
    int
        Whole calendar days, 0 or more.

    Raises
    ------
    ValueError
        If either is not a date, or the expiry is already past.

    Examples
    --------
    >>> days_to_expiry("2026-11-23", "2026-12-18")
    25
    """
    start = validation.date(valuation_date, "valuation_date")
    end = validation.date(expiry, "expiry")
    if (start.tz is None) != (end.tz is None) or (start.tz is not None and str(start.tz) != str(end.tz)):
        raise ValueError(f"valuation_date is {start.tz or 'time-zone-naive'} but expiry is "
                         f"{end.tz or 'time-zone-naive'}; give both in one convention")
    if end.normalize() < start.normalize():
        raise ValueError(f"the expiry {end:%Y-%m-%d} is before the valuation date {start:%Y-%m-%d}: "
                         "that contract has already expired")
    return int((end.normalize() - start.normalize()).days)
