"""Widgets drawn as static HTML for the website (rut_book.widget_snapshot): every widget the chapters store,
values and readouts as the state says, escaping, and clear errors for what cannot be drawn."""

from __future__ import annotations

import json
import re
from pathlib import Path

import ipywidgets as widgets
import pytest
from rut_book.widget_snapshot import NOTE, UnsupportedWidget, snapshot_html

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _views(path: Path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    state = notebook["metadata"]["widgets"][WIDGET_STATE]["state"]
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:
                yield state, view["model_id"]


def _state_of(widget) -> dict:
    # the same shape a notebook stores: model id -> {model_name, state}
    return {model_id: {"model_name": entry["model_name"], "state": entry["state"]}
            for model_id, entry in widgets.Widget.get_manager_state(drop_defaults=False)["state"].items()}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_stored_widget_is_drawn_with_its_values(path):
    views = list(_views(path))
    assert views, f"{path.name} displays no widget"
    for state, model_id in views:
        drawn = snapshot_html(state, model_id)
        assert drawn.startswith('<div class="rut-widget-snapshot">') and NOTE in drawn and "how-to-run.html#in-jupyterlab" in NOTE
        controls = re.findall(r"<(?:input|select|button)\b[^>]*>", drawn)
        assert controls or 'class="rut-widget-range"' in drawn, f"{path.name}: widget {model_id} has no control"
        assert all(" disabled" in tag for tag in controls)
        for model in state.values():
            if model["model_name"] in ("FloatSliderModel", "IntSliderModel") and f'value="{model["state"]["value"]}"' in drawn:
                readout = format(model["state"]["value"], model["state"]["readout_format"])
                assert f">{readout}</output>" in drawn


def test_a_slider_by_hand():
    slider = widgets.FloatSlider(value=0.2, min=0.01, max=1.0, step=0.01, description="Float factor",
                                 readout_format=".0%")
    drawn = snapshot_html(_state_of(slider), slider.model_id)
    control_id = f"rut-widget-{slider.model_id[:12]}"
    assert f'<label class="rut-widget-label" for="{control_id}">Float factor</label>' in drawn
    assert (f'<input type="range" id="{control_id}" class="rut-widget-slider" min="0.01" max="1.0" step="0.01" '
            'value="0.2" disabled>') in drawn
    assert f'<output class="rut-widget-readout" for="{control_id}">20%</output>' in drawn
    slider.close()


def test_a_box_keeps_its_children_in_order_and_marks_the_choices():
    years = widgets.IntRangeSlider(value=(2000, 2010), min=1990, max=2030, description="Years")
    kind = widgets.ToggleButtons(options=["daily", "weekly", "monthly"], value="weekly", description="Returns")
    pick = widgets.Dropdown(options=["A", "B & C"], value="B & C", description="Company")
    check = widgets.Checkbox(value=True, description="Stop-loss")
    text = widgets.Text(value='say "hi"', description="Search")
    readout = widgets.HTML("<p>readout <strong>here</strong></p>")
    box = widgets.VBox([years, kind, pick, check, text, readout])
    drawn = snapshot_html(_state_of(box), box.model_id)
    order = [drawn.index(marker) for marker in ("Years", "Returns", "Company", "Stop-loss", "Search", "readout <strong>")]
    assert order == sorted(order)
    assert "2000 – 2010" in drawn and 'style="left:25.0%;width:25.0%"' in drawn
    assert 'aria-pressed="true" disabled>weekly</button>' in drawn
    assert drawn.count('aria-pressed="false"') == 2
    assert "<option selected>B &amp; C</option>" in drawn and "<option>A</option>" in drawn
    assert 'type="checkbox"' in drawn and " checked disabled" in drawn
    assert 'value="say &quot;hi&quot;"' in drawn
    assert "<p>readout <strong>here</strong></p>" in drawn
    for widget in (years, kind, pick, check, text, readout, box):
        widget.close()


def test_a_selection_range_shows_its_labels():
    window = widgets.SelectionRangeSlider(options=["1987", "1990", "2000", "2026"], index=(1, 3), description="Window")
    drawn = snapshot_html(_state_of(window), window.model_id)
    assert "1990 – 2026" in drawn and 'aria-label="Window: 1990 – 2026"' in drawn
    assert 'style="left:33.3%;width:66.7%"' in drawn
    window.close()


def test_what_cannot_be_drawn_is_refused_by_name():
    button = widgets.Button(description="Go")
    with pytest.raises(UnsupportedWidget, match="ButtonModel"):
        snapshot_html(_state_of(button), button.model_id)
    button.close()
    with pytest.raises(UnsupportedWidget, match="not in the notebook's stored widget state"):
        snapshot_html({}, "abc")
    with pytest.raises(UnsupportedWidget, match="mapping"):
        snapshot_html([], "abc")
    looped = {"a": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_a"]}}}
    with pytest.raises(UnsupportedWidget, match="deeper"):
        snapshot_html(looped, "a")
    no_labels = {"a": {"model_name": "DropdownModel", "state": {"index": 0, "_options_labels": []}}}
    with pytest.raises(UnsupportedWidget, match="option labels"):
        snapshot_html(no_labels, "a")
    bad_format = {"a": {"model_name": "FloatSliderModel",
                        "state": {"value": 1.5, "min": 0, "max": 2, "readout_format": "d"}}}
    with pytest.raises(UnsupportedWidget, match="readout format"):
        snapshot_html(bad_format, "a")
