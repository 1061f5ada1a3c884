"""Risk statistics of level and return series: returns, volatility, drawdowns.

Pure computation on pandas. Series are never forward-filled: comparisons of
two series use their common dates only, and say so. Conventions: returns are
decimals (0.01 is 1%), volatility is the sample standard deviation (ddof=1)
times the square root of periods per year (252 trading days, 52 weeks, 12 months).
Bad input raises ``ValueError`` naming the problem (see :mod:`rut_edu.validation`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from rut_edu import periods, validation

PERIODS_PER_YEAR = validation.PERIODS_PER_YEAR  # the one table: "daily" 252, "weekly" 52, "monthly" 12, ...
# Statistics on fewer returns than this are printed with a warning by the widgets.
FEW_RETURNS = 30


# ---------------------------------------------------------------- the formulas, once
# Each return, drawdown and annualisation formula of the course is written here and nowhere else: the public
# functions below check their input and call these, and so do the backtest, the comparison and the widgets
# (a backtest's equity may reach zero, which the public functions refuse as a price level). They take numbers
# already checked, so they are private to the package: the underscore says "call a public function instead".
def _period_return_values(levels: np.ndarray) -> np.ndarray:
    """``L_t / L_{t-1} - 1`` for each level after the first (numbers already checked)."""
    return levels[1:] / levels[:-1] - 1.0


def _drawdown_values(levels: np.ndarray) -> np.ndarray:
    """``L_t / max(L_s, s <= t) - 1``: the fall from the running peak (numbers already checked)."""
    return levels / np.maximum.accumulate(levels) - 1.0


def _annualise_spread(spread: np.ndarray | float, periods_per_year: float) -> np.ndarray | float:
    """A per-period standard deviation scaled to a year: times the square root of periods per year."""
    return spread * np.sqrt(periods_per_year)


def _sharpe_value(excess: np.ndarray, periods_per_year: float) -> float | None:
    """Mean excess return over its standard deviation (ddof=1), annualised; None when it cannot be measured."""
    if len(excess) < 2:
        return None
    spread = float(np.std(excess, ddof=1))
    return float(excess.mean() / spread * np.sqrt(periods_per_year)) if spread > 0 else None


def _compound_growth_value(levels: np.ndarray, periods_per_year: float) -> float:
    """Growth per year, compounded: ``(L_end / L_0) ** (periods_per_year / (n - 1)) - 1``; -1 once wiped out."""
    growth = levels[-1] / levels[0]
    return float(growth ** (periods_per_year / (len(levels) - 1)) - 1) if growth > 0 else -1.0


def _levels(levels: pd.Series, name: str = "levels", minimum: int = 2) -> pd.Series:
    return validation.series(levels, name, minimum=minimum, sign="positive", what="price levels")


def _window(window, name: str, available: int, minimum: int = 2) -> int:
    return validation.whole_number(window, name, minimum=minimum, maximum=available)


def log_returns(levels: pd.Series) -> pd.Series:
    """Log returns ``ln(P_t / P_{t-1})`` of a level series (the first date is dropped).

    Parameters
    ----------
    levels : pandas.Series
        Positive price or index levels, oldest first, at least two.

    Returns
    -------
    pandas.Series
        One log return per date after the first, named ``log_return``.

    Raises
    ------
    ValueError
        NaN or infinite levels, a level of zero or less, repeated or unsorted dates, fewer than two levels.

    Examples
    --------
    >>> round(float(log_returns(pd.Series([100.0, 110.0])).iloc[0]), 6)
    0.09531
    """
    levels = _levels(levels)
    return np.log(levels / levels.shift(1)).iloc[1:].rename("log_return")


def simple_returns(levels: pd.Series) -> pd.Series:
    """Simple returns ``P_t / P_{t-1} - 1`` of a level series (the first date is dropped).

    A position's profit is its exposure times the simple return; use :func:`log_returns`
    to add returns over time.

    Parameters
    ----------
    levels : pandas.Series
        Positive price or index levels, oldest first, at least two.

    Returns
    -------
    pandas.Series
        One simple return per date after the first, named ``simple_return``.

    Raises
    ------
    ValueError
        NaN or infinite levels, a level of zero or less, repeated or unsorted dates, fewer than two levels.

    Examples
    --------
    >>> simple_returns(pd.Series([100.0, 110.0, 99.0])).round(10).tolist()
    [0.1, -0.1]
    """
    levels = _levels(levels)
    return pd.Series(_period_return_values(levels.to_numpy(dtype=float)), index=levels.index[1:], name="simple_return")


def resample_levels(levels: pd.Series, *, frequency: str) -> pd.Series:
    """The last level of each week (ending Friday) or month; ``"daily"`` returns the input.

    A last week or month the data do not reach the end of is dropped (the partial-period rule of
    :mod:`rut_edu.periods`), so every period-to-period return spans a whole period.

    Parameters
    ----------
    levels : pandas.Series
        Positive dated levels, oldest first.
    frequency : str
        ``"daily"``, ``"weekly"`` or ``"monthly"``.

    Returns
    -------
    pandas.Series
        Levels dated on each period's last day.

    Raises
    ------
    ValueError
        On bad levels or dates, or an unknown frequency.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-29", "2024-03-05")  # ends on a Tuesday
    >>> resample_levels(pd.Series(range(1, len(days) + 1), index=days, dtype=float), frequency="monthly").tolist()
    [3.0, 24.0]
    """
    levels = _levels(levels, minimum=1)
    chosen = periods.frequency(frequency)
    if chosen.period_code is not None and not isinstance(levels.index, pd.DatetimeIndex):
        raise ValueError("levels need a DatetimeIndex to be resampled by calendar week or month")
    return periods.period_end_values(levels, frequency_name=chosen.name)


def _periods_per_year(convention: int | float | str) -> float:
    """The number of return periods in a year: a name (``"daily"`` = 252, ...) or a positive number."""
    if isinstance(convention, str):
        return float(PERIODS_PER_YEAR[validation.choice(convention, "periods_per_year", list(PERIODS_PER_YEAR))])
    return validation.real_number(convention, "periods_per_year", low=0, low_open=True)


def _clean_returns(r: pd.Series, name: str, minimum: int = 3, periods_per_year: float | None = None) -> pd.Series:
    return validation.returns(r, name, minimum=minimum, periods_per_year=periods_per_year)


def annualised_volatility(returns: pd.Series, *, periods_per_year: int | str) -> float:
    """Sample standard deviation of returns (ddof=1) times the square root of periods per year.

    Parameters
    ----------
    returns : pandas.Series
        Period returns as decimals, at least two.
    periods_per_year : int, float or str
        ``"daily"`` (252), ``"weekly"`` (52), ``"monthly"`` (12), ``"quarterly"``, ``"annual"`` or a positive number.

    Returns
    -------
    float
        Annualised volatility as a decimal (0.2 is 20% a year).

    Raises
    ------
    ValueError
        Bad returns (NaN, inf, -100% or worse, repeated or unsorted dates, fewer than two) or an unknown convention.

    Examples
    --------
    >>> round(annualised_volatility(pd.Series([0.01, -0.01, 0.01, -0.01]), periods_per_year="daily"), 4)
    0.1833
    """
    n = _periods_per_year(periods_per_year)
    r = _clean_returns(returns, "returns", minimum=2, periods_per_year=n)
    return float(_annualise_spread(r.std(ddof=1), n))


def drawdown(levels: pd.Series) -> pd.Series:
    """Fall from the running peak, ``P_t / max(P_s, s <= t) - 1``: zero or negative.

    Parameters
    ----------
    levels : pandas.Series
        Positive price or index levels, oldest first.

    Returns
    -------
    pandas.Series
        Fractions, 0 at each new high, negative below it.

    Raises
    ------
    ValueError
        For NaN, infinite, zero or negative levels, repeated, unsorted or text dates, or no level at all.

    Examples
    --------
    >>> drawdown(pd.Series([100.0, 80.0, 120.0])).tolist()
    [0.0, -0.19999999999999996, 0.0]
    """
    levels = _levels(levels, minimum=1)
    return pd.Series(_drawdown_values(levels.to_numpy(dtype=float)), index=levels.index, name="drawdown")


def drawdown_episodes(levels: pd.Series, *, threshold: float = 0.2) -> pd.DataFrame:
    """Every fall deeper than ``threshold`` (0.2 = 20%), with its dates.

    Columns: ``peak`` (date of the high), ``trough``, ``recovery`` (first date
    back at or above the old high, NaT if not yet), ``depth`` (negative), ``days_to_trough``
    (calendar days from peak to trough) and ``days_to_recover`` (calendar days from
    trough to recovery, NaN if not yet recovered).

    Raises ``ValueError`` for a threshold outside (0, 1), bad levels, or levels without a DatetimeIndex.

    Parameters
    ----------
    levels : pandas.Series
        Positive price or index levels, oldest first.
    threshold : float, default 0.2
        The smallest fall that counts, a fraction in (0, 1).

    Returns
    -------
    pandas.DataFrame
        One row per episode: peak, trough, recovery, depth, days to trough and to recover.

    Raises
    ------
    ValueError
        For NaN, infinite, zero or negative levels, repeated, unsorted or text dates, levels not indexed by dates,
        or a ``threshold`` outside (0, 1).

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> levels, market_levels = 100 * (1 + asset).cumprod(), 100 * (1 + market).cumprod()
    >>> drawdown_episodes(levels, threshold=0.02)["depth"].round(4).tolist()
    [-0.0301]
    """
    threshold = validation.real_number(threshold, "threshold", low=0, high=1, low_open=True, high_open=True)
    dd = drawdown(levels)
    if not isinstance(dd.index, pd.DatetimeIndex):
        raise ValueError("levels need a DatetimeIndex: episodes are reported with their dates")
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


def drawdown_in_window(levels: pd.Series, *, start: str, end: str) -> pd.Series:
    """The deepest fall that starts from a high inside ``[start, end]`` and bottoms there too.

    Returns the peak and trough dates, the depth, the first later date back at the
    peak level (``recovery``, NaT if never) and the calendar days to trough and to recover.
    When ``start`` lies before the first level, the window is truncated: ``truncated``
    is True and the true peak may be earlier than the data.

    Parameters
    ----------
    levels : pandas.Series
        Positive price or index levels, oldest first.
    start, end : str or date
        The first and last day of the window.

    Returns
    -------
    pandas.Series
        Peak, trough, depth, recovery and days, for the worst fall inside the window.

    Raises
    ------
    ValueError
        For NaN, infinite, zero or negative levels, repeated, unsorted or text dates; levels not indexed by dates;
        ``start`` or ``end`` not a date (ISO 8601 text), in another time zone, or ``start`` after ``end``; fewer
        than two levels between them.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> levels, market_levels = 100 * (1 + asset).cumprod(), 100 * (1 + market).cumprod()
    >>> round(float(drawdown_in_window(levels, start="2024-01-01", end="2024-01-19")["depth"]), 4)
    -0.0298
    """
    levels = _levels(levels, minimum=1)
    if not isinstance(levels.index, pd.DatetimeIndex):
        raise ValueError("levels need a DatetimeIndex to be cut into a date window")
    first, last = validation.date(start, "start"), validation.date(end, "end")
    if levels.index.tz is not None:
        # Dates given without a zone are read in the levels' own zone, as pandas slicing does.
        first, last = (t.tz_localize(levels.index.tz) if t.tz is None else t for t in (first, last))
    validation.same_time_zone(levels.index, pd.DatetimeIndex([first, last]), ("levels", "the window"))
    if first > last:
        raise ValueError(f"start {first:%Y-%m-%d} is after end {last:%Y-%m-%d}")
    window = levels.loc[first:last]
    if len(window) < 2:
        raise ValueError(f"fewer than two observations between {start} and {end}")
    dd = drawdown(window)
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
            "truncated": bool(first < levels.index[0]),
        }
    )


def annualised_mean(returns: pd.Series, *, periods_per_year: int | str) -> float:
    """Arithmetic mean return per period times periods per year.

    Parameters
    ----------
    returns : pandas.Series
        Period returns as decimals, oldest first.
    periods_per_year : int or str
        Periods in a year: "daily" (252), "weekly" (52), "monthly" (12), or a positive number.

    Returns
    -------
    float
        The mean return times the periods per year.

    Raises
    ------
    ValueError
        For NaN or infinite returns, a return of -100% or worse, returns that look like percent or price levels,
        fewer than three, dates spaced unlike ``periods_per_year``, or an unknown or non-positive
        ``periods_per_year``.

    Examples
    --------
    >>> round(annualised_mean(pd.Series([0.01, 0.02, 0.03]), periods_per_year=12), 6)
    0.24
    """
    n = _periods_per_year(periods_per_year)
    r = _clean_returns(returns, "returns", periods_per_year=n)
    return float(r.mean() * n)


def mean_t_statistic(returns: pd.Series) -> float:
    """The t-statistic of the mean return against zero: ``mean / (standard deviation / sqrt(n))``.

    Raises ``ValueError`` when the returns do not vary (the statistic would be infinite or noise).

    Parameters
    ----------
    returns : pandas.Series
        Period returns as decimals, oldest first.

    Returns
    -------
    float
        The mean over its standard error, ``mean / (sd / sqrt(n))``.

    Raises
    ------
    ValueError
        For NaN or infinite returns, a return of -100% or worse, returns that look like percent or price levels,
        fewer than three, or returns that do not vary (the statistic would divide by zero).

    Examples
    --------
    >>> round(mean_t_statistic(pd.Series([0.01, 0.02, 0.03])), 4)
    3.4641
    """
    r = _clean_returns(returns, "returns")
    validation.varies(r, "returns")
    return float(r.mean() / (r.std(ddof=1) / np.sqrt(len(r))))


def max_drawdown(levels: pd.Series) -> float:
    """The deepest fall from a running peak (a negative number, or 0).

    Parameters
    ----------
    levels : pandas.Series
        Positive price or index levels, oldest first.

    Returns
    -------
    float
        The deepest fall from a running high, a negative fraction (or 0).

    Raises
    ------
    ValueError
        For NaN, infinite, zero or negative levels, repeated, unsorted or text dates, or no level at all.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> levels, market_levels = 100 * (1 + asset).cumprod(), 100 * (1 + market).cumprod()
    >>> round(max_drawdown(levels), 4)
    -0.0301
    """
    return float(drawdown(levels).min())


def common_dates(a: pd.Series, b: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The two series restricted to the dates both have (no filling).

    Raises ``ValueError`` for repeated or unsorted dates, NaN or inf values, mixed time zones,
    or fewer than two shared dates.

    Parameters
    ----------
    a, b : pandas.Series
        Two series of levels or returns.

    Returns
    -------
    tuple of pandas.Series
        Both on the dates they share.

    Raises
    ------
    ValueError
        Either series has NaN or infinite values or repeated, unsorted or text dates, the two are in different time
        zones, or they share fewer than two dates.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> [len(s) for s in common_dates(asset, market.iloc[:-3])]
    [27, 27]
    """
    a = validation.series(a, "first series")
    b = validation.series(b, "second series")
    validation.same_time_zone(a.index, b.index, ("the first series", "the second series"))
    shared = a.index.intersection(b.index)
    if len(shared) < 2:
        raise ValueError(f"the two series share fewer than two dates ({len(shared)} in common)")
    return a.loc[shared], b.loc[shared]


