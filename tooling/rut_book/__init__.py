"""The book and classroom tooling of rut-edu: everything that builds the website and the editions.

Learners never install this package; they install :mod:`rut_edu`, the teaching library. This one
holds the Sphinx and MyST-NB plug-ins (the glossary, claims and launch-menu directives, the widget
snapshots and the script clean-up) and the classroom editions (learner and student notebooks,
Otter assignments, printed handouts). It depends on ``rut_edu``; ``rut_edu`` never imports it (a
contract checked by import-linter in ``make test``).
"""

from pathlib import Path

#: The course repository this tooling builds from: it owns the repository paths, the teaching library does not.
ROOT = Path(__file__).resolve().parents[2]

WIDGET_CACHE_ENV = "RUT_BOOK_WIDGET_CACHE"
"""The environment variable naming the folder where builds keep rendered widget grids for the next build
(:mod:`rut_book.widget_grid`; default: ``_build/.widget-grid-cache`` here). The tests point it at a temporary folder."""


def package_files() -> list[Path]:
    """The teaching library's files, code and data, in a stable order (compiled caches left out).

    What a chapter's run and a website widget's states depend on: ``make book`` hashes them to know when the
    notebooks must run again, and the site renderer makes each page with an answering widget depend on them.
    """
    package = ROOT / "rut_edu"
    return sorted(path for path in package.rglob("*") if path.is_file() and "__pycache__" not in path.parts)


def package_digest() -> str:
    """The SHA-256 of :func:`package_files`, each file's path (from the repository) and bytes: it changes
    whenever the teaching library's code or data does (``make book``'s stamp, the widget grids' cache key)."""
    import hashlib

    digest = hashlib.sha256()
    for path in package_files():
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


#: A cell for whoever opens the source notebooks in JupyterLab: the website never shows it (MyST-NB drops
#: ``remove-cell`` cells) and the editions leave it out.
SOURCE_NOTE_TAG = "source-note"


def opening_cell(notebook):
    """A chapter's first cell a reader sees: the first markdown cell that is not the source note."""
    return next(cell for cell in notebook.cells
                if cell.cell_type == "markdown" and SOURCE_NOTE_TAG not in cell.metadata.get("tags", []))
