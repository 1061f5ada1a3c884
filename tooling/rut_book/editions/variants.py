"""Per-student variants of the graded exercises: each student's own numbers, and grading against them.

A graded question in ``classroom/assignments/<chapter>.yml`` may declare a ``variant``: the parameters its
numbers come from (each with the chapter's value as ``default`` and the values a variant may take), the
sentence that tells the student their numbers (``numbers``, with ``{name}`` fields), optionally a ``valid``
expression a variant's parameters and answers must satisfy (no zero denominator, no empty window, no answer
that changes the lesson), and ``worked``: the default variant's answers worked by hand, which the tests compare
with the solution's. The solution and setup use the parameters by name; the hidden checks compare the student's
answers with ``expected``, a dict of the parameters and the answers the solution computes from them, which the
build writes into each check (so nothing in a check is typed, and the default variant is the chapter's).

Drawing is keyed: each student's parameters for a question come from a generator seeded by
HMAC-SHA256(course secret, assignment, question, student id), so the same roster and secret give the same
notebooks and no one without the secret can work out a neighbour's. Students are drawn in the roster's order;
a draw is refused when it repeats an earlier student's parameters or the chapter's (while the grid has others),
fails ``valid``, or gives answers an earlier student's would pass on any hidden check, so no two students can
copy each other (while the grid allows). A student added at the end of the roster leaves everyone else's draw
unchanged.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import hmac
import io
import json
import math
import random
import re
import string
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

VARIANT_FIELDS = {"parameters", "numbers", "worked", "valid"}
PARAMETER_FIELDS = ({"default", "choices"}, {"default", "low", "high", "step"}, {"default_from", "choices_from"})
# How many draws a student gets before the grid is taken to be too small for every rule at once.
ATTEMPTS = 400
SECRET_BYTES = 32
MANIFEST = "rut_variants.json"  # inside a class autograder zip: the variant questions and what was issued


class DegenerateVariant(ValueError):
    """A variant whose answers are not a fair version of the exercise (not finite, or failing ``valid``)."""


def parameter_mark(exercise: int) -> str:
    """The first line of a question's parameter cell, by which the grader finds the cell to overwrite."""
    return f"# Your numbers for exercise {exercise}"


def check_variant(question: dict, where: str) -> None:
    """Check a question's ``variant`` declaration; raise ``ValueError`` naming what is wrong."""
    variant = question["variant"]
    if not isinstance(variant, dict) or not {"parameters", "numbers"} <= set(variant) or set(variant) - VARIANT_FIELDS:
        raise ValueError(f"{where}: a variant needs parameters and numbers (and may have worked and valid), "
                         f"has {sorted(variant) if isinstance(variant, dict) else variant!r}")
    parameters = variant["parameters"]
    if not isinstance(parameters, dict) or not parameters:
        raise ValueError(f"{where}: a variant needs at least one parameter")
    answers = answer_names(question)
    for name, spec in parameters.items():
        if not re.fullmatch(r"[a-z][a-z0-9_]*", str(name)) or name in answers or name == "expected":
            raise ValueError(f"{where}: parameter {name!r} must be a lower-case identifier that is not an answer")
        if not isinstance(spec, dict) or set(spec) not in PARAMETER_FIELDS:
            raise ValueError(f"{where}: parameter {name} needs default with choices, default with low, high and "
                             "step, or default_from with choices_from (expressions)")
        if "step" in spec and not (spec["step"] > 0 and spec["low"] <= spec["default"] <= spec["high"]):
            raise ValueError(f"{where}: parameter {name} needs a positive step and low <= default <= high")
        if "choices" in spec and spec["default"] not in spec["choices"]:
            raise ValueError(f"{where}: parameter {name}'s default {spec['default']!r} is not one of its choices")
    for field in ("numbers", "ask"):
        unknown = {field_name for _, field_name, _, _ in string.Formatter().parse(
            (variant if field == "numbers" else question)[field]) if field_name} - set(parameters)
        if unknown:
            raise ValueError(f"{where}: {field} names {sorted(unknown)}, which are not parameters")
    for test in question["tests"]:
        uses = "expected" in _names(test["code"])
        if test.get("public") and uses:
            raise ValueError(f"{where}: a public check may not read `expected` (students would see the answers)")
        if not test.get("public") and not uses:
            raise ValueError(f"{where}: every hidden check of a variant compares with `expected`, so it follows "
                             "the student's numbers")
    unknown = set(variant.get("worked", {})) - answers
    if unknown:
        raise ValueError(f"{where}: worked names {sorted(unknown)}, which the solution does not answer")


