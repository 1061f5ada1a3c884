"""``python -m rut_book.build_cache``: forget what Jupyter Book cached when it no longer holds (``make book``).

Jupyter Book's cache keys a notebook's run on its code cells only: when ``rut_edu`` (its code or its data)
changes, the cached runs are dropped so every chapter is executed again. Citations are resolved when a page is
read, and an unchanged page is not read again: after an edit of the bibliography, the Sphinx environment is
dropped so every page re-resolves its citations (the notebooks' runs stay cached).
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

from rut_book import ROOT, package_digest


def forget_stale(root: Path = ROOT, build: Path | None = None) -> list[str]:
    """Drop the cached notebook runs and the Sphinx environment that no longer match; return what was said.

    Parameters
    ----------
    root : Path
        The project (for ``book/references.bib``).
    build : Path, optional
        The build folder (``root/_build`` by default); its stamps remember the last digests.

    Returns
    -------
    list of str
        One line per cache dropped, for the reader of ``make book``.
    """
    build = Path(build) if build is not None else Path(root) / "_build"
    said = []
    stamp = build / ".rut_edu-hash"
    digest = package_digest()
    if not stamp.is_file() or stamp.read_text() != digest:
        shutil.rmtree(build / ".jupyter_cache", ignore_errors=True)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(digest)
        said.append("rut_edu changed since the last build: notebooks will be re-executed")
    bibliography = hashlib.sha256((Path(root) / "book" / "references.bib").read_bytes()).hexdigest()
    bib_stamp = build / "bibliography.sha256"
    if not bib_stamp.is_file() or bib_stamp.read_text() != bibliography:
        shutil.rmtree(build / ".doctrees", ignore_errors=True)
        bib_stamp.write_text(bibliography)
        said.append("the bibliography changed since the last build: every page re-reads its citations")
    return said


if __name__ == "__main__":
    for line in forget_stale():
        print(line)
    sys.exit(0)
