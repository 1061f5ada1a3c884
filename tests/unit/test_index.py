"""rut_edu.index: hand-checked examples, invariants as properties, and bad input."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rut_edu import index

FIVE = pd.DataFrame(
    {
        "price": [50.0, 20.0, 100.0, 25.0, 5.0],
        "shares": [10e6, 50e6, 3e6, 8e6, 54e6],
        "float_factor": [0.8, 1.0, 0.5, 0.9, 1.0],
    },
    index=["A", "B", "C", "D", "E"],
)


# ------------------------------------------------------------ worked example (by hand)
def test_five_company_weights_by_hand():
    # float caps: 400, 1000, 150, 180, 270 ($m) -> total 2000
    assert index.weights(FIVE, scheme="float_cap").round(6).tolist() == [0.2, 0.5, 0.075, 0.09, 0.135]
    # total caps: 500, 1000, 300, 200, 270 -> total 2270
    assert np.allclose(index.weights(FIVE, scheme="total_cap"), np.array([500, 1000, 300, 200, 270]) / 2270)
    # prices: 50, 20, 100, 25, 5 -> total 200
    assert index.weights(FIVE, scheme="price").tolist() == [0.25, 0.10, 0.50, 0.125, 0.025]
    assert index.weights(FIVE, scheme="equal").tolist() == [0.2] * 5


def test_weights_table_has_every_scheme():
    table = index.weights_table(FIVE)
    assert list(table.columns) == [index.SCHEME_LABELS[s] for s in index.SCHEMES]
    assert np.allclose(table.sum(), 1.0)


def test_divisor_walkthrough_by_hand():
    idx = index.CapWeightedIndex.launch(FIVE, base_level=1000.0)
    assert idx.divisor == pytest.approx(2_000_000.0)
    assert idx.level == pytest.approx(1000.0)
    moved = idx.reprice({"B": 22.0})  # +100m of value, divisor unchanged
    assert moved.divisor == idx.divisor
    assert moved.level == pytest.approx(1050.0)
    added = moved.add("F", price=40.0, shares=5e6, float_factor=1.0)  # +200m
    assert added.divisor == pytest.approx(2_000_000.0 * 2300 / 2100)
    assert added.level == pytest.approx(1050.0, rel=1e-12)
    removed = added.remove("C")
    bought_back = removed.set_shares("B", 45e6)
    refloated = bought_back.set_float("A", 0.6)
    for state in (removed, bought_back, refloated):
        assert state.level == pytest.approx(1050.0, rel=1e-12)


def test_the_level_is_the_float_adjusted_value_over_the_divisor_by_hand():
    # 50 x 10m x 0.8 + 20 x 50m x 1.0 = 400m + 1,000m = 1,400m; over a divisor of 1.4m, a level of 1,000
    assert index.index_level([50.0, 20.0], [10e6, 50e6], [0.8, 1.0], divisor=1.4e6) == pytest.approx(1000.0, rel=1e-12)
    assert index.index_level([50.0, 20.0], [10e6, 50e6], [0.8, 1.0], divisor=2.8e6) == pytest.approx(500.0, rel=1e-12)
    assert index.divisor_for_level(1.4e9, level=1000.0) == pytest.approx(1.4e6, rel=1e-12)


def test_hand_exercise_divisor():
    # The chapter's exercise: value 1,976m at level 988, add a 240m float cap.
    new = index.adjust_divisor(1_976e6 / 988, 1_976e6, 2_216e6)
    assert new == pytest.approx(2_242_914.98, abs=0.01)


def test_contributions_add_up_to_index_return():
    idx = index.CapWeightedIndex.launch(FIVE)
    new_prices = FIVE["price"] * np.array([1.1, 0.95, 1.0, 1.2, 0.5])
    after = idx.reprice(new_prices)
    returns = new_prices / FIVE["price"] - 1
    contrib = index.contributions(idx.weights, returns)
    assert contrib.sum() == pytest.approx(after.level / idx.level - 1, rel=1e-12)
    assert contrib["A"] == pytest.approx(0.2 * 0.1)


def test_price_and_total_return_by_hand():
    prices = pd.Series([100.0, 110.0, 99.0])
    assert index.price_return(prices).tolist() == pytest.approx([0.1, -0.1])
    assert index.total_return(prices, pd.Series([0.0, 2.0, 1.1])).tolist() == pytest.approx([0.12, -0.09])
    assert index.cumulative_index(pd.Series([0.1, -0.1]), base=100).tolist() == pytest.approx([110.0, 99.0])


def test_concentration_measures_by_hand():
    w = pd.Series([0.5, 0.3, 0.1, 0.1])
    assert index.effective_number(w) == pytest.approx(1 / 0.36)
    assert index.top_weight(w, n=2) == pytest.approx(0.8)
    assert index.smallest_half_share(w) == pytest.approx(0.2)
    table = index.concentration(w, top=(1,))
    assert table["top 1 weight"] == 0.5 and table["constituents"] == 4


# ------------------------------------------------------------ properties
positive = st.floats(min_value=0.01, max_value=1e4, allow_nan=False, allow_infinity=False)
floats01 = st.floats(min_value=0.01, max_value=1.0)


@st.composite
def tables(draw, min_size=1, max_size=30):
    n = draw(st.integers(min_size, max_size))
    return pd.DataFrame(
        {
            "price": draw(st.lists(positive, min_size=n, max_size=n)),
            "shares": draw(st.lists(st.floats(1e3, 1e9), min_size=n, max_size=n)),
            "float_factor": draw(st.lists(floats01, min_size=n, max_size=n)),
        },
        index=[f"S{i}" for i in range(n)],
    )


@settings(max_examples=80)
@given(tables(), st.sampled_from(index.SCHEMES))
def test_weights_are_non_negative_and_sum_to_one(table, scheme):
    w = index.weights(table, scheme=scheme)
    assert (w >= 0).all()
    assert w.sum() == pytest.approx(1.0, abs=1e-12)


@settings(max_examples=80)
@given(tables(), st.floats(0.01, 100.0))
def test_scaling_all_prices_scales_the_level(table, k):
    idx = index.CapWeightedIndex.launch(table, base_level=100.0)
    scaled = idx.reprice(table["price"] * k)
    assert scaled.level == pytest.approx(k * idx.level, rel=1e-12)


@settings(max_examples=80)
@given(tables(min_size=2), st.floats(1e3, 1e9), floats01)
def test_corporate_actions_leave_the_level_unchanged(table, new_shares, new_float):
    idx = index.CapWeightedIndex.launch(table, base_level=1000.0)
    name = table.index[0]
    for changed in (idx.set_shares(name, new_shares), idx.set_float(name, new_float)):
        assert abs(changed.level / idx.level - 1) <= 1e-12


@settings(max_examples=80)
@given(tables(min_size=2), positive, st.floats(1e3, 1e9), floats01)
def test_membership_changes_never_move_the_level(table, price, shares, float_factor):
    idx = index.CapWeightedIndex.launch(table, base_level=250.0)
    added = idx.add("NEW", price, shares, float_factor)
    removed = idx.remove(table.index[-1])
    assert abs(added.level / idx.level - 1) <= 1e-12
    assert abs(removed.level / idx.level - 1) <= 1e-12
    assert abs(added.remove("NEW").level / idx.level - 1) <= 1e-12


@settings(max_examples=60)
@given(tables(min_size=2))
def test_effective_number_lies_between_one_and_n(table):
    w = index.weights(table, scheme="float_cap")
    n_eff = index.effective_number(w)
    assert 1 - 1e-9 <= n_eff <= len(table) + 1e-9


# ------------------------------------------------------------ bad input
@pytest.mark.parametrize(
    "prices, shares, floats, message",
    [
        ([10.0, math.nan], [1.0, 1.0], [1.0, 1.0], "missing"),
        ([10.0, -1.0], [1.0, 1.0], [1.0, 1.0], "positive"),
        ([10.0, 1.0], [1.0, -5.0], [1.0, 1.0], "positive"),
        ([10.0, 1.0], [1.0, 1.0], [1.0, 1.5], r"\(0, 1\]"),
        ([10.0, 1.0], [1.0, 1.0], [1.0, 0.0], "positive"),
        ([10.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0], "misaligned"),
        ([], [], [], "empty"),
    ],
)
def test_bad_constituents_raise_clear_errors(prices, shares, floats, message):
    with pytest.raises(ValueError, match=message):
        index.float_adjusted_weights(prices, shares, floats)


def test_misaligned_labels_raise():
    p = pd.Series([1.0, 2.0], index=["a", "b"])
    q = pd.Series([1.0, 2.0], index=["a", "c"])
    with pytest.raises(ValueError, match="misaligned"):
        index.total_caps(p, q)


def test_zero_divisor_and_bad_tables_raise():
    with pytest.raises(ValueError, match="divisor"):
        index.index_level([1.0], [1.0], [1.0], 0.0)
    with pytest.raises(ValueError, match="divisor"):
        index.CapWeightedIndex(FIVE, divisor=float("nan"))
    with pytest.raises(ValueError, match="empty"):
        index.weights(FIVE.iloc[:0])
    with pytest.raises(ValueError, match="lacks"):
        index.weights(FIVE.drop(columns="float_factor"))
    with pytest.raises(ValueError, match="unknown weighting scheme"):
        index.weights(FIVE, scheme="market")


def test_bad_index_operations_raise():
    idx = index.CapWeightedIndex.launch(FIVE)
    with pytest.raises(ValueError, match="already"):
        idx.add("A", 1.0, 1.0, 1.0)
    with pytest.raises(ValueError, match="not in the index"):
        idx.remove("Z")
    with pytest.raises(ValueError, match="not in the index"):
        idx.reprice({"Z": 3.0})
    with pytest.raises(ValueError, match="positive"):
        idx.reprice({"A": -3.0})
    with pytest.raises(ValueError, match="last constituent"):
        index.CapWeightedIndex.launch(FIVE.iloc[:1]).remove("A")
    with pytest.raises(ValueError, match=r"\(0, 1\]"):
        idx.set_float("A", 1.2)


def test_weights_that_do_not_sum_to_one_are_refused():
    with pytest.raises(ValueError, match="add up to 1"):
        index.effective_number([0.5, 0.2])
    with pytest.raises(ValueError, match="negative"):
        index.contributions([1.2, -0.2], [0.1, 0.1])


# ------------------------------------------------------------ corporate actions
@settings(max_examples=80)
@given(st.floats(min_value=0.01, max_value=100.0, allow_nan=False), st.sampled_from(list("ABCDE")))
def test_any_split_leaves_a_cap_weighted_index_untouched(ratio, name):
    start = index.CapWeightedIndex.launch(FIVE, base_level=1000.0)
    after = start.split(name, ratio)
    assert after.level == pytest.approx(start.level, rel=1e-12)
    assert after.divisor == start.divisor
    np.testing.assert_allclose(after.weights, start.weights, rtol=1e-12)
    assert after.constituents.loc[name, "shares"] == pytest.approx(FIVE.loc[name, "shares"] * ratio, rel=1e-12)


@settings(max_examples=80)
@given(st.floats(min_value=0.01, max_value=100.0, allow_nan=False), st.sampled_from(list("ABCDE")))
def test_a_split_forces_a_price_weighted_divisor_change(ratio, name):
    dow = index.PriceWeightedIndex.launch(FIVE["price"], base_level=100.0)
    after = dow.split(name, ratio)
    assert after.level == pytest.approx(dow.level, rel=1e-12)
    prices = FIVE["price"].copy()
    prices[name] /= ratio
    assert after.divisor == pytest.approx(dow.divisor * prices.sum() / FIVE["price"].sum(), rel=1e-12)


def test_split_done_by_hand_would_move_the_levels():
    # What the methods prevent: a 2:1 split entered as a share change, then a reprice, moves the index.
    start = index.CapWeightedIndex.launch(FIVE, base_level=100.0)
    by_hand = start.set_shares("C", 6e6).reprice({"C": 50.0})
    assert by_hand.level != pytest.approx(100.0)
    assert start.split("C", 2.0).level == pytest.approx(100.0, rel=1e-12)
    dow = index.PriceWeightedIndex.launch(FIVE["price"], base_level=53.3)
    assert dow.reprice({"C": 50.0}).level == pytest.approx(53.3 * 150 / 200, rel=1e-12)
    assert dow.split("C", 2.0).level == pytest.approx(53.3, rel=1e-12)


def test_special_dividend_and_spin_off_keep_the_level():
    start = index.CapWeightedIndex.launch(FIVE, base_level=1000.0)
    paid = start.special_dividend("A", 5.0)
    assert paid.constituents.loc["A", "price"] == 45.0
    assert paid.level == pytest.approx(1000.0, rel=1e-12)
    # B spins off a company worth 2 per B share (50m shares x 2 = 100m = 25m shares x 4)
    spun = start.spin_off("B", "B2", child_price=4.0, child_shares=25e6, child_float_factor=1.0)
    assert spun.constituents.loc["B", "price"] == pytest.approx(18.0, rel=1e-12)
    assert spun.market_value == pytest.approx(start.market_value, rel=1e-12)
    assert spun.divisor == pytest.approx(start.divisor, rel=1e-12)
    assert spun.level == pytest.approx(1000.0, rel=1e-12)
    # a spin-off worth as much as the parent's whole price (25m x 40 / 50m = 20 per B share) would leave B at 0
    with pytest.raises(ValueError, match="at least the parent's price"):
        start.spin_off("B", "B2", child_price=40.0, child_shares=25e6, child_float_factor=1.0)
    with pytest.raises(ValueError, match="amount"):
        start.special_dividend("A", 50.0)
    with pytest.raises(ValueError, match="ratio"):
        start.split("A", 0.0)
    with pytest.raises(ValueError, match="not in the index"):
        start.split("Z", 2.0)


def test_an_index_cannot_be_edited_in_place():
    start = index.CapWeightedIndex.launch(FIVE, base_level=1000.0)
    table = start.constituents
    table.loc["A", "price"] = 1e6
    assert start.level == pytest.approx(1000.0, rel=1e-12)
    with pytest.raises(AttributeError, match="never changes"):
        start.divisor = 1.0
    with pytest.raises(AttributeError):
        start.constituents = table


def test_a_spin_off_with_a_partial_float_moves_the_divisor_not_the_level():
    start = index.CapWeightedIndex.launch(FIVE, base_level=1000.0)
    parent = FIVE.loc["B"]
    # the child is worth 2 per B share, but only half its shares are available: the float-adjusted market value
    # loses parent_float x 100m and gains 0.5 x 100m, and the divisor absorbs the difference
    spun = start.spin_off("B", "B2", child_price=4.0, child_shares=25e6, child_float_factor=0.5)
    change = -parent["float_factor"] * 100e6 + 0.5 * 100e6
    assert spun.market_value == pytest.approx(start.market_value + change, rel=1e-12)
    assert spun.divisor == pytest.approx(start.divisor * (start.market_value + change) / start.market_value, rel=1e-12)
    assert spun.level == pytest.approx(1000.0, rel=1e-12)
    assert spun.weights["B2"] == pytest.approx(0.5 * 100e6 / spun.market_value, rel=1e-12)
