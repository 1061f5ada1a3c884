"""Published facts about the Russell US index family, as data (no computation).

Sources: FTSE Russell, *Russell US Equity Indexes Construction and Methodology*
v7.0 (May 2026), sections 6.10.1 and Appendix A; BlackRock, iShares Russell 2000
ETF holdings as of 5 May 2026 (aggregates only: the file itself may not be
redistributed). See the course bibliography for full references.
"""

from __future__ import annotations

import pandas as pd

# Ranks by descending total market cap on rank day (methodology v7.0, 6.10.1).
RANK_RANGES = {
    "Russell 3000E": (1, 4000),
    "Russell 3000": (1, 3000),
    "Russell 1000": (1, 1000),
    "Russell 2000": (1001, 3000),
    "Russell Microcap": (2001, 4000),
}

# Base values (methodology v7.0, Appendix A).
BASE_VALUES = pd.DataFrame(
    {
        "series": ["Russell 2000 end-of-day history", "Russell 2000 real-time (RUT)"],
        "base date": pd.to_datetime(["1978-12-31", "1986-12-31"]),
        "base value": [100.0, 135.0],
    }
).set_index("series")  # one row per series, named by it (a row number would mean nothing to a reader)
LAUNCH_YEAR = 1984

# Aggregates of the IWM holdings file "as of May 05, 2026" (GICS sectors, as the fund reports them).
IWM_SNAPSHOT_DATE = "2026-05-05"
IWM_SNAPSHOT_CONCENTRATION = pd.Series(
    {
        "constituents": 1917.0,
        "top 1 weight": 0.0194,
        "top 10 weight": 0.073,
        "top 50 weight": 0.194,
        "top 100 weight": 0.296,
        "effective number": 532.0,
        "smallest half weight": 0.097,
    },
    name="IWM holdings, 5 May 2026",
)
IWM_SNAPSHOT_GICS_SECTORS = pd.Series(
    {
        "Industrials": 0.195, "Information Technology": 0.170, "Financials": 0.163, "Health Care": 0.163,
        "Consumer Discretionary": 0.078, "Energy": 0.062, "Real Estate": 0.051, "Materials": 0.047,
        "Utilities": 0.028, "Communication": 0.026, "Consumer Staples": 0.017,
    },
    name="weight",
)  # decimals, like every weight in the package

# Russell 2000 size range in mid-2006 ($ millions, Russell characteristics table as reported at the time;
# a secondary source, methodology-facts section 1.8): the era the "$300 million to $2 billion" label fits.
R2000_RANGE_2006_M = (95.0, 2357.0)

# Published breakpoints and ranges on rank day (FTSE Russell reconstitution releases).
BREAKPOINT_2025_BN = 4.6
SMALLEST_R3000_2024_M = 150.4
R2000_SHARE_OF_R3000_2023 = 0.07
