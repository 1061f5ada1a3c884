"""The house plotting style: colour-blind-safe colours, consistent sizes, alt text.

Every figure in the course is drawn with :func:`new_figure` and shown with
:func:`show`, which attaches alt text to the image. Captions and figure names
live in the notebook cell's metadata (``mystnb.figure``), as the book expects.

The palette is Okabe and Ito's eight colours, distinguishable under the common
forms of colour blindness; lines also differ by style where two series meet.
"""

from __future__ import annotations

import base64
import contextlib
import io
import textwrap
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib import category, ticker
from matplotlib.transforms import Bbox

from rut_edu.palette import PALETTE, ROLE_COLOURS

__all__ = ["PALETTE", "PHONE_DPI", "PHONE_WIDTH", "ROLE_COLOURS", "SIZES", "STYLE_FILE", "FigureTextWarning",
           "figure_png", "new_figure", "phone_layout", "phone_png", "show", "text_problems", "use_house_style"]

STYLE_FILE = Path(__file__).resolve().parent / "rut_edu.mplstyle"

SIZES = {"wide": (8.0, 4.2), "square": (5.5, 5.0), "tall": (8.0, 6.5)}

# A phone shows a chart about 340 CSS px wide. Drawn 8 inches wide, a 9.5 pt tick label shrinks to about 5 px
# there; drawn PHONE_WIDTH inches wide, the same type keeps about 11 px (px = points / 72 * 340 / inches wide).
PHONE_WIDTH = 4.0
# 660 px across: sharp on a phone's dense screen (the website scales it to the column)
PHONE_DPI = 165


# A phone shows the phone drawing about PHONE_COLUMN CSS px wide, so a point of type there is PHONE_COLUMN /
# (PHONE_WIDTH * 72) px; no text may come out smaller than SMALLEST_PHONE_TEXT px.
PHONE_COLUMN = 340
SMALLEST_PHONE_TEXT = 9.5
# the smallest type in points on the phone drawing, rounded up: 9.5 px at 340 px for 4 inches is 8.05 points
PHONE_SMALLEST_POINTS = 8.1


class FigureTextWarning(UserWarning):
    """A figure's text collides, leaves the canvas or is too small on a phone (see :func:`text_problems`)."""


def use_house_style() -> None:
    """Apply the course style to matplotlib (idempotent).

    Examples
    --------
    >>> use_house_style()
    """
    plt.style.use(STYLE_FILE)


def new_figure(*, size: str = "wide", nrows: int = 1, ncols: int = 1, **kwargs):
    """A figure and axes in the house style; ``size`` is ``wide``, ``square`` or ``tall``.

    Parameters
    ----------
    size : {"wide", "square", "tall"}, default "wide"
        The figure's shape, from :data:`SIZES`.
    nrows : int, default 1
        Rows of axes.
    ncols : int, default 1
        Columns of axes.
    **kwargs
        Passed to :func:`matplotlib.pyplot.subplots` (``sharex=True``, say).

    Returns
    -------
    tuple of (Figure, Axes or array of Axes)
        The figure and its axes, as ``plt.subplots`` returns them.

    Raises
    ------
    ValueError
        For a size not in :data:`SIZES`.

    Examples
    --------
    >>> fig, ax = new_figure(size="square")
    >>> fig.get_size_inches().tolist() == list(SIZES["square"])
    True
    >>> plt.close(fig)
    """
    if size not in SIZES:
        raise ValueError(f"size must be one of {sorted(SIZES)}, got {size!r}")
    use_house_style()
    return plt.subplots(nrows, ncols, figsize=SIZES[size], **kwargs)


