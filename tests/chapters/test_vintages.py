"""Every chapter runs on other vintages of the data: one that ends earlier and one that runs on later.

A teacher who refreshes the data next term must not meet a chapter that fails or a sentence that went false:
windows, decades, the candle month, "the last year", open trades and unrecovered falls are all computed from
where the data end. The vintages are made from the shipped files (rut_book.vintages): one cut half a year
earlier, one continued for most of a year by a seeded synthetic continuation.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient
from rut_book import vintages

from rut_edu import data

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SHIPPED_END = data.load_russell2000_daily().index[-1]
VINTAGES = {
    "cut": lambda folder: vintages.cut_vintage(folder, vintages.half_a_year_earlier()),
    # nine months past the latest shipped file's end
    "extended": lambda folder: vintages.extended_vintage(
        folder, f"{SHIPPED_END + pd.DateOffset(months=9) + pd.offsets.BMonthEnd(0):%Y-%m-%d}", seed=2026),
}


@pytest.fixture(scope="module", params=sorted(VINTAGES))
def vintage(request, tmp_path_factory) -> tuple[str, Path]:
    return request.param, VINTAGES[request.param](tmp_path_factory.mktemp(request.param))


def test_the_vintages_end_where_they_say(vintage, monkeypatch):
    name, folder = vintage
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(folder))
    data.clear_cache()
    try:
        end = data.load_russell2000_daily().index[-1]
        assert (end < SHIPPED_END) if name == "cut" else (end > SHIPPED_END)
        assert data.load_fred("tb3ms").index[-1] + pd.offsets.MonthEnd(4) >= end  # the bill rate reaches the prices
    finally:
        monkeypatch.delenv(data.DATA_DIR_VARIABLE)
        data.clear_cache()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chapter_runs_on_the_vintage(vintage, path, monkeypatch):
    name, folder = vintage
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(folder))  # the kernel inherits it
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [(number, output["ename"], output["evalue"][:300])
              for number, cell in enumerate(notebook.cells) if cell.cell_type == "code"
              and "raises-exception" not in cell.metadata.get("tags", [])
              for output in cell.get("outputs", []) if output["output_type"] == "error"]
    assert errors == [], f"{path.stem} on the {name} vintage: {errors}"
    # A warning is a page gone wrong too: a figure whose labels collide on the new data (FigureTextWarning), a
    # library complaining about what it was given. The shipped run has none (nbval compares every stream).
    warned = [(number, output["text"][:300]) for number, cell in enumerate(notebook.cells)
              for output in cell.get("outputs", []) if output["output_type"] == "stream" and output["name"] == "stderr"]
    assert warned == [], f"{path.stem} on the {name} vintage warns: {warned}"