# ---------------------------------------------------------------- two series
def _spacing(index: pd.Index, name: str) -> str:
    seen = validation.spacing(index)
    if seen is None:
        raise ValueError(f"{name} needs a DatetimeIndex with at least three dates")
    return seen[0]


def align_returns(a: pd.Series, b: pd.Series, *, minimum: int = 3) -> tuple[pd.Series, pd.Series]:
    """Two return series on their common dates, after checking they have the same frequency and time zone.

    Parameters
    ----------
    a, b : pandas.Series
        Two series of period returns as decimals.
    minimum : int, default 3
        The fewest common dates accepted.

    Returns
    -------
    tuple of pandas.Series
        Both series on their common dates.

    Raises
    ------
    ValueError
        Either series has NaN or infinite returns, a return of -100% or worse, returns that look like percent or
        price levels, repeated or unsorted dates, or they share fewer than ``minimum`` dates, are in different time
        zones or are spaced differently (daily against monthly); or ``minimum`` is below 3.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> [len(s) for s in align_returns(asset, market.iloc[5:])]
    [25, 25]
    """
    minimum = validation.whole_number(minimum, "minimum", minimum=3)
    a = _clean_returns(a, "first series", minimum)
    b = _clean_returns(b, "second series", minimum)
    validation.same_time_zone(a.index, b.index, ("the first series", "the second series"))
    fa, fb = _spacing(a.index, "the first series"), _spacing(b.index, "the second series")
    if fa != fb:
        raise ValueError(f"mixed frequencies: the first series looks {fa}, the second {fb}; resample one first")
    a, b = common_dates(a, b)
    if len(a) < minimum:
        raise ValueError(f"only {len(a)} common dates; at least {minimum} are needed")
    return a, b


