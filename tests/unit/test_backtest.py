"""rut_edu.backtest: trades on hand-made paths, costs by hand, no look-ahead, metrics, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rut_edu import backtest as bt
from rut_edu import data, risk

FREE = bt.Costs(commission_bps=0.0, spread_bps=0.0, slippage_bps=0.0)


def _bars(rows):
    days = pd.bdate_range("2024-01-01", periods=len(rows))
    return pd.DataFrame(rows, columns=["open", "high", "low", "close"], index=days, dtype=float)


def _run(bars, signal_days, stop=2.0, target=5.0, **kwargs):
    entries = pd.Series(False, index=bars.index)
    entries.iloc[list(signal_days)] = True
    return bt.run_backtest(bars, entries, entries * stop, entries * target, **kwargs)


def test_a_target_hit_by_hand():
    bars = _bars([[100, 101, 99, 100], [100, 106, 99, 105], [104, 105, 103, 104]])
    result = _run(bars, [0], costs=FREE)
    trade = result.trades.iloc[0]
    # stake = 1% of 100,000 / 2 points = $500 a point; notional 50,000 <= equity; +5 points = +$2,500
    assert (trade.entry_price, trade.exit_price, trade.reason) == (100.0, 105.0, "target")
    assert trade.stake_per_point == 500.0 and trade.pnl == 2500.0
    assert result.equity.tolist() == [100_000.0, 102_500.0, 102_500.0]
    assert result.in_market.tolist() == [False, True, False]  # bought at the open, sold at the target that day


def test_a_stop_hit_and_a_bar_that_touches_both():
    bars = _bars([[100, 101, 99, 100], [100, 101, 97, 99], [99, 100, 98, 99]])
    stop = _run(bars, [0], costs=FREE).trades.iloc[0]
    assert (stop.exit_price, stop.reason, stop.pnl) == (98.0, "stop", -1000.0)
    both = _bars([[100, 101, 99, 100], [100, 106, 97, 103], [103, 104, 102, 103]])
    trade = _run(both, [0], costs=FREE).trades.iloc[0]
    assert (trade.exit_price, trade.reason) == (98.0, "stop (both touched)")


def test_a_gap_through_the_stop_exits_at_the_open():
    bars = _bars([[100, 101, 99, 100], [100, 101, 99.5, 100], [95, 96, 94, 95]])
    trade = _run(bars, [0], costs=FREE).trades.iloc[0]
    # the stop at 98 is jumped: the loss is 5 points x $500, not the planned 2 x $500
    assert (trade.exit_price, trade.reason, trade.pnl) == (95.0, "stop (gap)", -2500.0)


def test_a_level_touched_exactly_is_filled():
    # stop 98 and target 105 for an entry at 100: a low of exactly 98 fills the stop, a high of exactly 105 the target
    signal_day = [100, 101, 99, 100]
    for bar, expected in (([100, 101, 98, 99], (98.0, "stop")), ([100, 105, 99, 104], (105.0, "target")),
                          ([100, 105, 98, 100], (98.0, "stop (both touched)"))):
        trade = _run(_bars([signal_day, bar, [100, 101, 99, 100]]), [0], costs=FREE).trades.iloc[0]
        assert (trade.exit_price, trade.reason) == expected, bar
    # an open exactly at a level, on a later day, is a gap to it: filled at that open
    quiet = [100, 101, 99, 100]
    for bar, expected in (([98, 99, 97, 98], (98.0, "stop (gap)")), ([105, 106, 104, 105], (105.0, "target (gap)"))):
        trade = _run(_bars([signal_day, quiet, bar, quiet]), [0], costs=FREE).trades.iloc[0]
        assert (trade.exit_date, trade.exit_price, trade.reason) == (pd.Timestamp("2024-01-03"), *expected), bar


def test_zero_trades_and_a_time_exit():
    bars = _bars([[100, 101, 99, 100]] * 30)
    none = _run(bars, [])
    assert none.trades.empty and (none.equity == 100_000.0).all()
    metrics = bt.performance(none, bars)
    assert metrics.trades == 0 and metrics.hit_rate is None and metrics.profit_factor is None
    # equity that never moves has no spread to divide by: no Sharpe ratio, a return and volatility of zero
    assert metrics.sharpe is None and metrics.annualised_return == 0.0 and metrics.annualised_volatility == 0.0
    timed = _run(bars, [0], stop=5.0, target=5.0, costs=FREE, max_holding_days=3)
    trade = timed.trades.iloc[0]
    assert trade.reason == "time" and trade.exit_date == bars.index[3] and trade.pnl == 0.0
    # a trade that breaks even is not a win, and with no money lost there is no profit factor to divide by
    breakeven = bt.performance(timed, bars)
    assert (breakeven.trades, breakeven.hit_rate, breakeven.profit_factor) == (1, 0.0, None)


def test_costs_by_hand():
    bars = _bars([[100, 101, 99, 100], [100, 106, 99, 105], [104, 105, 103, 104]])
    costs = bt.Costs(commission_bps=1.0, spread_bps=2.0, slippage_bps=3.0)
    trade = _run(bars, [0], costs=costs).trades.iloc[0]
    # entry, a market order: 500 x 100 x (1 + 1 + 3) bp = $25; exit at the target, a limit: 500 x 105 x 2 bp = $10.50
    assert trade.pnl == pytest.approx(2500.0 - 25.0 - 10.5, rel=1e-12)


def test_leverage_caps_the_stake():
    bars = _bars([[100, 101, 99, 100], [100, 101, 99.9, 100.5], [100.5, 101, 100, 100.5]])
    trade = _run(bars, [0], stop=0.1, target=0.5, costs=FREE).trades.iloc[0]
    # 1% risk over 0.1 points would be $10,000 a point ($1,000,000 notional); the cap is 1x equity: $1,000 a point
    assert trade.stake_per_point == pytest.approx(1000.0)


def test_a_trade_open_at_the_end_is_reported_marked_to_market():
    bars = _bars([[100, 101, 99, 100], [100, 103, 99, 102], [102, 104, 101, 103]] + [[103, 104, 102, 103]] * 20)
    costs = bt.Costs(commission_bps=1.0, spread_bps=2.0, slippage_bps=3.0)
    result = _run(bars, [0], stop=10.0, target=50.0, costs=costs, max_holding_days=100)
    assert result.closed_trades.empty and len(result.open_trade) == 1
    trade = result.open_trade.iloc[0]
    # $100 a point (1% of 100,000 over 10 points); +3 points to the last close, less the entry's 5 bp on $10,000
    assert trade.stake_per_point == pytest.approx(100.0, rel=1e-12)
    assert (trade.exit_date, trade.exit_price, trade.reason) == (bars.index[-1], 103.0, bt.OPEN_AT_END)
    assert trade.pnl == pytest.approx(300.0 - 5.0, rel=1e-12)
    assert result.equity.iloc[-1] == pytest.approx(100_000 + trade.pnl, rel=1e-12)
    metrics = bt.performance(result, bars)
    assert (metrics.trades, metrics.open_trades, metrics.open_trade_pnl) == (0, 1, pytest.approx(295.0, rel=1e-12))
    assert metrics.hit_rate is None
    shown = metrics.to_series()
    assert shown["trades"] == 0 and shown["open_trades"] == 1


def test_ruin_stops_at_zero_equity():
    # 20x leverage into a 99% gap: the account is wiped out, not left at minus millions
    bars = _bars([[100, 101, 99, 100], [100, 101, 99.5, 100], [1, 1.5, 0.5, 1]] + [[1, 1.5, 0.5, 1]] * 25)
    result = _run(bars, [0], stop=5.0, target=50.0, costs=FREE, max_leverage=20.0, risk_fraction=0.2)
    trade = result.trades.iloc[-1]
    assert trade.reason == bt.RUIN and trade.pnl == pytest.approx(-100_000.0, rel=1e-12)
    assert (result.equity.iloc[2:] == 0.0).all() and (result.equity >= 0).all()
    assert len(result.trades) == 1  # no trading after ruin
    metrics = bt.performance(result, bars)
    assert metrics.max_drawdown == pytest.approx(-1.0, rel=1e-12)
    assert metrics.annualised_return == -1.0
    assert np.isfinite(metrics.annualised_volatility)


def test_ruin_after_a_closed_trade_is_the_last_trades_alone():
    # 20x allowed, 20% at risk over 5 points: $4,000 a point (0.04 of equity). The first trade makes +5 points,
    # $20,000; the second, $4,800 a point on $120,000, meets a gap from 100 to 1 and loses everything
    bars = _bars([[100, 101, 99, 100], [100, 106, 99, 105], [104, 105, 103, 104], [100, 101, 99, 100],
                  [1, 1.5, 0.5, 1], [1, 1.5, 0.5, 1]])
    result = _run(bars, [0, 2], stop=5.0, target=5.0, costs=FREE, max_leverage=20.0, risk_fraction=0.2)
    assert result.trades[["exit_price", "reason", "stake_per_point", "pnl"]].values.tolist() == [
        [105.0, "target", 4000.0, 20_000.0], [1.0, bt.RUIN, 4800.0, -120_000.0]]
    assert result.equity.tolist() == [100_000.0, 120_000.0, 120_000.0, 120_000.0, 0.0, 0.0]


def test_ruin_while_holding_from_the_interest_on_borrowed_money():
    # Flat prices, never near the stop: 20x leverage at 1% a day of interest. Day 1 earns 1% on $100,000 before
    # the entry at its open; the stake is then $20,200 a point ($2,020,000 at 100), and each day after the cash
    # pays 1% on what it owes: cash += (cash - 2,020,000) * 0.01, until the account is wiped out while still in.
    bars = _bars([[100, 100, 100, 100]] * 10)
    result = _run(bars, [0], stop=1.0, target=50.0, costs=FREE, max_leverage=20.0, risk_fraction=0.2,
                  max_holding_days=100, cash_interest=pd.Series(0.01, index=bars.index))
    by_hand = [100_000.0, 101_000.0]
    while by_hand[-1] > 0:
        by_hand.append(by_hand[-1] + (by_hand[-1] - 2_020_000.0) * 0.01)
    ruined = len(by_hand) - 1  # the seventh day
    assert ruined == 7
    assert result.equity.tolist()[:ruined] == pytest.approx(by_hand[:ruined], rel=1e-12)
    assert (result.equity.iloc[ruined:] == 0.0).all()
    trade = result.trades.iloc[0]
    assert len(result.trades) == 1 and trade.stake_per_point == 20_200.0
    assert (trade.exit_date, trade.exit_price, trade.reason, trade.pnl) == (bars.index[ruined], 100.0, bt.RUIN,
                                                                           -101_000.0)


def test_close_to_close_by_hand():
    days = pd.bdate_range("2024-01-01", periods=6)
    close = pd.Series([100.0, 110.0, 93.5, 93.5, 100.0, 105.0], index=days)
    held = pd.Series([True, True, False, True, True, True], index=days)
    free = bt.run_close_to_close(close, held, costs=FREE)
    # day 2 falls 15%: no stop caps it; flat on day 3; back in at 93.5 and held to the last close
    assert free.equity.tolist() == pytest.approx([100_000, 110_000, 93_500, 93_500, 100_000, 105_000], rel=1e-12)
    assert free.in_market.tolist() == [False, True, True, False, True, True]
    assert free.trades["reason"].tolist() == ["signal", "end of data"]
    assert free.trades["pnl"].tolist() == pytest.approx([-6_500.0, 11_500.0], rel=1e-12)
    c = 2e-4
    costly = bt.run_close_to_close(close, held, costs=bt.Costs(commission_bps=0.5, spread_bps=1.0, slippage_bps=1.0))
    # four changes of position, each paying 2 bp of the equity that changes hands
    expected = 100_000 * (1 - c) * 93.5 / 100 * (1 - c) * (1 - c) * 105 / 93.5 * (1 - c)
    assert costly.equity.iloc[-1] == pytest.approx(expected, rel=1e-12)
    with pytest.raises(ValueError, match="True/False"):
        bt.run_close_to_close(close, held.astype(int), costs=FREE)
    with pytest.raises(ValueError, match="closes' dates"):
        bt.run_close_to_close(close, held.iloc[1:], costs=FREE)


def test_a_crash_day_is_not_capped():
    # one day falls 15% while the position is held: equity falls 15%, not 10%
    days = pd.bdate_range("2024-01-01", periods=25)
    close = pd.Series(100.0, index=days)
    close.iloc[10:] = 85.0
    result = bt.run_close_to_close(close, pd.Series(True, index=days), costs=FREE)
    assert result.equity.iloc[10] / result.equity.iloc[9] - 1 == pytest.approx(-0.15, rel=1e-12)


BARS = data.load_russell2000_daily().loc["2015":"2018"]


@settings(max_examples=12)
@given(cut=st.integers(min_value=100, max_value=len(BARS) - 5), factor=st.floats(0.7, 1.3))
def test_no_look_ahead(cut, factor):
    # Change every bar after day `cut`: nothing decided up to that day may change.
    changed = BARS.copy()
    changed.iloc[cut + 1:] = changed.iloc[cut + 1:] * factor
    original_signals = bt.range_strategy(BARS, pivot_method="classic", range_filter=True)
    new_signals = bt.range_strategy(changed, pivot_method="classic", range_filter=True)
    for name in ("entries", "stop_distance", "target_distance", "regime"):
        pd.testing.assert_series_equal(getattr(original_signals, name).iloc[:cut + 1],
                                       getattr(new_signals, name).iloc[:cut + 1])
    before = bt.run_backtest(BARS, original_signals.entries, original_signals.stop_distance,
                             original_signals.target_distance)
    after = bt.run_backtest(changed, new_signals.entries, new_signals.stop_distance, new_signals.target_distance)
    finished = before.trades[before.trades["exit_date"] <= BARS.index[cut]]
    pd.testing.assert_frame_equal(finished, after.trades.iloc[:len(finished)])
    pd.testing.assert_series_equal(before.equity.iloc[:cut + 1], after.equity.iloc[:cut + 1])


def test_the_range_strategy_is_its_rule_computed_directly():
    # S1 from the day before's bar (classic: 2P - H, P = (H + L + C) / 3); buy when the close is at or below it,
    # on a day range_regime calls "range" when filtered; stop and target a multiple of TA-Lib's ATR of the day
    import talib

    from rut_edu import technicals

    high, low, close = (BARS[k].to_numpy() for k in ("high", "low", "close"))
    s1 = pd.Series(2 * (high + low + close) / 3 - high, index=BARS.index).shift(1)
    atr = pd.Series(talib.ATR(high, low, close, 14), index=BARS.index)
    regime = technicals.range_regime(BARS, window=14).reindex(BARS.index)
    known = s1.notna() & atr.notna() & regime.notna()
    at_or_below = known & (BARS["close"] <= s1)
    in_range = at_or_below & (regime == "range")
    assert 0 < in_range.sum() < at_or_below.sum()  # the filter keeps some signals and drops others
    for use_filter, expected in ((False, at_or_below), (True, in_range)):
        signals = bt.range_strategy(BARS, pivot_method="classic", range_filter=use_filter, stop_atr=1.5,
                                    target_atr=3.0)
        assert signals.entries.tolist() == expected.tolist(), use_filter
        for distance, multiple in ((signals.stop_distance, 1.5), (signals.target_distance, 3.0)):
            np.testing.assert_allclose(distance[known], multiple * atr[known], rtol=1e-9)
    # a close exactly at S1 is a signal
    touching = BARS.copy()
    day = BARS.index[s1.notna() & (BARS["close"] > s1)][40]
    touching.loc[day, "close"] = s1[day]
    touching.loc[day, "low"] = min(touching.loc[day, "low"], s1[day])
    signals = bt.range_strategy(touching, pivot_method="classic", range_filter=False)
    assert bool(signals.entries[day])


def test_performance_against_direct_computations():
    bars = data.load_russell2000_daily().loc["2010":"2019"]
    signals = bt.range_strategy(bars, pivot_method="Camarilla", range_filter=False)
    result = bt.run_backtest(bars, signals.entries, signals.stop_distance, signals.target_distance)
    metrics = bt.performance(result, bars)
    pnl = result.trades["pnl"]
    closed = result.closed_trades["pnl"]
    assert metrics.trades == len(closed) > 50
    assert metrics.trades + metrics.open_trades == len(pnl)
    assert metrics.hit_rate == pytest.approx((closed > 0).mean(), rel=1e-12)
    assert metrics.profit_factor == pytest.approx(closed[closed > 0].sum() / -closed[closed <= 0].sum(), rel=1e-12)
    # the equity curve ends where the trades add up to, an open trade marked to the last close included
    assert result.equity.iloc[-1] == pytest.approx(100_000 + pnl.sum(), rel=1e-12)
    closes = bars["close"].to_numpy()
    years = (len(closes) - 1) / 252
    assert metrics.buy_hold_return == pytest.approx((closes[-1] / closes[0]) ** (1 / years) - 1, rel=1e-12)
    peak = np.maximum.accumulate(closes)
    assert metrics.buy_hold_max_drawdown == pytest.approx((closes / peak - 1).min(), rel=1e-12)
    # Sharpe ratios and volatilities by hand: daily simple returns, ddof 1, sqrt(252), no risk-free rate
    hold_daily = closes[1:] / closes[:-1] - 1
    assert metrics.buy_hold_sharpe == pytest.approx(hold_daily.mean() / hold_daily.std(ddof=1) * np.sqrt(252),
                                                    rel=1e-12)
    assert metrics.buy_hold_volatility == pytest.approx(hold_daily.std(ddof=1) * np.sqrt(252), rel=1e-12)
    equity = result.equity.to_numpy()
    daily = equity[1:] / equity[:-1] - 1
    assert metrics.sharpe == pytest.approx(daily.mean() / daily.std(ddof=1) * np.sqrt(252), rel=1e-12)
    assert metrics.annualised_volatility == pytest.approx(daily.std(ddof=1) * np.sqrt(252), rel=1e-12)
    assert metrics.annualised_return == pytest.approx((equity[-1] / equity[0]) ** (1 / years) - 1, rel=1e-12)
    assert metrics.max_drawdown == pytest.approx((equity / np.maximum.accumulate(equity) - 1).min(), rel=1e-12)
    assert metrics.exposure == pytest.approx(result.in_market.mean(), rel=1e-12)
    assert 0 < metrics.exposure < 1
    # one formula each: the backtest's statistics are risk's, which the chapters call on the same closes
    assert metrics.buy_hold_volatility == pytest.approx(
        risk.annualised_volatility(risk.simple_returns(bars["close"]), periods_per_year="daily"), rel=1e-12)
    assert metrics.buy_hold_max_drawdown == pytest.approx(risk.max_drawdown(bars["close"]), rel=1e-12)
    assert metrics.max_drawdown == pytest.approx(risk.max_drawdown(result.equity), rel=1e-12)


@pytest.mark.parametrize("call, message", [
    (lambda: bt.Costs(commission_bps=-1.0), "at least 0"),
    (lambda: _run(_bars([[100, 101, 99, 100]] * 5), [0], stop=0.0), "positive on every signal day"),
    (lambda: bt.run_backtest(BARS, pd.Series(1, index=BARS.index), BARS["close"] * 0 + 1, BARS["close"] * 0 + 1),
     "True/False"),
    (lambda: bt.run_backtest(BARS, pd.Series(False, index=BARS.index[1:]), BARS["close"], BARS["close"]),
     "bars' dates"),
    (lambda: _run(_bars([[100, 101, 99, 100]] * 5), [0], risk_fraction=0.5), "at most 0.2"),
    (lambda: _run(_bars([[100, 101, 99, 100]] * 5), [0], max_holding_days=0), "at least 1"),
    (lambda: bt.range_strategy(BARS, pivot_method="classic", range_filter="yes"), "True or False"),
    (lambda: bt.range_strategy(BARS, pivot_method="classic", range_filter=True, stop_atr=0.0), "above 0"),
    (lambda: bt.performance("result", BARS), "BacktestResult"),
])
def test_bad_input_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_parameter_grid_cells_equal_direct_runs():
    bars = data.load_russell2000_daily().loc["2011":"2014"]
    grid = bt.parameter_grid(bars, stop_values=[1.0, 3.0], target_values=[0.5, 2.5], pivot_method="Camarilla",
                             range_filter=False, costs=bt.Costs(commission_bps=2.0, spread_bps=0.0, slippage_bps=0.0))
    signals = bt.range_strategy(bars, pivot_method="Camarilla", range_filter=False, stop_atr=3.0, target_atr=0.5)
    direct = bt.performance(bt.run_backtest(bars, signals.entries, signals.stop_distance, signals.target_distance,
                                            costs=bt.Costs(commission_bps=2.0, spread_bps=0.0,
                                                           slippage_bps=0.0)), bars).annualised_return
    assert grid.loc[3.0, 0.5] == pytest.approx(direct, rel=1e-12)
    assert grid.shape == (2, 2) and grid.index.name == "stop (ATR)"
    with pytest.raises(ValueError, match="at most 20"):
        bt.parameter_grid(bars, stop_values=np.arange(1.0, 23.0), target_values=[1.0])


def test_buy_and_hold_is_the_closes_scaled_to_the_starting_equity():
    close = pd.Series([200.0, 210.0, 189.0, 220.5], index=pd.bdate_range("2024-01-01", periods=4))
    held = bt.buy_and_hold(close, initial_equity=50_000.0)
    assert held.tolist() == pytest.approx([50_000.0, 52_500.0, 47_250.0, 55_125.0], rel=1e-12)
    assert held.index.equals(close.index) and held.name == "buy_and_hold"
    with pytest.raises(ValueError, match="initial_equity"):
        bt.buy_and_hold(close, initial_equity=0.0)


# ---------------------------------------------------------------------------------------------- cash earns interest
def test_bill_interest_by_hand():
    # Friday 29 Dec 2023 to Tuesday 2 Jan 2024: four calendar days at December's average; then a day at January's
    days = pd.DatetimeIndex(["2023-12-29", "2024-01-02", "2024-01-03"])
    bills = data.load_fred("tb3ms")
    december, january = float(bills.loc["2023-12-01"]), float(bills.loc["2024-01-01"])
    expected = [0.0, (1 + december / 100) ** (4 / 365) - 1, (1 + january / 100) ** (1 / 365) - 1]
    earned = bt.bill_interest(days)
    assert earned.index.equals(days) and earned.name == "cash_interest"
    np.testing.assert_allclose(earned.to_numpy(), expected, rtol=1e-12, atol=0)
    assert december == 5.24 and january == 5.22  # the shipped file's values, so a wrong month is seen


@pytest.mark.parametrize("dates, message", [
    (["2024-01-02", "2024-01-03"], "DatetimeIndex"),
    (pd.DatetimeIndex([]), "empty"),
    (pd.DatetimeIndex(["2024-01-03", "2024-01-02"]), "sorted"),
    (pd.DatetimeIndex(["2024-01-02", "2024-01-02"]), "without repeats"),
    (pd.DatetimeIndex(["2024-01-02", "2024-01-03"], tz="America/New_York"), "time zone"),
    (pd.DatetimeIndex(["2031-01-02", "2031-01-03"]), "no three-month bill rate for 2031-01"),
])
def test_bill_interest_refuses_dates_it_cannot_price(dates, message):
    with pytest.raises(ValueError, match=message):
        bt.bill_interest(dates)


def test_idle_cash_earns_interest_and_a_position_earns_it_on_the_cash_left():
    bars = _bars([[100, 101, 99, 100], [100, 106, 99, 105], [104, 105, 103, 104], [104, 105, 103, 104]])
    rate = pd.Series([0.009, 0.001, 0.002, 0.003], index=bars.index)  # the first day's value is never earned
    # never in the market: the equity is cash, compounding
    flat = _run(bars, [], costs=FREE, cash_interest=rate)
    assert flat.equity.tolist() == pytest.approx([1e5, 1e5 * 1.001, 1e5 * 1.001 * 1.002, 1e5 * 1.001 * 1.002 * 1.003],
                                                 rel=1e-12)
    assert flat.cash_interest.tolist() == [0.0, 0.001, 0.002, 0.003]
    # bought at day 1's open with $500 a point (notional 50,000): day 1's interest is earned overnight on the whole
    # 100,000 first; the position exits at the target (105) that day, and then all of it is cash again
    held = _run(bars, [0], costs=FREE, cash_interest=rate)
    after_night = 1e5 * 1.001
    stake = after_night * 0.01 / 2.0
    assert held.trades.iloc[0].stake_per_point == pytest.approx(stake, rel=1e-12)
    day_1 = after_night + stake * 5
    assert held.equity.tolist() == pytest.approx([1e5, day_1, day_1 * 1.002, day_1 * 1.002 * 1.003], rel=1e-12)
    # a position held overnight: the cash not in it (equity minus the notional bought) earns the night's interest
    still = _run(_bars([[100, 101, 99, 100], [100, 101, 99, 100], [100, 101, 99, 101], [101, 102, 100, 101]]), [0],
                 costs=FREE, cash_interest=rate, target=50.0, stop=50.0)
    stake = 1e5 * 1.001 * 0.01 / 50.0  # $20.02 a point, notional $2,002
    cash_after_entry = 1e5 * 1.001
    cash_day_2 = cash_after_entry + (cash_after_entry - stake * 100) * 0.002
    assert still.equity.iloc[2] == pytest.approx(cash_day_2 + stake * 1.0, rel=1e-12)


def test_close_to_close_cash_earns_only_out_of_the_market():
    days = pd.bdate_range("2024-01-01", periods=4)
    close = pd.Series([100.0, 110.0, 99.0, 99.0], index=days)
    rate = pd.Series([0.0, 0.001, 0.002, 0.003], index=days)
    held = pd.Series([True, False, False, False], index=days)  # in the market for day 1 only
    result = bt.run_close_to_close(close, held, costs=FREE, cash_interest=rate)
    assert result.equity.tolist() == pytest.approx([1e5, 1.1e5, 1.1e5 * 1.002, 1.1e5 * 1.002 * 1.003], rel=1e-12)


def test_sharpe_is_on_returns_over_cash_and_cash_return_is_what_cash_alone_made():
    bars = data.load_russell2000_daily().loc["2010":"2019"]
    rate = bt.bill_interest(bars.index)
    signals = bt.range_strategy(bars, pivot_method="Camarilla", range_filter=False)
    result = bt.run_backtest(bars, signals.entries, signals.stop_distance, signals.target_distance,
                             cash_interest=rate)
    metrics = bt.performance(result, bars)
    cash = rate.to_numpy()[1:]
    equity, closes = result.equity.to_numpy(), bars["close"].to_numpy()
    excess = equity[1:] / equity[:-1] - 1 - cash
    assert metrics.sharpe == pytest.approx(excess.mean() / excess.std(ddof=1) * np.sqrt(252), rel=1e-12)
    hold = closes[1:] / closes[:-1] - 1 - cash
    assert metrics.buy_hold_sharpe == pytest.approx(hold.mean() / hold.std(ddof=1) * np.sqrt(252), rel=1e-12)
    years = (len(closes) - 1) / 252
    assert metrics.cash_return == pytest.approx(np.prod(1 + cash) ** (1 / years) - 1, rel=1e-12)
    assert 0.004 < metrics.cash_return < 0.008  # bills paid little in the 2010s
    # without a cash rate, cash earned nothing and the Sharpe ratio is over zero
    plain = bt.performance(bt.run_backtest(bars, signals.entries, signals.stop_distance, signals.target_distance),
                           bars)
    assert plain.cash_return == 0.0 and plain.annualised_return < metrics.annualised_return
    prepared = bt.prepare_backtest(bars, cash_interest=rate)
    assert prepared.cash_interest is rate and bt.prepare_backtest(bars).cash_interest is None


@pytest.mark.parametrize("cash, message", [
    (lambda index: pd.Series(0.05, index=index), "daily fraction"),  # 5 meant as 5% a year
    (lambda index: pd.Series(0.0001, index=index[1:]), "bars' dates"),
    (lambda index: pd.Series(-0.0001, index=index), "negative"),
    (lambda index: 0.0001, "pandas Series"),
])
def test_a_cash_rate_in_the_wrong_units_or_dates_is_refused(cash, message):
    bars = _bars([[100, 101, 99, 100]] * 5)
    with pytest.raises(ValueError, match=message):
        _run(bars, [0], cash_interest=cash(bars.index))


def test_months_after_the_last_bill_average_earn_it_for_three_months_then_are_refused():
    rate = data.load_fred("tb3ms")
    last_month = rate.index[-1].to_period("M")
    two_days = pd.bdate_range((last_month + 2).start_time, periods=2)  # two months past the last average
    earned = bt.bill_interest(two_days)
    gap = (two_days[1] - two_days[0]).days
    assert earned.iloc[1] == pytest.approx((1 + rate.iloc[-1] / 100) ** (gap / 365) - 1, rel=1e-12)
    too_late = pd.bdate_range((last_month + 4).start_time, periods=2)
    with pytest.raises(ValueError, match=f"no three-month bill rate for {last_month + 4}.*carry the last average 3"):
        bt.bill_interest(too_late)
