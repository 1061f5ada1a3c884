"""rut_edu.instruments: hand-worked values, an independent pricing oracle, properties and bad input."""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rut_edu import instruments as ins
from rut_edu.instruments import Leg


# ------------------------------------------------------------------ contract terms and notional
def test_published_multipliers_and_ticks():
    # CME RTY $50 x index, tick 0.10 = $5; M2K $5, tick $0.50; ICE TF $100, tick $10; Cboe MRUT $100 x index/10.
    assert [ins.instrument(s).dollars_per_point for s in ("RTY", "M2K", "TF", "RL", "RUT", "MRUT")] == \
        [50.0, 5.0, 100.0, 500.0, 100.0, 10.0]
    assert ins.tick_value("RTY") == 5.0 and ins.tick_value("M2K") == 0.5 and ins.tick_value("TF") == 10.0
    assert ins.instrument("IWM").expense_ratio == pytest.approx(0.0019, rel=1e-12)
    assert ins.instrument("VTWO").expense_ratio == pytest.approx(0.0007, rel=1e-12)
    assert {i.exercise for i in ins.INSTRUMENTS.values() if i.kind == "index option"} == {"European"}


def test_every_instrument_is_dated_and_sourced_in_the_bibliography():
    from pathlib import Path

    bib = (Path(__file__).resolve().parents[2] / "book" / "references.bib").read_text(encoding="utf-8")
    for item in ins.INSTRUMENTS.values():
        assert pd.Timestamp(item.as_of) <= pd.Timestamp("2026-11-23"), item.symbol
        assert f"{{{item.source}," in bib, f"{item.symbol}: {item.source} is not in references.bib"
    assert f"{{{ins.REPORTED_VOLUME_SOURCE}," in bib
    assert f"{{{ins.EXCHANGE_MARGIN_EXAMPLE.source}," in bib


def test_reported_volume_day_is_the_reports_last_trading_day():
    # CME's review runs to the end of October 2019; Thursday 31 October was a trading day of both indexes
    from rut_edu import data

    day = pd.Timestamp(ins.REPORTED_VOLUME_DAY)
    assert (day.year, day.month, day.day_name()) == (2019, 10, "Thursday")
    assert ins.REPORTED_VOLUME_PERIOD == "2019, year to October"
    for daily in (data.load_russell2000_daily(), data.load_sp500_daily()):
        assert daily.loc["2019-10"].index[-1] == day


def test_exchange_margin_example_by_hand():
    # ICE's TF at 1,163.10 points x $100 = $116,310 a contract; $5,940 of margin is 5.107% of it, 19.58 to 1
    example = ins.EXCHANGE_MARGIN_EXAMPLE
    assert example.notional == pytest.approx(116_310.0, rel=1e-12)
    assert example.margin_share == pytest.approx(5_940.0 / 116_310.0, rel=1e-12)
    assert example.highest_leverage == pytest.approx(19.580808, rel=1e-6)
    assert example.highest_leverage * example.margin_share == pytest.approx(1.0, rel=1e-12)
    assert (example.symbol, example.initial_margin, example.futures_price) == ("TF", 5_940.0, 1_163.10)


def test_notional_of_three_rty_at_2000_is_300_thousand():
    assert ins.notional_value("RTY", 2000.0, contracts=3) == 300_000.0
    assert ins.notional_value("M2K", 2000.0, contracts=3) == 30_000.0
    assert ins.notional_value("MRUT", 2000.0, contracts=1) == 20_000.0


def test_terms_tables_hold_one_kind_each():
    futures = ins.terms_table(kind="future")
    assert set(futures.index) == {"RTY", "M2K", "TF", "RL", "ES"}
    assert "expense ratio" not in futures.columns  # columns with no content are dropped
    assert ins.terms_table(kind="ETF")["expense_ratio"].to_dict() == {"IWM": 0.0019, "VTWO": 0.0007}


