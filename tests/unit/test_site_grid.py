"""The website's widget grids: the records, the packing, and that every grid state is the notebook's answer.

The browser test (tests/site) checks the page shows these states; here, without a browser, each widget's
grid is checked against its notebook explorer: the controls carry the axes' descriptions in order, every
grid value is a value the notebook control can take, and for sampled states the explorer's readouts after
moving its controls equal the site widget's readouts for the same state.
"""

from __future__ import annotations

import gzip
import json
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rut_edu import comparison
from rut_edu.widgets import SITE_WIDGETS
from rut_edu.widgets.site_grid import MAX_STATES, Control, GridAxis, SiteWidget, choice_axis, numeric_axis, readout_or_problem


def _toy(readouts=lambda x, y: (f"<p>{x}{y}</p>",)):
    return SiteWidget(name="toy", axes=(GridAxis("x", (1, 2, 3), ("one", "two", "three")),
                                        choice_axis("y", ["a", "b"])),
                      inputs=lambda: (), readouts=readouts)


# ------------------------------------------------------------------ the records
def test_state_index_is_mixed_radix_worked_by_hand():
    toy = _toy()
    # states run x=1:(a, b), x=2:(a, b), x=3:(a, b): (3, "a") is the fifth, index 4 = 2 * 2 + 0
    assert toy.size == 6
    assert list(toy.states()) == [(1, "a"), (1, "b"), (2, "a"), (2, "b"), (3, "a"), (3, "b")]
    assert toy.state_index((3, "a")) == 4 and toy.state_index((1, "b")) == 1
    assert toy.render() == [("<p>1a</p>",), ("<p>1b</p>",), ("<p>2a</p>",), ("<p>2b</p>",), ("<p>3a</p>",),
                            ("<p>3b</p>",)]
    assert toy.css_class == "rut-site-toy"


@given(st.lists(st.integers(1, 4), min_size=1, max_size=4), st.data())
def test_state_index_inverts_the_order_of_states(lengths, data):
    axes = tuple(numeric_axis(f"axis {i}", range(n), "d") for i, n in enumerate(lengths))
    widget = SiteWidget("grid", axes, lambda: (), lambda *v: ("",))
    states = list(widget.states())
    k = data.draw(st.integers(0, len(states) - 1))
    assert widget.state_index(states[k]) == k and len(states) == widget.size


def test_axis_and_widget_refuse_bad_definitions():
    with pytest.raises(ValueError, match="description"):
        GridAxis(" ", (1,), ("1",))
    with pytest.raises(ValueError, match="non-empty tuple"):
        GridAxis("x", (), ())
    with pytest.raises(ValueError, match="2 values but labels"):
        GridAxis("x", (1, 2), ("1",))
    with pytest.raises(ValueError, match="labels repeat"):
        GridAxis("x", (1, 2), ("same", "same"))
    with pytest.raises(ValueError, match="values repeat"):
        GridAxis("x", (1, 1), ("a", "b"))
    with pytest.raises(ValueError, match="increase strictly"):
        numeric_axis("x", (2.0, 1.0), "g")
    with pytest.raises(ValueError, match="finite"):
        numeric_axis("x", (1.0, float("nan")), "g")
    with pytest.raises(ValueError, match="letters, digits and hyphens"):
        SiteWidget("no spaces", (GridAxis("x", (1,), ("1",)),), lambda: (), lambda x: ("",))
    with pytest.raises(ValueError, match="non-empty tuple of GridAxis"):
        SiteWidget("empty", (), lambda: (), lambda: ("",))
    big = numeric_axis("x", range(MAX_STATES + 1), "d")
    with pytest.raises(ValueError, match=f"{MAX_STATES + 1} states, more than {MAX_STATES}"):
        SiteWidget("big", (big,), lambda: (), lambda x: ("",))
    with pytest.raises(ValueError, match="not on the site grid"):
        _toy().state_index((4, "a"))
    with pytest.raises(ValueError, match="2 controls, got 1"):
        _toy().state_index((1,))
    with pytest.raises(TypeError, match="tuple of HTML strings"):
        _toy(readouts=lambda x, y: f"<p>{x}</p>").render()
    with pytest.raises(TypeError, match="callable"):
        readout_or_problem("not a function")


