"""Weeks and months: the one resampling rule, and the partial first and last periods it drops."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from vintage_pins import PINNED_THROUGH

from rut_edu import data, periods, rates, risk, technicals, validation


def test_a_last_week_the_data_do_not_finish_is_dropped():
    days = pd.bdate_range("2024-01-01", "2024-01-15")  # two whole weeks, then a Monday
    values = pd.Series(np.arange(len(days), dtype=float), index=days)
    ends = periods.period_end_values(values, frequency_name="weekly")
    assert ends.index.tolist() == [pd.Timestamp("2024-01-05"), pd.Timestamp("2024-01-12")]
    assert ends.tolist() == [4.0, 9.0]


def test_a_partial_first_period_keeps_its_end_value_but_not_its_summary():
    days = pd.bdate_range("2024-01-03", "2024-01-19")  # Wednesday start, Friday end
    assert periods.period_end_values(pd.Series(1.0, index=days), frequency_name="weekly").index[0] == pd.Timestamp("2024-01-05")
    complete = periods.complete_periods(days, frequency_name="weekly")
    assert not complete.loc["2024-01-03":"2024-01-05"].any()
    assert complete.loc["2024-01-08":].all()
    assert periods.complete_periods(days, frequency_name="weekly", need_start=False).all()
    # a first week of one day (data from a Friday) is partial; the weeks after it are whole
    from_friday = periods.complete_periods(pd.bdate_range("2024-01-05", "2024-01-19"), frequency_name="weekly")
    assert from_friday.tolist() == [False] + [True] * 10


def test_month_edges_are_weekdays():
    # June 2024 begins on a Saturday: data from Monday 3 June cover the whole month;
    # it ends on Sunday 30 June: data to Friday 28 June reach its end
    days = pd.bdate_range("2024-06-03", "2024-06-28")
    assert periods.complete_periods(days, frequency_name="monthly").all()
    assert periods.complete_periods(days[1:], frequency_name="monthly").sum() == 0
    with pytest.raises(ValueError, match="no whole monthly"):
        periods.period_end_values(pd.Series(2.0, index=days[:-1]), frequency_name="monthly")


def test_no_whole_period_is_an_error_that_names_the_dates():
    days = pd.bdate_range("2024-01-01", "2024-01-03")
    with pytest.raises(ValueError, match="2024-01-01 to 2024-01-03.*no whole weekly"):
        periods.period_end_values(pd.Series(1.0, index=days), frequency_name="weekly")


def test_time_zone_is_kept_and_periods_follow_the_local_calendar():
    days = pd.bdate_range("2024-01-01", "2024-03-29", tz="America/New_York")
    ends = periods.period_end_values(pd.Series(np.arange(len(days), dtype=float), index=days), frequency_name="monthly")
    assert str(ends.index.tz) == "America/New_York"
    assert [d.strftime("%Y-%m-%d") for d in ends.index] == ["2024-01-31", "2024-02-29", "2024-03-31"]


def test_registry_entries():
    assert {name: (f.period_code, f.periods_per_year) for name, f in periods.FREQUENCIES.items()} == {
        "daily": (None, 252), "weekly": ("W-FRI", 52), "monthly": ("M", 12)}
    assert risk.PERIODS_PER_YEAR == {"daily": 252, "weekly": 52, "monthly": 12, "quarterly": 4, "semiannual": 2,
                                     "annual": 1}
    # one table: the frequencies, the annualising functions and the spacing check read the same numbers
    assert risk.PERIODS_PER_YEAR is validation.PERIODS_PER_YEAR
    assert [per_year for _, _, per_year in validation.SPACINGS] == list(risk.PERIODS_PER_YEAR.values())
    with pytest.raises(ValueError, match="weekly or monthly"):
        periods.period_labels(pd.bdate_range("2024-01-01", periods=3), frequency_name="daily")


def test_index_and_rates_line_up_when_they_end_on_different_days():
    # the index data end on Monday 23 Feb 2026, the rates on Friday 27 Feb: the partial week goes on both sides
    bars = data.load_russell2000_daily().loc[:PINNED_THROUGH]
    spx = data.load_sp500_daily().loc[:PINNED_THROUGH]
    relative = rates.small_cap_relative_returns(bars["close"], spx["close"], frequency="weekly")
    assert bars.index[-1] == pd.Timestamp("2026-02-23")
    assert relative.index[-1] == pd.Timestamp("2026-02-20")
    days = pd.bdate_range("2026-01-05", "2026-02-27")
    yields = pd.Series(np.linspace(4.0, 4.4, len(days)), index=days)
    changes = rates.rate_changes({"y": yields}, frequency="weekly")
    assert changes.index[-1] == pd.Timestamp("2026-02-27")
    joined = pd.concat([relative, changes["y"]], axis=1, join="inner")
    assert joined.index[-1] == pd.Timestamp("2026-02-20")
    # the last relative return is Friday 13 to Friday 20 February, by hand
    r, s = bars["close"], spx["close"]
    by_hand = np.log(r["2026-02-20"] / r["2026-02-13"]) - np.log(s["2026-02-20"] / s["2026-02-13"])
    assert relative.iloc[-1] == pytest.approx(by_hand, rel=1e-12)


def test_weekly_pivots_from_a_wednesday_start_skip_the_three_day_week():
    bars = data.load_russell2000_daily().loc["2024-01-03":"2024-01-31"]  # Wednesday 3 January
    weekly = technicals.pivot_levels(bars, method="classic", period="week")
    # the week of 1-5 January is partial, so the week of 8 January gets no levels; 15 January takes 8-12 January
    assert weekly.index[0] == pd.Timestamp("2024-01-16")  # Monday 15 January was a holiday
    week = bars.loc["2024-01-08":"2024-01-12"]
    h, l, c = week["high"].max(), week["low"].min(), week["close"].iloc[-1]
    assert weekly["P"].iloc[0] == pytest.approx((h + l + c) / 3, rel=1e-12)
    # from a Monday start the first week counts
    full = technicals.pivot_levels(data.load_russell2000_daily().loc["2024-01-08":"2024-01-31"], method="classic", period="week")
    assert full.index[0] == pd.Timestamp("2024-01-16")
    monthly = technicals.pivot_levels(data.load_russell2000_daily().loc["2024-01-10":"2024-03-29"], method="classic",
                                      period="month")
    assert monthly.index[0] == pd.Timestamp("2024-03-01")  # January is partial: February's days get none
