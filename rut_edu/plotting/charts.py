"""The course's charts, drawn in the house style from the pure modules' results.

Each function draws one kind of chart and returns the matplotlib figure; the
notebook shows it with :func:`rut_edu.plotting.show` and alt text.
"""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd

from rut_edu.plotting import LAYOUT_HOOKS, PALETTE, ROLE_COLOURS, _boxes_overlap, _drawn_ticks, new_figure


def family_by_rank(rank_ranges: dict[str, tuple[int, int]]):
    """Horizontal bars: which ranks each Russell index covers.

    Parameters
    ----------
    rank_ranges : dict of str to (int, int)
        Each index's first and last rank.

    Returns
    -------
    matplotlib.figure.Figure
        The drawn figure; pass it to :func:`rut_edu.plotting.show` with its alt text.

    Examples
    --------
    >>> fig = family_by_rank({"Russell 1000": (1, 1000), "Russell 2000": (1001, 3000)})
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, ax = new_figure(size="wide")
    names = list(rank_ranges)[::-1]
    colours = [PALETTE["sky"], PALETTE["green"], PALETTE["orange"], PALETTE["blue"], PALETTE["purple"]][::-1]
    for row, name in enumerate(names):
        low, high = rank_ranges[name]
        ax.barh(row, high - low + 1, left=low - 1, color=colours[row % len(colours)], edgecolor="black", height=0.6)
        ax.text(low - 1 + (high - low + 1) / 2, row, f"{name}\nranks {low:,}-{high:,}", ha="center", va="center",
                fontsize=9, color="black" if name != "Russell 2000" else "white")
    ax.set_yticks([])
    ax.set_xlim(0, 4000)
    ax.xaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
    ax.set_xlabel("rank by total market capitalization on rank day (1 = largest)")
    ax.grid(axis="y", visible=False)
    return fig


def level_history_log(levels: pd.Series, episodes: pd.DataFrame, *, label: str):
    """An index level on a log scale, each listed drawdown shaded from peak to trough and labelled with its depth.

    Each depth is written under its trough; labels that would touch part, at each width
    (:data:`DEPTH_LABEL_PLACES`).

    Parameters
    ----------
    levels : pandas.Series
        Index levels on dates.
    episodes : pandas.DataFrame
        Falls to shade, with ``peak`` and ``trough`` dates and a ``depth`` (as :func:`rut_edu.risk.drawdown_episodes`).
    label : str
        The index's name, for the legend.

    Returns
    -------
    matplotlib.figure.Figure
        The drawn figure; pass it to :func:`rut_edu.plotting.show` with its alt text.

    Examples
    --------
    >>> fig = level_history_log(pd.Series([100.0, 90.0, 95.0, 110.0, 120.0], index=pd.bdate_range("2024-01-01", periods=5)),
    ...     pd.DataFrame({"peak": [pd.Timestamp("2024-01-01")], "trough": [pd.Timestamp("2024-01-02")], "depth": [-0.1]}),
    ...     label="index")
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, ax = new_figure(size="wide")
    ax.plot(levels.index, levels.values, color=ROLE_COLOURS["russell2000"], label=label)
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
    for _, row in episodes.iterrows():
        ax.axvspan(row["peak"], row["trough"], color=ROLE_COLOURS["highlight"], alpha=0.18, lw=0)
        y = levels.loc[row["trough"]]
        ax.annotate(f"{row['depth']:.0%}", (row["trough"], y), textcoords="offset points",
                    xytext=DEPTH_LABEL_PLACES[0][0], ha="center", fontsize=8.5, color=ROLE_COLOURS["highlight"])
    ax.set_ylim(levels.min() * 0.8, levels.max() * 1.1)  # room for the depth labels under the troughs
    ax.set_ylabel("index points (log scale)")
    ax.legend(loc="upper left")
    # troughs a few years apart crowd as the history grows longer (or the figure narrower): their labels part
    setattr(fig, LAYOUT_HOOKS, [_part_depth_labels])
    _part_depth_labels(fig)
    return fig


