"""Index math: weights, the index level and its divisor, returns and contributions.

Pure computation on numpy and pandas; nothing here draws or uses widgets.

Notation used throughout (and in the glossary):
``p`` price, ``q`` shares outstanding, ``f`` float factor in (0, 1],
``M = sum(p * q * f)`` the float-adjusted market value, ``D`` the divisor and
``I = M / D`` the index level.

Inputs may be pandas Series (aligned on their index, which must match exactly)
or plain sequences of equal length. Bad input raises ``ValueError`` naming the
problem: NaN, negative or zero prices and shares, float factors outside (0, 1],
misaligned constituents, empty input, a zero divisor.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from rut_edu import risk, validation

ArrayLike = pd.Series | np.ndarray | Sequence[float]


# ---------------------------------------------------------------- validation
def _values(x: ArrayLike, name: str, *, sign: str = "positive") -> tuple[np.ndarray, pd.Index | None]:
    """Return (float array, index or None) after :func:`rut_edu.validation.finite_values` and date checks."""
    arr = validation.finite_values(x, name, minimum=1, sign=sign)
    index = x.index if isinstance(x, pd.Series) else None
    if index is not None:
        if index.has_duplicates:
            raise ValueError(f"{name} has duplicated labels (constituents or dates); keep one value per label")
        validation.dates(index, name)
    return arr, index


def _fractions(x: ArrayLike, name: str) -> tuple[np.ndarray, pd.Index | None]:
    arr, index = _values(x, name, sign="positive")
    if np.any(arr > 1):
        raise ValueError(f"{name} must lie in (0, 1]; {int(np.sum(arr > 1))} value(s) exceed 1")
    return arr, index


def _aligned(*checked: tuple[str, tuple[np.ndarray, pd.Index | None]]) -> tuple[list[np.ndarray], pd.Index | None]:
    """Arrays that describe the same constituents: equal lengths and, when labelled, equal labels.

    Each argument is ``(name, _values(...) or _fractions(...))``, so each input's own rule
    (positive, non-negative, a fraction) is stated at the call, not inferred from its name.
    """
    (first_name, (first, index)), *rest = checked
    arrays = [first]
    for name, (arr, idx) in rest:
        if arr.size != first.size:
            raise ValueError(f"misaligned constituents: {name} has {arr.size} values but {first_name} has {first.size}")
        if idx is not None and index is not None and not idx.equals(index):
            raise ValueError(f"misaligned constituents: {name} is labelled differently from {first_name}")
        index = index if index is not None else idx
        arrays.append(arr)
    return arrays, index


def _wrap(values: np.ndarray, index: pd.Index | None, name: str) -> pd.Series:
    return pd.Series(values, index=index, name=name)


# ---------------------------------------------------------------- market values
def total_caps(prices: ArrayLike, shares: ArrayLike) -> pd.Series:
    """Total market capitalization of each constituent: ``p * q``.

    Parameters
    ----------
    prices : array-like or pandas.Series
        Share prices in dollars, positive.
    shares : array-like or pandas.Series
        Shares outstanding, positive, on the same labels as ``prices``.

    Returns
    -------
    pandas.Series
        Dollars, one per company.

    Raises
    ------
    ValueError
        For prices or shares that are NaN, infinite, zero or negative, or of different lengths or labels.

    Examples
    --------
    >>> total_caps([50.0, 20.0], [10e6, 50e6]).tolist()
    [500000000.0, 1000000000.0]
    """
    (p, q), index = _aligned(("prices", _values(prices, "prices")), ("shares", _values(shares, "shares")))
    return _wrap(p * q, index, "total_cap")


def float_adjusted_caps(prices: ArrayLike, shares: ArrayLike, float_factors: ArrayLike) -> pd.Series:
    """Float-adjusted market capitalization of each constituent: ``p * q * f``.

    Parameters
    ----------
    prices : array-like or pandas.Series
        Share prices in dollars, positive.
    shares : array-like or pandas.Series
        Shares outstanding, positive, on the same labels as ``prices``.
    float_factors : array-like or pandas.Series
        The investable fraction of each company's shares, in (0, 1].

    Returns
    -------
    pandas.Series
        Dollars, one per company.

    Raises
    ------
    ValueError
        For prices or shares that are NaN, infinite, zero or negative, float factors outside (0, 1], or inputs of
        different lengths or labels.

    Examples
    --------
    >>> float_adjusted_caps([50.0, 20.0], [10e6, 50e6], [0.8, 1.0]).tolist()
    [400000000.0, 1000000000.0]
    """
    (p, q, f), index = _aligned(("prices", _values(prices, "prices")), ("shares", _values(shares, "shares")),
                                ("float_factors", _fractions(float_factors, "float_factors")))
    return _wrap(p * q * f, index, "float_cap")


# ---------------------------------------------------------------- weights
def _normalise(values: np.ndarray, index: pd.Index | None, name: str) -> pd.Series:
    return _wrap(values / values.sum(), index, name)


def price_weights(prices: ArrayLike) -> pd.Series:
    """Weights proportional to share price alone (the Dow's scheme).

    Parameters
    ----------
    prices : array-like or pandas.Series
        Share prices in dollars, positive.

    Returns
    -------
    pandas.Series
        One value per company, in its order.

    Raises
    ------
    ValueError
        For prices that are NaN, infinite, zero or negative, or none at all.

    Examples
    --------
    >>> price_weights([50.0, 20.0]).round(4).tolist()
    [0.7143, 0.2857]
    """
    p, index = _values(prices, "prices")
    return _normalise(p, index, "weight")


def equal_weights(prices: ArrayLike) -> pd.Series:
    """The same weight ``1/n`` for each of the ``n`` constituents (prices give n and labels).

    Parameters
    ----------
    prices : array-like or pandas.Series
        Share prices in dollars, positive.

    Returns
    -------
    pandas.Series
        One value per company, in its order.

    Raises
    ------
    ValueError
        For prices that are NaN, infinite, zero or negative, or none at all.

    Examples
    --------
    >>> equal_weights([50.0, 20.0]).tolist()
    [0.5, 0.5]
    """
    p, index = _values(prices, "prices")
    return _wrap(np.full(p.size, 1.0 / p.size), index, "weight")


def total_cap_weights(prices: ArrayLike, shares: ArrayLike) -> pd.Series:
    """Weights proportional to total market capitalization ``p * q``.

    Parameters
    ----------
    prices : array-like or pandas.Series
        Share prices in dollars, positive.
    shares : array-like or pandas.Series
        Shares outstanding, positive, on the same labels as ``prices``.

    Returns
    -------
    pandas.Series
        One value per company, in its order.

    Raises
    ------
    ValueError
        For prices or shares that are NaN, infinite, zero or negative, or of different lengths or labels.

    Examples
    --------
    >>> total_cap_weights([50.0, 20.0], [10e6, 50e6]).round(4).tolist()
    [0.3333, 0.6667]
    """
    caps = total_caps(prices, shares)
    return _normalise(caps.to_numpy(), caps.index, "weight")


def float_adjusted_weights(prices: ArrayLike, shares: ArrayLike, float_factors: ArrayLike) -> pd.Series:
    """Weights proportional to float-adjusted capitalization: the Russell 2000's scheme.

    Parameters
    ----------
    prices : array-like or pandas.Series
        Share prices in dollars, positive.
    shares : array-like or pandas.Series
        Shares outstanding, positive, on the same labels as ``prices``.
    float_factors : array-like or pandas.Series
        The investable fraction of each company's shares, in (0, 1].

    Returns
    -------
    pandas.Series
        One value per company, in its order.

    Raises
    ------
    ValueError
        As :func:`float_adjusted_caps`.

    Examples
    --------
    >>> float_adjusted_weights([50.0, 20.0], [10e6, 50e6], [0.8, 1.0]).round(4).tolist()
    [0.2857, 0.7143]
    """
    caps = float_adjusted_caps(prices, shares, float_factors)
    return _normalise(caps.to_numpy(), caps.index, "weight")


@dataclasses.dataclass(frozen=True)
class WeightingScheme:
    """A way to weight constituents: its label for tables and the function of a constituents table."""

    label: str
    weigh: Callable[[pd.DataFrame], pd.Series]


# One registry: a scheme's key, label and function live together.
WEIGHTING_SCHEMES = {
    "price": WeightingScheme("price-weighted", lambda t: price_weights(t["price"])),
    "equal": WeightingScheme("equal-weighted", lambda t: equal_weights(t["price"])),
    "total_cap": WeightingScheme("total market cap", lambda t: total_cap_weights(t["price"], t["shares"])),
    "float_cap": WeightingScheme("float-adjusted market cap",
                                 lambda t: float_adjusted_weights(t["price"], t["shares"], t["float_factor"])),
}
SCHEMES = tuple(WEIGHTING_SCHEMES)
SCHEME_LABELS = {key: scheme.label for key, scheme in WEIGHTING_SCHEMES.items()}


def weights(constituents: pd.DataFrame, *, scheme: str = "float_cap") -> pd.Series:
    """Weights of a constituents table (columns ``price, shares, float_factor``) under a scheme.

    Parameters
    ----------
    constituents : pandas.DataFrame
        One row per company with ``price`` ($), ``shares`` and ``float_factor`` in (0, 1].
    scheme : str
        A key of ``WEIGHTING_SCHEMES``: ``"price"``, ``"equal"``, ``"total_cap"`` or ``"float_cap"``.

    Returns
    -------
    pandas.Series
        Weights as decimals adding up to 1, labelled like the table.

    Raises
    ------
    ValueError
        An unknown scheme, a table with missing columns, duplicated labels, or bad values.

    Examples
    --------
    >>> table = pd.DataFrame({"price": [10.0, 30.0], "shares": [1.0, 1.0], "float_factor": [1.0, 0.5]})
    >>> weights(table, scheme="float_cap").round(4).tolist()
    [0.4, 0.6]
    """
    if not isinstance(scheme, str):
        raise validation.WrongKindError(f"scheme must be a weighting scheme's name, one of {list(SCHEMES)}; got {scheme!r}")
    chosen = WEIGHTING_SCHEMES.get(scheme)
    if chosen is None:
        raise ValueError(f"unknown weighting scheme {scheme!r}; choose one of {list(SCHEMES)}")
    _check_table(constituents)
    return chosen.weigh(constituents)


def weights_table(constituents: pd.DataFrame) -> pd.DataFrame:
    """Weights of every constituent under every scheme, one column per scheme label.

    Parameters
    ----------
    constituents : pandas.DataFrame
        Columns ``price``, ``shares`` and ``float_factor``, one row per company.

    Returns
    -------
    pandas.DataFrame
        One column per scheme of :data:`WEIGHTING_SCHEMES`, one row per company.

    Raises
    ------
    ValueError
        For a table without price, shares and float_factor columns, or with values those columns refuse (as
        :func:`float_adjusted_caps`).

    Examples
    --------
    >>> table = pd.DataFrame({"price": [50.0, 20.0], "shares": [10e6, 50e6], "float_factor": [0.8, 1.0]}, index=["A", "B"])
    >>> weights_table(table).round(4).loc["A"].tolist()
    [0.7143, 0.5, 0.3333, 0.2857]
    """
    return pd.DataFrame({s.label: weights(constituents, scheme=key) for key, s in WEIGHTING_SCHEMES.items()})


REQUIRED_COLUMNS = ("price", "shares", "float_factor")


def _check_table(constituents: pd.DataFrame) -> None:
    if not isinstance(constituents, pd.DataFrame):
        raise ValueError("constituents must be a pandas DataFrame with columns price, shares, float_factor")
    missing = [c for c in REQUIRED_COLUMNS if c not in constituents.columns]
    if missing:
        raise ValueError(f"constituents table lacks column(s) {missing}")
    if constituents.empty:
        raise ValueError("constituents table is empty: an index needs at least one constituent")
    if constituents.index.has_duplicates:
        raise ValueError("constituents table has duplicated labels")


# ---------------------------------------------------------------- level and divisor
def market_value(prices: ArrayLike, shares: ArrayLike, float_factors: ArrayLike) -> float:
    """Float-adjusted market value of the whole index: ``sum(p * q * f)``.

    Parameters
    ----------
    prices : array-like or pandas.Series
        Share prices in dollars, positive.
    shares : array-like or pandas.Series
        Shares outstanding, positive, on the same labels as ``prices``.
    float_factors : array-like or pandas.Series
        The investable fraction of each company's shares, in (0, 1].

    Returns
    -------
    float
        Dollars: the sum of the float-adjusted caps.

    Raises
    ------
    ValueError
        As :func:`float_adjusted_caps`.

    Examples
    --------
    >>> market_value([50.0, 20.0], [10e6, 50e6], [0.8, 1.0])
    1400000000.0
    """
    return float(float_adjusted_caps(prices, shares, float_factors).sum())


def _check_divisor(divisor: float) -> float:
    return validation.real_number(divisor, "the divisor", low=0, low_open=True)


def index_level(prices: ArrayLike, shares: ArrayLike, float_factors: ArrayLike, divisor: float) -> float:
    """Index level ``I = sum(p * q * f) / D`` in index points.

    Parameters
    ----------
    prices : array-like or pandas.Series
        Share prices in dollars, positive.
    shares : array-like or pandas.Series
        Shares outstanding, positive, on the same labels as ``prices``.
    float_factors : array-like or pandas.Series
        The investable fraction of each company's shares, in (0, 1].
    divisor : float
        Positive; sets the level's scale.

    Returns
    -------
    float
        Index points: market value over divisor.

    Raises
    ------
    ValueError
        As :func:`float_adjusted_caps`, or a divisor that is not a positive number.

    Examples
    --------
    >>> index_level([50.0, 20.0], [10e6, 50e6], [0.8, 1.0], divisor=1.4e6)
    1000.0
    """
    return market_value(prices, shares, float_factors) / _check_divisor(divisor)


def divisor_for_level(market_value_: float, level: float) -> float:
    """The divisor that makes a market value print as ``level`` points (used at launch).

    Parameters
    ----------
    market_value_ : float
        The index's market value in dollars, positive.
    level : float
        The level to start at, positive.

    Returns
    -------
    float
        The divisor: the market value over the level.

    Raises
    ------
    ValueError
        For a market value or level that is NaN, infinite, zero or negative.

    Examples
    --------
    >>> divisor_for_level(1.4e9, 1000.0)
    1400000.0
    """
    market_value_ = validation.real_number(market_value_, "market value", low=0, low_open=True)
    level = validation.real_number(level, "the base level", low=0, low_open=True)
    return market_value_ / level


def adjust_divisor(old_divisor: float, old_market_value: float, new_market_value: float) -> float:
    """The new divisor after a non-market change (add, delete, share or float change).

    ``D_new = D_old * M_new / M_old``, so that ``M_new / D_new == M_old / D_old``:
    the level is the same just before and just after the change.

    Parameters
    ----------
    old_divisor : float
        The divisor before the change, positive.
    old_market_value, new_market_value : float
        Market value in dollars just before and just after the change, at the same prices.

    Returns
    -------
    float
        The divisor that leaves the level unchanged.

    Raises
    ------
    ValueError
        For a divisor or market value that is NaN, infinite, zero or negative.

    Examples
    --------
    >>> adjust_divisor(1.4e6, 1.4e9, 1.5e9)  # a company added at 100 million dollars
    1500000.0
    """
    old_divisor = _check_divisor(old_divisor)
    old_market_value = validation.real_number(old_market_value, "old_market_value", low=0, low_open=True)
    new_market_value = validation.real_number(new_market_value, "new_market_value", low=0, low_open=True)
    return old_divisor * new_market_value / old_market_value


class CapWeightedIndex:
    """A float-adjusted, cap-weighted index: a constituents table and a divisor.

    Every method returns a new index; an index never changes after it is made.
    ``reprice`` changes prices and keeps the divisor, so the level moves. The
    corporate actions keep the level where it was: ``add``, ``remove``,
    ``set_shares``, ``set_float``, ``special_dividend`` and ``spin_off`` change
    the market value for a reason other than the market and so reset the divisor;
    ``split`` changes price and shares together, leaves every float-adjusted cap
    as it was, and so needs no divisor change at all.

    Examples
    --------
    >>> table = pd.DataFrame({"price": [10.0, 20.0], "shares": [1e6, 1e6], "float_factor": [1.0, 1.0]},
    ...                      index=["A", "B"])
    >>> start = CapWeightedIndex.launch(table, base_level=100.0)
    >>> after = start.split("B", 2.0)
    >>> round(after.level, 10), after.divisor == start.divisor
    (100.0, True)
    """

    __slots__ = ("_table", "_divisor")

    def __init__(self, constituents: pd.DataFrame, divisor: float):
        _check_table(constituents)
        # validates prices, shares and float factors
        float_adjusted_caps(constituents["price"], constituents["shares"], constituents["float_factor"])
        object.__setattr__(self, "_divisor", _check_divisor(divisor))
        object.__setattr__(self, "_table", constituents[list(REQUIRED_COLUMNS)].astype(float).copy())

    def __setattr__(self, name, value):
        raise AttributeError("a CapWeightedIndex never changes: use reprice, add, remove, split... for a new one")

    def __repr__(self) -> str:
        return f"CapWeightedIndex({len(self._table)} constituents, level {self.level:,.2f}, divisor {self._divisor:,.6g})"

    @property
    def constituents(self) -> pd.DataFrame:
        """A copy of the constituents table (editing it cannot move the index: use the methods)."""
        return self._table.copy()

    @property
    def divisor(self) -> float:
        return self._divisor

    @classmethod
    def launch(cls, constituents: pd.DataFrame, base_level: float = 100.0) -> CapWeightedIndex:
        """Start an index at ``base_level`` points by choosing its divisor."""
        _check_table(constituents)
        value = market_value(constituents["price"], constituents["shares"], constituents["float_factor"])
        return cls(constituents, divisor_for_level(value, base_level))

    @property
    def market_value(self) -> float:
        c = self._table
        return market_value(c["price"], c["shares"], c["float_factor"])

    @property
    def level(self) -> float:
        return self.market_value / self._divisor

    @property
    def weights(self) -> pd.Series:
        return weights(self._table, scheme="float_cap")

    def _rebased(self, new_table: pd.DataFrame) -> CapWeightedIndex:
        new_value = market_value(new_table["price"], new_table["shares"], new_table["float_factor"])
        return CapWeightedIndex(new_table, adjust_divisor(self._divisor, self.market_value, new_value))

    def _member(self, name: str, action: str) -> None:
        if name not in self._table.index:
            raise ValueError(f"cannot {action} {name!r}: not in the index")

    def reprice(self, prices: Mapping[str, float] | pd.Series) -> CapWeightedIndex:
        """New prices for some constituents; the divisor stays, the level moves."""
        table = self._table.copy()
        try:
            updates = pd.Series(prices, dtype=float)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"prices must map constituent names to numbers: {exc}") from None
        if updates.empty:
            raise ValueError("reprice needs at least one new price")
        unknown = updates.index.difference(table.index)
        if len(unknown):
            raise ValueError(f"cannot reprice {list(unknown)}: not in the index")
        _values(updates, "prices")
        table.loc[updates.index, "price"] = updates
        return CapWeightedIndex(table, self._divisor)

    def add(self, name: str, price: float, shares: float, float_factor: float) -> CapWeightedIndex:
        """Add a constituent at its current price; the level does not move."""
        if name in self._table.index:
            raise ValueError(f"{name!r} is already in the index")
        row = pd.DataFrame({"price": [price], "shares": [shares], "float_factor": [float_factor]}, index=[name])
        float_adjusted_caps(row["price"], row["shares"], row["float_factor"])
        return self._rebased(pd.concat([self._table, row]))

    def remove(self, name: str) -> CapWeightedIndex:
        """Delete a constituent; the level does not move."""
        self._member(name, "remove")
        if len(self._table) == 1:
            raise ValueError("cannot remove the last constituent: an index needs at least one")
        return self._rebased(self._table.drop(index=name))

    def _set(self, name: str, column: str, value: float) -> CapWeightedIndex:
        self._member(name, f"change the {column} of")
        table = self._table.copy()
        table.loc[name, column] = value
        float_adjusted_caps(table["price"], table["shares"], table["float_factor"])
        return self._rebased(table)

    def set_shares(self, name: str, shares: float) -> CapWeightedIndex:
        """A share issue or buyback; the level does not move."""
        return self._set(name, "shares", shares)

    def set_float(self, name: str, float_factor: float) -> CapWeightedIndex:
        """A change in free float; the level does not move."""
        return self._set(name, "float_factor", float_factor)

    def split(self, name: str, ratio: float) -> CapWeightedIndex:
        """A stock split of ``ratio`` new shares per old one (2.0 for 2-for-1; 0.1 for a 1-for-10 reverse split).

        Shares are multiplied and the price divided by the ratio, so the company's
        float-adjusted cap, every weight, the level and the divisor stay as they were.
        """
        self._member(name, "split")
        ratio = validation.real_number(ratio, "ratio", low=0, low_open=True)
        table = self._table.copy()
        table.loc[name, "shares"] *= ratio
        table.loc[name, "price"] /= ratio
        return CapWeightedIndex(table, self._divisor)

    def special_dividend(self, name: str, amount: float) -> CapWeightedIndex:
        """A special cash dividend of ``amount`` per share: the price falls by it on the ex-date.

        The fall is a payout, not a market move, so the divisor is reset and the
        level does not move (ordinary dividends are not offset in a price index:
        that difference is the gap between price and total return).
        """
        self._member(name, "pay a dividend on")
        price = self._table.loc[name, "price"]
        amount = validation.real_number(amount, "amount", low=0, high=price, low_open=True, high_open=True)
        table = self._table.copy()
        table.loc[name, "price"] = price - amount
        return self._rebased(table)

    def spin_off(self, parent: str, child: str, child_price: float, child_shares: float,
                 child_float_factor: float) -> CapWeightedIndex:
        """``parent`` spins off ``child``: the parent's price falls by the child's value per parent share.

        The child joins the index at ``child_price``; the market value is unchanged
        when the parent's fall equals the child's value, and the divisor absorbs any
        difference, so the level does not move.
        """
        self._member(parent, "spin off from")
        if child in self._table.index:
            raise ValueError(f"{child!r} is already in the index")
        row = pd.DataFrame({"price": [child_price], "shares": [child_shares], "float_factor": [child_float_factor]},
                           index=[child])
        float_adjusted_caps(row["price"], row["shares"], row["float_factor"])
        parent_row = self._table.loc[parent]
        value_per_parent_share = child_price * child_shares / parent_row["shares"]
        if value_per_parent_share >= parent_row["price"]:
            raise ValueError(f"the spun-off company is worth {value_per_parent_share:,.2f} per {parent} share, "
                             f"at least the parent's price {parent_row['price']:,.2f}")
        table = self._table.copy()
        table.loc[parent, "price"] = parent_row["price"] - value_per_parent_share
        return self._rebased(pd.concat([table, row]))


class PriceWeightedIndex:
    """A price-weighted index, like the Dow: ``I = sum(p) / D``.

    Only here does a split move anything: the split company's price falls, so
    the divisor must fall with it for the level to stay put. Kept for contrast
    with :class:`CapWeightedIndex`, where a split changes nothing.

    Examples
    --------
    >>> dow = PriceWeightedIndex.launch(pd.Series({"A": 100.0, "B": 60.0}), base_level=80.0)
    >>> after = dow.split("A", 2.0)
    >>> round(after.level, 10), round(after.divisor / dow.divisor, 4)
    (80.0, 0.6875)
    """

    __slots__ = ("_prices", "_divisor")

    def __init__(self, prices: pd.Series, divisor: float):
        arr, labels = _values(prices, "prices")
        if labels is None:
            raise ValueError("prices must be a pandas Series labelled by constituent")
        object.__setattr__(self, "_prices", pd.Series(arr, index=labels, name="price"))
        object.__setattr__(self, "_divisor", _check_divisor(divisor))

    def __setattr__(self, name, value):
        raise AttributeError("a PriceWeightedIndex never changes: use reprice or split for a new one")

    @classmethod
    def launch(cls, prices: pd.Series, base_level: float = 100.0) -> PriceWeightedIndex:
        arr, _ = _values(prices, "prices")
        return cls(prices, divisor_for_level(float(arr.sum()), base_level))

    @property
    def prices(self) -> pd.Series:
        return self._prices.copy()

    @property
    def divisor(self) -> float:
        return self._divisor

    @property
    def level(self) -> float:
        return float(self._prices.sum()) / self._divisor

    def reprice(self, prices: Mapping[str, float] | pd.Series) -> PriceWeightedIndex:
        """New prices; the divisor stays, the level moves."""
        updates = pd.Series(prices, dtype=float)
        unknown = updates.index.difference(self._prices.index)
        if updates.empty or len(unknown):
            raise ValueError(f"reprice needs prices for constituents of the index; unknown: {list(unknown)}")
        _values(updates, "prices")
        new = self._prices.copy()
        new.loc[updates.index] = updates
        return PriceWeightedIndex(new, self._divisor)

    def split(self, name: str, ratio: float) -> PriceWeightedIndex:
        """A ``ratio``-for-1 split: the price is divided by ``ratio`` and the divisor reset so the level holds."""
        if name not in self._prices.index:
            raise ValueError(f"cannot split {name!r}: not in the index")
        ratio = validation.real_number(ratio, "ratio", low=0, low_open=True)
        new = self._prices.copy()
        new.loc[name] /= ratio
        return PriceWeightedIndex(new, adjust_divisor(self._divisor, float(self._prices.sum()), float(new.sum())))


@dataclasses.dataclass(frozen=True)
class CompanyChange:
    """What editing one company does to an index: weights and contributions, level and divisor, before and after."""

    company: str
    table: pd.DataFrame  # one row per constituent: weight before, weight after, contribution
    level_before: float
    level_after: float
    divisor_before: float
    divisor_after: float

    @property
    def index_return(self) -> float:
        """The level's change as a fraction (0.01 = 1%): the price move's part only, as the divisor absorbs the rest."""
        return self.level_after / self.level_before - 1.0

    def to_series(self) -> pd.Series:
        return pd.Series({"level_before": self.level_before, "level_after": self.level_after,
                          "index_return": self.index_return, "divisor_before": self.divisor_before,
                          "divisor_after": self.divisor_after}, name=self.company)


def change_company(start: CapWeightedIndex, company: str, *, price: float, shares: float,
                   float_factor: float) -> CompanyChange:
    """Give one company a new price, share count and float factor, and say what the index does.

    The price change is a market move: the divisor stays and the level moves. The share and
    float changes are corporate actions: the divisor is reset so they do not move the level.
    A company's contribution is its start weight times its price return, so the contributions
    add up to the index return.

    Parameters
    ----------
    start : CapWeightedIndex
        The index before the edit.
    company : str
        A constituent of ``start``.
    price : float
        The company's new price in dollars, positive.
    shares : float
        Its new share count, positive.
    float_factor : float
        Its new float factor, a fraction in (0, 1].

    Returns
    -------
    CompanyChange
        ``table`` with each constituent's ``weight before``, ``weight after`` and ``contribution``,
        and the level and divisor before and after.

    Raises
    ------
    ValueError
        A company not in the index, or a price, share count or float factor out of range.

    Examples
    --------
    >>> table = pd.DataFrame({"price": [10.0, 20.0], "shares": [1e6, 1e6], "float_factor": [1.0, 1.0]},
    ...                      index=["A", "B"])
    >>> start = CapWeightedIndex.launch(table, base_level=100.0)
    >>> change = change_company(start, "B", price=22.0, shares=2e6, float_factor=1.0)
    >>> round(change.index_return, 6), round(change.level_after, 4)
    (0.066667, 106.6667)
    """
    if not isinstance(start, CapWeightedIndex):
        raise validation.WrongKindError(f"start must be a CapWeightedIndex, got {type(start).__name__}")
    members = start.constituents  # a copy on every read: read it once
    if company not in members.index:
        raise ValueError(f"{company!r} is not in the index; choose one of {list(members.index)}")
    price = validation.real_number(price, "price", low=0, low_open=True)
    shares = validation.real_number(shares, "shares", low=0, low_open=True)
    float_factor = validation.real_number(float_factor, "float_factor", low=0, low_open=True, high=1.0)
    old_price = members.loc[company, "price"]
    after = start.reprice({company: price}).set_shares(company, shares).set_float(company, float_factor)
    returns = pd.Series(0.0, index=members.index)
    returns[company] = price / old_price - 1.0
    start_weights = start.weights
    table = pd.DataFrame({"weight before": start_weights, "weight after": after.weights,
                          "contribution": start_weights * returns})
    return CompanyChange(company, table, start.level, after.level, start.divisor, after.divisor)


def five_companies() -> pd.DataFrame:
    """The five made-up companies of chapter 2: price ($), shares outstanding and float factor.

    Chosen so each scheme tells a different story: C has the highest price but few shares, E the lowest
    price but many, and A and C have a fifth or half of their shares held out of the market.

    Returns
    -------
    pandas.DataFrame
        Indexed by company ``"A"`` to ``"E"``, with the columns ``price``, ``shares`` and ``float_factor``.

    Examples
    --------
    >>> five = five_companies()
    >>> float(five.loc["C", "price"]), float(five["shares"].sum() / 1e6)
    (100.0, 125.0)
    """
    return pd.DataFrame(
        {
            "price": [50.0, 20.0, 100.0, 25.0, 5.0],
            "shares": [10e6, 50e6, 3e6, 8e6, 54e6],
            "float_factor": [0.8, 1.0, 0.5, 0.9, 1.0],
        },
        index=pd.Index(["A", "B", "C", "D", "E"], name="company"),
    )


def steps_table(steps: Mapping[str, CapWeightedIndex]) -> pd.DataFrame:
    """One row per named state of an index: market value ($ millions), divisor and level.

    Use it to follow an index through a sequence of price moves and corporate actions.

    Parameters
    ----------
    steps : mapping of str to CapWeightedIndex
        Each state of an index, in order, under a name for the step.

    Returns
    -------
    pandas.DataFrame
        Market value in $m, divisor and level, one row per step.

    Raises
    ------
    ValueError
        For an empty mapping.
    WrongKindError
        For a step that is not a :class:`CapWeightedIndex`.

    Examples
    --------
    >>> table = pd.DataFrame({"price": [10.0], "shares": [1e6], "float_factor": [1.0]}, index=["A"])
    >>> start = CapWeightedIndex.launch(table, base_level=100.0)
    >>> steps_table({"launch": start, "A +10%": start.reprice({"A": 11.0})})["level"].round(6).tolist()
    [100.0, 110.0]
    """
    if not isinstance(steps, Mapping) or not steps:
        raise ValueError("steps must be a non-empty mapping of step name to CapWeightedIndex")
    for name, state in steps.items():
        if not isinstance(state, CapWeightedIndex):
            raise validation.WrongKindError(f"step {name!r} is a {type(state).__name__}, not a CapWeightedIndex")
    return pd.DataFrame(
        {
            "market_value_millions": [s.market_value / 1e6 for s in steps.values()],
            "divisor": [s.divisor for s in steps.values()],
            "level": [s.level for s in steps.values()],
        },
        index=pd.Index(list(steps), name="step"),
    )


# ---------------------------------------------------------------- returns
def price_return(levels: ArrayLike) -> pd.Series:
    """Simple period returns of a level (or price) series: ``L_t / L_{t-1} - 1``.

    Index language for :func:`rut_edu.risk.simple_returns`: the same formula (``risk`` holds it), for lists too.

    Parameters
    ----------
    levels : pandas.Series or sequence of float
        Positive levels, oldest first, at least two; dates, if any, unique and sorted.

    Returns
    -------
    pandas.Series
        One return per level after the first (decimals), named ``price_return``.

    Raises
    ------
    ValueError
        NaN or infinite levels, a level of zero or less, fewer than two levels, repeated or unsorted dates.

    Examples
    --------
    >>> price_return([100.0, 110.0, 99.0]).round(6).tolist()
    [0.1, -0.1]
    """
    arr, index = _values(levels, "levels")
    if arr.size < 2:
        raise ValueError(f"a return needs at least 2 levels; got {arr.size}")
    return _wrap(risk._period_return_values(arr), index[1:] if index is not None else None, "price_return")


def total_return(prices: ArrayLike, dividends: ArrayLike) -> pd.Series:
    """Simple period returns with dividends: ``(P_t + D_t) / P_{t-1} - 1``.

    ``dividends[t]`` is the cash (in price units, or index points for an index)
    going ex in period ``t``; the first dividend is ignored since no return
    is measured into the first period.

    Parameters
    ----------
    prices : array-like or pandas.Series
        Prices (or levels) at each date, positive, at least two.
    dividends : array-like or pandas.Series
        Dividends paid in each period, 0 or more, on the same dates.

    Returns
    -------
    pandas.Series
        Decimals, one per period after the first.

    Raises
    ------
    ValueError
        For prices that are NaN, infinite, zero or negative, dividends that are negative, fewer than two prices, or
        the two of different lengths or labels.

    Examples
    --------
    >>> total_return([100.0, 100.0], [0.0, 2.0]).round(6).tolist()
    [0.02]
    """
    (p, d), index = _aligned(("prices", _values(prices, "prices")),
                             ("dividends", _values(dividends, "dividends", sign="non-negative")))
    if p.size < 2:
        raise ValueError("a return needs at least two prices")
    out = (p[1:] + d[1:]) / p[:-1] - 1.0
    return _wrap(out, index[1:] if index is not None else None, "total_return")


def cumulative_index(returns: ArrayLike, *, base: float = 100.0) -> pd.Series:
    """Compound period returns into a level series starting at ``base`` (not included).

    Parameters
    ----------
    returns : array-like or pandas.Series
        Period returns as decimals, above -100%.
    base : float, default 100
        The level before the first return, positive.

    Returns
    -------
    pandas.Series
        Levels, one per return.

    Raises
    ------
    ValueError
        For returns that are NaN or infinite, -100% or worse, or look like percent or price levels; a ``base`` that
        is not positive.

    Examples
    --------
    >>> cumulative_index([0.1, -0.5], base=100.0).round(6).tolist()
    [110.0, 55.0]
    """
    base = validation.real_number(base, "base", low=0, low_open=True)
    r, index = _values(returns, "returns", sign="any")
    validation.decimal_returns(r, index, "returns")
    if np.any(r <= -1):
        raise ValueError("a return of -100% or worse cannot be compounded")
    validation.not_price_levels(r, "returns")
    return _wrap(base * np.cumprod(1.0 + r), index, "level")


# ---------------------------------------------------------------- attribution and concentration
def contributions(start_weights: ArrayLike, returns: ArrayLike) -> pd.Series:
    """Each constituent's contribution to the index return: ``w_i * r_i``.

    The contributions add up to the index's return over the period when the
    weights are those at the start of the period.

    Parameters
    ----------
    start_weights : array-like or pandas.Series
        Weights at the start of the period, fractions adding up to 1.
    returns : array-like or pandas.Series
        Each constituent's return over the period, as decimals, -100% or above.

    Returns
    -------
    pandas.Series
        Decimals that add up to the index's return.

    Raises
    ------
    ValueError
        For weights that are NaN, infinite or negative or do not add up to 1, returns that are NaN, infinite, below
        -100% or look like percent or price levels, or the two of different lengths or labels.

    Examples
    --------
    >>> contributions([0.25, 0.75], [0.1, 0.0]).round(6).tolist()
    [0.025, 0.0]
    """
    (w, r), index = _aligned(("start_weights", (_weights_array(start_weights, "start_weights"), _index(start_weights))),
                             ("returns", _values(returns, "returns", sign="any")))
    validation.decimal_returns(r, None, "returns")  # one period's returns across members: no dates to scale by
    if np.any(r < -1):
        raise ValueError("returns below -100% are impossible")
    validation.not_price_levels(r, "returns")
    return _wrap(w * r, index, "contribution")


def _index(x: ArrayLike) -> pd.Index | None:
    return x.index if isinstance(x, pd.Series) else None


def _weights_array(w: ArrayLike, name: str = "weights") -> np.ndarray:
    arr, _ = _values(w, name, sign="non-negative")
    if not np.isclose(arr.sum(), 1.0, rtol=0, atol=1e-9):
        raise ValueError(f"{name} must add up to 1, they add up to {arr.sum():.12g}")
    return arr


def effective_number(w: ArrayLike) -> float:
    """Effective number of constituents, ``1 / sum(w**2)``.

    Parameters
    ----------
    w : array-like or pandas.Series
        Weights as fractions that add up to 1.

    Returns
    -------
    float
        ``1 / sum(w^2)``: how many equal weights would be as concentrated.

    Raises
    ------
    ValueError
        For weights that are NaN, infinite or negative, or do not add up to 1.

    Examples
    --------
    >>> round(effective_number([0.5, 0.3, 0.2]), 4)
    2.6316
    """
    arr = _weights_array(w)
    return float(1.0 / np.sum(arr**2))


def top_weight(w: ArrayLike, *, n: int) -> float:
    """Combined weight of the ``n`` largest constituents.

    Parameters
    ----------
    w : array-like or pandas.Series
        Weights as fractions that add up to 1.
    n : int
        How many of the largest weights, 1 to their number.

    Returns
    -------
    float
        A fraction from 0 to 1.

    Raises
    ------
    ValueError
        For weights that are NaN, infinite or negative or do not add up to 1, or an ``n`` below 1 or above the
        number of weights.

    Examples
    --------
    >>> round(top_weight([0.5, 0.3, 0.2], n=2), 10)
    0.8
    """
    arr = _weights_array(w)
    n = validation.whole_number(n, "n", minimum=1, maximum=arr.size)
    return float(np.sort(arr)[::-1][:n].sum())


def smallest_half_share(w: ArrayLike) -> float:
    """Weight held by the smaller half of the constituents (by count; the middle one of an odd count is left out).

    Parameters
    ----------
    w : array-like or pandas.Series
        Weights as fractions that add up to 1.

    Returns
    -------
    float
        The weight of the smaller half of the constituents (the middle one, for an odd count, left out).

    Raises
    ------
    ValueError
        For weights that are NaN, infinite or negative or do not add up to 1, or fewer than two of them.

    Examples
    --------
    >>> round(smallest_half_share([0.4, 0.3, 0.2, 0.1]), 10)
    0.3
    """
    arr = np.sort(_weights_array(w))
    if arr.size < 2:
        raise ValueError("the smaller half needs at least two constituents")
    return float(arr[: arr.size // 2].sum())


def concentration(w: ArrayLike, *, top: Sequence[int] = (1, 10, 50, 100)) -> pd.Series:
    """A small table of concentration measures for a weight vector.

    Parameters
    ----------
    w : array-like or pandas.Series
        Weights as fractions that add up to 1.
    top : sequence of int
        The sizes of the top-n weights to report.

    Returns
    -------
    pandas.Series
        The count, the top-n weights, the effective number and the smallest half's weight.

    Raises
    ------
    ValueError
        For weights that are NaN, infinite or negative or do not add up to 1, or a ``top`` that is empty or holds a
        count below 1.

    Examples
    --------
    >>> concentration([0.5, 0.3, 0.2], top=(1, 2)).round(4).to_dict()
    {'constituents': 3.0, 'top 1 weight': 0.5, 'top 2 weight': 0.8, 'effective number': 2.6316, 'smallest half weight': 0.2}
    """
    arr = _weights_array(w)
    if isinstance(top, (str, bytes)) or not isinstance(top, Sequence) or not top:
        raise ValueError(f"top must be a non-empty sequence of counts, got {top!r}")
    stats = {"constituents": float(arr.size)}
    for n in top:
        stats[f"top {n} weight"] = top_weight(arr, n=n)
    stats["effective number"] = effective_number(arr)
    stats["smallest half weight"] = smallest_half_share(arr)
    return pd.Series(stats, name="concentration")
