"""Refresh the course's data from their publishers: ``python -m rut_edu.data refresh`` (or ``make data``).

What it refreshes: the seven FRED series, fetched from FRED's public CSV download (or read from files a teacher
downloaded by hand, ``--from DIR``, named by their FRED id: ``TB3MS.csv``), and the two index files, read from a
vendor's daily export the teacher saved in the same folder as ``rut_daily.csv`` or ``gspc_daily.csv`` (columns
Date, Open, High, Low, Close in any case; Adj Close and Volume are ignored). The Kenneth French files and the New
York Fed's r-star workbook are kept as shipped and said so: their layouts change between releases, so they are
refreshed by hand (see ``SOURCES.md``).

Every new file is normalised to the shipped format, checked by :func:`rut_edu.data.check_file`, and compared with
the file it replaces on the dates both hold: a value revised by more than :data:`REVISION_TOLERANCE` stops the
refresh, naming the file and the row. Nothing is written unless every file passes; the files are written to a
folder beside the data and swapped in at the end, with their checksums (``checksums.json``) and a coverage table
in ``SOURCES.md``. Building and testing never download: the tests run this code against a local server.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import shutil
import urllib.request
from pathlib import Path

import numpy as np
import pandas as pd

from rut_edu import data

FRED_BASE_URL = "https://fred.stlouisfed.org"
FRED_PATH = "/graph/fredgraph.csv?id={series}"
INDEX_FILES = ("rut_daily.csv", "gspc_daily.csv")
VENDOR_COLUMNS = ("date", "open", "high", "low", "close")
# A value on a date both vintages hold may be revised (CPI's seasonal factors are, every February), but not by
# more than this share of its size: a bigger change is a different series or a broken download.
REVISION_TOLERANCE = 0.05
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
    """The bytes at ``url`` (the publishers' public addresses, or the tests' local server)."""
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - http(s) addresses only
        return response.read()


def fred_csv(payload: bytes, series: str, column: str, filename: str) -> str:
    """FRED's download (``observation_date,TB3MS`` or the older ``DATE,TB3MS``) in the shipped format.

    FRED writes "." for a day without a value (a holiday in a daily series); those rows are dropped, as the
    shipped files drop them. Any other text is left for :func:`rut_edu.data.check_file` to refuse.
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


def vendor_csv(payload: bytes, filename: str) -> str:
    """A vendor's daily export (Date, Open, High, Low, Close; other columns ignored) in the shipped format."""
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


def _frame(filename: str, text: str) -> pd.DataFrame:
    frame = pd.read_csv(io.StringIO(text), dtype={"date": str}, keep_default_na=False, na_values=[""])
    data.check_file(filename, frame)
    dates = pd.Series(frame["date"])
    if dates.duplicated().any() or not dates.is_monotonic_increasing:
        raise data.DataFileError(filename, None, "the dates repeat or run backwards")
    return frame


def _revision(filename: str, old: pd.DataFrame, new: pd.DataFrame) -> Revision:
    columns = [c for c in new.columns if c not in ("date", "quarter")]
    both = old[["date", *columns]].merge(new[["date", *columns]], on="date", how="inner",
                                         suffixes=("", "_new")).set_index("date")
    before = both[columns].to_numpy(dtype=float)
    after = both[[f"{c}_new" for c in columns]].to_numpy(dtype=float)
    change = np.abs(after - before)
    changed = change.max(axis=1) > 1e-12 if len(both) else np.zeros(0, dtype=bool)
    limit = REVISION_TOLERANCE * np.maximum(np.abs(before), 1.0)
    if len(both) and (change > limit).any():
        at = int(np.flatnonzero((change > limit).any(axis=1))[0])
        date = both.index[at]
        row = int(np.flatnonzero(new["date"].to_numpy() == date)[0]) + 2
        raise data.DataFileError(filename, row, f"the value on {date} differs from the shipped one by more than "
                                 f"{REVISION_TOLERANCE:.0%} ({before[at].max():g} before): a different series or a "
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


def _write_sources(folder: Path, old_checksums: dict[str, str], checksums: dict[str, str], retrieved: str) -> None:
    path = (data.DATA_DIR.parent if folder == data.DATA_DIR else folder) / "SOURCES.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Data sources\n"
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


def refresh(*, source_dir: Path | None = None, base_url: str = FRED_BASE_URL, target: Path | None = None,
            retrieved: str | None = None) -> list[Revision]:
    """Refresh the FRED series and any index exports, validate everything, then swap the files in.

    Parameters
    ----------
    source_dir : pathlib.Path, optional
        Files downloaded by hand: ``<FRED id>.csv`` for each FRED series, and optionally ``rut_daily.csv`` or
        ``gspc_daily.csv`` as a vendor exported them. Without it the FRED series are fetched from ``base_url``.
    base_url : str
        FRED's address (the tests give a local server's).
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
    """
    target = Path(target) if target is not None else data.data_dir()
    retrieved = retrieved or f"{pd.Timestamp.today():%Y-%m-%d}"
    own = target != data.DATA_DIR and (target / data.CHECKSUMS_FILE).is_file()
    old_checksums = json.loads((target / data.CHECKSUMS_FILE).read_text()) if own else dict(data.CHECKSUMS)
    new_texts: dict[str, str] = {}
    for key, (filename, _) in data.FRED_SERIES.items():
        series = key.upper()
        payload = ((Path(source_dir) / f"{series}.csv").read_bytes() if source_dir is not None
                   else fetch(base_url.rstrip("/") + FRED_PATH.format(series=series)))
        new_texts[filename] = fred_csv(payload, series, key, filename)
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
    _write_sources(target, old_checksums, checksums, retrieved)
    data.clear_cache()
    return revisions


def report(revisions: list[Revision]) -> str:
    """The revisions as a table a teacher reads, and what was kept as shipped."""
    table = pd.DataFrame([r.to_series() for r in revisions]).to_string()
    kept = sorted(set(data.CHECKSUMS) - {r.filename for r in revisions})
    return f"{table}\n\nKept as shipped (refreshed by hand, see SOURCES.md): {', '.join(kept)}"