def beta(asset: pd.Series, market: pd.Series) -> float:
    """OLS slope of asset returns on market returns over their common dates: ``cov(a, m) / var(m)``.

    Raises ``ValueError`` when the market returns do not vary, besides the usual return checks.

    Parameters
    ----------
    asset, market : pandas.Series
        Period returns as decimals.

    Returns
    -------
    float
        ``cov(asset, market) / var(market)`` on their common dates.

    Raises
    ------
    ValueError
        Either series has NaN or infinite returns, a return of -100% or worse, returns that look like percent or
        price levels, repeated or unsorted dates, or they share fewer than three dates, are in different time zones
        or are spaced differently (daily against monthly); or market returns that do not vary (beta divides by their
        variance).

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=4)
    >>> m = pd.Series([0.01, -0.02, 0.03, 0.0], index=days)
    >>> round(beta(2 * m, m), 6)
    2.0
    """
    a, m = align_returns(asset, market)
    validation.varies(m, "the market returns")
    return float(a.cov(m, ddof=1) / m.var(ddof=1))


def correlation(a: pd.Series, b: pd.Series) -> float:
    """Pearson correlation of two return series over their common dates (both must vary).

    Parameters
    ----------
    a, b : pandas.Series
        Two series of period returns as decimals.

    Returns
    -------
    float
        A number from -1 to 1.

    Raises
    ------
    ValueError
        Either series has NaN or infinite returns, a return of -100% or worse, returns that look like percent or
        price levels, repeated or unsorted dates, or they share fewer than three dates, are in different time zones
        or are spaced differently (daily against monthly); or either series does not vary.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> round(correlation(asset, market), 4)
    0.9911
    """
    a, b = align_returns(a, b)
    validation.varies(a, "the first series")
    validation.varies(b, "the second series")
    return float(a.corr(b))


