"""The website's version of a widget: a grid of control values, and the readouts of every state on it.

No Python runs behind the website, yet a reader there should be able to move a control and see the
answer the notebook would give. So each widget declares, beside its notebook controls, a **site grid**:
the values each control takes on the website (every option of a dropdown or a switch, a few meaningful
steps of a slider, preset windows for a free date range). When the book is built, its tooling renders
every state of the grid with the widget's own readout function (the code the notebook runs, nothing
re-written in JavaScript) and the page steps through them.

A :class:`SiteWidget` is the one declaration of a widget: its axes, the inputs the chapter passes to the
explorer (rebuilt from the package's data) and the readout function. Each axis describes both faces of one
control: the values the website steps through, and the notebook :class:`Control` (its kind, and the finer
values it offers). :meth:`SiteWidget.explorer` builds the notebook's widget from that declaration, and the
book's tooling builds the website's from the same one; the build checks that the readout the notebook
stored is one of the grid's states, so the two cannot drift apart.
"""

from __future__ import annotations

import html
import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

MAX_STATES = 600
"""The most states one widget's grid may have: the website loads every state's readout on first touch."""

SITE_CLASS_PREFIX = "rut-site-"
"""The class an explorer's outer box carries, naming its :class:`SiteWidget` for the build."""


def readout_or_problem(render: Callable[..., str], *arguments) -> str:
    """The HTML ``render(*arguments)`` returns, or the problem it raised, as a paragraph a reader sees.

    A widget answers every state of its controls: a setting the function refuses (a window too short
    to measure, say) shows the function's own message instead of a stale readout.

    Parameters
    ----------
    render : callable
        A readout function returning HTML; it raises ``ValueError`` for a state it cannot answer.
    *arguments
        Passed to ``render`` unchanged.

    Returns
    -------
    str
        HTML.

    Raises
    ------
    TypeError
        If ``render`` is not callable.

    Examples
    --------
    >>> readout_or_problem(lambda x: f"<p>{1 / x:.2f}</p>", 4)
    '<p>0.25</p>'
    >>> def refuse(x):
    ...     raise ValueError("x must be positive")
    >>> readout_or_problem(refuse, -1)
    '<p>x must be positive</p>'
    """
    if not callable(render):
        raise TypeError(f"render must be callable, got {type(render).__name__}")
    try:
        return render(*arguments)
    except ValueError as problem:
        return f"<p>{html.escape(str(problem))}</p>"


CONTROL_KINDS = ("dropdown", "toggle", "checkbox", "slider", "range")
"""The notebook controls an axis can have: a menu, a row of buttons, a tick box, a slider (over a range of
numbers, or over a list of values) and a range slider (a span between two ends)."""


