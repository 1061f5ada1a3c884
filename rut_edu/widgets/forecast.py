"""Widget: model, feature set and evaluation scheme -> hit rate with its interval, R squared, and the equity curve."""

from __future__ import annotations

import dataclasses
import html

import pandas as pd

from rut_edu import backtest, forecasting
from rut_edu.palette import ROLE_COLOURS
from rut_edu.widgets.svg_lines import Line, svg_line_chart

SCHEMES = forecasting.SCHEMES


@dataclasses.dataclass(frozen=True)
class PreparedForecasts:
    """Every combination's forecasts, evaluation and trading result, computed once for the widget."""

    forecasts: dict[tuple[str, str, str], forecasting.Forecasts]
    evaluations: dict[tuple[str, str, str], forecasting.Evaluation]
    trading: dict[tuple[str, str, str], forecasting.TradedForecasts]


def prepare_forecasts(bars: pd.DataFrame, trade_from: str = "2007-01-01", refit_every: int = 1000,
                      costs: backtest.Costs = backtest.Costs()) -> PreparedForecasts:
    """The grid of :func:`rut_edu.forecasting.walk_forward_grid`, each scored and traded (from ``trade_from``)."""
    grid = forecasting.walk_forward_grid(bars, refit_every)
    target = forecasting.forecast_target(bars["close"], 1)
    tables = forecasting.scheme_features(bars)
    evaluations, trading, means = {}, {}, {}
    for (model, set_name, scheme), forecasts in grid.items():
        if (set_name, scheme) not in means:  # the benchmark for R squared, on the same test days
            table, extra = tables[scheme]
            means[set_name, scheme] = forecasting.walk_forward(table[forecasting.FEATURE_SETS[set_name] + extra],
                                                               target, "historical mean", refit_every=refit_every)
        evaluations[model, set_name, scheme] = forecasting.evaluate(forecasts, means[set_name, scheme])
        trading[model, set_name, scheme] = forecasting.trade_forecasts(bars.loc[trade_from:], forecasts, costs)
    return PreparedForecasts(grid, evaluations, trading)


def forecast_report(prepared: PreparedForecasts, model: str, feature_set: str, scheme: str) -> str:
    """HTML: the chosen forecasts' scores, their trading result after costs, and the equity against buy and hold."""
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
        ("trading: annualised return after costs", f"{perf.annualised_return:+.1%}"),
        ("buy and hold: annualised return", f"{perf.buy_hold_return:+.1%}"),
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


def forecast_explorer(prepared: PreparedForecasts):
    """Controls for :func:`forecast_report`."""
    import ipywidgets as widgets

    model = widgets.Dropdown(options=list(forecasting.MODELS), value="ridge regression", description="Model")
    feature_set = widgets.Dropdown(options=list(forecasting.FEATURE_SETS), value="past returns",
                                   description="Features", layout=widgets.Layout(width="420px"))
    scheme = widgets.ToggleButtons(options=list(SCHEMES), value=SCHEMES[0], description="Test")
    output = widgets.HTML()

    def refresh(*_):
        try:
            output.value = forecast_report(prepared, model.value, feature_set.value, scheme.value)
        except ValueError as problem:
            output.value = f"<p>{html.escape(str(problem))}</p>"

    for control in (model, feature_set, scheme):
        control.observe(refresh, names="value")
    refresh()
    return widgets.VBox([model, feature_set, scheme, output])