def volatility_ratio(a: pd.Series, b: pd.Series, *, periods_per_year: int | str) -> float:
    """Annualised volatility of ``a`` over that of ``b``, both on their common dates.

    Parameters
    ----------
    a, b : pandas.Series
        Two series of period returns as decimals.
    periods_per_year : int or str
        Periods in a year: "daily" (252), "weekly" (52), "monthly" (12), or a positive number.

    Returns
    -------
    float
        The first series' annualised volatility over the second's, on their common dates.

    Raises
    ------
    ValueError
        Either series has NaN or infinite returns, a return of -100% or worse, returns that look like percent or
        price levels, repeated or unsorted dates, or they share fewer than three dates, are in different time zones
        or are spaced differently (daily against monthly); or a second series that does not vary (the ratio divides
        by it).

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> round(volatility_ratio(asset, market, periods_per_year="daily"), 4)
    1.5253
    """
    a, b = align_returns(a, b)
    validation.varies(b, "the second series")
    return annualised_volatility(a, periods_per_year=periods_per_year) / annualised_volatility(b,
                                                                                               periods_per_year=periods_per_year)


# Residual degrees of freedom a regression must keep, so a slope is estimated, not interpolated.
MIN_SPARE_OBSERVATIONS = 10


def dimson_beta(asset: pd.Series, market: pd.Series, *, lags: int = 1) -> float:
    """Dimson (1979) beta, lags-only form: the sum of slopes on the market's current and ``lags`` past returns.

    Dimson's own estimator also sums slopes on leading market returns; the lags-only form keeps the part that
    matters for stale small-cap prices, which react late.

    When some members trade rarely, their prices react to market news a day
    late; a plain daily beta misses that delayed part, the lagged terms add it back.
    The regression must keep at least ``MIN_SPARE_OBSERVATIONS`` (10) observations
    beyond its ``lags + 2`` coefficients.

    Parameters
    ----------
    asset, market : pandas.Series
        Period returns as decimals.
    lags : int, default 1
        Lagged market returns added to the regression, 0 or more.

    Returns
    -------
    float
        The sum of the slopes on the market return and its lags.

    Raises
    ------
    ValueError
        Either series has NaN or infinite returns, a return of -100% or worse, returns that look like percent or
        price levels, repeated or unsorted dates, or they share fewer than three dates, are in different time zones
        or are spaced differently (daily against monthly); fewer common dates than ``lags`` needs, market returns
        that do not vary or lagged market returns that are collinear; ``lags`` below 0.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> round(dimson_beta(asset, market, lags=0), 4) == round(beta(asset, market), 4)
    True
    """
    lags = validation.whole_number(lags, "lags", minimum=0)
    a, m = align_returns(asset, market)
    validation.varies(m, "the market returns")
    needed = lags + (lags + 2) + MIN_SPARE_OBSERVATIONS
    if len(a) < needed:
        raise ValueError(f"dimson_beta with {lags} lag(s) needs at least {needed} common dates "
                         f"({lags + 2} coefficients, {lags} lost to lagging, {MIN_SPARE_OBSERVATIONS} spare); "
                         f"got {len(a)}")
    columns = {f"lag{k}": m.shift(k) for k in range(lags + 1)}
    frame = pd.DataFrame(columns).assign(asset=a).dropna()
    x = np.column_stack([np.ones(len(frame)), frame[list(columns)].to_numpy()])
    coefficients, _, rank, _ = np.linalg.lstsq(x, frame["asset"].to_numpy(), rcond=None)
    if rank < x.shape[1]:
        raise ValueError("the lagged market returns are collinear: the Dimson slopes are not identified")
    return float(coefficients[1:].sum())


