"""Widget: choose an instrument, a position and a leverage; see what a move of k daily standard deviations does."""

from __future__ import annotations

import html

from rut_edu import instruments
from rut_edu.palette import ROLE_COLOURS
from rut_edu.widgets.html_bars import css_bar
from rut_edu.widgets.site_grid import SiteWidget, choice_axis, numeric_axis, readout_or_problem

UNIT_LABELS = {"RTY": "contracts", "M2K": "contracts", "CFD": "dollars per index point"}


def _signed_dollars(amount: float) -> str:
    return f"{'-' if amount < 0 else '+'}${abs(amount):,.0f}"


def scenario_html(scenario: instruments.LeverageScenario, *, daily_volatility: float) -> str:
    """A captioned HTML table of a :func:`rut_edu.instruments.leverage_scenario` result, the loss drawn as a bar.

    Parameters
    ----------
    scenario : LeverageScenario
        What :func:`rut_edu.instruments.leverage_scenario` returned.
    daily_volatility : float
        The daily standard deviation the move was measured in.

    Returns
    -------
    str
        HTML.

    Examples
    --------
    >>> scenario = instruments.leverage_scenario("M2K", units=2, leverage=10.0, index_level=2400.0,
    ...                                          daily_volatility=0.0136, sigmas=-2.0)
    >>> "<table" in scenario_html(scenario, daily_volatility=0.0136)
    True
    """
    s = scenario
    units = f"{s.units:g} {UNIT_LABELS[s.symbol]}"
    share = s.profit_share_of_margin
    colour = ROLE_COLOURS["highlight"] if s.profit < 0 else ROLE_COLOURS["russell2000"]
    warning = ""
    if share <= -1.0:
        warning = ("<p role='note'><strong>The margin is gone:</strong> this move loses more than the money put "
                   "up, and the broker or the exchange would have closed the position before the end of it.</p>")
    elif s.profit < 0 and share <= -(1.0 - instruments.EU_RETAIL_CLOSE_OUT_LEVEL):
        warning = ("<p role='note'><strong>Close-out:</strong> the loss has eaten more than half of the margin; "
                   "under the EU retail rules a CFD broker closes the position here.</p>")
    example = instruments.EXCHANGE_MARGIN_EXAMPLE
    if s.symbol != "CFD" and s.leverage > example.highest_leverage:
        # futures leverage is capped by the clearing house's least margin per contract, not chosen freely
        warning += (f"<p role='note'><strong>Above the exchange's minimum:</strong> a futures margin cannot be "
                    f"less than the clearing house's deposit per contract; on the chapter's dated example "
                    f"({example.margin_share:.1%} of notional) that allowed at most "
                    f"{example.highest_leverage:.1f} to 1.</p>")
    rows = [
        ("notional exposure", f"${s.notional:,.0f}", ""),
        ("margin (notional / leverage)", f"${s.margin:,.0f}", ""),
        ("index move", f"{s.move_points:+,.1f} points", ""),
        ("profit or loss", _signed_dollars(s.profit), ""),
        ("as a share of the margin", f"{share:+.0%}", css_bar(share, colour)),
        ("index fall that loses the whole margin",
         f"{s.wipe_out_points:,.0f} points = {s.wipe_out_sigmas:.1f} daily standard deviations", ""),
    ]
    body = "".join(f"<tr><th scope='row'>{label}</th><td>{value}</td><td>{bar}</td></tr>"
                   for label, value, bar in rows)
    return (f"{warning}<table><caption>{html.escape(s.symbol)}, {html.escape(units)}, {s.leverage:g}:1 leverage, "
            f"a daily standard deviation of {daily_volatility:.2%}</caption>"
            f"<thead><tr><th scope='col'>measure</th><th scope='col'>value</th><th scope='col'>bar</th></tr></thead>"
            f"<tbody>{body}</tbody></table>")


def leverage_readouts(index_level: float, daily_volatility: float, symbol: str, units: int, leverage: float,
                      sigmas: float) -> tuple[str, str]:
    """The explorer's two readouts for a state: the units' help line, and :func:`scenario_html` (or the problem).

    Parameters
    ----------
    index_level : float
        The index level the position is opened at.
    daily_volatility : float
        The daily standard deviation of the index's returns, a decimal.
    symbol : str
        One of :data:`rut_edu.instruments.SCENARIO_SYMBOLS`.
    units : int
        Contracts, or dollars a point for a CFD.
    leverage : float
        Notional over margin.
    sigmas : float
        The move, in daily standard deviations.

    Returns
    -------
    tuple of (str, str)
        The units' help line and the scenario's table.

    Examples
    --------
    >>> help_line, table = leverage_readouts(*chapter_inputs(), "M2K", 2, 10.0, -2.0)
    >>> "<table" in table
    True
    """
    help_line = (f"<p>Position in {html.escape(UNIT_LABELS.get(symbol, 'units'))}; move in daily standard deviations "
                 "(negative is a fall).</p>")

    def render():
        scenario = instruments.leverage_scenario(symbol, units=units, leverage=leverage, index_level=index_level,
                                                 daily_volatility=daily_volatility, sigmas=sigmas)
        return scenario_html(scenario, daily_volatility=daily_volatility)

    return help_line, readout_or_problem(render)


def chapter_inputs() -> tuple[float, float]:
    """What chapter 5 passes to the explorer.

    The last Russell 2000 close and the standard deviation of its daily price returns over the whole history.

    Returns
    -------
    tuple of (float, float)
        The last close and the daily standard deviation of returns (a decimal).

    Examples
    --------
    >>> level, daily_volatility = chapter_inputs()
    >>> level > 0 and 0 < daily_volatility < 0.1
    True
    """
    from rut_edu import data, risk

    closes = data.load_russell2000_daily()["close"]
    return float(closes.iloc[-1]), float(risk.simple_returns(closes).std())


def leverage_explorer(index_level: float, daily_volatility: float):
    """Instrument, position size, leverage and the size of the move, wired to :func:`scenario_html`.

    Parameters
    ----------
    index_level : float
        The index level the position is opened at.
    daily_volatility : float
        The daily standard deviation of the index's returns, a decimal.

    Returns
    -------
    ipywidgets.VBox
        The controls and the readout; the box carries the class the website build finds it by.

    Examples
    --------
    >>> box = leverage_explorer(*chapter_inputs())
    >>> type(box).__name__
    'VBox'
    """
    return SITE.explorer(index_level, daily_volatility)


SITE = SiteWidget(
    name="leverage",
    axes=(choice_axis("Instrument", instruments.SCENARIO_SYMBOLS, kind="toggle", start="M2K"),
          numeric_axis("Position", (1, 2, 5, 10), "d", notebook=(1, 20, 1), start=2),
          numeric_axis("Leverage", (1.0, 5.0, 10.0, 20.0, 30.0), "g", notebook=(1.0, 30.0, 1.0), start=10.0),
          numeric_axis("Move (sd)", (-4.0, -3.0, -2.0, -1.0, 1.0, 2.0, 3.0, 4.0), "+g", notebook=(-5.0, 5.0, 0.5),
                       start=-2.0)),
    inputs=chapter_inputs,
    readouts=leverage_readouts,
)
