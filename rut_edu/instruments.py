"""Trading the index: the instruments that stand in for it, and the arithmetic of using them.

Pure computation (no matplotlib, no ipywidgets). The index itself cannot be bought; funds,
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

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from rut_edu import validation

KINDS = ("future", "index option", "ETF", "CFD")
DAYS_PER_YEAR = 365  # ACT/365: time to expiry in years is calendar days / 365


@dataclasses.dataclass(frozen=True, kw_only=True)
class Instrument:
    """One instrument's terms as published, with where and when they were read."""

    symbol: str
    name: str
    kind: str  # one of KINDS
    underlying: str
    venue: str
    multiplier: float | None  # dollars per point of the value the contract is written on (None: bought by the share)
    index_fraction: float  # 1.0, or 0.1 for a contract written on a tenth of the index
    tick_points: float | None  # minimum price step in points of that value (None: not fixed or not recorded)
    settlement: str
    exercise: str | None  # options only
    expense_ratio: float | None  # funds only, per year
    traded: str
    as_of: str  # when these terms were read from the source
    source: str  # key in book/references.bib

    @property
    def dollars_per_point(self) -> float | None:
        """Dollars gained per one-point rise of the index, per contract (None for a fund or a CFD)."""
        return None if self.multiplier is None else self.multiplier * self.index_fraction

    def to_series(self) -> pd.Series:
        return pd.Series({
            "name": self.name, "kind": self.kind, "underlying": self.underlying, "venue": self.venue,
            "dollars per index point": self.dollars_per_point,
            "tick (dollars)": None if self.tick_points is None or self.dollars_per_point is None
            else round(self.tick_points * self.dollars_per_point, 2),
            "settlement": self.settlement, "exercise": self.exercise,
            "expense ratio": self.expense_ratio, "traded": self.traded, "terms as of": self.as_of,
            "source": self.source,
        }, name=self.symbol)


INSTRUMENTS: dict[str, Instrument] = {i.symbol: i for i in (
    Instrument(symbol="RTY", name="E-mini Russell 2000 futures", kind="future", underlying="Russell 2000",
               venue="CME", multiplier=50.0, index_fraction=1.0, tick_points=0.1,
               settlement="cash, to a special opening quotation on the third Friday", exercise=None,
               expense_ratio=None, traded="since 10 July 2017", as_of="2026-11-22", source="cme2026rty"),
    Instrument(symbol="M2K", name="Micro E-mini Russell 2000 futures", kind="future", underlying="Russell 2000",
               venue="CME", multiplier=5.0, index_fraction=1.0, tick_points=0.1, settlement="cash, as RTY",
               exercise=None, expense_ratio=None, traded="since May 2019", as_of="2026-11-22", source="cme2026m2k"),
    Instrument(symbol="TF", name="Russell 2000 Index Mini futures", kind="future", underlying="Russell 2000",
               venue="ICE", multiplier=100.0, index_fraction=1.0, tick_points=0.1, settlement="cash", exercise=None,
               expense_ratio=None, traded="2007-2017 (delisted as open interest ran off)", as_of="2017-06-30",
               source="ice2017tf"),
    Instrument(symbol="RL", name="Russell 2000 futures (the first contract)", kind="future",
               underlying="Russell 2000", venue="CME", multiplier=500.0, index_fraction=1.0, tick_points=None,
               settlement="cash", exercise=None, expense_ratio=None, traded="1993-2008", as_of="2017-06-12",
               source="cme2017return"),
    Instrument(symbol="ES", name="E-mini S&P 500 futures (for comparison)", kind="future", underlying="S&P 500",
               venue="CME", multiplier=50.0, index_fraction=1.0, tick_points=0.25,
               settlement="cash, to a special opening quotation on the third Friday", exercise=None,
               expense_ratio=None, traded="since 1997", as_of="2026-11-22", source="cme2026es"),
    Instrument(symbol="RUT", name="Russell 2000 index options", kind="index option", underlying="Russell 2000",
               venue="Cboe", multiplier=100.0, index_fraction=1.0, tick_points=None,
               settlement="cash; standard series AM-settled, weeklies and end-of-month PM-settled",
               exercise="European", expense_ratio=None, traded="listed at Cboe", as_of="2026-11-22",
               source="cboe2026rut"),
    Instrument(symbol="MRUT", name="Mini-Russell 2000 index options", kind="index option",
               underlying="a tenth of the Russell 2000", venue="Cboe", multiplier=100.0, index_fraction=0.1,
               tick_points=None, settlement="cash, PM-settled", exercise="European", expense_ratio=None,
               traded="since 2021", as_of="2026-11-22", source="cboe2026rut"),
    Instrument(symbol="IWM", name="iShares Russell 2000 ETF", kind="ETF", underlying="Russell 2000",
               venue="NYSE Arca", multiplier=None, index_fraction=1.0, tick_points=None,
               settlement="shares; creation and redemption in kind by authorised participants", exercise=None,
               expense_ratio=0.0019, traded="since 22 May 2000", as_of="2026-05-05", source="etfcom2026iwm"),
    Instrument(symbol="VTWO", name="Vanguard Russell 2000 ETF", kind="ETF", underlying="Russell 2000",
               venue="Nasdaq", multiplier=None, index_fraction=1.0, tick_points=None,
               settlement="shares; creation and redemption in kind by authorised participants", exercise=None,
               expense_ratio=0.0007, traded="since 20 September 2010", as_of="2025-12-01",
               source="ainvest2025vtwo"),
    Instrument(symbol="CFD", name="Russell 2000 index CFD (generic)", kind="CFD",
               underlying="Russell 2000 (broker's price)", venue="over the counter, the broker is the counterparty",
               multiplier=None, index_fraction=1.0, tick_points=None,
               settlement="cash, at the broker's price when the position is closed", exercise=None,
               expense_ratio=None,
               traded="not offered to retail clients in the United States; EU retail leverage capped at 10:1",
               as_of="2018-08-01", source="esma2018cfd"),
)}

