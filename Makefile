# Pattern Roadmap. Two commands for a newcomer:
#   make serve   build and serve the site at http://127.0.0.1:8000/
#   make test    lint, then run every test (unit, build, browser)
# Each installs what it needs: a virtualenv, the Python and npm packages, and (for tests) Chromium.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
ESLINT := npx --no-install eslint --config tests/js/eslint.config.mjs docs/assets/javascripts tests/js
# The import contracts in pyproject.toml ([tool.importlinter]): imports run one way.
IMPORTS := $(BIN)/lint-imports --no-cache

.PHONY: serve build test lint bench fuzz schema validate install clean

serve: install
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --strict

test: install /usr/bin/chromium
	$(BIN)/ruff check hooks tests docs/guides/code
	$(IMPORTS)
	$(ESLINT)
	node --test tests/js/
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check hooks tests docs/guides/code
	$(IMPORTS)
	$(ESLINT)

bench: install
	$(BIN)/python tests/bench.py

# Ten times the test command's fuzzing cases (Hypothesis and fast-check, reproducible).
fuzz: install
	FUZZ_SCALE=10 $(BIN)/python -m pytest tests/unit/test_fuzz.py -q
	FUZZ_SCALE=10 node --test tests/js/

# Validate roadmap_data/ without building; rewrite the JSON Schema editors use.
validate: install
	$(BIN)/python hooks/cli.py validate
	$(BIN)/python hooks/cli.py prose

schema: install
	$(BIN)/python hooks/cli.py schema

install: $(VENV)/.installed node_modules/.package-lock.json

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

# Debian's Chromium drives the browser tests (Playwright never downloads a browser here).
/usr/bin/chromium:
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium

clean:
	rm -rf site .pytest_cache
