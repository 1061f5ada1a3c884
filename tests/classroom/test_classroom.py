"""The classroom kit end to end: a learner notebook in a real JupyterLab, the grader on solved and blank
assignments, printed handouts, and a real JupyterHub that a student reaches through an nbgitpuller link.

Everything runs on 127.0.0.1; the browser aborts (and the tests fail on) any request that leaves the machine.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import jupyterlab_ui as ui
import nbformat
import pytest
from handing_in import filled_copy
from rut_book.editions import assignments, handouts, variants
from rut_book.editions import build as editions
from rut_book.servers import free_port, jupyterlab, stop, wait_for_http

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHAPTERS = editions.chapters(ROOT)
# Chapters driven in a browser: one with a slider widget each, the quickest to run.
LEARNER_CHAPTER = "02_cap_weighting"
HUB_CHAPTER = "03_small_caps_volatility"


# ---- the learner edition in plain JupyterLab ----

@pytest.fixture(scope="module")
def plain_jupyterlab(tmp_path_factory):
    """JupyterLab with jupyterlab-myst switched off, so markdown renders as in Colab or a bare install."""
    work = tmp_path_factory.mktemp("lab")
    config = work / "config"
    (config / "labconfig").mkdir(parents=True)
    (config / "labconfig" / "page_config.json").write_text(json.dumps({"disabledExtensions": {"jupyterlab-myst": True}}))
    notebooks = work / "notebooks"
    editions.build("learner", notebooks, ROOT)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(config)}
    with jupyterlab(notebooks, token="learner", env=env, extra_arguments=("--LabApp.extension_manager=readonly",)) as (
            _, url):
        yield url, notebooks


def test_learner_notebook_runs_in_plain_jupyterlab(plain_jupyterlab, browser):
    url, notebooks = plain_jupyterlab
    page = ui.open_page(browser, viewport={"width": 1280, "height": 900})
    offsite = ui.note_offsite(page)
    page.goto(f"{url}/lab/tree/{LEARNER_CHAPTER}.ipynb?token=learner")
    ui.wait_for_notebook(page)
    ui.run_all(page, timeout_s=600)
    assert ui.errors_shown(page) == []
    text = ui.rendered_markdown(page)
    assert len(text) > 5000, "the markdown cells rendered"
    assert not ui.RAW_MYST.search(text), ui.RAW_MYST.search(text)[0]
    # a glued number is in the prose, and no sentence has a hole where one should be
    assert "The index rose 2.25%" in text
    # currency stays text: the sentence is whole, no dollar pair was typeset as maths
    assert "a $10 billion company" in text.replace("\u00a0", " "), text[text.find("Ranking asks"):text.find("Ranking asks") + 300]
    before, after = ui.move_first_slider(page)
    assert before != after, "the widget answered the slider"
    assert offsite == [], offsite
    page.close()


# ---- autograded assignments ----

@pytest.fixture(scope="module")
def built_assignments(tmp_path_factory):
    out = tmp_path_factory.mktemp("assignments")
    return out, assignments.build(out, ROOT)


def question_scores(work: Path) -> dict[str, list[float]]:
    """``question -> [score, possible]`` from the results.json Otter wrote in ``work``."""
    by_question: dict[str, list[float]] = {}
    for test in json.loads((work / "results.json").read_text())["tests"]:
        if test.get("max_score") is not None:
            by_question[test["name"]] = [float(test["score"]), float(test["max_score"])]
    return by_question


def _copy_with(notebook: Path, out: Path, marker: str, old: str, new: str) -> Path:
    """``notebook`` with ``old`` replaced by ``new`` in the one code cell that contains ``marker``."""
    copy = json.loads(notebook.read_text())
    cells = [cell for cell in copy["cells"] if cell["cell_type"] == "code" and marker in "".join(cell["source"])]
    assert len(cells) == 1 and old in "".join(cells[0]["source"]), (notebook, marker)
    cells[0]["source"] = "".join(cells[0]["source"]).replace(old, new)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(copy))
    return out


def _questions(chapter: str) -> list[dict]:
    return assignments.project_questions() if chapter == assignments.PROJECT else assignments.load_spec(chapter)


def _dist(zips: list[Path], chapter: str) -> tuple[Path, Path]:
    """A chapter's autograder zip and its dist folder."""
    autograder = next(z for z in zips if z.parents[2].name == chapter)
    return autograder, autograder.parents[1]


