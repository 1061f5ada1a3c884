"""A class hands in everything: the guide's grading commands, run as the guide prints them, on a folder of
submissions of every kind a real class produces. No submission may cost another student their grade.

The commands are read from the teacher's guide and run in a scratch folder laid out as the project is
(``.venv/bin/rut-book`` and ``_build/assignments`` point at this run's), so a command that drifts from the
guide, or a guide that drifts from the command, fails here.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import psutil
import pytest
from rut_book.editions import assignments, grading
from rut_book.editions.__main__ import parser

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "book" / "teachers-guide.md"
CHAPTER = "03_small_caps_volatility"
# a sleep no other process on the machine runs: what a submission starts must not outlive its grading
ORPHAN_SECONDS = 987654


def guide_commands() -> list[str]:
    """Every command in the guide's ```bash blocks, in order."""
    blocks = re.findall(r"```bash\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_every_classroom_command_in_the_guide_is_one_the_tools_accept():
    """Each ``rut-book`` command the guide prints parses with the command's own parser, and each ``make``
    target it names exists (the grading ones are also run, below)."""
    commands = guide_commands()
    assert any(c.startswith(".venv/bin/rut-book grade ") for c in commands), commands
    targets = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(), flags=re.M))
    for command in commands:
        words = shlex.split(command)
        if words[0] == ".venv/bin/rut-book":
            parser().parse_args(words[1:])
        elif words[0] == "make":
            assert all(w in targets or "=" in w for w in words[1:]), command
        else:
            assert words[0] in {"git", "cp", "mkdir", "rsync", "cd", "python3", "ls"}, command


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A scratch folder laid out as the project: the installed command and this run's assignments."""
    work = tmp_path_factory.mktemp("term")
    (work / ".venv" / "bin").mkdir(parents=True)
    (work / ".venv" / "bin" / "rut-book").symlink_to(Path(sys.executable).parent / "rut-book")
    (work / "_build").mkdir()
    assignments.build(work / "_build" / "assignments", ROOT)
    return work


def _dist(project: Path) -> Path:
    return project / "_build" / "assignments" / CHAPTER / "dist"


def _edited(source: Path, out: Path, edit) -> None:
    notebook = nbformat.read(source, as_version=4)
    edit(notebook)
    nbformat.write(notebook, out)


def _insert(code: str, before: str):
    """Insert a code cell before the first cell whose source contains ``before``."""
    def edit(notebook):
        at = next(k for k, cell in enumerate(notebook.cells) if before in cell.source)
        notebook.cells.insert(at, nbformat.v4.new_code_cell(code))
    return edit


def _drop(containing: str, offset: int = 0):
    def edit(notebook):
        at = next(k for k, cell in enumerate(notebook.cells) if containing in cell.source)
        del notebook.cells[at + offset]
    return edit


# student -> (status, what the reason or notes say); the class a teacher meets, every kind at once
EXPECTED = {
    "ada": ("graded", ""),
    "Zoë O'Brien, Jr.": ("graded", ""),
    "blank": ("graded", "raised TypeError"),
    "percent": ("graded", ""),
    "raises": ("graded", "the cell starting `1 / 0` raised ZeroDivisionError"),
    "no-check": ("graded", 'grader.check("weekly_dimson")) is missing'),
    "no-answer": ("graded", ""),
    "spawner": ("graded", ""),
    "cut-short": ("not a notebook", "not valid JSON"),
    "empty": ("not a notebook", "is empty"),
    "essay": ("not a notebook", "essay.pdf"),
    "a-list": ("not a notebook", "JSON but not a notebook"),
    "other-chapter": ("wrong assignment", "the notebook of 04_reconstitution"),
    "exits": ("kernel died", "kernel died"),
    "kills-the-grader": ("kernel died", "killed (signal 9)"),
}