def rolling_volatility(returns: pd.Series, *, window: int, periods_per_year: int | str) -> pd.Series:
    """Annualised volatility over a trailing window of ``window`` returns (full windows only).

    Parameters
    ----------
    returns : pandas.Series
        Period returns as decimals, oldest first.
    window : int
        Returns per window, 2 or more.
    periods_per_year : int or str
        Periods in a year: "daily" (252), "weekly" (52), "monthly" (12), or a positive number.

    Returns
    -------
    pandas.Series
        Annualised, one per full window, dated at its end.

    Raises
    ------
    ValueError
        For NaN or infinite returns, a return of -100% or worse, returns that look like percent or price levels, a
        ``window`` below 2 or longer than the data, or an unknown ``periods_per_year``.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> rolling_volatility(asset, window=20, periods_per_year="daily").round(4).iloc[:2].tolist()
    [0.1721, 0.1769]
    """
    n = _periods_per_year(periods_per_year)
    r = _clean_returns(returns, "returns", minimum=2, periods_per_year=n)
    window = _window(window, "window", len(r))
    return _annualise_spread(r.rolling(window).std(ddof=1), n).iloc[window - 1:].rename("rolling_volatility")


def _rolling_pair(a: pd.Series, b: pd.Series, window) -> tuple[pd.Series, pd.Series, int]:
    a, b = align_returns(a, b)
    return a, b, _window(window, "window", len(a), minimum=3)


def rolling_slope(y: pd.Series, x: pd.Series, *, window: int) -> pd.Series:
    """The least-squares slope of ``y`` on ``x`` over each trailing window: ``cov(y, x) / var(x)``.

    The one rolling regression of the course: a rolling beta (returns on market returns) and a
    rolling rate beta (relative returns on rate changes) are both this slope.

    Parameters
    ----------
    y, x : pandas.Series
        On the same dates, at least ``window`` of them.
    window : int
        Observations per window, 3 or more.

    Returns
    -------
    pandas.Series
        One slope per full window, dated at its end.

    Raises
    ------
    ValueError
        Either series has NaN or infinite returns, a return of -100% or worse, returns that look like percent or
        price levels, repeated or unsorted dates, or they share fewer than three dates, are in different time zones
        or are spaced differently (daily against monthly); a ``window`` below 3 or longer than the data; ``x`` flat
        in some window.

    Examples
    --------
    >>> x = pd.Series([0.01, -0.02, 0.03, 0.0, -0.01])
    >>> rolling_slope(2 * x + 0.001, x, window=3).round(10).tolist()
    [2.0, 2.0, 2.0]
    """
    y = validation.series(y, "y", minimum=3)
    x = validation.series(x, "x", minimum=3)
    validation.same_time_zone(y.index, x.index, ("y", "x"))
    if not y.index.equals(x.index):
        raise ValueError(f"y and x must be on the same dates ({len(y)} against {len(x)} values, or other dates); "
                         "align them first")
    window = validation.whole_number(window, "window", minimum=3, maximum=len(x))
    validation.varies_in_every_window(x, window, "x")
    return (y.rolling(window).cov(x) / x.rolling(window).var()).iloc[window - 1:].rename("slope")


def rolling_beta(asset: pd.Series, market: pd.Series, *, window: int) -> pd.Series:
    """Beta over a trailing window of ``window`` common dates (full windows only): :func:`rolling_slope`.

    Parameters
    ----------
    asset, market : pandas.Series
        Period returns as decimals.
    window : int
        Common dates per window, 3 or more.

    Returns
    -------
    pandas.Series
        One beta per full window, dated at its end.

    Raises
    ------
    ValueError
        Either series has NaN or infinite returns, a return of -100% or worse, returns that look like percent or
        price levels, repeated or unsorted dates, or they share fewer than three dates, are in different time zones
        or are spaced differently (daily against monthly); a ``window`` below 3 or longer than the data; market
        returns that do not vary in some window.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> rolling_beta(asset, market, window=20).round(4).iloc[:2].tolist()
    [1.5074, 1.5082]
    """
    a, m, window = _rolling_pair(asset, market, window)
    validation.varies_in_every_window(m, window, "the market returns")
    return rolling_slope(a, m, window=window).rename("rolling_beta")


def rolling_correlation(a: pd.Series, b: pd.Series, *, window: int) -> pd.Series:
    """Correlation over a trailing window of ``window`` common dates (full windows only; both must vary).

    Parameters
    ----------
    a, b : pandas.Series
        Two series of period returns as decimals.
    window : int
        Common dates per window, 3 or more.

    Returns
    -------
    pandas.Series
        One correlation per full window, dated at its end.

    Raises
    ------
    ValueError
        Either series has NaN or infinite returns, a return of -100% or worse, returns that look like percent or
        price levels, repeated or unsorted dates, or they share fewer than three dates, are in different time zones
        or are spaced differently (daily against monthly); a ``window`` below 3 or longer than the data; either
        series flat in some window.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> rolling_correlation(asset, market, window=20).round(4).iloc[:2].tolist()
    [0.9906, 0.9919]
    """
    a, b, window = _rolling_pair(a, b, window)
    validation.varies_in_every_window(a, window, "the first series")
    validation.varies_in_every_window(b, window, "the second series")
    return a.rolling(window).corr(b).iloc[window - 1:].rename("rolling_correlation")


@dataclasses.dataclass(frozen=True)
class CaptureRatios:
    """Up- and down-capture of an asset against a market, and the convention that produced them."""

    up: float
    down: float
    convention: str
    up_periods: int
    down_periods: int

    def to_series(self) -> pd.Series:
        return pd.Series({"up_capture": self.up, "down_capture": self.down}, name=f"{self.convention} capture")


def _arithmetic_capture(asset: pd.Series, market: pd.Series, periods_per_year: float | None) -> float:
    return float(asset.mean() / market.mean())