@pytest.fixture(scope="module")
def graded(built_assignments, tmp_path_factory) -> dict[str, Path]:
    """Every chapter's solved copy, and two wrong answers, graded by Otter in one batch (grading.grade_submissions,
    what ``otter run`` does, with Otter imported once); the folder holding each one's results.json, by name."""
    from rut_book.editions import grading

    _out, zips = built_assignments
    work = tmp_path_factory.mktemp("graded")
    submissions = {}
    for chapter in assignments.assignment_names(ROOT):  # every chapter's, and the term project's
        autograder, dist = _dist(zips, chapter)
        solved = filled_copy(dist / "student" / f"{chapter}.ipynb", _questions(chapter),
                             work / chapter / f"{chapter}.ipynb")
        submissions[f"{chapter} solved"] = grading.Submission(autograder, solved, work / chapter / "solved")
    # one wrong level in chapter 7's solved pivots
    autograder, _dist_folder = _dist(zips, "07_range_trading")
    wrong = _copy_with(work / "07_range_trading" / "07_range_trading.ipynb",
                       work / "wrong-level" / "07_range_trading.ipynb",
                       "high, low, close", "2 * pivot - low", "2 * pivot - high + 1")
    submissions["07 one wrong level"] = grading.Submission(autograder, wrong, work / "wrong-level" / "graded")
    # fractions of the right size but the wrong values in chapter 3's student copy, every other question blank
    autograder, dist = _dist(zips, "03_small_caps_volatility")
    shaped = _copy_with(dist / "student" / "03_small_caps_volatility.ipynb",
                        work / "right-shape" / "03_small_caps_volatility.ipynb", "daily_sd = ...", "daily_sd = ...",
                        "daily_sd = 0.5")
    text = shaped.read_text()
    assert text.count("annual_vol = ...") == 1
    shaped.write_text(text.replace("annual_vol = ...", "annual_vol = 0.5"))
    submissions["03 right shape, wrong values"] = grading.Submission(autograder, shaped, work / "right-shape" / "graded")
    outcomes = grading.grade_submissions(list(submissions.values()), workers=2)
    assert [status for status, _reason, _notes in outcomes] == ["graded"] * len(submissions), outcomes
    return {name: Path(submission.out) for name, submission in submissions.items()}


def test_every_chapter_has_an_assignment_from_its_exercises(built_assignments):
    out, zips = built_assignments
    assert [z.parents[2].name for z in zips] == [*CHAPTERS, assignments.PROJECT]
    for chapter in CHAPTERS:
        student = (out / chapter / "dist" / "student" / f"{chapter}.ipynb").read_text()
        assert "# SOLUTION" not in student and "BEGIN SOLUTION" not in student
        assert student.count("## Exercise ") >= 3


def test_grader_gives_full_marks_to_every_solved_assignment(graded):
    for chapter in assignments.assignment_names(ROOT):
        scores = question_scores(graded[f"{chapter} solved"])
        assert scores and all(possible > 0 and score == possible for score, possible in scores.values()), (chapter,
                                                                                                           scores)


def test_a_submission_otter_cannot_grade_is_reported_with_its_log(tmp_path):
    from rut_book.editions import grading

    broken = tmp_path / "autograder.zip"
    broken.write_bytes(b"not a zip")
    notebook = tmp_path / "ada.ipynb"
    notebook.write_text("{}")
    [(status, reason, _notes)] = grading.grade_submissions([grading.Submission(broken, notebook, tmp_path / "ada")],
                                                            workers=1)
    assert status == "grader failed" and reason.startswith("Otter failed"), reason
    assert (tmp_path / "ada" / "otter.log").is_file()


def test_a_wrong_answer_loses_its_points(graded):
    """One wrong level in a solved notebook fails one of the question's three hidden checks: the 3 points are
    shared by the hidden checks only (the public format check is worth nothing), so the score drops by 1."""
    scores = question_scores(graded["07 one wrong level"])
    assert scores["pivots_by_hand"] == [2.0, 3.0], scores
    assert all(score == possible for name, (score, possible) in scores.items() if name != "pivots_by_hand"), scores


