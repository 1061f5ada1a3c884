"""A term on a hub: the assignments in the student repository, collecting a class's notebooks, returning feedback.

* :func:`add_assignments` puts each chapter's assignment (the student notebook ``otter assign`` wrote, its
  public checks inside it) into ``assignments/`` of the student edition's folder, so the repository students
  pull holds them beside the chapters, and :func:`assignment_links` gives one nbgitpuller link per assignment.
* :func:`collect` copies one assignment from every student's hub folder (``HOMES/<student>/<repository>/
  assignments/<chapter>.ipynb``, where nbgitpuller put it and the student worked on it) into one class folder,
  named after each student, ready for ``rut-book grade``.
* :func:`hand_out_variants` puts each student's own variant notebooks (``rut-book variants``) into their hub
  folder, ``HOMES/<student>/rut-edu-variants/``, outside the pulled repository; :func:`variant_links` gives the
  one link per assignment that opens, for whoever is logged in, their own copy. :func:`collect` takes a
  student's variant copy when there is one.
* :func:`return_feedback` copies each student's ``feedback.txt`` into their hub folder
  (``HOMES/<student>/feedback/<chapter>.txt``): outside the pulled repository, so a later pull never meets it.

A home folder is named by the student's hub user name, after a prefix where the hub adds one (:func:`hub_homes`:
``jupyter-<user>`` on The Littlest JupyterHub).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from pathlib import Path

from rut_book import ROOT
from rut_book.editions import build as editions

ASSIGNMENTS_FOLDER = "assignments"
FEEDBACK_FOLDER = "feedback"
VARIANTS_FOLDER = "rut-edu-variants"  # each student's own numbers, beside the pulled repository
DEFAULT_REPOSITORY = "rut-edu-student"


def add_assignments(folder: Path, root: Path = ROOT) -> list[Path]:
    """Build every chapter's assignment and copy its student notebook into ``folder/assignments/``.

    Parameters
    ----------
    folder : Path
        The student edition's folder (what is published as the student repository).
    root : Path
        The project.

    Returns
    -------
    list of Path
        The assignment notebooks written, in book order.

    Raises
    ------
    RuntimeError
        If ``otter assign`` fails for a chapter.
    """
    from rut_book.editions import assignments

    target = Path(folder) / ASSIGNMENTS_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        for autograder in assignments.build(Path(scratch), root):
            chapter = autograder.parents[2].name
            student = autograder.parents[1] / "student" / f"{chapter}.ipynb"
            shutil.copyfile(student, target / f"{chapter}.ipynb")
            written.append(target / f"{chapter}.ipynb")
    return written


def assignment_links(hub: str, repository: str, branch: str, root: Path = ROOT) -> dict[str, str]:
    """For each chapter, the nbgitpuller link that makes ``hub`` pull ``repository`` and open its assignment."""
    name = repository.rstrip("/").removesuffix(".git").rsplit("/", 1)[-1]
    return {chapter: editions.nbgitpuller_link(hub, repository, branch,
                                               f"lab/tree/{name}/{ASSIGNMENTS_FOLDER}/{chapter}.ipynb")
            for chapter in editions.chapters(root)}


@dataclasses.dataclass(frozen=True)
class Collected:
    """What :func:`collect` found: each student's copied notebook, and the students with none."""

    copied: dict[str, Path]
    missing: tuple[str, ...]


# The Littlest JupyterHub names each user's home folder /home/jupyter-<user name>; a hub that names them by the
# user name alone (the rehearsal hub, most spawners that mount one folder per user) needs no prefix.
TLJH_HOME_PREFIX = "jupyter-"