def test_funds_and_cfds_have_no_contract_multiplier():
    for symbol in ("IWM", "CFD"):
        with pytest.raises(ValueError, match="no contract multiplier"):
            ins.notional_value(symbol, 2000.0, contracts=1)
    with pytest.raises(ValueError, match="no single recorded tick"):
        ins.tick_value("RUT")


# ------------------------------------------------------------------ hedging
def test_hedge_of_a_million_dollar_portfolio_by_hand():
    # beta 1.15, RTY at 2,300: 1.15 * 1,000,000 / (2,300 * 50) = 10 contracts exactly.
    h = ins.hedge(1_000_000.0, beta=1.15, futures_price=2300.0)
    assert h.exact_contracts == pytest.approx(10.0, rel=1e-12)
    assert h.contracts == 10 and h.hedged_notional == pytest.approx(1_150_000.0, rel=1e-12)
    assert h.remaining_beta == pytest.approx(0.0, abs=1e-12)
    # beta 1.3, RTY at 2,000: 13 contracts; M2K 130.
    assert ins.hedge(1_000_000.0, beta=1.3, futures_price=2000.0).contracts == 13
    assert ins.hedge(1_000_000.0, beta=1.3, futures_price=2000.0, symbol="M2K").contracts == 130
    # rounding leaves a small beta: 1.0 * 1e6 / 110,000 = 9.0909 -> 9 contracts, beta left 1 - 9*110000/1e6 = 0.01
    h = ins.hedge(1_000_000.0, beta=1.0, futures_price=2200.0)
    assert (h.contracts, round(h.remaining_beta, 12)) == (9, 0.01)
    assert h.to_series()["contracts_to_sell"] == 9.0


def test_a_portfolio_too_small_for_one_contract_is_told_so():
    with pytest.raises(ValueError, match="less than half of one RTY contract"):
        ins.hedge(20_000.0, beta=1.0, futures_price=2000.0)
    # the edge: exactly half a contract (50,000 of a 100,000 contract) rounds to one, just below it to none
    h = ins.hedge(50_000.0, beta=1.0, futures_price=2000.0)
    assert (h.exact_contracts, h.contracts, h.remaining_beta) == (0.5, 1, -1.0)
    with pytest.raises(ValueError, match="less than half of one RTY contract"):
        ins.hedge(49_999.0, beta=1.0, futures_price=2000.0)


@given(value=st.floats(2e6, 1e9), beta=st.floats(0.2, 3.0), price=st.floats(500.0, 5000.0))
def test_rounding_leaves_at_most_half_a_contract(value, beta, price):
    h = ins.hedge(value, beta=beta, futures_price=price)
    assert abs(h.exact_contracts - h.contracts) <= 0.5 + 1e-9
    assert abs(h.remaining_beta) <= 0.5 * price * 50 / value + 1e-12


# ------------------------------------------------------------------ futures fair value, basis, calendar
def test_fair_value_by_hand():
    # 90 days at 4% with a 1.3% dividend yield: 2000 * exp(0.027 * 90/365)
    assert ins.futures_fair_value(2000.0, rate=0.04, dividend_yield=0.013,
                                  days=90) == pytest.approx(2000.0 * math.exp(0.027 * 90 / 365),
                                                                             rel=1e-14)
    assert ins.futures_fair_value(2000.0, rate=0.04, dividend_yield=0.013, days=0) == 2000.0
    assert ins.futures_fair_value(2000.0, rate=0.01, dividend_yield=0.02,
                                  days=365) < 2000.0  # dividends above the rate: backwardation
    assert ins.basis(2013.37, 2000.0) == pytest.approx(13.37, rel=1e-12)
    assert ins.basis(1990.0, 2000.0) == pytest.approx(-10.0, rel=1e-12)


