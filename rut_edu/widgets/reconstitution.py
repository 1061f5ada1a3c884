"""Widget: choose a band width, a schedule and a horizon; see turnover, migrations and flip-flops.

The logic is :func:`rut_edu.reconstitution.simulate` on one seeded path of the synthetic
universe, so every setting is compared on the same market history; this module only
formats the result and wires the controls.
"""

from __future__ import annotations

import html

from rut_edu import reconstitution
from rut_edu.palette import ROLE_COLOURS
from rut_edu.widgets.html_bars import css_bar
from rut_edu.widgets.site_grid import SiteWidget, choice_axis, numeric_axis, readout_or_problem

MAX_YEARS = 15


def result_html(result: reconstitution.SimulationResult) -> str:
    """A captioned table of a simulation's yearly averages, turnover drawn as a bar beside its number.

    Parameters
    ----------
    result : SimulationResult
        What :func:`rut_edu.reconstitution.simulate` returned.

    Returns
    -------
    str
        HTML.

    Examples
    --------
    >>> "<table" in result_html(reconstitution.simulate(years=1))
    True
    """
    summary = result.to_series()
    turnover = summary["turnover_per_year"]
    rows = [
        ("one-way turnover per year (share of the index by weight)", f"{turnover:.1%}",
         css_bar(turnover / 0.4, ROLE_COLOURS["russell2000"])),
        ("additions per year", f"{summary['additions_per_year']:,.0f}", ""),
        ("deletions per year (at reconstitutions)", f"{summary['deletions_per_year']:,.0f}", ""),
        ("moves between Russell 1000 and 2000 per year", f"{summary['migrations_per_year']:,.0f}", ""),
        ("flip-flops (moved, then moved back next time)", f"{summary['flip_flops']:,.0f}", ""),
    ]
    body = "".join(f"<tr><th scope='row'>{label}</th><td>{value}</td><td>{bar}</td></tr>" for label, value, bar in rows)
    return (
        f"<p><strong>{html.escape(result.schedule)}</strong> reconstitution for {result.years} years, bands "
        f"&plusmn;{result.band_1000:.2%} at rank 1,000 and &plusmn;{result.band_2000:.2%} at rank 2,000 "
        "(synthetic universe, seed 2026).</p>"
        "<table><caption>Yearly averages over the simulated years</caption><thead><tr><th scope='col'>measure</th>"
        "<th scope='col'>value</th><th scope='col'>bar</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def reconstitution_readouts(seed: int, band: float, schedule: str, years: int) -> tuple[str]:
    """The explorer's one readout for a state: :func:`result_html` of the simulation, or the problem it raised.

    Parameters
    ----------
    seed : int
        Seeds the synthetic universe's path.
    band : float
        The band's half-width at rank 1,000, a share of cap.
    schedule : str
        One of :data:`rut_edu.reconstitution.SCHEDULES`.
    years : int
        Years simulated.

    Returns
    -------
    tuple of str
        One HTML readout.

    Examples
    --------
    >>> "<table" in reconstitution_readouts(2026, 0.025, "annual", 1)[0]
    True
    """
    return (readout_or_problem(
        lambda: result_html(reconstitution.simulate_with_band(band_1000=band, schedule_name=schedule, years=years, seed=seed))),)


def reconstitution_explorer(seed: int):
    """Sliders for the band width and the horizon, and a switch between annual and semi-annual.

    Parameters
    ----------
    seed : int
        Seeds the synthetic universe's path, so every setting meets the same one.

    Returns
    -------
    ipywidgets.VBox
        The controls and the readout; the box carries the class the website build finds it by.

    Examples
    --------
    >>> box = reconstitution_explorer(2026)
    >>> type(box).__name__
    'VBox'
    """
    return SITE.explorer(seed)


SITE = SiteWidget(
    name="reconstitution",
    axes=(numeric_axis("Band at rank 1,000 (± share of cap)", (0.0, 0.005, 0.01, reconstitution.BAND_1000, 0.05), ".2%",
                       notebook=(0.0, 0.05, 0.0025), start=reconstitution.BAND_1000, readout_format=".2%"),
          choice_axis("Schedule", reconstitution.SCHEDULES, kind="toggle", start="annual"),
          numeric_axis("Years simulated", (1, 5, 10, MAX_YEARS), "d", notebook=(1, MAX_YEARS, 1), start=10)),
    inputs=lambda: (2026,),
    readouts=reconstitution_readouts,
)
