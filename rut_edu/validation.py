"""Input checks shared by every pure module: one place that says what bad input is.

Each check takes the value and the name to use in the message, and returns the
cleaned value (a float array, a Series, an int) or raises ``ValueError`` naming
the problem. The checks look at the value only, never at the argument's name,
so two functions that take "a series of returns" reject the same things.

Bad input, for this course: NaN and infinite numbers; dates that repeat, run
backwards or mix time zones; empty or too-short data; a divisor that does not
vary (near-zero variance); windows, counts and thresholds out of range; a float
where a whole number is meant; a bool where a number is meant.
"""

from __future__ import annotations

import datetime
import numbers
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

# A standard deviation below this, relative to the size of the values, is rounding noise,
# not variation: dividing by it gives numbers like a t-statistic of 3e16 (a real case: the
# daily risk-free rate over a month in which it did not change).
RELATIVE_VARIATION_FLOOR = 1e-10

# How often dated data are observed, from the median gap between dates in calendar days: each class and the
# widest median gap it allows, with the periods per year that class annualises by. One table, so that a
# frequency named by the caller and the spacing of the dates are judged by the same rule.
SPACINGS: tuple[tuple[str, float, int], ...] = (
    ("daily", 4.5, 252), ("weekly", 10.0, 52), ("monthly", 45.0, 12), ("quarterly", 120.0, 4),
    ("semiannual", 250.0, 2), ("annual", float("inf"), 1),
)

PERIODS_PER_YEAR: dict[str, int] = {label: per_year for label, _, per_year in SPACINGS}
"""Periods in a year by name, the one table the package annualises by (read from :data:`SPACINGS`)."""

# A series of decimal returns whose typical move, scaled to a year (median absolute return times the square
# root of periods per year), is above this is almost surely in percent. 3 is a typical move of 300% a year: a
# stock with a volatility of 150% a year scores about 1, the index about 0.1, while the index's daily returns
# in percent score about 10 and a calm half-year's about 4.
PERCENT_LIKE_ANNUAL_MOVE = 3.0


class WrongKindError(TypeError, ValueError):
    """An argument of the wrong kind: text for a number, a float for a count, a list where a Series is needed.

    A ``TypeError``, as Python and scikit-learn raise for a wrong kind of argument, and a ``ValueError`` as well,
    so code written to catch the package's ``ValueError`` for every bad input keeps catching it.

    Examples
    --------
    >>> issubclass(WrongKindError, TypeError) and issubclass(WrongKindError, ValueError)
    True
    """


