"""Grading a class with Otter: every submission graded on its own, and what comes back made safe to return.

``rut-book grade AUTOGRADER SUBMISSIONS RESULTS`` (:func:`grade_class`) grades every file a class handed in.
Each submission runs in a fresh process forked from one that imported Otter once (``otter run`` spends about
4 s of its 10 s per notebook importing it), in its own session, with a time limit for the whole notebook and a
limit per cell inside it: a cell past its limit is interrupted and the rest of the notebook still runs and is
graded; a notebook past its limit is stopped with its kernel and everything it started. A submission that
cannot be graded (not a notebook, another assignment's notebook, the time limit, a kernel that died, Otter
failing) gets its row in ``grades.csv`` with its status and reason, and its own feedback saying what to fix;
every other student is graded and written.

What Otter writes is not returned as it is: its ``results.json`` (Gradescope's format) carries the hidden
checks' code and expected values, so the file would hand the answers to a student. Each student's folder gets:

* ``feedback.txt`` (:func:`feedback`): each question's score out of its points, the public checks' output,
  and for hidden checks that failed only how many; or, when it could not be graded, why and what to fix;
* ``status.json``: the status, the reason and the notes the teacher's table is rebuilt from;
* ``results.json`` and ``otter.log``: Otter's own files, for the teacher only.

The class folder gets ``grades.csv`` (:func:`grade_table`): one row per student, their status, one column per
question in the assignment's order, the total, the points possible and the reason. ``rut-book grades RESULTS``
(:func:`write_grades`) rebuilds the table and the feedback from the students' folders, for example after one
student was graded again by hand with ``otter run``.
"""

from __future__ import annotations

import ast
import csv
import dataclasses
import io
import json
import math
import multiprocessing
import multiprocessing.connection
import os
import re
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

PUBLIC_SUMMARY = "Public Tests"
ASSIGNMENT_FILE = "assignment.json"  # the question order and points, written beside grades.csv
STATUS_FILE = "status.json"

# Every status a submission can end with, and what its student is told to do (one registry: the table, the
# feedback and the guide's list read it).
GRADED = "graded"
STATUSES: dict[str, str] = {
    GRADED: "",
    "not a notebook": "Hand in the .ipynb file JupyterLab saves (File > Download in JupyterLab, or the file "
                      "from your folder on the hub), not a copy opened and saved by another program.",
    "wrong assignment": "Hand in the notebook of this assignment: the one whose first cell names it.",
    "time limit": "Make every cell finish: look for a loop that never ends, a long sleep, or input() waiting "
                  "for a reply. Run Kernel > Restart Kernel and Run All Cells before you hand it in.",
    "kernel died": "The notebook's Python process died while it ran, usually from using too much memory or "
                   "from code that exits (os._exit, sys.exit in a loop). Run Kernel > Restart Kernel and Run "
                   "All Cells and make sure the notebook reaches its last cell.",
    "grader failed": "Nothing in your answers was graded. Ask your teacher, who has the grader's log.",
    "not on the roster": "This assignment gives each student their own numbers, and the name your notebook was "
                         "handed in under is not on the class list it was issued from. Ask your teacher for "
                         "your own notebook, or to hand yours in under the name it was issued to.",
}


@dataclasses.dataclass(frozen=True)
class Question:
    """One graded question of an assignment: its name, its points and how many of its checks are hidden."""

    name: str
    points: float
    hidden_checks: int


@dataclasses.dataclass(frozen=True)
class Assignment:
    """What an autograder zip grades: the assignment's name and its questions in the notebook's order."""

    name: str
    questions: tuple[Question, ...]

    @property
    def possible(self) -> float:
        return sum(question.points for question in self.questions)

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Assignment:
        raw = json.loads(text)
        return cls(raw["name"], tuple(Question(**question) for question in raw["questions"]))


