# CSTO in Data: every target bootstraps .venv on first use.
#   make lab        open the course in JupyterLab
#   make test       the whole test suite (library, data, notebooks, grading, browser)
#   make nbval      only the lessons under nbval (part of make test)
#   make bench      the benchmarks (ratios against floors, written to bench/results.json)
#   make exercises  regenerate exercises/ from solutions/
#   make notebooks  re-execute the lessons and store their outputs
#   make site       the course website, its PDF and offline zip, in build/site/html (offline)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: install lab test nbval test-fast bench exercises notebooks system-deps clean site site-deps

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing the course into $(VENV) (first time takes about two minutes)..."
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@# an editable install is not byte-compiled: do it, or every kernel compiles course_lib
	@# again where PYTHONDONTWRITEBYTECODE is set (as on the course's CI machines)
	@$(PY) -m compileall -q course_lib
	@touch $(STAMP)

lab: install
	$(VENV)/bin/jupyter lab notebooks/00-start-here.ipynb

# Debian packages the tests need: chromium (browser tests), bubblewrap (grading sandbox).
system-deps:
	@bash scripts/system-deps.sh

# The suite runs in two parts and fails if either fails: the tests, then nbval over the
# lessons, one lesson per worker (each lesson's cells stay in order in one kernel).
NBVAL_WORKERS ?= 2
test: install system-deps site-deps
	@status=0; \
	$(PY) -m pytest tests $(PYTEST_ARGS) || status=1; \
	$(MAKE) --no-print-directory nbval || status=1; \
	exit $$status

nbval: install
	$(PY) -m pytest -n $(NBVAL_WORKERS) --dist loadfile notebooks --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg $(PYTEST_ARGS)

# Everything but the browser and the notebooks: a quick loop while editing the library.
test-fast: install site-deps
	$(PY) -m pytest tests -m "not browser and not slow" $(PYTEST_ARGS)

bench: install system-deps site-deps
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
	rm -rf $(VENV) artifacts .pytest_cache build/site book/node_modules
