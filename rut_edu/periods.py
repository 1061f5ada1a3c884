"""Calendar periods: weeks ending Friday and calendar months, and the rule for a partial period.

Pure computation on pandas; the one home for resampling daily data into weeks or months.

**The partial-period rule.** Data rarely start on a Monday and end on a Friday. A period the
data cover only in part would pass for a whole one: a "week" of two days, a "month" whose last
close is the 23rd. So:

* a period's *end value* (the last close of a week or month) is kept only if the data reach the
  period's last weekday, so a partial last period is dropped; a partial first period still has a
  true end value and is kept;
* a period's *summary* (its high, low and close, as pivot points need) is kept only if the data
  also begin on or before the period's first weekday, so a partial first period is dropped too.

A period in the middle of the data is always whole. The rule reads weekdays, not exchange
sessions: when the edge day is a holiday (a Good Friday, a 1 January), the period is dropped,
the cautious reading. Both sides of a comparison (an index and a rate, two indexes) are cut by
the same rule, so their periods always line up.

**Labels.** A market period is labelled by its end (a week by its Friday, a month by its last day), the
day its last close was set. Macroeconomic averages are labelled the other way on purpose:
:func:`rut_edu.rates.quarterly_average` dates a quarter by its first day, as FRED and the New York Fed date
the quarterly series (r-star, GDP) it is set beside, so the rows meet without a shift.
"""

from __future__ import annotations

import dataclasses
import functools

import pandas as pd

from rut_edu import validation


@dataclasses.dataclass(frozen=True)
class Frequency:
    """A calendar period: its pandas codes, how many make a year, and what it means in words."""

    name: str
    period_code: str | None  # pandas period code; None for daily data, which are not grouped
    periods_per_year: int
    description: str


# One registry: each frequency's name and everything the package needs to know about it.
FREQUENCIES: dict[str, Frequency] = {
    "daily": Frequency("daily", None, validation.PERIODS_PER_YEAR["daily"], "trading days (about 252 a year)"),
    "weekly": Frequency("weekly", "W-FRI", validation.PERIODS_PER_YEAR["weekly"],
                        "weeks ending on Friday, labelled by their Friday"),
    "monthly": Frequency("monthly", "M", validation.PERIODS_PER_YEAR["monthly"],
                         "calendar months, labelled by their last day"),
}


def frequency(name: str) -> Frequency:
    """The :class:`Frequency` called ``name``.

    Parameters
    ----------
    name : str
        A key of :data:`FREQUENCIES`.

    Returns
    -------
    Frequency
        Its period code, periods a year and description.

    Raises
    ------
    ValueError
        On an unknown name.

    Examples
    --------
    >>> frequency("weekly").periods_per_year
    52
    """
    return FREQUENCIES[validation.choice(name, "frequency", tuple(FREQUENCIES))]


def _grouped(name: str, what: str) -> Frequency:
    chosen = frequency(name)
    if chosen.period_code is None:
        raise ValueError(f"{what} needs a weekly or monthly frequency, got {name!r}")
    return chosen


def _naive(index: pd.DatetimeIndex) -> pd.DatetimeIndex:
    # periods are read on the local calendar; a time zone is kept on the dates handed back
    return index.tz_localize(None) if index.tz is not None else index


def period_labels(index: pd.DatetimeIndex, *, frequency_name: str) -> pd.PeriodIndex:
    """The week or month each date belongs to.

    Parameters
    ----------
    index : pandas.DatetimeIndex
        Dates, oldest first, no repeats; a time zone is allowed (periods follow the local calendar).
    frequency_name : str
        ``"weekly"`` or ``"monthly"``.

    Returns
    -------
    pandas.PeriodIndex
        One period per date.

    Raises
    ------
    ValueError
        On dates that are not a sorted DatetimeIndex without repeats, or a daily or unknown frequency.

    Examples
    --------
    >>> days = pd.DatetimeIndex(["2024-01-04", "2024-01-05", "2024-01-08"])
    >>> [f"{p.end_time:%a %d %b}" for p in period_labels(days, frequency_name="weekly")]
    ['Fri 05 Jan', 'Fri 05 Jan', 'Fri 12 Jan']
    """
    if not isinstance(index, pd.DatetimeIndex):
        raise ValueError("the dates must be a pandas DatetimeIndex to be grouped into weeks or months")
    validation.dates(index, "dates")
    chosen = _grouped(frequency_name, "period_labels")
    return _naive(index).to_period(chosen.period_code)