# Reported average daily volume, in contracts (CME Monthly Equity Index Review, October 2019).
REPORTED_VOLUME = {"RTY": 145_267, "ES": 1_560_774}
REPORTED_VOLUME_PERIOD = "2019, year to October"
REPORTED_VOLUME_SOURCE = "cme2019review"

# ESMA's 2018 retail CFD rules (Decision (EU) 2018/796): the Russell 2000 is not among the "major"
# indices, so a retail client may use at most 10:1; the broker must close positions once the
# account's equity falls to half of the initial margin those positions required.
EU_RETAIL_MAX_LEVERAGE_NON_MAJOR_INDEX = 10.0
EU_RETAIL_CLOSE_OUT_LEVEL = 0.5


def instrument(symbol: str) -> Instrument:
    """The terms of the instrument with ``symbol`` (a key of :data:`INSTRUMENTS`).

    Parameters
    ----------
    symbol : str
        For example ``"RTY"``, ``"M2K"``, ``"RUT"``, ``"IWM"`` or ``"CFD"``.

    Returns
    -------
    Instrument

    Raises
    ------
    ValueError
        If no instrument has that symbol.

    Examples
    --------
    >>> instrument("RTY").dollars_per_point
    50.0
    >>> instrument("MRUT").dollars_per_point  # $100 times a tenth of the index
    10.0
    """
    return INSTRUMENTS[validation.choice(symbol, "symbol", tuple(INSTRUMENTS))]


def terms_table(kind: str = "all") -> pd.DataFrame:
    """The published terms of every instrument of one ``kind``, one row each (columns without content dropped).

    Parameters
    ----------
    kind : str, default "all"
        One of :data:`KINDS` (``"future"``, ``"index option"``, ``"ETF"``, ``"CFD"``), or ``"all"``.

    Returns
    -------
    pandas.DataFrame
        Indexed by symbol.

    Raises
    ------
    ValueError
        If ``kind`` is neither one of :data:`KINDS` nor ``"all"``.

    Examples
    --------
    >>> terms_table("future")["tick (dollars)"].to_dict()["M2K"]
    0.5
    """
    kind = validation.choice(kind, "kind", KINDS + ("all",))
    rows = [i.to_series() for i in INSTRUMENTS.values() if kind in ("all", i.kind)]
    return pd.DataFrame(rows).dropna(axis="columns", how="all")


def _contract(symbol: str) -> Instrument:
    chosen = instrument(symbol)
    if chosen.dollars_per_point is None:
        sized = "a fund is bought by the share" if chosen.kind == "ETF" else "a CFD is sized by its stake per point"
        raise ValueError(f"{symbol} has no contract multiplier: {sized}")
    return chosen


