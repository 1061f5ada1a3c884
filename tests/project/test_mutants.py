"""The unit tests notice plausible wrong numbers on their own (see tests/mutation_check.py).

Every mutant runs the unit tests in its own copy of the project, a separate process, so they run
side by side, one per CPU core; each test then reads its mutant's outcome.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from mutation_check import MUTANTS, Mutant, run

# Otherwise every mutant would look killed: the copy with nothing changed must pass.
UNMUTATED = Mutant("no change", "rut_edu/periods.py", 'Frequency("daily", None, 252,', 'Frequency("daily", None, 252,')


@pytest.fixture(scope="module")
def outcomes():
    everything = (UNMUTATED, *MUTANTS)
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip(everything, pool.map(run, everything), strict=True))


def test_the_unmutated_copy_passes(outcomes):
    result = outcomes[UNMUTATED]
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_mutant_is_killed_by_a_unit_test(mutant, outcomes):
    result = outcomes[mutant]
    assert result.returncode == 1 and "failed" in result.stdout, (
        f"no unit test noticed: {mutant.name} ({mutant.path}: {mutant.after})\n{result.stdout[-2000:]}"
    )
