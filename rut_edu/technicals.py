"""Technical indicators: true range and ATR, support and resistance, pivots, momentum, and range detection.

Pure computation (no matplotlib, no ipywidgets). Conventions:

* price data are a DataFrame with columns ``open``, ``high``, ``low``, ``close`` (index points),
  one row per trading day, dated, oldest first;
* every value dated ``t`` uses only bars up to and including ``t``; levels meant for trading on
  day ``t`` (pivots, rolling support and resistance) use only bars before ``t``;
* names and definitions follow TA-Lib where it has the indicator (MOM, ROC, ROCP, ROCR, ATR,
  +DI, -DI, ADX, with Wilder's smoothing and TA-Lib's seeding), so results can be checked
  against it; windows count bars.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np
import pandas as pd

from rut_edu import periods, validation

OHLC = ("open", "high", "low", "close")


# ---------------------------------------------------------------------------------------------- input
def ohlc_frame(bars: pd.DataFrame, *, minimum: int = 2) -> pd.DataFrame:
    """``bars`` checked as daily price bars: the four columns, finite and positive, high and low consistent.

    Parameters
    ----------
    bars : pandas.DataFrame
        Columns ``open``, ``high``, ``low``, ``close`` (others are ignored), dated, oldest first.
    minimum : int, default 2
        The fewest bars accepted.

    Returns
    -------
    pandas.DataFrame
        The four columns as floats.

    Raises
    ------
    ValueError
        On a missing column, NaN, infinite or non-positive prices, a high below the low (or below the
        open or close), a low above the open or close, repeated or unsorted dates, too few bars, or dates
        spaced weekly or wider (the windows count days).

    Examples
    --------
    >>> bars = pd.DataFrame({"open": [10.0], "high": [9.0], "low": [8.0], "close": [8.5]})
    >>> ohlc_frame(bars, minimum=1)
    Traceback (most recent call last):
    ...
    ValueError: bars has 1 bar(s) whose high is below the open or the close, the first at row 0
    """
    if not isinstance(bars, pd.DataFrame):
        raise validation.WrongKindError(f"bars must be a DataFrame with columns {list(OHLC)}, got {type(bars).__name__}")
    minimum = validation.whole_number(minimum, "minimum", minimum=1)
    missing = [c for c in OHLC if c not in bars.columns]
    if missing:
        raise ValueError(f"bars lacks the column(s) {missing}")
    checked = {c: validation.series(bars[c], f"bars[{c!r}]", minimum=minimum, sign="positive", what="prices")
               for c in OHLC}
    frame = pd.DataFrame(checked)
    o, h, l, c = (frame[k].to_numpy() for k in OHLC)
    problems = [("high is below the low", h < l),
                ("high is below the open or the close", h < np.maximum(o, c)),
                ("low is above the open or the close", l > np.minimum(o, c))]
    for what, bad in problems:
        if bad.any():
            first = frame.index[int(np.argmax(bad))]
            where = f"{first:%Y-%m-%d}" if isinstance(first, pd.Timestamp) else f"row {first}"
            raise ValueError(f"bars has {int(bad.sum())} bar(s) whose {what}, the first at {where}")
    seen = validation.spacing(frame.index)
    if seen is not None and seen[0] != "daily":
        # windows here count days (a 14-day ATR, a 20-day range, features named for days): weekly bars would
        # silently turn each into weeks
        raise ValueError(f"bars must be daily, and these are {seen[0]} (a median gap of {seen[1]:g} days); the "
                         "windows here count trading days: pass daily bars (pivot_levels groups them by week or "
                         "month itself)")
    return frame


def _window(window, name: str, available: int, minimum: int = 2) -> int:
    window = validation.whole_number(window, name, minimum=minimum)
    if window >= available:
        raise ValueError(f"{name} = {window} needs more than {window} bars; the data have {available}")
    return window


# ---------------------------------------------------------------------------------------------- ranges
def true_range(bars: pd.DataFrame) -> pd.Series:
    """Wilder's true range: the largest of high - low, |high - previous close| and |low - previous close|.

    The first bar has no previous close and is dropped (as TA-Lib's TRANGE does).

    Parameters
    ----------
    bars : pandas.DataFrame
        Price bars (see :func:`ohlc_frame`), at least two.

    Returns
    -------
    pandas.Series
        Points, from the second bar on.

    Raises
    ------
    ValueError
        On bad bars.

    Examples
    --------
    >>> bars = pd.DataFrame({"open": [10, 12], "high": [11, 13], "low": [9, 11.5], "close": [10, 12.5]})
    >>> true_range(bars).tolist()  # the gap up from 10 to a high of 13 counts: 3
    [3.0]
    """
    frame = ohlc_frame(bars)
    previous = frame["close"].shift(1)
    ranges = pd.concat([frame["high"] - frame["low"], (frame["high"] - previous).abs(),
                        (frame["low"] - previous).abs()], axis=1).max(axis=1)
    return ranges.iloc[1:].rename("true_range")


def _wilder_average(values: np.ndarray, window: int) -> np.ndarray:
    # Wilder's average: seed with the mean of the first `window` values, then a_t = (a_{t-1}(n - 1) + x_t) / n.
    out = np.empty(len(values) - window + 1)
    out[0] = values[:window].mean()
    for i in range(1, len(out)):
        out[i] = (out[i - 1] * (window - 1) + values[window - 1 + i]) / window
    return out


def atr(bars: pd.DataFrame, *, window: int = 14) -> pd.Series:
    """The average true range: Wilder's average of the true range over ``window`` bars.

    Seeded as TA-Lib seeds it: the first value, on bar ``window``, is the plain mean of the true
    ranges of bars 1 to ``window``.

    Parameters
    ----------
    bars : pandas.DataFrame
        Price bars, more than ``window``.
    window : int, default 14
        2 or more.

    Returns
    -------
    pandas.Series
        Points, from bar ``window`` on.

    Raises
    ------
    ValueError
        On bad bars or a window out of range.

    Examples
    --------
    >>> closes = [10.0, 10, 12, 11]
    >>> bars = pd.DataFrame({"open": closes, "high": [11.0, 12, 13, 12], "low": [9.0, 10, 11, 10], "close": closes})
    >>> atr(bars, window=2).tolist()  # true ranges 2, 3, 2: mean(2, 3) = 2.5, then (2.5 + 2) / 2
    [2.5, 2.25]
    """
    frame = ohlc_frame(bars)
    window = _window(window, "window", len(frame))
    ranges = true_range(frame)
    return pd.Series(_wilder_average(ranges.to_numpy(), window), index=frame.index[window:], name="atr")


def _wilder_sum(values: np.ndarray, window: int) -> np.ndarray:
    # TA-Lib's running sum for the directional indicators: seed with the sum of the first window - 1
    # values, then s_t = s_{t-1} - s_{t-1} / n + x_t.
    out = np.empty(len(values) - window + 2)
    out[0] = values[:window - 1].sum()
    for i in range(1, len(out)):
        out[i] = out[i - 1] - out[i - 1] / window + values[window - 2 + i]
    return out[1:]


def directional_movement(bars: pd.DataFrame, *, window: int = 14) -> pd.DataFrame:
    """Wilder's directional system: +DI, -DI, DX and ADX, as TA-Lib computes them.

    +DM is today's high minus yesterday's, -DM yesterday's low minus today's; each counts only
    when it is positive and the larger of the two. Smoothed over ``window`` bars and divided by
    the smoothed true range they give +DI and -DI; ``DX = 100 |+DI - -DI| / (+DI + -DI)``, and ADX
    is Wilder's average of DX. ADX measures the strength of a trend, not its direction.

    Parameters
    ----------
    bars : pandas.DataFrame
        Price bars, at least ``2 * window`` of them.
    window : int, default 14
        2 or more.

    Returns
    -------
    pandas.DataFrame
        Columns ``plus_di`` and ``minus_di`` (from bar ``window``), ``dx`` and ``adx`` (from bar
        ``2 * window - 1``; earlier rows are dropped so every row is complete).

    Raises
    ------
    ValueError
        On bad bars, a window out of range, or a stretch with no movement at all (DI undefined).

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=8)
    >>> up = pd.DataFrame({"open": np.arange(8.0) + 10, "high": np.arange(8.0) + 11, "low": np.arange(8.0) + 9,
    ...                    "close": np.arange(8.0) + 10.5}, index=days)
    >>> directional_movement(up, window=3)["adx"].round(6).tolist()  # a steady rise: all movement is upward
    [100.0, 100.0, 100.0]
    """
    frame = ohlc_frame(bars)
    window = validation.whole_number(window, "window", minimum=2)
    if len(frame) < 2 * window:
        raise ValueError(f"window = {window} needs at least {2 * window} bars; the data have {len(frame)}")
    high, low = frame["high"].to_numpy(), frame["low"].to_numpy()
    up, down = np.diff(high), -np.diff(low)
    plus_dm = np.where((up > down) & (up > 0), up, 0.0)
    minus_dm = np.where((down > up) & (down > 0), down, 0.0)
    ranges = true_range(frame).to_numpy()
    smoothed_tr = _wilder_sum(ranges, window)
    if np.any(smoothed_tr <= 0):
        raise ValueError("the bars do not move at all over a window: the directional indicators are undefined")
    plus_di = 100 * _wilder_sum(plus_dm, window) / smoothed_tr
    minus_di = 100 * _wilder_sum(minus_dm, window) / smoothed_tr
    total = plus_di + minus_di
    dx = 100 * np.abs(plus_di - minus_di) / np.where(total > 0, total, 1.0)
    dx = np.where(total > 0, dx, 0.0)
    adx = _wilder_average(dx, window)
    dates = frame.index[window:]
    keep = slice(window - 1, None)
    return pd.DataFrame({"plus_di": plus_di[keep], "minus_di": minus_di[keep], "dx": dx[keep], "adx": adx},
                        index=dates[window - 1:])


def choppiness(bars: pd.DataFrame, *, window: int = 14) -> pd.Series:
    """E. W. Dreiss's Choppiness Index: ``100 log10(sum TR / (max high - min low)) / log10(n)``.

    Near 100 when the bars overlap (a range), near 0 when they march one way (a trend); 61.8 and
    38.2 are the usual thresholds. The sum and the extremes run over the last ``window`` bars.

    Parameters
    ----------
    bars : pandas.DataFrame
        Price bars, more than ``window``.
    window : int, default 14
        2 or more.

    Returns
    -------
    pandas.Series
        From bar ``window`` on.

    Raises
    ------
    ValueError
        On bad bars, a window out of range, or a window whose high equals its low (no range to divide by).

    Examples
    --------
    >>> flat_ish = pd.DataFrame({"open": 10.0, "high": [11.0, 11, 11], "low": [9.0, 9, 9], "close": 10.0})
    >>> round(float(choppiness(flat_ish, window=2).iloc[0]), 6)  # two overlapping bars of range 2 within a range of 2
    100.0
    """
    frame = ohlc_frame(bars)
    window = _window(window, "window", len(frame))
    ranges = true_range(frame)
    total = ranges.rolling(window).sum()
    highest = frame["high"].iloc[1:].rolling(window).max()
    lowest = frame["low"].iloc[1:].rolling(window).min()
    spread = (highest - lowest).iloc[window - 1:]
    if (spread <= 0).any():
        raise ValueError(f"the high equals the low over the window ending {spread.idxmin()}: choppiness is undefined")
    return (100 * np.log10(total.iloc[window - 1:] / spread) / np.log10(window)).rename("chop")


REGIMES = ("range", "trend", "unclear")


def range_regime(bars: pd.DataFrame, *, window: int = 14, chop_range: float = 61.8, chop_trend: float = 38.2,
                 adx_range: float = 20.0, adx_trend: float = 25.0) -> pd.Series:
    """Label each day ``range``, ``trend`` or ``unclear`` from the Choppiness Index and ADX.

    Each indicator votes: CHOP at least ``chop_range`` or ADX at most ``adx_range`` says "range";
    CHOP at most ``chop_trend`` or ADX at least ``adx_trend`` says "trend". A day is ``range`` or
    ``trend`` when only that side votes for it, and ``unclear`` when both or neither do. The
    defaults are the customary 61.8/38.2 (CHOP) and 20/25 (ADX, after Wilder).

    Parameters
    ----------
    bars : pandas.DataFrame
        Price bars, at least ``2 * window``.
    window : int, default 14
        Days in the Choppiness Index and ADX windows, 2 or more.
    chop_range, chop_trend : float
        0 < chop_trend < chop_range < 100.
    adx_range, adx_trend : float
        0 < adx_range <= adx_trend < 100.

    Returns
    -------
    pandas.Series
        Labels from bar ``2 * window - 1`` on.

    Raises
    ------
    ValueError
        On bad bars or thresholds out of order.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=8)
    >>> up = pd.DataFrame({"open": np.arange(8.0) + 10, "high": np.arange(8.0) + 11, "low": np.arange(8.0) + 9,
    ...                    "close": np.arange(8.0) + 10.5}, index=days)
    >>> range_regime(up, window=3).tolist()
    ['trend', 'trend', 'trend']
    """
    chop_range = validation.real_number(chop_range, "chop_range", low=0.0, high=100.0, low_open=True, high_open=True)
    chop_trend = validation.real_number(chop_trend, "chop_trend", low=0.0, high=chop_range, low_open=True,
                                        high_open=True)
    adx_range = validation.real_number(adx_range, "adx_range", low=0.0, high=100.0, low_open=True, high_open=True)
    adx_trend = validation.real_number(adx_trend, "adx_trend", low=adx_range, high=100.0, high_open=True)
    adx = directional_movement(bars, window=window)["adx"]
    chop = choppiness(bars, window=window).reindex(adx.index)
    range_vote = ((chop >= chop_range) | (adx <= adx_range)).to_numpy()
    trend_vote = ((chop <= chop_trend) | (adx >= adx_trend)).to_numpy()
    labels = np.where(range_vote & ~trend_vote, "range", np.where(trend_vote & ~range_vote, "trend", "unclear"))
    return pd.Series(labels, index=adx.index, name="regime")


# ---------------------------------------------------------------------------------------------- momentum
def _closes(close, window: int) -> tuple[pd.Series, int]:
    series = validation.series(close, "close", minimum=2, sign="positive", what="closing prices")
    return series, _window(window, "window", len(series), minimum=1)


def momentum(close: pd.Series, *, window: int = 10) -> pd.Series:
    """TA-Lib's MOM: today's close minus the close ``window`` bars ago, in points.

    Parameters
    ----------
    close : pandas.Series
        Positive closes, oldest first, more than ``window``.
    window : int, default 10
        Bars back, 1 or more.

    Returns
    -------
    pandas.Series
        Points, from bar ``window + 1`` on, named ``mom``.

    Raises
    ------
    ValueError
        On NaN, infinite or non-positive closes, repeated or unsorted dates, or a window out of range.

    Examples
    --------
    >>> momentum(pd.Series([100.0, 102.0, 99.0]), window=2).tolist()
    [-1.0]
    """
    series, window = _closes(close, window)
    return (series - series.shift(window)).iloc[window:].rename("mom")


def rate_of_change(close: pd.Series, *, window: int = 10) -> pd.Series:
    """TA-Lib's ROC: ``100 * (close / close n bars ago - 1)``, in percent.

    Parameters
    ----------
    close : pandas.Series
        Positive closes, oldest first, more than ``window``.
    window : int, default 10
        Bars back, 1 or more.

    Returns
    -------
    pandas.Series
        Percent, from bar ``window + 1`` on, named ``roc``.

    Raises
    ------
    ValueError
        On NaN, infinite or non-positive closes, repeated or unsorted dates, or a window out of range.

    Examples
    --------
    >>> rate_of_change(pd.Series([100.0, 102.0, 99.0]), window=2).round(10).tolist()
    [-1.0]
    """
    series, window = _closes(close, window)
    return (100 * (series / series.shift(window) - 1)).iloc[window:].rename("roc")


def rate_of_change_fraction(close: pd.Series, *, window: int = 10) -> pd.Series:
    """TA-Lib's ROCP: ``(close - close n bars ago) / close n bars ago``, a fraction.

    Parameters
    ----------
    close : pandas.Series
        Positive closes, oldest first, more than ``window``.
    window : int, default 10
        Bars back, 1 or more.

    Returns
    -------
    pandas.Series
        Fractions, from bar ``window + 1`` on, named ``rocp``.

    Raises
    ------
    ValueError
        On NaN, infinite or non-positive closes, repeated or unsorted dates, or a window out of range.

    Examples
    --------
    >>> rate_of_change_fraction(pd.Series([100.0, 102.0, 99.0]), window=2).round(10).tolist()
    [-0.01]
    """
    series, window = _closes(close, window)
    return ((series - series.shift(window)) / series.shift(window)).iloc[window:].rename("rocp")


def rate_of_change_ratio(close: pd.Series, *, window: int = 10) -> pd.Series:
    """TA-Lib's ROCR: ``close / close n bars ago``, a ratio around 1.

    Parameters
    ----------
    close : pandas.Series
        Positive closes, oldest first, more than ``window``.
    window : int, default 10
        Bars back, 1 or more.

    Returns
    -------
    pandas.Series
        Ratios, from bar ``window + 1`` on, named ``rocr``.

    Raises
    ------
    ValueError
        On NaN, infinite or non-positive closes, repeated or unsorted dates, or a window out of range.

    Examples
    --------
    >>> rate_of_change_ratio(pd.Series([100.0, 102.0, 99.0]), window=2).round(10).tolist()
    [0.99]
    """
    series, window = _closes(close, window)
    return (series / series.shift(window)).iloc[window:].rename("rocr")


# ---------------------------------------------------------------------------------------------- support and resistance
def rolling_levels(bars: pd.DataFrame, *, window: int = 20) -> pd.DataFrame:
    """Support and resistance for each day from the lowest low and highest high of the ``window`` days before it.

    The day itself is excluded, so the levels are known before it opens.

    Parameters
    ----------
    bars : pandas.DataFrame
        Price bars, more than ``window``.
    window : int, default 20
        2 or more.

    Returns
    -------
    pandas.DataFrame
        Columns ``support`` and ``resistance``, from bar ``window`` on.

    Raises
    ------
    ValueError
        On bad bars or a window out of range.

    Examples
    --------
    >>> bars = pd.DataFrame({"open": 10.0, "high": [11.0, 12, 11, 10.5], "low": [9.0, 9.5, 8, 9.8], "close": 10.0})
    >>> rolling_levels(bars, window=2).to_dict("list")
    {'support': [9.0, 8.0], 'resistance': [12.0, 12.0]}
    """
    frame = ohlc_frame(bars)
    window = _window(window, "window", len(frame))
    support = frame["low"].rolling(window).min().shift(1)
    resistance = frame["high"].rolling(window).max().shift(1)
    return pd.DataFrame({"support": support, "resistance": resistance}).iloc[window:]


def swing_points(bars: pd.DataFrame, *, left: int = 2, right: int = 2) -> pd.DataFrame:
    """Swing highs and lows: a high above the ``left`` highs before it and the ``right`` highs after it (lows alike).

    A swing point is known only ``right`` bars later; the table gives that confirmation date, the
    first day a trader could act on it.

    Parameters
    ----------
    bars : pandas.DataFrame
        Price bars, more than ``left + right``.
    left, right : int, default 2
        1 or more.

    Returns
    -------
    pandas.DataFrame
        One row per swing point: ``kind`` (``high`` or ``low``), ``level``, ``confirmed_on``.

    Raises
    ------
    ValueError
        On bad bars or windows out of range.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=5)
    >>> bars = pd.DataFrame({"open": 10.0, "high": [11.0, 12, 14, 12, 11], "low": [9.0, 9, 9, 9, 9], "close": 10.0},
    ...                     index=days)
    >>> swing_points(bars).loc[:, ["kind", "level"]].to_dict("records")
    [{'kind': 'high', 'level': 14.0}]
    """
    frame = ohlc_frame(bars)
    left = validation.whole_number(left, "left", minimum=1)
    right = validation.whole_number(right, "right", minimum=1)
    _window(left + right, "left + right", len(frame))
    high, low = frame["high"].to_numpy(), frame["low"].to_numpy()
    rows = []
    for i in range(left, len(frame) - right):
        before_h, after_h = high[i - left:i], high[i + 1:i + 1 + right]
        before_l, after_l = low[i - left:i], low[i + 1:i + 1 + right]
        if high[i] > before_h.max() and high[i] > after_h.max():
            rows.append((frame.index[i], "high", high[i], frame.index[i + right]))
        if low[i] < before_l.min() and low[i] < after_l.min():
            rows.append((frame.index[i], "low", low[i], frame.index[i + right]))
    table = pd.DataFrame(rows, columns=["date", "kind", "level", "confirmed_on"])
    return table.set_index("date")


def swings(close: pd.Series, *, threshold: float = 0.1) -> pd.DataFrame:
    """Rallies and declines: alternating moves of at least ``threshold`` (a fraction) from turning point to turning point.

    A zigzag: a rally ends when the close has fallen ``threshold`` below its highest close since the
    rally began, and that highest close is the turning point; declines alike. The last leg is
    unfinished and is left out. Turning points are known only after the fact, so this describes
    history and is not a signal.

    Parameters
    ----------
    close : pandas.Series
        Closing prices, dated, at least 3.
    threshold : float, default 0.1
        Above 0 and below 1.

    Returns
    -------
    pandas.DataFrame
        One row per finished leg: ``start``, ``end``, ``kind`` (``rally`` or ``decline``), ``change``.

    Raises
    ------
    ValueError
        On bad prices or a threshold out of range.

    Examples
    --------
    >>> prices = pd.Series([100.0, 112, 108, 95, 99, 110, 104], index=pd.bdate_range("2024-01-01", periods=7))
    >>> swings(prices, threshold=0.1)[["kind", "change"]].round(4).to_dict("records")
    [{'kind': 'rally', 'change': 0.12}, {'kind': 'decline', 'change': -0.1518}]
    """
    series = validation.series(close, "close", minimum=3, sign="positive", what="closing prices")
    threshold = validation.real_number(threshold, "threshold", low=0.0, high=1.0, low_open=True, high_open=True)
    values, dates = series.to_numpy(), series.index
    legs = []
    pivot = 0  # index of the last turning point
    extreme = 0  # index of the running extreme of the current leg
    direction = 0  # +1 rising, -1 falling, 0 not yet known
    for i in range(1, len(values)):
        if direction == 0:
            if values[i] >= values[pivot] * (1 + threshold):
                direction, extreme = 1, i
            elif values[i] <= values[pivot] * (1 - threshold):
                direction, extreme = -1, i
            continue
        if direction == 1:
            if values[i] > values[extreme]:
                extreme = i
            elif values[i] <= values[extreme] * (1 - threshold):
                legs.append((dates[pivot], dates[extreme], "rally", values[extreme] / values[pivot] - 1))
                pivot, extreme, direction = extreme, i, -1
        else:
            if values[i] < values[extreme]:
                extreme = i
            elif values[i] >= values[extreme] * (1 + threshold):
                legs.append((dates[pivot], dates[extreme], "decline", values[extreme] / values[pivot] - 1))
                pivot, extreme, direction = extreme, i, 1
    return pd.DataFrame(legs, columns=["start", "end", "kind", "change"])


# ---------------------------------------------------------------------------------------------- pivot points
def _classic(h, l, c):
    p = (h + l + c) / 3
    return {"P": p, "R1": 2 * p - l, "S1": 2 * p - h, "R2": p + (h - l), "S2": p - (h - l),
            "R3": h + 2 * (p - l), "S3": l - 2 * (h - p)}


def _classic_range(h, l, c):
    levels = _classic(h, l, c)
    p = levels["P"]
    return {**levels, "R3": p + 2 * (h - l), "S3": p - 2 * (h - l)}


def _fibonacci(h, l, c):
    p, r = (h + l + c) / 3, h - l
    return {"P": p, "R1": p + 0.382 * r, "S1": p - 0.382 * r, "R2": p + 0.618 * r, "S2": p - 0.618 * r,
            "R3": p + r, "S3": p - r}


def _camarilla(h, l, c):
    r = h - l
    levels = {"P": (h + l + c) / 3}
    for n, k in enumerate((12, 6, 4, 2), start=1):
        levels[f"R{n}"] = c + r * 1.1 / k
        levels[f"S{n}"] = c - r * 1.1 / k
    return levels


@dataclasses.dataclass(frozen=True)
class PivotMethod:
    """One way to compute pivot levels: what it does, and its formula of the previous period's high, low, close."""

    description: str
    levels: Callable[[float, float, float], dict[str, float]]


