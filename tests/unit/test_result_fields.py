"""Every field of the results and registries that a chapter shows, pinned on a worked example.

The headline numbers are pinned elsewhere; these are the fields a one-line bug could change
unnoticed (a swapped weight, a wrong window, a label, a return kind).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from rut_edu import PURE_MODULES, data, forecasting, index, rates, risk, technicals, validation


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
        got = technicals.pivot_levels_for(h, l, c, method=method).to_dict()
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
    assert row["atr_14"] == pytest.approx(technicals.atr(bars, window=14).loc[day] / bars["close"].iloc[i], rel=1e-12)
    assert features.index[0] == bars.index[20]  # the first day every feature exists


def test_compare_uses_log_returns_and_every_field():
    days = pd.bdate_range("2024-01-01", periods=6)
    asset = pd.Series([100.0, 110.0, 99.0, 105.0, 100.0, 120.0], index=days)
    market = pd.Series([100.0, 104.0, 101.0, 103.0, 102.0, 106.0], index=days)
    table = risk.compare(asset, market, frequency="daily")
    ra, rm = np.diff(np.log(asset.to_numpy())), np.diff(np.log(market.to_numpy()))
    assert table["asset_volatility"] == pytest.approx(np.std(ra, ddof=1) * math.sqrt(252), rel=1e-12)
    assert table["market_volatility"] == pytest.approx(np.std(rm, ddof=1) * math.sqrt(252), rel=1e-12)
    assert table["volatility_ratio"] == pytest.approx(np.std(ra, ddof=1) / np.std(rm, ddof=1), rel=1e-12)
    assert table["beta"] == pytest.approx(np.cov(ra, rm, ddof=1)[0, 1] / np.var(rm, ddof=1), rel=1e-12)
    assert table["correlation"] == pytest.approx(np.corrcoef(ra, rm)[0, 1], rel=1e-12)
    assert table["asset_max_drawdown"] == pytest.approx(99.0 / 110.0 - 1, rel=1e-12)
    assert table["market_max_drawdown"] == pytest.approx(101.0 / 104.0 - 1, rel=1e-12)
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
    # and ADX alike, CHOP out of reach: exactly at the range threshold votes "range", exactly at the trend one "trend"
    level = float(adx[day])
    assert technicals.range_regime(bars, chop_range=99.999, chop_trend=1e-9, adx_range=level,
                                   adx_trend=99.999)[day] == "range"
    assert technicals.range_regime(bars, chop_range=99.999, chop_trend=1e-9, adx_range=level / 2,
                                   adx_trend=level)[day] == "trend"
    assert technicals.range_regime(bars, chop_range=99.999, chop_trend=1e-9, adx_range=level * 0.99,
                                   adx_trend=level * 1.01)[day] == "unclear"
    # a fall exactly equal to the close-out move closes the position: 10:1, closed at half the margin -> 5%
    days = pd.bdate_range("2024-01-01", periods=20)
    falls = pd.Series([0.01] * 19 + [-0.05], index=days)
    assert instruments.close_out_days(falls, leverages=[10.0], close_out_level=0.5)["days"].tolist() == [1]
    assert instruments.close_out_days(falls.where(falls > 0, -0.0499), leverages=[10.0],
                                      close_out_level=0.5)["days"].tolist() == [0]


def test_instrument_registry_by_field():
    from rut_edu import instruments

    fields = {i.symbol: (i.kind, i.underlying, i.venue, i.multiplier, i.index_fraction, i.tick_points)
              for i in instruments.INSTRUMENTS.values()}
    assert fields == {
        "RTY": ("future", "Russell 2000", "CME", 50.0, 1.0, 0.1),
        "M2K": ("future", "Russell 2000", "CME", 5.0, 1.0, 0.1),
        "TF": ("future", "Russell 2000", "ICE", 100.0, 1.0, 0.1),
        "RL": ("future", "Russell 2000", "CME", 500.0, 1.0, None),
        "ES": ("future", "S&P 500", "CME", 50.0, 1.0, 0.25),
        "RUT": ("index option", "Russell 2000", "Cboe", 100.0, 1.0, None),
        "MRUT": ("index option", "a tenth of the Russell 2000", "Cboe", 100.0, 0.1, None),
        "IWM": ("ETF", "Russell 2000", "NYSE Arca", None, 1.0, None),
        "VTWO": ("ETF", "Russell 2000", "Nasdaq", None, 1.0, None),
        "CFD": ("CFD", "Russell 2000 (broker's price)", "over the counter, the broker is the counterparty", None, 1.0,
                None),
    }
    rty = instruments.instrument("RTY")
    assert "special opening quotation" in rty.settlement and rty.traded == "since 10 July 2017"
    assert rty.dollars_per_point == 50.0 and instruments.instrument("MRUT").dollars_per_point == pytest.approx(10.0)
    with pytest.raises(TypeError):
        instruments.Instrument("RTY", "positional fields are refused")  # keyword-only: no field can slip a place


def test_small_result_fields_by_hand():
    from rut_edu import backtest, instruments, reconstitution

    # an option leg's premium enters its profit: a long call bought at 30 points, settling 40 above the strike
    leg = instruments.Leg(kind="call", strike=2000.0, quantity=1, premium=30.0)
    assert leg.premium == 30.0 and instruments.strategy_profit([leg], [2040.0]).tolist() == [10.0]
    # position size: 1% of 100,000 over a 20-point stop at $50 a point -> $1,000 a contract at risk, 1 contract
    size = instruments.position_size(100_000.0, risk_fraction=0.01, entry=2000.0, stop=1980.0, dollars_per_point=50.0)
    assert (size.units, size.risk_per_unit, size.money_at_risk, size.share_of_account) == (1, 1000.0, 1000.0, 0.01)
    # the weighting registry's functions and the eligibility rules' tests, called directly
    table = pd.DataFrame({"price": [10.0, 30.0], "shares": [3.0, 1.0], "float_factor": [1.0, 0.5]}, index=["A", "B"])
    assert index.WEIGHTING_SCHEMES["float_cap"].weigh(table).tolist() == pytest.approx([30 / 45, 15 / 45], rel=1e-12)
    assert reconstitution.ELIGIBILITY_RULES["float"].passes({"float_factor": 0.05})  # exactly 5% is eligible
    assert not reconstitution.ELIGIBILITY_RULES["float"].passes({"float_factor": 0.0499})
    # the simulator starts from the synthetic universe placed by rank
    path = reconstitution.universe_path(seed=3)
    start = reconstitution.place(pd.Series(path.price[0, path.alive(0)] * path.shares[path.alive(0)])).table
    codes = {name: code for code, name in enumerate(reconstitution.SEGMENTS)}
    assert path.initial_segments[path.alive(0)].tolist() == start["by_rank"].map(codes).tolist()
    # a backtest's average win and loss, by hand on two trades
    bars = pd.DataFrame({"open": [100.0, 100, 104, 104, 104, 100], "high": [101.0, 106, 105, 105, 105, 101],
                         "low": [99.0, 99, 103, 103, 97, 99], "close": [100.0, 105, 104, 104, 99, 100]},
                        index=pd.bdate_range("2024-01-01", periods=6))
    bars = pd.concat([bars, pd.DataFrame({"open": 100.0, "high": 101.0, "low": 99.0, "close": 100.0},
                                         index=pd.bdate_range("2024-01-09", periods=20))])
    entries = pd.Series(False, index=bars.index)
    entries.iloc[[0, 3]] = True
    free = backtest.Costs(commission_bps=0, spread_bps=0, slippage_bps=0)
    result = backtest.run_backtest(bars, entries, entries * 2.0, entries * 5.0, costs=free)
    metrics = backtest.performance(result, bars)
    # first: +5 points x $500; second: bought at 104, stopped at 102 -> -2 x $490.38 (1% of 102,500 over 2)
    assert metrics.average_win == pytest.approx(2500.0, rel=1e-12)
    assert metrics.average_loss == pytest.approx(-2 * 102_500 * 0.01 / 2, rel=1e-12)


def test_regression_and_fit_fields():
    dates = pd.date_range("2015-01-31", periods=120, freq="ME")
    rng = np.random.default_rng(8)
    changes = pd.DataFrame({"y": rng.normal(0, 0.2, 120)}, index=dates)
    relative = pd.Series(0.5 * changes["y"].to_numpy() + rng.normal(0, 0.1, 120), index=dates)
    fit = rates.rate_regression(relative, changes, hac_lags=3)
    assert (fit.t_statistics == fit.coefficients / fit.standard_errors).all()
    series = pd.Series(np.cumsum(rng.normal(0, 0.3, 80)) + rng.normal(0, 0.5, 80),
                       index=pd.date_range("2000-01-01", periods=80, freq="QS"))
    level = rates.local_level_trend(series, level_variance=0.05)
    from statsmodels.tsa.statespace.structural import UnobservedComponents

    # the reported log-likelihood is the model's at the reported variances (irregular, then level)
    model = UnobservedComponents(series.to_numpy(), level="local level")
    assert level.log_likelihood == pytest.approx(
        model.loglike([level.irregular_variance, level.level_variance]), rel=1e-9)


def test_evaluation_carries_the_diebold_mariano_result():
    bars = data.load_russell2000_daily()
    x, y = forecasting.forecast_features(bars), forecasting.forecast_target(bars["close"])
    model = forecasting.walk_forward(x, y, model="last return's sign", refit_every=1000)
    score = forecasting.evaluate(model, forecasting.walk_forward(x, y, model="historical mean", refit_every=1000))
    direct = forecasting.diebold_mariano(model.actual - model.predicted, model.actual, horizon=1)
    assert (score.dm_statistic, score.dm_p_value) == (direct.statistic, direct.p_value)


def test_glossary_and_claims_fields():
    from rut_edu import claims, glossary

    adx = glossary.lookup("average directional index")
    assert adx.term == "ADX" and "+DI" in adx.aliases and "DX" in adx.formula
    verdicts = {claim.claim: claim.verdict for claim in claims.claims()}
    assert verdicts["The Russell 2000 is listed on the Cboe."] == "wrong"
    assert verdicts["The Russell 2000 is rebalanced every quarter."] == "partly right"
    assert set(verdicts.values()) <= {"wrong", "outdated", "partly right", "unsupported"}




def _mentioned(node) -> set[str]:
    """Attribute names, string constants (keys) and keyword names anywhere under ``node``."""
    import ast

    names = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute):
            names.add(sub.attr)
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            names.add(sub.value)
        elif isinstance(sub, ast.keyword) and sub.arg:
            names.add(sub.arg)
    return names


def _asserted(source: str) -> set[str]:
    """The names a test file checks: those in an ``assert`` or an ``assert_*``/``approx`` call, and those in the
    values of the variables such a check reads (followed through assignments and loops, within each test)."""
    import ast

    def read(node) -> set[str]:
        return {sub.id for sub in ast.walk(node) if isinstance(sub, ast.Name)}

    found = set()
    tree = ast.parse(source)
    for scope in [tree, *(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))]:
        fields, sources = {}, {}
        for node in ast.walk(scope):
            pairs = []
            if isinstance(node, ast.Assign):
                pairs = [(target, node.value) for target in node.targets]
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
                pairs = [(node.target, node.value)]
            elif isinstance(node, (ast.For, ast.comprehension)):
                pairs = [(node.target, node.iter)]
            for target, value in pairs:
                for name in read(target):
                    fields.setdefault(name, set()).update(_mentioned(value))
                    sources.setdefault(name, set()).update(read(value))
        checks = [n for n in ast.walk(scope) if isinstance(n, ast.Assert) or (
            isinstance(n, ast.Call) and getattr(n.func, "attr", getattr(n.func, "id", "")).startswith(("assert_", "approx")))]
        for check in checks:
            found |= _mentioned(check)
            todo, seen = list(read(check)), set()
            while todo:
                name = todo.pop()
                if name not in seen:
                    seen.add(name)
                    found |= fields.get(name, set())
                    todo += sources.get(name, ())
    return found


def test_every_public_result_field_is_asserted_somewhere():
    # A new field of a result object (or of a registry's record) fails here until a test checks it: the field's
    # name must appear in an assertion, or in the value of a variable an assertion reads (a mention elsewhere,
    # in a docstring, a comment or an unchecked call, does not count), the way a new public function fails the
    # bad-input sweep until it is registered.
    import dataclasses
    import importlib
    import inspect
    from pathlib import Path

    checked = set()
    for path in Path(__file__).resolve().parents[1].rglob("test_*.py"):
        checked |= _asserted(path.read_text(encoding="utf-8"))
    unasserted = []
    for module_name in PURE_MODULES:
        module = importlib.import_module(f"rut_edu.{module_name}")
        for name, cls in vars(module).items():
            if not (inspect.isclass(cls) and dataclasses.is_dataclass(cls)) or not cls.__module__.startswith(module.__name__):
                continue
            unasserted += [f"{module_name}.{name}.{field.name}" for field in dataclasses.fields(cls)
                           if field.name not in checked]
    assert not unasserted, f"no assertion checks these result fields: {unasserted}"


def test_a_field_mentioned_outside_an_assertion_does_not_count():
    source = (
        "def test_a():\n"
        "    result = make()\n"
        "    print(result.unchecked)  # mentioned, never checked\n"
        "    total = result.summed + 1\n"
        "    assert total == 3 and result.direct\n"
        "    assert_frame_equal(frame[\"column\"], other)\n")
    checked = _asserted(source)
    assert {"summed", "direct", "column"} <= checked and "unchecked" not in checked


def test_errors_name_the_window_the_zone_and_the_repeat():
    from rut_edu import reconstitution

    days = pd.bdate_range("2024-01-01", periods=40)
    returns = pd.Series(np.tile([0.01, -0.02, 0.015, 0.0], 10), index=days)
    with pytest.raises(ValueError, match=r"window '2030s' \(2030 to 2039\) holds 0 return\(s\) of the data "
                                         r"\(2024-01-01 to 2024-02-23\)"):
        risk.mean_by_window(returns, windows={"2030s": ("2030", "2039")}, periods_per_year="daily")
    with pytest.raises(ValueError, match="window 'late'"):
        risk.beta_by_window(returns, returns * 2 + 0.001, windows={"late": ("2024-02-22", "2025-01-01")})
    monthly = pd.Series(np.arange(1.0, 13.0), index=pd.date_range("2024-01-01", periods=12, freq="MS",
                                                                   tz="America/New_York"))
    quarterly = rates.quarterly_average(monthly)
    assert str(quarterly.index.tz) == "America/New_York" and quarterly.tolist() == [2.0, 5.0, 8.0, 11.0]
    caps = pd.Series(np.linspace(1e10, 1e8, 10), index=[f"S{i}" for i in range(10)])
    previous = pd.Series(["Russell 1000", "Russell 2000 upper"], index=["S1", "S1"])
    with pytest.raises(ValueError, match=r"previous lists some companies twice \(\['S1'\]\)"):
        reconstitution.place(caps, previous=previous)


def test_a_flat_first_window_is_named_and_typical_gaps_by_hand():
    days = pd.bdate_range("2024-01-01", periods=60)
    rng = np.random.default_rng(11)
    market = pd.Series(np.r_[np.full(20, 0.001), rng.normal(0, 0.01, 40)], index=days)
    asset = pd.Series(rng.normal(0, 0.01, 60), index=days)
    # only the first full window is flat: the error names the day it ends on
    with pytest.raises(ValueError, match="does not vary in the window ending 2024-01-26"):
        risk.rolling_beta(asset, market, window=20)
    # one day of movement inside the first window is enough: every window varies, the first beta is on day 20
    moved = market.copy()
    moved.iloc[0] = 0.002
    assert risk.rolling_beta(asset, moved, window=20).index[0] == days[19]
    # the typical spacing of dates is the median gap: odd and even counts of gaps, by hand
    odd = pd.DatetimeIndex(["2024-01-01", "2024-01-02", "2024-01-05", "2024-01-06"])  # gaps 1, 3, 1 -> 1
    even = pd.DatetimeIndex(["2024-01-01", "2024-01-02", "2024-01-05", "2024-01-06", "2024-01-13"])  # 1, 3, 1, 7 -> 2
    assert validation.spacing(odd) == ("daily", 1.0)
    assert validation.spacing(even) == ("daily", 2.0)


def test_every_callable_registry_is_one_shape():
    # name -> record with a description and its function, the way WEIGHTING_SCHEMES and TAYLOR_RULES are
    from rut_edu import index as index_module

    registries = {
        "technicals.PIVOT_METHODS": ({k: (m.description, m.levels) for k, m in technicals.PIVOT_METHODS.items()}),
        "risk.CAPTURE_CONVENTIONS": ({k: (c.description, c.formula) for k, c in risk.CAPTURE_CONVENTIONS.items()}),
        "forecasting.MODELS": ({k: (m.description, m.build) for k, m in forecasting.MODELS.items()}),
        "index.WEIGHTING_SCHEMES": ({k: (s.label, s.weigh) for k, s in index_module.WEIGHTING_SCHEMES.items()}),
    }
    for name, records in registries.items():
        for key, (description, function) in records.items():
            assert isinstance(description, str) and len(description) > 5 and callable(function), (name, key)
    assert technicals.PIVOT_METHODS["Camarilla"].levels(110.0, 100.0, 108.0)["R4"] == pytest.approx(108 + 5.5)
    assert risk.CAPTURE_CONVENTIONS["arithmetic"].formula is not risk.CAPTURE_CONVENTIONS["geometric"].formula
    assert type(forecasting.MODELS["ridge regression"].build(0)).__name__ == "Pipeline"