def figure_png(fig) -> bytes:
    """The figure rendered to PNG bytes at the house resolution.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to draw.

    Returns
    -------
    bytes
        A PNG at the house resolution (the style sheet's dpi).

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> figure_png(fig)[:4]
    b'\x89PNG'
    >>> plt.close(fig)
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def _wrapped(text: str, width_points: float, size_points: float) -> str:
    # DejaVu Sans averages about 0.6 em a character
    return textwrap.fill(text, max(12, int(width_points / (0.6 * size_points))))


def _overlapping(labels) -> bool:
    """Whether neighbouring labels touch: closer than half a line's height reads as one word."""
    boxes = [label.get_window_extent() for label in labels if label.get_visible() and label.get_text()]
    boxes.sort(key=lambda box: box.x0)
    return any(left.x1 + left.height / 2 > right.x0 for left, right in zip(boxes, boxes[1:]))


def _boxes_overlap(one, other) -> bool:
    """Whether two texts' boxes on the canvas share more than a pixel each way."""
    return min(one.x1, other.x1) - max(one.x0, other.x0) > 1 and min(one.y1, other.y1) - max(one.y0, other.y0) > 1


def _fit_value_labels(ax) -> list:
    """Stand an axes' value labels (texts placed on the data, such as the numbers on bars) upright when they
    touch one another; returns what to put back."""
    from matplotlib.text import Annotation

    # an annotation (a label with a pointer, as on a timeline) is placed by its chart, not stood up here
    labels = [text for text in ax.texts if not isinstance(text, Annotation) and text.get_visible()
              and text.get_text().strip() and text.get_rotation() == 0]
    renderer = ax.figure.canvas.get_renderer()
    boxes = [text.get_window_extent(renderer) for text in labels]
    if not any(_boxes_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]):
        return []
    kept = [(text, text.get_rotation()) for text in labels]
    for text in labels:
        text.set_rotation(90)
    return kept


def _fit_tick_labels(axis) -> None:
    """Make an x axis's tick labels stop overlapping: tilt names, keep every k-th number or date."""
    ticks = [tick for tick in axis.get_major_ticks() if tick.label1.get_visible() and tick.label1.get_text()]
    if not _overlapping([tick.label1 for tick in ticks]):
        return
    texts = [tick.label1.get_text() for tick in ticks]
    # names (bars placed by hand or by category) must all stay; numbers and dates can keep every k-th
    if isinstance(axis.get_major_locator(), (ticker.FixedLocator, category.StrCategoryLocator)):
        for angle in (35, 90):  # tilted first; upright when tilted names still touch
            for tick in ticks:
                tick.label1.set_rotation(angle)
                tick.label1.set_horizontalalignment("right" if angle < 90 else "center")
                tick.label1.set_rotation_mode("anchor" if angle < 90 else "default")
            axis.figure.draw_without_rendering()
            if not _overlapping([tick.label1 for tick in ticks]):
                return
        return
    locations = [tick.get_loc() for tick in ticks]
    for step in range(2, len(ticks) + 1):
        axis.set_major_locator(ticker.FixedLocator(locations[::step]))
        axis.set_major_formatter(ticker.FixedFormatter(texts[::step]))
        axis.figure.draw_without_rendering()
        if not _overlapping([tick.label1 for tick in axis.get_major_ticks()]):
            return