@dataclass(frozen=True)
class Control:
    """The notebook's face of one axis: the kind of control, the values it offers and the one it opens on.

    Parameters
    ----------
    kind : str
        One of :data:`CONTROL_KINDS`.
    low : float, optional
        A numeric slider's smallest value.
    high : float, optional
        A numeric slider's largest value.
    step : float, optional
        A numeric slider's step; integers throughout make an integer slider.
    options : callable, optional
        ``options(*inputs) -> sequence of (label, value)``: the values a menu, a list slider or a range
        slider offers, computed from the widget's inputs (a range slider's value is a pair of them). Without
        it a menu or a row of buttons offers the website's values, and a slider needs ``low``, ``high`` and
        ``step``.
    start : object, optional
        The value the notebook opens on; by default the first of ``options``, or else the axis's first value
        (a range slider opens on its whole span).
    readout_format : str, optional
        A numeric slider's readout, in the d3-format ipywidgets uses (``".2f"``, ``"+.0%"``); ipywidgets'
        own default when not given.
    label_format : str, default "g"
        Python's format for describing a numeric slider's range in words on the website.

    Raises
    ------
    ValueError
        If the kind is unknown, a numeric slider's range is not finite and increasing with a positive
        step, or a range slider has no ``options``.

    Examples
    --------
    >>> Control("slider", low=0.0, high=2.0, step=0.25).values_in_words()
    'from 0 to 2 in steps of 0.25'
    """

    kind: str
    low: float | None = None
    high: float | None = None
    step: float | None = None
    options: Callable[..., Sequence] | None = None
    start: object = None
    readout_format: str | None = None
    label_format: str = "g"

    def __post_init__(self):
        if self.kind not in CONTROL_KINDS:
            raise ValueError(f"a control's kind must be one of {CONTROL_KINDS}, got {self.kind!r}")
        if self.options is not None and not callable(self.options):
            raise ValueError(f"a {self.kind}'s options must be a function of the widget's inputs, got {self.options!r}")
        numeric = (self.low, self.high, self.step)
        if self.kind == "slider" and self.options is None:
            if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in numeric):
                raise ValueError(f"a slider needs finite low, high and step (or options), got {numeric}")
            if not self.low < self.high or self.step <= 0:
                raise ValueError(f"a slider needs low < high and a positive step, got {numeric}")
        elif any(v is not None for v in numeric):
            raise ValueError(f"only a numeric slider takes low, high and step; a {self.kind} got {numeric}")
        if self.kind == "range" and self.options is None:
            raise ValueError("a range slider needs options: the values its two ends move over")

    @property
    def integral(self) -> bool:
        """Whether a numeric slider moves over integers (an integer slider in the notebook)."""
        return all(isinstance(v, int) and not isinstance(v, bool) for v in (self.low, self.high, self.step))

    def takes(self, value) -> bool:
        """Whether a numeric slider can be set to ``value`` (inside its range, on a step)."""
        if self.kind != "slider" or self.options is not None:
            raise ValueError(f"takes() answers for a numeric slider, not a {self.kind}")
        steps = (value - self.low) / self.step
        return self.low - 1e-12 <= value <= self.high + 1e-12 and abs(steps - round(steps)) < 1e-9

    def values_in_words(self, inputs: tuple = ()) -> str:
        """What the notebook's control offers, in words: a numeric slider's range and step, or the first and
        last of its options (computed from ``inputs``); ``""`` when it offers the website's values."""
        if self.kind == "slider" and self.options is None:
            low, high = (format(v, self.label_format) for v in (self.low, self.high))
            step = format(self.step, self.label_format.removeprefix("+"))  # a step has no sign
            return f"from {low} to {high} in steps of {step}"
        if self.options is None:
            return ""
        offered = list(self.options(*inputs))
        if self.kind == "range":
            return f"any span from {offered[0][0]} to {offered[-1][0]} ({len(offered)} stops)"
        return f"any of {len(offered)} values, {offered[0][0]} to {offered[-1][0]}"


@dataclass(frozen=True)
class GridAxis:
    """The values one control takes on the website.

    Parameters
    ----------
    description : str
        The notebook control's description (its label): the build matches the website's axes to the
        notebook's controls by it, in order.
    values : tuple
        The values, in the order the control steps through them.
    labels : tuple of str
        What the website shows for each value (a slider's readout, an option's text).
    control : Control, optional
        The notebook's control for this axis; by default a tick box for ``(False, True)`` and a menu of the
        website's values otherwise.

    Raises
    ------
    ValueError
        If there are no values, the labels do not match the values one to one, values or labels repeat, or a
        numeric slider cannot be set to one of the website's values.

    Examples
    --------
    >>> axis = GridAxis("Years", (5, 10, 15), ("5", "10", "15"))
    >>> axis.position(10)
    1
    """

    description: str
    values: tuple
    labels: tuple[str, ...]
    control: Control | None = None

    def __post_init__(self):
        if not isinstance(self.description, str) or not self.description.strip():
            raise ValueError(f"a grid axis needs the control's description, got {self.description!r}")
        if not isinstance(self.values, tuple) or not self.values:
            raise ValueError(f"axis {self.description!r}: values must be a non-empty tuple, got {self.values!r}")
        if not isinstance(self.labels, tuple) or len(self.labels) != len(self.values):
            raise ValueError(f"axis {self.description!r}: {len(self.values)} values but labels {self.labels!r}")
        if len(set(self.labels)) != len(self.labels):
            raise ValueError(f"axis {self.description!r}: labels repeat: {self.labels!r}")
        if len(set(map(repr, self.values))) != len(self.values):
            raise ValueError(f"axis {self.description!r}: values repeat: {self.values!r}")
        if self.control is None:
            object.__setattr__(self, "control", Control("checkbox" if self.values == (False, True) else "dropdown"))
        if not isinstance(self.control, Control):
            raise ValueError(f"axis {self.description!r}: control must be a Control, got {self.control!r}")
        if self.control.kind == "slider" and self.control.options is None:
            off = [v for v in self.values if not self.control.takes(v)]
            if off:
                raise ValueError(f"axis {self.description!r}: the notebook's slider cannot be set to {off}")

    def position(self, value) -> int:
        """The index of ``value`` on this axis (floats compared to 1e-9); ``ValueError`` if it is not there."""
        for i, candidate in enumerate(self.values):
            if candidate == value or (isinstance(candidate, float) and isinstance(value, (int, float))
                                      and math.isclose(candidate, value, rel_tol=1e-9, abs_tol=1e-12)):
                return i
        raise ValueError(f"{value!r} is not on the site grid of {self.description!r}: {self.values!r}")


