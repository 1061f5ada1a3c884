"""rut_edu.risk: hand computations, properties and bad input."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vintage_pins import PINNED_THROUGH

from rut_edu import index, risk

DATES = pd.date_range("2024-01-01", periods=6, freq="B")


def test_returns_and_drawdown_by_hand():
    levels = pd.Series([100.0, 110.0, 99.0, 121.0, 60.5, 130.0], index=DATES)
    assert index.price_return(levels).round(10).tolist() == [0.1, -0.1, round(121 / 99 - 1, 10), -0.5, round(130 / 60.5 - 1, 10)]
    assert risk.log_returns(levels).iloc[0] == pytest.approx(np.log(1.1))
    assert risk.drawdown(levels).tolist() == pytest.approx([0, 0, -0.1, 0, -0.5, 0])
    assert risk.max_drawdown(levels) == pytest.approx(-0.5)
    episodes = risk.drawdown_episodes(levels, threshold=0.3)
    assert len(episodes) == 1
    row = episodes.iloc[0]
    assert (row["peak"], row["trough"], row["recovery"]) == (DATES[3], DATES[4], DATES[5])
    # a fall of exactly the threshold is an episode (121 -> 60.5 is -50%); one just deeper than the fall is not
    assert len(risk.drawdown_episodes(levels, threshold=0.5)) == 1
    assert risk.drawdown_episodes(levels, threshold=0.5000001).empty


def test_annualised_volatility_by_hand():
    r = pd.Series([0.01, -0.01, 0.01, -0.01])
    assert risk.annualised_volatility(r, periods_per_year="daily") == pytest.approx(np.std([0.01, -0.01] * 2,
                                                                                           ddof=1) * np.sqrt(252))
    assert risk.annualised_volatility(r, periods_per_year=12) == pytest.approx(r.std() * np.sqrt(12))


@settings(max_examples=60)
@given(st.lists(st.floats(0.5, 2.0), min_size=3, max_size=60))
def test_drawdown_is_never_positive(factors):
    levels = pd.Series(100 * np.cumprod(factors), index=pd.date_range("2020-01-01", periods=len(factors)))
    assert (risk.drawdown(levels) <= 1e-15).all()


@settings(max_examples=60)
@given(st.lists(st.floats(-0.05, 0.05), min_size=3, max_size=60), st.floats(0.1, 10))
def test_volatility_scales_with_returns(returns, k):
    r = pd.Series(returns)
    assert risk.annualised_volatility(k * r, periods_per_year="annual") == pytest.approx(k * risk.annualised_volatility(r,
                                                                                                                        periods_per_year="annual"),
                                                                      rel=1e-9, abs=1e-12)


def test_bad_input():
    with pytest.raises(ValueError, match="missing"):
        index.price_return(pd.Series([1.0, np.nan, 2.0]))
    with pytest.raises(ValueError, match="positive"):
        risk.log_returns(pd.Series([1.0, 0.0, 2.0]))
    with pytest.raises(ValueError, match="at least 2"):
        index.price_return(pd.Series([1.0]))
    with pytest.raises(ValueError, match="sorted"):
        index.price_return(pd.Series([1.0, 2.0], index=pd.to_datetime(["2024-02-01", "2024-01-01"])))
    with pytest.raises(ValueError, match="periods_per_year"):
        risk.annualised_volatility(pd.Series([0.1, 0.2]), periods_per_year="hourly")
    with pytest.raises(ValueError, match="fewer than two"):
        risk.common_dates(pd.Series([1.0], index=DATES[:1]), pd.Series([1.0], index=DATES[1:2]))


# ------------------------------------------------------------ two-series statistics
WEEKS = pd.date_range("2024-01-05", periods=8, freq="W-FRI")


def test_beta_correlation_and_capture_by_hand():
    m = pd.Series([0.01, -0.02, 0.03, -0.01, 0.02], index=DATES[:5])
    a = 2 * m + 0.001
    assert risk.beta(a, m) == pytest.approx(2.0)
    assert risk.correlation(a, m) == pytest.approx(1.0)
    assert risk.volatility_ratio(a, m, periods_per_year="daily") == pytest.approx(2.0)
    capture = risk.capture_ratios(a, m)
    assert capture.up == pytest.approx((2 * 0.02 + 0.001) / 0.02)
    assert capture.down == pytest.approx((2 * -0.015 + 0.001) / -0.015)
    assert (capture.up_periods, capture.down_periods) == (3, 2)
    # a market that only rose (or only fell, or never moved) has no down (or up) periods to divide by
    for market in (m.abs(), -m.abs(), m * 0):
        with pytest.raises(ValueError, match="both up and down market periods"):
            risk.capture_ratios(a, market)


def test_downside_deviation_and_worst_periods_by_hand():
    r = pd.Series([0.02, -0.01, 0.03, -0.03], index=DATES[:4])
    assert risk.downside_deviation(r, periods_per_year=252) == pytest.approx(np.sqrt((0.01**2 + 0.03**2) / 4 * 252))
    # a threshold of 1% a period: shortfalls 0.01 - 0.02 = -0.02 and -0.04 below it, gains above it count zero
    assert risk.downside_deviation(r, periods_per_year="daily",
                                   threshold=0.01) == pytest.approx(np.sqrt((0.02**2 + 0.04**2) / 4 * 252))
    assert risk.downside_deviation(r, periods_per_year="daily", threshold=-0.02) == pytest.approx(np.sqrt(0.01**2 / 4 * 252))
    assert risk.worst_periods(r, n=2).tolist() == [-0.03, -0.01]
    assert risk.annualised_mean(r, periods_per_year=252) == pytest.approx(0.0025 * 252)
    assert risk.mean_t_statistic(r) == pytest.approx(r.mean() / (r.std() / 2))


def test_dimson_beta_recovers_a_lagged_reaction():
    rng = np.random.default_rng(0)
    dates = pd.bdate_range("2020-01-01", periods=2000)
    market = pd.Series(rng.normal(0, 0.01, len(dates)), index=dates)
    # Half the reaction arrives a day late, as with stale prices.
    asset = 0.6 * market + 0.6 * market.shift(1).fillna(0) + pd.Series(rng.normal(0, 0.002, len(dates)), index=dates)
    assert risk.beta(asset, market) == pytest.approx(0.6, abs=0.03)
    assert risk.dimson_beta(asset, market, lags=1) == pytest.approx(1.2, abs=0.03)


def test_rolling_statistics_match_a_direct_computation():
    rng = np.random.default_rng(1)
    dates = pd.bdate_range("2020-01-01", periods=300)
    m = pd.Series(rng.normal(0, 0.01, 300), index=dates)
    a = pd.Series(1.3 * m.to_numpy() + rng.normal(0, 0.005, 300), index=dates)
    window = a.iloc[-60:], m.iloc[-60:]
    assert risk.rolling_beta(a, m, window=60).iloc[-1] == pytest.approx(risk.beta(*window))
    assert risk.rolling_correlation(a, m, window=60).iloc[-1] == pytest.approx(risk.correlation(*window))
    assert risk.rolling_volatility(a, window=60,
                                   periods_per_year="daily").iloc[-1] == pytest.approx(risk.annualised_volatility(window[0],
                                                                                                                  periods_per_year="daily"))


def test_drawdown_in_window_by_hand():
    levels = pd.Series([100.0, 120.0, 90.0, 60.0, 110.0, 125.0], index=DATES)
    found = risk.drawdown_in_window(levels, start=DATES[0], end=DATES[4])
    assert found["peak"] == DATES[1] and found["trough"] == DATES[3]
    assert found["depth"] == pytest.approx(-0.5)
    assert found["recovery"] == DATES[5]
    # calendar days: Tuesday to Thursday, then Thursday over the weekend to Monday
    assert not found["truncated"] and found["days_to_trough"] == 2 and found["days_to_recover"] == 4
    # a window that opens before the data's first day is cut short, and says so; a one-day window is refused
    early = risk.drawdown_in_window(levels, start="2023-12-01", end=DATES[4])
    assert early["truncated"] and early["trough"] == DATES[3]
    assert risk.drawdown_in_window(levels, start=DATES[2], end=DATES[3])["depth"] == pytest.approx(-1 / 3)
    with pytest.raises(ValueError, match="fewer than two observations"):
        risk.drawdown_in_window(levels, start=DATES[2], end=DATES[2])


@settings(max_examples=60)
@given(st.lists(st.floats(-0.1, 0.1), min_size=5, max_size=80).filter(lambda xs: np.std(xs) > 1e-6))
def test_beta_of_a_series_on_itself_is_one(returns):
    r = pd.Series(returns, index=pd.bdate_range("2021-01-01", periods=len(returns)))
    assert risk.beta(r, r) == pytest.approx(1.0)
    assert risk.volatility_ratio(r, r, periods_per_year="daily") == pytest.approx(1.0)


def test_two_series_bad_input():
    daily = pd.Series([0.01, 0.02, -0.01, 0.0, 0.01, 0.02, 0.0, 0.01], index=pd.bdate_range("2024-01-01", periods=8))
    weekly = pd.Series([0.01, 0.02, -0.01, 0.0, 0.01, 0.02, 0.0, 0.01], index=WEEKS)
    with pytest.raises(ValueError, match="mixed frequencies"):
        risk.beta(daily, weekly)
    with pytest.raises(ValueError, match="NaN"):
        risk.beta(daily.where(daily != 0), daily)
    with pytest.raises(ValueError, match="at least 3"):
        risk.correlation(daily.iloc[:2], daily.iloc[:2])
    with pytest.raises(ValueError, match="does not vary"):
        risk.beta(daily, pd.Series(0.01, index=daily.index))
    with pytest.raises(ValueError, match="-150.0%; a price series cannot fall 100% or more"):
        risk.downside_deviation(pd.Series([-1.5, 0.01, 0.02], index=DATES[:3]), periods_per_year="daily")


def test_worst_table_and_window_table():
    r = pd.Series([0.02, -0.05, 0.01, -0.02], index=DATES[:4])
    table = risk.worst_periods_table({"X": r}, n=2)
    assert table["X return"].tolist() == [-0.05, -0.02]
    assert table["X date"].tolist() == [f"{DATES[1]:%Y-%m-%d}", f"{DATES[3]:%Y-%m-%d}"]
    levels = pd.Series([100.0, 120.0, 90.0, 60.0, 110.0, 125.0], index=DATES)
    falls = risk.drawdowns_in_windows({"X": levels}, windows={"all": (DATES[0], DATES[-1])})
    assert falls.loc[("all", "X"), "depth"] == pytest.approx(-0.5)


def test_geometric_capture_by_hand():
    days = pd.date_range("2022-06-30", periods=4, freq="6ME")  # half-years, as periods_per_year=2 says
    market = pd.Series([0.10, -0.10, 0.10, -0.20], index=days)
    asset = pd.Series([0.20, -0.05, 0.00, -0.10], index=days)
    capture = risk.capture_ratios(asset, market, convention="geometric", periods_per_year=2)
    # two up periods in a 2-period year: the compounded return is already annual
    assert capture.up == pytest.approx((1.2 * 1.0 - 1) / (1.1 * 1.1 - 1), rel=1e-12)
    assert capture.down == pytest.approx((0.95 * 0.9 - 1) / (0.9 * 0.8 - 1), rel=1e-12)
    assert (capture.up_periods, capture.down_periods, capture.convention) == (2, 2, "geometric")
    arithmetic = risk.capture_ratios(asset, market)
    assert arithmetic.up == pytest.approx(0.1 / 0.1, rel=1e-12)
    assert arithmetic.down == pytest.approx(-0.075 / -0.15, rel=1e-12)
    assert arithmetic.to_series().tolist() == [arithmetic.up, arithmetic.down]
    with pytest.raises(ValueError, match="periods_per_year"):
        risk.capture_ratios(asset, market, convention="geometric")
    with pytest.raises(ValueError, match="dated semiannual .* 12 periods a year means monthly"):
        risk.capture_ratios(asset, market, convention="geometric", periods_per_year=12)
    with pytest.raises(ValueError, match="convention"):
        risk.capture_ratios(asset, market, convention="harmonic")


def test_capture_conventions_on_real_monthly_data_since_2010():
    from rut_edu import data

    rut = data.load_russell2000_daily()["close"].loc[:PINNED_THROUGH]
    spx = data.load_sp500_daily()["close"].loc[:PINNED_THROUGH]
    a, b = risk.common_dates(rut, spx)
    ra = index.price_return(risk.resample_levels(a, frequency="monthly")).loc["2010":]
    rb = index.price_return(risk.resample_levels(b, frequency="monthly")).loc["2010":]
    arithmetic = risk.capture_ratios(ra, rb)
    geometric = risk.capture_ratios(ra, rb, convention="geometric", periods_per_year="monthly")
    # the data end on Monday 23 February 2026: the partial February is dropped, January 2026 is the last month
    assert ra.index[-1] == pd.Timestamp("2026-01-31")
    assert arithmetic.down == pytest.approx(1.2457635599, rel=1e-6)
    assert geometric.down == pytest.approx(1.2030388171, rel=1e-6)
    assert geometric.up == pytest.approx(1.0655847671, rel=1e-6)


def test_simple_returns_by_hand_and_against_log_returns():
    from rut_edu import data

    levels = pd.Series([100.0, 105.0, 94.5, 94.5], index=pd.bdate_range("2024-01-01", periods=4))
    np.testing.assert_allclose(risk.simple_returns(levels).to_numpy(), [0.05, -0.1, 0.0], rtol=1e-12, atol=1e-15)
    closes = data.load_russell2000_daily()["close"]
    np.testing.assert_allclose(np.log1p(risk.simple_returns(closes)).to_numpy(),
                               risk.log_returns(closes).to_numpy(), rtol=1e-9, atol=1e-15)


def test_returns_refuse_impossible_values_and_levels():
    days = pd.bdate_range("2024-01-01", periods=30)
    returns = pd.Series(np.tile([0.01, -0.02, 0.015], 10), index=days)
    with pytest.raises(ValueError, match="-150.0%"):
        risk.annualised_volatility(returns.where(returns.index != days[4], -1.5), periods_per_year="daily")
    levels = 2000 * (1 + returns).cumprod()
    with pytest.raises(ValueError, match="looks like price levels"):
        risk.annualised_volatility(levels, periods_per_year="daily")
    assert risk.annualised_volatility(returns, periods_per_year="daily") == pytest.approx(returns.std(ddof=1) * np.sqrt(252),
                                                                                          rel=1e-12)


def test_dates_written_as_text_are_refused():
    # as a CSV read without parse_dates gives them: as text, order and repeats cannot be checked
    text = pd.Series([100.0, 101.0, 102.0], index=["2024-01-03", "2024-01-02", "2024-01-04"])
    with pytest.raises(ValueError, match="dates written as text.*pd.to_datetime"):
        risk.log_returns(text)
    labelled = pd.Series([100.0, 101.0, 102.0], index=["A", "B", "C"])  # labels that are not dates are fine
    assert len(risk.log_returns(labelled)) == 2


def test_rolling_slope_by_hand_and_as_the_one_rolling_regression():
    # y = 3x + noise-free intercept: every window's slope is exactly 3; then a window worked by hand.
    x = pd.Series([0.01, -0.02, 0.03, 0.0, -0.01, 0.02], index=pd.bdate_range("2024-01-01", periods=6))
    assert risk.rolling_slope(3 * x - 0.002, x, window=4).round(12).tolist() == [3.0, 3.0, 3.0]
    y = pd.Series([0.02, 0.01, -0.01, 0.04, 0.0, 0.01], index=x.index)
    xs, ys = x.iloc[:3].to_numpy(), y.iloc[:3].to_numpy()
    by_hand = ((xs - xs.mean()) * (ys - ys.mean())).sum() / ((xs - xs.mean()) ** 2).sum()
    assert risk.rolling_slope(y, x, window=3).iloc[0] == pytest.approx(by_hand, rel=1e-12)
    assert risk.rolling_slope(y, x, window=3).index[0] == x.index[2]
    # rolling beta is this slope on aligned returns, named for what it is
    assert risk.rolling_beta(y, x, window=3).tolist() == risk.rolling_slope(y, x, window=3).tolist()
    with pytest.raises(ValueError, match="same dates"):
        risk.rolling_slope(y.iloc[1:], x.iloc[:-1], window=3)
