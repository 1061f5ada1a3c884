"""Risk statistics of level and return series: returns, volatility, drawdowns.

Pure computation on pandas. Series are never forward-filled: comparisons of
two series use their common dates only, and say so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PERIODS_PER_YEAR = {"daily": 252, "weekly": 52, "monthly": 12, "quarterly": 4, "annual": 1}


def _checked_series(series: pd.Series, name: str, minimum: int, what: str) -> pd.Series:
    """The checks every input shares: a Series, long enough, no NaN, sorted by date."""
    if not isinstance(series, pd.Series):
        raise ValueError(f"{name} must be a pandas Series of {what} indexed by date")
    if len(series) < minimum:
        raise ValueError(f"{name} has {len(series)} observation(s); at least {minimum} are needed")
    if series.isna().any():
        raise ValueError(f"{name} has {int(series.isna().sum())} missing value(s) (NaN gaps); "
                         "drop or fill them explicitly first")
    if isinstance(series.index, pd.DatetimeIndex) and not series.index.is_monotonic_increasing:
        raise ValueError(f"{name} must be sorted by date")
    return series.astype(float)


def _levels(levels: pd.Series, name: str = "levels", minimum: int = 2) -> pd.Series:
    levels = _checked_series(levels, name, minimum, "price levels")
    if (levels <= 0).any():
        raise ValueError(f"{name} must be positive: a price level of zero or less has no return")
    return levels


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


def _periods_per_year(convention: int | float | str) -> float:
    """The number of return periods in a year: a name (``"daily"`` = 252, ...) or a positive number."""
    if isinstance(convention, str):
        if convention not in PERIODS_PER_YEAR:
            raise ValueError(f"periods_per_year must be a positive number or one of {sorted(PERIODS_PER_YEAR)}")
        return float(PERIODS_PER_YEAR[convention])
    if not (isinstance(convention, (int, float, np.number)) and np.isfinite(convention) and convention > 0):
        raise ValueError(f"periods_per_year must be a positive number or one of {sorted(PERIODS_PER_YEAR)}")
    return float(convention)


def annualised_volatility(returns: pd.Series, periods_per_year: int | str) -> float:
    """Sample standard deviation of returns times the square root of periods per year."""
    n = _periods_per_year(periods_per_year)
    r = _clean_returns(returns, "returns", minimum=2)
    return float(r.std(ddof=1) * np.sqrt(n))


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


def drawdown_in_window(levels: pd.Series, start: str, end: str) -> pd.Series:
    """The deepest fall that starts from a high inside ``[start, end]`` and bottoms there too.

    Returns the peak and trough dates, the depth, the first later date back at the
    peak level (``recovery``, NaT if never) and the calendar days to trough and to recover.
    """
    levels = _levels(levels, minimum=1)
    window = levels.loc[start:end]
    if len(window) < 2:
        raise ValueError(f"fewer than two observations between {start} and {end}")
    dd = window / window.cummax() - 1.0
    trough = dd.idxmin()
    peak = window.loc[:trough].idxmax()
    after = levels.loc[trough:]
    back = after[after >= window.loc[peak]]
    recovery = back.index[0] if len(back) else pd.NaT
    return pd.Series(
        {
            "peak": peak,
            "trough": trough,
            "depth": float(dd.min()),
            "recovery": recovery,
            "days_to_trough": (trough - peak).days,
            "days_to_recover": (recovery - trough).days if pd.notna(recovery) else np.nan,
        }
    )


def annualised_mean(returns: pd.Series, periods_per_year: int | str) -> float:
    """Arithmetic mean return per period times periods per year."""
    r = _clean_returns(returns, "returns")
    return float(r.mean() * _periods_per_year(periods_per_year))


def mean_t_statistic(returns: pd.Series) -> float:
    """t-statistic of the mean return against zero: mean / (standard deviation / sqrt(n))."""
    r = _clean_returns(returns, "returns")
    return float(r.mean() / (r.std(ddof=1) / np.sqrt(len(r))))


def max_drawdown(levels: pd.Series) -> float:
    """The deepest fall from a running peak (a negative number, or 0)."""
    return float(drawdown(levels).min())


def common_dates(a: pd.Series, b: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The two series restricted to the dates both have (no filling)."""
    shared = a.index.intersection(b.index)
    if len(shared) < 2:
        raise ValueError("the two series share fewer than two dates")
    return a.loc[shared], b.loc[shared]


