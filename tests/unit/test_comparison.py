"""rut_edu.comparison: windows of two indexes compared, and the caveats that come with a window."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rut_edu import comparison, risk

DAYS = pd.bdate_range("2018-01-01", "2021-12-31")
RNG = np.random.default_rng(7)
MARKET = pd.Series(100 * np.cumprod(1 + RNG.normal(0.0003, 0.01, len(DAYS))), index=DAYS)
ASSET = pd.Series(100 * np.cumprod(1 + 1.4 * MARKET.pct_change().fillna(0).to_numpy()
                                   + RNG.normal(0, 0.004, len(DAYS))), index=DAYS)
PAIR = comparison.prepare_pair(ASSET, MARKET, names=("small", "large"))


def _summary(returns: int) -> pd.Series:
    return pd.Series({"volatility_ratio": 1.3, "beta": 1.2, "returns": float(returns)})


def test_too_few_returns_is_noted_below_the_threshold_only():
    at_threshold = comparison.caveats(_summary(risk.FEW_RETURNS), frequency="daily")
    below = comparison.caveats(_summary(risk.FEW_RETURNS - 1), frequency="daily")
    assert at_threshold == []
    assert len(below) == 1 and below[0].startswith(f"Only {risk.FEW_RETURNS - 1} daily returns")


def test_coarse_frequencies_warn_that_drawdowns_are_shallower():
    weekly = comparison.caveats(_summary(200), frequency="weekly")
    assert len(weekly) == 1 and "weekly closing levels" in weekly[0]
    assert comparison.caveats(_summary(200), frequency="daily") == []


def test_a_summary_without_a_count_is_refused():
    with pytest.raises(ValueError, match="summarize_window result"):
        comparison.caveats(pd.Series({"beta": 1.0}), frequency="daily")


def test_the_window_summary_equals_risk_compare_on_the_same_calendar_years():
    summary = comparison.summarize_window(PAIR, start_year=2019, end_year=2020, frequency="weekly")
    asset, market = PAIR.levels["weekly"]
    expected = risk.compare(asset.loc["2019-01-01":"2020-12-31"], market.loc["2019-01-01":"2020-12-31"], frequency="weekly")
    pd.testing.assert_series_equal(summary, expected)
    # weekly levels are Fridays: 2019 and 2020 hold 52 + 52 of them, so 103 returns
    assert summary["returns"] == 103.0


def test_the_ratio_table_reads_one_summary_per_cell():
    table = comparison.ratio_table(PAIR, year_ranges=[(2018, 2019), (2020, 2021)], frequencies=("daily", "monthly"))
    assert table.index.tolist() == ["2018-2019", "2020-2021"]
    assert table.loc["2020-2021", "monthly"] == comparison.summarize_window(PAIR, start_year=2020, end_year=2021,
                                                                            frequency="monthly")[
        "volatility_ratio"]


@pytest.mark.parametrize("call, message", [
    (lambda: comparison.summarize_window(PAIR, start_year=2020, end_year=2019, frequency="daily"),
     "start year 2020 is after the end year 2019"),
    (lambda: comparison.summarize_window(PAIR, start_year=2017, end_year=2019, frequency="daily"), "within 2018-2021"),
    (lambda: comparison.summarize_window(PAIR, start_year=2018, end_year=2019, frequency="hourly"), "frequency must be one of"),
    (lambda: comparison.summarize_window("pair", start_year=2018, end_year=2019, frequency="daily"),
     "must come from prepare_pair"),
    (lambda: comparison.ratio_table(PAIR, year_ranges=[]), "at least one"),
])
def test_bad_windows_are_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_prepared_levels_hold_every_frequency_on_common_dates():
    assert PAIR.years == (2018, 2021) and PAIR.names == ("small", "large")
    assert set(PAIR.levels) == set(comparison.FREQUENCIES)
    daily_asset, daily_market = PAIR.levels["daily"]
    assert daily_asset.index.equals(daily_market.index) and len(daily_asset) == len(DAYS)
    monthly_asset, _ = PAIR.levels["monthly"]
    assert monthly_asset.index[-1] == pd.Timestamp("2021-12-31") and len(monthly_asset) == 48


def test_episode_windows_start_at_the_close_before_the_episode():
    # Each named episode starts at the last month-end close on or before its first date (the data's first day when
    # there is none) and ends at the last month-end close on or before its last date; an open end is the data's.
    from rut_edu import data

    pair = comparison.prepare_pair(data.load_russell2000_daily()["close"], data.load_sp500_daily()["close"])
    stops = comparison.window_stops(pair)
    expected = {
        "the October 1987 crash": ("1987-09-10", "1987-12-31"),  # the data begin after 1 September 1987
        "the dot-com boom and bust": ("1994-12-30", "2002-12-31"),  # 31 December 1994 was a Saturday
        "the global financial crisis": ("2007-09-28", "2009-03-31"),  # 30 September 2007 was a Sunday
        "the 2010s": ("2009-12-31", "2019-12-31"),  # a first date that is itself a month-end close
        "the Covid crash": ("2019-12-31", "2020-03-31"),
        "the 2022 bear market": ("2021-10-29", "2022-12-30"),
    }
    for episode, (start, end) in expected.items():
        assert comparison.episode_window(pair, episode=episode) == (pd.Timestamp(start), pd.Timestamp(end)), episode
    assert comparison.episode_window(pair, episode="since 2020") == (pd.Timestamp("2019-12-31"), stops[-1])
    assert comparison.episode_window(pair, episode="whole history") == (stops[0], stops[-1])
    assert set(expected) | {"since 2020", "whole history"} == set(comparison.EPISODES)