def test_axis_labels_by_hand():
    assert numeric_axis("Band", (0.0, 0.025), ".2%").labels == ("0.00%", "2.50%")
    assert choice_axis("Filter", (False, True)).labels == ("no", "yes")
    assert GridAxis("x", (0.1 + 0.2,), ("0.3",)).position(0.3) == 0


def test_a_control_describes_the_notebooks_values_by_hand():
    band = numeric_axis("Band", (0.0, 0.025), ".2%", notebook=(0.0, 0.05, 0.0025), start=0.025)
    assert band.control.values_in_words() == "from 0.00% to 5.00% in steps of 0.25%"
    move = numeric_axis("Move", (-1.0, 1.0), "+g", notebook=(-5.0, 5.0, 0.5))
    assert move.control.values_in_words() == "from -5 to +5 in steps of 0.5"  # a step carries no sign
    years = GridAxis("Years", ((2000, 2001),), ("2000-2001",),
                     Control("range", options=lambda first, last: [(str(y), y) for y in range(first, last + 1)]))
    assert years.control.values_in_words((2000, 2009)) == "any span from 2000 to 2009 (10 stops)"
    assert choice_axis("Test", ["a", "b"], kind="toggle").control.values_in_words() == ""
    same = GridAxis("Name", ("A", "B"), ("A", "B"), Control("dropdown", options=lambda first, last: [("A", "A"),
                                                                                                 ("B", "B")]))
    widget = SiteWidget("notes", (band, choice_axis("Test", ["a", "b"]), years, same), lambda: (2000, 2009),
                        lambda *values: ("",))
    assert widget.notebook_note() == ["Band: here 0.00% or 2.50%; in the notebook from 0.00% to 5.00% in steps of 0.25%",
                                      "Years: in the notebook any span from 2000 to 2009 (10 stops)"]


def test_controls_refuse_bad_declarations():
    with pytest.raises(ValueError, match="one of"):
        Control("knob")
    with pytest.raises(ValueError, match="finite low, high and step"):
        Control("slider", low=0.0, high=float("inf"), step=1.0)
    with pytest.raises(ValueError, match="low < high and a positive step"):
        Control("slider", low=1.0, high=0.0, step=0.5)
    with pytest.raises(ValueError, match="only a numeric slider"):
        Control("dropdown", low=0.0)
    with pytest.raises(ValueError, match="range slider needs options"):
        Control("range")
    with pytest.raises(ValueError, match="cannot be set to \\[0.3\\]"):
        numeric_axis("x", (0.0, 0.3), "g", notebook=(0.0, 1.0, 0.25))
    with pytest.raises(ValueError, match="cannot be set to \\[2.0\\]"):
        numeric_axis("x", (0.0, 2.0), "g", notebook=(0.0, 1.0, 0.5))
    with pytest.raises(ValueError, match="start 'c' is not one of the options"):
        choice_axis("x", ["a", "b"], start="c")
    with pytest.raises(ValueError, match="dropdown, toggle or checkbox"):
        choice_axis("x", ["a", "b"], kind="slider")
    with pytest.raises(ValueError, match="must be a Control"):
        GridAxis("x", (1,), ("1",), "slider")


