"""Every public function of the pure modules rejects bad input with a clear ValueError.

A registry gives one valid call per function. The sweep then spoils one argument at a
time, the way a learner's data goes wrong (NaN, inf, a repeated date, dates out of order,
an empty series, a float where a count is meant, an unknown choice), and hypothesis picks
where in the data the damage lands. A new public function fails
``test_every_public_function_is_in_the_sweep`` until it is registered here.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rut_edu import (
    PURE_MODULES,
    backtest,
    comparison,
    data,
    forecasting,
    glossary,
    index,
    instruments,
    periods,
    quiz,
    rates,
    reconstitution,
    reporting,
    risk,
    technicals,
    universe,
)

# Every pure module (rut_edu.PURE_MODULES) is swept, but the checks themselves: each rule of rut_edu.validation is
# pinned at its edge in test_validation.py.
NOT_SWEPT = {"validation"}
MODULES = tuple(importlib.import_module(f"rut_edu.{name}") for name in PURE_MODULES if name not in NOT_SWEPT)

DAYS = pd.bdate_range("2024-01-01", periods=80)
_rng = np.random.default_rng(7)
MARKET = pd.Series(_rng.normal(0.0005, 0.01, len(DAYS)), index=DAYS)
ASSET = pd.Series(1.2 * MARKET.to_numpy() + _rng.normal(0, 0.005, len(DAYS)), index=DAYS)
LEVELS = 100 * (1 + ASSET).cumprod()
MARKET_LEVELS = 100 * (1 + MARKET).cumprod()
TABLE = pd.DataFrame({"price": [50.0, 20.0, 100.0], "shares": [10e6, 50e6, 3e6], "float_factor": [0.8, 1.0, 0.5]},
                     index=["A", "B", "C"])
WEIGHTS = pd.Series([0.5, 0.3, 0.2], index=["A", "B", "C"])
WINDOWS = {"first": ("2024-01-01", "2024-02-29"), "second": ("2024-03-01", "2024-04-30")}
BASE = index.CapWeightedIndex.launch(TABLE, 100.0)
UNIVERSE = universe.synthetic_universe(seed=1)
CANDIDATES = reconstitution.candidate_universe(seed=1)
MONTHS = pd.date_range("2018-01-01", periods=36, freq="MS")
MONTHLY_PRICES = pd.Series(100.0 * 1.002 ** np.arange(36), index=MONTHS)
QUARTERLY = pd.date_range("2015-01-01", periods=40, freq="QS")
POLICY = pd.Series(np.linspace(0.5, 5.0, 40), index=QUARTERLY)
INFLATION = pd.Series(2.0 + np.sin(np.arange(40) / 3), index=QUARTERLY)
QUARTER_FRAME = pd.DataFrame({"policy_rate": POLICY, "inflation": INFLATION,
                              "output_gap": np.cos(np.arange(40) / 4), "rstar_onesided": 1.0 + 0.01 * np.arange(40)})
MONTH_ENDS = pd.date_range("2015-01-31", periods=60, freq="ME")
RATE_CHANGES = pd.DataFrame({"d10y": np.random.default_rng(2).normal(0, 0.2, 60)}, index=MONTH_ENDS)
RELATIVE = pd.Series(0.02 * RATE_CHANGES["d10y"].to_numpy() + np.random.default_rng(3).normal(0, 0.01, 60),
                     index=MONTH_ENDS)
PRICE_BARS = data.load_russell2000_daily().loc["2019"]
SIGNALS = backtest.range_strategy(PRICE_BARS, pivot_method="classic", range_filter=False)
RESULT = backtest.run_backtest(PRICE_BARS, SIGNALS.entries, SIGNALS.stop_distance, SIGNALS.target_distance)
CASH = backtest.bill_interest(PRICE_BARS.index)
LONG_BARS = data.load_russell2000_daily().loc["2010":"2013"]
FEATURES = forecasting.forecast_features(LONG_BARS)
TARGET = forecasting.forecast_target(LONG_BARS["close"], horizon=1)
UP = forecasting.walk_forward(FEATURES, TARGET, model="always up", first_train=500, refit_every=250)
MEAN = forecasting.walk_forward(FEATURES, TARGET, model="historical mean", first_train=500, refit_every=250)
ERRORS = np.random.default_rng(4).normal(0, 1, 200)
PAIR = comparison.prepare_pair(data.load_russell2000_daily()["close"].loc["2015":"2018"],
                               data.load_sp500_daily()["close"].loc["2015":"2018"])
CAPS = pd.Series(np.exp(np.random.default_rng(1).normal(20, 1.5, 4200)), index=[f"S{i}" for i in range(4200)])

# name -> (function, keyword arguments of one valid call)
REGISTRY: dict[str, tuple[Callable, dict]] = {
    # index
    "index.total_caps": (index.total_caps, dict(prices=TABLE["price"], shares=TABLE["shares"])),
    "index.float_adjusted_caps": (index.float_adjusted_caps, dict(prices=TABLE["price"], shares=TABLE["shares"],
                                                                  float_factors=TABLE["float_factor"])),
    "index.price_weights": (index.price_weights, dict(prices=TABLE["price"])),
    "index.equal_weights": (index.equal_weights, dict(prices=TABLE["price"])),
    "index.total_cap_weights": (index.total_cap_weights, dict(prices=TABLE["price"], shares=TABLE["shares"])),
    "index.float_adjusted_weights": (index.float_adjusted_weights, dict(prices=TABLE["price"], shares=TABLE["shares"],
                                                                        float_factors=TABLE["float_factor"])),
    "index.weights": (index.weights, dict(constituents=TABLE, scheme="float_cap")),
    "index.weights_table": (index.weights_table, dict(constituents=TABLE)),
    "index.market_value": (index.market_value, dict(prices=TABLE["price"], shares=TABLE["shares"],
                                                    float_factors=TABLE["float_factor"])),
    "index.index_level": (index.index_level, dict(prices=TABLE["price"], shares=TABLE["shares"],
                                                  float_factors=TABLE["float_factor"], divisor=2e6)),
    "index.divisor_for_level": (index.divisor_for_level, dict(market_value_=2e9, level=1000.0)),
    "index.adjust_divisor": (index.adjust_divisor, dict(old_divisor=2e6, old_market_value=2e9, new_market_value=2.1e9)),
    "index.steps_table": (index.steps_table, dict(steps={"launch": BASE})),
    "index.change_company": (index.change_company, dict(start=BASE, company=TABLE.index[0], price=30.0, shares=2e6,
                                                        float_factor=0.5)),
    "index.five_companies": (index.five_companies, dict()),
    "index.price_return": (index.price_return, dict(levels=LEVELS)),
    "index.total_return": (index.total_return, dict(prices=LEVELS, dividends=LEVELS * 0)),
    "index.cumulative_index": (index.cumulative_index, dict(returns=ASSET, base=100.0)),
    "index.contributions": (index.contributions, dict(start_weights=WEIGHTS, returns=WEIGHTS * 0.5 - 0.15)),
    "index.effective_number": (index.effective_number, dict(w=WEIGHTS)),
    "index.top_weight": (index.top_weight, dict(w=WEIGHTS, n=2)),
    "index.smallest_half_share": (index.smallest_half_share, dict(w=WEIGHTS)),
    "index.concentration": (index.concentration, dict(w=WEIGHTS, top=(1, 2))),
    # risk
    "risk.log_returns": (risk.log_returns, dict(levels=LEVELS)),
    "risk.simple_returns": (risk.simple_returns, dict(levels=LEVELS)),
    "risk.resample_levels": (risk.resample_levels, dict(levels=LEVELS, frequency="weekly")),
    "risk.annualised_volatility": (risk.annualised_volatility, dict(returns=ASSET, periods_per_year="daily")),
    "risk.drawdown": (risk.drawdown, dict(levels=LEVELS)),
    "risk.drawdown_episodes": (risk.drawdown_episodes, dict(levels=LEVELS, threshold=0.01)),
    "risk.drawdown_in_window": (risk.drawdown_in_window, dict(levels=LEVELS, start="2024-01-01", end="2024-03-01")),
    "risk.annualised_mean": (risk.annualised_mean, dict(returns=ASSET, periods_per_year="daily")),
    "risk.mean_t_statistic": (risk.mean_t_statistic, dict(returns=ASSET)),
    "risk.max_drawdown": (risk.max_drawdown, dict(levels=LEVELS)),
    "risk.common_dates": (risk.common_dates, dict(a=LEVELS, b=MARKET_LEVELS)),
    "risk.align_returns": (risk.align_returns, dict(a=ASSET, b=MARKET, minimum=3)),
    "risk.beta": (risk.beta, dict(asset=ASSET, market=MARKET)),
    "risk.correlation": (risk.correlation, dict(a=ASSET, b=MARKET)),
    "risk.volatility_ratio": (risk.volatility_ratio, dict(a=ASSET, b=MARKET, periods_per_year="daily")),
    "risk.dimson_beta": (risk.dimson_beta, dict(asset=ASSET, market=MARKET, lags=2)),
    "risk.rolling_volatility": (risk.rolling_volatility, dict(returns=ASSET, window=20, periods_per_year="daily")),
    "risk.rolling_slope": (risk.rolling_slope, dict(y=ASSET, x=MARKET, window=20)),
    "risk.rolling_beta": (risk.rolling_beta, dict(asset=ASSET, market=MARKET, window=20)),
    "risk.rolling_correlation": (risk.rolling_correlation, dict(a=ASSET, b=MARKET, window=20)),
    "risk.capture_ratios": (risk.capture_ratios, dict(asset=ASSET, market=MARKET, convention="arithmetic")),
    "risk.downside_deviation": (risk.downside_deviation, dict(returns=ASSET, periods_per_year="daily", threshold=0.0)),
    "risk.worst_periods": (risk.worst_periods, dict(returns=ASSET, n=5)),
    "risk.worst_periods_table": (risk.worst_periods_table, dict(returns={"X": ASSET}, n=3)),
    "risk.drawdowns_in_windows": (risk.drawdowns_in_windows, dict(levels={"X": LEVELS}, windows=WINDOWS)),
    "risk.beta_by_window": (risk.beta_by_window, dict(asset=ASSET, market=MARKET, windows=WINDOWS, dimson_lags=1)),
    "risk.mean_by_window": (risk.mean_by_window, dict(returns=ASSET, windows=WINDOWS, periods_per_year="daily")),
    "risk.volatility_and_mean": (risk.volatility_and_mean, dict(returns=pd.DataFrame({"X": ASSET}),
                                                                periods_per_year="daily")),
    "risk.compare": (risk.compare, dict(asset_levels=LEVELS, market_levels=MARKET_LEVELS, frequency="daily")),
    "risk.risk_summary": (risk.risk_summary, dict(asset_levels=LEVELS, market_levels=MARKET_LEVELS, frequency="daily")),
    # comparison
    "comparison.episode_window": (comparison.episode_window, dict(prepared=PAIR, episode="whole history")),
    "comparison.prepare_pair": (comparison.prepare_pair, dict(asset_levels=LEVELS, market_levels=MARKET_LEVELS,
                                                              names=("A", "B"))),
    "comparison.summarize_window": (comparison.summarize_window, dict(prepared=PAIR, start_year=2016, end_year=2017,
                                                                      frequency="weekly")),
    "comparison.ratio_table": (comparison.ratio_table, dict(prepared=PAIR, year_ranges=[(2015, 2016), (2017, 2018)],
                                                            frequencies=("daily", "monthly"))),
    "comparison.caveats": (comparison.caveats, dict(summary=comparison.summarize_window(PAIR, start_year=2016, end_year=2016,
                                                                                        frequency="monthly"),
                                                    frequency="monthly")),
    "comparison.window_report": (comparison.window_report, dict(prepared=PAIR, start="2016-01-04", end="2016-06-30")),
    "comparison.window_stops": (comparison.window_stops, dict(prepared=PAIR)),
    # universe
    "universe.rank_size_curve": (universe.rank_size_curve, dict(ranks=np.array([1.0, 10.0, 3000.0]))),
    "universe.synthetic_universe": (universe.synthetic_universe, dict(seed=3, n_companies=3500, dispersion=1.0)),
    "universe.members": (universe.members, dict(universe=UNIVERSE, index_name="Russell 2000")),
    "universe.summary": (universe.summary, dict(universe=UNIVERSE)),
    # reporting
    "reporting.significant": (reporting.significant, dict(value=0.123456789, digits=3)),
    "reporting.portable": (reporting.portable, dict(value=0.123456789)),
    "reporting.ordinal": (reporting.ordinal, dict(n=51)),
    "reporting.unrecovered": (reporting.unrecovered, dict(
        table=pd.DataFrame({"recovery": [pd.Timestamp("2021-01-08"), pd.NaT], "days_to_recover": [300.0, np.nan]}),
        as_of=pd.Timestamp("2025-08-29"))),
    "reporting.for_reading": (reporting.for_reading, dict(table=pd.DataFrame(
        {"days_to_trough": [392.0, 17.0], "depth": [-0.42, -0.21]},
        index=pd.DatetimeIndex(["2018-08-31", "2021-11-08"], name="peak_day")))),
    # data
    "data.load_size_portfolios": (data.load_size_portfolios, dict(frequency="monthly", weighting="value")),
    "data.load_ff_factors": (data.load_ff_factors, dict(frequency="monthly")),
    "data.load_fred": (data.load_fred, dict(series="fedfunds")),
    # glossary and quiz
    "glossary.lookup": (glossary.lookup, dict(term="divisor")),
    "glossary.search": (glossary.search, dict(text="float")),
    "glossary.normalise": (glossary.normalise, dict(text="Float factors")),
    "glossary.closest_terms": (glossary.closest_terms, dict(text="divsor", n=3)),
    "quiz.load": (quiz.load, dict(name="cap_weighting")),
    # reconstitution
    "reconstitution.home_country": (reconstitution.home_country, dict(incorporation="US", headquarters="US",
                                                                       most_liquid_exchange="US", assets="US",
                                                                       revenue="US")),
    "reconstitution.failed_rules": (reconstitution.failed_rules, dict(company=dict(
        price=12.0, average_price_30d=12.0, existing_member=False, total_cap=5e8, float_factor=0.8,
        unrestricted_voting=1.0, exchange="NASDAQ", structure="operating company", share_type="common",
        incorporation="US", headquarters="US", exchange_country="US", assets_country="US", revenue_country="US"))),
    "reconstitution.candidate_universe": (reconstitution.candidate_universe, dict(seed=3)),
    "reconstitution.screen": (reconstitution.screen, dict(universe=CANDIDATES)),
    "reconstitution.exclusions": (reconstitution.exclusions, dict(universe=CANDIDATES)),
    "reconstitution.rank_by_total_cap": (reconstitution.rank_by_total_cap, dict(total_caps=CAPS)),
    "reconstitution.segment_by_rank": (reconstitution.segment_by_rank, dict(ranks=pd.Series([1, 1500, 3500]))),
    "reconstitution.membership": (reconstitution.membership, dict(segments=pd.Series(["Russell 1000", "outside"]))),
    "reconstitution.place": (reconstitution.place, dict(total_caps=CAPS, band_1000=0.025, band_2000=0.005)),
    "reconstitution.within_band": (reconstitution.within_band, dict(percentile=np.array([0.5, 0.88, 0.9]),
                                                                    breakpoint=0.9, half_width=0.025)),
    "reconstitution.schedule": (reconstitution.schedule, dict(year=2026, cycle="June")),
    "reconstitution.ipo_windows": (reconstitution.ipo_windows, dict(year=2026)),
    "periods.nyse_sessions": (periods.nyse_sessions, dict()),
    "reconstitution.russell2000_weights": (reconstitution.russell2000_weights,
                                           dict(universe=TABLE, members=pd.Index(["A", "B"]))),
    "reconstitution.one_way_turnover": (reconstitution.one_way_turnover,
                                        dict(weights_before=WEIGHTS, weights_after=WEIGHTS[::-1])),
    "reconstitution.universe_path": (reconstitution.universe_path, dict(seed=1, volatility=0.4)),
    "reconstitution.simulate": (reconstitution.simulate, dict(seed=1, years=2, schedule_name="annual",
                                                              band_1000=0.025, band_2000=0.005, volatility=0.4)),
    "reconstitution.simulate_with_band": (reconstitution.simulate_with_band, dict(band_1000=0.02, schedule_name="annual",
                                                                                  years=2, seed=1)),
    "reconstitution.compare_settings": (reconstitution.compare_settings, dict(settings={"a": ("annual", 0.02)},
                                                                              years=2, seed=1)),
    "reconstitution.turnover_by_band": (reconstitution.turnover_by_band, dict(bands=np.array([0.0, 0.02]), years=2,
                                                                              seed=1)),
    # instruments
    "instruments.instrument": (instruments.instrument, dict(symbol="RTY")),
    "instruments.terms_table": (instruments.terms_table, dict(kind="future")),
    "instruments.notional_value": (instruments.notional_value, dict(symbol="RTY", index_level=2000.0, contracts=3)),
    "instruments.tick_value": (instruments.tick_value, dict(symbol="M2K")),
    "instruments.hedge": (instruments.hedge, dict(portfolio_value=1e6, beta=1.1, futures_price=2000.0,
                                                  symbol="RTY")),
    "instruments.futures_fair_value": (instruments.futures_fair_value, dict(spot=2000.0, rate=0.04,
                                                                            dividend_yield=0.013, days=90)),
    "instruments.basis": (instruments.basis, dict(futures_price=2010.0, spot=2000.0)),
    "instruments.quarterly_expiries": (instruments.quarterly_expiries, dict(first_year=2026, last_year=2027,
                                                                            root="RTY")),
    "instruments.days_to_expiry": (instruments.days_to_expiry, dict(valuation_date="2026-11-23",
                                                                    expiry="2026-12-18")),
    "instruments.option_payoff": (instruments.option_payoff, dict(kind="call", strike=2000.0,
                                                                  spot=np.array([1900.0, 2100.0]))),
    "instruments.strategy_payoff": (instruments.strategy_payoff, dict(
        legs=[instruments.Leg("call", 2000.0, 1, 60.0)], spot=np.array([1900.0, 2100.0]))),
    "instruments.strategy_profit": (instruments.strategy_profit, dict(
        legs=[instruments.Leg("put", 2000.0, -1, 40.0)], spot=np.array([1900.0, 2100.0]))),
    "instruments.black_scholes": (instruments.black_scholes, dict(kind="call", spot=2000.0, strike=2100.0, years=0.25,
                                                                  rate=0.04, volatility=0.22, dividend_yield=0.013)),
    "instruments.put_call_parity_gap": (instruments.put_call_parity_gap, dict(
        call=80.0, put=60.0, spot=2000.0, strike=2000.0, years=0.25, rate=0.04, dividend_yield=0.013)),
    "instruments.fee_cost_by_year": (instruments.fee_cost_by_year, dict(amount=1e4, expense_ratio=0.0019, years=10,
                                                                        annual_return=0.07)),
    "instruments.cfd_position": (instruments.cfd_position, dict(index_level=2000.0, stake_per_point=10.0,
                                                                leverage=10.0, financing_rate=0.065,
                                                                close_out_level=0.5)),
    "instruments.position_size": (instruments.position_size, dict(account=1e5, risk_fraction=0.01, entry=2000.0,
                                                                  stop=1980.0, dollars_per_point=5.0)),
    "instruments.leverage_scenario": (instruments.leverage_scenario, dict(symbol="RTY", units=2, leverage=20.0,
                                                                          index_level=2000.0, daily_volatility=0.015,
                                                                          sigmas=-2.0)),
    # rates
    "rates.quarterly_average": (rates.quarterly_average, dict(monthly=MONTHLY_PRICES)),
    "rates.inflation_rate": (rates.inflation_rate, dict(price_index=MONTHLY_PRICES, periods=12)),
    "rates.align": (rates.align, dict(series={"policy": POLICY, "inflation": INFLATION})),
    "rates.real_rate": (rates.real_rate, dict(nominal=POLICY, inflation=INFLATION)),
    "rates.stance_gap": (rates.stance_gap, dict(real=POLICY - INFLATION, rstar=INFLATION * 0 + 1.0)),
    "rates.taylor_rate": (rates.taylor_rate, dict(inflation=3.0, output_gap=1.0, rstar=0.5, inflation_target=2.0,
                                                  inflation_weight=0.5, gap_weight=0.5)),
    "rates.taylor_path": (rates.taylor_path, dict(rule=rates.TAYLOR_RULES["Taylor (1993), Laubach-Williams r-star"],
                                                  quarters=QUARTER_FRAME, rstar_column="rstar_onesided")),
    "rates.rstar_estimates": (rates.rstar_estimates, dict()),
    "rates.policy_and_inflation": (rates.policy_and_inflation, dict(inflation_measure="CPI")),
    "rates.quarterly_dataset": (rates.quarterly_dataset, dict(inflation_measure="core PCE")),
    "rates.local_level_trend": (rates.local_level_trend, dict(rate=POLICY - INFLATION, level_variance=0.05)),
    # periods
    "periods.frequency": (periods.frequency, dict(name="monthly")),
    "periods.period_labels": (periods.period_labels, dict(index=DAYS, frequency_name="weekly")),
    "periods.complete_periods": (periods.complete_periods, dict(index=DAYS, frequency_name="weekly", need_start=True)),
    "periods.period_end_values": (periods.period_end_values, dict(values=LEVELS, frequency_name="weekly")),
    "rates.rate_changes": (rates.rate_changes, dict(daily_rates={"level": LEVELS}, frequency="weekly")),
    "rates.small_cap_relative_returns": (rates.small_cap_relative_returns, dict(
        small_levels=LEVELS, large_levels=MARKET_LEVELS, frequency="weekly")),
    "rates.rate_regression": (rates.rate_regression, dict(relative=RELATIVE, changes=RATE_CHANGES, hac_lags=3)),
    "rates.rolling_rate_beta": (rates.rolling_rate_beta, dict(relative=RELATIVE, change=RATE_CHANGES["d10y"],
                                                              window=24)),
    # technicals
    "technicals.ohlc_frame": (technicals.ohlc_frame, dict(bars=PRICE_BARS, minimum=2)),
    "technicals.true_range": (technicals.true_range, dict(bars=PRICE_BARS)),
    "technicals.atr": (technicals.atr, dict(bars=PRICE_BARS, window=14)),
    "technicals.directional_movement": (technicals.directional_movement, dict(bars=PRICE_BARS, window=14)),
    "technicals.choppiness": (technicals.choppiness, dict(bars=PRICE_BARS, window=14)),
    "technicals.range_regime": (technicals.range_regime, dict(bars=PRICE_BARS, window=14, chop_range=61.8,
                                                              chop_trend=38.2, adx_range=20.0, adx_trend=25.0)),
    "technicals.momentum": (technicals.momentum, dict(close=PRICE_BARS["close"], window=10)),
    "technicals.rate_of_change": (technicals.rate_of_change, dict(close=PRICE_BARS["close"], window=10)),
    "technicals.rate_of_change_fraction": (technicals.rate_of_change_fraction, dict(close=PRICE_BARS["close"],
                                                                                    window=10)),
    "technicals.rate_of_change_ratio": (technicals.rate_of_change_ratio, dict(close=PRICE_BARS["close"], window=10)),
    "technicals.rolling_levels": (technicals.rolling_levels, dict(bars=PRICE_BARS, window=20)),
    "technicals.swing_points": (technicals.swing_points, dict(bars=PRICE_BARS, left=2, right=2)),
    "technicals.swings": (technicals.swings, dict(close=PRICE_BARS["close"], threshold=0.05)),
    "technicals.pivot_levels_for": (technicals.pivot_levels_for, dict(high=110.0, low=100.0, close=105.0,
                                                                      method="classic")),
    "technicals.pivot_levels": (technicals.pivot_levels, dict(bars=PRICE_BARS, method="Fibonacci", period="week")),
    # backtest
    "backtest.bill_interest": (backtest.bill_interest, dict(dates=PRICE_BARS.index)),
    "backtest.prepare_backtest": (backtest.prepare_backtest, dict(bars=PRICE_BARS, cash_interest=CASH)),
    "backtest.buy_and_hold": (backtest.buy_and_hold, dict(close=PRICE_BARS["close"], initial_equity=1e5)),
    "backtest.run_close_to_close": (backtest.run_close_to_close, dict(close=PRICE_BARS["close"],
                                                                      positions=SIGNALS.entries, cash_interest=CASH)),
    "backtest.run_backtest": (backtest.run_backtest, dict(bars=PRICE_BARS, entries=SIGNALS.entries,
                                                          stop_distance=SIGNALS.stop_distance,
                                                          target_distance=SIGNALS.target_distance,
                                                          risk_fraction=0.01, max_leverage=1.0,
                                                          initial_equity=1e5, max_holding_days=20,
                                                          cash_interest=CASH)),
    "backtest.performance": (backtest.performance, dict(result=RESULT, bars=PRICE_BARS)),
    "backtest.range_strategy": (backtest.range_strategy, dict(bars=PRICE_BARS, pivot_method="Camarilla",
                                                              range_filter=True, stop_atr=2.0, target_atr=1.5,
                                                              window=14)),
    "backtest.parameter_grid": (backtest.parameter_grid, dict(bars=PRICE_BARS, stop_values=np.array([1.0, 2.0]),
                                                              target_values=np.array([2.0]), pivot_method="classic",
                                                              range_filter=False)),
    # forecasting
    "forecasting.forecast_features": (forecasting.forecast_features, dict(bars=LONG_BARS)),
    "forecasting.forecast_target": (forecasting.forecast_target, dict(close=LONG_BARS["close"], horizon=5)),
    "forecasting.walk_forward": (forecasting.walk_forward, dict(features=FEATURES, target=TARGET,
                                                                model="ridge regression", horizon=1, first_train=500,
                                                                refit_every=250, window="rolling", seed=1)),
    "forecasting.diebold_mariano": (forecasting.diebold_mariano, dict(errors_a=ERRORS, errors_b=ERRORS * 1.1 + 0.01,
                                                                      horizon=2)),
    "forecasting.centred_average": (forecasting.centred_average, dict(close=LONG_BARS["close"])),
    "forecasting.calls_up": (forecasting.calls_up, dict(predicted=ERRORS)),
    "forecasting.scheme_features": (forecasting.scheme_features, dict(bars=LONG_BARS)),
    "forecasting.walk_forward_grid": (forecasting.walk_forward_grid, dict(bars=data.load_russell2000_daily(),
                                                                          refit_every=1000, use_cache=True)),
    "forecasting.prepare_forecasts": (forecasting.prepare_forecasts, dict(bars=data.load_russell2000_daily(),
                                                                          trade_from="2020-01-02", refit_every=1000)),
    "forecasting.evaluate": (forecasting.evaluate, dict(forecasts=UP, benchmark=MEAN)),
    "forecasting.trade_forecasts": (forecasting.trade_forecasts, dict(bars=LONG_BARS, forecasts=UP)),
    "forecasting.leaky_hit_rate": (forecasting.leaky_hit_rate, dict(bars=data.load_russell2000_daily().loc["1995":],
                                                                      mistake="shuffled split", seed=2)),
    "instruments.close_out_days": (instruments.close_out_days, dict(daily_returns=ASSET,
                                                                    leverages=np.array([2.0, 10.0, 20.0]),
                                                                    close_out_level=0.5)),
}

# Public functions without an argument to spoil, or that need a kernel or a file system path.
NO_ARGUMENTS = {"data.clear_cache", "data.load_all", "data.load_rstar", "data.load_rstar_inputs",
                "data.load_russell2000_daily", "data.load_size_portfolio_average_cap",
                "data.load_size_portfolio_firm_counts", "data.load_sp500_daily", "glossary.terms",
                "claims.claims", "data.data_dir", "data.rstar_release", "forecasting.grid_cache_path"}
ELSEWHERE = {
    "reporting.glue": "writes reporting.portable (swept) as MyST-NB glue output; compared with myst_nb.glue in test_package.py",
    "reporting.label": "any label is valid: a name gets its display label, anything else (a date, a ticker) passes "
                       "through; tested in test_reporting.py",
    "reporting.labelled": "renames a table's labels and passes its values through untouched (a result may hold None "
                          "for a statistic it could not measure); its kind check is in test_reporting.py",
    "reporting.glue_all": "calls reporting.glue for each entry; its own checks are tested in test_package.py",
    "quiz.show": "wraps quiz.load (swept) around jupyterquiz; needs a kernel",
    "data.read_verified_bytes": "checksum failures are tested in test_data.py",
    "data.check_file": "each rule is given a bad file in test_data.py, which names the file, row and rule",
    "data.checksums_for": "a folder's checksums, read through read_verified_bytes in test_data.py and test_refresh.py",
    "forecasting.save_grid_cache": "fits the whole grid (half a minute) and writes a file; its checks are "
                                   "walk_forward_grid's (swept); tested in test_forecasting.py",
}


def public_functions() -> set[str]:
    names = set()
    for module in MODULES:
        short = module.__name__.split(".")[-1]
        # a package's functions count where they are defined, in its submodules (instruments.futures.hedge
        # is instruments.hedge)
        names |= {f"{short}.{n}" for n, f in inspect.getmembers(module, inspect.isfunction)
                  if f.__module__.startswith(module.__name__) and not n.startswith("_")}
    return names


def test_every_public_function_is_in_the_sweep():
    missing = public_functions() - set(REGISTRY) - NO_ARGUMENTS - set(ELSEWHERE)
    assert not missing, f"register a valid call for each new public function in REGISTRY: {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_the_registered_call_is_valid(name):
    function, kwargs = REGISTRY[name]
    function(**kwargs)


# ------------------------------------------------------------ how data go wrong
def _spoil_values(value, position: int, bad: float):
    if isinstance(value, pd.DataFrame):
        spoiled = value.copy()
        spoiled.iloc[position % len(value), position % value.shape[1]] = bad
        return spoiled
    spoiled = pd.Series(value, dtype=float).copy() if isinstance(value, pd.Series) else np.array(value, dtype=float)
    if isinstance(spoiled, pd.Series):
        spoiled.iloc[position % len(spoiled)] = bad
    else:
        spoiled[position % len(spoiled)] = bad
    return spoiled


def _repeat_a_date(value: pd.Series, position: int) -> pd.Series:
    i = 1 + position % (len(value) - 1)
    dates = value.index.tolist()
    dates[i] = dates[i - 1]
    return pd.Series(value.to_numpy(), index=pd.DatetimeIndex(dates), name=value.name)


def _swap_two_dates(value: pd.Series, position: int) -> pd.Series:
    i = 1 + position % (len(value) - 1)
    order = list(range(len(value)))
    order[i - 1], order[i] = order[i], order[i - 1]
    return value.iloc[order]


def _dates_as_text(value: pd.Series, position: int) -> pd.Series:
    # as a CSV read without parse_dates gives them; one date moved out of order as well, which text hides
    text = value.index.strftime("%Y-%m-%d").tolist()
    i = 1 + position % (len(value) - 1)
    text[i - 1], text[i] = text[i], text[i - 1]
    return pd.Series(value.to_numpy(), index=pd.Index(text, dtype=object), name=value.name)


SPOILERS = {
    "NaN": lambda v, k: _spoil_values(v, k, np.nan),
    "+inf": lambda v, k: _spoil_values(v, k, np.inf),
    "-inf": lambda v, k: _spoil_values(v, k, -np.inf),
    "empty": lambda v, k: v.iloc[0:0] if hasattr(v, "iloc") else np.array([], dtype=float),
    "repeated date": _repeat_a_date,
    "unsorted dates": _swap_two_dates,
    "dates as text": _dates_as_text,
}
SCALAR_SPOILERS = {
    int: [2.5, True, "3", float("nan"), None],
    float: [float("nan"), float("inf"), True, "0.5", None],
    str: ["no such choice", 3, None],
    bool: ["no", "yes", 1, 0.0, None],  # truthy and falsy stand-ins for True/False
}


def _is_numeric_data(value) -> bool:
    if isinstance(value, pd.DataFrame):
        return all(pd.api.types.is_numeric_dtype(t) for t in value.dtypes) and not value.empty
    if isinstance(value, pd.Series):
        return pd.api.types.is_numeric_dtype(value) and len(value) > 0
    return isinstance(value, np.ndarray) and value.size > 0


def data_cases():
    for name, (_, kwargs) in sorted(REGISTRY.items()):
        for argument, value in kwargs.items():
            if not _is_numeric_data(value):
                continue
            dated = isinstance(value, pd.Series) and isinstance(value.index, pd.DatetimeIndex)
            for spoiler in SPOILERS:
                if spoiler in ("repeated date", "unsorted dates", "dates as text") and not dated:
                    continue
                yield pytest.param(name, argument, spoiler, id=f"{name}-{argument}-{spoiler}")


# Parameters that legitimately accept more than the registered value's kind suggests.
FREE_TEXT = {("glossary.lookup", "term"), ("glossary.search", "text"), ("glossary.normalise", "text"),
             ("glossary.closest_terms", "text"), ("reporting.portable", "value")}
# (any words: an unknown term has its own error, LookupError)
ALSO_A_NUMBER = {"periods_per_year"}
# Labels (a company, a column) may be of any kind pandas allows: one that is not there is a bad value, not a kind
LABELS = {("index.change_company", "company"), ("rates.taylor_path", "rstar_column")}
# None: estimate it by maximum likelihood ("daily" or a positive number such as 12 elsewhere)
NONE_MEANS_ESTIMATE = {("rates.local_level_trend", "level_variance")}


def scalar_cases():
    for name, (_, kwargs) in sorted(REGISTRY.items()):
        for argument, value in kwargs.items():
            kind = bool if isinstance(value, bool) else type(value)
            # An int parameter also refuses the same number written as a float (20.0 for 20).
            extra = [float(value)] if kind is int else []
            for bad in SCALAR_SPOILERS.get(kind, []) + extra:
                if (name, argument) in FREE_TEXT and isinstance(bad, str):
                    continue
                if argument in ALSO_A_NUMBER and isinstance(bad, (int, float)) and not isinstance(bad, bool):
                    continue
                if (name, argument) in NONE_MEANS_ESTIMATE and bad is None:
                    continue
                yield pytest.param(name, argument, bad, id=f"{name}-{argument}-{bad!r}")


@pytest.mark.parametrize("name, argument, spoiler", list(data_cases()))
@settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(position=st.integers(min_value=0, max_value=10_000))
def test_spoiled_data_is_rejected(name, argument, spoiler, position):
    function, kwargs = REGISTRY[name]
    spoiled = dict(kwargs, **{argument: SPOILERS[spoiler](kwargs[argument], position)})
    with pytest.raises(ValueError) as raised:
        function(**spoiled)
    assert len(str(raised.value)) > 15


def _wrong_kind(registered, bad) -> bool:
    """Whether ``bad`` is another kind of thing than the registered value (NaN for a float is a bad value)."""
    if isinstance(registered, bool) or isinstance(registered, int):
        return True  # a float, a flag, text or None for a count; for a flag, anything but True or False
    if isinstance(registered, float):
        return isinstance(bad, (bool, str)) or bad is None
    return not isinstance(bad, type(registered))


@pytest.mark.parametrize("name, argument, bad", list(scalar_cases()))
def test_a_wrong_kind_of_parameter_is_rejected(name, argument, bad):
    function, kwargs = REGISTRY[name]
    with pytest.raises(ValueError) as raised:
        function(**dict(kwargs, **{argument: bad}))
    assert len(str(raised.value)) > 15
    # a wrong kind is a TypeError too (validation.WrongKindError), as scikit-learn and Python raise it
    if _wrong_kind(kwargs[argument], bad) and argument not in ALSO_A_NUMBER and (name, argument) not in LABELS:
        assert isinstance(raised.value, TypeError), f"{name}({argument}={bad!r}) raised {raised.value!r}"


# ------------------------------------------------------------ cases the sweep cannot guess
def test_near_zero_variance_is_rejected_where_it_is_divided_by():
    # A real case: the daily risk-free rate over a month in which it did not change, plus rounding noise.
    flat = pd.Series(0.00017 + 1e-19 * np.arange(len(DAYS)), index=DAYS)
    for call in (lambda: risk.beta(ASSET, flat), lambda: risk.correlation(flat, ASSET),
                 lambda: risk.mean_t_statistic(flat), lambda: risk.volatility_ratio(ASSET, flat, periods_per_year="daily"),
                 lambda: risk.dimson_beta(ASSET, flat, lags=1), lambda: risk.rolling_beta(ASSET, flat, window=20),
                 lambda: risk.rolling_correlation(flat, ASSET, window=20)):
        with pytest.raises(ValueError, match="does not vary"):
            call()


def test_dimson_beta_needs_spare_observations():
    short_a, short_m = ASSET.iloc[:19], MARKET.iloc[:19]
    with pytest.raises(ValueError, match="needs at least"):
        risk.dimson_beta(short_a, short_m, lags=9)
    assert np.isfinite(risk.dimson_beta(ASSET.iloc[:40], MARKET.iloc[:40], lags=9))


def test_time_zone_aware_against_naive_dates_is_named():
    aware = ASSET.tz_localize("America/New_York")
    for call in (lambda: risk.beta(aware, MARKET), lambda: risk.common_dates(aware, MARKET),
                 lambda: risk.correlation(MARKET, aware)):
        with pytest.raises(ValueError, match="time-zone"):
            call()


@pytest.mark.parametrize("call, message", [
    (lambda: risk.rolling_volatility(ASSET, window=len(ASSET) + 1, periods_per_year="daily"), "at most"),
    (lambda: risk.rolling_volatility(ASSET, window=1, periods_per_year="daily"), "at least 2"),
    (lambda: risk.rolling_beta(ASSET, MARKET, window=0), "at least"),
    (lambda: risk.worst_periods(ASSET, n=len(ASSET) + 1), "at most"),
    (lambda: index.top_weight(WEIGHTS, n=4), "at most"),
    (lambda: risk.drawdown_episodes(LEVELS, threshold=1.0), "below 1"),
    (lambda: risk.drawdown_episodes(LEVELS, threshold=0.0), "above 0"),
    (lambda: risk.drawdown_in_window(LEVELS, start="2024-03-01", end="2024-01-01"), "after end"),
    (lambda: risk.drawdown_in_window(LEVELS, start="not a date", end="2024-01-01"), "not a date"),
    (lambda: risk.annualised_volatility(ASSET, periods_per_year=0), "above 0"),
    (lambda: risk.annualised_volatility(ASSET, periods_per_year=-12), "above 0"),
    (lambda: risk.mean_by_window(ASSET, windows={"w": ("2024-03-01", "2024-01-01")}, periods_per_year="daily"), "starts after"),
    (lambda: risk.dimson_beta(ASSET, MARKET, lags=-1), "at least 0"),
    (lambda: index.cumulative_index(ASSET, base=0.0), "above 0"),
    (lambda: universe.synthetic_universe(seed=1, n_companies=3000), "at least 3001"),
    (lambda: BASE.reprice({"Z": 1.0}), "not in the index"),
    (lambda: BASE.reprice({"A": float("inf")}), "infinite"),
    (lambda: BASE.add("D", 10.0, 1e6, 1.5), "(0, 1]"),
    # units a learner mixes up, each refused with the likely mistake named
    (lambda: instruments.black_scholes("call", spot=2000.0, strike=2000.0, years=90, rate=0.04, volatility=0.2),
     "90 days is 90 / 365"),
    (lambda: instruments.put_call_parity_gap(60.0, 50.0, spot=2000.0, strike=2000.0, years=90, rate=0.04), "90 days is 90 / 365"),
    (lambda: instruments.black_scholes("call", spot=2000.0, strike=2000.0, years=0.25, rate=4.5, volatility=0.2),
     "0.045 is 4.5%"),
    (lambda: instruments.black_scholes("call", spot=2000.0, strike=2000.0, years=0.25, rate=0.04, volatility=20.0), "0.2 is 20%"),
    (lambda: instruments.hedge(1e6, beta=110.0, futures_price=2000.0), "not 110"),
    (lambda: instruments.futures_fair_value(2000.0, rate=0.04, dividend_yield=25.0, days=30), "not dollars of dividends"),
    (lambda: instruments.leverage_scenario("RTY", units=1, leverage=10.0, index_level=2000.0, daily_volatility=0.2,
                                           sigmas=-2.0), "an annual one"),
    (lambda: backtest.Costs(commission_bps=0.001), "0.001 is 10 bp"),
    (lambda: reconstitution.within_band([50.0, 90.0], breakpoint=0.9, half_width=0.025), "percent? divide by 100"),
    (lambda: risk.downside_deviation(ASSET, periods_per_year="daily", threshold=5.0), "at most 1"),
    (lambda: risk.annualised_volatility(ASSET * 100, periods_per_year="daily"), "divide by 100"),
    (lambda: risk.annualised_volatility(ASSET, periods_per_year="monthly"), "dated daily"),
    (lambda: risk.drawdown_in_window(LEVELS, start="01/12/2026", end="2026-12-31"), "year first"),
])
def test_out_of_range_parameters_are_named(call, message):
    with pytest.raises(ValueError) as raised:
        call()
    assert message in str(raised.value)


# Scalar settings given as decimals (0.04 for 4%); the Taylor rule's inputs are in per cent by design, so not these
DECIMAL_ARGUMENTS = {"rate", "dividend_yield", "volatility", "daily_volatility", "financing_rate", "risk_fraction",
                     "expense_ratio", "annual_return", "close_out_level", "half_width", "threshold"}


def decimal_cases():
    for name, (_, kwargs) in sorted(REGISTRY.items()):
        for argument, value in kwargs.items():
            if argument in DECIMAL_ARGUMENTS and isinstance(value, float) and value != 0:
                yield pytest.param(name, argument, id=f"{name}-{argument}")


@pytest.mark.parametrize("name, argument", list(decimal_cases()))
def test_a_decimal_typed_as_a_percent_is_refused(name, argument):
    # a learner who types 4 for a rate of 4%, or 20 for a volatility of 20%, meets an error naming the setting
    function, kwargs = REGISTRY[name]
    with pytest.raises(ValueError) as raised:
        function(**dict(kwargs, **{argument: kwargs[argument] * 100}))
    assert argument in str(raised.value)


def test_every_decimal_setting_of_the_instruments_is_in_the_percent_check():
    cases = {case.values for case in decimal_cases()}
    assert len(cases) >= 20 and {name for name, _ in cases} >= {
        "instruments.black_scholes", "instruments.futures_fair_value", "instruments.put_call_parity_gap",
        "instruments.cfd_position", "instruments.leverage_scenario", "instruments.fee_cost_by_year",
        "instruments.position_size", "backtest.run_backtest"}


# ------------------------------------------------------------ wrong units and impossible values, by meaning
# The kinds above spoil data by shape. These spoil it by meaning: a parameter's name says what it holds
# (returns as decimals, weights as fractions, prices and shares above zero, factors in (0, 1]), and every
# registered argument that holds such a thing is given the mistake a learner makes with it.
RETURN_ARGUMENTS = {"returns", "asset", "market", "daily_returns"}
RETURN_PAIRS = {("risk.correlation", "a"), ("risk.correlation", "b"), ("risk.volatility_ratio", "a"),
                ("risk.volatility_ratio", "b"), ("risk.align_returns", "a"), ("risk.align_returns", "b"),
                ("risk.rolling_correlation", "a"), ("risk.rolling_correlation", "b")}
WEIGHT_ARGUMENTS = {"w", "start_weights", "weights_before", "weights_after"}
POSITIVE_ARGUMENTS = {"prices", "shares", "levels", "close", "asset_levels", "market_levels", "small_levels",
                      "large_levels", "price_index"}  # not rates.quarterly_average's monthly: rates can be negative
POSITIVE_COLUMNS = {"price", "shares", "open", "high", "low", "close", "total_cap"}
FRACTION_COLUMNS = {"float_factor"}


def _returns_like(name: str, argument: str, value) -> bool:
    return isinstance(value, (pd.Series, pd.DataFrame)) and (argument in RETURN_ARGUMENTS
                                                             or (name, argument) in RETURN_PAIRS)


def _dated(value) -> bool:
    return (isinstance(value, (pd.Series, pd.DataFrame)) and isinstance(value.index, pd.DatetimeIndex)
            and len(value) >= 3)


def _contradicting(periods_per_year):
    # the registry's calls are daily (or monthly): name the other one
    daily = periods_per_year in ("daily", 252, 252.0)
    return 12 if daily else 252


# what the message must say for each mistake, so that a refusal for another reason does not pass for it
MEANING_WORDS = {"returns in percent": "percent", "dates written day first": "date",
                 "a frequency the dates contradict": "dated"}


def _one_value(value, position: int, new):
    spoiled = value.copy()
    if isinstance(spoiled, pd.DataFrame):
        spoiled.iloc[position % len(spoiled), 0] = new
    else:
        spoiled.iloc[position % len(spoiled)] = new
    return spoiled


def _column_value(frame: pd.DataFrame, column: str, position: int, new) -> pd.DataFrame:
    spoiled = frame.copy()
    spoiled.iloc[position % len(spoiled), spoiled.columns.get_loc(column)] = new
    return spoiled


def meaning_cases():
    for name, (_, kwargs) in sorted(REGISTRY.items()):
        for argument, value in kwargs.items():
            if isinstance(value, dict) and all(isinstance(v, pd.Series) for v in value.values()):
                continue  # a dict of series is checked series by series inside, by the same helpers
            if _returns_like(name, argument, value):
                yield pytest.param(name, argument, "a return of -150%", id=f"{name}-{argument}-return-150%")
                yield pytest.param(name, argument, "levels passed as returns", id=f"{name}-{argument}-levels")
                yield pytest.param(name, argument, "returns in percent", id=f"{name}-{argument}-percent-returns")
            if _dated(value):
                yield pytest.param(name, argument, "dates written day first", id=f"{name}-{argument}-text-dates")
            if argument == "periods_per_year" and any(_dated(v) for v in kwargs.values()):
                yield pytest.param(name, argument, "a frequency the dates contradict", id=f"{name}-frequency")
            if argument in WEIGHT_ARGUMENTS:
                yield pytest.param(name, argument, "weights in percent", id=f"{name}-{argument}-percent")
            if argument in POSITIVE_ARGUMENTS and isinstance(value, pd.Series):
                yield pytest.param(name, argument, "a negative value", id=f"{name}-{argument}-negative")
            if isinstance(value, pd.DataFrame):
                for column in sorted(POSITIVE_COLUMNS & set(value.columns)):
                    yield pytest.param(name, argument, f"negative {column}", id=f"{name}-{argument}-{column}<0")
                for column in sorted(FRACTION_COLUMNS & set(value.columns)):
                    yield pytest.param(name, argument, f"{column} of 1.5", id=f"{name}-{argument}-{column}=1.5")
            if isinstance(value, dict) and "float_factor" in value:
                for field, bad in (("float_factor", 1.5), ("unrestricted_voting", 3.0), ("price", -1.0),
                                   ("existing_member", "no")):
                    yield pytest.param(name, argument, f"{field}={bad!r}", id=f"{name}-{argument}-{field}={bad!r}")


def _spoil_by_meaning(value, mistake: str, position: int):
    if mistake == "a return of -150%":
        return _one_value(value, position, -1.5)
    if mistake == "levels passed as returns":
        return 100 * (1 + value).cumprod()
    if mistake == "weights in percent":
        return value * 100
    if mistake == "returns in percent":
        return value * 100
    if mistake == "dates written day first":
        return value.set_axis(pd.Index(value.index.strftime("%d/%m/%Y"), dtype=object))
    if mistake == "a frequency the dates contradict":
        return _contradicting(value)
    if mistake == "a negative value":
        return _one_value(value, position, -abs(float(value.iloc[position % len(value)])))
    if mistake.startswith("negative "):
        column = mistake.removeprefix("negative ")
        return _column_value(value, column, position, -abs(float(value[column].iloc[position % len(value)])))
    if mistake.endswith(" of 1.5"):
        return _column_value(value, mistake.removesuffix(" of 1.5"), position, 1.5)
    field, bad = mistake.split("=")
    return dict(value, **{field: eval(bad)})  # noqa: S307 - the repr written by meaning_cases


@pytest.mark.parametrize("name, argument, mistake", list(meaning_cases()))
@settings(max_examples=2, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(position=st.integers(min_value=0, max_value=10_000))
def test_a_value_of_the_wrong_meaning_is_rejected(name, argument, mistake, position):
    function, kwargs = REGISTRY[name]
    spoiled = dict(kwargs, **{argument: _spoil_by_meaning(kwargs[argument], mistake, position)})
    with pytest.raises(ValueError) as raised:
        function(**spoiled)
    assert len(str(raised.value)) > 15
    assert MEANING_WORDS.get(mistake, "") in str(raised.value), str(raised.value)
