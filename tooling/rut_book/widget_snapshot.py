"""Static HTML for a notebook widget, from the widget state the notebook stores: what the website shows.

No Python kernel runs behind the website, so a live widget there could move its controls without its
readout changing. Instead each widget is drawn once, as it was when the notebook ran: its controls as
disabled HTML controls showing their values (a screen reader reads them as such), its readouts (the
``HTML`` widgets) as they were, and a note that says where to run it live. No widget JavaScript is needed.

Only the widget kinds the course uses are drawn; any other raises :class:`UnsupportedWidget`, so a new
kind of control fails the build instead of vanishing from the page.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping

# Widgets sit on chapter pages (notebooks/) and book pages (book/): from either, this reaches How to run it.
HOW_TO_RUN = '<a href="../book/how-to-run.html#in-jupyterlab">run the chapter in JupyterLab</a>'
NOTE = ("Snapshot of an interactive widget, as the notebook left it: its controls need a running notebook. "
        f"To move them, {HOW_TO_RUN} (How to run it) or open the launch menu at the top of the page.")
"""HTML: the note's link is the route that works on any machine, published or not."""

SEARCH_NOTE = (" To look a word up here, use the site's search (the magnifier at the top of the page) or the "
               "glossary's letter index.")
"""Added for a widget that takes typed text: a website cannot answer every word ahead of time, its search can."""

MODEL_PREFIX = "IPY_MODEL_"


class UnsupportedWidget(ValueError):
    """A widget kind (or a state) this module cannot draw."""


def _label(state: Mapping, control_id: str) -> str:
    description = state.get("description") or ""
    if not description:
        return ""
    return f'<label class="rut-widget-label" for="{control_id}">{html.escape(description)}</label>'


def _format(value, fmt: str) -> str:
    # ipywidgets formats readouts with d3-format; the specifiers the course uses (".2f", ",.2f", ".2%", "d")
    # mean the same in Python's format mini-language.
    try:
        return format(value, fmt)
    except (TypeError, ValueError) as error:
        raise UnsupportedWidget(f"readout format {fmt!r} cannot format {value!r}: {error}") from None


def _row(state: Mapping, control_id: str, control: str, readout: str = "") -> str:
    out = f'<output class="rut-widget-readout" for="{control_id}">{html.escape(readout)}</output>' if readout else ""
    return f'<div class="rut-widget-row">{_label(state, control_id)}{control}{out}</div>'


def _slider(state: Mapping, control_id: str, default_format: str = ".2f") -> str:
    value, low, high, step = state["value"], state["min"], state["max"], state.get("step") or 1
    # a described slider is named by its <label>; an undescribed one still needs a name
    named = "" if state.get("description") else ' aria-label="value"'
    control = (f'<input type="range" id="{control_id}" class="rut-widget-slider" min="{low}" max="{high}" '
               f'step="{step}" value="{value}"{named} disabled>')
    return _row(state, control_id, control, _format(value, state.get("readout_format") or default_format))


def _range_slider(state: Mapping, control_id: str) -> str:
    low, high = state["value"]
    text = f"{_format(low, state.get('readout_format') or 'd')} – {_format(high, state.get('readout_format') or 'd')}"
    return _row(state, control_id, _range_bar(control_id, state, low - state["min"], high - state["min"],
                                              state["max"] - state["min"], text), text)


def _selection_range_slider(state: Mapping, control_id: str) -> str:
    labels, (start, end) = _options(state), state["index"]
    text = f"{labels[start]} – {labels[end]}"
    return _row(state, control_id, _range_bar(control_id, state, start, end, len(labels) - 1, text), text)


def _range_bar(control_id: str, state: Mapping, start: float, end: float, span: float, text: str) -> str:
    # A range has no native HTML control: a bar with the chosen stretch filled, announced as its text.
    left, width = (100 * start / span, 100 * (end - start) / span) if span else (0.0, 100.0)
    label = html.escape(f"{state.get('description') or 'range'}: {text}", quote=True)
    return (f'<span id="{control_id}" class="rut-widget-range" role="img" aria-label="{label}">'
            f'<span class="rut-widget-range-fill" style="left:{left:.1f}%;width:{width:.1f}%"></span></span>')


def _options(state: Mapping) -> list[str]:
    labels = state.get("_options_labels")
    if not isinstance(labels, (list, tuple)) or not labels:
        raise UnsupportedWidget(f"a selection widget stores no option labels: {labels!r}")
    return [str(label) for label in labels]


def _dropdown(state: Mapping, control_id: str) -> str:
    labels, chosen = _options(state), state.get("index")
    options = "".join(f'<option{" selected" if i == chosen else ""}>{html.escape(label)}</option>'
                      for i, label in enumerate(labels))
    return _row(state, control_id, f'<select id="{control_id}" class="rut-widget-select" disabled>{options}</select>')


