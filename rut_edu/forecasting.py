"""Judging forecasts of the index: targets, baselines, an honest walk-forward test, and the classic mistakes.

Pure computation (no matplotlib, no ipywidgets); scikit-learn and statsmodels are imported
only inside the functions that fit or test. Conventions:

* features for day ``t`` use closes (and bars) up to and including ``t``;
* the target for day ``t`` is the log return from the close of ``t`` to the close of
  ``t + horizon``; with ``horizon > 1`` neighbouring targets overlap, so a gap of
  ``horizon - 1`` days separates the last training target from the first test day;
* a model is refitted every ``refit_every`` days on data that ended before the gap; every
  model is seeded, so a rerun gives the same forecasts;
* "up" means a return above zero, and a forecast calls "up" only when it is above zero: a forecast
  of exactly zero (the random walk's) calls "not up", so the random walk's hit rate is the share
  of days that did not rise (see :func:`calls_up`);
* the historical-mean baseline is refreshed every day with every target known by then, as in
  Campbell and Thompson (2008); the models are refitted only every ``refit_every`` days.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from rut_edu import backtest, data, technicals, validation

HORIZONS = {"next day": 1, "next week": 5}


# ---------------------------------------------------------------------------------------------- data
def forecast_features(bars: pd.DataFrame) -> pd.DataFrame:
    """The features known at each close, for the forecasting models.

    The last five daily log returns, 5- and 20-day momentum, 20-day volatility, the day's high-low range and the
    14-day ATR, both relative to the close.

    Parameters
    ----------
    bars : pandas.DataFrame
        Daily price bars (see :func:`rut_edu.technicals.ohlc_frame`), at least 60.

    Returns
    -------
    pandas.DataFrame
        One row per day once every feature exists.

    Raises
    ------
    ValueError
        On bad bars.

    Examples
    --------
    >>> from rut_edu import data
    >>> list(forecast_features(data.load_russell2000_daily().iloc[:100]).columns)[:3]
    ['return_lag_1', 'return_lag_2', 'return_lag_3']
    """
    frame = technicals.ohlc_frame(bars, minimum=60)
    log_close = np.log(frame["close"])
    daily = log_close.diff()
    columns = {f"return_lag_{k}": daily.shift(k - 1) for k in range(1, 6)}
    columns["momentum_5"] = log_close - log_close.shift(5)
    columns["momentum_20"] = log_close - log_close.shift(20)
    columns["volatility_20"] = daily.rolling(20).std()
    columns["range"] = (frame["high"] - frame["low"]) / frame["close"]
    columns["atr_14"] = technicals.atr(frame, window=14) / frame["close"]
    return pd.DataFrame(columns).dropna()


# One registry: each feature set's name and its columns of forecast_features.
FEATURE_SETS = {
    "past returns": [f"return_lag_{k}" for k in range(1, 6)],
    "returns, momentum, volatility, range": [f"return_lag_{k}" for k in range(1, 6)]
    + ["momentum_5", "momentum_20", "volatility_20", "range", "atr_14"],
}


def centred_average(close: pd.Series) -> pd.Series:
    """A leak on purpose: the five-day average log price centred on each day, minus the day's log price.

    It averages the two closes before and the two after each day, so it contains the future. Added to
    the features it shows how a look-ahead manufactures skill; never use it in a real test.

    Parameters
    ----------
    close : pandas.Series
        Closing prices, at least 5.

    Returns
    -------
    pandas.Series
        Named ``centred_average``; the first and last two days are dropped.

    Raises
    ------
    ValueError
        On bad prices.

    Examples
    --------
    >>> centred_average(pd.Series([100.0, 100, 100, 100, 110])).round(4).tolist()
    [0.0191]
    """
    series = validation.series(close, "close", minimum=5, sign="positive", what="closing prices")
    log_close = np.log(series)
    return (log_close.rolling(5, center=True).mean() - log_close).dropna().rename("centred_average")


def forecast_target(close: pd.Series, *, horizon: int = 1) -> pd.Series:
    """The log return from each close to the close ``horizon`` days later (the last ``horizon`` days are dropped).

    Parameters
    ----------
    close : pandas.Series
        Closing prices, dated.
    horizon : int, default 1
        1 to 20 trading days.

    Returns
    -------
    pandas.Series
        Log returns (decimals) dated at the close they start from, named ``target``.

    Raises
    ------
    ValueError
        On bad prices or a horizon out of range.

    Examples
    --------
    >>> forecast_target(pd.Series([100.0, 110.0, 99.0]), horizon=1).round(6).tolist()
    [0.09531, -0.105361]
    """
    series = validation.series(close, "close", minimum=3, sign="positive", what="closing prices")
    horizon = validation.whole_number(horizon, "horizon", minimum=1, maximum=min(20, len(series) - 1))
    log_close = np.log(series)
    return (log_close.shift(-horizon) - log_close).iloc[:-horizon].rename(f"return_next_{horizon}")


def _aligned(features: pd.DataFrame, target: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    if not isinstance(features, pd.DataFrame) or features.shape[1] == 0:
        raise ValueError("features must be a DataFrame with at least one column")
    checked = pd.DataFrame({c: validation.series(features[c], f"features[{c!r}]") for c in features.columns})
    target = validation.series(target, "target")
    validation.same_time_zone(checked.index, target.index, ("features", "target"))
    common = checked.index.intersection(target.index)
    if len(common) < 300:
        raise ValueError(f"features and target share only {len(common)} days; at least 300 are needed")
    return checked.loc[common], target.loc[common]


# ---------------------------------------------------------------------------------------------- models
def _ridge(seed: int):
    from sklearn.linear_model import Ridge
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), Ridge(alpha=10.0, random_state=seed))


def _boosting(seed: int):
    from sklearn.ensemble import GradientBoostingRegressor

    return GradientBoostingRegressor(n_estimators=40, max_depth=2, learning_rate=0.05, subsample=0.8,
                                     random_state=seed)


def _neural_network(seed: int):
    from sklearn.neural_network import MLPRegressor
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), MLPRegressor(hidden_layer_sizes=(8,), alpha=1e-2, max_iter=200,
                                                        early_stopping=True, n_iter_no_change=5,
                                                        random_state=seed))


@dataclasses.dataclass(frozen=True)
class Model:
    """A forecasting model: what it is, and how to build an unfitted, seeded scikit-learn estimator of it."""

    description: str
    build: Callable[[int], object]


# One registry: each model's name, description and builder (scikit-learn, seeded).
MODELS: dict[str, Model] = {
    "ridge regression": Model("linear regression with an L2 penalty (alpha 10) on standardised features", _ridge),
    "gradient boosting": Model("40 depth-2 regression trees, learning rate 0.05, 80% subsamples", _boosting),
    "small neural network": Model("one hidden layer of 8 units on standardised features, early stopping",
                                  _neural_network),
}
BASELINES = ("random walk", "historical mean", "last return's sign", "always up")
# The feature the "last return's sign" baseline reads, by name: today's close-to-close log return.
LAST_RETURN = "return_lag_1"


def calls_up(predicted) -> np.ndarray:
    """Whether each forecast calls "up": a forecast above zero. Zero, the random walk's forecast, calls "not up".

    Parameters
    ----------
    predicted : array-like of float
        Forecast returns.

    Returns
    -------
    numpy.ndarray of bool
        True where the forecast is above zero.

    Raises
    ------
    ValueError
        On NaN or infinite forecasts, or none.

    Examples
    --------
    >>> calls_up([0.002, 0.0, -0.001]).tolist()
    [True, False, False]
    """
    return validation.finite_values(predicted, "predicted") > 0


def _running_means(ys: np.ndarray, start: int, end: int, gap: int, window: str, first_train: int) -> np.ndarray:
    """For each test day t in [start, end): the mean of the targets known at its close, ys[begin:t - gap]."""
    totals = np.concatenate([[0.0], np.cumsum(ys)])
    stops = np.arange(start, end) - gap
    begins = np.zeros_like(stops) if window == "expanding" else np.maximum(0, stops - first_train)
    return (totals[stops] - totals[begins]) / (stops - begins)


@dataclasses.dataclass(frozen=True)
class Forecasts:
    """Out-of-sample forecasts of returns and their realised values, on the test days."""

    name: str
    predicted: pd.Series
    actual: pd.Series
    horizon: int


def _schedule(n: int, first_train: int, refit_every: int, gap: int) -> list[tuple[int, int]]:
    starts = list(range(first_train + gap, n, refit_every))
    return [(start, min(start + refit_every, n)) for start in starts]


def _blocks(n: int, first_train: int, refit_every: int, gap: int, window: str):
    """Each block of test days ``(start, end)`` with the days its model is fitted on (a slice): every day before
    the gap, or (``window="rolling"``) the last ``first_train`` of them."""
    for start, end in _schedule(n, first_train, refit_every, gap):
        train_end = start - gap
        yield start, end, slice(0 if window == "expanding" else max(0, train_end - first_train), train_end)


def walk_forward(features: pd.DataFrame, target: pd.Series, *, model: str, horizon: int = 1, first_train: int = 2000,
                 refit_every: int = 500, window: str = "expanding", seed: int = 0) -> Forecasts:
    """Walk-forward forecasts: refit on the past only, predict the next block of days, move on.

    For each block of ``refit_every`` test days, the model (a name in :data:`MODELS` or
    :data:`BASELINES`) is fitted on the days before the block, less a gap of ``horizon - 1`` days
    so that no training target overlaps a test day; ``window="rolling"`` keeps only the last
    ``first_train`` of them. The baselines: ``"random walk"`` forecasts 0; ``"historical mean"``
    the mean of the targets known at each day's close, refreshed daily; ``"always up"`` and
    ``"last return's sign"`` (the sign of the feature :data:`LAST_RETURN`) a move of the training
    days' mean absolute size.

    Parameters
    ----------
    features : pandas.DataFrame
        From :func:`forecast_features`.
    target : pandas.Series
        From :func:`forecast_target` with the same ``horizon``.
    model : str
        A key of :data:`MODELS`.
    horizon : int, default 1
        1 to 20.
    first_train : int, default 2000
        Days in the first training window, 250 or more.
    refit_every : int, default 500
        Test days between refits, 20 or more.
    window : str, default "expanding"
        ``"expanding"`` or ``"rolling"``.
    seed : int, default 0
        Seeds the models that draw at random (the boosted trees' subsamples, the network's weights).

    Returns
    -------
    Forecasts
        The out-of-sample forecasts beside what happened, dated at the close they were made.

    Raises
    ------
    ValueError
        On bad data, an unknown model or window, or windows the data cannot fill.

    Examples
    --------
    >>> from rut_edu import data
    >>> bars = data.load_russell2000_daily()
    >>> f = walk_forward(forecast_features(bars), forecast_target(bars["close"]), model="always up")
    >>> bool((f.predicted > 0).all())
    True
    """
    return _walk_forward(features, target, model=model, horizon=horizon, first_train=first_train,
                         refit_every=refit_every, window=window, seed=seed)


def _fit_key(model: str, seed: int, train_x: np.ndarray, train_y: np.ndarray) -> str:
    """What a fitted model is a function of: the model, its seed, the library versions and the exact training days
    (features and targets, bit for bit). Two fits with the same key are the same fit."""
    import sklearn

    digest = hashlib.sha256(repr((GRID_VERSION, model, seed, sklearn.__version__, np.__version__,
                                  np.shape(train_x))).encode())
    digest.update(np.ascontiguousarray(train_x, dtype=float).tobytes())
    digest.update(np.ascontiguousarray(train_y, dtype=float).tobytes())
    return digest.hexdigest()


def _row_keys(rows: np.ndarray) -> np.ndarray:
    """A 64-bit fingerprint of each feature row: a fitted model's forecast is a function of the row alone."""
    rows = np.ascontiguousarray(rows, dtype=float)
    return np.array([int.from_bytes(hashlib.blake2b(row.tobytes(), digest_size=8).digest(), "little") for row in rows],
                    dtype=np.uint64)


