"""Build the learner and student editions of every chapter from the book's notebooks.

* The **learner edition** (``_build/learner``) reads correctly in plain JupyterLab, Colab or GitHub: MyST is
  turned into plain markdown (:mod:`rut_book.editions.myst`), glued numbers are filled in from the stored
  outputs, a first cell says how to run the notebook and installs the course package where it is missing,
  outputs are cleared (a learner runs the notebook), and every solution moves to a *Solutions* section at
  the end, after the quiz, so the answer no longer sits under the question.
* The **student edition** (``_build/student/notebooks``) is the learner edition with every solution removed,
  text and code; the exercises stay.

Chapters are the ``notebooks/`` entries of ``_toc.yml``: a chapter added to the table of contents flows into
both editions (and the assignments and handouts) with no other change.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path

import nbformat
import yaml

from rut_book import ROOT, SOURCE_NOTE_TAG, opening_cell
from rut_book.editions import myst

EDITIONS = ("learner", "student")
SITES = ("teacher", "student")  # the course website (with solutions) and the student website (without)
SOLUTIONS_HEADING = "## Solutions"
POINTER = "*A worked solution is in the* Solutions *section at the end of the notebook.*"


@dataclasses.dataclass(frozen=True)
class EditionsConfig:
    """The one configuration block (``rut_editions`` in ``_config.yml``) every link is built from."""

    website: str
    student_website: str
    package: str
    repository: str
    learner_repository: str
    student_repository: str
    branch: str
    binder: str
    colab: str
    jupyterhub: str | None
    # False until the website and the repositories above exist: every link to them is then a placeholder
    # that says so, and the learner edition links to the copy of the site served on this machine instead.
    published: bool
    local_site: str | None
    local_student_site: str | None

    @classmethod
    def load(cls, root: Path = ROOT) -> EditionsConfig:
        config = yaml.safe_load((root / "_config.yml").read_text())
        block = config["sphinx"]["config"]["rut_editions"]
        missing = sorted(field.name for field in dataclasses.fields(cls) if field.name not in block)
        unknown = sorted(set(block) - {field.name for field in dataclasses.fields(cls)})
        if missing or unknown:
            raise ValueError(f"_config.yml rut_editions: missing {missing}, unknown {unknown}")
        values = dict(block)
        if not isinstance(values["published"], bool):
            raise ValueError(f"_config.yml rut_editions: published must be true or false, got {values['published']!r}")
        if not values["published"] and not (values["local_site"] and values["local_student_site"]):
            raise ValueError("_config.yml rut_editions: until the course is published (published: false), set "
                             "local_site and local_student_site to where the two websites are served on this "
                             "machine (make serve, make serve-student)")
        for key in ("website", "student_website", "local_site", "local_student_site"):
            if values[key]:
                values[key] = values[key].rstrip("/") + "/"
        hub = values["jupyterhub"]
        values["jupyterhub"] = hub.rstrip("/") if hub else None
        return cls(**values)

    @property
    def site(self) -> str:
        """Where the learner edition's links to the website go: the published site, or the one served here."""
        return self.website if self.published else str(self.local_site)

    @property
    def student_site(self) -> str:
        """Where the student edition's and the assignments' links go: the student website, which holds no
        solution and no teacher's page (published, or served on this machine by ``make serve-student``)."""
        return self.student_website if self.published else str(self.local_student_site)

    def site_for(self, edition: str) -> str:
        """The website an edition links to: the student site for the student edition, the course site else."""
        if edition not in EDITIONS:
            raise ValueError(f"edition must be one of {EDITIONS}, got {edition!r}")
        return self.student_site if edition == "student" else self.site

    def github_parts(self, url: str) -> tuple[str, str]:
        match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?", url)
        if not match:
            raise ValueError(f"not a GitHub repository address: {url!r}")
        return match[1], match[2]

    def launch_links(self, chapter: str, site: str = "teacher") -> dict[str, str | None]:
        """Binder, Colab and JupyterHub addresses for one chapter; ``None`` for a route that does not exist yet
        (Binder and Colab until the course is published, the hub until one is set).

        ``site`` is the website the links sit on. The course (teacher) website opens the learner edition on
        Binder and Colab, solutions at the end; the student website opens the student edition on every
        route, so no launch button there is one click from a solution.
        """
        if site not in SITES:
            raise ValueError(f"site must be one of {SITES}, got {site!r}")
        owner, name = self.github_parts(self.repository)
        learner_owner, learner_name = self.github_parts(self.learner_repository)
        student_owner, student_name = self.github_parts(self.student_repository)
        if site == "student":
            binder = (f"{self.binder.rstrip('/')}/v2/gh/{student_owner}/{student_name}/{self.branch}"
                      f"?urlpath=lab/tree/{chapter}.ipynb")
            colab = (f"{self.colab.rstrip('/')}/github/{student_owner}/{student_name}/blob/{self.branch}/"
                     f"{chapter}.ipynb")
        else:
            binder = (f"{self.binder.rstrip('/')}/v2/gh/{owner}/{name}/{self.branch}"
                      f"?urlpath=lab/tree/_build/learner/{chapter}.ipynb")
            colab = (f"{self.colab.rstrip('/')}/github/{learner_owner}/{learner_name}/blob/{self.branch}/"
                     f"{chapter}.ipynb")
        if not self.published:
            binder = colab = None
        hub = None
        if self.jupyterhub:
            hub = nbgitpuller_link(self.jupyterhub, self.student_repository, self.branch,
                                   f"lab/tree/{student_name}/{chapter}.ipynb")
        return {"binder": binder, "colab": colab, "jupyterhub": hub}  # a hub's student repository may be local


