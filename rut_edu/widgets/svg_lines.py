"""Line charts drawn as inline SVG for widget output: redrawn in about a millisecond, unlike an image."""

from __future__ import annotations

import dataclasses
import html

import numpy as np
import pandas as pd


@dataclasses.dataclass(frozen=True)
class Line:
    label: str
    values: pd.Series  # dated
    colour: str
    dash: str = ""  # an SVG stroke-dasharray, "" for solid


def _nice_step(span: float) -> float:
    raw = span / 5
    magnitude = 10 ** np.floor(np.log10(raw))
    return float(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw))


def svg_line_chart(lines: list[Line], title: str, y_label: str, width: int = 640, height: int = 260,
                   log: bool = False) -> str:
    """An accessible SVG chart of dated lines sharing one axis (``role=img`` with a title; a legend in text).

    ``log=True`` draws positive values on a log scale (gridlines at powers of ten). Decorative detail
    only: the widgets print the numbers that matter beside it.

    Parameters
    ----------
    lines : list of Line
        The dated lines, each with its label and colour.
    title : str
        The chart's title, read by screen readers.
    y_label : str
        What the values are.
    width : int, default 640
        Width in pixels.
    height : int, default 260
        Height in pixels.
    log : bool, default False
        Draw the values on a log scale.

    Returns
    -------
    str
        A figure element holding the SVG and its legend as text.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=3)
    >>> "<svg" in svg_line_chart([Line("a", pd.Series([1.0, 2.0, 1.5], index=days), "#0072b2")], "A test", "points")
    True
    """
    # the y-axis label sits in the top margin, above the highest tick label (they overlapped when both sat at
    # the top of the plot, as "1,000" and "$ thousand (log)" did); the left margin holds "1,000" in the larger
    # type the website gives these charts on phones (_static/site.css)
    left, right, top, bottom = 60, 12, 30, 28
    if log:
        lines = [dataclasses.replace(line, values=np.log10(line.values.clip(lower=1e-9))) for line in lines]
    values = np.concatenate([line.values.to_numpy(dtype=float) for line in lines])
    low, high = float(np.floor(values.min())), float(np.ceil(values.max()))
    if high == low:
        high = low + 1.0
    start = min(line.values.index[0] for line in lines)
    end = max(line.values.index[-1] for line in lines)
    span = max((end - start).days, 1)

    def x(dates) -> np.ndarray:
        return left + (width - left - right) * (np.asarray((dates - start).days, dtype=float) / span)

    def y(v) -> np.ndarray:
        return top + (height - top - bottom) * (1 - (np.asarray(v, dtype=float) - low) / (high - low))

    step = max(1.0, np.ceil((high - low) / 6)) if log else _nice_step(high - low)
    grid = []
    for tick in np.arange(np.ceil(low / step) * step, high + 1e-9, step):
        ty = float(y(tick))
        label = (f"{10 ** tick:,.0f}" if tick < 7 else f"1e{tick:.0f}") if log else f"{tick:g}"
        grid.append(f"<line x1='{left}' x2='{width - right}' y1='{ty:.1f}' y2='{ty:.1f}' stroke='#d0d0d0'/>"
                    f"<text x='{left - 6}' y='{ty + 4:.1f}' font-size='11' text-anchor='end' fill='#1a1a1a'>"
                    f"{label}</text>")
    for year in range((start.year // 10 + 1) * 10, end.year + 1, 10):
        tx = float(x(pd.DatetimeIndex([pd.Timestamp(f"{year}-01-01")]))[0])
        grid.append(f"<text x='{tx:.1f}' y='{height - 8}' font-size='11' text-anchor='middle' fill='#1a1a1a'>"
                    f"{year}</text>")
    paths = []
    for line in lines:
        values = line.values
        if len(values) > 2 * width:  # more points than pixels: keep every k-th (and the last), to draw fast
            keep = np.unique(np.r_[np.arange(0, len(values), len(values) // width), len(values) - 1])
            values = values.iloc[keep]
        xs, ys = x(values.index), y(values.to_numpy(dtype=float))
        points = " ".join(f"{a:.1f},{b:.1f}" for a, b in zip(xs, ys))
        dash = f" stroke-dasharray='{line.dash}'" if line.dash else ""
        paths.append(f"<polyline fill='none' stroke='{line.colour}' stroke-width='1.6'{dash} points='{points}'/>")
    legend = " ".join(
        f"<span style='white-space:nowrap'><svg width='26' height='10' aria-hidden='true'><line x1='0' x2='26' y1='5' "
        f"y2='5' stroke='{line.colour}' stroke-width='2'{' stroke-dasharray=' + repr(line.dash) if line.dash else ''}/>"
        f"</svg> {html.escape(line.label)}</span>" for line in lines)
    return (f"<figure style='margin:0;background:#ffffff;color:#1a1a1a;padding:4px'>"
            f"<svg role='img' aria-label='{html.escape(title, quote=True)}' viewBox='0 0 {width} {height}' "
            f"style='width:100%;max-width:{width}px;height:auto'><title>{html.escape(title)}</title>"
            f"{''.join(grid)}{''.join(paths)}"
            f"<text x='4' y='14' font-size='11' fill='#1a1a1a'>{html.escape(y_label)}</text></svg>"
            # the caption's colour is set here too: the site's theme greys figure captions, which on this white
            # card fell to 2.5:1 in the dark theme
            f"<figcaption style='font-size:0.9em;color:#1a1a1a'>{legend}</figcaption></figure>")