def _names(code: str) -> set[str]:
    return {node.id for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Name)}


def answer_names(question: dict) -> set[str]:
    """The names a question's solution assigns that its checks read: the student's answers."""
    assigned = {target.id for node in ast.parse(question["solution"]).body if isinstance(node, ast.Assign)
                for part in node.targets for target in ast.walk(part) if isinstance(target, ast.Name)}
    read = set().union(*(_names(test["code"]) for test in question["tests"]))
    return assigned & read


def is_variant(question: dict) -> bool:
    return "variant" in question


def chapter_namespace(imports: str) -> dict:
    """What a student's notebook holds before its first question: numpy, pandas and the chapter's imports."""
    namespace: dict = {}
    exec("import numpy as np\nimport pandas as pd\n" + imports, namespace)
    return namespace


def parameter_values(question: dict, namespace: Mapping) -> dict[str, tuple]:
    """Every value each parameter may take, in order (the default among them)."""
    values = {}
    for name, spec in question["variant"]["parameters"].items():
        if "choices" in spec:
            values[name] = tuple(spec["choices"])
        elif "step" in spec:
            whole = all(isinstance(spec[key], int) for key in ("default", "low", "high", "step"))
            count = int(math.floor((spec["high"] - spec["low"]) / spec["step"] + 1e-9)) + 1
            values[name] = tuple(spec["low"] + k * spec["step"] if whole
                                 else round(spec["low"] + k * spec["step"], 10) for k in range(count))
        else:
            values[name] = tuple(eval(spec["choices_from"], dict(namespace)))
            if not values[name]:
                raise ValueError(f"{question['name']}: parameter {name} has no values (choices_from is empty)")
    return values


def defaults(question: dict, namespace: Mapping) -> dict:
    """The chapter's own numbers: the default variant, the one the website, learner edition and handouts show."""
    out = {}
    for name, spec in question["variant"]["parameters"].items():
        out[name] = eval(spec["default_from"], dict(namespace)) if "default_from" in spec else spec["default"]
    return out


def answers(question: dict, parameters: Mapping, namespace: Mapping) -> dict:
    """The answers the question's solution computes from ``parameters``: the student's expected answers.

    Raises
    ------
    DegenerateVariant
        If the solution refuses the parameters (the package raises ``ValueError``, or a division by zero), an
        answer is not finite, or the parameters and answers fail the question's ``valid`` expression.
    """
    scope = dict(namespace)
    scope.update(parameters)
    try:
        for part in ("setup", "solution"):
            if question.get(part):
                exec(_compiled(question[part], question["name"]), scope)
    except (ValueError, ArithmeticError) as problem:  # the package refused the numbers: an empty window, a zero
        raise DegenerateVariant(f"{question['name']}: {dict(parameters)} cannot be worked ({problem})") from None
    found = {name: scope[name] for name in sorted(answer_names(question))}
    for name, value in found.items():
        for number in _numbers_in(value):
            if not math.isfinite(number):
                raise DegenerateVariant(f"{question['name']}: {name} is {number} for {dict(parameters)}")
    rule = question["variant"].get("valid")
    if rule and not eval(rule, {**scope, **found}):
        raise DegenerateVariant(f"{question['name']}: {dict(parameters)} fails `{rule}`")
    return found


def _numbers_in(value) -> list[float]:
    if isinstance(value, (bool, str, pd.Timestamp)) or value is None:
        return []
    if isinstance(value, Mapping):
        return [n for item in value.values() for n in _numbers_in(item)]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [n for item in value for n in _numbers_in(item)]
    return [float(value)]


