"""Loaders for the real data sets the course ships.

Every loader returns a tidy pandas object indexed by a ``DatetimeIndex`` named
``date``. Units are fixed across the package:

* index levels (Russell 2000, S&P 500) are in **index points**;
* returns (Kenneth French portfolios and factors) are **decimals** (0.0123 = 1.23%),
  converted from the percent the library publishes;
* interest rates, r-star and inflation rates are in **percent per year**, as
  their publishers print them; price indexes (CPI, core PCE) are index numbers.

Dates mark the *end* of the period a return covers (daily, month-end, year-end),
except the FRED and Laubach-Williams series, which keep their publishers'
convention of stamping a period with its *first* day.

Each file is checked against the sha256 recorded in :data:`CHECKSUMS` the first
time it is read; after that the parsed frame is cached and every call hands out
a copy, so a caller that edits its result cannot corrupt the next caller's.
Provenance, cleaning and terms of use are in ``SOURCES.md`` beside this file.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from rut_edu import validation

DATA_DIR = Path(__file__).resolve().parent / "files"

# A teacher's or a test's own vintage: a folder holding the same files and their checksums.json. The course
# reads it instead of the shipped folder when this variable names it (tests use it to run every chapter on
# other vintages; nothing in the package writes there).
DATA_DIR_VARIABLE = "RUT_EDU_DATA_DIR"
CHECKSUMS_FILE = "checksums.json"


def _read_checksums(directory: Path) -> dict[str, str]:
    path = directory / CHECKSUMS_FILE
    if not path.is_file():
        raise DataIntegrityError(f"{path} is missing: a data folder lists each file's sha256 in {CHECKSUMS_FILE}")
    return json.loads(path.read_text(encoding="utf-8"))


def checksums_for(folder: Path) -> dict[str, str]:
    """The sha256 each file in ``folder`` must have.

    A vintage of its own carries its ``checksums.json``; a folder of copies of the shipped files is checked
    against the shipped sums.

    Parameters
    ----------
    folder : pathlib.Path
        A data folder.

    Returns
    -------
    dict of str to str
        File name to sha256, a copy.

    Examples
    --------
    >>> checksums_for(DATA_DIR) == CHECKSUMS
    True
    """
    own = folder != DATA_DIR and (folder / CHECKSUMS_FILE).is_file()
    return _read_checksums(folder) if own else dict(CHECKSUMS)


def data_dir() -> Path:
    """The folder the data are read from: :data:`DATA_DIR`, or the one ``RUT_EDU_DATA_DIR`` names.

    Returns
    -------
    pathlib.Path
        The folder holding the CSV files and SOURCES.md.

    Raises
    ------
    DataIntegrityError
        When the variable names a folder that does not exist.

    Examples
    --------
    >>> data_dir().name
    'files'
    """
    override = os.environ.get(DATA_DIR_VARIABLE)
    if not override:
        return DATA_DIR
    folder = Path(override)
    if not folder.is_dir():
        raise DataIntegrityError(f"{DATA_DIR_VARIABLE} names {folder}, which is not a folder")
    return folder

FRED_SERIES: dict[str, tuple[str, str]] = {
    # key: (file, what the values are)
    "fedfunds": ("fred_fedfunds_monthly.csv", "effective federal funds rate, % per year, monthly average"),
    "dff": ("fred_dff_daily.csv", "effective federal funds rate, % per year, every calendar day"),
    "dgs10": ("fred_dgs10_daily.csv", "10-year Treasury constant-maturity yield, % per year, business days"),
    "gs10": ("fred_gs10_monthly.csv", "10-year Treasury constant-maturity yield, % per year, monthly average"),
    "tb3ms": ("fred_tb3ms_monthly.csv", "3-month Treasury bill, secondary market, % per year, monthly average"),
    "cpiaucsl": ("fred_cpiaucsl_monthly.csv", "CPI-U all items, index 1982-84 = 100, seasonally adjusted"),
    "pcepilfe": ("fred_pcepilfe_monthly.csv", "core PCE price index, 2017 = 100, seasonally adjusted"),
}

SIZE_COLUMNS = ("lo30", "med40", "hi30", "q1", "q2", "q3", "q4", "q5",
                "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", "d10")


class DataIntegrityError(RuntimeError):
    """A shipped data file is missing or differs from the recorded checksum."""


# The sha256 of each shipped file, kept as data beside the files (rut_edu/data/files/checksums.json).
CHECKSUMS: dict[str, str] = _read_checksums(DATA_DIR)


def _sha256(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def read_verified_bytes(filename: str, *, directory: Path | None = None) -> bytes:
    """Return the bytes of a shipped file after checking its sha256.

    Parameters
    ----------
    filename : str
        A file listed in :data:`CHECKSUMS`.
    directory : pathlib.Path, optional
        Where to read it from (by default the package's data folder).

    Returns
    -------
    bytes
        The file's contents, exactly as shipped.

    Raises
    ------
    KeyError
        For a file the package does not ship.
    DataIntegrityError
        Naming the file, the expected checksum and the one found (``missing`` when the file is absent).

    Examples
    --------
    >>> read_verified_bytes("rut_daily.csv")[:4]
    b'date'
    """
    if filename not in CHECKSUMS:
        raise KeyError(f"{filename!r} is not one of the shipped data files: {sorted(CHECKSUMS)}")
    folder = directory or data_dir()
    path = folder / filename
    expected = checksums_for(folder).get(filename, "not listed")
    if not path.is_file():
        raise DataIntegrityError(
            f"data file {filename} is missing at {path}: expected sha256 {expected}, found missing. "
            "Reinstall the package (pip install -e .) or restore the file from git."
        )
    payload = path.read_bytes()
    found = _sha256(payload)
    if found != expected:
        raise DataIntegrityError(
            f"data file {filename} has been altered: expected sha256 {expected}, found {found}. "
            "Restore it from git; see rut_edu/data/SOURCES.md for its provenance."
        )
    return payload


class DataFileError(DataIntegrityError):
    """A data file breaks one of the rules every file must keep; the message names the file, the row and the rule."""

    def __init__(self, filename: str, row: int | None, rule: str):
        self.filename, self.row, self.rule = filename, row, rule
        where = f"{filename}, row {row}" if row is not None else filename
        super().__init__(f"{where}: {rule}")


# The rules each file keeps, by what its numbers are. A row number counts the file's lines, the header being 1.
PRICE_FILES = ("rut_daily.csv", "gspc_daily.csv")
LARGEST_DAILY_MOVE = 0.5  # a close more than 50% from the day before is a typo (10x), not a market: 1987 was -20%
FRENCH_SENTINELS = (-99.99, -999.0)  # the Kenneth French library's marks for a missing value
# Returns in the French files are percent: a monthly size portfolio moves about 4 a month. Decimals (0.04)
# would make the median move of a file tiny; these are the smallest median sizes a file in percent shows, a
# tenth of what the shipped files show, by frequency (decimals sit another tenth below).
FRENCH_PERCENT_MEDIAN = {"daily": 0.05, "monthly": 0.3, "annual": 1.0}


def _row_of(frame: pd.DataFrame, mask) -> int:
    return int(np.flatnonzero(np.asarray(mask))[0]) + 2  # + 1 for the header, + 1 to count from one


def check_file(filename: str, frame: pd.DataFrame) -> None:
    """Refuse a data file that breaks a rule, naming the file, the row and the rule.

    The rules: every value a number (FRED writes "." for a missing one) and none empty; no French-library
    sentinel (-99.99, -999); French returns in percent, not decimals; price bars with the high at or above the
    low and the open and close between them, and no close more than 50% from the day before (a 10x typo).

    Parameters
    ----------
    filename : str
        The file's name (its rules follow from it).
    frame : pandas.DataFrame
        The file as read, its ``date`` column still text.

    Raises
    ------
    DataFileError
        The first rule broken.

    Examples
    --------
    >>> bars = pd.DataFrame({"date": ["2024-01-02"], "open": [10.0], "high": [9.0], "low": [8.0], "close": [8.5]})
    >>> check_file("rut_daily.csv", bars)
    Traceback (most recent call last):
    ...
    rut_edu.data.DataFileError: rut_daily.csv, row 2: the high is below the open or the close
    """
    numbers = [c for c in frame.columns if c not in ("date", "quarter")]
    for column in numbers:
        values = pd.to_numeric(frame[column], errors="coerce")
        bad = values.isna()
        if bad.any():
            raw = frame[column][bad].iloc[0]
            shown = "an empty cell" if pd.isna(raw) or str(raw).strip() == "" else f"{raw!r}"
            raise DataFileError(filename, _row_of(frame, bad), f"column {column!r} holds {shown}, not a number "
                                "(FRED writes '.' for a value it does not have: drop the row or refresh later)")
    values = frame[numbers].apply(pd.to_numeric).to_numpy(dtype=float)
    if filename.startswith("ff"):
        for sentinel in FRENCH_SENTINELS:
            hit = np.isclose(values, sentinel).any(axis=1)
            if hit.any():
                raise DataFileError(filename, _row_of(frame, hit), f"holds {sentinel}, the French library's mark "
                                    "for a missing value, not a return")
        returns = filename.startswith(("ff3_", "ff_size_portfolios_")) and not filename.endswith(
            ("avgsize_monthly.csv", "nfirms_monthly.csv"))
        frequency = next(f for f in FRENCH_PERCENT_MEDIAN if f in filename)
        if returns and np.median(np.abs(values)) < FRENCH_PERCENT_MEDIAN[frequency]:
            raise DataFileError(filename, None, f"returns look like decimals (a median size of "
                                f"{np.median(np.abs(values)):.3g}); the French library writes percent: keep them so")
    if filename in PRICE_FILES:
        o, h, l, c = (frame[k].to_numpy(dtype=float) for k in ("open", "high", "low", "close"))
        for rule, bad in (("the high is below the low", h < l),
                          ("the high is below the open or the close", h < np.maximum(o, c)),
                          ("the low is above the open or the close", l > np.minimum(o, c)),
                          ("a price is zero or negative", np.minimum.reduce([o, h, l, c]) <= 0)):
            if bad.any():
                raise DataFileError(filename, _row_of(frame, bad), rule)
        moves = np.abs(c[1:] / c[:-1] - 1)
        if (moves > LARGEST_DAILY_MOVE).any():
            row = _row_of(frame, np.concatenate([[False], moves > LARGEST_DAILY_MOVE]))
            raise DataFileError(filename, row, f"the close moves more than {LARGEST_DAILY_MOVE:.0%} from the day "
                                "before: a typo (a digit too many or too few), not a market move")


@functools.cache
def _cached_frame(filename: str, date_format: str) -> pd.DataFrame:
    payload = read_verified_bytes(filename)
    frame = pd.read_csv(io.BytesIO(payload), dtype={"date": str}, keep_default_na=False, na_values=[""])
    check_file(filename, frame)
    frame = frame.apply(lambda column: column if column.name in ("date", "quarter") else pd.to_numeric(column))
    dates = pd.to_datetime(frame.pop("date"), format=date_format)
    if date_format == "%Y-%m":
        dates = dates + pd.offsets.MonthEnd(0)
    elif date_format == "%Y":
        dates = dates + pd.offsets.YearEnd(0)
    frame.index = pd.DatetimeIndex(dates, name="date")
    if not frame.index.is_monotonic_increasing or frame.index.has_duplicates:
        raise DataIntegrityError(f"data file {filename} has unsorted or duplicated dates")
    return frame


def _frame(filename: str, date_format: str = "%Y-%m-%d") -> pd.DataFrame:
    # A fresh copy for every caller: the cached frame is never handed out.
    return _cached_frame(filename, date_format).copy()


def _check_choice(name: str, value: str, allowed) -> None:
    validation.choice(value, name, sorted(allowed))


def load_russell2000_daily() -> pd.DataFrame:
    """Russell 2000 price index (^RUT), daily open/high/low/close in index points.

    From 10 September 1987 to the file's last day. Opens before about 2007 often equal the previous
    close (a vendor artefact): do not use them for gap statistics.

    Returns
    -------
    pandas.DataFrame
        Columns ``open``, ``high``, ``low``, ``close``, on a DatetimeIndex of trading days.

    Raises
    ------
    DataIntegrityError
        If the shipped file is missing or its sha256 differs from the one recorded.

    Examples
    --------
    >>> bars = load_russell2000_daily()
    >>> f"{bars.index[0]:%Y-%m-%d}", list(bars.columns)
    ('1987-09-10', ['open', 'high', 'low', 'close'])
    """
    return _frame("rut_daily.csv")


def load_sp500_daily() -> pd.DataFrame:
    """S&P 500 price index (^GSPC), daily open/high/low/close in index points.

    From 30 December 1927 to the file's last day. Before 1962 only the close is genuine.

    Returns
    -------
    pandas.DataFrame
        Columns ``open``, ``high``, ``low``, ``close``, on a DatetimeIndex of trading days.

    Raises
    ------
    DataIntegrityError
        If the shipped file is missing or its sha256 differs from the one recorded.

    Examples
    --------
    >>> f"{load_sp500_daily().index[0]:%Y-%m-%d}"
    '1927-12-30'
    """
    return _frame("gspc_daily.csv")


def load_size_portfolios(*, frequency: str = "monthly", weighting: str = "value") -> pd.DataFrame:
    """Kenneth French portfolios formed on size, returns as decimals.

    Columns ``d1`` (smallest decile, NYSE breakpoints) to ``d10`` (largest),
    quintiles ``q1``-``q5`` and the 30/40/30 split ``lo30, med40, hi30``.
    ``frequency`` is ``"daily"``, ``"monthly"`` or ``"annual"``; ``weighting``
    is ``"value"`` or ``"equal"``. Daily data exist value-weighted only.

    Parameters
    ----------
    frequency : {"daily", "monthly", "annual"}
        The return period.
    weighting : {"value", "equal"}
        How each portfolio weights its firms.

    Returns
    -------
    pandas.DataFrame
        Returns as decimals; monthly data dated at month-ends, annual at year-ends.

    Raises
    ------
    ValueError
        For an unknown frequency or weighting, or equal-weighted daily data (not published).
    DataIntegrityError
        As :func:`read_verified_bytes`.

    Examples
    --------
    >>> load_size_portfolios(frequency="monthly", weighting="value").columns[:3].tolist()
    ['lo30', 'med40', 'hi30']
    """
    _check_choice("frequency", frequency, {"daily", "monthly", "annual"})
    _check_choice("weighting", weighting, {"value", "equal"})
    if frequency == "daily":
        if weighting != "value":
            raise ValueError("daily size portfolios are published here value-weighted only")
        frame = _frame("ff_size_portfolios_daily_vw.csv")
    else:
        suffix = "vw" if weighting == "value" else "ew"
        date_format = "%Y-%m" if frequency == "monthly" else "%Y"
        frame = _frame(f"ff_size_portfolios_{frequency}_{suffix}.csv", date_format)
    return frame / 100.0


def load_size_portfolio_firm_counts() -> pd.DataFrame:
    """Number of firms in each French size portfolio, monthly.

    Returns
    -------
    pandas.DataFrame
        Firms per portfolio (same columns as :func:`load_size_portfolios`), dated at month-ends.

    Raises
    ------
    DataIntegrityError
        As :func:`read_verified_bytes`.

    Examples
    --------
    >>> load_size_portfolio_firm_counts().columns[:2].tolist()
    ['lo30', 'med40']
    """
    return _frame("ff_size_portfolios_nfirms_monthly.csv", "%Y-%m")


def load_size_portfolio_average_cap() -> pd.DataFrame:
    """Average firm market equity in each French size portfolio, $ millions, monthly.

    Returns
    -------
    pandas.DataFrame
        $ millions per firm (same columns as :func:`load_size_portfolios`), dated at month-ends.

    Raises
    ------
    DataIntegrityError
        As :func:`read_verified_bytes`.

    Examples
    --------
    >>> load_size_portfolio_average_cap().columns[:2].tolist()
    ['lo30', 'med40']
    """
    return _frame("ff_size_portfolios_avgsize_monthly.csv", "%Y-%m")


def load_ff_factors(*, frequency: str = "monthly") -> pd.DataFrame:
    """Fama-French three factors (``mkt_rf, smb, hml``) and ``rf``, as decimals.

    Parameters
    ----------
    frequency : {"daily", "monthly", "annual"}
        The return period.

    Returns
    -------
    pandas.DataFrame
        Decimals (the published percent divided by 100).

    Raises
    ------
    ValueError
        For an unknown frequency.
    DataIntegrityError
        As :func:`read_verified_bytes`.

    Examples
    --------
    >>> load_ff_factors(frequency="monthly").columns.tolist()
    ['mkt_rf', 'smb', 'hml', 'rf']
    """
    _check_choice("frequency", frequency, {"daily", "monthly", "annual"})
    date_format = {"daily": "%Y-%m-%d", "monthly": "%Y-%m", "annual": "%Y"}[frequency]
    return _frame(f"ff3_factors_{frequency}.csv", date_format) / 100.0


def rstar_release() -> pd.Timestamp:
    """The day the New York Fed published the shipped r-star estimates, read from the data's provenance.

    Returns
    -------
    pandas.Timestamp
        The release date stated in SOURCES.md.

    Raises
    ------
    DataIntegrityError
        When ``SOURCES.md`` beside the data does not say it ("... Laubach–Williams ..., data as of YYYY-MM-DD").

    Examples
    --------
    >>> rstar_release().year >= 2025
    True
    """
    folder = data_dir()
    sources = (folder / "SOURCES.md") if (folder / "SOURCES.md").is_file() else DATA_DIR.parent / "SOURCES.md"
    found = re.search(r"^## .*Laubach.Williams.*data as of (\d{4}-\d{2}-\d{2})", sources.read_text(encoding="utf-8"),
                      flags=re.M)
    if not found:
        raise DataIntegrityError(f"{sources} does not give the r-star release ('data as of YYYY-MM-DD')")
    return pd.Timestamp(found.group(1))


def load_rstar() -> pd.DataFrame:
    """Laubach-Williams (2003 model) estimates from the New York Fed, quarterly.

    Columns: ``rstar``, ``trend_growth`` (g), ``other_determinants`` (z) and
    ``output_gap``, each ``_onesided`` (filtered, real time) and ``_twosided``
    (smoothed, uses later data). All in percent; :func:`rstar_release` says which release.

    Returns
    -------
    pandas.DataFrame
        Percent, dated on each quarter's first day.

    Raises
    ------
    DataIntegrityError
        As :func:`read_verified_bytes`.

    Examples
    --------
    >>> load_rstar().columns[:2].tolist()
    ['rstar_onesided', 'trend_growth_onesided']
    """
    frame = _frame("lw_rstar_quarterly.csv").drop(columns="quarter")
    renames = {}
    for side in ("onesided", "twosided"):
        renames[f"g_{side}"] = f"trend_growth_{side}"
        renames[f"z_{side}"] = f"other_determinants_{side}"
    return frame.rename(columns=renames)


def load_rstar_inputs() -> pd.DataFrame:
    """Quarterly inputs of the Laubach-Williams model, as in the NY Fed workbook.

    The workbook does not define its columns; the NY Fed replication
    documentation does (``gdp_log`` is the natural log of real GDP; rates in percent).

    Returns
    -------
    pandas.DataFrame
        Dated on each quarter's first day.

    Raises
    ------
    DataIntegrityError
        As :func:`read_verified_bytes`.

    Examples
    --------
    >>> load_rstar_inputs().columns[:2].tolist()
    ['gdp_log', 'inflation']
    """
    return _frame("lw_input_data_quarterly.csv").drop(columns="quarter")


def load_fred(series: str) -> pd.Series:
    """One FRED series by its id (case-insensitive), e.g. ``"fedfunds"``, ``"dgs10"``.

    See :data:`FRED_SERIES` for the ids and their units.

    Parameters
    ----------
    series : str
        A FRED id in :data:`FRED_SERIES`, in any case.

    Returns
    -------
    pandas.Series
        The observations in the series' own units, named by its lower-case id.

    Raises
    ------
    ValueError
        For an id the package does not ship.
    DataIntegrityError
        As :func:`read_verified_bytes`.

    Examples
    --------
    >>> fedfunds = load_fred("FEDFUNDS")
    >>> fedfunds.name, f"{fedfunds.index[0]:%Y-%m}", float(fedfunds.iloc[0])
    ('fedfunds', '1954-07', 0.8)
    """
    if not isinstance(series, str):
        raise validation.WrongKindError(f"series must be a FRED id such as 'fedfunds', got {series!r}")
    key = series.lower()
    _check_choice("series", key, FRED_SERIES.keys())
    filename, _ = FRED_SERIES[key]
    frame = _frame(filename)
    return frame[key].rename(key)


def load_all() -> dict[str, object]:
    """Every data set, keyed by a short name: used by the benchmark and tests.

    Returns
    -------
    dict
        Short name to DataFrame or Series, every shipped file read and verified.

    Raises
    ------
    DataIntegrityError
        If any file is missing or altered.

    Examples
    --------
    >>> "russell2000_daily" in load_all()
    True
    """
    loaded: dict[str, object] = {
        "russell2000_daily": load_russell2000_daily(),
        "sp500_daily": load_sp500_daily(),
        "size_daily_vw": load_size_portfolios(frequency="daily", weighting="value"),
        "size_firm_counts": load_size_portfolio_firm_counts(),
        "size_average_cap": load_size_portfolio_average_cap(),
        "rstar": load_rstar(),
        "rstar_inputs": load_rstar_inputs(),
    }
    for frequency in ("monthly", "annual"):
        for weighting in ("value", "equal"):
            loaded[f"size_{frequency}_{weighting}"] = load_size_portfolios(frequency=frequency, weighting=weighting)
    for frequency in ("daily", "monthly", "annual"):
        loaded[f"ff_factors_{frequency}"] = load_ff_factors(frequency=frequency)
    for key in FRED_SERIES:
        loaded[f"fred_{key}"] = load_fred(key)
    return loaded


def clear_cache() -> None:
    """Forget every parsed file, so the next load reads and verifies from disk.

    Examples
    --------
    >>> clear_cache()
    """
    _cached_frame.cache_clear()
