"""Widget logic without a browser: the pure update functions, then the wiring."""

import pandas as pd
import pytest
from vintage_pins import PINNED_THROUGH

from rut_edu import index
from rut_edu.widgets import cap_weighting, glossary_results_html, glossary_search
from rut_edu.widgets.cap_weighting import cap_weighting_explorer

FIVE = pd.DataFrame(
    {"price": [50.0, 20.0, 100.0, 25.0, 5.0], "shares": [10e6, 50e6, 3e6, 8e6, 54e6],
     "float_factor": [0.8, 1.0, 0.5, 0.9, 1.0]},
    index=["A", "B", "C", "D", "E"],
)
BASE = index.CapWeightedIndex.launch(FIVE, base_level=1000.0)


def _scenario_at_2400(symbol, units, leverage, sigmas):
    from rut_edu import instruments
    from rut_edu.widgets import scenario_html

    scenario = instruments.leverage_scenario(symbol, units=units, leverage=leverage, index_level=2400.0,
                                             daily_volatility=0.0136, sigmas=sigmas)
    return scenario_html(scenario, daily_volatility=0.0136)


def test_price_change_moves_level_by_weight_times_return():
    result = index.change_company(BASE, "C", price=130.0, shares=3e6, float_factor=0.5)
    assert result.company == "C"
    assert result.index_return == pytest.approx(0.075 * 0.3)
    assert result.table["contribution"].sum() == pytest.approx(result.index_return)
    assert result.divisor_after == result.divisor_before


def test_share_and_float_changes_do_not_move_level():
    result = index.change_company(BASE, "B", price=20.0, shares=40e6, float_factor=0.5)
    assert result.level_after == pytest.approx(result.level_before, rel=1e-12)
    assert result.table.loc["B", "weight after"] == pytest.approx(400 / 1400)
    assert result.table["weight after"].sum() == pytest.approx(1.0)


def test_combined_change_matches_hand_computation():
    result = index.change_company(BASE, "C", price=130.0, shares=4e6, float_factor=0.5)
    assert result.table.loc["C", "weight after"] == pytest.approx(260 / 2110)
    html = cap_weighting.result_html(result)
    assert "<caption>" in html and "1,022.50" in html


def test_bad_widget_input():
    with pytest.raises(ValueError, match="not in the index"):
        index.change_company(BASE, "Z", price=1.0, shares=1.0, float_factor=1.0)
    with pytest.raises(ValueError, match="price must be above 0"):
        index.change_company(BASE, "A", price=-5.0, shares=1e6, float_factor=0.5)
    with pytest.raises(ValueError, match="float_factor must be at most 1"):
        index.change_company(BASE, "A", price=5.0, shares=1e6, float_factor=1.5)


def test_explorer_updates_when_a_slider_moves():
    box = cap_weighting_explorer(BASE)
    company, price, shares, float_factor, summary = box.children
    assert "1,000.00 &rarr; 1,000.00" in summary.value
    assert "<caption>" in summary.value
    company.value = "C"
    assert (price.value, shares.value, float_factor.value) == (0.0, 0.0, cap_weighting.AS_LAUNCHED)
    price.value = 0.3  # C's price from 100 to 130
    assert "1,000.00 &rarr; 1,022.50" in summary.value
    float_factor.value = 0.5  # C's own float factor: the same index
    assert "1,000.00 &rarr; 1,022.50" in summary.value


def test_glossary_search_widget():
    assert "divisor" in glossary_results_html("divisor")
    assert "Closest terms: divisor" in glossary_results_html("divsor")
    assert "Type a word" in glossary_results_html("")
    box = glossary_search()
    text, results = box.children
    text.value = "banding"
    assert "banding" in results.value


def test_volatility_widget_logic_and_wiring():
    from rut_edu import data, risk
    from rut_edu.comparison import prepare_pair, summarize_window
    from rut_edu.widgets import volatility_explorer

    rut = data.load_russell2000_daily()["close"].loc[:PINNED_THROUGH]
    spx = data.load_sp500_daily()["close"].loc[:PINNED_THROUGH]
    pair = prepare_pair(rut, spx)
    full = summarize_window(pair, start_year=1987, end_year=2026, frequency="daily")
    assert full["asset_volatility"] == pytest.approx(0.216, abs=0.001)
    assert full["correlation"] == pytest.approx(0.850, abs=0.001)
    monthly = summarize_window(pair, start_year=2000, end_year=2009, frequency="monthly")
    a, m = risk.common_dates(rut.loc["2000":"2009"], spx.loc["2000":"2009"])
    assert monthly["beta"] == pytest.approx(risk.risk_summary(a, m, frequency="monthly")["beta"])
    with pytest.raises(ValueError, match="after the end year"):
        summarize_window(pair, start_year=2010, end_year=2000, frequency="daily")
    with pytest.raises(ValueError, match="frequency"):
        summarize_window(pair, start_year=2000, end_year=2010, frequency="hourly")
    box = volatility_explorer(pair)
    years, frequency, output = box.children
    assert "1987-2026, daily returns" in output.value
    years.value = (2020, 2020)
    frequency.value = "monthly"
    assert "2020-2020, monthly returns" in output.value and "<caption>" in output.value


