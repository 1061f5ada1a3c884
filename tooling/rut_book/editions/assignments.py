"""Autograded assignments (Otter-Grader), one per chapter, built from the chapter's exercises.

For every chapter in ``_toc.yml`` an Otter "master" notebook is written: the chapter's import cell, then each
exercise in plain markdown. Exercises listed in ``classroom/assignments/<chapter>.yml`` become graded
questions (the student fills in named variables; the tests check their values); the others stay as practice.
``otter assign`` then makes the student copy and the autograder zip, which ``otter run`` grades::

    _build/assignments/<chapter>/master.ipynb
    _build/assignments/<chapter>/dist/student/<chapter>.ipynb        hand this out
    _build/assignments/<chapter>/dist/autograder/<chapter>.ipynb     the solved copy
    _build/assignments/<chapter>/dist/autograder/*-autograder_*.zip  otter run -a ZIP SUBMISSION
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import warnings
from pathlib import Path

import nbformat
import yaml

from rut_book.editions import build as editions
from rut_book.editions import variants

SPEC_DIR = editions.ROOT / "classroom" / "assignments"
QUESTION_FIELDS = {"exercise", "name", "points", "ask", "solution", "tests", "setup", "variant"}
# The term project: an assignment of its own, from its own spec (the brief students read is book/project.md).
PROJECT = "term_project"
PROJECT_SPEC = editions.ROOT / "classroom" / "project" / f"{PROJECT}.yml"


def _checked_question(question: dict, where: str, names: set[str], *, exercise: bool = True) -> dict:
    required = {"name", "points", "ask", "solution", "tests"} | ({"exercise"} if exercise else set())
    unknown = set(question) - (QUESTION_FIELDS if exercise else QUESTION_FIELDS - {"exercise"})
    missing = required - set(question)
    if unknown or missing:
        raise ValueError(f"{where}: unknown fields {sorted(unknown)}, missing {sorted(missing)}")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", question["name"]) or question["name"] in names:
        raise ValueError(f"{where}: name {question['name']!r} must be a new lower-case identifier")
    names.add(question["name"])
    if not isinstance(question["points"], (int, float)) or question["points"] <= 0:
        raise ValueError(f"{where}: points must be positive, got {question['points']!r}")
    if not question["tests"]:
        raise ValueError(f"{where}: a graded question needs at least one test")
    public = [test for test in question["tests"] if test.get("public")]
    if not public or len(public) == len(question["tests"]):
        # Public checks catch a wrong format early and must fail a blank answer (so grader.check never
        # says "passed" on an empty notebook); the points sit on the hidden checks of the value alone.
        raise ValueError(f"{where}: a graded question needs at least one public check of the format "
                         "(worth no points) and at least one hidden check of the answer")
    if variants.is_variant(question):
        variants.check_variant(question, where)
    return question


def load_spec(chapter: str, spec_dir: Path = SPEC_DIR) -> list[dict]:
    """The graded questions of one chapter (none when it has no file); malformed entries raise ``ValueError``."""
    path = spec_dir / f"{chapter}.yml"
    if not path.is_file():
        return []
    questions = (yaml.safe_load(path.read_text()) or {}).get("questions", [])
    names: set[str] = set()
    checked = [_checked_question(question, f"{path.name}, question {number}", names)
               for number, question in enumerate(questions, 1)]
    _answers_named_once(checked, path.name)
    return checked


def _answers_named_once(questions: list[dict], where: str) -> None:
    # the questions share one notebook and Otter grades the answers it holds at the end: a name two questions
    # answer in would hold the later one's answer when the earlier one is graded
    seen: dict[str, str] = {}
    for question in questions:
        for name in variants.answer_names(question):
            if name in seen:
                raise ValueError(f"{where}: {question['name']} and {seen[name]} both answer in `{name}`; the "
                                 "notebook keeps only the later one, so give each answer its own name")
            seen[name] = question["name"]


def load_project(path: Path = PROJECT_SPEC) -> dict:
    """The term project's spec: its title, its setup code and its parts (each a graded question with its text,
    or an open part marked by hand); a malformed spec raises ``ValueError`` naming the part."""
    spec = yaml.safe_load(Path(path).read_text()) or {}
    if not {"title", "setup", "parts"} <= set(spec):
        raise ValueError(f"{path.name}: needs title, setup and parts, has {sorted(spec)}")
    names: set[str] = set()
    for number, part in enumerate(spec["parts"], 1):
        where = f"{path.name}, part {number}"
        if set(part) == {"open"}:
            continue
        if set(part) != {"text", "question"}:
            raise ValueError(f"{where}: a part is either `open` (marked by hand) or `text` with a `question`")
        _checked_question(part["question"], where, names, exercise=False)
    if not names:
        raise ValueError(f"{path.name}: the project needs at least one graded question")
    _answers_named_once([part["question"] for part in spec["parts"] if "question" in part], path.name)
    return spec


def project_questions(path: Path = PROJECT_SPEC) -> list[dict]:
    """The project's graded questions, in order."""
    return [part["question"] for part in load_project(path)["parts"] if "question" in part]