def _walk_forward(features: pd.DataFrame, target: pd.Series, *, model: str, horizon: int, first_train: int,
                  refit_every: int, window: str, seed: int,
                  known: dict[str, dict[int, float]] | None = None) -> Forecasts:
    """:func:`walk_forward`; a block whose fit and rows ``known`` holds (fit key -> row key -> forecast, from
    :func:`_stored_fits`) takes the stored forecasts instead of fitting again: the same fit on the same rows."""
    x, y = _aligned(features, target)
    name = validation.choice(model, "model", tuple(MODELS) + BASELINES)
    horizon = validation.whole_number(horizon, "horizon", minimum=1, maximum=20)
    first_train = validation.whole_number(first_train, "first_train", minimum=250, maximum=len(x) - horizon - 20)
    refit_every = validation.whole_number(refit_every, "refit_every", minimum=20)
    window = validation.choice(window, "window", ("expanding", "rolling"))
    seed = validation.whole_number(seed, "seed", minimum=0)
    if name == "last return's sign" and LAST_RETURN not in x.columns:
        raise ValueError(f"the \"last return's sign\" baseline reads the feature {LAST_RETURN!r}, "
                         f"which features lack (columns: {list(x.columns)})")
    last_return = x.columns.get_loc(LAST_RETURN) if LAST_RETURN in x.columns else -1
    gap = horizon - 1
    xs, ys = x.to_numpy(), y.to_numpy()
    predictions = np.full(len(ys), np.nan)
    for start, end, days in _blocks(len(ys), first_train, refit_every, gap, window):
        train_x, train_y = xs[days], ys[days]
        if name == "random walk":
            predictions[start:end] = 0.0
        elif name == "historical mean":
            # refreshed daily: the targets known at each test day's close (Campbell and Thompson's mean)
            predictions[start:end] = _running_means(ys, start, end, gap, window, first_train)
        elif name == "last return's sign":
            # the sign of today's return (known at the close), scaled by the training mean size of a move
            predictions[start:end] = np.sign(xs[start:end, last_return]) * np.abs(train_y).mean()
        elif name == "always up":
            predictions[start:end] = np.abs(train_y).mean()
        else:
            stored = known.get(_fit_key(name, seed, train_x, train_y)) if known else None
            if stored is not None:
                reused = [stored.get(int(row)) for row in _row_keys(xs[start:end])]
                if None not in reused:
                    predictions[start:end] = reused
                    continue
            import warnings

            with warnings.catch_warnings():
                # a network that stops at its iteration limit still gives forecasts; they are judged below
                warnings.filterwarnings("ignore", message="Stochastic Optimizer")
                # returns are fitted in per cent: daily log returns near 0.01 are too small for the network's scale
                fitted = MODELS[name].build(seed).fit(train_x, 100 * train_y)
            predictions[start:end] = fitted.predict(xs[start:end]) / 100
    tested = ~np.isnan(predictions)
    return Forecasts(name, pd.Series(predictions[tested], index=y.index[tested], name=name),
                     y[tested].rename("actual"), horizon)


