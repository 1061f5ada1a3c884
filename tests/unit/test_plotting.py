"""The phone drawing of a chart (rut_edu.plotting.phone_layout and phone_png): readable type, no touching labels,
the figure put back as it was, and the drawing carried beside the full-width one."""

from __future__ import annotations

import base64

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from rut_edu import plotting  # noqa: E402
from rut_edu.plotting import charts  # noqa: E402


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _touching(axis) -> bool:
    """Whether two neighbouring tick labels stand closer than half a line's height (measured here, not by the
    package's own check)."""
    boxes = sorted((label.get_window_extent() for label in axis.get_ticklabels() if label.get_text()),
                   key=lambda box: box.x0)
    return any(right.x0 - left.x1 < left.height / 2 for left, right in zip(boxes, boxes[1:]))


def test_type_on_a_phone_keeps_about_eleven_pixels_where_the_full_width_drawing_had_five():
    # by hand: a 390 px phone shows the article column about 340 CSS px wide; 9.5 pt type is 9.5/72 inch
    column, tick_points = 340, 9.5
    assert tick_points / 72 * column / plotting.SIZES["wide"][0] == pytest.approx(5.61, abs=0.01)
    assert tick_points / 72 * column / plotting.PHONE_WIDTH == pytest.approx(11.22, abs=0.01)


def test_dense_dates_are_thinned_with_the_labels_the_full_width_figure_chose():
    days = pd.bdate_range("2016-12-15", "2017-05-01")
    fig, ax = plotting.new_figure(size="wide")
    ax.plot(days, np.arange(len(days)))
    fig.canvas.draw()
    wide = [label.get_text() for label in ax.get_xticklabels() if label.get_text()]
    with plotting.phone_layout(fig):
        assert not _touching(ax.xaxis)
        kept = [label.get_text() for label in ax.get_xticklabels() if label.get_text()]
        assert 2 <= len(kept) < len(wide) and set(kept) <= set(wide) and kept[0] == wide[0]
    fig.canvas.draw()
    assert [label.get_text() for label in ax.get_xticklabels() if label.get_text()] == wide
    plt.close(fig)


def test_names_are_tilted_never_dropped_and_the_figure_is_put_back():
    names = ["ridge regression", "gradient boosting", "small neural network", "always up"]
    fig, ax = plotting.new_figure(size="wide")
    ax.bar(range(4), [0.52, 0.53, 0.52, 0.54])
    ax.set_xticks(range(4), names)
    ax.set_title("a title that is far too long to fit on one line of a figure only four inches wide")
    locator, formatter = ax.xaxis.get_major_locator(), ax.xaxis.get_major_formatter()
    with plotting.phone_layout(fig):
        assert fig.get_size_inches().tolist() == [plotting.PHONE_WIDTH, 4.2]
        assert [label.get_text() for label in ax.get_xticklabels()] == names
        # tilted, these names still touch on a phone, so they stand upright
        assert {label.get_rotation() for label in ax.get_xticklabels()} == {90.0}
        assert not _touching(ax.xaxis) and "\n" in ax.get_title()
    assert fig.get_size_inches().tolist() == [8.0, 4.2]
    assert ax.xaxis.get_major_locator() is locator and ax.xaxis.get_major_formatter() is formatter
    assert {label.get_rotation() for label in ax.get_xticklabels()} == {0.0}
    assert "\n" not in ax.get_title()
    plt.close(fig)


def test_a_single_charts_legend_moves_under_it_and_back():
    fig, ax = plotting.new_figure(size="wide")
    ax.plot([0, 1], [0, 1], label="honest walk-forward")
    ax.plot([0, 1], [1, 0], label="leaky: a centred average among the features")
    ax.legend(loc="upper left")
    with plotting.phone_layout(fig):
        assert not ax.get_legend().get_visible() and len(fig.legends) == 1
        fig.canvas.draw()
        below, chart = fig.legends[0].get_window_extent(), ax.get_window_extent()
        assert below.y1 < chart.y0  # wholly under the chart
        assert [t.get_text() for t in fig.legends[0].get_texts()] == ["honest walk-forward",
                                                                     "leaky: a centred average among the features"]
    assert ax.get_legend().get_visible() and not fig.legends
    plt.close(fig)


def test_labels_with_room_are_left_alone():
    fig, ax = plotting.new_figure(size="wide")
    ax.plot([0, 1, 2], [1, 2, 3])
    fig.canvas.draw()
    locator = ax.xaxis.get_major_locator()
    with plotting.phone_layout(fig):
        assert ax.xaxis.get_major_locator() is locator
        assert {label.get_rotation() for label in ax.get_xticklabels()} == {0.0}
    plt.close(fig)


