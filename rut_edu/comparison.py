"""Two indexes side by side: their levels on common dates, and what each did over a window.

Pure computation (no drawing, no widgets): the chapters call it directly, and the widgets of
chapters 1 and 3 are thin views over it. :func:`prepare_pair` aligns two daily level series and
resamples them once per frequency; :func:`summarize_window` and :func:`ratio_table` compare their
risk over whole calendar years (:func:`rut_edu.risk.compare`); :func:`window_report` says what each
index returned between two dates and its worst fall inside them.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from rut_edu import risk, validation

FREQUENCIES = ("daily", "weekly", "monthly")


@dataclasses.dataclass(frozen=True)
class PreparedPair:
    """Two level series on their common dates, resampled once per frequency."""

    names: tuple[str, str]
    levels: dict[str, tuple[pd.Series, pd.Series]]

    @property
    def years(self) -> tuple[int, int]:
        daily = self.levels["daily"][0].index
        return int(daily[0].year), int(daily[-1].year)


def prepare_pair(asset_levels: pd.Series, market_levels: pd.Series,
                 *, names: tuple[str, str] = ("Russell 2000", "S&P 500")) -> PreparedPair:
    """Align the two daily series and resample them to every frequency, once.

    Parameters
    ----------
    asset_levels, market_levels : pandas.Series
        Daily closing levels, oldest first (the Russell 2000 and the S&P 500 in the chapters).
    names : tuple of str
        What to call the two series in tables.

    Returns
    -------
    PreparedPair
        The levels on their common dates, daily, weekly (Fridays) and monthly (month-ends), partial last
        periods dropped.

    Raises
    ------
    ValueError
        On bad levels or dates, or mixed time zones (as :func:`rut_edu.risk.common_dates`).

    Examples
    --------
    >>> from rut_edu import data
    >>> pair = prepare_pair(data.load_russell2000_daily()["close"], data.load_sp500_daily()["close"])
    >>> pair.years[0]  # the first year both indexes have; the last is the data's
    1987
    """
    a, m = risk.common_dates(asset_levels, market_levels)
    levels = {f: (risk.resample_levels(a, frequency=f), risk.resample_levels(m, frequency=f)) for f in FREQUENCIES}
    return PreparedPair(names, levels)


def summarize_window(prepared: PreparedPair, *, start_year: int, end_year: int, frequency: str) -> pd.Series:
    """The risk comparison for whole calendar years ``start_year``..``end_year`` at ``frequency``.

    Parameters
    ----------
    prepared : PreparedPair
        From :func:`prepare_pair`.
    start_year, end_year : int
        Whole calendar years, inside the data, start not after end.
    frequency : {"daily", "weekly", "monthly"}
        The return frequency.

    Returns
    -------
    pandas.Series
        :func:`rut_edu.risk.compare`'s summary: volatilities, their ratio, beta, correlation, drawdowns,
        the number of returns.

    Raises
    ------
    ValueError
        For years outside the data or in the wrong order, an unknown frequency, or a ``prepared`` of another kind.

    Examples
    --------
    >>> from rut_edu import data
    >>> pair = prepare_pair(data.load_russell2000_daily()["close"], data.load_sp500_daily()["close"])
    >>> round(float(summarize_window(pair, start_year=2010, end_year=2019, frequency="monthly")["volatility_ratio"]), 2)
    1.37
    """
    if not isinstance(prepared, PreparedPair):
        raise validation.WrongKindError(f"prepared must come from prepare_pair, got {type(prepared).__name__}")
    validation.choice(frequency, "frequency", FREQUENCIES)
    start_year = validation.whole_number(start_year, "start_year")
    end_year = validation.whole_number(end_year, "end_year")
    if start_year > end_year:
        raise ValueError(f"the start year {start_year} is after the end year {end_year}")
    first, last = prepared.years
    if start_year < first or end_year > last:
        raise ValueError(f"years must lie within {first}-{last}")
    asset, market = prepared.levels[frequency]
    window = slice(f"{start_year}-01-01", f"{end_year}-12-31")
    return risk.compare(asset.loc[window], market.loc[window], frequency=frequency)


def ratio_table(prepared: PreparedPair, *, year_ranges: list[tuple[int, int]],
                frequencies: tuple[str, ...] = FREQUENCIES) -> pd.DataFrame:
    """The volatility ratio for each range of whole years (rows) at each frequency (columns).

    Parameters
    ----------
    prepared : PreparedPair
        From :func:`prepare_pair`.
    year_ranges : list of (int, int)
        Ranges of whole years, the rows.
    frequencies : tuple of str
        The columns, each "daily", "weekly" or "monthly".

    Returns
    -------
    pandas.DataFrame
        Volatility ratios, rows named ``"start-end"``.

    Raises
    ------
    ValueError
        For no ranges, an unknown frequency, or a range :func:`summarize_window` refuses.

    Examples
    --------
    >>> from rut_edu import data
    >>> pair = prepare_pair(data.load_russell2000_daily()["close"], data.load_sp500_daily()["close"])
    >>> ratio_table(pair, year_ranges=[(2010, 2019)], frequencies=("monthly",)).round(2)
               monthly
    2010-2019     1.37
    """
    if not isinstance(year_ranges, (list, tuple)) or not year_ranges:
        raise ValueError("year_ranges must list at least one (start_year, end_year) pair")
    for frequency in frequencies:
        validation.choice(frequency, "each frequency", FREQUENCIES)
    return pd.DataFrame(
        {f: [summarize_window(prepared, start_year=s, end_year=e, frequency=f)["volatility_ratio"] for s,
             e in year_ranges] for f in frequencies},
        index=[f"{s}-{e}" for s, e in year_ranges],
    )


def caveats(summary: pd.Series, *, frequency: str) -> list[str]:
    """What a reader must know before trusting a window's numbers: too few returns, coarse drawdowns.

    Parameters
    ----------
    summary : pandas.Series
        A :func:`summarize_window` result.
    frequency : {"daily", "weekly", "monthly"}
        The frequency it was computed at.

    Returns
    -------
    list of str
        The warnings that apply, none for a long daily window.

    Raises
    ------
    ValueError
        For a summary of another kind, with NaN or infinite values, or an unknown frequency.

    Examples
    --------
    >>> from rut_edu import data
    >>> pair = prepare_pair(data.load_russell2000_daily()["close"], data.load_sp500_daily()["close"])
    >>> len(caveats(summarize_window(pair, start_year=2019, end_year=2019, frequency="monthly"), frequency="monthly"))
    2
    """
    validation.choice(frequency, "frequency", FREQUENCIES)
    if not isinstance(summary, pd.Series) or "returns" not in summary.index:
        raise ValueError("summary must be a summarize_window result (a Series with a 'returns' entry)")
    validation.finite_values(summary.to_numpy(dtype=float), "summary")
    notes = []
    count = int(summary["returns"])
    if count < risk.FEW_RETURNS:
        notes.append(f"Only {count} {frequency} returns: too few for a stable estimate (the course asks for at "
                     f"least {risk.FEW_RETURNS}); widen the years or use a finer frequency.")
    if frequency != "daily":
        notes.append(f"Drawdowns here use {frequency} closing levels, so a fall that recovered within the "
                     "period does not show: they are shallower than the daily ones.")
    return notes


@dataclasses.dataclass(frozen=True)
class IndexWindow:
    """One index over a window: levels at both ends, the return, and the worst fall inside it."""

    name: str
    first_day: pd.Timestamp
    last_day: pd.Timestamp
    start_level: float
    end_level: float
    worst_fall: float  # negative, or 0
    peak: pd.Timestamp
    trough: pd.Timestamp

    @property
    def price_return(self) -> float:
        return self.end_level / self.start_level - 1.0


@dataclasses.dataclass(frozen=True)
class WindowReport:
    """Both indexes over the same trading days."""

    asset: IndexWindow
    market: IndexWindow

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {w.name: {"first_day": w.first_day, "last_day": w.last_day, "price_return": w.price_return,
                      "worst_fall": w.worst_fall, "peak": w.peak, "trough": w.trough}
             for w in (self.asset, self.market)}
        ).T


def _index_window(name: str, levels: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> IndexWindow:
    window = levels.loc[start:end]
    fall = risk.drawdown_in_window(levels, start=start, end=end)
    return IndexWindow(name, window.index[0], window.index[-1], float(window.iloc[0]), float(window.iloc[-1]),
                       float(fall["depth"]), fall["peak"], fall["trough"])


def window_report(prepared: PreparedPair, *, start, end) -> WindowReport:
    """What each index of ``prepared`` did between the dates ``start`` and ``end`` (both included).

    Parameters
    ----------
    prepared : PreparedPair
        From :func:`prepare_pair`.
    start, end : str or date
        The first and last day of the window, start before end.

    Returns
    -------
    WindowReport
        Each index's levels at both ends, price return, and worst peak-to-trough fall inside the window.

    Raises
    ------
    ValueError
        If a date is not a date, the window runs backwards, or it holds fewer than two common trading days.

    Examples
    --------
    >>> from rut_edu import data
    >>> pair = prepare_pair(data.load_russell2000_daily()["close"], data.load_sp500_daily()["close"])
    >>> report = window_report(pair, start="2020-01-02", end="2020-12-31")
    >>> f"{report.asset.worst_fall:.1%}", f"{report.asset.trough:%d %B %Y}"
    ('-41.9%', '18 March 2020')
    """
    if not isinstance(prepared, PreparedPair):
        raise validation.WrongKindError(f"prepared must come from prepare_pair, got {type(prepared).__name__}")
    first, last = validation.date(start, "start"), validation.date(end, "end")
    if first >= last:
        raise ValueError(f"the window must run forwards: {first:%Y-%m-%d} is not before {last:%Y-%m-%d}")
    asset, market = prepared.levels["daily"]
    if len(asset.loc[first:last]) < 2:
        raise ValueError(f"fewer than two trading days between {first:%Y-%m-%d} and {last:%Y-%m-%d}")
    return WindowReport(_index_window(prepared.names[0], asset, first, last),
                        _index_window(prepared.names[1], market, first, last))


def window_stops(prepared: PreparedPair) -> list[pd.Timestamp]:
    """The dates the window slider offers: the first trading day, then the last trading day of every month.

    Real trading days, not calendar month-ends, so the last stop is the last day of data (a slider ending on
    "28 Feb 2026" over data that ends on 23 February would name a day with no close).

    Parameters
    ----------
    prepared : PreparedPair
        From :func:`prepare_pair`.

    Returns
    -------
    list of pandas.Timestamp
        Trading days, oldest first.

    Raises
    ------
    ValueError
        For a ``prepared`` of another kind.

    Examples
    --------
    >>> from rut_edu import data
    >>> pair = prepare_pair(data.load_russell2000_daily()["close"], data.load_sp500_daily()["close"])
    >>> stops = window_stops(pair)
    >>> f"{stops[0]:%Y-%m-%d}", f"{stops[1]:%Y-%m-%d}"
    ('1987-09-10', '1987-09-30')
    """
    if not isinstance(prepared, PreparedPair):
        raise validation.WrongKindError(f"prepared must come from prepare_pair, got {type(prepared).__name__}")
    daily = prepared.levels["daily"][0].index
    last_of_month = pd.Series(daily, index=daily).groupby(daily.to_period("M")).last()
    return [daily[0], *(day for day in last_of_month if day > daily[0])]


EPISODES = {
    "whole history": (None, None),
    "the October 1987 crash": ("1987-09-01", "1987-12-31"),
    "the dot-com boom and bust": ("1994-12-31", "2002-12-31"),
    "the global financial crisis": ("2007-09-30", "2009-03-31"),
    "the 2010s": ("2009-12-31", "2019-12-31"),
    "the Covid crash": ("2019-12-31", "2020-03-31"),
    "the 2022 bear market": ("2021-10-31", "2022-12-31"),
    "since 2020": ("2019-12-31", None),
}
"""Named windows (calendar dates, ``None`` for the edge of the data): the website's presets for a window.

