"""Widget: change one company's price, shares or float and watch the index respond."""

from __future__ import annotations

import dataclasses
import html

from rut_edu.index import CapWeightedIndex, CompanyChange, change_company, five_companies
from rut_edu.palette import ROLE_COLOURS
from rut_edu.widgets.html_bars import css_bar
from rut_edu.widgets.site_grid import GridAxis, SiteWidget, choice_axis, readout_or_problem


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


@dataclasses.dataclass(frozen=True)
class SliderRange:
    """The range and step of one slider, derived from the value it starts at."""

    minimum: float
    maximum: float
    step: float


def slider_ranges(index: CapWeightedIndex, company: str) -> dict[str, SliderRange]:
    """Ranges for one company's price ($), shares (millions) and float factor sliders.

    Price and shares run from a fifth to three times the company's current value in
    steps of 1% of it, so the current value is always inside the range and on the grid:
    selecting a company never moves the index by itself. The float factor runs over (0, 1].

    Parameters
    ----------
    index : CapWeightedIndex
        The index at launch.
    company : str
        The constituent the sliders edit.

    Returns
    -------
    dict of str to SliderRange
        The price, shares and float factor sliders' minimum, maximum and step.

    Examples
    --------
    >>> (index,) = SITE.inputs()
    >>> sorted(slider_ranges(index, "A"))
    ['float_factor', 'price', 'shares']
    """
    price, shares, float_factor = _current(index, company)
    ranges = {}
    for name, value in (("price", price), ("shares", shares / 1e6)):
        ranges[name] = SliderRange(minimum=value / 5, maximum=value * 3, step=value / 100)
    ranges["float_factor"] = SliderRange(minimum=0.01, maximum=1.0, step=0.01)
    return ranges


def cap_weighting_readouts(index: CapWeightedIndex, company: str, price: float, shares_millions: float,
                           float_factor: float) -> tuple[str]:
    """The explorer's one readout: :func:`result_html` of one company's change (shares in millions), or the problem.

    Parameters
    ----------
    index : CapWeightedIndex
        The index at launch.
    company : str
        The constituent changed.
    price : float
        Its new price ($).
    shares_millions : float
        Its new shares outstanding, in millions.
    float_factor : float
        Its new float factor, in (0, 1].

    Returns
    -------
    tuple of str
        One HTML readout.

    Examples
    --------
    >>> (index,) = SITE.inputs()
    >>> cap_weighting_readouts(index, "A", 55.0, 10.0, 0.8)[0][:3]
    '<p>'
    """
    return (readout_or_problem(
        lambda: result_html(change_company(index, company, price=price, shares=shares_millions * 1e6,
                                           float_factor=float_factor))),)


def _relative_readouts(index: CapWeightedIndex, company: str, price_change: float, shares_change: float,
                       float_factor) -> tuple[str]:
    # The website's price and shares step through changes from the company's launch values (its sliders'
    # ranges differ by company); "as launched" keeps the float factor the company has.
    price, shares, launched_float = _current(index, company)
    return cap_weighting_readouts(index, company, price * (1 + price_change), shares / 1e6 * (1 + shares_change),
                                  launched_float if float_factor == AS_LAUNCHED else float_factor)


AS_LAUNCHED = "as launched"
PRICE_CHANGES = (-0.5, -0.2, 0.0, 0.2, 0.5, 1.0)
SHARE_CHANGES = (-0.5, 0.0, 1.0)


def cap_weighting_explorer(index: CapWeightedIndex):
    """Sliders for one company's price, shares (millions) and float factor.

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
    import ipywidgets as widgets

    names = list(index.constituents.index)
    company = widgets.Dropdown(options=names, value=names[0], description="Company")
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="420px")
    price = widgets.FloatSlider(description="Price ($)", style=style, layout=layout, readout_format=",.2f")
    shares = widgets.FloatSlider(description="Shares (millions)", style=style, layout=layout, readout_format=",.2f")
    float_factor = widgets.FloatSlider(description="Float factor", style=style, layout=layout, readout_format=".2f")
    sliders = {"price": price, "shares": shares, "float_factor": float_factor}
    summary = widgets.HTML()
    syncing = {"active": False}

    def refresh(*_):
        if syncing["active"]:
            return
        summary.value, = cap_weighting_readouts(index, company.value, price.value, shares.value, float_factor.value)

    def select(*_):
        syncing["active"] = True
        ranges = slider_ranges(index, company.value)
        p, q, f = _current(index, company.value)
        for (name, slider), value in zip(sliders.items(), (p, q / 1e6, f)):
            bounds = ranges[name]
            # Widen before narrowing so the old value never gets clamped on the way.
            slider.min, slider.max = min(slider.min, bounds.minimum), max(slider.max, bounds.maximum)
            slider.value = value
            slider.min, slider.max, slider.step = bounds.minimum, bounds.maximum, bounds.step
        syncing["active"] = False
        refresh()

    company.observe(select, names="value")
    for control in sliders.values():
        control.observe(refresh, names="value")
    select()
    box = widgets.VBox([company, price, shares, float_factor, summary])
    box.add_class(SITE.css_class)
    return box


SITE = SiteWidget(
    name="cap-weighting",
    axes=(choice_axis("Company", five_companies().index),
          GridAxis("Price ($)", PRICE_CHANGES, tuple(f"{c:+.0%} from launch" if c else "as launched"
                                                    for c in PRICE_CHANGES)),
          GridAxis("Shares (millions)", SHARE_CHANGES, tuple(f"{c:+.0%} from launch" if c else "as launched"
                                                             for c in SHARE_CHANGES)),
          GridAxis("Float factor", (AS_LAUNCHED, 0.2, 0.5, 1.0), (AS_LAUNCHED, "0.20", "0.50", "1.00"))),
    inputs=lambda: (CapWeightedIndex.launch(five_companies(), base_level=1000.0),),
    readouts=_relative_readouts,
    explorer=cap_weighting_explorer,
)
"""On the website the price and the shares move by set percentages from the company's launch values."""


def _current(index: CapWeightedIndex, company: str) -> tuple[float, float, float]:
    row = index.constituents.loc[company]
    return float(row["price"]), float(row["shares"]), float(row["float_factor"])