def question_order(assignment: str, root: Path = editions.ROOT) -> list[str]:
    """The graded questions' names of one assignment in the order students meet them (exercise order for a
    chapter); empty for a name that is not one of the course's assignments."""
    if assignment == PROJECT:
        return [question["name"] for question in project_questions()]
    if assignment in editions.chapters(root):
        return [question["name"] for question in sorted(load_spec(assignment), key=lambda q: q["exercise"])]
    return []


def assignment_names(root: Path = editions.ROOT) -> list[str]:
    """Every assignment ``make assignments`` builds: one per chapter, in book order, then the term project."""
    return [*editions.chapters(root), PROJECT]


def exercise_texts(learner: nbformat.NotebookNode) -> dict[int, str]:
    """The plain-markdown exercise texts of a learner-edition notebook, by their (book-wide) numbers, in order."""
    texts = {}
    for cell in learner.cells:
        if cell.cell_type == "markdown":
            for part in re.split(r"(?m)^(?=### Exercise \d+)", cell.source):
                heading = re.match(r"### Exercise (\d+):?\s*", part)
                if heading:
                    texts[int(heading[1])] = part[heading.end():].strip()
    return texts


def _solution_lines(solution: str) -> str:
    lines = [line for line in solution.strip().splitlines() if line.strip()]
    if any(line.startswith((" ", "\t")) or line.rstrip().endswith(("(", "[", "{", ",", "\\")) for line in lines):
        raise ValueError("a solution must be one whole statement per line (each becomes `...` for students)")
    return "\n".join(f"{line}  # SOLUTION" for line in lines)


def master_notebook(chapter: str, root: Path = editions.ROOT, spec_dir: Path = SPEC_DIR) -> nbformat.NotebookNode:
    """The Otter master notebook of one chapter (see the module docstring)."""
    config = editions.EditionsConfig.load(root)
    source = nbformat.read(root / "notebooks" / f"{chapter}.ipynb", as_version=4)
    learner = editions.convert_notebook(source, chapter, config, "learner", root)
    title = learner.cells[0].source.splitlines()[0].removeprefix("# ").strip()
    imports = chapter_imports(chapter, root)
    exercises = exercise_texts(learner)
    graded = {question["exercise"]: question for question in load_spec(chapter, spec_dir)}
    for number in graded:
        if number not in exercises:
            raise ValueError(f"{chapter}: graded exercise {number} does not exist (the chapter has exercises "
                             f"{min(exercises)} to {max(exercises)}, numbered through the book as on the website)")
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [
        _config_cell(chapter),
        md(f"# Assignment: {title}\n\nThe exercises of the chapter *{title}* "
           f"([on the student website]({config.student_site}notebooks/{chapter}.html)). Run the cells from the top. Graded "
           "questions ask you to store answers in named variables; `grader.check(...)` under each runs the public "
           "checks, and your teacher's grader runs the full ones. Practice exercises are not graded."),
        code("import numpy as np\nimport pandas as pd\n" + imports),
    ]
    namespace = variants.chapter_namespace(imports) if any(map(variants.is_variant, graded.values())) else {}
    for number, text in exercises.items():
        question = graded.get(number)
        if question is None:
            cells += [md(f"## Exercise {number} (practice, not graded)\n\n{text}"), code("# your work here")]
            continue
        heading = f"## Exercise {number} (graded, {question['points']} points)\n\n{text}"
        cells += _question_cells(question, heading, namespace)
    return _notebook(cells)


def chapter_imports(chapter: str, root: Path = editions.ROOT) -> str:
    """The chapter's import cell (its first code cell), which every assignment notebook starts with."""
    source = nbformat.read(root / "notebooks" / f"{chapter}.ipynb", as_version=4)
    return next(cell.source for cell in source.cells if cell.cell_type == "code")


def _config_cell(name: str):
    assignment_config = {"name": name, "init_cell": True, "check_all_cell": True, "export_cell": False,
                         "solutions_pdf": False, "generate": True, "run_tests": False}
    return nbformat.v4.new_raw_cell("# ASSIGNMENT CONFIG\n" + yaml.safe_dump(assignment_config, sort_keys=False))


