"""Launch routes: Binder installs what the project pins, the hub config matches it, and every launch link on
the website comes from the one rut_editions block, with an unset hub shown as a placeholder, never a link."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from rut_book import launch_directive
from rut_book.editions import build as editions
from rut_book.editions import sizing

ROOT = Path(__file__).resolve().parents[2]


def pins(path: Path) -> dict[str, str]:
    # pip-compile's lock format: "name==version \\", then its "--hash=sha256:..." lines and "# via" comments
    found, hashed, name = {}, set(), None
    for line in path.read_text().splitlines():
        line = line.strip()
        if line.startswith("--hash=sha256:"):
            hashed.add(name)
        elif line and not line.startswith("#"):
            name, _, version = line.rstrip("\\ ").partition("==")
            assert version, f"{path.name}: {line!r} is not an exact pin"
            name = name.lower().replace("_", "-")
            found[name] = version
    assert hashed == set(found), f"{path.name}: pins without a hash: {sorted(set(found) - hashed)}"
    return found


def test_binder_installs_the_project_pins_a_session_needs_and_no_test_or_build_tools():
    from rut_book import binder as binder_pins

    project, binder = pins(ROOT / "requirements.txt"), pins(ROOT / "binder" / "requirements.txt")
    assert (ROOT / "binder" / "requirements.txt").read_text() == binder_pins.requirements(ROOT), "run make binder"
    assert all(project[name] == version for name, version in binder.items()), "a Binder pin differs from the project's"
    for needed in ("pandas", "matplotlib", "ipywidgets", "jupyterquiz", "jupyterlab", "jupyterlab-myst", "statsmodels",
                   "scikit-learn", "exchange-calendars", "nbgitpuller", "jupyterhub", "otter-grader", "pybtex"):
        assert needed in binder, needed
    # (Playwright's Python package is in: Otter asks for nbconvert[webpdf], and pip's hash-checking mode installs
    # nothing whose dependencies are not all pinned; the browsers and the test tools stay out)
    for left_out in ("axe-playwright-python", "pytest", "hypothesis", "nbval", "ta-lib", "jupyter-book",
                     "ruff", "import-linter", "pypdf", "sphinx-book-theme", "pytest-xdist"):
        assert left_out not in binder, left_out
    assert {"tinycss2", "webcolors"} <= set(binder), "the extras a session's packages ask for are pinned too"
    assert len(binder) < len(project) - 40


def test_binder_pins_the_python_the_project_runs_on():
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-3\.\d+", runtime)
    major_minor = tuple(int(x) for x in runtime.removeprefix("python-").split("."))
    pyproject = (ROOT / "pyproject.toml").read_text()
    minimum = tuple(int(x) for x in re.search(r'requires-python = ">=(\d+\.\d+)"', pyproject)[1].split("."))
    assert major_minor >= minimum
    assert major_minor == sys.version_info[:2], "Binder should run the Python the pins were frozen and tested on"


def test_binder_postbuild_installs_the_package_and_the_learner_edition():
    script = (ROOT / "binder" / "postBuild").read_text()
    assert script.startswith("#!/bin/bash") and "set -euo pipefail" in script
    assert "pip install --no-deps -e ." in script, "dependencies come from binder/requirements.txt"
    assert "python -m rut_book.editions learner" in script
    assert (ROOT / "binder" / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"


def test_zero_to_jupyterhub_config_matches_the_project():
    config = yaml.safe_load((ROOT / "classroom" / "z2jh-config.yaml").read_text())
    single = config["singleuser"]
    project = pins(ROOT / "requirements.txt")
    # the image is this repository's (repo2docker reads binder/), and it carries what the hub needs
    assert "rut-edu" in single["image"]["name"] and single["image"]["tag"]
    assert single["cmd"] == "jupyterhub-singleuser" and "jupyterhub" in project
    assert "nbgitpuller" in project, "students open the student edition with nbgitpuller links"
    assert single["defaultUrl"] == "/lab" and "jupyterlab" in project
    limit, guarantee = single["memory"]["limit"], single["memory"]["guarantee"]
    assert re.fullmatch(r"\d+G", limit) and re.fullmatch(r"\d+G", guarantee)
    # the guarantee covers what one student needs as measured (classroom/sizing.json), the limit two of them
    needed_mb = sizing.per_student_mb(sizing.load())
    assert int(guarantee[:-1]) * 1024 >= needed_mb and int(limit[:-1]) * 1024 >= 2 * needed_mb
    assert config["cull"]["enabled"] and config["scheduling"]["userPlaceholder"]["enabled"]


def test_local_hub_stays_on_this_machine():
    text = (ROOT / "classroom" / "jupyterhub_config.py").read_text()
    assert 'c.JupyterHub.ip = "127.0.0.1"' in text and 'c.JupyterHub.hub_ip = "127.0.0.1"' in text
    assert 'c.Spawner.ip = "127.0.0.1"' in text
    package = (ROOT / "classroom" / "package.json").read_text()
    assert re.search(r'"configurable-http-proxy": "\d+\.\d+\.\d+"', package), "the proxy is pinned exactly"


def test_launch_links_come_from_one_block():
    config = editions.EditionsConfig(**{**editions.EditionsConfig.load(ROOT).__dict__, "published": True})
    links = config.launch_links("02_cap_weighting")
    assert links["binder"] == ("https://mybinder.org/v2/gh/rut-edu/rut-edu/main"
                               "?urlpath=lab/tree/_build/learner/02_cap_weighting.ipynb")
    assert links["colab"] == ("https://colab.research.google.com/github/rut-edu/rut-edu-learner/blob/main/"
                              "02_cap_weighting.ipynb")
    assert config.jupyterhub is None and links["jupyterhub"] is None
    hub = editions.EditionsConfig(**{**config.__dict__, "jupyterhub": "https://hub.example.org/"})
    url = urlparse(hub.launch_links("02_cap_weighting")["jupyterhub"])
    query = parse_qs(url.query)
    assert (url.netloc, url.path) == ("hub.example.org", "/hub/user-redirect/git-pull")
    assert query == {"repo": [config.student_repository], "branch": ["main"],
                     "urlpath": ["lab/tree/rut-edu-student/02_cap_weighting.ipynb"]}


def test_every_launch_route_of_the_student_site_opens_the_student_edition():
    config = editions.EditionsConfig(**{**editions.EditionsConfig.load(ROOT).__dict__, "published": True})
    hub = editions.EditionsConfig(**{**config.__dict__, "jupyterhub": "https://hub.example.org/"})
    links = hub.launch_links("02_cap_weighting", "student")
    assert links["binder"] == ("https://mybinder.org/v2/gh/rut-edu/rut-edu-student/main"
                               "?urlpath=lab/tree/02_cap_weighting.ipynb")
    assert links["colab"] == ("https://colab.research.google.com/github/rut-edu/rut-edu-student/blob/main/"
                              "02_cap_weighting.ipynb")
    assert all("rut-edu-student" in url and "learner" not in url for url in links.values())
    menu = launch_directive.launch_menu(hub, "02_cap_weighting", "student")
    assert [b["tooltip"] for b in menu["buttons"][1:3]] == ["Run the student edition on Binder",
                                                            "Open the student edition in Google Colab"]
    assert [b["text"] for b in menu["buttons"]] == [launch_directive.LOCAL_ROUTE, "Binder", "Colab", "JupyterHub"]
    with pytest.raises(ValueError, match="site must be one of"):
        config.launch_links("02_cap_weighting", "learner")


def test_before_publication_the_run_menu_offers_only_what_works(tmp_path):
    """Unpublished, the menu holds one route that works today (How to run it's JupyterLab steps) and no entry
    for Binder, Colab or a hub that does not exist yet."""
    config = editions.EditionsConfig.load(ROOT)
    assert config.published is False and config.site == "http://127.0.0.1:8000/"
    for site in ("teacher", "student"):
        links = config.launch_links("02_cap_weighting", site)
        assert links == {"binder": None, "colab": None, "jupyterhub": None}
        menu = launch_directive.launch_menu(config, "02_cap_weighting", site, "../book/how-to-run.html")
        assert [(b["text"], b["url"]) for b in menu["buttons"]] == [
            (launch_directive.LOCAL_ROUTE, "../book/how-to-run.html#in-jupyterlab")]
        edition = "student" if site == "student" else "learner"
        assert f"the {edition} edition" in menu["buttons"][0]["tooltip"]
    learner = editions.first_cells(config, "02_cap_weighting", "T", "learner")[0].source
    assert "http://127.0.0.1:8000/notebooks/02_cap_weighting.html" in learner and config.website not in learner
    block = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"]["rut_editions"]
    with pytest.raises(ValueError, match="set local_site and local_student_site"):
        editions.EditionsConfig.load(_config_with(tmp_path / "a", block, local_site=None))
    with pytest.raises(ValueError, match="published must be true or false"):
        editions.EditionsConfig.load(_config_with(tmp_path / "b", block, published="no"))


def _config_with(folder: Path, block: dict, **changes) -> Path:
    folder.mkdir()
    (folder / "_config.yml").write_text(yaml.safe_dump({"sphinx": {"config": {"rut_editions": {**block, **changes}}}}))
    return folder


def test_config_block_rejects_unknown_or_missing_keys(tmp_path):
    for name in ("_config.yml", "_toc.yml"):
        (tmp_path / name).write_text((ROOT / name).read_text())
    text = (tmp_path / "_config.yml").read_text().replace("      jupyterhub: null\n", "      jupyterhb: null\n")
    (tmp_path / "_config.yml").write_text(text)
    with pytest.raises(ValueError, match=r"missing \['jupyterhub'\], unknown \['jupyterhb'\]"):
        editions.EditionsConfig.load(tmp_path)


def test_chapter_pages_carry_the_launch_menu(built_site):
    page = (built_site / "notebooks" / "02_cap_weighting.html").read_text()
    assert launch_directive.LOCAL_ROUTE in page and 'href="../book/how-to-run.html#in-jupyterlab"' in page
    how_to_run = (built_site / "book" / "how-to-run.html").read_text()
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", how_to_run))
    assert 'id="in-jupyterlab"' in how_to_run and "make lab writes the learner edition" in words  # the target says how
    if editions.EditionsConfig.load(ROOT).published:
        assert "colab.research.google.com/github/rut-edu/rut-edu-learner/blob/main/02_cap_weighting.ipynb" in page
        assert "_build/learner/02_cap_weighting.ipynb" in page
    else:  # nothing leads to an address that does not exist yet
        assert "mybinder.org" not in page and "colab.research.google.com" not in page
        assert "github.com/rut-edu" not in page, "no link to the unpublished repository (buttons, issues, edit)"
        assert "not published yet" not in page and "not set up" not in page
    # every widget note links the route that works today
    notes = re.findall(r'<p class="rut-widget-note" role="note">(.*?)</p>', page)
    assert notes and all('href="../book/how-to-run.html#in-jupyterlab"' in note for note in notes)
    assert "jupyterhub.example" not in page and "git-pull" not in page
    guide = (built_site / "book" / "teachers-guide.html").read_text()
    assert 'id="launch-on-your-hub"' in guide