def _level(value, name: str = "index_level") -> float:
    return validation.real_number(value, name, low=0.0, low_open=True)


def notional_value(symbol: str, index_level: float, contracts: int) -> float:
    """The value of the index exposure that ``contracts`` contracts of ``symbol`` carry, in dollars.

    ``contracts`` times dollars per index point times the index level.

    Parameters
    ----------
    symbol : str
        A futures or options symbol of :data:`INSTRUMENTS`.
    index_level : float
        The index (or futures) price in points, above zero.
    contracts : int
        How many contracts, at least 1.

    Returns
    -------
    float
        Dollars.

    Raises
    ------
    ValueError
        For a fund or a CFD (no multiplier), a level at or below zero, or fewer than one contract.

    Examples
    --------
    >>> notional_value("RTY", 2000.0, 3)
    300000.0
    """
    chosen = _contract(symbol)
    contracts = validation.whole_number(contracts, "contracts", minimum=1)
    return contracts * chosen.dollars_per_point * _level(index_level)


def tick_value(symbol: str) -> float:
    """Dollars gained or lost per contract when the price moves by one minimum tick.

    Parameters
    ----------
    symbol : str
        A futures symbol of :data:`INSTRUMENTS` whose tick is recorded.

    Returns
    -------
    float
        Dollars per tick per contract.

    Raises
    ------
    ValueError
        If the instrument has no multiplier or no recorded tick.

    Examples
    --------
    >>> tick_value("RTY"), tick_value("M2K"), tick_value("TF")
    (5.0, 0.5, 10.0)
    """
    chosen = _contract(symbol)
    if chosen.tick_points is None:
        raise ValueError(f"{symbol} has no single recorded tick size (options ticks depend on the premium)")
    return round(chosen.tick_points * chosen.dollars_per_point, 10)


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
        return pd.Series({"portfolio value": self.portfolio_value, "beta": self.beta,
                          "futures price": self.futures_price, "exact contracts": self.exact_contracts,
                          "contracts to sell": float(self.contracts), "notional sold": self.hedged_notional,
                          "beta left": self.remaining_beta}, name=f"{self.symbol} hedge")


def hedge(portfolio_value: float, beta: float, futures_price: float, symbol: str = "RTY") -> Hedge:
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

    Raises
    ------
    ValueError
        On a value, beta or price at or below zero, or a portfolio too small for one contract.

    Examples
    --------
    >>> h = hedge(1_000_000.0, 1.2, 2000.0)
    >>> h.exact_contracts, h.contracts
    (12.0, 12)
    """
    chosen = _contract(symbol)
    value = validation.real_number(portfolio_value, "portfolio_value", low=0.0, low_open=True)
    beta = validation.real_number(beta, "beta", low=0.0, low_open=True)
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
def futures_fair_value(spot: float, rate: float, dividend_yield: float, days: int) -> float:
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
    >>> round(futures_fair_value(2000.0, 0.05, 0.0, 365), 4)  # 2000 * e**0.05
    2102.5422
    """
    spot = _level(spot, "spot")
    rate = validation.real_number(rate, "rate", low=-0.2, high=1.0)
    q = validation.real_number(dividend_yield, "dividend_yield", low=0.0, high=1.0)
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


def quarterly_expiries(first_year: int, last_year: int, root: str = "RTY") -> pd.DataFrame:
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
    >>> quarterly_expiries(2026, 2026)["last trading day"].dt.strftime("%d %b").tolist()
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
            rows.append({"contract": f"{root}{code}{year % 100:02d}", "third Friday": third,
                         "last trading day": last_day, "moved": bool(last_day != third)})
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


# ---------------------------------------------------------------------------------------------- options
OPTION_KINDS = ("call", "put")


def _spots(spot) -> np.ndarray:
    if isinstance(spot, (int, float, np.floating, np.integer)) and not isinstance(spot, (bool, np.bool_)):
        return validation.finite_values([spot], "spot", sign="non-negative")
    return validation.finite_values(spot, "spot", sign="non-negative")


