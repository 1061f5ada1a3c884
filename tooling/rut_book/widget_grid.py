"""Widgets that answer on the website: every state of a widget's site grid, rendered when the book is built.

A notebook's explorer carries the class of its :class:`rut_edu.widgets.site_grid.SiteWidget` on its outer
box. For such a widget the website does not show a frozen snapshot: the build renders every state of the
grid with the widget's own readout function (the Python the notebook runs), packs the readouts into one
compressed file, and draws the controls enabled, stepping only through the grid's values.
``_static/widget-grid.js`` loads the file on the first touch and swaps the readout when a control moves.

The packed file is JSON, gzip-compressed: ``{"chunks": [...], "states": [[[chunk ids], ...], ...]}``. Each
readout is cut before every ``<`` into chunks; a chunk that repeats across states (a table's header, the
line of a chart that no control moves) is stored once. A state is, per readout, the list of its chunks' ids;
states run in :meth:`SiteWidget.states` order (first control slowest).

The build checks that the notebook and the website agree: the explorer's controls carry the grid's
descriptions in order, and the readouts the notebook stored are exactly one state of the grid (so the
website's inputs are the chapter's, and the page opens on the notebook's state).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import html
import json
import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rut_book import ROOT, WIDGET_CACHE_ENV, package_digest
from rut_book.widget_snapshot import HOW_TO_RUN, UnsupportedWidget, leaves
from rut_edu.widgets import SITE_WIDGETS
from rut_edu.widgets.site_grid import SITE_CLASS_PREFIX, SiteWidget

STATES_FOLDER = "widget-states"
"""Where, under the site's ``_static``, the packed states go (the script finds them beside itself)."""

NOTE = ("This widget answers on the website for the settings each control lists, computed when the site was "
        "built by the same Python the notebook runs.")
"""The note's first sentence; :func:`note_html` adds what the notebook offers and how to run it."""

NOTEBOOK_MODELS = {"slider": {"FloatSliderModel", "IntSliderModel", "SelectionSliderModel"},
                   "range": {"IntRangeSliderModel", "SelectionRangeSliderModel"},
                   "dropdown": {"DropdownModel"}, "toggle": {"ToggleButtonsModel"}, "checkbox": {"CheckboxModel"}}
"""The ipywidgets models a notebook control of each kind of :data:`rut_edu.widgets.site_grid.CONTROL_KINDS` is
stored as; the website draws a slider as a range input, a menu and a range slider (over the grid's preset
spans) as a menu, buttons as buttons and a tick box as a tick box."""
READOUTS = {"HTMLModel"}


@dataclass(frozen=True)
class PackedStates:
    """Every state's readouts of one widget, packed for the website."""

    widget: str
    states: int
    file_name: str
    payload: bytes
    render_seconds: float
    start: int
    readouts: tuple[str, ...]
    from_cache: bool = False  # rendered by an earlier build of the same code and data (see _rendered)


def site_widget_of(state: Mapping, model_id: str) -> SiteWidget | None:
    """The site widget a notebook's widget declares through its box's class, or ``None`` for a snapshot."""
    classes = state.get(model_id, {}).get("state", {}).get("_dom_classes") or ()
    names = [c.removeprefix(SITE_CLASS_PREFIX) for c in classes if c.startswith(SITE_CLASS_PREFIX)]
    if not names:
        return None
    if len(names) > 1 or names[0] not in SITE_WIDGETS:
        raise UnsupportedWidget(f"widget {model_id} names site widget(s) {names}; known: {sorted(SITE_WIDGETS)}")
    return SITE_WIDGETS[names[0]]


def _chunks(readout: str) -> list[str]:
    return [piece for piece in re.split(r"(?=<)", readout) if piece]


def pack(rendered: list[tuple[str, ...]]) -> bytes:
    """The gzip-compressed JSON of every state's readouts, each cut into shared chunks (module docstring)."""
    chunk_ids: dict[str, int] = {}
    states = [[[chunk_ids.setdefault(c, len(chunk_ids)) for c in _chunks(part)] for part in readouts]
              for readouts in rendered]
    text = json.dumps({"chunks": list(chunk_ids), "states": states}, separators=(",", ":"), ensure_ascii=False)
    # mtime=0: the same states give the same bytes, so the file name (a hash) is stable between builds
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def unpack(payload: bytes) -> list[tuple[str, ...]]:
    """Every state's readouts back from :func:`pack`'s bytes (what the website's script does)."""
    table = json.loads(gzip.decompress(payload))
    return [tuple("".join(table["chunks"][i] for i in part) for part in state) for state in table["states"]]


