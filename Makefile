# unionstats — run `make help` for the list of targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

RAW ?= data/raw
PROCESSED ?= data/processed

.PHONY: help setup demo test lint format lab bench bench-scaling clean-data

help: ## Show this list of targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install unionstats (editable) with its test tools

demo: setup ## Sample data if data/raw is empty, ingest, validate, brief of the latest period
	@if [ -z "$$(ls -A $(RAW) 2>/dev/null | grep -v -x -e README.md -e .gitkeep)" ]; then \
		$(BIN)/unionstats sample $(RAW); \
	fi
	@$(BIN)/unionstats ingest $(RAW) --out $(PROCESSED); status=$$?; \
		if [ $$status -ne 0 ] && [ $$status -ne 3 ]; then exit $$status; fi
	@$(BIN)/unionstats validate --processed $(PROCESSED)
	@echo "Đang lập bản tin kỳ mới nhất (papermill)…"
	@$(BIN)/unionstats brief --processed $(PROCESSED)

test: setup ## Run ruff and the whole test suite
	$(BIN)/ruff check unionstats tests benchmarks notebooks
	$(BIN)/python -m pytest -q

lint: setup ## Run ruff only
	$(BIN)/ruff check unionstats tests benchmarks notebooks

format: setup ## Format the code with ruff
	$(BIN)/ruff format unionstats tests benchmarks notebooks

lab: setup ## Open JupyterLab on the notebooks (installs the lab extra once)
	@$(BIN)/python -c "import jupyterlab" 2>/dev/null || $(BIN)/python -m pip install --quiet -e ".[test,lab]"
	$(BIN)/jupyter lab notebooks/

bench: setup ## Benchmark ingest on a 2000-file corpus (FILES=N to change); see benchmarks/README.md
	@$(BIN)/python -c "import xlrd" 2>/dev/null || $(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python benchmarks/bench_ingest.py --files $(or $(FILES),2000)

bench-scaling: setup ## Re-ingest after one added file at 2000 and 20000 files, alternating (minutes; corpora kept)
	@$(BIN)/python -c "import xlrd" 2>/dev/null || $(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python benchmarks/bench_scaling.py

clean-data: ## Remove generated data (processed store, figures, reports); never data/raw
	rm -rf $(PROCESSED)/.versions $(PROCESSED)/current $(PROCESSED)/.lock $(PROCESSED)/*.parquet \
		$(PROCESSED)/*.csv $(PROCESSED)/summary.json figures/*.png figures/*.svg reports/*/
