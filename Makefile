# delaftale: `make install`, `make demo`, `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck unit system-deps samples corpus eval schema bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,ocr,parquet]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/delaftale parse samples/viborg-uddannelse.docx

lint: $(STAMP)
	$(BIN)/ruff check src tests tools bench
	$(BIN)/ruff format --check src tests tools bench

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -q

# system-deps installs tesseract, poppler and LibreOffice where it can (root or sudo) and
# otherwise names them; the tests needing a missing one are skipped with that hint.
system-deps:
	@bash tools/system_deps.sh

test: system-deps lint typecheck unit

schema: $(STAMP)
	$(BIN)/delaftale schema --out schemas
	$(BIN)/python -m delaftale_cli.codes   # docs/warnings.md

samples: $(STAMP)
	$(BIN)/python tools/build_samples.py

# The ground-truth corpus (needs LibreOffice, poppler-utils, tesseract): build/corpus/
corpus: $(STAMP)
	$(BIN)/python -m tools.corpus.build --jobs 2

# Parse the whole corpus and measure it against its truth (a benchmark, not a test)
eval: $(STAMP)
	$(BIN)/python -m tools.corpus.evaluate --jobs 2

bench: $(STAMP)
	$(BIN)/python bench/run_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache bench/work