@functools.cache
def _package_digest() -> str:
    """A hash of everything a grid's readouts can depend on: the teaching library's code and data
    (:func:`rut_book.package_digest`), and the versions of Python and of the libraries that compute them."""
    import platform

    import numpy
    import pandas

    return f"{package_digest()} python {platform.python_version()} numpy {numpy.__version__} pandas {pandas.__version__}"


def _cache_file(widget: SiteWidget) -> Path | None:
    """Where ``widget``'s rendered grid is kept, or ``None`` if its readouts are not the package's own code
    (then nothing the key covers tells a changed function from the old one)."""
    if not getattr(widget.readouts, "__module__", "").startswith("rut_edu."):
        return None
    folder = Path(os.environ.get(WIDGET_CACHE_ENV) or ROOT / "_build" / ".widget-grid-cache")
    key = hashlib.sha256(f"{_package_digest()} {widget.name} {widget.axes!r}".encode()).hexdigest()[:24]
    return folder / f"{widget.name}-{key}.json.gz"


@functools.cache
def _rendered(name: str) -> tuple[tuple[tuple[str, ...], ...], float, bool]:
    """Every state's readouts of the site widget ``name``, the seconds its rendering took, and whether it was
    read from the cache.

    One rendering per widget per build process, however many pages show it, and one per version of the
    package's code and data: the main site and the student site render the same grids, and so does every
    rebuild after an edit to the prose, so a rendering is kept on disk under a key made of the package's files
    (code and data), the library versions, and the widget's grid (:func:`_cache_file`).
    """
    widget = SITE_WIDGETS[name]
    cached = _cache_file(widget)
    if cached is not None and cached.is_file():
        stored = json.loads(gzip.decompress(cached.read_bytes()))
        return tuple(tuple(state) for state in stored["rendered"]), stored["seconds"], True
    started = time.perf_counter()
    rendered = tuple(widget.render())
    seconds = time.perf_counter() - started
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.part")
        partial.write_bytes(gzip.compress(json.dumps({"rendered": rendered, "seconds": seconds}).encode(), mtime=0))
        os.replace(partial, cached)  # whole or absent, even with two builds at once
    return rendered, seconds, False


def packed_states(widget: SiteWidget, state: Mapping, model_id: str) -> PackedStates:
    """Render and pack every state of ``widget``, after checking it against the notebook's stored widget.

    Raises
    ------
    UnsupportedWidget
        If the notebook's controls do not carry the grid's descriptions in order, a control is of a kind the
        website cannot step, or the notebook's stored readouts are not one state of the grid.
    """
    widgets = leaves(state, model_id)
    controls = [(kind, s) for kind, s in widgets if kind not in READOUTS]
    stored = tuple(s.get("value") or "" for kind, s in widgets if kind in READOUTS)
    descriptions = [s.get("description") for _, s in controls]
    if descriptions != [axis.description for axis in widget.axes]:
        raise UnsupportedWidget(f"site widget {widget.name!r}: the notebook's controls are {descriptions}, "
                                f"the grid's axes {[axis.description for axis in widget.axes]}")
    for (kind, _), axis in zip(controls, widget.axes):
        if kind not in NOTEBOOK_MODELS[axis.control.kind]:
            raise UnsupportedWidget(f"site widget {widget.name!r}: the notebook stored {axis.description!r} as "
                                    f"{kind}, not the {axis.control.kind} its axis declares (run make outputs)")
        if axis.control.kind == "checkbox" and axis.values != (False, True):
            raise UnsupportedWidget(f"site widget {widget.name!r}: a checkbox's axis must be (False, True)")
    rendered, seconds, from_cache = _rendered(widget.name)
    if len(rendered[0]) != len(stored):
        raise UnsupportedWidget(f"site widget {widget.name!r}: {len(rendered[0])} readouts per state, "
                                f"the notebook's box holds {len(stored)}")
    try:
        start = rendered.index(stored)
    except ValueError:
        raise UnsupportedWidget(
            f"site widget {widget.name!r}: the readout the notebook stored is not a state of the site grid; "
            "either the notebook's controls start off the grid, the widget's inputs() differ from what the "
            "chapter passes to the explorer, or the data changed since the chapter was stored (run make outputs)") from None
    payload = pack(list(rendered))
    digest = hashlib.sha256(payload).hexdigest()[:12]
    return PackedStates(widget.name, len(rendered), f"{widget.name}-{digest}.json.gz", payload, seconds, start,
                        stored, from_cache)