def read_assignment(autograder: Path) -> Assignment:
    """The assignment an Otter autograder zip grades, read from its ``otter_config.json`` and ``tests/*.py``.

    Parameters
    ----------
    autograder : Path
        The zip ``otter assign`` wrote (``make assignments`` puts each in ``dist/autograder/``).

    Returns
    -------
    Assignment
        Its name and its questions in the order of the assignment's notebook (the zip's order).

    Raises
    ------
    FileNotFoundError
        If ``autograder`` does not exist.
    ValueError
        If it is not a zip, or holds no ``tests/*.py`` in Otter's format.

    Examples
    --------
    >>> read_assignment(Path("nowhere.zip"))
    Traceback (most recent call last):
    ...
    FileNotFoundError: the autograder nowhere.zip does not exist
    """
    path = Path(autograder)
    if not path.is_file():
        raise FileNotFoundError(f"the autograder {path} does not exist")
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            config = json.loads(archive.read("otter_config.json")) if "otter_config.json" in names else {}
            tests = [(name, archive.read(name).decode("utf-8")) for name in names
                     if name.startswith("tests/") and name.endswith(".py")]
    except (zipfile.BadZipFile, json.JSONDecodeError, UnicodeDecodeError) as problem:
        raise ValueError(f"{path} is not an Otter autograder zip ({problem})") from None
    questions = []
    for name, text in tests:
        test = _literal_assignment(text, "test")
        if not isinstance(test, dict) or "name" not in test:
            raise ValueError(f"{path}: {name} is not an Otter test file (no `test = {{...}}`)")
        cases = [case for suite in test.get("suites", []) for case in suite.get("cases", [])]
        questions.append(Question(str(test["name"]), float(test.get("points") or 0),
                                  sum(1 for case in cases if case.get("hidden"))))
    if not questions:
        raise ValueError(f"{path} holds no tests/*.py: not an Otter autograder zip")
    name = str(config.get("assignment_name") or path.stem.split("-autograder")[0])
    # the zip's order is Otter's, not the students': one of the course's assignments is put in exercise order
    from rut_book.editions import assignments

    order = assignments.question_order(name)
    if sorted(order) == sorted(question.name for question in questions):
        questions.sort(key=lambda question: order.index(question.name))
    return Assignment(name, tuple(questions))


def _literal_assignment(source: str, target: str):
    # Otter's test files are `test = {...}` literals: read without running them
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == target for t in node.targets):
            return ast.literal_eval(node.value)
    return None


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


def _failures_by_question(output: str) -> dict[str, int]:
    # Otter's output runs "<question> results:" blocks, each listing its checks as passed or failed
    counts: dict[str, int] = {}
    current = None
    for line in str(output).splitlines():
        opened = re.match(r"^(\S+) results:", line)
        if opened:
            current = opened.group(1)
            counts.setdefault(current, 0)
        elif current is not None and "Test case failed" in line:
            counts[current] += 1
    return counts


def questions(results: dict) -> list[QuestionResult]:
    """The graded questions of one results file, in its order, with their hidden checks' failures counted.

    A question's own output lists every check, public and hidden; the public summary lists the public ones,
    so the hidden failures are the difference (a failed format check is not a failed check of the value).
    """
    public = next((test for test in results["tests"] if test.get("name") == PUBLIC_SUMMARY), None)
    public_failures = _failures_by_question(public.get("output", "")) if public else {}
    out = []
    for test in results["tests"]:
        if test.get("max_score") is None:
            continue
        name = test["name"]
        every = _failures_by_question(test.get("output", "")).get(name, str(test.get("output", "")).count(
            "Test case failed"))
        out.append(QuestionResult(name, float(test["score"]), float(test["max_score"]),
                                  max(every - public_failures.get(name, 0), 0)))
    if not out:
        raise ValueError("the results hold no graded question")
    return out


@dataclasses.dataclass(frozen=True)
class Outcome:
    """How one student's submission ended: its status (a key of :data:`STATUSES`), the reason in a sentence,
    notes on what ran (cells stopped, questions missing) and Otter's results when it was graded."""

    student: str
    status: str
    reason: str = ""
    notes: tuple[str, ...] = ()
    results: dict | None = None

    def to_json(self) -> str:
        return json.dumps({"student": self.student, "status": self.status, "reason": self.reason,
                           "notes": list(self.notes)}, indent=2, ensure_ascii=False) + "\n"


def feedback(results: dict, *, order: Assignment | None = None, notes: tuple[str, ...] = ()) -> str:
    """Plain text for the student: scores, public output, and hidden failures by count only.

    Parameters
    ----------
    results : dict
        What Otter wrote (:func:`read_results`).
    order : Assignment, optional
        Lists the questions in the assignment's order (Otter lists them by name).
    notes : tuple of str
        What the grader noticed as the notebook ran (a cell stopped at its time limit, a question's cell missing).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If the results hold no graded question.
    """
    public = next((test for test in results["tests"] if test.get("name") == PUBLIC_SUMMARY), None)
    graded = _in_order(questions(results), order)
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
    if notes:
        lines += ["", "While your notebook ran:", *(f"- {note}" for note in notes)]
    if public is not None and public.get("output"):
        lines += ["", "Public checks (the ones grader.check runs in your notebook):", str(public["output"]).strip()]
    return "\n".join(lines) + "\n"