def test_expiries_are_third_fridays_moved_before_holidays():
    table = ins.quarterly_expiries(2024, 2027)
    assert len(table) == 16
    assert (table["third_friday"].dt.day_of_week == 4).all()
    assert table["third_friday"].dt.day.between(15, 21).all()
    assert table.loc["RTYZ26", "last_trading_day"] == pd.Timestamp("2026-12-18")
    # Juneteenth (19 June 2026) is the third Friday of June 2026: trading ends the day before.
    assert table.loc["RTYM26", "last_trading_day"] == pd.Timestamp("2026-06-18")
    # ...and Juneteenth observed on Friday 18 June 2027 is the third Friday of June 2027.
    assert table.index[table["moved"]].tolist() == ["RTYM26", "RTYM27"]
    # Good Friday 2008 fell on the third Friday of March.
    assert ins.quarterly_expiries(2008, 2008, root="TF").loc["TFH08", "last_trading_day"] == pd.Timestamp("2008-03-20")


def test_expiries_cover_the_calendars_years_and_no_more():
    # the exchange calendar the course loads runs 1990-2034 (periods.CALENDAR_YEARS ends before 2035)
    assert ins.quarterly_expiries(2034, 2034).index.tolist() == ["RTYH34", "RTYM34", "RTYU34", "RTYZ34"]
    assert ins.quarterly_expiries(1990, 1990, root="TF").index[0] == "TFH90"
    for years, problem in (((2035, 2035), "first_year must be at most 2034"),
                           ((2030, 2035), "last_year must be at most 2034"),
                           ((1989, 1990), "first_year must be at least 1990")):
        with pytest.raises(ValueError, match=problem):
            ins.quarterly_expiries(*years, root="TF" if years[0] < 2000 else "RTY")


def test_days_to_expiry_and_an_expired_contract():
    assert ins.days_to_expiry("2026-11-23", "2026-12-18") == 25
    assert ins.days_to_expiry("2026-12-18", "2026-12-18") == 0
    with pytest.raises(ValueError, match="already expired"):
        ins.days_to_expiry("2026-12-19", "2026-12-18")


def test_days_to_expiry_wants_both_dates_in_one_time_convention():
    utc = functools.partial(pd.Timestamp, tz="UTC")
    assert ins.days_to_expiry(utc("2026-01-02"), utc("2026-03-20")) == 77  # both in UTC: one convention
    for start, expiry, problem in ((utc("2026-01-02"), "2026-03-20", "UTC but expiry is time-zone-naive"),
                                   ("2026-01-02", utc("2026-03-20"), "time-zone-naive but expiry is UTC"),
                                   (utc("2026-01-02"), pd.Timestamp("2026-03-20", tz="America/New_York"),
                                    "UTC but expiry is America/New_York")):
        with pytest.raises(ValueError, match=problem):
            ins.days_to_expiry(start, expiry)


# ------------------------------------------------------------------ options
def test_payoffs_by_hand():
    spots = np.array([1800.0, 2000.0, 2200.0])
    np.testing.assert_array_equal(ins.option_payoff("call", strike=2000.0, spot=spots), [0.0, 0.0, 200.0])
    np.testing.assert_array_equal(ins.option_payoff("put", strike=2000.0, spot=spots), [200.0, 0.0, 0.0])
    straddle = [Leg("call", 2000.0, 1, 70.0), Leg("put", 2000.0, 1, 65.0)]
    np.testing.assert_allclose(ins.strategy_profit(straddle, spots), [65.0, -135.0, 65.0], rtol=1e-12)
    bear_put = [Leg("put", 2000.0, 1, 55.0), Leg("put", 1900.0, -1, 25.0)]
    np.testing.assert_allclose(ins.strategy_profit(bear_put, [1800.0, 1950.0, 2100.0]), [70.0, 20.0, -30.0],
                               rtol=1e-12)


@settings(max_examples=60)
@given(strike=st.floats(500.0, 4000.0), quantity=st.integers(-5, 5).filter(bool),
       kind=st.sampled_from(["call", "put"]), low=st.floats(0.0, 6000.0), width=st.floats(1.0, 500.0))