# ---------------------------------------------------------------------------------------------- the grid, cached
# The chapter and its widget compare every model on every feature set, honestly and with the centred-average leak.
SCHEMES = ("honest walk-forward", "leaky: a centred average among the features")
# Fitting the grid takes half a minute, so its forecasts ship with the package, keyed on what makes them: the
# grid's version, the prices, the settings and the library versions. A change to any of these misses the cache;
# then only the fits it does not hold are made (nothing is written unless asked): new data (a later vintage, a
# refresh) leave the earlier training days as they were, and a fit on the same days predicts the same rows alike,
# so each forecast is stored with the fit that made it and its row. Editing a docstring or a comment changes nothing.
GRID_CACHE = Path(__file__).resolve().parent / "data" / "cache" / "walk_forward_grid.npz"
# Raise it with any change to what the grid fits (the features, the models, the walk-forward schedule, the
# schemes), then refresh the file: python -m rut_edu.forecasting. A change made without it is caught by
# tests/unit/test_forecasting.py, which compares the shipped forecasts of every feature set with a fresh fit.
GRID_VERSION = 3
# The walk-forward settings of every grid cell (walk_forward's defaults but refit_every, which the grid takes).
GRID_WALK = {"horizon": 1, "first_train": 2000, "window": "expanding", "seed": 0}