def option_payoff(kind: str, strike: float, spot) -> np.ndarray:
    """What one option pays at expiry per point of its underlying: ``max(S - K, 0)`` or ``max(K - S, 0)``.

    Parameters
    ----------
    kind : str
        ``"call"`` or ``"put"``.
    strike : float
        Points, above zero.
    spot : float or sequence of float
        The underlying's settlement value(s) at expiry, 0 or more.

    Returns
    -------
    numpy.ndarray
        One payoff per spot, in points (multiply by the contract's dollars per point).

    Raises
    ------
    ValueError
        On an unknown kind, a strike at or below zero, or a negative, NaN or infinite spot.

    Examples
    --------
    >>> option_payoff("call", 2000.0, [1900.0, 2000.0, 2150.0]).tolist()
    [0.0, 0.0, 150.0]
    >>> option_payoff("put", 2000.0, [1900.0, 2150.0]).tolist()
    [100.0, 0.0]
    """
    kind = validation.choice(kind, "kind", OPTION_KINDS)
    strike = validation.real_number(strike, "strike", low=0.0, low_open=True)
    spots = _spots(spot)
    return np.maximum(spots - strike, 0.0) if kind == "call" else np.maximum(strike - spots, 0.0)


@dataclasses.dataclass(frozen=True)
class Leg:
    """One option position in a strategy: ``quantity`` > 0 bought, < 0 sold, at ``premium`` points each."""

    kind: str
    strike: float
    quantity: int
    premium: float

    def __post_init__(self):
        validation.choice(self.kind, "kind", OPTION_KINDS)
        validation.real_number(self.strike, "strike", low=0.0, low_open=True)
        if validation.whole_number(self.quantity, "quantity") == 0:
            raise ValueError("quantity must not be zero: a leg is bought (> 0) or sold (< 0)")
        validation.real_number(self.premium, "premium", low=0.0)


def _legs(legs) -> tuple[Leg, ...]:
    if isinstance(legs, Leg):
        legs = (legs,)
    if not isinstance(legs, Sequence) or not legs or not all(isinstance(leg, Leg) for leg in legs):
        raise ValueError(f"legs must be a non-empty list of instruments.Leg, got {legs!r}")
    return tuple(legs)


def strategy_payoff(legs, spot) -> np.ndarray:
    """The payoff at expiry of a list of option legs, per point of the underlying.

    Parameters
    ----------
    legs : Leg or sequence of Leg
    spot : float or sequence of float
        Settlement value(s) at expiry.

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    ValueError
        On an empty or malformed list of legs, or a bad spot.

    Examples
    --------
    >>> spread = [Leg("call", 2000.0, 1, 60.0), Leg("call", 2100.0, -1, 25.0)]  # a bull call spread
    >>> strategy_payoff(spread, [1900.0, 2050.0, 2300.0]).tolist()
    [0.0, 50.0, 100.0]
    """
    legs = _legs(legs)
    spots = _spots(spot)
    return sum(leg.quantity * option_payoff(leg.kind, leg.strike, spots) for leg in legs)


def strategy_profit(legs, spot) -> np.ndarray:
    """The profit at expiry of a list of legs: payoff minus premiums paid plus premiums received.

    Parameters
    ----------
    legs : Leg or sequence of Leg
    spot : float or sequence of float

    Returns
    -------
    numpy.ndarray
        Points per unit (multiply by the contract's dollars per point).

    Raises
    ------
    ValueError
        As :func:`strategy_payoff`.

    Examples
    --------
    >>> spread = [Leg("call", 2000.0, 1, 60.0), Leg("call", 2100.0, -1, 25.0)]
    >>> strategy_profit(spread, [1900.0, 2300.0]).tolist()  # lose the net 35 paid, or make 100 - 35
    [-35.0, 65.0]
    """
    legs = _legs(legs)
    return strategy_payoff(legs, spot) - sum(leg.quantity * leg.premium for leg in legs)


