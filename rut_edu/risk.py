"""Risk statistics of level and return series: returns, volatility, drawdowns.

Pure computation on pandas. Series are never forward-filled: comparisons of
two series use their common dates only, and say so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PERIODS_PER_YEAR = {"daily": 252, "weekly": 52, "monthly": 12, "quarterly": 4, "annual": 1}


def _levels(levels: pd.Series, name: str = "levels", minimum: int = 2) -> pd.Series:
    if not isinstance(levels, pd.Series):
        raise ValueError(f"{name} must be a pandas Series indexed by date")
    if len(levels) < minimum:
        raise ValueError(f"{name} has {len(levels)} observation(s); at least {minimum} are needed")
    if levels.isna().any():
        raise ValueError(f"{name} has {int(levels.isna().sum())} missing value(s); drop or fill them explicitly first")
    if (levels <= 0).any():
        raise ValueError(f"{name} must be positive: a price level of zero or less has no return")
    if isinstance(levels.index, pd.DatetimeIndex) and not levels.index.is_monotonic_increasing:
        raise ValueError(f"{name} must be sorted by date")
    return levels.astype(float)


def simple_returns(levels: pd.Series) -> pd.Series:
    """Period returns ``P_t / P_{t-1} - 1`` as decimals (the first date is dropped)."""
    levels = _levels(levels)
    return (levels / levels.shift(1) - 1.0).iloc[1:].rename("simple_return")


def log_returns(levels: pd.Series) -> pd.Series:
    """Log returns ``ln(P_t / P_{t-1})`` (the first date is dropped)."""
    levels = _levels(levels)
    return np.log(levels / levels.shift(1)).iloc[1:].rename("log_return")


def resample_levels(levels: pd.Series, frequency: str) -> pd.Series:
    """Last level of each week (Friday) or month; ``daily`` returns the input."""
    levels = _levels(levels)
    rule = {"daily": None, "weekly": "W-FRI", "monthly": "ME"}
    if frequency not in rule:
        raise ValueError(f"frequency must be one of {sorted(rule)}, got {frequency!r}")
    if rule[frequency] is None:
        return levels
    return levels.resample(rule[frequency]).last().dropna()


def annualised_volatility(returns: pd.Series, periods_per_year: int | str) -> float:
    """Sample standard deviation of returns times the square root of periods per year."""
    n = PERIODS_PER_YEAR.get(periods_per_year, periods_per_year) if isinstance(periods_per_year, str) else periods_per_year
    if isinstance(n, str) or not n or n <= 0:
        raise ValueError(f"periods_per_year must be a positive number or one of {sorted(PERIODS_PER_YEAR)}")
    if not isinstance(returns, pd.Series) or len(returns) < 2:
        raise ValueError("volatility needs a Series of at least two returns")
    if returns.isna().any():
        raise ValueError("returns have missing values; volatility would silently skip them")
    return float(returns.std(ddof=1) * np.sqrt(n))


def drawdown(levels: pd.Series) -> pd.Series:
    """Fall from the running peak, ``P_t / max(P_s, s <= t) - 1``: zero or negative."""
    levels = _levels(levels, minimum=1)
    return (levels / levels.cummax() - 1.0).rename("drawdown")


def drawdown_episodes(levels: pd.Series, threshold: float = 0.2) -> pd.DataFrame:
    """Every fall deeper than ``threshold`` (0.2 = 20%), with its dates.

    Columns: ``peak`` (date of the high), ``trough``, ``recovery`` (first date
    back at the old high, NaT if not yet), ``depth`` (negative), ``days_to_trough``
    and ``days_to_recover`` (calendar days from trough to recovery).
    """
    if not 0 < threshold < 1:
        raise ValueError("threshold is a fraction between 0 and 1")
    dd = drawdown(levels)
    underwater = dd < 0
    # Each underwater spell starts right after a date at a running high.
    spell_id = (~underwater).cumsum()
    rows = []
    for _, spell in dd[underwater].groupby(spell_id[underwater]):
        trough_date = spell.idxmin()
        depth = float(spell.min())
        if depth > -threshold:
            continue
        start = dd.index.get_loc(spell.index[0])
        end = dd.index.get_loc(spell.index[-1])
        peak_date = dd.index[start - 1]
        recovery_date = dd.index[end + 1] if end + 1 < len(dd) else pd.NaT
        rows.append(
            {
                "peak": peak_date,
                "trough": trough_date,
                "recovery": recovery_date,
                "depth": depth,
                "days_to_trough": (trough_date - peak_date).days,
                "days_to_recover": (recovery_date - trough_date).days if pd.notna(recovery_date) else np.nan,
            }
        )
    return pd.DataFrame(rows, columns=["peak", "trough", "recovery", "depth", "days_to_trough", "days_to_recover"])


def max_drawdown(levels: pd.Series) -> float:
    """The deepest fall from a running peak (a negative number, or 0)."""
    return float(drawdown(levels).min())


def common_dates(a: pd.Series, b: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The two series restricted to the dates both have (no filling)."""
    shared = a.index.intersection(b.index)
    if len(shared) < 2:
        raise ValueError("the two series share fewer than two dates")
    return a.loc[shared], b.loc[shared]
