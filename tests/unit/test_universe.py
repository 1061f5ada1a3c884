"""The synthetic universe: calibration, reproducibility, labelling."""

import numpy as np
import pytest

from rut_edu import family, index, universe


@pytest.fixture(scope="module")
def default():
    return universe.synthetic_universe()


def test_calibrated_to_published_shape(default):
    s = universe.summary(default)
    assert 4.0 < s["breakpoint at rank 1,000 ($bn)"] < 5.2
    assert 120 < s["smallest Russell 2000 member ($m)"] < 190
    assert 0.05 < s["Russell 2000 share of Russell 3000 cap"] < 0.09
    conc = index.concentration(index.weights(universe.members(default), scheme="float_cap"))
    real = family.IWM_SNAPSHOT_CONCENTRATION
    assert conc["effective number"] == pytest.approx(real["effective number"], rel=0.25)
    assert conc["top 10 weight"] == pytest.approx(real["top 10 weight"], rel=0.25)
    assert conc["smallest half weight"] == pytest.approx(real["smallest half weight"], rel=0.25)
    # What it does not match, as the docstring says: the largest single weight is about half the fund's.
    assert conc["top 1 weight"] == pytest.approx(0.0094, abs=0.0005)
    assert conc["top 1 weight"] < real["top 1 weight"] / 1.8


def test_reproducible_and_labelled_synthetic(default):
    again = universe.synthetic_universe()
    assert default.equals(again)
    assert not default.equals(universe.synthetic_universe(seed=1))
    assert default.attrs["synthetic"] is True
    assert default.index.str.startswith("SYN-").all()
    assert len(universe.members(default)) == 2000
    assert (default["float_factor"] > 0.05).all() and (default["float_factor"] <= 1).all()
    assert np.allclose(default["total_cap"], default["price"] * default["shares"])
    assert default["rank_day_total_cap"].is_monotonic_decreasing


def test_bad_arguments():
    with pytest.raises(ValueError, match="seed"):
        universe.synthetic_universe(seed=1.5)
    with pytest.raises(ValueError, match="n_companies"):
        universe.synthetic_universe(n_companies=10)
    with pytest.raises(ValueError, match="index_name"):
        universe.members(universe.synthetic_universe(), index_name="Russell 5000")


def test_float_adjusted_cap_is_the_total_cap_times_the_float_factor(default):
    # the identity chapter 2 teaches: float cap = price x shares x float factor = total cap x float factor
    assert np.allclose(default["float_cap"] / default["total_cap"], default["float_factor"], rtol=1e-12)
    assert np.allclose(default["float_cap"], default["price"] * default["shares"] * default["float_factor"],
                       rtol=1e-12)
