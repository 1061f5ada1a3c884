"""Widget: change one company's price, shares or float and watch the index respond."""

from __future__ import annotations

import html

from rut_edu.index import CapWeightedIndex, CompanyChange, change_company, five_companies
from rut_edu.palette import ROLE_COLOURS
from rut_edu.widgets.html_bars import css_bar
from rut_edu.widgets.site_grid import Control, GridAxis, SiteWidget, readout_or_problem


def result_html(result: CompanyChange) -> str:
    """An accessible HTML summary of a :class:`rut_edu.index.CompanyChange`: a captioned table with bars.

    The bars are drawn in HTML rather than as an image so a slider move redraws in
    well under a millisecond; every bar has its number printed next to it.

    Parameters
    ----------
    result : CompanyChange
        What :func:`rut_edu.index.change_company` returned.

    Returns
    -------
    str
        HTML.

    Examples
    --------
    >>> (index,) = SITE.inputs()
    >>> "<table" in result_html(change_company(index, "A", price=55.0, shares=10e6, float_factor=0.8))
    True
    """
    table = result.table
    top_weight = max(table["weight before"].max(), table["weight after"].max())
    top_contribution = max(abs(table["contribution"]).max(), 1e-12)
    rows = []
    for name, row in table.iterrows():
        contribution = row["contribution"]
        colour = ROLE_COLOURS["highlight"] if contribution < 0 else ROLE_COLOURS["sp500"]
        left = css_bar(contribution / top_contribution, colour, from_right=True) if contribution < 0 else ""
        right = css_bar(contribution / top_contribution, colour) if contribution > 0 else ""
        rows.append(
            f"<tr><th scope='row'>{html.escape(str(name))}</th><td>{row['weight before']:.2%}</td>"
            f"<td>{row['weight after']:.2%}</td>"
            f"<td>{css_bar(row['weight after'] / top_weight, ROLE_COLOURS['russell2000'])}</td>"
            f"<td>{row['contribution']:+.3%}</td><td>{left}</td><td>{right}</td></tr>"
        )
    return (
        f"<p>Editing <strong>{html.escape(str(result.company))}</strong> only; choosing another company "
        "starts again from the launch index.</p>"
        f"<p><strong>Index level</strong> {result.level_before:,.2f} &rarr; {result.level_after:,.2f} "
        f"({result.index_return:+.3%}); <strong>divisor</strong> {result.divisor_before:,.0f} &rarr; "
        f"{result.divisor_after:,.0f}</p>"
        "<table><caption>Weights before and after the change, and each company's contribution "
        "to the index return (bars: weight after, and contribution below or above zero)</caption>"
        "<thead><tr><th scope='col'>company</th><th scope='col'>weight before</th>"
        "<th scope='col'>weight after</th><th scope='col'>weight after (bar)</th>"
        "<th scope='col'>contribution</th><th scope='col'>negative</th><th scope='col'>positive</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


AS_LAUNCHED = "as launched"
PRICE_CHANGES = (-0.5, -0.2, 0.0, 0.2, 0.5, 1.0)
SHARE_CHANGES = (-0.5, 0.0, 1.0)


def cap_weighting_readouts(index: CapWeightedIndex, company: str, price_change: float, shares_change: float,
                           float_factor: float | str) -> tuple[str]:
    """The explorer's one readout: :func:`result_html` of one company's change from its launch values.

    Price and shares move by a fraction of their launch values (so one slider fits every company, a penny
    stock and a giant alike); the float factor is set outright, or kept as launched.

    Parameters
    ----------
    index : CapWeightedIndex
        The index at launch.
    company : str
        The constituent changed.
    price_change : float
        The change of its price from launch, as a decimal (0.2 is +20%); above -1.
    shares_change : float
        The change of its shares outstanding from launch, as a decimal; above -1.
    float_factor : float or "as launched"
        Its new float factor, in (0, 1], or :data:`AS_LAUNCHED` for the one it has.

    Returns
    -------
    tuple of str
        One HTML readout (the problem, as a paragraph, for a change the index refuses).

    Examples
    --------
    >>> (index,) = SITE.inputs()
    >>> "1,000.00 &rarr; 1,000.00" in cap_weighting_readouts(index, "A", 0.0, 0.5, AS_LAUNCHED)[0]
    True
    """
    def render():
        price, shares, launched_float = _current(index, company)
        chosen_float = launched_float if float_factor == AS_LAUNCHED else float_factor
        return result_html(change_company(index, company, price=price * (1 + price_change),
                                          shares=shares * (1 + shares_change), float_factor=chosen_float))

    return (readout_or_problem(render),)


def cap_weighting_explorer(index: CapWeightedIndex):
    """Sliders for one company's price and shares (as changes from launch) and a menu of float factors.

    Edits apply to the chosen company only, starting from the launch state of the
    index: choosing another company puts the previous one back as it was (the
    readout says so), so every readout is one company's change against the start.

    Parameters
    ----------
    index : CapWeightedIndex
        The index at launch; each edit starts from it.

    Returns
    -------
    ipywidgets.VBox
        The controls and the readout; the box carries the class the website build finds it by.

    Examples
    --------
    >>> box = cap_weighting_explorer(*SITE.inputs())
    >>> type(box).__name__
    'VBox'
    """
    return SITE.explorer(index)


def _companies(index: CapWeightedIndex) -> list[tuple[str, str]]:
    # the notebook offers the companies of the index it is given; the website, those of the chapter's
    return [(str(name), name) for name in index.constituents.index]


def _float_factors(_index: CapWeightedIndex) -> list[tuple[str, object]]:
    return [(AS_LAUNCHED, AS_LAUNCHED)] + [(f"{k / 20:.2f}", round(k / 20, 2)) for k in range(1, 21)]


def _change_labels(changes: tuple[float, ...]) -> tuple[str, ...]:
    return tuple(f"{c:+.0%} from launch" if c else AS_LAUNCHED for c in changes)


SITE = SiteWidget(
    name="cap-weighting",
    axes=(GridAxis("Company", tuple(five_companies().index), tuple(five_companies().index),
                   Control("dropdown", options=_companies)),
          # a fifth to three times the launch value, in steps of 1% of it, for every company
          GridAxis("Price vs launch", PRICE_CHANGES, _change_labels(PRICE_CHANGES),
                   Control("slider", low=-0.8, high=2.0, step=0.01, start=0.0, readout_format="+.0%",
                           label_format="+.0%")),
          GridAxis("Shares vs launch", SHARE_CHANGES, _change_labels(SHARE_CHANGES),
                   Control("slider", low=-0.8, high=2.0, step=0.01, start=0.0, readout_format="+.0%",
                           label_format="+.0%")),
          GridAxis("Float factor", (AS_LAUNCHED, 0.2, 0.5, 1.0), (AS_LAUNCHED, "0.20", "0.50", "1.00"),
                   Control("dropdown", options=_float_factors))),
    inputs=lambda: (CapWeightedIndex.launch(five_companies(), base_level=1000.0),),
    readouts=cap_weighting_readouts,
)


def _current(index: CapWeightedIndex, company: str) -> tuple[float, float, float]:
    row = index.constituents.loc[company]
    return float(row["price"]), float(row["shares"]), float(row["float_factor"])