def test_every_chart_shape_draws_for_a_phone_without_touching_labels():
    # the shapes the chapters use most: categories, dates, several panels
    years = pd.Series(np.linspace(0.1, 0.6, 40), index=range(1987, 2027))
    measures = pd.DataFrame({"IWM holdings, May 2026": [0.07, 0.29, 0.10, 530.0],
                             "synthetic Russell 2000": [0.07, 0.31, 0.10, 560.0]},
                            index=["top 10 weight", "top 100 weight", "smallest half weight", "effective number"])
    hit_rates = pd.Series([0.47, 0.53, 0.52], index=["random walk", "always up", "small neural network"])
    for fig in (charts.curves(years.to_frame("share"), xlabel="year", ylabel="share", percent_y=True),
                charts.compare_measures(measures),
                charts.bar_values(pd.Series([3.0, 1.0, 2.0], index=["alpha", "beta", "gamma"]), xlabel="value"),
                charts.interval_dots(hit_rates, hit_rates - 0.01, hit_rates + 0.01, reference=0.53,
                                     reference_label="share of up days",
                                     xlabel="share of days whose direction was forecast right")):
        with plotting.phone_layout(fig):
            assert not any(_touching(ax.xaxis) for ax in fig.axes)
            page = fig.bbox
            for ax in fig.axes:  # a long axis label wraps inside the figure instead of running off its edge
                label = ax.xaxis.label.get_window_extent()
                assert page.x0 <= label.x0 and label.x1 <= page.x1, (ax.get_xlabel(), label, page)
        width, height = _png_size(plotting.phone_png(fig))
        # 4 inches at 165 dpi, less the white margin the crop removes, never more
        assert 560 <= width <= plotting.PHONE_WIDTH * plotting.PHONE_DPI, width
        plt.close(fig)


