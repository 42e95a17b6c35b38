# Two entry points for a newcomer (see README): `make demo` and `make test`.
# Both create the virtual environment .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck unit docs bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The main job on seeds/: validate every report, then write the facts of their tables.
# Seed 003 really does contradict itself (prose totals that its parts do not
# add up to): `check` reports it and would exit 1; --exit-zero keeps the demo
# going (unreadable files would still fail it).
demo: $(STAMP)
	$(BIN)/govinfo-reports check --exit-zero seeds/
	@mkdir -p build
	$(BIN)/govinfo-reports facts seeds/ --output build/seeds-facts.csv
	@echo "facts of seeds/ written to build/seeds-facts.csv"

test: $(STAMP) lint typecheck unit docs

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks docs
	$(BIN)/ruff format --check src tests benchmarks docs

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

unit: $(STAMP)
	$(BIN)/pytest -q

docs: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html
	$(BIN)/sphinx-build -W --keep-going -q -b doctest docs docs/_build/doctest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_parse.py

fuzz: $(STAMP)
	GOVINFO_FUZZ=1 $(BIN)/pytest -q tests

clean:
	rm -rf $(VENV) docs/_build .mypy_cache .pytest_cache .ruff_cache
