"""What comes back from Otter, made safe to return: feedback for a student and a grade table for the teacher.

``otter run`` writes a ``results.json`` (Gradescope's format) for each submission. Its hidden checks carry
their full output, assertions included, so the file itself would hand the answers to a student. This
module reads it and writes two things:

* :func:`feedback`: for one student, each question's score out of its points, the public checks' output,
  and, for a hidden check that failed, only that it failed: never its code or its expected value;
* :func:`grade_table`: for the teacher, one CSV row per submission, one column per question, and the total.

``python -m rut_book.editions grades RESULTS_DIR`` does both for a folder holding one sub-folder per student
(each with the ``results.json`` that ``otter run -o`` wrote there).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

PUBLIC_SUMMARY = "Public Tests"


@dataclasses.dataclass(frozen=True)
class QuestionResult:
    """One graded question of one submission."""

    name: str
    score: float
    possible: float
    hidden_failures: int  # how many hidden checks failed; their code and expected values are never shown


def read_results(path: Path) -> dict:
    """A ``results.json`` written by ``otter run``; anything else raises ``ValueError`` naming the file."""
    try:
        results = json.loads(Path(path).read_text())
    except (OSError, json.JSONDecodeError) as problem:
        raise ValueError(f"{path} is not an Otter results file: {problem}") from None
    if not isinstance(results, dict) or not isinstance(results.get("tests"), list):
        raise ValueError(f"{path} has no 'tests' list: not an Otter results file")
    return results


def questions(results: dict) -> list[QuestionResult]:
    """The graded questions of one results file, in order."""
    out = []
    for test in results["tests"]:
        if test.get("max_score") is None:
            continue
        failures = str(test.get("output", "")).count("Test case failed")
        out.append(QuestionResult(test["name"], float(test["score"]), float(test["max_score"]), failures))
    if not out:
        raise ValueError("the results hold no graded question")
    return out


def feedback(results: dict) -> str:
    """Plain text for the student: scores, public output, and hidden failures by count only."""
    public = next((test for test in results["tests"] if test.get("name") == PUBLIC_SUMMARY), None)
    graded = questions(results)
    lines = []
    for question in graded:
        line = f"{question.name}: {question.score:g} of {question.possible:g} points"
        if question.hidden_failures:
            plural = "s" if question.hidden_failures > 1 else ""
            line += f" ({question.hidden_failures} hidden check{plural} of the value failed)"
        lines.append(line)
    total = sum(q.score for q in graded)
    possible = sum(q.possible for q in graded)
    lines.append(f"Total: {total:g} of {possible:g} points")
    if public is not None and public.get("output"):
        lines += ["", "Public checks (the ones grader.check runs in your notebook):", str(public["output"]).strip()]
    return "\n".join(lines) + "\n"


def grade_table(results_by_student: dict[str, dict]) -> str:
    """CSV text: ``student``, one column per question (its score), ``total`` and ``possible``."""
    if not results_by_student:
        raise ValueError("no results to tabulate")
    names: list[str] = []
    rows = {}
    for student, results in sorted(results_by_student.items()):
        graded = questions(results)
        for question in graded:
            if question.name not in names:
                names.append(question.name)
        rows[student] = graded
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", *names, "total", "possible"])
    for student, graded in rows.items():
        scores = {q.name: q.score for q in graded}
        writer.writerow([student, *(f"{scores[n]:g}" if n in scores else "" for n in names),
                         f"{sum(q.score for q in graded):g}", f"{sum(q.possible for q in graded):g}"])
    return buffer.getvalue()


def write_grades(folder: Path) -> tuple[Path, list[Path]]:
    """``grades.csv`` in ``folder`` and a ``feedback.txt`` beside each student's ``results.json``."""
    folder = Path(folder)
    found = sorted(folder.glob("*/results.json"))
    if not found:
        raise ValueError(f"no <student>/results.json under {folder}: grade with otter run -o {folder}/<student>")
    results = {path.parent.name: read_results(path) for path in found}
    written = []
    for path in found:
        note = path.with_name("feedback.txt")
        note.write_text(feedback(results[path.parent.name]))
        written.append(note)
    table = folder / "grades.csv"
    table.write_text(grade_table(results))
    return table, written
