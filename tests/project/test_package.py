"""The package as a learner installs it: its layers, its lint, its data, its docstring examples.

The layers are a contract that import-linter checks (``[tool.importlinter]`` in pyproject.toml):
``rut_edu`` never imports the book tooling (``rut_book``) or Sphinx, docutils, MyST-NB, pybtex or
Playwright, and the pure topic modules import neither matplotlib nor ipywidgets. The built wheel, installed
offline into a fresh environment that sees only the pinned libraries, shows the contract holds for what a
learner's pip installs: everything it needs is pinned, at its pin, and nothing of the book's is needed.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BOOK_ONLY = ("sphinx", "docutils", "myst-nb", "myst-parser", "pybtex", "playwright", "jupyter-book", "otter-grader",
             "nbformat", "rut-edu-book")


def test_the_layer_contracts_hold():
    result = subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "3 kept, 0 broken" in result.stdout


def test_the_pure_contract_names_exactly_the_pure_modules_and_every_module_has_a_layer():
    # One list of pure modules (rut_edu.PURE_MODULES); the import-linter contract must guard the same ones, and a
    # new module must be placed in a layer before it can ship.
    import tomllib

    import rut_edu

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    guarded = next(c for c in contracts if "matplotlib" in c["forbidden_modules"])["source_modules"]
    assert sorted(guarded) == sorted(f"rut_edu.{name}" for name in rut_edu.PURE_MODULES)
    shipped = {module.name for module in pkgutil.iter_modules(rut_edu.__path__)}
    layered = {*rut_edu.PURE_MODULES, *rut_edu.DRAWING_MODULES, *rut_edu.WIDGET_MODULES}
    assert shipped == layered, f"modules without a layer: {sorted(shipped - layered)}; gone: {sorted(layered - shipped)}"
    assert all(getattr(rut_edu, name).__name__ == f"rut_edu.{name}" for name in sorted(layered))


def _public_functions():
    import inspect

    import rut_edu

    seen = {}
    for layer in (*rut_edu.PURE_MODULES, *rut_edu.DRAWING_MODULES, *rut_edu.WIDGET_MODULES):
        module = importlib.import_module(f"rut_edu.{layer}")
        for name in getattr(module, "__all__", [n for n in dir(module) if not n.startswith("_")]):
            function = getattr(module, name)
            if inspect.isfunction(function) and function.__module__.startswith("rut_edu"):
                seen[f"{function.__module__}.{function.__name__}"] = function
    return seen


def test_options_are_keyword_only():
    # scikit-learn's habit: data arguments by position, every option (a parameter with a default) by name, so a
    # chapter reads range_strategy(bars, pivot_method="classic", range_filter=True), never a row of bare values
    import inspect

    functions = _public_functions()
    assert len(functions) > 200
    positional_options = {
        qualified: [p.name for p in inspect.signature(function).parameters.values()
                    if p.kind is p.POSITIONAL_OR_KEYWORD and p.default is not p.empty]
        for qualified, function in functions.items()}
    assert {name: options for name, options in positional_options.items() if options} == {}
    with_options = [name for name, f in functions.items()
                    if any(p.kind is p.KEYWORD_ONLY for p in inspect.signature(f).parameters.values())]
    assert len(with_options) > 100


def test_the_fast_lane_refuses_to_start_a_kernel(monkeypatch):
    """`make check` points JUPYTER_PATH at tests/fast_lane: there, the python3 kernel a notebook run or a grading
    asks for is the fast lane's, and it exits at once saying why, so a test that runs notebooks but is not marked
    for `make test` fails in the fast lane instead of slowing it unseen."""
    from jupyter_client.kernelspec import KernelSpecManager

    folder = ROOT / "tests" / "fast_lane"
    recipe = re.search(r"^check:.*?(?=^\S)", (ROOT / "Makefile").read_text(), flags=re.M | re.S).group(0)
    assert "JUPYTER_PATH=$(CURDIR)/tests/fast_lane " in recipe, recipe
    monkeypatch.setenv("JUPYTER_PATH", str(folder))
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert Path(spec.resource_dir) == folder / "kernels" / "python3"
    started = subprocess.run(spec.argv, capture_output=True, text=True, timeout=60)
    assert started.returncode != 0 and "fast lane starts no Jupyter kernel" in started.stderr, started


def test_a_killed_runs_temporary_folder_is_removed_by_the_next_and_a_live_ones_is_kept(tmp_path):
    """A test process removes its own temporary folder when it ends; one killed outright cannot, and the next run
    removes it, but never the folder of a process still running (this run's workers, a run beside it)."""
    import conftest  # tests/conftest.py, as pytest imported it

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                           check=True)
    killed = tmp_path / f"rut-edu-tests-{ended.stdout.strip()}-abc123"  # its process has ended and been reaped
    (killed / "hypothesis").mkdir(parents=True)
    (killed / "hypothesis" / "constants").write_text("left behind")
    alive = tmp_path / f"rut-edu-tests-{os.getpid()}-def456"
    alive.mkdir()
    others = [tmp_path / "rut-edu-tests-notapid-x", tmp_path / "pytest-of-someone"]
    for folder in others:
        folder.mkdir()
    assert conftest.remove_folders_of_ended_runs(tmp_path) == [killed]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([alive.name, *(f.name for f in others)])
    # this process's own folder is named after it, so the next run can tell whether it still runs
    assert conftest._TEMPORARY.name.startswith(f"rut-edu-tests-{os.getpid()}-") and conftest._TEMPORARY.is_dir()


