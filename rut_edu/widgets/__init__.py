"""Interactive widgets for the notebooks: thin views over pure functions of the topic modules.

Each widget wires controls to a pure function of a core module (:mod:`rut_edu.comparison`,
:mod:`rut_edu.index`, :mod:`rut_edu.backtest`, :mod:`rut_edu.forecasting`, ...) and draws its
answer as HTML; the ``*_html`` and ``*_report`` functions here only turn a result into markup.
Nothing is computed here that a chapter or a test could not call without ipywidgets.
"""

from rut_edu.widgets import cap_weighting, forecast, history, leverage, range_backtest, reconstitution, taylor, volatility
from rut_edu.widgets.cap_weighting import cap_weighting_explorer
from rut_edu.widgets.forecast import forecast_explorer, forecast_report
from rut_edu.widgets.glossary_search import glossary_results_html, glossary_search
from rut_edu.widgets.history import history_explorer
from rut_edu.widgets.leverage import leverage_explorer, scenario_html
from rut_edu.widgets.range_backtest import backtest_explorer, backtest_report
from rut_edu.widgets.reconstitution import reconstitution_explorer
from rut_edu.widgets.site_grid import SiteWidget
from rut_edu.widgets.taylor import taylor_explorer, taylor_report
from rut_edu.widgets.volatility import volatility_explorer

SITE_WIDGETS: dict[str, SiteWidget] = {module.SITE.name: module.SITE for module in (
    history, cap_weighting, volatility, reconstitution, leverage, taylor, range_backtest, forecast)}
"""Every widget the website can answer, by name (the class ``rut-site-<name>`` on the explorer's box), in
the chapters' order. The glossary search is not here: the site's own search answers a typed word."""

__all__ = [
    "backtest_explorer", "backtest_report", "cap_weighting_explorer", "forecast_explorer",
    "forecast_report", "glossary_results_html", "glossary_search", "history_explorer", "leverage_explorer",
    "reconstitution_explorer", "scenario_html", "SITE_WIDGETS", "taylor_explorer", "taylor_report", "volatility_explorer",
]
