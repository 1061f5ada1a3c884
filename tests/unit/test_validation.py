"""The shared input checks, one rule per test, each on the edge itself.

The bad-input sweep shows every public function refuses bad data; these tests pin each rule of
``rut_edu.validation`` at its boundary, so a loosened rule (``<`` for ``<=``, a threshold moved)
fails here on its own, which the mutation check relies on.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rut_edu import index, universe, validation

DAYS = pd.bdate_range("2024-01-01", periods=6)


def test_a_return_of_minus_100_percent_is_refused_and_just_above_it_is_kept():
    with pytest.raises(ValueError, match="cannot fall 100% or more"):
        validation.returns(pd.Series([0.01, -1.0, 0.02, 0.0, 0.01, 0.0], index=DAYS), "returns")
    kept = validation.returns(pd.Series([0.01, -0.999, 0.02, 0.0, 0.01, 0.0], index=DAYS), "returns")
    assert kept.iloc[1] == -0.999


def test_price_levels_are_told_apart_from_returns_at_a_median_size_of_one():
    # median absolute value exactly 1 (a run of +100% and -50%... bounded below by -1) is still returns
    validation.not_price_levels(np.array([1.0, 1.0, 0.5, 2.0]), "returns")
    with pytest.raises(ValueError, match="looks like price levels"):
        validation.not_price_levels(np.array([1.01, 1.02, 0.5, 2.0]), "returns")
    with pytest.raises(ValueError, match="looks like price levels"):
        index.cumulative_index(pd.Series([101.0, 102.0, 100.5], index=DAYS[:3]))
    with pytest.raises(ValueError, match="looks like price levels"):
        index.contributions([0.5, 0.5], [101.0, 99.0])


def test_a_stock_may_lose_everything_but_not_more():
    assert index.contributions([0.5, 0.5], [-1.0, 0.1]).round(12).tolist() == [-0.5, 0.05]
    with pytest.raises(ValueError, match="below -100%"):
        index.contributions([0.5, 0.5], [-1.01, 0.1])


def test_dates_as_text_are_refused_even_when_in_order():
    text = pd.Series([1.0, 2.0, 3.0], index=pd.Index(["2024-01-02", "2024-01-03", "2024-01-04"], dtype=object))
    with pytest.raises(ValueError, match="dates written as text"):
        validation.series(text, "levels")
    labels = pd.Series([1.0, 2.0], index=pd.Index(["A", "B"], dtype=object))  # names, not dates: kept
    assert validation.series(labels, "prices").tolist() == [1.0, 2.0]


def test_a_universe_refuses_a_float_factor_above_one_and_a_negative_price():
    table = universe.synthetic_universe(seed=1)
    universe.members(table)  # as generated: accepted
    spoiled = table.copy()
    spoiled.iloc[5, spoiled.columns.get_loc("float_factor")] = 1.0001
    with pytest.raises(ValueError, match="float_factor"):
        universe.members(spoiled)
    spoiled = table.copy()
    spoiled.iloc[5, spoiled.columns.get_loc("price")] = -3.0
    with pytest.raises(ValueError, match="'price' must be positive"):
        universe.summary(spoiled)


@pytest.mark.parametrize("bad", [True, np.bool_(False), 2.0, "2"])
def test_a_whole_number_is_an_int_and_nothing_that_looks_like_one(bad):
    with pytest.raises(ValueError, match="whole number"):
        validation.whole_number(bad, "window")
    assert validation.whole_number(np.int64(2), "window") == 2


def test_bounds_are_inclusive_unless_said_open():
    assert validation.real_number(0.0, "x", low=0.0) == 0.0
    with pytest.raises(ValueError, match="above 0"):
        validation.real_number(0.0, "x", low=0.0, low_open=True)
    assert validation.whole_number(5, "n", maximum=5) == 5
    with pytest.raises(ValueError, match="at most 5"):
        validation.whole_number(6, "n", maximum=5)