@contextlib.contextmanager
def phone_layout(fig):
    """Lay ``fig`` out for a phone while the block runs; put it back as it was afterwards.

    The figure becomes :data:`PHONE_WIDTH` inches wide and keeps its height, so a panel is about as tall as it
    is wide, and its type keeps its size in points (type under 9.5 px on a phone grows to it). Titles and x-axis
    labels too long for it wrap; x tick labels that would touch are tilted, or stood upright (names, which must
    all stay), or thinned to every k-th (numbers and dates, with the labels the full-width figure chose); value
    labels that touch stand upright; a single chart's legend moves under it, off the data; a chart's own label
    placement (:data:`LAYOUT_HOOKS`) runs again at the phone's width.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure drawn for the page's full width (see :func:`new_figure`).

    Yields
    ------
    matplotlib.figure.Figure
        The same figure, laid out for a phone.

    Examples
    --------
    >>> fig, ax = new_figure(size="wide")
    >>> _ = ax.bar(range(6), [3, 1, 4, 1, 5, 9])
    >>> _ = ax.set_xticks(range(6), [f"a long name {i}" for i in range(6)])
    >>> with phone_layout(fig):  # six long names touch even tilted: they stand upright
    ...     fig.get_size_inches().tolist(), ax.get_xticklabels()[0].get_rotation()
    ([4.0, 4.2], 90.0)
    >>> fig.get_size_inches().tolist(), ax.get_xticklabels()[0].get_rotation()
    ([8.0, 4.2], 0.0)
    >>> plt.close(fig)
    """
    width, height = fig.get_size_inches()
    texts = [(fig._suptitle, None)] if fig._suptitle is not None else []  # (text, the panel it spans)
    for ax in fig.axes:
        texts += [(text, ax) for text in (ax.title, ax._left_title, ax._right_title, ax.xaxis.label)]
    kept_titles = [(text, ax, text.get_text()) for text, ax in texts if text.get_text()]
    kept_axes = [(ax.xaxis, ax.xaxis.get_major_locator(), ax.xaxis.get_major_formatter(),
                  [(label.get_rotation(), label.get_horizontalalignment(), label.get_rotation_mode())
                   for label in ax.xaxis.get_ticklabels()]) for ax in fig.axes]
    # One chart with a legend: at four inches the legend covers data, so it moves under the chart
    legend = fig.axes[0].get_legend() if len(fig.axes) == 1 else None
    moved = None
    if legend is not None and legend.get_visible():
        labels = [text.get_text() for text in legend.get_texts()]
        # side by side while the row fits the phone's width (about 40 characters), one under another beyond
        moved = fig.legend(legend.legend_handles, labels, loc="outside lower center",
                           ncols=1 if sum(map(len, labels)) + 6 * len(labels) > 40 else min(3, len(labels)))
        legend.set_visible(False)
    fig.set_size_inches(PHONE_WIDTH, height)
    sizes = [(text, text.get_fontsize()) for text in _drawn_texts(fig) if text.get_fontsize() < PHONE_SMALLEST_POINTS]
    upright = []
    try:
        for text, _size in sizes:  # no type under SMALLEST_PHONE_TEXT px on a phone
            text.set_fontsize(PHONE_SMALLEST_POINTS)
        fig.draw_without_rendering()  # the layout at the phone's width tells how wide each panel is
        _run_layout_hooks(fig)
        for text, ax, words in kept_titles:
            share = ax.get_position().width if ax is not None else 1.0
            text.set_text(_wrapped(words, share * PHONE_WIDTH * 72, text.get_fontsize()))
        if fig.stale:  # a title wrapped or a label moved: the tick labels are measured in the new layout
            fig.draw_without_rendering()
        for ax in fig.axes:
            _fit_tick_labels(ax.xaxis)
            upright += _fit_value_labels(ax)
        yield fig
    finally:
        if moved is not None:
            moved.remove()
            legend.set_visible(True)
        for text, size in sizes:
            text.set_fontsize(size)
        for text, rotation in upright:
            text.set_rotation(rotation)
        fig.set_size_inches(width, height)
        _run_layout_hooks(fig)
        for text, _ax, words in kept_titles:
            text.set_text(words)
        for axis, locator, formatter, looks in kept_axes:
            axis.set_major_locator(locator)
            axis.set_major_formatter(formatter)
            for label, (rotation, alignment, mode) in zip(axis.get_ticklabels(), looks):
                label.set_rotation(rotation)
                label.set_horizontalalignment(alignment)
                label.set_rotation_mode(mode)


LAYOUT_HOOKS = "rut_layout_hooks"
"""The figure attribute holding a chart's own placement of its labels, ``[callable(fig)]``: run once the figure
is drawn at a width (the full width, and the phone's in :func:`phone_layout`), so labels placed by measuring
are placed again at each width."""