def flag(value, name: str) -> bool:
    """``value`` if it is True or False (a numpy bool too); 1, 0, "yes" and None are refused, not read as flags.

    Parameters
    ----------
    value : bool
        The value to check.
    name : str
        What the value is called in the caller's message (the argument's name).

    Returns
    -------
    bool
        The value as a Python bool.

    Raises
    ------
    WrongKindError
        For anything but True or False: a number or text would pass silently as truthy or falsy.

    Examples
    --------
    >>> flag(True, "range_filter")
    True
    """
    if not isinstance(value, (bool, np.bool_)):
        raise WrongKindError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def whole_number(value, name: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """``value`` as an int, if it is an integer (not a bool, not a float such as 2.5 or 20.0) within the bounds.

    Parameters
    ----------
    value : int
        The value to check.
    name : str
        What the value is called in the caller's message (the argument's name).
    minimum, maximum : int, optional
        Inclusive bounds.

    Returns
    -------
    int
        The value as an int.

    Raises
    ------
    WrongKindError
        For a bool, a float (even 20.0), text or None: not a whole number.
    ValueError
        For a whole number outside the bounds.

    Examples
    --------
    >>> whole_number(20, "window", minimum=2)
    20
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise WrongKindError(f"{name} must be a whole number (an int), got {value!r}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {value}")
    return value


def real_number(value, name: str, *, low: float | None = None, high: float | None = None,
                low_open: bool = False, high_open: bool = False, hint: str = "") -> float:
    """``value`` as a finite float within ``[low, high]`` (an open end with ``low_open``/``high_open``).

    Parameters
    ----------
    value : float
        The value to check.
    name : str
        What the value is called in the caller's message (the argument's name).
    low, high : float, optional
        Bounds, inclusive unless ``low_open`` or ``high_open``.
    low_open, high_open : bool
        Exclude the bound itself.
    hint : str, optional
        The likely mistake behind a value out of range, added to the message ("days? divide by 365").

    Returns
    -------
    float
        The value as a float.

    Raises
    ------
    WrongKindError
        For a bool, text or None: not a number.
    ValueError
        For NaN, an infinite number, or a number outside the bounds.

    Examples
    --------
    >>> real_number(0.5, "float factor", low=0, high=1, low_open=True)
    0.5
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise WrongKindError(f"{name} must be a number, got {value!r}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    note = f" ({hint})" if hint else ""
    if low is not None and (value < low or (low_open and value == low)):
        raise ValueError(f"{name} must be {'above' if low_open else 'at least'} {low}, got {value}{note}")
    if high is not None and (value > high or (high_open and value == high)):
        raise ValueError(f"{name} must be {'below' if high_open else 'at most'} {high}, got {value}{note}")
    return value


def choice(value, name: str, allowed: Sequence[str]) -> str:
    """``value`` if it is one of ``allowed``, matched in any case ("Weekly" gives "weekly").

    Parameters
    ----------
    value : str
        The value to check.
    name : str
        What the value is called in the caller's message (the argument's name).
    allowed : sequence of str
        The accepted values.

    Returns
    -------
    str
        The value, spelled as ``allowed`` spells it.

    Raises
    ------
    WrongKindError
        For anything but text (a number, None).
    ValueError
        For text not in ``allowed``; the message lists them.

    Examples
    --------
    >>> choice("Weekly", "frequency", ("daily", "weekly", "monthly"))
    'weekly'
    """
    if isinstance(value, str) and value not in allowed:
        # "Weekly" or "CLASSIC" for "weekly" and "classic": any case is read as the one name it spells
        folded = [option for option in allowed if option.casefold() == value.strip().casefold()]
        if len(folded) == 1:
            return folded[0]
    if not isinstance(value, str):
        raise WrongKindError(f"{name} must be one of {list(allowed)}, got {value!r}")
    if value not in allowed:
        raise ValueError(f"{name} must be one of {list(allowed)}, got {value!r}")
    return value


def date(value, name: str) -> pd.Timestamp:
    """``value`` as a Timestamp, if it is a date: an ISO 8601 string such as ``"2020-03-31"``, a date or a datetime64.

    Parameters
    ----------
    value : str, date or numpy.datetime64
        The value to check.
    name : str
        What the value is called in the caller's message (the argument's name).

    Returns
    -------
    pandas.Timestamp
        The date, time-zone-naive unless the value carried a zone.

    Raises
    ------
    WrongKindError
        For a number, a bool or None: not a date.
    ValueError
        For text that is not a date written year first (ISO 8601): "01/12/2026" is refused, since it reads as
        1 December or 12 January depending on the country.

    Examples
    --------
    >>> date("2020-03-31", "start")
    Timestamp('2020-03-31 00:00:00')
    """
    if not isinstance(value, (str, datetime.date, np.datetime64)):
        raise WrongKindError(f"{name} must be a date (a string such as '2020-03-31' or a timestamp), got {value!r}")
    if isinstance(value, str):
        # only ISO 8601 (year first) is read: "01/12/2026" is 1 December in most of the world and 12 January
        # in the US, and guessing either silently is the error this check exists to stop
        try:
            pd.to_datetime(value, format="ISO8601")
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be written year first, as ISO 8601 ('2026-12-01'), got {value!r}"
                             f"{_looks_like(value)}") from None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} is not a date: {value!r} ({exc})") from None
    if pd.isna(stamp):
        raise ValueError(f"{name} is not a date: {value!r}")
    return stamp