def nbgitpuller_link(hub: str, repository: str, branch: str, urlpath: str) -> str:
    """An nbgitpuller link: the hub clones (or updates) ``repository`` for the user and opens ``urlpath``."""
    from urllib.parse import urlencode

    query = urlencode({"repo": repository, "branch": branch, "urlpath": urlpath}, safe="/:")
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def chapters(root: Path = ROOT) -> list[str]:
    """The chapter notebooks, in book order, from ``_toc.yml``."""
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    found = [entry["file"].removeprefix("notebooks/")
             for part in toc["parts"] for entry in part["chapters"] if entry["file"].startswith("notebooks/")]
    if not found:
        raise ValueError("_toc.yml lists no notebooks/ chapters")
    return found


@functools.cache
def _page_titles(root: Path) -> dict[str, str]:
    titles = {}
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        first = opening_cell(nbformat.read(path, as_version=4)).source
        titles[f"notebooks/{path.stem}"] = _first_heading(first, path)
    for path in sorted((root / "book").glob("*.md")):
        titles[f"book/{path.stem}"] = _first_heading(path.read_text(), path)
    return titles


def _first_heading(text: str, path: Path) -> str:
    match = re.search(r"^# (.+)$", text, re.M)
    if not match:
        raise ValueError(f"{path}: no top-level heading")
    return match[1].strip()


@functools.cache
def _labels(root: Path) -> dict[str, str]:
    """Every ``(label)=`` target, to the page that holds it."""
    found = {}
    pages = [(f"notebooks/{p.stem}", "\n".join(c.source for c in nbformat.read(p, as_version=4).cells))
             for p in sorted((root / "notebooks").glob("*.ipynb"))]
    pages += [(f"book/{p.stem}", p.read_text()) for p in sorted((root / "book").glob("*.md"))]
    for page, text in pages:
        for label in re.findall(r"^\(([\w:.-]+)\)=\s*$", text, re.M):
            found[label] = page
    return found


@functools.cache
def _citations(root: Path) -> dict[str, tuple[str, str]]:
    """Bibliography key to ("Author Year", title), from ``book/references.bib``."""
    from pybtex.database import parse_file

    database = parse_file(str(root / "book" / "references.bib"))
    found = {}
    for key, entry in database.entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        if people:
            names = [" ".join(person.last_names).replace("{", "").replace("}", "") for person in people]
            author = names[0] if len(names) == 1 else (f"{names[0]} and {names[1]}" if len(names) == 2
                                                       else f"{names[0]} et al.")
        else:
            author = entry.fields.get("organization", entry.fields.get("publisher", key))
        title = entry.fields.get("title", "").replace("{", "").replace("}", "")
        found[key] = (f"{author} {entry.fields.get('year', 'n.d.')}".replace("{", "").replace("}", ""), title)
    return found


def glossary_anchor(term: str) -> str:
    """The id Sphinx gives a glossary term (``term-`` and the term, punctuation runs made hyphens)."""
    from sphinx.util.nodes import _make_id

    return _make_id(f"term-{term}")