def _geometric_capture(asset: pd.Series, market: pd.Series, periods_per_year: float | None) -> float:
    if periods_per_year is None:
        raise ValueError("the geometric convention annualises compounded returns: give periods_per_year")
    exponent = periods_per_year / len(asset)
    return float((np.prod(1 + asset) ** exponent - 1) / (np.prod(1 + market) ** exponent - 1))


@dataclasses.dataclass(frozen=True)
class CaptureConvention:
    """One way to measure capture: what it compares, and its formula for one side (up or down periods)."""

    description: str
    formula: Callable[..., float]


# One registry: each convention's name, description and formula.
CAPTURE_CONVENTIONS: dict[str, CaptureConvention] = {
    "arithmetic": CaptureConvention("mean asset return over mean market return in the same periods (the course's "
                                    "default)", _arithmetic_capture),
    "geometric": CaptureConvention("annualised compounded asset return over the market's, in the same periods "
                                   "(Morningstar's, on monthly returns)", _geometric_capture),
}


def capture_ratios(asset: pd.Series, market: pd.Series, *, convention: str = "arithmetic",
                   periods_per_year: int | str | None = None) -> CaptureRatios:
    """Up- and down-capture: how much of the market's up and down periods the asset took part in.

    Periods are split by the sign of the market's return on common dates; periods
    when the market was exactly flat count as neither up nor down.

    Parameters
    ----------
    asset, market : pandas.Series
        Simple returns (decimals) at one frequency.
    convention : str
        ``"arithmetic"`` (default): the asset's mean return over the market's in the
        same periods. ``"geometric"``: each side's compounded return, annualised with
        ``periods_per_year``, over the market's (Morningstar's definition, usually on
        monthly returns). The two can tell different stories: compounding rewards
        an asset that falls less in a row of down periods.
    periods_per_year : int or str, optional
        Needed by the geometric convention (``"monthly"``, 12, ...).

    Returns
    -------
    CaptureRatios
        ``up`` and ``down`` (1.2 = the asset moved 1.2 times as much), the convention, and the period counts.

    Raises
    ------
    ValueError
        An unknown convention, no up or no down periods, bad returns.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=4)
    >>> m = pd.Series([0.01, -0.02, 0.02, -0.01], index=days)
    >>> c = capture_ratios(1.5 * m, m)
    >>> round(c.up, 6), round(c.down, 6)
    (1.5, 1.5)
    """
    formula = CAPTURE_CONVENTIONS[validation.choice(convention, "convention", list(CAPTURE_CONVENTIONS))].formula
    n = None if periods_per_year is None else _periods_per_year(periods_per_year)
    a, m = align_returns(asset, market)
    if n is not None:
        validation.frequency_agrees(m.index, n, "the returns")
    up, down = m > 0, m < 0
    if not up.any() or not down.any():
        raise ValueError("capture ratios need both up and down market periods")
    return CaptureRatios(up=formula(a[up], m[up], n), down=formula(a[down], m[down], n), convention=convention,
                         up_periods=int(up.sum()), down_periods=int(down.sum()))


def downside_deviation(returns: pd.Series, *, periods_per_year: int | str, threshold: float = 0.0) -> float:
    """Annualised root mean square of the shortfalls below ``threshold`` (gains count as zero).

    Parameters
    ----------
    returns : pandas.Series
        Period returns as decimals, oldest first.
    periods_per_year : int or str
        Periods in a year: "daily" (252), "weekly" (52), "monthly" (12), or a positive number.
    threshold : float, default 0
        The return below which a period counts as a shortfall.

    Returns
    -------
    float
        Annualised, from the shortfalls below ``threshold`` over all periods.

    Raises
    ------
    ValueError
        For NaN or infinite returns, a return of -100% or worse, returns that look like percent or price levels,
        fewer than three, an unknown ``periods_per_year``, or a ``threshold`` outside (-1, 1].

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> round(downside_deviation(asset, periods_per_year="daily"), 4)
    0.1184
    """
    n = _periods_per_year(periods_per_year)
    r = _clean_returns(returns, "returns", periods_per_year=n)
    # a threshold is a return per period, as a decimal: 5 meant as 5% would count every period as a shortfall
    threshold = validation.real_number(threshold, "threshold", low=-1, low_open=True, high=1)
    shortfall = np.minimum(r.to_numpy() - threshold, 0.0)
    return float(_annualise_spread(np.sqrt(np.mean(shortfall**2)), n))


def worst_periods(returns: pd.Series, *, n: int = 10) -> pd.Series:
    """The ``n`` lowest returns, worst first (``n`` from 1 to the number of returns).

    Parameters
    ----------
    returns : pandas.Series
        Period returns as decimals, oldest first.
    n : int, default 10
        How many, 1 to the number of returns.

    Returns
    -------
    pandas.Series
        The ``n`` lowest returns, worst first, on their dates.

    Raises
    ------
    ValueError
        For NaN or infinite returns, a return of -100% or worse, returns that look like percent or price levels, or
        an ``n`` below 1 or above the number of returns.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> worst_periods(asset, n=2).round(4).tolist()
    [-0.0168, -0.0158]
    """
    r = _clean_returns(returns, "returns", minimum=1)
    n = validation.whole_number(n, "n", minimum=1, maximum=len(r))
    return r.nsmallest(n)


