"""Other vintages of the course's data, made from the shipped files: what the course must survive.

A vintage is a folder holding every shipped file and a ``checksums.json``; ``RUT_EDU_DATA_DIR`` points the
package at it. :func:`cut_vintage` ends every file earlier, as if the data had been fetched on an earlier day:
daily rows up to the day, and only the months, quarters and years that had ended by then.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd

from rut_edu import data

# how long a row's period lasts, by the file's frequency (the rows are dated at the period's start or end)
_PERIOD_ENDS = {
    "daily": lambda dates: dates,
    "monthly": lambda dates: dates + pd.offsets.MonthEnd(0),
    "quarterly": lambda dates: dates + pd.offsets.QuarterEnd(0),
    "annual": lambda dates: dates + pd.offsets.YearEnd(0),
}


def _frequency(filename: str) -> str:
    return next((name for name in _PERIOD_ENDS if f"_{name}" in filename), "daily")


def _period_end(text: pd.Series, frequency: str) -> pd.Series:
    dates = pd.to_datetime(text, format={4: "%Y", 7: "%Y-%m"}.get(len(text.iloc[0]), "%Y-%m-%d"))
    return pd.Series(_PERIOD_ENDS[frequency](pd.DatetimeIndex(dates)), index=text.index)


def write_vintage(files: dict[str, bytes], folder: Path) -> Path:
    """Write ``files`` and their ``checksums.json`` into ``folder`` (created); return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, payload in files.items():
        (folder / name).write_bytes(payload)
    checksums = {name: hashlib.sha256(payload).hexdigest() for name, payload in sorted(files.items())}
    (folder / data.CHECKSUMS_FILE).write_text(json.dumps(checksums, indent=2) + "\n", encoding="utf-8")
    return folder


def half_a_year_earlier() -> str:
    """The end of the cut vintage the tests and the bench use: the last business day of the month six months
    before the shipped prices end (ISO date)."""
    shipped_end = data.load_russell2000_daily().index[-1]
    return f"{shipped_end - pd.DateOffset(months=6) + pd.offsets.BMonthEnd(0):%Y-%m-%d}"


def cut_vintage(folder: Path, end: str) -> Path:
    """Every shipped file as it would have been fetched on ``end`` (ISO date): later rows dropped.

    Parameters
    ----------
    folder : pathlib.Path
        Where to write the vintage.
    end : str
        The last day of data, ``"2025-08-29"``.

    Returns
    -------
    pathlib.Path
        ``folder``.
    """
    last_day = pd.Timestamp(end)
    files = {}
    for name in data.CHECKSUMS:
        lines = data.read_verified_bytes(name, directory=data.DATA_DIR).decode("utf-8").splitlines(keepends=True)
        header, rows = lines[0], lines[1:]
        dates = pd.Series([row.split(",", 1)[0] for row in rows])
        keep = (_period_end(dates, _frequency(name)) <= last_day).to_numpy()
        files[name] = (header + "".join(row for row, kept in zip(rows, keep) if kept)).encode("utf-8")
    return write_vintage(files, folder)


# How each file grows in an extended vintage: by ratios of past bars or values (prices, price indexes, average
# sizes), by past rows as they were (returns, factors), or by past changes added to the last value (rates, gaps).
_GROWN_BY_RATIO = ("rut_daily.csv", "gspc_daily.csv", "fred_cpiaucsl_monthly.csv", "fred_pcepilfe_monthly.csv",
                   "ff_size_portfolios_avgsize_monthly.csv")
_RESAMPLED_ROWS = ("ff3_factors_", "ff_size_portfolios_annual", "ff_size_portfolios_daily", "ff_size_portfolios_monthly")
_HISTORY_ROWS = 2520  # draws come from the last ten years or so of each file


def _next_dates(last: pd.Timestamp, end: pd.Timestamp, frequency: str, calendar_days: bool) -> pd.DatetimeIndex:
    if frequency == "daily":
        days = pd.date_range(last + pd.Timedelta(days=1), end, freq="D")
        return days if calendar_days else days[days.day_of_week < 5]
    step = {"monthly": pd.DateOffset(months=1), "quarterly": pd.DateOffset(months=3),
            "annual": pd.DateOffset(years=1)}[frequency]
    dates = []
    nxt = last + step
    while _PERIOD_ENDS[frequency](pd.DatetimeIndex([nxt]))[0] <= end:
        dates.append(nxt)
        nxt = nxt + step
    return pd.DatetimeIndex(dates)