def test_the_built_explorer_answers_every_move_with_the_declared_readouts():
    import ipywidgets

    seen = []

    def readouts(offset, x, word, tick, span):
        seen.append((x, word, tick, span))
        return (f"<p>{offset + x} {word}</p>", f"<p>{tick} {span}</p>")

    widget = SiteWidget("toy", (numeric_axis("x", (1, 3), "d", notebook=(0, 10, 1), start=3),
                                choice_axis("word", ["a", "b"], kind="toggle", start="b"),
                                choice_axis("tick", (False, True)),
                                GridAxis("span", ((1, 2),), ("1-2",), Control("range", options=lambda offset: [
                                    ("one", 1), ("two", 2), ("three", 3)]))), lambda: (100,), readouts)
    box = widget.explorer(100)
    x, word, tick, span, first, second = box.children
    assert (type(x), type(word), type(tick), type(span)) == (ipywidgets.IntSlider, ipywidgets.ToggleButtons,
                                                            ipywidgets.Checkbox, ipywidgets.SelectionRangeSlider)
    assert widget.css_class in box._dom_classes
    assert (x.min, x.max, x.step, x.value, word.value, tick.value, span.value) == (0, 10, 1, 3, "b", False, (1, 3))
    assert (first.value, second.value) == ("<p>103 b</p>", "<p>False (1, 3)</p>")
    x.value = 7  # a value only the notebook offers
    tick.value = True
    span.value = (2, 3)
    assert (first.value, second.value) == ("<p>107 b</p>", "<p>True (2, 3)</p>")
    assert seen[-1] == (7, "b", True, (2, 3))


def test_a_refused_state_shows_the_functions_message():
    def refuse(window):
        raise ValueError(f"window {window} is too short to measure")
    assert readout_or_problem(refuse, "1987") == "<p>window 1987 is too short to measure</p>"
    assert readout_or_problem(refuse, "<b>") == "<p>window &lt;b&gt; is too short to measure</p>"


# ------------------------------------------------------------------ the course's grids
def test_every_grid_is_small_named_and_answers_every_state():
    assert list(SITE_WIDGETS) == ["history", "cap-weighting", "volatility", "reconstitution", "leverage", "taylor",
                                  "backtest", "forecast"]
    for name, widget in SITE_WIDGETS.items():
        assert widget.name == name and 2 <= widget.size <= MAX_STATES, name


@pytest.fixture(scope="module")
def inputs():
    return {name: widget.inputs() for name, widget in SITE_WIDGETS.items()}


def _explorer(name: str, widget_inputs: tuple):
    return SITE_WIDGETS[name].explorer(*widget_inputs)


def test_every_chapter_explorer_is_built_from_its_declaration(inputs):
    import rut_edu.widgets as widgets

    explorers = {name: getattr(widgets, name) for name in widgets.__all__ if name.endswith("_explorer")}
    built = {}
    for function in explorers.values():
        for name, site in SITE_WIDGETS.items():
            if function.__module__ == site.readouts.__module__:
                built[name] = function(*inputs[name])
    assert sorted(built) == sorted(SITE_WIDGETS), "one chapter explorer per site widget"
    kinds = {"slider": ("FloatSlider", "IntSlider", "SelectionSlider"), "range": ("SelectionRangeSlider",),
             "dropdown": ("Dropdown",), "toggle": ("ToggleButtons",), "checkbox": ("Checkbox",)}
    for name, box in built.items():
        controls, _ = _split(box)
        assert [type(c).__name__ in kinds[a.control.kind] for c, a in zip(controls, SITE_WIDGETS[name].axes)] == \
            [True] * len(SITE_WIDGETS[name].axes), name


def _split(box):
    import ipywidgets
    controls = [c for c in box.children if not isinstance(c, ipywidgets.HTML)]
    readouts = [c for c in box.children if isinstance(c, ipywidgets.HTML)]
    return controls, readouts


def _set(name: str, widget_inputs: tuple, controls, values) -> None:
    """Move the notebook's controls to a grid state, the way a reader would."""
    if name == "history":  # a named episode is a span of the notebook's slider
        controls[0].value = comparison.episode_window(widget_inputs[0], episode=values[0])
        return
    for control, value in zip(controls, values):
        control.value = value