def complete_periods(index: pd.DatetimeIndex, *, frequency_name: str, need_start: bool = True) -> pd.Series:
    """For each date, whether its period is whole in the data under the module's partial-period rule.

    Parameters
    ----------
    index : pandas.DatetimeIndex
        Dates, oldest first, no repeats, at least one.
    frequency_name : str
        ``"weekly"`` or ``"monthly"``.
    need_start : bool, default True
        True for a period's summary (the data must also reach the first period's first weekday);
        False for its end value (only the last period's end matters).

    Returns
    -------
    pandas.Series of bool
        On ``index``; False on the dates of a partial first or last period.

    Raises
    ------
    ValueError
        On bad dates, no dates, or a daily or unknown frequency.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-03", "2024-01-15")  # Wednesday to the next-but-one Monday
    >>> complete_periods(days, frequency_name="weekly").groupby(period_labels(days, frequency_name="weekly")).first().tolist()
    [False, True, False]
    """
    need_start = validation.flag(need_start, "need_start")
    labels = period_labels(index, frequency_name=frequency_name)
    if len(labels) == 0:
        raise ValueError("there are no dates to group into periods")
    weekday = pd.offsets.BDay()
    local = _naive(index)
    first_edge = weekday.rollforward(labels[0].start_time.normalize())
    last_edge = weekday.rollback(labels[-1].end_time.normalize())
    keep = pd.Series(True, index=index)
    if need_start and local[0].normalize() > first_edge:
        keep[labels == labels[0]] = False
    if local[-1].normalize() < last_edge:
        keep[labels == labels[-1]] = False
    return keep.rename("complete_period")


def period_end_values(values: pd.Series, *, frequency_name: str) -> pd.Series:
    """The last value of each week or month whose end the data reach (a partial last period is dropped).

    Parameters
    ----------
    values : pandas.Series
        Finite dated values (levels or rates), oldest first, no repeated dates.
    frequency_name : str
        ``"daily"`` (the values come back unchanged), ``"weekly"`` or ``"monthly"``.

    Returns
    -------
    pandas.Series
        Dated on each period's last day (a Friday, or the month's last day), in the input's time
        zone, with the input's name.

    Raises
    ------
    ValueError
        On bad values or dates, an unknown frequency, or data that hold no whole period.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-03", periods=10)  # Wednesday 3 to Tuesday 16 January
    >>> period_end_values(pd.Series(range(10), index=days, dtype=float), frequency_name="weekly").to_dict()
    {Timestamp('2024-01-05 00:00:00'): 2.0, Timestamp('2024-01-12 00:00:00'): 7.0}
    """
    chosen = frequency(frequency_name)
    series = validation.series(values, "values")
    if chosen.period_code is None:
        return series
    whole = series[complete_periods(series.index, frequency_name=chosen.name, need_start=False).to_numpy()]
    if whole.empty:
        raise ValueError(f"the data ({series.index[0]:%Y-%m-%d} to {series.index[-1]:%Y-%m-%d}) hold no whole "
                         f"{chosen.name} period: {chosen.description}")
    labels = period_labels(whole.index, frequency_name=chosen.name)
    ends = whole.groupby(labels).last()
    dates = pd.DatetimeIndex(ends.index.to_timestamp(how="end").normalize(), name=series.index.name)
    ends.index = dates.tz_localize(series.index.tz) if series.index.tz is not None else dates
    return ends


# ---------------------------------------------------------------- the exchange calendar
# Years the course's calendar covers (reconstitution dates and expiries are computed inside them).
CALENDAR_YEARS = (1990, 2035)


@functools.lru_cache(maxsize=1)
def nyse_sessions() -> pd.DatetimeIndex:
    """NYSE trading sessions from the maintained ``exchange_calendars`` library (loaded once, on first use).

    The one exchange calendar of the course: reconstitution dates and futures expiries both read it.

    Returns
    -------
    pandas.DatetimeIndex
        Every session from the start of ``CALENDAR_YEARS[0]`` to the end of ``CALENDAR_YEARS[1]``, time-zone-naive.

    Examples
    --------
    >>> sessions = nyse_sessions()
    >>> pd.Timestamp("2026-07-03") in sessions, pd.Timestamp("2026-07-06") in sessions  # Independence Day, observed
    (False, True)
    """
    import warnings

    import exchange_calendars

    first, last = CALENDAR_YEARS
    with warnings.catch_warnings():
        # exchange_calendars 4.13 calls an accessor pandas 3.1 deprecates; the sessions are unaffected.
        warnings.filterwarnings("ignore", message="Series.values returning an ndarray", category=FutureWarning)
        warnings.filterwarnings("ignore", message="Series.values returning an ndarray", category=DeprecationWarning)
        calendar = exchange_calendars.get_calendar("XNYS", start=f"{first}-01-01", end=f"{last}-12-31")
    return pd.DatetimeIndex(calendar.sessions.tz_localize(None) if calendar.sessions.tz else calendar.sessions)
