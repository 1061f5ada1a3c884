"""Refresh the course's data from their publishers: ``python -m rut_edu.data refresh`` (or ``make data``).

What it refreshes: the seven FRED series, fetched from FRED's public CSV download (or read from files a teacher
downloaded by hand, ``--from DIR``, named by their FRED id: ``TB3MS.csv``); the Kenneth French library's size
portfolios and three factors, monthly and annual, from its zip files (fetched, or in the folder under the
library's own names, ``Portfolios_Formed_on_ME_CSV.zip`` and so on), each section of the library's layout read by
its title; the New York Fed's Laubach-Williams workbook (``Laubach_Williams_current_estimates.xlsx``: its "data"
sheet becomes ``lw_rstar_quarterly.csv``, its "input data" sheet ``lw_input_data_quarterly.csv``, and the release
date it states becomes the r-star vintage in ``SOURCES.md``); and the two index files, read from a vendor's daily
export the teacher saved in the same folder as ``rut_daily.csv`` or ``gspc_daily.csv`` (columns Date, Open, High,
Low, Close in any case; Adj Close and Volume are ignored). The two daily French files are kept as shipped and
said so (see :data:`FRENCH_FILES`).

Every new file is normalised to the shipped format, checked by :func:`rut_edu.data.check_file`, and compared with
the file it replaces on the dates both hold: a value revised by more than :data:`REVISION_TOLERANCE` (or the
file's own bound in :data:`REVISION_TOLERANCES`) stops the refresh, naming the file and the row. Nothing is
written unless every file passes; the files are written to a folder beside the data and swapped in at the end,
with their checksums (``checksums.json``) and a coverage table in ``SOURCES.md``. Building and testing never
download: the tests run this code against a local server.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import io
import json
import os
import re
import shutil
import urllib.request
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from rut_edu import data, periods

FRENCH_BASE_URL = "https://mba.tuck.dartmouth.edu/pages/faculty/ken.french/ftp"
# Each library download and the shipped file each of its sections becomes, the section found by its title
# ("" is the untitled first section of the factors files).
FRENCH_FILES: dict[str, dict[str, str]] = {
    "Portfolios_Formed_on_ME_CSV.zip": {
        "Average Value Weight Returns -- Monthly": "ff_size_portfolios_monthly_vw.csv",
        "Average Equal Weighted Returns -- Monthly": "ff_size_portfolios_monthly_ew.csv",
        "Value Weight Returns -- Annual from January to December": "ff_size_portfolios_annual_vw.csv",
        "Equal Weight Returns -- Annual from January to December": "ff_size_portfolios_annual_ew.csv",
        "Number of Firms in Portfolios": "ff_size_portfolios_nfirms_monthly.csv",
        "Average Firm Size": "ff_size_portfolios_avgsize_monthly.csv",
    },
    "F-F_Research_Data_Factors_CSV.zip": {"": "ff3_factors_monthly.csv",
                                          "Annual Factors: January-December": "ff3_factors_annual.csv"},
}
# The daily French files came from copies that stripped the library's layout (SOURCES.md): with no download of
# the library's daily files to check a parser against, they are kept as shipped and the report says so.
# The library's column names and the shipped ones; "<= 0" (negative equity, "not used") is dropped.
FRENCH_COLUMNS = {"Lo 30": "lo30", "Med 40": "med40", "Hi 30": "hi30", "Lo 20": "q1", "Qnt 2": "q2", "Qnt 3": "q3",
                  "Qnt 4": "q4", "Hi 20": "q5", "Lo 10": "d1", **{f"{k}-Dec": f"d{k}" for k in range(2, 10)},
                  "Hi 10": "d10", "Mkt-RF": "mkt_rf", "SMB": "smb", "HML": "hml", "RF": "rf"}
FRENCH_DROPPED = ("<= 0",)

# The folder the workbook's own note points to for the replication code; the current estimates sit beside it.
NYFED_BASE_URL = "https://www.newyorkfed.org/medialibrary/media/research/economists/williams/data"
RSTAR_WORKBOOK = "Laubach_Williams_current_estimates.xlsx"
# The "data" sheet's two column groups (the titles above the header row) and their columns' shipped names.
RSTAR_SIDES = {"One-Sided Estimates": "onesided", "Two-Sided Estimates": "twosided"}
RSTAR_COLUMNS = {"rstar": "rstar", "g": "g", "z": "z", "Output gap": "output_gap"}
RSTAR_FILE, RSTAR_INPUT_FILE = "lw_rstar_quarterly.csv", "lw_input_data_quarterly.csv"

FRED_BASE_URL = "https://fred.stlouisfed.org"
FRED_PATH = "/graph/fredgraph.csv?id={series}"
INDEX_FILES = ("rut_daily.csv", "gspc_daily.csv")
VENDOR_COLUMNS = ("date", "open", "high", "low", "close")
# A value on a date both vintages hold may be revised (CPI's seasonal factors are, every February), but not by
# more than this share of its size: a bigger change is a different series or a broken download.
REVISION_TOLERANCE = 0.05
# Files whose history moves further by design. The r-star model is re-estimated at each release, so every
# estimate may move (its revisions are reported, never refused); the model's inputs include annualised quarterly
# inflation rates, which revisions move by more than 5% of their size.
REVISION_TOLERANCES: dict[str, float | None] = {"lw_rstar_quarterly.csv": None, "lw_input_data_quarterly.csv": 0.5}
COVERAGE_START = "<!-- coverage: written by python -m rut_edu.data refresh -->"
COVERAGE_END = "<!-- end of coverage -->"


@dataclasses.dataclass(frozen=True)
class Revision:
    """What a refresh changed in one file: its rows before and after, its new range and the revised values."""

    filename: str
    rows_before: int
    rows_after: int
    first: str
    last: str
    revised_rows: int  # rows on dates both vintages hold whose values differ
    largest_revision: float  # the largest of those differences, in the file's units

    def to_series(self) -> pd.Series:
        return pd.Series(dataclasses.asdict(self)).drop("filename").rename(self.filename)


def fetch(url: str, *, timeout: float = 60.0) -> bytes:
    """The bytes at ``url`` (the publishers' public addresses, or the tests' local server).

    Parameters
    ----------
    url : str
        An http(s) address.
    timeout : float, default 60.0
        Seconds to wait for the publisher.

    Returns
    -------
    bytes
        The response body.

    Raises
    ------
    OSError
        When the address cannot be reached or answers with an error.

    Examples
    --------
    >>> fetch("https://fred.stlouisfed.org/graph/fredgraph.csv?id=TB3MS")[:16]  # doctest: +SKIP
    b'observation_date'
    """
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - http(s) addresses only
        return response.read()


def fred_csv(payload: bytes, series: str, column: str, filename: str) -> str:
    """FRED's download (``observation_date,TB3MS`` or the older ``DATE,TB3MS``) in the shipped format.

    FRED writes "." for a day without a value (a holiday in a daily series); those rows are dropped, as the
    shipped files drop them. Any other text is left for :func:`rut_edu.data.check_file` to refuse.

    Parameters
    ----------
    payload : bytes
        FRED's CSV download.
    series : str
        The FRED id, as its column is named (``TB3MS``).
    column : str
        The shipped file's value column.
    filename : str
        The shipped file's name, for error messages.

    Returns
    -------
    str
        The shipped format: ``date,<column>`` and one row per observation.

    Raises
    ------
    DataFileError
        When the download lacks the date column or the series' column.

    Examples
    --------
    >>> fred_csv(b"observation_date,TB3MS\\n2024-01-01,5.22\\n2024-02-01,.\\n", "TB3MS", "rate", "fred_tb3ms.csv")
    'date,rate\\n2024-01-01,5.22\\n'
    """
    frame = pd.read_csv(io.BytesIO(payload), dtype=str, keep_default_na=False)
    names = {name.strip().lower(): name for name in frame.columns}
    date_name = names.get("observation_date") or names.get("date")
    value_name = names.get(series.lower())
    if date_name is None or value_name is None:
        raise data.DataFileError(filename, None, f"FRED's download for {series} has columns {list(frame.columns)}; "
                                 f"expected observation_date (or DATE) and {series}")
    kept = frame[frame[value_name].str.strip() != "."]
    return f"date,{column}\n" + "".join(f"{d},{v}\n" for d, v in zip(kept[date_name], kept[value_name]))


def french_sections(text: str) -> dict[str, list[str]]:
    """The library CSV's sections: each title and its lines.

    A title is the text line above a column header; each section's lines come header first, in the file's order.
    Notes, blank lines and the copyright line belong to none. The factors files give their first section no title
    (the line above it is a note): :data:`FRENCH_FILES` names it "".

    Parameters
    ----------
    text : str
        The library's CSV, as text.

    Returns
    -------
    dict of str to list of str
        Each section's title and its lines, its column header first.

    Examples
    --------
    >>> french_sections("Average Value Weighted Returns -- Monthly\\n,Lo 30\\n192607,1.2\\n")
    {'Average Value Weighted Returns -- Monthly': [',Lo 30', '192607,1.2']}
    """
    sections: dict[str, list[str]] = {}
    current, last_text = None, ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(","):  # a column header opens a section
            current = sections.setdefault(last_text, [stripped])
        elif stripped[:1].isdigit() and current is not None and "," in stripped:
            current.append(stripped)
        else:
            current = None
            if stripped:
                last_text = stripped
    return sections


def french_csv(lines: list[str], filename: str) -> str:
    """One section of the library's layout (dates as 192607 or 1927) in the shipped format.

    Parameters
    ----------
    lines : list of str
        One section's lines, its column header first (:func:`french_sections`).
    filename : str
        The shipped file's name, for error messages.

    Returns
    -------
    str
        The shipped format: ``date`` then the course's column names.

    Raises
    ------
    DataFileError
        When the section has a column the course does not know, or a date it cannot read.

    Examples
    --------
    >>> french_csv([",Lo 30", "192607,1.2"], "ff_size_monthly_value.csv")
    'date,lo30\\n1926-07,1.2\\n'
    """
    header = [name.strip() for name in lines[0].split(",")[1:]]
    unknown = [name for name in header if name not in FRENCH_COLUMNS and name not in FRENCH_DROPPED]
    if unknown:
        raise data.DataFileError(filename, None, f"the library's columns {unknown} are not ones the course knows: "
                                 "its layout changed; refresh this file by hand (see SOURCES.md)")
    keep = [i for i, name in enumerate(header) if name in FRENCH_COLUMNS]
    out = ["date," + ",".join(FRENCH_COLUMNS[header[i]] for i in keep)]
    for line in lines[1:]:
        cells = [cell.strip() for cell in line.split(",")]
        stamp = cells[0]
        date = {4: stamp, 6: f"{stamp[:4]}-{stamp[4:]}", 8: f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:]}"}.get(len(stamp))
        if date is None:
            raise data.DataFileError(filename, len(out) + 1, f"the date {stamp!r} is not YYYY, YYYYMM or YYYYMMDD")
        values = [cells[1 + i] for i in keep]
        out.append(",".join([date, *(_plain_number(value) for value in values)]))
    return "\n".join(out) + "\n"


def _plain_number(text: str) -> str:
    # the shipped files write the library's numbers as Python prints them: 3.40 as 3.4, 1925 as 1925
    number = float(text)
    return str(int(number)) if "." not in text else repr(number)


def vendor_csv(payload: bytes, filename: str) -> str:
    """A vendor's daily export (Date, Open, High, Low, Close; other columns ignored) in the shipped format.

    Parameters
    ----------
    payload : bytes
        The vendor's CSV export.
    filename : str
        The shipped file's name, for error messages.

    Returns
    -------
    str
        The shipped format: ``date,open,high,low,close``.

    Raises
    ------
    DataFileError
        When a column is missing or a date is not written year first.

    Examples
    --------
    >>> vendor_csv(b"Date,Open,High,Low,Close,Volume\\n2024-01-02,2000,2010,1990,2005,0\\n", "rut_daily.csv").splitlines()[0]
    'date,open,high,low,close'
    """
    frame = pd.read_csv(io.BytesIO(payload), dtype=str, keep_default_na=False)
    names = {name.strip().lower(): name for name in frame.columns}
    missing = [column for column in VENDOR_COLUMNS if column not in names]
    if missing:
        raise data.DataFileError(filename, None, f"the export lacks {missing}; its columns are {list(frame.columns)} "
                                 "(expected Date, Open, High, Low, Close, in any case)")
    shown = frame[[names[column] for column in VENDOR_COLUMNS]].set_axis(list(VENDOR_COLUMNS), axis=1)
    dates = pd.to_datetime(shown["date"], format="ISO8601", errors="coerce")
    if dates.isna().any():
        row = int(np.flatnonzero(dates.isna())[0]) + 2
        raise data.DataFileError(filename, row, f"the date {shown['date'][row - 2]!r} is not written year first")
    shown["date"] = dates.dt.strftime("%Y-%m-%d")
    for column in VENDOR_COLUMNS[1:]:
        numbers = pd.to_numeric(shown[column], errors="coerce")
        shown[column] = numbers.round(2).map("{:.2f}".format).where(numbers.notna(), shown[column])
    return shown.to_csv(index=False, lineterminator="\n")


def _quarterly(dates: pd.Series, filename: str) -> pd.DataFrame:
    # the workbook stores dates as dates; text in the column is a changed layout, not a date to guess at
    not_dates = [row for row, cell in enumerate(dates) if not isinstance(cell, datetime.datetime)]
    if not_dates:
        raise data.DataFileError(filename, not_dates[0] + 2, f"the workbook's date {dates.iloc[not_dates[0]]!r} is not a date")
    stamps = pd.to_datetime(dates)
    return pd.DataFrame({"date": stamps.dt.strftime("%Y-%m-%d").to_numpy(),
                         "quarter": [f"{stamp.year}Q{stamp.quarter}" for stamp in stamps]})


def rstar_workbook(payload: bytes) -> tuple[dict[str, str], pd.Timestamp]:
    """The New York Fed's Laubach-Williams workbook as the two shipped files, and the release date it states.

    The "data" sheet holds a header row starting "Date" under two titled groups (one-sided, two-sided) of
    rstar, g, z and the output gap; the "input data" sheet has a header row of dotted names (``gdp.log``).
    Values are written at full precision, as the shipped files hold them.

    Parameters
    ----------
    payload : bytes
        The workbook (an xlsx file), as downloaded.

    Returns
    -------
    tuple of (dict of str to str, pandas.Timestamp)
        The two shipped files' texts by name, and the release date.

    Raises
    ------
    DataFileError
        When a sheet, a header or the release date is missing, or a cell is not what the layout says.

    Examples
    --------
    >>> files, released = rstar_workbook(fetch(NYFED_BASE_URL + "/Laubach_Williams_current_estimates.xlsx"))  # doctest: +SKIP
    """
    try:
        sheets = pd.read_excel(io.BytesIO(payload), sheet_name=None, header=None, engine="openpyxl")
    except (ValueError, KeyError, zipfile.BadZipFile) as error:
        raise data.DataFileError(RSTAR_FILE, None, f"{RSTAR_WORKBOOK} is not a workbook Excel can open ({error})") from None
    if "data" not in sheets or "input data" not in sheets:
        raise data.DataFileError(RSTAR_FILE, None, f"{RSTAR_WORKBOOK} has the sheets {list(sheets)}; expected "
                                 "'data' and 'input data': the layout changed, refresh by hand (see SOURCES.md)")
    sheet = sheets["data"]
    notes = " ".join(str(cell) for cell in sheet.iloc[:, 0].head(10) if isinstance(cell, str))
    stated = re.search(r"data available on (\w+ \d{1,2}, \d{4})", notes)
    if stated is None:
        raise data.DataFileError(RSTAR_FILE, None, "the workbook does not state 'Estimates based on data available "
                                 "on <date>': the release date cannot be read")
    header_rows = np.flatnonzero(sheet.iloc[:, 0].astype(str).str.strip() == "Date")
    if not len(header_rows):
        raise data.DataFileError(RSTAR_FILE, None, "the workbook's data sheet has no header row starting 'Date'")
    header = int(header_rows[0])
    groups = sheet.iloc[header - 1].ffill()
    where = {f"{RSTAR_COLUMNS[name]}_{RSTAR_SIDES[groups.iat[j]]}": j for j, name in enumerate(sheet.iloc[header])
             if name in RSTAR_COLUMNS and groups.iat[j] in RSTAR_SIDES}
    expected = [f"{column}_{side}" for side in RSTAR_SIDES.values() for column in RSTAR_COLUMNS.values()]
    if sorted(where) != sorted(expected):
        raise data.DataFileError(RSTAR_FILE, header + 1, f"the data sheet's columns give {sorted(where)}; expected "
                                 f"{expected} under 'One-Sided Estimates' and 'Two-Sided Estimates'")
    body = sheet.iloc[header + 1:]
    body = body[body.iloc[:, 0].notna()]
    estimates = _quarterly(body.iloc[:, 0], RSTAR_FILE)
    for column in expected:
        estimates[column] = pd.to_numeric(body.iloc[:, where[column]], errors="coerce").to_numpy(dtype=float)
    inputs_sheet = sheets["input data"]
    names = [str(name) for name in inputs_sheet.iloc[0]]
    if names[0] != "Date":
        raise data.DataFileError(RSTAR_INPUT_FILE, 1, f"the input data sheet starts {names[:3]}; expected 'Date'")
    kept = [j for j, name in enumerate(names) if j and name != "nan"]
    rows = inputs_sheet.iloc[1:]
    rows = rows[rows.iloc[:, 0].notna()]
    inputs = _quarterly(rows.iloc[:, 0], RSTAR_INPUT_FILE)
    for j in kept:
        inputs[names[j].replace(".", "_")] = pd.to_numeric(rows.iloc[:, j], errors="coerce").to_numpy(dtype=float)
    texts = {RSTAR_FILE: estimates.to_csv(index=False, lineterminator="\n"),
             RSTAR_INPUT_FILE: inputs.to_csv(index=False, lineterminator="\n")}
    return texts, pd.Timestamp(pd.to_datetime(stated.group(1), format="%B %d, %Y"))


def _sessions_match(filename: str, dates: pd.DatetimeIndex) -> None:
    # an index's days are the NYSE's sessions: a missing one is a hole in the download, an extra one a weekend or
    # holiday that should not be there (checked from the first year the course's calendar covers)
    sessions = periods.nyse_sessions()
    start = max(dates[0], pd.Timestamp(f"{periods.CALENDAR_YEARS[0]}-01-01"))
    shown = dates[dates >= start]
    expected = sessions[(sessions >= start) & (sessions <= dates[-1])]
    extra, missing = shown.difference(expected), expected.difference(shown)
    if len(extra):
        row = int(dates.get_loc(extra[0])) + 2
        raise data.DataFileError(filename, row, f"{extra[0]:%Y-%m-%d} is not an NYSE session (a weekend or holiday)")
    if len(missing):
        row = int(np.searchsorted(dates, missing[0])) + 2
        raise data.DataFileError(filename, row, f"the NYSE session of {missing[0]:%Y-%m-%d} is missing"
                                 f"{f' (and {len(missing) - 1} more)' if len(missing) > 1 else ''}: a hole in the export")


def _frame(filename: str, text: str) -> pd.DataFrame:
    frame = pd.read_csv(io.StringIO(text), dtype={"date": str}, keep_default_na=False, na_values=[""])
    data.check_file(filename, frame)
    dates = pd.Series(frame["date"])
    out_of_order = np.flatnonzero(dates.to_numpy()[1:] <= dates.to_numpy()[:-1])
    if len(out_of_order):
        row = int(out_of_order[0]) + 1
        raise data.DataFileError(filename, row + 2, f"the date {dates.iloc[row]} repeats or runs backwards "
                                 f"(after {dates.iloc[row - 1]})")
    if filename in INDEX_FILES:
        _sessions_match(filename, pd.DatetimeIndex(pd.to_datetime(dates, format="%Y-%m-%d")))
    return frame


def _revision(filename: str, old: pd.DataFrame, new: pd.DataFrame) -> Revision:
    columns = [c for c in new.columns if c not in ("date", "quarter")]
    both = old[["date", *columns]].merge(new[["date", *columns]], on="date", how="inner",
                                         suffixes=("", "_new")).set_index("date")
    before = both[columns].to_numpy(dtype=float)
    after = both[[f"{c}_new" for c in columns]].to_numpy(dtype=float)
    change = np.abs(after - before)
    changed = change.max(axis=1) > 1e-12 if len(both) else np.zeros(0, dtype=bool)
    tolerance = REVISION_TOLERANCES.get(filename, REVISION_TOLERANCE)
    limit = (tolerance if tolerance is not None else np.inf) * np.maximum(np.abs(before), 1.0)
    if len(both) and (change > limit).any():
        at = int(np.flatnonzero((change > limit).any(axis=1))[0])
        date = both.index[at]
        row = int(np.flatnonzero(new["date"].to_numpy() == date)[0]) + 2
        raise data.DataFileError(filename, row, f"the value on {date} differs from the shipped one by more than "
                                 f"{tolerance:.0%} ({before[at].max():g} before): a different series or a "
                                 "broken download, not a revision")
    return Revision(filename, len(old), len(new), str(new["date"].iloc[0]), str(new["date"].iloc[-1]),
                    int(changed.sum()), float(change.max()) if len(both) else 0.0)


def _coverage_table(folder: Path, checksums: dict[str, str], retrieved: str) -> str:
    lines = [COVERAGE_START, "", f"Coverage of every file (retrieved or checked {retrieved}):", "",
             "| File | Range | Rows | sha256 |", "|---|---|---|---|"]
    for name, digest in sorted(checksums.items()):
        text = (folder / name).read_text(encoding="utf-8").splitlines()
        first, last = text[1].split(",", 1)[0], text[-1].split(",", 1)[0]
        lines.append(f"| `{name}` | {first} to {last} | {len(text) - 1:,} | `{digest}` |")
    return "\n".join([*lines, "", COVERAGE_END])


def _write_sources(folder: Path, old_checksums: dict[str, str], checksums: dict[str, str], retrieved: str,
                   rstar_release: pd.Timestamp | None) -> None:
    path = (data.DATA_DIR.parent if folder == data.DATA_DIR else folder) / "SOURCES.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Data sources\n"
    if rstar_release is not None:  # the vintage data.rstar_release() reads
        heading = re.compile(r"^(## .*Laubach.Williams.*data as of )\d{4}-\d{2}-\d{2}", flags=re.M)
        release = f"{rstar_release:%Y-%m-%d}"
        text = (heading.sub(lambda found: found.group(1) + release, text) if heading.search(text) else
                text.rstrip("\n") + f"\n\n## Natural rate of interest: Laubach–Williams, NY Fed, data as of {release}\n")
    for name, digest in checksums.items():
        if old_checksums.get(name, digest) != digest:  # the prose's digest of a replaced file follows it
            text = text.replace(old_checksums[name], digest)
    table = _coverage_table(folder, checksums, retrieved)
    if COVERAGE_START in text:
        head, rest = text.split(COVERAGE_START, 1)
        text = head + table + rest.split(COVERAGE_END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + table + "\n"
    path.write_text(text, encoding="utf-8")


def refresh(*, source_dir: Path | None = None, base_url: str = FRED_BASE_URL,
            french_base_url: str = FRENCH_BASE_URL, nyfed_base_url: str = NYFED_BASE_URL,
            target: Path | None = None,
            retrieved: str | None = None) -> list[Revision]:
    """Refresh every data file from its publisher, validate everything, then swap the files in.

    The FRED series, the French library's files, the New York Fed's r-star workbook and any index exports.

    Parameters
    ----------
    source_dir : pathlib.Path, optional
        Files downloaded by hand: ``<FRED id>.csv`` for each FRED series, and optionally ``rut_daily.csv`` or
        ``gspc_daily.csv`` as a vendor exported them; the French library's zip files and the New York Fed's
        workbook under their publishers' names, each optional. Without it everything is fetched.
    base_url, french_base_url, nyfed_base_url : str
        FRED's, the French library's and the New York Fed's addresses (the tests give a local server's).
    target : pathlib.Path, optional
        The data folder to refresh (default: :func:`rut_edu.data.data_dir`).
    retrieved : str, optional
        The retrieval date for the coverage table (default: today).

    Returns
    -------
    list of Revision
        One per file refreshed.

    Raises
    ------
    rut_edu.data.DataFileError
        For the first file that breaks a rule or revises the shipped values beyond the tolerance; nothing is
        written then.

    Examples
    --------
    Against the publishers (``make data``), or from files downloaded by hand into ``downloads/``:

    >>> revisions = refresh(source_dir=Path("downloads"))  # doctest: +SKIP
    >>> print(report(revisions))  # doctest: +SKIP
    """
    target = Path(target) if target is not None else data.data_dir()
    retrieved = retrieved or f"{pd.Timestamp.today():%Y-%m-%d}"
    old_checksums = data.checksums_for(target)
    new_texts: dict[str, str] = {}
    for key, (filename, _) in data.FRED_SERIES.items():
        series = key.upper()
        payload = ((Path(source_dir) / f"{series}.csv").read_bytes() if source_dir is not None
                   else fetch(base_url.rstrip("/") + FRED_PATH.format(series=series)))
        new_texts[filename] = fred_csv(payload, series, key, filename)
    for download, sections in FRENCH_FILES.items():
        local = Path(source_dir) / download if source_dir is not None else None
        if local is not None and not local.is_file():
            continue  # a teacher refreshing by hand may bring only some of the library's files
        payload = local.read_bytes() if local is not None else fetch(f"{french_base_url.rstrip('/')}/{download}")
        with zipfile.ZipFile(io.BytesIO(payload)) as archive:
            text = archive.read(archive.namelist()[0]).decode("latin-1")
        found = french_sections(text)
        if found:
            found[""] = next(iter(found.values()))  # the first section, whatever note stands above it
        for title, filename in sections.items():
            if title not in found:
                raise data.DataFileError(filename, None, f"{download} has no section {title or '(the first)'!r}; "
                                         f"its sections are {list(found)}: the layout changed, refresh by hand")
            new_texts[filename] = french_csv(found[title], filename)
    rstar_release = None
    local = Path(source_dir) / RSTAR_WORKBOOK if source_dir is not None else None
    if local is None or local.is_file():
        payload = local.read_bytes() if local is not None else fetch(f"{nyfed_base_url.rstrip('/')}/{RSTAR_WORKBOOK}")
        workbook_texts, rstar_release = rstar_workbook(payload)
        new_texts.update(workbook_texts)
    for filename in INDEX_FILES:
        if source_dir is not None and (Path(source_dir) / filename).is_file():
            new_texts[filename] = vendor_csv((Path(source_dir) / filename).read_bytes(), filename)
    revisions = []
    for filename, text in new_texts.items():  # every file checked before any is written
        old = pd.read_csv(target / filename, dtype={"date": str})
        revisions.append(_revision(filename, old, _frame(filename, text)))
    staging = target.parent / f".{target.name}.refresh"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    for filename, text in new_texts.items():
        (staging / filename).write_text(text, encoding="utf-8")
    checksums = dict(old_checksums)
    checksums.update({name: hashlib.sha256((staging / name).read_bytes()).hexdigest() for name in new_texts})
    (staging / data.CHECKSUMS_FILE).write_text(json.dumps(checksums, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for name in [*new_texts, data.CHECKSUMS_FILE]:  # the swap: each file replaced whole, checksums last
        os.replace(staging / name, target / name)
    staging.rmdir()
    if target == data.DATA_DIR:  # this process reads on: it must expect the new files
        data.CHECKSUMS.clear()
        data.CHECKSUMS.update(checksums)
    _write_sources(target, old_checksums, checksums, retrieved, rstar_release)
    data.clear_cache()
    return revisions


def report(revisions: list[Revision]) -> str:
    """The revisions as a table a teacher reads, and what was kept as shipped.

    Parameters
    ----------
    revisions : list of Revision
        What :func:`refresh` returned.

    Returns
    -------
    str
        A table of the revisions, then the files kept as shipped.

    Examples
    --------
    >>> print(report([Revision("fred_tb3ms.csv", 10, 11, "2024-01-01", "2024-11-01", 0, 0.0)]).splitlines()[0].split())
    ['rows_before', 'rows_after', 'first', 'last', 'revised_rows', 'largest_revision']
    """
    table = pd.DataFrame([r.to_series() for r in revisions]).to_string()
    kept = sorted(set(data.CHECKSUMS) - {r.filename for r in revisions})
    return f"{table}\n\nKept as shipped (refreshed by hand, see SOURCES.md): {', '.join(kept)}"
