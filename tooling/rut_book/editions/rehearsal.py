"""A class rehearsal before anything is published: a local student repository and links the local hub opens.

A real class's nbgitpuller links name the published student repository (``student_repository`` in
``_config.yml``). Before it exists, :func:`student_repository` writes the student edition into a local git
repository, and :func:`links` gives, for each chapter, an nbgitpuller link to the local hub (``make hub``)
that clones it from there. ``make hub`` prints them; the hub test follows one.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from rut_book import ROOT
from rut_book.editions import build as editions

DEFAULT_REPOSITORY = ROOT / "_build" / "rehearsal" / "rut-edu-student"
LOCAL_HUB = "http://127.0.0.1:8010"
BRANCH = "main"


def student_repository(out: Path = DEFAULT_REPOSITORY, root: Path = ROOT) -> Path:
    """The student edition and its assignments as a fresh one-commit git repository in ``out`` (replaced if it
    exists)."""
    from rut_book.editions import term

    out = Path(out)
    if out.exists():
        import shutil

        shutil.rmtree(out)
    editions.build("student", out, root)
    term.add_assignments(out, root)
    env = {**os.environ, "GIT_AUTHOR_NAME": "rut-edu", "GIT_AUTHOR_EMAIL": "course@localhost",
           "GIT_COMMITTER_NAME": "rut-edu", "GIT_COMMITTER_EMAIL": "course@localhost"}
    for command in (["git", "init", "-q", "-b", BRANCH], ["git", "add", "."],
                    ["git", "commit", "-q", "-m", "student edition"]):
        subprocess.run(command, cwd=out, check=True, env=env, capture_output=True)
    return out


def links(repository: Path, hub: str = LOCAL_HUB, root: Path = ROOT) -> dict[str, str]:
    """For each chapter, the nbgitpuller link that makes ``hub`` clone ``repository`` and open the chapter."""
    repository = Path(repository)
    if not (repository / ".git").is_dir():
        raise ValueError(f"{repository} is not a git repository: build it with student_repository()")
    return {chapter: editions.nbgitpuller_link(hub, repository.resolve().as_uri(), BRANCH,
                                               f"lab/tree/{repository.name}/{chapter}.ipynb")
            for chapter in editions.chapters(root)}


def assignment_links(repository: Path, hub: str = LOCAL_HUB, root: Path = ROOT) -> dict[str, str]:
    """For each chapter, the nbgitpuller link that makes ``hub`` clone ``repository`` and open its assignment."""
    from rut_book.editions import term

    repository = Path(repository)
    if not (repository / ".git").is_dir():
        raise ValueError(f"{repository} is not a git repository: build it with student_repository()")
    return term.assignment_links(hub, repository.resolve().as_uri(), BRANCH, root)