def _grid_key(bars: pd.DataFrame, refit_every: int) -> str:
    import sklearn

    digest = hashlib.sha256()
    digest.update(repr((GRID_VERSION, FEATURE_SETS, tuple(MODELS), SCHEMES, GRID_WALK, refit_every,
                        sklearn.__version__, np.__version__)).encode())
    digest.update(np.ascontiguousarray(bars.index.to_numpy().astype("datetime64[ns]")).tobytes())
    digest.update(np.ascontiguousarray(bars[list(technicals.OHLC)].to_numpy(dtype=float)).tobytes())
    return digest.hexdigest()


def grid_cache_path() -> Path:
    """Where the grid's forecasts are cached for the data in use.

    :data:`GRID_CACHE` for the shipped data, and ``cache/walk_forward_grid.npz`` inside a vintage's own folder
    (``RUT_EDU_DATA_DIR``), so that a vintage's refit never overwrites the shipped forecasts, and each vintage
    keeps its own.

    Returns
    -------
    pathlib.Path
        The cache file (it may not exist yet).

    Raises
    ------
    DataIntegrityError
        When ``RUT_EDU_DATA_DIR`` names a folder that does not exist.

    Examples
    --------
    >>> grid_cache_path() == GRID_CACHE  # the shipped data
    True
    """
    folder = data.data_dir().resolve()
    return GRID_CACHE if folder == data.DATA_DIR.resolve() else folder / "cache" / GRID_CACHE.name


def _load_grid(key: str) -> dict[tuple[str, str, str], pd.Series] | None:
    cache = grid_cache_path()
    if not cache.is_file():
        return None
    with np.load(cache, allow_pickle=False) as stored:
        if str(stored["key"]) != key:
            return None
        combos = [tuple(row) for row in stored["combos"].tolist()]
        return {combo: pd.Series(stored[f"values_{k}"], index=pd.DatetimeIndex(stored[f"dates_{k}"]), name=combo[0])
                for k, combo in enumerate(combos)}


def scheme_features(bars: pd.DataFrame) -> dict[str, tuple[pd.DataFrame, list[str]]]:
    """Each scheme's feature table and the columns it adds to every feature set (the leak, or none).

    Parameters
    ----------
    bars : pandas.DataFrame
        Daily price bars, at least 60.

    Returns
    -------
    dict
        ``scheme -> (features, extra columns)``: the honest features with no extra column, and the
        features joined with :func:`centred_average` with ``["centred_average"]``.

    Raises
    ------
    ValueError
        On bad bars.

    Examples
    --------
    >>> from rut_edu import data
    >>> tables = scheme_features(data.load_russell2000_daily().iloc[:200])
    >>> [extra for _, extra in tables.values()]
    [[], ['centred_average']]
    """
    frame = technicals.ohlc_frame(bars, minimum=60)
    features = forecast_features(frame)
    leaky = features.join(centred_average(frame["close"]), how="inner")
    return {SCHEMES[0]: (features, []), SCHEMES[1]: (leaky, ["centred_average"])}


def walk_forward_grid(bars: pd.DataFrame, *, refit_every: int = 1000, use_cache: bool = True) -> dict:
    """:func:`walk_forward` for every model, feature set and scheme, one-day target, from the shipped cache if it fits.

    Parameters
    ----------
    bars : pandas.DataFrame
        Daily price bars, ten years or more.
    refit_every : int, default 1000
        Test days between refits.
    use_cache : bool, default True
        Read the forecasts from the cache of the data in use (:func:`grid_cache_path`) when its key matches
        :data:`GRID_VERSION`, the bars, the settings and the versions of scikit-learn and numpy. Otherwise fit
        only what the caches (the shipped one and the data's own) do not hold: a block of days whose model
        would be fitted on exactly the stored training days, and whose feature rows are stored, takes the
        stored forecasts (the same fit on the same rows gives the same numbers). When False, fit every model.

    Returns
    -------
    dict
        ``(model, feature set, scheme)`` to :class:`Forecasts`.

    Raises
    ------
    ValueError
        On bad bars or settings.

    Examples
    --------
    >>> from rut_edu import data
    >>> grid = walk_forward_grid(data.load_russell2000_daily())
    >>> len(grid), grid["ridge regression", "past returns", SCHEMES[0]].horizon
    (12, 1)
    """
    frame = technicals.ohlc_frame(bars, minimum=2520)
    refit_every = validation.whole_number(refit_every, "refit_every", minimum=20)
    use_cache = validation.flag(use_cache, "use_cache")
    target = forecast_target(frame["close"], horizon=1)
    stored = _load_grid(_grid_key(frame, refit_every)) if use_cache else None
    known = _stored_fits() if use_cache and stored is None else None
    grid = {}
    for scheme, (table, extra) in scheme_features(frame).items():
        for set_name, columns in FEATURE_SETS.items():
            for model in MODELS:
                key = (model, set_name, scheme)
                if stored is not None:
                    predicted = stored[key]
                    predicted.index = predicted.index.as_unit(target.index.unit).rename(target.index.name)
                    grid[key] = Forecasts(model, predicted, target.loc[predicted.index].rename("actual"), 1)
                else:
                    grid[key] = _walk_forward(table[columns + extra], target, model=model, refit_every=refit_every,
                                              known=known, **GRID_WALK)
    return grid


