"""Widget: change one company's price, shares or float and watch the index respond."""

from __future__ import annotations

import base64
import dataclasses
import html

import pandas as pd

from rut_edu.index import CapWeightedIndex


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
    """An accessible HTML summary of a :class:`ChangeResult` (a table with a caption)."""
    rows = "".join(
        f"<tr><th scope='row'>{html.escape(str(name))}</th><td>{row['weight before']:.2%}</td>"
        f"<td>{row['weight after']:.2%}</td><td>{row['contribution']:+.3%}</td></tr>"
        for name, row in result.table.iterrows()
    )
    return (
        f"<p><strong>Index level</strong> {result.level_before:,.2f} &rarr; {result.level_after:,.2f} "
        f"({result.index_return:+.3%}); <strong>divisor</strong> {result.divisor_before:,.0f} &rarr; "
        f"{result.divisor_after:,.0f}</p>"
        "<table><caption>Weights before and after the change, and each company's contribution "
        "to the index return</caption><thead><tr><th scope='col'>company</th><th scope='col'>weight before</th>"
        "<th scope='col'>weight after</th><th scope='col'>contribution</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def result_alt_text(result: ChangeResult) -> str:
    """Alt text for the widget's chart, stating what it shows for this result."""
    weights = result.table["weight after"]
    return (
        f"Two bar charts. Left: weights after the change, largest {weights.idxmax()} at {weights.max():.1%}, "
        f"{result.company} at {weights[result.company]:.1%}. Right: contributions to the index return, "
        f"{result.company} {result.table.loc[result.company, 'contribution']:+.2%}, every other company zero."
    )


def chart_html(png: bytes, alt: str) -> str:
    """An inline image tag, so the chart and its alt text travel inside one HTML widget."""
    encoded = base64.b64encode(png).decode("ascii")
    return f"<img src='data:image/png;base64,{encoded}' alt='{html.escape(alt, quote=True)}' style='max-width:100%'>"


class _Chart:
    """One persistent figure whose bars are updated in place, for fast redraws."""

    def __init__(self, result: ChangeResult):
        import matplotlib.pyplot as plt

        from rut_edu.plotting import charts

        self.fig = charts.weights_and_contributions(result.table["weight after"], result.table["contribution"])
        # Closed so the notebook does not also show it as a stray static output; it still renders to PNG.
        plt.close(self.fig)
        self.left, self.right = self.fig.axes
        self.weight_bars = self.left.patches
        self.contribution_bars = self.right.patches

    def png(self, result: ChangeResult) -> bytes:
        from rut_edu.plotting import ROLE_COLOURS, figure_png

        for bar, value in zip(self.weight_bars, result.table["weight after"]):
            bar.set_height(value)
        for bar, value in zip(self.contribution_bars, result.table["contribution"]):
            bar.set_height(value)
            bar.set_color(ROLE_COLOURS["highlight"] if value < 0 else ROLE_COLOURS["sp500"])
        top = max(result.table["weight after"].max(), 1e-9) * 1.15
        self.left.set_ylim(0, top)
        span = max(abs(result.table["contribution"]).max(), 0.001) * 1.3
        self.right.set_ylim(-span, span)
        return figure_png(self.fig)


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
    chart = _Chart(explore_change(index, names[0], *_current(index, names[0])))
    syncing = {"active": False}

    def refresh(*_):
        if syncing["active"]:
            return
        result = explore_change(index, company.value, price.value, shares.value * 1e6, float_factor.value)
        summary.value = result_html(result) + chart_html(chart.png(result), result_alt_text(result))

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