def _positions(widget: SiteWidget, index: int) -> list[int]:
    positions = []
    for axis in reversed(widget.axes):
        index, position = divmod(index, len(axis.values))
        positions.append(position)
    return positions[::-1]


def _control(axis, axis_number: int, position: int, control_id: str) -> str:
    """The website's control for one axis, drawn by the kind its declaration gives."""
    kind = axis.control.kind
    label = f'<label class="rut-widget-label" for="{control_id}">{html.escape(axis.description)}</label>'
    common = f'id="{control_id}" data-axis="{axis_number}"'
    if kind == "slider":
        text = html.escape(axis.labels[position], quote=True)
        control = (f'<input type="range" {common} class="rut-widget-slider" min="0" max="{len(axis.values) - 1}" '
                   f'step="1" value="{position}" aria-valuetext="{text}" '
                   f'data-labels="{html.escape(json.dumps(axis.labels), quote=True)}">'
                   f'<output class="rut-widget-readout" for="{control_id}">{text}</output>')
    elif kind in ("dropdown", "range"):
        options = "".join(f'<option value="{i}"{" selected" if i == position else ""}>{html.escape(text)}</option>'
                          for i, text in enumerate(axis.labels))
        control = f'<select {common} class="rut-widget-select">{options}</select>'
    elif kind == "toggle":
        buttons = "".join(
            f'<button type="button" class="rut-widget-toggle{" rut-widget-toggle-on" if i == position else ""}" '
            f'data-position="{i}" aria-pressed="{"true" if i == position else "false"}">{html.escape(text)}</button>'
            for i, text in enumerate(axis.labels))
        label = f'<span class="rut-widget-label" id="{control_id}-label">{html.escape(axis.description)}</span>'
        control = (f'<span {common} class="rut-widget-toggles" role="group" aria-labelledby="{control_id}-label">'
                   f'{buttons}</span>')
    else:
        checked = " checked" if axis.values[position] else ""
        control = f'<input type="checkbox" {common} class="rut-widget-checkbox"{checked}>'
    return f'<div class="rut-widget-row">{label}{control}</div>'


def live_html(widget: SiteWidget, state: Mapping, model_id: str, packed: PackedStates) -> str:
    """The website's widget: the note, the controls on the notebook's state, its readouts as they were."""
    widgets = leaves(state, model_id)
    positions = _positions(widget, packed.start)
    prefix = f"rut-widget-{model_id[:12]}"
    parts, axis_number, readout_number = [], 0, 0
    for kind, _ in widgets:
        if kind in READOUTS:
            # not a live region: a screen reader would read the whole table and chart again on every step; the
            # widget's status line (below) announces the values chosen and the readout's first line instead
            parts.append(f'<div class="rut-widget-html" data-readout="{readout_number}">'
                         f'{packed.readouts[readout_number]}</div>')
            readout_number += 1
        else:
            parts.append(_control(widget.axes[axis_number], axis_number, positions[axis_number],
                                  f"{prefix}-{axis_number}"))
            axis_number += 1
    dims = ",".join(str(len(axis.values)) for axis in widget.axes)
    return (f'<div class="rut-widget-live" data-widget="{widget.name}" data-states="{packed.file_name}" '
            f'data-dims="{dims}" data-positions="{",".join(map(str, positions))}">'
            f'<p class="rut-widget-note" role="note">{note_html(widget)}</p>{"".join(parts)}'
            f'<p class="rut-widget-status" role="status"></p></div>')


@functools.cache
def note_html(widget: SiteWidget) -> str:
    """The note above a website widget: what it answers, where the notebook offers finer values (from the
    widget's declaration, :meth:`SiteWidget.notebook_note`), and the route to run it that works on any machine."""
    sentences = widget.notebook_note()
    finer = (f" The notebook offers finer values. {html.escape('. '.join(sentences))}." if sentences else
             " The notebook offers the same settings.")
    return (f"{NOTE}{finer} To run it, {HOW_TO_RUN} (How to run it) or open the launch menu at the top of the "
            "page.")


def write_states(packed: PackedStates, outdir: str | Path) -> Path:
    """Write the packed states under the site's ``_static/widget-states`` (once per content: the name is a hash)."""
    folder = Path(outdir) / "_static" / STATES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / packed.file_name
    if not path.exists():
        path.write_bytes(packed.payload)
    return path
