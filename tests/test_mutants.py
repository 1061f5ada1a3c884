"""The unit tests notice plausible wrong numbers on their own (see tests/mutation_check.py)."""

from __future__ import annotations

import pytest
from mutation_check import MUTANTS, Mutant, run


def test_the_unmutated_copy_passes():
    # Otherwise every mutant would look killed.
    result = run(Mutant("no change", "rut_edu/periods.py", 'Frequency("daily", None, 252,', 'Frequency("daily", None, 252,'))
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_mutant_is_killed_by_a_unit_test(mutant):
    result = run(mutant)
    assert result.returncode == 1 and "failed" in result.stdout, (
        f"no unit test noticed: {mutant.name} ({mutant.path}: {mutant.after})\n{result.stdout[-2000:]}"
    )