def make_links(config: EditionsConfig, root: Path = ROOT, from_notebook: bool = True,
               site: str | None = None) -> myst.Links:
    """Link builders for one edition: terms, citations and non-chapter pages on ``site`` (the learner's
    website by default); chapters local."""
    from rut_edu import glossary

    site = site or config.site
    titles, labels, citations = _page_titles(root), _labels(root), _citations(root)

    def term(text: str) -> str:
        entry = glossary.lookup(text)
        return f"{site}book/glossary.html#{glossary_anchor(entry.term)}"

    def citation(key: str) -> str:
        if key not in citations:
            raise myst.UnsupportedMyST(f"citation {key!r} is not in book/references.bib")
        label, title = citations[key]
        return f'[{label}]({site}book/references.html#cite-{key} "{title}")'

    def page(target: str, anchor: str = "") -> str:
        target = target.removesuffix(".md").removesuffix(".ipynb")
        # MyST accepts a path from the project root ("/book/x"), from this folder ("x") or relative ("../book/x").
        resolved = target.lstrip("/") if target.startswith("/") else target
        resolved = resolved.removeprefix("../") if "/" in resolved else f"notebooks/{resolved}"
        if resolved not in titles:
            raise myst.UnsupportedMyST(f"link to unknown page {target!r}")
        if resolved.startswith("notebooks/") and from_notebook:
            return f"{resolved.removeprefix('notebooks/')}.ipynb\t{titles[resolved]}"
        return f"{site}{resolved}.html{anchor}\t{titles[resolved]}"

    def label(name: str) -> str:
        if name not in labels:
            raise myst.UnsupportedMyST(f"{{ref}} to unknown label {name!r}")
        return page(labels[name], "" if labels[name].startswith("notebooks/") and from_notebook else f"#{name}")

    return myst.Links(term=term, citation=citation, document=page, label=label)


def glued_values(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """Glue name to stored ``text/plain`` value, from a notebook's outputs."""
    values = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            scrapbook = output.get("metadata", {}).get("scrapbook")
            if scrapbook:
                key = scrapbook.get("mime_prefix", "") + "text/plain"
                if key not in output.get("data", {}):
                    raise ValueError(f"glue {scrapbook['name']!r} stored no text/plain value")
                values[scrapbook["name"]] = output["data"][key]
    return values


def first_cells(config: EditionsConfig, chapter: str, title: str, edition: str) -> list:
    """The cells every edition starts with: how to run it, and an import (or install) of the package."""
    site = config.site_for(edition)
    website = f"{site}notebooks/{chapter}.html"
    named = "student website" if edition == "student" else "course website"
    if config.published:
        place = f"the [{named}]({website})"
    else:
        served = "make serve-student" if edition == "student" else "make serve"
        place = f"the {named} served on this machine (`{served}`, at {site}): the [chapter page]({website})"
    solutions = ("Solutions are at the end of the notebook, after the quiz: try each exercise first."
                 if edition == "learner" else "This is the student edition: it has the exercises, not the solutions.")
    guide = (f"# {title}\n\n"
             f"> **How to use this notebook.** This is the *{edition} edition* of a chapter of the rut-edu course; "
             f"the same chapter, with its figures, is on {place}. "
             "Run it from the top (*Run → Run All Cells* in JupyterLab, *Runtime → Run all* in Colab) before "
             "you use a widget or a quiz: until their cells have run they show only placeholder text. "
             "Widgets need the running notebook; links to terms and sources open the website. "
             f"{solutions}")
    setup = ("# Installs the course package only where it is missing (Colab, a fresh hub); it brings its data with it.\n"
             "import importlib.util, subprocess, sys\n"
             "if importlib.util.find_spec(\"rut_edu\") is None:\n"
             f"    subprocess.check_call([sys.executable, \"-m\", \"pip\", \"install\", \"--quiet\", {config.package!r}])")
    return [nbformat.v4.new_markdown_cell(guide), nbformat.v4.new_code_cell(setup)]


EXERCISE_DIRECTIVE = re.compile(r"^(?:`{3,}|:{3,})\{exercise\}", re.M)


def exercise_offset(chapter: str, root: Path = ROOT) -> int:
    """How many exercises the chapters before ``chapter`` hold: the website numbers them through the book
    (sphinx-exercise), so chapter 3's first exercise is this plus one everywhere (editions, assignments)."""
    order = chapters(root)
    if chapter not in order:
        raise ValueError(f"{chapter} is not a chapter of _toc.yml")
    total = 0
    for earlier in order[:order.index(chapter)]:
        notebook = nbformat.read(root / "notebooks" / f"{earlier}.ipynb", as_version=4)
        total += sum(len(EXERCISE_DIRECTIVE.findall(cell.source)) for cell in notebook.cells
                     if cell.cell_type == "markdown")
    return total


def _only_glues(cell: nbformat.NotebookNode) -> bool:
    """A code cell hidden from the website (``remove-cell``) whose every statement is a ``glue(...)`` call."""
    import ast

    if "remove-cell" not in cell.metadata.get("tags", []):
        return False
    body = ast.parse(cell.source).body
    return bool(body) and all(isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)
                              and getattr(statement.value.func, "id", None) in ("glue", "glue_all")
                              for statement in body)