@pytest.fixture(scope="module")
def handed_in(project) -> Path:
    dist = _dist(project)
    solved = dist / "autograder" / f"{CHAPTER}.ipynb"
    blank = dist / "student" / f"{CHAPTER}.ipynb"
    folder = project / "handed-in"
    folder.mkdir()
    shutil.copy(solved, folder / "ada.ipynb")
    shutil.copy(solved, folder / "Zoë O'Brien, Jr..ipynb")
    shutil.copy(blank, folder / "blank.ipynb")
    text = blank.read_text()
    (folder / "percent.ipynb").write_text(text.replace("daily_sd = ...", "daily_sd = 1.58").replace(
        "annual_vol = ...", "annual_vol = 25.1"))
    (folder / "cut-short.ipynb").write_text(solved.read_text()[:-200])
    (folder / "empty.ipynb").write_text("")
    (folder / "essay.pdf").write_bytes(b"%PDF-1.4 an essay, not a notebook")
    (folder / "a-list.ipynb").write_text("[1, 2, 3]")
    shutil.copy(project / "_build" / "assignments" / "04_reconstitution" / "dist" / "student" / "04_reconstitution.ipynb",
                folder / "other-chapter.ipynb")
    check = 'grader.check("weekly_dimson")'
    _edited(solved, folder / "raises.ipynb", _insert("1 / 0", check))
    _edited(solved, folder / "no-check.ipynb", _drop(check))
    _edited(solved, folder / "no-answer.ipynb", _drop('grader.check("hand_volatility")', offset=-1))
    _edited(solved, folder / "spawner.ipynb", _insert(f"import subprocess\nsubprocess.Popen(['sleep', '{ORPHAN_SECONDS}'])",
                                                      check))
    _edited(solved, folder / "exits.ipynb", _insert("import os\nos._exit(1)", check))
    _edited(solved, folder / "kills-the-grader.ipynb",
            _insert("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)", check))
    (folder / ".DS_Store").write_bytes(b"\0")  # what a Mac leaves: not a student
    (folder / ".ipynb_checkpoints").mkdir()
    return folder


def _run(command: str, cwd: Path, *, temporary: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``command`` as a shell would; with ``temporary``, that folder is its machine's temporary folder."""
    env = {**os.environ, "TMPDIR": str(temporary)} if temporary else None
    return subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, text=True, timeout=1800, env=env)


