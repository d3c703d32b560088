# provenance: make run (demo on seeds/), make test, make eval, make bench, make lint
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: run test eval bench lint install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/provenance claims seeds/

test: $(STAMP)
	$(BIN)/pytest

eval: $(STAMP)
	$(BIN)/python eval/run_eval.py --shared $(SHARED)

bench: $(STAMP)
	$(BIN)/python bench/bench.py --shared $(SHARED)

lint: $(STAMP)
	$(BIN)/ruff check src tests eval bench
	$(BIN)/ruff format --check src tests eval bench
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache .mypy_cache
