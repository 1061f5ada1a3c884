# rut-edu: the two commands that matter are `make book` and `make test` (see README.md).
# Every target is idempotent: a second run only redoes what changed.

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
PORT    ?= 8000
STUDENT_PORT ?= 8001
SITE    := _build/html
STUDENT_SITE := _build/student/_build/html
# NETWORK=1 serves a website to the local network (a classroom); by default only this machine can open it.
SERVE_ON := $(if $(NETWORK),--network)

INSTALLED := $(VENV)/.installed
ASSETS    := frontend/dist/vendor/.copied

.PHONY: help setup assets cache-check book data outputs serve serve-student grade lab learner student assignments variants handouts hub hub-setup binder lock sizing test check format chromium bench clean

help:
	@echo "make book    set up everything, build the website (runs every notebook), print where it is"
	@echo "make test    set up everything and run the whole test suite (unit, property, nbval, build, browser)"
	@echo "make data    refresh the data from their publishers (FROM=dir: files downloaded by hand), validate, swap in"
	@echo "make outputs after new data: refit the forecast cache once, re-run every chapter in place (stored outputs)"
	@echo "make serve   serve the built site on http://127.0.0.1:$(PORT) (NETWORK=1: to the local network)"
	@echo "make serve-student  serve the student website on http://127.0.0.1:$(STUDENT_PORT) (NETWORK=1 too)"
	@echo "make lab     build the learner edition and open it (and the source notebooks) in JupyterLab"
	@echo "make student the student edition: notebooks and a website with every solution removed"
	@echo "make assignments  one autograded (Otter-Grader) assignment per chapter, and the term project"
	@echo "make variants ROSTER=<csv>  each student's own numbers: a notebook per student, a class autograder (HOMES=: into hub folders, HOME_PREFIX=jupyter- on TLJH)"
	@echo "make grade ASSIGNMENT=<name>  grade handed-in/ into grades/ (rut-book grade; SUBMISSIONS=, RESULTS=)"
	@echo "make handouts     every chapter printed to PDF, teacher and student versions"
	@echo "make hub     a JupyterHub for a class rehearsal on http://127.0.0.1:8010 (see the teacher's guide)"
	@echo "make lock    re-resolve requirements.in into requirements.txt with pip-compile, hashes included, then make binder"
	@echo "make sizing  measure each chapter's run time, CPU and memory for the teacher's guide (classroom/sizing.json)"
	@echo "make check   the fast lane for day-to-day work: lint, chapter code format, layer contracts, unit, property and doctest tests"
	@echo "make format  format the chapters' code to the website's column (ruff format, notebooks/ruff.toml)"
	@echo "make bench   print import, data, build, chapter, nbval, widget and make check timings (FULL=1: make test too)"

setup: $(INSTALLED) $(ASSETS)

# uv installs the locked wheels, every one checked against its hash, and compiles them as pip does (else every
# first import in the test run compiles), in under half the minute pip took of a fresh clone's make test; it is
# pinned here, as pip-tools is for make lock. (pip stays in .venv: the package test builds the wheel with it.)
UV := uv==0.13.10
$(INSTALLED): requirements.txt pyproject.toml tooling/pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "rut-edu needs Python 3.11 or newer; set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip $(UV)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes --compile-bytecode -r requirements.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e . -e tooling
	touch $@

$(ASSETS): frontend/package.json frontend/package-lock.json frontend/copy_assets.py
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js and npm (Debian: apt-get install nodejs npm)"; exit 1; }
	cd frontend && npm ci --no-audit --no-fund --ignore-scripts
	$(BIN)/python frontend/copy_assets.py
	touch $@

assets: $(ASSETS)

# Jupyter Book's cache keys on code cells only: when rut_edu (code or data) or the bibliography changes,
# rut_book.build_cache forgets the cached runs or pages that no longer hold.
cache-check: setup
	@$(BIN)/python -m rut_book.build_cache

book: setup cache-check
	$(BIN)/jupyter-book build .
	@echo
	@echo "The course website is at $(CURDIR)/$(SITE)/index.html"
	@echo "Serve it with: make serve   (then open http://127.0.0.1:$(PORT))"

data: setup
	$(BIN)/python -m rut_edu.data refresh $(if $(FROM),--from $(FROM))

# After the data change (a refresh, a teacher's vintage): the forecast grid is refitted and its cache written once,
# then every chapter runs top to bottom in place, so nbval, the websites and the editions carry the new numbers.
outputs: setup
	$(BIN)/python -m rut_edu.forecasting
	cd notebooks && for notebook in *.ipynb; do \
		../$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
			--ExecutePreprocessor.store_widget_state=True "$$notebook" || exit 1; \
	done

serve:
	@test -f $(SITE)/index.html || { echo "No site yet: run make book first"; exit 1; }
	$(BIN)/python -m rut_book.servers $(SITE) $(PORT) $(SERVE_ON)

# The student website, at the address the student notebooks link to until the course is published.
serve-student:
	@test -f $(STUDENT_SITE)/index.html || { echo "No student site yet: run make student first"; exit 1; }
	$(BIN)/python -m rut_book.servers $(STUDENT_SITE) $(STUDENT_PORT) $(SERVE_ON)

# The learner edition (plain markdown, numbers filled in) opens first; jupyterlab-myst, installed with the
# pinned requirements, also renders the MyST source notebooks in notebooks/.
learner: setup
	$(BIN)/python -m rut_book.editions learner

# Containers usually run as root, which Jupyter refuses without --allow-root.
lab: learner
	$(BIN)/jupyter lab --ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/_build/learner \
		$$(test "$$(id -u)" = 0 && echo --allow-root)

