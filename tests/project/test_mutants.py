"""The unit tests notice plausible wrong numbers on their own (see tests/mutation_check.py).

Every mutant runs the unit tests in its own copy of the project, in a process forked from a warm runner, so they run
side by side, one per CPU core; each test then reads its mutant's outcome. A mutant first meets the one
test known to kill it, and only if that test passes, its module's test file and then every unit test.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from mutation_check import MUTANTS, close_runners, run, run_unmutated, stages


@pytest.fixture(scope="module")
def outcomes():
    try:
        with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
            yield dict(zip(MUTANTS, pool.map(run, MUTANTS), strict=True))
    finally:
        close_runners()  # the warm pytest runners the mutants used (each answers one thread at a time)


def test_the_unmutated_copy_passes_every_test_that_killed_a_mutant(outcomes):
    # Otherwise a mutant could look killed by a test that fails anyway: the copy with nothing changed must pass
    # every test that decided a mutant's fate (the known killers, and any stage a stale hint fell back to).
    deciding = [test for outcome in outcomes.values() for test in outcome.tests]
    result = run_unmutated(deciding).result
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_mutant_is_killed_by_a_unit_test(mutant, outcomes):
    outcome = outcomes[mutant]
    assert outcome.killed, (
        f"no unit test noticed: {mutant.name} ({mutant.path}: {mutant.after})\n{outcome.result.stdout[-2000:]}"
    )


def test_every_mutant_names_the_test_that_kills_it():
    # the hint keeps the check fast; a new mutant without one still runs, through its module's tests
    assert all(mutant.killer and stages(mutant)[0] == (mutant.killer,) for mutant in MUTANTS)
