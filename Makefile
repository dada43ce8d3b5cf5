# CSTO in Data: every target bootstraps .venv on first use.
#   make lab        open the course in JupyterLab (installs only what a learner needs)
#   make test       the whole test suite (library, data, notebooks, grading, browser, hub)
#   make nbval      only the lessons under nbval (part of make test)
#   make bench      the benchmarks (ratios against floors, written to bench/results.json)
#   make exercises  regenerate exercises/ from solutions/
#   make notebooks  re-execute the lessons and store their outputs
#   make learner-edition  the course without answers, in build/learner-edition/
#   make hub        a local JupyterHub with learner accounts (as root; see README)
#   make site       the course website, its PDF and offline zip, in build/site/html (offline)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PYTEST_ARGS ?=

.PHONY: install install-lab install-bench hub hub-node learner-edition lab test nbval test-fast bench exercises notebooks system-deps clean site site-deps

# --- installs: one stamp per set of extras (BEGIN install stamps) ---------------------------
# `make lab` installs the course alone ($(LAB_STAMP)); `make install`/`make test` add the test
# extras ($(STAMP)), `make bench` the benchmark extras too ($(BENCH_STAMP)). A fuller install
# also satisfies the lighter ones (it touches their stamps), and a learner-only .venv is
# upgraded by the first `make test`. Each stamp is older than pyproject.toml after an edit there,
# so the next target reinstalls.
LAB_STAMP   := $(VENV)/.installed-lab
STAMP       := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check

define make_venv
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PIP_INSTALL) --upgrade pip
endef

install-lab: $(LAB_STAMP)
install: $(STAMP)
install-bench: $(BENCH_STAMP)

$(LAB_STAMP): pyproject.toml
	$(make_venv)
	@echo "Installing the course into $(VENV) (first time takes a minute or two)..."
	@$(PIP_INSTALL) -e .
	@# an editable install is not byte-compiled: do it, or every kernel compiles course_lib
	@# again where PYTHONDONTWRITEBYTECODE is set (as on the course's CI machines)
	@$(PY) -m compileall -q course_lib
	@touch $(LAB_STAMP)

$(STAMP): pyproject.toml
	$(make_venv)
	@echo "Installing the course and its test tools into $(VENV) (first time takes about two minutes)..."
	@$(PIP_INSTALL) -e ".[test]"
	@$(PY) -m compileall -q course_lib
	@touch $(LAB_STAMP) $(STAMP)

$(BENCH_STAMP): $(STAMP)
	@echo "Adding the benchmark tools to $(VENV)..."
	@$(PIP_INSTALL) -e ".[test,bench]"
	@touch $(BENCH_STAMP)
# --- END install stamps --------------------------------------------------------------------

# As root (a container, a cloud VM) JupyterLab refuses to start without --allow-root: add it,
# and say so. LAB_ARGS passes more options, e.g. `make lab LAB_ARGS=--no-browser`.
# The server's root is the repository (root_dir), not the folder of the notebook it opens:
# otherwise the file browser shows only notebooks/ and the exercises/ cannot be reached.
# The course's .venv/bin goes first on PATH, so a JupyterLab terminal finds `csto` (lesson 00
# and the exercises tell learners to run `csto check` there) and the course's python.
LAB_ARGS ?=
lab: $(LAB_STAMP)
	@if [ "$$(id -u)" = 0 ]; then \
	  echo "make lab: running as root (as in a container or a cloud VM), so JupyterLab starts with --allow-root."; \
	  root_flag=--allow-root; \
	fi; \
	PATH="$(abspath $(VENV))/bin:$$PATH" exec $(VENV)/bin/jupyter lab $$root_flag --ServerApp.root_dir="$(CURDIR)" $(LAB_ARGS) notebooks/00-start-here.ipynb

# Debian packages the tests need: chromium (browser tests), bubblewrap (grading sandbox).
system-deps:
	@bash scripts/system-deps.sh

# The suite runs in two parts and fails if either fails: the tests, then nbval over the
# lessons, one lesson per worker (each lesson's cells stay in order in one kernel).
NBVAL_WORKERS ?= 2
test: install system-deps site-deps hub-node
	@status=0; \
	$(PY) -m pytest tests $(PYTEST_ARGS) || status=1; \
	$(MAKE) --no-print-directory nbval || status=1; \
	exit $$status

nbval: install
	$(PY) -m pytest -n $(NBVAL_WORKERS) --dist loadfile notebooks --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg $(PYTEST_ARGS)

# Everything but the browser and the notebooks: a quick loop while editing the library.
test-fast: install site-deps
	$(PY) -m pytest tests -m "not browser and not slow and not hub" $(PYTEST_ARGS)

bench: install-bench system-deps site-deps hub-node
	$(PY) -m bench.run

exercises: install
	$(VENV)/bin/csto build --exercises-only

# Re-execute every lesson in a fresh kernel and store its outputs (after a data or chart
# change: nbval compares the stored outputs), then check the navigation cells.
notebooks: install
	cd notebooks && for f in [0-9][0-9]-*.ipynb; do \
	  MPLBACKEND=Agg ../$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.record_timing=False "$$f" || exit 1; done
	$(PY) scripts/make_navigation.py --check

# --- the course website (book/, scripts/build_site.py; tests in tests/site) -----------------
# The site's Python packages (pyproject extra `site`) and its npm packages (book/package.json:
# the widget renderer, bundled so that no page loads from a CDN), installed when they change.
SITE_STAMP := $(VENV)/.site-installed
NPM_STAMP  := book/node_modules/.installed

site-deps: $(SITE_STAMP) $(NPM_STAMP)

$(SITE_STAMP): $(STAMP) pyproject.toml
	@echo "Installing the website's packages (pyproject extra: site)..."
	@$(PY) -m pip install --quiet --disable-pip-version-check -e ".[site]"
	@touch $(SITE_STAMP)

$(NPM_STAMP): book/package.json book/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make site needs npm (Debian: apt-get install npm)" >&2; exit 1; }
	cd book && npm ci --no-audit --no-fund --loglevel=error
	@touch $(NPM_STAMP)

# Builds from the stored outputs (nothing is executed); fails on any Sphinx warning.
site: install system-deps site-deps
	$(PY) scripts/build_site.py
# ------------------------------------------------------------------------------------------

clean:
	rm -rf $(VENV) artifacts .pytest_cache build/site book/node_modules build/learner-edition hub/node_modules

# --- BEGIN learner edition and hub ----------------------------------------------------------
# The course without its answers, in build/learner-edition/; PUBLISH=1 also commits it to the
# branch learner-edition of this repository (what nbgitpuller links pull).
learner-edition: install-lab
	$(PY) scripts/make_learner_edition.py $(if $(PUBLISH),--publish)

# configurable-http-proxy, from npm, into hub/node_modules (hub/package.json; nothing global).
HUB_PROXY := hub/node_modules/.bin/configurable-http-proxy
hub-node: $(HUB_PROXY)
$(HUB_PROXY): hub/package.json hub/package-lock.json
	cd hub && npm ci --no-audit --no-fund --loglevel=error
	@touch $(HUB_PROXY)

# A local JupyterHub with HUB_LEARNERS real learner accounts (as root: it runs useradd), the
# course environment and the learner edition; Ctrl-C stops it and removes the accounts.
HUB_LEARNERS ?= 3
hub: install hub-node
	$(PY) -m hub.localhub --learners $(HUB_LEARNERS)
# --- END learner edition and hub ------------------------------------------------------------

