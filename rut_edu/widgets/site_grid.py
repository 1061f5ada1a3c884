"""The website's version of a widget: a grid of control values, and the readouts of every state on it.

No Python runs behind the website, yet a reader there should be able to move a control and see the
answer the notebook would give. So each widget declares, beside its notebook controls, a **site grid**:
the values each control takes on the website (every option of a dropdown or a switch, a few meaningful
steps of a slider, preset windows for a free date range). When the book is built, its tooling renders
every state of the grid with the widget's own readout function (the code the notebook runs, nothing
re-written in JavaScript) and the page steps through them.

A :class:`SiteWidget` holds the grid, the inputs the chapter passes to the explorer (rebuilt from the
package's data) and the readout function. The notebook's explorer calls the same readout function, and
the build checks that the readout the notebook stored is one of the grid's states, so the two cannot
drift apart.
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

    Raises
    ------
    ValueError
        If there are no values, the labels do not match the values one to one, or values or labels repeat.

    Examples
    --------
    >>> axis = GridAxis("Years", (5, 10, 15), ("5", "10", "15"))
    >>> axis.position(10)
    1
    """

    description: str
    values: tuple
    labels: tuple[str, ...]

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

    def position(self, value) -> int:
        """The index of ``value`` on this axis (floats compared to 1e-9); ``ValueError`` if it is not there."""
        for i, candidate in enumerate(self.values):
            if candidate == value or (isinstance(candidate, float) and isinstance(value, (int, float))
                                      and math.isclose(candidate, value, rel_tol=1e-9, abs_tol=1e-12)):
                return i
        raise ValueError(f"{value!r} is not on the site grid of {self.description!r}: {self.values!r}")


def numeric_axis(description: str, values: Sequence[float], label_format: str) -> GridAxis:
    """A slider's axis: its values, each labelled with ``format(value, label_format)``.

    Parameters
    ----------
    description : str
        The slider's description.
    values : sequence of float
        Strictly increasing.
    label_format : str
        A format specification, as the slider's readout (``".2f"``, ``".1%"``, ``"d"``).

    Returns
    -------
    GridAxis
        The slider's values on the website, labelled as its readout shows them.

    Raises
    ------
    ValueError
        If the values are not finite and strictly increasing.

    Examples
    --------
    >>> numeric_axis("Leverage", [1.0, 5.0, 10.0], "g").labels
    ('1', '5', '10')
    """
    values = tuple(values)
    if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in values):
        raise ValueError(f"axis {description!r}: values must be finite numbers, got {values!r}")
    if any(b <= a for a, b in zip(values, values[1:])):
        raise ValueError(f"axis {description!r}: values must increase strictly, got {values!r}")
    return GridAxis(description, values, tuple(format(v, label_format) for v in values))


def choice_axis(description: str, options: Sequence) -> GridAxis:
    """A dropdown's, switch's or checkbox's axis: every option, labelled with its text.

    Parameters
    ----------
    description : str
        The control's description.
    options : sequence
        The options (strings, or ``(False, True)`` for a checkbox).

    Returns
    -------
    GridAxis
        Every option, labelled with its text ("yes" and "no" for a checkbox).

    Raises
    ------
    ValueError
        If there are no options or they repeat.

    Examples
    --------
    >>> choice_axis("Test", ["walk-forward", "leaky"]).values
    ('walk-forward', 'leaky')
    """
    options = tuple(options)
    labels = tuple(("yes" if o else "no") if isinstance(o, bool) else str(o) for o in options)
    return GridAxis(description, options, labels)


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
        ``readouts(*inputs, *values) -> tuple of str``: the HTML of each readout of the explorer's box,
        in order, for one state; the function the explorer's own refresh calls.
    explorer : callable, optional
        ``explorer(*inputs()) -> ipywidgets box``: the notebook's widget over the same readouts, so the tests and
        the tooling find it from this one declaration.

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
    explorer: Callable[..., object] | None = None

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
