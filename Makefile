# copbot: `make run` starts the bot, `make test` checks everything. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-postgres lint typecheck unit chromium bench knowledge-check clean

# The venv is made here, never committed. A stamp is only as good as the venv under it: forget it (before make looks at it) when
# .venv/bin/python does not run, e.g. a venv made on another machine or by another Python.
ifneq ($(shell $(BIN)/python -c 'print("ok")' 2>/dev/null),ok)
$(shell rm -f $(STAMP))
endif

$(STAMP): pyproject.toml
	$(BIN)/python -c 'import sys' 2>/dev/null || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/copbot run

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

knowledge-check: $(STAMP)
	$(BIN)/copbot knowledge check

# The browser tests (tests/browser) drive Debian's chromium: installed here when missing.
chromium:
	.ci/chromium

unit: $(STAMP) chromium
	$(BIN)/python -m pytest -q

test: lint typecheck knowledge-check unit

# The whole suite once more with every test on PostgreSQL (needs COPBOT_TEST_POSTGRES_URL,
# e.g. `eval "$$(.ci/postgres)"`).
test-postgres: $(STAMP) chromium
	COPBOT_TEST_BACKEND=postgres $(BIN)/python -m pytest -q

# Measured, never asserted: search quality and speed; copbot's CPU per update, cold start, RSS
# and broadcast pace beside a bare python-telegram-bot echo bot (a few minutes).
bench: $(STAMP)
	$(BIN)/python tests/bench/bench_search.py
	$(BIN)/python tests/bench/bench_bot.py
	$(BIN)/python tests/bench/bench_dashboard.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build *.egg-info