@pytest.mark.parametrize("name", list(SITE_WIDGETS))
def test_the_notebook_explorer_gives_the_grids_answer(name, inputs):
    """For the notebook's own state and six random ones, the explorer shows what the site will show."""
    widget = SITE_WIDGETS[name]
    box = _explorer(name, inputs[name])
    assert widget.css_class in box._dom_classes
    controls, readouts = _split(box)
    assert [c.description for c in controls] == [axis.description for axis in widget.axes]
    states = list(widget.states())
    opening = tuple(r.value for r in readouts)
    assert opening in [widget.readouts(*inputs[name], *state) for state in states], "notebook opens off the grid"
    for state in random.Random(f"grid {name}").sample(states, min(6, len(states))):
        _set(name, inputs[name], controls, state)
        assert tuple(r.value for r in readouts) == widget.readouts(*inputs[name], *state), state


@pytest.mark.parametrize("name", [name for name in SITE_WIDGETS if name != "history"])
def test_every_grid_value_is_a_value_the_notebook_control_takes(name, inputs):
    import ipywidgets
    widget = SITE_WIDGETS[name]
    controls, _ = _split(_explorer(name, inputs[name]))
    for control, axis in zip(controls, widget.axes):
        for value in axis.values:
            if isinstance(control, (ipywidgets.FloatSlider, ipywidgets.IntSlider)):
                steps = (value - control.min) / control.step
                assert control.min <= value <= control.max and abs(steps - round(steps)) < 1e-9, (axis, value)
            elif isinstance(control, ipywidgets.SelectionRangeSlider):
                offered = [option for _, option in control.options]
                assert value[0] in offered and value[1] in offered and value[0] <= value[1], (axis, value)
            elif isinstance(control, ipywidgets.Checkbox):
                assert value in (False, True)
            else:
                assert value in [option for _, option in control.options], (axis, value)


def test_history_episodes_are_stops_of_the_window_slider(inputs):
    (pair,) = inputs["history"]
    stops = set(comparison.window_stops(pair))
    for episode in SITE_WIDGETS["history"].axes[0].values:
        start, end = comparison.episode_window(pair, episode=episode)
        assert start in stops and end in stops and start < end, episode


# ------------------------------------------------------------------ packing (tooling)
def test_packing_shares_repeated_chunks_and_round_trips():
    from rut_book.widget_grid import pack, unpack
    rendered = [("<table><tr><td>1</td></tr></table>", "<p>a</p>"),
                ("<table><tr><td>2</td></tr></table>", "<p>a</p>")]
    payload = pack(rendered)
    table = json.loads(gzip.decompress(payload))
    # "<table>", "<tr>", "<td>1", "</td>", "</tr>", "</table>", "<p>a", "</p>", "<td>2": nine distinct chunks
    assert len(table["chunks"]) == 9
    assert table["states"][1][1] == table["states"][0][1]
    assert unpack(payload) == rendered
    assert pack(rendered) == payload, "the same states must give the same bytes (the file name is their hash)"


@given(st.lists(st.tuples(st.text(alphabet="<>ab/ &", max_size=30), st.text(max_size=10)), min_size=1, max_size=8))
def test_packing_round_trips_any_html(rendered):
    from rut_book.widget_grid import pack, unpack
    assert unpack(pack(rendered)) == rendered


def _notebook_state(readout: str, descriptions=("x", "y"), classes=("rut-site-toy",)):
    sliders = {f"c{i}": {"model_name": "IntSliderModel", "state": {"description": d, "value": 1}}
               for i, d in enumerate(descriptions)}
    return {"box": {"model_name": "VBoxModel",
                    "state": {"_dom_classes": list(classes),
                              "children": [f"IPY_MODEL_{k}" for k in sliders] + ["IPY_MODEL_out"]}},
            **sliders, "out": {"model_name": "HTMLModel", "state": {"value": readout}}}