def test_show_carries_the_phone_drawing_beside_the_full_width_one(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    fig, ax = plotting.new_figure(size="wide")
    ax.plot([1, 2, 3])
    plotting.show(fig, alt="A rising line from one to three, for the test of the phone drawing.")
    (image,) = shown
    data, metadata = image._repr_png_()
    phone = base64.b64decode(metadata["phone"])
    assert metadata["alt"].startswith("A rising line")
    assert _png_size(base64.b64decode(data))[0] > 800 and 560 <= _png_size(phone)[0] <= 760
    assert not plt.get_fignums()  # closed


def test_show_refuses_alt_text_that_says_nothing():
    fig, _ = plotting.new_figure(size="wide")
    with pytest.raises(ValueError, match="alt text must describe"):
        plotting.show(fig, alt="a chart")
    plt.close(fig)


# ------------------------------------------------------------------ the text each drawing shows
def test_text_problems_names_overlaps_text_off_the_canvas_and_small_type_by_hand():
    fig, ax = plotting.new_figure(size="wide")
    ax.plot([0, 1], [0, 1])
    ax.text(0.5, 0.5, "here")
    ax.text(0.5, 0.5, "there")  # the same spot
    ax.text(1.3, 0.5, "far away", transform=ax.transAxes)  # right of the canvas
    ax.text(0.1, 0.9, "tiny", fontsize=7)  # 7 points: 7 x 340 / 288 = 8.3 px on a phone
    wide = plotting.text_problems(fig)
    assert "'here' and 'there' overlap" in wide and "'far away' runs off the canvas" in wide
    assert not any("tiny" in problem for problem in wide)  # small type is a phone's problem
    phone = plotting.text_problems(fig, phone=True)
    # the phone drawing raises small type to the least size a phone can read, so "tiny" is not named there
    assert "'here' and 'there' overlap" in phone and not any("tiny" in problem for problem in phone)
    assert ax.texts[-1].get_fontsize() == 7  # and the figure is put back
    plt.close(fig)
    with pytest.raises(TypeError, match="matplotlib Figure"):
        plotting.text_problems("a figure")


def test_small_type_is_named_when_nothing_raises_it():
    # measured as it stands (no phone layout): 8 points is 9.4 px on a phone, 8.1 is 9.56
    fig, ax = plotting.new_figure(size="wide")
    small, enough = ax.text(0.1, 0.2, "eight", fontsize=8.0), ax.text(0.6, 0.2, "enough", fontsize=8.1)
    fig.canvas.draw()
    problems = plotting._measured_problems(fig, phone=True)
    assert problems == ["'eight' is 9.4 px on a phone"] and small.get_fontsize() == 8.0 and enough
    plt.close(fig)


def test_texts_the_figure_does_not_draw_are_not_measured():
    fig, (diagram, chart) = plotting.new_figure(size="wide", ncols=2)
    diagram.axis("off")  # its tick labels exist but are not drawn
    chart.plot([0, 1], [0, 1], label="a line")
    legend = chart.legend()
    legend.set_visible(False)
    chart.set_xlim(0.2, 0.8)  # ticks outside the view carry labels that are not drawn
    assert plotting.text_problems(fig) == []
    assert plotting.text_problems(fig, phone=True) == []
    plt.close(fig)


def test_touching_value_labels_stand_upright_on_a_phone_and_are_put_back():
    # chapter 3's volatility ratios by decade: on a phone "1.32", "1.32" and "1.37" printed as one number
    table = pd.DataFrame({"daily": [0.89, 1.21, 1.32, 1.31], "weekly": [1.07, 1.25, 1.32, 1.35],
                          "monthly": [1.02, 1.30, 1.37, 1.29]}, index=["1987-1989", "1990s", "2000s", "2010s"])
    fig = charts.grouped_bars(table, ylabel="ratio")
    ax = fig.axes[0]
    with plotting.phone_layout(fig):
        rotations = {text.get_rotation() for text in ax.texts}
        assert plotting._measured_problems(fig, phone=True) == []
    assert rotations == {90.0} and {text.get_rotation() for text in ax.texts} == {0.0}
    assert plotting.text_problems(fig) == []
    plt.close(fig)


def test_a_timelines_labels_stay_apart_at_both_widths():
    dates = {"rank day": "2026-04-30", "preliminary list": "2026-05-22", "lock-down begins": "2026-06-08",
             "implementation (effective after the close)": "2026-06-26",
             "first session on the new membership": "2026-06-29"}
    fig = charts.timeline({"June 2026": {name: pd.Timestamp(day) for name, day in dates.items()}})
    assert plotting.text_problems(fig) == [] and plotting.text_problems(fig, phone=True) == []
    levels = [note.xyann[1] for note in fig.axes[0].texts]
    assert len(set(levels)) > 1  # the last three, days apart, cannot share a level
    plt.close(fig)


def _history_with_falls(troughs: list[str], years: int = 40) -> tuple[pd.Series, pd.DataFrame]:
    """A level rising 8% a year over ``years`` (month ends) with a 40% fall over three months into each trough
    and back out."""
    days = pd.date_range("1987-01-31", periods=12 * years, freq="ME")
    level = pd.Series(100 * 1.08 ** (np.arange(len(days)) / 12), index=days)
    rows = []
    for trough in map(pd.Timestamp, troughs):
        k = days.get_indexer([trough], method="nearest")[0]
        level.iloc[k - 3:k + 4] *= 1 - 0.4 * (1 - np.abs(np.arange(-3, 4)) / 3)
        rows.append({"peak": days[k - 3], "trough": days[k], "depth": -0.4})
    return level, pd.DataFrame(rows)


def test_a_falls_depth_labels_part_when_their_troughs_crowd_and_stay_centred_otherwise():
    # two troughs a year and a half apart in forty years: centred, their labels would touch on a phone
    fig = charts.level_history_log(*_history_with_falls(["1988-06-30", "1989-12-31", "2008-12-31"]), label="index")
    assert plotting.text_problems(fig) == [] and plotting.text_problems(fig, phone=True) == []
    with plotting.phone_layout(fig):
        placed = [(note.xyann, note.get_horizontalalignment()) for note in fig.axes[0].texts]
    assert placed[0] == ((0, -14), "center") and placed[1] != ((0, -14), "center"), placed
    assert placed[2] == ((0, -14), "center"), placed
    plt.close(fig)
    # troughs far apart keep the nearest place, centred under each trough, at both widths
    fig = charts.level_history_log(*_history_with_falls(["1990-06-30", "2005-06-30", "2020-06-30"]), label="index")
    with plotting.phone_layout(fig):
        assert [(note.xyann, note.get_horizontalalignment()) for note in fig.axes[0].texts] == [((0, -14), "center")] * 3
    assert [(note.xyann, note.get_horizontalalignment()) for note in fig.axes[0].texts] == [((0, -14), "center")] * 3
    plt.close(fig)


def test_show_names_each_text_problem_in_a_warning(monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda image: None)
    fig, ax = plotting.new_figure(size="wide")
    ax.text(0.5, 0.5, "one")
    ax.text(0.5, 0.5, "two")
    with pytest.warns(plotting.FigureTextWarning, match="'one' and 'two' overlap; on a phone, 'one' and 'two' overlap"):
        plotting.show(fig, alt="Two words on one spot, to test the warning.")
    fig, ax = plotting.new_figure(size="wide")
    ax.plot([1, 2, 3])
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error", plotting.FigureTextWarning)
        plotting.show(fig, alt="A clean rising line, which draws without a warning.")