def worst_periods_table(returns: Mapping[str, pd.Series], *, n: int = 5, date_format: str = "%Y-%m-%d") -> pd.DataFrame:
    """Side by side, the ``n`` worst returns of each named series with their dates, worst first.

    Parameters
    ----------
    returns : mapping of str to pandas.Series
        Named return series.
    n : int, default 5
        How many periods per series.
    date_format : str, default "%Y-%m-%d"
        How the dates are written.

    Returns
    -------
    pandas.DataFrame
        A date and a return column per series, worst first.

    Raises
    ------
    ValueError
        For an empty mapping, a series not indexed by dates, one with NaN or infinite returns, a return of -100% or
        worse, returns that look like percent or price levels, or an ``n`` out of range.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> worst_periods_table({"asset": asset}, n=2)["asset date"].tolist()
    ['2024-02-01', '2024-01-18']
    """
    if not isinstance(returns, Mapping) or not returns:
        raise ValueError("returns must be a non-empty mapping of name to return series")
    columns = {}
    for name, series in returns.items():
        worst = worst_periods(series, n=n)
        if not isinstance(worst.index, pd.DatetimeIndex):
            raise ValueError(f"{name}: returns need a DatetimeIndex to report their dates")
        columns[f"{name} date"] = worst.index.strftime(date_format)
        columns[f"{name} return"] = worst.to_numpy()
    return pd.DataFrame(columns)


def drawdowns_in_windows(levels: Mapping[str, pd.Series], *, windows: Mapping[str, tuple[str, str]]) -> pd.DataFrame:
    """:func:`drawdown_in_window` for every named window and every named level series.

    Parameters
    ----------
    levels : mapping of str to pandas.Series
        Named level series.
    windows : mapping of str to (str, str)
        Named windows, each a first and a last date (both included).

    Returns
    -------
    pandas.DataFrame
        One row per window and series.

    Raises
    ------
    ValueError
        For empty mappings, and as :func:`drawdown_in_window` for each series and window.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> levels, market_levels = 100 * (1 + asset).cumprod(), 100 * (1 + market).cumprod()
    >>> windows = {"first": ("2024-01-01", "2024-01-19"), "second": ("2024-01-22", "2024-02-09")}
    >>> len(drawdowns_in_windows({"asset": levels}, windows=windows))
    2
    """
    if not isinstance(levels, Mapping) or not levels or not isinstance(windows, Mapping) or not windows:
        raise ValueError("levels and windows must be non-empty mappings of name to series and to (start, end)")
    rows = [
        {"episode": episode, "index": name, **drawdown_in_window(series, start=start, end=end).to_dict()}
        for episode, (start, end) in windows.items()
        for name, series in levels.items()
    ]
    return pd.DataFrame(rows).set_index(["episode", "index"])


def _window_slices(windows: Mapping[str, tuple[str, str]]) -> dict[str, slice]:
    if not isinstance(windows, Mapping) or not windows:
        raise ValueError("windows must be a non-empty mapping of name to (start, end)")
    slices = {}
    for name, bounds in windows.items():
        if not (isinstance(bounds, tuple) and len(bounds) == 2):
            raise ValueError(f"window {name!r} must be a (start, end) pair, got {bounds!r}")
        start, end = bounds
        if validation.date(start, f"start of {name!r}") > validation.date(end, f"end of {name!r}"):
            raise ValueError(f"window {name!r} starts after it ends")
        slices[name] = slice(start, end)
    return slices


def _in_window(returns: pd.Series, cut: slice, window: str, minimum: int = 3) -> pd.Series:
    # name the window when it misses the data, rather than reporting "returns is empty"
    part = returns.loc[cut]
    if len(part) < minimum:
        raise ValueError(f"window {window!r} ({cut.start} to {cut.stop}) holds {len(part)} return(s) of the data "
                         f"({returns.index[0]:%Y-%m-%d} to {returns.index[-1]:%Y-%m-%d}); at least {minimum} are needed")
    return part


def beta_by_window(asset: pd.Series, market: pd.Series, *, windows: Mapping[str, tuple[str, str]],
                   dimson_lags: int = 1) -> pd.DataFrame:
    """Beta, Dimson beta and correlation of two return series in each named date window.

    One row per window (``{"1990s": ("1990", "1999"), ...}``, ends inclusive), columns
    ``beta``, ``dimson beta`` and ``correlation``.

    Parameters
    ----------
    asset, market : pandas.Series
        Period returns as decimals.
    windows : mapping of str to (str, str)
        Named windows, each a first and a last date (both included).
    dimson_lags : int, default 1
        Lags for the Dimson beta column.

    Returns
    -------
    pandas.DataFrame
        Beta, Dimson beta and correlation, one row per window.

    Raises
    ------
    ValueError
        Either series has NaN or infinite returns, a return of -100% or worse, returns that look like percent or
        price levels; a window's dates are not dates, or it holds fewer than three common returns; ``dimson_lags``
        is below 0.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> windows = {"first": ("2024-01-01", "2024-01-19"), "second": ("2024-01-22", "2024-02-09")}
    >>> beta_by_window(asset, market, windows=windows, dimson_lags=0)["beta"].round(4).tolist()
    [1.5502, 1.4724]
    """
    asset, market = _clean_returns(asset, "asset"), _clean_returns(market, "market")
    dimson_lags = validation.whole_number(dimson_lags, "dimson_lags", minimum=0)
    rows = {}
    for name, cut in _window_slices(windows).items():
        a, m = _in_window(asset, cut, name), _in_window(market, cut, name)
        rows[name] = {"beta": beta(a, m), "dimson_beta": dimson_beta(a, m, lags=dimson_lags), "correlation": correlation(a, m)}
    return pd.DataFrame(rows).T