def finite_values(values, name: str, *, minimum: int = 1, sign: str = "any") -> np.ndarray:
    """A one-dimensional float array with at least ``minimum`` finite values.

    ``sign`` is ``"any"``, ``"positive"`` (every value > 0) or ``"non-negative"``.

    Parameters
    ----------
    values : array-like
        One-dimensional numbers.
    name : str
        What the value is called in the caller's message (the argument's name).
    minimum : int, default 1
        The fewest values accepted.
    sign : {"any", "positive", "non-negative"}
        What sign every value must have.

    Returns
    -------
    numpy.ndarray
        The values as floats.

    Raises
    ------
    WrongKindError
        For text, a single number, True/False flags, or items that are not numbers.
    ValueError
        For more than one dimension, too few values, NaN or infinite values, or a wrong sign.

    Examples
    --------
    >>> finite_values([1, 2.5], "prices", sign="positive").tolist()
    [1.0, 2.5]
    """
    if isinstance(values, (str, bytes)) or np.isscalar(values):
        raise WrongKindError(f"{name} must be a sequence of numbers, got {type(values).__name__}")
    if np.asarray(values).dtype == bool:
        # True/False read as 1/0 would pass as returns of 100% and 0%, or as prices of 1 and 0
        raise WrongKindError(f"{name} holds True/False, not numbers; pass the numbers the flags were made from")
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise WrongKindError(f"{name} must be numbers: {exc}") from None
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if arr.size < minimum:
        what = "is empty" if arr.size == 0 else f"has {arr.size} value(s)"
        raise ValueError(f"{name} {what}; at least {minimum} are needed")
    if not np.all(np.isfinite(arr)):
        nan, inf = int(np.isnan(arr).sum()), int(np.isinf(arr).sum())
        raise ValueError(f"{name} has {nan} missing (NaN) and {inf} infinite value(s)")
    if sign == "positive" and np.any(arr <= 0):
        raise ValueError(f"{name} must be positive; {int(np.sum(arr <= 0))} value(s) are zero or negative")
    if sign == "non-negative" and np.any(arr < 0):
        raise ValueError(f"{name} cannot be negative; {int(np.sum(arr < 0))} value(s) are")
    return arr


_DAY_MONTH_TEXT = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\s*$")


def _looks_like(text: str) -> str:
    """A hint naming the layout of a date written day or month first, or nothing."""
    match = _DAY_MONTH_TEXT.match(text)
    if not match:
        return ""
    first, second = int(match.group(1)), int(match.group(2))
    year = "%Y" if len(match.group(3)) == 4 else "%y"
    day_first, month_first = f"'%d/%m/{year}'", f"'%m/%d/{year}'"
    if first > 12:
        return f"; it looks day first: parse it with pd.to_datetime(..., format={day_first})"
    if second > 12:
        return f"; it looks month first: parse it with pd.to_datetime(..., format={month_first})"
    return (f"; day first and month first cannot be told apart here: parse it with pd.to_datetime(..., "
            f"format={day_first}) or format={month_first}, whichever its source uses")


def _dates_as_text(index: pd.Index) -> bool:
    """Whether an index holds dates written as text ("2024-01-02", "02/01/2024"), as a CSV read without
    parsing gives."""
    if len(index) == 0 or not (index.dtype == object or pd.api.types.is_string_dtype(index.dtype)):
        return False
    sample = index[:20]
    if not all(isinstance(value, str) for value in sample):
        return False
    if not any(value[:1].isdigit() for value in sample):
        return False  # a date in digits starts with one: names ("A", "Apple") need no parse attempt
    if all(_DAY_MONTH_TEXT.match(value) for value in sample):
        return True
    try:
        pd.to_datetime(sample, format="ISO8601")
    except (TypeError, ValueError):
        return False
    return True


def dates(index: pd.Index, name: str) -> None:
    """A date index must not repeat a date or run backwards, and dates written as text are refused.

    Text dates cannot be checked for order or repeats (as text, "2024-10-01" sorts before
    "2024-9-30"), so they are refused with the conversion to use rather than silently accepted.

    Parameters
    ----------
    index : pandas.Index
        The dates (or other labels, which pass unchecked unless they are dates written as text).
    name : str
        What the value is called in the caller's message (the argument's name).

    Raises
    ------
    ValueError
        For repeated dates, dates out of order, or dates written as text.

    Examples
    --------
    >>> dates(pd.DatetimeIndex(["2024-01-02", "2024-01-03"]), "levels")  # in order: nothing to say
    """
    if not isinstance(index, pd.DatetimeIndex):
        if _dates_as_text(index):
            hint = _looks_like(index[0]) or ("; convert them first, for example "
                                             "series.index = pd.to_datetime(series.index, format='ISO8601')")
            raise ValueError(f"{name} is indexed by dates written as text (the first is {index[0]!r}), which "
                             f"sort as text, not as dates{hint}")
        return
    if index.has_duplicates:
        repeated = index[index.duplicated()].unique()
        raise ValueError(f"{name} has {len(repeated)} duplicated date(s), the first {repeated[0]:%Y-%m-%d}; "
                         "keep one value per date")
    if not index.is_monotonic_increasing:
        raise ValueError(f"{name} must be sorted by date (oldest first)")