def hub_homes(homes: Path, *, home_prefix: str = "") -> dict[str, Path]:
    """The students' home folders under ``homes``, by user name: each folder named ``<home_prefix><user name>``.

    Parameters
    ----------
    homes : Path
        The folder holding the hub's home folders (``/home`` on The Littlest JupyterHub).
    home_prefix : str, default ""
        What each home folder's name starts with before the user name: ``"jupyter-"`` (:data:`TLJH_HOME_PREFIX`)
        on The Littlest JupyterHub. Folders that do not start with it (the server's own accounts) are not
        students'. Hidden folders never are.

    Returns
    -------
    dict
        User name to home folder, sorted by user name.

    Raises
    ------
    TypeError
        If ``home_prefix`` is not a string.
    ValueError
        If ``home_prefix`` holds a path separator.
    FileNotFoundError
        If ``homes`` does not exist.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as home:
    ...     for name in ("jupyter-ada", "jupyter-bo", "ubuntu"):
    ...         (Path(home) / name).mkdir()
    ...     sorted(hub_homes(Path(home), home_prefix=TLJH_HOME_PREFIX))
    ['ada', 'bo']
    """
    if not isinstance(home_prefix, str):
        raise TypeError(f"home_prefix must be a string such as {TLJH_HOME_PREFIX!r}, not {type(home_prefix).__name__}")
    if "/" in home_prefix or os.sep in home_prefix:
        raise ValueError(f"home_prefix {home_prefix!r} is the start of a folder's name, not a path: "
                         "give the folder that holds the home folders as homes")
    if not Path(homes).is_dir():
        raise FileNotFoundError(f"the hub's home folders {homes} do not exist")
    found = {path.name[len(home_prefix):]: path for path in Path(homes).iterdir()
             if path.is_dir() and not path.name.startswith(".") and path.name.startswith(home_prefix)
             and len(path.name) > len(home_prefix)}
    return dict(sorted(found.items()))


def _chapter(chapter: str, root: Path) -> str:
    from rut_book.editions import assignments

    known = assignments.assignment_names(root)
    if chapter not in known:
        raise ValueError(f"unknown assignment {chapter!r}; the assignments are {known}")
    return chapter


def collect(chapter: str, homes: Path, out: Path, *, repository: str = DEFAULT_REPOSITORY,
            home_prefix: str = "", root: Path = ROOT) -> Collected:
    """Copy every student's ``<chapter>`` assignment from their hub folder into ``out/<student>.ipynb``.

    Parameters
    ----------
    chapter : str
        The chapter whose assignment is due (``03_small_caps_volatility``).
    homes : Path
        The folder of the students' home folders, one per student, named after them (see :func:`hub_homes`).
    out : Path
        The class folder to grade (created); a student's earlier copy there is replaced.
    repository : str
        The folder nbgitpuller pulled the student repository into.
    home_prefix : str, default ""
        What each home folder's name starts with before the user name (``"jupyter-"`` on The Littlest
        JupyterHub); the copies are named by the user name.
    root : Path
        The project.

    Returns
    -------
    Collected

    Raises
    ------
    FileNotFoundError
        If ``homes`` does not exist.
    TypeError
        If ``home_prefix`` is not a string.
    ValueError
        If ``chapter`` is not a chapter of the course, or ``home_prefix`` holds a path separator.
    """
    chapter = _chapter(chapter, root)
    students = hub_homes(homes, home_prefix=home_prefix)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    copied, missing = {}, []
    for student, home in students.items():
        source = home / VARIANTS_FOLDER / f"{chapter}.ipynb"  # their own numbers, when variants were handed out
        if not source.is_file():
            source = home / repository / ASSIGNMENTS_FOLDER / f"{chapter}.ipynb"
        if source.is_file():
            copied[student] = Path(shutil.copyfile(source, out / f"{student}.ipynb"))
        else:
            missing.append(student)
    return Collected(copied, tuple(missing))


def _give(path: Path, home: Path) -> None:
    # what the teacher (often root on a hub) puts in a student's folder belongs to the student
    if os.geteuid() == 0:
        owner = home.stat()
        os.chown(path, owner.st_uid, owner.st_gid)


