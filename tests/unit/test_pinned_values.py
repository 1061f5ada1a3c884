"""Numbers pinned tightly enough to catch a wrong one without nbval.

Real-data statistics are pinned to 1e-6 relative and checked against an independent
numpy computation from the raw CSV text; rolling statistics are compared as whole series;
every loader is compared, cell for cell, with its file; small cases are worked by hand
and cover odd counts, ties and flat days.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest
from rut_book.glossary_directive import escape_currency
from vintage_pins import PINNED_THROUGH

from rut_edu import data, glossary, index, quiz, reporting, risk
from rut_edu.comparison import caveats
from rut_edu.widgets import cap_weighting
from rut_edu.widgets.html_bars import css_bar
from rut_edu.widgets.volatility import summary_html

RTOL = 1e-6


def raw_csv(filename: str) -> tuple[list[str], list[str], np.ndarray]:
    """Header, first column and the numeric cells of a shipped file, parsed without pandas."""
    rows = list(csv.reader(io.StringIO(data.read_verified_bytes(filename).decode())))
    header, body = rows[0], rows[1:]
    numeric = [i for i, name in enumerate(header) if name not in ("date", "quarter")]
    values = np.array([[float(row[i]) if row[i] else np.nan for i in numeric] for row in body])
    return [header[i] for i in numeric], [row[0] for row in body], values


# ------------------------------------------------------------ loaders, cell for cell
LOADERS = {
    "rut_daily.csv": (data.load_russell2000_daily, 1.0),
    "gspc_daily.csv": (data.load_sp500_daily, 1.0),
    "ff3_factors_daily.csv": (lambda: data.load_ff_factors(frequency="daily"), 100.0),
    "ff3_factors_monthly.csv": (lambda: data.load_ff_factors(frequency="monthly"), 100.0),
    "ff3_factors_annual.csv": (lambda: data.load_ff_factors(frequency="annual"), 100.0),
    "ff_size_portfolios_daily_vw.csv": (lambda: data.load_size_portfolios(frequency="daily", weighting="value"), 100.0),
    "ff_size_portfolios_monthly_vw.csv": (lambda: data.load_size_portfolios(frequency="monthly", weighting="value"), 100.0),
    "ff_size_portfolios_monthly_ew.csv": (lambda: data.load_size_portfolios(frequency="monthly", weighting="equal"), 100.0),
    "ff_size_portfolios_annual_vw.csv": (lambda: data.load_size_portfolios(frequency="annual", weighting="value"), 100.0),
    "ff_size_portfolios_annual_ew.csv": (lambda: data.load_size_portfolios(frequency="annual", weighting="equal"), 100.0),
    "ff_size_portfolios_nfirms_monthly.csv": (data.load_size_portfolio_firm_counts, 1.0),
    "ff_size_portfolios_avgsize_monthly.csv": (data.load_size_portfolio_average_cap, 1.0),
    "lw_rstar_quarterly.csv": (data.load_rstar, 1.0),
    "lw_input_data_quarterly.csv": (data.load_rstar_inputs, 1.0),
    **{filename: ((lambda key=key: data.load_fred(key).to_frame()), 1.0) for key, (filename, _) in data.FRED_SERIES.items()},
}


def test_every_file_has_a_loader_check():
    assert sorted(LOADERS) == sorted(data.CHECKSUMS)


@pytest.mark.parametrize("filename", sorted(LOADERS))
def test_loader_matches_its_file_cell_for_cell(filename):
    loader, scale = LOADERS[filename]
    _, dates, values = raw_csv(filename)
    frame = loader()
    assert len(frame) == len(dates)
    np.testing.assert_allclose(frame.to_numpy(dtype=float), values / scale, rtol=1e-12, equal_nan=True)
    # Dates: the first and last rows are the file's (monthly and annual rows fall on their period's end).
    first = pd.Timestamp(dates[0])
    assert frame.index[0].year == first.year and frame.index[0].month in (first.month, 12)


def test_one_known_value_per_source():
    assert data.load_russell2000_daily().loc["2020-03-18", "close"] == pytest.approx(991.16, rel=1e-9)
    assert data.load_ff_factors(frequency="monthly").loc["1926-07-31", "smb"] == pytest.approx(-0.0255, rel=1e-12)
    assert data.load_ff_factors(frequency="daily").loc["1926-07-01", "rf"] == pytest.approx(0.00009, rel=1e-12)
    assert data.load_size_portfolios(frequency="monthly", weighting="value").loc["1926-07-31", "d1"] == pytest.approx(-0.0062,
                                                                                                                      rel=1e-12)
    assert data.load_rstar().loc["1961-01-01", "rstar_onesided"] == pytest.approx(5.05824097461067, rel=1e-12)
    assert data.load_fred("dff").loc["1954-07-01"] == pytest.approx(1.13, rel=1e-12)


# ------------------------------------------------------------ real-data statistics, independent oracle
@pytest.fixture(scope="module")
def closes():
    """RUT and S&P 500 closes on their common dates, parsed from the raw files with the csv module."""
    columns, dates, rut = raw_csv("rut_daily.csv")
    rut_close = dict(zip(dates, rut[:, columns.index("close")]))
    columns, dates, spx = raw_csv("gspc_daily.csv")
    spx_close = dict(zip(dates, spx[:, columns.index("close")]))
    common = sorted(d for d in set(rut_close) & set(spx_close) if d <= PINNED_THROUGH)
    return np.array([rut_close[d] for d in common]), np.array([spx_close[d] for d in common]), common


def test_full_sample_statistics_pinned_and_matched_by_numpy(closes):
    rut_np, spx_np, common = closes
    assert (len(common), common[0], common[-1]) == (9686, "1987-09-10", "2026-02-23")
    lr, ls = np.diff(np.log(rut_np)), np.diff(np.log(spx_np))
    rut = data.load_russell2000_daily()["close"].loc[:PINNED_THROUGH]
    spx = data.load_sp500_daily()["close"].loc[:PINNED_THROUGH]
    a, b = risk.common_dates(rut, spx)
    ra, rb = risk.log_returns(a), risk.log_returns(b)
    vol_rut = risk.annualised_volatility(ra, periods_per_year="daily")
    assert vol_rut == pytest.approx(np.std(lr, ddof=1) * np.sqrt(252), rel=1e-10)
    assert vol_rut == pytest.approx(0.2160986664, rel=RTOL)
    assert risk.annualised_volatility(rb, periods_per_year="daily") == pytest.approx(0.1854135807, rel=RTOL)
    assert risk.correlation(ra, rb) == pytest.approx(np.corrcoef(lr, ls)[0, 1], rel=1e-10)
    assert risk.correlation(ra, rb) == pytest.approx(0.8500085446, rel=RTOL)
    assert risk.beta(ra, rb) == pytest.approx(np.cov(lr, ls)[0, 1] / np.var(ls, ddof=1), rel=1e-10)
    assert risk.beta(ra, rb) == pytest.approx(0.9906810074, rel=RTOL)
    x = np.column_stack([np.ones(len(ls) - 1), ls[1:], ls[:-1]])
    slopes = np.linalg.lstsq(x, lr[1:], rcond=None)[0]
    assert risk.dimson_beta(ra, rb, lags=1) == pytest.approx(slopes[1] + slopes[2], rel=1e-9)
    assert risk.dimson_beta(ra, rb, lags=1) == pytest.approx(1.0356635207, rel=RTOL)
    capture = risk.capture_ratios(ra.loc["2010":], rb.loc["2010":])
    assert capture.up == pytest.approx(1.1818225797, rel=RTOL)
    assert capture.down == pytest.approx(1.2342705991, rel=RTOL)
    assert risk.max_drawdown(rut) == pytest.approx(-0.5988875516, rel=RTOL)
    assert risk.mean_t_statistic(data.load_ff_factors(frequency="monthly")["smb"].loc[:PINNED_THROUGH[:7]]) == pytest.approx(
        1.8210073155, rel=RTOL)


def test_drawdown_episodes_of_the_russell_2000_pinned_whole():
    episodes = risk.drawdown_episodes(data.load_russell2000_daily()["close"].loc[:PINNED_THROUGH], threshold=0.30)
    expected = pd.DataFrame(
        [("1987-10-05", "1987-10-28", "1989-06-02", -0.385186, 23, 583),
         ("1989-10-09", "1990-10-30", "1991-10-16", -0.342737, 386, 351),
         ("1998-04-21", "1998-10-08", "1999-12-29", -0.368592, 170, 447),
         ("2000-03-09", "2002-10-09", "2004-04-05", -0.460375, 944, 544),
         ("2007-07-13", "2009-03-09", "2011-04-27", -0.598888, 605, 779),
         ("2018-08-31", "2020-03-18", "2020-11-13", -0.430613, 565, 240),
         ("2021-11-08", "2023-10-27", "2025-09-18", -0.329875, 718, 692)],
        columns=["peak", "trough", "recovery", "depth", "days_to_trough", "days_to_recover"],
    )
    for column in ("peak", "trough", "recovery"):
        assert episodes[column].dt.strftime("%Y-%m-%d").tolist() == expected[column].tolist()
    np.testing.assert_allclose(episodes["depth"], expected["depth"], rtol=2e-6)
    assert episodes["days_to_trough"].tolist() == expected["days_to_trough"].tolist()
    assert episodes["days_to_recover"].tolist() == expected["days_to_recover"].tolist()


def _windows(values: np.ndarray, window: int):
    return [values[i - window:i] for i in range(window, len(values) + 1)]


def test_rolling_statistics_equal_a_loop_over_every_window():
    rut = data.load_russell2000_daily()["close"].loc["2019":"2021"]
    spx = data.load_sp500_daily()["close"].loc["2019":"2021"]
    a, b = risk.common_dates(rut, spx)
    ra, rb = risk.log_returns(a), risk.log_returns(b)
    window = 21
    vol = risk.rolling_volatility(ra, window=window, periods_per_year="daily")
    assert vol.index.equals(ra.index[window - 1:])  # full windows only
    np.testing.assert_allclose(vol, [np.std(w, ddof=1) * np.sqrt(252) for w in _windows(ra.to_numpy(), window)],
                               rtol=1e-9)
    beta = risk.rolling_beta(ra, rb, window=window)
    expected_beta = [np.cov(x, y)[0, 1] / np.var(y, ddof=1)
                     for x, y in zip(_windows(ra.to_numpy(), window), _windows(rb.to_numpy(), window))]
    assert beta.index.equals(ra.index[window - 1:])
    np.testing.assert_allclose(beta, expected_beta, rtol=1e-8)
    corr = risk.rolling_correlation(ra, rb, window=window)
    expected_corr = [np.corrcoef(x, y)[0, 1] for x, y in zip(_windows(ra.to_numpy(), window), _windows(rb.to_numpy(), window))]
    np.testing.assert_allclose(corr, expected_corr, rtol=1e-8)


# ------------------------------------------------------------ worked by hand: ties, flat days, odd counts
DATES = pd.to_datetime(["2024-01-02", "2024-01-05", "2024-01-12", "2024-02-01", "2024-03-01", "2024-03-04"])


def test_days_are_counted_from_the_trough_and_the_peak():
    levels = pd.Series([100.0, 120.0, 90.0, 60.0, 110.0, 125.0], index=DATES)
    row = risk.drawdown_episodes(levels, threshold=0.3).iloc[0]
    assert (row["peak"], row["trough"], row["recovery"]) == (DATES[1], DATES[3], DATES[5])
    assert row["days_to_trough"] == (DATES[3] - DATES[1]).days == 27
    assert row["days_to_recover"] == (DATES[5] - DATES[3]).days == 32
    window = risk.drawdown_in_window(levels, start="2024-01-01", end="2024-03-01")
    assert window["days_to_trough"] == 27 and window["days_to_recover"] == 32


def test_getting_back_exactly_to_the_old_high_counts_as_recovery():
    levels = pd.Series([100.0, 120.0, 80.0, 90.0, 120.0, 119.0], index=DATES)
    row = risk.drawdown_episodes(levels, threshold=0.2).iloc[0]
    assert row["recovery"] == DATES[4]
    assert risk.drawdown_in_window(levels, start="2024-01-01", end="2024-02-01")["recovery"] == DATES[4]


def test_flat_market_days_are_neither_up_nor_down():
    days = pd.bdate_range("2024-01-01", periods=6)
    market = pd.Series([0.01, 0.0, -0.02, 0.03, 0.0, -0.01], index=days)
    asset = pd.Series([0.02, 0.05, -0.03, 0.03, -0.04, -0.02], index=days)
    capture = risk.capture_ratios(asset, market)
    assert capture.up == pytest.approx(((0.02 + 0.03) / 2) / ((0.01 + 0.03) / 2), rel=1e-12)
    assert capture.down == pytest.approx(((-0.03 - 0.02) / 2) / ((-0.02 - 0.01) / 2), rel=1e-12)


def test_odd_counts_and_ties_in_concentration():
    w = pd.Series([0.1, 0.1, 0.2, 0.25, 0.35])
    assert index.smallest_half_share(w) == pytest.approx(0.2, rel=1e-12)  # two of five, the middle one left out
    assert index.top_weight(w, n=2) == pytest.approx(0.6, rel=1e-12)
    assert index.effective_number(w) == pytest.approx(1 / (0.01 + 0.01 + 0.04 + 0.0625 + 0.1225), rel=1e-12)
    assert index.effective_number([0.25] * 4) == pytest.approx(4.0, rel=1e-12)


def test_worst_periods_keep_dates_and_order():
    r = pd.Series([0.01, -0.03, -0.01, -0.03, 0.02], index=DATES[:5])
    worst = risk.worst_periods(r, n=3)
    assert worst.tolist() == [-0.03, -0.03, -0.01]
    assert set(worst.index[:2]) == {DATES[1], DATES[3]}


def test_resampling_takes_the_last_level_of_each_period():
    days = pd.bdate_range("2024-01-01", "2024-02-29")
    levels = pd.Series(np.arange(1.0, len(days) + 1), index=days)
    weekly = risk.resample_levels(levels, frequency="weekly")
    assert (weekly.index.day_of_week == 4).all()
    assert weekly.iloc[0] == levels.loc["2024-01-05"]
    monthly = risk.resample_levels(levels, frequency="monthly")
    assert monthly.tolist() == [levels.loc["2024-01-31"], levels.loc["2024-02-29"]]


def test_window_tables_by_hand():
    days = pd.bdate_range("2024-01-01", periods=40)
    rng = np.random.default_rng(3)
    m = pd.Series(rng.normal(0, 0.01, 40), index=days)
    a = 1.5 * m + pd.Series(rng.normal(0, 0.002, 40), index=days)
    table = risk.beta_by_window(a, m, windows={"all": ("2024-01-01", "2024-12-31")}, dimson_lags=1)
    assert table.loc["all", "beta"] == pytest.approx(risk.beta(a, m), rel=1e-12)
    means = risk.mean_by_window(a, windows={"all": ("2024-01-01", "2024-12-31")}, periods_per_year="daily")
    assert means.loc["all", "mean_per_year"] == pytest.approx(a.mean() * 252, rel=1e-12)
    assert means.loc["all", "periods"] == 40
    both = risk.volatility_and_mean(pd.DataFrame({"a": a}), periods_per_year="daily")
    assert both.loc["volatility", "a"] == pytest.approx(a.std(ddof=1) * np.sqrt(252), rel=1e-12)


def test_steps_table_by_hand():
    table = pd.DataFrame({"price": [10.0, 20.0], "shares": [1e6, 1e6], "float_factor": [1.0, 0.5]}, index=["A", "B"])
    start = index.CapWeightedIndex.launch(table, 100.0)
    steps = index.steps_table({"launch": start, "A doubles": start.reprice({"A": 20.0})})
    assert steps["market_value_millions"].tolist() == pytest.approx([20.0, 30.0], rel=1e-12)
    assert steps["divisor"].tolist() == pytest.approx([2e5, 2e5], rel=1e-12)
    assert steps["level"].tolist() == pytest.approx([100.0, 150.0], rel=1e-12)


# ------------------------------------------------------------ small helpers
def test_glossary_search_folds_case():
    lower = [e.term for e in glossary.search("divisor")]
    assert lower and [e.term for e in glossary.search("DIVISOR")] == lower == [e.term for e in glossary.search("Divisor")]


def test_reporting_rounds_to_significant_digits():
    assert reporting.significant(0.8500085445995058) == 0.85000854
    assert reporting.significant(0.8500085445995057) == reporting.significant(0.8500085445995058)
    assert reporting.significant(1234.5678, digits=3) == 1230.0
    assert reporting.significant(-0.000123456789, digits=4) == -0.0001235
    assert reporting.portable(7) == 7 and reporting.portable("text") == "text"
    assert reporting.SIGNIFICANT_DIGITS == 8


@pytest.mark.parametrize("name", ["meet_the_russell_2000", "cap_weighting", "small_caps_volatility"])
def test_quizzes_load_and_mark_an_answer(name):
    questions = quiz.load(name)
    assert len(questions) >= 3
    for q in questions:
        assert q["type"] in quiz.QUESTION_TYPES
        if q["type"] == "numeric":
            assert any(a.get("correct") for a in q["answers"]) or any(a.get("type") == "range" for a in q["answers"])


def test_quiz_bad_name():
    with pytest.raises(ValueError, match="known quizzes"):
        quiz.load("no_such_quiz")


def test_currency_escaping():
    assert escape_currency("$50 and ($5)") == r"\$50 and (\$5)"
    assert escape_currency(r"already \$5") == r"already \$5"
    assert escape_currency("$x$ stays maths") == "$x$ stays maths"


def test_css_bar_widths():
    assert "width:100.0%" in css_bar(1.7, "#000")
    assert "width:25.0%" in css_bar(-0.25, "#000")
    assert "margin-left:auto" in css_bar(-0.25, "#000", from_right=True)
    assert "margin-left" not in css_bar(0.25, "#000")
    assert "aria-hidden='true'" in css_bar(0.5, "#000")


def test_volatility_readout_warns_about_few_returns_and_coarse_drawdowns():
    summary = pd.Series({"asset_volatility": 0.2, "market_volatility": 0.15, "volatility_ratio": 1.33, "beta": 1.1,
                         "correlation": 0.8, "asset_max_drawdown": -0.2, "market_max_drawdown": -0.1, "returns": 11.0})
    notes = caveats(summary, frequency="monthly")
    assert len(notes) == 2 and "Only 11 monthly returns" in notes[0] and "monthly closing levels" in notes[1]
    assert caveats(summary.replace(11.0, 2520.0), frequency="daily") == []
    html = summary_html(summary, ("R", "S"), "2020-2020, monthly returns", "monthly")
    assert html.count("role='note'") == 2 and "20.0%" in html and "1.33" in html


def test_every_company_can_be_selected_without_moving_the_index():
    table = pd.DataFrame({"price": [400.0, 0.37, 12.5], "shares": [150e6, 2e9, 3.3e6], "float_factor": [0.87, 0.06, 1.0]},
                         index=["big", "penny", "tiny"])
    start = index.CapWeightedIndex.launch(table, 1000.0)
    box = cap_weighting.cap_weighting_explorer(start)
    company, price, shares, float_factor, summary = box.children
    for name in ["penny", "tiny", "big", "penny"]:
        company.value = name
        assert (price.value, shares.value, float_factor.value) == (0.0, 0.0, cap_weighting.AS_LAUNCHED)
        assert "1,000.00 &rarr; 1,000.00" in summary.value, name
    # one slider fits every company: +100% doubles the penny stock's price as it doubles the giant's
    price.value = 1.0
    penny_weight = 0.37 * 2e9 * 0.06
    weights = {"big": 400.0 * 150e6 * 0.87, "penny": 2 * penny_weight, "tiny": 12.5 * 3.3e6}
    assert f"{weights['penny'] / sum(weights.values()):.2%}" in summary.value


def test_published_weights_are_decimals():
    from rut_edu import family

    sectors = family.IWM_SNAPSHOT_GICS_SECTORS
    assert sectors.between(0, 1).all() and sectors.sum() == pytest.approx(1.0, abs=0.01)
    assert sectors["Industrials"] == 0.195
    concentration = family.IWM_SNAPSHOT_CONCENTRATION.drop(["constituents", "effective number"])
    assert concentration.between(0, 1).all()


def test_quiz_strings_carry_no_dollar_sign():
    # jupyterquiz hands its strings to MathJax, which reads a pair of $ as maths ("\\(5 a point); RTY pays \\)50");
    # currency is written in words
    from pathlib import Path

    for path in (Path(__file__).resolve().parents[2] / "rut_edu" / "quizzes").glob("*.json"):
        assert "$" not in path.read_text(encoding="utf-8"), path.name