student: setup
	$(BIN)/python -m rut_book.editions student
	$(BIN)/rut-book student-site

assignments: setup
	$(BIN)/python -m rut_book.editions assignments

# Each student's own numbers: make variants ROSTER=roster.csv [HOMES=_build/hub/home] (see the teacher's guide;
# on The Littlest JupyterHub, HOMES=/home HOME_PREFIX=jupyter-).
# The course secret (.course-secret, made on first use, never committed) and the roster give the same notebooks.
VARIANTS := _build/variants
variants: setup
	@test -n "$(ROSTER)" || { echo "name the class list: make variants ROSTER=roster.csv (one student id per row)"; exit 2; }
	$(BIN)/rut-book variants $(ROSTER) $(VARIANTS) $(if $(HOMES),--homes $(HOMES)) $(if $(HOME_PREFIX),--home-prefix $(HOME_PREFIX))

# Grade a class folder: make grade ASSIGNMENT=03_small_caps_volatility [SUBMISSIONS=handed-in] [RESULTS=grades]
# (the same as .venv/bin/rut-book grade with that assignment's autograder zip; see the teacher's guide). After
# make variants, the class autograder grades each student against their own numbers.
SUBMISSIONS ?= handed-in
RESULTS ?= grades
grade: setup
	@test -n "$(ASSIGNMENT)" || { echo "name the assignment: make grade ASSIGNMENT=03_small_caps_volatility"; exit 2; }
	@test -n "$$(ls $(VARIANTS)/autograder/$(ASSIGNMENT)-autograder.zip _build/assignments/$(ASSIGNMENT)/dist/autograder/*.zip 2>/dev/null)" || \
		{ echo "no autograder for $(ASSIGNMENT): run make assignments (or make variants) first"; exit 2; }
	$(BIN)/rut-book grade $$(ls $(VARIANTS)/autograder/$(ASSIGNMENT)-autograder.zip 2>/dev/null || \
		ls _build/assignments/$(ASSIGNMENT)/dist/autograder/*.zip) $(SUBMISSIONS) $(RESULTS)

handouts: book student
	$(BIN)/python -m rut_book.editions handouts --site _build/html --out _build/handouts
	$(BIN)/python -m rut_book.editions handouts --student --site _build/student/_build/html --out _build/handouts

HUB_PROXY := classroom/node_modules/.bin/configurable-http-proxy
$(HUB_PROXY): classroom/package.json classroom/package-lock.json
	cd classroom && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

hub-setup: setup $(HUB_PROXY)

hub: hub-setup student
	$(BIN)/python -m rut_book.editions rehearsal
	@echo "Students log in at http://127.0.0.1:8010 with any name and the password rut-edu-class; Ctrl-C stops it."
	$(BIN)/jupyterhub -f classroom/jupyterhub_config.py

# Binder and the hub image read only binder/: the project's exact pins that a notebook session needs.
binder: setup
	$(BIN)/python -m rut_book.binder

# Re-resolve the pins of requirements.in with pip-compile (pip-tools), every file's sha256 beside its pin, keeping
# the versions already locked unless requirements.in moves them; then Binder's subset follows. pip-tools lives in a
# venv of its own (inside .venv, so ignored like it): in the project's it is a package outside the pins, and the
# install test's pip check fails on the pip it asks for.
PIP_TOOLS := pip-tools==7.7.0
LOCK_VENV := $(VENV)/lock-tools
lock: setup
	test -x $(LOCK_VENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/python -m pip install --quiet $(PIP_TOOLS); }
	$(LOCK_VENV)/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links --no-emit-index-url --quiet \
		--output-file requirements.txt requirements.in
	$(BIN)/python -m rut_book.binder

# Measure each chapter's run (time, CPU, peak memory) and a JupyterLab server for the teacher's guide.
sizing: setup
	$(BIN)/python -m rut_book.editions sizing

# Browser checks need Debian's chromium; install it when it is missing and we can.
chromium:
	@if [ -x /usr/bin/chromium ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"; \
	else echo "Chromium is missing and cannot be installed without root: run 'sudo apt-get install chromium', then make test"; exit 1; fi; \
	echo "Installing Debian chromium for the browser checks"; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null \
	|| { echo "Installing chromium failed: run 'apt-get install chromium' by hand, then make test"; exit 1; }

# Three pytest-xdist workers on two cores: a third fills the time the others wait on browsers, servers and kernels.
# xdist's own loadfile mode keeps each test file on one worker (its module fixtures are made once, a notebook's cells
# run in order in one kernel), and --no-loadscope-reorder hands the files out in collection order, which testpaths
# in pyproject.toml starts with the suites that take longest (the chapters' runs, the websites, the classroom).
WORKERS ?= 3
test: setup chromium cache-check $(HUB_PROXY)
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadfile --no-loadscope-reorder

# The fast lane: no book build, no browser, no notebook run, no classroom, no mutants (make test runs them all).
FAST_LANE := not build and not browser and not install and not classroom and not mutation
check: setup
	$(BIN)/ruff check --no-cache .
	$(BIN)/ruff format --check --no-cache notebooks
	$(BIN)/lint-imports --no-cache
	JUPYTER_PATH=$(CURDIR)/tests/fast_lane $(BIN)/python -m pytest -o addopts="-p no:cacheprovider --doctest-modules" \
		-m "$(FAST_LANE)" rut_edu tooling/rut_book tests

# The chapters' code as the website shows it: formatted to the code column's width (notebooks/ruff.toml).
format: setup
	$(BIN)/ruff format --no-cache notebooks

bench: setup
	RUT_BENCH_FULL=$(FULL) $(BIN)/python tests/benchmarks/run.py

clean:
	rm -rf _build frontend/dist
