# unionstats — run `make help` for the list of targets. Each target is a task of tasks.py,
# which Windows runs without make: `py tasks.py demo`, `py tasks.py test`.
.DEFAULT_GOAL := help
PYTHON ?= python3

.PHONY: help setup demo test lint format lab bench bench-scaling windows-check clean-data

help: ## Show this list of targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

setup: ## Create .venv and install unionstats (editable) with its test tools
	@$(PYTHON) tasks.py setup

demo: ## Sample data if data/raw is empty, ingest, validate, brief of the latest period
	@$(PYTHON) tasks.py demo

test: ## Run ruff and the whole test suite
	@$(PYTHON) tasks.py test

lint: ## Run ruff only
	@$(PYTHON) tasks.py lint

format: ## Format the code with ruff
	@$(PYTHON) tasks.py format

lab: ## Open JupyterLab on the notebooks (installs the lab extra once; tasks.py lab FOLDER: a province project)
	@$(PYTHON) tasks.py lab

bench: ## Benchmark ingest on a 2000-file corpus (FILES=N to change); see benchmarks/README.md
	@$(PYTHON) tasks.py bench --files $(or $(FILES),2000)

bench-scaling: ## Re-ingest after one added file at 2000 and 20000 files, alternating (minutes)
	@$(PYTHON) tasks.py bench-scaling

windows-check: ## The flow and the store's tests under Windows Python (Wine); see docs/windows.md
	@$(PYTHON) tasks.py windows-check

clean-data: ## Remove generated data (processed store, figures, reports); never data/raw
	@$(PYTHON) tasks.py clean-data
