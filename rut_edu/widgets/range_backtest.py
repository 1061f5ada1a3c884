"""Widget: pivot method, range filter, stop and target in ATRs, costs -> equity against buy and hold, and the metrics."""

from __future__ import annotations

import dataclasses
import html

from rut_edu import backtest, technicals
from rut_edu.backtest import PreparedBacktest
from rut_edu.palette import ROLE_COLOURS
from rut_edu.widgets.site_grid import SiteWidget, choice_axis, numeric_axis, readout_or_problem
from rut_edu.widgets.svg_lines import Line, svg_line_chart


def _fmt(value, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


def backtest_report(prepared: PreparedBacktest, pivot_method: str, range_filter: bool, stop_atr: float,
                    target_atr: float, commission_bps: float) -> str:
    """HTML: the strategy's equity against buy and hold (both from $100,000) and a table of the metrics.

    Parameters
    ----------
    prepared : PreparedBacktest
        As :func:`chapter_backtest` gives it.
    pivot_method : str
        A key of :data:`rut_edu.technicals.PIVOT_METHODS`.
    range_filter : bool
        Trade only in range-bound markets.
    stop_atr : float
        The stop's distance in ATRs.
    target_atr : float
        The target's distance in ATRs.
    commission_bps : float
        Commission a fill, in basis points.

    Returns
    -------
    str
        HTML.

    Examples
    --------
    >>> "<table" in backtest_report(*chapter_backtest(), "classic", True, 2.0, 2.0, 1.0)
    True
    """
    if (pivot_method, range_filter) not in prepared.signals:
        raise ValueError(f"pivot_method must be one of {list(technicals.PIVOT_METHODS)}, got {pivot_method!r}")
    base = prepared.signals[pivot_method, range_filter]
    # the chapter's costs with the reader's commission: the default commission gives the chapter's own test
    costs = dataclasses.replace(backtest.RANGE_TEST_COSTS, commission_bps=commission_bps)
    result = backtest.run_backtest(prepared.bars, base.entries, base.stop_distance * stop_atr,
                                   base.target_distance * target_atr, costs=costs,
                                   cash_interest=prepared.cash_interest)
    metrics = backtest.performance(result, prepared.bars)
    closes = prepared.bars["close"]
    hold = backtest.buy_and_hold(closes, initial_equity=result.initial_equity)
    period = f"{closes.index[0]:%Y}-{closes.index[-1]:%Y}"
    chart = svg_line_chart(
        [Line("range strategy", result.equity / 1000, ROLE_COLOURS["russell2000"]),
         Line("buy and hold", hold / 1000, ROLE_COLOURS["sp500"], "6 3")],
        title=f"Equity of the range strategy and of buying and holding, {period}, thousands of dollars",
        y_label="$ thousand")
    rows = [
        ("closed trades", f"{metrics.trades:,}", ""),
        ("open at the end, marked to the last close",
         f"1 ({metrics.open_trade_pnl:+,.0f} $)" if metrics.open_trades else "none", ""),
        ("hit rate (closed trades)", _fmt(metrics.hit_rate, ".0%"), ""),
        ("profit factor", _fmt(metrics.profit_factor, ".2f"), ""),
        ("annualised return", f"{metrics.annualised_return:.1%}", f"{metrics.buy_hold_return:.1%}"),
        ("annualised volatility", f"{metrics.annualised_volatility:.1%}", f"{metrics.buy_hold_volatility:.1%}"),
        ("maximum drawdown", f"{metrics.max_drawdown:.1%}", f"{metrics.buy_hold_max_drawdown:.1%}"),
        ("Sharpe ratio (returns over cash)", _fmt(metrics.sharpe, ".2f"), _fmt(metrics.buy_hold_sharpe, ".2f")),
        ("time in the market", f"{metrics.exposure:.0%}", "100%"),
        ("cash alone, annualised", f"{metrics.cash_return:.1%}", ""),
    ]
    body = "".join(f"<tr><th scope='row'>{a}</th><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    table = (f"<table><caption>{html.escape(pivot_method)} S1 entries, "
             f"{'range days only' if range_filter else 'every day'}, stop {stop_atr:g} ATR, target {target_atr:g} "
             f"ATR, {commission_bps:g} bp commission and {costs.spread_bps / 2:g} bp half-spread a fill, "
             f"{costs.slippage_bps:g} bp slippage on market fills</caption><thead><tr><th scope='col'>measure</th>"
             f"<th scope='col'>strategy (idle cash at the bill rate)</th><th scope='col'>buy and hold (price index)</th>"
             f"</tr></thead><tbody>{body}</tbody></table>")
    return table + chart


def backtest_readouts(prepared: PreparedBacktest, pivot_method: str, range_filter: bool, stop_atr: float,
                      target_atr: float, commission_bps: float) -> tuple[str]:
    """The explorer's one readout for a state: :func:`backtest_report`, or the problem it raised.

    Parameters
    ----------
    prepared : PreparedBacktest
        As :func:`chapter_backtest` gives it.
    pivot_method : str
        A key of :data:`rut_edu.technicals.PIVOT_METHODS`.
    range_filter : bool
        Trade only in range-bound markets.
    stop_atr : float
        The stop's distance in ATRs.
    target_atr : float
        The target's distance in ATRs.
    commission_bps : float
        Commission a fill, in basis points.

    Returns
    -------
    tuple of str
        One HTML readout.

    Examples
    --------
    >>> "<svg" in backtest_readouts(*chapter_backtest(), "classic", True, 2.0, 2.0, 1.0)[0]
    True
    """
    return (readout_or_problem(backtest_report, prepared, pivot_method, range_filter, stop_atr, target_atr,
                               commission_bps),)


def chapter_backtest() -> tuple[PreparedBacktest]:
    """What chapter 7 passes to the explorer.

    The Russell 2000's daily bars from 2007 on, prepared, with cash earning the bill rate.

    Returns
    -------
    tuple of PreparedBacktest
        The one input the explorer takes.

    Examples
    --------
    >>> (prepared,) = chapter_backtest()
    >>> prepared.bars.index[0].year
    2007
    """
    from rut_edu import data

    bars = data.load_russell2000_daily().loc["2007-01-01":]
    return (backtest.prepare_backtest(bars, cash_interest=backtest.bill_interest(bars.index)),)


def backtest_explorer(prepared: PreparedBacktest):
    """Controls for :func:`backtest_report`.

    Parameters
    ----------
    prepared : PreparedBacktest
        As :func:`chapter_backtest` gives it.

    Returns
    -------
    ipywidgets.VBox
        The controls and the readout; the box carries the class the website build finds it by.

    Examples
    --------
    >>> box = backtest_explorer(*chapter_backtest())
    >>> type(box).__name__
    'VBox'
    """
    return SITE.explorer(prepared)


SITE = SiteWidget(
    name="backtest",
    axes=(choice_axis("Pivots", technicals.PIVOT_METHODS, start="classic"),
          choice_axis("Trade only in range-bound markets", (False, True), start=True),
          numeric_axis("Stop (ATR)", (1.0, 2.0, 3.0), "g", notebook=(0.5, 5.0, 0.5), start=2.0),
          numeric_axis("Target (ATR)", (1.0, 2.0, 3.0), "g", notebook=(0.5, 5.0, 0.5), start=2.0),
          numeric_axis("Commission a fill (bp)", (1.0, 10.0), "g", notebook=(0.0, 20.0, 1.0),
                       start=backtest.RANGE_TEST_COSTS.commission_bps)),
    inputs=chapter_backtest,
    readouts=backtest_readouts,
)
