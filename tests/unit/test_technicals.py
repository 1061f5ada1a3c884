"""rut_edu.technicals against TA-Lib on the real data, hand-worked pivots, loops, and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import talib

from rut_edu import data
from rut_edu import technicals as ta

BARS = data.load_russell2000_daily()
H, L, C = (BARS[k].to_numpy() for k in ("high", "low", "close"))


def _against(ours: pd.Series, reference: np.ndarray, warm_up: int = 0, starts_at: pd.Timestamp | None = None):
    ref = pd.Series(reference, index=BARS.index).dropna()
    if starts_at is not None:  # a documented later start (rows dropped until every column of a table exists)
        assert ours.index[0] == starts_at
        ref = ref.loc[starts_at:]
    # the same days on both sides: an intersection alone would hide a leading row added (or lost) on one side
    pd.testing.assert_index_equal(ours.index, ref.index, check_names=False)
    common = ours.index.intersection(ref.index)[warm_up:]
    assert len(common) > 9000
    np.testing.assert_allclose(ours.loc[common].to_numpy(), ref.loc[common].to_numpy(), rtol=1e-9, atol=0)


@pytest.mark.parametrize("window", [5, 14, 30])
def test_atr_and_the_directional_system_equal_ta_lib(window):
    _against(ta.atr(BARS, window=window), talib.ATR(H, L, C, window))
    system = ta.directional_movement(BARS, window=window)
    complete = BARS.index[2 * window - 1]  # ADX's first day; the table starts there for every column
    _against(system["plus_di"], talib.PLUS_DI(H, L, C, window), starts_at=complete)
    _against(system["minus_di"], talib.MINUS_DI(H, L, C, window), starts_at=complete)
    _against(system["adx"], talib.ADX(H, L, C, window))
    _against(system["dx"], talib.DX(H, L, C, window), starts_at=complete)
    assert ta.atr(BARS, window=window).index[0] == BARS.index[window]  # TA-Lib's first output, same day


def test_the_directional_system_splits_no_tie_between_up_and_down_moves():
    # Whole-point bars tie often: a day whose high rises exactly as far as its low falls counts as neither a plus
    # nor a minus move (Wilder's rule, TA-Lib's too); real closes to the cent hardly ever tie
    rng = np.random.default_rng(7)
    n = 400
    close = 1000 + np.cumsum(rng.integers(-3, 4, n)).astype(float)
    high, low = close + rng.integers(0, 3, n), close - rng.integers(0, 3, n)
    bars = pd.DataFrame({"open": close, "high": high, "low": low, "close": close},
                        index=pd.bdate_range("2020-01-01", periods=n))
    up, down = np.diff(high), -np.diff(low)
    assert np.sum((up == down) & (up > 0)) >= 10
    system = ta.directional_movement(bars, window=14)
    for column, reference in (("plus_di", talib.PLUS_DI), ("minus_di", talib.MINUS_DI), ("adx", talib.ADX)):
        expected = pd.Series(reference(high, low, close, 14), index=bars.index).loc[system.index]
        np.testing.assert_allclose(system[column].to_numpy(), expected.to_numpy(), rtol=1e-9, atol=1e-12)


def test_a_market_with_no_directional_movement_and_the_shortest_data():
    # the same high and low every day, the close moving inside them: no plus or minus move, so DX and ADX are 0
    # (as TA-Lib has it), not a division of zero by zero
    close = 100 + np.tile([0.5, -0.5], 20)
    bars = pd.DataFrame({"open": close, "high": 101.0, "low": 99.0, "close": close},
                        index=pd.bdate_range("2020-01-01", periods=40))
    system = ta.directional_movement(bars, window=14)
    assert (system[["plus_di", "minus_di", "dx", "adx"]].to_numpy() == 0.0).all()
    np.testing.assert_array_equal(system["adx"], talib.ADX(bars["high"].to_numpy(), bars["low"].to_numpy(), close,
                                                           14)[-len(system):])
    # the fewest bars each needs: 2 x window for ADX's first value, window + 1 for ATR's
    assert len(ta.directional_movement(bars.iloc[:28], window=14)) == 1 and len(ta.atr(bars.iloc[:15], window=14)) == 1
    with pytest.raises(ValueError, match="needs at least 28 bars; the data have 27"):
        ta.directional_movement(bars.iloc[:27], window=14)
    with pytest.raises(ValueError, match="needs more than 14 bars; the data have 14"):
        ta.atr(bars.iloc[:14], window=14)


@pytest.mark.parametrize("window", [1, 10, 63])
def test_momentum_family_equals_ta_lib(window):
    close = BARS["close"]
    _against(ta.momentum(close, window=window), talib.MOM(C, window))
    _against(ta.rate_of_change(close, window=window), talib.ROC(C, window))
    _against(ta.rate_of_change_fraction(close, window=window), talib.ROCP(C, window))
    _against(ta.rate_of_change_ratio(close, window=window), talib.ROCR(C, window))


def test_true_range_equals_ta_lib():
    _against(ta.true_range(BARS), talib.TRANGE(H, L, C))


def test_momentum_and_rate_of_change_rank_days_differently():
    # the same point move is a bigger per cent move at a lower level: the two indicators disagree on order
    close = BARS["close"]
    mom, roc = ta.momentum(close, window=20), ta.rate_of_change(close, window=20)
    early, late = mom.loc["1990"].abs().idxmax(), mom.loc["2024"].abs().idxmax()
    assert abs(mom[late]) > abs(mom[early]) and abs(roc[late]) < abs(roc[early])


def test_choppiness_against_a_loop():
    chop = ta.choppiness(BARS.iloc[:400], window=14)
    tr = np.maximum.reduce([H[1:400] - L[1:400], np.abs(H[1:400] - C[:399]), np.abs(L[1:400] - C[:399])])
    for k in range(0, len(chop), 37):
        end = 14 + k  # bar index of this value
        total = tr[end - 14:end].sum()
        spread = H[end - 13:end + 1].max() - L[end - 13:end + 1].min()
        assert chop.iloc[k] == pytest.approx(100 * np.log10(total / spread) / np.log10(14), rel=1e-12)
        assert chop.index[k] == BARS.index[end]


def test_range_regime_follows_its_thresholds():
    regime = ta.range_regime(BARS)
    adx = ta.directional_movement(BARS)["adx"]
    chop = ta.choppiness(BARS).reindex(adx.index)
    ranged = regime == "range"
    assert ((chop[ranged] >= 61.8) | (adx[ranged] <= 20)).all()
    assert not ((chop[ranged] <= 38.2) | (adx[ranged] >= 25)).any()
    stricter = ta.range_regime(BARS, adx_range=15.0)
    assert (stricter == "range").sum() < ranged.sum()
    assert set(regime.unique()) <= set(ta.REGIMES)


def test_pivots_by_hand():
    # H 110, L 100, C 105: P = 105, range 10
    classic = ta.pivot_levels_for(110.0, 100.0, 105.0, method="classic")
    assert classic.to_dict() == pytest.approx({"P": 105, "R1": 110, "S1": 100, "R2": 115, "S2": 95, "R3": 120,
                                               "S3": 90})
    ranged = ta.pivot_levels_for(110.0, 100.0, 105.0, method="classic, range R3")
    assert (ranged["R3"], ranged["S3"]) == pytest.approx((125.0, 85.0))
    fib = ta.pivot_levels_for(110.0, 100.0, 105.0, method="Fibonacci")
    assert fib.to_dict() == pytest.approx({"P": 105, "R1": 108.82, "S1": 101.18, "R2": 111.18, "S2": 98.82,
                                           "R3": 115, "S3": 95}, rel=1e-12)
    cam = ta.pivot_levels_for(110.0, 100.0, 104.0, method="Camarilla")  # levels around the close, 104
    assert cam["R1"] == pytest.approx(104 + 11 / 12, rel=1e-12) and cam["S4"] == pytest.approx(104 - 5.5, rel=1e-12)
    assert cam["R3"] == pytest.approx(104 + 2.75, rel=1e-12)


def test_daily_weekly_and_monthly_pivots_use_the_previous_period():
    daily = ta.pivot_levels(BARS, method="classic", period="day")
    day, previous = BARS.index[5000], BARS.index[4999]
    expected = ta.pivot_levels_for(*BARS.loc[previous, ["high", "low", "close"]], method="classic")
    assert daily.loc[day].to_dict() == pytest.approx(expected.to_dict(), rel=1e-12)
    # every day from the second on, none missing: P, R1 and S1 from the bar before, computed directly
    pivot = ((BARS["high"] + BARS["low"] + BARS["close"]) / 3).shift(1).iloc[1:]
    pd.testing.assert_index_equal(daily.index, BARS.index[1:])
    assert not daily.isna().any().any()
    np.testing.assert_allclose(daily["P"], pivot, rtol=1e-12)
    np.testing.assert_allclose(daily["R1"], 2 * pivot - BARS["low"].shift(1).iloc[1:], rtol=1e-12)
    np.testing.assert_allclose(daily["S1"], 2 * pivot - BARS["high"].shift(1).iloc[1:], rtol=1e-12)
    weekly = ta.pivot_levels(BARS, method="classic", period="week")
    last_week = BARS.loc["2024-03-04":"2024-03-08"]
    expected = ta.pivot_levels_for(last_week["high"].max(), last_week["low"].min(), last_week["close"].iloc[-1])
    for day in BARS.loc["2024-03-11":"2024-03-15"].index:
        assert weekly.loc[day].to_dict() == pytest.approx(expected.to_dict(), rel=1e-12)
    monthly = ta.pivot_levels(BARS, method="Fibonacci", period="month")
    february = BARS.loc["2024-02"]
    expected = ta.pivot_levels_for(february["high"].max(), february["low"].min(), february["close"].iloc[-1],
                                   method="Fibonacci")
    assert monthly.loc["2024-03-01"].to_dict() == pytest.approx(expected.to_dict(), rel=1e-12)


def test_rolling_levels_exclude_the_day_itself():
    levels = ta.rolling_levels(BARS, window=20)
    day = BARS.index[3000]
    before = BARS.iloc[2980:3000]
    assert levels.loc[day, "support"] == before["low"].min()
    assert levels.loc[day, "resistance"] == before["high"].max()


def test_swing_points_and_swings_on_small_paths():
    days = pd.bdate_range("2024-01-01", periods=9)
    highs = np.array([10.0, 11, 13, 11, 10, 9, 10, 12, 11])
    lows = highs - 1
    bars = pd.DataFrame({"open": highs - 0.5, "high": highs, "low": lows, "close": highs - 0.5}, index=days)
    points = ta.swing_points(bars, left=2, right=2)
    assert points.loc[days[2], "kind"] == "high" and points.loc[days[2], "confirmed_on"] == days[4]
    assert points.loc[days[5], "kind"] == "low" and points.loc[days[5], "level"] == 8.0
    prices = pd.Series([100.0, 105, 111, 104, 99, 98, 104, 109], index=days[:8])
    legs = ta.swings(prices, threshold=0.1)
    assert legs["kind"].tolist() == ["rally", "decline"]
    assert legs["change"].tolist() == pytest.approx([0.11, 98 / 111 - 1])
    assert ta.swings(pd.Series([100.0, 101, 102], index=days[:3]), threshold=0.1).empty
    # the whole table: only these two points; a flat top of two equal highs is no swing high at all
    assert points.reset_index().values.tolist() == [[days[2], "high", 13.0, days[4]], [days[5], "low", 8.0, days[7]]]
    flat = np.array([10.0, 11, 13, 13, 11, 10, 9])
    flat_bars = pd.DataFrame({"open": flat - 0.5, "high": flat, "low": flat - 5, "close": flat - 0.5},
                             index=days[:7])
    assert "high" not in ta.swing_points(flat_bars, left=2, right=2)["kind"].tolist()


def test_swings_turn_at_exactly_the_threshold_and_at_the_first_of_equal_extremes():
    # threshold 0.25, numbers exact in binary: 100 -> 125 is +25% (a rally starts), 125 -> 93.75 is -25% (it
    # ends at 125), 93.75 -> 117.1875 is +25% (the decline ends at 93.75), 117.1875 -> 87.890625 is -25%.
    # 125 twice: the rally ends at the first of the two.
    days = pd.bdate_range("2024-01-01", periods=6)
    rising_first = pd.Series([100.0, 125, 125, 93.75, 117.1875, 87.890625], index=days)
    legs = ta.swings(rising_first, threshold=0.25)
    assert legs.values.tolist() == [[days[0], days[1], "rally", 0.25], [days[1], days[3], "decline", -0.25],
                                    [days[3], days[4], "rally", 0.25]]
    # falling first, and 75 twice: 100 -> 75 is -25%, 75 -> 93.75 is +25%, 93.75 -> 70.3125 is -25%
    falling_first = pd.Series([100.0, 75, 75, 93.75, 70.3125], index=days[:5])
    legs = ta.swings(falling_first, threshold=0.25)
    assert legs.values.tolist() == [[days[0], days[1], "decline", -0.25], [days[1], days[3], "rally", 0.25]]
    # a move just short of the threshold starts nothing
    assert ta.swings(pd.Series([100.0, 124.99, 100.0, 75.01], index=days[:4]), threshold=0.25).empty


def test_a_breakout_days_own_high_is_not_its_resistance():
    # the support and resistance in force on a day come from the bars before it: a breakout day's own high is
    # not its resistance (the levels are known at the open)
    days = pd.bdate_range("2024-01-01", periods=5)
    bars = pd.DataFrame({"open": 10.0, "high": [11.0, 12, 11, 15, 10.5], "low": [9.0, 9.5, 8, 9.8, 7],
                         "close": 10.0}, index=days)
    levels = ta.rolling_levels(bars, window=2)
    assert levels.index.tolist() == days[2:].tolist()
    assert levels["resistance"].tolist() == [12.0, 12.0, 15.0]
    assert levels["support"].tolist() == [9.0, 8.0, 8.0]


@pytest.mark.parametrize("call, message", [
    (lambda: ta.atr(BARS.assign(high=BARS["low"] - 1), window=14), "high is below the low"),
    (lambda: ta.atr(BARS.assign(close=BARS["close"].where(BARS.index != BARS.index[50])), window=14), "NaN"),
    (lambda: ta.atr(BARS.iloc[::-1], window=14), "sorted"),
    (lambda: ta.atr(BARS.iloc[:10], window=14), "needs more than 14 bars"),
    (lambda: ta.directional_movement(BARS.iloc[:20], window=14), "at least 28 bars"),
    (lambda: ta.momentum(BARS["close"], window=0), "at least 1"),
    (lambda: ta.pivot_levels(BARS, method="Woodie"), "method must be one of"),
    (lambda: ta.pivot_levels(BARS, method="classic", period="year"), "period must be one of"),
    (lambda: ta.pivot_levels_for(100.0, 110.0, 105.0), "at most 100"),
    (lambda: ta.range_regime(BARS, chop_trend=70.0), "below 61.8"),
    (lambda: ta.swings(BARS["close"], threshold=1.5), "below 1"),
    (lambda: ta.ohlc_frame(BARS.drop(columns="open")), "lacks the column"),
])
def test_bad_input_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_weekly_bars_are_refused_where_windows_count_days():
    from rut_edu import data, forecasting

    daily = data.load_russell2000_daily().loc["2020":"2023"]
    weekly = daily.resample("W-FRI").agg({"open": "first", "high": "max", "low": "min", "close": "last"}).dropna()
    for call in (lambda: ta.atr(weekly), lambda: forecasting.forecast_features(weekly)):
        with pytest.raises(ValueError, match=r"bars must be daily, and these are weekly \(a median gap of 7 days\)"):
            call()
    assert len(ta.atr(daily)) == len(daily) - 14
