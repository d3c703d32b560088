# provenance: make run (demo on seeds/), make test, make eval, make train, make bench, make fuzz, make lint
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: run test eval train bench fuzz lint install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,dask]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@$(BIN)/provenance claims seeds/

test: $(STAMP)
	$(BIN)/pytest

eval: $(STAMP)
	$(BIN)/python eval/run_eval.py --shared $(SHARED)

train: $(STAMP)
	$(BIN)/python eval/train_attribution.py --shared $(SHARED) --write

bench: $(STAMP)
	$(BIN)/python bench/stages.py --shared $(SHARED) --min-words 200000
	$(BIN)/python bench/bench.py --shared $(SHARED) --docs 20000
	$(BIN)/python bench/spread.py --shared $(SHARED) --copies 40 1000
	$(BIN)/python bench/incremental.py --stores 10000 100000
	$(BIN)/python bench/long.py --shared $(SHARED) --megabytes 10
	$(BIN)/python bench/report.py --shared $(SHARED) --docs 5000
	$(BIN)/python bench/pages.py --shared $(SHARED)
	$(BIN)/python bench/dask_engine.py --shared $(SHARED) --words 200000 --claims 1000000

fuzz: $(STAMP)
	$(BIN)/python fuzz/fuzz.py --cases 5000

lint: $(STAMP)
	$(BIN)/ruff check src tests eval bench fuzz
	$(BIN)/ruff format --check src tests eval bench fuzz
	$(BIN)/mypy src
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache .mypy_cache