def mean_by_window(returns: pd.Series, *, windows: Mapping[str, tuple[str, str]],
                   periods_per_year: int | str) -> pd.DataFrame:
    """Annualised mean return, its t-statistic and the number of returns in each named date window.

    Parameters
    ----------
    returns : pandas.Series
        Period returns as decimals, oldest first.
    windows : mapping of str to (str, str)
        Named windows, each a first and a last date (both included).
    periods_per_year : int or str
        Periods in a year: "daily" (252), "weekly" (52), "monthly" (12), or a positive number.

    Returns
    -------
    pandas.DataFrame
        Mean per year, its t-statistic and the number of periods, one row per window.

    Raises
    ------
    ValueError
        For NaN or infinite returns, a return of -100% or worse, returns that look like percent or price levels,
        dates spaced unlike ``periods_per_year``, a window whose dates are not dates or that holds fewer than three
        returns.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> windows = {"first": ("2024-01-01", "2024-01-19"), "second": ("2024-01-22", "2024-02-09")}
    >>> mean_by_window(asset, windows=windows, periods_per_year="daily")["periods"].tolist()
    [15.0, 15.0]
    """
    returns = _clean_returns(returns, "returns", periods_per_year=_periods_per_year(periods_per_year))
    rows = {}
    for name, cut in _window_slices(windows).items():
        part = _in_window(returns, cut, name)
        rows[name] = {"mean_per_year": annualised_mean(part, periods_per_year=periods_per_year),
                      "t_statistic": mean_t_statistic(part), "periods": float(len(part))}
    return pd.DataFrame(rows).T


def volatility_and_mean(returns: pd.DataFrame, *, periods_per_year: int | str) -> pd.DataFrame:
    """Annualised volatility and mean return of every column of a table of returns (one row each).

    Parameters
    ----------
    returns : pandas.DataFrame
        One column of period returns per series.
    periods_per_year : int or str
        Periods in a year: "daily" (252), "weekly" (52), "monthly" (12), or a positive number.

    Returns
    -------
    pandas.DataFrame
        Annualised volatility and mean, one column per series.

    Raises
    ------
    ValueError
        For a table that is not a DataFrame of return columns, a column with NaN or infinite returns, a return of
        -100% or worse, returns that look like percent or price levels, or an unknown ``periods_per_year``.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> volatility_and_mean(pd.DataFrame({"asset": asset}), periods_per_year="daily").round(4)["asset"].tolist()
    [0.1712, 0.0323]
    """
    if not isinstance(returns, pd.DataFrame) or returns.shape[1] == 0:
        raise ValueError("returns must be a DataFrame with one column of returns per series")
    return pd.DataFrame(
        {column: {"volatility": annualised_volatility(returns[column], periods_per_year=periods_per_year),
                  "mean_return_per_year": annualised_mean(returns[column], periods_per_year=periods_per_year)}
         for column in returns.columns}
    )


def compare(asset_levels: pd.Series, market_levels: pd.Series, *, frequency: str) -> pd.Series:
    """Headline risk comparison of two level series already sampled at ``frequency`` on common dates.

    Volatility of each (log returns, annualised with the frequency's periods per
    year), their ratio, beta, correlation and each one's maximum drawdown.

    Parameters
    ----------
    asset_levels, market_levels : pandas.Series
        Daily levels.
    frequency : {"daily", "weekly", "monthly"}
        The return frequency.

    Returns
    -------
    pandas.Series
        Volatilities, their ratio, beta, correlation, maximum drawdowns and the number of returns.

    Raises
    ------
    ValueError
        The level series do not share their dates, hold fewer than three returns at ``frequency``, or ``frequency``
        is unknown; the returns' own checks as :func:`align_returns`.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> levels, market_levels = 100 * (1 + asset).cumprod(), 100 * (1 + market).cumprod()
    >>> round(float(compare(levels, market_levels, frequency="daily")["beta"]), 4)
    1.5117
    """
    frequency = periods.frequency(frequency).name
    ra, rm = log_returns(asset_levels), log_returns(market_levels)
    if len(ra) < 3:
        raise ValueError("the chosen period holds fewer than three returns at this frequency")
    if not ra.index.equals(rm.index):
        raise ValueError("the two level series must share their dates; align them with common_dates first")
    return pd.Series(
        {
            "asset_volatility": annualised_volatility(ra, periods_per_year=frequency),
            "market_volatility": annualised_volatility(rm, periods_per_year=frequency),
            "volatility_ratio": volatility_ratio(ra, rm, periods_per_year=frequency),
            "beta": beta(ra, rm),
            "correlation": correlation(ra, rm),
            "asset_max_drawdown": max_drawdown(asset_levels),
            "market_max_drawdown": max_drawdown(market_levels),
            "returns": float(len(ra)),
        }
    )


def risk_summary(asset_levels: pd.Series, market_levels: pd.Series, *, frequency: str = "daily") -> pd.Series:
    """:func:`compare` after aligning two daily level series and resampling them to ``frequency``.

    Parameters
    ----------
    asset_levels, market_levels : pandas.Series
        Daily levels.
    frequency : {"daily", "weekly", "monthly"}, default "daily"
        The return frequency.

    Returns
    -------
    pandas.Series
        As :func:`compare`.

    Raises
    ------
    ValueError
        Either series has NaN, infinite, zero or negative levels, repeated, unsorted or text dates or fewer than two
        levels, they share too few dates, or ``frequency`` is unknown.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> market = pd.Series(0.01 * np.sin(np.arange(30) * 1.3), index=days)
    >>> asset = 1.5 * market + 0.002 * np.cos(np.arange(30) * 0.7)
    >>> levels, market_levels = 100 * (1 + asset).cumprod(), 100 * (1 + market).cumprod()
    >>> round(float(risk_summary(levels, market_levels)["volatility_ratio"]), 4)
    1.5245
    """
    a, m = common_dates(_levels(asset_levels, "asset_levels"), _levels(market_levels, "market_levels"))
    return compare(resample_levels(a, frequency=frequency), resample_levels(m, frequency=frequency), frequency=frequency)