def numeric_axis(description: str, values: Sequence[float], label_format: str, *,
                 notebook: tuple[float, float, float] | None = None, start: float | None = None,
                 readout_format: str | None = None) -> GridAxis:
    """A slider's axis: its website values labelled with ``format(value, label_format)``, and its notebook slider.

    Parameters
    ----------
    description : str
        The slider's description.
    values : sequence of float
        The website's values, strictly increasing.
    label_format : str
        A format specification, as the slider's readout (``".2f"``, ``".1%"``, ``"d"``).
    notebook : tuple of (float, float, float), optional
        The notebook slider's ``(low, high, step)``; by default from the first to the last website value in
        steps of the smallest gap between them.
    start : float, optional
        The value the notebook opens on (default the first website value).
    readout_format : str, optional
        The notebook slider's readout in d3-format (ipywidgets' default when not given).

    Returns
    -------
    GridAxis
        The slider's values on the website, labelled as its readout shows them, and its notebook slider.

    Raises
    ------
    ValueError
        If the values are not finite and strictly increasing, or the notebook's slider cannot be set to
        one of them.

    Examples
    --------
    >>> axis = numeric_axis("Leverage", [1.0, 5.0, 10.0], "g", notebook=(1.0, 30.0, 1.0))
    >>> axis.labels, axis.control.values_in_words()
    (('1', '5', '10'), 'from 1 to 30 in steps of 1')
    """
    values = tuple(values)
    if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in values):
        raise ValueError(f"axis {description!r}: values must be finite numbers, got {values!r}")
    if any(b <= a for a, b in zip(values, values[1:])):
        raise ValueError(f"axis {description!r}: values must increase strictly, got {values!r}")
    if notebook is None:
        gaps = [b - a for a, b in zip(values, values[1:])]
        notebook = (values[0], values[-1], min(gaps)) if gaps else (values[0], values[0] + 1, 1)
    if not isinstance(notebook, tuple) or len(notebook) != 3:
        raise ValueError(f"axis {description!r}: notebook must be (low, high, step), got {notebook!r}")
    control = Control("slider", *notebook, start=values[0] if start is None else start,
                      readout_format=readout_format, label_format=label_format)
    return GridAxis(description, values, tuple(format(v, label_format) for v in values), control)


def choice_axis(description: str, options: Sequence, *, kind: str | None = None, start=None) -> GridAxis:
    """A menu's, a row of buttons' or a tick box's axis: every option, labelled, on the website and the notebook.

    Parameters
    ----------
    description : str
        The control's description.
    options : sequence
        The options (strings, or ``(False, True)`` for a tick box).
    kind : {"dropdown", "toggle", "checkbox"}, optional
        The notebook's control: by default a tick box for ``(False, True)`` and a menu otherwise.
    start : optional
        The option the notebook opens on (default the first).

    Returns
    -------
    GridAxis
        Every option, labelled with its text ("yes" and "no" for a tick box).

    Raises
    ------
    ValueError
        If there are no options, they repeat, ``kind`` is not a kind of choice, or ``start`` is not an option.

    Examples
    --------
    >>> axis = choice_axis("Test", ["walk-forward", "leaky"], kind="toggle")
    >>> axis.values, axis.control.kind
    (('walk-forward', 'leaky'), 'toggle')
    """
    options = tuple(options)
    labels = tuple(("yes" if o else "no") if isinstance(o, bool) else str(o) for o in options)
    if kind is None:
        kind = "checkbox" if options == (False, True) else "dropdown"
    if kind not in ("dropdown", "toggle", "checkbox"):
        raise ValueError(f"axis {description!r}: a choice is a dropdown, toggle or checkbox, got {kind!r}")
    if start is not None and start not in options:
        raise ValueError(f"axis {description!r}: start {start!r} is not one of the options {options!r}")
    return GridAxis(description, options, labels, Control(kind, start=start))