def _in_order(graded: list[QuestionResult], order: Assignment | None) -> list[QuestionResult]:
    if order is None:
        return graded
    rank = {question.name: k for k, question in enumerate(order.questions)}
    return sorted(graded, key=lambda question: rank.get(question.name, len(rank)))


def outcome_feedback(outcome: Outcome, assignment: Assignment | None = None) -> str:
    """The student's feedback for any outcome: :func:`feedback` when graded, else why and what to fix."""
    if outcome.status == GRADED and outcome.results is not None:
        return feedback(outcome.results, order=assignment, notes=outcome.notes)
    lines = [f"Your submission could not be graded: {outcome.reason}", "", f"What to do: {STATUSES[outcome.status]}",
             "", "No points were given for it. Hand it in again once it is fixed, or ask your teacher."]
    if outcome.notes:
        lines += ["", "While your notebook ran:", *(f"- {note}" for note in outcome.notes)]
    return "\n".join(lines) + "\n"


def grade_table(outcomes: list[Outcome], assignment: Assignment | None = None) -> str:
    """CSV text: ``student``, ``status``, one column per question (in the assignment's order), ``total``,
    ``possible`` and ``reason``; a submission that was not graded has empty scores.

    Raises
    ------
    ValueError
        If there are no outcomes.
    """
    if not outcomes:
        raise ValueError("no results to tabulate")
    names = [question.name for question in assignment.questions] if assignment is not None else []
    for outcome in outcomes:
        for question in questions(outcome.results) if outcome.results is not None else ():
            if question.name not in names:
                names.append(question.name)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", "status", *names, "total", "possible", "reason"])
    possible_all = assignment.possible if assignment is not None else None
    for outcome in sorted(outcomes, key=lambda o: o.student):
        graded = questions(outcome.results) if outcome.status == GRADED and outcome.results is not None else []
        scores = {q.name: q.score for q in graded}
        possible = possible_all if possible_all is not None else sum(q.possible for q in graded)
        writer.writerow([outcome.student, outcome.status, *(f"{scores[n]:g}" if n in scores else "" for n in names),
                         f"{sum(scores.values()):g}" if graded else "", f"{possible:g}" if possible else "",
                         "; ".join([outcome.reason, *outcome.notes] if outcome.reason else outcome.notes)])
    return buffer.getvalue()


def write_outcome(folder: Path, outcome: Outcome, assignment: Assignment | None = None) -> Path:
    """Write ``status.json`` and ``feedback.txt`` into the student's ``folder``; return the feedback's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STATUS_FILE).write_text(outcome.to_json(), encoding="utf-8")
    note = folder / "feedback.txt"
    note.write_text(outcome_feedback(outcome, assignment), encoding="utf-8")
    return note


def _readable(outcome: Outcome, folder: Path) -> Outcome:
    # a graded outcome with Otter's results attached, or, when they cannot be read or hold no question (Otter
    # stopped before its checks ran), the student's own row saying so: never the class's end
    if outcome.status != GRADED:
        return outcome
    try:
        results = read_results(folder / "results.json")
        questions(results)
    except ValueError as problem:
        return dataclasses.replace(outcome, status="grader failed", reason=f"Otter's results are unusable ({problem})")
    return dataclasses.replace(outcome, results=results)


def read_outcome(folder: Path) -> Outcome:
    """A student's outcome from their folder: ``status.json`` (and ``results.json`` when graded); a folder
    holding only Otter's ``results.json`` (graded by hand with ``otter run``) counts as graded."""
    folder = Path(folder)
    status = json.loads((folder / STATUS_FILE).read_text(encoding="utf-8")) if (folder / STATUS_FILE).is_file() else {}
    state = status.get("status", GRADED if (folder / "results.json").is_file() else "grader failed")
    return _readable(Outcome(status.get("student", folder.name), state, status.get("reason", ""),
                             tuple(status.get("notes", ()))), folder)


