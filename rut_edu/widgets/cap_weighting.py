"""Widget: change one company's price, shares or float and watch the index respond."""

from __future__ import annotations

import dataclasses
import html

import pandas as pd

from rut_edu.index import CapWeightedIndex
from rut_edu.palette import ROLE_COLOURS
from rut_edu.widgets.html_bars import css_bar


@dataclasses.dataclass(frozen=True)
class ChangeResult:
    """What one edit does to the index: weights, contributions, level and divisor."""

    company: str
    table: pd.DataFrame  # columns: weight before, weight after, contribution
    level_before: float
    level_after: float
    divisor_before: float
    divisor_after: float

    @property
    def index_return(self) -> float:
        return self.level_after / self.level_before - 1.0


def explore_change(index: CapWeightedIndex, company: str, price: float, shares: float,
                   float_factor: float) -> ChangeResult:
    """Apply a new price, share count and float factor to one company.

    The price change is a market move: the divisor stays and the level moves.
    The share and float changes are corporate actions: the divisor is reset so
    they do not move the level. Contributions are start weight times the
    company's price return, so they add up to the index return.
    """
    if company not in index.constituents.index:
        raise ValueError(f"{company!r} is not in the index; choose one of {list(index.constituents.index)}")
    old_price = index.constituents.loc[company, "price"]
    moved = index.reprice({company: price})
    after = moved.set_shares(company, shares).set_float(company, float_factor)
    returns = pd.Series(0.0, index=index.constituents.index)
    returns[company] = price / old_price - 1.0
    start_weights = index.weights
    table = pd.DataFrame(
        {
            "weight before": start_weights,
            "weight after": after.weights,
            "contribution": start_weights * returns,
        }
    )
    return ChangeResult(company, table, index.level, after.level, index.divisor, after.divisor)


def result_html(result: ChangeResult) -> str:
    """An accessible HTML summary of a :class:`ChangeResult`: a captioned table with bars.

    The bars are drawn in HTML rather than as an image so a slider move redraws in
    well under a millisecond; every bar has its number printed next to it.
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


def cap_weighting_explorer(index: CapWeightedIndex):
    """Sliders for one company's price, shares (millions) and float factor."""
    import ipywidgets as widgets

    names = list(index.constituents.index)
    company = widgets.Dropdown(options=names, value=names[0], description="Company")
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="420px")
    price = widgets.FloatSlider(description="Price ($)", min=1, max=300, step=1, style=style, layout=layout)
    shares = widgets.FloatSlider(description="Shares (millions)", min=1, max=100, step=1, style=style, layout=layout)
    float_factor = widgets.FloatSlider(description="Float factor", min=0.05, max=1.0, step=0.05,
                                       style=style, layout=layout)
    summary = widgets.HTML()
    syncing = {"active": False}

    def refresh(*_):
        if syncing["active"]:
            return
        result = explore_change(index, company.value, price.value, shares.value * 1e6, float_factor.value)
        summary.value = result_html(result)

    def select(*_):
        syncing["active"] = True
        p, q, f = _current(index, company.value)
        price.value, shares.value, float_factor.value = p, q / 1e6, f
        syncing["active"] = False
        refresh()

    company.observe(select, names="value")
    for control in (price, shares, float_factor):
        control.observe(refresh, names="value")
    select()
    return widgets.VBox([company, price, shares, float_factor, summary])


def _current(index: CapWeightedIndex, company: str) -> tuple[float, float, float]:
    row = index.constituents.loc[company]
    return float(row["price"]), float(row["shares"]), float(row["float_factor"])