Each starts at a month's end, so the window measures from the close before the episode begins."""


def episode_window(prepared: PreparedPair, *, episode: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The window of a named episode, on the dates :func:`window_stops` offers.

    The window runs from the last stop on or before the episode's first date (the close before it
    begins) to the last stop on or before its last date, the edges of the data for ``None`` or beyond
    them, so it is a setting the notebook's window slider can take.

    Parameters
    ----------
    prepared : PreparedPair
        From :func:`prepare_pair`.
    episode : str
        A key of :data:`EPISODES`.

    Returns
    -------
    tuple of pandas.Timestamp
        The first and the last day of the window.

    Raises
    ------
    ValueError
        For an unknown episode, a ``prepared`` of another kind, or an episode the data does not cover
        with at least two stops.

    Examples
    --------
    >>> from rut_edu import data
    >>> pair = prepare_pair(data.load_russell2000_daily()["close"], data.load_sp500_daily()["close"])
    >>> start, end = episode_window(pair, episode="the global financial crisis")
    >>> f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}"
    ('2007-09-28', '2009-03-31')
    """
    episode = validation.choice(episode, "episode", list(EPISODES))
    stops = pd.DatetimeIndex(window_stops(prepared))
    first, last = EPISODES[episode]
    last = stops[-1] if last is None else pd.Timestamp(last)
    # the close before the episode: the last stop on or before its first date (the data's first day if none)
    before = stops[stops <= pd.Timestamp(first)] if first is not None else stops[:0]
    first = before[-1] if len(before) else stops[0]
    inside = stops[(stops >= first) & (stops <= last)]
    if len(inside) < 2:
        raise ValueError(f"the data ({stops[0]:%d %b %Y} to {stops[-1]:%d %b %Y}) holds fewer than two "
                         f"window stops inside {episode!r}")
    return inside[0], inside[-1]
