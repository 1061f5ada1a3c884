"""What comes back from Otter, made safe to return: feedback for a student and a grade table for the teacher.

``otter run`` writes a ``results.json`` (Gradescope's format) for each submission. Its hidden checks carry
their full output, assertions included, so the file itself would hand the answers to a student. This
module reads it and writes two things:

* :func:`feedback`: for one student, each question's score out of its points, the public checks' output,
  and, for a hidden check that failed, only that it failed: never its code or its expected value;
* :func:`grade_table`: for the teacher, one CSV row per submission, one column per question, and the total.

``python -m rut_book.editions grades RESULTS_DIR`` does both for a folder holding one sub-folder per student
(each with the ``results.json`` that ``otter run -o`` wrote there).

:func:`grade_submissions` runs Otter's own grading (what ``otter run`` does) on many submissions at once, and
``python -m rut_book.editions grade AUTOGRADER SUBMISSIONS_DIR RESULTS_DIR`` grades a folder of handed-in
notebooks that way, then writes the grades and the feedback. ``otter run`` spends about 4 s of its 10 s per
notebook importing Otter; here Otter is imported once, by a fork server, and each submission is graded in a
fresh process forked from it (Otter changes the working folder and its own state as it grades, so no two
submissions share a process).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import multiprocessing
import os
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


@dataclasses.dataclass(frozen=True)
class Submission:
    """One notebook to grade: the chapter's autograder zip, the handed-in notebook, and the folder Otter's
    ``results.json`` (and its log, ``otter.log``) go to."""

    autograder: Path
    notebook: Path
    out: Path


def _grade_one(submission: Submission) -> str | None:
    """Grade one submission in this (throwaway) process; ``None`` if Otter wrote its results, else why not."""
    from otter.run import main as otter_run

    submission.out.mkdir(parents=True, exist_ok=True)
    (submission.out / "results.json").unlink(missing_ok=True)  # an earlier grading's results are not this one's
    log = submission.out / "otter.log"
    with open(log, "w") as stream:
        # the kernel Otter starts writes to the process's own descriptors, not to sys.stdout
        os.dup2(stream.fileno(), 1)
        os.dup2(stream.fileno(), 2)
        try:
            otter_run(str(submission.notebook), autograder=str(submission.autograder),
                      output_dir=str(submission.out), no_logo=True)
        except Exception as problem:  # reported with the log; the other submissions are still graded
            return f"{submission.notebook}: Otter failed ({type(problem).__name__}: {problem}); see {log}"
    if not (submission.out / "results.json").is_file():
        return f"{submission.notebook}: Otter wrote no results.json; see {log}"
    return None


def grade_submissions(submissions: list[Submission], workers: int = 2, timeout: float = 300) -> list[Path]:
    """Grade every submission with Otter, ``workers`` at a time; return each one's ``results.json``.

    Parameters
    ----------
    submissions : list of Submission
        What to grade; each goes to its own ``out`` folder (two submissions may not share one).
    workers : int, default 2
        How many submissions are graded at once, from 1 to 16 (each runs its notebook in its own kernel).
    timeout : float, default 300
        Seconds allowed per submission (a chapter grades in about 10 s); the batch may take this times the
        number of rounds, ``ceil(len(submissions) / workers)``.

    Returns
    -------
    list of Path
        The ``results.json`` of each submission, in the order given.

    Raises
    ------
    ValueError
        If there is nothing to grade, ``workers`` or ``timeout`` is out of range, or two submissions share a
        results folder.
    FileNotFoundError
        If an autograder zip or a notebook does not exist.
    RuntimeError
        If Otter could not grade a submission (naming each one and its log), or the batch ran past ``timeout``.

    Examples
    --------
    >>> grade_submissions([])
    Traceback (most recent call last):
    ...
    ValueError: no submissions to grade
    """
    submissions = list(submissions)
    if not submissions:
        raise ValueError("no submissions to grade")
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= 16:
        raise ValueError(f"workers must be a whole number from 1 to 16, got {workers!r}")
    if not (isinstance(timeout, (int, float)) and 0 < timeout < float("inf")):
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    outs = [Path(s.out).resolve() for s in submissions]
    if len(set(outs)) != len(outs):
        raise ValueError("two submissions share a results folder: each needs its own out")
    for submission in submissions:
        for path in (submission.autograder, submission.notebook):
            if not Path(path).is_file():
                raise FileNotFoundError(f"{path} does not exist")
    submissions = [Submission(Path(s.autograder).resolve(), Path(s.notebook).resolve(), out)
                   for s, out in zip(submissions, outs)]
    # A fork server imports Otter once; every submission is graded in a new process forked from it.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["otter.run", __name__])
    workers = min(workers, len(submissions))
    allowed = timeout * -(-len(submissions) // workers)
    with context.Pool(workers, maxtasksperchild=1) as pool:
        try:
            problems = pool.map_async(_grade_one, submissions, chunksize=1).get(allowed)
        except multiprocessing.TimeoutError:
            raise RuntimeError(f"grading {len(submissions)} submissions took over {allowed:g} s "
                               f"({timeout:g} s each, {workers} at a time)") from None
    failed = [problem for problem in problems if problem]
    if failed:
        raise RuntimeError("\n".join(failed))
    return [out / "results.json" for out in outs]


def grade_folder(autograder: Path, submissions: Path, results: Path, workers: int = 2) -> tuple[Path, list[Path]]:
    """Grade every ``<student>.ipynb`` in ``submissions`` into ``results/<student>/``, then write the grades.

    Parameters
    ----------
    autograder : Path
        The chapter's autograder zip (``make assignments`` writes it to ``dist/autograder/``).
    submissions : Path
        A folder of handed-in notebooks, one per student, named after the student.
    results : Path
        Where each student's ``results.json``, ``otter.log`` and ``feedback.txt`` go, and ``grades.csv``.
    workers : int, default 2
        How many notebooks are graded at once.

    Returns
    -------
    tuple of (Path, list of Path)
        ``grades.csv`` and the students' ``feedback.txt`` files (see :func:`write_grades`).

    Raises
    ------
    ValueError
        If ``submissions`` holds no notebook, or as :func:`grade_submissions` does.
    """
    notebooks = sorted(Path(submissions).glob("*.ipynb"))
    if not notebooks:
        raise ValueError(f"no .ipynb submissions in {submissions}")
    grade_submissions([Submission(Path(autograder), notebook, Path(results) / notebook.stem) for notebook in notebooks],
                      workers=workers)
    return write_grades(Path(results))