DEPTH_LABEL_PLACES = tuple(((0, below), "baseline", lean) for below in (-14, -25, -36)
                           for lean in ("center", "left", "right"))
"""Where a fall's depth label may go, nearest first: under its trough (in points), centred on it, starting or
ending there; a line lower, then two, if all those touch."""


def _part_depth_labels(fig) -> None:
    """Place each depth label of :func:`level_history_log` at the first of :data:`DEPTH_LABEL_PLACES` where it
    touches no label placed before it nor the date labels (measured at the figure's present width)."""
    _place_labels(fig, DEPTH_LABEL_PLACES)


def rebased_comparison(series: dict[str, pd.Series], *, colours: dict[str, str], base: float = 100.0):
    """Several level series rebased to ``base`` at their common start, log scale.

    Parameters
    ----------
    series : dict of str to pandas.Series
        Level series by name.
    colours : dict of str to str
        A colour per name.
    base : float, default 100.0
        The level every series starts from.

    Returns
    -------
    matplotlib.figure.Figure
        The drawn figure; pass it to :func:`rut_edu.plotting.show` with its alt text.

    Examples
    --------
    >>> fig = rebased_comparison({"a": pd.Series([1.0, 2.0, 3.0, 2.0, 4.0], index=pd.bdate_range("2024-01-01", periods=5))},
    ...     colours={"a": PALETTE["blue"]})
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, ax = new_figure(size="wide")
    styles = ["-", "--", ":", "-."]
    for i, (name, s) in enumerate(series.items()):
        ax.plot(s.index, base * s / s.iloc[0], color=colours[name], linestyle=styles[i % 4], label=name)
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
    # over less than a decade matplotlib labels some minor ticks, in scientific notation (9 x 10^1) by default
    ax.yaxis.set_minor_formatter(mticker.LogFormatter(labelOnlyBase=False))
    ax.set_ylabel(f"growth of {base:.0f} (log scale, price index)")
    ax.legend(loc="upper left")
    return fig


def bar_values(values: pd.Series, *, xlabel: str, log: bool = False, highlight: list[str] | None = None,
               fmt: str = "{:,.1f}", percent: bool = False):
    """Horizontal bars of labelled values, largest at the top, with value labels.

    ``percent=True`` reads the values as decimals and labels the axis and bars in per cent.

    Parameters
    ----------
    values : pandas.Series
        The values, labelled by their index.
    xlabel : str
        What the values are, for the axis.
    log : bool, default False
        Draw the value axis on a log scale.
    highlight : list of str, optional
        Labels whose bars are drawn in the accent colour.
    fmt : str, default "{:,.1f}"
        The format of each bar's value label.
    percent : bool, default False
        Read the values as decimals and show them in per cent.

    Returns
    -------
    matplotlib.figure.Figure
        The drawn figure; pass it to :func:`rut_edu.plotting.show` with its alt text.

    Examples
    --------
    >>> fig = bar_values(pd.Series({"A": 0.5, "B": 0.3, "C": 0.2}), xlabel="weight", percent=True)
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    if percent:
        fmt = "{:.1%}"
    fig, ax = new_figure(size="wide")
    ordered = values.iloc[::-1]
    colours = [ROLE_COLOURS["highlight"] if highlight and k in highlight else ROLE_COLOURS["russell2000"]
               for k in ordered.index]
    ax.barh(ordered.index.astype(str), ordered.values, color=colours)
    for y, v in enumerate(ordered.values):
        ax.text(v, y, " " + fmt.format(v), va="center", fontsize=8.5)
    if log:
        ax.set_xscale("log")
    if percent:
        ax.xaxis.set_major_formatter(mticker.PercentFormatter(1.0))
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.15)
    return fig