@contextlib.contextmanager
def _own_temporary():
    """An empty folder to serve as a grading's temporary folder, removed afterwards. It sits in the machine's
    temporary folder, not under pytest's: a Unix socket's path (the kernel's, multiprocessing's) holds about 100
    bytes, which a worker's tmp_path with a socket's name below it passes."""
    folder = Path(tempfile.mkdtemp(prefix="rut-t-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def class_temporary():
    with _own_temporary() as folder:
        yield folder


@pytest.fixture
def grading_temporary():
    with _own_temporary() as folder:
        yield folder


@pytest.fixture(scope="module")
def graded_class(project, handed_in, class_temporary) -> Path:
    """The class graded by the guide's command, with a temporary folder of its own (class_temporary)."""
    command = next(c for c in guide_commands() if c.startswith(".venv/bin/rut-book grade "))
    result = _run(command, project, temporary=class_temporary)
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"{len(EXPECTED)} submissions" in result.stdout, result.stdout
    return project / "grades"


def _rows(table: Path) -> dict[str, dict[str, str]]:
    with open(table, newline="", encoding="utf-8") as stream:
        return {row["student"]: row for row in csv.DictReader(stream)}


def test_every_student_gets_a_row_with_a_status_and_a_reason(graded_class):
    rows = _rows(graded_class / "grades.csv")
    assert set(rows) == set(EXPECTED)  # the hidden files are no student; the PDF is essay's submission
    for student, (status, said) in EXPECTED.items():
        assert rows[student]["status"] == status and said in rows[student]["reason"], (student, rows[student])
    # columns in the assignment's order (Otter lists questions by name), then the total and the points possible
    with open(graded_class / "grades.csv", encoding="utf-8") as stream:
        header = stream.readline().strip().split(",")
    assert header == ["student", "status", "hand_volatility", "weekly_dimson", "capture_since_2010", "total",
                      "possible", "reason"]
    assert rows["ada"]["total"] == rows["ada"]["possible"] == "6"
    assert rows["Zoë O'Brien, Jr."]["total"] == "6"  # any characters, quoted where CSV needs it
    assert rows["blank"]["total"] == rows["percent"]["total"] == "0"
    assert rows["raises"]["total"] == "6" and rows["spawner"]["total"] == "6"
    assert rows["no-answer"]["hand_volatility"] == "0" and rows["no-answer"]["weekly_dimson"] == "2"
    for student in ("empty", "exits", "other-chapter"):
        assert rows[student]["total"] == "" and rows[student]["possible"] == "6"


def test_each_student_has_feedback_in_their_own_folder(graded_class):
    for student, (status, _said) in EXPECTED.items():
        told = (graded_class / student / "feedback.txt").read_text(encoding="utf-8")
        if status == "graded":
            assert "Total: " in told, student
        else:
            assert told.startswith("Your submission could not be graded") and grading.STATUSES[status] in told, student
        assert "0.0158114" not in told  # never a hidden check's value
    percent = (graded_class / "percent" / "feedback.txt").read_text()
    # the format check failed too: only the hidden check of the value is counted as hidden
    assert "hand_volatility: 0 of 2 points (1 hidden check of the value failed)" in percent
    assert "give the standard deviation as a fraction" in percent  # the public check says what to fix


def test_nothing_a_submission_started_outlives_its_grading(graded_class, class_temporary):
    left = [p.info["pid"] for p in psutil.process_iter(["pid", "cmdline"])
            if p.info["cmdline"] and p.info["cmdline"][:2] == ["sleep", str(ORPHAN_SECONDS)]]
    assert left == []
    # nor any temporary file, of the submission that killed its grader ("kills-the-grader") either: Otter's copy
    # of the autograder and the kernel's sockets were left in the machine's temporary folder, one set a class
    assert sorted(path.name for path in class_temporary.iterdir()) == []


def test_the_table_is_rebuilt_from_the_folders_as_the_guide_says(graded_class, project):
    before = (graded_class / "grades.csv").read_text(encoding="utf-8")
    (graded_class / "grades.csv").unlink()
    command = next(c for c in guide_commands() if c.startswith(".venv/bin/rut-book grades "))
    result = _run(command, project)
    assert result.returncode == 0, result.stderr
    assert (graded_class / "grades.csv").read_text(encoding="utf-8") == before


def test_cells_and_notebooks_past_their_limits(project, tmp_path, grading_temporary):
    """A cell past the per-cell limit is stopped and the rest still graded; a notebook that ignores the
    interrupt is stopped at the whole-notebook limit, and the others are graded all the same."""
    dist = _dist(project)
    blank = dist / "student" / f"{CHAPTER}.ipynb"
    folder = tmp_path / "slow"
    folder.mkdir()
    check = 'grader.check("hand_volatility")'
    _edited(blank, folder / "sleeper.ipynb", _insert("import time\ntime.sleep(100000)", check))
    _edited(blank, folder / "looper.ipynb", _insert("while True:\n    pass", check))
    _edited(blank, folder / "stubborn.ipynb", _insert(
        "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\ntime.sleep(100000)", check))
    stubborn = tmp_path / "stubborn"
    stubborn.mkdir()
    (folder / "stubborn.ipynb").rename(stubborn / "stubborn.ipynb")
    autograder = next((dist / "autograder").glob("*.zip"))

    temporary = grading_temporary

    def grade(submissions: Path, results: Path, timeout: int) -> subprocess.Popen:
        return subprocess.Popen([str(Path(sys.executable).parent / "rut-book"), "grade", str(autograder),
                                 str(submissions), str(results), "--workers", "2", "--timeout", str(timeout),
                                 "--cell-timeout", "3"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "TMPDIR": str(temporary)})

    # The two that must be graded get a notebook limit that a slow machine cannot reach; the stubborn one, whose
    # only possible end is the notebook limit, a short one (however slow its start, it ends at the limit), at once
    graded, stopped = grade(folder, tmp_path / "grades", 300), grade(stubborn, tmp_path / "stopped", 15)
    for run in (graded, stopped):
        _, stderr = run.communicate(timeout=900)
        assert run.returncode == 0, stderr[-3000:]
    rows = _rows(tmp_path / "grades" / "grades.csv")
    assert rows["sleeper"]["status"] == rows["looper"]["status"] == "graded"
    assert "the cell starting `import time` ran past 3 s and was stopped" in rows["sleeper"]["reason"]
    assert "the cell starting `while True:` ran past 3 s and was stopped" in rows["looper"]["reason"]
    stubborn_row = _rows(tmp_path / "stopped" / "grades.csv")["stubborn"]
    assert stubborn_row["status"] == "time limit" and "15 s" in stubborn_row["reason"]
    assert "ran past 3 s" in (tmp_path / "grades" / "looper" / "feedback.txt").read_text()
    assert sorted(path.name for path in temporary.iterdir()) == []  # the stopped one's files were removed too


def test_a_week_on_the_hub_as_the_guide_prints_it(project, tmp_path):
    """Collect an assignment from the students' hub folders, grade it, return the feedback: the guide's three
    commands, as printed, in a folder laid out as the project with the rehearsal hub's home folders."""
    week = tmp_path / "week"
    week.mkdir()
    (week / ".venv").symlink_to(project / ".venv")
    (week / "_build" / "hub" / "home").mkdir(parents=True)
    (week / "_build" / "assignments").symlink_to(project / "_build" / "assignments")
    dist = _dist(project)
    homes = week / "_build" / "hub" / "home"
    for student, source in (("ada", dist / "autograder"), ("bo", dist / "student")):
        folder = homes / student / "rut-edu-student" / "assignments"
        folder.mkdir(parents=True)
        shutil.copy(source / f"{CHAPTER}.ipynb", folder / f"{CHAPTER}.ipynb")
    (homes / "cy" / "rut-edu-student").mkdir(parents=True)  # pulled the chapters, never opened the assignment
    commands = guide_commands()
    collect = next(c for c in commands if c.startswith(".venv/bin/rut-book collect "))
    result = _run(collect, week)
    assert result.returncode == 0 and "collected 2 notebooks" in result.stdout and "cy" in result.stdout, result
    assert sorted(p.name for p in (week / "handed-in").iterdir()) == ["ada.ipynb", "bo.ipynb"]
    grade = next(c for c in commands if c.startswith(".venv/bin/rut-book grade "))
    assert _run(grade, week).returncode == 0
    give_back = next(c for c in commands if c.startswith(".venv/bin/rut-book return "))
    result = _run(give_back, week)
    assert result.returncode == 0 and "feedback returned to 2 students" in result.stdout, result
    for student, total in (("ada", "Total: 6 of 6 points"), ("bo", "Total: 0 of 6 points")):
        returned = homes / student / "feedback" / f"{CHAPTER}.txt"
        assert total in returned.read_text(), student
    assert not (homes / "cy" / "feedback").exists()
    assert not list(homes.rglob("results.json"))  # Otter's file, with the hidden checks, never goes back


def test_the_littlest_jupyterhubs_home_folders_are_read_by_user_name(tmp_path, capsys):
    """The Littlest JupyterHub keeps each student in /home/jupyter-<user>, beside the server's own accounts:
    with --home-prefix jupyter-, collect, return and the variants' hand-out name every student by their user name
    and leave the other folders alone."""
    from rut_book.editions import term
    from rut_book.editions.__main__ import main

    homes = tmp_path / "home"
    for folder in ("ubuntu", "jupyter-ada", "jupyter-bo", "jupyter-cy", "jupyter-", ".jupyter-hidden"):
        (homes / folder).mkdir(parents=True)
    for student in ("ada", "bo", "ubuntu"):  # the admin's own folder holds an assignment too: not a student's
        notebook = homes / ("ubuntu" if student == "ubuntu" else f"jupyter-{student}") / "rut-edu-student"
        (notebook / "assignments").mkdir(parents=True)
        (notebook / "assignments" / f"{CHAPTER}.ipynb").write_text(f"{{\"by\": \"{student}\"}}")
    assert list(term.hub_homes(homes, home_prefix=term.TLJH_HOME_PREFIX)) == ["ada", "bo", "cy"]
    assert main(["collect", CHAPTER, str(homes), str(tmp_path / "handed-in"), "--home-prefix", "jupyter-"]) == 0
    assert "collected 2 notebooks" in capsys.readouterr().out
    assert sorted(p.name for p in (tmp_path / "handed-in").iterdir()) == ["ada.ipynb", "bo.ipynb"]
    assert (tmp_path / "handed-in" / "bo.ipynb").read_text() == '{"by": "bo"}'
    found = term.collect(CHAPTER, homes, tmp_path / "again", home_prefix="jupyter-")
    assert found.missing == ("cy",)
    results = tmp_path / "grades"
    for student in ("ada", "bo", "zed"):  # zed handed in by e-mail: no hub folder to return it to
        (results / student).mkdir(parents=True)
        (results / student / "feedback.txt").write_text(f"feedback for {student}")
    assert main(["return", CHAPTER, str(results), str(homes), "--home-prefix", "jupyter-"]) == 0
    assert "feedback returned to 2 students" in capsys.readouterr().out
    assert (homes / "jupyter-ada" / "feedback" / f"{CHAPTER}.txt").read_text() == "feedback for ada"
    assert not (homes / "ubuntu" / "feedback").exists() and not (homes / "ada").exists()
    issued = tmp_path / "variants" / "students"
    for student in ("ada", "dee"):
        (issued / student).mkdir(parents=True)
        (issued / student / f"{CHAPTER}.ipynb").write_text(f"{{\"issued to\": \"{student}\"}}")
    handed, missing = term.hand_out_variants(issued, homes, home_prefix="jupyter-")
    assert handed == {"ada": [homes / "jupyter-ada" / term.VARIANTS_FOLDER / f"{CHAPTER}.ipynb"]}
    assert missing == ("dee",)
    # without the prefix a TLJH /home reads as students named jupyter-ada and ubuntu: the guide says which to give
    assert list(term.hub_homes(homes)) == ["jupyter-", "jupyter-ada", "jupyter-bo", "jupyter-cy", "ubuntu"]
    with pytest.raises(ValueError, match="the start of a folder's name, not a path"):
        term.hub_homes(homes, home_prefix="home/jupyter-")
    with pytest.raises(TypeError, match="home_prefix must be a string"):
        term.collect(CHAPTER, homes, tmp_path / "out", home_prefix=None)
    with pytest.raises(FileNotFoundError, match="do not exist"):
        term.return_feedback(CHAPTER, results, tmp_path / "nowhere", home_prefix="jupyter-")
    # a prefix with no hub folders to read it is refused before anything is built
    assert main(["variants", str(tmp_path / "roster.csv"), str(tmp_path / "built"), "--home-prefix", "jupyter-"]) == 2
    assert "give them with --homes" in capsys.readouterr().err and not (tmp_path / "built").exists()


def test_the_student_repository_carries_every_assignment(tmp_path):
    """What students pull holds each chapter's assignment, with no solution in it, beside the chapters."""
    from rut_book.editions import rehearsal

    repository = rehearsal.student_repository(tmp_path / "rut-edu-student", ROOT)
    assert sorted(p.name for p in (repository / "assignments").glob("*.ipynb")) == sorted(
        f"{name}.ipynb" for name in assignments.assignment_names(ROOT))
    for chapter in assignments.assignment_names(ROOT):
        text = (repository / "assignments" / f"{chapter}.ipynb").read_text()
        assert "BEGIN SOLUTION" not in text and "# SOLUTION" not in text, chapter
        assert "grader.check(" in text, chapter
    links = rehearsal.assignment_links(repository, "http://127.0.0.1:8010", ROOT)
    assert links[CHAPTER].endswith(f"urlpath=lab/tree/rut-edu-student/assignments/{CHAPTER}.ipynb")
