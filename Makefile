# The whole set-up on a fresh machine is `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= seeds
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint format bench tempeval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Browser tests and server-side PNG export drive the system Chromium.
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null

run: $(VENV)/.installed
	$(BIN)/streamlit run app.py --server.port $(PORT) -- --corpus $(CORPUS) $(if $(STORE),--store $(STORE))

test: $(VENV)/.installed-dev $(CHROMIUM)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Throughput, accuracy, scaling (news-size articles) and dashboard work, side by side (about 20 minutes with 100k articles).
bench: $(VENV)/.installed-dev
	$(BIN)/python -m benchmarks.scale

# TempEval-3 score of the tagger next to a dateparser baseline: make tempeval TEMPEVAL=path/to/tempeval3
tempeval: $(VENV)/.installed
	$(BIN)/python benchmarks/tempeval.py $(TEMPEVAL)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
