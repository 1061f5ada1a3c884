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
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

SCHEMES = ("price", "equal", "total_cap", "float_cap")
SCHEME_LABELS = {
    "price": "price-weighted",
    "equal": "equal-weighted",
    "total_cap": "total market cap",
    "float_cap": "float-adjusted market cap",
}

ArrayLike = pd.Series | np.ndarray | Sequence[float]


# ---------------------------------------------------------------- validation
def _values(x: ArrayLike, name: str, *, positive: bool = True) -> tuple[np.ndarray, pd.Index | None]:
    """Return (float array, index or None) after checking for emptiness, NaN and sign."""
    index = x.index if isinstance(x, pd.Series) else None
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numbers: {exc}") from None
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} is empty: an index needs at least one constituent")
    if not np.all(np.isfinite(arr)):
        bad = int(np.sum(~np.isfinite(arr)))
        raise ValueError(f"{name} has {bad} missing or infinite value(s) (NaN/inf)")
    if positive and np.any(arr <= 0):
        bad = int(np.sum(arr <= 0))
        raise ValueError(f"{name} must be positive; {bad} value(s) are zero or negative")
    return arr, index


_STRICTLY_POSITIVE = {"prices", "shares", "float_factors"}


def _aligned(**named: ArrayLike) -> tuple[list[np.ndarray], pd.Index | None]:
    arrays, index = [], None
    first_name = None
    for name, values in named.items():
        arr, idx = _values(values, name, positive=name in _STRICTLY_POSITIVE)
        if name == "start_weights" and np.any(arr < 0):
            raise ValueError("start_weights cannot be negative")
        if name == "float_factors" and np.any(arr > 1):
            raise ValueError(f"float_factors must lie in (0, 1]; {int(np.sum(arr > 1))} value(s) exceed 1")
        if arrays and arr.size != arrays[0].size:
            raise ValueError(
                f"misaligned constituents: {name} has {arr.size} values but {first_name} has {arrays[0].size}"
            )
        if idx is not None:
            if index is None:
                index = idx
            elif not idx.equals(index):
                raise ValueError(f"misaligned constituents: {name} is labelled differently from {first_name}")
        if idx is not None and idx.has_duplicates:
            raise ValueError(f"{name} has duplicated constituent labels")
        arrays.append(arr)
        first_name = first_name or name
    return arrays, index


def _wrap(values: np.ndarray, index: pd.Index | None, name: str) -> pd.Series:
    return pd.Series(values, index=index, name=name)


# ---------------------------------------------------------------- market values
def total_caps(prices: ArrayLike, shares: ArrayLike) -> pd.Series:
    """Total market capitalization of each constituent: ``p * q``."""
    (p, q), index = _aligned(prices=prices, shares=shares)
    return _wrap(p * q, index, "total_cap")


def float_adjusted_caps(prices: ArrayLike, shares: ArrayLike, float_factors: ArrayLike) -> pd.Series:
    """Float-adjusted market capitalization of each constituent: ``p * q * f``."""
    (p, q, f), index = _aligned(prices=prices, shares=shares, float_factors=float_factors)
    return _wrap(p * q * f, index, "float_cap")


# ---------------------------------------------------------------- weights
def _normalise(values: np.ndarray, index: pd.Index | None, name: str) -> pd.Series:
    return _wrap(values / values.sum(), index, name)


def price_weights(prices: ArrayLike) -> pd.Series:
    """Weights proportional to share price alone (the Dow's scheme)."""
    (p,), index = _aligned(prices=prices)
    return _normalise(p, index, "weight")


def equal_weights(prices: ArrayLike) -> pd.Series:
    """The same weight ``1/n`` for each of the ``n`` constituents (prices give n and labels)."""
    (p,), index = _aligned(prices=prices)
    return _wrap(np.full(p.size, 1.0 / p.size), index, "weight")


def total_cap_weights(prices: ArrayLike, shares: ArrayLike) -> pd.Series:
    """Weights proportional to total market capitalization ``p * q``."""
    caps = total_caps(prices, shares)
    return _normalise(caps.to_numpy(), caps.index, "weight")


def float_adjusted_weights(prices: ArrayLike, shares: ArrayLike, float_factors: ArrayLike) -> pd.Series:
    """Weights proportional to float-adjusted capitalization: the Russell 2000's scheme."""
    caps = float_adjusted_caps(prices, shares, float_factors)
    return _normalise(caps.to_numpy(), caps.index, "weight")


def weights(constituents: pd.DataFrame, scheme: str = "float_cap") -> pd.Series:
    """Weights of a constituents table (columns ``price, shares, float_factor``) under a scheme.

    ``scheme`` is one of ``"price"``, ``"equal"``, ``"total_cap"``, ``"float_cap"``.
    """
    _check_table(constituents)
    if scheme == "price":
        return price_weights(constituents["price"])
    if scheme == "equal":
        return equal_weights(constituents["price"])
    if scheme == "total_cap":
        return total_cap_weights(constituents["price"], constituents["shares"])
    if scheme == "float_cap":
        return float_adjusted_weights(constituents["price"], constituents["shares"], constituents["float_factor"])
    raise ValueError(f"unknown weighting scheme {scheme!r}; choose one of {SCHEMES}")


