"""Widget: pick any two dates and compare what the two indexes did in between.

For each index: the price return from the first to the last trading day in the
window and the worst fall (peak to trough) that happened inside it. The logic is
:func:`rut_edu.comparison.window_report`, a pure function; the widget only wires a slider to it.
"""

from __future__ import annotations

import html

from rut_edu.comparison import PreparedPair, WindowReport, window_report, window_stops
from rut_edu.palette import ROLE_COLOURS
from rut_edu.widgets.html_bars import css_bar


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