def series(values, name: str, *, minimum: int = 1, sign: str = "any", what: str = "numbers") -> pd.Series:
    """A float Series of finite values whose dates (if any) are unique and sorted.

    Parameters
    ----------
    values : pandas.Series
        The numbers, on their index (dates or labels).
    name : str
        What the value is called in the caller's message (the argument's name).
    minimum : int, default 1
        The fewest values accepted.
    sign : {"any", "positive", "non-negative"}
        What sign every value must have.
    what : str, default "numbers"
        What the values are, for the messages.

    Returns
    -------
    pandas.Series
        Floats, on the original index.

    Raises
    ------
    WrongKindError
        For anything but a pandas Series, or items that are not numbers.
    ValueError
        As :func:`finite_values` and :func:`dates`.

    Examples
    --------
    >>> series(pd.Series([1, 2], index=pd.DatetimeIndex(["2024-01-02", "2024-01-03"])), "levels").tolist()
    [1.0, 2.0]
    """
    if not isinstance(values, pd.Series):
        raise WrongKindError(f"{name} must be a pandas Series of {what}, got {type(values).__name__}")
    arr = finite_values(values.to_numpy(), name, minimum=minimum, sign=sign)
    dates(values.index, name)
    return pd.Series(arr, index=values.index, name=values.name)


def spacing(index: pd.Index) -> tuple[str, float] | None:
    """How often dated data are observed: the class in :data:`SPACINGS` and the median gap in days.

    Parameters
    ----------
    index : pandas.Index
        The dates; anything but a DatetimeIndex of three or more dates has no spacing to read.

    Returns
    -------
    tuple of (str, float) or None
        ``("daily", 1.0)`` and the like, or None when there is nothing to read.

    Examples
    --------
    >>> spacing(pd.bdate_range("2024-01-01", periods=10))
    ('daily', 1.0)
    >>> spacing(pd.date_range("2024-01-31", periods=6, freq="ME"))
    ('monthly', 30.0)
    """
    if not isinstance(index, pd.DatetimeIndex) or len(index) < 3:
        return None
    gaps = (index[1:] - index[:-1]).total_seconds().to_numpy() / 86_400
    gap = float(np.median(gaps))
    return next(name for name, widest, _ in SPACINGS if gap <= widest), gap


def spacing_of_periods(periods_per_year: float) -> str:
    """The class in :data:`SPACINGS` a number of periods a year stands for: the nearest on a log scale.

    Parameters
    ----------
    periods_per_year : float
        Above zero (252, 260 and 365 all stand for daily data).

    Returns
    -------
    str
        A label of :data:`SPACINGS`: ``daily``, ``weekly``, ``monthly`` and so on.

    Examples
    --------
    >>> spacing_of_periods(365), spacing_of_periods(12)
    ('daily', 'monthly')
    """
    periods_per_year = real_number(periods_per_year, "periods_per_year", low=0.0, low_open=True)
    return min(SPACINGS, key=lambda row: abs(np.log(row[2] / periods_per_year)))[0]


def frequency_agrees(index: pd.Index, periods_per_year: float, name: str) -> None:
    """Refuse a frequency the dates contradict: daily data annualised as monthly, and the like.

    Parameters
    ----------
    index : pandas.Index
        The data's dates (other labels, or fewer than three dates, pass: there is nothing to compare).
    periods_per_year : float
        The periods a year the caller names.
    name : str
        What the data are called in the caller's message.

    Raises
    ------
    ValueError
        When the spacing of the dates and ``periods_per_year`` name different classes; the message gives both
        and the number that fits the dates.

    Examples
    --------
    >>> frequency_agrees(pd.bdate_range("2024-01-01", periods=10), 252, "returns")  # daily and daily
    """
    seen = spacing(index)
    if seen is None:
        return
    observed, gap = seen
    named = spacing_of_periods(periods_per_year)
    if named != observed:
        fits = next(per_year for label, _, per_year in SPACINGS if label == observed)
        raise ValueError(f"{name} are dated {observed} (a median gap of {gap:g} days), but {periods_per_year:g} "
                         f"periods a year means {named} data; use {fits} (or '{observed}'), or resample the "
                         "data to the frequency you mean")


