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


def folder_files(folder: Path) -> list[Path]:
    """Every file under ``folder``, in a stable order, compiled Python caches left out.

    Parameters
    ----------
    folder : pathlib.Path
        The folder to walk; a folder that does not exist holds no files.

    Returns
    -------
    list of pathlib.Path
        The files, sorted.

    Examples
    --------
    >>> [path.name for path in folder_files(ROOT / "rut_edu" / "quizzes")][:1]
    ['cap_weighting.json']
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts)


def folder_digest(*folders: Path) -> str:
    """The SHA-256 of every file under ``folders``: each file's path (from its folder's parent) and its bytes.

    The one digest the tooling keys caches on: it changes when a file is added, removed, renamed or edited.

    Parameters
    ----------
    *folders : pathlib.Path
        The folders, in the order they are hashed.

    Returns
    -------
    str
        64 hexadecimal digits.

    Examples
    --------
    >>> len(folder_digest(ROOT / "rut_edu" / "quizzes"))
    64
    """
    import hashlib

    digest = hashlib.sha256()
    for folder in folders:
        for path in folder_files(folder):
            digest.update(str(path.relative_to(Path(folder).parent)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def package_files() -> list[Path]:
    """The teaching library's files, code and data (what a chapter's run and a website widget's states depend on).

    ``make book`` hashes them to know when the notebooks must run again, and the site renderer makes each page
    with an answering widget depend on them.
    """
    return folder_files(ROOT / "rut_edu")


def package_digest() -> str:
    """:func:`folder_digest` of the teaching library: it changes whenever its code or data does (``make book``'s
    stamp, the widget grids' cache key)."""
    return folder_digest(ROOT / "rut_edu")


#: A cell for whoever opens the source notebooks in JupyterLab: the website never shows it (MyST-NB drops
#: ``remove-cell`` cells) and the editions leave it out.
SOURCE_NOTE_TAG = "source-note"


def opening_cell(notebook):
    """A chapter's first cell a reader sees: the first markdown cell that is not the source note."""
    return next(cell for cell in notebook.cells
                if cell.cell_type == "markdown" and SOURCE_NOTE_TAG not in cell.metadata.get("tags", []))