# ---------------------------------------------------------------- two series
def _typical_gap_days(index: pd.Index) -> float:
    if not isinstance(index, pd.DatetimeIndex) or len(index) < 3:
        raise ValueError("return series need a DatetimeIndex with at least three dates")
    gaps = np.diff(index.values).astype("timedelta64[s]").astype(float)
    return float(np.median(gaps) / 86_400)


def _frequency_class(gap_days: float) -> str:
    for name, upper in (("daily", 4.5), ("weekly", 10), ("monthly", 45), ("quarterly", 120)):
        if gap_days <= upper:
            return name
    return "annual"


def _clean_returns(r: pd.Series, name: str, minimum: int = 3) -> pd.Series:
    r = _checked_series(r, name, minimum, "returns")
    if (r <= -1).any():
        raise ValueError(f"{name} has a return of -100% or worse, which a price series cannot produce")
    return r


def align_returns(a: pd.Series, b: pd.Series, minimum: int = 3) -> tuple[pd.Series, pd.Series]:
    """Two return series on their common dates, after checking they have the same frequency."""
    a = _clean_returns(a, "first series", minimum)
    b = _clean_returns(b, "second series", minimum)
    fa, fb = _frequency_class(_typical_gap_days(a.index)), _frequency_class(_typical_gap_days(b.index))
    if fa != fb:
        raise ValueError(f"mixed frequencies: the first series looks {fa}, the second {fb}; resample one first")
    a, b = common_dates(a, b)
    if len(a) < minimum:
        raise ValueError(f"only {len(a)} common dates; at least {minimum} are needed")
    return a, b


def beta(asset: pd.Series, market: pd.Series) -> float:
    """OLS slope of asset returns on market returns over their common dates."""
    a, m = align_returns(asset, market)
    variance = m.var(ddof=1)
    if variance == 0:
        raise ValueError("the market series does not vary: beta is undefined")
    return float(a.cov(m, ddof=1) / variance)


def correlation(a: pd.Series, b: pd.Series) -> float:
    """Pearson correlation of two return series over their common dates."""
    a, b = align_returns(a, b)
    return float(a.corr(b))


def volatility_ratio(a: pd.Series, b: pd.Series, periods_per_year: int | str) -> float:
    """Annualised volatility of ``a`` over that of ``b``, both on their common dates."""
    a, b = align_returns(a, b)
    return annualised_volatility(a, periods_per_year) / annualised_volatility(b, periods_per_year)


def dimson_beta(asset: pd.Series, market: pd.Series, lags: int = 1) -> float:
    """Dimson (1979) beta: the sum of slopes on the market's current and ``lags`` past returns.

    When some members trade rarely, their prices react to market news a day
    late; a plain daily beta misses that delayed part, the lagged terms add it back.
    """
    if lags < 0:
        raise ValueError("lags must be zero or positive")
    a, m = align_returns(asset, market, minimum=lags + 10)
    columns = {f"lag{k}": m.shift(k) for k in range(lags + 1)}
    frame = pd.DataFrame(columns).assign(asset=a).dropna()
    x = np.column_stack([np.ones(len(frame)), frame[list(columns)].to_numpy()])
    coefficients, *_ = np.linalg.lstsq(x, frame["asset"].to_numpy(), rcond=None)
    return float(coefficients[1:].sum())


def rolling_volatility(returns: pd.Series, window: int, periods_per_year: int | str) -> pd.Series:
    """Annualised volatility over a trailing window of ``window`` returns."""
    r = _clean_returns(returns, "returns", minimum=window)
    return (r.rolling(window).std(ddof=1) * np.sqrt(_periods_per_year(periods_per_year))).dropna().rename(
        "rolling_volatility")


def rolling_beta(asset: pd.Series, market: pd.Series, window: int) -> pd.Series:
    """Beta over a trailing window of ``window`` common dates (vectorised)."""
    a, m = align_returns(asset, market, minimum=window)
    return (a.rolling(window).cov(m) / m.rolling(window).var()).dropna().rename("rolling_beta")


