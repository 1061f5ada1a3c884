"""Index options: payoffs, strategies, Black-Scholes-Merton prices and put-call parity.

Pure computation; the conventions of :mod:`rut_edu.instruments` hold (points, dollars,
decimals per year, ACT/365).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import numpy as np

from rut_edu import validation
from rut_edu.instruments.contracts import _level

# ---------------------------------------------------------------------------------------------- options
OPTION_KINDS = ("call", "put")


def _spots(spot) -> np.ndarray:
    if isinstance(spot, (int, float, np.floating, np.integer)) and not isinstance(spot, (bool, np.bool_)):
        return validation.finite_values([spot], "spot", sign="non-negative")
    return validation.finite_values(spot, "spot", sign="non-negative")


def option_payoff(kind: str, *, strike: float, spot) -> np.ndarray:
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
    >>> option_payoff("call", strike=2000.0, spot=[1900.0, 2000.0, 2150.0]).tolist()
    [0.0, 0.0, 150.0]
    >>> option_payoff("put", strike=2000.0, spot=[1900.0, 2150.0]).tolist()
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
        The options held (a negative quantity is a written option).
    spot : float or sequence of float
        Settlement value(s) at expiry.

    Returns
    -------
    numpy.ndarray
        The payoff at each spot, in index points.

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
    return sum(leg.quantity * option_payoff(leg.kind, strike=leg.strike, spot=spots) for leg in legs)


def strategy_profit(legs, spot) -> np.ndarray:
    """The profit at expiry of a list of legs: payoff minus premiums paid plus premiums received.

    Parameters
    ----------
    legs : Leg or sequence of Leg
        The options held (a negative quantity is a written option), with the premiums paid.
    spot : float or sequence of float
        The index level or levels at expiry.

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


def black_scholes(kind: str, *, spot: float, strike: float, years: float, rate: float, volatility: float,
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
    >>> round(black_scholes("call", spot=42.0, strike=40.0, years=0.5, rate=0.10, volatility=0.20), 2)  # Hull's worked example
    4.76
    >>> round(black_scholes("put", spot=42.0, strike=40.0, years=0.5, rate=0.10, volatility=0.20), 2)
    0.81
    """
    kind = validation.choice(kind, "kind", OPTION_KINDS)
    s = _level(spot, "spot")
    k = validation.real_number(strike, "strike", low=0.0, low_open=True)
    t = validation.real_number(years, "years", low=0.0, low_open=True, high=30.0,
                               hint="time to expiry in years: 90 days is 90 / 365")
    r = validation.real_number(rate, "rate", low=-0.2, high=1.0, hint="a decimal: 0.045 is 4.5%")
    sigma = validation.real_number(volatility, "volatility", low=0.0, low_open=True, high=5.0,
                                   hint="a decimal per year: 0.2 is 20%")
    q = validation.real_number(dividend_yield, "dividend_yield", low=0.0, high=0.2,
                               hint="a yield as a decimal, 0.012 for 1.2%, not dollars of dividends")
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


def put_call_parity_gap(call: float, put: float, *, spot: float, strike: float, years: float, rate: float,
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
        ``C - P - (S e^{-qT} - K e^{-rT})`` in index points: 0 when parity holds.

    Raises
    ------
    ValueError
        On any input out of range.

    Examples
    --------
    >>> c = black_scholes("call", spot=2000.0, strike=2000.0, years=0.25, rate=0.04, volatility=0.22, dividend_yield=0.013)
    >>> p = black_scholes("put", spot=2000.0, strike=2000.0, years=0.25, rate=0.04, volatility=0.22, dividend_yield=0.013)
    >>> abs(put_call_parity_gap(c, p, spot=2000.0, strike=2000.0, years=0.25, rate=0.04, dividend_yield=0.013)) < 1e-9
    True
    """
    c = validation.real_number(call, "call", low=0.0)
    p = validation.real_number(put, "put", low=0.0)
    s = _level(spot, "spot")
    k = validation.real_number(strike, "strike", low=0.0, low_open=True)
    t = validation.real_number(years, "years", low=0.0, low_open=True, high=30.0,
                               hint="time to expiry in years: 90 days is 90 / 365")
    r = validation.real_number(rate, "rate", low=-0.2, high=1.0, hint="a decimal: 0.045 is 4.5%")
    q = validation.real_number(dividend_yield, "dividend_yield", low=0.0, high=0.2,
                               hint="a yield as a decimal, 0.012 for 1.2%, not dollars of dividends")
    return (c - p) - (s * math.exp(-q * t) - k * math.exp(-r * t))
