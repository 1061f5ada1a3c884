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
