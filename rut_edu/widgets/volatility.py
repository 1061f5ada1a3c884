"""Widget: pick a date range and a return frequency, compare the two indexes' risk."""

from __future__ import annotations

import dataclasses
import html

import pandas as pd

from rut_edu import risk
from rut_edu.palette import ROLE_COLOURS
from rut_edu.widgets.html_bars import css_bar

FREQUENCIES = ("daily", "weekly", "monthly")


@dataclasses.dataclass(frozen=True)
class PreparedPair:
    """Two level series on their common dates, resampled once per frequency."""

    names: tuple[str, str]
    levels: dict[str, tuple[pd.Series, pd.Series]]

    @property
    def years(self) -> tuple[int, int]:
        daily = self.levels["daily"][0].index
        return int(daily[0].year), int(daily[-1].year)


def prepare_pair(asset_levels: pd.Series, market_levels: pd.Series,
                 names: tuple[str, str] = ("Russell 2000", "S&P 500")) -> PreparedPair:
    """Align the two daily series and resample them to every frequency, once."""
    a, m = risk.common_dates(asset_levels, market_levels)
    levels = {f: (risk.resample_levels(a, f), risk.resample_levels(m, f)) for f in FREQUENCIES}
    return PreparedPair(names, levels)


def summarize_window(prepared: PreparedPair, start_year: int, end_year: int, frequency: str) -> pd.Series:
    """The risk comparison for whole calendar years ``start_year``..``end_year`` at ``frequency``."""
    if frequency not in FREQUENCIES:
        raise ValueError(f"frequency must be one of {FREQUENCIES}, got {frequency!r}")
    if start_year > end_year:
        raise ValueError(f"the start year {start_year} is after the end year {end_year}")
    first, last = prepared.years
    if start_year < first or end_year > last:
        raise ValueError(f"years must lie within {first}-{last}")
    asset, market = prepared.levels[frequency]
    window = slice(f"{start_year}-01-01", f"{end_year}-12-31")
    return risk.compare(asset.loc[window], market.loc[window], frequency)


def ratio_table(prepared: PreparedPair, year_ranges: list[tuple[int, int]],
                frequencies: tuple[str, ...] = FREQUENCIES) -> pd.DataFrame:
    """The volatility ratio for each range of whole years (rows) at each frequency (columns)."""
    if not year_ranges:
        raise ValueError("year_ranges must list at least one (start_year, end_year) pair")
    return pd.DataFrame(
        {f: [summarize_window(prepared, s, e, f)["volatility ratio"] for s, e in year_ranges] for f in frequencies},
        index=[f"{s}-{e}" for s, e in year_ranges],
    )


def caveats(summary: pd.Series, frequency: str) -> list[str]:
    """What a reader must know before trusting a window's numbers: too few returns, coarse drawdowns."""
    notes = []
    count = int(summary["returns"])
    if count < risk.FEW_RETURNS:
        notes.append(f"Only {count} {frequency} returns: too few for a stable estimate (the course asks for at "
                     f"least {risk.FEW_RETURNS}); widen the years or use a finer frequency.")
    if frequency != "daily":
        notes.append(f"Drawdowns here use {frequency} closing levels, so a fall that recovered within the "
                     "period does not show: they are shallower than the daily ones.")
    return notes


def summary_html(summary: pd.Series, names: tuple[str, str], period: str, frequency: str = "daily") -> str:
    """A captioned HTML table of a :func:`summarize_window` result, drawdowns drawn as bars, caveats first."""
    asset, market = (html.escape(n) for n in names)
    warnings = "".join(f"<p role='note'><strong>Note:</strong> {html.escape(text)}</p>"
                       for text in caveats(summary, frequency))

    rows = [
        ("annualised volatility", f"{summary['asset volatility']:.1%}", f"{summary['market volatility']:.1%}", "", ""),
        ("maximum drawdown", f"{summary['asset max drawdown']:.1%}", f"{summary['market max drawdown']:.1%}",
         css_bar(summary["asset max drawdown"], ROLE_COLOURS["russell2000"]),
         css_bar(summary["market max drawdown"], ROLE_COLOURS["sp500"])),
    ]
    body = "".join(
        f"<tr><th scope='row'>{label}</th><td>{a}</td><td>{m}</td><td>{ba}</td><td>{bm}</td></tr>"
        for label, a, m, ba, bm in rows
    )
    return (
        f"{warnings}<p><strong>{period}</strong>, {int(summary['returns']):,} returns: volatility ratio "
        f"<strong>{summary['volatility ratio']:.2f}</strong>, beta <strong>{summary['beta']:.2f}</strong>, "
        f"correlation <strong>{summary['correlation']:.2f}</strong>.</p>"
        f"<table><caption>Risk of the {asset} and the {market} over the chosen years</caption>"
        f"<thead><tr><th scope='col'>measure</th><th scope='col'>{asset}</th><th scope='col'>{market}</th>"
        f"<th scope='col'>{asset} (bar)</th><th scope='col'>{market} (bar)</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def volatility_explorer(prepared: PreparedPair):
    """A year-range slider and a frequency switch over a :class:`PreparedPair`."""
    import ipywidgets as widgets

    first, last = prepared.years
    years = widgets.IntRangeSlider(value=(first, last), min=first, max=last, step=1, description="Years",
                                   layout=widgets.Layout(width="480px"))
    frequency = widgets.ToggleButtons(options=list(FREQUENCIES), value="daily", description="Returns")
    output = widgets.HTML()

    def refresh(*_):
        start, end = years.value
        try:
            summary = summarize_window(prepared, start, end, frequency.value)
        except ValueError as problem:
            output.value = f"<p>{html.escape(str(problem))}</p>"
            return
        output.value = summary_html(summary, prepared.names, f"{start}-{end}, {frequency.value} returns",
                                    frequency.value)

    years.observe(refresh, names="value")
    frequency.observe(refresh, names="value")
    refresh()
    return widgets.VBox([years, frequency, output])