def test_payoff_is_piecewise_linear_with_the_right_slopes(strike, quantity, kind, low, width):
    leg = Leg(kind, strike, quantity, 10.0)
    a, b = low, low + width
    pa, pb = ins.strategy_payoff([leg], [a, b])
    slope = (pb - pa) / (b - a)
    if b <= strike:  # wholly below the strike: a call is flat, a put falls one-for-one
        expected = 0.0 if kind == "call" else -quantity
    elif a >= strike:  # wholly above
        expected = quantity if kind == "call" else 0.0
    else:  # straddles the kink: in between
        lo, hi = sorted([0.0, quantity if kind == "call" else -quantity])
        assert lo - 1e-9 <= slope <= hi + 1e-9
        return
    assert slope == pytest.approx(expected, abs=1e-9)


def _black_scholes_by_integration(kind, s, k, t, r, sigma, q):
    # An independent oracle: the discounted expected payoff under the risk-neutral lognormal, integrated numerically.
    z = np.linspace(-12.0, 12.0, 400_001)
    density = np.exp(-0.5 * z**2) / math.sqrt(2 * math.pi)
    terminal = s * np.exp((r - q - 0.5 * sigma**2) * t + sigma * math.sqrt(t) * z)
    payoff = np.maximum(terminal - k, 0.0) if kind == "call" else np.maximum(k - terminal, 0.0)
    return math.exp(-r * t) * np.trapezoid(payoff * density, z)


def test_black_scholes_matches_the_textbook_and_an_integration_oracle():
    # Hull, Options, Futures, and Other Derivatives: S=42, K=40, r=10%, sigma=20%, T=0.5 -> c = 4.76, p = 0.81.
    assert round(ins.black_scholes("call", spot=42.0, strike=40.0, years=0.5, rate=0.10, volatility=0.20), 2) == 4.76
    assert round(ins.black_scholes("put", spot=42.0, strike=40.0, years=0.5, rate=0.10, volatility=0.20), 2) == 0.81
    for case in [("call", 2000.0, 2100.0, 0.25, 0.04, 0.22, 0.013), ("put", 2000.0, 1800.0, 0.1, 0.05, 0.35, 0.0),
                 ("call", 42.0, 40.0, 0.5, 0.10, 0.20, 0.0), ("put", 1500.0, 1600.0, 2.0, -0.005, 0.3, 0.02)]:
        kind, spot, strike, years, rate, volatility, dividend_yield = case
        priced = ins.black_scholes(kind, spot=spot, strike=strike, years=years, rate=rate, volatility=volatility,
                                   dividend_yield=dividend_yield)
        assert priced == pytest.approx(_black_scholes_by_integration(*case), rel=1e-6)


def test_put_call_parity_holds_to_1e_12():
    for s, k, t, r, sigma, q in [(2000.0, 2000.0, 0.25, 0.04, 0.22, 0.013), (2400.0, 1800.0, 1.5, 0.02, 0.4, 0.0)]:
        c = ins.black_scholes("call", spot=s, strike=k, years=t, rate=r, volatility=sigma, dividend_yield=q)
        p = ins.black_scholes("put", spot=s, strike=k, years=t, rate=r, volatility=sigma, dividend_yield=q)
        assert abs(ins.put_call_parity_gap(c, p, spot=s, strike=k, years=t, rate=r, dividend_yield=q)) < 1e-12 * s
    # A put priced 5 points too cheap shows as a gap of +5.
    c = ins.black_scholes("call", spot=2000.0, strike=2000.0, years=0.25, rate=0.04, volatility=0.22)
    p = ins.black_scholes("put", spot=2000.0, strike=2000.0, years=0.25, rate=0.04, volatility=0.22)
    assert ins.put_call_parity_gap(c, p - 5.0, spot=2000.0, strike=2000.0, years=0.25, rate=0.04) == pytest.approx(5.0, rel=1e-9)