def write_grades(folder: Path, *, autograder: Path | None = None) -> tuple[Path, list[Path]]:
    """Rebuild ``grades.csv`` in ``folder`` and each student's feedback from the students' folders.

    Parameters
    ----------
    folder : Path
        The class's results: one sub-folder per student holding ``status.json`` or ``results.json``.
    autograder : Path, optional
        The assignment's zip, for the question order when ``folder`` holds no ``assignment.json``.

    Returns
    -------
    tuple of (Path, list of Path)
        ``grades.csv`` and the students' ``feedback.txt`` files.

    Raises
    ------
    ValueError
        If ``folder`` holds no student's results. (A student whose results cannot be read gets a "grader
        failed" row saying why; the others are written.)
    """
    folder = Path(folder)
    students = sorted({path.parent for pattern in ("*/results.json", f"*/{STATUS_FILE}") for path in folder.glob(pattern)})
    if not students:
        raise ValueError(f"no <student>/results.json under {folder}: grade with rut-book grade, or otter run -o "
                         f"{folder}/<student>")
    assignment = (read_assignment(autograder) if autograder is not None else
                  Assignment.from_json((folder / ASSIGNMENT_FILE).read_text()) if (folder / ASSIGNMENT_FILE).is_file()
                  else None)
    outcomes = [read_outcome(student) for student in students]
    notes = [write_outcome(student, outcome, assignment) for student, outcome in zip(students, outcomes)]
    table = folder / "grades.csv"
    table.write_text(grade_table(outcomes, assignment), encoding="utf-8")
    return table, notes


@dataclasses.dataclass(frozen=True)
class Submission:
    """One notebook to grade: the chapter's autograder zip, the handed-in notebook, and the folder Otter's
    ``results.json`` (and its log, ``otter.log``) go to."""

    autograder: Path
    notebook: Path
    out: Path


def check_submission(notebook: Path, assignment: Assignment) -> tuple[str, str, tuple[str, ...]]:
    """What can be told about a submission without running it: ``(status, reason, notes)``.

    The status is :data:`GRADED` when it should be run ("not a notebook" or "wrong assignment" otherwise);
    the notes name each question whose ``grader.check`` cell is missing.
    """
    import nbformat

    path = Path(notebook)
    raw = path.read_bytes()
    if not raw.strip():
        return "not a notebook", f"{path.name} is empty", ()
    try:
        text = raw.decode("utf-8")
        content = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        where = f" (line {problem.lineno}, column {problem.colno})" if isinstance(problem, json.JSONDecodeError) else ""
        return "not a notebook", f"{path.name} is not a notebook file: it is not valid JSON{where}", ()
    if not isinstance(content, dict) or not isinstance(content.get("cells"), list):
        return "not a notebook", f"{path.name} is JSON but not a notebook (it has no list of cells)", ()
    try:
        cells = nbformat.reads(text, as_version=4).cells
    except Exception as problem:  # nbformat raises several kinds for a broken notebook
        return "not a notebook", f"{path.name} is not a notebook Jupyter can open ({type(problem).__name__})", ()
    code = "\n".join(cell.source for cell in cells if cell.cell_type == "code")
    named = re.findall(r"otter\.Notebook\(\s*[\"']([^\"']+)\.ipynb[\"']", code)
    if named and named[0] != assignment.name:
        return "wrong assignment", f"this is the notebook of {named[0]}, not of {assignment.name}", ()
    missing = [q.name for q in assignment.questions if not re.search(rf"grader\.check\(\s*[\"']{q.name}[\"']", code)]
    notes = tuple(f"the cell that checks {name} (grader.check(\"{name}\")) is missing: its question was graded "
                  "from what the notebook computed" for name in missing)
    return GRADED, "", notes


