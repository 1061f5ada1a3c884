"""The Taylor rule: the published variants as records, one quarter by hand, a whole path.

The conventions of :mod:`rut_edu.rates` hold (percent per year, quarters dated on their first day).
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from rut_edu import validation
from rut_edu.rates.inflation import _dated, _same_calendar


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


def taylor_rate(inflation, output_gap, *, rstar, inflation_target: float = 2.0, inflation_weight: float = 0.5,
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
        On NaN or infinite input, negative weights, Series on different calendars, or inflation or its target
        given as decimals (0.03 for 3%).

    Examples
    --------
    >>> taylor_rate(3.0, 1.0, rstar=0.5)  # 0.5 + 3 + 0.5 * (3 - 2) + 0.5 * 1
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
    if 0 < abs(target) < validation.DECIMAL_RATE_MEDIAN:
        raise ValueError(f"inflation_target is in percent: {target:g} looks like a decimal (2 for 2%)")
    # decimals throughout (0.03 inflation, 0.005 r-star) would give a prescription near minus the target. A
    # series is judged by its inflation; a single quarter by all three numbers, since one quarter's inflation
    # can be near zero
    if isinstance(pi, pd.Series):
        validation.percent_rates(pi.to_numpy(), "inflation")
    elif not series:
        validation.percent_rates([pi, values["rstar"], values["output_gap"]], "inflation, r-star and the output gap")
    implied = values["rstar"] + pi + a * (pi - target) + b * values["output_gap"]
    return implied.rename("taylor_rate") if isinstance(implied, pd.Series) else float(implied)


def taylor_path(rule: TaylorRule, quarters: pd.DataFrame, *, rstar_column: str = "rstar_onesided") -> pd.DataFrame:
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
        raise validation.WrongKindError(f"quarters must be a DataFrame, got {type(quarters).__name__}")
    needed = ["policy_rate", "inflation", "output_gap"] + ([rstar_column] if rule.rstar is None else [])
    missing = [c for c in needed if c not in quarters.columns]
    if missing:
        raise ValueError(f"quarters lacks the column(s) {missing}")
    rstar = quarters[rstar_column] if rule.rstar is None else rule.rstar
    implied = taylor_rate(quarters["inflation"], quarters["output_gap"], rstar=rstar, inflation_target=rule.inflation_target,
                          inflation_weight=rule.inflation_weight, gap_weight=rule.gap_weight)
    actual = _dated(quarters["policy_rate"], "policy_rate", minimum=1)
    return pd.DataFrame({"implied": implied, "actual": actual, "gap": actual - implied})