def _toggle_buttons(state: Mapping, control_id: str) -> str:
    labels, chosen = _options(state), state.get("index")
    buttons = "".join(
        f'<button type="button" class="rut-widget-toggle{" rut-widget-toggle-on" if i == chosen else ""}" '
        f'aria-pressed="{"true" if i == chosen else "false"}" disabled>{html.escape(label)}</button>'
        for i, label in enumerate(labels))
    group = html.escape(state.get("description") or "options", quote=True)
    return _row(state, control_id,
                f'<span id="{control_id}" class="rut-widget-toggles" role="group" aria-label="{group}">{buttons}</span>')


def _checkbox(state: Mapping, control_id: str) -> str:
    checked = " checked" if state.get("value") else ""
    return _row(state, control_id, f'<input type="checkbox" id="{control_id}" class="rut-widget-checkbox"{checked} disabled>')


def _text(state: Mapping, control_id: str) -> str:
    value = html.escape(str(state.get("value") or ""), quote=True)
    return _row(state, control_id, f'<input type="text" id="{control_id}" class="rut-widget-text" value="{value}" disabled>')


def _html(state: Mapping, control_id: str) -> str:
    # The readout the package wrote (tables, SVG charts): trusted HTML from this project's own widgets.
    return f'<div class="rut-widget-html">{state.get("value") or ""}</div>'


DRAWERS = {
    "FloatSliderModel": _slider,
    "IntSliderModel": functools.partial(_slider, default_format="d"),
    "IntRangeSliderModel": _range_slider,
    "SelectionRangeSliderModel": _selection_range_slider,
    "DropdownModel": _dropdown,
    "ToggleButtonsModel": _toggle_buttons,
    "CheckboxModel": _checkbox,
    "TextModel": _text,
    "HTMLModel": _html,
}
BOXES = {"VBoxModel": "rut-widget-vbox", "HBoxModel": "rut-widget-hbox", "BoxModel": "rut-widget-vbox"}


def _model_id(reference: str) -> str:
    return reference.removeprefix(MODEL_PREFIX)


def _model(state: Mapping, model_id: str, depth: int) -> Mapping:
    if depth > 20:
        raise UnsupportedWidget(f"widget {model_id} nests deeper than 20 boxes (a cycle?)")
    if model_id not in state:
        raise UnsupportedWidget(f"widget {model_id} is not in the notebook's stored widget state")
    return state[model_id]


def leaves(state: Mapping, model_id: str, depth: int = 0) -> list[tuple[str, Mapping]]:
    """Every widget inside ``model_id`` that is not a box, in layout order, as ``(model name, its state)``."""
    model = _model(state, model_id, depth)
    if model.get("model_name") in BOXES:
        return [leaf for child in model.get("state", {}).get("children", [])
                for leaf in leaves(state, _model_id(child), depth + 1)]
    return [(model.get("model_name"), model.get("state", {}))]


def _draw(state: Mapping, model_id: str, depth: int) -> str:
    model = _model(state, model_id, depth)
    name, model_state = model.get("model_name"), model.get("state", {})
    if name in BOXES:
        children = "".join(_draw(state, _model_id(child), depth + 1) for child in model_state.get("children", []))
        return f'<div class="{BOXES[name]}">{children}</div>'
    if name not in DRAWERS:
        raise UnsupportedWidget(f"no static drawing for widget kind {name!r} (widget {model_id}): "
                                f"add one to rut_book.widget_snapshot.DRAWERS")
    return DRAWERS[name](model_state, f"rut-widget-{model_id[:12]}")


def snapshot_html(state: Mapping, model_id: str) -> str:
    """The static HTML of widget ``model_id`` (and everything inside it) from a notebook's widget state.

    Parameters
    ----------
    state : mapping
        The ``state`` mapping of the notebook's ``application/vnd.jupyter.widget-state+json`` metadata:
        model id to ``{"model_name": ..., "state": {...}}``.
    model_id : str
        The id of the widget the output displays (its ``widget-view+json`` ``model_id``).

    Returns
    -------
    str
        A ``<div class="rut-widget-snapshot">`` holding the note and the drawn widget.

    Raises
    ------
    UnsupportedWidget
        If the id is not in the state, or a widget inside is of a kind this module does not draw.

    Examples
    --------
    >>> state = {"a": {"model_name": "IntSliderModel",
    ...                "state": {"value": 3, "min": 0, "max": 10, "step": 1, "description": "Years"}}}
    >>> print(snapshot_html(state, "a"))  # doctest: +ELLIPSIS
    <div class="rut-widget-snapshot">...<label ...>Years</label><input type="range" ... value="3" disabled>...</div></div>
    """
    if not isinstance(state, Mapping):
        raise UnsupportedWidget(f"widget state must be a mapping of model ids, got {type(state).__name__}")
    body = _draw(state, _model_id(str(model_id)), 0)
    note = NOTE + (html.escape(SEARCH_NOTE) if 'class="rut-widget-text"' in body else "")
    return f'<div class="rut-widget-snapshot"><p class="rut-widget-note" role="note">{note}</p>{body}</div>'
