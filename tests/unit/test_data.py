"""rut_edu.data: shapes, units, known values, checksums and the copy-on-read cache."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest
from vintage_pins import PINNED_THROUGH

from rut_edu import data, risk


def test_every_loader_returns_a_dated_tidy_object():
    for name, obj in data.load_all().items():
        assert isinstance(obj.index, pd.DatetimeIndex), name
        assert obj.index.name == "date", name
        assert obj.index.is_monotonic_increasing and not obj.index.has_duplicates, name
        assert len(obj) > 50, name


def test_known_values_from_sources_md():
    rut = data.load_russell2000_daily()
    assert list(rut.columns) == ["open", "high", "low", "close"]
    assert rut.loc["1987-09-10", "close"] == 168.97
    assert len(rut.loc[:PINNED_THROUGH]) == 9686
    assert data.load_sp500_daily().loc["2020-03-23", "close"] == 2237.40
    size = data.load_size_portfolios(frequency="monthly", weighting="value")
    assert size["d1"].loc[:PINNED_THROUGH].mean() == pytest.approx(0.01357, abs=5e-6)  # decimals, not percent
    assert size.index[0] == pd.Timestamp("1926-07-31")  # month end
    assert data.load_rstar().loc["2025-04-01", "rstar_onesided"] == pytest.approx(1.373, abs=1e-3)
    cpi = data.load_fred("CPIAUCSL")
    assert (cpi.loc["2022-06-01"] / cpi.loc["2021-06-01"] - 1) == pytest.approx(0.0898, abs=5e-4)
    assert data.load_fred("fedfunds").loc[:PINNED_THROUGH].max() == pytest.approx(19.10)


def test_independent_volatility_and_correlation_check():
    rut = data.load_russell2000_daily()["close"]
    spx = data.load_sp500_daily()["close"]
    a, b = risk.common_dates(rut.loc[:"2026-02-23"], spx.loc["1987-09-10":"2026-02-23"])
    ra, rb = risk.log_returns(a), risk.log_returns(b)
    assert risk.annualised_volatility(ra, periods_per_year="daily") == pytest.approx(0.216, abs=0.001)
    assert risk.annualised_volatility(rb, periods_per_year="daily") == pytest.approx(0.185, abs=0.001)
    assert np.corrcoef(ra, rb)[0, 1] == pytest.approx(0.850, abs=0.001)


def test_cache_hands_out_copies():
    first = data.load_russell2000_daily()
    first.iloc[0, 0] = -1.0
    first["extra"] = 1
    second = data.load_russell2000_daily()
    assert second.iloc[0, 0] == 167.44
    assert "extra" not in second.columns


def test_altered_file_names_file_and_both_checksums(tmp_path):
    name = "fred_gs10_monthly.csv"
    shutil.copy(data.DATA_DIR / name, tmp_path / name)
    with open(tmp_path / name, "a") as handle:
        handle.write("2099-01-01,9.99\n")
    with pytest.raises(data.DataIntegrityError) as caught:
        data.read_verified_bytes(name, directory=tmp_path)
    message = str(caught.value)
    assert name in message and data.CHECKSUMS[name] in message
    assert "found" in message and len([w for w in message.split() if len(w.strip(".,")) == 64]) == 2


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(data.DataIntegrityError, match="rut_daily.csv is missing"):
        data.read_verified_bytes("rut_daily.csv", directory=tmp_path)


def test_every_shipped_file_is_recorded_in_sources_md():
    shipped = sorted(p.name for p in data.DATA_DIR.glob("*.csv"))
    assert shipped == sorted(data.CHECKSUMS)
    sources = (data.DATA_DIR.parent / "SOURCES.md").read_text()
    for name, digest in data.CHECKSUMS.items():
        assert name in sources and digest in sources, name


def test_bad_choices_are_refused():
    with pytest.raises(ValueError, match="frequency"):
        data.load_size_portfolios(frequency="hourly")
    with pytest.raises(ValueError, match="value-weighted only"):
        data.load_size_portfolios(frequency="daily", weighting="equal")
    with pytest.raises(ValueError, match="series"):
        data.load_fred("sp500")
    with pytest.raises(KeyError):
        data.read_verified_bytes("nope.csv")


def _shipped(name: str) -> pd.DataFrame:
    return pd.read_csv(data.DATA_DIR / name, dtype=str, keep_default_na=False, na_values=[""])


@pytest.mark.parametrize("name, spoil, row, rule", [
    ("fred_tb3ms_monthly.csv", lambda f: f.assign(tb3ms=f["tb3ms"].where(f.index != 10, ".")), 12,
     "column 'tb3ms' holds '.', not a number"),
    ("fred_dgs10_daily.csv", lambda f: f.assign(dgs10=f["dgs10"].where(f.index != 3, None)), 5,
     "column 'dgs10' holds an empty cell"),
    ("ff_size_portfolios_monthly_vw.csv", lambda f: f.assign(d1=f["d1"].where(f.index != 7, "-99.99")), 9,
     "holds -99.99, the French library's mark for a missing value"),
    ("rut_daily.csv", lambda f: f.assign(high=f["high"].where(f.index != 20, "1.0")), 22,
     "the high is below the low"),
    ("gspc_daily.csv", lambda f: f.assign(close=f["close"].where(f.index != 30, str(float(f["close"][30]) * 10)),
                                          high=f["high"].where(f.index != 30, str(float(f["close"][30]) * 10))), 32,
     "the close moves more than 50% from the day before"),
])
def test_a_bad_file_is_refused_naming_the_file_the_row_and_the_rule(name, spoil, row, rule):
    with pytest.raises(data.DataFileError) as raised:
        data.check_file(name, spoil(_shipped(name)))
    assert (raised.value.filename, raised.value.row) == (name, row)
    assert str(raised.value).startswith(f"{name}, row {row}: {rule}")


def test_french_returns_in_decimals_are_refused_and_every_shipped_file_passes():
    name = "ff3_factors_monthly.csv"
    decimals = _shipped(name)
    for column in ("mkt_rf", "smb", "hml", "rf"):
        decimals[column] = (decimals[column].astype(float) / 100).astype(str)
    with pytest.raises(data.DataFileError, match=f"{name}: returns look like decimals"):
        data.check_file(name, decimals)
    for shipped in data.CHECKSUMS:
        data.check_file(shipped, _shipped(shipped))


def test_the_loader_refuses_a_vintage_with_a_bad_file(tmp_path, monkeypatch):
    from rut_book import vintages

    files = {name: (data.DATA_DIR / name).read_bytes() for name in data.CHECKSUMS}
    lines = files["fred_fedfunds_monthly.csv"].decode().splitlines(keepends=True)
    lines[5] = lines[5].split(",")[0] + ",.\n"
    files["fred_fedfunds_monthly.csv"] = "".join(lines).encode()
    vintages.write_vintage(files, tmp_path)
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path))
    data.clear_cache()
    try:
        with pytest.raises(data.DataFileError, match=r"fred_fedfunds_monthly.csv, row 6: column 'fedfunds' holds '.'"):
            data.load_fred("fedfunds")
    finally:
        monkeypatch.delenv(data.DATA_DIR_VARIABLE)
        data.clear_cache()