def test_a_wrong_answer_of_the_right_shape_scores_nothing(graded):
    """Format earns no points: fractions of the right size but the wrong values pass the public check and
    score 0 of the question's 2 points (they scored 1 of 2 when points were split over every check)."""
    work = graded["03 right shape, wrong values"]
    by_question = question_scores(work)
    assert by_question["hand_volatility"] == [0.0, 2.0], by_question
    # what goes back to the student names the failure but not the hidden check or its value
    from rut_book.editions import grading

    results = grading.read_results(work / "results.json")
    assert "0.0158113883" in json.dumps(results)  # Otter's own file would leak it
    note = grading.feedback(results)
    assert "hand_volatility: 0 of 2 points (1 hidden check of the value failed)" in note
    # the public checks' output (which students see in their notebook anyway) is there; no hidden check is
    hidden = [test["code"] for test in assignments.load_spec("03_small_caps_volatility")[0]["tests"]
              if not test.get("public")]
    assert hidden and all(line.strip() not in note for code in hidden for line in code.strip().splitlines())
    assert "0.0158113883" not in note and "0.2509" not in note
    # the other questions are blank in this copy: nothing scores
    assert grading.grade_table([grading.Outcome("student-a", "graded", results=results)]).splitlines() == [
        "student,status,hand_volatility,weekly_dimson,capture_since_2010,total,possible,reason",
        "student-a,graded,0,0,0,0,6,"]


def _answer_names(question: dict) -> set[str]:
    """The names a question's solution assigns: the student's answers."""
    import ast

    return {target.id for line in question["solution"].strip().splitlines()
            for node in ast.walk(ast.parse(line)) if isinstance(node, ast.Assign)
            for target in ast.walk(node.targets[0]) if isinstance(target, ast.Name)}


def _question_namespace(chapter: str, question: dict) -> dict:
    """What a student's notebook holds when it reaches the question: the chapter's imports, a variant
    question's parameters (the chapter's numbers), then its setup; and, as each hidden check opens with it,
    ``expected``: the parameters and the answers the solution computes from them."""
    namespace = variants.chapter_namespace(assignments.chapter_imports(chapter, ROOT))
    if variants.is_variant(question):
        parameters = variants.defaults(question, namespace)
        found = variants.answers(question, parameters, namespace)
        namespace.update(parameters, expected={**parameters, **found})
    exec(question.get("setup", ""), namespace)
    return namespace


def test_every_check_fails_on_a_blank_answer():
    """A blank student copy (every answer `...`) fails every check of every graded question: no public check
    says "All test cases passed!" on an empty notebook, and no hidden check (where the points are) scores.
    Otter grades a blank notebook end to end in ``test_grader_gives_full_marks_to_solutions_and_none_to_blanks``."""
    checked = public = 0
    for chapter in CHAPTERS:
        for question in assignments.load_spec(chapter):
            namespace = _question_namespace(chapter, question)
            namespace.update(dict.fromkeys(_answer_names(question), ...))
            for test in question["tests"]:
                with pytest.raises((AssertionError, TypeError, AttributeError, ValueError)):
                    exec(test["code"], dict(namespace))
                checked += 1
                public += bool(test.get("public"))
    assert public >= 10 and checked > public
    # the term project's questions share one notebook: its setup, then every answer blank
    namespace: dict = {}
    exec("import numpy as np\nimport pandas as pd\n" + assignments.load_project()["setup"], namespace)
    questions = assignments.project_questions()
    for question in questions:
        namespace.update(dict.fromkeys(_answer_names(question), ...))
    for question in questions:
        for test in question["tests"]:
            with pytest.raises((AssertionError, TypeError, AttributeError, ValueError)):
                exec(test["code"], dict(namespace))