def _date_text(dates: pd.DatetimeIndex, example: str) -> list[str]:
    layout = {4: "%Y", 7: "%Y-%m"}.get(len(example), "%Y-%m-%d")
    return [f"{day:{layout}}" for day in dates]


def extended_vintage(folder: Path, end: str, *, seed: int = 0) -> Path:
    """Every shipped file continued to ``end`` (ISO date) by a seeded synthetic continuation.

    Prices continue by whole past bars' moves, drawn at random from the last ten years; returns and factors by
    whole past rows; rates, gaps and counts by past changes added to the last value. The numbers are invented
    and say nothing about the future: the vintage exists to show the chapters survive data that end later.

    Parameters
    ----------
    folder : pathlib.Path
        Where to write the vintage.
    end : str
        The last day of the continued data.
    seed : int, default 0
        The random draws' seed.

    Returns
    -------
    pathlib.Path
        ``folder``.
    """
    rng = np.random.default_rng(seed)
    last_day = pd.Timestamp(end)
    files = {}
    for name in data.CHECKSUMS:
        text = data.read_verified_bytes(name, directory=data.DATA_DIR).decode("utf-8")
        frame = pd.read_csv(io.StringIO(text), dtype={"date": str, "quarter": str})
        frequency = _frequency(name)
        stamps = pd.DatetimeIndex(_period_end(frame["date"], "daily").to_numpy())
        calendar_days = frequency == "daily" and bool((stamps.day_of_week >= 5).any())
        new_dates = _next_dates(stamps[-1], last_day, frequency, calendar_days)
        numbers = [c for c in frame.columns if c not in ("date", "quarter")]
        values = frame[numbers].to_numpy(dtype=float)
        recent = values[-_HISTORY_ROWS:]
        rows = []
        current = values[-1].copy()
        for _ in new_dates:
            j = int(rng.integers(1, len(recent)))
            if name in _GROWN_BY_RATIO:
                if name in ("rut_daily.csv", "gspc_daily.csv"):  # a whole bar, scaled to the last close
                    current = recent[j] / recent[j - 1][-1] * current[-1]
                else:
                    current = current * recent[j] / recent[j - 1]
            elif name.startswith(_RESAMPLED_ROWS):
                current = recent[j].copy()
            else:
                current = current + (recent[j] - recent[j - 1])
            rows.append(current.copy())
        grown = pd.DataFrame(rows, columns=numbers).round(6)
        if "quarter" in frame.columns:
            grown.insert(0, "quarter", [f"{day.year}Q{day.quarter}" for day in new_dates])
        grown.insert(0, "date", _date_text(new_dates, frame["date"].iloc[0]))
        if name == "ff_size_portfolios_nfirms_monthly.csv":
            grown[numbers] = grown[numbers].round().astype(int)
        files[name] = (text.rstrip("\n") + "\n" + grown.to_csv(index=False, header=False, lineterminator="\n")).encode()
    return write_vintage(files, folder)


def fred_layout(series: str) -> bytes:
    """A shipped FRED series as FRED's CSV download lays it out (observation_date and the series id), with one
    day FRED has no value for yet written "." as FRED writes it: what a refresh meets from the publisher."""
    filename, _ = data.FRED_SERIES[series.lower()]
    frame = pd.read_csv(data.DATA_DIR / filename, dtype=str)
    lines = [f"observation_date,{series.upper()}"] + [f"{d},{v}" for d, v in zip(frame["date"], frame[series.lower()])]
    lines.append(f"{pd.Timestamp(frame['date'].iloc[-1]) + pd.DateOffset(days=1):%Y-%m-%d},.")
    return ("\n".join(lines) + "\n").encode()


def publisher_downloads(folder: Path, recorded: Path | None = None) -> Path:
    """A folder as a teacher fills it by hand for ``refresh --from``: every FRED series in FRED's layout and,
    when ``recorded`` names a folder of the publishers' own downloads (the French library's zip files, the New
    York Fed's workbook), those too."""
    folder.mkdir(parents=True, exist_ok=True)
    for key in data.FRED_SERIES:
        (folder / f"{key.upper()}.csv").write_bytes(fred_layout(key))
    for download in sorted([*recorded.glob("*.zip"), *recorded.glob("*.xlsx")]) if recorded is not None else ():
        (folder / download.name).write_bytes(download.read_bytes())
    return folder
