"""rut_edu.rates: hand-worked values, the raw files, least-squares and filter checks, properties, bad input."""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vintage_pins import RSTAR_PINNED_THROUGH

from rut_edu import data, rates

QUARTERS = pd.date_range("2020-01-01", periods=8, freq="QS")


def _raw(filename: str) -> dict[str, dict[str, str]]:
    with open(data.DATA_DIR / filename, newline="", encoding="utf-8") as handle:
        return {row["date"]: row for row in csv.DictReader(handle)}


# ------------------------------------------------------------------ the Taylor rule
def test_taylor_rule_by_hand():
    # inflation 3%, target 2%, output gap 1%, r-star 0.5%: 0.5 + 3 + 0.5 * 1 + 0.5 * 1 = 4.5
    assert rates.taylor_rate(3.0, 1.0, rstar=0.5) == pytest.approx(4.5, rel=1e-12)
    # the balanced approach doubles the gap weight: 5.0
    assert rates.taylor_rate(3.0, 1.0, rstar=0.5, gap_weight=1.0) == pytest.approx(5.0, rel=1e-12)
    # Taylor's own numbers: inflation at target, no gap, r* = 2 -> 4%
    rule = rates.TAYLOR_RULES["Taylor (1993)"]
    assert rates.taylor_rate(2.0, 0.0, rstar=rule.rstar, inflation_target=rule.inflation_target,
                             inflation_weight=rule.inflation_weight,
                             gap_weight=rule.gap_weight) == pytest.approx(4.0, rel=1e-12)


@settings(max_examples=60)
# three numbers all below 0.3 in size read as decimals and are refused: the gap (and the gap plus a step of up
# to 3) stays away from zero so that every call here is in percent
@given(pi=st.floats(-2, 12), gap=st.floats(-10, 5).filter(lambda x: x >= 0.3 or x <= -3.5), rstar=st.floats(-2, 5),
       a=st.floats(0, 2), b=st.floats(0, 2),
       step=st.floats(0.01, 3))
def test_implied_rate_moves_one_for_one_with_rstar_and_by_one_plus_a_with_inflation(pi, gap, rstar, a, b, step):
    base = rates.taylor_rate(pi, gap, rstar=rstar, inflation_target=2.0, inflation_weight=a, gap_weight=b)
    assert rates.taylor_rate(pi, gap, rstar=rstar + step, inflation_target=2.0, inflation_weight=a,
                             gap_weight=b) - base == pytest.approx(step, abs=1e-9)
    assert rates.taylor_rate(pi + step, gap, rstar=rstar, inflation_target=2.0, inflation_weight=a,
                             gap_weight=b) - base == pytest.approx((1 + a) * step, abs=1e-9)
    assert rates.taylor_rate(pi, gap + step, rstar=rstar, inflation_target=2.0, inflation_weight=a,
                             gap_weight=b) - base == pytest.approx(b * step, abs=1e-9)


def test_taylor_path_uses_the_time_varying_rstar_when_the_rule_asks():
    q = pd.DataFrame({"policy_rate": [5.0, 4.0], "inflation": [3.0, 2.0], "output_gap": [1.0, -1.0],
                      "rstar_onesided": [0.5, 1.0]}, index=QUARTERS[:2])
    fixed = rates.taylor_path(rates.TAYLOR_RULES["Taylor (1993)"], q)
    varying = rates.taylor_path(rates.TAYLOR_RULES["Taylor (1993), Laubach-Williams r-star"], q)
    np.testing.assert_allclose(fixed["implied"], [6.0, 3.5], rtol=1e-12)
    np.testing.assert_allclose(varying["implied"], [4.5, 2.5], rtol=1e-12)
    np.testing.assert_allclose(varying["gap"], [0.5, 1.5], rtol=1e-12)


# ------------------------------------------------------------------ the data, against the raw files
def test_rstar_estimates_match_the_file_for_named_quarters():
    raw = _raw("lw_rstar_quarterly.csv")
    estimates = rates.rstar_estimates()
    for day in ("1961-01-01", "2008-10-01", "2019-10-01", "2020-04-01", "2025-04-01"):
        for column, raw_column in (("rstar_onesided", "rstar_onesided"), ("rstar_twosided", "rstar_twosided"),
                                   ("trend_growth_onesided", "g_onesided"), ("output_gap_twosided", "output_gap_twosided")):
            assert estimates.loc[day, column] == pytest.approx(float(raw[day][raw_column]), rel=1e-12)
    assert estimates.loc[RSTAR_PINNED_THROUGH, "rstar_onesided"] == pytest.approx(1.373, abs=5e-4)
    assert len(estimates.loc[:RSTAR_PINNED_THROUGH]) == 258


