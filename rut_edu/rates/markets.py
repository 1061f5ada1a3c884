"""Rates and small caps: rate changes, relative returns, the regression with HAC errors, a rolling rate beta.

The conventions of :mod:`rut_edu.rates` hold (percent per year, quarters dated on their first day).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import numpy as np  # noqa: F401 - the docstring examples build their data with it
import pandas as pd

from rut_edu import periods, risk, validation
from rut_edu.rates.inflation import _dated, _same_calendar


# ---------------------------------------------------------------------------------------------- rates and small caps
def rate_changes(daily_rates: Mapping[str, pd.Series], *, frequency: str) -> pd.DataFrame:
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
    >>> rate_changes({"r": pd.Series(np.arange(15) * 0.01, index=days)}, frequency="weekly").round(10)["r"].tolist()
    [0.05, 0.05]
    """
    if not isinstance(daily_rates, Mapping) or not daily_rates:
        raise ValueError("daily_rates must be a non-empty mapping of names to daily rate Series")
    frequency = periods.frequency(frequency).name
    if frequency == "daily":
        raise ValueError("rate_changes needs a weekly or monthly frequency, got 'daily'")
    ends = {str(name): periods.period_end_values(_dated(values, str(name)), frequency_name=frequency)
            for name, values in daily_rates.items()}
    names = list(ends)
    for other in names[1:]:
        validation.same_time_zone(ends[names[0]].index, ends[other].index, (names[0], other))
    levels = pd.concat(ends, axis=1, join="inner")
    if len(levels) < 3:
        raise ValueError(f"the rates share only {len(levels)} {frequency} periods; at least 3 are needed")
    return levels.diff().iloc[1:]


def small_cap_relative_returns(small_levels: pd.Series, large_levels: pd.Series, *, frequency: str) -> pd.Series:
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
    >>> small_cap_relative_returns(small, large, frequency="weekly").round(6).tolist()
    [0.09531]
    """
    if periods.frequency(frequency).name == "daily":
        raise ValueError("small_cap_relative_returns needs a weekly or monthly frequency, got 'daily'")
    small, large = risk.common_dates(small_levels, large_levels)
    small_p = risk.log_returns(risk.resample_levels(small, frequency=frequency))
    large_p = risk.log_returns(risk.resample_levels(large, frequency=frequency))
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
        return pd.DataFrame({"coefficient": self.coefficients, "standard_error": self.standard_errors,
                             "t_statistic": self.t_statistics})

    def to_series(self) -> pd.Series:
        values = {f"{name}: coefficient": self.coefficients[name] for name in self.coefficients.index}
        values |= {f"{name}: t-statistic": self.t_statistics[name] for name in self.coefficients.index}
        return pd.Series({**values, "r_squared": self.r_squared, "observations": float(self.observations)},
                         name="rate regression")


def rate_regression(relative: pd.Series, changes: pd.DataFrame, *, hac_lags: int) -> RateRegression:
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
        Coefficients, HAC standard errors and t-statistics by regressor, R-squared and the count of observations.

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
    >>> round(float(rate_regression(y, x, hac_lags=3).coefficients["d10y"]), 2)
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


def rolling_rate_beta(relative: pd.Series, change: pd.Series, *, window: int) -> pd.Series:
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
    >>> rolling_rate_beta(-0.05 * x, x, window=10).round(10).tolist()
    [-0.05, -0.05, -0.05]
    """
    y, x = _same_calendar(relative, change, ("relative", "change"))
    window = validation.whole_number(window, "window", minimum=10, maximum=len(x))
    validation.varies_in_every_window(x, window, "change")
    return risk.rolling_slope(y, x, window=window).rename("rate_beta")
