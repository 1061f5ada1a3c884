"""The last days of the data vintage whose numbers the tests pin.

A pinned statistic is this vintage's number over the data it holds. A refresh adds later rows; the history before
them does not change (beyond the revisions the refresh reports), so each pinned figure is computed on the data up
to these days and stays true after a refresh, while the oracles beside the pins recompute on any data.
"""

PINNED_THROUGH = "2026-02-23"  # the index prices' last day in the shipped vintage
RSTAR_PINNED_THROUGH = "2025-04-01"  # the last quarter of the New York Fed's release of 28 August 2025
