"""Widget: pick a date range and a return frequency, compare the two indexes' risk."""

from __future__ import annotations

import html

import pandas as pd

from rut_edu.comparison import FREQUENCIES, PreparedPair, caveats, summarize_window
from rut_edu.palette import ROLE_COLOURS
from rut_edu.widgets.history import chapter_pair
from rut_edu.widgets.html_bars import css_bar
from rut_edu.widgets.site_grid import Control, GridAxis, SiteWidget, choice_axis, readout_or_problem


def summary_html(summary: pd.Series, names: tuple[str, str], period: str, frequency: str = "daily") -> str:
    """A captioned HTML table of a :func:`summarize_window` result, drawdowns drawn as bars, caveats first.

    Parameters
    ----------
    summary : pandas.Series
        A :func:`rut_edu.comparison.summarize_window` result.
    names : tuple of (str, str)
        The two indexes' names.
    period : str
        The window in words, for the readout's first line.
    frequency : str, default "daily"
        The returns' frequency, for the caveats.

    Returns
    -------
    str
        HTML.

    Examples
    --------
    >>> (pair,) = chapter_pair()
    >>> summary = summarize_window(pair, start_year=2010, end_year=2019, frequency="monthly")
    >>> "<table" in summary_html(summary, pair.names, "2010-2019", "monthly")
    True
    """
    asset, market = (html.escape(n) for n in names)
    warnings = "".join(f"<p role='note'><strong>Note:</strong> {html.escape(text)}</p>"
                       for text in caveats(summary, frequency=frequency))

    rows = [
        ("annualised volatility", f"{summary['asset_volatility']:.1%}", f"{summary['market_volatility']:.1%}", "", ""),
        ("maximum drawdown", f"{summary['asset_max_drawdown']:.1%}", f"{summary['market_max_drawdown']:.1%}",
         css_bar(summary["asset_max_drawdown"], ROLE_COLOURS["russell2000"]),
         css_bar(summary["market_max_drawdown"], ROLE_COLOURS["sp500"])),
    ]
    body = "".join(
        f"<tr><th scope='row'>{label}</th><td>{a}</td><td>{m}</td><td>{ba}</td><td>{bm}</td></tr>"
        for label, a, m, ba, bm in rows
    )
    return (
        f"{warnings}<p><strong>{period}</strong>, {int(summary['returns']):,} returns: volatility ratio "
        f"<strong>{summary['volatility_ratio']:.2f}</strong>, beta <strong>{summary['beta']:.2f}</strong>, "
        f"correlation <strong>{summary['correlation']:.2f}</strong>.</p>"
        f"<table><caption>Risk of the {asset} and the {market} over the chosen years</caption>"
        f"<thead><tr><th scope='col'>measure</th><th scope='col'>{asset}</th><th scope='col'>{market}</th>"
        f"<th scope='col'>{asset} (bar)</th><th scope='col'>{market} (bar)</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def volatility_readouts(prepared: PreparedPair, years: tuple[int, int], frequency: str) -> tuple[str]:
    """The explorer's one readout for whole years ``years`` at ``frequency``: :func:`summary_html`, or the problem.

    Parameters
    ----------
    prepared : PreparedPair
        The Russell 2000 and the S&P 500, as :func:`chapter_pair` gives them.
    years : tuple of (int, int)
        The first and last whole years.
    frequency : str
        One of :data:`rut_edu.comparison.FREQUENCIES`.

    Returns
    -------
    tuple of str
        One HTML readout.

    Examples
    --------
    >>> "<table" in volatility_readouts(*chapter_pair(), (2010, 2019), "monthly")[0]
    True
    """
    start, end = years

    def render():
        summary = summarize_window(prepared, start_year=start, end_year=end, frequency=frequency)
        return summary_html(summary, prepared.names, f"{start}-{end}, {frequency} returns", frequency)

    return (readout_or_problem(render),)


def year_windows(first: int, last: int) -> tuple[tuple[int, int], ...]:
    """The website's year windows for data from ``first`` to ``last``.

    The whole history, each decade (the last one to the end of the data) and the financial crisis; windows the
    data do not reach are left out.

    Parameters
    ----------
    first : int
        The data's first year.
    last : int
        The data's last year.

    Returns
    -------
    tuple of (int, int)
        The windows, whole history first.

    Examples
    --------
    >>> year_windows(1987, 2026)
    ((1987, 2026), (1987, 1999), (2000, 2009), (2007, 2009), (2010, 2019), (2020, 2026))
    """
    decades = [(max(first, start), min(start + 9, last)) for start in range(1990, last + 1, 10)]
    decades[0] = (first, decades[0][1])  # the first "decade" starts with the data
    windows = [(first, last), *decades[:2], (2007, 2009), *decades[2:]]
    return tuple(w for w in windows if first <= w[0] <= w[1] <= last)


def _data_years() -> tuple[int, int]:
    from rut_edu import data

    dates = data.load_russell2000_daily().index
    return int(dates[0].year), int(dates[-1].year)


YEAR_WINDOWS = year_windows(*_data_years())
"""The website's year windows, from the years the data cover (see :func:`year_windows`)."""


def volatility_explorer(prepared: PreparedPair):
    """A year-range slider and a frequency switch over a :class:`PreparedPair`.

    Parameters
    ----------
    prepared : PreparedPair
        The Russell 2000 and the S&P 500, as :func:`chapter_pair` gives them.

    Returns
    -------
    ipywidgets.VBox
        The controls and the readout; the box carries the class the website build finds it by.

    Examples
    --------
    >>> box = volatility_explorer(*chapter_pair())
    >>> type(box).__name__
    'VBox'
    """
    return SITE.explorer(prepared)


SITE = SiteWidget(
    name="volatility",
    axes=(GridAxis("Years", YEAR_WINDOWS, tuple(f"{a}-{b}" for a, b in YEAR_WINDOWS),
                   Control("range", options=lambda prepared: [(str(year), year) for year in
                                                               range(prepared.years[0], prepared.years[1] + 1)])),
          choice_axis("Returns", FREQUENCIES, kind="toggle", start="daily")),
    inputs=chapter_pair,
    readouts=volatility_readouts,
)