def test_the_real_rate_for_one_quarter_by_hand():
    funds, pce = _raw("fred_fedfunds_monthly.csv"), _raw("fred_pcepilfe_monthly.csv")
    policy = np.mean([float(funds[f"2023-{m:02d}-01"]["fedfunds"]) for m in (7, 8, 9)])
    now = np.mean([float(pce[f"2023-{m:02d}-01"]["pcepilfe"]) for m in (7, 8, 9)])
    year_ago = np.mean([float(pce[f"2022-{m:02d}-01"]["pcepilfe"]) for m in (7, 8, 9)])
    inflation = 100 * (now / year_ago - 1)
    frame = rates.quarterly_dataset()
    assert frame.loc["2023-07-01", "policy_rate"] == pytest.approx(policy, rel=1e-12)
    assert frame.loc["2023-07-01", "inflation"] == pytest.approx(inflation, rel=1e-10)
    assert frame.loc["2023-07-01", "real_rate"] == pytest.approx(policy - inflation, rel=1e-10)
    rstar = float(_raw("lw_rstar_quarterly.csv")["2023-07-01"]["rstar_onesided"])
    assert frame.loc["2023-07-01", "stance_gap"] == pytest.approx(policy - inflation - rstar, rel=1e-10)


def test_quarterly_dataset_is_one_gapless_quarterly_calendar():
    frame = rates.quarterly_dataset(inflation_measure="CPI")
    assert frame.index.equals(pd.date_range(frame.index[0], frame.index[-1], freq="QS"))
    assert frame.notna().all().all()
    assert (frame["output_gap"] == frame["output_gap_onesided"]).all()


# ------------------------------------------------------------------ calendars
def test_quarterly_average_keeps_complete_quarters_only():
    months = pd.Series(np.arange(1.0, 9.0), index=pd.date_range("2024-02-01", periods=8, freq="MS"))
    averaged = rates.quarterly_average(months)  # Feb-Sep: Q1 lacks January, so only Q2 and Q3
    assert averaged.to_dict() == {pd.Timestamp("2024-04-01"): 4.0, pd.Timestamp("2024-07-01"): 7.0}


@pytest.mark.parametrize("call, message", [
    (lambda: rates.quarterly_average(pd.Series(1.0, index=pd.DatetimeIndex(["2024-01-01", "2024-03-01", "2024-04-01"]))),
     "missing 1 month"),
    (lambda: rates.quarterly_average(pd.Series(1.0, index=pd.date_range("2024-01-15", periods=4, freq="30D"))),
     "first day of each month"),
    (lambda: rates.align({"a": pd.Series(1.0, index=QUARTERS.delete(3))}), "missing 1 quarter"),
    (lambda: rates.align({"a": pd.Series(1.0, index=pd.date_range("2024-01-01", periods=4, freq="MS"))}),
     "not on the quarterly calendar"),
    (lambda: rates.align({"a": pd.Series(1.0, index=QUARTERS[:2]), "b": pd.Series(1.0, index=QUARTERS[4:])}),
     "share no quarter"),
    (lambda: rates.real_rate(pd.Series(5.0, index=QUARTERS), pd.Series(2.0, index=QUARTERS[1:])),
     "different calendars"),
    (lambda: rates.stance_gap(pd.Series(5.0, index=QUARTERS), pd.Series(2.0, index=QUARTERS.tz_localize("UTC"))),
     "time-zone"),
    (lambda: rates.taylor_rate(3.0, 1.0, rstar=0.5, inflation_weight=-0.5), "at least 0"),
    (lambda: rates.taylor_rate(pd.Series(3.0, index=QUARTERS), pd.Series(1.0, index=QUARTERS[:4]), rstar=2.0),
     "different calendars"),
    (lambda: rates.TaylorRule("x", 0.5, -1.0), "at least 0"),
    (lambda: rates.taylor_path("Taylor (1993)", pd.DataFrame()), "TaylorRule"),
    (lambda: rates.taylor_path(rates.TAYLOR_RULES["Taylor (1993)"], pd.DataFrame({"policy_rate": [1.0]})),
     "lacks the column"),
    (lambda: rates.local_level_trend(pd.Series(np.ones(40) * 2.0)), "does not vary"),
    (lambda: rates.local_level_trend(pd.Series(np.arange(40.0)), level_variance=0.0), "above 0"),
    (lambda: rates.inflation_rate(pd.Series([100.0, 101.0]), periods=2), "at most 1"),
    (lambda: rates.rate_changes({}, frequency="weekly"), "non-empty"),
])
def test_bad_input_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# ------------------------------------------------------------------ the state-space trend
def test_local_level_recovers_a_known_trend_and_its_variances():
    rng = np.random.default_rng(42)
    trend = np.cumsum(rng.normal(0, np.sqrt(0.05), 400)) + 2.0
    observed = pd.Series(trend + rng.normal(0, 1.0, 400), index=pd.date_range("1925-01-01", periods=400, freq="QS"))
    fit = rates.local_level_trend(observed)
    assert 0.02 < fit.level_variance < 0.12 and 0.7 < fit.irregular_variance < 1.3
    assert not fit.level_variance_fixed
    # the smoother tracks the true trend far better than the raw data do
    assert np.mean((fit.smoothed - trend) ** 2) < 0.3 * np.mean((observed - trend) ** 2)
    # at the last date the filter and the smoother know the same data
    assert fit.filtered.iloc[-1] == pytest.approx(fit.smoothed.iloc[-1], rel=1e-9)
    fixed = rates.local_level_trend(observed, level_variance=0.01)
    assert fixed.level_variance == 0.01 and fixed.level_variance_fixed
    # a smoother trend (smaller step variance) moves less from quarter to quarter
    assert np.std(np.diff(fixed.smoothed)) < np.std(np.diff(fit.smoothed))