def test_the_code_is_lint_clean():
    result = subprocess.run([str(BIN / "ruff"), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:]


# The code column of a chapter page at 1280 px holds 77 characters (measured in Chromium: 652 px of a 14 px
# monospace font at 8.4 px a character), 75 in a folded cell; notebooks/ruff.toml holds the formatter to 74.
CODE_COLUMN = 74


def test_the_chapters_code_fits_the_websites_column():
    # the formatter keeps code within the column (make format); the check also reads what it cannot break (a long
    # string or comment) in every cell the website shows, folded or not
    import tomllib

    import nbformat

    assert tomllib.loads((ROOT / "notebooks" / "ruff.toml").read_text())["line-length"] == CODE_COLUMN
    result = subprocess.run([str(BIN / "ruff"), "format", "--check", "--no-cache", "notebooks"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"run make format: {result.stdout[-2000:]}"
    long_lines = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for number, cell in enumerate(nbformat.read(path, as_version=4).cells):
            shown = not {"remove-cell", "remove-input"} & set(cell.metadata.get("tags", []))
            if cell.cell_type == "code" and shown:
                long_lines += [(path.name, number, line) for line in cell.source.splitlines() if len(line) > CODE_COLUMN]
    assert long_lines == []


def test_widget_logic_loads_without_a_widget_library():
    # The pure functions behind the widgets (and their colours) load without a plotting or widget library:
    # the widget modules import ipywidgets and matplotlib inside the functions that draw, which a static
    # contract cannot see, so this one check runs an interpreter.
    code = ("import sys, rut_edu.widgets; from rut_edu.widgets import cap_weighting_explorer; "
            "print(','.join(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_glue_writes_what_myst_nb_writes():
    """rut_edu.reporting.glue stands in for myst_nb.glue (so learners need no Sphinx): same output, rounded."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output
    from myst_nb import glue as myst_glue

    InteractiveShell.instance()  # display() is captured only inside a shell, as in a notebook

    from rut_edu.reporting import glue, portable

    for value, display in ((0.2160986663812678, False), (1234, True), ("text", False)):
        with capture_output() as ours:
            glue("name", value, display=display)
        with capture_output() as theirs:
            myst_glue("name", portable(value), display=display)
        assert [(o.data, o.metadata) for o in ours.outputs] == [(o.data, o.metadata) for o in theirs.outputs]
    with capture_output() as rounded:
        glue("x", 0.2160986663812678)
    assert rounded.outputs[0].data == {"application/papermill.record/text/plain": "0.21609867"}
    # a table of named numbers at once: the same outputs, in order
    from rut_edu.reporting import glue_all

    with capture_output() as together:
        glue_all({"a": 0.2160986663812678, "b": "16 March 2020"})
    assert [o.metadata["scrapbook"]["name"] for o in together.outputs] == ["a", "b"]
    assert together.outputs[0].data == rounded.outputs[0].data
    for bad in ({}, [("a", 1.0)], {"": 1.0}, {"a": float("nan")}):
        with pytest.raises(ValueError):
            glue_all(bad)


@pytest.fixture(scope="module")
def built_wheel(tmp_path_factory):
    """The learner's package as pip builds it: a wheel made from a copy of the repository, with this
    environment's setuptools (no build isolation, so nothing is downloaded to build it)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "rut_edu", source / "rut_edu", ignore=shutil.ignore_patterns("__pycache__"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                            "--wheel-dir", str(work / "dist"), str(source)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (work / "dist").glob("rut_edu-*.whl")
    return wheel


def test_the_wheel_carries_every_file_of_the_package(built_wheel):
    # the data, the glossary, the quizzes, the style sheet and the forecast cache reach a learner's install
    import zipfile

    from rut_book import ROOT as BOOK_ROOT
    from rut_book import package_files

    with zipfile.ZipFile(built_wheel) as wheel:
        shipped = {name for name in wheel.namelist() if name.startswith("rut_edu/")}
    expected = {path.relative_to(BOOK_ROOT).as_posix() for path in package_files()}
    assert expected - shipped == set(), f"files the wheel leaves out: {sorted(expected - shipped)[:10]}"
    assert {"rut_edu/data/files/rut_daily.csv", "rut_edu/glossary/terms.yml", "rut_edu/data/SOURCES.md"} <= shipped


def _pins() -> dict[str, str]:
    from rut_book.binder import project_pins

    return project_pins(ROOT)


# Run in the fresh environment: every distribution the installed wheel needs, following Requires-Dist (extras
# left out, environment markers honoured) to the bottom, with its version; and where rut_edu was imported from.
_CLOSURE = """
import importlib.metadata as md, json, re, sys
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
needed, queue = {}, ["rut-edu"]
while queue:
    name = queue.pop()
    if name in needed:
        continue
    dist = md.distribution(name)
    needed[name] = dist.version
    for text in dist.requires or ():
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            queue.append(canonicalize_name(requirement.name))
import rut_edu
print(json.dumps({"needed": needed, "imported_from": rut_edu.__file__}))
"""


@pytest.mark.install
def test_rut_edu_installs_offline_from_its_wheel_against_the_pinned_versions(built_wheel, tmp_path):
    # A new environment that sees the pinned libraries (this environment's, installed from requirements.txt) but
    # not the checkout: the built wheel goes in with no index and no download, pip finds every requirement met,
    # and every module imports from the installed wheel.
    pins = _pins()
    env = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True, timeout=120)
    python = env / "bin" / "python"
    here = subprocess.run([sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    there = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                           capture_output=True, text=True, check=True).stdout.strip()
    # a plain path in a .pth file: the libraries are found, but the checkout's editable install (a .pth of its
    # own in that folder) is not processed, so rut_edu can only come from the wheel
    (Path(there) / "pinned-libraries.pth").write_text(here + "\n")
    offline = {**os.environ, "PIP_NO_INDEX": "1", "PIP_NO_INPUT": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-index", "--no-deps", "--no-compile",
                              str(built_wheel)], capture_output=True, text=True, timeout=300, env=offline)
    assert install.returncode == 0, install.stderr[-3000:]
    check = subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, text=True, timeout=300, env=offline)
    assert check.returncode == 0, check.stdout[-3000:]
    found = subprocess.run([str(python), "-c", _CLOSURE], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert found.returncode == 0, found.stderr[-3000:]
    report = json.loads(found.stdout)
    assert Path(report["imported_from"]).is_relative_to(there), report["imported_from"]
    needed = {name: version for name, version in report["needed"].items() if name != "rut-edu"}
    assert len(needed) > 30, needed  # numpy, pandas, ipywidgets and what they need
    assert not set(needed) & set(BOOK_ONLY), f"book tooling reached a learner's install: {set(needed) & set(BOOK_ONLY)}"
    assert {name: version for name, version in needed.items() if pins.get(name) != version} == {}, \
        "a library the wheel needs is not pinned in requirements.txt, or not at its pinned version"
    code = ("import importlib, pkgutil, rut_edu\n"
            "names = [m.name for m in pkgutil.walk_packages(rut_edu.__path__, 'rut_edu.')]\n"
            "[importlib.import_module(n) for n in names]\n"
            "from rut_edu import data\n"
            "assert data.load_russell2000_daily().shape[0] > 9000\n"
            "print(len(names))")
    run = subprocess.run([str(python), "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    expected = [m.name for m in pkgutil.walk_packages(importlib.import_module("rut_edu").__path__, "rut_edu.")]
    assert int(run.stdout.strip()) == len(expected)


# The oldest Node.js the README supports: Debian 12's (apt-get install nodejs npm).
OLDEST_NODE = (18, 19, 0)


def _node_satisfies(version: tuple[int, int, int], engines: str) -> bool:
    """npm's engines range (the forms the lock files use: >=, >, <, ^, a bare version, x, *, ||) against a
    version."""
    def one(condition: str) -> bool:
        match = re.fullmatch(r"(>=|>|<=|<|\^|=)?\s*v?(\d+|x|\*)(?:\.(\d+|x))?(?:\.(\d+|x))?", condition)
        if match is None:
            raise ValueError(f"engines range {condition!r} is not one this check reads")
        operator, *parts = match.groups()
        if parts[0] in ("x", "*"):
            return True
        given = [int(p) for p in parts if p not in (None, "x")]  # "18" and "18.x" name every 18.*
        bound = tuple(given + [0] * (3 - len(given)))
        compare = {">=": version >= bound, ">": version > bound, "<=": version <= bound, "<": version < bound,
                   "^": version >= bound and version[0] == bound[0]}
        return compare[operator] if operator in compare else version[:len(given)] == tuple(given)

    alternatives = [a.strip() for a in engines.split("||")]
    return any(a in ("", "*") or all(one(c) for c in re.findall(r"[<>=^]*\s*v?[\dx*][\w.*]*", a))
               for a in alternatives)


def test_the_node_packages_run_on_the_node_the_readme_installs():
    """Every package of both lock files (the website's MathJax, the hub's proxy) accepts Debian 12's Node.js:
    make hub warned when the proxy's commander wanted Node 22."""
    assert _node_satisfies((18, 19, 0), ">= 18") and _node_satisfies((20, 1, 0), "^16 || ^18 || >=20")
    assert not _node_satisfies((20, 20, 2), ">=22.12.0") and not _node_satisfies((18, 19, 0), ">= 20")
    assert _node_satisfies((18, 19, 0), "*") and _node_satisfies((18, 19, 0), ">=0.1.90")
    for lock in (ROOT / "classroom" / "package-lock.json", ROOT / "frontend" / "package-lock.json"):
        packages = json.loads(lock.read_text())["packages"]
        for name, package in packages.items():
            engines = package.get("engines")
            node = engines.get("node") if isinstance(engines, dict) else None
            if node:
                assert _node_satisfies(OLDEST_NODE, node), (lock.name, name, node)


def test_the_build_cache_is_forgotten_only_when_it_no_longer_holds(tmp_path):
    """make book's cache check (rut_book.build_cache): cached notebook runs go when rut_edu changes, the Sphinx
    environment when the bibliography does, and nothing goes when neither did."""
    from rut_book import build_cache

    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "references.bib").write_text("@book{a, title={A}}\n")
    build = tmp_path / "_build"
    for cache in (".jupyter_cache", ".doctrees"):
        (build / cache).mkdir(parents=True)
    assert len(build_cache.forget_stale(tmp_path, build)) == 2  # a first build: both stamps written
    assert not (build / ".jupyter_cache").exists() and not (build / ".doctrees").exists()
    for cache in (".jupyter_cache", ".doctrees"):
        (build / cache).mkdir()
    assert build_cache.forget_stale(tmp_path, build) == []
    assert (build / ".jupyter_cache").exists() and (build / ".doctrees").exists()
    (tmp_path / "book" / "references.bib").write_text("@book{a, title={B}}\n")
    assert build_cache.forget_stale(tmp_path, build) == [
        "the bibliography changed since the last build: every page re-reads its citations"]
    assert (build / ".jupyter_cache").exists() and not (build / ".doctrees").exists()
    (build / ".rut_edu-hash").write_text("an older package")
    assert build_cache.forget_stale(tmp_path, build) == [
        "rut_edu changed since the last build: notebooks will be re-executed"]
    assert not (build / ".jupyter_cache").exists()