def test_history_window_report_by_hand_and_wiring():
    from rut_edu import data
    from rut_edu.comparison import prepare_pair, window_report, window_stops
    from rut_edu.widgets import history_explorer

    rut, spx = data.load_russell2000_daily()["close"], data.load_sp500_daily()["close"]
    pair = prepare_pair(rut, spx)
    report = window_report(pair, start="2018-08-31", end="2020-12-31")
    assert report.asset.price_return == pytest.approx(rut.loc["2020-12-31"] / rut.loc["2018-08-31"] - 1, rel=1e-12)
    assert report.market.price_return == pytest.approx(spx.loc["2020-12-31"] / spx.loc["2018-08-31"] - 1, rel=1e-12)
    window = rut.loc["2018-08-31":"2020-12-31"]
    assert report.asset.worst_fall == pytest.approx((window / window.cummax() - 1).min(), rel=1e-12)
    assert (report.asset.peak, report.asset.trough) == (pd.Timestamp("2018-08-31"), pd.Timestamp("2020-03-18"))
    assert (report.asset.first_day, report.asset.last_day) == (pd.Timestamp("2018-08-31"), pd.Timestamp("2020-12-31"))
    assert (report.asset.start_level, report.asset.end_level) == (rut.loc["2018-08-31"], rut.loc["2020-12-31"])
    assert (report.market.start_level, report.market.end_level) == (spx.loc["2018-08-31"], spx.loc["2020-12-31"])
    assert list(report.to_frame().index) == ["Russell 2000", "S&P 500"]
    with pytest.raises(ValueError, match="run forwards"):
        window_report(pair, start="2020-01-01", end="2019-01-01")
    with pytest.raises(ValueError, match="fewer than two trading days"):
        window_report(pair, start="2020-01-04", end="2020-01-05")
    with pytest.raises(ValueError, match="must be a date"):
        window_report(pair, start=2019, end="2020-01-01")
    stops = window_stops(pair)
    days = pair.levels["daily"][0].index
    assert stops[0] == days[0] and stops[-1] == days[-1] and set(stops) <= set(days)
    assert stops[1] == pd.Timestamp("1987-09-30") and pd.Timestamp("2020-03-31") in stops
    assert pd.Timestamp("2026-02-28") not in stops  # a calendar month-end after the data's last day
    months = pd.DatetimeIndex(stops[1:]).to_period("M")
    assert months.is_unique and len(months) == len(days.to_period("M").unique())
    box = history_explorer(pair)
    slider, output = box.children
    assert slider.options[-1][0] == f"{days[-1]:%d %b %Y}"
    assert "10 September 1987" in output.value and "<caption>" in output.value
    slider.index = (len(slider.options) - 13, len(slider.options) - 1)
    assert "1987" not in output.value and "%" in output.value


def test_leverage_widget_logic_and_wiring():
    from rut_edu import instruments
    from rut_edu.widgets import leverage_explorer, scenario_html

    scenario = instruments.leverage_scenario("M2K", units=2, leverage=10.0, index_level=2400.0, daily_volatility=0.0136,
                                             sigmas=-2.0)
    page = scenario_html(scenario, daily_volatility=0.0136)
    # 2 x $5 x 2,400 = $24,000 notional, $2,400 margin; -2 x 1.36% x 2,400 = -65.28 points = -$652.80 (-27%).
    for text in ("$24,000", "$2,400", "-65.3 points", "-$653", "-27%", "240 points = 7.4 daily"):
        assert text in page, text
    assert "Close-out" not in page and "margin is gone" not in page
    assert "Close-out" in _scenario_at_2400("M2K", 2, 10.0, -4.0)
    assert "margin is gone" in _scenario_at_2400("RTY", 1, 30.0, -3.0)
    # futures leverage above the exchange's least margin (19.6 to 1 in the dated example) is flagged; CFDs are not
    assert "minimum" not in page
    assert "Above the exchange's minimum" in _scenario_at_2400("RTY", 1, 20.0, 1.0)
    assert "19.6 to 1" in _scenario_at_2400("M2K", 1, 19.6, 1.0)
    assert "Above" not in _scenario_at_2400("M2K", 1, 19.5, 1.0)
    assert "Above" not in _scenario_at_2400("CFD", 1, 30.0, 1.0)

    box = leverage_explorer(2400.0, daily_volatility=0.0136)
    symbol, units, leverage, sigmas, help_text, output = box.children
    assert output.value == page
    symbol.value = "CFD"
    assert "dollars per index point" in help_text.value and "CFD, 2 dollars per index point" in output.value
    leverage.value = 20.0
    sigmas.value = 1.0
    expected = _scenario_at_2400("CFD", 2, 20.0, 1.0)
    assert output.value == expected and "+$65" in output.value