# ------------------------------------------------------------------ rates and small caps
def test_rate_regression_matches_direct_least_squares_and_newey_west():
    rng = np.random.default_rng(3)
    dates = pd.date_range("2000-01-31", periods=300, freq="ME")
    x = pd.DataFrame({"d10y": rng.normal(0, 0.25, 300), "dff": rng.normal(0, 0.15, 300)}, index=dates)
    noise = np.convolve(rng.normal(0, 0.02, 302), [1.0, 0.5, 0.25], mode="valid")  # autocorrelated errors
    y = pd.Series(0.001 + 0.02 * x["d10y"] - 0.01 * x["dff"] + noise, index=dates)
    fit = rates.rate_regression(y, x, hac_lags=4)
    design = np.column_stack([np.ones(300), x.to_numpy()])
    beta, *_ = np.linalg.lstsq(design, y.to_numpy(), rcond=None)
    np.testing.assert_allclose(fit.coefficients.to_numpy(), beta, rtol=1e-10)
    resid = y.to_numpy() - design @ beta
    assert fit.r_squared == pytest.approx(1 - resid @ resid / np.sum((y - y.mean()) ** 2), rel=1e-10)
    # Newey-West by hand: Bartlett weights 1 - l/(L+1), sandwich (X'X)^-1 S (X'X)^-1, small-sample factor n/(n-k)
    scores = design * resid[:, None]
    s = scores.T @ scores
    for lag in range(1, 5):
        gamma = scores[lag:].T @ scores[:-lag]
        s += (1 - lag / 5) * (gamma + gamma.T)
    bread = np.linalg.inv(design.T @ design)
    covariance = bread @ s @ bread
    hand = np.sqrt(np.diag(covariance))
    assert (np.allclose(fit.standard_errors.to_numpy(), hand, rtol=1e-8)
            or np.allclose(fit.standard_errors.to_numpy(), hand * np.sqrt(300 / 297), rtol=1e-8))
    assert fit.observations == 300 and fit.hac_lags == 4


def test_relative_returns_and_rate_changes_on_the_real_data():
    rut, spx = data.load_russell2000_daily()["close"], data.load_sp500_daily()["close"]
    monthly = rates.small_cap_relative_returns(rut, spx, frequency="monthly")
    # one month by hand: log(RUT end / RUT previous end) - log(SPX end / SPX previous end), March 2020
    r_end, r_prev = rut.loc[:"2020-03-31"].iloc[-1], rut.loc[:"2020-02-29"].iloc[-1]
    s_end, s_prev = spx.loc[:"2020-03-31"].iloc[-1], spx.loc[:"2020-02-29"].iloc[-1]
    assert monthly.loc["2020-03-31"] == pytest.approx(np.log(r_end / r_prev) - np.log(s_end / s_prev), rel=1e-10)
    changes = rates.rate_changes({"10y": data.load_fred("dgs10"), "ff": data.load_fred("dff")}, frequency="monthly")
    ten = data.load_fred("dgs10")
    assert changes.loc["2022-06-30", "10y"] == pytest.approx(
        ten.loc[:"2022-06-30"].iloc[-1] - ten.loc[:"2022-05-31"].iloc[-1], abs=1e-12)
    assert changes.notna().all().all()


