"""The chapters follow the course template and are stored as one fresh run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IGNORE_TAGS = {"nbval-ignore-output", "nbval-skip", "skip-execution"}


def load(path: Path) -> dict:
    return json.loads(path.read_text())


def code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def markdown(nb: dict) -> str:
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_as_one_fresh_run(path):
    cells = code_cells(load(path))
    assert [c["execution_count"] for c in cells] == list(range(1, len(cells) + 1))
    for cell in cells:
        tags = cell["metadata"].get("tags", [])
        has_error = any(o["output_type"] == "error" for o in cell["outputs"])
        assert not has_error or "raises-exception" in tags


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_single_import_cell(path):
    cells = code_cells(load(path))
    for cell in cells[1:]:
        source = "".join(cell["source"])
        assert not re.search(r"^\s*(import|from)\s+\S+", source, flags=re.M), f"import outside the first cell: {source[:80]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_figures_have_caption_name_and_alt_text(path):
    for cell in code_cells(load(path)):
        images = [o for o in cell["outputs"] if "image/png" in o.get("data", {})]
        if not images:
            continue
        figure = cell["metadata"].get("mystnb", {}).get("figure", {})
        assert figure.get("caption") and figure.get("name"), "".join(cell["source"])[:80]
        for output in images:
            alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
            assert len(alt) >= 20, "".join(cell["source"])[:80]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapter_template(path):
    nb = load(path)
    text = markdown(nb)
    for needle in ("By the end you can", "Prerequisites", "Time", "## Summary", "## Exercises", "## Quiz"):
        assert needle in text, needle
    # learning objectives are outcomes a student can be tested on: a list of verbs, not topics
    objectives = text.split("**By the end you can**", 1)[1].split("**Prerequisites", 1)[0]
    outcomes = re.findall(r"^\* (\w+)", objectives, flags=re.M)
    assert len(outcomes) >= 3 and not {"what", "how", "why", "which"} & {verb.casefold() for verb in outcomes}
    exercises = re.findall(r"```\{exercise\}\n:label: (\S+)", text)
    assert len(exercises) >= 3
    for label in exercises:
        assert re.search(r"\{solution(-start)?\} " + re.escape(label) + r"\n:class: dropdown", text), label
    assert "quiz.show(" in "".join("".join(c["source"]) for c in code_cells(nb))
    summary = text.split("## Summary", 1)[1]
    assert summary.count("{term}") >= 4
    assert text.count("{glue:text}") >= 5, "numbers in prose must be glued from code"
    assert "{cite}" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_widget_cells_are_framed_by_a_question_and_a_static_figure(path):
    cells = load(path)["cells"]
    for position, cell in enumerate(cells):
        if cell["cell_type"] != "code" or "nbval-ignore-output" not in cell["metadata"].get("tags", []):
            continue
        before = "".join(cells[position - 1]["source"])
        assert cells[position - 1]["cell_type"] == "markdown" and "Question" in before
        later = [c for c in cells[position + 1:] if c["cell_type"] == "code"]
        assert any("figure" in c["metadata"].get("mystnb", {}) for c in later[:3])


def test_at_least_ninety_percent_of_code_cells_are_compared():
    cells = [c for path in NOTEBOOKS for c in code_cells(load(path))]
    ignored = [c for c in cells if IGNORE_TAGS & set(c["metadata"].get("tags", []))]
    assert cells and 1 - len(ignored) / len(cells) >= 0.90, f"{len(ignored)} of {len(cells)} cells not compared"


def test_every_notebook_is_in_the_table_of_contents():
    toc = (ROOT / "_toc.yml").read_text()
    for path in NOTEBOOKS:
        assert f"notebooks/{path.stem}" in toc


def test_files_table_of_contents_and_learning_path_share_one_order():
    toc = re.findall(r"file: notebooks/(\S+)", (ROOT / "_toc.yml").read_text())
    intro = re.findall(r"\{doc\}`/notebooks/(\S+?)`", (ROOT / "book" / "intro.md").read_text())
    files = sorted(path.stem for path in NOTEBOOKS)
    assert toc == files, f"_toc.yml reads {toc}"
    assert [name for name in intro if name in files] == files, f"the intro's learning path reads {intro}"


def _calls(source: str) -> list[str]:
    import ast

    return [getattr(s.value.func, "id", getattr(s.value.func, "attr", "")) if isinstance(s, ast.Expr)
            and isinstance(s.value, ast.Call) else type(s).__name__ for s in ast.parse(source).body]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_plumbing_is_hidden_and_the_taught_code_is_shown(path):
    """The page shows the code it teaches: cells that only glue numbers into the prose are removed from the
    website (tag remove-cell), the code that only draws a figure and attaches its alt text is collapsed (tag
    hide-input, the figure and caption stay), and no shown cell carries a glue call."""
    for cell in code_cells(load(path))[1:]:
        source, tags = "".join(cell["source"]), set(cell["metadata"].get("tags", []))
        calls = _calls(source)
        glues = {"glue", "glue_all"}
        if "glue" in source:
            assert set(calls) <= glues and "remove-cell" in tags, source[:200]
        if "remove-cell" in tags:
            assert set(calls) <= glues, f"only glue cells may be removed from the page: {source[:200]}"
        if "show" in calls and "alt=" in source:
            assert "hide-input" in tags, source[:200]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_colours_come_from_the_palette(path):
    """A chapter names its colours from rut_edu.palette (PALETTE, ROLE_COLOURS), never as hex codes, so one
    colour-blind-safe palette holds for every figure."""
    for cell in code_cells(load(path)):
        source = "".join(cell["source"])
        assert not re.search(r"[\"']#[0-9a-fA-F]{3,8}[\"']", source), source[:200]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_source_notebook_opens_with_a_note_for_jupyterlab(path):
    """Opened in JupyterLab, a chapter's source shows glue names and citation keys: its first cell says so and
    points to the website and the learner edition; it is the only note, and the website drops it (remove-cell)."""
    cells = load(path)["cells"]
    notes = [i for i, c in enumerate(cells) if "source-note" in c["metadata"].get("tags", [])]
    first = cells[0]
    assert notes == [0] and first["cell_type"] == "markdown"
    assert "remove-cell" in first["metadata"]["tags"]
    text = "".join(first["source"])
    assert "You are reading the source" in text and "learner edition" in text and "make lab" in text


# An amount written as "400 dollars", "{glue} dollars" or "$400m" instead of the house form "$400 million"
# ("dollars" alone stays for units: "dollars per point").
MONEY_OUT_OF_STYLE = re.compile(r"(?:\d|`) (?:million |billion |trillion )?dollars\b|\$[\d,.]+(?:m|bn)\b")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_money_is_written_one_way(path):
    """Amounts read "$4.6 billion" everywhere: a dollar sign, the number, the word for its scale."""
    assert MONEY_OUT_OF_STYLE.findall(markdown(load(path))) == []


def test_money_is_written_one_way_in_the_glossary_and_claims():
    for source in ("rut_edu/glossary/terms.yml", "rut_edu/claims/claims.yml"):
        assert MONEY_OUT_OF_STYLE.findall((ROOT / source).read_text(encoding="utf-8")) == [], source


def test_money_pattern_catches_the_old_forms():
    old = ("worth 270 million dollars", "cost {glue:text}`x:,.0f` dollars and", "= \\$400m;", "a $2bn fund")
    assert [bool(MONEY_OUT_OF_STYLE.search(text)) for text in old] == [True] * 4
    assert not MONEY_OUT_OF_STYLE.search("\\$4.6 billion, paid in dollars per point")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_figure_drew_its_text_clear(path):
    # show() measures every figure's text at both widths (rut_edu.plotting.text_problems) and warns on a collision,
    # text off the canvas or type too small for a phone; a stored chapter carries no such warning, and nbval, which
    # runs each chapter afresh, fails on one that appears
    cells = code_cells(load(path))
    warned = [c["source"][:1] for c in cells for o in c["outputs"] if "FigureTextWarning" in json.dumps(o)]
    assert warned == []
    assert sum("show(" in "".join(c["source"]) for c in cells) >= 2
