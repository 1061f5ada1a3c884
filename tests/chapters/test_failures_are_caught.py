"""The pipeline fails when it should: a raising cell breaks the build, a changed output breaks nbval.

Both use small fixture notebooks in tests/fixtures, never a chapter.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import jupyter_book

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SANITIZE = Path(__file__).resolve().parents[1] / "nbval_sanitize.cfg"


def build(book: Path, out: Path) -> subprocess.CompletedProcess:
    # a failed build writes Sphinx's error log to the temporary folder: this test's, not the machine's
    temporary = out.with_name(f"{out.name}-tmp")
    temporary.mkdir()
    return subprocess.run(
        [jupyter_book(), "build", "--all", "-W", "-n", "--keep-going", "--path-output", str(out), str(book)],
        capture_output=True, text=True, timeout=1200, env={**os.environ, "TMPDIR": str(temporary)},
    )


def set_code(notebook: Path, code: str) -> None:
    nb = json.loads(notebook.read_text())
    nb["cells"][-1]["source"] = code
    notebook.write_text(json.dumps(nb))


def test_a_raising_cell_fails_the_build(tmp_path):
    book = tmp_path / "book"
    shutil.copytree(FIXTURES / "mini_book", book)
    passing = build(book, tmp_path / "ok")
    assert passing.returncode == 0, passing.stdout[-2000:] + passing.stderr[-2000:]
    set_code(book / "cell.ipynb", "raise RuntimeError('deliberate failure')")
    failing = build(book, tmp_path / "broken")
    assert failing.returncode != 0
    assert "deliberate failure" in failing.stdout + failing.stderr


def nbval(notebook: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--nbval",
         "--nbval-current-env", "--nbval-sanitize-with", str(SANITIZE), "--rootdir", str(notebook.parent),
         str(notebook)],
        capture_output=True, text=True, timeout=900, cwd=notebook.parent,
    )


def test_a_changed_output_fails_nbval(tmp_path):
    notebook = tmp_path / "stored_output.ipynb"
    shutil.copy(FIXTURES / "stored_output.ipynb", notebook)
    assert nbval(notebook).returncode == 0
    set_code(notebook, "print(1 + 2)")
    result = nbval(notebook)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "1 failed" in result.stdout
