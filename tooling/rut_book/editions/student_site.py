"""The student website: the book built again from its notebooks with every solution taken out.

:func:`strip_solutions` removes ``{solution}`` directives and everything between ``solution-start`` and
``solution-end`` (markdown and code) from a MyST notebook, keeping the exercises and every stored output, so
the student site is built without running anything. :func:`build` writes a copy of the book's sources with
stripped notebooks under ``_build/student/source`` and builds it, as strictly as the main site, into
``_build/student/html``.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import yaml

from rut_book.editions import build as editions
from rut_book.editions import myst

GATE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>solution-start|solution-end)\}[^\n]*\n(?::[\w-]+:[^\n]*\n)*"
                  r"(?P=fence)[ \t]*$", re.M)
# What a student site needs besides the notebooks (the build's own inputs).
COPIED = ("_config.yml", "_toc.yml", "book", "_static", "frontend/dist")
# Pages for teachers only: the guide holds the rubric (answers to the exercises marked by hand) and the grading
# steps. They are left out of the student site's sources, so no page, link or search reaches them.
TEACHER_PAGES = ("book/teachers-guide",)


def _remove_solution_directives(text: str) -> str:
    lines = text.splitlines(keepends=True)
    out, index = [], 0
    while index < len(lines):
        opening = myst.FENCE.match(lines[index].rstrip("\n"))
        if opening and opening["name"] == "solution":
            fence = opening["fence"]
            closing = re.compile(rf"^{re.escape(fence[0])}{{{len(fence)},}}\s*$")
            end = index + 1
            while end < len(lines) and not closing.match(lines[end].rstrip("\n")):
                end += 1
            if end == len(lines):
                raise ValueError("a {solution} directive is never closed")
            index = end + 1
            continue
        out.append(lines[index])
        index += 1
    return "".join(out)


def strip_solutions(notebook: nbformat.NotebookNode, name: str = "notebook") -> nbformat.NotebookNode:
    """A copy of a MyST notebook with every solution (text and code) removed and every exercise kept.

    Raises
    ------
    ValueError
        If a gated solution is opened twice, closed without being opened, or never closed.
    """
    stripped = nbformat.from_dict(copy.deepcopy(notebook))
    cells = []
    gated = False
    for number, cell in enumerate(stripped.cells):
        if cell.cell_type != "markdown":
            if not gated:
                cells.append(cell)
            continue
        text = _remove_solution_directives(cell.source)
        kept, position = [], 0
        for gate in GATE.finditer(text):
            if not gated:
                kept.append(text[position:gate.start()])
            if gate["name"] == "solution-start":
                if gated:
                    raise ValueError(f"{name}, cell {number}: solution-start inside an open solution")
                gated = True
            else:
                if not gated:
                    raise ValueError(f"{name}, cell {number}: solution-end without a solution-start")
                gated = False
            position = gate.end()
        if not gated:
            kept.append(text[position:])
        source = "".join(kept).strip("\n")
        if source.strip():
            cell.source = source
            cells.append(cell)
    if gated:
        raise ValueError(f"{name}: a solution is never closed")
    stripped.cells = cells
    return stripped


def write_source(root: Path, out: Path) -> Path:
    """Copy the book's inputs to ``out`` with solution-free notebooks and execution off; return ``out``."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in COPIED:
        source = root / name
        if not source.exists():
            raise FileNotFoundError(f"{source} is missing: run make book first (it builds frontend/dist)")
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target)
    for page in TEACHER_PAGES:
        (out / f"{page}.md").unlink()
        # the pages name it only inside {only} teacher_site blocks, but Sphinx resolves a link before it drops
        # the block: the link becomes its words
        mention = re.compile(rf"\{{doc\}}`/?(?:book/)?{re.escape(page.rsplit('/', 1)[-1])}`")
        for markdown in (out / "book").glob("*.md"):
            text = markdown.read_text(encoding="utf-8")
            if mention.search(text):
                markdown.write_text(mention.sub("the teacher's guide", text), encoding="utf-8")
    toc = yaml.safe_load((out / "_toc.yml").read_text())
    for part in toc["parts"]:
        part["chapters"] = [entry for entry in part["chapters"] if entry["file"] not in TEACHER_PAGES]
    (out / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False, allow_unicode=True))
    config = yaml.safe_load((out / "_config.yml").read_text())
    # The stored outputs are the teacher edition's, minus the solution cells: nothing needs to run again.
    config["execute"]["execute_notebooks"] = "off"
    config["title"] = config["title"] + " (student edition)"
    # Every launch button opens the student edition (no route one click from a solution).
    config["sphinx"]["config"]["rut_site"] = "student"
    (out / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    (out / "notebooks").mkdir()
    for chapter in editions.chapters(root):
        notebook = nbformat.read(root / "notebooks" / f"{chapter}.ipynb", as_version=4)
        nbformat.write(strip_solutions(notebook, chapter), out / "notebooks" / f"{chapter}.ipynb")
    return out


def build(root: Path = editions.ROOT, out: Path | None = None) -> Path:
    """Build the student website into ``_build/student/html`` (strict, like the main site); return its folder."""
    out = out or root / "_build" / "student"
    source = write_source(root, out / "source")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    subprocess.run([str(jupyter_book), "build", "--all", "-W", "-n", "--keep-going", "--path-output", str(out),
                    str(source)], check=True, cwd=root)
    return out / "_build" / "html"
