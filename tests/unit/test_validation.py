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


def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_values():
    # sorted 0.5, 0.9, 1.05, 3.0: the median is (0.9 + 1.05) / 2 = 0.975, returns; the upper middle alone, 1.05,
    # would call them levels
    validation.not_price_levels(np.array([3.0, 0.5, 1.05, 0.9]), "returns")
    with pytest.raises(ValueError, match="median size is 1.025"):
        validation.not_price_levels(np.array([3.0, 0.5, 1.05, 1.0]), "returns")


DAILY = pd.bdate_range("2025-01-06", periods=120)
CALM = pd.Series(np.random.default_rng(11).normal(0.0003, 0.004, 120), index=DAILY)  # a calm half-year, decimals


def test_returns_in_percent_are_refused_with_the_fix():
    validation.returns(CALM, "returns", periods_per_year=252)
    with pytest.raises(ValueError, match=r"returns looks like percent, not decimals.*divide by 100"):
        validation.returns(CALM * 100, "returns", periods_per_year=252)
    # the dates alone set the scale when the caller names no frequency
    with pytest.raises(ValueError, match="looks like percent"):
        validation.returns(CALM * 100, "returns")
    # monthly returns in percent, dated monthly: 3 for 3%
    months = pd.Series([3.0, -2.0, 1.5, -4.0, 2.5, 0.5], index=pd.date_range("2025-01-31", periods=6, freq="ME"))
    with pytest.raises(ValueError, match="looks like percent"):
        validation.returns(months, "returns")
    validation.returns(months / 100, "returns", periods_per_year=12)
    # a volatile stock's daily decimals (150% a year) are not mistaken for percent
    wild = pd.Series(np.random.default_rng(2).normal(0, 0.095, 250), index=pd.bdate_range("2024-01-01", periods=250))
    validation.returns(wild, "returns", periods_per_year=252)


def test_a_frequency_the_dates_contradict_is_refused():
    with pytest.raises(ValueError, match=r"dated daily \(a median gap of 1 days\), but 12 periods a year means "
                                         r"monthly data; use 252"):
        validation.returns(CALM, "returns", periods_per_year=12)
    monthly = pd.Series(0.01, index=pd.date_range("2020-01-31", periods=24, freq="ME"))
    with pytest.raises(ValueError, match=r"dated monthly .* 252 periods a year means daily data; use 12"):
        validation.frequency_agrees(monthly.index, 252, "returns")
    validation.frequency_agrees(monthly.index, 12, "returns")
    validation.frequency_agrees(DAILY, 365, "returns")  # 365 and 260 are daily conventions too
    validation.frequency_agrees(DAILY, 260, "returns")
    validation.frequency_agrees(pd.RangeIndex(10), 12, "returns")  # no dates: nothing to compare
    weeks = pd.date_range("2024-01-05", periods=10, freq="W-FRI")
    assert validation.spacing(weeks) == ("weekly", 7.0)
    assert [validation.spacing_of_periods(n) for n in (252, 52, 12, 4, 2, 1)] == [
        "daily", "weekly", "monthly", "quarterly", "semiannual", "annual"]


def test_dates_as_text_are_refused_with_the_layout_they_look_like():
    for text, layout in (("13/01/2018", "day first"), ("01/13/2018", "month first"),
                         ("01/02/2018", "cannot be told apart")):
        with pytest.raises(ValueError, match=layout):
            validation.dates(pd.Index([text, "14/01/2018", "15/01/2018"]), "levels")
        with pytest.raises(ValueError, match=f"year first.*{layout}"):
            validation.date(text, "start")
    with pytest.raises(ValueError, match="sort as text"):
        validation.dates(pd.Index(["2018-01-02", "2018-01-03"]), "levels")
    assert validation.date("2018-01-02", "start") == pd.Timestamp("2018-01-02")
    validation.dates(pd.Index(["Apple", "Banana"]), "names")  # labels, not dates


def test_flags_are_not_numbers_and_choices_ignore_case():
    with pytest.raises(ValueError, match="holds True/False, not numbers"):
        validation.series(pd.Series([True, False, True]), "returns")
    assert validation.choice("MONTHLY", "frequency", ("daily", "monthly")) == "monthly"
    assert validation.choice(" Daily ", "frequency", ("daily", "monthly")) == "daily"
    with pytest.raises(ValueError, match=r"must be one of \['daily', 'monthly'\]"):
        validation.choice("hourly", "frequency", ("daily", "monthly"))


def test_a_wrong_kind_is_a_type_error_that_value_error_handlers_still_catch():
    assert issubclass(validation.WrongKindError, TypeError) and issubclass(validation.WrongKindError, ValueError)
    for call in (lambda: validation.whole_number(20.0, "window"), lambda: validation.real_number("0.5", "rate"),
                 lambda: validation.choice(3, "frequency", ("daily",)), lambda: validation.date(20200331, "start"),
                 lambda: validation.finite_values("1 2 3", "prices"), lambda: validation.series([1.0, 2.0], "levels"),
                 lambda: validation.flag(1, "range_filter")):
        with pytest.raises(TypeError):
            call()
    # a value of the right kind that is out of its domain is a ValueError only
    for call in (lambda: validation.whole_number(1, "window", minimum=2), lambda: validation.choice("hourly", "f", ("daily",)),
                 lambda: validation.real_number(float("nan"), "rate")):
        with pytest.raises(ValueError) as raised:
            call()
        assert not isinstance(raised.value, TypeError)


@pytest.mark.parametrize("value", [True, False, np.True_])
def test_flag_passes_true_and_false(value):
    assert validation.flag(value, "range_filter") is bool(value)


@pytest.mark.parametrize("value", [1, 0, "yes", None, 1.0])
def test_flag_refuses_stand_ins_by_name(value):
    with pytest.raises(validation.WrongKindError, match="range_filter must be True or False"):
        validation.flag(value, "range_filter")
