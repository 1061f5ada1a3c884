"""Per-student variants: a class of 30 (spaces, accents, other scripts, a comma and a quote in its ids) gets its
own numbers in every chapter, the same roster and secret give the same notebooks, each solved copy passes and a
neighbour's answers fail, no student file holds another's numbers or any answer, and Otter grades each student
against their own numbers."""

from __future__ import annotations

import csv
import itertools
import math
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from handing_in import filled_copy
from rut_book.editions import assignments, grading, term, variants
from rut_book.editions import build as editions

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = editions.chapters(ROOT)
SECRET = b"a course secret for the tests, not for a class"
ROSTER = ["ada", "Bo Li", "Zoë Ørsted", "José María", "李雷", "o'brien", "Ana-Lucía", "student 8", "Ñandú",
          "Smith, Jo", "ümit", *(f"s{number:02d}" for number in range(12, 31))]
GRADED_CHAPTER = "02_cap_weighting"


def _variant_questions(chapter: str) -> list[dict]:
    return [question for question in assignments.load_spec(chapter, assignments.SPEC_DIR)
            if variants.is_variant(question)]


def _namespace(chapter: str) -> dict:
    return variants.chapter_namespace(assignments.chapter_imports(chapter, ROOT))


@pytest.fixture(scope="module")
def roster(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("roster") / "roster.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows([["student"], *([student] for student in ROSTER)])
    return path


@pytest.fixture(scope="module")
def issued(roster, tmp_path_factory) -> Path:
    """The class's variants, made by the command the guide gives."""
    out = tmp_path_factory.mktemp("variants")
    secret = out / "course-secret"
    secret.write_bytes(SECRET)
    result = subprocess.run([sys.executable, "-m", "rut_book.editions", "variants", str(roster), str(out / "class"),
                             "--secret", str(secret)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert f"240 notebooks for {len(ROSTER)} students" in result.stdout
    return out / "class"


def _table(issued: Path) -> dict[tuple[str, str], tuple[dict, dict]]:
    rows = {}
    with (issued / "teacher" / variants.ISSUED_TABLE).open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            scope = {"pd": __import__("pandas")}
            rows[row["student"], row["question"]] = (eval(row["parameters"], dict(scope)),
                                                     eval(row["expected"], dict(scope)))
    return rows


def test_every_chapter_has_a_variant_exercise():
    for chapter in CHAPTERS:
        assert _variant_questions(chapter), chapter


def _flat(value) -> list[float]:
    if isinstance(value, dict):
        return [number for key in sorted(value) for number in _flat(value[key])]
    if isinstance(value, (list, tuple)):
        return [number for item in value for number in _flat(item)]
    return [float(value)]


def test_the_chapters_own_numbers_give_the_answers_worked_by_hand():
    """The default variant is the chapter's exercise: its answers are the ones worked by hand (or, where the
    numbers come from the data, the package's own function)."""
    worked = 0
    for chapter in CHAPTERS:
        namespace = _namespace(chapter)
        for question in _variant_questions(chapter):
            found = variants.answers(question, variants.defaults(question, namespace), namespace)
            for name, value in question["variant"].get("worked", {}).items():
                assert _flat(found[name]) == pytest.approx(_flat(value), rel=1e-5, abs=1e-9), (question["name"], name)
                worked += 1
    assert worked >= 20
    rates = _namespace("06_rstar_and_rates")["rates"]
    question = _variant_questions("06_rstar_and_rates")[0]
    namespace = _namespace("06_rstar_and_rates")
    for quarter in variants.parameter_values(question, namespace)["your_quarter"][::7]:
        row = rates.quarterly_dataset().loc[quarter]
        oracle = rates.taylor_rate(row["inflation"], row["output_gap"], rstar=0.5, inflation_target=2.0,
                                   inflation_weight=0.5, gap_weight=1.0)
        try:
            found = variants.answers(question, {"your_quarter": quarter}, namespace)
        except variants.DegenerateVariant:  # a negative rule rate is never drawn (the format check wants > 0)
            assert oracle <= 0
            continue
        assert found["taylor_latest"] == pytest.approx(oracle)


def test_the_futures_and_options_answers_agree_with_the_package():
    """Chapter 5's hand formulas, for drawn numbers, against ``instruments.futures_fair_value`` and
    ``instruments.black_scholes``."""
    namespace = _namespace("05_trading_the_index")
    instruments = namespace["instruments"]
    fair_value, black_scholes = (next(q for q in _variant_questions("05_trading_the_index") if q["name"] == name)
                                 for name in ("fair_value_and_basis", "black_scholes_by_hand"))
    drawn = variants.draw("05_trading_the_index", fair_value, ROSTER[:8], SECRET, namespace)
    for parameters, found in drawn.values():
        oracle = instruments.futures_fair_value(parameters["spot"], rate=parameters["funds_rate"],
                                                dividend_yield=parameters["dividend_yield"], days=parameters["days"])
        assert found["fair"] == pytest.approx(oracle, abs=1e-9) and found["basis"] == pytest.approx(
            oracle - parameters["spot"], abs=1e-9)
    drawn = variants.draw("05_trading_the_index", black_scholes, ROSTER[:8], SECRET, namespace)
    for parameters, found in drawn.values():
        oracle = instruments.black_scholes("call", spot=parameters["index_level"], strike=parameters["strike"],
                                           years=0.25, rate=0.04, volatility=parameters["volatility"],
                                           dividend_yield=0.012)
        assert found["call"] == pytest.approx(oracle, abs=1e-9)


def test_the_simulated_share_agrees_with_the_exact_chance():
    """Chapter 8's expected share is a simulation; the exact binomial chance lies within the check's spread."""
    from scipy.stats import binom

    question = _variant_questions("08_forecasting")[0]
    namespace = _namespace("08_forecasting")
    for forecasters, bar, years in [(20, 0.56, 2000), (5, 0.54, 20000), (60, 0.58, 40000), (35, 0.575, 20000)]:
        found = variants.answers(question, {"forecasters": forecasters, "bar": bar, "years": years}, namespace)
        exact = 1 - binom.cdf(math.ceil(bar * 252 - 1e-9) - 1, 252, 0.5) ** forecasters
        share = found["best_share"]
        assert abs(share - exact) < 4 * (share * (1 - share) / years) ** 0.5 + 0.002, (forecasters, bar, years)


def test_each_student_has_their_own_numbers_and_a_neighbours_answers_fail(issued):
    table = _table(issued)
    for chapter in CHAPTERS:
        namespace = _namespace(chapter)
        for question in _variant_questions(chapter):
            name = question["name"]
            default = variants.defaults(question, namespace)
            drawn = {student: table[student, name] for student in ROSTER}
            parameters = [variants.literal(mine) for mine, _ in drawn.values()]
            assert len(set(parameters)) == len(ROSTER), f"{name}: two students share numbers"
            assert variants.literal(default) not in parameters, f"{name}: a student has the website's numbers"
            for mine, found in drawn.values():
                # the issued answers are the solution's for the issued numbers, and pass every check, public too
                assert variants.literal(variants.answers(question, mine, namespace)) == variants.literal(found)
                scope = {**namespace, **mine, **found, "expected": {**mine, **found}}
                for test in question["tests"]:
                    exec(test["code"], dict(scope))
            for (_, (_, copied)), (_, (theirs, expected)) in itertools.permutations(drawn.items(), 2):
                for check in variants.hidden_checks(question):
                    scope = {**namespace, **copied, "expected": {**theirs, **expected}}
                    with pytest.raises(AssertionError):
                        exec(check, scope)


def test_the_same_roster_and_secret_give_the_same_notebooks(issued, roster, tmp_path):
    again = tmp_path / "again"
    only = ("02_cap_weighting", "04_reconstitution")
    variants.build_class(roster, again, SECRET, ROOT, only=only)
    for student in ROSTER:
        for chapter in only:
            first = grading.student_folder(issued / "students", student) / f"{chapter}.ipynb"
            second = grading.student_folder(again / "students", student) / f"{chapter}.ipynb"
            assert first.read_bytes() == second.read_bytes(), (student, chapter)
    other = tmp_path / "other-secret"
    variants.build_class(roster, other, SECRET + b"!", ROOT, only=("02_cap_weighting",))
    changed = sum((grading.student_folder(issued / "students", s) / f"{GRADED_CHAPTER}.ipynb").read_bytes()
                  != (grading.student_folder(other / "students", s) / f"{GRADED_CHAPTER}.ipynb").read_bytes()
                  for s in ROSTER)
    assert changed == len(ROSTER)


def test_a_student_added_at_the_end_leaves_everyone_elses_numbers():
    namespace = _namespace(GRADED_CHAPTER)
    question = _variant_questions(GRADED_CHAPTER)[0]
    first = variants.draw(GRADED_CHAPTER, question, ROSTER[:10], SECRET, namespace)
    later = variants.draw(GRADED_CHAPTER, question, [*ROSTER[:10], "joined late"], SECRET, namespace)
    assert {student: later[student] for student in first} == first and later["joined late"] not in first.values()


def _parameter_cells(notebook: Path) -> list[str]:
    cells = nbformat.read(notebook, as_version=4).cells
    return [cell.source for cell in cells if cell.cell_type == "code" and cell.source.startswith("# Your numbers")]


def test_no_student_file_holds_another_students_numbers_or_any_answer(issued):
    table = _table(issued)
    for chapter in CHAPTERS:
        questions = _variant_questions(chapter)
        texts = {student: (grading.student_folder(issued / "students", student) / f"{chapter}.ipynb").read_text(
            encoding="utf-8") for student in ROSTER}
        assert len(set(texts.values())) == len(ROSTER), chapter
        cells = {student: [variants.parameter_cell(q, table[student, q["name"]][0]) for q in questions]
                 for student in ROSTER}
        for student, text in texts.items():
            path = grading.student_folder(issued / "students", student) / f"{chapter}.ipynb"
            assert _parameter_cells(path) == cells[student]
            assert student in text  # whose copy it is
            for other in ROSTER:
                if other != student:
                    assert not any(cell in text for cell in cells[other]), (student, other, chapter)
            assert "expected" not in text and "# SOLUTION" not in text and "BEGIN SOLUTION" not in text
            for question in questions:
                for number in _flat({key: value for key, value in table[student, question["name"]][1].items()
                                     if not isinstance(value, str)}):
                    assert repr(number) not in text or number == int(number), (student, question["name"])


def _filled(notebook: Path, out: Path, answers: dict[str, dict] | None = None, edit=None,
            chapter: str = GRADED_CHAPTER) -> Path:
    """A student's notebook of ``chapter`` with every graded answer cell solved (the solution, or literal answers)."""
    return filled_copy(notebook, assignments.load_spec(chapter), out, answers=answers, edit=edit)


def test_each_student_is_graded_against_their_own_numbers(issued, tmp_path):
    """Otter, end to end: a solved copy scores full marks, a neighbour's answers nothing on the variant question,
    numbers edited in the notebook are set back to the issued ones, a name not on the roster is told so, and the
    feedback shows no expected value."""
    table = _table(issued)
    students = issued / "students"
    handed = tmp_path / "handed-in"
    handed.mkdir()
    notebook = f"{GRADED_CHAPTER}.ipynb"
    _filled(grading.student_folder(students, "Zoë Ørsted") / notebook, handed / "Zoë Ørsted.ipynb")
    _filled(grading.student_folder(students, "ada") / notebook, handed / "ada.ipynb",
            answers={"caps_and_divisor": table["Bo Li", "caps_and_divisor"][1]})
    _filled(grading.student_folder(students, "Smith, Jo") / notebook, handed / "Smith, Jo.ipynb",
            edit=lambda source: source.replace("price = ", "price = 2 * "))
    shutil.copy(grading.student_folder(students, "Bo Li") / notebook, handed / "stranger.ipynb")
    result = subprocess.run([sys.executable, "-m", "rut_book.editions", "grade",
                             str(issued / "autograder" / f"{GRADED_CHAPTER}-autograder.zip"), str(handed),
                             str(tmp_path / "grades")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    with (tmp_path / "grades" / "grades.csv").open(encoding="utf-8") as stream:
        rows = {row["student"]: row for row in csv.DictReader(stream)}
    assert (rows["Zoë Ørsted"]["status"], rows["Zoë Ørsted"]["total"]) == ("graded", "5")
    assert (rows["Smith, Jo"]["status"], rows["Smith, Jo"]["total"]) == ("graded", "5")
    assert (rows["ada"]["caps_and_divisor"], rows["ada"]["split_weights"]) == ("0", "2")
    assert rows["stranger"]["status"] == "not on the roster"
    feedback = (tmp_path / "grades" / "ada" / "feedback.txt").read_text(encoding="utf-8")
    assert "2 hidden checks of the value failed" in feedback and "expected" not in feedback
    assert "not on the class list" in (tmp_path / "grades" / "stranger" / "feedback.txt").read_text(encoding="utf-8")


def test_every_chapter_grades_a_solved_copy_full_and_a_neighbours_answers_zero(issued, tmp_path):
    """Otter, every chapter: one student's solved copy scores full marks; another's notebook holding a neighbour's
    answers scores nothing on each question with their own numbers and full marks on the shared ones."""
    table = _table(issued)
    for chapter in CHAPTERS:
        handed = tmp_path / chapter
        handed.mkdir()
        mine = grading.student_folder(issued / "students", "Zoë Ørsted") / f"{chapter}.ipynb"
        _filled(mine, handed / "Zoë Ørsted.ipynb", chapter=chapter)
        copied = {question["name"]: table["Bo Li", question["name"]][1] for question in _variant_questions(chapter)}
        _filled(grading.student_folder(issued / "students", "李雷") / f"{chapter}.ipynb", handed / "李雷.ipynb",
                answers=copied, chapter=chapter)
        graded = grading.grade_class(issued / "autograder" / f"{chapter}-autograder.zip", handed,
                                     tmp_path / f"{chapter}-grades")
        with graded.table.open(encoding="utf-8") as stream:
            rows = {row["student"]: row for row in csv.DictReader(stream)}
        assert rows["Zoë Ørsted"]["total"] == rows["Zoë Ørsted"]["possible"], (chapter, rows)
        for question in assignments.load_spec(chapter):
            score = float(rows["李雷"][question["name"]])
            assert score == (0 if question["name"] in copied else question["points"]), (chapter, question["name"])


def test_on_the_hub_each_student_opens_their_own_and_collect_takes_it(issued, tmp_path):
    homes = tmp_path / "home"
    for student in ("ada", "Bo Li", "李雷"):
        (homes / student / term.DEFAULT_REPOSITORY / term.ASSIGNMENTS_FOLDER).mkdir(parents=True)
    handed, missing = term.hand_out_variants(issued / "students", homes)
    assert sorted(handed) == ["Bo Li", "ada", "李雷"] and len(missing) == len(ROSTER) - 3
    for student in handed:
        for chapter in CHAPTERS:
            mine = homes / student / term.VARIANTS_FOLDER / f"{chapter}.ipynb"
            assert mine.read_bytes() == (grading.student_folder(issued / "students", student)
                                         / f"{chapter}.ipynb").read_bytes()
    started = homes / "ada" / term.VARIANTS_FOLDER / f"{GRADED_CHAPTER}.ipynb"
    started.write_text(started.read_text(encoding="utf-8").replace("...", "1.0", 1), encoding="utf-8")
    term.hand_out_variants(issued / "students", homes)  # handing out again keeps a started notebook
    assert "1.0" in started.read_text(encoding="utf-8")
    found = term.collect(GRADED_CHAPTER, homes, tmp_path / "handed-in", root=ROOT)
    assert sorted(found.copied) == ["Bo Li", "ada", "李雷"]
    assert found.copied["ada"].read_bytes() == started.read_bytes()
    links = term.variant_links("https://hub.example.org/")
    assert links[GRADED_CHAPTER] == ("https://hub.example.org/hub/user-redirect/lab/tree/rut-edu-variants/"
                                     f"{GRADED_CHAPTER}.ipynb")


def test_bad_rosters_secrets_and_declarations_are_refused(tmp_path):
    roster = tmp_path / "roster.csv"
    for text, problem in (("", "holds no student id"), ("student\n", "holds no student id"),
                          ("ada\nbo\nada\n", "more than once"), ("ada\na/b\n", "cannot name a file"),
                          (".hidden\n", "cannot name a file")):
        roster.write_text(text, encoding="utf-8")
        with pytest.raises(ValueError, match=problem):
            variants.read_roster(roster)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        variants.read_roster(tmp_path / "nowhere.csv")
    with pytest.raises(ValueError, match="at least 16 bytes"):
        variants.seed(b"short", "a", "b")
    secret = tmp_path / "secret"
    made = variants.read_secret(secret, create=True)
    assert len(made) == 2 * variants.SECRET_BYTES and secret.stat().st_mode & 0o077 == 0
    assert variants.read_secret(secret) == made
    question = dict(_variant_questions(GRADED_CHAPTER)[0])
    public = {**question, "tests": [{"public": True, "code": "assert total_cap == expected['total_cap']"},
                                    *question["tests"][1:]]}
    with pytest.raises(ValueError, match="public check may not read `expected`"):
        variants.check_variant(public, "here")
    typed = {**question, "tests": [*question["tests"][:1], {"code": "assert abs(total_cap - 400e6) < 1"}]}
    with pytest.raises(ValueError, match="compares with `expected`"):
        variants.check_variant(typed, "here")
    unknown = {**question, "variant": {**question["variant"], "numbers": "price {prize}"}}
    with pytest.raises(ValueError, match=r"numbers names \['prize'\]"):
        variants.check_variant(unknown, "here")
    namespace = _namespace(GRADED_CHAPTER)
    never = {**question, "variant": {**question["variant"], "valid": "total_cap < 0"}}
    with pytest.raises(variants.DegenerateVariant, match="fails `total_cap < 0`"):  # the chapter's own numbers
        variants.draw(GRADED_CHAPTER, never, ["ada"], SECRET, namespace)
    chapters_numbers = "price == 40.0 and shares_millions == 10.0 and float_factor == 0.6"
    only_the_chapters = {**question, "variant": {**question["variant"], "valid": chapters_numbers}}
    with pytest.raises(variants.DegenerateVariant, match="no valid variant for 'ada'"):
        variants.draw(GRADED_CHAPTER, only_the_chapters, ["ada"], SECRET, namespace)