def _run_layout_hooks(fig) -> None:
    for hook in getattr(fig, LAYOUT_HOOKS, ()):
        # a hook measures the figure as drawn at its present width; matplotlib marks a figure stale when anything
        # in it changes, so a drawing still current is not repeated (a draw is most of a chart's cost)
        if fig.stale:
            fig.draw_without_rendering()
        hook(fig)


def _drawn_ticks(axis) -> list:
    """The ticks an axis's draw puts on the canvas: those inside its view (matplotlib keeps ticks, and their
    labels, just outside it) on an axis that is shown (a diagram's axes are switched off whole)."""
    return list(axis._update_ticks()) if axis.axes.axison and axis.get_visible() else []


def _drawn_texts(fig) -> list:
    """The figure's texts that the last draw put on the canvas: visible, not empty, and for tick labels only
    those of the ticks drawn (:func:`_drawn_ticks`)."""
    from matplotlib.text import Text

    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            shown = ax.axison and axis.get_visible()
            drawn = set(map(id, _drawn_ticks(axis)))
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if id(tick) not in drawn:
                    hidden.update({id(tick.label1), id(tick.label2)})
            if not shown:
                hidden.add(id(axis.label))
    for legend in [ax.get_legend() for ax in fig.axes] + list(fig.legends):
        if legend is not None and not legend.get_visible():  # its texts stay "visible" when it is hidden
            hidden.update(id(text) for text in legend.get_texts())
    return [text for text in fig.findobj(Text)
            if id(text) not in hidden and text.get_visible() and text.get_text().strip()]


def text_problems(fig, *, phone: bool = False) -> list[str]:
    """What is wrong with a figure's drawn text: overlapping labels, text off the canvas, type too small for a phone.

    On a phone, type smaller than :data:`SMALLEST_PHONE_TEXT` px is named too.

    Every text the figure draws is measured by its bounding box on the canvas (titles, axis and tick labels,
    legend entries, annotations, bar labels); two boxes that share more than a pixel each way overlap.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure drawn for the page's full width (see :func:`new_figure`).
    phone : bool, default False
        Measure the phone drawing (:func:`phone_layout`) instead of the full-width one.

    Returns
    -------
    list of str
        One sentence per problem, naming the texts; empty when the figure is clean.

    Raises
    ------
    WrongKindError
        If ``fig`` is not a matplotlib figure.

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> _ = ax.text(0.5, 0.5, "left"), ax.text(0.5, 0.5, "right")
    >>> text_problems(fig)
    ["'left' and 'right' overlap"]
    >>> plt.close(fig)
    """
    from matplotlib.figure import Figure

    from rut_edu.validation import WrongKindError

    if not isinstance(fig, Figure):
        raise WrongKindError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    layout = phone_layout(fig) if phone else contextlib.nullcontext(fig)
    with layout:
        fig.draw_without_rendering()
        return _measured_problems(fig, phone=phone)


def _measured_problems(fig, *, phone: bool) -> list[str]:
    """:func:`text_problems` of a figure as its last draw left it (at the width it now has)."""
    from matplotlib.text import Text

    renderer = fig.canvas.get_renderer()
    texts = _drawn_texts(fig)
    canvas = fig.bbox
    problems = []
    # the text's own box (an annotation's box would take in its pointer too)
    boxes = [(text, Text.get_window_extent(text, renderer)) for text in texts]
    for text, box in boxes:
        if box.x0 < canvas.x0 - 1 or box.y0 < canvas.y0 - 1 or box.x1 > canvas.x1 + 1 or box.y1 > canvas.y1 + 1:
            problems.append(f"{text.get_text()!r} runs off the canvas")
    for i, (first, one) in enumerate(boxes):
        for second, other in boxes[i + 1:]:
            if _boxes_overlap(one, other):
                problems.append(f"{first.get_text()!r} and {second.get_text()!r} overlap")
    if phone:
        per_point = PHONE_COLUMN / (PHONE_WIDTH * 72)
        problems += [f"{text.get_text()!r} is {text.get_fontsize() * per_point:.1f} px on a phone"
                     for text in texts if text.get_fontsize() * per_point < SMALLEST_PHONE_TEXT - 1e-9]
    return problems