def weights_table(constituents: pd.DataFrame) -> pd.DataFrame:
    """Weights of every constituent under every scheme, one column per scheme."""
    return pd.DataFrame({SCHEME_LABELS[s]: weights(constituents, s) for s in SCHEMES})


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
    """Float-adjusted market value of the whole index: ``sum(p * q * f)``."""
    return float(float_adjusted_caps(prices, shares, float_factors).sum())


def _check_divisor(divisor: float) -> float:
    divisor = float(divisor)
    if not np.isfinite(divisor) or divisor <= 0:
        raise ValueError(f"the divisor must be a positive finite number, got {divisor}")
    return divisor


def index_level(prices: ArrayLike, shares: ArrayLike, float_factors: ArrayLike, divisor: float) -> float:
    """Index level ``I = sum(p * q * f) / D`` in index points."""
    return market_value(prices, shares, float_factors) / _check_divisor(divisor)


def divisor_for_level(market_value_: float, level: float) -> float:
    """The divisor that makes a market value print as ``level`` points (used at launch)."""
    market_value_ = float(market_value_)
    level = float(level)
    if not (np.isfinite(market_value_) and market_value_ > 0):
        raise ValueError(f"market value must be positive and finite, got {market_value_}")
    if not (np.isfinite(level) and level > 0):
        raise ValueError(f"the base level must be positive and finite, got {level}")
    return market_value_ / level


def adjust_divisor(old_divisor: float, old_market_value: float, new_market_value: float) -> float:
    """The new divisor after a non-market change (add, delete, share or float change).

    ``D_new = D_old * M_new / M_old``, so that ``M_new / D_new == M_old / D_old``:
    the level is the same just before and just after the change.
    """
    old_divisor = _check_divisor(old_divisor)
    for name, value in (("old_market_value", old_market_value), ("new_market_value", new_market_value)):
        if not (np.isfinite(value) and value > 0):
            raise ValueError(f"{name} must be positive and finite, got {value}")
    return old_divisor * float(new_market_value) / float(old_market_value)


@dataclasses.dataclass(frozen=True)
class CapWeightedIndex:
    """A float-adjusted, cap-weighted index: a constituents table and a divisor.

    Every method returns a new index. ``reprice`` changes prices and keeps the
    divisor, so the level moves; ``add``, ``remove``, ``set_shares`` and
    ``set_float`` reset the divisor, so the level does not move.
    """

    constituents: pd.DataFrame
    divisor: float

    def __post_init__(self):
        _check_table(self.constituents)
        # validates prices, shares and float factors
        float_adjusted_caps(self.constituents["price"], self.constituents["shares"], self.constituents["float_factor"])
        object.__setattr__(self, "divisor", _check_divisor(self.divisor))
        object.__setattr__(self, "constituents", self.constituents[list(REQUIRED_COLUMNS)].astype(float).copy())

    @classmethod
    def launch(cls, constituents: pd.DataFrame, base_level: float = 100.0) -> "CapWeightedIndex":
        """Start an index at ``base_level`` points by choosing its divisor."""
        _check_table(constituents)
        value = market_value(constituents["price"], constituents["shares"], constituents["float_factor"])
        return cls(constituents, divisor_for_level(value, base_level))

    @property
    def market_value(self) -> float:
        c = self.constituents
        return market_value(c["price"], c["shares"], c["float_factor"])

    @property
    def level(self) -> float:
        return self.market_value / self.divisor

    @property
    def weights(self) -> pd.Series:
        return weights(self.constituents, "float_cap")

    def _rebased(self, new_table: pd.DataFrame) -> "CapWeightedIndex":
        new_value = market_value(new_table["price"], new_table["shares"], new_table["float_factor"])
        return CapWeightedIndex(new_table, adjust_divisor(self.divisor, self.market_value, new_value))

    def reprice(self, prices: Mapping[str, float] | pd.Series) -> "CapWeightedIndex":
        """New prices for some constituents; the divisor stays, the level moves."""
        table = self.constituents.copy()
        updates = pd.Series(prices, dtype=float)
        unknown = updates.index.difference(table.index)
        if len(unknown):
            raise ValueError(f"cannot reprice {list(unknown)}: not in the index")
        _values(updates, "prices")
        table.loc[updates.index, "price"] = updates
        return CapWeightedIndex(table, self.divisor)

    def add(self, name: str, price: float, shares: float, float_factor: float) -> "CapWeightedIndex":
        """Add a constituent at its current price; the level does not move."""
        if name in self.constituents.index:
            raise ValueError(f"{name!r} is already in the index")
        row = pd.DataFrame({"price": [price], "shares": [shares], "float_factor": [float_factor]}, index=[name])
        float_adjusted_caps(row["price"], row["shares"], row["float_factor"])
        return self._rebased(pd.concat([self.constituents, row]))

    def remove(self, name: str) -> "CapWeightedIndex":
        """Delete a constituent; the level does not move."""
        if name not in self.constituents.index:
            raise ValueError(f"cannot remove {name!r}: not in the index")
        if len(self.constituents) == 1:
            raise ValueError("cannot remove the last constituent: an index needs at least one")
        return self._rebased(self.constituents.drop(index=name))

    def _set(self, name: str, column: str, value: float) -> "CapWeightedIndex":
        if name not in self.constituents.index:
            raise ValueError(f"{name!r} is not in the index")
        table = self.constituents.copy()
        table.loc[name, column] = value
        float_adjusted_caps(table["price"], table["shares"], table["float_factor"])
        return self._rebased(table)

    def set_shares(self, name: str, shares: float) -> "CapWeightedIndex":
        """A share issue or buyback; the level does not move."""
        return self._set(name, "shares", shares)

    def set_float(self, name: str, float_factor: float) -> "CapWeightedIndex":
        """A change in free float; the level does not move."""
        return self._set(name, "float_factor", float_factor)