def _norm_cdf(x: float) -> float:
    # The standard normal distribution function from the error function (exact to double precision).
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def black_scholes(kind: str, spot: float, strike: float, years: float, rate: float, volatility: float,
                  dividend_yield: float = 0.0) -> float:
    """The Black-Scholes-Merton price of a European option on an index paying a continuous dividend yield.

    ``call = S e^{-qT} N(d1) - K e^{-rT} N(d2)`` and ``put = K e^{-rT} N(-d2) - S e^{-qT} N(-d1)``,
    with ``d1 = (ln(S/K) + (r - q + sigma^2/2) T) / (sigma sqrt(T))`` and ``d2 = d1 - sigma sqrt(T)``.
    RUT and MRUT options are European, so the formula applies to them; IWM options are
    American and can be worth more.

    Parameters
    ----------
    kind : str
        ``"call"`` or ``"put"``.
    spot, strike : float
        Points, above zero, with spot / strike between 1e-6 and 1e6.
    years : float
        Time to expiry in years, above zero (days / 365).
    rate : float
        Risk-free rate per year, continuously compounded, between -0.2 and 1.
    volatility : float
        Annualised volatility, above 0 and at most 5.
    dividend_yield : float, default 0
        Continuous dividend yield per year, between 0 and 1.

    Returns
    -------
    float
        The option price in points.

    Raises
    ------
    ValueError
        On an unknown kind or any input out of range.

    Examples
    --------
    >>> round(black_scholes("call", 42.0, 40.0, 0.5, 0.10, 0.20), 2)  # Hull's worked example
    4.76
    >>> round(black_scholes("put", 42.0, 40.0, 0.5, 0.10, 0.20), 2)
    0.81
    """
    kind = validation.choice(kind, "kind", OPTION_KINDS)
    s = _level(spot, "spot")
    k = validation.real_number(strike, "strike", low=0.0, low_open=True)
    t = validation.real_number(years, "years", low=0.0, low_open=True, high=100.0)
    r = validation.real_number(rate, "rate", low=-0.2, high=1.0)
    sigma = validation.real_number(volatility, "volatility", low=0.0, low_open=True, high=5.0)
    q = validation.real_number(dividend_yield, "dividend_yield", low=0.0, high=1.0)
    if not 1e-6 <= s / k <= 1e6:
        # beyond this the option is all intrinsic value or worthless, and the formula's logs and
        # exponentials lose every digit; a strike a million times the spot is a typing error
        raise ValueError(f"spot / strike = {s / k:.3g} is outside 1e-6 to 1e6: check the spot ({s}) and the strike ({k})")
    root_t = sigma * math.sqrt(t)
    d1 = (math.log(s / k) + (r - q + 0.5 * sigma**2) * t) / root_t
    d2 = d1 - root_t
    forward_s, discounted_k = s * math.exp(-q * t), k * math.exp(-r * t)
    if kind == "call":
        price = forward_s * _norm_cdf(d1) - discounted_k * _norm_cdf(d2)
    else:
        price = discounted_k * _norm_cdf(-d2) - forward_s * _norm_cdf(-d1)
    # Far out of the money both terms round to almost nothing and their difference can fall a hair below 0.
    return max(price, 0.0)


def put_call_parity_gap(call: float, put: float, spot: float, strike: float, years: float, rate: float,
                        dividend_yield: float = 0.0) -> float:
    """How far a European call and put on the same strike and expiry are from put-call parity.

    Parity says ``C - P = S e^{-qT} - K e^{-rT}``; the gap is the left side minus the right,
    in points. Zero up to rounding for fair prices; a gap larger than trading costs would
    be an arbitrage. It holds for European options only (RUT, MRUT), not American ones (IWM).

    Parameters
    ----------
    call, put : float
        Option prices in points, 0 or more.
    spot, strike : float
        Points, above zero.
    years : float
        Time to expiry in years, above zero.
    rate : float
        Risk-free rate per year, continuously compounded, between -0.2 and 1.
    dividend_yield : float, default 0
        Continuous dividend yield, between 0 and 1.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        On any input out of range.

    Examples
    --------
    >>> c = black_scholes("call", 2000.0, 2000.0, 0.25, 0.04, 0.22, 0.013)
    >>> p = black_scholes("put", 2000.0, 2000.0, 0.25, 0.04, 0.22, 0.013)
    >>> abs(put_call_parity_gap(c, p, 2000.0, 2000.0, 0.25, 0.04, 0.013)) < 1e-9
    True
    """
    c = validation.real_number(call, "call", low=0.0)
    p = validation.real_number(put, "put", low=0.0)
    s = _level(spot, "spot")
    k = validation.real_number(strike, "strike", low=0.0, low_open=True)
    t = validation.real_number(years, "years", low=0.0, low_open=True, high=100.0)
    r = validation.real_number(rate, "rate", low=-0.2, high=1.0)
    q = validation.real_number(dividend_yield, "dividend_yield", low=0.0, high=1.0)
    return (c - p) - (s * math.exp(-q * t) - k * math.exp(-r * t))