def _grade_in_child(submission: Submission, cell_timeout: float, scratch: str) -> None:
    """Grade one submission in this throwaway process, in a session of its own; write what happened to
    ``.outcome.json`` in the submission's folder. The exit code does not matter: the parent reads the file.

    Every temporary file of the grading (Otter's copy of the autograder, the kernel's connection file and
    sockets) goes into ``scratch``, a folder the parent made and removes once this process has ended, however it
    ended: a notebook that kills its grader, or runs past its time, leaves nothing in the machine's temporary folder.
    """
    os.setsid()  # the parent stops this process and everything it started as one tree
    os.environ["TMPDIR"] = tempfile.tempdir = scratch  # the kernel inherits it

    import nbclient
    import nbconvert.preprocessors
    import psutil
    from jupyter_client import AsyncKernelManager
    from otter.run import main as otter_run
    from traitlets import Any, Bool, Type, Unicode

    limit = int(math.ceil(cell_timeout))

    def cell_limit(cell) -> int | None:
        # the student's cells have the limit; Otter's own (its set-up and the checks it runs) do not, or a slow
        # machine would cut the grading itself short
        return None if _is_grader_cell(cell.source) else limit

    # Otter builds its own executor from nbconvert's ExecutePreprocessor, with a configuration of its own: the
    # limit per cell is that class's default in this throwaway process. A cell past it is interrupted and the
    # notebook runs on, so one endless cell costs only its own question.
    # The kernel talks to Otter over Unix sockets in a folder of this process's own, not TCP ports: a port is
    # picked free, released and only then bound by the kernel, so kernels started at once by the other graders
    # (or anything else on the machine) can take it first and the kernel dies before it answers
    # (jupyter/jupyter_client#154). The scratch folder is short, because a socket's path is limited to about
    # 100 bytes.
    socket_manager = type("UnixSocketKernelManager", (AsyncKernelManager,), {
        "transport": Unicode("ipc").tag(config=True),
        "connection_file": Unicode(os.path.join(scratch, "kernel.json")).tag(config=True)})
    nbconvert.preprocessors.ExecutePreprocessor = type(
        "CellLimitedExecutePreprocessor", (nbconvert.preprocessors.ExecutePreprocessor,),
        {"timeout_func": Any(default_value=cell_limit, allow_none=True).tag(config=True),
         "interrupt_on_timeout": Bool(True).tag(config=True),
         "kernel_manager_class": Type(default_value=socket_manager, klass=AsyncKernelManager).tag(config=True)})
    report = submission.out / ".outcome.json"
    with open(submission.out / "otter.log", "w") as stream:
        # the kernel Otter starts writes to the process's own descriptors, not to sys.stdout
        os.dup2(stream.fileno(), 1)
        os.dup2(stream.fileno(), 2)
        try:
            graded = otter_run(str(submission.notebook), autograder=str(submission.autograder),
                               output_dir=str(submission.out), no_logo=True)
        except nbclient.exceptions.DeadKernelError as problem:
            report.write_text(json.dumps({"status": "kernel died", "reason": "the notebook's kernel died while it "
                                          f"ran ({problem})"}))
            return
        except Exception as problem:  # reported with the log; the other submissions are still graded
            report.write_text(json.dumps({"status": "grader failed",
                                          "reason": f"Otter failed ({type(problem).__name__}: {problem})"}))
            return
        finally:
            for child in psutil.Process().children(recursive=True):  # a kernel, or what the notebook started
                child.kill()
    report.write_text(json.dumps({"status": GRADED, "notes": _cell_notes(graded.notebook, cell_timeout)}))


def _is_grader_cell(source: str) -> bool:
    """A cell Otter runs for itself (its set-up, ``grader.check``, the checks it appends), not the student's."""
    return bool(re.search(r"otter|grader\.", source, flags=re.I))


def _cell_notes(executed, cell_timeout: float) -> list[str]:
    # which cells were stopped at the limit, and which raised, named by their first line (Otter adds cells of
    # its own, so a number would not match the student's notebook); Otter's own cells are left out
    notes = []
    for cell in executed.cells:
        errors = [output for output in cell.get("outputs", []) if output.get("output_type") == "error"]
        if cell.cell_type != "code" or not errors or _is_grader_cell(cell.source):
            continue
        first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")[:60]
        if errors[0].get("ename") == "KeyboardInterrupt":
            notes.append(f"the cell starting `{first}` ran past {cell_timeout:g} s and was stopped")
        else:
            notes.append(f"the cell starting `{first}` raised {errors[0].get('ename')}: "
                         f"{str(errors[0].get('evalue', ''))[:120]}")
    return notes


def _stop_tree(process, scratch: str) -> None:
    """Stop a grading process with everything it started, wait for it, and remove its scratch folder."""
    import psutil

    try:
        parent = psutil.Process(process.pid)
        family = [*parent.children(recursive=True), parent]
    except psutil.NoSuchProcess:
        family = []
    for member in family:
        try:
            member.kill()
        except psutil.NoSuchProcess:
            pass
    process.join()
    shutil.rmtree(scratch, ignore_errors=True)