def divisor_steps(steps: pd.DataFrame):
    """Two panels: the index level and the divisor after each step of a walk-through.

    Parameters
    ----------
    steps : pandas.DataFrame
        A :func:`rut_edu.index.steps_table`: the level and divisor after each step.

    Returns
    -------
    matplotlib.figure.Figure
        The drawn figure; pass it to :func:`rut_edu.plotting.show` with its alt text.

    Examples
    --------
    >>> fig = divisor_steps(pd.DataFrame({"divisor": [2.0, 2.1], "level": [1000.0, 1050.0]}, index=["launch", "F added"]))
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, (top, bottom) = new_figure(size="tall", nrows=2, sharex=True)
    x = np.arange(len(steps))
    top.plot(x, steps["level"], marker="o", color=ROLE_COLOURS["russell2000"])
    top.set_ylabel("index level (points)")
    top.set_ylim(0, steps["level"].max() * 1.2)
    # "post": a divisor holds from one event until the next and changes at the event, not between two
    bottom.step(x, steps["divisor"], where="post", marker="s", color=ROLE_COLOURS["sp500"])
    bottom.set_ylabel("divisor")
    bottom.set_xticks(x, steps.index, rotation=20, ha="right")
    bottom.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
    return fig


def compare_measures(table: pd.DataFrame):
    """Side-by-side bars comparing concentration measures of two weight sets (rows = measures).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per measure, one column per weight set.

    Returns
    -------
    matplotlib.figure.Figure
        The drawn figure; pass it to :func:`rut_edu.plotting.show` with its alt text.

    Examples
    --------
    >>> fig = compare_measures(pd.DataFrame({"index": [0.1, 0.3], "equal": [0.05, 0.2]}, index=["top 1", "top 10"]))
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, axes = new_figure(size="wide", ncols=len(table.index))
    colours = [ROLE_COLOURS["russell2000"], ROLE_COLOURS["synthetic"]]
    for ax, measure in zip(np.atleast_1d(axes), table.index):
        values = table.loc[measure]
        bars = ax.bar(range(len(values)), values.values, color=colours, hatch=["", "//"] * (len(values) // 2))
        ax.set_xticks([])  # the weight sets are named once, in the legend: under each narrow panel they collided
        ax.set_title(measure, fontsize=9)
        if "weight" in measure:
            ax.yaxis.set_major_formatter(mticker.PercentFormatter(1.0, decimals=0))
        ax.grid(axis="x", visible=False)
    # one name under another: side by side, the names ran off a phone's drawing
    fig.legend(bars.patches, list(table.columns), loc="outside lower center", ncols=1)
    return fig


def weights_and_contributions(weights: pd.Series, contributions: pd.Series, *, title: str = ""):
    """Two panels: each constituent's weight, and its contribution to the index return.

    Parameters
    ----------
    weights : pandas.Series
        Each constituent's weight.
    contributions : pandas.Series
        Each constituent's contribution to the index return, same labels.
    title : str, default ""
        A title over both panels.

    Returns
    -------
    matplotlib.figure.Figure
        The drawn figure; pass it to :func:`rut_edu.plotting.show` with its alt text.

    Examples
    --------
    >>> fig = weights_and_contributions(pd.Series({"A": 0.5, "B": 0.3, "C": 0.2}),
    ...     pd.Series({"A": 0.01, "B": -0.002, "C": 0.0}))
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, (left, right) = new_figure(size="wide", ncols=2)
    left.bar(weights.index.astype(str), weights.values, color=ROLE_COLOURS["russell2000"])
    left.yaxis.set_major_formatter(mticker.PercentFormatter(1.0))
    left.set_title("weight")
    colours = [ROLE_COLOURS["highlight"] if v < 0 else ROLE_COLOURS["sp500"] for v in contributions.values]
    right.bar(contributions.index.astype(str), contributions.values, color=colours)
    right.axhline(0, color="black", lw=0.8)
    right.yaxis.set_major_formatter(mticker.PercentFormatter(1.0, decimals=1))
    right.set_title("contribution to index return")
    for ax in (left, right):
        ax.grid(axis="x", visible=False)
    if title:
        fig.suptitle(title)
    return fig


def stacked_lines(panels: dict[str, dict[str, pd.Series]], *, colours: dict[str, str],
                  percent: set[str] | None = None, reference: dict[str, float] | None = None,
                  legend_corners: dict[str, str] | None = None):
    """One panel per entry of ``panels`` (title -> {label: series}), sharing the time axis.

    ``legend_corners`` maps a panel's title to a matplotlib legend location (default "upper left"), for
    panels whose lines fill that corner, such as drawdowns that start at zero.

    Parameters
    ----------
    panels : dict of str to dict of str to pandas.Series
        Each panel's title and its lines by label.
    colours : dict of str to str
        A colour per line label.
    percent : set of str, optional
        Titles of the panels shown in per cent.
    reference : dict of str to float, optional
        A dashed horizontal line per panel title.
    legend_corners : dict of str to str, optional
        A legend location per panel title (default "upper left").

    Returns
    -------
    matplotlib.figure.Figure
        The drawn figure; pass it to :func:`rut_edu.plotting.show` with its alt text.

    Examples
    --------
    >>> fig = stacked_lines({"ratio": {"a": pd.Series([1.0, 1.2, 1.1, 1.3, 1.2], index=pd.bdate_range("2024-01-01", periods=5))}},
    ...     colours={"a": PALETTE["blue"]})
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, axes = new_figure(size="tall", nrows=len(panels), sharex=True)
    styles = ["-", "--", ":", "-."]
    for ax, (title, lines) in zip(np.atleast_1d(axes), panels.items()):
        for i, (label, series) in enumerate(lines.items()):
            ax.plot(series.index, series.values, color=colours.get(label, PALETTE["black"]),
                    linestyle=styles[i % 4], label=label, lw=1.3)
        if reference and title in reference:
            ax.axhline(reference[title], color="black", lw=0.8, linestyle=":")
        if percent and title in percent:
            ax.yaxis.set_major_formatter(mticker.PercentFormatter(1.0, decimals=0))
        ax.set_title(title, fontsize=10.5)
        if len(lines) > 1:
            ax.legend(loc=(legend_corners or {}).get(title, "upper left"))
    # dates as short as they can be read (years, or months within a year), so a few months of data do not print
    # overlapping full dates
    locator = mdates.AutoDateLocator(maxticks=8)
    np.atleast_1d(axes)[-1].xaxis.set_major_locator(locator)
    np.atleast_1d(axes)[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    return fig


def decile_risk_return(volatility: pd.Series, mean_return: pd.Series):
    """Two panels over size deciles: annualised volatility and mean annual return.

    Parameters
    ----------
    volatility : pandas.Series
        Annualised volatility by decile (decimals).
    mean_return : pandas.Series
        Mean annual return by decile (decimals), same labels.

    Returns
    -------
    matplotlib.figure.Figure
        The drawn figure; pass it to :func:`rut_edu.plotting.show` with its alt text.

    Examples
    --------
    >>> fig = decile_risk_return(pd.Series([0.25, 0.2], index=["d1", "d2"]),
    ...     pd.Series([0.15, 0.12], index=["d1", "d2"]))
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, (left, right) = new_figure(size="wide", ncols=2)
    labels = [str(i) for i in range(1, len(volatility) + 1)]
    left.bar(labels, volatility.values, color=ROLE_COLOURS["russell2000"])
    left.set_title("annualised volatility")
    right.bar(labels, mean_return.values, color=ROLE_COLOURS["sp500"], hatch="//", edgecolor="white")
    right.set_title("mean return per year")
    for ax in (left, right):
        ax.yaxis.set_major_formatter(mticker.PercentFormatter(1.0, decimals=0))
        ax.set_xlabel("size decile (1 = smallest)")
        ax.grid(axis="x", visible=False)
    return fig


def grouped_bars(table: pd.DataFrame, *, ylabel: str, colours: list[str] | None = None, fmt: str | None = "{:.2f}",
                 percent: bool = False):
    """Grouped vertical bars: one group per row, one bar per column (distinct colours and hatches).

    ``fmt`` prints each value on its bar (``None`` for no labels); ``percent``
    formats the axis as percentages of 1.

    Parameters
    ----------
    table : pandas.DataFrame
        One group per row, one bar per column.
    ylabel : str
        What the values are.
    colours : list of str, optional
        One colour per column; the palette's by default.
    fmt : str or None, default "{:.2f}"
        The format of each bar's label; None for none.
    percent : bool, default False
        Show the axis in per cent of 1.

    Returns
    -------
    matplotlib.figure.Figure
        The drawn figure; pass it to :func:`rut_edu.plotting.show` with its alt text.

    Examples
    --------
    >>> fig = grouped_bars(pd.DataFrame({"beta": [0.6, 1.1]}, index=["1990s", "2010s"]), ylabel="beta")
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, ax = new_figure(size="wide")
    n_rows, n_cols = table.shape
    width = 0.8 / n_cols
    hatches = ["", "//", "..", "xx"]
    colours = colours or [ROLE_COLOURS["russell2000"], ROLE_COLOURS["sp500"], PALETTE["green"], PALETTE["purple"]]
    x = np.arange(n_rows)
    for j, column in enumerate(table.columns):
        positions = x + (j - (n_cols - 1) / 2) * width
        ax.bar(positions, table[column].values, width, label=column, color=colours[j % len(colours)],
               hatch=hatches[j % 4], edgecolor="white")
        if fmt:
            for xp, value in zip(positions, table[column].values):
                ax.text(xp, value, fmt.format(value), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, table.index)
    ax.set_ylim(top=ax.get_ylim()[1] * 1.15)  # headroom for the legend and the value labels
    if percent:
        ax.yaxis.set_major_formatter(mticker.PercentFormatter(1.0))
    ax.set_ylabel(ylabel)
    ax.legend(ncol=2 if n_cols > 3 else 1)
    ax.grid(axis="x", visible=False)
    return fig


def timeline(events: dict[str, dict[str, pd.Timestamp]]):
    """One panel per named cycle (label -> {event: date}): a marker at each date, labels staggered to stay apart.

    Parameters
    ----------
    events : dict of str to dict of str to pandas.Timestamp
        Each cycle's events and their dates.

    Returns
    -------
    matplotlib.figure.Figure
        The drawn figure; pass it to :func:`rut_edu.plotting.show` with its alt text.

    Examples
    --------
    >>> fig = timeline({"June 2026": {"rank day": pd.Timestamp("2026-04-30"), "implementation": pd.Timestamp("2026-06-26")}})
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, axes = new_figure(size="tall", nrows=len(events))  # room for the labels above and below each line
    colours = [ROLE_COLOURS["russell2000"], ROLE_COLOURS["sp500"], PALETTE["green"]]
    markers = ["o", "s", "^", "D", "v", "P"]
    for row, (ax, (label, dates)) in enumerate(zip(np.atleast_1d(axes), events.items())):
        days = list(dates.values())
        ax.plot(days, [0] * len(days), color=colours[row % 3], lw=1.2)
        for k, (event, day) in enumerate(dates.items()):
            ax.plot([day], [0], marker=markers[k % len(markers)], color=colours[row % 3], ms=7)
            ax.annotate(textwrap.fill(f"{event}, {day:%d %b}", 20), (day, 0), xytext=(0, TIMELINE_LEVELS[0]),
                        textcoords="offset points", ha="center", va="center", fontsize=8.5,
                        arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.6})
        ax.set_xlim(min(days) - pd.Timedelta(days=8), max(days) + pd.Timedelta(days=12))
        ax.set_ylim(-1, 1)
        ax.set_yticks([])
        ax.set_title(label, fontsize=10, loc="left")
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
        ax.grid(axis="y", visible=False)
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
    setattr(fig, LAYOUT_HOOKS, [_stagger_timeline_labels])
    _stagger_timeline_labels(fig)
    return fig


TIMELINE_LEVELS = (8, -8, 44, -44, 80, -80)
"""Where a timeline's labels may start, in points above (a label's foot) and below (its head) its line, nearest
first."""
TIMELINE_PLACES = tuple(((0, level), "bottom" if level > 0 else "top", "center") for level in TIMELINE_LEVELS)
""":data:`TIMELINE_LEVELS` as places for :func:`_place_labels`: centred on the date, above or below the line."""


def _stagger_timeline_labels(fig) -> None:
    """Put each label of each timeline at the nearest level where it stays on the canvas and touches no label
    placed before it, nor a panel's title or date labels (measured at the figure's present width): centred on
    its date, or leaning away from the edge it would cross; the last level if none is free."""
    _place_labels(fig, TIMELINE_PLACES)


def _place_labels(fig, places) -> None:
    """Put each label on each panel of ``fig`` (its annotations, in the order drawn) at the first of ``places``
    (offset from its point in points, vertical alignment, horizontal alignment) where it stays on the canvas and
    touches no label placed before it, nor a panel's title or date labels, measured at the figure's present width;
    a centred label that would cross the canvas's edge leans away from it; the last place if none is free."""
    from matplotlib.text import Text

    if fig.stale:  # placed by measuring the figure as drawn at its present width
        fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    canvas = fig.bbox
    placed = [ax.title.get_window_extent(renderer) for ax in fig.axes if ax.title.get_text()]
    placed += [tick.label1.get_window_extent(renderer) for ax in fig.axes for tick in _drawn_ticks(ax.xaxis)
               if tick.label1.get_text()]
    for ax in fig.axes:
        for note in ax.texts:
            for offset, vertical, horizontal in places:
                note.xyann = offset
                note.set_verticalalignment(vertical)
                note.set_horizontalalignment(horizontal)
                box = Text.get_window_extent(note, renderer)
                if horizontal == "center" and box.x0 < canvas.x0:
                    note.set_horizontalalignment("left")
                elif horizontal == "center" and box.x1 > canvas.x1:
                    note.set_horizontalalignment("right")
                box = Text.get_window_extent(note, renderer)
                inside = canvas.x0 <= box.x0 and box.x1 <= canvas.x1 and canvas.y0 <= box.y0 and box.y1 <= canvas.y1
                if inside and not any(_boxes_overlap(box, other) for other in placed):
                    break
            placed.append(Text.get_window_extent(note, renderer))


def curves(table: pd.DataFrame, *, xlabel: str, ylabel: str, percent_x: bool = False, percent_y: bool = False):
    """Each column of ``table`` as a line against the index (distinct colours, line styles and markers).

    Parameters
    ----------
    table : pandas.DataFrame
        One column per curve, against its index.
    xlabel : str
        What the index is.
    ylabel : str
        What the values are.
    percent_x : bool, default False
        Show the index in per cent.
    percent_y : bool, default False
        Show the values in per cent.

    Returns
    -------
    matplotlib.figure.Figure
        The drawn figure; pass it to :func:`rut_edu.plotting.show` with its alt text.

    Examples
    --------
    >>> fig = curves(pd.DataFrame({"a": [0.3, 0.2, 0.1]}, index=[0.0, 0.01, 0.02]), xlabel="band", ylabel="turnover")
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, ax = new_figure(size="wide")
    colours = [ROLE_COLOURS["russell2000"], ROLE_COLOURS["sp500"], PALETTE["green"], PALETTE["purple"]]
    styles, markers = ["-", "--", ":", "-."], ["o", "s", "^", "D"]
    for j, column in enumerate(table.columns):
        ax.plot(table.index, table[column].values, color=colours[j % 4], linestyle=styles[j % 4],
                marker=markers[j % 4], ms=4, label=str(column))
    if percent_x:
        ax.xaxis.set_major_formatter(mticker.PercentFormatter(1.0))
    if percent_y:
        ax.yaxis.set_major_formatter(mticker.PercentFormatter(1.0))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend()
    return fig


def flow_diagram(boxes: dict[str, tuple[float, float, str]], arrows: list[tuple[str, str]],
                 *, highlight: tuple[str, ...] = ()):
    """Boxes of text joined by arrows on a 0-1 canvas: ``boxes`` maps a name to (x, y, text) of its centre.

    Boxes named in ``highlight`` (the unobserved quantities, say) get a dashed, coloured border.

    Parameters
    ----------
    boxes : dict of str to (float, float, str)
        Each box's centre (x, y on a 0-1 canvas) and text.
    arrows : list of (str, str)
        Arrows from one box's name to another's.
    highlight : tuple of str, default ()
        Boxes drawn with a dashed, coloured border.

    Returns
    -------
    matplotlib.figure.Figure
        The drawn figure; pass it to :func:`rut_edu.plotting.show` with its alt text.

    Examples
    --------
    >>> fig = flow_diagram({"a": (0.2, 0.5, "inflation"), "b": (0.8, 0.5, "policy rate")}, [("a", "b")])
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, ax = new_figure(size="wide")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    style = {"boxstyle": "round,pad=0.4", "facecolor": "#ffffff", "edgecolor": "#333333", "linewidth": 1.2}
    texts = {}
    for name, (x, y, text) in boxes.items():
        box = dict(style, edgecolor=ROLE_COLOURS["russell2000"], linestyle="--") if name in highlight else style
        texts[name] = ax.text(x, y, text, ha="center", va="center", fontsize=9, bbox=box)
    fig.draw_without_rendering()  # box sizes are known only after a draw; the arrows attach to the box edges
    for start, end in arrows:
        ax.annotate("", xy=(boxes[end][0], boxes[end][1]), xytext=(boxes[start][0], boxes[start][1]),
                    arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.1,
                                "patchA": texts[start].get_bbox_patch(), "patchB": texts[end].get_bbox_patch(),
                                "shrinkA": 2, "shrinkB": 2})
    return fig