def literal(value) -> str:
    """Python source that rebuilds ``value`` in a student's notebook (numbers, text, dates, containers)."""
    if isinstance(value, (bool, np.bool_)):
        return repr(bool(value))
    if value is None or isinstance(value, str):
        return repr(value)
    if isinstance(value, (int, np.integer)):
        return repr(int(value))
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, pd.Timestamp):
        return f"pd.Timestamp({value.isoformat()!r})"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, tuple):
        return "(" + "".join(f"{literal(item)}, " for item in value).rstrip(" ") + ")"
    if isinstance(value, list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(literal(item) for item in value)) + "}" if value else "set()"
    raise TypeError(f"no literal for a {type(value).__name__}: {value!r}")


def expected_line(parameters: Mapping, found: Mapping) -> str:
    """The first line of each hidden check of a variant question: the parameters and answers it compares with."""
    return f"expected = {literal({**parameters, **found})}"


def parameter_cell(question: dict, parameters: Mapping) -> str:
    """The code cell that gives a student their numbers, by the names the solution uses."""
    lines = [f"{parameter_mark(question['exercise'])} (issued to you: your teacher grades against them)"]
    lines += [f"{name} = {literal(parameters[name])}" for name in question["variant"]["parameters"]]
    return "\n".join(lines)


def numbers_text(question: dict, parameters: Mapping) -> str:
    return question["variant"]["numbers"].format(**parameters)


def ask_text(question: dict, parameters: Mapping) -> str:
    return question["ask"].format(**parameters) if is_variant(question) else question["ask"]


def hidden_checks(question: dict) -> list[str]:
    return [test["code"] for test in question["tests"] if not test.get("public")]


def copy_passes(question: dict, copied: Mapping, expected: Mapping, namespace: Mapping) -> bool:
    """Whether answers ``copied`` from one variant pass any hidden check of another whose ``expected`` is given."""
    for check in _compiled_checks(question):
        scope = {**namespace, **copied, "expected": dict(expected)}
        try:
            exec(check, scope)
        except Exception:  # the check failed (an assertion, or answers of another shape)
            continue
        return True
    return False


_COMPILED: dict[str, object] = {}


def _compiled(code: str, name: str):
    if code not in _COMPILED:
        _COMPILED[code] = compile(code, name, "exec")
    return _COMPILED[code]


def _compiled_checks(question: dict) -> list:
    return [_compiled(code, question["name"]) for code in hidden_checks(question)]


def seed(secret: bytes, *parts: str) -> int:
    """A student's seed: HMAC-SHA256 of the assignment, question and student id under the course secret."""
    if not isinstance(secret, bytes) or len(secret) < 16:
        raise ValueError("the course secret must be at least 16 bytes")
    message = "\0".join(parts).encode("utf-8")
    return int.from_bytes(hmac.new(secret, message, hashlib.sha256).digest(), "big")


def draw(assignment: str, question: dict, roster: Sequence[str], secret: bytes,
         namespace: Mapping) -> dict[str, tuple[dict, dict]]:
    """Each student's parameters and expected answers for one question (see the module docstring).

    Raises
    ------
    DegenerateVariant
        If no valid variant is found for a student in :data:`ATTEMPTS` draws.
    """
    values = parameter_values(question, namespace)
    default = defaults(question, namespace)
    grid_size = math.prod(len(options) for options in values.values())
    known: dict[tuple, dict | DegenerateVariant] = {}

    def answers_of(parameters: dict) -> dict:  # a grid point's answers, worked out once
        key = tuple(parameters.items())
        if key not in known:
            try:
                known[key] = answers(question, parameters, namespace)
            except DegenerateVariant as problem:
                known[key] = problem
        if isinstance(known[key], DegenerateVariant):
            raise known[key]
        return known[key]

    taken = [(default, answers_of(default))]
    issued: dict[str, tuple[dict, dict]] = {}
    for student in roster:
        generator = random.Random(seed(secret, assignment, question["name"], student))
        fallback = None
        for _ in range(ATTEMPTS):
            candidate = {name: generator.choice(options) for name, options in values.items()}
            try:
                found = answers_of(candidate)
            except DegenerateVariant:
                continue
            repeats = any(candidate == earlier for earlier, _ in taken)
            if repeats and len(taken) < grid_size:
                continue
            fallback = fallback or (candidate, found)
            expected = {**candidate, **found}
            if any(copy_passes(question, earlier_found, expected, namespace)
                   or copy_passes(question, found, {**earlier, **earlier_found}, namespace)
                   for earlier, earlier_found in taken):
                continue
            break
        else:
            if fallback is None:
                raise DegenerateVariant(f"{question['name']}: no valid variant for {student!r} in {ATTEMPTS} draws")
            candidate, found = fallback
        issued[student] = (candidate, found)
        taken.append((candidate, found))
    return issued