def not_percent(values: np.ndarray, name: str, periods_per_year: float) -> None:
    """Refuse decimal returns or rates that are in percent: 1.2 for a daily move of 1.2%.

    The test scales the typical move to a year (median absolute value times the square root of
    ``periods_per_year``) and refuses anything above :data:`PERCENT_LIKE_ANNUAL_MOVE` (300% a year).

    Parameters
    ----------
    values : numpy.ndarray
        The returns, meant as decimals.
    name : str
        What the values are called in the caller's message.
    periods_per_year : float
        How many of these periods make a year.

    Raises
    ------
    ValueError
        For values that look like percent; the message says to divide by 100.

    Examples
    --------
    >>> not_percent(np.array([0.012, -0.008, 0.004]), "returns", 252)  # decimals: nothing to say
    """
    typical = float(np.median(np.abs(np.asarray(values, dtype=float))))
    if typical * np.sqrt(periods_per_year) > PERCENT_LIKE_ANNUAL_MOVE:
        raise ValueError(f"{name} looks like percent, not decimals: read as decimals, its typical move of "
                         f"{typical:.3g} a period is {typical:.0%}, about {typical * np.sqrt(periods_per_year):.0%} "
                         "a year; divide by 100 (0.01 is 1%)")


# Inflation in percent moves around 2; in decimals around 0.02. Below this median size, and never reaching
# RATE_DECIMAL_CEILING, an inflation series is in decimals (US inflation, CPI or PCE, has not spent a year
# below 0.2% since the 1950s). Nominal rates are not judged by it: the funds rate sat near 0.1% for years.
DECIMAL_RATE_MEDIAN = 0.2
RATE_DECIMAL_CEILING = 0.3


def percent_rates(values, name: str) -> None:
    """Refuse an inflation rate given as a decimal (0.025) where the course's rates are percent (2.5).

    Parameters
    ----------
    values : float or array-like
        Inflation rates, meant in percent.
    name : str
        What the values are called in the caller's message.

    Raises
    ------
    ValueError
        When every value is below :data:`RATE_DECIMAL_CEILING` in size, the median below
        :data:`DECIMAL_RATE_MEDIAN`, and not all are zero.

    Examples
    --------
    >>> percent_rates([2.1, 2.5, 3.0], "inflation")  # percent: nothing to say
    """
    sizes = np.abs(np.atleast_1d(np.asarray(values, dtype=float)))
    if sizes.size and sizes.max() > 0 and sizes.max() < RATE_DECIMAL_CEILING and np.median(sizes) < DECIMAL_RATE_MEDIAN:
        raise ValueError(f"{name}: values up to {sizes.max():.3g} look like decimals, but the course's rates are "
                         "in percent per year: multiply by 100 (2.5 for 2.5%)")


def decimal_returns(values: np.ndarray, index: pd.Index | None, name: str, *,
                    periods_per_year: float | None = None) -> None:
    """:func:`not_percent` at the scale the caller names, or else the one the dates show (else a year).

    Parameters
    ----------
    values : numpy.ndarray
        Returns meant as decimals.
    index : pandas.Index or None
        Their dates, if any.
    name : str
        What the values are called in the caller's message.
    periods_per_year : float, optional
        The frequency the caller names.

    Raises
    ------
    ValueError
        For returns that look like percent. A series with no loss in it is left to the levels check: levels
        are never negative.

    Examples
    --------
    >>> decimal_returns(np.array([0.01, -0.02, 0.005]), None, "returns")  # decimals: nothing to say
    """
    values = np.asarray(values, dtype=float)
    if values.size == 0 or values.min() >= 0:
        return
    if periods_per_year is None:
        seen = spacing(index) if index is not None else None
        periods_per_year = 1.0 if seen is None else next(n for label, _, n in SPACINGS if label == seen[0])
    not_percent(values, name, periods_per_year)


def returns(values, name: str, *, minimum: int = 1, periods_per_year: float | None = None) -> pd.Series:
    """:func:`series` for period returns as decimals, dated as often as the caller says.

    No return of -100% or worse, no price levels, no percent.

    A return of -100% wipes the asset out and anything below it is impossible for a price; a
    series whose typical size is above 100% is almost surely levels passed by mistake, and one whose typical
    move scaled to a year is above 300% is almost surely in percent (:func:`not_percent`). When
    ``periods_per_year`` is given, dates whose spacing says otherwise are refused
    (:func:`frequency_agrees`); when it is not, the dates' spacing sets the scale for the percent test.

    Parameters
    ----------
    values : pandas.Series
        Period returns as decimals (0.01 for 1%).
    name : str
        What the value is called in the caller's message (the argument's name).
    minimum : int, default 1
        The fewest returns accepted.
    periods_per_year : float, optional
        The frequency the caller means, in periods a year.

    Returns
    -------
    pandas.Series
        The returns as floats, on their dates.

    Raises
    ------
    ValueError
        As :func:`series`, and for a return of -100% or worse, values that look like price levels or percent,
        or dates spaced unlike ``periods_per_year``.

    Examples
    --------
    >>> returns(pd.Series([0.01, -0.02]), "returns").tolist()
    [0.01, -0.02]
    """
    checked = series(values, name, minimum=minimum, what="returns")
    if periods_per_year is not None:
        frequency_agrees(checked.index, periods_per_year, name)
    arr = checked.to_numpy()
    decimal_returns(arr, checked.index, name, periods_per_year=periods_per_year)
    not_price_levels(arr, name)
    worst = float(arr.min())
    if worst <= -1:
        raise ValueError(f"{name} has a return of {worst:.1%}; a price series cannot fall 100% or more")
    return checked