def convert_notebook(source: nbformat.NotebookNode, chapter: str, config: EditionsConfig, edition: str,
                     root: Path = ROOT) -> nbformat.NotebookNode:
    """One chapter's learner or student edition (see the module docstring).

    Raises
    ------
    ValueError
        For an unknown edition, a solution gate left open or closed twice, or MyST with no plain form.
    """
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}, got {edition!r}")
    links = make_links(config, root, site=config.site_for(edition))
    glued = glued_values(source)
    cells, solutions, exercise_numbers = [], [], {}
    # One numbering everywhere: the website numbers exercises through the whole book, so do the editions.
    first_number = exercise_offset(chapter, root) + 1
    gated: str | None = None
    title = None
    for number, cell in enumerate(source.cells):
        where = f"{chapter}, cell {number}"
        if cell.cell_type == "code":
            if _only_glues(cell):
                continue  # it feeds numbers to the website's prose; here they are written into the text already
            code = nbformat.v4.new_code_cell(cell.source)
            if gated is not None:
                solutions.append((gated, code))
            else:
                cells.append(code)
            continue
        if cell.cell_type != "markdown" or SOURCE_NOTE_TAG in cell.metadata.get("tags", []):
            continue
        converted = myst.convert(cell.source, glued, links, where)
        for label in converted.exercises:
            exercise_numbers[label] = first_number + len(exercise_numbers)
        text = converted.text
        if title is None:
            heading = re.search(r"^# (.+)$", text, re.M)
            if not heading:
                raise ValueError(f"{where}: the first markdown cell has no title")
            title = heading[1].strip()
            text = re.sub(r"^# .+\n*", "", text, count=1, flags=re.M)
        bodies = dict(converted.solutions)
        # Split the cell at every solution mark: text is lesson or solution depending on the open gate.
        position = 0
        pieces: list[tuple[str, str, str]] = []
        for mark in myst.SOLUTION_MARK_LINE.finditer(text):
            pieces.append(("text", text[position:mark.start()], ""))
            pieces.append((mark["kind"], "", mark["label"]))
            position = mark.end()
        pieces.append(("text", text[position:], ""))
        for kind, piece, label in pieces:
            if kind == "text":
                if not piece.strip():
                    continue
                cell_out = nbformat.v4.new_markdown_cell(piece.strip("\n"))
                if gated is not None:
                    solutions.append((gated, cell_out))
                else:
                    cells.append(cell_out)
            elif kind == "solution":
                solutions.append((label, nbformat.v4.new_markdown_cell(bodies[label])))
                if edition == "learner":
                    cells.append(nbformat.v4.new_markdown_cell(POINTER))
            elif kind == "solution-start":
                if gated is not None:
                    raise ValueError(f"{where}: solution-start inside the open solution {gated!r}")
                gated = label
                if edition == "learner":
                    cells.append(nbformat.v4.new_markdown_cell(POINTER))
            else:
                if gated is None:
                    raise ValueError(f"{where}: solution-end without a solution-start")
                gated = None
    if gated is not None:
        raise ValueError(f"{chapter}: solution {gated!r} is never closed")
    if title is None:
        raise ValueError(f"{chapter}: no markdown cell")
    cells = first_cells(config, chapter, title, edition) + cells
    if edition == "learner" and solutions:
        cells.append(nbformat.v4.new_markdown_cell(
            f"{SOLUTIONS_HEADING}\n\nWorked solutions to the exercises above. The code cells here are not needed "
            "by anything earlier in the notebook."))
        shown: set[str] = set()
        for label, cell in solutions:
            if label not in shown:
                shown.add(label)
                if label not in exercise_numbers:
                    raise ValueError(f"{chapter}: a solution for unknown exercise {label!r}")
                cells.append(nbformat.v4.new_markdown_cell(f"### Solution to exercise {exercise_numbers[label]}"))
            cells.append(cell)
    for cell in cells:
        if cell.cell_type == "markdown":
            for label, exercise in exercise_numbers.items():
                cell.source = cell.source.replace(myst.EXERCISE_MARK.format(label=label), str(exercise))
            if "\u27e6" in cell.source:
                raise ValueError(f"{chapter}: an exercise mark was left unnumbered")
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "rut_edu": {"edition": edition, "chapter": chapter},
    }
    for number, cell in enumerate(notebook.cells):
        cell.id = f"{edition[0]}{number:03d}"
    nbformat.validate(notebook)
    return notebook


def build(edition: str, out: Path, root: Path = ROOT) -> list[Path]:
    """Write one edition of every chapter into ``out``; return the paths written."""
    config = EditionsConfig.load(root)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for chapter in chapters(root):
        source = nbformat.read(root / "notebooks" / f"{chapter}.ipynb", as_version=4)
        notebook = convert_notebook(source, chapter, config, edition, root)
        path = out / f"{chapter}.ipynb"
        text = nbformat.writes(notebook) + "\n"
        if not path.is_file() or path.read_text() != text:
            path.write_text(text)
        written.append(path)
    return written