def phone_png(fig) -> bytes:
    """The figure drawn for a phone (:func:`phone_layout`) as a PNG; the figure is left as it was.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure drawn for the page's full width (see :func:`new_figure`).

    Returns
    -------
    bytes
        A PNG :data:`PHONE_DPI` dots per inch, about 660 pixels wide.

    Examples
    --------
    >>> fig, ax = new_figure(size="wide")
    >>> _ = ax.plot([1, 2, 3])
    >>> png = phone_png(fig)
    >>> png[:4], 600 < int.from_bytes(png[16:20], "big") < 700  # a PNG about 660 pixels across
    (b'\\x89PNG', True)
    >>> fig.get_size_inches().tolist()  # the figure itself is unchanged
    [8.0, 4.2]
    >>> plt.close(fig)
    """
    return _phone_drawing(fig)[0]


def _phone_drawing(fig) -> tuple[bytes, list[str]]:
    """:func:`phone_png` and :func:`text_problems` of the phone drawing, from one layout."""
    with phone_layout(fig):
        # Crop to what is drawn, as the house style does, but never wider than the figure: matplotlib counts tick
        # labels just outside the axes' limits, which are not drawn, and the phone drawing then shrank to fit.
        drawn = fig.get_tightbbox(fig.canvas.get_renderer())
        crop = Bbox.intersection(drawn.padded(0.05), fig.bbox_inches) or fig.bbox_inches
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=PHONE_DPI, bbox_inches=crop)
        fig.draw_without_rendering()
        return buffer.getvalue(), _measured_problems(fig, phone=True)


def show(fig, *, alt: str) -> None:
    """Display a figure with alt text and close it.

    The alt text travels with the image into the website (``<img alt=...>``);
    write it as a sentence that gives the figure's message, not its looks. A second
    drawing for phones (:func:`phone_png`) travels in the image's metadata, where
    JupyterLab ignores it and the website serves it to narrow screens. Both drawings'
    text is measured (:func:`text_problems`); a collision, text off the canvas or type
    too small for a phone is named in a :class:`FigureTextWarning`.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, drawn for the page's full width.
    alt : str
        A sentence giving the figure's message, at least 20 characters.

    Raises
    ------
    ValueError
        For alt text shorter than 20 characters: it would not say what the figure shows.

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> show(fig, alt="An empty panel, shown only to demonstrate the call.")  # doctest: +SKIP
    >>> plt.close(fig)  # show closes it; here, where it is skipped, the example does
    """
    from IPython.display import Image, display

    alt = " ".join(str(alt).split())
    if len(alt) < 20:
        raise ValueError("alt text must describe what the figure shows (at least 20 characters)")
    png = figure_png(fig)
    # Measuring text needs the layout, not the pixels: every measuring draw here lays the figure out without
    # rasterising it (matplotlib's draw_without_rendering), the same layout at a fraction of the cost.
    fig.draw_without_rendering()
    problems = _measured_problems(fig, phone=False)
    phone, on_phone = _phone_drawing(fig)
    problems += [f"on a phone, {problem}" for problem in on_phone]
    plt.close(fig)
    if problems:  # drawn all the same, with a warning that names each problem (a chapter's run then fails nbval)
        warnings.warn("; ".join(problems), FigureTextWarning, stacklevel=2)
    display(Image(data=png, format="png", metadata={"alt": alt, "phone": base64.b64encode(phone).decode("ascii")}))
