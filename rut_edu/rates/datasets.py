"""The shipped data sets of the r-star chapter, built from the checksummed files of :mod:`rut_edu.data`.

The conventions of :mod:`rut_edu.rates` hold (percent per year, quarters dated on their first day).
"""

from __future__ import annotations

import pandas as pd

from rut_edu import data, validation
from rut_edu.rates.inflation import (
    INFLATION_MEASURES,
    KNOWN_GAPS,
    align,
    inflation_rate,
    quarterly_average,
    real_rate,
    stance_gap,
)


# ---------------------------------------------------------------------------------------------- the shipped data
def rstar_estimates() -> pd.DataFrame:
    """The New York Fed's Laubach-Williams estimates, quarterly, percent (data as of 28 August 2025).

    Columns ``rstar_onesided`` and ``rstar_twosided`` (the filtered estimate, from data up to each
    quarter but computed today, and the smoothed one that uses later data), ``trend_growth_*`` and ``output_gap_*``.

    Returns
    -------
    pandas.DataFrame
        One row per quarter, dated on its first day; the estimates in percent.

    Examples
    --------
    >>> round(float(rstar_estimates().loc["2025-04-01", "rstar_onesided"]), 3)
    1.373
    """
    frame = data.load_rstar()
    columns = [f"{part}_{side}" for part in ("rstar", "trend_growth", "output_gap") for side in ("onesided", "twosided")]
    return align({column: frame[column] for column in columns})


def policy_and_inflation(*, inflation_measure: str = "core PCE") -> pd.DataFrame:
    """The quarterly policy rate and inflation over the past year, from the shipped FRED series.

    ``policy_rate`` is the quarterly average of the monthly effective federal funds rate;
    ``inflation`` is the four-quarter percent change of the quarterly average price index
    (``inflation_measure``: ``"core PCE"`` or ``"CPI"``); ``real_rate`` is their difference.
    A series with a month its publisher never released (:data:`KNOWN_GAPS`) is used up to
    the month before it.

    Parameters
    ----------
    inflation_measure : str, default "core PCE"
        A key of :data:`INFLATION_MEASURES`: ``core PCE`` or ``CPI``.

    Returns
    -------
    pandas.DataFrame
        Quarterly columns ``policy_rate``, ``inflation`` and ``real_rate`` in percent, dated on each quarter's first day.

    Raises
    ------
    ValueError
        On an unknown inflation measure.

    Examples
    --------
    >>> round(float(policy_and_inflation().loc["2024-01-01", "policy_rate"]), 2)
    5.33
    """
    measure = validation.choice(inflation_measure, "inflation_measure", tuple(INFLATION_MEASURES))
    series_id = INFLATION_MEASURES[measure]
    monthly_prices = data.load_fred(series_id)
    if series_id in KNOWN_GAPS:
        monthly_prices = monthly_prices.loc[:pd.Timestamp(KNOWN_GAPS[series_id][0]) - pd.Timedelta(days=1)]
    policy = quarterly_average(data.load_fred("fedfunds"))
    prices = quarterly_average(monthly_prices)
    frame = align({"policy_rate": policy, "inflation": inflation_rate(prices, periods=4)})
    frame["real_rate"] = real_rate(frame["policy_rate"], frame["inflation"])
    return frame


def quarterly_dataset(*, inflation_measure: str = "core PCE") -> pd.DataFrame:
    """Everything the r-star chapter uses on one quarterly calendar: policy, inflation, real rate, r-star, gaps.

    The policy rate and inflation (:func:`policy_and_inflation`) joined to the
    Laubach-Williams estimates (:func:`rstar_estimates`) on the quarters both cover; the
    ``output_gap`` column is the one-sided (filtered) estimate, and ``stance_gap`` is the real
    rate minus the one-sided r-star.

    Parameters
    ----------
    inflation_measure : str, default "core PCE"
        A key of :data:`INFLATION_MEASURES`: ``core PCE`` or ``CPI``.

    Returns
    -------
    pandas.DataFrame
        One row per quarter (dated on its first day), the columns in percent or percentage points.

    Raises
    ------
    ValueError
        On an unknown inflation measure.

    Examples
    --------
    >>> frame = quarterly_dataset()
    >>> str(frame.index[0].date())  # the first quarter r-star is estimated; the last is the release's
    '1961-01-01'
    """
    rates = policy_and_inflation(inflation_measure=inflation_measure)
    estimates = rstar_estimates()
    frame = align({**{c: rates[c] for c in rates}, **{c: estimates[c] for c in estimates}})
    frame["output_gap"] = frame["output_gap_onesided"]
    frame["stance_gap"] = stance_gap(frame["real_rate"], frame["rstar_onesided"])
    return frame
