# Two entry points for a newcomer (see README): `make demo` and `make test`.
# Both create the virtual environment .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck unit docs bench fuzz fuzz-cov test-pythons clean

# Packages go in with uv (installed first, by pip): about 3 s where pip takes about 40 s for the same set,
# measured on this machine; pip itself is the fallback where uv cannot reach an index.
install = $(BIN)/uv pip install --quiet --python $(1) $(2) || $(1) -m pip install --quiet $(2)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv
	$(call install,$(BIN)/python,-e '.[dev]')
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

test: $(STAMP) lint typecheck unit docs test-pythons

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks docs
	$(BIN)/ruff format --check src tests benchmarks docs

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

# The suite runs on every core (pytest-xdist; `make unit PYTEST_WORKERS=0` runs it in one process).
# Timing tests measure CPU time or compare runs made side by side, so parallel workers do not fail them.
PYTEST_WORKERS ?= auto

unit: $(STAMP)
	$(BIN)/pytest -q -n $(PYTEST_WORKERS)

docs: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html
	$(BIN)/sphinx-build -W --keep-going -q -b doctest docs docs/_build/doctest

# The suite on the other Python versions pyproject declares (.venv has python3's, 3.11 in CI).
# Each found interpreter gets build/venv-3.X with the package's extras and pytest; a version not on
# this machine is skipped, loudly.  Looked for: $$PYENV_ROOT/versions/3.X.*, then python3.X on PATH.
# Every test runs, with a fifth of the hypothesis examples (GOVINFO_HYPOTHESIS=compat, tests/budget.py):
# these runs check the code on that Python; the main run searches deep.
PYTHON_VERSIONS ?= 3.10 3.12 3.13
PYENV_ROOT ?= $(HOME)/.pyenv

test-pythons: $(STAMP)
	@failed=""; \
	for v in $(PYTHON_VERSIONS); do \
		py=$$(ls -d $(PYENV_ROOT)/versions/$$v.*/bin/python 2>/dev/null | sort -V | tail -n 1); \
		[ -n "$$py" ] || py=$$(command -v python$$v || true); \
		if [ -z "$$py" ]; then echo "test-pythons: Python $$v not found on this machine: SKIPPED"; continue; fi; \
		echo "== Python $$v ($$py)"; \
		if ! $(MAKE) --no-print-directory build/venv-$$v/.installed-stamp PY_FOR=$$py; then failed="$$failed $$v(install)"; continue; fi; \
		GOVINFO_HYPOTHESIS=compat build/venv-$$v/bin/pytest -q -x -n $(PYTEST_WORKERS) -p no:cacheprovider || failed="$$failed $$v"; \
	done; \
	if [ -n "$$failed" ]; then echo "test-pythons: FAILED on$$failed"; exit 1; fi

build/venv-%/.installed-stamp: pyproject.toml $(STAMP)
	$(PY_FOR) -m venv build/venv-$*
	$(call install,build/venv-$*/bin/python,-e '.[all]' 'pytest>=8' 'pytest-xdist>=3.5' 'hatchling>=1.25')
	touch $@

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_parse.py

fuzz: $(STAMP)
	GOVINFO_FUZZ=1 $(BIN)/pytest -q tests

# Coverage-guided fuzzing with atheris (libFuzzer), FUZZ_SECONDS per harness (fuzz/README.md).
# The corpus grows in build/fuzz-corpus/<harness>; crashes and slow inputs go to build/fuzz-found/<harness>.
FUZZ_SECONDS ?= 60
FUZZ_HARNESSES ?= parse validate html loads
FUZZ_FLAGS ?= -timeout=10 -rss_limit_mb=2048 -max_len=16384 -dict=fuzz/report.dict
FUZZ_STAMP := $(VENV)/.fuzz-stamp

$(FUZZ_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[fuzz]'
	touch $(FUZZ_STAMP)

fuzz-cov: $(FUZZ_STAMP)
	$(BIN)/python fuzz/make_corpus.py build/fuzz-corpus
	@for h in $(FUZZ_HARNESSES); do \
		mkdir -p build/fuzz-found/$$h; \
		echo "== fuzz_$$h for $(FUZZ_SECONDS) s"; \
		GOVINFO_FUZZ_KEEP_GOING=build/fuzz-found/$$h $(BIN)/python fuzz/fuzz_$$h.py build/fuzz-corpus/$$h \
			-max_total_time=$(FUZZ_SECONDS) -artifact_prefix=build/fuzz-found/$$h/ $(FUZZ_FLAGS) \
			-print_final_stats=1 || echo "== fuzz_$$h stopped (see build/fuzz-found/$$h)"; \
	done
	@echo "findings (build/fuzz-found):"; \
	for f in $$(find build/fuzz-found -name '*.txt' | sort); do echo "  $$f: $$(head -n 1 $$f)"; done; \
	find build/fuzz-found -name 'timeout-*' -o -name 'oom-*' -o -name 'crash-*' ! -name '*.txt' ! -name '*.bin' | sed 's/^/  libFuzzer: /'

clean:
	rm -rf $(VENV) docs/_build .mypy_cache .pytest_cache .ruff_cache build/fuzz-corpus build/fuzz-found