@settings(max_examples=60)
@given(spot=st.floats(500.0, 4000.0), bump=st.floats(1.0, 200.0), vol=st.floats(0.05, 1.0),
       vol_bump=st.floats(0.01, 0.3), t=st.floats(0.02, 3.0))
def test_a_call_is_worth_more_with_a_higher_spot_or_volatility(spot, bump, vol, vol_bump, t):
    price = ins.black_scholes("call", spot=spot, strike=2000.0, years=t, rate=0.03, volatility=vol, dividend_yield=0.01)
    assert price >= 0.0
    assert ins.black_scholes("call", spot=spot + bump, strike=2000.0, years=t, rate=0.03, volatility=vol,
                             dividend_yield=0.01) >= price - 1e-12
    assert ins.black_scholes("call", spot=spot, strike=2000.0, years=t, rate=0.03, volatility=vol + vol_bump,
                             dividend_yield=0.01) >= price - 1e-12
    # and never above the discounted spot, never below the discounted intrinsic value
    assert price <= spot * math.exp(-0.01 * t) + 1e-9
    assert price >= max(spot * math.exp(-0.01 * t) - 2000.0 * math.exp(-0.03 * t), 0.0) - 1e-9


# ------------------------------------------------------------------ funds, CFDs, position size, scenarios
def test_fee_cost_by_hand_and_whole_path():
    path = ins.fee_cost_by_year(10_000.0, expense_ratio=0.0019, years=10, annual_return=0.07)
    expected = 10_000.0 * 1.07 ** np.arange(11) * (1 - 0.9981 ** np.arange(11))
    np.testing.assert_allclose(path.to_numpy(), expected, rtol=1e-12)
    assert path.iloc[1] == pytest.approx(10_000 * 1.07 * 0.0019, rel=1e-12)
    assert (np.diff(ins.fee_cost_by_year(10_000.0, expense_ratio=0.0007, years=30).to_numpy()) > 0).all()
    assert ins.fee_cost_by_year(10_000.0, expense_ratio=0.0, years=5).eq(0.0).all()


def test_cfd_position_by_hand():
    p = ins.cfd_position(2000.0, stake_per_point=10.0, leverage=10.0, financing_rate=0.073)
    assert (p.notional, p.margin) == (20_000.0, 2_000.0)
    assert p.daily_financing == pytest.approx(20_000.0 * 0.073 / 365, rel=1e-12)  # $4 a night
    assert p.close_out_move == pytest.approx(0.05, rel=1e-12) and p.wipe_out_move == pytest.approx(0.10, rel=1e-12)
    assert ins.cfd_position(2000.0, stake_per_point=10.0, leverage=20.0,
                            financing_rate=0.073).close_out_move == pytest.approx(0.025, rel=1e-12)
    # a broker closing at 30% of the margin lets the loss eat 70% of it: a 7% fall at 10:1
    assert ins.cfd_position(2000.0, stake_per_point=10.0, leverage=10.0, financing_rate=0.073,
                            close_out_level=0.3).close_out_move == pytest.approx(0.07,
                                                                                                            rel=1e-12)
    with pytest.raises(ValueError, match="leverage must be at least 1"):
        ins.cfd_position(2000.0, stake_per_point=10.0, leverage=0.5, financing_rate=0.07)


def test_position_size_by_hand():
    size = ins.position_size(100_000.0, risk_fraction=0.01, entry=2000.0, stop=1980.0,
                             dollars_per_point=5.0)  # $1,000 budget, $100 a contract
    assert (size.units, size.money_at_risk, size.share_of_account) == (10, 1000.0, 0.01)
    assert ins.position_size(100_000.0, risk_fraction=0.01, entry=2000.0, stop=1970.0,
                             dollars_per_point=5.0).units == 6  # $150 a contract: floor(6.67)
    assert ins.position_size(50_000.0, risk_fraction=0.02, entry=1980.0, stop=2000.0,
                             dollars_per_point=50.0).units == 1  # a short, stop above
    with pytest.raises(ValueError, match="stop equals the entry"):
        ins.position_size(100_000.0, risk_fraction=0.01, entry=2000.0, stop=2000.0, dollars_per_point=5.0)
    with pytest.raises(ValueError, match="more than the"):
        ins.position_size(10_000.0, risk_fraction=0.01, entry=2000.0, stop=1950.0, dollars_per_point=50.0)


