"""Widget: set r-star, the inflation target and the two weights; see the rule's path against the actual rate."""

from __future__ import annotations

import pandas as pd

from rut_edu import rates
from rut_edu.palette import ROLE_COLOURS
from rut_edu.widgets.site_grid import SiteWidget, numeric_axis, readout_or_problem
from rut_edu.widgets.svg_lines import Line, svg_line_chart


def taylor_report(quarters: pd.DataFrame, rstar: float, inflation_target: float, inflation_weight: float,
                  gap_weight: float) -> str:
    """HTML: the rule's implied rate beside the actual federal funds rate, and what the gap was.

    Parameters
    ----------
    quarters : pandas.DataFrame
        A :func:`rut_edu.rates.quarterly_dataset`.
    rstar : float
        r-star, percent.
    inflation_target : float
        Percent.
    inflation_weight : float
        The weight on the inflation gap.
    gap_weight : float
        The weight on the output gap.

    Returns
    -------
    str
        HTML.

    Examples
    --------
    >>> "<svg" in taylor_report(*SITE.inputs(), 0.5, 2.0, 0.5, 1.0)
    True
    """
    rule = rates.TaylorRule("chosen", inflation_weight, gap_weight, inflation_target, rstar)
    path = rates.taylor_path(rule, quarters)
    gap = path["gap"]
    last = path.index[-1]
    period = f"{path.index[0].year}-{last.year}"
    chart = svg_line_chart(
        [Line("federal funds rate (actual)", path["actual"], ROLE_COLOURS["neutral"]),
         Line("rule's implied rate", path["implied"], ROLE_COLOURS["russell2000"], "6 3")],
        title=f"The rule's implied policy rate and the actual federal funds rate, quarterly, {period}",
        y_label="percent")
    since_2008 = gap.loc["2008-01-01":]
    summary = (
        f"<p>Rule: r* {rstar:g}%, inflation target {inflation_target:g}%, weights {inflation_weight:g} on the "
        f"inflation gap and {gap_weight:g} on the output gap. In {last:%Y} Q{(last.month - 1) // 3 + 1} it prescribes "
        f"<strong>{path['implied'].iloc[-1]:.2f}%</strong> against an actual <strong>{path['actual'].iloc[-1]:.2f}%"
        f"</strong>. Over {period} the actual rate was below the rule in "
        f"<strong>{(gap < 0).mean():.0%}</strong> of quarters, on average by "
        f"<strong>{abs(gap[gap < 0].mean()) if (gap < 0).any() else 0.0:.2f}</strong> points; since 2008 the average "
        f"gap is <strong>{since_2008.mean():+.2f}</strong> points.</p>")
    return summary + chart


def taylor_readouts(quarters: pd.DataFrame, rstar: float, inflation_target: float, inflation_weight: float,
                    gap_weight: float) -> tuple[str]:
    """The explorer's one readout for a state of its sliders: :func:`taylor_report`, or the problem it raised.

    Parameters
    ----------
    quarters : pandas.DataFrame
        A :func:`rut_edu.rates.quarterly_dataset`.
    rstar : float
        r-star, percent.
    inflation_target : float
        Percent.
    inflation_weight : float
        The weight on the inflation gap.
    gap_weight : float
        The weight on the output gap.

    Returns
    -------
    tuple of str
        One HTML readout.

    Examples
    --------
    >>> taylor_readouts(*SITE.inputs(), 0.5, 2.0, 0.5, 1.0)[0][:3]
    '<p>'
    """
    return (readout_or_problem(taylor_report, quarters, rstar, inflation_target, inflation_weight, gap_weight),)


def taylor_explorer(quarters: pd.DataFrame):
    """Sliders for r-star, the inflation target and the two weights, wired to :func:`taylor_report`.

    Parameters
    ----------
    quarters : pandas.DataFrame
        A :func:`rut_edu.rates.quarterly_dataset`.

    Returns
    -------
    ipywidgets.VBox
        The controls and the readout; the box carries the class the website build finds it by.

    Examples
    --------
    >>> box = taylor_explorer(*SITE.inputs())
    >>> type(box).__name__
    'VBox'
    """
    return SITE.explorer(quarters)


SITE = SiteWidget(
    name="taylor",
    axes=(numeric_axis("r-star (%)", (-0.5, 0.0, 0.5, 1.0, 2.0, 3.0), "g", notebook=(-1.0, 4.0, 0.25), start=2.0),
          numeric_axis("inflation target (%)", (1.0, 2.0, 3.0), "g", notebook=(0.0, 4.0, 0.5), start=2.0),
          numeric_axis("inflation weight", (0.0, 0.5, 1.0, 1.5), "g", notebook=(0.0, 2.0, 0.25), start=0.5),
          numeric_axis("output-gap weight", (0.0, 0.5, 1.0), "g", notebook=(0.0, 2.0, 0.25), start=0.5)),
    inputs=lambda: (rates.quarterly_dataset(inflation_measure="core PCE"),),
    readouts=taylor_readouts,
)
"""On the website: r-star from -0.5% to 3% (the estimates in the chapter run from about 0 to 2.5%), three
inflation targets, and the weights of Taylor's rule (0.5, 0.5) and the balanced-approach rule (0.5, 1.0)
among their neighbours."""
