# make run   : set up .venv, build the store from the shipped snapshot, serve on http://127.0.0.1:8050
# make test  : set up .venv with test tools (+ axe-core from npm), build the store, run every test
# make bench : the performance benchmark (not part of CI)
# make mutation : mutation testing (mutmut) of etl/transform, analysis and dashboard/data; long (see README), not in CI
# make plotly-bundle : rebuild the committed Plotly bundle (dashboard/web/plotly_bundle) from the pinned npm packages
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
REQ_HASH := $(shell cat requirements.txt | sha256sum | cut -c1-12)
DEV_HASH := $(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-12)
RUNTIME_STAMP := $(VENV)/.runtime-$(REQ_HASH)
DEV_STAMP := $(VENV)/.dev-$(DEV_HASH)
STORE := data/store/manifest.json
STORE_INPUTS := $(shell find etl data/raw -type f -not -path '*/__pycache__/*' 2>/dev/null)
PYTEST_ARGS ?=

.PHONY: run test bench lint store demo refresh clean browser-deps web-deps plotly-bundle check-plotly-bundle \
	mutation mutation-results

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt -c constraints.txt
	rm -f $(VENV)/.runtime-* && touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	rm -f $(VENV)/.dev-* && touch $@

$(STORE): $(STORE_INPUTS) | $(RUNTIME_STAMP)
	$(BIN)/python -m etl build

store: $(RUNTIME_STAMP) $(STORE)

run: $(RUNTIME_STAMP) $(STORE)
	$(BIN)/python -m dashboard

# The Plotly bundle is committed (production needs no node); these rebuild it and check it matches its recipe.
plotly-bundle: node_modules/.package-lock.json
	node dashboard/web/plotly_bundle/build.js

check-plotly-bundle: node_modules/.package-lock.json
	node dashboard/web/plotly_bundle/build.js --check

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

browser-deps:
	@if ! command -v chromium >/dev/null && [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	  else echo "Browser tests need Debian's chromium: sudo apt-get install chromium chromium-driver" >&2; exit 1; fi; fi

web-deps:
	@deploy/install-nginx.sh

test: $(DEV_STAMP) $(STORE) node_modules/.package-lock.json browser-deps web-deps check-plotly-bundle
	$(BIN)/ruff check etl dashboard analysis bench tests
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check etl dashboard analysis bench tests
	$(BIN)/lint-imports

bench: $(DEV_STAMP) $(STORE) browser-deps
	$(BIN)/python -m bench

# Mutation testing: [tool.mutmut] in pyproject.toml says what is mutated and which tests run. Results are kept in
# mutants/ (a re-run only tests what changed; `rm -rf mutants` starts over). MUTATION_JOBS workers, niced.
# The dashboard's tests read a store built once here (MUTATION_STORE, an absolute path: mutmut runs them inside
# mutants/), not one built per mutant. MUTANTS: mutmut's name patterns, e.g. MUTANTS='dashboard.data.*' (all if empty;
# naming mutants re-runs them). One thread per library: mutmut forks a process that has run the tests once, and a
# thread pool (OpenMP, BLAS, Arrow) inherited that way hung children until their timeout (counted as caught).
MUTATION_JOBS ?= 2
MUTANTS ?=
mutation: $(DEV_STAMP) $(STORE)
	MUTATION_STORE=$(CURDIR)/data/store OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
	  ARROW_DEFAULT_MEMORY_POOL=system nice -n 10 $(BIN)/mutmut run --max-children $(MUTATION_JOBS) $(MUTANTS) \
	  | tr '\r' '\n' | grep -v -e '^ *$$' -e '⠋\|⠙\|⠹\|⠸\|⠼\|⠴\|⠦\|⠧\|⠇\|⠏' ; \
	  test $${PIPESTATUS[0]} -eq 0
	@$(MAKE) --no-print-directory mutation-results

# The summary of the last run: mutants per module and status, the score, and the names of the surviving mutants
# (`$(BIN)/mutmut show NAME` prints one as a diff; `$(BIN)/mutmut browse` to explore them).
mutation-results:
	@$(BIN)/python tests/mutation_summary.py --survivors

demo: $(RUNTIME_STAMP)
	$(BIN)/python -m etl demo

refresh: $(RUNTIME_STAMP)
	$(BIN)/python -m etl refresh

clean:
	rm -rf data/store .pytest_cache .ruff_cache