def _finished(submission: Submission, process, timed_out: bool, timeout: float) -> tuple[str, str, list[str]]:
    report = submission.out / ".outcome.json"
    if timed_out:
        return "time limit", f"the notebook ran past the time limit of {timeout:g} s and was stopped", []
    if report.is_file():
        found = json.loads(report.read_text())
        report.unlink()
        if found["status"] == GRADED and not (submission.out / "results.json").is_file():
            return "grader failed", "Otter wrote no results.json (see otter.log)", []
        return found["status"], found.get("reason", ""), found.get("notes", [])
    if process.exitcode is not None and process.exitcode < 0:  # a signal: the notebook's code, or the memory limit
        return "kernel died", (f"the grading process was killed (signal {-process.exitcode}), by the notebook's own "
                               "code or for using too much memory"), []
    return "grader failed", f"the grading process ended with exit code {process.exitcode} (see otter.log)", []


def grade_submissions(submissions: list[Submission], *, workers: int = 2, timeout: float = 300,
                      cell_timeout: float = 60) -> list[tuple[str, str, list[str]]]:
    """Grade every submission with Otter, ``workers`` at a time, each on its own and within its time limits.

    Parameters
    ----------
    submissions : list of Submission
        What to grade; each goes to its own ``out`` folder (two submissions may not share one).
    workers : int, default 2
        How many submissions are graded at once, from 1 to 16 (each runs its notebook in its own kernel).
    timeout : float, default 300
        Seconds allowed for one submission (a chapter grades in about 10 s); past it the submission is
        stopped, with its kernel and whatever its notebook started.
    cell_timeout : float, default 60
        Seconds allowed for one cell; past it the cell is interrupted and the notebook runs on.

    Returns
    -------
    list of (status, reason, notes)
        One per submission, in the order given: a key of :data:`STATUSES`, why (empty when graded) and what
        was noticed as it ran. Otter's ``results.json`` is in the submission's ``out`` when graded.

    Raises
    ------
    ValueError
        If there is nothing to grade, ``workers``, ``timeout`` or ``cell_timeout`` is out of range, or two
        submissions share a results folder.
    FileNotFoundError
        If an autograder zip or a notebook does not exist.

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
    for label, value in (("timeout", timeout), ("cell_timeout", cell_timeout)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < float("inf"):
            raise ValueError(f"{label} must be a positive number of seconds, got {value!r}")
    outs = [Path(s.out).resolve() for s in submissions]
    if len(set(outs)) != len(outs):
        raise ValueError("two submissions share a results folder: each needs its own out")
    for submission in submissions:
        for path in (submission.autograder, submission.notebook):
            if not Path(path).is_file():
                raise FileNotFoundError(f"{path} does not exist")
    submissions = [Submission(Path(s.autograder).resolve(), Path(s.notebook).resolve(), out)
                   for s, out in zip(submissions, outs)]
    for submission in submissions:
        submission.out.mkdir(parents=True, exist_ok=True)
        for stale in ("results.json", ".outcome.json"):  # an earlier grading's files are not this one's
            (submission.out / stale).unlink(missing_ok=True)
    # A fork server imports Otter once; every submission is graded in a new process forked from it.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["otter.run", "nbclient", "psutil", __name__])
    outcomes: list = [None] * len(submissions)
    waiting = list(range(len(submissions)))
    running: dict = {}  # sentinel -> (index, process, deadline, scratch folder)
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                index = waiting.pop(0)
                scratch = tempfile.mkdtemp(prefix="rut-grade-")
                process = context.Process(target=_grade_in_child, args=(submissions[index], cell_timeout, scratch))
                try:
                    process.start()
                except BaseException:
                    shutil.rmtree(scratch, ignore_errors=True)
                    raise
                running[process.sentinel] = (index, process, time.monotonic() + timeout, scratch)
            next_deadline = min(deadline for _, _, deadline, _ in running.values())
            ended = multiprocessing.connection.wait(list(running), timeout=max(next_deadline - time.monotonic(), 0))
            for sentinel in list(running):
                index, process, deadline, scratch = running[sentinel]
                timed_out = sentinel not in ended and time.monotonic() >= deadline
                if sentinel in ended or timed_out:
                    _stop_tree(process, scratch)  # after a normal end too: nothing the notebook started outlives it
                    outcomes[index] = _finished(submissions[index], process, timed_out, timeout)
                    del running[sentinel]
    finally:
        for _index, process, _deadline, scratch in running.values():  # interrupted: leave nothing running
            _stop_tree(process, scratch)
    return outcomes


def read_variants(autograder: Path) -> dict | None:
    """The issued variants a class autograder carries (``rut-book variants`` writes it), or None for an
    assignment where every student has the same numbers."""
    from rut_book.editions import variants

    with zipfile.ZipFile(autograder) as archive:
        if variants.MANIFEST not in archive.namelist():
            return None
        return json.loads(archive.read(variants.MANIFEST).decode("utf-8"))


def _issued_submission(record: dict, namespace: dict, autograder: Path, notebook: Path, student: str, out: Path,
                       scratch: Path) -> Submission:
    """A submission made ready to grade against the student's issued numbers: Otter's zip with the student's
    expected values in its hidden checks (and without the class's record), and the notebook with its parameter
    cells set back to the issued numbers. ``namespace`` is the chapter's imports, where the solutions run."""
    import nbformat

    from rut_book.editions import variants

    scratch.mkdir(parents=True)
    issued = variants.issued_parameters(record, student)
    lines = {}
    cells = {}
    for question in record["questions"]:
        parameters = issued[question["name"]]
        lines[question["name"]] = variants.expected_line(parameters, variants.answers(question, parameters, namespace))
        cells[variants.parameter_mark(question["exercise"])] = variants.parameter_cell(question, parameters)
    zipped = scratch / autograder.name
    with zipfile.ZipFile(autograder) as source, zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == variants.MANIFEST:
                continue
            data = source.read(item.filename)
            name = item.filename.removeprefix("tests/").removesuffix(".py")
            if item.filename.startswith("tests/") and name in lines:
                data = _with_expected(data.decode("utf-8"), lines[name]).encode("utf-8")
            target.writestr(item, data)
    try:
        handed = nbformat.read(notebook, as_version=4)
    except Exception:  # a notebook nbformat cannot read is graded as handed in, and fails as it would
        return Submission(zipped, notebook, out)
    for cell in handed.cells:
        first = cell.source.splitlines()[0] if cell.cell_type == "code" and cell.source.strip() else ""
        mark = next((mark for mark in cells if first.startswith(mark)), None)
        if mark is not None:
            cell.source = cells[mark]
    fixed = scratch / notebook.name
    nbformat.write(handed, fixed)
    return Submission(zipped, fixed, out)


def _with_expected(test_file: str, line: str) -> str:
    # an Otter test file is `OK_FORMAT = True` and `test = {...}`; each hidden case of a variant question opens
    # with `>>> expected = {...}`, the chapter's numbers, replaced here by the student's
    test = _literal_assignment(test_file, "test")
    for suite in test["suites"]:
        for case in suite["cases"]:
            if case.get("hidden"):
                first, _, rest = case["code"].partition("\n")
                if not first.startswith(">>> expected = "):
                    raise ValueError(f"{test['name']}: a hidden check does not open with `expected`")
                case["code"] = f">>> {line}\n{rest}"
    return f"OK_FORMAT = True\n\ntest = {test!r}\n"


def _students(folder: Path) -> tuple[dict[str, Path], list[str]]:
    # one submission per student, named by the file: ada.ipynb is ada's. A student who handed in two files
    # (ada.ipynb and ada.pdf) is graded on the notebook; hidden files (.DS_Store, .ipynb_checkpoints) are skipped.
    chosen: dict[str, Path] = {}
    skipped = []
    for path in sorted(Path(folder).iterdir()):
        if path.name.startswith(".") or not path.is_file():
            if not path.name.startswith("."):
                skipped.append(f"{path.name} (a folder)")
            continue
        student = path.name[:-len(".ipynb")] if path.name.endswith(".ipynb") else path.stem or path.name
        if student in chosen:
            keep, drop = (path, chosen[student]) if path.name.endswith(".ipynb") else (chosen[student], path)
            chosen[student] = keep
            skipped.append(f"{drop.name} ({student} also handed in {keep.name})")
        else:
            chosen[student] = path
    return chosen, skipped


def student_folder(results: Path, student: str) -> Path:
    """Where a student's files go: ``results/<student>``, whatever characters the name holds; a name that is one
    of the class's own files (``grades.csv``) gets a trailing underscore."""
    reserved = {"grades.csv", ASSIGNMENT_FILE}
    return Path(results) / (f"{student}_" if student in reserved else student)


@dataclasses.dataclass(frozen=True)
class ClassGrades:
    """What :func:`grade_class` wrote: the grade table, each student's outcome, and files it did not grade."""

    table: Path
    outcomes: tuple[Outcome, ...]
    skipped: tuple[str, ...]

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for outcome in self.outcomes:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
        states = ", ".join(f"{count} {status}" for status, count in counts.items())
        lines = [f"{len(self.outcomes)} submissions: {states}; grades: {self.table}",
                 "feedback.txt is in each student's folder (no hidden check is shown)"]
        lines += [f"  {o.student}: {o.status}: {o.reason}" for o in self.outcomes if o.status != GRADED]
        lines += [f"  skipped {name}" for name in self.skipped]
        return "\n".join(lines)


def grade_class(autograder: Path, submissions: Path, results: Path, *, workers: int = 2, timeout: float = 300,
                cell_timeout: float = 60) -> ClassGrades:
    """Grade every file in ``submissions`` into ``results/<student>/``, then write ``grades.csv`` for every
    student graded into ``results`` (this run's and earlier ones').

    Parameters
    ----------
    autograder : Path
        The assignment's autograder zip (``make assignments`` writes it to ``dist/autograder/``).
    submissions : Path
        The handed-in files, one per student, named after the student (``ada.ipynb``; any characters).
    results : Path
        Where each student's folder (``feedback.txt``, ``status.json``, Otter's files) and ``grades.csv`` go.
    workers, timeout, cell_timeout
        As :func:`grade_submissions`.

    Returns
    -------
    ClassGrades

    Raises
    ------
    FileNotFoundError
        If ``autograder`` or ``submissions`` does not exist.
    ValueError
        If ``submissions`` holds no file, the zip is not an autograder, ``results`` holds another assignment's
        grades, or a limit is out of range.
    """
    assignment = read_assignment(autograder)
    folder = Path(submissions)
    if not folder.is_dir():
        raise FileNotFoundError(f"the submissions folder {folder} does not exist")
    handed_in, skipped = _students(folder)
    if not handed_in:
        raise ValueError(f"no submissions in {folder}: put each student's notebook there, named after them")
    results = Path(results)
    results.mkdir(parents=True, exist_ok=True)
    earlier = results / ASSIGNMENT_FILE
    if earlier.is_file() and Assignment.from_json(earlier.read_text()).name != assignment.name:
        raise ValueError(f"{results} holds the grades of {Assignment.from_json(earlier.read_text()).name}: grade "
                         f"{assignment.name} into another folder")
    earlier.write_text(assignment.to_json(), encoding="utf-8")
    checked = {student: check_submission(path, assignment) for student, path in handed_in.items()}
    record = read_variants(autograder)
    if record is not None:  # each student is graded on the numbers issued to the name they are graded under
        for student, (status, _, notes) in checked.items():
            if status == GRADED and record["issued"].get(student) is None:
                checked[student] = ("not on the roster", f"{student!r} is not on the roster this assignment's "
                                    "variants were issued to", notes)
    to_run = [student for student, (status, _, _) in checked.items() if status == GRADED]
    from rut_book.editions import variants

    namespace = variants.chapter_namespace(record["imports"]) if record is not None else {}
    with tempfile.TemporaryDirectory(prefix="rut-variant-grading-") as scratch:
        submissions_to_run = [
            Submission(Path(autograder), handed_in[student], student_folder(results, student)) if record is None
            else _issued_submission(record, namespace, Path(autograder), handed_in[student], student,
                                    student_folder(results, student), Path(scratch) / str(number))
            for number, student in enumerate(to_run)]
        ran = dict(zip(to_run, grade_submissions(submissions_to_run, workers=workers, timeout=timeout,
                                                 cell_timeout=cell_timeout))) if to_run else {}
    outcomes = []
    for student, (status, reason, notes) in checked.items():
        if student in ran:
            status, reason, run_notes = ran[student]
            notes = (*notes, *run_notes)
        out = student_folder(results, student)
        outcome = _readable(Outcome(student, status, reason, tuple(notes)), out)
        write_outcome(out, outcome, assignment)
        outcomes.append(outcome)
    # the table holds every student graded into this folder, so a student graded again later keeps the class whole
    table, _notes = write_grades(results)
    return ClassGrades(table, tuple(outcomes), tuple(skipped))
