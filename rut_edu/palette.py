"""The course's colours: Okabe and Ito's colour-blind-safe palette, and what each colour stands for.

Pure data (no matplotlib), so the widgets can use the same colours without loading a plotting library.
"""

PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}

# What each colour stands for across the whole course, so a reader learns it once.
ROLE_COLOURS = {
    "russell2000": PALETTE["blue"],
    "sp500": PALETTE["orange"],
    "synthetic": PALETTE["purple"],
    "highlight": PALETTE["vermillion"],
    "neutral": "#555555",
}
