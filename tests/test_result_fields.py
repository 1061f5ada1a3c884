"""Every field of the results and registries that a chapter shows, pinned on a worked example.

The headline numbers are pinned elsewhere; these are the fields a one-line bug could change
unnoticed (a swapped weight, a wrong window, a label, a return kind).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from rut_edu import data, forecasting, index, rates, risk, technicals


def test_every_pivot_level_by_hand():
    h, l, c = 110.0, 100.0, 108.0
    p = (h + l + c) / 3
    expected = {
        "classic": {"P": p, "R1": 2 * p - l, "S1": 2 * p - h, "R2": p + 10, "S2": p - 10, "R3": h + 2 * (p - l),
                    "S3": l - 2 * (h - p)},
        "classic, range R3": {"P": p, "R1": 2 * p - l, "S1": 2 * p - h, "R2": p + 10, "S2": p - 10, "R3": p + 20,
                              "S3": p - 20},
        "Fibonacci": {"P": p, "R1": p + 3.82, "S1": p - 3.82, "R2": p + 6.18, "S2": p - 6.18, "R3": p + 10,
                      "S3": p - 10},
        "Camarilla": {"P": p, "R1": c + 11 / 12, "S1": c - 11 / 12, "R2": c + 11 / 6, "S2": c - 11 / 6,
                      "R3": c + 11 / 4, "S3": c - 11 / 4, "R4": c + 11 / 2, "S4": c - 11 / 2},
    }
    assert set(expected) == set(technicals.PIVOT_METHODS)
    for method, levels in expected.items():
        got = technicals.pivot_levels_for(h, l, c, method).to_dict()
        assert set(got) == set(levels), method
        for name, value in levels.items():
            assert got[name] == pytest.approx(value, rel=1e-12), (method, name)


def test_taylor_rule_registry_by_hand():
    fields = {label: (rule.inflation_weight, rule.gap_weight, rule.inflation_target, rule.rstar)
              for label, rule in rates.TAYLOR_RULES.items()}
    assert fields == {"Taylor (1993)": (0.5, 0.5, 2.0, 2.0), "balanced approach": (0.5, 1.0, 2.0, 2.0),
                      "Taylor (1993), Laubach-Williams r-star": (0.5, 0.5, 2.0, None)}
    quarter = pd.DataFrame({"policy_rate": [3.0], "inflation": [4.0], "output_gap": [-2.0], "rstar_onesided": [0.5]},
                           index=pd.DatetimeIndex(["2024-01-01"]))
    implied = {label: float(rates.taylor_path(rule, quarter)["implied"].iloc[0])
               for label, rule in rates.TAYLOR_RULES.items()}
    # 2 + 4 + 0.5 x 2 + 0.5 x (-2) = 6; balanced: 2 + 4 + 1 - 2 = 5; with r-star 0.5: 4.5
    assert implied == pytest.approx({"Taylor (1993)": 6.0, "balanced approach": 5.0,
                                     "Taylor (1993), Laubach-Williams r-star": 4.5}, rel=1e-12)


def test_forecast_features_by_hand():
    bars = data.load_russell2000_daily().iloc[:200]
    features = forecasting.forecast_features(bars)
    day = features.index[50]
    i = bars.index.get_loc(day)
    log_close = np.log(bars["close"].to_numpy())
    daily = np.diff(log_close)  # daily[k] is the return into bar k + 1
    last_20 = daily[i - 20:i]
    row = features.loc[day]
    assert row["volatility_20"] == pytest.approx(np.std(last_20, ddof=1), rel=1e-12)
    assert row["momentum_5"] == pytest.approx(log_close[i] - log_close[i - 5], rel=1e-12)
    assert row["return_lag_2"] == pytest.approx(daily[i - 2], rel=1e-12)
    assert row["range"] == pytest.approx((bars["high"].iloc[i] - bars["low"].iloc[i]) / bars["close"].iloc[i], rel=1e-12)
    assert row["atr_14"] == pytest.approx(technicals.atr(bars, 14).loc[day] / bars["close"].iloc[i], rel=1e-12)
    assert features.index[0] == bars.index[20]  # the first day every feature exists


def test_compare_uses_log_returns_and_every_field():
    days = pd.bdate_range("2024-01-01", periods=6)
    asset = pd.Series([100.0, 110.0, 99.0, 105.0, 100.0, 120.0], index=days)
    market = pd.Series([100.0, 104.0, 101.0, 103.0, 102.0, 106.0], index=days)
    table = risk.compare(asset, market, "daily")
    ra, rm = np.diff(np.log(asset.to_numpy())), np.diff(np.log(market.to_numpy()))
    assert table["asset volatility"] == pytest.approx(np.std(ra, ddof=1) * math.sqrt(252), rel=1e-12)
    assert table["market volatility"] == pytest.approx(np.std(rm, ddof=1) * math.sqrt(252), rel=1e-12)
    assert table["volatility ratio"] == pytest.approx(np.std(ra, ddof=1) / np.std(rm, ddof=1), rel=1e-12)
    assert table["beta"] == pytest.approx(np.cov(ra, rm, ddof=1)[0, 1] / np.var(rm, ddof=1), rel=1e-12)
    assert table["correlation"] == pytest.approx(np.corrcoef(ra, rm)[0, 1], rel=1e-12)
    assert table["asset max drawdown"] == pytest.approx(99.0 / 110.0 - 1, rel=1e-12)
    assert table["market max drawdown"] == pytest.approx(101.0 / 104.0 - 1, rel=1e-12)
    assert table["returns"] == 5.0


def test_weighting_scheme_labels():
    assert index.SCHEME_LABELS == {"price": "price-weighted", "equal": "equal-weighted",
                                   "total_cap": "total market cap", "float_cap": "float-adjusted market cap"}


def test_thresholds_hold_at_exactly_the_limit():
    from rut_edu import instruments

    bars = data.load_russell2000_daily().loc["2024"]
    chop = technicals.choppiness(bars)
    adx = technicals.directional_movement(bars)["adx"]
    day = adx.index[40]
    # only CHOP can vote (ADX thresholds out of reach); a reading exactly at the range threshold votes "range"
    at_limit = technicals.range_regime(bars, chop_range=float(chop[day]), chop_trend=1e-9, adx_range=1e-9,
                                       adx_trend=99.999)
    assert at_limit[day] == "range"
    just_above = technicals.range_regime(bars, chop_range=float(chop[day]) + 1e-9, chop_trend=1e-9, adx_range=1e-9,
                                         adx_trend=99.999)
    assert just_above[day] == "unclear"
    # a fall exactly equal to the close-out move closes the position: 10:1, closed at half the margin -> 5%
    days = pd.bdate_range("2024-01-01", periods=20)
    falls = pd.Series([0.01] * 19 + [-0.05], index=days)
    assert instruments.close_out_days(falls, [10.0], 0.5)["days"].tolist() == [1]
    assert instruments.close_out_days(falls.where(falls > 0, -0.0499), [10.0], 0.5)["days"].tolist() == [0]
