"""How make test shares its two workers (pytest-xdist, ``-n 2`` in pyproject.toml), for every path pytest is given.

A group runs whole on one worker: every test of the built websites shares one build, and every other test stays
with its file, so module fixtures (the mutants' outcomes, the Otter assignments) are made once and a notebook's
cells run in order in one kernel. xdist's own ``loadgroup`` mode cannot see marks under pytest 9, so the
scheduler groups by node id, and collection checks that every test of a built website is in the website group.
"""

from __future__ import annotations

import pytest

SITE_FIXTURES = {"built_site", "site_url", "content_pages", "student_site_html"}
WEBSITE_FILES = ("tests/site/test_site.py", "tests/classroom/test_editions.py")
WEBSITE_TESTS = ("tests/classroom/test_classroom.py::test_handouts_start_with_the_chapter_title",
                 "tests/site/test_launch_config.py::test_chapter_pages_carry_the_launch_menu",
                 "tests/unit/test_glossary.py::test_built_glossary_page_holds_every_term")


def worker_group(nodeid: str) -> str:
    """The worker group of a test: "website" for the built sites' tests, else its file."""
    path = nodeid.split("::", 1)[0]
    if path in WEBSITE_FILES or nodeid.split("[", 1)[0] in WEBSITE_TESTS:
        return "website"
    return path


# The longest groups start first, each on its own worker, and the many short files fill in around them
# (longest-first is the classic rule for finishing a set of jobs on two machines early). Measured on two cores:
# the built websites' tests take several minutes, the mutation check, Otter grading and the fresh install
# one to two each; everything else seconds.
LONGEST_FIRST = ("website", "tests/project/test_mutants.py", "tests/classroom/test_classroom.py",
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
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())) and worker_group(item.nodeid) != "website":
            raise pytest.UsageError(f"{item.nodeid} uses a built website: add it to WEBSITE_TESTS in conftest.py")
