"""Widget: pick any two dates and compare what the two indexes did in between.

For each index: the price return from the first to the last trading day in the
window and the worst fall (peak to trough) that happened inside it. The logic is
:func:`rut_edu.comparison.window_report`, a pure function; the widget only wires a slider to it.
"""

from __future__ import annotations

import html

from rut_edu import data
from rut_edu.comparison import EPISODES, PreparedPair, WindowReport, episode_window, prepare_pair, window_report, window_stops
from rut_edu.palette import ROLE_COLOURS
from rut_edu.validation import WrongKindError
from rut_edu.widgets.html_bars import css_bar
from rut_edu.widgets.site_grid import Control, GridAxis, SiteWidget, readout_or_problem


def report_html(report: WindowReport) -> str:
    """A captioned table of a :class:`WindowReport`, the worst falls drawn as bars beside their numbers.

    Parameters
    ----------
    report : WindowReport
        What :func:`rut_edu.comparison.window_report` returned.

    Returns
    -------
    str
        HTML.

    Examples
    --------
    >>> "<table" in report_html(window_report(*chapter_pair(), start="2018-08-31", end="2020-12-31"))
    True
    """
    rows = []
    for window, role in ((report.asset, "russell2000"), (report.market, "sp500")):
        rows.append(
            f"<tr><th scope='row'>{html.escape(window.name)}</th><td>{window.price_return:+.1%}</td>"
            f"<td>{window.worst_fall:.1%}</td><td>{css_bar(window.worst_fall, ROLE_COLOURS[role])}</td>"
            f"<td>{window.peak:%d %b %Y} &rarr; {window.trough:%d %b %Y}</td></tr>"
        )
    a = report.asset
    return (
        f"<p>From <strong>{a.first_day:%d %B %Y}</strong> to <strong>{a.last_day:%d %B %Y}</strong> "
        "(closing levels, price indexes without dividends).</p>"
        "<table><caption>Return over the window and the worst peak-to-trough fall inside it</caption>"
        "<thead><tr><th scope='col'>index</th><th scope='col'>price return</th><th scope='col'>worst fall</th>"
        "<th scope='col'>worst fall (bar)</th><th scope='col'>peak &rarr; trough</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def history_readouts(prepared: PreparedPair, start, end) -> tuple[str]:
    """The explorer's one readout for a window: :func:`report_html` of :func:`window_report`, or the problem.

    Parameters
    ----------
    prepared : PreparedPair
        The Russell 2000 and the S&P 500, as :func:`chapter_pair` gives them.
    start : str or pandas.Timestamp
        The window's first day.
    end : str or pandas.Timestamp
        The window's last day.

    Returns
    -------
    tuple of str
        One HTML readout.

    Examples
    --------
    >>> history_readouts(*chapter_pair(), "2018-08-31", "2020-12-31")[0][:3]
    '<p>'
    """
    return (readout_or_problem(lambda: report_html(window_report(prepared, start=start, end=end))),)


def window_readouts(prepared: PreparedPair, window) -> tuple[str]:
    """The explorer's one readout for a window given as a named episode or as its two ends.

    The website offers the named episodes of :data:`rut_edu.comparison.EPISODES`; the notebook's slider any
    two of :func:`rut_edu.comparison.window_stops`. Both come here.

    Parameters
    ----------
    prepared : PreparedPair
        The Russell 2000 and the S&P 500, as :func:`chapter_pair` gives them.
    window : str or tuple
        A key of :data:`rut_edu.comparison.EPISODES`, or ``(start, end)``.

    Returns
    -------
    tuple of str
        One HTML readout: :func:`history_readouts` of the window.

    Raises
    ------
    WrongKindError
        If ``window`` is neither an episode's name nor a pair of dates.
    ValueError
        If the episode is unknown or the data do not cover it.

    Examples
    --------
    >>> window_readouts(*chapter_pair(), "the global financial crisis")[0][:3]
    '<p>'
    """
    if isinstance(window, str):
        window = episode_window(prepared, episode=window)
    if not isinstance(window, tuple) or len(window) != 2:
        raise WrongKindError(f"window must be an episode's name or a (start, end) pair, got {window!r}")
    return history_readouts(prepared, *window)


def chapter_pair() -> tuple[PreparedPair]:
    """The pair the chapters pass to the explorers: the Russell 2000 and the S&P 500, daily closes.

    Returns
    -------
    tuple of PreparedPair
        The one input the explorers take.

    Examples
    --------
    >>> (pair,) = chapter_pair()
    >>> pair.names
    ('Russell 2000', 'S&P 500')
    """
    return (prepare_pair(data.load_russell2000_daily()["close"], data.load_sp500_daily()["close"]),)


def history_explorer(prepared: PreparedPair):
    """A slider over month-ends: choose a window, read both indexes' return and worst fall.

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
    >>> box = history_explorer(*chapter_pair())
    >>> type(box).__name__
    'VBox'
    """
    return SITE.explorer(prepared)


SITE = SiteWidget(
    name="history",
    axes=(GridAxis("Window", tuple(EPISODES), tuple(EPISODES),
                   Control("range", options=lambda prepared: [(f"{d:%d %b %Y}", d) for d in window_stops(prepared)])),),
    inputs=chapter_pair,
    readouts=window_readouts,
)
"""On the website the window is one of :data:`rut_edu.comparison.EPISODES`; the notebook takes any two stops."""