@dataclass(frozen=True)
class SiteWidget:
    """A widget as the website shows it: its grid, its inputs and its readout function.

    Parameters
    ----------
    name : str
        A short identifier (letters, digits, hyphens); the explorer's box carries the class
        ``rut-site-<name>``.
    axes : tuple of GridAxis
        One per notebook control, in the order the explorer lays them out.
    inputs : callable
        ``inputs() -> tuple``: the data the chapter passes to the explorer, rebuilt from the package.
    readouts : callable
        ``readouts(*inputs, *values) -> tuple of str``: the HTML of each readout, in order, for one state of
        the controls; the notebook's explorer and the website's grid both call it.

    Raises
    ------
    ValueError
        If the name is not an identifier of that shape, there are no axes, or the grid is larger than
        :data:`MAX_STATES`.

    Examples
    --------
    >>> widget = SiteWidget("double", (GridAxis("x", (1, 2), ("1", "2")),), lambda: (), lambda x: (f"{2 * x}",))
    >>> widget.size, widget.state_index((2,)), widget.render()
    (2, 1, [('2',), ('4',)])
    """

    name: str
    axes: tuple[GridAxis, ...]
    inputs: Callable[[], tuple]
    readouts: Callable[..., tuple[str, ...]]

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name or not self.name.replace("-", "").isalnum():
            raise ValueError(f"a site widget's name must be letters, digits and hyphens, got {self.name!r}")
        if not isinstance(self.axes, tuple) or not self.axes or not all(isinstance(a, GridAxis) for a in self.axes):
            raise ValueError(f"site widget {self.name!r}: axes must be a non-empty tuple of GridAxis")
        if self.size > MAX_STATES:
            raise ValueError(f"site widget {self.name!r}: {self.size} states, more than {MAX_STATES}")

    @property
    def css_class(self) -> str:
        """The class the explorer's outer box carries: how the build finds this record."""
        return SITE_CLASS_PREFIX + self.name

    @property
    def size(self) -> int:
        """The number of states: the product of the axes' lengths."""
        return math.prod(len(axis.values) for axis in self.axes)

    def states(self) -> Iterator[tuple]:
        """Every state, as a tuple of control values, the first axis varying slowest."""
        return itertools.product(*(axis.values for axis in self.axes))

    def state_index(self, values: Sequence) -> int:
        """The position of a state in :meth:`states` (mixed radix, first axis most significant)."""
        if len(values) != len(self.axes):
            raise ValueError(f"site widget {self.name!r} has {len(self.axes)} controls, got {len(values)} values")
        index = 0
        for axis, value in zip(self.axes, values):
            index = index * len(axis.values) + axis.position(value)
        return index

    def render(self, inputs: tuple | None = None) -> list[tuple[str, ...]]:
        """Every state's readouts, in the order of :meth:`states`; ``inputs`` defaults to ``self.inputs()``."""
        inputs = self.inputs() if inputs is None else tuple(inputs)
        rendered = []
        for values in self.states():
            out = self.readouts(*inputs, *values)
            if not isinstance(out, tuple) or not all(isinstance(part, str) for part in out):
                raise TypeError(f"site widget {self.name!r}: readouts must return a tuple of HTML strings")
            rendered.append(out)
        return rendered

    def explorer(self, *inputs):
        """The notebook's widget: one control per axis, as its :class:`Control` describes, over the readouts.

        Every move of a control calls :attr:`readouts` with the inputs and every control's value, and shows
        what it returns; the box carries :attr:`css_class`, by which the book's build finds this declaration.

        Parameters
        ----------
        *inputs
            What the chapter passes (the values :attr:`inputs` rebuilds for the website).

        Returns
        -------
        ipywidgets.VBox
            The controls, in the order of the axes, then the readouts.

        Raises
        ------
        ValueError
            If a control's opening value is not one it offers.

        Examples
        --------
        >>> widget = SiteWidget("double", (numeric_axis("x", (1, 2), "d", notebook=(0, 10, 1)),), lambda: (),
        ...                     lambda x: (f"<p>{2 * x}</p>",))
        >>> box = widget.explorer()
        >>> box.children[0].value = 7
        >>> box.children[1].value
        '<p>14</p>'
        """
        import ipywidgets

        controls = [_notebook_control(axis, inputs) for axis in self.axes]
        readouts = [ipywidgets.HTML(value) for value in self.readouts(*inputs, *(c.value for c in controls))]

        def refresh(*_):
            for readout, value in zip(readouts, self.readouts(*inputs, *(c.value for c in controls))):
                readout.value = value

        for control in controls:
            control.observe(refresh, names="value")
        box = ipywidgets.VBox([*controls, *readouts])
        box.add_class(self.css_class)
        return box

    def notebook_note(self, inputs: tuple | None = None) -> list[str]:
        """Where the notebook offers finer values than the website: one sentence per such axis.

        Parameters
        ----------
        inputs : tuple, optional
            The widget's inputs (for controls whose values come from them); ``self.inputs()`` by default.

        Returns
        -------
        list of str
            ``"<description>: here <the website's values>; in the notebook <its values>"`` for each axis
            whose notebook control offers other values (a menu's values are left to the menu); empty when
            both offer the same.

        Examples
        --------
        >>> axis = numeric_axis("Leverage", (1.0, 10.0), "g", notebook=(1.0, 30.0, 1.0))
        >>> SiteWidget("lev", (axis,), lambda: (), lambda x: ("",)).notebook_note(())
        ['Leverage: here 1 or 10; in the notebook from 1 to 30 in steps of 1']
        """
        inputs = self.inputs() if inputs is None and any(a.control.options for a in self.axes) else inputs or ()
        sentences = []
        for axis in self.axes:
            words = axis.control.values_in_words(inputs)
            offered = [value for _, value in axis.control.options(*inputs)] if axis.control.options else None
            if not words or offered == list(axis.values):  # the same values, computed from the inputs
                continue
            if axis.control.kind == "slider" and axis.control.options is None:  # a menu lists its values itself
                here = ", ".join(axis.labels[:-1]) + f" or {axis.labels[-1]}" if len(axis.labels) > 1 else axis.labels[0]
                sentences.append(f"{axis.description}: here {here}; in the notebook {words}")
            else:
                sentences.append(f"{axis.description}: in the notebook {words}")
        return sentences


