"""Interactive widgets for the notebooks.

Each widget keeps its logic in a pure function (no ipywidgets, no drawing) that
the tests and the benchmark call directly; the widget only wires controls to it.
"""

from rut_edu.widgets.cap_weighting import cap_weighting_explorer, explore_change
from rut_edu.widgets.forecast import forecast_explorer, forecast_report, prepare_forecasts
from rut_edu.widgets.glossary_search import glossary_results_html, glossary_search
from rut_edu.widgets.history import history_explorer, window_report
from rut_edu.widgets.leverage import leverage_explorer, scenario_html
from rut_edu.widgets.range_backtest import backtest_explorer, backtest_report, prepare_backtest
from rut_edu.widgets.reconstitution import reconstitution_explorer
from rut_edu.widgets.taylor import taylor_explorer, taylor_report
from rut_edu.widgets.volatility import prepare_pair, ratio_table, summarize_window, volatility_explorer

__all__ = [
    "backtest_explorer", "backtest_report", "prepare_backtest", "forecast_explorer", "forecast_report",
    "prepare_forecasts",
    "cap_weighting_explorer", "explore_change", "glossary_results_html", "glossary_search", "history_explorer",
    "leverage_explorer", "prepare_pair", "ratio_table", "reconstitution_explorer", "scenario_html", "summarize_window",
    "taylor_explorer", "taylor_report", "volatility_explorer", "window_report",
]
