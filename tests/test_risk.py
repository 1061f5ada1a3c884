"""rut_edu.risk: hand computations, properties and bad input."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rut_edu import risk

DATES = pd.date_range("2024-01-01", periods=6, freq="B")


def test_returns_and_drawdown_by_hand():
    levels = pd.Series([100.0, 110.0, 99.0, 121.0, 60.5, 130.0], index=DATES)
    assert risk.simple_returns(levels).round(10).tolist() == [0.1, -0.1, round(121 / 99 - 1, 10), -0.5, round(130 / 60.5 - 1, 10)]
    assert risk.log_returns(levels).iloc[0] == pytest.approx(np.log(1.1))
    assert risk.drawdown(levels).tolist() == pytest.approx([0, 0, -0.1, 0, -0.5, 0])
    assert risk.max_drawdown(levels) == pytest.approx(-0.5)
    episodes = risk.drawdown_episodes(levels, threshold=0.3)
    assert len(episodes) == 1
    row = episodes.iloc[0]
    assert (row["peak"], row["trough"], row["recovery"]) == (DATES[3], DATES[4], DATES[5])


def test_annualised_volatility_by_hand():
    r = pd.Series([0.01, -0.01, 0.01, -0.01])
    assert risk.annualised_volatility(r, "daily") == pytest.approx(np.std([0.01, -0.01] * 2, ddof=1) * np.sqrt(252))
    assert risk.annualised_volatility(r, 12) == pytest.approx(r.std() * np.sqrt(12))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.5, 2.0), min_size=3, max_size=60))
def test_drawdown_is_never_positive(factors):
    levels = pd.Series(100 * np.cumprod(factors), index=pd.date_range("2020-01-01", periods=len(factors)))
    assert (risk.drawdown(levels) <= 1e-15).all()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-0.05, 0.05), min_size=3, max_size=60), st.floats(0.1, 10))
def test_volatility_scales_with_returns(returns, k):
    r = pd.Series(returns)
    assert risk.annualised_volatility(k * r, "daily") == pytest.approx(k * risk.annualised_volatility(r, "daily"), rel=1e-9, abs=1e-15)


def test_bad_input():
    with pytest.raises(ValueError, match="missing"):
        risk.simple_returns(pd.Series([1.0, np.nan, 2.0]))
    with pytest.raises(ValueError, match="positive"):
        risk.log_returns(pd.Series([1.0, 0.0, 2.0]))
    with pytest.raises(ValueError, match="at least 2"):
        risk.simple_returns(pd.Series([1.0]))
    with pytest.raises(ValueError, match="sorted"):
        risk.simple_returns(pd.Series([1.0, 2.0], index=pd.to_datetime(["2024-02-01", "2024-01-01"])))
    with pytest.raises(ValueError, match="periods_per_year"):
        risk.annualised_volatility(pd.Series([0.1, 0.2]), "hourly")
    with pytest.raises(ValueError, match="fewer than two"):
        risk.common_dates(pd.Series([1.0], index=DATES[:1]), pd.Series([1.0], index=DATES[1:2]))