def _notebook_control(axis: GridAxis, inputs: tuple):
    """The ipywidgets control an axis's :class:`Control` describes, opening on its start value."""
    import ipywidgets

    control = axis.control
    common = {"description": axis.description, "style": {"description_width": "initial"}}
    wide = ipywidgets.Layout(width="min(100%, 520px)")
    offered = [(label, value) for label, value in control.options(*inputs)] if control.options else None
    start = control.start if control.start is not None else offered[0][1] if offered else axis.values[0]
    if control.kind == "checkbox":
        return ipywidgets.Checkbox(value=bool(start), indent=False, layout=ipywidgets.Layout(width="auto"), **common)
    if control.kind == "range":
        return ipywidgets.SelectionRangeSlider(options=offered, index=(0, len(offered) - 1), layout=wide, **common)
    if offered is not None and start not in [value for _, value in offered]:
        raise ValueError(f"control {axis.description!r} opens on {start!r}, which it does not offer")
    if control.kind in ("dropdown", "toggle"):
        kind = ipywidgets.Dropdown if control.kind == "dropdown" else ipywidgets.ToggleButtons
        options = offered if offered is not None else list(zip(axis.labels, axis.values))
        return kind(options=options, value=start, **common)
    if offered is not None:
        return ipywidgets.SelectionSlider(options=offered, value=start, layout=wide, **common)
    kind = ipywidgets.IntSlider if control.integral else ipywidgets.FloatSlider
    extra = {"readout_format": control.readout_format} if control.readout_format else {}
    return kind(value=start, min=control.low, max=control.high, step=control.step, layout=wide, **common, **extra)