def test_leverage_scenario_by_hand():
    s = ins.leverage_scenario("M2K", units=4, leverage=10.0, index_level=2500.0, daily_volatility=0.014, sigmas=-3.0)
    # 4 * $5 * 2,500 = $50,000 notional, $5,000 margin; -3 * 1.4% * 2500 = -105 points = -$2,100.
    assert (s.notional, s.margin) == (50_000.0, 5_000.0)
    assert s.move_points == pytest.approx(-105.0, rel=1e-12) and s.profit == pytest.approx(-2_100.0, rel=1e-12)
    assert s.profit_share_of_margin == pytest.approx(-0.42, rel=1e-12)
    assert s.wipe_out_points == pytest.approx(250.0, rel=1e-12)  # 10% of the index at 10:1
    assert s.wipe_out_sigmas == pytest.approx(250.0 / 35.0, rel=1e-12)
    cfd = ins.leverage_scenario("CFD", units=2.5, leverage=20.0, index_level=2000.0, daily_volatility=0.015, sigmas=1.0)
    assert cfd.notional == 5_000.0 and cfd.profit == pytest.approx(75.0, rel=1e-12)
    with pytest.raises(ValueError, match="whole number"):
        ins.leverage_scenario("RTY", units=1.5, leverage=10.0, index_level=2000.0, daily_volatility=0.015, sigmas=1.0)


@given(leverage=st.floats(1.0, 100.0), vol=st.floats(0.001, 0.1))
def test_wiping_out_the_margin_takes_a_fall_of_one_over_leverage(leverage, vol):
    s = ins.leverage_scenario("RTY", units=3, leverage=leverage, index_level=2000.0, daily_volatility=vol, sigmas=-1.0)
    assert s.wipe_out_points / 2000.0 == pytest.approx(1.0 / leverage, rel=1e-12)
    assert s.profit_share_of_margin == pytest.approx(-vol * leverage, rel=1e-9)


