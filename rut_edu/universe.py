"""A seeded SYNTHETIC universe of about 4,000 US companies shaped like the Russell 3000E.

No real company is in it: every name is ``SYN-0001`` and so on, and every table
and figure built from it must say it is synthetic. It exists because the real
constituent list may not be redistributed (see ``rut_edu/data/SOURCES.md``).

Calibration (methodology-facts sections 1.8 and 7):

* Total market capitalization on rank day follows a rank-size curve through
  published anchors: the Russell 1000/2000 breakpoint near $4.6 billion at rank
  1,000, the smallest Russell 2000 member near $150 million at rank 3,000, and a
  Russell 3000 of about $60 trillion in which the Russell 2000 holds about 7%.
* Between rank day and the "snapshot" date prices disperse: each company's
  value is multiplied by a lognormal factor with volatility ``dispersion``
  (1.0 by default). That spread reproduces three concentration measures of the
  May 2026 IWM holdings: top 10 weight about 7%, effective number about 530 and
  smallest half about 10%. It does not reproduce the single largest weight: the
  fund's largest holding was about 1.9%, an outlier; the synthetic universe's
  largest is about 0.9% (seed 2026), because a smooth size curve makes no outliers.
* Float factors are Beta(8, 1.5) draws, at least 0.06 (a float of at least 5% is an
  eligibility rule); industries are ICB industries drawn with small-cap-like odds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rut_edu import validation
from rut_edu.family import RANK_RANGES

# (rank, total market cap in dollars) on rank day; log-log interpolation between them
RANK_SIZE_ANCHORS = (
    (1, 3.2e12), (10, 9.0e11), (50, 2.0e11), (100, 1.0e11), (500, 2.0e10),
    (1000, 4.6e9), (1500, 3.1e9), (2000, 2.0e9), (2500, 9.0e8), (3000, 1.5e8), (4000, 3.0e7),
)

ICB_INDUSTRIES = {
    # odds of each ICB industry among small caps (rough, for teaching)
    "Industrials": 0.19, "Health Care": 0.17, "Financials": 0.16, "Technology": 0.13,
    "Consumer Discretionary": 0.12, "Real Estate": 0.06, "Energy": 0.05, "Basic Materials": 0.04,
    "Consumer Staples": 0.03, "Utilities": 0.03, "Telecommunications": 0.02,
}

def rank_size_curve(ranks: np.ndarray) -> np.ndarray:
    """Total market cap at each rank on the calibrated rank-size curve (dollars).

    Parameters
    ----------
    ranks : array-like
        Ranks by total market cap, 1 for the largest; fractional ranks are interpolated.

    Returns
    -------
    numpy.ndarray
        Dollars, log-linear between the calibration anchors (:data:`RANK_SIZE_ANCHORS`).

    Raises
    ------
    ValueError
        On NaN or infinite ranks, none at all, or a rank below 1.

    Examples
    --------
    >>> (rank_size_curve(np.array([1000.0, 3000.0])) / 1e9).round(2).tolist()
    [4.6, 0.15]
    """
    ranks = validation.finite_values(ranks, "ranks")
    if np.any(ranks < 1):
        raise ValueError("ranks start at 1")
    anchor_ranks = np.log([r for r, _ in RANK_SIZE_ANCHORS])
    anchor_caps = np.log([c for _, c in RANK_SIZE_ANCHORS])
    return np.exp(np.interp(np.log(ranks), anchor_ranks, anchor_caps))


def synthetic_universe(*, seed: int = 2026, n_companies: int = 4000, dispersion: float = 1.0) -> pd.DataFrame:
    """A synthetic Russell 3000E-like universe, one row per company (SYN-xxxx).

    Columns: ``rank`` (by total cap on rank day), ``size_index`` (Russell 1000,
    Russell 2000 or below), ``rank_day_total_cap`` and ``total_cap`` (dollars,
    on rank day and at the snapshot), ``price``, ``shares``, ``float_factor``,
    ``float_cap`` and ``industry`` (ICB). ``attrs["synthetic"]`` is True.

    Parameters
    ----------
    seed : int, default 2026
        The random seed, 0 or more: the same seed rebuilds the same universe.
    n_companies : int, default 4000
        3,001 to 4,000 (the Russell 3000E holds at most 4,000).
    dispersion : float, default 1.0
        The standard deviation of log growth from rank day to the snapshot, 0 or more.

    Returns
    -------
    pandas.DataFrame
        One row per company, indexed by its SYN-xxxx name, the columns above.

    Raises
    ------
    ValueError
        For a seed that is not a whole number, or a size or dispersion out of range.

    Examples
    --------
    >>> table = synthetic_universe(seed=2026)
    >>> len(table), int((table["size_index"] == "Russell 2000").sum()), table.attrs["synthetic"]
    (4000, 2000, True)
    """
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise validation.WrongKindError(f"seed must be a whole number, so the universe can be rebuilt exactly; got {seed!r}")
    seed = validation.whole_number(seed, "seed", minimum=0)
    # More than 3,000 so the Russell 2000 is full; the Russell 3000E holds at most 4,000.
    n_companies = validation.whole_number(n_companies, "n_companies", minimum=3001, maximum=4000)
    dispersion = validation.real_number(dispersion, "dispersion", low=0)
    rng = np.random.default_rng(seed)
    ranks = np.arange(1, n_companies + 1)

    # Jitter the curve a little, then re-rank so ranks really are by size.
    rank_day_cap = np.sort(rank_size_curve(ranks) * np.exp(rng.normal(0.0, 0.05, n_companies)))[::-1]
    growth = np.exp(rng.normal(-0.5 * dispersion**2, dispersion, n_companies))
    total_cap = rank_day_cap * growth
    price = np.round(np.exp(rng.normal(np.log(30.0), 0.8, n_companies)), 2).clip(1.0, None)
    shares = np.round(rank_day_cap / price)
    price = np.round(total_cap / shares, 4)
    float_factor = np.round(np.clip(rng.beta(8.0, 1.5, n_companies), 0.06, 1.0), 4)
    names = list(ICB_INDUSTRIES)
    odds = np.array(list(ICB_INDUSTRIES.values()))
    industry = rng.choice(names, size=n_companies, p=odds / odds.sum())

    large_end, small_end = RANK_RANGES["Russell 1000"][1], RANK_RANGES["Russell 2000"][1]
    size_index = np.where(ranks <= large_end, "Russell 1000",
                          np.where(ranks <= small_end, "Russell 2000", "below Russell 3000"))
    universe = pd.DataFrame(
        {
            "rank": ranks,
            "size_index": size_index,
            "rank_day_total_cap": rank_day_cap,
            "total_cap": price * shares,
            "price": price,
            "shares": shares,
            "float_factor": float_factor,
            "float_cap": price * shares * float_factor,
            "industry": industry,
        },
        index=pd.Index([f"SYN-{i:04d}" for i in ranks], name="company"),
    )
    universe.attrs["synthetic"] = True
    universe.attrs["description"] = f"synthetic universe, seed {seed}: not real companies"
    return universe


UNIVERSE_COLUMNS = ("rank", "rank_day_total_cap")
# Checked when present: a table of companies a learner builds may carry only some of them.
POSITIVE_COLUMNS = ("total_cap", "price", "shares", "float_factor", "float_cap")


def _check_universe(universe: pd.DataFrame) -> None:
    if not isinstance(universe, pd.DataFrame) or universe.empty:
        raise ValueError("universe must be a non-empty DataFrame such as synthetic_universe() returns")
    missing = [c for c in UNIVERSE_COLUMNS if c not in universe.columns]
    if missing:
        raise ValueError(f"universe lacks column(s) {missing}")
    for column in UNIVERSE_COLUMNS + tuple(c for c in POSITIVE_COLUMNS if c in universe.columns):
        validation.finite_values(universe[column].to_numpy(), f"universe column {column!r}", sign="positive")
    if "float_factor" in universe.columns:
        factors = universe["float_factor"].to_numpy(dtype=float)
        if (factors > 1).any():
            raise ValueError(f"universe column 'float_factor' holds fractions in (0, 1]; {int((factors > 1).sum())} "
                             f"value(s) are above 1 (the largest {factors.max():g}: percent? divide by 100)")


def members(universe: pd.DataFrame, *, index_name: str = "Russell 2000") -> pd.DataFrame:
    """The rows of ``universe`` that belong to a Russell size index, by rank-day rank.

    Parameters
    ----------
    universe : pandas.DataFrame
        A :func:`synthetic_universe` table (or one with ``rank`` and ``rank_day_total_cap``).
    index_name : str, default "Russell 2000"
        One of the names in :data:`rut_edu.family.RANK_RANGES`.

    Returns
    -------
    pandas.DataFrame
        The members' rows, with the universe's ``attrs``.

    Raises
    ------
    ValueError
        For a table without the columns, with NaN, zero or negative values, float factors above 1, or an
        unknown index name.

    Examples
    --------
    >>> len(members(synthetic_universe(), index_name="Russell 1000"))
    1000
    """
    _check_universe(universe)
    validation.choice(index_name, "index_name", sorted(RANK_RANGES))
    low, high = RANK_RANGES[index_name]
    selected = universe[(universe["rank"] >= low) & (universe["rank"] <= high)].copy()
    selected.attrs.update(universe.attrs)
    return selected


def summary(universe: pd.DataFrame) -> pd.Series:
    """Headline calibration numbers: breakpoint, smallest member, Russell 2000 share of cap.

    Parameters
    ----------
    universe : pandas.DataFrame
        A :func:`synthetic_universe` table running past rank 3,000.

    Returns
    -------
    pandas.Series
        The breakpoint at rank 1,000 in $bn, the smallest Russell 2000 member in $m, the Russell 3000's total
        cap in $tn and the Russell 2000's share of it (a fraction), all on rank day.

    Raises
    ------
    ValueError
        For a table :func:`members` refuses, or one that stops before rank 3,000.

    Examples
    --------
    >>> round(float(summary(synthetic_universe())["Russell 2000 share of Russell 3000 cap"]), 3)
    0.064
    """
    _check_universe(universe)
    if not (universe["rank"] == 1000).any() or universe["rank"].max() < RANK_RANGES["Russell 3000"][1]:
        raise ValueError("the universe must run past rank 3,000 to be summarised")
    r3000 = universe[universe["rank"] <= RANK_RANGES["Russell 3000"][1]]
    r2000 = members(universe, index_name="Russell 2000")
    return pd.Series(
        {
            "breakpoint at rank 1,000 ($bn)": universe.loc[universe["rank"] == 1000, "rank_day_total_cap"].iloc[0] / 1e9,
            "smallest Russell 2000 member ($m)": r2000["rank_day_total_cap"].min() / 1e6,
            "Russell 3000 total cap ($tn)": r3000["rank_day_total_cap"].sum() / 1e12,
            "Russell 2000 share of Russell 3000 cap": r2000["rank_day_total_cap"].sum() / r3000["rank_day_total_cap"].sum(),
        },
        name="synthetic universe (rank day)",
    )
