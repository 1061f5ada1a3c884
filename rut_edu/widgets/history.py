"""Widget: pick any two dates and compare what the two indexes did in between.

For each index: the price return from the first to the last trading day in the
window and the worst fall (peak to trough) that happened inside it. The logic is
:func:`window_report`, a pure function; the widget only wires a slider to it.
"""

from __future__ import annotations

import dataclasses
import html

import pandas as pd

from rut_edu import risk, validation
from rut_edu.palette import ROLE_COLOURS
from rut_edu.widgets.html_bars import css_bar
from rut_edu.widgets.volatility import PreparedPair


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
            {w.name: {"first day": w.first_day, "last day": w.last_day, "price return": w.price_return,
                      "worst fall": w.worst_fall, "peak": w.peak, "trough": w.trough}
             for w in (self.asset, self.market)}
        ).T


def _index_window(name: str, levels: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> IndexWindow:
    window = levels.loc[start:end]
    fall = risk.drawdown_in_window(levels, start, end)
    return IndexWindow(name, window.index[0], window.index[-1], float(window.iloc[0]), float(window.iloc[-1]),
                       float(fall["depth"]), fall["peak"], fall["trough"])


def window_report(prepared: PreparedPair, start, end) -> WindowReport:
    """What each index of ``prepared`` did between the dates ``start`` and ``end`` (both included).

    Raises ``ValueError`` if a date is not a date, the window runs backwards, or it
    holds fewer than two common trading days.
    """
    first, last = validation.date(start, "start"), validation.date(end, "end")
    if first >= last:
        raise ValueError(f"the window must run forwards: {first:%Y-%m-%d} is not before {last:%Y-%m-%d}")
    asset, market = prepared.levels["daily"]
    if len(asset.loc[first:last]) < 2:
        raise ValueError(f"fewer than two trading days between {first:%Y-%m-%d} and {last:%Y-%m-%d}")
    return WindowReport(_index_window(prepared.names[0], asset, first, last),
                        _index_window(prepared.names[1], market, first, last))


def report_html(report: WindowReport) -> str:
    """A captioned table of a :class:`WindowReport`, the worst falls drawn as bars beside their numbers."""
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


def window_stops(prepared: PreparedPair) -> list[pd.Timestamp]:
    """The dates the window slider offers: the first trading day, then the last trading day of every month.

    Real trading days, not calendar month-ends, so the last stop is the last day of data (a slider ending on
    "28 Feb 2026" over data that ends on 23 February would name a day with no close).
    """
    daily = prepared.levels["daily"][0].index
    last_of_month = pd.Series(daily, index=daily).groupby(daily.to_period("M")).last()
    return [daily[0], *(day for day in last_of_month if day > daily[0])]


def history_explorer(prepared: PreparedPair):
    """A slider over month-ends: choose a window, read both indexes' return and worst fall."""
    import ipywidgets as widgets

    options = [(f"{d:%d %b %Y}", d) for d in window_stops(prepared)]
    window = widgets.SelectionRangeSlider(options=options, index=(0, len(options) - 1), description="Window",
                                          layout=widgets.Layout(width="560px"))
    output = widgets.HTML()

    def refresh(*_):
        start, end = window.value
        try:
            output.value = report_html(window_report(prepared, start, end))
        except ValueError as problem:
            output.value = f"<p>{html.escape(str(problem))}</p>"

    window.observe(refresh, names="value")
    refresh()
    return widgets.VBox([window, output])