@pytest.mark.parametrize("call, message", [
    (lambda: ins.notional_value("RTY", 2000.0, contracts=0), "at least 1"),
    (lambda: ins.notional_value("RTY", -5.0, contracts=1), "above 0"),
    (lambda: ins.hedge(1e6, beta=-1.0, futures_price=2000.0), "above 0"),
    (lambda: ins.futures_fair_value(2000.0, rate=0.04, dividend_yield=0.01, days=-3), "at least 0"),
    (lambda: ins.option_payoff("call", strike=2000.0, spot=[-1.0, 2000.0]), "negative"),
    (lambda: ins.option_payoff("straddle", strike=2000.0, spot=[2000.0]), "kind"),
    (lambda: Leg("call", 2000.0, 0, 10.0), "must not be zero"),
    (lambda: Leg("call", 2000.0, 1, -10.0), "at least 0"),
    (lambda: ins.strategy_payoff([], [2000.0]), "non-empty"),
    (lambda: ins.black_scholes("call", spot=2000.0, strike=2000.0, years=0.0, rate=0.04, volatility=0.2), "above 0"),
    (lambda: ins.black_scholes("call", spot=2000.0, strike=2000.0, years=0.5, rate=0.04, volatility=0.0), "above 0"),
    (lambda: ins.fee_cost_by_year(1e4, expense_ratio=0.0019, years=0), "at least 1"),
    (lambda: ins.cfd_position(2000.0, stake_per_point=10.0, leverage=10.0, financing_rate=0.07, close_out_level=1.0), "below 1"),
    (lambda: ins.leverage_scenario("IWM", units=1, leverage=2.0, index_level=2000.0, daily_volatility=0.015, sigmas=1.0),
     "symbol"),
    (lambda: ins.quarterly_expiries(2027, 2026), "at least 2027"),
    (lambda: ins.quarterly_expiries(2026, 2026, root="RUT"), "futures symbol"),
    (lambda: ins.instrument("RTX"), "symbol must be one of"),
])
def test_impossible_input_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_close_out_days_on_the_real_history_against_a_direct_count():
    from rut_edu import data, risk

    closes = data.load_russell2000_daily()["close"]
    returns = risk.simple_returns(closes)
    table = ins.close_out_days(returns, leverages=[5.0, 10.0, 20.0])
    for leverage in (5.0, 10.0, 20.0):
        direct = sum(1 for today, yesterday in zip(closes.to_numpy()[1:], closes.to_numpy()[:-1])
                     if today / yesterday - 1 <= -0.5 / leverage)
        assert table.loc[leverage, "days"] == direct
        assert table.loc[leverage, "share_of_days"] == direct / (len(closes) - 1)  # of the days with a return
    assert table.loc[10.0, "close_out_fall"] == pytest.approx(0.05, rel=1e-12)
    assert (np.diff(table["days"].to_numpy()) >= 0).all()  # more leverage, more days
    for leverages in ([10.0, 5.0], [5.0, 5.0]):
        with pytest.raises(ValueError, match="strictly increasing"):
            ins.close_out_days(returns, leverages=leverages)
    for leverages in ([0.5, 5.0], [0.999, 5.0], [5.0, 100.001]):
        with pytest.raises(ValueError, match="between 1 and 100"):
            ins.close_out_days(returns, leverages=leverages)
    assert ins.close_out_days(returns, leverages=[1.0, 100.0])["close_out_fall"].tolist() == [0.5, 0.005]  # edges


def test_extreme_inputs_are_named_not_math_errors():
    with pytest.raises(ValueError, match="spot / strike"):
        ins.black_scholes("call", spot=2000.0, strike=1e-9, years=0.1, rate=0.05, volatility=0.2)
    with pytest.raises(ValueError, match="days must be at most 36500"):
        ins.futures_fair_value(2000.0, rate=0.05, dividend_yield=0.0, days=10**7)
    with pytest.raises(ValueError, match="UTC but expiry is time-zone-naive"):
        ins.days_to_expiry(pd.Timestamp("2026-01-02", tz="UTC"), "2026-03-20")
    # the edges themselves are accepted
    assert ins.futures_fair_value(2000.0, rate=0.0, dividend_yield=0.0, days=36_500) == pytest.approx(2000.0, rel=1e-12)
    assert ins.black_scholes("put", spot=2000.0, strike=2000.0 * 1e6, years=0.1, rate=0.0,
                             volatility=0.2) == pytest.approx(2000.0 * 1e6 - 2000.0,
                                                                                                 rel=1e-9)
    # ... at both ends, where the far side is worth nothing at all (never a negative or tiny rounding residue)
    assert ins.black_scholes("call", spot=2000.0, strike=2000.0 * 1e6, years=0.1, rate=0.0, volatility=0.2) == 0.0
    assert ins.black_scholes("call", spot=2000.0, strike=2000.0 / 1e6, years=0.1, rate=0.0,
                             volatility=0.2) == pytest.approx(2000.0 - 0.002, rel=1e-12)
    assert ins.black_scholes("put", spot=2000.0, strike=2000.0 / 1e6, years=0.1, rate=0.0, volatility=0.2) == 0.0
    with pytest.raises(ValueError, match="spot / strike"):
        ins.black_scholes("call", spot=2000.0, strike=2000.0 / 1.01e6, years=0.1, rate=0.0, volatility=0.2)
