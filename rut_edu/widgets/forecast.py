"""Widget: model, feature set and evaluation scheme -> hit rate with its interval, R squared, and the equity curve."""

from __future__ import annotations

import html

from rut_edu import forecasting
from rut_edu.forecasting import PreparedForecasts
from rut_edu.palette import ROLE_COLOURS
from rut_edu.widgets.site_grid import SiteWidget, choice_axis, readout_or_problem
from rut_edu.widgets.svg_lines import Line, svg_line_chart

SCHEMES = forecasting.SCHEMES


def forecast_report(prepared: PreparedForecasts, model: str, feature_set: str, scheme: str) -> str:
    """HTML: the chosen forecasts' scores, their trading result after costs, and the equity against buy and hold.

    Parameters
    ----------
    prepared : PreparedForecasts
        As :func:`chapter_forecasts` gives it.
    model : str
        A key of :data:`rut_edu.forecasting.MODELS`.
    feature_set : str
        A key of :data:`rut_edu.forecasting.FEATURE_SETS`.
    scheme : str
        How the test is built: one of :data:`SCHEMES`.

    Returns
    -------
    str
        HTML.

    Examples
    --------
    >>> (prepared,) = chapter_forecasts()
    >>> "<table" in forecast_report(prepared, "ridge regression", "past returns", SCHEMES[0])
    True
    """
    key = (model, feature_set, scheme)
    if key not in prepared.evaluations:
        raise ValueError(f"no prepared forecasts for {key}")
    score, traded = prepared.evaluations[key], prepared.trading[key]
    perf = traded.performance
    warning = ("<p role='note'><strong>Leaky test:</strong> a feature contains the next two closes, so this "
               "score could never be reached in real time.</p>") if scheme != SCHEMES[0] else ""
    rows = [
        ("hit rate (95% interval)", f"{score.hit_rate:.1%} ({score.hit_rate_low:.1%} to {score.hit_rate_high:.1%})"),
        ("share of up days (the base rate)", f"{score.base_rate:.1%}"),
        ("R squared against the historical mean", f"{score.r2_vs_mean:+.2%}"),
        ("MSE / random walk MSE", f"{score.mse_ratio:.3f}"),
        ("trading: annualised return after costs, idle cash at the bill rate", f"{perf.annualised_return:+.1%}"),
        ("buy and hold (price index): annualised return", f"{perf.buy_hold_return:+.1%}"),
        ("cash alone: annualised return", f"{perf.cash_return:+.1%}"),
    ]
    body = "".join(f"<tr><th scope='row'>{a}</th><td>{b}</td></tr>" for a, b in rows)
    table = (f"<table><caption>{html.escape(model)}, {html.escape(feature_set)}, {html.escape(scheme)}: "
             f"{score.days:,} test days</caption><tbody>{body}</tbody></table>")
    chart = svg_line_chart(
        [Line("strategy after costs", traded.equity / 1000, ROLE_COLOURS["russell2000"]),
         Line("buy and hold", traded.buy_and_hold / 1000, ROLE_COLOURS["sp500"], "6 3")],
        title="Equity of trading the forecasts and of buying and holding, thousands of dollars, log scale",
        y_label="$ thousand (log)", log=True)
    return warning + table + chart


def forecast_readouts(prepared: PreparedForecasts, model: str, feature_set: str, scheme: str) -> tuple[str]:
    """The explorer's one readout for a state: :func:`forecast_report`, or the problem it raised.

    Parameters
    ----------
    prepared : PreparedForecasts
        As :func:`chapter_forecasts` gives it.
    model : str
        A key of :data:`rut_edu.forecasting.MODELS`.
    feature_set : str
        A key of :data:`rut_edu.forecasting.FEATURE_SETS`.
    scheme : str
        How the test is built: one of :data:`SCHEMES`.

    Returns
    -------
    tuple of str
        One HTML readout.

    Examples
    --------
    >>> (prepared,) = chapter_forecasts()
    >>> len(forecast_readouts(prepared, "ridge regression", "past returns", SCHEMES[0]))
    1
    """
    return (readout_or_problem(forecast_report, prepared, model, feature_set, scheme),)


def chapter_forecasts() -> tuple[PreparedForecasts]:
    """What chapter 8 passes to the explorer.

    Every model's forecasts of the Russell 2000's daily bars, traded with idle cash earning the bill rate.

    Returns
    -------
    tuple of PreparedForecasts
        The one input the explorer takes.

    Examples
    --------
    >>> (prepared,) = chapter_forecasts()
    >>> sorted(prepared.evaluations)[0][0] in forecasting.MODELS
    True
    """
    from rut_edu import backtest, data

    bars = data.load_russell2000_daily()
    return (forecasting.prepare_forecasts(bars, cash_interest=backtest.bill_interest(bars.index)),)


def forecast_explorer(prepared: PreparedForecasts):
    """Controls for :func:`forecast_report`.

    Parameters
    ----------
    prepared : PreparedForecasts
        As :func:`chapter_forecasts` gives it.

    Returns
    -------
    ipywidgets.VBox
        The controls and the readout; the box carries the class the website build finds it by.

    Examples
    --------
    >>> box = forecast_explorer(*chapter_forecasts())
    >>> type(box).__name__
    'VBox'
    """
    return SITE.explorer(prepared)


SITE = SiteWidget(
    name="forecast",
    axes=(choice_axis("Model", forecasting.MODELS, start="ridge regression"),
          choice_axis("Features", forecasting.FEATURE_SETS, start="past returns"),
          choice_axis("Test", SCHEMES, kind="toggle")),
    inputs=chapter_forecasts,
    readouts=forecast_readouts,
)