def _grid_fits(table: pd.DataFrame, target: pd.Series, model: str, refit_every: int) -> tuple[np.ndarray, np.ndarray]:
    """For each forecast of one grid cell: the key of the fit that made it and the key of its feature row."""
    x, y = _aligned(table, target)
    xs, ys = x.to_numpy(), y.to_numpy()
    fits, rows = [], []
    for start, end, days in _blocks(len(ys), GRID_WALK["first_train"], refit_every, GRID_WALK["horizon"] - 1,
                                    GRID_WALK["window"]):
        fits += [_fit_key(model, GRID_WALK["seed"], xs[days], ys[days])] * (end - start)
        rows.append(_row_keys(xs[start:end]))
    return np.array(fits), np.concatenate(rows)


def _stored_fits() -> dict[str, dict[int, float]]:
    """Every stored forecast by the fit that made it and its feature row, from the shipped cache and the data's own."""
    known: dict[str, dict[int, float]] = {}
    for cache in dict.fromkeys([GRID_CACHE, grid_cache_path()]):
        if not cache.is_file():
            continue
        with np.load(cache, allow_pickle=False) as stored:
            for k in range(len(stored["combos"])):
                if f"fits_{k}" not in stored:  # written before fits were recorded
                    continue
                for fit, row, value in zip(stored[f"fits_{k}"].tolist(), stored[f"rows_{k}"].tolist(),
                                           stored[f"values_{k}"].tolist()):
                    known.setdefault(fit, {})[row] = value
    return known


def save_grid_cache(bars: pd.DataFrame, *, refit_every: int = 1000, path: Path | None = None) -> Path:
    """Fit the grid afresh and store its forecasts with their key (run after changing the models or the data).

    Parameters
    ----------
    bars : pandas.DataFrame
        The shipped Russell 2000 bars.
    refit_every : int, default 1000
        Trading days between refits, as :func:`walk_forward_grid` takes it.
    path : pathlib.Path, optional
        Where to write; by default the cache of the data in use (:func:`grid_cache_path`): the shipped file, or
        the one in the folder ``RUT_EDU_DATA_DIR`` names.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ValueError
        On bad bars or settings.

    Examples
    --------
    Half a minute of fitting; run it as ``python -m rut_edu.forecasting``:

    >>> save_grid_cache()  # doctest: +SKIP
    """
    frame = technicals.ohlc_frame(bars, minimum=2520)
    grid = walk_forward_grid(frame, refit_every=refit_every, use_cache=False)
    target = Path(path) if path is not None else grid_cache_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    arrays = {"key": np.array(_grid_key(frame, refit_every)), "combos": np.array([list(k) for k in grid])}
    tables, target_returns = scheme_features(frame), forecast_target(frame["close"], horizon=1)
    for k, ((model, set_name, scheme), forecasts) in enumerate(grid.items()):
        arrays[f"dates_{k}"] = forecasts.predicted.index.to_numpy().astype("datetime64[ns]")
        arrays[f"values_{k}"] = forecasts.predicted.to_numpy()
        # which fit made each forecast, from which row: another vintage reuses a forecast only where both match
        table, extra = tables[scheme]
        arrays[f"fits_{k}"], arrays[f"rows_{k}"] = _grid_fits(table[FEATURE_SETS[set_name] + extra], target_returns,
                                                              model, refit_every)
    np.savez_compressed(target, **arrays)
    return target


# ---------------------------------------------------------------------------------------------- judging
class DieboldMariano(NamedTuple):
    """A Diebold-Mariano test's result: negative ``statistic`` favours forecast A; ``p_value`` is two-sided."""

    statistic: float
    p_value: float


