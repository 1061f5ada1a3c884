"""Interest rates: r-star, the real policy rate, the Taylor rule, and what rates do to small caps.

Pure computation (no matplotlib, no ipywidgets); statsmodels is imported only by the two
functions that fit a model. Conventions:

* rates and inflation in percent per year (3.5 is 3.5%), as the Federal Reserve publishes them;
* quarterly series are dated on the first day of the quarter (1 January, 1 April, 1 July,
  1 October), as the New York Fed's Laubach-Williams file dates them;
* inflation over the past year is the four-quarter (or twelve-month) percent change of a price
  index, and the measure is always named: core PCE (``pcepilfe``) or CPI (``cpiaucsl``);
* the ex-post real rate is the nominal rate minus inflation over the past year; the stance gap
  is the real rate minus r-star (positive: policy is tighter than neutral).

Two series are combined only on identical calendars; :func:`align` builds one from several
series and refuses gaps, so a missing quarter is an error rather than a silent hole.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import numpy as np
import pandas as pd

from rut_edu import data, periods, risk, validation

INFLATION_MEASURES = {"core PCE": "pcepilfe", "CPI": "cpiaucsl"}
# Months a publisher never released, with the reason. A series is used only up to the month before;
# any other gap is an error.
KNOWN_GAPS = {"cpiaucsl": ("2025-10-01", "the October 2025 CPI was not collected during the federal shutdown")}
QUARTER_START_MONTHS = (1, 4, 7, 10)


# ---------------------------------------------------------------------------------------------- calendars
def _dated(values, name: str, minimum: int = 2) -> pd.Series:
    series = validation.series(values, name, minimum=minimum)
    if not isinstance(series.index, pd.DatetimeIndex):
        raise ValueError(f"{name} must be indexed by dates")
    return series


def _quarterly(values, name: str, minimum: int = 2) -> pd.Series:
    series = _dated(values, name, minimum)
    index = series.index
    if not (np.isin(index.month, QUARTER_START_MONTHS).all() and (index.day == 1).all()):
        bad = index[~(np.isin(index.month, QUARTER_START_MONTHS) & (index.day == 1))][0]
        raise ValueError(f"{name} is not on the quarterly calendar (first day of each quarter): "
                         f"{bad:%Y-%m-%d}; use rates.quarterly_average on monthly data first")
    expected = pd.date_range(index[0], index[-1], freq="QS")
    if len(expected) != len(index):
        missing = expected.difference(index)
        raise ValueError(f"{name} is missing {len(missing)} quarter(s), the first {missing[0]:%Y-%m-%d}")
    return series


def quarterly_average(monthly: pd.Series) -> pd.Series:
    """The average of each calendar quarter of a monthly series, dated on the quarter's first day.

    Only complete quarters (three monthly values) are kept at either end; a quarter with a
    missing month inside the sample is an error, not a shorter average.

    Parameters
    ----------
    monthly : pandas.Series
        Values dated on the first day of each month, without gaps, at least three.

    Returns
    -------
    pandas.Series

    Raises
    ------
    ValueError
        On NaN or infinite values, repeated or unsorted dates, dates that are not month starts,
        or a month missing inside the sample.

    Examples
    --------
    >>> months = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], index=pd.date_range("2024-01-01", periods=7, freq="MS"))
    >>> quarterly_average(months).to_dict()
    {Timestamp('2024-01-01 00:00:00'): 2.0, Timestamp('2024-04-01 00:00:00'): 5.0}
    """
    series = _dated(monthly, "monthly", minimum=3)
    if not (series.index.day == 1).all():
        raise ValueError("monthly values must be dated on the first day of each month")
    expected = pd.date_range(series.index[0], series.index[-1], freq="MS")
    if len(expected) != len(series):
        missing = expected.difference(series.index)
        raise ValueError(f"monthly is missing {len(missing)} month(s), the first {missing[0]:%Y-%m-%d}")
    zone = series.index.tz
    # quarters are read on the local calendar; the time zone is put back on the result (pandas would drop it)
    quarters = (series.index.tz_localize(None) if zone is not None else series.index).to_period("Q")
    grouped = series.groupby(quarters)
    complete = grouped.count() == 3
    averages = grouped.mean()[complete]
    if averages.empty:
        raise ValueError("monthly covers no complete quarter")
    starts = averages.index.to_timestamp(how="start")
    averages.index = starts.tz_localize(zone) if zone is not None else starts
    return averages.rename(series.name)


def inflation_rate(price_index: pd.Series, periods: int) -> pd.Series:
    """Percent change of a price index over ``periods`` observations: ``100 * (P_t / P_{t-periods} - 1)``.

    Parameters
    ----------
    price_index : pandas.Series
        Positive index values, dated, more than ``periods`` of them.
    periods : int
        4 for a year of quarters, 12 for a year of months; 1 or more.

    Returns
    -------
    pandas.Series
        Percent, the first ``periods`` dates dropped.

    Raises
    ------
    ValueError
        On bad values or dates, or ``periods`` not below the number of values.

    Examples
    --------
    >>> prices = pd.Series([100.0, 101.0, 102.0, 103.0, 104.0], index=pd.date_range("2024-01-01", periods=5, freq="QS"))
    >>> inflation_rate(prices, 4).round(10).tolist()
    [4.0]
    """
    prices = validation.series(price_index, "price_index", minimum=2, sign="positive", what="price index values")
    periods = validation.whole_number(periods, "periods", minimum=1, maximum=len(prices) - 1)
    return (100.0 * (prices / prices.shift(periods) - 1.0)).iloc[periods:].rename("inflation")


def align(series: Mapping[str, pd.Series]) -> pd.DataFrame:
    """Several quarterly series on their common quarters, as the columns of one DataFrame.

    Every series must be on the quarterly calendar without gaps; the result covers the
    quarters all of them share.

    Parameters
    ----------
    series : mapping of str to pandas.Series
        At least one named quarterly series.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    ValueError
        If a series is off the quarterly calendar, has a gap, mixes time zones with another,
        or the series share no quarter.

    Examples
    --------
    >>> a = pd.Series([1.0, 2.0, 3.0], index=pd.date_range("2024-01-01", periods=3, freq="QS"))
    >>> b = pd.Series([5.0, 6.0], index=pd.date_range("2024-04-01", periods=2, freq="QS"))
    >>> align({"a": a, "b": b}).to_dict("list")
    {'a': [2.0, 3.0], 'b': [5.0, 6.0]}
    """
    if not isinstance(series, Mapping) or not series:
        raise ValueError("series must be a non-empty mapping of names to quarterly Series")
    checked = {name: _quarterly(values, str(name), minimum=1) for name, values in series.items()}
    names = list(checked)
    for other in names[1:]:
        validation.same_time_zone(checked[names[0]].index, checked[other].index, (str(names[0]), str(other)))
    frame = pd.concat(checked, axis=1, join="inner")
    if frame.empty:
        raise ValueError(f"the series {names} share no quarter")
    return frame


def _same_calendar(a: pd.Series, b: pd.Series, names: tuple[str, str]) -> tuple[pd.Series, pd.Series]:
    a, b = _dated(a, names[0], minimum=1), _dated(b, names[1], minimum=1)
    validation.same_time_zone(a.index, b.index, names)
    if not a.index.equals(b.index):
        raise ValueError(f"{names[0]} and {names[1]} are on different calendars "
                         f"({a.index[0]:%Y-%m-%d}..{a.index[-1]:%Y-%m-%d}, {len(a)} dates against "
                         f"{b.index[0]:%Y-%m-%d}..{b.index[-1]:%Y-%m-%d}, {len(b)}); put them on one with rates.align")
    return a, b


def real_rate(nominal: pd.Series, inflation: pd.Series) -> pd.Series:
    """The ex-post real rate: the nominal rate minus inflation over the past year, in percent.

    Parameters
    ----------
    nominal, inflation : pandas.Series
        Percent per year, on the same calendar.

    Returns
    -------
    pandas.Series

    Raises
    ------
    ValueError
        On bad values or dates, or two different calendars.

    Examples
    --------
    >>> q = pd.date_range("2024-01-01", periods=2, freq="QS")
    >>> real_rate(pd.Series([5.33, 5.33], index=q), pd.Series([2.9, 2.6], index=q)).round(10).tolist()
    [2.43, 2.73]
    """
    nominal, inflation = _same_calendar(nominal, inflation, ("nominal", "inflation"))
    return (nominal - inflation).rename("real_rate")


def stance_gap(real: pd.Series, rstar: pd.Series) -> pd.Series:
    """The real policy rate minus r-star, in percentage points (positive: tighter than neutral).

    Parameters
    ----------
    real, rstar : pandas.Series
        Percent per year, on the same calendar.

    Returns
    -------
    pandas.Series

    Raises
    ------
    ValueError
        On bad values or dates, or two different calendars.

    Examples
    --------
    >>> q = pd.date_range("2024-01-01", periods=1, freq="QS")
    >>> stance_gap(pd.Series([2.43], index=q), pd.Series([1.3], index=q)).round(10).tolist()
    [1.13]
    """
    real, rstar = _same_calendar(real, rstar, ("real", "rstar"))
    return (real - rstar).rename("stance_gap")


# ---------------------------------------------------------------------------------------------- the Taylor rule
@dataclasses.dataclass(frozen=True)
class TaylorRule:
    """A Taylor-type rule: ``i = r* + pi + a (pi - pi*) + b (output gap)``, all in percent.

    ``rstar`` is a number (Taylor's 2%) or ``None`` to use a time-varying estimate.
    """

    label: str
    inflation_weight: float  # a
    gap_weight: float  # b
    inflation_target: float = 2.0  # pi*
    rstar: float | None = 2.0

    def __post_init__(self):
        validation.real_number(self.inflation_weight, "inflation_weight", low=0.0, high=5.0)
        validation.real_number(self.gap_weight, "gap_weight", low=0.0, high=5.0)
        validation.real_number(self.inflation_target, "inflation_target", low=-5.0, high=10.0)
        if self.rstar is not None:
            validation.real_number(self.rstar, "rstar", low=-5.0, high=10.0)


# One registry: each rule's label and parameters together.
TAYLOR_RULES = {rule.label: rule for rule in (
    TaylorRule("Taylor (1993)", 0.5, 0.5, 2.0, 2.0),
    TaylorRule("balanced approach", 0.5, 1.0, 2.0, 2.0),
    TaylorRule("Taylor (1993), Laubach-Williams r-star", 0.5, 0.5, 2.0, None),
)}


def taylor_rate(inflation, output_gap, rstar, inflation_target: float = 2.0, inflation_weight: float = 0.5,
                gap_weight: float = 0.5):
    """The policy rate a Taylor rule prescribes: ``r* + pi + a (pi - pi*) + b (gap)``, in percent.

    Taylor (1993) used ``r* = 2``, ``pi* = 2`` and ``a = b = 0.5``; the "balanced approach"
    sets ``b = 1``. Inputs may be numbers or Series on one calendar.

    Parameters
    ----------
    inflation : float or pandas.Series
        Inflation over the past four quarters, percent.
    output_gap : float or pandas.Series
        Real output's percent deviation from potential.
    rstar : float or pandas.Series
        The neutral real rate, percent.
    inflation_target : float, default 2
        Percent.
    inflation_weight, gap_weight : float, default 0.5
        Weights ``a`` and ``b``, 0 to 5.

    Returns
    -------
    float or pandas.Series
        A Series if any input is one.

    Raises
    ------
    ValueError
        On NaN or infinite input, negative weights, or Series on different calendars.

    Examples
    --------
    >>> taylor_rate(3.0, 1.0, 0.5)  # 0.5 + 3 + 0.5 * (3 - 2) + 0.5 * 1
    4.5
    """
    target = validation.real_number(inflation_target, "inflation_target", low=-5.0, high=10.0)
    a = validation.real_number(inflation_weight, "inflation_weight", low=0.0, high=5.0)
    b = validation.real_number(gap_weight, "gap_weight", low=0.0, high=5.0)
    inputs = {"inflation": inflation, "output_gap": output_gap, "rstar": rstar}
    series = {name: value for name, value in inputs.items() if isinstance(value, pd.Series)}
    numbers = {name: validation.real_number(value, name) for name, value in inputs.items() if name not in series}
    if series:
        names = list(series)
        checked = {names[0]: _dated(series[names[0]], names[0], minimum=1)}
        for other in names[1:]:
            checked[names[0]], checked[other] = _same_calendar(checked[names[0]], series[other], (names[0], other))
        values = {**numbers, **checked}
    else:
        values = numbers
    pi = values["inflation"]
    implied = values["rstar"] + pi + a * (pi - target) + b * values["output_gap"]
    return implied.rename("taylor_rate") if isinstance(implied, pd.Series) else float(implied)


def taylor_path(rule: TaylorRule, quarters: pd.DataFrame, rstar_column: str = "rstar_onesided") -> pd.DataFrame:
    """A rule's implied rate over history beside the actual policy rate, and the gap (actual minus implied).

    Parameters
    ----------
    rule : TaylorRule
        For example ``TAYLOR_RULES["Taylor (1993)"]``.
    quarters : pandas.DataFrame
        Quarterly columns ``policy_rate``, ``inflation``, ``output_gap`` and, for a rule with a
        time-varying r-star, ``rstar_column`` (see :func:`quarterly_dataset`).
    rstar_column : str, default "rstar_onesided"
        The r-star column a time-varying rule uses.

    Returns
    -------
    pandas.DataFrame
        Columns ``implied``, ``actual`` and ``gap``.

    Raises
    ------
    ValueError
        If ``rule`` is not a TaylorRule or a needed column is missing or bad.

    Examples
    --------
    >>> q = pd.DataFrame({"policy_rate": [5.0], "inflation": [3.0], "output_gap": [1.0]},
    ...                  index=pd.DatetimeIndex(["2024-01-01"]))
    >>> taylor_path(TAYLOR_RULES["Taylor (1993)"], q).round(10).to_dict("records")
    [{'implied': 6.0, 'actual': 5.0, 'gap': -1.0}]
    """
    if not isinstance(rule, TaylorRule):
        raise ValueError(f"rule must be a rates.TaylorRule (see rates.TAYLOR_RULES), got {rule!r}")
    if not isinstance(quarters, pd.DataFrame):
        raise ValueError(f"quarters must be a DataFrame, got {type(quarters).__name__}")
    needed = ["policy_rate", "inflation", "output_gap"] + ([rstar_column] if rule.rstar is None else [])
    missing = [c for c in needed if c not in quarters.columns]
    if missing:
        raise ValueError(f"quarters lacks the column(s) {missing}")
    rstar = quarters[rstar_column] if rule.rstar is None else rule.rstar
    implied = taylor_rate(quarters["inflation"], quarters["output_gap"], rstar, rule.inflation_target,
                          rule.inflation_weight, rule.gap_weight)
    actual = _dated(quarters["policy_rate"], "policy_rate", minimum=1)
    return pd.DataFrame({"implied": implied, "actual": actual, "gap": actual - implied})


# ---------------------------------------------------------------------------------------------- the shipped data
def rstar_estimates() -> pd.DataFrame:
    """The New York Fed's Laubach-Williams estimates, quarterly, percent (data as of 28 August 2025).

    Columns ``rstar_onesided`` and ``rstar_twosided`` (the filtered, real-time estimate and the
    smoothed one that uses later data), ``trend_growth_*`` and ``output_gap_*``.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> round(float(rstar_estimates().loc["2025-04-01", "rstar_onesided"]), 3)
    1.373
    """
    frame = data.load_rstar()
    columns = [f"{part}_{side}" for part in ("rstar", "trend_growth", "output_gap") for side in ("onesided", "twosided")]
    return align({column: frame[column] for column in columns})


def policy_and_inflation(inflation_measure: str = "core PCE") -> pd.DataFrame:
    """The quarterly policy rate and inflation over the past year, from the shipped FRED series.

    ``policy_rate`` is the quarterly average of the monthly effective federal funds rate;
    ``inflation`` is the four-quarter percent change of the quarterly average price index
    (``inflation_measure``: ``"core PCE"`` or ``"CPI"``); ``real_rate`` is their difference.
    A series with a month its publisher never released (:data:`KNOWN_GAPS`) is used up to
    the month before it.

    Parameters
    ----------
    inflation_measure : str, default "core PCE"

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    ValueError
        On an unknown inflation measure.

    Examples
    --------
    >>> round(float(policy_and_inflation().loc["2024-01-01", "policy_rate"]), 2)
    5.33
    """
    measure = validation.choice(inflation_measure, "inflation_measure", tuple(INFLATION_MEASURES))
    series_id = INFLATION_MEASURES[measure]
    monthly_prices = data.load_fred(series_id)
    if series_id in KNOWN_GAPS:
        monthly_prices = monthly_prices.loc[:pd.Timestamp(KNOWN_GAPS[series_id][0]) - pd.Timedelta(days=1)]
    policy = quarterly_average(data.load_fred("fedfunds"))
    prices = quarterly_average(monthly_prices)
    frame = align({"policy_rate": policy, "inflation": inflation_rate(prices, 4)})
    frame["real_rate"] = real_rate(frame["policy_rate"], frame["inflation"])
    return frame


def quarterly_dataset(inflation_measure: str = "core PCE") -> pd.DataFrame:
    """Everything the r-star chapter uses on one quarterly calendar: policy, inflation, real rate, r-star, gaps.

    The policy rate and inflation (:func:`policy_and_inflation`) joined to the
    Laubach-Williams estimates (:func:`rstar_estimates`) on the quarters both cover; the
    ``output_gap`` column is the one-sided (real-time) estimate, and ``stance_gap`` is the real
    rate minus the one-sided r-star.

    Parameters
    ----------
    inflation_measure : str, default "core PCE"

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    ValueError
        On an unknown inflation measure.

    Examples
    --------
    >>> frame = quarterly_dataset()
    >>> str(frame.index[0].date()), str(frame.index[-1].date())
    ('1961-01-01', '2025-04-01')
    """
    rates = policy_and_inflation(inflation_measure)
    estimates = rstar_estimates()
    frame = align({**{c: rates[c] for c in rates}, **{c: estimates[c] for c in estimates}})
    frame["output_gap"] = frame["output_gap_onesided"]
    frame["stance_gap"] = stance_gap(frame["real_rate"], frame["rstar_onesided"])
    return frame


# ---------------------------------------------------------------------------------------------- a state-space trend
@dataclasses.dataclass(frozen=True)
class LocalLevelFit:
    """A local-level model of a rate: ``y_t = mu_t + e_t``, ``mu_t = mu_{t-1} + w_t``."""

    filtered: pd.Series  # one-sided: uses data up to each quarter
    smoothed: pd.Series  # two-sided: uses the whole sample
    level_variance: float  # variance of w (how fast the trend may move), per quarter
    irregular_variance: float  # variance of e (noise around the trend)
    level_variance_fixed: bool
    log_likelihood: float

    def to_series(self) -> pd.Series:
        return pd.Series({"level variance": self.level_variance, "irregular variance": self.irregular_variance,
                          "log-likelihood": self.log_likelihood},
                         name="local level, fixed smoothness" if self.level_variance_fixed else "local level, ML")


def local_level_trend(rate: pd.Series, level_variance: float | None = None) -> LocalLevelFit:
    """The slow-moving trend of a rate, from a local-level model fitted with statsmodels' Kalman filter.

    The model treats the rate as a random-walk trend plus noise. With ``level_variance=None``
    both variances are estimated by maximum likelihood; a number fixes how fast the trend may
    move (a smoothness choice, as Laubach and Williams fix theirs) and estimates only the noise.
    It leaves out what makes r-star an r-star: the output gap and trend growth equations.

    Parameters
    ----------
    rate : pandas.Series
        Quarterly (or other regular) values in percent, at least 20.
    level_variance : float or None, default None
        Variance of the trend's quarterly step, above 0 and at most 10; None to estimate it.

    Returns
    -------
    LocalLevelFit

    Raises
    ------
    ValueError
        On bad values or dates, too few values, a rate that does not vary, or a variance out of range.

    Examples
    --------
    >>> noise = np.random.default_rng(0).normal(0, 0.5, 80)
    >>> fit = local_level_trend(pd.Series(2.0 + noise), level_variance=0.01)
    >>> abs(float(fit.smoothed.mean()) - 2.0) < 0.2
    True
    """
    series = validation.series(rate, "rate", minimum=20)
    validation.varies(series, "rate")
    fixed = level_variance is not None
    if fixed:
        level_variance = validation.real_number(level_variance, "level_variance", low=0.0, low_open=True, high=10.0)
    import warnings

    from statsmodels.tsa.statespace.structural import UnobservedComponents

    model = UnobservedComponents(series.to_numpy(), level="local level")
    with warnings.catch_warnings():
        # The optimiser's convergence chatter is not a result; a failed fit raises below.
        warnings.simplefilter("ignore")
        if fixed:
            with model.fix_params({"sigma2.level": level_variance}):
                result = model.fit(disp=False)
        else:
            result = model.fit(disp=False)
    params = dict(zip(model.param_names, np.asarray(result.params, dtype=float)))
    if not np.isfinite(result.llf):
        raise ValueError("the local-level model could not be fitted to this rate")
    return LocalLevelFit(
        pd.Series(result.filtered_state[0], index=series.index, name="filtered trend"),
        pd.Series(result.smoothed_state[0], index=series.index, name="smoothed trend"),
        float(params["sigma2.level"]), float(params["sigma2.irregular"]), fixed, float(result.llf))


# ---------------------------------------------------------------------------------------------- rates and small caps
def rate_changes(daily_rates: Mapping[str, pd.Series], frequency: str) -> pd.DataFrame:
    """Change of each rate from one period's end to the next, in percentage points, on the common periods.

    Parameters
    ----------
    daily_rates : mapping of str to pandas.Series
        Named daily rate series (for example the 10-year yield and the federal funds rate).
    frequency : str
        ``"weekly"`` or ``"monthly"``.

    Returns
    -------
    pandas.DataFrame
        One column per rate, only the periods every series covers.

    Raises
    ------
    ValueError
        On bad data, an unknown frequency, or series that share fewer than two periods.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=15)
    >>> rate_changes({"r": pd.Series(np.arange(15) * 0.01, index=days)}, "weekly").round(10)["r"].tolist()
    [0.05, 0.05]
    """
    if not isinstance(daily_rates, Mapping) or not daily_rates:
        raise ValueError("daily_rates must be a non-empty mapping of names to daily rate Series")
    frequency = periods.frequency(frequency).name
    if frequency == "daily":
        raise ValueError("rate_changes needs a weekly or monthly frequency, got 'daily'")
    ends = {str(name): periods.period_end_values(_dated(values, str(name)), frequency)
            for name, values in daily_rates.items()}
    names = list(ends)
    for other in names[1:]:
        validation.same_time_zone(ends[names[0]].index, ends[other].index, (names[0], other))
    levels = pd.concat(ends, axis=1, join="inner")
    if len(levels) < 3:
        raise ValueError(f"the rates share only {len(levels)} {frequency} periods; at least 3 are needed")
    return levels.diff().iloc[1:]


def small_cap_relative_returns(small_levels: pd.Series, large_levels: pd.Series, frequency: str) -> pd.Series:
    """The small-cap index's log return minus the large-cap index's, per week or month.

    Parameters
    ----------
    small_levels, large_levels : pandas.Series
        Daily index levels (Russell 2000 and S&P 500).
    frequency : str
        ``"weekly"`` or ``"monthly"``.

    Returns
    -------
    pandas.Series
        Log-return difference per period, named ``relative_return``.

    Raises
    ------
    ValueError
        On bad levels or dates, or an unknown frequency.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=10)
    >>> small = pd.Series(np.r_[np.full(5, 100.0), np.full(5, 110.0)], index=days)
    >>> large = pd.Series(100.0, index=days)
    >>> small_cap_relative_returns(small, large, "weekly").round(6).tolist()
    [0.09531]
    """
    if periods.frequency(frequency).name == "daily":
        raise ValueError("small_cap_relative_returns needs a weekly or monthly frequency, got 'daily'")
    small, large = risk.common_dates(small_levels, large_levels)
    small_p = risk.log_returns(risk.resample_levels(small, frequency))
    large_p = risk.log_returns(risk.resample_levels(large, frequency))
    return (small_p - large_p).rename("relative_return")


@dataclasses.dataclass(frozen=True)
class RateRegression:
    """Relative return on rate changes: coefficients with HAC (Newey-West) standard errors."""

    coefficients: pd.Series
    standard_errors: pd.Series
    t_statistics: pd.Series
    r_squared: float
    observations: int
    hac_lags: int

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"coefficient": self.coefficients, "HAC standard error": self.standard_errors,
                             "t-statistic": self.t_statistics})

    def to_series(self) -> pd.Series:
        values = {f"{name}: coefficient": self.coefficients[name] for name in self.coefficients.index}
        values |= {f"{name}: t-statistic": self.t_statistics[name] for name in self.coefficients.index}
        return pd.Series({**values, "R squared": self.r_squared, "observations": float(self.observations)},
                         name="rate regression")


def rate_regression(relative: pd.Series, changes: pd.DataFrame, hac_lags: int) -> RateRegression:
    """Ordinary least squares of relative returns on rate changes, with HAC standard errors.

    ``relative_t = c + sum_k beta_k * change_k,t + e_t`` on the dates both cover. Standard errors
    are Newey-West (heteroskedasticity and autocorrelation consistent) with ``hac_lags`` lags,
    from statsmodels.

    Parameters
    ----------
    relative : pandas.Series
        Relative returns (see :func:`small_cap_relative_returns`).
    changes : pandas.DataFrame
        One column per rate change, in percentage points, dated like ``relative``.
    hac_lags : int
        Newey-West lags, 0 to 52.

    Returns
    -------
    RateRegression

    Raises
    ------
    ValueError
        On bad data, too few common dates (fewer than 20 plus the number of regressors), a
        regressor that does not vary, or lags out of range.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> dates = pd.date_range("2020-01-31", periods=120, freq="ME")
    >>> x = pd.DataFrame({"d10y": rng.normal(0, 0.2, 120)}, index=dates)
    >>> y = pd.Series(-0.02 * x["d10y"] + rng.normal(0, 0.001, 120), index=dates)
    >>> round(float(rate_regression(y, x, 3).coefficients["d10y"]), 2)
    -0.02
    """
    y = _dated(relative, "relative", minimum=3)
    if not isinstance(changes, pd.DataFrame) or changes.shape[1] == 0:
        raise ValueError("changes must be a DataFrame with at least one column of rate changes")
    columns = {str(c): _dated(changes[c], f"changes[{c!r}]", minimum=3) for c in changes.columns}
    for name, column in columns.items():
        validation.same_time_zone(y.index, column.index, ("relative", name))
    frame = pd.concat({"relative": y, **columns}, axis=1, join="inner")
    if len(frame) < 20 + len(columns):
        raise ValueError(f"relative and changes share only {len(frame)} dates; at least {20 + len(columns)} are needed")
    for name in columns:
        validation.varies(frame[name], f"changes[{name!r}]")
    lags = validation.whole_number(hac_lags, "hac_lags", minimum=0, maximum=52)
    if lags > len(frame) // 4:
        # Newey-West needs many more observations than lags: with 22 weeks and 52 lags the "errors" are noise
        raise ValueError(f"hac_lags = {lags} is too many for {len(frame)} observations; use at most "
                         f"{len(frame) // 4} (a quarter of the observations)")
    import statsmodels.api as sm

    design = sm.add_constant(frame[list(columns)], has_constant="add")
    fitted = sm.OLS(frame["relative"], design).fit(cov_type="HAC", cov_kwds={"maxlags": lags})
    return RateRegression(fitted.params.rename("coefficient"), fitted.bse.rename("se"),
                          fitted.tvalues.rename("t"), float(fitted.rsquared), int(fitted.nobs), lags)


def rolling_rate_beta(relative: pd.Series, change: pd.Series, window: int) -> pd.Series:
    """The slope of relative returns on one rate change over a trailing window: ``cov / var``.

    Parameters
    ----------
    relative, change : pandas.Series
        On the same dates (at least ``window`` of them).
    window : int
        Observations per window, 10 or more.

    Returns
    -------
    pandas.Series
        One slope per full window, dated at its end.

    Raises
    ------
    ValueError
        On bad data, different calendars, a window out of range, or a window in which the rate does not move.

    Examples
    --------
    >>> dates = pd.date_range("2020-01-31", periods=12, freq="ME")
    >>> x = pd.Series(np.tile([0.1, -0.2, 0.3], 4), index=dates)
    >>> rolling_rate_beta(-0.05 * x, x, 10).round(10).tolist()
    [-0.05, -0.05, -0.05]
    """
    y, x = _same_calendar(relative, change, ("relative", "change"))
    window = validation.whole_number(window, "window", minimum=10, maximum=len(x))
    validation.varies_in_every_window(x, window, "change")
    return risk.rolling_slope(y, x, window).rename("rate_beta")