# One registry: each method's name, description and formula, from the previous period's high, low and close.
PIVOT_METHODS: dict[str, PivotMethod] = {
    "classic": PivotMethod("P = (H + L + C) / 3; R1 = 2P - L, S1 = 2P - H; R2/S2 = P +/- (H - L); "
                           "R3 = H + 2(P - L), S3 = L - 2(H - P)", _classic),
    "classic, range R3": PivotMethod("classic, but R3/S3 = P +/- 2(H - L), as some platforms compute them",
                                     _classic_range),
    "Fibonacci": PivotMethod("P +/- 0.382, 0.618 and 1.000 times the range H - L", _fibonacci),
    "Camarilla": PivotMethod("C +/- 1.1 (H - L) / 12, / 6, / 4 and / 2 (R1/S1 to R4/S4)", _camarilla),
}
# Each pivot period and the frequency of rut_edu.periods that groups the days into it (None: each day alone).
PIVOT_PERIODS = {"day": None, "week": "weekly", "month": "monthly"}


def pivot_levels_for(high: float, low: float, close: float, *, method: str = "classic") -> pd.Series:
    """The pivot levels one period's high, low and close give for the next period.

    Parameters
    ----------
    high, low, close : float
        The previous period's values, high >= close >= low > 0.
    method : str, default "classic"
        A key of :data:`PIVOT_METHODS`.

    Returns
    -------
    pandas.Series
        ``P`` and the resistance and support levels.

    Raises
    ------
    ValueError
        On an unknown method or inconsistent prices.

    Examples
    --------
    >>> pivot_levels_for(110.0, 100.0, 105.0).round(4).to_dict()
    {'P': 105.0, 'R1': 110.0, 'S1': 100.0, 'R2': 115.0, 'S2': 95.0, 'R3': 120.0, 'S3': 90.0}
    """
    method = validation.choice(method, "method", tuple(PIVOT_METHODS))
    h = validation.real_number(high, "high", low=0.0, low_open=True)
    l = validation.real_number(low, "low", low=0.0, low_open=True, high=h)
    c = validation.real_number(close, "close", low=l, high=h)
    return pd.Series(PIVOT_METHODS[method].levels(h, l, c), name=method)