def not_price_levels(values: np.ndarray, name: str) -> None:
    """Refuse returns whose typical size is above 100%: almost surely price levels passed by mistake.

    Parameters
    ----------
    values : numpy.ndarray
        Returns as decimals.
    name : str
        What the value is called in the caller's message (the argument's name).

    Raises
    ------
    ValueError
        When the median absolute value is above 1.

    Examples
    --------
    >>> not_price_levels(np.array([0.01, -0.02, 1.5]), "returns")  # one big return is fine
    """
    typical = float(np.median(np.abs(np.asarray(values, dtype=float))))
    if typical > 1:
        raise ValueError(f"{name} looks like price levels, not returns (its median size is {typical:,.4g}); "
                         "pass returns as decimals, for example risk.simple_returns(levels)")


def same_time_zone(first: pd.Index, second: pd.Index, names: tuple[str, str]) -> None:
    """Two date indexes must both be time-zone-naive or both carry the same time zone.

    Parameters
    ----------
    first, second : pandas.Index
        Two date indexes (anything else passes).
    names : tuple of str
        What the two are called in the message.

    Raises
    ------
    ValueError
        When one is time-zone-aware and the other naive, or their zones differ.

    Examples
    --------
    >>> naive = pd.DatetimeIndex(["2024-01-02"])
    >>> same_time_zone(naive, naive, ("asset", "market"))
    """
    if not (isinstance(first, pd.DatetimeIndex) and isinstance(second, pd.DatetimeIndex)):
        return
    zones = [str(index.tz) if index.tz is not None else "time-zone-naive" for index in (first, second)]
    if zones[0] != zones[1]:
        raise ValueError(f"{names[0]} dates are {zones[0]} but {names[1]} dates are {zones[1]}; "
                         "convert both to one convention first")


def varies(values: np.ndarray | pd.Series, name: str) -> None:
    """Reject values whose standard deviation is zero or rounding noise (it would be divided by).

    Parameters
    ----------
    values : numpy.ndarray or pandas.Series
        The numbers that will be divided by their spread.
    name : str
        What the value is called in the caller's message (the argument's name).

    Raises
    ------
    ValueError
        When the standard deviation is zero or below :data:`RELATIVE_VARIATION_FLOOR` times the largest value.

    Examples
    --------
    >>> varies(np.array([0.01, 0.02, -0.01]), "the market returns")
    """
    arr = np.asarray(values, dtype=float)
    spread = float(np.std(arr))
    scale = max(float(np.max(np.abs(arr))), np.finfo(float).tiny)
    if spread <= RELATIVE_VARIATION_FLOOR * scale:
        raise ValueError(f"{name} does not vary (standard deviation {spread:.3g}): "
                         "a statistic that divides by its variance is undefined")


def varies_in_every_window(values: pd.Series, window: int, name: str) -> None:
    """:func:`varies` for every full trailing window of ``window`` values (for rolling statistics).

    Parameters
    ----------
    values : pandas.Series
        The numbers, oldest first.
    window : int
        The window length.
    name : str
        What the value is called in the caller's message (the argument's name).

    Raises
    ------
    ValueError
        Naming the last day of the first window that does not vary.

    Examples
    --------
    >>> varies_in_every_window(pd.Series([0.01, 0.02, -0.01, 0.03]), 3, "the market returns")
    """
    spread = values.rolling(window).std(ddof=0).iloc[window - 1:]
    scale = values.abs().rolling(window).max().iloc[window - 1:].clip(lower=np.finfo(float).tiny)
    flat = spread <= RELATIVE_VARIATION_FLOOR * scale
    if flat.any():
        raise ValueError(f"{name} does not vary in the window ending {flat.idxmax()}: "
                         "the rolling statistic is undefined there")