# ---------------------------------------------------------------------------------------------- funds
def fee_cost_by_year(amount: float, expense_ratio: float, years: int, annual_return: float = 0.0) -> pd.Series:
    """Dollars a fund's expense ratio has cost by the end of each year, against the same fund with no fee.

    The fee is taken as a fraction of assets every year, so its cost compounds:
    ``amount * (1 + g)^t * (1 - (1 - e)^t)`` after ``t`` years at gross return ``g``.
    (Funds accrue the fee daily; yearly steps differ from that by well under a cent per $100.)

    Parameters
    ----------
    amount : float
        Dollars invested at the start, above zero.
    expense_ratio : float
        Per year, between 0 and 0.1.
    years : int
        1 to 100.
    annual_return : float, default 0
        The index's gross return per year, between -0.5 and 1.

    Returns
    -------
    pandas.Series
        Indexed by year 0..``years``; year 0 is 0.

    Raises
    ------
    ValueError
        On any input out of range.

    Examples
    --------
    >>> fee_cost_by_year(10_000.0, 0.0019, 2).round(4).tolist()
    [0.0, 19.0, 37.9639]
    """
    amount = validation.real_number(amount, "amount", low=0.0, low_open=True)
    fee = validation.real_number(expense_ratio, "expense_ratio", low=0.0, high=0.1)
    years = validation.whole_number(years, "years", minimum=1, maximum=100)
    growth = validation.real_number(annual_return, "annual_return", low=-0.5, high=1.0)
    t = np.arange(years + 1)
    gross = amount * (1.0 + growth) ** t
    return pd.Series(gross * (1.0 - (1.0 - fee) ** t), index=pd.Index(t, name="year"),
                     name=f"cost of a {fee:.2%} expense ratio")


# ---------------------------------------------------------------------------------------------- CFDs and leverage
@dataclasses.dataclass(frozen=True)
class CfdPosition:
    """A long index CFD: what it is worth, what it ties up, what it costs to hold, and what ends it."""

    index_level: float
    stake_per_point: float  # dollars per index point
    leverage: float
    financing_rate: float  # per year: the broker's benchmark rate plus its markup
    close_out_level: float  # equity, as a share of the initial margin, at which the broker closes the position
    notional: float
    margin: float
    daily_financing: float  # dollars per night held
    close_out_move: float  # fall of the index, as a fraction, that triggers the close-out
    wipe_out_move: float  # fall that loses the whole margin

    def to_series(self) -> pd.Series:
        return pd.Series({"notional": self.notional, "margin": self.margin,
                          "financing per night": self.daily_financing,
                          "index fall that closes the position": self.close_out_move,
                          "index fall that loses the whole margin": self.wipe_out_move},
                         name=f"{self.leverage:g}:1 CFD")


def cfd_position(index_level: float, stake_per_point: float, leverage: float, financing_rate: float,
                 close_out_level: float = EU_RETAIL_CLOSE_OUT_LEVEL) -> CfdPosition:
    """A long CFD on the index: margin, overnight financing and the falls that end it.

    ``notional = level * stake``; ``margin = notional / leverage``; financing per night
    ``= notional * financing_rate / 365``. The broker closes the position when the loss
    has eaten ``1 - close_out_level`` of the margin, i.e. after an index fall of
    ``(1 - close_out_level) / leverage``; a fall of ``1 / leverage`` loses it all.
    Costs of the spread and of gaps through the close-out level are left out.

    Parameters
    ----------
    index_level : float
        Points, above zero.
    stake_per_point : float
        Dollars per index point, above zero.
    leverage : float
        Notional over margin, 1 to 100 (EU retail rules allow at most 10 on this index).
    financing_rate : float
        Per year, between 0 and 1.
    close_out_level : float, default 0.5
        Equity as a share of margin at which positions are closed (ESMA: 0.5), in [0, 1).

    Returns
    -------
    CfdPosition

    Raises
    ------
    ValueError
        On leverage below 1 or any input out of range.

    Examples
    --------
    >>> p = cfd_position(2000.0, 10.0, 10.0, 0.065)
    >>> p.notional, p.margin, p.close_out_move
    (20000.0, 2000.0, 0.05)
    """
    level = _level(index_level)
    stake = validation.real_number(stake_per_point, "stake_per_point", low=0.0, low_open=True)
    leverage = validation.real_number(leverage, "leverage", low=1.0, high=100.0)
    rate = validation.real_number(financing_rate, "financing_rate", low=0.0, high=1.0)
    close_out = validation.real_number(close_out_level, "close_out_level", low=0.0, high=1.0, high_open=True)
    notional = level * stake
    return CfdPosition(level, stake, leverage, rate, close_out, notional, notional / leverage,
                       notional * rate / DAYS_PER_YEAR, (1.0 - close_out) / leverage, 1.0 / leverage)


