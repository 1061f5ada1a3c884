"""rut_edu.forecasting: no look-ahead in features and walk-forward, baselines, the DM test by hand, leaks."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rut_edu import backtest, data
from rut_edu import forecasting as fc

BARS = data.load_russell2000_daily()
FEATURES = fc.forecast_features(BARS)
TARGET = fc.forecast_target(BARS["close"], horizon=1)


def test_features_and_target_by_hand():
    close = BARS["close"]
    day = BARS.index[4000]
    i = 4000
    assert FEATURES.loc[day, "return_lag_1"] == pytest.approx(math.log(close.iloc[i] / close.iloc[i - 1]), rel=1e-12)
    assert FEATURES.loc[day, "return_lag_3"] == pytest.approx(math.log(close.iloc[i - 2] / close.iloc[i - 3]),
                                                              rel=1e-12)
    assert FEATURES.loc[day, "momentum_20"] == pytest.approx(math.log(close.iloc[i] / close.iloc[i - 20]), rel=1e-12)
    assert TARGET.loc[day] == pytest.approx(math.log(close.iloc[i + 1] / close.iloc[i]), rel=1e-12)
    week = fc.forecast_target(close, horizon=5)
    assert week.loc[day] == pytest.approx(math.log(close.iloc[i + 5] / close.iloc[i]), rel=1e-12)
    assert week.index[-1] == close.index[-6]


@settings(max_examples=6)
@given(cut=st.integers(min_value=3000, max_value=len(BARS) - 10), factor=st.floats(0.8, 1.2))
def test_features_and_forecasts_never_look_ahead(cut, factor):
    changed = BARS.copy()
    changed.iloc[cut + 1:] = changed.iloc[cut + 1:] * factor
    new_features = fc.forecast_features(changed)
    day = BARS.index[cut]
    pd.testing.assert_frame_equal(FEATURES.loc[:day], new_features.loc[:day])
    # forecasts made up to `cut` come from models fitted on targets that ended by `cut`
    new_target = fc.forecast_target(changed["close"], horizon=1)
    before = fc.walk_forward(FEATURES, TARGET, model="ridge regression")
    after = fc.walk_forward(new_features, new_target, model="ridge regression")
    block_start = before.predicted.index[before.predicted.index.searchsorted(day) // 500 * 500]
    pd.testing.assert_series_equal(before.predicted.loc[:block_start].iloc[:-1], after.predicted.loc[:block_start].iloc[:-1])


def test_walk_forward_refits_only_on_the_past_with_a_gap():
    week = fc.forecast_target(BARS["close"], horizon=5)
    first = fc.walk_forward(FEATURES, week, model="historical mean", horizon=5, first_train=2000, refit_every=500)
    _x, y = FEATURES.loc[FEATURES.index.intersection(week.index)], week.loc[FEATURES.index.intersection(week.index)]
    # the first test day is 2000 + gap (4) days in; its forecast is the mean of the first 2000 targets
    assert first.predicted.index[0] == y.index[2004]
    assert first.predicted.iloc[0] == pytest.approx(y.iloc[:2000].mean(), rel=1e-12)
    # the second block's forecast uses every target up to 4 days before it
    assert first.predicted.iloc[500] == pytest.approx(y.iloc[:2500].mean(), rel=1e-12)
    rolling = fc.walk_forward(FEATURES, week, model="historical mean", horizon=5, window="rolling")
    assert rolling.predicted.iloc[500] == pytest.approx(y.iloc[500:2500].mean(), rel=1e-12)


def test_baselines():
    walk = fc.walk_forward(FEATURES, TARGET, model="random walk")
    mean = fc.walk_forward(FEATURES, TARGET, model="historical mean")
    up = fc.walk_forward(FEATURES, TARGET, model="always up")
    last = fc.walk_forward(FEATURES, TARGET, model="last return's sign")
    assert (walk.predicted == 0).all() and (up.predicted > 0).all()
    # the random walk's zero calls "not up": its hit rate is the share of days that did not rise
    assert fc.evaluate(walk, mean).hit_rate == pytest.approx((walk.actual <= 0).mean(), rel=1e-12)
    assert fc.calls_up([0.0, 1e-9, -1e-9]).tolist() == [False, True, False]
    # the sign baseline reads return_lag_1 by name, wherever the column sits
    shuffled = FEATURES[list(reversed(FEATURES.columns))]
    pd.testing.assert_series_equal(fc.walk_forward(shuffled, TARGET, model="last return's sign").predicted, last.predicted)
    with pytest.raises(ValueError, match="return_lag_1"):
        fc.walk_forward(FEATURES.drop(columns="return_lag_1"), TARGET, model="last return's sign")
    assert (np.sign(last.predicted) == np.sign(FEATURES.loc[last.predicted.index, "return_lag_1"])).all()
    up_score = fc.evaluate(up, mean)
    assert up_score.hit_rate == up_score.base_rate == pytest.approx((up.actual > 0).mean(), rel=1e-12)
    assert fc.evaluate(walk, mean).mse_ratio == 1.0
    assert fc.evaluate(mean, mean).r2_vs_mean == 0.0


def test_evaluation_by_hand():
    ridge = fc.walk_forward(FEATURES, TARGET, model="ridge regression")
    mean = fc.walk_forward(FEATURES, TARGET, model="historical mean")
    score = fc.evaluate(ridge, mean)
    a, p, m = ridge.actual.to_numpy(), ridge.predicted.to_numpy(), mean.predicted.to_numpy()
    hits = np.mean((p > 0) == (a > 0))
    assert score.hit_rate == pytest.approx(hits, rel=1e-12)
    n = len(a)
    z = 1.959963984540054
    centre = (hits + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * math.sqrt(hits * (1 - hits) / n + z**2 / (4 * n**2))
    assert (score.hit_rate_low, score.hit_rate_high) == pytest.approx((centre - half, centre + half), rel=1e-9)
    assert score.mse_ratio == pytest.approx(np.mean((a - p) ** 2) / np.mean(a**2), rel=1e-12)
    assert score.r2_vs_mean == pytest.approx(1 - np.sum((a - p) ** 2) / np.sum((a - m) ** 2), rel=1e-12)


def test_the_interval_of_overlapping_targets_uses_the_effective_count():
    # Five-day targets a day apart share four days: 7,657 of them are worth about 7,657 / 5 separate weeks, and
    # Wilson's interval on all 7,657 would be about sqrt(5) too narrow.
    week = fc.forecast_target(BARS["close"], horizon=5)
    ridge = fc.walk_forward(FEATURES, week, model="ridge regression", horizon=5, refit_every=1000)
    mean = fc.walk_forward(FEATURES, week, model="historical mean", horizon=5, refit_every=1000)
    score = fc.evaluate(ridge, mean)
    a, p = ridge.actual.to_numpy(), ridge.predicted.to_numpy()
    hits, n = np.mean((p > 0) == (a > 0)), len(a) / 5
    assert score.days == len(a) and score.effective_days == n
    z = 1.959963984540054
    centre = (hits + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * math.sqrt(hits * (1 - hits) / n + z**2 / (4 * n**2))
    assert (score.hit_rate_low, score.hit_rate_high) == pytest.approx((centre - half, centre + half), rel=1e-9)
    naive = z * math.sqrt(hits * (1 - hits) / len(a))
    assert 2.1 < half / naive < 2.3  # about sqrt(5) wider than the interval that counts every overlapping day
    one_day = fc.evaluate(fc.walk_forward(FEATURES, TARGET, model="ridge regression"), fc.walk_forward(FEATURES, TARGET,
                                                                                                  model="historical mean"))
    assert one_day.effective_days == one_day.days


def test_diebold_mariano_by_hand():
    rng = np.random.default_rng(11)
    a, b = rng.normal(0, 1.0, 300), rng.normal(0, 1.1, 300)
    statistic, p_value = fc.diebold_mariano(a, b, horizon=3)
    d = a**2 - b**2
    c = d - d.mean()
    variance = (c @ c + 2 * (c[1:] @ c[:-1]) + 2 * (c[2:] @ c[:-2])) / 300
    expected = d.mean() / math.sqrt(variance / 300) * math.sqrt((300 + 1 - 6 + 3 * 2 / 300) / 300)
    assert statistic == pytest.approx(expected, rel=1e-12)
    from scipy import stats

    assert p_value == pytest.approx(2 * stats.t.sf(abs(expected), 299), rel=1e-12)
    with pytest.raises(ValueError, match="differ in length"):
        fc.diebold_mariano(a, b[:-1])
    with pytest.raises(ValueError, match="does not vary"):
        fc.diebold_mariano(a, -a)


def test_models_are_seeded_and_repeat():
    first = fc.walk_forward(FEATURES, TARGET, model="gradient boosting", seed=3, refit_every=2000)
    again = fc.walk_forward(FEATURES, TARGET, model="gradient boosting", seed=3, refit_every=2000)
    pd.testing.assert_series_equal(first.predicted, again.predicted)


def test_leaks_inflate_the_hit_rate():
    honest = fc.evaluate(fc.walk_forward(FEATURES, TARGET, model="ridge regression"),
                         fc.walk_forward(FEATURES, TARGET, model="historical mean")).hit_rate
    assert fc.leaky_hit_rate(BARS, mistake="centred moving average") > honest + 0.2
    assert fc.leaky_hit_rate(BARS, mistake="shuffled split") > honest + 0.02


@pytest.mark.parametrize("costs", [backtest.Costs(commission_bps=0.0, spread_bps=0.0, slippage_bps=0.0), backtest.Costs()],
                         ids=["no costs", "2 bp"])
def test_always_up_is_buy_and_hold(costs):
    # over 2007-2026, crash days included (1 Dec 2008; 12, 16 and 18 Mar 2020 fell more than 10%)
    up = fc.walk_forward(FEATURES, TARGET, model="always up")
    traded = fc.trade_forecasts(BARS.loc["2007":], up, costs=costs)
    crash = traded.buy_and_hold.pct_change().loc["2020-03-16"]
    assert crash < -0.14
    assert traded.equity.pct_change().loc["2020-03-16"] == pytest.approx(crash, rel=1e-12)
    # one entry and one exit: the whole path is buy and hold less two fills
    fills = (1 - costs.fill(market=True)) ** 2
    np.testing.assert_allclose(traded.equity.iloc[1:-1], traded.buy_and_hold.iloc[1:-1] * (1 - costs.fill(True)),
                               rtol=1e-12)
    assert traded.equity.iloc[-1] == pytest.approx(traded.buy_and_hold.iloc[-1] * fills, rel=1e-12)
    perf = traded.performance
    assert perf.trades == 1 and perf.open_trades == 0
    if costs.fill(True) == 0:
        assert perf.annualised_return == pytest.approx(perf.buy_hold_return, rel=1e-12)
    assert perf.exposure == pytest.approx((len(traded.equity) - 1) / len(traded.equity), rel=1e-12)


def test_trade_forecasts_pays_costs_only_on_changes():
    up = fc.walk_forward(FEATURES, TARGET, model="last return's sign")
    bars = BARS.loc["2010":"2012"]
    free = fc.trade_forecasts(bars, up, costs=backtest.Costs(commission_bps=0.0, spread_bps=0.0, slippage_bps=0.0))
    costly = fc.trade_forecasts(bars, up, costs=backtest.Costs())
    changes = 2 * costly.performance.trades  # each trade is one entry and one exit; none is left open
    assert costly.performance.open_trades == 0 and costly.performance.trades > 50
    assert costly.equity.iloc[-1] == pytest.approx(free.equity.iloc[-1] * (1 - 2e-4) ** changes, rel=1e-12)
    with pytest.raises(ValueError, match="one-day forecasts"):
        fc.trade_forecasts(BARS, fc.walk_forward(FEATURES, fc.forecast_target(BARS["close"], horizon=5), model="always up",
                                                 horizon=5))


@pytest.mark.parametrize("call, message", [
    (lambda: fc.walk_forward(FEATURES, TARGET, model="LSTM"), "model must be one of"),
    (lambda: fc.walk_forward(FEATURES, TARGET, model="ridge regression", first_train=100), "at least 250"),
    (lambda: fc.walk_forward(FEATURES, TARGET, model="ridge regression", window="sliding"), "window must be one of"),
    (lambda: fc.walk_forward(FEATURES.iloc[:200], TARGET, model="ridge regression"), "at least 300"),
    (lambda: fc.forecast_target(BARS["close"], horizon=0), "at least 1"),
    (lambda: fc.leaky_hit_rate(BARS.iloc[:1000], mistake="shuffled split"), "at least 2520"),
    (lambda: fc.leaky_hit_rate(BARS, mistake="peeking"), "mistake must be one of"),
])
def test_bad_input_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_the_centred_average_contains_the_future():
    close = pd.Series([100.0, 100, 100, 100, 110, 100, 100], index=pd.bdate_range("2024-01-01", periods=7))
    leak = fc.centred_average(close)
    # the third day's value already moves with the fifth day's close
    assert leak.index[0] == close.index[2] and leak.iloc[0] > 0
    assert set(fc.FEATURE_SETS["past returns"]) <= set(FEATURES.columns)
    assert set(fc.FEATURE_SETS["returns, momentum, volatility, range"]) == set(FEATURES.columns)


@settings(max_examples=25)
@given(first_train=st.integers(250, 3000), refit_every=st.integers(20, 2000), horizon=st.integers(1, 10),
       window=st.sampled_from(["expanding", "rolling"]))
def test_no_test_day_ever_enters_its_training_window(first_train, refit_every, horizon, window):
    # The historical-mean forecast is the mean of exactly the training targets, so each block's forecast
    # tells which days were trained on: they must end `horizon - 1` days before the block starts.
    target = fc.forecast_target(BARS["close"], horizon=horizon)
    common = FEATURES.index.intersection(target.index)
    y = target.loc[common]
    forecasts = fc.walk_forward(FEATURES, target, model="historical mean", horizon=horizon, first_train=first_train,
                                refit_every=refit_every, window=window)
    gap = horizon - 1
    positions = y.index.get_indexer(forecasts.predicted.index)
    assert positions[0] == first_train + gap
    # refreshed daily: every test day's forecast is the mean of the targets known at its close
    values = y.to_numpy()
    for k in range(0, len(positions), max(1, len(positions) // 40)):
        start = positions[k]
        end = start - gap
        begin = 0 if window == "expanding" else max(0, end - first_train)
        assert forecasts.predicted.iloc[k] == pytest.approx(values[begin:end].mean(), rel=1e-9)
        assert end <= start  # no target that ends after the forecast's close


def test_baselines_on_a_hand_made_series():
    days = pd.bdate_range("2020-01-01", periods=400)
    close = pd.Series(100 * np.exp(np.cumsum(np.tile([0.01, -0.005], 200))), index=days)
    bars = pd.DataFrame({"open": close, "high": close * 1.001, "low": close * 0.999, "close": close})
    x, y = fc.forecast_features(bars), fc.forecast_target(close, horizon=1)
    last = fc.walk_forward(x, y, model="last return's sign", first_train=250, refit_every=50)
    # returns alternate +1%, -0.5%: yesterday's sign is always wrong, "up" is right half the time
    assert (np.sign(last.predicted) != np.sign(last.actual)).all()
    up = fc.walk_forward(x, y, model="always up", first_train=250, refit_every=50)
    assert np.mean(up.actual > 0) == pytest.approx(0.5, abs=0.01)
    mean = fc.walk_forward(x, y, model="historical mean", first_train=250, refit_every=50)
    assert mean.predicted.iloc[0] == pytest.approx(y.loc[x.index.intersection(y.index)].iloc[:250].mean(), rel=1e-12)


def test_the_shipped_grid_cache_matches_the_code_and_the_data():
    # a change to the models, the features or the data needs: python -m rut_edu.forecasting
    assert fc._load_grid(fc._grid_key(BARS, 1000)) is not None, (
        "the shipped forecasts no longer match the code or the data; refresh them with python -m rut_edu.forecasting")


def test_the_grid_key_follows_the_settings_the_data_and_the_version_only(monkeypatch):
    key = fc._grid_key(BARS, 1000)
    assert fc._grid_key(BARS, 1000) == key
    assert fc._grid_key(BARS, 500) != key  # one refit interval's forecasts are never served for another
    changed = BARS.copy()
    changed.iloc[-1, changed.columns.get_loc("close")] *= 1.001
    assert fc._grid_key(changed, 1000) != key
    monkeypatch.setattr(fc, "GRID_WALK", {**fc.GRID_WALK, "first_train": 1500})  # another walk's forecasts
    assert fc._grid_key(BARS, 1000) != key
    monkeypatch.undo()
    monkeypatch.setattr(fc, "GRID_VERSION", fc.GRID_VERSION + 1)
    assert fc._grid_key(BARS, 1000) != key


# Every cell the grid's code could change without a GRID_VERSION bump: each feature set under each scheme (with
# the ridge regression, quick to fit), and each other model on one cell.
FRESH_FITS = ([("ridge regression", set_name, scheme) for set_name in fc.FEATURE_SETS for scheme in fc.SCHEMES]
              + [(model, "past returns", fc.SCHEMES[0]) for model in fc.MODELS if model != "ridge regression"])


@pytest.mark.parametrize("model, set_name, scheme", FRESH_FITS)
def test_cached_forecasts_equal_a_fresh_fit(model, set_name, scheme, grid):
    cached = grid[model, set_name, scheme]
    table, extra = fc.scheme_features(BARS)[scheme]
    fresh = fc.walk_forward(table[fc.FEATURE_SETS[set_name] + extra], TARGET, model=model, refit_every=1000)
    pd.testing.assert_index_equal(cached.predicted.index, fresh.predicted.index)
    np.testing.assert_allclose(cached.predicted.to_numpy(), fresh.predicted.to_numpy(), rtol=1e-9, atol=1e-12)
    pd.testing.assert_series_equal(cached.actual, fresh.actual)


def test_save_grid_cache_writes_a_file_that_loads(tmp_path, monkeypatch, grid):
    # refitting takes half a minute: write what the shipped cache holds, through the real writer
    monkeypatch.setattr(fc, "walk_forward_grid", lambda bars, refit_every, use_cache: grid)
    written = fc.save_grid_cache(BARS, refit_every=1000, path=tmp_path / "grid.npz")
    monkeypatch.setattr(fc, "GRID_CACHE", written)
    loaded = fc._load_grid(fc._grid_key(BARS, 1000))
    assert set(loaded) == set(grid)
    for key, forecasts in grid.items():
        np.testing.assert_array_equal(loaded[key].to_numpy(), forecasts.predicted.to_numpy())
        assert (loaded[key].index == forecasts.predicted.index).all()
    assert fc._load_grid("another key") is None


def test_a_vintage_keeps_its_own_cache_and_the_shipped_one_is_left_alone(tmp_path, monkeypatch, grid):
    # RUT_EDU_DATA_DIR names a vintage: its refit is written in the vintage's folder, read from there while the
    # vintage is in use, and the shipped file is never overwritten nor its grid served under the vintage's key
    from rut_edu import data

    shipped = fc.GRID_CACHE.read_bytes()
    key = fc._grid_key(BARS, 1000)
    monkeypatch.setattr(fc, "walk_forward_grid", lambda bars, refit_every, use_cache: grid)
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path))
    assert fc.grid_cache_path() == tmp_path / "cache" / "walk_forward_grid.npz"
    assert fc._load_grid(key) is None  # nothing cached for the vintage yet
    assert fc.save_grid_cache(BARS, refit_every=1000) == tmp_path / "cache" / "walk_forward_grid.npz"
    assert set(fc._load_grid(key)) == set(grid)
    assert fc.GRID_CACHE.read_bytes() == shipped
    monkeypatch.delenv(data.DATA_DIR_VARIABLE)
    assert fc.grid_cache_path() == fc.GRID_CACHE and set(fc._load_grid(key)) == set(grid)


def _counting_fits(monkeypatch) -> list[str]:
    """Every model fitted from here on, by name (each fit builds its estimator once)."""
    fitted: list[str] = []
    counted = {name: fc.Model(model.description, lambda seed, name=name, build=model.build: (fitted.append(name),
                                                                                            build(seed))[1])
               for name, model in fc.MODELS.items()}
    monkeypatch.setattr(fc, "MODELS", counted)
    return fitted


def _later_bars(days: int, seed: int) -> pd.DataFrame:
    """The shipped bars and ``days`` more business days of a seeded random walk after them."""
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range(BARS.index[-1] + pd.offsets.BDay(1), periods=days).as_unit(BARS.index.unit)
    close = BARS["close"].iloc[-1] * np.exp(np.cumsum(rng.normal(0, 0.012, days)))
    spread = np.abs(rng.normal(0, 0.006, days))
    more = pd.DataFrame({"open": close * (1 + rng.normal(0, 0.003, days)), "high": close * (1 + spread + 0.004),
                         "low": close * (1 - spread - 0.004), "close": close}, index=dates)
    more = more.assign(high=more[["open", "high", "close"]].max(axis=1), low=more[["open", "low", "close"]].min(axis=1))
    return pd.concat([BARS, more[BARS.columns]]).rename_axis(BARS.index.name)


def test_new_data_fit_only_what_the_stored_fits_do_not_hold_and_give_a_fresh_fits_numbers(monkeypatch):
    """Data that end earlier reuse every stored fit (the whole grid, no model fitted); data that run on refit only
    the last block, the one the new days join; either way a cell equals a fresh fit, day by day."""
    fitted = _counting_fits(monkeypatch)
    shipped = fc.walk_forward_grid(BARS)
    cut = BARS.iloc[:-130]
    earlier = fc.walk_forward_grid(cut)
    assert fitted == [] and set(earlier) == set(shipped)
    for key, forecasts in earlier.items():
        # the leaky scheme's centred average looks ahead: its last days before the cut move, so they are compared
        # with a fresh fit below, not with the shipped forecasts
        common = forecasts.predicted.index[:-40]
        np.testing.assert_array_equal(forecasts.predicted.loc[common], shipped[key].predicted.loc[common])
    longer, known = _later_bars(150, seed=7), fc._stored_fits()
    for bars, grid in ((cut, earlier), (longer, None)):
        target, tables = fc.forecast_target(bars["close"], horizon=1), fc.scheme_features(bars)
        for set_name in fc.FEATURE_SETS:  # the ridge regression, quick to fit: every cell against a fresh fit
            for scheme in fc.SCHEMES:
                table, extra = tables[scheme]
                features = table[fc.FEATURE_SETS[set_name] + extra]
                fitted.clear()
                found = (grid["ridge regression", set_name, scheme] if grid is not None else
                         fc._walk_forward(features, target, model="ridge regression", refit_every=1000, known=known,
                                          **fc.GRID_WALK))
                if grid is None:
                    assert fitted == ["ridge regression"], (set_name, scheme)  # the last block only
                fresh = fc.walk_forward(features, target, model="ridge regression", refit_every=1000)
                pd.testing.assert_series_equal(found.predicted, fresh.predicted, rtol=1e-12, atol=0)
                assert found.predicted.index[-1] == fc._aligned(features, target)[1].index[-1]


def test_a_revised_day_refits_every_block_trained_on_it(monkeypatch):
    """A revision of past prices (a refreshed file) changes the training days of every block after it: none of
    those blocks takes a stored forecast, and the cell equals a fresh fit."""
    fitted = _counting_fits(monkeypatch)
    revised = BARS.copy()
    revised.iloc[6500] *= 1.02  # the whole bar, so that it stays a bar
    table = fc.scheme_features(revised)[fc.SCHEMES[0]][0][fc.FEATURE_SETS["past returns"]]
    target = fc.forecast_target(revised["close"], horizon=1)
    reused = fc._walk_forward(table, target, model="ridge regression", refit_every=1000, known=fc._stored_fits(),
                              **fc.GRID_WALK)
    days = fc._aligned(table, target)[1].index
    revised_at = days.get_loc(revised.index[6500])
    # the block holding the day forecasts from its changed features; every later block is trained on it
    assert len(fitted) == sum(end > revised_at for _start, end in fc._schedule(len(days), 2000, 1000, 0)) == 4
    fresh = fc.walk_forward(table, target, model="ridge regression", refit_every=1000)
    pd.testing.assert_series_equal(reused.predicted, fresh.predicted, rtol=1e-12, atol=0)


@pytest.fixture(scope="module")
def grid():
    # built on first use only: a changed fitting code misses the cache and refits (half a minute)
    return fc.walk_forward_grid(BARS)
