"""Shared fixtures: the strict book build, a local web server and a headless browser."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir
from rut_book import (
    WIDGET_CACHE_ENV,
    browsers,  # the one browser launcher: the handouts and make bench use it too
)

# Tests write only under temporary folders, this process's own removed when the run ends (a killed run's by the
# next run). Hypothesis keeps no example database, and its other files (a cache of constants) go there, not to
# .hypothesis/ here; so do the website builds' rendered widget grids (rut_book.widget_grid keeps them between
# builds), not to _build/ here (the built_site fixture moves them to a folder the workers share).
_TEMPORARY_PREFIX = "rut-edu-tests-"


def remove_folders_of_ended_runs(under: Path) -> list[Path]:
    """Remove the temporary folders (``rut-edu-tests-<pid>-*``) of test processes that no longer run.

    A process ends its own folder in pytest_unconfigure, but one killed outright (SIGKILL, a machine stopping a
    job) cannot; the next run removes it. A folder whose process is alive (this run's other workers, another
    run beside it) or belongs to another user is left alone. Returns what was removed.
    """
    removed = []
    for folder in sorted(under.glob(f"{_TEMPORARY_PREFIX}*-*")):
        pid = folder.name[len(_TEMPORARY_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or not folder.is_dir():
            continue
        try:
            os.kill(int(pid), 0)  # signal 0 sends nothing: it asks whether the process exists
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        except PermissionError:  # alive, another user's
            pass
    return removed


remove_folders_of_ended_runs(Path(tempfile.gettempdir()))
_TEMPORARY = Path(tempfile.mkdtemp(prefix=f"{_TEMPORARY_PREFIX}{os.getpid()}-"))
# No wall-clock limit on an example (Hypothesis's deadline and its too-slow health check): a shared machine is
# slow at random, and speed is measured by make bench, not asserted by a test.
settings.register_profile("rut-edu", database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("rut-edu")
set_hypothesis_home_dir(_TEMPORARY / "hypothesis")
os.environ[WIDGET_CACHE_ENV] = str(_TEMPORARY / "widget-grid-cache")


def pytest_unconfigure(config):
    shutil.rmtree(_TEMPORARY, ignore_errors=True)

ROOT = Path(__file__).resolve().parents[1]


def jupyter_book() -> str:
    exe = Path(sys.executable).with_name("jupyter-book")
    if not exe.exists():
        pytest.fail(f"jupyter-book is not installed beside {sys.executable}: run make setup")
    return str(exe)


def _run_root(tmp_path_factory) -> Path:
    """The run's temporary root, which every xdist worker shares (a worker's own folder lies inside it)."""
    root = tmp_path_factory.getbasetemp()
    return root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root


def shared_artefact(tmp_path_factory, name: str, make) -> Path:
    """``make(folder)`` once per test run, whichever worker asks first; every worker gets the same result.

    Under pytest-xdist each worker has its own session, so a session fixture alone would build a website once per
    worker. The folder lives in the run's shared temporary root, and a lock makes a second worker wait for the
    first one's build instead of starting its own. A failed build is not marked done: the next worker to ask tries again.
    """
    import fcntl

    root = _run_root(tmp_path_factory)
    folder, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            done.write_text(str(make(folder)))
    return Path(done.read_text())


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The website, built once per run (see :func:`shared_artefact`). Its rendered widget grids are kept in the
    run's shared temporary folder, where the student site's build finds them."""
    os.environ[WIDGET_CACHE_ENV] = str(_run_root(tmp_path_factory) / "widget-grid-cache")
    return shared_artefact(tmp_path_factory, "book", _build_site)


def _build_site(out: Path) -> Path:
    """Build the whole book the strict way (every page, warnings are errors) into ``out``; return the site.

    From the notebooks' stored outputs, as the student site is: in make test every notebook runs once, under
    nbval, which fails if a stored output differs from a fresh run, so a second run here would prove nothing.
    (That a cell which raises fails a build that executes is tests/chapters/test_failures_are_caught.py.)
    """
    import yaml

    site = out / "_build" / "html"
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["execute"]["execute_notebooks"] = "off"
    stored_outputs = out / "_config.yml"
    stored_outputs.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = subprocess.run(
        [jupyter_book(), "build", "--all", "-W", "-n", "--keep-going", "--config", str(stored_outputs),
         "--path-output", str(out), str(ROOT)],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-60:])
        pytest.fail(f"strict book build failed (exit {result.returncode}):\n{tail}")
    assert (site / "index.html").is_file()
    return site


@pytest.fixture(scope="session")
def student_site_html(built_site, tmp_path_factory) -> Path:
    """The student website (no solutions), built once per run the strict way, under tmp."""
    from rut_book.editions import student_site

    return shared_artefact(tmp_path_factory, "student", lambda folder: student_site.build(ROOT, folder))


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Serve the built site on 127.0.0.1 at a free port for the browser checks, compressed as a static host does."""
    from rut_book.servers import served_site

    with served_site(built_site) as address:
        yield address


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. A missing browser is a failure, never a skip."""
    if not browsers.installed():
        pytest.fail(f"Chromium not found at {browsers.CHROMIUM}: install it (apt-get install chromium) or run make test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = browsers.launch(playwright)
        try:
            yield instance
        finally:
            instance.close()


def html_pages(site: Path) -> list[Path]:
    """The content pages of the built site (not search/genindex plumbing, not vendored files)."""
    skip = {"genindex.html", "search.html"}
    return sorted(
        p for p in site.rglob("*.html")
        if p.name not in skip and not p.relative_to(site).parts[0].startswith(("_", "vendor"))
    )


@pytest.fixture(scope="session")
def content_pages(built_site: Path) -> list[str]:
    return [p.relative_to(built_site).as_posix() for p in html_pages(built_site)]


# Markers follow from what a test uses, so they cannot drift: `make check` (the fast lane) leaves out every
# test marked build, browser, install, classroom or mutation.
BUILD_FIXTURES = {"built_site", "site_url", "content_pages", "student_site_html", "built_assignments",
                  "learner_editions", "student_editions", "stored_fixture"}
# A module whose tests run notebooks, grade a class or make mutants without a fixture that says so. A module left
# out of this list does not slip into the fast lane unseen: `make check` points JUPYTER_PATH at tests/fast_lane,
# whose python3 kernel refuses to start and says why, so such a test fails there at once.
MODULE_MARKERS = {"test_classroom": "classroom", "test_grading_a_class": "classroom", "test_variants": "classroom",
                  "test_mutants": "mutation", "test_failures_are_caught": "build", "test_portability": "build",
                  "test_vintages": "build"}


def pytest_collection_modifyitems(items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if fixtures & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        module = getattr(item, "module", None)
        marker = MODULE_MARKERS.get(module.__name__.rsplit(".", 1)[-1]) if module is not None else None
        if marker:
            item.add_marker(getattr(pytest.mark, marker))

