"""Chapter quizzes: questions stored as JSON in ``rut_edu/quizzes/``, shown with jupyterquiz.

The quiz renders as HTML and JavaScript, so it also works on the static website
with no kernel. The container id jupyterquiz draws at random is seeded from the
quiz name, so a re-run stores the same output (nbval compares it).
"""

from __future__ import annotations

import json
import random
import zlib
from pathlib import Path

QUIZ_DIR = Path(__file__).resolve().parent / "quizzes"
QUESTION_TYPES = {"multiple_choice", "many_choice", "numeric"}

# Dark backgrounds with white text, and feedback colours that keep a 4.5:1 contrast.
COLOURS = {
    "--jq-multiple-choice-bg": "#1f3f6e",
    "--jq-mc-button-bg": "#fafafa",
    "--jq-mc-button-border": "#767676",
    "--jq-mc-button-inset-shadow": "#555555",
    "--jq-many-choice-bg": "#6b2a0c",
    "--jq-numeric-bg": "#1f3f6e",
    "--jq-numeric-input-bg": "#2b5797",
    "--jq-numeric-input-label": "#101010",
    "--jq-numeric-input-shadow": "#767676",
    "--jq-string-bg": "#5a1846",
    "--jq-incorrect-color": "#ffd6d6",
    "--jq-correct-color": "#d4ffd9",
    "--jq-text-color": "#ffffff",
    "--jq-link-color": "#cfe2ff",
}


def load(name: str) -> list[dict]:
    """The questions of quiz ``name`` (a file stem in ``rut_edu/quizzes``), validated."""
    path = QUIZ_DIR / f"{name}.json"
    if not path.is_file():
        known = sorted(p.stem for p in QUIZ_DIR.glob("*.json"))
        raise ValueError(f"no quiz named {name!r}; known quizzes: {known}")
    questions = json.loads(path.read_text(encoding="utf-8"))
    for number, q in enumerate(questions, 1):
        if q.get("type") not in QUESTION_TYPES or not q.get("question") or not q.get("answers"):
            raise ValueError(f"quiz {name!r}, question {number}: needs type, question and answers")
        if q["type"] != "numeric" and not any(a.get("correct") for a in q["answers"]):
            raise ValueError(f"quiz {name!r}, question {number}: no answer is marked correct")
    return questions


def show(name: str) -> None:
    """Display quiz ``name`` in the notebook (and on the website)."""
    from jupyterquiz import display_quiz

    questions = load(name)
    state = random.getstate()
    random.seed(zlib.crc32(name.encode()))
    try:
        display_quiz(questions, colors=COLOURS)
    finally:
        random.setstate(state)
