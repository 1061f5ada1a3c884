"""The refresh command, end to end, against a local server replaying the publishers' downloads.

FRED's responses are made from the shipped files in FRED's own layout (observation_date and the series id, "."
on days without a value); the French library's are its own zip files and the New York Fed's its r-star workbook,
as downloaded (tests/fixtures/publisher), whose sections and sheets must come out byte for byte as the shipped
files. The client code is the one that fetches from the publishers, pointed at another address. The target is a
vintage cut half a year earlier: a refresh must bring it to the shipped end.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from rut_book import vintages

from rut_edu import data
from rut_edu.data import refresh

PUBLISHER = Path(__file__).resolve().parents[1] / "fixtures" / "publisher"


class Replay(BaseHTTPRequestHandler):
    responses: dict[str, bytes] = {}

    def do_GET(self):  # noqa: N802 - the http.server name
        address = urlparse(self.path)
        key = parse_qs(address.query).get("id", [address.path.rsplit("/", 1)[-1]])[0]
        body = self.responses.get(key)
        self.send_response(200 if body is not None else 404)
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def fred_server():
    Replay.responses = {key.upper(): vintages.fred_layout(key) for key in data.FRED_SERIES}
    Replay.responses.update({path.name: path.read_bytes() for path in [*PUBLISHER.glob("*.zip"), *PUBLISHER.glob("*.xlsx")]})
    server = ThreadingHTTPServer(("127.0.0.1", 0), Replay)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def cut(tmp_path) -> Path:
    return vintages.cut_vintage(tmp_path / "files", vintages.half_a_year_earlier())


def _state(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_a_refresh_from_the_publisher_brings_a_cut_vintage_to_the_shipped_end(cut, fred_server, monkeypatch):
    revisions = refresh.refresh(base_url=fred_server, french_base_url=fred_server, nyfed_base_url=fred_server,
                                target=cut, retrieved="2026-12-07")
    french = [name for sections in refresh.FRENCH_FILES.values() for name in sections.values()]
    french += [refresh.RSTAR_FILE, refresh.RSTAR_INPUT_FILE]  # the workbook's two sheets, too
    assert sorted(r.filename for r in revisions) == sorted([f for f, _ in data.FRED_SERIES.values()] + french)
    checksums = json.loads((cut / data.CHECKSUMS_FILE).read_text())
    for name in [f for f, _ in data.FRED_SERIES.values()] + french:
        # the refreshed file is the shipped one, byte for byte: FRED's layout normalised, the "." row dropped, the
        # French library's sections read by title
        assert (cut / name).read_bytes() == (data.DATA_DIR / name).read_bytes(), name
        assert checksums[name] == data.CHECKSUMS[name]
    tb3ms = next(r for r in revisions if r.filename == "fred_tb3ms_monthly.csv")
    assert tb3ms.rows_after > tb3ms.rows_before and tb3ms.revised_rows == 0 and tb3ms.largest_revision == 0.0
    sources = (cut / "SOURCES.md").read_text()
    assert refresh.COVERAGE_START in sources and data.CHECKSUMS["fred_tb3ms_monthly.csv"] in sources
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(cut))
    data.clear_cache()
    try:
        assert data.load_fred("tb3ms").index[-1] == pd.Timestamp("2026-05-01")  # as shipped
        assert data.rstar_release() == pd.Timestamp("2025-08-28")  # the date the workbook states
    finally:
        monkeypatch.delenv(data.DATA_DIR_VARIABLE)
        data.clear_cache()
    assert "Kept as shipped" in refresh.report(revisions)


@pytest.mark.parametrize("name, bad, rule", [
    ("rut_daily.csv", lambda f: f.assign(High=f["Low"] - 1), "row 2: the high is below the low"),
    ("rut_daily.csv", lambda f: f.drop(columns="Close"), "the export lacks ['close']"),
    ("rut_daily.csv", lambda f: f.drop(index=f.index[f["Date"] == "2024-03-05"]),
     "the NYSE session of 2024-03-05 is missing: a hole in the export"),
    ("rut_daily.csv", lambda f: pd.concat([f, f[f["Date"] == "2024-03-08"].assign(Date="2024-03-09")]).sort_values("Date"),
     "2024-03-09 is not an NYSE session (a weekend or holiday)"),
    ("gspc_daily.csv", lambda f: f.assign(Close=f["Close"].where(f.index != 5, f["Close"] * 10),
                                          High=f["High"].where(f.index != 5, f["Close"] * 10)),
     "row 7: the close moves more than 50%"),
])
def test_each_kind_of_bad_file_stops_the_refresh_with_nothing_written(cut, tmp_path, name, bad, rule):
    downloads = vintages.publisher_downloads(tmp_path / "downloads")
    shipped = pd.read_csv(data.DATA_DIR / name)
    export = shipped.rename(columns=str.title).assign(**{"Adj Close": shipped["close"], "Volume": 0})
    bad(export).to_csv(downloads / name, index=False)
    before = _state(cut)
    with pytest.raises(data.DataFileError) as raised:
        refresh.refresh(source_dir=downloads, target=cut)
    assert raised.value.filename == name and rule in str(raised.value)
    assert _state(cut) == before  # not one file written, not the checksums
    assert not (cut.parent / f".{cut.name}.refresh").exists()


def test_a_revision_beyond_the_tolerance_is_refused_by_row(cut, tmp_path):
    downloads = vintages.publisher_downloads(tmp_path / "downloads")
    lines = (downloads / "CPIAUCSL.csv").read_text().splitlines()
    date, value = lines[40].split(",")
    lines[40] = f"{date},{float(value) * 1.5:.3f}"
    (downloads / "CPIAUCSL.csv").write_text("\n".join(lines) + "\n")
    before = _state(cut)
    with pytest.raises(data.DataFileError, match=rf"fred_cpiaucsl_monthly.csv, row \d+: the value on {date} differs"):
        refresh.refresh(source_dir=downloads, target=cut)
    assert _state(cut) == before


def test_the_command_line_reports_and_stops_cleanly(cut, fred_server, monkeypatch, capsys):
    from rut_edu.data.__main__ import main

    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(cut))
    try:
        assert main(["refresh", "--from", str(cut / "nowhere")]) == 1
        assert "refresh stopped, nothing written" in capsys.readouterr().err
        assert main(["refresh", "--base-url", fred_server, "--french-base-url", fred_server,
                     "--nyfed-base-url", fred_server]) == 0
        out = capsys.readouterr().out
        assert "fred_tb3ms_monthly.csv" in out and "make outputs" in out
    finally:
        monkeypatch.delenv(data.DATA_DIR_VARIABLE)
        data.clear_cache()


def test_a_french_download_whose_layout_changed_is_refused_by_name(cut, tmp_path):
    import io
    import zipfile

    downloads = vintages.publisher_downloads(tmp_path / "downloads")
    with zipfile.ZipFile(PUBLISHER / "F-F_Research_Data_Factors_CSV.zip") as archive:
        text = archive.read(archive.namelist()[0]).decode("latin-1")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("F-F_Research_Data_Factors.csv", text.replace(",Mkt-RF,SMB,HML,RF", ",Mkt-RF,SMB,HML,RMW,RF", 1))
    (downloads / "F-F_Research_Data_Factors_CSV.zip").write_bytes(buffer.getvalue())
    before = _state(cut)
    with pytest.raises(data.DataFileError, match=r"ff3_factors_monthly.csv: the library's columns \['RMW'\]"):
        refresh.refresh(source_dir=downloads, target=cut)
    assert _state(cut) == before


def _workbook(edit) -> bytes:
    import io

    import openpyxl

    book = openpyxl.load_workbook(PUBLISHER / refresh.RSTAR_WORKBOOK, data_only=True)  # values, not formulas
    edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _set(sheet: str, cell: str, value):
    def edit(book):
        book[sheet][cell] = value
    return edit


def test_the_r_star_workbook_becomes_the_shipped_files_and_states_its_release():
    texts, release = refresh.rstar_workbook((PUBLISHER / refresh.RSTAR_WORKBOOK).read_bytes())
    for name, text in texts.items():
        assert text.encode() == (data.DATA_DIR / name).read_bytes(), name
    assert release == pd.Timestamp("2025-08-28")
    # a later release: the date and a new quarter follow the workbook
    later = _workbook(lambda book: (_set("data", "A3", "Estimates based on data available on November 20, 2025.  "
                                                      "Final data point: 2025Q3")(book)))
    assert refresh.rstar_workbook(later)[1] == pd.Timestamp("2025-11-20")


@pytest.mark.parametrize("edit, rule", [
    (lambda book: book.remove(book["input data"]), "expected 'data' and 'input data'"),
    (_set("data", "H5", "Smoothed Estimates"), "expected ['rstar_onesided'"),
    (_set("data", "A3", "Estimates as of late summer"), "the release date cannot be read"),
    (_set("data", "A100", "1985Q3"), "the workbook's date '1985Q3' is not a date"),
    (_set("data", "C100", None), "empty"),
])
def test_a_workbook_whose_layout_changed_is_refused_with_nothing_written(cut, tmp_path, edit, rule):
    downloads = vintages.publisher_downloads(tmp_path / "downloads")
    (downloads / refresh.RSTAR_WORKBOOK).write_bytes(_workbook(edit))
    before = _state(cut)
    with pytest.raises(data.DataFileError) as raised:
        refresh.refresh(source_dir=downloads, target=cut)
    assert raised.value.filename == refresh.RSTAR_FILE and rule in str(raised.value)
    assert _state(cut) == before
    (downloads / refresh.RSTAR_WORKBOOK).write_bytes(b"PK not a workbook")
    with pytest.raises(data.DataFileError, match="is not a workbook Excel can open"):
        refresh.refresh(source_dir=downloads, target=cut)
    assert _state(cut) == before


def test_a_re_estimated_r_star_is_reported_not_refused(cut, tmp_path):
    # each release re-estimates the model, so history moves: a 1.5-point change in one quarter's r-star would stop
    # a FRED series, here it is reported
    downloads = vintages.publisher_downloads(tmp_path / "downloads")
    before = _workbook(lambda book: None)
    import io

    import openpyxl

    value = openpyxl.load_workbook(io.BytesIO(before))["data"]["C100"].value
    (downloads / refresh.RSTAR_WORKBOOK).write_bytes(_workbook(_set("data", "C100", value + 1.5)))
    revisions = {r.filename: r for r in refresh.refresh(source_dir=downloads, target=cut)}
    rstar = revisions[refresh.RSTAR_FILE]
    assert rstar.revised_rows == 1 and rstar.largest_revision == pytest.approx(1.5, abs=1e-12)
    assert revisions[refresh.RSTAR_INPUT_FILE].revised_rows == 0