def rolling_correlation(a: pd.Series, b: pd.Series, window: int) -> pd.Series:
    """Correlation over a trailing window of ``window`` common dates."""
    a, b = align_returns(a, b, minimum=window)
    return a.rolling(window).corr(b).dropna().rename("rolling_correlation")


def capture_ratios(asset: pd.Series, market: pd.Series) -> pd.Series:
    """Up- and down-capture: the asset's mean return over the market's in up and down periods.

    An up-capture of 1.2 means the asset gained 1.2 times the market's average gain
    in periods when the market rose (arithmetic means, common dates).
    """
    a, m = align_returns(asset, market)
    up, down = m > 0, m < 0
    if not up.any() or not down.any():
        raise ValueError("capture ratios need both up and down market periods")
    return pd.Series({"up capture": a[up].mean() / m[up].mean(), "down capture": a[down].mean() / m[down].mean()})


def downside_deviation(returns: pd.Series, periods_per_year: int | str, threshold: float = 0.0) -> float:
    """Annualised root mean square of the shortfalls below ``threshold`` (zero for gains)."""
    r = _clean_returns(returns, "returns")
    n = _periods_per_year(periods_per_year)
    shortfall = np.minimum(r.to_numpy() - threshold, 0.0)
    return float(np.sqrt(np.mean(shortfall**2)) * np.sqrt(n))


def worst_periods(returns: pd.Series, n: int = 10) -> pd.Series:
    """The ``n`` lowest returns, worst first."""
    r = _clean_returns(returns, "returns", minimum=1)
    if n < 1:
        raise ValueError("n must be at least 1")
    return r.nsmallest(n)


def worst_periods_table(returns: dict[str, pd.Series], n: int = 5, date_format: str = "%Y-%m-%d") -> pd.DataFrame:
    """Side by side, the ``n`` worst returns of each named series with their dates, worst first."""
    columns = {}
    for name, series in returns.items():
        worst = worst_periods(series, n)
        columns[f"{name} date"] = worst.index.strftime(date_format)
        columns[f"{name} return"] = worst.to_numpy()
    return pd.DataFrame(columns)


def drawdowns_in_windows(levels: dict[str, pd.Series], windows: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """:func:`drawdown_in_window` for every named window and every named level series."""
    rows = [
        {"episode": episode, "index": name, **drawdown_in_window(series, start, end).to_dict()}
        for episode, (start, end) in windows.items()
        for name, series in levels.items()
    ]
    return pd.DataFrame(rows).set_index(["episode", "index"])


def compare(asset_levels: pd.Series, market_levels: pd.Series, frequency: str) -> pd.Series:
    """Headline risk comparison of two level series already sampled at ``frequency`` on common dates.

    Volatility of each (log returns, annualised with the frequency's periods per
    year), their ratio, beta, correlation and each one's maximum drawdown.
    """
    ra, rm = log_returns(asset_levels), log_returns(market_levels)
    if len(ra) < 3:
        raise ValueError("the chosen period holds fewer than three returns at this frequency")
    if not ra.index.equals(rm.index):
        raise ValueError("the two level series must share their dates; align them with common_dates first")
    return pd.Series(
        {
            "asset volatility": annualised_volatility(ra, frequency),
            "market volatility": annualised_volatility(rm, frequency),
            "volatility ratio": volatility_ratio(ra, rm, frequency),
            "beta": beta(ra, rm),
            "correlation": correlation(ra, rm),
            "asset max drawdown": max_drawdown(asset_levels),
            "market max drawdown": max_drawdown(market_levels),
            "returns": float(len(ra)),
        }
    )


def risk_summary(asset_levels: pd.Series, market_levels: pd.Series, frequency: str = "daily") -> pd.Series:
    """:func:`compare` after aligning two daily level series and resampling them to ``frequency``."""
    a, m = common_dates(_levels(asset_levels, "asset_levels"), _levels(market_levels, "market_levels"))
    return compare(resample_levels(a, frequency), resample_levels(m, frequency), frequency)
