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

from rut_edu import validation

QUIZ_DIR = Path(__file__).resolve().parent / "quizzes"
QUESTION_TYPES = {"multiple_choice", "many_choice", "numeric"}

# Question boxes: dark backgrounds with white text. Chosen answers and feedback: white text on a
# dark green or red fill (6:1 and more). Every pair keeps WCAG's 4.5:1 in light and dark themes,
# because QUIZ_CSS gives the whole quiz a light card of its own instead of the page's background.
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
    "--jq-incorrect-color": "#a4161a",
    "--jq-correct-color": "#1b6e2d",
    "--jq-text-color": "#ffffff",
    "--jq-link-color": "#cfe2ff",
}


# jupyterquiz puts answers and feedback outside the coloured question box, on whatever the page
# background is; these rules give them a background of their own, so contrast never depends on the theme.
QUIZ_CSS = """
.Quiz { background: #ffffff; color: #1a1a1a; padding: 8px; border: 1px solid #767676; border-radius: 8px; }
.Quiz .Feedback.correct, .Quiz .Feedback.incorrect { color: #ffffff; padding: 6px 10px; border-radius: 4px; }
.Quiz .Feedback.correct { background: var(--jq-correct-color); }
.Quiz .Feedback.incorrect { background: var(--jq-incorrect-color); }
.Quiz .InpLabel { color: #1a1a1a; }
"""

# In JupyterLab a MathJax 3 global exists without ``typeset`` (JupyterLab typesets through its own module),
# and jupyterquiz then fetches MathJax from a CDN: offline that fails, online it leaves the machine. A no-op
# ``typeset`` stops the fetch; the quizzes hold no maths (their dollar signs are prices), so nothing is lost.
# On the website MathJax is the site's own full copy, with ``typeset``, and this does nothing (while that copy
# is still loading, ``window.MathJax`` is its configuration, with no ``version``, and is left alone).
MATHJAX_GUARD = """<script>
(function () {
  var mj = window.MathJax;
  if (mj && mj.version && typeof mj.typeset !== "function" && !mj.Hub) { mj.typeset = function () {}; }
})();
</script>"""


def load(name: str) -> list[dict]:
    """The questions of quiz ``name`` (a file stem in ``rut_edu/quizzes``), validated.

    Parameters
    ----------
    name : str
        A quiz's name, such as ``"cap_weighting"``.

    Returns
    -------
    list of dict
        The questions, in jupyterquiz's format (``question``, ``type``, ``answers``, optional ``precision``).

    Raises
    ------
    ValueError
        For an unknown quiz, or a question without a type, a text or answers, or with a bad precision.

    Examples
    --------
    >>> questions = load("cap_weighting")
    >>> questions[0]["type"], sum(a.get("correct", False) for a in questions[0]["answers"])
    ('multiple_choice', 1)
    """
    if not isinstance(name, str):
        raise validation.WrongKindError(f"name must be a quiz's name (text), got {name!r}")
    path = QUIZ_DIR / f"{name}.json"
    if not path.is_file():
        known = sorted(p.stem for p in QUIZ_DIR.glob("*.json"))
        raise ValueError(f"no quiz named {name!r}; known quizzes: {known}")
    questions = json.loads(path.read_text(encoding="utf-8"))
    for number, q in enumerate(questions, 1):
        if q.get("type") not in QUESTION_TYPES or not q.get("question") or not q.get("answers"):
            raise ValueError(f"quiz {name!r}, question {number}: needs type, question and answers")
        precision = q.get("precision")
        if precision is not None and (isinstance(precision, bool) or not isinstance(precision, int) or precision < 1):
            # jupyterquiz rounds typed answers with toPrecision(precision): 0 throws, so no answer gets feedback.
            raise ValueError(f"quiz {name!r}, question {number}: precision counts significant digits, "
                             f"a whole number of at least 1 (or leave it out for an exact answer), got {precision!r}")
        if not any(a.get("correct") for a in q["answers"]):
            raise ValueError(f"quiz {name!r}, question {number}: no answer is marked correct")
    return questions


def show(name: str) -> None:
    """Display quiz ``name`` in the notebook (and on the website).

    Parameters
    ----------
    name : str
        A quiz's name, as for :func:`load`.

    Raises
    ------
    ValueError
        As :func:`load`.

    Examples
    --------
    >>> show("cap_weighting")  # doctest: +SKIP
    """
    from IPython.display import HTML, display
    from jupyterquiz import display_quiz

    questions = load(name)
    display(HTML(f"<style>{QUIZ_CSS}</style>{MATHJAX_GUARD}"))
    state = random.getstate()
    random.seed(zlib.crc32(name.encode()))
    try:
        display_quiz(questions, colors=COLOURS)
    finally:
        random.setstate(state)
