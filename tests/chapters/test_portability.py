"""Stored outputs compare equal on any x86-64 CPU, and a wrong number still fails.

The notebook comparison is repeated under another numpy dispatch and OpenBLAS kernel
(:mod:`cpu_dispatch`), and the stored outputs are audited for full-precision floats.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cpu_dispatch import other_cpu_environment, probe

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"
FLOAT = re.compile(r"(?<![\w.])-?(\d+)\.(\d+)(?:e[-+]?\d+)?")
# Anything carrying more significant digits than this is a float printed at full precision.
MAX_SIGNIFICANT = 10


def significant_digits(whole: str, fraction: str) -> int:
    return len((whole + fraction).lstrip("0").rstrip("0") or "0")


def stored_texts(notebook: dict):
    for number, cell in enumerate(notebook["cells"]):
        for output in cell.get("outputs", []):
            if "text" in output:
                yield number, "stream", "".join(output["text"])
            for mime, value in output.get("data", {}).items():
                if not mime.startswith("image/"):
                    text = value if isinstance(value, str) else "".join(value) if isinstance(value, list) else json.dumps(value)
                    yield number, mime, text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_outputs_carry_no_full_precision_floats(path):
    found = [
        f"cell {number} ({mime}): {match.group(0)}"
        for number, mime, text in stored_texts(json.loads(path.read_text()))
        for match in FLOAT.finditer(text)
        if significant_digits(match.group(1), match.group(2)) > MAX_SIGNIFICANT
    ]
    assert not found, "round these before showing or gluing them (rut_edu.reporting.glue, .round()):\n" + "\n".join(found)


PROBE_STATISTICS = (
    "from rut_edu import data, risk; rut = data.load_russell2000_daily()['close']; "
    "spx = data.load_sp500_daily()['close']; a, b = risk.common_dates(rut, spx); "
    "ra, rb = risk.log_returns(a), risk.log_returns(b); "
    "print(repr(risk.correlation(ra, rb)), repr(risk.dimson_beta(ra, rb, lags=5)))"
)


def test_the_other_cpu_run_really_changes_digits():
    env, changes = other_cpu_environment()
    if "NPY_DISABLE_CPU_FEATURES" not in env and "OPENBLAS_CORETYPE" not in env:
        pytest.skip(f"this CPU offers numpy and OpenBLAS no alternative kernels ({changes})")
    switched = probe(env)
    if "OPENBLAS_CORETYPE" in env:
        assert switched["openblas"].upper() == env["OPENBLAS_CORETYPE"].upper(), "OpenBLAS ignored OPENBLAS_CORETYPE"
    if "NPY_DISABLE_CPU_FEATURES" in env:
        assert switched["found"] == [], "numpy ignored NPY_DISABLE_CPU_FEATURES"
    default = subprocess.run([sys.executable, "-c", PROBE_STATISTICS], capture_output=True, text=True, check=True)
    other = subprocess.run([sys.executable, "-c", PROBE_STATISTICS], env=env, capture_output=True, text=True, check=True)
    assert default.stdout != other.stdout, f"same full-precision digits under {changes}: the second run proves nothing"


def nbval(paths: list[Path], env: dict | None = None, cwd: Path = ROOT, options=()) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--nbval",
         "--nbval-current-env", "--nbval-sanitize-with", str(SANITIZE), "--rootdir", str(cwd), *options,
         *map(str, paths)],
        capture_output=True, text=True, timeout=1800, cwd=cwd, env=env,
    )


def test_notebooks_compare_equal_under_another_cpu_dispatch():
    env, changes = other_cpu_environment()
    if "NPY_DISABLE_CPU_FEATURES" not in env and "OPENBLAS_CORETYPE" not in env:
        # the same kernels as the nbval run: a rerun would prove nothing and cost minutes
        pytest.skip(f"this CPU offers numpy and OpenBLAS no alternative kernels ({changes})")
    result = nbval(NOTEBOOKS, env)
    assert result.returncode == 0, f"under {changes}:\n" + result.stdout[-4000:]


# ------------------------------------------------------------ a wrong number still fails
# Two cells, as in a chapter: one glues a number for the prose, one prints a rounded table.
FIXTURE_CELLS = (
    "from rut_edu.reporting import glue\nglue('volatility', 0.2160986663812678 * FACTOR, display=False)",
    "import pandas as pd\npd.Series({'volatility': 0.2160986663812678 * FACTOR, 'ratio': 1.1681 * FACTOR}).round(4)",
)


def _write_fixture(path: Path, factors: tuple[float, float], execute: bool) -> None:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(code.replace("FACTOR", repr(f))) for code, f in zip(FIXTURE_CELLS, factors)]
    if execute:
        NotebookClient(notebook, kernel_name="python3", timeout=60).execute()
        nbformat.write(notebook, path)
        return
    stored = nbformat.read(path, as_version=4)
    for cell, new in zip(stored.cells, notebook.cells):
        cell.source = new.source
    nbformat.write(stored, path)


@pytest.fixture(scope="module")
def stored_fixture(tmp_path_factory) -> Path:
    """The fixture notebook run once, its outputs stored: the reference every variant is compared with."""
    path = tmp_path_factory.mktemp("stored") / "glued.ipynb"
    _write_fixture(path, (1.0, 1.0), execute=True)
    return path


# Each variant: the factors the two cells' numbers are multiplied by, and the cell that must fail (None: none).
VARIANTS = {"unchanged": ((1.0, 1.0), None), "glue_plus": ((1.001, 1.0), 0), "glue_minus": ((0.999, 1.0), 0),
            "table_plus": ((1.0, 1.001), 1), "table_minus": ((1.0, 0.999), 1)}


@pytest.fixture(scope="module")
def variants_checked(stored_fixture, tmp_path_factory) -> str:
    """Every variant of the stored fixture (its numbers scaled, its stored outputs kept), checked by one nbval run
    (one interpreter start rather than five); nbval's report, each test's outcome listed (-rA)."""
    folder = tmp_path_factory.mktemp("variants")
    for name, (factors, _cell) in VARIANTS.items():
        notebook = folder / f"{name}.ipynb"
        shutil.copy(stored_fixture, notebook)
        _write_fixture(notebook, factors, execute=False)
    result = nbval([folder / f"{name}.ipynb" for name in VARIANTS], cwd=folder, options=("-rA",))
    assert result.returncode in (0, 1), result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_number_off_by_a_tenth_of_a_percent_fails_nbval(variants_checked, variant):
    _factors, failing_cell = VARIANTS[variant]
    outcomes = {int(cell): outcome for outcome, cell in
                re.findall(rf"^(PASSED|FAILED) {variant}\.ipynb::Cell (\d+)", variants_checked, re.MULTILINE)}
    assert sorted(outcomes) == [0, 1], variants_checked[-3000:]
    failed = [cell for cell, outcome in outcomes.items() if outcome == "FAILED"]
    assert failed == ([] if failing_cell is None else [failing_cell]), variants_checked[-3000:]
    if failing_cell is not None:
        # the failure's own section of the report (up to the next one) says why: the stored output differs
        section = re.search(rf"_ {variant}\.ipynb::Cell {failing_cell} _+\n(.*?)(?=\n_{{5,}} |\n={{5,}} )",
                            variants_checked, re.DOTALL)
        assert section and f"Cell {failing_cell}: Cell outputs differ" in section.group(1), variants_checked[-3000:]
