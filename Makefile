# nonprolif-kg: `make graph` builds the bundled corpus, `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= build
CORPUS ?= corpus

.DEFAULT_GOAL := help

.PHONY: help graph test lint format install docs bench fuzz clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## Create .venv and install the project

graph: $(VENV)/.installed ## Build the graph of corpus/ into build/
	$(BIN)/nonprolif-kg build $(CORPUS)/ --out $(OUT)/

test: $(VENV)/.installed-dev ## Run the whole test suite
	$(BIN)/python -m pytest

docs: $(VENV)/.installed-dev ## Write HTML documentation of the ontology and shapes to build/docs/
	$(BIN)/python -m nonprolif_kg.docs $(OUT)/docs

BENCH_SIZES ?= 100 1000 10000
bench: $(VENV)/.installed-dev ## Benchmarks: validation, summary, a long paragraph, full builds of BENCH_SIZES documents
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_summary.py
	$(BIN)/python benchmarks/bench_long.py
	$(BIN)/python benchmarks/bench_build.py $(BENCH_SIZES)

FUZZ_EXAMPLES ?= 2000
fuzz: $(VENV)/.installed-dev ## Property tests of the whole pipeline with many examples (FUZZ_EXAMPLES=2000)
	NONPROLIF_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/test_properties.py \
		-p no:cacheprovider --hypothesis-show-statistics -q

lint: $(VENV)/.installed-dev ## Check style (ruff) and types (mypy)
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks
	$(BIN)/mypy

format: $(VENV)/.installed-dev ## Format the code with ruff
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

clean: ## Remove build outputs and caches (keeps .venv)
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache .hypothesis dist