def _question_cells(question: dict, text: str, namespace: dict | None = None) -> list:
    """A graded question in Otter's master format: its setup, its text and ask, the solution, its checks.

    A variant question (:mod:`rut_book.editions.variants`) is written with the chapter's own numbers: its
    parameter cell comes first, its text says which numbers are the student's, and each hidden check starts
    with ``expected``, the parameters and the answers the solution computes from them."""
    raw, md, code = nbformat.v4.new_raw_cell, nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    expected = numbers = ""
    cells = []
    if variants.is_variant(question):
        parameters = variants.defaults(question, namespace)
        expected = variants.expected_line(parameters, variants.answers(question, parameters, namespace)) + "\n"
        numbers = f"\n\n**Your numbers.** {variants.numbers_text(question, parameters)}"
        cells.append(code(variants.parameter_cell(question, parameters)))
        ask = variants.ask_text(question, parameters)
    else:
        ask = question["ask"]
    cells += [code(question["setup"].strip())] if question.get("setup") else []
    cells += [
        raw(f"# BEGIN QUESTION\nname: {question['name']}\npoints: {question['points']}"),
        md(f"{text}{numbers}\n\n**Answer:** {ask}"),
        raw("# BEGIN SOLUTION"),
        code(_solution_lines(question["solution"])),
        raw("# END SOLUTION"),
        raw("# BEGIN TESTS"),
    ]
    for test in question["tests"]:
        # Points go to answers, never to format: a public (format) check is worth nothing, and the
        # question's points are shared by its hidden checks of the value.
        config = "hidden: false\npoints: 0" if test.get("public") else "hidden: true"
        check = test["code"].strip() if test.get("public") else expected + test["code"].strip()
        cells.append(code(f'""" # BEGIN TEST CONFIG\n{config}\n""" # END TEST CONFIG\n{check}'))
    return [*cells, raw("# END TESTS"), raw("# END QUESTION")]


def _notebook(cells: list) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


def project_master_notebook(root: Path = editions.ROOT, path: Path = PROJECT_SPEC) -> nbformat.NotebookNode:
    """The term project's Otter master notebook: the brief's link, the setup, then each part in order (a graded
    question, or an open part with a cell for the student's work)."""
    spec = load_project(path)
    config = editions.EditionsConfig.load(root)
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [
        _config_cell(PROJECT),
        md(f"# {spec['title']}\n\nThe brief is on the [student website]({config.student_site}book/project.html). "
           "Run the cells from the top. Parts 1 to 3 are graded by checks (`grader.check(...)` under each runs the "
           "public ones); the open parts are read and marked by your teacher with the rubric the brief describes."),
        code("import numpy as np\nimport pandas as pd\n" + spec["setup"].strip()),
    ]
    for part in spec["parts"]:
        if "open" in part:
            cells += [md(part["open"].strip()), md("*Your answer here (markdown), with the code it rests on below.*"),
                      code("# your work here")]
        else:
            cells += _question_cells(part["question"], part["text"].strip())
    return _notebook(cells)


def build(out: Path, root: Path = editions.ROOT, spec_dir: Path = SPEC_DIR) -> list[Path]:
    """Write every chapter's master notebook, and the term project's, and run ``otter assign`` on each; return
    the autograder zips.

    Otter's own ``assign`` is called in this process (what its command line runs), once per chapter: importing
    Otter takes about four seconds, which a command per chapter paid eight times.
    """
    with warnings.catch_warnings():  # traitlets' deprecations inside Otter, which its command kept to itself
        warnings.simplefilter("ignore", DeprecationWarning)
        from otter.assign import main as otter_assign

    zips = []
    for chapter in assignment_names(root):
        folder = out / chapter
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        master = project_master_notebook(root) if chapter == PROJECT else master_notebook(chapter, root, spec_dir)
        nbformat.write(master, folder / f"{chapter}.ipynb")
        log = io.StringIO()
        try:
            # what the command printed and warned stays in the log, as it did
            with contextlib.chdir(folder), contextlib.redirect_stdout(log), contextlib.redirect_stderr(log), \
                    warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                otter_assign(f"{chapter}.ipynb", "dist", no_pdfs=True, no_run_tests=True)
        except Exception as error:
            raise RuntimeError(f"otter assign failed for {chapter}: {error}\n{log.getvalue()[-2000:]}") from error
        found = sorted((folder / "dist" / "autograder").glob("*-autograder_*.zip"))
        if len(found) != 1:
            raise RuntimeError(f"otter assign made {len(found)} autograder zips for {chapter}")
        zips.append(found[0])
    return zips
