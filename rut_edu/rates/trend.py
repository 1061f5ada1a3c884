"""A state-space trend: the local level model, the idea behind Laubach-Williams' r-star, fitted to a rate.

The conventions of :mod:`rut_edu.rates` hold (percent per year, quarters dated on their first day).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from rut_edu import validation


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
        return pd.Series({"level_variance": self.level_variance, "irregular_variance": self.irregular_variance,
                          "log_likelihood": self.log_likelihood},
                         name="local level, fixed smoothness" if self.level_variance_fixed else "local level, ML")


def local_level_trend(rate: pd.Series, *, level_variance: float | None = None) -> LocalLevelFit:
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
        The filtered and smoothed trend, both variances and the log-likelihood.

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
