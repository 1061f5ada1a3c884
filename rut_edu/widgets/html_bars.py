"""Horizontal bars drawn in HTML for widget output: redrawn in microseconds, unlike an image."""

from __future__ import annotations


def css_bar(fraction: float, colour: str, from_right: bool = False) -> str:
    """A bar whose length is ``|fraction|`` of its cell (clipped to 0..1).

    Decorative only (``aria-hidden``): every bar sits beside its number in the table.
    ``from_right`` grows the bar leftwards, for negative values in a diverging pair of cells.

    Parameters
    ----------
    fraction : float
        The bar's length as a share of its cell; its sign is dropped.
    colour : str
        A CSS colour.
    from_right : bool, default False
        Grow the bar from the cell's right edge.

    Returns
    -------
    str
        An HTML ``span`` drawn with CSS, hidden from screen readers.

    Examples
    --------
    >>> "width:50.0%" in css_bar(-0.5, "#0072b2").replace(" ", "")
    True
    """
    width = max(0.0, min(1.0, abs(fraction))) * 100
    side = "margin-left:auto;" if from_right else ""
    return (f"<div style='display:flex;width:100%;min-width:90px'><div aria-hidden='true' "
            f"style='{side}height:0.9em;width:{width:.1f}%;background:{colour}'></div></div>")
