"""Funds, CFDs and leverage: fees over time, financing, position sizing, close-outs.

Pure computation; the conventions of :mod:`rut_edu.instruments` hold (points, dollars,
decimals per year, ACT/365).
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd

from rut_edu import validation
from rut_edu.instruments.contracts import DAYS_PER_YEAR, _level, instrument

# ESMA's 2018 retail CFD rules (Decision (EU) 2018/796): the Russell 2000 is not among the "major"
# indices, so a retail client may use at most 10:1; the broker must close positions once the
# account's equity falls to half of the initial margin those positions required.
EU_RETAIL_MAX_LEVERAGE_NON_MAJOR_INDEX = 10.0
EU_RETAIL_CLOSE_OUT_LEVEL = 0.5


# ---------------------------------------------------------------------------------------------- funds
def fee_cost_by_year(amount: float, *, expense_ratio: float, years: int, annual_return: float = 0.0) -> pd.Series:
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
    >>> fee_cost_by_year(10_000.0, expense_ratio=0.0019, years=2).round(4).tolist()
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
                          "daily_financing": self.daily_financing, "close_out_move": self.close_out_move,
                          "wipe_out_move": self.wipe_out_move},
                         name=f"{self.leverage:g}:1 CFD")


def cfd_position(index_level: float, *, stake_per_point: float, leverage: float, financing_rate: float,
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
        The notional, margin, nightly financing and the index falls that close or wipe out the position.

    Raises
    ------
    ValueError
        On leverage below 1 or any input out of range.

    Examples
    --------
    >>> p = cfd_position(2000.0, stake_per_point=10.0, leverage=10.0, financing_rate=0.065)
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
        return pd.Series({"units": float(self.units), "risk_per_unit": self.risk_per_unit,
                          "money_at_risk": self.money_at_risk, "share_of_account": self.share_of_account},
                         name="position size")


def position_size(account: float, *, risk_fraction: float, entry: float, stop: float,
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
        The units, the risk per unit, the money at risk and its share of the account.

    Raises
    ------
    ValueError
        If the stop equals the entry, an input is out of range, or even one unit risks too much.

    Examples
    --------
    >>> position_size(100_000.0, risk_fraction=0.01, entry=2000.0, stop=1980.0,
    ...               dollars_per_point=5.0).units  # $1,000 at risk, $100 per M2K contract
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
        return pd.Series({"notional": self.notional, "margin": self.margin, "move_points": self.move_points,
                          "profit": self.profit, "profit_share_of_margin": self.profit_share_of_margin,
                          "wipe_out_points": self.wipe_out_points, "wipe_out_sigmas": self.wipe_out_sigmas},
                         name=self.symbol)


SCENARIO_SYMBOLS = ("RTY", "M2K", "CFD")


def leverage_scenario(symbol: str, *, units: float, leverage: float, index_level: float, daily_volatility: float,
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
        The notional, margin, move, profit or loss and the fall that would lose the whole margin.

    Raises
    ------
    ValueError
        On an unknown symbol, fractional contracts or any input out of range.

    Examples
    --------
    >>> s = leverage_scenario("RTY", units=1, leverage=20.0, index_level=2000.0, daily_volatility=0.015, sigmas=-2.0)
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
    vol = validation.real_number(daily_volatility, "daily_volatility", low=0.0, low_open=True, high=0.15,
                                 hint="a daily standard deviation: an annual one of 0.2 is 0.2 / 252 ** 0.5")
    k = validation.real_number(sigmas, "sigmas", low=-10.0, high=10.0)
    notional = level * per_point
    margin = notional / leverage
    move = k * vol * level
    profit = move * per_point
    wipe_out = margin / per_point
    return LeverageScenario(symbol, float(units_value), leverage, notional, margin, move, profit, profit / margin,
                            wipe_out, wipe_out / (vol * level))


def close_out_days(daily_returns: pd.Series, *, leverages, close_out_level: float = EU_RETAIL_CLOSE_OUT_LEVEL
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
    >>> close_out_days(days, leverages=[5.0, 10.0, 20.0])["days"].tolist()
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
    return pd.DataFrame({"close_out_fall": falls, "days": counts,
                         "share_of_days": counts / len(values)}, index=pd.Index(levels, name="leverage"))