def hand_out_variants(students: Path, homes: Path, *,
                      home_prefix: str = "") -> tuple[dict[str, list[Path]], tuple[str, ...]]:
    """Copy each student's variant notebooks into ``homes/<student>/rut-edu-variants/``.

    A notebook the student already has is kept (they may have started it); a student with no hub folder yet
    (never logged in) is listed, to be handed out again once they have one.

    Parameters
    ----------
    students : Path
        ``OUT/students`` of ``rut-book variants``: one folder per student, named by their roster id.
    homes : Path
        The folder of the students' home folders, named by their hub user names (the roster's ids).
    home_prefix : str, default ""
        What each home folder's name starts with before the user name (``"jupyter-"`` on The Littlest
        JupyterHub).

    Returns
    -------
    tuple of (dict, tuple of str)
        Student to the notebooks written, and the students with no home folder.

    Raises
    ------
    FileNotFoundError
        If ``students`` or ``homes`` does not exist.
    TypeError
        If ``home_prefix`` is not a string.
    ValueError
        If ``home_prefix`` holds a path separator.
    """
    if not Path(students).is_dir():
        raise FileNotFoundError(f"no variant notebooks at {students}: run rut-book variants first")
    homes_by_name = hub_homes(homes, home_prefix=home_prefix)
    written: dict[str, list[Path]] = {}
    missing = []
    for folder in sorted(path for path in Path(students).iterdir() if path.is_dir()):
        home = homes_by_name.get(folder.name)
        if home is None:
            missing.append(folder.name)
            continue
        target = home / VARIANTS_FOLDER
        target.mkdir(exist_ok=True)
        _give(target, home)
        written[folder.name] = []
        for notebook in sorted(folder.glob("*.ipynb")):
            if not (target / notebook.name).exists():
                shutil.copyfile(notebook, target / notebook.name)
                _give(target / notebook.name, home)
                written[folder.name].append(target / notebook.name)
    return written, tuple(missing)


def variant_links(hub: str, root: Path = ROOT) -> dict[str, str]:
    """For each chapter, the link that opens the logged-in student's own variant (JupyterHub's user-redirect)."""
    return {chapter: f"{hub.rstrip('/')}/hub/user-redirect/lab/tree/{VARIANTS_FOLDER}/{chapter}.ipynb"
            for chapter in editions.chapters(root)}


def return_feedback(chapter: str, results: Path, homes: Path, *, home_prefix: str = "",
                    root: Path = ROOT) -> dict[str, Path]:
    """Copy each graded student's ``feedback.txt`` into ``homes/<student>/feedback/<chapter>.txt``.

    The copy belongs to the student (the owner of their home folder) when this runs as root, as a hub admin
    does. Only ``feedback.txt`` goes back: never Otter's ``results.json``, which holds the hidden checks.

    Parameters
    ----------
    chapter : str
        The chapter the feedback is for (names the file).
    results : Path
        The folder ``rut-book grade`` wrote.
    homes : Path
        The folder of the students' home folders.
    home_prefix : str, default ""
        What each home folder's name starts with before the user name (``"jupyter-"`` on The Littlest
        JupyterHub).
    root : Path
        The project.

    Returns
    -------
    dict
        Student to the feedback file written in their folder.

    Raises
    ------
    FileNotFoundError
        If ``homes`` or ``results`` does not exist.
    TypeError
        If ``home_prefix`` is not a string.
    ValueError
        If ``chapter`` is not a chapter of the course, ``results`` holds no feedback, or ``home_prefix`` holds
        a path separator.
    """
    chapter = _chapter(chapter, root)
    if not Path(results).is_dir():
        raise FileNotFoundError(f"the grades folder {results} does not exist")
    homes_by_name = hub_homes(homes, home_prefix=home_prefix)
    written = {}
    for note in sorted(Path(results).glob("*/feedback.txt")):
        student = note.parent.name
        home = homes_by_name.get(student)
        if home is None:
            continue  # graded from a file handed in by hand: no hub folder to return it to
        target = home / FEEDBACK_FOLDER / f"{chapter}.txt"
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(note, target)
        for path in (target.parent, target):
            _give(path, home)
        written[student] = target
    if not written and not any(Path(results).glob("*/feedback.txt")):
        raise ValueError(f"{results} holds no <student>/feedback.txt: grade first (rut-book grade)")
    return written