@dataclasses.dataclass(frozen=True)
class PositionSize:
    """Units to trade so that a stop-loss, if hit, loses a chosen share of the account."""

    units: int
    risk_per_unit: float  # dollars lost per unit if the stop is hit
    money_at_risk: float  # units * risk per unit
    share_of_account: float

    def to_series(self) -> pd.Series:
        return pd.Series({"units": float(self.units), "risk per unit": self.risk_per_unit,
                          "money at risk": self.money_at_risk, "share of account": self.share_of_account},
                         name="position size")


def position_size(account: float, risk_fraction: float, entry: float, stop: float,
                  dollars_per_point: float) -> PositionSize:
    """The whole number of units whose loss at the stop is at most ``risk_fraction`` of ``account``.

    ``units = floor(account * risk_fraction / (|entry - stop| * dollars_per_point))``.
    A stop is not a guarantee: the market can gap through it, so the real loss can be larger.

    Parameters
    ----------
    account : float
        Dollars, above zero.
    risk_fraction : float
        Share of the account to risk, above 0 and at most 0.2.
    entry, stop : float
        Prices in points, above zero and different.
    dollars_per_point : float
        What one unit gains per point (50 for one RTY contract, 5 for M2K), above zero.

    Returns
    -------
    PositionSize

    Raises
    ------
    ValueError
        If the stop equals the entry, an input is out of range, or even one unit risks too much.

    Examples
    --------
    >>> position_size(100_000.0, 0.01, 2000.0, 1980.0, 5.0).units  # $1,000 at risk, $100 per M2K contract
    10
    """
    account = validation.real_number(account, "account", low=0.0, low_open=True)
    share = validation.real_number(risk_fraction, "risk_fraction", low=0.0, low_open=True, high=0.2)
    entry = _level(entry, "entry")
    stop = _level(stop, "stop")
    per_point = validation.real_number(dollars_per_point, "dollars_per_point", low=0.0, low_open=True)
    if entry == stop:
        raise ValueError("the stop equals the entry: there is no distance to size the position by")
    risk_per_unit = abs(entry - stop) * per_point
    budget = account * share
    units = int(math.floor(budget / risk_per_unit + 1e-9))
    if units < 1:
        raise ValueError(f"one unit risks ${risk_per_unit:,.2f}, more than the ${budget:,.2f} allowed: "
                         "use a smaller contract, a closer stop or skip the trade")
    return PositionSize(units, risk_per_unit, units * risk_per_unit, units * risk_per_unit / account)


# ---------------------------------------------------------------------------------------------- leverage scenarios
@dataclasses.dataclass(frozen=True)
class LeverageScenario:
    """A leveraged long position hit by a move of ``sigmas`` daily standard deviations."""

    symbol: str
    units: float
    leverage: float
    notional: float
    margin: float
    move_points: float
    profit: float
    profit_share_of_margin: float
    wipe_out_points: float  # index fall that loses the whole margin
    wipe_out_sigmas: float  # the same fall in daily standard deviations

    def to_series(self) -> pd.Series:
        return pd.Series({"notional": self.notional, "margin": self.margin, "index move (points)": self.move_points,
                          "profit or loss": self.profit, "as a share of margin": self.profit_share_of_margin,
                          "fall that loses the margin (points)": self.wipe_out_points,
                          "that fall in daily standard deviations": self.wipe_out_sigmas}, name=self.symbol)


SCENARIO_SYMBOLS = ("RTY", "M2K", "CFD")


