"""How make test shares its workers (pytest-xdist, ``-n 3`` from the Makefile's WORKERS), for every path pytest is given.

Three workers on a two-core machine: much of the suite waits (on a browser's page loads and timers, on a Jupyter
server, on a kernel's start, on pip) rather than computes, and a third worker fills those waits. Measured on
this two-core machine with the machine otherwise idle, the same tests: 508 s with two workers, 456 s with three,
452 s with four (by then the two cores are busy throughout).

A group runs whole on one worker: every test stays with its file, so module fixtures (the mutants' outcomes, the
Otter assignments, the website's page visits) are made once and a notebook's cells run in order in one kernel.
The built websites are made once per run whichever worker asks first (``tests/conftest.py``, shared_artefact); the
tests that print or read them apart from the website's own files form one more group, queued after the longest
ones so a worker reaches it once the website is built. xdist's own ``loadgroup`` mode cannot see marks
under pytest 9, so the scheduler groups by node id.
"""

from __future__ import annotations

import pytest

SITE_FIXTURES = {"built_site", "site_url", "content_pages", "student_site_html"}
# The website's own tests: every page read or visited, and what a reader does on a page (two groups).
WEBSITE_FILES = ("tests/site/test_site_pages.py", "tests/site/test_site_interactions.py")
# These read a built website too; grouped apart from its file, they run while the website's own tests do.
WEBSITE_READERS = ("tests/classroom/test_editions.py",
                   "tests/classroom/test_classroom.py::test_handouts_start_with_the_chapter_title",
                   "tests/site/test_launch_config.py::test_chapter_pages_carry_the_launch_menu",
                   "tests/unit/test_glossary.py::test_built_glossary_page_holds_every_term")


def worker_group(nodeid: str) -> str:
    """The worker group of a test: "website readers" for the tests listed above, else its file."""
    path = nodeid.split("::", 1)[0]
    if path in WEBSITE_READERS or nodeid.split("[", 1)[0] in WEBSITE_READERS:
        return "website readers"
    return path


# The longest groups start first, and the many short files fill in around them (longest-first is the classic
# rule for finishing a set of jobs on several machines early). Measured on two cores with three workers: the
# website's pages (the build first) and its interactions (waiting for that build) take three and a half to four
# minutes each, the classroom three, the website's readers, the mutation check, the fresh install and the
# portability rerun one to one and a half each; the three workers finish within 20 s of each other.
LONGEST_FIRST = (*WEBSITE_FILES, "tests/classroom/test_classroom.py", "website readers", "tests/project/test_mutants.py",
                 "tests/project/test_package.py", "tests/chapters/test_portability.py")


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class ByGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return worker_group(nodeid)

        def _assign_work_unit(self, node) -> None:
            # Move the longest groups to the front of the queue before the first one is handed out. (The order
            # of the collection itself must not change: a worker is told which tests to run by their index
            # in its own collection.)
            if not getattr(self, "_longest_first", False):
                for group in reversed(LONGEST_FIRST):
                    if group in self.workqueue:
                        self.workqueue.move_to_end(group, last=False)
                self._longest_first = True
            super()._assign_work_unit(node)

    return ByGroup(config, log)


def pytest_collection_modifyitems(items):
    # A test elsewhere that reads a built website would wait for the build wherever it lands: list it above.
    for item in items:
        group = worker_group(item.nodeid)
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())) and group not in (*WEBSITE_FILES, "website readers"):
            raise pytest.UsageError(f"{item.nodeid} uses a built website: add it to WEBSITE_READERS in conftest.py")
