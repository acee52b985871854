# tiebook: `make run` to try it on a demo network, `make test` to run every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The demo lives in its own data directory so it never mixes with your real network.
DEMO_HOME ?= $(CURDIR)/.tiebook-demo
POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/test
PORT ?= 8000

.PHONY: run test test-postgres bench bench-postgres lint format screenshots clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	TIEBOOK_HOME=$(DEMO_HOME) $(BIN)/tiebook init
	TIEBOOK_HOME=$(DEMO_HOME) $(BIN)/tiebook demo --if-empty
	TIEBOOK_HOME=$(DEMO_HOME) $(BIN)/tiebook due --limit 10
	@echo
	@echo "The command line on the demo: export TIEBOOK_HOME=$(DEMO_HOME); $(BIN)/tiebook --help"
	@echo "A new sign-in link for the demo: TIEBOOK_HOME=$(DEMO_HOME) $(BIN)/tiebook login-link --port $(PORT)"
	@echo
	TIEBOOK_HOME=$(DEMO_HOME) $(BIN)/tiebook serve --port $(PORT)

test: $(VENV)/.installed-test
	$(BIN)/ruff check tiebook tests scripts
	$(BIN)/pytest

test-postgres: $(VENV)/.installed-test
	TIEBOOK_DATABASE_URL=$(POSTGRES_URL) TIEBOOK_TEST_REQUIRE_DATABASE=postgresql $(BIN)/pytest

# The figures at 100,000 people against their goals, into docs/benchmarks.md; not a test.
# Options through BENCH_ARGS, e.g. make bench BENCH_ARGS="--quick" or "--only pages".
bench: $(VENV)/.installed
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/python scripts/bench.py $(BENCH_ARGS)

bench-postgres: $(VENV)/.installed
	TIEBOOK_DATABASE_URL=$(POSTGRES_URL) PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/python scripts/bench.py $(BENCH_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check tiebook tests scripts
	$(BIN)/ruff format --check tiebook tests scripts

format: $(VENV)/.installed-test
	$(BIN)/ruff format tiebook tests scripts
	$(BIN)/ruff check --fix tiebook tests scripts

screenshots: $(VENV)/.installed-test
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) $(DEMO_HOME) build *.egg-info
