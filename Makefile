# The README's commands. Each target sets up what it needs: a fresh machine needs only
# Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The browser tests drive Debian's Chromium; only `make test` needs it, never `make chat`.
CHROMIUM ?= $(or $(COACH_TEST_CHROMIUM),/usr/bin/chromium)
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: chat test lint typecheck bench check-python system-deps clean

chat: $(STAMP)
	$(BIN)/coach chat

test: $(STAMP) system-deps
	$(BIN)/pytest -n auto

# Installs Chromium with apt-get when it is missing (sudo unless already root), with a font so
# screenshots and the printed brief have legible text on a bare machine. A failure here
# does not stop `make test`: the browser tests then skip, naming what is missing, or fail where
# COACH_TEST_REQUIRE_BROWSER is set (as in CI).
system-deps:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
	  echo "system-deps: no apt-get here; install Chromium yourself and set COACH_TEST_CHROMIUM" >&2; \
	else \
	  echo "system-deps: installing Chromium for the browser tests (apt-get)"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q \
	  && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core \
	  || echo "system-deps: could not install Chromium; the browser tests will say so" >&2; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check bot tests benchmarks
	$(BIN)/ruff format --check bot tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/engine_latency.py
	$(BIN)/python benchmarks/knowledge.py
	$(BIN)/python benchmarks/lens.py
	$(BIN)/python benchmarks/telegram_load.py
	$(BIN)/python benchmarks/telegram_load.py --lens off --crisis-layer off
	$(BIN)/python benchmarks/dashboard.py

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.11)")'

$(STAMP): pyproject.toml | check-python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
