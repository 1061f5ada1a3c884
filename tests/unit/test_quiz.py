"""rut_edu.quiz: every shipped quiz loads, and a malformed one is refused by name and question."""

from __future__ import annotations

import json

import pytest

from rut_edu import quiz

GOOD = {"question": "2 + 2?", "type": "numeric", "answers": [{"type": "value", "value": 4, "correct": True}]}


def _write(tmp_path, monkeypatch, questions, name="trial"):
    (tmp_path / f"{name}.json").write_text(json.dumps(questions), encoding="utf-8")
    monkeypatch.setattr(quiz, "QUIZ_DIR", tmp_path)
    return name


def test_every_shipped_quiz_loads_with_one_right_answer_at_least():
    names = sorted(p.stem for p in quiz.QUIZ_DIR.glob("*.json"))
    assert len(names) == 8
    for name in names:
        questions = quiz.load(name)
        assert questions and all(q["type"] in quiz.QUESTION_TYPES for q in questions), name
        assert all(any(a.get("correct") for a in q["answers"]) for q in questions), name


@pytest.mark.parametrize("precision", [0, -1, 1.5, True, "3"])
def test_a_precision_that_is_not_a_whole_number_of_at_least_one_is_refused(tmp_path, monkeypatch, precision):
    name = _write(tmp_path, monkeypatch, [GOOD, dict(GOOD, precision=precision)])
    with pytest.raises(ValueError, match=r"question 2: precision counts significant digits"):
        quiz.load(name)


@pytest.mark.parametrize("precision", [1, 3])
def test_a_precision_of_one_or_more_is_kept(tmp_path, monkeypatch, precision):
    name = _write(tmp_path, monkeypatch, [dict(GOOD, precision=precision)])
    assert quiz.load(name)[0]["precision"] == precision


@pytest.mark.parametrize("broken, message", [
    ({"type": "essay"}, "needs type, question and answers"),
    ({"question": ""}, "needs type, question and answers"),
    ({"answers": []}, "needs type, question and answers"),
    ({"answers": [{"type": "value", "value": 5, "correct": False}]}, "no answer is marked correct"),
])
def test_a_malformed_question_is_named(tmp_path, monkeypatch, broken, message):
    name = _write(tmp_path, monkeypatch, [GOOD, dict(GOOD, **broken)])
    with pytest.raises(ValueError, match=f"question 2: {message}"):
        quiz.load(name)


def test_an_unknown_quiz_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"no quiz named 'nothing'; known quizzes: \['cap_weighting'"):
        quiz.load("nothing")
