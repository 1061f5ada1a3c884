"""The house plotting style: colour-blind-safe colours, consistent sizes, alt text.

Every figure in the course is drawn with :func:`new_figure` and shown with
:func:`show`, which attaches alt text to the image. Captions and figure names
live in the notebook cell's metadata (``mystnb.figure``), as the book expects.

The palette is Okabe and Ito's eight colours, distinguishable under the common
forms of colour blindness; lines also differ by style where two series meet.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib.pyplot as plt

from rut_edu.palette import PALETTE, ROLE_COLOURS

__all__ = ["PALETTE", "ROLE_COLOURS", "SIZES", "STYLE_FILE", "figure_png", "new_figure", "show", "use_house_style"]

STYLE_FILE = Path(__file__).resolve().parent / "rut_edu.mplstyle"

SIZES = {"wide": (8.0, 4.2), "square": (5.5, 5.0), "tall": (8.0, 6.5)}


def use_house_style() -> None:
    """Apply the course style to matplotlib (idempotent)."""
    plt.style.use(STYLE_FILE)


def new_figure(size: str = "wide", nrows: int = 1, ncols: int = 1, **kwargs):
    """A figure and axes in the house style; ``size`` is ``wide``, ``square`` or ``tall``."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {sorted(SIZES)}, got {size!r}")
    use_house_style()
    return plt.subplots(nrows, ncols, figsize=SIZES[size], **kwargs)


def figure_png(fig) -> bytes:
    """The figure rendered to PNG bytes at the house resolution."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def show(fig, alt: str) -> None:
    """Display a figure with alt text and close it.

    The alt text travels with the image into the website (``<img alt=...>``);
    write it as a sentence that gives the figure's message, not its looks.
    """
    from IPython.display import Image, display

    alt = " ".join(str(alt).split())
    if len(alt) < 20:
        raise ValueError("alt text must describe what the figure shows (at least 20 characters)")
    png = figure_png(fig)
    plt.close(fig)
    display(Image(data=png, format="png", metadata={"alt": alt}))