def test_every_graded_solution_passes_its_own_checks():
    """Without Otter: the chapter's imports, the question's setup and solution, then every check, public and
    hidden, must pass (the Otter tests grade the same notebooks end to end)."""
    for chapter in CHAPTERS:
        for question in assignments.load_spec(chapter):
            namespace = _question_namespace(chapter, question)
            exec(question["solution"], namespace)
            for test in question["tests"]:
                exec(test["code"], namespace)
    namespace = {}
    exec("import numpy as np\nimport pandas as pd\n" + assignments.load_project()["setup"], namespace)
    for question in assignments.project_questions():  # in order: a part builds on the one before
        exec(question["solution"], namespace)
        for test in question["tests"]:
            exec(test["code"], dict(namespace))
    # a look-ahead is caught: calls made from the day's own close change when later closes are taken away
    namespace["momentum_calls"] = lambda close, lookback: (close / close.shift(lookback) - 1).dropna() > 0
    namespace["calls"] = namespace["momentum_calls"](namespace["close"], 20)
    look_ahead = assignments.project_questions()[0]["tests"][2]["code"]
    with pytest.raises(AssertionError):
        exec(look_ahead, dict(namespace))


def test_assignment_specs_are_checked(tmp_path):
    with pytest.raises(ValueError, match="one whole statement per line"):
        assignments._solution_lines("x = f(\n    1)")
    bad = tmp_path  # written only under the test's own folder
    checks = "    tests: [{public: true, code: 'assert x > 0'}, {code: 'assert x == 1'}]\n"
    (bad / "02_cap_weighting.yml").write_text("questions:\n  - exercise: 9\n    name: q\n    points: 1\n"
                                               "    ask: a\n    solution: x = 1\n" + checks)
    with pytest.raises(ValueError, match="exercise 9 does not exist"):
        assignments.master_notebook("02_cap_weighting", ROOT, bad)
    (bad / "02_cap_weighting.yml").write_text("questions:\n  - exercise: 1\n    name: q\n    points: 0\n"
                                               "    ask: a\n    solution: x = 1\n" + checks)
    with pytest.raises(ValueError, match="points must be positive"):
        assignments.load_spec("02_cap_weighting", bad)
    twice = ("questions:\n" + "".join(f"  - exercise: {n}\n    name: q{n}\n    points: 1\n    ask: a\n"
                                       f"    solution: x = {n}\n" + checks for n in (1, 2)))
    (bad / "02_cap_weighting.yml").write_text(twice)
    with pytest.raises(ValueError, match="q2 and q1 both answer in `x`"):
        assignments.load_spec("02_cap_weighting", bad)
    for only in ("[{public: true, code: 'assert x > 0'}]", "[{code: 'assert x == 1'}]"):
        (bad / "02_cap_weighting.yml").write_text("questions:\n  - exercise: 1\n    name: q\n    points: 1\n"
                                                   f"    ask: a\n    solution: x = 1\n    tests: {only}\n")
        with pytest.raises(ValueError, match="at least one public check of the format"):
            assignments.load_spec("02_cap_weighting", bad)


# ---- printed handouts ----

def _first_page_text(pdf: Path) -> str:
    from pypdf import PdfReader

    return PdfReader(str(pdf)).pages[0].extract_text()


def test_handouts_start_with_the_chapter_title(built_site, student_site_html, browser, tmp_path):
    student_html = student_site_html
    # The teacher's handouts through the command make handouts runs (its own Chromium, in its own process:
    # a second Playwright cannot start in this one while the shared browser is open); the student's
    # through the shared browser.
    subprocess.run([sys.executable, "-m", "rut_book.editions", "handouts", "--site", str(built_site),
                    "--out", str(tmp_path)], check=True, cwd=ROOT, timeout=300)
    key = tmp_path / "quiz-answer-key.pdf"
    teacher = sorted(set(tmp_path.glob("*.pdf")) - {key})
    student = handouts.build(student_html, tmp_path, student=True, root=ROOT, browser=browser)
    assert len(teacher) == len(student) == len(CHAPTERS)
    assert not any("answer-key" in path.name for path in student), "no answer key for students"
    titles = editions._page_titles(ROOT)
    course = " ".join(handouts.course_title(ROOT).split())
    for path in teacher + student:
        chapter = path.stem.removesuffix("-student")
        first = " ".join(_first_page_text(path).split())
        title = " ".join(titles[f"notebooks/{chapter}"].split())
        # every page: the course and the chapter at the top, the page number at the foot; then the chapter's title
        assert first.startswith(title), (path.name, first[:160])
        assert re.search(rf"{re.escape(course)} {re.escape(title)} page 1 of \d+$", first), (path.name, first[-200:])
    # the answer key lists every quiz's right answers (chapter 7: the classic S1 pivot of a 110/100/108 day)
    from pypdf import PdfReader

    key_text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(key)).pages).split())
    assert "quiz answer key" in key_text and "What is today's classic S1 pivot? Answer: 102" in key_text
    from pypdf import PdfReader

    # the teacher's handout prints the solutions, opened; the student's has none
    chapter = "02_cap_weighting"
    teacher_text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(tmp_path / f"{chapter}.pdf")).pages).split())
    student_text = " ".join(" ".join(p.extract_text() for p in PdfReader(
        str(tmp_path / f"{chapter}-student.pdf")).pages).split())
    assert "2,242,915.0" in teacher_text and "2,242,915.0" not in student_text
    # a widget prints neither its code nor its snapshot (its static figure follows it on the page)
    assert "cap_weighting_explorer(" not in teacher_text and "cap_weighting_explorer(" not in student_text
    assert len(re.findall(r"Exercise \d+", student_text)) >= 3