def test_rolling_rate_beta_against_a_loop():
    rng = np.random.default_rng(5)
    dates = pd.date_range("2010-01-31", periods=60, freq="ME")
    x = pd.Series(rng.normal(0, 0.2, 60), index=dates)
    y = pd.Series(0.03 * x.to_numpy() + rng.normal(0, 0.01, 60), index=dates)
    rolled = rates.rolling_rate_beta(y, x, window=24)
    by_loop = [np.polyfit(x.iloc[i - 24:i], y.iloc[i - 24:i], 1)[0] for i in range(24, 61)]
    np.testing.assert_allclose(rolled.to_numpy(), by_loop, rtol=1e-8)
    assert rolled.index[0] == dates[23]


def test_too_many_hac_lags_for_the_data_are_refused():
    dates = pd.date_range("2024-01-05", periods=22, freq="W-FRI")
    rng = np.random.default_rng(5)
    changes = pd.DataFrame({"y": rng.normal(0, 0.1, 22)}, index=dates)
    relative = pd.Series(rng.normal(0, 1, 22), index=dates)
    with pytest.raises(ValueError, match="hac_lags = 52 is too many for 22 observations; use at most 5"):
        rates.rate_regression(relative, changes, hac_lags=52)
    assert rates.rate_regression(relative, changes, hac_lags=5).hac_lags == 5


def test_the_filtered_trend_is_the_kalman_filter_by_hand_and_one_sided():
    # the one-sided trend, by hand: start at the first value (a diffuse start), then each quarter
    # P <- P + q, K = P / (P + h), a <- a + K (y - a), P <- (1 - K) P, with the fitted variances q and h
    rng = np.random.default_rng(3)
    dates = pd.date_range("1990-01-01", periods=100, freq="QS")
    rate = pd.Series(2.0 + np.cumsum(rng.normal(0, 0.2, 100)) + rng.normal(0, 0.5, 100), index=dates)
    fit = rates.local_level_trend(rate, level_variance=0.05)
    q, h = fit.level_variance, fit.irregular_variance
    level, spread, by_hand = rate.iloc[0], h, [rate.iloc[0]]
    for y in rate.iloc[1:]:
        spread += q
        gain = spread / (spread + h)
        level += gain * (y - level)
        spread *= 1 - gain
        by_hand.append(level)
    np.testing.assert_allclose(fit.filtered.to_numpy(), by_hand, rtol=1e-6)
    # the smoothed trend uses later quarters: away from the end it differs from the filtered one
    assert (fit.smoothed - fit.filtered).iloc[:90].abs().max() > 0.05


def test_rates_given_as_decimals_are_refused_where_percent_is_meant():
    quarters = pd.date_range("2023-01-01", periods=4, freq="QS")
    nominal = pd.Series([4.5, 5.0, 5.3, 5.3], index=quarters)
    with pytest.raises(ValueError, match=r"inflation: values up to 0.047 look like decimals.* multiply by 100"):
        rates.real_rate(nominal, pd.Series([0.047, 0.046, 0.037, 0.032], index=quarters))
    assert rates.real_rate(nominal, pd.Series([4.7, 4.6, 3.7, 3.2], index=quarters)).round(10).tolist() == [
        -0.2, 0.4, 1.6, 2.1]
    with pytest.raises(ValueError, match="inflation, r-star and the output gap: values up to 0.03 look like decimals"):
        rates.taylor_rate(0.03, 0.01, rstar=0.005)
    assert rates.taylor_rate(0.1, -2.0, rstar=0.5) == pytest.approx(0.5 + 0.1 + 0.5 * (0.1 - 2.0) - 1.0)  # near-zero inflation
    with pytest.raises(ValueError, match="inflation_target is in percent: 0.02"):
        rates.taylor_rate(3.0, 1.0, rstar=0.5, inflation_target=0.02)
    assert rates.taylor_rate(3.0, 1.0, rstar=0.5) == 4.5 and rates.taylor_rate(0.0, 0.0, rstar=0.0) == -1.0
    # a funds rate near zero is not mistaken for decimals: only inflation is judged
    zero_bound = pd.Series([0.1, 0.1, 0.15, 0.1], index=quarters)
    assert rates.real_rate(zero_bound, pd.Series([1.5, 1.4, 1.6, 1.5], index=quarters)).iloc[0] == pytest.approx(-1.4)


def test_a_year_of_another_frequency_is_refused():
    months = pd.Series(100 * 1.002 ** np.arange(30), index=pd.date_range("2022-01-31", periods=30, freq="ME"))
    with pytest.raises(ValueError, match="periods=4 is a year of quarterly data, but price_index is dated monthly: "
                                         "use periods=12"):
        rates.inflation_rate(months, periods=4)
    assert rates.inflation_rate(months, periods=12).iloc[0] == pytest.approx(100 * (1.002 ** 12 - 1), rel=1e-12)
    assert len(rates.inflation_rate(months, periods=3)) == 27  # three months: not a year of anything, allowed