def test_the_build_refuses_a_widget_the_grid_does_not_describe(monkeypatch):
    from rut_book import widget_grid
    from rut_book.widget_snapshot import UnsupportedWidget
    toy = SiteWidget("toy", (numeric_axis("x", (1, 2, 3), "d"), numeric_axis("y", (1, 2), "d")), lambda: (),
                     lambda x, y: (f"<p>{x * 10 + y}</p>",))
    monkeypatch.setitem(widget_grid.SITE_WIDGETS, "toy", toy)
    widget_grid._rendered.cache_clear()
    state = _notebook_state("<p>22</p>")
    assert widget_grid.site_widget_of(state, "box") is toy
    packed = widget_grid.packed_states(toy, state, "box")
    assert packed.start == 3 and packed.states == 6 and packed.file_name.startswith("toy-")
    page = widget_grid.live_html(toy, state, "box", packed)
    assert 'data-positions="1,1"' in page and 'data-dims="3,2"' in page and "<p>22</p>" in page
    assert 'aria-valuetext="2"' in page and 'role="status"' in page and "aria-live" not in page
    assert "disabled" not in page
    with pytest.raises(UnsupportedWidget, match="not a state of the site grid"):
        widget_grid.packed_states(toy, _notebook_state("<p>99</p>"), "box")
    with pytest.raises(UnsupportedWidget, match=r"controls are \['x', 'z'\]"):
        widget_grid.packed_states(toy, _notebook_state("<p>22</p>", ("x", "z")), "box")
    with pytest.raises(UnsupportedWidget, match="known"):
        widget_grid.site_widget_of(_notebook_state("", classes=("rut-site-nothing",)), "box")
    assert widget_grid.site_widget_of(_notebook_state("", classes=()), "box") is None
    widget_grid._rendered.cache_clear()


def test_a_rendered_grid_is_kept_for_the_next_build_of_the_same_code_and_data(monkeypatch, tmp_path):
    from rut_book import WIDGET_CACHE_ENV, widget_grid

    monkeypatch.setenv(WIDGET_CACHE_ENV, str(tmp_path))
    widget_grid._rendered.cache_clear()
    fresh, seconds, from_cache = widget_grid._rendered("forecast")
    assert not from_cache and seconds > 0
    kept = list(tmp_path.glob("forecast-*.json.gz"))
    assert len(kept) == 1
    widget_grid._rendered.cache_clear()  # a new build: the rendering comes from the folder, state for state
    assert widget_grid._rendered("forecast") == (fresh, seconds, True)
    assert fresh == tuple(SITE_WIDGETS["forecast"].render())
    # any change to the package's code or data, or the libraries' versions, is another key
    widget_grid._rendered.cache_clear()
    monkeypatch.setattr(widget_grid, "_package_digest", lambda: "another version of the package")
    assert widget_grid._rendered("forecast")[2] is False
    assert len(list(tmp_path.glob("forecast-*.json.gz"))) == 2
    # a widget whose readouts are not the package's code is never kept (the key could not see it change)
    toy = SiteWidget("toy", (numeric_axis("x", (1, 2), "d"),), lambda: (), lambda x: (f"<p>{x}</p>",))
    assert widget_grid._cache_file(toy) is None
    widget_grid._rendered.cache_clear()


def test_a_grid_of_exactly_the_limit_is_accepted():
    exact = numeric_axis("x", range(MAX_STATES), "d")
    assert SiteWidget("exact", (exact,), lambda: (), lambda x: ("",)).size == MAX_STATES


def test_only_the_functions_own_refusals_become_readouts():
    # a ValueError is the function saying a state cannot be answered; any other error is a bug and must surface
    with pytest.raises(ZeroDivisionError):
        readout_or_problem(lambda x: f"<p>{1 / x}</p>", 0)
    with pytest.raises(KeyError):
        readout_or_problem(lambda key: {"a": "<p>a</p>"}[key], "b")