def leverage_scenario(symbol: str, units: float, leverage: float, index_level: float, daily_volatility: float,
                      sigmas: float) -> LeverageScenario:
    """What a move of ``sigmas`` daily standard deviations does to a leveraged long position.

    The exposure per index point is ``units`` contracts times the contract's dollars per
    point (RTY, M2K) or, for a CFD, ``units`` dollars per point. ``margin = notional / leverage``.
    The move is ``sigmas * daily_volatility * index_level`` points (simple returns).

    Parameters
    ----------
    symbol : str
        ``"RTY"``, ``"M2K"`` or ``"CFD"``.
    units : float
        Contracts (a whole number for futures) or a CFD stake in dollars per point; above zero.
    leverage : float
        Notional over margin, 1 to 100.
    index_level : float
        Points, above zero.
    daily_volatility : float
        Standard deviation of daily returns (0.014 is 1.4%), above 0 and below 0.5.
    sigmas : float
        Size of the move in daily standard deviations, -10 to 10 (negative is a fall).

    Returns
    -------
    LeverageScenario

    Raises
    ------
    ValueError
        On an unknown symbol, fractional contracts or any input out of range.

    Examples
    --------
    >>> s = leverage_scenario("RTY", 1, 20.0, 2000.0, 0.015, -2.0)
    >>> s.notional, s.margin, s.profit
    (100000.0, 5000.0, -3000.0)
    """
    symbol = validation.choice(symbol, "symbol", SCENARIO_SYMBOLS)
    if symbol == "CFD":
        per_point = validation.real_number(units, "units", low=0.0, low_open=True)
        units_value = per_point
    else:
        units_value = validation.whole_number(units, "units", minimum=1)
        per_point = units_value * instrument(symbol).dollars_per_point
    leverage = validation.real_number(leverage, "leverage", low=1.0, high=100.0)
    level = _level(index_level)
    vol = validation.real_number(daily_volatility, "daily_volatility", low=0.0, low_open=True, high=0.5,
                                 high_open=True)
    k = validation.real_number(sigmas, "sigmas", low=-10.0, high=10.0)
    notional = level * per_point
    margin = notional / leverage
    move = k * vol * level
    profit = move * per_point
    wipe_out = margin / per_point
    return LeverageScenario(symbol, float(units_value), leverage, notional, margin, move, profit, profit / margin,
                            wipe_out, wipe_out / (vol * level))


def close_out_days(daily_returns: pd.Series, leverages, close_out_level: float = EU_RETAIL_CLOSE_OUT_LEVEL
                   ) -> pd.DataFrame:
    """How often one day's fall alone would have closed out a long position, at each leverage.

    At leverage ``L`` the broker closes the position after an index fall of
    ``(1 - close_out_level) / L`` (see :func:`cfd_position`); this counts the days in
    ``daily_returns`` (simple returns, close to close) that fell at least that much.
    Intraday falls, gaps and losses built up over several days come on top.

    Parameters
    ----------
    daily_returns : pandas.Series
        Simple daily returns, dated, at least 20, finite, dates unique and sorted.
    leverages : sequence of float
        Each at least 1 and at most 100, strictly increasing.
    close_out_level : float, default 0.5
        Equity as a share of margin at which positions are closed, in [0, 1).

    Returns
    -------
    pandas.DataFrame
        Indexed by leverage: ``fall that closes the position``, ``days`` and ``share of days``.

    Raises
    ------
    ValueError
        On bad returns, leverages out of range or unsorted, or a bad close-out level.

    Examples
    --------
    >>> days = pd.Series([0.01, -0.03, 0.002, -0.06] * 5, index=pd.bdate_range("2024-01-01", periods=20))
    >>> close_out_days(days, [5.0, 10.0, 20.0])["days"].tolist()
    [0, 5, 10]
    """
    returns = validation.returns(daily_returns, "daily_returns", minimum=20)
    levels = validation.finite_values(leverages, "leverages")
    if np.any(levels < 1.0) or np.any(levels > 100.0):
        raise ValueError("leverages must each lie between 1 and 100")
    if np.any(np.diff(levels) <= 0):
        raise ValueError("leverages must be strictly increasing")
    close_out = validation.real_number(close_out_level, "close_out_level", low=0.0, high=1.0, high_open=True)
    falls = (1.0 - close_out) / levels
    values = returns.to_numpy()
    counts = np.array([int(np.sum(values <= -fall)) for fall in falls])
    return pd.DataFrame({"fall that closes the position": falls, "days": counts,
                         "share of days": counts / len(values)}, index=pd.Index(levels, name="leverage"))