# ---- a real JupyterHub ----

@pytest.fixture(scope="module")
def student_repository(tmp_path_factory):
    """The student edition as a git repository, built the way `make hub` builds it for a rehearsal."""
    from rut_book.editions import rehearsal

    return rehearsal.student_repository(tmp_path_factory.mktemp("rehearsal") / "rut-edu-student", ROOT)


@pytest.fixture(scope="module")
def jupyterhub(tmp_path_factory):
    proxy = ROOT / "classroom" / "node_modules" / ".bin" / "configurable-http-proxy"
    if not proxy.is_file():
        pytest.fail("configurable-http-proxy is missing: run make hub-setup (make test does it)")
    state = tmp_path_factory.mktemp("hub")
    log = (state / "hub.log").open("w")
    # The hub needs three ports in a row (the proxy's, its own, the proxy's API). They are free when chosen, but
    # on a busy machine another process (a kernel, a server of another test) may take one before the hub binds
    # it; the hub then ends, and starts again on three other ports.
    for _attempt in range(3):
        port = free_port()
        while any(_port_busy(port + k) for k in (1, 2)):
            port = free_port()
        env = {**os.environ, "RUT_HUB_STATE": str(state), "RUT_HUB_PORT": str(port), "RUT_HUB_PASSWORD": "class-test"}
        hub = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(ROOT / "classroom" / "jupyterhub_config.py")],
                               cwd=state, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for_http(f"http://127.0.0.1:{port}/hub/login", timeout_s=300, process=hub)
            break
        except RuntimeError:
            stop(hub)
            _stop_orphaned_proxy(state, port)
            if "Address already in use" not in (state / "hub.log").read_text():
                raise
    else:
        pytest.fail(f"the hub found no free ports in three tries: see {state / 'hub.log'}")
    try:
        yield f"http://127.0.0.1:{port}", state
    finally:
        stop(hub)
        # The single-user servers are the hub's children; none may outlive the test. Only this hub's: a
        # server runs in a home folder under this test's state folder (another hub on the machine, say a
        # teacher's `make hub`, is left alone).
        for pid in _servers_under(state):
            os.kill(pid, signal.SIGKILL)
        log.close()


def _stop_orphaned_proxy(state: Path, port: int) -> None:
    """End the proxy a failed hub started: the proxy runs in its own session, and a hub that ends on an error
    (a port taken) leaves it running. It is found by the id the hub wrote, and only if it serves ``port``."""
    try:
        pid = int((state / "proxy.pid").read_text().strip())
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except (OSError, ValueError):  # no proxy was started, or it has ended
        return
    if any(part.endswith(b"configurable-http-proxy") for part in command) and f"{port}".encode() in command:
        os.kill(pid, signal.SIGTERM)


def _servers_under(state: Path) -> list[int]:
    """Process ids of single-user servers whose working folder lies inside ``state``."""
    found = subprocess.run(["pgrep", "-f", str(BIN / "jupyterhub-singleuser")], capture_output=True, text=True)
    ours = []
    for pid in map(int, found.stdout.split()):
        try:
            cwd = Path(os.readlink(f"/proc/{pid}/cwd"))
        except OSError:  # ended meanwhile
            continue
        if cwd == state or state in cwd.parents:
            ours.append(pid)
    return ours