def diebold_mariano(errors_a, errors_b, *, horizon: int = 1) -> DieboldMariano:
    """Diebold-Mariano test of equal squared-error accuracy, with Harvey, Leybourne and Newbold's correction.

    ``d_t = e_a,t^2 - e_b,t^2``; its mean over a HAC variance with ``horizon - 1`` autocovariances,
    multiplied by ``sqrt((n + 1 - 2h + h(h - 1)/n) / n)``, compared with Student's t on ``n - 1``
    degrees of freedom. A negative statistic means forecast A had the smaller errors.

    Parameters
    ----------
    errors_a, errors_b : sequence of float
        Forecast errors on the same days, at least 30.
    horizon : int, default 1
        Days each forecast looks ahead; overlapping errors are allowed for up to ``horizon - 1`` lags.

    Returns
    -------
    DieboldMariano
        The statistic and the two-sided p-value. The p-value does not say which forecast is better:
        read it with the statistic's sign (a small p-value with a positive statistic means A is worse).

    Raises
    ------
    ValueError
        On NaN or infinite errors, different lengths, too few errors, or identical losses.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> noise = rng.normal(0, 1, 500)
    >>> stat, p = diebold_mariano(noise * 0.5, noise, horizon=1)
    >>> stat < 0 and p < 0.001
    True
    """
    a = validation.finite_values(errors_a, "errors_a", minimum=30)
    b = validation.finite_values(errors_b, "errors_b", minimum=30)
    if len(a) != len(b):
        raise ValueError(f"errors_a and errors_b differ in length ({len(a)} and {len(b)})")
    h = validation.whole_number(horizon, "horizon", minimum=1, maximum=len(a) // 3)
    d = a**2 - b**2
    validation.varies(d, "the loss difference")
    n = len(d)
    centred = d - d.mean()
    variance = centred @ centred / n
    for lag in range(1, h):
        variance += 2 * (centred[lag:] @ centred[:-lag]) / n
    if variance <= 0:
        raise ValueError("the long-run variance of the loss difference is not positive; use a smaller horizon")
    statistic = d.mean() / math.sqrt(variance / n)
    statistic *= math.sqrt((n + 1 - 2 * h + h * (h - 1) / n) / n)
    from scipy import stats

    return DieboldMariano(float(statistic), float(2 * stats.t.sf(abs(statistic), df=n - 1)))


@dataclasses.dataclass(frozen=True)
class Evaluation:
    """How a set of forecasts did, beside the naive benchmarks."""

    name: str
    days: int
    effective_days: float  # days / horizon: overlapping h-day targets carry about as much as days / h separate ones
    hit_rate: float  # share of days whose direction was called right; zero calls "not up" (calls_up)
    hit_rate_low: float  # 95% Wilson interval on the effective count of days
    hit_rate_high: float
    base_rate: float  # share of up days in the test period
    mse_ratio: float  # the model's mean squared error over the random walk's (below 1 is better)
    r2_vs_mean: float  # out-of-sample R squared against the daily-refreshed historical mean (Campbell-Thompson)
    dm_statistic: float  # against the random walk; negative favours the model
    dm_p_value: float

    def to_series(self) -> pd.Series:
        """Every score by its field name (labels for a page: :func:`rut_edu.reporting.labelled`)."""
        return pd.Series({"test_days": float(self.days), "effective_days": self.effective_days,
                          "hit_rate": self.hit_rate, "hit_rate_low": self.hit_rate_low,
                          "hit_rate_high": self.hit_rate_high, "base_rate": self.base_rate, "mse_ratio": self.mse_ratio,
                          "r2_vs_mean": self.r2_vs_mean, "dm_statistic": self.dm_statistic,
                          "dm_p_value": self.dm_p_value}, name=self.name)


def evaluate(forecasts: Forecasts, benchmark: Forecasts) -> Evaluation:
    """Score forecasts against the random walk and the historical mean.

    The scores: the hit rate with its interval and the base rate, the MSE against the random walk's, the
    out-of-sample R squared against ``benchmark`` (the historical mean), and a Diebold-Mariano test against the
    random walk.

    The hit rate's 95% interval is Wilson's on the effective number of days, ``days / horizon``: neighbouring
    h-day targets share h - 1 days, so n overlapping targets are not n independent draws and an interval over
    all n would be about sqrt(h) too narrow. (The Diebold-Mariano variance allows for the same overlap through
    its first h - 1 autocovariances.) For one-day forecasts the effective count is the count of days.

    Parameters
    ----------
    forecasts, benchmark : Forecasts
        On the same test days (from :func:`walk_forward` with the same data and settings).

    Returns
    -------
    Evaluation
        The scores, one field each, named after the forecasts.

    Raises
    ------
    ValueError
        If the two cover different days, or the forecasts are not Forecasts.

    Examples
    --------
    >>> from rut_edu import data
    >>> bars = data.load_russell2000_daily()
    >>> x, y = forecast_features(bars), forecast_target(bars["close"])
    >>> result = evaluate(walk_forward(x, y, model="always up"), walk_forward(x, y, model="historical mean"))
    >>> result.hit_rate == result.base_rate
    True
    >>> week = evaluate(walk_forward(x, forecast_target(bars["close"], horizon=5), model="always up", horizon=5),
    ...                 walk_forward(x, forecast_target(bars["close"], horizon=5), model="historical mean", horizon=5))
    >>> week.effective_days == week.days / 5
    True
    """
    if not isinstance(forecasts, Forecasts) or not isinstance(benchmark, Forecasts):
        raise ValueError("forecasts and benchmark must both be Forecasts (see walk_forward)")
    if not forecasts.actual.index.equals(benchmark.actual.index):
        raise ValueError("forecasts and benchmark cover different test days")
    from statsmodels.stats.proportion import proportion_confint

    actual, predicted = forecasts.actual.to_numpy(), forecasts.predicted.to_numpy()
    hits = int(np.sum(calls_up(predicted) == (actual > 0)))
    effective = len(actual) / forecasts.horizon
    low, high = proportion_confint(hits / len(actual) * effective, effective, alpha=0.05, method="wilson")
    model_errors = actual - predicted
    walk_errors = actual
    mean_errors = actual - benchmark.predicted.to_numpy()
    statistic, p_value = diebold_mariano(model_errors, walk_errors, horizon=forecasts.horizon) \
        if np.any(model_errors != walk_errors) else (0.0, 1.0)
    return Evaluation(forecasts.name, len(actual), effective, hits / len(actual), float(low), float(high),
                      float(np.mean(actual > 0)), float(np.mean(model_errors**2) / np.mean(walk_errors**2)),
                      float(1 - np.sum(model_errors**2) / np.sum(mean_errors**2)), statistic, p_value)


@dataclasses.dataclass(frozen=True)
class TradedForecasts:
    """The backtest of a forecast-driven strategy: its performance and its equity beside buying and holding."""

    performance: backtest.Performance
    equity: pd.Series
    buy_and_hold: pd.Series  # the same starting equity invested in the price index (no dividends), no costs


def trade_forecasts(bars: pd.DataFrame, forecasts: Forecasts, *, costs: backtest.Costs = backtest.Costs(),
                    cash_interest: pd.Series | None = None) -> TradedForecasts:
    """Trade the forecasts with :func:`rut_edu.backtest.run_close_to_close`.

    The index is held from one close to the next whenever the forecast for that day is up, fully invested,
    paying ``costs`` when the position changes.

    The forecasts predict close-to-close returns from features that use the day's close, high, low
    and ATR, so they exist only once the day has closed: the trade assumes an order filled at that
    same close (in practice a market-on-close order sent with a forecast from prices seconds
    before the close, an approximation in the forecasts' favour). There is no stop and no target:
    a position is held while the forecast stays up, and a run of up days is one trade. Its
    position is closed at the last close. Out of the market the money is cash, earning ``cash_interest``.

    Parameters
    ----------
    bars : pandas.DataFrame
        Daily bars covering the forecasts' days.
    forecasts : Forecasts
        One-day-horizon forecasts.
    costs : backtest.Costs
        Commission, spread and slippage charged on each change of position.
    cash_interest : pandas.Series, optional
        What cash earns into each close (:func:`rut_edu.backtest.bill_interest`), on dates that include every
        traded day; without it, nothing.

    Returns
    -------
    TradedForecasts
        The performance, the daily equity and the buy-and-hold equity over the same days.

    Raises
    ------
    ValueError
        On a horizon other than one day, bad bars, fewer than 20 common days, or a cash interest that misses a
        traded day.

    Examples
    --------
    >>> from rut_edu import data
    >>> bars = data.load_russell2000_daily()
    >>> up = walk_forward(forecast_features(bars), forecast_target(bars["close"]), model="always up")
    >>> traded = trade_forecasts(bars.loc["2020"], up, costs=backtest.Costs(commission_bps=0, spread_bps=0, slippage_bps=0))
    >>> bool(np.allclose(traded.equity, traded.buy_and_hold, rtol=1e-12))
    True
    """
    if not isinstance(forecasts, Forecasts) or forecasts.horizon != 1:
        raise ValueError("trade_forecasts needs one-day forecasts (walk_forward with horizon=1)")
    frame = technicals.ohlc_frame(bars, minimum=20)
    validation.same_time_zone(frame.index, forecasts.predicted.index, ("bars", "forecasts"))
    days = frame.index.intersection(forecasts.predicted.index)
    if len(days) < 20:
        raise ValueError(f"the bars and the forecasts share only {len(days)} days; at least 20 are needed")
    frame = frame.loc[days[0]:days[-1]]
    positions = (forecasts.predicted.reindex(frame.index) > 0).fillna(False).astype(bool)
    if cash_interest is not None:
        if not isinstance(cash_interest, pd.Series) or not frame.index.isin(cash_interest.index).all():
            raise ValueError("cash_interest must be a Series on dates that include every traded day "
                             "(see backtest.bill_interest)")
        cash_interest = cash_interest.loc[frame.index]
    result = backtest.run_close_to_close(frame["close"], positions, costs=costs, cash_interest=cash_interest)
    hold = backtest.buy_and_hold(frame["close"], initial_equity=result.initial_equity)
    return TradedForecasts(backtest.performance(result, frame), result.equity, hold)


# ---------------------------------------------------------------------------------------------- the classic mistakes
MISTAKES = ("scaled on the whole sample", "shuffled split", "centred moving average")


@dataclasses.dataclass(frozen=True)
class PreparedForecasts:
    """Every combination's forecasts, evaluation and trading result, computed once for the widget."""

    forecasts: dict[tuple[str, str, str], Forecasts]
    evaluations: dict[tuple[str, str, str], Evaluation]
    trading: dict[tuple[str, str, str], TradedForecasts]


def prepare_forecasts(bars: pd.DataFrame, *, trade_from: str = "2007-01-01", refit_every: int = 1000,
                      costs: backtest.Costs = backtest.Costs(),
                      cash_interest: pd.Series | None = None) -> PreparedForecasts:
    """Every forecast of :func:`walk_forward_grid`, scored (:func:`evaluate`) and traded (:func:`trade_forecasts`).

    Scores are against the historical mean on the same test days; trading starts at ``trade_from``.

    Parameters
    ----------
    bars : pandas.DataFrame
        Daily bars, as for :func:`walk_forward_grid`.
    trade_from : str, default "2007-01-01"
        The first day traded, a date inside the bars.
    refit_every : int, default 1000
        Days between refits, as for :func:`walk_forward_grid`.
    costs : backtest.Costs
        Trading costs.
    cash_interest : pandas.Series, optional
        What cash earns into each close, on dates that include every traded day (see :func:`trade_forecasts`).

    Returns
    -------
    PreparedForecasts
        Every forecast, its scores and its traded performance, by model, feature set and scheme.

    Raises
    ------
    ValueError
        On bad bars, a date that is not a date or falls outside the bars, or a bad refit interval.

    Examples
    --------
    >>> from rut_edu import data
    >>> prepared = prepare_forecasts(data.load_russell2000_daily())  # the shipped grid: no refit
    >>> key = ("ridge regression", "past returns", SCHEMES[0])
    >>> 0.4 < prepared.evaluations[key].hit_rate < 0.6
    True
    """
    start = validation.date(trade_from, "trade_from")
    if not isinstance(bars, pd.DataFrame) or bars.empty:
        raise ValueError("bars must be a non-empty DataFrame of daily bars")
    if isinstance(bars.index, pd.DatetimeIndex) and not bars.index[0] <= start <= bars.index[-1]:
        raise ValueError(f"trade_from {start:%Y-%m-%d} lies outside the bars "
                         f"({bars.index[0]:%Y-%m-%d} to {bars.index[-1]:%Y-%m-%d})")
    grid = walk_forward_grid(bars, refit_every=refit_every)
    target = forecast_target(bars["close"], horizon=1)
    tables = scheme_features(bars)
    evaluations, trading, means = {}, {}, {}
    for (model, set_name, scheme), forecasts in grid.items():
        if (set_name, scheme) not in means:  # the benchmark for R squared, on the same test days
            table, extra = tables[scheme]
            means[set_name, scheme] = walk_forward(table[FEATURE_SETS[set_name] + extra],
                                                               target, model="historical mean", refit_every=refit_every)
        evaluations[model, set_name, scheme] = evaluate(forecasts, means[set_name, scheme])
        trading[model, set_name, scheme] = trade_forecasts(bars.loc[start:], forecasts, costs=costs,
                                                           cash_interest=cash_interest)
    return PreparedForecasts(grid, evaluations, trading)


def leaky_hit_rate(bars: pd.DataFrame, *, mistake: str, seed: int = 0) -> float:
    """The hit rate a ridge regression seems to reach when the test is built with one classic mistake.

    ``"scaled on the whole sample"``: features standardised with the whole sample's mean and
    spread before a walk-forward test (a mild leak). ``"shuffled split"``: five-week targets
    split into training and test days at random, so overlapping targets sit on both sides.
    ``"centred moving average"``: a five-day average centred on each day added as a feature, so it
    contains the next two closes. Compare with :func:`walk_forward` on the honest setup.

    Parameters
    ----------
    bars : pandas.DataFrame
        Daily price bars, at least 2,520 (ten years).
    mistake : str
        One of :data:`MISTAKES`.
    seed : int, default 0
        Seeds the random test days of the ``shuffled split`` mistake and the models, so the result repeats.

    Returns
    -------
    float
        The hit rate on the (leaky) test days.

    Raises
    ------
    ValueError
        On bad bars or an unknown mistake.

    Examples
    --------
    >>> from rut_edu import data
    >>> leaky_hit_rate(data.load_russell2000_daily(), mistake="centred moving average") > 0.6
    True
    """
    mistake = validation.choice(mistake, "mistake", MISTAKES)
    seed = validation.whole_number(seed, "seed", minimum=0)
    # the walk-forward variants train on 2,000 days before testing: ten years of bars at least
    frame = technicals.ohlc_frame(bars, minimum=2520)
    features = forecast_features(frame)
    if mistake == "scaled on the whole sample":
        scaled = (features - features.mean()) / features.std()
        target = forecast_target(frame["close"], horizon=1)
        from sklearn.linear_model import Ridge

        x, y = _aligned(scaled, target)
        # walk_forward's ridge scales inside its pipeline on the training days, which would undo the leak:
        # this loop fits the same ridge on features already scaled with the whole sample
        predictions = []
        for start, end in _schedule(len(y), 2000, 500, 0):
            fitted = Ridge(alpha=10.0).fit(x.iloc[:start], y.iloc[:start])
            predictions.append(pd.Series(fitted.predict(x.iloc[start:end]), index=y.index[start:end]))
        predicted = pd.concat(predictions)
        return float(np.mean((predicted > 0) == (y.loc[predicted.index] > 0)))
    if mistake == "shuffled split":
        target = forecast_target(frame["close"], horizon=5)
        x, y = _aligned(features, target)
        rng = np.random.default_rng(seed)
        test = rng.random(len(y)) < 0.2
        model = _boosting(seed).fit(x.to_numpy()[~test], y.to_numpy()[~test])
        predicted = model.predict(x.to_numpy()[test])
        return float(np.mean((predicted > 0) == (y.to_numpy()[test] > 0)))
    leaky = features.join(centred_average(frame["close"]), how="inner")
    forecasts = walk_forward(leaky, forecast_target(frame["close"], horizon=1), model="ridge regression", seed=seed)
    return float(np.mean((forecasts.predicted > 0) == (forecasts.actual > 0)))


if __name__ == "__main__":  # python -m rut_edu.forecasting: refresh the shipped cache of the grid's forecasts
    from rut_edu import data

    print("written:", save_grid_cache(data.load_russell2000_daily()))
