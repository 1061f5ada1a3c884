"""Price indexes, inflation, the real rate and the stance gap, on quarterly calendars.

The conventions of :mod:`rut_edu.rates` hold (percent per year, quarters dated on their first day).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from rut_edu import validation

INFLATION_MEASURES = {"core PCE": "pcepilfe", "CPI": "cpiaucsl"}
# Months a publisher never released, with the reason. A series is used only up to the month before;
# any other gap is an error.
KNOWN_GAPS = {"cpiaucsl": ("2025-10-01", "the October 2025 CPI was not collected during the federal shutdown")}
QUARTER_START_MONTHS = (1, 4, 7, 10)



# ---------------------------------------------------------------------------------------------- calendars
def _dated(values, name: str, minimum: int = 2) -> pd.Series:
    series = validation.series(values, name, minimum=minimum)
    if not isinstance(series.index, pd.DatetimeIndex):
        raise ValueError(f"{name} must be indexed by dates")
    return series


def _quarterly(values, name: str, minimum: int = 2) -> pd.Series:
    series = _dated(values, name, minimum)
    index = series.index
    if not (np.isin(index.month, QUARTER_START_MONTHS).all() and (index.day == 1).all()):
        bad = index[~(np.isin(index.month, QUARTER_START_MONTHS) & (index.day == 1))][0]
        raise ValueError(f"{name} is not on the quarterly calendar (first day of each quarter): "
                         f"{bad:%Y-%m-%d}; use rates.quarterly_average on monthly data first")
    expected = pd.date_range(index[0], index[-1], freq="QS")
    if len(expected) != len(index):
        missing = expected.difference(index)
        raise ValueError(f"{name} is missing {len(missing)} quarter(s), the first {missing[0]:%Y-%m-%d}")
    return series


def quarterly_average(monthly: pd.Series) -> pd.Series:
    """The average of each calendar quarter of a monthly series, dated on the quarter's first day.

    Only complete quarters (three monthly values) are kept at either end; a quarter with a
    missing month inside the sample is an error, not a shorter average. The quarter's first day labels it,
    the dating of the published quarterly series it is compared with (see "Labels" in :mod:`rut_edu.periods`).

    Parameters
    ----------
    monthly : pandas.Series
        Values dated on the first day of each month, without gaps, at least three.

    Returns
    -------
    pandas.Series
        One average per complete quarter, dated on the quarter's first day.

    Raises
    ------
    ValueError
        On NaN or infinite values, repeated or unsorted dates, dates that are not month starts,
        or a month missing inside the sample.

    Examples
    --------
    >>> months = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], index=pd.date_range("2024-01-01", periods=7, freq="MS"))
    >>> quarterly_average(months).to_dict()
    {Timestamp('2024-01-01 00:00:00'): 2.0, Timestamp('2024-04-01 00:00:00'): 5.0}
    """
    series = _dated(monthly, "monthly", minimum=3)
    if not (series.index.day == 1).all():
        raise ValueError("monthly values must be dated on the first day of each month")
    expected = pd.date_range(series.index[0], series.index[-1], freq="MS")
    if len(expected) != len(series):
        missing = expected.difference(series.index)
        raise ValueError(f"monthly is missing {len(missing)} month(s), the first {missing[0]:%Y-%m-%d}")
    zone = series.index.tz
    # quarters are read on the local calendar; the time zone is put back on the result (pandas would drop it)
    quarters = (series.index.tz_localize(None) if zone is not None else series.index).to_period("Q")
    grouped = series.groupby(quarters)
    complete = grouped.count() == 3
    averages = grouped.mean()[complete]
    if averages.empty:
        raise ValueError("monthly covers no complete quarter")
    starts = averages.index.to_timestamp(how="start")
    averages.index = starts.tz_localize(zone) if zone is not None else starts
    return averages.rename(series.name)


def inflation_rate(price_index: pd.Series, *, periods: int) -> pd.Series:
    """Percent change of a price index over ``periods`` observations: ``100 * (P_t / P_{t-periods} - 1)``.

    Parameters
    ----------
    price_index : pandas.Series
        Positive index values, dated, more than ``periods`` of them.
    periods : int
        4 for a year of quarters, 12 for a year of months; 1 or more.

    Returns
    -------
    pandas.Series
        Percent, the first ``periods`` dates dropped.

    Raises
    ------
    ValueError
        On bad values or dates, ``periods`` not below the number of values, or ``periods`` that counts a year
        of another frequency than the dates' (4 on monthly data).

    Examples
    --------
    >>> prices = pd.Series([100.0, 101.0, 102.0, 103.0, 104.0], index=pd.date_range("2024-01-01", periods=5, freq="QS"))
    >>> inflation_rate(prices, periods=4).round(10).tolist()
    [4.0]
    """
    prices = validation.series(price_index, "price_index", minimum=2, sign="positive", what="price index values")
    periods = validation.whole_number(periods, "periods", minimum=1, maximum=len(prices) - 1)
    seen = validation.spacing(prices.index)
    year_counts = {per_year: label for label, _, per_year in validation.SPACINGS if per_year > 1}
    if seen is not None and periods in year_counts and year_counts[periods] != seen[0]:
        # 4 is a year of quarters: on monthly data it is four months, and the rate would not be annual
        fits = next(per_year for label, _, per_year in validation.SPACINGS if label == seen[0])
        raise ValueError(f"periods={periods} is a year of {year_counts[periods]} data, but price_index is dated "
                         f"{seen[0]}: use periods={fits} for a change over a year")
    return (100.0 * (prices / prices.shift(periods) - 1.0)).iloc[periods:].rename("inflation")


def align(series: Mapping[str, pd.Series]) -> pd.DataFrame:
    """Several quarterly series on their common quarters, as the columns of one DataFrame.

    Every series must be on the quarterly calendar without gaps; the result covers the
    quarters all of them share.

    Parameters
    ----------
    series : mapping of str to pandas.Series
        At least one named quarterly series.

    Returns
    -------
    pandas.DataFrame
        One column per series, on the quarters every series has.

    Raises
    ------
    ValueError
        If a series is off the quarterly calendar, has a gap, mixes time zones with another,
        or the series share no quarter.

    Examples
    --------
    >>> a = pd.Series([1.0, 2.0, 3.0], index=pd.date_range("2024-01-01", periods=3, freq="QS"))
    >>> b = pd.Series([5.0, 6.0], index=pd.date_range("2024-04-01", periods=2, freq="QS"))
    >>> align({"a": a, "b": b}).to_dict("list")
    {'a': [2.0, 3.0], 'b': [5.0, 6.0]}
    """
    if not isinstance(series, Mapping) or not series:
        raise ValueError("series must be a non-empty mapping of names to quarterly Series")
    checked = {name: _quarterly(values, str(name), minimum=1) for name, values in series.items()}
    names = list(checked)
    for other in names[1:]:
        validation.same_time_zone(checked[names[0]].index, checked[other].index, (str(names[0]), str(other)))
    frame = pd.concat(checked, axis=1, join="inner")
    if frame.empty:
        raise ValueError(f"the series {names} share no quarter")
    return frame


def _same_calendar(a: pd.Series, b: pd.Series, names: tuple[str, str]) -> tuple[pd.Series, pd.Series]:
    a, b = _dated(a, names[0], minimum=1), _dated(b, names[1], minimum=1)
    validation.same_time_zone(a.index, b.index, names)
    if not a.index.equals(b.index):
        raise ValueError(f"{names[0]} and {names[1]} are on different calendars "
                         f"({a.index[0]:%Y-%m-%d}..{a.index[-1]:%Y-%m-%d}, {len(a)} dates against "
                         f"{b.index[0]:%Y-%m-%d}..{b.index[-1]:%Y-%m-%d}, {len(b)}); put them on one with rates.align")
    return a, b


def real_rate(nominal: pd.Series, inflation: pd.Series) -> pd.Series:
    """The ex-post real rate: the nominal rate minus inflation over the past year, in percent.

    Parameters
    ----------
    nominal, inflation : pandas.Series
        Percent per year, on the same calendar.

    Returns
    -------
    pandas.Series
        Percent, on the dates both series have.

    Raises
    ------
    ValueError
        On bad values or dates, two different calendars, or inflation given as decimals (0.025 for 2.5%).

    Examples
    --------
    >>> q = pd.date_range("2024-01-01", periods=2, freq="QS")
    >>> real_rate(pd.Series([5.33, 5.33], index=q), pd.Series([2.9, 2.6], index=q)).round(10).tolist()
    [2.43, 2.73]
    """
    nominal, inflation = _same_calendar(nominal, inflation, ("nominal", "inflation"))
    validation.percent_rates(inflation.to_numpy(), "inflation")  # a decimal here would pass as near-zero inflation
    return (nominal - inflation).rename("real_rate")


def stance_gap(real: pd.Series, rstar: pd.Series) -> pd.Series:
    """The real policy rate minus r-star, in percentage points (positive: tighter than neutral).

    Parameters
    ----------
    real, rstar : pandas.Series
        Percent per year, on the same calendar.

    Returns
    -------
    pandas.Series
        Percentage points, on the dates both series have.

    Raises
    ------
    ValueError
        On bad values or dates, or two different calendars.

    Examples
    --------
    >>> q = pd.date_range("2024-01-01", periods=1, freq="QS")
    >>> stance_gap(pd.Series([2.43], index=q), pd.Series([1.3], index=q)).round(10).tolist()
    [1.13]
    """
    real, rstar = _same_calendar(real, rstar, ("real", "rstar"))
    return (real - rstar).rename("stance_gap")