def _port_busy(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_student_reaches_a_chapter_through_the_hub(jupyterhub, student_repository, browser):
    url, state = jupyterhub
    page = ui.open_page(browser, viewport={"width": 1280, "height": 900})
    offsite = ui.note_offsite(page)
    page.goto(f"{url}/hub/login")
    page.fill("input[name=username]", "student1")
    page.fill("input[name=password]", "class-test")
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_load_state()
    from rut_book.editions import rehearsal

    page.goto(rehearsal.links(student_repository, url, ROOT)[HUB_CHAPTER])  # the link make hub prints
    ui.wait_for_notebook(page, timeout_s=300)
    pulled = state / "home" / "student1" / student_repository.name
    assert sorted(p.name for p in pulled.glob("*.ipynb")) == sorted(f"{c}.ipynb" for c in CHAPTERS)
    ui.run_all(page, timeout_s=600)
    assert ui.errors_shown(page) == []
    assert "Solutions" not in ui.rendered_markdown(page)
    # the hub switched JupyterLab's news prompt off for every student
    assert "notified about official Jupyter news" not in page.inner_text("body")
    before, after = ui.move_first_slider(page)
    assert before != after, "the widget answered the slider"
    # The student's server dies (a crash, a memory limit): the guide's recovery keeps their files. The hub
    # notices (it polls its servers), its home page offers to start the server, and the same link opens the
    # chapter again with the student's own work in place.
    work = pulled / "my-notes.txt"
    work.write_text("the student's own work")
    for pid in _servers_under(state):
        os.kill(pid, signal.SIGKILL)
    page.goto(f"{url}/hub/home")
    start = page.locator("#start")
    deadline = time.monotonic() + 300
    while "Start" not in start.inner_text():  # the page shows what the hub knew when it was drawn
        assert time.monotonic() < deadline, "the hub never noticed that the student's server had died"
        page.reload()
    start.click()
    page.wait_for_url(re.compile(r"/user/student1/"), timeout=300_000)
    page.goto(rehearsal.links(student_repository, url, ROOT)[HUB_CHAPTER])
    ui.wait_for_notebook(page, timeout_s=300)
    assert work.read_text() == "the student's own work"
    assert offsite == [], offsite
    page.close()


def test_the_guide_names_exactly_the_graded_exercises_and_a_rubric_for_the_rest():
    guide = (ROOT / "book" / "teachers-guide.md").read_text()
    stated = re.search(r"Otter grades (\d+) of the (\d+) exercises: ([\d, and]+), every", guide)
    graded = sorted(q["exercise"] for chapter in CHAPTERS for q in assignments.load_spec(chapter))
    total = sum(editions.exercise_offset(c, ROOT) for c in CHAPTERS[-1:]) + len(
        assignments.exercise_texts(editions.convert_notebook(
            nbformat.read(ROOT / "notebooks" / f"{CHAPTERS[-1]}.ipynb", as_version=4), CHAPTERS[-1],
            editions.EditionsConfig.load(ROOT), "learner", ROOT)))
    assert stated and int(stated[1]) == len(graded) and int(stated[2]) == total
    assert [int(n) for n in re.findall(r"\d+", stated[3])] == graded
    rubric = [int(n) for n in re.findall(r"^\| (\d+): ", guide, re.M)]
    assert sorted(rubric + graded) == list(range(1, total + 1)), "every ungraded exercise has a rubric row"


# ---- hub sizing, from measurement ----

def test_sizing_covers_every_chapter_and_the_guide_computes_from_it(tmp_path):
    from rut_book import sizing_directive
    from rut_book.editions import sizing

    data = sizing.load()
    assert [row["chapter"] for row in data["chapters"]] == sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
    # worked by hand on a made-up measurement: 100 MB server, 300 MB heaviest kernel, 6 s CPU at most
    made_up = {"measured_on": "2026-01-01", "machine": "test", "jupyterlab_server_mb": 100,
               "chapters": [{"chapter": "a", "seconds": 5.0, "cpu_seconds": 6.0, "peak_mb": 300},
                            {"chapter": "b", "seconds": 2.0, "cpu_seconds": 1.0, "peak_mb": 150}]}
    assert sizing.per_student_mb(made_up) == pytest.approx(1.25 * 400)
    assert sizing.cores_for_class(made_up, 100, 10) == pytest.approx(100 * 6 / 600)
    text = "\n".join(sizing_directive.sizing_lines(made_up))
    assert "about 500 MB" in text and "| 100 | 49 | 1 |" in text and "| 300 | 146 | 3 |" in text
    broken = tmp_path / "sizing.json"
    broken.write_text('{"measured_on": "x", "machine": "y", "jupyterlab_server_mb": 1, '
                      '"chapters": [{"chapter": "a", "seconds": 0, "cpu_seconds": 1, "peak_mb": 1}]}')
    with pytest.raises(ValueError, match="chapter 'a' lacks a positive measurement"):
        sizing.load(broken)


def test_measuring_a_chapter_reads_the_kernel_it_started():
    from rut_book.editions import sizing

    row = sizing.measure_chapter(ROOT / "tests" / "fixtures" / "stored_output.ipynb")
    assert row["chapter"] == "stored_output" and row["peak_mb"] > 20 and row["seconds"] >= 0


def test_the_project_spec_is_checked(tmp_path):
    good = assignments.load_project()
    assert [q["name"] for q in assignments.project_questions()] == ["calls_no_look_ahead", "hit_and_base_rate",
                                                                     "hit_interval"]
    assert sum(1 for part in good["parts"] if "open" in part) == 3
    spec = tmp_path / "term_project.yml"
    spec.write_text("title: t\nsetup: x = 1\nparts:\n  - open: a\n")
    with pytest.raises(ValueError, match="at least one graded question"):
        assignments.load_project(spec)
    spec.write_text("title: t\nsetup: x = 1\nparts:\n  - text: a\n")
    with pytest.raises(ValueError, match="part 1: a part is either `open`"):
        assignments.load_project(spec)
    spec.write_text("title: t\nparts: []\n")
    with pytest.raises(ValueError, match="needs title, setup and parts"):
        assignments.load_project(spec)
    spec.write_text("title: t\nsetup: x = 1\nparts:\n  - text: a\n    question: {name: q, points: 1, ask: a, "
                    "solution: x = 1, tests: [{code: 'assert x'}]}\n")
    with pytest.raises(ValueError, match="at least one public check"):
        assignments.load_project(spec)
    # the grade table and collect know the project as an assignment
    from rut_book.editions import term

    assert assignments.question_order(assignments.PROJECT) == ["calls_no_look_ahead", "hit_and_base_rate",
                                                                "hit_interval"]
    with pytest.raises(ValueError, match="unknown assignment 'no_such'"):
        term.collect("no_such", tmp_path, tmp_path / "out")


def test_each_students_link_opens_their_own_numbers_on_the_hub(jupyterhub, tmp_path, browser):
    """The guide's hand-out: each student's variants go into their hub folder, and the one link per chapter opens,
    for whoever is logged in, their own copy."""
    from rut_book.editions import term, variants

    url, state = jupyterhub
    roster = tmp_path / "roster.csv"
    roster.write_text("student\nvariant-a\nvariant-b\n", encoding="utf-8")
    issued = tmp_path / "variants"
    variants.build_class(roster, issued, b"a course secret for the hub test", ROOT, only=(HUB_CHAPTER,))
    page = ui.open_page(browser, viewport={"width": 1280, "height": 900})
    offsite = ui.note_offsite(page)
    for student in ("variant-a", "variant-b"):
        page.goto(f"{url}/hub/logout")
        page.goto(f"{url}/hub/login")
        page.fill("input[name=username]", student)
        page.fill("input[name=password]", "class-test")
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_url(re.compile(rf"/user/{student}/"), timeout=300_000)  # the server started: a home folder
        handed, _missing = term.hand_out_variants(issued / "students", state / "home")
        assert student in handed
        page.goto(term.variant_links(url, ROOT)[HUB_CHAPTER])
        ui.wait_for_notebook(page, timeout_s=300)
        assert page.url.split("?")[0].endswith(f"/user/{student}/lab/tree/rut-edu-variants/{HUB_CHAPTER}.ipynb")
        shown = page.inner_text("body")
        assert f"This copy was issued to {student}" in shown
        mine = nbformat.read(issued / "students" / student / f"{HUB_CHAPTER}.ipynb", as_version=4)
        numbers = next(cell.source for cell in mine.cells if cell.source.startswith("# Your numbers"))
        assert numbers.splitlines()[1] in shown
    assert offsite == [], offsite
    page.close()