def candles(bars: pd.DataFrame, *, levels: pd.DataFrame | None = None):
    """Daily candles, with optional horizontal levels for each day.

    A candle is a thin line from low to high and a box from open to close, hollow when the close is higher;
    each level (one column of ``levels``) is drawn as steps with its label.

    Parameters
    ----------
    bars : pandas.DataFrame
        Daily open, high, low and close, on dates.
    levels : pandas.DataFrame, optional
        One column per level to draw as steps, on the bars' dates.

    Returns
    -------
    matplotlib.figure.Figure
        The drawn figure; pass it to :func:`rut_edu.plotting.show` with its alt text.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=5)
    >>> fig = candles(pd.DataFrame({"open": 100.0, "high": 102.0, "low": 99.0, "close": 101.0}, index=days))
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, ax = new_figure(size="wide")
    x = np.arange(len(bars))
    up = bars["close"] >= bars["open"]
    ax.vlines(x, bars["low"], bars["high"], color="#333333", lw=0.9)
    body_low = np.minimum(bars["open"], bars["close"])
    body_height = (bars["close"] - bars["open"]).abs().clip(lower=(bars["high"] - bars["low"]).max() * 0.004)
    ax.bar(x, body_height, bottom=body_low, width=0.6, color=np.where(up, "#ffffff", "#333333"),
           edgecolor="#333333", linewidth=0.9)
    if levels is not None:
        colours = [ROLE_COLOURS["russell2000"], ROLE_COLOURS["highlight"], PALETTE["green"], ROLE_COLOURS["sp500"]]
        styles = ["--", ":", "-.", "--"]
        for j, column in enumerate(levels.columns):
            values = levels[column].reindex(bars.index).to_numpy()
            ax.step(x, values, where="mid", color=colours[j % 4], linestyle=styles[j % 4], lw=1.2, label=column)
        ax.legend(ncol=len(levels.columns), loc="upper left")
    ticks = x[:: max(1, len(x) // 6)]
    ax.set_xticks(ticks, [f"{bars.index[i]:%d %b}" for i in ticks])
    ax.set_ylabel("index points")
    return fig


def heatmap(table: pd.DataFrame, *, xlabel: str, ylabel: str, fmt: str = "{:.1%}"):
    """A grid of values with each cell labelled; a diverging palette centred on zero (blue above, orange below).

    Parameters
    ----------
    table : pandas.DataFrame
        The grid of values.
    xlabel : str
        What the columns are.
    ylabel : str
        What the rows are.
    fmt : str, default "{:.1%}"
        The format of each cell's label.

    Returns
    -------
    matplotlib.figure.Figure
        The drawn figure; pass it to :func:`rut_edu.plotting.show` with its alt text.

    Examples
    --------
    >>> fig = heatmap(pd.DataFrame([[0.01, -0.02]], index=[1.0], columns=[1.0, 2.0]), xlabel="target", ylabel="stop")
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, ax = new_figure(size="square")
    values = table.to_numpy(dtype=float)
    limit = float(np.nanmax(np.abs(values))) or 1.0
    image = ax.imshow(values, cmap="PuOr", vmin=-limit, vmax=limit, aspect="auto", origin="lower")
    for (i, j), value in np.ndenumerate(values):
        shade = abs(value) / limit
        label = fmt.format(value)
        if label.startswith("-") and not any(ch in "123456789" for ch in label):
            label = label[1:]  # a value that rounds to zero is shown without a sign
        ax.text(j, i, label, ha="center", va="center", fontsize=8.5,
                color="#ffffff" if shade > 0.6 else "#111111")
    ax.set_xticks(range(table.shape[1]), [f"{c:g}" for c in table.columns])
    ax.set_yticks(range(table.shape[0]), [f"{r:g}" for r in table.index])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(False)
    fig.colorbar(image, ax=ax, shrink=0.8)
    return fig