def pivot_levels(bars: pd.DataFrame, *, method: str = "classic", period: str = "day") -> pd.DataFrame:
    """Pivot levels in force on each trading day, from the previous day's, week's or month's high, low and close.

    Parameters
    ----------
    bars : pandas.DataFrame
        Daily price bars, dated.
    method : str, default "classic"
        A key of :data:`PIVOT_METHODS`.
    period : str, default "day"
        ``"day"``, ``"week"`` (weeks ending Friday) or ``"month"``.

    Returns
    -------
    pandas.DataFrame
        One row per day from the first day of the second period, one column per level. Weekly and
        monthly levels come only from whole periods: when the bars begin after a week's Monday or a
        month's first weekday, that first period is incomplete (a Wednesday start gives a 3-day week)
        and the days after it get no levels (the partial-period rule of :mod:`rut_edu.periods`).

    Raises
    ------
    ValueError
        On bad bars, an unknown method or period, or fewer than two periods.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=2)
    >>> bars = pd.DataFrame({"open": 105.0, "high": [110.0, 108], "low": [100.0, 104], "close": [105.0, 106]}, index=days)
    >>> pivot_levels(bars)["R1"].tolist()
    [110.0]
    """
    frame = ohlc_frame(bars)
    method = validation.choice(method, "method", tuple(PIVOT_METHODS))
    period = validation.choice(period, "period", tuple(PIVOT_PERIODS))
    formula = PIVOT_METHODS[method].levels
    if period == "day":
        source = frame.shift(1).iloc[1:]
    else:
        if not isinstance(frame.index, pd.DatetimeIndex):
            raise ValueError("weekly and monthly pivots need dated bars")
        key = periods.period_labels(frame.index, frequency_name=PIVOT_PERIODS[period])
        whole = periods.complete_periods(frame.index, frequency_name=PIVOT_PERIODS[period]).to_numpy()
        summary = frame.groupby(key).agg(high=("high", "max"), low=("low", "min"), close=("close", "last"))
        if len(summary) < 2:
            raise ValueError(f"bars cover fewer than two {period}s")
        # a partial period leaves no summary: the days after it get no levels rather than levels from a part
        partial = pd.Index(key[~whole]).unique()
        summary.loc[summary.index.isin(partial)] = np.nan
        # each day takes the summary of the period before its own
        source = summary.shift(1).reindex(key).set_axis(frame.index).dropna()
        if source.empty:
            raise ValueError(f"bars hold no whole {period} followed by another {period}")
    levels = formula(source["high"].to_numpy(), source["low"].to_numpy(), source["close"].to_numpy())
    return pd.DataFrame(levels, index=source.index)
