# The README's two set-up commands are `make demo` and `make test`; each creates .venv by itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo shell test test-fast browser-deps lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "kazkg needs Python 3.11+")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kazkg build corpus/ -o exports/graph.ttl
	$(BIN)/kazkg render -o exports/graph.html
	$(BIN)/kazkg query --name listed_by

# A shell with .venv on PATH, so the README's `kazkg …` commands run as written (exit to leave).
shell: $(STAMP)
	@echo "kazkg is on PATH in this shell ($(abspath $(BIN))); type exit to leave" >&2
	@PATH="$(abspath $(BIN)):$$PATH" VIRTUAL_ENV="$(abspath $(VENV))" $${SHELL:-/bin/sh}

browser-deps: $(STAMP)
	bash scripts/install-browser.sh $(BIN)/python

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not browser"

lint: $(STAMP)
	$(BIN)/python -m ruff check graph ontology tests bench

bench: $(STAMP)
	$(BIN)/python bench/nlp.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