def test_taylor_widget_logic_and_wiring():
    from rut_edu import rates
    from rut_edu.widgets import taylor_explorer, taylor_report

    q = rates.quarterly_dataset()
    last = q.iloc[-1]
    implied = 1.0 + last["inflation"] + 0.5 * (last["inflation"] - 2.0) + 1.0 * last["output_gap"]
    page = taylor_report(q, 1.0, 2.0, 0.5, 1.0)
    assert f"<strong>{implied:.2f}%</strong>" in page and f"<strong>{last['policy_rate']:.2f}%" in page
    below = ((q["policy_rate"] - (1.0 + 1.5 * q["inflation"] - 1.0 + q["output_gap"])) < 0).mean()
    assert f"<strong>{below:.0%}</strong>" in page
    assert "role='img'" in page and "<title>" in page and page.count("<polyline") == 2

    box = taylor_explorer(q)
    rstar, target, inflation_weight, gap_weight, output = box.children
    assert output.value == taylor_report(q, 2.0, 2.0, 0.5, 0.5)
    rstar.value, gap_weight.value = 1.0, 1.0
    assert output.value == page


def test_backtest_widget_logic_and_wiring():
    from rut_edu import backtest, data
    from rut_edu.backtest import prepare_backtest
    from rut_edu.widgets import backtest_explorer, backtest_report

    bars = data.load_russell2000_daily().loc["2012":"2016"]
    prepared = prepare_backtest(bars)
    page = backtest_report(prepared, "Fibonacci", False, 1.5, 3.0, 4.0)
    signals = backtest.range_strategy(bars, pivot_method="Fibonacci", range_filter=False, stop_atr=1.5, target_atr=3.0)
    result = backtest.run_backtest(bars, signals.entries, signals.stop_distance, signals.target_distance,
                                   costs=backtest.Costs(commission_bps=4.0, spread_bps=2.0,
                                                        slippage_bps=1.0))  # the chapter's spread and slippage
    metrics = backtest.performance(result, bars)
    # the prepared signals are at one ATR: the same entries, distances scaled by the chosen multiples
    one_atr = prepared.signals["Fibonacci", False]
    assert one_atr.entries.equals(signals.entries)
    pd.testing.assert_series_equal(one_atr.stop_distance * 1.5, signals.stop_distance, rtol=1e-12, check_names=False)
    assert f"<td>{metrics.trades:,}</td>" in page and f"<td>{metrics.annualised_return:.1%}</td>" in page
    assert f"<td>{metrics.buy_hold_max_drawdown:.1%}</td>" in page and "role='img'" in page
    method, use_filter, stop, target, cost, output = backtest_explorer(prepared).children
    assert output.value == backtest_report(prepared, "classic", True, 2.0, 2.0, 1.0)
    method.value, use_filter.value, stop.value, target.value, cost.value = "Fibonacci", False, 1.5, 3.0, 4.0
    assert output.value == page


def test_forecast_widget_logic_and_wiring():
    from rut_edu import data, forecasting
    from rut_edu.forecasting import prepare_forecasts
    from rut_edu.widgets import forecast_explorer, forecast_report
    from rut_edu.widgets.forecast import SCHEMES

    bars = data.load_russell2000_daily().loc[:"2004-12-31"]
    prepared = prepare_forecasts(bars, trade_from="2000-01-01")
    assert len(prepared.evaluations) == len(forecasting.MODELS) * len(forecasting.FEATURE_SETS) * len(SCHEMES)
    key = ("gradient boosting", "past returns", SCHEMES[1])
    features = forecasting.forecast_features(bars)[forecasting.FEATURE_SETS["past returns"]]
    leaky = features.join(forecasting.centred_average(bars["close"]), how="inner")
    target = forecasting.forecast_target(bars["close"], horizon=1)
    direct = forecasting.evaluate(forecasting.walk_forward(leaky, target, model="gradient boosting", refit_every=1000),
                                  forecasting.walk_forward(leaky, target, model="historical mean", refit_every=1000))
    page = forecast_report(prepared, *key)
    traded = forecasting.trade_forecasts(bars.loc["2000-01-01":], prepared.forecasts[key])
    pd.testing.assert_series_equal(prepared.trading[key].equity, traded.equity, rtol=1e-12)
    assert f"{direct.hit_rate:.1%} ({direct.hit_rate_low:.1%} to {direct.hit_rate_high:.1%})" in page
    assert "Leaky test" in page and "role='img'" in page
    assert "Leaky test" not in forecast_report(prepared, "gradient boosting", "past returns", SCHEMES[0])
    model, feature_set, scheme, output = forecast_explorer(prepared).children
    model.value, scheme.value = "gradient boosting", SCHEMES[1]
    assert output.value == page