def read_roster(path: Path) -> list[str]:
    """The student ids of a roster: a CSV with one id per row (its first column), in order.

    A first row ``student`` or ``id`` is a header. Ids keep any characters (spaces, accents) but are stripped of
    surrounding blanks; an id that cannot be a file name is refused.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the roster is empty, an id repeats, or an id holds ``/``, a control character or starts with ``.``.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"the roster {path} does not exist")
    text = path.read_text(encoding="utf-8-sig")
    ids = [row[0].strip() for row in csv.reader(io.StringIO(text)) if row and row[0].strip()]
    if ids and ids[0].lower() in ("student", "id", "student id"):
        ids = ids[1:]
    if not ids:
        raise ValueError(f"the roster {path} holds no student id")
    for student in ids:
        if "/" in student or student.startswith(".") or any(ord(c) < 32 for c in student):
            raise ValueError(f"the roster's id {student!r} cannot name a file (no '/', no leading '.', no control "
                             "characters)")
    repeated = sorted({student for student in ids if ids.count(student) > 1})
    if repeated:
        raise ValueError(f"the roster names {repeated} more than once")
    return ids


def read_secret(path: Path, *, create: bool = False) -> bytes:
    """The course secret in ``path`` (created, readable by its owner only, when ``create`` and missing).

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist and ``create`` is false.
    ValueError
        If it holds fewer than 16 bytes.
    """
    import secrets

    path = Path(path)
    if not path.is_file():
        if not create:
            raise FileNotFoundError(f"the course secret {path} does not exist")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(SECRET_BYTES) + "\n")
    secret = path.read_bytes().strip()
    if len(secret) < 16:
        raise ValueError(f"the course secret in {path} is shorter than 16 bytes")
    return secret


def manifest(assignment: str, imports: str, questions: list[dict], issued: Mapping[str, Mapping]) -> str:
    """The class autograder's record: each variant question's code and each student's issued parameters."""
    return json.dumps({
        "assignment": assignment, "imports": imports,
        "questions": [{key: question[key] for key in ("name", "exercise", "setup", "solution", "tests", "variant")
                       if key in question} for question in questions],
        "issued": {student: {name: {key: literal(value) for key, value in params.items()}
                             for name, params in by_question.items()} for student, by_question in issued.items()},
    }, indent=1, ensure_ascii=False)


def issued_parameters(record: Mapping, student: str) -> dict[str, dict] | None:
    """A student's issued parameters by question, read back from a manifest (None when not on the roster)."""
    by_question = record["issued"].get(student)
    if by_question is None:
        return None
    scope = {"pd": pd}
    return {name: {key: eval(text, dict(scope)) for key, text in params.items()}
            for name, params in by_question.items()}


# ---- a class's notebooks ----

ISSUED_TABLE = "issued.csv"


