"""Tables as a page shows them (rut_edu.reporting.for_reading)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rut_edu import reporting


def test_labels_and_dates_read_as_words_and_days_values_untouched():
    frame = pd.DataFrame({"peak": pd.to_datetime(["2018-08-31", "2021-11-08"]), "days_to_trough": [392, 17],
                          "depth": [-0.4213, -0.2101], "note": ["deepest", "second"]},
                         index=pd.Index(["a", "b"], name="episode_id"))
    shown = reporting.for_reading(frame)
    assert list(shown.columns) == ["peak", "days to trough", "depth", "note"]
    assert shown.index.name == "episode id"
    assert shown["peak"].tolist() == ["2018-08-31", "2021-11-08"]
    assert shown["days to trough"].tolist() == [392, 17] and shown["depth"].tolist() == [-0.4213, -0.2101]
    assert "00:00:00" not in shown.to_html()
    assert list(frame.columns) == ["peak", "days_to_trough", "depth", "note"]  # the original is left alone


def test_a_date_index_and_a_series_and_a_time_of_day_that_matters():
    days = pd.Series([1.5, 2.5], index=pd.DatetimeIndex(["2024-01-02", "2024-01-03"], name="trade_date"),
                     name="median_change")
    shown = reporting.for_reading(days)
    assert shown.name == "median change" and shown.index.name == "trade date"
    assert list(shown.index) == ["2024-01-02", "2024-01-03"]
    stamped = pd.DataFrame({"at": [pd.Timestamp("2024-01-02 15:30")]})
    assert reporting.for_reading(stamped)["at"].iloc[0] == pd.Timestamp("2024-01-02 15:30")  # kept whole


@pytest.mark.parametrize("bad, message", [
    ([1, 2], "DataFrame or Series"),
    (pd.DataFrame(), "empty"),
    (pd.DataFrame({"x": [1.0, np.nan]}), "missing value"),
    (pd.DataFrame({"x": [pd.NaT, pd.Timestamp("2024-01-02")]}), "missing value"),
    (pd.Series([1.0, np.inf]), "infinite"),
])
def test_tables_a_reader_cannot_use_are_refused(bad, message):
    with pytest.raises(ValueError, match=message):
        reporting.for_reading(bad)


def test_ordinals_by_hand_with_the_teens_and_the_hundreds():
    from rut_edu import reporting

    cases = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 10: "10th", 11: "11th", 12: "12th", 13: "13th", 14: "14th",
             21: "21st", 22: "22nd", 23: "23rd", 101: "101st", 111: "111th", 112: "112th", 113: "113th",
             1_001: "1,001st", 2_000: "2,000th"}
    assert {n: reporting.ordinal(n) for n in cases} == cases


def test_a_fall_not_yet_recovered_is_said_in_words_with_the_data_end():
    falls = pd.DataFrame({"depth": [-0.3, -0.4], "recovery": [pd.Timestamp("2021-01-08"), pd.NaT],
                          "days_to_recover": [300.0, np.nan]})
    shown = reporting.unrecovered(falls, as_of=pd.Timestamp("2025-08-29"))
    assert shown["recovery"].tolist() == ["2021-01-08", "not recovered by 2025-08-29"]
    assert shown["days_to_recover"].tolist() == [300, "-"]
    assert shown["depth"].tolist() == [-0.3, -0.4]
    assert reporting.for_reading(shown).shape == (2, 3)  # nothing left for the reader to guess
    with pytest.raises(ValueError, match="columns 'recovery' and 'days_to_recover'"):
        reporting.unrecovered(falls.drop(columns="recovery"), as_of=pd.Timestamp("2025-08-29"))


def test_labels_come_from_one_registry_and_spaces_otherwise():
    from rut_edu import backtest, reporting

    assert reporting.label("sharpe") == "Sharpe ratio (returns over cash)"
    assert reporting.label("days_to_trough") == "days to trough"
    assert reporting.label(2024) == 2024
    # every field of a backtest's performance reads as the chapter printed it before the keys became names
    fields = [field.name for field in __import__("dataclasses").fields(backtest.Performance)]
    shown = [reporting.label(name) for name in fields]
    assert shown[:4] == ["trades (closed)", "open at the end", "open trade, marked to market ($)", "hit rate"]
    assert len(set(shown)) == len(shown)
    table = pd.DataFrame({"max_drawdown": [-0.2], "hit_rate": [None]}, index=pd.Index(["sharpe"], name="half_year"))
    shown_table = reporting.labelled(table)
    assert list(shown_table.columns) == ["maximum drawdown", "hit rate"]
    assert list(shown_table.index) == ["Sharpe ratio (returns over cash)"] and shown_table.index.name == "half-year"
    assert shown_table.iloc[0, 1] is None
    with pytest.raises(TypeError, match="DataFrame or Series"):
        reporting.labelled({"sharpe": 0.4})