def interval_dots(estimates: pd.Series, low: pd.Series, high: pd.Series, *, reference: float, reference_label: str,
                  xlabel: str, percent: bool = True):
    """One row per label: a dot at the estimate with a line across its interval, and a dashed reference line.

    Parameters
    ----------
    estimates : pandas.Series
        One estimate per label.
    low : pandas.Series
        Each interval's lower end, same labels.
    high : pandas.Series
        Each interval's upper end, same labels.
    reference : float
        Where the dashed reference line stands.
    reference_label : str
        What the reference is.
    xlabel : str
        What the estimates are.
    percent : bool, default True
        Show the axis in per cent of 1.

    Returns
    -------
    matplotlib.figure.Figure
        The drawn figure; pass it to :func:`rut_edu.plotting.show` with its alt text.

    Examples
    --------
    >>> fig = interval_dots(pd.Series({"a": 0.52}), pd.Series({"a": 0.5}), pd.Series({"a": 0.54}),
    ...     reference=0.53, reference_label="base rate", xlabel="hit rate")
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, ax = new_figure(size="wide")
    y = np.arange(len(estimates))[::-1]
    ax.hlines(y, low.to_numpy(), high.to_numpy(), color=ROLE_COLOURS["russell2000"], lw=2)
    ax.plot(estimates.to_numpy(), y, "o", color=ROLE_COLOURS["russell2000"], ms=6)
    ax.axvline(reference, color=ROLE_COLOURS["highlight"], linestyle="--", lw=1.2, label=reference_label)
    ax.set_yticks(y, list(estimates.index))
    if percent:
        ax.xaxis.set_major_formatter(mticker.PercentFormatter(1.0, decimals=0))
    ax.set_xlabel(xlabel)
    # the reference line is named above the chart, at its top: a legend inside sat on the last estimate
    ax.set_ylim(-0.6, len(estimates) - 0.4)
    ax.annotate(reference_label, (reference, 1.0), xycoords=("data", "axes fraction"), xytext=(0, 3),
                textcoords="offset points", ha="center", va="bottom", color=PALETTE["black"])
    ax.grid(axis="y", visible=False)
    return fig