def student_notebook(default, questions: list[dict], namespace: Mapping, issued: Mapping[str, dict], student: str):
    """A student's copy of an assignment: the class's student notebook with the student's numbers in place of
    the chapter's in each variant question's parameter cell, text and ask, and a line saying whose it is."""
    import nbformat

    notebook = nbformat.from_dict(json.loads(json.dumps(default)))
    for question in questions:
        chapter_numbers = defaults(question, namespace)
        mine = issued[question["name"]]
        swaps = {parameter_cell(question, chapter_numbers): parameter_cell(question, mine),
                 numbers_text(question, chapter_numbers): numbers_text(question, mine),
                 ask_text(question, chapter_numbers): ask_text(question, mine)}
        found = set()
        for cell in notebook.cells:
            for old, new in swaps.items():
                if old in cell.source:
                    cell.source = cell.source.replace(old, new)
                    found.add(old)
        if len(found) != len(swaps):
            raise RuntimeError(f"{question['name']}: the class notebook lacks the chapter's numbers to replace")
    notebook.cells.insert(1, nbformat.v4.new_markdown_cell(
        f"*This copy was issued to **{student}**. Its graded exercises use your own numbers (each says which); "
        "your teacher grades your answers against them.*"))
    for number, cell in enumerate(notebook.cells):  # Otter's ids are random: the same roster gives the same files
        cell.id = f"cell-{number}"
    return notebook


def build_class(roster: Path, out: Path, secret: bytes, root: Path | None = None, *,
                only: Sequence[str] | None = None) -> dict[str, list[Path]]:
    """Every student's assignment notebooks, one class autograder per assignment and the teacher's table.

    Writes ``out/students/<student>/<assignment>.ipynb`` (hand these out; :func:`hand_out` puts them in hub
    folders), ``out/autograder/<assignment>-autograder.zip`` (what ``rut-book grade`` takes: Otter's zip with the
    issued parameters inside, for the teacher only) and ``out/teacher/issued.csv`` (each student's parameters
    and expected answers). Only the assignments with a variant question are written (of those in ``only``, when
    given).

    Raises
    ------
    FileNotFoundError
        If the roster does not exist.
    ValueError
        If the roster is malformed or the secret is shorter than 16 bytes.
    DegenerateVariant
        If a question has no valid variant for a student.
    """
    import shutil
    import tempfile
    import zipfile

    import nbformat

    from rut_book.editions import assignments, grading
    from rut_book.editions import build as editions

    root = Path(root or editions.ROOT)
    students = read_roster(roster)
    out = Path(out)
    for part in ("students", "autograder", "teacher"):
        shutil.rmtree(out / part, ignore_errors=True)
        (out / part).mkdir(parents=True)
    written: dict[str, list[Path]] = {"students": [], "autograder": [], "teacher": []}
    rows = []
    with tempfile.TemporaryDirectory(prefix="rut-variants-") as scratch:
        for zip_path in assignments.build(Path(scratch), root):
            chapter = zip_path.parents[2].name
            questions = [q for q in assignments.load_spec(chapter) if is_variant(q)] if chapter in editions.chapters(
                root) else []
            if not questions or (only is not None and chapter not in only):
                continue
            imports = assignments.chapter_imports(chapter, root)
            namespace = chapter_namespace(imports)
            drawn = {question["name"]: draw(chapter, question, students, secret, namespace) for question in questions}
            default = nbformat.read(zip_path.parents[1] / "student" / f"{chapter}.ipynb", as_version=4)
            for student in students:
                mine = {name: by_student[student][0] for name, by_student in drawn.items()}
                notebook = student_notebook(default, questions, namespace, mine, student)
                target = grading.student_folder(out / "students", student) / f"{chapter}.ipynb"
                target.parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(notebook, target)
                written["students"].append(target)
                for question in questions:
                    parameters, found = drawn[question["name"]][student]
                    rows.append([student, chapter, question["name"], literal(parameters), literal(found)])
            issued = {student: {name: by_student[student][0] for name, by_student in drawn.items()}
                      for student in students}
            target = out / "autograder" / f"{chapter}-autograder.zip"
            shutil.copyfile(zip_path, target)
            with zipfile.ZipFile(target, "a") as archive:
                archive.writestr(MANIFEST, manifest(chapter, imports, questions, issued))
            written["autograder"].append(target)
    table = out / "teacher" / ISSUED_TABLE
    with table.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["student", "assignment", "question", "parameters", "expected"])
        writer.writerows(rows)
    written["teacher"].append(table)
    return written