# ---------------------------------------------------------------- returns
def price_return(levels: ArrayLike) -> pd.Series:
    """Simple period returns of a level (or price) series: ``L_t / L_{t-1} - 1``."""
    arr, index = _values(levels, "levels")
    if arr.size < 2:
        raise ValueError("a return needs at least two levels")
    out = arr[1:] / arr[:-1] - 1.0
    return _wrap(out, index[1:] if index is not None else None, "price_return")


def total_return(prices: ArrayLike, dividends: ArrayLike) -> pd.Series:
    """Simple period returns with dividends: ``(P_t + D_t) / P_{t-1} - 1``.

    ``dividends[t]`` is the cash (in price units, or index points for an index)
    going ex in period ``t``; the first dividend is ignored since no return
    is measured into the first period.
    """
    (p,), index = _aligned(prices=prices)
    d, d_index = _values(dividends, "dividends", positive=False)
    if d.size != p.size or (index is not None and d_index is not None and not d_index.equals(index)):
        raise ValueError("misaligned dividends: they must match the prices one for one")
    if np.any(d < 0):
        raise ValueError("dividends cannot be negative")
    if p.size < 2:
        raise ValueError("a return needs at least two prices")
    out = (p[1:] + d[1:]) / p[:-1] - 1.0
    return _wrap(out, index[1:] if index is not None else None, "total_return")


def cumulative_index(returns: ArrayLike, base: float = 100.0) -> pd.Series:
    """Compound period returns into a level series starting at ``base`` (not included)."""
    r, index = _values(returns, "returns", positive=False)
    if np.any(r <= -1):
        raise ValueError("a return of -100% or worse cannot be compounded")
    return _wrap(base * np.cumprod(1.0 + r), index, "level")


# ---------------------------------------------------------------- attribution and concentration
def contributions(start_weights: ArrayLike, returns: ArrayLike) -> pd.Series:
    """Each constituent's contribution to the index return: ``w_i * r_i``.

    The contributions add up to the index's return over the period when the
    weights are those at the start of the period.
    """
    (w, r), index = _aligned(start_weights=start_weights, returns=returns)
    if not np.isclose(w.sum(), 1.0, rtol=0, atol=1e-9):
        raise ValueError(f"start_weights must add up to 1, they add up to {w.sum():.12g}")
    if np.any(r < -1):
        raise ValueError("returns below -100% are impossible")
    return _wrap(w * r, index, "contribution")


def _weights_array(w: ArrayLike) -> np.ndarray:
    arr, _ = _values(w, "weights", positive=False)
    if np.any(arr < 0):
        raise ValueError("weights cannot be negative")
    if not np.isclose(arr.sum(), 1.0, rtol=0, atol=1e-9):
        raise ValueError(f"weights must add up to 1, they add up to {arr.sum():.12g}")
    return arr


def effective_number(w: ArrayLike) -> float:
    """Effective number of constituents, ``1 / sum(w**2)``."""
    arr = _weights_array(w)
    return float(1.0 / np.sum(arr**2))


def top_weight(w: ArrayLike, n: int) -> float:
    """Combined weight of the ``n`` largest constituents."""
    arr = _weights_array(w)
    if n < 1:
        raise ValueError("n must be at least 1")
    return float(np.sort(arr)[::-1][:n].sum())


def smallest_half_share(w: ArrayLike) -> float:
    """Weight held by the smaller half of the constituents (by count)."""
    arr = np.sort(_weights_array(w))
    return float(arr[: arr.size // 2].sum())


def concentration(w: ArrayLike, top: Sequence[int] = (1, 10, 50, 100)) -> pd.Series:
    """A small table of concentration measures for a weight vector."""
    arr = _weights_array(w)
    stats = {"constituents": float(arr.size)}
    for n in top:
        stats[f"top {n} weight"] = top_weight(arr, n)
    stats["effective number"] = effective_number(arr)
    stats["smallest half weight"] = smallest_half_share(arr)
    return pd.Series(stats, name="concentration")
